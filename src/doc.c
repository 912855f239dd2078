/* doc.c: chains the stages for one document (see doc.h). Stops after a
 * stage that reported errors, so later stages only see valid input.
 * Owns fitting to a page count: it lays the document out again with
 * less vertical space, then smaller type, searching rather than stepping.
 */
#include "doc.h"

#include <errno.h>
#include <fribidi.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bib.h"
#include "files.h"
#include "image.h"
#include "layout.h"
#include "markup.h"
#include "tmpl.h"
#include "utf8.h"

#define FIT_MIN_SPACING 0.4 /* vertical spaces shrink to 40 % at most */
#define FIT_MIN_BODY 8.0    /* and the body text to 8pt */

static const char *name_lookup(void *user, const char *name, int n) {
  const struct doc *d = user;
  if (n == 4 && memcmp(name, "NAME", 4) == 0)
    return d->author ? d->author : NULL;
  return NULL;
}

/* Lay out with the style shrunk by (v, f); returns the page count. The
 * pages live in c->lay until the next call. */
static int lay_out(struct ctx *c, struct doc *d, struct layout *l, double v,
                   double f) {
  arena_reset(&c->lay);
  memset(&c->stats, 0, sizeof c->stats);
  struct style s = d->style;
  if (v != 1 || f != 1)
    style_shrink(&s, v, f);
  struct vlist vl = {0};
  /* the structure tree (element 1: the document), built with the layout */
  struct stree *tree = NULL;
  if (!d->untagged) {
    tree = arena_alloc(&c->lay, sizeof *tree);
    memset(tree, 0, sizeof *tree);
    c->tree = tree;
    c->tag = stree_add(&c->lay, tree, SR_DOCUMENT, 0);
  }
  layout_cv(l, &s, &vl);
  struct page_geometry g = layout_geometry(&s);
  d->pages = pages_build(&c->lay, c->diag, &vl, &g);
  layout_notes(l, &s, &d->pages);
  d->pages.tree = tree;
  c->tree = NULL; /* (it lives in c->lay, reset by the next layout) */
  c->tag = 0;
  return d->pages.n;
}

/* Fit into `want` pages: the largest vertical-space factor that fits at
 * full size; or else the largest body size (in 0.1pt steps) that fits at
 * the smallest spacing, and then the most spacing that size leaves room
 * for. Binary searches: some twenty layouts at most. */
static bool fit(struct ctx *c, struct doc *d, struct layout *l, int want) {
  struct loc at = d->style.fit_loc.line ? d->style.fit_loc
                                        : (struct loc){d->file, 0, 0};
  int quiet = c->diag->quiet;
  c->diag->quiet = true; /* trial layouts warn once, in the last pass */
  int n = lay_out(c, d, l, 1, 1);
  if (c->stats.capped) { /* past a limit of para.h (reported): no trials */
    c->diag->quiet = quiet;
    return false;
  }
  double v = 1, f = 1;
  bool ok = true;
  if (n > want) {
    if (lay_out(c, d, l, FIT_MIN_SPACING, 1) <= want) {
      double lo = FIT_MIN_SPACING, hi = 1; /* lo fits, hi does not */
      for (int i = 0; i < 8; i++) {
        double mid = (lo + hi) / 2;
        if (lay_out(c, d, l, mid, 1) <= want)
          lo = mid;
        else
          hi = mid;
      }
      v = lo;
    } else {
      v = FIT_MIN_SPACING;
      double body = style_len(&d->style, d->style.size[EL_BODY]);
      int lo = (int)ceil(FIT_MIN_BODY * 10), hi = (int)floor(body * 10);
      if (lo > hi || lay_out(c, d, l, v, lo / 10.0 / body) > want) {
        ok = false;
      } else {
        while (hi - lo > 1) { /* lo fits; hi does not (or is the size) */
          int mid = (lo + hi) / 2;
          if (lay_out(c, d, l, v, mid / 10.0 / body) <= want)
            lo = mid;
          else
            hi = mid;
        }
        f = lo / 10.0 / body;
        /* the smaller type may leave room: give the spacing back */
        double vlo = FIT_MIN_SPACING, vhi = 1;
        if (lay_out(c, d, l, vhi, f) <= want)
          vlo = vhi;
        for (int i = 0; i < 6 && vlo < vhi; i++) {
          double mid = (vlo + vhi) / 2;
          if (lay_out(c, d, l, mid, f) <= want)
            vlo = mid;
          else
            vhi = mid;
        }
        v = vlo;
      }
    }
  }
  c->diag->quiet = quiet;
  if (!ok) {
    int got = lay_out(c, d, l, FIT_MIN_SPACING, FIT_MIN_BODY /
                      style_len(&d->style, d->style.size[EL_BODY]));
    /* a page break written in the CV is a page no shrinking saves */
    int breaks = 0;
    for (int i = 0; i < d->real.nsections; i++)
      for (int j = 0; j < d->real.sections[i].n; j++)
        breaks += d->real.sections[i].v[j].kind == ENTRY_PAGE_BREAK;
    if (breaks >= want)
      diag_error(c->diag, at,
                 "cannot fit the CV into %d page%s: its %d page break%s "
                 "(page_break: true) alone make %d pages",
                 want, want == 1 ? "" : "s", breaks, breaks == 1 ? "" : "s",
                 breaks + 1);
    else
      diag_error(c->diag, at,
                 "cannot fit the CV into %d page%s: even with %d%% of the "
                 "vertical space and %.0fpt body text it takes %d pages",
                 want, want == 1 ? "" : "s", (int)(FIT_MIN_SPACING * 100),
                 FIT_MIN_BODY, got);
    return false;
  }
  lay_out(c, d, l, v, f);
  d->fit_spacing = v;
  d->fit_body = f * style_len(&d->style, d->style.size[EL_BODY]);
  if (v < 1 || f < 1) {
    double body = style_len(&d->style, d->style.size[EL_BODY]);
    if (f < 1)
      diag_note(c->diag, at,
                "fitted into %d page%s: vertical spacing at %d%%, body text "
                "%.2fpt instead of %.2fpt",
                want, want == 1 ? "" : "s", (int)lround(v * 100), body * f,
                body);
    else
      diag_note(c->diag, at,
                "fitted into %d page%s: vertical spacing at %d%%", want,
                want == 1 ? "" : "s", (int)lround(v * 100));
  }
  return true;
}

