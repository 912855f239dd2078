/* hyph.c: hyphenation points (see hyph.h). Owns the loaded dictionary:
 * cvpdf's table of Liang patterns, or libhyphen's automaton; and for Thai,
 * Lao, Khmer and Myanmar, which break between words they do not space,
 * libthai's dictionary and ICU's. Words are
 * lower-cased here (patterns are lower case); a word whose lower-case form
 * has a different byte length is left unhyphenated rather than mis-mapped.
 */
#include "hyph.h"

#include <hyphen.h>
#include <dlfcn.h>
#include <thai/thbrk.h>
#include <thai/thwbrk.h>
#include <unicode/ubrk.h>
#include <unicode/uvernum.h>
#include <libdeflate.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wctype.h>

#include "arena.h"
#include "utf8.h"

void hyph_init(struct hyph *h, const char *lang, const char *dir) {
  memset(h, 0, sizeof *h);
  snprintf(h->lang, sizeof h->lang, "%s", lang ? lang : "en_US");
  h->dir = dir;
  if (!h->lang[0])
    h->tried = true; /* a language without hyphenation patterns */
  h->lefthyphenmin = 2;
  h->righthyphenmin = 3;
}

/* ---- Liang's patterns in a hash table ----
 *
 * A pattern such as "a2ch4" is the letters "ach" with a value at each of
 * their four boundaries (0 2 0 4). Hyphenating ".word." takes, for every
 * substring found among the patterns, the larger value at each boundary;
 * an odd value allows a hyphen there (TeX's algorithm, Liang 1983). */

#define LIANG_MAXLEN 64 /* letters in one pattern, dots included */

struct pat {
  uint32_t hash;
  int letters; /* offset into cps */
  int values;  /* offset into vals (n + 1 of them) */
  int n;
};

struct liang {
  uint32_t *cps;
  unsigned char *vals;
  int ncps, nvals, capcps, capvals;
  struct pat *table; /* open addressing, size a power of two */
  int size, count;
  int maxlen;
  int maxprobe; /* the farthest any pattern lies from its home slot */
  /* a bit for the hash of every prefix of every pattern: a substring
   * whose bit is clear begins no pattern, so neither it nor any longer
   * one need be looked up (most of a word's substrings stop there, before
   * they reach the table) */
  uint64_t *prefixes;
  int prefix_bits; /* log2 of the number of bits */
  int lhmin, rhmin;
  void *map; /* the arrays live in this mapped cache file (or NULL) */
  size_t maplen;
};

static uint32_t fnv(uint32_t h, uint32_t cp) { return (h ^ cp) * 16777619u; }
#define FNV0 2166136261u

static uint32_t prefix_bit(const struct liang *L, uint32_t h) {
  return (h * 2654435761u) >> (32 - L->prefix_bits);
}

static bool maybe_prefix(const struct liang *L, uint32_t h) {
  uint32_t b = prefix_bit(L, h);
  return L->prefixes[b >> 6] >> (b & 63) & 1;
}

static void liang_free(struct liang *L) {
  if (!L)
    return;
  if (L->map) {
    munmap(L->map, L->maplen);
  } else {
    free(L->cps);
    free(L->vals);
    free(L->table);
    free(L->prefixes);
  }
  free(L);
}

static void liang_insert(struct liang *L, struct pat p) {
  if (10 * (L->count + 1) > 7 * L->size) { /* at most 70 % full */
    int ns = L->size ? L->size * 2 : 4096;
    struct pat *t = xcalloc((size_t)ns, sizeof *t);
    for (int i = 0; i < L->size; i++)
      if (L->table[i].n) {
        int k = (int)(L->table[i].hash & (uint32_t)(ns - 1));
        while (t[k].n)
          k = (k + 1) & (ns - 1);
        t[k] = L->table[i];
      }
    free(L->table);
    L->table = t;
    L->size = ns;
  }
  int k = (int)(p.hash & (uint32_t)(L->size - 1));
  while (L->table[k].n) {
    struct pat *q = &L->table[k];
    if (q->hash == p.hash && q->n == p.n &&
        memcmp(L->cps + q->letters, L->cps + p.letters,
               sizeof(uint32_t) * (size_t)p.n) == 0)
      return; /* a repeated pattern: the first one stands */
    k = (k + 1) & (L->size - 1);
  }
  L->table[k] = p;
  L->count++;
}

