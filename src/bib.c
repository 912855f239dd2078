/* bib.c: BibTeX files -> publication entries (see bib.h).
 *
 * Owns reading a .bib (btparse in a child process, its answer sent back
 * over a pipe as length-prefixed records), TeX -> Unicode markup, BibTeX
 * names formatted and the CV owner's found among them, and the `bibtex:`
 * item's options: which publications, in what order and groups, written
 * as which kind of entry through which template. It makes YAML nodes, not
 * CV entries: cv.c then loads them like entries written by hand, and
 * their positions point into the .bib.
 */
#include "bib.h"

#include <btparse.h>
#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <uninorm.h> /* libunistring */
#include <unistd.h>

#include "cvpdf.h"
#include "files.h"
#include "tmpl.h"
#include "utf8.h"

/* Limits on what the child may do: a .bib of a few hundred entries is
 * parsed in a few milliseconds; macros that double at each definition
 * could otherwise grow without bound. */
#define BIB_MAX_SECONDS 10
#define BIB_MAX_ANSWER ((size_t)64 << 20) /* bytes sent back */
#define BIB_MAX_MEMORY ((size_t)256 << 20) /* the child's resident size */
#define BIB_MAX_FILES 16 /* .bib files one document may read */

/* AddressSanitizer reserves terabytes of address space: a limit on it
 * would stop the child before it starts. */
#if defined(__SANITIZE_ADDRESS__)
#define BIB_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BIB_SANITIZED 1
#endif
#endif

/* ---- the child: btparse, loaded with dlopen ---- */

struct bt {
  void (*initialize)(void);
  void (*set_stringopts)(bt_metatype, btshort);
  AST *(*parse_entry)(FILE *, char *, btshort, boolean *);
  bt_metatype (*entry_metatype)(AST *);
  char *(*entry_type)(AST *);
  char *(*entry_key)(AST *);
  AST *(*next_field)(AST *, AST *, char **);
  char *(*get_text)(AST *);
  bt_stringlist *(*split_list)(char *, char *, char *, int, char *);
  bt_name *(*split_name)(char *, char *, int, int);
  void (*add_macro_text)(char *, char *, char *, int);
};

static void put_int(FILE *o, long v) { fprintf(o, "%ld ", v); }
static void put_str(FILE *o, const char *s) {
  size_t n = s ? strlen(s) : 0;
  fprintf(o, "%zu:", n);
  fwrite(s ? s : "", 1, n, o);
}

/* A name part's tokens joined by spaces (the child's; never freed: the
 * child ends). */
static char *part(const bt_name *n, int p) {
  size_t len = 1;
  for (int i = 0; i < n->part_len[p]; i++)
    len += strlen(n->parts[p][i]) + 1;
  char *s = calloc(1, len);
  if (!s)
    return "";
  for (int i = 0; i < n->part_len[p]; i++) {
    if (i)
      strcat(s, " ");
    strcat(s, n->parts[p][i]);
  }
  return s;
}

static void put_names(FILE *o, const struct bt *b, char tag, char *value,
                      int line) {
  bt_stringlist *l = b->split_list(value, "and", "bib", line, "name");
  if (!l)
    return;
  for (int i = 0; i < l->num_items; i++) {
    if (!l->items[i])
      continue;
    if (i == l->num_items - 1 && i > 0 && !strcmp(l->items[i], "others")) {
      fputc(tag == 'A' ? 'O' : 'P', o);
      continue;
    }
    bt_name *n = b->split_name(l->items[i], "bib", line, i + 1);
    if (!n)
      continue;
    fputc(tag, o);
    put_str(o, part(n, BTN_FIRST));
    put_str(o, part(n, BTN_VON));
    put_str(o, part(n, BTN_LAST));
    put_str(o, part(n, BTN_JR));
  }
}

/* btparse's functions: loaded (dlopen) by the parent, which never calls
 * them, before the fork, so that the child of a process with threads
 * never takes the loader's lock; *why is set when it cannot be loaded. */
static bool load_btparse(struct bt *b, const char **why) {
  void *lib = dlopen("libbtparse.so.2", RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  if (!lib) {
    *why = dlerror();
    return false;
  }
#define BT(f) *(void **)&b->f = dlsym(lib, "bt_" #f)
  BT(initialize);
  BT(set_stringopts);
  BT(parse_entry);
  BT(entry_metatype);
  BT(entry_type);
  BT(entry_key);
  BT(next_field);
  BT(get_text);
  BT(split_list);
  BT(split_name);
  BT(add_macro_text);
#undef BT
  for (void **f = (void **)b; f < (void **)(b + 1); f++)
    if (!*f) {
      *why = "a function is missing from libbtparse.so.2";
      return false;
    }
  return true;
}

/* Runs in the child: never returns. Its stdout and stdin are /dev/null,
 * its stderr (btparse's messages) a memory file sent back at the end. */
static void child(const struct bt *bp, int out_fd, const char *text,
                  size_t len) {
  /* a crash is the parent's to report: no handler of this process's
   * (a sanitizer's, a fuzzer's) acts in the child */
  static const int deadly[] = {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL};
  for (size_t i = 0; i < sizeof deadly / sizeof *deadly; i++)
    signal(deadly[i], SIG_DFL);
  int null = open("/dev/null", O_RDWR);
  if (null >= 0) {
    dup2(null, 0);
    dup2(null, 1);
  }
  int err = memfd_create("btparse-messages", 0);
  if (err >= 0)
    dup2(err, 2);
  struct rlimit cpu = {BIB_MAX_SECONDS, BIB_MAX_SECONDS};
  setrlimit(RLIMIT_CPU, &cpu);
#ifndef BIB_SANITIZED
  /* the parent also watches the child's size; this stops it at once */
  struct rlimit mem = {2 * BIB_MAX_MEMORY, 2 * BIB_MAX_MEMORY};
  setrlimit(RLIMIT_AS, &mem);
#endif
  FILE *o = fdopen(out_fd, "w");
  if (!o)
    _exit(4);
  struct bt b = *bp;
  FILE *in = fmemopen((void *)text, len, "r");
  if (!in)
    _exit(4);
  b.initialize();
  b.set_stringopts(BTE_REGULAR, BTO_FULL);
  static const char *const months[12] = {
      "jan", "feb", "mar", "apr", "may", "jun",
      "jul", "aug", "sep", "oct", "nov", "dec"};
  static const char *const month_names[12] = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  for (int i = 0; i < 12; i++)
    b.add_macro_text((char *)months[i], (char *)month_names[i], NULL, 0);
  for (;;) {
    boolean ok = 1;
    AST *e = b.parse_entry(in, "bib", 0, &ok);
    if (!e)
      break;
    if (b.entry_metatype(e) != BTE_REGULAR)
      continue;
    fputc('E', o);
    put_int(o, e->line);
    put_str(o, b.entry_type(e));
    put_str(o, b.entry_key(e));
    char *name = NULL;
    for (AST *f = NULL; (f = b.next_field(e, f, &name)) != NULL;) {
      char *v = b.get_text(f);
      fputc('F', o);
      put_int(o, f->line);
      put_str(o, name);
      put_str(o, v);
      if (v && name && (!strcmp(name, "author") || !strcmp(name, "editor")))
        put_names(o, &b, name[0] == 'a' ? 'A' : 'D', v, f->line);
    }
  }
  if (err >= 0) {
    off_t n = lseek(err, 0, SEEK_END);
    if (n > 0) {
      char *m = malloc((size_t)n + 1);
      if (m && pread(err, m, (size_t)n, 0) == n) {
        m[n] = 0;
        fputc('M', o);
        put_str(o, m);
      }
    }
  }
  fputc('Z', o);
  fflush(o);
  _exit(0);
}

/* ---- the parent: the child's answer ---- */

struct rd {
  struct arena *a;
  const char *p, *e;
  bool bad;
};

static long get_int(struct rd *r) {
  long v = 0;
  int digits = 0;
  while (r->p < r->e && isdigit((unsigned char)*r->p) && digits < 10) {
    v = v * 10 + (*r->p++ - '0');
    digits++;
  }
  if (!digits || r->p >= r->e || *r->p != ' ')
    r->bad = true;
  else
    r->p++;
  return v;
}

static const char *get_str(struct rd *r) {
  size_t n = 0;
  int digits = 0;
  while (r->p < r->e && isdigit((unsigned char)*r->p) && digits < 12) {
    n = n * 10 + (size_t)(*r->p++ - '0');
    digits++;
  }
  if (!digits || r->p >= r->e || *r->p != ':' ||
      (size_t)(r->e - r->p - 1) < n) {
    r->bad = true;
    return "";
  }
  r->p++;
  const char *s = arena_strndup(r->a, r->p, n);
  r->p += n;
  return s;
}

/* A process's resident bytes, from its /proc/PID/statm (0 if unknown). */
static size_t resident(const char *statm) {
  size_t rss = 0;
  FILE *f = fopen(statm, "r");
  if (f) {
    unsigned long size = 0, res = 0;
    long page = sysconf(_SC_PAGESIZE);
    if (fscanf(f, "%lu %lu", &size, &res) == 2)
      rss = (size_t)res * (size_t)(page > 0 ? page : 4096);
    fclose(f);
  }
  return rss;
}

/* The child's whole answer, or NULL after an error (reported). */
static char *run_child(struct diag *d, const char *path, const char *text,
                       size_t len, size_t *out_len, int *status) {
  struct bt b;
  const char *why = NULL;
  if (!load_btparse(&b, &why)) {
    diag_error(d, (struct loc){path, 0, 0},
               "cannot read BibTeX: %s (Debian's libbtparse2 reads it: "
               "apt-get install libbtparse2)", why);
    return NULL;
  }
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    diag_error(d, (struct loc){path, 0, 0}, "cannot read BibTeX: %s",
               strerror(errno));
    return NULL;
  }
  fflush(NULL); /* nothing buffered is written twice */
  /* the child starts as large as this process (its pages are shared
   * until written): what it may add is measured from here */
  size_t base = resident("/proc/self/statm");
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    diag_error(d, (struct loc){path, 0, 0}, "cannot read BibTeX: %s",
               strerror(errno));
    return NULL;
  }
  if (pid == 0) {
    close(fds[0]);
    child(&b, fds[1], text, len);
  }
  close(fds[1]);
  size_t n = 0, cap = 1 << 16;
  char *buf = xmalloc(cap);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  bool killed = false;
  char statm[64];
  snprintf(statm, sizeof statm, "/proc/%d/statm", (int)pid);
  long next_look = 0;
  for (;;) {
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 +
              (t1.tv_nsec - t0.tv_nsec) / 1000000;
    /* its resident size, at most every 20 ms (under a sanitizer the
     * address space cannot be limited): not for each piece of its answer */
    size_t rss = 0;
    if (ms >= next_look) {
      rss = resident(statm);
      next_look = ms + 20;
    }
    if (ms >= BIB_MAX_SECONDS * 1000 || n >= BIB_MAX_ANSWER ||
        rss > base + BIB_MAX_MEMORY) {
      kill(pid, SIGKILL);
      killed = true;
      break;
    }
    struct pollfd p = {fds[0], POLLIN, 0};
    int r = poll(&p, 1, 20);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      continue; /* the clock and the size decide */
    if (n == cap) {
      cap *= 2;
      buf = xrealloc(buf, cap);
    }
    ssize_t got = read(fds[0], buf + n, cap - n);
    if (got < 0 && errno == EINTR)
      continue;
    if (got <= 0)
      break;
    n += (size_t)got;
  }
  close(fds[0]);
  int st = 0;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
    ;
  *status = st;
  if (killed) {
    free(buf);
    diag_error(d, (struct loc){path, 0, 0},
               "this BibTeX file takes too long or too much memory to read "
               "(more than %d s or %zu MiB): are its @string macros pasted "
               "from each other many times over?",
               BIB_MAX_SECONDS, BIB_MAX_MEMORY >> 20);
    return NULL;
  }
  *out_len = n;
  return buf;
}

