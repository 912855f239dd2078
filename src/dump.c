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
      case DRAW_DEST:
        fprintf(out, "dest %.2f %.2f ", r2(op->x), r2(op->y));
        str(out, op->s, op->len);
        fputc('\n', out);
        break;
      }
    }
  }
  free(ops);
}

/* ---- lines ---- */

struct piece {
  enum draw_kind kind; /* DRAW_TEXT, DRAW_RULE or DRAW_IMAGE */
  double x, y, w, h, size;
  const char *s;
  int len;
};

static int by_y_then_x(const void *a, const void *b) {
  const struct piece *p = a, *q = b;
  if (p->y != q->y)
    return p->y < q->y ? -1 : 1;
  return p->x < q->x ? -1 : p->x > q->x;
}

static int by_x(const void *a, const void *b) {
  const struct piece *p = a, *q = b;
  return p->x < q->x ? -1 : p->x > q->x;
}

/* One line: the pieces [0, n) by x, run together where they touch (a
 * word drawn in kerned parts) and a space apart where they do not. Its
 * baseline is that of its largest text (a superscript sits above it). */
static void put_line(FILE *out, struct piece *v, int n) {
  qsort(v, (size_t)n, sizeof *v, by_x);
  const struct piece *base = &v[0];
  for (int i = 1; i < n; i++)
    if (v[i].size > base->size || (v[i].size == base->size && v[i].y > base->y))
      base = &v[i];
  fprintf(out, "%.2f %.2f ", r2(base->y), r2(v[0].x));
  for (int i = 0; i < n; i++) {
    if (i && v[i].x > v[i - 1].x + v[i - 1].w + 0.15 * v[i].size)
      fputc(' ', out);
    fwrite(v[i].s, 1, (size_t)v[i].len, out);
  }
  fputc('\n', out);
}

void dump_lines(FILE *out, const struct pages *pages) {
  struct draw *ops = NULL;
  int cap = 0;
  for (int p = 0; p < pages->n; p++) {
    const struct page *pg = &pages->v[p];
    fprintf(out, "page %d\n", p + 1);
    for (int i = 0; i < pg->nmarks; i++) {
      fprintf(out, "mark %d ", pg->marks[i].level);
      str(out, pg->marks[i].title, (int)strlen(pg->marks[i].title));
      fprintf(out, " %.2f\n", r2(pg->marks[i].y));
    }
    int nops = page_ops(pg, &ops, &cap);
    struct piece *v = xmalloc(sizeof *v * (size_t)(nops + 1));
    int n = 0;
    for (int i = 0; i < nops; i++) {
      const struct draw *op = &ops[i];
      if ((op->kind == DRAW_TEXT && op->len) || op->kind == DRAW_RULE ||
          op->kind == DRAW_IMAGE)
        v[n++] = (struct piece){op->kind, op->x, op->y, op->w, op->h,
                                op->size, op->s, op->len};
    }
    /* top to bottom; texts whose baselines lie within 0.45em of the
     * first's form a line (superscripts are raised 0.36em) */
    qsort(v, (size_t)n, sizeof *v, by_y_then_x);
    for (int i = 0; i < n;) {
      int j = i + 1;
      if (v[i].kind != DRAW_TEXT) {
        fprintf(out, "%s %.2f %.2f %.2f %.2f\n",
                v[i].kind == DRAW_RULE ? "rule" : "image", r2(v[i].y),
                r2(v[i].x), r2(v[i].w), r2(v[i].h));
      } else {
        while (j < n && v[j].kind == DRAW_TEXT &&
               v[j].y - v[i].y < 0.45 * v[j].size)
          j++;
        put_line(out, v + i, j - i);
      }
      i = j;
    }
    free(v);
  }
  free(ops);
}

/* ---- content ---- */

/* Spans as markup-like text: **bold**, _italic_, `code`, ^super^,
 * [text](link), a line break as \n. */
