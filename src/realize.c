/* realize.c: CV model + style -> realized document (see realize.h).
 *
 * Owns what the CV says in words: RenderCV's entry templates and their
 * placeholders, dates and time spans (through tmpl.c), phone number
 * formats, what each connection reads and which icon it has, bold
 * keywords, and the link policy (only http, https, mailto and tel reach
 * the PDF). It measures nothing; layout.c places what it writes.
 */
#include "realize.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "embedded.h"
#include "image.h"
#include "tmpl.h"

struct realizer {
  struct ctx *c;
  struct arena *a; /* what is kept: the realized document (c->doc) */
  struct arena *t; /* scratch (c->tmp): filled templates, parsing; reset
                      after each entry */
  const struct cv *cv;
  const struct style *s;
};

/* ---- links and text ---- */

/* Only links a reader can safely follow reach the PDF: http, https,
 * mailto and tel. A web address without its scheme gets https://;
 * internal anchors ("#x") are not linked yet. Any other target is an
 * error at `loc` when d is given (and silently unlinked when not). */
static void check_links(struct arena *a, struct diag *d, struct spans *sp,
                        struct loc loc) {
  for (int i = 0; i < sp->n; i++) {
    struct span *x = &sp->v[i];
    if (!x->url)
      continue;
    const char *u = x->url;
    if (!strncasecmp(u, "http://", 7) || !strncasecmp(u, "https://", 8) ||
        !strncasecmp(u, "mailto:", 7) || !strncasecmp(u, "tel:", 4))
      continue;
    if (u[0] == '#' || u[0] == 0) {
      x->url = NULL;
      continue;
    }
    const char *colon = strchr(u, ':'), *slash = strchr(u, '/');
    if (!colon || (slash && slash < colon)) {
      /* "example.com/x": a web address without its scheme */
      if (strchr(u, '.') && !strchr(u, ' '))
        x->url = arena_printf(a, "https://%s", u);
      else
        x->url = NULL;
      continue;
    }
    if (d)
      diag_error(d, loc,
                 "link target '%s' is not allowed: only http, https, mailto "
                 "and tel links are written to the PDF",
                 u);
    x->url = NULL;
  }
}

/* Markup parsed, bold keywords applied, links checked. */
static struct spans spans_in(struct arena *a, struct diag *d,
                             const struct cv *cv, const char *text,
                             struct loc loc) {
  struct spans sp = markup_parse(a, text, strlen(text));
  sp = markup_bold_keywords(a, sp, cv->bold_keywords, cv->nbold_keywords);
  check_links(a, d, &sp, loc);
  return sp;
}

/* sp (made in scratch memory) copied into arena a: one array of spans,
 * one block of their texts, and each link target once (spans that shared
 * a target share its copy: layout tells a link's parts by it). */
static struct spans keep(struct arena *a, struct spans sp) {
  size_t bytes = 0;
  for (int i = 0; i < sp.n; i++)
    bytes += (size_t)sp.v[i].len + 1;
  struct spans out = {arena_alloc(a, sizeof(struct span) * (size_t)(sp.n + 1)),
                      sp.n};
  char *text = arena_alloc(a, bytes + 1);
  for (int i = 0; i < sp.n; i++) {
    struct span *x = &out.v[i];
    *x = sp.v[i];
    memcpy(text, x->s, (size_t)x->len);
    text[x->len] = 0;
    x->s = text;
    text += x->len + 1;
    if (!x->url)
      continue;
    int j = 0;
    while (j < i && sp.v[j].url != sp.v[i].url)
      j++;
    x->url = j < i ? out.v[j].url : arena_strdup(a, x->url);
  }
  return out;
}

static struct rtext text_at(struct realizer *R, const char *text,
                            struct loc loc) {
  struct spans sp = spans_in(R->t, R->c->diag, R->cv, text, loc);
  return (struct rtext){keep(R->a, sp), loc};
}

static const struct rtext *text_new(struct realizer *R, const char *text,
                                    struct loc loc) {
  struct rtext *t = arena_alloc(R->a, sizeof *t);
  *t = text_at(R, text, loc);
  return t;
}

