/* placing.c: what layout.c and header.c both use to place text (see
 * placing.h): setting a paragraph in a column, the styles of the
 * document's elements applied to a copy of their spans, and the icon fonts.
 */
#include "placing.h"

#include "utf8.h"

static double col_width(const struct column *col) {
  if (col->all_narrow || !vlist_boxes_reach(col->vl, col->nright))
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

/* The font of face f, looked for once per document, and given to every
 * text style of this layout. */
static int icon_font(struct layout *L, enum icon_face f) {
  if (L->icon[f] == -2)
    L->icon[f] = family_icon_font(L->c, f);
  for (int i = 0; i < EL_N; i++)
    L->ts[i].icon[f] = L->icon[f];
  L->table_ts.icon[f] = L->icon[f];
  return L->icon[f];
}

int layout_icon_face(struct layout *L, struct icon ic) {
  struct ctx *c = L->c;
  struct loc at = {L->r->file, 0, 0};
  bool fa_missing = false; /* the icon's Font Awesome face is not there */
  if (ic.fa) {
    int id = icon_font(L, ic.face);
    if (id >= 0 && font_glyph(c->fonts, id, ic.fa))
      return (int)ic.face;
    fa_missing = id < 0;
  }
  if (ic.fork && icon_font(L, ICON_FORK) >= 0) {
    if (fa_missing && !L->icons_fork_warned) {
      L->icons_fork_warned = true;
      diag_warn(c->diag, at,
                "cvpdf's Font Awesome fonts are not in %s/fonts/font-awesome "
                "(an incomplete installation?): icons are drawn with Fork "
                "Awesome instead",
                c->datadir ? c->datadir : "its data folder");
    }
    return ICON_FORK;
  }
  if ((ic.fa || ic.fork) && !L->icons_warned) {
    L->icons_warned = true;
    if (ic.fa)
      diag_warn(c->diag, at,
                "icons need cvpdf's Font Awesome fonts (%s/fonts/font-awesome) "
                "or the Fork Awesome font (Debian's fonts-fork-awesome), and "
                "neither is there; they are left out",
                c->datadir ? c->datadir : "its data folder");
    else
      diag_warn(c->diag, at,
                "icons that only Fork Awesome has need the Fork Awesome font "
                "(Debian's fonts-fork-awesome), which is not installed; they "
                "are left out");
  }
  return -1;
}

bool layout_icon_span(struct layout *L, struct icon ic, unsigned extra,
                      struct span *out) {
  int f = layout_icon_face(L, ic);
  if (f < 0)
    return false;
  char *u = arena_alloc(&L->m, 5);
  int n = utf8_encode(f == ICON_FORK ? ic.fork : ic.fa, u);
  u[n] = 0;
  *out = (struct span){u, n, sp_icon_style((enum icon_face)f) | extra, NULL,
                       0, NULL};
  return true;
}