/* The pattern of letters cps[0..n), or NULL. A slot is checked to lie
 * inside the arrays before it is used, here rather than when a cached
 * table is mapped: checking every slot up front would read (and keep
 * resident) the whole table, where a CV's words touch a part of it. No
 * pattern lies farther than maxprobe slots from its home, so the search
 * stops there (which also bounds it in a damaged table). */
static const struct pat *liang_find(const struct liang *L, uint32_t hash,
                                    const uint32_t *cps, int n) {
  int k = (int)(hash & (uint32_t)(L->size - 1));
  for (int probes = 0; L->table[k].n && probes <= L->maxprobe; probes++) {
    const struct pat *q = &L->table[k];
    if (q->hash == hash && q->n == n && q->letters >= 0 && q->values >= 0 &&
        q->letters <= L->ncps - n && q->values <= L->nvals - n - 1 &&
        memcmp(L->cps + q->letters, cps, sizeof(uint32_t) * (size_t)n) == 0)
      return q;
    k = (k + 1) & (L->size - 1);
  }
  return NULL;
}

/* Read a dictionary of plain patterns; NULL if the file needs libhyphen
 * (or cannot be read). The file is read whole and every table is sized
 * from it up front: loading is a single pass with no reallocation. */
static struct liang *liang_load(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  char *text = NULL;
  long size = -1;
  if (fseek(f, 0, SEEK_END) == 0)
    size = ftell(f);
  if (size > 0 && size < (16L << 20) && fseek(f, 0, SEEK_SET) == 0) {
    text = xmalloc((size_t)size + 1);
    if (fread(text, 1, (size_t)size, f) != (size_t)size) {
      free(text);
      text = NULL;
    }
  }
  fclose(f);
  if (!text)
    return NULL;
  text[size] = 0;
  int lines = 1;
  for (long i = 0; i < size; i++)
    lines += text[i] == '\n';
  struct liang *L = xcalloc(1, sizeof *L);
  /* a pattern has no more letters, nor values, than its line has bytes */
  L->capcps = (int)size + 1;
  L->capvals = (int)size + lines + 1;
  L->cps = xmalloc(sizeof(uint32_t) * (size_t)L->capcps);
  L->vals = xmalloc((size_t)L->capvals);
  L->size = 1024; /* at most 70 % full (linear probing stays short) */
  while (7 * L->size < 10 * lines)
    L->size *= 2;
  L->table = xcalloc((size_t)L->size, sizeof *L->table);
  bool latin1 = false, ok = true, first = true;
  char *p = text, *end = text + size;
  while (ok && p < end) {
    char *line = p;
    while (p < end && *p != '\n' && *p != '\r')
      p++;
    size_t n = (size_t)(p - line);
    while (p < end && (*p == '\n' || *p == '\r'))
      p++;
    line[n] = 0; /* the line's end (a newline) becomes its terminator */
    if (first) { /* the encoding */
      first = false;
      if (!strcmp(line, "ISO8859-1") || !strcmp(line, "ISO8859-15"))
        latin1 = true;
      else if (strcmp(line, "UTF-8") != 0)
        ok = false;
      continue;
    }
    if (n == 0 || line[0] == '%' || line[0] == '#')
      continue;
    if (line[0] >= 'A' && line[0] <= 'Z') { /* a keyword */
      if (!strncmp(line, "LEFTHYPHENMIN", 13))
        L->lhmin = atoi(line + 13);
      else if (!strncmp(line, "RIGHTHYPHENMIN", 14))
        L->rhmin = atoi(line + 14);
      else if (strncmp(line, "COMPOUND", 8) && strncmp(line, "NOHYPHEN", 8))
        ok = false; /* NEXTLEVEL and the like: libhyphen's extensions */
      continue;
    }
    if (memchr(line, '/', n)) {
      ok = false; /* a replacement pattern: libhyphen's */
      break;
    }
    /* letters and the values between them */
    uint32_t *cps = L->cps + L->ncps;
    unsigned char *vals = L->vals + L->nvals;
    int k = 0;
    vals[0] = 0;
    const char *q = line, *e = line + n;
    uint32_t hash = FNV0;
    while (q < e) {
      if (*q >= '0' && *q <= '9') {
        vals[k] = (unsigned char)(*q - '0');
        q++;
        continue;
      }
      if (*q == ' ' || *q == '\t') {
        q++;
        continue;
      }
      uint32_t cp = latin1 || (unsigned char)*q < 0x80 ? (unsigned char)*q++
                                                        : utf8_next(&q);
      if (k >= LIANG_MAXLEN) {
        k = 0; /* longer than any word worth hyphenating: left out */
        break;
      }
      cps[k++] = cp;
      vals[k] = 0;
      hash = fnv(hash, cp);
    }
    if (k == 0)
      continue;
    struct pat pt = {hash, L->ncps, L->nvals, k};
    L->ncps += k;
    L->nvals += k + 1;
    if (k > L->maxlen)
      L->maxlen = k;
    liang_insert(L, pt);
  }
  free(text);
  if (!ok || !L->count) {
    liang_free(L);
    return NULL;
  }
  for (int i = 0; i < L->size; i++)
    if (L->table[i].n) {
      int d = (i - (int)(L->table[i].hash & (uint32_t)(L->size - 1))) &
              (L->size - 1);
      if (d > L->maxprobe)
        L->maxprobe = d;
    }
  /* four bits a letter of all patterns (64 KB for English): a substring
   * that begins no pattern passes for one about one time in eight */
  L->prefix_bits = 12;
  while ((1 << L->prefix_bits) < 4 * L->ncps && L->prefix_bits < 26)
    L->prefix_bits++;
  L->prefixes = xcalloc((size_t)1 << (L->prefix_bits - 6), sizeof(uint64_t));
  for (int i = 0; i < L->size; i++) {
    const struct pat *q = &L->table[i];
    uint32_t h = FNV0;
    for (int k = 0; k < q->n; k++) {
      h = fnv(h, L->cps[q->letters + k]);
      uint32_t b = prefix_bit(L, h);
      L->prefixes[b >> 6] |= (uint64_t)1 << (b & 63);
    }
  }
  return L;
}

