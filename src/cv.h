/* cv.h: the CV model (what the document says, not how it looks).
 *
 * The vocabulary is RenderCV's: `cv` holds name, headline, location, email,
 * phone, website, social_networks, custom_connections and `sections`, a
 * mapping from title to a list of entries whose type follows from their keys
 * (education, experience, normal, publication, one-line, bullet, numbered,
 * reversed-numbered, text). cvpdf extends it: entries of different types in
 * one section, nested highlights, dated text entries (`text` + `date`),
 * tables (`table`), and forced page breaks (`page_break: true`).
 *
 * Every string is kept as written (realize.c fills templates and parses
 * markup) with its position in the file. All memory is in the document
 * arena.
 */
#ifndef CVPDF_CV_H
#define CVPDF_CV_H

#include <stdbool.h>

#include "cvpdf.h"
#include "yml.h"

struct text {
  const char *s; /* NULL = absent */
  struct loc loc;
};

/* A date as RenderCV understands it. */
enum date_kind {
  DATE_NONE,
  DATE_YEAR,    /* an unquoted integer year: printed as the year */
  DATE_ISO,     /* YYYY-MM-DD, YYYY-MM or a quoted YYYY (no month) */
  DATE_PRESENT, /* "present" */
  DATE_TEXT,    /* any other string, printed as written (may hold markup) */
};

struct date {
  enum date_kind kind;
  int year, month, day; /* month/day 0 when not given */
  const char *text;
  struct loc loc;
};

/* A bullet item: text and optional nested items. */
struct item_list;
struct list_item {
  struct text text;
  struct item_list *children;
  const char **tags; /* `tags:` of a highlight written as a mapping */
  int ntags;
};

/* Which tagged parts a rendering keeps (--tags, --exclude-tags): an entry,
 * a highlight or a section with `tags:` is kept when it carries one of
 * `want` (or `want` is empty) and none of `drop`; what carries no tags is
 * always kept. */
struct tag_filter {
  const char **want, **drop;
  int nwant, ndrop;
};
struct item_list {
  struct list_item *v;
  int n;
};
#define CV_MAX_LIST_DEPTH 60 /* nested bullet lists (YAML's limit rules) */

/* A table cell holds a paragraph or a bullet list. */
struct cell {
  struct text text;
  struct item_list *list;
};

struct table_row {
  struct text heading;
  struct cell *cells;
  int n;
};

struct table {
  struct text corner;
  struct text *columns; /* column headings (may be absent) */
  int ncolumns;
  struct table_row *rows;
  int nrows;
  bool has_row_headings;
  int ncells; /* cells per row */
  double *widths; /* relative widths of the cell columns (or NULL) */
  struct loc loc;
};

enum entry_kind {
  ENTRY_TEXT,
  ENTRY_ONE_LINE,
  ENTRY_NORMAL,
  ENTRY_EXPERIENCE,
  ENTRY_EDUCATION,
  ENTRY_PUBLICATION,
  ENTRY_BULLET,
  ENTRY_NUMBERED,
  ENTRY_REVERSED,
  ENTRY_TABLE,
  ENTRY_PAGE_BREAK,
};

struct field {
  const char *key;
  struct text value;
};

struct entry {
  enum entry_kind kind;
  struct loc loc;
  struct field *fields; /* every scalar field, extras included */
  int nfields;
  struct item_list *highlights;
  const char **tags; /* cvpdf's `tags:`: the variants it is in */
  int ntags;
  struct text *authors;
  int nauthors;
  struct date date, start, end;
  struct table *table;
  int number; /* numbered / reversed-numbered: the number shown */
  bool restart; /* cvpdf's `restart_numbering: true`: numbers start over
                   here (a group of a `bibtex:` item) */
};

struct section {
  const char *key;   /* as written */
  const char *title; /* RenderCV's title from the key */
  struct loc loc;
  struct entry *entries;
  int n;
};

struct social {
  const char *network; /* canonical name, e.g. "GitHub" */
  struct text username;
  const char *url;
};

