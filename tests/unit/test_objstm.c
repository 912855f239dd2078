/* test_objstm.c: objstm_pack on files libharu writes. The packed file is
 * read back by hand, as a PDF 1.5 reader would: startxref leads to a
 * cross-reference stream whose every entry is right (a type-1 offset holds
 * "N 0 obj", a type-2 entry's object stream lists that object at that
 * index), every object of the input is there, streams are byte for byte,
 * a title full of PDF syntax survives; cut or damaged input gives NULL. */
#include <hpdf.h>
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "harness.h"
#include "objstm.h"

void test_objstm(void);

static unsigned char *classic(size_t *len) {
  HPDF_Doc pdf = HPDF_New(NULL, NULL);
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, "a (b) c) stream endobj >> \\ [");
  for (int p = 0; p < 3; p++) {
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_MoveTo(page, 10, 10);
    HPDF_Page_LineTo(page, 100, 100 + p);
    HPDF_Page_Stroke(page);
  }
  HPDF_SaveToStream(pdf);
  HPDF_UINT32 n = HPDF_GetStreamSize(pdf);
  unsigned char *b = xmalloc(n);
  HPDF_ReadFromStream(pdf, b, &n);
  HPDF_Free(pdf);
  *len = n;
  return b;
}

/* The number after `key` in [p, e), or -1. */
static long long after(const unsigned char *p, const unsigned char *e,
                       const char *key) {
  size_t k = strlen(key);
  for (; p + k < e; p++)
    if (memcmp(p, key, k) == 0)
      return strtoll((const char *)p + k, NULL, 10);
  return -1;
}

/* The inflated data of the stream object at `o`; its size in *n. */
static unsigned char *inflated(const unsigned char *o, const unsigned char *e,
                               size_t *n) {
  long long len = after(o, e, "/Length ");
  const unsigned char *s = o;
  while (s + 8 < e && memcmp(s, "stream\r\n", 8) != 0)
    s++;
  s += 8;
  size_t cap = 1 << 20;
  unsigned char *out = xmalloc(cap);
  struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
  if (len < 0 || s + len > e ||
      libdeflate_zlib_decompress(d, s, (size_t)len, out, cap, n) !=
          LIBDEFLATE_SUCCESS)
    *n = 0;
  libdeflate_free_decompressor(d);
  return out;
}

/* Reads the packed file back through its cross-reference stream,
 * checking every entry; counts the objects at an offset and in the object
 * stream, whose inflated text it returns (*osn bytes; NULL if none). */
static unsigned char *read_back(const unsigned char *out, size_t n,
                                int *n_in_use, int *n_packed, size_t *osn_) {
  const unsigned char *e = out + n;
  CHECK(memcmp(out, "%PDF-1.5", 8) == 0);
  CHECK(n >= 6 && memcmp(e - 6, "%%EOF\n", 6) == 0);

  /* the cross-reference stream */
  long long sx = -1;
  for (const unsigned char *p = e - 40; p < e - 9; p++)
    if (memcmp(p, "startxref", 9) == 0)
      sx = strtoll((const char *)p + 10, NULL, 10);
  CHECK(sx > 0 && (size_t)sx < n);
  const unsigned char *x = out + sx;
  CHECK(memmem(x, 64, "/Type /XRef", 11) != NULL);
  long long size = after(x, e, "/Size ");
  long long w2 = after(x, e, "/W [ 1 "), w3 = -1;
  const unsigned char *wp = memmem(x, (size_t)(e - x), "/W [ 1 ", 7);
  if (wp)
    w3 = strtoll((const char *)wp + 9, NULL, 10);
  CHECK(memmem(x, (size_t)(e - x), "/Root 1 0 R", 11) != NULL);
  CHECK(memmem(x, (size_t)(e - x), "/Info ", 6) != NULL);
  size_t rn = 0;
  unsigned char *rows = inflated(x, e, &rn);
  int cols = (int)(1 + w2 + w3);
  CHECK_INT(rn, size * (cols + 1));
  unsigned char last[16] = {0};
  int in_use = 0, packed = 0;
  unsigned char *obj_stream = NULL;
  size_t osn = 0;
  long long first = 0;
  for (long long k = 0; k < size && rn == (size_t)(size * (cols + 1)) &&
                        cols <= 16;
       k++) {
    unsigned char *r = rows + k * (cols + 1);
    CHECK_INT(r[0], 2); /* PNG Up */
    for (int b = 0; b < cols; b++)
      last[b] = (unsigned char)(last[b] + r[1 + b]);
    unsigned long long f2 = 0, f3 = 0;
    for (int b = 0; b < w2; b++)
      f2 = f2 << 8 | last[1 + b];
    for (int b = 0; b < w3; b++)
      f3 = f3 << 8 | last[1 + w2 + b];
    if (last[0] == 1) {
      char want[32];
      int wl = snprintf(want, sizeof want, "%lld 0 obj", k);
      CHECK(f2 < n && memcmp(out + f2, want, (size_t)wl) == 0);
      in_use++;
    } else if (last[0] == 2) {
      if (!obj_stream) { /* the object stream f2 */
        char want[32];
        snprintf(want, sizeof want, "%llu 0 obj", f2);
        const unsigned char *o = memmem(out, n, want, strlen(want));
        CHECK(o && memmem(o, 64, "/Type /ObjStm", 13));
        if (o) {
          obj_stream = inflated(o, e, &osn);
          first = after(o, e, "/First ");
        }
      }
      /* the object stream's header says object k at index f3 */
      const char *h = (const char *)obj_stream;
      char *endp;
      long long num = -1;
      for (unsigned long long i = 0; h && i <= f3; i++) {
        num = strtoll(h, &endp, 10);
        strtoll(endp, &endp, 10);
        h = endp;
      }
      CHECK_INT(num, k);
      packed++;
    } else {
      CHECK(k == 0 && f3 == 65535);
    }
  }
  free(rows);
  *n_in_use = in_use;
  *n_packed = packed;
  *osn_ = osn;
  if (obj_stream && (first <= 0 || (size_t)first >= osn)) {
    CHECK(!"the object stream's /First lies inside it");
  }
  return obj_stream;
}

