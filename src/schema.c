/* schema.c: the JSON Schema of cvpdf's input and the starter CV (see
 * schema.h).
 *
 * The schema says what cvpdf says: a file it accepts (warnings included)
 * passes, a file it refuses fails, wherever a schema can tell (it cannot
 * tell whether a font is installed, a photo exists, a date range runs
 * backwards or the margins leave room for text). tests/run-schema.sh
 * holds the two verdicts equal on several hundred generated CVs.
 *
 * The design keys come from style.c's own table (style_key), the networks
 * from cv.c's, the themes and languages from style.c's. Where those tables
 * say less than the schema needs, this file keeps what is missing, each
 * marked "style.c's" or "cv.c's" and checked by tests/run-schema.sh against
 * the source: the colour names, RenderCV's older design and locale names,
 * the ISO 639 language codes, the entry types, and which lengths are font
 * sizes or cannot be negative.
 *
 * Every repeated piece (a length, a colour, a date, a highlight list, an
 * entry type...) is written once under "definitions" and referred to with
 * "$ref" (JSON Schema draft-07, which VS Code's YAML language server reads
 * in full). Patterns are ECMAScript and Python alike: no \d, \s or flags. */
#include "schema.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cv.h"
#include "style.h"

/* ---------------------------------------------------------------- JSON */

static void str(FILE *o, const char *s) {
  fputc('"', o);
  for (; *s; s++) {
    if (*s == '"' || *s == '\\')
      fputc('\\', o);
    if ((unsigned char)*s < 0x20)
      fprintf(o, "\\u%04x", (unsigned char)*s);
    else
      fputc(*s, o);
  }
  fputc('"', o);
}

static void values(FILE *o, const char *const *v) {
  fputs("[", o);
  for (int i = 0; v[i]; i++) {
    if (i)
      fputs(", ", o);
    str(o, v[i]);
  }
  fputs("]", o);
}

static void ref(FILE *o, const char *def) {
  fprintf(o, "{\"$ref\": \"#/definitions/%s\"}", def);
}

/* {"type": "string", "pattern": re} */
static void pattern(FILE *o, const char *re) {
  fputs("{\"type\": \"string\", \"pattern\": ", o);
  str(o, re);
  fputs("}", o);
}

/* `,\n    "name": ` : the next member of an object at this indent */
static void member(FILE *o, bool *first, int indent, const char *name) {
  fprintf(o, "%s\n%*s", *first ? "" : ",", indent, "");
  str(o, name);
  fputs(": ", o);
  *first = false;
}

/* ------------------------------------------------------------ patterns */

/* isspace(), as C's parsers skip it */
#define WS "[ \\t\\n\\r\\f\\v]"
/* strtod's decimal numbers (no exponent, no hexadecimal) from 0 to 10000 */
#define N10000 "0*([0-9]{1,4}(\\.[0-9]*)?|\\.[0-9]+|10000(\\.0*)?)"
#define UNIT "(pt|mm|cm|in|em)"
#define ZERO "(0+(\\.0*)?|\\.0+)"
/* style_parse_length: a number and a unit, or a bare 0 */
static const char RE_LENGTH[] =
    "^" WS "*([+-]?" N10000 WS "*" UNIT "|[+-]?" ZERO WS "*)$";
static const char RE_LENGTH_NONNEG[] =
    "^" WS "*(\\+?" N10000 WS "*" UNIT "|[+-]?" ZERO WS "*" UNIT "?)$";
/* a font size: 1pt to 200pt, or 0.1em to 20em (200pt is 70.555...mm,
 * 7.0555...cm, 2.777...in; 1pt is 0.35277...mm) */
static const char RE_SIZE[] =
    "^" WS "*\\+?0*("
    "(([1-9][0-9]?|1[0-9][0-9])(\\.[0-9]*)?|200(\\.0*)?)" WS "*pt|"
    "(([1-9]|1[0-9])(\\.[0-9]*)?|20(\\.0*)?|\\.[1-9][0-9]*)" WS "*em|"
    "(([1-9]|[1-6][0-9])(\\.[0-9]*)?|70(\\.5*([0-4][0-9]*)?)?|"
    "\\.(3(5(2(7+[89]|[89])|[3-9])|[6-9])|[4-9])[0-9]*)" WS "*mm|"
    "([1-6](\\.[0-9]*)?|7(\\.(0(5*([0-4][0-9]*)?)?)?)?|"
    "\\.(0(3(5(2(7+[89]|[89])|[3-9])|[6-9])|[4-9])|[1-9])[0-9]*)" WS "*cm|"
    "(1(\\.[0-9]*)?|2(\\.7*([0-6][0-9]*)?)?|"
    "\\.(0(1(3(8+9|9)|[4-9])|[2-9])|[1-9])[0-9]*)" WS "*in)$";
/* TeX's scale: a whole number from -10000 to 10000 */
static const char RE_TEX[] = "^" WS "*[+-]?0*([0-9]{1,4}|10000)(\\.0*)?$";
/* strtol: a whole number from 0 to 1000 */
static const char RE_COUNT[] = "^" WS "*(\\+?0*([0-9]{1,3}|1000)|-0+)$";
/* a number of ems from 0 to 100 */
static const char RE_EMS[] =
    "^" WS "*\\+?0*([0-9]{1,2}(\\.[0-9]*)?|\\.[0-9]+|100(\\.0*)?)(em)?$";
/* a table's relative column width: more than 0, at most 1000 */
static const char RE_WIDTH[] =
    "^" WS "*\\+?0*([1-9][0-9]{0,2}(\\.[0-9]*)?|\\.[0-9]*[1-9][0-9]*|"
    "1000(\\.0*)?)$";

/* colours: #rgb, #rrggbb, rgb() and hsl() with an optional alpha (which
 * cvpdf ignores), and the CSS names in any case */
#define CHANNEL                                                               \
  "(\\+?0*((25[0-4]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.[0-9]*)?|"       \
  "255(\\.0*)?|\\.[0-9]+)|" PERCENT "%)"
#define PERCENT "\\+?0*(100(\\.0*)?|[1-9]?[0-9](\\.[0-9]*)?|\\.[0-9]+)"
#define SEP "[ \\t\\n\\r\\f\\v,]+"
#define ANYNUM "[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)"
#define ALPHA "(" WS "*[,/]" WS "*" ANYNUM "%?" WS "*)?"
/* #rgb, #rrggbb (also 0x..., or bare, as RenderCV's pydantic colours), an
 * opaque alpha (#rrggbbff) */
static const char RE_HEX[] =
    "^" WS "*((#|0[xX])?([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})|(#|0[xX])"
    "([0-9A-Fa-f]{3}[Ff]|[0-9A-Fa-f]{6}[Ff]{2}))$";
static const char RE_RGB[] = "^" WS "*[Rr][Gg][Bb][Aa]?\\(" WS "*" CHANNEL SEP
                             CHANNEL SEP CHANNEL WS "*" ALPHA "\\)$";
static const char RE_HSL[] = "^" WS "*[Hh][Ss][Ll][Aa]?\\(" WS "*" ANYNUM
                             "%?" SEP PERCENT "%?" SEP PERCENT "%?" WS
                             "*" ALPHA "\\)$";

