/* hyph.c: libhyphen behind hyph.h. Owns the loaded dictionary. Words are
 * lower-cased here (patterns are lower case); a word whose lower-case form
 * has a different byte length is left unhyphenated rather than mis-mapped.
 */
#include "hyph.h"

#include <hyphen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wctype.h>

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

void hyph_free(struct hyph *h) {
  if (h->dict)
    hnj_hyphen_free(h->dict);
  h->dict = NULL;
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

bool hyph_available(struct hyph *h) {
  if (h->tried)
    return h->dict != NULL;
  h->tried = true;
  char path[1024];
  if (hyph_find(h, path, sizeof path))
    h->dict = hnj_hyphen_load(path);
  return h->dict != NULL;
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
