/* test_subset.c: cvpdf's TrueType subsets (subset.c) draw the same glyphs
 * as hb-subset's with the flags cvpdf used to give it: every glyph of the
 * subset, loaded by FreeType from both files, has the same outline and
 * advance, and each character maps to the same new glyph id. Over the
 * bundled fonts and the themes' fonts that are installed; the same font
 * wrapped in a .ttc collection; and damaged fonts (cut short at every
 * length, bytes overwritten), which must fail or succeed without reading
 * out of bounds. */
#include <stdio.h>
#include <stdlib.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H
#include <hb-subset.h>
#include <hb.h>

#include "family.h"
#include "harness.h"
#include "subset.h"
#include "utf8.h"

void test_subset(void);

static unsigned char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *p = malloc((size_t)n);
  if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
    free(p);
    p = NULL;
  }
  fclose(f);
  *len = (size_t)n;
  return p;
}

/* hb-subset as cvpdf called it: no hinting, only the drawing tables. */
static hb_blob_t *hb_sub(hb_face_t *face, const uint32_t *cps, int n,
                         hb_map_t **map, hb_subset_plan_t **plan) {
  hb_subset_input_t *in = hb_subset_input_create_or_fail();
  hb_set_t *u = hb_subset_input_unicode_set(in);
  for (int i = 0; i < n; i++)
    hb_set_add(u, cps[i]);
  hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
  static const char *keep[] = {"glyf", "loca", "head", "hhea", "hmtx", "maxp"};
  hb_set_t *dt = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
  hb_set_clear(dt);
  hb_set_invert(dt);
  for (size_t i = 0; i < 6; i++)
    hb_set_del(dt, hb_tag_from_string(keep[i], 4));
  *plan = hb_subset_plan_create_or_fail(face, in);
  hb_subset_input_destroy(in);
  hb_face_t *sub = hb_subset_plan_execute_or_fail(*plan);
  *map = (hb_map_t *)hb_subset_plan_old_to_new_glyph_mapping(*plan);
  hb_blob_t *b = hb_face_reference_blob(sub);
  hb_face_destroy(sub);
  return b;
}

/* Same outline and advance for glyph g of both faces. */
static bool same_glyph(FT_Face a, FT_Face b, unsigned g) {
  int flags = FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING;
  int ea = FT_Load_Glyph(a, g, flags), eb = FT_Load_Glyph(b, g, flags);
  if (ea || eb)
    return ea && eb;
  FT_Outline *x = &a->glyph->outline, *y = &b->glyph->outline;
  if (a->glyph->metrics.horiAdvance != b->glyph->metrics.horiAdvance ||
      x->n_points != y->n_points || x->n_contours != y->n_contours)
    return false;
  for (int i = 0; i < x->n_points; i++)
    if (x->points[i].x != y->points[i].x ||
        x->points[i].y != y->points[i].y ||
        (x->tags[i] & 1) != (y->tags[i] & 1))
      return false;
  for (int i = 0; i < x->n_contours; i++)
    if (x->contours[i] != y->contours[i])
      return false;
  return true;
}

static void compare(FT_Library ft, const char *path, const uint32_t *cps,
                    int n, int *fonts, int *glyphs) {
  size_t len;
  unsigned char *data = slurp(path, &len);
  CHECK(data != NULL);
  if (!data)
    return;
  FT_Face face;
  CHECK(FT_New_Memory_Face(ft, data, (FT_Long)len, 0, &face) == 0);
  unsigned gids[512];
  uint16_t mine[512];
  for (int i = 0; i < n; i++)
    gids[i] = FT_Get_Char_Index(face, cps[i]);
  unsigned char *out = NULL;
  size_t olen = 0;
  int ng = 0;
  CHECK(sfnt_subset(data, len, 0, gids, n, mine, &out, &olen, &ng));

  hb_blob_t *blob = hb_blob_create((const char *)data, (unsigned)len,
                                   HB_MEMORY_MODE_READONLY, NULL, NULL);
  hb_face_t *hface = hb_face_create(blob, 0);
  hb_map_t *map;
  hb_subset_plan_t *plan;
  hb_blob_t *hsub = hb_sub(hface, cps, n, &map, &plan);
  unsigned hlen;
  const char *hdata = hb_blob_get_data(hsub, &hlen);

  FT_Face a, b;
  CHECK(FT_New_Memory_Face(ft, out, (FT_Long)olen, 0, &a) == 0);
  CHECK(FT_New_Memory_Face(ft, (const FT_Byte *)hdata, (FT_Long)hlen, 0,
                           &b) == 0);
  CHECK_INT(a->num_glyphs, ng);
  CHECK_INT(a->num_glyphs, b->num_glyphs);
  CHECK(olen <= hlen + 64); /* no bigger, give or take padding */
  for (int i = 0; i < n; i++) {
    unsigned h = gids[i] ? hb_map_get(map, gids[i]) : 0;
    if (mine[i] != h) {
      harness_failures++;
      fprintf(stderr, "%s: U+%04X is glyph %u, hb-subset %u\n", path, cps[i],
              mine[i], h);
    }
  }
  for (int g = 1; g < ng; g++) {
    (*glyphs)++;
    if (!same_glyph(a, b, (unsigned)g)) {
      harness_failures++;
      fprintf(stderr, "%s: glyph %d differs from hb-subset's\n", path, g);
    }
  }
  (*fonts)++;

  /* the same font as face 0 of a collection: the directory's offsets move
   * by the 16 bytes of the collection header */
  unsigned char *ttc = malloc(len + 16);
  memcpy(ttc, "ttcf\0\1\0\0\0\0\0\1\0\0\0\20", 16);
  memcpy(ttc + 16, data, len);
  unsigned nt = (unsigned)ttc[20] << 8 | ttc[21];
  for (unsigned t = 0; t < nt; t++) {
    unsigned char *o = ttc + 16 + 12 + 16 * t + 8;
    uint32_t v = ((uint32_t)o[0] << 24 | (uint32_t)o[1] << 16 |
                  (uint32_t)o[2] << 8 | o[3]) + 16;
    o[0] = (unsigned char)(v >> 24);
    o[1] = (unsigned char)(v >> 16);
    o[2] = (unsigned char)(v >> 8);
    o[3] = (unsigned char)v;
  }
  unsigned char *out2 = NULL;
  size_t olen2 = 0;
  int ng2 = 0;
  CHECK(sfnt_subset(ttc, len + 16, 0, gids, n, mine, &out2, &olen2, &ng2));
  CHECK(olen2 == olen && out2 && memcmp(out, out2, olen) == 0);
  free(out2);
  out2 = NULL;
  CHECK(!sfnt_subset(ttc, len + 16, 1, gids, n, mine, &out2, &olen2, &ng2));
  free(ttc);

  FT_Done_Face(a);
  FT_Done_Face(b);
  hb_blob_destroy(hsub);
  hb_subset_plan_destroy(plan);
  hb_face_destroy(hface);
  hb_blob_destroy(blob);
  FT_Done_Face(face);
  free(out);
  free(data);
}

