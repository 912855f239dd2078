/* diag.h: diagnostics in the form editors understand.
 *
 *   cv.yaml:12:5: error: expected a list for 'highlights', found a mapping
 *      12 |     highlights: {a: 1}
 *         |     ^
 *
 * A `struct loc` is 1-based; line 0 means "the whole file", a NULL file
 * means "no file" (command-line problems). Errors are counted so a stage can
 * report everything it finds and the caller stops before the next stage.
 */
#ifndef CVPDF_DIAG_H
#define CVPDF_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct loc {
  const char *file;
  int line, col;
};

struct diag_source {
  const char *file;
  const char *buf;
  size_t len;
};

#define DIAG_SAID 64

/* What an older RenderCV name is today, as the stage that read it says
 * (for `cvpdf upgrade`, upgrade.c, which rewrites the file so). */
struct older_fix {
  const char *now;   /* the key's whole path today, "design.page.show_footer"
                        (NULL: it has no meaning now and is left out) */
  const char *also;  /* a second key given the same value, or NULL */
  const char *value; /* the value today when it is not the one written (a
                        boolean turned round, a renamed paper), else NULL */
  bool append;       /* joined to now's value after a line break */
  bool spelling;     /* `at` is a value whose spelling alone is older: it
                        is `value` today */
};

struct diag {
  FILE *out;          /* stderr unless a test captures it */
  int errors, warnings;
  int max_errors;     /* stop printing after this many (0 = 100) */
  bool quiet;         /* suppress warnings */
  bool silent;        /* suppress everything (messages are still counted) */
  bool verbose;       /* -v: name every older RenderCV name read */
  bool json;          /* each message one line of JSON (kind, file, line,
                         column, message, the source line quoted) */
  int older;          /* older RenderCV names read in this document */
  struct loc older_at; /* the first of them */
  /* told of each older name read, with what it is today (upgrade.c) */
  void (*on_older)(void *ud, struct loc at, const struct older_fix *fix);
  void *older_ud;
  struct diag_source src[8]; /* registered sources, for the caret line */
  int nsrc;
  /* the last messages given (hashes), so that one is not said twice */
  uint32_t said[DIAG_SAID];
  int nsaid;
};

void diag_init(struct diag *d, FILE *out);
/* Write s as a JSON string (quoted, escaped; invalid UTF-8 cannot occur:
 * messages quote checked input). */
void diag_json_string(FILE *out, const char *s, size_t n);
/* Remember a file's text so messages can quote its lines. The buffer must
 * outlive every message about it. A message given twice at the same place
 * is printed once (still counted), until the next file is registered: a
 * new document. */
void diag_source(struct diag *d, const char *file, const char *buf, size_t len);
void diag_forget(struct diag *d, const char *file);
void diag_error(struct diag *d, struct loc at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_warn(struct diag *d, struct loc at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_note(struct diag *d, struct loc at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));


/* An older RenderCV name (or spelling) read with today's meaning: counted,
 * and said as a note only with `verbose`; diag_older_summary then says how
 * many, once per document, rather than one warning each (a RenderCV 2.3
 * file holds dozens). `at` is the older key (or value); `fix` what it is
 * today, handed to d->on_older when set. */
void diag_older(struct diag *d, struct loc at, const struct older_fix *fix,
                const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The note of the older names read since the last summary, if any. */
void diag_older_summary(struct diag *d);

/* "did you mean" helper: the candidate closest to `word` (Damerau-
 * Levenshtein distance at most a third of its length), or NULL. */
const char *diag_suggest(const char *word, const char *const *candidates,
                         int n);

#endif
