/* cvpdf.h: the pipeline, its vocabulary, and the context every stage gets.
 *
 * # Steps
 *
 *   parse    cv.yaml ──yml.c──► struct yml: the YAML tree, positions kept
 *            (JSON Resume, YAMLResume ──dialect.c──► RenderCV's tree)
 *   model    tree ──cv.c──► struct cv: what the CV says (RenderCV's schema
 *            and cvpdf's extensions)
 *            tree ──style.c──► struct style: how it looks (a theme, then
 *            the file's `design:` and `locale:`)
 *   realize  cv + style ──realize.c──► struct realized: every text written
 *            out as markup spans in typed lines (templates: tmpl.c, markup:
 *            markup.c); no fonts, no lengths
 *   layout   realized + style ──layout.c, header.c──► struct vlist: boxes,
 *            glue, penalties (a paragraph: spans ─para.c─► items
 *            ─breaker.c─► lines; fonts: family.c, font.c; hyphens: hyph.c)
 *   pages    vlist ──page.c──► struct pages: boxes at absolute positions
 *            (page_ops lists a page's drawing operations)
 *   backends pages ──pdf.c──► out.pdf (fonts cut by subset.c)
 *            pages ──dump.c──► a stable text trace (cvpdf --dump)
 *
 * doc.c makes the calls up to finished pages for one document (realizing
 * it once, laying it out again to fit a page count); main.c reads the
 * files, hands the pages to a backend and writes the output. Each stage
 * reads only what earlier stages made; the one call back is layout asking
 * realize.c for the page notes' text once the page count is known.
 *
 * # Glossary
 *
 *   pt        a PostScript point, 1/72 inch; every length inside is in pt.
 *   em        the current font size.
 *   box       material of fixed size: a word, a line, a table row.
 *   glue      space that can stretch or shrink (between words), or vanish
 *             (at a line or page break).
 *   penalty   the cost of breaking a line or page at a point; 10000 forbids,
 *             -10000 forces.
 *   badness   how far glue is stretched or shrunk, ~100 * ratio^3 (TeX).
 *   vlist     the vertical list: the document as a column of boxes, glue and
 *             penalties, before it is cut into pages.
 *   loc       file:line:col in the source, carried to every diagnostic.
 *
 * # Memory
 *
 * Four arenas, one lifetime each: `doc` (the model, the style and the
 * realized document) lives until the document is written; `lay` (lines,
 * boxes, pages) until the next layout of the document starts (fitting to
 * a page count lays out several times); `tmp` never outlives the
 * paragraph that reset it; and layout's markup arena (struct layout)
 * never outlives the entry whose spans it styles. The heap (xmalloc)
 * holds what belongs to the process, such as the fonts (struct fonts),
 * which every document of a batch shares, and what a backend returns.
 */
#ifndef CVPDF_CVPDF_H
#define CVPDF_CVPDF_H

#include "arena.h"
#include "diag.h"
#include "font.h"
#include "hyph.h"

/* Typesetting statistics of a document (cvpdf --stats). */
struct stats {
  int lines, hyphenated, overfull, underfull;
  int justified;         /* lines whose glue was set to fill the measure */
  double max_space_ratio; /* largest actual/natural interword space */
  double sum_space_ratio;
  bool capped; /* a limit of para.h was reached (and reported) */
};

/* Where lines sit in their measure, or a thing in the room it has. The
 * style's alignment keys list the first three in this order. */
enum align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT, ALIGN_JUSTIFY };

struct ctx {
  struct arena doc; /* the model: YAML tree, CV, style */
  struct arena lay; /* layout products: lines, boxes, pages */
  struct arena tmp; /* scratch of one paragraph */
  struct diag *diag;
  struct fonts *fonts;
  struct hyph hyph;
  /* the document's language as a BCP 47 tag ("ar"; NULL: unknown), for
   * shaping, and whether its script is written right to left */
  const char *lang;
  bool rtl;
  /* the font para.c chose for a script that joins or reorders in the
   * document's paragraphs so far (script_font), kept for the next while
   * it has their letters: a document's Urdu is set in one font. Emptied
   * for each document. */
  struct script_pick {
    const char *lang;
    int font;
  } script_picks[8];
  int nscript_picks;
  const char *datadir; /* holds fonts/ (the bundled families) */
  const char *srcdir;  /* the CV's folder (a fonts/ folder there is used) */
  struct stats stats;
  /* the structure layout is building (NULL: none), and the element the
   * text set now belongs to (0: an artifact); para.c stamps both on what
   * it draws */
  struct stree *tree;
  int tag;
  size_t max_layout; /* bytes in lay; 0 = LAYOUT_MAX_BYTES (para.h) */
  /* the PDF backend's compressors, kept from one document to the next
   * (pdf_free releases them) */
  void *deflaters[13];
  /* the raster backend's cairo functions, once loaded (raster_free) */
  void *raster;
};

#endif
