/* family.c: finds font families and fonts for characters (see family.h).
 *
 * Owns fontconfig (the library is loaded, with dlopen, and its
 * configuration read only when a family is not bundled: reading
 * fontconfig's cache costs milliseconds, and mapping the library and
 * expat 0.2 ms and 0.4 MiB of every process) and the list of faces found
 * in a CV's fonts/ folder. Both live on struct fonts (aux), so a batch
 * pays for them once.
 */
#include "family.h"

#include "utf8.h"

#include <dirent.h>
#include <dlfcn.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H

/* a face found in a fonts/ folder */
struct face {
  char *family, *path;
  int index, weight;
  bool italic;
  bool cff; /* PostScript outlines: found, to be named in an error */
};

struct covered {
  uint32_t cp;
  int id;
};

/* a family found before: the same name from the same CV folder */
struct found {
  char *name, *dir;
  const char *standin; /* the stand-in used (static), or NULL */
  int fonts[4];
};

/* The fontconfig functions family.c calls, looked up when first needed. */
#define FC_FUNCTIONS(X)                                                        \
  X(FcInitLoadConfigAndFonts) X(FcConfigDestroy) X(FcPatternCreate)           \
  X(FcPatternDestroy) X(FcPatternAddString) X(FcPatternAddInteger)            \
  X(FcPatternAddCharSet) X(FcPatternGetString) X(FcPatternGetInteger)         \
  X(FcPatternGetCharSet) X(FcConfigSubstitute) X(FcDefaultSubstitute)         \
  X(FcFontSort) X(FcFontSetDestroy) X(FcCharSetCreate) X(FcCharSetAddChar)    \
  X(FcCharSetHasChar) X(FcCharSetDestroy)

struct fcapi {
  void *lib;     /* libfontconfig's handle */
  FcConfig *cfg; /* its configuration, read */
#define X(fn) __typeof__(&fn) fn;
  FC_FUNCTIONS(X)
#undef X
};

struct aux {
  struct found *found; /* looked up at most once per process */
  int nfound, capfound;
  struct fcapi fc; /* valid when fc.cfg is set */
  bool fc_tried;
  char *dir; /* the folder scanned */
  struct face *faces;
  int nfaces;
  /* files of its fonts/ that are not usable fonts ("x.ttf (why)", ...),
   * named when a family is not found; NULL if none */
  char *unusable;
  struct covered *cover;
  int ncover, capcover;
  int announced[32]; /* fonts family_cover found that were named (ids) */
  int nannounced;
};

static void aux_free(void *p) {
  struct aux *a = p;
  for (int i = 0; i < a->nfound; i++) {
    free(a->found[i].name);
    free(a->found[i].dir);
  }
  free(a->found);
  if (a->fc.cfg)
    a->fc.FcConfigDestroy(a->fc.cfg);
  if (a->fc.lib)
    dlclose(a->fc.lib);
  for (int i = 0; i < a->nfaces; i++) {
    free(a->faces[i].family);
    free(a->faces[i].path);
  }
  free(a->faces);
  free(a->unusable);
  free(a->dir);
  free(a->cover);
  free(a);
}

static struct aux *get_aux(struct ctx *c) {
  if (!c->fonts->aux) {
    struct aux *a = xcalloc(1, sizeof *a);
    c->fonts->aux = a;
    c->fonts->aux_free = aux_free;
  }
  return c->fonts->aux;
}

/* fontconfig with its configuration loaded, or NULL if it cannot be (only
 * bundled fonts and the CV's fonts/ folder are found then). */