/* cv.c's dates */
#define MONTH "(0[1-9]|1[0-2])"
#define LEAP                                                                  \
  "([0-9]{2}(0[48]|[2468][048]|[13579][26])|(0[048]|[2468][048]|[13579][26])" \
  "00)"
static const char RE_DATE[] =
    "^([0-9]{4}|[0-9]{4}-" MONTH "|[0-9]{4}-(" MONTH
    "-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)|" LEAP
    "-02-29)$";
static const char RE_DATE_SHAPE[] = "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$";
static const char RE_PRESENT[] = "^[Pp][Rr][Ee][Ss][Ee][Nn][Tt]$";

/* cv.c's connections */
/* an address, or "Name <address>" (RenderCV's email type takes it) */
#define ADDR "[^@ \\t<>()\\[\\]\\\\,;:\"]+@[^ \\t<>()\\[\\]\\\\,;:\"]+"
static const char RE_EMAIL[] = "^(" ADDR "|[^<>]*[^<> \\t][^<>]*<" ADDR ">)$";
#undef ADDR
#define PSEP "[ .()/-]"
static const char RE_PHONE[] = "^(tel:)?" PSEP "*(\\+" PSEP "*([0-9]" PSEP
                               "*){2,}|([0-9]" PSEP "*){3,})$";
static const char RE_WEBSITE[] = "^https?://[^ \\t<>\"]*$";
static const char RE_USERNAME[] = "^[^ \\t<>\"]+$";
static const char RE_MASTODON[] = "^@?[^@ \\t<>\"]+@[^ \\t<>\"]+$";
/* realize.c's links: http(s), mailto and tel, or no scheme at all */
static const char RE_URL[] =
    "^([Hh][Tt][Tt][Pp][Ss]?://|[Mm][Aa][Ii][Ll][Tt][Oo]:|[Tt][Ee][Ll]:|#|"
    "[^:]*$|[^:/]*/)";
static const char RE_HYPHENATION[] = "^[A-Za-z0-9_-]{0,15}$";

/* ------------------------------------------------- what the tables lack */

/* style.c's COLORS (the CSS Color Module Level 4 names); each is checked
 * with style_parse_color before it is written */
static const char *const COLOR_NAMES[] = {
    "aliceblue", "antiquewhite", "aqua", "aquamarine", "azure", "beige",
    "bisque", "black", "blanchedalmond", "blue", "blueviolet", "brown",
    "burlywood", "cadetblue", "chartreuse", "chocolate", "coral",
    "cornflowerblue", "cornsilk", "crimson", "cyan", "darkblue", "darkcyan",
    "darkgoldenrod", "darkgray", "darkgreen", "darkgrey", "darkkhaki",
    "darkmagenta", "darkolivegreen", "darkorange", "darkorchid", "darkred",
    "darksalmon", "darkseagreen", "darkslateblue", "darkslategray",
    "darkslategrey", "darkturquoise", "darkviolet", "deeppink", "deepskyblue",
    "dimgray", "dimgrey", "dodgerblue", "firebrick", "floralwhite",
    "forestgreen", "fuchsia", "gainsboro", "ghostwhite", "gold", "goldenrod",
    "gray", "green", "greenyellow", "grey", "honeydew", "hotpink",
    "indianred", "indigo", "ivory", "khaki", "lavender", "lavenderblush",
    "lawngreen", "lemonchiffon", "lightblue", "lightcoral", "lightcyan",
    "lightgoldenrodyellow", "lightgray", "lightgreen", "lightgrey",
    "lightpink", "lightsalmon", "lightseagreen", "lightskyblue",
    "lightslategray", "lightslategrey", "lightsteelblue", "lightyellow",
    "lime", "limegreen", "linen", "magenta", "maroon", "mediumaquamarine",
    "mediumblue", "mediumorchid", "mediumpurple", "mediumseagreen",
    "mediumslateblue", "mediumspringgreen", "mediumturquoise",
    "mediumvioletred", "midnightblue", "mintcream", "mistyrose", "moccasin",
    "navajowhite", "navy", "oldlace", "olive", "olivedrab", "orange",
    "orangered", "orchid", "palegoldenrod", "palegreen", "paleturquoise",
    "palevioletred", "papayawhip", "peachpuff", "peru", "pink", "plum",
    "powderblue", "purple", "rebeccapurple", "red", "rosybrown", "royalblue",
    "saddlebrown", "salmon", "sandybrown", "seagreen", "seashell", "sienna",
    "silver", "skyblue", "slateblue", "slategray", "slategrey", "snow",
    "springgreen", "steelblue", "tan", "teal", "thistle", "tomato",
    "turquoise", "violet", "wheat", "white", "whitesmoke", "yellow",
    "yellowgreen", NULL};

/* style.c's older design names (style_older_key) are each the new key's
 * value, marked as deprecated; these take more, or a kind of their own */
static const char *const PAPERS[] = {"letterpaper", "a4paper", "a5paper",
                                     "executivepaper", NULL};
static const char *const LEFT_ALIGNED[] = {"left-aligned", NULL};
static const struct {
  const char *old;
  const char *const *more; /* values only the older name takes */
  const char *kind;        /* a kind of its own */
} OLDER[] = {
    {"text.alignment", LEFT_ALIGNED, NULL},
    {"text_alignment", LEFT_ALIGNED, NULL},
    {"page_size", PAPERS, NULL},
    {"show_only_years", NULL, "boolean"},
    /* (2.0-2.2's: section_titles.type's values, which the schema writes
     * once) */
    {"section_titles.line_type", NULL, "scalar"},
};

/* cv.c's ETYPES: the entry types, told apart by the first type (in this
 * order) that has one of its characteristic keys; the type's required keys
 * must then be there */
struct etype {
  const char *def, *desc;
  const char *keys[6];     /* characteristic */
  const char *required[4]; /* (non-null) */
  const char *fields[4];   /* its other text fields, for completion */
};
static const struct etype ETYPES[] = {
    {"one_line_entry", "a one-line entry: **LABEL:** DETAILS",
     {"label", "details"}, {"label", "details"}, {NULL}},
    {"normal_entry", "a normal entry", {"name"}, {"name"},
     {"location", "summary"}},
    {"experience_entry", "an experience entry", {"company", "position"},
     {"company", "position"}, {"location", "summary"}},
    {"education_entry", "an education entry",
     {"institution", "area", "degree"}, {"institution", "area"},
     {"location", "summary"}},
    {"publication_entry", "a publication entry",
     {"title", "authors", "doi", "url", "journal"}, {"title", "authors"},
     {"summary"}},
    {"bullet_entry", "a bullet entry", {"bullet"}, {"bullet"}, {NULL}},
    {"numbered_entry", "a numbered entry (1, 2, 3...)", {"number"}, {"number"},
     {NULL}},
    {"reversed_numbered_entry", "a reversed-numbered entry (..., 3, 2, 1)",
     {"reversed_number"}, {"reversed_number"}, {NULL}},
    {"table_entry", "cvpdf: a table", {"table"}, {"table"}, {NULL}},
    {"text_entry", "cvpdf: a paragraph with a date and location", {"text"},
     {"text"}, {"location"}},
    {"page_break_entry", "cvpdf: a new page here (page_break: true)",
     {"page_break"}, {"page_break"}, {NULL}},
};
#define NETYPES ((int)(sizeof ETYPES / sizeof ETYPES[0]))

