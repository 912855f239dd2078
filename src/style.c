/* style.c: themes, the `design` and `locale` vocabularies, and the values
 * they hold (lengths, colours, enumerations, templates, font families).
 *
 * The design vocabulary is one table: dotted key, value type, where the
 * value goes. The walker descends the YAML mapping along the table, so an
 * unknown key anywhere is reported with its position and the nearest known
 * sibling ("did you mean"). Font families are only named here, with where
 * they were named: family.c finds them when layout_new needs them.
 */
#include "style.h"

#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "embedded.h"
#include "utf8.h"

/* ---------------------------------------------------------------- values */

static double body_pt(const struct style *s) {
  double b = s->size[EL_BODY].pt + s->size[EL_BODY].em * 10.0;
  return b > 0 ? b : 10;
}

double style_len(const struct style *s, struct length l) {
  return l.pt + l.em * body_pt(s);
}

static void scale(struct length *l, double f) {
  l->pt *= f;
  l->em *= f;
}

void style_shrink(struct style *s, double v, double f) {
  struct length *vertical[] = {
      &s->space_regular, &s->space_text,  &s->title_above,
      &s->title_below,   &s->hl_above,    &s->hl_between,
      &s->num_between,   &s->summary_above, &s->space_below_name,
      &s->space_below_headline, &s->space_below_connections,
      &s->table_pad, &s->subtitle_above, &s->subtitle_below};
  for (size_t i = 0; i < sizeof vertical / sizeof vertical[0]; i++)
    scale(vertical[i], v);
  scale(&s->line_spacing, 0.7 + 0.3 * v);
  for (int i = 0; i < EL_N; i++)
    scale(&s->size[i], f);
  scale(&s->table_size, f);
}

/* A decimal number as RenderCV's (and Typst's) lengths write it: an
 * optional sign, digits, an optional fraction; no exponent, no hex, no
 * inf or nan, which strtod would take ("0x10pt" was 16pt). Returns the
 * character after it, or NULL if s does not start with one. */
static const char *decimal(const char *s, double *v) {
  const char *p = s;
  if (*p == '+' || *p == '-')
    p++;
  const char *digits = p;
  while (isdigit((unsigned char)*p))
    p++;
  bool whole = p > digits;
  if (*p == '.') {
    p++;
    const char *frac = p;
    while (isdigit((unsigned char)*p))
      p++;
    if (p == frac && !whole)
      return NULL;
  } else if (!whole) {
    return NULL;
  }
  *v = strtod(s, NULL);
  return p;
}

bool style_parse_length(const char *s, struct length *out) {
  while (isspace((unsigned char)*s))
    s++;
  double v = 0;
  const char *end = decimal(s, &v);
  if (!end || !isfinite(v) || fabs(v) > 10000)
    return false;
  while (isspace((unsigned char)*end))
    end++;
  out->pt = out->em = 0;
  if (strcmp(end, "pt") == 0)
    out->pt = v;
  else if (strcmp(end, "mm") == 0)
    out->pt = v * 72.0 / 25.4;
  else if (strcmp(end, "cm") == 0)
    out->pt = v * 72.0 / 2.54;
  else if (strcmp(end, "in") == 0)
    out->pt = v * 72.0;
  else if (strcmp(end, "em") == 0)
    out->em = v;
  else if (*end == 0 && v == 0)
    ; /* a bare 0 needs no unit */
  else
    return false;
  return true;
}

struct named_color {
  const char *name;
  uint32_t rgb;
};
/* The CSS Color Module Level 4 named colours. */
static const struct named_color COLORS[] = {
    {"aliceblue", 0xF0F8FF}, {"antiquewhite", 0xFAEBD7}, {"aqua", 0x00FFFF},
    {"aquamarine", 0x7FFFD4}, {"azure", 0xF0FFFF}, {"beige", 0xF5F5DC},
    {"bisque", 0xFFE4C4}, {"black", 0x000000}, {"blanchedalmond", 0xFFEBCD},
    {"blue", 0x0000FF}, {"blueviolet", 0x8A2BE2}, {"brown", 0xA52A2A},
    {"burlywood", 0xDEB887}, {"cadetblue", 0x5F9EA0}, {"chartreuse", 0x7FFF00},
    {"chocolate", 0xD2691E}, {"coral", 0xFF7F50}, {"cornflowerblue", 0x6495ED},
    {"cornsilk", 0xFFF8DC}, {"crimson", 0xDC143C}, {"cyan", 0x00FFFF},
    {"darkblue", 0x00008B}, {"darkcyan", 0x008B8B},
    {"darkgoldenrod", 0xB8860B}, {"darkgray", 0xA9A9A9},
    {"darkgreen", 0x006400}, {"darkgrey", 0xA9A9A9}, {"darkkhaki", 0xBDB76B},
    {"darkmagenta", 0x8B008B}, {"darkolivegreen", 0x556B2F},
    {"darkorange", 0xFF8C00}, {"darkorchid", 0x9932CC}, {"darkred", 0x8B0000},
    {"darksalmon", 0xE9967A}, {"darkseagreen", 0x8FBC8F},
    {"darkslateblue", 0x483D8B}, {"darkslategray", 0x2F4F4F},
    {"darkslategrey", 0x2F4F4F}, {"darkturquoise", 0x00CED1},
    {"darkviolet", 0x9400D3}, {"deeppink", 0xFF1493},
    {"deepskyblue", 0x00BFFF}, {"dimgray", 0x696969}, {"dimgrey", 0x696969},
    {"dodgerblue", 0x1E90FF}, {"firebrick", 0xB22222},
    {"floralwhite", 0xFFFAF0}, {"forestgreen", 0x228B22},
    {"fuchsia", 0xFF00FF}, {"gainsboro", 0xDCDCDC}, {"ghostwhite", 0xF8F8FF},
    {"gold", 0xFFD700}, {"goldenrod", 0xDAA520}, {"gray", 0x808080},
    {"green", 0x008000}, {"greenyellow", 0xADFF2F}, {"grey", 0x808080},
    {"honeydew", 0xF0FFF0}, {"hotpink", 0xFF69B4}, {"indianred", 0xCD5C5C},
    {"indigo", 0x4B0082}, {"ivory", 0xFFFFF0}, {"khaki", 0xF0E68C},
    {"lavender", 0xE6E6FA}, {"lavenderblush", 0xFFF0F5},
    {"lawngreen", 0x7CFC00}, {"lemonchiffon", 0xFFFACD},
    {"lightblue", 0xADD8E6}, {"lightcoral", 0xF08080},
    {"lightcyan", 0xE0FFFF}, {"lightgoldenrodyellow", 0xFAFAD2},
    {"lightgray", 0xD3D3D3}, {"lightgreen", 0x90EE90},
    {"lightgrey", 0xD3D3D3}, {"lightpink", 0xFFB6C1},
    {"lightsalmon", 0xFFA07A}, {"lightseagreen", 0x20B2AA},
    {"lightskyblue", 0x87CEFA}, {"lightslategray", 0x778899},
    {"lightslategrey", 0x778899}, {"lightsteelblue", 0xB0C4DE},
    {"lightyellow", 0xFFFFE0}, {"lime", 0x00FF00}, {"limegreen", 0x32CD32},
    {"linen", 0xFAF0E6}, {"magenta", 0xFF00FF}, {"maroon", 0x800000},
    {"mediumaquamarine", 0x66CDAA}, {"mediumblue", 0x0000CD},
    {"mediumorchid", 0xBA55D3}, {"mediumpurple", 0x9370DB},
    {"mediumseagreen", 0x3CB371}, {"mediumslateblue", 0x7B68EE},
    {"mediumspringgreen", 0x00FA9A}, {"mediumturquoise", 0x48D1CC},
    {"mediumvioletred", 0xC71585}, {"midnightblue", 0x191970},
    {"mintcream", 0xF5FFFA}, {"mistyrose", 0xFFE4E1}, {"moccasin", 0xFFE4B5},
    {"navajowhite", 0xFFDEAD}, {"navy", 0x000080}, {"oldlace", 0xFDF5E6},
    {"olive", 0x808000}, {"olivedrab", 0x6B8E23}, {"orange", 0xFFA500},
    {"orangered", 0xFF4500}, {"orchid", 0xDA70D6},
    {"palegoldenrod", 0xEEE8AA}, {"palegreen", 0x98FB98},
    {"paleturquoise", 0xAFEEEE}, {"palevioletred", 0xDB7093},
    {"papayawhip", 0xFFEFD5}, {"peachpuff", 0xFFDAB9}, {"peru", 0xCD853F},
    {"pink", 0xFFC0CB}, {"plum", 0xDDA0DD}, {"powderblue", 0xB0E0E6},
    {"purple", 0x800080}, {"rebeccapurple", 0x663399}, {"red", 0xFF0000},
    {"rosybrown", 0xBC8F8F}, {"royalblue", 0x4169E1},
    {"saddlebrown", 0x8B4513}, {"salmon", 0xFA8072},
    {"sandybrown", 0xF4A460}, {"seagreen", 0x2E8B57}, {"seashell", 0xFFF5EE},
    {"sienna", 0xA0522D}, {"silver", 0xC0C0C0}, {"skyblue", 0x87CEEB},
    {"slateblue", 0x6A5ACD}, {"slategray", 0x708090},
    {"slategrey", 0x708090}, {"snow", 0xFFFAFA}, {"springgreen", 0x00FF7F},
    {"steelblue", 0x4682B4}, {"tan", 0xD2B48C}, {"teal", 0x008080},
    {"thistle", 0xD8BFD8}, {"tomato", 0xFF6347}, {"turquoise", 0x40E0D0},
    {"violet", 0xEE82EE}, {"wheat", 0xF5DEB3}, {"white", 0xFFFFFF},
    {"whitesmoke", 0xF5F5F5}, {"yellow", 0xFFFF00},
    {"yellowgreen", 0x9ACD32},
};

