/* yml.c: libyaml events -> struct yml tree (see yml.h).
 *
 * The event API (not libyaml's document API) is used so that aliases can be
 * resolved to shared nodes while counting their expanded size: a "billion
 * laughs" file fails at the first alias that crosses the limit, before any
 * memory is spent on it. Duplicate keys are checked when a mapping closes.
 */
#include "yml.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "utf8.h"

struct anchor {
  const char *name;
  struct yml *node;
};

struct builder {
  struct arena *a;
  struct diag *d;
  const char *file;
  const char *buf;
  size_t len;
  struct yml_limits lim;
  size_t total; /* expanded nodes so far */
  struct yml *stack[256];
  VEC(struct yml *) items[256]; /* children collected per open node */
  int depth;
  VEC(struct anchor) anchors;
  bool failed;
};

static struct loc mark_loc(struct builder *b, yaml_mark_t m) {
  return (struct loc){b->file, (int)m.line + 1, (int)m.column + 1};
}

/* line:col of a byte offset (for libyaml reader errors and our own scan) */
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

/* Attach a finished node to the open container (or make it the root). */
static void add_child(struct builder *b, struct yml *n, struct yml **root) {
  if (b->depth == 0) {
    *root = n;
    return;
  }
  VEC_PUSH(b->a, b->items[b->depth - 1], n);
}

static void remember_anchor(struct builder *b, const unsigned char *anchor,
                            struct yml *n) {
  if (!anchor)
    return;
  struct anchor an = {arena_strdup(b->a, (const char *)anchor), n};
  /* a later anchor of the same name shadows an earlier one (YAML 1.2) */
  VEC_PUSH(b->a, b->anchors, an);
}

static int key_cmp(const void *x, const void *y) {
  const struct yml *const *a = x, *const *b = y;
  int c = strcmp((*a)->s, (*b)->s);
  if (c)
    return c;
  /* equal keys: keep file order so the later one is reported */
  if ((*a)->loc.line != (*b)->loc.line)
    return (*a)->loc.line - (*b)->loc.line;
  return (*a)->loc.col - (*b)->loc.col;
}

static void close_map(struct builder *b, struct yml *m, struct yml **kids,
                      int n) {
  if (n % 2) /* cannot happen with libyaml; be safe */
    n--;
  m->n = n / 2;
  m->keys = arena_alloc(b->a, sizeof(struct yml *) * (size_t)(m->n + 1));
  m->kids = arena_alloc(b->a, sizeof(struct yml *) * (size_t)(m->n + 1));
  size_t w = 1;
  for (int i = 0; i < m->n; i++) {
    struct yml *k = kids[2 * i], *v = kids[2 * i + 1];
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
      k = fake;
    }
    m->keys[i] = k;
    m->kids[i] = v;
    w += v->weight + 1;
  }
  m->weight = w;
  /* duplicate keys: libyaml accepts them, YAML does not */
  if (m->n > 1) {
    struct yml **sorted =
        arena_alloc(b->a, sizeof(struct yml *) * (size_t)m->n);
    memcpy(sorted, m->keys, sizeof(struct yml *) * (size_t)m->n);
    qsort(sorted, (size_t)m->n, sizeof *sorted, key_cmp);
    for (int i = 1; i < m->n; i++)
      if (strcmp(sorted[i]->s, sorted[i - 1]->s) == 0) {
        diag_error(b->d, sorted[i]->loc,
                   "duplicate key '%s' (first given at line %d); each key may "
                   "appear once in a mapping",
                   sorted[i]->s, sorted[i - 1]->loc.line);
        b->failed = true;
      }
  }
}

static void report_parser_error(struct builder *b, yaml_parser_t *p) {
  struct loc at;
  if (p->error == YAML_READER_ERROR)
    at = offset_loc(b->file, b->buf, b->len, p->problem_offset);
  else
    at = mark_loc(b, p->problem_mark);
  const char *problem = p->problem ? p->problem : "invalid YAML";
  /* tabs are the most common cause of "cannot start any token" */
  size_t off = p->problem_mark.index;
  if (p->error == YAML_SCANNER_ERROR && off < b->len && b->buf[off] == '\t') {
    diag_error(b->d, at,
               "tab character in indentation; YAML indents with spaces only");
  } else if (p->context) {
    diag_error(b->d, at, "invalid YAML: %s (%s at line %d)", problem,
               p->context, (int)p->context_mark.line + 1);
  } else {
    diag_error(b->d, at, "invalid YAML: %s", problem);
  }
  b->failed = true;
}

