/* yml.c: libyaml events -> struct yml tree (see yml.h).
 *
 * The text is checked before libyaml sees it, for precise positions: a
 * UTF-8 byte-order mark is skipped (so columns count from after it), and
 * UTF-16, NUL bytes, invalid UTF-8, lone carriage returns and byte-order
 * marks at a later line's start are errors. Then some characters are
 * hidden from libyaml behind noncharacters that the file does not use (one
 * character each, so lines and columns stay as they are) and put back in
 * the scalars: a `*` that starts a value and names no anchor (RenderCV
 * reads it as text), and U+2028, U+2029 and U+0085, which YAML 1.1 (libyaml)
 * takes for line breaks and YAML 1.2 and cvpdf's messages for text.
 *
 * The event API (not libyaml's document API) is used so that aliases can be
 * resolved to shared nodes while counting their expanded size: a "billion
 * laughs" file fails at the first alias that crosses a budget (the values,
 * or the text repeated), before any memory is spent on it. Anchors live in
 * a hash table, so any number of them costs time in proportion. Duplicate
 * keys are checked, and merge keys resolved, when a mapping closes. An
 * empty value whose line goes on with a comment that looks like the value
 * meant (`color: #003366`) is marked on its node and warned about.
 * libyaml's syntax errors are told apart by its problem and context
 * strings (those of libyaml 0.2) and explained with the source line at
 * hand, at libyaml's position; anything not recognised keeps libyaml's
 * own words.
 */
#include "yml.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "utf8.h"

/* ---- a hash table of strings (anchors, a mapping's keys) ---- */

struct strtab_entry {
  const char *s;
  size_t n;
  void *v;
};

struct strtab {
  struct strtab_entry *e;
  size_t cap, used; /* cap is 0 or a power of two */
  uint64_t seed;
};

/* FNV-1a from a seed, then mixed (murmur3's finalizer) so that the low
 * bits, the index, depend on every byte. The seed is the table's address,
 * random from run to run: a file cannot be made of keys that all land in
 * one place and turn each lookup into a walk over the table. */
static uint64_t str_hash(uint64_t seed, const char *s, size_t n) {
  uint64_t h = 14695981039346656037u ^ seed;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 1099511628211u;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdu;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53u;
  h ^= h >> 33;
  return h;
}

static void strtab_init(struct arena *a, struct strtab *t, size_t want) {
  size_t cap = 8;
  while (cap < want * 2)
    cap *= 2;
  t->e = arena_alloc(a, sizeof *t->e * cap);
  t->cap = cap;
  t->used = 0;
  t->seed = (uint64_t)(uintptr_t)t->e * 0x9E3779B97F4A7C15u;
}

/* The entry for s[0..n): found, or new with v == NULL. The table grows
 * at half full (the old array stays in the arena: less than the new). */
static struct strtab_entry *strtab_at(struct arena *a, struct strtab *t,
                                      const char *s, size_t n) {
  if (!t->cap)
    strtab_init(a, t, 8);
  if (2 * (t->used + 1) > t->cap) {
    struct strtab old = *t;
    strtab_init(a, t, old.cap);
    for (size_t i = 0; i < old.cap; i++)
      if (old.e[i].s) {
        size_t j = str_hash(t->seed, old.e[i].s, old.e[i].n) & (t->cap - 1);
        while (t->e[j].s)
          j = (j + 1) & (t->cap - 1);
        t->e[j] = old.e[i];
        t->used++;
      }
  }
  size_t j = str_hash(t->seed, s, n) & (t->cap - 1);
  while (t->e[j].s) {
    if (t->e[j].n == n && memcmp(t->e[j].s, s, n) == 0)
      return &t->e[j];
    j = (j + 1) & (t->cap - 1);
  }
  t->e[j].s = s;
  t->e[j].n = n;
  t->used++;
  return &t->e[j];
}

static void *strtab_get(const struct strtab *t, const char *s, size_t n) {
  if (!t->cap)
    return NULL;
  size_t j = str_hash(t->seed, s, n) & (t->cap - 1);
  while (t->e[j].s) {
    if (t->e[j].n == n && memcmp(t->e[j].s, s, n) == 0)
      return t->e[j].v;
    j = (j + 1) & (t->cap - 1);
  }
  return NULL;
}

/* ---- the builder ---- */

struct builder {
  struct arena *a;
  struct diag *d;
  const char *file;
  const char *buf; /* what libyaml reads (hidden characters in it) */
  size_t len;
  struct yml_limits lim;
  size_t total;      /* expanded nodes so far */
  size_t repeated;   /* bytes of text that aliases repeated so far */
  struct yml *stack[256];
  bool flow[256];    /* stack[i] is a flow collection ([...] or {...}) */
  VEC(struct yml *) items[256]; /* children collected per open node */
  int depth;
  struct strtab anchors; /* name -> node; a later one replaces */
  bool hidden;           /* buf has hidden characters */
  unsigned char mk[4];   /* U+FDD0 + mk[i] - 0x90 hides hidden_as[i] */
  bool failed;
  bool json; /* the text is JSON (it opens with '{'): a key given twice is
                the last one, as JSON's readers take it */
  /* the last scalar, for "text after the closing quote" */
  yaml_scalar_style_t last_style;
  yaml_mark_t last_start, last_end;
  /* a cursor into buf: byte `off` is line `line`, column `col`; marks come
   * in file order, so finding each from the last is linear in all */
  int cur_line, cur_col;
  size_t cur_off, cur_line_off; /* and where line `line` starts */
};

/* ---- characters hidden from libyaml ---- */

/* Four noncharacters among U+FDD0..U+FDEF ("\xEF\xB7\x90".."\xAF"),
 * which neither the file nor an escape in it (\uFDD0) holds, stand for
 * these (b->mk: their last bytes); each is one character, as what it
 * hides. Noncharacters a file does hold stay as they are. */
static const char *const hidden_as[4] = {"*", "\xE2\x80\xA8", "\xE2\x80\xA9",
                                         "\xC2\x85"};

/* which of hidden_as s[0..n) stands for, or -1 */
static int marker(const struct builder *b, const char *s, size_t n) {
  if (!b->hidden || n < 3 || (unsigned char)s[0] != 0xEF ||
      (unsigned char)s[1] != 0xB7)
    return -1;
  for (int i = 0; i < 4; i++)
    if ((unsigned char)s[2] == b->mk[i])
      return i;
  return -1;
}

/* Put hidden characters back (in place: the text only shrinks). */
static size_t unhide(const struct builder *b, char *s, size_t n) {
  size_t o = 0;
  for (size_t i = 0; i < n; i++) {
    int m = marker(b, s + i, n - i);
    if (m >= 0) {
      size_t hl = strlen(hidden_as[m]);
      memcpy(s + o, hidden_as[m], hl);
      o += hl;
      i += 2;
    } else {
      s[o++] = s[i];
    }
  }
  s[o] = 0;
  return o;
}

/* ---- positions ---- */

/* line:col of a byte offset (for our own checks and libyaml's reader
 * errors): lines end at '\n' only, as they do for libyaml once lone CRs
 * are refused and U+2028, U+2029 and U+0085 hidden. */
static struct loc offset_loc(const char *file, const char *buf, size_t len,
                             size_t off) {
  int line = 1, col = 1;
  for (size_t i = 0; i < off && i < len; i++) {
    if (buf[i] == '\n') {
      line++;
      col = 1;
    } else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
      col++;
    }
  }
  return (struct loc){file, line, col};
}

/* Text for a message, in o (room for SHOWN(max) bytes): at most `max`
 * bytes of s[0..n) (cut at a character, "..." added), hidden characters
 * put back, control characters written as \xNN so that a file cannot
 * drive the terminal. */