static int hexval(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  c = (char)tolower((unsigned char)c);
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/* three comma- or space-separated numbers inside "name(...)"; a trailing
 * '%' is reported per number */
static bool triple(const char *s, double v[3], bool pct[3]) {
  const char *p = strchr(s, '(');
  if (!p)
    return false;
  p++;
  for (int i = 0; i < 3; i++) {
    while (isspace((unsigned char)*p) || (i && *p == ','))
      p++;
    const char *end = decimal(p, &v[i]);
    if (!end || !isfinite(v[i]))
      return false;
    p = end;
    pct[i] = *p == '%';
    if (pct[i])
      p++;
    while (isspace((unsigned char)*p))
      p++;
  }
  /* an optional alpha is ignored */
  if (*p == ',' || *p == '/') {
    p++;
    while (*p && *p != ')')
      p++;
  }
  return *p == ')' && p[1] == 0;
}

static double hue(double p, double q, double t) {
  if (t < 0)
    t += 1;
  if (t > 1)
    t -= 1;
  if (t < 1.0 / 6)
    return p + (q - p) * 6 * t;
  if (t < 0.5)
    return q;
  if (t < 2.0 / 3)
    return p + (q - p) * (2.0 / 3 - t) * 6;
  return p;
}

bool style_parse_color(const char *s, uint32_t *rgb) {
  while (isspace((unsigned char)*s))
    s++;
  /* #rrggbb or #rgb; as RenderCV's pydantic colours also 0xrrggbb, a bare
   * rrggbb, and an alpha that is opaque (#rrggbbff) */
  const char *hex = *s == '#' ? s + 1
                    : s[0] == '0' && (s[1] | 32) == 'x' ? s + 2
                                                         : NULL;
  if (!hex && (strlen(s) == 3 || strlen(s) == 6) &&
      strspn(s, "0123456789abcdefABCDEF") == strlen(s))
    hex = s;
  if (hex) {
    size_t n = strlen(hex);
    int d[8];
    if (n != 3 && n != 4 && n != 6 && n != 8)
      return false;
    for (size_t i = 0; i < n; i++)
      if ((d[i] = hexval(hex[i])) < 0)
        return false;
    if ((n == 4 && d[3] != 15) || (n == 8 && (d[6] != 15 || d[7] != 15)))
      return false; /* (a PDF's colours are opaque) */
    if (n <= 4)
      *rgb = (uint32_t)((d[0] * 17) << 16 | (d[1] * 17) << 8 | d[2] * 17);
    else
      *rgb = (uint32_t)((d[0] * 16 + d[1]) << 16 | (d[2] * 16 + d[3]) << 8 |
                        (d[4] * 16 + d[5]));
    return true;
  }
  double v[3];
  bool pct[3];
  /* rgb(...) or rgba(...), hsl(...) or hsla(...) */
  size_t fn = strcspn(s, "(");
  bool rgb_fn = (fn == 3 || (fn == 4 && (s[3] | 32) == 'a')) &&
                strncasecmp(s, "rgb", 3) == 0;
  bool hsl_fn = (fn == 3 || (fn == 4 && (s[3] | 32) == 'a')) &&
                strncasecmp(s, "hsl", 3) == 0;
  if (rgb_fn && triple(s, v, pct)) {
    int c[3];
    for (int i = 0; i < 3; i++) {
      double x = pct[i] ? v[i] * 2.55 : v[i];
      if (x < 0 || x > 255.0001)
        return false;
      c[i] = (int)lround(x);
    }
    *rgb = (uint32_t)(c[0] << 16 | c[1] << 8 | c[2]);
    return true;
  }
  if (hsl_fn && triple(s, v, pct)) {
    double h = fmod(v[0], 360) / 360, sat = v[1] / 100, l = v[2] / 100;
    if (h < 0)
      h += 1;
    if (sat < 0 || sat > 1 || l < 0 || l > 1)
      return false;
    double r, g, b;
    if (sat == 0) {
      r = g = b = l;
    } else {
      double q = l < 0.5 ? l * (1 + sat) : l + sat - l * sat, p = 2 * l - q;
      r = hue(p, q, h + 1.0 / 3);
      g = hue(p, q, h);
      b = hue(p, q, h - 1.0 / 3);
    }
    *rgb = (uint32_t)(lround(r * 255) << 16 | lround(g * 255) << 8 |
                      lround(b * 255));
    return true;
  }
  for (size_t i = 0; i < sizeof COLORS / sizeof COLORS[0]; i++)
    if (strcasecmp(s, COLORS[i].name) == 0) {
      *rgb = COLORS[i].rgb;
      return true;
    }
  return false;
}

/* ---------------------------------------------------------------- themes */

static const char *const MONTH_ABBR[12] = {"Jan",  "Feb",  "Mar", "Apr",
                                           "May",  "June", "July", "Aug",
                                           "Sept", "Oct",  "Nov", "Dec"};
static const char *const MONTH_NAMES[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

static struct length PT(double v) { return (struct length){v, 0}; }
static struct length EM(double v) { return (struct length){0, v}; }
static struct length CM(double v) { return (struct length){v * 72 / 2.54, 0}; }

static void english(struct locale *l) {
  l->language = "english";
  l->hyph_lang = "en_US";
  l->last_updated = "Last updated in";
  l->month = "month";
  l->months = "months";
  l->year = "year";
  l->years = "years";
  l->present = "present";
  l->degree_with_area = "DEGREE in AREA";
  for (int i = 0; i < 12; i++) {
    l->month_abbr[i] = MONTH_ABBR[i];
    l->month_names[i] = MONTH_NAMES[i];
  }
}

/* The seed theme: the look of a carefully set LaTeX article CV (11pt
 * Computer Modern, A4, 1.8cm margins, capitals for the name and the section
 * titles, a rule under each title, dates flush right). */
static void seed_theme(struct style *s) {
  memset(s, 0, sizeof *s);
  s->theme = "seed";
  s->page_w = 595.2756;
  s->page_h = 841.8898;
  s->margin_top = CM(1.6);
  s->margin_bottom = CM(1.8);
  s->margin_left = CM(1.8);
  s->margin_right = CM(1.8);
  s->show_footer = false;
  s->show_top_note = false;
  s->c_body = s->c_name = s->c_headline = s->c_connections = 0x000000;
  s->c_titles = s->c_links = 0x07608F;
  s->c_footer = s->c_top_note = 0x808080;
  s->conn_links_follow = 1; /* hyperref colours the contact links */
  s->c_citations = STYLE_AS_LINKS;
  /* LaTeX's 11pt \baselineskip is 13.6pt; Computer Modern's capitals are
   * 0.683em tall, so the leading (Typst's measure) is 13.6 - 7.51 */
  s->line_spacing = EM(0.5534);
  s->alignment = ALIGN_JUSTIFY;
  s->hyphenate = true;
  s->date_alignment = ALIGN_RIGHT;
  for (int i = 0; i < EL_N; i++)
    s->family[i] = "CMU Serif";
  s->mono_family = "CMU Typewriter Text";
  /* Typst's own first fallback (symbols such as ◆ that a theme's font
   * lacks), bundled; then Chinese, Japanese and Korean, when Debian's
   * fonts-wqy-microhei is in */
  static const char *fallback[] = {"Libertinus Serif", "WenQuanYi Micro Hei"};
  s->fallback = fallback;
  s->nfallback = 2;
  s->size[EL_BODY] = PT(10.95);     /* \normalsize at 11pt */
  s->size[EL_NAME] = PT(17.28);     /* \LARGE */
  s->size[EL_HEADLINE] = PT(10.95);
  s->size[EL_CONNECTIONS] = PT(10.95);
  s->size[EL_TITLES] = PT(12);      /* \large */
  s->bold[EL_NAME] = true;
  s->bold[EL_TITLES] = true;
  s->uppercase[EL_NAME] = true;
  s->uppercase[EL_TITLES] = true;
  s->link_underline = false;
  s->header_alignment = ALIGN_CENTER;
  s->photo_width = CM(3.5);
  s->photo_space_left = CM(0.4);
  s->photo_space_right = CM(0.4);
  s->space_below_name = PT(4);
  s->space_below_headline = PT(2);
  s->space_below_connections = PT(13.5); /* = the titles' space above */
  s->conn_hyperlink = true;
  s->conn_icons = false;
  s->conn_urls = true; /* no icons, so name the site: github.com/user */
  s->conn_separator = "";
  s->conn_space = EM(1.2);
  s->title_type = TT_WITH_FULL_LINE;
  s->title_line = PT(0.4);
  s->title_above = PT(13.5);
  s->title_below = PT(6);
  s->sections_page_break = true;
  s->space_regular = EM(0.6);
  s->space_text = PT(2);
  s->date_auto = true;
  s->side_space = PT(0);
  s->column_gap = PT(12);
  s->degree_width = CM(1);
  s->entries_page_break = false;
  s->short_second_row = true;
  s->summary_above = PT(0);
  s->summary_left = PT(0);
  s->bullet = "\xE2\x80\xA2";        /* • */
  s->nested_bullet = "\xE2\x97\xA6"; /* ◦ */
  s->hl_left = EM(0.4);
  s->hl_above = PT(2);
  s->hl_between = PT(1);
  s->hl_gap = EM(0.5);
  s->num_indent = EM(2.2);
  s->num_gap = EM(0.5);
  s->num_between = PT(3);
  s->table_size = PT(10);
  s->table_pad = PT(5);
  s->table_rule = PT(0.4);
  s->t_footer = "*NAME -- PAGE_NUMBER/TOTAL_PAGES*";
  s->t_top_note = "*LAST_UPDATED CURRENT_DATE*";
  s->t_single_date = "MONTH_ABBREVIATION YEAR";
  s->t_date_range = "START_DATE -- END_DATE";
  s->t_time_span = "HOW_MANY_YEARS YEARS HOW_MANY_MONTHS MONTHS";
  s->t_one_line = (struct entry_template){"**LABEL:** DETAILS", NULL, NULL};
  s->t_education = (struct entry_template){
      "**INSTITUTION**\nDEGREE, *AREA*\nSUMMARY\nHIGHLIGHTS", NULL,
      "LOCATION\n*DATE*"};
  s->t_normal =
      (struct entry_template){"**NAME**\nSUMMARY\nHIGHLIGHTS", NULL,
                              "LOCATION\n*DATE*"};
  s->t_experience = (struct entry_template){
      "**COMPANY**\nPOSITION\nSUMMARY\nHIGHLIGHTS", NULL, "LOCATION\n*DATE*"};
  s->t_publication = (struct entry_template){
      "AUTHORS. **TITLE**. *JOURNAL*. URL\nSUMMARY", NULL, "DATE"};
  s->t_text = (struct entry_template){"TEXT", NULL, "LOCATION\nDATE"};
  english(&s->locale);
  breaking_defaults(&s->breaking);
}

void style_defaults(struct style *s) { seed_theme(s); }

/* ---------------------------------------------------------------- keys */

enum ktype {
  K_LEN,
  K_LEN_POS,  /* a length that cannot be negative (margins, widths, rules) */
  K_LEN_AUTO, /* a length or `auto` (cvpdf: natural width) */
  K_COLOR,
  K_COLOR_FOLLOW, /* a colour, or `links` or `connections` */
  K_BOOL,
  K_STR,
  K_LABEL,    /* a short string drawn as a list's label (a bullet) */
  K_STR_NULL, /* a string or null (templates that can be switched off) */
  K_ENUM,
  K_PAGE_SIZE,
  K_FAMILY,     /* one family name */
  K_FAMILY_ALL, /* a name for all elements, or a mapping */
  K_SIZE,
  K_STRLIST,
  K_FAMILY_LIST, /* a family name or a list of them */
  K_ALIGNMENT, /* typography.alignment */
  K_THEME,
  K_INT,      /* an integer in [-10000, 10000] (TeX's penalties) */
  K_COUNT,    /* an integer in [0, 1000] */
  K_EM,       /* a number of ems */
  K_IGNORED, /* accepted RenderCV key that cvpdf does not use (yet) */
  K_BIBTEX,  /* design.bibtex: the defaults of `- bibtex:` items, which
                bib.c reads and checks */
};

static const char *const E_ALIGN3[] = {"left", "center", "right", NULL};
static const char *const E_PHOTO[] = {"left", "right", NULL};
static const char *const E_SIDE[] = {"right", "left", NULL};
static const char *const E_PHONE[] = {"national", "international", "E164",
                                      NULL};
static const char *const E_TITLE[] = {"with_partial_line",
                                      "with_full_line",
                                      "without_line",
                                      "moderncv",
                                      "centered_without_line",
                                      "centered_with_partial_line",
                                      "centered_with_centered_partial_line",
                                      "centered_with_full_line",
                                      NULL};

struct key {
  const char *path;
  enum ktype type;
  size_t off;
  const char *const *enums;
};

#define O(f) offsetof(struct style, f)
static const struct key KEYS[] = {
    {"theme", K_THEME, 0, NULL},
    /* the defaults of `- bibtex:` items: bib.c reads and checks them */
    {"bibtex", K_BIBTEX, 0, NULL},
    {"page.size", K_PAGE_SIZE, 0, NULL},
    {"page.top_margin", K_LEN_POS, O(margin_top), NULL},
    {"page.bottom_margin", K_LEN_POS, O(margin_bottom), NULL},
    {"page.left_margin", K_LEN_POS, O(margin_left), NULL},
    {"page.right_margin", K_LEN_POS, O(margin_right), NULL},
    {"page.show_footer", K_BOOL, O(show_footer), NULL},
    {"page.show_top_note", K_BOOL, O(show_top_note), NULL},
    {"page.fit_to_pages", K_COUNT, O(fit_to_pages), NULL},
    {"colors.body", K_COLOR, O(c_body), NULL},
    {"colors.name", K_COLOR, O(c_name), NULL},
    {"colors.headline", K_COLOR, O(c_headline), NULL},
    {"colors.connections", K_COLOR, O(c_connections), NULL},
    {"colors.section_titles", K_COLOR, O(c_titles), NULL},
    {"colors.links", K_COLOR, O(c_links), NULL},
    {"colors.citations", K_COLOR, O(c_citations), NULL},
    {"colors.footer", K_COLOR, O(c_footer), NULL},
    {"colors.top_note", K_COLOR, O(c_top_note), NULL},
    {"colors.connection_links", K_COLOR_FOLLOW, O(c_conn_links), NULL},
    {"typography.line_spacing", K_LEN_POS, O(line_spacing), NULL},
    {"typography.alignment", K_ALIGNMENT, O(alignment), NULL},
    {"typography.date_and_location_column_alignment", K_ENUM,
     O(date_alignment), E_ALIGN3},
    {"typography.font_family", K_FAMILY_ALL, 0, NULL},
    {"typography.font_family.body", K_FAMILY, O(family[EL_BODY]), NULL},
    {"typography.font_family.name", K_FAMILY, O(family[EL_NAME]), NULL},
    {"typography.font_family.headline", K_FAMILY, O(family[EL_HEADLINE]), NULL},
    {"typography.font_family.connections", K_FAMILY,
     O(family[EL_CONNECTIONS]), NULL},
    {"typography.font_family.section_titles", K_FAMILY, O(family[EL_TITLES]),
     NULL},
    {"typography.font_family.code", K_FAMILY, O(mono_family), NULL},
    {"typography.font_family.fallback", K_FAMILY_LIST, O(fallback), NULL},
    {"typography.font_size.body", K_SIZE, O(size[EL_BODY]), NULL},
    {"typography.font_size.name", K_SIZE, O(size[EL_NAME]), NULL},
    {"typography.font_size.headline", K_SIZE, O(size[EL_HEADLINE]), NULL},
    {"typography.font_size.connections", K_SIZE, O(size[EL_CONNECTIONS]),
     NULL},
    {"typography.font_size.section_titles", K_SIZE, O(size[EL_TITLES]), NULL},
    {"typography.small_caps.name", K_BOOL, O(small_caps[EL_NAME]), NULL},
    {"typography.small_caps.headline", K_BOOL, O(small_caps[EL_HEADLINE]),
     NULL},
    {"typography.small_caps.connections", K_BOOL,
     O(small_caps[EL_CONNECTIONS]), NULL},
    {"typography.small_caps.section_titles", K_BOOL, O(small_caps[EL_TITLES]),
     NULL},
    {"typography.bold.name", K_BOOL, O(bold[EL_NAME]), NULL},
    {"typography.bold.headline", K_BOOL, O(bold[EL_HEADLINE]), NULL},
    {"typography.bold.connections", K_BOOL, O(bold[EL_CONNECTIONS]), NULL},
    {"typography.bold.section_titles", K_BOOL, O(bold[EL_TITLES]), NULL},
    {"typography.uppercase.name", K_BOOL, O(uppercase[EL_NAME]), NULL},
    {"typography.uppercase.headline", K_BOOL, O(uppercase[EL_HEADLINE]), NULL},
    {"typography.uppercase.connections", K_BOOL, O(uppercase[EL_CONNECTIONS]),
     NULL},
    {"typography.uppercase.section_titles", K_BOOL, O(uppercase[EL_TITLES]),
     NULL},
    {"links.underline", K_BOOL, O(link_underline), NULL},
    {"links.show_external_link_icon", K_BOOL, O(link_icon), NULL},
    {"header.alignment", K_ENUM, O(header_alignment), E_ALIGN3},
    {"header.photo_width", K_LEN_POS, O(photo_width), NULL},
    {"header.photo_position", K_ENUM, O(photo_position), E_PHOTO},
    {"header.photo_space_left", K_LEN, O(photo_space_left), NULL},
    {"header.photo_space_right", K_LEN, O(photo_space_right), NULL},
    {"header.space_below_name", K_LEN, O(space_below_name), NULL},
    {"header.space_below_headline", K_LEN, O(space_below_headline), NULL},
    {"header.space_below_connections", K_LEN, O(space_below_connections),
     NULL},
    {"header.connections.phone_number_format", K_ENUM, O(phone_format),
     E_PHONE},
    {"header.connections.hyperlink", K_BOOL, O(conn_hyperlink), NULL},
    {"header.connections.show_icons", K_BOOL, O(conn_icons), NULL},
    {"header.connections.display_urls_instead_of_usernames", K_BOOL,
     O(conn_urls), NULL},
    {"header.connections.separator", K_STR, O(conn_separator), NULL},
    {"header.connections.space_between_connections", K_LEN, O(conn_space),
     NULL},
    {"section_titles.type", K_ENUM, O(title_type), E_TITLE},
    {"section_titles.line_thickness", K_LEN_POS, O(title_line), NULL},
    {"section_titles.space_above", K_LEN, O(title_above), NULL},
    {"section_titles.space_below", K_LEN, O(title_below), NULL},
    /* RenderCV 2.8's subsections: accepted, not drawn (cvpdf has none) */
    {"subsection_titles.space_above", K_LEN, O(subtitle_above), NULL},
    {"subsection_titles.space_below", K_LEN, O(subtitle_below), NULL},
    {"sections.allow_page_break", K_BOOL, O(sections_page_break), NULL},
    {"sections.space_between_regular_entries", K_LEN, O(space_regular), NULL},
    {"sections.space_between_text_based_entries", K_LEN, O(space_text), NULL},
    {"sections.show_time_spans_in", K_STRLIST, 0, NULL},
    {"entries.date_and_location_width", K_LEN_AUTO, O(date_width), NULL},
    {"entries.side_space", K_LEN, O(side_space), NULL},
    {"entries.space_between_columns", K_LEN, O(column_gap), NULL},
    {"entries.allow_page_break", K_BOOL, O(entries_page_break), NULL},
    {"entries.short_second_row", K_BOOL, O(short_second_row), NULL},
    {"entries.date_and_location_side", K_ENUM, O(date_left), E_SIDE},
    {"entries.degree_width", K_LEN_POS, O(degree_width), NULL},
    {"entries.summary.space_above", K_LEN, O(summary_above), NULL},
    {"entries.summary.space_left", K_LEN, O(summary_left), NULL},
    {"entries.highlights.bullet", K_LABEL, O(bullet), NULL},
    {"entries.highlights.nested_bullet", K_LABEL, O(nested_bullet), NULL},
    {"entries.highlights.space_left", K_LEN, O(hl_left), NULL},
    {"entries.highlights.space_above", K_LEN, O(hl_above), NULL},
    {"entries.highlights.space_between_items", K_LEN, O(hl_between), NULL},
    {"entries.highlights.space_between_bullet_and_text", K_LEN, O(hl_gap),
     NULL},
    {"entries.numbers.indent", K_LEN, O(num_indent), NULL},
    {"entries.numbers.space_between_number_and_text", K_LEN, O(num_gap), NULL},
    {"entries.numbers.space_between_items", K_LEN, O(num_between), NULL},
    {"entries.tables.font_size", K_SIZE, O(table_size), NULL},
    {"entries.tables.cell_padding", K_LEN_POS, O(table_pad), NULL},
    {"entries.tables.rule_thickness", K_LEN_POS, O(table_rule), NULL},
    {"typography.line_breaking.pretolerance", K_INT, O(breaking.pretolerance), NULL},
    {"typography.line_breaking.tolerance", K_INT, O(breaking.tolerance), NULL},
    {"typography.line_breaking.line_penalty", K_INT, O(breaking.line_penalty), NULL},
    {"typography.line_breaking.hyphen_penalty", K_INT, O(breaking.hyphen_penalty), NULL},
    {"typography.line_breaking.ex_hyphen_penalty", K_INT, O(breaking.ex_hyphen_penalty), NULL},
    {"typography.line_breaking.adj_demerits", K_INT, O(breaking.adj_demerits), NULL},
    {"typography.line_breaking.double_hyphen_demerits", K_INT, O(breaking.double_hyphen_demerits), NULL},
    {"typography.line_breaking.final_hyphen_demerits", K_INT, O(breaking.final_hyphen_demerits), NULL},
    {"typography.line_breaking.club_penalty", K_INT, O(breaking.club_penalty), NULL},
    {"typography.line_breaking.widow_penalty", K_INT, O(breaking.widow_penalty), NULL},
    {"typography.line_breaking.broken_penalty", K_INT, O(breaking.broken_penalty), NULL},
    {"typography.line_breaking.emergency_stretch", K_EM, O(breaking.emergency_stretch), NULL},
    {"templates.footer", K_STR, O(t_footer), NULL},
    {"templates.top_note", K_STR, O(t_top_note), NULL},
    {"templates.single_date", K_STR, O(t_single_date), NULL},
    {"templates.date_range", K_STR, O(t_date_range), NULL},
    {"templates.time_span", K_STR, O(t_time_span), NULL},
    {"templates.one_line_entry.main_column", K_STR, O(t_one_line.main), NULL},
    {"templates.education_entry.main_column", K_STR, O(t_education.main),
     NULL},
    {"templates.education_entry.degree_column", K_STR_NULL,
     O(t_education.degree), NULL},
    {"templates.education_entry.date_and_location_column", K_STR_NULL,
     O(t_education.date_col), NULL},
    {"templates.normal_entry.main_column", K_STR, O(t_normal.main), NULL},
    {"templates.normal_entry.date_and_location_column", K_STR_NULL,
     O(t_normal.date_col), NULL},
    {"templates.experience_entry.main_column", K_STR, O(t_experience.main),
     NULL},
    {"templates.experience_entry.date_and_location_column", K_STR_NULL,
     O(t_experience.date_col), NULL},
    {"templates.publication_entry.main_column", K_STR, O(t_publication.main),
     NULL},
    {"templates.publication_entry.date_and_location_column", K_STR_NULL,
     O(t_publication.date_col), NULL},
    {"templates.text_entry.date_and_location_column", K_STR_NULL,
     O(t_text.date_col), NULL},
};
#undef O
#define NKEYS ((int)(sizeof KEYS / sizeof KEYS[0]))

struct applier {
  struct ctx *c;
  struct diag *d;
  struct style *s;
  int errors; /* the diag's count when the style began */
  bool builtin; /* applying a built-in theme or locale: no positions kept */
};

static const struct key *find_key(const char *path) {
  for (int i = 0; i < NKEYS; i++)
    if (strcmp(KEYS[i].path, path) == 0)
      return &KEYS[i];
  return NULL;
}

static bool has_children(const char *path) {
  size_t n = strlen(path);
  for (int i = 0; i < NKEYS; i++)
    if (strncmp(KEYS[i].path, path, n) == 0 && KEYS[i].path[n] == '.')
      return true;
  return false;
}

/* the known keys directly under `path` (for "did you mean") */
static int children(const char *path, const char **out, int max) {
  size_t n = strlen(path);
  int k = 0;
  for (int i = 0; i < NKEYS && k < max; i++) {
    const char *p = KEYS[i].path;
    const char *rest;
    if (n == 0)
      rest = p;
    else if (strncmp(p, path, n) == 0 && p[n] == '.')
      rest = p + n + 1;
    else
      continue;
    size_t len = strcspn(rest, ".");
    bool dup = false;
    for (int j = 0; j < k; j++)
      if (strlen(out[j]) == len && strncmp(out[j], rest, len) == 0)
        dup = true;
    if (!dup)
      out[k++] = rest; /* compared by prefix length below */
  }
  return k;
}

/* Is v one value (not a list, a mapping or null)? Else an error naming
 * the key: `path` is a design key's path below design, or a full
 * "locale.x" path. */
static bool scalar(struct applier *A, const struct yml *v, const char *path) {
  const char *under = strncmp(path, "locale.", 7) ? "design." : "";
  if (v->kind != YML_SCALAR) {
    diag_error(A->d, v->loc, "expected a single value for '%s%s', found %s",
               under, path, yml_kind_name(v));
    return false;
  }
  if (yml_is_null(v) && v->comment_at.line) { /* `name: #003366` */
    diag_error(A->d, v->comment_at,
               "expected a value for '%s%s', found a comment: a value that "
               "starts with '#' goes in quotes",
               under, path);
    return false;
  }
  if (yml_is_null(v)) { /* (keys that take null say so before) */
    diag_error(A->d, v->loc,
               "expected a value for '%s%s', found null (nothing): write "
               "the value, or leave the key out for the default",
               under, path);
    return false;
  }
  return true;
}

static bool parse_bool(struct applier *A, const struct yml *v, const char *path,
                       bool *out) {
  if (!scalar(A, v, path))
    return false;
  if (!v->quoted && (strcmp(v->s, "true") == 0 || strcmp(v->s, "True") == 0)) {
    *out = true;
    return true;
  }
  if (!v->quoted &&
      (strcmp(v->s, "false") == 0 || strcmp(v->s, "False") == 0)) {
    *out = false;
    return true;
  }
  diag_error(A->d, v->loc, "expected true or false for '%s', found '%s'", path,
             v->s);
  return false;
}

static void set_value(struct applier *A, const struct key *k,
                      const struct yml *v, const char *path) {
  struct style *s = A->s;
  char *base = (char *)s;
  /* TeX's parameters, set in the file: TeX's line breaking, whatever the
   * theme (RenderCV's themes otherwise break as Typst does) */
  if (!A->builtin && !strncmp(path, "typography.line_breaking.", 25))
    s->breaking.typst = false;
  if (!A->builtin && !strcmp(path, "entries.numbers.indent"))
    s->num_indent_set = true;
  if (!A->builtin && !strcmp(path, "entries.numbers.space_between_items"))
    s->num_between_set = true;
  switch (k->type) {
  case K_LEN:
  case K_LEN_POS:
  case K_SIZE:
  case K_LEN_AUTO: {
    if (!scalar(A, v, path))
      return;
    if (k->type == K_LEN_AUTO && strcmp(v->s, "auto") == 0) {
      s->date_auto = true;
      return;
    }
    struct length l;
    if (!style_parse_length(v->s, &l)) {
      diag_error(
          A->d, v->loc,
          "invalid length '%s' for '%s': expected a number and a unit (pt, "
          "mm, cm, in or em), like 0.5cm",
          v->s, path);
      return;
    }
    if (k->type == K_SIZE &&
        (l.pt < 0 || l.em < 0 || (l.pt == 0 && l.em == 0) ||
         (l.pt != 0 && (l.pt < 1 || l.pt > 200)) ||
         (l.em != 0 && (l.em < 0.1 || l.em > 20)))) {
      diag_error(A->d, v->loc,
                 "font size '%s' for '%s' is out of range (1pt to 200pt, "
                 "or 0.1em to 20em)",
                 v->s, path);
      return;
    }
    if ((k->type == K_LEN_POS || k->type == K_LEN_AUTO) &&
        (l.pt < 0 || l.em < 0)) {
      diag_error(A->d, v->loc,
                 "'%s' cannot be negative (%s): the text would run off the "
                 "paper or over itself",
                 path, v->s);
      return;
    }
    if (k->type == K_LEN_AUTO)
      s->date_auto = false;
    *(struct length *)(base + k->off) = l;
    if (!strncmp(path, "page.", 5) && !A->builtin)
      s->page_loc = v->loc;
    return;
  }
  case K_COLOR: {
    if (!scalar(A, v, path))
      return;
    uint32_t rgb;
    if (!style_parse_color(v->s, &rgb)) {
      diag_error(
          A->d, v->loc,
          "invalid colour '%s' for '%s': expected a CSS colour name, #rrggbb, "
          "rgb(r, g, b) or hsl(h, s%%, l%%)",
          v->s, path);
      return;
    }
    *(uint32_t *)(base + k->off) = rgb;
    return;
  }
  case K_COLOR_FOLLOW:
    if (!scalar(A, v, path))
      return;
    if (!strcmp(v->s, "links") || !strcmp(v->s, "connections")) {
      s->conn_links_follow = v->s[0] == 'l' ? 1 : 2;
      return;
    }
    if (!style_parse_color(v->s, &s->c_conn_links)) {
      diag_error(
          A->d, v->loc,
          "invalid colour '%s' for '%s': expected a CSS colour name, #rrggbb, "
          "rgb(r, g, b), hsl(h, s%%, l%%), or 'links' or 'connections' for "
          "the colour of those",
          v->s, path);
      return;
    }
    s->conn_links_follow = 0;
    return;
  case K_BOOL:
    parse_bool(A, v, path, (bool *)(base + k->off));
    return;
  case K_LABEL:
    /* RenderCV offers nine one-character bullets; any short label is
     * taken, but one longer than a word would push the text off the page */
    if (!scalar(A, v, path))
      return;
    if (utf8_length(v->s, strlen(v->s)) > STYLE_LABEL_MAX) {
      diag_error(A->d, v->loc,
                 "'%s' is %zu characters long; a bullet is at most %d "
                 "characters, such as RenderCV's %s",
                 path, utf8_length(v->s, strlen(v->s)), STYLE_LABEL_MAX,
                 "\xE2\x97\x8F \xE2\x80\xA2 \xE2\x97\xA6 - \xE2\x97\x86 "
                 "\xE2\x98\x85 \xE2\x96\xA0 \xE2\x80\x94 \xE2\x97\x8B");
      return;
    }
    *(const char **)(base + k->off) = v->s;
    return;
  case K_STR:
  case K_STR_NULL:
    if (k->type == K_STR_NULL && yml_is_null(v)) {
      *(const char **)(base + k->off) = NULL;
      return;
    }
    if (!scalar(A, v, path))
      return;
    *(const char **)(base + k->off) = v->s;
    return;
  case K_ENUM: {
    if (!scalar(A, v, path))
      return;
    int n = 0;
    for (; k->enums[n]; n++)
      if (strcmp(k->enums[n], v->s) == 0) {
        *(int *)(base + k->off) = n;
        return;
      }
    /* RenderCV 2.3 spelled these with hyphens: with-partial-line (and 2.0
     * to 2.2 misspelt it: with-parial-line) */
    if (strchr(v->s, '-') && strlen(v->s) < 64) {
      char u[64];
      const char *typo = strstr(v->s, "parial");
      if (typo)
        snprintf(u, sizeof u, "%.*spartial%s", (int)(typo - v->s), v->s,
                 typo + 6);
      else
        snprintf(u, sizeof u, "%s", v->s);
      for (char *q = u; *q; q++)
        if (*q == '-')
          *q = '_';
      for (int i = 0; i < n; i++)
        if (strcmp(k->enums[i], u) == 0) {
          *(int *)(base + k->off) = i;
          if (!A->builtin)
            diag_older(A->d, v->loc,
                       &(struct older_fix){
                           .value = arena_strdup(&A->c->doc, u),
                           .spelling = true},
                       "'%s' is an older RenderCV spelling; it is now '%s'",
                       v->s, u);
          return;
        }
    }
    const char *sug = diag_suggest(v->s, (const char *const *)k->enums, n);
    char list[512];
    size_t o = 0;
    for (int i = 0; i < n && o < sizeof list - 64; i++)
      o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? ", " : "",
                            k->enums[i]);
    if (sug)
      diag_error(A->d, v->loc,
                 "invalid value '%s' for '%s' (did you mean '%s'?)", v->s, path,
                 sug);
    else
      diag_error(A->d, v->loc,
                 "invalid value '%s' for '%s'; expected one of: %s", v->s, path,
                 list);
    return;
  }
  case K_ALIGNMENT:
    if (!scalar(A, v, path))
      return;
    if (strcmp(v->s, "justified") == 0) {
      s->alignment = ALIGN_JUSTIFY;
      s->hyphenate = true;
    } else if (strcmp(v->s, "justified-with-no-hyphenation") == 0) {
      s->alignment = ALIGN_JUSTIFY;
      s->hyphenate = false;
    } else if (strcmp(v->s, "left") == 0) {
      s->alignment = ALIGN_LEFT;
      s->hyphenate = true;
    } else {
      diag_error(A->d, v->loc,
                 "invalid value '%s' for '%s'; expected justified, left "
                 "or justified-with-no-hyphenation",
                 v->s, path);
    }
    return;
  case K_PAGE_SIZE: {
    if (!scalar(A, v, path))
      return;
    /* RenderCV's four, then the rest of what RenderCV 2.0-2.3 accepted
     * (Typst's papers, in millimetres as Typst gives them) */
#define MM(x) ((x) * 72 / 25.4)
    static const struct {
      const char *n;
      double w, h;
    } sizes[] = {{"a4", 595.2756, 841.8898},
                 {"a5", 419.5276, 595.2756},
                 {"us-letter", 612, 792},
                 {"us-executive", 522, 756},
                 {"a0", MM(841), MM(1189)},
                 {"a1", MM(594), MM(841)},
                 {"a2", MM(420), MM(594)},
                 {"a3", MM(297), MM(420)},
                 {"a6", MM(105), MM(148)},
                 {"a7", MM(74), MM(105)},
                 {"a8", MM(52), MM(74)},
                 {"us-legal", 612, 1008},
                 {"us-gov-letter", 576, 756},
                 {"us-gov-legal", 612, 936},
                 {"presentation-16-9", MM(297), MM(167.0625)},
                 {"presentation-4-3", MM(280), MM(210)}};
#undef MM
    enum { NSIZES = sizeof sizes / sizeof sizes[0] };
    const char *names[NSIZES];
    for (int i = 0; i < NSIZES; i++) {
      names[i] = sizes[i].n;
      if (strcmp(v->s, sizes[i].n) == 0) {
        s->page_w = sizes[i].w;
        s->page_h = sizes[i].h;
        if (!A->builtin)
          s->page_loc = v->loc;
        return;
      }
    }
    const char *sug = diag_suggest(v->s, names, NSIZES);
    if (sug)
      diag_error(A->d, v->loc, "unknown page size '%s' (did you mean '%s'?)",
                 v->s, sug);
    else
      diag_error(A->d, v->loc,
                 "unknown page size '%s'; expected a4, a5, us-letter or "
                 "us-executive (or a0-a8, us-legal, us-gov-letter, "
                 "us-gov-legal, presentation-16-9, "
                 "presentation-4-3)",
                 v->s);
    return;
  }
  case K_FAMILY:
    if (!scalar(A, v, path))
      return;
    *(const char **)(base + k->off) = v->s;
    if (!A->builtin && k->off >= offsetof(struct style, family) &&
        k->off < offsetof(struct style, family) + sizeof s->family) {
      size_t i = (k->off - offsetof(struct style, family)) / sizeof(char *);
      s->family_loc[i] = v->loc;
    }
    if (k->off == offsetof(struct style, mono_family))
      s->mono_loc = A->builtin ? (struct loc){0} : v->loc;
    return;
  case K_FAMILY_ALL: /* a scalar: every element */
    if (!scalar(A, v, path))
      return;
    for (int i = 0; i < EL_N; i++) {
      s->family[i] = v->s;
      s->family_loc[i] = A->builtin ? (struct loc){0} : v->loc;
    }
    return;
  case K_FAMILY_LIST: {
    if (yml_is_null(v)) {
      s->nfallback = 0;
      return;
    }
    int n = v->kind == YML_SEQ ? v->n : 1;
    if (n > 8) {
      diag_error(A->d, v->loc, "at most 8 fallback families, not %d", n);
      return;
    }
    s->fallback = arena_alloc(&A->c->doc, sizeof(char *) * (size_t)(n + 1));
    s->nfallback = 0;
    s->fallback_loc = v->loc;
    for (int i = 0; i < n; i++) {
      const struct yml *x = v->kind == YML_SEQ ? v->kids[i] : v;
      if (scalar(A, x, path))
        s->fallback[s->nfallback++] = x->s;
    }
    return;
  }
  case K_STRLIST: {
    if (yml_is_null(v))
      return;
    if (v->kind != YML_SEQ) {
      diag_error(A->d, v->loc,
                 "expected a list of section titles for '%s', found %s", path,
                 yml_kind_name(v));
      return;
    }
    s->time_span_sections =
        arena_alloc(&A->c->doc, sizeof(char *) * (size_t)(v->n + 1));
    s->ntime_span_sections = 0;
    for (int i = 0; i < v->n; i++)
      if (scalar(A, v->kids[i], path))
        s->time_span_sections[s->ntime_span_sections++] = v->kids[i]->s;
    return;
  }
  case K_COUNT: {
    if (!scalar(A, v, path))
      return;
    char *end = NULL;
    long x = strtol(v->s, &end, 10);
    if (end == v->s || *end || x < 0 || x > 1000) {
      diag_error(A->d, v->loc,
                 "invalid value '%s' for '%s': expected a whole number "
                 "from 0 to 1000",
                 v->s, path);
      return;
    }
    *(int *)(base + k->off) = (int)x;
    if (k->off == offsetof(struct style, fit_to_pages))
      s->fit_loc = v->loc;
    return;
  }
  case K_INT:
  case K_EM: {
    if (!scalar(A, v, path))
      return;
    double x = 0;
    const char *start = v->s;
    while (isspace((unsigned char)*start))
      start++;
    const char *end = decimal(start, &x);
    if (k->type == K_EM && end && strncmp(end, "em", 2) == 0)
      end += 2;
    bool integral = k->type == K_INT ? x == floor(x) : true;
    if (!end || *end || !isfinite(x) || !integral ||
        (k->type == K_INT && (x < -10000 || x > 10000)) ||
        (k->type == K_EM && (x < 0 || x > 100))) {
      diag_error(
          A->d, v->loc,
          k->type == K_INT
              ? "invalid value '%s' for '%s': expected a whole number from "
                "-10000 to 10000 (TeX's scale)"
              : "invalid value '%s' for '%s': expected a number of ems "
                "from 0 to 100",
          v->s, path);
      return;
    }
    if (k->type == K_INT)
      *(int *)(base + k->off) = (int)x;
    else
      *(double *)(base + k->off) = x;
    return;
  }
  case K_THEME:
  case K_IGNORED:
  case K_BIBTEX:
    return;
  }
}

/* RenderCV 2.0-2.3's locale (and locale_catalog) keys, and 1.17-1.18's
 * locale_catalog styles, and their names today */
static const struct {
  const char *old, *now;
} OLDER_LOCALE[] = {{"page_numbering_template", "design.templates.footer"},
                    {"page_numbering_style", "design.templates.footer"},
                    {"last_updated_date_style", "design.templates.top_note"},
                    {"date_style", "design.templates.single_date"},
                    {"last_updated_date_template", "design.templates.top_note"},
                    {"date_template", "design.templates.single_date"},
                    {"to", "design.templates.date_range"},
                    {"abbreviations_for_months", "locale.month_abbreviations"},
                    {"full_names_of_months", "locale.month_names"},
                    {"phone_number_format",
                     "design.header.connections.phone_number_format"}};

bool style_older_locale_key(int i, const char **old, const char **now) {
  if (i < 0 || (size_t)i >= sizeof OLDER_LOCALE / sizeof OLDER_LOCALE[0])
    return false;
  *old = OLDER_LOCALE[i].old;
  *now = OLDER_LOCALE[i].now;
  return true;
}

/* RenderCV's older names (2.0 to 2.3, and 1.x's flat keys): each still
 * works, with one warning that gives the new name. `also` is a second key
 * the value goes to; `append` adds the value to the key's text on a new
 * line (2.3's first and second row templates make one main column). */
enum legacy_how {
  LG_SAME,  /* the value as written */
  LG_NOT,   /* a boolean turned round (1.x's disable_*) */
  LG_TODAY, /* a 1.x template: TODAY is now CURRENT_DATE (and LG_LATEX) */
  LG_LATEX, /* a 1.x string set in LaTeX: its $math$ (engineeringresumes'
               separator was $|$) is the symbol it made */
  LG_YEARS, /* 1.x's show_only_years: true is single_date YEAR */
  LG_NONE,  /* no meaning today (now is NULL): read and left out */
};

static const struct legacy {
  const char *old, *now, *also;
  bool append;
  enum legacy_how how;
} LEGACY[] = {
    {"page.show_page_numbering", "page.show_footer", NULL, false, LG_SAME},
    {"page.show_last_updated_date", "page.show_top_note", NULL, false, LG_SAME},
    {"colors.text", "colors.body", NULL, false, LG_SAME},
    {"colors.last_updated_date_and_page_numbering", "colors.footer",
     "colors.top_note", false, LG_SAME},
    {"text.font_family", "typography.font_family", NULL, false, LG_SAME},
    {"text.font_size", "typography.font_size.body", NULL, false, LG_SAME},
    {"text.leading", "typography.line_spacing", NULL, false, LG_SAME},
    {"text.alignment", "typography.alignment", NULL, false, LG_SAME},
    {"text.date_and_location_column_alignment",
     "typography.date_and_location_column_alignment", NULL, false, LG_SAME},
    {"header.name_font_family", "typography.font_family.name", NULL, false, LG_SAME},
    {"header.name_font_size", "typography.font_size.name", NULL, false, LG_SAME},
    {"header.name_bold", "typography.bold.name", NULL, false, LG_SAME},
    {"header.small_caps_for_name", "typography.small_caps.name", NULL, false, LG_SAME},
    {"header.connections_font_family", "typography.font_family.connections",
     NULL, false, LG_SAME},
    {"header.vertical_space_between_name_and_connections",
     "header.space_below_name", NULL, false, LG_SAME},
    {"header.vertical_space_between_connections_and_first_section",
     "header.space_below_connections", NULL, false, LG_SAME},
    {"header.horizontal_space_between_connections",
     "header.connections.space_between_connections", NULL, false, LG_SAME},
    {"header.separator_between_connections", "header.connections.separator",
     NULL, false, LG_SAME},
    {"header.use_icons_for_connections", "header.connections.show_icons", NULL, false, LG_SAME},
    {"header.use_urls_as_placeholders_for_connections",
     "header.connections.display_urls_instead_of_usernames", NULL, false, LG_SAME},
    {"header.make_connections_links", "header.connections.hyperlink", NULL, false, LG_SAME},
    {"links.use_external_link_icon", "links.show_external_link_icon", NULL, false, LG_SAME},
    {"section_titles.font_family", "typography.font_family.section_titles",
     NULL, false, LG_SAME},
    {"section_titles.font_size", "typography.font_size.section_titles", NULL, false, LG_SAME},
    {"section_titles.bold", "typography.bold.section_titles", NULL, false, LG_SAME},
    {"section_titles.small_caps", "typography.small_caps.section_titles", NULL, false, LG_SAME},
    {"section_titles.vertical_space_above", "section_titles.space_above", NULL, false, LG_SAME},
    {"section_titles.vertical_space_below", "section_titles.space_below", NULL, false, LG_SAME},
    {"section_titles.line_type", "section_titles.type", NULL, false, LG_SAME},
    {"entries.left_and_right_margin", "entries.side_space", NULL, false, LG_SAME},
    {"entries.horizontal_space_between_columns",
     "entries.space_between_columns", NULL, false, LG_SAME},
    {"entries.vertical_space_between_entries",
     "sections.space_between_regular_entries", NULL, false, LG_SAME},
    {"entries.allow_page_break_in_sections", "sections.allow_page_break", NULL, false, LG_SAME},
    {"entries.allow_page_break_in_entries", "entries.allow_page_break", NULL, false, LG_SAME},
    {"entries.show_time_spans_in", "sections.show_time_spans_in", NULL, false, LG_SAME},
    {"highlights.bullet", "entries.highlights.bullet", NULL, false, LG_SAME},
    {"highlights.nested_bullet", "entries.highlights.nested_bullet", NULL, false, LG_SAME},
    {"highlights.top_margin", "entries.highlights.space_above", NULL, false, LG_SAME},
    {"highlights.left_margin", "entries.highlights.space_left", NULL, false, LG_SAME},
    {"highlights.vertical_space_between_highlights",
     "entries.highlights.space_between_items", NULL, false, LG_SAME},
    {"highlights.horizontal_space_between_bullet_and_highlight",
     "entries.highlights.space_between_bullet_and_text", NULL, false, LG_SAME},
    {"highlights.summary_left_margin", "entries.summary.space_left", NULL, false, LG_SAME},
    {"entry_types.one_line_entry.template",
     "templates.one_line_entry.main_column", NULL, false, LG_SAME},
    {"entry_types.education_entry.main_column_first_row_template",
     "templates.education_entry.main_column", NULL, false, LG_SAME},
    {"entry_types.education_entry.main_column_second_row_template",
     "templates.education_entry.main_column", NULL, true, LG_SAME},
    {"entry_types.education_entry.degree_column_template",
     "templates.education_entry.degree_column", NULL, false, LG_SAME},
    {"entry_types.education_entry.degree_column_width", "entries.degree_width",
     NULL, false, LG_SAME},
    {"entry_types.education_entry.date_and_location_column_template",
     "templates.education_entry.date_and_location_column", NULL, false, LG_SAME},
    {"entry_types.normal_entry.main_column_first_row_template",
     "templates.normal_entry.main_column", NULL, false, LG_SAME},
    {"entry_types.normal_entry.main_column_second_row_template",
     "templates.normal_entry.main_column", NULL, true, LG_SAME},
    {"entry_types.normal_entry.date_and_location_column_template",
     "templates.normal_entry.date_and_location_column", NULL, false, LG_SAME},
    {"entry_types.experience_entry.main_column_first_row_template",
     "templates.experience_entry.main_column", NULL, false, LG_SAME},
    {"entry_types.experience_entry.main_column_second_row_template",
     "templates.experience_entry.main_column", NULL, true, LG_SAME},
    {"entry_types.experience_entry.date_and_location_column_template",
     "templates.experience_entry.date_and_location_column", NULL, false, LG_SAME},
    {"entry_types.publication_entry.main_column_first_row_template",
     "templates.publication_entry.main_column", NULL, false, LG_SAME},
    {"entry_types.publication_entry.main_column_second_row_template",
     "templates.publication_entry.main_column", NULL, true, LG_SAME},
    {"entry_types.publication_entry.date_and_location_column_template",
     "templates.publication_entry.date_and_location_column", NULL, false, LG_SAME},
    /* (2.0-2.3's second rows for a publication without a journal or a
     * URL: today's one template leaves out what a publication lacks) */
    {"entry_types.publication_entry.main_column_second_row_without_journal_template",
     NULL, NULL, false, LG_NONE},
    {"entry_types.publication_entry.main_column_second_row_without_url_template",
     NULL, NULL, false, LG_NONE},
    /* 1.x: a flat design block */
    {"font", "typography.font_family", NULL, false, LG_SAME},
    {"font_size", "typography.font_size.body", NULL, false, LG_SAME},
    {"header_font_size", "typography.font_size.name", NULL, false, LG_SAME},
    {"text_alignment", "typography.alignment", NULL, false, LG_SAME},
    {"seperator_between_connections", "header.connections.separator", NULL, false, LG_LATEX},
    {"separator_between_connections", "header.connections.separator", NULL, false, LG_LATEX},
    {"use_icons_for_connections", "header.connections.show_icons", NULL, false, LG_SAME},
    {"show_last_updated_date", "page.show_top_note", NULL, false, LG_SAME},
    {"page_size", "page.size", NULL, false, LG_SAME},
    {"color", "colors.name", "colors.section_titles", false, LG_SAME},
    {"disable_external_link_icons", "links.show_external_link_icon", NULL,
     false, LG_NOT},
    {"disable_page_numbering", "page.show_footer", NULL, false, LG_NOT},
    {"disable_page_numbers", "page.show_footer", NULL, false, LG_NOT},
    {"page_numbering_style", "templates.footer", NULL, false, LG_LATEX},
    {"disable_last_updated_date", "page.show_top_note", NULL, false, LG_NOT},
    {"last_updated_date_style", "templates.top_note", NULL, false, LG_TODAY},
    {"show_timespan_in", "sections.show_time_spans_in", NULL, false, LG_SAME},
    {"margins.page.top", "page.top_margin", NULL, false, LG_SAME},
    {"margins.page.bottom", "page.bottom_margin", NULL, false, LG_SAME},
    {"margins.page.left", "page.left_margin", NULL, false, LG_SAME},
    {"margins.page.right", "page.right_margin", NULL, false, LG_SAME},
    {"margins.section_title.top", "section_titles.space_above", NULL, false, LG_SAME},
    {"margins.section_title.bottom", "section_titles.space_below", NULL, false, LG_SAME},
    {"margins.entry_area.left_and_right", "entries.side_space", NULL, false, LG_SAME},
    {"margins.entry_area.vertical_between",
     "sections.space_between_regular_entries", NULL, false, LG_SAME},
    {"margins.entry_area.date_and_location_width",
     "entries.date_and_location_width", NULL, false, LG_SAME},
    {"margins.entry_area.education_degree_width", "entries.degree_width",
     NULL, false, LG_SAME},
    {"margins.highlights_area.top", "entries.highlights.space_above", NULL, false, LG_SAME},
    {"margins.highlights_area.left", "entries.highlights.space_left", NULL, false, LG_SAME},
    {"margins.highlights_area.vertical_between_bullet_points",
     "entries.highlights.space_between_items", NULL, false, LG_SAME},
    {"margins.header.vertical_between_name_and_connections",
     "header.space_below_name", NULL, false, LG_SAME},
    {"margins.header.bottom", "header.space_below_connections", NULL, false, LG_SAME},
    {"margins.header.horizontal_between_connections",
     "header.connections.space_between_connections", NULL, false, LG_SAME},
    /* 1.x's moderncv */
    {"date_width", "entries.date_and_location_width", NULL, false, LG_SAME},
    {"show_only_years", "templates.single_date", NULL, false, LG_YEARS},
    {"content_scale", NULL, NULL, false, LG_NONE},
};

bool style_older_key(int i, const char **old, const char **now) {
  if (i < 0 || (size_t)i >= sizeof LEGACY / sizeof LEGACY[0])
    return false;
  *old = LEGACY[i].old;
  *now = LEGACY[i].now;
  return true;
}

static const struct legacy *legacy_key(const char *path) {
  for (size_t i = 0; i < sizeof LEGACY / sizeof LEGACY[0]; i++)
    if (strcmp(LEGACY[i].old, path) == 0)
      return &LEGACY[i];
  return NULL;
}

static bool legacy_prefix(const char *path) {
  size_t n = strlen(path);
  for (size_t i = 0; i < sizeof LEGACY / sizeof LEGACY[0]; i++)
    if (strncmp(LEGACY[i].old, path, n) == 0 && LEGACY[i].old[n] == '.')
      return true;
  return false;
}

/* A value whose meaning changed with its name (1.x's page sizes, colours,
 * alignments): the new value, or NULL to take it as written. */
static const char *legacy_value(const char *now, const struct yml *v) {
  if (v->kind != YML_SCALAR)
    return NULL;
  if (!strcmp(now, "page.size")) { /* LaTeX's paper names (1.x) */
    static const char *const paper[][2] = {{"letterpaper", "us-letter"},
                                           {"a4paper", "a4"},
                                           {"a5paper", "a5"},
                                           {"executivepaper", "us-executive"}};
    for (size_t i = 0; i < 4; i++)
      if (!strcmp(v->s, paper[i][0]))
        return paper[i][1];
  }
  if (!strcmp(now, "typography.alignment")) {
    if (!strcmp(v->s, "left-aligned"))
      return "left";
    if (!strcmp(v->s, "justified-with-no-hyphenation"))
      return NULL;
  }
  return NULL;
}

static void walk(struct applier *A, const struct yml *m, const char *prefix);

/* s with every `from` replaced by `to`, in a. */
static const char *replace_all(struct arena *a, const char *s, const char *from,
                               const char *to) {
  size_t nf = strlen(from), nt = strlen(to), n = 0;
  for (const char *p = strstr(s, from); p; p = strstr(p + nf, from))
    n++;
  char *out = arena_alloc(a, strlen(s) + n * nt + 1), *o = out;
  for (const char *p = s, *q; *p; p = q + nf) {
    q = strstr(p, from);
    if (!q) {
      strcpy(o, p);
      return out;
    }
    memcpy(o, p, (size_t)(q - p));
    o += q - p;
    memcpy(o, to, nt);
    o += nt;
  }
  *o = 0;
  return out;
}

/* RenderCV 1.x's design strings went to LaTeX as they were: `$|$` was a
 * math bar, `Updated$:$` a colon. Each $...$ whose content is plain text
 * (or one of the few symbols below) becomes what it drew; s itself when
 * there is none. */
static const char *latex_math(struct arena *a, const char *s) {
  static const char *const sym[][2] = {
      {"\\cdot", "·"},  {"\\bullet", "•"}, {"\\vert", "|"},
      {"\\mid", "|"},   {"\\circ", "∘"},   {"\\diamond", "⋄"},
      {"\\star", "⋆"},  {"\\ast", "∗"},    {"\\times", "×"}};
  if (!strchr(s, '$'))
    return s;
  size_t n = strlen(s);
  char *out = arena_alloc(a, n * 2 + 1), *o = out;
  bool changed = false;
  for (const char *p = s; *p;) {
    const char *end = *p == '$' && (p == s || p[-1] != '\\')
                          ? strchr(p + 1, '$')
                          : NULL;
    if (!end) {
      *o++ = *p++;
      continue;
    }
    const char *b = p + 1, *e = end;
    while (b < e && *b == ' ')
      b++;
    while (e > b && e[-1] == ' ')
      e--;
    const char *to = NULL;
    size_t tl = 0;
    for (size_t i = 0; i < sizeof sym / sizeof sym[0] && !to; i++)
      if ((size_t)(e - b) == strlen(sym[i][0]) &&
          !memcmp(b, sym[i][0], (size_t)(e - b)))
        to = sym[i][1], tl = strlen(to);
    if (!to && !memchr(b, '\\', (size_t)(e - b)) &&
        !memchr(b, '{', (size_t)(e - b)))
      to = b, tl = (size_t)(e - b);
    if (!to) { /* math cvpdf cannot draw: as written */
      memcpy(o, p, (size_t)(end + 1 - p));
      o += end + 1 - p;
    } else {
      memcpy(o, to, tl);
      o += tl;
      changed = true;
    }
    p = end + 1;
  }
  *o = 0;
  return changed ? out : s;
}

static void apply_legacy(struct applier *A, const struct legacy *lg,
                         const struct yml *key, const struct yml *v) {
  if (lg->how == LG_NONE) {
    if (!A->builtin)
      diag_older(A->d, key->loc, &(struct older_fix){0},
                 "'design.%s' (an older RenderCV's) has no meaning today; it is "
                 "left out",
                 lg->old);
    return;
  }
  struct yml tv;
  const char *changed = NULL; /* the value, when not as written */
  const char *drawn = (lg->how == LG_LATEX || lg->how == LG_TODAY) &&
                              v->kind == YML_SCALAR
                          ? latex_math(&A->c->doc, v->s)
                          : NULL; /* what LaTeX drew of it */
  if (lg->how == LG_LATEX && drawn == v->s) {
    /* no math in it: the value as written */
  } else if (lg->how != LG_SAME && v->kind == YML_SCALAR) {
    tv = *v;
    if (lg->how == LG_NOT) {
      bool b;
      if (parse_bool(A, v, lg->old, &b)) /* else: the error is given */
        tv.s = b ? "false" : "true";
      else
        return;
    } else if (lg->how == LG_TODAY) {
      tv.s = replace_all(&A->c->doc, drawn, "TODAY", "CURRENT_DATE");
    } else if (lg->how == LG_LATEX) {
      tv.s = drawn;
    } else if (lg->how == LG_YEARS) {
      bool b;
      if (!parse_bool(A, v, lg->old, &b))
        return;
      if (!b) { /* the dates as they are */
        if (!A->builtin)
          diag_older(A->d, key->loc, &(struct older_fix){0},
                     "'design.%s' is an older RenderCV name; "
                     "false is today's default", lg->old);
        return;
      }
      tv.s = "YEAR";
    }
    tv.len = strlen(tv.s);
    v = &tv;
    changed = tv.s;
  }
  if (!A->builtin) {
    struct arena *a = &A->c->doc;
    const char *nv = legacy_value(lg->now, v);
    struct older_fix fix = {
        arena_printf(a, "design.%s", lg->now),
        lg->also ? arena_printf(a, "design.%s", lg->also) : NULL,
        nv ? nv : changed,
        lg->append, false};
    diag_older(
        A->d, key->loc, &fix,
        "'design.%s' is an older RenderCV name; it is now 'design.%s'%s%s%s",
        lg->old, lg->now, lg->also ? " and 'design." : "",
        lg->also ? lg->also : "", lg->also ? "'" : "");
  }
  const char *targets[2] = {lg->now, lg->also};
  for (int t = 0; t < 2 && targets[t]; t++) {
    const struct key *k = find_key(targets[t]);
    if (!k)
      continue;
    const char *nv = legacy_value(targets[t], v);
    struct yml copy;
    if (nv) {
      copy = *v;
      copy.s = nv;
      copy.len = strlen(nv);
      v = &copy;
    }
    if (lg->append && v->kind == YML_SCALAR) {
      const char **slot = (const char **)((char *)A->s + k->off);
      struct yml joined = *v;
      joined.s = arena_printf(&A->c->doc, "%s\n%s", *slot ? *slot : "", v->s);
      set_value(A, k, &joined, targets[t]);
    } else {
      set_value(A, k, v, targets[t]);
    }
  }
}

static void walk(struct applier *A, const struct yml *m, const char *prefix) {
  for (int i = 0; i < m->n; i++) {
    const struct yml *key = m->keys[i], *v = m->kids[i];
    char path[256];
    if (*prefix)
      snprintf(path, sizeof path, "%s.%s", prefix, key->s);
    else
      snprintf(path, sizeof path, "%s", key->s);
    const struct key *k = find_key(path);
    if (k && !(v->kind == YML_MAP && has_children(path))) {
      set_value(A, k, v, path);
      continue;
    }
    if (has_children(path)) {
      if (v->kind == YML_MAP)
        walk(A, v, path);
      else if (!yml_is_null(v))
        diag_error(A->d, v->loc, "expected a mapping for 'design.%s', found %s",
                   path, yml_kind_name(v));
      continue;
    }
    const struct legacy *lg = legacy_key(path);
    if (lg) {
      apply_legacy(A, lg, key, v);
      continue;
    }
    if (v->kind == YML_MAP && legacy_prefix(path)) {
      walk(A, v, path); /* an older block: its keys are renamed one by one */
      continue;
    }
    const char *kids[64];
    int n = children(prefix, kids, 64);
    /* trim each candidate at its first dot for comparison */
    char names[64][64];
    const char *cand[64];
    for (int j = 0; j < n; j++) {
      size_t len = strcspn(kids[j], ".");
      if (len > 63)
        len = 63;
      memcpy(names[j], kids[j], len);
      names[j][len] = 0;
      cand[j] = names[j];
    }
    const char *sug = diag_suggest(key->s, cand, n);
    if (sug)
      diag_error(A->d, key->loc,
                 "unknown key '%s' in 'design%s%s' (did you mean '%s'?)",
                 key->s, *prefix ? "." : "", prefix, sug);
    else
      diag_error(A->d, key->loc, "unknown key '%s' in 'design%s%s'", key->s,
                 *prefix ? "." : "", prefix);
  }
}

/* A built-in data file (a theme or a locale), parsed into the document
 * arena; its top-level `key` block. NULL if there is no such file. Errors
 * in it are cvpdf's bugs; the tests load every one of them. */
static const struct yml *builtin_block(struct applier *A, const char *file,
                                       const char *key) {
  const struct embedded *e = embedded_find(file);
  if (!e)
    return NULL;
  struct yml_limits lim = {32, 100000, 1 << 20};
  bool empty = false;
  struct yml *root = yml_parse(&A->c->doc, A->c->diag, e->name, e->data,
                               e->len, &lim, &empty);
  const struct yml *b = root ? yml_get(root, key) : NULL;
  if (!b || b->kind != YML_MAP) {
    diag_error(A->d, (struct loc){e->name, 1, 1},
               "built-in file without a '%s' mapping", key);
    return NULL;
  }
  return b;
}

const char *const STYLE_LANGUAGES[] = {
    "english",     "arabic",           "danish",           "dutch",
    "french",      "german",           "hebrew",           "hindi",
    "hungarian",   "indonesian",       "italian",          "japanese",
    "korean",      "mandarin_chinese", "norwegian_bokmål", "norwegian_nynorsk",
    "persian",     "polish",           "portuguese",       "russian",
    "spanish",     "swedish",          "turkish",          "vietnamese",
    NULL};
#define NLANGUAGES ((int)(sizeof STYLE_LANGUAGES / sizeof STYLE_LANGUAGES[0]) - 1)

static void apply_locale(struct applier *A, const struct yml *m);

/* RenderCV before 2.4 (and YAMLResume) name languages by ISO 639 code */
static const char *const iso[][2] = {
      {"en", "english"},    {"de", "german"},     {"fr", "french"},
      {"es", "spanish"},    {"it", "italian"},    {"pt", "portuguese"},
      {"nl", "dutch"},      {"da", "danish"},     {"tr", "turkish"},
      {"ru", "russian"},    {"ja", "japanese"},   {"ko", "korean"},
      {"zh", "mandarin_chinese"}, {"hi", "hindi"}, {"id", "indonesian"},
      {"hu", "hungarian"},  {"vi", "vietnamese"}, {"ar", "arabic"},
      {"he", "hebrew"},     {"fa", "persian"},    {"nb", "norwegian_bokmål"},
      {"nn", "norwegian_nynorsk"}, {"no", "norwegian_bokmål"},
      {"pl", "polish"},     {"sv", "swedish"}};

const char *locale_tag(const struct locale *l, bool *rtl) {
  const char *tag = NULL;
  for (size_t j = 0; j < sizeof iso / sizeof iso[0] && !tag; j++)
    if (!strcmp(l->language, iso[j][1]) || !strcmp(l->language, iso[j][0]))
      tag = iso[j][0];
  for (int j = 0; STYLE_ISO639[j] && !tag; j++) /* RenderCV 2.0-2.3's code */
    if (!strcmp(l->language, STYLE_ISO639[j]))
      tag = STYLE_ISO639[j];
  /* the languages written right to left (of ISO 639-1's) */
  static const char *const rtl_tags[] = {"ar", "he", "fa", "ur", "ps", "yi",
                                         "dv", "sd", "ug", "iw", NULL};
  *rtl = l->rtl;
  for (int j = 0; tag && rtl_tags[j] && !*rtl; j++)
    *rtl = !strcmp(tag, rtl_tags[j]);
  return tag;
}

/* ISO 639-1's codes, as RenderCV 2.0 to 2.3 took them for
 * locale.language (pydantic's LanguageAlpha2), NULL-terminated. */
const char *const STYLE_ISO639[] = {
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az",
    "ba", "be", "bg", "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch",
    "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv", "dz", "ee", "el",
    "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy",
    "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht",
    "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it",
    "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko",
    "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo",
    "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt",
    "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny",
    "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm",
    "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl",
    "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te",
    "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty",
    "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo",
    "za", "zh", "zu", NULL};

/* The languages Typst hyphenates (hypher's) that cvpdf has no words for:
 * RenderCV 2.0 to 2.3 hyphenated a CV in them */
static const char *const TYPST_HYPHENATES[] = {
    "af", "be", "bg", "ca", "cs", "el", "et", "fi", "hr", "is", "ka", "ku",
    "la", "lt", "mn", "sk", "sl", "sq", "sr", "tk", "uk", NULL};

static bool in_list(const char *s, const char *const *list) {
  for (int i = 0; list[i]; i++)
    if (!strcmp(s, list[i]))
      return true;
  return false;
}

/* locale.language: the language's built-in words, then the file's own */
static void set_language(struct applier *A, const struct yml *v) {
  if (!scalar(A, v, "locale.language"))
    return;
  const char *name = v->s;
  for (size_t j = 0; j < sizeof iso / sizeof iso[0]; j++)
    if (!strcmp(v->s, iso[j][0]))
      name = iso[j][1];
  for (int j = 0; j < NLANGUAGES; j++)
    if (strcmp(name, STYLE_LANGUAGES[j]) == 0) {
      char file[64];
      snprintf(file, sizeof file, "locales/%s.yaml", STYLE_LANGUAGES[j]);
      const struct yml *b = builtin_block(A, file, "locale");
      if (b) {
        bool was = A->builtin;
        A->builtin = true;
        apply_locale(A, b);
        A->builtin = was;
      }
      return;
    }
  if (in_list(v->s, STYLE_ISO639)) {
    /* RenderCV 2.0 to 2.3 took any ISO 639-1 code: it chose the
     * hyphenation, and the words were English unless the locale gave its
     * own (which it then does, below) */
    const struct yml *b = builtin_block(A, "locales/english.yaml", "locale");
    if (b) {
      bool was = A->builtin;
      A->builtin = true;
      apply_locale(A, b);
      A->builtin = was;
    }
    A->s->locale.language = v->s;
    A->s->locale.hyph_lang = in_list(v->s, TYPST_HYPHENATES) ? v->s : "";
    diag_note(A->d, v->loc,
              "cvpdf has no words for the language '%s': the locale's own "
              "are used, English for the rest, as RenderCV 2.0 to 2.3 did%s",
              v->s, in_list(v->s, TYPST_HYPHENATES)
                        ? ""
                        : " (and, like it, no hyphenation)");
    return;
  }
  const char *sug = diag_suggest(v->s, STYLE_LANGUAGES, NLANGUAGES);
  if (sug)
    diag_error(A->d, v->loc, "unknown language '%s' (did you mean '%s'?)", v->s,
               sug);
  else
    diag_error(
        A->d, v->loc,
        "unknown language '%s'; cvpdf has: english, arabic, danish, dutch, "
        "french, german, hebrew, hindi, hungarian, indonesian, italian, "
        "japanese, korean, mandarin_chinese, norwegian_bokmål, "
        "norwegian_nynorsk, persian, polish, portuguese, russian, spanish, "
        "swedish, turkish, vietnamese",
        v->s);
}

/* locale.month_abbreviations or locale.month_names (`name`), given as `key`
 * (the same, or its older RenderCV name): a list of exactly 12 names. */
static void set_months(struct applier *A, const struct yml *v, const char *key,
                       const char *name) {
  const char **dst = strcmp(name, "month_names") == 0
                         ? A->s->locale.month_names
                         : A->s->locale.month_abbr;
  if (v->kind != YML_SEQ || v->n != 12) {
    diag_error(A->d, v->loc,
               "expected a list of exactly 12 names for 'locale.%s'", key);
    return;
  }
  char path[64];
  snprintf(path, sizeof path, "locale.%s", key);
  for (int j = 0; j < 12; j++)
    if (scalar(A, v->kids[j], path))
      dst[j] = v->kids[j]->s;
}

static void apply_locale(struct applier *A, const struct yml *m) {
  struct locale *l = &A->s->locale;
  static const char *const keys[] = {
      "language", "last_updated", "month",   "months",
      "year",     "years",        "present", "phrases",
      "month_abbreviations", "month_names", "hyphenation"};
  /* the language first, wherever it is written: the other keys override
   * its words */
  const struct yml *lang = yml_get(m, "language");
  if (lang) {
    if (A->builtin) {
      if (lang->kind == YML_SCALAR)
        l->language = lang->s;
    } else {
      set_language(A, lang);
    }
  }
  for (int i = 0; i < m->n; i++) {
    const char *k = m->keys[i]->s;
    const struct yml *v = m->kids[i];
    const char **slot = NULL;
    char path[64];
    snprintf(path, sizeof path, "locale.%.40s", k);
    if (strcmp(k, "language") == 0)
      continue;
    if (strcmp(k, "last_updated") == 0)
      slot = &l->last_updated;
    else if (strcmp(k, "month") == 0)
      slot = &l->month;
    else if (strcmp(k, "months") == 0)
      slot = &l->months;
    else if (strcmp(k, "year") == 0)
      slot = &l->year;
    else if (strcmp(k, "years") == 0)
      slot = &l->years;
    else if (strcmp(k, "present") == 0)
      slot = &l->present;
    if (slot) {
      if (scalar(A, v, path))
        *slot = v->s;
      continue;
    }
    if (strcmp(k, "hyphenation") == 0) {
      /* cvpdf: which libhyphen dictionary (hyph_<code>.dic); '' or null =
       * none */
      if (yml_is_null(v)) {
        l->hyph_lang = "";
        continue;
      }
      if (!scalar(A, v, path))
        continue;
      bool ok = strlen(v->s) < 16;
      for (const char *q = v->s; *q && ok; q++)
        ok = isalnum((unsigned char)*q) || *q == '_' || *q == '-';
      if (!ok)
        diag_error(A->d, v->loc,
                   "invalid value '%s' for 'locale.hyphenation': "
                   "expected a dictionary code such as en_GB or de_DE, "
                   "or '' for no hyphenation",
                   v->s);
      else
        l->hyph_lang = v->s;
      continue;
    }
    if (strcmp(k, "phrases") == 0) {
      if (v->kind != YML_MAP) {
        diag_error(A->d, v->loc, "expected a mapping for 'locale.phrases'");
        continue;
      }
      for (int j = 0; j < v->n; j++) {
        if (strcmp(v->keys[j]->s, "degree_with_area") == 0) {
          if (scalar(A, v->kids[j], "locale.phrases.degree_with_area"))
            l->degree_with_area = v->kids[j]->s;
        } else {
          diag_error(A->d, v->keys[j]->loc,
                     "unknown key '%s' in 'locale.phrases'; "
                     "expected 'degree_with_area'",
                     v->keys[j]->s);
        }
      }
      continue;
    }
    if (strcmp(k, "month_abbreviations") == 0 ||
        strcmp(k, "month_names") == 0) {
      set_months(A, v, k, k);
      continue;
    }
    int found = -1;
    for (size_t j = 0; j < sizeof OLDER_LOCALE / sizeof OLDER_LOCALE[0]; j++)
      if (!strcmp(k, OLDER_LOCALE[j].old))
        found = (int)j;
    if (found >= 0) {
      const char *now = OLDER_LOCALE[found].now;
      struct yml tv; /* a top note's TODAY is CURRENT_DATE today; a
                        1.17-1.18 style's $math$ went to LaTeX, a 2.0-2.3
                        template's to Typst's math: the symbol it made */
      bool note = !strcmp(now, "design.templates.top_note"),
           foot = !strcmp(now, "design.templates.footer");
      const char *drawn = (note || foot) && v->kind == YML_SCALAR
                              ? latex_math(&A->c->doc, v->s)
                              : NULL;
      if (drawn && ((note && strstr(v->s, "TODAY")) || drawn != v->s)) {
        tv = *v;
        tv.s = drawn;
        if (note)
          tv.s = replace_all(&A->c->doc, tv.s, "TODAY", "CURRENT_DATE");
        tv.len = strlen(tv.s);
        v = &tv;
      }
      if (!A->builtin) {
        struct older_fix fix = {.now = now};
        if (!strcmp(k, "to") && v->kind == YML_SCALAR)
          fix.value = arena_printf(&A->c->doc, "START_DATE %s END_DATE", v->s);
        else if (v == &tv)
          fix.value = tv.s;
        diag_older(A->d, m->keys[i]->loc, &fix,
                   "'locale.%s' is an older RenderCV name; it is now '%s'", k,
                   now);
      }
      if (!strncmp(now, "locale.", 7)) {
        set_months(A, v, k, now + 7); /* after "locale." */
      } else if (!strcmp(k, "to")) {
        if (scalar(A, v, path))
          A->s->t_date_range =
              arena_printf(&A->c->doc, "START_DATE %s END_DATE", v->s);
      } else {
        const struct key *nk = find_key(now + 7); /* after "design." */
        if (nk)
          set_value(A, nk, v, now + 7);
      }
      continue;
    }
    const char *sug = diag_suggest(k, keys, (int)(sizeof keys / sizeof keys[0]));
    if (sug)
      diag_error(A->d, m->keys[i]->loc,
                 "unknown key '%s' in 'locale' (did you mean "
                 "'%s'?)",
                 k, sug);
    else
      diag_error(A->d, m->keys[i]->loc, "unknown key '%s' in 'locale'", k);
  }
}

const char *const STYLE_THEMES[] = {"seed",    "classic", "engineeringclassic",
                                    "engineeringresumes", "harvard",
                                    "moderncv", "sb2nov", "ink", "opal",
                                    "ember",   NULL};

/* design.theme: RenderCV's themes are classic with their own file laid
 * over it; the seed theme is the built-in defaults. */
/* A custom RenderCV theme: a folder named like the theme beside the CV,
 * holding RenderCV's templates (Jinja over LaTeX in 1.x, over Typst in
 * 2.x): one of them, or NULL. */
static const char *custom_theme(struct applier *A, const char *name) {
  if (!A->c || !A->c->srcdir || strchr(name, '/') || !*name)
    return NULL;
  static const char *const tpl[] = {"Header.j2.tex", "Preamble.j2.tex",
                                    "Header.j2.typ", "Preamble.j2.typ",
                                    "ExperienceEntry.j2.tex",
                                    "ExperienceEntry.j2.typ"};
  for (size_t i = 0; i < sizeof tpl / sizeof tpl[0]; i++) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s/%s", A->c->srcdir, name, tpl[i]);
    if (access(path, R_OK) == 0)
      return tpl[i];
  }
  return NULL;
}

