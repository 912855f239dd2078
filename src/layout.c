/* layout.c: CV model + style -> vertical list (see layout.h).
 *
 * Owns the look's structure: header, section titles, the two-column entry
 * (main text left, date and place right), lists with hanging indents,
 * numbered lists, tables. Text goes through markup.c and para.c; layout
 * only chooses widths, indents, spacing and penalties.
 *
 * Two-column entries work like a LaTeX tabular row with a flush-right
 * column: each line of the right column sits on the baseline of the
 * corresponding line of the main text. With `date_and_location_width:
 * auto` (the seed theme) the right column is as wide as its widest line and
 * a paragraph that starts beside it keeps clear of it, while paragraphs
 * below it use the full width; with a fixed width (RenderCV's themes) the
 * main column is narrower all the way down, as in RenderCV.
 */
#include "layout.h"

#include <math.h>
#include <string.h>
#include <strings.h>

#include "breaker.h"
#include "family.h"
#include "markup.h"
#include "para.h"
#include "tmpl.h"

struct lay {
  struct ctx *c;
  const struct cv *cv;
  const struct style *s;
  struct arena *a;
  struct text_style ts[EL_N];
  struct text_style table_ts;
  int mono[4];
  double W; /* text width */
  bool ok;
};

/* the column an entry's main text flows in */
struct column {
  struct vlist *vl;
  double x0;     /* left edge, from the left margin */
  double full;   /* width below the right column */
  double narrow; /* width beside it */
  int nright;    /* lines of the right column */
  bool all_narrow;
  bool no_hyphens; /* table cells: ragged like LaTeX's \raggedright */
};

static double len(const struct lay *L, struct length l) {
  return style_len(L->s, l);
}

/* Baseline skip for text of this style: the leading plus the height of a
 * capital (Typst's measure, which RenderCV's line_spacing uses). */
static double bskip(const struct lay *L, const struct text_style *ts) {
  const struct font_info *fi = font_info(L->c->fonts, ts->font[0]);
  struct length ls = L->s->line_spacing;
  return ls.pt + ls.em * ts->size + fi->cap_height * ts->size / 1000.0;
}

static int count_boxes(const struct vlist *vl) {
  int n = 0;
  for (int i = 0; i < vl->n; i++)
    n += vl->v[i].kind == V_BOX;
  return n;
}

static double col_width(const struct column *col) {
  if (col->all_narrow || count_boxes(col->vl) < col->nright)
    return col->narrow;
  return col->full;
}

/* Only links a reader can safely follow reach the PDF. */
static void check_links(struct lay *L, struct spans *sp, struct loc loc) {
  for (int i = 0; i < sp->n; i++) {
    struct span *x = &sp->v[i];
    if (!x->url)
      continue;
    const char *u = x->url;
    if (!strncasecmp(u, "http://", 7) || !strncasecmp(u, "https://", 8) ||
        !strncasecmp(u, "mailto:", 7) || !strncasecmp(u, "tel:", 4))
      continue;
    if (u[0] == '#' || u[0] == 0) { /* internal anchors: not yet linked */
      x->url = NULL;
      continue;
    }
    const char *colon = strchr(u, ':'), *slash = strchr(u, '/');
    if (!colon || (slash && slash < colon)) {
      /* "example.com/x": a web address without its scheme */
      if (strchr(u, '.') && !strchr(u, ' '))
        x->url = arena_printf(L->a, "https://%s", u);
      else
        x->url = NULL;
      continue;
    }
    diag_error(L->c->diag, loc,
               "link target '%s' is not allowed: only http, https, mailto "
               "and tel links are written to the PDF",
               u);
    L->ok = false;
    x->url = NULL;
  }
}

static struct spans spans_of(struct lay *L, const char *text, struct loc loc) {
  struct spans sp = markup_parse(L->a, text, strlen(text));
  sp = markup_bold_keywords(L->a, sp, L->cv->bold_keywords,
                            L->cv->nbold_keywords);
  check_links(L, &sp, loc);
  return sp;
}

static void add_style(struct spans *sp, unsigned style) {
  for (int i = 0; i < sp->n; i++)
    sp->v[i].style |= style;
}

static enum align body_align(const struct lay *L) {
  return L->s->alignment == HA_LEFT ? ALIGN_LEFT : ALIGN_JUSTIFY;
}

static enum align h_align(int a) {
  return a == HA_CENTER ? ALIGN_CENTER
                        : a == HA_RIGHT ? ALIGN_RIGHT : ALIGN_LEFT;
}

