/* subset.c: TrueType subsetting (see subset.h). Owns nothing past a call:
 * it reads the caller's font bytes and returns one malloc'd file.
 *
 * Why not hb-subset: it did the same job, but loading it (HarfBuzz, GLib,
 * PCRE2, graphite2) cost a rendering more than its 2 million instructions
 * of subsetting: about 1 ms and 2.3 MiB of every process, a fifth of the
 * seed CV's time and memory. The six tables written here are simple.
 */
#include "subset.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* ---- reading, bounds-checked ---- */

struct rd {
  const unsigned char *p;
  size_t len;
  bool ok; /* false after any read out of bounds */
};

static unsigned u16(struct rd *r, size_t off) {
  if (off > r->len || r->len - off < 2) {
    r->ok = false;
    return 0;
  }
  return (unsigned)r->p[off] << 8 | r->p[off + 1];
}

static uint32_t u32(struct rd *r, size_t off) {
  return (uint32_t)u16(r, off) << 16 | u16(r, off + 2);
}

struct table {
  size_t off, len;
};

/* The table `tag` of the face whose directory starts at `dir`. */
static bool find_table(struct rd *r, size_t dir, const char *tag,
                       struct table *t) {
  unsigned n = u16(r, dir + 4);
  for (unsigned i = 0; i < n && r->ok; i++) {
    size_t rec = dir + 12 + 16 * (size_t)i;
    if (rec > r->len || r->len - rec < 16)
      return false;
    if (memcmp(r->p + rec, tag, 4) != 0)
      continue;
    t->off = u32(r, rec + 8);
    t->len = u32(r, rec + 12);
    return t->off <= r->len && t->len <= r->len - t->off;
  }
  return false;
}

/* ---- writing ---- */

struct out {
  unsigned char *v;
  size_t n, cap;
};

static void grow(struct out *o, size_t more) {
  if (o->n + more <= o->cap)
    return;
  size_t nc = o->cap ? o->cap * 2 : 4096;
  while (nc < o->n + more)
    nc *= 2;
  o->v = xrealloc(o->v, nc);
  o->cap = nc;
}

static void put(struct out *o, const void *p, size_t n) {
  grow(o, n);
  if (n)
    memcpy(o->v + o->n, p, n);
  o->n += n;
}

static void put16(struct out *o, unsigned v) {
  unsigned char b[2] = {(unsigned char)(v >> 8), (unsigned char)v};
  put(o, b, 2);
}

static void put32(struct out *o, uint32_t v) {
  put16(o, v >> 16);
  put16(o, v & 0xFFFF);
}

static void set16(unsigned char *p, unsigned v) {
  p[0] = (unsigned char)(v >> 8);
  p[1] = (unsigned char)v;
}

static void set32(unsigned char *p, uint32_t v) {
  set16(p, v >> 16);
  set16(p + 2, v & 0xFFFF);
}

static void pad4(struct out *o) {
  static const unsigned char zero[4];
  put(o, zero, (4 - o->n % 4) % 4);
}

static uint32_t checksum(const unsigned char *p, size_t n) {
  uint32_t sum = 0;
  for (size_t i = 0; i < n; i += 4) {
    uint32_t w = 0;
    for (size_t k = 0; k < 4; k++)
      w = w << 8 | (i + k < n ? p[i + k] : 0);
    sum += w;
  }
  return sum;
}

/* ---- glyphs ---- */

enum {
  ARG_WORDS = 0x0001,
  HAVE_SCALE = 0x0008,
  MORE_COMPONENTS = 0x0020,
  HAVE_XY_SCALE = 0x0040,
  HAVE_2X2 = 0x0080,
  HAVE_INSTRUCTIONS = 0x0100,
};

struct font {
  struct rd r;
  struct table glyf, loca, hmtx;
  int nglyphs, nmetrics, long_loca;
};

