/* files.c: the command line's files (see files.h). Reads inputs only if
 * they are regular files or streams this process holds (never blocking on
 * a FIFO or device), names UTF-16 and UTF-32 text, writes outputs through
 * a temporary file renamed into place, and removes the temporary files in
 * flight when a signal ends the process.
 *
 * The one process-wide state of cvpdf lives here: the temporary files in
 * flight, which a signal must be able to find whichever thread made them.
 */
#include "files.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc.h"

/* ---- temporary files, removed when a signal ends the process ----
 *
 * SIGINT, SIGTERM and SIGHUP are blocked in every thread and taken by one
 * thread that waits for them (sigwait): it removes the temporary files in
 * flight, then ends the process by the same signal with its default
 * action, so the shell sees what it sent. A temporary file is created
 * and registered, and renamed or removed and unregistered, under one
 * mutex; the signal thread takes that mutex too, so it never misses a
 * file that exists nor removes one that became the output. (A handler
 * could not do this: it cannot take a lock, and a file created by one
 * thread while another runs the handler would be left.) A signal the
 * process was started ignoring (a background job's SIGINT) or blocking
 * stays so. */

/* the temporary files in flight: several a writer, since a CV's outputs
 * (its formats, its PNG pages) are all written before any is renamed
 * into place; the array grows under the mutex, a slot freed is reused */
static pthread_mutex_t in_flight_mu = PTHREAD_MUTEX_INITIALIZER;
static char **in_flight;
static int in_flight_cap;
static sigset_t stop_signals;
/* the process's umask, read once before any thread starts (umask() can
 * only be read by setting it, which would race with other threads) */
static mode_t file_umask = 022;

static void *signal_thread(void *arg) {
  (void)arg;
  int sig = 0;
  while (sigwait(&stop_signals, &sig) != 0)
    ;
  pthread_mutex_lock(&in_flight_mu); /* never released: the process ends */
  for (int i = 0; i < in_flight_cap; i++)
    if (in_flight[i])
      unlink(in_flight[i]);
  signal(sig, SIG_DFL);
  sigset_t one;
  sigemptyset(&one);
  sigaddset(&one, sig);
  pthread_sigmask(SIG_UNBLOCK, &one, NULL);
  raise(sig);
  _exit(128 + sig); /* not reached: the default action ends the process */
}

/* Take over the stop signals (before any other thread starts, so that all
 * of them inherit the mask). A file-size limit (SIGXFSZ) makes write fail
 * with EFBIG, reported like a full disk, rather than kill the process
 * with its temporary file. */
void files_catch_signals(void) {
  static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
  file_umask = umask(0);
  umask(file_umask);
  sigset_t blocked; /* as the process was started: those stay as they are */
  pthread_sigmask(SIG_BLOCK, NULL, &blocked);
  sigemptyset(&stop_signals);
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
    struct sigaction old;
    if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN &&
        !sigismember(&blocked, sigs[i]))
      sigaddset(&stop_signals, sigs[i]);
  }
  signal(SIGXFSZ, SIG_IGN);
  if (sigisemptyset(&stop_signals))
    return; /* every one ignored: nothing to catch */
  pthread_t t;
  pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
  if (pthread_create(&t, NULL, signal_thread, NULL) == 0)
    pthread_detach(t);
  else /* without the thread, signals act as they did */
    pthread_sigmask(SIG_UNBLOCK, &stop_signals, NULL);
}

/* Create a temporary file for `path` (path.tmpXXXXXX, in the same
 * folder so the rename stays on one file system) and register it; its
 * name is left in *tmp (malloc'd) and *slot. Returns the descriptor or
 * -1 with errno set. */
static int temp_create(const char *path, char **tmp, int *slot) {
  size_t pl = strlen(path);
  *tmp = xmalloc(pl + 16);
  snprintf(*tmp, pl + 16, "%s.tmpXXXXXX", path);
  *slot = -1;
  pthread_mutex_lock(&in_flight_mu);
  int fd = mkstemp(*tmp);
  int saved = errno;
  for (int i = 0; fd >= 0 && i < in_flight_cap; i++)
    if (!in_flight[i]) {
      in_flight[i] = *tmp;
      *slot = i;
      break;
    }
  if (fd >= 0 && *slot < 0) { /* every slot taken: twice as many */
    int cap = in_flight_cap ? 2 * in_flight_cap : 64;
    in_flight = xrealloc(in_flight, sizeof *in_flight * (size_t)cap);
    memset(in_flight + in_flight_cap, 0,
           sizeof *in_flight * (size_t)(cap - in_flight_cap));
    *slot = in_flight_cap;
    in_flight[*slot] = *tmp;
    in_flight_cap = cap;
  }
  pthread_mutex_unlock(&in_flight_mu);
  errno = saved;
  return fd;
}

