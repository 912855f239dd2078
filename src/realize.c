/* realize.c: CV model + style -> realized document (see realize.h).
 *
 * Owns what the CV says in words: RenderCV's entry templates and their
 * placeholders, dates and time spans (through tmpl.c), phone number
 * formats, what each connection reads and which icon it has, bold
 * keywords, the link policy (only http, https, mailto and tel reach the
 * PDF), and the bounds on what it writes (REALIZE_MAX_BYTES, and
 * TMPL_MAX_FILL reported at the template's key). It measures nothing;
 * layout.c places what it writes.
 */
#include "realize.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "image.h"
#include "tmpl.h"
#include "utf8.h"

struct realizer {
  struct ctx *c;
  struct arena *a; /* what is kept: the realized document (c->doc) */
  struct arena *t; /* scratch (c->tmp): filled templates, parsing; reset
                      after each entry */
  const struct cv *cv;
  const struct style *s;
  const struct keywords *kw; /* the bold keywords, made ready once */
  size_t spent; /* bytes written: filled templates, kept spans (at most
                   REALIZE_MAX_BYTES) */
  bool over;    /* the budget ran out (reported): nothing more is written */
  VEC(const char *) reported; /* templates reported too long, once each */
  /* citations: the numbered entries, by number (the first entry to show
   * a number has it), and the largest number */
  const struct entry **cited;
  int ncited;
  /* numbered entries with a `citation_key` (a `bibtex:` item's), cited
   * as "[key]" */
  const struct entry **keyed;
  int nkeyed;
};

/* ---- bounds ---- */

/* Room for n more bytes? If not, say so once, at `at`, and write nothing
 * more: an error is reported, so the document will not be set. */
static bool room(struct realizer *R, size_t n, struct loc at) {
  if (R->over)
    return false;
  if (n <= REALIZE_MAX_BYTES - R->spent)
    return true;
  R->over = true;
  diag_error(R->c->diag, at,
             "the document's text would be longer than %zu MiB here "
             "(cvpdf's limit, four times the largest file it reads): is a "
             "long text repeated many times, through YAML aliases or a "
             "template naming it?",
             REALIZE_MAX_BYTES >> 20);
  return false;
}

/* Where the style key `path` ("templates.footer") was written in `block`
 * (the CV's design or locale, which hold the style file's and --set's
 * values too). False if it is not there: the theme's template, or an
 * older RenderCV name that style.c translated. style.c keeps no
 * positions for templates, so this looks the key up again. */
static bool style_key_at(const struct yml *block, const char *path,
                         struct loc *at) {
  const struct yml *m = block;
  while (m && m->kind == YML_MAP) {
    const char *dot = strchr(path, '.');
    size_t n = dot ? (size_t)(dot - path) : strlen(path);
    const struct yml *next = NULL;
    for (int i = 0; i < m->n && !next; i++) {
      if (strlen(m->keys[i]->s) != n || memcmp(m->keys[i]->s, path, n))
        continue;
      if (!dot) {
        *at = m->keys[i]->loc;
        return true;
      }
      next = m->kids[i];
    }
    if (!dot)
      return false;
    m = next;
    path = dot + 1;
  }
  return false;
}

/* Template `name` (found at `path` in `block`) filled in would pass
 * TMPL_MAX_FILL: an error at its key, once per template, naming the entry
 * it was filled for (e; NULL for the page notes); at `fallback` when the
 * key is not in the file. */
static void template_too_long(struct realizer *R, const char *name,
                              const struct yml *block, const char *path,
                              const struct entry *e, struct loc fallback) {
  for (int i = 0; i < R->reported.n; i++)
    if (!strcmp(R->reported.v[i], name))
      return;
  VEC_PUSH(R->a, R->reported, arena_strdup(R->a, name));
  struct loc at;
  size_t mib = TMPL_MAX_FILL >> 20;
  if (!style_key_at(block, path, &at)) {
    diag_error(R->c->diag, e ? e->loc : fallback,
               "filled in%s, template '%s' would be longer than %zu MiB: "
               "expected shorter %s",
               e ? " for this entry" : "", name, mib,
               e ? "fields" : "values");
  } else if (e) {
    diag_error(R->c->diag, at,
               "template '%s', filled in for the entry at line %d, would be "
               "longer than %zu MiB: expected a template that names each "
               "field a few times at most",
               name, e->loc.line, mib);
  } else {
    diag_error(R->c->diag, at,
               "template '%s', filled in, would be longer than %zu MiB: "
               "expected a template that names each placeholder a few "
               "times at most",
               name, mib);
  }
}

/* ---- links and text ---- */

/* Is u, whose first ':' is at colon, a host and port without a scheme
 * ("example.com:8080/x", "localhost:3000")? A host has a dot (or is
 * localhost); a port is 1 to 5 digits, then the end, '/', '?' or '#'. */
static bool host_port(const char *u, const char *colon) {
  bool dot = false;
  for (const char *p = u; p < colon; p++) {
    if (*p == '.')
      dot = true;
    else if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
               (*p >= '0' && *p <= '9') || *p == '-'))
      return false;
  }
  if (colon == u ||
      !(dot || (colon - u == 9 && !strncasecmp(u, "localhost", 9))))
    return false;
  const char *q = colon + 1;
  while (*q >= '0' && *q <= '9')
    q++;
  return q > colon + 1 && q - colon <= 6 &&
         (!*q || *q == '/' || *q == '?' || *q == '#');
}

/* Does u (a target with no scheme) begin with a host name: labels of
 * letters, digits and hyphens (or bytes beyond ASCII) joined by dots, the
 * last one a top-level domain (letters, not a file's extension such as
 * pdf or html)? "example.com/x" does; "cv.pdf", "./talk.pdf" and
 * "/index.html" do not. */
static bool host_first(const char *u) {
  static const char *const files[] = {"pdf", "html", "htm", "png", "jpg",
                                      "jpeg", "gif", "svg", "doc", "docx",
                                      "txt", "md", "tex", "zip", "yaml",
                                      "json"};
  const char *p = u, *label = u;
  int dots = 0;
  for (; *p && !strchr("/?#:", *p); p++) {
    unsigned char c = (unsigned char)*p;
    if (c == '.') {
      if (p == label)
        return false; /* an empty label: ".x", "a..b" */
      dots++;
      label = p + 1;
    } else if (!(isalnum(c) || c == '-' || c >= 0x80)) {
      return false;
    }
  }
  size_t tl = (size_t)(p - label);
  if (!dots || tl < 2)
    return false;
  for (const char *q = label; q < p; q++)
    if (!isalpha((unsigned char)*q) && (unsigned char)*q < 0x80)
      return false;
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
    if (strlen(files[i]) == tl && !strncasecmp(label, files[i], tl))
      return false;
  return true;
}

