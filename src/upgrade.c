/* upgrade.c: `cvpdf upgrade FILE`: an older RenderCV file rewritten with
 * today's names, in place.
 *
 * What each older name is today is said by the stage that reads it: cv.c,
 * style.c and doc.c call diag_older with a struct older_fix. upgrade_main
 * builds the file once to hear them (doc_build), and upgrade_text edits
 * the file's text so, keeping every line that no fix touches byte for
 * byte, comments and order included. The new text is built again: it must
 * set the same pages (dump_pages) and hold no older name, else nothing is
 * written. The file is then replaced atomically, the original kept beside
 * it as FILE.bak.
 *
 * The text is outlined with libyaml's events (each node's place, in
 * bytes) and edited as a sorted list of replacements of byte ranges that
 * do not overlap; a moved value is copied with the edits inside it.
 */
#include "upgrade.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "doc.h"
#include "dump.h"
#include "files.h"
#include "font.h"
#include "style.h"
#include "yml.h"

const char UPGRADE_USAGE[] =
    "Usage: cvpdf upgrade [options] FILE...\n"
    "Rewrite RenderCV files written for RenderCV 1.x or 2.0-2.3 with today's\n"
    "names, in place: each older key renamed where it stands or moved under\n"
    "its new parent, comments, order and every other line kept as they are.\n"
    "The original is kept as FILE.bak. A file is written only if it renders\n"
    "to the same pages as before.\n"
    "\n"
    "  -o, --output PATH  write the upgraded text to PATH ('-': standard\n"
    "                     output) and leave FILE as it is (one FILE)\n"
    "      --check        write nothing; exit 1 if a FILE has older names\n"
    "  -v, --verbose      name each older name and what it is now\n"
    "  -q, --quiet        say nothing but errors\n"
    "  -h, --help         this text\n";

/* ---- the outline: each node of the file, where its text is ---- */

struct onode {
  enum yml_kind kind;
  bool flow;         /* a flow collection, or inside one */
  int line, col;     /* where it starts, as struct loc counts */
  size_t start, end; /* its text: bytes [start, end) */
  int parent;        /* the collection holding it (-1: none) */
  int key;           /* a mapping's value: the node of its key (else -1) */
  const char *s;     /* a scalar's value */
  VEC(int) kids;     /* a collection's values in order (keys: their ->key) */
  /* what upgrade does with it */
  const char *name;    /* a key's name (its new one when renamed) */
  bool empty;          /* a plain scalar with no text (libyaml's marks for
                          it may lie lines below its key) */
  bool renamed;        /* a key renamed where it stands */
  bool carried;        /* gone elsewhere, its comments with it */
  bool gone;           /* a value left out with its key */
  const char *respell; /* a value's new text */
  size_t lead;         /* where the comment lines just above its key begin,
                          when they move with a value (0: none move) */
  const char *carry;   /* a moved value: those comment lines (and its
                          emptied parents', when it was their first), each
                          without its indentation */
};

struct outline {
  struct arena *a;
  const char *buf;
  size_t len;
  VEC(size_t) lines; /* where each line starts (lines.v[0]: line 1) */
  VEC(struct onode) v;
  int root;
  int unit; /* the file's indentation step (2 if it shows none) */
  int cur_line, cur_col; /* byte_of's last answer: cur_byte */
  size_t cur_byte;
};

/* The byte at line:col (1-based; columns count characters, as libyaml's
 * marks and struct loc do). Past its line's end: the line's end. From the
 * last place asked when it is on the same line, before: marks come in
 * file order, so a long line of many nodes is walked once, not per node. */
static size_t byte_of(struct outline *o, int line, int col) {
  if (line < 1)
    return 0;
  if (line > o->lines.n)
    return o->len;
  size_t p = o->lines.v[line - 1];
  int c = 1;
  if (o->cur_line == line && o->cur_col <= col) {
    p = o->cur_byte;
    c = o->cur_col;
  }
  for (; c < col && p < o->len && o->buf[p] != '\n'; c++) {
    p++;
    while (p < o->len && ((unsigned char)o->buf[p] & 0xC0) == 0x80)
      p++;
  }
  o->cur_line = line;
  o->cur_col = c;
  o->cur_byte = p;
  return p;
}

static size_t mark_byte(struct outline *o, yaml_mark_t m) {
  return byte_of(o, (int)m.line + 1, (int)m.column + 1);
}

/* Where the line holding byte p ends, after its line break (p itself if
 * it starts a line, i.e. follows a break). */
static size_t line_end(const struct outline *o, size_t p) {
  if (p > 0 && p <= o->len && o->buf[p - 1] == '\n')
    return p;
  const char *nl = p < o->len ? memchr(o->buf + p, '\n', o->len - p) : NULL;
  return nl ? (size_t)(nl - o->buf) + 1 : o->len;
}

static size_t line_start(const struct outline *o, size_t p) {
  while (p > 0 && o->buf[p - 1] != '\n')
    p--;
  return p;
}

/* Where the comment lines just above the line of byte p begin (no blank
 * line between): p's line start if there are none. */
static size_t comments_above(const struct outline *o, size_t p) {
  size_t s = line_start(o, p);
  while (s > 0) {
    size_t prev = line_start(o, s - 1), q = prev;
    while (q < s && o->buf[q] == ' ')
      q++;
    if (q >= s || o->buf[q] != '#')
      break;
    s = prev;
  }
  return s;
}

static int new_node(struct outline *o, enum yml_kind kind, yaml_mark_t m) {
  struct onode n = {0};
  n.kind = kind;
  n.line = (int)m.line + 1;
  n.col = (int)m.column + 1;
  n.start = n.end = mark_byte(o, m);
  n.parent = n.key = -1;
  VEC_PUSH(o->a, o->v, n);
  return o->v.n - 1;
}

/* Outline o->buf from text, what libyaml reads for it (yml_text: its
 * lines and columns are o->buf's; its bytes may not be, so the nodes'
 * bytes are found from their marks' lines and columns). False if libyaml
 * cannot read it (doc_build read it first, so only a bug gets here). */