/* Set a paragraph in a column at indent `ind`. */
static int put_para(struct lay *L, struct column *col, struct spans sp,
                    const struct text_style *ts, double ind, enum align al,
                    struct loc loc, int *first) {
  double width = col_width(col) - ind;
  if (width < ts->size * 2)
    width = ts->size * 2;
  ind += col->x0;
  struct para_opts o = {0};
  o.align = al;
  o.widths = &width;
  o.nwidths = 1;
  o.indents = &ind;
  o.nindents = 1;
  o.baselineskip = bskip(L, ts);
  o.hyphenate = L->s->hyphenate && !col->no_hyphens;
  o.brk = &L->s->breaking;
  o.loc = loc;
  return para_set(L->c, sp, ts, &o, col->vl, first);
}

/* Put `label` on the first line of a paragraph at x (baseline aligned). */
static void put_label(struct lay *L, struct vlist *vl, int first,
                      struct box *label, double x) {
  if (first < 0)
    return;
  struct box *line = vl->v[first].box;
  box_append(L->a, line, label, x, 0);
  if (label->h > line->h)
    line->h = label->h;
}

static struct box *hbox(struct lay *L, const char *text,
                        const struct text_style *ts, struct loc loc) {
  return para_hbox(L->c, spans_of(L, text, loc), ts, loc);
}

static double text_width(struct lay *L, const char *text,
                         const struct text_style *ts) {
  return para_width(L->c, markup_parse(L->a, text, strlen(text)), ts);
}

static void put_list(struct lay *L, struct column *col,
                     const struct item_list *l, int level, double x,
                     const struct text_style *ts, struct loc loc) {
  const struct style *s = L->s;
  const char *bullet = level == 0 ? s->bullet : s->nested_bullet;
  double bw = text_width(L, s->bullet, ts), nw = text_width(L, s->nested_bullet, ts);
  double lw = bw > nw ? bw : nw;
  double lx = x + len(L, s->hl_left);
  double tx = lx + lw + len(L, s->hl_gap);
  /* deep nesting stops indenting at 60 % of the column, so that text always
   * keeps room (labels then overlap nothing: they sit at the same place) */
  double limit = col->full * 0.6;
  if (tx > limit) {
    double shift = tx - limit;
    tx -= shift;
    lx -= shift;
    if (lx < 0)
      lx = 0;
  }
  for (int i = 0; i < l->n; i++) {
    const struct list_item *it = &l->v[i];
    if (i > 0)
      vlist_glue(L->a, col->vl, len(L, s->hl_between));
    int first;
    put_para(L, col, spans_of(L, it->text.s, it->text.loc), ts, tx,
             body_align(L), it->text.loc, &first);
    struct box *lab = hbox(L, bullet, ts, it->text.loc);
    put_label(L, col->vl, first, lab, col->x0 + lx);
    if (it->children && it->children->n) {
      vlist_glue(L->a, col->vl, len(L, s->hl_between));
      put_list(L, col, it->children, level + 1, tx, ts, loc);
    }
  }
}

/* ---- placeholders of an entry ---- */

struct ph {
  struct lay *L;
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

static const char *clean_url(struct arena *a, const char *url) {
  const char *s = url;
  if (!strncmp(s, "https://", 8))
    s += 8;
  else if (!strncmp(s, "http://", 7))
    s += 7;
  size_t n = strlen(s);
  if (n && s[n - 1] == '/')
    n--;
  return arena_strndup(a, s, n);
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

static void fill_ph(struct lay *L, struct ph *p, const struct entry *e,
                    const struct section *sec) {
  memset(p, 0, sizeof *p);
  p->L = L;
  p->e = e;
  bool span = false;
  for (int i = 0; i < L->s->ntime_span_sections && sec; i++) {
    /* RenderCV matches titles lower-cased with spaces as underscores */
    char norm[256];
    size_t k = 0;
    for (const char *q = sec->title; *q && k < sizeof norm - 1; q++)
      norm[k++] = *q == ' ' ? '_' : (char)((*q >= 'A' && *q <= 'Z') ? *q + 32 : *q);
    norm[k] = 0;
    if (strcasecmp(norm, L->s->time_span_sections[i]) == 0)
      span = true;
  }
  p->date = tmpl_entry_date(L->a, L->s, e, span && e->start.kind != DATE_NONE,
                            L->cv);
  p->start = tmpl_date(L->a, L->s, &e->start);
  p->end = e->start.kind != DATE_NONE ? tmpl_date(L->a, L->s, &e->end) : NULL;
  if (e->nauthors) {
    size_t total = 0;
    for (int i = 0; i < e->nauthors; i++)
      total += strlen(e->authors[i].s) + 2;
    char *o = arena_alloc(L->a, total + 1);
    for (int i = 0; i < e->nauthors; i++) {
      if (i)
        strcat(o, ", ");
      strcat(o, e->authors[i].s);
    }
    p->authors = o;
  }
  const struct text *doi = entry_field(e, "doi"), *url = entry_field(e, "url");
  if (doi) {
    p->doi = arena_printf(L->a, "[%s](https://doi.org/%s)", escape(L->a, doi->s),
                          doi->s);
    p->url = p->doi;
  } else if (url) {
    p->url = arena_printf(L->a, "[%s](%s)", escape(L->a, clean_url(L->a, url->s)),
                          url->s);
  }
  const struct text *deg = entry_field(e, "degree"), *area = entry_field(e, "area");
  if (deg || area) {
    struct ph q = *p;
    const char *t = L->s->locale.degree_with_area;
    p->dwa = tmpl_line(L->a, t, (int)strlen(t), ph_lookup, &q, true);
  }
}

/* Expand a multi-line template into lines (NULL-terminated array); a
 * HIGHLIGHTS line becomes the marker "\x01H", a SUMMARY line is prefixed
 * "\x01S" so layout can space them. */
static const char **expand(struct lay *L, const char *tmpl, struct ph *p,
                           int *n) {
  VEC(const char *) out = {0};
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
        VEC_PUSH(L->a, out, "\x01H");
    } else {
      char *line = tmpl_line(L->a, q, ln, ph_lookup, p, true);
      if (line)
        VEC_PUSH(L->a, out, sum ? arena_printf(L->a, "\x01S%s", line) : line);
    }
    q = e ? e + 1 : NULL;
  }
  VEC_PUSH(L->a, out, NULL);
  *n = out.n - 1;
  return out.v;
}

