/* embedded.h: data files built into the binary (data/themes/ and
 * data/locales/); the build generates embedded.c from them. */
#ifndef CVPDF_EMBEDDED_H
#define CVPDF_EMBEDDED_H

#include <stddef.h>

struct embedded {
  const char *name; /* path under data/, e.g. "themes/classic.yaml" */
  const char *data; /* not NUL-terminated */
  size_t len;
};

/* The file of that name, or NULL. */
const struct embedded *embedded_find(const char *name);

#endif
