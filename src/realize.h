/* realize.h: the CV model and its style -> the realized document.
 *
 * Realizing writes out every text the CV shows, before anything is
 * measured: RenderCV's templates filled from each entry's fields (with
 * their removal rules), dates and time spans in the locale's words, phone
 * numbers in the style's format, the header's connections as they read,
 * bold keywords applied, and every link checked (a target a reader cannot
 * safely follow is an error here, at its place in the file, reported with
 * the other input errors). The result is typed lines of markup spans for
 * the header and for each section and entry: no fonts, no lengths.
 *
 * Layout places a realized document and reads nothing else of the CV; a
 * text output can print it as it is (cvpdf --dump=content does).
 *
 * Memory: everything is in the document arena (c->doc). A document is
 * realized once and serves every layout of it (fitting lays out many
 * times); layout never changes it. What realizing writes is bounded: a
 * filled template by TMPL_MAX_FILL (tmpl.h), the whole by
 * REALIZE_MAX_BYTES; passing either is an error at the template's key or
 * the text, not the arena's abort.
 */
#ifndef CVPDF_REALIZE_H
#define CVPDF_REALIZE_H

#include "cv.h"
#include "icons.h"
#include "markup.h"
#include "style.h"

/* A paragraph, or a line, of realized text and where it was written. */
struct rtext {
  struct spans sp;
  struct loc loc;
};

/* A bullet list: items, each a paragraph with its own nested list. */
struct rlist;
struct ritem {
  struct rtext text;
  const struct rlist *sub; /* nested items, or NULL */
};
struct rlist {
  struct ritem *v;
  int n;
};

/* The lines of an entry's main column, top to bottom. */
enum rline_kind {
  RL_TEXT,       /* a line of the template, or a paragraph of a text entry */
  RL_SUMMARY,    /* the template's SUMMARY line: set apart and indented */
  RL_HIGHLIGHTS, /* the entry's highlights go here (the line has no text) */
};
struct rline {
  enum rline_kind kind;
  struct rtext text;
};

/* A table cell: a paragraph, a bullet list under it, or both. */
struct rcell {
  const struct rtext *text; /* NULL: no paragraph */
  const struct rlist *list; /* NULL: no list */
  bool heading;             /* in the heading row or column (bold) */
};

/* A table as a grid: every row has ncols cells, the heading row first. */
struct rtable {
  int ncols, nrows;
  struct rcell *cells; /* row r is cells[r * ncols ...] */
  bool heading_col;    /* column 0 holds the rows' headings */
  /* the texts the heading column is as wide as (the widest, bold): the
   * rows' headings and the corner */
  const struct rtext **heads;
  int nheads;
  /* relative widths of the columns after the heading column (NULL:
   * equal) */
  const double *widths;
};

struct rentry {
  enum entry_kind kind;
  struct loc loc;
  struct rline *main; /* the main column */
  int nmain;
  struct rtext *right; /* the date-and-location column, one line each */
  int nright;
  const struct rtext *degree; /* education: the degree column, or NULL */
  const struct rtext *label;  /* (reversed) numbered: "3.", or NULL */
  /* the place citations of it link to ("ref-3": "[3]" in any text links
   * to "#ref-3"), or NULL */
  const char *anchor;
  const struct rlist *highlights; /* NULL if none */
  const struct rtable *table;     /* ENTRY_TABLE */
};

struct rsection {
  struct rtext title; /* as written (capitals and small caps are layout's) */
  const char *plain;  /* the title without markup: its bookmark */
  struct rentry *v;   /* disabled page breaks (page_break: false) left out */
  int n;
};

struct rconn {
  const char *kind;  /* as struct connection's ("email", "GitHub", ...) */
  struct rtext text; /* what it reads, linked when the style says so */
  /* its picture (RenderCV's Font Awesome icon, and Fork Awesome's for
   * the same thing); zeros: none (or icons off) */
  struct icon icon;
};

struct rphoto {
  const char *path; /* from the working directory */
  struct loc loc;
  bool png;          /* else JPEG */
  int width, height; /* pixels */
};

/* The most bytes realizing may write (filled templates, and the spans
 * and texts kept): 64 MiB, four times the largest file cvpdf reads
 * (DOC_MAX_BYTES), a quarter of the document arena's 1 GiB. Only
 * repetition makes more (a YAML alias naming a long text many times, or a
 * template naming a long field); no CV comes near. Layout, which needs
 * tens of bytes for each byte of text, has its own limits (para.h) and
 * stops sooner when the text is dense. */
#define REALIZE_MAX_BYTES ((size_t)64 << 20)

#define BIG_BULLET "\xE2\x97\x8F" /* U+25CF, RenderCV's bullet */

struct realized {
  const char *file;
  const struct rtext *name, *headline; /* NULL if absent */
  const struct rphoto *photo;          /* NULL if none */
  struct rconn *conns;
  int nconns;
  const struct rtext *separator; /* between connections; NULL: none */
  struct rsection *sections;
  int nsections;
  /* the bullets of top-level and nested items; a style's BIG_BULLET is
   * written as U+2022, which layout sets larger */
  struct rtext bullet[2];
  /* what the page notes are filled from (realize_note) */
  const struct cv *cv;
  const struct style *style;
  const char *author; /* the name as plain text, or NULL */
  const struct keywords *keywords; /* the CV's bold keywords, made ready */
};

/* Realize cv (read from `file`) in style s; `author` is the name as
 * plain text (or NULL). Reports every bad link, unknown icon, unreadable
 * photo and template or document past its bound; returns false if any
 * was an error. Texts lose their trailing whitespace (YAML's `|` ends a
 * text with a newline, which is not a line break). */
bool realize(struct ctx *c, const char *file, const struct cv *cv,
             const struct style *s, const char *author,
             struct realized *out);

/* The footer or top-note template `tmpl` filled for page `page` of
 * `total`, as spans in arena a. False if nothing is left of it. Its
 * links were checked when the document was realized. */
bool realize_note(struct arena *a, const struct realized *r,
                  const char *tmpl, int page, int total, struct spans *out);

/* A phone number written `written` in the style's phone_number_format
 * (0 national, 1 international, 2 E164). A trunk prefix written "(0)"
 * after the country code is the national form's 0 only (where the
 * country dials one; elsewhere the 0 is part of the number). A number
 * without a country code is returned as it is (the same pointer). */
const char *realize_phone(struct arena *a, const char *written, int format);

#endif