/* Where in the line btparse's message is about: the token it quotes
 * ("found \"x\""), else the line's first character. */
static int message_col(const char *text, size_t len, int line,
                       const char *msg) {
  const char *p = text, *e = text + len;
  for (int l = 1; l < line && p < e; l++) {
    const char *nl = memchr(p, '\n', (size_t)(e - p));
    p = nl ? nl + 1 : e;
  }
  const char *eol = memchr(p, '\n', (size_t)(e - p));
  if (!eol)
    eol = e;
  const char *q = strchr(msg, '"');
  if (q) {
    const char *q2 = strchr(q + 1, '"');
    size_t tl = q2 ? (size_t)(q2 - q - 1) : 0;
    if (tl && tl < (size_t)(eol - p))
      for (const char *s = p; s + tl <= eol; s++)
        if (!memcmp(s, q + 1, tl))
          return (int)utf8_length(p, (size_t)(s - p)) + 1;
  }
  const char *s = p;
  while (s < eol && (*s == ' ' || *s == '\t'))
    s++;
  return (int)(s - p) + 1;
}

/* btparse's messages ("bib, line 3, syntax error: ...") as ours. */
static void messages(struct diag *d, const char *path, const char *text,
                     size_t len, const char *m) {
  while (*m) {
    const char *nl = strchr(m, '\n');
    size_t n = nl ? (size_t)(nl - m) : strlen(m);
    char *line = xstrndup(m, n);
    m += n + (nl != NULL);
    int ln = 0;
    const char *msg = line;
    if (!strncmp(msg, "bib, ", 5))
      msg += 5;
    if (!strncmp(msg, "line ", 5)) {
      ln = atoi(msg + 5);
      msg = strchr(msg, ',') ? strchr(msg, ',') + 2 : msg + strlen(msg);
      if (*msg == 0) {
        const char *c = strchr(line, ':');
        msg = c ? c + 2 : line;
      }
    }
    /* "name 2, warning: ..." or "warning: ..." or "syntax error: ..." */
    const char *colon = strstr(msg, ": ");
    bool is_warning = colon && (size_t)(colon - msg) >= 7 &&
                      !strncmp(colon - 7, "warning", 7);
    const char *what = colon ? colon + 2 : msg;
    char kind[64] = "";
    if (colon && (size_t)(colon - msg) < sizeof kind) {
      memcpy(kind, msg, (size_t)(colon - msg));
      kind[colon - msg] = 0;
    }
    struct loc at = {path, ln, ln ? message_col(text, len, ln, what) : 0};
    if (!*what) {
      ;
    } else if (is_warning) {
      diag_warn(d, at, "BibTeX: %s", what);
    } else {
      diag_error(d, at, "BibTeX %s: %s", *kind ? kind : "error", what);
    }
    free(line);
  }
}

static struct bib_entry *new_entry(struct arena *a, struct bib_file *f,
                                   int *cap) {
  if (f->n == *cap) {
    int nc = *cap ? *cap * 2 : 16;
    f->v = arena_grow(a, f->v, sizeof *f->v * (size_t)*cap,
                      sizeof *f->v * (size_t)nc);
    *cap = nc;
  }
  struct bib_entry *e = &f->v[f->n++];
  memset(e, 0, sizeof *e);
  return e;
}

static char *lower(struct arena *a, const char *s) {
  char *r = arena_strdup(a, s);
  for (char *p = r; *p; p++)
    *p = (char)tolower((unsigned char)*p);
  return r;
}