/* Boundary values for ".word." (n letters): vals[k] is the boundary
 * before the k-th character of the dotted word. */
static void liang_values(const struct liang *L, const uint32_t *w, int n,
                         unsigned char *vals) {
  uint32_t d[256 + 2];
  d[0] = '.';
  memcpy(d + 1, w, sizeof(uint32_t) * (size_t)n);
  d[n + 1] = '.';
  int m = n + 2;
  memset(vals, 0, (size_t)m + 1);
  for (int i = 0; i < m; i++) {
    uint32_t h = FNV0;
    for (int j = i; j < m && j - i < L->maxlen; j++) {
      h = fnv(h, d[j]);
      if (!maybe_prefix(L, h))
        break; /* no pattern begins with d[i..j] */
      const struct pat *p = liang_find(L, h, d + i, j - i + 1);
      if (!p)
        continue;
      const unsigned char *pv = L->vals + p->values;
      for (int k = 0; k <= p->n; k++)
        if (pv[k] > vals[i + k])
          vals[i + k] = pv[k];
    }
  }
}

static int thai_words(struct hyph *h, const uint32_t *s, int n, int *pos,
                      int max) {
  if (!h->thai_tried) {
    h->thai_tried = true;
    h->thai = th_brk_new(NULL);
  }
  if (!h->thai)
    return -1;
  /* libthai takes a NUL-terminated string of wchar_t (UCS-4 here) */
  thwchar_t *w = xmalloc(sizeof *w * (size_t)(n + 1));
  for (int i = 0; i < n; i++)
    w[i] = (thwchar_t)s[i];
  w[n] = 0;
  int k = th_brk_wc_find_breaks(h->thai, w, pos, (size_t)max);
  free(w);
  return k < 0 ? 0 : k;
}

