/* test_bib.c: BibTeX -> entries. TeX to Unicode markup, one field at a
 * time; a .bib (written to a temporary folder) with @string, pasting,
 * crossref, braces, accents, "and others", corporate and von/Jr names and
 * missing fields, expanded by bib_expand from a `- bibtex:` item into the
 * entries' text; the owner's name bold in every spelling; the options
 * (as, authors, max_authors, sort, group_by, keys, types, selected,
 * format); and the messages of a bad file, at its line and column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bib.h"
#include "harness.h"
#include "yml.h"

void test_bib(void);

static void tex_cases(void) {
  struct arena a;
  arena_init(&a);
  static const struct {
    const char *in, *out;
  } T[] = {
      {"M{\\\"u}ller", "Müller"},
      {"M\\\"uller", "Müller"},
      {"{\\'E}tude", "Étude"},
      {"\\'{e}", "é"},
      {"Erd\\H{o}s", "Erdős"},
      {"Pe\\v{n}a", "Peňa"},
      {"\\c{C}a\\u{g}lar", "Çağlar"},
      {"{\\O}stergaard", "Østergaard"},
      {"Stra{\\ss}e", "Straße"},
      {"\\aa{}ngstr\\\"om", "ångström"},
      {"Dvo\\v{r}\\'ak", "Dvořák"},
      {"na\\\"{\\i}ve", "naïve"},
      {"1--20", "1–20"},
      {"yes---no", "yes—no"},
      {"``quoted''", "“quoted”"},
      {"Knuth~D.", "Knuth\u00a0D."},
      {"{The {\\TeX}book}", "The TeXbook"},
      {"\\emph{in} vivo", "*in* vivo"},
      {"\\textbf{bold} text", "**bold** text"},
      {"{\\em it} plain", "*it* plain"},
      {"50\\% \\& more", "50% & more"},
      {"a*b_c", "a\\*b\\_c"},
      {"$\\alpha$-Networks", "α-Networks"},
      {"$x^{2}$", "x^2^"},
      {"\\href{https://x.org/a_b}{site}", "[site](https://x.org/a_b)"},
      {"  spaced \n  out  ", "spaced out"},
      {"", ""},
  };
  for (size_t i = 0; i < sizeof T / sizeof *T; i++) {
    const char *unknown = NULL;
    const char *got = bib_tex(&a, T[i].in, &unknown);
    CHECK_STR(got, T[i].out);
    CHECK(unknown == NULL);
  }
  const char *unknown = NULL;
  CHECK_STR(bib_tex(&a, "\\foo{kept} text", &unknown), "kept text");
  CHECK_STR(unknown, "\\foo");
  /* braces deeper than the converter follows, unbalanced ones: text */
  char deep[4000];
  memset(deep, '{', 1000);
  strcpy(deep + 1000, "x");
  memset(deep + 1001, '}', 1000);
  deep[2001] = 0;
  CHECK_STR(bib_tex(&a, deep, NULL), "x");
  CHECK_STR(bib_tex(&a, "a}b{c", NULL), "abc");
  CHECK_STR(bib_tex(&a, "\\", NULL), "");
  CHECK_STR(bib_tex(&a, "\\'", NULL), "");
  arena_free(&a);
}

