/* layout.h: the CV model and its style -> one vertical list.
 *
 * Layout decides what goes where: the header, section titles with their
 * rules, entries as two columns (text on the left, place and date flush
 * right), bullet lists with hanging indents, numbered publication lists,
 * tables whose cells hold lists. It expresses every "keep together" and
 * "break here" as a penalty for the page builder.
 */
#ifndef CVPDF_LAYOUT_H
#define CVPDF_LAYOUT_H

#include "cv.h"
#include "page.h"
#include "style.h"

/* Lay the whole CV out. Returns false (errors reported) if it cannot,
 * e.g. because a font is missing or a link target is not allowed. */
bool layout_cv(struct ctx *c, const struct cv *cv, const struct style *s,
               struct vlist *out);

/* Add the footer (every page) and the top note (the first page) that the
 * style asks for, now that the number of pages is known. */
bool layout_notes(struct ctx *c, const struct cv *cv, const struct style *s,
                  const char *name, struct pages *pages);

/* The page size and margins of the style. */
struct page_geometry layout_geometry(const struct style *s);

#endif
