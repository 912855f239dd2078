/* gpos.h: pair kerning read straight from a font's GPOS table.
 *
 * Kerning between two letters is what a CV's text needs of OpenType
 * positioning, and asking HarfBuzz to shape each pair costs thousands of
 * instructions a pair. This reads the 'kern' feature's pair-adjustment
 * lookups (PairPos formats 1 and 2, also behind Extension lookups) and
 * answers for a glyph pair directly. A font whose 'kern' feature uses
 * anything else (contextual lookups, adjustments that move the second
 * glyph's advance) is not answered: font.c then asks HarfBuzz.
 */
#ifndef CVPDF_GPOS_H
#define CVPDF_GPOS_H

#include <stdbool.h>
#include <stddef.h>

struct gpos;

/* Index the GPOS table gpos[0..len) (kept by the caller while in use).
 * NULL if there is no usable 'kern' feature. */
struct gpos *gpos_open(const unsigned char *gpos, size_t len);
void gpos_free(struct gpos *g);

/* The kerning of glyph a followed by glyph b, in font units: the change
 * in distance from a's origin to b's. False if this pair (or font) needs
 * HarfBuzz. */
bool gpos_kern(const struct gpos *g, unsigned a, unsigned b, int *out);

#endif
