/* main.c: the command line. Reads each input (files.c), runs the
 * pipeline (doc.c), hands the pages to a backend, and writes the output
 * (files.c: atomically, so a failed run never leaves a partial or stale
 * PDF, and no temporary file is left when a signal ends the process).
 * Owns the options, output names (--name), batches on all cores with
 * their messages, --watch, and the subcommands new and schema. The only
 * place that exits. Exit codes: 0 ok, 1 bad input or failed render, 2 bad
 * usage.
 *
 * What it guarantees besides: it never writes a PDF to a terminal, and
 * never writes over a file the document was made from (the CV, the style
 * file, the photo, a font, another input of the batch).
 */
#include <dirent.h>
#include <errno.h>
#include <linebreak.h> /* libunibreak: init_linebreak */
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cvpdf.h"
#include "doc.h"
#include "dump.h"
#include "files.h"
#include "pdf.h"
#include "raster.h"
#include "schema.h"
#include "text.h"
#include "upgrade.h"
#include "utf8.h"

static const char USAGE[] =
    "usage: cvpdf [render] [options] CV.yaml [CV.yaml ...]    ('-' reads standard input)\n"
    "       cvpdf new \"Full Name\"   write a starter CV (and cvpdf-schema.json)\n"
    "       cvpdf schema            print the JSON Schema of the input\n"
    "       cvpdf upgrade FILE...   rewrite older RenderCV files with today's\n"
    "                               names, in place (the original kept as\n"
    "                               FILE.bak)\n"
    "       (cvpdf new --help, cvpdf schema --help, cvpdf upgrade --help:\n"
    "       their options)\n"
    "\n"
    "Typeset a CV written in YAML (RenderCV's format) into a PDF.\n"
    "\n"
    "options:\n"
    "  -o, --output PATH   output file (one input) or directory (ending in /\n"
    "                      or existing; one ending in / is created, with its\n"
    "                      parents, if missing); default: the input with\n"
    "                      .pdf; '-' is standard output (not a terminal)\n"
    "      --dump[=KIND]   write a text trace instead of a PDF (to PATH, or\n"
    "                      to standard output): pages (the default: every\n"
    "                      drawing operation), lines (each line's place and\n"
    "                      words) or content (the text before layout)\n"
    "      --style FILE    a style file: 'design:' (and 'locale:') blocks that\n"
    "                      the CV's own blocks override\n"
    "      --set KEY=VALUE override any key, e.g. design.page.size=us-letter\n"
    "                      (repeatable; the value is read as YAML)\n"
    "      --name TEMPLATE name of each output in a directory: FILE (the\n"
    "                      input's name), NAME, NAME_IN_SNAKE_CASE,\n"
    "                      NAME_IN_KEBAB_CASE (and _LOWER_/_UPPER_ forms),\n"
    "                      e.g. NAME_IN_SNAKE_CASE_CV; default FILE. A '/'\n"
    "                      makes folders under the output directory (or\n"
    "                      the CV's), e.g. cvs/NAME_IN_SNAKE_CASE (created\n"
    "                      if missing); it cannot lead out of it\n"
    "      --design FILE, --locale-catalog FILE, --settings FILE\n"
    "                      RenderCV's: a file holding the design (locale,\n"
    "                      settings) block, over the CV's own\n"
    "      --design.KEY VALUE, --cv.KEY VALUE, --locale.KEY VALUE,\n"
    "      --settings.KEY VALUE\n"
    "                      RenderCV's overrides: --set design.KEY=VALUE\n"
    "      --from FORMAT   the input's format: rendercv, jsonresume or\n"
    "                      yamlresume (default: told by its keys)\n"
    "      --fit-pages N   shrink spacing, then type, to fit N pages\n"
    "      --pdf-standard S  ua-1 (the default: a tagged PDF, PDF/UA-1),\n"
    "                      a-2b, a-2u or a-2a (PDF/A-2 for archives, tagged\n"
    "                      too) or none (no structure tree)\n"
    "      --diagnostics-format F  text (the default) or json: each message\n"
    "                      one line of JSON, and a summary of the run\n"
    "      --format LIST   pdf, md (Markdown), txt (plain text), html, png\n"
    "                      (a file a page: cv-1.png...), or several (pdf,md):\n"
    "                      each beside the first, named like\n"
    "                      it (default: told by -o's extension, else pdf)\n"
    "      --tags LIST     keep what carries one of these tags (comma-\n"
    "                      separated) and what carries none: a variant\n"
    "      --exclude-tags LIST  leave out what carries one of these tags\n"
    "      --check         check the input (and lay it out) but write nothing\n"
    "      --watch         render again whenever an input, the style file,\n"
    "                      a CV's photo, an included file or its fonts/\n"
    "                      folder changes (until interrupted)\n"
    "      --stats         print typesetting statistics to standard error\n"
    "  -j, --jobs N        render N files at once (default: one per core)\n"
    "  -q, --quiet         do not print warnings\n"
    "  -v, --verbose       say which file each output went to, and each\n"
    "                      older RenderCV name read\n"
    "  -h, --help          show this help\n"
    "      --version       show the version\n"
    "\n"
    "Inputs must be regular files (or '-', /dev/stdin); an output is written\n"
    "through a temporary file renamed into place, never over an input (a\n"
    "CV, the style file, a photo or font). In a batch, a warning that\n"
    "several files give is printed once, with the number of files.\n"
    "\n"
    "exit status: 0 success, 1 bad input or failed render, 2 bad usage\n";

static const char USAGE_NEW[] =
    "usage: cvpdf new \"Full Name\" [-o FILE.yaml]\n"
    "\n"
    "Write a starter CV that renders as it is, to Full_Name_CV.yaml (or\n"
    "FILE.yaml; '-' for standard output), and cvpdf-schema.json beside it\n"
    "for editors (unless one is there). An existing file is left as it is.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE   where to write the CV\n"
    "  -h, --help          show this help\n";

static const char USAGE_SCHEMA[] =
    "usage: cvpdf schema [-o FILE.json]\n"
    "\n"
    "Print the JSON Schema of cvpdf's input (to FILE.json, or standard\n"
    "output), for editors that check YAML against a schema.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE   where to write the schema\n"
    "  -h, --help          show this help\n";

/* The long options, for "did you mean". */
static const char *const LONG_OPTIONS[] = {
    "--output", "--style",   "--set",     "--name",  "--from",
    "--design", "--locale-catalog", "--settings",
    "--jobs",   "--watch",   "--verbose", "--fit-pages", "--dump",
    "--pdf-standard", "--format", "--diagnostics-format",
    "--tags",   "--exclude-tags",
    "--check",  "--stats",   "--quiet",   "--help",  "--version"};

/* The formats cvpdf writes (--format, or the output's extension). */
enum { FMT_PDF = 1, FMT_MD = 2, FMT_TXT = 4, FMT_HTML = 8, FMT_PNG = 16 };
static const struct {
  unsigned bit;
  const char *name, *ext;
} FORMATS[] = {{FMT_PDF, "pdf", ".pdf"}, {FMT_MD, "md", ".md"},
               {FMT_TXT, "txt", ".txt"}, {FMT_HTML, "html", ".html"},
               {FMT_PNG, "png", ".png"}};

