/* test_page.c: boxes, the vertical list and the page builder on synthetic
 * material (no fonts). Lines are boxes 8pt high and 2pt deep set 12pt
 * apart, on a page whose text area holds exactly n of them, so every page
 * break and every baseline below is worked out by hand: TeX's rules (legal
 * breaks, c = b + p, forced breaks, glue discarded at a page top, topskip)
 * and this builder's own (splitting what no page can hold, bookmarks). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "page.h"

void test_page(void);

#define LINE_H 8.0
#define LINE_D 2.0
#define SKIP 12.0 /* baselineskip: glue of 2pt between lines */

/* Margins 30 top, 50 bottom, 40 left and right; topskip 10 puts the first
 * baseline at 40, and n lines take 10 + 12(n-1) + 2 = 12n, the whole text
 * area. With n = 10 the notional stretch is 7.2pt: one empty line costs
 * 463, two 3704, three or more are deplorable. */
static struct page_geometry geom(int n) {
  return (struct page_geometry){300, 12.0 * n + 80, 30, 50, 40, 40, 10};
}

static struct loc at(int line) { return (struct loc){"cv.yaml", line, 1}; }

/* A box with one rule, from its top to its bottom, so it draws something. */
static struct box *rule_box(struct arena *a, double h, double d) {
  struct box *b = box_new(a, 100);
  b->h = h;
  b->d = d;
  box_add(
      a, b,
      (struct draw){.kind = DRAW_RULE, .x = 0, .y = -h, .w = 100, .h = h + d});
  return b;
}

/* Append k lines (source lines from..from+k-1) to vl, keeping the boxes
 * in out (may be NULL). */
static void lines(struct arena *a, struct vlist *vl, int k, int from,
                  struct box **out) {
  for (int i = 0; i < k; i++) {
    struct box *b = rule_box(a, LINE_H, LINE_D);
    vlist_line(a, vl, b, SKIP, at(from + i));
    if (out)
      out[i] = b;
  }
}

/* Page pg holds n boxes at the left margin, the first's baseline at top +
 * topskip (40), each next one 12pt lower. */
static void check_lines(const struct page *pg, int n) {
  CHECK_INT(pg->nboxes, n);
  for (int i = 0; i < n && i < pg->nboxes; i++) {
    CHECK_NEAR(pg->boxes[i].x, 40, 1e-9);
    CHECK_NEAR(pg->boxes[i].y, 40 + SKIP * i, 1e-9);
  }
}

/* Did the diag print `text` to tmp (a tmpfile)? */
static bool printed(FILE *tmp, const char *text) {
  char buf[2048];
  fflush(tmp);
  rewind(tmp);
  size_t n = fread(buf, 1, sizeof buf - 1, tmp);
  buf[n] = 0;
  return strstr(buf, text) != NULL;
}

/* Bookmark m is `title` at `level`, its top at y on the page. */
static void check_mark(const struct bookmark *m, const char *title, int level,
                       double y) {
  CHECK_STR(m->title, title);
  CHECK_INT(m->level, level);
  CHECK_NEAR(m->y, y, 1e-9);
}

