/* page.c: boxes, vertical lists, and the page builder (TeX §980-1028).
 *
 * The page builder walks the vertical list, and at every legal break (glue
 * after a box, or a penalty below 10000) computes the cost of ending the
 * page there: c = b + p, where b is the badness of the unfilled space and p
 * the penalty. It keeps the cheapest break seen and ships the page as soon
 * as the material no longer fits or a forced break arrives. Every rule
 * about keeping things together is a penalty chosen by layout.c (and
 * para.c's club, widow and broken-line penalties), not code here. Material with no legal break that is taller than a page is split at
 * the last line that fits, with a warning.
 *
 * The glue of a CV has no stretch (ragged bottom), so the badness uses a
 * notional stretch of 6 % of the page: one empty line costs ~5, five cost
 * ~600, a half-empty page is "deplorable" (100000) as in TeX.
 */
#include "page.h"

#include <stdlib.h>
#include <string.h>

#include "breaker.h" /* lb_badness: TeX's badness, of pages as of lines */

#define INF_BAD 10000
#define DEPLORABLE 100000
#define AWFUL_BAD 0x3FFFFFFF

struct box *box_new(struct arena *a, double w) {
  struct box *b = arena_alloc(a, sizeof *b);
  b->w = w;
  return b;
}

struct draw *box_add(struct arena *a, struct box *b, struct draw op) {
  if (b->nops == b->cap) {
    int nc = b->cap ? b->cap * 2 : 2;
    b->ops = arena_grow(a, b->ops, sizeof(struct draw) * (size_t)b->nops,
                        sizeof(struct draw) * (size_t)nc);
    b->cap = nc;
  }
  b->ops[b->nops] = op;
  return &b->ops[b->nops++];
}

void box_append(struct arena *a, struct box *dst, const struct box *src,
                double dx, double dy) {
  for (int i = 0; i < src->nops; i++) {
    struct draw op = src->ops[i];
    op.x += dx;
    op.y += dy;
    box_add(a, dst, op);
  }
}

static struct vitem *vpush(struct arena *a, struct vlist *vl) {
  if (vl->n == vl->cap) {
    int nc = vl->cap ? vl->cap * 2 : 8;
    vl->v = arena_grow(a, vl->v, sizeof(struct vitem) * (size_t)vl->n,
                       sizeof(struct vitem) * (size_t)nc);
    vl->cap = nc;
  }
  struct vitem *it = &vl->v[vl->n++];
  memset(it, 0, sizeof *it);
  return it;
}

void vlist_box(struct arena *a, struct vlist *vl, struct box *b,
               struct loc loc) {
  struct vitem *it = vpush(a, vl);
  it->kind = V_BOX;
  it->box = b;
  it->loc = loc;
  vl->prev_depth = b->d;
  vl->have_prev = true;
}

void vlist_line(struct arena *a, struct vlist *vl, struct box *b,
                double baselineskip, struct loc loc) {
  if (vl->have_prev) {
    double g = baselineskip - vl->prev_depth - b->h;
    if (g < 0)
      g = 1.0; /* \lineskip: lines that would touch get 1pt */
    vlist_glue(a, vl, g);
  }
  vlist_box(a, vl, b, loc);
}

void vlist_glue(struct arena *a, struct vlist *vl, double glue) {
  struct vitem *it = vpush(a, vl);
  it->kind = V_GLUE;
  it->glue = glue;
}

void vlist_penalty(struct arena *a, struct vlist *vl, int penalty) {
  struct vitem *it = vpush(a, vl);
  it->kind = V_PENALTY;
  it->penalty = penalty;
}

void vlist_concat(struct arena *a, struct vlist *vl, const struct vlist *src) {
  for (int i = 0; i < src->n; i++)
    *vpush(a, vl) = src->v[i];
  if (src->n) {
    vl->have_prev = src->have_prev;
    vl->prev_depth = src->prev_depth;
  }
}

