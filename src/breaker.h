/* breaker.h: total-fit line breaking (Knuth and Plass, as in TeX).
 *
 * A paragraph is an array of items: boxes (fixed width), glue (width,
 * stretch, shrink; stretch may be infinite) and penalties (cost of breaking
 * there; <= -10000 forces a break, >= 10000 forbids one; "flagged" ones are
 * hyphens). Legal breaks are glue preceded by a box, and penalties below
 * 10000. lb_break chooses the breaks that minimise the paragraph's total
 * demerits, exactly as tex.web §813-890 describe, with a width per line;
 * or, for RenderCV's themes, the least total of Typst's line costs, or
 * Typst's first fit for ragged text (lb_params.typst, .first_fit). It
 * knows nothing of fonts or text: items are numbers.
 */
#ifndef CVPDF_BREAKER_H
#define CVPDF_BREAKER_H

#include <stdbool.h>

#include "arena.h"

#define LB_INF_PENALTY 10000
#define LB_EJECT_PENALTY (-10000)
#define LB_INF_BAD 10000

enum item_type { IT_BOX, IT_GLUE, IT_PENALTY, IT_KERN };

struct item {
  enum item_type type;
  double width;   /* points; for a penalty, the width added if broken here */
  double stretch; /* glue: finite stretch */
  double shrink;  /* glue: finite shrink */
  bool fil;       /* glue: infinite stretch (parfillskip, centring) */
  int penalty;
  bool flagged;   /* a hyphenation (or explicit hyphen) break */
  int data;       /* for the caller (e.g. the run a box draws) */
};

struct lb_params {
  int tolerance;             /* 200 in LaTeX (plain TeX: 200) */
  int line_penalty;          /* 10 */
  int adj_demerits;          /* 10000 */
  int double_hyphen_demerits; /* 10000 */
  int final_hyphen_demerits; /* 5000 */
  double emergency_stretch;  /* points of extra stretch per line (0 = none) */
  double left_stretch;       /* finite stretch of \leftskip (ragged left) */
  double right_stretch;      /* finite stretch of \rightskip (ragged right) */
  bool final_pass;           /* accept overfull lines rather than fail */
  /* Typst's cost model instead of TeX's (RenderCV's themes, see below) */
  bool typst;
  double em; /* Typst: the font size, which scales stretch beyond 1.5x */
  /* Typst's ragged text: first fit, each line as many items as fit at
   * their natural width (the costs above are then unused) */
  bool first_fit;
};

/* TeX's line- and page-breaking parameters, under TeX's names. */
struct breaking {
  int pretolerance;           /* 100: first pass, without hyphenation */
  int tolerance;              /* 200: second pass, with hyphenation */
  int line_penalty;           /* 10 */
  int hyphen_penalty;         /* 50 */
  int ex_hyphen_penalty;      /* 50: after an explicit hyphen */
  int adj_demerits;           /* 10000 */
  int double_hyphen_demerits; /* 10000 */
  int final_hyphen_demerits;  /* 5000 */
  int club_penalty;           /* 10000: no first line alone at a page's foot */
  int widow_penalty;          /* 10000: no last line alone at a page's head */
  int broken_penalty;         /* 100: a page break after a hyphenated line */
  double emergency_stretch;   /* 3 (em): the third, emergency pass */
  /* Break as Typst does (RenderCV's themes; typst/linebreak.rs): one pass,
   * each line costing (1 + badness + penalty)^2, badness 100|r|^3 for any
   * ratio (a line stretched past 1.5x its spaces counts the excess per
   * space against half an em), a line shrunk past 2/3 overfull; penalty
   * 135 (1 + 0.15 steps) for a hyphen with fewer than 5 letters on a side,
   * 135 more after a hyphenated line, 100 for a last line of one word.
   * The TeX parameters above are then unused. */
  bool typst;
};
/* Typst's costs (typst-layout, inline/linebreak.rs). */
#define LB_TYPST_HYPH_COST 135.0
#define LB_TYPST_RUNT_COST 100.0

void breaking_defaults(struct breaking *b);

/* TeX's defaults with tolerance t. */
struct lb_params lb_defaults(int tolerance);

struct lb_line {
  int end;      /* index of the break item (the line holds items < end) */
  int start;    /* first item of the line (after discarded glue) */
  double ratio; /* glue set ratio: >0 stretch, <0 shrink; 0 if fil */
  double natural; /* natural width, including a hyphen at the break */
  int badness;
  bool hyphenated;
  bool overfull;
};

/* Break items[0..n) (the list must end with a forced break). Line j (from
 * 0) has width widths[min(j, nwidths-1)]. Writes at most `max` lines and
 * returns how many, or -1 if no feasible set of breaks exists (never in a
 * final pass). Scratch memory comes from `tmp`. */
int lb_break(const struct item *items, int n, const double *widths,
             int nwidths, const struct lb_params *p, struct arena *tmp,
             struct lb_line *lines, int max);

/* TeX's badness of stretching/shrinking `t` with total `s`: ~100(t/s)^3. */
int lb_badness(double t, double s);

#endif
