/* fuzz_markup.c: inline markup never fails, never reads out of bounds, and
 * gives back valid UTF-8 no longer than the input could make. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  if (size > 1 << 16 || utf8_invalid_at(s, size) != (size_t)-1)
    return 0; /* the loader rejects invalid UTF-8 before markup sees it */
  struct arena a;
  arena_init(&a);
  struct spans sp = markup_parse(&a, s, size);
  const char *kw[] = {"Mingze Wang", "a", "**"};
  sp = markup_bold_keywords(&a, sp, kw, 3);
  /* capitals as Turkish writes them, or small capitals as Greek does */
  if (size && data[0] & 1)
    markup_uppercase(&a, &sp, "tr");
  else
    markup_small_caps(&a, &sp, "el");
  size_t total = 0;
  for (int i = 0; i < sp.n; i++) {
    const struct span *x = &sp.v[i];
    if (x->len < 0 || (x->len && !x->s) ||
        utf8_invalid_at(x->s, (size_t)x->len) != (size_t)-1)
      abort();
    total += (size_t)x->len;
  }
  /* dashes grow 2 bytes into 3, then capitals at most 3 bytes a byte */
  if (total > 9 * size + 16)
    abort();
  (void)markup_plain(&a, sp);
  arena_free(&a);
  return 0;
}