/* The format a path's extension names (.markdown too), else 0. */
static unsigned format_of(const char *path) {
  const char *dot = strrchr(path, '.');
  if (!dot || strchr(dot, '/'))
    return 0;
  if (!strcasecmp(dot, ".md") || !strcasecmp(dot, ".markdown"))
    return FMT_MD;
  if (!strcasecmp(dot, ".txt"))
    return FMT_TXT;
  if (!strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm"))
    return FMT_HTML;
  if (!strcasecmp(dot, ".png"))
    return FMT_PNG;
  if (!strcasecmp(dot, ".pdf"))
    return FMT_PDF;
  return 0;
}

struct options {
  const char *output;
  const char *style;
  const char *name; /* --name template, or NULL */
  const char **sets;
  int nsets;
  int fit_pages;
  const char *pdf_standard; /* ua-1 (NULL: the default) or none */
  struct tag_filter tags;   /* --tags, --exclude-tags */
  unsigned formats; /* --format: FMT_* bits (0: the output's extension's) */
  bool json;        /* --diagnostics-format json */
  int jobs; /* 0: one per core */
  enum dialect from;
  enum { DUMP_NONE, DUMP_PAGES, DUMP_LINES, DUMP_CONTENT } dump;
  bool stats, quiet, check, verbose, watch;
  const char **inputs;
  int ninputs;
  const char *layers[3]; /* RenderCV's --design, --locale-catalog, --settings */
  char **owned; /* the KEY=VALUE strings made of RenderCV's dotted options */
  int nowned;
};

static int usage_error(const char *msg, const char *arg) {
  fprintf(stderr, "cvpdf: error: %s%s%s\n", msg, arg ? " " : "",
          arg ? arg : "");
  fprintf(stderr, "Try 'cvpdf --help' for more information.\n");
  return 2;
}

/* An unknown option, with the known one closest to it ("--outptu": did
 * you mean --output?); `help` is the command that explains them all. */
static int unknown_option(const char *a, const char *const *known, int n,
                          const char *help) {
  char word[64];
  size_t l = strcspn(a, "=");
  snprintf(word, sizeof word, "%.*s", (int)(l < 63 ? l : 63), a);
  const char *near = diag_suggest(word, known, n);
  fprintf(stderr, "cvpdf: error: unknown option %s%s%s%s\n", a,
          near ? "; did you mean " : "", near ? near : "", near ? "?" : "");
  fprintf(stderr, "Try '%s' for more information.\n", help);
  return 2;
}

/* Find the directory holding fonts/: $CVPDF_DATA_DIR, beside the
 * executable (build tree or installed share/cvpdf), or where it was built. */
static const char *find_datadir(char *buf, size_t n) {
  const char *env = getenv("CVPDF_DATA_DIR");
  char probe[PATH_MAX + 128];
  if (env && *env) {
    snprintf(buf, n, "%s", env);
    return buf;
  }
  char exe[PATH_MAX];
  ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (k > 0) {
    exe[k] = 0;
    char *dir = dirname(exe);
    const char *cands[] = {"%s/..", "%s/../share/cvpdf", "%s"};
    for (size_t i = 0; i < sizeof cands / sizeof cands[0]; i++) {
      int m = snprintf(buf, n, cands[i], dir);
      if (m < 0 || (size_t)m >= n)
        continue;
      snprintf(probe, sizeof probe, "%s/fonts/cmu/cmunrm.ttf", buf);
      if (access(probe, R_OK) == 0)
        return buf;
    }
  }
#ifdef CVPDF_SOURCE_DATA_DIR
  snprintf(probe, sizeof probe, "%s/fonts/cmu/cmunrm.ttf",
           CVPDF_SOURCE_DATA_DIR);
  if (access(probe, R_OK) == 0)
    return CVPDF_SOURCE_DATA_DIR;
#endif
#ifdef CVPDF_INSTALL_DATA_DIR
  return CVPDF_INSTALL_DATA_DIR;
#else
  return ".";
#endif
}

/* ---- output names ---- */

/* The input's name without its folder and extension ("<stdin>": "cv"). */
static void input_stem(const char *input, char *out, size_t n) {
  if (strcmp(input, "-") == 0) {
    snprintf(out, n, "cv");
    return;
  }
  const char *base = strrchr(input, '/');
  base = base ? base + 1 : input;
  const char *dot = strrchr(base, '.');
  size_t stem = dot && dot != base ? (size_t)(dot - base) : strlen(base);
  snprintf(out, n, "%.*s", (int)stem, base);
}

/* A name in RenderCV's styles: sep '_' or '-', case 0 as written, 1 lower,
 * 2 upper (Unicode's simple case mapping: "Zoë" -> "ZOË"). Characters that
 * cannot be in a file name (controls, '/', '\') are left out. */
static void name_in(const char *name, char sep, int kase, char *out,
                    size_t n) {
  size_t o = 0;
  bool gap = false;
  const char *p = name, *end = name + strlen(name);
  while (p < end && o + 2 < n) {
    uint32_t cp;
    int l = utf8_decode(p, (size_t)(end - p), &cp);
    if (l < 0) { /* not UTF-8 (a file name's stem can be anything) */
      cp = 0xFFFD;
      l = 1;
    }
    if (cp == ' ' || cp == '\t') {
      gap = o > 0;
      p += l;
      continue;
    }
    if (cp < 0x20 || cp == '/' || cp == '\\' || cp == 0x7F) {
      p += l;
      continue;
    }
    char enc[4];
    int el = l;
    const char *src = p;
    if (cp != 0xFFFD && kase) {
      uint32_t m = kase == 2 ? utf8_toupper(cp) : utf8_tolower(cp);
      if (m != cp && m < 0x110000 && (m < 0xD800 || m > 0xDFFF)) {
        el = utf8_encode(m, enc);
        src = enc;
      }
    }
    if (o + (gap ? 1 : 0) + (size_t)el + 1 > n)
      break;
    if (gap)
      out[o++] = sep;
    gap = false;
    memcpy(out + o, src, (size_t)el);
    o += (size_t)el;
    p += l;
  }
  out[o] = 0;
}

/* Check a --name template: a '/' in it makes folders under the output
 * directory, so each part between slashes must be a name (not empty, "."
 * or "..", no leading '/'): the output never lands outside. A '\' is
 * refused rather than dropped: it is not a separator here. Returns NULL or
 * what is wrong. */
static const char *bad_name_template(const char *t) {
  if (strchr(t, '\\'))
    return "--name: '\\' is not a folder separator (use '/'):";
  if (t[0] == '/')
    return "--name names a file under the output directory, so it cannot "
           "start with '/':";
  for (const char *p = t;;) {
    size_t l = strcspn(p, "/");
    if (l == 0 || (l == 1 && p[0] == '.') ||
        (l == 2 && p[0] == '.' && p[1] == '.'))
      return "--name: each part between '/' must be a name (not empty, '.' "
             "or '..'):";
    if (!p[l])
      return NULL;
    p += l + 1;
  }
}

/* The date a RenderCV path's placeholders name (settings.current_date, or
 * today), with the locale's month names. */
struct ph_date {
  const struct style *st;
  int y, m, d;
};

/* tmpl with its placeholders put in, longest first (as RenderCV does):
 * the name's cases (NAME, NAME_IN_SNAKE_CASE, ...), FILE (the input's
 * stem) when stem is given, the date's (YEAR, MONTH_NAME, ...) when date
 * is. Anything else is kept, '/' included; a name put in never holds a
 * '/'. */
static void fill_placeholders(const char *tmpl, const char *stem,
                              const char *name, const struct ph_date *date,
                              char *out, size_t n) {
  static const struct {
    const char *ph;
    char sep;
    int kase; /* name_in's; -1: FILE; -2: the date's */
  } ph[] = {{"NAME_IN_LOWER_SNAKE_CASE", '_', 1},
            {"NAME_IN_UPPER_SNAKE_CASE", '_', 2},
            {"NAME_IN_LOWER_KEBAB_CASE", '-', 1},
            {"NAME_IN_UPPER_KEBAB_CASE", '-', 2},
            {"MONTH_IN_TWO_DIGITS", 0, -2},
            {"MONTH_ABBREVIATION", 0, -2},
            {"YEAR_IN_TWO_DIGITS", 0, -2},
            {"NAME_IN_SNAKE_CASE", '_', 0},
            {"NAME_IN_KEBAB_CASE", '-', 0},
            {"DAY_IN_TWO_DIGITS", 0, -2},
            {"MONTH_NAME", 0, -2},
            {"MONTH", 0, -2},
            {"YEAR", 0, -2},
            {"NAME", ' ', 0},
            {"FILE", 0, -1},
            {"DAY", 0, -2}};
  size_t o = 0;
  const char *p = tmpl;
  while (*p && o + 1 < n) {
    size_t i = 0, l = 0;
    for (; i < sizeof ph / sizeof ph[0]; i++)
      if ((ph[i].kase != -1 || stem) && (ph[i].kase != -2 || date) &&
          !strncmp(p, ph[i].ph, l = strlen(ph[i].ph)))
        break;
    if (i == sizeof ph / sizeof ph[0]) {
      out[o++] = *p++;
      continue;
    }
    p += l;
    const char *w = ph[i].ph;
    char v[256];
    if (ph[i].kase >= 0) {
      name_in(name && *name ? name : stem ? stem : "", ph[i].sep, ph[i].kase,
              v, sizeof v);
    } else if (ph[i].kase == -1) {
      snprintf(v, sizeof v, "%s", stem);
    } else if (!strcmp(w, "MONTH_NAME") || !strcmp(w, "MONTH_ABBREVIATION")) {
      const char *mn = w[6] == 'N' ? date->st->locale.month_names[date->m - 1]
                                   : date->st->locale.month_abbr[date->m - 1];
      name_in(mn ? mn : "", ' ', 0, v, sizeof v); /* (no '/' in a name) */
    } else {
      snprintf(v, sizeof v, strstr(w, "TWO_DIGITS") ? "%02d" : "%d",
               w[0] == 'Y' ? (w[4] ? date->y % 100 : date->y)
               : w[0] == 'M' ? date->m
                             : date->d);
    }
    o += (size_t)snprintf(out + o, n - o, "%s", v);
    if (o >= n)
      o = n - 1;
  }
  out[o] = 0;
}

/* The file name from a --name template: FILE, NAME and NAME_IN_* put in
 * (the template was checked by bad_name_template). A part that comes out
 * empty, "." or ".." (a CV named "..") makes the whole name the input's
 * stem. */
static void expand_name(const char *tmpl, const char *stem, const char *name,
                        char *out, size_t n) {
  fill_placeholders(tmpl, stem, name, NULL, out, n);
  for (const char *q = out;;) {
    size_t l = strcspn(q, "/");
    if (l == 0 || (l == 1 && q[0] == '.') ||
        (l == 2 && q[0] == '.' && q[1] == '.')) {
      snprintf(out, n, "%s", stem);
      return;
    }
    if (!q[l])
      return;
    q += l + 1;
  }
}

static void print_stats(FILE *f, const char *file, const struct stats *st,
                        const struct pages *pg) {
  fprintf(f,
          "%s: pages %d, lines %d, hyphenated %d, overfull %d, underfull %d, "
          "interword space (actual/natural) max %.3f mean %.3f over %d "
          "justified lines\n",
          file, pg->n, st->lines, st->hyphenated, st->overfull, st->underfull,
          st->max_space_ratio,
          st->justified ? st->sum_space_ratio / st->justified : 0.0,
          st->justified);
}

/* ---- a batch: inputs shared out to workers ---- */

struct job {
  const char *input;
  bool failed;
  int pages, warnings, errors; /* for --diagnostics-format json's summary */
  double spacing, body;        /* what fitting set (1, the design's size) */
  char *why;    /* the first error, where and what, for the summary
                   (malloc'd): "FILE:LINE:COL: what", or with
                   --diagnostics-format json its JSON object (or NULL) */
  char *output; /* where the output went (malloc'd) */
  char *photo;  /* the CV's photo, for --watch (malloc'd, or NULL) */
  char **includes; /* the files it includes, for --watch (malloc'd) */
  int nincludes;
  int variant; /* the input's variant it makes (from 1), or 0: the input */
  /* the input file's identity, read before the batch starts, so that no
   * other input's output replaces it */
  bool have_id;
  dev_t dev;
  ino_t ino;
};

/* A warning text given for several files of a batch: printed with the
 * messages of the first file that gave it, only counted for the others,
 * and listed with its count when the batch ends. */
struct repeat {
  char *text;  /* the message after "warning: " */
  char *first; /* its whole line, as first printed */
  size_t len;  /* of text */
  unsigned hash;
  int job;    /* the file it was printed for */
  int last;   /* the last file it was counted for */
  int others; /* files other than `job` that gave it */
};

struct batch {
  const struct options *o;
  const char *style_text;
  size_t style_len;
  char *layer_text[3]; /* the files of o->layers, read */
  size_t layer_len[3];
  const char *datadir;
  bool outdir; /* o->output is a folder */
  bool subdirs; /* the --name template makes folders */
  struct job *jobs;
  int njobs, next, done, failed;
  bool progress; /* a progress line on a terminal */
  pthread_mutex_t mu;
  char **claimed; /* outputs written so far: a name twice is an error */
  int nclaimed, capclaimed;
  /* warnings once per batch (several inputs): the texts seen, and a hash
   * table of their indexes (-1 empty; nslots a power of two) */
  bool dedupe;
  struct repeat *reps;
  int nreps, capreps;
  int *slots;
  int nslots;
};

/* Take an output path for a job; false if another input already has it. */
static bool claim(struct batch *b, const char *path) {
  bool ok = true;
  pthread_mutex_lock(&b->mu);
  for (int i = 0; i < b->nclaimed && ok; i++)
    ok = strcmp(b->claimed[i], path) != 0;
  if (ok && strcmp(path, "-") != 0) {
    if (b->nclaimed == b->capclaimed) { /* (several formats, PNG pages) */
      b->capclaimed = b->capclaimed ? 2 * b->capclaimed : 16;
      b->claimed = xrealloc(b->claimed, sizeof(char *) * (size_t)b->capclaimed);
    }
    b->claimed[b->nclaimed++] = xstrdup(path);
  }
  pthread_mutex_unlock(&b->mu);
  return ok;
}

/* Where the output of `input` goes, now that its name is known. */
static char *output_path(const struct batch *b, const char *input,
                         const char *name) {
  const struct options *o = b->o;
  const char *ext = o->dump ? ".txt" : ".pdf";
  char stem[256], file[512];
  input_stem(input, stem, sizeof stem);
  if (o->output && !b->outdir)
    return xstrdup(o->output);
  if (!o->output && (o->dump || strcmp(input, "-") == 0) && !o->name)
    return xstrdup("-"); /* a dump, or a CV from a pipe, to standard output */
  expand_name(o->name ? o->name : "FILE", stem, name, file, sizeof file);
  size_t fl = strlen(file);
  bool has_ext = fl > 4 && strcmp(file + fl - 4, ext) == 0;
  const char *dir = b->outdir ? o->output : NULL;
  size_t dl = 0;
  if (!dir && strcmp(input, "-") != 0) { /* beside the input */
    const char *slash = strrchr(input, '/');
    dl = slash ? (size_t)(slash - input + 1) : 0;
    dir = input;
  }
  size_t n = (dir ? strlen(dir) : 0) + strlen(file) + 8;
  char *r = xmalloc(n);
  if (b->outdir) {
    size_t l = strlen(dir);
    snprintf(r, n, "%s%s%s%s", dir, l && dir[l - 1] == '/' ? "" : "/", file,
             has_ext ? "" : ext);
  } else {
    snprintf(r, n, "%.*s%s%s", (int)dl, dir ? dir : "", file,
             has_ext ? "" : ext);
  }
  return r;
}

/* Refuse an output that is a file the document was made from: its own
 * input, the style file, its photo, a font file it was set in, or another
 * input of the batch. Renaming the new file over it would lose that input
 * (a later run would read a PDF as its style, photo or font). Files are
 * compared by device and inode, so another spelling of a path (./x, a
 * link) is caught too; one stat when the output does not exist yet, the
 * usual case. */
static bool output_is_no_input(struct ctx *c, const struct batch *b,
                               const struct job *j, const char *output,
                               const struct doc *d, const char *shown) {
  struct stat so, si;
  if (!strcmp(output, "-") || stat(output, &so) != 0)
    return true;
#define SAME(st) ((st).st_dev == so.st_dev && (st).st_ino == so.st_ino)
  struct loc at = {shown, 0, 0};
  if (strcmp(j->input, "-") && stat(j->input, &si) == 0 && SAME(si)) {
    diag_error(c->diag, at,
               "the output '%s' is the input file '%s'; choose another "
               "output",
               output, j->input);
    return false;
  }
  const char *style = b->o->style;
  if (style && strcmp(style, "-") && stat(style, &si) == 0 && SAME(si)) {
    diag_error(c->diag, at,
               "the output '%s' is the style file '%s'; choose another "
               "output",
               output, style);
    return false;
  }
  const char *photo = d->cv.photo_path;
  if (photo && stat(photo, &si) == 0 && SAME(si)) {
    diag_error(c->diag, at,
               "the output '%s' is the CV's photo '%s'; choose another "
               "output",
               output, photo);
    return false;
  }
  /* the worker's fonts: this document's, and those of the documents it
   * rendered before (inputs of this run too) */
  for (int i = 0; i < c->fonts->n; i++) {
    const char *font = font_info(c->fonts, i)->path;
    if (stat(font, &si) == 0 && SAME(si)) {
      diag_error(c->diag, at,
                 "the output '%s' is the font file '%s'; choose another "
                 "output",
                 output, font);
      return false;
    }
  }
  for (int k = 0; k < b->njobs; k++) {
    const struct job *o = &b->jobs[k];
    if (o != j && o->have_id && o->dev == so.st_dev && o->ino == so.st_ino) {
      diag_error(c->diag, at,
                 "the output '%s' is another input, '%s'; choose another "
                 "output (--name)",
                 output, o->input);
      return false;
    }
  }
#undef SAME
  /* an existing CV-like file (`cvpdf a.yaml -o b.yaml`, meaning `cvpdf
   * a.yaml b.yaml`) is taken for an input the command line misplaced */
  const char *dot = strrchr(output, '.');
  if (S_ISREG(so.st_mode) && dot &&
      (!strcasecmp(dot, ".yaml") || !strcasecmp(dot, ".yml") ||
       !strcasecmp(dot, ".json"))) {
    diag_error(c->diag, at,
               "the output '%s' exists and is a %s file, maybe a CV: was it "
               "meant as another input (cvpdf %s %s -o DIR/)? Choose an "
               "output that is not a CV",
               output, dot[1] == 'j' || dot[1] == 'J' ? "JSON" : "YAML",
               shown, output);
    return false;
  }
  return true;
}


/* Where settings.render_command puts format `fmt` (FMT_*) of the CV
 * `input` (malloc'd), or NULL if it makes none (dont_generate_*): as
 * RenderCV does, a path relative to the CV's folder, its OUTPUT_FOLDER
 * part replaced by output_folder, placeholders put in its file name. */
static char *rendercv_path(const struct render_command *r, unsigned fmt,
                           const char *input, const char *name,
                           const struct ph_date *date) {
  const char *tmpl = NULL, *def = NULL;
  switch (fmt) {
  case FMT_PDF:
    if (r->no_pdf || r->no_typst)
      return NULL;
    tmpl = r->pdf_path, def = "OUTPUT_FOLDER/NAME_IN_SNAKE_CASE_CV.pdf";
    break;
  case FMT_PNG:
    if (r->no_png || r->no_typst)
      return NULL;
    tmpl = r->png_path, def = "OUTPUT_FOLDER/NAME_IN_SNAKE_CASE_CV.png";
    break;
  case FMT_MD:
    if (r->no_markdown)
      return NULL;
    tmpl = r->markdown_path, def = "OUTPUT_FOLDER/NAME_IN_SNAKE_CASE_CV.md";
    break;
  case FMT_HTML:
    if (r->no_html || r->no_markdown) /* RenderCV's HTML is its Markdown's */
      return NULL;
    tmpl = r->html_path, def = "OUTPUT_FOLDER/NAME_IN_SNAKE_CASE_CV.html";
    break;
  default:
    return NULL; /* plain text: RenderCV makes none */
  }
  if (!tmpl)
    tmpl = def;
  const char *slash = strrchr(input, '/');
  char base[PATH_MAX]; /* the CV's folder, "" for the current one */
  snprintf(base, sizeof base, "%.*s", slash ? (int)(slash - input + 1) : 0,
           input);
  /* the folder part as written, from OUTPUT_FOLDER on replaced */
  const char *file = strrchr(tmpl, '/');
  file = file ? file + 1 : tmpl;
  char dir[PATH_MAX];
  snprintf(dir, sizeof dir, "%.*s", (int)(file - tmpl), tmpl);
  for (const char *q = dir; *q;) {
    size_t l = strcspn(q, "/");
    if (l == 13 && !strncmp(q, "OUTPUT_FOLDER", 13)) {
      char rest[PATH_MAX];
      const char *of = r->output_folder ? r->output_folder : "rendercv_output";
      snprintf(rest, sizeof rest, "%s%s%s", of,
               of[strlen(of) - 1] == '/' ? "" : "/", q[l] ? q + l + 1 : "");
      snprintf(dir, sizeof dir, "%s", rest);
      break;
    }
    q += l + (q[l] != 0);
  }
  char fname[512];
  fill_placeholders(file, NULL, name, date, fname, sizeof fname);
  if (!*fname || !strcmp(fname, ".") || !strcmp(fname, ".."))
    snprintf(fname, sizeof fname, "%s", "cv");
  size_t n = strlen(base) + strlen(dir) + strlen(fname) + 2;
  char *path = xmalloc(n);
  snprintf(path, n, "%s%s%s", dir[0] == '/' ? "" : base, dir, fname);
  return path;
}

/* Make the folder an output goes in (a --name template with '/'). */
static bool make_parent(const char *output, struct diag *d) {
  const char *slash = strrchr(output, '/');
  if (!slash || slash == output)
    return true;
  char *dir = xstrndup(output, (size_t)(slash - output));
  char failed[PATH_MAX];
  int err = files_make_dirs(dir, failed, sizeof failed);
  if (err)
    diag_error(d, (struct loc){0},
               "cannot create the folder '%s' for '%s': '%s': %s", dir,
               output, failed, strerror(err));
  free(dir);
  return !err;
}

/* Render one input; its messages go to c->diag (a buffer of this job). */
/* Whether `output` may be written for job j: it is none of the files the
 * document was made from, and no other input's output (said if not). */
static bool take_output(struct ctx *c, struct batch *b, const struct job *j,
                        const char *output, const struct doc *d,
                        const char *shown) {
  if (!output_is_no_input(c, b, j, output, d, shown))
    return false;
  if (claim(b, output))
    return true;
  diag_error(c->diag, (struct loc){shown, 0, 0},
             "its output '%s' is another input's output too; give them "
             "different names (--name)",
             output);
  return false;
}

static bool render_one(struct ctx *c, struct batch *b, struct job *j) {
  const struct options *o = b->o;
  const char *input = j->input;
  const char *shown = strcmp(input, "-") == 0 ? "<stdin>" : input;
  size_t len = 0;
  char *buf = files_read(input, &len, c->diag);
  if (!buf)
    return false;
  diag_source(c->diag, shown, buf, len);
  struct doc d;
  struct doc_opts dopts = {o->fit_pages, o->style, b->style_text,
                           b->style_len, {0}, {0}, {0}, o->sets, o->nsets,
                           o->from, NULL, NULL, 0};
  dopts.pdf_standard = o->pdf_standard;
  dopts.tags = &o->tags;
  dopts.variant = j->variant;
  for (int k = 0; k < 3; k++) {
    dopts.layer_file[k] = o->layers[k];
    dopts.layer_text[k] = b->layer_text[k];
    dopts.layer_len[k] = b->layer_len[k];
  }
  bool ok = doc_build(c, shown, buf, len, &dopts, &d);
  if (o->watch && d.cv.photo.s) {
    /* watched whether it was found or not (as doc.c finds it: relative to
     * the CV's folder), so that adding it renders again */
    const char *p = d.cv.photo.s;
    free(j->photo);
    j->photo = xstrdup(d.cv.photo_path ? d.cv.photo_path
                       : p[0] == '/'   ? p
                                     : arena_printf(&c->doc, "%s/%s",
                                                    c->srcdir, p));
  }
  /* RenderCV's settings.render_command says where the outputs go, unless
   * the command line does */
  bool cli_output = o->output || o->name || o->formats || o->dump;
  bool rc = ok && !o->check && d.cv.render.set && !cli_output &&
            strcmp(input, "-") != 0;
  if (ok && d.cv.render.set && !rc && !o->check)
    diag_note(c->diag, d.cv.render.at,
              "settings.render_command's outputs are not used: the command "
              "line names %s",
              strcmp(input, "-") == 0 ? "them (a CV from standard input)"
                                      : "the output (-o, --name or --format)");
  char *rc_path[5] = {0}; /* by FORMATS' order */
  if (o->watch) { /* the included files: watched, even after an error */
    for (int k = 0; k < j->nincludes; k++)
      free(j->includes[k]);
    free(j->includes);
    j->includes = xcalloc((size_t)d.nincludes + 1, sizeof *j->includes);
    j->nincludes = d.nincludes;
    for (int k = 0; k < d.nincludes; k++)
      j->includes[k] = xstrdup(d.includes[k]);
  }
  char *output = NULL;
  if (rc) {
    int y = d.cv.today_year, m = d.cv.today_month, dd = d.cv.today_day;
    if (!y) { /* settings.current_date, else today (SOURCE_DATE_EPOCH) */
      const char *sde = getenv("SOURCE_DATE_EPOCH");
      time_t now = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
      struct tm tm;
      localtime_r(&now, &tm);
      y = tm.tm_year + 1900, m = tm.tm_mon + 1, dd = tm.tm_mday;
    }
    if (m < 1 || m > 12)
      m = 1;
    if (dd < 1)
      dd = 1;
    const char *nm = d.cv.name.s && *d.cv.name.s ? d.cv.name.s : "CV";
    for (size_t k = 0; k < sizeof FORMATS / sizeof FORMATS[0]; k++) {
      struct ph_date when = {&d.style, y, m, dd};
      rc_path[k] = rendercv_path(&d.cv.render, FORMATS[k].bit, input, nm,
                                 &when);
      if (rc_path[k] && !output)
        output = xstrdup(rc_path[k]);
    }
    if (d.cv.render.typst_path && !d.cv.render.no_typst)
      diag_note(c->diag, d.cv.render.at,
                "cvpdf writes no Typst source: "
                "settings.render_command.typst_path is not used");
    if (!output) {
      diag_warn(c->diag, d.cv.render.at,
                "settings.render_command makes no output (every dont_generate_* "
                "that applies is true): nothing is written");
      output = xstrdup("-");
    }
  } else if (ok && !o->check && d.variant) {
    /* a variant: its own name, beside the CV or in -o's folder */
    const char *slash = strrchr(input, '/');
    const char *dir = b->outdir ? o->output : input;
    size_t dl = b->outdir ? strlen(dir) : slash ? (size_t)(slash - input) : 0;
    bool ext = format_of(d.variant) != 0;
    size_t n = dl + strlen(d.variant) + 8;
    output = xmalloc(n);
    snprintf(output, n, "%.*s%s%s%s", (int)dl, dir,
             dl && dir[dl - 1] != '/' ? "/" : "", d.variant,
             ext ? "" : ".pdf");
    ok = take_output(c, b, j, output, &d, shown);
  } else if (ok && !o->check) {
    output = output_path(b, input, d.author);
    ok = take_output(c, b, j, output, &d, shown);
  }
  /* the folders a --name template makes, once there is something to put
   * in them (output is "-" only when the template is not used) */
  bool folder = ok && !o->check && b->subdirs && strcmp(output, "-") &&
                !(o->output && !b->outdir);
  if (ok && o->check) {
    /* nothing to write */
  } else if (ok && o->dump) {
    char *text = NULL;
    size_t tlen = 0;
    FILE *mem = xcheck(open_memstream(&text, &tlen));
    if (o->dump == DUMP_PAGES)
      dump_pages(mem, c, &d.pages);
    else if (o->dump == DUMP_LINES)
      dump_lines(mem, &d.pages);
    else
      dump_content(mem, &d.real);
    fclose(mem);
    ok = (!folder || make_parent(output, c->diag)) &&
         files_write(output, text, tlen, c->diag);
    free(text);
  } else if (ok) {
    /* the formats asked for: the output's own (its extension), and the
     * others of --format beside it, named like it; or render_command's */
    bool pipe = strcmp(output, "-") == 0;
    unsigned main_fmt = pipe ? 0 : format_of(output);
    unsigned want = o->formats ? o->formats : main_fmt ? main_fmt : FMT_PDF;
    if (!main_fmt)
      main_fmt = o->formats && !(o->formats & FMT_PDF) && pipe
                     ? o->formats : FMT_PDF;
    if (rc) {
      want = 0;
      for (size_t k = 0; k < sizeof FORMATS / sizeof FORMATS[0]; k++)
        want |= rc_path[k] ? FORMATS[k].bit : 0;
      main_fmt = 0; /* each is taken below */
      pipe = false;
      folder = true;
    }
    /* every output of the CV is written before any is put in place: a
     * failure at the third leaves neither the first two nor an older
     * file replaced */
    struct files_staged staged = {0};
    if (pipe && (want & (want - 1))) {
      diag_error(c->diag, (struct loc){shown, 0, 0},
                 "several formats (--format) need an output file or folder, "
                 "not standard output");
      ok = false;
    }
    for (size_t k = 0; ok && k < sizeof FORMATS / sizeof FORMATS[0]; k++) {
      unsigned f = FORMATS[k].bit;
      if (!(want & f))
        continue;
      char *path = xstrdup(rc ? rc_path[k] : output);
      if (rc) {
        ok = take_output(c, b, j, path, &d, shown);
      } else if (f != main_fmt && !pipe) { /* beside the output: its extension */
        free(path);
        const char *dot = strrchr(output, '.');
        size_t stem = dot && !strchr(dot, '/') && format_of(output)
                          ? (size_t)(dot - output) : strlen(output);
        path = xmalloc(stem + 16);
        snprintf(path, stem + 16, "%.*s%s", (int)stem, output, FORMATS[k].ext);
        ok = take_output(c, b, j, path, &d, shown);
      }
      if (ok && f == FMT_PNG) { /* a file a page: cv-1.png, cv-2.png ... */
        ok = !pipe || (diag_error(c->diag, (struct loc){shown, 0, 0},
                                  "PNG pages need an output file or folder, "
                                  "not standard output"),
                       false);
        size_t stem = strlen(path) - (format_of(path) == FMT_PNG ? 4 : 0);
        for (int p = 0; ok && p < d.pages.n; p++) {
          size_t n = stem + 32;
          char *page_path = xmalloc(n);
          /* cv-1.png, or as RenderCV names its pages, cv_1.png */
          snprintf(page_path, n, rc ? "%.*s_%d.png" : "%.*s-%d.png",
                   (int)stem, path, p + 1);
          size_t plen = 0;
          unsigned char *png = NULL;
          ok = take_output(c, b, j, page_path, &d, shown) &&
               (png = raster_page(c, &d.pages.v[p], 96, shown, &plen)) &&
               (!folder || make_parent(page_path, c->diag)) &&
               files_stage(&staged, page_path, png, plen, c->diag);
          free(png);
          free(page_path);
        }
        free(path);
        continue;
      }
      unsigned char *bytes = NULL;
      size_t blen = 0;
      if (ok && f == FMT_PDF) {
        struct pdf_meta meta = {0};
        meta.file = shown;
        meta.title = d.title;
        meta.author = d.author;
        meta.date = (time_t)-1;
        const char *sde = getenv("SOURCE_DATE_EPOCH"); /* checked in main */
        if (sde && *sde) {
          meta.date = (time_t)strtoll(sde, NULL, 10);
        } else {
          meta.date = time(NULL);
        }
        meta.pdfa = d.pdfa;
        meta.pdfa_level = d.pdfa_level;
        bytes = pdf_render(c, &d.pages, &meta, &blen);
        ok = bytes != NULL;
      } else if (ok) {
        FILE *mem = xcheck(open_memstream((char **)&bytes, &blen));
        text_render(mem, &d.real, f == FMT_MD    ? TEXT_MARKDOWN
                                  : f == FMT_HTML ? TEXT_HTML
                                                  : TEXT_PLAIN);
        fclose(mem);
      }
      ok = ok && (!folder || make_parent(path, c->diag)) &&
           files_stage(&staged, path, bytes, blen, c->diag);
      free(bytes);
      free(path);
    }
    if (ok) {
      /* -v: each file but the output (said below), once all are in place */
      char *said = NULL;
      size_t nsaid = 0;
      FILE *mem = xcheck(open_memstream(&said, &nsaid));
      for (int k = 0; k < staged.n && o->verbose; k++)
        if (rc || strcmp(staged.v[k].path, output))
          fprintf(mem, "%s: wrote %s\n", shown, staged.v[k].path);
      fclose(mem);
      ok = files_commit(&staged, c->diag);
      if (ok)
        fputs(said, c->diag->out);
      free(said);
    } else {
      files_abort(&staged);
    }
  }
  if (ok && o->stats)
    print_stats(c->diag->out, shown, &c->stats, &d.pages);
  if (ok && o->verbose && output && format_of(output) != FMT_PNG && !rc)
    fprintf(c->diag->out, "%s: wrote %s\n", shown,
            strcmp(output, "-") ? output : "standard output");
  for (size_t k = 0; k < sizeof rc_path / sizeof rc_path[0]; k++)
    free(rc_path[k]);
  j->output = output;
  j->pages = ok ? d.pages.n : 0;
  j->spacing = ok ? d.fit_spacing : 0;
  j->body = ok ? d.fit_body : 0;
  diag_forget(c->diag, shown);
  for (int k = 0; k < d.nincludes; k++)
    diag_forget(c->diag, d.includes[k]);
  free(buf);
  arena_reset(&c->doc);
  arena_reset(&c->lay);
  arena_reset(&c->tmp);
  return ok;
}

/* ---- a batch's messages ---- */

/* Whether [p, e) is one of the lines diag.c quotes a source line with,
 * "%5d | text" or "      | ^" (they belong to the message above). */
static bool is_quote(const char *p, const char *e) {
  const char *q = p;
  while (q < e && (*q == ' ' || (*q >= '0' && *q <= '9')))
    q++;
  return q - p >= 5 && q[-1] == ' ' && q < e && *q == '|';
}

/* With --diagnostics-format json: the first error of a job's messages,
 * its JSON object as printed (kind, file, line, column, message, source),
 * for the summary; NULL if there is none. */
static char *first_json_error(const char *text) {
  static const char lead[] = "{\"kind\":\"error\",";
  for (const char *p = text ? text : ""; *p;) {
    size_t n = strcspn(p, "\n");
    if (n >= sizeof lead - 1 && !strncmp(p, lead, sizeof lead - 1)) {
      char *r = xmalloc(n + 1);
      memcpy(r, p, n);
      r[n] = 0;
      return r;
    }
    p += n + (p[n] == '\n');
  }
  return NULL;
}

/* The first error of a job's messages, for the summary: "FILE:LINE:COL:
 * what", as the file's own messages give it. An error about no file
 * (cvpdf: error: ...) or about another file (the style file) is put after
 * the input's name. */
static char *first_error(const char *text, const char *shown) {
  const char *p = text ? text : "", *e = NULL, *eol = p;
  while (*p) {
    eol = p + strcspn(p, "\n");
    if (!is_quote(p, eol) &&
        (e = memmem(p, (size_t)(eol - p), ": error: ", 9)))
      break;
    p = *eol ? eol + 1 : eol;
  }
  size_t sl = strlen(shown);
  if (!e) {
    char *r = xmalloc(sl + 16);
    snprintf(r, sl + 16, "%s: failed", shown);
    return r;
  }
  const char *msg = e + 9;
  size_t ml = (size_t)(eol - msg), ll = (size_t)(e - p);
  if (ml > 160) { /* cut on a character's first byte */
    ml = 160;
    while (ml && ((unsigned char)msg[ml] & 0xC0) == 0x80)
      ml--;
  }
  bool own = ll >= sl && !strncmp(p, shown, sl) && (ll == sl || p[sl] == ':');
  bool none = ll == 5 && !strncmp(p, "cvpdf", 5);
  size_t n = sl + ll + ml + 8;
  char *r = xmalloc(n);
  if (own)
    snprintf(r, n, "%.*s: %.*s", (int)ll, p, (int)ml, msg);
  else if (none)
    snprintf(r, n, "%s: %.*s", shown, (int)ml, msg);
  else
    snprintf(r, n, "%s: %.*s: %.*s", shown, (int)ll, p, (int)ml, msg);
  return r;
}

static unsigned hash_text(const char *s, size_t n) {
  unsigned h = 2166136261u; /* FNV-1a */
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

/* Whether a warning of file `job` (its line [line, eol), its text [text,
 * eol)) repeats one printed for another file: then it is counted there
 * and not printed again. A file's own repeats are all printed. Called
 * under b->mu. */
static bool repeated(struct batch *b, int job, const char *line,
                     const char *text, const char *eol) {
  size_t n = (size_t)(eol - text);
  unsigned h = hash_text(text, n);
  if (2 * (b->nreps + 1) > b->nslots) { /* grow, and put every text back */
    b->nslots = b->nslots ? 2 * b->nslots : 64;
    free(b->slots);
    b->slots = xmalloc(sizeof *b->slots * (size_t)b->nslots);
    for (int i = 0; i < b->nslots; i++)
      b->slots[i] = -1;
    for (int k = 0; k < b->nreps; k++) {
      unsigned i = b->reps[k].hash & (unsigned)(b->nslots - 1);
      while (b->slots[i] >= 0)
        i = (i + 1) & (unsigned)(b->nslots - 1);
      b->slots[i] = k;
    }
  }
  unsigned i = h & (unsigned)(b->nslots - 1);
  for (; b->slots[i] >= 0; i = (i + 1) & (unsigned)(b->nslots - 1)) {
    struct repeat *r = &b->reps[b->slots[i]];
    if (r->hash != h || r->len != n || memcmp(r->text, text, n) != 0)
      continue;
    if (r->job == job)
      return false;
    if (r->last != job) {
      r->last = job;
      r->others++;
    }
    return true;
  }
  if (b->nreps == b->capreps) {
    b->capreps = b->capreps ? 2 * b->capreps : 32;
    b->reps = xrealloc(b->reps, sizeof *b->reps * (size_t)b->capreps);
  }
  b->reps[b->nreps] = (struct repeat){xstrndup(text, n),
                                      xstrndup(line, (size_t)(eol - line)),
                                      n, h, job, job, 0};
  b->slots[i] = b->nreps++;
  return false;
}

/* Print a file's messages (under b->mu), whole and together, leaving out
 * in a batch the warnings printed for an earlier file (with the lines
 * that quote their source). Errors are always printed. */
static void print_messages(struct batch *b, int job, const char *text,
                           size_t len) {
  if (!b->dedupe) {
    fwrite(text, 1, len, stderr);
    return;
  }
  bool skip = false;
  for (const char *p = text, *end = text + len; p < end;) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *eol = nl ? nl : end, *next = nl ? nl + 1 : end;
    if (!is_quote(p, eol)) {
      const char *w = memmem(p, (size_t)(eol - p), ": warning: ", 11);
      skip = w && repeated(b, job, p, w + 11, eol);
    }
    if (!skip)
      fwrite(p, 1, (size_t)(next - p), stderr);
    p = next;
  }
}

/* At the end of a batch: each warning given for several files, once,
 * with the number of the others; then forget them (--watch starts anew). */
static void print_repeats(struct batch *b) {
  bool head = false;
  for (int i = 0; i < b->nreps; i++) {
    struct repeat *r = &b->reps[i];
    if (r->others && !head) {
      fprintf(stderr, "cvpdf: warnings given for several files (each "
                      "printed once, above):\n");
      head = true;
    }
    if (r->others)
      fprintf(stderr, "  %s (and in %d other file%s)\n", r->first, r->others,
              r->others == 1 ? "" : "s");
    free(r->text);
    free(r->first);
  }
  free(b->reps);
  free(b->slots);
  b->reps = NULL;
  b->slots = NULL;
  b->nreps = b->capreps = b->nslots = 0;
}

/* A worker: its own fonts, dictionaries and memory; jobs taken in turn. */
static void *worker(void *arg) {
  struct batch *b = arg;
  struct fonts fonts;
  if (!fonts_init(&fonts)) {
    fprintf(stderr, "cvpdf: error: cannot start FreeType\n");
    abort();
  }
  struct ctx c;
  doc_ctx_init(&c, &fonts, b->datadir);
  fonts.release_pages = b->njobs == 1;
  for (;;) {
    pthread_mutex_lock(&b->mu);
    int i = b->next < b->njobs ? b->next++ : -1;
    pthread_mutex_unlock(&b->mu);
    if (i < 0)
      break;
    struct job *j = &b->jobs[i];
    /* messages are gathered per file and printed whole */
    char *text = NULL;
    size_t tlen = 0;
    FILE *mem = xcheck(open_memstream(&text, &tlen));
    struct diag diag;
    diag_init(&diag, mem);
    diag.quiet = b->o->quiet;
    diag.verbose = b->o->verbose;
    diag.json = b->o->json;
    c.diag = &diag;
    bool ok = render_one(&c, b, j);
    fclose(mem);
    j->warnings = diag.warnings;
    j->errors = diag.errors;
    pthread_mutex_lock(&b->mu);
    b->done++;
    if (!ok) {
      j->failed = true;
      j->why = b->o->json ? first_json_error(text)
                          : first_error(text, strcmp(j->input, "-") ? j->input
                                                                     : "<stdin>");
      b->failed++;
    }
    if (b->progress)
      fputs("\r\033[K", stderr);
    if (tlen)
      print_messages(b, i, text, tlen);
    if (b->progress)
      fprintf(stderr, "cvpdf: %d of %d done%s", b->done, b->njobs,
              b->failed ? "," : "");
    if (b->progress && b->failed)
      fprintf(stderr, " %d failed", b->failed);
    fflush(stderr);
    pthread_mutex_unlock(&b->mu);
    free(text);
  }
  pdf_free(&c);
  raster_free(&c);
  doc_ctx_free(&c);
  fonts_free(&fonts);
  return NULL;
}

/* Parse the command line into o. Returns -1 to go on, or an exit status
 * (0 after --help or --version, 2 after a usage error). */
/* An option that takes one value, given a second time: the first would be
 * dropped without a word (a --style that is never read, an -o never
 * written), so it is a usage error. */
static int twice(const char *what) {
  return usage_error("given twice (say it once):", what);
}

/* RenderCV's options naming a file that holds one block of the input. */
static const char *const LAYER_OPTIONS[3] = {"--design", "--locale-catalog",
                                             "--settings"};

/* Which of LAYER_OPTIONS `a` is (alone or with "=FILE"), or -1. */
static int layer_option(const char *a) {
  for (int k = 0; k < 3; k++) {
    size_t n = strlen(LAYER_OPTIONS[k]);
    if (!strncmp(a, LAYER_OPTIONS[k], n) && (!a[n] || a[n] == '='))
      return k;
  }
  return -1;
}

/* RenderCV's dotted overrides: --cv.KEY, --design.KEY, --locale.KEY,
 * --settings.KEY (a key path after the dot). */
static bool dotted_option(const char *a) {
  static const char *const roots[] = {"--cv.", "--design.", "--locale.",
                                      "--settings."};
  for (size_t k = 0; k < sizeof roots / sizeof *roots; k++) {
    size_t n = strlen(roots[k]);
    if (!strncmp(a, roots[k], n) && a[n] && a[n] != '=' && a[n] != '.')
      return true;
  }
  return false;
}

static int parse_args(int argc, char **argv, struct options *o) {
  int stdin_inputs = 0;
  bool from_given = false;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *next = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(USAGE, stdout);
      return 0;
    } else if (strcmp(a, "--version") == 0) {
      printf("cvpdf %s\n", CVPDF_VERSION);
      return 0;
    } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 ||
               strcmp(a, "--style") == 0) {
      if (!next)
        return usage_error("option needs a path:", a);
      const char **slot = a[2] == 's' ? &o->style : &o->output;
      if (*slot)
        return twice(a[2] == 's' ? "--style" : "-o/--output");
      *slot = next;
      i++;
    } else if (strncmp(a, "--output=", 9) == 0) {
      if (o->output)
        return twice("-o/--output");
      o->output = a + 9;
    } else if (strncmp(a, "--style=", 8) == 0) {
      if (o->style)
        return twice("--style");
      o->style = a + 8;
    } else if (strcmp(a, "--set") == 0 || strncmp(a, "--set=", 6) == 0) {
      const char *v = a[5] == '=' ? a + 6 : next;
      if (!v || !strchr(v, '='))
        return usage_error("--set needs KEY=VALUE, e.g. "
                           "--set design.page.size=us-letter",
                           NULL);
      if (v == next)
        i++;
      o->sets[o->nsets++] = v;
    } else if (layer_option(a) >= 0) {
      /* RenderCV's --design FILE, --locale-catalog FILE, --settings FILE */
      int k = layer_option(a);
      const char *eq = strchr(a, '=');
      const char *v = eq ? eq + 1 : next;
      if (!v || !*v)
        return usage_error("option needs a path:", a);
      if (v == next)
        i++;
      if (o->layers[k])
        return twice(LAYER_OPTIONS[k]);
      o->layers[k] = v;
    } else if (dotted_option(a)) {
      /* RenderCV's --design.theme classic, --cv.name "Ada": a --set */
      const char *eq = strchr(a, '=');
      const char *v = eq ? eq + 1 : next;
      if (!v)
        return usage_error("option needs a value:", a);
      if (v == next)
        i++;
      size_t kl = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
      char *set = xmalloc(kl + strlen(v) + 2);
      snprintf(set, kl + strlen(v) + 2, "%.*s=%s", (int)kl, a + 2, v);
      o->owned[o->nowned++] = set;
      o->sets[o->nsets++] = set;
    } else if (strcmp(a, "--name") == 0 || strncmp(a, "--name=", 7) == 0) {
      const char *v = a[6] == '=' ? a + 7 : next;
      if (!v || !*v)
        return usage_error("--name needs a template, e.g. "
                           "NAME_IN_SNAKE_CASE_CV",
                           NULL);
      const char *bad = bad_name_template(v);
      if (bad)
        return usage_error(bad, v);
      if (v == next)
        i++;
      if (o->name)
        return twice("--name");
      o->name = v;
    } else if (strcmp(a, "--from") == 0 || strncmp(a, "--from=", 7) == 0) {
      const char *v = a[6] == '=' ? a + 7 : next;
      if (v == next)
        i++;
      if (from_given)
        return twice("--from");
      from_given = true;
      if (v && strcmp(v, "rendercv") == 0)
        o->from = DIALECT_RENDERCV;
      else if (v && strcmp(v, "jsonresume") == 0)
        o->from = DIALECT_JSONRESUME;
      else if (v && strcmp(v, "yamlresume") == 0)
        o->from = DIALECT_YAMLRESUME;
      else
        return usage_error("--from takes rendercv, jsonresume or "
                           "yamlresume, not",
                           v ? v : "nothing");
    } else if (strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0 ||
               (strncmp(a, "-j", 2) == 0 && a[2] >= '0' && a[2] <= '9') ||
               strncmp(a, "--jobs=", 7) == 0) {
      const char *v = a[1] == 'j' && a[2] ? a + 2
                      : a[6] == '='        ? a + 7
                                           : next;
      char *end = NULL;
      long n = v ? strtol(v, &end, 10) : 0;
      if (!v || !end || *end || n < 1 || n > 256)
        return usage_error("-j needs a number of workers from 1 to 256",
                           NULL);
      if (v == next)
        i++;
      o->jobs = (int)n;
    } else if (strcmp(a, "--watch") == 0) {
      o->watch = true;
    } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
      o->verbose = true;
    } else if (strcmp(a, "--fit-pages") == 0 ||
               strncmp(a, "--fit-pages=", 12) == 0) {
      const char *v = a[11] == '=' ? a + 12 : next;
      char *end = NULL;
      long n = v ? strtol(v, &end, 10) : 0;
      if (!v || !end || *end || n < 1 || n > 1000)
        return usage_error("--fit-pages needs a page count from 1 to 1000",
                           NULL);
      if (o->fit_pages)
        return twice("--fit-pages");
      o->fit_pages = (int)n;
      if (v == next)
        i++;
    } else if (strcmp(a, "--diagnostics-format") == 0 ||
               strncmp(a, "--diagnostics-format=", 21) == 0) {
      const char *v = a[20] == '=' ? a + 21 : next;
      if (!v || (strcmp(v, "json") && strcmp(v, "text")))
        return usage_error("--diagnostics-format takes text or json", NULL);
      o->json = strcmp(v, "json") == 0;
      if (v == next)
        i++;
    } else if (strcmp(a, "--tags") == 0 || strncmp(a, "--tags=", 7) == 0 ||
               strcmp(a, "--exclude-tags") == 0 ||
               strncmp(a, "--exclude-tags=", 15) == 0) {
      bool drop = a[2] == 'e';
      size_t n = drop ? 14 : 6;
      const char *v = a[n] == '=' ? a + n + 1 : next;
      const char ***list = drop ? &o->tags.drop : &o->tags.want;
      int *count = drop ? &o->tags.ndrop : &o->tags.nwant;
      if (*list)
        return twice(drop ? "--exclude-tags" : "--tags");
      if (!v || !*v || *v == ',' || v[strlen(v) - 1] == ',' || strstr(v, ",,"))
        return usage_error(drop ? "--exclude-tags needs tags separated by "
                                  "commas, e.g. --exclude-tags private:"
                                : "--tags needs tags separated by commas, "
                                  "e.g. --tags academic,teaching:",
                           v ? v : "nothing");
      int k = 1;
      for (const char *p = v; *p; p++)
        k += *p == ',';
      *list = xcalloc((size_t)k + 1, sizeof **list);
      for (const char *p = v; *p;) {
        size_t len = strcspn(p, ",");
        (*list)[(*count)++] = xstrndup(p, len);
        p += len + (p[len] == ',');
      }
      if (v == next)
        i++;
    } else if (strcmp(a, "--format") == 0 ||
               strncmp(a, "--format=", 9) == 0) {
      const char *v = a[8] == '=' ? a + 9 : next;
      if (o->formats)
        return twice("--format");
      unsigned f = 0;
      for (const char *p = v; p && *p;) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        unsigned bit = 0;
        for (size_t k = 0; k < sizeof FORMATS / sizeof FORMATS[0]; k++)
          if (strlen(FORMATS[k].name) == n && !strncmp(p, FORMATS[k].name, n))
            bit = FORMATS[k].bit;
        if (!bit)
          return usage_error("--format takes pdf, md, txt, html and png "
                             "(separated by commas), not",
                             v);
        f |= bit;
        p = e ? e + 1 : p + n;
      }
      if (!f)
        return usage_error("--format needs a format: pdf, md, txt, html or "
                           "png",
                           NULL);
      o->formats = f;
      if (v == next)
        i++;
    } else if (strcmp(a, "--pdf-standard") == 0 ||
               strncmp(a, "--pdf-standard=", 15) == 0) {
      const char *v = a[14] == '=' ? a + 15 : next;
      if (!v || (strcmp(v, "ua-1") != 0 && strcmp(v, "none") != 0 &&
                 strcmp(v, "a-2b") != 0 && strcmp(v, "a-2u") != 0 &&
                 strcmp(v, "a-2a") != 0))
        return usage_error("--pdf-standard takes ua-1 (a tagged PDF, the "
                           "default), a-2b, a-2u or a-2a (PDF/A-2, tagged "
                           "too) or none",
                           NULL);
      if (o->pdf_standard)
        return twice("--pdf-standard");
      o->pdf_standard = v;
      if (v == next)
        i++;
    } else if (strcmp(a, "--dump") == 0 || strncmp(a, "--dump=", 7) == 0) {
      if (o->dump)
        return twice("--dump");
      if (strcmp(a, "--dump") == 0 || strcmp(a, "--dump=pages") == 0)
        o->dump = DUMP_PAGES;
      else if (strcmp(a, "--dump=lines") == 0)
        o->dump = DUMP_LINES;
      else if (strcmp(a, "--dump=content") == 0)
        o->dump = DUMP_CONTENT;
      else
        return usage_error("--dump= takes pages, lines or content, not",
                           a + 7);
    } else if (strcmp(a, "--check") == 0) {
      o->check = true;
    } else if (strcmp(a, "--stats") == 0) {
      o->stats = true;
    } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
      o->quiet = true;
    } else if (strcmp(a, "--") == 0) {
      for (i++; i < argc; i++)
        o->inputs[o->ninputs++] = argv[i];
    } else if (a[0] == '-' && a[1]) {
      return unknown_option(a, LONG_OPTIONS,
                            (int)(sizeof LONG_OPTIONS / sizeof *LONG_OPTIONS),
                            "cvpdf --help");
    } else {
      if (strcmp(a, "-") == 0 && ++stdin_inputs > 1)
        return usage_error("standard input can be read once", NULL);
      o->inputs[o->ninputs++] = a;
    }
  }
  if (o->ninputs == 0)
    return usage_error("no input file given", NULL);
  bool stdin_style = o->style && strcmp(o->style, "-") == 0;
  if (stdin_inputs && stdin_style)
    return usage_error("standard input can be read once: the CV and --style "
                       "cannot both be '-'",
                       NULL);
  if (o->watch && (stdin_inputs || stdin_style))
    return usage_error("--watch needs files, not standard input", NULL);
  if (o->watch && o->output && strcmp(o->output, "-") == 0)
    return usage_error("--watch writes files: -o - would add a whole new "
                       "output to standard output on every save",
                       NULL);
  if (o->check && o->dump)
    return usage_error("--check writes nothing, --dump writes a trace: "
                       "give one of them",
                       NULL);
  if (o->output && o->ninputs > 1 && !files_is_dir(o->output))
    return usage_error("with several inputs, -o must name a directory "
                       "(ending in '/'):",
                       o->output);
  return -1;
}

