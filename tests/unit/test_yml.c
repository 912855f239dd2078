/* test_yml.c: the YAML loader: positions, duplicates, limits, bad text. */
#include <stdlib.h>

#include "harness.h"
#include "yml.h"

void test_yml(void);

static struct yml *parse(struct arena *a, struct diag *d, const char *text,
                         bool *empty) {
  struct yml_limits lim = {64, 10000, 1 << 20};
  return yml_parse(a, d, "t.yaml", text, strlen(text), &lim, empty);
}

/* the first line the diagnostics wrote */
static char out[8192];

void test_yml(void) {
  struct arena a;
  arena_init(&a);
  struct diag d;
  FILE *f = fmemopen(out, sizeof out, "w");
  diag_init(&d, f);
  bool empty;

  struct yml *r = parse(&a, &d, "cv:\n  name: \"Zoë\"\n  year: 2021\n", &empty);
  CHECK(r && r->kind == YML_MAP && r->n == 1);
  struct yml *cv = yml_get(r, "cv");
  CHECK(cv && cv->kind == YML_MAP);
  struct yml *name = yml_get(cv, "name");
  CHECK(name && name->quoted && strcmp(name->s, "Zoë") == 0);
  CHECK_INT(name->loc.line, 2);
  CHECK_INT(name->loc.col, 9);
  struct yml *year = yml_get(cv, "year");
  CHECK(year && !year->quoted);
  CHECK(!yml_is_null(year));
  CHECK_INT(d.errors, 0);

  /* empty and comment-only files */
  r = parse(&a, &d, "# nothing\n", &empty);
  CHECK(!r && empty);

  /* duplicate keys: reported at the second one */
  fflush(f);
  rewind(f);
  r = parse(&a, &d, "a: 1\nb: 2\na: 3\n", &empty);
  CHECK(!r);
  fflush(f);
  CHECK(strstr(out, "t.yaml:3:1: error: duplicate key 'a'") != NULL);

  /* syntax errors carry line and column */
  rewind(f);
  memset(out, 0, sizeof out);
  r = parse(&a, &d, "cv:\n  name: [unclosed\n", &empty);
  CHECK(!r);
  fflush(f);
  CHECK(strstr(out, "t.yaml:3:") != NULL || strstr(out, "t.yaml:2:") != NULL);
  CHECK(strstr(out, "invalid YAML") != NULL);

  /* a tab in indentation */
  rewind(f);
  memset(out, 0, sizeof out);
  r = parse(&a, &d, "cv:\n\tname: x\n", &empty);
  CHECK(!r);
  fflush(f);
  CHECK(strstr(out, "tab") != NULL);

  /* invalid UTF-8: line and column, not a byte offset */
  rewind(f);
  memset(out, 0, sizeof out);
  r = parse(&a, &d, "a: ok\nb: caf\xE9!\n", &empty);
  CHECK(!r);
  fflush(f);
  CHECK(strstr(out, "t.yaml:2:7: error: invalid UTF-8") != NULL);

  /* binary data */
  rewind(f);
  memset(out, 0, sizeof out);
  const char bin[] = "a: b\n\0\x01\x02";
  struct yml_limits lim = {64, 10000, 1 << 20};
  r = yml_parse(&a, &d, "t.yaml", bin, sizeof bin - 1, &lim, &empty);
  CHECK(!r);
  fflush(f);
  CHECK(strstr(out, "binary") != NULL);

  /* billion laughs: stops at the node limit */
  rewind(f);
  memset(out, 0, sizeof out);
  const char *lol = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n";
  r = parse(&a, &d, lol, &empty);
  CHECK(!r);
  fflush(f);
  CHECK(strstr(out, "too large") != NULL);

  /* nesting depth */
  char deep[400];
  size_t o = 0;
  for (int i = 0; i < 100; i++)
    deep[o++] = '[';
  for (int i = 0; i < 100; i++)
    deep[o++] = ']';
  deep[o] = 0;
  rewind(f);
  memset(out, 0, sizeof out);
  r = parse(&a, &d, deep, &empty);
  CHECK(!r);
  fflush(f);
  CHECK(strstr(out, "nesting too deep") != NULL);

  /* as in RenderCV, a `*` that names no anchor starts text, not an alias */
  r = parse(&a, &d, "name: *John\nlist:\n  - *Equal contribution\n"
                    "  - bullet: *A. B.*, C. D.\n",
            &empty);
  CHECK(r && strcmp(yml_get(r, "name")->s, "*John") == 0);
  CHECK(r && strcmp(yml_get(r, "list")->kids[0]->s, "*Equal contribution") == 0);
  CHECK(r && strcmp(yml_get(yml_get(r, "list")->kids[1], "bullet")->s,
                    "*A. B.*, C. D.") == 0);
  CHECK(r && yml_get(r, "name")->loc.col == 7);
  /* an alias of a real anchor is still one */
  r = parse(&a, &d, "a: &who Ada\nb: *who\n", &empty);
  CHECK(r && strcmp(yml_get(r, "b")->s, "Ada") == 0);

  /* aliases that stay within the limit are shared, not copied */
  r = parse(&a, &d, "a: &x {k: v}\nb: *x\n", &empty);
  CHECK(r && yml_get(r, "a") == yml_get(r, "b"));

  fclose(f);
  arena_free(&a);
}
