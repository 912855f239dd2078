/* slowwrite.c: an LD_PRELOAD shim for run-cli.sh that holds cvpdf in the
 * middle of writing its output, so a test can send a signal while a
 * temporary file is on disk. Every write() to a file under $SLOWWRITE_DIR
 * first creates $SLOWWRITE_MARK (the test waits for it) and then sleeps
 * 30 s; other writes (standard error, pipes) go straight through.
 * Build: cc -shared -fPIC -o slowwrite.so slowwrite.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

ssize_t write(int fd, const void *buf, size_t n) {
  static ssize_t (*real)(int, const void *, size_t);
  if (!real)
    real = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
  const char *dir = getenv("SLOWWRITE_DIR");
  const char *mark = getenv("SLOWWRITE_MARK");
  char link[64], target[4096];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t k = dir && mark ? readlink(link, target, sizeof target - 1) : -1;
  if (k > 0) {
    target[k] = 0;
    if (strncmp(target, dir, strlen(dir)) == 0) {
      int m = open(mark, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
      if (m >= 0)
        close(m);
      sleep(30);
    }
  }
  return real(fd, buf, n);
}
