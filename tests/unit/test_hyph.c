/* test_hyph.c: cvpdf's Liang engine against libhyphen's on the same
 * dictionary (every word of the repository's texts must get the same
 * hyphens), TeX's minimums, and known words. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "hyph.h"
#include "utf8.h"

void test_hyph(void);


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
  liang.no_cache = true; /* the parser itself */
  hyph_init(&lib, "en_US", NULL);
  CHECK(hyph_available(&liang));
  CHECK(liang.liang != NULL && liang.dict == NULL); /* the fast engine */
  hyph_use_libhyphen(&lib);
  CHECK(lib.dict != NULL);

  char buf[512];
  CHECK_STR(harness_hyphenated(&liang, "hyphenation", buf), "hy-phen-ation");
  CHECK_STR(harness_hyphenated(&liang, "Computational", buf), "Com-pu-ta-tional");
  CHECK_STR(harness_hyphenated(&liang, "typesetting", buf), "type-set-ting");
  CHECK_STR(harness_hyphenated(&liang, "table", buf), "ta-ble"); /* 2 before, 3 after */
  CHECK_STR(harness_hyphenated(&liang, "able", buf), "able");
  CHECK_STR(harness_hyphenated(&liang, "antirevolutionary", buf), "an-ti-rev-o-lu-tion-ary");

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
  /* the cache of a loaded table: written once, then read back (in a
   * folder of the test's own); a damaged cache is ignored and rewritten */
  char dir[] = "/tmp/cvpdf-cache-XXXXXX";
  if (mkdtemp(dir)) {
    setenv("XDG_CACHE_HOME", dir, 1);
    struct hyph w, r;
    hyph_init(&w, "en_US", NULL);
    CHECK(hyph_available(&w) && w.liang); /* parses, writes the cache */
    hyph_init(&r, "en_US", NULL);
    CHECK(hyph_available(&r) && r.liang); /* reads the cache */
    int rw = 0;
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
      char path[1024];
      snprintf(path, sizeof path, "%s/%s", CVPDF_SOURCE_DATA_DIR, files[k]);
      CHECK_INT(compare_file(&w, &r, path, &rw), 0);
    }
    CHECK_STR(harness_hyphenated(&r, "hyphenation", buf), "hy-phen-ation");
    hyph_free(&r);
    /* a cache whose sizes do not hold (the table's size overwritten) is
     * ignored, and the dictionary read again */
    char cmd[512];
    snprintf(cmd, sizeof cmd,
             "for f in %s/cvpdf/*.bin; do printf '\377\377\377\177' | dd "
             "of=$f bs=1 seek=48 conv=notrunc 2>/dev/null; done",
             dir);
    for (int pass = 0; pass < 2; pass++) { /* a damaged table; a bad magic */
      CHECK(system(cmd) == 0);
      hyph_init(&r, "en_US", NULL);
      CHECK(hyph_available(&r) && r.liang);
      CHECK_STR(harness_hyphenated(&r, "hyphenation", buf), "hy-phen-ation");
      CHECK(r.liang && liang_from_cache(r.liang) == false);
      hyph_free(&r);
      snprintf(cmd, sizeof cmd,
               "for f in %s/cvpdf/*.bin; do printf X | dd of=$f bs=1 "
               "conv=notrunc 2>/dev/null; done",
               dir);
    }
    /* a cache whose table holds garbage under a header that holds: its
     * checksum fails, so it is rebuilt (and read back next time); with
     * the checksum made right, the garbage is checked as lookups reach
     * it: no read outside the file, and a full table's probes end */
    hyph_free(&w);
    hyph_init(&w, "en_US", NULL);
    CHECK(hyph_available(&w) && w.liang); /* writes a good cache again */
    hyph_free(&w);
    for (int fill = 0; fill < 4; fill++) {
      snprintf(cmd, sizeof cmd, "ls %s/cvpdf/*.bin", dir);
      FILE *ls = popen(cmd, "r");
      char bin[1024] = "";
      if (ls && fgets(bin, sizeof bin, ls))
        bin[strcspn(bin, "\n")] = 0;
      if (ls)
        pclose(ls);
      FILE *f = fopen(bin, "r+b");
      CHECK(f != NULL);
      if (!f)
        break;
      /* the header (80 bytes): ncps, nvals and size at 32-bit words 10,
       * 11 and 12, the checksum at byte 32 */
      uint32_t head[20];
      CHECK(fread(head, 4, 20, f) == 20);
      long table = 80 + 4 * (long)head[10] + (((long)head[11] + 3) & ~3L);
      fseek(f, table, SEEK_SET);
      srand(3);
      for (long i = 0; i < 16 * (long)head[12]; i++)
        fputc(fill & 1 ? rand() & 255 : (i % 16 == 12 ? 5 : 0x7f), f);
      if (fill >= 2) { /* the checksum made right for the garbage */
        fseek(f, 0, SEEK_END);
        long n = ftell(f) - 80;
        char *body = malloc((size_t)n);
        fseek(f, 80, SEEK_SET);
        CHECK(fread(body, 1, (size_t)n, f) == (size_t)n);
        uint64_t sum = hyph_checksum(body, (size_t)n);
        free(body);
        fseek(f, 32, SEEK_SET);
        fwrite(&sum, 8, 1, f);
      }
      fclose(f);
      hyph_init(&r, "en_US", NULL);
      if (fill < 2) { /* rejected, rebuilt, then read from the cache */
        CHECK(hyph_available(&r) && r.liang && !liang_from_cache(r.liang));
        CHECK_STR(harness_hyphenated(&r, "hyphenation", buf), "hy-phen-ation");
        hyph_free(&r);
        hyph_init(&r, "en_US", NULL);
        CHECK(hyph_available(&r) && r.liang && liang_from_cache(r.liang));
        CHECK_STR(harness_hyphenated(&r, "hyphenation", buf), "hy-phen-ation");
        hyph_free(&r);
        continue;
      }
      CHECK(hyph_available(&r) && r.liang && liang_from_cache(r.liang));
      for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", CVPDF_SOURCE_DATA_DIR, files[k]);
        int rw2 = 0;
        compare_file(&r, &r, path, &rw2); /* runs every word through it */
      }
      if (fill == 2) /* every slot taken, none a pattern: no hyphen */
        CHECK_STR(harness_hyphenated(&r, "hyphenation", buf), "hyphenation");
      hyph_free(&r);
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
    unsetenv("XDG_CACHE_HOME");
  }
  hyph_free(&liang);
  hyph_free(&lib);
}
