/* style.h: how the CV looks. RenderCV's `design` and `locale` vocabulary,
 * filled first from a theme's defaults and then from the file's own blocks.
 *
 * Lengths keep their unit family until use: a length is pt + em, and an em
 * is the body font size (RenderCV's convention), so `font_size.body` may
 * come after a length that depends on it.
 */
#ifndef CVPDF_STYLE_H
#define CVPDF_STYLE_H

#include <stdbool.h>
#include <stdint.h>

#include "breaker.h"
#include "cvpdf.h"
#include "yml.h"

struct length {
  double pt, em;
};

enum element { EL_BODY, EL_NAME, EL_HEADLINE, EL_CONNECTIONS, EL_TITLES, EL_N };

enum title_type {
  TT_WITH_PARTIAL_LINE,
  TT_WITH_FULL_LINE,
  TT_WITHOUT_LINE,
  TT_MODERNCV,
  TT_CENTERED_WITHOUT_LINE,
  TT_CENTERED_WITH_PARTIAL_LINE,
  TT_CENTERED_WITH_CENTERED_PARTIAL_LINE,
  TT_CENTERED_WITH_FULL_LINE,
};

struct entry_template {
  const char *main;     /* main column, lines separated by \n */
  const char *degree;   /* education only; NULL = no degree column */
  const char *date_col; /* date-and-location column */
};

struct locale {
  const char *language;
  const char *hyph_lang; /* libhyphen dictionary, e.g. en_US */
  const char *last_updated, *month, *months, *year, *years, *present;
  const char *degree_with_area;
  const char *month_abbr[12], *month_names[12];
  /* cvpdf: written right to left whatever the language (doc.c sets it for
   * a CV in english whose section titles are mostly right to left) */
  bool rtl;
};

#define STYLE_AS_LINKS 0x1000000u /* (no RGB colour) */

struct style {
  const char *theme;
  /* page */
  double page_w, page_h;
  struct length margin_top, margin_bottom, margin_left, margin_right;
  struct loc page_loc; /* where the page size or a margin was last set */
  bool show_footer, show_top_note;
  int fit_to_pages; /* cvpdf: shrink to at most this many pages (0 = off) */
  struct loc fit_loc;
  /* colours: body, name, headline, connections, section titles, links,
   * footer, top note */
  uint32_t c_body, c_name, c_headline, c_connections, c_titles, c_links,
      c_footer, c_top_note;
  /* cvpdf: the colour of the connections' links: its own, or (follow = 1)
   * the links' colour, or (follow = 2) the connections' colour */
  uint32_t c_conn_links;
  int conn_links_follow;
  /* colors.citations: a citation's ("[3]", a link to an entry) colour;
   * STYLE_AS_LINKS until set: the links' */
  uint32_t c_citations;
  /* typography */
  struct length line_spacing; /* leading: baseline skip = this + cap height */
  int alignment;              /* enum align: ALIGN_JUSTIFY or ALIGN_LEFT */
  bool hyphenate;             /* false for justified-with-no-hyphenation */
  int date_alignment;         /* enum align: left, center or right */
  const char *family[EL_N];
  struct loc family_loc[EL_N];
  const char *mono_family;
  struct loc mono_loc; /* where it was named (line 0: a theme's) */
  /* cvpdf: families for characters the others lack, tried in order */
  const char **fallback;
  int nfallback;
  struct loc fallback_loc;
  struct length size[EL_N];
  bool small_caps[EL_N];
  bool bold[EL_N];
  bool uppercase[EL_N]; /* cvpdf: name and titles in capitals */
  /* links */
  bool link_underline, link_icon;
  /* header */
  int header_alignment; /* enum align: left, center or right */
  struct length photo_width, photo_space_left, photo_space_right;
  int photo_position;
  struct length space_below_name, space_below_headline, space_below_connections;
  int phone_format;
  bool conn_hyperlink, conn_icons, conn_urls;
  const char *conn_separator;
  struct length conn_space;
  /* section titles */
  int title_type;
  struct length title_line, title_above, title_below;
  struct length subtitle_above, subtitle_below; /* subsection titles */
  /* sections */
  bool sections_page_break;
  struct length space_regular, space_text;
  const char **time_span_sections;
  int ntime_span_sections;
  /* entries */
  struct length date_width; /* pt == em == 0 and date_auto: natural width */
  bool date_auto;
  struct length side_space, column_gap, degree_width;
  bool entries_page_break, short_second_row;
  int date_left; /* cvpdf: 1 = the date and location column on the left */
  struct length summary_above, summary_left;
  const char *bullet, *nested_bullet;
  struct length hl_left, hl_above, hl_between, hl_gap;
  /* cvpdf extensions */
  struct length num_indent, num_gap, num_between; /* (reversed) numbered */
  bool num_indent_set, num_between_set; /* by the file (else RenderCV's
                                           themes place numbers as Typst) */
  struct length table_size, table_pad, table_rule;
  struct breaking breaking; /* cvpdf: TeX's parameters */
  /* One of RenderCV's themes: blocks stack as in Typst, the space between
   * two blocks added to the leading and the next line's capital height
   * (the seed stacks LaTeX's boxes: the space between depth and height) */
  bool typst;
  /* templates */
  const char *t_footer, *t_top_note, *t_single_date, *t_date_range,
      *t_time_span;
  struct entry_template t_one_line, t_education, t_normal, t_experience,
      t_publication, t_text;
  struct locale locale;
};