/* vlist_height, vlist_boxes, vlist_concat, vlist_line's interline glue. */
static void test_vlist(struct arena *a) {
  struct vlist vl = {0};
  CHECK_NEAR(vlist_height(&vl), 0, 1e-9);
  vlist_glue(a, &vl, 5); /* leading and trailing glue do not count */
  lines(a, &vl, 2, 1, NULL);
  vlist_penalty(a, &vl, 0);
  vlist_glue(a, &vl, 3);
  CHECK_INT(vl.n, 6);
  CHECK_INT(vlist_boxes(&vl), 2);
  CHECK_NEAR(vlist_height(&vl), 10 + 2 + 10, 1e-9);

  /* a box 4pt deep then one 10pt high: 12 - 4 - 10 < 0, so 1pt apart */
  struct vlist t = {0};
  vlist_line(a, &t, rule_box(a, 14, 4), SKIP, at(1));
  CHECK_INT(t.n, 1); /* no glue before the first line */
  vlist_line(a, &t, rule_box(a, 10, 0), SKIP, at(2));
  CHECK_INT(t.n, 3);
  CHECK_INT(t.v[1].kind, V_GLUE);
  CHECK_NEAR(t.v[1].glue, 1, 1e-9);

  /* concat copies the items and takes the depth of src's last box */
  struct vlist src = {0};
  struct box *deep = rule_box(a, 8, 5);
  vlist_box(a, &src, deep, at(3));
  vlist_concat(a, &t, &src);
  CHECK_INT(t.n, 4);
  CHECK(t.v[3].kind == V_BOX && t.v[3].box == deep);
  CHECK_NEAR(t.prev_depth, 5, 1e-9);
  vlist_line(a, &t, rule_box(a, 4, 0), SKIP, at(4)); /* 12 - 5 - 4 */
  CHECK_NEAR(t.v[4].glue, 3, 1e-9);
  struct vlist none = {0};
  vlist_concat(a, &t, &none); /* an empty list changes nothing */
  CHECK_INT(t.n, 6);
  CHECK(t.have_prev);
  CHECK_NEAR(t.prev_depth, 0, 1e-9);

  /* keep: penalties become 10000, glue after a box gets 10000 in front */
  struct vlist k = {0};
  lines(a, &k, 2, 1, NULL);   /* box glue box */
  vlist_penalty(a, &k, -500); /* penalty */
  lines(a, &k, 1, 3, NULL);   /* glue box */
  double h = vlist_height(&k);
  vlist_keep(a, &k);
  static const enum vkind want[] = {V_BOX,     V_PENALTY, V_GLUE, V_BOX,
                                    V_PENALTY, V_GLUE,    V_BOX};
  CHECK_INT(k.n, 7);
  for (int i = 0; i < 7 && i < k.n; i++) {
    CHECK_INT(k.v[i].kind, want[i]);
    if (k.v[i].kind == V_PENALTY)
      CHECK_INT(k.v[i].penalty, PAGE_INF_PENALTY);
  }
  CHECK_NEAR(h, 34, 1e-9);
  CHECK_NEAR(vlist_height(&k), 34, 1e-9);
  CHECK_NEAR(k.prev_depth, LINE_D, 1e-9);

  /* glue after the last box stays breakable: the break before what
   * follows the kept material */
  struct vlist e = {0};
  lines(a, &e, 2, 1, NULL);
  vlist_glue(a, &e, 2);
  vlist_keep(a, &e);
  static const enum vkind want_e[] = {V_BOX, V_PENALTY, V_GLUE, V_BOX,
                                      V_GLUE};
  CHECK_INT(e.n, 5);
  for (int i = 0; i < 5 && i < e.n; i++)
    CHECK_INT(e.v[i].kind, want_e[i]);
}

/* vlist_flatten, box_append, page_place, page_ops and page_nops. */
static void test_ops(struct arena *a) {
  struct vlist vl = {0};
  vlist_glue(a, &vl, 5); /* dropped: glue before the first box */
  lines(a, &vl, 2, 1, NULL);
  vlist_glue(a, &vl, 3); /* kept: only glue before the first box goes */
  struct box *dst = box_new(a, 100);
  CHECK_NEAR(vlist_flatten(a, &vl, dst, 7, 100), 10 + 2 + 10 + 3, 1e-9);
  CHECK_INT(dst->nops, 2);
  if (dst->nops == 2) { /* each rule from its box's top: 100, then 112 */
    CHECK_NEAR(dst->ops[0].x, 7, 1e-9);
    CHECK_NEAR(dst->ops[0].y, 100, 1e-9);
    CHECK_NEAR(dst->ops[1].y, 112, 1e-9);
    CHECK_NEAR(dst->ops[1].h, 10, 1e-9);
  }
  struct box *two = box_new(a, 50);
  box_append(a, two, dst, 1, -100);
  CHECK_INT(two->nops, 2);
  CHECK_NEAR(two->ops[1].x, 8, 1e-9);
  CHECK_NEAR(two->ops[1].y, 12, 1e-9);

  /* two lines built into a page: rules at (40, 32) and (40, 44) */
  struct page_geometry g = geom(10);
  struct diag d;
  diag_init(&d, NULL);
  struct vlist two_lines = {0};
  lines(a, &two_lines, 2, 1, NULL);
  struct pages ps = pages_build(a, &d, &two_lines, &g);
  CHECK_INT(ps.n, 1);
  struct page *pg = &ps.v[0];
  CHECK_INT(page_nops(pg), 2);
  page_place(a, pg, two, 200, 180); /* a footer: ops (208, 180), (208, 192) */
  CHECK_INT(pg->nboxes, 3);
  CHECK_INT(page_nops(pg), 4);
  struct draw *ops = NULL;
  int cap = 0;
  int n = page_ops(pg, &ops, &cap);
  CHECK_INT(n, 4);
  CHECK(cap >= n);
  static const double want[4][2] = {{40, 32}, {40, 44}, {208, 180}, {208, 192}};
  for (int i = 0; i < 4 && i < n; i++) {
    CHECK_INT(ops[i].kind, DRAW_RULE);
    CHECK_NEAR(ops[i].x, want[i][0], 1e-9);
    CHECK_NEAR(ops[i].y, want[i][1], 1e-9);
  }
  if (n == 4)
    CHECK_NEAR(ops[3].w, 100, 1e-9);
  /* the buffer is reused for a page with fewer operations */
  struct pages one = pages_build(a, &d, &two_lines, &g);
  CHECK_INT(page_ops(&one.v[0], &ops, &cap), 2);
  CHECK_NEAR(ops[1].y, 44, 1e-9);
  free(ops);
  CHECK_INT(d.warnings, 0);
}