static const struct rlist *list_of(struct realizer *R,
                                   const struct item_list *l) {
  if (!l || !l->n)
    return NULL;
  struct rlist *r = arena_alloc(R->a, sizeof *r);
  r->v = arena_alloc(R->a, sizeof(struct ritem) * (size_t)l->n);
  r->n = l->n;
  for (int i = 0; i < l->n; i++) {
    r->v[i].text = text_at(R, l->v[i].text.s, l->v[i].text.loc);
    r->v[i].sub = list_of(R, l->v[i].children);
  }
  return r;
}

/* ---- the placeholders of an entry ---- */

struct ph {
  const struct entry *e;
  const char *date, *start, *end, *authors, *url, *doi, *dwa;
};

static const char *ph_lookup(void *user, const char *name, int n) {
  struct ph *p = user;
  const struct entry *e = p->e;
#define IS(lit) (n == (int)sizeof(lit) - 1 && memcmp(name, lit, (size_t)n) == 0)
  if (IS("DATE"))
    return p->date;
  if (IS("START_DATE"))
    return p->start;
  if (IS("END_DATE"))
    return p->end;
  if (IS("AUTHORS"))
    return p->authors;
  if (IS("URL"))
    return p->url;
  if (IS("DOI"))
    return p->doi;
  if (IS("DEGREE_WITH_AREA"))
    return p->dwa;
  if (IS("HIGHLIGHTS"))
    return e->highlights && e->highlights->n ? "" : NULL;
#undef IS
  char key[64];
  if (n >= (int)sizeof key)
    return NULL;
  for (int i = 0; i < n; i++)
    key[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
  key[n] = 0;
  const struct text *t = entry_field(e, key);
  return t ? t->s : NULL;
}

/* markup-safe text for a link label: escape what markup would eat */
static const char *escape(struct arena *a, const char *s) {
  size_t n = strlen(s);
  char *o = arena_alloc(a, 2 * n + 1), *q = o;
  for (const char *p = s; *p; p++) {
    if (strchr("*_`[]<>^\\", *p))
      *q++ = '\\';
    *q++ = *p;
  }
  *q = 0;
  return o;
}

/* Does RenderCV show the time span in this section? It matches titles
 * lower-cased with spaces as underscores. */
static bool span_section(const struct style *s, const struct section *sec) {
  char norm[256];
  size_t k = 0;
  for (const char *q = sec->title; *q && k < sizeof norm - 1; q++)
    norm[k++] =
        *q == ' ' ? '_' : (char)((*q >= 'A' && *q <= 'Z') ? *q + 32 : *q);
  norm[k] = 0;
  for (int i = 0; i < s->ntime_span_sections; i++)
    if (strcasecmp(norm, s->time_span_sections[i]) == 0)
      return true;
  return false;
}

static void fill_ph(struct realizer *R, struct ph *p, const struct entry *e,
                    const struct section *sec) {
  struct arena *a = R->t;
  memset(p, 0, sizeof *p);
  p->e = e;
  bool span = span_section(R->s, sec) && e->start.kind != DATE_NONE;
  p->date = tmpl_entry_date(a, R->s, e, span, R->cv);
  p->start = tmpl_date(a, R->s, &e->start);
  p->end = e->start.kind != DATE_NONE ? tmpl_date(a, R->s, &e->end) : NULL;
  if (e->nauthors) {
    size_t total = 0;
    for (int i = 0; i < e->nauthors; i++)
      total += strlen(e->authors[i].s) + 2;
    char *o = arena_alloc(a, total + 1);
    for (int i = 0; i < e->nauthors; i++) {
      if (i)
        strcat(o, ", ");
      strcat(o, e->authors[i].s);
    }
    p->authors = o;
  }
  const struct text *doi = entry_field(e, "doi"), *url = entry_field(e, "url");
  if (doi) {
    p->doi = arena_printf(a, "[%s](https://doi.org/%s)", escape(a, doi->s),
                          doi->s);
    p->url = p->doi;
  } else if (url) {
    const char *shown = cv_clean_url(a, url->s);
    p->url = arena_printf(a, "[%s](%s)", escape(a, shown), url->s);
  }
  const struct text *deg = entry_field(e, "degree"),
                    *area = entry_field(e, "area");
  if (deg && area) {
    struct ph q = *p;
    const char *t = R->s->locale.degree_with_area;
    p->dwa = tmpl_line(a, t, (int)strlen(t), ph_lookup, &q, true);
  } else if (deg || area) {
    /* RenderCV 2.8: the phrase's connector words ("in", "en", ...) go
     * with the missing half: "Mechanical Engineering", not "in
     * Mechanical Engineering" */
    p->dwa = (deg ? deg : area)->s;
  }
}

/* A template's lines, filled: a line naming HIGHLIGHTS stands for the
 * highlights (and goes if there are none), a line naming SUMMARY is the
 * summary, and a line whose placeholders are all missing goes. The text
 * of a line is markup (NULL for the highlights). */
struct tline {
  enum rline_kind kind;
  const char *s;
};

static struct tline *expand(struct realizer *R, const char *tmpl,
                            struct ph *p, int *n) {
  VEC(struct tline) out = {0};
  const char *q = tmpl;
  while (q && *q) {
    const char *e = strchr(q, '\n');
    int ln = e ? (int)(e - q) : (int)strlen(q);
    bool hl = false, sum = false;
    for (int i = 0; i + 10 <= ln; i++)
      if (!memcmp(q + i, "HIGHLIGHTS", 10))
        hl = true;
    for (int i = 0; i + 7 <= ln; i++)
      if (!memcmp(q + i, "SUMMARY", 7))
        sum = true;
    if (hl) {
      if (p->e->highlights && p->e->highlights->n)
        VEC_PUSH(R->t, out, ((struct tline){RL_HIGHLIGHTS, NULL}));
    } else {
      char *line = tmpl_line(R->t, q, ln, ph_lookup, p, true);
      if (line)
        VEC_PUSH(R->t, out, ((struct tline){sum ? RL_SUMMARY : RL_TEXT, line}));
    }
    q = e ? e + 1 : NULL;
  }
  *n = out.n;
  return out.v;
}

/* ---- entries ---- */

static const struct entry_template *template_of(const struct style *s,
                                                enum entry_kind k) {
  switch (k) {
  case ENTRY_EDUCATION:
    return &s->t_education;
  case ENTRY_EXPERIENCE:
    return &s->t_experience;
  case ENTRY_NORMAL:
    return &s->t_normal;
  case ENTRY_PUBLICATION:
    return &s->t_publication;
  case ENTRY_ONE_LINE:
    return &s->t_one_line;
  default:
    return &s->t_text;
  }
}

/* The date-and-location column: the template's text lines, a line each
 * (a date range and its time span are two); summary and highlights lines
 * have no place there. */
static void right_column(struct realizer *R, struct rentry *re,
                         const struct entry *e, const char *tmpl,
                         struct ph *p) {
  int n;
  struct tline *lines = expand(R, tmpl, p, &n);
  VEC(struct rtext) out = {0};
  for (int i = 0; i < n; i++) {
    if (lines[i].kind != RL_TEXT)
      continue;
    const char *q = lines[i].s;
    while (q) {
      const char *nl = strchr(q, '\n');
      const char *one = nl ? arena_strndup(R->t, q, (size_t)(nl - q)) : q;
      if (*one)
        VEC_PUSH(R->t, out, text_at(R, one, e->loc));
      q = nl ? nl + 1 : NULL;
    }
  }
  re->right = arena_alloc(R->a, sizeof(struct rtext) * (size_t)(out.n + 1));
  if (out.n)
    memcpy(re->right, out.v, sizeof(struct rtext) * (size_t)out.n);
  re->nright = out.n;
}

/* A text, bullet or numbered entry: its text's paragraphs (blank lines
 * separate them), then its highlights. */
static void text_column(struct realizer *R, struct rentry *re,
                        const struct entry *e) {
  const char *key = e->kind == ENTRY_TEXT     ? "text"
                    : e->kind == ENTRY_BULLET ? "bullet"
                    : e->kind == ENTRY_NUMBERED ? "number"
                                                : "reversed_number";
  const struct text *tx = entry_field(e, key);
  struct loc at = tx ? tx->loc : e->loc;
  if (e->kind == ENTRY_NUMBERED || e->kind == ENTRY_REVERSED)
    re->label = text_new(R, arena_printf(R->t, "%d.", e->number), e->loc);
  VEC(struct rline) out = {0};
  const char *q = tx ? tx->s : "";
  while (q) {
    const char *blank = strstr(q, "\n\n");
    const char *piece = blank ? arena_strndup(R->t, q, (size_t)(blank - q)) : q;
    VEC_PUSH(R->t, out, ((struct rline){RL_TEXT, text_at(R, piece, at)}));
    q = blank ? blank + 2 : NULL;
    while (q && *q == '\n')
      q++;
    if (q && !*q)
      q = NULL;
  }
  if (e->highlights && e->highlights->n)
    VEC_PUSH(R->t, out, ((struct rline){RL_HIGHLIGHTS, {{0}, e->loc}}));
  re->main = arena_alloc(R->a, sizeof(struct rline) * (size_t)out.n);
  memcpy(re->main, out.v, sizeof(struct rline) * (size_t)out.n);
  re->nmain = out.n;
}

static const struct rtable *table_of(struct realizer *R,
                                     const struct table *t) {
  struct rtable *rt = arena_alloc(R->a, sizeof *rt);
  rt->heading_col = t->has_row_headings;
  rt->ncols = t->ncells + (t->has_row_headings ? 1 : 0);
  rt->nrows = t->nrows + (t->ncolumns ? 1 : 0);
  rt->widths = t->widths;
  rt->cells = arena_alloc(R->a, sizeof(struct rcell) *
                                    (size_t)rt->ncols * (size_t)rt->nrows);
  rt->heads =
      arena_alloc(R->a, sizeof(struct rtext *) * (size_t)(t->nrows + 1));
  const struct rtext *corner =
      t->corner.s ? text_new(R, t->corner.s, t->corner.loc) : NULL;
  for (int r = 0; r < rt->nrows; r++) {
    bool header = t->ncolumns && r == 0;
    const struct table_row *row =
        header ? NULL : &t->rows[r - (t->ncolumns ? 1 : 0)];
    for (int c = 0; c < rt->ncols; c++) {
      struct rcell *cell = &rt->cells[r * rt->ncols + c];
      struct text text = {0};
      const struct item_list *list = NULL;
      if (header) {
        int idx = c;
        if (t->has_row_headings && t->ncolumns == t->ncells)
          idx = c - 1; /* no heading over the row-heading column */
        if (idx >= 0 && idx < t->ncolumns)
          text = t->columns[idx];
        else if (c == 0 && corner)
          cell->text = corner;
        cell->heading = true;
      } else if (t->has_row_headings && c == 0) {
        text = row->heading;
        cell->heading = true;
      } else {
        int idx = c - (t->has_row_headings ? 1 : 0);
        if (idx < row->n) {
          text = row->cells[idx].text;
          list = row->cells[idx].list;
        }
      }
      if (text.s)
        cell->text = text_new(R, text.s, text.loc);
      cell->list = list_of(R, list);
      if (!header && c == 0 && t->has_row_headings && cell->text)
        rt->heads[rt->nheads++] = cell->text;
    }
  }
  if (t->has_row_headings && corner)
    rt->heads[rt->nheads++] = corner;
  return rt;
}

/* Realize entry e of section sec into re; false if it shows nothing (a
 * disabled page break). */
static bool entry_of(struct realizer *R, struct rentry *re,
                     const struct entry *e, const struct section *sec) {
  memset(re, 0, sizeof *re);
  re->kind = e->kind;
  re->loc = e->loc;
  if (e->kind == ENTRY_PAGE_BREAK)
    return e->number != -1;
  if (e->kind == ENTRY_TABLE) {
    re->table = table_of(R, e->table);
    return true;
  }
  struct ph p;
  fill_ph(R, &p, e, sec);
  const struct entry_template *t = template_of(R->s, e->kind);
  if ((p.date || entry_field(e, "location")) && t->date_col)
    right_column(R, re, e, t->date_col, &p);
  if (e->kind == ENTRY_EDUCATION && t->degree) {
    /* the degree column holds one line: the template's first */
    int n;
    struct tline *dl = expand(R, t->degree, &p, &n);
    for (int i = 0; i < n && !re->degree; i++)
      if (dl[i].s)
        re->degree = text_new(R, dl[i].s, e->loc);
  }
  if (e->kind == ENTRY_TEXT || e->kind == ENTRY_BULLET ||
      e->kind == ENTRY_NUMBERED || e->kind == ENTRY_REVERSED) {
    text_column(R, re, e);
    re->highlights = list_of(R, e->highlights);
    return true;
  }
  int n;
  struct tline *lines = expand(R, t->main, &p, &n);
  re->main = arena_alloc(R->a, sizeof(struct rline) * (size_t)(n ? n : 1));
  for (int i = 0; i < n; i++) {
    re->main[i].kind = lines[i].kind;
    re->main[i].text = lines[i].s ? text_at(R, lines[i].s, e->loc)
                                  : (struct rtext){{0}, e->loc};
  }
  re->nmain = n;
  re->highlights = list_of(R, e->highlights);
  return true;
}

/* ---- the header ---- */

/* Fork Awesome's picture for a connection (RenderCV's choice of Font
 * Awesome icons; Bluesky has none and gets the globe). */
static const struct {
  const char *kind, *icon;
} CONN_ICONS[] = {
    {"location", "map-marker"},     {"email", "envelope"},
    {"phone", "phone"},             {"website", "link"},
    {"LinkedIn", "linkedin"},       {"GitHub", "github"},
    {"GitLab", "gitlab"},           {"IMDB", "imdb"},
    {"Instagram", "instagram"},     {"ORCID", "orcid"},
    {"Mastodon", "mastodon"},       {"StackOverflow", "stack-overflow"},
    {"ResearchGate", "researchgate"}, {"YouTube", "youtube"},
    {"Google Scholar", "graduation-cap"}, {"Telegram", "telegram"},
    {"WhatsApp", "whatsapp"},       {"Leetcode", "code"},
    {"X", "twitter"},               {"Bluesky", "globe"},
    {"Reddit", "reddit"},
};

/* The code point of a named icon (data/icons/forkawesome.tsv), or 0. */
static uint32_t icon_codepoint(const char *name) {
  const struct embedded *e = embedded_find("icons/forkawesome.tsv");
  if (!e || !name)
    return 0;
  size_t n = strlen(name);
  const char *p = e->data, *end = e->data + e->len;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl)
      nl = end;
    const char *tab = memchr(p, '\t', (size_t)(nl - p));
    if (tab && (size_t)(tab - p) == n && memcmp(p, name, n) == 0)
      return (uint32_t)strtoul(tab + 1, NULL, 16);
    p = nl + 1;
  }
  return 0;
}

