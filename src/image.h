/* image.h: what the realized document records of a photo before the PDF
 * backend embeds it (its kind and pixel size, read from the file's
 * header), the whole-file check doc.c makes, and what pdf.c embeds. */
#ifndef CVPDF_IMAGE_H
#define CVPDF_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

/* Limits, checked from the file's size and header before any decoding.
 * Rows are decoded one at a time and shrunk as they come (image.c), so
 * the pixel count costs time, not memory, except for the two forms that
 * must be decoded whole: a progressive JPEG (libjpeg keeps every DCT
 * coefficient: 2 bytes a sample) and an interlaced PNG (every pixel). */
#define IMAGE_MAX_BYTES (16u << 20)       /* a larger file is refused */
#define IMAGE_MAX_SIDE 10000              /* pixels, either way */
#define IMAGE_MAX_PIXELS 50000000L        /* 50 megapixels: a 48 MP phone photo */
#define IMAGE_MAX_WHOLE_PIXELS 16000000L  /* decoded whole: at most ~130 MB */

/* A photo is embedded at most at this resolution of the size it is drawn
 * at; one that has more than IMAGE_SLACK times the pixels needed a side is
 * shrunk to it, a JPEG within that goes into the PDF as it is. */
#define IMAGE_DPI 300
#define IMAGE_SLACK 1.5

struct image_info {
  int png; /* 1 PNG, 0 JPEG */
  /* as displayed: a JPEG's EXIF orientation 5-8 (a quarter turn) swaps
   * the stored width and height */
  int width, height;
  int orientation; /* EXIF Orientation 1-8 (1 upright; always 1 for PNG) */
};

/* Read the header of the PNG or JPEG file at path and check the limits.
 * Returns NULL and fills *out, or returns what is wrong ("not a PNG or
 * JPEG file", ...). A message may live in a buffer of the calling thread,
 * valid until its next image_* call. */
const char *image_probe(const char *path, struct image_info *out);

/* Check the whole file by decoding all of it (PNG: libpng, JPEG: libjpeg;
 * as fast as that can be: a JPEG at 1/8 scale, nothing kept). Returns
 * NULL or what is wrong (as image_probe); `why` holds libpng's own
 * message when there is one, else "". */
const char *image_check(const char *path, char *why, size_t n);

/* What pdf.c gives libharu for one photo drawn w x h points (as
 * displayed). Its pixels are as stored: pdf.c turns them by orientation
 * (image_matrix). */
struct image_embed {
  enum {
    IMAGE_JPEG_FILE, /* the file as it is (DCT passthrough) */
    IMAGE_JPEG_DATA, /* data: a baseline JPEG made here, size bytes */
    IMAGE_PIXELS     /* data: w x h x comps bytes, 8-bit, rows top down */
  } form;
  unsigned char *data; /* malloc'ed, or NULL (IMAGE_JPEG_FILE) */
  size_t size;
  int w, h, comps;     /* comps: 1 grey, 3 RGB, 4 CMYK (Adobe's, inverted) */
  int orientation;
};

/* Decide how the photo at path goes into the PDF, drawn w x h points,
 * and decode, shrink and re-encode it as needed (IMAGE_DPI):
 *  - a JPEG that libharu copies correctly and PDF viewers read (8-bit,
 *    Huffman-coded, grey, YCbCr, or RGB or CMYK marked by Adobe's APP14;
 *    markers libharu's walk finds its frame through), with at most
 *    IMAGE_SLACK times the pixels needed a side: IMAGE_JPEG_FILE;
 *  - any other JPEG: decoded, shrunk if larger than needed (libjpeg's DCT
 *    scaling, then area averaging) and re-encoded as a baseline JPEG at
 *    quality 90 (CMYK as Adobe's: inverted, with its marker):
 *    IMAGE_JPEG_DATA;
 *  - a PNG: its pixels, transparency laid over white, shrunk the same
 *    way, for libharu to Flate-compress (lossless, as the file chose):
 *    IMAGE_PIXELS.
 * Returns NULL, or what is wrong (as image_check; *out then needs no
 * freeing). image_embed_free releases out's data. */
const char *image_embed(const char *path, double w, double h,
                        struct image_embed *out);
void image_embed_free(struct image_embed *e);

/* The photo's pixels (IMAGE_PIXELS, whatever its format), at `dpi` for
 * the size drawn (a raster backend's): as image_embed. */
const char *image_pixels(const char *path, double w, double h, double dpi,
                         struct image_embed *out);

/* The PDF matrix [a b c d e f] that draws an image of this EXIF
 * orientation into the box (x, y) w x h points (PDF coordinates: y is the
 * box's bottom edge), turned upright. */
void image_matrix(int orientation, double x, double y, double w, double h,
                  double m[6]);

#endif