/* Forbid page breaks inside a list (an entry that must stay whole): every
 * penalty becomes 10000 and every glue after a box gets one in front. */
static void keep_whole(struct lay *L, struct vlist *vl) {
  struct vlist out = {0};
  for (int i = 0; i < vl->n; i++) {
    struct vitem it = vl->v[i];
    if (it.kind == V_PENALTY)
      it.penalty = LB_INF_PENALTY;
    else if (it.kind == V_GLUE && out.n && out.v[out.n - 1].kind == V_BOX)
      vlist_penalty(L->a, &out, LB_INF_PENALTY);
    vlist_penalty(L->a, &out, 0); /* a slot, overwritten below */
    out.v[out.n - 1] = it;
  }
  out.prev_depth = vl->prev_depth;
  out.have_prev = vl->have_prev;
  *vl = out;
}

static bool text_like(enum entry_kind k) {
  return k == ENTRY_TEXT || k == ENTRY_ONE_LINE || k == ENTRY_BULLET ||
         k == ENTRY_NUMBERED || k == ENTRY_REVERSED;
}

static const struct entry_template *template_of(const struct lay *L,
                                                enum entry_kind k) {
  switch (k) {
  case ENTRY_EDUCATION:
    return &L->s->t_education;
  case ENTRY_EXPERIENCE:
    return &L->s->t_experience;
  case ENTRY_NORMAL:
    return &L->s->t_normal;
  case ENTRY_PUBLICATION:
    return &L->s->t_publication;
  case ENTRY_ONE_LINE:
    return &L->s->t_one_line;
  default:
    return &L->s->t_text;
  }
}

static void put_table(struct lay *L, struct vlist *out, const struct entry *e);