/* Countries whose national numbers start with a trunk 0 (most of Europe,
 * Asia and Oceania); the rest drop only the country code. */
static bool trunk_zero(const char *cc) {
  /* not Greece, Spain, Italy, Portugal, Poland, Czechia, Mexico or the
   * Nordic countries, which dial the same number at home and abroad */
  static const char *const z[] = {
      "20",  "27",  "31",  "32",  "33",  "40",  "41",  "43",  "44",  "46",
      "49",  "51",  "54",  "55",  "57",  "58",  "60",  "61",  "62",  "63",
      "64",  "66",  "81",  "82",  "84",  "86",  "90",  "91",  "92",  "93",
      "94",  "98",  "212", "213", "216", "218", "234", "254", "353", "358",
      "359", "380", "381", "385", "386", "421", "880", "886", "966", "971",
      "972", "977"};
  for (size_t i = 0; i < sizeof z / sizeof z[0]; i++)
    if (!strcmp(cc, z[i]))
      return true;
  return false;
}

/* Country code lengths: 1 (NANP, Russia), else 2 if listed, else 3. */
static int cc_len(const char *d) {
  if (d[0] == '1' || d[0] == '7')
    return 1;
  static const char *const two[] = {
      "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43",
      "44", "45", "46", "47", "48", "49", "51", "52", "53", "54", "55", "56",
      "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84",
      "86", "90", "91", "92", "93", "94", "95", "98"};
  for (size_t i = 0; i < sizeof two / sizeof two[0]; i++)
    if (!strncmp(d, two[i], 2))
      return 2;
  return 3;
}

