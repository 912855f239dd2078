/* test_para.c: paragraphs set with the bundled fonts: widths measured as
 * drawn, justified lines flush with the measure, hyphenation, kerning; and
 * para_breaks, which asks libunibreak about some words only, agrees with
 * libunibreak on whole texts wherever the builder reads a break. */
#include <dirent.h>
#include <linebreak.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "markup.h"
#include "para.h"
#include "family.h"
#include "style.h"
#include "utf8.h"

void test_para(void);

static double right_edge(const struct box *b) {
  double r = 0;
  for (int i = 0; i < b->nops; i++)
    if (b->ops[i].kind == DRAW_TEXT && b->ops[i].x + b->ops[i].w > r)
      r = b->ops[i].x + b->ops[i].w;
  return r;
}

/* Positions where para_breaks and libunibreak on the whole text (with
 * Korean's keep-all) differ,
 * among those the builder reads (the last byte of a character that is no
 * space, followed by one that is no space either). */
static int breaks_differ(const char *s, int len, const char *what) {
  char *all = malloc((size_t)len + 1), *mine = malloc((size_t)len + 1);
  set_linebreaks_utf8((const utf8_t *)s, (size_t)len, "en", all);
  /* and Korean kept whole between spaces (keep-all): no break between two
   * Hangul syllables */
  uint32_t prev = 0;
  for (const char *p = s, *e = s + len; p < e;) {
    uint32_t cp = 0;
    int k = utf8_decode(p, (size_t)(e - p), &cp);
    if (k <= 0)
      k = 1, cp = 0;
    if (prev >= 0xAC00 && prev <= 0xD7A3 && cp >= 0xAC00 && cp <= 0xD7A3)
      all[p - s - 1] = LINEBREAK_NOBREAK;
    prev = cp;
    p += k;
  }
  para_breaks(s, len, mine);
  int bad = 0;
  for (int k = 0; k + 1 < len; k++) {
    unsigned char ch = (unsigned char)s[k], nx = (unsigned char)s[k + 1];
    if (ch == ' ' || ch == '\n' || ch == '\t' || ch == 0x01 || nx == ' ' ||
        nx == '\n' || nx == '\t' || nx == 0x01 || (nx >= 0x80 && nx < 0xC0))
      continue; /* a space, or inside a character: not read there */
    if ((all[k] == LINEBREAK_ALLOWBREAK) != (mine[k] == LINEBREAK_ALLOWBREAK)) {
      if (bad++ < 3)
        fprintf(stderr, "%s: break after byte %d (\"%.20s\"): libunibreak %d, "
                        "para_breaks %d\n",
                what, k, s + (k > 10 ? k - 10 : 0), all[k], mine[k]);
    }
  }
  free(all);
  free(mine);
  return bad;
}

/* Every text file of a folder, whole and line by line. */
static int breaks_in_dir(const char *dir, int *texts) {
  DIR *d = opendir(dir);
  if (!d)
    return 0;
  int bad = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    const char *dot = strrchr(e->d_name, '.');
    if (!dot || (strcmp(dot, ".yaml") && strcmp(dot, ".txt") &&
                 strcmp(dot, ".json") && strcmp(dot, ".md")))
      continue;
    char path[1400];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    FILE *f = fopen(path, "rb");
    if (!f)
      continue;
    static char text[1 << 20];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    /* (libunibreak itself aborts on a regional indicator: see
     * test_flags) */
    if (utf8_invalid_at(text, n) != (size_t)-1 ||
        strstr(text, "\xEF\xBF\xBF") || strstr(text, "\xF0\x9F\x87"))
      continue;
    bad += breaks_differ(text, (int)n, path);
    (*texts)++;
    for (char *line = text; *line;) {
      char *eol = strchr(line, '\n');
      int ln = eol ? (int)(eol - line) : (int)strlen(line);
      bad += breaks_differ(line, ln, path);
      (*texts)++;
      line += ln + (eol != NULL);
    }
  }
  closedir(d);
  return bad;
}

/* Flags are pairs of regional indicators (libunibreak 1.1 aborts on
 * them): no break inside a flag, one allowed between two flags, and an
 * odd indicator out stands alone. */
