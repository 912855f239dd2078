/* layout.c: realized document + style -> vertical list (see layout.h).
 *
 * Owns the look's structure: section titles, the two-column entry (main
 * text left, date and place right), lists with hanging indents, numbered
 * lists, tables, the page notes, and the fonts and text styles that
 * header.c shares (placing.h). Text is set by para.c; layout only chooses
 * widths, indents, spacing and penalties. It never changes the realized
 * document: spans it styles (capitals, bold headings, link icons) are
 * copies in its own markup arena.
 *
 * Two-column entries work like a LaTeX tabular row with a flush-right
 * column: each line of the right column sits on the baseline of the
 * corresponding line of the main text. With `date_and_location_width:
 * auto` (the seed theme) the right column is as wide as its widest line and
 * a paragraph that starts beside it keeps clear of it, while paragraphs
 * below it use the full width; with a fixed width (RenderCV's themes) the
 * main column is narrower all the way down, as in RenderCV.
 *
 * Vertical space: the seed stacks LaTeX's boxes (the space between two
 * blocks runs from one's depth to the next one's height). RenderCV's
 * themes (style.typst) stack as Typst does: lines' edges are their
 * capitals' height and their baseline, and the space between two blocks is
 * added to the next line's baseline skip, so a block's first baseline
 * stands space + leading + capitals below the last one.
 */
#include "placing.h"

#include <string.h>


/* ---- spans ---- */

/* Text of the entries: links end in the external-link icon when
 * links.show_external_link_icon asks (after a thin unbreakable space).
 * The result may be the realized spans themselves: not to be changed. */
static struct spans body(struct layout *L, const struct rtext *t) {
  struct spans sp = t->sp;
  if (!L->s->link_icon)
    return sp;
  int links = 0;
  for (int i = 0; i < sp.n; i++)
    links += sp.v[i].url && (i + 1 == sp.n || sp.v[i + 1].url != sp.v[i].url);
  /* RenderCV's fa-icon("external-link"), Fork Awesome's of that name */
  struct span icon;
  if (!links ||
      !layout_icon_span(L, icon_pair("external-link", "external-link"),
                        SP_SUPER, &icon))
    return sp;
  struct spans out;
  out.v = arena_alloc(&L->m, sizeof(struct span) * (size_t)(sp.n + 2 * links));
  out.n = 0;
  for (int i = 0; i < sp.n; i++) {
    out.v[out.n++] = sp.v[i];
    if (sp.v[i].url && (i + 1 == sp.n || sp.v[i + 1].url != sp.v[i].url)) {
      out.v[out.n++] = (struct span){"\xE2\x80\xAF", 3, 0, sp.v[i].url, 0, NULL};
      out.v[out.n] = icon;
      out.v[out.n++].url = sp.v[i].url;
    }
  }
  return out;
}

static enum align body_align(const struct layout *L) {
  return L->s->alignment == ALIGN_LEFT ? ALIGN_LEFT : ALIGN_JUSTIFY;
}

/* Put `label` on the first line of a paragraph at x (baseline aligned). */
static void put_label(struct layout *L, struct vlist *vl, int first,
                      struct box *label, double x, int tag) {
  if (first < 0)
    return;
  struct box *line = vl->v[first].box;
  box_append(L->a, line, label, x, 0);
  /* the label's text belongs to the item's Lbl (its box may be shared) */
  for (int k = line->nops - label->nops; k < line->nops; k++)
    if (line->ops[k].kind == DRAW_TEXT)
      line->ops[k].tag = tag;
  if (label->h > line->h && !L->s->typst) /* Typst: the text's edges */
    line->h = label->h;
}

/* A list item's Lbl element: read before its LBody, although its label is
 * drawn after the first line's text (put_label). */
static int label_tag(struct layout *L, int item) {
  return layout_tag_at(L, SR_LBL, item, -1);
}

static struct box *hbox(struct layout *L, const struct rtext *t,
                        const struct text_style *ts) {
  return para_hbox(L->c, body(L, t), ts, t->loc);
}

/* A bullet's box (0: top level, 1: nested). RenderCV draws its `●` (as
 * `•`, realize.h) 1.3 times larger, raised 0.6pt: a big round bullet that
 * sits with the text. */
static struct box *bullet_box(struct layout *L, int level,
                              const struct text_style *ts) {
  const char *bullet = level ? L->s->nested_bullet : L->s->bullet;
  if (strcmp(bullet, BIG_BULLET) != 0)
    return hbox(L, &L->r->bullet[level], ts);
  struct text_style big = *ts;
  big.size = ts->size * 1.3;
  struct box *b = hbox(L, &L->r->bullet[level], &big);
  struct box *r = box_new(L->a, b->w);
  /* Typst aligns a list's marker by its top edge (the capitals' height)
   * with the text's: the larger bullet's baseline sits lower */
  double cap = font_info(L->c->fonts, ts->font[0])->cap_height / 1000.0;
  double dy = L->s->typst ? 0.3 * cap * ts->size - 0.6 : -0.6;
  box_append(L->a, r, b, 0, dy);
  r->h = b->h - dy > 0 ? b->h - dy : 0;
  r->d = b->d + dy > 0 ? b->d + dy : 0;
  return r;
}

