/* test_text.c: UTF-8, lengths, colours, dates, templates (and their
 * bound), section titles, hyphenation. */
#include <stdlib.h>

#include "cv.h"
#include "harness.h"
#include "hyph.h"
#include "style.h"
#include "tmpl.h"
#include "utf8.h"

void test_text(void);

static const char *fields_lookup(void *user, const char *name, int n) {
  const char *const *kv = user;
  for (int i = 0; kv[i]; i += 2)
    if ((int)strlen(kv[i]) == n && memcmp(kv[i], name, (size_t)n) == 0)
      return kv[i + 1];
  return NULL;
}


void test_text(void) {
  struct arena a;
  arena_init(&a);

  /* UTF-8 */
  uint32_t cp;
  CHECK_INT(utf8_decode("\xC3\xA9", 2, &cp), 2);
  CHECK_INT(cp, 0xE9);
  CHECK_INT(utf8_decode("\xE2\x80\xA0", 3, &cp), 3);
  CHECK_INT(cp, 0x2020);
  CHECK_INT(utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
  CHECK_INT(cp, 0x1F600);
  CHECK_INT(utf8_decode("\xC0\xAF", 2, &cp), -1);     /* overlong */
  CHECK_INT(utf8_decode("\xED\xA0\x80", 3, &cp), -1); /* surrogate */
  CHECK_INT(utf8_decode("\xF4\x90\x80\x80", 4, &cp), -1); /* > U+10FFFF */
  CHECK_INT(utf8_decode("\xE2\x80", 2, &cp), -1);     /* truncated */
  CHECK_INT((long long)utf8_invalid_at("ok \xFF", 4), 3);
  CHECK_INT((long long)utf8_invalid_at("Zoë", 4), -1);
  char enc[4];
  CHECK_INT(utf8_encode(0x20AC, enc), 3);
  CHECK(memcmp(enc, "\xE2\x82\xAC", 3) == 0);
  CHECK_INT(utf8_length("Zoë†", strlen("Zoë†")), 4);

  /* lengths */
  struct length l;
  CHECK(style_parse_length("10pt", &l) && l.pt == 10 && l.em == 0);
  CHECK(style_parse_length("1in", &l) && l.pt == 72);
  CHECK(style_parse_length("2.54cm", &l));
  CHECK_NEAR(l.pt, 72, 1e-9);
  CHECK(style_parse_length("25.4mm", &l));
  CHECK_NEAR(l.pt, 72, 1e-9);
  CHECK(style_parse_length("0.5em", &l) && l.em == 0.5 && l.pt == 0);
  CHECK(style_parse_length("-0.1cm", &l) && l.pt < 0);
  CHECK(style_parse_length("0", &l) && l.pt == 0);
  CHECK(!style_parse_length("10", &l));
  CHECK(!style_parse_length("10px", &l));
  CHECK(!style_parse_length("cm", &l));
  CHECK(!style_parse_length("1e999pt", &l));
  CHECK(!style_parse_length("", &l));

  /* colours */
  uint32_t rgb;
  CHECK(style_parse_color("#07608F", &rgb) && rgb == 0x07608F);
  CHECK(style_parse_color("#abc", &rgb) && rgb == 0xAABBCC);
  CHECK(style_parse_color("rgb(0, 79, 144)", &rgb) && rgb == 0x004F90);
  CHECK(style_parse_color("rgb(100%,0%,0%)", &rgb) && rgb == 0xFF0000);
  CHECK(style_parse_color("hsl(120, 100%, 25%)", &rgb) && rgb == 0x008000);
  CHECK(style_parse_color("MidnightBlue", &rgb) && rgb == 0x191970);
  /* RenderCV's pydantic colours: 0x, bare hex, an opaque alpha */
  CHECK(style_parse_color("0x004f90", &rgb) && rgb == 0x004F90);
  CHECK(style_parse_color("004f90", &rgb) && rgb == 0x004F90);
  CHECK(style_parse_color("#004f90ff", &rgb) && rgb == 0x004F90);
  CHECK(style_parse_color("#abcf", &rgb) && rgb == 0xAABBCC);
  CHECK(!style_parse_color("#004f9080", &rgb)); /* transparent */
  CHECK(!style_parse_color("004f9", &rgb));
  CHECK(!style_parse_color("#12345", &rgb));
  CHECK(!style_parse_color("rgb(300,0,0)", &rgb));
  CHECK(!style_parse_color("blurple", &rgb));

  /* dates */
  struct date d;
  const char *why;
  CHECK(cv_parse_date("2021-09", false, &d, &why) && d.kind == DATE_ISO &&
        d.year == 2021 && d.month == 9 && d.day == 0);
  CHECK(cv_parse_date("2020-02-29", false, &d, &why) && d.day == 29);
  CHECK(!cv_parse_date("2021-02-29", false, &d, &why));
  CHECK(!cv_parse_date("2021-13", false, &d, &why));
  CHECK(cv_parse_date("2021", false, &d, &why) && d.kind == DATE_YEAR);
  CHECK(cv_parse_date("2021", true, &d, &why) && d.kind == DATE_ISO);
  CHECK(cv_parse_date("present", false, &d, &why) && d.kind == DATE_PRESENT);
  CHECK(cv_parse_date("Fall 2021", false, &d, &why) && d.kind == DATE_TEXT);

  struct style s;
  bool over = false; /* no template here is too long */
  style_defaults(&s);
  cv_parse_date("2021-09", false, &d, &why);
  CHECK_STR(tmpl_date(&a, &s, &d, &over), "Sept 2021");
  s.t_single_date = "YEAR.MONTH_IN_TWO_DIGITS";
  CHECK_STR(tmpl_date(&a, &s, &d, &over), "2021.09");
  s.t_single_date = "MONTH_NAME DAY_IN_TWO_DIGITS, YEAR_IN_TWO_DIGITS";
  cv_parse_date("2024-03-05", false, &d, &why);
  CHECK_STR(tmpl_date(&a, &s, &d, &over), "March 05, 24");
  cv_parse_date("2019", false, &d, &why);
  CHECK_STR(tmpl_date(&a, &s, &d, &over), "2019");
  cv_parse_date("present", false, &d, &why);
  CHECK_STR(tmpl_date(&a, &s, &d, &over), "present");

  /* RenderCV's removal of missing placeholders */
  const char *f1[] = {"DEGREE", "Ph.D", NULL};
  const char *t = "DEGREE, *AREA*";
  CHECK_STR(tmpl_line(&a, t, (int)strlen(t), fields_lookup, f1, true, &over), "Ph.D");
  const char *f2[] = {"AREA", "Maths", NULL};
  CHECK_STR(tmpl_line(&a, t, (int)strlen(t), fields_lookup, f2, true, &over),
            "*Maths*");
  const char *f3[] = {NULL};
  CHECK(tmpl_line(&a, t, (int)strlen(t), fields_lookup, f3, true, &over) == NULL);
  /* a placeholder beside a letter or sign beyond ASCII is filled, as
   * RenderCV fills it; capitals inside an ASCII word are no placeholder */
  const char *fy[] = {"YEAR", "2020", "MONTH", "3", "COMPANY", "Acme",
                      "POSITION", "Eng", NULL};
  t = "YEAR\u5e74MONTH\u6708 COMPANY\u2013POSITION \u00abCOMPANY\u00bb aMONTH";
  CHECK_STR(tmpl_line(&a, t, (int)strlen(t), fields_lookup, fy, true, &over),
            "2020\u5e743\u6708 Acme\u2013Eng \u00abAcme\u00bb aMONTH");
  const char *f4[] = {"POSITION", "Engineer", "COMPANY", "Acme", NULL};
  t = "POSITION at COMPANY, LOCATION";
  CHECK_STR(tmpl_line(&a, t, (int)strlen(t), fields_lookup, f4, true, &over),
            "Engineer at Acme");
  t = "**NAME** -- CV";
  const char *f5[] = {"NAME", "Zoë", NULL};
  CHECK_STR(tmpl_line(&a, t, (int)strlen(t), fields_lookup, f5, false, &over),
            "**Zoë** -- CV");
  /* a value ending in a period takes the template's: "et al.", not
   * "et al.." (an ellipsis, and a period in the template alone, stay) */
  const char *fp[] = {"AUTHORS", "A. Author et al.", "TITLE", "Wait...", NULL};
  t = "AUTHORS. **TITLE**. TITLE.";
  CHECK_STR(tmpl_line(&a, t, (int)strlen(t), fields_lookup, fp, true, &over),
            "A. Author et al. **Wait...**. Wait....");
  /* values are not scanned again for placeholders */
  const char *f6[] = {"NAME", "MIT LOCATION", NULL};
  t = "NAME";
  CHECK_STR(tmpl_line(&a, t, (int)strlen(t), fields_lookup, f6, true, &over),
            "MIT LOCATION");
  /* a line filled past TMPL_MAX_FILL is not made: NULL, and *too_long */
  size_t half = TMPL_MAX_FILL / 2 - 1;
  char *huge = malloc(half + 1);
  memset(huge, 'y', half);
  huge[half] = 0;
  const char *f7[] = {"NAME", huge, NULL};
  CHECK(!over);
  t = "NAME NAME"; /* TMPL_MAX_FILL - 1 bytes: fits */
  char *filled = tmpl_line(&a, t, (int)strlen(t), fields_lookup, f7, false,
                           &over);
  CHECK(filled && strlen(filled) == TMPL_MAX_FILL - 1 && !over);
  t = "NAME NAME NAME";
  CHECK(tmpl_line(&a, t, (int)strlen(t), fields_lookup, f7, false, &over) ==
        NULL);
  CHECK(over);
  over = false;
  t = "NAME NAME NAME GONE"; /* pruned or not, the budget holds */
  CHECK(tmpl_line(&a, t, (int)strlen(t), fields_lookup, f7, true, &over) ==
        NULL);
  CHECK(over);
  free(huge);

  /* section titles from keys */
  CHECK_STR(cv_section_title(&a, "selected_honors"), "Selected Honors");
  CHECK_STR(cv_section_title(&a, "experience_in_the_industry"),
            "Experience in The Industry"); /* RenderCV: "the" is not small */
  CHECK_STR(cv_section_title(&a, "of_mice_and_men"), "of Mice and Men");
  CHECK_STR(cv_section_title(&a, "pr\u00eamios_e_t\u00edtulos"),
            "Pr\u00eamios E T\u00edtulos");
  CHECK_STR(cv_section_title(&a, "Short Bio"), "Short Bio");
  CHECK_STR(cv_section_title(&a, "publicationsAndTalks"), "publicationsAndTalks");

  /* hyphenation (Debian's hyphen-en-us patterns; TeX's minimums 2 and 3) */
  struct hyph h;
  char hbuf[64];
  hyph_init(&h, "en_US", NULL);
  if (hyph_available(&h)) {
    CHECK_STR(harness_hyphenated(&h, "hyphenation", hbuf), "hy-phen-ation");
    CHECK_STR(harness_hyphenated(&h, "algorithm", hbuf), "al-go-rithm");
    CHECK_STR(harness_hyphenated(&h, "Generalization", hbuf),
              "Gen-er-al-iza-tion");
    CHECK_STR(harness_hyphenated(&h, "university", hbuf), "uni-ver-sity");
    CHECK_STR(harness_hyphenated(&h, "fortunate", hbuf), "for-tu-nate");
    CHECK_STR(harness_hyphenated(&h, "cat", hbuf), "cat"); /* too short */
  } else {
    fprintf(stderr, "test_text: hyphen-en-us is not installed\n");
    CHECK(!"the hyphenation dictionary hyph_en_US.dic is available");
  }
  hyph_free(&h);
  arena_free(&a);
}