bool bib_parse(struct arena *a, struct diag *d, const char *path,
               const char *text, size_t len, struct bib_file *out) {
  memset(out, 0, sizeof *out);
  out->path = path;
  size_t bad = utf8_invalid_at(text, len);
  if (bad < len) {
    int line = 1;
    size_t ls = 0;
    for (size_t i = 0; i < bad; i++)
      if (text[i] == '\n')
        line++, ls = i + 1;
    diag_error(d, (struct loc){path, line,
                               (int)utf8_length(text + ls, bad - ls) + 1},
               "invalid UTF-8 in this BibTeX file: expected UTF-8 text "
               "(convert a Latin-1 file with iconv -f latin1 -t utf8)");
    return false;
  }
  if (memchr(text, 0, len)) {
    diag_error(d, (struct loc){path, 0, 0},
               "this BibTeX file holds a NUL byte: expected text");
    return false;
  }
  if (len == 0)
    return true;
  size_t n = 0;
  int status = 0;
  char *ans = run_child(d, path, text, len, &n, &status);
  if (!ans)
    return false;
  int errors = d->errors;
  struct rd r = {a, ans, ans + n, false};
  int cap = 0, acap = 0, dcap = 0, fcap = 0;
  struct bib_entry *e = NULL;
  bool done = false;
  while (r.p < r.e && !r.bad && !done) {
    char tag = *r.p++;
    switch (tag) {
    case 'E':
      e = new_entry(a, out, &cap);
      e->line = (int)get_int(&r);
      e->type = lower(a, get_str(&r));
      e->key = get_str(&r);
      fcap = acap = dcap = 0;
      break;
    case 'F':
      if (!e) {
        r.bad = true;
        break;
      }
      if (e->nf == fcap) {
        int nc = fcap ? fcap * 2 : 8;
        e->f = arena_grow(a, e->f, sizeof *e->f * (size_t)fcap,
                          sizeof *e->f * (size_t)nc);
        fcap = nc;
      }
      e->f[e->nf].line = (int)get_int(&r);
      e->f[e->nf].name = lower(a, get_str(&r));
      e->f[e->nf].raw = get_str(&r);
      e->nf++;
      break;
    case 'A':
    case 'D': {
      if (!e) {
        r.bad = true;
        break;
      }
      struct bib_name **v = tag == 'A' ? &e->authors : &e->editors;
      int *nv = tag == 'A' ? &e->nauthors : &e->neditors;
      int *c = tag == 'A' ? &acap : &dcap;
      if (*nv == *c) {
        int nc = *c ? *c * 2 : 8;
        *v = arena_grow(a, *v, sizeof **v * (size_t)*c,
                        sizeof **v * (size_t)nc);
        *c = nc;
      }
      struct bib_name *nm = &(*v)[(*nv)++];
      nm->first = get_str(&r);
      nm->von = get_str(&r);
      nm->last = get_str(&r);
      nm->jr = get_str(&r);
      break;
    }
    case 'O':
    case 'P':
      if (e)
        *(tag == 'O' ? &e->authors_others : &e->editors_others) = true;
      break;
    case 'M':
      messages(d, path, text, len, get_str(&r));
      break;
    case 'Z':
      done = true;
      break;
    default:
      r.bad = true;
    }
  }
  free(ans);
  if (!done || r.bad || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    if (WIFSIGNALED(status))
      diag_error(d, (struct loc){path, 0, 0},
                 "the BibTeX parser (libbtparse) failed on this file "
                 "(signal %d), which was not read: look for unbalanced "
                 "braces or quotes, or @string macros pasted from each "
                 "other many times over",
                 WTERMSIG(status));
    else
      diag_error(d, (struct loc){path, 0, 0},
                 "the BibTeX parser (libbtparse) stopped on this file "
                 "(exit status %d): the file was not read",
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return false;
  }
  return d->errors == errors;
}

const char *bib_get(const struct bib_entry *e, const char *name) {
  for (int i = 0; i < e->nf; i++)
    if (!strcmp(e->f[i].name, name))
      return e->f[i].raw;
  return NULL;
}

static int field_line(const struct bib_entry *e, const char *name) {
  for (int i = 0; i < e->nf; i++)
    if (!strcmp(e->f[i].name, name))
      return e->f[i].line;
  return e->line;
}

/* ---- TeX -> Unicode markup ---- */

struct tex {
  char *b;
  size_t n, cap;
  const char *unknown;
  struct arena *a;
  int depth;
  bool math;
};

static void put(struct tex *t, const char *s, size_t n) {
  if (t->n + n + 1 > t->cap) {
    t->cap = (t->n + n + 1) * 2;
    t->b = xrealloc(t->b, t->cap);
  }
  memcpy(t->b + t->n, s, n);
  t->n += n;
  t->b[t->n] = 0;
}
static void puts_(struct tex *t, const char *s) { put(t, s, strlen(s)); }
static void put_cp(struct tex *t, uint32_t cp) {
  char u[4];
  put(t, u, (size_t)utf8_encode(cp, u));
}

/* ASCII characters that mean something to cvpdf's markup */
static bool markup_char(char c) { return c && strchr("*_`[]<>^\\", c); }

static void put_escaped(struct tex *t, char c) {
  if (markup_char(c))
    put(t, "\\", 1);
  put(t, &c, 1);
}

static const struct {
  const char *name, *text;
} SPECIALS[] = {
    {"i", "ı"}, {"j", "ȷ"}, {"ss", "ß"}, {"SS", "SS"}, {"o", "ø"},
    {"O", "Ø"}, {"l", "ł"}, {"L", "Ł"}, {"ae", "æ"}, {"AE", "Æ"},
    {"oe", "œ"}, {"OE", "Œ"}, {"aa", "å"}, {"AA", "Å"}, {"dh", "ð"},
    {"DH", "Ð"}, {"th", "þ"}, {"TH", "Þ"}, {"ng", "ŋ"}, {"NG", "Ŋ"},
    {"dj", "đ"}, {"DJ", "Đ"}, {"textendash", "–"}, {"textemdash", "—"},
    {"textquoteleft", "‘"}, {"textquoteright", "’"},
    {"textquotedblleft", "“"}, {"textquotedblright", "”"},
    {"guillemotleft", "«"}, {"guillemotright", "»"}, {"dag", "†"},
    {"ddag", "‡"}, {"textdagger", "†"}, {"textdaggerdbl", "‡"},
    {"S", "§"}, {"P", "¶"}, {"copyright", "©"}, {"textcopyright", "©"},
    {"pounds", "£"}, {"textsterling", "£"}, {"euro", "€"},
    {"texteuro", "€"}, {"ldots", "…"}, {"dots", "…"},
    {"textellipsis", "…"}, {"textregistered", "®"},
    {"texttrademark", "™"}, {"textbullet", "•"},
    {"textperiodcentered", "·"}, {"textdegree", "°"}, {"LaTeX", "LaTeX"},
    {"TeX", "TeX"}, {"BibTeX", "BibTeX"}, {"textasciitilde", "~"},
    {"textbackslash", "\\\\"}, {"textunderscore", "\\_"}, {"textbar", "|"},
    {"textless", "\\<"}, {"textgreater", "\\>"}, {"quad", " "},
    {"qquad", " "}, {"enspace", " "}, {"thinspace", "\u2009"},
    {"nobreakspace", "\u00a0"}, {"relax", ""}, {"noopsort", ""},
    {"alpha", "α"}, {"beta", "β"}, {"gamma", "γ"}, {"delta", "δ"},
    {"epsilon", "ε"}, {"varepsilon", "ε"}, {"zeta", "ζ"}, {"eta", "η"},
    {"theta", "θ"}, {"iota", "ι"}, {"kappa", "κ"}, {"lambda", "λ"},
    {"mu", "μ"}, {"nu", "ν"}, {"xi", "ξ"}, {"pi", "π"}, {"rho", "ρ"},
    {"sigma", "σ"}, {"tau", "τ"}, {"upsilon", "υ"}, {"phi", "φ"},
    {"varphi", "φ"}, {"chi", "χ"}, {"psi", "ψ"}, {"omega", "ω"},
    {"Gamma", "Γ"}, {"Delta", "Δ"}, {"Theta", "Θ"}, {"Lambda", "Λ"},
    {"Xi", "Ξ"}, {"Pi", "Π"}, {"Sigma", "Σ"}, {"Upsilon", "Υ"},
    {"Phi", "Φ"}, {"Psi", "Ψ"}, {"Omega", "Ω"}, {"times", "×"},
    {"pm", "±"}, {"cdot", "·"}, {"leq", "≤"}, {"le", "≤"}, {"geq", "≥"},
    {"ge", "≥"}, {"neq", "≠"}, {"ne", "≠"}, {"infty", "∞"},
    {"approx", "≈"}, {"sim", "∼"}, {"to", "→"}, {"rightarrow", "→"},
    {"leftarrow", "←"}, {"ell", "ℓ"}, {"partial", "∂"}, {"nabla", "∇"},
    {"in", "∈"}, {"ast", "∗"}, {"star", "⋆"}, {"log", "log"},
    {"exp", "exp"}, {"sqrt", "√"}, {"ell", "ℓ"}, {"emptyset", "∅"},
};

/* accents: the command (a symbol or a letter) and its combining mark */
static uint32_t accent_mark(const char *name) {
  static const struct {
    const char *name;
    uint32_t mark;
  } A[] = {{"`", 0x300}, {"'", 0x301}, {"^", 0x302}, {"~", 0x303},
           {"=", 0x304}, {"u", 0x306}, {".", 0x307}, {"\"", 0x308},
           {"r", 0x30A}, {"H", 0x30B}, {"v", 0x30C}, {"d", 0x323},
           {"c", 0x327}, {"k", 0x328}, {"b", 0x331}, {"t", 0x361}};
  for (size_t i = 0; i < sizeof A / sizeof *A; i++)
    if (!strcmp(A[i].name, name))
      return A[i].mark;
  return 0;
}

static size_t tex_run(struct tex *t, const char *s, size_t i, size_t n,
                      bool group);

/* One argument (a group, a command or one character) converted on its own. */
static size_t tex_arg(struct tex *t, const char *s, size_t i, size_t n,
                      struct tex *sub) {
  memset(sub, 0, sizeof *sub);
  sub->a = t->a;
  sub->depth = t->depth + 1;
  sub->math = t->math;
  while (i < n && s[i] == ' ')
    i++;
  if (i >= n)
    return i;
  if (s[i] == '{') {
    i = tex_run(sub, s, i + 1, n, true);
  } else if (s[i] == '\\') {
    size_t j = i + 1;
    if (j < n && isalpha((unsigned char)s[j]))
      while (j < n && isalpha((unsigned char)s[j]))
        j++;
    else if (j < n)
      j++;
    /* the command with what it takes: converted by a run over it alone */
    char name[32];
    snprintf(name, sizeof name, "%.*s", (int)(j - i - 1), s + i + 1);
    tex_run(sub, s, i, j, false);
    i = j;
    if (accent_mark(name) && i < n) {
      struct tex inner;
      i = tex_arg(t, s, i, n, &inner);
      if (inner.b)
        put(sub, inner.b, inner.n);
      free(inner.b);
    }
  } else {
    const char *p = s + i;
    utf8_next(&p);
    size_t cl = (size_t)(p - (s + i));
    tex_run(sub, s, i, i + cl, false);
    i += cl;
  }
  if (sub->unknown && !t->unknown)
    t->unknown = sub->unknown;
  return i;
}

static void trim_into(struct tex *t, const struct tex *sub, const char *mark) {
  const char *p = sub->b ? sub->b : "";
  size_t n = sub->n;
  while (n && *p == ' ')
    p++, n--;
  while (n && p[n - 1] == ' ')
    n--;
  if (!n)
    return;
  puts_(t, mark);
  put(t, p, n);
  puts_(t, mark);
}

/* Convert s[i..n) (up to the closing brace when `group`); returns the
 * index after what was read. */
static size_t tex_run(struct tex *t, const char *s, size_t i, size_t n,
                      bool group) {
  size_t decl = (size_t)-1; /* where {\em ...} began in the output */
  const char *decl_mark = NULL;
  while (i < n) {
    char c = s[i];
    if (c == '}') {
      i++;
      if (group)
        break;
      continue; /* unbalanced: btparse has said so */
    }
    if (c == '{') {
      if (t->depth > 64) { /* braces within braces: text */
        i++;
        continue;
      }
      t->depth++;
      i = tex_run(t, s, i + 1, n, true);
      t->depth--;
      continue;
    }
    if (c == '$') {
      t->math = !t->math;
      i++;
      continue;
    }
    if (c == '~') {
      put_cp(t, 0xA0);
      i++;
      continue;
    }
    if (c == '-' && i + 1 < n && s[i + 1] == '-') {
      bool em = i + 2 < n && s[i + 2] == '-';
      puts_(t, em ? "—" : "–");
      i += em ? 3 : 2;
      continue;
    }
    if (c == '`') {
      bool two = i + 1 < n && s[i + 1] == '`';
      puts_(t, two ? "“" : "‘");
      i += two ? 2 : 1;
      continue;
    }
    if (c == '\'' && i + 1 < n && s[i + 1] == '\'') {
      puts_(t, "”");
      i += 2;
      continue;
    }
    if (t->math && (c == '^' || c == '_')) {
      struct tex sub;
      i = tex_arg(t, s, i + 1, n, &sub);
      if (c == '^')
        trim_into(t, &sub, "^");
      else if (sub.b) {
        puts_(t, "\\_");
        put(t, sub.b, sub.n);
      }
      free(sub.b);
      continue;
    }
    if (c != '\\') {
      if (c == ' ' && t->n && t->b[t->n - 1] == ' ') { /* collapse */
        i++;
        continue;
      }
      if ((unsigned char)c < 0x80) {
        put_escaped(t, c);
        i++;
      } else {
        const char *p = s + i;
        utf8_next(&p);
        put(t, s + i, (size_t)(p - (s + i)));
        i = (size_t)(p - s);
      }
      continue;
    }
    /* a command */
    size_t j = i + 1;
    if (j >= n) {
      i = j;
      continue;
    }
    char name[40];
    if (isalpha((unsigned char)s[j])) {
      while (j < n && isalpha((unsigned char)s[j]))
        j++;
      snprintf(name, sizeof name, "%.*s", (int)(j - i - 1), s + i + 1);
      while (j < n && s[j] == ' ')
        j++; /* TeX skips spaces after a control word */
    } else {
      name[0] = s[j];
      name[1] = 0;
      j++;
    }
    i = j;
    uint32_t mark = accent_mark(name);
    if (mark) {
      struct tex sub;
      i = tex_arg(t, s, i, n, &sub);
      const char *b = sub.b ? sub.b : "", *p = b;
      if (!*b) { /* an accent on nothing: nothing to show */
        free(sub.b);
        continue;
      }
      if (*p == '\\' && p[1]) /* an escaped character keeps its escape */
        p += 2;
      else
        utf8_next(&p);
      /* \i and \j are the dotless letters accents are put on */
      if (!strncmp(b, "ı", 2) || !strncmp(b, "ȷ", 2))
        put(t, (unsigned char)b[1] == 0xb1 ? "i" : "j", 1);
      else
        put(t, b, (size_t)(p - b));
      put_cp(t, mark);
      puts_(t, p);
      free(sub.b);
      continue;
    }
    if (strlen(name) == 1 && !isalpha((unsigned char)name[0])) {
      /* control symbols: \& \% \$ \# \_ \{ \} \  \, \- ... */
      char ch = name[0];
      if (strchr("&%$#_{}", ch))
        put_escaped(t, ch);
      else if (ch == ' ' || ch == ';' || ch == ':' || ch == '\\')
        put(t, " ", 1);
      else if (ch == ',')
        put_cp(t, 0x2009);
      /* \- \/ \@ \! : nothing to show */
      continue;
    }
    bool found = false;
    for (size_t k = 0; k < sizeof SPECIALS / sizeof *SPECIALS; k++)
      if (!strcmp(SPECIALS[k].name, name)) {
        puts_(t, SPECIALS[k].text);
        found = true;
        break;
      }
    if (found)
      continue;
    static const char *const italic[] = {"emph", "textit", "textsl",
                                         "mathit", NULL};
    static const char *const bold[] = {"textbf", "mathbf", "bm",
                                       "boldsymbol", NULL};
    static const char *const plain[] = {
        "textsc", "texttt", "textrm", "textsf", "textup", "textmd",
        "textnormal", "mbox", "hbox", "text", "mathrm", "mathsf", "mathtt",
        "mathcal", "mathbb", "mathfrak", "operatorname", "ensuremath",
        "url", "nolinkurl", "path", "NoCaseChange", "MakeUppercase",
        "MakeLowercase", "uppercase", "lowercase", "textsuperscript",
        "textsubscript", "doi", "protect", NULL};
    static const char *const decls[] = {"em", "it", "sl", "bf", "sc", "tt",
                                        "rm", "sf", "up", "normalfont",
                                        "small", "large", "footnotesize",
                                        NULL};
    const char *kind = NULL;
    for (int k = 0; italic[k] && !kind; k++)
      if (!strcmp(italic[k], name))
        kind = "*";
    for (int k = 0; bold[k] && !kind; k++)
      if (!strcmp(bold[k], name))
        kind = "**";
    if (!strcmp(name, "textsuperscript"))
      kind = "^";
    for (int k = 0; plain[k] && !kind; k++)
      if (!strcmp(plain[k], name))
        kind = "";
    if (kind) {
      struct tex sub;
      i = tex_arg(t, s, i, n, &sub);
      trim_into(t, &sub, kind);
      if (sub.unknown && !t->unknown)
        t->unknown = sub.unknown;
      free(sub.b);
      continue;
    }
    if (!strcmp(name, "href")) {
      struct tex txt;
      /* the address as written: only braces stand for nothing */
      size_t k = i;
      while (k < n && s[k] == ' ')
        k++;
      const char *u0 = s + k;
      size_t ul = 0;
      if (k < n && s[k] == '{') {
        int lvl = 0;
        size_t m = k;
        for (; m < n; m++) {
          lvl += s[m] == '{';
          lvl -= s[m] == '}';
          if (!lvl)
            break;
        }
        u0 = s + k + 1;
        ul = m > k ? m - k - 1 : 0;
        i = m < n ? m + 1 : n;
      }
      i = tex_arg(t, s, i, n, &txt);
      puts_(t, "[");
      if (txt.b)
        put(t, txt.b, txt.n);
      puts_(t, "](");
      for (size_t m = 0; m < ul; m++)
        if (u0[m] != '{' && u0[m] != '}' && u0[m] != ' ' && u0[m] != ')' &&
            u0[m] != '\\')
          put(t, u0 + m, 1);
      puts_(t, ")");
      free(txt.b);
      continue;
    }
    bool is_decl = false;
    for (int k = 0; decls[k]; k++)
      if (!strcmp(decls[k], name))
        is_decl = true;
    if (is_decl) {
      if (group && decl == (size_t)-1 &&
          (!strcmp(name, "em") || !strcmp(name, "it") || !strcmp(name, "sl")
           || !strcmp(name, "bf"))) {
        decl = t->n;
        decl_mark = name[0] == 'b' ? "**" : "*";
      }
      continue;
    }
    /* unknown: its argument's text, if it has one; said once */
    if (!t->unknown)
      t->unknown = arena_printf(t->a, "\\%s", name);
    if (i < n && s[i] == '{') {
      struct tex sub;
      i = tex_arg(t, s, i, n, &sub);
      if (sub.b)
        put(t, sub.b, sub.n);
      free(sub.b);
    }
  }
  if (decl != (size_t)-1 && decl < t->n) {
    /* {\em text}: the rest of the group, marked */
    char *rest = xstrndup(t->b + decl, t->n - decl);
    t->n = decl;
    struct tex sub = {.b = rest, .n = strlen(rest)};
    trim_into(t, &sub, decl_mark);
    free(rest);
  }
  return i;
}

const char *bib_tex(struct arena *a, const char *s, const char **unknown) {
  struct tex t = {.a = a};
  put(&t, "", 0);
  tex_run(&t, s, 0, strlen(s), false);
  /* whitespace: one space, none at the ends */
  size_t o = 0;
  for (size_t i = 0; i < t.n; i++) {
    char c = t.b[i];
    if (c == '\n' || c == '\t' || c == '\r')
      c = ' ';
    if (c == ' ' && (o == 0 || t.b[o - 1] == ' '))
      continue;
    t.b[o++] = c;
  }
  while (o && t.b[o - 1] == ' ')
    o--;
  size_t nl = 0;
  uint8_t *nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)t.b, o, NULL, &nl);
  const char *r = nfc ? arena_strndup(a, (const char *)nfc, nl)
                      : arena_strndup(a, t.b, o);
  free(nfc);
  free(t.b);
  if (unknown)
    *unknown = t.unknown;
  return r;
}