/* The kind of a design value. style_key says "length" for every length,
 * "color", "integer" and "list" for two sorts each; these are told apart
 * by the key until style_key says so itself. */
static const char *refine(const char *path, const char *kind) {
  static const char *const nonnegative[] = {
      "page.top_margin",         "page.bottom_margin",
      "page.left_margin",        "page.right_margin",
      "header.photo_width",      "section_titles.line_thickness",
      "entries.degree_width",    "entries.tables.cell_padding",
      "entries.tables.rule_thickness", "typography.line_spacing", NULL};
  if (!strcmp(kind, "length")) {
    if (strstr(path, "font_size"))
      return "size";
    for (int i = 0; nonnegative[i]; i++)
      if (!strcmp(path, nonnegative[i]))
        return "length-nonnegative";
    return "length";
  }
  if (!strcmp(kind, "color") && !strcmp(path, "colors.connection_links"))
    return "color-or-links";
  if (!strcmp(kind, "list"))
    return strstr(path, "fallback") ? "families" : "strings";
  if (!strcmp(kind, "integer"))
    return !strncmp(path, "typography.line_breaking.", 25) ? "tex-integer"
                                                           : "count";
  if (!strcmp(kind, "number"))
    return "ems";
  return kind;
}

/* ------------------------------------------------------------ design */

struct leaf {
  const char *path, *kind;
  const char *const *values; /* an enum's */
  const char *now;           /* an older name's new name, or NULL */
  const char *const *more;   /* values only the older name takes */
};

static void enum_values(FILE *o, const struct leaf *l) {
  fputs("{\"enum\": [", o);
  int n = 0;
  for (int p = 0; p < 2; p++)
    for (const char *const *v = p ? l->more : l->values; v && *v; v++) {
      fputs(n++ ? ", " : "", o);
      str(o, *v);
    }
  fputs("]}", o);
}

static void design_value(FILE *o, const struct leaf *l) {
  const char *k = l->kind;
  if (l->now)
    fputs("{\"allOf\": [", o);
  if (!strcmp(k, "boolean"))
    fputs("{\"type\": \"boolean\"}", o);
  else if (!strcmp(k, "string"))
    ref(o, "scalar");
  else if (!strcmp(k, "label")) {
    fputs("{\"allOf\": [", o);
    ref(o, "scalar");
    fprintf(o, ", {\"maxLength\": %d}]}", STYLE_LABEL_MAX);
  }
  else if (!strcmp(k, "string-or-null"))
    ref(o, "scalar_or_null");
  else if (!strcmp(k, "enum")) {
    /* RenderCV 2.3 wrote these with hyphens (with-partial-line): they are
     * taken, with a warning */
    bool under = false;
    for (int i = 0; l->values[i]; i++)
      under |= strchr(l->values[i], '_') != NULL;
    if (under)
      fputs("{\"anyOf\": [", o);
    enum_values(o, l);
    if (under) {
      fputs(", {\"deprecationMessage\": \"an older RenderCV spelling: write "
            "'_' for '-'\", \"enum\": [",
            o);
      int n = 0;
      for (int i = 0; l->values[i]; i++) {
        if (!strchr(l->values[i], '_'))
          continue;
        char h[128];
        snprintf(h, sizeof h, "%s", l->values[i]);
        for (char *q = h; *q; q++)
          if (*q == '_')
            *q = '-';
        fputs(n++ ? ", " : "", o);
        str(o, h);
      }
      fputs("]}]}", o);
    }
  } else {
    /* the rest are definitions, named after their kind; a kind this file
     * does not know takes anything (and tests/schema/agree.py fails) */
    static const char *const defs[] = {
        "length", "length-nonnegative", "length-or-auto", "size", "color",
        "color-or-links", "family", "families", "strings", "tex-integer",
        "count", "ems", "bibtex", NULL};
    bool known = false;
    for (int i = 0; defs[i]; i++)
      known |= !strcmp(k, defs[i]);
    char def[64];
    snprintf(def, sizeof def, "%s", k);
    for (char *q = def; *q; q++)
      if (*q == '-')
        *q = '_';
    if (known)
      ref(o, def);
    else
      fputs("{}", o);
  }
  if (l->now) {
    fputs("], \"deprecationMessage\": ", o);
    char msg[256];
    if (*l->now)
      snprintf(msg, sizeof msg, "an older RenderCV name: it is now design.%s",
               l->now);
    else
      snprintf(msg, sizeof msg, "an older RenderCV name with no meaning "
                                "today: it is left out");
    str(o, msg);
    fputs("}", o);
  }
}

/* The keys under `prefix` (empty, or ending in a dot), folded into nested
 * objects. A block may be null (nothing set) unless it is an older name's:
 * those are read only as mappings. */
static void design_block(FILE *o, const struct leaf *lv, int n,
                         const char *prefix, bool nullable, int indent) {
  size_t pl = strlen(prefix);
  fprintf(o, "{\"type\": %s, \"additionalProperties\": false, "
             "\"properties\": {",
          nullable ? "[\"object\", \"null\"]" : "\"object\"");
  bool first = true;
  for (int i = 0; i < n; i++) {
    if (strncmp(lv[i].path, prefix, pl) != 0)
      continue;
    const char *rest = lv[i].path + pl;
    size_t nl = strcspn(rest, ".");
    bool seen = false;
    for (int j = 0; j < i && !seen; j++)
      seen = !strncmp(lv[j].path, prefix, pl) &&
             strcspn(lv[j].path + pl, ".") == nl &&
             !strncmp(lv[j].path + pl, rest, nl);
    if (seen)
      continue;
    char name[128], sub[256];
    snprintf(name, sizeof name, "%.*s", (int)nl, rest);
    snprintf(sub, sizeof sub, "%.*s.", (int)(pl + nl), lv[i].path);
    /* the key itself, its children (current or only older ones), or both
     * (font_family: a name, or a name per element) */
    const struct leaf *self = NULL;
    bool kids = false, current_kids = false;
    for (int j = 0; j < n; j++) {
      if (strlen(lv[j].path) == pl + nl && !strncmp(lv[j].path, sub, pl + nl))
        self = &lv[j];
      if (!strncmp(lv[j].path, sub, pl + nl + 1)) {
        kids = true;
        current_kids |= !lv[j].now;
      }
    }
    member(o, &first, indent + 2, name);
    if (self && kids) {
      fputs("{\"anyOf\": [", o);
      design_value(o, self);
      fputs(", ", o);
      design_block(o, lv, n, sub, false, indent + 2);
      fputs("]}", o);
    } else if (kids) {
      design_block(o, lv, n, sub, current_kids, indent + 2);
    } else {
      design_value(o, self);
    }
  }
  fprintf(o, "\n%*s}}", indent, "");
}

