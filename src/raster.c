/* raster.c: the raster backend (see raster.h). Owns the cairo it loads: looked
 * up by dlopen the first time a page is drawn (a PDF never maps it), the
 * functions named below taken from it into a table of the ctx (raster_free
 * releases it; the library stays mapped, RTLD_NODELETE, as HarfBuzz and
 * fontconfig do). Glyph positions come from the page as
 * pdf.c's do: a run's glyphs one after another at the advances layout
 * measured (kerning already split runs), a shaped run's at its own places.
 */
#include "raster.h"

#include <cairo-ft.h>
#include <cairo.h>
#include <dlfcn.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"
#include "utf8.h"

#define CAIRO_FUNCTIONS(X)                                                    \
  X(cairo_image_surface_create) X(cairo_image_surface_create_for_data)        \
  X(cairo_format_stride_for_width) X(cairo_surface_destroy)                   \
  X(cairo_surface_write_to_png_stream) X(cairo_surface_status)                \
  X(cairo_surface_flush) X(cairo_surface_mark_dirty) X(cairo_create)          \
  X(cairo_destroy) X(cairo_save) X(cairo_restore) X(cairo_scale)              \
  X(cairo_translate) X(cairo_transform) X(cairo_set_source_rgb)               \
  X(cairo_set_source_surface) X(cairo_paint) X(cairo_rectangle)               \
  X(cairo_fill) X(cairo_stroke) X(cairo_set_line_width)                       \
  X(cairo_show_glyphs) X(cairo_glyph_path) X(cairo_new_path)                  \
  X(cairo_fill_preserve) X(cairo_set_font_face) X(cairo_set_font_size)        \
  X(cairo_ft_font_face_create_for_ft_face) X(cairo_font_face_destroy)

struct cairo_api {
  void *lib;
#define X(fn) __typeof__(&fn) fn;
  CAIRO_FUNCTIONS(X)
#undef X
};

/* cairo, loaded the first time c draws a page (NULL if it cannot be);
 * the table is c's, the library the process's (RTLD_NODELETE). */