/* The first !include in y (a value or a key), or NULL. The CV and the
 * files it includes read them (include_all); a file laid over the CV and
 * a --set value do not, and took the tag's file name for the value. */
static const struct yml *find_include(const struct yml *y) {
  if (y->include)
    return y;
  for (int i = 0; y->kind != YML_SCALAR && i < y->n; i++) {
    const struct yml *k = y->kind == YML_MAP ? find_include(y->keys[i]) : NULL;
    const struct yml *f = k ? k : find_include(y->kids[i]);
    if (f)
      return f;
  }
  return NULL;
}

static bool no_include(struct ctx *c, const struct yml *y, const char *what) {
  const struct yml *f = find_include(y);
  if (f)
    diag_error(c->diag, f->loc,
               "!include is read in the CV and the files it includes, not in "
               "%s: write the value here",
               what);
  return !f;
}

/* The style file's blocks, to lie under the CV's own. */
/* A file laid over the CV (the style file, RenderCV's design, locale or
 * settings file), parsed: a mapping, or NULL with the error said. `what`
 * names the file, `want` the mapping it must be. */
static struct yml *layer_map(struct ctx *c, const char *file,
                             const char *text, size_t len, const char *what,
                             const char *want) {
  struct yml_limits lim = {DOC_MAX_DEPTH, DOC_MAX_NODES, DOC_MAX_SCALAR};
  bool empty = false;
  diag_source(c->diag, file, text, len);
  struct yml *s = yml_parse(&c->doc, c->diag, file, text, len, &lim, &empty);
  if (!s) {
    if (empty)
      diag_error(c->diag, (struct loc){file, 1, 1},
                 "the %s is empty: expected %s", what, want);
    return NULL;
  }
  if (!no_include(c, s, arena_printf(&c->doc, "a %s", what)))
    return NULL;
  if (s->kind != YML_MAP) {
    diag_error(c->diag, s->loc, "expected %s in the %s, found %s", want, what,
               yml_kind_name(s));
    return NULL;
  }
  return s;
}

static struct yml *style_layer(struct ctx *c, const struct doc_opts *o) {
  struct yml *s = layer_map(c, o->style_file, o->style_text, o->style_len,
                            "style file",
                            "a mapping with 'design' (and 'locale')");
  if (!s)
    return NULL;
  int errors = c->diag->errors;
  for (int i = 0; i < s->n; i++)
    if (strcmp(s->keys[i]->s, "design") && strcmp(s->keys[i]->s, "locale"))
      diag_error(c->diag, s->keys[i]->loc,
                 "a style file holds 'design' and 'locale' only, not '%s'",
                 s->keys[i]->s);
  return c->diag->errors == errors ? s : NULL;
}

