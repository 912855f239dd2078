/* image.c: PNG and JPEG photos (see image.h): their headers and limits,
 * the whole-file check doc.c makes, and what pdf.c embeds: the JPEG as it
 * is, a JPEG made here, or pixels, at most IMAGE_DPI of the size drawn,
 * turned upright by EXIF's orientation (image_matrix).
 *
 * Nothing reaches libharu that image.c has not decoded whole: libharu's
 * PNG loader aborts the process on a damaged file (so PNGs reach it only
 * as pixels), and its JPEG loader copies the file's bytes as they are, so
 * a truncated, 12-bit or scanless JPEG would be embedded at exit 0 and
 * show nothing.
 *
 * Decoders: libpng (its regular API: the simplified one cannot be given
 * limits, and treats 16-bit files as linear light) and libjpeg
 * (libjpeg-turbo). Each has an error handler that longjmps back here,
 * never exits, and each works on a struct owned by the caller of the
 * function that calls setjmp, so nothing it changes is lost by the jump.
 * libjpeg reports a truncated or corrupt scan only as a warning, and
 * decodes on with grey: here such a warning is an error.
 *
 * Memory and time: a file is at most IMAGE_MAX_BYTES, and its header is
 * checked against image.h's limits before anything is decoded. Every
 * chunk of a PNG must fit in the file, and libpng skips every ancillary
 * chunk but tRNS, gAMA and sRGB (text, ICC profiles, EXIF: none is
 * needed, and libpng 1.6.39 allocates and clears the length a text chunk
 * claims, 2 GiB for a 120-byte file, before reading it). Rows are decoded one at a time and
 * shrunk as they come (struct shrink: area averaging in exact integers,
 * after libjpeg's DCT scaling for a JPEG), so only a progressive JPEG or
 * an interlaced PNG is ever held whole (IMAGE_MAX_WHOLE_PIXELS).
 *
 * libjpeg is linked from Debian's static archive (libjpeg.a; see
 * CMakeLists.txt) rather than loaded with dlopen as font.c loads
 * HarfBuzz: its code is part of the executable, paged in only when a
 * photo is decoded, so a CV without a photo maps no further library
 * either way, and the static link needs no table of function pointers
 * and has no "library missing" failure at run time. It costs about
 * 540 KB of executable (300 KB of code: decoder, encoder, their SIMD
 * routines; 240 KB of tables), read from disk only when used.
 *
 * Messages are static strings or, when they name a size, written into a
 * buffer of the calling thread (documents render in several threads).
 */
#include "image.h"

#include <math.h>
#include <png.h>
#include <setjmp.h>
#include <stdarg.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* jpeglib.h needs stdio.h (FILE) and size_t first */
#include <jerror.h>
#include <jpeglib.h>

/* what libjpeg may allocate for one image: a progressive one keeps its
 * DCT coefficients, 2 bytes a sample, so IMAGE_MAX_WHOLE_PIXELS of CMYK
 * without subsampling take 128 MB; a backstop, the header's pixel count
 * is checked first */
#define JPEG_MAX_MEMORY (192L << 20)
/* the quality a JPEG is re-encoded at: visually lossless at 300 dpi */
#define JPEG_QUALITY 90

static _Thread_local char msgbuf[320];

static const char *msgf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
static const char *msgf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msgbuf, sizeof msgbuf, fmt, ap);
  va_end(ap);
  return msgbuf;
}

static uint32_t be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
         p[3];
}

/* ---- headers --------------------------------------------------------- */

/* What image.c reads of a file's header. */
struct header {
  struct image_info info;
  long size;      /* bytes */
  int sw, sh;     /* stored width and height */
  bool whole;     /* decoded whole: interlaced PNG, progressive JPEG */
  bool harusafe;  /* JPEG: libharu's marker walk finds this frame */
};

static const char *png_header(const unsigned char *b, size_t n,
                              struct header *hd) {
  /* signature, then IHDR: length 13, width, height, depth, colour type,
   * compression, filter, interlace */
  if (n < 33 || memcmp(b + 12, "IHDR", 4) != 0 || be32(b + 8) != 13)
    return "a PNG file without its header (IHDR); the file is damaged";
  uint32_t w = be32(b + 16), h = be32(b + 20);
  int depth = b[24], type = b[25];
  bool ok_type = (type == 0 && (depth == 1 || depth == 2 || depth == 4 ||
                                depth == 8 || depth == 16)) ||
                 (type == 3 && (depth == 1 || depth == 2 || depth == 4 ||
                                depth == 8)) ||
                 ((type == 2 || type == 4 || type == 6) &&
                  (depth == 8 || depth == 16));
  if (!ok_type)
    return "a PNG file with an invalid colour type or bit depth";
  hd->info.png = 1;
  hd->sw = (int)(w > 0x7fffffff ? 0x7fffffff : w);
  hd->sh = (int)(h > 0x7fffffff ? 0x7fffffff : h);
  hd->whole = b[28] != 0;
  return NULL;
}

/* The Orientation (tag 0x0112) of an APP1 Exif segment's first IFD, or 1:
 * the TIFF header (byte order, 42, offset of IFD0), then 12-byte entries
 * of tag, type, count and value; a SHORT value sits in the first two
 * bytes of its field whatever the byte order. */
