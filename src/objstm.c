/* objstm.c: libharu's classic PDF -> the same objects, the small ones in
 * an object stream, indexed by a cross-reference stream (see objstm.h).
 *
 * Why here and not libqpdf: qpdf's object-stream mode takes 27 ms on the
 * tagged seed (the whole render takes 20); this pass reads only what
 * libharu writes and takes a fraction of a millisecond.
 *
 * Layout of the result: the header as libharu wrote it (its version raised
 * to 1.5 if lower), every stream object byte for byte, one object stream
 * holding the rest in object-number order, the cross-reference stream
 * (PNG Up predictor, ISO 32000-1 7.4.4.4; its dictionary carries the
 * trailer's /Root, /Info and /ID), startxref, %%EOF. Object numbers are
 * kept, so references inside the objects stay true.
 */
#include "objstm.h"

#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

struct out {
  unsigned char *v;
  size_t n, cap;
};

static void put(struct out *o, const void *p, size_t n) {
  if (o->n + n > o->cap) {
    o->cap = (o->n + n) * 2 + 256;
    o->v = xrealloc(o->v, o->cap);
  }
  memcpy(o->v + o->n, p, n);
  o->n += n;
}

static void putf(struct out *o, const char *fmt, unsigned long long a,
                 unsigned long long b) {
  char s[256];
  int n = snprintf(s, sizeof s, fmt, a, b); /* formats here are short */
  put(o, s, (size_t)n);
}

