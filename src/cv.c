/* cv.c: struct yml -> struct cv, checking RenderCV's schema (see cv.h).
 *
 * Owns the rules about content: which keys exist, entry-type inference from
 * characteristic keys, date validity, required fields, numbering, social
 * network URLs, section titles. Unknown keys of an entry are custom fields
 * (RenderCV's), with a warning when one looks like a misspelt field. It
 * says nothing about appearance; `design` and `locale` are handed to
 * style.c untouched. Every problem is reported with its position, and
 * loading continues so that one run shows them all.
 */
#include "cv.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wctype.h>

#include "utf8.h"

struct loader {
  struct ctx *c;
  struct arena *a;
  struct diag *d;
  const struct tag_filter *f; /* NULL: keep everything */
  bool *used;                 /* f's tags that something carries */
  const char *entries_at;     /* the path of the section's entries, as
                                 upgrade.c names it ("cv.sections.x.#") */
};

/* `tags:` (a tag or a list of tags); NULL after an error. */
static const char **get_tags(struct loader *L, const struct yml *v, int *n) {
  *n = 0;
  if (yml_is_null(v))
    return NULL;
  int count = v->kind == YML_SEQ ? v->n : 1;
  const char **t = arena_alloc(L->a, sizeof *t * (size_t)(count + 1));
  for (int i = 0; i < count; i++) {
    const struct yml *x = v->kind == YML_SEQ ? v->kids[i] : v;
    if (x->kind != YML_SCALAR || yml_is_null(x) || !*x->s) {
      diag_error(L->d, x->loc,
                 "expected a tag (a word such as academic) or a list of "
                 "tags for 'tags', found %s",
                 x->kind == YML_SCALAR ? "an empty value" : yml_kind_name(x));
      *n = 0;
      return NULL;
    }
    t[(*n)++] = x->s;
  }
  return t;
}

/* Whether what carries tags t[0..n) is kept (struct tag_filter). */
static bool tags_keep(struct loader *L, const char **t, int n) {
  if (!L->f || !n)
    return true;
  bool want = L->f->nwant == 0, drop = false;
  for (int i = 0; i < n; i++) {
    for (int k = 0; k < L->f->nwant; k++)
      if (!strcmp(t[i], L->f->want[k]))
        want = L->used[k] = true;
    for (int k = 0; k < L->f->ndrop; k++)
      if (!strcmp(t[i], L->f->drop[k]))
        drop = L->used[L->f->nwant + k] = true;
  }
  return want && !drop;
}

static const char *const TOP_KEYS[] = {"cv", "design", "locale", "settings",
                                       "variants"};
static const char *const CV_KEYS[] = {
    "name",    "headline",        "location",           "email",
    "phone",   "website",         "photo",              "social_networks",
    "sections", "custom_connections"};
static const char *const SETTINGS_KEYS[] = {"current_date", "bold_keywords",
                                            "pdf_title", "render_command",
                                            "sort_entries", "pdf_standard"};
static const char *const RENDER_KEYS[] = {
    "output_folder",  "design",           "locale",
    "typst_path",     "pdf_path",         "markdown_path",
    "html_path",      "png_path",         "dont_generate_markdown",
    "dont_generate_html", "dont_generate_typst", "dont_generate_pdf",
    "dont_generate_png"};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static void unknown_key(struct loader *L, const struct yml *key,
                        const char *where, const char *const *known, int n) {
  const char *s = diag_suggest(key->s, known, n);
  if (s)
    diag_error(L->d, key->loc, "unknown key '%s' in %s (did you mean '%s'?)",
               key->s, where, s);
  else {
    char list[512];
    size_t o = 0;
    list[0] = 0;
    for (int i = 0; i < n && o < sizeof list - 40; i++)
      o += (size_t)snprintf(list + o, sizeof list - o, "%s'%s'",
                            i ? ", " : "", known[i]);
    diag_error(L->d, key->loc, "unknown key '%s' in %s; expected one of %s",
               key->s, where, list);
  }
}

static bool is_known(const char *k, const char *const *known, int n) {
  for (int i = 0; i < n; i++)
    if (strcmp(k, known[i]) == 0)
      return true;
  return false;
}

static bool one_edit(const char *a, const char *b);

/* A key that RenderCV took and ignored where cvpdf knows no such key
 * (`cv`'s from 1.13 to 2.6, the top level's from 2.4 to 2.6): a warning,
 * and the key is left out as RenderCV left it out, so that such a file
 * renders as it did. One a letter away from a known key (or the same but
 * for case, or but for a control or invisible character hidden in it)
 * stays an error: a misspelling, whose value would be lost.
 * `why` ends the warning; `hint`, when the key is one of hint_keys, says
 * where the key belongs instead. */
static void ignored_key(struct loader *L, const struct yml *key,
                        const char *where, const char *const *known, int n,
                        const char *why, const char *const *hint_keys,
                        int nhint, const char *hint) {
  /* the key as it looks: without the controls and invisible characters
   * (U+0085, U+202E, a zero-width space) that may hide in it */
  char seen[256];
  size_t m = 0;
  bool hidden = false;
  for (const char *p = key->s; *p && m + 5 < sizeof seen;) {
    const char *at = p;
    uint32_t cp = utf8_next(&p);
    if (cp < 0x20 || cp == 0x7F || utf8_is_hidden(cp)) { /* (C1 too) */
      hidden = true;
      continue;
    }
    memcpy(seen + m, at, (size_t)(p - at));
    m += (size_t)(p - at);
  }
  seen[m] = 0;
  for (int i = 0; i < n; i++)
    if (one_edit(key->s, known[i]) ||
        (hidden && (!strcmp(seen, known[i]) || one_edit(seen, known[i])))) {
      diag_error(L->d, key->loc, "unknown key '%s' in %s (did you mean "
                 "'%s'?)", key->s, where, known[i]);
      return;
    }
  if (hint && is_known(key->s, hint_keys, nhint))
    diag_warn(L->d, key->loc, "unknown key '%s' in %s: ignored, %s; %s",
              key->s, where, why, hint);
  else
    diag_warn(L->d, key->loc, "unknown key '%s' in %s: ignored, %s", key->s,
              where, why);
}

/* A scalar string value, or report what was found instead. */
static bool get_text(struct loader *L, const struct yml *v, const char *what,
                     struct text *out) {
  out->s = NULL;
  out->loc = v ? v->loc : (struct loc){0};
  if (!v || yml_is_null(v))
    return true; /* absent */
  if (v->kind != YML_SCALAR) {
    diag_error(L->d, v->loc, "expected a string for '%s', found %s", what,
               yml_kind_name(v));
    return false;
  }
  out->s = v->s;
  return true;
}

/* An entry's true or false (YAML's booleans as RenderCV writes them); false
 * after an error, *out then unchanged. */
static bool get_bool(struct loader *L, const struct yml *v, const char *key,
                     bool *out) {
  if (v->kind != YML_SCALAR ||
      (strcmp(v->s, "true") && strcmp(v->s, "false"))) {
    diag_error(L->d, v->loc, "expected true or false for '%s'", key);
    return false;
  }
  *out = v->s[0] == 't';
  return true;
}

const struct text *entry_field(const struct entry *e, const char *key) {
  for (int i = 0; i < e->nfields; i++)
    if (strcmp(e->fields[i].key, key) == 0 && e->fields[i].value.s)
      return &e->fields[i].value;
  return NULL;
}

static int days_in_month(int y, int m) {
  static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return dm[m - 1];
}

static bool all_digits(const char *s, int n) {
  for (int i = 0; i < n; i++)
    if (!isdigit((unsigned char)s[i]))
      return false;
  return true;
}

bool cv_parse_date(const char *s, bool quoted, struct date *d,
                   const char **why) {
  memset(d, 0, sizeof *d);
  *why = NULL;
  size_t n = strlen(s);
  if (strcasecmp(s, "present") == 0) {
    d->kind = DATE_PRESENT;
    return true;
  }
  if (n == 4 && all_digits(s, 4)) { /* month and day not given: 0 */
    d->kind = quoted ? DATE_ISO : DATE_YEAR;
    d->year = atoi(s);
    return true;
  }
  /* YYYY-MM or YYYY-MM-DD */
  if ((n == 7 || n == 10) && all_digits(s, 4) && s[4] == '-' &&
      all_digits(s + 5, 2) && (n == 7 || (s[7] == '-' && all_digits(s + 8, 2)))) {
    d->year = atoi(s);
    d->month = (s[5] - '0') * 10 + (s[6] - '0');
    d->day = n == 10 ? (s[8] - '0') * 10 + (s[9] - '0') : 0;
    if (d->month < 1 || d->month > 12) {
      *why = "the month must be between 01 and 12";
      return false;
    }
    if (n == 10 && (d->day < 1 || d->day > days_in_month(d->year, d->month))) {
      *why = "that day does not exist in that month";
      return false;
    }
    d->kind = DATE_ISO;
    return true;
  }
  d->kind = DATE_TEXT;
  d->text = s;
  return true;
}

/* What a YEAR or ISO date gives: 1 the year, 2 and the month, 3 and the
 * day. */
