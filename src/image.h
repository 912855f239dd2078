/* image.h: what the realized document records of a photo before the PDF
 * backend embeds it (its kind and pixel size, read from the file's
 * header), the whole-file check doc.c makes, and its pixels for pdf.c. */
#ifndef CVPDF_IMAGE_H
#define CVPDF_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

#define IMAGE_MAX_BYTES (16u << 20) /* a photo larger than this is refused */
#define IMAGE_MAX_SIDE 10000        /* pixels, either way */

struct image_info {
  int png; /* 1 PNG, 0 JPEG */
  int width, height;
};

/* Read the header of the PNG or JPEG file at path. Returns NULL and fills
 * *out, or returns what is wrong ("not a PNG or JPEG file", ...). */
const char *image_probe(const char *path, struct image_info *out);

/* Check the whole file: a PNG must decode (libpng), a JPEG must have its
 * frame header and end marker. Returns NULL or what is wrong; `why` holds
 * libpng's own message when there is one. */
const char *image_check(const char *path, char *why, size_t n);

/* A PNG's pixels as 8-bit RGB, transparency laid over white (malloc'ed;
 * the caller frees). NULL if the file does not decode. */
unsigned char *image_png_rgb(const char *path, int *w, int *h);

#endif
