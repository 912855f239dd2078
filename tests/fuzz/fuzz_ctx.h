/* fuzz_ctx.h: the context a fuzz target runs an input in: messages to
 * /dev/null (counted, not shown), no arenas used yet, and, given fonts,
 * the repository's bundled fonts. The caller fcloses the sink it returns. */
#ifndef CVPDF_FUZZ_CTX_H
#define CVPDF_FUZZ_CTX_H

#include <stdio.h>
#include <string.h>

#include "cvpdf.h"
#include "diag.h"

static inline FILE *fuzz_ctx(struct ctx *c, struct diag *d,
                             struct fonts *fonts) {
  FILE *sink = fopen("/dev/null", "w");
  diag_init(d, sink);
  memset(c, 0, sizeof *c);
  c->diag = d;
  if (fonts) {
    c->fonts = fonts;
    c->datadir = CVPDF_SOURCE_DATA_DIR;
  }
  return sink;
}

#endif