static void set_theme(struct applier *A, const struct yml *theme) {
  if (theme->kind != YML_SCALAR) {
    diag_error(A->d, theme->loc, "expected a theme name for 'theme', found %s",
               yml_kind_name(theme));
    return;
  }
  int n = 0, found = -1;
  for (; STYLE_THEMES[n]; n++)
    if (strcmp(theme->s, STYLE_THEMES[n]) == 0)
      found = n;
  if (found < 0) {
    const char *sug = diag_suggest(theme->s, STYLE_THEMES, n);
    const char *tpl = custom_theme(A, theme->s);
    if (tpl)
      diag_error(A->d, theme->loc,
                 "'%s' is a custom RenderCV theme (the folder %s/ beside the "
                 "CV holds its templates, such as %s), which cvpdf cannot "
                 "run: cvpdf sets CVs with its own themes; give the one "
                 "'%s' was made from (classic, engineeringclassic, "
                 "engineeringresumes, harvard, moderncv, sb2nov, ink, opal, "
                 "ember) and its design keys",
                 theme->s, theme->s, tpl, theme->s);
    else if (sug)
      diag_error(A->d, theme->loc, "unknown theme '%s' (did you mean '%s'?)",
                 theme->s, sug);
    else
      diag_error(A->d, theme->loc,
                 "unknown theme '%s'; cvpdf has: seed, classic, "
                 "engineeringclassic, engineeringresumes, harvard, "
                 "moderncv, sb2nov, ink, opal, ember",
                 theme->s);
    return;
  }
  style_defaults(A->s);
  A->s->theme = STYLE_THEMES[found];
  if (found == 0)
    return;
  A->s->typst = true;
  A->s->breaking.typst = true;
  bool was = A->builtin;
  A->builtin = true;
  const struct yml *b = builtin_block(A, "themes/classic.yaml", "design");
  if (b)
    walk(A, b, "");
  if (found > 1) {
    char file[64];
    snprintf(file, sizeof file, "themes/%s.yaml", STYLE_THEMES[found]);
    b = builtin_block(A, file, "design");
    if (b)
      walk(A, b, "");
  }
  A->builtin = was;
}

