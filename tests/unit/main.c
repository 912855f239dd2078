/* main.c: runs every unit test; exit status 1 if any check failed. */
#include <locale.h>
#include <stdio.h>

#include "harness.h"

int harness_failures, harness_checks;

void harness_ctx(struct ctx *c, struct diag *d, struct fonts *fs, FILE *out) {
  diag_init(d, out);
  memset(c, 0, sizeof *c);
  arena_init(&c->doc);
  arena_init(&c->lay);
  arena_init(&c->tmp);
  c->diag = d;
  c->datadir = CVPDF_SOURCE_DATA_DIR;
  c->srcdir = ".";
  if (fs) {
    fonts_init(fs);
    c->fonts = fs;
  }
}

const char *harness_hyphenated(struct hyph *h, const char *w, char *buf) {
  char marks[256];
  size_t n = strlen(w), o = 0;
  hyph_word(h, w, n, marks);
  for (size_t i = 0; i < n; i++) {
    buf[o++] = w[i];
    if (marks[i])
      buf[o++] = '-';
  }
  buf[o] = 0;
  return buf;
}

const char *const harness_families[8] = {
    "CMU Serif",  "CMU Typewriter Text", "Open Sans",      "Lato",
    "Charis SIL", "Gentium Book Plus",   "EB Garamond 12", "DejaVu Sans"};

void test_markup(void);
void test_breaker(void);
void test_text(void);
void test_yml(void);
void test_para(void);
void test_style(void);
void test_hyph(void);
void test_kern(void);
void test_shape(void);
void test_dialect(void);
void test_subset(void);
void test_page(void);
void test_cv(void);
void test_realize(void);
void test_objstm(void);
void test_bib(void);

int main(void) {
  setlocale(LC_CTYPE, "C.UTF-8");
  test_markup();
  test_breaker();
  test_text();
  test_yml();
  test_para();
  test_style();
  test_hyph();
  test_kern();
  test_shape();
  test_dialect();
  test_subset();
  test_page();
  test_cv();
  test_realize();
  test_objstm();
  test_bib();
  printf("%d checks, %d failed\n", harness_checks, harness_failures);
  return harness_failures ? 1 : 0;
}