static void put_entry(struct lay *L, struct vlist *out,
                      const struct section *sec, const struct entry *e) {
  const struct style *s = L->s;
  const struct text_style *ts = &L->ts[EL_BODY];
  if (e->kind == ENTRY_PAGE_BREAK) {
    if (e->number != -1)
      vlist_penalty(L->a, out, LB_EJECT_PENALTY);
    return;
  }
  if (e->kind == ENTRY_TABLE) {
    put_table(L, out, e);
    return;
  }
  struct ph p;
  fill_ph(L, &p, e, sec);
  const struct entry_template *t = template_of(L, e->kind);
  double side = len(L, s->side_space);
  double full = L->W - 2 * side;

  /* the right column: date and place */
  struct vlist rv = {0};
  int nright = 0;
  double rw = 0;
  bool has_right = (p.date || entry_field(e, "location")) && t->date_col;
  if (has_right) {
    int n;
    const char **lines = expand(L, t->date_col, &p, &n);
    for (int i = 0; i < n; i++) {
      /* a value may span lines (a date range and its time span) */
      const char *q = lines[i];
      while (q) {
        const char *nl = strchr(q, '\n');
        const char *one = nl ? arena_strndup(L->a, q, (size_t)(nl - q)) : q;
        if (*one && one[0] != '\x01') {
          struct spans sp = spans_of(L, one, e->loc);
          if (s->date_auto) {
            struct box *b = para_hbox(L->c, sp, ts, e->loc);
            vlist_line(L->a, &rv, b, bskip(L, ts), e->loc);
            if (b->w > rw)
              rw = b->w;
          } else {
            struct column rc = {&rv, 0, len(L, s->date_width),
                                len(L, s->date_width), 0, true, false};
            put_para(L, &rc, sp, ts, 0, h_align(s->date_alignment), e->loc,
                     NULL);
            rw = len(L, s->date_width);
          }
        }
        q = nl ? nl + 1 : NULL;
      }
    }
    nright = count_boxes(&rv);
  }
  double gap = len(L, s->column_gap);
  struct vlist ev = {0};
  struct column col = {&ev, side, full, nright ? full - rw - gap : full,
                       nright, nright && !s->date_auto, false};

  /* degree column (RenderCV's education entries) */
  struct box *degree = NULL;
  if (e->kind == ENTRY_EDUCATION && t->degree) {
    int n;
    const char **dl = expand(L, t->degree, &p, &n);
    if (n > 0) {
      degree = hbox(L, dl[0], ts, e->loc);
      double dw = len(L, s->degree_width);
      col.full -= dw + gap;
      col.narrow -= dw + gap;
      col.x0 += dw + gap;
    }
  }

  /* the main column */
  int first_line = -1;
  if (e->kind == ENTRY_TEXT || e->kind == ENTRY_BULLET ||
      e->kind == ENTRY_NUMBERED || e->kind == ENTRY_REVERSED) {
    const char *key = e->kind == ENTRY_TEXT     ? "text"
                      : e->kind == ENTRY_BULLET ? "bullet"
                      : e->kind == ENTRY_NUMBERED ? "number"
                                                  : "reversed_number";
    const struct text *tx = entry_field(e, key);
    double ind = 0, lx = 0;
    struct box *label = NULL;
    const struct text_style *lts = ts;
    if (e->kind == ENTRY_BULLET) {
      double bw = text_width(L, s->bullet, ts),
             nw = text_width(L, s->nested_bullet, ts);
      lx = len(L, s->hl_left);
      ind = lx + (bw > nw ? bw : nw) + len(L, s->hl_gap);
      label = hbox(L, s->bullet, ts, e->loc);
    } else if (e->kind != ENTRY_TEXT) {
      char num[32];
      snprintf(num, sizeof num, "%d.", e->number);
      label = hbox(L, num, lts, e->loc);
      ind = len(L, s->num_indent);
      lx = ind - len(L, s->num_gap) - label->w;
      if (lx < 0) {
        ind -= lx;
        lx = 0;
      }
    }
    /* paragraphs: blank lines separate them */
    const char *q = tx ? tx->s : "";
    bool first_para = true;
    while (q) {
      const char *blank = strstr(q, "\n\n");
      const char *piece =
          blank ? arena_strndup(L->a, q, (size_t)(blank - q)) : q;
      if (!first_para)
        vlist_glue(L->a, &ev, len(L, s->space_text));
      int first;
      put_para(L, &col, spans_of(L, piece, tx ? tx->loc : e->loc), ts, ind,
               body_align(L), tx ? tx->loc : e->loc, &first);
      if (first_para) {
        first_line = first;
        if (label)
          put_label(L, &ev, first, label, col.x0 + lx);
      }
      first_para = false;
      q = blank ? blank + 2 : NULL;
      while (q && *q == '\n')
        q++;
      if (q && !*q)
        q = NULL;
    }
    if (e->highlights && e->highlights->n) {
      vlist_glue(L->a, &ev, len(L, s->hl_between));
      put_list(L, &col, e->highlights, e->kind == ENTRY_BULLET ? 1 : 0, ind,
               ts, e->loc);
    }
  } else {
    int n;
    const char **lines = expand(L, t->main, &p, &n);
    for (int i = 0; i < n; i++) {
      const char *line = lines[i];
      if (line[0] == '\x01' && line[1] == 'H') {
        if (count_boxes(&ev))
          vlist_glue(L->a, &ev, len(L, s->hl_above));
        put_list(L, &col, e->highlights, 0, 0, ts, e->loc);
        continue;
      }
      double ind = 0;
      if (line[0] == '\x01' && line[1] == 'S') {
        line += 2;
        if (count_boxes(&ev))
          vlist_glue(L->a, &ev, len(L, s->summary_above));
        ind += len(L, s->summary_left);
      }
      int first;
      put_para(L, &col, spans_of(L, line, e->loc), ts, ind, body_align(L),
               e->loc, &first);
      if (first_line < 0)
        first_line = first;
    }
  }
  if (degree && first_line >= 0)
    put_label(L, &ev, first_line, degree, side);

  /* hang the right column's lines on the main column's lines */
  if (nright) {
    double rx = side + full - rw; /* left edge of the right column */
    int k = 0;
    for (int i = 0; i < ev.n && k < rv.n; i++) {
      if (ev.v[i].kind != V_BOX)
        continue;
      while (k < rv.n && rv.v[k].kind != V_BOX)
        k++;
      if (k >= rv.n)
        break;
      struct box *rb = rv.v[k].box, *line = ev.v[i].box;
      double dx = s->date_auto ? rx + (rw - rb->w) * (s->date_alignment == HA_RIGHT
                                                          ? 1.0
                                                          : s->date_alignment == HA_CENTER
                                                                ? 0.5
                                                                : 0.0)
                               : rx;
      box_append(L->a, line, rb, dx, 0);
      if (rb->h > line->h)
        line->h = rb->h;
      if (rb->d > line->d)
        line->d = rb->d;
      k++;
    }
    /* right lines beyond the main text get lines of their own */
    for (; k < rv.n; k++) {
      if (rv.v[k].kind != V_BOX)
        continue;
      struct box *rb = rv.v[k].box;
      struct box *line = box_new(L->a, L->W);
      double dx = s->date_auto ? rx + (rw - rb->w) * (s->date_alignment == HA_RIGHT
                                                          ? 1.0
                                                          : s->date_alignment == HA_CENTER
                                                                ? 0.5
                                                                : 0.0)
                               : rx;
      box_append(L->a, line, rb, dx, 0);
      line->h = rb->h;
      line->d = rb->d;
      vlist_line(L->a, &ev, line, bskip(L, ts), e->loc);
    }
  }
  if (!s->entries_page_break)
    keep_whole(L, &ev);
  vlist_concat(L->a, out, &ev);
}

