/* fuzz_pages.c: the whole pipeline up to laid-out pages. Invariants: a
 * document that builds has pages; every position is finite; every text is
 * valid UTF-8; and when nothing was warned about (no overfull line, nothing
 * taller than a page), every drawn item lies inside its page; and its
 * Markdown, text and HTML are written. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "fuzz_ctx.h"
#include "pdf.h"
#include "text.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fonts and hyphenation patterns are loaded once and shared by every run,
 * as in a batch */
static struct fonts fonts;
static struct hyph hyph;
static bool ready;

/* fontconfig's configuration (found on the first run that asks for an
 * installed family) is only wholly freed with the fonts: at exit, as the
 * command line does, so that the leak check sees nothing left */
static void done(void) {
  hyph_free(&hyph);
  fonts_free(&fonts);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 1 << 15)
    return 0;
  if (!ready) {
    fonts_init(&fonts);
    hyph_init(&hyph, "en_US", NULL);
    atexit(done);
    ready = true;
  }
  struct diag d;
  struct ctx c;
  FILE *sink = fuzz_ctx(&c, &d, &fonts);
  /* the layout memory limit's path, reached sooner: a run that repeats a
   * text up to it then takes a second, not ten */
  c.max_layout = (size_t)16 << 20;
  c.hyph = hyph;
  struct doc doc;
  /* every other input with --tags a,x --exclude-tags b, or as the file's
   * first variant */
  static const char *want[] = {"a", "x"}, *drop[] = {"b"};
  struct tag_filter tags = {want, drop, 2, 1};
  struct doc_opts opts;
  memset(&opts, 0, sizeof opts);
  opts.tags = &tags;
  opts.variant = size % 4 == 3; /* (its first variant, if it has one) */
  if (doc_build(&c, "fuzz.yaml", (const char *)data, size,
                size % 2 ? &opts : NULL, &doc)) {
    if (doc.pages.n < 1)
      abort();
    struct draw *ops = NULL;
    int cap = 0;
    for (int p = 0; p < doc.pages.n; p++) {
      const struct page *pg = &doc.pages.v[p];
      int nops = page_ops(pg, &ops, &cap);
      for (int i = 0; i < nops; i++) {
        const struct draw *op = &ops[i];
        if (!isfinite(op->x) || !isfinite(op->y) || !isfinite(op->w) ||
            !isfinite(op->h))
          abort();
        if (op->kind == DRAW_TEXT &&
            utf8_invalid_at(op->s, (size_t)op->len) != (size_t)-1)
          abort();
        if (d.warnings == 0 &&
            (op->x < -0.01 || op->x + op->w > pg->w + 0.01 ||
             op->y < -0.01 || op->y > pg->h + 0.01))
          abort();
      }
    }
    free(ops);
    /* the text outputs of the same document (text.c) */
    for (int k = 0; k < 3; k++)
      text_render(sink, &doc.real, (enum text_kind)k);
    /* and its PDF (links, citations, the structure tree, the object
     * stream): a document that was built is written, as a whole file */
    struct pdf_meta meta = {.file = "fuzz.yaml", .title = doc.title,
                            .author = doc.author, .date = (time_t)-1,
                            .pdfa = doc.pdfa, .pdfa_level = doc.pdfa_level};
    size_t len = 0;
    unsigned char *pdf = pdf_render(&c, &doc.pages, &meta, &len);
    if (!pdf || len < 100 || memcmp(pdf, "%PDF-1.", 7) ||
        memcmp(pdf + len - 6, "%%EOF\n", 6))
      abort();
    free(pdf);
    pdf_free(&c);
  }
  hyph = c.hyph; /* doc_build may have switched languages */
  arena_free(&c.doc);
  arena_free(&c.lay);
  arena_free(&c.tmp);
  fclose(sink);
  return 0;
}