static int exif_orientation(const unsigned char *p, size_t n) {
  if (n < 6 + 8 || memcmp(p, "Exif\0\0", 6) != 0)
    return 1;
  p += 6;
  n -= 6;
  bool le = p[0] == 'I' && p[1] == 'I';
  if (!le && !(p[0] == 'M' && p[1] == 'M'))
    return 1;
#define RD16(q) (le ? (unsigned)(q)[0] | (unsigned)(q)[1] << 8 \
                    : (unsigned)(q)[0] << 8 | (unsigned)(q)[1])
#define RD32(q) (le ? (uint32_t)RD16(q) | (uint32_t)RD16((q) + 2) << 16 \
                    : (uint32_t)RD16(q) << 16 | (uint32_t)RD16((q) + 2))
  if (RD16(p + 2) != 42)
    return 1;
  uint32_t ifd = RD32(p + 4);
  if (ifd > n - 2)
    return 1;
  unsigned count = RD16(p + ifd);
  for (unsigned i = 0; i < count; i++) {
    size_t e = (size_t)ifd + 2 + 12 * (size_t)i;
    if (e + 12 > n)
      break;
    if (RD16(p + e) == 0x0112 && RD16(p + e + 2) == 3) {
      unsigned v = RD16(p + e + 8);
      return v >= 1 && v <= 8 ? (int)v : 1;
    }
  }
  return 1;
#undef RD16
#undef RD32
}

/* Walk a JPEG's markers from SOI to its frame header (SOF), seeking over
 * segments, so that a frame after large APP segments (EXIF with a
 * thumbnail, ICC profiles) is found; the EXIF orientation on the way. */
static const char *jpeg_header(FILE *f, struct header *hd) {
  long at = 2;
  /* libharu reads (marker, length) pairs from offset 2 until its frame:
   * fill bytes or a marker without a length derail it */
  bool plain = true;
  hd->info.orientation = 1;
  bool exif_seen = false;
  for (;;) {
    unsigned char b[10];
    if (fseek(f, at, SEEK_SET) != 0 || fread(b, 1, 2, f) != 2)
      return "a JPEG file without a frame header; the file is damaged";
    if (b[0] != 0xFF)
      return "a JPEG file whose markers are damaged";
    int m = b[1];
    if (m == 0xFF) { /* a fill byte */
      at++;
      plain = false;
      continue;
    }
    if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {
      at += 2; /* markers without a length */
      plain = false;
      continue;
    }
    if (m == 0xD9 || m == 0xDA)
      return "a JPEG file without a frame header; the file is damaged";
    if (fread(b + 2, 1, 2, f) != 2)
      return "a JPEG file without a frame header; the file is damaged";
    long seg = (long)b[2] << 8 | b[3];
    if (seg < 2)
      return "a JPEG file whose markers are damaged";
    bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
    if (sof) {
      if (seg < 8 || fread(b + 4, 1, 6, f) != 6)
        return "a JPEG file whose frame header is damaged";
      int precision = b[4], comps = b[9];
      if (m == 0xC3 || m == 0xC7 || m == 0xCB || m == 0xCF)
        return "a lossless JPEG file, which PDF cannot hold; save it as an "
               "ordinary (baseline) JPEG or as PNG";
      if (m == 0xC5 || m == 0xC6 || m == 0xCD || m == 0xCE)
        return "a hierarchical JPEG file, which cvpdf cannot read; save it "
               "as an ordinary (baseline) JPEG";
      if (precision != 8)
        return msgf("%d-bit JPEGs are not supported: save it as an ordinary "
                    "8-bit JPEG", precision);
      if (comps != 1 && comps != 3 && comps != 4)
        return "a JPEG file with an unusual number of colour components";
      hd->info.png = 0;
      hd->sh = b[5] << 8 | b[6];
      hd->sw = b[7] << 8 | b[8];
      hd->whole = m == 0xC2 || m == 0xCA; /* progressive */
      hd->harusafe = plain && (m == 0xC0 || m == 0xC1 || m == 0xC2);
      return NULL;
    }
    if (m == 0xE1 && !exif_seen) {
      unsigned char *body = malloc((size_t)seg); /* at most 64 KiB */
      size_t got = body ? fread(body, 1, (size_t)seg - 2, f) : 0;
      if (got >= 6 && memcmp(body, "Exif\0\0", 6) == 0) {
        exif_seen = true;
        hd->info.orientation = exif_orientation(body, got);
      }
      free(body);
    }
    at += 2 + seg;
  }
}

static const char *limits(const struct header *hd) {
  int w = hd->info.width, h = hd->info.height;
  long long px = (long long)w * h;
  if (w <= 0 || h <= 0)
    return msgf("the image is empty (%d x %d pixels)", w, h);
  if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE)
    return msgf("the image is %d x %d pixels, more than %d pixels a side: "
                "save it smaller", w, h, IMAGE_MAX_SIDE);
  if (px > IMAGE_MAX_PIXELS)
    return msgf("the image is %d x %d pixels (%.3g megapixels), more than "
                "the %ld megapixels cvpdf accepts: save it smaller",
                w, h, (double)px / 1e6, IMAGE_MAX_PIXELS / 1000000);
  if (hd->whole && px > IMAGE_MAX_WHOLE_PIXELS)
    return msgf("the image is %s of %d x %d pixels (%.3g megapixels), which "
                "is decoded whole: at most %ld megapixels; save it smaller "
                "or %s", hd->info.png ? "an interlaced PNG" : "a progressive "
                "JPEG", w, h, (double)px / 1e6,
                IMAGE_MAX_WHOLE_PIXELS / 1000000,
                hd->info.png ? "not interlaced" : "as a baseline JPEG");
  return NULL;
}