static void spans_out(FILE *out, struct spans sp) {
  for (int i = 0; i < sp.n; i++) {
    const struct span *x = &sp.v[i];
    const char *prev = i ? sp.v[i - 1].url : NULL;
    const char *next = i + 1 < sp.n ? sp.v[i + 1].url : NULL;
    if (x->url && x->url != prev)
      fputc('[', out);
    const char *open = x->style & SP_BOLD ? "**" : "";
    const char *it = x->style & SP_ITALIC ? "_" : "";
    const char *code = x->style & SP_CODE ? "`" : "";
    const char *sup = x->style & SP_SUPER ? "^" : "";
    fprintf(out, "%s%s%s%s", open, it, code, sup);
    if (x->style & SP_BREAK)
      fputs("\\n", out);
    else
      fwrite(x->s, 1, (size_t)x->len, out);
    fprintf(out, "%s%s%s%s", sup, code, it, open);
    if (x->url && x->url != next)
      fprintf(out, "](%s)", x->url);
  }
}

static void text_line(FILE *out, int indent, const char *what,
                      const struct rtext *t) {
  fprintf(out, "%*s%s ", indent, "", what);
  spans_out(out, t->sp);
  fputc('\n', out);
}

static void list_out(FILE *out, int indent, const struct rlist *l) {
  for (int i = 0; l && i < l->n; i++) {
    text_line(out, indent, "-", &l->v[i].text);
    list_out(out, indent + 2, l->v[i].sub);
  }
}

static const char *const ENTRY_KINDS[] = {
    "text",        "one-line", "normal",   "experience", "education",
    "publication", "bullet",   "numbered", "reversed",   "table",
    "page-break"};

static void entry_out(FILE *out, const struct rentry *e) {
  fprintf(out, "  entry %s %d:%d\n", ENTRY_KINDS[e->kind], e->loc.line,
          e->loc.col);
  if (e->label)
    text_line(out, 4, "label", e->label);
  if (e->degree)
    text_line(out, 4, "degree", e->degree);
  for (int i = 0; i < e->nright; i++)
    text_line(out, 4, "right", &e->right[i]);
  for (int i = 0; i < e->nmain; i++) {
    const struct rline *ln = &e->main[i];
    if (ln->kind == RL_HIGHLIGHTS) {
      fprintf(out, "    highlights\n");
      list_out(out, 6, e->highlights);
    } else {
      text_line(out, 4, ln->kind == RL_SUMMARY ? "summary" : "text",
                &ln->text);
    }
  }
  const struct rtable *t = e->table;
  for (int r = 0; t && r < t->nrows; r++) {
    fprintf(out, "    row");
    for (int c = 0; c < t->ncols; c++) {
      const struct rcell *cell = &t->cells[r * t->ncols + c];
      fprintf(out, " |%s", cell->heading ? "#" : "");
      if (cell->text) {
        fputc(' ', out);
        spans_out(out, cell->text->sp);
      }
      for (int i = 0; cell->list && i < cell->list->n; i++) {
        fputs(" - ", out);
        spans_out(out, cell->list->v[i].text.sp);
      }
    }
    fputs(" |\n", out);
  }
}

void dump_content(FILE *out, const struct realized *r) {
  if (r->name)
    text_line(out, 0, "name", r->name);
  if (r->headline)
    text_line(out, 0, "headline", r->headline);
  if (r->photo) {
    const char *base = strrchr(r->photo->path, '/');
    fprintf(out, "photo %s %s %dx%d\n", base ? base + 1 : r->photo->path,
            r->photo->png ? "png" : "jpeg", r->photo->width,
            r->photo->height);
  }
  for (int i = 0; i < r->nconns; i++) {
    const struct rconn *cn = &r->conns[i];
    fprintf(out, "connection %s", cn->kind);
    /* icon=FACE:U+XXXX[,fork:U+XXXX]: Font Awesome's, then Fork Awesome's */
    if (cn->icon.fa)
      fprintf(out, " icon=%s:U+%04X", icon_face_name(cn->icon.face),
              (unsigned)cn->icon.fa);
    if (cn->icon.fork)
      fprintf(out, "%sfork:U+%04X", cn->icon.fa ? "," : " icon=",
              (unsigned)cn->icon.fork);
    fputc(' ', out);
    spans_out(out, cn->text.sp);
    fputc('\n', out);
  }
  if (r->separator)
    text_line(out, 0, "separator", r->separator);
  text_line(out, 0, "bullet", &r->bullet[0]);
  text_line(out, 0, "nested-bullet", &r->bullet[1]);
  for (int i = 0; i < r->nsections; i++) {
    const struct rsection *sec = &r->sections[i];
    text_line(out, 0, "section", &sec->title);
    for (int j = 0; j < sec->n; j++)
      entry_out(out, &sec->v[j]);
  }
}