static int date_precision(const struct date *d) {
  return d->kind == DATE_YEAR || !d->month ? 1 : !d->day ? 2 : 3;
}

/* Is YEAR or ISO date a before b, compared at the precision both have?
 * A month-only end is not before a start on a day of that month (nor a
 * year-only one before any start in that year): what is not written is
 * no earlier than what is. RenderCV (which takes a missing month or day
 * for the first) accepts those too. */
static bool date_before(const struct date *a, const struct date *b) {
  int p = date_precision(a) < date_precision(b) ? date_precision(a)
                                                 : date_precision(b);
  long ka = a->year, kb = b->year;
  if (p >= 2)
    ka = ka * 100 + a->month, kb = kb * 100 + b->month;
  if (p >= 3)
    ka = ka * 100 + a->day, kb = kb * 100 + b->day;
  return ka < kb;
}

static void load_date(struct loader *L, const struct yml *v, const char *key,
                      bool strict, struct date *out) {
  memset(out, 0, sizeof *out);
  if (!v || yml_is_null(v))
    return;
  if (v->kind != YML_SCALAR) {
    diag_error(L->d, v->loc, "expected a date for '%s', found %s", key,
               yml_kind_name(v));
    return;
  }
  const char *why;
  if (!cv_parse_date(v->s, v->quoted, out, &why)) {
    diag_error(L->d, v->loc, "invalid date '%s' for '%s': %s", v->s, key, why);
    out->kind = DATE_NONE;
    return;
  }
  out->loc = v->loc;
  if (strict && out->kind == DATE_TEXT) {
    diag_error(
        L->d, v->loc,
        "invalid date '%s' for '%s': expected YYYY-MM-DD, YYYY-MM, YYYY or "
        "'present'",
        v->s, key);
    out->kind = DATE_NONE;
  }
}

static struct item_list *load_items(struct loader *L, const struct yml *v,
                                    const char *key, int depth);

static bool load_item(struct loader *L, const struct yml *v, int depth,
                      struct list_item *it) {
  memset(it, 0, sizeof *it);
  if (v->kind == YML_SCALAR) {
    if (!get_text(L, v, "highlights", &it->text))
      return false;
    if (!it->text.s) { /* "- " with nothing after it (RenderCV refuses it) */
      diag_error(L->d, v->loc,
                 "this list item is empty: write its text after the "
                 "'-', or remove the line");
      return false;
    }
    /* RenderCV's nested highlights: a plain (unquoted) highlight written
     * over several lines with "- " before the inner ones is folded by YAML
     * into "Parent - child - child"; RenderCV splits it at " - ". */
    const char *sep = it->text.s && !v->quoted ? strstr(it->text.s, " - ")
                                                : NULL;
    if (sep && sep > it->text.s) {
      VEC(struct list_item) kids = {0};
      const char *first = sep;
      const char *q = sep + 3;
      while (q) {
        const char *nx = strstr(q, " - ");
        const char *piece = nx ? arena_strndup(L->a, q, (size_t)(nx - q))
                               : q;
        if (*piece) {
          struct list_item k = {{piece, v->loc}, NULL, NULL, 0};
          VEC_PUSH(L->a, kids, k);
        }
        q = nx ? nx + 3 : NULL;
      }
      it->text.s = arena_strndup(L->a, it->text.s,
                                 (size_t)(first - it->text.s));
      if (kids.n) {
        it->children = arena_alloc(L->a, sizeof *it->children);
        it->children->v = kids.v;
        it->children->n = kids.n;
      }
    }
    return true;
  }
  if (v->kind == YML_MAP) {
    /* { bullet: text, highlights: [...] } : an item with sub-items */
    const struct yml *given = NULL; /* the 'bullet' or 'text' key given */
    for (int i = 0; i < v->n; i++) {
      const char *k = v->keys[i]->s;
      if (strcmp(k, "bullet") == 0 || strcmp(k, "text") == 0) {
        if (yml_is_null(v->kids[i]))
          continue; /* as if not written: the other may be */
        if (given)
          diag_error(L->d, v->keys[i]->loc,
                     "a list item has one text: give 'bullet' or 'text', "
                     "not both (the first is at line %d)",
                     given->loc.line);
        else
          get_text(L, v->kids[i], k, &it->text);
        given = v->keys[i];
      }
      else if (strcmp(k, "highlights") == 0)
        it->children = load_items(L, v->kids[i], k, depth + 1);
      else if (strcmp(k, "tags") == 0)
        it->tags = get_tags(L, v->kids[i], &it->ntags);
      else {
        static const char *const ik[] = {"bullet", "text", "highlights",
                                         "tags"};
        unknown_key(L, v->keys[i], "a list item", ik, 4);
      }
    }
    if (!it->text.s) {
      diag_error(L->d, v->loc,
                 "a list item given as a mapping needs 'bullet' or 'text' "
                 "(its text)");
      return false;
    }
    return true;
  }
  diag_error(L->d, v->loc,
             "expected a string (or a mapping with 'bullet' and "
             "'highlights') for a list item, found %s",
             yml_kind_name(v));
  return false;
}

static struct item_list *load_items(struct loader *L, const struct yml *v,
                                    const char *key, int depth) {
  if (!v || yml_is_null(v))
    return NULL;
  if (depth > CV_MAX_LIST_DEPTH) {
    diag_error(L->d, v->loc, "lists nested too deeply (more than %d levels)",
               CV_MAX_LIST_DEPTH);
    return NULL;
  }
  if (v->kind != YML_SEQ) {
    diag_error(L->d, v->loc, "expected a list for '%s', found %s", key,
               yml_kind_name(v));
    return NULL;
  }
  struct item_list *l = arena_alloc(L->a, sizeof *l);
  l->v = arena_alloc(L->a, sizeof(struct list_item) * (size_t)(v->n + 1));
  for (int i = 0; i < v->n; i++)
    if (load_item(L, v->kids[i], depth, &l->v[l->n]) &&
        tags_keep(L, l->v[l->n].tags, l->v[l->n].ntags))
      l->n++;
  return l;
}

static void load_cell(struct loader *L, const struct yml *v, struct cell *c) {
  memset(c, 0, sizeof *c);
  if (v->kind == YML_SCALAR)
    get_text(L, v, "cells", &c->text);
  else if (v->kind == YML_SEQ)
    c->list = load_items(L, v, "cells", 1);
  else
    diag_error(L->d, v->loc,
               "expected a string or a list for a table cell, found %s",
               yml_kind_name(v));
}

static struct table *load_table(struct loader *L, const struct yml *v) {
  if (v->kind != YML_MAP) {
    diag_error(L->d, v->loc,
               "expected a mapping for 'table' (with 'rows' and "
               "optionally 'columns'), found %s",
               yml_kind_name(v));
    return NULL;
  }
  static const char *const keys[] = {"columns", "rows", "corner", "widths"};
  struct table *t = arena_alloc(L->a, sizeof *t);
  t->loc = v->loc;
  const struct yml *rows = NULL, *cols = NULL, *widths = NULL;
  for (int i = 0; i < v->n; i++) {
    const char *k = v->keys[i]->s;
    if (strcmp(k, "columns") == 0)
      cols = v->kids[i];
    else if (strcmp(k, "rows") == 0)
      rows = v->kids[i];
    else if (strcmp(k, "corner") == 0)
      get_text(L, v->kids[i], k, &t->corner);
    else if (strcmp(k, "widths") == 0)
      widths = v->kids[i];
    else
      unknown_key(L, v->keys[i], "a table", keys, COUNT(keys));
  }
  if (!rows || rows->kind != YML_SEQ || rows->n == 0) {
    diag_error(L->d, rows ? rows->loc : v->loc,
               "a table needs 'rows': a non-empty list");
    return NULL;
  }
  if (cols && !yml_is_null(cols)) {
    if (cols->kind != YML_SEQ) {
      diag_error(L->d, cols->loc,
                 "expected a list of headings for 'columns', found %s",
                 yml_kind_name(cols));
    } else {
      t->ncolumns = cols->n;
      t->columns = arena_alloc(L->a, sizeof(struct text) * (size_t)(cols->n + 1));
      for (int i = 0; i < cols->n; i++)
        get_text(L, cols->kids[i], "columns", &t->columns[i]);
    }
  }
  t->nrows = rows->n;
  t->rows = arena_alloc(L->a, sizeof(struct table_row) * (size_t)rows->n);
  for (int r = 0; r < rows->n; r++) {
    const struct yml *row = rows->kids[r];
    struct table_row *tr = &t->rows[r];
    const struct yml *cells = NULL;
    if (row->kind == YML_MAP) {
      static const char *const rk[] = {"heading", "cells"};
      for (int i = 0; i < row->n; i++) {
        const char *k = row->keys[i]->s;
        if (strcmp(k, "heading") == 0) {
          get_text(L, row->kids[i], k, &tr->heading);
          t->has_row_headings = true;
        } else if (strcmp(k, "cells") == 0)
          cells = row->kids[i];
        else
          unknown_key(L, row->keys[i], "a table row", rk, 2);
      }
    } else if (row->kind == YML_SEQ) {
      cells = row;
    } else {
      diag_error(L->d, row->loc,
                 "expected a table row (a list of cells, or a mapping "
                 "with 'heading' and 'cells'), found %s",
                 yml_kind_name(row));
      continue;
    }
    if (!cells || cells->kind != YML_SEQ) {
      diag_error(L->d, row->loc, "a table row needs 'cells': a list");
      continue;
    }
    tr->n = cells->n;
    tr->cells = arena_alloc(L->a, sizeof(struct cell) * (size_t)(cells->n + 1));
    for (int i = 0; i < cells->n; i++)
      load_cell(L, cells->kids[i], &tr->cells[i]);
    if (tr->n > t->ncells)
      t->ncells = tr->n;
  }
  if (t->ncells == 0) {
    diag_error(L->d, v->loc, "a table needs at least one cell");
    return NULL;
  }
  for (int r = 0; r < t->nrows; r++)
    if (t->rows[r].n && t->rows[r].n != t->ncells)
      diag_error(L->d, rows->kids[r]->loc,
                 "this row has %d cell%s, other rows have %d", t->rows[r].n,
                 t->rows[r].n == 1 ? "" : "s", t->ncells);
  if (t->ncolumns &&
      t->ncolumns != t->ncells && t->ncolumns != t->ncells + t->has_row_headings)
    diag_error(L->d, cols->loc, "%d column headings for %d columns of cells",
               t->ncolumns, t->ncells);
  if (widths && !yml_is_null(widths)) {
    if (widths->kind != YML_SEQ || widths->n != t->ncells) {
      diag_error(L->d, widths->loc,
                 "'widths' must be a list of %d numbers (relative "
                 "widths of the cell columns)",
                 t->ncells);
    } else {
      t->widths = arena_alloc(L->a, sizeof(double) * (size_t)t->ncells);
      for (int i = 0; i < widths->n; i++) {
        char *end = NULL;
        const struct yml *w = widths->kids[i];
        double x = w->kind == YML_SCALAR ? strtod(w->s, &end) : 0;
        if (w->kind != YML_SCALAR || !end || *end || !(x > 0) || x > 1000)
          diag_error(L->d, w->loc,
                     "expected a positive number for a relative width");
        t->widths[i] = x > 0 ? x : 1;
      }
    }
  }
  return t;
}