int style_parts(const char *path, const char **out, int max) {
  const struct key *k = find_key(path);
  if (!k || k->type != K_FAMILY_ALL)
    return 0;
  size_t n = strlen(path);
  int m = 0;
  for (int i = 0; i < NKEYS && m < max; i++)
    if (KEYS[i].type == K_FAMILY && !strncmp(KEYS[i].path, path, n) &&
        KEYS[i].path[n] == '.' &&
        KEYS[i].off >= offsetof(struct style, family[0]) &&
        KEYS[i].off < offsetof(struct style, family[EL_N]))
      out[m++] = KEYS[i].path + n + 1;
  return m;
}

bool style_apply(struct ctx *c, struct style *s, const struct yml *design,
                 const struct yml *locale) {
  struct applier A = {c, c->diag, s, c->diag->errors, false};
  if (design && !yml_is_null(design)) {
    if (design->kind != YML_MAP) {
      diag_error(A.d, design->loc, "expected a mapping for 'design', found %s",
                 yml_kind_name(design));
    } else {
      const struct yml *theme = yml_get(design, "theme");
      if (theme)
        set_theme(&A, theme);
      walk(&A, design, "");
    }
  }
  /* the page must leave room for text */
  double tw = s->page_w - style_len(s, s->margin_left) - style_len(s, s->margin_right);
  double th = s->page_h - style_len(s, s->margin_top) - style_len(s, s->margin_bottom);
  if (c->diag->errors == A.errors && (tw < 72 || th < 72))
    diag_error(A.d, s->page_loc.line ? s->page_loc : (struct loc){0},
               "the margins leave %.0fpt x %.0fpt for the text on a %.0fpt x "
               "%.0fpt page; at least 72pt (an inch) each way is needed",
               tw > 0 ? tw : 0, th > 0 ? th : 0, s->page_w, s->page_h);
  if (locale && !yml_is_null(locale)) {
    if (locale->kind != YML_MAP)
      diag_error(A.d, locale->loc, "expected a mapping for 'locale', found %s",
                 yml_kind_name(locale));
    else
      apply_locale(&A, locale);
  }
  /* Japanese and Korean in a font made for them, before WenQuanYi Micro
   * Hei (a Chinese font: its kanji have China's forms, 直 and 骨 drawn as
   * a Japanese reader would not write them), when the design names no
   * fallback of its own: Debian's fonts-ipafont-gothic and fonts-nanum
   * (a family not installed is skipped) */
  if (!s->fallback_loc.line) {
    static const char *ja[] = {"Libertinus Serif", "IPAGothic",
                               "WenQuanYi Micro Hei"};
    static const char *ko[] = {"Libertinus Serif", "NanumGothic",
                               "WenQuanYi Micro Hei"};
    bool rtl;
    const char *tag = locale_tag(&s->locale, &rtl);
    if (tag && (!strcmp(tag, "ja") || !strcmp(tag, "ko"))) {
      s->fallback = tag[0] == 'j' ? ja : ko;
      s->nfallback = 3;
    }
  }
  return c->diag->errors == A.errors;
}