/* Glyph g's bytes in glyf (empty if the font says nothing sensible). */
static struct table glyph_at(struct font *f, unsigned g) {
  struct table t = {0, 0};
  size_t a, b;
  struct rd *r = &f->r;
  if (f->long_loca) {
    a = u32(r, f->loca.off + 4 * (size_t)g);
    b = u32(r, f->loca.off + 4 * (size_t)g + 4);
  } else {
    a = 2 * (size_t)u16(r, f->loca.off + 2 * (size_t)g);
    b = 2 * (size_t)u16(r, f->loca.off + 2 * (size_t)g + 2);
  }
  if (!r->ok || a > b || b > f->glyf.len || b - a < 10)
    return t;
  t.off = f->glyf.off + a;
  t.len = b - a;
  return t;
}

/* Size of a component record whose flags are `fl` (flags and glyph id
 * included). */
static size_t component_size(unsigned fl) {
  size_t n = 4 + (fl & ARG_WORDS ? 4 : 2);
  if (fl & HAVE_SCALE)
    n += 2;
  else if (fl & HAVE_XY_SCALE)
    n += 4;
  else if (fl & HAVE_2X2)
    n += 8;
  return n;
}

/* Mark g and, for a composite, the glyphs it is built from (keep[] also
 * stops cycles in a broken font). */
static void close_over(struct font *f, unsigned g, bool *keep,
                       unsigned *stack) {
  int sp = 0;
  if (g >= (unsigned)f->nglyphs || keep[g])
    return;
  keep[g] = true;
  stack[sp++] = g;
  while (sp > 0) {
    struct table t = glyph_at(f, stack[--sp]);
    struct rd gr = {f->r.p + t.off, t.len, true};
    if (!t.len || (int16_t)u16(&gr, 0) >= 0)
      continue;
    size_t at = 10;
    for (;;) {
      unsigned fl = u16(&gr, at), c = u16(&gr, at + 2);
      if (!gr.ok)
        break;
      if (c < (unsigned)f->nglyphs && !keep[c]) {
        keep[c] = true;
        stack[sp++] = c; /* each glyph enters once: nglyphs is enough */
      }
      if (!(fl & MORE_COMPONENTS))
        break;
      at += component_size(fl);
    }
  }
}

/* Length of a simple glyph without its padding, from where its flags
 * start; 0 if the glyph is malformed. */
static size_t simple_end(struct rd *gr, size_t flags, unsigned npoints) {
  size_t at = flags, xs = 0, ys = 0;
  for (unsigned i = 0; i < npoints;) {
    if (at >= gr->len)
      return 0;
    unsigned fl = gr->p[at++], rep = 1;
    if (fl & 8) {
      if (at >= gr->len)
        return 0;
      rep += gr->p[at++];
    }
    size_t x = fl & 2 ? 1 : fl & 0x10 ? 0 : 2;
    size_t y = fl & 4 ? 1 : fl & 0x20 ? 0 : 2;
    xs += x * rep;
    ys += y * rep;
    i += rep;
  }
  size_t end = at + xs + ys;
  return end <= gr->len ? end : 0;
}

/* Append glyph g without its instructions, components renumbered. */
static void copy_glyph(struct font *f, unsigned g, const uint16_t *newid,
                       struct out *o) {
  struct table t = glyph_at(f, g);
  if (!t.len)
    return;
  struct rd gr = {f->r.p + t.off, t.len, true};
  int contours = (int16_t)u16(&gr, 0);
  size_t start = o->n;
  if (contours >= 0) {
    size_t ends = 10 + 2 * (size_t)contours;
    unsigned npoints = contours ? u16(&gr, ends - 2) + 1 : 0;
    size_t flags = ends + 2 + u16(&gr, ends);
    size_t end = gr.ok ? simple_end(&gr, flags, npoints) : 0;
    if (!end)
      return; /* malformed: drawn as nothing */
    put(o, gr.p, ends);
    put16(o, 0);
    put(o, gr.p + flags, end - flags);
  } else {
    put(o, gr.p, 10);
    size_t at = 10;
    for (;;) {
      unsigned fl = u16(&gr, at), c = u16(&gr, at + 2);
      size_t n = component_size(fl);
      if (!gr.ok || n > gr.len - at) {
        o->n = start; /* malformed */
        return;
      }
      put16(o, fl & ~(unsigned)HAVE_INSTRUCTIONS);
      put16(o, c < (unsigned)f->nglyphs ? newid[c] : 0);
      put(o, gr.p + at + 4, n - 4);
      if (!(fl & MORE_COMPONENTS))
        break;
      at += n;
    }
  }
  if ((o->n - start) % 2) /* even lengths, so short offsets can say them */
    put(o, "", 1);
}