/* The entry types and their characteristic keys, in RenderCV's order. */
struct etype {
  enum entry_kind kind;
  const char *name;
  const char *keys[6];     /* characteristic */
  const char *required[4];
};
static const struct etype ETYPES[] = {
    {ENTRY_ONE_LINE, "one-line entry", {"label", "details"}, {"label", "details"}},
    {ENTRY_NORMAL, "normal entry", {"name"}, {"name"}},
    {ENTRY_EXPERIENCE, "experience entry", {"company", "position"},
     {"company", "position"}},
    {ENTRY_EDUCATION, "education entry", {"institution", "area", "degree"},
     {"institution", "area"}},
    {ENTRY_PUBLICATION, "publication entry",
     {"title", "authors", "doi", "url", "journal"}, {"title", "authors"}},
    {ENTRY_BULLET, "bullet entry", {"bullet"}, {"bullet"}},
    {ENTRY_NUMBERED, "numbered entry", {"number"}, {"number"}},
    {ENTRY_REVERSED, "reversed-numbered entry", {"reversed_number"},
     {"reversed_number"}},
    {ENTRY_TABLE, "table entry", {"table"}, {"table"}},
    {ENTRY_TEXT, "text entry", {"text"}, {"text"}},
    {ENTRY_PAGE_BREAK, "page break", {"page_break"}, {"page_break"}},
};

static const struct etype *detect(const struct yml *m) {
  for (size_t t = 0; t < sizeof ETYPES / sizeof ETYPES[0]; t++)
    for (int k = 0; ETYPES[t].keys[k]; k++)
      if (yml_get(m, ETYPES[t].keys[k]))
        return &ETYPES[t];
  return NULL;
}

/* Fields every dated entry may have (RenderCV's), and the links of a
 * publication: what a misspelt key is compared with, besides its type's
 * characteristic keys. */
static const char *const COMMON_FIELDS[] = {
    "date", "start_date", "end_date", "location", "summary", "highlights",
    "url",  "doi"};

/* Are a and b one edit apart (Damerau-Levenshtein 1: a letter added,
 * dropped, changed, or two neighbours swapped), or equal but for case?
 * diag_suggest allows more edits in long words; a custom field may be any
 * name, so only the nearest misses are taken for mistakes. */
static bool one_edit(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  if (strcmp(a, b) == 0)
    return false;
  if (la == lb && strcasecmp(a, b) == 0)
    return true;
  if (la + 1 < lb || lb + 1 < la)
    return false;
  size_t i = 0;
  while (i < la && i < lb && a[i] == b[i])
    i++; /* the first difference */
  if (la == lb)
    return strcmp(a + i + 1, b + i + 1) == 0 ||
           (i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
            strcmp(a + i + 2, b + i + 2) == 0);
  return la < lb ? strcmp(a + i, b + i + 1) == 0
                 : strcmp(a + i + 1, b + i) == 0;
}

/* The field of type t (or a common one) that key k misspells, or NULL. */
static const char *misspelt(const struct etype *t, const char *k) {
  for (int i = 0; t->keys[i]; i++)
    if (strcmp(k, t->keys[i]) == 0)
      return NULL; /* a field of the type, spelt right */
  if (is_known(k, COMMON_FIELDS, COUNT(COMMON_FIELDS)))
    return NULL;
  for (int i = 0; t->keys[i]; i++)
    if (one_edit(k, t->keys[i]))
      return t->keys[i];
  for (int i = 0; i < COUNT(COMMON_FIELDS); i++)
    if (one_edit(k, COMMON_FIELDS[i]))
      return COMMON_FIELDS[i];
  return NULL;
}

/* Whether k is a field of some entry type, or a common one: in an entry
 * of another type it is no extra field (a table in a normal entry is a
 * mistake, not a value RenderCV would keep unseen). */
static bool entry_vocabulary(const char *k) {
  if (is_known(k, COMMON_FIELDS, COUNT(COMMON_FIELDS)))
    return true;
  for (size_t t = 0; t < sizeof ETYPES / sizeof ETYPES[0]; t++)
    for (int i = 0; ETYPES[t].keys[i]; i++)
      if (!strcmp(k, ETYPES[t].keys[i]))
        return true;
  return false;
}

/* What a misspelt date key `meant` leaves the entry m with: its dates
 * follow RenderCV's rules from the keys that are there. */
static const char *date_consequence(const struct yml *m, const char *meant) {
  const struct yml *d = yml_get(m, "date"), *s = yml_get(m, "start_date"),
                   *e = yml_get(m, "end_date");
  bool has_d = d && !yml_is_null(d), has_s = s && !yml_is_null(s),
       has_e = e && !yml_is_null(e);
  if (strcmp(meant, "date") == 0)
    return has_s || has_e ? "the entry's dates come from 'start_date' and "
                            "'end_date'"
                          : "the entry has no date";
  if (has_d)
    return "the entry shows its 'date'";
  if (strcmp(meant, "end_date") == 0)
    return has_s ? "the entry has no end date, so it runs to the present"
                 : "the entry has no date";
  return has_e ? "the entry has no start date, so 'end_date' is shown as "
                 "its only date"
               : "the entry has no date";
}

