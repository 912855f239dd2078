/* main.c: the command line. Reads the input, runs the pipeline (doc.c),
 * hands the pages to a backend, and writes the output atomically: a
 * temporary file in the target's directory, renamed over the target only
 * once it is complete, so a failed run never leaves a partial or stale PDF.
 * The only place that exits. Exit codes: 0 ok, 1 bad input or failed
 * render, 2 bad usage.
 */
#include <errno.h>
#include <linebreak.h> /* libunibreak: init_linebreak */
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cvpdf.h"
#include "doc.h"
#include "dump.h"
#include "pdf.h"
#include "schema.h"

static const char USAGE[] =
    "usage: cvpdf [options] CV.yaml [CV.yaml ...]    ('-' reads standard input)\n"
    "       cvpdf new \"Full Name\"   write a starter CV (and cvpdf-schema.json)\n"
    "       cvpdf schema            print the JSON Schema of the input\n"
    "\n"
    "Typeset a CV written in YAML (RenderCV's format) into a PDF.\n"
    "\n"
    "options:\n"
    "  -o, --output PATH   output file (one input) or directory (ending in /\n"
    "                      or existing); default: the input with .pdf\n"
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
    "                      e.g. NAME_IN_SNAKE_CASE_CV; default FILE\n"
    "      --from FORMAT   the input's format: rendercv, jsonresume or\n"
    "                      yamlresume (default: told by its keys)\n"
    "      --fit-pages N   shrink spacing, then type, to fit N pages\n"
    "      --check         check the input (and lay it out) but write nothing\n"
    "      --watch         render again whenever an input or the style file\n"
    "                      changes (until interrupted)\n"
    "      --stats         print typesetting statistics to standard error\n"
    "  -j, --jobs N        render N files at once (default: one per core)\n"
    "  -q, --quiet         do not print warnings\n"
    "  -v, --verbose       say which file each output went to\n"
    "  -h, --help          show this help\n"
    "      --version       show the version\n"
    "\n"
    "exit status: 0 success, 1 bad input or failed render, 2 bad usage\n";

struct options {
  const char *output;
  const char *style;
  const char *name; /* --name template, or NULL */
  const char **sets;
  int nsets;
  int fit_pages;
  int jobs; /* 0: one per core */
  enum dialect from;
  enum { DUMP_NONE, DUMP_PAGES, DUMP_LINES, DUMP_CONTENT } dump;
  bool stats, quiet, check, verbose, watch;
  const char **inputs;
  int ninputs;
};

static int usage_error(const char *msg, const char *arg) {
  fprintf(stderr, "cvpdf: error: %s%s%s\n", msg, arg ? " " : "",
          arg ? arg : "");
  fprintf(stderr, "Try 'cvpdf --help' for more information.\n");
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

/* Standard input, whole, up to the size limit. */
static char *read_stdin(size_t *len, struct diag *d) {
  size_t cap = 65536, n = 0;
  char *buf = xmalloc(cap + 1);
  for (;;) {
    if (n == cap) {
      if (cap > DOC_MAX_BYTES) {
        diag_error(d, (struct loc){"<stdin>", 0, 0},
                   "input too large (the limit is %u MiB)",
                   DOC_MAX_BYTES >> 20);
        free(buf);
        return NULL;
      }
      cap *= 2;
      buf = xrealloc(buf, cap + 1);
    }
    ssize_t r = read(0, buf + n, cap - n);
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0) {
      diag_error(d, (struct loc){0}, "cannot read standard input: %s",
                 strerror(errno));
      free(buf);
      return NULL;
    }
    if (r == 0)
      break;
    n += (size_t)r;
  }
  if (n > DOC_MAX_BYTES) {
    diag_error(d, (struct loc){"<stdin>", 0, 0},
               "input too large (the limit is %u MiB)", DOC_MAX_BYTES >> 20);
    free(buf);
    return NULL;
  }
  buf[n] = 0;
  *len = n;
  return buf;
}

