/* test_yml.c: the YAML loader: positions, duplicates, limits, bad text. */
#include <stdlib.h>
#include <time.h>

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

/* Parse text[0..len) with messages to `out` (cleared first). */
static struct yml *parse_n(struct arena *a, struct diag *d, FILE *f,
                           const char *text, size_t len,
                           const struct yml_limits *lim) {
  static const struct yml_limits dflt = {64, 10000, 1 << 20};
  bool empty;
  fflush(f);
  rewind(f);
  memset(out, 0, sizeof out);
  diag_init(d, f); /* a fresh count, and nothing taken for said before */
  struct yml *r = yml_parse(a, d, "t.yaml", text, len, lim ? lim : &dflt,
                            &empty);
  fflush(f);
  return r;
}

static struct yml *parse_s(struct arena *a, struct diag *d, FILE *f,
                           const char *text) {
  return parse_n(a, d, f, text, strlen(text), NULL);
}

/* out holds `want` at the start of one of its lines */
static bool said(const char *want) {
  for (const char *p = out; p; p = strchr(p, '\n')) {
    if (*p == '\n')
      p++;
    if (strncmp(p, want, strlen(want)) == 0)
      return true;
  }
  fprintf(stderr, "  expected a line starting: %s\n  got: %s\n", want, out);
  return false;
}