/* RenderCV reads YAML with aliases turned off, so that a value such as
 * `- *Equal contribution` or `*John Doe*, Jane Roe` is text (italic, in
 * its markup) rather than an alias of nothing. Here: a `*` that begins a
 * value, and names no anchor of the file, is hidden from libyaml as
 * U+FDD0 (a noncharacter: one character, so lines and columns stay as
 * they are) and put back in the scalars. NULL if nothing needs hiding. */
#define HIDDEN_STAR "\xEF\xB7\x90"

static bool name_char(char c) {
  return c && !strchr(" \t\r\n,[]{}", c);
}

static char *unalias(struct arena *a, const char *buf, size_t len,
                     size_t *outlen) {
  /* the anchors the file defines (&name after a space or at a line start) */
  const char *anchors[64];
  size_t alen[64];
  int na = 0;
  for (size_t i = 0; i < len && na < 64; i++)
    if (buf[i] == '&' && (i == 0 || strchr(" \t\n-:[{,", buf[i - 1]))) {
      size_t j = i + 1;
      while (j < len && name_char(buf[j]))
        j++;
      if (j > i + 1) {
        anchors[na] = buf + i + 1;
        alen[na++] = j - i - 1;
      }
    }
  char *out = NULL;
  size_t o = 0, copied = 0;
  for (size_t ls = 0; ls < len;) {
    size_t le = ls;
    while (le < len && buf[le] != '\n')
      le++;
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
      bool anchor = false;
      for (int k = 0; k < na && !anchor; k++)
        anchor = alen[k] == j - p - 1 && memcmp(anchors[k], buf + p + 1, alen[k]) == 0;
      if (!anchor) {
        if (!out)
          out = arena_alloc(a, len + len / 2 * 2 + 3);
        memcpy(out + o, buf + copied, p - copied);
        o += p - copied;
        memcpy(out + o, HIDDEN_STAR, 3);
        o += 3;
        copied = p + 1;
      }
    }
    ls = le + 1;
  }
  if (!out)
    return NULL;
  memcpy(out + o, buf + copied, len - copied);
  o += len - copied;
  out[o] = 0;
  *outlen = o;
  return out;
}

/* Put hidden stars back (in place: the text only shrinks). */
static size_t unhide(char *s, size_t n) {
  size_t o = 0;
  for (size_t i = 0; i < n; i++) {
    if (i + 2 < n && memcmp(s + i, HIDDEN_STAR, 3) == 0) {
      s[o++] = '*';
      i += 2;
    } else {
      s[o++] = s[i];
    }
  }
  s[o] = 0;
  return o;
}