/* Has a target of an allowed scheme something after the scheme: a host
 * for http(s), an address for mailto, a digit for tel? */
static bool target_holds(const char *u) {
  if (!strncasecmp(u, "mailto:", 7))
    return strchr(u + 7, '@') != NULL;
  if (!strncasecmp(u, "tel:", 4))
    return strpbrk(u + 4, "0123456789") != NULL;
  const char *h = u + (u[4] == 's' || u[4] == 'S' ? 8 : 7);
  return *h && *h != '/' && *h != '?' && *h != '#';
}

/* Only links a reader can safely follow reach the PDF: http, https,
 * mailto and tel. A web address without its scheme (a host and a path,
 * or a host and port) gets https://; internal anchors ("#x"), which are
 * not linked yet, and targets that are no address are a warning. Any
 * other target is an error at `loc` naming its scheme. Messages only when
 * d is given (notes are checked once, at realize time); the link goes
 * either way. */
static void check_links(struct arena *a, struct diag *d, struct spans *sp,
                        struct loc loc) {
  for (int i = 0; i < sp->n; i++) {
    struct span *x = &sp->v[i];
    if (!x->url)
      continue;
    const char *u = x->url;
    const char *ctl = u, *uend = u + strlen(u);
    uint32_t cp = 0;
    while (*ctl && (unsigned char)*ctl > 0x20 && *ctl != 0x7f) {
      /* (a C1 control or a bidirectional override, as one: it would
       * reach the PDF's /URI, or show one address and follow another) */
      int k = utf8_decode(ctl, (size_t)(uend - ctl), &cp);
      if (k > 1 && utf8_is_hidden(cp))
        break;
      ctl += k > 0 ? k : 1;
    }
    if (*ctl) { /* a space or a control character: no address holds one */
      char what[48];
      snprintf(what, sizeof what, "%s",
               *ctl == ' ' ? "a space" : "a control character");
      if ((unsigned char)*ctl >= 0x80)
        snprintf(what, sizeof what, "%s (U+%04X)",
                 cp <= 0x9F ? "a control character" : "an invisible character",
                 (unsigned)cp);
      if (d)
        diag_warn(d, loc,
                  "link target '%s' holds %s: the text is shown without a "
                  "link (a space in an address is written %%20)",
                  u, what);
      x->url = NULL;
      continue;
    }
    if (!strncasecmp(u, "http://", 7) || !strncasecmp(u, "https://", 8) ||
        !strncasecmp(u, "mailto:", 7) || !strncasecmp(u, "tel:", 4)) {
      if (!target_holds(u)) {
        if (d)
          diag_warn(d, loc,
                    "link target '%s' holds no address after its scheme: "
                    "the text is shown without a link",
                    u);
        x->url = NULL;
      }
      continue;
    }
    if (u[0] == '/' && u[1] == '/' && host_first(u + 2)) {
      x->url = arena_printf(a, "https:%s", u); /* "//example.com/x" */
      continue;
    }
    if (u[0] == '#' || u[0] == 0) {
      if (d)
        diag_warn(d, loc,
                  u[0] ? "link target '%s' is an anchor, which cvpdf does "
                         "not link yet: the text is shown without a link"
                       : "an empty link target%s: the text is shown "
                         "without a link",
                  u);
      x->url = NULL;
      continue;
    }
    const char *colon = strchr(u, ':'), *slash = strchr(u, '/');
    bool port = colon && host_port(u, colon);
    if (!colon || (slash && slash < colon) || port) {
      /* "example.com/x", "example.com:8080": a web address without its
       * scheme; a path ("./talk.pdf", "/x", "cv.pdf") leads nowhere from
       * a PDF that travels */
      if ((port || host_first(u)) && !strchr(u, ' ')) {
        x->url = arena_printf(a, "https://%s", u);
      } else {
        if (d)
          diag_warn(d, loc,
                    u[0] == '/' || u[0] == '.' || strchr(u, '.')
                        ? "link target '%s' is a path, which leads nowhere "
                          "once the PDF is sent: give the whole address "
                          "(https://...); the text is shown without a link"
                        : "link target '%s' is not a web address (it has no "
                          "scheme and no host such as example.com): the "
                          "text is shown without a link",
                    u);
        x->url = NULL;
      }
      continue;
    }
    int sl = (int)(colon - u);
    if (d)
      diag_error(d, loc,
                 "link target '%s' is not allowed: only http, https, mailto "
                 "and tel links are written to the PDF (its scheme is "
                 "'%.*s%s')",
                 u, sl > 32 ? 32 : sl, u, sl > 32 ? "..." : "");
    x->url = NULL;
  }
}

/* Markup parsed, bold keywords applied, links checked. The text's
 * trailing whitespace goes first: YAML's `|` ends a text with a newline,
 * which would be a line break (a blank line after the paragraph). */
static struct spans spans_in(struct arena *a, struct diag *d,
                             const struct keywords *kw, const char *text,
                             struct loc loc) {
  size_t n = strlen(text);
  while (n && strchr(" \t\r\n", text[n - 1]))
    n--;
  struct spans sp = markup_parse(a, text, n);
  sp = markup_bold(a, sp, kw);
  check_links(a, d, &sp, loc);
  return sp;
}

/* sp (made in scratch memory) copied into arena a: one array of spans,
 * one block of their texts, and each link target once (spans that shared
 * a target share its copy: layout tells a link's parts by it). */
static struct spans keep(struct arena *a, struct spans sp) {
  size_t bytes = 0;
  for (int i = 0; i < sp.n; i++)
    bytes += (size_t)sp.v[i].len + 1;
  struct spans out = {arena_alloc(a, sizeof(struct span) * (size_t)(sp.n + 1)),
                      sp.n};
  char *text = arena_alloc(a, bytes + 1);
  for (int i = 0; i < sp.n; i++) {
    struct span *x = &out.v[i];
    *x = sp.v[i];
    memcpy(text, x->s, (size_t)x->len);
    text[x->len] = 0;
    x->s = text;
    text += x->len + 1;
    if (!x->url)
      continue;
    int j = 0;
    while (j < i && sp.v[j].url != sp.v[i].url)
      j++;
    x->url = j < i ? out.v[j].url : arena_strdup(a, x->url);
  }
  return out;
}

/* The bytes keep(a, sp) takes. */
static size_t kept_size(struct spans sp) {
  size_t n = sizeof(struct span) * (size_t)(sp.n + 1) + 1;
  for (int i = 0; i < sp.n; i++)
    n += (size_t)sp.v[i].len + 1 + (sp.v[i].url ? strlen(sp.v[i].url) + 1 : 0);
  return n;
}