/* `cvpdf schema [-o FILE]` and `cvpdf new "Full Name" [-o FILE]` */
static int subcommand(int argc, char **argv) {
  bool schema = !strcmp(argv[1], "schema");
  static const char *const known[] = {"--output", "--help"};
  const char *out = NULL, *name = NULL;
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      fputs(schema ? USAGE_SCHEMA : USAGE_NEW, stdout);
      return 0;
    } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
      if (i + 1 >= argc)
        return usage_error("option needs a path:", a);
      out = argv[++i];
    } else if (!strncmp(a, "--output=", 9)) {
      out = a + 9;
    } else if (a[0] == '-' && a[1]) {
      return unknown_option(a, known, 2,
                            schema ? "cvpdf schema --help"
                                   : "cvpdf new --help");
    } else if (!name) {
      name = a;
    } else {
      return usage_error("one name, in quotes if it has spaces:", a);
    }
  }
  if (schema && name)
    return usage_error("cvpdf schema takes no argument:", name);
  if (!schema && !name)
    return usage_error("cvpdf new needs your name: cvpdf new \"Ada "
                       "Lovelace\"",
                       NULL);
  /* the name goes into a YAML file that must render as it is */
  if (name && utf8_invalid_at(name, strlen(name)) != (size_t)-1)
    return usage_error("the name is not valid UTF-8 text (is the terminal "
                       "set to UTF-8?)",
                       NULL);
  char *text = NULL;
  size_t len = 0;
  FILE *mem = xcheck(open_memstream(&text, &len));
  char path[512];
  const char *schema_file = "cvpdf-schema.json";
  if (schema) {
    schema_write(mem);
  } else {
    schema_starter(mem, name, schema_file);
    char stem[256];
    name_in(name, '_', 0, stem, sizeof stem);
    /* not a hidden file (".") nor one that reads as an option ("-") */
    const char *s = stem;
    while (*s == '.' || *s == '-' || *s == '_')
      s++;
    snprintf(path, sizeof path, "%s_CV.yaml", *s ? s : "my");
    if (!out)
      out = path;
  }
  fclose(mem);
  struct diag d;
  diag_init(&d, stderr);
  bool ok;
  struct stat st;
  if (!schema && strcmp(out, "-") && stat(out, &st) == 0) {
    fprintf(stderr, "cvpdf: error: '%s' exists; it is left as it is\n", out);
    ok = false;
  } else if (schema || !strcmp(out, "-")) {
    ok = files_write(out ? out : "-", text, len, &d);
  } else {
    /* the new CV and the schema beside it, for editors (unless one is
     * there): both, or neither if one cannot be written */
    struct files_staged staged = {0};
    ok = files_stage(&staged, out, text, len, &d);
    char sp[1024];
    const char *slash = strrchr(out, '/');
    snprintf(sp, sizeof sp, "%.*s%s", slash ? (int)(slash - out + 1) : 0, out,
             schema_file);
    if (ok && stat(sp, &st) != 0) {
      char *stext = NULL;
      size_t slen = 0;
      FILE *sm = xcheck(open_memstream(&stext, &slen));
      schema_write(sm);
      fclose(sm);
      ok = files_stage(&staged, sp, stext, slen, &d);
      free(stext);
    }
    if (ok)
      ok = files_commit(&staged, &d);
    else
      files_abort(&staged);
    if (ok)
      fprintf(stderr, "cvpdf: wrote %s; render it with: cvpdf %s\n", out, out);
  }
  free(text);
  return ok ? 0 : 1;
}

