/* tmpl.h: RenderCV's text templates: UPPERCASE placeholders in a line of
 * markup, filled from an entry's fields; dates formatted by the locale.
 *
 * A placeholder is a whole word of capitals and underscores ("INSTITUTION",
 * "MONTH_ABBREVIATION"). When an entry lacks one, the placeholder goes
 * together with the non-space characters stuck to it ("DEGREE," or
 * "*AREA*"), then the line loses trailing punctuation and spaces, and an
 * empty line disappears: RenderCV's rules, so its templates carry over.
 */
#ifndef CVPDF_TMPL_H
#define CVPDF_TMPL_H

#include "arena.h"
#include "cv.h"
#include "style.h"

/* Looks a placeholder up; returns its value or NULL if not provided. */
typedef const char *(*tmpl_lookup)(void *user, const char *name, int len);

/* Expand one template line. With `prune`, tokens holding a placeholder the
 * lookup does not know are removed (RenderCV's entry templates); without,
 * they are left as written (dates, titles). Returns NULL if nothing is
 * left of the line. */
char *tmpl_line(struct arena *a, const char *line, int len, tmpl_lookup fn,
                void *user, bool prune);

/* A date as the locale and `templates.single_date` print it. */
const char *tmpl_date(struct arena *a, const struct style *s,
                      const struct date *d);
/* The DATE of an entry: its date, or its range (START -- END), followed
 * by the time span on a line of its own when `span` is set. NULL if the
 * entry has no date. */
const char *tmpl_entry_date(struct arena *a, const struct style *s,
                            const struct entry *e, bool span,
                            const struct cv *cv);

/* The footer or top note template filled in: NAME, PAGE_NUMBER,
 * TOTAL_PAGES, CURRENT_DATE, LAST_UPDATED and the parts of today's date
 * (MONTH_NAME, YEAR, ...). Placeholders it does not know stay as written.
 * NULL if nothing is left. */
const char *tmpl_note(struct arena *a, const struct style *s,
                      const struct cv *cv, const char *tmpl, const char *name,
                      int page, int total);

#endif
