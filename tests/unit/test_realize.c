/* test_realize.c: the realize stage, without fonts: a whole CV file goes
 * through the stages doc_build runs before layout (yml_parse, cv_load,
 * style_defaults + style_apply, realize), and the realized lines are
 * checked as text. Every expected string is written out from the rules
 * (the seed theme's templates in style.c, classic's in
 * data/themes/classic.yaml, the locales in data/locales/). The last group
 * checks the bounds on what realizing writes. */
#include <stdlib.h>

#include "cv.h"
#include "harness.h"
#include "markup.h"
#include "realize.h"
#include "style.h"

void test_realize(void);

/* ---- helpers ---- */

static char msgs[16384]; /* the messages of the last run */
static struct {
  struct ctx c;
  struct diag d;
  FILE *f;
  struct cv cv;
  struct style s;
  struct realized r;
  bool ok; /* realize's answer */
} T;

static void done(void) {
  if (!T.f)
    return;
  fclose(T.f);
  T.f = NULL;
  arena_free(&T.c.doc);
  arena_free(&T.c.lay);
  arena_free(&T.c.tmp);
}

/* A whole CV file ("t.yaml") realized as doc_build does it: the result,
 * or NULL if a stage before realize failed. Messages are in msgs, counts
 * in T.d; the result lives until the next run. */
static const struct realized *run(const char *yaml) {
  done();
  memset(msgs, 0, sizeof msgs);
  T.f = fmemopen(msgs, sizeof msgs - 1, "w");
  harness_ctx(&T.c, &T.d, NULL, T.f);
  struct yml_limits lim = {64, 100000, 1 << 20};
  bool empty = false;
  struct yml *root = yml_parse(&T.c.doc, &T.d, "t.yaml", yaml, strlen(yaml),
                               &lim, &empty);
  bool ok = root && cv_load(&T.c, root, &T.cv);
  style_defaults(&T.s);
  ok = ok && style_apply(&T.c, &T.s, T.cv.design, T.cv.locale);
  if (!ok) {
    fflush(T.f);
    fprintf(stderr, "test_realize: the CV did not load:\n%s", msgs);
    return NULL;
  }
  const char *author =
      T.cv.name.s ? markup_plain(&T.c.doc, markup_parse(&T.c.doc, T.cv.name.s,
                                                        strlen(T.cv.name.s)))
                  : NULL;
  T.ok = realize(&T.c, "t.yaml", &T.cv, &T.s, author, &T.r);
  fflush(T.f);
  return &T.r;
}

/* Results are built in a ring of buffers, so that a few can be compared in
 * one check. */
static char *next_buf(void) {
  static char ring[8][2048];
  static int k;
  char *b = ring[k++ % 8];
  b[0] = 0;
  return b;
}
static void cat(char *b, const char *s) {
  size_t n = strlen(b);
  snprintf(b + n, 2048 - n, "%s", s);
}

/* The spans' text joined. */
static const char *plain_of(struct spans sp) {
  char *b = next_buf();
  for (int i = 0; i < sp.n; i++)
    cat(b, sp.v[i].style & SP_BREAK ? "\n" : sp.v[i].s);
  return b;
}

/* The spans with their styles as markers: **bold**, *italic*, [text](url),
 * a line break as "\n". */
static const char *marked_sp(struct spans sp) {
  char *b = next_buf();
  for (int i = 0; i < sp.n; i++) {
    const struct span *x = &sp.v[i];
    if (x->style & SP_BREAK) {
      cat(b, "\n");
      continue;
    }
    const char *m = (x->style & SP_BOLD) && (x->style & SP_ITALIC) ? "***"
                    : x->style & SP_BOLD                            ? "**"
                    : x->style & SP_ITALIC                          ? "*"
                                                                    : "";
    if (x->url)
      cat(b, "[");
    cat(b, m);
    cat(b, x->s);
    cat(b, m);
    if (x->url) {
      cat(b, "](");
      cat(b, x->url);
      cat(b, ")");
    }
  }
  return b;
}
static const char *marked(const struct rtext *t) {
  return t ? marked_sp(t->sp) : NULL;
}

/* An entry's main column: its lines as marked text joined by " | ", a
 * summary line as "S:text", the highlights' place as "H". */
static const char *main_of(const struct rentry *e) {
  char *b = next_buf();
  for (int i = 0; i < e->nmain; i++) {
    if (i)
      cat(b, " | ");
    if (e->main[i].kind == RL_HIGHLIGHTS) {
      cat(b, "H");
      continue;
    }
    if (e->main[i].kind == RL_SUMMARY)
      cat(b, "S:");
    cat(b, marked(&e->main[i].text));
  }
  return b;
}

/* The date-and-location column, a line each, joined by " | ". */
static const char *right_of(const struct rentry *e) {
  char *b = next_buf();
  for (int i = 0; i < e->nright; i++) {
    if (i)
      cat(b, " | ");
    cat(b, marked(&e->right[i]));
  }
  return b;
}

/* The sections' entry counts, "2 1 ..." (checked before entries are
 * looked at). */
static const char *counts(const struct realized *r) {
  char *b = next_buf();
  for (int i = 0; i < r->nsections; i++) {
    char n[16];
    snprintf(n, sizeof n, i ? " %d" : "%d", r->sections[i].n);
    cat(b, n);
  }
  return b;
}

/* The run gave a document, realize answered `ok`, and its sections hold
 * `shape` entries; else the group stops (its entries are not there). */
#define LOADED(r, ok_, shape)                                                  \
  do {                                                                         \
    CHECK((r) && T.ok == (ok_));                                               \
    CHECK_STR((r) ? counts(r) : NULL, shape);                                  \
    if (!(r) || strcmp(counts(r), shape) != 0)                                 \
      return;                                                                  \
  } while (0)

/* Entry j of section i. */
#define E(r, i, j) (&(r)->sections[i].v[j])

/* ---- the CVs ---- */

