/* font.c: owns font files (mapped read-only), their FreeType faces, and
 * two caches per face: code point -> (glyph, advance) and glyph pair ->
 * kerning. Measures; never draws. Subsets for the PDF (subset.c does the
 * cutting).
 *
 * Kerning is read from GPOS by gpos.c; a pair it cannot answer (a font
 * whose 'kern' feature is more than pair adjustments, or a combining
 * mark) is shaped by HarfBuzz (kern on, ligatures off), normalised as in
 * notes §3: HarfBuzz may split a legacy kern value between the advance
 * and the offset of the two glyphs. Text in a complex script is shaped
 * whole (font_shape). HarfBuzz is loaded (dlopen) the first time a pair
 * or a word needs it: most CVs never do, and loading it with GLib, PCRE2
 * and graphite2 costs every process about 0.5 ms and 1.4 MiB.
 */
#include "font.h"

#include "arena.h"
#include "gpos.h"
#include "marks.h"
#include "subset.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H
#include FT_OUTLINE_H
#include FT_ADVANCES_H
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>

#include "utf8.h"

/* An open-addressing map from a 32-bit key to a small value; both caches
 * of a face use it (code point -> glyph and advance; glyph pair -> kern). */
struct slot {
  uint32_t key; /* UINT32_MAX = empty */
  uint32_t gid;
  float value; /* advance in 1/1000 em, or kerning in font units */
};

struct map {
  struct slot *v;
  size_t cap, n;
};

struct font {
  struct font_info info;
  char *path;
  int index;
  void *data;
  size_t size;
  FT_Face face;
  /* HarfBuzz's view of the face, made when a pair is first shaped */
  hb_blob_t *blob;
  hb_face_t *hbface;
  hb_font_t *hbfont;
  hb_buffer_t *buf;
  struct map glyphs; /* code point -> glyph id, advance */
  struct map kerns;  /* glyph pair -> kerning */
  /* the fast path for ASCII (most of any CV): glyphs and kerning pairs
   * by code point (KERN_UNKNOWN: not shaped yet) */
  struct slot *ascii;     /* 128 entries, gid UINT32_MAX until looked up */
  int16_t *ascii_kern;    /* 96 x 96 from U+0020, font units */
  struct gpos *gpos;      /* pair kerning read directly (or NULL) */
  struct hb_api *hb;      /* the process's HarfBuzz, once loaded */
};

#define KERN_UNKNOWN INT16_MIN

/* The HarfBuzz functions font.c calls, looked up when first needed. */
#define HB_FUNCTIONS(X)                                                        \
  X(hb_blob_create) X(hb_blob_destroy) X(hb_face_create) X(hb_face_destroy)   \
  X(hb_font_create) X(hb_font_destroy) X(hb_font_set_scale)                   \
  X(hb_buffer_create) X(hb_buffer_destroy) X(hb_buffer_clear_contents)        \
  X(hb_buffer_add_codepoints) X(hb_buffer_guess_segment_properties)           \
  X(hb_buffer_get_script) X(hb_buffer_set_script) X(hb_buffer_set_direction)  \
  X(hb_shape) X(hb_buffer_get_glyph_infos) X(hb_buffer_get_glyph_positions) \
  X(hb_buffer_add_utf8) X(hb_buffer_set_language) X(hb_language_from_string) \
  X(hb_buffer_set_cluster_level) X(hb_unicode_funcs_get_default)              \
  X(hb_unicode_general_category) X(hb_buffer_set_invisible_glyph)

/* hb-subset's, and the HarfBuzz functions only subsetting calls: loaded
 * the first time a font with PostScript (CFF) outlines is embedded
 * (subset.c does TrueType's itself). */
#define HB_SUBSET_FUNCTIONS(X)                                                 \
  X(hb_subset_input_create_or_fail) X(hb_subset_input_destroy)                \
  X(hb_subset_input_glyph_set) X(hb_subset_input_set)                         \
  X(hb_subset_plan_create_or_fail) X(hb_subset_plan_destroy)                  \
  X(hb_subset_plan_old_to_new_glyph_mapping)                                  \
  X(hb_subset_plan_execute_or_fail)

#define HB_SUBSET_BASE_FUNCTIONS(X)                                            \
  X(hb_set_add) X(hb_map_get) X(hb_face_reference_table) X(hb_blob_get_data)  \
  X(hb_face_get_glyph_count)

