/* text.c: Markdown and plain text from the realized document (see
 * text.h). Owns how each kind of line reads in text: the name a heading of
 * the first level (Markdown) or a line of its own, sections headings of the
 * second level (or titles underlined), an entry's main column as lines of
 * one paragraph and its date and location after them, highlights as
 * bullet lists (nested by indentation), numbered entries with their
 * numbers, tables as pipe tables (or cells joined by " | "). Icons, which
 * are pictures beside words, are left out.
 */
#include "text.h"

#include <string.h>

#include "utf8.h"

struct writer_t {
  FILE *out;
  bool md;
  bool heading; /* a heading's text: its own weight, no emphasis */
};

/* Text in Markdown with the characters that would start markup escaped. */
static void md_text(FILE *out, const char *s, int len) {
  for (int i = 0; i < len; i++) {
    char c = s[i];
    if (strchr("\\`*_[]<>#|", c))
      fputc('\\', out);
    fputc(c, out);
  }
}

/* One paragraph of spans: Markdown's **bold**, *italic*, `code` and
 * [text](link), or the words alone; a line break in the text as one in
 * the output ("  \n" in Markdown). */
static void spans(const struct writer_t *w, struct spans sp) {
  FILE *out = w->out;
  for (int i = 0; i < sp.n; i++) {
    const struct span *x = &sp.v[i];
    if (x->style & SP_ICON)
      continue;
    if (x->style & SP_GLUE) {
      fputc(' ', out);
      continue;
    }
    if (x->style & SP_BREAK) {
      fputs(w->md ? "  \n" : "\n", out);
      continue;
    }
    if (!w->md) {
      fwrite(x->s, 1, (size_t)x->len, out);
      continue;
    }
    const char *prev = i ? sp.v[i - 1].url : NULL;
    const char *next = i + 1 < sp.n ? sp.v[i + 1].url : NULL;
    if (x->url && (!prev || strcmp(prev, x->url) != 0))
      fputc('[', out);
    /* emphasis around the words, not around spaces at either end
     * (CommonMark's delimiters must touch the text) */
    int a = 0, b = x->len;
    while (a < b && x->s[a] == ' ')
      a++;
    while (b > a && x->s[b - 1] == ' ')
      b--;
    const char *mark = w->heading                                     ? ""
                       : (x->style & SP_BOLD) && (x->style & SP_ITALIC) ? "***"
                       : x->style & SP_BOLD                            ? "**"
                       : x->style & SP_ITALIC                          ? "*"
                                                                       : "";
    fwrite(x->s, 1, (size_t)a, out);
    if (a < b) {
      if (x->style & SP_CODE) {
        fputc('`', out);
        fwrite(x->s + a, 1, (size_t)(b - a), out);
        fputc('`', out);
      } else {
        fputs(mark, out);
        md_text(out, x->s + a, b - a);
        fputs(mark, out);
      }
    }
    fwrite(x->s + b, 1, (size_t)(x->len - b), out);
    if (x->url && (!next || strcmp(next, x->url) != 0)) {
      fputs("](", out);
      for (const char *u = x->url; *u; u++) { /* (a link's own parens) */
        if (*u == '(' || *u == ')' || *u == ' ')
          fprintf(out, "%%%02X", (unsigned char)*u);
        else
          fputc(*u, out);
      }
      fputc(')', out);
    }
  }
}

static void list(const struct writer_t *w, const struct rlist *l,
                 int depth) {
  for (int i = 0; l && i < l->n; i++) {
    fprintf(w->out, "%*s%s ", 2 * depth, "",
            w->md ? "-" : depth ? "\xE2\x97\xA6" : "\xE2\x80\xA2");
    spans(w, l->v[i].text.sp);
    fputc('\n', w->out);
    list(w, l->v[i].sub, depth + 1);
  }
}

/* A table cell's text on one line (its list's items after it, by "; "). */
static void cell(const struct writer_t *w, const struct rcell *c) {
  if (c->text)
    spans(w, c->text->sp);
  for (int i = 0; c->list && i < c->list->n; i++) {
    fputs(i || c->text ? "; " : "", w->out);
    spans(w, c->list->v[i].text.sp);
  }
}