/* ICU's break iterator, through the few functions used, looked up by
 * their versioned names (ubrk_open_72) in the library the headers are
 * of. */
#define STR2(x) #x
#define STR(x) STR2(x)
#define ICU_NAME(fn) #fn STR(U_ICU_VERSION_SUFFIX)
struct icu_api {
  void *lib;
  UBreakIterator *(*open)(UBreakIteratorType, const char *, const UChar *,
                          int32_t, UErrorCode *);
  int32_t (*next)(UBreakIterator *);
  void (*close)(UBreakIterator *);
};

static struct icu_api *icu(struct hyph *h) {
  if (!h->icu_tried) {
    h->icu_tried = true;
    void *lib = dlopen("libicuuc.so." STR(U_ICU_VERSION_MAJOR_NUM),
                       RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    struct icu_api *api = xcalloc(1, sizeof *api);
    if (lib) {
      *(void **)&api->open = dlsym(lib, ICU_NAME(ubrk_open));
      *(void **)&api->next = dlsym(lib, ICU_NAME(ubrk_next));
      *(void **)&api->close = dlsym(lib, ICU_NAME(ubrk_close));
    }
    if (!lib || !api->open || !api->next || !api->close) {
      if (lib)
        dlclose(lib);
      free(api);
      api = NULL;
    } else {
      api->lib = lib;
    }
    h->icu = api;
  }
  return h->icu;
}

static int icu_words(struct hyph *h, const uint32_t *s, int n, int *pos,
                     int max) {
  struct icu_api *I = icu(h);
  if (!I)
    return -1;
  /* these scripts are all in the BMP: one UTF-16 unit a character */
  UChar *u = xmalloc(sizeof *u * (size_t)(n + 1));
  for (int i = 0; i < n; i++)
    u[i] = s[i] <= 0xFFFF ? (UChar)s[i] : 0xFFFD;
  UErrorCode err = U_ZERO_ERROR;
  UBreakIterator *bi = I->open(UBRK_LINE, "", u, n, &err);
  int k = 0;
  if (bi && !U_FAILURE(err)) {
    for (int32_t p = I->next(bi); p != UBRK_DONE && k < max; p = I->next(bi))
      if (p > 0 && p < n)
        pos[k++] = p;
  }
  if (bi)
    I->close(bi);
  free(u);
  return U_FAILURE(err) ? -1 : k;
}

int hyph_words(struct hyph *h, const uint32_t *s, int n, int *pos, int max) {
  if (n < 2)
    return 0;
  if (s[0] >= 0xE00 && s[0] <= 0xE7F)
    return thai_words(h, s, n, pos, max);
  return icu_words(h, s, n, pos, max);
}

void hyph_free(struct hyph *h) {
  if (h->thai)
    th_brk_delete(h->thai);
  h->thai = NULL;
  h->thai_tried = false;
  free(h->icu); /* (the library stays mapped: RTLD_NODELETE) */
  h->icu = NULL;
  h->icu_tried = false;
  if (h->dict)
    hnj_hyphen_free(h->dict);
  h->dict = NULL;
  liang_free(h->liang);
  h->liang = NULL;
}

bool liang_from_cache(const struct liang *L) { return L->map != NULL; }

void hyph_use_libhyphen(struct hyph *h) {
  hyph_free(h);
  h->tried = true;
  char path[1024];
  if (hyph_find(h, path, sizeof path))
    h->dict = hnj_hyphen_load(path);
}

static bool try_path(const char *dir, const char *lang, char *buf, size_t n) {
  snprintf(buf, n, "%s/hyph_%s.dic", dir, lang);
  return access(buf, R_OK) == 0;
}

const char *hyph_find(struct hyph *h, char *buf, size_t n) {
  if (!h->lang[0])
    return NULL;
  const char *dirs[] = {h->dir, getenv("CVPDF_HYPHEN_DIR"), "/usr/share/hyphen"};
  for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
    if (!dirs[i] || !*dirs[i])
      continue;
    if (try_path(dirs[i], h->lang, buf, n))
      return buf;
    if (strlen(h->lang) == 2) {
      /* "de" -> hyph_de_DE.dic and the like */
      char full[40];
      snprintf(full, sizeof full, "%s_%c%c", h->lang, h->lang[0] - 32,
               h->lang[1] - 32);
      if (try_path(dirs[i], full, buf, n))
        return buf;
    }
  }
  return NULL;
}