static void test_flags(void) {
  /* 🇨🇳 🇩🇪 and a lone 🇫: five indicators of four bytes, then "x" */
  const char *s = "\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3\xF0\x9F\x87\xA9"
                  "\xF0\x9F\x87\xAA\xF0\x9F\x87\xAB-x";
  int n = (int)strlen(s);
  char brks[32];
  para_breaks(s, n, brks);
  CHECK_INT(brks[3], LINEBREAK_NOBREAK);     /* inside 🇨🇳 */
  CHECK_INT(brks[7], LINEBREAK_ALLOWBREAK);  /* between 🇨🇳 and 🇩🇪 */
  CHECK_INT(brks[11], LINEBREAK_NOBREAK);    /* inside 🇩🇪 */
  CHECK_INT(brks[15], LINEBREAK_ALLOWBREAK); /* before the lone 🇫 */
  CHECK_INT(brks[20], LINEBREAK_ALLOWBREAK); /* after its hyphen */
}

static void test_breaks(void) {
  test_flags();
  static const char *const samples[] = {
      "state-of-the-art, e.g. (see §3) and 1–2 or 2019-2021; $100, 50%, C++",
      "https://github.com/john_doe/repo?x=1&y=2 a/b/c and/or «Bonjour» —",
      "“Quoted,” he said: ‘yes’… (really?!) [1] {x} #tag @user 10:30 3.14",
      "日本語の文章、句読点。中文，标点！한국어 문장 abc日本 x-ray",
      "Zoë Ångström naïve café São Paulo Łódź — 2020–present",
      "«A» ‹b› „c“ ‚d‘ 5 × 3 ≈ 15 ± 1 → done ✓ ★★★ ⟨x⟩",
      "x\u00A0y (NBSP) a\u202Fb ‐ ‑ ‒ – — ― tight-knit ex-CEO",
      "12,345.67 -5 +7 (-3) [-4] U.S.A. Ph.D. M.Sc. i.e., etc.)",
      "עברית العربية हिन्दी (Hebrew, Arabic, Devanagari)",
  };
  int bad = 0, texts = 0;
  for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
    bad += breaks_differ(samples[i], (int)strlen(samples[i]), "sample");
    texts++;
  }
  static const char *const dirs[] = {"data", "examples", "examples/themes",
                                     "tests/golden", "tests/golden/themes",
                                     "tests/dialects", "tests/data",
                                     "tests/bad", "tests/style"};
  for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/%s", CVPDF_SOURCE_DATA_DIR, dirs[i]);
    bad += breaks_in_dir(dir, &texts);
  }
  CHECK(texts > 1500);
  CHECK_INT(bad, 0);
  fprintf(stderr, "breaks: %d texts, para_breaks equal to libunibreak\n",
          texts);
}

