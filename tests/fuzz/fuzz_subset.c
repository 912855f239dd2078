/* fuzz_subset.c: a font file of any bytes is subset without reading out of
 * bounds; a subset that comes out is a file with a glyph per id handed
 * back. The first 64 bytes choose glyph ids, the rest is the font (seeded
 * with the bundled fonts). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "subset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 64)
    return 0;
  unsigned gids[32];
  uint16_t out_ids[32];
  for (int i = 0; i < 32; i++)
    gids[i] = (unsigned)data[2 * i] << 8 | data[2 * i + 1];
  unsigned char *out = NULL;
  size_t len = 0;
  int n = 0;
  if (sfnt_subset(data + 64, size - 64, 0, gids, 32, out_ids, &out, &len,
                  &n)) {
    if (len < 12 || n < 1)
      abort();
    for (int i = 0; i < 32; i++)
      if (out_ids[i] >= n)
        abort();
  }
  free(out);
  return 0;
}