/* RenderCV's --design, --locale-catalog or --settings file: a mapping
 * holding only `key` (a locale file may call it locale_catalog, as
 * RenderCV before 2.0 did). */
static struct yml *file_layer(struct ctx *c, const char *file,
                              const char *text, size_t len, const char *key) {
  char what[32], want[48];
  snprintf(what, sizeof what, "%s file", key);
  snprintf(want, sizeof want, "a mapping with '%s'", key);
  struct yml *s = layer_map(c, file, text, len, what, want);
  if (!s)
    return NULL;
  int errors = c->diag->errors;
  for (int i = 0; i < s->n; i++) {
    struct yml *k = s->keys[i];
    bool older = (!strcmp(key, "locale") && !strcmp(k->s, "locale_catalog")) ||
                 (!strcmp(key, "settings") && !strcmp(k->s, "rendercv_settings"));
    if (older) {
      diag_older(c->diag, k->loc, &(struct older_fix){.now = key},
                 "'%s' is an older RenderCV name; it is now '%s'", k->s, key);
      k->s = key;
      k->len = strlen(key);
    } else if (strcmp(k->s, key)) {
      diag_error(c->diag, k->loc,
                 "this file holds '%s' only (it was given as the %s file), "
                 "not '%s'",
                 key, key, k->s);
    }
  }
  return c->diag->errors == errors ? s : NULL;
}

/* One --set: "a.b.c=value", the value read as YAML. */
static struct yml *set_layer(struct ctx *c, const char *set) {
  const char *eq = strchr(set, '=');
  struct loc at = {arena_printf(&c->doc, "--set %s", set), 0, 0};
  if (!eq || eq == set || eq[-1] == '.' || set[0] == '.') {
    diag_error(c->diag, at, "expected KEY=VALUE, with KEY a dotted path "
                            "such as design.page.size");
    return NULL;
  }
  const char *val = eq + 1;
  struct yml *v;
  /* "#336699" would be a YAML comment: such a value is taken as written */
  bool literal = val[0] == '#';
  if (!*val || literal) {
    v = arena_alloc(&c->doc, sizeof *v);
    v->kind = YML_SCALAR;
    v->s = arena_strdup(&c->doc, val);
    v->len = strlen(val);
    v->quoted = literal;
    v->loc = at;
    v->weight = 1;
  } else {
    struct yml_limits lim = {16, 1000, 4096};
    bool empty;
    v = yml_parse(&c->doc, c->diag, at.file, val, strlen(val), &lim, &empty);
    if (!v && !empty)
      return NULL;
    if (v && !no_include(c, v, "a --set value"))
      return NULL;
    /* a value that YAML reads as nothing ("---", "|", "...") though it is
     * not null: meant as written, not as a removal of the key */
    static const char *const nulls[] = {"null", "Null", "NULL", "~"};
    bool null_written = false;
    for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
      null_written |= !strcmp(val, nulls[i]);
    if (!null_written &&
        (!v || (v->kind == YML_SCALAR && (yml_is_null(v) || !v->len)))) {
      v = arena_alloc(&c->doc, sizeof *v);
      v->kind = YML_SCALAR;
      v->s = arena_strdup(&c->doc, val);
      v->len = strlen(val);
      v->quoted = true;
      v->loc = at;
      v->weight = 1;
    }
  }
  char *path = arena_strndup(&c->doc, set, (size_t)(eq - set));
  return yml_path(&c->doc, path, v, at);
}

/* RenderCV's settings.render_command.design (or .locale): a file laid
 * over the CV as --design FILE (which wins) would be, relative to the
 * CV's folder. Its text (in c->doc), or NULL: none, or it could not be
 * read (said). */
