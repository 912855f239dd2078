/* arena.c: the bump allocator behind every stage (see arena.h).
 *
 * Blocks come from malloc and grow geometrically to 256 KiB; a request
 * larger than a block gets a block of its own. The limit exists so that a hostile input
 * cannot make cvpdf eat the machine: a CV never needs more than a few MiB.
 */
#include "arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Under AddressSanitizer, memory given back by arena_reset is poisoned
 * until it is handed out again: a use of something whose arena was reset
 * (a lifetime mistake) is then reported like a use after free, although
 * the block itself is kept for reuse. */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif
#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define ARENA_ALIGN 16
#define ARENA_FIRST_BLOCK (16 * 1024)
#define ARENA_MAX_BLOCK (256 * 1024)
#define ARENA_DEFAULT_LIMIT ((size_t)1 << 30) /* 1 GiB: far above any CV */

struct arena_block {
  struct arena_block *next;
  size_t size;
  /* payload follows, aligned */
};

#define HEADER_SIZE                                                            \
  ((sizeof(struct arena_block) + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1))

void arena_init(struct arena *a) { memset(a, 0, sizeof *a); }

static void new_block(struct arena *a, size_t need) {
  /* doubling up to 256 KiB, then steady: the memory held stays within
   * 256 KiB of what is used, which keeps a whole CV under a few MiB */
  size_t size = a->head ? a->head->size * 2 : ARENA_FIRST_BLOCK;
  if (size > ARENA_MAX_BLOCK)
    size = ARENA_MAX_BLOCK;
  if (size < need)
    size = need;
  /* a kept block that is big enough, first */
  for (struct arena_block **sp = &a->spare; *sp; sp = &(*sp)->next)
    if ((*sp)->size >= need) {
      struct arena_block *b = *sp;
      *sp = b->next;
      b->next = a->head;
      a->head = b;
      a->total += b->size;
      a->p = (char *)b + HEADER_SIZE;
      a->end = a->p + b->size;
      return;
    }
  size_t limit = a->limit ? a->limit : ARENA_DEFAULT_LIMIT;
  if (a->total + size > limit) {
    fprintf(stderr, "cvpdf: error: out of memory (limit of %zu MiB reached)\n",
            limit >> 20);
    abort();
  }
  struct arena_block *b = xmalloc(HEADER_SIZE + size);
  b->next = a->head;
  b->size = size;
  a->head = b;
  a->total += size;
  a->p = (char *)b + HEADER_SIZE;
  a->end = a->p + size;
}

/* memory that the caller fills at once: not zeroed */
static void *alloc_raw(struct arena *a, size_t n) {
  if (n == 0)
    n = 1;
  n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
  if (!a->p || (size_t)(a->end - a->p) < n)
    new_block(a, n);
  void *r = a->p;
  a->p += n;
  UNPOISON(r, n);
  return r;
}

void *arena_alloc(struct arena *a, size_t n) {
  void *r = alloc_raw(a, n);
  memset(r, 0, n ? n : 1);
  return r;
}

void *arena_grow(struct arena *a, void *old, size_t oldn, size_t newn) {
  /* The newest allocation grows where it is when its block has room: a
   * growing array (the usual caller) then costs its final size, not
   * twice that in copies. Its bytes past oldn are ours either way (they
   * are the rest of the old allocation, or padding). */
  size_t up = (oldn + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
  size_t newup = (newn + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
  if (old && oldn && newn >= oldn && (char *)old + up == a->p &&
      (size_t)(a->end - (char *)old) >= newup) {
    UNPOISON((char *)old + up, newup - up);
    memset((char *)old + oldn, 0, newn - oldn);
    a->p = (char *)old + (newup ? newup : ARENA_ALIGN);
    return old;
  }
  /* else the old part is copied; the new part is zeroed, as arena_alloc's */
  char *r = alloc_raw(a, newn);
  size_t keep = old && oldn ? (oldn < newn ? oldn : newn) : 0;
  if (keep)
    memcpy(r, old, keep);
  memset(r + keep, 0, newn - keep);
  return r;
}

void *arena_push(struct arena *a, void *v, size_t n, size_t size) {
  if (n && (n < 4 || (n & (n - 1)))) /* room left: capacity is 4 or 2^k */
    return v;
  size_t cap = n ? 2 * n : 4;
  return arena_grow(a, v, size * n, size * cap);
}

char *arena_strndup(struct arena *a, const char *s, size_t n) {
  char *r = alloc_raw(a, n + 1);
  if (n)
    memcpy(r, s, n);
  r[n] = 0;
  return r;
}

char *arena_strdup(struct arena *a, const char *s) {
  return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0)
    n = 0;
  char *r = alloc_raw(a, (size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(r, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return r;
}

void arena_reset(struct arena *a) {
  /* every block goes to the spares (but one oversized for a single huge
   * request is freed: it would be kept for nothing) */
  struct arena_block *b = a->head;
  while (b) {
    struct arena_block *next = b->next;
    if (b->size > ARENA_MAX_BLOCK) {
      free(b);
    } else {
      b->next = a->spare;
      a->spare = b;
      POISON((char *)b + HEADER_SIZE, b->size);
    }
    b = next;
  }
  a->head = NULL;
  a->total = 0;
  a->p = a->end = NULL;
}

void arena_free(struct arena *a) {
  arena_reset(a);
  struct arena_block *b = a->spare;
  while (b) {
    struct arena_block *next = b->next;
    free(b);
    b = next;
  }
  memset(a, 0, sizeof *a);
}

void *xcheck(void *p) {
  if (!p) {
    fprintf(stderr, "cvpdf: error: out of memory\n");
    abort();
  }
  return p;
}

void *xmalloc(size_t n) { return xcheck(malloc(n ? n : 1)); }
void *xcalloc(size_t n, size_t size) {
  return xcheck(calloc(n ? n : 1, size ? size : 1));
}
void *xrealloc(void *p, size_t n) { return xcheck(realloc(p, n ? n : 1)); }
char *xstrdup(const char *s) { return xcheck(strdup(s)); }
char *xstrndup(const char *s, size_t n) { return xcheck(strndup(s, n)); }
