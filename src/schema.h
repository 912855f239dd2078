/* schema.h: what `cvpdf schema` and `cvpdf new` write: a JSON Schema of
 * cvpdf's input (RenderCV's vocabulary and cvpdf's extensions), so that an
 * editor completes and checks keys, and a starter CV that renders. */
#ifndef CVPDF_SCHEMA_H
#define CVPDF_SCHEMA_H

#include <stdio.h>

/* The JSON Schema (draft-07; each repeated piece written once under
 * "definitions"), built from the tables that read the input: what cvpdf
 * accepts it passes (older names with a deprecation message, as cvpdf
 * warns), what cvpdf refuses it fails, wherever a schema can tell.
 * tests/run-schema.sh holds the two verdicts equal. */
void schema_write(FILE *out);

/* A commented starter CV for `name`, pointing at `schema_file` (may be
 * NULL) for editors. */
void schema_starter(FILE *out, const char *name, const char *schema_file);

#endif