/* The seed theme's defaults (every field set). Other themes are data
 * (data/themes/, one YAML file each) applied by style_apply when `design.theme` names
 * them. */
void style_defaults(struct style *s);
/* The theme names, NULL-terminated. */
extern const char *const STYLE_THEMES[];
/* The longest bullet (entries.highlights.bullet), in characters. */
#define STYLE_LABEL_MAX 8
/* Apply a `design` block and a `locale` block (either may be NULL).
 * Reports every bad key and value; returns false on any error. */
/* RenderCV's older design names, which style_apply reads: the i-th (from
 * 0) and its name today ("design." left out; NULL: it has no meaning now
 * and is left out); false past the last. (schema.c lists them.) */
bool style_older_key(int i, const char **old, const char **now);
/* The same of RenderCV's older locale (locale_catalog) names: `now` is a
 * whole path ("design.templates.footer", "locale.month_names"). */
bool style_older_locale_key(int i, const char **old, const char **now);

/* For a design key that takes one value or a mapping of its parts
 * (typography.font_family): the parts one value sets, in out (at most
 * max); 0 for any other key. upgrade.c spreads such a value over its
 * parts when an older file names a part too. */
int style_parts(const char *path, const char **out, int max);

bool style_apply(struct ctx *c, struct style *s, const struct yml *design,
                 const struct yml *locale);
/* A length in points. */
double style_len(const struct style *s, struct length l);

/* Scale every vertical space by v (the leading less: it keeps at least
 * 70 %), and every font size by f (lengths in em follow). For fitting a
 * CV to a number of pages. */
void style_shrink(struct style *s, double v, double f);

/* Every design key, for `cvpdf schema`: its dotted path, a JSON type
 * ("length", "color", "boolean", "string", "integer", "number", "enum",
 * "family", "list"), and for "enum" its values (NULL-terminated). */
struct style_key_info {
  const char *path, *kind;
  const char *const *values;
};
int style_key_count(void);
struct style_key_info style_key(int i);
/* The ISO 639-1 code of the locale's language ("ar"), or NULL for a
 * language cvpdf does not know; *rtl: whether it is written right to
 * left (Arabic, Hebrew, Persian). */
const char *locale_tag(const struct locale *l, bool *rtl);

/* The languages of locale.language, NULL-terminated. */
extern const char *const STYLE_LANGUAGES[];
/* ISO 639-1's codes (RenderCV 2.0-2.3's locale.language), NULL-terminated */
extern const char *const STYLE_ISO639[];

/* Parsers, exposed for tests. */
bool style_parse_length(const char *s, struct length *out);
bool style_parse_color(const char *s, uint32_t *rgb);

#endif
