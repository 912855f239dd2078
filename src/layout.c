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
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "breaker.h"
#include "embedded.h"
#include "family.h"
#include "image.h"
#include "markup.h"
#include "para.h"
#include "tmpl.h"
#include "utf8.h"

struct lay {
  struct ctx *c;
  const struct cv *cv;
  const struct style *s;
  struct arena *a;
  /* markup: the spans of a text live only until the text is set (boxes
   * copy what they draw), so they go here and this is reset after each
   * entry, rather than piling up in the layout's arena for the whole
   * document. Links copy their targets into the layout's arena. */
  struct arena m;
  struct text_style ts[EL_N];
  struct text_style table_ts;
  int mono[4];
  int icon;         /* the icon font, or -1 */
  bool icon_tried;  /* looked for it (once per layout) */
  struct loc icon_loc; /* where icons were asked for, for the warning */
  struct fallback fallback; /* shared by every text style */
  /* both bullets set in one text style (body or table cells; the last one
   * asked for), and the wider width, so that each is shaped once */
  struct bullets {
    const struct text_style *ts; /* one of L's own styles, or NULL */
    struct box *box[2];          /* top level, nested */
    double w;
  } bullets;
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

/* Text of the header and the titles: markup, bold keywords, safe links. */
static struct spans spans_bare(struct lay *L, const char *text,
                               struct loc loc) {
  struct spans sp = markup_parse(&L->m, text, strlen(text));
  sp = markup_bold_keywords(&L->m, sp, L->cv->bold_keywords,
                            L->cv->nbold_keywords);
  check_links(L, &sp, loc);
  return sp;
}

static bool icons_ready(struct lay *L);
static struct span icon_span(struct lay *L, uint32_t cp, unsigned extra);

/* Text of the entries: links end in the external-link icon when
 * links.show_external_link_icon asks (after a thin unbreakable space). */
static struct spans spans_of(struct lay *L, const char *text, struct loc loc) {
  struct spans sp = spans_bare(L, text, loc);
  if (!L->s->link_icon)
    return sp;
  int links = 0;
  for (int i = 0; i < sp.n; i++)
    links += sp.v[i].url && (i + 1 == sp.n || sp.v[i + 1].url != sp.v[i].url);
  if (!links || !icons_ready(L))
    return sp;
  struct spans out;
  out.v = arena_alloc(&L->m, sizeof(struct span) * (size_t)(sp.n + 2 * links));
  out.n = 0;
  for (int i = 0; i < sp.n; i++) {
    out.v[out.n++] = sp.v[i];
    if (sp.v[i].url && (i + 1 == sp.n || sp.v[i + 1].url != sp.v[i].url)) {
      out.v[out.n++] = (struct span){"\xE2\x80\xAF", 3, 0, sp.v[i].url, 0};
      out.v[out.n] = icon_span(L, 0xF08E, SP_SUPER); /* external-link */
      out.v[out.n++].url = sp.v[i].url;
    }
  }
  return out;
}

static void add_style(struct spans *sp, unsigned style) {
  for (int i = 0; i < sp->n; i++)
    sp->v[i].style |= style;
}

/* The bold, uppercase and small-caps settings of element `el` (EL_NAME,
 * EL_TITLES...), applied to its spans. */
static void style_element(struct lay *L, struct spans *sp, int el) {
  if (L->s->bold[el])
    add_style(sp, SP_BOLD);
  if (L->s->uppercase[el])
    markup_uppercase(&L->m, sp);
  if (L->s->small_caps[el])
    markup_small_caps(&L->m, sp);
}

static enum align body_align(const struct lay *L) {
  return L->s->alignment == HA_LEFT ? ALIGN_LEFT : ALIGN_JUSTIFY;
}

/* Where a thing `w` wide starts in a space `room` wide, aligned by `a`
 * (an HA_ value). */
static double align_in(int a, double room, double w) {
  return a == HA_CENTER ? (room - w) / 2 : a == HA_RIGHT ? room - w : 0;
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
  return para_width(L->c, markup_parse(&L->m, text, strlen(text)), ts);
}

/* A bullet's box. RenderCV draws its `●` as a 1.3 times larger `•`,
 * raised 0.6pt (a big round bullet that sits with the text). */
static struct box *bullet_box(struct lay *L, const char *bullet,
                              const struct text_style *ts, struct loc loc) {
  if (strcmp(bullet, "\xE2\x97\x8F") != 0)
    return hbox(L, bullet, ts, loc);
  struct text_style big = *ts;
  big.size = ts->size * 1.3;
  struct box *b = hbox(L, "\xE2\x80\xA2", &big, loc);
  struct box *r = box_new(L->a, b->w);
  box_append(L->a, r, b, 0, -0.6);
  r->h = b->h + 0.6;
  r->d = b->d > 0.6 ? b->d - 0.6 : 0;
  return r;
}

/* The bullets of list level 0 and deeper levels in text style `ts` (one
 * of L's own, so that its address names it), and the width of the wider,
 * so that text aligns at every level. Boxes are only copied from. */
static const struct bullets *bullets(struct lay *L,
                                     const struct text_style *ts) {
  struct bullets *b = &L->bullets;
  if (b->ts != ts) {
    b->ts = ts;
    b->box[0] = bullet_box(L, L->s->bullet, ts, (struct loc){0});
    b->box[1] = bullet_box(L, L->s->nested_bullet, ts, (struct loc){0});
    b->w = b->box[0]->w > b->box[1]->w ? b->box[0]->w : b->box[1]->w;
  }
  return b;
}

static void put_list(struct lay *L, struct column *col,
                     const struct item_list *l, int level, double x,
                     const struct text_style *ts, struct loc loc) {
  const struct style *s = L->s;
  const struct bullets *b = bullets(L, ts);
  struct box *lab = b->box[level == 0 ? 0 : 1];
  double lw = b->w;
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
    const char *shown = cv_clean_url(L->a, url->s);
    p->url = arena_printf(L->a, "[%s](%s)", escape(L->a, shown), url->s);
  }
  const struct text *deg = entry_field(e, "degree"), *area = entry_field(e, "area");
  if (deg && area) {
    struct ph q = *p;
    const char *t = L->s->locale.degree_with_area;
    p->dwa = tmpl_line(L->a, t, (int)strlen(t), ph_lookup, &q, true);
  } else if (deg || area) {
    /* RenderCV 2.8: the phrase's connector words ("in", "en", ...) go
     * with the missing half: "Mechanical Engineering", not "in
     * Mechanical Engineering" */
    p->dwa = (deg ? deg : area)->s;
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
static double flatten(struct lay *L, const struct vlist *vl, struct box *dst,
                      double x, double y);

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
          /* a natural-width column holds at most half the text width: a
           * longer value (a place that is a sentence) is set in lines of
           * that width rather than pushing the column off the page */
          double most = full / 2;
          struct box *b = s->date_auto ? para_hbox(L->c, sp, ts, e->loc) : NULL;
          if (b && b->w <= most) {
            vlist_line(L->a, &rv, b, bskip(L, ts), e->loc);
            if (b->w > rw)
              rw = b->w;
          } else if (b) {
            struct column rc = {&rv, 0, most, most, 0, true, false};
            put_para(L, &rc, sp, ts, 0, h_align(s->date_alignment), e->loc,
                     NULL);
            rw = most;
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
  /* Where the main text goes. Dates on the left (moderncv): beside the
   * date column all the way down. A natural-width date column (the seed):
   * lines beside it are narrower, like a LaTeX tabular row. A fixed one
   * (RenderCV): with short_second_row, every line of the main column is
   * narrow; without, the first as many template lines as the date column
   * has lines, and the rest (the "second row") spans the full width. */
  bool left = s->date_left;
  bool fixed = !s->date_auto;
  int narrow_paras = 0;
  struct column col = {&ev, side, full, nright ? full - rw - gap : full,
                       0, false, false};
  if (left) {
    double dw = fixed ? len(L, s->date_width) : rw;
    col.x0 = side + dw + gap;
    col.full = col.narrow = full - dw - gap;
  } else if (!fixed) {
    col.nright = nright;
  } else if (nright) {
    col.all_narrow = true;
    if (!s->short_second_row && !text_like(e->kind))
      narrow_paras = nright;
  }

  /* degree column (RenderCV's education entries) */
  struct box *degree = NULL;
  double degree_x = col.x0;
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
      lx = len(L, s->hl_left);
      ind = lx + bullets(L, ts)->w + len(L, s->hl_gap);
      label = bullets(L, ts)->box[0];
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
      if (narrow_paras)
        col.all_narrow = i < narrow_paras;
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
    put_label(L, &ev, first_line, degree, degree_x);

  /* hang the right column's lines on the main column's lines; a date
   * column sized to its text aligns each line in it */
  if (nright) {
    double rx = left ? side : side + full - rw; /* the date column's edge */
    int k = 0;
    for (int i = 0; i < ev.n && k < rv.n; i++) {
      if (ev.v[i].kind != V_BOX)
        continue;
      while (k < rv.n && rv.v[k].kind != V_BOX)
        k++;
      if (k >= rv.n)
        break;
      struct box *rb = rv.v[k].box, *line = ev.v[i].box;
      double dx = s->date_auto ? rx + align_in(s->date_alignment, rw, rb->w) : rx;
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
      double dx = s->date_auto ? rx + align_in(s->date_alignment, rw, rb->w) : rx;
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
    const struct bullets *b = bullets(L, ts);
    double tx = b->w + len(L, L->s->hl_gap);
    for (int i = 0; i < c->list->n; i++) {
      const struct list_item *it = &c->list->v[i];
      if (i)
        vlist_glue(L->a, vl, len(L, L->s->hl_between));
      int first;
      put_para(L, &col, spans_of(L, it->text.s, it->text.loc), ts, tx,
               ALIGN_LEFT, it->text.loc, &first);
      put_label(L, vl, first, b->box[0], 0);
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
  if (t->has_row_headings) {
    for (int r = 0; r < t->nrows; r++)
      if (t->rows[r].heading.s) {
        struct spans sp = spans_of(L, t->rows[r].heading.s, t->rows[r].heading.loc);
        add_style(&sp, SP_BOLD);
        double w = para_width(L->c, sp, ts);
        if (w > head_w)
          head_w = w;
      }
    if (t->corner.s) {
      struct spans sp = spans_of(L, t->corner.s, t->corner.loc);
      add_style(&sp, SP_BOLD);
      double w = para_width(L->c, sp, ts);
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
            (struct draw){.kind = DRAW_RULE, .x = x0, .y = -rh, .w = W,
                          .h = rule, .rgb = rc});
    x = x0;
    for (int c = 0; c <= ncol; c++) {
      double rx = c == ncol ? x0 + W - rule : x;
      box_add(L->a, row_box,
              (struct draw){.kind = DRAW_RULE, .x = rx, .y = -rh, .w = rule,
                            .h = rh, .rgb = rc});
      if (c < ncol)
        x += cw[c];
    }
    if (r == nrows - 1)
      box_add(L->a, row_box,
              (struct draw){.kind = DRAW_RULE, .x = x0, .y = -rule, .w = W,
                            .h = rule, .rgb = rc});
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
  struct spans sp = spans_bare(L, sec->title, sec->loc);
  style_element(L, &sp, EL_TITLES);
  struct box *title = para_hbox(L->c, sp, ts, sec->loc);
  struct box *line = box_new(L->a, L->W);
  double th = len(L, s->title_line);
  int type = s->title_type;
  bool centered = type >= TT_CENTERED_WITHOUT_LINE;
  /* moderncv: the title starts with the entries' main column and a bar
   * fills the date column beside it */
  double main_x = len(L, s->side_space) + len(L, s->date_width) +
                  len(L, s->column_gap);
  double avail = L->W - (type == TT_MODERNCV ? main_x : 0);
  if (avail < L->W / 3)
    avail = L->W / 3;
  if (title->w > avail) {
    /* a title longer than the line: set as a ragged paragraph (no
     * hyphens), its last baseline the box's; partial rules then have no
     * room and are left out */
    struct vlist tv = {0};
    struct column col = {&tv, 0, avail, avail, 0, false, true};
    put_para(L, &col, sp, ts, 0, centered ? ALIGN_CENTER : ALIGN_LEFT,
             sec->loc, NULL);
    struct box tmp = {0};
    double total = flatten(L, &tv, &tmp, 0, 0);
    double last_d = 0;
    for (int i = tv.n - 1; i >= 0; i--)
      if (tv.v[i].kind == V_BOX) {
        last_d = tv.v[i].box->d;
        break;
      }
    title = box_new(L->a, avail);
    box_append(L->a, title, &tmp, 0, -(total - last_d));
    title->h = total - last_d;
    title->d = last_d;
  }
  double tx = centered ? (L->W - title->w) / 2 : 0;
  if (type == TT_MODERNCV)
    tx = main_x;
  if (tx < 0)
    tx = 0;
  box_append(L->a, line, title, tx, 0);
  line->h = title->h;
  line->d = title->d;
  double gap = ts->size * 0.3; /* RenderCV: 0.3em between title and rules */
  const struct font_info *fi = font_info(L->c->fonts, ts->font[1]);
  /* a rule centred on the small letters, or on the capitals (moderncv) */
  double mid = -fi->x_height * ts->size / 2000.0 - th / 2;
  double cap_mid = -fi->cap_height * ts->size / 2000.0 - th / 2;
  uint32_t rc = s->c_titles;
#define RULE(rx, ry, rw, rh)                                                   \
  box_add(L->a, line, (struct draw){.kind = DRAW_RULE, .x = (rx), .y = (ry),  \
                                    .w = (rw), .h = (rh), .rgb = rc})
  switch (type) {
  case TT_WITH_FULL_LINE:
  case TT_CENTERED_WITH_FULL_LINE: {
    /* the rule 0.3em below the baseline (RenderCV: 0.3em of body text
     * below the title's baseline; LaTeX's \titlerule sits about there) */
    double y = ts->size * 0.3;
    RULE(0, y, L->W, th);
    if (y + th > line->d)
      line->d = y + th;
    break;
  }
  case TT_MODERNCV: {
    double w = main_x - len(L, s->column_gap);
    if (w > 0)
      RULE(0, cap_mid, w, th);
    break;
  }
  case TT_WITH_PARTIAL_LINE:
    if (L->W - title->w - gap > 0)
      RULE(title->w + gap, mid, L->W - title->w - gap, th);
    break;
  case TT_CENTERED_WITH_PARTIAL_LINE:
  case TT_CENTERED_WITH_CENTERED_PARTIAL_LINE: {
    /* rules from the margins to the title: on the baseline, or centred */
    double y = type == TT_CENTERED_WITH_PARTIAL_LINE ? -th : mid;
    double w = tx - gap;
    if (w > 0) {
      RULE(0, y, w, th);
      RULE(tx + title->w + gap, y, w, th);
    }
    break;
  }
  default:
    break;
  }
#undef RULE
  vlist_glue(L->a, out, len(L, s->title_above));
  vlist_box(L->a, out, line, sec->loc);
  struct vitem *it = &out->v[out->n - 1];
  it->mark = markup_plain(L->a, spans_bare(L, sec->title, sec->loc));
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
    arena_reset(&L->m);
    prev = e;
  }
  if (!s->sections_page_break)
    keep_whole(L, &sv);
  vlist_concat(L->a, out, &sv);
}

/* ---- header ---- */

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

/* The icon font (Debian's fonts-fork-awesome), found once per layout. */
static bool icons_ready(struct lay *L) {
  if (L->icon_tried)
    return L->icon >= 0;
  L->icon_tried = true;
  struct diag *real = L->c->diag, silent;
  diag_init(&silent, real->out);
  silent.silent = true;
  L->c->diag = &silent;
  int f4[4];
  bool ok = family_find(L->c, "ForkAwesome", (struct loc){0}, f4);
  L->c->diag = real;
  L->icon = ok ? f4[0] : -1;
  if (!ok)
    diag_warn(real, L->icon_loc,
              "icons need the Fork Awesome font (Debian's fonts-fork-awesome), "
              "which is not installed; they are left out");
  for (int i = 0; i < EL_N; i++)
    L->ts[i].icon = L->icon;
  L->table_ts.icon = L->icon;
  return ok;
}

static struct span icon_span(struct lay *L, uint32_t cp, unsigned extra) {
  char *u = arena_alloc(&L->m, 5);
  int n = utf8_encode(cp, u);
  u[n] = 0;
  return (struct span){u, n, SP_ICON | extra, NULL, 0};
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

/* A phone number as header.connections.phone_number_format asks:
 * national, international or E164. Without the country rules of
 * libphonenumber, groups stay as written, except for North American
 * numbers, which get their usual (555) 555-5555 form. */
static const char *phone_text(struct lay *L, const char *written) {
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
  int fmt = L->s->phone_format; /* 0 national, 1 international, 2 E164 */
  if (!intl)
    return written; /* no country code: nothing to convert */
  const char *digits = w[0] == '+' ? d : d + 2;
  if (fmt == 2)
    return arena_printf(L->a, "+%s", digits);
  if (digits[0] == '1' && strlen(digits) == 11) {
    const char *x = digits + 1;
    return fmt == 0 ? arena_printf(L->a, "(%.3s) %.3s-%.4s", x, x + 3, x + 6)
                    : arena_printf(L->a, "+1 %.3s-%.3s-%.4s", x, x + 3, x + 6);
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
    return arena_printf(L->a, "+%s %s", cc, rest);
  if (paren) /* "+44 (0)20 ..." already shows its trunk prefix */
    return arena_printf(L->a, "%s", rest);
  return arena_printf(L->a, "%s%s", trunk_zero(cc) ? "0" : "", rest);
}

/* The text a connection shows, as RenderCV writes it. */
static struct spans conn_spans(struct lay *L, const struct connection *cn) {
  const struct style *s = L->s;
  struct spans sp;
  if (!strcmp(cn->kind, "location") || !strcmp(cn->kind, "custom")) {
    sp = spans_bare(L, cn->display.s, cn->display.loc);
  } else {
    const char *t = cn->display.s;
    if (cn->username) { /* a social network */
      if (s->conn_urls && cn->url)
        t = cv_clean_url(L->a, cn->url);
      else if (!strcmp(cn->kind, "Google Scholar"))
        t = "Google Scholar";
    } else if (!strcmp(cn->kind, "phone")) {
      t = phone_text(L, cn->display.s);
    }
    sp.v = arena_alloc(&L->m, sizeof(struct span));
    sp.n = 1;
    sp.v[0] = (struct span){t, (int)strlen(t), 0, NULL, 0};
  }
  if (cn->url && s->conn_hyperlink)
    for (int k = 0; k < sp.n; k++)
      if (!sp.v[k].url && !(sp.v[k].style & (SP_GLUE | SP_BREAK)))
        sp.v[k].url = cn->url;
  if (!s->conn_hyperlink)
    for (int k = 0; k < sp.n; k++)
      sp.v[k].url = NULL;
  check_links(L, &sp, cn->display.loc);
  style_element(L, &sp, EL_CONNECTIONS);
  return sp;
}

/* One connection: [icon, gap,] text, as spans. */
static struct spans conn_full(struct lay *L, const struct connection *cn) {
  const struct text_style *ts = &L->ts[EL_CONNECTIONS];
  struct spans text = conn_spans(L, cn);
  uint32_t cp = 0;
  if (L->s->conn_icons) {
    if (!strcmp(cn->kind, "custom")) {
      if (cn->icon.s && !(cp = icon_codepoint(cn->icon.s)))
        diag_warn(L->c->diag, cn->icon.loc,
                  "no icon named '%s' in Fork Awesome; the connection is "
                  "drawn without one",
                  cn->icon.s);
    } else {
      for (size_t i = 0; i < sizeof CONN_ICONS / sizeof CONN_ICONS[0]; i++)
        if (!strcmp(cn->kind, CONN_ICONS[i].kind))
          cp = icon_codepoint(CONN_ICONS[i].icon);
    }
    if (cp && !icons_ready(L))
      cp = 0;
  }
  if (!cp)
    return text;
  /* RenderCV: the icon at 0.9em, a word space, 0.05cm, a word space */
  struct spans sp;
  sp.v = arena_alloc(&L->m, sizeof(struct span) * (size_t)(text.n + 2));
  sp.v[0] = icon_span(L, cp, 0);
  sp.v[0].url = text.n ? text.v[0].url : NULL;
  double space = text_width(L, "a a", ts) - text_width(L, "aa", ts);
  sp.v[1] = (struct span){"", 0, SP_GLUE, NULL, 2 * space + 0.05 * 72 / 2.54};
  memcpy(sp.v + 2, text.v, sizeof(struct span) * (size_t)text.n);
  sp.n = text.n + 2;
  return sp;
}

/* The connections, filled into lines as RenderCV does: a connection goes
 * to the next line when it and its separator do not fit; separators stand
 * only between connections on the same line. */
static void put_connections(struct lay *L, struct vlist *out, double width,
                            double x0) {
  const struct style *s = L->s;
  const struct cv *cv = L->cv;
  const struct text_style *ts = &L->ts[EL_CONNECTIONS];
  double half = len(L, s->conn_space) / 2;
  struct box *sep = NULL;
  if (s->conn_separator && *s->conn_separator) {
    struct spans sp = markup_parse(&L->m, s->conn_separator,
                                   strlen(s->conn_separator));
    sep = para_hbox(L->c, sp, ts, cv->connections[0].display.loc);
  }
  double sepw = 2 * half + (sep ? sep->w : 0);
  /* RenderCV spreads wrapped lines further apart: leading x 1.7 */
  struct length ls = s->line_spacing;
  double lead = ls.pt + ls.em * ts->size;
  const struct font_info *fi = font_info(L->c->fonts, ts->font[0]);
  double skip = 1.7 * lead + fi->cap_height * ts->size / 1000.0;
  struct box *line = NULL;
  double x = 0;
  bool first = true;
  for (int i = 0; i <= cv->nconnections; i++) {
    struct spans sp = {0};
    struct box *b = NULL;
    if (i < cv->nconnections) {
      sp = conn_full(L, &cv->connections[i]);
      b = para_hbox(L->c, sp, ts, cv->connections[i].display.loc);
    }
    bool flush = !b || (line && x + sepw + b->w > width) ||
                 (b && b->w > width);
    if (flush && line) {
      line->w = x;
      double dx = x0 + align_in(s->header_alignment, width, x);
      struct box *placed = box_new(L->a, L->W);
      box_append(L->a, placed, line, dx, 0);
      placed->h = line->h;
      placed->d = line->d;
      vlist_line(L->a, out, placed, first ? bskip(L, ts) : skip,
                 cv->connections[0].display.loc);
      first = false;
      line = NULL;
    }
    if (!b)
      break;
    if (b->w > width) {
      /* wider than the line (a long address): a paragraph of its own */
      struct column col = {out, x0, width, width, 0, false, false};
      put_para(L, &col, sp, ts, 0, h_align(s->header_alignment),
               cv->connections[i].display.loc, NULL);
      first = false;
      continue;
    }
    if (!line) {
      line = box_new(L->a, 0);
      x = 0;
    } else {
      x += half;
      if (sep) {
        box_append(L->a, line, sep, x, 0);
        x += sep->w;
      }
      x += half;
    }
    box_append(L->a, line, b, x, 0);
    x += b->w;
    if (b->h > line->h)
      line->h = b->h;
    if (b->d > line->d)
      line->d = b->d;
  }
}

/* The header's text block: name, headline, connections, each aligned as
 * header.alignment says, in `width` from x0. */
static void put_header_text(struct lay *L, struct vlist *out, double width,
                            double x0) {
  const struct style *s = L->s;
  const struct cv *cv = L->cv;
  enum align al = h_align(s->header_alignment);
  struct column col = {out, x0, width, width, 0, false, false};
  if (cv->name.s) {
    struct spans sp = spans_bare(L, cv->name.s, cv->name.loc);
    style_element(L, &sp, EL_NAME);
    put_para(L, &col, sp, &L->ts[EL_NAME], 0, al, cv->name.loc, NULL);
  }
  if (cv->headline.s) {
    if (cv->name.s)
      vlist_glue(L->a, out, len(L, s->space_below_name));
    struct spans sp = spans_bare(L, cv->headline.s, cv->headline.loc);
    style_element(L, &sp, EL_HEADLINE);
    put_para(L, &col, sp, &L->ts[EL_HEADLINE], 0, al, cv->headline.loc, NULL);
  }
  if (cv->nconnections) {
    if (cv->headline.s)
      vlist_glue(L->a, out, len(L, s->space_below_headline));
    else if (cv->name.s)
      vlist_glue(L->a, out, len(L, s->space_below_name));
    put_connections(L, out, width, x0);
  }
}

/* The photo's box (width photo_width, height from the image), or NULL
 * (with an error reported if the file is not a usable image). */
static struct box *photo_box(struct lay *L) {
  const struct text *ph = &L->cv->photo;
  if (!ph->s)
    return NULL;
  const char *path = L->cv->photo_path ? L->cv->photo_path : ph->s;
  struct image_info im;
  const char *why = image_probe(path, &im);
  if (why) {
    diag_error(L->c->diag, ph->loc, "photo '%s': %s", ph->s, why);
    L->ok = false;
    return NULL;
  }
  double w = len(L, L->s->photo_width);
  double h = w * im.height / im.width;
  struct box *b = box_new(L->a, w);
  b->h = h;
  b->d = 0;
  box_add(L->a, b, (struct draw){.kind = DRAW_IMAGE, .y = -h, .w = w, .h = h,
                                 .s = arena_strdup(L->a, path),
                                 .len = im.png});
  return b;
}

static void put_header(struct lay *L, struct vlist *out) {
  const struct style *s = L->s;
  const struct cv *cv = L->cv;
  struct box *photo = photo_box(L);
  if (!photo) {
    put_header_text(L, out, L->W, 0);
  } else {
    /* RenderCV's grid: the photo beside the text block, both centred
     * vertically on each other */
    double pl = len(L, s->photo_space_left), pr = len(L, s->photo_space_right);
    double pw = pl + photo->w + pr;
    double tw = L->W - pw;
    if (tw < L->W / 3)
      tw = L->W / 3;
    struct vlist tv = {0};
    put_header_text(L, &tv, tw, 0);
    struct box tmp = {0};
    double th = flatten(L, &tv, &tmp, 0, 0);
    double H = th > photo->h ? th : photo->h;
    struct box *b = box_new(L->a, L->W);
    b->h = H;
    b->d = 0;
    bool left = s->photo_position == 0;
    double tx = left ? pw : 0, px = left ? pl : L->W - pr - photo->w;
    box_append(L->a, b, &tmp, tx, -H + (H - th) / 2);
    box_append(L->a, b, photo, px, -(H - photo->h) / 2);
    vlist_box(L->a, out, b, cv->photo.loc);
  }
  /* RenderCV: the space below the connections is all there is between
   * them and the first section title (whose own space above it replaces) */
  double above = cv->nsections ? len(L, s->title_above) : 0;
  if (cv->nconnections)
    vlist_glue(L->a, out, len(L, s->space_below_connections) - above);
  else if (cv->headline.s || cv->name.s || photo) {
    /* the larger of the two spaces, as Typst's weak spaces collapse */
    double below = len(L, cv->headline.s ? s->space_below_headline
                                         : s->space_below_name);
    vlist_glue(L->a, out, below > above ? below - above : 0);
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

/* Find the fonts and set the text styles of every element. */
static bool lay_init(struct lay *LL, struct ctx *c, const struct cv *cv,
                     const struct style *s) {
  memset(LL, 0, sizeof *LL); /* (its empty markup arena, even on failure) */
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
    ts->icon = -1; /* until icons are asked for (icons_ready) */
  }
  L.icon = -1;
  L.icon_loc = (struct loc){cv->name.loc.file, 0, 0};
  /* fallback families: found when a character first needs them; those
   * named in the file must exist, so they are looked for now */
  L.fallback = (struct fallback){s->fallback, s->nfallback, {0}, 0, false};
  for (int i = 0; i < s->nfallback && s->fallback_loc.line > 0; i++) {
    int f4[4];
    if (!family_find(c, s->fallback[i], s->fallback_loc, f4))
      return false;
  }
  for (int i = 0; i < EL_N; i++)
    L.ts[i].fallback = &LL->fallback;
  /* the header's links are never underlined (RenderCV); their colour */
  for (int i = EL_NAME; i <= EL_CONNECTIONS; i++)
    L.ts[i].underline_links = false;
  L.ts[EL_CONNECTIONS].link_color = s->conn_links_follow == 1   ? s->c_links
                                    : s->conn_links_follow == 2 ? s->c_connections
                                                                : s->c_conn_links;
  L.table_ts = L.ts[EL_BODY];
  L.table_ts.size = style_len(s, s->table_size);
  *LL = L;
  return true;
}

bool layout_cv(struct ctx *c, const struct cv *cv, const struct style *s,
               struct vlist *out) {
  struct lay L;
  bool ok = lay_init(&L, c, cv, s);
  if (ok) {
    put_header(&L, out);
    arena_reset(&L.m);
    for (int i = 0; i < cv->nsections; i++) {
      put_section(&L, out, &cv->sections[i]);
      arena_reset(&L.m);
    }
    ok = L.ok;
  }
  arena_free(&L.m);
  return ok;
}

/* One note in the body font at 0.9em (RenderCV's size for both). */
static struct box *note_box(struct lay *L, const char *text, uint32_t rgb) {
  struct text_style ts = L->ts[EL_BODY];
  ts.size *= 0.9;
  ts.color = ts.link_color = rgb;
  struct loc at = {L->cv->name.loc.file, 0, 0};
  return para_hbox(L->c, spans_bare(L, text, at), &ts, at);
}

bool layout_notes(struct ctx *c, const struct cv *cv, const struct style *s,
                  const char *name, struct pages *pages) {
  if (!s->show_footer && !s->show_top_note)
    return true;
  struct lay L;
  if (!lay_init(&L, c, cv, s)) {
    arena_free(&L.m);
    return false;
  }
  struct page_geometry g = layout_geometry(s);
  double body = L.ts[EL_BODY].size;
  for (int i = 0; i < pages->n; i++) {
    struct page *pg = &pages->v[i];
    if (s->show_footer) {
      /* centred, its baseline in the middle of the bottom margin */
      const char *t = tmpl_note(L.a, s, cv, s->t_footer, name, i + 1, pages->n);
      if (t && *t) {
        struct box *b = note_box(&L, t, s->c_footer);
        page_place(L.a, pg, b, g.left + (L.W - b->w) / 2,
                   g.h - g.bottom / 2 + 0.1 * body);
      }
    }
    if (s->show_top_note && i == 0) {
      /* first page, flush right (inside the entries' side space), half
       * the top margin above the text */
      const char *t = tmpl_note(L.a, s, cv, s->t_top_note, name, 1, pages->n);
      if (t && *t) {
        struct box *b = note_box(&L, t, s->c_top_note);
        page_place(L.a, pg, b,
                   g.w - g.right - len(&L, s->side_space) - b->w,
                   g.top / 2 + b->h * 0.8);
      }
    }
  }
  arena_free(&L.m);
  return L.ok;
}
