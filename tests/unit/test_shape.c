/* test_shape.c: complex scripts as HarfBuzz shapes them. For words in
 * Arabic, Hebrew, Persian, Devanagari, Bengali, Tamil, Thai, Latin with
 * combining marks and a CJK family name beyond the BMP, each set by
 * para_set in a Noto font (Debian's fonts-noto-core, fonts-hanazono), the
 * glyphs drawn and their places equal what hb_shape gives for the same
 * font and text; right-to-left words stand in visual order, right to left
 * across the line (UAX #9), and a mixed line keeps its left-to-right run
 * in order. */
#include <hb-ot.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "markup.h"
#include "para.h"

void test_shape(void);

/* One word as HarfBuzz shapes it in the font at `path`: glyphs and pen
 * positions (1/1000 em) in visual order. */
struct ref {
  unsigned n;
  uint32_t gid[64];
  double x[64], y[64];
};

static bool reference(const char *path, const char *word, bool rtl,
                      const char *lang, struct ref *r) {
  hb_blob_t *blob = hb_blob_create_from_file(path);
  hb_face_t *face = hb_face_create(blob, 0);
  hb_font_t *font = hb_font_create(face);
  unsigned upem = hb_face_get_upem(face);
  hb_font_set_scale(font, (int)upem, (int)upem);
  hb_buffer_t *buf = hb_buffer_create();
  hb_buffer_add_utf8(buf, word, -1, 0, -1);
  hb_buffer_set_direction(buf, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
  if (lang)
    hb_buffer_set_language(buf, hb_language_from_string(lang, -1));
  hb_buffer_guess_segment_properties(buf);
  /* as font.c: invisible characters in the font's U+200C glyph */
  hb_codepoint_t zwnj = 0;
  hb_font_get_nominal_glyph(font, 0x200C, &zwnj);
  hb_buffer_set_invisible_glyph(buf, zwnj);
  hb_shape(font, buf, NULL, 0);
  unsigned n;
  hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
  hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
  bool ok = n > 0 && n <= 64;
  double pen = 0;
  for (unsigned i = 0; ok && i < n; i++) {
    r->gid[i] = info[i].codepoint;
    r->x[i] = (pen + pos[i].x_offset) * 1000.0 / upem;
    r->y[i] = pos[i].y_offset * 1000.0 / upem;
    pen += pos[i].x_advance;
  }
  r->n = n;
  hb_buffer_destroy(buf);
  hb_font_destroy(font);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  return ok;
}

/* The shaped operations of a paragraph set on one line, left to right. */
static int shaped_ops(struct vlist *vl, const struct draw **out, int max) {
  int n = 0;
  for (int i = 0; i < vl->n; i++) {
    if (vl->v[i].kind != V_BOX)
      continue;
    const struct box *b = vl->v[i].box;
    for (int k = 0; k < b->nops && n < max; k++)
      if (b->ops[k].kind == DRAW_TEXT && b->ops[k].len > 0)
        out[n++] = &b->ops[k];
  }
  /* by x: the order a reader's eye takes */
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && out[j]->x < out[j - 1]->x; j--) {
      const struct draw *t = out[j];
      out[j] = out[j - 1];
      out[j - 1] = t;
    }
  return n;
}

struct sample {
  const char *file; /* in /usr/share/fonts/truetype/ */
  const char *family;
  const char *lang;
  const char *words[4]; /* in logical order, each shaped as one */
  bool rtl;
};