/* ---- --watch ---- */

/* A file render read, and how it stood: its modification time and size,
 * or that it did not exist. */
struct watched {
  char *path;
  struct timespec t;
  off_t size;
  bool exists;
};

struct watchlist {
  struct watched *v;
  int n, cap;
};

static bool stamp(const char *path, struct timespec *t, off_t *size) {
  struct stat st;
  if (stat(path, &st) != 0)
    return false;
  *t = st.st_mtim;
  *size = st.st_size;
  return true;
}

/* Add path to w, with its stamp in `old` if it was watched before (a
 * change made during the render is then still seen), else as it is now. */
static void watch_add(struct watchlist *w, const struct watchlist *old,
                      const char *path) {
  for (int i = 0; i < w->n; i++)
    if (strcmp(w->v[i].path, path) == 0)
      return;
  if (w->n == w->cap) {
    w->cap = w->cap ? 2 * w->cap : 16;
    w->v = xrealloc(w->v, sizeof *w->v * (size_t)w->cap);
  }
  struct watched *e = &w->v[w->n++];
  for (int i = 0; old && i < old->n; i++)
    if (strcmp(old->v[i].path, path) == 0) {
      *e = old->v[i];
      e->path = xstrdup(path);
      return;
    }
  e->path = xstrdup(path);
  e->exists = stamp(path, &e->t, &e->size);
}

