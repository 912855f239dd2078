/* icons.h: icon names -> the pictures that draw them.
 *
 * A name (RenderCV's `fontawesome_icon`: a Font Awesome name or alias, or
 * a Fork Awesome one) is looked up in two tables built into the binary:
 * data/icons/fontawesome.tsv, the face and code point of Font Awesome 7
 * Free (what RenderCV draws with; cvpdf bundles its three faces in
 * fonts/font-awesome), and data/icons/forkawesome.tsv, the code point of
 * Fork Awesome 1.2 (Debian's fonts-fork-awesome, installed), the fallback
 * for a name Font Awesome lacks or an installation without cvpdf's fonts.
 * Which font draws an icon is layout's choice (placing.c): it knows which
 * fonts are there.
 */
#ifndef CVPDF_ICONS_H
#define CVPDF_ICONS_H

#include <stdbool.h>
#include <stdint.h>

#include "markup.h"

/* The fonts an icon is drawn in. */
enum icon_face {
  ICON_SOLID,   /* Font Awesome 7 Free Solid (fonts/font-awesome) */
  ICON_REGULAR, /* Font Awesome 7 Free Regular */
  ICON_BRANDS,  /* Font Awesome 7 Brands */
  ICON_FORK,    /* Fork Awesome (installed) */
  ICON_FACES
};

/* (a span's style has two bits for the face, sp_icon_style) */
_Static_assert(ICON_FACES <= 4, "an icon face must fit in two bits");

/* A named picture, in each font that has it. */
struct icon {
  uint32_t fa;         /* Font Awesome's code point in `face`; 0: not there */
  enum icon_face face; /* ICON_SOLID, ICON_REGULAR or ICON_BRANDS */
  uint32_t fork;       /* Fork Awesome's code point; 0: not there */
};

/* Is there an icon? (A struct icon of zeros is none.) */
static inline bool icon_any(struct icon ic) { return ic.fa || ic.fork; }

/* The icon Font Awesome names `fa` and Fork Awesome names `fork` (either
 * may be NULL, or a name its table lacks): the fields of a table that
 * lacks it are 0. */
struct icon icon_pair(const char *fa, const char *fork);

/* The icon named `name` in either table (icon_pair(name, name)): false,
 * and *out zeros, when neither has it. */
bool icon_named(const char *name, struct icon *out);

/* "solid", "regular", "brands" or "fork". */
const char *icon_face_name(enum icon_face f);

/* An SP_ICON span's face is kept in its style (markup.h), so that spans
 * of one icon font stay one run: these put it there and read it back. */
#define SP_ICON_SHIFT 8
static inline unsigned sp_icon_style(enum icon_face f) {
  return SP_ICON | (unsigned)f << SP_ICON_SHIFT;
}
static inline enum icon_face sp_icon_face(unsigned style) {
  return (enum icon_face)((style >> SP_ICON_SHIFT) & 3);
}

#endif