/* ---- the `bibtex:` item ---- */

enum { AS_REVERSED, AS_NUMBER, AS_BULLET, AS_TEXT, AS_PUBLICATION };
enum { A_FULL, A_INITIALS, A_LAST_FIRST, A_LAST_INITIALS };
enum { SORT_NEWEST, SORT_OLDEST, SORT_NONE };
enum { GROUP_NONE, GROUP_TYPE, GROUP_YEAR };
enum { MARK_EQUAL = 1, MARK_LEAD = 2, MARK_ME = 4 };

static const char *const AS_NAMES[] = {"reversed_number", "number", "bullet",
                                       "text", "publication", NULL};
static const char *const AUTHOR_NAMES[] = {"full", "initials", "last_first",
                                           "last_initials", NULL};
static const char *const SORT_NAMES[] = {"newest", "oldest", "none", NULL};
static const char *const GROUP_NAMES[] = {"none", "type", "year", NULL};
static const char *const NUMBERING_NAMES[] = {"per_group", "continuous",
                                              NULL};

/* The default template: the seed CV's publications, and most CVs'. */
#define BIB_FORMAT "AUTHORS. **TITLE**. NOTE. *VENUE*, PAGES. YEAR. LINKS"

struct opts {
  int as, authors, sort, group, max_authors;
  bool continuous, selected;
  const char *format;
  struct loc format_at;
  const char *equal_mark, *lead_mark;
  const struct yml *keys, *types, *tags, *highlight;
};

/* The item's keys and design.bibtex's; which apply where. */
static const char *const ITEM_KEYS[] = {
    "bibtex", "as", "authors", "max_authors", "sort", "group_by",
    "numbering", "selected", "keys", "types", "tags", "format",
    "equal_mark", "lead_mark", "highlight"};
#define N_ITEM_KEYS ((int)(sizeof ITEM_KEYS / sizeof *ITEM_KEYS))
static bool design_key(const char *k) {
  return strcmp(k, "bibtex") && strcmp(k, "keys") && strcmp(k, "selected") &&
         strcmp(k, "types") && strcmp(k, "tags");
}

static bool get_enum(struct diag *d, const struct yml *v, const char *key,
                     const char *const *names, int *out) {
  if (v->kind == YML_SCALAR)
    for (int i = 0; names[i]; i++)
      if (!strcmp(v->s, names[i])) {
        *out = i;
        return true;
      }
  char list[256] = "";
  for (int i = 0; names[i]; i++)
    snprintf(list + strlen(list), sizeof list - strlen(list), "%s'%s'",
             i ? (names[i + 1] ? ", " : " or ") : "", names[i]);
  diag_error(d, v->loc, "expected %s for '%s'", list, key);
  return false;
}

static bool get_bool(struct diag *d, const struct yml *v, const char *key,
                     bool *out) {
  if (v->kind == YML_SCALAR && (!strcmp(v->s, "true") || !strcmp(v->s, "false"))) {
    *out = v->s[0] == 't';
    return true;
  }
  diag_error(d, v->loc, "expected true or false for '%s'", key);
  return false;
}

