/* test_dialect.c: JSON Resume and YAMLResume trees become RenderCV's:
 * detection, dates (a bare year stays a year), networks, Markdown
 * summaries split into highlights, locales and layouts, positions kept,
 * and a dialect forced on a file that is not in it. */
#include <stdlib.h>

#include "cv.h"
#include "dialect.h"
#include "harness.h"

void test_dialect(void);

static char out[8192];

static struct yml *parse(struct ctx *c, const char *text) {
  bool empty;
  struct yml_limits lim = {64, 100000, 1 << 20};
  return yml_parse(&c->doc, c->diag, "t.json", text, strlen(text), &lim,
                   &empty);
}

/* The converted tree of text, or NULL; diagnostics land in out. */
static struct yml *conv(struct ctx *c, FILE *f, const char *text,
                        enum dialect d) {
  rewind(f);
  memset(out, 0, sizeof out);
  struct yml *r = parse(c, text);
  struct yml *t = r ? dialect_to_rendercv(c, r, d) : NULL;
  fflush(f);
  return t;
}

/* cv.sections.TITLE[i] */
static struct yml *entry(struct yml *t, const char *title, int i) {
  struct yml *s = yml_get(yml_get(yml_get(t, "cv"), "sections"), title);
  return s && s->kind == YML_SEQ && i < s->n ? s->kids[i] : NULL;
}

static const char *str(struct yml *m, const char *key) {
  struct yml *v = yml_get(m, key);
  return v && v->kind == YML_SCALAR ? v->s : NULL;
}