/* Typst sets a list's marker in a cell of its own, top edge to top edge
 * with the item's text: RenderCV's larger bullet then reaches below a
 * one-line item's baseline, and the next item starts below the marker
 * (0.3 of the capitals' height lower than below the text). After an
 * item of n lines in vl. */
static void marker_below(struct layout *L, struct vlist *vl, int level, int n,
                         const struct text_style *ts) {
  const char *bullet = level ? L->s->nested_bullet : L->s->bullet;
  if (!L->s->typst || n != 1 || strcmp(bullet, BIG_BULLET) != 0)
    return;
  vlist_glue(L->a, vl, 0.3 * cap_pt(L, ts));
}

/* The bullets of list level 0 and deeper levels in text style `ts` (one
 * of L's own, so that its address names it), and the width of the wider,
 * so that text aligns at every level. Boxes are only copied from. */
static const struct bullets *bullets(struct layout *L,
                                     const struct text_style *ts) {
  struct bullets *b = &L->bullets;
  if (b->ts != ts) {
    b->ts = ts;
    b->box[0] = bullet_box(L, 0, ts);
    b->box[1] = bullet_box(L, 1, ts);
    b->w = b->box[0]->w > b->box[1]->w ? b->box[0]->w : b->box[1]->w;
  }
  return b;
}

/* A list in structure element `parent` (L > LI > Lbl, LBody; a nested
 * list in its item's LBody). */
static void put_list(struct layout *L, struct column *col,
                     const struct rlist *l, int level, double x,
                     const struct text_style *ts, int parent) {
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
  int list = layout_tag(L, SR_L, parent);
  for (int i = 0; i < l->n; i++) {
    const struct ritem *it = &l->v[i];
    if (i > 0)
      vlist_glue(L->a, col->vl, len(L, s->hl_between));
    int item = layout_tag(L, SR_LI, list);
    int lbl = label_tag(L, item);
    int lbody = layout_tag(L, SR_LBODY, item);
    int first;
    int n = layout_para(L, col, body(L, &it->text), ts, tx, body_align(L),
                        it->text.loc, &first);
    put_label(L, col->vl, first, lab, col->x0 + lx, lbl);
    if (!it->sub) /* (a sublist below the text is longer than the marker) */
      marker_below(L, col->vl, level == 0 ? 0 : 1, n, ts);
    if (it->sub) {
      vlist_glue(L->a, col->vl, len(L, s->hl_between));
      put_list(L, col, it->sub, level + 1, tx, ts, lbody);
    }
  }
}

static bool text_like(enum entry_kind k) {
  return k == ENTRY_TEXT || k == ENTRY_ONE_LINE || k == ENTRY_BULLET ||
         k == ENTRY_NUMBERED || k == ENTRY_REVERSED;
}

/* ---- entries ---- */

static void put_table(struct layout *L, struct vlist *out,
                      const struct rentry *e);

/* The date-and-location column of e into rv: a line per line of text at
 * natural width (date_and_location_width: auto), which holds at most
 * `most`; or a paragraph per line in the fixed width. Returns the column's
 * width. */
static double put_right(struct layout *L, struct vlist *rv,
                        const struct rentry *e, double most) {
  const struct style *s = L->s;
  const struct text_style *ts = &L->ts[EL_BODY];
  double rw = 0;
  for (int i = 0; i < e->nright; i++) {
    const struct rtext *t = &e->right[i];
    struct spans sp = body(L, t);
    layout_tag_at(L, SR_P, L->entry, 1); /* read after the main column */
    /* a natural-width column holds at most half the text width: a longer
     * value (a place that is a sentence) is set in lines of that width
     * rather than pushing the column off the page */
    struct box *b = s->date_auto ? para_hbox(L->c, sp, ts, t->loc) : NULL;
    if (b && b->w <= most) {
      vlist_line(L->a, rv, b, bskip(L, ts), t->loc);
      if (b->w > rw)
        rw = b->w;
    } else {
      double w = b ? most : len(L, s->date_width);
      struct column rc = {rv, 0, w, w, 0, true, false, false};
      layout_para(L, &rc, sp, ts, 0, s->date_alignment, t->loc, NULL);
      rw = w;
    }
  }
  return rw;
}

/* The main column of a text, bullet or numbered entry: its paragraphs at
 * the label's indent, the label on the first line, then its highlights.
 * Returns the first line's index in col->vl (or -1). */