/* Rename the temporary file over `path` (keep), or remove it; in both
 * cases it is no longer in flight. Returns 0 or an errno value. */
static int temp_finish(char *tmp, int slot, const char *path, bool keep) {
  int err = 0;
  pthread_mutex_lock(&in_flight_mu);
  if (keep && rename(tmp, path) != 0) {
    err = errno;
    keep = false;
  }
  if (!keep)
    unlink(tmp);
  if (slot >= 0)
    in_flight[slot] = NULL;
  pthread_mutex_unlock(&in_flight_mu);
  free(tmp);
  return err;
}

/* ---- reading ---- */

/* What a file that is not a regular file is, for messages. */
static const char *file_kind(mode_t m) {
  return S_ISDIR(m)    ? "a directory"
         : S_ISFIFO(m) ? "a FIFO"
         : S_ISCHR(m)  ? "a character device"
         : S_ISBLK(m)  ? "a block device"
         : S_ISSOCK(m) ? "a socket"
                       : "not a regular file";
}

/* A stream (standard input, or /dev/stdin and its kind), whole, up to the
 * size limit; `shown` names it in messages. */
static char *read_stream(int fd, const char *shown, size_t *len,
                         struct diag *d) {
  size_t cap = 65536, n = 0;
  char *buf = xmalloc(cap + 1);
  for (;;) {
    if (n == cap) {
      if (cap > DOC_MAX_BYTES) {
        diag_error(d, (struct loc){shown, 0, 0},
                   "input too large (the limit is %u MiB)",
                   DOC_MAX_BYTES >> 20);
        free(buf);
        return NULL;
      }
      cap *= 2;
      buf = xrealloc(buf, cap + 1);
    }
    ssize_t r = read(fd, buf + n, cap - n);
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0) {
      diag_error(d, (struct loc){0}, "cannot read %s: %s",
                 fd == 0 ? "standard input" : shown, strerror(errno));
      free(buf);
      return NULL;
    }
    if (r == 0)
      break;
    n += (size_t)r;
  }
  if (n > DOC_MAX_BYTES) {
    diag_error(d, (struct loc){shown, 0, 0},
               "input too large (the limit is %u MiB)", DOC_MAX_BYTES >> 20);
    free(buf);
    return NULL;
  }
  buf[n] = 0;
  *len = n;
  return buf;
}

/* UTF-16 or UTF-32 text, told by a byte order mark or by the NULs that
 * ASCII characters leave in it (as JSON's RFC 4627 tells them): 16, 32,
 * or 0 for neither. Looks at 64 bytes at most. */
static int utf_width(const unsigned char *b, size_t n) {
  if (n >= 4 && ((b[0] == 0xFF && b[1] == 0xFE && !b[2] && !b[3]) ||
                 (!b[0] && !b[1] && b[2] == 0xFE && b[3] == 0xFF)))
    return 32;
  if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) ||
                 (b[0] == 0xFE && b[1] == 0xFF)))
    return 16;
  size_t k = n < 64 ? n & ~(size_t)1 : 64;
  if (k < 2 || !memchr(b, 0, k))
    return 0;
  int nul[4] = {0, 0, 0, 0}; /* NULs at each position mod 4 */
  for (size_t i = 0; i < k; i++)
    nul[i & 3] += !b[i];
  /* (two characters at least: one NUL before "cv:" is binary data, not
   * UTF-16) */
  int quads = (int)(k / 4);
  if (quads >= 2 &&
      ((nul[2] == quads && nul[3] == quads && nul[0] < quads) ||
       (nul[0] == quads && nul[1] == quads && nul[3] < quads)))
    return 32;
  int even = nul[0] + nul[2], odd = nul[1] + nul[3], pairs = (int)(k / 2);
  if ((even == 0 && odd >= 2 && odd * 2 >= pairs) ||
      (odd == 0 && even >= 2 && even * 2 >= pairs))
    return 16;
  return 0;
}