static const char BIB[] =
    "% a comment line\n"
    "@string{acm = \"Communications of the {ACM}\"}\n"
    "@article{mueller20,\n"
    "  author = {M{\\\"u}ller, J{\\\"u}rgen and {\\O}stergaard, S{\\o}ren and\n"
    "            van der Berg, Jan and de la Fontaine, Jr., Jean-Paul and\n"
    "            others},\n"
    "  author+an = {1=equal; 2=equal,lead},\n"
    "  title = {{\\'E}tude sur les {C}af{\\'e}s},\n"
    "  journal = acm # \" (Special)\",\n"
    "  volume = 12, number = 3, pages = {1--20},\n"
    "  year = 2020, month = mar,\n"
    "  doi = {https://doi.org/10.1145/123},\n"
    "}\n"
    "@inproceedings{child, author = {J. M{\\\"{u}}ller}, title = {A Child},\n"
    "  crossref = {proc}, pages = {5--9}}\n"
    "@proceedings{proc, title = {Proceedings of Things}, year = 2019,\n"
    "  editor = {Ed Itor and Other Editor}}\n"
    "@misc{corp, author = {{Barnes and Noble, Inc.}}, title = {Report},\n"
    "  year = 2018, eprint = {1801.00001}, archiveprefix = {arXiv},\n"
    "  keywords = {tools, selected}}\n"
    "@phdthesis{th, author = {Müller, J.}, title = {A Thesis},\n"
    "  school = {ETH Z{\\\"u}rich}, year = 2015}\n"
    "@article{untitled, author = {Anne Author}, journal = {J}, year = 2001}\n"
    "@unpublished{soon, author = {MULLER, JURGEN}, title = {Soon},\n"
    "  note = {In preparation}}\n";

/* The texts of the entries `item` (YAML, under a section) stands for,
 * each on a line; NULL after an error (messages in *msgs). */
static char *expand(const char *dir, const char *item, char **msgs) {
  char *yaml = NULL;
  size_t ylen = 0;
  FILE *f = open_memstream(&yaml, &ylen);
  fprintf(f, "cv:\n  name: Jürgen Müller\n  sections:\n    Pubs:\n%s", item);
  fclose(f);
  char *path = NULL;
  if (asprintf(&path, "%s/cv.yaml", dir) < 0)
    return NULL;
  char *mbuf = NULL;
  size_t mlen = 0;
  FILE *mf = open_memstream(&mbuf, &mlen);
  struct ctx c;
  struct diag d;
  harness_ctx(&c, &d, NULL, mf);
  struct yml_limits lim = {64, 10000, 1 << 20};
  bool empty = false;
  struct yml *root = yml_parse(&c.doc, &d, path, yaml, ylen, &lim, &empty);
  char *out = NULL;
  size_t olen = 0;
  FILE *o = open_memstream(&out, &olen);
  const char **files = NULL;
  int nfiles = 0;
  bool ok = root && bib_expand(&c, root, &files, &nfiles);
  if (ok) {
    const struct yml *l =
        yml_get(yml_get(yml_get(root, "cv"), "sections"), "Pubs");
    for (int i = 0; i < l->n; i++) {
      const struct yml *e = l->kids[i];
      for (int k = 0; k < e->n; k++) {
        const struct yml *v = e->kids[k];
        if (!strcmp(e->keys[k]->s, "citation_key"))
          continue;
        if (v->kind == YML_SCALAR)
          fprintf(o, "%s%s=%s", k ? " | " : "", e->keys[k]->s, v->s);
        else if (v->kind == YML_SEQ) {
          fprintf(o, "%s%s=", k ? " | " : "", e->keys[k]->s);
          for (int j = 0; j < v->n; j++)
            fprintf(o, "%s%s", j ? "; " : "", v->kids[j]->s);
        }
      }
      fputc('\n', o);
    }
  }
  fclose(o);
  fclose(mf);
  *msgs = mbuf;
  arena_free(&c.doc);
  arena_free(&c.lay);
  arena_free(&c.tmp);
  free(yaml);
  free(path);
  if (!ok) {
    free(out);
    return NULL;
  }
  return out;
}

static void write_file(const char *dir, const char *name, const char *text) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  fputs(text, f);
  fclose(f);
}

/* Does `hay` hold `needle`? Says what it holds when not. */
#define CHECK_HAS(hay, needle)                                                 \
  do {                                                                         \
    harness_checks++;                                                          \
    if (!(hay) || !strstr((hay), (needle))) {                                  \
      harness_failures++;                                                      \
      fprintf(stderr, "%s:%d: expected \"%s\" in:\n%s\n", __FILE__, __LINE__,  \
              (needle), (hay) ? (hay) : "(null)");                             \
    }                                                                          \
  } while (0)