static void design(FILE *o) {
  int nk = style_key_count();
  int nold = 0;
  for (const char *o_, *n_; style_older_key(nold, &o_, &n_);)
    nold++;
  struct leaf *lv = calloc((size_t)(nk + nold), sizeof *lv);
  if (!lv)
    abort();
  int n = 0;
  for (int i = 0; i < nk; i++) {
    struct style_key_info k = style_key(i);
    lv[n++] = (struct leaf){k.path, refine(k.path, k.kind), k.values, NULL,
                            NULL};
  }
  for (int i = 0; i < nold; i++) {
    const char *old, *now;
    style_older_key(i, &old, &now);
    const char *const *more = NULL, *kind = now ? NULL : "any";
    for (size_t k = 0; k < sizeof OLDER / sizeof OLDER[0]; k++)
      if (!strcmp(OLDER[k].old, old)) {
        more = OLDER[k].more;
        kind = OLDER[k].kind ? OLDER[k].kind : kind;
      }
    if (kind) { /* a kind of its own ("" now: none) */
      lv[n++] = (struct leaf){old, kind, NULL, now ? now : "", NULL};
      continue;
    }
    for (int j = 0; j < nk; j++)
      if (!strcmp(lv[j].path, now)) {
        lv[n++] = (struct leaf){old, lv[j].kind, lv[j].values, now, more};
        break;
      }
  }
  design_block(o, lv, n, "", true, 4);
  free(lv);
}

/* ------------------------------------------------------------ entries */

static void entry_type(FILE *o, const struct etype *t) {
  fputs("{\"type\": \"object\", \"description\": ", o);
  str(o, t->desc);
  fputs(", \"required\": ", o);
  values(o, t->required);
  fputs(",\n      \"properties\": {", o);
  bool first = true;
  const char *done[24];
  int nd = 0;
  for (int p = 0; p < 3; p++) {
    const char *const *ks = p == 0 ? t->required : p == 1 ? t->keys : t->fields;
    for (int i = 0; ks[i]; i++) {
      bool seen = false;
      for (int j = 0; j < nd; j++)
        seen |= !strcmp(done[j], ks[i]);
      if (seen || nd == 24)
        continue;
      done[nd++] = ks[i];
      bool req = p == 0;
      member(o, &first, 8, ks[i]);
      if (!strcmp(ks[i], "authors"))
        ref(o, req ? "authors" : "authors_or_null");
      else if (!strcmp(ks[i], "table"))
        ref(o, "table");
      else if (!strcmp(ks[i], "page_break"))
        fputs("{\"enum\": [true, false, \"true\", \"false\"]}", o);
      else
        ref(o, req ? "scalar" : "scalar_or_null");
    }
  }
  /* a page break takes no other key */
  if (!strcmp(t->keys[0], "page_break")) {
    fputs("},\n      \"additionalProperties\": false}", o);
    return;
  }
  /* every other entry's: its dates, highlights and authors; page_break
   * is an entry of its own */
  static const char *const common[][2] = {
      {"date", "date"},
      {"start_date", "start_date"},
      {"end_date", "end_date"},
      {"highlights", "highlights"},
      {"authors", "authors_or_null"},
      {"page_break", "misplaced_page_break"},
      {"tags", "tags"},
      {"restart_numbering", "restart_numbering"}};
  for (int i = 0; i < 8; i++) {
    bool seen = false;
    for (int j = 0; j < nd; j++)
      seen |= !strcmp(done[j], common[i][0]);
    if (seen)
      continue;
    member(o, &first, 8, common[i][0]);
    ref(o, common[i][1]);
  }
  /* any other field is kept as text (RenderCV's extra fields) */
  fputs("},\n      \"additionalProperties\": {\"$ref\": "
        "\"#/definitions/scalar_or_null\"}}",
        o);
}

/* the entry's type from its keys, as cv.c's detect() tells it */
static void entry_chain(FILE *o, int t) {
  if (t == NETYPES) {
    fputs("{\"description\": \"an entry needs one of these keys to tell its "
          "type\", \"anyOf\": [",
          o);
    int n = 0;
    for (int i = 0; i < NETYPES; i++)
      for (int k = 0; ETYPES[i].keys[k]; k++)
        fprintf(o, "%s{\"required\": [\"%s\"]}", n++ ? ", " : "",
                ETYPES[i].keys[k]);
    fputs("]}", o);
    return;
  }
  fputs("{\"if\": {\"anyOf\": [", o);
  for (int k = 0; ETYPES[t].keys[k]; k++)
    fprintf(o, "%s{\"required\": [\"%s\"]}", k ? ", " : "", ETYPES[t].keys[k]);
  fputs("]}, \"then\": ", o);
  ref(o, ETYPES[t].def);
  fputs(",\n      \"else\": ", o);
  entry_chain(o, t + 1);
  fputs("}", o);
}

/* ------------------------------------------------------------ colours */

static void color(FILE *o) {
  const char *good[sizeof COLOR_NAMES / sizeof COLOR_NAMES[0]];
  int n = 0;
  for (int i = 0; COLOR_NAMES[i]; i++) {
    uint32_t rgb;
    if (style_parse_color(COLOR_NAMES[i], &rgb))
      good[n++] = COLOR_NAMES[i];
  }
  good[n] = NULL;
  /* the names in any case: [Nn][Aa][Vv][Yy] */
  size_t cap = 64;
  for (int i = 0; i < n; i++)
    cap += 4 * strlen(good[i]) + 1;
  char *re = malloc(cap), *q = re;
  if (!re)
    abort();
  q += sprintf(q, "^%s*(", WS);
  for (int i = 0; i < n; i++) {
    if (i)
      *q++ = '|';
    for (const char *c = good[i]; *c; c++)
      q += sprintf(q, "[%c%c]", *c - 32, *c);
  }
  strcpy(q, ")$");
  fputs("{\"description\": \"a CSS colour name, #rgb, #rrggbb, rgb(r, g, b) "
        "or hsl(h, s%, l%) (an alpha is ignored)\",\n"
        "      \"anyOf\": [{\"enum\": ",
        o);
  values(o, good);
  fputs("},\n      ", o);
  pattern(o, re);
  fputs(",\n      ", o);
  pattern(o, RE_HEX);
  fputs(",\n      ", o);
  pattern(o, RE_RGB);
  fputs(",\n      ", o);
  pattern(o, RE_HSL);
  fputs("]}", o);
  free(re);
}

/* ------------------------------------------------------------ schema */

/* `"name": ` of a definition */
static void def(FILE *o, const char *name) {
  fputs(",\n    ", o);
  str(o, name);
  fputs(": ", o);
}

/* bib.c's options: design.bibtex (the defaults) and a `- bibtex:` item
 * (which names its file, and may pick entries and tag them) */
