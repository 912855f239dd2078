/* breaker.c: Knuth-Plass over an item array (see breaker.h).
 *
 * TeX keeps a linked active list with delta nodes; at CV scale an array of
 * active node indices and prefix sums of widths is shorter and as fast.
 * Section numbers refer to tex.web. The per-line widths play the part of
 * \parshape: lines beyond the last given width all share it ("easy lines",
 * §848), so candidate breaks are grouped by line only where widths differ.
 */
#include "breaker.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { VERY_LOOSE = 0, LOOSE = 1, DECENT = 2, TIGHT = 3 };

struct node {
  int pos;       /* break item, -1 for the paragraph start */
  int start;     /* first item of the following line */
  int line;      /* number of lines before this break's following line */
  int fitness;
  bool hyph;     /* line ending here is hyphenated */
  double demerits;
  int prev;      /* node index, -1 at start */
  double tw, ty, tz, tf; /* prefix sums at `start` */
  double ty_n;           /* and of the spaces' count */
};

struct nodes {
  struct node *v;
  int n, cap;
};

struct lb_params lb_defaults(int tolerance) {
  struct lb_params p;
  memset(&p, 0, sizeof p);
  p.tolerance = tolerance;
  p.line_penalty = 10;
  p.adj_demerits = 10000;
  p.double_hyphen_demerits = 10000;
  p.final_hyphen_demerits = 5000;
  return p;
}

void breaking_defaults(struct breaking *b) {
  b->pretolerance = 100;
  b->tolerance = 200;
  b->line_penalty = 10;
  b->hyphen_penalty = 50;
  b->ex_hyphen_penalty = 50;
  b->adj_demerits = 10000;
  b->double_hyphen_demerits = 10000;
  b->final_hyphen_demerits = 5000;
  b->club_penalty = 10000;
  b->widow_penalty = 10000;
  b->broken_penalty = 100;
  b->emergency_stretch = 3;
  b->typst = false;
}

int lb_badness(double t, double s) { /* §108 */
  if (t <= 0)
    return 0;
  if (s <= 0)
    return LB_INF_BAD;
  double r = t / s;
  if (r > 10)
    return LB_INF_BAD;
  double b = 100.0 * r * r * r;
  return b >= LB_INF_BAD ? LB_INF_BAD : (int)(b + 0.5);
}

static bool discardable(const struct item *it) {
  return it->type == IT_GLUE || it->type == IT_PENALTY || it->type == IT_KERN;
}

/* first item of the line after a break at b (§837: discard glue,
 * penalties and kerns, but never skip a forced break) */
static int after_break(const struct item *items, int n, int b) {
  int j = b + 1;
  while (j < n && discardable(&items[j]) &&
         !(items[j].type == IT_PENALTY && items[j].penalty <= LB_EJECT_PENALTY))
    j++;
  return j;
}

/* A line's cost in Typst's model (see struct breaking): negative when the
 * line is overfull (its absolute value is the cost). shortfall is the
 * width left, y and z the spaces' stretch and shrink, nspaces their
 * number; pi the break's penalty (a hyphen's Typst cost, from para.c). */
static double typst_cost(const struct lb_params *p, double shortfall, double y,
                         double z, bool fil, double nspaces, int pi,
                         bool forced, bool second_hyphen, bool runt) {
  double r = 0;
  bool over = false;
  if (shortfall > 0 && !fil) {
    r = y > 0 ? shortfall / y : 10;
    if (r > 1) { /* the excess per space, against half an em */
      double extra = (shortfall - y) / (nspaces > 1 ? nspaces : 1);
      r = 1 + extra / (p->em / 2);
    }
    if (r > 10)
      r = 10;
  } else if (shortfall < 0) {
    r = z > 0 ? shortfall / z : -2;
    over = r < -1;
  }
  double bad = over ? 1e6 : 100 * fabs(r) * fabs(r) * fabs(r);
  double pen = forced ? 0 : pi > 0 ? pi : 0;
  if (second_hyphen)
    pen += LB_TYPST_HYPH_COST;
  if (runt)
    pen += LB_TYPST_RUNT_COST;
  double d = (1 + bad + pen) * (1 + bad + pen);
  return over ? -d : d;
}