static struct cairo_api *cairo(struct ctx *c) {
  if (!c->raster) {
    struct cairo_api *api = xcalloc(1, sizeof *api);
    void *lib = dlopen("libcairo.so.2", RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    bool ok = lib != NULL;
#define X(fn)                                                                  \
  if (ok && !(*(void **)&api->fn = dlsym(lib, #fn)))                           \
    ok = false;
    CAIRO_FUNCTIONS(X)
#undef X
    api->lib = ok ? lib : NULL;
    c->raster = api;
  }
  struct cairo_api *api = c->raster;
  return api->lib ? api : NULL;
}

void raster_free(struct ctx *c) {
  free(c->raster);
  c->raster = NULL;
}

struct out {
  unsigned char *v;
  size_t n, cap;
};

static cairo_status_t collect(void *closure, const unsigned char *data,
                              unsigned int len) {
  struct out *o = closure;
  if (o->n + len > o->cap) {
    o->cap = (o->n + len) * 2;
    o->v = xrealloc(o->v, o->cap);
  }
  memcpy(o->v + o->n, data, len);
  o->n += len;
  return CAIRO_STATUS_SUCCESS;
}

static void rgb(struct cairo_api *C, cairo_t *cr, uint32_t c) {
  C->cairo_set_source_rgb(cr, ((c >> 16) & 255) / 255.0,
                          ((c >> 8) & 255) / 255.0, (c & 255) / 255.0);
}

/* One text operation's glyphs at their places (from the op's origin). */
static void text(struct cairo_api *C, cairo_t *cr, const struct ctx *c,
                 const struct draw *op, cairo_font_face_t *face) {
  int n = op->gl ? op->gl->n : (int)utf8_length(op->s, (size_t)op->len);
  cairo_glyph_t *g = xmalloc(sizeof *g * (size_t)(n ? n : 1));
  int k = 0;
  if (op->gl) {
    for (int i = 0; i < n; i++)
      g[k++] = (cairo_glyph_t){op->gl->gid[i], op->gl->x[i], op->gl->y[i]};
  } else {
    double x = 0;
    for (const char *p = op->s, *e = op->s + op->len; p < e;) {
      uint32_t cp = utf8_next(&p);
      if (cp < 0x20 || cp == 0xAD || (cp >= 0x7F && cp < 0xA0))
        continue; /* (what layout leaves undrawn) */
      g[k++] = (cairo_glyph_t){font_glyph(c->fonts, op->font, cp), x, 0};
      x += font_advance(c->fonts, op->font, cp) * op->size / 1000.0;
    }
  }
  C->cairo_save(cr);
  C->cairo_translate(cr, op->x, op->y);
  if (op->fake & DRAW_FAKE_ITALIC) { /* pdf.c's slant: 0.21 */
    cairo_matrix_t m = {1, 0, -0.21, 1, 0, 0};
    C->cairo_transform(cr, &m);
  }
  C->cairo_set_font_face(cr, face);
  C->cairo_set_font_size(cr, op->size);
  rgb(C, cr, op->rgb);
  if (op->fake & DRAW_FAKE_BOLD) { /* filled and stroked, 1/40 em */
    C->cairo_new_path(cr);
    C->cairo_glyph_path(cr, g, k);
    C->cairo_fill_preserve(cr);
    C->cairo_set_line_width(cr, op->size / 40);
    C->cairo_stroke(cr);
  } else {
    C->cairo_show_glyphs(cr, g, k);
  }
  C->cairo_restore(cr);
  free(g);
}

/* A photo: its pixels (image.c) in cairo's 32-bit form, turned by its
 * orientation as pdf.c's matrix does. False after saying why. */
static bool photo(struct cairo_api *C, cairo_t *cr, struct ctx *c,
                  const struct draw *op, double H, double dpi) {
  struct image_embed e;
  const char *bad = image_pixels(op->s, op->w, op->h, dpi, &e);
  if (bad) {
    diag_error(c->diag, (struct loc){op->s, 0, 0}, "photo: %s", bad);
    return false;
  }
  int stride = C->cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, e.w);
  unsigned char *px = xcalloc((size_t)stride * (size_t)e.h, 1);
  for (int y = 0; y < e.h; y++)
    for (int x = 0; x < e.w; x++) {
      const unsigned char *s = e.data + ((size_t)y * e.w + x) * e.comps;
      unsigned r, g, b;
      if (e.comps == 1) {
        r = g = b = s[0];
      } else if (e.comps == 4) { /* Adobe's CMYK, stored inverted */
        r = s[0] * s[3] / 255;
        g = s[1] * s[3] / 255;
        b = s[2] * s[3] / 255;
      } else {
        r = s[0], g = s[1], b = s[2];
      }
      uint32_t v = 0xFF000000u | r << 16 | g << 8 | b;
      memcpy(px + (size_t)y * stride + (size_t)x * 4, &v, 4);
    }
  cairo_surface_t *img = C->cairo_image_surface_create_for_data(
      px, CAIRO_FORMAT_RGB24, e.w, e.h, stride);
  double m[6];
  image_matrix(e.orientation, op->x, H - op->y - op->h, op->w, op->h, m);
  C->cairo_save(cr);
  C->cairo_translate(cr, 0, H); /* PDF's coordinates: y upward */
  C->cairo_scale(cr, 1, -1);
  cairo_matrix_t pm = {m[0], m[1], m[2], m[3], m[4], m[5]};
  C->cairo_transform(cr, &pm); /* the unit square, the image's box */
  C->cairo_translate(cr, 0, 1);
  C->cairo_scale(cr, 1.0 / e.w, -1.0 / e.h); /* pixels, rows downward */
  C->cairo_set_source_surface(cr, img, 0, 0);
  C->cairo_paint(cr);
  C->cairo_restore(cr);
  C->cairo_surface_destroy(img);
  free(px);
  image_embed_free(&e);
  return true;
}

unsigned char *raster_page(struct ctx *c, const struct page *pg, double dpi,
                        const char *file, size_t *len) {
  struct cairo_api *C = cairo(c);
  if (!C) {
    diag_error(c->diag, (struct loc){file, 0, 0},
               "PNG pages need cairo (Debian's libcairo2), which cannot be "
               "loaded");
    return NULL;
  }
  double k = dpi / 72;
  int W = (int)ceil(pg->w * k), H = (int)ceil(pg->h * k);
  cairo_surface_t *sf = C->cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = C->cairo_create(sf);
  C->cairo_set_source_rgb(cr, 1, 1, 1);
  C->cairo_paint(cr);
  C->cairo_scale(cr, k, k);
  struct draw *ops = NULL;
  int cap = 0, n = page_ops(pg, &ops, &cap);
  /* one cairo face a font, for this page */
  int nf = c->fonts->n;
  cairo_font_face_t **faces = xcalloc((size_t)nf + 1, sizeof *faces);
  bool ok = true;
  for (int i = 0; i < n && ok; i++) {
    const struct draw *op = &ops[i];
    if (op->kind == DRAW_RULE) {
      /* a rule thinner than a pixel is a pixel, as PDF viewers draw it
       * (else it would fade to a tint) */
      double x = op->x, y = op->y, w = op->w, h = op->h, px = 1 / k;
      if (h < px)
        y -= (px - h) / 2, h = px;
      if (w < px)
        x -= (px - w) / 2, w = px;
      rgb(C, cr, op->rgb);
      C->cairo_rectangle(cr, x, y, w, h);
      C->cairo_fill(cr);
    } else if (op->kind == DRAW_TEXT && op->len > 0) {
      if (!faces[op->font])
        faces[op->font] = C->cairo_ft_font_face_create_for_ft_face(
            font_ft_face(c->fonts, op->font), 0);
      text(C, cr, c, op, faces[op->font]);
    } else if (op->kind == DRAW_IMAGE) {
      ok = photo(C, cr, c, op, pg->h, dpi);
    }
  }
  free(ops);
  C->cairo_destroy(cr);
  for (int f = 0; f < nf; f++)
    if (faces[f])
      C->cairo_font_face_destroy(faces[f]);
  free(faces);
  struct out o = {0};
  if (ok) {
    C->cairo_surface_flush(sf);
    if (C->cairo_surface_write_to_png_stream(sf, collect, &o) !=
        CAIRO_STATUS_SUCCESS) {
      diag_error(c->diag, (struct loc){file, 0, 0},
                 "cairo could not write the page as PNG");
      free(o.v);
      o.v = NULL;
    }
  }
  C->cairo_surface_destroy(sf);
  *len = o.n;
  return ok ? o.v : NULL;
}