/* Without the country rules of libphonenumber, groups stay as written,
 * except for North American numbers, which get their usual (555)
 * 555-5555 form. */
const char *realize_phone(struct arena *a, const char *written, int fmt) {
  char d[64];
  int n = 0;
  for (const char *p = written; *p && n < 60; p++)
    if (*p >= '0' && *p <= '9')
      d[n++] = *p;
  d[n] = 0;
  const char *w = written;
  while (*w == ' ')
    w++;
  bool intl = w[0] == '+' || (w[0] == '0' && w[1] == '0');
  if (!intl)
    return written; /* no country code: nothing to convert */
  const char *digits = w[0] == '+' ? d : d + 2;
  if (fmt == 2)
    return arena_printf(a, "+%s", digits);
  if (digits[0] == '1' && strlen(digits) == 11) {
    const char *x = digits + 1;
    return fmt == 0 ? arena_printf(a, "(%.3s) %.3s-%.4s", x, x + 3, x + 6)
                    : arena_printf(a, "+1 %.3s-%.3s-%.4s", x, x + 3, x + 6);
  }
  /* the written groups after the country code */
  int cl = cc_len(digits);
  char cc[4];
  memcpy(cc, digits, (size_t)cl);
  cc[cl] = 0;
  const char *p = w + (w[0] == '+' ? 1 : 2);
  int seen = 0;
  while (*p && seen < cl) {
    if (*p >= '0' && *p <= '9')
      seen++;
    p++;
  }
  while (*p == ' ' || *p == '-' || *p == '.' || *p == '/')
    p++;
  bool paren = *p == '(';
  const char *rest = p;
  if (fmt == 1)
    return arena_printf(a, "+%s %s", cc, rest);
  if (paren) /* "+44 (0)20 ..." already shows its trunk prefix */
    return arena_printf(a, "%s", rest);
  return arena_printf(a, "%s%s", trunk_zero(cc) ? "0" : "", rest);
}