static const char *probe(const char *path, struct header *hd) {
  memset(hd, 0, sizeof *hd);
  hd->info.orientation = 1;
  struct stat st;
  if (stat(path, &st) != 0)
    return errno == ELOOP ? "its symbolic links make a loop"
           : errno == EACCES
               ? "it cannot be read (permission denied)"
               : "no such file (a photo's path is relative to the CV's folder)";
  if (S_ISDIR(st.st_mode))
    return "it is a folder, not an image file";
  if (!S_ISREG(st.st_mode))
    return "not a regular file";
  if ((uintmax_t)st.st_size > IMAGE_MAX_BYTES)
    return "the file is larger than 16 MiB";
  hd->size = (long)st.st_size;
  FILE *f = fopen(path, "rb");
  if (!f)
    return "the file cannot be read";
  unsigned char b[33];
  size_t n = fread(b, 1, sizeof b, f);
  const char *why;
  if (n >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
    why = png_header(b, n, hd);
  else if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
    why = jpeg_header(f, hd);
  else
    why = "not a PNG or JPEG file";
  fclose(f);
  if (why)
    return why;
  bool turned = hd->info.orientation >= 5; /* a quarter turn */
  hd->info.width = turned ? hd->sh : hd->sw;
  hd->info.height = turned ? hd->sw : hd->sh;
  return limits(hd);
}

const char *image_probe(const char *path, struct image_info *out) {
  struct header hd;
  const char *why = probe(path, &hd);
  *out = hd.info;
  return why;
}

/* ---- shrinking --------------------------------------------------------- */

/* Area averaging from sw x sh to dw x dh (dw <= sw, dh <= sh), fed one
 * source row at a time. Exact integers: along a side, source pixel i
 * covers [i*dw, (i+1)*dw) and destination pixel j [j*sw, (j+1)*sw) of the
 * same line, so each source pixel falls in one destination pixel or is
 * split between two, by the length of the overlap; a destination sample
 * is the sum of its sources times their overlaps, over sw*sh. dw == sw
 * and dh == sh copy. */
struct shrink {
  int sw, sh, dw, dh, comps;
  int *col;          /* per source column: its destination column */
  uint32_t *colw;    /* ... and its overlap with it (of dw) */
  uint32_t *hrow;    /* one source row, summed across (<= 255 x sw) */
  uint64_t *acc[2];  /* the destination row being summed, and the next */
  int y;             /* source rows taken */
  unsigned char *out; /* dw x dh x comps */
};

static void shrink_free(struct shrink *s) {
  free(s->col);
  free(s->colw);
  free(s->hrow);
  free(s->acc[0]);
  free(s->acc[1]);
  free(s->out);
  memset(s, 0, sizeof *s);
}

static bool shrink_start(struct shrink *s, int sw, int sh, int dw, int dh,
                         int comps) {
  shrink_free(s);
  *s = (struct shrink){.sw = sw, .sh = sh, .dw = dw, .dh = dh,
                       .comps = comps};
  size_t row = (size_t)dw * (size_t)comps;
  s->col = malloc((size_t)sw * sizeof *s->col);
  s->colw = malloc((size_t)sw * sizeof *s->colw);
  s->hrow = malloc((row + (size_t)comps) * sizeof *s->hrow); /* + w1's */
  s->acc[0] = calloc(row, sizeof *s->acc[0]);
  s->acc[1] = calloc(row, sizeof *s->acc[1]);
  s->out = malloc(row * (size_t)dh);
  if (!s->col || !s->colw || !s->hrow || !s->acc[0] || !s->acc[1] ||
      !s->out) {
    shrink_free(s);
    return false;
  }
  for (int i = 0; i < sw; i++) {
    uint64_t a = (uint64_t)i * (uint64_t)dw, end = a + (uint64_t)dw;
    uint64_t j = a / (uint64_t)sw, edge = (j + 1) * (uint64_t)sw;
    s->col[i] = (int)j;
    s->colw[i] = (uint32_t)((end <= edge ? end : edge) - a);
  }
  return true;
}

/* One source row summed across into s->hrow; c, the components, is a
 * constant where this is inlined, so that the loop over them unrolls. */
static inline void shrink_across(struct shrink *s, const unsigned char *src,
                                 int c) {
  uint32_t unit = (uint32_t)s->dw, *hrow = s->hrow;
  memset(hrow, 0, ((size_t)s->dw + 1) * (size_t)c * sizeof *hrow);
  for (int i = 0; i < s->sw; i++, src += c) {
    uint32_t *d = hrow + (size_t)s->col[i] * (size_t)c;
    uint32_t w0 = s->colw[i], w1 = unit - w0;
    for (int k = 0; k < c; k++) {
      d[k] += src[k] * w0;
      d[c + k] += src[k] * w1; /* w1 == 0: nothing, even at the last */
    }
  }
}

/* Take the next source row (sw x comps samples). */
static void shrink_row(struct shrink *s, const unsigned char *src) {
  int c = s->comps;
  size_t n = (size_t)s->dw * (size_t)c;
  if (s->dw == s->sw && s->dh == s->sh) { /* a copy */
    memcpy(s->out + (size_t)s->y++ * n, src, n);
    return;
  }
  switch (c) {
  case 1: shrink_across(s, src, 1); break;
  case 3: shrink_across(s, src, 3); break;
  default: shrink_across(s, src, 4); break;
  }
  /* the same split down the rows */
  uint64_t a = (uint64_t)s->y * (uint64_t)s->dh, end = a + (uint64_t)s->dh;
  uint64_t j = a / (uint64_t)s->sh, edge = (j + 1) * (uint64_t)s->sh;
  uint64_t w0 = (end <= edge ? end : edge) - a, w1 = (uint64_t)s->dh - w0;
  for (size_t k = 0; k < n; k++)
    s->acc[0][k] += s->hrow[k] * w0;
  if (w1)
    for (size_t k = 0; k < n; k++)
      s->acc[1][k] += s->hrow[k] * w1;
  s->y++;
  if (end >= edge) { /* destination row j is complete */
    uint64_t total = (uint64_t)s->sw * (uint64_t)s->sh;
    unsigned char *o = s->out + (size_t)j * n;
    for (size_t k = 0; k < n; k++)
      o[k] = (unsigned char)((s->acc[0][k] + total / 2) / total);
    uint64_t *t = s->acc[0];
    s->acc[0] = s->acc[1];
    s->acc[1] = t;
    memset(s->acc[1], 0, n * sizeof *t);
  }
}

/* ---- PNG ------------------------------------------------------------- */

/* Every chunk (length, type, data, CRC) must fit in the file, up to IEND:
 * libpng allocates some chunks' claimed length before reading them. */
static const char *png_chunks(FILE *f, long size) {
  long at = 8;
  while (at < size) {
    unsigned char b[8];
    if (size - at < 12 || fseek(f, at, SEEK_SET) != 0 ||
        fread(b, 1, 8, f) != 8 || be32(b) > (uint32_t)(size - at - 12))
      return "a damaged PNG file: it is truncated (a chunk runs past the "
             "end of the file)";
    if (memcmp(b + 4, "IEND", 4) == 0)
      break;
    at += 12 + (long)be32(b);
  }
  return fseek(f, 0, SEEK_SET) == 0 ? NULL : "the file cannot be read";
}

struct pngrun {
  jmp_buf jb;
  char *why; /* libpng's message */
  size_t n;
  FILE *f;
  png_structp png;
  png_infop info;
  unsigned char *row, *mix, *whole;
  png_bytep *rows;
};

static void png_fail(png_structp png, png_const_charp msg) {
  struct pngrun *r = png_get_error_ptr(png);
  if (r->why && r->n)
    snprintf(r->why, r->n, "%s", msg);
  longjmp(r->jb, 1);
}

static void png_quiet(png_structp png, png_const_charp msg) {
  (void)png;
  (void)msg;
}

static void png_read(png_structp png, png_bytep data, size_t n) {
  struct pngrun *r = png_get_io_ptr(png);
  if (fread(data, 1, n, r->f) != n)
    png_error(png, "the file ends early: it is truncated");
}

/* One decoded row to the sink: grey or RGB, transparency over white
 * (blended in sRGB values, as browsers and PDF viewers blend). */
static void png_emit(struct pngrun *r, struct shrink *s,
                     const unsigned char *row, int w, int ch) {
  if (ch == 1 || ch == 3) {
    shrink_row(s, row);
    return;
  }
  int c = ch - 1;
  unsigned char *o = r->mix;
  for (int x = 0; x < w; x++, row += ch, o += c) {
    unsigned a = row[c];
    for (int k = 0; k < c; k++)
      o[k] = (unsigned char)((row[k] * a + 255 * (255 - a) + 127) / 255);
  }
  shrink_row(s, r->mix);
}

/* Decode the whole PNG; each row to s when s is not NULL, which is started
 * here at dw x dh (0: as stored). Call with r zeroed but for f, why, n. */
static const char *png_run(struct pngrun *r, const struct header *hd,
                           struct shrink *s, int dw, int dh) {
  if (setjmp(r->jb))
    return "a damaged PNG file";
  r->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, r, png_fail,
                                  png_quiet);
  if (!r->png)
    return "not enough memory to read the PNG file";
  r->info = png_create_info_struct(r->png);
  if (!r->info)
    png_error(r->png, "not enough memory");
  png_set_read_fn(r->png, r, png_read);
  png_set_user_limits(r->png, IMAGE_MAX_SIDE, IMAGE_MAX_SIDE);
  png_set_chunk_cache_max(r->png, 64);
  png_set_chunk_malloc_max(r->png, 1 << 20);
  /* every ancillary chunk but tRNS is skipped unread (-1: libpng's
   * list), except gAMA and sRGB, a few bytes each: the pixels' gamma */
  png_set_keep_unknown_chunks(r->png, PNG_HANDLE_CHUNK_NEVER, NULL, -1);
  static const png_byte gamma_chunks[] = "gAMA\0sRGB";
  png_set_keep_unknown_chunks(r->png, PNG_HANDLE_CHUNK_AS_DEFAULT,
                              gamma_chunks, 2);
  png_read_info(r->png, r->info);
  png_uint_32 w, h;
  int depth, type, interlace;
  png_get_IHDR(r->png, r->info, &w, &h, &depth, &type, &interlace, NULL,
               NULL);
  if ((int)w != hd->sw || (int)h != hd->sh)
    png_error(r->png, "the file changed while it was read");
  /* a file that says its samples are not sRGB's (gAMA without sRGB, far
   * from 1/2.2: say linear light) is brought to it, as browsers do; PDF
   * takes DeviceRGB samples as sRGB's */
  double gamma;
  if (!png_get_valid(r->png, r->info, PNG_INFO_sRGB) &&
      png_get_gAMA(r->png, r->info, &gamma) && gamma > 0 &&
      fabs(gamma * 2.2 - 1) > 0.05)
    png_set_gamma(r->png, PNG_DEFAULT_sRGB, gamma);
  if (depth == 16)
    png_set_scale_16(r->png);
  if (type == PNG_COLOR_TYPE_PALETTE)
    png_set_palette_to_rgb(r->png);
  if (type == PNG_COLOR_TYPE_GRAY && depth < 8)
    png_set_expand_gray_1_2_4_to_8(r->png);
  if (png_get_valid(r->png, r->info, PNG_INFO_tRNS))
    png_set_tRNS_to_alpha(r->png);
  int passes = png_set_interlace_handling(r->png);
  png_read_update_info(r->png, r->info);
  int ch = png_get_channels(r->png, r->info);
  size_t rowbytes = png_get_rowbytes(r->png, r->info);
  if (ch < 1 || ch > 4 || rowbytes != (size_t)w * (size_t)ch)
    png_error(r->png, "unexpected row format");
  if (s && !shrink_start(s, (int)w, (int)h, dw ? dw : (int)w,
                         dh ? dh : (int)h, ch <= 2 ? 1 : 3))
    png_error(r->png, "not enough memory");
  r->mix = malloc((size_t)w * 3);
  if (!r->mix)
    png_error(r->png, "not enough memory");
  if (passes > 1) { /* interlaced: decoded whole (IMAGE_MAX_WHOLE_PIXELS) */
    r->whole = malloc(rowbytes * h);
    r->rows = malloc(h * sizeof *r->rows);
    if (!r->whole || !r->rows)
      png_error(r->png, "not enough memory");
    for (png_uint_32 y = 0; y < h; y++)
      r->rows[y] = r->whole + rowbytes * y;
    png_read_image(r->png, r->rows);
    if (s)
      for (png_uint_32 y = 0; y < h; y++)
        png_emit(r, s, r->rows[y], (int)w, ch);
  } else {
    r->row = malloc(rowbytes);
    if (!r->row)
      png_error(r->png, "not enough memory");
    for (png_uint_32 y = 0; y < h; y++) {
      png_read_row(r->png, r->row, NULL);
      if (s)
        png_emit(r, s, r->row, (int)w, ch);
    }
  }
  png_read_end(r->png, NULL); /* the chunks after the image, to IEND */
  return NULL;
}