/* Everything fits: one page, the first baseline at top + topskip, a taller
 * first box at top + its height, lines as far apart as their glue. */
static void test_one_page(struct arena *a) {
  struct page_geometry g = geom(10);
  struct diag d;
  diag_init(&d, NULL);
  struct vlist vl = {0};
  lines(a, &vl, 10, 1, NULL); /* exactly a page full */
  struct pages ps = pages_build(a, &d, &vl, &g);
  CHECK_INT(ps.n, 1);
  check_lines(&ps.v[0], 10);
  CHECK_NEAR(ps.v[0].w, 300, 1e-9);
  CHECK_NEAR(ps.v[0].h, 200, 1e-9);

  /* 14pt high (above topskip) 4pt deep, then 10 high 1pt below it */
  struct vlist t = {0};
  vlist_line(a, &t, rule_box(a, 14, 4), SKIP, at(1));
  vlist_line(a, &t, rule_box(a, 10, 0), SKIP, at(2));
  ps = pages_build(a, &d, &t, &g);
  CHECK_INT(ps.n, 1);
  CHECK_INT(ps.v[0].nboxes, 2);
  CHECK_NEAR(ps.v[0].boxes[0].y, 30 + 14, 1e-9);
  CHECK_NEAR(ps.v[0].boxes[1].y, 44 + 4 + 1 + 10, 1e-9);
  CHECK_INT(d.warnings, 0);
}

/* One line too many goes to page 2; PAGE_EJECT_PENALTY breaks with room
 * to spare; glue and penalties at a page's top are discarded, so page 2
 * starts at top + topskip; a list ending in a forced break gets no blank
 * page. */
static void test_breaks(struct arena *a) {
  struct page_geometry g = geom(10);
  struct diag d;
  diag_init(&d, NULL);
  struct vlist vl = {0};
  struct box *b[11];
  lines(a, &vl, 11, 1, b);
  struct pages ps = pages_build(a, &d, &vl, &g);
  CHECK_INT(ps.n, 2);
  check_lines(&ps.v[0], 10);
  check_lines(&ps.v[1], 1);
  CHECK(ps.v[1].nboxes == 1 && ps.v[1].boxes[0].box == b[10]);

  /* topskip counts: 10 lines with 3pt before the last stand 119pt high,
   * 121pt with topskip's 2: the last moves on */
  struct vlist ts = {0};
  lines(a, &ts, 9, 1, NULL);
  vlist_glue(a, &ts, 3);
  vlist_box(a, &ts, b[0] = rule_box(a, LINE_H, LINE_D), at(10));
  ps = pages_build(a, &d, &ts, &g);
  CHECK_INT(ps.n, 2);
  CHECK_INT(ps.v[0].nboxes, 9);

  /* forced breaks after lines 3 and 5; what follows the first (30pt of
   * glue, a penalty, interline glue) is dropped at page 2's top */
  struct vlist f = {0};
  lines(a, &f, 3, 1, b);
  vlist_penalty(a, &f, PAGE_EJECT_PENALTY);
  vlist_glue(a, &f, 30);
  vlist_penalty(a, &f, 0);
  lines(a, &f, 2, 4, b + 3);
  vlist_penalty(a, &f, PAGE_EJECT_PENALTY);
  vlist_penalty(a, &f, PAGE_EJECT_PENALTY);
  ps = pages_build(a, &d, &f, &g);
  CHECK_INT(ps.n, 2);
  check_lines(&ps.v[0], 3);
  check_lines(&ps.v[1], 2);
  CHECK(ps.v[1].nboxes == 2 && ps.v[1].boxes[0].box == b[3]);
  CHECK_INT(d.warnings, 0);
}