/* One entry of each templated type, with and without optional fields. */
static const char ENTRIES[] =
    "cv:\n"
    "  name: John Doe\n"
    "  sections:\n"
    "    experience:\n"
    "      - company: Acme\n"
    "        position: Engineer\n"
    "        location: Berlin\n"
    "        start_date: 2020-01\n"
    "        end_date: 2021-03\n"
    "        summary: Built *things*\n"
    "        highlights:\n"
    "          - Did X\n"
    "          - Did Y\n"
    "      - company: Beta\n"
    "        position: Intern\n"
    "    education:\n"
    "      - institution: MIT\n"
    "        area: Physics\n"
    "        degree: BS\n"
    "        location: Cambridge\n"
    "        date: 2019-06\n"
    "      - institution: ETH\n"
    "        area: Maths\n"
    "        location: Zurich\n"
    "    projects:\n"
    "      - name: Widget\n"
    "        date: 2019\n"
    "        highlights:\n"
    "          - Shipped\n"
    "    publications:\n"
    "      - title: On Things\n"
    "        authors: [A. Author, B. Author]\n"
    "        journal: Nature\n"
    "        doi: 10.1000/xyz_1\n"
    "        date: 2020-05\n"
    "      - title: Other\n"
    "        authors: [C. Author]\n"
    "        url: https://example.com/paper/\n"
    "settings:\n"
    "  current_date: 2024-06-15\n";

/* (1) templates, seed theme: "**COMPANY**\nPOSITION\nSUMMARY\n
 * HIGHLIGHTS" beside "LOCATION\n*DATE*"; a missing field takes its token
 * and the punctuation stuck to it, an all-missing line goes; no time
 * spans by default */
static void templates(void) {
  const struct realized *r;
  char y[4096];
  r = run(ENTRIES);
  LOADED(r, true, "2 2 1 2");
  CHECK(r->headline == NULL && r->photo == NULL && r->nconns == 0);
  CHECK_STR(main_of(E(r, 0, 0)), "**Acme** | Engineer | S:Built *things* | H");
  CHECK_INT(E(r, 0, 0)->main[2].kind, RL_SUMMARY);
  CHECK_STR(right_of(E(r, 0, 0)), "Berlin | *Jan 2020 \u2013 Mar 2021*");
  CHECK(E(r, 0, 0)->highlights && E(r, 0, 0)->highlights->n == 2);
  CHECK_STR(marked(&E(r, 0, 0)->highlights->v[1].text), "Did Y");
  CHECK_STR(main_of(E(r, 0, 1)), "**Beta** | Intern");
  /* a line naming HIGHLIGHTS among other placeholders keeps them: what
   * stands before it is a line above the list, what follows a line below
   * (the company was lost) */
  r = run("cv:\n  sections:\n    e:\n      - company: Acme\n"
          "        position: Eng\n        highlights: [x]\n"
          "design:\n  templates:\n    experience_entry:\n"
          "      main_column: \"**COMPANY** HIGHLIGHTS POSITION\"\n");
  LOADED(r, true, "1");
  CHECK_STR(main_of(E(r, 0, 0)), "**Acme** | H | Eng");
  r = run(ENTRIES);
  CHECK_INT(E(r, 0, 1)->nright, 0);
  CHECK(E(r, 0, 1)->highlights == NULL);
  CHECK_STR(main_of(E(r, 1, 0)), "**MIT** | BS, *Physics*");
  CHECK_STR(right_of(E(r, 1, 0)), "Cambridge | *June 2019*");
  CHECK(E(r, 1, 0)->degree == NULL); /* no degree column in the seed */
  CHECK_STR(main_of(E(r, 1, 1)), "**ETH** | *Maths*"); /* "DEGREE," went */
  CHECK_STR(right_of(E(r, 1, 1)), "Zurich");          /* "*DATE*" went */
  CHECK_STR(main_of(E(r, 2, 0)), "**Widget** | H");
  CHECK_STR(right_of(E(r, 2, 0)), "*2019*");
  /* "AUTHORS. **TITLE**. *JOURNAL*. URL"; a DOI is the URL; without a
   * journal "*JOURNAL*." goes and the spaces either side stay (layout
   * collapses runs of spaces) */
  CHECK_STR(main_of(E(r, 3, 0)),
            "A. Author, B. Author. **On Things**. *Nature*. "
            "[10.1000/xyz_1](https://doi.org/10.1000/xyz_1)");
  CHECK_STR(right_of(E(r, 3, 0)), "May 2020");
  CHECK_STR(main_of(E(r, 3, 1)),
            "C. Author. **Other**.  "
            "[example.com/paper](https://example.com/paper/)");
  CHECK_INT(E(r, 3, 1)->nright, 0);

  /* a time span under the range: DATE holds two lines, and both are in
   * the style the template gives DATE ("*DATE*") */
  snprintf(y, sizeof y,
           "%sdesign:\n  sections:\n    show_time_spans_in: [experience]\n",
           ENTRIES);
  r = run(y);
  LOADED(r, true, "2 2 1 2");
  CHECK_STR(right_of(E(r, 0, 0)),
            "Berlin | *Jan 2020 \u2013 Mar 2021* | *1 year 3 months*");
  CHECK_INT(E(r, 0, 0)->nright, 3);
  snprintf(y, sizeof y,
           "%sdesign:\n  sections:\n    show_time_spans_in: [experience]\n"
           "  templates:\n    experience_entry:\n"
           "      date_and_location_column: \"**DATE** (LOCATION)\"\n",
           ENTRIES);
  r = run(y);
  LOADED(r, true, "2 2 1 2");
  CHECK_STR(right_of(E(r, 0, 0)),
            "**Jan 2020 \u2013 Mar 2021** | **1 year 3 months** (Berlin)");

  /* a publication's address as its label: markup in it is not markup
   * ("--" stays two hyphens, "_" an underscore), in a URL and a DOI */
  r = run("cv:\n  sections:\n    p:\n"
          "      - title: T\n        authors: [A]\n"
          "        url: https://example.com/a--b_c---d\n"
          "      - title: U\n        authors: [B]\n"
          "        doi: 10.1000/x--y\n");
  LOADED(r, true, "2");
  CHECK_STR(main_of(E(r, 0, 0)),
            "A. **T**.  [example.com/a--b_c---d](https://example.com/a--b_c---d)");
  CHECK_STR(main_of(E(r, 0, 1)),
            "B. **U**.  [10.1000/x--y](https://doi.org/10.1000/x--y)");

  /* classic: "**COMPANY**, POSITION", "**INSTITUTION**, AREA" with the
   * degree in its own column, "LOCATION\nDATE", date ranges with an en
   * dash, and the time span under the range in experience */
  snprintf(y, sizeof y, "%sdesign:\n  theme: classic\n", ENTRIES);
  r = run(y);
  LOADED(r, true, "2 2 1 2");
  CHECK_STR(main_of(E(r, 0, 0)), "**Acme**, Engineer | S:Built *things* | H");
  CHECK_STR(right_of(E(r, 0, 0)),
            "Berlin | Jan 2020 \u2013 Mar 2021 | 1 year 3 months");
  CHECK_INT(E(r, 0, 0)->nright, 3);
  CHECK_STR(main_of(E(r, 0, 1)), "**Beta**, Intern");
  CHECK_STR(main_of(E(r, 1, 0)), "**MIT**, Physics");
  CHECK_STR(marked(E(r, 1, 0)->degree), "**BS**");
  CHECK_STR(right_of(E(r, 1, 0)), "Cambridge | June 2019");
  CHECK_STR(main_of(E(r, 1, 1)), "**ETH**, Maths");
  CHECK(E(r, 1, 1)->degree == NULL); /* "**DEGREE**" went whole */
  CHECK_STR(right_of(E(r, 2, 0)), "2019");
  /* "**TITLE**\nSUMMARY\nAUTHORS\nURL (JOURNAL)" */
  CHECK_STR(main_of(E(r, 3, 0)),
            "**On Things** | A. Author, B. Author | "
            "[10.1000/xyz_1](https://doi.org/10.1000/xyz_1) (Nature)");
  CHECK_STR(main_of(E(r, 3, 1)),
            "**Other** | C. Author | "
            "[example.com/paper](https://example.com/paper/)");

  /* custom templates (design.templates.*): a null date column leaves no
   * right column; DEGREE_WITH_AREA is the locale's phrase, or the half
   * that is there */
  snprintf(y, sizeof y,
           "%sdesign:\n  templates:\n"
           "    experience_entry:\n"
           "      main_column: \"**POSITION** at COMPANY, LOCATION\\n"
           "HIGHLIGHTS\"\n"
           "      date_and_location_column: null\n"
           "    education_entry:\n"
           "      main_column: \"INSTITUTION: DEGREE_WITH_AREA\"\n"
           "      degree_column: DEGREE\n"
           "    normal_entry:\n"
           "      main_column: NAME (DATE)\n",
           ENTRIES);
  r = run(y);
  LOADED(r, true, "2 2 1 2");
  CHECK_STR(main_of(E(r, 0, 0)), "**Engineer** at Acme, Berlin | H");
  CHECK_INT(E(r, 0, 0)->nright, 0);
  CHECK_STR(main_of(E(r, 0, 1)), "**Intern** at Beta");
  CHECK_STR(main_of(E(r, 1, 0)), "MIT: BS in Physics");
  CHECK_STR(marked(E(r, 1, 0)->degree), "BS");
  CHECK_STR(main_of(E(r, 1, 1)), "ETH: Maths");
  CHECK_STR(main_of(E(r, 2, 0)), "Widget (2019)");
  CHECK(E(r, 2, 0)->highlights != NULL); /* kept, though not placed */
}