static const char *render_command_file(struct ctx *c, const struct yml *root,
                                       const char *key, const char **file,
                                       size_t *len) {
  /* (the file's rendercv_settings is `settings` by now: doc_build renames
   * it first) */
  const struct yml *rc = root->kind == YML_MAP ? yml_get(root, "settings") : NULL;
  rc = rc && rc->kind == YML_MAP ? yml_get(rc, "render_command") : NULL;
  if (!rc || rc->kind != YML_MAP)
    return NULL;
  /* today's key, else its older name: 1.x's locale_catalog; the settings
   * file only 2.x's rendercv_settings names (it has no name today) */
  const char *older = !strcmp(key, "locale")     ? "locale_catalog"
                      : !strcmp(key, "settings") ? "rendercv_settings"
                                                 : NULL;
  const struct yml *v = strcmp(key, "settings") ? yml_get(rc, key) : NULL;
  if (!v && older) {
    v = yml_get(rc, older);
    key = older;
  }
  if (!v || v->kind != YML_SCALAR || yml_is_null(v) || !*v->s)
    return NULL; /* (cv.c reports a value of the wrong kind) */
  const char *path = v->s[0] == '/' ? v->s
                     : arena_printf(&c->doc, "%s/%s", c->srcdir, v->s);
  if (access(path, R_OK) != 0) {
    diag_error(c->diag, v->loc,
               "cannot read the %s file '%s': %s; "
               "settings.render_command.%s is relative to the CV's folder",
               key, path, strerror(errno), key);
    return NULL;
  }
  char *text = files_read(path, len, c->diag); /* ("./-" is no pipe) */
  if (!text) {
    diag_note(c->diag, v->loc,
              "settings.render_command.%s names it (relative to the CV's "
              "folder)", key);
    return NULL;
  }
  char *kept = arena_strndup(&c->doc, text, *len);
  free(text);
  *file = path;
  return kept;
}

/* ---- includes ----
 *
 * A scalar tagged `!include` (yml.c marks it) names a YAML file, relative
 * to the file it is written in; the file's content stands in its place: a
 * section's entries, one entry, the design block. Included files may
 * include others. Messages point into the file they concern; a file that
 * would include itself (directly or not) is an error naming the chain. */
struct includer {
  struct ctx *c;
  struct doc *d;
  const char *chain[DOC_MAX_INCLUDE_DEPTH + 2]; /* the files being read,
                                                   outermost first */
  const char *real[DOC_MAX_INCLUDE_DEPTH + 2];  /* their real paths */
  int depth;
  size_t nodes, bytes; /* taken in so far, all files */
};

static bool include_all(struct includer *I, struct yml **slot);

/* The file the scalar y names, parsed and with its own includes resolved;
 * NULL after an error. */
static struct yml *include_one(struct includer *I, const struct yml *y) {
  struct ctx *c = I->c;
  const char *path = files_beside(&c->doc, I->chain[I->depth], y->s);
  if (!*y->s) {
    diag_error(c->diag, y->loc, "!include needs a file name");
    return NULL;
  }
  if (I->d->nincludes >= DOC_MAX_INCLUDES) {
    diag_error(c->diag, y->loc, "too many included files (at most %d)",
               DOC_MAX_INCLUDES);
    return NULL;
  }
  /* watched (--watch) even if it cannot be read yet; forgotten by the
   * caller with the document */
  I->d->includes = arena_push(&c->doc, I->d->includes,
                              (size_t)I->d->nincludes, sizeof(char *));
  I->d->includes[I->d->nincludes++] = path;
  char *real = realpath(path, NULL);
  if (!real) {
    diag_error(c->diag, y->loc, "cannot include '%s': %s (a path relative "
                                "to this file)",
               path, strerror(errno));
    return NULL;
  }
  for (int i = 0; i <= I->depth; i++)
    if (I->real[i] && !strcmp(I->real[i], real)) {
      char chain[512];
      size_t o = 0;
      for (int k = i; k <= I->depth && o < sizeof chain - 8; k++)
        o += (size_t)snprintf(chain + o, sizeof chain - o, "%s -> ",
                              I->chain[k]);
      snprintf(chain + o, o < sizeof chain ? sizeof chain - o : 0, "%s", path);
      diag_error(c->diag, y->loc,
                 "this would include '%s' inside itself (%s); a file cannot "
                 "include a file that includes it",
                 path, chain);
      free(real);
      return NULL;
    }
  if (I->depth >= DOC_MAX_INCLUDE_DEPTH) {
    diag_error(c->diag, y->loc, "included files nest too deep (at most %d)",
               DOC_MAX_INCLUDE_DEPTH);
    free(real);
    return NULL;
  }
  struct stat st;
  if (stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
    diag_error(c->diag, y->loc, "cannot include '%s': it is not a file "
                                "(a device, a folder or a pipe)", path);
    free(real);
    return NULL;
  }
  const char *kept_real = arena_strdup(&c->doc, real);
  free(real);
  size_t len = 0;
  char *text = files_read(path, &len, c->diag);
  if (!text) {
    diag_note(c->diag, y->loc, "included here");
    return NULL;
  }
  if (I->bytes + len > 4 * (size_t)DOC_MAX_BYTES) {
    free(text);
    diag_error(c->diag, y->loc, "the included files hold more than %u MiB "
                                "in all",
               4 * (DOC_MAX_BYTES >> 20));
    return NULL;
  }
  I->bytes += len;
  char *kept = arena_strndup(&c->doc, text, len);
  free(text);
  diag_source(c->diag, path, kept, len);
  struct yml_limits lim = {DOC_MAX_DEPTH, DOC_MAX_NODES, DOC_MAX_SCALAR};
  bool empty = false;
  struct yml *r = yml_parse(&c->doc, c->diag, path, kept, len, &lim, &empty);
  if (!r) {
    if (empty)
      diag_error(c->diag, y->loc, "the included file '%s' is empty", path);
    return NULL;
  }
  I->nodes += r->weight;
  if (I->nodes > DOC_MAX_NODES) {
    diag_error(c->diag, y->loc, "the included files hold more than %d "
                                "values in all",
               DOC_MAX_NODES);
    return NULL;
  }
  I->depth++;
  I->chain[I->depth] = path;
  I->real[I->depth] = kept_real;
  bool ok = include_all(I, &r);
  I->depth--;
  return ok ? r : NULL;
}