struct hb_api {
  bool tried; /* dlopen was attempted */
  void *lib;  /* its handle: NULL before, or if HarfBuzz cannot be loaded */
#define X(fn) __typeof__(&fn) fn;
  HB_FUNCTIONS(X)
  HB_SUBSET_FUNCTIONS(X)
  HB_SUBSET_BASE_FUNCTIONS(X)
#undef X
  bool sub_tried;
  void *sub; /* libharfbuzz-subset, or NULL */
};

/* Looks function fn up in the library `from` (a variable of the caller)
 * into hb->fn; clears `ok` when it is missing. */
#define HB_RESOLVE(fn)                                                         \
  if (ok && !(*(void **)&hb->fn = dlsym(from, #fn)))                           \
    ok = false;

/* HarfBuzz, loaded on the first call; NULL if it cannot be (kerning then
 * comes from GPOS alone). */
static struct hb_api *hb_load(struct hb_api *hb) {
  if (!hb->tried) {
    hb->tried = true;
    /* kept mapped after dlclose (NODELETE), like fontconfig: HarfBuzz
     * keeps process-wide caches */
    void *lib =
        dlopen("libharfbuzz.so.0", RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    bool ok = lib != NULL;
    void *from = lib;
    HB_FUNCTIONS(HB_RESOLVE)
    if (!ok && lib)
      dlclose(lib);
    hb->lib = ok ? lib : NULL;
  }
  return hb->lib ? hb : NULL;
}

/* hb-subset (with HarfBuzz), loaded on the first call; NULL if it cannot
 * be. */
static struct hb_api *hb_subset_load(struct hb_api *hb) {
  if (!hb_load(hb))
    return NULL;
  if (!hb->sub_tried) {
    hb->sub_tried = true;
    void *lib = dlopen("libharfbuzz-subset.so.0",
                       RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    bool ok = lib != NULL;
    void *from = lib;
    HB_SUBSET_FUNCTIONS(HB_RESOLVE)
    from = hb->lib; /* (HarfBuzz's own, which subsetting also calls) */
    HB_SUBSET_BASE_FUNCTIONS(HB_RESOLVE)
    if (!ok && lib)
      dlclose(lib);
    hb->sub = ok ? lib : NULL;
  }
  return hb->sub ? hb : NULL;
}

bool fonts_init(struct fonts *fs) {
  memset(fs, 0, sizeof *fs);
  FT_Library lib;
  if (FT_Init_FreeType(&lib))
    return false;
  fs->ft = lib;
  fs->hb = xcalloc(1, sizeof(struct hb_api));
  return true;
}

static void font_free(struct font *f) {
  struct hb_api *hb = f->hb;
  if (f->buf)
    hb->hb_buffer_destroy(f->buf);
  if (f->hbfont)
    hb->hb_font_destroy(f->hbfont);
  if (f->hbface)
    hb->hb_face_destroy(f->hbface);
  if (f->blob)
    hb->hb_blob_destroy(f->blob);
  if (f->face)
    FT_Done_Face(f->face);
  if (f->data)
    munmap(f->data, f->size);
  free(f->glyphs.v);
  free(f->kerns.v);
  free(f->ascii);
  free(f->ascii_kern);
  gpos_free(f->gpos);
  free(f->path);
  free((char *)f->info.family);
  free((char *)f->info.postscript);
  free(f);
}

void fonts_free(struct fonts *fs) {
  if (fs->aux && fs->aux_free)
    fs->aux_free(fs->aux);
  for (int i = 0; i < fs->n; i++)
    font_free(fs->v[i]);
  free(fs->v);
  if (fs->ft)
    FT_Done_FreeType((FT_Library)fs->ft);
  struct hb_api *hb = fs->hb;
  if (hb && hb->sub)
    dlclose(hb->sub);
  if (hb && hb->lib)
    dlclose(hb->lib);
  free(hb);
  memset(fs, 0, sizeof *fs);
}

const struct font_info *font_info(const struct fonts *fs, int id) {
  return &fs->v[id]->info;
}

static double glyph_top(FT_Face face, uint32_t cp) {
  FT_UInt gid = FT_Get_Char_Index(face, cp);
  if (!gid || FT_Load_Glyph(face, gid, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING))
    return 0;
  FT_BBox bb;
  FT_Outline_Get_CBox(&face->glyph->outline, &bb);
  return (double)bb.yMax;
}

/* Does the font's GSUB list feature `tag` (its FeatureList, read as the
 * OpenType specification lays it out; a damaged table answers no)? */
static bool has_feature(const unsigned char *data, size_t size, int index,
                        const char *tag) {
  size_t off = 0, len = 0;
  if (!sfnt_table(data, size, index, "GSUB", &off, &len) || len < 10)
    return false;
  const unsigned char *t = data + off;
  size_t fl = (size_t)(t[6] << 8 | t[7]);
  if (fl + 2 > len)
    return false;
  size_t n = (size_t)(t[fl] << 8 | t[fl + 1]);
  for (size_t i = 0; i < n && fl + 2 + 6 * (i + 1) <= len; i++)
    if (memcmp(t + fl + 2 + 6 * i, tag, 4) == 0)
      return true;
  return false;
}

int fonts_open(struct fonts *fs, const char *path, int index, struct diag *d,
               struct loc at) {
  for (int i = 0; i < fs->n; i++)
    if (fs->v[i]->index == index && strcmp(fs->v[i]->path, path) == 0)
      return i;

  /* (O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then
   * refuses it) */
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    diag_error(d, at, "cannot open font file '%s'", path);
    return -1;
  }
  struct stat st;
  if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size < 12 ||
      st.st_size > (off_t)256 << 20) {
    close(fd);
    diag_error(d, at, "'%s' is not a usable font file (empty, too large or "
                      "not a regular file)",
               path);
    return -1;
  }
  void *data = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (data == MAP_FAILED) {
    diag_error(d, at, "cannot read font file '%s'", path);
    return -1;
  }
  struct font *f = xcalloc(1, sizeof *f);
  f->data = data;
  f->size = (size_t)st.st_size;
  f->path = xstrdup(path);
  f->index = index;
  f->info.path = f->path;

  if (FT_New_Memory_Face((FT_Library)fs->ft, data, (FT_Long)f->size, index,
                         &f->face)) {
    diag_error(d, at, "'%s' is not a valid TrueType font (FreeType cannot "
                      "read it)",
               path);
    font_free(f);
    return -1;
  }
  /* TrueType outlines (glyf), subset by subset.c, or PostScript ones in
   * a CFF table, subset by hb-subset; CFF2 (variable fonts' PostScript
   * outlines) has no place in a PDF */
  FT_ULong glyf_len = 0, cff_len = 0, cff2_len = 0;
  bool glyf = FT_IS_SFNT(f->face) &&
              !FT_Load_Sfnt_Table(f->face, TTAG_glyf, 0, NULL, &glyf_len) &&
              glyf_len > 0;
  f->info.cff = !glyf && FT_IS_SFNT(f->face) &&
                !FT_Load_Sfnt_Table(f->face, TTAG_CFF, 0, NULL, &cff_len) &&
                cff_len > 0;
  if (!glyf && !f->info.cff) {
    bool cff2 = FT_IS_SFNT(f->face) &&
                !FT_Load_Sfnt_Table(f->face, FT_MAKE_TAG('C', 'F', 'F', '2'),
                                    0, NULL, &cff2_len) &&
                cff2_len > 0;
    if (cff2)
      diag_error(d, at,
                 "'%s' is a variable font with PostScript (CFF2) outlines, "
                 "which a PDF cannot embed; use a static build of the family "
                 "(.ttf, or .otf with CFF outlines)",
                 path);
    else
      diag_error(d, at,
                 "'%s' has no outlines cvpdf can read: its glyf or CFF table "
                 "is missing or damaged (install the font again, or use "
                 "another)",
                 path);
    font_free(f);
    return -1;
  }
  TT_OS2 *os2 = FT_Get_Sfnt_Table(f->face, FT_SFNT_OS2);
  if (os2 && (os2->fsType & 0x000F) == 0x0002) {
    diag_error(d, at, "the licence of font '%s' forbids embedding it "
                      "(OS/2 fsType 'restricted')",
               path);
    font_free(f);
    return -1;
  }
  if (f->face->units_per_EM < 16 || f->face->num_glyphs < 1) {
    diag_error(d, at, "font '%s' has invalid metrics", path);
    font_free(f);
    return -1;
  }
  f->info.units_per_em = f->face->units_per_EM;
  double scale = 1000.0 / f->face->units_per_EM;
  /* The PDF's Ascent and Descent leave accents out: the OS/2 typographic
   * ones where the font gives them (hhea's usually cover accents), as
   * Typst and LaTeX's AFMs do; poppler's word boxes and link areas are
   * this tall. */
  if (os2 && os2->version != 0xFFFF && os2->sTypoAscender > 0 &&
      os2->sTypoDescender <= 0 &&
      os2->sTypoAscender - os2->sTypoDescender >= f->face->units_per_EM / 2) {
    f->info.ascender = os2->sTypoAscender * scale;
    f->info.descender = os2->sTypoDescender * scale;
  } else {
    f->info.ascender = f->face->ascender * scale;
    f->info.descender = f->face->descender * scale;
  }
  if (os2 && os2->version >= 2 && os2->sCapHeight > 0)
    f->info.cap_height = os2->sCapHeight * scale;
  else
    f->info.cap_height = glyph_top(f->face, 'H') * scale;
  if (os2 && os2->version >= 2 && os2->sxHeight > 0)
    f->info.x_height = os2->sxHeight * scale;
  else
    f->info.x_height = glyph_top(f->face, 'x') * scale;
  if (f->info.cap_height <= 0)
    f->info.cap_height = f->info.ascender * 0.7;
  if (f->info.x_height <= 0)
    f->info.x_height = f->info.cap_height * 0.66;
  f->info.bbox[0] = f->face->bbox.xMin * scale;
  f->info.bbox[1] = f->face->bbox.yMin * scale;
  f->info.bbox[2] = f->face->bbox.xMax * scale;
  f->info.bbox[3] = f->face->bbox.yMax * scale;
  TT_Postscript *post = FT_Get_Sfnt_Table(f->face, FT_SFNT_POST);
  f->info.italic_angle = post ? post->italicAngle / 65536.0 : 0;
  f->info.fixed_pitch = FT_IS_FIXED_WIDTH(f->face);
  f->info.weight = os2 && os2->usWeightClass >= 100 && os2->usWeightClass <= 1000
                       ? os2->usWeightClass
                       : (f->face->style_flags & FT_STYLE_FLAG_BOLD ? 700 : 400);
  f->info.italic = (f->face->style_flags & FT_STYLE_FLAG_ITALIC) ||
                   f->info.italic_angle != 0;
  /* serifs: the OS/2 family class (1-7 are serif classes) */
  f->info.serif = os2 && (os2->sFamilyClass >> 8) >= 1 &&
                  (os2->sFamilyClass >> 8) <= 7;
  f->info.family = xstrdup(f->face->family_name ? f->face->family_name : "");
  const char *ps = FT_Get_Postscript_Name(f->face);
  f->info.postscript = xstrdup(ps ? ps : "");

  f->hb = fs->hb;
  f->info.small_caps = has_feature(data, f->size, index, "smcp");
  size_t goff = 0, glen = 0;
  bool has_gpos = sfnt_table(data, f->size, index, "GPOS", &goff, &glen) &&
                  glen > 0;
  if (has_gpos)
    f->gpos = gpos_open((const unsigned char *)data + goff, glen);
  /* a GPOS table (not hb_ot_layout_has_positioning, which validates the
   * whole table first: a third of a CV's font loading), or a 'kern' one */
  f->info.has_kerning = has_gpos || FT_HAS_KERNING(f->face);

  if (fs->n == fs->cap) {
    fs->cap = fs->cap ? fs->cap * 2 : 8;
    fs->v = xrealloc(fs->v, sizeof *fs->v * (size_t)fs->cap);
  }
  fs->v[fs->n] = f;
  return fs->n++;
}

static uint32_t hash32(uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}

/* The slot for `key`: found (*fresh = false) or made empty for it. */
static struct slot *map_slot(struct map *m, uint32_t key, bool *fresh) {
  if (m->n * 2 >= m->cap) {
    size_t ncap = m->cap ? m->cap * 2 : 256;
    struct slot *nv = xmalloc(sizeof *nv * ncap);
    for (size_t i = 0; i < ncap; i++)
      nv[i].key = UINT32_MAX;
    for (size_t i = 0; i < m->cap; i++)
      if (m->v[i].key != UINT32_MAX) {
        size_t j = hash32(m->v[i].key) & (ncap - 1);
        while (nv[j].key != UINT32_MAX)
          j = (j + 1) & (ncap - 1);
        nv[j] = m->v[i];
      }
    free(m->v);
    m->v = nv;
    m->cap = ncap;
  }
  size_t j = hash32(key) & (m->cap - 1);
  while (m->v[j].key != UINT32_MAX) {
    if (m->v[j].key == key) {
      *fresh = false;
      return &m->v[j];
    }
    j = (j + 1) & (m->cap - 1);
  }
  m->v[j].key = key;
  m->n++;
  *fresh = true;
  return &m->v[j];
}

static struct slot *glyph_entry_new(struct font *f, uint32_t cp) {
  bool fresh;
  struct slot *e;
  if (cp < 128) {
    if (!f->ascii) {
      f->ascii = xmalloc(sizeof *f->ascii * 128);
      for (int i = 0; i < 128; i++)
        f->ascii[i].key = UINT32_MAX;
    }
    e = &f->ascii[cp];
    fresh = e->key == UINT32_MAX;
    e->key = cp;
  } else {
    e = map_slot(&f->glyphs, cp, &fresh);
  }
  if (fresh) {
    e->gid = FT_Get_Char_Index(f->face, cp);
    FT_Fixed adv = 0;
    if (FT_Get_Advance(f->face, e->gid, FT_LOAD_NO_SCALE, &adv))
      adv = 0;
    /* the integer truncation libharu applies when it writes /W */
    e->value = (float)((long)adv * 1000 / (long)f->info.units_per_em);
  }
  return e;
}

/* cp's glyph and advance: an ASCII character looked up before is one
 * array read (this runs for every character measured). */
static inline struct slot *glyph_entry(struct font *f, uint32_t cp) {
  if (cp < 128 && f->ascii && f->ascii[cp].key == cp)
    return &f->ascii[cp];
  return glyph_entry_new(f, cp);
}

unsigned font_glyph(const struct fonts *fs, int id, uint32_t cp) {
  return glyph_entry(fs->v[id], cp)->gid;
}

bool font_has_all(const struct fonts *fs, int id, const uint32_t *cps, int n) {
  for (int i = 0; i < n; i++)
    if (!font_glyph(fs, id, cps[i]))
      return false;
  return true;
}

int font_advance(const struct fonts *fs, int id, uint32_t cp) {
  return (int)glyph_entry(fs->v[id], cp)->value;
}

/* HarfBuzz and its view of the face (made once), or NULL if HarfBuzz
 * cannot be loaded. */
static struct hb_api *hb_face(struct font *f) {
  struct hb_api *hb = hb_load(f->hb);
  if (hb && !f->buf) {
    f->blob = hb->hb_blob_create(f->data, (unsigned)f->size,
                                 HB_MEMORY_MODE_READONLY, NULL, NULL);
    f->hbface = hb->hb_face_create(f->blob, (unsigned)f->index);
    f->hbfont = hb->hb_font_create(f->hbface);
    hb->hb_font_set_scale(f->hbfont, (int)f->info.units_per_em,
                          (int)f->info.units_per_em);
    f->buf = hb->hb_buffer_create();
  }
  return hb;
}

static float shape_pair(struct font *f, uint32_t a, uint32_t b, uint32_t ga,
                        uint32_t gb) {
  /* kerning only: ligatures would spoil text extraction, and the mark
   * and contextual lookups cost time for nothing between two letters */
  static const hb_feature_t feats[] = {
      {HB_TAG('k', 'e', 'r', 'n'), 1, 0, (unsigned)-1},
      {HB_TAG('l', 'i', 'g', 'a'), 0, 0, (unsigned)-1},
      {HB_TAG('c', 'l', 'i', 'g'), 0, 0, (unsigned)-1},
      {HB_TAG('c', 'a', 'l', 't'), 0, 0, (unsigned)-1},
      {HB_TAG('d', 'l', 'i', 'g'), 0, 0, (unsigned)-1},
      {HB_TAG('r', 'l', 'i', 'g'), 0, 0, (unsigned)-1},
      {HB_TAG('l', 'o', 'c', 'l'), 0, 0, (unsigned)-1},
      {HB_TAG('c', 'c', 'm', 'p'), 0, 0, (unsigned)-1},
      {HB_TAG('m', 'a', 'r', 'k'), 0, 0, (unsigned)-1},
      {HB_TAG('m', 'k', 'm', 'k'), 0, 0, (unsigned)-1},
      {HB_TAG('c', 'u', 'r', 's'), 0, 0, (unsigned)-1},
      {HB_TAG('d', 'i', 's', 't'), 0, 0, (unsigned)-1},
      {HB_TAG('r', 'v', 'r', 'n'), 0, 0, (unsigned)-1},
  };
  struct hb_api *hb = hb_face(f);
  if (!hb)
    return NAN;
  hb_buffer_t *buf = f->buf;
  hb->hb_buffer_clear_contents(buf);
  uint32_t cps[2] = {a, b};
  hb->hb_buffer_add_codepoints(buf, cps, 2, 0, 2);
  hb->hb_buffer_guess_segment_properties(buf);
  /* punctuation alone is of no script; in a CV it stands in Latin text,
   * and is kerned as Latin */
  hb_script_t sc = hb->hb_buffer_get_script(buf);
  if (sc == HB_SCRIPT_COMMON || sc == HB_SCRIPT_INHERITED ||
      sc == HB_SCRIPT_UNKNOWN || sc == HB_SCRIPT_INVALID)
    hb->hb_buffer_set_script(buf, HB_SCRIPT_LATIN);
  hb->hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
  hb->hb_shape(f->hbfont, buf, feats, sizeof feats / sizeof feats[0]);
  unsigned n = 0;
  hb_glyph_info_t *info = hb->hb_buffer_get_glyph_infos(buf, &n);
  hb_glyph_position_t *pos = hb->hb_buffer_get_glyph_positions(buf, NULL);
  /* only trust the result if shaping kept the two cmap glyphs in place
   * (NAN: it did not; no kerning is applied then) */
  if (n != 2 || info[0].codepoint != ga || info[1].codepoint != gb ||
      pos[0].y_offset || pos[1].y_offset)
    return NAN;
  FT_Fixed adv = 0;
  if (FT_Get_Advance(f->face, ga, FT_LOAD_NO_SCALE, &adv))
    return 0;
  return (float)(pos[0].x_advance + pos[1].x_offset - pos[0].x_offset - adv);
}

bool font_shape(const struct fonts *fs, int id, const char *s, int len,
                bool rtl, const char *lang, struct arena *a,
                struct shaped *out) {
  struct font *f = fs->v[id];
  memset(out, 0, sizeof *out);
  struct hb_api *hb = len > 0 ? hb_face(f) : NULL;
  if (!hb)
    return false;
  hb_buffer_t *buf = f->buf;
  hb->hb_buffer_clear_contents(buf);
  hb->hb_buffer_add_utf8(buf, s, len, 0, len);
  /* a mark keeps its own cluster (it is not merged into its base's): each
   * glyph that stands for characters then says which (pdf.c's ToUnicode) */
  hb->hb_buffer_set_cluster_level(buf,
                                  HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
  hb->hb_buffer_set_direction(buf, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
  if (lang)
    hb->hb_buffer_set_language(buf, hb->hb_language_from_string(lang, -1));
  /* the script from the text (the direction is the caller's: bidi) */
  hb->hb_buffer_guess_segment_properties(buf);
  /* joiners and other invisible characters drawn with the font's own
   * glyph for U+200C when it has one, not its space: the space glyph
   * stands for a word space in the text a reader gets (pdf.c) */
  uint32_t zwnj = glyph_entry(f, 0x200C)->gid;
  hb->hb_buffer_set_invisible_glyph(buf, zwnj);
  hb->hb_shape(f->hbfont, buf, NULL, 0);
  unsigned n = 0;
  hb_glyph_info_t *info = hb->hb_buffer_get_glyph_infos(buf, &n);
  hb_glyph_position_t *pos = hb->hb_buffer_get_glyph_positions(buf, NULL);
  out->n = (int)n;
  out->gid = arena_alloc(a, sizeof *out->gid * (n ? n : 1));
  out->adv = arena_alloc(a, sizeof *out->adv * (n ? n : 1));
  out->dx = arena_alloc(a, sizeof *out->dx * (n ? n : 1));
  out->dy = arena_alloc(a, sizeof *out->dy * (n ? n : 1));
  out->cl = arena_alloc(a, sizeof *out->cl * (n ? n : 1));
  double k = 1000.0 / f->info.units_per_em;
  for (unsigned i = 0; i < n; i++) {
    out->gid[i] = info[i].codepoint;
    out->adv[i] = (float)(pos[i].x_advance * k);
    out->dx[i] = (float)(pos[i].x_offset * k);
    out->dy[i] = (float)(pos[i].y_offset * k);
    out->cl[i] = (int)info[i].cluster;
    out->width += out->adv[i];
  }
  return true;
}

bool font_is_extending(const struct fonts *fs, uint32_t cp) {
  if (cp < 0x300)
    return false;
  if (font_is_mark(cp) || cp == 0x200C || cp == 0x200D ||
      (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
      (cp >= 0xE0020 && cp <= 0xE007F) || (cp >= 0xE0100 && cp <= 0xE01EF))
    return true;
  struct hb_api *hb = hb_load(fs->hb);
  if (!hb)
    return false;
  hb_unicode_general_category_t gc = hb->hb_unicode_general_category(
      hb->hb_unicode_funcs_get_default(), cp);
  return gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
         gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK ||
         gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK;
}

void *font_ft_face(const struct fonts *fs, int id) { return fs->v[id]->face; }

int font_glyph_advance(const struct fonts *fs, int id, uint32_t gid) {
  struct font *f = fs->v[id];
  FT_Fixed adv = 0;
  if (FT_Get_Advance(f->face, gid, FT_LOAD_NO_SCALE, &adv))
    adv = 0;
  return (int)((long)adv * 1000 / (long)f->info.units_per_em);
}

bool font_shaper_loaded(const struct fonts *fs) {
  const struct hb_api *hb = fs->hb;
  return hb && hb->lib;
}

bool font_is_mark(uint32_t cp) {
  if (cp < 0x300)
    return false;
  int lo = 0, hi = (int)(sizeof nonspacing_marks / sizeof nonspacing_marks[0]) - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (cp < nonspacing_marks[mid][0])
      hi = mid - 1;
    else if (cp > nonspacing_marks[mid][1])
      lo = mid + 1;
    else
      return true;
  }
  return false;
}

/* Kerning in font units: from GPOS directly where gpos.c can read it
 * (letters, not combining marks, which HarfBuzz positions otherwise), else
 * by shaping the pair. */
static float kern_units(struct font *f, uint32_t a, uint32_t b, uint32_t ga,
                        uint32_t gb) {
  int k;
  if (f->gpos && !font_is_mark(a) && !font_is_mark(b) &&
      gpos_kern(f->gpos, ga, gb, &k))
    return (float)k;
  float v = shape_pair(f, a, b, ga, gb);
  return isnan(v) ? 0 : v;
}

double font_kern(const struct fonts *fs, int id, uint32_t a, uint32_t b) {
  struct font *f = fs->v[id];
  if (!f->info.has_kerning)
    return 0;
  if (a - 0x20 < 0x60 && b - 0x20 < 0x60) {
    /* printable ASCII pairs: a table, no hashing (96 x 96: the control
     * characters draw nothing, and 18 KB touch less memory than 32) */
    if (!f->ascii_kern) {
      f->ascii_kern = xmalloc(sizeof(int16_t) * 96 * 96);
      for (int i = 0; i < 96 * 96; i++)
        f->ascii_kern[i] = KERN_UNKNOWN;
    }
    int16_t *k = &f->ascii_kern[(a - 0x20) * 96 + (b - 0x20)];
    if (*k == KERN_UNKNOWN) { /* (a missing glyph kerns 0) */
      uint32_t ga = glyph_entry(f, a)->gid, gb = glyph_entry(f, b)->gid;
      float v = ga && gb ? kern_units(f, a, b, ga, gb) : 0;
      *k = (int16_t)(v < -32767 ? -32767 : v > 32767 ? 32767 : lroundf(v));
    }
    return *k * 1000.0 / f->info.units_per_em;
  }
  uint32_t ga = glyph_entry(f, a)->gid, gb = glyph_entry(f, b)->gid;
  if (!ga || !gb || ga > 0xFFFF || gb > 0xFFFF)
    return 0;
  uint32_t key = ga << 16 | gb;
  bool fresh;
  struct slot *e = map_slot(&f->kerns, key, &fresh);
  if (fresh)
    e->value = kern_units(f, a, b, ga, gb);
  return e->value * 1000.0 / f->info.units_per_em;
}

double font_kern_shaped(const struct fonts *fs, int id, uint32_t a,
                        uint32_t b) {
  struct font *f = fs->v[id];
  uint32_t ga = glyph_entry(f, a)->gid, gb = glyph_entry(f, b)->gid;
  if (!f->info.has_kerning || !ga || !gb)
    return 0;
  float v = shape_pair(f, a, b, ga, gb);
  return isnan(v) ? NAN : v * 1000.0 / f->info.units_per_em;
}

double font_text_width(const struct fonts *fs, int id, const char *s,
                       size_t len) {
  const char *p = s, *e = s + len;
  double w = 0;
  uint32_t prev = 0;
  while (p < e) {
    uint32_t cp = utf8_next(&p);
    w += font_advance(fs, id, cp);
    if (prev)
      w += font_kern(fs, id, prev, cp);
    prev = cp;
  }
  return w;
}

/* A font with PostScript outlines: hb-subset keeps the glyphs `old` (and
 * .notdef), and out holds the subset's bare CFF table (a PDF's
 * CIDFontType0C, name-keyed: its glyph indices are the CIDs) and each
 * glyph's new index. */
static bool cff_subset(struct hb_api *hb, struct font *f, const unsigned *old,
                       int n, struct font_subset *out) {
  if (!hb_subset_load(hb))
    return false;
  hb_blob_t *blob = hb->hb_blob_create((const char *)f->data,
                                       (unsigned)f->size,
                                       HB_MEMORY_MODE_READONLY, NULL, NULL);
  hb_face_t *face = hb->hb_face_create(blob, (unsigned)f->index);
  hb_subset_input_t *in = hb->hb_subset_input_create_or_fail();
  bool ok = false;
  if (in) {
    hb_set_t *glyphs = hb->hb_subset_input_glyph_set(in);
    unsigned count = hb->hb_face_get_glyph_count(face);
    for (int i = 0; i < n; i++)
      if (old[i] < count)
        hb->hb_set_add(glyphs, old[i]);
    /* the layout tables are not embedded: without them no glyph joins
     * the subset by substitution */
    hb_set_t *drop = hb->hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    hb->hb_set_add(drop, HB_TAG('G', 'S', 'U', 'B'));
    hb->hb_set_add(drop, HB_TAG('G', 'P', 'O', 'S'));
    hb->hb_set_add(drop, HB_TAG('G', 'D', 'E', 'F'));
    hb_subset_plan_t *plan = hb->hb_subset_plan_create_or_fail(face, in);
    if (plan) {
      const hb_map_t *map = hb->hb_subset_plan_old_to_new_glyph_mapping(plan);
      hb_face_t *sub = hb->hb_subset_plan_execute_or_fail(plan);
      if (sub) {
        hb_blob_t *cff = hb->hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' '));
        unsigned len = 0;
        const char *data = hb->hb_blob_get_data(cff, &len);
        if (data && len) {
          out->data = xmalloc(len);
          memcpy(out->data, data, len);
          out->len = len;
          out->nglyphs = (int)hb->hb_face_get_glyph_count(sub);
          ok = true;
          for (int i = 0; i < n; i++) {
            hb_codepoint_t g = old[i] < count ? hb->hb_map_get(map, old[i])
                                              : HB_MAP_VALUE_INVALID;
            out->gids[i] = g == HB_MAP_VALUE_INVALID || g > 0xFFFF
                               ? 0
                               : (uint16_t)g;
          }
        }
        hb->hb_blob_destroy(cff);
        hb->hb_face_destroy(sub);
      }
      hb->hb_subset_plan_destroy(plan);
    }
    hb->hb_subset_input_destroy(in);
  }
  hb->hb_face_destroy(face);
  hb->hb_blob_destroy(blob);
  return ok;
}

bool font_subset(const struct fonts *fs, int id, const uint32_t *cps, int n,
                 const uint32_t *extra, int m, struct font_subset *out) {
  struct font *f = fs->v[id];
  memset(out, 0, sizeof *out);
  unsigned *old = xmalloc(sizeof *old * (size_t)(n + m ? n + m : 1));
  out->gids = xmalloc(sizeof(uint16_t) * (size_t)(n + m ? n + m : 1));
  for (int i = 0; i < n; i++)
    old[i] = glyph_entry(f, cps[i])->gid;
  for (int j = 0; j < m; j++)
    old[n + j] = extra[j];
  bool ok = f->info.cff
                ? cff_subset(fs->hb, f, old, n + m, out)
                : sfnt_subset(f->data, f->size, f->index, old, n + m,
                              out->gids, &out->data, &out->len, &out->nglyphs);
  free(old);
  /* The outlines were read once, for this subset: in a process that
   * renders one document their pages leave it (they stay in the page
   * cache). Fonts are subset one after another, so at most one font's
   * outlines count in its memory at a time: about 0.3 MiB each for the
   * seed's fonts. A batch keeps them for its next document (mapping them
   * again would cost it a tenth of its time). */
  if (fs->release_pages)
    madvise(f->data, f->size, MADV_DONTNEED);
  if (!ok)
    font_subset_free(out);
  return ok;
}

void font_subset_free(struct font_subset *s) {
  free(s->data);
  free(s->gids);
  memset(s, 0, sizeof *s);
}