/* spans being built */
typedef VEC(struct span) span_vec;

/* The numbered entry whose citation_key is key[0..n), or NULL. */
static const struct entry *keyed(const struct realizer *R, const char *key,
                                 size_t n) {
  for (int i = 0; i < R->nkeyed; i++) {
    const char *k = entry_field(R->keyed[i], "citation_key")->s;
    if (strlen(k) == n && !strncasecmp(k, key, n))
      return R->keyed[i];
  }
  return NULL;
}

/* The anchor an entry's citations link to. */
static const char *anchor_of(const struct realizer *R, const struct entry *e,
                             struct arena *a) {
  if (e->number >= 1 && e->number <= R->ncited && R->cited[e->number] == e)
    return arena_printf(a, "ref-%d", e->number);
  const struct text *k = entry_field(e, "citation_key");
  return k ? arena_printf(a, "key-%s", k->s) : NULL;
}

/* Does s[0..n) look like a BibTeX key ("wang2024rich", "Knuth:1984")?
 * Letters, then digits somewhere; no spaces. */
static bool key_like(const char *s, size_t n) {
  bool letter = false, digit = false;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (isalpha(c))
      letter = true;
    else if (isdigit(c))
      digit = true;
    else if (!strchr("_:-.+/", c))
      return false;
  }
  return n && letter && digit && isalpha((unsigned char)s[0]);
}

/* "[key]" or "[key1, key2]" at p (up to e), every key a keyed entry's:
 * pushes "[n]" (or "[n, m]", each number linked) and returns the end;
 * NULL if it is not such a citation (warned when it looks like one). */
static const char *cite_keys(struct realizer *R, const char *p, const char *e,
                             const struct span *x, struct loc loc,
                             span_vec *out) {
  const char *close = memchr(p, ']', (size_t)(e - p));
  if (!close || close - p > 512 || close == p + 1)
    return NULL;
  const struct entry *found[32];
  int n = 0;
  for (const char *k = p + 1; k < close;) {
    while (k < close && (*k == ' ' || *k == ','))
      k++;
    const char *ke = k;
    while (ke < close && *ke != ',' && *ke != ' ')
      ke++;
    if (ke == k)
      break;
    const struct entry *en = keyed(R, k, (size_t)(ke - k));
    if (!en || n == 32) {
      if (key_like(k, (size_t)(ke - k)) && R->nkeyed)
        diag_warn(R->c->diag, loc,
                  "citation [%.*s] names no numbered entry with that "
                  "citation key (a `bibtex:` item's); it stays plain text",
                  (int)(close - p - 1), p + 1);
      return NULL;
    }
    found[n++] = en;
    k = ke;
  }
  if (!n)
    return NULL;
  /* "[n]" is one link; in "[n, m]" each number is, the brackets not */
  bool one = n == 1;
  if (!one)
    VEC_PUSH(R->t, *out, ((struct span){"[", 1, x->style, NULL, x->glue, NULL}));
  for (int i = 0; i < n; i++) {
    if (i)
      VEC_PUSH(R->t, *out, ((struct span){", ", 2, x->style, NULL, x->glue, NULL}));
    const char *t = arena_printf(R->t, one ? "[%d]" : "%d", found[i]->number);
    const char *a = anchor_of(R, found[i], R->t);
    VEC_PUSH(R->t, *out, ((struct span){t, (int)strlen(t), x->style,
                                        a ? arena_printf(R->t, "#%s", a)
                                          : NULL,
                                        x->glue, NULL}));
  }
  if (!one)
    VEC_PUSH(R->t, *out, ((struct span){"]", 1, x->style, NULL, x->glue, NULL}));
  return close + 1;
}

/* Citations: "[n]" in text, n the number of a numbered entry (a
 * publication), becomes a link to that entry ("#ref-n", the anchor layout
 * puts there); "[key]" (and "[key1, key2]") becomes "[n]" linked to the
 * entry whose citation_key it is. An "[n]" under 1000 that no entry has is said; larger ones
 * are years, not citations. Spans already linked and code stay as they
 * are. */
static struct spans cite_links(struct realizer *R, struct spans sp,
                               struct loc loc) {
  span_vec out = {0};
  bool changed = false;
  for (int i = 0; i < sp.n; i++) {
    struct span x = sp.v[i];
    if (x.url || (x.style & SP_CODE) || !memchr(x.s, '[', (size_t)x.len)) {
      VEC_PUSH(R->t, out, x);
      continue;
    }
    const char *p = x.s, *e = x.s + x.len, *from = x.s;
    while ((p = memchr(p, '[', (size_t)(e - p))) != NULL) {
      const char *q = p + 1;
      long n = 0;
      while (q < e && *q >= '0' && *q <= '9' && n < 1000000)
        n = n * 10 + (*q++ - '0');
      if (q == p + 1 && R->nkeyed) { /* "[key]" */
        size_t before = out.n;
        if (p > from)
          VEC_PUSH(R->t, out, ((struct span){from, (int)(p - from), x.style,
                                             NULL, x.glue, NULL}));
        const char *end = cite_keys(R, p, e, &x, loc, &out);
        if (!end) {
          out.n = before;
          p++;
          continue;
        }
        from = p = end;
        changed = true;
        continue;
      }
      if (q == p + 1 || q >= e || *q != ']' || n >= 1000 || q - p > 4) {
        p++;
        continue;
      }
      if (n < 1 || n > R->ncited || !R->cited[n]) {
        diag_warn(R->c->diag, loc,
                  "citation [%ld] names no numbered entry (the numbers run "
                  "from 1 to %d); it stays plain text",
                  n, R->ncited);
        p = q + 1;
        continue;
      }
      if (p > from)
        VEC_PUSH(R->t, out, ((struct span){from, (int)(p - from), x.style,
                                           NULL, x.glue, NULL}));
      VEC_PUSH(R->t, out,
               ((struct span){p, (int)(q + 1 - p), x.style,
                              arena_printf(R->t, "#ref-%ld", n), x.glue, NULL}));
      from = p = q + 1;
      changed = true;
    }
    if (from < e)
      VEC_PUSH(R->t, out,
               ((struct span){from, (int)(e - from), x.style, NULL, x.glue, NULL}));
  }
  return changed ? (struct spans){out.v, out.n} : sp;
}

/* sp kept, within the budget (else empty: the error is reported). */
static struct rtext keep_at(struct realizer *R, struct spans sp,
                            struct loc loc) {
  struct rtext out = {{0}, loc};
  if (R->ncited)
    sp = cite_links(R, sp, loc);
  size_t n = kept_size(sp);
  if (!room(R, n, loc))
    return out;
  R->spent += n;
  if (R->s->typst) /* Typst's smart quotes; its doubles are English ones */
    markup_smart_quotes(R->t, &sp,
                        !strncmp(R->s->locale.hyph_lang, "en", 2));
  out.sp = keep(R->a, sp);
  return out;
}