static bool outline(struct outline *o, const char *text, size_t tlen) {
  for (size_t p = 0; p <= o->len;) {
    VEC_PUSH(o->a, o->lines, p);
    const char *nl = p < o->len ? memchr(o->buf + p, '\n', o->len - p) : NULL;
    if (!nl)
      break;
    p = (size_t)(nl - o->buf) + 1;
  }
  o->root = -1;
  o->unit = 0;
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser))
    return false;
  yaml_parser_set_input_string(&parser, (const unsigned char *)text, tlen);
  VEC(int) stack = {0};   /* open collections */
  VEC(int) pending = {0}; /* per open mapping: its key awaiting a value */
  bool ok = true, done = false;
  while (ok && !done) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) {
      ok = false;
      break;
    }
    int n = -1;
    switch (ev.type) {
    case YAML_STREAM_END_EVENT:
      done = true;
      break;
    case YAML_SCALAR_EVENT:
    case YAML_ALIAS_EVENT:
      n = new_node(o, YML_SCALAR, ev.start_mark);
      o->v.v[n].end = mark_byte(o, ev.end_mark);
      if (ev.type == YAML_SCALAR_EVENT) {
        o->v.v[n].s = arena_strndup(o->a, (const char *)ev.data.scalar.value,
                                    ev.data.scalar.length);
        if (!ev.data.scalar.length &&
            ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
          o->v.v[n].empty = true; /* placed at its key, below */
      }
      break;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
      bool map = ev.type == YAML_MAPPING_START_EVENT;
      n = new_node(o, map ? YML_MAP : YML_SEQ, ev.start_mark);
      o->v.v[n].flow = map ? ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                           : ev.data.sequence_start.style ==
                                 YAML_FLOW_SEQUENCE_STYLE;
      break;
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: {
      int c = stack.v[--stack.n];
      pending.n--;
      struct onode *cn = &o->v.v[c];
      if (cn->flow)
        cn->end = mark_byte(o, ev.end_mark);
      else if (cn->kids.n)
        cn->end = o->v.v[cn->kids.v[cn->kids.n - 1]].end;
      break;
    }
    default:
      break;
    }
    yaml_event_delete(&ev);
    if (n < 0)
      continue;
    struct onode *node = &o->v.v[n];
    if (!stack.n) {
      if (o->root < 0)
        o->root = n;
    } else {
      int top = stack.v[stack.n - 1];
      struct onode *t = &o->v.v[top];
      node->parent = top;
      node->flow |= t->flow;
      if (t->kind == YML_MAP && pending.v[pending.n - 1] < 0) {
        pending.v[pending.n - 1] = n; /* a key */
        node->name = node->s ? node->s : "";
        n = -1;
      } else {
        if (t->kind == YML_MAP) {
          node->key = pending.v[pending.n - 1];
          pending.v[pending.n - 1] = -1;
        }
        VEC_PUSH(o->a, t->kids, n);
      }
    }
    if (n >= 0 && node->empty && node->key >= 0) /* `key:` and no value */
      node->start = node->end = o->v.v[node->key].end;
    if (n >= 0 && (node->kind == YML_MAP || node->kind == YML_SEQ)) {
      VEC_PUSH(o->a, stack, n);
      VEC_PUSH(o->a, pending, -1);
    }
  }
  yaml_parser_delete(&parser);
  /* the indentation step: a block mapping's keys against its parent key's */
  for (int i = 0; i < o->v.n && !o->unit; i++) {
    const struct onode *m = &o->v.v[i];
    if (m->kind == YML_MAP && !m->flow && m->key >= 0 && m->kids.n) {
      int d = o->v.v[o->v.v[m->kids.v[0]].key].col - o->v.v[m->key].col;
      if (d > 0 && d <= 8)
        o->unit = d;
    }
  }
  if (!o->unit)
    o->unit = 2;
  return ok && o->root >= 0;
}

/* The path of value node n from the root, by its keys' names now
 * ("design.text"); a list item stands as "#" (no fix names one). */
static void path_of(const struct outline *o, int n, char *out, size_t cap) {
  int chain[64], k = 0;
  for (int p = n; p >= 0 && p != o->root && k < 64; p = o->v.v[p].parent)
    chain[k++] = p;
  size_t w = 0;
  out[0] = 0;
  while (k-- > 0) {
    const struct onode *x = &o->v.v[chain[k]];
    const char *seg = x->key >= 0 ? o->v.v[x->key].name : "#";
    int m = snprintf(out + w, cap - w, "%s%s", w ? "." : "", seg);
    if (m < 0 || (size_t)m >= cap - w)
      return;
    w += (size_t)m;
  }
}

/* The value in mapping m of the key named `name` now, not left out, or -1. */
static int child(const struct outline *o, int m, const char *name) {
  const struct onode *mn = &o->v.v[m];
  if (mn->kind != YML_MAP)
    return -1;
  for (int i = 0; i < mn->kids.n; i++) {
    const struct onode *v = &o->v.v[mn->kids.v[i]];
    if (!v->gone && !strcmp(o->v.v[v->key].name, name))
      return mn->kids.v[i];
  }
  return -1;
}

static bool under_gone(const struct outline *o, int n) {
  for (int p = o->v.v[n].parent; p >= 0; p = o->v.v[p].parent)
    if (o->v.v[p].gone)
      return true;
  return false;
}

/* ---- edits ---- */

struct edit {
  size_t s, e;      /* the bytes replaced ([s, s): an insertion) */
  const char *text; /* by this */
  size_t n;
};

struct sbuf {
  struct arena *a;
  char *p;
  size_t n, cap;
};