/* PAGE_INF_PENALTY is no legal break. A heading kept with its next line,
 * or a paragraph's first line kept from the foot of a page by a club
 * penalty (10000 after it), moves with that line to the next page; a
 * widow penalty (10000 before a paragraph's last line) takes the line
 * before it along. Either page then ends a line short (cost 463). */
static void test_keep_together(struct arena *a) {
  struct page_geometry g = geom(10);
  struct diag d;
  diag_init(&d, NULL);
  struct box *b[13];
  struct pages ps;

  /* control: no penalty, line 10 ends page 1 */
  struct vlist c = {0};
  lines(a, &c, 12, 1, b);
  ps = pages_build(a, &d, &c, &g);
  CHECK_INT(ps.n, 2);
  CHECK_INT(ps.v[0].nboxes, 10);

  /* line 10 (a heading, or a paragraph's first line) kept with line 11 */
  struct vlist h = {0};
  lines(a, &h, 10, 1, b);
  vlist_penalty(a, &h, PAGE_INF_PENALTY);
  lines(a, &h, 2, 11, b + 10);
  ps = pages_build(a, &d, &h, &g);
  CHECK_INT(ps.n, 2);
  check_lines(&ps.v[0], 9);
  check_lines(&ps.v[1], 3);
  CHECK(ps.v[1].nboxes == 3 && ps.v[1].boxes[0].box == b[9]);

  /* a pair that fits (lines 9 and 10) stays: only that break is gone */
  struct vlist fits = {0};
  lines(a, &fits, 9, 1, b);
  vlist_penalty(a, &fits, PAGE_INF_PENALTY);
  lines(a, &fits, 3, 10, b + 9);
  ps = pages_build(a, &d, &fits, &g);
  CHECK_INT(ps.n, 2);
  check_lines(&ps.v[0], 10);
  CHECK(ps.v[1].nboxes == 2 && ps.v[1].boxes[0].box == b[10]);

  /* a penalty short of 10000 is a break, however dear: 9000 after line 8
   * (3704 + 9000) beats a page three lines short (deplorable, 100000) */
  struct vlist dear = {0};
  lines(a, &dear, 8, 1, b);
  for (int i = 8; i < 11; i++) {
    vlist_penalty(a, &dear, i == 8 ? 9000 : PAGE_INF_PENALTY);
    lines(a, &dear, 1, i + 1, b + i);
  }
  ps = pages_build(a, &d, &dear, &g);
  CHECK_INT(ps.n, 2);
  check_lines(&ps.v[0], 8);
  CHECK(ps.v[1].nboxes == 3 && ps.v[1].boxes[0].box == b[8]);

  /* widow: a paragraph of lines 8-11, 10000 before its last: 9 and 2 */
  struct vlist widow = {0};
  lines(a, &widow, 10, 1, b);
  vlist_penalty(a, &widow, PAGE_INF_PENALTY);
  lines(a, &widow, 1, 11, b + 10);
  ps = pages_build(a, &d, &widow, &g);
  CHECK_INT(ps.n, 2);
  check_lines(&ps.v[0], 9);
  check_lines(&ps.v[1], 2);
  CHECK(ps.v[1].nboxes == 2 && ps.v[1].boxes[0].box == b[9] &&
        ps.v[1].boxes[1].box == b[10]);
  CHECK_INT(d.warnings, 0);
}

/* On a page of 50 lines (stretch 36pt) three empty lines cost 100, so a
 * section penalty (-300) after line 47 (100 - 300 = -200) beats the full
 * page (0); after line 45, five empty lines cost 463 - 300 = 163 and the
 * page fills instead. */
