/* icons.c: icon names -> pictures (see icons.h), read from the tables
 * built into the binary. Both are a comment header ('#' lines) and one
 * row a line, tab-separated: fontawesome.tsv "name, face, code point",
 * forkawesome.tsv "name, code point" (hexadecimal). A lookup reads the
 * table through: a document asks for a handful of names.
 */
#include "icons.h"

#include <stdlib.h>
#include <string.h>

#include "embedded.h"

static const char *const FACES[ICON_FACES] = {"solid", "regular", "brands",
                                              "fork"};

const char *icon_face_name(enum icon_face f) {
  return (unsigned)f < ICON_FACES ? FACES[f] : "?";
}

/* The rest of the row of table `file` whose first field is `name` (what
 * follows its tab, up to the line's end at *end), or NULL. */
static const char *row(const char *file, const char *name, const char **end) {
  const struct embedded *e = embedded_find(file);
  if (!e || !name || !*name)
    return NULL;
  size_t n = strlen(name);
  const char *p = e->data, *stop = e->data + e->len;
  while (p < stop) {
    const char *nl = memchr(p, '\n', (size_t)(stop - p));
    if (!nl)
      nl = stop;
    if ((size_t)(nl - p) > n && p[n] == '\t' && memcmp(p, name, n) == 0) {
      *end = nl;
      return p + n + 1;
    }
    p = nl + 1;
  }
  return NULL;
}

/* A code point in hexadecimal from p (before end), or 0. */
static uint32_t hex(const char *p, const char *end) {
  char buf[9];
  size_t n = (size_t)(end - p);
  if (n == 0 || n >= sizeof buf)
    return 0;
  memcpy(buf, p, n);
  buf[n] = 0;
  return (uint32_t)strtoul(buf, NULL, 16);
}

struct icon icon_pair(const char *fa, const char *fork) {
  struct icon ic = {0, ICON_SOLID, 0};
  const char *end, *r = row("icons/fontawesome.tsv", fa, &end);
  if (r) {
    const char *tab = memchr(r, '\t', (size_t)(end - r));
    for (int f = ICON_SOLID; tab && f < ICON_FORK; f++)
      if ((size_t)(tab - r) == strlen(FACES[f]) &&
          memcmp(r, FACES[f], (size_t)(tab - r)) == 0) {
        ic.face = (enum icon_face)f;
        ic.fa = hex(tab + 1, end);
      }
  }
  r = row("icons/forkawesome.tsv", fork, &end);
  if (r)
    ic.fork = hex(r, end);
  return ic;
}

bool icon_named(const char *name, struct icon *out) {
  *out = icon_pair(name, name);
  return icon_any(*out);
}