static bool load_entry(struct loader *L, const struct yml *v,
                       struct entry *e) {
  memset(e, 0, sizeof *e);
  e->loc = v->loc;
  if (v->kind == YML_SCALAR) {
    if (yml_is_null(v)) {
      diag_error(L->d, v->loc, "empty entry: expected a string or a mapping");
      return false;
    }
    e->kind = ENTRY_TEXT;
    e->fields = arena_alloc(L->a, sizeof(struct field));
    e->fields[0].key = "text";
    e->fields[0].value = (struct text){v->s, v->loc};
    e->nfields = 1;
    return true;
  }
  if (v->kind != YML_MAP) {
    diag_error(L->d, v->loc,
               "expected an entry (a string or a mapping), found %s",
               yml_kind_name(v));
    return false;
  }
  const struct etype *t = detect(v);
  if (!t) {
    diag_error(
        L->d, v->loc,
        "cannot tell the type of this entry from its keys; an entry needs "
        "one of 'name', 'company', 'institution', 'title', 'label', "
        "'bullet', 'number', 'reversed_number', 'text' or 'table'");
    return false;
  }
  e->kind = t->kind;
  int errors = L->d->errors;
  /* RenderCV 1.0 to 1.3 wrote a one-line entry's label as `name`, and
   * told the type by `details` alone */
  bool name_is_label = t->kind == ENTRY_ONE_LINE && !yml_get(v, "label") &&
                       yml_get(v, "name") && yml_get(v, "details");
  for (int k = 0; t->required[k]; k++) {
    const struct yml *x = yml_get(v, name_is_label && !strcmp(t->required[k],
                                                              "label")
                                         ? "name"
                                         : t->required[k]);
    if (!x)
      diag_error(L->d, v->loc, "this %s needs '%s'", t->name, t->required[k]);
    else if (yml_is_null(x))
      diag_error(L->d, x->loc, "this %s needs '%s', which is empty (null): "
                 "write its text", t->name, t->required[k]);
  }
  e->fields = arena_alloc(L->a, sizeof(struct field) * (size_t)(v->n + 1));
  const struct yml *ydate = NULL, *ystart = NULL, *yend = NULL;
  for (int i = 0; i < v->n; i++) {
    const char *k = v->keys[i]->s;
    const struct yml *val = v->kids[i];
    if (t->kind == ENTRY_PAGE_BREAK && strcmp(k, "page_break") != 0) {
      /* highlights and dates too: a page break shows nothing */
      diag_error(L->d, v->keys[i]->loc,
                 "a page break takes no other keys ('%s' would be ignored): "
                 "write it as an entry of its own: - page_break: true",
                 k);
    } else if (name_is_label && strcmp(k, "name") == 0) {
      char now[512];
      snprintf(now, sizeof now, "%s.label",
               L->entries_at ? L->entries_at : "cv.sections.#");
      diag_older(L->d, v->keys[i]->loc, &(struct older_fix){.now = now},
                 "a one-line entry's 'name' is an older RenderCV name "
                 "(1.0 to 1.3); it is now 'label'");
      struct text tx;
      if (get_text(L, val, "label", &tx) && tx.s) {
        e->fields[e->nfields].key = "label";
        e->fields[e->nfields].value = tx;
        e->nfields++;
      }
    } else if (strcmp(k, "highlights") == 0) {
      e->highlights = load_items(L, val, k, 0);
    } else if (strcmp(k, "tags") == 0) { /* cvpdf's: which variants */
      e->tags = get_tags(L, val, &e->ntags);
    } else if (strcmp(k, "restart_numbering") == 0) { /* cvpdf's */
      get_bool(L, val, k, &e->restart);
    } else if (strcmp(k, "authors") == 0) {
      if (val->kind == YML_SCALAR && !yml_is_null(val)) {
        e->authors = arena_alloc(L->a, sizeof(struct text));
        get_text(L, val, k, &e->authors[0]);
        e->nauthors = 1;
      } else if (val->kind == YML_SEQ) {
        e->authors = arena_alloc(L->a, sizeof(struct text) * (size_t)(val->n + 1));
        for (int j = 0; j < val->n; j++)
          if (get_text(L, val->kids[j], k, &e->authors[e->nauthors]) &&
              e->authors[e->nauthors].s)
            e->nauthors++;
      } else if (!yml_is_null(val)) {
        diag_error(L->d, val->loc,
                   "expected a list of names for 'authors', found %s",
                   yml_kind_name(val));
      }
    } else if (strcmp(k, "date") == 0) {
      ydate = val;
    } else if (strcmp(k, "start_date") == 0) {
      ystart = val;
    } else if (strcmp(k, "end_date") == 0) {
      yend = val;
    } else if (strcmp(k, "table") == 0 && t->kind == ENTRY_TABLE) {
      e->table = load_table(L, val);
    } else if (strcmp(k, "page_break") == 0 && t->kind == ENTRY_PAGE_BREAK) {
      bool on = true;
      if (get_bool(L, val, k, &on) && !on)
        e->number = -1; /* a disabled page break: nothing */
    } else if (strcmp(k, "page_break") == 0) {
      /* a cvpdf key (RenderCV has none), so not a custom field: in
       * another entry it would silently do nothing */
      diag_error(L->d, v->keys[i]->loc,
                 "'page_break' in a %s does nothing: page_break goes in an "
                 "entry of its own: - page_break: true",
                 t->name);
    } else {
      /* a custom field (RenderCV allows any), unless it is one edit away
       * from a field the entry's type has: then probably a misspelling,
       * whose value would not show where the field's does */
      const char *meant = misspelt(t, k);
      bool list = val->kind != YML_SCALAR && !yml_is_null(val);
      if (meant && list) {
        diag_error(L->d, v->keys[i]->loc,
                   "unknown key '%s' in this %s (did you mean '%s'?): a "
                   "custom field holds a string, found %s",
                   k, t->name, meant, yml_kind_name(val));
        continue;
      }
      if (meant && strstr(meant, "date")) {
        diag_warn(L->d, v->keys[i]->loc,
                  "unknown key '%s' in this %s (did you mean '%s'?): it is "
                  "treated as a text field, not a date; %s",
                  k, t->name, meant, date_consequence(v, meant));
      } else if (meant) {
        char ph[64];
        size_t n = 0;
        for (const char *q = k; *q && n < sizeof ph - 1; q++)
          ph[n++] = (char)toupper((unsigned char)*q);
        ph[n] = 0;
        diag_warn(L->d, v->keys[i]->loc,
                  "unknown key '%s' in this %s (did you mean '%s'?): it is "
                  "kept as a custom field, shown only where a template "
                  "names %s",
                  k, t->name, meant, ph);
      }
      if (list && !entry_vocabulary(k)) {
        /* RenderCV keeps an extra key of any value; its templates show
         * one only where a placeholder names it */
        diag_warn(L->d, v->keys[i]->loc,
                  "'%s' in this %s holds %s: not shown (a custom field is "
                  "shown where a template names it, and only as text)",
                  k, t->name, yml_kind_name(val));
        continue;
      }
      struct text tx;
      if (get_text(L, val, k, &tx) && tx.s) {
        e->fields[e->nfields].key = k;
        e->fields[e->nfields].value = tx;
        e->nfields++;
      }
    }
  }
  /* RenderCV's date rules: `date` wins; end alone is a date; start alone
   * runs to the present. */
  if (ydate && !yml_is_null(ydate)) {
    load_date(L, ydate, "date", false, &e->date);
    /* the others are still checked (a bad one is a mistake either way),
     * and said to be unused rather than dropped without a word */
    const struct yml *unused[2] = {ystart, yend};
    for (int i = 0; i < 2; i++) {
      if (!unused[i] || yml_is_null(unused[i]))
        continue;
      struct date d;
      int before = L->d->errors;
      load_date(L, unused[i], i ? "end_date" : "start_date", true, &d);
      if (!i && d.kind == DATE_PRESENT)
        diag_error(L->d, d.loc, "'start_date' cannot be 'present'");
      if (L->d->errors == before)
        diag_warn(L->d, unused[i]->loc,
                  "'%s' is not shown: this entry has 'date', which RenderCV "
                  "shows instead (write either 'date' or the range)",
                  i ? "end_date" : "start_date");
    }
  } else {
    load_date(L, ystart, "start_date", true, &e->start);
    load_date(L, yend, "end_date", true, &e->end);
    if (e->start.kind == DATE_PRESENT) {
      diag_error(L->d, e->start.loc, "'start_date' cannot be 'present'");
      e->start.kind = DATE_NONE;
    }
    if (e->start.kind == DATE_NONE && e->end.kind != DATE_NONE) {
      e->date = e->end;
      e->end.kind = DATE_NONE;
    } else if (e->start.kind != DATE_NONE && e->end.kind == DATE_NONE) {
      e->end.kind = DATE_PRESENT;
      e->end.loc = e->start.loc;
    }
    /* "present" is not checked: it means ongoing, and checking it against
     * today's date would make a file's validity depend on the day */
    bool dated_s = e->start.kind == DATE_YEAR || e->start.kind == DATE_ISO;
    bool dated_e = e->end.kind == DATE_YEAR || e->end.kind == DATE_ISO;
    if (dated_s && dated_e && date_before(&e->end, &e->start))
      diag_error(L->d, e->end.loc, "'end_date' is before 'start_date'");
  }
  /* an entry with an error is left out: the document will not be set */
  return L->d->errors == errors;
}

/* RenderCV's dictionary_key_to_proper_section_title: a key with a space
 * or an upper-case letter (Python's isupper, any script) is kept; else
 * '_' -> ' ' and each word but the small ones is capitalised (Python's
 * str.capitalize: its first character upper-cased, here by the C
 * library's Unicode tables, main.c's C.UTF-8). RenderCV makes no
 * exception for the first word: "of_mice_and_men" -> "of Mice and Men". */
const char *cv_section_title(struct arena *a, const char *key) {
  bool keep = false;
  for (const char *p = key; *p && !keep;) {
    uint32_t cp = utf8_next(&p);
    keep = cp == ' ' || iswupper((wint_t)cp);
  }
  if (keep)
    return key;
  static const char *const small[] = {
      "a",   "and",  "as",   "at",   "but",  "by",   "for", "from", "if",
      "in",  "into", "like", "near", "nor",  "of",   "off", "on",   "onto",
      "or",  "over", "so",   "than", "that", "to",   "upon", "when", "with",
      "yet"};
  size_t n = strlen(key);
  /* a capital may take a byte more than its small letter (U+0250 ->
   * U+2C6F, 2 bytes -> 3); only each word's first letter changes */
  char *out = arena_alloc(a, 2 * n + 1);
  size_t i = 0, o = 0;
  while (i < n) {
    size_t j = i;
    while (j < n && key[j] != '_')
      j++;
    bool is_small = false;
    for (int k = 0; k < COUNT(small); k++)
      if (strlen(small[k]) == j - i && strncmp(key + i, small[k], j - i) == 0)
        is_small = true;
    size_t k = i;
    if (!is_small && k < j) {
      const char *p = key + k;
      o += (size_t)utf8_encode(utf8_toupper(utf8_next(&p)), out + o);
      k = (size_t)(p - key);
    }
    memcpy(out + o, key + k, j - k);
    o += j - k;
    if (j < n)
      out[o++] = ' ';
    i = j + 1;
  }
  out[o] = 0;
  return out;
}