/* Read a whole file, refusing what is not a regular file or too large. */
static char *read_file(const char *path, size_t *len, struct diag *d) {
  if (strcmp(path, "-") == 0)
    return read_stdin(len, d);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    diag_error(d, (struct loc){0}, "cannot open '%s': %s", path,
               strerror(errno));
    return NULL;
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    diag_error(d, (struct loc){0}, "'%s' is not a regular file", path);
    close(fd);
    return NULL;
  }
  if ((unsigned long long)st.st_size > DOC_MAX_BYTES) {
    diag_error(d, (struct loc){path, 0, 0},
               "file too large (%lld bytes; the limit is %u MiB)",
               (long long)st.st_size, DOC_MAX_BYTES >> 20);
    close(fd);
    return NULL;
  }
  size_t n = (size_t)st.st_size;
  char *buf = xmalloc(n + 1);
  size_t off = 0;
  while (off < n) {
    ssize_t r = read(fd, buf + off, n - off);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      break;
    off += (size_t)r;
  }
  close(fd);
  if (off != n) {
    diag_error(d, (struct loc){0}, "cannot read '%s'", path);
    free(buf);
    return NULL;
  }
  buf[n] = 0;
  *len = n;
  return buf;
}

/* Write data to path through a temporary file and rename. */
static bool write_atomic(const char *path, const void *data, size_t len,
                         struct diag *d) {
  if (strcmp(path, "-") == 0) {
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
      diag_error(d, (struct loc){0}, "cannot write to standard output");
      return false;
    }
    return true;
  }
  /* An existing output that is not a regular file (a device such as
   * /dev/full or /dev/stdout, a pipe) is written in place: renaming over it
   * would replace the special file itself. */
  struct stat st;
  if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) {
      diag_error(d, (struct loc){0}, "cannot write '%s': it is a directory",
                 path);
      return false;
    }
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
      diag_error(d, (struct loc){0}, "cannot write '%s': %s", path,
                 strerror(errno));
      return false;
    }
    const char *p = data;
    size_t off = 0;
    while (off < len) {
      ssize_t w = write(fd, p + off, len - off);
      if (w < 0 && errno == EINTR)
        continue;
      if (w <= 0) {
        diag_error(d, (struct loc){0}, "cannot write '%s': %s", path,
                   w < 0 ? strerror(errno) : "short write");
        close(fd);
        return false;
      }
      off += (size_t)w;
    }
    if (close(fd) != 0) {
      diag_error(d, (struct loc){0}, "cannot write '%s': %s", path,
                 strerror(errno));
      return false;
    }
    return true;
  }
  size_t pl = strlen(path);
  char *tmp = xmalloc(pl + 16);
  snprintf(tmp, pl + 16, "%s.tmpXXXXXX", path);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    diag_error(d, (struct loc){0}, "cannot write '%s': %s", path,
               strerror(errno));
    free(tmp);
    return false;
  }
  const char *p = data;
  size_t off = 0;
  bool ok = true;
  while (off < len) {
    ssize_t w = write(fd, p + off, len - off);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0) {
      ok = false;
      break;
    }
    off += (size_t)w;
  }
  int saved = errno;
  /* no fsync: it would flush the disk once per CV (a batch of a thousand
   * would wait on a thousand flushes). The rename below replaces the old
   * PDF only once the new one is complete, which is what a failed run
   * must guarantee; ext4 and its kind also order that rename after the
   * data. */
  if (close(fd) != 0 && ok) {
    ok = false;
    saved = errno;
  }
  if (ok) {
    /* mkstemp makes 0600 files; a PDF is for sharing */
    mode_t mask = umask(0);
    umask(mask);
    chmod(tmp, 0666 & ~mask);
    if (rename(tmp, path) != 0) {
      ok = false;
      saved = errno;
    }
  }
  if (!ok) {
    unlink(tmp);
    diag_error(d, (struct loc){0}, "cannot write '%s': %s", path,
               strerror(saved));
  }
  free(tmp);
  return ok;
}