struct yml *yml_parse(struct arena *a, struct diag *d, const char *file,
                      const char *buf, size_t len,
                      const struct yml_limits *limits, bool *empty) {
  *empty = false;
  /* Our own checks first: precise positions, no byte offsets. */
  const void *nul = memchr(buf, 0, len);
  if (nul) {
    struct loc at = offset_loc(file, buf, len, (size_t)((const char *)nul - buf));
    diag_error(d, at, "binary data (a NUL byte): expected a YAML or JSON text "
                      "file");
    return NULL;
  }
  size_t bad = utf8_invalid_at(buf, len);
  if (bad != (size_t)-1) {
    struct loc at = offset_loc(file, buf, len, bad);
    diag_error(d, at, "invalid UTF-8 (byte 0x%02X): the file must be saved "
                      "as UTF-8",
               (unsigned char)buf[bad]);
    return NULL;
  }

  size_t ulen = 0;
  char *hidden = unalias(a, buf, len, &ulen);
  if (hidden) {
    buf = hidden;
    len = ulen;
  }
  struct builder *b = arena_alloc(a, sizeof *b);
  b->a = a;
  b->d = d;
  b->file = file;
  b->buf = buf;
  b->len = len;
  b->lim = *limits;
  if (b->lim.max_depth <= 0 || b->lim.max_depth > 250)
    b->lim.max_depth = 250;

  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    diag_error(d, (struct loc){file, 0, 0}, "cannot initialise the YAML parser");
    return NULL;
  }
  yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
  yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

  struct yml *root = NULL;
  int documents = 0;
  bool done = false;
  while (!done && !b->failed) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) {
      report_parser_error(b, &parser);
      break;
    }
    struct loc at = mark_loc(b, ev.start_mark);
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
    case YAML_SCALAR_EVENT: {
      if (ev.data.scalar.length > b->lim.max_scalar) {
        diag_error(d, at, "string too long (%zu bytes; the limit is %zu)",
                   (size_t)ev.data.scalar.length, b->lim.max_scalar);
        b->failed = true;
        break;
      }
      if (memchr(ev.data.scalar.value, 0, ev.data.scalar.length)) {
        diag_error(d, at, "a NUL character (\\0) in a string is not allowed");
        b->failed = true;
        break;
      }
      if (!count_nodes(b, 1, at))
        break;
      struct yml *n = arena_alloc(a, sizeof *n);
      n->kind = YML_SCALAR;
      n->loc = at;
      char *v = arena_strndup(a, (const char *)ev.data.scalar.value,
                              ev.data.scalar.length);
      n->len = hidden ? unhide(v, ev.data.scalar.length)
                      : ev.data.scalar.length;
      n->s = v;
      n->quoted = ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
                  (ev.data.scalar.tag &&
                   strcmp((const char *)ev.data.scalar.tag,
                          "tag:yaml.org,2002:str") == 0);
      n->weight = 1;
      remember_anchor(b, ev.data.scalar.anchor, n);
      add_child(b, n, &root);
      break;
    }
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
      if (b->depth >= b->lim.max_depth || b->depth >= 255) {
        diag_error(d, at, "nesting too deep (more than %d levels)",
                   b->lim.max_depth);
        b->failed = true;
        break;
      }
      if (!count_nodes(b, 1, at))
        break;
      struct yml *n = arena_alloc(a, sizeof *n);
      n->kind = ev.type == YAML_SEQUENCE_START_EVENT ? YML_SEQ : YML_MAP;
      n->loc = at;
      const unsigned char *anchor = ev.type == YAML_SEQUENCE_START_EVENT
                                        ? ev.data.sequence_start.anchor
                                        : ev.data.mapping_start.anchor;
      b->stack[b->depth] = n;
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
        size_t w = 1;
        for (int i = 0; i < cnt; i++)
          w += kids[i]->weight;
        n->weight = w;
      } else {
        close_map(b, n, kids, cnt);
      }
      const char *anchor = n->s;
      n->s = NULL;
      if (anchor)
        remember_anchor(b, (const unsigned char *)anchor, n);
      add_child(b, n, &root);
      break;
    }
    case YAML_ALIAS_EVENT: {
      const char *name = (const char *)ev.data.alias.anchor;
      struct yml *target = NULL;
      for (int i = b->anchors.n - 1; i >= 0; i--)
        if (strcmp(b->anchors.v[i].name, name) == 0) {
          target = b->anchors.v[i].node;
          break;
        }
      if (!target) {
        diag_error(d, at,
                   "unknown alias '*%s'; to start a value with '*' put it in "
                   "quotes",
                   name);
        b->failed = true;
        break;
      }
      if (!count_nodes(b, target->weight, at))
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
  if (!root)
    *empty = true;
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
  for (int i = 0; i < base->n; i++) {
    m->keys[m->n] = base->keys[i];
    m->kids[m->n++] = base->kids[i];
  }
  for (int i = 0; i < over->n; i++) {
    int j = 0;
    while (j < m->n && strcmp(m->keys[j]->s, over->keys[i]->s) != 0)
      j++;
    if (j < m->n) {
      m->kids[j] = yml_merge(a, m->kids[j], over->kids[i]);
    } else {
      m->keys[m->n] = over->keys[i];
      m->kids[m->n++] = over->kids[i];
    }
  }
  size_t w = 1;
  for (int i = 0; i < m->n; i++)
    w += m->kids[i]->weight + 1;
  m->weight = w;
  return m;
}

struct yml *yml_path(struct arena *a, const char *path, struct yml *value,
                     struct loc at) {
  const char *dot = strchr(path, '.');
  size_t klen = dot ? (size_t)(dot - path) : strlen(path);
  struct yml *key = arena_alloc(a, sizeof *key);
  key->kind = YML_SCALAR;
  key->loc = at;
  key->s = arena_strndup(a, path, klen);
  key->len = klen;
  key->weight = 1;
  struct yml *m = arena_alloc(a, sizeof *m);
  m->kind = YML_MAP;
  m->loc = at;
  m->n = 1;
  m->keys = arena_alloc(a, sizeof(struct yml *));
  m->kids = arena_alloc(a, sizeof(struct yml *));
  m->keys[0] = key;
  m->kids[0] = dot ? yml_path(a, dot + 1, value, at) : value;
  m->weight = m->kids[0]->weight + 2;
  return m;
}