/* Every !include under *slot resolved in place; false after an error. */
static bool include_all(struct includer *I, struct yml **slot) {
  struct yml *y = *slot;
  if (y->kind == YML_SCALAR) {
    if (!y->include)
      return true;
    struct yml *r = include_one(I, y);
    if (r)
      *slot = r;
    return r != NULL;
  }
  bool ok = true;
  for (int i = 0; i < y->n; i++) {
    if (y->kind == YML_MAP && y->keys[i]->include) {
      diag_error(I->c->diag, y->keys[i]->loc,
                 "!include stands for a value, not a key");
      ok = false;
      continue;
    }
    ok = include_all(I, &y->kids[i]) && ok;
  }
  return ok;
}

void doc_ctx_init(struct ctx *c, struct fonts *fonts, const char *datadir) {
  memset(c, 0, sizeof *c);
  arena_init(&c->doc);
  arena_init(&c->lay);
  arena_init(&c->tmp);
  c->fonts = fonts;
  c->datadir = datadir;
  hyph_init(&c->hyph, "en_US", NULL);
}

void doc_ctx_free(struct ctx *c) {
  hyph_free(&c->hyph);
  arena_free(&c->doc);
  arena_free(&c->lay);
  arena_free(&c->tmp);
}

/* A CV in english, the locale RenderCV gives a language it has no locale
 * for (Urdu, Pashto, Kurdish, Yiddish, Dhivehi...), whose section titles
 * are mostly written right to left (each by its first strong letter,
 * UAX #9's rule P2), is laid out right to left, as an Arabic or Hebrew
 * one is, and a note says so: mirrored, its bullets and titles at the
 * right, not its right-to-left paragraphs flush right in a left-to-right
 * page. */