static void bibtex_options(FILE *o, bool item) {
  fputs("{\"type\": [\"object\", \"null\"], \"additionalProperties\": "
        "false, \"properties\": {\n        ",
        o);
  if (item)
    fputs("\"bibtex\": {\"type\": \"string\", \"minLength\": 1, "
          "\"description\": \"cvpdf: a BibTeX file, relative to this file, "
          "whose publications stand here\"},\n        \"keys\": {\"$ref\": "
          "\"#/definitions/tags\", \"description\": \"only these entries\"}, "
          "\"types\": {\"$ref\": \"#/definitions/tags\", \"description\": "
          "\"only entries of these types (article, inproceedings...)\"}, "
          "\"selected\": {\"type\": [\"boolean\", \"null\"], "
          "\"description\": \"only entries whose keywords hold 'selected' "
          "(or with selected = true)\"}, \"tags\": {\"$ref\": "
          "\"#/definitions/tags\"},\n        ",
          o);
  fputs("\"as\": {\"enum\": [\"reversed_number\", \"number\", "
        "\"bullet\", \"text\", \"publication\", null]}, \"authors\": "
        "{\"enum\": [\"full\", \"initials\", \"last_first\", "
        "\"last_initials\", null]}, \"max_authors\": {\"anyOf\": "
        "[{\"type\": \"null\"}, {\"type\": \"integer\", \"minimum\": 0, "
        "\"maximum\": 1000}, {\"type\": \"string\", \"pattern\": "
        "\"^([0-9]|[1-9][0-9]{1,2}|1000)$\"}]},\n        \"sort\": "
        "{\"enum\": [\"newest\", \"oldest\", \"none\", null]}, "
        "\"group_by\": {\"enum\": [\"none\", \"type\", \"year\", null]}, "
        "\"numbering\": {\"enum\": [\"per_group\", \"continuous\", "
        "null]},\n        \"format\": {\"$ref\": "
        "\"#/definitions/scalar_or_null\", \"description\": \"a template: "
        "AUTHORS, TITLE, VENUE, PAGES, YEAR, MONTH, NOTE, DOI, URL, ARXIV, "
        "LINKS, KEY, TYPE, EDITORS\"}, \"equal_mark\": {\"$ref\": "
        "\"#/definitions/scalar_or_null\"}, \"lead_mark\": {\"$ref\": "
        "\"#/definitions/scalar_or_null\"}, \"highlight\": {\"$ref\": "
        "\"#/definitions/tags\", \"description\": \"the names shown bold "
        "(the CV's name by default)\"}}",
        o);
  if (item)
    fputs(", \"required\": [\"bibtex\"]", o);
  fputs("}", o);
}

static void bibtex(FILE *o) {
  def(o, "bibtex");
  bibtex_options(o, false);
  def(o, "bibtex_item");
  bibtex_options(o, true);
  def(o, "restart_numbering");
  fputs("{\"enum\": [true, false, \"true\", \"false\", null], "
        "\"description\": \"cvpdf: numbers start over at this entry\"}",
        o);
}


/* null, one value, or a list of them (null items skipped), each checked by
 * the definition `name` */
static void one_or_list(FILE *o, const char *name) {
  fprintf(o, "{\"anyOf\": [{\"type\": \"null\"}, {\"$ref\": "
             "\"#/definitions/%s\"}, {\"type\": \"array\", \"items\": "
             "{\"anyOf\": [{\"type\": \"null\"}, {\"$ref\": "
             "\"#/definitions/%s\"}]}}]}",
          name, name);
}