static void test_section(struct arena *a) {
  struct page_geometry g = geom(50);
  struct diag d;
  diag_init(&d, NULL);
  for (int before = 47; before >= 45; before -= 2) {
    struct vlist vl = {0};
    struct box *b[60];
    lines(a, &vl, before, 1, b);
    vlist_penalty(a, &vl, PAGE_SECTION_PENALTY);
    lines(a, &vl, 6, before + 1, b + before); /* heading and 5 lines */
    struct pages ps = pages_build(a, &d, &vl, &g);
    CHECK_INT(ps.n, 2);
    int first = before == 47 ? 47 : 50;
    check_lines(&ps.v[0], first);
    check_lines(&ps.v[1], before + 6 - first);
    CHECK(ps.v[1].nboxes > 0 && ps.v[1].boxes[0].box == b[first]);
  }
  CHECK_INT(d.warnings, 0);
}

/* A kept block (vlist_keep) that fits no more on page 1 moves whole to
 * page 2, even one exactly a page tall (10 lines, with topskip). One
 * taller than a page starts at once and is split after the last line that
 * fits, with a warning at the first line moved on. */
static void test_keep_block(struct arena *a) {
  struct page_geometry g = geom(10);
  FILE *tmp = tmpfile();
  CHECK(tmp != NULL);
  if (!tmp)
    return;
  struct diag d;
  diag_init(&d, tmp);
  struct box *b[13];

  struct vlist vl = {0}, blk = {0};
  lines(a, &vl, 7, 1, NULL);
  lines(a, &blk, 10, 101, b);
  vlist_keep(a, &blk);
  vlist_glue(a, &vl, 2);
  vlist_concat(a, &vl, &blk);
  struct pages ps = pages_build(a, &d, &vl, &g);
  CHECK_INT(ps.n, 2);
  check_lines(&ps.v[0], 7);
  check_lines(&ps.v[1], 10);
  CHECK(ps.v[1].nboxes == 10 && ps.v[1].boxes[0].box == b[0]);
  CHECK_INT(d.warnings, 0);

  struct vlist big = {0}, tall = {0};
  lines(a, &big, 3, 1, NULL);
  lines(a, &tall, 12, 101, b);
  vlist_keep(a, &tall);
  vlist_glue(a, &big, 2);
  vlist_concat(a, &big, &tall);
  ps = pages_build(a, &d, &big, &g);
  CHECK_INT(ps.n, 2);
  check_lines(&ps.v[0], 10); /* 3 lines and the block's first 7 */
  check_lines(&ps.v[1], 5);
  CHECK(ps.v[1].nboxes == 5 && ps.v[1].boxes[0].box == b[7]);
  CHECK_INT(d.warnings, 1);
  CHECK(printed(tmp, "cv.yaml:108:1: warning: this entry is taller than a "
                     "page; it is split across pages here"));
  fclose(tmp);
}

/* Kept entries that end with glue (space below their last line), one
 * after another with glue between: a page breaks between two of them, not
 * before the first (which left page 1 half empty in engineeringresumes). */
static void test_keep_entries(struct arena *a) {
  struct page_geometry g = geom(10);
  FILE *tmp = tmpfile();
  if (!tmp)
    return;
  struct diag d;
  diag_init(&d, tmp);
  struct vlist vl = {0};
  lines(a, &vl, 2, 1, NULL);
  struct box *first[3], *second[3], *third[3];
  struct box **bx[3] = {first, second, third};
  for (int k = 0; k < 3; k++) {
    struct vlist ent = {0};
    lines(a, &ent, 3, 100 * (k + 1), bx[k]);
    vlist_glue(a, &ent, 2); /* the entry's own space below */
    vlist_keep(a, &ent);
    vlist_glue(a, &vl, 4); /* between entries */
    vlist_concat(a, &vl, &ent);
  }
  struct pages ps = pages_build(a, &d, &vl, &g);
  /* 2 lines and two entries fit page 1 (10 lines' room); the third moves */
  CHECK_INT(ps.n, 2);
  CHECK(ps.n == 2 && ps.v[0].nboxes == 8);
  CHECK(ps.n == 2 && ps.v[1].nboxes == 3 && ps.v[1].boxes[0].box == third[0]);
  fclose(tmp);
}