/* ---- tables ---- */

/* Place a vertical list's boxes into `dst` from (x, y) downward; returns
 * the height used. */
static double flatten(struct lay *L, const struct vlist *vl, struct box *dst,
                      double x, double y) {
  double y0 = y;
  bool first = true;
  for (int i = 0; i < vl->n; i++) {
    const struct vitem *it = &vl->v[i];
    if (it->kind == V_GLUE && !first)
      y += it->glue;
    else if (it->kind == V_BOX) {
      first = false;
      box_append(L->a, dst, it->box, x, y + it->box->h);
      y += it->box->h + it->box->d;
    }
  }
  return y - y0;
}

static void cell_content(struct lay *L, struct vlist *vl, const struct cell *c,
                         double w, const struct text_style *ts, bool bold) {
  struct column col = {vl, 0, w, w, 0, false, true};
  if (c->text.s) {
    struct spans sp = spans_of(L, c->text.s, c->text.loc);
    if (bold)
      add_style(&sp, SP_BOLD);
    put_para(L, &col, sp, ts, 0, ALIGN_LEFT, c->text.loc, NULL);
  }
  if (c->list && c->list->n) {
    if (c->text.s)
      vlist_glue(L->a, vl, len(L, L->s->hl_between));
    double bw = text_width(L, L->s->bullet, ts);
    double tx = bw + len(L, L->s->hl_gap);
    for (int i = 0; i < c->list->n; i++) {
      const struct list_item *it = &c->list->v[i];
      if (i)
        vlist_glue(L->a, vl, len(L, L->s->hl_between));
      int first;
      put_para(L, &col, spans_of(L, it->text.s, it->text.loc), ts, tx,
               ALIGN_LEFT, it->text.loc, &first);
      put_label(L, vl, first, hbox(L, L->s->bullet, ts, it->text.loc), 0);
      if (it->children && it->children->n) {
        vlist_glue(L->a, vl, len(L, L->s->hl_between));
        struct column sub = {vl, 0, w, w, 0, false, true};
        put_list(L, &sub, it->children, 1, tx, ts, it->text.loc);
      }
    }
  }
}