static void watch_free(struct watchlist *w) {
  for (int i = 0; i < w->n; i++)
    free(w->v[i].path);
  free(w->v);
  memset(w, 0, sizeof *w);
}

/* The files a render reads: the inputs, the style file, and for each CV
 * its photo (known once it was rendered) and the fonts/ folder beside it,
 * the folder itself (a font added or removed) and every file in it. */
static void watch_list(struct watchlist *w, const struct options *o,
                       const struct batch *b) {
  struct watchlist old = *w;
  memset(w, 0, sizeof *w);
  for (int i = 0; i < o->ninputs; i++)
    watch_add(w, &old, o->inputs[i]);
  if (o->style)
    watch_add(w, &old, o->style);
  for (int k = 0; k < 3; k++)
    if (o->layers[k])
      watch_add(w, &old, o->layers[k]);
  for (int i = 0; i < b->njobs; i++) {
    const struct job *j = &b->jobs[i];
    if (j->photo)
      watch_add(w, &old, j->photo);
    for (int k = 0; k < j->nincludes; k++)
      watch_add(w, &old, j->includes[k]);
    const char *slash = strrchr(j->input, '/');
    char dir[PATH_MAX];
    int dl = slash ? (int)(slash - j->input) : 1;
    snprintf(dir, sizeof dir, "%.*s/fonts", dl, slash ? j->input : ".");
    watch_add(w, &old, dir);
    DIR *d = opendir(dir);
    struct dirent *e;
    for (int k = 0; d && k < 512 && (e = readdir(d)); k++) {
      if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
        continue;
      char f[PATH_MAX + 256];
      snprintf(f, sizeof f, "%s/%s", dir, e->d_name);
      watch_add(w, &old, f);
    }
    if (d)
      closedir(d);
  }
  watch_free(&old);
}

