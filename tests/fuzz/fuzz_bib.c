/* fuzz_bib.c: a .bib file -> publication entries. The input is the .bib
 * (its first byte also picks the item's options). Whatever btparse makes
 * of it, bib_expand either reports an error or makes entries that the CV
 * loader takes without one (an entry made from a .bib that parsed is never
 * a mistake of the user's YAML), every text valid UTF-8; every field's
 * text goes through the TeX converter too. Nothing crashes or leaks, and a
 * btparse child that dies is an error, not the end of the process. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bib.h"
#include "cv.h"
#include "doc.h"
#include "fuzz_ctx.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64]; /* a folder of this process's, made once */

static void valid_texts(const struct yml *y) {
  if (y->kind == YML_SCALAR) {
    if (utf8_invalid_at(y->s, y->len) != (size_t)-1)
      abort();
    return;
  }
  for (int i = 0; i < y->n; i++)
    valid_texts(y->kids[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 1 << 16)
    return 0;
  if (!dir[0]) {
    snprintf(dir, sizeof dir, "/tmp/cvpdf-fuzz-bib-%d", (int)getpid());
    mkdir(dir, 0700);
  }
  char bib[128], yaml_path[128];
  snprintf(bib, sizeof bib, "%s/p.bib", dir);
  snprintf(yaml_path, sizeof yaml_path, "%s/cv.yaml", dir);
  FILE *f = fopen(bib, "w");
  if (!f)
    return 0;
  fwrite(data, 1, size, f);
  fclose(f);

  static const char *const as[] = {"reversed_number", "number", "bullet",
                                   "text", "publication"};
  static const char *const authors[] = {"full", "initials", "last_first",
                                        "last_initials"};
  static const char *const group[] = {"none", "type", "year"};
  unsigned b = size ? data[0] : 0;
  char yaml[512];
  int n = snprintf(yaml, sizeof yaml,
                   "cv:\n  name: Jürgen Müller\n  sections:\n    Pubs:\n"
                   "      - A note.\n      - bibtex: p.bib\n        as: %s\n"
                   "        authors: %s\n        group_by: %s\n"
                   "        max_authors: %u\n%s",
                   as[b % 5], authors[(b / 5) % 4], group[(b / 20) % 3],
                   (b / 60) % 3,
                   b & 128 ? "        format: TITLE AUTHORS, *VENUE* YEAR "
                             "LINKS KEY\n"
                           : "");
  struct diag d;
  struct ctx c;
  FILE *sink = fuzz_ctx(&c, &d, NULL);
  struct yml_limits lim = {DOC_MAX_DEPTH, DOC_MAX_NODES, DOC_MAX_SCALAR};
  bool empty;
  struct yml *root =
      yml_parse(&c.doc, &d, yaml_path, yaml, (size_t)n, &lim, &empty);
  if (!root)
    abort();
  const char **files = NULL;
  int nfiles = 0;
  if (bib_expand(&c, root, &files, &nfiles)) {
    valid_texts(root);
    struct cv cv;
    if (!cv_load(&c, root, &cv))
      abort(); /* what the .bib made, the loader refused */
  }
  /* the converter on its own, on the whole input as one field */
  if (utf8_invalid_at((const char *)data, size) == (size_t)-1 &&
      !memchr(data, 0, size)) {
    char *s = malloc(size + 1);
    memcpy(s, data, size);
    s[size] = 0;
    const char *unknown = NULL;
    const char *t = bib_tex(&c.doc, s, &unknown);
    if (utf8_invalid_at(t, strlen(t)) != (size_t)-1)
      abort();
    free(s);
  }
  arena_free(&c.doc);
  arena_free(&c.lay);
  arena_free(&c.tmp);
  fclose(sink);
  return 0;
}
