/* fuzz_upgrade.c: upgrade_text on any YAML the loader reads, with fixes
 * chosen by the input's first byte among its keys and values, never fails
 * otherwise than with an error, never reads out of bounds, gives back the
 * text byte for byte when there is no fix, and valid UTF-8 always. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "upgrade.h"
#include "utf8.h"
#include "yml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* targets like those of the stages: moves, renames, new parents */
static const char *const TO[] = {
    "design.typography.font_family", "design.typography.font_family.name",
    "design.page.show_footer",       "settings.current_date",
    "locale",                        "settings",
    "design.templates.footer",       "design.header.connections.separator",
    "x",                             NULL,
};

static void collect(const struct yml *n, struct upgrade_fix *f, int *nf,
                    int max, unsigned seed, int depth) {
  if (!n || depth > 32)
    return;
  for (int i = 0; i < n->n && *nf < max; i++) {
    const struct yml *k = n->kind == YML_MAP ? n->keys[i] : NULL;
    const struct yml *v = n->kids[i];
    unsigned pick = (seed + (unsigned)(i * 7 + depth * 13)) % 23;
    if (k && pick < (unsigned)(sizeof TO / sizeof TO[0])) {
      struct upgrade_fix u = {k->loc, {0}};
      u.fix.now = TO[pick];
      u.fix.also = pick == 1 ? "design.typography.font_family.body" : NULL;
      u.fix.value = pick == 2 ? "true" : pick == 6 ? "A \"quoted\"\nline" : NULL;
      u.fix.append = pick == 6 && (seed & 4);
      f[(*nf)++] = u;
    } else if (v->kind == YML_SCALAR && pick == 20) {
      struct upgrade_fix u = {v->loc, {0}};
      u.fix.value = "with_full_line";
      u.fix.spelling = true;
      f[(*nf)++] = u;
    }
    if (v->kind != YML_SCALAR)
      collect(v, f, nf, max, seed, depth + 1);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || size > 1 << 16)
    return 0;
  unsigned seed = data[0];
  const char *buf = (const char *)data + 1;
  size_t len = size - 1;
  struct arena a;
  arena_init(&a);
  struct diag d;
  diag_init(&d, stderr);
  d.silent = true;
  struct yml_limits lim = {DOC_MAX_DEPTH, DOC_MAX_NODES, DOC_MAX_SCALAR};
  bool empty;
  struct yml *root = yml_parse(&a, &d, "f.yaml", buf, len, &lim, &empty);
  if (root) {
    /* no fix: the text as it is */
    size_t n = 0;
    char *same = upgrade_text(&a, &d, "f.yaml", buf, len, NULL, 0, &n);
    if (same && (n != len || memcmp(same, buf, len)))
      abort();
    struct upgrade_fix fixes[64];
    int nf = 0;
    if (root->kind != YML_SCALAR)
      collect(root, fixes, &nf, 64, seed, 0);
    char *out = upgrade_text(&a, &d, "f.yaml", buf, len, fixes, nf, &n);
    if (out && (strlen(out) != n || utf8_invalid_at(out, n) != (size_t)-1))
      abort();
  }
  arena_free(&a);
  return 0;
}