#define SHOWN(max) ((max) + 16)
static char *shown_in(const struct builder *b, char *o, const char *s,
                      size_t n, size_t max) {
  size_t k = 0, i = 0;
  for (; i < n && k < max; i++) {
    unsigned char c = (unsigned char)s[i];
    int m = marker(b, s + i, n - i);
    if (m >= 0) {
      i += 2;
      k += (size_t)sprintf(o + k, "%s", m == 3 ? "\\u0085" : hidden_as[m]);
    } else if (c < 0x20 || c == 0x7F) {
      k += (size_t)sprintf(o + k, "\\x%02X", c);
    } else if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
               (unsigned char)s[i + 1] <= 0x9F) { /* C1 controls */
      k += (size_t)sprintf(o + k, "\\u%04X", (unsigned char)s[i + 1]);
      i++;
    } else {
      o[k++] = (char)c;
    }
  }
  while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80) /* finish the char */
    o[k++] = s[i++];
  if (i < n) {
    memcpy(o + k, "...", 3);
    k += 3;
  }
  o[k] = 0;
  return o;
}

/* the same, in the arena (for an error: once) */
static const char *shown(struct builder *b, const char *s, size_t n,
                         size_t max) {
  return shown_in(b, arena_alloc(b->a, SHOWN(max)), s, n, max);
}

const char *yml_shown(struct arena *a, const char *s, size_t n, size_t max) {
  static const struct builder none; /* nothing hidden */
  return shown_in(&none, arena_alloc(a, SHOWN(max)), s, n, max);
}

/* s[0..n) as a YAML quoted value a user can paste, in o (room for
 * QUOTED bytes): double quotes unless it holds '"' or '\', then single
 * quotes (a ' doubled). */
#define QUOTED (2 * SHOWN(60) + 3)
static char *quoted_in(const struct builder *b, char *o, const char *s,
                       size_t n) {
  char t[SHOWN(60)];
  shown_in(b, t, s, n, 60);
  size_t k = 0;
  bool dq = !strchr(t, '"') && !strchr(t, '\\');
  o[k++] = dq ? '"' : '\'';
  for (size_t i = 0; t[i]; i++) {
    if (!dq && t[i] == '\'')
      o[k++] = '\'';
    o[k++] = t[i];
  }
  o[k++] = dq ? '"' : '\'';
  o[k] = 0;
  return o;
}

static const char *quoted_as(struct builder *b, const char *s, size_t n) {
  return quoted_in(b, arena_alloc(b->a, QUOTED), s, n);
}

static struct loc mark_loc(struct builder *b, yaml_mark_t m) {
  return (struct loc){b->file, (int)m.line + 1, (int)m.column + 1};
}

/* Byte offset of line:col (1-based; libyaml's columns count characters,
 * its mark.index too, which is therefore no byte offset). Past the end of
 * its line: the line's end; past the text: len. From the cursor, forward
 * or back: what is asked for is at or near the last place asked. */
static size_t byte_at(struct builder *b, int line, int col) {
  if (b->cur_line < 1) {
    b->cur_line = b->cur_col = 1;
    b->cur_off = b->cur_line_off = 0;
  }
  if (line < b->cur_line || (line == b->cur_line && col < b->cur_col)) {
    b->cur_off = b->cur_line_off; /* back to the line's start */
    b->cur_col = 1;
  }
  while (b->cur_line > line && b->cur_off > 0) { /* back a line */
    size_t s = b->cur_off - 1; /* the '\n' before the line */
    while (s > 0 && b->buf[s - 1] != '\n')
      s--;
    b->cur_off = b->cur_line_off = s;
    b->cur_line--;
  }
  while (b->cur_line < line) {
    const char *nl = b->cur_off < b->len
                         ? memchr(b->buf + b->cur_off, '\n', b->len - b->cur_off)
                         : NULL;
    if (!nl)
      return b->len;
    b->cur_off = b->cur_line_off = (size_t)(nl - b->buf) + 1;
    b->cur_line++;
    b->cur_col = 1;
  }
  while (b->cur_col < col && b->cur_off < b->len && b->buf[b->cur_off] != '\n') {
    b->cur_off++;
    while (b->cur_off < b->len && ((unsigned char)b->buf[b->cur_off] & 0xC0) == 0x80)
      b->cur_off++;
    b->cur_col++;
  }
  return b->cur_off;
}

static size_t mark_byte(struct builder *b, yaml_mark_t m) {
  return byte_at(b, (int)m.line + 1, (int)m.column + 1);
}

/* A line's bytes [s, e), its end-of-line excluded. */
struct span {
  size_t s, e;
  int line;
};

static struct span line_span(struct builder *b, int line) {
  size_t s = byte_at(b, line, 1);
  const char *nl = s < b->len ? memchr(b->buf + s, '\n', b->len - s) : NULL;
  size_t e = nl ? (size_t)(nl - b->buf) : b->len;
  if (e > s && b->buf[e - 1] == '\r')
    e--;
  return (struct span){s, e, line};
}

static bool blank(char c) { return c == ' ' || c == '\t'; }

/* first byte after the leading spaces and tabs */
static size_t first_nonblank(struct builder *b, struct span l) {
  size_t o = l.s;
  while (o < l.e && blank(b->buf[o]))
    o++;
  return o;
}

/* a list item's '-' at o */
static bool dash_at(struct builder *b, size_t o, size_t e) {
  return o < e && b->buf[o] == '-' && (o + 1 == e || blank(b->buf[o + 1]));
}

/* Where a line's key or value text starts: after indentation and any
 * "- " markers. */
static size_t content_start(struct builder *b, struct span l) {
  size_t o = first_nonblank(b, l);
  while (dash_at(b, o, l.e)) {
    o++;
    while (o < l.e && blank(b->buf[o]))
      o++;
  }
  return o;
}

/* Holds something (not blank, not only a comment). */
static bool has_content(struct builder *b, struct span l) {
  size_t o = first_nonblank(b, l);
  return o < l.e && b->buf[o] != '#';
}

/* The first ':' followed by a blank or the line's end, in [o, e), before
 * a comment; e if none. */
static size_t colon_in(struct builder *b, size_t o, size_t e) {
  for (size_t i = o; i < e; i++) {
    if (b->buf[i] == '#' && i > o && blank(b->buf[i - 1]))
      return e;
    if (b->buf[i] == ':' && (i + 1 == e || blank(b->buf[i + 1])))
      return i;
  }
  return e;
}

/* The end of a value's text on its line: before a comment, blanks
 * trimmed. */
static size_t value_end(struct builder *b, size_t o, size_t e) {
  for (size_t i = o; i < e; i++)
    if (b->buf[i] == '#' && i > o && blank(b->buf[i - 1])) {
      e = i;
      break;
    }
  while (e > o && blank(b->buf[e - 1]))
    e--;
  return e;
}

/* The key a line starts with ("name" in "  - name: Ada"), or NULL. */
static const char *key_of(struct builder *b, struct span l) {
  size_t o = content_start(b, l), c = colon_in(b, o, l.e);
  if (c == l.e || c == o)
    return NULL;
  return shown(b, b->buf + o, c - o, 30);
}

/* "'name', line 2", "the list item, line 5" or "line 7" */
static const char *line_name(struct builder *b, struct span l) {
  size_t o = first_nonblank(b, l);
  const char *k = key_of(b, l);
  if (dash_at(b, o, l.e))
    return arena_printf(b->a, "the list item, line %d", l.line);
  if (k)
    return arena_printf(b->a, "'%s', line %d", k, l.line);
  return arena_printf(b->a, "line %d", l.line);
}

/* The line before l (scanning back, not from the start: an error after a
 * million blank lines must not take a million squared steps). */
static bool prev_line(struct builder *b, struct span l, struct span *out) {
  if (l.line <= 1 || l.s == 0)
    return false;
  size_t e = l.s - 1, s = e; /* b->buf[e] is the '\n' */
  while (s > 0 && b->buf[s - 1] != '\n')
    s--;
  *out = (struct span){s, e > s && b->buf[e - 1] == '\r' ? e - 1 : e,
                       l.line - 1};
  return true;
}

