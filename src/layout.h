/* layout.h: a realized document and its style -> one vertical list.
 *
 * Layout decides where things go: the header, section titles with their
 * rules, entries as two columns (text on the left, place and date flush
 * right), bullet lists with hanging indents, numbered lists, tables whose
 * cells hold lists. It expresses every "keep together" and "break here"
 * as a penalty for the page builder. What the text says is settled before
 * (realize.c); layout reads only the realized document and the style.
 */
#ifndef CVPDF_LAYOUT_H
#define CVPDF_LAYOUT_H

#include "page.h"
#include "realize.h"
#include "style.h"

/* A document's layout: its fonts, found once and kept for every layout of
 * the document (fitting to a page count lays it out many times). */
struct layout;

/* Find the fonts of style s for r. Returns NULL (errors reported) if a
 * family is missing or the margins leave no room. The layout lives in
 * c->doc; layout_free releases what it holds besides. */
struct layout *layout_new(struct ctx *c, const struct realized *r,
                          const struct style *s);
void layout_free(struct layout *l);

/* Lay the whole document out in style s: the style given to layout_new,
 * or that style shrunk (style_shrink) to fit fewer pages. Boxes go to
 * c->lay. */
void layout_cv(struct layout *l, const struct style *s, struct vlist *out);

/* Add the footer (every page) and the top note (the first page) that s
 * asks for, now that the number of pages is known. */
void layout_notes(struct layout *l, const struct style *s,
                  struct pages *pages);

/* The page size and margins of the style. */
struct page_geometry layout_geometry(const struct style *s);

#endif
