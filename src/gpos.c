/* gpos.c: pair kerning from GPOS (see gpos.h). Owns an index of the
 * 'kern' feature's PairPos subtables; every read is bounds-checked, since
 * font files come from users. */
#include "gpos.h"

#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SUBTABLES 256

struct sub {
  uint32_t off; /* of the PairPos subtable, from the start of GPOS */
};

struct gpos {
  const unsigned char *t;
  size_t len;
  /* subtables grouped by lookup, in lookup order */
  struct sub subs[MAX_SUBTABLES];
  int nsubs;
  int lookup_end[64]; /* subs[lookup_end[i-1] .. lookup_end[i]) */
  int nlookups;
};

static bool in(const struct gpos *g, size_t off, size_t n) {
  return off <= g->len && n <= g->len - off;
}

static unsigned u16(const struct gpos *g, size_t off, bool *ok) {
  if (!in(g, off, 2)) {
    *ok = false;
    return 0;
  }
  return (unsigned)g->t[off] << 8 | g->t[off + 1];
}

static int s16(const struct gpos *g, size_t off, bool *ok) {
  unsigned v = u16(g, off, ok);
  return v >= 0x8000 ? (int)v - 0x10000 : (int)v;
}

static uint32_t u32(const struct gpos *g, size_t off, bool *ok) {
  return (uint32_t)u16(g, off, ok) << 16 | u16(g, off + 2, ok);
}

/* Index of glyph in a Coverage table, or -1. */
static int coverage(const struct gpos *g, size_t cov, unsigned glyph,
                    bool *ok) {
  unsigned fmt = u16(g, cov, ok), n = u16(g, cov + 2, ok);
  if (!*ok)
    return -1;
  int lo = 0, hi = (int)n - 1;
  if (fmt == 1) {
    while (lo <= hi) {
      int mid = (lo + hi) / 2;
      unsigned gm = u16(g, cov + 4 + 2 * (size_t)mid, ok);
      if (!*ok)
        return -1;
      if (gm == glyph)
        return mid;
      if (gm < glyph)
        lo = mid + 1;
      else
        hi = mid - 1;
    }
    return -1;
  }
  if (fmt == 2) {
    while (lo <= hi) {
      int mid = (lo + hi) / 2;
      size_t r = cov + 4 + 6 * (size_t)mid;
      unsigned start = u16(g, r, ok), end = u16(g, r + 2, ok);
      if (!*ok)
        return -1;
      if (glyph < start)
        hi = mid - 1;
      else if (glyph > end)
        lo = mid + 1;
      else
        return (int)(u16(g, r + 4, ok) + (glyph - start));
    }
    return -1;
  }
  *ok = false;
  return -1;
}

/* Class of glyph in a ClassDef table (0 if not listed). */
static unsigned classdef(const struct gpos *g, size_t cd, unsigned glyph,
                         bool *ok) {
  unsigned fmt = u16(g, cd, ok);
  if (!*ok)
    return 0;
  if (fmt == 1) {
    unsigned start = u16(g, cd + 2, ok), n = u16(g, cd + 4, ok);
    if (glyph < start || glyph - start >= n)
      return 0;
    return u16(g, cd + 6 + 2 * (size_t)(glyph - start), ok);
  }
  if (fmt == 2) {
    int lo = 0, hi = (int)u16(g, cd + 2, ok) - 1;
    while (*ok && lo <= hi) {
      int mid = (lo + hi) / 2;
      size_t r = cd + 4 + 6 * (size_t)mid;
      unsigned start = u16(g, r, ok), end = u16(g, r + 2, ok);
      if (glyph < start)
        hi = mid - 1;
      else if (glyph > end)
        lo = mid + 1;
      else
        return u16(g, r + 4, ok);
    }
    return 0;
  }
  *ok = false;
  return 0;
}

static int popcount16(unsigned v) {
  int n = 0;
  for (; v; v &= v - 1)
    n++;
  return n;
}

/* The X placement and X advance of a ValueRecord at off. */
static void value(const struct gpos *g, size_t off, unsigned fmt, int *xpla,
                  int *xadv, bool *ok) {
  *xpla = *xadv = 0;
  size_t p = off;
  if (fmt & 0x0001) {
    *xpla = s16(g, p, ok);
    p += 2;
  }
  if (fmt & 0x0002)
    p += 2;
  if (fmt & 0x0004)
    *xadv = s16(g, p, ok);
}

/* Apply one PairPos subtable: 1 applied (kerning in *k), 0 not covered,
 * -1 something this reader does not do. */
