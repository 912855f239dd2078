/* hyph.h: where a word may be hyphenated (Liang's patterns).
 *
 * Dictionaries are Debian's hyphen-* packages (hyph_en_US.dic, ...), loaded
 * the first time a paragraph actually needs hyphenation: most paragraphs
 * break well without it (TeX's pretolerance pass), so most CVs never pay
 * for loading the patterns. A dictionary of plain patterns (all of the
 * common ones) is read into a hash table of patterns, which takes a
 * twentieth of the time libhyphen needs to build its automaton; one with
 * libhyphen's extensions (NEXTLEVEL compounds, replacement patterns, an
 * encoding other than UTF-8 or ISO 8859-1) is loaded by libhyphen.
 */
#ifndef CVPDF_HYPH_H
#define CVPDF_HYPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct liang;

struct hyph {
  char lang[32];      /* e.g. "en_US" */
  const char *dir;    /* directory searched first (may be NULL) */
  void *dict;         /* HyphenDict* (libhyphen's engine), or NULL */
  struct liang *liang; /* cvpdf's engine, or NULL */
  bool tried;         /* load attempted (a missing dictionary is tried once) */
  int lefthyphenmin;  /* TeX's minimums: 2 letters before a hyphen, */
  int righthyphenmin; /* 3 after */
  bool no_cache;      /* read the dictionary itself, keep no cache (tests) */
  void *thai;         /* libthai's word breaker (ThBrk*), or NULL */
  bool thai_tried;    /* its dictionary was looked for */
  void *icu;          /* ICU (struct icu_api*), once loaded, or NULL */
  bool icu_tried;
};

void hyph_init(struct hyph *h, const char *lang, const char *dir);
void hyph_free(struct hyph *h);
/* Path of the dictionary for the language (NULL if none is installed);
 * does not load it. */
const char *hyph_find(struct hyph *h, char *buf, size_t n);
/* True if a dictionary for the language could be loaded. */
bool hyph_available(struct hyph *h);
/* For the word w[0..len) (UTF-8, letters only), set marks[i] = 1 when a
 * hyphen may follow byte i. Returns the number of break points. */
int hyph_word(struct hyph *h, const char *w, size_t len, char *marks);
/* Thai, Lao, Khmer and Myanmar are written without spaces between words:
 * where the words of the text s[0..n) (code points, all of one of these
 * scripts) begin. Thai by libthai's dictionary (Debian's libthai-data);
 * the others by ICU's line break iterator (its dictionaries), loaded
 * (dlopen) on the first call that needs it, so that no other text loads
 * it. pos[k] = the index of the character a word begins at (not 0);
 * returns how many (at most max), or -1 if no dictionary can be loaded. */
int hyph_words(struct hyph *h, const uint32_t *s, int n, int *pos, int max);

/* The checksum a cache file holds of its body (for tests, which damage
 * one and then make its sum right, to reach the per-slot checks). */
uint64_t hyph_checksum(const void *data, size_t n);
/* For tests: whether a table came from the cache. */
bool liang_from_cache(const struct liang *L);
/* For tests: load with libhyphen even where cvpdf's engine could. */
void hyph_use_libhyphen(struct hyph *h);

#endif
