/* fuzz_text.c: paragraphs of any Unicode through para_set, the page builder
 * and the PDF writer. Pairs of bytes pick code points, mostly from a table
 * of the hard cases (combining marks, joiners, regional indicators, bidi
 * controls and brackets, Arabic, Hebrew, Devanagari, Bengali, Thai, Lao,
 * Hangul jamo, emoji and their modifiers, CJK beyond the BMP, controls,
 * noncharacters), else any scalar value of any plane, then a link; the
 * first byte chooses the document's direction, the alignment, whether the
 * text is tagged (a structure element, a Link) and the measure.
 * Invariants: no abort or sanitizer report; when no line was reported
 * overfull, every text lies inside the measure; the PDF is written. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_ctx.h"
#include "family.h"
#include "para.h"
#include "pdf.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint32_t hard[] = {
    ' ', 'a', 'A', 'i', 'f', '-', '(', ')', '[', '1', '.', 0xA0, 0xAD,
    0x300, 0x301, 0x308, 0x34F, 0x0627, 0x0644, 0x0645, 0x0651, 0x064B,
    0x0661, 0x06CC, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C,
    0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x05D0, 0x05E9, 0x05B8,
    0x05C1, 0x0915, 0x094D, 0x0937, 0x093F, 0x0930, 0x0995, 0x09CB, 0x09CD,
    0x0E01, 0x0E35, 0x0E48, 0x0E33, 0x0E40, 0x0E81, 0x0EB5, 0x1780, 0x17D2,
    0x1000, 0x103A, 0x1100, 0x1161, 0x11A8, 0xAC00, 0xD55C, 0x3042, 0x4E2D,
    0xFB01, 0xDF, 0x130, 0x131, 0x3C2, 0x390, 0xFE0F, 0xFE0E, 0x1F1E8,
    0x1F1F3, 0x1F600, 0x1F3FB, 0x1F468, 0x1F469, 0x2764, 0x20BB7, 0xE0067,
    0xE007F, 0xE0100, 0xFFFD, 0xFFFE, 0xFFFF, 0xFDD0, 0x1, 0x9, 0x85,
    0x2028, 0x2029, 0x200B, 0x2060, 0xFEFF, 0x10FFFD, 0xF0000};
#define NHARD (sizeof hard / sizeof hard[0])

static struct fonts fonts;
static struct hyph hyph;
static struct fallback fb;
static bool ready;

static void done(void) {
  hyph_free(&hyph);
  fonts_free(&fonts);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || size > 4096)
    return 0;
  static const char *const names[] = {"Libertinus Serif", "WenQuanYi Micro Hei"};
  if (!ready) {
    fonts_init(&fonts);
    hyph_init(&hyph, "en_US", NULL);
    fb = (struct fallback){.names = names, .n = 2};
    atexit(done);
    ready = true;
  }
  struct diag d;
  struct ctx c;
  FILE *sink = fuzz_ctx(&c, &d, &fonts);
  c.hyph = hyph;
  c.rtl = data[0] & 1;
  c.lang = c.rtl ? "ar" : (data[0] & 2) ? "tr" : NULL;

  /* the text: a code point per pair of bytes */
  char *text = malloc(size * 4 + 8);
  size_t n = 0;
  for (size_t i = 1; i + 1 < size; i += 2) {
    uint32_t cp;
    if (data[i] < 224)
      cp = hard[(data[i] * 256u + data[i + 1]) % NHARD];
    else
      cp = ((uint32_t)(data[i] - 224) << 16 | (uint32_t)data[i + 1] << 8 |
            data[i + 1]) % 0x110000;
    if (cp >= 0xD800 && cp <= 0xDFFF)
      cp = 0xFFFD;
    n += (size_t)utf8_encode(cp, text + n);
  }
  text[n] = 0;

  struct text_style ts = {0};
  if (family_find(&c, "CMU Serif", (struct loc){0}, ts.font)) {
    ts.mono = ts.font[0];
    for (int f = 0; f < ICON_FACES; f++)
      ts.icon[f] = -1;
    ts.fallback = &fb;
    ts.size = 10;
    double width = 40 + (data[0] >> 3) * 15.0;
    struct para_opts o = {.align = (enum align)((data[0] >> 1) & 3),
                          .widths = &width, .nwidths = 1,
                          .baselineskip = 12, .hyphenate = true};
    /* tagged (a Document > P, with a link) or not */
    struct stree tree = {0};
    if (data[0] & 4) {
      c.tree = &tree;
      stree_add(&c.lay, &tree, SR_DOCUMENT, 0);
      c.tag = stree_add(&c.lay, &tree, SR_P, 1);
    }
    struct span sp[2] = {{.s = text, .len = (int)n},
                         {.s = "link", .len = 4, .url = "https://x.org/"}};
    struct vlist vl = {0};
    para_set(&c, (struct spans){sp, 2}, &ts, &o, &vl, NULL);
    bool overfull = c.stats.overfull > 0;
    for (int i = 0; i < vl.n; i++) {
      if (vl.v[i].kind != V_BOX)
        continue;
      const struct box *b = vl.v[i].box;
      for (int k = 0; k < b->nops; k++) {
        const struct draw *op = &b->ops[k];
        if (!isfinite(op->x) || !isfinite(op->w))
          abort();
        if (op->kind == DRAW_TEXT && !overfull &&
            (op->x < -0.01 || op->x + op->w > width + 0.01))
          abort();
        if (op->kind == DRAW_TEXT &&
            utf8_invalid_at(op->s, (size_t)op->len) != (size_t)-1)
          abort();
      }
    }
    struct page_geometry g = {595, 842, 50, 50, 50, 50, 10};
    struct pages pages = pages_build(&c.lay, &d, &vl, &g);
    pages.tree = c.tree;
    if (c.rtl)
      pages_mirror(&pages);
    struct pdf_meta meta = {.title = "fuzz", .date = (time_t)-1};
    size_t len = 0;
    unsigned char *pdf = pdf_render(&c, &pages, &meta, &len);
    if (pdf && len < 100)
      abort();
    free(pdf);
    pdf_free(&c);
  }
  free(text);
  hyph = c.hyph;
  arena_free(&c.doc);
  arena_free(&c.lay);
  arena_free(&c.tmp);
  fclose(sink);
  return 0;
}
