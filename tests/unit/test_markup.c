/* test_markup.c: inline markup -> styled runs. */
#include <stdlib.h>

#include "harness.h"
#include "markup.h"

void test_markup(void);

/* spans as "[flags:text@url]..." with flags B I C S, a break as "[BR]" */
static const char *show(struct arena *a, struct spans sp) {
  static char buf[4096];
  size_t o = 0;
  buf[0] = 0;
  for (int i = 0; i < sp.n && o < sizeof buf - 200; i++) {
    const struct span *s = &sp.v[i];
    if (s->style & SP_BREAK) {
      o += (size_t)snprintf(buf + o, sizeof buf - o, "[BR]");
      continue;
    }
    char f[8];
    int k = 0;
    if (s->style & SP_BOLD)
      f[k++] = 'B';
    if (s->style & SP_ITALIC)
      f[k++] = 'I';
    if (s->style & SP_CODE)
      f[k++] = 'C';
    if (s->style & SP_SUPER)
      f[k++] = 'S';
    f[k] = 0;
    o += (size_t)snprintf(buf + o, sizeof buf - o, "[%s:%s%s%s]", f, s->s,
                          s->url ? "@" : "", s->url ? s->url : "");
  }
  (void)a;
  return buf;
}

static const char *md(struct arena *a, const char *s) {
  return show(a, markup_parse(a, s, strlen(s)));
}

