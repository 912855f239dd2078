/* image.h: what layout needs to know of a photo before the PDF backend
 * embeds it: its kind and pixel size, read from the file's header. */
#ifndef CVPDF_IMAGE_H
#define CVPDF_IMAGE_H

#include <stdbool.h>

#define IMAGE_MAX_BYTES (16u << 20) /* a photo larger than this is refused */
#define IMAGE_MAX_SIDE 10000        /* pixels, either way */

struct image_info {
  int png; /* 1 PNG, 0 JPEG */
  int width, height;
};

/* Read the header of the PNG or JPEG file at path. Returns NULL and fills
 * *out, or returns what is wrong ("not a PNG or JPEG file", ...). */
const char *image_probe(const char *path, struct image_info *out);

#endif