struct connection {
  const char *kind; /* "location", "email", "phone", "website", "custom",
                       or a network's name ("GitHub") */
  struct text display; /* markup shown */
  const char *url;     /* link target or NULL (a phone's keeps every digit
                          written; realize links its E164 form) */
  struct text icon;    /* custom: a Font Awesome icon name (or NULL) */
  const char *username; /* social networks: as written */
};

/* settings.render_command: where RenderCV writes a file's outputs, used
 * when the command line names none (main.c). Paths are templates
 * (OUTPUT_FOLDER, NAME_IN_SNAKE_CASE, YEAR, ...), relative to the CV's
 * folder; NULL: RenderCV's default. The design and locale files are laid
 * over the CV by doc.c. */
struct render_command {
  bool set; /* any key given */
  struct loc at;
  const char *output_folder, *pdf_path, *markdown_path, *html_path,
      *png_path, *typst_path;
  bool no_pdf, no_markdown, no_html, no_png, no_typst; /* dont_generate_* */
};

struct cv {
  struct text name, headline;
  struct text photo; /* a PNG or JPEG file, relative to the CV's folder */
  const char *photo_path; /* the photo's path from here (set by doc.c) */
  struct connection *connections; /* in YAML key order */
  int nconnections;
  struct section *sections;
  int nsections;
  /* settings */
  const char **bold_keywords;
  int nbold_keywords;
  struct text pdf_title;
  const char *pdf_standard; /* settings.pdf_standard: "ua-1", "a-2b",
                               "a-2u", "a-2a", "none", or NULL (ua-1) */
  int today_year, today_month, today_day; /* settings.current_date */
  int sort; /* settings.sort_entries: 0 none, 1 chronological, 2 reverse */
  struct render_command render;
  /* raw blocks for style.c */
  struct yml *design, *locale;
};

/* One of the top-level `variants:` (cvpdf's): an output of the same CV
 * with its own tags, theme and page count, made in the same run. */
struct variant {
  const char *output; /* its file name (beside the CV, or in -o's folder) */
  struct tag_filter tags;
  const char *theme;  /* NULL: the design's */
  int fit_pages;      /* 0: the design's */
  struct loc loc;
};

#define CV_MAX_VARIANTS 64 /* outputs of one CV: each a whole render */

/* The variants root's top level lists, in *out (in a); how many (0: none).
 * Problems are reported to d (errors), and such a variant is left out. */
int cv_variants(struct arena *a, struct diag *d, const struct yml *root,
                struct variant **out);

/* Load the whole file's content (top-level mapping) into cv. Reports every
 * problem found; returns false if there was any error. */
bool cv_load(struct ctx *c, struct yml *root, struct cv *cv);
/* The same, keeping only what `f` selects (NULL: everything); a tag in
 * `f` that nothing carries is said in a note. */
bool cv_load_tagged(struct ctx *c, struct yml *root, struct cv *cv,
                    const struct tag_filter *f);

/* Value of an entry field, or NULL. */
const struct text *entry_field(const struct entry *e, const char *key);

/* RenderCV's title for a section key: keys with a space or a capital
 * letter (in any script) are kept; otherwise '_' becomes ' ' and every
 * word is capitalised (Unicode case mapping) except the small words
 * ("of", "and", ...), wherever they stand ("selected_honors" -> "Selected
 * Honors",
 * "prêmios_e_títulos" -> "Prêmios E Títulos", "of_mice_and_men" -> "of
 * Mice and Men"). */
const char *cv_section_title(struct arena *a, const char *key);

/* A web address as shown: without its http(s):// scheme and trailing '/'.
 * The result is a copy in a. */
const char *cv_clean_url(struct arena *a, const char *url);

/* The social networks cvpdf knows (RenderCV's), NULL-terminated. */
extern const char *const CV_NETWORKS[];

/* Parse a date value (as it appears in YAML). Returns false if the text
 * looks like a date but is not one (month 13), with *why set. */
bool cv_parse_date(const char *s, bool quoted, struct date *d,
                   const char **why);

#endif