static int put_text_entry(struct layout *L, struct column *col,
                          const struct rentry *e) {
  const struct style *s = L->s;
  const struct text_style *ts = &L->ts[EL_BODY];
  double ind = 0, lx = 0;
  struct box *label = NULL;
  if (e->kind == ENTRY_BULLET) {
    /* RenderCV: a bullet entry is a Typst list with no indent, unlike
     * highlights (space_left) */
    lx = s->typst ? 0 : len(L, s->hl_left);
    ind = lx + bullets(L, ts)->w + len(L, s->hl_gap);
    label = bullets(L, ts)->box[0];
  } else if (e->label) {
    label = hbox(L, e->label, ts);
    /* RenderCV: a Typst enum, its number at the left and the text
     * space_between_number_and_text after it; the seed: numbers right
     * aligned before a fixed indent */
    ind = s->typst && !s->num_indent_set ? label->w + len(L, s->num_gap)
                                         : len(L, s->num_indent);
    lx = ind - len(L, s->num_gap) - label->w;
    if (lx < 0) {
      ind -= lx;
      lx = 0;
    }
  }
  /* structure: a bullet or numbered entry is an item (its label an Lbl,
   * its text the LBody) of the list its section's run of such entries
   * makes (L->list); a text entry is paragraphs */
  int parent = L->entry, lbl = 0;
  if (label) {
    if (!L->list || L->entry != L->sect)
      L->list = layout_tag(L, SR_L, L->entry);
    int item = layout_tag(L, SR_LI, L->list);
    lbl = label_tag(L, item);
    parent = layout_tag(L, SR_LBODY, item);
  }
  int first_line = -1;
  for (int i = 0; i < e->nmain; i++) {
    const struct rline *ln = &e->main[i];
    if (ln->kind == RL_HIGHLIGHTS) {
      vlist_glue(L->a, col->vl, len(L, s->hl_between));
      put_list(L, col, e->highlights, e->kind == ENTRY_BULLET ? 1 : 0, ind,
               ts, parent);
      continue;
    }
    if (i > 0)
      vlist_glue(L->a, col->vl, len(L, s->space_text));
    if (label)
      L->c->tag = parent;
    else
      layout_tag(L, SR_P, parent);
    int first;
    int n = layout_para(L, col, body(L, &ln->text), ts, ind, body_align(L),
                        ln->text.loc, &first);
    if (e->kind == ENTRY_BULLET && e->nmain == 1) /* a list item, as below */
      marker_below(L, col->vl, 0, n, ts);
    if (i == 0) {
      first_line = first;
      if (label)
        put_label(L, col->vl, first, label, col->x0 + lx, lbl);
      if (e->anchor && first >= 0) {
        /* where citations of it lead: half the type size above its first
         * line, so that a viewer shows the whole line, accents too */
        struct box *line = col->vl->v[first].box;
        box_add(L->a, line,
                (struct draw){.kind = DRAW_DEST, .x = col->x0,
                              .y = -line->h - ts->size / 2, .s = e->anchor,
                              .len = (int)strlen(e->anchor)});
      }
    }
  }
  return first_line;
}

/* The main column of an entry set by a template: its lines as paragraphs,
 * the summary indented, the highlights where the template puts them. The
 * first `narrow` lines are beside the date column. Returns the first
 * line's index in col->vl (or -1). */
static int put_template_entry(struct layout *L, struct column *col,
                              const struct rentry *e, int narrow) {
  const struct style *s = L->s;
  const struct text_style *ts = &L->ts[EL_BODY];
  int first_line = -1;
  for (int i = 0; i < e->nmain; i++) {
    const struct rline *ln = &e->main[i];
    if (narrow)
      col->all_narrow = i < narrow;
    if (ln->kind == RL_HIGHLIGHTS) {
      if (vlist_boxes_reach(col->vl, 1))
        vlist_glue(L->a, col->vl, len(L, s->hl_above));
      put_list(L, col, e->highlights, 0, 0, ts, L->entry);
      continue;
    }
    double ind = 0;
    if (ln->kind == RL_SUMMARY) {
      if (vlist_boxes_reach(col->vl, 1))
        vlist_glue(L->a, col->vl, len(L, s->summary_above));
      ind += len(L, s->summary_left);
    }
    layout_tag(L, SR_P, L->entry);
    int first;
    layout_para(L, col, body(L, &ln->text), ts, ind, body_align(L),
                ln->text.loc, &first);
    if (first_line < 0)
      first_line = first;
  }
  return first_line;
}

/* Hang a side column's lines rv (the dates on the right or left, the
 * degree) on the main column's lines ev, line by line: the side column's
 * edge at rx, rw wide, each line aligned in it by `al`; side lines beyond
 * the main text get lines of their own. */
/* The height of the capitals of box b's first line as Typst measures a
 * line's top edge: the tallest of its fonts' (a bold face's may differ). */