static void definitions(FILE *o) {
  fputs("  \"definitions\": {\n    \"scalar\": {\"type\": [\"string\", "
        "\"number\", \"boolean\"], \"description\": \"text (a number or "
        "true/false is taken as written)\"}",
        o);
  def(o, "scalar_or_null");
  fputs("{\"type\": [\"string\", \"number\", \"boolean\", \"null\"]}", o);

  /* dates */
  def(o, "iso_date");
  pattern(o, RE_DATE);
  def(o, "date");
  fputs("{\"description\": \"YYYY-MM-DD, YYYY-MM, YYYY, present, or any "
        "other text (shown as written)\", \"anyOf\": [\n      {\"type\": "
        "[\"number\", \"boolean\", \"null\"]},\n      {\"type\": \"string\", "
        "\"not\": {\"pattern\": ",
        o);
  str(o, RE_DATE_SHAPE);
  fputs("}},\n      {\"$ref\": \"#/definitions/iso_date\"}]}", o);
  def(o, "start_date");
  fputs("{\"description\": \"YYYY-MM-DD, YYYY-MM or YYYY\", \"anyOf\": [\n"
        "      {\"type\": \"null\"}, {\"type\": \"integer\", \"minimum\": 1000, "
        "\"maximum\": 9999},\n      {\"$ref\": \"#/definitions/iso_date\"}]}",
        o);
  def(o, "end_date");
  fputs("{\"description\": \"YYYY-MM-DD, YYYY-MM, YYYY or present\", "
        "\"anyOf\": [{\"$ref\": \"#/definitions/start_date\"}, ",
        o);
  pattern(o, RE_PRESENT);
  fputs("]}", o);

  /* highlights, authors, tables */
  def(o, "item");
  fputs("{\"anyOf\": [{\"$ref\": \"#/definitions/scalar\"},\n      "
        "{\"type\": \"object\", \"description\": \"an item with items under "
        "it\", \"additionalProperties\": false, \"properties\": {\"bullet\": "
        "{\"$ref\": \"#/definitions/scalar_or_null\"}, \"text\": {\"$ref\": "
        "\"#/definitions/scalar_or_null\"}, \"highlights\": {\"$ref\": "
        "\"#/definitions/highlights\"}, \"tags\": {\"$ref\": "
        "\"#/definitions/tags\"}},\n      \"anyOf\": [{\"required\": "
        "[\"bullet\"], \"properties\": {\"bullet\": {\"$ref\": "
        "\"#/definitions/scalar\"}}}, {\"required\": [\"text\"], "
        "\"properties\": {\"text\": {\"$ref\": \"#/definitions/scalar\"}}}]}]}",
        o);
  def(o, "tags");
  fputs("{\"description\": \"cvpdf: the variants this is in (--tags, "
        "--exclude-tags)\", \"anyOf\": [{\"type\": \"null\"}, {\"$ref\": "
        "\"#/definitions/scalar\"}, {\"type\": \"array\", \"items\": "
        "{\"$ref\": \"#/definitions/scalar\"}}]}",
        o);
  def(o, "highlights");
  fputs("{\"type\": [\"array\", \"null\"], \"items\": {\"$ref\": "
        "\"#/definitions/item\"}}",
        o);
  def(o, "authors");
  fputs("{\"anyOf\": [{\"$ref\": \"#/definitions/scalar\"}, {\"type\": "
        "\"array\", \"items\": {\"$ref\": \"#/definitions/scalar_or_null\"}}]}",
        o);
  def(o, "authors_or_null");
  fputs("{\"anyOf\": [{\"type\": \"null\"}, {\"$ref\": "
        "\"#/definitions/authors\"}]}",
        o);
  def(o, "cells");
  fputs("{\"type\": \"array\", \"items\": {\"anyOf\": [{\"$ref\": "
        "\"#/definitions/scalar_or_null\"}, {\"type\": \"array\", \"items\": "
        "{\"$ref\": \"#/definitions/item\"}}]}}",
        o);
  def(o, "width");
  fputs("{\"anyOf\": [{\"type\": \"number\", \"exclusiveMinimum\": 0, "
        "\"maximum\": 1000}, ",
        o);
  pattern(o, RE_WIDTH);
  fputs("]}", o);
  def(o, "table");
  fputs("{\"type\": \"object\", \"additionalProperties\": false, "
        "\"required\": [\"rows\"], \"properties\": {\n"
        "      \"rows\": {\"type\": \"array\", \"minItems\": 1, \"items\": "
        "{\"anyOf\": [{\"$ref\": \"#/definitions/cells\"}, {\"type\": "
        "\"object\", \"additionalProperties\": false, \"required\": "
        "[\"cells\"], \"properties\": {\"heading\": {\"$ref\": "
        "\"#/definitions/scalar_or_null\"}, \"cells\": {\"$ref\": "
        "\"#/definitions/cells\"}}}]},\n"
        "        \"contains\": {\"description\": \"a row with a cell\", "
        "\"anyOf\": [{\"type\": \"array\", \"minItems\": 1}, {\"type\": "
        "\"object\", \"properties\": {\"cells\": {\"minItems\": 1}}}]}},\n"
        "      \"columns\": {\"type\": [\"array\", \"null\"], \"items\": "
        "{\"$ref\": \"#/definitions/scalar_or_null\"}},\n"
        "      \"corner\": {\"$ref\": \"#/definitions/scalar_or_null\"},\n"
        "      \"widths\": {\"type\": [\"array\", \"null\"], \"description\": "
        "\"relative widths, one per column of cells\", \"items\": {\"$ref\": "
        "\"#/definitions/width\"}}}}",
        o);

  /* entries */
  def(o, "misplaced_page_break");
  fputs("{\"not\": {}, \"description\": \"page_break goes in an entry of "
        "its own: - page_break: true\"}",
        o);
  for (int t = 0; t < NETYPES; t++) {
    def(o, ETYPES[t].def);
    entry_type(o, &ETYPES[t]);
  }
  def(o, "entry");
  fputs("{\"if\": {\"type\": \"object\"}, \"then\": {\"$ref\": "
        "\"#/definitions/entry_mapping\"},\n      \"else\": {\"$ref\": "
        "\"#/definitions/scalar\", \"description\": \"a paragraph\"}}",
        o);
  def(o, "entry_mapping");
  fputs("{\"if\": {\"required\": [\"bibtex\"]}, \"then\": {\"$ref\": "
        "\"#/definitions/bibtex_item\"},\n      \"else\": ",
        o);
  entry_chain(o, 0);
  fputs("}", o);
  bibtex(o);

  /* connections */
  def(o, "email");
  pattern(o, RE_EMAIL);
  def(o, "phone");
  fputs("{\"description\": \"a phone number: +1 415 555 0100\", \"anyOf\": [",
        o);
  pattern(o, RE_PHONE);
  fputs(", {\"type\": \"integer\", \"not\": {\"minimum\": -99, \"maximum\": "
        "99}}]}",
        o);
  def(o, "website");
  pattern(o, RE_WEBSITE);
  def(o, "social_network");
  fputs("{\"type\": \"object\", \"additionalProperties\": false, "
        "\"required\": [\"network\", \"username\"], \"properties\": {\n"
        "      \"network\": {\"enum\": ",
        o);
  values(o, CV_NETWORKS);
  fputs("},\n      \"username\": {\"anyOf\": [", o);
  pattern(o, RE_USERNAME);
  fputs(", {\"type\": [\"number\", \"boolean\"]}]}},\n"
        "      \"if\": {\"properties\": {\"network\": {\"const\": "
        "\"Mastodon\"}}}, \"then\": {\"properties\": {\"username\": ",
        o);
  pattern(o, RE_MASTODON);
  fputs("}}}", o);
  def(o, "custom_connection");
  fputs("{\"type\": \"object\", \"additionalProperties\": false, "
        "\"required\": [\"placeholder\"], \"properties\": {\n"
        "      \"placeholder\": {\"$ref\": \"#/definitions/scalar\"},\n"
        "      \"url\": {\"description\": \"an http(s), mailto or tel link\", "
        "\"anyOf\": [{\"type\": [\"number\", \"boolean\", \"null\"]}, ",
        o);
  pattern(o, RE_URL);
  fputs("]},\n      \"fontawesome_icon\": {\"$ref\": "
        "\"#/definitions/scalar_or_null\"}}}",
        o);

  /* design values */
  def(o, "length");
  fputs("{\"description\": \"a length: 0.5cm, 10pt, 1in, 2.5mm, 1.2em (ems "
        "of the body text), or 0\", \"anyOf\": [",
        o);
  pattern(o, RE_LENGTH);
  fputs(", {\"const\": 0}]}", o);
  def(o, "length_nonnegative");
  fputs("{\"description\": \"a length, not negative: 0.5cm, 10pt, 1in, "
        "2.5mm, 1.2em, or 0\", \"anyOf\": [",
        o);
  pattern(o, RE_LENGTH_NONNEG);
  fputs(", {\"const\": 0}]}", o);
  def(o, "length_or_auto");
  fputs("{\"anyOf\": [{\"const\": \"auto\", \"description\": \"as wide as "
        "the widest\"}, {\"$ref\": \"#/definitions/length_nonnegative\"}]}",
        o);
  def(o, "size");
  fputs("{\"description\": \"a font size from 1pt to 200pt (0.1em to "
        "20em)\", \"type\": \"string\", \"pattern\": ",
        o);
  str(o, RE_SIZE);
  fputs("}", o);
  def(o, "color");
  color(o);
  def(o, "color_or_links");
  fputs("{\"anyOf\": [{\"enum\": [\"links\", \"connections\"], "
        "\"description\": \"the colour of those\"}, {\"$ref\": "
        "\"#/definitions/color\"}]}",
        o);
  def(o, "family");
  fputs("{\"type\": \"string\", \"description\": \"a font family: bundled "
        "(CMU Serif, CMU Typewriter Text), in a fonts/ folder beside the CV, "
        "or installed\"}",
        o);
  def(o, "families");
  fputs("{\"anyOf\": [{\"type\": \"null\"}, {\"$ref\": "
        "\"#/definitions/family\"}, {\"type\": \"array\", \"maxItems\": 8, "
        "\"items\": {\"$ref\": \"#/definitions/family\"}}]}",
        o);
  def(o, "strings");
  fputs("{\"type\": [\"array\", \"null\"], \"items\": {\"$ref\": "
        "\"#/definitions/scalar_or_null\"}}",
        o);
  def(o, "tex_integer");
  fputs("{\"description\": \"a whole number from -10000 to 10000 (TeX's "
        "scale)\", \"anyOf\": [{\"type\": \"integer\", \"minimum\": -10000, "
        "\"maximum\": 10000}, ",
        o);
  pattern(o, RE_TEX);
  fputs("]}", o);
  def(o, "count");
  fputs("{\"description\": \"a whole number from 0 to 1000\", \"anyOf\": "
        "[{\"type\": \"integer\", \"minimum\": 0, \"maximum\": 1000}, ",
        o);
  pattern(o, RE_COUNT);
  fputs("]}", o);
  def(o, "ems");
  fputs("{\"description\": \"a number of ems from 0 to 100\", \"anyOf\": "
        "[{\"type\": \"number\", \"minimum\": 0, \"maximum\": 100}, ",
        o);
  pattern(o, RE_EMS);
  fputs("]}", o);
  def(o, "months");
  fputs("{\"type\": \"array\", \"minItems\": 12, \"maxItems\": 12, "
        "\"items\": {\"$ref\": \"#/definitions/scalar\"}}",
        o);
  def(o, "current_date");
  fputs("{\"description\": \"YYYY-MM-DD or today\", \"anyOf\": [{\"const\": "
        "\"today\"}, {\"type\": \"integer\", \"minimum\": 1000, \"maximum\": "
        "9999}, {\"$ref\": \"#/definitions/iso_date\"}]}",
        o);

  /* the blocks */
  def(o, "cv");
  fputs("{\"type\": \"object\", \"additionalProperties\": false, "
        "\"properties\": {\n"
        "      \"name\": {\"$ref\": \"#/definitions/scalar_or_null\"},\n"
        "      \"headline\": {\"$ref\": \"#/definitions/scalar_or_null\"},\n"
        "      \"location\": {\"$ref\": \"#/definitions/scalar_or_null\"},\n"
        "      \"email\": ",
        o);
  one_or_list(o, "email");
  fputs(",\n      \"phone\": ", o);
  one_or_list(o, "phone");
  fputs(",\n      \"website\": ", o);
  one_or_list(o, "website");
  fputs(",\n      \"photo\": {\"$ref\": \"#/definitions/scalar_or_null\", "
        "\"description\": \"a PNG or JPEG file, relative to the CV's "
        "folder\"},\n"
        "      \"social_networks\": {\"type\": [\"array\", \"null\"], "
        "\"items\": {\"$ref\": \"#/definitions/social_network\"}},\n"
        "      \"custom_connections\": {\"type\": [\"array\", \"null\"], "
        "\"items\": {\"$ref\": \"#/definitions/custom_connection\"}},\n"
        "      \"sort_entries\": {\"enum\": [\"none\", \"chronological\", "
        "\"reverse-chronological\", null], \"deprecationMessage\": \"an "
        "older RenderCV name: it is now settings.sort_entries\"},\n"
        "      \"sections\": {\"type\": [\"object\", \"null\"], "
        "\"description\": \"section titles, each with a list of entries\", "
        "\"additionalProperties\": {\"anyOf\": [{\"type\": [\"array\", "
        "\"null\"], \"items\": {\"$ref\": \"#/definitions/entry\"}}, "
        "{\"type\": \"object\", \"description\": \"cvpdf: a section "
        "in some variants only\", \"additionalProperties\": false, "
        "\"required\": [\"entries\"], \"properties\": {\"tags\": "
        "{\"$ref\": \"#/definitions/tags\"}, \"entries\": {\"type\": "
        "[\"array\", \"null\"], \"items\": {\"$ref\": "
        "\"#/definitions/entry\"}}}}]}}}}",
        o);
  def(o, "design");
  design(o);
  def(o, "locale");
  fputs("{\"type\": [\"object\", \"null\"], \"additionalProperties\": "
        "false, \"properties\": {\n      \"language\": {\"anyOf\": "
        "[{\"enum\": ",
        o);
  values(o, STYLE_LANGUAGES);
  fputs("}, {\"enum\": ", o);
  values(o, STYLE_ISO639);
  fputs(", \"description\": \"an ISO 639 code, as RenderCV before 2.4\"}]},\n"
        "      \"last_updated\": {\"$ref\": \"#/definitions/scalar\"}, "
        "\"present\": {\"$ref\": \"#/definitions/scalar\"},\n"
        "      \"month\": {\"$ref\": \"#/definitions/scalar\"}, \"months\": "
        "{\"$ref\": \"#/definitions/scalar\"},\n"
        "      \"year\": {\"$ref\": \"#/definitions/scalar\"}, \"years\": "
        "{\"$ref\": \"#/definitions/scalar\"},\n"
        "      \"phrases\": {\"type\": \"object\", \"additionalProperties\": "
        "false, \"properties\": {\"degree_with_area\": {\"$ref\": "
        "\"#/definitions/scalar\"}}},\n"
        "      \"month_abbreviations\": {\"$ref\": \"#/definitions/months\"}, "
        "\"month_names\": {\"$ref\": \"#/definitions/months\"},\n"
        "      \"hyphenation\": {\"description\": \"cvpdf: the hyphenation "
        "dictionary, e.g. en_GB; '' or null for none\", \"anyOf\": [",
        o);
  pattern(o, RE_HYPHENATION);
  fputs(", {\"type\": \"null\"}, {\"type\": \"boolean\"}, {\"type\": \"integer\", \"minimum\": "
        "-99999999999999, \"maximum\": 999999999999999}]}",
        o);
  /* style.c's older locale names: a template, the months, or the phone
   * number format's values */
  const char *old, *now;
  for (int i = 0; style_older_locale_key(i, &old, &now); i++) {
    fprintf(o, ",\n      \"%s\": {\"deprecationMessage\": \"an older "
               "RenderCV name: it is now %s\", \"allOf\": [",
            old, now);
    if (!strncmp(now, "locale.month", 12)) {
      ref(o, "months");
    } else if (!strncmp(now, "design.templates.", 17)) {
      ref(o, "scalar");
    } else {
      for (int k = 0; k < style_key_count(); k++)
        if (!strcmp(style_key(k).path, now + 7)) {
          struct leaf l = {style_key(k).path, "enum", style_key(k).values,
                           NULL, NULL};
          design_value(o, &l);
        }
    }
    fputs("]}", o);
  }
  fputs("}}", o);
  def(o, "settings");
  fputs("{\"type\": [\"object\", \"null\"], \"additionalProperties\": "
        "false, \"properties\": {\n"
        "      \"current_date\": {\"$ref\": \"#/definitions/current_date\"},\n"
        "      \"date\": {\"deprecationMessage\": \"an older RenderCV name: it "
        "is now settings.current_date\", \"allOf\": [{\"$ref\": "
        "\"#/definitions/current_date\"}]},\n"
        "      \"bold_keywords\": {\"type\": [\"array\", \"null\"], \"items\": "
        "{\"$ref\": \"#/definitions/scalar_or_null\"}},\n"
        "      \"pdf_title\": {\"$ref\": \"#/definitions/scalar_or_null\"},\n"
        "      \"pdf_standard\": {\"enum\": [\"ua-1\", \"a-2b\", \"a-2u\", "
        "\"a-2a\", \"none\", null], \"description\": \"cvpdf: the PDF's "
        "standard (default ua-1, a tagged PDF; a-2b, a-2u, a-2a: PDF/A-2); "
        "--pdf-standard wins\"},\n"
        "      \"render_command\": {\"type\": [\"object\", \"null\"], "
        "\"additionalProperties\": false, \"description\": \"RenderCV's "
        "outputs, used when the command line names none (-o, --name, "
        "--format); paths relative to the CV's folder, with OUTPUT_FOLDER, "
        "NAME_IN_SNAKE_CASE, YEAR ... placeholders\", \"properties\": {"
        "\"output_folder\": {\"$ref\": \"#/definitions/scalar_or_null\"}, "
        "\"design\": {\"$ref\": \"#/definitions/scalar_or_null\"}, "
        "\"locale\": {\"$ref\": \"#/definitions/scalar_or_null\"}, "
        "\"typst_path\": {\"$ref\": \"#/definitions/scalar_or_null\"}, "
        "\"pdf_path\": {\"$ref\": \"#/definitions/scalar_or_null\"}, "
        "\"markdown_path\": {\"$ref\": \"#/definitions/scalar_or_null\"}, "
        "\"html_path\": {\"$ref\": \"#/definitions/scalar_or_null\"}, "
        "\"png_path\": {\"$ref\": \"#/definitions/scalar_or_null\"}, "
        "\"dont_generate_markdown\": {\"type\": [\"boolean\", \"null\"]}, "
        "\"dont_generate_html\": {\"type\": [\"boolean\", \"null\"]}, "
        "\"dont_generate_typst\": {\"type\": [\"boolean\", \"null\"]}, "
        "\"dont_generate_pdf\": {\"type\": [\"boolean\", \"null\"]}, "
        "\"dont_generate_png\": {\"type\": [\"boolean\", \"null\"]}, "
        "\"output_folder_name\": {\"deprecationMessage\": \"an older "
        "RenderCV name: it is now output_folder\", \"$ref\": "
        "\"#/definitions/scalar_or_null\"}, "
        "\"locale_catalog\": {\"deprecationMessage\": \"an older RenderCV "
        "name: it is now locale\", \"$ref\": "
        "\"#/definitions/scalar_or_null\"}, "
        "\"rendercv_settings\": {\"description\": \"RenderCV 2.0-2.3: a "
        "settings file, read as --settings reads one\", \"$ref\": "
        "\"#/definitions/scalar_or_null\"}, "
        "\"latex_path\": {\"deprecationMessage\": \"RenderCV 1.x's: left "
        "out (cvpdf writes no LaTeX source)\"}, "
        "\"use_local_latex_command\": {\"deprecationMessage\": \"RenderCV "
        "1.x's: left out (cvpdf runs no LaTeX)\"}, "
        "\"watch\": {\"deprecationMessage\": \"RenderCV 1.x-2.3's: left out "
        "(cvpdf follows its inputs with --watch)\"}}},\n"
        "      \"sort_entries\": {\"enum\": [\"none\", \"chronological\", "
        "\"reverse-chronological\", null], \"description\": \"each "
        "section's entries by date (end, then start), as RenderCV 2.x "
        "sorts them\"}}}",
        o);
  fputs("\n  },\n", o);
}

