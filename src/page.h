/* page.h: boxes, the vertical list, and finished pages.
 *
 * Layout produces a vertical list (TeX's vlist): boxes (a line of text, a
 * rule, a table row), glue (space that can vanish at a page break) and
 * penalties (the cost of a page break there). pages_build cuts it into
 * pages the way TeX's page builder does and places every box: a finished
 * page is its boxes at absolute positions, and page_ops lists its drawing
 * operations there, in points, origin at the top-left corner, y growing
 * downward. Backends (PDF, text dump) see only finished pages.
 */
#ifndef CVPDF_PAGE_H
#define CVPDF_PAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"

enum draw_kind {
  DRAW_TEXT,  /* s[0..len) set in `font` at `size`, baseline at (x, y) */
  DRAW_RULE,  /* filled rectangle, top-left (x, y), w x h */
  DRAW_LINK,  /* clickable area, top-left (x, y), w x h, target s */
  DRAW_IMAGE, /* the image file s (PNG if len is 1, else JPEG) scaled to
                 w x h, top-left (x, y) */
  DRAW_DEST,  /* a place links lead to: "#s" links here; (x, y) is its
                 top-left corner (nothing is drawn) */
};

/* Text that HarfBuzz shaped (complex scripts, combining marks, characters
 * beyond the BMP): glyphs in visual order, each at its own place. */
struct glyph_run {
  int n;
  const uint32_t *gid; /* glyph ids in the op's font */
  const float *x, *y;  /* each glyph's origin from the op's (x, y), pt, y
                          growing downward */
  const int *cl;       /* the byte of s where each glyph's cluster starts:
                          the first glyph of a cluster (in logical order)
                          stands for s[cl..next cluster), the others for "" */
  bool rtl;            /* the text runs right to left (cl decreases) */
};

/* The logical structure of a document (a tagged PDF's structure tree):
 * elements, each with a standard role and a parent, made by layout in
 * reading order; every operation says which element it belongs to (its
 * tag), or 0: an artifact (rules, icons, page numbers), which a reader
 * skips. Element 1 is the document. */
enum srole {
  SR_DOCUMENT, SR_SECT, SR_H1, SR_H2, SR_P, SR_L, SR_LI, SR_LBL, SR_LBODY,
  SR_TABLE, SR_TR, SR_TH, SR_TD, SR_LINK, SR_FIGURE, SR_DIV
};

struct selem {
  enum srole role;
  int parent;      /* 0 for the document */
  const char *alt; /* a figure's alternative text, a link's description */
  bool row_head;   /* SR_TH: heads its row (else its column) */
  /* where it stands among its siblings: in the order their content is
   * drawn (0), or before (-1) or after (+1) all of those (an entry's
   * degree column, its date column: RenderCV's reading order) */
  signed char order;
};

struct stree {
  struct selem *v; /* v[0] unused: tag 0 is an artifact */
  int n, cap;
};

/* A new element of `role` under `parent` (an element id); its id. */
int stree_add(struct arena *a, struct stree *t, enum srole role, int parent);

/* (fields ordered widest first: 88 bytes, not 104; a CV has thousands) */
struct draw {
  double x, y, w, h; /* text: w = advance width as measured */
  double size;
  const char *s;
  /* text: NULL, or the glyphs to draw (s is then the text they stand for,
   * in logical order) */
  const struct glyph_run *gl;
  /* text: what a reader extracting text should get instead of s (NULL =
   * s itself). A word hyphenated at a line end extracts whole: the
   * hyphen stands for the rest of the word and the rest extracts as "". */
  const char *actual;
  int len;
  int font;
  uint32_t rgb;
  enum draw_kind kind;
  /* text: the family lacks the face, so it is made: DRAW_FAKE_BOLD is
   * stroked as well as filled, DRAW_FAKE_ITALIC slanted */
  unsigned char fake;
  /* text: an interword space follows (the glue after the word): a reader
   * gets a space character there, not only a gap */
  bool space;
  /* text: continues the ActualText of the text operation before it (the
   * rest of a word set in small capitals: one span over the word's
   * pieces, so that a reader's word box covers them all) */
  bool joined;
  int tag; /* the structure element it belongs to (0: an artifact) */
};

enum { DRAW_FAKE_BOLD = 1, DRAW_FAKE_ITALIC = 2 };

/* A box's operations are relative to its reference point: the left edge on
 * the baseline. Height is above the baseline, depth below. */
struct box {
  double w, h, d;
  struct draw *ops;
  int nops, cap;
  bool mirrored; /* pages_mirror has turned its operations round */
};

enum vkind { V_BOX, V_GLUE, V_PENALTY };

/* Page penalties (TeX's values): at or above PAGE_INF_PENALTY a page
 * never breaks there, at or below PAGE_EJECT_PENALTY it always does.
 * PAGE_SECTION_PENALTY invites a break before a section (LaTeX's
 * \@secpenalty). */
