/* harness.h: the unit tests' assertions and context. Each CHECK counts; a
 * failure prints the file, line and what was expected, and the run exits
 * 1. harness_ctx sets up what a stage needs to run. */
#ifndef CVPDF_HARNESS_H
#define CVPDF_HARNESS_H

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cvpdf.h"

extern int harness_failures, harness_checks;

/* A context for running stages: messages to `out` (through d), the
 * repository's data folder, empty arenas, and, when fs is not NULL, fonts
 * (fs opened; the test frees it and the arenas). */
void harness_ctx(struct ctx *c, struct diag *d, struct fonts *fs, FILE *out);

/* w with a hyphen at each of its hyphenation points, in buf (room for
 * twice w). */
const char *harness_hyphenated(struct hyph *h, const char *w, char *buf);

/* The bundled families and the themes' families a machine may have
 * installed, for tests that go over every font at hand. */
extern const char *const harness_families[8];

#define CHECK(cond)                                                            \
  do {                                                                         \
    harness_checks++;                                                          \
    if (!(cond)) {                                                             \
      harness_failures++;                                                      \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                          \
  } while (0)

#define CHECK_INT(got, want)                                                   \
  do {                                                                         \
    long long g_ = (long long)(got), w_ = (long long)(want);                   \
    harness_checks++;                                                          \
    if (g_ != w_) {                                                            \
      harness_failures++;                                                      \
      fprintf(stderr, "%s:%d: %s is %lld, expected %lld\n", __FILE__,          \
              __LINE__, #got, g_, w_);                                         \
    }                                                                          \
  } while (0)

#define CHECK_NEAR(got, want, eps)                                             \
  do {                                                                         \
    double g_ = (got), w_ = (want);                                            \
    harness_checks++;                                                          \
    if (!(fabs(g_ - w_) <= (eps))) {                                           \
      harness_failures++;                                                      \
      fprintf(stderr, "%s:%d: %s is %g, expected %g\n", __FILE__, __LINE__,    \
              #got, g_, w_);                                                   \
    }                                                                          \
  } while (0)

#define CHECK_STR(got, want)                                                   \
  do {                                                                         \
    const char *g_ = (got), *w_ = (want);                                      \
    harness_checks++;                                                          \
    if (!g_ || !w_ ? g_ != w_ : strcmp(g_, w_) != 0) {                         \
      harness_failures++;                                                      \
      fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__,      \
              __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)");         \
    }                                                                          \
  } while (0)

#endif
