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

#include <stdlib.h>
#include <string.h>

#include "family.h"
#include "files.h"
#include "utf8.h"

struct writer_t {
  FILE *out;
  bool md;
  bool heading; /* a heading's text: its own weight, no emphasis */
};

/* Does span i begin a link, or end one (its neighbours link elsewhere)? */
static bool link_starts(struct spans sp, int i) {
  const char *u = sp.v[i].url, *prev = i ? sp.v[i - 1].url : NULL;
  return u && (!prev || strcmp(prev, u) != 0);
}

static bool link_ends(struct spans sp, int i) {
  const char *u = sp.v[i].url, *next = i + 1 < sp.n ? sp.v[i + 1].url : NULL;
  return u && (!next || strcmp(next, u) != 0);
}

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
    /* (a citation links to a place Markdown has no name for: plain) */
    bool linked = x->url && x->url[0] != '#';
    if (linked && link_starts(sp, i))
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
    if (linked && link_ends(sp, i)) {
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
  bool after_list = false; /* Markdown: a list was written last */
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
      after_list = w->md && !item;
      continue;
    }
    if (line_open) /* the lines of one paragraph */
      fputs(w->md ? "  \n" : "\n", out);
    else if (after_list) /* (a line just after a list would be its last
                            item's: CommonMark's lazy continuation) */
      fputc('\n', out);
    after_list = false;
    if (item && i > 0)
      fputs("  ", out);
    spans(w, ln->text.sp);
    line_open = true;
  }
  /* the date and location after the main column, on one line */
  for (int i = 0; i < e->nright; i++) {
    if (i == 0 && line_open)
      fputs(w->md ? "  \n" : "\n", out);
    else if (i == 0 && after_list)
      fputc('\n', out);
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


/* ---- HTML ---- */

static void html_text(FILE *out, const char *s, int len) {
  for (int i = 0; i < len; i++) {
    switch (s[i]) {
    case '&': fputs("&amp;", out); break;
    case '<': fputs("&lt;", out); break;
    case '>': fputs("&gt;", out); break;
    case '"': fputs("&quot;", out); break;
    default: fputc(s[i], out);
    }
  }
}

/* Does the text of spans [i, j) hold a right-to-left letter? */
static bool has_rtl(struct spans sp, int i, int j) {
  for (; i < j; i++)
    for (const char *p = sp.v[i].s,
                    *e = sp.v[i].style & (SP_GLUE | SP_BREAK | SP_ICON)
                             ? p
                             : p + sp.v[i].len;
         p < e;) {
      if (utf8_is_rtl(utf8_next(&p)))
        return true;
    }
  return false;
}

/* The spans as HTML. In a document written right to left (rtl), a link
 * whose text has no right-to-left letter (an address, a DOI, a phone
 * number) is a left-to-right isolate (dir="ltr"), as the PDF sets it: the
 * bidi algorithm would otherwise reorder its numbers and slashes. */
static void html_spans(FILE *out, struct spans sp, bool rtl) {
  for (int i = 0; i < sp.n; i++) {
    const struct span *x = &sp.v[i];
    if (x->style & SP_ICON)
      continue;
    if (x->style & SP_GLUE) {
      fputc(' ', out);
      continue;
    }
    if (x->style & SP_BREAK) {
      fputs("<br>", out);
      continue;
    }
    if (link_starts(sp, i)) {
      int j = i + 1;
      while (j < sp.n && !link_ends(sp, j - 1))
        j++;
      fputs(rtl && !has_rtl(sp, i, j) ? "<a dir=\"ltr\" href=\"" : "<a href=\"",
            out);
      html_text(out, x->url, (int)strlen(x->url));
      fputs("\">", out);
    }
    if (x->style & SP_BOLD)
      fputs("<strong>", out);
    if (x->style & SP_ITALIC)
      fputs("<em>", out);
    if (x->style & SP_CODE)
      fputs("<code>", out);
    if (x->style & SP_SUPER)
      fputs("<sup>", out);
    html_text(out, x->s, x->len);
    if (x->style & SP_SUPER)
      fputs("</sup>", out);
    if (x->style & SP_CODE)
      fputs("</code>", out);
    if (x->style & SP_ITALIC)
      fputs("</em>", out);
    if (x->style & SP_BOLD)
      fputs("</strong>", out);
    if (link_ends(sp, i))
      fputs("</a>", out);
  }
}

/* An element holding one text: open, the spans, close. */
static void html_el(FILE *out, const char *open, struct spans sp,
                    const char *close, bool rtl) {
  fputs(open, out);
  html_spans(out, sp, rtl);
  fputs(close, out);
}

static void html_list(FILE *out, const struct rlist *l, bool rtl) {
  if (!l || !l->n)
    return;
  fputs("<ul>\n", out);
  for (int i = 0; i < l->n; i++) {
    fputs("<li>", out);
    html_spans(out, l->v[i].text.sp, rtl);
    html_list(out, l->v[i].sub, rtl);
    fputs("</li>\n", out);
  }
  fputs("</ul>\n", out);
}

static void html_table(FILE *out, const struct rtable *t, bool rtl) {
  fputs("<table>\n", out);
  for (int r = 0; r < t->nrows; r++) {
    fputs("<tr>", out);
    for (int c = 0; c < t->ncols; c++) {
      const struct rcell *cell = &t->cells[r * t->ncols + c];
      const char *tag = cell->heading ? "th" : "td";
      fprintf(out, "<%s%s>", tag,
              !cell->heading             ? ""
              : t->heading_col && c == 0 ? " scope=\"row\""
                                         : " scope=\"col\"");
      if (cell->text)
        html_spans(out, cell->text->sp, rtl);
      html_list(out, cell->list, rtl);
      fprintf(out, "</%s>", tag);
    }
    fputs("</tr>\n", out);
  }
  fputs("</table>\n", out);
}

static void html_entry(FILE *out, const struct rentry *e, bool rtl) {
  if (e->kind == ENTRY_PAGE_BREAK)
    return;
  if (e->table) {
    html_table(out, e->table, rtl);
    return;
  }
  if (e->anchor) { /* where citations of it lead */
    fputs("<div class=\"entry\" id=\"", out);
    html_text(out, e->anchor, (int)strlen(e->anchor));
    fputs("\">", out);
  } else {
    fputs("<div class=\"entry\">", out);
  }
  if (e->degree) {
    html_el(out, "<div class=\"degree\">", e->degree->sp, "</div>", rtl);
  }
  /* a bullet or number: a column of its own, as the PDF sets it (inside
   * .main it would stand on a line above the entry's first paragraph) */
  if (e->label) {
    html_el(out, "<span class=\"label\">", e->label->sp, "</span>", rtl);
  } else if (e->kind == ENTRY_BULLET) {
    fputs("<span class=\"label\">\xE2\x80\xA2</span>", out);
  }
  fputs("<div class=\"main\">", out);
  for (int i = 0; i < e->nmain; i++) {
    const struct rline *ln = &e->main[i];
    if (ln->kind == RL_HIGHLIGHTS) {
      html_list(out, e->highlights, rtl);
      continue;
    }
    html_el(out, ln->kind == RL_SUMMARY ? "<p class=\"summary\">" : "<p>",
            ln->text.sp, "</p>", rtl);
  }
  fputs("</div>", out);
  if (e->nright) {
    fputs("<div class=\"date\">", out);
    for (int i = 0; i < e->nright; i++) {
      fputs(i ? "<br>" : "", out);
      html_spans(out, e->right[i].sp, rtl);
    }
    fputs("</div>", out);
  }
  fputs("</div>\n", out);
}

static void css_name(FILE *out, const char *name) {
  fputc('"', out);
  for (const char *p = name; *p; p++)
    if (*p != '"' && *p != '<' && *p != '\\')
      fputc(*p, out);
  fputc('"', out);
}

/* A CSS font family: the design's, the family the PDF draws in its place
 * when it is neither bundled nor installed (family_standin), then the
 * generic family like it. */
static void family(FILE *out, const char *name) {
  const char *standin = family_standin(name);
  const char *like = standin ? standin : name;
  const char *generic = strstr(like, "Mono") || strstr(like, "Typewriter")
                            ? "monospace"
                        : strstr(like, "Sans") || strstr(like, "Lato") ||
                                strstr(like, "Raleway") || strstr(like, "Ubuntu")
                            ? "sans-serif"
                            : "serif";
  fputs("font-family: ", out);
  css_name(out, name);
  if (standin) {
    fputs(", ", out);
    css_name(out, standin);
  }
  fprintf(out, ", %s; ", generic);
}

/* The section title's rule, as design.section_titles.type draws it in
 * the PDF: under the whole column, after the title to the column's end
 * (partial), none, or (moderncv) a bar before the title; centred titles
 * centred. */
static void section_rule(FILE *out, int type) {
  bool centred = type >= TT_CENTERED_WITHOUT_LINE;
  switch (type) {
  case TT_WITH_FULL_LINE:
  case TT_CENTERED_WITH_FULL_LINE:
    fputs("border-bottom: 1px solid; ", out);
    break;
  case TT_WITH_PARTIAL_LINE:
    fputs("display: flex; align-items: center; gap: 0.5em; } "
          "h2::after { content: \"\"; flex: 1; border-top: 1px solid; ", out);
    break;
  case TT_CENTERED_WITH_PARTIAL_LINE:
  case TT_CENTERED_WITH_CENTERED_PARTIAL_LINE:
    fputs("display: flex; align-items: center; gap: 0.5em; } "
          "h2::before, h2::after { content: \"\"; flex: 1; "
          "border-top: 1px solid; ", out);
    break;
  case TT_MODERNCV:
    fputs("display: flex; align-items: center; gap: 0.5em; } "
          "h2::before { content: \"\"; flex: none; width: 20%; "
          "border-top: 0.3em solid; ", out);
    break;
  default:
    break;
  }
  if (centred && type != TT_CENTERED_WITH_PARTIAL_LINE &&
      type != TT_CENTERED_WITH_CENTERED_PARTIAL_LINE)
    fputs("text-align: center; ", out);
}

/* What the design sets for an element's text: size (in pt, as the PDF),
 * weight, capitals and small capitals. */
static void typography(FILE *out, const struct style *s, enum element el) {
  fprintf(out, "font-size: %.4gpt; font-weight: %s; ",
          style_len(s, s->size[el]), s->bold[el] ? "bold" : "normal");
  if (s->uppercase[el])
    fputs("text-transform: uppercase; ", out);
  if (s->small_caps[el])
    fputs("font-variant: small-caps; ", out);
}

static void color(FILE *out, const char *prop, uint32_t rgb) {
  fprintf(out, "%s: #%06X; ", prop, (unsigned)(rgb & 0xFFFFFF));
}

/* The photo as a data: URL (base64), so the page stands alone. */
static void html_photo(FILE *out, const struct realized *r, const char *alt) {
  size_t n = 0;
  struct diag quiet;
  diag_init(&quiet, out);
  quiet.silent = true;
  char *data = files_read(r->photo->path, &n, &quiet);
  if (!data)
    return;
  static const char b64[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  fprintf(out, "<img class=\"photo\" alt=\"");
  html_text(out, alt, (int)strlen(alt));
  fprintf(out, "\" src=\"data:image/%s;base64,", r->photo->png ? "png" : "jpeg");
  const unsigned char *p = (const unsigned char *)data;
  for (size_t i = 0; i < n; i += 3) {
    unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? p[i + 1] << 8 : 0) |
                 (i + 2 < n ? p[i + 2] : 0);
    fputc(b64[v >> 18 & 63], out);
    fputc(b64[v >> 12 & 63], out);
    fputc(i + 1 < n ? b64[v >> 6 & 63] : '=', out);
    fputc(i + 2 < n ? b64[v & 63] : '=', out);
  }
  fputs("\">\n", out);
  free(data);
}

static void html_render(FILE *out, const struct realized *r,
                        const char *lang, bool rtl) {
  const struct style *s = r->style;
  const char *title = r->author ? r->author : "CV";
  fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\"%s>\n<head>\n"
               "<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, "
               "initial-scale=1\">\n<title>",
          lang ? lang : "en", rtl ? " dir=\"rtl\"" : "");
  html_text(out, title, (int)strlen(title));
  fputs("</title>\n<style>\n", out);
  fputs("body { max-width: 48em; margin: 2em auto; padding: 0 1em; "
        "line-height: 1.35; ", out);
  family(out, s->family[EL_BODY]);
  typography(out, s, EL_BODY);
  if (s->alignment == ALIGN_JUSTIFY)
    fputs("text-align: justify; ", out);
  if (s->hyphenate)
    fputs("hyphens: auto; ", out);
  color(out, "color", s->c_body);
  fputs(" }\nheader { text-align: ", out);
  fputs(s->header_alignment == ALIGN_LEFT    ? "start"
        : s->header_alignment == ALIGN_RIGHT ? "end"
                                             : "center", out);
  fputs("; }\nh1 { margin: 0.2em 0; ", out);
  family(out, s->family[EL_NAME]);
  typography(out, s, EL_NAME);
  color(out, "color", s->c_name);
  fputs(" }\nh1 strong { font-weight: inherit; }\n"
        ".headline { margin: 0.2em 0; ", out);
  family(out, s->family[EL_HEADLINE]);
  typography(out, s, EL_HEADLINE);
  color(out, "color", s->c_headline);
  fputs(" }\n.connections { ", out);
  family(out, s->family[EL_CONNECTIONS]);
  typography(out, s, EL_CONNECTIONS);
  color(out, "color", s->c_connections);
  fputs(" }\n.photo { float: right; max-width: 7em; margin-left: 1em; }\n"
        "h2 { margin: 1.2em 0 0.4em; ", out);
  family(out, s->family[EL_TITLES]);
  typography(out, s, EL_TITLES);
  color(out, "color", s->c_titles);
  section_rule(out, s->title_type);
  fputs(" }\na { ", out);
  color(out, "color", s->c_links);
  fputs(" }\n.entry { display: flex; gap: 1em; margin: 0.5em 0; }\n"
        ".entry .main { flex: 1; }\n.entry p { margin: 0; }\n"
        ".entry > .label { flex: none; margin-inline-end: -0.4em; }\n"
        ".entry .date { white-space: nowrap; text-align: end; }\n"
        ".entry .summary { margin-inline-start: 1em; }\n"
        "ul { margin: 0.2em 0; padding-inline-start: 1.4em; }\n"
        "table { border-collapse: collapse; margin: 0.5em 0; }\n"
        "th, td { border: 1px solid; padding: 0.2em 0.4em; "
        "vertical-align: top; text-align: start; }\n"
        "</style>\n</head>\n<body>\n<header>\n", out);
  if (r->photo) {
    char alt[512];
    snprintf(alt, sizeof alt, "Photo of %s", title);
    html_photo(out, r, alt);
  }
  if (r->name) {
    html_el(out, "<h1>", r->name->sp, "</h1>\n", rtl);
  }
  if (r->headline) {
    html_el(out, "<p class=\"headline\">", r->headline->sp, "</p>\n", rtl);
  }
  if (r->nconns) {
    fputs("<p class=\"connections\">", out);
    for (int i = 0; i < r->nconns; i++) {
      fputs(i ? " \xC2\xB7 " : "", out);
      html_spans(out, r->conns[i].text.sp, rtl);
    }
    fputs("</p>\n", out);
  }
  fputs("</header>\n<main>\n", out);
  for (int i = 0; i < r->nsections; i++) {
    const struct rsection *sec = &r->sections[i];
    html_el(out, "<section>\n<h2>", sec->title.sp, "</h2>\n", rtl);
    for (int j = 0; j < sec->n; j++)
      html_entry(out, &sec->v[j], rtl);
    fputs("</section>\n", out);
  }
  fputs("</main>\n</body>\n</html>\n", out);
}

void text_render(FILE *out, const struct realized *r, enum text_kind kind) {
  if (kind == TEXT_HTML) {
    bool rtl = false;
    const char *lang = r->style ? locale_tag(&r->style->locale, &rtl) : NULL;
    html_render(out, r, lang, rtl);
    return;
  }
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
