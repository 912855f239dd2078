/* family.h: font families by name, and fonts for characters a family lacks.
 *
 * A family name is looked up, in order: among the families bundled in
 * fonts/ (CMU Serif, CMU Typewriter Text), in a fonts/ folder beside the CV,
 * among installed fonts (fontconfig), and finally in a table of stand-ins
 * for RenderCV's fonts that Debian lacks or ships only as CFF (Source Sans 3
 * -> Open Sans, XCharter -> Charis SIL, ...). Only TrueType-outline fonts
 * qualify: the PDF embeds glyf outlines. The icon fonts are found apart
 * (family_icon_font).
 */
#ifndef CVPDF_FAMILY_H
#define CVPDF_FAMILY_H

#include <stdbool.h>
#include <stdint.h>

#include "cvpdf.h"
#include "icons.h"

/* The four styles (regular, bold, italic, bold italic) of `name`; a style
 * the family lacks is filled with the nearest one it has. Reports an error
 * at `at` and returns false if the family cannot be found. */
bool family_find(struct ctx *c, const char *name, struct loc at,
                 int fonts[4]);

/* When family `name` is drawn with its stand-in (the family `drawn_with`),
 * the original's capital height in 1/1000 em, if known; else 0. */
int family_standin_cap(const char *name, const char *drawn_with);

/* Fallback families (typography.font_family.fallback), found only when a
 * character first needs them: a CV that never leaves its main fonts never
 * starts fontconfig. */
struct fallback {
  const char *const *names;
  int n;
  int ids[8]; /* the regular face of each family found */
  int nids;
  bool resolved;
};

/* Find the fallback families (once); those not installed are skipped. */
void family_fallback(struct ctx *c, struct fallback *fb);

/* The font of icon face `f` (icons.h): Font Awesome 7 Free's solid,
 * regular or brands face, bundled in fonts/font-awesome (cvpdf's data
 * folder), or Fork Awesome (Debian's fonts-fork-awesome, found as a family
 * is). Its id, or -1 if it is not there (nothing is reported: the caller
 * says what a missing icon font means). Opens the file: ask only for a
 * face an icon needs. */
int family_icon_font(struct ctx *c, enum icon_face f);

/* An installed font that has a glyph for cp (fontconfig, preferring fonts
 * made for cp's script), or -1; one that also has with[0..nwith) (the
 * other letters of cp's script in the same text) if there is one. The
 * font chosen for a letter of the script before is kept while it has
 * them. Results are cached for the life of c->fonts. */
int family_cover(struct ctx *c, uint32_t cp, const uint32_t *with, int nwith);
/* True the first time it is asked about `font` (in c->fonts' life) for a
 * letter of a script (not a symbol): the caller names the font
 * family_cover chose for cp, once. */
bool family_announce(struct ctx *c, int font, uint32_t cp);

/* The stand-in for a family that is not installed, or NULL. */
const char *family_standin(const char *name);

#endif
