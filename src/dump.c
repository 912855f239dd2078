/* dump.c: the text backend (see dump.h). Like pdf.c it sees only pages. */
#include "dump.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void str(FILE *out, const char *s, int len) {
  fputc('"', out);
  for (int i = 0; i < len; i++) {
    unsigned char ch = (unsigned char)s[i];
    if (ch == '"' || ch == '\\')
      fprintf(out, "\\%c", ch);
    else if (ch < 0x20)
      fprintf(out, "\\x%02X", ch);
    else
      fputc(ch, out);
  }
  fputc('"', out);
}

/* rounding that prints -0.00 as 0.00 */
static double r2(double v) {
  double r = round(v * 100) / 100;
  return r == 0 ? 0 : r;
}

void dump_pages(FILE *out, const struct ctx *c, const struct pages *pages) {
  struct draw *ops = NULL;
  int cap = 0;
  for (int p = 0; p < pages->n; p++) {
    const struct page *pg = &pages->v[p];
    fprintf(out, "page %d %.2f %.2f\n", p + 1, r2(pg->w), r2(pg->h));
    for (int i = 0; i < pg->nmarks; i++) {
      fprintf(out, "mark %d ", pg->marks[i].level);
      str(out, pg->marks[i].title, (int)strlen(pg->marks[i].title));
      fprintf(out, " %.2f\n", r2(pg->marks[i].y));
    }
    int nops = page_ops(pg, &ops, &cap);
    for (int i = 0; i < nops; i++) {
      const struct draw *op = &ops[i];
      switch (op->kind) {
      case DRAW_TEXT:
        fprintf(out, "text %.2f %.2f %.2f %s%s%s %.2f #%06X ", r2(op->x),
                r2(op->y), r2(op->w), font_info(c->fonts, op->font)->postscript,
                op->fake & DRAW_FAKE_BOLD ? "+bold" : "",
                op->fake & DRAW_FAKE_ITALIC ? "+slant" : "", r2(op->size),
                (unsigned)op->rgb);
        str(out, op->s, op->len);
        if (op->actual) {
          fputs(" actual ", out);
          str(out, op->actual, (int)strlen(op->actual));
        }
        fputc('\n', out);
        break;
      case DRAW_RULE:
        fprintf(out, "rule %.2f %.2f %.2f %.2f #%06X\n", r2(op->x), r2(op->y),
                r2(op->w), r2(op->h), (unsigned)op->rgb);
        break;
      case DRAW_LINK:
        fprintf(out, "link %.2f %.2f %.2f %.2f ", r2(op->x), r2(op->y),
                r2(op->w), r2(op->h));
        str(out, op->s, op->len);
        fputc('\n', out);
        break;
      case DRAW_IMAGE: { /* the file's name only: paths differ by machine */
        const char *base = strrchr(op->s, '/');
        base = base ? base + 1 : op->s;
        fprintf(out, "image %.2f %.2f %.2f %.2f %s ", r2(op->x), r2(op->y),
                r2(op->w), r2(op->h), op->len ? "png" : "jpeg");
        str(out, base, (int)strlen(base));
        fputc('\n', out);
        break;
      }
      }
    }
  }
  free(ops);
}