/* Whether a watched file changed or appeared since its stamp (a file
 * removed is not a change: an editor's save may remove it for an
 * instant; a font removed changes the folder); the stamps are updated. */
static bool watch_changed(struct watchlist *w) {
  bool changed = false;
  for (int i = 0; i < w->n; i++) {
    struct watched *e = &w->v[i];
    struct timespec t;
    off_t n;
    if (!stamp(e->path, &t, &n)) {
      e->exists = false;
      continue;
    }
    if (!e->exists || t.tv_sec != e->t.tv_sec || t.tv_nsec != e->t.tv_nsec ||
        n != e->size) {
      e->t = t;
      e->size = n;
      e->exists = true;
      changed = true;
    }
  }
  return changed;
}

/* Note which input file each job reads (device and inode), so that no
 * other input's output replaces it. */
static void note_inputs(struct batch *b) {
  for (int i = 0; i < b->njobs; i++) {
    struct job *j = &b->jobs[i];
    struct stat st;
    j->have_id = strcmp(j->input, "-") && stat(j->input, &st) == 0;
    j->dev = j->have_id ? st.st_dev : 0;
    j->ino = j->have_id ? st.st_ino : 0;
  }
}

/* Whether an output would be a PDF on standard output. */
static bool pdf_to_stdout(const struct options *o) {
  if (o->dump || o->check)
    return false;
  if (o->output)
    return strcmp(o->output, "-") == 0;
  for (int i = 0; i < o->ninputs && !o->name; i++)
    if (strcmp(o->inputs[i], "-") == 0)
      return true; /* a CV from a pipe goes to standard output */
  return false;
}