/* Whether a path names a descriptor this process already has open (the
 * pipe of `cat cv.yaml | cvpdf /dev/stdin`, of a shell's <(...), of
 * `-o /dev/stdout | ...`): a pipe there is read or written like '-'. */
static bool names_open_stream(const char *path) {
  return !strcmp(path, "/dev/stdin") || !strcmp(path, "/dev/stdout") ||
         !strcmp(path, "/dev/stderr") || !strncmp(path, "/dev/fd/", 8) ||
         !strncmp(path, "/proc/self/fd/", 14);
}

/* Read a whole file, refusing what is not a regular file (without
 * blocking on it: a FIFO is opened with O_NONBLOCK, then refused), what
 * is too large, and UTF-16 or UTF-32 text (the parser would call it
 * binary data). */
char *files_read(const char *path, size_t *len, struct diag *d) {
  const char *shown = strcmp(path, "-") == 0 ? "<stdin>" : path;
  char *buf = NULL;
  if (strcmp(path, "-") == 0) {
    buf = read_stream(0, shown, len, d);
  } else {
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
      diag_error(d, (struct loc){0}, "cannot open '%s': %s", path,
                 strerror(errno));
      return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
      diag_error(d, (struct loc){0}, "cannot read '%s': %s", path,
                 strerror(errno));
      close(fd);
      return NULL;
    }
    if (!S_ISREG(st.st_mode) &&
        (S_ISDIR(st.st_mode) || !names_open_stream(path))) {
      diag_error(d, (struct loc){0},
                 "cannot read '%s': it is %s, not a file (give a file, or "
                 "'-' to read standard input)",
                 path, file_kind(st.st_mode));
      close(fd);
      return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
      fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
      buf = read_stream(fd, shown, len, d);
      close(fd);
    } else if ((unsigned long long)st.st_size > DOC_MAX_BYTES) {
      diag_error(d, (struct loc){path, 0, 0},
                 "file too large (%lld bytes; the limit is %u MiB)",
                 (long long)st.st_size, DOC_MAX_BYTES >> 20);
      close(fd);
      return NULL;
    } else {
      size_t n = (size_t)st.st_size;
      buf = xmalloc(n + 1);
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
    }
  }
  int w = buf ? utf_width((const unsigned char *)buf, *len) : 0;
  if (w) {
    diag_error(d, (struct loc){shown, 0, 0},
               "the file is UTF-%d text: save it as UTF-8", w);
    free(buf);
    return NULL;
  }
  return buf;
}

/* ---- writing ---- */

/* Make the folder `path` and its parents, as mkdir -p does (each 0777
 * less the umask). Returns 0, or an errno value with the folder that
 * could not be made in failed[0..n). */
int files_make_dirs(const char *path, char *failed, size_t n) {
  char *p = xstrdup(path);
  size_t len = strlen(p);
  while (len > 1 && p[len - 1] == '/')
    p[--len] = 0;
  int err = 0;
  for (size_t i = 1; i <= len && !err; i++) {
    if ((p[i] != '/' && p[i] != 0) || p[i - 1] == '/')
      continue;
    char was = p[i];
    p[i] = 0;
    if (mkdir(p, 0777) != 0) {
      int e = errno;
      struct stat st;
      if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
        err = e == EEXIST ? ENOTDIR : e;
        snprintf(failed, n, "%s", p);
      }
    }
    p[i] = was;
  }
  free(p);
  return err;
}

/* Write all of data to fd; 0 or an errno value. */
static int write_all(int fd, const void *data, size_t len) {
  const char *p = data;
  for (size_t off = 0; off < len;) {
    ssize_t w = write(fd, p + off, len - off);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return w < 0 ? errno : EIO;
    off += (size_t)w;
  }
  return 0;
}

/* Write data to standard output for "-" (and to a pipe this process
 * holds, /dev/stdout and its kind): 1 written, 0 failed (said), -1 the
 * path is none of those: an existing path that is not a regular file is
 * refused (0): renaming over a FIFO or a device would replace it, and
 * writing into it in place could block (a FIFO without a reader) or lose
 * the atomicity. */