/* The directory of face `index`, or false. (FreeType's and fontconfig's
 * index carries a variable font's named instance in its high 16 bits:
 * the face is the low ones.) */
static bool face_dir(struct rd *r, int index, size_t *dir) {
  *dir = 0;
  if (index > 0)
    index &= 0xFFFF;
  if (r->len >= 12 && memcmp(r->p, "ttcf", 4) == 0) {
    if (index < 0 || (uint32_t)index >= u32(r, 8))
      return false;
    *dir = u32(r, 12 + 4 * (size_t)index);
  } else if (index != 0) {
    return false;
  }
  return r->ok;
}

bool sfnt_table(const unsigned char *font, size_t len, int index,
                const char *tag, size_t *off, size_t *tlen) {
  struct rd r = {font, len, true};
  size_t dir;
  struct table t;
  if (!face_dir(&r, index, &dir) || !find_table(&r, dir, tag, &t) || !r.ok)
    return false;
  *off = t.off;
  *tlen = t.len;
  return true;
}

/* ---- the subset ---- */

bool sfnt_subset(const unsigned char *font, size_t len, int index,
                 const unsigned *gids, int n, uint16_t *newgids,
                 unsigned char **out, size_t *out_len, int *nglyphs) {
  struct font f = {.r = {font, len, true}};
  struct rd *r = &f.r;
  size_t dir;
  if (!face_dir(r, index, &dir))
    return false;
  uint32_t version = u32(r, dir);
  if (!r->ok || (version != 0x00010000 && version != 0x74727565))
    return false;
  struct table head, hhea, maxp;
  if (!find_table(r, dir, "head", &head) || head.len < 54 ||
      !find_table(r, dir, "hhea", &hhea) || hhea.len < 36 ||
      !find_table(r, dir, "maxp", &maxp) || maxp.len < 6 ||
      !find_table(r, dir, "loca", &f.loca) ||
      !find_table(r, dir, "glyf", &f.glyf) ||
      !find_table(r, dir, "hmtx", &f.hmtx))
    return false;
  f.nglyphs = (int)u16(r, maxp.off + 4);
  f.nmetrics = (int)u16(r, hhea.off + 34);
  f.long_loca = u16(r, head.off + 50) != 0;
  if (!r->ok || f.nglyphs < 1 || f.nmetrics < 1 ||
      f.loca.len < (f.long_loca ? 4u : 2u) * ((size_t)f.nglyphs + 1))
    return false;

  /* the glyphs: .notdef, those asked for, and their components */
  bool *keep = xcalloc((size_t)f.nglyphs, sizeof *keep);
  unsigned *stack = xmalloc(sizeof *stack * (size_t)f.nglyphs);
  uint16_t *newid = xmalloc(sizeof *newid * (size_t)f.nglyphs);
  keep[0] = true;
  for (int i = 0; i < n; i++)
    close_over(&f, gids[i], keep, stack);
  int count = 0;
  for (int g = 0; g < f.nglyphs; g++)
    newid[g] = keep[g] ? (uint16_t)count++ : 0;
  for (int i = 0; i < n; i++)
    newgids[i] = gids[i] < (unsigned)f.nglyphs ? newid[gids[i]] : 0;

  /* glyf and its offsets */
  struct out glyf = {0};
  uint32_t *offs = xmalloc(sizeof *offs * ((size_t)count + 1));
  int *adv = xmalloc(sizeof *adv * (size_t)count);
  int *lsb = xmalloc(sizeof *lsb * (size_t)count);
  /* (a short hmtx reads as zeros: the PDF carries the widths anyway) */
  struct rd hmtx = {font + f.hmtx.off, f.hmtx.len, true};
  for (int g = 0, k = 0; g < f.nglyphs; g++) {
    if (!keep[g])
      continue;
    offs[k] = (uint32_t)glyf.n;
    if (g) /* .notdef stays empty, as hb-subset leaves it: a character
            * no font has is warned about and draws nothing */
      copy_glyph(&f, (unsigned)g, newid, &glyf);
    /* metrics: a glyph past the long ones has the last advance */
    int m = g < f.nmetrics ? g : f.nmetrics - 1;
    adv[k] = (int)u16(&hmtx, 4 * (size_t)m);
    lsb[k] = (int16_t)(g < f.nmetrics
                           ? u16(&hmtx, 4 * (size_t)g + 2)
                           : u16(&hmtx, 4 * (size_t)f.nmetrics +
                                            2 * (size_t)(g - f.nmetrics)));
    k++;
  }
  offs[count] = (uint32_t)glyf.n;
  bool long_loca = glyf.n / 2 > 0xFFFF;
  /* trailing glyphs of one advance keep only their side bearings */
  int nmetrics = count;
  while (nmetrics > 1 && adv[nmetrics - 2] == adv[count - 1])
    nmetrics--;

  /* the file: directory, then maxp, hhea, head, loca, hmtx, glyf */
  static const char *tags[6] = {"glyf", "head", "hhea", "hmtx", "loca",
                                "maxp"};
  enum { GLYF, HEAD, HHEA, HMTX, LOCA, MAXP };
  static const int order[6] = {MAXP, HHEA, HEAD, LOCA, HMTX, GLYF};
  size_t at[6], tlen[6];
  struct out o = {0};
  put32(&o, 0x00010000);
  put16(&o, 6);
  put16(&o, 64); /* searchRange: 16 * 4, the largest power of 2 <= 6 */
  put16(&o, 2);  /* entrySelector: log2(4) */
  put16(&o, 32); /* rangeShift: 6 * 16 - 64 */
  grow(&o, 6 * 16);
  memset(o.v + o.n, 0, 6 * 16);
  o.n += 6 * 16;
  for (int i = 0; i < 6; i++) {
    int t = order[i];
    at[t] = o.n;
    switch (t) {
    case MAXP: {
      size_t ml = maxp.len >= 32 ? 32 : 6;
      put(&o, font + maxp.off, ml);
      set16(o.v + at[t] + 4, (unsigned)count);
      if (ml == 32) { /* no instructions left: no hinting resources */
        set16(o.v + at[t] + 14, 1);
        for (size_t k = 16; k <= 26; k += 2)
          set16(o.v + at[t] + k, 0);
      }
      break;
    }
    case HHEA:
      put(&o, font + hhea.off, 36);
      set16(o.v + at[t] + 34, (unsigned)nmetrics);
      break;
    case HEAD:
      put(&o, font + head.off, 54);
      set32(o.v + at[t] + 8, 0); /* checkSumAdjustment, set below */
      set16(o.v + at[t] + 50, long_loca);
      break;
    case LOCA:
      for (int k = 0; k <= count; k++)
        if (long_loca)
          put32(&o, offs[k]);
        else
          put16(&o, offs[k] / 2);
      break;
    case HMTX:
      for (int k = 0; k < count; k++) {
        if (k < nmetrics)
          put16(&o, (unsigned)adv[k]);
        put16(&o, (unsigned)lsb[k] & 0xFFFF);
      }
      break;
    case GLYF:
      put(&o, glyf.v, glyf.n);
      break;
    }
    tlen[t] = o.n - at[t];
    pad4(&o);
  }
  for (int t = 0; t < 6; t++) {
    unsigned char *rec = o.v + 12 + 16 * (size_t)t;
    memcpy(rec, tags[t], 4);
    set32(rec + 4, checksum(o.v + at[t], tlen[t]));
    set32(rec + 8, (uint32_t)at[t]);
    set32(rec + 12, (uint32_t)tlen[t]);
  }
  set32(o.v + at[HEAD] + 8, 0xB1B0AFBAu - checksum(o.v, o.n));

  free(glyf.v);
  free(offs);
  free(adv);
  free(lsb);
  free(keep);
  free(stack);
  free(newid);
  if (!r->ok) {
    free(o.v);
    return false;
  }
  *out = o.v;
  *out_len = o.n;
  *nglyphs = count;
  return true;
}