/* (2) dates: the locale's abbreviations, "present" and today from
 * settings.current_date, years-only spans, free text kept */
static void dates(void) {
  const struct realized *r;
  char y[4096];
  static const char DATES[] =
      "cv:\n  sections:\n    jobs:\n"
      "      - company: A\n        position: P\n"
      "        start_date: 2023-01\n        end_date: present\n"
      "      - company: B\n        position: P\n"
      "        start_date: 2018\n        end_date: 2020\n"
      "      - company: C\n        position: P\n        date: Fall 2021\n"
      "      - company: D\n        position: P\n        date: 2021-09-05\n"
      "settings:\n  current_date: 2024-06-15\n"
      "design:\n  theme: classic\n"
      "  sections:\n    show_time_spans_in: [jobs]\n";
  r = run(DATES);
  LOADED(r, true, "4");
  CHECK_STR(right_of(E(r, 0, 0)), "Jan 2023 \u2013 present | 1 year 6 months");
  CHECK_STR(right_of(E(r, 0, 1)), "2018 \u2013 2020 | 2 years");
  CHECK_STR(right_of(E(r, 0, 2)), "Fall 2021");
  CHECK_STR(right_of(E(r, 0, 3)), "Sept 2021");
  /* another language: its month names and words */
  snprintf(y, sizeof y, "%slocale:\n  language: french\n", DATES);
  r = run(y);
  LOADED(r, true, "4");
  CHECK_STR(right_of(E(r, 0, 0)),
            "Jan 2023 \u2013 pr\u00e9sent | 1 an 6 mois");
  CHECK_STR(right_of(E(r, 0, 1)), "2018 \u2013 2020 | 2 ans");
  CHECK_STR(right_of(E(r, 0, 3)), "Sep 2021");
  /* templates.single_date and templates.date_range */
  snprintf(y, sizeof y,
           "%s  templates:\n    single_date: MONTH_NAME YEAR\n"
           "    date_range: START_DATE to END_DATE\n"
           "locale:\n  language: french\n",
           DATES);
  r = run(y);
  LOADED(r, true, "4");
  CHECK_STR(right_of(E(r, 0, 0)), "Janvier 2023 to pr\u00e9sent | 1 an 6 mois");
  CHECK_STR(right_of(E(r, 0, 3)), "Septembre 2021");
  snprintf(y, sizeof y,
           "%s  templates:\n"
           "    single_date: DAY_IN_TWO_DIGITS.MONTH_IN_TWO_DIGITS."
           "YEAR_IN_TWO_DIGITS\n",
           DATES);
  r = run(y);
  LOADED(r, true, "4");
  CHECK_STR(right_of(E(r, 0, 3)), "05.09.21");
  CHECK_STR(right_of(E(r, 0, 2)), "Fall 2021");
}