/* ---- header connections ---- */

struct network {
  const char *name;
  const char *prefix;
};
static const struct network NETWORKS[] = {
    {"LinkedIn", "https://linkedin.com/in/"},
    {"GitHub", "https://github.com/"},
    {"GitLab", "https://gitlab.com/"},
    {"IMDB", "https://imdb.com/name/"},
    {"Instagram", "https://instagram.com/"},
    {"ORCID", "https://orcid.org/"},
    {"Mastodon", NULL},
    {"StackOverflow", "https://stackoverflow.com/users/"},
    {"ResearchGate", "https://researchgate.net/profile/"},
    {"YouTube", "https://youtube.com/@"},
    {"Google Scholar", "https://scholar.google.com/citations?user="},
    {"Telegram", "https://t.me/"},
    {"WhatsApp", "https://wa.me/"},
    {"Leetcode", "https://leetcode.com/u/"},
    {"X", "https://x.com/"},
    {"Bluesky", "https://bsky.app/profile/"},
    {"Reddit", "https://reddit.com/user/"},
};

const char *const CV_NETWORKS[] = {
    "LinkedIn",       "GitHub",   "GitLab",   "IMDB",     "Instagram",
    "ORCID",          "Mastodon", "StackOverflow", "ResearchGate", "YouTube",
    "Google Scholar", "Telegram", "WhatsApp", "Leetcode", "X",
    "Bluesky",        "Reddit",   NULL};

static void add_conn(struct loader *L, struct cv *cv, const char *kind,
                     struct text display, const char *url) {
  cv->connections = arena_push(L->a, cv->connections,
                               (size_t)cv->nconnections, sizeof(struct connection));
  cv->connections[cv->nconnections++] =
      (struct connection){kind, display, url, {0}, NULL};
}

/* a list or a single string */
static void each_string(struct loader *L, const struct yml *v, const char *key,
                        void (*fn)(struct loader *, struct cv *, struct text),
                        struct cv *cv) {
  if (!v || yml_is_null(v))
    return;
  if (v->kind == YML_SEQ) {
    for (int i = 0; i < v->n; i++) {
      struct text t;
      if (get_text(L, v->kids[i], key, &t) && t.s)
        fn(L, cv, t);
    }
  } else {
    struct text t;
    if (get_text(L, v, key, &t) && t.s)
      fn(L, cv, t);
  }
}

static void conn_email(struct loader *L, struct cv *cv, struct text t) {
  /* "Ada Lovelace <ada@example.org>", which RenderCV's email type takes:
   * the address alone is shown, as RenderCV shows it */
  size_t n = strlen(t.s);
  const char *lt = strchr(t.s, '<');
  bool named = false; /* a name (not blank, no < or >) before <...> */
  for (const char *p = t.s; lt && p < lt; p++)
    named |= *p != ' ' && *p != '\t';
  for (const char *p = t.s; lt && p < lt; p++)
    named &= *p != '>';
  if (named && n && t.s[n - 1] == '>' && !strchr(lt + 1, '<') &&
      !memchr(lt + 1, '>', (size_t)(t.s + n - 1 - (lt + 1)))) {
    diag_note(L->d, t.loc,
              "'%s': the address alone is shown (the name before it is left "
              "out, as RenderCV does)",
              t.s);
    t.s = arena_strndup(L->a, lt + 1, (size_t)(t.s + n - 1 - (lt + 1)));
  }
  const char *at = strchr(t.s, '@');
  if (!at || at == t.s || !at[1] || strpbrk(t.s, " \t<>()[]\\,;:\"")) {
    diag_error(L->d, t.loc, "'%s' is not an email address", t.s);
    return;
  }
  add_conn(L, cv, "email", t, arena_printf(L->a, "mailto:%s", t.s));
}

static void conn_phone(struct loader *L, struct cv *cv, struct text t) {
  const char *s = strncmp(t.s, "tel:", 4) == 0 ? t.s + 4 : t.s;
  char digits[64];
  int n = 0;
  for (const char *p = s; *p; p++) {
    if (isdigit((unsigned char)*p) || (*p == '+' && n == 0)) {
      if (n < 60)
        digits[n++] = *p;
    } else if (!strchr(" -.()/", *p)) {
      diag_error(L->d, t.loc,
                 "'%s' is not a phone number (expected digits, spaces and "
                 "an optional leading '+')",
                 t.s);
      return;
    }
  }
  digits[n] = 0;
  if (n < 3) {
    diag_error(L->d, t.loc, "'%s' is not a phone number", t.s);
    return;
  }
  struct text shown = {s, t.loc};
  add_conn(L, cv, "phone", shown, arena_printf(L->a, "tel:%s", digits));
}

const char *cv_clean_url(struct arena *a, const char *url) {
  const char *s = url;
  if (strncmp(s, "https://", 8) == 0)
    s += 8;
  else if (strncmp(s, "http://", 7) == 0)
    s += 7;
  size_t n = strlen(s);
  if (n && s[n - 1] == '/')
    n--;
  return arena_strndup(a, s, n);
}

static void conn_website(struct loader *L, struct cv *cv, struct text t) {
  if (strncmp(t.s, "http://", 7) && strncmp(t.s, "https://", 8)) {
    diag_error(L->d, t.loc,
               "expected a web address starting with http:// or https:// "
               "for 'website', found '%s'",
               t.s);
    return;
  }
  if (strpbrk(t.s, " \t<>\"")) {
    diag_error(L->d, t.loc, "'%s' is not a valid web address", t.s);
    return;
  }
  struct text shown = {cv_clean_url(L->a, t.s), t.loc};
  add_conn(L, cv, "website", shown, t.s);
}

static void load_socials(struct loader *L, const struct yml *v, struct cv *cv) {
  if (!v || yml_is_null(v))
    return;
  if (v->kind != YML_SEQ) {
    diag_error(L->d, v->loc, "expected a list for 'social_networks', found %s",
               yml_kind_name(v));
    return;
  }
  const char *names[COUNT(NETWORKS)];
  for (int i = 0; i < COUNT(NETWORKS); i++)
    names[i] = NETWORKS[i].name;
  for (int i = 0; i < v->n; i++) {
    const struct yml *m = v->kids[i];
    if (m->kind != YML_MAP) {
      diag_error(L->d, m->loc,
                 "expected a mapping with 'network' and 'username', "
                 "found %s",
                 yml_kind_name(m));
      continue;
    }
    struct text net = {0}, user = {0};
    for (int k = 0; k < m->n; k++) {
      const char *key = m->keys[k]->s;
      if (strcmp(key, "network") == 0)
        get_text(L, m->kids[k], key, &net);
      else if (strcmp(key, "username") == 0)
        get_text(L, m->kids[k], key, &user);
      else {
        static const char *const sk[] = {"network", "username"};
        unknown_key(L, m->keys[k], "a social network", sk, 2);
      }
    }
    if (!net.s || !user.s) {
      diag_error(L->d, m->loc,
                 "a social network needs 'network' and 'username'");
      continue;
    }
    if (!user.s[strspn(user.s, " \t")]) {
      diag_error(L->d, user.loc,
                 "the username is empty: write the name you have on %s (it "
                 "makes the link)",
                 net.s);
      continue;
    }
    int found = -1;
    for (int k = 0; k < COUNT(NETWORKS); k++)
      if (strcmp(net.s, NETWORKS[k].name) == 0)
        found = k;
    /* RenderCV 1.x's spellings (to 1.13): Orcid, and Twitter, now X */
    static const char *const older_net[][2] = {{"Orcid", "ORCID"},
                                               {"Twitter", "X"}};
    for (int j = 0; j < 2 && found < 0; j++) {
      if (strcmp(net.s, older_net[j][0]))
        continue;
      diag_older(L->d, net.loc,
                 &(struct older_fix){.value = older_net[j][1],
                                     .spelling = true},
                 "the network '%s' is an older RenderCV name; it is now '%s'",
                 net.s, older_net[j][1]);
      for (int k = 0; k < COUNT(NETWORKS); k++)
        if (!strcmp(older_net[j][1], NETWORKS[k].name))
          found = k;
    }
    if (found < 0) {
      const char *s = diag_suggest(net.s, names, COUNT(NETWORKS));
      if (s)
        diag_error(L->d, net.loc,
                   "unknown social network '%s' (did you mean '%s'?)", net.s,
                   s);
      else
        diag_error(L->d, net.loc,
                   "unknown social network '%s'; known networks: "
                   "LinkedIn, GitHub, GitLab, IMDB, Instagram, ORCID, "
                   "Mastodon, StackOverflow, ResearchGate, YouTube, "
                   "Google Scholar, Telegram, WhatsApp, Leetcode, X, "
                   "Bluesky, Reddit",
                   net.s);
      continue;
    }
    const char *url;
    if (!NETWORKS[found].prefix) { /* Mastodon: @user@domain */
      const char *u = user.s[0] == '@' ? user.s + 1 : user.s;
      const char *at = strchr(u, '@');
      if (!at || at == u || !at[1]) {
        diag_error(L->d, user.loc,
                   "a Mastodon username looks like @name@instance.org");
        continue;
      }
      url = arena_printf(L->a, "https://%s/@%.*s", at + 1, (int)(at - u), u);
    } else {
      const char *u = user.s;
      if (found == 9 && u[0] == '@') /* YouTube: no leading @ */
        u++;
      url = arena_printf(L->a, "%s%s", NETWORKS[found].prefix, u);
    }
    if (strpbrk(user.s, " \t<>\"")) {
      diag_error(L->d, user.loc, "a username cannot contain spaces or <>\"");
      continue;
    }
    add_conn(L, cv, NETWORKS[found].name, user, url);
    cv->connections[cv->nconnections - 1].username = user.s;
  }
}