static struct rtext text_at(struct realizer *R, const char *text,
                            struct loc loc) {
  if (!room(R, strlen(text), loc)) /* not even parsed */
    return (struct rtext){{0}, loc};
  return keep_at(R, spans_in(R->t, R->c->diag, R->kw, text, loc), loc);
}

static const struct rtext *text_new(struct realizer *R, const char *text,
                                    struct loc loc) {
  struct rtext *t = arena_alloc(R->a, sizeof *t);
  *t = text_at(R, text, loc);
  return t;
}

static const struct rlist *list_of(struct realizer *R,
                                   const struct item_list *l) {
  if (!l || !l->n)
    return NULL;
  struct rlist *r = arena_alloc(R->a, sizeof *r);
  r->v = arena_alloc(R->a, sizeof(struct ritem) * (size_t)l->n);
  r->n = l->n;
  for (int i = 0; i < l->n; i++) {
    r->v[i].text = text_at(R, l->v[i].text.s, l->v[i].text.loc);
    r->v[i].sub = list_of(R, l->v[i].children);
  }
  return r;
}

/* ---- the placeholders of an entry ---- */

struct ph {
  struct arena *a; /* for values trimmed */
  const struct entry *e;
  const char *date, *start, *end, *authors, *url, *doi, *dwa;
};