/* (3) phone numbers: national (0), international (1), E164 (2); only
 * North American numbers are regrouped; a trunk 0 where the country
 * dials one; a number without a country code is left as written */
static void phones(void) {
  struct arena ar, *a = &ar;
  arena_init(a);
  CHECK_STR(realize_phone(a, "+1 555 555 5555", 0), "(555) 555-5555");
  CHECK_STR(realize_phone(a, "+1 555 555 5555", 1), "+1 555-555-5555");
  CHECK_STR(realize_phone(a, "+1 555 555 5555", 2), "+15555555555");
  CHECK_STR(realize_phone(a, "+44 20 7946 0958", 0), "020 7946 0958");
  CHECK_STR(realize_phone(a, "+44 20 7946 0958", 1), "+44 20 7946 0958");
  CHECK_STR(realize_phone(a, "+44 20 7946 0958", 2), "+442079460958");
  CHECK_STR(realize_phone(a, "0044 20 7946 0958", 0), "020 7946 0958");
  CHECK_STR(realize_phone(a, "0044 20 7946 0958", 1), "+44 20 7946 0958");
  CHECK_STR(realize_phone(a, "0044 20 7946 0958", 2), "+442079460958");
  CHECK_STR(realize_phone(a, "+33 1 23 45 67 89", 0), "01 23 45 67 89");
  CHECK_STR(realize_phone(a, "+33 1 23 45 67 89", 1), "+33 1 23 45 67 89");
  CHECK_STR(realize_phone(a, "+353 1 234 5678", 0), "01 234 5678");
  CHECK_STR(realize_phone(a, "+34 912 345 678", 0), "912 345 678"); /* no 0 */
  /* a Chinese mobile number has no trunk 0 (a Beijing line has); Russia's
   * trunk prefix is 8 */
  CHECK_STR(realize_phone(a, "+86 138 0013 8000", 0), "138 0013 8000");
  CHECK_STR(realize_phone(a, "+86 10 6552 9988", 0), "010 6552 9988");
  CHECK_STR(realize_phone(a, "+7 912 345 67 89", 0), "8 912 345 67 89");
  CHECK_STR(realize_phone(a, "+7 912 345 67 89", 1), "+7 912 345 67 89");
  CHECK_STR(realize_phone(a, "+7 (912) 345-67-89", 0), "8 (912) 345-67-89");
  /* a trunk prefix written "(0)" is dialled at home only: it is the
   * national form's 0 and is left out of the others; where the 0 is part
   * of the number (Italy), it stays in every form */
  CHECK_STR(realize_phone(a, "+44 (0)20 7946 0958", 0), "020 7946 0958");
  CHECK_STR(realize_phone(a, "+44 (0)20 7946 0958", 1), "+44 20 7946 0958");
  CHECK_STR(realize_phone(a, "+44 (0)20 7946 0958", 2), "+442079460958");
  CHECK_STR(realize_phone(a, "+44(0)2079460958", 2), "+442079460958");
  CHECK_STR(realize_phone(a, "0044 (0) 20 7946 0958", 2), "+442079460958");
  CHECK_STR(realize_phone(a, "+39 (0)6 1234 5678", 0), "06 1234 5678");
  CHECK_STR(realize_phone(a, "+39 (0)6 1234 5678", 1), "+39 06 1234 5678");
  CHECK_STR(realize_phone(a, "+39 (0)6 1234 5678", 2), "+390612345678");
  CHECK_STR(realize_phone(a, "555-1234", 0), "555-1234");
  CHECK_STR(realize_phone(a, "020 7946 0958", 1), "020 7946 0958");
  CHECK_STR(realize_phone(a, "020 7946 0958", 2), "020 7946 0958");
  arena_free(a);
}

/* (4) connections, seed theme: in the order written; no icons, web
 * addresses instead of usernames, every one linked */