static bool same_file(const char *a, const char *b) {
  struct stat sa, sb;
  return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

static bool is_dir(const char *p) {
  struct stat st;
  size_t n = strlen(p);
  return (n && p[n - 1] == '/') || (stat(p, &st) == 0 && S_ISDIR(st.st_mode));
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
 * 2 upper. Characters that cannot be in a file name are left out. */
static void name_in(const char *name, char sep, int kase, char *out,
                    size_t n) {
  size_t o = 0;
  bool gap = false;
  for (const unsigned char *p = (const unsigned char *)name; *p && o + 2 < n;
       p++) {
    if (*p == ' ' || *p == '\t') {
      gap = o > 0;
      continue;
    }
    if (*p < 0x20 || *p == '/' || *p == '\\' || *p == 0x7F)
      continue;
    if (gap)
      out[o++] = sep;
    gap = false;
    char ch = (char)*p;
    if (kase == 1 && ch >= 'A' && ch <= 'Z')
      ch = (char)(ch + 32);
    else if (kase == 2 && ch >= 'a' && ch <= 'z')
      ch = (char)(ch - 32);
    out[o++] = ch;
  }
  out[o] = 0;
}

/* The file name from a --name template: FILE, NAME and NAME_IN_* put in
 * (longest placeholder first), anything else kept. */
static void expand_name(const char *tmpl, const char *stem, const char *name,
                        char *out, size_t n) {
  static const struct {
    const char *ph;
    char sep;
    int kase;
  } ph[] = {{"NAME_IN_LOWER_SNAKE_CASE", '_', 1},
            {"NAME_IN_UPPER_SNAKE_CASE", '_', 2},
            {"NAME_IN_LOWER_KEBAB_CASE", '-', 1},
            {"NAME_IN_UPPER_KEBAB_CASE", '-', 2},
            {"NAME_IN_SNAKE_CASE", '_', 0},
            {"NAME_IN_KEBAB_CASE", '-', 0},
            {"NAME", ' ', 0}};
  size_t o = 0;
  const char *p = tmpl;
  while (*p && o + 1 < n) {
    bool hit = false;
    if (!strncmp(p, "FILE", 4)) {
      o += (size_t)snprintf(out + o, n - o, "%s", stem);
      p += 4;
      hit = true;
    }
    for (size_t i = 0; !hit && i < sizeof ph / sizeof ph[0]; i++) {
      size_t l = strlen(ph[i].ph);
      if (strncmp(p, ph[i].ph, l) == 0) {
        char v[256];
        name_in(name && *name ? name : stem, ph[i].sep, ph[i].kase, v,
                sizeof v);
        o += (size_t)snprintf(out + o, n - o, "%s", v);
        p += l;
        hit = true;
      }
    }
    if (!hit) {
      if (*p != '/' && *p != '\\')
        out[o++] = *p;
      p++;
    }
    if (o >= n)
      o = n - 1;
  }
  out[o] = 0;
  if (!out[0] || !strcmp(out, ".") || !strcmp(out, ".."))
    snprintf(out, n, "%s", stem);
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
  char *why;    /* the first error, for the summary (malloc'd) */
  char *output; /* where the output went (malloc'd) */
};

struct batch {
  const struct options *o;
  const char *style_text;
  size_t style_len;
  const char *datadir;
  bool outdir; /* o->output is a folder */
  struct job *jobs;
  int njobs, next, done, failed;
  bool progress; /* a progress line on a terminal */
  pthread_mutex_t mu;
  char **claimed; /* outputs written so far: a name twice is an error */
  int nclaimed;
};

/* Take an output path for a job; false if another input already has it. */
static bool claim(struct batch *b, const char *path) {
  bool ok = true;
  pthread_mutex_lock(&b->mu);
  for (int i = 0; i < b->nclaimed && ok; i++)
    ok = strcmp(b->claimed[i], path) != 0;
  if (ok && strcmp(path, "-") != 0) {
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

/* Render one input; its messages go to c->diag (a buffer of this job). */
static bool render_one(struct ctx *c, struct batch *b, struct job *j) {
  const struct options *o = b->o;
  const char *input = j->input;
  const char *shown = strcmp(input, "-") == 0 ? "<stdin>" : input;
  size_t len = 0;
  char *buf = read_file(input, &len, c->diag);
  if (!buf)
    return false;
  diag_source(c->diag, shown, buf, len);
  struct doc d;
  struct doc_opts dopts = {o->fit_pages, o->style, b->style_text,
                           b->style_len, o->sets,  o->nsets,
                           o->from};
  bool ok = doc_build(c, shown, buf, len, &dopts, &d);
  char *output = NULL;
  if (ok && !o->check) {
    output = output_path(b, input, d.author);
    if (strcmp(output, shown) == 0 ||
        (strcmp(output, "-") && strcmp(input, "-") && same_file(output, input))) {
      diag_error(c->diag, (struct loc){0},
                 "the output '%s' is the input file; choose another output",
                 output);
      ok = false;
    } else if (!claim(b, output)) {
      diag_error(c->diag, (struct loc){shown, 0, 0},
                 "its output '%s' is another input's output too; give them "
                 "different names (--name)",
                 output);
      ok = false;
    }
  }
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
    ok = write_atomic(output, text, tlen, c->diag);
    free(text);
  } else if (ok) {
    struct pdf_meta meta = {0};
    meta.title = d.title;
    meta.author = d.author;
    meta.date = (time_t)-1;
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
      char *end;
      long long v = strtoll(sde, &end, 10);
      if (*end == 0 && v >= 0)
        meta.date = (time_t)v;
    } else {
      meta.date = time(NULL);
    }
    meta.id = buf;
    meta.id_len = len;
    size_t plen = 0;
    unsigned char *pdf = pdf_render(c, &d.pages, &meta, &plen);
    ok = pdf && write_atomic(output, pdf, plen, c->diag);
    free(pdf);
  }
  if (ok && o->stats)
    print_stats(c->diag->out, shown, &c->stats, &d.pages);
  if (ok && o->verbose && output)
    fprintf(c->diag->out, "%s: wrote %s\n", shown,
            strcmp(output, "-") ? output : "standard output");
  j->output = output;
  diag_forget(c->diag, shown);
  free(buf);
  arena_reset(&c->doc);
  arena_reset(&c->lay);
  arena_reset(&c->tmp);
  return ok;
}

/* The first error message in a job's messages, for the summary. */
static char *first_error(const char *text) {
  const char *e = text ? strstr(text, "error: ") : NULL;
  if (!e)
    return xstrdup("failed");
  e += 7;
  size_t n = strcspn(e, "\n");
  if (n > 160)
    n = 160;
  char *r = xstrndup(e, n);
  return r;
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
  memset(&c, 0, sizeof c);
  arena_init(&c.doc);
  arena_init(&c.lay);
  arena_init(&c.tmp);
  c.fonts = &fonts;
  fonts.release_pages = b->njobs == 1;
  c.datadir = b->datadir;
  hyph_init(&c.hyph, "en_US", NULL);
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
    c.diag = &diag;
    bool ok = render_one(&c, b, j);
    fclose(mem);
    pthread_mutex_lock(&b->mu);
    b->done++;
    if (!ok) {
      j->failed = true;
      j->why = first_error(text);
      b->failed++;
    }
    if (b->progress)
      fputs("\r\033[K", stderr);
    if (tlen)
      fwrite(text, 1, tlen, stderr);
    if (b->progress)
      fprintf(stderr, "cvpdf: %d of %d done%s", b->done, b->njobs,
              b->failed ? "," : "");
    if (b->progress && b->failed)
      fprintf(stderr, " %d failed", b->failed);
    fflush(stderr);
    pthread_mutex_unlock(&b->mu);
    free(text);
  }
  hyph_free(&c.hyph);
  pdf_free(&c);
  arena_free(&c.doc);
  arena_free(&c.lay);
  arena_free(&c.tmp);
  fonts_free(&fonts);
  return NULL;
}

/* Parse the command line into o. Returns -1 to go on, or an exit status
 * (0 after --help or --version, 2 after a usage error). */
static int parse_args(int argc, char **argv, struct options *o) {
  int stdin_inputs = 0;
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
      *(a[2] == 's' ? &o->style : &o->output) = next;
      i++;
    } else if (strncmp(a, "--output=", 9) == 0) {
      o->output = a + 9;
    } else if (strncmp(a, "--style=", 8) == 0) {
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
    } else if (strcmp(a, "--name") == 0 || strncmp(a, "--name=", 7) == 0) {
      const char *v = a[6] == '=' ? a + 7 : next;
      if (!v || !*v)
        return usage_error("--name needs a template, e.g. "
                           "NAME_IN_SNAKE_CASE_CV",
                           NULL);
      if (v == next)
        i++;
      o->name = v;
    } else if (strcmp(a, "--from") == 0 || strncmp(a, "--from=", 7) == 0) {
      const char *v = a[6] == '=' ? a + 7 : next;
      if (v == next)
        i++;
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
    } else if (strcmp(a, "--fit-pages") == 0) {
      char *end = NULL;
      long v = next ? strtol(next, &end, 10) : 0;
      if (!next || !end || *end || v < 1 || v > 1000)
        return usage_error("--fit-pages needs a page count from 1 to 1000",
                           NULL);
      o->fit_pages = (int)v;
      i++;
    } else if (strcmp(a, "--dump") == 0 || strcmp(a, "--dump=pages") == 0) {
      o->dump = DUMP_PAGES;
    } else if (strcmp(a, "--dump=lines") == 0) {
      o->dump = DUMP_LINES;
    } else if (strcmp(a, "--dump=content") == 0) {
      o->dump = DUMP_CONTENT;
    } else if (strncmp(a, "--dump=", 7) == 0) {
      return usage_error("--dump= takes pages, lines or content, not", a + 7);
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
      return usage_error("unknown option", a);
    } else {
      if (strcmp(a, "-") == 0 && ++stdin_inputs > 1)
        return usage_error("standard input can be read once", NULL);
      o->inputs[o->ninputs++] = a;
    }
  }
  if (o->ninputs == 0)
    return usage_error("no input file given", NULL);
  if (o->watch && stdin_inputs)
    return usage_error("--watch needs files, not standard input", NULL);
  if (o->output && o->ninputs > 1 && !is_dir(o->output))
    return usage_error("with several inputs, -o must name a directory "
                       "(ending in '/'):",
                       o->output);
  return -1;
}