double vlist_height(const struct vlist *vl) {
  int first = -1, last = -1;
  for (int i = 0; i < vl->n; i++)
    if (vl->v[i].kind == V_BOX) {
      if (first < 0)
        first = i;
      last = i;
    }
  if (first < 0)
    return 0;
  double h = 0;
  for (int i = first; i <= last; i++) {
    const struct vitem *it = &vl->v[i];
    if (it->kind == V_BOX)
      h += it->box->h + it->box->d;
    else if (it->kind == V_GLUE)
      h += it->glue;
  }
  return h;
}

int vlist_boxes(const struct vlist *vl) {
  int n = 0;
  for (int i = 0; i < vl->n; i++)
    n += vl->v[i].kind == V_BOX;
  return n;
}

bool vlist_boxes_reach(const struct vlist *vl, int k) {
  int n = 0;
  for (int i = 0; i < vl->n && n < k; i++)
    n += vl->v[i].kind == V_BOX;
  return n >= k;
}

void vlist_keep(struct arena *a, struct vlist *vl) {
  struct vlist out = {0};
  /* glue after the last box stays a legal break: it ends the material
   * kept, and a break there is the break before what follows (else the
   * glue that follows it, preceded by glue, could not break either) */
  int last_box = -1;
  for (int i = 0; i < vl->n; i++)
    if (vl->v[i].kind == V_BOX)
      last_box = i;
  for (int i = 0; i < vl->n; i++) {
    struct vitem it = vl->v[i];
    if (it.kind == V_PENALTY)
      it.penalty = PAGE_INF_PENALTY;
    else if (it.kind == V_GLUE && i < last_box && out.n &&
             out.v[out.n - 1].kind == V_BOX)
      vlist_penalty(a, &out, PAGE_INF_PENALTY);
    *vpush(a, &out) = it;
  }
  out.prev_depth = vl->prev_depth;
  out.have_prev = vl->have_prev;
  *vl = out;
}

double vlist_flatten(struct arena *a, const struct vlist *vl, struct box *dst,
                     double x, double y) {
  double y0 = y;
  bool first = true;
  for (int i = 0; i < vl->n; i++) {
    const struct vitem *it = &vl->v[i];
    if (it->kind == V_GLUE && !first)
      y += it->glue;
    else if (it->kind == V_BOX) {
      first = false;
      box_append(a, dst, it->box, x, y + it->box->h);
      y += it->box->h + it->box->d;
    }
  }
  return y - y0;
}

static bool legal_break(const struct vlist *vl, int j) {
  const struct vitem *it = &vl->v[j];
  if (it->kind == V_GLUE)
    return j > 0 && vl->v[j - 1].kind == V_BOX;
  if (it->kind == V_PENALTY)
    return it->penalty < PAGE_INF_PENALTY;
  return false;
}

/* Is the material from break `at` to the next legal break taller than a
 * whole page? (Then no page can hold it and it has to be split.) */
static bool taller_than(const struct vlist *vl, int at, double goal) {
  int k = at;
  while (k < vl->n && vl->v[k].kind != V_BOX)
    k++;
  double h = 0;
  bool first = true;
  for (; k < vl->n; k++) {
    const struct vitem *it = &vl->v[k];
    if (!first && legal_break(vl, k))
      break;
    if (it->kind == V_BOX) {
      h += it->box->h + it->box->d;
      first = false;
    } else if (it->kind == V_GLUE && !first) {
      h += it->glue;
    }
    if (h > goal + 0.001)
      return true;
  }
  return false;
}

/* Place items [from, to) on a new page. */
/* Is any of b's operations, b placed at (x, y), wholly off the paper?
 * Then *where says how far off it lies. */
static bool off_paper(const struct box *b, double x, double y,
                      const struct page_geometry *g, const char **where,
                      double *by) {
  for (int i = 0; i < b->nops; i++) {
    const struct draw *op = &b->ops[i];
    double x0 = x + op->x, x1 = x0 + op->w, y0 = y + op->y, y1 = y0 + op->h;
    if (op->kind == DRAW_TEXT) {
      y1 = y0;
      y0 -= op->size;
    }
    *where = y1 < 0 ? "above" : y0 > g->h ? "below" : x1 < 0 ? "left of"
             : x0 > g->w ? "right of" : NULL;
    if (*where) {
      *by = y1 < 0 ? -y1 : y0 > g->h ? y0 - g->h : x1 < 0 ? -x1 : x0 - g->w;
      return true;
    }
  }
  return false;
}

