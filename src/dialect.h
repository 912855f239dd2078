/* dialect.h: other CV formats, read by turning them into RenderCV's.
 *
 * JSON Resume (jsonresume.org, schema 1.x: `basics`, `work`, `education`,
 * ...) and YAMLResume (yamlresume.dev: `content`, `locale`, `layouts`) are
 * converted, tree to tree, into the shape cv.c and style.c read: top-level
 * `cv`, `design`, `locale`. Every node made keeps the position of the node
 * it comes from, so a later error (a bad date, a bad email address) points
 * into the file as written.
 */
#ifndef CVPDF_DIALECT_H
#define CVPDF_DIALECT_H

#include "cvpdf.h"
#include "yml.h"

enum dialect {
  DIALECT_AUTO,
  DIALECT_RENDERCV,
  DIALECT_JSONRESUME,
  DIALECT_YAMLRESUME
};

/* Which dialect a parsed file is, from its top-level keys (cv/design/
 * locale/settings -> RenderCV; basics/work/education/... or $schema ->
 * JSON Resume; content -> YAMLResume). Anything else is RenderCV, whose
 * loader then says what is missing. */
enum dialect dialect_detect(const struct yml *root);

/* "rendercv", "jsonresume", "yamlresume" (and "auto"). */
const char *dialect_name(enum dialect d);

/* A RenderCV-shaped tree (top-level cv, design, locale) made from a JSON
 * Resume or YAMLResume tree, in c->doc. Every node made keeps the location
 * of the source node it comes from, so later errors point into the
 * original file. Reports wrong types etc. with diag_error at the source
 * location; returns NULL on error. DIALECT_AUTO detects; DIALECT_RENDERCV
 * returns root as it is. */
struct yml *dialect_to_rendercv(struct ctx *c, struct yml *root,
                                enum dialect d);

#endif