/* The nearest line before l that holds something. */
static bool line_above(struct builder *b, struct span l, struct span *out) {
  while (prev_line(b, l, &l))
    if (has_content(b, l)) {
      *out = l;
      return true;
    }
  return false;
}

static int indent_of(struct builder *b, struct span l) {
  return (int)(first_nonblank(b, l) - l.s);
}

/* ---- libyaml's errors, explained ---- */

/* what an explaining function returns once it has reported the error */
static const char reported[] = "";

static void fail(struct builder *b, struct loc at, const char *msg) {
  diag_error(b->d, at, "%s", msg);
  b->failed = true;
}

static bool is(const char *s, const char *what) {
  return s && strcmp(s, what) == 0;
}

/* A tab in the indentation of the problem's line, at or before the
 * problem: where, or NULL. libyaml reports it in several words ("found
 * a tab character that violates indentation", "cannot start any token"). */
static bool tab_in_indent(struct builder *b, yaml_mark_t m, struct loc *at) {
  size_t o = mark_byte(b, m);
  if (o < b->len && b->buf[o] == '\t') {
    *at = mark_loc(b, m);
    return true;
  }
  struct span l = line_span(b, (int)m.line + 1);
  size_t f = first_nonblank(b, l);
  if (o > f)
    return false;
  for (size_t i = l.s; i < f; i++)
    if (b->buf[i] == '\t') {
      *at = (struct loc){b->file, l.line, (int)(i - l.s) + 1};
      return true;
    }
  return false;
}

/* "mapping values are not allowed in this context": a ': ' where a key
 * cannot start, that is inside a value. */
static const char *colon_in_value(struct builder *b, yaml_mark_t m) {
  struct span l = line_span(b, (int)m.line + 1);
  size_t at = mark_byte(b, m), cs = content_start(b, l);
  size_t c = colon_in(b, cs, at);
  if (c < at) { /* a key before it on the line: the value holds ': ' */
    size_t vs = c + 1;
    while (vs < l.e && blank(b->buf[vs]))
      vs++;
    size_t ve = value_end(b, vs, l.e);
    bool item = first_nonblank(b, l) < cs;
    if (item && memchr(b->buf + cs, ' ', c - cs)) /* "- Led it: ..." */
      return arena_printf(b->a, "invalid YAML: a value holding ': ' must be "
                                "quoted, or the ': ' starts a new key; "
                                "write: - %s",
                          quoted_as(b, b->buf + cs, value_end(b, cs, l.e) - cs));
    return arena_printf(b->a, "invalid YAML: a value holding ': ' must be "
                              "quoted, or the ': ' starts a new key; write: "
                              "%s: %s",
                        shown(b, b->buf + cs, c - cs, 40),
                        quoted_as(b, b->buf + vs, ve - vs));
  }
  /* no key on the line: it continues a value begun above */
  struct span up;
  if (line_above(b, l, &up) && indent_of(b, l) > indent_of(b, up)) {
    const char *upk = key_of(b, up);
    const char *what =
        upk ? arena_printf(b->a, "'%s' (line %d)", upk, up.line)
        : dash_at(b, first_nonblank(b, up), up.e)
            ? arena_printf(b->a, "the list item on line %d", up.line)
            : arena_printf(b->a, "line %d", up.line);
    size_t ws = first_nonblank(b, l);
    if (dash_at(b, ws, l.e) || memchr(b->buf + ws, ' ', at - ws) ||
        at == ws)
      return arena_printf(b->a, "invalid YAML: this line is indented deeper "
                                "than %s, so it continues its value, which "
                                "cannot hold ': ' unquoted: put the whole "
                                "value in quotes", what);
    const char *word = shown(b, b->buf + ws, at - ws, 30);
    if (upk)
      return arena_printf(
          b->a,
          "invalid YAML: this line is indented deeper than %s, so it "
          "continues its value, which cannot hold ': ' unquoted; if '%s' is "
          "a key of its own, start it in column %d, as '%s'; else put the "
          "whole value in quotes",
          what, word, (int)(content_start(b, up) - up.s) + 1, upk);
    return arena_printf(
        b->a,
        "invalid YAML: this line is indented deeper than %s, so it continues "
        "its value, which cannot hold ': ' unquoted; if '%s' is a key of its "
        "own, line it up with the key it belongs with; else put the whole "
        "value in quotes",
        what, word);
  }
  return "invalid YAML: a value holding ': ' must be quoted, or the ': ' "
         "starts a new key";
}

/* A line that starts where the open mapping or list cannot go on: a list
 * item among keys, a key among list items, or wrong indentation. */
static const char *misplaced_line(struct builder *b, yaml_parser_t *p,
                                  struct span l, bool in_map) {
  int ind = indent_of(b, l);
  bool item = dash_at(b, l.s + (size_t)ind, l.e);
  int ctx_col = (int)p->context_mark.column, ctx_line = (int)p->context_mark.line + 1;
  if (in_map && item && ind == ctx_col)
    return arena_printf(b->a, "invalid YAML: a list item ('- ') among the "
                              "keys of the mapping that starts at line %d: "
                              "put the list under a key of its own, indented "
                              "below it",
                        ctx_line);
  if (!in_map && !item && ind == ctx_col)
    return arena_printf(b->a, "invalid YAML: expected a list item ('- ') "
                              "here, as in the list that starts at line %d: "
                              "a list cannot also hold 'key: value' lines",
                        ctx_line);
  /* the lines above that open what this one may belong to: each indented
   * less than the one after it */
  struct span deeper = {0, 0, 0}, shallower = {0, 0, 0}, u = l;
  int limit = 1 << 30;
  while (line_above(b, u, &u)) {
    int i = indent_of(b, u);
    if (i >= limit)
      continue;
    limit = i;
    if (i > ind) {
      deeper = u;
    } else if (i < ind) {
      shallower = u;
      break;
    }
    if (i == 0)
      break;
  }
  char *cols = NULL;
  if (deeper.line && shallower.line)
    cols = arena_printf(b->a, "column %d (%s) or column %d (%s)",
                        indent_of(b, deeper) + 1, line_name(b, deeper),
                        indent_of(b, shallower) + 1, line_name(b, shallower));
  else if (deeper.line || shallower.line) {
    struct span one = deeper.line ? deeper : shallower;
    cols = arena_printf(b->a, "column %d (%s)", indent_of(b, one) + 1,
                        line_name(b, one));
  }
  if (!cols)
    return NULL;
  return arena_printf(b->a, "invalid YAML: wrong indentation: this line "
                            "starts in column %d, but the lines above start "
                            "in %s; line it up with the key it belongs with",
                      ind + 1, cols);
}

/* "did not find expected key" and "... '-' indicator": where a new key or
 * item had to start, something else came. */
static const char *unexpected_here(struct builder *b, yaml_parser_t *p,
                                   bool in_map, struct loc *at) {
  yaml_mark_t m = p->problem_mark;
  struct span l = line_span(b, (int)m.line + 1);
  size_t o = mark_byte(b, m);
  /* right after a quoted value on the same line */
  if ((b->last_style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
       b->last_style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) &&
      b->last_end.line == m.line && b->last_end.column <= m.column) {
    if (b->last_start.line < b->last_end.line) {
      diag_error(b->d, *at,
                 "invalid YAML: the quoted value opened at line %d, column %d "
                 "closes here and text follows it: is its closing quote "
                 "missing on line %d?",
                 (int)b->last_start.line + 1, (int)b->last_start.column + 1,
                 (int)b->last_start.line + 1);
      diag_note(b->d, mark_loc(b, b->last_start), "the quoted value opens here");
      return reported;
    }
    size_t qs = mark_byte(b, b->last_start), f = first_nonblank(b, l);
    return arena_printf(b->a, "invalid YAML: text after the closing quote: a "
                              "quoted value must be quoted whole; write: %s%s",
                        shown(b, b->buf + f, qs - f, 40),
                        quoted_as(b, b->buf + qs, value_end(b, qs, l.e) - qs));
  }
  if (o == first_nonblank(b, l) && o < l.e)
    return misplaced_line(b, p, l, in_map);
  /* right after a closing bracket */
  size_t k = o;
  while (k > l.s && blank(b->buf[k - 1]))
    k--;
  if (k > l.s && (b->buf[k - 1] == ']' || b->buf[k - 1] == '}'))
    return arena_printf(b->a, "invalid YAML: text after the closing '%c': "
                              "end the line there, or put the whole value in "
                              "quotes",
                        b->buf[k - 1]);
  return NULL;
}