/* Make the page of items [from, to). Material wholly above or left of the
 * paper (a large negative space or indent in the design moves it there)
 * is an error at its source: no reader would see it, and a coordinate
 * beyond libharu's limits (32767pt) would fail the PDF. Material right of
 * or below the paper comes from a line or a box too large for the page,
 * which para.c and the page builder already warn about. *off counts the
 * boxes reported. */
static void ship(struct arena *a, struct diag *d, struct pages *out, int *cap,
                 const struct vlist *vl, int from, int to,
                 const struct page_geometry *g, int *off) {
  if (out->n == *cap) {
    int nc = *cap ? *cap * 2 : 4;
    out->v = arena_grow(a, out->v, sizeof(struct page) * (size_t)out->n,
                        sizeof(struct page) * (size_t)nc);
    *cap = nc;
  }
  struct page *pg = &out->v[out->n++];
  memset(pg, 0, sizeof *pg);
  pg->w = g->w;
  pg->h = g->h;
  int nboxes = 0, nmarks = 0;
  for (int i = from; i < to; i++)
    if (vl->v[i].kind == V_BOX) {
      nboxes++;
      nmarks += vl->v[i].mark != NULL;
    }
  pg->boxes = arena_alloc(a, sizeof(struct placed) * (size_t)(nboxes + 1));
  pg->marks = arena_alloc(a, sizeof(struct bookmark) * (size_t)(nmarks + 1));
  double y = g->top;
  bool first = true;
  for (int i = from; i < to; i++) {
    const struct vitem *it = &vl->v[i];
    if (it->kind == V_GLUE) {
      if (!first)
        y += it->glue;
    } else if (it->kind == V_BOX) {
      const struct box *b = it->box;
      if (first && b->h < g->topskip)
        y += g->topskip - b->h;
      first = false;
      if (it->mark)
        pg->marks[pg->nmarks++] =
            (struct bookmark){it->mark, it->mark_level, y};
      double base = y + b->h;
      const char *where;
      double by;
      if (off_paper(b, g->left, base, g, &where, &by) &&
          (where[0] == 'a' || where[0] == 'l' || by > 30000) && (*off)++ == 0)
        diag_error(d, it->loc,
                   "this is drawn %.0fpt %s the paper on page %d, where no "
                   "one would see it: %s",
                   by, where, out->n,
                   where[0] == 'a' || where[0] == 'l'
                       ? "a negative space or length in the design moves "
                         "it there"
                       : "a length in the design, or a word or box too "
                         "large for the page, puts it there");
      pg->boxes[pg->nboxes++] = (struct placed){b, g->left, base};
      y = base + b->d;
    }
  }
}

void page_place(struct arena *a, struct page *pg, const struct box *b,
                double x, double y) {
  pg->boxes = arena_grow(a, pg->boxes, sizeof(struct placed) * (size_t)pg->nboxes,
                         sizeof(struct placed) * (size_t)(pg->nboxes + 1));
  pg->boxes[pg->nboxes++] = (struct placed){b, x, y};
}

int page_nops(const struct page *pg) {
  int n = 0;
  for (int i = 0; i < pg->nboxes; i++)
    n += pg->boxes[i].box->nops;
  return n;
}

int page_ops(const struct page *pg, struct draw **ops, int *cap) {
  int n = page_nops(pg);
  if (n > *cap) {
    *ops = xrealloc(*ops, sizeof(struct draw) * (size_t)n);
    *cap = n;
  }
  int k = 0;
  for (int i = 0; i < pg->nboxes; i++) {
    const struct placed *p = &pg->boxes[i];
    for (int j = 0; j < p->box->nops; j++) {
      struct draw op = p->box->ops[j];
      op.x += p->x;
      op.y += p->y;
      (*ops)[k++] = op;
    }
  }
  return k;
}

