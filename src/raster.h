/* raster.h: finished pages -> PNG images (cvpdf -o cv.png: cv-1.png, ...),
 * as RenderCV's previews.
 *
 * A backend beside pdf.c: it sees only pages (page.h), and draws what
 * they hold with cairo (loaded with dlopen on first use: no other output
 * maps it) on white: text by glyph id from the same FreeType faces the
 * layout measured (shaped runs at their glyphs' places), rules, and
 * photos decoded by image.c. Links and structure have no picture.
 */
#ifndef CVPDF_RASTER_H
#define CVPDF_RASTER_H

#include <stddef.h>

#include "cvpdf.h"
#include "page.h"

/* Page `pg` as a PNG at `dpi` pixels an inch, malloc'd (*len bytes); NULL
 * after an error reported at `file` (cairo missing, a photo unreadable). */
unsigned char *raster_page(struct ctx *c, const struct page *pg, double dpi,
                        const char *file, size_t *len);
/* Release what the backend keeps in c (the table of cairo's functions). */
void raster_free(struct ctx *c);

#endif