static bool get_string(struct diag *d, const struct yml *v, const char *key,
                       const char **out) {
  if (v->kind == YML_SCALAR && !yml_is_null(v)) {
    *out = v->s;
    return true;
  }
  diag_error(d, v->loc, "expected a string for '%s', found %s", key,
             yml_kind_name(v));
  return false;
}

/* A string or a list of strings. */
static bool string_list(struct diag *d, const struct yml *v, const char *key) {
  if (v->kind == YML_SCALAR && !yml_is_null(v))
    return true;
  if (v->kind == YML_SEQ) {
    for (int i = 0; i < v->n; i++)
      if (v->kids[i]->kind != YML_SCALAR || yml_is_null(v->kids[i])) {
        diag_error(d, v->kids[i]->loc, "expected a string in '%s', found %s",
                   key, yml_kind_name(v->kids[i]));
        return false;
      }
    return true;
  }
  diag_error(d, v->loc, "expected a string or a list of strings for '%s', "
                        "found %s", key, yml_kind_name(v));
  return false;
}

static int list_n(const struct yml *v) {
  return !v ? 0 : v->kind == YML_SCALAR ? 1 : v->n;
}
static const struct yml *list_at(const struct yml *v, int i) {
  return v->kind == YML_SCALAR ? v : v->kids[i];
}

/* Reads m's keys into *o (which holds the defaults); `where` names m in
 * messages. False after an error. */
static bool get_opts(struct diag *d, const struct yml *m, bool design,
                     const char *where, struct opts *o) {
  int errors = d->errors;
  for (int i = 0; i < m->n; i++) {
    const char *k = m->keys[i]->s;
    const struct yml *v = m->kids[i];
    bool known = false;
    for (int j = 0; j < N_ITEM_KEYS; j++)
      known |= !strcmp(ITEM_KEYS[j], k);
    if (!known || (design && !design_key(k))) {
      const char *cand[N_ITEM_KEYS];
      int nc = 0;
      for (int j = 0; j < N_ITEM_KEYS; j++)
        if (!design || design_key(ITEM_KEYS[j]))
          cand[nc++] = ITEM_KEYS[j];
      const char *sug = diag_suggest(k, cand, nc);
      if (known)
        diag_error(d, m->keys[i]->loc, "'%s' belongs to a `- bibtex:` item "
                   "of a section, not to %s", k, where);
      else if (sug)
        diag_error(d, m->keys[i]->loc, "unknown key '%s' in %s (did you "
                   "mean '%s'?)", k, where, sug);
      else
        diag_error(d, m->keys[i]->loc, "unknown key '%s' in %s", k, where);
      continue;
    }
    if (yml_is_null(v) && strcmp(k, "bibtex"))
      continue; /* the default */
    if (!strcmp(k, "as"))
      get_enum(d, v, k, AS_NAMES, &o->as);
    else if (!strcmp(k, "authors"))
      get_enum(d, v, k, AUTHOR_NAMES, &o->authors);
    else if (!strcmp(k, "sort"))
      get_enum(d, v, k, SORT_NAMES, &o->sort);
    else if (!strcmp(k, "group_by"))
      get_enum(d, v, k, GROUP_NAMES, &o->group);
    else if (!strcmp(k, "numbering")) {
      int n = 0;
      if (get_enum(d, v, k, NUMBERING_NAMES, &n))
        o->continuous = n == 1;
    } else if (!strcmp(k, "selected"))
      get_bool(d, v, k, &o->selected);
    else if (!strcmp(k, "max_authors")) {
      char *end = NULL;
      long n = v->kind == YML_SCALAR ? strtol(v->s, &end, 10) : -1;
      if (!end || *end || n < 0 || n > 1000)
        diag_error(d, v->loc, "expected a number of authors from 0 (all) "
                              "to 1000 for 'max_authors'");
      else
        o->max_authors = (int)n;
    } else if (!strcmp(k, "format")) {
      if (get_string(d, v, k, &o->format))
        o->format_at = v->loc;
    } else if (!strcmp(k, "equal_mark"))
      get_string(d, v, k, &o->equal_mark);
    else if (!strcmp(k, "lead_mark"))
      get_string(d, v, k, &o->lead_mark);
    else if (!strcmp(k, "keys")) {
      if (string_list(d, v, k))
        o->keys = v;
    } else if (!strcmp(k, "types")) {
      if (string_list(d, v, k))
        o->types = v;
    } else if (!strcmp(k, "highlight")) {
      if (string_list(d, v, k))
        o->highlight = v;
    } else if (!strcmp(k, "tags"))
      o->tags = v; /* cv.c checks them on every entry made */
  }
  return d->errors == errors;
}

/* ---- names ---- */

/* Lower case, accents and markup escapes gone: the spellings of one name
 * compare equal ("Müller", "M{\"u}ller", "MULLER"). */
static char *fold(struct arena *a, const char *s) {
  size_t n = 0;
  uint8_t *d = u8_normalize(UNINORM_NFD, (const uint8_t *)s, strlen(s), NULL,
                            &n);
  const char *p = d ? (const char *)d : s;
  const char *e = p + (d ? n : strlen(s));
  char *out = arena_alloc(a, (size_t)(e - p) * 2 + 1), *o = out;
  while (p < e) {
    if (*p == '\\' || *p == '*' || *p == '.' || *p == '{' || *p == '}') {
      p++;
      continue;
    }
    uint32_t cp = utf8_next(&p);
    if (cp >= 0x300 && cp < 0x370)
      continue; /* combining marks */
    if (cp == 0xA0 || cp == '-' || cp == '\t')
      cp = ' ';
    if (cp == ' ' && (o == out || o[-1] == ' '))
      continue;
    o += utf8_encode(utf8_tolower(cp), o);
  }
  while (o > out && o[-1] == ' ')
    o--;
  *o = 0;
  free(d);
  return out;
}

/* The first letter (with its marks) of s, or its escaped character. */
static size_t first_letter(const char *s) {
  if (*s == '\\' && s[1])
    return 2;
  const char *p = s;
  if (*p)
    utf8_next(&p);
  while (*p) {
    const char *q = p;
    uint32_t cp = utf8_next(&q);
    if (!(cp >= 0x300 && cp < 0x370))
      break;
    p = q;
  }
  return (size_t)(p - s);
}

/* "Jean-Paul Maria" -> "J.-P. M." */
static void put_initials(struct tex *o, const char *first) {
  const char *p = first;
  bool word_start = true;
  while (*p) {
    if (*p == ' ') {
      put(o, " ", 1);
      p++;
      word_start = true;
      continue;
    }
    if (*p == '-') {
      put(o, "-", 1);
      p++;
      word_start = true;
      continue;
    }
    if (!word_start) {
      p++;
      continue;
    }
    size_t l = first_letter(p);
    put(o, p, l);
    put(o, ".", 1);
    p += l;
    word_start = false;
  }
}

struct owner {
  const char *first, *last; /* folded */
};

static struct owner split_owner(struct arena *a, const char *name) {
  struct owner w = {"", ""};
  const char *plain = fold(a, name);
  const char *comma = strchr(plain, ',');
  if (comma) {
    w.last = arena_strndup(a, plain, (size_t)(comma - plain));
    w.first = comma + 1 + (comma[1] == ' ');
    return w;
  }
  const char *sp = strrchr(plain, ' ');
  if (!sp) {
    w.last = plain;
    return w;
  }
  w.first = arena_strndup(a, plain, (size_t)(sp - plain));
  w.last = sp + 1;
  return w;
}

static bool is_owner(struct arena *a, const struct bib_name *n,
                     const struct owner *w, int nw) {
  const char *last = fold(a, *n->von ? arena_printf(a, "%s %s", n->von,
                                                     n->last)
                                      : n->last);
  const char *first = fold(a, n->first);
  for (int i = 0; i < nw; i++) {
    if (!*w[i].last || strcmp(last, w[i].last))
      continue;
    if (!*first || !*w[i].first)
      return true;
    /* "M." or "Mingze" against "Mingze": the initials agree */
    const char *p = first, *q = w[i].first;
    if (utf8_next(&p) == utf8_next(&q))
      return true;
  }
  return false;
}

static const char *format_name(struct arena *a, const struct bib_name *n,
                               int how) {
  struct tex o = {.a = a};
  put(&o, "", 0);
  bool initials = how == A_INITIALS || how == A_LAST_INITIALS;
  const char *vl = *n->von ? arena_printf(a, "%s %s", n->von, n->last)
                           : n->last;
  if (how == A_LAST_FIRST || how == A_LAST_INITIALS) {
    puts_(&o, vl);
    if (*n->jr) {
      puts_(&o, ", ");
      puts_(&o, n->jr);
    }
    if (*n->first) {
      puts_(&o, ", ");
      if (initials)
        put_initials(&o, n->first);
      else
        puts_(&o, n->first);
    }
  } else {
    if (*n->first) {
      if (initials)
        put_initials(&o, n->first);
      else
        puts_(&o, n->first);
      puts_(&o, " ");
    }
    puts_(&o, vl);
    if (*n->jr) {
      puts_(&o, ", ");
      puts_(&o, n->jr);
    }
  }
  const char *r = arena_strndup(a, o.b, o.n);
  free(o.b);
  return r;
}

/* A mark as markup: a mark of ASCII punctuation only ("*") is that text,
 * escaped, so that a name's stars never read as emphasis. */
static const char *mark_text(struct arena *a, const char *m) {
  bool punct = *m != 0;
  for (const char *p = m; *p; p++)
    punct &= (unsigned char)*p < 0x80 && ispunct((unsigned char)*p);
  if (!punct)
    return m;
  struct tex o = {.a = a};
  put(&o, "", 0);
  for (const char *p = m; *p; p++)
    put_escaped(&o, *p);
  const char *r = arena_strndup(a, o.b, o.n);
  free(o.b);
  return r;
}