struct pages pages_build(struct arena *a, struct diag *d,
                         const struct vlist *vl,
                         const struct page_geometry *g) {
  struct pages out = {0};
  int cap = 0, off = 0;
  double goal = g->h - g->top - g->bottom;
  double stretch = goal * 0.06;
  int i = 0, n = vl->n;
  while (i < n) {
    /* discard glue and penalties at the top of a page (§1000) */
    while (i < n && vl->v[i].kind != V_BOX)
      i++;
    if (i >= n)
      break;
    int best = -1, last_fit = -1;
    long best_cost = AWFUL_BAD;
    double total = 0;
    bool first_box = true;
    int j;
    for (j = i; j < n; j++) {
      const struct vitem *it = &vl->v[j];
      if (j > i && legal_break(vl, j)) {
        int pi = it->kind == V_PENALTY ? it->penalty : 0;
        if (total > goal + 0.001)
          break; /* c = awful_bad: ship the best page so far */
        long c;
        int b = lb_badness(goal - total, stretch);
        if (pi <= PAGE_EJECT_PENALTY)
          c = pi;
        else if (b < INF_BAD)
          c = b + pi;
        else
          c = DEPLORABLE;
        if (c <= best_cost) {
          best = j;
          best_cost = c;
        }
        if (pi <= PAGE_EJECT_PENALTY)
          break;
      }
      if (it->kind == V_BOX) {
        double h = it->box->h + it->box->d;
        if (first_box && it->box->h < g->topskip)
          h += g->topskip - it->box->h;
        if (total + h > goal + 0.001 && !first_box && best < 0) {
          /* no legal break fits: material taller than a page */
          break;
        }
        total += h;
        first_box = false;
        if (total <= goal + 0.001)
          last_fit = j + 1;
      } else if (it->kind == V_GLUE && !first_box) {
        total += it->glue;
      }
    }
    if (j >= n && total <= goal + 0.001) {
      best = n; /* everything left fits */
    } else if (best < 0 || (last_fit > best && taller_than(vl, best, goal))) {
      /* Unbreakable material taller than a page must be split anyway, so
       * it starts at once and fills this page: split it after the last
       * box that fits. A single box taller than the page goes on a page
       * of its own. */
      int at = last_fit > i ? last_fit : i + 1;
      while (at < n && vl->v[at - 1].kind != V_BOX)
        at++;
      const struct box *only = vl->v[at - 1].box;
      if (at == i + 1 && only && only->h + only->d > goal) {
        diag_warn(d, vl->v[at - 1].loc,
                  "this is taller than a page (%.0fpt, the page holds "
                  "%.0fpt) and cannot be split: it runs off the bottom of "
                  "the page",
                  only->h + only->d, goal);
      } else {
        int w = at;
        while (w < n && vl->v[w].kind != V_BOX)
          w++;
        diag_warn(d, vl->v[w < n ? w : at - 1].loc,
                  "this entry is taller than a page; it is split across "
                  "pages here");
      }
      best = at;
    }
    ship(a, d, &out, &cap, vl, i, best, g, &off);
    i = best;
  }
  if (out.n == 0) /* nothing to set: still a page, as a PDF needs one */
    ship(a, d, &out, &cap, vl, 0, 0, g, &off);
  return out;
}

void pages_mirror(struct pages *pp) {
  for (int p = 0; p < pp->n; p++) {
    struct page *pg = &pp->v[p];
    for (int k = 0; k < pg->nboxes; k++) {
      struct placed *pl = &pg->boxes[k];
      /* the box's operations mirrored about its reference point, once
       * (a box placed twice shares them), and the point about the page */
      struct box *b = (struct box *)pl->box;
      if (!b->mirrored) {
        for (int i = 0; i < b->nops; i++)
          b->ops[i].x = -b->ops[i].x - b->ops[i].w;
        b->mirrored = true;
      }
      pl->x = pg->w - pl->x;
    }
  }
}

int stree_add(struct arena *a, struct stree *t, enum srole role, int parent) {
  if (t->n == 0) { /* v[0]: the artifacts' place, never an element */
    VEC_PUSH(a, *t, (struct selem){0});
  }
  VEC_PUSH(a, *t, ((struct selem){.role = role, .parent = parent}));
  return t->n - 1;
}