static void put(struct sbuf *b, const char *s, size_t n) {
  if (!n || n > b->n + n) /* (nothing, or an impossible length) */
    return;
  if (b->n + n + 1 > b->cap) {
    size_t nc = b->cap ? b->cap * 2 : 256;
    while (nc < b->n + n + 1)
      nc *= 2;
    b->p = arena_grow(b->a, b->p, b->cap, nc);
    b->cap = nc;
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = 0;
}

static void puts_(struct sbuf *b, const char *s) { put(b, s, strlen(s)); }

static void spaces(struct sbuf *b, int n) {
  for (int i = 0; i < n; i++)
    put(b, " ", 1);
}

static int by_place(const void *x, const void *y) {
  const struct edit *a = x, *b = y;
  if (a->s != b->s)
    return a->s < b->s ? -1 : 1;
  return a->e < b->e ? -1 : a->e > b->e;
}

/* buf[s, e) with the edits that lie inside it (sorted; an edit inside one
 * already made is skipped: a key left out with what it held). */
static void copy_span(const struct outline *o, const struct edit *ed, int ne,
                      size_t s, size_t e, struct sbuf *out) {
  size_t p = s;
  for (int i = 0; i < ne; i++) {
    if (ed[i].s < p || ed[i].e > e || ed[i].s > e)
      continue;
    put(out, o->buf + p, ed[i].s - p);
    put(out, ed[i].text, ed[i].n);
    p = ed[i].e;
  }
  if (p < e)
    put(out, o->buf + p, e - p);
}

/* s as a YAML scalar: plain when it reads back as the same string, else
 * double-quoted. */
static void scalar_text(struct sbuf *b, const char *s, bool boolean) {
  bool plain = *s && (boolean || (strcmp(s, "true") && strcmp(s, "false") &&
                                  strcmp(s, "null") && strcmp(s, "~")));
  for (const char *p = s; *p && plain; p++)
    plain = ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
             (*p >= '0' && *p <= '9') ||
             (p > s && strchr(" _.,()/%+-", *p))) &&
            !(p[0] == ' ' && (!p[1] || p[1] == '#' || p[1] == ' '));
  if (plain && s[0] >= '0' && s[0] <= '9') { /* a number, or 2024-01 */
    char *end;
    (void)strtod(s, &end);
    plain = *end && !strchr(s, '-');
  }
  if (plain) {
    puts_(b, s);
    return;
  }
  put(b, "\"", 1);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    char esc[8];
    if (*p == '"' || *p == '\\') {
      esc[0] = '\\', esc[1] = (char)*p;
      put(b, esc, 2);
    } else if (*p == '\n') {
      put(b, "\\n", 2);
    } else if (*p == '\t') {
      put(b, "\\t", 2);
    } else if (*p < 0x20 || *p == 0x7F) {
      snprintf(esc, sizeof esc, "\\x%02X", *p);
      puts_(b, esc);
    } else {
      put(b, (const char *)p, 1);
    }
  }
  put(b, "\"", 1);
}

/* ---- the keys a move makes: a small tree under an existing mapping ---- */

struct vnode {
  const char *name;
  VEC(int) kids;
  /* a leaf: its value, as the text after the key of node `src` (with the
   * key's own indentation `from`), or as the string `str` */
  int src;
  const char *str;
  bool boolean;
  VEC(int) notes; /* the values whose comments come along, in order: the
                     lines above their keys (carry), and their lines' own */
};

struct anchor {
  int map;  /* the mapping of the file the keys go under */
  int tree; /* its vnode */
};

struct plan {
  struct outline *o;
  struct diag *d;
  const char *file;
  VEC(struct edit) ed;
  VEC(struct vnode) vt;
  VEC(struct anchor) anchors;
};

static int vnode_new(struct plan *P, const char *name) {
  struct vnode v = {0};
  v.name = name;
  v.src = -1;
  VEC_PUSH(P->o->a, P->vt, v);
  return P->vt.n - 1;
}

static int vchild(struct plan *P, int t, const char *name) {
  for (int i = 0; i < P->vt.v[t].kids.n; i++)
    if (!strcmp(P->vt.v[P->vt.v[t].kids.v[i]].name, name))
      return P->vt.v[t].kids.v[i];
  int c = vnode_new(P, name);
  VEC_PUSH(P->o->a, P->vt.v[t].kids, c);
  return c;
}

/* Vnode t, at design path `path`, holds one value for a key that takes
 * one or a mapping of parts (style_parts): give it to each part (all of
 * them when `over`, else those not given yet), and leave t a mapping. */
static void spread(struct plan *P, int t, const char *path, bool over) {
  struct vnode *x = &P->vt.v[t];
  if (x->src < 0 && !x->str)
    return;
  const char *parts[16];
  int n = strncmp(path, "design.", 7) ? 0 : style_parts(path + 7, parts, 16);
  int src = x->src;
  const char *str = x->str;
  bool boolean = x->boolean;
  x->src = -1;
  x->str = NULL;
  for (int i = 0; i < n; i++) {
    bool had = false;
    for (int k = 0; k < P->vt.v[t].kids.n; k++)
      had |= !strcmp(P->vt.v[P->vt.v[t].kids.v[k]].name, parts[i]);
    if (had && !over)
      continue;
    int ci = vchild(P, t, parts[i]); /* (may move P->vt.v) */
    struct vnode *c = &P->vt.v[ci];
    c->src = src;
    c->str = str;
    c->boolean = boolean;
    c->kids.n = 0;
  }
}

static struct loc loc_of(const struct plan *P, int n) {
  return (struct loc){P->file, P->o->v.v[n].line, P->o->v.v[n].col};
}

/* Put the value of node v (key k) at the path `to`: under the deepest
 * mapping of the file on its way, in keys made for the rest. */
