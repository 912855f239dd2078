/* cvpdf.h: the pipeline, its vocabulary, and the context every stage gets.
 *
 * # Steps
 *
 *   cv.yaml ──yml.c──► struct yml tree (libyaml; positions kept)
 *           ──cv.c───► struct cv  (RenderCV's schema + cvpdf extensions)
 *           ──style.c► struct style (theme defaults, then `design:`)
 *   cv + style ──layout.c──► struct vlist: boxes, glue, penalties
 *        (each paragraph: markup.c spans ─para.c─► items ─linebreak.c─► lines)
 *   vlist ──page.c──► struct pages: boxes at absolute positions (page_ops
 *                     lists a page's drawing operations)
 *   pages ──pdf.c──► out.pdf (fonts cut by subset.c)
 *   pages ──dump.c──► stable text trace
 *
 * Each arrow is one call made by main.c; no stage reaches back.
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
 * `doc` memory (the model) lives until the document is written; `lay`
 * memory (lines, boxes, pages) lives until the next layout of the document
 * starts (fitting to a page count lays out several times); `tmp` memory
 * never outlives the paragraph that reset it, and layout's markup arena
 * never outlives the entry its spans belong to. Fonts belong to the
 * process (struct fonts) and are shared by every document of a batch.
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
  const char *datadir; /* holds fonts/ (the bundled families) */
  const char *srcdir;  /* the CV's folder (a fonts/ folder there is used) */
  struct stats stats;
  /* the PDF backend's compressors, kept from one document to the next
   * (pdf_free releases them) */
  void *deflaters[13];
};

#endif
