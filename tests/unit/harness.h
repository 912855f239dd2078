/* harness.h: the unit tests' assertions. Each CHECK counts; a failure
 * prints the file, line and what was expected, and the run exits 1. */
#ifndef CVPDF_HARNESS_H
#define CVPDF_HARNESS_H

#include <math.h>
#include <stdio.h>
#include <string.h>

extern int harness_failures, harness_checks;

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