static bool move_to(struct plan *P, int v, const char *to, const struct older_fix *f) {
  struct outline *o = P->o;
  struct arena *a = o->a;
  int m = o->root;
  const char *seg = to;
  /* follow the file's own mappings */
  for (;;) {
    const char *dot = strchr(seg, '.');
    if (!dot)
      break;
    char *name = arena_strndup(a, seg, (size_t)(dot - seg));
    int c = child(o, m, name);
    if (c < 0 || o->v.v[c].kind != YML_MAP)
      break;
    m = c;
    seg = dot + 1;
  }
  if (o->v.v[m].kind != YML_MAP) {
    diag_error(P->d, loc_of(P, m),
               "cvpdf upgrade moves keys into mappings only: '%s' has no "
               "mapping to go into here", to);
    return false;
  }
  if (o->v.v[m].flow) {
    diag_error(P->d, loc_of(P, m),
               "cvpdf upgrade moves keys into block mappings only: write "
               "this mapping one key to a line, then upgrade");
    return false;
  }
  if (!strchr(seg, '.') && child(o, m, seg) >= 0) {
    char path[512];
    path_of(o, v, path, sizeof path);
    diag_warn(P->d, loc_of(P, o->v.v[v].key),
              "'%s' is given with today's name too ('%s', line %d): the "
              "older one is left out",
              path, to, o->v.v[child(o, m, seg)].line);
    return true;
  }
  int t = -1;
  for (int i = 0; i < P->anchors.n; i++)
    if (P->anchors.v[i].map == m)
      t = P->anchors.v[i].tree;
  if (t < 0) {
    t = vnode_new(P, NULL);
    VEC_PUSH(a, P->anchors, ((struct anchor){m, t}));
  }
  for (;;) {
    const char *dot = strchr(seg, '.');
    t = vchild(P, t, dot ? arena_strndup(a, seg, (size_t)(dot - seg)) : seg);
    if (!dot)
      break;
    /* a value made here before is one that sets each part: spread over
     * them, so that this part can be given its own */
    spread(P, t, arena_strndup(a, to, (size_t)(dot - to)), false);
    seg = dot + 1;
  }
  if (P->vt.v[t].kids.n) { /* one value for every part, given after them */
    struct vnode *x = &P->vt.v[t];
    x->src = v;
    x->str = f->value;
    x->boolean = false;
    spread(P, t, to, true);
    return true;
  }
  struct vnode *leaf = &P->vt.v[t];
  const struct onode *vn = &o->v.v[v];
  const char *s = f->value ? f->value : vn->kind == YML_SCALAR ? vn->s : NULL;
  if (f->append && s) { /* joined to what is there, as style.c does */
    const char *before = leaf->str ? leaf->str
                         : leaf->src >= 0 ? o->v.v[leaf->src].s
                                          : NULL;
    leaf->str = before ? arena_printf(a, "%s\n%s", before, s) : s;
    leaf->src = -1;
  } else if (f->value) {
    leaf->str = f->value;
    leaf->boolean = !strcmp(f->value, "true") || !strcmp(f->value, "false");
    leaf->src = -1;
  } else {
    leaf->src = v;
    leaf->str = NULL;
  }
  bool noted = false;
  for (int k = 0; k < leaf->notes.n; k++)
    noted |= leaf->notes.v[k] == v;
  if (to == f->now && !noted) /* (not again for `also`) */
    VEC_PUSH(a, leaf->notes, v);
  return true;
}

/* The comment on the line of byte p, after p and blanks (and a key's
 * colon): its start, its length in *n (0: none), line break excluded. */
static size_t comment_after(const struct outline *o, size_t p, size_t *n) {
  *n = 0;
  size_t e = line_end(o, p);
  while (e > p && (o->buf[e - 1] == '\n' || o->buf[e - 1] == '\r'))
    e--;
  if (p < e && o->buf[p] == ':')
    p++;
  while (p < e && (o->buf[p] == ' ' || o->buf[p] == '\t'))
    p++;
  if (p >= e || o->buf[p] != '#' || (p > 0 && o->buf[p - 1] != ' ' &&
                                     o->buf[p - 1] != '\t'))
    return 0;
  *n = e - p;
  return p;
}

/* The comment on the line where value v (one line long) ends: its start,
 * its length in *n (0: none), line break excluded. */
static size_t line_comment(const struct outline *o, int v, size_t *n) {
  const struct onode *x = &o->v.v[v];
  *n = 0;
  if (x->kind != YML_SCALAR && !x->flow)
    return 0;
  return comment_after(o, x->end, n);
}

static const char *eol_of(const struct outline *o) {
  const char *nl = memchr(o->buf, '\n', o->len);
  return nl && nl > o->buf && nl[-1] == '\r' ? "\r\n" : "\n";
}

/* The keys of tree t, indented by `ind`, as block YAML. */
static void emit_tree(struct plan *P, int t, int ind, const char *eol,
                      struct sbuf *b) {
  const struct outline *o = P->o;
  for (int i = 0; i < P->vt.v[t].kids.n; i++) {
    const struct vnode *c = &P->vt.v[P->vt.v[t].kids.v[i]];
    /* the comments of the values that came here, indented as the key:
     * the lines above each, then the line's own of each but the one that
     * stays on the key's line (the text copied, or the last value's) */
    const char *own = NULL;
    size_t nown = 0;
    for (int k = 0; k < c->notes.n; k++) {
      const struct onode *v = &o->v.v[c->notes.v[k]];
      for (const char *p = v->carry ? v->carry : ""; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
        spaces(b, ind);
        put(b, p, n);
        p += n;
      }
      size_t cn, cs = line_comment(o, c->notes.v[k], &cn);
      if (!cn || c->notes.v[k] == c->src)
        continue;
      if (c->src < 0 && !c->kids.n && k == c->notes.n - 1) {
        own = o->buf + cs, nown = cn;
      } else {
        spaces(b, ind);
        put(b, o->buf + cs, cn);
        puts_(b, eol);
      }
    }
    spaces(b, ind);
    puts_(b, c->name);
    if (c->kids.n) {
      put(b, ":", 1);
      puts_(b, eol);
      emit_tree(P, P->vt.v[t].kids.v[i], ind + o->unit, eol, b);
    } else if (c->src < 0) {
      put(b, ": ", 2);
      scalar_text(b, c->str ? c->str : "", c->boolean);
      if (nown) {
        put(b, "   ", 3);
        put(b, own, nown);
      }
      puts_(b, eol);
    } else {
      /* the text after the old key, to the end of its value's last line,
       * its lines after the first moved to the new indentation */
      const struct onode *v = &o->v.v[c->src], *k = &o->v.v[v->key];
      struct sbuf t2 = {b->a, NULL, 0, 0};
      copy_span(o, P->ed.v, P->ed.n, k->end, line_end(o, v->end), &t2);
      int from = k->col - 1;
      const char *p = t2.p ? t2.p : "", *end = p + t2.n;
      bool first = true;
      while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl + 1 : end;
        if (!first) {
          int sp = 0;
          while (p + sp < le && p[sp] == ' ')
            sp++;
          if (sp >= from && p + sp < le && p[sp] != '\n' && p[sp] != '\r') {
            spaces(b, ind);
            p += from;
          }
        }
        put(b, p, (size_t)(le - p));
        p = le;
        first = false;
      }
      if (!t2.n || (t2.p[t2.n - 1] != '\n'))
        puts_(b, eol);
    }
  }
}