void test_dialect(void) {
  struct diag d;
  struct ctx c;
  FILE *f = fmemopen(out, sizeof out, "w");
  harness_ctx(&c, &d, NULL, f);

  /* detection from the top-level keys */
  CHECK_INT(dialect_detect(parse(&c, "{\"cv\": {}}")), DIALECT_RENDERCV);
  CHECK_INT(dialect_detect(parse(&c, "design: {}")), DIALECT_RENDERCV);
  CHECK_INT(dialect_detect(parse(&c, "{\"basics\": {}}")), DIALECT_JSONRESUME);
  CHECK_INT(dialect_detect(parse(&c, "{\"$schema\": \"x\"}")),
            DIALECT_JSONRESUME);
  CHECK_INT(dialect_detect(parse(&c, "work: []")), DIALECT_JSONRESUME);
  CHECK_INT(dialect_detect(parse(&c, "content: {}\nlocale: {}")),
            DIALECT_YAMLRESUME);
  CHECK_INT(dialect_detect(parse(&c, "[1, 2]")), DIALECT_RENDERCV);
  CHECK_INT(dialect_detect(parse(&c, "other: 1")), DIALECT_RENDERCV);
  CHECK_STR(dialect_name(DIALECT_YAMLRESUME), "yamlresume");

  /* JSON Resume: header, dates, order of sections, positions */
  struct yml *t = conv(&c, f,
                       "{\"basics\": {\"name\": \"Ana Lima\",\n"
                       " \"label\": \"Chemist\", \"url\": \"ana.example.org\",\n"
                       " \"phone\": \"555-0100 ext. 7\",\n"
                       " \"location\": {\"city\": \"Porto\", \"countryCode\": \"PT\"},\n"
                       " \"profiles\": [{\"network\": \"twitter\", \"username\": \"@ana\"},\n"
                       "  {\"network\": \"LinkedIn\", \"url\": \"https://www.linkedin.com/in/ana-l/\"},\n"
                       "  {\"network\": \"Facebook\", \"username\": \"ana.lima\"}]},\n"
                       " \"education\": [{\"institution\": \"U\", \"area\": \"Chemistry\",\n"
                       "   \"startDate\": \"2010\", \"endDate\": \"2014-06\"}],\n"
                       " \"work\": [{\"name\": \"Lab\", \"position\": \"Chemist\",\n"
                       "   \"startDate\": \"Summer 2019\"}, {\"name\": \"Other\"}],\n"
                       " \"awards\": [{\"title\": \"Prize\", \"date\": \"July 3, 2021\"}],\n"
                       " \"skills\": [{\"name\": \"Titration\"}]}",
                       DIALECT_AUTO);
  CHECK(t != NULL);
  CHECK_INT(d.errors, 0);
  struct yml *cv = yml_get(t, "cv");
  CHECK_STR(str(cv, "name"), "Ana Lima");
  CHECK_INT(yml_get(cv, "name")->loc.line, 1);
  CHECK_INT(yml_get(cv, "name")->loc.col, 21);
  CHECK_STR(str(cv, "headline"), "Chemist");
  CHECK_STR(str(cv, "website"), "https://ana.example.org");
  CHECK_STR(str(cv, "location"), "Porto, PT");
  CHECK(yml_get(cv, "phone") == NULL); /* not a number cv.c would take */
  struct yml *sn = yml_get(cv, "social_networks");
  CHECK(sn && sn->n == 2);
  if (sn && sn->n == 2) {
    CHECK_STR(str(sn->kids[0], "network"), "X");
    CHECK_STR(str(sn->kids[0], "username"), "ana");
    CHECK_STR(str(sn->kids[1], "network"), "LinkedIn");
    CHECK_STR(str(sn->kids[1], "username"), "ana-l");
  }
  struct yml *cc = yml_get(cv, "custom_connections");
  CHECK(cc && cc->n == 2);
  if (cc && cc->n == 2) {
    CHECK_STR(str(cc->kids[0], "placeholder"), "555-0100 ext. 7");
    CHECK_STR(str(cc->kids[0], "fontawesome_icon"), "phone");
    CHECK_STR(str(cc->kids[1], "placeholder"), "ana.lima");
    CHECK_STR(str(cc->kids[1], "fontawesome_icon"), "facebook");
  }
  struct yml *secs = yml_get(cv, "sections");
  CHECK(secs && secs->n == 4);
  if (secs && secs->n == 4) { /* the usual order, whatever the file's */
    CHECK_STR(secs->keys[0]->s, "Experience");
    CHECK_STR(secs->keys[1]->s, "Education");
    CHECK_STR(secs->keys[2]->s, "Awards");
    CHECK_STR(secs->keys[3]->s, "Skills");
  }
  struct yml *e = entry(t, "Education", 0);
  struct yml *sd = yml_get(e, "start_date"), *ed = yml_get(e, "end_date");
  CHECK(sd && !sd->quoted && strcmp(sd->s, "2010") == 0); /* a year */
  CHECK(ed && ed->quoted && strcmp(ed->s, "2014-06") == 0);
  CHECK_INT(ed ? ed->loc.line : 0, 9);
  CHECK_STR(str(entry(t, "Experience", 0), "date"), "Summer 2019 – present");
  CHECK_STR(str(entry(t, "Experience", 0), "company"), "Lab");
  CHECK_STR(str(entry(t, "Experience", 1), "name"), "Other"); /* no position */
  CHECK_STR(str(entry(t, "Awards", 0), "date"), "2021-07-03");
  e = entry(t, "Skills", 0);
  CHECK(e && e->kind == YML_SCALAR && strcmp(e->s, "Titration") == 0);

  /* the tree loads as a CV */
  struct cv model;
  CHECK(cv_load(&c, t, &model));
  CHECK_INT(model.nsections, 4);

  /* YAMLResume: Markdown, locale, layout */
  t = conv(&c, f,
           "content:\n"
           "  basics:\n"
           "    name: Li Wei\n"
           "    summary: |\n"
           "      First line\n"
           "      continues.\n"
           "\n"
           "      - one\n"
           "        - one.a\n"
           "      - two\n"
           "        wrapped\n"
           "  work:\n"
           "    - name: Co\n"
           "      position: Dev\n"
           "      startDate: Jan 2020\n"
           "      endDate: 2021-03\n"
           "      keywords: [Go, SQL]\n"
           "      summary: \"Did things:\\n* fast\\n* well\"\n"
           "locale:\n"
           "  language: zh-hant-tw\n"
           "layouts:\n"
           "  - engine: html\n"
           "    typography: {fontSize: 16px}\n"
           "    sections:\n"
           "      order: [work]\n",
           DIALECT_AUTO);
  CHECK(t != NULL);
  CHECK_INT(d.errors, 0);
  CHECK_STR(str(yml_get(t, "locale"), "language"), "mandarin_chinese");
  CHECK_STR(str(yml_get(yml_get(yml_get(t, "design"), "typography"),
                        "font_size"),
                "body"),
            "12pt");
  secs = yml_get(yml_get(t, "cv"), "sections");
  CHECK(secs && secs->n == 2);
  if (secs && secs->n == 2) {
    CHECK_STR(secs->keys[0]->s, "工作經歷"); /* work first, as ordered */
    CHECK_STR(secs->keys[1]->s, "個人簡介");
  }
  e = entry(t, "個人簡介", 0);
  CHECK(e && e->kind == YML_SCALAR && strcmp(e->s, "First line continues.") == 0);
  e = entry(t, "個人簡介", 1);
  CHECK_STR(str(e, "bullet"), "one");
  struct yml *sub = yml_get(e, "highlights");
  CHECK(sub && sub->n == 1 && strcmp(sub->kids[0]->s, "one.a") == 0);
  CHECK_STR(str(entry(t, "個人簡介", 2), "bullet"), "two wrapped");
  e = entry(t, "工作經歷", 0);
  CHECK_STR(str(e, "summary"), "Did things:");
  struct yml *hl = yml_get(e, "highlights");
  CHECK(hl && hl->n == 3);
  if (hl && hl->n == 3) {
    CHECK_STR(hl->kids[0]->s, "fast");
    CHECK_STR(hl->kids[2]->s, "關鍵詞：Go、SQL");
  }
  CHECK_STR(str(e, "start_date"), "2020-01");
  CHECK(cv_load(&c, t, &model));

  /* errors at the source's positions; the conversion fails */
  t = conv(&c, f, "{\"work\": [{\"name\": \"A\", \"position\": \"B\",\n"
                  "  \"startDate\": \"2020-02\", \"endDate\": \"2019\"}]}",
           DIALECT_AUTO);
  CHECK(t == NULL);
  CHECK(strstr(out, "t.json:2:38: error: 'endDate' 2019 is before "
                    "'startDate' 2020-02") != NULL);
  t = conv(&c, f, "{\"basics\": {\"name\": {\"first\": \"A\"}}}", DIALECT_AUTO);
  CHECK(t == NULL);
  CHECK(strstr(out, "t.json:1:21: error: expected a string for 'name'") !=
        NULL);

  /* forced dialects */
  t = conv(&c, f, "{\"cv\": {\"name\": \"A\"}}", DIALECT_JSONRESUME);
  CHECK(t == NULL);
  CHECK(strstr(out, "this is not a JSON Resume file: it has 'cv'") != NULL);
  t = conv(&c, f, "{\"basics\": {\"name\": \"A\"}}", DIALECT_YAMLRESUME);
  CHECK(t == NULL);
  CHECK(strstr(out, "it looks like JSON Resume (read it with --from "
                    "jsonresume)") != NULL);
  struct yml *r = parse(&c, "{\"cv\": {\"name\": \"A\"}}");
  CHECK(dialect_to_rendercv(&c, r, DIALECT_RENDERCV) == r);
  CHECK(dialect_to_rendercv(&c, r, DIALECT_AUTO) == r);
  t = conv(&c, f, "{\"basics\": {\"name\": \"A\"}}", DIALECT_JSONRESUME);
  CHECK(t && strcmp(str(yml_get(t, "cv"), "name"), "A") == 0);

  /* hostile: a deeply nested Markdown list, a list of a thousand items */
  char md[4096] = "content:\n  basics:\n    name: X\n    summary: |\n";
  for (int i = 0; i < 40; i++) {
    size_t n = strlen(md);
    snprintf(md + n, sizeof md - n, "      %*s- level\n", 2 * i, "");
  }
  t = conv(&c, f, md, DIALECT_AUTO);
  CHECK(t != NULL && cv_load(&c, t, &model));
  char *big = malloc(40000);
  strcpy(big, "{\"skills\": [");
  for (int i = 0; i < 1000; i++)
    strcat(big, i ? ",{\"name\": \"s\"}" : "{\"name\": \"s\"}");
  strcat(big, "]}");
  t = conv(&c, f, big, DIALECT_AUTO);
  CHECK(t && entry(t, "Skills", 999) != NULL);
  free(big);

  arena_free(&c.doc);
  fclose(f);
}