/* Damaged copies of a font: cut short, and bytes of the directory and of
 * glyf/loca overwritten. Only that nothing is read out of bounds (the
 * sanitizer build) and that a success is a file FreeType opens. */
static void damaged(FT_Library ft, const char *path, const unsigned *gids,
                    int n) {
  size_t len;
  unsigned char *data = slurp(path, &len);
  if (!data)
    return;
  uint16_t mine[512];
  int cuts = 0, ok = 0;
  for (size_t cut = 0; cut < len; cut += cut < 4096 ? 7 : 997) {
    unsigned char *p = malloc(cut ? cut : 1);
    memcpy(p, data, cut);
    unsigned char *out = NULL;
    size_t olen;
    int ng;
    if (sfnt_subset(p, cut, 0, gids, n, mine, &out, &olen, &ng)) {
      FT_Face f = NULL;
      CHECK(FT_New_Memory_Face(ft, out, (FT_Long)olen, 0, &f) == 0);
      if (f)
        FT_Done_Face(f);
      ok++;
    }
    free(out);
    free(p);
    cuts++;
  }
  CHECK(cuts > 100);
  srand(7);
  for (int k = 0; k < 3000; k++) {
    unsigned char *p = malloc(len);
    memcpy(p, data, len);
    for (int m = 0; m < 4; m++)
      p[(size_t)rand() % (k % 2 ? len : 400)] = (unsigned char)rand();
    unsigned char *out = NULL;
    size_t olen;
    int ng;
    if (sfnt_subset(p, len, 0, gids, n, mine, &out, &olen, &ng))
      CHECK(olen >= 12 && ng >= 1);
    free(out);
    free(p);
  }
  free(data);
}

void test_subset(void) {
  struct diag d;
  struct fonts fs;
  struct ctx c;
  harness_ctx(&c, &d, &fs, stderr);
  d.silent = true;
  FT_Library ft;
  FT_Init_FreeType(&ft);
  /* printable ASCII, Latin-1, and letters built from accents (composites) */
  uint32_t cps[512];
  int n = 0;
  for (uint32_t cp = 32; cp < 127; cp++)
    cps[n++] = cp;
  for (uint32_t cp = 0xA0; cp < 0x180; cp++)
    cps[n++] = cp;
  for (const char *p = "–—‘’“”•†‡…€ǅǄȘșȚțẞ"; *p;)
    cps[n++] = utf8_next(&p);
  int fonts = 0, glyphs = 0;
  for (size_t i = 0; i < sizeof harness_families / sizeof *harness_families;
       i++) {
    int f4[4];
    if (!family_find(&c, harness_families[i], (struct loc){0}, f4))
      continue;
    for (int s = 0; s < 4; s++)
      if (!s || f4[s] != f4[0])
        compare(ft, font_info(&fs, f4[s])->path, cps, n, &fonts, &glyphs);
  }
  CHECK(fonts >= 4); /* the four bundled CMU faces at least */
  CHECK(glyphs > 1000);
  fprintf(stderr, "subset: %d fonts, %d glyphs equal to hb-subset's\n", fonts,
          glyphs);
  int f4[4];
  if (family_find(&c, "CMU Serif", (struct loc){0}, f4)) {
    unsigned gids[64];
    for (int i = 0; i < 64; i++)
      gids[i] = font_glyph(&fs, f4[0], cps[i + 30]);
    damaged(ft, font_info(&fs, f4[0])->path, gids, 64);
  }
  FT_Done_FreeType(ft);
  fonts_free(&fs);
  arena_free(&c.doc);
}
