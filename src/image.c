/* image.c: PNG and JPEG files (see image.h). Headers are read from the
 * first 64 KiB. PNGs are decoded with libpng's simplified API, which
 * reports errors by return value: libharu's own PNG loader aborts the
 * process on a damaged file, so it never sees one. JPEGs go into the PDF
 * as they are (DCT), so only their structure is checked. */
#include "image.h"

#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"

static uint32_t be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
         p[3];
}

static const char *png(const unsigned char *b, size_t n,
                       struct image_info *out) {
  /* signature, then IHDR: length 13, width, height, depth, colour type */
  if (n < 33 || memcmp(b + 12, "IHDR", 4) != 0 || be32(b + 8) != 13)
    return "a PNG file without its header (IHDR); the file is damaged";
  uint32_t w = be32(b + 16), h = be32(b + 20);
  int depth = b[24], type = b[25];
  bool ok_type = (type == 0 && (depth == 1 || depth == 2 || depth == 4 ||
                                depth == 8 || depth == 16)) ||
                 (type == 3 && depth <= 8) ||
                 ((type == 2 || type == 4 || type == 6) &&
                  (depth == 8 || depth == 16));
  if (!ok_type)
    return "a PNG file with an invalid colour type or bit depth";
  out->png = 1;
  out->width = (int)(w > 0x7fffffff ? 0x7fffffff : w);
  out->height = (int)(h > 0x7fffffff ? 0x7fffffff : h);
  return NULL;
}

static const char *jpeg(const unsigned char *b, size_t n,
                        struct image_info *out) {
  size_t i = 2;
  while (i + 4 <= n) {
    if (b[i] != 0xFF)
      return "a JPEG file whose markers are damaged";
    int m = b[i + 1];
    if (m == 0xFF) { /* fill byte */
      i++;
      continue;
    }
    if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {
      i += 2;
      continue;
    }
    size_t seg = (size_t)b[i + 2] << 8 | b[i + 3];
    if (seg < 2)
      return "a JPEG file whose markers are damaged";
    bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
    if (sof) {
      if (i + 10 > n)
        break;
      int h = b[i + 5] << 8 | b[i + 6], w = b[i + 7] << 8 | b[i + 8];
      int comps = b[i + 9];
      if (m == 0xC3 || m == 0xC7 || m == 0xCB || m == 0xCF)
        return "a lossless JPEG file, which PDF cannot hold; save it as an "
               "ordinary (baseline) JPEG or as PNG";
      if (comps != 1 && comps != 3 && comps != 4)
        return "a JPEG file with an unusual number of colour components";
      out->png = 0;
      out->width = w;
      out->height = h;
      return NULL;
    }
    if (m == 0xD9 || m == 0xDA)
      break;
    i += 2 + seg;
  }
  return "a JPEG file without a frame header in its first 64 KiB";
}

const char *image_probe(const char *path, struct image_info *out) {
  memset(out, 0, sizeof *out);
  struct stat st;
  if (stat(path, &st) != 0)
    return "no such file (a photo's path is relative to the CV's folder)";
  if (!S_ISREG(st.st_mode))
    return "not a regular file";
  if ((uintmax_t)st.st_size > IMAGE_MAX_BYTES)
    return "the file is larger than 16 MiB";
  FILE *f = fopen(path, "rb");
  if (!f)
    return "the file cannot be read";
  static const size_t cap = 65536;
  unsigned char b[65536];
  size_t n = fread(b, 1, cap, f);
  fclose(f);
  const char *why;
  if (n >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
    why = png(b, n, out);
  else if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
    why = jpeg(b, n, out);
  else
    why = "not a PNG or JPEG file";
  if (!why && (out->width <= 0 || out->height <= 0 ||
               out->width > IMAGE_MAX_SIDE || out->height > IMAGE_MAX_SIDE))
    why = "the image is empty or larger than 10000 pixels a side";
  return why;
}

/* Decode a PNG into RGB over white; NULL with why set on failure. */
static unsigned char *decode_png(const char *path, int *w, int *h, char *why,
                                 size_t n) {
  png_image im;
  memset(&im, 0, sizeof im);
  im.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&im, path)) {
    if (why)
      snprintf(why, n, "%s", im.message);
    return NULL;
  }
  if (im.width == 0 || im.height == 0 || im.width > IMAGE_MAX_SIDE ||
      im.height > IMAGE_MAX_SIDE) {
    png_image_free(&im);
    if (why)
      snprintf(why, n, "the image is empty or larger than 10000 pixels a side");
    return NULL;
  }
  im.format = PNG_FORMAT_RGB;
  size_t size = PNG_IMAGE_SIZE(im);
  unsigned char *px = xmalloc(size ? size : 1);
  png_color white = {255, 255, 255};
  if (!png_image_finish_read(&im, &white, px, 0, NULL)) {
    if (why)
      snprintf(why, n, "%s", im.message);
    png_image_free(&im);
    free(px);
    return NULL;
  }
  *w = (int)im.width;
  *h = (int)im.height;
  return px;
}

unsigned char *image_png_rgb(const char *path, int *w, int *h) {
  return decode_png(path, w, h, NULL, 0);
}

const char *image_check(const char *path, char *why, size_t n) {
  struct image_info info;
  const char *bad = image_probe(path, &info);
  if (bad)
    return bad;
  if (info.png) {
    int w, h;
    unsigned char *px = decode_png(path, &w, &h, why, n);
    if (!px)
      return "a damaged PNG file";
    free(px);
    return NULL;
  }
  /* a JPEG ends with its EOI marker (perhaps followed by padding) */
  FILE *f = fopen(path, "rb");
  if (!f)
    return "the file cannot be read";
  unsigned char tail[4096];
  long at = 0;
  if (fseek(f, 0, SEEK_END) == 0)
    at = ftell(f);
  at = at > (long)sizeof tail ? at - (long)sizeof tail : 0;
  fseek(f, at, SEEK_SET);
  size_t got = fread(tail, 1, sizeof tail, f);
  fclose(f);
  for (size_t i = got; i >= 2; i--)
    if (tail[i - 2] == 0xFF && tail[i - 1] == 0xD9)
      return NULL;
  return "a JPEG file that is cut short (no end marker)";
}