void test_para(void) {
  test_breaks();
  struct diag d;
  struct fonts fs;
  struct ctx c;
  harness_ctx(&c, &d, &fs, stderr);
  d.quiet = true;
  hyph_init(&c.hyph, "en_US", NULL);

  struct text_style ts = {0};
  CHECK(family_find(&c, "CMU Serif", (struct loc){0}, ts.font));
  ts.mono = ts.font[0];
  ts.size = 10;

  /* widths in libharu's integer thousandths: "Hi" = H 750 + i 278 */
  CHECK_INT(font_advance(&fs, ts.font[0], 'H'), 750);
  CHECK_INT(font_advance(&fs, ts.font[0], 'i'), 277);
  const char *s = "Hi";
  struct spans sp = markup_parse(&c.doc, s, strlen(s));
  CHECK_NEAR(para_width(&c, sp, &ts), (750 + 277) * 10 / 1000.0, 1e-9);
  /* kerning from the font's GPOS: "AV" is narrower than A + V */
  double av = font_text_width(&fs, ts.font[0], "AV", 2);
  CHECK(av < font_advance(&fs, ts.font[0], 'A') + font_advance(&fs, ts.font[0], 'V'));

  double to = font_kern(&fs, ts.font[0], 'T', 'o');
  double wa = font_kern(&fs, ts.font[0], 'W', 'a');
  CHECK(to < 0);
  CHECK(wa < 0);
  CHECK_NEAR(font_kern(&fs, ts.font[0], 'l', 'l'), 0, 1e-9);

  /* a justified paragraph: every line but the last ends at the measure */
  const char *text =
      "I am broadly interested in theory, algorithm and application of "
      "machine learning. I am also interested in non-convex and convex "
      "optimization. Recently, I am also dedicated to use theory to design "
      "algorithms elegantly. Specifically, my recent research topics are "
      "generalization, regularization and characterization.";
  sp = markup_parse(&c.doc, text, strlen(text));
  struct vlist vl = {0};
  double width = 200;
  struct para_opts o = {0};
  o.align = ALIGN_JUSTIFY;
  o.widths = &width;
  o.nwidths = 1;
  o.baselineskip = 12;
  o.hyphenate = true;
  int first;
  /* past PARA_MAX_LINES a layout sets nothing more, with one error: two
   * lines short of it, a paragraph of six or more lines gets two */
  struct diag capd;
  FILE *mem = tmpfile();
  diag_init(&capd, mem);
  c.diag = &capd;
  c.stats.lines = PARA_MAX_LINES - 2;
  CHECK_INT(para_set(&c, sp, &ts, &o, &vl, &first), 2);
  CHECK_INT(para_set(&c, sp, &ts, &o, &vl, &first), 0);
  CHECK_INT(first, -1);
  CHECK_INT(capd.errors, 1);
  CHECK(c.stats.capped);
  /* the other limits take the same path: a paragraph longer than
   * PARA_MAX_BYTES sets nothing; past max_layout bytes of layout products
   * the line about to be set is not */
  memset(&c.stats, 0, sizeof c.stats);
  size_t big = (size_t)PARA_MAX_BYTES + 1;
  char *long_text = malloc(big + 1);
  for (size_t i = 0; i < big; i++)
    long_text[i] = i % 2 ? ' ' : 'a';
  long_text[big] = 0;
  struct spans lsp = {&(struct span){long_text, (int)big, 0, NULL, 0, NULL}, 1};
  CHECK_INT(para_set(&c, lsp, &ts, &o, &vl, &first), 0);
  CHECK_INT(first, -1);
  CHECK_INT(capd.errors, 2);
  CHECK(c.stats.capped);
  free(long_text);
  memset(&c.stats, 0, sizeof c.stats);
  CHECK(c.lay.total > 1); /* the lines set above */
  c.max_layout = 1;
  CHECK_INT(para_set(&c, sp, &ts, &o, &vl, &first), 0);
  CHECK_INT(capd.errors, 3);
  CHECK_INT(para_set(&c, sp, &ts, &o, &vl, &first), 0);
  CHECK_INT(capd.errors, 3);
  c.max_layout = 0;
  char said[2048] = "";
  rewind(mem);
  size_t got = fread(said, 1, sizeof said - 1, mem);
  said[got] = 0;
  CHECK(strstr(said, "passes 200000 lines here") != NULL);
  CHECK(strstr(said, "holds 256 KiB of text, more than cvpdf sets in one "
                     "paragraph (256 KiB") != NULL);
  CHECK(strstr(said, "take more than 0 MiB of memory (0 lines),") != NULL);
  fclose(mem);
  c.diag = &d;
  memset(&c.stats, 0, sizeof c.stats);
  vl = (struct vlist){0};
  int n = para_set(&c, sp, &ts, &o, &vl, &first);
  CHECK(n >= 6);
  CHECK_INT(first, 0);
  int lines = 0;
  for (int i = 0; i < vl.n; i++) {
    if (vl.v[i].kind != V_BOX)
      continue;
    lines++;
    if (lines < n)
      CHECK_NEAR(right_edge(vl.v[i].box), width, 0.01);
    else
      CHECK(right_edge(vl.v[i].box) < width);
  }
  CHECK_INT(lines, n);
  CHECK(c.stats.overfull == 0);

  /* every word comes back, in order, hyphenated or not */
  char joined[2048];
  size_t o2 = 0;
  for (int i = 0; i < vl.n; i++) {
    if (vl.v[i].kind != V_BOX)
      continue;
    const struct box *b = vl.v[i].box;
    for (int k = 0; k < b->nops; k++) {
      const struct draw *op = &b->ops[k];
      if (op->kind != DRAW_TEXT)
        continue;
      const char *t = op->actual ? op->actual : op->s;
      size_t tl = op->actual ? strlen(op->actual) : (size_t)op->len;
      if (o2 && k == 0 && !(o2 && joined[o2 - 1] == '\x01'))
        joined[o2++] = ' ';
      memcpy(joined + o2, t, tl);
      o2 += tl;
    }
  }
  joined[o2] = 0;
  CHECK(strstr(joined, "machine") != NULL);
  CHECK(strstr(joined, "characterization.") != NULL);

  /* a narrow measure forces hyphenation */
  memset(&c.stats, 0, sizeof c.stats);
  width = 90;
  vl = (struct vlist){0};
  n = para_set(&c, sp, &ts, &o, &vl, NULL);
  CHECK(c.stats.hyphenated > 0);
  CHECK_INT(c.stats.overfull, 0);

  /* left alignment: no line is stretched */
  o.align = ALIGN_LEFT;
  width = 200;
  vl = (struct vlist){0};
  para_set(&c, sp, &ts, &o, &vl, NULL);
  double natural_gap = font_advance(&fs, ts.font[0], ' ') * 10 / 1000.0;
  for (int i = 0; i < vl.n; i++) {
    if (vl.v[i].kind != V_BOX)
      continue;
    const struct box *b = vl.v[i].box;
    for (int k = 1; k < b->nops; k++) {
      const struct draw *p = &b->ops[k - 1], *q = &b->ops[k];
      double gap = q->x - (p->x + p->w);
      CHECK(gap < natural_gap + 0.5); /* a space or a kern, never wider */
    }
  }

  /* never a hyphen inside a link or an address */
  const char *links =
      "internationalization [internationalization](https://example.org/) "
      "characterization mingze.wang@internationalization.example.org "
      "[characterization](https://example.org/) internationalization";
  sp = markup_parse(&c.doc, links, strlen(links));
  width = 95;
  o.align = ALIGN_JUSTIFY;
  vl = (struct vlist){0};
  memset(&c.stats, 0, sizeof c.stats);
  para_set(&c, sp, &ts, &o, &vl, NULL);
  /* the address, wider than the measure, breaks between two characters
   * (no hyphen drawn) rather than run out of it */
  CHECK_INT(c.stats.overfull, 0);
  for (int i = 0; i < vl.n; i++) {
    if (vl.v[i].kind != V_BOX)
      continue;
    const struct box *b = vl.v[i].box;
    for (int k = 0; k < b->nops; k++) {
      const struct draw *h = &b->ops[k];
      if (h->kind != DRAW_TEXT || strcmp(h->s, "-") != 0)
        continue;
      for (int m = 0; m < b->nops; m++) {
        const struct draw *l = &b->ops[m];
        if (l->kind == DRAW_LINK)
          CHECK(!(h->x >= l->x - 0.01 && h->x <= l->x + l->w + 0.01));
      }
      /* and the hyphenated word extracts whole */
      CHECK(h->actual && strlen(h->actual) > 0);
    }
  }
  /* nor in an e-mail address, even when it cannot fit */
  const char *mail = "mingze.wang@internationalization.example.org "
                     "mingze.wang@internationalization.example.org";
  sp = markup_parse(&c.doc, mail, strlen(mail));
  vl = (struct vlist){0};
  memset(&c.stats, 0, sizeof c.stats);
  para_set(&c, sp, &ts, &o, &vl, NULL);
  CHECK_INT(c.stats.hyphenated, 0);

  /* an unbreakable word wider than the measure breaks between two of its
   * characters, never leaving the measure, nothing lost; a flag (two
   * regional indicators) and a letter with its mark stay whole */
  memset(&c.stats, 0, sizeof c.stats);
  const char *wide = "Pneumonoultramicroscopicsilicovolcanoconiosis_x_y"
                     "\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3"
                     "n\xCC\x88" "n\xCC\x88" "n\xCC\x88" "n\xCC\x88" "n\xCC\x88";
  sp = markup_parse(&c.doc, wide, strlen(wide));
  width = 50;
  o.align = ALIGN_JUSTIFY;
  vl = (struct vlist){0};
  n = para_set(&c, sp, &ts, &o, &vl, NULL);
  CHECK(n > 3);
  CHECK_INT(c.stats.overfull, 0);
  char back[256];
  size_t nb = 0;
  for (int i = 0; i < vl.n; i++) {
    if (vl.v[i].kind != V_BOX)
      continue;
    const struct box *b = vl.v[i].box;
    for (int k = 0; k < b->nops; k++) {
      const struct draw *op = &b->ops[k];
      if (op->kind != DRAW_TEXT)
        continue;
      CHECK(op->x >= 0 && op->x + op->w <= width + 0.01);
      if (nb + (size_t)op->len < sizeof back) {
        memcpy(back + nb, op->s, (size_t)op->len);
        nb += (size_t)op->len;
      }
    }
    /* no line starts with the second half of the flag or with a mark */
    const struct draw *op0 = b->nops ? &b->ops[0] : NULL;
    if (op0 && op0->len >= 4) {
      CHECK(memcmp(op0->s, "\xF0\x9F\x87\xB3", 4) != 0);
      CHECK(memcmp(op0->s, "\xCC\x88", 2) != 0);
    }
  }
  back[nb] = 0;
  CHECK_STR(back, wide);

  hyph_free(&c.hyph);
  arena_free(&c.doc);
  arena_free(&c.lay);
  arena_free(&c.tmp);
  fonts_free(&fs);
}