static double line_cap(const struct layout *L, const struct box *b) {
  double cap = 0;
  for (int i = 0; i < b->nops; i++)
    if (b->ops[i].kind == DRAW_TEXT) {
      double c = font_info(L->c->fonts, b->ops[i].font)->cap_height *
                 b->ops[i].size / 1000.0;
      if (c > cap)
        cap = c;
    }
  return cap;
}

static void hang_beside(struct layout *L, struct vlist *ev,
                       const struct vlist *rv, double rx, double rw,
                       enum align al, struct loc loc) {
  int k = 0;
  /* Typst: the columns' first lines have their top edges (capitals) level,
   * so their baselines differ by their capitals' heights; the lines below
   * keep that difference */
  double dy = 0;
  bool first = true;
  for (int i = 0; i < ev->n && k < rv->n; i++) {
    if (ev->v[i].kind != V_BOX)
      continue;
    while (k < rv->n && rv->v[k].kind != V_BOX)
      k++;
    if (k >= rv->n)
      break;
    struct box *rb = rv->v[k].box, *line = ev->v[i].box;
    double dx = rx + align_in(al, rw, rb->w);
    if (first && L->s->typst) {
      double a = line_cap(L, rb), b = line_cap(L, line);
      if (a > 0 && b > 0)
        dy = a - b;
    }
    first = false;
    box_append(L->a, line, rb, dx, dy);
    if (!L->s->typst) { /* Typst: cells' top edges align at the capitals */
      if (rb->h > line->h)
        line->h = rb->h;
      if (rb->d > line->d)
        line->d = rb->d;
    }
    k++;
  }
  for (; k < rv->n; k++) {
    if (rv->v[k].kind != V_BOX)
      continue;
    struct box *rb = rv->v[k].box;
    struct box *line = box_new(L->a, L->W);
    double dx = rx + align_in(al, rw, rb->w);
    box_append(L->a, line, rb, dx, 0);
    line->h = rb->h;
    line->d = rb->d;
    vlist_line(L->a, ev, line, bskip(L, &L->ts[EL_BODY]), loc);
  }
}

/* The width text t needs in a column w wide: w, or its longest word's
 * width if that is wider (a word is never broken; drawn wider than its
 * column, it would run over the text beside). Set quietly, to measure. */
static double min_content(struct layout *L, const struct rtext *t,
                          const struct text_style *ts, double w) {
  struct diag *real = L->c->diag, quiet;
  diag_init(&quiet, real->out);
  quiet.silent = true;
  L->c->diag = &quiet;
  struct vlist v = {0};
  struct column col = {&v, 0, w, w, 0, false, true, true};
  layout_para(L, &col, body(L, t), ts, 0, ALIGN_LEFT, t->loc, NULL);
  L->c->diag = real;
  double need = w;
  for (int i = 0; i < v.n; i++) {
    if (v.v[i].kind != V_BOX)
      continue;
    const struct box *b = v.v[i].box;
    for (int k = 0; k < b->nops; k++)
      if (b->ops[k].x + b->ops[k].w > need)
        need = b->ops[k].x + b->ops[k].w;
  }
  return need;
}

static void put_entry(struct layout *L, struct vlist *out,
                      const struct rentry *e) {
  const struct style *s = L->s;
  const struct text_style *ts = &L->ts[EL_BODY];
  if (e->kind == ENTRY_PAGE_BREAK) {
    vlist_penalty(L->a, out, PAGE_EJECT_PENALTY);
    return;
  }
  if (e->kind == ENTRY_TABLE) {
    put_table(L, out, e);
    return;
  }
  /* structure: the entry's paragraphs, lists and columns in a Div; a
   * text entry's paragraphs and a bullet or numbered entry's item stand
   * in the section itself (consecutive items in one list) */
  bool item = e->kind == ENTRY_BULLET || e->label;
  if (text_like(e->kind) && e->kind != ENTRY_ONE_LINE && e->nright == 0 &&
      !e->degree)
    L->entry = L->sect;
  else
    L->entry = layout_tag(L, SR_DIV, L->sect);
  if (!item || L->entry != L->sect)
    L->list = 0; /* the section's list of items ends */
  double side = len(L, s->side_space);
  double full = L->W - 2 * side;
  struct vlist rv = {0};
  double rw = put_right(L, &rv, e, full / 2);
  int nright = vlist_boxes(&rv);
  double gap = len(L, s->column_gap);
  struct vlist ev = {0};
  if (s->typst) { /* the first line keeps its baseline skip from the last */
    ev.have_prev = out->have_prev;
    ev.prev_depth = out->prev_depth;
  }
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
                       0, false, false, false};
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

  /* degree column (RenderCV's education entries): a column of its own
   * width, wrapped in it like a cell of Typst's grid */
  struct vlist dv = {0};
  double degree_x = col.x0, dw = 0;
  if (e->degree) {
    dw = len(L, s->degree_width);
    double need = min_content(L, e->degree, ts, dw);
    if (need > dw + 0.01) {
      diag_note(L->c->diag, e->degree->loc,
                "the degree column is widened from %.1fpt "
                "(entries.degree_width) to %.1fpt to hold its longest word",
                dw, need);
      dw = need;
    }
    struct column dcol = {&dv, 0, dw, dw, 0, false, true, false};
    layout_tag_at(L, SR_P, L->entry, -1); /* read first, as it stands */
    layout_para(L, &dcol, body(L, e->degree), ts, 0, ALIGN_LEFT,
                e->degree->loc, NULL);
    col.full -= dw + gap;
    col.narrow -= dw + gap;
    col.x0 += dw + gap;
  }

  if (e->kind == ENTRY_ONE_LINE || !text_like(e->kind))
    put_template_entry(L, &col, e, narrow_paras);
  else
    put_text_entry(L, &col, e);
  if (dv.n)
    hang_beside(L, &ev, &dv, degree_x, dw, ALIGN_LEFT, e->loc);
  if (nright)
    hang_beside(L, &ev, &rv, left ? side : side + full - rw, rw,
               s->date_auto ? s->date_alignment : ALIGN_LEFT, e->loc);
  if (!s->entries_page_break)
    vlist_keep(L->a, &ev);
  vlist_concat(L->a, out, &ev);
}

