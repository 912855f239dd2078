/* arena.h: bump allocation with one lifetime rule.
 *
 * Everything a stage allocates lives in an arena and is released all at
 * once, when the arena is reset; nothing is freed one object at a time.
 * cvpdf.h lists the arenas a document uses and how long each lives.
 * Allocation never returns NULL: running out of memory (or over the arena's
 * limit) prints a message and aborts, so callers never check.
 */
#ifndef CVPDF_ARENA_H
#define CVPDF_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
  struct arena_block *head; /* newest block first */
  struct arena_block *spare; /* blocks kept by arena_reset, for reuse */
  char *p, *end;            /* free space in the head block */
  size_t total;             /* bytes in use by blocks in `head` */
  size_t limit;             /* 0 = default limit (see arena.c) */
};

void arena_init(struct arena *a);
/* Zeroed memory, aligned for any type. */
void *arena_alloc(struct arena *a, size_t n);
/* `old` (oldn bytes) grown to newn bytes, the tail zeroed: in place when
 * it is the newest allocation and its block has room, else a copy (the
 * old storage then stays until the reset). Use only the returned pointer. */
void *arena_grow(struct arena *a, void *old, size_t oldn, size_t newn);
/* An array of n elements of `size` bytes (grown only by this function)
 * with room for one more: its capacity doubles (4, 8, 16...), so n pushes
 * cost O(n) memory even when other allocations come between them (growing
 * by one copies the array each time then: 5000 of them were 1 GiB). */
void *arena_push(struct arena *a, void *v, size_t n, size_t size);
/* NUL-terminated copy of s[0..n). */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Forget everything; the blocks are kept for the next document (a batch
 * or a fitting reuses its memory rather than asking the system again). */
void arena_reset(struct arena *a);
void arena_free(struct arena *a);

/* The heap, for memory that outlives no arena's rule (a process's font
 * cache, buffers grown with realloc, what a thread owns): malloc, calloc,
 * realloc, strdup and strndup that never return NULL. Running out of
 * memory prints a message and aborts, as an arena does. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* p itself, for another allocator's result (open_memstream, a compressor):
 * NULL is running out of memory, and aborts likewise. */
void *xcheck(void *p);

/* Growable arrays in an arena: `VEC(T) v = {0}; VEC_PUSH(a, v, x);`.
 * Growth is in place for the newest allocation, else a copy (the old
 * storage stays in the arena until it is reset); doubling keeps the waste
 * below the final size. */
#define VEC(T)                                                                 \
  struct {                                                                     \
    T *v;                                                                      \
    int n, cap;                                                                \
  }
#define VEC_RESERVE(a, vec, want)                                              \
  do {                                                                         \
    if ((want) > (vec).cap) {                                                  \
      int nc_ = (vec).cap ? (vec).cap * 2 : 8;                                 \
      while (nc_ < (want))                                                     \
        nc_ *= 2;                                                              \
      (vec).v = arena_grow((a), (vec).v, sizeof(*(vec).v) * (size_t)(vec).n,   \
                           sizeof(*(vec).v) * (size_t)nc_);                    \
      (vec).cap = nc_;                                                         \
    }                                                                          \
  } while (0)
#define VEC_PUSH(a, vec, x)                                                    \
  do {                                                                         \
    VEC_RESERVE(a, vec, (vec).n + 1);                                          \
    (vec).v[(vec).n++] = (x);                                                  \
  } while (0)

#endif