static void connections(void) {
  const struct realized *r;
  char y[4096];
  static const char CONNS[] =
      "cv:\n"
      "  name: John Doe\n"
      "  email: jdoe@example.com\n"
      "  location: Berlin\n"
      "  phone: \"+1 555 555 5555\"\n"
      "  website: https://jdoe.dev/\n"
      "  social_networks:\n"
      "    - network: GitHub\n"
      "      username: jdoe\n"
      "    - network: Google Scholar\n"
      "      username: abc123\n"
      "  custom_connections:\n"
      "    - placeholder: My *blog*\n"
      "      url: https://blog.example\n"
      "      fontawesome_icon: rss\n"
      "    - placeholder: Nowhere\n"
      "      fontawesome_icon: no-such-icon\n";
  r = run(CONNS);
  LOADED(r, true, "");
  CHECK_INT(T.d.warnings, 0);
  CHECK_INT(r->nconns, 8);
  if (r->nconns != 8)
    return;
  static const char *const kinds[] = {"email",   "location", "phone",
                                      "website", "GitHub",   "Google Scholar",
                                      "custom",  "custom"};
  for (int i = 0; i < 8; i++) {
    CHECK_STR(r->conns[i].kind, kinds[i]);
    CHECK(!icon_any(r->conns[i].icon));
  }
  CHECK_STR(marked(&r->conns[0].text),
            "[jdoe@example.com](mailto:jdoe@example.com)");
  CHECK_STR(marked(&r->conns[1].text), "Berlin");
  CHECK_STR(marked(&r->conns[2].text), "[(555) 555-5555](tel:+15555555555)");
  CHECK_STR(marked(&r->conns[3].text), "[jdoe.dev](https://jdoe.dev/)");
  CHECK_STR(marked(&r->conns[4].text),
            "[github.com/jdoe](https://github.com/jdoe)");
  CHECK_STR(marked(&r->conns[5].text),
            "[scholar.google.com/citations?user=abc123]"
            "(https://scholar.google.com/citations?user=abc123)");
  CHECK_STR(marked(&r->conns[6].text),
            "[My ](https://blog.example)[*blog*](https://blog.example)");
  CHECK_STR(marked(&r->conns[7].text), "Nowhere");
  CHECK(r->separator == NULL);
  /* classic: icons (RenderCV's Font Awesome 7 faces and code points, and
   * Fork Awesome's), usernames, and "Google Scholar" for its user id; an
   * unknown custom icon is a warning */
  snprintf(y, sizeof y, "%sdesign:\n  theme: classic\n", CONNS);
  r = run(y);
  LOADED(r, true, "");
  static const struct {
    enum icon_face face;
    uint32_t fa, fork;
  } icons[] = {
      {ICON_REGULAR, 0xF0E0, 0xF0E0}, /* envelope (outlined, as RenderCV's) */
      {ICON_SOLID, 0xF3C5, 0xF041},   /* location-dot; map-marker */
      {ICON_SOLID, 0xF095, 0xF095},   /* phone */
      {ICON_SOLID, 0xF0C1, 0xF0C1},   /* link */
      {ICON_BRANDS, 0xF09B, 0xF09B},  /* github */
      {ICON_SOLID, 0xF19D, 0xF19D},   /* graduation-cap */
      {ICON_SOLID, 0xF09E, 0xF09E},   /* rss */
      {ICON_SOLID, 0, 0},             /* no-such-icon */
  };
  for (int i = 0; i < 8 && r->nconns == 8; i++) {
    CHECK_INT(r->conns[i].icon.fa, icons[i].fa);
    if (icons[i].fa)
      CHECK_INT(r->conns[i].icon.face, icons[i].face);
    CHECK_INT(r->conns[i].icon.fork, icons[i].fork);
  }
  CHECK_INT(T.d.warnings, 1);
  CHECK(strstr(msgs, "t.yaml:17:25: warning: no icon named 'no-such-icon' in "
                     "Font Awesome 7 Free or Fork Awesome") != NULL);
  CHECK_STR(marked(&r->conns[4].text), "[jdoe](https://github.com/jdoe)");
  CHECK_STR(marked(&r->conns[5].text), "[Google Scholar]"
            "(https://scholar.google.com/citations?user=abc123)");
  CHECK_STR(marked(&r->conns[2].text), "[(555) 555-5555](tel:+15555555555)");
  /* no links, icons off, addresses shown, E164, a separator */
  snprintf(y, sizeof y,
           "%sdesign:\n  theme: classic\n  header:\n    connections:\n"
           "      hyperlink: false\n      show_icons: false\n"
           "      display_urls_instead_of_usernames: true\n"
           "      phone_number_format: E164\n      separator: \"|\"\n",
           CONNS);
  r = run(y);
  LOADED(r, true, "");
  CHECK_INT(T.d.warnings, 0);
  CHECK_STR(marked(&r->conns[0].text), "jdoe@example.com");
  CHECK_STR(marked(&r->conns[2].text), "+15555555555");
  CHECK_STR(marked(&r->conns[4].text), "github.com/jdoe");
  CHECK_STR(marked(&r->conns[6].text), "My *blog*");
  CHECK(!icon_any(r->conns[4].icon));
  CHECK_STR(marked(r->separator), "|");
  /* international */
  snprintf(y, sizeof y,
           "%sdesign:\n  header:\n    connections:\n"
           "      phone_number_format: international\n",
           CONNS);
  r = run(y);
  LOADED(r, true, "");
  CHECK_STR(marked(&r->conns[2].text), "[+1 555-555-5555](tel:+15555555555)");
  /* a phone's link is its E164 form: no trunk prefix */
  r = run("cv:\n  phone: \"+44 (0)20 7946 0958\"\n");
  LOADED(r, true, "");
  CHECK_STR(marked(&r->conns[0].text), "[020 7946 0958](tel:+442079460958)");
}

/* (5) links: http, https, mailto and tel are kept; an address without
 * its scheme gets https://; an anchor is not linked */