/* A connection as RenderCV writes it: a location or custom text as
 * markup; a social network as its username (or its address, with
 * header.connections.display_urls_instead_of_usernames); a phone number
 * in the style's format; the rest as written. */
static struct rconn conn_of(struct realizer *R, const struct connection *cn) {
  const struct style *s = R->s;
  struct rconn rc = {cn->kind, {{0}, cn->display.loc}, 0};
  struct spans sp;
  if (!strcmp(cn->kind, "location") || !strcmp(cn->kind, "custom")) {
    sp = spans_in(R->t, R->c->diag, R->cv, cn->display.s, cn->display.loc);
  } else {
    const char *t = cn->display.s;
    if (cn->username) {
      if (s->conn_urls && cn->url)
        t = cv_clean_url(R->t, cn->url);
      else if (!strcmp(cn->kind, "Google Scholar"))
        t = "Google Scholar";
    } else if (!strcmp(cn->kind, "phone")) {
      t = realize_phone(R->t, cn->display.s, s->phone_format);
    }
    sp.v = arena_alloc(R->t, sizeof(struct span));
    sp.n = 1;
    sp.v[0] = (struct span){t, (int)strlen(t), 0, NULL, 0};
  }
  for (int k = 0; k < sp.n; k++)
    if (!s->conn_hyperlink)
      sp.v[k].url = NULL;
    else if (cn->url && !sp.v[k].url && !(sp.v[k].style & (SP_GLUE | SP_BREAK)))
      sp.v[k].url = cn->url;
  check_links(R->t, R->c->diag, &sp, cn->display.loc);
  rc.text.sp = keep(R->a, sp);
  if (s->conn_icons) {
    if (!strcmp(cn->kind, "custom")) {
      if (cn->icon.s && !(rc.icon = icon_codepoint(cn->icon.s)))
        diag_warn(R->c->diag, cn->icon.loc,
                  "no icon named '%s' in Fork Awesome; the connection is "
                  "drawn without one",
                  cn->icon.s);
    } else {
      for (size_t i = 0; i < sizeof CONN_ICONS / sizeof CONN_ICONS[0]; i++)
        if (!strcmp(cn->kind, CONN_ICONS[i].kind))
          rc.icon = icon_codepoint(CONN_ICONS[i].icon);
    }
  }
  return rc;
}