/* SOURCE_DATE_EPOCH, when set, fixes every date of the output (the
 * reproducible-builds convention): seconds since 1970 in decimal digits,
 * up to the end of year 9999. Anything else would be read as some other
 * date (garbage as 1970, -1 as 1969) or fail the PDF writer: refused. */
static bool source_date_ok(void) {
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  if (!sde || !*sde)
    return true;
  size_t n = strspn(sde, "0123456789");
  if (sde[n] || n > 12 || strtoll(sde, NULL, 10) > 253402300799LL) {
    fprintf(stderr,
            "cvpdf: error: SOURCE_DATE_EPOCH='%.40s' is not a number of "
            "seconds since 1970 up to the year 9999 (it sets the dates of "
            "a reproducible output); set it right, or unset it\n",
            sde);
    return false;
  }
  return true;
}

static void options_free(struct options *o) {
  for (int i = 0; i < o->nowned; i++)
    free(o->owned[i]);
  free(o->owned);
  free(o->inputs);
  free(o->sets);
  for (int i = 0; i < o->tags.nwant; i++)
    free((char *)o->tags.want[i]);
  for (int i = 0; i < o->tags.ndrop; i++)
    free((char *)o->tags.drop[i]);
  free(o->tags.want);
  free(o->tags.drop);
}

/* The batch's jobs: each input, or, for a CV whose top level lists
 * `variants:` (and no --tags on the command line), each of its variants,
 * rendered on all cores like separate files. A file that names no
 * variants is not parsed here (only one that holds the word). False
 * after a usage error (said). */