static void add_edit(struct plan *P, size_t s, size_t e, const char *text,
                     size_t n) {
  VEC_PUSH(P->o->a, P->ed, ((struct edit){s, e, text, n}));
}

/* the node of the key at `at` (its value's), or of the value at `at` */
static int node_at(const struct outline *o, struct loc at, bool value) {
  for (int i = 0; i < o->v.n; i++) {
    const struct onode *n = &o->v.v[i];
    if (value) {
      if (n->kind == YML_SCALAR && n->line == at.line && n->col == at.col &&
          (n->key >= 0 || (n->parent >= 0 && o->v.v[n->parent].kind == YML_SEQ)))
        return i;
    } else if (n->key >= 0 && o->v.v[n->key].line == at.line &&
               o->v.v[n->key].col == at.col) {
      return i;
    }
  }
  return -1;
}

static int depth(const struct outline *o, int n) {
  int d = 0;
  for (int p = o->v.v[n].parent; p >= 0; p = o->v.v[p].parent)
    d++;
  return d;
}

struct fixed {
  int node;
  const struct upgrade_fix *f;
  int depth;
};

static int by_depth(const void *x, const void *y) {
  const struct fixed *a = x, *b = y;
  if (a->depth != b->depth)
    return a->depth - b->depth;
  return a->node - b->node;
}