static void links(void) {
  const struct realized *r;
  r = run("cv:\n  sections:\n    links:\n"
          "      - \"[a](http://a.org) [b](HTTPS://b.org) [c](mailto:c@d.org) "
          "[d](tel:+123) [e](example.com/x) [f](#top) "
          "[g](example.com:8080/x) [h](localhost:3000) [i](a.org:443)\"\n");
  LOADED(r, true, "1");
  CHECK_STR(main_of(E(r, 0, 0)),
            "[a](http://a.org) [b](HTTPS://b.org) [c](mailto:c@d.org) "
            "[d](tel:+123) [e](https://example.com/x) f "
            "[g](https://example.com:8080/x) [h](https://localhost:3000) "
            "[i](https://a.org:443)");
  /* an anchor, or a target that is no address, is shown without its link,
   * with a warning */
  CHECK_INT(T.d.warnings, 1);
  CHECK(strstr(msgs, "t.yaml:4:9: warning: link target '#top' is an anchor, "
                     "which cvpdf does not link yet") != NULL);
  r = run("cv:\n  sections:\n    links:\n      - \"[a](notes) [b]()\"\n");
  LOADED(r, true, "1");
  CHECK_STR(main_of(E(r, 0, 0)), "a b");
  CHECK_INT(T.d.warnings, 2);
  CHECK(strstr(msgs, "t.yaml:4:9: warning: link target 'notes' is not a web "
                     "address (it has no scheme and no host such as "
                     "example.com): the text is shown without a link") !=
        NULL);
  CHECK(strstr(msgs, "t.yaml:4:9: warning: an empty link target: the text "
                     "is shown without a link") != NULL);
  /* a path is no web address (it became https://./talk.pdf); a
   * protocol-relative address gets https:; a scheme with nothing after it
   * links nowhere */
  r = run("cv:\n  sections:\n    links:\n      - \"[a](./talk.pdf) "
          "[b](cv.pdf) [c](/index.html) [d](//x.org/p) [e](https://) "
          "[f](mailto:) [g](tel:abc) [h](www.example.co.uk)\"\n");
  LOADED(r, true, "1");
  CHECK_STR(main_of(E(r, 0, 0)),
            "a b c [d](https://x.org/p) e f g [h](https://www.example.co.uk)");
  CHECK_INT(T.d.warnings, 6);
  CHECK(strstr(msgs, "link target './talk.pdf' is a path, which leads "
                     "nowhere once the PDF is sent") != NULL);
  CHECK(strstr(msgs, "link target 'tel:abc' holds no address after its "
                     "scheme") != NULL);
  /* any other scheme is an error at the text's line and column, in an
   * entry, a section title, a table cell, a highlight, a custom
   * connection's url and the footer template; the link goes */
  r = run("cv:\n"
          "  name: Jo\n"
          "  custom_connections:\n"
          "    - placeholder: Site\n"
          "      url: javascript:void(0)\n"
          "  sections:\n"
          "    \"[Talks](ftp://talks.example)\":\n"
          "      - \"[x](javascript:alert(1))\"\n"
          "      - table:\n"
          "          rows:\n"
          "            - [\"[y](file:///etc/passwd)\", ok]\n"
          "      - name: N\n"
          "        highlights:\n"
          "          - \"[z](data:text/html,hi)\"\n"
          "design:\n"
          "  page:\n"
          "    show_footer: true\n"
          "  templates:\n"
          "    footer: \"[NAME](ftp://f.example) PAGE_NUMBER\"\n");
  LOADED(r, false, "3");
  CHECK_INT(T.d.errors, 6);
  static const char *const bad[] = {
      ("t.yaml:4:20: error: link target 'javascript:void(0)' is not allowed: "
       "only http, https, mailto and tel links are written to the PDF (its "
       "scheme is 'javascript')\n"),
      ("t.yaml:7:5: error: link target 'ftp://talks.example' is not allowed: "
       "only http, https, mailto and tel links are written to the PDF (its "
       "scheme is 'ftp')\n"),
      "t.yaml:8:9: error: link target 'javascript:alert(1)' is not allowed",
      "t.yaml:11:16: error: link target 'file:///etc/passwd' is not allowed",
      "t.yaml:14:13: error: link target 'data:text/html,hi' is not allowed",
      "t.yaml: error: link target 'ftp://f.example' is not allowed"};
  for (int i = 0; i < 6; i++)
    CHECK(strstr(msgs, bad[i]) != NULL);
  CHECK_STR(marked(&r->conns[0].text), "Site");
  CHECK_STR(marked(&r->sections[0].title), "Talks");
  CHECK_STR(main_of(E(r, 0, 0)), "x");
}

/* (6) bold keywords: whole words, in entries, highlights, titles and
 * the name */
static void keywords(void) {
  const struct realized *r;
  r = run("cv:\n  name: John Doe\n  sections:\n    Python Work:\n"
          "      - company: Acme\n        position: Python Developer\n"
          "        highlights:\n          - Wrote Python, not Pythonic code\n"
          "settings:\n  bold_keywords: [Python, John Doe]\n");
  LOADED(r, true, "1");
  CHECK_STR(marked(r->name), "**John Doe**");
  CHECK_STR(marked(&r->sections[0].title), "**Python** Work");
  CHECK_STR(r->sections[0].plain, "Python Work");
  CHECK_STR(main_of(E(r, 0, 0)), "**Acme** | **Python** Developer | H");
  CHECK_STR(marked(&E(r, 0, 0)->highlights->v[0].text),
            "Wrote **Python**, not Pythonic code");
}

/* (7) numbered 1, 2; reversed 2, 1; bullets without a label; a text
 * entry's paragraphs split at blank lines; page breaks */
static void text_entries(void) {
  const struct realized *r;
  r = run("cv:\n  sections:\n"
          "    steps:\n      - number: First\n      - number: Second\n"
          "    countdown:\n      - reversed_number: Older\n"
          "      - reversed_number: Newer\n"
          "    notes:\n      - bullet: A bullet\n"
          "      - \"One\\nstill one\\n\\nTwo\\n\\n\\nThree\"\n"
          "      - page_break: true\n      - page_break: false\n"
          "      - text: Last\n");
  LOADED(r, true, "2 2 4");
  CHECK_STR(marked(E(r, 0, 0)->label), "1.");
  CHECK_STR(marked(E(r, 0, 1)->label), "2.");
  CHECK_STR(main_of(E(r, 0, 1)), "Second");
  CHECK_STR(marked(E(r, 1, 0)->label), "2.");
  CHECK_STR(marked(E(r, 1, 1)->label), "1.");
  CHECK_STR(main_of(E(r, 1, 1)), "Newer");
  CHECK(E(r, 2, 0)->label == NULL);
  CHECK_STR(main_of(E(r, 2, 0)), "A bullet");
  CHECK_INT(E(r, 2, 1)->nmain, 3);
  CHECK_STR(main_of(E(r, 2, 1)), "One\nstill one | Two | Three");
  CHECK_INT(r->sections[2].n, 4); /* page_break: false left out */
  CHECK_INT(E(r, 2, 2)->kind, ENTRY_PAGE_BREAK);
  CHECK_INT(E(r, 2, 3)->kind, ENTRY_TEXT);
  CHECK_STR(main_of(E(r, 2, 3)), "Last");

  /* YAML's `|` ends a text with a newline: it is not a line break (a
   * blank line after the last paragraph); nor in any other text */
  r = run("cv:\n  name: |\n    Jo\n  sections:\n    notes:\n"
          "      - |\n        Para one\n\n        Para two\n"
          "      - |+\n        Kept\n\n\n"
          "      - name: N\n        summary: |\n          Sum\n"
          "        highlights:\n          - |\n            Item\n"
          "      - bullet: |\n          B\n"
          "      - table:\n          rows:\n            - [\"c\\n\"]\n");
  LOADED(r, true, "5");
  CHECK_STR(marked(r->name), "Jo");
  CHECK_STR(main_of(E(r, 0, 0)), "Para one | Para two");
  CHECK_STR(main_of(E(r, 0, 1)), "Kept");
  CHECK_STR(main_of(E(r, 0, 2)), "**N** | S:Sum | H");
  CHECK_STR(marked(&E(r, 0, 2)->highlights->v[0].text), "Item");
  CHECK_STR(main_of(E(r, 0, 3)), "B");
  CHECK_STR(marked(E(r, 0, 4)->table->cells[0].text), "c");
}

