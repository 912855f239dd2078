/* markup.h: inline markup -> flat runs of styled text.
 *
 * The markup is RenderCV's (a Markdown subset) plus two cvpdf extensions:
 *   **bold**  *italic*  _italic_  `code`  [text](url)  <https://url>
 *   ^sup^ (superscript, Pandoc style)   \* (escape any ASCII punctuation)
 *   a newline is a line break;  -- and --- are en and em dashes.
 * Emphasis follows CommonMark's delimiter rules, so `Wang*, Zhou*` keeps its
 * stars and `snake_case` keeps its underscore. Markup never fails: whatever
 * does not form a construct is literal text.
 */
#ifndef CVPDF_MARKUP_H
#define CVPDF_MARKUP_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

enum {
  SP_BOLD = 1,
  SP_ITALIC = 2,
  SP_CODE = 4,  /* monospace */
  SP_SUPER = 8, /* superscript */
  SP_BREAK = 16, /* a line break; text is empty */
  SP_GLUE = 32,  /* a breakable space `glue` pt wide; text is empty */
  SP_SMALL = 64, /* capitals standing for small letters (small caps) */
  SP_ICON = 128  /* a symbol of an icon font: bits 8-9 of the style say
                    which (icons.h, sp_icon_style) */
};

struct span {
  const char *s; /* NUL-terminated UTF-8, in the arena */
  int len;
  unsigned style;
  const char *url; /* link target or NULL */
  double glue;     /* SP_GLUE: width in pt */
  /* the text as written, where small capitals changed it to capitals
   * (markup_small_caps; as many bytes as s), so that a reader extracting
   * text gets it back; NULL otherwise */
  const char *orig;
};

struct spans {
  struct span *v;
  int n;
};

/* Parse s[0..len); spans live in `a`. */
struct spans markup_parse(struct arena *a, const char *s, size_t len);

/* Make every whole-word occurrence of each keyword bold (RenderCV's
 * settings.bold_keywords), splitting spans where needed. markup_keywords
 * makes a list ready once (sorted, grouped by first byte: a CV applies
 * it to every text); markup_bold_keywords does both, for one text. */
struct keywords;
const struct keywords *markup_keywords(struct arena *a,
                                       const char *const *keywords, int n);
struct spans markup_bold(struct arena *a, struct spans in,
                         const struct keywords *k);
struct spans markup_bold_keywords(struct arena *a, struct spans in,
                                  const char *const *keywords, int n);

/* Upper-case every span (section titles, names in capitals) as the
 * language `lang` writes capitals (utf8_upper_in; NULL: none in
 * particular), Greek without accents. */
void markup_uppercase(struct arena *a, struct spans *sp, const char *lang);

/* Small capitals: small letters become capitals flagged SP_SMALL (set
 * smaller), as LaTeX does for fonts without small-cap glyphs (RenderCV's
 * themes set them only with a font that has its own, as Typst does). */
void markup_small_caps(struct arena *a, struct spans *sp, const char *lang);

/* Typst's smart quotes, in place (new text in a): an apostrophe or ' after
 * a letter or digit becomes ’, any other ' an opening ‘ or closing ’ by
 * what precedes it (the start, a space or an opening bracket open); with
 * `doubles`, " likewise becomes “ or ”. Code is left as written. */
void markup_smart_quotes(struct arena *a, struct spans *sp, bool doubles);

/* The spans' text joined, without markup (for PDF bookmarks and titles). */
char *markup_plain(struct arena *a, struct spans sp);

#endif