static void load_custom(struct loader *L, const struct yml *v, struct cv *cv) {
  if (!v || yml_is_null(v))
    return;
  if (v->kind != YML_SEQ) {
    diag_error(L->d, v->loc,
               "expected a list for 'custom_connections', found %s",
               yml_kind_name(v));
    return;
  }
  static const char *const ck[] = {"placeholder", "url", "fontawesome_icon"};
  for (int i = 0; i < v->n; i++) {
    const struct yml *m = v->kids[i];
    if (m->kind != YML_MAP) {
      diag_error(L->d, m->loc,
                 "expected a mapping with 'placeholder' and 'url', found %s",
                 yml_kind_name(m));
      continue;
    }
    struct text ph = {0}, url = {0}, icon = {0};
    for (int k = 0; k < m->n; k++) {
      const char *key = m->keys[k]->s;
      if (strcmp(key, "placeholder") == 0)
        get_text(L, m->kids[k], key, &ph);
      else if (strcmp(key, "url") == 0)
        get_text(L, m->kids[k], key, &url);
      else if (strcmp(key, "fontawesome_icon") == 0)
        get_text(L, m->kids[k], key, &icon);
      else
        unknown_key(L, m->keys[k], "a custom connection", ck, COUNT(ck));
    }
    if (!ph.s) {
      diag_error(L->d, m->loc, "a custom connection needs 'placeholder'");
      continue;
    }
    add_conn(L, cv, "custom", ph, url.s);
    cv->connections[cv->nconnections - 1].icon = icon;
  }
}

/* settings.render_command (RenderCV's): output paths and switches, read
 * for main.c; its design and locale files are doc.c's (here only their
 * type is checked). */
static void get_render_command(struct loader *L, const struct yml *key_,
                               const struct yml *val,
                               struct render_command *r) {
  if (yml_is_null(val))
    return;
  if (val->kind != YML_MAP) {
    diag_error(L->d, val->loc,
               "expected a mapping for 'render_command' (output_folder, "
               "pdf_path, ...), found %s",
               yml_kind_name(val));
    return;
  }
  r->at = key_->loc;
  const char **paths[] = {&r->output_folder, NULL, NULL, &r->typst_path,
                          &r->pdf_path, &r->markdown_path, &r->html_path,
                          &r->png_path};
  bool *flags[] = {&r->no_markdown, &r->no_html, &r->no_typst, &r->no_pdf,
                   &r->no_png};
  /* RenderCV 1.x-2.3's keys: renamed, or with no meaning for cvpdf */
  static const struct {
    const char *old, *now, *why;
  } older[] = {
      {"output_folder_name", "output_folder", NULL},
      {"locale_catalog", "locale", NULL},
      {"rendercv_settings", NULL, NULL}, /* doc.c reads it */
      {"latex_path", NULL, "cvpdf writes no LaTeX source"},
      {"use_local_latex_command", NULL, "cvpdf runs no LaTeX"},
      {"watch", NULL, "cvpdf follows its inputs with --watch"}};
  for (int i = 0; i < val->n; i++) {
    const struct yml *key = val->keys[i], *v = val->kids[i];
    const char *name = key->s;
    for (int j = 0; j < COUNT(older); j++) {
      if (strcmp(name, older[j].old))
        continue;
      if (!older[j].now && !older[j].why) /* a settings file: read */
        break;
      struct older_fix fix = {0};
      if (older[j].now) {
        fix.now = arena_printf(L->a, "settings.render_command.%s",
                               older[j].now);
        diag_older(L->d, key->loc, &fix,
                   "'settings.render_command.%s' is an older RenderCV name; "
                   "it is now '%s'",
                   name, fix.now);
        name = older[j].now;
      } else {
        diag_older(L->d, key->loc, &fix,
                   "'settings.render_command.%s' (an older RenderCV's) is "
                   "left out: %s",
                   name, older[j].why);
        name = NULL;
      }
      break;
    }
    if (!name)
      continue;
    if (!strcmp(name, "rendercv_settings")) { /* (doc.c reads the file) */
      if (!yml_is_null(v) && (v->kind != YML_SCALAR || !*v->s))
        diag_error(L->d, v->loc, "expected a path for '%s', found %s", name,
                   v->kind == YML_SCALAR ? "an empty string"
                                         : yml_kind_name(v));
      continue;
    }
    int k = 0;
    while (k < COUNT(RENDER_KEYS) && strcmp(name, RENDER_KEYS[k]))
      k++;
    if (k == COUNT(RENDER_KEYS)) {
      unknown_key(L, key, "'settings.render_command'", RENDER_KEYS,
                  COUNT(RENDER_KEYS));
      continue;
    }
    if (yml_is_null(v))
      continue;
    if (k < 8) { /* a path */
      if (v->kind != YML_SCALAR || !*v->s) {
        diag_error(L->d, v->loc, "expected a path for '%s', found %s",
                   key->s, v->kind == YML_SCALAR ? "an empty string"
                                                 : yml_kind_name(v));
        continue;
      }
      if (paths[k])
        *paths[k] = v->s;
    } else if (v->kind == YML_SCALAR && !v->quoted &&
               (!strcmp(v->s, "true") || !strcmp(v->s, "True") ||
                !strcmp(v->s, "false") || !strcmp(v->s, "False"))) {
      *flags[k - 8] = v->s[0] == 't' || v->s[0] == 'T';
    } else {
      diag_error(L->d, v->loc, "expected true or false for '%s', found %s",
                 key->s, v->kind == YML_SCALAR ? v->s : yml_kind_name(v));
      continue;
    }
    r->set |= k != 1 && k != 2; /* an output's: not the design or locale */
  }
}

/* RenderCV 2.x's sort_entries (in `cv` before 2.4, then in `settings`):
 * none, chronological or reverse-chronological. */
static void get_sort(struct loader *L, const struct yml *v, struct cv *cv) {
  static const char *const orders[] = {"none", "chronological",
                                       "reverse-chronological"};
  if (yml_is_null(v))
    return;
  for (int i = 0; i < 3; i++)
    if (v->kind == YML_SCALAR && strcmp(v->s, orders[i]) == 0) {
      cv->sort = i;
      return;
    }
  diag_error(L->d, v->loc,
             "expected none, chronological or reverse-chronological for "
             "'sort_entries', found %s%s%s",
             v->kind == YML_SCALAR ? "'" : "",
             v->kind == YML_SCALAR ? v->s : yml_kind_name(v),
             v->kind == YML_SCALAR ? "'" : "");
}

