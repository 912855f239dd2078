/* header.c: the CV's header (see placing.h): the name, the headline and
 * the connections, aligned as header.alignment says, and the photo beside
 * them in RenderCV's grid. Owns how connections fill lines: a connection
 * goes whole to the next line when it does not fit, and separators stand
 * only between connections on one line.
 */
#include "placing.h"

#include <math.h>
#include <string.h>

/* One span of plain text (a measuring string). */
static struct spans literal(struct span *one, const char *text) {
  *one = (struct span){text, (int)strlen(text), 0, NULL, 0, NULL};
  return (struct spans){one, 1};
}


/* The space between a line and the next paragraph, in style ts: LaTeX's
 * glue between the two, or (RenderCV) Typst's from the last baseline to
 * the next line's top edge, the height of its capitals (the paragraph's
 * baseline skip, leading + capitals, follows this glue). */
static void space_before(struct layout *L, struct vlist *out, double space,
                         const struct text_style *ts) {
  vlist_glue(L->a, out, L->s->typst ? space - (bskip(L, ts) - cap_pt(L, ts))
                                    : space);
}

/* One connection: [icon, gap,] text, as spans. */
static struct spans conn_spans(struct layout *L, const struct rconn *cn) {
  const struct text_style *ts = &L->ts[EL_CONNECTIONS];
  struct spans text = layout_style_element(L, cn->text.sp, EL_CONNECTIONS);
  struct span icon;
  if (!icon_any(cn->icon) || !layout_icon_span(L, cn->icon, 0, &icon))
    return text;
  /* RenderCV: the icon at 0.9em, then 0.05cm and one word space (its
   * markup has a space on each side of the #h(0.05cm), and its PDFs
   * show one word space and 0.05cm between the icon and the text) */
  struct spans sp;
  sp.v = arena_alloc(&L->m, sizeof(struct span) * (size_t)(text.n + 2));
  sp.v[0] = icon;
  sp.v[0].url = text.n ? text.v[0].url : NULL;
  struct span one;
  double space = para_width(L->c, literal(&one, "a a"), ts) -
                 para_width(L->c, literal(&one, "aa"), ts);
  sp.v[1] = (struct span){"", 0, SP_GLUE, NULL, space + 0.05 * 72 / 2.54, NULL};
  memcpy(sp.v + 2, text.v, sizeof(struct span) * (size_t)text.n);
  sp.n = text.n + 2;
  return sp;
}

/* The connections, filled into lines as RenderCV does: a connection goes
 * to the next line when it and its separator do not fit; separators stand
 * only between connections on the same line. */