static void put_table(struct lay *L, struct vlist *out, const struct entry *e) {
  const struct table *t = e->table;
  const struct text_style *ts = &L->table_ts;
  double pad = len(L, L->s->table_pad), rule = len(L, L->s->table_rule);
  double W = L->W - 2 * len(L, L->s->side_space);
  double x0 = len(L, L->s->side_space);
  int ncol = t->ncells + (t->has_row_headings ? 1 : 0);
  double *cw = arena_alloc(L->a, sizeof(double) * (size_t)ncol);
  double head_w = 0;
  struct text_style bold = *ts;
  if (t->has_row_headings) {
    for (int r = 0; r < t->nrows; r++)
      if (t->rows[r].heading.s) {
        struct spans sp = spans_of(L, t->rows[r].heading.s, t->rows[r].heading.loc);
        add_style(&sp, SP_BOLD);
        double w = para_width(L->c, sp, &bold);
        if (w > head_w)
          head_w = w;
      }
    if (t->corner.s) {
      struct spans sp = spans_of(L, t->corner.s, t->corner.loc);
      add_style(&sp, SP_BOLD);
      double w = para_width(L->c, sp, &bold);
      if (w > head_w)
        head_w = w;
    }
    head_w += 2 * pad;
    if (head_w > W / 3)
      head_w = W / 3;
    cw[0] = head_w;
  }
  double rest = W - head_w;
  double total = 0;
  for (int i = 0; i < t->ncells; i++)
    total += t->widths ? t->widths[i] : 1;
  for (int i = 0; i < t->ncells; i++)
    cw[i + (t->has_row_headings ? 1 : 0)] =
        rest * (t->widths ? t->widths[i] : 1) / total;

  /* rows: the heading row (if any), then the body rows */
  int nrows = t->nrows + (t->ncolumns ? 1 : 0);
  for (int r = 0; r < nrows; r++) {
    bool header = t->ncolumns && r == 0;
    const struct table_row *row = header ? NULL : &t->rows[r - (t->ncolumns ? 1 : 0)];
    struct vlist *cells = arena_alloc(L->a, sizeof(struct vlist) * (size_t)ncol);
    double hmax = 0;
    for (int c = 0; c < ncol; c++) {
      struct cell cell = {0};
      bool b = false;
      if (header) {
        int idx = c;
        if (t->has_row_headings && t->ncolumns == t->ncells)
          idx = c - 1; /* no heading over the row-heading column */
        if (idx >= 0 && idx < t->ncolumns)
          cell.text = t->columns[idx];
        else if (c == 0 && t->corner.s)
          cell.text = t->corner;
        b = true;
      } else if (t->has_row_headings && c == 0) {
        cell.text = row->heading;
        b = true;
      } else {
        int idx = c - (t->has_row_headings ? 1 : 0);
        if (idx < row->n)
          cell = row->cells[idx];
      }
      cell_content(L, &cells[c], &cell, cw[c] - 2 * pad, ts, b);
      double h = vlist_height(&cells[c]);
      if (h > hmax)
        hmax = h;
    }
    /* the row box: content between pads, rules around */
    double rh = hmax + 2 * pad;
    if (hmax == 0)
      rh = bskip(L, ts) + 2 * pad;
    struct box *row_box = box_new(L->a, W);
    row_box->h = rh;
    row_box->d = 0;
    double x = x0;
    struct box tmp = {0};
    for (int c = 0; c < ncol; c++) {
      flatten(L, &cells[c], &tmp, x + pad, pad);
      x += cw[c];
    }
    box_append(L->a, row_box, &tmp, 0, -rh);
    /* rules: top of every row, sides and column separators */
    uint32_t rc = L->s->c_body;
    box_add(L->a, row_box,
            (struct draw){DRAW_RULE, x0, -rh, W, rule, 0, 0, rc, NULL, 0, NULL});
    x = x0;
    for (int c = 0; c <= ncol; c++) {
      double rx = c == ncol ? x0 + W - rule : x;
      box_add(L->a, row_box,
              (struct draw){DRAW_RULE, rx, -rh, rule, rh, 0, 0, rc, NULL, 0, NULL});
      if (c < ncol)
        x += cw[c];
    }
    if (r == nrows - 1)
      box_add(L->a, row_box,
              (struct draw){DRAW_RULE, x0, -rule, W, rule, 0, 0, rc, NULL, 0, NULL});
    if (r > 0)
      vlist_penalty(L->a, out, header || r == 1 ? LB_INF_PENALTY : 0);
    vlist_box(L->a, out, row_box, e->loc);
  }
  out->have_prev = true;
  out->prev_depth = 0;
}

/* ---- section titles ---- */

static void put_title(struct lay *L, struct vlist *out,
                      const struct section *sec) {
  const struct style *s = L->s;
  const struct text_style *ts = &L->ts[EL_TITLES];
  struct spans sp = spans_of(L, sec->title, sec->loc);
  if (s->bold[EL_TITLES])
    add_style(&sp, SP_BOLD);
  if (s->uppercase[EL_TITLES])
    markup_uppercase(L->a, &sp);
  struct box *title = para_hbox(L->c, sp, ts, sec->loc);
  struct box *line = box_new(L->a, L->W);
  double th = len(L, s->title_line);
  int type = s->title_type;
  bool centered = type >= TT_CENTERED_WITHOUT_LINE;
  double tx = centered ? (L->W - title->w) / 2 : 0;
  box_append(L->a, line, title, tx, 0);
  line->h = title->h;
  line->d = title->d;
  double gap = ts->size * 0.35;
  const struct font_info *fi = font_info(L->c->fonts, ts->font[1]);
  double mid = -fi->x_height * ts->size / 2000.0 - th / 2;
  uint32_t rc = s->c_titles;
  switch (type) {
  case TT_WITH_FULL_LINE:
  case TT_CENTERED_WITH_FULL_LINE:
  case TT_MODERNCV: {
    double y = ts->size * 0.3;
    box_add(L->a, line,
            (struct draw){DRAW_RULE, 0, y, L->W, th, 0, 0, rc, NULL, 0, NULL});
    if (y + th > line->d)
      line->d = y + th;
    break;
  }
  case TT_WITH_PARTIAL_LINE:
    box_add(L->a, line,
            (struct draw){DRAW_RULE, title->w + gap, mid,
                          L->W - title->w - gap, th, 0, 0, rc, NULL, 0, NULL});
    break;
  case TT_CENTERED_WITH_PARTIAL_LINE:
  case TT_CENTERED_WITH_CENTERED_PARTIAL_LINE: {
    double w = type == TT_CENTERED_WITH_PARTIAL_LINE ? tx - gap
                                                     : (tx - gap) / 2;
    if (w > 0) {
      box_add(L->a, line,
              (struct draw){DRAW_RULE, tx - gap - w, mid, w, th, 0, 0, rc,
                            NULL, 0, NULL});
      box_add(L->a, line,
              (struct draw){DRAW_RULE, tx + title->w + gap, mid, w, th, 0, 0,
                            rc, NULL, 0, NULL});
    }
    break;
  }
  default:
    break;
  }
  vlist_glue(L->a, out, len(L, s->title_above));
  vlist_box(L->a, out, line, sec->loc);
  struct vitem *it = &out->v[out->n - 1];
  it->mark = markup_plain(L->a, spans_of(L, sec->title, sec->loc));
  it->mark_level = 0;
  vlist_penalty(L->a, out, LB_INF_PENALTY); /* keep with what follows */
  vlist_glue(L->a, out, len(L, s->title_below));
  out->have_prev = false; /* the space below is exact, not a baseline skip */
}