/* ---- one publication ---- */

struct pub {
  const struct bib_entry *e;
  int order, year, month, group;
  const char *authors, *title, *venue, *pages, *year_s, *month_s, *note,
      *doi, *url, *arxiv, *links, *editors;
  const char **author_list; /* for `as: publication` */
  int nauthor_list;
};

struct expander {
  struct ctx *c;
  struct arena *a;
  struct diag *d;
  const struct bib_file *file;
  struct owner *owners;
  int nowners;
  const char *said[32]; /* unknown TeX commands already named */
  int nsaid;
};

/* A field converted from TeX, or NULL; an unknown command is said once
 * per file, at the field. */
static const char *conv(struct expander *X, const struct bib_entry *e,
                        const char *name) {
  const char *raw = bib_get(e, name);
  if (!raw || !*raw)
    return NULL;
  const char *unknown = NULL;
  const char *s = bib_tex(X->a, raw, &unknown);
  if (unknown) {
    bool said = false;
    for (int i = 0; i < X->nsaid; i++)
      said |= !strcmp(X->said[i], unknown);
    if (!said && X->nsaid < 32) {
      X->said[X->nsaid++] = unknown;
      diag_warn(X->d, (struct loc){X->file->path, field_line(e, name), 1},
                "unknown TeX command %s in '%s' of '%s': its argument's text "
                "is shown without it (said once per file)",
                unknown, name, e->key);
    }
  }
  return *s ? s : NULL;
}

static const char *const MONTHS[12] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

static int month_number(const char *m) {
  if (!m)
    return 0;
  char *end;
  long n = strtol(m, &end, 10);
  if (!*end && n >= 1 && n <= 12)
    return (int)n;
  for (int i = 0; i < 12; i++)
    if (!strncasecmp(m, MONTHS[i], 3))
      return i + 1;
  return 0;
}

/* biblatex's `author+an = {1=equal; 2=lead,highlight}`. */
static void annotations(struct expander *X, const struct bib_entry *e,
                        int *marks, int n) {
  const char *an = bib_get(e, "author+an");
  if (!an)
    return;
  char *s = arena_strdup(X->a, an), *save = NULL;
  for (char *item = strtok_r(s, ";", &save); item;
       item = strtok_r(NULL, ";", &save)) {
    char *eq = strchr(item, '=');
    long k = strtol(item, NULL, 10);
    if (!eq || k < 1) {
      diag_warn(X->d, (struct loc){X->file->path, field_line(e, "author+an"),
                                   1},
                "'author+an' of '%s': expected items such as '1=equal; "
                "2=lead' (an author's number, '=', its marks)",
                e->key);
      continue;
    }
    char *save2 = NULL;
    for (char *w = strtok_r(eq + 1, ", ", &save2); w;
         w = strtok_r(NULL, ", ", &save2)) {
      int m = !strcmp(w, "equal") || !strcmp(w, "equalcontrib") ||
                      !strcmp(w, "cofirst") || !strcmp(w, "co-first")
                  ? MARK_EQUAL
              : !strcmp(w, "lead") || !strcmp(w, "corresponding") ||
                      !strcmp(w, "projectlead")
                  ? MARK_LEAD
              : !strcmp(w, "highlight") || !strcmp(w, "me") ? MARK_ME
                                                              : 0;
      if (!m)
        diag_warn(X->d, (struct loc){X->file->path,
                                     field_line(e, "author+an"), 1},
                  "'author+an' of '%s': unknown mark '%s' (cvpdf knows "
                  "'equal', 'lead' and 'highlight')", e->key, w);
      else if (k <= n)
        marks[k - 1] |= m;
    }
  }
}

static int type_group(const char *t) {
  static const char *const G[] = {
      " article ", " inproceedings conference proceedings ",
      " book inbook incollection booklet collection mvbook ",
      " phdthesis mastersthesis thesis ", " techreport report "};
  char k[48];
  snprintf(k, sizeof k, " %.40s ", t);
  for (int i = 0; i < 5; i++)
    if (strstr(G[i], k))
      return i;
  return 5;
}
static const char *const GROUP_TITLES[6] = {
    "Journal Articles", "Conference Papers", "Books and Chapters",
    "Theses", "Reports", "Preprints and Other Works"};

static const char *authors_text(struct expander *X, const struct opts *o,
                                const struct bib_name *v, int n, bool others,
                                const int *marks, struct pub *p) {
  struct tex t = {.a = X->a};
  put(&t, "", 0);
  int shown = o->max_authors && o->max_authors < n ? o->max_authors : n;
  if (p) {
    p->author_list = arena_alloc(X->a, sizeof(char *) * (size_t)(n + 1));
    p->nauthor_list = 0;
  }
  for (int i = 0; i < shown; i++) {
    struct bib_name c = {bib_tex(X->a, v[i].first, NULL),
                         bib_tex(X->a, v[i].von, NULL),
                         bib_tex(X->a, v[i].last, NULL),
                         bib_tex(X->a, v[i].jr, NULL)};
    const char *name = format_name(X->a, &c, o->authors);
    int m = marks ? marks[i] : 0;
    if ((m & MARK_ME) || is_owner(X->a, &c, X->owners, X->nowners))
      name = arena_printf(X->a, "**%s**", name);
    if (m & MARK_EQUAL)
      name = arena_printf(X->a, "%s%s", name, mark_text(X->a, o->equal_mark));
    if (m & MARK_LEAD)
      name = arena_printf(X->a, "%s%s", name, mark_text(X->a, o->lead_mark));
    if (i)
      puts_(&t, ", ");
    puts_(&t, name);
    if (p)
      p->author_list[p->nauthor_list++] = name;
  }
  if (others || shown < n)
    puts_(&t, shown ? " et al." : "et al.");
  const char *r = arena_strndup(X->a, t.b, t.n);
  free(t.b);
  return *r ? r : NULL;
}

static void make_pub(struct expander *X, const struct opts *o,
                     const struct bib_entry *e, struct pub *p) {
  p->e = e;
  int marks[1024] = {0};
  int n = e->nauthors < 1024 ? e->nauthors : 1024;
  annotations(X, e, marks, n);
  p->authors = authors_text(X, o, e->authors, n, e->authors_others, marks, p);
  const char *eds = authors_text(X, o, e->editors, e->neditors,
                                 e->editors_others, NULL, NULL);
  p->editors = eds;
  if (!p->authors && eds)
    p->authors = arena_printf(X->a, "%s (%s)", eds,
                              e->neditors > 1 ? "eds." : "ed.");
  p->title = conv(X, e, "title");
  const char *t = e->type;
  const char *venue = NULL;
  if (!strcmp(t, "phdthesis") || !strcmp(t, "mastersthesis") ||
      !strcmp(t, "thesis")) {
    const char *kind = conv(X, e, "type");
    if (!kind)
      kind = t[0] == 'p' ? "PhD thesis" : t[0] == 'm' ? "Master’s thesis"
                                                      : "Thesis";
    const char *school = conv(X, e, "school");
    if (!school)
      school = conv(X, e, "institution");
    venue = school ? arena_printf(X->a, "%s, %s", kind, school) : kind;
  } else if (!strcmp(t, "techreport") || !strcmp(t, "report")) {
    const char *kind = conv(X, e, "type");
    const char *inst = conv(X, e, "institution");
    const char *num = conv(X, e, "number");
    venue = arena_printf(X->a, "%s%s%s%s%s", kind ? kind : "Technical report",
                         inst ? ", " : "", inst ? inst : "", num ? " " : "",
                         num ? num : "");
  } else {
    static const char *const V[] = {"journal", "journaltitle", "booktitle",
                                    "howpublished", "publisher",
                                    "organization", "institution", "school"};
    for (size_t i = 0; i < sizeof V / sizeof *V && !venue; i++)
      venue = conv(X, e, V[i]);
    const char *vol = conv(X, e, "volume"), *num = conv(X, e, "number");
    if (venue && vol)
      venue = arena_printf(X->a, "%s %s%s%s%s", venue, vol, num ? "(" : "",
                           num ? num : "", num ? ")" : "");
  }
  const char *eprint = bib_get(e, "eprint");
  const char *prefix = bib_get(e, "archiveprefix");
  if (!prefix)
    prefix = bib_get(e, "eprinttype");
  if (eprint && (!prefix || !strcasecmp(prefix, "arxiv")))
    p->arxiv = bib_tex(X->a, eprint, NULL);
  if (!venue && p->arxiv)
    venue = arena_printf(X->a, "arXiv preprint arXiv:%s", p->arxiv);
  p->venue = venue;
  p->pages = conv(X, e, "pages");
  const char *year = conv(X, e, "year");
  const char *date = bib_get(e, "date");
  if (!year && date && isdigit((unsigned char)date[0]))
    year = arena_strndup(X->a, date, strspn(date, "0123456789"));
  p->year_s = year;
  char *end = NULL;
  long y = year ? strtol(year, &end, 10) : 0;
  p->year = year && !*end && y > 0 && y < 10000 ? (int)y : 0;
  p->month = month_number(bib_get(e, "month"));
  if (!p->month && date && strlen(date) >= 7 && date[4] == '-')
    p->month = month_number(arena_strndup(X->a, date + 5, 2));
  if (p->month)
    p->month_s = arena_printf(X->a, "%c%s", toupper(MONTHS[p->month - 1][0]),
                              MONTHS[p->month - 1] + 1);
  const char *note = conv(X, e, "note");
  const char *add = conv(X, e, "addendum");
  p->note = note && add ? arena_printf(X->a, "%s. %s", note, add)
                        : note ? note : add;
  const char *doi = bib_get(e, "doi");
  if (doi) {
    static const char *const pre[] = {"https://doi.org/", "http://doi.org/",
                                      "https://dx.doi.org/", "doi:"};
    for (int i = 0; i < 4; i++)
      if (!strncasecmp(doi, pre[i], strlen(pre[i])))
        doi += strlen(pre[i]);
    p->doi = *doi ? doi : NULL;
  }
  const char *url = bib_get(e, "url");
  p->url = url && *url ? url : NULL;
  struct tex l = {.a = X->a};
  put(&l, "", 0);
  if (p->doi)
    puts_(&l, arena_printf(X->a, "[DOI](https://doi.org/%s)", p->doi));
  if (p->arxiv)
    puts_(&l, arena_printf(X->a, "%s[arXiv](https://arxiv.org/abs/%s)",
                           l.n ? " " : "", p->arxiv));
  if (p->url && !p->doi)
    puts_(&l, arena_printf(X->a, "%s[Link](%s)", l.n ? " " : "", p->url));
  p->links = l.n ? arena_strndup(X->a, l.b, l.n) : NULL;
  free(l.b);
  p->group = type_group(t);
  if (!p->title)
    diag_warn(X->d, (struct loc){X->file->path, e->line, 1},
              "'%s' has no title", e->key);
}