/* `cvpdf schema [-o FILE]` and `cvpdf new "Full Name" [-o FILE]` */
static int subcommand(int argc, char **argv) {
  const char *out = NULL, *name = NULL;
  for (int i = 2; i < argc; i++) {
    if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) && i + 1 < argc)
      out = argv[++i];
    else if (argv[i][0] == '-' && argv[i][1])
      return usage_error("unknown option", argv[i]);
    else if (!name)
      name = argv[i];
    else
      return usage_error("one name, in quotes if it has spaces:", argv[i]);
  }
  bool schema = !strcmp(argv[1], "schema");
  if (schema && name)
    return usage_error("cvpdf schema takes no argument:", name);
  if (!schema && !name)
    return usage_error("cvpdf new needs your name: cvpdf new \"Ada "
                       "Lovelace\"",
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
    snprintf(path, sizeof path, "%s_CV.yaml", *stem ? stem : "my");
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
  } else {
    ok = write_atomic(out ? out : "-", text, len, &d);
  }
  if (ok && !schema && strcmp(out, "-")) {
    /* the schema beside the new CV, for editors (unless one is there) */
    char sp[1024];
    const char *slash = strrchr(out, '/');
    snprintf(sp, sizeof sp, "%.*s%s", slash ? (int)(slash - out + 1) : 0, out,
             schema_file);
    if (stat(sp, &st) != 0) {
      char *stext = NULL;
      size_t slen = 0;
      FILE *sm = xcheck(open_memstream(&stext, &slen));
      schema_write(sm);
      fclose(sm);
      ok = write_atomic(sp, stext, slen, &d);
      free(stext);
    }
    if (ok)
      fprintf(stderr, "cvpdf: wrote %s; render it with: cvpdf %s\n", out, out);
  }
  free(text);
  return ok ? 0 : 1;
}