static void put_section(struct lay *L, struct vlist *out,
                        const struct section *sec) {
  const struct style *s = L->s;
  vlist_penalty(L->a, out, -300); /* LaTeX's \@secpenalty */
  put_title(L, out, sec);
  struct vlist sv = {0};
  const struct entry *prev = NULL;
  for (int i = 0; i < sec->n; i++) {
    const struct entry *e = &sec->entries[i];
    if (e->kind == ENTRY_PAGE_BREAK) {
      put_entry(L, &sv, sec, e);
      continue;
    }
    if (prev) {
      double g;
      if (prev->kind == ENTRY_BULLET && e->kind == ENTRY_BULLET)
        g = len(L, s->hl_between);
      else if ((prev->kind == ENTRY_NUMBERED || prev->kind == ENTRY_REVERSED) &&
               (e->kind == ENTRY_NUMBERED || e->kind == ENTRY_REVERSED))
        g = len(L, s->num_between);
      else if (text_like(prev->kind) && text_like(e->kind))
        g = len(L, s->space_text);
      else
        g = len(L, s->space_regular);
      vlist_glue(L->a, &sv, g);
    }
    put_entry(L, &sv, sec, e);
    prev = e;
  }
  if (!s->sections_page_break)
    keep_whole(L, &sv);
  vlist_concat(L->a, out, &sv);
}

/* ---- header ---- */