void schema_write(FILE *o) {
  fputs("{\n  \"$schema\": \"http://json-schema.org/draft-07/schema#\",\n"
        "  \"title\": \"cvpdf CV\",\n"
        "  \"description\": \"A CV for cvpdf: RenderCV's format and cvpdf's "
        "extensions (cvpdf schema)\",\n"
        "  \"type\": \"object\",\n  \"required\": [\"cv\"],\n"
        "  \"additionalProperties\": false,\n"
        "  \"properties\": {\n"
        "    \"$schema\": {\"type\": \"string\", \"description\": \"where "
        "an editor finds this schema (a JSON CV's way to name it)\"},\n"
        "    \"cv\": {\"$ref\": \"#/definitions/cv\"},\n"
        "    \"design\": {\"$ref\": \"#/definitions/design\"},\n"
        "    \"locale\": {\"$ref\": \"#/definitions/locale\"},\n"
        "    \"settings\": {\"$ref\": \"#/definitions/settings\"},\n"
        "    \"variants\": {\"type\": [\"array\", \"null\"], "
        "\"description\": \"cvpdf: several outputs of this CV in one run, "
        "each with its tags, theme and page count\", \"items\": {\"type\": "
        "\"object\", \"additionalProperties\": false, \"required\": "
        "[\"output\"], \"properties\": {\"output\": {\"type\": "
        "\"string\", \"pattern\": \"^[^/]+$\"}, \"tags\": {\"$ref\": "
        "\"#/definitions/tags\"}, \"exclude_tags\": {\"$ref\": "
        "\"#/definitions/tags\"}, \"theme\": {\"type\": \"string\"}, "
        "\"fit_to_pages\": {\"type\": [\"integer\", \"string\"], "
        "\"minimum\": 1, \"maximum\": 100}}}},\n"
        "    \"rendercv_settings\": {\"deprecationMessage\": \"an older "
        "RenderCV name: it is now settings\", \"allOf\": [{\"$ref\": "
        "\"#/definitions/settings\"}]},\n"
        "    \"locale_catalog\": {\"deprecationMessage\": \"an older RenderCV "
        "name: it is now locale\", \"allOf\": [{\"$ref\": "
        "\"#/definitions/locale\"}]}\n  },\n",
        o);
  definitions(o);
  fputs("  \"$comment\": \"written by cvpdf schema\"\n}\n", o);
}