static const char *png_decode(const char *path, const struct header *hd,
                              struct shrink *s, int dw, int dh, char *why,
                              size_t n) {
  if (why && n)
    *why = '\0';
  struct pngrun r = {.why = why, .n = n};
  r.f = fopen(path, "rb");
  if (!r.f)
    return "the file cannot be read";
  const char *bad = png_chunks(r.f, hd->size);
  if (!bad)
    bad = png_run(&r, hd, s, dw, dh);
  if (r.png)
    png_destroy_read_struct(&r.png, r.info ? &r.info : NULL, NULL);
  free(r.row);
  free(r.mix);
  free(r.whole);
  free(r.rows);
  fclose(r.f);
  if (bad && s)
    shrink_free(s);
  return bad;
}

/* ---- JPEG ------------------------------------------------------------- */

struct jerr {
  struct jpeg_error_mgr pub;
  jmp_buf jb;
  int warning;  /* the first warning that leaves the image wrong, or 0 */
  bool noticed; /* a harmless one: another decoder might see it otherwise */
};

static void jpeg_fail(j_common_ptr c) {
  longjmp(((struct jerr *)(void *)c->err)->jb, 1);
}

static void jpeg_note(j_common_ptr c, int level) {
  struct jerr *e = (struct jerr *)(void *)c->err;
  if (level >= 0)
    return; /* trace messages */
  int code = e->pub.msg_code;
  /* harmless: bytes between segments, an unknown JFIF or Adobe version,
   * a bad ICC marker (the profile is not used) */
  bool harmless = code == JWRN_EXTRANEOUS_DATA || code == JWRN_JFIF_MAJOR ||
                  code == JWRN_ADOBE_XFORM || code == JWRN_BOGUS_ICC;
  if (!harmless && !e->warning)
    e->warning = code;
  e->noticed = true;
}

