/* utf8.h: decoding, validation and encoding of UTF-8.
 *
 * Input text is validated once, on load (utf8_validate); every later stage
 * may assume well-formed UTF-8 and use utf8_next without error checks.
 */
#ifndef CVPDF_UTF8_H
#define CVPDF_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decode one code point at s (at most n bytes). Returns the byte length
 * (1..4) or -1 for an ill-formed sequence (overlong forms, surrogates and
 * values above U+10FFFF are ill-formed). */
int utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Decode at *p (well-formed text only) and advance *p. Inline for ASCII,
 * most of any CV's text: it is called for every character measured. */
uint32_t utf8_next_multi(const char **p);
static inline uint32_t utf8_next(const char **p) {
  unsigned char c = (unsigned char)**p;
  if (c < 0x80) {
    (*p)++;
    return c;
  }
  return utf8_next_multi(p);
}
/* A character a terminal or a link shows as nothing, or lets act on the
 * text around it: a C1 control (U+0080-U+009F), or an invisible or
 * bidirectional format character (zero-width spaces and joiners, the
 * marks, embeddings, overrides and isolates, the word joiner, a byte
 * order mark). */
bool utf8_is_hidden(uint32_t cp);
/* A right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko...), or a
 * mark or embedding that opens right-to-left text: what makes a
 * paragraph need the bidi algorithm. */
bool utf8_is_rtl(uint32_t cp);
/* Offset of the first ill-formed byte, or (size_t)-1 if all is well. */
size_t utf8_invalid_at(const char *s, size_t n);
/* Encode cp into out (4 bytes room); returns the length. */
int utf8_encode(uint32_t cp, char *out);
/* Number of code points in s[0..n). */
size_t utf8_length(const char *s, size_t n);
/* Simple case mapping, one code point to one: cp in upper or lower case
 * (the C library's wide-character tables, which main.c sets to C.UTF-8). */
uint32_t utf8_toupper(uint32_t cp);
/* The capitals of cp in text of language `lang` (ISO 639-1, or NULL), as
 * typesetting wants them: Unicode's full mapping (ß -> SS, ŉ -> ʼN, the
 * ligatures ﬁ -> FI), Turkish and Azeri i -> İ, and Greek without its
 * accents (ά -> Α; a combining accent after a Greek letter is the
 * caller's to drop). Writes up to 3 code points to out; returns how
 * many. */
int utf8_upper_in(uint32_t cp, const char *lang, uint32_t out[3]);
uint32_t utf8_tolower(uint32_t cp);
/* The language whose fonts and voice suit cp's script: "el" for Greek,
 * "ar" for Arabic, "zh-cn" for Han (or doc_lang if that is "ja" or
 * "ko"), ...; NULL for Latin, digits and symbols, which do not say. */
const char *utf8_script_lang(uint32_t cp, const char *doc_lang);
/* True if a document in doc_lang writes in the script utf8_script_lang
 * named script_lang ("ru" for Cyrillic is an Ukrainian document's own). */
bool utf8_script_is_lang(const char *script_lang, const char *doc_lang);

#endif
