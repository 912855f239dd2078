/* doc.c: chains the stages for one document (see doc.h). Stops after a
 * stage that reported errors, so later stages only see valid input.
 */
#include "doc.h"

#include <string.h>

#include "layout.h"
#include "markup.h"
#include "tmpl.h"

static const char *name_lookup(void *user, const char *name, int n) {
  const struct doc *d = user;
  if (n == 4 && memcmp(name, "NAME", 4) == 0)
    return d->author ? d->author : NULL;
  return NULL;
}

bool doc_build(struct ctx *c, const char *file, const char *buf, size_t len,
               struct doc *d) {
  memset(d, 0, sizeof *d);
  d->file = file;
  int errors = c->diag->errors;
  struct yml_limits lim = {DOC_MAX_DEPTH, DOC_MAX_NODES, DOC_MAX_SCALAR};
  bool empty = false;
  struct yml *root = yml_parse(&c->doc, c->diag, file, buf, len, &lim, &empty);
  if (!root) {
    if (empty)
      diag_error(c->diag, (struct loc){file, 1, 1},
                 "the file is empty: expected a mapping with a 'cv' key");
    return false;
  }
  if (!cv_load(c, root, &d->cv))
    return false;
  style_defaults(&d->style, NULL);
  if (!style_apply(c, &d->style, d->cv.design, d->cv.locale))
    return false;
  if (c->diag->errors > errors)
    return false;

  /* metadata: plain text of the name, RenderCV's "NAME - CV" title */
  if (d->cv.name.s)
    d->author = markup_plain(&c->doc, markup_parse(&c->doc, d->cv.name.s,
                                                   strlen(d->cv.name.s)));
  const char *t = d->cv.pdf_title.s ? d->cv.pdf_title.s : "NAME - CV";
  char *title = tmpl_line(&c->doc, t, (int)strlen(t), name_lookup, d, false);
  d->title = title ? markup_plain(&c->doc, markup_parse(&c->doc, title,
                                                        strlen(title)))
                   : NULL;

  hyph_free(&c->hyph);
  hyph_init(&c->hyph, d->style.locale.hyph_lang, NULL);
  struct vlist vl = {0};
  if (!layout_cv(c, &d->cv, &d->style, &vl))
    return false;
  struct page_geometry g = layout_geometry(&d->style);
  d->pages = pages_build(&c->doc, c->diag, &vl, &g);
  return c->diag->errors == errors;
}