char *upgrade_text(struct arena *a, struct diag *d, const char *file,
                   const char *buf, size_t len, const struct upgrade_fix *fixes,
                   int nfixes, size_t *outlen) {
  size_t bom = len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
  struct outline o = {0};
  o.a = a;
  o.buf = buf + bom;
  o.len = len - bom;
  size_t tlen;
  const char *text = yml_text(a, d, file, buf, len, &tlen);
  if (!text)
    return NULL;
  if (!outline(&o, text, tlen)) {
    diag_error(d, (struct loc){file, 0, 0},
               "cvpdf upgrade could not outline this file");
    return NULL;
  }
  struct plan P = {0};
  P.o = &o;
  P.d = d;
  P.file = file;
  int errors = d->errors;

  /* each fix's node, shallow ones first: a key renamed in place renames
   * the path of what it holds */
  struct fixed *fx = arena_alloc(a, sizeof *fx * (size_t)(nfixes + 1));
  int nf = 0;
  for (int i = 0; i < nfixes; i++) {
    bool dup = false;
    for (int j = 0; j < i; j++)
      dup |= fixes[j].at.line == fixes[i].at.line &&
             fixes[j].at.col == fixes[i].at.col;
    if (dup)
      continue;
    int n = node_at(&o, fixes[i].at, fixes[i].fix.spelling);
    if (n < 0) {
      diag_error(d, fixes[i].at, "cvpdf upgrade cannot find this older name "
                                 "in the file's text (a bug)");
      continue;
    }
    fx[nf++] = (struct fixed){n, &fixes[i], depth(&o, n)};
  }
  qsort(fx, (size_t)nf, sizeof *fx, by_depth);

  /* renames in place, respellings, and what is left out */
  for (int i = 0; i < nf; i++) {
    struct onode *v = &o.v.v[fx[i].node];
    const struct older_fix *f = &fx[i].f->fix;
    if (f->spelling) {
      v->respell = f->value;
      continue;
    }
    if (!f->now) {
      v->gone = true;
      continue;
    }
    char parent[512], want[512];
    path_of(&o, v->parent, parent, sizeof parent);
    const char *dot = strrchr(f->now, '.');
    snprintf(want, sizeof want, "%.*s", dot ? (int)(dot - f->now) : 0, f->now);
    if (!strcmp(parent, want) && !f->append) {
      int twin = child(&o, v->parent, dot ? dot + 1 : f->now);
      if (twin >= 0 && twin != fx[i].node) {
        diag_error(d, loc_of(&P, v->key),
                   "'%s' is given with today's name too, line %d: keep one "
                   "of them, then upgrade",
                   o.v.v[v->key].name, o.v.v[twin].line);
        continue;
      }
      struct onode *k = &o.v.v[v->key];
      k->name = dot ? dot + 1 : f->now;
      k->renamed = true;
      if (f->value)
        v->respell = f->value;
    }
  }
  /* moves: the key left out where it was, its value under its new name
   * (and `also`'s) */
  for (int i = 0; i < nf; i++) {
    struct onode *v = &o.v.v[fx[i].node];
    const struct older_fix *f = &fx[i].f->fix;
    if (f->spelling || !f->now)
      continue;
    if (o.v.v[v->key].flow && (!o.v.v[v->key].renamed || f->also)) {
      diag_error(d, loc_of(&P, v->key),
                 "cvpdf upgrade moves keys of block mappings only: write "
                 "this mapping one key to a line, then upgrade");
      continue;
    }
    if (!o.v.v[v->key].renamed) {
      if (!move_to(&P, fx[i].node, f->now, f))
        continue;
      v->gone = true;
      v->carried = true;
      v->lead = 1; /* (its comments are found below) */
    }
    if (f->also)
      move_to(&P, fx[i].node, f->also, f);
  }
  /* a mapping whose keys have all moved goes too (2.3's `text:`) */
  for (bool more = true; more;) {
    more = false;
    for (int i = 0; i < o.v.n; i++) {
      struct onode *m = &o.v.v[i];
      if (m->kind != YML_MAP || m->gone || m->key < 0 || m->flow ||
          !m->kids.n)
        continue;
      bool all = true;
      for (int k = 0; k < m->kids.n && all; k++)
        all = o.v.v[m->kids.v[k]].gone;
      for (int k = 0; k < P.anchors.n && all; k++)
        all = P.anchors.v[k].map != i;
      if (all)
        m->gone = more = true;
    }
  }
  if (d->errors > errors)
    return NULL;
  /* the comments above a moved key go with it, and so do those above the
   * mappings it leaves empty when it was their first key */
  for (int i = 0; i < o.v.n; i++) {
    struct onode *v = &o.v.v[i];
    if (!v->lead)
      continue;
    struct sbuf c = {a, NULL, 0, 0};
    for (int n = i;;) {
      struct onode *x = &o.v.v[n];
      size_t ks = line_start(&o, o.v.v[x->key].start);
      x->lead = comments_above(&o, ks);
      struct sbuf lines = {a, NULL, 0, 0};
      for (size_t p = x->lead; p < ks;) {
        size_t e = p, q = p;
        while (e < ks && o.buf[e++] != '\n')
          ;
        while (q < e && o.buf[q] == ' ')
          q++;
        put(&lines, o.buf + q, e - q);
        p = e;
      }
      if (lines.n) { /* outer comments first */
        put(&lines, c.p, c.n);
        c = lines;
      }
      int m = x->parent;
      struct onode *pm = &o.v.v[m];
      if (!pm->gone || pm->key < 0 || pm->lead || pm->kids.v[0] != n)
        break;
      n = m; /* an emptied mapping whose first key this was */
    }
    v->carry = c.n ? c.p : NULL;
  }

  /* the edits of the file's own text */
  for (int i = 0; i < o.v.n; i++) {
    struct onode *v = &o.v.v[i];
    if (v->gone && !under_gone(&o, i)) {
      const struct onode *k = &o.v.v[v->key];
      size_t s = line_start(&o, k->start);
      for (size_t p = s; p < k->start; p++)
        if (o.buf[p] != ' ') {
          diag_error(d, loc_of(&P, v->key),
                     "cvpdf upgrade leaves out keys that begin their line "
                     "only: put this key on a line of its own, then upgrade");
          return NULL;
        }
      /* a key left out, not moved (no meaning today, or emptied by the
       * moves): the comment on its line stays, on a line of its own */
      struct sbuf keep = {a, NULL, 0, 0};
      size_t cs, cn = 0;
      if (v->kind == YML_MAP && !v->flow)
        cs = comment_after(&o, k->end, &cn);
      else
        cs = line_comment(&o, i, &cn);
      if (cn && !v->carried) {
        spaces(&keep, k->col - 1);
        put(&keep, o.buf + cs, cn);
        puts_(&keep, eol_of(&o));
      }
      add_edit(&P, v->lead && v->lead < s ? v->lead : s, line_end(&o, v->end),
               keep.p ? keep.p : "", keep.n);
    }
    if (v->key >= 0 && o.v.v[v->key].renamed) {
      const struct onode *k = &o.v.v[v->key];
      add_edit(&P, k->start, k->end, k->name, strlen(k->name));
    }
    if (v->respell) {
      struct sbuf b = {a, NULL, 0, 0};
      scalar_text(&b, v->respell,
                  !strcmp(v->respell, "true") || !strcmp(v->respell, "false"));
      add_edit(&P, v->start, v->end, b.p, b.n);
    }
  }
  if (P.ed.n)
    qsort(P.ed.v, (size_t)P.ed.n, sizeof *P.ed.v, by_place);
  /* the keys moves make, after each anchor mapping's last line */
  const char *eol = eol_of(&o);
  VEC(struct edit) ins = {0};
  for (int i = 0; i < P.anchors.n; i++) {
    int m = P.anchors.v[i].map;
    const struct onode *mn = &o.v.v[m];
    int ind = mn->kids.n ? o.v.v[o.v.v[mn->kids.v[0]].key].col - 1 : 0;
    struct sbuf b = {a, NULL, 0, 0};
    size_t at = m == o.root ? o.len : line_end(&o, mn->end);
    bool broken = at == 0 || o.buf[at - 1] == '\n';
    for (int k = 0; k < P.ed.n && !broken; k++) /* its last line left out */
      broken = P.ed.v[k].e == at && !P.ed.v[k].n &&
               (P.ed.v[k].s == 0 || o.buf[P.ed.v[k].s - 1] == '\n');
    if (!broken)
      puts_(&b, eol);
    emit_tree(&P, P.anchors.v[i].tree, ind, eol, &b);
    VEC_PUSH(a, ins, ((struct edit){at, at, b.p, b.n}));
  }
  for (int i = 0; i < ins.n; i++)
    add_edit(&P, ins.v[i].s, ins.v[i].e, ins.v[i].text, ins.v[i].n);
  if (P.ed.n)
    qsort(P.ed.v, (size_t)P.ed.n, sizeof *P.ed.v, by_place);
  struct sbuf out = {a, NULL, 0, 0};
  put(&out, buf, bom);
  copy_span(&o, P.ed.v, P.ed.n, 0, o.len, &out);
  *outlen = out.n;
  return out.p ? out.p : arena_strdup(a, "");
}

/* ---- the command ---- */

/* The older names a build hears in `file` (and how many in other files:
 * an included one, say). */
struct heard {
  struct arena *a;
  const char *file;
  VEC(struct upgrade_fix) v;
  int elsewhere;
  const char *other;
};

static const char *keep(struct arena *a, const char *s) {
  return s ? arena_strdup(a, s) : NULL;
}

