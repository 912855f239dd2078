/* doc.h: one document through every stage up to finished pages.
 *
 *   text ─yml_parse─► tree [─dialect_to_rendercv─► tree] ─cv_load─► cv
 *        ─style_apply─► style ─realize─► realized
 *        ─layout_new, layout_cv─► vlist ─pages_build─► pages
 *        (─layout_notes─► footers and top note on the pages)
 *
 * main.c then hands the pages to a backend (pdf.c or dump.c). Fuzz targets
 * and tests call doc_build directly.
 */
#ifndef CVPDF_DOC_H
#define CVPDF_DOC_H

#include "cv.h"
#include "dialect.h"
#include "page.h"
#include "realize.h"
#include "style.h"

struct doc {
  const char *file;
  struct cv cv;
  struct style style;
  struct realized real; /* what the CV says, written out */
  struct pages pages;
  const char *title, *author; /* plain text, for the PDF's metadata */
  bool untagged; /* no structure tree (the standard "none") */
  int pdfa;      /* 2: PDF/A-2 asked for (the standard "a-2b/u/a") */
  char pdfa_level; /* its conformance: 'B', 'U' or 'A' */
  /* what fitting to a page count changed: the vertical spacing's factor
   * and the body text's size (1, and the design's, when nothing) */
  double fit_spacing, fit_body;
  /* the files `!include` read (paths as shown in messages), for --watch */
  const char **includes;
  int nincludes;
  const char *variant; /* the variant made: its output's file name */
};

/* Limits on hostile input, with the reason for each. */
#define DOC_MAX_BYTES (16u << 20) /* a CV is a few KB; 16 MiB is absurd */
#define DOC_MAX_NODES 200000      /* values after alias expansion */
#define DOC_MAX_DEPTH 128         /* nesting of lists and mappings */
#define DOC_MAX_SCALAR (1u << 20) /* bytes in one string */
#define DOC_MAX_PAGES 2000        /* far beyond any CV; bounds the output */
#define DOC_MAX_INCLUDES 256      /* files one CV may `!include` in all */
#define DOC_MAX_INCLUDE_DEPTH 16  /* a file including one including ... */

struct doc_opts {
  int fit_pages; /* fit into this many pages (0: design.page.fit_to_pages) */
  /* a style file (`design:` and `locale:` blocks), read by the caller */
  const char *style_file, *style_text;
  size_t style_len;
  /* RenderCV's --design, --locale-catalog and --settings files (or NULL),
   * each holding that one block (design, locale, settings), read by the
   * caller; they override the file's own blocks, key by key */
  const char *layer_file[3], *layer_text[3];
  size_t layer_len[3];
  /* --set overrides, "design.page.size=us-letter" */
  const char *const *sets;
  int nsets;
  /* the input's format (--from); DIALECT_AUTO: told by its top-level keys */
  enum dialect from;
  /* --pdf-standard: "ua-1", "a-2b" or "none" (NULL: settings.pdf_standard,
   * else ua-1, a tagged PDF) */
  const char *pdf_standard;
  const struct tag_filter *tags; /* --tags, --exclude-tags (or NULL) */
  /* make the file's variant number `variant` (from 1; 0: the file as it
   * is): its tags, theme and page count instead of tags' */
  int variant;
};

/* A context for documents in turn (one thread's): its arenas, the fonts
 * (fonts_init'ed by the caller, which frees them after doc_ctx_free), the
 * folder of cvpdf's own fonts, English hyphenation until a document asks
 * for another language. doc_ctx_free releases what the documents left,
 * arenas and dictionaries (the backends' own: pdf_free, raster_free). */
void doc_ctx_init(struct ctx *c, struct fonts *fonts, const char *datadir);
void doc_ctx_free(struct ctx *c);

/* Build the pages of buf[0..len) (the text of `file`). Precedence, lowest
 * first: the theme's defaults, the style file, the file's own blocks,
 * RenderCV's --design, --locale-catalog and --settings files, the --set
 * (and RenderCV's dotted) overrides. Returns false with the errors reported if the input is
 * bad. Memory: the model in c->doc, the pages in c->lay. */
bool doc_build(struct ctx *c, const char *file, const char *buf, size_t len,
               const struct doc_opts *opts, struct doc *d);

#endif
