/* utf8.c: strict UTF-8 (RFC 3629) decoding and encoding. */
#include "utf8.h"

#include <string.h>

#include <wctype.h>

bool utf8_is_hidden(uint32_t c) {
  return (c >= 0x80 && c <= 0x9F) || c == 0x061C ||
         (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) ||
         c == 0xFEFF;
}

bool utf8_is_rtl(uint32_t cp) {
  return (cp >= 0x590 && cp <= 0x8FF) || (cp >= 0xFB1D && cp <= 0xFDFF) ||
         (cp >= 0xFE70 && cp <= 0xFEFE) || cp == 0x200F || cp == 0x202B ||
         cp == 0x202E || cp == 0x2067 || (cp >= 0x10800 && cp <= 0x10FFF) ||
         (cp >= 0x1E800 && cp <= 0x1EFFF);
}

int utf8_decode(const char *str, size_t n, uint32_t *cp) {
  const unsigned char *s = (const unsigned char *)str;
  if (n == 0)
    return -1;
  unsigned c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  int len;
  uint32_t v, min;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2, v = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, v = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, v = c & 0x07, min = 0x10000;
  } else {
    return -1;
  }
  if ((size_t)len > n)
    return -1;
  for (int i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return -1;
    v = (v << 6) | (s[i] & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
    return -1;
  *cp = v;
  return len;
}

uint32_t utf8_next_multi(const char **p) {
  uint32_t cp = 0xFFFD;
  int n = utf8_decode(*p, 4, &cp);
  if (n < 0) {
    /* not reachable on validated text; make progress anyway */
    *p += 1;
    return 0xFFFD;
  }
  *p += n;
  return cp;
}

size_t utf8_invalid_at(const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    if ((unsigned char)s[i] < 0x80) {
      i++;
      continue;
    }
    uint32_t cp;
    int k = utf8_decode(s + i, n - i, &cp);
    if (k < 0)
      return i;
    i += (size_t)k;
  }
  return (size_t)-1;
}

