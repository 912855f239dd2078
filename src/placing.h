/* placing.h: what the files of the layout stage share: layout.c (the
 * document, sections, entries, tables, page notes, the fonts), header.c
 * (the CV's header) and placing.c (the tools both use). Not for other
 * stages: they see layout.h.
 *
 * struct layout is one document's layout: its fonts, found once, and the
 * text styles and width of the layout under way (fitting lays a document
 * out several times, each time in a shrunk style).
 */
#ifndef CVPDF_PLACING_H
#define CVPDF_PLACING_H

#include "family.h"
#include "layout.h"
#include "para.h"

struct layout {
  struct ctx *c;
  const struct realized *r;
  struct arena *a; /* c->lay: boxes and lines */
  /* spans layout makes (styled copies, link icons) live only until their
   * text is set (boxes copy what they draw): this is reset after each
   * entry. Links point into the realized document. */
  struct arena m;
  /* found once for the document */
  int fonts[EL_N][4];
  int mono[4];
  /* the icon fonts, by enum icon_face, looked for when an icon first
   * needs one: -2 not yet, -1 not there, else its id */
  int icon[ICON_FACES];
  struct fallback fallback; /* shared by every text style */
  /* set for each layout (begin), as the style may be shrunk */
  const struct style *s;
  struct text_style ts[EL_N];
  struct text_style table_ts;
  /* reported in this layout: icons drawn with Fork Awesome for want of
   * cvpdf's Font Awesome; icons left out for want of any icon font */
  bool icons_fork_warned, icons_warned;
  /* both bullets set in one text style (body or table cells; the last one
   * asked for), and the wider width, so that each is shaped once */
  struct bullets {
    const struct text_style *ts; /* one of L's own styles, or NULL */
    struct box *box[2];          /* top level, nested */
    double w;
  } bullets;
  double W; /* text width */
  int sect;  /* the structure element of the section being laid out */
  int entry; /* of the entry (a Div in the section, or the section) */
  int list;  /* the list the section's bullet or numbered entries are
                items of (0: none open) */
};

/* A new structure element of `role` under element `parent`, made the one
 * the text set next belongs to; its id (0, an artifact, when no structure
 * is being built). */
static inline int layout_tag(struct layout *L, enum srole role, int parent) {
  struct ctx *c = L->c;
  c->tag = c->tree && parent > 0 ? stree_add(L->a, c->tree, role, parent) : 0;
  return c->tag;
}

/* The same, read before (-1) or after (+1) its siblings whatever the
 * order its content is drawn in (struct selem's order). */
static inline int layout_tag_at(struct layout *L, enum srole role, int parent,
                                int order) {
  int id = layout_tag(L, role, parent);
  if (id)
    L->c->tree->v[id].order = (signed char)order;
  return id;
}

/* A column text flows in: an entry's main column, a table cell, the
 * header's text block. */
struct column {
  struct vlist *vl;
  double x0;     /* left edge, from the left margin */
  double full;   /* width below the right column */
  double narrow; /* width beside it */
  int nright;    /* lines of the right column */
  bool all_narrow;
  bool no_hyphens; /* table cells: ragged like LaTeX's \raggedright */
  bool whole_words; /* a word wider than the column is set overfull, not
                       broken (to measure the widest word) */
};

/* A length of the style in points. */
static inline double len(const struct layout *L, struct length l) {
  return style_len(L->s, l);
}

/* The height of a capital of this style, in points, as spacing measures
 * it: the font's, or the family's it stands in for (text_style.cap). */
static inline double cap_pt(const struct layout *L,
                            const struct text_style *ts) {
  double cap = ts->cap > 0 ? ts->cap
                           : font_info(L->c->fonts, ts->font[0])->cap_height;
  return cap * ts->size / 1000.0;
}

/* Baseline skip for text of this style: the leading plus the height of a
 * capital (Typst's measure, which RenderCV's line_spacing uses). */
static inline double bskip(const struct layout *L, const struct text_style *ts) {
  struct length ls = L->s->line_spacing;
  return ls.pt + ls.em * ts->size + cap_pt(L, ts);
}

/* Where a thing `w` wide starts in a space `room` wide, aligned by `a`. */
static inline double align_in(enum align a, double room, double w) {
  return a == ALIGN_CENTER ? (room - w) / 2 : a == ALIGN_RIGHT ? room - w : 0;
}

/* Set a paragraph in a column at indent `ind` (see para_set); returns
 * the number of lines, the first one's index in *first. */
int layout_para(struct layout *L, struct column *col, struct spans sp,
                const struct text_style *ts, double ind, enum align al,
                struct loc loc, int *first);

/* A copy of sp (in the markup arena) with `style` added to every span. */
struct spans layout_styled(struct layout *L, struct spans sp, unsigned style);

/* A copy of sp with the bold, uppercase and small-caps settings of element
 * `el` (EL_NAME, EL_TITLES...) applied. */
struct spans layout_style_element(struct layout *L, struct spans sp, int el);

/* The face icon `ic` is drawn in: its Font Awesome face (cvpdf's bundled
 * fonts/font-awesome) when that font is there, else Fork Awesome when it
 * has the icon and is installed, else -1. Only the fonts asked for are
 * opened, each once per document. Drawing with Fork Awesome for want of
 * cvpdf's fonts, and leaving icons out, are each reported once per layout
 * (only the last of a fitting's layouts shows warnings). */
int layout_icon_face(struct layout *L, struct icon ic);

/* A span drawing icon `ic`, with `extra` styles, in the face
 * layout_icon_face chooses, in *out (its text in the markup arena); false
 * (*out untouched) when the icon cannot be drawn. */
bool layout_icon_span(struct layout *L, struct icon ic, unsigned extra,
                      struct span *out);

/* The header (header.c): name, headline, connections and photo. */
void layout_header(struct layout *L, struct vlist *out);

#endif
