/* subset.h: a TrueType font cut down to the glyphs a document draws.
 *
 * A PDF viewer draws a CIDFontType2 from six tables: glyf, loca, head,
 * hhea, hmtx and maxp (glyphs are addressed by id; the PDF carries the
 * widths and the Unicode map). sfnt_subset writes just those, for the
 * glyphs asked for plus the glyphs their composites are built from,
 * renumbered in their original order (glyph 0, .notdef, first and
 * empty), with the
 * hinting instructions left out (PDF viewers do not run them, and they
 * are often a third of a font). The result equals what hb-subset makes
 * with HB_SUBSET_FLAGS_NO_HINTING and those tables kept: the unit tests
 * compare the two glyph by glyph.
 *
 * Every read is bounds-checked: font files come from users.
 */
#ifndef CVPDF_SUBSET_H
#define CVPDF_SUBSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Subset face `index` of the font file font[0..len) (a .ttf, or a .ttc
 * collection) to the glyphs gids[0..n) (ids in the original font; 0 and
 * out-of-range ids stand for .notdef). On success: *out is a malloc'd
 * TrueType file of *out_len bytes with *nglyphs glyphs, and newgids[i] is
 * the id of gids[i] in it. False if the font is not a well-formed
 * TrueType-outline font. */
bool sfnt_subset(const unsigned char *font, size_t len, int index,
                 const unsigned *gids, int n, uint16_t *newgids,
                 unsigned char **out, size_t *out_len, int *nglyphs);

/* Where table `tag` ("GPOS") of face `index` of a font file lies: false
 * if the face or the table is not there (or lies outside the file). */
bool sfnt_table(const unsigned char *font, size_t len, int index,
                const char *tag, size_t *off, size_t *tlen);

#endif