static void table(const struct writer_t *w, const struct rtable *t) {
  for (int r = 0; r < t->nrows; r++) {
    fputs(w->md ? "| " : "", w->out);
    for (int c = 0; c < t->ncols; c++) {
      if (c)
        fputs(" | ", w->out);
      cell(w, &t->cells[r * t->ncols + c]);
    }
    fputs(w->md ? " |\n" : "\n", w->out);
    if (w->md && r == 0) { /* Markdown's tables begin with a heading row */
      fputc('|', w->out);
      for (int c = 0; c < t->ncols; c++)
        fputs(" --- |", w->out);
      fputc('\n', w->out);
    }
  }
}

static void entry(const struct writer_t *w, const struct rentry *e) {
  FILE *out = w->out;
  if (e->kind == ENTRY_PAGE_BREAK)
    return;
  if (e->table) {
    table(w, e->table);
    fputc('\n', out);
    return;
  }
  /* a bullet or numbered entry is an item of a list */
  bool item = e->kind == ENTRY_BULLET || e->label;
  bool line_open = false;
  if (item) {
    if (e->label) {
      spans(w, e->label->sp);
      fputc(' ', out);
    } else {
      fputs(w->md ? "- " : "\xE2\x80\xA2 ", out);
    }
  }
  if (e->degree) {
    spans(w, e->degree->sp);
    line_open = true;
  }
  for (int i = 0; i < e->nmain; i++) {
    const struct rline *ln = &e->main[i];
    if (ln->kind == RL_HIGHLIGHTS) {
      if (line_open)
        fputs(item ? "\n" : "\n\n", out);
      line_open = false;
      list(w, e->highlights, item ? 1 : 0);
      continue;
    }
    if (line_open) /* the lines of one paragraph */
      fputs(w->md ? "  \n" : "\n", out);
    if (item && i > 0)
      fputs("  ", out);
    spans(w, ln->text.sp);
    line_open = true;
  }
  /* the date and location after the main column, on one line */
  for (int i = 0; i < e->nright; i++) {
    if (i == 0 && line_open)
      fputs(w->md ? "  \n" : "\n", out);
    else if (i)
      fputs(" | ", out);
    if (w->md)
      fputc('*', out);
    spans(w, e->right[i].sp);
    if (w->md)
      fputc('*', out);
    line_open = true;
  }
  if (line_open)
    fputc('\n', out);
  if (!item)
    fputc('\n', out);
}

void text_render(FILE *out, const struct realized *r, enum text_kind kind) {
  struct writer_t w = {out, kind == TEXT_MARKDOWN, false};
  if (r->name) {
    fputs(w.md ? "# " : "", out);
    w.heading = true;
    spans(&w, r->name->sp);
    w.heading = false;
    fputs("\n\n", out);
  }
  if (r->headline) {
    spans(&w, r->headline->sp);
    fputs("\n\n", out);
  }
  for (int i = 0; i < r->nconns; i++) {
    if (i)
      fputs(w.md ? " \xC2\xB7 " : " | ", out);
    spans(&w, r->conns[i].text.sp);
  }
  if (r->nconns)
    fputs("\n\n", out);
  for (int i = 0; i < r->nsections; i++) {
    const struct rsection *sec = &r->sections[i];
    if (w.md) {
      fputs("## ", out);
      w.heading = true;
      spans(&w, sec->title.sp);
      w.heading = false;
      fputs("\n\n", out);
    } else { /* a title underlined, as wide as its characters */
      spans(&w, sec->title.sp);
      size_t n = utf8_length(sec->plain, strlen(sec->plain));
      fputc('\n', out);
      for (size_t k = 0; k < n && k < 200; k++)
        fputc('=', out);
      fputs("\n\n", out);
    }
    bool in_list = false;
    for (int j = 0; j < sec->n; j++) {
      const struct rentry *e = &sec->v[j];
      bool item = e->kind == ENTRY_BULLET || e->label;
      if (in_list && !item)
        fputc('\n', out); /* a list ends before what is not an item */
      entry(&w, e);
      in_list = item;
    }
    if (in_list)
      fputc('\n', out);
  }
}