void test_shape(void) {
  static const struct sample samples[] = {
      {"noto/NotoSansArabic-Regular.ttf", "Noto Sans Arabic", "ar",
       {"محمد", "الإلكتروني", "فريقاً", "خفّض"}, true},
      {"noto/NotoSansArabic-Regular.ttf", "Noto Sans Arabic", "fa",
       {"می‌خواهم", "دانشگاه", "تهران", "ایران"}, true},
      {"noto/NotoSansHebrew-Regular.ttf", "Noto Sans Hebrew", "he",
       {"שָׁלוֹם", "אוניברסיטה", "תל", "אביב"}, true},
      {"noto/NotoSansDevanagari-Regular.ttf", "Noto Sans Devanagari", "hi",
       {"प्रिया", "शर्मा", "क्षत्रिय", "सॉफ़्टवेयर"}, false},
      {"noto/NotoSansBengali-Regular.ttf", "Noto Sans Bengali", "bn",
       {"বিশ্ববিদ্যালয়", "কোম্পানি", "র্থ", "জ্ঞান"}, false},
      {"noto/NotoSansTamil-Regular.ttf", "Noto Sans Tamil", "ta",
       {"தமிழ்", "பொறியாளர்", "கொ", "கௌ"}, false},
      {"noto/NotoSansThai-Regular.ttf", "Noto Sans Thai", "th",
       {"ที่", "น้ำ", "ภาษา", "กำลัง"}, false},
      /* letters with marks that have no precomposed form (NFC keeps
       * them apart): the marks placed by the font's mark attachment */
      {"noto/NotoSans-Regular.ttf", "Noto Sans", "en",
       {"Spin\xCC\x88" "al", "x\xCC\x8C", "q\xCC\xA3\xCC\x83", "v\xCC\x8C"},
       false},
      {"hanazono/HanaMinB.ttf", "HanaMinB", "ja",
       {"\xF0\xA0\xAE\xB7", "\xF0\xA0\x80\x8B", "\xF0\xA1\x88\xBD", NULL},
       false},
  };
  struct diag d;
  struct fonts fs;
  struct ctx c;
  harness_ctx(&c, &d, &fs, stderr);
  d.quiet = true;
  hyph_init(&c.hyph, "", NULL);
  int words = 0;
  for (size_t s = 0; s < sizeof samples / sizeof samples[0]; s++) {
    const struct sample *sm = &samples[s];
    char path[512];
    snprintf(path, sizeof path, "/usr/share/fonts/truetype/%s", sm->file);
    int id = fonts_open(&fs, path, 0, &d, (struct loc){0});
    if (id < 0) {
      /* build.sh check installs them (fonts-noto-core, fonts-hanazono) */
      fprintf(stderr, "test_shape: %s is not installed\n", path);
      CHECK(id >= 0);
      continue;
    }
    struct text_style ts = {0};
    for (int k = 0; k < 4; k++)
      ts.font[k] = id;
    ts.mono = id;
    for (int k = 0; k < ICON_FACES; k++)
      ts.icon[k] = -1;
    ts.size = 10;
    c.lang = sm->lang;
    c.rtl = sm->rtl;
    /* the words on one wide line, in logical order */
    char text[512];
    int tl = 0, nw = 0;
    for (int w = 0; w < 4 && sm->words[w]; w++, nw++)
      tl += snprintf(text + tl, sizeof text - (size_t)tl, "%s%s", w ? " " : "",
                     sm->words[w]);
    double width = 1000;
    struct para_opts o = {.align = ALIGN_LEFT, .widths = &width, .nwidths = 1,
                          .baselineskip = 12};
    struct vlist vl = {0};
    int n = para_set(&c, markup_parse(&c.doc, text, (size_t)tl), &ts, &o,
                     &vl, NULL);
    CHECK_INT(n, 1);
    const struct draw *ops[16];
    int nops = shaped_ops(&vl, ops, 16);
    CHECK_INT(nops, nw);
    for (int k = 0; k < nops && k < nw; k++) {
      /* by x, the words in logical order: left to right, and right to
       * left too, as a right-to-left document is laid out as its page's
       * mirror image (pages_mirror turns it round) */
      const char *word = sm->words[k];
      const struct draw *op = ops[k];
      struct ref r;
      CHECK(reference(path, word, sm->rtl, sm->lang, &r));
      CHECK(op->gl != NULL);
      if (!op->gl)
        continue;
      CHECK_INT(op->len, (int)strlen(word));
      CHECK(op->len == (int)strlen(word) && !memcmp(op->s, word, strlen(word)));
      CHECK_INT(op->gl->n, (int)r.n);
      CHECK(op->gl->rtl == sm->rtl);
      for (int g = 0; g < op->gl->n && g < (int)r.n; g++) {
        CHECK_INT(op->gl->gid[g], r.gid[g]);
        CHECK_NEAR(op->gl->x[g], r.x[g] * ts.size / 1000.0, 1e-3);
        CHECK_NEAR(op->gl->y[g], -r.y[g] * ts.size / 1000.0, 1e-3);
      }
      words++;
    }
    arena_reset(&c.lay);
  }
  c.lang = NULL;
  c.rtl = false;
  fprintf(stderr, "shaping: %d words in 9 scripts equal to hb_shape's\n",
          words);
  hyph_free(&c.hyph);
  arena_free(&c.doc);
  arena_free(&c.lay);
  arena_free(&c.tmp);
  fonts_free(&fs);
}