void schema_starter(FILE *o, const char *name, const char *schema_file) {
  if (schema_file)
    fprintf(o, "# yaml-language-server: $schema=%s\n", schema_file);
  fputs("# A CV for cvpdf (RenderCV's format). Render it with\n"
        "#     cvpdf THIS_FILE.yaml -o cv.pdf\n"
        "# Every key below is optional; delete what you do not need.\n"
        "# Text takes **bold**, *italic* and [links](https://example.org).\n"
        "cv:\n  name: ",
        o);
  str(o, name);
  fputs("\n  headline: What you do, in a few words\n"
        "  location: City, Country\n"
        "  email: you@example.org\n"
        "  # phone: \"+1 415 555 0100\"\n"
        "  # website: https://example.org/\n"
        "  # social_networks:\n"
        "  #   - network: GitHub\n"
        "  #     username: you\n"
        "  sections:\n"
        "    # A section is a title and a list of entries; the keys of an\n"
        "    # entry tell its type.\n"
        "    summary:\n"
        "      - A paragraph or two about yourself.\n"
        "    education:\n"
        "      - institution: University of Somewhere\n"
        "        area: Mathematics\n"
        "        degree: BSc\n"
        "        location: City\n"
        "        start_date: 2018-09\n"
        "        end_date: 2022-06\n"
        "        highlights:\n"
        "          - Something you did there.\n"
        "    experience:\n"
        "      - company: A Company\n"
        "        position: Your Role\n"
        "        location: City\n"
        "        start_date: 2022-09\n"
        "        end_date: present\n"
        "        highlights:\n"
        "          - What you achieved, with a number if you can.\n"
        "    skills:\n"
        "      - label: Languages\n"
        "        details: English, French\n"
        "# design:\n"
        "#   theme: classic   # seed (default), classic, engineeringclassic,\n"
        "#                    # engineeringresumes, harvard, moderncv, sb2nov,\n"
        "#                    # ink, opal, ember\n"
        "# locale:\n"
        "#   language: english\n",
        o);
}