static int write_stream(const char *path, const void *data, size_t len,
                        struct diag *d) {
  if (strcmp(path, "-") == 0) {
    errno = 0;
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
      diag_error(d, (struct loc){0}, "cannot write to standard output%s%s",
                 errno ? ": " : "", errno ? strerror(errno) : "");
      return 0;
    }
    return 1;
  }
  struct stat st;
  bool exists = stat(path, &st) == 0;
  if (exists && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) &&
      names_open_stream(path)) {
    /* (O_NONBLOCK: a pipe without a reader is an error, not a wait) */
    int fd = open(path, O_WRONLY | O_CLOEXEC | O_NONBLOCK);
    int err = fd < 0 ? errno : 0;
    if (!err) {
      fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
      err = write_all(fd, data, len);
      if (close(fd) != 0 && !err)
        err = errno;
    }
    if (err)
      diag_error(d, (struct loc){0}, "cannot write '%s': %s", path,
                 strerror(err));
    return !err;
  }
  if (exists && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode))
      diag_error(d, (struct loc){0}, "cannot write '%s': it is a directory",
                 path);
    else
      diag_error(d, (struct loc){0},
                 "cannot write '%s': it is %s; the output must be a regular "
                 "file or a new name ('-' writes to standard output)",
                 path, file_kind(st.st_mode));
    return 0;
  }
  return -1;
}

bool files_stage(struct files_staged *s, const char *path, const void *data,
                 size_t len, struct diag *d) {
  int w = write_stream(path, data, len, d);
  if (w >= 0)
    return w;
  char *tmp;
  int slot;
  int fd = temp_create(path, &tmp, &slot);
  if (fd < 0) {
    diag_error(d, (struct loc){0}, "cannot write '%s': %s", path,
               strerror(errno));
    free(tmp);
    return false;
  }
  int err = write_all(fd, data, len);
  /* mkstemp makes 0600 files; a PDF is for sharing */
  if (!err && fchmod(fd, 0666 & ~file_umask) != 0)
    err = errno;
  /* no fsync: it would flush the disk once per CV (a batch of a thousand
   * would wait on a thousand flushes). The rename in files_commit
   * replaces the old PDF only once the new one is complete, which is what
   * a failed run must guarantee; ext4 and its kind also order that rename
   * after the data. */
  if (close(fd) != 0 && !err)
    err = errno;
  if (err) {
    temp_finish(tmp, slot, path, false);
    diag_error(d, (struct loc){0}, "cannot write '%s': %s", path,
               strerror(err));
    return false;
  }
  if (s->n == s->cap) {
    s->cap = s->cap ? 2 * s->cap : 8;
    s->v = xrealloc(s->v, sizeof *s->v * (size_t)s->cap);
  }
  s->v[s->n++] = (struct files_stage_one){tmp, xstrdup(path), slot};
  return true;
}

bool files_commit(struct files_staged *s, struct diag *d) {
  bool ok = true;
  for (int i = 0; i < s->n; i++) {
    struct files_stage_one *f = &s->v[i];
    int err = temp_finish(f->tmp, f->slot, f->path, ok); /* (or removed) */
    if (err) {
      diag_error(d, (struct loc){0}, "cannot write '%s': %s", f->path,
                 strerror(err));
      ok = false;
    }
    free(f->path);
  }
  free(s->v);
  *s = (struct files_staged){0};
  return ok;
}

void files_abort(struct files_staged *s) {
  for (int i = 0; i < s->n; i++) {
    temp_finish(s->v[i].tmp, s->v[i].slot, s->v[i].path, false);
    free(s->v[i].path);
  }
  free(s->v);
  *s = (struct files_staged){0};
}

bool files_write(const char *path, const void *data, size_t len,
                 struct diag *d) {
  struct files_staged s = {0};
  if (!files_stage(&s, path, data, len, d)) {
    files_abort(&s);
    return false;
  }
  return files_commit(&s, d);
}

bool files_is_dir(const char *p) {
  struct stat st;
  size_t n = strlen(p);
  return (n && p[n - 1] == '/') || (stat(p, &st) == 0 && S_ISDIR(st.st_mode));
}

const char *files_beside(struct arena *a, const char *from, const char *name) {
  const char *slash = from ? strrchr(from, '/') : NULL;
  return name[0] == '/' || !slash
             ? arena_strdup(a, name)
             : arena_printf(a, "%.*s/%s", (int)(slash - from), from, name);
}
