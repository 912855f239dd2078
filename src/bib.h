/* bib.h: BibTeX files -> publication entries.
 *
 * An entry `- bibtex: papers.bib` in a section stands for the publications
 * of that file (relative to the file it is written in), formatted by its
 * options (or `design.bibtex`'s), sorted, grouped and filtered. bib_expand
 * replaces each such item of the YAML tree by ordinary entries before the
 * CV is loaded, so they are numbered, tagged, checked and cited like any
 * entry written by hand.
 *
 * The file is parsed by btparse (Debian's libbtparse, loaded with dlopen
 * only when a CV names a .bib), in a child process: the library keeps its
 * state in globals, prints its messages on stderr and may call exit() or
 * abort(); the child's messages come back as `file.bib:line:col` errors,
 * and a child that dies, runs too long or grows too large is an error.
 */
#ifndef CVPDF_BIB_H
#define CVPDF_BIB_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "yml.h"

struct ctx;

/* A personal name split by BibTeX's rules, each part Unicode markup text
 * (TeX converted, markup characters escaped); "" when absent. */
struct bib_name {
  const char *first, *von, *last, *jr;
};

struct bib_field {
  const char *name; /* lower case */
  const char *raw;  /* the value: macros expanded, pieces pasted, TeX kept */
  int line;
};

struct bib_entry {
  const char *type, *key; /* type lower case ("article") */
  int line;
  struct bib_field *f;
  int nf;
  struct bib_name *authors, *editors;
  int nauthors, neditors;
  bool authors_others, editors_others; /* the list ended "and others" */
};

struct bib_file {
  const char *path;
  struct bib_entry *v;
  int n;
};

/* Parse `text` (the file `path`, len bytes) into *out; messages at the
 * file's positions. False after an error (the file is then not used). */
bool bib_parse(struct arena *a, struct diag *d, const char *path,
               const char *text, size_t len, struct bib_file *out);

/* A field's raw value, or NULL. */
const char *bib_get(const struct bib_entry *e, const char *name);

/* TeX -> Unicode markup: accents and special letters, dashes, quotes, ~,
 * \emph and \textbf as * and **, \href as a link; braces dropped, markup
 * characters escaped, NFC. An unknown command keeps its argument's text:
 * its name goes in *unknown (the first one; NULL if none). */
const char *bib_tex(struct arena *a, const char *s, const char **unknown);

/* Every `- bibtex:` item under root's `cv.sections` replaced by the
 * entries it stands for; the .bib files named are appended to *files
 * (for --watch). False after an error. */
bool bib_expand(struct ctx *c, struct yml *root, const char ***files,
                int *nfiles);

#endif
