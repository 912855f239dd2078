/* test_breaker.c: Knuth-Plass on synthetic boxes and glue (no fonts). */
#include <stdlib.h>

#include "breaker.h"
#include "harness.h"

void test_breaker(void);

static struct item box(double w) {
  struct item it = {0};
  it.type = IT_BOX;
  it.width = w;
  return it;
}
static struct item glue(double w, double y, double z) {
  struct item it = {0};
  it.type = IT_GLUE;
  it.width = w;
  it.stretch = y;
  it.shrink = z;
  return it;
}
static struct item pen(int p, double w, bool flagged) {
  struct item it = {0};
  it.type = IT_PENALTY;
  it.penalty = p;
  it.width = w;
  it.flagged = flagged;
  return it;
}
/* \penalty10000 \parfillskip \penalty-10000 */
static int finish(struct item *v, int n) {
  v[n++] = pen(LB_INF_PENALTY, 0, false);
  struct item g = glue(0, 0, 0);
  g.fil = true;
  v[n++] = g;
  v[n++] = pen(LB_EJECT_PENALTY, 0, false);
  return n;
}

/* words of the given widths separated by glue (w, w/2, w/3) of width 5 */
static int words(struct item *v, const double *w, int k) {
  int n = 0;
  for (int i = 0; i < k; i++) {
    if (i)
      v[n++] = glue(5, 2.5, 5.0 / 3);
    v[n++] = box(w[i]);
  }
  return finish(v, n);
}

/* Exhaustive search: least sum of (line_penalty + badness)^2 over every
 * set of glue breaks whose lines are not overfull (no penalties, no
 * fitness or hyphen demerits). */
static double brute(const struct item *v, int n, double width) {
  int legal[32], nl = 0;
  for (int i = 1; i < n; i++)
    if (v[i].type == IT_GLUE && v[i - 1].type == IT_BOX && !v[i].fil)
      legal[nl++] = i;
  double best = 1e300;
  for (long mask = 0; mask < (1L << nl); mask++) {
    double total = 0;
    int start = 0;
    bool ok = true;
    for (int k = 0; k <= nl && ok; k++) {
      int end;
      if (k == nl)
        end = n - 1;
      else if (mask & (1L << k))
        end = legal[k];
      else
        continue;
      double w = 0, y = 0, z = 0;
      bool fil = false;
      for (int i = start; i < end; i++) {
        w += v[i].type == IT_PENALTY ? 0 : v[i].width;
        if (v[i].type == IT_GLUE) {
          y += v[i].stretch;
          z += v[i].shrink;
          fil |= v[i].fil;
        }
      }
      int b;
      if (w < width)
        b = fil ? 0 : lb_badness(width - w, y);
      else if (w - width > z + 1e-9)
        ok = false, b = 0;
      else
        b = lb_badness(w - width, z);
      double d = 10 + b;
      total += d >= 10000 ? 1e8 : d * d;
      start = end + 1;
    }
    if (ok && total < best)
      best = total;
  }
  return best;
}

static double demerits_of(const struct item *v, const struct lb_line *ln,
                          int count) {
  (void)v;
  double total = 0;
  for (int i = 0; i < count; i++) {
    double d = 10 + ln[i].badness;
    total += d >= 10000 ? 1e8 : d * d;
  }
  return total;
}

