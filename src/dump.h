/* dump.h: stable text traces, for golden tests and for looking at a
 * document without a PDF viewer. Three, each for one concern, so that a
 * change to one (kerning, spacing, a template) changes only its traces:
 *
 * dump_pages, every drawing operation of the finished pages:
 *
 *   page 1 595.28 841.89
 *   mark 0 "Short Bio" 92.40
 *   text 51.02 70.20 121.46 CMUSerif-Bold 17.28 #000000 "MINGZE WANG"
 *   rule 51.02 101.30 493.23 0.40 #07608F
 *   link 160.10 83.70 74.20 13.30 "https://www.pku.edu.cn/"
 *   link 366.56 375.36 11.56 12.98 "#ref-1"    (a citation)
 *   dest 55.64 243.09 "ref-18"                 (where "#ref-18" leads)
 *
 * Numbers are points from the page's top-left corner, rounded to 0.01;
 * for text: x, baseline y, advance width, font, size, colour, string (and
 * `actual "..."` when the text extracts differently, see page.h).
 *
 * dump_lines, each line of text where it stands, without widths, fonts or
 * kerning: its baseline, where its first text starts, and its words
 * (texts drawn with a gap between them are separated by a space):
 *
 *   page 1
 *   70.20 220.71 MINGZE WANG
 *   rule 101.30 51.02 493.23
 *
 * dump_content, the realized document (realize.h) before layout: what
 * every line says, its type, its styles and links, one line each:
 *
 *   section "Education"
 *     entry education 31:7
 *       text **Peking University**
 *       right Sept 2021 – present
 */
#ifndef CVPDF_DUMP_H
#define CVPDF_DUMP_H

#include <stdio.h>

#include "cvpdf.h"
#include "page.h"
#include "realize.h"

void dump_pages(FILE *out, const struct ctx *c, const struct pages *pages);
void dump_lines(FILE *out, const struct pages *pages);
void dump_content(FILE *out, const struct realized *r);

#endif
