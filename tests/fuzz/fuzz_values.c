/* fuzz_values.c: design values (lengths, colours) and dates parse or are
 * refused, never crash, and what parses is finite and in range. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cv.h"
#include "style.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 256)
    return 0;
  char s[257];
  memcpy(s, data, size);
  s[size] = 0;
  struct length l;
  if (style_parse_length(s, &l) && (!isfinite(l.pt) || !isfinite(l.em) ||
                                     fabs(l.pt) > 1e6 || fabs(l.em) > 1e6))
    abort();
  uint32_t rgb;
  if (style_parse_color(s, &rgb) && rgb > 0xFFFFFF)
    abort();
  struct date d;
  const char *why;
  for (int quoted = 0; quoted < 2; quoted++)
    if (cv_parse_date(s, quoted, &d, &why) && d.kind == DATE_ISO &&
        (d.month < 0 || d.month > 12 || d.day < 0 || d.day > 31))
      abort();
  return 0;
}