/* ---- tables ---- */

static void cell_content(struct layout *L, struct vlist *vl,
                         const struct rcell *c, double w,
                         const struct text_style *ts, int cell) {
  struct column col = {vl, 0, w, w, 0, false, true, false};
  L->c->tag = cell;
  if (c->text) {
    struct spans sp = body(L, c->text);
    if (c->heading)
      sp = layout_styled(L, sp, SP_BOLD);
    layout_para(L, &col, sp, ts, 0, ALIGN_LEFT, c->text->loc, NULL);
  }
  if (c->list) {
    if (c->text)
      vlist_glue(L->a, vl, len(L, L->s->hl_between));
    const struct bullets *b = bullets(L, ts);
    double tx = b->w + len(L, L->s->hl_gap);
    int list = layout_tag(L, SR_L, cell);
    for (int i = 0; i < c->list->n; i++) {
      const struct ritem *it = &c->list->v[i];
      if (i)
        vlist_glue(L->a, vl, len(L, L->s->hl_between));
      int item = layout_tag(L, SR_LI, list);
      int lbl = label_tag(L, item);
      int lbody = layout_tag(L, SR_LBODY, item);
      int first;
      layout_para(L, &col, body(L, &it->text), ts, tx, ALIGN_LEFT, it->text.loc,
               &first);
      put_label(L, vl, first, b->box[0], 0, lbl);
      if (it->sub) {
        vlist_glue(L->a, vl, len(L, L->s->hl_between));
        struct column sub = {vl, 0, w, w, 0, false, true, false};
        put_list(L, &sub, it->sub, 1, tx, ts, lbody);
      }
    }
  }
}