static const char *ph_lookup(void *user, const char *name, int n) {
  struct ph *p = user;
  const struct entry *e = p->e;
#define IS(lit) (n == (int)sizeof(lit) - 1 && memcmp(name, lit, (size_t)n) == 0)
  if (IS("DATE"))
    return p->date;
  if (IS("START_DATE"))
    return p->start;
  if (IS("END_DATE"))
    return p->end;
  if (IS("AUTHORS"))
    return p->authors;
  if (IS("URL"))
    return p->url;
  if (IS("DOI"))
    return p->doi;
  if (IS("DEGREE_WITH_AREA"))
    return p->dwa;
  if (IS("HIGHLIGHTS"))
    return e->highlights && e->highlights->n ? "" : NULL;
#undef IS
  char key[64];
  if (n >= (int)sizeof key)
    return NULL;
  for (int i = 0; i < n; i++)
    key[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
  key[n] = 0;
  const struct text *t = entry_field(e, key);
  if (!t)
    return NULL;
  /* without trailing whitespace: YAML's `|` ends a field with a newline,
   * which would break the line where the template goes on */
  size_t len = strlen(t->s), m = len;
  while (m && strchr(" \t\r\n", t->s[m - 1]))
    m--;
  return m == len ? t->s : arena_strndup(p->a, t->s, m);
}

/* markup-safe text for a link label: escape what markup would eat or
 * change (emphasis, code, brackets, autolinks, superscripts, escapes, and
 * the dashes "--" and "---" make) */
static const char *escape(struct arena *a, const char *s) {
  size_t n = strlen(s);
  char *o = arena_alloc(a, 2 * n + 1), *q = o;
  for (const char *p = s; *p; p++) {
    if (strchr("*_`[]<>^\\", *p) || (*p == '-' && p[1] == '-'))
      *q++ = '\\';
    *q++ = *p;
  }
  *q = 0;
  return o;
}

/* Does RenderCV show the time span in this section? It matches titles
 * lower-cased with spaces as underscores. */
static bool span_section(const struct style *s, const struct section *sec) {
  char norm[256];
  size_t k = 0;
  for (const char *q = sec->title; *q && k < sizeof norm - 1; q++)
    norm[k++] =
        *q == ' ' ? '_' : (char)((*q >= 'A' && *q <= 'Z') ? *q + 32 : *q);
  norm[k] = 0;
  for (int i = 0; i < s->ntime_span_sections; i++)
    if (strcasecmp(norm, s->time_span_sections[i]) == 0)
      return true;
  return false;
}

/* The placeholders of entry e; false if one would pass TMPL_MAX_FILL
 * (reported: the entry is left out). */
static bool fill_ph(struct realizer *R, struct ph *p, const struct entry *e,
                    const struct section *sec) {
  struct arena *a = R->t;
  memset(p, 0, sizeof *p);
  p->a = a;
  p->e = e;
  bool span = span_section(R->s, sec) && e->start.kind != DATE_NONE;
  bool over = false;
  p->date = tmpl_entry_date(a, R->s, e, span, R->cv, &over);
  p->start = tmpl_date(a, R->s, &e->start, &over);
  p->end =
      e->start.kind != DATE_NONE ? tmpl_date(a, R->s, &e->end, &over) : NULL;
  if (over) {
    /* the date templates this entry's DATE went through: the first the
     * file sets is named (the theme's are short) */
    static const char *const keys[] = {"templates.single_date",
                                       "templates.date_range",
                                       "templates.time_span"};
    int nk = e->date.kind != DATE_NONE ? 1 : span ? 3 : 2;
    const char *key = keys[0];
    struct loc at;
    for (int i = nk - 1; i >= 0; i--)
      if (style_key_at(R->cv->design, keys[i], &at))
        key = keys[i];
    template_too_long(R, key, R->cv->design, key, e, e->loc);
    return false;
  }
  if (e->nauthors) {
    size_t total = 0;
    for (int i = 0; i < e->nauthors; i++)
      total += strlen(e->authors[i].s) + 2;
    if (total > TMPL_MAX_FILL) {
      diag_error(R->c->diag, e->authors[0].loc,
                 "the authors together are longer than %zu MiB: expected a "
                 "list of names",
                 TMPL_MAX_FILL >> 20);
      return false;
    }
    char *o = arena_alloc(a, total + 1);
    for (int i = 0; i < e->nauthors; i++) {
      if (i)
        strcat(o, ", ");
      strcat(o, e->authors[i].s);
    }
    p->authors = o;
  }
  const struct text *doi = entry_field(e, "doi"), *url = entry_field(e, "url");
  if (doi) {
    p->doi = arena_printf(a, "[%s](https://doi.org/%s)", escape(a, doi->s),
                          doi->s);
    p->url = p->doi;
  } else if (url) {
    const char *shown = cv_clean_url(a, url->s);
    p->url = arena_printf(a, "[%s](%s)", escape(a, shown), url->s);
  }
  const struct text *deg = entry_field(e, "degree"),
                    *area = entry_field(e, "area");
  if (deg && area) {
    struct ph q = *p;
    const char *t = R->s->locale.degree_with_area;
    p->dwa = tmpl_line(a, t, (int)strlen(t), ph_lookup, &q, true, &over);
    if (over) {
      template_too_long(R, "locale.degree_with_area", R->cv->locale,
                        "degree_with_area", e, e->loc);
      return false;
    }
  } else if (deg || area) {
    /* RenderCV 2.8: the phrase's connector words ("in", "en", ...) go
     * with the missing half: "Mechanical Engineering", not "in
     * Mechanical Engineering" */
    p->dwa = ph_lookup(p, deg ? "DEGREE" : "AREA", deg ? 6 : 4);
  }
  return true;
}

/* A template's lines, filled: a line naming HIGHLIGHTS stands for the
 * highlights (and goes if there are none), a line naming SUMMARY is the
 * summary, and a line whose placeholders are all missing goes. The text
 * of a line is markup (NULL for the highlights). */
struct tline {
  enum rline_kind kind;
  const char *s;
};

/* `name` is the template's key, for the error if a line is too long
 * (then the lines filled so far are returned). */
typedef VEC(struct tline) tlines;

/* Fill q[0..ln) (part of a template line without HIGHLIGHTS) into out:
 * a summary line if it names SUMMARY. False if the budget ran out. */
static bool fill_part(struct realizer *R, const char *name, struct ph *p,
                      const char *q, int ln, tlines *out) {
  bool sum = false;
  for (int i = 0; i + 7 <= ln; i++)
    if (!memcmp(q + i, "SUMMARY", 7))
      sum = true;
  bool over = false;
  char *line = tmpl_line(R->t, q, ln, ph_lookup, p, true, &over);
  if (over)
    template_too_long(R, name, R->cv->design, name, p->e, p->e->loc);
  /* the lines filled count with what is kept: a template of many lines
   * may not fill past the budget either */
  if (over || (line && !room(R, strlen(line), p->e->loc)))
    return false;
  if (line) {
    R->spent += strlen(line);
    VEC_PUSH(R->t, *out, ((struct tline){sum ? RL_SUMMARY : RL_TEXT, line}));
  }
  return true;
}

static struct tline *expand(struct realizer *R, const char *tmpl,
                            const char *name, struct ph *p, int *n) {
  tlines out = {0};
  const char *q = tmpl;
  bool ok = true;
  while (ok && q && *q) {
    const char *e = strchr(q, '\n');
    int ln = e ? (int)(e - q) : (int)strlen(q);
    int hl = -1;
    for (int i = 0; i + 10 <= ln && hl < 0; i++)
      if (!memcmp(q + i, "HIGHLIGHTS", 10))
        hl = i;
    if (hl < 0) {
      ok = fill_part(R, name, p, q, ln, &out);
    } else {
      /* the list where HIGHLIGHTS stands: what the line holds before it
       * is a line above the list, what follows a line below it */
      ok = fill_part(R, name, p, q, hl, &out);
      if (ok && p->e->highlights && p->e->highlights->n)
        VEC_PUSH(R->t, out, ((struct tline){RL_HIGHLIGHTS, NULL}));
      if (ok)
        ok = fill_part(R, name, p, q + hl + 10, ln - hl - 10, &out);
    }
    q = e ? e + 1 : NULL;
  }
  *n = out.n;
  return out.v;
}

/* ---- entries ---- */

/* The key of an entry type's templates ("templates.KEY.main_column"). */
static const char *template_key(enum entry_kind k) {
  switch (k) {
  case ENTRY_EDUCATION:
    return "education_entry";
  case ENTRY_EXPERIENCE:
    return "experience_entry";
  case ENTRY_NORMAL:
    return "normal_entry";
  case ENTRY_PUBLICATION:
    return "publication_entry";
  case ENTRY_ONE_LINE:
    return "one_line_entry";
  default:
    return "text_entry";
  }
}

static const struct entry_template *template_of(const struct style *s,
                                                enum entry_kind k) {
  switch (k) {
  case ENTRY_EDUCATION:
    return &s->t_education;
  case ENTRY_EXPERIENCE:
    return &s->t_experience;
  case ENTRY_NORMAL:
    return &s->t_normal;
  case ENTRY_PUBLICATION:
    return &s->t_publication;
  case ENTRY_ONE_LINE:
    return &s->t_one_line;
  default:
    return &s->t_text;
  }
}

/* The date-and-location column: the template's text lines, a line each
 * (a date range and its time span are two); summary and highlights lines
 * have no place there. A filled line is parsed whole and then cut at its
 * line breaks, so that markup around a placeholder ("*DATE*") styles
 * every line the value holds. */
static void right_column(struct realizer *R, struct rentry *re,
                         const struct entry *e, const char *tmpl,
                         const char *name, struct ph *p) {
  int n;
  struct tline *lines = expand(R, tmpl, name, p, &n);
  VEC(struct rtext) out = {0};
  for (int i = 0; i < n; i++) {
    if (lines[i].kind != RL_TEXT || !room(R, strlen(lines[i].s), e->loc))
      continue;
    struct spans sp =
        spans_in(R->t, R->c->diag, R->kw, lines[i].s, e->loc);
    for (int a = 0, b; a < sp.n; a = b + 1) {
      bool text = false;
      for (b = a; b < sp.n && !(sp.v[b].style & SP_BREAK); b++)
        text = text || sp.v[b].len > 0;
      if (text) /* an empty line (two breaks) is no line */
        VEC_PUSH(R->t, out,
                 keep_at(R, (struct spans){sp.v + a, b - a}, e->loc));
    }
  }
  re->right = arena_alloc(R->a, sizeof(struct rtext) * (size_t)(out.n + 1));
  if (out.n)
    memcpy(re->right, out.v, sizeof(struct rtext) * (size_t)out.n);
  re->nright = out.n;
}

/* A text, bullet or numbered entry: its text's paragraphs (blank lines
 * separate them), then its highlights. */
static void text_column(struct realizer *R, struct rentry *re,
                        const struct entry *e) {
  const char *key = e->kind == ENTRY_TEXT     ? "text"
                    : e->kind == ENTRY_BULLET ? "bullet"
                    : e->kind == ENTRY_NUMBERED ? "number"
                                                : "reversed_number";
  const struct text *tx = entry_field(e, key);
  struct loc at = tx ? tx->loc : e->loc;
  if (e->kind == ENTRY_NUMBERED || e->kind == ENTRY_REVERSED) {
    re->label = text_new(R, arena_printf(R->t, "%d.", e->number), e->loc);
    re->anchor = anchor_of(R, e, R->a);
  }
  VEC(struct rline) out = {0};
  const char *q = tx ? tx->s : "";
  while (q) {
    const char *blank = strstr(q, "\n\n");
    const char *piece = blank ? arena_strndup(R->t, q, (size_t)(blank - q)) : q;
    VEC_PUSH(R->t, out, ((struct rline){RL_TEXT, text_at(R, piece, at)}));
    q = blank ? blank + 2 : NULL;
    while (q && *q == '\n')
      q++;
    if (q && !*q)
      q = NULL;
  }
  if (e->highlights && e->highlights->n)
    VEC_PUSH(R->t, out, ((struct rline){RL_HIGHLIGHTS, {{0}, e->loc}}));
  re->main = arena_alloc(R->a, sizeof(struct rline) * (size_t)out.n);
  memcpy(re->main, out.v, sizeof(struct rline) * (size_t)out.n);
  re->nmain = out.n;
}

static const struct rtable *table_of(struct realizer *R,
                                     const struct table *t) {
  struct rtable *rt = arena_alloc(R->a, sizeof *rt);
  rt->heading_col = t->has_row_headings;
  rt->ncols = t->ncells + (t->has_row_headings ? 1 : 0);
  rt->nrows = t->nrows + (t->ncolumns ? 1 : 0);
  rt->widths = t->widths;
  rt->cells = arena_alloc(R->a, sizeof(struct rcell) *
                                    (size_t)rt->ncols * (size_t)rt->nrows);
  rt->heads =
      arena_alloc(R->a, sizeof(struct rtext *) * (size_t)(t->nrows + 1));
  const struct rtext *corner =
      t->corner.s ? text_new(R, t->corner.s, t->corner.loc) : NULL;
  for (int r = 0; r < rt->nrows; r++) {
    bool header = t->ncolumns && r == 0;
    const struct table_row *row =
        header ? NULL : &t->rows[r - (t->ncolumns ? 1 : 0)];
    for (int c = 0; c < rt->ncols; c++) {
      struct rcell *cell = &rt->cells[r * rt->ncols + c];
      struct text text = {0};
      const struct item_list *list = NULL;
      if (header) {
        int idx = c;
        if (t->has_row_headings && t->ncolumns == t->ncells)
          idx = c - 1; /* no heading over the row-heading column */
        if (idx >= 0 && idx < t->ncolumns)
          text = t->columns[idx];
        else if (c == 0 && corner)
          cell->text = corner;
        cell->heading = true;
      } else if (t->has_row_headings && c == 0) {
        text = row->heading;
        cell->heading = true;
      } else {
        int idx = c - (t->has_row_headings ? 1 : 0);
        if (idx < row->n) {
          text = row->cells[idx].text;
          list = row->cells[idx].list;
        }
      }
      if (text.s)
        cell->text = text_new(R, text.s, text.loc);
      cell->list = list_of(R, list);
      if (!header && c == 0 && t->has_row_headings && cell->text)
        rt->heads[rt->nheads++] = cell->text;
    }
  }
  if (t->has_row_headings && corner)
    rt->heads[rt->nheads++] = corner;
  return rt;
}

/* Realize entry e of section sec into re; false if it shows nothing (a
 * disabled page break). */
static bool entry_of(struct realizer *R, struct rentry *re,
                     const struct entry *e, const struct section *sec) {
  memset(re, 0, sizeof *re);
  re->kind = e->kind;
  re->loc = e->loc;
  if (e->kind == ENTRY_PAGE_BREAK)
    return e->number != -1;
  if (e->kind == ENTRY_TABLE) {
    re->table = table_of(R, e->table);
    return true;
  }
  struct ph p;
  if (!fill_ph(R, &p, e, sec))
    return false;
  const struct entry_template *t = template_of(R->s, e->kind);
  const char *key = template_key(e->kind);
  if ((p.date || entry_field(e, "location")) && t->date_col)
    right_column(R, re, e, t->date_col,
                 arena_printf(R->t, "templates.%s.date_and_location_column",
                              key),
                 &p);
  if (e->kind == ENTRY_EDUCATION && t->degree) {
    /* the degree column holds one line: the template's first */
    int n;
    struct tline *dl =
        expand(R, t->degree,
               arena_printf(R->t, "templates.%s.degree_column", key), &p, &n);
    for (int i = 0; i < n && !re->degree; i++)
      if (dl[i].s)
        re->degree = text_new(R, dl[i].s, e->loc);
  }
  if (e->kind == ENTRY_TEXT || e->kind == ENTRY_BULLET ||
      e->kind == ENTRY_NUMBERED || e->kind == ENTRY_REVERSED) {
    text_column(R, re, e);
    re->highlights = list_of(R, e->highlights);
    return true;
  }
  int n;
  struct tline *lines =
      expand(R, t->main, arena_printf(R->t, "templates.%s.main_column", key),
             &p, &n);
  re->main = arena_alloc(R->a, sizeof(struct rline) * (size_t)(n ? n : 1));
  for (int i = 0; i < n; i++) {
    re->main[i].kind = lines[i].kind;
    re->main[i].text = lines[i].s ? text_at(R, lines[i].s, e->loc)
                                  : (struct rtext){{0}, e->loc};
  }
  re->nmain = n;
  re->highlights = list_of(R, e->highlights);
  return true;
}

/* ---- the header ---- */

/* The picture of each connection: RenderCV's Font Awesome icon, and Fork
 * Awesome's nearest (Fork Awesome has no Bluesky and no X: the globe and
 * Twitter's bird). */
static const struct {
  const char *kind, *fa, *fork;
} CONN_ICONS[] = {
    {"location", "location-dot", "map-marker"},
    {"email", "envelope", "envelope"},
    {"phone", "phone", "phone"},
    {"website", "link", "link"},
    {"LinkedIn", "linkedin", "linkedin"},
    {"GitHub", "github", "github"},
    {"GitLab", "gitlab", "gitlab"},
    {"IMDB", "imdb", "imdb"},
    {"Instagram", "instagram", "instagram"},
    {"ORCID", "orcid", "orcid"},
    {"Mastodon", "mastodon", "mastodon"},
    {"StackOverflow", "stack-overflow", "stack-overflow"},
    {"ResearchGate", "researchgate", "researchgate"},
    {"YouTube", "youtube", "youtube"},
    {"Google Scholar", "graduation-cap", "graduation-cap"},
    {"Telegram", "telegram", "telegram"},
    {"WhatsApp", "whatsapp", "whatsapp"},
    {"Leetcode", "code", "code"},
    {"X", "x-twitter", "twitter"},
    {"Bluesky", "bluesky", "globe"},
    {"Reddit", "reddit", "reddit"},
};

/* Countries whose national numbers start with a trunk 0 (most of Europe,
 * Asia and Oceania); the rest drop only the country code. */
static bool trunk_zero(const char *cc) {
  /* not Greece, Spain, Italy, Portugal, Poland, Czechia, Mexico or the
   * Nordic countries, which dial the same number at home and abroad */
  static const char *const z[] = {
      "20",  "27",  "31",  "32",  "33",  "40",  "41",  "43",  "44",  "46",
      "49",  "51",  "54",  "55",  "57",  "58",  "60",  "61",  "62",  "63",
      "64",  "66",  "81",  "82",  "84",  "86",  "90",  "91",  "92",  "93",
      "94",  "98",  "212", "213", "216", "218", "234", "254", "353", "358",
      "359", "380", "381", "385", "386", "421", "880", "886", "966", "971",
      "972", "977"};
  for (size_t i = 0; i < sizeof z / sizeof z[0]; i++)
    if (!strcmp(cc, z[i]))
      return true;
  return false;
}

/* Country code lengths: 1 (NANP, Russia), else 2 if listed, else 3. */
static int cc_len(const char *d) {
  if (d[0] == '1' || d[0] == '7')
    return 1;
  static const char *const two[] = {
      "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43",
      "44", "45", "46", "47", "48", "49", "51", "52", "53", "54", "55", "56",
      "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84",
      "86", "90", "91", "92", "93", "94", "95", "98"};
  for (size_t i = 0; i < sizeof two / sizeof two[0]; i++)
    if (!strncmp(d, two[i], 2))
      return 2;
  return 3;
}

/* The digits of s, at most 60 (a phone number has 15), in d[64]. */
static const char *digits_of(const char *s, char *d) {
  int n = 0;
  for (const char *p = s; *p && n < 60; p++)
    if (*p >= '0' && *p <= '9')
      d[n++] = *p;
  d[n] = 0;
  return d;
}

static bool phone_sep(char c) {
  return c == ' ' || c == '-' || c == '.' || c == '/';
}

/* Without the country rules of libphonenumber, groups stay as written,
 * except for North American numbers, which get their usual (555)
 * 555-5555 form. */
const char *realize_phone(struct arena *a, const char *written, int fmt) {
  const char *w = written;
  while (*w == ' ')
    w++;
  bool intl = w[0] == '+' || (w[0] == '0' && w[1] == '0');
  if (!intl)
    return written; /* no country code: nothing to convert */
  char d[64];
  const char *digits = digits_of(w[0] == '+' ? w + 1 : w + 2, d);
  if (!digits[0])
    return written;
  int cl = cc_len(digits);
  char cc[4];
  memcpy(cc, digits, (size_t)cl);
  cc[cl] = 0;
  /* the written groups after the country code */
  const char *p = w + (w[0] == '+' ? 1 : 2);
  int seen = 0;
  while (*p && seen < cl) {
    if (*p >= '0' && *p <= '9')
      seen++;
    p++;
  }
  while (phone_sep(*p))
    p++;
  /* "+44 (0)20 ...": the trunk prefix, dialled at home only; where the
   * country has none (Italy), the 0 is part of the number */
  bool trunk = p[0] == '(' && p[1] == '0' && p[2] == ')';
  if (trunk)
    for (p += 3; phone_sep(*p);)
      p++;
  bool paren = *p == '(';
  const char *rest = p;
  const char *zero = trunk && !trunk_zero(cc) ? "0" : "";
  char nd[64];
  const char *e164 =
      arena_printf(a, "+%s%s%s", cc, zero, digits_of(rest, nd));
  if (fmt == 2)
    return e164;
  if (e164[1] == '1' && strlen(e164) == 12) {
    const char *x = e164 + 2;
    return fmt == 0 ? arena_printf(a, "(%.3s) %.3s-%.4s", x, x + 3, x + 6)
                    : arena_printf(a, "+1 %.3s-%.3s-%.4s", x, x + 3, x + 6);
  }
  if (fmt == 1)
    return arena_printf(a, "+%s %s%s", cc, zero, rest);
  if (trunk)
    return arena_printf(a, "0%s", rest);
  if (paren) /* "+49 (89) ...": groups as written */
    return arena_printf(a, "%s%s", !strcmp(cc, "7") ? "8 " : "", rest);
  /* the prefix dialled at home: 0 in most countries, but not before a
   * Chinese mobile number (eleven digits from 1, dialled alike
   * everywhere in China; Beijing's lines, 10 and eight digits, have it),
   * and 8 in Russia and Kazakhstan ("8 912 345 67 89") */
  bool cn_mobile = !strcmp(cc, "86") && nd[0] == '1' && strlen(nd) == 11;
  const char *home = !strcmp(cc, "7") ? "8 "
                     : cn_mobile      ? ""
                     : trunk_zero(cc) ? "0"
                                      : "";
  return arena_printf(a, "%s%s", home, rest);
}

/* A connection as RenderCV writes it: a location or custom text as
 * markup; a social network as its username (or its address, with
 * header.connections.display_urls_instead_of_usernames); a phone number
 * in the style's format, linked to its E164 form (realize_phone knows
 * trunk prefixes; cv.c's tel: link keeps every digit written); the rest
 * as written. */
static struct rconn conn_of(struct realizer *R, const struct connection *cn) {
  const struct style *s = R->s;
  struct rconn rc = {cn->kind, {{0}, cn->display.loc}, {0, ICON_SOLID, 0}};
  struct spans sp;
  const char *url = cn->url;
  if (!room(R, strlen(cn->display.s), cn->display.loc))
    return rc;
  if (!strcmp(cn->kind, "phone")) {
    const char *e164 = realize_phone(R->t, cn->display.s, 2);
    if (e164 != cn->display.s)
      url = arena_printf(R->t, "tel:%s", e164);
  }
  if (!strcmp(cn->kind, "location") || !strcmp(cn->kind, "custom")) {
    sp = spans_in(R->t, R->c->diag, R->kw, cn->display.s, cn->display.loc);
  } else {
    const char *t = cn->display.s;
    if (cn->username) {
      if (s->conn_urls && cn->url)
        t = cv_clean_url(R->t, cn->url);
      else if (!strcmp(cn->kind, "Google Scholar"))
        t = "Google Scholar";
    } else if (!strcmp(cn->kind, "phone")) {
      t = realize_phone(R->t, cn->display.s, s->phone_format);
    }
    sp.v = arena_alloc(R->t, sizeof(struct span));
    sp.n = 1;
    sp.v[0] = (struct span){t, (int)strlen(t), 0, NULL, 0, NULL};
  }
  for (int k = 0; k < sp.n; k++)
    if (!s->conn_hyperlink)
      sp.v[k].url = NULL;
    else if (url && !sp.v[k].url && !(sp.v[k].style & (SP_GLUE | SP_BREAK)))
      sp.v[k].url = url;
  check_links(R->t, R->c->diag, &sp, cn->display.loc);
  rc.text = keep_at(R, sp, cn->display.loc);
  if (s->conn_icons) {
    if (!strcmp(cn->kind, "custom")) {
      if (cn->icon.s && !icon_named(cn->icon.s, &rc.icon))
        diag_warn(R->c->diag, cn->icon.loc,
                  "no icon named '%s' in Font Awesome 7 Free or Fork "
                  "Awesome; the connection is drawn without one",
                  cn->icon.s);
    } else {
      for (size_t i = 0; i < sizeof CONN_ICONS / sizeof CONN_ICONS[0]; i++)
        if (!strcmp(cn->kind, CONN_ICONS[i].kind))
          rc.icon = icon_pair(CONN_ICONS[i].fa, CONN_ICONS[i].fork);
    }
  }
  return rc;
}

/* ---- the document ---- */

bool realize_note(struct arena *a, const struct realized *r,
                  const char *tmpl, int page, int total, struct spans *out) {
  bool over = false; /* cannot be: realize tried the widest page numbers */
  const char *t =
      tmpl_note(a, r->style, r->cv, tmpl, r->author, page, total, &over);
  if (!t || !*t)
    return false;
  *out = spans_in(a, NULL, r->keywords, t, (struct loc){r->file, 0, 0});
  return true;
}

bool realize(struct ctx *c, const char *file, const struct cv *cv,
             const struct style *s, const char *author,
             struct realized *out) {
  struct realizer R = {c, &c->doc, &c->tmp, cv, s, NULL, 0, false, {0}, NULL, 0,
                      NULL, 0};
  R.kw = markup_keywords(R.a, cv->bold_keywords, cv->nbold_keywords);
  /* the numbered entries citations link to (numbers at most 999) */
  for (int i = 0; i < cv->nsections; i++)
    for (int j = 0; j < cv->sections[i].n; j++) {
      const struct entry *e = &cv->sections[i].entries[j];
      if ((e->kind == ENTRY_NUMBERED || e->kind == ENTRY_REVERSED) &&
          e->number > R.ncited && e->number < 1000)
        R.ncited = e->number;
    }
  if (R.ncited) {
    R.cited = arena_alloc(R.a, sizeof *R.cited * (size_t)(R.ncited + 1));
    memset(R.cited, 0, sizeof *R.cited * (size_t)(R.ncited + 1));
    for (int i = 0; i < cv->nsections; i++)
      for (int j = 0; j < cv->sections[i].n; j++) {
        const struct entry *e = &cv->sections[i].entries[j];
        if ((e->kind == ENTRY_NUMBERED || e->kind == ENTRY_REVERSED) &&
            e->number >= 1 && e->number <= R.ncited && !R.cited[e->number])
          R.cited[e->number] = e;
        if ((e->kind == ENTRY_NUMBERED || e->kind == ENTRY_REVERSED) &&
            entry_field(e, "citation_key")) {
          R.keyed = arena_push(R.a, R.keyed, (size_t)R.nkeyed, sizeof *R.keyed);
          R.keyed[R.nkeyed++] = e;
        }
      }
  }
  int errors = c->diag->errors;
  memset(out, 0, sizeof *out);
  out->file = file;
  out->cv = cv;
  out->style = s;
  out->author = author;
  out->keywords = R.kw;
  if (cv->name.s)
    out->name = text_new(&R, cv->name.s, cv->name.loc);
  if (cv->headline.s)
    out->headline = text_new(&R, cv->headline.s, cv->headline.loc);
  if (cv->photo.s && cv->photo_path) {
    struct image_info im;
    const char *why = image_probe(cv->photo_path, &im);
    if (why) {
      diag_error(c->diag, cv->photo.loc, "photo '%s': %s", cv->photo.s, why);
    } else {
      struct rphoto *ph = arena_alloc(R.a, sizeof *ph);
      *ph = (struct rphoto){cv->photo_path, cv->photo.loc, im.png == 1,
                            im.width, im.height};
      out->photo = ph;
    }
  }
  out->conns =
      arena_alloc(R.a, sizeof(struct rconn) * (size_t)(cv->nconnections + 1));
  for (int i = 0; i < cv->nconnections; i++) {
    out->conns[out->nconns++] = conn_of(&R, &cv->connections[i]);
    arena_reset(R.t);
  }
  if (cv->nconnections && s->conn_separator && *s->conn_separator) {
    struct rtext *sep = arena_alloc(R.a, sizeof *sep);
    sep->sp = keep(R.a, markup_parse(R.t, s->conn_separator,
                                     strlen(s->conn_separator)));
    sep->loc = cv->connections[0].display.loc;
    out->separator = sep;
  }
  out->sections =
      arena_alloc(R.a, sizeof(struct rsection) * (size_t)(cv->nsections + 1));
  for (int i = 0; i < cv->nsections; i++) {
    const struct section *sec = &cv->sections[i];
    struct rsection *rs = &out->sections[out->nsections++];
    rs->title = text_at(&R, sec->title, sec->loc);
    rs->plain = markup_plain(R.a, rs->title.sp);
    rs->v = arena_alloc(R.a, sizeof(struct rentry) * (size_t)(sec->n + 1));
    for (int j = 0; j < sec->n; j++) {
      if (entry_of(&R, &rs->v[rs->n], &sec->entries[j], sec))
        rs->n++;
      arena_reset(R.t);
    }
  }
  /* RenderCV draws its bullet `●` as a larger `•` (layout sizes it) */
  const char *bullets[2] = {s->bullet, s->nested_bullet};
  for (int i = 0; i < 2; i++)
    out->bullet[i] = text_at(
        &R, strcmp(bullets[i], BIG_BULLET) ? bullets[i] : "\xE2\x80\xA2",
        (struct loc){0});
  /* the notes' links, checked once here rather than on every page, and
   * their length, with the widest page numbers layout can ask for */
  const char *notes[2] = {s->show_footer ? s->t_footer : NULL,
                          s->show_top_note ? s->t_top_note : NULL};
  static const char *const note_keys[2] = {"templates.footer",
                                           "templates.top_note"};
  for (int i = 0; i < 2; i++) {
    bool over = false;
    const char *t =
        tmpl_note(R.t, s, cv, notes[i], author, 99999, 99999, &over);
    if (over)
      template_too_long(&R, note_keys[i], cv->design, note_keys[i], NULL,
                        (struct loc){out->file, 0, 0});
    else if (t && *t)
      spans_in(R.t, c->diag, R.kw, t, (struct loc){out->file, 0, 0});
  }
  arena_reset(R.t);
  return c->diag->errors == errors;
}