/* (8) tables: the heading row (over the cells only: the corner sits
 * over the heading column), the heading column, the heads the heading
 * column is as wide as, a cell that is a list */
static void tables(void) {
  const struct realized *r;
  r = run("cv:\n  sections:\n    t:\n      - table:\n"
          "          corner: Year\n          columns: [Q1, Q2]\n"
          "          widths: [1, 2]\n          rows:\n"
          "            - heading: \"2023\"\n              cells: [a, b]\n"
          "            - heading: \"2024\"\n              cells: [c, [x, y]]\n"
          "      - table:\n          rows:\n            - [p, q]\n");
  LOADED(r, true, "2");
  const struct rtable *tb = E(r, 0, 0)->table;
  CHECK(tb && tb->ncols == 3 && tb->nrows == 3 && tb->heading_col);
  if (!tb || tb->ncols * tb->nrows != 9)
    return;
  static const char *const grid[9] = {"Year", "Q1", "Q2", "2023", "a",
                                      "b",    "2024", "c",  NULL};
  static const bool head[9] = {1, 1, 1, 1, 0, 0, 1, 0, 0};
  for (int i = 0; i < 9; i++) {
    CHECK_STR(marked(tb->cells[i].text), grid[i]);
    CHECK_INT(tb->cells[i].heading, head[i]);
  }
  CHECK(tb->cells[8].list && tb->cells[8].list->n == 2);
  CHECK_STR(marked(&tb->cells[8].list->v[1].text), "y");
  CHECK(tb->cells[4].list == NULL);
  CHECK_INT(tb->nheads, 3);
  if (tb->nheads == 3) {
    CHECK_STR(marked(tb->heads[0]), "2023");
    CHECK_STR(marked(tb->heads[1]), "2024");
    CHECK_STR(marked(tb->heads[2]), "Year");
  }
  CHECK(tb->widths && tb->widths[0] == 1 && tb->widths[1] == 2);
  tb = E(r, 0, 1)->table;
  CHECK(tb && tb->ncols == 2 && tb->nrows == 1 && !tb->heading_col);
  if (tb && tb->ncols == 2) {
    CHECK(tb->nheads == 0 && !tb->cells[0].heading && !tb->widths);
    CHECK_STR(marked(tb->cells[1].text), "q");
  }
}

/* (9) the header's name and headline; the page notes: NAME (as plain
 * text), PAGE_NUMBER, TOTAL_PAGES, and today's date for the top note */
static void notes(void) {
  const struct realized *r;
  r = run("cv:\n  name: \"**Jo** Doe\"\n  headline: Chemist\n"
          "settings:\n  current_date: 2024-06-15\n");
  LOADED(r, true, "");
  CHECK_STR(marked(r->name), "**Jo** Doe");
  CHECK_STR(marked(r->headline), "Chemist");
  struct spans sp;
  CHECK(realize_note(&T.c.doc, r, r->style->t_footer, 2, 5, &sp));
  CHECK_STR(marked_sp(sp), "*Jo Doe \u2013 2/5*");
  CHECK(realize_note(&T.c.doc, r, r->style->t_top_note, 1, 1, &sp));
  CHECK_STR(marked_sp(sp), "*Last updated in June 2024*");
  CHECK(realize_note(&T.c.doc, r, "PAGE_NUMBER of TOTAL_PAGES", 3, 4, &sp));
  CHECK_STR(plain_of(sp), "3 of 4");
  CHECK(!realize_note(&T.c.doc, r, "", 1, 1, &sp));
}

/* (10) section titles: RenderCV's from keys, markup kept, and the plain
 * text without it; the bullets (a big bullet is drawn as U+2022) */
static void titles(void) {
  const struct realized *r;
  r = run("cv:\n  sections:\n    selected_honors:\n      - Won\n"
          "    \"**Key** Projects\":\n      - Built\n"
          "    \"[Talks](https://talks.example)\":\n      - Spoke\n"
          "design:\n  entries:\n    highlights:\n"
          "      bullet: \"\u25cf\"\n      nested_bullet: \"-\"\n");
  LOADED(r, true, "1 1 1");
  CHECK_STR(marked(&r->sections[0].title), "Selected Honors");
  CHECK_STR(r->sections[0].plain, "Selected Honors");
  CHECK_STR(marked(&r->sections[1].title), "**Key** Projects");
  CHECK_STR(r->sections[1].plain, "Key Projects");
  CHECK_STR(marked(&r->sections[2].title), "[Talks](https://talks.example)");
  CHECK_STR(r->sections[2].plain, "Talks");
  CHECK_STR(marked(&r->bullet[0]), "\u2022");
  CHECK_STR(marked(&r->bullet[1]), "-");
}

