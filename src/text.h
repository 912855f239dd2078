/* text.h: the CV as Markdown or plain text, for applicant-tracking
 * systems, e-mail and the web (cvpdf -o cv.md, cv.txt, cv.html, --format).
 *
 * Written from the realized document (realize.h), the same model the PDF
 * is laid out from: the header, then each section's entries in reading
 * order (an entry's main column, then its date and location), highlights
 * as lists, tables as tables. Nothing is measured and no font is needed.
 */
#ifndef CVPDF_TEXT_H
#define CVPDF_TEXT_H

#include <stdio.h>

#include "realize.h"

enum text_kind { TEXT_MARKDOWN, TEXT_PLAIN, TEXT_HTML };

/* Write r to out as Markdown (CommonMark: headings, emphasis, links,
 * lists, pipe tables), as plain UTF-8 text, or as a standalone HTML page
 * (semantic elements, the design's colours and fonts in CSS, the photo
 * inlined, the page's language and direction). */
void text_render(FILE *out, const struct realized *r, enum text_kind kind);

#endif