void test_objstm(void) {
  size_t len;
  unsigned char *in = classic(&len);
  struct libdeflate_compressor *z = libdeflate_alloc_compressor(6);
  size_t n = 0, osn = 0;
  int in_use = 0, packed = 0;
  unsigned char *out = objstm_pack(in, len, NULL, NULL, 0, z, &n);
  CHECK(out != NULL);
  unsigned char *obj_stream =
      out ? read_back(out, n, &in_use, &packed, &osn) : NULL;
  /* the input's objects, numbered 1 .. (xref size - 1), all there: the
   * pages' streams as they were, the rest packed */
  long long insize = after(in + len - 128, in + len, "/Size ");
  CHECK_INT(in_use + packed, insize - 1 + 2);
  int streams = 0;
  for (const unsigned char *p = in; (p = memmem(p, (size_t)(in + len - p),
                                                "stream\r\n", 8)) != NULL;
       p += 8)
    streams++;
  CHECK_INT(streams, 3);
  CHECK_INT(packed, insize - 1 - streams);
  static const char title[] =
      "/Title (a \\050b\\051 c\\051 stream endobj \\076\\076 \\134 \\133)";
  CHECK(obj_stream && memmem(obj_stream, osn, title, sizeof title - 1));
  free(obj_stream);
  for (const unsigned char *p = in; out && (p = memmem(p, (size_t)(in + len - p),
                                                       "stream\r\n", 8)) != NULL;
       p += 8) {
    const unsigned char *q = memmem(p, (size_t)(in + len - p), "endstream",
                                    9);
    CHECK(q && memmem(out, n, p, (size_t)(q - p)) != NULL);
    if (!q)
      break;
  }
  free(out);

  /* objects from beside: the information (3) replaced, two after the
   * file's last */
  static const char text[] = "<</Title (beside)>><</A 1>>[1 2 3]/Lang (en)";
  struct objstm_obj more[4] = {{3, 0, 19, false},
                               {(size_t)insize, 19, 8, false},
                               {(size_t)insize + 1, 27, 7, false},
                               {1, 34, 10, true}};
  out = objstm_pack(in, len, text, more, 4, z, &n);
  CHECK(out != NULL);
  obj_stream = out ? read_back(out, n, &in_use, &packed, &osn) : NULL;
  CHECK_INT(packed, insize - 1 - streams + 2);
  CHECK(obj_stream && memmem(obj_stream, osn, "<</Title (beside)>>", 19) &&
        !memmem(obj_stream, osn, title, sizeof title - 1) &&
        memmem(obj_stream, osn, "[1 2 3]", 7));
  /* the catalog extended: its entries, then the one added */
  CHECK(obj_stream &&
        memmem(obj_stream, osn, "/Pages 2 0 R\n /Lang (en)>>", 26));
  free(obj_stream);
  free(out);
  /* ... but not in a stream's place, nor leaving a gap, nor extending
   * what is no dictionary (object 6: a stream's length) */
  struct objstm_obj stream5 = {5, 0, 19, false},
                    gap = {(size_t)insize + 1, 0, 19, false},
                    number6 = {6, 34, 10, true};
  size_t m;
  CHECK(objstm_pack(in, len, text, &stream5, 1, z, &m) == NULL);
  CHECK(objstm_pack(in, len, text, &gap, 1, z, &m) == NULL);
  CHECK(objstm_pack(in, len, text, &number6, 1, z, &m) == NULL);

  /* damaged input: NULL, never a crash (every cut, a changed table) */
  int nulls = 0;
  for (size_t cut = 0; cut < len; cut += 7) {
    unsigned char *o = objstm_pack(in, cut, NULL, NULL, 0, z, &m);
    nulls += o == NULL;
    free(o);
  }
  CHECK_INT(nulls, (len + 6) / 7);
  unsigned char *bad = xmalloc(len);
  memcpy(bad, in, len);
  unsigned char *tb = memmem(bad, len, "0000000000 65535 f\r\n", 20);
  CHECK(tb != NULL);
  if (tb) {
    tb[20 + 9] ^= 1; /* object 1's offset, off by one */
    unsigned char *o = objstm_pack(bad, len, NULL, NULL, 0, z, &m);
    CHECK(o == NULL);
    free(o);
  }
  free(bad);
  free(in);
  libdeflate_free_compressor(z);
}