/* Legal breaks: glue after a box, penalties below 10000 (§831). */
static bool legal_break(const struct item *items, int b) {
  if (items[b].type == IT_GLUE)
    return b > 0 && items[b - 1].type == IT_BOX;
  return items[b].type == IT_PENALTY && items[b].penalty < LB_INF_PENALTY;
}

/* Prefix sums over the items, so that a line's totals are differences:
 * widths, finite stretch and shrink, infinite stretches, stretchable
 * spaces (Typst's justifiables), legal break points. */
struct sums {
  double *w, *y, *z, *f, *g;
  int *b;
};

/* The node of a break at item b ending a line that starts after node
 * `from` (whose line count is `line`): the next line starts after the
 * items the break discards. */
static struct node new_node(const struct item *items, int n,
                            const struct sums *S, int b, int from, int line,
                            int fitness, double demerits) {
  int start = after_break(items, n, b);
  struct node nd = {0};
  nd.pos = b;
  nd.start = start;
  nd.line = line + 1;
  nd.fitness = fitness;
  nd.hyph = items[b].type == IT_PENALTY && items[b].flagged;
  nd.demerits = demerits;
  nd.prev = from;
  nd.tw = S->w[start];
  nd.ty = S->y[start];
  nd.tz = S->z[start];
  nd.tf = S->f[start];
  nd.ty_n = S->g[start];
  return nd;
}

/* Typst's simple breaking (typst-layout, linebreak_simple): each line
 * ends at the last break point where it still fits at natural width, or at
 * the first one if none does (an overfull line); forced breaks end one
 * anyway. Appends the chain of nodes after nodes->v[0]. */
static void first_fit(const struct item *items, int n, const double *widths,
                      int nwidths, const struct sums *S, struct arena *tmp,
                      struct nodes *nodes) {
  int cur = 0;   /* the node the current line starts after */
  int fit = -1;  /* the last break point where the line fits */
  for (int b = 0; b < n; b++) {
    if (!legal_break(items, b))
      continue;
    const struct item *it = &items[b];
    bool forced = it->type == IT_PENALTY && it->penalty <= LB_EJECT_PENALTY;
    for (;;) {
      const struct node *a = &nodes->v[cur];
      double L = widths[a->line < nwidths ? a->line : nwidths - 1];
      double w = S->w[b] - a->tw + (it->type == IT_PENALTY ? it->width : 0);
      int at = -1;
      if (w <= L + 1e-4) {
        if (!forced) {
          fit = b;
          break;
        }
        at = b;
      } else {
        at = fit >= 0 ? fit : b;
      }
      VEC_PUSH(tmp, *nodes,
               new_node(items, n, S, at, cur, a->line, DECENT, a->demerits));
      cur = nodes->n - 1;
      bool again = at != b; /* b starts the next line: try it there */
      fit = -1;
      if (!again)
        break;
    }
  }
}

struct cand {
  bool used;
  double demerits;
  int from; /* node index */
};