static void put_connections(struct layout *L, struct vlist *out, double width,
                            double x0, double above) {
  const struct style *s = L->s;
  const struct realized *r = L->r;
  const struct text_style *ts = &L->ts[EL_CONNECTIONS];
  double half = len(L, s->conn_space) / 2;
  struct box *sep = NULL;
  int para = L->c->tag; /* (the connections' paragraph, put_header_text) */
  if (r->separator) { /* a separator is decoration: an artifact */
    L->c->tag = 0;
    sep = para_hbox(L->c, r->separator->sp, ts, r->separator->loc);
    L->c->tag = para;
  }
  double sepw = 2 * half + (sep ? sep->w : 0);
  /* RenderCV spreads wrapped lines further apart: leading x 1.7 */
  struct length ls = s->line_spacing;
  double lead = ls.pt + ls.em * ts->size;
  double cap = cap_pt(L, ts);
  /* Typst: a line with an icon has the icon's top edge, Font Awesome's
   * capital height (1 em, 0.9 em of the text at the icons' size); kept
   * when Fork Awesome draws the icons, so the lines stay where they are */
  bool icons = false;
  for (int i = 0; s->typst && i < r->nconns && !icons; i++)
    icons = icon_any(r->conns[i].icon) &&
            layout_icon_face(L, r->conns[i].icon) >= 0;
  if (icons)
    cap = fmax(cap, 0.9 * ts->size);
  double skip = 1.7 * lead + cap;
  /* the first line: a baseline skip, or (RenderCV) `above` to its top edge */
  double first_skip = s->typst ? above + cap : bskip(L, ts);
  struct loc at = r->conns[0].text.loc;
  struct box *line = NULL;
  double x = 0;
  bool first = true;
  for (int i = 0; i <= r->nconns; i++) {
    struct spans sp = {0};
    struct box *b = NULL;
    if (i < r->nconns) {
      sp = conn_spans(L, &r->conns[i]);
      b = para_hbox(L->c, sp, ts, r->conns[i].text.loc);
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
      vlist_line(L->a, out, placed, first ? first_skip : skip, at);
      first = false;
      line = NULL;
    }
    if (!b)
      break;
    if (b->w > width) {
      /* wider than the line (a long address): a paragraph of its own */
      struct column col = {out, x0, width, width, 0, false, false, false};
      layout_para(L, &col, sp, ts, 0, s->header_alignment, r->conns[i].text.loc,
               NULL);
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
static void put_header_text(struct layout *L, struct vlist *out, double width,
                            double x0) {
  const struct style *s = L->s;
  const struct realized *r = L->r;
  enum align al = s->header_alignment;
  struct column col = {out, x0, width, width, 0, false, false, false};
  /* structure: the name a heading of the first level, the headline and
   * the connections a paragraph each (their links Link elements) */
  if (r->name) { /* RenderCV's themes: its capitals' top at the top margin,
                    as every line's top edge is (layout_para) */
    layout_tag(L, SR_H1, 1);
    layout_para(L, &col, layout_style_element(L, r->name->sp, EL_NAME),
                &L->ts[EL_NAME], 0, al, r->name->loc, NULL);
  }
  if (r->headline) {
    if (r->name)
      space_before(L, out, len(L, s->space_below_name), &L->ts[EL_HEADLINE]);
    layout_tag(L, SR_P, 1);
    layout_para(L, &col, layout_style_element(L, r->headline->sp, EL_HEADLINE),
             &L->ts[EL_HEADLINE], 0, al, r->headline->loc, NULL);
  }
  if (r->nconns) {
    layout_tag(L, SR_P, 1);
    double above = r->headline ? len(L, s->space_below_headline)
                   : r->name   ? len(L, s->space_below_name)
                               : 0;
    if (!s->typst && above > 0)
      vlist_glue(L->a, out, above);
    put_connections(L, out, width, x0, above);
  }
}

/* The photo's box: photo_width wide, as high as the image's proportions
 * make it. */
static struct box *photo_box(struct layout *L, const struct rphoto *ph) {
  double w = len(L, L->s->photo_width);
  double h = w * ph->height / ph->width;
  struct box *b = box_new(L->a, w);
  b->h = h;
  b->d = 0;
  /* a figure, whose alternative text names whose photo it is */
  int fig = layout_tag(L, SR_FIGURE, 1);
  if (fig) {
    const char *name = L->r->name ? markup_plain(L->a, L->r->name->sp) : NULL;
    L->c->tree->v[fig].alt =
        name && *name ? arena_printf(L->a, "Photo of %s", name) : "Photo";
  }
  box_add(L->a, b, (struct draw){.kind = DRAW_IMAGE, .y = -h, .w = w, .h = h,
                                 .s = ph->path, .len = ph->png, .tag = fig});
  return b;
}

void layout_header(struct layout *L, struct vlist *out) {
  const struct style *s = L->s;
  const struct realized *r = L->r;
  if (!r->photo) {
    put_header_text(L, out, L->W, 0);
  } else {
    /* RenderCV's grid: the photo beside the text block, both centred
     * vertically on each other */
    struct box *photo = photo_box(L, r->photo);
    double pl = len(L, s->photo_space_left), pr = len(L, s->photo_space_right);
    double pw = pl + photo->w + pr;
    double tw = L->W - pw;
    if (tw < L->W / 3)
      tw = L->W / 3;
    struct vlist tv = {0};
    put_header_text(L, &tv, tw, 0);
    struct box tmp = {0};
    double th = vlist_flatten(L->a, &tv, &tmp, 0, 0);
    double H = th > photo->h ? th : photo->h;
    struct box *b = box_new(L->a, L->W);
    b->h = H;
    b->d = 0;
    bool left = s->photo_position == 0;
    double tx = left ? pw : 0, px = left ? pl : L->W - pr - photo->w;
    box_append(L->a, b, &tmp, tx, -H + (H - th) / 2);
    box_append(L->a, b, photo, px, -(H - photo->h) / 2);
    vlist_box(L->a, out, b, r->photo->loc);
  }
  /* RenderCV: the space below the connections is all there is between
   * them and the first section title (whose own space above it replaces) */
  double above = r->nsections ? len(L, s->title_above) : 0;
  if (r->nconns)
    vlist_glue(L->a, out, len(L, s->space_below_connections) - above);
  else if (r->headline || r->name || r->photo) {
    /* the larger of the two spaces, as Typst's weak spaces collapse */
    double below = len(L, r->headline ? s->space_below_headline
                                      : s->space_below_name);
    vlist_glue(L->a, out, below > above ? below - above : 0);
  }
  /* the header stays together */
  vlist_keep(L->a, out);
}