/* ---- a cache of loaded tables ----
 *
 * Reading a dictionary costs a few milliseconds a run (a tenth of a whole
 * CV's), so the table built from it is kept, like fontconfig's caches, in
 * $XDG_CACHE_HOME/cvpdf (else ~/.cache/cvpdf): one file per dictionary,
 * named from its path and stamped with its size and time, mapped as it is
 * on the next run. A cache that cannot be written is simply not kept; one
 * that does not check out in every offset, or whose body does not match
 * its checksum (a damaged file), is ignored and rewritten. */

#define CACHE_MAGIC "cvpdf-hyph-6\n" /* 5: a checksum; 6: it is a CRC-32 */

struct cache_head {
  char magic[16];
  uint64_t dic_size, dic_mtime;
  uint64_t sum; /* hyph_checksum of everything after the header */
  uint32_t ncps, nvals, size, count, maxlen;
  int32_t lhmin, rhmin;
  uint32_t maxprobe;
  uint32_t prefix_bits;
  uint32_t pad;
};

/* Where each array lies in a cache file, from its header's sizes: the
 * letters right after the header, then the values, the table at a 4-byte
 * boundary, the prefix bits (64-bit words) at an 8-byte one. end is the
 * file's size (0 for a header whose prefix size is out of range). */
struct cache_layout {
  size_t vals, table, prefixes, end;
};

static struct cache_layout cache_layout(const struct cache_head *hd) {
  struct cache_layout l;
  l.vals = sizeof *hd + 4 * (size_t)hd->ncps;
  l.table = (l.vals + hd->nvals + 3) & ~(size_t)3;
  l.prefixes = (l.table + sizeof(struct pat) * (size_t)hd->size + 7) &
               ~(size_t)7;
  l.end = hd->prefix_bits >= 12 && hd->prefix_bits <= 26 /* else invalid */
              ? l.prefixes + ((size_t)1 << (hd->prefix_bits - 3))
              : 0;
  return l;
}

uint64_t hyph_checksum(const void *data, size_t n) {
  /* libdeflate's CRC-32, with the processor's carry-less multiplication
   * where it has it: 0.19 M instructions for the 680 KB table */
  return libdeflate_crc32(0, data, n);
}

static bool cache_path(const char *dic, char *out, size_t n) {
  const char *base = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
  char dir[1024];
  if (base && base[0] == '/')
    snprintf(dir, sizeof dir, "%s/cvpdf", base);
  else if (home && home[0] == '/')
    snprintf(dir, sizeof dir, "%s/.cache/cvpdf", home);
  else
    return false;
  uint32_t h = FNV0;
  for (const char *p = dic; *p; p++)
    h = fnv(h, (unsigned char)*p);
  const char *slash = strrchr(dic, '/');
  int m = snprintf(out, n, "%s/%s-%08x.bin", dir, slash ? slash + 1 : dic, h);
  return m > 0 && (size_t)m < n;
}