int style_key_count(void) { return NKEYS; }

struct style_key_info style_key(int i) {
  static const char *const sizes[] = {
      "a4", "a5", "us-letter", "us-executive", "a0", "a1", "a2", "a3", "a6",
      "a7", "a8", "us-legal", "us-gov-letter", "us-gov-legal",
      "presentation-16-9", "presentation-4-3", NULL};
  static const char *const aligns[] = {"justified", "left",
                                       "justified-with-no-hyphenation", NULL};
  const struct key *k = &KEYS[i];
  struct style_key_info r = {k->path, "string", NULL};
  switch (k->type) {
  case K_LEN:
  case K_LEN_POS:
  case K_SIZE:
    r.kind = "length";
    break;
  case K_LEN_AUTO:
    r.kind = "length-or-auto";
    break;
  case K_COLOR:
  case K_COLOR_FOLLOW:
    r.kind = "color";
    break;
  case K_BOOL:
    r.kind = "boolean";
    break;
  case K_STR:
    r.kind = "string";
    break;
  case K_LABEL:
    r.kind = "label";
    break;
  case K_STR_NULL:
    r.kind = "string-or-null";
    break;
  case K_ENUM:
    r.kind = "enum";
    r.values = k->enums;
    break;
  case K_PAGE_SIZE:
    r.kind = "enum";
    r.values = sizes;
    break;
  case K_ALIGNMENT:
    r.kind = "enum";
    r.values = aligns;
    break;
  case K_THEME:
    r.kind = "enum";
    r.values = STYLE_THEMES;
    break;
  case K_FAMILY:
  case K_FAMILY_ALL:
    r.kind = "family";
    break;
  case K_FAMILY_LIST:
  case K_STRLIST:
    r.kind = "list";
    break;
  case K_INT:
  case K_COUNT:
    r.kind = "integer";
    break;
  case K_EM:
    r.kind = "number";
    break;
  case K_IGNORED:
    r.kind = "any";
    break;
  case K_BIBTEX:
    r.kind = "bibtex";
    break;
  }
  return r;
}