static const char *pub_lookup(void *user, const char *name, int len) {
  const struct pub *p = user;
  static const char *const N[] = {"AUTHORS", "TITLE", "VENUE", "PAGES",
                                  "YEAR",    "MONTH", "NOTE",  "DOI",
                                  "URL",     "ARXIV", "LINKS", "KEY",
                                  "TYPE",    "EDITORS"};
  const char *v[] = {p->authors, p->title,  p->venue, p->pages, p->year_s,
                     p->month_s, p->note,   p->doi,   p->url,   p->arxiv,
                     p->links,   p->e->key, p->e->type, p->editors};
  for (size_t i = 0; i < sizeof N / sizeof *N; i++)
    if ((int)strlen(N[i]) == len && !memcmp(N[i], name, (size_t)len))
      return v[i];
  return NULL;
}

/* A period after one that ends a part ("et al.." or "?**.") goes, and
 * the spaces that parts left out leave collapse to one. */
static void tidy(char *s) {
  char *o = s;
  for (char *p = s; *p; p++) {
    if (*p == ' ' && (o == s || o[-1] == ' ' || !p[1]))
      continue;
    if (*p == '.' && p[1] != '.') {
      char *q = o;
      while (q > s && (q[-1] == '*' || q[-1] == '_'))
        q--;
      if (q > s && strchr(".?!", q[-1]) && !(q - 1 > s && q[-2] == '\\') &&
          !(q - 1 > s && q[-2] == '.'))
        continue;
    }
    *o++ = *p;
  }
  *o = 0;
}

/* ---- YAML nodes ---- */

static struct yml *scalar(struct arena *a, struct loc at, const char *s) {
  struct yml *y = arena_alloc(a, sizeof *y);
  memset(y, 0, sizeof *y);
  y->kind = YML_SCALAR;
  y->loc = at;
  y->s = s;
  y->len = strlen(s);
  y->quoted = true;
  y->weight = 1;
  return y;
}

static struct yml *mapping(struct arena *a, struct loc at, int cap) {
  struct yml *y = arena_alloc(a, sizeof *y);
  memset(y, 0, sizeof *y);
  y->kind = YML_MAP;
  y->loc = at;
  y->keys = arena_alloc(a, sizeof(struct yml *) * (size_t)cap);
  y->kids = arena_alloc(a, sizeof(struct yml *) * (size_t)cap);
  y->weight = 1;
  return y;
}

static void add(struct arena *a, struct yml *m, const char *key,
                struct yml *v) {
  m->keys[m->n] = scalar(a, v->loc, key);
  m->kids[m->n++] = v;
  m->weight += v->weight + 1;
}

/* ---- expansion ---- */

static int cmp_pub(const struct pub *a, const struct pub *b, int sort,
                   int group) {
  if (group == GROUP_TYPE && a->group != b->group)
    return a->group - b->group;
  if (sort != SORT_NONE || group == GROUP_YEAR) {
    /* an undated publication (in preparation, submitted) is the newest */
    if (!a->year != !b->year)
      return (sort == SORT_OLDEST) == !a->year ? 1 : -1;
    int ka = a->year * 16 + a->month, kb = b->year * 16 + b->month;
    if (ka != kb)
      return sort == SORT_OLDEST ? ka - kb : kb - ka;
  }
  return a->order - b->order;
}

static void sort_pubs(struct pub *v, int n, int sort, int group) {
  for (int i = 1; i < n; i++) { /* insertion: stable; lists are short */
    struct pub x = v[i];
    int j = i;
    while (j > 0 && cmp_pub(&v[j - 1], &x, sort, group) > 0) {
      v[j] = v[j - 1];
      j--;
    }
    v[j] = x;
  }
}

static bool keyword_selected(const struct bib_entry *e) {
  const char *s = bib_get(e, "selected");
  if (s && (!strcasecmp(s, "true") || !strcasecmp(s, "yes") ||
            !strcmp(s, "1")))
    return true;
  const char *k = bib_get(e, "keywords");
  while (k && *k) {
    k += strspn(k, " ,;");
    size_t n = strcspn(k, ",;");
    size_t m = n;
    while (m && k[m - 1] == ' ')
      m--;
    if (m == 8 && !strncasecmp(k, "selected", 8))
      return true;
    k += n;
  }
  return false;
}

static bool in_list(const struct yml *l, const char *s) {
  for (int i = 0; i < list_n(l); i++)
    if (!strcasecmp(list_at(l, i)->s, s))
      return true;
  return false;
}

static struct yml *entry_node(struct expander *X, const struct opts *o,
                              struct pub *p, bool *too_long) {
  struct arena *a = X->a;
  struct loc at = {X->file->path, p->e->line, 1};
  struct yml *m = mapping(a, at, 12);
  if (o->as == AS_PUBLICATION) {
    add(a, m, "title", scalar(a, at, p->title ? p->title : p->e->key));
    if (p->nauthor_list) {
      struct yml *l = arena_alloc(a, sizeof *l);
      memset(l, 0, sizeof *l);
      l->kind = YML_SEQ;
      l->loc = at;
      l->kids = arena_alloc(a, sizeof(struct yml *) *
                                   (size_t)(p->nauthor_list + 1));
      for (int i = 0; i < p->nauthor_list; i++)
        l->kids[l->n++] = scalar(a, at, p->author_list[i]);
      if (p->e->authors_others || p->nauthor_list < p->e->nauthors) {
        struct yml *last = l->kids[l->n - 1]; /* "X et al.", one name */
        last->s = arena_printf(a, "%s et al.", last->s);
        last->len = strlen(last->s);
      }
      l->weight = (size_t)l->n + 1;
      add(a, m, "authors", l);
    }
    if (p->venue)
      add(a, m, "journal", scalar(a, at, p->venue));
    if (p->year) {
      struct yml *date = scalar(a, at, p->month ? arena_printf(a, "%04d-%02d",
                                                               p->year,
                                                               p->month)
                                                : arena_printf(a, "%04d",
                                                               p->year));
      date->quoted = false; /* a year, as `date: 2020` is */
      add(a, m, "date", date);
    }
    if (p->doi)
      add(a, m, "doi", scalar(a, at, p->doi));
    else if (p->url)
      add(a, m, "url", scalar(a, at, p->url));
    if (p->note)
      add(a, m, "summary", scalar(a, at, p->note));
  } else {
    const char *f = o->format ? o->format : BIB_FORMAT;
    char *text = tmpl_line(a, f, (int)strlen(f), pub_lookup, p, true,
                           too_long);
    if (!text)
      text = arena_strdup(a, p->title ? p->title : p->e->key);
    tidy(text);
    if (!*text) /* nothing at all to show: its key, as BibTeX would */
      text = arena_printf(a, "[%s]", *p->e->key ? p->e->key : "?");
    add(a, m, AS_NAMES[o->as], scalar(a, at, text));
  }
  add(a, m, "citation_key", scalar(a, at, p->e->key));
  if (o->tags)
    add(a, m, "tags", (struct yml *)o->tags);
  return m;
}

static struct yml *heading_node(struct expander *X, const struct opts *o,
                                struct loc at, const char *title) {
  struct yml *m = mapping(X->a, at, 4);
  add(X->a, m, "text", scalar(X->a, at, arena_printf(X->a, "**%s**", title)));
  if (!o->continuous)
    add(X->a, m, "restart_numbering", scalar(X->a, at, "true"));
  if (o->tags)
    add(X->a, m, "tags", (struct yml *)o->tags);
  return m;
}

struct cache {
  const char *real;
  struct bib_file f;
  bool ok;
};

struct bibs {
  struct ctx *c;
  struct cache v[BIB_MAX_FILES];
  int n;
  const char ***files;
  int *nfiles;
};