static void putu(struct out *o, unsigned long long v) {
  char d[24];
  int n = 0;
  do {
    d[sizeof d - 1 - n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  put(o, d + sizeof d - n, (size_t)n);
}

/* Object k, text[0..n), the next in the object stream: its number and
 * place in the stream's header, its text in the body. */
static void pack_one(struct out *head, struct out *body, size_t k,
                     const void *text, size_t n) {
  if (head->n)
    put(head, " ", 1);
  putu(head, k);
  put(head, " ", 1);
  putu(head, body->n);
  put(body, text, n);
  put(body, "\n", 1);
}

static int is_space(unsigned char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' ||
         c == 0;
}

static int is_delim(unsigned char c) {
  switch (c) {
  case '(': case ')': case '<': case '>': case '[': case ']': case '{':
  case '}': case '/': case '%':
    return 1;
  default:
    return is_space(c);
  }
}

static const unsigned char *skip_space(const unsigned char *p,
                                       const unsigned char *e) {
  while (p < e && is_space(*p))
    p++;
  return p;
}

/* The end of the PDF value starting at p (a number, name, keyword, string,
 * array or dictionary; a reference "N G R" is three values), or NULL if it
 * does not end before e. */
static const unsigned char *skip_value(const unsigned char *p,
                                       const unsigned char *e) {
  int depth = 0;
  do {
    p = skip_space(p, e);
    if (p >= e)
      return NULL;
    if (*p == '(') { /* literal string: balanced parentheses, escapes */
      int d = 0;
      for (; p < e; p++) {
        if (*p == '\\')
          p++;
        else if (*p == '(')
          d++;
        else if (*p == ')' && --d == 0)
          break;
      }
      if (p >= e)
        return NULL;
      p++;
    } else if (*p == '<' && p + 1 < e && p[1] == '<') {
      depth++;
      p += 2;
    } else if (*p == '>' && p + 1 < e && p[1] == '>') {
      depth--;
      p += 2;
    } else if (*p == '<') { /* hex string */
      p = memchr(p, '>', (size_t)(e - p));
      if (!p)
        return NULL;
      p++;
    } else if (*p == '[') {
      depth++;
      p++;
    } else if (*p == ']') {
      depth--;
      p++;
    } else if (*p == '%' || *p == ')' || *p == '>' || *p == '{' ||
               *p == '}') {
      return NULL; /* libharu writes no comments inside objects */
    } else { /* a number, a name or a keyword */
      const unsigned char *s = p;
      p++;
      while (p < e && !is_delim(*p))
        p++;
      if (depth == 0 && *s >= '0' && *s <= '9') { /* "N G R"? */
        const unsigned char *g = skip_space(p, e), *r = g;
        while (r < e && *r >= '0' && *r <= '9')
          r++;
        if (r > g && is_space(*(g - 1))) {
          r = skip_space(r, e);
          if (r < e && *r == 'R' && (r + 1 == e || is_delim(r[1])))
            p = r + 1;
        }
      }
    }
    if (depth < 0)
      return NULL;
  } while (depth > 0);
  return p;
}

/* Reads a decimal number at *p (advancing it); -1 if none. */
static long long number(const unsigned char **p, const unsigned char *e) {
  const unsigned char *s = *p;
  long long v = 0;
  while (s < e && *s >= '0' && *s <= '9' && v < (1LL << 40))
    v = v * 10 + (*s++ - '0');
  if (s == *p)
    return -1;
  *p = s;
  return v;
}

static int starts(const unsigned char *p, const unsigned char *e,
                  const char *word) {
  size_t n = strlen(word);
  return (size_t)(e - p) >= n && memcmp(p, word, n) == 0;
}

static int bytes_for(unsigned long long v) {
  int n = 1;
  while (v >>= 8)
    n++;
  return n;
}

struct entry {
  size_t off;   /* in the input; 0: free */
  int packed;   /* 1: in the object stream, at index idx */
  size_t idx;
  size_t noff;  /* in the output (stream objects) */
};

unsigned char *objstm_pack(const unsigned char *in, size_t len,
                           const char *text, const struct objstm_obj *more,
                           size_t nmore, struct libdeflate_compressor *z,
                           size_t *out_len) {
  const unsigned char *e = in + len;
  /* 1. startxref -> the table -> the objects' offsets */
  const unsigned char *sx = NULL;
  for (size_t i = len >= 64 ? len - 64 : 0; i + 9 <= len; i++)
    if (memcmp(in + i, "startxref", 9) == 0)
      sx = in + i;
  if (!sx || !starts(in, e, "%PDF-1."))
    return NULL;
  const unsigned char *p = skip_space(sx + 9, e);
  long long xoff = number(&p, e);
  if (!starts(skip_space(p, e), e, "%%EOF") || xoff <= 0 || (size_t)xoff >= len || !starts(in + xoff, e, "xref"))
    return NULL;
  p = skip_space(in + xoff + 4, e);
  long long first = number(&p, e);
  p = skip_space(p, e);
  long long count = number(&p, e);
  p = skip_space(p, e);
  if (first != 0 || count < 1 || count > (long long)(len / 20))
    return NULL;
  size_t all = (size_t)count + nmore; /* the objects, at most */
  struct entry *ent = xcalloc(all + 2, sizeof *ent);
  size_t *repl = xcalloc(all + 1, sizeof *repl); /* 1 + its index in more */
  struct out body = {0}, head = {0}, res = {0}, rows = {0};
  unsigned char *result = NULL, *zbuf = NULL;
  size_t prev = 0, npacked = 0;
  for (long long k = 0; k < count; k++, p += 20) {
    if ((size_t)(e - p) < 20 || (p[17] != 'n' && p[17] != 'f'))
      goto fail;
    const unsigned char *q = p;
    long long off = number(&q, e);
    if (off < 0)
      goto fail;
    if (p[17] == 'n') {
      if (p[11] != '0' || p[15] != '0') /* generation 0 only */
        goto fail;
      if ((size_t)off <= prev || off >= xoff)
        goto fail; /* objects in ascending order before the table */
      ent[k].off = prev = (size_t)off;
    }
  }
  /* the objects from beside: replacing one of the file's, or after them */
  size_t last = (size_t)count; /* the number after the last object */
  for (size_t i = 0; i < nmore; i++) {
    size_t k = more[i].num;
    if (k < (size_t)count ? !ent[k].off || repl[k]
                          : k != last++ || more[i].extend)
      goto fail;
    repl[k] = i + 1;
  }
  const unsigned char *tr = skip_space(p, e);
  if (!starts(tr, e, "trailer"))
    goto fail;
  tr = skip_space(tr + 7, e);
  const unsigned char *tr_end = skip_value(tr, sx);
  if (!tr_end || !starts(tr, e, "<<"))
    goto fail;

  /* 2. each object: a stream is copied, anything else packed */
  const unsigned char *hdr_end = NULL;
  for (long long k = 0; k < count; k++) {
    if (!ent[k].off)
      continue;
    if (!hdr_end)
      hdr_end = in + ent[k].off;
    const unsigned char *o = in + ent[k].off;
    long long num = number(&o, e);
    if (num != k || !starts(o, e, " 0 obj"))
      goto fail;
    const unsigned char *v = skip_space(o + 6, e);
    const unsigned char *ve = skip_value(v, in + xoff);
    if (!ve)
      goto fail;
    const unsigned char *after = skip_space(ve, in + xoff);
    if (starts(after, in + xoff, "stream")) {
      if (repl[k])
        goto fail; /* a stream's place cannot hold a packed object */
      ent[k].packed = 0;
      continue;
    }
    if (!starts(after, in + xoff, "endobj"))
      goto fail;
    ent[k].packed = 1;
    ent[k].idx = npacked++;
    const struct objstm_obj *m = repl[k] ? &more[repl[k] - 1] : NULL;
    if (m && m->extend) { /* the dictionary, the entries added at its end */
      if (ve - v < 4 || v[0] != '<' || v[1] != '<' || ve[-1] != '>' ||
          ve[-2] != '>')
        goto fail;
      size_t n0 = (size_t)(ve - 2 - v);
      char *d = xmalloc(n0 + m->len + 4);
      memcpy(d, v, n0);
      d[n0] = ' ';
      memcpy(d + n0 + 1, text + m->off, m->len);
      memcpy(d + n0 + 1 + m->len, ">>", 2);
      pack_one(&head, &body, (size_t)k, d, n0 + m->len + 3);
      free(d);
    } else if (m) {
      pack_one(&head, &body, (size_t)k, text + m->off, m->len);
    } else {
      pack_one(&head, &body, (size_t)k, v, (size_t)(ve - v));
    }
  }
  if (!hdr_end)
    goto fail;
  for (size_t k = (size_t)count; k < last; k++) {
    ent[k].off = 1; /* in use */
    ent[k].packed = 1;
    ent[k].idx = npacked++;
    pack_one(&head, &body, k, text + more[repl[k] - 1].off,
             more[repl[k] - 1].len);
  }
  if (!npacked)
    goto fail;

  /* 3. the header and the streams, as they were */
  put(&res, in, (size_t)(hdr_end - in));
  if (res.n > 8 && res.v[7] < '5')
    res.v[7] = '5'; /* object streams are PDF 1.5 */
  for (long long k = 0; k < count; k++) {
    if (!ent[k].off || ent[k].packed)
      continue;
    size_t end = (size_t)xoff;
    for (long long j = k + 1; j < count; j++)
      if (ent[j].off) {
        end = ent[j].off;
        break;
      }
    ent[k].noff = res.n;
    put(&res, in + ent[k].off, end - ent[k].off);
  }

  /* 4. the object stream */
  size_t objstm = last, xref = objstm + 1, size = xref + 1;
  put(&head, "\n", 1);
  put(&head, body.v, body.n);
  size_t cap = libdeflate_zlib_compress_bound(z, head.n);
  zbuf = xmalloc(cap);
  size_t zn = libdeflate_zlib_compress(z, head.v, head.n, zbuf, cap);
  if (!zn)
    goto fail;
  size_t objstm_off = res.n;
  putf(&res, "%llu 0 obj\n<<\n/Type /ObjStm\n/N %llu\n",
       (unsigned long long)objstm, (unsigned long long)npacked);
  putf(&res, "/First %llu\n/Filter /FlateDecode\n/Length %llu\n>>\nstream\r\n",
       (unsigned long long)(head.n - body.n), (unsigned long long)zn);
  put(&res, zbuf, zn);
  put(&res, "\r\nendstream\nendobj\n", 19);

  /* 5. the cross-reference stream: type, offset or object stream, and
   * generation or index, in the fewest bytes that hold them */
  size_t xref_off = res.n;
  int w2 = bytes_for(xref_off > objstm ? xref_off : objstm);
  int w3 = bytes_for(npacked > 65535 ? npacked : 65535);
  int cols = 1 + w2 + w3;
  unsigned char *row = xcalloc(1, (size_t)cols * 2);
  unsigned char *above = row + cols;
  for (size_t k = 0; k < size; k++) {
    unsigned long long f1, f2, f3;
    if (k == objstm || k == xref)
      f1 = 1, f2 = k == objstm ? objstm_off : xref_off, f3 = 0;
    else if (!ent[k].off)
      f1 = 0, f2 = 0, f3 = k == 0 ? 65535 : 0;
    else if (ent[k].packed)
      f1 = 2, f2 = objstm, f3 = ent[k].idx;
    else
      f1 = 1, f2 = ent[k].noff, f3 = 0;
    row[0] = (unsigned char)f1;
    for (int b = 0; b < w2; b++)
      row[1 + b] = (unsigned char)(f2 >> (8 * (w2 - 1 - b)));
    for (int b = 0; b < w3; b++)
      row[1 + w2 + b] = (unsigned char)(f3 >> (8 * (w3 - 1 - b)));
    unsigned char up = 2; /* PNG "Up": each byte minus the one above */
    put(&rows, &up, 1);
    for (int b = 0; b < cols; b++) {
      unsigned char d = (unsigned char)(row[b] - above[b]);
      put(&rows, &d, 1);
    }
    memcpy(above, row, (size_t)cols);
  }
  free(row);
  cap = libdeflate_zlib_compress_bound(z, rows.n);
  free(zbuf);
  zbuf = xmalloc(cap);
  zn = libdeflate_zlib_compress(z, rows.v, rows.n, zbuf, cap);
  if (!zn)
    goto fail;
  putf(&res, "%llu 0 obj\n<<\n/Type /XRef\n/Size %llu\n",
       (unsigned long long)xref, (unsigned long long)size);
  putf(&res, "/W [ 1 %llu %llu ]\n", (unsigned long long)w2,
       (unsigned long long)w3);
  /* the trailer's entries but /Size (and the /Prev, /XRefStm libharu does
   * not write) */
  const unsigned char *t = tr + 2;
  for (;;) {
    t = skip_space(t, tr_end);
    if (starts(t, tr_end, ">>"))
      break;
    const unsigned char *ke = skip_value(t, tr_end);
    const unsigned char *ve = ke ? skip_value(ke, tr_end) : NULL;
    if (!ve || *t != '/')
      goto fail;
    if (!starts(t, ke, "/Size") && !starts(t, ke, "/Prev") &&
        !starts(t, ke, "/XRefStm")) {
      put(&res, t, (size_t)(ve - t));
      put(&res, "\n", 1);
    }
    t = ve;
  }
  putf(&res, "/Filter /FlateDecode\n/DecodeParms << /Columns %llu "
             "/Predictor 12 >>\n/Length %llu\n>>\nstream\r\n",
       (unsigned long long)cols, (unsigned long long)zn);
  put(&res, zbuf, zn);
  put(&res, "\r\nendstream\nendobj\n", 19);
  putf(&res, "startxref\n%llu\n", (unsigned long long)xref_off, 0);
  put(&res, "%%EOF\n", 6);
  result = res.v;
  res.v = NULL;
  *out_len = res.n;
fail:
  free(ent);
  free(repl);
  free(body.v);
  free(head.v);
  free(rows.v);
  free(res.v);
  free(zbuf);
  return result;
}