/* (11) budgets: a template filled in may not pass 4 MiB (TMPL_MAX_FILL),
 * nor the realized document 64 MiB: an error at the template's key (or
 * the text) rather than the arena's abort at 1 GiB */
static void budgets(void) {
  size_t big = 100000, n = 50; /* 50 placeholders of 100 kB: 5 MB */
  size_t cap = 2 * big + 8 * n + 4096;
  char *y = malloc(cap), *name = malloc(big + 1), *ph = malloc(12 * n + 1);
  memset(name, 'x', big);
  name[big] = 0;
  ph[0] = 0;
  for (size_t i = 0; i < n; i++)
    strcat(ph, i ? " SUMMARY" : "SUMMARY");
  snprintf(y, cap,
           "cv:\n  name: Jo\n  sections:\n    s:\n"
           "      - name: N\n        summary: %s\n"
           "design:\n  templates:\n    normal_entry:\n"
           "      main_column: \"%s\"\n",
           name, ph);
  const struct realized *r = run(y);
  CHECK(r && !T.ok);
  CHECK(strstr(msgs, "t.yaml:10:7: error: template "
                     "'templates.normal_entry.main_column', filled in for "
                     "the entry at line 5, would be longer than 4 MiB") !=
        NULL);
  CHECK_INT(T.d.errors, 1);
  /* the footer: NAME 50 times, with a long name */
  ph[0] = 0;
  for (size_t i = 0; i < n; i++)
    strcat(ph, i ? " NAME" : "NAME");
  snprintf(y, cap,
           "cv:\n  name: %s\n"
           "design:\n  page:\n    show_footer: true\n"
           "  templates:\n    footer: \"%s\"\n",
           name, ph);
  r = run(y);
  CHECK(r && !T.ok);
  CHECK(strstr(msgs, "t.yaml:7:5: error: template 'templates.footer', "
                     "filled in, would be longer than 4 MiB") != NULL);
  CHECK_INT(T.d.errors, 1);
  /* a date: single_date naming a long month name 50 times */
  ph[0] = 0;
  for (size_t i = 0; i < n; i++)
    strcat(ph, i ? " MONTH_NAME" : "MONTH_NAME");
  free(y);
  cap = 13 * (big + 8) + strlen(ph) + 4096;
  y = malloc(cap);
  int o = snprintf(y, cap,
                   "cv:\n  sections:\n    s:\n"
                   "      - name: N\n        date: 2020-05\n"
                   "design:\n  templates:\n    single_date: \"%s\"\n"
                   "locale:\n  month_names:\n",
                   ph);
  for (int i = 0; i < 12; i++)
    o += snprintf(y + o, cap - (size_t)o, "    - %s\n", name);
  r = run(y);
  CHECK(r && !T.ok);
  CHECK(strstr(msgs, "t.yaml:8:5: error: template 'templates.single_date', "
                     "filled in for the entry at line 4, would be longer "
                     "than 4 MiB") != NULL);
  CHECK_INT(T.d.errors, 1);
  /* the document's budget: a template of 20 lines, each naming a long
   * field 38 times (3.8 MB, within TMPL_MAX_FILL), fills 76 MB */
  free(ph);
  ph = malloc(20 * 40 * 8);
  ph[0] = 0;
  for (int l = 0; l < 20; l++)
    for (int i = 0; i < 38; i++)
      strcat(ph, i ? " SUMMARY" : l ? "\\nSUMMARY" : "SUMMARY");
  free(y);
  cap = big + strlen(ph) + 4096;
  y = malloc(cap);
  snprintf(y, cap,
           "cv:\n  name: Jo\n  sections:\n    s:\n"
           "      - name: N\n        summary: %s\n"
           "design:\n  templates:\n    normal_entry:\n"
           "      main_column: \"%s\"\n",
           name, ph);
  r = run(y);
  CHECK(r && !T.ok);
  CHECK(strstr(msgs, "t.yaml:5:9: error: the document's text would be "
                     "longer than 64 MiB here") != NULL);
  CHECK_INT(T.d.errors, 1);
  free(y);
  free(name);
  free(ph);
}

/* (4b) icon names: Font Awesome 7's names and aliases with their faces,
 * Fork Awesome's names, each where only one table has it */
static void icon_names(void) {
  struct icon ic;
  CHECK(icon_named("map-marker-alt", &ic)); /* an alias of location-dot */
  CHECK_INT(ic.fa, 0xF3C5);
  CHECK_INT(ic.face, ICON_SOLID);
  CHECK_INT(ic.fork, 0);
  CHECK(icon_named("bluesky", &ic)); /* Fork Awesome's globe stands in */
  CHECK_INT(ic.fa, 0xE671);
  CHECK_INT(ic.face, ICON_BRANDS);
  CHECK_INT(ic.fork, 0xF0AC);
  CHECK(icon_named("person-dress", &ic)); /* only Font Awesome's */
  CHECK_INT(ic.fork, 0);
  CHECK(icon_named("envelope-o", &ic)); /* Fork Awesome's (Font Awesome 4) */
  CHECK_INT(ic.fa, 0);
  CHECK_INT(ic.fork, 0xF003);
  CHECK(icon_named("calendar-days", &ic)); /* RenderCV's schema example */
  CHECK_INT(ic.face, ICON_REGULAR);
  CHECK(!icon_named("no-such-icon", &ic));
  CHECK(!icon_named("", &ic));
  CHECK(!icon_named("envelop", &ic)); /* a prefix of a name is no name */
  ic = icon_pair("x-twitter", "twitter");
  CHECK_INT(ic.fa, 0xE61B);
  CHECK_INT(ic.fork, 0xF099);
  CHECK_STR(icon_face_name(ICON_BRANDS), "brands");
}

void test_realize(void) {
  templates();
  icon_names();
  dates();
  phones();
  connections();
  links();
  keywords();
  text_entries();
  tables();
  notes();
  titles();
  budgets();
  done();
}