static struct liang *cache_read(const char *dic, const struct stat *ds) {
  char path[1280];
  if (!cache_path(dic, path, sizeof path))
    return NULL;
  /* (not blocking on a FIFO at the cache's path: a regular file only) */
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return NULL;
  struct stat st;
  void *map = MAP_FAILED;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
      (size_t)st.st_size >= sizeof(struct cache_head) &&
      st.st_size < (64 << 20))
    map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (map == MAP_FAILED)
    return NULL;
  size_t len = (size_t)st.st_size;
  const struct cache_head *hd = map;
  struct cache_layout at = cache_layout(hd);
  size_t need = at.end;
  bool ok = memcmp(hd->magic, CACHE_MAGIC, sizeof CACHE_MAGIC - 1) == 0 &&
            hd->dic_size == (uint64_t)ds->st_size &&
            hd->dic_mtime == (uint64_t)ds->st_mtim.tv_sec * 1000000000u +
                                 (uint64_t)ds->st_mtim.tv_nsec &&
            hd->ncps < (1u << 24) && hd->nvals < (1u << 24) &&
            hd->size >= 2 && hd->size < (1u << 24) &&
            (hd->size & (hd->size - 1)) == 0 && hd->count < hd->size &&
            hd->maxlen <= LIANG_MAXLEN && hd->maxprobe < hd->size &&
            need == len &&
            hyph_checksum((const char *)map + sizeof *hd, len - sizeof *hd) ==
                hd->sum;
  struct liang *L = NULL;
  if (ok) {
    L = xcalloc(1, sizeof *L);
    L->cps = (uint32_t *)((char *)map + sizeof *hd);
    L->vals = (unsigned char *)map + at.vals;
    L->table = (struct pat *)((char *)map + at.table);
    L->ncps = (int)hd->ncps;
    L->nvals = (int)hd->nvals;
    L->size = (int)hd->size;
    L->count = (int)hd->count;
    L->maxlen = (int)hd->maxlen;
    L->maxprobe = (int)hd->maxprobe;
    L->prefixes = (uint64_t *)((char *)map + at.prefixes);
    L->prefix_bits = (int)hd->prefix_bits;
    L->lhmin = hd->lhmin;
    L->rhmin = hd->rhmin;
    L->map = map;
    L->maplen = len;
    /* (each slot is checked when a lookup reaches it: liang_find) */
  }
  if (!L)
    munmap(map, len);
  return L;
}

static void cache_write(const char *dic, const struct stat *ds,
                        const struct liang *L) {
  char path[1280], tmp[1300];
  if (!cache_path(dic, path, sizeof path))
    return;
  char *slash = strrchr(path, '/');
  *slash = 0; /* make the folders: ~/.cache, then ~/.cache/cvpdf */
  char *up = strrchr(path, '/');
  if (up) {
    *up = 0;
    mkdir(path, 0700);
    *up = '/';
  }
  mkdir(path, 0700);
  *slash = '/';
  snprintf(tmp, sizeof tmp, "%s.%ldXXXXXX", path, (long)getpid());
  int fd = mkstemp(tmp);
  if (fd < 0)
    return;
  struct cache_head hd;
  memset(&hd, 0, sizeof hd);
  memcpy(hd.magic, CACHE_MAGIC, sizeof CACHE_MAGIC - 1);
  hd.dic_size = (uint64_t)ds->st_size;
  hd.dic_mtime = (uint64_t)ds->st_mtim.tv_sec * 1000000000u +
                 (uint64_t)ds->st_mtim.tv_nsec;
  hd.ncps = (uint32_t)L->ncps;
  hd.nvals = (uint32_t)L->nvals;
  hd.size = (uint32_t)L->size;
  hd.count = (uint32_t)L->count;
  hd.maxlen = (uint32_t)L->maxlen;
  hd.maxprobe = (uint32_t)L->maxprobe;
  hd.prefix_bits = (uint32_t)L->prefix_bits;
  hd.lhmin = L->lhmin;
  hd.rhmin = L->rhmin;
  /* the body laid out as the file holds it (zero padding), then summed */
  struct cache_layout at = cache_layout(&hd);
  size_t body = at.end - sizeof hd;
  char *b = xcalloc(1, body);
  memcpy(b, L->cps, 4 * (size_t)L->ncps);
  memcpy(b + at.vals - sizeof hd, L->vals, (size_t)L->nvals);
  memcpy(b + at.table - sizeof hd, L->table, sizeof(struct pat) * (size_t)L->size);
  memcpy(b + at.prefixes - sizeof hd, L->prefixes, at.end - at.prefixes);
  hd.sum = hyph_checksum(b, body);
  bool ok = write(fd, &hd, sizeof hd) == (ssize_t)sizeof hd &&
            write(fd, b, body) == (ssize_t)body;
  free(b);
  ok = close(fd) == 0 && ok;
  if (!ok || rename(tmp, path) != 0)
    unlink(tmp);
}

