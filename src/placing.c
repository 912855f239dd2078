/* placing.c: what layout.c and header.c both use to place text (see
 * placing.h): setting a paragraph in a column, the styles of the
 * document's elements applied to a copy of their spans, and the icon font.
 */
#include "placing.h"

#include "utf8.h"

static double col_width(const struct column *col) {
  if (col->all_narrow || vlist_boxes(col->vl) < col->nright)
    return col->narrow;
  return col->full;
}

/* Set a paragraph in a column at indent `ind`. */
int layout_para(struct layout *L, struct column *col, struct spans sp,
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
  if (L->s->typst)
    o.top_edge = font_info(L->c->fonts, ts->font[0])->cap_height * ts->size / 1000.0;
  o.hyphenate = L->s->hyphenate && !col->no_hyphens;
  o.whole_words = col->whole_words;
  o.brk = &L->s->breaking;
  o.loc = loc;
  return para_set(L->c, sp, ts, &o, col->vl, first);
}

/* A copy of sp (in the markup arena) with `style` added to every span. */
struct spans layout_styled(struct layout *L, struct spans sp, unsigned style) {
  struct spans out = {
      arena_alloc(&L->m, sizeof(struct span) * (size_t)(sp.n + 1)), sp.n};
  for (int i = 0; i < sp.n; i++) {
    out.v[i] = sp.v[i];
    out.v[i].style |= style;
  }
  return out;
}

/* A copy of sp with the bold, uppercase and small-caps settings of element
 * `el` (EL_NAME, EL_TITLES...) applied. */
struct spans layout_style_element(struct layout *L, struct spans sp, int el) {
  struct spans out = layout_styled(L, sp, L->s->bold[el] ? SP_BOLD : 0);
  if (L->s->uppercase[el])
    markup_uppercase(&L->m, &out, L->c->lang);
  /* Typst sets small capitals only with a font's own (smcp); without, the
   * text stays as written. LaTeX's (the seed's) are made when missing. */
  const struct text_style *ts = &L->ts[el];
  int face = ts->font[L->s->bold[el] ? 1 : 0];
  if (L->s->small_caps[el] &&
      (!L->s->typst || font_info(L->c->fonts, face)->small_caps))
    markup_small_caps(&L->m, &out, L->c->lang);
  return out;
}

/* The icon font (Debian's fonts-fork-awesome), found once per document;
 * its absence is reported in each layout that wants icons (only the last
 * of a fitting's layouts shows warnings). */
bool layout_icons(struct layout *L) {
  if (!L->icon_tried) {
    L->icon_tried = true;
    L->icon = family_icons(L->c);
  }
  if (L->icon < 0 && !L->icons_warned) {
    L->icons_warned = true;
    diag_warn(L->c->diag, (struct loc){L->r->file, 0, 0},
              "icons need the Fork Awesome font (Debian's fonts-fork-awesome), "
              "which is not installed; they are left out");
  }
  for (int i = 0; i < EL_N; i++)
    L->ts[i].icon = L->icon;
  L->table_ts.icon = L->icon;
  return L->icon >= 0;
}

struct span layout_icon_span(struct layout *L, uint32_t cp, unsigned extra) {
  char *u = arena_alloc(&L->m, 5);
  int n = utf8_encode(cp, u);
  u[n] = 0;
  return (struct span){u, n, SP_ICON | extra, NULL, 0, NULL};
}