/* Errors inside [...] and {...}: at libyaml's position (a line past the
 * last one, when the text ends inside the brackets), with a note at the
 * bracket that opened them. */
static void unclosed_flow(struct builder *b, yaml_parser_t *p, bool seq) {
  yaml_mark_t m = p->problem_mark, c = p->context_mark;
  const char *what = seq ? "list" : "mapping";
  char open = seq ? '[' : '{', close = seq ? ']' : '}';
  struct loc at = mark_loc(b, m), opened = mark_loc(b, c);
  if (m.line > c.line || mark_byte(b, m) >= b->len) {
    diag_error(b->d, at,
               "invalid YAML: expected ',' or '%c' in the %s that '%c' opens "
               "at line %d, column %d: is its closing '%c' missing?",
               close, what, open, opened.line, opened.col, close);
    diag_note(b->d, opened, "the %s opens here", what);
  } else {
    diag_error(b->d, at,
               "invalid YAML: expected ',' or '%c' in the %s that '%c' opens "
               "at line %d, column %d: inside brackets, text holding ',', "
               "':', '[', ']', '{' or '}' must be quoted",
               close, what, open, opened.line, opened.col);
  }
}

/* A value that starts with a character YAML keeps for itself. */
static const char *bad_start(struct builder *b, yaml_mark_t m) {
  size_t o = mark_byte(b, m);
  if (o >= b->len)
    return NULL;
  char c = b->buf[o];
  const char *why = c == '@' || c == '`' || c == '%' ? "YAML reserves it"
                    : c == ']'                      ? "it ends a list"
                    : c == '}'                      ? "it ends a mapping"
                    : c == ','                      ? "it separates values"
                                                    : NULL;
  if (!why)
    return NULL;
  struct span l = line_span(b, (int)m.line + 1);
  size_t f = first_nonblank(b, l);
  return arena_printf(b->a, "invalid YAML: a value cannot start with '%c' "
                            "(%s): put it in quotes; write: %s%s",
                      c, why, shown(b, b->buf + f, o - f, 40),
                      quoted_as(b, b->buf + o, value_end(b, o, l.e) - o));
}

/* A key longer than the 1024 characters YAML allows a key written without
 * '? ' (libyaml then says "could not find expected ':'", or takes the
 * line for a value holding ': '): the message, its place in *at, or
 * NULL. */
static const char *long_key(struct builder *b, yaml_mark_t m, struct loc *at) {
  struct span l = line_span(b, (int)m.line + 1);
  size_t cs = content_start(b, l), c = colon_in(b, cs, l.e);
  if (c >= l.e)
    return NULL;
  size_t chars = 0;
  for (size_t i = cs; i < c; i++)
    chars += ((unsigned char)b->buf[i] & 0xC0) != 0x80;
  if (chars <= 1024)
    return NULL;
  *at = (struct loc){b->file, l.line, 1};
  for (size_t i = l.s; i < cs; i++)
    at->col += ((unsigned char)b->buf[i] & 0xC0) != 0x80;
  return arena_printf(b->a, "invalid YAML: a key of %zu characters; YAML "
                            "reads a key of 1024 characters at most: "
                            "shorten it",
                      chars);
}

static void report_parser_error(struct builder *b, yaml_parser_t *p) {
  b->failed = true;
  const char *problem = p->problem ? p->problem : "invalid YAML";
  const char *ctx = p->context;
  struct loc at;
  if (p->error == YAML_READER_ERROR) {
    at = offset_loc(b->file, b->buf, b->len, p->problem_offset);
    unsigned v = (unsigned)p->problem_value;
    if (is(problem, "control characters are not allowed"))
      diag_error(b->d, at, "%s (U+%04X) is not allowed in YAML text: delete "
                           "it",
                 v < 0x20 || (v >= 0x7F && v <= 0x9F) ? "a control character"
                                                      : "a noncharacter",
                 v);
    else
      diag_error(b->d, at, "invalid YAML: %s", problem);
    return;
  }
  at = mark_loc(b, p->problem_mark);
  const char *msg = NULL;
  if (p->error == YAML_SCANNER_ERROR && tab_in_indent(b, p->problem_mark, &at)) {
    msg = "tab character in indentation; YAML indents with spaces only";
  } else if ((is(problem, "could not find expected ':'") ||
              is(problem, "mapping values are not allowed in this context")) &&
             (msg = long_key(b, p->problem_mark, &at))) {
    /* said */
  } else if (is(problem, "mapping values are not allowed in this context")) {
    msg = colon_in_value(b, p->problem_mark);
  } else if (is(problem, "did not find expected key") &&
             is(ctx, "while parsing a block mapping")) {
    msg = unexpected_here(b, p, true, &at);
  } else if (is(problem, "did not find expected '-' indicator") &&
             is(ctx, "while parsing a block collection")) {
    msg = unexpected_here(b, p, false, &at);
  } else if ((is(problem, "found unexpected end of stream") ||
              is(problem, "found unexpected document indicator")) &&
             is(ctx, "while scanning a quoted scalar")) {
    /* at libyaml's position (the text's end, or the '---'), with a note
     * at the opening quote */
    size_t q = mark_byte(b, p->context_mark);
    char quote = q < b->len ? b->buf[q] : '"';
    struct loc opened = mark_loc(b, p->context_mark);
    if (is(problem, "found unexpected end of stream"))
      diag_error(b->d, at, "invalid YAML: the quote at line %d, column %d is "
                           "never closed (the file ends inside the quoted "
                           "value): end the value with %c",
                 opened.line, opened.col, quote);
    else
      diag_error(b->d, at, "invalid YAML: the quote at line %d, column %d is "
                           "not closed before this document marker: end the "
                           "value with %c",
                 opened.line, opened.col, quote);
    diag_note(b->d, opened, "the quoted value opens here");
    return;
  } else if (is(ctx, "while parsing a flow sequence") &&
             is(problem, "did not find expected ',' or ']'")) {
    unclosed_flow(b, p, true);
    return;
  } else if (is(ctx, "while parsing a flow mapping") &&
             is(problem, "did not find expected ',' or '}'")) {
    unclosed_flow(b, p, false);
    return;
  } else if (is(problem, "found unknown escape character") ||
             is(problem, "did not find expected hexdecimal number")) {
    size_t o = mark_byte(b, p->problem_mark);
    if (o >= b->len) /* (not with libyaml 0.2; be safe) */
      o = b->len ? b->len - 1 : 0;
    /* the mark is on the backslash, or on the digits after \x, \u, \U */
    size_t bs = o;
    while (bs > 0 && b->buf[bs] != '\\' && o - bs < 10)
      bs--;
    size_t n = 1;
    while (bs + 1 + n < b->len && ((unsigned char)b->buf[bs + 1 + n] & 0xC0) == 0x80)
      n++;
    const char *esc = b->buf[bs] == '\\' && bs + 1 < b->len
                          ? shown(b, b->buf + bs + 1, n, 8)
                          : "?";
    if (is(problem, "found unknown escape character"))
      msg = arena_printf(b->a, "invalid YAML: '\\%s' is not an escape in a "
                               "double-quoted value: write '\\\\' for a "
                               "backslash, or quote the value with single "
                               "quotes, which keep '\\' as it is", esc);
    else
      msg = arena_printf(b->a, "invalid YAML: '\\%s' must be followed by %s "
                               "hexadecimal digits in a double-quoted value: "
                               "write '\\\\' for a backslash, or quote the "
                               "value with single quotes, which keep '\\' as "
                               "it is",
                         esc, *esc == 'x' ? "2" : *esc == 'u' ? "4" : "8");
  } else if (is(problem, "found character that cannot start any token") ||
             is(problem, "did not find expected node content")) {
    msg = bad_start(b, p->problem_mark);
  } else if (is(problem, "block sequence entries are not allowed in this "
                         "context")) {
    msg = "invalid YAML: a list item ('- ') cannot follow a key on its line: "
          "put each item on a line of its own, below the key and indented, "
          "or quote the value";
  }
  if (msg == reported)
    return;
  if (msg)
    fail(b, at, msg);
  else {
    if (ctx)
      diag_error(b->d, at, "invalid YAML: %s (%s at line %d)", problem, ctx,
                 (int)p->context_mark.line + 1);
    else
      diag_error(b->d, at, "invalid YAML: %s", problem);
  }
}