bool hyph_available(struct hyph *h) {
  if (h->tried)
    return h->dict || h->liang;
  h->tried = true;
  char path[1024];
  if (hyph_find(h, path, sizeof path)) {
    struct stat ds;
    bool stamped = stat(path, &ds) == 0;
    if (stamped && !h->no_cache)
      h->liang = cache_read(path, &ds);
    if (!h->liang) {
      h->liang = liang_load(path);
      if (h->liang && stamped && !h->no_cache)
        cache_write(path, &ds, h->liang);
    }
    if (!h->liang)
      h->dict = hnj_hyphen_load(path);
  }
  return h->dict || h->liang;
}

int hyph_word(struct hyph *h, const char *w, size_t len, char *marks) {
  memset(marks, 0, len);
  if (len < 4 || len > 200 || !hyph_available(h))
    return 0;
  char lower[256];
  size_t o = 0;
  const char *p = w, *e = w + len;
  while (p < e) {
    uint32_t cp = utf8_next(&p);
    uint32_t lc = cp < 0x80 ? ((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp)
                            : (uint32_t)towlower((wint_t)cp);
    char tmp[4];
    int n = utf8_encode(lc, tmp);
    if (o + (size_t)n > len || o + (size_t)n >= sizeof lower)
      return 0;
    memcpy(lower + o, tmp, (size_t)n);
    o += (size_t)n;
  }
  if (o != len)
    return 0;
  lower[o] = 0;
  if (h->liang) {
    /* the letters as code points, and where each ends in the bytes */
    uint32_t cps[256];
    int ends[256], n = 0;
    const char *q = lower;
    while (q < lower + len && n < 256) {
      cps[n] = utf8_next(&q);
      ends[n++] = (int)(q - lower) - 1;
    }
    unsigned char vals[256 + 3];
    liang_values(h->liang, cps, n, vals);
    int lmin = h->liang->lhmin > h->lefthyphenmin ? h->liang->lhmin
                                                  : h->lefthyphenmin;
    int rmin = h->liang->rhmin > h->righthyphenmin ? h->liang->rhmin
                                                   : h->righthyphenmin;
    int count = 0;
    /* after letter t (0-based): the boundary before dotted index t + 2 */
    for (int t = lmin - 1; t < n - rmin; t++)
      if (t >= 0 && (vals[t + 2] & 1)) {
        marks[ends[t]] = 1;
        count++;
      }
    return count;
  }
  char hyphens[256 + 5];
  char **rep = NULL;
  int *pos = NULL, *cut = NULL;
  if (hnj_hyphen_hyphenate3(h->dict, lower, (int)len, hyphens, NULL, &rep,
                            &pos, &cut, h->lefthyphenmin, h->righthyphenmin, 2,
                            2)) {
    return 0;
  }
  int count = 0;
  for (size_t i = 0; i + 1 < len; i++)
    if (hyphens[i] & 1) {
      /* a hyphen may only follow the last byte of a character */
      if (((unsigned char)w[i + 1] & 0xC0) == 0x80)
        continue;
      if (rep && rep[i])
        continue; /* non-standard (replacement) hyphenation: skip it */
      marks[i] = 1;
      count++;
    }
  if (rep) {
    for (size_t i = 0; i < len; i++)
      free(rep[i]);
    free(rep);
  }
  free(pos);
  free(cut);
  return count;
}