int lb_break(const struct item *items, int n, const double *widths,
             int nwidths, const struct lb_params *p, struct arena *tmp,
             struct lb_line *lines, int max) {
  if (n <= 0 || nwidths <= 0)
    return 0;
  struct sums S;
  double **prefix[] = {&S.w, &S.y, &S.z, &S.f, &S.g};
  for (size_t k = 0; k < sizeof prefix / sizeof *prefix; k++)
    *prefix[k] = arena_alloc(tmp, sizeof(double) * (size_t)(n + 1));
  S.b = arena_alloc(tmp, sizeof(int) * (size_t)(n + 1));
  double *sw = S.w, *sy = S.y, *sz = S.z, *sf = S.f, *sg = S.g;
  int *sb = S.b;
  for (int i = 0; i < n; i++) {
    const struct item *it = &items[i];
    sw[i + 1] = sw[i];
    sy[i + 1] = sy[i];
    sz[i + 1] = sz[i];
    sf[i + 1] = sf[i];
    sg[i + 1] = sg[i];
    sb[i + 1] = sb[i] + (legal_break(items, i) ? 1 : 0);
    if (it->type == IT_BOX || it->type == IT_KERN) {
      sw[i + 1] += it->width;
    } else if (it->type == IT_GLUE) {
      sw[i + 1] += it->width;
      sy[i + 1] += it->stretch;
      sz[i + 1] += it->shrink;
      if (it->fil)
        sf[i + 1] += 1;
      else if (it->stretch > 0)
        sg[i + 1] += 1;
    }
  }

  struct nodes nodes = {0};
  VEC(int) active = {0};
  struct node first = {0};
  first.pos = -1;
  first.start = 0;
  first.fitness = DECENT;
  first.prev = -1;
  VEC_PUSH(tmp, nodes, first);
  VEC_PUSH(tmp, active, 0);

  if (p->first_fit) {
    first_fit(items, n, widths, nwidths, &S, tmp, &nodes);
    goto lines;
  }

  int nclass = nwidths; /* line classes: 0..nwidths-1 (last = easy lines) */
  struct cand *cands =
      arena_alloc(tmp, sizeof(struct cand) * 4 * (size_t)nclass);

  for (int b = 0; b < n && active.n > 0; b++) {
    const struct item *it = &items[b];
    if (!legal_break(items, b))
      continue;
    int pi = it->type == IT_PENALTY ? it->penalty : 0;
    bool forced = pi <= LB_EJECT_PENALTY;
    bool is_last = b == n - 1;
    bool flagged = it->type == IT_PENALTY && it->flagged;
    double pw = it->type == IT_PENALTY ? it->width : 0;

    memset(cands, 0, sizeof(struct cand) * 4 * (size_t)nclass);
    bool any = false;
    double min_d = INFINITY;

    for (int ai = 0; ai < active.n;) {
      struct node *a = &nodes.v[active.v[ai]];
      int li = a->line;
      double L = widths[li < nwidths ? li : nwidths - 1];
      double w = sw[b] - a->tw + pw;
      double y = sy[b] - a->ty + p->left_stretch + p->right_stretch;
      double z = sz[b] - a->tz;
      bool fil = sf[b] - a->tf > 0;
      double shortfall = L - w;
      /* the line's demerits d and fitness class, whether it may end
       * here, and whether its start stays active */
      double d = 0;
      int fit = DECENT;
      bool feasible, deactivate;
      if (p->typst) {
        d = typst_cost(p, shortfall, y, z, fil, sg[b] - a->ty_n, pi, forced,
                       a->hyph && flagged,
                       /* a runt: no break point inside the last line */
                       is_last && a->pos >= 0 && sb[b] == sb[a->start]);
        feasible = true;
        deactivate = d < 0 || forced; /* shrunk past its limit: overfull */
        d = fabs(d);
      } else {
        int bad;
        if (shortfall > 0) { /* §852 */
          if (fil) {
            bad = 0;
          } else {
            bad = lb_badness(shortfall, y + p->emergency_stretch);
            fit = bad > 99 ? VERY_LOOSE : bad > 12 ? LOOSE : DECENT;
          }
        } else if (shortfall < 0) { /* §853 */
          if (-shortfall > z + 1e-9)
            bad = LB_INF_BAD + 1;
          else
            bad = lb_badness(-shortfall, z);
          fit = bad > 12 ? TIGHT : DECENT;
        } else {
          bad = 0;
        }
        deactivate = bad > LB_INF_BAD || forced;
        /* §854: in the final pass, the last active node may break here
         * anyway rather than leave the paragraph without a solution */
        bool artificial = bad > p->tolerance && p->final_pass && !any &&
                          min_d == INFINITY && active.n == 1 && deactivate;
        feasible = bad <= p->tolerance || artificial;
        if (feasible && !artificial) { /* §859 */
          double base = p->line_penalty + bad;
          d = fabs(base) >= 10000 ? 1e8 : base * base;
          if (pi > 0)
            d += (double)pi * pi;
          else if (pi > LB_EJECT_PENALTY)
            d -= (double)pi * pi;
          if (a->hyph && (flagged || is_last))
            d += is_last ? p->final_hyphen_demerits
                         : p->double_hyphen_demerits;
          if (abs(fit - a->fitness) > 1)
            d += p->adj_demerits;
        }
      }
      if (feasible) {
        d += a->demerits;
        int cls = li < nclass - 1 ? li : nclass - 1;
        struct cand *c = &cands[cls * 4 + fit];
        if (!c->used || d < c->demerits) {
          c->used = true;
          c->demerits = d;
          c->from = active.v[ai];
        }
        if (d < min_d)
          min_d = d;
        any = true;
      }
      if (deactivate) {
        active.v[ai] = active.v[--active.n];
        continue; /* order of the active array does not matter */
      }
      ai++;
    }
    if (!any)
      continue;
    /* §836: new active nodes for classes within adj_demerits of the best */
    for (int k = 0; k < 4 * nclass; k++) {
      struct cand *c = &cands[k];
      if (!c->used || c->demerits > min_d + p->adj_demerits)
        continue;
      VEC_PUSH(tmp, nodes,
               new_node(items, n, &S, b, c->from, nodes.v[c->from].line,
                        k % 4, c->demerits));
      if (!is_last)
        VEC_PUSH(tmp, active, nodes.n - 1);
    }
  }

lines:;
  /* the best node ending the paragraph */
  int best = -1;
  for (int i = 0; i < nodes.n; i++)
    if (nodes.v[i].pos == n - 1 &&
        (best < 0 || nodes.v[i].demerits < nodes.v[best].demerits))
      best = i;
  if (best < 0)
    return -1;
  int count = 0;
  for (int k = best; nodes.v[k].prev >= 0; k = nodes.v[k].prev)
    count++;
  if (count > max)
    return -1;
  int li = count;
  for (int k = best; nodes.v[k].prev >= 0; k = nodes.v[k].prev) {
    const struct node *e = &nodes.v[k], *s = &nodes.v[e->prev];
    struct lb_line *ln = &lines[--li];
    int b = e->pos;
    double L = widths[s->line < nwidths ? s->line : nwidths - 1];
    double pw = items[b].type == IT_PENALTY ? items[b].width : 0;
    double w = sw[b] - s->tw + pw;
    double y = sy[b] - s->ty + p->left_stretch + p->right_stretch;
    double z = sz[b] - s->tz;
    bool fil = sf[b] - s->tf > 0;
    double shortfall = L - w;
    ln->start = s->start;
    ln->end = b;
    ln->natural = w;
    ln->hyphenated = items[b].type == IT_PENALTY && items[b].flagged;
    ln->overfull = false;
    if (shortfall > 0) {
      ln->ratio = fil ? 0 : (y > 0 ? shortfall / y : 0);
      ln->badness = fil ? 0 : lb_badness(shortfall, y);
    } else if (shortfall < 0) {
      ln->ratio = z > 0 ? shortfall / z : 0;
      if (ln->ratio < -1 || z <= 0) {
        ln->ratio = z > 0 ? -1 : 0;
        ln->overfull = -shortfall > z + 0.01;
      }
      ln->badness = lb_badness(-shortfall, z);
    } else {
      ln->ratio = 0;
      ln->badness = 0;
    }
  }
  return count;
}