/* ---- the text before libyaml ---- */

/* RenderCV reads YAML with aliases turned off, so that a value such as
 * `- *Equal contribution` or `*John Doe*, Jane Roe` is text (italic, in
 * its markup) rather than an alias of nothing. Here: a `*` that begins a
 * value, and names no anchor of the file, is hidden. */

static bool name_char(char c) {
  return c && !strchr(" \t\r\n,[]{}", c);
}

/* the anchors the file defines (&name after a space or at a line start) */
static void find_anchors(struct arena *a, const char *buf, size_t len,
                         struct strtab *anchors) {
  for (size_t i = 0; i < len; i++)
    if (buf[i] == '&' && (i == 0 || strchr(" \t\n-:[{,", buf[i - 1]))) {
      size_t j = i + 1;
      while (j < len && name_char(buf[j]))
        j++;
      if (j > i + 1)
        strtab_at(a, anchors, buf + i + 1, j - i - 1)->v = (void *)buf;
    }
}

/* The star to hide in the line buf[ls..le), or (size_t)-1. */
static size_t star_in(const struct strtab *anchors, const char *buf,
                      size_t ls, size_t le) {
  /* where a value starts: after indentation and "- " markers, or after
   * the first ": " of a plain key */
  size_t p = ls;
  while (p < le && (buf[p] == ' ' || buf[p] == '\t'))
    p++;
  while (p + 1 < le && buf[p] == '-' && (buf[p + 1] == ' ' || buf[p + 1] == '\t')) {
    p += 2;
    while (p < le && (buf[p] == ' ' || buf[p] == '\t'))
      p++;
  }
  if (p < le && buf[p] != '*' && buf[p] != '"' && buf[p] != '\'' &&
      buf[p] != '#') {
    size_t k = p;
    while (k + 1 < le && !(buf[k] == ':' && (buf[k + 1] == ' ' || buf[k + 1] == '\t')) &&
           buf[k] != '#')
      k++;
    if (k + 1 < le && buf[k] == ':') {
      p = k + 1;
      while (p < le && (buf[p] == ' ' || buf[p] == '\t'))
        p++;
    }
  }
  if (p < le && buf[p] == '*') {
    size_t j = p + 1;
    while (j < le && name_char(buf[j]))
      j++;
    if (!strtab_get(anchors, buf + p + 1, j - p - 1))
      return p;
  }
  return (size_t)-1;
}

/* The text libyaml is to read (buf, or a copy with characters hidden), or
 * NULL after reporting why there is none. A UTF-8 byte-order mark is left
 * out: positions count from after it. */
static const char *prepare(struct builder *b, const char *buf, size_t len,
                           size_t *outlen, bool *hidden) {
  const unsigned char *u = (const unsigned char *)buf;
  *hidden = false;
  if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
    diag_error(b->d, (struct loc){b->file, 1, 1},
               "the file is UTF-16 (it begins with a UTF-16 byte-order mark): "
               "save it as UTF-8");
    return NULL;
  }
  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
    buf += 3;
    len -= 3;
    u += 3;
  }
  const void *nul = memchr(buf, 0, len);
  if (nul) {
    struct loc at = offset_loc(b->file, buf, len, (size_t)((const char *)nul - buf));
    diag_error(b->d, at, "binary data (a NUL byte): expected a YAML or JSON "
                         "text file");
    return NULL;
  }
  size_t bad = utf8_invalid_at(buf, len);
  if (bad != (size_t)-1) {
    struct loc at = offset_loc(b->file, buf, len, bad);
    diag_error(b->d, at, "invalid UTF-8 (byte 0x%02X): the file must be saved "
                         "as UTF-8", u[bad]);
    return NULL;
  }
  /* (the text is valid UTF-8: a lead byte's continuation bytes are there
   * to read) */
  size_t breaks = 0, nels = 0;
  uint32_t used = 0; /* U+FDD0 + i, raw or as an escape, for bit i */
  for (size_t i = 0; i < len; i++) {
    const char *why = NULL;
    if (u[i] == '\r' && (i + 1 == len || u[i + 1] != '\n'))
      why = "a carriage return (CR) without a line feed: save the file with "
            "LF (Unix) or CRLF (Windows) line endings";
    else if (u[i] == 0xEF && u[i + 1] == 0xBB && u[i + 2] == 0xBF &&
             (i == 0 || u[i - 1] == '\n'))
      /* libyaml skips it at a line's start, and the column with it */
      why = "a byte-order mark (U+FEFF, an invisible character) begins this "
            "line, where YAML would misread the indentation: delete it";
    else if (u[i] == 0xEF && u[i + 1] == 0xB7 && u[i + 2] >= 0x90 &&
             u[i + 2] <= 0xAF)
      used |= (uint32_t)1 << (u[i + 2] - 0x90);
    else if (u[i] == 0xE2 && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9))
      breaks++;
    else if (u[i] == 0xC2 && u[i + 1] == 0x85)
      breaks++, nels++;
    else if (u[i] == '\\' && i + 1 < len && (u[i + 1] == 'u' || u[i + 1] == 'U')) {
      /* an escape, wherever it is (a plain text's too: harmless) */
      int digits = u[i + 1] == 'u' ? 4 : 8, d = 0;
      unsigned long cp = 0;
      for (; d < digits && i + 2 + (size_t)d < len; d++) {
        int c = u[i + 2 + d];
        int x = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (x < 0)
          break;
        cp = cp * 16 + (unsigned long)x;
      }
      if (d == digits && cp >= 0xFDD0 && cp <= 0xFDEF)
        used |= (uint32_t)1 << (cp - 0xFDD0);
    }
    if (why) {
      diag_error(b->d, offset_loc(b->file, buf, len, i), "%s", why);
      return NULL;
    }
  }
  int free_ = 0;
  for (int i = 0; i < 32 && free_ < 4; i++)
    if (!(used & ((uint32_t)1 << i)))
      b->mk[free_++] = (unsigned char)(0x90 + i);
  if (free_ < 4) {
    diag_error(b->d, (struct loc){b->file, 0, 0},
               "the file holds 29 or more of the noncharacters U+FDD0 to "
               "U+FDEF, which are not text: delete them (cvpdf needs four "
               "of them for itself)");
    return NULL;
  }
  struct strtab anchors = {0};
  find_anchors(b->a, buf, len, &anchors);
  size_t stars = 0;
  for (size_t ls = 0, le; ls < len; ls = le + 1) {
    const char *nl = memchr(buf + ls, '\n', len - ls);
    le = nl ? (size_t)(nl - buf) : len;
    stars += star_in(&anchors, buf, ls, le) != (size_t)-1;
  }
  *outlen = len;
  if (!stars && !breaks)
    return buf;
  /* a star becomes 3 bytes, U+0085 too; U+2028 and U+2029 stay 3 */
  char *out = arena_alloc(b->a, len + 2 * stars + nels + 1);
  size_t o = 0, star = (size_t)-1, le = 0;
  for (size_t i = 0; i < len; i++) {
    if (i == 0 || buf[i - 1] == '\n') { /* a line starts */
      const char *nl = memchr(buf + i, '\n', len - i);
      le = nl ? (size_t)(nl - buf) : len;
      star = star_in(&anchors, buf, i, le);
    }
    int m = -1;
    if (i == star) {
      m = 0;
    } else if (u[i] == 0xE2 && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9)) {
      m = u[i + 2] == 0xA8 ? 1 : 2;
      i += 2;
    } else if (u[i] == 0xC2 && u[i + 1] == 0x85) {
      m = 3;
      i += 1;
    }
    if (m < 0) {
      out[o++] = buf[i];
    } else {
      out[o++] = '\xEF';
      out[o++] = '\xB7';
      out[o++] = (char)b->mk[m];
    }
  }
  out[o] = 0;
  *outlen = o;
  *hidden = true;
  return out;
}