/* ---- the document ---- */

bool realize_note(struct arena *a, const struct realized *r,
                  const char *tmpl, int page, int total, struct spans *out) {
  const char *t = tmpl_note(a, r->style, r->cv, tmpl, r->author, page, total);
  if (!t || !*t)
    return false;
  *out = spans_in(a, NULL, r->cv, t, (struct loc){r->file, 0, 0});
  return true;
}

bool realize(struct ctx *c, const char *file, const struct cv *cv,
             const struct style *s, const char *author,
             struct realized *out) {
  struct realizer R = {c, &c->doc, &c->tmp, cv, s};
  int errors = c->diag->errors;
  memset(out, 0, sizeof *out);
  out->file = file;
  out->cv = cv;
  out->style = s;
  out->author = author;
  if (cv->name.s)
    out->name = text_new(&R, cv->name.s, cv->name.loc);
  if (cv->headline.s)
    out->headline = text_new(&R, cv->headline.s, cv->headline.loc);
  if (cv->photo.s && cv->photo_path) {
    struct image_info im;
    const char *why = image_probe(cv->photo_path, &im);
    if (why) {
      diag_error(c->diag, cv->photo.loc, "photo '%s': %s", cv->photo.s, why);
    } else {
      struct rphoto *ph = arena_alloc(R.a, sizeof *ph);
      *ph = (struct rphoto){cv->photo_path, cv->photo.loc, im.png == 1,
                            im.width, im.height};
      out->photo = ph;
    }
  }
  out->conns =
      arena_alloc(R.a, sizeof(struct rconn) * (size_t)(cv->nconnections + 1));
  for (int i = 0; i < cv->nconnections; i++) {
    out->conns[out->nconns++] = conn_of(&R, &cv->connections[i]);
    arena_reset(R.t);
  }
  if (cv->nconnections && s->conn_separator && *s->conn_separator) {
    struct rtext *sep = arena_alloc(R.a, sizeof *sep);
    sep->sp = keep(R.a, markup_parse(R.t, s->conn_separator,
                                     strlen(s->conn_separator)));
    sep->loc = cv->connections[0].display.loc;
    out->separator = sep;
  }
  out->sections =
      arena_alloc(R.a, sizeof(struct rsection) * (size_t)(cv->nsections + 1));
  for (int i = 0; i < cv->nsections; i++) {
    const struct section *sec = &cv->sections[i];
    struct rsection *rs = &out->sections[out->nsections++];
    rs->title = text_at(&R, sec->title, sec->loc);
    rs->plain = markup_plain(R.a, rs->title.sp);
    rs->v = arena_alloc(R.a, sizeof(struct rentry) * (size_t)(sec->n + 1));
    for (int j = 0; j < sec->n; j++) {
      if (entry_of(&R, &rs->v[rs->n], &sec->entries[j], sec))
        rs->n++;
      arena_reset(R.t);
    }
  }
  /* RenderCV draws its bullet `●` as a larger `•` (layout sizes it) */
  const char *bullets[2] = {s->bullet, s->nested_bullet};
  for (int i = 0; i < 2; i++)
    out->bullet[i] = text_at(
        &R, strcmp(bullets[i], BIG_BULLET) ? bullets[i] : "\xE2\x80\xA2",
        (struct loc){0});
  /* the notes' links, checked once here rather than on every page */
  const char *notes[2] = {s->show_footer ? s->t_footer : NULL,
                          s->show_top_note ? s->t_top_note : NULL};
  for (int i = 0; i < 2; i++) {
    const char *t = tmpl_note(R.t, s, cv, notes[i], author, 1, 1);
    if (t && *t)
      spans_in(R.t, c->diag, cv, t, (struct loc){out->file, 0, 0});
  }
  arena_reset(R.t);
  return c->diag->errors == errors;
}
