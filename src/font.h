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
  bool cff;        /* PostScript outlines (a CFF table), not TrueType ones */
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
/* Whether font `id` has a glyph for each of cps[0..n). */
bool font_has_all(const struct fonts *fs, int id, const uint32_t *cps, int n);
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
/* Text shaped by HarfBuzz: the glyphs of s[0..len) in visual order
 * (left to right whatever the direction), positioned as the font's
 * OpenType tables say (joining, conjuncts, reordering, mark attachment,
 * ligatures, kerning). All in 1/1000 em: adv is how far the pen moves
 * after the glyph, dx and dy move the glyph itself (dy upward). cl[i] is
 * the byte offset in s where glyph i's cluster starts: the characters a
 * glyph stands for are s[cl[i]..) up to the next cluster. */
struct shaped {
  int n;
  uint32_t *gid;
  float *adv, *dx, *dy;
  int *cl;
  double width; /* the sum of adv */
};

/* Shape s[0..len) in font `id`, right to left if rtl, in language `lang`
 * (a BCP 47 tag such as "ar", or NULL), into arrays from arena `a`.
 * HarfBuzz is loaded on the first call. False if it cannot be loaded or
 * len is 0 (*out is then empty). */
struct arena;
bool font_shape(const struct fonts *fs, int id, const char *s, int len,
                bool rtl, const char *lang, struct arena *a,
                struct shaped *out);
/* The advance of glyph `gid` in 1/1000 em, truncated as font_advance's
 * (what the PDF's /W says for it). */
int font_glyph_advance(const struct fonts *fs, int id, uint32_t gid);

/* Whether cp extends the character before it (UAX #29: a mark of any
 * kind, a joiner, a variation selector, an emoji modifier or tag), so that
 * no line may break before it. Loads HarfBuzz (for its Unicode data) for
 * what cvpdf's own table of marks does not answer. */
bool font_is_extending(const struct fonts *fs, uint32_t cp);

/* The FreeType face of font `id` (an FT_Face), for a backend that draws
 * glyphs itself (png.c). */
void *font_ft_face(const struct fonts *fs, int id);

/* Width of UTF-8 text in 1/1000 em: advances plus kerning. */
double font_text_width(const struct fonts *fs, int id, const char *s,
                       size_t len);

/* A TrueType subset of a face holding the glyphs of the code points
 * cps[0..n) and the glyphs extra[0..m) (ids in the face: glyphs that
 * shaping chose), and the glyphs they are built from, without hinting or
 * layout tables: what gets embedded in the PDF. gids[i] is the glyph of
 * cps[i] in the subset (0 if the face lacks it), gids[n + j] that of
 * extra[j]. */
struct font_subset {
  unsigned char *data; /* malloc'd TrueType file, or a bare CFF table for a
                          font with PostScript outlines */
  size_t len;
  uint16_t *gids;      /* malloc'd, n + m entries */
  int nglyphs;
};

bool font_subset(const struct fonts *fs, int id, const uint32_t *cps, int n,
                 const uint32_t *extra, int m, struct font_subset *out);
void font_subset_free(struct font_subset *s);

#endif