/* A single box taller than the page goes on a page of its own, top at the
 * top margin (it is above topskip), with a warning giving both heights. */
static void test_tall_box(struct arena *a) {
  struct page_geometry g = geom(10);
  FILE *tmp = tmpfile();
  CHECK(tmp != NULL);
  if (!tmp)
    return;
  struct diag d;
  diag_init(&d, tmp);
  struct vlist vl = {0};
  struct box *l2 = rule_box(a, LINE_H, LINE_D), *huge = rule_box(a, 150, 0);
  vlist_line(a, &vl, rule_box(a, LINE_H, LINE_D), SKIP, at(1));
  vlist_line(a, &vl, huge, SKIP, at(2));
  vlist_line(a, &vl, l2, SKIP, at(3));
  struct pages ps = pages_build(a, &d, &vl, &g);
  CHECK_INT(ps.n, 3);
  if (ps.n == 3) {
    check_lines(&ps.v[0], 1);
    CHECK(ps.v[1].nboxes == 1 && ps.v[1].boxes[0].box == huge);
    CHECK_NEAR(ps.v[1].boxes[0].y, 30 + 150, 1e-9);
    check_lines(&ps.v[2], 1);
    CHECK(ps.v[2].boxes[0].box == l2);
  }
  CHECK_INT(d.warnings, 1);
  CHECK(printed(tmp, "cv.yaml:2:1: warning: this is taller than a page "
                     "(150pt, the page holds 120pt) and cannot be split"));
  fclose(tmp);
}

/* Nothing to set (an empty list, or only glue and penalties): still one
 * page, with no boxes, marks or operations. */
static void test_empty(struct arena *a) {
  struct page_geometry g = geom(10);
  struct diag d;
  diag_init(&d, NULL);
  struct vlist vl = {0};
  struct pages ps = pages_build(a, &d, &vl, &g);
  CHECK_INT(ps.n, 1);
  CHECK_INT(ps.v[0].nboxes, 0);
  CHECK_INT(ps.v[0].nmarks, 0);
  CHECK_INT(page_nops(&ps.v[0]), 0);
  CHECK_NEAR(ps.v[0].h, 200, 1e-9);
  vlist_glue(a, &vl, 20);
  vlist_penalty(a, &vl, PAGE_EJECT_PENALTY);
  ps = pages_build(a, &d, &vl, &g);
  CHECK_INT(ps.n, 1);
  CHECK_INT(ps.v[0].nboxes, 0);
  CHECK_INT(d.warnings, 0);
}

/* Bookmarks become marks of the page their box lands on, y at the box's
 * top: 32 for a first line (baseline 40, 8pt high), 80 for the fifth. */
static void test_marks(struct arena *a) {
  struct page_geometry g = geom(10);
  struct diag d;
  diag_init(&d, NULL);
  static const char *const title[12] = {
      [0] = "Name", [4] = "Experience", [10] = "Education"};
  struct vlist vl = {0};
  for (int i = 0; i < 12; i++) {
    lines(a, &vl, 1, i + 1, NULL);
    vl.v[vl.n - 1].mark = title[i];
    vl.v[vl.n - 1].mark_level = i != 0;
  }
  struct pages ps = pages_build(a, &d, &vl, &g);
  CHECK_INT(ps.n, 2);
  if (ps.n != 2)
    return;
  CHECK_INT(ps.v[0].nmarks, 2);
  CHECK_INT(ps.v[1].nmarks, 1);
  if (ps.v[0].nmarks == 2) {
    check_mark(&ps.v[0].marks[0], "Name", 0, 32);
    check_mark(&ps.v[0].marks[1], "Experience", 1, 80);
  }
  if (ps.v[1].nmarks == 1)
    check_mark(&ps.v[1].marks[0], "Education", 1, 32);
}

void test_page(void) {
  struct arena a;
  arena_init(&a);
  test_vlist(&a);
  test_ops(&a);
  test_one_page(&a);
  test_breaks(&a);
  test_keep_together(&a);
  test_section(&a);
  test_keep_entries(&a);
  test_keep_block(&a);
  test_tall_box(&a);
  test_empty(&a);
  test_marks(&a);
  arena_free(&a);
}