static void rtl_titles(struct ctx *c, struct doc *d) {
  struct locale *l = &d->style.locale;
  bool rtl;
  const char *tag = locale_tag(l, &rtl);
  if (rtl || !tag || strcmp(tag, "en") != 0) /* (english, or RenderCV's en) */
    return;
  int right = 0, left = 0;
  const struct section *first = NULL;
  for (int i = 0; i < d->cv.nsections; i++) {
    const struct section *s = &d->cv.sections[i];
    const char *p = s->title ? s->title : s->key;
    while (p && *p) {
      uint32_t cp = utf8_next(&p);
      if (utf8_is_rtl(cp)) {
        right++;
        first = first ? first : s;
        break;
      }
      /* (FriBidi's table only beyond ASCII: a Latin CV's titles leave
       * its code unpaged, as para.c does) */
      if (cp < 0x80 ? (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'
                    : fribidi_get_bidi_type(cp) == FRIBIDI_TYPE_LTR) {
        left++;
        break;
      }
    }
  }
  if (right <= left)
    return;
  l->rtl = true;
  diag_note(c->diag, first->loc,
            "%d of the %d section titles are written right to left: the CV "
            "is laid out right to left (mirrored), though its locale is "
            "english's",
            right, right + left);
}

/* The line of a file's opening comments that names RenderCV's JSON Schema
 * ("# yaml-language-server: $schema=...rendercv...", which `rendercv new`
 * writes), or 0. */
static int rendercv_schema_line(const char *buf, size_t len) {
  const char *p = buf, *end = buf + len;
  if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
    p += 3;
  for (int line = 1; p < end && line <= 20; line++) {
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    size_t n = (size_t)((eol ? eol : end) - p);
    size_t i = strspn(p, " \t");
    if (i < n && p[i] != '#' && p[i] != '\r')
      return 0; /* past the opening comments */
    const char *at = memmem(p, n, "$schema", 7);
    if (at) {
      size_t rest = n - (size_t)(at - p);
      for (size_t k = 0; k + 8 <= rest; k++)
        if (!strncasecmp(at + k, "rendercv", 8))
          return line;
    }
    if (!eol)
      break;
    p = eol + 1;
  }
  return 0;
}

/* A file written for RenderCV (it names RenderCV's schema) with no theme
 * of its own gets RenderCV's default theme, classic, as RenderCV gave it,
 * rather than cvpdf's own look; a note says so. The file's design, the
 * style files and --set still apply over it. */
static void rendercv_default_theme(struct ctx *c, const char *file,
                                   const char *buf, size_t len,
                                   struct yml **root) {
  if ((*root)->kind != YML_MAP)
    return;
  const struct yml *design = yml_get(*root, "design");
  if (design && design->kind == YML_MAP && yml_get(design, "theme"))
    return;
  int line = rendercv_schema_line(buf, len);
  if (!line)
    return;
  struct loc at = {file, line, 1};
  struct yml *t = arena_alloc(&c->doc, sizeof *t);
  *t = (struct yml){.kind = YML_SCALAR, .loc = at, .s = "classic",
                    .len = 7, .weight = 1};
  *root = yml_merge(&c->doc, yml_path(&c->doc, "design.theme", t, at), *root);
  diag_note(c->diag, at,
            "the file names RenderCV's schema and no design.theme: it is set "
            "in RenderCV's default theme, classic, as RenderCV sets it "
            "(design.theme: seed gives cvpdf's own look)");
}

bool doc_build(struct ctx *c, const char *file, const char *buf, size_t len,
               const struct doc_opts *opts, struct doc *d) {
  memset(d, 0, sizeof *d);
  d->file = file;
  int errors = c->diag->errors;
  c->diag->older = 0;
  /* the CV's folder, for a fonts/ folder beside it */
  const char *slash = strrchr(file, '/');
  c->srcdir = !slash ? "."
              : slash == file ? "/"
                              : arena_strndup(&c->doc, file, (size_t)(slash - file));
  struct yml_limits lim = {DOC_MAX_DEPTH, DOC_MAX_NODES, DOC_MAX_SCALAR};
  bool empty = false;
  struct yml *root = yml_parse(&c->doc, c->diag, file, buf, len, &lim, &empty);
  if (!root) {
    if (empty)
      diag_error(c->diag, (struct loc){file, 1, 1},
                 "the file is empty: expected a mapping with a 'cv' key");
    return false;
  }
  /* the files it includes, in their places */
  struct includer inc = {c, d, {file}, {NULL}, 0, 0, len};
  char *me = strcmp(file, "<stdin>") ? realpath(file, NULL) : NULL;
  if (me) {
    inc.real[0] = arena_strdup(&c->doc, me);
    free(me);
  }
  if (!include_all(&inc, &root))
    return false;
  /* JSON Resume and YAMLResume become RenderCV's tree, before the style
   * file and --set are laid over it */
  enum dialect from = opts && opts->from ? opts->from : dialect_detect(root);
  if (from != DIALECT_RENDERCV) {
    root = dialect_to_rendercv(c, root, from);
    if (!root)
      return false;
  }
  /* RenderCV's older top-level names are today's before any layer is laid
   * over the file (a --settings file or --set settings.x would otherwise
   * hide the file's rendercv_settings); cv.c says which wins when the
   * file has both */
  static const char *const top_older[][2] = {{"rendercv_settings", "settings"},
                                             {"locale_catalog", "locale"}};
  for (int i = 0; root->kind == YML_MAP && i < root->n; i++)
    for (int j = 0; j < 2; j++) {
      struct yml *k = root->keys[i];
      if (strcmp(k->s, top_older[j][0]) || yml_get(root, top_older[j][1]))
        continue;
      diag_older(c->diag, k->loc, &(struct older_fix){.now = top_older[j][1]},
                 "'%s' is an older RenderCV name; it is now '%s'", k->s,
                 top_older[j][1]);
      k->was = k->s;
      k->s = top_older[j][1];
      k->len = strlen(k->s);
    }
  if (opts && opts->style_text) {
    struct yml *layer = style_layer(c, opts);
    if (!layer)
      return false;
    if (root->kind == YML_MAP)
      root = yml_merge(&c->doc, layer, root);
  }
  static const char *const layer_keys[3] = {"design", "locale", "settings"};
  for (int k = 0; k < 3; k++) {
    const char *lfile = opts ? opts->layer_file[k] : NULL;
    const char *ltext = opts ? opts->layer_text[k] : NULL;
    size_t llen = opts ? opts->layer_len[k] : 0;
    if (!ltext)
      ltext = render_command_file(c, root, layer_keys[k], &lfile, &llen);
    if (c->diag->errors > errors)
      return false;
    if (!ltext)
      continue;
    struct yml *layer = file_layer(c, lfile, ltext, llen, layer_keys[k]);
    if (!layer)
      return false;
    if (root->kind == YML_MAP)
      root = yml_merge(&c->doc, root, layer);
  }
  /* one of the file's variants: its tags, theme and page count (the
   * theme over the file's design, under --set) */
  const struct tag_filter *tags = opts ? opts->tags : NULL;
  int fit_pages = opts ? opts->fit_pages : 0;
  const struct yml *vl = root->kind == YML_MAP ? yml_get(root, "variants") : NULL;
  if (vl && vl->kind == YML_SEQ && vl->n && !(opts && opts->variant) &&
      !(tags && tags->nwant + tags->ndrop) && d->nincludes) {
    /* main.c finds variants in the file's own text, before includes */
    diag_note(c->diag, vl->loc,
              "these variants come from an included file, so they are not "
              "made: write 'variants:' in the CV itself (this is the CV "
              "with nothing left out)");
  }
  if (opts && opts->variant > 0) {
    struct diag quiet; /* (cv_load reports a variant's mistakes) */
    diag_init(&quiet, c->diag->out);
    quiet.silent = true;
    struct variant *vs;
    int n = cv_variants(&c->doc, &quiet, root, &vs);
    if (opts->variant > n) {
      diag_error(c->diag, (struct loc){file, 0, 0},
                 "the file's variants changed while it was read");
      return false;
    }
    const struct variant *v = &vs[opts->variant - 1];
    d->variant = v->output;
    tags = &v->tags;
    if (v->fit_pages && fit_pages <= 0)
      fit_pages = v->fit_pages;
    if (v->theme && root->kind == YML_MAP) {
      struct yml *t = arena_alloc(&c->doc, sizeof *t);
      *t = (struct yml){.kind = YML_SCALAR, .loc = v->loc, .s = v->theme,
                        .len = strlen(v->theme), .weight = 1};
      root = yml_merge(&c->doc, root,
                       yml_path(&c->doc, "design.theme", t, v->loc));
    }
  }
  for (int i = 0; opts && i < opts->nsets; i++) {
    struct yml *layer = set_layer(c, opts->sets[i]);
    if (!layer)
      return false;
    if (root->kind == YML_MAP)
      root = yml_merge(&c->doc, root, layer);
  }
  rendercv_default_theme(c, file, buf, len, &root);

  /* the content, the design and then what the content says (its links)
   * are checked together, so that one run reports every mistake of the
   * file: what failed to load is left out of the model, and the rest is
   * still realized */
  /* `- bibtex: papers.bib` items become the entries they stand for */
  if (root->kind == YML_MAP)
    bib_expand(c, root, &d->includes, &d->nincludes);
  cv_load_tagged(c, root, &d->cv, tags);
  style_defaults(&d->style);
  style_apply(c, &d->style, d->cv.design, d->cv.locale);

  /* the photo, checked once: its path is relative to the CV's folder */
  if (d->cv.photo.s && !*d->cv.photo.s) {
    /* (it would name the CV's folder) */
    diag_error(c->diag, d->cv.photo.loc,
               "the photo's path is empty: give a PNG or JPEG file (relative "
               "to the CV's folder), or leave 'photo' out");
  } else if (d->cv.photo.s && c->diag->errors == errors &&
      (!strncasecmp(d->cv.photo.s, "https://", 8) ||
       !strncasecmp(d->cv.photo.s, "http://", 7))) {
    /* RenderCV 2.8 takes an address and downloads the image */
    diag_warn(c->diag, d->cv.photo.loc,
              "the photo '%.80s' is an address on the web, which RenderCV "
              "downloads and cvpdf does not (it fetches nothing): the CV "
              "has no photo; save it as a PNG or JPEG file beside the CV "
              "and give its path",
              d->cv.photo.s);
  } else if (d->cv.photo.s && c->diag->errors == errors) {
    const char *p = d->cv.photo.s;
    d->cv.photo_path = p[0] == '/' ? p : arena_printf(&c->doc, "%s/%s",
                                                      c->srcdir, p);
    char why[200] = "";
    const char *bad = image_check(d->cv.photo_path, why, sizeof why);
    if (bad) {
      diag_error(c->diag, d->cv.photo.loc, "photo '%s': %s%s%s%s", p, bad,
                 *why ? " (libpng: " : "", why, *why ? ")" : "");
      d->cv.photo_path = NULL; /* realize leaves it out */
    }
  }

  /* metadata: plain text of the name, RenderCV's "NAME - CV" title */
  if (d->cv.name.s)
    d->author = markup_plain(&c->doc, markup_parse(&c->doc, d->cv.name.s,
                                                   strlen(d->cv.name.s)));
  const char *t = d->cv.pdf_title.s ? d->cv.pdf_title.s : "NAME - CV";
  bool too_long = false;
  char *title = tmpl_line(&c->doc, t, (int)strlen(t), name_lookup, d, false,
                          &too_long);
  if (too_long) /* only a pdf_title can: the default names NAME once */
    diag_error(c->diag, d->cv.pdf_title.loc,
               "'pdf_title' filled in would be longer than %zu MiB (NAME "
               "stands for the name, %zu bytes long): expected a title "
               "naming NAME a few times at most, such as 'NAME - CV'",
               TMPL_MAX_FILL >> 20, d->author ? strlen(d->author) : 0);
  d->title = title ? markup_plain(&c->doc, markup_parse(&c->doc, title,
                                                        strlen(title)))
                   : NULL;

  diag_older_summary(c->diag); /* once, after the content and design */
  /* every text written out, every link checked: once, for all layouts */
  realize(c, file, &d->cv, &d->style, d->author, &d->real);
  if (c->diag->errors > errors)
    return false;

  rtl_titles(c, d);
  c->lang = locale_tag(&d->style.locale, &c->rtl);
  c->nscript_picks = 0;
  /* a loaded dictionary serves every document in the same language */
  if (strcmp(c->hyph.lang, d->style.locale.hyph_lang) != 0) {
    hyph_free(&c->hyph);
    hyph_init(&c->hyph, d->style.locale.hyph_lang, NULL);
  }
  char path[1024];
  if (d->style.hyphenate && d->style.locale.hyph_lang[0] &&
      !hyph_find(&c->hyph, path, sizeof path))
    diag_warn(c->diag, (struct loc){file, 0, 0},
              "no hyphenation patterns for %s are installed (Debian's "
              "hyphen-%.2s package); words will not be hyphenated",
              d->style.locale.language, d->style.locale.hyph_lang);

  struct layout *l = layout_new(c, &d->real, &d->style);
  if (!l)
    return false;
  const char *standard = opts && opts->pdf_standard ? opts->pdf_standard
                                                    : d->cv.pdf_standard;
  d->untagged = standard && strcmp(standard, "none") == 0;
  d->fit_spacing = 1;
  d->fit_body = style_len(&d->style, d->style.size[EL_BODY]);
  d->pdfa = standard && strncmp(standard, "a-2", 3) == 0 ? 2 : 0;
  d->pdfa_level = d->pdfa ? (char)(standard[3] - 'a' + 'A') : 0;
  int want = fit_pages > 0 ? fit_pages : d->style.fit_to_pages;
  bool fitted = want <= 0 || fit(c, d, l, want);
  if (want <= 0)
    lay_out(c, d, l, 1, 1);
  layout_free(l);
  if (!fitted)
    return false;
  if (c->rtl) /* laid out as its mirror image (para.c's visual_order) */
    pages_mirror(&d->pages);
  if (d->pages.n == 1 && page_nops(&d->pages.v[0]) == 0)
    diag_warn(c->diag, (struct loc){file, 0, 0},
              "the CV has nothing to show (no name, connections or entries): "
              "the PDF is one blank page");
  if (d->pages.n > DOC_MAX_PAGES) {
    diag_error(c->diag, (struct loc){file, 0, 0},
               "the document has %d pages; the limit is %d", d->pages.n,
               DOC_MAX_PAGES);
    return false;
  }
  return c->diag->errors == errors;
}