/* ---- the tree ---- */

const char *yml_kind_name(const struct yml *n) {
  if (!n)
    return "nothing";
  switch (n->kind) {
  case YML_SCALAR:
    return yml_is_null(n) ? "null" : "a string";
  case YML_SEQ:
    return "a list";
  case YML_MAP:
    return "a mapping";
  }
  return "?";
}

bool yml_is_null(const struct yml *n) {
  if (!n || n->kind != YML_SCALAR || n->quoted)
    return false;
  return n->len == 0 || strcmp(n->s, "~") == 0 || strcmp(n->s, "null") == 0 ||
         strcmp(n->s, "Null") == 0 || strcmp(n->s, "NULL") == 0;
}

struct yml *yml_get(const struct yml *m, const char *key) {
  if (!m || m->kind != YML_MAP)
    return NULL;
  for (int i = 0; i < m->n; i++)
    if (strcmp(m->keys[i]->s, key) == 0)
      return m->kids[i];
  return NULL;
}

static bool count_nodes(struct builder *b, size_t w, struct loc at) {
  b->total += w;
  if (b->total > b->lim.max_nodes) {
    diag_error(b->d, at,
               "document too large: more than %zu values (after expanding "
               "aliases); a CV needs far fewer",
               b->lim.max_nodes);
    b->failed = true;
    return false;
  }
  return true;
}

/* Aliases may repeat, in all, as much text as one string may hold
 * (lim.max_scalar: 1 MiB in a document). That is far more than a CV
 * repeats (a name, a paragraph), and it leaves a document no more text
 * than a file 1 MiB longer and without aliases would have: the later
 * stages copy strings (markup spans, words, lines), using many times a
 * text's size, and must not get more of it than the file sizes they are
 * built for. Counting values is not enough: sixty aliases of a 900 KB
 * string are 62 values, but 54 MB of text, which crossed the arena's
 * limit and aborted the process. */
static bool count_repeated(struct builder *b, size_t bytes, struct loc at) {
  b->repeated += bytes;
  if (b->repeated > b->lim.max_scalar) {
    size_t m = b->lim.max_scalar;
    const char *size = m % (1u << 20) == 0
                           ? arena_printf(b->a, "%zu MiB", m >> 20)
                       : m % 1024 == 0 ? arena_printf(b->a, "%zu KiB", m >> 10)
                                       : arena_printf(b->a, "%zu bytes", m);
    diag_error(b->d, at,
               "document too large: aliases repeat more than %s of text (this "
               "one crosses the limit); a CV repeats far less",
               size);
    b->failed = true;
    return false;
  }
  return true;
}

/* Attach a finished node to the open container (or make it the root). */
static void add_child(struct builder *b, struct yml *n, struct yml **root) {
  if (b->depth == 0) {
    *root = n;
    return;
  }
  VEC_PUSH(b->a, b->items[b->depth - 1], n);
}

static void remember_anchor(struct builder *b, const char *anchor,
                            struct yml *n) {
  if (!anchor)
    return;
  const char *name = arena_strdup(b->a, anchor);
  /* a later anchor of the same name shadows an earlier one (YAML 1.2) */
  strtab_at(b->a, &b->anchors, name, strlen(name))->v = n;
}

/* A tag cvpdf can honour: none, `!` (a scalar is then text), !!str on a
 * scalar, !!seq on a list, !!map on a mapping. Any other would be
 * dropped without effect: an error. */
static bool tag_ok(struct builder *b, const yaml_char_t *tag,
                   enum yml_kind kind, struct loc at) {
  static const char core[] = "tag:yaml.org,2002:";
  const char *t = (const char *)tag;
  if (!t || strcmp(t, "!") == 0)
    return true;
  if (strcmp(t, "!include") == 0) {
    if (kind == YML_SCALAR)
      return true;
    diag_error(b->d, at, "!include takes a file name (a path relative to "
                         "this file), not a %s",
               kind == YML_SEQ ? "list" : "mapping");
    b->failed = true;
    return false;
  }
  const char *want = kind == YML_SCALAR ? "str" : kind == YML_SEQ ? "seq" : "map";
  if (strncmp(t, core, sizeof core - 1) == 0 &&
      strcmp(t + sizeof core - 1, want) == 0)
    return true;
  const char *name =
      strncmp(t, core, sizeof core - 1) == 0
          ? arena_printf(b->a, "!!%s", shown(b, t + sizeof core - 1,
                                            strlen(t + sizeof core - 1), 40))
          : shown(b, t, strlen(t), 40);
  diag_error(b->d, at,
             "unsupported tag '%s': cvpdf reads every value as text, a list "
             "or a mapping; remove the tag",
             name);
  b->failed = true;
  return false;
}

static bool is_merge_key(const struct yml *k) {
  return k->kind == YML_SCALAR && !k->quoted && k->len == 2 &&
         memcmp(k->s, "<<", 2) == 0;
}

/* A mapping's entries, kids[2i] -> kids[2i+1], become m's: non-scalar
 * keys and duplicates are errors, and a merge key (`<<: *a` or
 * `<<: [*a, *b]`) is replaced, where it stands, by the keys of those
 * mappings that the mapping does not give itself (an earlier mapping of
 * the list wins over a later one), as in YAML 1.1's merge key type. */
