/* font.h: TrueType faces, measured exactly as libharu will draw them.
 *
 * Widths are in thousandths of an em as integers, truncated the way libharu
 * computes the /W entries viewers position glyphs by:
 *     advance = floor(hmtx_advance * 1000 / units_per_em)
 * Kerning (from GPOS or kern, through HarfBuzz) is added as a fractional
 * thousandth: the PDF backend places every kerned run at its own x, so what
 * is measured here is exactly what is drawn. Font files are mapped, checked
 * by FreeType (libharu itself has no defences against a malformed font) and
 * cached for the life of the `struct fonts`, which may span many documents.
 */
#ifndef CVPDF_FONT_H
#define CVPDF_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

struct font;

struct fonts {
  void *ft; /* FT_Library */
  struct font **v;
  int n, cap;
  /* family.c's state (fontconfig, searches made), freed by aux_free */
  void *aux;
  void (*aux_free)(void *aux);
  void *hb; /* HarfBuzz, loaded when a pair first needs shaping (font.c) */
  bool release_pages; /* give a font's pages back after subsetting it (set
                         when this is the only document) */
};

struct font_info {
  const char *path;
  const char *family;     /* e.g. "CMU Serif" */
  const char *postscript; /* e.g. "CMUSerif-Roman" */
  int units_per_em;
  double ascender, descender; /* 1/1000 em, descender negative */
  double cap_height, x_height;
  double bbox[4];      /* xmin ymin xmax ymax, 1/1000 em */
  double italic_angle; /* degrees, negative leans right */
  bool fixed_pitch, italic, serif;
  int weight; /* 100..900 (OS/2), 700 for a bold face without one */
  bool has_kerning;
  bool small_caps; /* has OpenType small capitals (a GSUB smcp feature) */
};

bool fonts_init(struct fonts *fs);
void fonts_free(struct fonts *fs);

/* Open (or find already open) face `index` of the font file at `path`.
 * Returns its id, or -1 after reporting why at `at`. */
int fonts_open(struct fonts *fs, const char *path, int index, struct diag *d,
               struct loc at);
const struct font_info *font_info(const struct fonts *fs, int id);

/* Glyph id for a code point (0 = the font lacks it). */
unsigned font_glyph(const struct fonts *fs, int id, uint32_t cp);
/* Advance of cp in 1/1000 em, truncated as libharu does. */
int font_advance(const struct fonts *fs, int id, uint32_t cp);
/* Kerning between a and b (a followed by b), in 1/1000 em. */
double font_kern(const struct fonts *fs, int id, uint32_t a, uint32_t b);
/* The same, always by shaping the pair with HarfBuzz (for tests); NAN
 * where shaping replaced a glyph (a ligature or substitution). */
double font_kern_shaped(const struct fonts *fs, int id, uint32_t a,
                        uint32_t b);
/* Whether HarfBuzz has been loaded (for tests: only a pair that gpos.c
 * cannot answer loads it). */
bool font_shaper_loaded(const struct fonts *fs);
/* Whether cp is a nonspacing mark (general category Mn), which kerning
 * leaves to HarfBuzz. */
bool font_is_mark(uint32_t cp);
/* Width of UTF-8 text in 1/1000 em: advances plus kerning. */
double font_text_width(const struct fonts *fs, int id, const char *s,
                       size_t len);

/* A TrueType subset of a face holding the glyphs of the code points
 * given (and the glyphs they are built from), without hinting or layout
 * tables: what gets embedded in the PDF. gids[i] is the glyph of cps[i] in
 * the subset (0 if the face lacks it). */
struct font_subset {
  unsigned char *data; /* malloc'd TrueType file */
  size_t len;
  uint16_t *gids;      /* malloc'd, parallel to the code points */
  int nglyphs;
};

bool font_subset(const struct fonts *fs, int id, const uint32_t *cps, int n,
                 struct font_subset *out);
void font_subset_free(struct font_subset *s);

#endif