static int pairpos(const struct gpos *g, size_t st, unsigned a, unsigned b,
                   int *k) {
  bool ok = true;
  unsigned fmt = u16(g, st, &ok);
  size_t cov = st + u16(g, st + 2, &ok);
  unsigned vf1 = u16(g, st + 4, &ok), vf2 = u16(g, st + 6, &ok);
  if (!ok)
    return -1;
  /* device tables (hinting) are ignored, as HarfBuzz does without a ppem;
   * a second glyph's advance or any vertical value is not a kern */
  if ((vf2 & 0x000C) || (vf1 & 0x000A))
    return -1;
  int ci = coverage(g, cov, a, &ok);
  if (!ok)
    return -1;
  if (ci < 0)
    return 0;
  size_t s1 = 2 * (size_t)popcount16(vf1), s2 = 2 * (size_t)popcount16(vf2);
  int p1, a1, p2, a2;
  if (fmt == 1) {
    unsigned nsets = u16(g, st + 8, &ok);
    if (!ok || (unsigned)ci >= nsets)
      return -1;
    size_t set = st + u16(g, st + 10 + 2 * (size_t)ci, &ok);
    unsigned n = u16(g, set, &ok);
    size_t rec = 2 + s1 + s2;
    int lo = 0, hi = (int)n - 1;
    while (ok && lo <= hi) {
      int mid = (lo + hi) / 2;
      size_t r = set + 2 + rec * (size_t)mid;
      unsigned second = u16(g, r, &ok);
      if (second == b) {
        value(g, r + 2, vf1, &p1, &a1, &ok);
        value(g, r + 2 + s1, vf2, &p2, &a2, &ok);
        if (!ok)
          return -1;
        *k = a1 - p1 + p2;
        return 1;
      }
      if (second < b)
        lo = mid + 1;
      else
        hi = mid - 1;
    }
    return ok ? 0 : -1;
  }
  if (fmt == 2) {
    size_t cd1 = st + u16(g, st + 8, &ok), cd2 = st + u16(g, st + 10, &ok);
    unsigned n1 = u16(g, st + 12, &ok), n2 = u16(g, st + 14, &ok);
    unsigned c1 = classdef(g, cd1, a, &ok), c2 = classdef(g, cd2, b, &ok);
    if (!ok || c1 >= n1 || c2 >= n2)
      return -1;
    size_t r = st + 16 + (s1 + s2) * ((size_t)c1 * n2 + c2);
    value(g, r, vf1, &p1, &a1, &ok);
    value(g, r + s1, vf2, &p2, &a2, &ok);
    if (!ok)
      return -1;
    *k = a1 - p1 + p2;
    return 1;
  }
  return -1;
}

bool gpos_kern(const struct gpos *g, unsigned a, unsigned b, int *out) {
  int total = 0, first = 0;
  for (int l = 0; l < g->nlookups; l++) {
    /* the first subtable of a lookup that applies is the lookup's */
    for (int i = first; i < g->lookup_end[l]; i++) {
      int k = 0;
      int r = pairpos(g, g->subs[i].off, a, b, &k);
      if (r < 0)
        return false;
      if (r > 0) {
        total += k;
        break;
      }
    }
    first = g->lookup_end[l];
  }
  *out = total;
  return true;
}

static int cmp_u16(const void *x, const void *y) {
  return (int)*(const unsigned *)x - (int)*(const unsigned *)y;
}

struct gpos *gpos_open(const unsigned char *t, size_t len) {
  struct gpos *g = xcalloc(1, sizeof *g);
  g->t = t;
  g->len = len;
  bool ok = true;
  unsigned major = u16(g, 0, &ok);
  size_t fl = u16(g, 6, &ok), ll = u16(g, 8, &ok);
  if (!ok || major != 1 || !fl || !ll)
    goto fail;
  /* the features of Latin text: the 'latn' script's default language
   * system (else 'DFLT''s), as a shaper picks them for a CV */
  size_t sl = u16(g, 4, &ok);
  unsigned nscripts = u16(g, sl, &ok);
  size_t langsys = 0;
  for (int pass = 0; pass < 2 && ok && !langsys; pass++)
    for (unsigned i = 0; ok && i < nscripts; i++) {
      size_t rec = sl + 2 + 6 * (size_t)i;
      if (!in(g, rec, 4) || memcmp(t + rec, pass ? "DFLT" : "latn", 4) != 0)
        continue;
      size_t script = sl + u16(g, rec + 4, &ok);
      unsigned dl = u16(g, script, &ok);
      if (dl)
        langsys = script + dl;
      break;
    }
  if (!ok || !langsys)
    goto fail;
  unsigned nfi = u16(g, langsys + 4, &ok);
  /* the lookups of its 'kern' features, once each, in lookup order */
  unsigned lookups[64];
  int nl = 0;
  unsigned nf = u16(g, fl, &ok);
  for (unsigned fi = 0; ok && fi < nfi; fi++) {
    unsigned i = u16(g, langsys + 6 + 2 * (size_t)fi, &ok);
    if (i >= nf)
      goto fail;
    size_t rec = fl + 2 + 6 * (size_t)i;
    if (!in(g, rec, 4) || memcmp(t + rec, "kern", 4) != 0)
      continue;
    size_t feat = fl + u16(g, rec + 4, &ok);
    unsigned n = u16(g, feat + 2, &ok);
    for (unsigned j = 0; ok && j < n; j++) {
      unsigned li = u16(g, feat + 4 + 2 * (size_t)j, &ok);
      bool seen = false;
      for (int q = 0; q < nl; q++)
        seen |= lookups[q] == li;
      if (!seen) {
        if (nl == 64)
          goto fail;
        lookups[nl++] = li;
      }
    }
  }
  if (!ok || nl == 0)
    goto fail;
  qsort(lookups, (size_t)nl, sizeof lookups[0], cmp_u16);
  unsigned count = u16(g, ll, &ok);
  for (int q = 0; q < nl && ok; q++) {
    if (lookups[q] >= count)
      goto fail;
    size_t lk = ll + u16(g, ll + 2 + 2 * (size_t)lookups[q], &ok);
    unsigned type = u16(g, lk, &ok), nsub = u16(g, lk + 4, &ok);
    for (unsigned s = 0; ok && s < nsub; s++) {
      size_t st = lk + u16(g, lk + 6 + 2 * (size_t)s, &ok);
      unsigned t2 = type;
      if (type == 9) { /* Extension: the real subtable is further on */
        t2 = u16(g, st + 2, &ok);
        st += u32(g, st + 4, &ok);
      }
      if (t2 != 2 || g->nsubs == MAX_SUBTABLES)
        goto fail; /* a kern feature with more than pair adjustments */
      g->subs[g->nsubs++].off = (uint32_t)st;
    }
    g->lookup_end[g->nlookups++] = g->nsubs;
  }
  if (!ok)
    goto fail;
  return g;
fail:
  free(g);
  return NULL;
}

void gpos_free(struct gpos *g) { free(g); }