int utf8_encode(uint32_t cp, char *out) {
  unsigned char *o = (unsigned char *)out;
  if (cp < 0x80) {
    o[0] = (unsigned char)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (unsigned char)(0xC0 | (cp >> 6));
    o[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (unsigned char)(0xE0 | (cp >> 12));
    o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (unsigned char)(0xF0 | (cp >> 18));
  o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

size_t utf8_length(const char *s, size_t n) {
  size_t count = 0;
  for (size_t i = 0; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80)
      count++;
  return count;
}

uint32_t utf8_toupper(uint32_t cp) {
  if (cp < 0x80)
    return (cp >= 'a' && cp <= 'z') ? cp - 32 : cp;
  wint_t u = towupper((wint_t)cp);
  return (uint32_t)u;
}

int utf8_upper_in(uint32_t cp, const char *lang, uint32_t out[3]) {
  if (cp < 0x80) {
    out[0] = utf8_toupper(cp);
    if (cp == 'i' && lang && (!strcmp(lang, "tr") || !strcmp(lang, "az")))
      out[0] = 0x130; /* dotted capital I */
    return 1;
  }
  switch (cp) {
  case 0xDF: /* ß */
    out[0] = out[1] = 'S';
    return 2;
  case 0x149: /* ŉ */
    out[0] = 0x2BC, out[1] = 'N';
    return 2;
  case 0xFB00: case 0xFB01: case 0xFB02: case 0xFB03: case 0xFB04: {
    static const char *const lig[] = {"FF", "FI", "FL", "FFI", "FFL"};
    const char *l = lig[cp - 0xFB00];
    int n = 0;
    for (; l[n]; n++)
      out[n] = (uint32_t)l[n];
    return n;
  }
  case 0xFB05: case 0xFB06: /* ﬅ ﬆ */
    out[0] = 'S', out[1] = 'T';
    return 2;
  /* Greek capitals carry no accents: the tonos goes, a dialytika stays */
  case 0x386: case 0x3AC: out[0] = 0x391; return 1;
  case 0x388: case 0x3AD: out[0] = 0x395; return 1;
  case 0x389: case 0x3AE: out[0] = 0x397; return 1;
  case 0x38A: case 0x3AF: out[0] = 0x399; return 1;
  case 0x38C: case 0x3CC: out[0] = 0x39F; return 1;
  case 0x38E: case 0x3CD: out[0] = 0x3A5; return 1;
  case 0x38F: case 0x3CE: out[0] = 0x3A9; return 1;
  case 0x390: out[0] = 0x3AA; return 1; /* ΐ -> Ϊ */
  case 0x3B0: out[0] = 0x3AB; return 1; /* ΰ -> Ϋ */
  case 0x3C2: out[0] = 0x3A3; return 1; /* final sigma */
  }
  out[0] = utf8_toupper(cp);
  return 1;
}

uint32_t utf8_tolower(uint32_t cp) {
  if (cp < 0x80)
    return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  wint_t l = towlower((wint_t)cp);
  return (uint32_t)l;
}

const char *utf8_script_lang(uint32_t cp, const char *doc_lang) {
  static const struct {
    uint32_t lo, hi;
    const char *lang;
  } scripts[] = {
      {0x370, 0x3FF, "el"},     {0x400, 0x52F, "ru"},   {0x530, 0x58F, "hy"},
      {0x590, 0x5FF, "he"},     {0x600, 0x6FF, "ar"},   {0x700, 0x74F, "syr"},
      {0x750, 0x77F, "ar"},     {0x780, 0x7BF, "dv"},   {0x8A0, 0x8FF, "ar"},
      {0x900, 0x97F, "hi"},     {0x980, 0x9FF, "bn"},   {0xA00, 0xA7F, "pa"},
      {0xA80, 0xAFF, "gu"},     {0xB00, 0xB7F, "or"},   {0xB80, 0xBFF, "ta"},
      {0xC00, 0xC7F, "te"},     {0xC80, 0xCFF, "kn"},   {0xD00, 0xD7F, "ml"},
      {0xD80, 0xDFF, "si"},     {0xE00, 0xE7F, "th"},   {0xE80, 0xEFF, "lo"},
      {0xF00, 0xFFF, "bo"},     {0x1000, 0x109F, "my"}, {0x10A0, 0x10FF, "ka"},
      {0x1100, 0x11FF, "ko"},   {0x1200, 0x139F, "am"}, {0x1780, 0x17FF, "km"},
      {0x1800, 0x18AF, "mn"},   {0x3040, 0x30FF, "ja"}, {0x3130, 0x318F, "ko"},
      {0xAC00, 0xD7A3, "ko"},   {0xFB1D, 0xFB4F, "he"}, {0xFB50, 0xFDFF, "ar"},
      {0xFE70, 0xFEFF, "ar"}};
  for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++)
    if (cp >= scripts[i].lo && cp <= scripts[i].hi)
      return scripts[i].lang;
  /* Han: the document's own language if it writes with Han characters */
  if ((cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0x20000 && cp <= 0x3FFFF))
    return doc_lang && (!strcmp(doc_lang, "ja") || !strcmp(doc_lang, "ko"))
               ? doc_lang
               : "zh-cn";
  return NULL;
}

bool utf8_script_is_lang(const char *script_lang, const char *doc_lang) {
  /* languages written in another language's script (by its code here) */
  static const char *const also[][12] = {
      {"ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "tg", "mn", "tt", 0},
      {"ar", "fa", "ur", "ps", "ku", "sd", "ug", "ckb", 0},
      {"hi", "mr", "ne", "sa", "kok", "mai", "bho", 0},
      {"he", "yi", "lad", 0},
      {"bn", "as", 0},
      {"zh-cn", "zh", "yue", 0}};
  if (!script_lang || !doc_lang)
    return false;
  size_t n = strcspn(doc_lang, "-_"); /* the primary language subtag */
  size_t m = strcspn(script_lang, "-_");
  if (n == m && strncmp(doc_lang, script_lang, n) == 0)
    return true;
  for (size_t i = 0; i < sizeof also / sizeof also[0]; i++)
    if (!strcmp(also[i][0], script_lang))
      for (int k = 1; also[i][k]; k++)
        if (strlen(also[i][k]) == n && !strncmp(also[i][k], doc_lang, n))
          return true;
  return false;
}