static void load_settings(struct loader *L, const struct yml *v, struct cv *cv,
                          int *today, bool older) {
  if (!v || yml_is_null(v))
    return;
  if (v->kind != YML_MAP) {
    diag_error(L->d, v->loc, "expected a mapping for 'settings', found %s",
               yml_kind_name(v));
    return;
  }
  for (int i = 0; i < v->n; i++) {
    const char *k = v->keys[i]->s;
    const struct yml *val = v->kids[i];
    if (strcmp(k, "date") == 0) /* RenderCV 1.x */
      diag_older(L->d, v->keys[i]->loc,
                 &(struct older_fix){.now = "settings.current_date"},
                "'settings.date' is an older RenderCV name; it is now "
                "'settings.current_date'");
    if (strcmp(k, "current_date") == 0 || strcmp(k, "date") == 0) {
      if (val->kind != YML_SCALAR) {
        diag_error(L->d, val->loc,
                   "expected a date (YYYY-MM-DD) or 'today' for "
                   "'current_date'");
        continue;
      }
      if (strcmp(val->s, "today") == 0)
        continue;
      struct date d;
      const char *why;
      if (!cv_parse_date(val->s, true, &d, &why) || d.kind != DATE_ISO) {
        diag_error(L->d, val->loc,
                   "invalid date '%s' for 'current_date': expected "
                   "YYYY-MM-DD or 'today'",
                   val->s);
        continue;
      }
      today[0] = d.year;
      today[1] = d.month ? d.month : 1;
      today[2] = d.day ? d.day : 1;
    } else if (strcmp(k, "bold_keywords") == 0) {
      if (yml_is_null(val))
        continue;
      if (val->kind != YML_SEQ) {
        diag_error(L->d, val->loc,
                   "expected a list of words for 'bold_keywords', "
                   "found %s",
                   yml_kind_name(val));
        continue;
      }
      cv->bold_keywords = arena_alloc(L->a, sizeof(char *) * (size_t)(val->n + 1));
      for (int j = 0; j < val->n; j++) {
        struct text t;
        if (get_text(L, val->kids[j], k, &t) && t.s && *t.s)
          cv->bold_keywords[cv->nbold_keywords++] = t.s;
      }
    } else if (strcmp(k, "pdf_title") == 0) {
      get_text(L, val, k, &cv->pdf_title);
    } else if (strcmp(k, "sort_entries") == 0) {
      get_sort(L, val, cv);
    } else if (strcmp(k, "pdf_standard") == 0) {
      /* cvpdf's: the PDF's standard, as --pdf-standard (which wins) */
      if (yml_is_null(val))
        continue;
      if (val->kind != YML_SCALAR ||
          (strcmp(val->s, "ua-1") && strcmp(val->s, "a-2b") &&
           strcmp(val->s, "a-2u") && strcmp(val->s, "a-2a") &&
           strcmp(val->s, "none"))) {
        diag_error(L->d, val->loc,
                   "'pdf_standard' takes ua-1 (a tagged PDF, the default), "
                   "a-2b, a-2u or a-2a (PDF/A-2, tagged too) or none, not %s",
                   val->kind == YML_SCALAR ? val->s : yml_kind_name(val));
        continue;
      }
      cv->pdf_standard = val->s;
    } else if (strcmp(k, "render_command") == 0) {
      get_render_command(L, v->keys[i], val, &cv->render);
    } else if (older) {
      /* RenderCV 2.4 to 2.6 ignored a `rendercv_settings` block (any key
       * of the top level); a key 2.0 to 2.3 did not know there says that
       * the file was written for them */
      ignored_key(L, v->keys[i], "'rendercv_settings'", SETTINGS_KEYS,
                  COUNT(SETTINGS_KEYS),
                  "as RenderCV 2.4 to 2.6 ignored it (2.0 to 2.3 refuse it)",
                  NULL, 0, NULL);
    } else {
      unknown_key(L, v->keys[i], "'settings'", SETTINGS_KEYS,
                  COUNT(SETTINGS_KEYS));
    }
  }
}

/* An entry's date for sorting, as RenderCV 2.3 reads it (a date that is
 * no date sorts as missing): 0 when missing, else YYYYMMDD. */
static long sort_date(const struct cv *cv, const struct date *d) {
  switch (d->kind) {
  case DATE_YEAR:
  case DATE_ISO:
    return d->year * 10000L + (d->month ? d->month : 1) * 100L +
           (d->day ? d->day : 1);
  case DATE_PRESENT:
    return cv->today_year * 10000L + cv->today_month * 100L + cv->today_day;
  default:
    return 0;
  }
}

struct sort_key {
  long end, start;
  int at; /* the file's order, which ties keep */
};

static int by_date(const void *a, const void *b) {
  const struct sort_key *x = a, *y = b;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->at - y->at;
}

/* Every section's entries in date order (RenderCV 2.3's
 * sort_entries_by_date): by end date then start date (a `date` is both),
 * an entry without one last either way; ties keep the file's order. */
static void sort_sections(struct loader *L, struct cv *cv) {
  for (int i = 0; i < cv->nsections; i++) {
    struct section *s = &cv->sections[i];
    if (s->n < 2)
      continue;
    bool rev = cv->sort == 2;
    long none = rev ? 0 : 99999999L;
    struct sort_key *k = arena_alloc(L->a, sizeof *k * (size_t)s->n);
    for (int j = 0; j < s->n; j++) {
      const struct entry *e = &s->entries[j];
      long d = sort_date(cv, &e->date);
      long end = d ? d : sort_date(cv, &e->end);
      long start = d ? d : sort_date(cv, &e->start);
      k[j] = (struct sort_key){end ? end : none, start ? start : none, j};
      if (rev) { /* descending: negated; ties still in the file's order */
        k[j].end = -k[j].end;
        k[j].start = -k[j].start;
      }
    }
    qsort(k, (size_t)s->n, sizeof *k, by_date);
    struct entry *v = arena_alloc(L->a, sizeof *v * (size_t)s->n);
    for (int j = 0; j < s->n; j++)
      v[j] = s->entries[k[j].at];
    memcpy(s->entries, v, sizeof *v * (size_t)s->n);
  }
}

static void load_sections(struct loader *L, const struct yml *v,
                          struct cv *cv) {
  if (!v || yml_is_null(v))
    return;
  if (v->kind != YML_MAP) {
    diag_error(L->d, v->loc,
               "expected a mapping from section titles to lists of "
               "entries for 'sections', found %s",
               yml_kind_name(v));
    return;
  }
  cv->sections = arena_alloc(L->a, sizeof(struct section) * (size_t)(v->n + 1));
  for (int i = 0; i < v->n; i++) {
    const struct yml *list = v->kids[i];
    struct section *s = &cv->sections[cv->nsections];
    s->key = v->keys[i]->s;
    s->loc = v->keys[i]->loc;
    s->title = cv_section_title(L->a, s->key);
    if (yml_is_null(list)) {
      cv->nsections++;
      continue;
    }
    if (list->kind == YML_MAP) { /* cvpdf's: {tags: [...], entries: [...]} */
      const struct yml *entries = NULL;
      const char **tags = NULL;
      int ntags = 0;
      for (int k = 0; k < list->n; k++) {
        if (!strcmp(list->keys[k]->s, "entries"))
          entries = list->kids[k];
        else if (!strcmp(list->keys[k]->s, "tags"))
          tags = get_tags(L, list->kids[k], &ntags);
        else {
          static const char *const sk[] = {"entries", "tags"};
          unknown_key(L, list->keys[k], "a section given as a mapping", sk,
                      2);
        }
      }
      if (!entries) {
        diag_error(L->d, list->loc,
                   "a section given as a mapping needs 'entries' (its list "
                   "of entries; 'tags' says which variants show it)");
        continue;
      }
      if (!tags_keep(L, tags, ntags))
        continue; /* not in this variant */
      list = entries;
      if (yml_is_null(list)) {
        cv->nsections++;
        continue;
      }
    }
    if (list->kind != YML_SEQ) {
      diag_error(L->d, list->loc,
                 "expected a list of entries for section '%s', found %s",
                 s->key, yml_kind_name(list));
      continue;
    }
    s->entries = arena_alloc(L->a, sizeof(struct entry) * (size_t)(list->n + 1));
    char at[512];
    snprintf(at, sizeof at, "cv.sections.%s.%s#", s->key,
             list == v->kids[i] ? "" : "entries.");
    L->entries_at = at;
    for (int j = 0; j < list->n; j++)
      if (load_entry(L, list->kids[j], &s->entries[s->n]) &&
          tags_keep(L, s->entries[s->n].tags, s->entries[s->n].ntags))
        s->n++;
    L->entries_at = NULL;
    if (list->n && !s->n && L->d->errors == 0 && L->f)
      continue; /* every entry left out of this variant: no section */
    /* numbering: 1..N for numbered entries, N..1 for reversed ones, in
     * each run of entries that `restart_numbering` starts */
    for (int from = 0; from < s->n;) {
      int to = from + 1;
      while (to < s->n && !s->entries[to].restart)
        to++;
      int reversed = 0, rn = 0, nn = 0;
      for (int j = from; j < to; j++)
        reversed += s->entries[j].kind == ENTRY_REVERSED;
      for (int j = from; j < to; j++) {
        if (s->entries[j].kind == ENTRY_NUMBERED)
          s->entries[j].number = ++nn;
        else if (s->entries[j].kind == ENTRY_REVERSED)
          s->entries[j].number = reversed - rn++;
      }
      from = to;
    }
    cv->nsections++;
  }
}

bool cv_load(struct ctx *c, struct yml *root, struct cv *cv) {
  return cv_load_tagged(c, root, cv, NULL);
}