static void put_table(struct layout *L, struct vlist *out,
                      const struct rentry *e) {
  const struct rtable *t = e->table;
  const struct text_style *ts = &L->table_ts;
  double pad = len(L, L->s->table_pad), rule = len(L, L->s->table_rule);
  double W = L->W - 2 * len(L, L->s->side_space);
  double x0 = len(L, L->s->side_space);
  int ncol = t->ncols;
  int first_cell = t->heading_col ? 1 : 0;
  double *cw = arena_alloc(L->a, sizeof(double) * (size_t)ncol);
  double head_w = 0;
  if (t->heading_col) {
    for (int i = 0; i < t->nheads; i++) {
      double w =
          para_width(L->c, layout_styled(L, body(L, t->heads[i]), SP_BOLD), ts);
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
  for (int i = first_cell; i < ncol; i++)
    total += t->widths ? t->widths[i - first_cell] : 1;
  for (int i = first_cell; i < ncol; i++)
    cw[i] = rest * (t->widths ? t->widths[i - first_cell] : 1) / total;

  /* structure: Table > TR > TH (heading cells, of their row when the
   * first column heads the rows, else of their column) or TD */
  int table = layout_tag(L, SR_TABLE, L->sect);
  for (int r = 0; r < t->nrows; r++) {
    const struct rcell *row = &t->cells[r * ncol];
    struct vlist *cells =
        arena_alloc(L->a, sizeof(struct vlist) * (size_t)ncol);
    double hmax = 0;
    int tr = layout_tag(L, SR_TR, table);
    for (int c = 0; c < ncol; c++) {
      int cell = layout_tag(L, row[c].heading ? SR_TH : SR_TD, tr);
      if (cell && row[c].heading)
        L->c->tree->v[cell].row_head = t->heading_col && c == 0;
      cell_content(L, &cells[c], &row[c], cw[c] - 2 * pad, ts, cell);
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
      vlist_flatten(L->a, &cells[c], &tmp, x + pad, pad);
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
    if (r == t->nrows - 1)
      box_add(L->a, row_box,
              (struct draw){.kind = DRAW_RULE, .x = x0, .y = -rule, .w = W,
                            .h = rule, .rgb = rc});
    /* no page break below the first row (the heading row, or a first
     * row that would stand alone) */
    if (r > 0)
      vlist_penalty(L->a, out, r == 1 ? PAGE_INF_PENALTY : 0);
    vlist_box(L->a, out, row_box, e->loc);
  }
  out->have_prev = true;
  out->prev_depth = 0;
}

/* A ragged paragraph (no hyphens) `width` wide, aligned by `al`, as one
 * box whose reference point is its last baseline: it grows upward from
 * where a single line would stand (long titles, page notes). */
static struct box *para_box(struct layout *L, struct spans sp,
                            const struct text_style *ts, double width,
                            enum align al, struct loc at) {
  struct vlist vl = {0};
  struct column col = {&vl, 0, width, width, 0, false, true, false};
  layout_para(L, &col, sp, ts, 0, al, at, NULL);
  struct box tmp = {0};
  double total = vlist_flatten(L->a, &vl, &tmp, 0, 0);
  double last_d = 0;
  for (int i = vl.n - 1; i >= 0; i--)
    if (vl.v[i].kind == V_BOX) {
      last_d = vl.v[i].box->d;
      break;
    }
  struct box *b = box_new(L->a, width);
  box_append(L->a, b, &tmp, 0, -(total - last_d));
  b->h = total - last_d;
  b->d = last_d;
  return b;
}

/* ---- section titles ---- */

static void put_title(struct layout *L, struct vlist *out,
                      const struct rsection *sec) {
  const struct style *s = L->s;
  const struct text_style *ts = &L->ts[EL_TITLES];
  struct loc at = sec->title.loc;
  struct spans sp = layout_style_element(L, sec->title.sp, EL_TITLES);
  layout_tag(L, SR_H2, L->sect);
  struct box *title = para_hbox(L->c, sp, ts, at);
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
    title = para_box(L, sp, ts, avail, centered ? ALIGN_CENTER : ALIGN_LEFT,
                     at);
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
    double y = (s->typst ? L->ts[EL_BODY].size : ts->size) * 0.3;
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
  if (s->typst && out->have_prev) {
    /* RenderCV: v(space_above) from the last baseline to the title's
     * top edge, the height of its capitals */
    double cap = (ts->cap > 0 ? ts->cap : fi->cap_height) * ts->size / 1000.0;
    vlist_line(L->a, out, line, len(L, s->title_above) + cap, at);
  } else {
    vlist_glue(L->a, out, len(L, s->title_above));
    vlist_box(L->a, out, line, at);
  }
  struct vitem *it = &out->v[out->n - 1];
  it->mark = sec->plain;
  it->mark_level = 0;
  vlist_penalty(L->a, out, PAGE_INF_PENALTY); /* keep with what follows */
  if (s->typst) {
    /* RenderCV: v(space_below - 0.5em) after the title block, whose own
     * spacing below adds 0.625em (measured on RenderCV 2.8's PDFs: the
     * next baseline is space_below + 0.125em + its capitals below the
     * title's, or below the rule that ends a full-line title); the next
     * line's baseline skip (leading + capitals) is counted from here */
    double full = type == TT_WITH_FULL_LINE || type == TT_CENTERED_WITH_FULL_LINE
                      ? line->d : 0;
    const struct text_style *body = &L->ts[EL_BODY];
    double target = full + len(L, s->title_below) + 0.125 * ts->size;
    vlist_glue(L->a, out, target - bskip(L, body) + cap_pt(L, body) - line->d);
    out->have_prev = true;
    out->prev_depth = 0;
    return;
  }
  vlist_glue(L->a, out, len(L, s->title_below));
  out->have_prev = false; /* the space below is exact, not a baseline skip */
}

/* The space between two entries of a section: list items' between two
 * bullets or two numbered entries, text entries' between text-like ones,
 * else the regular space. */
static double entry_gap(const struct layout *L, enum entry_kind prev,
                        enum entry_kind k) {
  const struct style *s = L->s;
  bool num = k == ENTRY_NUMBERED || k == ENTRY_REVERSED;
  bool prev_num = prev == ENTRY_NUMBERED || prev == ENTRY_REVERSED;
  if (prev == ENTRY_BULLET && k == ENTRY_BULLET) /* Typst: a list of text */
    return len(L, s->typst ? s->space_text : s->hl_between);
  if (prev_num && num) /* Typst: an enum of text */
    return len(L, s->typst && !s->num_between_set ? s->space_text
                                                  : s->num_between);
  if (text_like(prev) && text_like(k))
    return len(L, s->space_text);
  return len(L, s->space_regular);
}

static void put_section(struct layout *L, struct vlist *out,
                        const struct rsection *sec) {
  /* a page break written first in a section breaks before its title:
   * the title stays with what follows it */
  int first = 0;
  if (sec->n && sec->v[0].kind == ENTRY_PAGE_BREAK) {
    vlist_penalty(L->a, out, PAGE_EJECT_PENALTY);
    first = 1;
  } else {
    vlist_penalty(L->a, out, PAGE_SECTION_PENALTY);
  }
  L->sect = layout_tag(L, SR_SECT, 1);
  L->list = 0;
  put_title(L, out, sec);
  struct vlist sv = {0};
  if (L->s->typst) { /* the first entry's baseline skip from the title */
    sv.have_prev = out->have_prev;
    sv.prev_depth = out->prev_depth;
  }
  /* Typst: RenderCV sets a section's text, bullet, one-line and numbered
   * entries as one block, unbreakable unless entries may break; kept here
   * while it fits on a page (taller, it breaks between entries) */
  bool group = L->s->typst && !L->s->entries_page_break;
  struct page_geometry g = layout_geometry(L->s);
  struct vlist run = {0};
  const struct rentry *prev = NULL;
  for (int i = first; i <= sec->n; i++) {
    const struct rentry *e = i < sec->n ? &sec->v[i] : NULL;
    bool joins = e && group && text_like(e->kind) && prev &&
                 text_like(prev->kind) && run.n;
    if (run.n && !joins) { /* the run ends before e */
      if (vlist_height(&run) <= g.h - g.top - g.bottom)
        vlist_keep(L->a, &run);
      vlist_concat(L->a, &sv, &run);
      run = (struct vlist){0};
    }
    if (!e)
      break;
    struct vlist *to = &sv;
    if (group && text_like(e->kind)) {
      to = &run;
      if (!run.n) { /* its first line's baseline skip from what precedes */
        run.have_prev = sv.have_prev;
        run.prev_depth = sv.prev_depth;
      }
    }
    if (e->kind != ENTRY_PAGE_BREAK) {
      if (prev)
        vlist_glue(L->a, joins ? &run : &sv, entry_gap(L, prev->kind, e->kind));
      prev = e;
    }
    put_entry(L, to, e);
    arena_reset(&L->m);
  }
  if (!L->s->sections_page_break)
    vlist_keep(L->a, &sv);
  vlist_concat(L->a, out, &sv);
}

/* ---- the document ---- */

struct page_geometry layout_geometry(const struct style *s) {
  struct page_geometry g;
  g.w = s->page_w;
  g.h = s->page_h;
  g.top = style_len(s, s->margin_top);
  g.bottom = style_len(s, s->margin_bottom);
  g.left = style_len(s, s->margin_left);
  g.right = style_len(s, s->margin_right);
  /* TeX puts the first baseline \topskip below the margin; Typst puts the
   * first line's top edge (its capitals' height) at the margin */
  g.topskip = s->typst ? 0 : style_len(s, s->size[EL_BODY]);
  return g;
}

struct layout *layout_new(struct ctx *c, const struct realized *r,
                          const struct style *s) {
  struct page_geometry g = layout_geometry(s);
  if (g.w - g.left - g.right < 72 || g.h - g.top - g.bottom < 72) {
    diag_error(c->diag, (struct loc){0},
               "the margins leave less than an inch for the text");
    return NULL;
  }
  struct layout *L = arena_alloc(&c->doc, sizeof *L);
  L->c = c;
  L->r = r;
  L->a = &c->lay;
  if (!family_find(c, s->mono_family, s->mono_loc, L->mono))
    return NULL;
  for (int i = 0; i < EL_N; i++)
    if (!family_find(c, s->family[i], s->family_loc[i], L->fonts[i]))
      return NULL;
  for (int f = 0; f < ICON_FACES; f++)
    L->icon[f] = -2; /* looked for when an icon needs it */
  /* fallback families: found when a character first needs them; those
   * named in the file must exist, so they are looked for now */
  L->fallback = (struct fallback){s->fallback, s->nfallback, {0}, 0, false};
  for (int i = 0; i < s->nfallback && s->fallback_loc.line > 0; i++) {
    int f4[4];
    if (!family_find(c, s->fallback[i], s->fallback_loc, f4))
      return NULL;
  }
  return L;
}

void layout_free(struct layout *L) {
  if (L)
    arena_free(&L->m);
}

/* Set the text styles and the width of style s, for one layout. */
static void begin(struct layout *L, const struct style *s) {
  L->s = s;
  struct page_geometry g = layout_geometry(s);
  L->W = g.w - g.left - g.right;
  L->bullets.ts = NULL; /* its boxes were in the last layout's memory */
  L->icons_warned = L->icons_fork_warned = false;
  uint32_t colors[EL_N] = {s->c_body, s->c_name, s->c_headline,
                           s->c_connections, s->c_titles};
  for (int i = 0; i < EL_N; i++) {
    struct text_style *ts = &L->ts[i];
    memcpy(ts->font, L->fonts[i], sizeof ts->font);
    ts->mono = L->mono[0];
    ts->size = style_len(s, s->size[i]);
    ts->color = colors[i];
    ts->link_color = s->c_links;
    ts->cite_color =
        s->c_citations == STYLE_AS_LINKS ? s->c_links : s->c_citations;
    /* the header's links are never underlined (RenderCV) */
    ts->underline_links = s->link_underline && i != EL_NAME &&
                          i != EL_HEADLINE && i != EL_CONNECTIONS;
    for (int f = 0; f < ICON_FACES; f++)
      ts->icon[f] = -1; /* until an icon asks for it (layout_icon_face) */
    ts->fallback = &L->fallback;
    ts->cap = family_standin_cap(s->family[i],
                                 font_info(L->c->fonts, ts->font[0])->family);
  }
  L->ts[EL_CONNECTIONS].link_color = s->conn_links_follow == 1 ? s->c_links
                                     : s->conn_links_follow == 2
                                         ? s->c_connections
                                         : s->c_conn_links;
  L->table_ts = L->ts[EL_BODY];
  L->table_ts.size = style_len(s, s->table_size);
}

void layout_cv(struct layout *L, const struct style *s, struct vlist *out) {
  begin(L, s);
  L->sect = L->entry = 1; /* (the document, until a section starts) */
  layout_header(L, out);
  arena_reset(&L->m);
  for (int i = 0; i < L->r->nsections; i++) {
    put_section(L, out, &L->r->sections[i]);
    arena_reset(&L->m);
  }
}

/* One note in the body font at 0.9em (RenderCV's size for both): a line,
 * or, when it holds line breaks or is wider than `width`, a ragged
 * paragraph of that width aligned by `al`, whose reference point is its
 * last baseline (so that it grows upward from where one line stands). */
static struct box *note_box(struct layout *L, struct spans sp, uint32_t rgb,
                            double width, enum align al) {
  struct text_style ts = L->ts[EL_BODY];
  ts.size *= 0.9;
  ts.color = ts.link_color = ts.cite_color = rgb;
  struct loc at = {L->r->file, 0, 0};
  struct box *b = para_hbox(L->c, sp, &ts, at);
  bool breaks = false;
  for (int i = 0; i < sp.n; i++)
    breaks |= (sp.v[i].style & SP_BREAK) != 0;
  if (!breaks && b->w <= width)
    return b;
  return para_box(L, sp, &ts, width, al, at);
}

/* Place a note's box at (x, y); a note that does not fit on the paper
 * (a footer of many lines in a small margin) is said to be cut. */
static void put_note(struct layout *L, struct page *pg, const struct box *b,
                     double x, double y, const char *what) {
  if (y - b->h < 0 || y + b->d > pg->h)
    diag_warn(L->c->diag, (struct loc){L->r->file, 0, 0},
              "the %s (%.0fpt tall) does not fit on the page: it runs off "
              "its %s edge; make it shorter, or the margin larger",
              what, b->h + b->d, y - b->h < 0 ? "top" : "bottom");
  page_place(L->a, pg, b, x, y);
}

void layout_notes(struct layout *L, const struct style *s,
                  struct pages *pages) {
  if (!s->show_footer && !s->show_top_note)
    return;
  begin(L, s);
  L->c->tag = 0; /* footers and top notes are artifacts */
  struct page_geometry g = layout_geometry(s);
  double body = L->ts[EL_BODY].size;
  struct spans sp;
  for (int i = 0; i < pages->n; i++) {
    struct page *pg = &pages->v[i];
    arena_reset(&L->m); /* (a page's note spans are copied by its boxes) */
    /* the footer centred, its baseline in the middle of the bottom margin */
    if (s->show_footer &&
        realize_note(&L->m, L->r, s->t_footer, i + 1, pages->n, &sp)) {
      struct box *b = note_box(L, sp, s->c_footer, L->W, ALIGN_CENTER);
      put_note(L, pg, b, g.left + (L->W - b->w) / 2,
               g.h - g.bottom / 2 + 0.1 * body, "footer");
    }
    /* the top note on the first page, flush right (inside the entries'
     * side space), half the top margin above the text */
    if (s->show_top_note && i == 0 &&
        realize_note(&L->m, L->r, s->t_top_note, 1, pages->n, &sp)) {
      double side = len(L, s->side_space);
      struct box *b =
          note_box(L, sp, s->c_top_note, L->W - 2 * side, ALIGN_RIGHT);
      /* Typst places the note's top edge (its capitals' height) there */
      struct text_style ts = L->ts[EL_BODY];
      ts.size *= 0.9; /* note_box's */
      double y = s->typst ? g.top / 2 + cap_pt(L, &ts) : g.top / 2 + b->h * 0.8;
      put_note(L, pg, b, g.w - g.right - side - b->w, y, "top note");
    }
  }
  arena_reset(&L->m);
}
