/* tmpl.h: RenderCV's text templates: UPPERCASE placeholders in a line of
 * markup, filled from an entry's fields; dates formatted by the locale.
 *
 * A placeholder is a whole word of capitals and underscores ("INSTITUTION",
 * "MONTH_ABBREVIATION"). When an entry lacks one, the placeholder goes
 * together with the non-space characters stuck to it ("DEGREE," or
 * "*AREA*"), then the line loses trailing punctuation and spaces, and an
 * empty line disappears: RenderCV's rules, so its templates carry over.
 *
 * A filled template is bounded (TMPL_MAX_FILL): a template may name a
 * field many times, so without a bound a short file could fill one line
 * past the document arena's limit, which aborts the process. A function
 * whose result would pass the bound returns NULL and sets *too_long, for
 * its caller to report where the template was written.
 */
#ifndef CVPDF_TMPL_H
#define CVPDF_TMPL_H

#include "arena.h"
#include "cv.h"
#include "style.h"

/* Looks a placeholder up; returns its value or NULL if not provided. */
typedef const char *(*tmpl_lookup)(void *user, const char *name, int len);

/* The most bytes a filled template may hold: 4 MiB, four times the
 * longest string a file may hold (DOC_MAX_SCALAR), so that a line naming
 * a few long fields is filled, while a template naming a long field
 * thousands of times stops here, far below the document arena's 1 GiB.
 * A CV's lines are a few hundred bytes. */
#define TMPL_MAX_FILL ((size_t)4 << 20)

/* Expand one template line. With `prune`, tokens holding a placeholder the
 * lookup does not know are removed (RenderCV's entry templates); without,
 * they are left as written (dates, titles). Returns NULL if nothing is
 * left of the line, or if the filled line would be longer than
 * TMPL_MAX_FILL: then *too_long is set (it is never cleared). */
char *tmpl_line(struct arena *a, const char *line, int len, tmpl_lookup fn,
                void *user, bool prune, bool *too_long);

/* A date as the locale and `templates.single_date` print it; NULL when
 * too long (*too_long set). */
const char *tmpl_date(struct arena *a, const struct style *s,
                      const struct date *d, bool *too_long);
/* The DATE of an entry: its date, or its range (START -- END), followed
 * by the time span on a line of its own when `span` is set. NULL if the
 * entry has no date, or if a part is too long (*too_long set). */
const char *tmpl_entry_date(struct arena *a, const struct style *s,
                            const struct entry *e, bool span,
                            const struct cv *cv, bool *too_long);

/* The footer or top note template filled in: NAME, PAGE_NUMBER,
 * TOTAL_PAGES, CURRENT_DATE, LAST_UPDATED and the parts of today's date
 * (MONTH_NAME, YEAR, ...). Placeholders it does not know stay as written.
 * NULL if nothing is left, or if it is too long (*too_long set). */
const char *tmpl_note(struct arena *a, const struct style *s,
                      const struct cv *cv, const char *tmpl, const char *name,
                      int page, int total, bool *too_long);

#endif