static void jpeg_quiet(j_common_ptr c) { (void)c; }

static void jpeg_errors(struct jerr *e) {
  jpeg_std_error(&e->pub);
  e->pub.error_exit = jpeg_fail;
  e->pub.emit_message = jpeg_note;
  e->pub.output_message = jpeg_quiet;
  e->warning = 0;
  e->noticed = false;
}

/* What is wrong, from libjpeg's first image-damaging warning or its
 * error (code: its msg_code, 0 if none). */
static const char *jpeg_why(struct jerr *e, int code, j_common_ptr c) {
  if (e->warning == JWRN_JPEG_EOF || e->warning == JWRN_HIT_MARKER)
    return "the JPEG file is truncated: its image data ends early";
  if (e->warning)
    return "the JPEG file's image data is damaged: it does not decode";
  if (code == JERR_NO_IMAGE || code == JERR_SOF_NO_SOS)
    return "the JPEG file has no image data (no scan): the file is damaged";
  if (code == JERR_BAD_PRECISION)
    return "12-bit JPEGs are not supported: save it as an ordinary 8-bit "
           "JPEG";
  if (code == JERR_OUT_OF_MEMORY || code == JERR_NO_BACKING_STORE)
    return "the JPEG file needs more memory than cvpdf allows: save it "
           "smaller or as a baseline JPEG";
  char text[JMSG_LENGTH_MAX];
  e->pub.format_message(c, text);
  return msgf("a damaged JPEG file (libjpeg: %s)", text);
}