static void close_map(struct builder *b, struct yml *m, struct yml **kids,
                      int cnt) {
  int n = cnt / 2; /* cnt is even with libyaml */
  struct strtab seen;
  strtab_init(b->a, &seen, (size_t)n);
  int merge = -1;
  bool *dropped = NULL; /* JSON: a key given again later */
  for (int i = 0; i < n; i++) {
    struct yml *k = kids[2 * i];
    if (k->kind != YML_SCALAR) {
      diag_error(b->d, k->loc,
                 "a key must be a plain string, found %s", yml_kind_name(k));
      b->failed = true;
      /* give it a harmless name to keep going */
      struct yml *fake = arena_alloc(b->a, sizeof *fake);
      *fake = *k;
      fake->kind = YML_SCALAR;
      fake->s = "";
      fake->len = 0;
      kids[2 * i] = k = fake;
    }
    if (is_merge_key(k)) {
      if (merge >= 0) {
        diag_error(b->d, k->loc,
                   "a second merge key '<<' in this mapping (the first is at "
                   "line %d): merge several mappings with one, as in "
                   "<<: [*a, *b]",
                   kids[2 * merge]->loc.line);
        b->failed = true;
      } else {
        merge = i;
      }
      continue;
    }
    /* seen: each key's place in kids (the merge below adds keys of its
     * own, only to tell whether one is there) */
    struct strtab_entry *e = strtab_at(b->a, &seen, k->s, k->len);
    struct yml **before = e->v;
    if (before && b->json) {
      /* JSON allows it (RFC 8259: names SHOULD be unique), and its
       * readers (JavaScript's JSON.parse, so JSON Resume's tools) keep
       * the last */
      diag_warn(b->d, k->loc,
                "duplicate key '%s' (also at line %d): this one is used, "
                "as JSON's readers (JavaScript's JSON.parse) use the last",
                shown(b, k->s, k->len, 60), (*before)->loc.line);
      if (!dropped)
        dropped = arena_alloc(b->a, sizeof *dropped * (size_t)n);
      dropped[(before - kids) / 2] = true;
      e->v = &kids[2 * i];
    } else if (before) {
      /* duplicate keys: libyaml accepts them, YAML does not */
      diag_error(b->d, k->loc,
                 "duplicate key '%s' (first given at line %d); each key may "
                 "appear once in a mapping",
                 shown(b, k->s, k->len, 60), (*before)->loc.line);
      b->failed = true;
    } else {
      e->v = &kids[2 * i];
    }
  }
  struct yml **src = NULL;
  int nsrc = 0;
  size_t extra = 0;
  if (merge >= 0) {
    struct yml *v = kids[2 * merge + 1], *bad = NULL;
    if (v->kind == YML_MAP) {
      src = &kids[2 * merge + 1];
      nsrc = 1;
    } else if (v->kind == YML_SEQ) {
      src = v->kids;
      nsrc = v->n;
      for (int i = 0; i < nsrc && !bad; i++)
        if (src[i]->kind != YML_MAP)
          bad = src[i];
    } else {
      bad = v;
    }
    if (bad && bad->kind == YML_SCALAR && !bad->quoted && bad->s[0] == '*') {
      /* `<<: *nothing`: the star was taken for text (see star_in) */
      diag_error(b->d, kids[2 * merge]->loc,
                 "a merge key '<<' takes a mapping or a list of mappings, "
                 "and '%s' is no alias: the file has no anchor '&%s'",
                 shown(b, bad->s, bad->len, 40),
                 shown(b, bad->s + 1, bad->len - 1, 40));
      b->failed = true;
      nsrc = 0;
    } else if (bad) {
      diag_error(b->d, kids[2 * merge]->loc,
                 "a merge key '<<' takes a mapping or a list of mappings "
                 "(such as *name or [*a, *b]), found %s",
                 yml_kind_name(bad));
      b->failed = true;
      nsrc = 0;
    }
    for (int i = 0; i < nsrc; i++)
      extra += (size_t)src[i]->n;
  }
  m->keys = arena_alloc(b->a, sizeof(struct yml *) * ((size_t)n + extra + 1));
  m->kids = arena_alloc(b->a, sizeof(struct yml *) * ((size_t)n + extra + 1));
  int o = 0;
  for (int i = 0; i < n; i++) {
    if (i == merge) {
      for (int s = 0; s < nsrc; s++)
        for (int j = 0; j < src[s]->n; j++) {
          struct yml *k = src[s]->keys[j];
          struct strtab_entry *e = strtab_at(b->a, &seen, k->s, k->len);
          if (!e->v) {
            e->v = k;
            m->keys[o] = k;
            m->kids[o++] = src[s]->kids[j];
          }
        }
      continue;
    }
    if (dropped && dropped[i])
      continue;
    m->keys[o] = kids[2 * i];
    m->kids[o++] = kids[2 * i + 1];
  }
  m->n = o;
  size_t w = 1, bytes = 0;
  for (int i = 0; i < o; i++) {
    w += m->kids[i]->weight + 1;
    bytes += m->keys[i]->len + m->kids[i]->bytes;
  }
  m->weight = w;
  m->bytes = bytes;
}

/* An empty plain value, in a block, whose line goes on with " #text": the
 * value meant was probably the comment (`color: #003366`). A comment
 * with a blank after its '#' is taken for one. */
static void comment_value(struct builder *b, struct yml *n, yaml_mark_t m) {
  struct yml *parent = b->stack[b->depth - 1];
  int have = b->items[b->depth - 1].n;
  if (parent->kind == YML_MAP && have % 2 == 0)
    return; /* an empty key */
  size_t o = mark_byte(b, m);
  struct span l = line_span(b, (int)m.line + 1);
  size_t h = o;
  while (h < l.e && blank(b->buf[h]))
    h++;
  if (h == o || h + 1 >= l.e || b->buf[h] != '#' || blank(b->buf[h + 1]))
    return;
  n->comment_at = (struct loc){b->file, (int)m.line + 1,
                               (int)m.column + 1 + (int)(h - o)};
  /* (on the stack: a file may hold many of these) */
  size_t e = value_end(b, h, l.e);
  char text[SHOWN(40)], q[QUOTED], key[SHOWN(40)] = "?";
  shown_in(b, text, b->buf + h, e - h, 40);
  quoted_in(b, q, b->buf + h, e - h);
  if (parent->kind == YML_SEQ) {
    diag_warn(b->d, n->comment_at,
              "this list item is empty: '%s' starts a comment; to start a "
              "text with '#', put it in quotes: - %s",
              text, q);
  } else {
    struct yml *k = b->items[b->depth - 1].v[have - 1];
    if (k->kind == YML_SCALAR)
      shown_in(b, key, k->s, k->len, 40);
    diag_warn(b->d, n->comment_at,
              "'%s' has no value: '%s' starts a comment; to start a value "
              "with '#', put it in quotes: %s: %s",
              key, text, key, q);
  }
}

static void scalar_event(struct builder *b, const yaml_event_t *ev,
                         struct loc at, struct yml **root) {
  const char *value = (const char *)ev->data.scalar.value;
  size_t len = ev->data.scalar.length;
  yaml_scalar_style_t style = ev->data.scalar.style;
  if (!tag_ok(b, ev->data.scalar.tag, YML_SCALAR, at))
    return;
  if (memchr(value, 0, len)) {
    diag_error(b->d, at, "a NUL character (\\0) in a string is not allowed");
    b->failed = true;
    return;
  }
  if (!count_nodes(b, 1, at))
    return;
  char *v = arena_strndup(b->a, value, len);
  size_t n = b->hidden ? unhide(b, v, len) : len;
  if (n > b->lim.max_scalar) {
    diag_error(b->d, at, "string too long (%zu bytes; the limit is %zu)", n,
               b->lim.max_scalar);
    b->failed = true;
    return;
  }
  struct yml *y = arena_alloc(b->a, sizeof *y);
  y->kind = YML_SCALAR;
  y->loc = at;
  y->s = v;
  y->len = n;
  y->quoted = style != YAML_PLAIN_SCALAR_STYLE || ev->data.scalar.tag;
  y->include = ev->data.scalar.tag &&
               strcmp((const char *)ev->data.scalar.tag, "!include") == 0;
  y->weight = 1;
  y->bytes = n;
  if (style == YAML_PLAIN_SCALAR_STYLE && n == 0 && !ev->data.scalar.tag &&
      b->depth > 0 && !b->flow[b->depth - 1])
    comment_value(b, y, ev->start_mark);
  remember_anchor(b, (const char *)ev->data.scalar.anchor, y);
  add_child(b, y, root);
}

const char *yml_text(struct arena *a, struct diag *d, const char *file,
                     const char *buf, size_t len, size_t *outlen) {
  struct builder *b = arena_alloc(a, sizeof *b);
  b->a = a;
  b->d = d;
  b->file = file;
  bool hidden;
  return prepare(b, buf, len, outlen, &hidden);
}

