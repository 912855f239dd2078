/* test_style.c: design and locale blocks reach the style: every built-in
 * theme and locale loads cleanly, the keys that have no visible effect on
 * tests/style/base.yaml (TeX's line-breaking parameters) land in their
 * fields, the language comes before the words that override it, and bad
 * values are refused. */
#include <stdlib.h>

#include "harness.h"
#include "style.h"
#include "utf8.h"

void test_style(void);

static char out[4096];

/* Apply "design:\n..." / "locale:\n..." text to fresh defaults. */
static bool apply(struct ctx *c, struct style *s, const char *yaml) {
  bool empty;
  struct yml_limits lim = {64, 100000, 1 << 20};
  struct yml *r = yml_parse(&c->doc, c->diag, "t.yaml", yaml, strlen(yaml),
                            &lim, &empty);
  if (!r)
    return false;
  style_defaults(s);
  return style_apply(c, s, yml_get(r, "design"), yml_get(r, "locale"));
}

void test_style(void) {
  struct diag d;
  struct ctx c;
  FILE *f = fmemopen(out, sizeof out, "w");
  harness_ctx(&c, &d, NULL, f);
  struct style s;

  /* every theme, and what makes it itself */
  for (int i = 0; STYLE_THEMES[i]; i++) {
    char y[128];
    snprintf(y, sizeof y, "design:\n  theme: %s\n", STYLE_THEMES[i]);
    CHECK(apply(&c, &s, y));
    CHECK(strcmp(s.theme, STYLE_THEMES[i]) == 0);
  }
  CHECK(apply(&c, &s, "design:\n  theme: classic\n"));
  CHECK_NEAR(s.page_w, 612, 1e-9);
  CHECK_NEAR(style_len(&s, s.margin_left), 0.7 * 72, 1e-9);
  CHECK(strcmp(s.family[EL_BODY], "Source Sans 3") == 0);
  CHECK_INT(s.title_type, TT_WITH_PARTIAL_LINE);
  CHECK_INT(s.c_name, 0x004F90);
  CHECK(!s.date_auto && s.short_second_row && s.show_footer);
  CHECK(apply(&c, &s, "design:\n  theme: moderncv\n"));
  CHECK_INT(s.title_type, TT_MODERNCV);
  CHECK_INT(s.date_left, 1);
  CHECK(strcmp(s.family[EL_NAME], "Fontin") == 0);
  CHECK_NEAR(style_len(&s, s.size[EL_NAME]), 25, 1e-9);
  CHECK(apply(&c, &s, "design:\n  theme: harvard\n"));
  CHECK_INT(s.title_type, TT_CENTERED_WITH_CENTERED_PARTIAL_LINE);
  CHECK(!s.show_top_note && s.t_time_span[0] == 0);
  CHECK(apply(&c, &s, "design:\n  theme: ember\n"));
  CHECK(strcmp(s.family[EL_NAME], "Gentium Book Plus") == 0 &&
        strcmp(s.family[EL_BODY], "Ubuntu") == 0);
  CHECK(s.alignment == ALIGN_JUSTIFY && !s.hyphenate);
  /* the CV's own keys win over the theme's, wherever `theme` is written */
  /* design.bibtex holds the defaults of `- bibtex:` items: bib.c reads
   * and checks it (tests/unit/test_bib.c), the style leaves it alone */
  CHECK(apply(&c, &s, "design:\n  bibtex:\n    authors: initials\n"));
  CHECK_INT(d.errors, 0);
  CHECK(apply(&c, &s, "design:\n  page:\n    size: a4\n  theme: classic\n"));
  CHECK_NEAR(s.page_w, 595.2756, 1e-3);

  /* TeX's parameters */
  CHECK(apply(&c, &s,
              "design:\n  typography:\n    line_breaking:\n"
              "      pretolerance: -1\n      tolerance: 9999\n"
              "      line_penalty: 50\n      hyphen_penalty: 51\n"
              "      ex_hyphen_penalty: 52\n      adj_demerits: 53\n"
              "      double_hyphen_demerits: 54\n"
              "      final_hyphen_demerits: 55\n      club_penalty: 56\n"
              "      widow_penalty: 57\n      broken_penalty: 58\n"
              "      emergency_stretch: 1.5em\n"));
  struct breaking *b = &s.breaking;
  CHECK_INT(b->pretolerance, -1);
  CHECK_INT(b->tolerance, 9999);
  CHECK_INT(b->line_penalty, 50);
  CHECK_INT(b->hyphen_penalty, 51);
  CHECK_INT(b->ex_hyphen_penalty, 52);
  CHECK_INT(b->adj_demerits, 53);
  CHECK_INT(b->double_hyphen_demerits, 54);
  CHECK_INT(b->final_hyphen_demerits, 55);
  CHECK_INT(b->club_penalty, 56);
  CHECK_INT(b->widow_penalty, 57);
  CHECK_INT(b->broken_penalty, 58);
  CHECK_NEAR(b->emergency_stretch, 1.5, 1e-9);

  /* subsection titles are accepted (RenderCV 2.8) */
  CHECK(apply(&c, &s, "design:\n  subsection_titles:\n    space_above: 1cm\n"
                      "    space_below: 2cm\n"));

  /* locales: the language's words, then the file's own, in any order */
  CHECK(apply(&c, &s, "locale:\n  present: heute\n  language: german\n"));
  CHECK(strcmp(s.locale.present, "heute") == 0);
  CHECK(strcmp(s.locale.month_names[2], "März") == 0);
  CHECK(strcmp(s.locale.hyph_lang, "de_DE") == 0);
  CHECK(apply(&c, &s, "locale:\n  language: mandarin_chinese\n"));
  CHECK(strcmp(s.locale.month_abbr[0], "1月") == 0 && !*s.locale.hyph_lang);
  CHECK(apply(&c, &s, "locale:\n  language: english\n  hyphenation: en_GB\n"));
  CHECK(strcmp(s.locale.hyph_lang, "en_GB") == 0);

  /* the colour of the header's links */
  CHECK(apply(&c, &s, "design:\n  colors:\n    connection_links: links\n"));
  CHECK_INT(s.conn_links_follow, 1);
  CHECK(apply(&c, &s, "design:\n  colors:\n    connection_links: '#102030'\n"));
  CHECK(s.conn_links_follow == 0 && s.c_conn_links == 0x102030);

  /* a bullet is any short label: up to STYLE_LABEL_MAX characters */
  CHECK(apply(&c, &s, "design:\n  entries:\n    highlights:\n"
                      "      bullet: \"\u2192\u2192\u2192\u2192\u2192\u2192\u2192\u2192\"\n"));
  CHECK(strcmp(s.bullet, "\xE2\x86\x92\xE2\x86\x92\xE2\x86\x92\xE2\x86\x92"
                         "\xE2\x86\x92\xE2\x86\x92\xE2\x86\x92\xE2\x86\x92") == 0);

  /* refused */
  d.quiet = true;
  CHECK(!apply(&c, &s, "design:\n  entries:\n    highlights:\n"
                       "      nested_bullet: \"123456789\"\n"));
  CHECK(!apply(&c, &s, "locale:\n  hyphenation: ../../etc/x\n"));
  CHECK(!apply(&c, &s, "locale:\n  language: klingon\n"));
  CHECK(!apply(&c, &s, "design:\n  theme: clasic\n"));
  CHECK(!apply(&c, &s, "design:\n  entries:\n    date_and_location_side: up\n"));
  CHECK(!apply(&c, &s, "design:\n  colors:\n    connection_links: linkz\n"));
  fclose(f);
  arena_free(&c.doc);

  /* a message too long for diag's buffer is cut before a character, never
   * inside one, whatever the offset of the cut */
  for (int shift = 0; shift < 3; shift++) {
    char big[2048], said[4096];
    size_t n = 0;
    for (; n < (size_t)shift; n++)
      big[n] = 'a';
    while (n + 2 < sizeof big - 1) {
      big[n++] = (char)0xC3; /* é */
      big[n++] = (char)0xA9;
    }
    big[n] = 0;
    FILE *g = fmemopen(said, sizeof said, "w");
    struct diag d2;
    diag_init(&d2, g);
    diag_error(&d2, (struct loc){"t.yaml", 1, 1}, "%s", big);
    fclose(g);
    said[sizeof said - 1] = 0;
    CHECK(utf8_invalid_at(said, strlen(said)) == (size_t)-1);
  }
}