void test_markup(void) {
  struct arena a;
  arena_init(&a);
  CHECK_STR(md(&a, "plain text"), "[:plain text]");
  CHECK_STR(md(&a, "**bold** and *it*"), "[B:bold][: and ][I:it]");
  CHECK_STR(md(&a, "_it_ and __bold__"), "[I:it][: and ][B:bold]");
  CHECK_STR(md(&a, "***both***"), "[BI:both]");
  /* CommonMark flanking: stars that cannot open stay literal */
  CHECK_STR(md(&a, "Guo*, Mingze Wang*, Jinbo Wang*,^x^ Lei"),
            "[:Guo*, Mingze Wang*, Jinbo Wang*,][S:x][: Lei]");
  CHECK_STR(md(&a, "* indicates equal contribution"),
            "[:* indicates equal contribution]");
  CHECK_STR(md(&a, "snake_case_name stays"), "[:snake_case_name stays]");
  CHECK_STR(md(&a, "2 * 3 * 4"), "[:2 * 3 * 4]");
  CHECK_STR(md(&a, "**unclosed bold"), "[:**unclosed bold]");
  CHECK_STR(md(&a, "(“**Analyzing**”)"), "[:(“][B:Analyzing][:”)]");
  CHECK_STR(md(&a, "**Deep learning theory**: theory"),
            "[B:Deep learning theory][:: theory]");
  /* links */
  CHECK_STR(md(&a, "at [Peking University](https://www.pku.edu.cn/), Beijing"),
            "[:at ][:Peking University@https://www.pku.edu.cn/][:, Beijing]");
  CHECK_STR(md(&a, "[**bold link**](https://a.b)"), "[B:bold link@https://a.b]");
  CHECK_STR(md(&a, "*[it link](https://a.b)*"), "[I:it link@https://a.b]");
  CHECK_STR(md(&a, "[a](https://x.org/a_(b))"), "[:a@https://x.org/a_(b)]");
  CHECK_STR(md(&a, "[1][2][3]"), "[:[1][2][3]]");
  CHECK_STR(md(&a, "[no link] (x)"), "[:[no link] (x)]");
  CHECK_STR(md(&a, "[bad](has space)"), "[:[bad](has space)]");
  /* no links inside links; the brackets around one stay text, and a
   * later link still works */
  CHECK_STR(md(&a, "[x [a](b) ](c) [d](e)"),
            "[:[x ][:a@b][: ](c) ][:d@e]");
  CHECK_STR(md(&a, "[[a](b)](c)"), "[:[][:a@b][:](c)]");
  CHECK_STR(md(&a, "<https://wmz9.github.io/>"),
            "[:https://wmz9.github.io/@https://wmz9.github.io/]");
  CHECK_STR(md(&a, "<me@example.org>"), "[:me@example.org@mailto:me@example.org]");
  CHECK_STR(md(&a, "a < b > c"), "[:a < b > c]");
  /* code, superscript, escapes, breaks, dashes */
  CHECK_STR(md(&a, "a `x*y*` b"), "[:a ][C:x*y*][: b]");
  CHECK_STR(md(&a, "[`https://a.b/`](https://a.b/)"), "[C:https://a.b/@https://a.b/]");
  CHECK_STR(md(&a, "Wang^†^ et al."), "[:Wang][S:†][: et al.]");
  CHECK_STR(md(&a, "**Mingze Wang^†^**,"), "[B:Mingze Wang][BS:†][:,]");
  CHECK_STR(md(&a, "x^ not sup^"), "[:x^ not sup^]");
  CHECK_STR(md(&a, "\\*not italic\\*"), "[:*not italic*]");
  CHECK_STR(md(&a, "a\\\\b"), "[:a\\b]");
  CHECK_STR(md(&a, "line one\nline two"), "[:line one][BR][:line two]");
  CHECK_STR(md(&a, "2021 -- 2022 --- end"), "[:2021 – 2022 — end]");
  CHECK_STR(md(&a, "1-23. 2025."), "[:1-23. 2025.]");
  CHECK_STR(md(&a, "[1]~[14]"), "[:[1]~[14]]");
  CHECK_STR(md(&a, ""), "");
  /* plain text of spans */
  CHECK_STR(markup_plain(&a, markup_parse(&a, "**A** *b* [c](d)", 16)),
            "A b c");

  /* bold keywords: whole words only, already-bold text untouched */
  const char *kw[] = {"Mingze Wang"};
  struct spans sp = markup_parse(&a, "Lei Wu, Mingze Wang, Mingze Wangs", 33);
  sp = markup_bold_keywords(&a, sp, kw, 1);
  CHECK_STR(show(&a, sp), "[:Lei Wu, ][B:Mingze Wang][:, Mingze Wangs]");
  sp = markup_parse(&a, "**Mingze Wang**, x", 18);
  sp = markup_bold_keywords(&a, sp, kw, 1);
  CHECK_STR(show(&a, sp), "[B:Mingze Wang][:, x]");

  /* capitals */
  sp = markup_parse(&a, "Short Bio *Zoë* & ß", strlen("Short Bio *Zoë* & ß"));
  markup_uppercase(&a, &sp, NULL);
  CHECK_STR(show(&a, sp), "[:SHORT BIO ][I:ZOË][: & SS]");
  /* as the language writes them: Turkish dotted capitals, Greek without
   * accents (precomposed or combining), ligatures spelled out */
  sp = markup_parse(&a, "Emine Çiftçi", strlen("Emine Çiftçi"));
  markup_uppercase(&a, &sp, "tr");
  CHECK_STR(show(&a, sp), "[:EMİNE ÇİFTÇİ]");
  sp = markup_parse(&a, "Emine Çiftçi", strlen("Emine Çiftçi"));
  markup_uppercase(&a, &sp, "en");
  CHECK_STR(show(&a, sp), "[:EMINE ÇIFTÇI]");
  const char *g2 = "Ελένη Παπαδοπούλου, Αθήνα, α\xCC\x81 ΐ ﬁ";
  sp = markup_parse(&a, g2, strlen(g2));
  markup_uppercase(&a, &sp, "el");
  CHECK_STR(show(&a, sp), "[:ΕΛΕΝΗ ΠΑΠΑΔΟΠΟΥΛΟΥ, ΑΘΗΝΑ, Α Ϊ FI]");
  /* small capitals: the small letters become capitals flagged small */
  sp = markup_parse(&a, "Çiftçi ß", strlen("Çiftçi ß"));
  markup_small_caps(&a, &sp, "tr");
  CHECK_STR(show(&a, sp), "[:Ç][:İFTÇİ][: ][:SS]");
  CHECK(sp.n == 4 && (sp.v[1].style & SP_SMALL) && (sp.v[3].style & SP_SMALL) &&
        !(sp.v[0].style & SP_SMALL));

  /* Typst's smart quotes: apostrophes, openings after a space or bracket,
   * across spans, never in code; doubles only when asked */
  const char *q = "It's \"a 'b'\" (\"c\") `x'y` **d**'s";
  struct spans qs = markup_parse(&a, q, strlen(q));
  markup_smart_quotes(&a, &qs, true);
  CHECK_STR(show(&a, qs), "[:It\u2019s \u201Ca \u2018b\u2019\u201D (\u201Cc\u201D) ][C:x'y][: ][B:d][:\u2019s]");
  qs = markup_parse(&a, q, strlen(q));
  markup_smart_quotes(&a, &qs, false);
  CHECK_STR(show(&a, qs), "[:It\u2019s \"a \u2018b\u2019\" (\"c\") ][C:x'y][: ][B:d][:\u2019s]");

  /* hostile input: finishes and keeps every character */
  size_t n = 4000;
  char *evil = malloc(n + 1);
  for (size_t i = 0; i < n; i++)
    evil[i] = "*[_`^"[i % 5];
  evil[n] = 0;
  sp = markup_parse(&a, evil, n);
  size_t total = 0;
  for (int i = 0; i < sp.n; i++)
    total += (size_t)sp.v[i].len;
  CHECK(total > 0 && total <= n);
  free(evil);
  arena_free(&a);
}