static void hear(void *ud, struct loc at, const struct older_fix *f) {
  struct heard *h = ud;
  if (!at.file || strcmp(at.file, h->file)) {
    if (at.file && !h->elsewhere++)
      h->other = arena_strdup(h->a, at.file);
    return;
  }
  struct upgrade_fix u = {at, *f};
  u.at.file = h->file;
  u.fix.now = keep(h->a, f->now);
  u.fix.also = keep(h->a, f->also);
  u.fix.value = keep(h->a, f->value);
  VEC_PUSH(h->a, h->v, u);
}

/* A file without 'cv' holding RenderCV's design, locale or settings
 * alone (what its --design, --locale-catalog and --settings read): that
 * layer's number (0, 1, 2), 3 for design and locale together (a --style
 * file); -1 for a CV (or anything else: built as a CV, its errors said). */
static int layer_of(struct arena *a, const char *file, const char *buf,
                    size_t len) {
  struct diag quiet;
  diag_init(&quiet, stderr);
  quiet.silent = true;
  struct yml_limits lim = {DOC_MAX_DEPTH, DOC_MAX_NODES, DOC_MAX_SCALAR};
  bool empty;
  struct yml *root = yml_parse(a, &quiet, file, buf, len, &lim, &empty);
  if (!root || root->kind != YML_MAP || yml_get(root, "cv"))
    return -1;
  bool design = yml_get(root, "design") != NULL,
       locale = yml_get(root, "locale") || yml_get(root, "locale_catalog"),
       settings = yml_get(root, "settings") != NULL;
  if (design + locale + settings != 1)
    return design && locale && !settings ? 3 : -1;
  return design ? 0 : locale ? 1 : 2;
}

/* Build buf (the text of `file`) as `cvpdf file` would (a design, locale
 * or settings file, as layer_of says it is, as the layer of a CV of one
 * name), and dump its pages into *dump (malloc'd), hearing its older
 * names. False on errors (reported). */
static bool build(const char *datadir, const char *file, const char *buf,
                  size_t len, int layer, struct diag *d, struct heard *h,
                  char **dump, size_t *dlen) {
  struct fonts fonts;
  if (!fonts_init(&fonts)) {
    diag_error(d, (struct loc){0}, "cannot start FreeType");
    return false;
  }
  struct ctx c;
  doc_ctx_init(&c, &fonts, datadir);
  fonts.release_pages = true;
  c.diag = d;
  d->on_older = hear;
  d->older_ud = h;
  diag_source(d, file, buf, len);
  struct doc doc;
  struct doc_opts opts;
  memset(&opts, 0, sizeof opts);
  opts.from = DIALECT_AUTO;
  static const char stub[] = "cv:\n  name: Ada Lovelace\n";
  bool ok;
  if (layer < 0) {
    ok = doc_build(&c, file, buf, len, &opts, &doc);
  } else {
    if (layer == 3) {
      opts.style_file = file;
      opts.style_text = buf;
      opts.style_len = len;
    } else {
      opts.layer_file[layer] = file;
      opts.layer_text[layer] = buf;
      opts.layer_len[layer] = len;
    }
    ok = doc_build(&c, "<a CV for the layer>", stub, sizeof stub - 1, &opts,
                   &doc);
  }
  d->on_older = NULL;
  d->older = 0; /* (no summary: upgrade says what it did) */
  *dump = NULL;
  *dlen = 0;
  if (ok) {
    FILE *m = xcheck(open_memstream(dump, dlen));
    dump_pages(m, &c, &doc.pages);
    fclose(m);
  }
  diag_forget(d, file);
  doc_ctx_free(&c);
  fonts_free(&fonts);
  return ok;
}

struct upgrade_opts {
  const char *output;
  bool check, verbose, quiet;
};

/* FILE.bak, or FILE.bak.2 ... when that is taken; NULL if all are. */
static char *backup_name(const char *path) {
  size_t n = strlen(path) + 16;
  char *b = xmalloc(n);
  for (int i = 1; i < 100; i++) {
    if (i == 1)
      snprintf(b, n, "%s.bak", path);
    else
      snprintf(b, n, "%s.bak.%d", path, i);
    struct stat st;
    if (lstat(b, &st) != 0)
      return b;
  }
  free(b);
  return NULL;
}

/* Upgrade one file: 0 done (or nothing to do), 1 failed, 3 (--check) it
 * has older names. */