struct yml *yml_parse(struct arena *a, struct diag *d, const char *file,
                      const char *buf, size_t len,
                      const struct yml_limits *limits, bool *empty) {
  *empty = false;
  struct builder *b = arena_alloc(a, sizeof *b);
  b->a = a;
  b->d = d;
  b->file = file;
  b->lim = *limits;
  if (b->lim.max_depth <= 0 || b->lim.max_depth > 250)
    b->lim.max_depth = 250;
  /* Our own checks first: precise positions, no byte offsets. */
  const char *text = prepare(b, buf, len, &b->len, &b->hidden);
  if (!text)
    return NULL;
  b->buf = text;
  size_t first = 0;
  while (first < b->len && strchr(" \t\r\n", text[first]))
    first++;
  b->json = first < b->len && text[first] == '{';

  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    diag_error(d, (struct loc){file, 0, 0}, "cannot initialise the YAML parser");
    return NULL;
  }
  yaml_parser_set_input_string(&parser, (const unsigned char *)b->buf, b->len);
  yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

  struct yml *root = NULL;
  int documents = 0;
  bool done = false;
  bool bare_root = false;
  while (!done && !b->failed) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) {
      report_parser_error(b, &parser);
      break;
    }
    struct loc at = mark_loc(b, ev.start_mark);
    if (ev.type != YAML_SCALAR_EVENT)
      b->last_style = YAML_ANY_SCALAR_STYLE;
    switch (ev.type) {
    case YAML_STREAM_END_EVENT:
      done = true;
      break;
    case YAML_DOCUMENT_START_EVENT:
      if (++documents > 1) {
        diag_error(d, at, "a second YAML document ('---'): a CV file holds "
                          "one document");
        b->failed = true;
      }
      break;
    case YAML_SCALAR_EVENT:
      /* a document of nothing but '---' (and comments): libyaml's empty
       * plain scalar, which the file does not hold */
      bare_root |= b->depth == 0 && ev.data.scalar.length == 0 &&
                   ev.data.scalar.plain_implicit && !ev.data.scalar.tag;
      scalar_event(b, &ev, at, &root);
      b->last_style = ev.data.scalar.style;
      b->last_start = ev.start_mark;
      b->last_end = ev.end_mark;
      break;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
      bool seq = ev.type == YAML_SEQUENCE_START_EVENT;
      if (!tag_ok(b, seq ? ev.data.sequence_start.tag : ev.data.mapping_start.tag,
                  seq ? YML_SEQ : YML_MAP, at))
        break;
      if (b->depth >= b->lim.max_depth || b->depth >= 255) {
        diag_error(d, at, "nesting too deep (more than %d levels)",
                   b->lim.max_depth);
        b->failed = true;
        break;
      }
      if (!count_nodes(b, 1, at))
        break;
      struct yml *n = arena_alloc(a, sizeof *n);
      n->kind = seq ? YML_SEQ : YML_MAP;
      n->loc = at;
      const unsigned char *anchor =
          seq ? ev.data.sequence_start.anchor : ev.data.mapping_start.anchor;
      b->stack[b->depth] = n;
      b->flow[b->depth] =
          seq ? ev.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
              : ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
      b->items[b->depth].n = 0;
      b->depth++;
      /* the anchor is registered when the node closes: an alias inside
       * its own anchored node would be a cycle */
      if (anchor)
        n->s = arena_strdup(a, (const char *)anchor);
      break;
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: {
      b->depth--;
      struct yml *n = b->stack[b->depth];
      int cnt = b->items[b->depth].n;
      struct yml **kids = b->items[b->depth].v;
      if (n->kind == YML_SEQ) {
        n->n = cnt;
        n->kids = arena_alloc(a, sizeof(struct yml *) * (size_t)(cnt + 1));
        if (cnt)
          memcpy(n->kids, kids, sizeof(struct yml *) * (size_t)cnt);
        size_t w = 1, bytes = 0;
        for (int i = 0; i < cnt; i++) {
          w += kids[i]->weight;
          bytes += kids[i]->bytes;
        }
        n->weight = w;
        n->bytes = bytes;
      } else {
        close_map(b, n, kids, cnt);
      }
      const char *anchor = n->s;
      n->s = NULL;
      remember_anchor(b, anchor, n);
      add_child(b, n, &root);
      break;
    }
    case YAML_ALIAS_EVENT: {
      const char *name = (const char *)ev.data.alias.anchor;
      struct yml *target = strtab_get(&b->anchors, name, strlen(name));
      if (!target) {
        /* an anchor still open holds this alias: a value inside itself */
        bool inside = false;
        for (int i = 0; i < b->depth && !inside; i++)
          inside = b->stack[i] && b->stack[i]->s &&
                   (b->stack[i]->kind == YML_SEQ ||
                    b->stack[i]->kind == YML_MAP) &&
                   !strcmp(b->stack[i]->s, name);
        if (inside)
          diag_error(d, at,
                     "alias '*%s' stands inside the value '&%s' names: a "
                     "value cannot contain itself",
                     shown(b, name, strlen(name), 60),
                     shown(b, name, strlen(name), 60));
        else
          diag_error(d, at,
                     "unknown alias '*%s'; to start a value with '*' put it "
                     "in quotes",
                     shown(b, name, strlen(name), 60));
        b->failed = true;
        break;
      }
      if (!count_nodes(b, target->weight, at) ||
          !count_repeated(b, target->bytes, at))
        break;
      add_child(b, target, &root);
      break;
    }
    default:
      break;
    }
    yaml_event_delete(&ev);
  }
  yaml_parser_delete(&parser);
  if (b->failed)
    return NULL;
  if (!root || bare_root) {
    *empty = true;
    return NULL;
  }
  return root;
}

struct yml *yml_merge(struct arena *a, struct yml *base, struct yml *over) {
  if (!base)
    return over;
  if (!over)
    return base;
  if (base->kind != YML_MAP || over->kind != YML_MAP)
    return over;
  struct yml *m = arena_alloc(a, sizeof *m);
  *m = *base;
  int cap = base->n + over->n;
  m->keys = arena_alloc(a, sizeof(struct yml *) * (size_t)(cap + 1));
  m->kids = arena_alloc(a, sizeof(struct yml *) * (size_t)(cap + 1));
  m->n = 0;
  /* key -> its index + 1 in m (keys made by other stages may not set
   * len: strlen) */
  struct strtab at;
  strtab_init(a, &at, (size_t)cap);
  for (int i = 0; i < base->n; i++) {
    const char *k = base->keys[i]->s;
    struct strtab_entry *e = strtab_at(a, &at, k, strlen(k));
    if (!e->v)
      e->v = (void *)(uintptr_t)(m->n + 1);
    m->keys[m->n] = base->keys[i];
    m->kids[m->n++] = base->kids[i];
  }
  for (int i = 0; i < over->n; i++) {
    const char *k = over->keys[i]->s;
    struct strtab_entry *e = strtab_at(a, &at, k, strlen(k));
    if (e->v) {
      int j = (int)(uintptr_t)e->v - 1;
      m->kids[j] = yml_merge(a, m->kids[j], over->kids[i]);
    } else {
      e->v = (void *)(uintptr_t)(m->n + 1);
      m->keys[m->n] = over->keys[i];
      m->kids[m->n++] = over->kids[i];
    }
  }
  size_t w = 1, bytes = 0;
  for (int i = 0; i < m->n; i++) {
    w += m->kids[i]->weight + 1;
    bytes += m->keys[i]->len + m->kids[i]->bytes;
  }
  m->weight = w;
  m->bytes = bytes;
  return m;
}

struct yml *yml_path(struct arena *a, const char *path, struct yml *value,
                     struct loc at) {
  /* from the last key to the first: "a.b.c" is {a: {b: {c: value}}} */
  struct yml *inner = value;
  size_t end = strlen(path);
  for (;;) {
    size_t start = end;
    while (start > 0 && path[start - 1] != '.')
      start--;
    struct yml *key = arena_alloc(a, sizeof *key);
    key->kind = YML_SCALAR;
    key->loc = at;
    key->s = arena_strndup(a, path + start, end - start);
    key->len = end - start;
    key->weight = 1;
    key->bytes = key->len;
    struct yml *m = arena_alloc(a, sizeof *m);
    m->kind = YML_MAP;
    m->loc = at;
    m->n = 1;
    m->keys = arena_alloc(a, sizeof(struct yml *));
    m->kids = arena_alloc(a, sizeof(struct yml *));
    m->keys[0] = key;
    m->kids[0] = inner;
    m->weight = inner->weight + 2;
    m->bytes = key->len + inner->bytes;
    inner = m;
    if (start == 0)
      return inner;
    end = start - 1;
  }
}