static double seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* A string of n copies of `unit` (malloc'ed). */
static char *repeat(const char *head, const char *unit, int n,
                    const char *tail) {
  size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
  char *s = malloc(hl + ul * (size_t)n + tl + 1);
  memcpy(s, head, hl);
  for (int i = 0; i < n; i++)
    memcpy(s + hl + ul * (size_t)i, unit, ul);
  memcpy(s + hl + ul * (size_t)n, tail, tl + 1);
  return s;
}

/* Aliases: the text they repeat has a budget (the longest string's
 * size), crossed at an alias, before anything is copied; any number of
 * anchors; lookups that stay fast with many. */
static void test_aliases(struct arena *a, struct diag *d, FILE *f) {
  /* 900 KB aliased 60 times was 54 MB for the later stages: now the
   * second alias crosses the 1 MiB of repeated text */
  char *big = malloc(1000100);
  size_t o = 0;
  o += (size_t)sprintf(big, "big: &b ");
  memset(big + o, 'x', 900000);
  o += 900000;
  o += (size_t)sprintf(big + o, "\nl: [*b, *b");
  for (int i = 0; i < 58; i++)
    o += (size_t)sprintf(big + o, ", *b");
  o += (size_t)sprintf(big + o, "]\n");
  struct yml *r = parse_n(a, d, f, big, o, NULL);
  CHECK(!r);
  CHECK(said("t.yaml:2:9: error: document too large: aliases repeat more "
             "than 1 MiB of text (this one crosses the limit); a CV repeats "
             "far less"));
  free(big);
  /* the budget is the longest string's: here 10 bytes */
  struct yml_limits small = {64, 10000, 10};
  const char *t = "a: &a hello\nb: *a\nc: *a\nd: *a\n";
  r = parse_n(a, d, f, t, strlen(t), &small);
  CHECK(!r);
  CHECK(said("t.yaml:4:4: error: document too large: aliases repeat more "
             "than 10 bytes of text"));
  /* the text of an aliased mapping counts, keys included */
  struct yml_limits tiny = {64, 10000, 5};
  t = "a: &a {kk: vv}\nb: *a\nc: *a\n";
  r = parse_n(a, d, f, t, strlen(t), &tiny);
  CHECK(!r && said("t.yaml:3:4: error: document too large"));

  /* past 64 anchors, `*a64` was left as text */
  char buf[4096];
  o = 0;
  for (int i = 0; i < 70; i++)
    o += (size_t)sprintf(buf + o, "k%d: &a%d v%d\n", i, i, i);
  o += (size_t)sprintf(buf + o, "x: *a69\ny: *a0\n");
  r = parse_n(a, d, f, buf, o, NULL);
  CHECK(r && yml_get(r, "x") && strcmp(yml_get(r, "x")->s, "v69") == 0);
  CHECK(r && yml_get(r, "x") == yml_get(r, "k69"));
  CHECK(r && yml_get(r, "y") == yml_get(r, "k0"));

  /* 50000 anchors and as many aliases: linear lookups took seconds */
  int n = 50000;
  size_t cap = (size_t)n * 40 + 64;
  char *many = malloc(cap);
  o = (size_t)sprintf(many, "a:\n");
  for (int i = 0; i < n; i++)
    o += (size_t)sprintf(many + o, "  k%d: &n%d v\n", i, i);
  o += (size_t)sprintf(many + o, "b:\n");
  for (int i = 0; i < n; i++)
    o += (size_t)sprintf(many + o, "  - *n%d\n", i);
  struct yml_limits roomy = {64, 1000000, 1 << 20};
  double t0 = seconds();
  r = parse_n(a, d, f, many, o, &roomy);
  double took = seconds() - t0;
  CHECK(r && yml_get(r, "b") && yml_get(r, "b")->n == n);
  CHECK(r && yml_get(r, "b") && yml_get(r, "b")->n == n &&
        yml_get(r, "b")->kids[n - 1] == yml_get(yml_get(r, "a"), "k49999"));
  CHECK(took < 3.0);
  free(many);
}

/* Byte-order marks, line breaks that libyaml and cvpdf count apart, and
 * characters cvpdf uses inside. */
static void test_text(struct arena *a, struct diag *d, FILE *f) {
  /* a UTF-8 byte-order mark: skipped, columns count from after it */
  struct yml *r = parse_s(a, d, f, "\xEF\xBB\xBF" "a: 1\nb: 2\n");
  CHECK(r && r->kind == YML_MAP && r->n == 2);
  CHECK(r && r->keys[0]->loc.line == 1 && r->keys[0]->loc.col == 1);
  CHECK(r && yml_get(r, "b") && yml_get(r, "b")->loc.col == 4);
  r = parse_s(a, d, f, "\xEF\xBB\xBF" "ab: c\xFF\n");
  CHECK(!r && said("t.yaml:1:6: error: invalid UTF-8 (byte 0xFF)"));
  r = parse_n(a, d, f, "\xFF\xFE" "a\0:\0 \0" "1\0", 10, NULL);
  CHECK(!r && said("t.yaml:1:1: error: the file is UTF-16 (it begins with a "
                   "UTF-16 byte-order mark): save it as UTF-8"));
  /* one in the middle (two files joined): libyaml skips it at a line's
   * start and misreads the indentation */
  r = parse_s(a, d, f, "a: 1\n\xEF\xBB\xBF" "b: 2\n");
  CHECK(!r && said("t.yaml:2:1: error: a byte-order mark (U+FEFF, an "
                   "invisible character) begins this line"));

  /* U+2028, U+2029 and U+0085 are line breaks to libyaml (YAML 1.1), text
   * to YAML 1.2 and to the line numbers of messages: they stay text */
  r = parse_s(a, d, f, "a: first\xE2\x80\xA8" "second\nc: x\n");
  CHECK(r && r->n == 2);
  CHECK(r && yml_get(r, "a") &&
        strcmp(yml_get(r, "a")->s, "first\xE2\x80\xA8" "second") == 0);
  CHECK(r && yml_get(r, "c") && yml_get(r, "c")->loc.line == 2);
  /* it made two keys of one line */
  r = parse_s(a, d, f, "a: first\xE2\x80\xA8" "b: 2\n");
  CHECK(!r && said("t.yaml:1:11: error: invalid YAML: a value holding ': '"));
  r = parse_s(a, d, f, "a: \"x\xC2\x85y\"\nl:\n  - p\xE2\x80\xA9q *r\n"
                       "  - *s\n");
  CHECK(r && yml_get(r, "a") && strcmp(yml_get(r, "a")->s, "x\xC2\x85y") == 0);
  CHECK(r && yml_get(r, "l") &&
        strcmp(yml_get(r, "l")->kids[0]->s, "p\xE2\x80\xA9q *r") == 0);
  CHECK(r && yml_get(r, "l") && strcmp(yml_get(r, "l")->kids[1]->s, "*s") == 0);
  /* a lone CR is a line break to libyaml and none to the messages */
  r = parse_s(a, d, f, "a: 1\rb: 2\n");
  CHECK(!r && said("t.yaml:1:5: error: a carriage return (CR) without a line "
                   "feed: save the file with LF (Unix) or CRLF (Windows) line "
                   "endings"));
  r = parse_s(a, d, f, "a: 1\r\nb: 2\r\n");
  CHECK(r && r->n == 2);
  /* the noncharacters cvpdf hides text behind are ones the file does not
   * hold, raw or as escapes: those it holds stay (they became '*') */
  r = parse_s(a, d, f, "a: *x\nb: y\xEF\xB7\x90z\n");
  CHECK(r && yml_get(r, "a") && strcmp(yml_get(r, "a")->s, "*x") == 0);
  CHECK(r && yml_get(r, "b") &&
        strcmp(yml_get(r, "b")->s, "y\xEF\xB7\x90z") == 0);
  r = parse_s(a, d, f, "a: *x\nb: \"y\\uFDD0 \\U0000fdd1\"\nc: \xE2\x80\xA8\n");
  CHECK(r && yml_get(r, "a") && strcmp(yml_get(r, "a")->s, "*x") == 0);
  CHECK(r && yml_get(r, "b") &&
        strcmp(yml_get(r, "b")->s, "y\xEF\xB7\x90 \xEF\xB7\x91") == 0);
  CHECK(r && yml_get(r, "c") &&
        strcmp(yml_get(r, "c")->s, "\xE2\x80\xA8") == 0);
  r = parse_s(a, d, f, "a: *x\nb: \"y\\\\uFDD0\"\n"); /* "\\uFDD0" */
  CHECK(r && yml_get(r, "b") && strcmp(yml_get(r, "b")->s, "y\\uFDD0") == 0);
  /* a file that holds 29 of the 32 leaves cvpdf too few */
  char nc[200];
  size_t o = (size_t)sprintf(nc, "a: *x\nb: ");
  for (int i = 0; i < 29; i++)
    o += (size_t)sprintf(nc + o, "\xEF\xB7%c", 0x90 + i);
  sprintf(nc + o, "\n");
  r = parse_s(a, d, f, nc);
  CHECK(!r && said("t.yaml: error: the file holds 29 or more of the "
                   "noncharacters U+FDD0 to U+FDEF"));
  /* a star hidden inside a quoted text spanning lines comes back */
  r = parse_s(a, d, f, "a: \"one\n  *two\"\n");
  CHECK(r && yml_get(r, "a") && strcmp(yml_get(r, "a")->s, "one *two") == 0);

  /* what libyaml refuses to read: at its line and column */
  r = parse_s(a, d, f, "a: x\nb: y\x01\n");
  CHECK(!r && said("t.yaml:2:5: error: a control character (U+0001) is not "
                   "allowed in YAML text: delete it"));
  r = parse_s(a, d, f, "a: *x\nb: \xC3\xA9\xEF\xBF\xBE\n");
  CHECK(!r && said("t.yaml:2:5: error: a noncharacter (U+FFFE) is not "
                   "allowed in YAML text: delete it"));

  /* a NUL through an escape */
  r = parse_s(a, d, f, "a: \"x\\0y\"\n");
  CHECK(!r && said("t.yaml:1:4: error: a NUL character"));
}

/* Merge keys: `<<: *base` lays a mapping's keys under the explicit ones. */
static void test_merge_keys(struct arena *a, struct diag *d, FILE *f) {
  struct yml *r = parse_s(a, d, f,
                          "base: &b {company: Acme, position: Dev, city: X}\n"
                          "e:\n"
                          "  position: Lead\n"
                          "  <<: *b\n"
                          "  end: now\n");
  struct yml *e = r ? yml_get(r, "e") : NULL;
  CHECK(e && e->kind == YML_MAP && e->n == 4);
  /* explicit keys win, wherever they are; merged ones take the '<<' place */
  if (e && e->n == 4) {
    CHECK(strcmp(e->keys[0]->s, "position") == 0 &&
          strcmp(e->kids[0]->s, "Lead") == 0);
    CHECK(strcmp(e->keys[1]->s, "company") == 0);
    CHECK(strcmp(e->keys[2]->s, "city") == 0);
    CHECK(strcmp(e->keys[3]->s, "end") == 0);
    CHECK(yml_get(e, "company")->loc.line == 1);
  }
  CHECK(e && !yml_get(e, "<<"));
  /* a list of mappings: the earlier one wins */
  r = parse_s(a, d, f, "x: &x {k: 1, a: 1}\ny: &y {k: 2, b: 2}\n"
                       "z: {<<: [*x, *y], c: 3}\n");
  e = r ? yml_get(r, "z") : NULL;
  CHECK(e && e->n == 4 && yml_get(e, "k") && yml_get(e, "b") &&
        strcmp(yml_get(e, "k")->s, "1") == 0 &&
        strcmp(yml_get(e, "b")->s, "2") == 0);
  /* a quoted "<<" is an ordinary key */
  r = parse_s(a, d, f, "\"<<\": 1\n");
  CHECK(r && yml_get(r, "<<") && strcmp(yml_get(r, "<<")->s, "1") == 0);
  /* what cannot merge */
  r = parse_s(a, d, f, "a: &s text\nb:\n  <<: *s\n");
  CHECK(!r && said("t.yaml:3:3: error: a merge key '<<' takes a mapping or a "
                   "list of mappings (such as *name or [*a, *b]), found a "
                   "string"));
  r = parse_s(a, d, f, "a: &m {k: 1}\nb:\n  <<: [*m, [x]]\n");
  CHECK(!r && said("t.yaml:3:3: error: a merge key '<<' takes a mapping or a "
                   "list of mappings (such as *name or [*a, *b]), found a list"));
  r = parse_s(a, d, f, "b:\n  <<: *base\n");
  CHECK(!r && said("t.yaml:2:3: error: a merge key '<<' takes a mapping or a "
                   "list of mappings, and '*base' is no alias: the file has "
                   "no anchor '&base'"));
  r = parse_s(a, d, f, "a: &m {k: 1}\nb:\n  <<: *m\n  <<: *m\n");
  CHECK(!r && said("t.yaml:4:3: error: a second merge key '<<' in this mapping "
                   "(the first is at line 3): merge several mappings with "
                   "one, as in <<: [*a, *b]"));
  /* duplicates among the explicit keys are still reported */
  r = parse_s(a, d, f, "a: &m {k: 1}\nb:\n  <<: *m\n  j: 1\n  j: 2\n");
  CHECK(!r && said("t.yaml:5:3: error: duplicate key 'j' (first given at line "
                   "4)"));
}

/* Tags, huge and odd keys, --set paths, layering. */
static void test_odd(struct arena *a, struct diag *d, FILE *f) {
  struct yml *r = parse_s(a, d, f, "a: !!int 12\n");
  CHECK(!r && said("t.yaml:1:4: error: unsupported tag '!!int': cvpdf reads "
                   "every value as text, a list or a mapping; remove the tag"));
  r = parse_s(a, d, f, "a: !mine x\n");
  CHECK(!r && said("t.yaml:1:4: error: unsupported tag '!mine'"));
  r = parse_s(a, d, f, "a: !!str 12\nb: !!map {k: v}\nc: !!seq [x]\nd: ! 3\n");
  CHECK(r && yml_get(r, "a") && yml_get(r, "a")->quoted &&
        yml_get(r, "d") && yml_get(r, "d")->quoted);
  CHECK(r && yml_get(r, "b") && yml_get(r, "b")->kind == YML_MAP);

  /* a duplicate key of 100 KB is named, not printed whole; control
   * characters are shown escaped */
  char *k = repeat("", "k", 100000, "");
  size_t kl = strlen(k);
  char *t = malloc(2 * kl + 32);
  struct yml_limits lim = {64, 10000, 1 << 20};
  /* libyaml takes simple keys up to 1024 characters: '? ' for longer */
  size_t o = (size_t)sprintf(t, "? %s\n: 1\n? %s\n: 2\n", k, k);
  r = parse_n(a, d, f, t, o, &lim);
  CHECK(!r && said("t.yaml:3:3: error: duplicate key 'kkkk"));
  CHECK(strlen(out) < 1000);
  free(t);
  free(k);
  r = parse_s(a, d, f, "\"a\\eb\": 1\n\"a\\eb\": 2\n");
  CHECK(!r && said("t.yaml:2:1: error: duplicate key 'a\\x1Bb'"));
  /* the same for other stages' messages */
  CHECK_STR(yml_shown(a, "a\x1B[2Jb\xC2\x9B", 8, 60), "a\\x1B[2Jb\\u009B");
  CHECK_STR(yml_shown(a, "h\xC3\xA9llo", 6, 2), "h\xC3\xA9...");
  CHECK_STR(yml_shown(a, "hello", 5, 5), "hello");

  /* a --set path of 200000 levels: built without recursion */
  char *path = repeat("", "a.", 200000, "z");
  struct yml v = {.kind = YML_SCALAR, .s = "1", .len = 1, .weight = 1};
  struct yml *p = yml_path(a, path, &v, (struct loc){"--set", 0, 0});
  int depth = 0;
  while (p && p->kind == YML_MAP) {
    p = p->kids[0];
    depth++;
  }
  CHECK_INT(depth, 200001);
  CHECK(p == &v);
  free(path);

  /* laying a style over a mapping of 90000 keys took half a minute */
  char *wide = malloc(90000 * 16 + 16);
  o = (size_t)sprintf(wide, "design:\n");
  for (int i = 0; i < 90000; i++)
    o += (size_t)sprintf(wide + o, "  k%d: 1\n", i);
  struct yml_limits roomy = {64, 1000000, 1 << 20};
  struct yml *over = parse_n(a, d, f, wide, o, &roomy);
  struct yml *base = parse_s(a, d, f, "design:\n  k5: 0\n  theme: x\n");
  double t0 = seconds();
  struct yml *m = yml_merge(a, base, over);
  double took = seconds() - t0;
  struct yml *dm = yml_get(m, "design");
  CHECK(dm && dm->n == 90001);
  CHECK(dm && dm->n > 2 && strcmp(dm->keys[0]->s, "k5") == 0 &&
        strcmp(dm->kids[0]->s, "1") == 0 &&
        strcmp(dm->keys[1]->s, "theme") == 0 &&
        strcmp(dm->keys[2]->s, "k0") == 0);
  CHECK(took < 1.0);
  free(wide);
}

/* What a newcomer gets for the commonest slips. */
static void test_slips(struct arena *a, struct diag *d, FILE *f) {
  /* `color: #003366` is a comment: the value is empty; warned at the '#'
   * and marked on the node for the stage that needs a value */
  struct yml *r = parse_s(a, d, f, "colors:\n  name: #003366\n  other: # a "
                                   "real comment\nl:\n  - #1 in class\n");
  CHECK(r != NULL);
  struct yml *c = r ? yml_get(yml_get(r, "colors"), "name") : NULL;
  CHECK(c && yml_is_null(c) && c->comment_at.line == 2 &&
        c->comment_at.col == 9);
  CHECK(said("t.yaml:2:9: warning: 'name' has no value: '#003366' starts a "
             "comment; to start a value with '#', put it in quotes: name: "
             "\"#003366\""));
  CHECK(said("t.yaml:5:5: warning: this list item is empty: '#1 in class' "
             "starts a comment; to start a text with '#', put it in quotes: - "
             "\"#1 in class\""));
  c = r ? yml_get(yml_get(r, "colors"), "other") : NULL;
  CHECK(c && yml_is_null(c) && c->comment_at.line == 0);
  CHECK(strstr(out, "'other'") == NULL);

  /* RenderCV's nested highlights: text lines that start with "- ", deeper
   * than the item, are the item's text (no warning) */
  r = parse_s(a, d, f, "l:\n  - Led the team\n    - FLOW-MATIC\n  - x\n");
  CHECK(r && yml_get(r, "l") && yml_get(r, "l")->n == 2 &&
        strcmp(yml_get(r, "l")->kids[0]->s, "Led the team - FLOW-MATIC") == 0);
  CHECK(out[0] == 0);

  /* an unquoted ': ' in a value */
  r = parse_s(a, d, f, "cv:\n  headline: Note: this\n");
  CHECK(!r && said("t.yaml:2:17: error: invalid YAML: a value holding ': ' "
                   "must be quoted, or the ': ' starts a new key; write: "
                   "headline: \"Note: this\""));
  r = parse_s(a, d, f, "l:\n  - Led it: cut costs: 30%\n");
  CHECK(!r && said("t.yaml:2:22: error: invalid YAML: a value holding ': ' "
                   "must be quoted, or the ': ' starts a new key; write: - "
                   "\"Led it: cut costs: 30%\""));
  r = parse_s(a, d, f, "l:\n  - title: \"A\" b: c\n");
  CHECK(!r && strstr(out, "invalid YAML") != NULL);
  /* ... on a line indented deeper than its key: it continues the value */
  r = parse_s(a, d, f, "cv:\n  name: Ada\n    email: a@b.org\n");
  CHECK(!r && said("t.yaml:3:10: error: invalid YAML: this line is indented "
                   "deeper than 'name' (line 2), so it continues its value, "
                   "which cannot hold ': ' unquoted; if 'email' is a key of "
                   "its own, start it in column 3, as 'name'; else put the "
                   "whole value in quotes"));

  /* a key indented less than its siblings, more than its parent */
  r = parse_s(a, d, f, "cv:\n    name: Ada\n  email: a@b.org\n");
  CHECK(!r && said("t.yaml:3:3: error: invalid YAML: wrong indentation: this "
                   "line starts in column 3, but the lines above start in "
                   "column 5 ('name', line 2) or column 1 ('cv', line 1); "
                   "line it up with the key it belongs with"));
  r = parse_s(a, d, f, "cv:\n  name: Ada\n  sections:\n    edu:\n      - x\n"
                       "     exp: y\n");
  CHECK(!r && said("t.yaml:6:6: error: invalid YAML: wrong indentation: this "
                   "line starts in column 6, but the lines above start in "
                   "column 7 (the list item, line 5) or column 5 ('edu', line "
                   "4)"));
  r = parse_s(a, d, f, "cv:\n  name: Ada\n  - x\n");
  CHECK(!r && said("t.yaml:3:3: error: invalid YAML: a list item ('- ') among "
                   "the keys of the mapping that starts at line 2: put the "
                   "list under a key of its own, indented below it"));
  r = parse_s(a, d, f, "- a\nb: c\n");
  CHECK(!r && said("t.yaml:2:1: error: invalid YAML: expected a list item "
                   "('- ') here, as in the list that starts at line 1: a list "
                   "cannot also hold 'key: value' lines"));

  /* a tab after non-ASCII text on an earlier line (libyaml's index counts
   * characters, not bytes) */
  r = parse_s(a, d, f, "cv:\n  name: Zoë Ünal\n\temail: a@b.org\n");
  CHECK(!r && said("t.yaml:3:1: error: tab character in indentation; YAML "
                   "indents with spaces only"));
  r = parse_s(a, d, f, "a:\n  b: ü\n  \tc: 2\n");
  CHECK(!r && said("t.yaml:3:3: error: tab character in indentation"));

  /* quotes */
  /* at libyaml's position (the end of the text), with a note where the
   * quote opened */
  r = parse_s(a, d, f, "cv:\n  name: \"Ada\n  email: a@b.org\n");
  CHECK(!r && said("t.yaml:4:1: error: invalid YAML: the quote at line 2, "
                   "column 9 is never closed (the file ends inside the quoted "
                   "value): end the value with \""));
  CHECK(said("t.yaml:2:9: note: the quoted value opens here"));
  r = parse_s(a, d, f, "cv:\n  name: 'Ada\n");
  CHECK(!r && said("t.yaml:3:1: error: invalid YAML: the quote at line 2, "
                   "column 9 is never closed (the file ends inside the quoted "
                   "value): end the value with '"));
  CHECK(said("t.yaml:2:9: note: the quoted value opens here"));
  r = parse_s(a, d, f, "cv:\n  name: \"Ada\n  email: \"x@y.org\"\n");
  CHECK(!r && said("t.yaml:3:11: error: invalid YAML: the quoted value opened "
                   "at line 2, column 9 closes here and text follows it: is "
                   "its closing quote missing on line 2?"));
  CHECK(said("t.yaml:2:9: note: the quoted value opens here"));
  r = parse_s(a, d, f, "l:\n  k: \"Best paper\" award\n");
  CHECK(!r && said("t.yaml:2:19: error: invalid YAML: text after the closing "
                   "quote: a quoted value must be quoted whole; write: k: "
                   "'\"Best paper\" award'"));
  r = parse_s(a, d, f, "l:\n  - \"Best paper\" award\n");
  CHECK(!r && said("t.yaml:2:18: error: invalid YAML: text after the closing "
                   "quote: a quoted value must be quoted whole; write: - "
                   "'\"Best paper\" award'"));
  r = parse_s(a, d, f, "a: \"x\\qy\"\n");
  CHECK(!r && said("t.yaml:1:6: error: invalid YAML: '\\q' is not an escape "
                   "in a double-quoted value: write '\\\\' for a backslash, or "
                   "quote the value with single quotes, which keep '\\' as "
                   "it is"));

  r = parse_s(a, d, f, "a: \"x\\u12\"\n");
  CHECK(!r && said("t.yaml:1:8: error: invalid YAML: '\\u' must be followed "
                   "by 4 hexadecimal digits in a double-quoted value"));
  /* an escape cut by the end of the text (found by fuzz_load: the escape
   * was looked for past the end) */
  char *cut = malloc(6);
  memcpy(cut, "a: \"\\u", 6);
  r = parse_n(a, d, f, cut, 6, NULL);
  CHECK(!r && said("t.yaml:1:7: error: invalid YAML: '\\u' must be followed "
                   "by 4 hexadecimal digits"));
  free(cut);

  /* brackets: at libyaml's position, with where it opened */
  r = parse_s(a, d, f, "cv:\n  name: [unclosed\n  email: a@b.c\n");
  CHECK(!r && said("t.yaml:3:8: error: invalid YAML: expected ',' or ']' in "
                   "the list that '[' opens at line 2, column 9: is its "
                   "closing ']' missing?"));
  CHECK(said("t.yaml:2:9: note: the list opens here"));
  r = parse_s(a, d, f, "cv: {a: 1\n");
  CHECK(!r && said("t.yaml:2:1: error: invalid YAML: expected ',' or '}' in "
                   "the mapping that '{' opens at line 1, column 5: is its "
                   "closing '}' missing?"));
  CHECK(said("t.yaml:1:5: note: the mapping opens here"));
  r = parse_s(a, d, f, "cv: [a, b");
  CHECK(!r && said("t.yaml:2:1: error: invalid YAML: expected ',' or ']' in "
                   "the list that '[' opens at line 1, column 5: is its "
                   "closing ']' missing?"));
  r = parse_s(a, d, f, "a: {b: c: d}\n");
  CHECK(!r && said("t.yaml:1:9: error: invalid YAML: expected ',' or '}' in "
                   "the mapping that '{' opens at line 1, column 4: inside "
                   "brackets, text holding ',', ':', '[', ']', '{' or '}' must "
                   "be quoted"));

  /* characters that cannot start a value */
  r = parse_s(a, d, f, "cv:\n  handle: @ada\n");
  CHECK(!r && said("t.yaml:2:11: error: invalid YAML: a value cannot start "
                   "with '@' (YAML reserves it): put it in quotes; write: "
                   "handle: \"@ada\""));
  r = parse_s(a, d, f, "l:\n  - `code` here\n");
  CHECK(!r && said("t.yaml:2:5: error: invalid YAML: a value cannot start "
                   "with '`' (YAML reserves it): put it in quotes; write: - "
                   "\"`code` here\""));
}

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

  test_aliases(&a, &d, f);
  test_text(&a, &d, f);
  test_merge_keys(&a, &d, f);
  test_odd(&a, &d, f);
  test_slips(&a, &d, f);

  fclose(f);
  arena_free(&a);
}