static const struct bib_file *load_file(struct bibs *B, const struct yml *y) {
  struct ctx *c = B->c;
  const char *path = files_beside(&c->doc, y->loc.file, y->s);
  *B->files = arena_push(&c->doc, *B->files, (size_t)*B->nfiles, sizeof(char *));
  (*B->files)[(*B->nfiles)++] = path; /* --watch follows it */
  char *real = realpath(path, NULL);
  if (!real) {
    diag_error(c->diag, y->loc, "cannot read '%s': %s (a path relative to "
                                "this file)", path, strerror(errno));
    return NULL;
  }
  for (int i = 0; i < B->n; i++)
    if (!strcmp(B->v[i].real, real)) {
      free(real);
      return B->v[i].ok ? &B->v[i].f : NULL;
    }
  if (B->n == BIB_MAX_FILES) {
    free(real);
    diag_error(c->diag, y->loc, "too many BibTeX files (at most %d)",
               BIB_MAX_FILES);
    return NULL;
  }
  struct cache *k = &B->v[B->n++];
  k->real = arena_strdup(&c->doc, real);
  k->ok = false;
  struct stat st;
  if (stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
    free(real);
    diag_error(c->diag, y->loc, "cannot read '%s': it is not a file (a "
                                "device, a folder or a pipe)", path);
    return NULL;
  }
  free(real);
  size_t len = 0;
  char *text = files_read(path, &len, c->diag);
  if (!text) {
    diag_note(c->diag, y->loc, "named here");
    return NULL;
  }
  char *kept = arena_strndup(&c->doc, text, len);
  free(text);
  diag_source(c->diag, path, kept, len);
  k->ok = bib_parse(&c->doc, c->diag, path, kept, len, &k->f);
  if (k->ok) {
    /* crossref: what an entry lacks, from the entry it names */
    for (int i = 0; i < k->f.n; i++) {
      struct bib_entry *e = &k->f.v[i];
      const char *x = bib_get(e, "crossref");
      if (!x)
        continue;
      const struct bib_entry *parent = NULL;
      for (int j = 0; j < k->f.n && !parent; j++)
        if (!strcasecmp(k->f.v[j].key, x))
          parent = &k->f.v[j];
      if (!parent) {
        diag_warn(c->diag, (struct loc){path, field_line(e, "crossref"), 1},
                  "'%s' names crossref '%s', which is not in this file",
                  e->key, x);
        continue;
      }
      int add_n = parent->nf + 1;
      struct bib_field *f = arena_alloc(&c->doc, sizeof *f *
                                                     (size_t)(e->nf + add_n));
      memcpy(f, e->f, sizeof *f * (size_t)e->nf);
      int n = e->nf;
      for (int j = 0; j < parent->nf; j++)
        if (!bib_get(e, parent->f[j].name))
          f[n++] = parent->f[j];
      if (!bib_get(e, "booktitle") && bib_get(parent, "title"))
        f[n++] = (struct bib_field){"booktitle", bib_get(parent, "title"),
                                    field_line(parent, "title")};
      e->f = f;
      e->nf = n;
      if (!e->nauthors && parent->nauthors) {
        e->authors = parent->authors;
        e->nauthors = parent->nauthors;
        e->authors_others = parent->authors_others;
      }
      if (!e->neditors && parent->neditors) {
        e->editors = parent->editors;
        e->neditors = parent->neditors;
        e->editors_others = parent->editors_others;
      }
    }
    for (int i = 0; i < k->f.n; i++)
      for (int j = 0; j < i; j++)
        if (*k->f.v[i].key && !strcasecmp(k->f.v[i].key, k->f.v[j].key)) {
          diag_warn(c->diag, (struct loc){path, k->f.v[i].line, 1},
                    "a second entry '%s' (the first is on line %d): both "
                    "are shown",
                    k->f.v[i].key, k->f.v[j].line);
          break;
        }
  }
  return k->ok ? &k->f : NULL;
}

/* The entries one item stands for, appended to *out. */
static bool expand_item(struct bibs *B, const struct opts *base,
                        const struct yml *item, struct yml ***out, int *nout,
                        int *cap) {
  struct ctx *c = B->c;
  struct diag *d = c->diag;
  struct opts o = *base;
  if (!get_opts(d, item, false, "a `- bibtex:` item", &o))
    return false;
  const struct yml *file = yml_get(item, "bibtex");
  if (file->kind != YML_SCALAR || yml_is_null(file) || !*file->s) {
    diag_error(d, file->loc, "expected the name of a BibTeX file for "
                             "'bibtex' (relative to this file)");
    return false;
  }
  const struct bib_file *f = load_file(B, file);
  if (!f)
    return false;
  struct expander X = {c, &c->doc, d, f, NULL, 0, {0}, 0};
  /* the owner: `highlight`, else the CV's name (bib_expand's default) */
  int no = list_n(o.highlight);
  X.owners = arena_alloc(&c->doc, sizeof *X.owners * (size_t)(no + 1));
  for (int i = 0; i < no; i++)
    X.owners[X.nowners++] = split_owner(&c->doc, list_at(o.highlight, i)->s);
  /* `keys` that name nothing are mistakes */
  for (int i = 0; i < list_n(o.keys); i++) {
    const struct yml *k = list_at(o.keys, i);
    bool found = false;
    for (int j = 0; j < f->n && !found; j++)
      found = !strcasecmp(f->v[j].key, k->s);
    if (!found) {
      const char **cand = arena_alloc(&c->doc, sizeof(char *) *
                                                   (size_t)(f->n + 1));
      for (int j = 0; j < f->n; j++)
        cand[j] = f->v[j].key;
      const char *sug = diag_suggest(k->s, cand, f->n);
      diag_error(d, k->loc, "no entry '%s' in '%s'%s%s%s", k->s, f->path,
                 sug ? " (did you mean '" : "", sug ? sug : "",
                 sug ? "'?)" : "");
      return false;
    }
  }
  struct pub *v = arena_alloc(&c->doc, sizeof *v * (size_t)(f->n + 1));
  int n = 0;
  for (int i = 0; i < f->n; i++) {
    const struct bib_entry *e = &f->v[i];
    if (o.keys && !in_list(o.keys, e->key))
      continue;
    if (o.types && !in_list(o.types, e->type))
      continue;
    if (o.selected && !keyword_selected(e))
      continue;
    memset(&v[n], 0, sizeof v[n]);
    make_pub(&X, &o, e, &v[n]);
    v[n].order = i;
    n++;
  }
  if (!n)
    diag_warn(d, file->loc, "no publication of '%s' is shown%s", f->path,
              o.keys || o.types || o.selected ? " (none passes 'keys', "
                                                "'types' or 'selected')"
                                              : " (it holds no entry)");
  sort_pubs(v, n, o.sort, o.group);
  bool too_long = false;
  for (int i = 0; i < n; i++) {
    int extra = 2;
    if (*nout + extra > *cap) {
      int nc = (*cap + extra) * 2;
      *out = arena_grow(&c->doc, *out, sizeof(struct yml *) * (size_t)*cap,
                        sizeof(struct yml *) * (size_t)nc);
      *cap = nc;
    }
    bool new_group =
        o.group != GROUP_NONE &&
        (i == 0 || (o.group == GROUP_TYPE ? v[i].group != v[i - 1].group
                                          : v[i].year != v[i - 1].year));
    if (new_group) {
      const char *title = o.group == GROUP_TYPE ? GROUP_TITLES[v[i].group]
                          : v[i].year ? arena_printf(&c->doc, "%d", v[i].year)
                                      : "Undated";
      (*out)[(*nout)++] = heading_node(&X, &o, item->loc, title);
    }
    (*out)[(*nout)++] = entry_node(&X, &o, &v[i], &too_long);
  }
  if (too_long) {
    diag_error(d, o.format_at.file ? o.format_at : file->loc,
               "'format' filled in would be longer than %zu MiB: expected a "
               "template naming each field a few times at most",
               TMPL_MAX_FILL >> 20);
    return false;
  }
  return true;
}

static bool is_bib_item(const struct yml *y) {
  return y->kind == YML_MAP && yml_get(y, "bibtex");
}

bool bib_expand(struct ctx *c, struct yml *root, const char ***files,
                int *nfiles) {
  struct yml *cv = yml_get(root, "cv");
  struct yml *sections = yml_get(cv, "sections");
  int errors = c->diag->errors;
  struct bibs *B = arena_alloc(&c->doc, sizeof *B);
  memset(B, 0, sizeof *B);
  B->c = c;
  B->files = files;
  B->nfiles = nfiles;
  struct opts base = {.as = AS_REVERSED, .authors = A_FULL,
                      .sort = SORT_NEWEST, .group = GROUP_NONE,
                      .equal_mark = "*", .lead_mark = "^†^"};
  /* design.bibtex is checked even when no item uses it */
  const struct yml *db = yml_get(yml_get(root, "design"), "bibtex");
  if (db && db->kind == YML_MAP)
    get_opts(c->diag, db, true, "'design.bibtex'", &base);
  else if (db && !yml_is_null(db))
    diag_error(c->diag, db->loc, "expected a mapping for 'design.bibtex' "
               "(the defaults of `- bibtex:` items), found %s",
               yml_kind_name(db));
  if (!sections || sections->kind != YML_MAP)
    return c->diag->errors == errors;
  bool any = false;
  for (int i = 0; i < sections->n && !any; i++) {
    const struct yml *l = sections->kids[i];
    if (l->kind == YML_MAP)
      l = yml_get(l, "entries");
    for (int j = 0; l && l->kind == YML_SEQ && j < l->n; j++)
      any |= is_bib_item(l->kids[j]);
  }
  if (!any)
    return c->diag->errors == errors;
  if (!base.highlight) {
    const struct yml *name = yml_get(cv, "name");
    if (name && name->kind == YML_SCALAR && !yml_is_null(name))
      base.highlight = name;
  }
  for (int i = 0; i < sections->n; i++) {
    struct yml *l = sections->kids[i];
    if (l->kind == YML_MAP)
      l = yml_get(l, "entries");
    if (!l || l->kind != YML_SEQ)
      continue;
    bool has = false;
    for (int j = 0; j < l->n; j++)
      has |= is_bib_item(l->kids[j]);
    if (!has)
      continue;
    struct yml **out = NULL;
    int nout = 0, cap = 0;
    for (int j = 0; j < l->n; j++) {
      if (!is_bib_item(l->kids[j])) {
        if (nout == cap) {
          int nc = cap ? cap * 2 : 16;
          out = arena_grow(&c->doc, out, sizeof *out * (size_t)cap,
                           sizeof *out * (size_t)nc);
          cap = nc;
        }
        out[nout++] = l->kids[j];
        continue;
      }
      expand_item(B, &base, l->kids[j], &out, &nout, &cap);
    }
    l->kids = out;
    l->n = nout;
  }
  return c->diag->errors == errors;
}
