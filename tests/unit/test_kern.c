/* test_kern.c: kerning read from GPOS (gpos.c) equals HarfBuzz's shaping
 * of the same pair, for every pair of printable ASCII and common Latin
 * characters, in the bundled fonts and the themes' fonts that are
 * installed. HarfBuzz is loaded only when a pair needs it (a combining
 * mark), and font_is_mark agrees with HarfBuzz on every code point. */
#include <stdio.h>
#include <stdlib.h>

#include <hb.h>

#include "family.h"
#include "harness.h"
#include "utf8.h"

void test_kern(void);

void test_kern(void) {
  struct diag d;
  struct fonts fs;
  struct ctx c;
  harness_ctx(&c, &d, &fs, stderr);
  d.silent = true;
  const char *extra = "ÀÉéàüöçñ«»–—‘’“”";
  uint32_t cps[128];
  int n = 0;
  for (uint32_t cp = 33; cp < 127; cp++)
    cps[n++] = cp;
  for (const char *p = extra; *p;)
    cps[n++] = utf8_next(&p);
  /* Latin text in the bundled font leaves HarfBuzz unloaded; a combining
   * mark loads it, and the pair is kerned as HarfBuzz shapes it */
  int cmu[4];
  CHECK(family_find(&c, "CMU Serif", (struct loc){0}, cmu));
  for (int x = 0; x < n; x++)
    for (int y = 0; y < n; y++)
      font_kern(&fs, cmu[0], cps[x], cps[y]);
  CHECK(!font_shaper_loaded(&fs));
  double km = font_kern(&fs, cmu[0], 'V', 0x0301);
  CHECK(font_shaper_loaded(&fs));
  CHECK_NEAR(km, font_kern_shaped(&fs, cmu[0], 'V', 0x0301), 1e-9);

  /* font_is_mark is HarfBuzz's nonspacing-mark class (src/marks.h) */
  hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
  int marks = 0, wrong = 0;
  for (uint32_t cp = 0; cp < 0x110000; cp++) {
    bool hbm = hb_unicode_general_category(uf, cp) ==
               HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK;
    marks += hbm;
    if (hbm != font_is_mark(cp) && wrong++ < 5)
      fprintf(stderr, "U+%04X: font_is_mark %d, HarfBuzz %d (regenerate "
                      "src/marks.h with tests/tools/gen_marks.c)\n",
              cp, !hbm, hbm);
  }
  CHECK(marks > 1800);
  CHECK_INT(wrong, 0);

  int fonts = 0, pairs = 0, kerned = 0;
  for (size_t i = 0; i < sizeof harness_families / sizeof *harness_families;
       i++) {
    int f4[4];
    if (!family_find(&c, harness_families[i], (struct loc){0}, f4))
      continue;
    if (i == 0)
      CHECK(true); /* the bundled family is always there */
    for (int s = 0; s < 4; s++) {
      if (s && f4[s] == f4[0])
        continue;
      fonts++;
      for (int x = 0; x < n; x++)
        for (int y = 0; y < n; y++) {
          double a = font_kern(&fs, f4[s], cps[x], cps[y]);
          double b = font_kern_shaped(&fs, f4[s], cps[x], cps[y]);
          if (isnan(b))
            continue; /* HarfBuzz substituted a glyph: no answer to compare */
          pairs++;
          kerned += a != 0;
          if (fabs(a - b) > 1e-6) {
            harness_failures++;
            fprintf(stderr, "%s: kern U+%04X U+%04X is %g, HarfBuzz %g\n",
                    harness_families[i], cps[x], cps[y], a, b);
          }
        }
    }
  }
  harness_checks++;
  CHECK(fonts >= 4);
  CHECK(kerned > 1000);
  printf("kerning: %d pairs in %d fonts agree with HarfBuzz (%d kerned)\n",
         pairs, fonts, kerned);
  fonts_free(&fs);
  arena_free(&c.doc);
}