struct jpegrun {
  struct jpeg_decompress_struct c;
  struct jerr e;
  bool created;
  FILE *f;
  int dw, dh;       /* the size wanted (0: as stored) */
  bool header_only; /* stop after the header (for *agree) */
  unsigned char *row, *inv;
};

/* libjpeg's colour space as PDF viewers read the file: a 3-component
 * frame without Adobe's marker is YCbCr to them (/ColorTransform 1), a
 * 4-component one is inverted CMYK to libharu (/Decode [1 0 ...]), as
 * Adobe's marker says. */
static bool viewers_agree(const struct jpeg_decompress_struct *c) {
  switch (c->jpeg_color_space) {
  case JCS_GRAYSCALE:
  case JCS_YCbCr:
    return true;
  case JCS_RGB:
  case JCS_CMYK:
  case JCS_YCCK:
    return c->saw_Adobe_marker;
  default:
    return false;
  }
}

/* One decoded row to the sink. CMYK stays CMYK, for the viewer to show
 * as it shows any: as Adobe's APP14 marker says (and libharu's /Decode
 * [1 0 ...] assumes), stored inverted, so a file without the marker is
 * inverted here. */
static void jpeg_emit(struct jpegrun *r, struct shrink *s,
                      const unsigned char *row, int w) {
  if (r->c.out_color_space != JCS_CMYK || r->c.saw_Adobe_marker) {
    shrink_row(s, row);
    return;
  }
  for (int i = 0; i < w * 4; i++)
    r->inv[i] = (unsigned char)(255 - row[i]);
  shrink_row(s, r->inv);
}

/* Decode the whole JPEG: with s NULL at 1/8 scale, which still reads and
 * Huffman-decodes every coefficient but computes only their DC term;
 * else scaled by libjpeg to the smallest size of at least dw x dh (0: as
 * stored) and shrunk to it. *agree: whether viewers read the file's
 * colours as libjpeg does (from its header; r->header_only: nothing
 * more). */
static const char *jpeg_run(struct jpegrun *r, struct shrink *s,
                            bool *agree) {
  jpeg_errors(&r->e);
  r->c.err = &r->e.pub;
  if (setjmp(r->e.jb))
    return jpeg_why(&r->e, r->e.pub.msg_code, (j_common_ptr)&r->c);
  jpeg_create_decompress(&r->c);
  r->created = true;
  r->c.mem->max_memory_to_use = JPEG_MAX_MEMORY;
  jpeg_stdio_src(&r->c, r->f);
  jpeg_read_header(&r->c, TRUE);
  if (agree) /* and nothing odd in the header that they might read otherwise */
    *agree = viewers_agree(&r->c) && !r->e.noticed;
  if (r->header_only)
    return NULL;
  int sw = (int)r->c.image_width, sh = (int)r->c.image_height;
  if (r->c.num_components == 4)
    r->c.out_color_space = JCS_CMYK;
  else if (r->c.num_components == 3)
    r->c.out_color_space = JCS_RGB;
  else
    r->c.out_color_space = JCS_GRAYSCALE;
  if (!s) {
    r->c.scale_num = 1;
    r->c.scale_denom = 8;
    r->c.do_fancy_upsampling = FALSE;
    r->c.do_block_smoothing = FALSE;
    r->c.dct_method = JDCT_IFAST;
  } else {
    if (!r->dw)
      r->dw = sw;
    if (!r->dh)
      r->dh = sh;
    /* the largest reduction that keeps at least dw x dh */
    unsigned num = 1;
    while (num < 8 && ((long)sw * num + 7) / 8 < r->dw)
      num++;
    while (num < 8 && ((long)sh * num + 7) / 8 < r->dh)
      num++;
    r->c.scale_num = num;
    r->c.scale_denom = 8;
  }
  jpeg_start_decompress(&r->c);
  int ow = (int)r->c.output_width, oh = (int)r->c.output_height;
  int oc = r->c.output_components;
  /* never larger than what libjpeg gives (the file may have changed) */
  if (s && !shrink_start(s, ow, oh, r->dw < ow ? r->dw : ow,
                         r->dh < oh ? r->dh : oh, oc))
    ERREXIT1(&r->c, JERR_OUT_OF_MEMORY, 0);
  r->row = malloc((size_t)ow * (size_t)oc);
  r->inv = malloc((size_t)ow * (size_t)oc);
  if (!r->row || !r->inv)
    ERREXIT1(&r->c, JERR_OUT_OF_MEMORY, 0);
  while (r->c.output_scanline < r->c.output_height) {
    JSAMPROW rp = r->row;
    if (jpeg_read_scanlines(&r->c, &rp, 1) != 1)
      ERREXIT(&r->c, JERR_INPUT_EOF);
    if (s)
      jpeg_emit(r, s, r->row, ow);
  }
  jpeg_finish_decompress(&r->c);
  if (r->e.warning)
    return jpeg_why(&r->e, 0, (j_common_ptr)&r->c);
  return NULL;
}