int cv_variants(struct arena *a, struct diag *d, const struct yml *root,
                struct variant **out) {
  *out = NULL;
  const struct yml *v = root->kind == YML_MAP ? yml_get(root, "variants") : NULL;
  if (!v || yml_is_null(v))
    return 0;
  struct loader L = {NULL, a, d, NULL, NULL, NULL};
  if (v->kind != YML_SEQ) {
    diag_error(d, v->loc,
               "expected a list of variants for 'variants' (each with "
               "'output', and 'tags', 'exclude_tags', 'theme', "
               "'fit_to_pages'), found %s",
               yml_kind_name(v));
    return 0;
  }
  if (v->n > CV_MAX_VARIANTS) { /* each is a whole render */
    diag_error(d, v->loc, "%d variants: at most %d can be made from one CV",
               v->n, CV_MAX_VARIANTS);
    return 0;
  }
  static const char *const keys[] = {"output", "tags", "exclude_tags",
                                     "theme", "fit_to_pages"};
  struct variant *vs = arena_alloc(a, sizeof *vs * (size_t)(v->n + 1));
  int n = 0;
  for (int i = 0; i < v->n; i++) {
    const struct yml *m = v->kids[i];
    int errors = d->errors;
    struct variant x;
    memset(&x, 0, sizeof x);
    x.loc = m->loc;
    if (m->kind != YML_MAP) {
      diag_error(d, m->loc, "expected a variant (a mapping with 'output' "
                            "and its 'tags'), found %s",
                 yml_kind_name(m));
      continue;
    }
    for (int k = 0; k < m->n; k++) {
      const char *key = m->keys[k]->s;
      const struct yml *val = m->kids[k];
      if (!strcmp(key, "tags"))
        x.tags.want = get_tags(&L, val, &x.tags.nwant);
      else if (!strcmp(key, "exclude_tags"))
        x.tags.drop = get_tags(&L, val, &x.tags.ndrop);
      else if (!strcmp(key, "output") || !strcmp(key, "theme")) {
        if (val->kind != YML_SCALAR || yml_is_null(val) || !*val->s ||
            (key[0] == 'o' && (strchr(val->s, '/') || !strcmp(val->s, ".") ||
                               !strcmp(val->s, ".."))))
          diag_error(d, val->loc,
                     key[0] == 'o' ? "expected a file name for 'output' "
                                     "(no folder: it goes beside the CV, or "
                                     "in -o's folder)"
                                   : "expected a theme's name for 'theme'");
        else if (key[0] == 'o')
          x.output = val->s;
        else
          x.theme = val->s;
      } else if (!strcmp(key, "fit_to_pages")) {
        char *end = NULL;
        long p = val->kind == YML_SCALAR ? strtol(val->s, &end, 10) : 0;
        if (!end || *end || p < 1 || p > 100)
          diag_error(d, val->loc, "expected a number of pages (1 to 100) "
                                  "for 'fit_to_pages'");
        else
          x.fit_pages = (int)p;
      } else {
        unknown_key(&L, m->keys[k], "a variant", keys, COUNT(keys));
      }
    }
    if (!x.output && d->errors == errors)
      diag_error(d, m->loc, "a variant needs 'output' (the file it makes)");
    for (int k = 0; k < n && d->errors == errors; k++)
      if (!strcmp(vs[k].output, x.output))
        diag_error(d, m->loc, "two variants make '%s' (the other at line "
                              "%d)",
                   x.output, vs[k].loc.line);
    if (d->errors == errors)
      vs[n++] = x;
  }
  *out = vs;
  return n;
}

bool cv_load_tagged(struct ctx *c, struct yml *root, struct cv *cv,
                    const struct tag_filter *f) {
  struct loader L = {c, &c->doc, c->diag, NULL, NULL, NULL};
  if (f && f->nwant + f->ndrop > 0) {
    L.f = f;
    L.used = arena_alloc(L.a, sizeof(bool) * (size_t)(f->nwant + f->ndrop));
    memset(L.used, 0, sizeof(bool) * (size_t)(f->nwant + f->ndrop));
  }
  int errors = c->diag->errors;
  memset(cv, 0, sizeof *cv);
  if (root->kind != YML_MAP) {
    diag_error(L.d, root->loc,
               "expected a mapping with a 'cv' key at the top of the "
               "file, found %s",
               yml_kind_name(root));
    return false;
  }
  /* today: settings.current_date, else SOURCE_DATE_EPOCH, else the clock
   * (time spans to "present" count to it) */
  time_t now = time(NULL);
  struct tm tmv;
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  if (sde && *sde)
    now = (time_t)strtoll(sde, NULL, 10);
  gmtime_r(&now, &tmv);
  int today[3] = {tmv.tm_year + 1900, tmv.tm_mon + 1, tmv.tm_mday};
  const struct yml *settings = yml_get(root, "settings");
  bool older = !settings; /* RenderCV before 2.4's rendercv_settings */
  for (int i = 0; i < root->n && settings; i++)
    if (root->kids[i] == settings && root->keys[i]->was)
      older = true; /* doc.c named it settings */
  if (!settings)
    settings = yml_get(root, "rendercv_settings");
  load_settings(&L, settings, cv, today, older);
  cv->today_year = today[0];
  cv->today_month = today[1];
  cv->today_day = today[2];

  const struct yml *ycv = NULL;
  for (int i = 0; i < root->n; i++) {
    const char *k = root->keys[i]->s;
    if (strcmp(k, "cv") == 0)
      ycv = root->kids[i];
    else if (strcmp(k, "design") == 0)
      cv->design = root->kids[i];
    else if (strcmp(k, "locale") == 0)
      cv->locale = root->kids[i];
    else if (strcmp(k, "settings") == 0)
      ;
    else if (strcmp(k, "variants") == 0) { /* checked here, made by main.c */
      struct variant *vs;
      cv_variants(L.a, L.d, root, &vs);
    }
    else if (strcmp(k, "$schema") == 0) { /* where an editor finds the
                                            schema; nothing else */
      if (root->kids[i]->kind != YML_SCALAR || yml_is_null(root->kids[i]))
        diag_error(L.d, root->kids[i]->loc,
                   "expected the address of a JSON Schema for '$schema', "
                   "found %s",
                   yml_kind_name(root->kids[i]));
    }
    else if (strcmp(k, "rendercv_settings") == 0)
      diag_older(L.d, root->keys[i]->loc, &(struct older_fix){.now = "settings"},
                "'rendercv_settings' is an older RenderCV name; it is now "
                "'settings'");
    else if (strcmp(k, "locale_catalog") == 0) {
      diag_older(L.d, root->keys[i]->loc, &(struct older_fix){.now = "locale"},
                "'locale_catalog' is an older RenderCV name; it is now "
                "'locale'");
      if (!cv->locale)
        cv->locale = root->kids[i];
    } else
      ignored_key(&L, root->keys[i], "the top level", TOP_KEYS,
                  COUNT(TOP_KEYS),
                  "as RenderCV 2.4 to 2.6 did (others refuse it)", CV_KEYS,
                  COUNT(CV_KEYS), "it belongs under 'cv'");
  }
  if (!ycv) {
    diag_error(L.d, root->loc,
               "missing 'cv': the file needs a 'cv' mapping with the "
               "CV's content");
    return false;
  }
  if (ycv->kind != YML_MAP) {
    diag_error(L.d, ycv->loc, "expected a mapping for 'cv', found %s",
               yml_kind_name(ycv));
    return false;
  }
  for (int i = 0; i < ycv->n; i++) {
    const char *k = ycv->keys[i]->s;
    const struct yml *v = ycv->kids[i];
    if (strcmp(k, "name") == 0)
      get_text(&L, v, k, &cv->name);
    else if (strcmp(k, "headline") == 0)
      get_text(&L, v, k, &cv->headline);
    else if (strcmp(k, "label") == 0) { /* RenderCV 1.x (to 1.10) */
      diag_older(L.d, ycv->keys[i]->loc,
                 &(struct older_fix){.now = "cv.headline"},
                 "'cv.label' is an older RenderCV name; it is now "
                 "'cv.headline'");
      if (!yml_get(ycv, "headline")) /* cv.headline wins */
        get_text(&L, v, "headline", &cv->headline);
    }
    else if (strcmp(k, "location") == 0) {
      struct text t;
      if (get_text(&L, v, k, &t) && t.s)
        add_conn(&L, cv, "location", t, NULL);
    } else if (strcmp(k, "email") == 0)
      each_string(&L, v, k, conn_email, cv);
    else if (strcmp(k, "phone") == 0)
      each_string(&L, v, k, conn_phone, cv);
    else if (strcmp(k, "website") == 0)
      each_string(&L, v, k, conn_website, cv);
    else if (strcmp(k, "social_networks") == 0)
      load_socials(&L, v, cv);
    else if (strcmp(k, "custom_connections") == 0)
      load_custom(&L, v, cv);
    else if (strcmp(k, "sections") == 0)
      load_sections(&L, v, cv);
    else if (strcmp(k, "photo") == 0)
      get_text(&L, v, k, &cv->photo); /* read and checked by layout */
    else if (strcmp(k, "sort_entries") == 0) {
      diag_older(L.d, ycv->keys[i]->loc,
                 &(struct older_fix){.now = "settings.sort_entries"},
                 "'cv.sort_entries' is an older RenderCV name; it is now "
                 "'settings.sort_entries'");
      if (!cv->sort) /* settings.sort_entries wins */
        get_sort(&L, v, cv);
    } else if (!is_known(k, CV_KEYS, COUNT(CV_KEYS)))
      ignored_key(&L, ycv->keys[i], "'cv'", CV_KEYS, COUNT(CV_KEYS),
                  "as RenderCV 1.13 to 2.6 did (2.7 refuses it)", TOP_KEYS,
                  COUNT(TOP_KEYS), "it belongs at the top level, not under "
                  "'cv'");
  }
  if (cv->sort)
    sort_sections(&L, cv);
  for (int k = 0; L.f && k < f->nwant + f->ndrop; k++)
    if (!L.used[k]) /* a misspelt tag would select nothing, silently */
      diag_note(c->diag, (struct loc){ycv ? ycv->loc.file : NULL, 0, 0},
                "nothing in the CV carries the tag '%s' (%s)",
                k < f->nwant ? f->want[k] : f->drop[k - f->nwant],
                k < f->nwant ? "--tags" : "--exclude-tags");
  return c->diag->errors == errors;
}
