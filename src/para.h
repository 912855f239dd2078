/* para.h: a paragraph of styled runs -> justified lines in a vertical list.
 *
 * para_set measures the runs once (font.c), turns them into boxes, glue and
 * penalties (break opportunities from UAX #14 via libunibreak, hyphenation
 * points from hyph.c), breaks them into lines with breaker.c in TeX's
 * passes (pretolerance without hyphenation, then tolerance with it, then
 * an emergency pass), and appends one box per line to the vertical list.
 */
#ifndef CVPDF_PARA_H
#define CVPDF_PARA_H

#include <stdbool.h>
#include <stdint.h>

#include "breaker.h"
#include "cvpdf.h"
#include "family.h"
#include "markup.h"
#include "page.h"

/* How spans are set: the four styles of a family, a monospace font for
 * code, the size and colours. */
struct text_style {
  int font[4]; /* regular, bold, italic, bold italic (font ids) */
  int mono;
  /* the icon fonts, by enum icon_face, for SP_ICON spans of that face
   * (sp_icon_face; -1: not looked for, or not there) */
  int icon[ICON_FACES];
  struct fallback *fallback; /* for characters the style's font lacks (or NULL) */
  double size; /* pt */
  uint32_t color, link_color;
  uint32_t cite_color; /* a link to a place in the document ("#...") */
  bool underline_links;
  /* the capitals' height (1/1000 em) that Typst's spacing is measured
   * with, when it is not the font's own: a stand-in family keeps the
   * original's (0: the font's) */
  double cap;
};

struct para_opts {
  enum align align;
  const double *widths; /* line j is widths[min(j, nwidths-1)] pt wide */
  int nwidths;
  const double *indents; /* and starts indents[...] pt from the left (or 0) */
  int nindents;
  double baselineskip;
  /* > 0: every line's height is this and its depth 0, Typst's text edges
   * (capital height, baseline) rather than the ink's extent, so lines
   * stack at the baseline skip whatever their letters */
  double top_edge;
  bool hyphenate;
  /* a word wider than the measure is set overfull (with a warning), not
   * broken between two characters (to measure the widest word) */
  bool whole_words;
  bool keep;   /* forbid page breaks between the lines */
  const struct breaking *brk; /* NULL: TeX's defaults */
  struct loc loc;
};

/* Limits that keep any input's layout far from the arenas' hard limit
 * (an abort, see arena.c). Past one, para_set reports an error once and
 * sets nothing more in that layout; the document is not written.
 *
 * The most lines one layout sets: 2,000 pages (DOC_MAX_PAGES) of 100. */
#define PARA_MAX_LINES 200000
/* The most bytes of text one paragraph holds: 256 KiB, some 60 pages of
 * unbroken prose. Breaking a paragraph takes about 250 bytes of scratch
 * for each byte of its text (items, breakpoints, three passes), so this
 * keeps the scratch arena under 100 MB; only a template or an alias
 * repeating a text makes such a paragraph. */
#define PARA_MAX_BYTES (256 << 10)
/* The most memory one layout's products (lines, boxes, pages) take: 256
 * MiB, about 1,000 pages of text (some 250 KB a page of dense prose), a
 * quarter of the arena's hard limit; checked before each line, so one
 * paragraph more (a few MB at most) cannot reach the hard limit. A ctx
 * may set a lower one (max_layout). */
#define LAYOUT_MAX_BYTES ((size_t)256 << 20)

/* Set the paragraph; returns the number of lines appended to `out`. The
 * first line's box is out->v[k] for the k returned in *first (or -1). */
int para_set(struct ctx *c, struct spans sp, const struct text_style *ts,
             const struct para_opts *o, struct vlist *out, int *first);

/* One unbroken line of the spans at natural width (dates, labels,
 * headings): a box with the text from x = 0. */
struct box *para_hbox(struct ctx *c, struct spans sp,
                      const struct text_style *ts, struct loc loc);

/* Natural width of the spans set on one line. */
double para_width(struct ctx *c, struct spans sp, const struct text_style *ts);

/* libunibreak's break opportunities (LINEBREAK_*) for s[0..len), where the
 * paragraph builder reads them: after a character that a non-space
 * follows. Elsewhere brks holds LINEBREAK_NOBREAK. s holds no U+FFFF. */
void para_breaks(const char *s, int len, char *brks);

#endif
