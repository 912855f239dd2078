/* test_hyph.c: cvpdf's Liang engine against libhyphen's on the same
 * dictionary (every word of the repository's texts must get the same
 * hyphens), TeX's minimums, and known words. */
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "hyph.h"
#include "utf8.h"

void test_hyph(void);

static const char *show(struct hyph *h, const char *w, char *buf) {
  char marks[256];
  size_t n = strlen(w), o = 0;
  hyph_word(h, w, n, marks);
  for (size_t i = 0; i < n; i++) {
    buf[o++] = w[i];
    if (marks[i])
      buf[o++] = '-';
  }
  buf[o] = 0;
  return buf;
}

static int compare_file(struct hyph *a, struct hyph *b, const char *path,
                        int *words) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return -1;
  static char text[1 << 20];
  size_t n = fread(text, 1, sizeof text - 1, f);
  fclose(f);
  text[n] = 0;
  int diff = 0;
  size_t i = 0;
  while (i < n) {
    /* a run of ASCII letters */
    while (i < n && !((text[i] | 32) >= 'a' && (text[i] | 32) <= 'z'))
      i++;
    size_t s = i;
    while (i < n && (text[i] | 32) >= 'a' && (text[i] | 32) <= 'z')
      i++;
    size_t len = i - s;
    if (len < 4 || len > 60)
      continue;
    char ma[64], mb[64];
    hyph_word(a, text + s, len, ma);
    hyph_word(b, text + s, len, mb);
    (*words)++;
    if (memcmp(ma, mb, len) != 0) {
      diff++;
      fprintf(stderr, "hyphens differ for %.*s\n", (int)len, text + s);
    }
  }
  return diff;
}

void test_hyph(void) {
  struct hyph liang, lib;
  hyph_init(&liang, "en_US", NULL);
  hyph_init(&lib, "en_US", NULL);
  CHECK(hyph_available(&liang));
  CHECK(liang.liang != NULL && liang.dict == NULL); /* the fast engine */
  hyph_use_libhyphen(&lib);
  CHECK(lib.dict != NULL);

  char buf[512];
  CHECK_STR(show(&liang, "hyphenation", buf), "hy-phen-ation");
  CHECK_STR(show(&liang, "Computational", buf), "Com-pu-ta-tional");
  CHECK_STR(show(&liang, "typesetting", buf), "type-set-ting");
  CHECK_STR(show(&liang, "table", buf), "ta-ble"); /* 2 before, 3 after */
  CHECK_STR(show(&liang, "able", buf), "able");
  CHECK_STR(show(&liang, "antirevolutionary", buf), "an-ti-rev-o-lu-tion-ary");

  const char *files[] = {"README.md", "data/cv.yaml", "examples/themes/cv.yaml",
                         "tests/style/base.yaml", "bench/seed-cv.tex"};
  int words = 0;
  for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", CVPDF_SOURCE_DATA_DIR, files[k]);
    int d = compare_file(&liang, &lib, path, &words);
    CHECK_INT(d, 0);
  }
  CHECK(words > 3000);
  hyph_free(&liang);
  hyph_free(&lib);
}