void test_breaker(void) {
  struct arena a;
  arena_init(&a);
  struct item v[64];
  struct lb_line ln[64];

  /* Typst's first fit: each line takes what fits at natural width (here
   * 50 + 5 + 45 = 100 exactly), a word wider than the line stands alone */
  {
    static const double w[] = {50, 45, 10, 60, 120, 5};
    int n = words(v, w, 6);
    struct lb_params p = lb_defaults(200);
    p.first_fit = true;
    double width = 100;
    int k = lb_break(v, n, &width, 1, &p, &a, ln, 64);
    CHECK_INT(k, 4);
    CHECK_INT(ln[0].end, 3);  /* 50 45 | */
    CHECK_INT(ln[1].end, 7);  /* 10 60 | */
    CHECK_INT(ln[2].end, 9);  /* 120 (overfull) | */
    CHECK_INT(ln[3].end, n - 1);
    CHECK(ln[2].natural > width);
    arena_reset(&a);
  }

  /* badness: TeX's 100 r^3, capped */
  CHECK_INT(lb_badness(0, 10), 0);
  CHECK_INT(lb_badness(10, 10), 100);
  CHECK_INT(lb_badness(5, 10), 13);
  CHECK_INT(lb_badness(1, 0), LB_INF_BAD);
  CHECK_INT(lb_badness(100, 1), LB_INF_BAD);

  /* six words of 10 and a measure of 40: three words fill a line exactly */
  double w6[] = {10, 10, 10, 10, 10, 10};
  int n = words(v, w6, 6);
  double width = 40;
  struct lb_params p = lb_defaults(200);
  int k = lb_break(v, n, &width, 1, &p, &a, ln, 64);
  CHECK_INT(k, 2);
  CHECK_INT(ln[0].end, 5); /* the glue after the third word */
  CHECK_NEAR(ln[0].ratio, 0, 1e-9);
  CHECK_INT(ln[1].end, n - 1);

  /* a single word */
  double w1[] = {25};
  n = words(v, w1, 1);
  k = lb_break(v, n, &width, 1, &p, &a, ln, 64);
  CHECK_INT(k, 1);
  CHECK(!ln[0].overfull);

  /* a forced break in the middle (\hfil\break) */
  n = 0;
  v[n++] = box(10);
  v[n++] = glue(5, 2.5, 1.6);
  v[n++] = box(10);
  v[n] = glue(0, 0, 0);
  v[n++].fil = true;
  v[n++] = pen(LB_EJECT_PENALTY, 0, false);
  v[n++] = box(10);
  n = finish(v, n);
  k = lb_break(v, n, &width, 1, &p, &a, ln, 64);
  CHECK_INT(k, 2);
  CHECK_INT(ln[0].end, 4);

  /* impossible: a box wider than the measure */
  double wide[] = {10, 80, 10};
  n = words(v, wide, 3);
  k = lb_break(v, n, &width, 1, &p, &a, ln, 64);
  CHECK_INT(k, -1); /* no feasible solution in a normal pass */
  p.final_pass = true;
  k = lb_break(v, n, &width, 1, &p, &a, ln, 64);
  CHECK(k >= 2);
  bool over = false;
  for (int i = 0; i < k; i++)
    over |= ln[i].overfull;
  CHECK(over);
  p.final_pass = false;

  /* per-line widths: a narrow first line (text beside a date) */
  double widths[2] = {25, 40};
  n = words(v, w6, 6);
  k = lb_break(v, n, widths, 2, &p, &a, ln, 64);
  CHECK_INT(k, 3); /* 2 + 3 + 1 words */
  CHECK_INT(ln[0].end, 3);
  CHECK_INT(ln[1].end, 9);

  /* a hyphen break that makes a perfect line, where no other break is
   * feasible */
  n = 0;
  v[n++] = box(18);
  v[n++] = glue(5, 2.5, 1.6);
  v[n++] = box(12);
  v[n++] = pen(50, 3, true); /* hy-phen */
  v[n++] = box(12);
  v[n++] = glue(5, 2.5, 1.6);
  v[n++] = box(10);
  n = finish(v, n);
  width = 38;
  k = lb_break(v, n, &width, 1, &p, &a, ln, 64);
  CHECK_INT(k, 2);
  CHECK(ln[0].hyphenated);       /* 18+5+12+3 = 38: a perfect line */
  CHECK_NEAR(ln[0].natural, 38, 1e-9);

  /* optimality against exhaustive search on many random paragraphs */
  srand(7);
  struct lb_params q = lb_defaults(LB_INF_BAD);
  q.adj_demerits = 0;
  int mismatches = 0, tried = 0;
  for (int t = 0; t < 300; t++) {
    double ws[12];
    int m = 4 + rand() % 8;
    for (int i = 0; i < m; i++)
      ws[i] = 5 + rand() % 30;
    n = words(v, ws, m);
    double wd = 40 + rand() % 50;
    double best = brute(v, n, wd);
    if (best >= 1e300)
      continue;
    k = lb_break(v, n, &wd, 1, &q, &a, ln, 64);
    tried++;
    if (k < 0 || fabs(demerits_of(v, ln, k) - best) > 1e-6)
      mismatches++;
    arena_reset(&a);
  }
  CHECK(tried > 100);
  CHECK_INT(mismatches, 0);
  arena_free(&a);
}