/* A file's modification time and size, to notice a change. */
static bool stamp(const char *path, struct timespec *t, off_t *size) {
  struct stat st;
  if (stat(path, &st) != 0)
    return false;
  *t = st.st_mtim;
  *size = st.st_size;
  return true;
}

int main(int argc, char **argv) {
  setlocale(LC_CTYPE, "C.UTF-8");
  init_linebreak(); /* libunibreak's lookup index: speed only */
  if (argc >= 2 && (!strcmp(argv[1], "new") || !strcmp(argv[1], "schema")))
    return subcommand(argc, argv);
  struct options o = {0};
  o.inputs = xcalloc((size_t)argc + 1, sizeof(char *));
  o.sets = xcalloc((size_t)argc + 1, sizeof(char *));
  int status = parse_args(argc, argv, &o);
  if (status >= 0) {
    free(o.inputs);
    free(o.sets);
    return status;
  }
  struct batch b;
  memset(&b, 0, sizeof b);
  b.o = &o;
  b.outdir = o.output && strcmp(o.output, "-") != 0 &&
             (o.ninputs > 1 || is_dir(o.output));
  struct stat st;
  if (b.outdir && (stat(o.output, &st) != 0 || !S_ISDIR(st.st_mode))) {
    fprintf(stderr, "cvpdf: error: output directory '%s' does not exist\n",
            o.output);
    free(o.inputs);
    free(o.sets);
    return 1;
  }
  char datadir[PATH_MAX];
  b.datadir = find_datadir(datadir, sizeof datadir);
  char *style_text = NULL;
  if (o.style) {
    struct diag d;
    diag_init(&d, stderr);
    style_text = read_file(o.style, &b.style_len, &d);
    if (!style_text) {
      free(o.inputs);
      free(o.sets);
      return 1; /* nothing can be rendered without its style */
    }
  }
  b.style_text = style_text;
  b.njobs = o.ninputs;
  b.jobs = xcalloc((size_t)o.ninputs, sizeof *b.jobs);
  b.claimed = xcalloc((size_t)o.ninputs, sizeof(char *));
  for (int i = 0; i < o.ninputs; i++)
    b.jobs[i].input = o.inputs[i];
  pthread_mutex_init(&b.mu, NULL);
  b.progress = o.ninputs > 1 && !o.quiet && isatty(2);

  /* --watch: the files' stamps, to render again when one changes */
  int nst = o.ninputs + (o.style ? 1 : 0);
  struct timespec *mt = xcalloc((size_t)nst, sizeof *mt);
  off_t *sz = xcalloc((size_t)nst, sizeof *sz);
  for (int i = 0; i < o.ninputs; i++)
    stamp(o.inputs[i], &mt[i], &sz[i]);
  if (o.style)
    stamp(o.style, &mt[o.ninputs], &sz[o.ninputs]);
again:;
  /* workers: one per core by default, never more than there are files */
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  int nw = o.jobs ? o.jobs : (int)(cores > 0 ? cores : 1);
  if (nw > o.ninputs)
    nw = o.ninputs;
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
  /* the summary: which files failed, and why */
  if (b.failed && o.ninputs > 1) {
    fprintf(stderr, "cvpdf: %d of %d files failed:\n", b.failed, o.ninputs);
    for (int i = 0; i < o.ninputs; i++)
      if (b.jobs[i].failed)
        fprintf(stderr, "  %s: %s\n",
                strcmp(b.jobs[i].input, "-") ? b.jobs[i].input : "<stdin>",
                b.jobs[i].why);
  }
  int failed = b.failed;
  if (o.watch) {
    fprintf(stderr, "cvpdf: %s; watching for changes (Ctrl-C stops)\n",
            failed ? "failed" : "done");
    /* wait for a change: a new stamp on any input or the style file */
    for (bool changed = false; !changed;) {
      struct timespec pause = {0, 200 * 1000 * 1000};
      nanosleep(&pause, NULL);
      for (int i = 0; i < nst; i++) {
        const char *p = i < o.ninputs ? o.inputs[i] : o.style;
        struct timespec t;
        off_t n;
        if (stamp(p, &t, &n) && (t.tv_sec != mt[i].tv_sec ||
                                 t.tv_nsec != mt[i].tv_nsec || n != sz[i])) {
          mt[i] = t;
          sz[i] = n;
          changed = true;
        }
      }
    }
    /* the style file is read again; every file is rendered again */
    if (o.style) {
      struct diag d;
      diag_init(&d, stderr);
      size_t n = 0;
      char *t = read_file(o.style, &n, &d);
      if (t) {
        free(style_text);
        style_text = t;
        b.style_text = t;
        b.style_len = n;
      }
    }
    for (int i = 0; i < o.ninputs; i++) {
      free(b.jobs[i].why);
      free(b.jobs[i].output);
      b.jobs[i].why = b.jobs[i].output = NULL;
      b.jobs[i].failed = false;
    }
    for (int i = 0; i < b.nclaimed; i++)
      free(b.claimed[i]);
    b.nclaimed = b.next = b.done = b.failed = 0;
    goto again;
  }
  free(mt);
  free(sz);
  for (int i = 0; i < o.ninputs; i++) {
    free(b.jobs[i].why);
    free(b.jobs[i].output);
  }
  for (int i = 0; i < b.nclaimed; i++)
    free(b.claimed[i]);
  free(b.claimed);
  free(b.jobs);
  pthread_mutex_destroy(&b.mu);
  free(style_text);
  free(o.inputs);
  free(o.sets);
  return failed ? 1 : 0;
}