static void put_header(struct lay *L, struct vlist *out) {
  const struct style *s = L->s;
  const struct cv *cv = L->cv;
  enum align al = h_align(s->header_alignment);
  struct column col = {out, 0, L->W, L->W, 0, false, false};
  if (cv->name.s) {
    struct spans sp = spans_of(L, cv->name.s, cv->name.loc);
    if (s->bold[EL_NAME])
      add_style(&sp, SP_BOLD);
    if (s->uppercase[EL_NAME])
      markup_uppercase(L->a, &sp);
    put_para(L, &col, sp, &L->ts[EL_NAME], 0, al, cv->name.loc, NULL);
    vlist_glue(L->a, out, len(L, s->space_below_name));
  }
  if (cv->headline.s) {
    struct spans sp = spans_of(L, cv->headline.s, cv->headline.loc);
    if (s->bold[EL_HEADLINE])
      add_style(&sp, SP_BOLD);
    if (s->uppercase[EL_HEADLINE])
      markup_uppercase(L->a, &sp);
    put_para(L, &col, sp, &L->ts[EL_HEADLINE], 0, al, cv->headline.loc, NULL);
    vlist_glue(L->a, out, len(L, s->space_below_headline));
  }
  if (cv->nconnections) {
    /* each connection is unbreakable; breaks fall between them */
    VEC(struct span) all = {0};
    for (int i = 0; i < cv->nconnections; i++) {
      const struct connection *cn = &cv->connections[i];
      struct spans sp;
      bool social = strcmp(cn->kind, "location") && strcmp(cn->kind, "custom") &&
                    strcmp(cn->kind, "email") && strcmp(cn->kind, "phone") &&
                    strcmp(cn->kind, "website");
      if (strcmp(cn->kind, "location") == 0 || strcmp(cn->kind, "custom") == 0)
        sp = spans_of(L, cn->display.s, cn->display.loc);
      else {
        sp.v = arena_alloc(L->a, sizeof(struct span));
        sp.n = 1;
        /* a bare username says nothing without an icon: show the address */
        sp.v[0].s = social && s->conn_urls && cn->url
                        ? clean_url(L->a, cn->url)
                        : cn->display.s;
        sp.v[0].len = (int)strlen(sp.v[0].s);
      }
      if (cn->url && s->conn_hyperlink && sp.n == 1 && !sp.v[0].url)
        sp.v[0].url = cn->url;
      if (strcmp(cn->kind, "custom") == 0 && cn->url && s->conn_hyperlink)
        for (int k = 0; k < sp.n; k++)
          if (!sp.v[k].url)
            sp.v[k].url = cn->url;
      if (s->bold[EL_CONNECTIONS])
        add_style(&sp, SP_BOLD);
      if (i > 0) {
        struct span g = {"", 0, SP_GLUE, NULL, len(L, s->conn_space) / 2};
        VEC_PUSH(L->a, all, g);
        if (s->conn_separator && *s->conn_separator) {
          struct span sep = {s->conn_separator, (int)strlen(s->conn_separator),
                             0, NULL, 0};
          VEC_PUSH(L->a, all, sep);
        }
        VEC_PUSH(L->a, all, g);
      }
      for (int k = 0; k < sp.n; k++) {
        /* spaces inside a connection do not break */
        struct span x = sp.v[k];
        char *t = arena_alloc(L->a, (size_t)x.len * 2 + 1);
        int o = 0;
        for (int j = 0; j < x.len; j++) {
          if (x.s[j] == ' ') {
            t[o++] = (char)0xC2;
            t[o++] = (char)0xA0;
          } else
            t[o++] = x.s[j];
        }
        t[o] = 0;
        x.s = t;
        x.len = o;
        VEC_PUSH(L->a, all, x);
      }
    }
    struct spans sp = {all.v, all.n};
    check_links(L, &sp, cv->connections[0].display.loc);
    if (s->uppercase[EL_CONNECTIONS])
      markup_uppercase(L->a, &sp);
    put_para(L, &col, sp, &L->ts[EL_CONNECTIONS], 0, al,
             cv->connections[0].display.loc, NULL);
    vlist_glue(L->a, out, len(L, s->space_below_connections));
  }
  /* the header stays together */
  keep_whole(L, out);
}

struct page_geometry layout_geometry(const struct style *s) {
  struct page_geometry g;
  g.w = s->page_w;
  g.h = s->page_h;
  g.top = style_len(s, s->margin_top);
  g.bottom = style_len(s, s->margin_bottom);
  g.left = style_len(s, s->margin_left);
  g.right = style_len(s, s->margin_right);
  g.topskip = style_len(s, s->size[EL_BODY]);
  return g;
}

bool layout_cv(struct ctx *c, const struct cv *cv, const struct style *s,
               struct vlist *out) {
  struct lay L;
  memset(&L, 0, sizeof L);
  L.c = c;
  L.cv = cv;
  L.s = s;
  L.a = &c->lay;
  L.ok = true;
  struct page_geometry g = layout_geometry(s);
  L.W = g.w - g.left - g.right;
  if (L.W < 72 || g.h - g.top - g.bottom < 72) {
    diag_error(c->diag, (struct loc){0},
               "the margins leave less than an inch for the text");
    return false;
  }
  if (!family_find(c, s->mono_family, (struct loc){0}, L.mono))
    return false;
  uint32_t colors[EL_N] = {s->c_body, s->c_name, s->c_headline,
                           s->c_connections, s->c_titles};
  for (int i = 0; i < EL_N; i++) {
    struct text_style *ts = &L.ts[i];
    if (!family_find(c, s->family[i], s->family_loc[i], ts->font))
      return false;
    ts->mono = L.mono[0];
    ts->size = style_len(s, s->size[i]);
    ts->color = colors[i];
    ts->link_color = s->c_links;
    ts->underline_links = s->link_underline;
  }
  /* fallback families: the theme's default is used if installed; one
   * named in the file must exist */
  int fb[8], nfb = 0;
  bool named = s->fallback_loc.line > 0;
  for (int i = 0; i < s->nfallback && nfb < 8; i++) {
    int f4[4];
    struct diag *real = c->diag, silent;
    diag_init(&silent, real->out);
    silent.silent = true;
    if (!named)
      c->diag = &silent;
    bool found = family_find(c, s->fallback[i], s->fallback_loc, f4);
    c->diag = real;
    if (found)
      fb[nfb++] = f4[0];
    else if (named)
      return false;
  }
  for (int i = 0; i < EL_N; i++) {
    memcpy(L.ts[i].fallback, fb, sizeof fb);
    L.ts[i].nfallback = nfb;
  }
  L.table_ts = L.ts[EL_BODY];
  L.table_ts.size = style_len(s, s->table_size);

  put_header(&L, out);
  for (int i = 0; i < cv->nsections; i++)
    put_section(&L, out, &cv->sections[i]);
  return L.ok;
}