static const char *jpeg_decode(const char *path, struct shrink *s, int dw,
                               int dh, bool *agree, bool header_only) {
  struct jpegrun r = {.dw = dw, .dh = dh, .header_only = header_only};
  r.f = fopen(path, "rb");
  if (!r.f)
    return "the file cannot be read";
  const char *bad = jpeg_run(&r, s, agree);
  if (r.created)
    jpeg_destroy_decompress(&r.c);
  free(r.row);
  free(r.inv);
  fclose(r.f);
  if (bad && s)
    shrink_free(s);
  return bad;
}

/* A destination for libjpeg's encoder: a buffer that grows (libjpeg's
 * own jpeg_mem_dest loses track of its buffer when an error interrupts). */
struct memdst {
  struct jpeg_destination_mgr pub;
  unsigned char *buf;
  size_t cap, size;
};

static void dst_init(j_compress_ptr c) {
  struct memdst *d = (struct memdst *)(void *)c->dest;
  d->cap = 1 << 16;
  d->buf = malloc(d->cap);
  if (!d->buf)
    ERREXIT1(c, JERR_OUT_OF_MEMORY, 0);
  d->pub.next_output_byte = d->buf;
  d->pub.free_in_buffer = d->cap;
}

static boolean dst_grow(j_compress_ptr c) {
  struct memdst *d = (struct memdst *)(void *)c->dest;
  unsigned char *b = realloc(d->buf, d->cap * 2);
  if (!b)
    ERREXIT1(c, JERR_OUT_OF_MEMORY, 0);
  d->buf = b;
  d->pub.next_output_byte = b + d->cap;
  d->pub.free_in_buffer = d->cap;
  d->cap *= 2;
  return TRUE;
}

static void dst_term(j_compress_ptr c) {
  struct memdst *d = (struct memdst *)(void *)c->dest;
  d->size = d->cap - d->pub.free_in_buffer;
}

struct jpegenc {
  struct jpeg_compress_struct c;
  struct jerr e;
  struct memdst dst;
  bool created;
};

static const char *jpeg_encode_run(struct jpegenc *r, const unsigned char *px,
                                   int w, int h, int comps) {
  jpeg_errors(&r->e);
  r->c.err = &r->e.pub;
  if (setjmp(r->e.jb))
    return "the photo could not be re-encoded as JPEG (not enough memory?)";
  jpeg_create_compress(&r->c);
  r->created = true;
  r->dst.pub.init_destination = dst_init;
  r->dst.pub.empty_output_buffer = dst_grow;
  r->dst.pub.term_destination = dst_term;
  r->c.dest = &r->dst.pub;
  r->c.image_width = (JDIMENSION)w;
  r->c.image_height = (JDIMENSION)h;
  r->c.input_components = comps;
  r->c.in_color_space = comps == 1   ? JCS_GRAYSCALE
                        : comps == 3 ? JCS_RGB
                                     : JCS_CMYK;
  jpeg_set_defaults(&r->c); /* CMYK: written as is, with Adobe's marker */
  jpeg_set_quality(&r->c, JPEG_QUALITY, TRUE);
  r->c.optimize_coding = TRUE; /* smaller, at little cost */
  jpeg_start_compress(&r->c, TRUE);
  while (r->c.next_scanline < r->c.image_height) {
    JSAMPROW rp = (JSAMPROW)(px + (size_t)r->c.next_scanline * (size_t)w *
                                      (size_t)comps);
    jpeg_write_scanlines(&r->c, &rp, 1);
  }
  jpeg_finish_compress(&r->c);
  return NULL;
}

/* A baseline JPEG of the pixels (malloc'ed, *size bytes), or NULL. */
static unsigned char *jpeg_encode(const unsigned char *px, int w, int h,
                                  int comps, size_t *size, const char **why) {
  struct jpegenc r = {.created = false};
  *why = jpeg_encode_run(&r, px, w, h, comps);
  if (r.created)
    jpeg_destroy_compress(&r.c);
  if (*why) {
    free(r.dst.buf);
    return NULL;
  }
  *size = r.dst.size;
  return r.dst.buf;
}

/* ---- the check and the embedding --------------------------------------- */

const char *image_check(const char *path, char *why, size_t n) {
  if (why && n)
    *why = '\0';
  struct header hd;
  const char *bad = probe(path, &hd);
  if (bad)
    return bad;
  if (hd.info.png)
    return png_decode(path, &hd, NULL, 0, 0, why, n);
  return jpeg_decode(path, NULL, 0, 0, NULL, false);
}