static void expansion(void) {
  char dir[] = "/tmp/cvpdf-bib-XXXXXX";
  if (!mkdtemp(dir)) {
    CHECK(!"mkdtemp");
    return;
  }
  write_file(dir, "p.bib", BIB);
  char *msgs = NULL;

  /* defaults: reversed numbers, newest first, undated first, full names */
  char *t = expand(dir, "      - bibtex: p.bib\n", &msgs);
  CHECK(t != NULL);
  if (!t) {
    fprintf(stderr, "%s\n", msgs);
    free(msgs);
    return;
  }
  /* the owner, bold in every spelling: accents, TeX, initials, capitals */
  CHECK_HAS(t, "reversed_number=**JURGEN MULLER**. **Soon**. In preparation.");
  CHECK_HAS(t, "reversed_number=**Jürgen Müller**\\*, Søren Østergaard\\*^†^, "
               "Jan van der Berg, Jean-Paul de la Fontaine, Jr. et al. "
               "**Étude sur les Cafés**. *Communications of the ACM (Special) "
               "12(3)*, 1–20. 2020. [DOI](https://doi.org/10.1145/123)");
  /* crossref: venue and year from the proceedings */
  CHECK_HAS(t, "**J. Müller**. **A Child**. *Proceedings of Things*, 5–9. 2019.");
  CHECK_HAS(t, "Ed Itor, Other Editor (eds.). **Proceedings of Things**. 2019.");
  CHECK_HAS(t, "Barnes and Noble, Inc. **Report**. *arXiv preprint "
               "arXiv:1801.00001*, 2018. [arXiv](https://arxiv.org/abs/1801.00001)");
  CHECK_HAS(t, "**J. Müller**. **A Thesis**. *PhD thesis, ETH Zürich*, 2015.");
  CHECK_HAS(t, "Anne Author. *J*, 2001.");
  CHECK_HAS(msgs, "p.bib:23:1: warning: 'untitled' has no title");
  /* order: undated (newest), 2020, 2019 (child, then proc: file order) */
  const char *soon = strstr(t, "Soon"), *etude = strstr(t, "Étude"),
             *child = strstr(t, "A Child"), *th = strstr(t, "A Thesis");
  CHECK(soon && etude && child && th && soon < etude && etude < child &&
        child < th);
  free(t);
  free(msgs);

  /* initials, at most two authors, oldest first, grouped by type */
  t = expand(dir, "      - bibtex: p.bib\n        authors: last_initials\n"
                  "        max_authors: 2\n        sort: oldest\n"
                  "        group_by: type\n        as: number\n", &msgs);
  CHECK_HAS(t, "text=**Journal Articles** | restart_numbering=true\n");
  CHECK_HAS(t, "number=**Müller, J.**\\*, Østergaard, S.\\*^†^ et al. **Étude");
  CHECK_HAS(t, "number=**Müller, J.** **A Thesis**"); /* not "J.." */
  const char *j = strstr(t, "Journal Articles"), *cp = strstr(t, "Conference"),
             *pre = strstr(t, "Preprints");
  CHECK(j && cp && pre && j < cp && cp < pre);
  free(t);
  free(msgs);

  /* a selection, as RenderCV publication entries */
  t = expand(dir, "      - bibtex: p.bib\n        keys: [th, MUELLER20]\n"
                  "        as: publication\n        authors: initials\n",
             &msgs);
  CHECK_HAS(t, "title=Étude sur les Cafés | authors=**J. Müller**\\*; "
               "S. Østergaard\\*^†^; J. van der Berg; J.-P. de la Fontaine, "
               "Jr. et al. | journal=Communications of the ACM (Special) "
               "12(3) | date=2020-03 | doi=10.1145/123");
  CHECK_HAS(t, "title=A Thesis | authors=**J. Müller** | journal=PhD thesis, "
               "ETH Zürich | date=2015");
  CHECK(strstr(t, "Report") == NULL);
  free(t);
  free(msgs);

  t = expand(dir, "      - bibtex: p.bib\n        selected: true\n"
                  "        as: bullet\n        format: TITLE (YEAR)\n", &msgs);
  CHECK_STR(t, "bullet=Report (2018)\n");
  free(t);
  free(msgs);
  t = expand(dir, "      - bibtex: p.bib\n        types: [phdthesis]\n"
                  "        as: text\n        highlight: Someone Else\n", &msgs);
  CHECK_STR(t, "text=J. Müller. **A Thesis**. *PhD thesis, ETH Zürich*, 2015.\n");
  free(t);
  free(msgs);

  /* mistakes in the item */
  t = expand(dir, "      - bibtex: p.bib\n        keys: [mueler20]\n", &msgs);
  CHECK(t == NULL);
  CHECK_HAS(msgs, "cv.yaml:6:16: error: no entry 'mueler20' in '");
  CHECK_HAS(msgs, "(did you mean 'mueller20'?)");
  free(msgs);
  t = expand(dir, "      - bibtex: p.bib\n        sort: yearly\n", &msgs);
  CHECK(t == NULL);
  CHECK_HAS(msgs, "cv.yaml:6:15: error: expected 'newest', 'oldest' or "
                  "'none' for 'sort'");
  free(msgs);
  t = expand(dir, "      - bibtex: p.bib\n        group: type\n", &msgs);
  CHECK_HAS(msgs, "cv.yaml:6:9: error: unknown key 'group' in a `- bibtex:` "
                  "item");
  free(msgs);
  t = expand(dir, "      - bibtex: missing.bib\n", &msgs);
  CHECK(t == NULL);
  CHECK_HAS(msgs, "cv.yaml:5:17: error: cannot read '");
  CHECK_HAS(msgs, "missing.bib': No such file or directory");
  free(msgs);

  /* a bad file: btparse's messages at its lines and columns */
  write_file(dir, "bad.bib",
             "@article{a, title = {T}, journal = nosuchmacro, year = 1}\n"
             "@article{b,\n  title = {Broken\n  year = 2021\n}\n"
             "@article{c, title = \"x\" # , year = 2000}\n");
  t = expand(dir, "      - bibtex: bad.bib\n", &msgs);
  CHECK(t == NULL);
  CHECK_HAS(msgs, "bad.bib:1:36: warning: BibTeX: undefined macro "
                  "\"nosuchmacro\"");
  CHECK_HAS(msgs, "bad.bib:6:1: error: BibTeX syntax error: found \"@article\"");
  CHECK_HAS(msgs, "    6 | @article{c,");
  free(msgs);
  write_file(dir, "latin1.bib", "@article{a, title = {Caf\xe9}}\n");
  t = expand(dir, "      - bibtex: latin1.bib\n", &msgs);
  CHECK(t == NULL);
  CHECK_HAS(msgs, "latin1.bib:1:25: error: invalid UTF-8 in this BibTeX file");
  free(msgs);
  /* macros pasted from each other: stopped, not run out of memory */
  char *boom = NULL;
  size_t blen = 0;
  FILE *bf = open_memstream(&boom, &blen);
  fprintf(bf, "@string{a0 = \"xxxxxxxxxxxxxxxx\"}\n");
  for (int i = 1; i < 40; i++)
    fprintf(bf, "@string{a%d = a%d # a%d}\n", i, i - 1, i - 1);
  fprintf(bf, "@article{k, title = a39, year = 2000}\n");
  fclose(bf);
  write_file(dir, "boom.bib", boom);
  free(boom);
  t = expand(dir, "      - bibtex: boom.bib\n", &msgs);
  CHECK(t == NULL);
  CHECK_HAS(msgs, "boom.bib: error: ");
  free(msgs);

  static const char *const files[] = {"p.bib", "bad.bib", "latin1.bib",
                                      "boom.bib"};
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, files[i]);
    unlink(path);
  }
  rmdir(dir);
}

void test_bib(void) {
  tex_cases();
  expansion();
}