static int upgrade_one(const char *datadir, const char *path,
                       const struct upgrade_opts *uo) {
  struct diag d;
  diag_init(&d, stderr);
  d.quiet = true; /* the file's own warnings are render's to say */
  struct arena a;
  arena_init(&a);
  size_t len = 0;
  char *buf = files_read(path, &len, &d);
  if (!buf) {
    arena_free(&a);
    return 1;
  }
  const char *shown = strcmp(path, "-") ? path : "<stdin>";
  struct heard h = {&a, shown, {0}, 0, NULL};
  char *dump0 = NULL, *dump1 = NULL;
  size_t n0 = 0, n1 = 0;
  int status = 1;
  char *text = NULL;
  size_t tlen = 0;
  /* (the upgraded text is the same kind of file) */
  int layer = layer_of(&a, shown, buf, len);
  if (!build(datadir, shown, buf, len, layer, &d, &h, &dump0, &n0)) {
    fprintf(stderr, "cvpdf: error: %s has errors (above): fix them, then "
                    "upgrade it\n", shown);
    goto out;
  }
  if (h.elsewhere)
    fprintf(stderr,
            "cvpdf: note: %s includes %d older name%s from %s: upgrade "
            "that file too\n",
            shown, h.elsewhere, h.elsewhere == 1 ? "" : "s", h.other);
  if (!h.v.n) {
    if (!uo->quiet && !uo->check)
      fprintf(stderr, "cvpdf: %s: no older RenderCV name; nothing to do\n",
              shown);
    if (uo->output && strcmp(uo->output, path))
      status = files_write(uo->output, buf, len, &d) ? 0 : 1;
    else
      status = 0;
    goto out;
  }
  if (uo->verbose)
    for (int i = 0; i < h.v.n; i++) {
      const struct upgrade_fix *u = &h.v.v[i];
      fprintf(stderr, "%s:%d:%d: %s %s%s%s%s%s\n", shown, u->at.line,
              u->at.col,
              u->fix.spelling ? "respelled" : u->fix.now ? "now" : "left out",
              u->fix.spelling ? u->fix.value : u->fix.now ? u->fix.now : "",
              u->fix.also ? " and " : "", u->fix.also ? u->fix.also : "",
              !u->fix.spelling && u->fix.value ? " = " : "",
              !u->fix.spelling && u->fix.value ? u->fix.value : "");
    }
  if (uo->check) {
    if (!uo->quiet)
      fprintf(stderr, "cvpdf: %s: %d older RenderCV name%s (cvpdf upgrade "
                      "rewrites them)\n",
              shown, h.v.n, h.v.n == 1 ? "" : "s");
    status = 3;
    goto out;
  }
  /* a design, locale or settings file holds its one block */
  static const char *const block[3] = {"design", "locale", "settings"};
  for (int i = 0; i < h.v.n && layer >= 0 && layer < 3; i++) {
    const struct older_fix *f = &h.v.v[i].fix;
    size_t n = strlen(block[layer]);
    for (int t = 0; t < 2; t++) {
      const char *to = t ? f->also : f->now;
      if (to && (strncmp(to, block[layer], n) || (to[n] && to[n] != '.')))
        diag_error(&d, h.v.v[i].at,
                   "this is now '%s', which a %s file cannot hold: move it "
                   "to the CV (or its %.*s file), then upgrade",
                   to, block[layer], (int)strcspn(to, "."), to);
    }
  }
  text = d.errors ? NULL
                  : upgrade_text(&a, &d, shown, buf, len, h.v.v, h.v.n, &tlen);
  if (!text) {
    fprintf(stderr, "cvpdf: error: %s is left as it is\n", shown);
    goto out;
  }
  /* the new text must set the same pages, with no older name */
  struct heard h1 = {&a, shown, {0}, 0, NULL};
  bool same = build(datadir, shown, text, tlen, layer, &d, &h1, &dump1, &n1) &&
              n0 == n1 && !memcmp(dump0, dump1, n0);
  if (!same || h1.v.n) {
    fprintf(stderr,
            "cvpdf: error: %s: the upgraded text %s; the file is left as "
            "it is (please report this, with the file)\n",
            shown,
            !same ? "would not render to the same pages"
                  : "still has older names");
    goto out;
  }
  if (uo->output) {
    status = files_write(uo->output, text, tlen, &d) ? 0 : 1;
    goto out;
  }
  if (!strcmp(path, "-")) {
    status = files_write("-", text, tlen, &d) ? 0 : 1;
    goto out;
  }
  /* in place: the original kept, then replaced whole; a link followed */
  char *real = realpath(path, NULL);
  struct stat st;
  bool link = lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
  char *bak = real ? backup_name(link ? real : path) : NULL;
  if (!real || !bak || stat(real, &st) != 0) {
    fprintf(stderr, "cvpdf: error: %s: no name is free for its backup "
                    "(%s.bak ...); nothing is written\n",
            shown, shown);
  } else if (files_write(bak, buf, len, &d) && files_write(real, text, tlen, &d)) {
    chmod(bak, st.st_mode & 07777);
    chmod(real, st.st_mode & 07777);
    if (!uo->quiet)
      fprintf(stderr, "cvpdf: %s: %d older name%s rewritten; the original "
                      "is %s\n",
              shown, h.v.n, h.v.n == 1 ? "" : "s", bak);
    status = 0;
  }
  free(real);
  free(bak);
out:
  free(buf);
  free(dump0);
  free(dump1);
  arena_free(&a);
  return status;
}

int upgrade_main(int argc, char **argv, const char *datadir) {
  struct upgrade_opts uo = {0};
  const char **files = xcalloc((size_t)argc + 1, sizeof *files);
  int nfiles = 0;
  bool options = true;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (options && !strcmp(a, "--")) {
      options = false;
    } else if (options && (!strcmp(a, "-h") || !strcmp(a, "--help"))) {
      fputs(UPGRADE_USAGE, stdout);
      free(files);
      return 0;
    } else if (options && (!strcmp(a, "-o") || !strcmp(a, "--output"))) {
      if (i + 1 >= argc || uo.output) {
        fprintf(stderr, "cvpdf: error: %s %s\nTry 'cvpdf upgrade --help' "
                        "for more information.\n",
                a, uo.output ? "is given twice" : "needs a path");
        free(files);
        return 2;
      }
      uo.output = argv[++i];
    } else if (options && !strncmp(a, "--output=", 9)) {
      uo.output = a + 9;
    } else if (options && !strcmp(a, "--check")) {
      uo.check = true;
    } else if (options && (!strcmp(a, "-v") || !strcmp(a, "--verbose"))) {
      uo.verbose = true;
    } else if (options && (!strcmp(a, "-q") || !strcmp(a, "--quiet"))) {
      uo.quiet = true;
    } else if (options && a[0] == '-' && a[1]) {
      fprintf(stderr, "cvpdf: error: unknown option '%s' of cvpdf upgrade\n"
                      "Try 'cvpdf upgrade --help' for more information.\n",
              a);
      free(files);
      return 2;
    } else {
      files[nfiles++] = a;
    }
  }
  const char *why = !nfiles ? "cvpdf upgrade needs a file: cvpdf upgrade cv.yaml"
                    : uo.output && nfiles > 1
                        ? "-o names one output: upgrade one file with it"
                    : uo.output && uo.check ? "--check writes nothing: no -o"
                                            : NULL;
  if (why) {
    fprintf(stderr, "cvpdf: error: %s\nTry 'cvpdf upgrade --help' for more "
                    "information.\n",
            why);
    free(files);
    return 2;
  }
  int status = 0;
  for (int i = 0; i < nfiles; i++) {
    int s = upgrade_one(datadir, files[i], &uo);
    if (s)
      status = 1; /* an error, or (--check) older names */
  }
  free(files);
  return status;
}