#define PAGE_INF_PENALTY 10000
#define PAGE_EJECT_PENALTY (-10000)
#define PAGE_SECTION_PENALTY (-300)

/* (the kinds share their fields' room: 48 bytes, not 80) */
struct vitem {
  enum vkind kind;
  union {
    struct {              /* V_BOX */
      struct box *box;
      const char *mark;   /* a bookmark title (or NULL) */
      int mark_level;
    };
    double glue;          /* V_GLUE: the space (rigid: pages end ragged) */
    int penalty;          /* V_PENALTY */
  };
  struct loc loc;         /* where in the source the material came from */
};

struct vlist {
  struct vitem *v;
  int n, cap;
  double prev_depth; /* depth of the last box, for interline glue */
  bool have_prev;    /* false at the start and after a rule: no glue */
};

struct bookmark {
  const char *title;
  int level;
  double y;
};

/* A box on a page, its reference point at (x, y) from the top-left. */
struct placed {
  const struct box *box;
  double x, y;
};

/* A page holds its boxes where they stand rather than a copy of their
 * operations: page_ops makes the list one page at a time, so a document
 * never holds two copies of everything it draws. */
struct page {
  double w, h;
  struct placed *boxes; /* in drawing order */
  int nboxes;
  struct bookmark *marks;
  int nmarks;
};

struct pages {
  struct page *v;
  int n;
  const struct stree *tree; /* the structure of what they draw (or NULL) */
};

struct page_geometry {
  double w, h;                      /* paper size */
  double top, bottom, left, right;  /* margins */
  double topskip;                   /* first baseline below the top margin */
};

/* ---- boxes and the vertical list (all memory in arena `a`) ---- */
struct box *box_new(struct arena *a, double w);
struct draw *box_add(struct arena *a, struct box *b, struct draw op);
/* Append all of `src`'s ops to `dst`, moved by (dx, dy). */
void box_append(struct arena *a, struct box *dst, const struct box *src,
                double dx, double dy);

void vlist_box(struct arena *a, struct vlist *vl, struct box *b,
               struct loc loc);
/* Append a line, preceded by glue that puts its baseline `baselineskip`
 * below the previous one (or 1pt between them if they would touch). */
void vlist_line(struct arena *a, struct vlist *vl, struct box *b,
                double baselineskip, struct loc loc);
void vlist_glue(struct arena *a, struct vlist *vl, double glue);
void vlist_penalty(struct arena *a, struct vlist *vl, int penalty);
/* Append another list (e.g. an entry built apart) to vl. */
void vlist_concat(struct arena *a, struct vlist *vl, const struct vlist *src);
/* Natural height of a list from its first box's top to its last box's
 * bottom (glue at either end excluded). */
double vlist_height(const struct vlist *vl);
/* The number of boxes in the list. */
int vlist_boxes(const struct vlist *vl);
/* Whether vl holds at least k boxes: a count that stops at k (asked once
 * a paragraph, vlist_boxes would make an entry of 40 000 highlights
 * quadratic). */
bool vlist_boxes_reach(const struct vlist *vl, int k);
/* Forbid page breaks inside the list (material that must stay whole):
 * every penalty becomes PAGE_INF_PENALTY, and every glue after a box and
 * before the list's last box gets one in front. Glue after the last box
 * stays breakable: it is where what follows may start a page. */
void vlist_keep(struct arena *a, struct vlist *vl);
/* Stack the list's boxes into `dst` from (x, y) downward, as the list
 * would stand on a page (glue before the first box dropped); returns the
 * height used. */
double vlist_flatten(struct arena *a, const struct vlist *vl, struct box *dst,
                     double x, double y);

/* Draw a box on a finished page, its reference point at (x, y) from the
 * page's top-left corner (footers, top notes). */
void page_place(struct arena *a, struct page *pg, const struct box *b,
                double x, double y);

/* The page's drawing operations at their places on it, in drawing order,
 * written to *ops (malloc'd and grown as needed; the caller frees it, and
 * may reuse it for the next page). Returns their number. */
int page_ops(const struct page *pg, struct draw **ops, int *cap);
/* The number of operations on the page. */
int page_nops(const struct page *pg);

/* Turn every page round, left for right (a document in a language written
 * right to left is laid out as its mirror image): each operation moves to
 * the mirror of its place, and draws as before (text reads as it did,
 * images are not flipped). */
void pages_mirror(struct pages *pp);

/* Cut vl into pages (TeX's page builder, ragged bottom). Warns at each
 * box taller than a page. Returns pages in arena `a`. */
struct pages pages_build(struct arena *a, struct diag *d,
                         const struct vlist *vl, const struct page_geometry *g);

#endif
