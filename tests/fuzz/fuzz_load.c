/* fuzz_load.c: YAML -> tree [-> JSON Resume or YAMLResume converted] ->
 * CV model -> style. Any input loads or is rejected with diagnostics;
 * nothing leaks or crashes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cv.h"
#include "doc.h"
#include "fuzz_ctx.h"
#include "style.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 1 << 17)
    return 0;
  struct diag d;
  struct ctx c;
  FILE *sink = fuzz_ctx(&c, &d, NULL);
  struct yml_limits lim = {DOC_MAX_DEPTH, DOC_MAX_NODES, DOC_MAX_SCALAR};
  bool empty;
  struct yml *root =
      yml_parse(&c.doc, &d, "fuzz.yaml", (const char *)data, size, &lim, &empty);
  enum dialect dl = root ? dialect_detect(root) : DIALECT_RENDERCV;
  if (root && dl != DIALECT_RENDERCV) {
    int before = d.errors;
    root = dialect_to_rendercv(&c, root, dl);
    if (!root && d.errors == before)
      abort(); /* a failed conversion says why */
  }
  if (root) {
    struct cv cv;
    bool ok = cv_load(&c, root, &cv);
    struct style s;
    style_defaults(&s);
    ok = style_apply(&c, &s, cv.design, cv.locale) && ok;
    if (ok != (d.errors == 0))
      abort(); /* success means no error was reported, and the reverse */
  }
  arena_free(&c.doc);
  fclose(sink);
  return 0;
}
