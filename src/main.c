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

static const char USAGE[] =
    "usage: cvpdf [options] CV.yaml [CV.yaml ...]\n"
    "\n"
    "Typeset a CV written in YAML (RenderCV's format) into a PDF.\n"
    "\n"
    "options:\n"
    "  -o, --output PATH   output file (one input) or directory (ending in /\n"
    "                      or existing); default: the input with .pdf\n"
    "      --dump          write a text trace of the laid-out pages instead\n"
    "                      of a PDF (to PATH, or to standard output)\n"
    "      --style FILE    a style file: 'design:' (and 'locale:') blocks that\n"
    "                      the CV's own blocks override\n"
    "      --set KEY=VALUE override any key, e.g. design.page.size=us-letter\n"
    "                      (repeatable; the value is read as YAML)\n"
    "      --fit-pages N   shrink spacing, then type, to fit N pages\n"
    "      --check         check the input (and lay it out) but write nothing\n"
    "      --stats         print typesetting statistics to standard error\n"
    "  -q, --quiet         do not print warnings\n"
    "  -h, --help          show this help\n"
    "      --version       show the version\n"
    "\n"
    "exit status: 0 success, 1 bad input or failed render, 2 bad usage\n";

struct options {
  const char *output;
  const char *style;
  const char **sets;
  int nsets;
  int fit_pages;
  bool dump, stats, quiet, check;
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

/* Read a whole file, refusing what is not a regular file or too large. */
static char *read_file(const char *path, size_t *len, struct diag *d) {
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
  char *buf = malloc(n + 1);
  if (!buf)
    abort();
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
  char *tmp = malloc(pl + 16);
  if (!tmp)
    abort();
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
  if (ok && fsync(fd) != 0 && errno != EINVAL && errno != EROFS) {
    ok = false;
    saved = errno;
  }
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

/* out/<input basename without extension>.pdf (or beside the input) */
static char *output_for(const char *input, const char *outdir, bool dump) {
  const char *base = strrchr(input, '/');
  base = base ? base + 1 : input;
  const char *dot = strrchr(base, '.');
  size_t stem = dot && dot != base ? (size_t)(dot - base) : strlen(base);
  const char *ext = dump ? ".txt" : ".pdf";
  size_t n = (outdir ? strlen(outdir) : (size_t)(base - input)) + stem + 8;
  char *r = malloc(n);
  if (!r)
    abort();
  if (outdir) {
    size_t dl = strlen(outdir);
    snprintf(r, n, "%s%s%.*s%s", outdir,
             dl && outdir[dl - 1] == '/' ? "" : "/", (int)stem, base, ext);
  } else {
    snprintf(r, n, "%.*s%.*s%s", (int)(base - input), input, (int)stem, base,
             ext);
  }
  return r;
}

static void print_stats(const char *file, const struct stats *st,
                        const struct pages *pg) {
  fprintf(stderr,
          "%s: pages %d, lines %d, hyphenated %d, overfull %d, underfull %d, "
          "interword space (actual/natural) max %.3f mean %.3f over %d "
          "justified lines\n",
          file, pg->n, st->lines, st->hyphenated, st->overfull, st->underfull,
          st->max_space_ratio,
          st->justified ? st->sum_space_ratio / st->justified : 0.0,
          st->justified);
}

static bool render_one(struct ctx *c, const struct options *o,
                       const char *input, const char *output,
                       const char *style_text, size_t style_len) {
  size_t len = 0;
  char *buf = read_file(input, &len, c->diag);
  if (!buf)
    return false;
  if (strcmp(output, "-") && same_file(input, output)) {
    diag_error(c->diag, (struct loc){0},
               "the output '%s' is the input file; choose another output",
               output);
    free(buf);
    return false;
  }
  diag_source(c->diag, input, buf, len);
  struct doc d;
  struct doc_opts dopts = {o->fit_pages, o->style, style_text, style_len,
                           o->sets, o->nsets};
  bool ok = doc_build(c, input, buf, len, &dopts, &d);
  if (ok && o->check) {
    /* nothing to write */
  } else if (ok && o->dump) {
    char *text = NULL;
    size_t tlen = 0;
    FILE *mem = open_memstream(&text, &tlen);
    if (!mem)
      abort();
    dump_pages(mem, c, &d.pages);
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
    print_stats(input, &c->stats, &d.pages);
  diag_forget(c->diag, input);
  free(buf);
  arena_reset(&c->doc);
  arena_reset(&c->lay);
  arena_reset(&c->tmp);
  return ok;
}

/* Parse the command line into o. Returns -1 to go on, or an exit status
 * (0 after --help or --version, 2 after a usage error). */
static int parse_args(int argc, char **argv, struct options *o) {
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
    } else if (strcmp(a, "--fit-pages") == 0) {
      char *end = NULL;
      long v = next ? strtol(next, &end, 10) : 0;
      if (!next || !end || *end || v < 1 || v > 1000)
        return usage_error("--fit-pages needs a page count from 1 to 1000",
                           NULL);
      o->fit_pages = (int)v;
      i++;
    } else if (strcmp(a, "--dump") == 0) {
      o->dump = true;
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
      o->inputs[o->ninputs++] = a;
    }
  }
  if (o->ninputs == 0)
    return usage_error("no input file given", NULL);
  if (o->output && o->ninputs > 1 && !is_dir(o->output))
    return usage_error("with several inputs, -o must name a directory "
                       "(ending in '/'):",
                       o->output);
  return -1;
}

int main(int argc, char **argv) {
  setlocale(LC_CTYPE, "C.UTF-8");
  init_linebreak(); /* libunibreak's lookup index: speed only */
  struct options o = {0};
  o.inputs = calloc((size_t)argc + 1, sizeof(char *));
  o.sets = calloc((size_t)argc + 1, sizeof(char *));
  if (!o.inputs || !o.sets)
    abort();
  int status = parse_args(argc, argv, &o);
  if (status >= 0) {
    free(o.inputs);
    free(o.sets);
    return status;
  }
  bool outdir = o.output && (o.ninputs > 1 || is_dir(o.output));
  struct stat st;
  if (outdir && (stat(o.output, &st) != 0 || !S_ISDIR(st.st_mode))) {
    fprintf(stderr, "cvpdf: error: output directory '%s' does not exist\n",
            o.output);
    free(o.inputs);
    free(o.sets);
    return 1;
  }

  struct diag diag;
  diag_init(&diag, stderr);
  diag.quiet = o.quiet;
  struct fonts fonts;
  if (!fonts_init(&fonts)) {
    fprintf(stderr, "cvpdf: error: cannot start FreeType\n");
    free(o.inputs);
    free(o.sets);
    return 1;
  }
  char datadir[PATH_MAX];
  struct ctx c;
  memset(&c, 0, sizeof c);
  arena_init(&c.doc);
  arena_init(&c.lay);
  arena_init(&c.tmp);
  c.diag = &diag;
  c.fonts = &fonts;
  c.datadir = find_datadir(datadir, sizeof datadir);
  hyph_init(&c.hyph, "en_US", NULL);

  int failed = 0;
  char *style_text = NULL;
  size_t style_len = 0;
  bool style_ok = !o.style || (style_text = read_file(o.style, &style_len,
                                                      &diag)) != NULL;
  if (!style_ok)
    failed = o.ninputs; /* nothing can be rendered without its style */
  for (int i = 0; i < o.ninputs && style_ok; i++) {
    const char *in = o.inputs[i];
    char *out;
    if (outdir)
      out = output_for(in, o.output, o.dump);
    else if (o.output)
      out = strdup(o.output);
    else if (o.dump)
      out = strdup("-");
    else
      out = output_for(in, NULL, false);
    if (!out)
      abort();
    if (!render_one(&c, &o, in, out, style_text, style_len))
      failed++;
    free(out);
  }
  if (failed && o.ninputs > 1)
    fprintf(stderr, "cvpdf: %d of %d files failed\n", failed, o.ninputs);

  hyph_free(&c.hyph);
  arena_free(&c.doc);
  arena_free(&c.lay);
  arena_free(&c.tmp);
  fonts_free(&fonts);
  free(style_text);
  free(o.inputs);
  free(o.sets);
  return failed ? 1 : 0;
}
