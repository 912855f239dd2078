/* main.c: runs every unit test; exit status 1 if any check failed. */
#include <locale.h>
#include <stdio.h>

#include "harness.h"

int harness_failures, harness_checks;

void test_markup(void);
void test_breaker(void);
void test_text(void);
void test_yml(void);
void test_para(void);
void test_style(void);
void test_hyph(void);
void test_kern(void);
void test_dialect(void);
void test_subset(void);

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
  test_dialect();
  test_subset();
  printf("%d checks, %d failed\n", harness_checks, harness_failures);
  return harness_failures ? 1 : 0;
}