static const struct fcapi *fc(struct ctx *c) {
  struct aux *a = get_aux(c);
  struct fcapi *F = &a->fc;
  if (!a->fc_tried) {
    a->fc_tried = true;
    /* kept mapped after dlclose (NODELETE): fontconfig keeps process-wide
     * state that a batch's next worker, or exit, still reaches */
    F->lib = dlopen("libfontconfig.so.1",
                    RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    bool ok = F->lib != NULL;
#define X(fn)                                                                  \
  if (ok && !(*(void **)&F->fn = dlsym(F->lib, #fn)))                          \
    ok = false;
    FC_FUNCTIONS(X)
#undef X
    if (ok)
      F->cfg = F->FcInitLoadConfigAndFonts();
    if (!F->cfg && F->lib) {
      dlclose(F->lib);
      F->lib = NULL;
    }
  }
  return F->cfg ? F : NULL;
}

/* ---- the families bundled in fonts/ ---- */

struct bundled {
  const char *name;
  const char *files[4];
};
static const struct bundled BUNDLED[] = {
    {"CMU Serif",
     {"cmu/cmunrm.ttf", "cmu/cmunbx.ttf", "cmu/cmunti.ttf", "cmu/cmunbi.ttf"}},
    {"CMU Typewriter Text",
     {"cmu/cmuntt.ttf", "cmu/cmuntt.ttf", "cmu/cmuntt.ttf", "cmu/cmuntt.ttf"}},
    /* RenderCV's theme fonts that Debian does not package (see fonts/README.md) */
    {"Source Sans 3",
     {"source-sans-3/SourceSans3-Regular.ttf", "source-sans-3/SourceSans3-Bold.ttf",
      "source-sans-3/SourceSans3-It.ttf", "source-sans-3/SourceSans3-BoldIt.ttf"}},
    {"Raleway",
     {"raleway/Raleway-Regular.ttf", "raleway/Raleway-Bold.ttf",
      "raleway/Raleway-Italic.ttf", "raleway/Raleway-BoldItalic.ttf"}},
    {"Ubuntu",
     {"ubuntu/Ubuntu-Regular.ttf", "ubuntu/Ubuntu-Bold.ttf",
      "ubuntu/Ubuntu-Italic.ttf", "ubuntu/Ubuntu-BoldItalic.ttf"}},
    {"EB Garamond",
     {"eb-garamond/EBGaramond-Regular.ttf", "eb-garamond/EBGaramond-Bold.ttf",
      "eb-garamond/EBGaramond-Italic.ttf", "eb-garamond/EBGaramond-BoldItalic.ttf"}},
    {"Libertinus Serif",
     {"libertinus-serif/LibertinusSerif-Regular.ttf",
      "libertinus-serif/LibertinusSerif-Bold.ttf",
      "libertinus-serif/LibertinusSerif-Italic.ttf",
      "libertinus-serif/LibertinusSerif-BoldItalic.ttf"}},
    /* PostScript outlines (.otf, embedded through hb-subset) */
    {"XCharter",
     {"xcharter/XCharter-Roman.otf", "xcharter/XCharter-Bold.otf",
      "xcharter/XCharter-Italic.otf", "xcharter/XCharter-BoldItalic.otf"}},
    {"Latin Modern Roman",
     {"latin-modern/lmroman10-regular.otf", "latin-modern/lmroman10-bold.otf",
      "latin-modern/lmroman10-italic.otf", "latin-modern/lmroman10-bolditalic.otf"}},
};

/* Fonts RenderCV's users name that are neither bundled nor packaged by
 * Debian (or not installed), and the family standing in for each, the nearest in width and colour; for some, the original's
 * capital height (1/1000 em, from its OS/2 table as RenderCV's PDFs give
 * it), which Typst's spacing is measured with. */
static const struct {
  const char *name, *standin;
  int cap;
} STANDINS[] = {
    {"Source Sans Pro", "Source Sans 3", 0},
    {"Charter", "XCharter", 0}, /* Bitstream's, which XCharter extends */
    {"Fontin", "Lato", 671},
    /* New Computer Modern extends Latin Modern: the same outlines and
     * metrics for Latin (a bullet is 0.78 em in both, 0.5 em in CMU) */
    {"New Computer Modern", "Latin Modern Roman", 0},
    {"Computer Modern", "CMU Serif", 0},
    /* RenderCV 1.x's names for its LaTeX fonts */
    {"Latin Modern Serif", "Latin Modern Roman", 0},
    {"Latin Modern Sans Serif", "Latin Modern Sans", 0},
    {"Latin Modern Mono", "CMU Typewriter Text", 0},
    {"Linux Libertine", "Libertinus Serif", 0},
    {"Mukta", "Open Sans", 0},
    {"Open Sauce Sans", "Open Sans", 0},
    {"Poppins", "Lato", 0},
    {"Noto Sans", "Open Sans", 0},
    {"Roboto", "Open Sans", 0},
    {"Lato", "Open Sans", 0},
    {"Gentium Book Plus", "Gentium Plus", 0},
    {"DejaVu Sans Mono", "CMU Typewriter Text", 0},
    {"Open Sans", "CMU Serif", 0},
    {"Charis SIL", "CMU Serif", 0},
    /* RenderCV 2.1 to 2.6's "common system fonts" (its list allowed them,
     * Typst took them from the system): a metric-compatible family where
     * Debian has one (fonts-liberation2, fonts-crosextra-carlito and
     * -caladea, which build.sh installs), so that the lines fall where
     * they fell, else the nearest in width and colour */
    {"Times New Roman", "Liberation Serif", 0},
    {"Arial", "Liberation Sans", 0},
    {"Helvetica", "Liberation Sans", 0}, /* Arial's widths are its */
    {"Calibri", "Carlito", 0},
    {"Cambria", "Caladea", 0},
    {"Verdana", "DejaVu Sans", 0}, /* Bitstream Vera's widths are near */
    {"Tahoma", "DejaVu Sans", 0},
    {"Georgia", "Charis SIL", 0},
    {"Aptos", "Open Sans", 0},
    {"Inter", "Open Sans", 0},
    {"Garamond", "EB Garamond", 0},
    {"Gill Sans", "Lato", 0},
    {"Didot", "Latin Modern Roman", 0}, /* Computer Modern is a Didone */
    {"Montserrat", "Raleway", 0},
    {"Candara", "Open Sans", 0},
    {"Playfair Display", "Latin Modern Roman", 0},
    {"Libertine", "Libertinus Serif", 0}, /* Linux Libertine, forked */
    {"Linux Libertine O", "Libertinus Serif", 0},
    /* and their stand-ins' own, where those are not installed */
    {"Liberation Serif", "Libertinus Serif", 0},
    {"Liberation Sans", "Open Sans", 0},
    {"Carlito", "Lato", 0}, /* Carlito is drawn from Lato */
    {"Caladea", "Charis SIL", 0},
    {"DejaVu Sans", "Open Sans", 0},
};

/* The STANDINS row of `name`, or -1. */
static int standin_row(const char *name) {
  for (size_t i = 0; i < sizeof STANDINS / sizeof STANDINS[0]; i++)
    if (strcasecmp(name, STANDINS[i].name) == 0)
      return (int)i;
  return -1;
}

const char *family_standin(const char *name) {
  int r = standin_row(name);
  return r < 0 ? NULL : STANDINS[r].standin;
}

int family_standin_cap(const char *name, const char *drawn_with) {
  int r = standin_row(name);
  return r >= 0 && drawn_with && !strcasecmp(drawn_with, STANDINS[r].standin)
             ? STANDINS[r].cap
             : 0;
}

static bool open_all(struct ctx *c, const char *paths[4], const int index[4],
                     struct loc at, int fonts[4]) {
  for (int k = 0; k < 4; k++) {
    fonts[k] = fonts_open(c->fonts, paths[k], index[k], c->diag, at);
    if (fonts[k] < 0)
      return false;
  }
  return true;
}

static int find_bundled(struct ctx *c, const char *name, struct loc at,
                        int fonts[4]) {
  for (size_t i = 0; i < sizeof BUNDLED / sizeof BUNDLED[0]; i++) {
    if (strcasecmp(name, BUNDLED[i].name) != 0)
      continue;
    char buf[4][4096];
    const char *paths[4];
    int index[4] = {0, 0, 0, 0};
    for (int k = 0; k < 4; k++) {
      snprintf(buf[k], sizeof buf[k], "%s/fonts/%s", c->datadir,
               BUNDLED[i].files[k]);
      paths[k] = buf[k];
    }
    if (access(paths[0], R_OK) != 0) {
      diag_error(c->diag, at,
                 "cvpdf's own fonts are not in %s/fonts (an incomplete "
                 "installation?); set CVPDF_DATA_DIR to the folder that "
                 "holds cvpdf's fonts/",
                 c->datadir);
      return -1;
    }
    return open_all(c, paths, index, at, fonts) ? 1 : -1;
  }
  return 0;
}

/* ---- a fonts/ folder beside the CV ---- */

static bool has_glyf(FT_Face f) {
  FT_ULong len = 0;
  return FT_IS_SFNT(f) && !FT_Load_Sfnt_Table(f, TTAG_glyf, 0, NULL, &len) &&
         len > 0;
}

static bool has_cff(FT_Face f) {
  FT_ULong len = 0;
  return FT_IS_SFNT(f) &&
         ((!FT_Load_Sfnt_Table(f, FT_MAKE_TAG('C', 'F', 'F', ' '), 0, NULL,
                               &len) &&
           len > 0) ||
          (!FT_Load_Sfnt_Table(f, FT_MAKE_TAG('C', 'F', 'F', '2'), 0, NULL,
                               &len) &&
           len > 0));
}

/* Note a file of fonts/ that is no usable font, for the message of a
 * family not found. */
static void unusable(struct aux *a, const char *file, const char *why) {
  size_t old = a->unusable ? strlen(a->unusable) : 0;
  if (old > 1000) /* enough to act on */
    return;
  size_t n = old + strlen(file) + strlen(why) + 8;
  a->unusable = xrealloc(a->unusable, n);
  snprintf(a->unusable + old, n - old, "%s%s (%s)", old ? ", " : "", file,
           why);
}

/* The faces of the fonts/ folder in `dir`. Only regular files are opened:
 * FreeType would block forever on a FIFO named x.ttf. */
static void scan_dir(struct ctx *c, struct aux *a, const char *dir) {
  if (a->dir && strcmp(a->dir, dir) == 0)
    return;
  for (int i = 0; i < a->nfaces; i++) {
    free(a->faces[i].family);
    free(a->faces[i].path);
  }
  free(a->faces);
  a->faces = NULL;
  a->nfaces = 0;
  free(a->unusable);
  a->unusable = NULL;
  free(a->dir);
  a->dir = xstrdup(dir);
  char fdir[4096];
  snprintf(fdir, sizeof fdir, "%s/fonts", dir);
  DIR *d = opendir(fdir);
  if (!d)
    return;
  int cap = 0;
  struct dirent *e;
  while ((e = readdir(d)) && a->nfaces < 512) {
    size_t n = strlen(e->d_name);
    if (n < 5 || (strcasecmp(e->d_name + n - 4, ".ttf") &&
                  strcasecmp(e->d_name + n - 4, ".ttc") &&
                  strcasecmp(e->d_name + n - 4, ".otf")))
      continue;
    char path[4096 + 256];
    snprintf(path, sizeof path, "%s/%s", fdir, e->d_name);
    struct stat st;
    if (stat(path, &st) || !S_ISREG(st.st_mode)) {
      unusable(a, e->d_name, "not a regular file");
      continue;
    }
    for (int idx = 0, count = 1; idx < count && idx < 64; idx++) {
      FT_Face f;
      if (FT_New_Face((FT_Library)c->fonts->ft, path, idx, &f)) {
        unusable(a, e->d_name, "damaged, truncated or not a font");
        break;
      }
      count = (int)f->num_faces;
      if (f->family_name && FT_IS_SFNT(f) && !has_glyf(f) && !has_cff(f)) {
        unusable(a, e->d_name, "no outlines: its glyf table is missing or "
                               "damaged");
      } else if (f->family_name && FT_IS_SFNT(f)) {
        if (a->nfaces == cap) {
          cap = cap ? cap * 2 : 16;
          a->faces = xrealloc(a->faces, sizeof *a->faces * (size_t)cap);
        }
        TT_OS2 *os2 = FT_Get_Sfnt_Table(f, FT_SFNT_OS2);
        struct face *fc_ = &a->faces[a->nfaces++];
        fc_->family = xstrdup(f->family_name);
        fc_->path = xstrdup(path);
        fc_->index = idx;
        fc_->weight = os2 ? os2->usWeightClass
                          : (f->style_flags & FT_STYLE_FLAG_BOLD ? 700 : 400);
        fc_->italic = f->style_flags & FT_STYLE_FLAG_ITALIC;
        fc_->cff = !has_glyf(f);
      }
      FT_Done_Face(f);
    }
  }
  closedir(d);
}

static int find_in_dir(struct ctx *c, const char *name, struct loc at,
                       int fonts[4], char *cff, size_t cn) {
  if (!c->srcdir)
    return 0;
  struct aux *a = get_aux(c);
  scan_dir(c, a, c->srcdir);
  const char *paths[4] = {0};
  int index[4] = {0};
  static const int want_w[4] = {400, 700, 400, 700};
  static const bool want_i[4] = {false, false, true, true};
  for (int k = 0; k < 4; k++) {
    int best = -1, bestd = 1 << 30;
    for (int i = 0; i < a->nfaces; i++) {
      const struct face *f = &a->faces[i];
      if (strcasecmp(f->family, name) != 0)
        continue;
      /* TrueType first: a family in both forms is embedded by subset.c,
       * without loading hb-subset */
      int dist = abs(f->weight - want_w[k]) + (f->italic != want_i[k]) * 2000 +
                 (f->cff ? 100000 : 0);
      if (dist < bestd) {
        bestd = dist;
        best = i;
      }
    }
    if (best < 0)
      return 0;
    paths[k] = a->faces[best].path;
    index[k] = a->faces[best].index;
  }
  return open_all(c, paths, index, at, fonts) ? 1 : -1;
}

/* ---- installed fonts (fontconfig) ---- */

static bool same_family(const struct fcapi *F, FcPattern *p,
                        const char *name) {
  FcChar8 *fam;
  for (int i = 0;
       F->FcPatternGetString(p, FC_FAMILY, i, &fam) == FcResultMatch; i++)
    if (strcasecmp((const char *)fam, name) == 0)
      return true;
  return false;
}

/* 1 for TrueType, 2 for CFF (PostScript outlines, the second choice),
 * 0 for what cvpdf cannot embed. */
static int outlines(const struct fcapi *F, FcPattern *p) {
  FcChar8 *fmt;
  if (F->FcPatternGetString(p, FC_FONTFORMAT, 0, &fmt) != FcResultMatch)
    return 0;
  return !strcmp((const char *)fmt, "TrueType") ? 1
         : !strcmp((const char *)fmt, "CFF")    ? 2
                                                : 0;
}

/* The best installed face of `name` for a weight and slant, TrueType if
 * the family has one, else CFF; *cff is set when the family exists only in
 * forms cvpdf cannot embed (Type 1, bitmaps). */
static bool fc_face(const struct fcapi *F, const char *name, int weight,
                    int slant, char *path, size_t n, int *index, char *cff,
                    size_t cn) {
  FcConfig *cfg = F->cfg;
  FcPattern *p = F->FcPatternCreate();
  F->FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)name);
  F->FcPatternAddInteger(p, FC_WEIGHT, weight);
  F->FcPatternAddInteger(p, FC_SLANT, slant);
  F->FcConfigSubstitute(cfg, p, FcMatchPattern);
  F->FcDefaultSubstitute(p);
  FcResult r;
  FcFontSet *set = F->FcFontSort(cfg, p, FcFalse, NULL, &r);
  bool found = false;
  /* TrueType faces first; CFF ones when the family has no TrueType face */
  for (int pass = 1; pass <= 2 && !found; pass++)
    for (int i = 0; set && i < set->nfont && !found; i++) {
      FcPattern *f = set->fonts[i];
      if (!same_family(F, f, name))
        continue;
      FcChar8 *file;
      int idx = 0;
      if (F->FcPatternGetString(f, FC_FILE, 0, &file) != FcResultMatch)
        continue;
      F->FcPatternGetInteger(f, FC_INDEX, 0, &idx);
      if (outlines(F, f) != pass) {
        if (pass == 2 && !outlines(F, f) && cff && !*cff)
          snprintf(cff, cn, "%s", (const char *)file);
        continue;
      }
      snprintf(path, n, "%s", (const char *)file);
      *index = idx;
      found = true;
    }
  if (set)
    F->FcFontSetDestroy(set);
  F->FcPatternDestroy(p);
  return found;
}

/* For the error about a font cvpdf cannot embed: the scripts beyond
 * Latin, Greek and Cyrillic that the font at `path` covers, each with an
 * installed TrueType family that covers it too ("; for its Devanagari,
 * 'Noto Sans Devanagari'"), in out (empty if none). */
static void cff_scripts(struct ctx *c, const char *path, char *out,
                        size_t n) {
  static const struct {
    uint32_t cp;
    const char *script;
  } probes[] = {{0x4E00, "Chinese, Japanese and Korean"}, {0xAC00, "Korean"},
                {0x0628, "Arabic"},    {0x05D0, "Hebrew"},
                {0x0915, "Devanagari"}, {0x0995, "Bengali"},
                {0x0B95, "Tamil"},     {0x0E01, "Thai"},
                {0x10D0, "Georgian"},  {0x0531, "Armenian"}};
  out[0] = 0;
  FT_Face f;
  if (FT_New_Face((FT_Library)c->fonts->ft, path, 0, &f))
    return;
  size_t o = 0;
  int named = 0;
  for (size_t i = 0; i < sizeof probes / sizeof probes[0] && named < 3; i++) {
    if (!FT_Get_Char_Index(f, probes[i].cp))
      continue;
    if (i == 1 && FT_Get_Char_Index(f, probes[0].cp))
      continue; /* (CJK named once) */
    int id = family_cover(c, probes[i].cp, NULL, 0);
    if (id < 0)
      continue;
    o += (size_t)snprintf(out + o, n - o, "; for its %s, '%s'", probes[i].script,
                          font_info(c->fonts, id)->family);
    named++;
    if (o >= n)
      break;
  }
  FT_Done_Face(f);
}

static int find_installed(struct ctx *c, const char *name, struct loc at,
                          int fonts[4], char *cff, size_t cn) {
  const struct fcapi *F = fc(c);
  if (!F)
    return 0;
  static const int w[4] = {FC_WEIGHT_REGULAR, FC_WEIGHT_BOLD,
                           FC_WEIGHT_REGULAR, FC_WEIGHT_BOLD};
  static const int sl[4] = {FC_SLANT_ROMAN, FC_SLANT_ROMAN, FC_SLANT_ITALIC,
                            FC_SLANT_ITALIC};
  char buf[4][4096];
  const char *paths[4];
  int index[4];
  for (int k = 0; k < 4; k++) {
    if (!fc_face(F, name, w[k], sl[k], buf[k], sizeof buf[k], &index[k],
                 cff, cn))
      return 0;
    paths[k] = buf[k];
  }
  return open_all(c, paths, index, at, fonts) ? 1 : -1;
}

static int find_one(struct ctx *c, const char *name, struct loc at,
                    int fonts[4], char *cff, size_t cn) {
  int r = find_bundled(c, name, at, fonts);
  if (!r)
    r = find_in_dir(c, name, at, fonts, cff, cn);
  if (!r)
    r = find_installed(c, name, at, fonts, cff, cn);
  return r;
}

static void remember(struct ctx *c, const char *name, const char *standin,
                     const int fonts[4]) {
  struct aux *a = get_aux(c);
  if (a->nfound == a->capfound) {
    a->capfound = a->capfound ? a->capfound * 2 : 16;
    a->found = xrealloc(a->found, sizeof *a->found * (size_t)a->capfound);
  }
  struct found *f = &a->found[a->nfound++];
  f->name = xstrdup(name);
  f->dir = xstrdup(c->srcdir ? c->srcdir : "");
  f->standin = standin;
  memcpy(f->fonts, fonts, sizeof f->fonts);
}

bool family_find(struct ctx *c, const char *name, struct loc at,
                 int fonts[4]) {
  /* a batch (or a fitting) asks for the same families again and again:
   * fontconfig's matching costs a millisecond a family */
  struct aux *a = get_aux(c);
  for (int i = 0; i < a->nfound; i++) {
    const struct found *f = &a->found[i];
    if (strcmp(f->name, name) == 0 &&
        strcmp(f->dir, c->srcdir ? c->srcdir : "") == 0) {
      memcpy(fonts, f->fonts, sizeof f->fonts);
      if (f->standin && at.line > 0)
        diag_note(c->diag, at,
                  "font family '%s' is not installed; using '%s' in its "
                  "place",
                  name, f->standin);
      return true;
    }
  }
  char cff[4096] = "";
  int r = find_one(c, name, at, fonts, cff, sizeof cff);
  if (r < 0)
    return false;
  if (r > 0) {
    remember(c, name, NULL, fonts);
    return true;
  }
  /* a stand-in (and the stand-in's stand-in): RenderCV's fonts */
  const char *alt = name;
  for (int depth = 0; depth < 4; depth++) {
    alt = family_standin(alt);
    if (!alt)
      break;
    r = find_one(c, alt, at, fonts, NULL, 0);
    if (r < 0)
      return false;
    if (r > 0) {
      if (at.line > 0) /* named in the file: say what is used instead */
        diag_note(c->diag, at,
                  "font family '%s' is not installed; using '%s' in its "
                  "place",
                  name, alt);
      remember(c, name, alt, fonts);
      return true;
    }
  }
  if (*cff) {
    char also[1024];
    cff_scripts(c, cff, also, sizeof also);
    diag_error(c->diag, at,
               "font family '%s' comes only in a form cvpdf cannot embed "
               "(%s: neither TrueType nor CFF outlines, such as a Type 1 or "
               "bitmap font). Use an OpenType family such as %s%s",
               name, cff, family_standin(name) ? family_standin(name)
                                               : "'CMU Serif' or 'Charis SIL'",
               also);
  }
  else {
    char bundled[512] = "";
    for (size_t i = 0; i < sizeof BUNDLED / sizeof BUNDLED[0]; i++)
      snprintf(bundled + strlen(bundled), sizeof bundled - strlen(bundled),
               "%s%s", i ? ", " : "", BUNDLED[i].name);
    diag_error(c->diag, at,
               "font family '%s' not found: it is not bundled (%s), not in "
               "a fonts/ folder beside the CV, and not installed%s%s%s",
               name, bundled, a->unusable ? "; in the fonts/ folder, " : "",
               a->unusable ? a->unusable : "",
               a->unusable ? " cannot be read" : "");
  }
  return false;
}

/* The regular face of family `name`, or -1 if it cannot be found:
 * nothing is reported (the caller decides what a missing family means). */
static int find_quietly(struct ctx *c, const char *name) {
  struct diag *real = c->diag, silent;
  diag_init(&silent, real->out);
  silent.silent = true;
  c->diag = &silent;
  int f4[4];
  bool ok = family_find(c, name, (struct loc){0}, f4);
  c->diag = real;
  return ok ? f4[0] : -1;
}

void family_fallback(struct ctx *c, struct fallback *fb) {
  if (fb->resolved)
    return;
  fb->resolved = true;
  for (int i = 0; i < fb->n && fb->nids < 8; i++) {
    int id = find_quietly(c, fb->names[i]); /* a missing one is skipped */
    if (id >= 0)
      fb->ids[fb->nids++] = id;
  }
}

/* Font Awesome 7 Free's faces, by enum icon_face (see fonts/README.md):
 * the npm package's webfonts, decompressed (CFF outlines) */
static const char *const ICON_FILES[ICON_FORK] = {
    "font-awesome/fa-solid-900.otf", "font-awesome/fa-regular-400.otf",
    "font-awesome/fa-brands-400.otf"};

int family_icon_font(struct ctx *c, enum icon_face f) {
  if (f == ICON_FORK)
    return find_quietly(c, "ForkAwesome");
  if ((unsigned)f >= ICON_FORK || !c->datadir)
    return -1;
  char path[4096];
  snprintf(path, sizeof path, "%s/fonts/%s", c->datadir, ICON_FILES[f]);
  if (access(path, R_OK) != 0)
    return -1;
  struct diag silent;
  diag_init(&silent, c->diag->out);
  silent.silent = true; /* an unusable file is a missing one */
  return fonts_open(c->fonts, path, 0, &silent, (struct loc){0});
}

bool family_announce(struct ctx *c, int font, uint32_t cp) {
  struct aux *a = get_aux(c);
  if (!utf8_script_lang(cp, c->lang))
    return false; /* a symbol (a bullet, an arrow): not worth a note */
  for (int i = 0; i < a->nannounced; i++)
    if (a->announced[i] == font)
      return false;
  if (a->nannounced < (int)(sizeof a->announced / sizeof a->announced[0]))
    a->announced[a->nannounced++] = font;
  return true;
}

/* Does font `id` have a glyph for cp and for each of with[0..n)? */
static bool covers_all(struct ctx *c, int id, uint32_t cp, const uint32_t *with,
                       int n) {
  return id >= 0 && font_glyph(c->fonts, id, cp) &&
         font_has_all(c->fonts, id, with, n);
}

int family_cover(struct ctx *c, uint32_t cp, const uint32_t *with, int nwith) {
  struct aux *a = get_aux(c);
  /* the font chosen before for cp, or for another letter of its script,
   * when it has the rest too: one font for a script all through */
  const char *lang = utf8_script_lang(cp, c->lang);
  for (int i = 0; i < a->ncover; i++)
    if (a->cover[i].cp == cp && (a->cover[i].id < 0 ||
                                 covers_all(c, a->cover[i].id, cp, with, nwith)))
      return a->cover[i].id;
  for (int i = 0; lang && i < a->ncover; i++) {
    const char *l = utf8_script_lang(a->cover[i].cp, c->lang);
    if (l && !strcmp(l, lang) && covers_all(c, a->cover[i].id, cp, with, nwith))
      return a->cover[i].id;
  }
  int id = -1;
  const struct fcapi *F = fc(c);
  if (F) {
    FcConfig *cfg = F->cfg;
    FcPattern *p = F->FcPatternCreate();
    FcCharSet *cs = F->FcCharSetCreate();
    F->FcCharSetAddChar(cs, cp);
    for (int i = 0; i < nwith; i++)
      F->FcCharSetAddChar(cs, with[i]);
    F->FcPatternAddCharSet(p, FC_CHARSET, cs);
    F->FcPatternAddString(p, FC_FONTFORMAT, (const FcChar8 *)"TrueType");
    if (lang)
      F->FcPatternAddString(p, FC_LANG, (const FcChar8 *)lang);
    F->FcConfigSubstitute(cfg, p, FcMatchPattern);
    F->FcDefaultSubstitute(p);
    FcResult r;
    FcFontSet *set = F->FcFontSort(cfg, p, FcFalse, NULL, &r);
    /* the first font (in fontconfig's order) that has cp and all of
     * `with`, else the first that has cp: a word of Urdu is not set half
     * in a font that has Arabic's letters and half in one that has
     * Urdu's too, which would part its joined letters */
    int first = -1;
    for (int i = 0; set && i < set->nfont && id < 0; i++) {
      FcPattern *f = set->fonts[i];
      FcCharSet *fcs;
      FcChar8 *file;
      int idx = 0;
      if (outlines(F, f) != 1 ||
          F->FcPatternGetCharSet(f, FC_CHARSET, 0, &fcs) != FcResultMatch ||
          !F->FcCharSetHasChar(fcs, cp) ||
          F->FcPatternGetString(f, FC_FILE, 0, &file) != FcResultMatch)
        continue;
      bool all = true;
      for (int k = 0; k < nwith && all; k++)
        all = F->FcCharSetHasChar(fcs, with[k]);
      if (!all && first >= 0)
        continue;
      F->FcPatternGetInteger(f, FC_INDEX, 0, &idx);
      struct diag silent;
      diag_init(&silent, c->diag->out);
      silent.silent = true; /* an unusable candidate is simply skipped */
      int got = fonts_open(c->fonts, (const char *)file, idx, &silent,
                           (struct loc){0});
      if (got >= 0 && font_glyph(c->fonts, got, cp) == 0)
        got = -1;
      if (got >= 0 && first < 0)
        first = got;
      if (got >= 0 && all && covers_all(c, got, cp, with, nwith))
        id = got;
    }
    if (id < 0)
      id = first;
    if (set)
      F->FcFontSetDestroy(set);
    F->FcCharSetDestroy(cs);
    F->FcPatternDestroy(p);
  }
  if (a->ncover == a->capcover) {
    a->capcover = a->capcover ? a->capcover * 2 : 32;
    a->cover = xrealloc(a->cover, sizeof *a->cover * (size_t)a->capcover);
  }
  a->cover[a->ncover++] = (struct covered){cp, id};
  return id;
}