static const char *decode(const char *path, double w, double h, double dpi,
                          bool pixels, struct image_embed *out);

const char *image_embed(const char *path, double w, double h,
                        struct image_embed *out) {
  return decode(path, w, h, IMAGE_DPI, false, out);
}

const char *image_pixels(const char *path, double w, double h, double dpi,
                         struct image_embed *out) {
  return decode(path, w, h, dpi, true, out);
}

/* image_embed's work, at `dpi`; `pixels`: every image decoded (for a
 * raster backend), never handed on as a JPEG. */
static const char *decode(const char *path, double w, double h, double dpi,
                          bool pixels, struct image_embed *out) {
  memset(out, 0, sizeof *out);
  struct header hd;
  const char *bad = probe(path, &hd);
  if (bad)
    return bad;
  out->orientation = hd.info.orientation;
  /* the scale that gives IMAGE_DPI at the size drawn, the stored image's
   * sides as the box's (a quarter turn swaps them) */
  double tw = w / 72 * dpi, th = h / 72 * dpi;
  if (hd.info.orientation >= 5) {
    double t = tw;
    tw = th;
    th = t;
  }
  double f = fmin(tw / hd.sw, th / hd.sh);
  if (!(f > 0)) /* an empty box (or NaN): keep the pixels */
    f = 1;
  bool fits = f >= 1 / IMAGE_SLACK; /* not too many pixels for the box */
  /* what is decoded is never more than IMAGE_MAX_WHOLE_PIXELS, however
   * large it is drawn */
  double px = (double)hd.sw * hd.sh;
  if (f * f * px > (double)IMAGE_MAX_WHOLE_PIXELS)
    f = sqrt((double)IMAGE_MAX_WHOLE_PIXELS / px);
  int dw = hd.sw, dh = hd.sh;
  if (!fits || px > (double)IMAGE_MAX_WHOLE_PIXELS) {
    f = fmin(f, 1);
    dw = (int)(hd.sw * f + 1e-9);
    dh = (int)(hd.sh * f + 1e-9);
    dw = dw < 1 ? 1 : dw;
    dh = dh < 1 ? 1 : dh;
  }
  struct shrink s = {.sw = 0};
  if (!hd.info.png && pixels) {
    if ((bad = jpeg_decode(path, &s, dw, dh, NULL, false)))
      return bad;
    out->data = s.out;
    s.out = NULL;
    out->size = (size_t)s.dw * (size_t)s.dh * (size_t)s.comps;
    out->form = IMAGE_PIXELS;
  } else if (!hd.info.png) {
    bool agree = false;
    if (fits && hd.harusafe &&
        !(bad = jpeg_decode(path, NULL, 0, 0, &agree, true)) && agree) {
      out->form = IMAGE_JPEG_FILE;
      out->w = hd.sw;
      out->h = hd.sh;
      return NULL;
    }
    if (bad || (bad = jpeg_decode(path, &s, dw, dh, NULL, false)))
      return bad;
    out->data = jpeg_encode(s.out, s.dw, s.dh, s.comps, &out->size, &bad);
    out->form = IMAGE_JPEG_DATA;
  } else {
    if ((bad = png_decode(path, &hd, &s, dw, dh, NULL, 0)))
      return bad;
    out->data = s.out;
    s.out = NULL;
    out->size = (size_t)s.dw * (size_t)s.dh * (size_t)s.comps;
    out->form = IMAGE_PIXELS;
  }
  out->w = s.dw;
  out->h = s.dh;
  out->comps = s.comps;
  shrink_free(&s);
  return bad;
}

void image_embed_free(struct image_embed *e) {
  free(e->data);
  e->data = NULL;
}

void image_matrix(int orientation, double x, double y, double w, double h,
                  double m[6]) {
  /* the unit square of image space (u across the stored rows, v up from
   * the last row) onto the box: EXIF's eight orientations are the
   * mirrorings and quarter turns that make the stored image upright */
  static const signed char t[8][6] = {
      /* a, b, c, d as multiples of w or h; e, f: 1 adds w or h */
      {1, 0, 0, 1, 0, 0},   /* 1: as stored */
      {-1, 0, 0, 1, 1, 0},  /* 2: mirrored left to right */
      {-1, 0, 0, -1, 1, 1}, /* 3: half a turn */
      {1, 0, 0, -1, 0, 1},  /* 4: mirrored top to bottom */
      {0, -1, -1, 0, 1, 1}, /* 5: mirrored along the main diagonal */
      {0, -1, 1, 0, 0, 1},  /* 6: a quarter turn clockwise */
      {0, 1, 1, 0, 0, 0},   /* 7: mirrored along the other diagonal */
      {0, 1, -1, 0, 1, 0},  /* 8: a quarter turn anticlockwise */
  };
  const signed char *r = t[orientation >= 1 && orientation <= 8
                               ? orientation - 1 : 0];
  /* a and c scale u and v across (w), b and d up (h) */
  m[0] = r[0] * w;
  m[1] = r[1] * h;
  m[2] = r[2] * w;
  m[3] = r[3] * h;
  m[4] = x + r[4] * w;
  m[5] = y + r[5] * h;
}