static bool make_jobs(const struct options *o, struct batch *b) {
  b->njobs = 0;
  b->jobs = xcalloc((size_t)o->ninputs + 1, sizeof *b->jobs);
  int cap = o->ninputs + 1;
  for (int i = 0; i < o->ninputs; i++) {
    int n = 0;
    size_t len = 0;
    struct diag quiet; /* (the render says what is wrong) */
    diag_init(&quiet, stderr);
    quiet.silent = true;
    struct stat st; /* (a pipe, /dev/stdin, is read once: by the render) */
    bool regular = stat(o->inputs[i], &st) == 0 && S_ISREG(st.st_mode);
    char *text = !o->tags.nwant && !o->tags.ndrop && regular
                     ? files_read(o->inputs[i], &len, &quiet)
                     : NULL;
    if (text && memmem(text, len, "variants", 8)) {
      struct arena a;
      arena_init(&a);
      struct yml_limits lim = {DOC_MAX_DEPTH, DOC_MAX_NODES, DOC_MAX_SCALAR};
      bool empty;
      struct yml *root = yml_parse(&a, &quiet, o->inputs[i], text, len, &lim,
                                   &empty);
      struct variant *vs;
      n = root ? cv_variants(&a, &quiet, root, &vs) : 0;
      arena_free(&a);
    }
    free(text);
    if (n > 1 && o->output && !b->outdir) {
      fprintf(stderr, "cvpdf: error: '%s' makes %d variants: give -o a "
                      "folder (they are named by their 'output')\n",
              o->inputs[i], n);
      free(b->jobs);
      b->jobs = NULL;
      return false;
    }
    for (int v = 0; v < (n ? n : 1); v++) {
      if (b->njobs == cap) {
        cap *= 2;
        b->jobs = xrealloc(b->jobs, sizeof *b->jobs * (size_t)cap);
      }
      memset(&b->jobs[b->njobs], 0, sizeof *b->jobs);
      b->jobs[b->njobs].input = o->inputs[i];
      b->jobs[b->njobs++].variant = n ? v + 1 : 0;
    }
  }
  return true;
}

/* Read the style file and RenderCV's --design, --locale-catalog and
 * --settings files into b (again, under --watch); false if one cannot be
 * read (said), leaving b as it was. */
static bool read_layers(const struct options *o, struct batch *b,
                        char **style_text) {
  struct diag d;
  diag_init(&d, stderr);
  char *t = NULL, *lt[3] = {0};
  size_t n = 0, ln[3] = {0};
  bool ok = true;
  if (o->style && !(t = files_read(o->style, &n, &d)))
    ok = false;
  for (int k = 0; k < 3 && ok; k++)
    if (o->layers[k] && !(lt[k] = files_read(o->layers[k], &ln[k], &d)))
      ok = false;
  if (!ok) {
    free(t);
    for (int k = 0; k < 3; k++)
      free(lt[k]);
    return false;
  }
  free(*style_text);
  *style_text = t;
  b->style_text = t;
  b->style_len = n;
  for (int k = 0; k < 3; k++) {
    free(b->layer_text[k]);
    b->layer_text[k] = lt[k];
    b->layer_len[k] = ln[k];
  }
  return true;
}

static int run(int argc, char **argv);

/* What was written to standard output (help, a version, a schema, a
 * page trace) is flushed before the exit status is decided: `cvpdf
 * --help > /dev/full` exited 0 having written nothing. A failure already
 * said keeps its status. */
int main(int argc, char **argv) {
  int status = run(argc, argv);
  errno = 0;
  if ((fflush(stdout) != 0 || ferror(stdout)) && status == 0) {
    fprintf(stderr, "cvpdf: error: cannot write to standard output%s%s\n",
            errno ? ": " : "", errno ? strerror(errno) : "");
    status = 1;
  }
  return status;
}

static int run(int argc, char **argv) {
  setlocale(LC_CTYPE, "C.UTF-8");
  init_linebreak(); /* libunibreak's lookup index: speed only */
  if (!source_date_ok())
    return 2;
  files_catch_signals();
  if (argc >= 2 && (!strcmp(argv[1], "new") || !strcmp(argv[1], "schema")))
    return subcommand(argc, argv);
  if (argc >= 2 && !strcmp(argv[1], "upgrade")) {
    char datadir[PATH_MAX];
    return upgrade_main(argc - 1, argv + 1, find_datadir(datadir, sizeof datadir));
  }
  /* `cvpdf render FILE`: RenderCV's command, the same as `cvpdf FILE` */
  if (argc >= 2 && !strcmp(argv[1], "render")) {
    argv[1] = argv[0];
    argv++;
    argc--;
  }
  struct options o = {0};
  o.inputs = xcalloc((size_t)argc + 1, sizeof(char *));
  o.sets = xcalloc((size_t)argc + 1, sizeof(char *));
  o.owned = xcalloc((size_t)argc + 1, sizeof(char *));
  int status = parse_args(argc, argv, &o);
  if (status < 0 && pdf_to_stdout(&o) && isatty(1))
    status = usage_error("the PDF would be written to the terminal; use -o "
                         "FILE or redirect standard output",
                         NULL);
  if (status >= 0) {
    options_free(&o);
    return status;
  }
  struct batch b;
  memset(&b, 0, sizeof b);
  b.o = &o;
  b.outdir = o.output && strcmp(o.output, "-") != 0 &&
             (o.ninputs > 1 || files_is_dir(o.output));
  b.subdirs = o.name && strchr(o.name, '/');
  /* an output folder ending in '/' is made (mkdir -p) when there is
   * something to write into it */
  struct stat st;
  if (b.outdir && !o.check &&
      (stat(o.output, &st) != 0 || !S_ISDIR(st.st_mode))) {
    char failed[PATH_MAX];
    int err = files_make_dirs(o.output, failed, sizeof failed);
    if (err) {
      if (strcmp(failed, o.output))
        fprintf(stderr,
                "cvpdf: error: cannot create the output directory '%s': "
                "'%s': %s\n",
                o.output, failed, strerror(err));
      else
        fprintf(stderr,
                "cvpdf: error: cannot create the output directory '%s': "
                "%s\n",
                o.output, strerror(err));
      options_free(&o);
      return 1;
    }
  }
  char datadir[PATH_MAX];
  b.datadir = find_datadir(datadir, sizeof datadir);
  char *style_text = NULL;
  if (!read_layers(&o, &b, &style_text)) {
    options_free(&o);
    return 1; /* nothing can be rendered without its style */
  }
  if (!make_jobs(&o, &b)) {
    options_free(&o);
    free(style_text);
    return 2;
  }
  b.claimed = NULL; /* (grown by claim) */
  pthread_mutex_init(&b.mu, NULL);
  b.progress = b.njobs > 1 && !o.quiet && isatty(2);
  b.dedupe = b.njobs > 1 && !o.quiet && !o.json;

  /* --watch: the files read, to render again when one changes */
  struct watchlist watch = {0};
  if (o.watch)
    watch_list(&watch, &o, &b);
again:
  note_inputs(&b);
  /* workers: one per core by default, never more than there are files */
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  int nw = o.jobs ? o.jobs : (int)(cores > 0 ? cores : 1);
  if (nw > b.njobs)
    nw = b.njobs;
  if (nw <= 1) {
    worker(&b);
  } else {
    pthread_t *t = xcalloc((size_t)nw, sizeof *t);
    int started = 0;
    for (int i = 0; i < nw; i++)
      if (pthread_create(&t[i], NULL, worker, &b) == 0)
        started++;
      else
        break;
    if (!started)
      worker(&b);
    for (int i = 0; i < started; i++)
      pthread_join(t[i], NULL);
    free(t);
  }
  if (b.progress)
    fputs("\n", stderr);
  print_repeats(&b);
  /* the summary: which files failed, where and why (as JSON: every
   * file, what it gave) */
  if (o.json) {
    fprintf(stderr, "{\"summary\":{\"files\":%d,\"failed\":%d,\"results\":[",
            b.njobs, b.failed);
    for (int i = 0; i < b.njobs; i++) {
      const struct job *jb = &b.jobs[i];
      fputs(i ? ",{\"file\":" : "{\"file\":", stderr);
      diag_json_string(stderr, jb->input, strlen(jb->input));
      if (jb->variant) /* which of the file's variants (from 1) */
        fprintf(stderr, ",\"variant\":%d", jb->variant);
      if (jb->output && !jb->failed) {
        fputs(",\"output\":", stderr);
        diag_json_string(stderr, jb->output, strlen(jb->output));
      }
      fprintf(stderr, ",\"ok\":%s,\"pages\":%d,\"warnings\":%d,\"errors\":%d",
              jb->failed ? "false" : "true", jb->pages, jb->warnings,
              jb->errors);
      if (jb->failed && jb->why) { /* where and what went wrong */
        fputs(",\"error\":", stderr);
        fputs(jb->why, stderr);
      }
      if (!jb->failed && jb->spacing > 0) /* what fitting changed */
        fprintf(stderr, ",\"spacing\":%.3f,\"body_size\":%.2f",
                jb->spacing, jb->body);
      fputc('}', stderr);
    }
    fputs("]}}\n", stderr);
  } else if (b.failed && b.njobs > 1) {
    fprintf(stderr, "cvpdf: %d of %d files failed:\n", b.failed, b.njobs);
    for (int i = 0; i < b.njobs; i++)
      if (b.jobs[i].failed)
        fprintf(stderr, "  %s\n", b.jobs[i].why);
  }
  int failed = b.failed;
  if (o.watch) {
    fprintf(stderr, "cvpdf: %s; watching for changes (Ctrl-C stops)\n",
            failed ? "failed" : "done");
    watch_list(&watch, &o, &b); /* now with the photos */
    while (!watch_changed(&watch)) {
      struct timespec pause = {0, 200 * 1000 * 1000};
      nanosleep(&pause, NULL);
    }
    /* the style files are read again; every file is rendered again */
    read_layers(&o, &b, &style_text);
    for (int i = 0; i < b.njobs; i++) {
      free(b.jobs[i].why);
      free(b.jobs[i].output);
      free(b.jobs[i].photo);
      b.jobs[i].why = b.jobs[i].output = b.jobs[i].photo = NULL;
      b.jobs[i].failed = false;
    }
    for (int i = 0; i < b.nclaimed; i++)
      free(b.claimed[i]);
    b.nclaimed = b.next = b.done = b.failed = 0;
    goto again;
  }
  watch_free(&watch);
  for (int i = 0; i < b.njobs; i++) {
    free(b.jobs[i].why);
    free(b.jobs[i].output);
    free(b.jobs[i].photo);
    for (int k = 0; k < b.jobs[i].nincludes; k++)
      free(b.jobs[i].includes[k]);
    free(b.jobs[i].includes);
  }
  for (int i = 0; i < b.nclaimed; i++)
    free(b.claimed[i]);
  free(b.claimed);
  free(b.jobs);
  pthread_mutex_destroy(&b.mu);
  free(style_text);
  for (int k = 0; k < 3; k++)
    free(b.layer_text[k]);
  options_free(&o);
  return failed ? 1 : 0;
}
