/* dump.h: finished pages as a stable text trace, for golden tests and
 * for looking at positions without a PDF viewer.
 *
 *   page 1 595.28 841.89
 *   text 51.02 70.20 121.46 CMUSerif-Bold 17.28 #000000 "MINGZE WANG"
 *   rule 51.02 101.30 493.23 0.40 #07608F
 *   link 160.10 83.70 74.20 13.30 "https://www.pku.edu.cn/"
 *   mark 0 "Short Bio" 92.40
 *
 * Numbers are points from the page's top-left corner, rounded to 0.01;
 * for text: x, baseline y, advance width, font, size, colour, string (and
 * `actual "..."` when the text extracts differently, see page.h).
 */
#ifndef CVPDF_DUMP_H
#define CVPDF_DUMP_H

#include <stdio.h>

#include "cvpdf.h"
#include "page.h"

void dump_pages(FILE *out, const struct ctx *c, const struct pages *pages);

#endif
