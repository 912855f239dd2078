/* pdf.h: finished pages -> PDF bytes, through libharu.
 *
 * The backend sees only pages (page.h): text runs at absolute positions in
 * known fonts, rules, link areas, the places links lead to (citations)
 * and bookmarks. It embeds each font as a subset (subset.c) of exactly
 * the characters drawn, replaces libharu's ToUnicode map with a standard
 * one, packs the small objects into an object stream (objstm.c), and
 * returns the file in memory; writing it to disk (atomically) is the
 * caller's business.
 */
#ifndef CVPDF_PDF_H
#define CVPDF_PDF_H

#include <stddef.h>
#include <time.h>

#include "cvpdf.h"
#include "page.h"

struct pdf_meta {
  const char *file; /* the CV the document comes from, for messages */
  const char *title, *author, *subject, *keywords;
  /* 2: PDF/A-2 (archival: an sRGB output intent, XMP identification,
   * printable annotations), at conformance level pdfa_level: 'B' (the
   * looks), 'U' (and every glyph maps to Unicode) or 'A' (and tagged:
   * cvpdf's files are); 0: none */
  int pdfa;
  char pdfa_level;
  time_t date;     /* creation date; (time_t)-1 for none */
};

/* Returns a malloc'd PDF (its size in *len), or NULL after reporting. */
unsigned char *pdf_render(struct ctx *c, const struct pages *pages,
                          const struct pdf_meta *meta, size_t *len);
/* Release what the backend keeps in c between documents. */
void pdf_free(struct ctx *c);

#endif
