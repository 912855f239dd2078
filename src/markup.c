/* markup.c: the inline parser behind markup.h.
 *
 * Two passes, as in CommonMark: (1) tokenise into text, delimiter runs
 * (`*`, `_`), brackets, code spans, autolinks, superscripts and breaks,
 * resolving links as each `]` arrives; (2) match emphasis delimiters with
 * the spec's "process emphasis" procedure. Styles are then applied to token
 * ranges with difference arrays and adjacent tokens of equal style merge
 * into spans. Every step is linear or bounded (openers_bottom), so 1000
 * unmatched `*` or `[` cost no more than 1000 letters.
 */
#include "markup.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "font.h"
#include "utf8.h"

enum tok_type { T_TEXT, T_DELIM, T_OPEN_BRACKET, T_BREAK };

struct tok {
  enum tok_type type;
  const char *s;
  int len;
  unsigned style; /* SP_CODE / SP_SUPER for atomic tokens */
  const char *url;
  /* delimiter runs */
  char c;
  int count, orig;
  bool can_open, can_close, active;
  int prev_delim, next_delim; /* doubly linked delimiter stack, -1 = none */
};

struct parser {
  struct arena *a;
  const char *s;
  size_t len;
  VEC(struct tok) t;
};

static bool is_ascii_punct(uint32_t c) {
  return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
         (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
}

/* ASCII whitespace, for scanning bytes (a UTF-8 continuation byte such as
 * 0xA0 must never be taken for a space) */
static bool byte_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool is_space(uint32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x202F || c == 0x205F || c == 0x1680;
}

/* Unicode punctuation, approximated by blocks that CVs meet */
static bool is_punct(uint32_t c) {
  if (c < 0x80)
    return is_ascii_punct(c);
  return (c >= 0xA1 && c <= 0xBF && c != 0xAA && c != 0xB2 && c != 0xB3 &&
          c != 0xB5 && c != 0xB9 && c != 0xBA && c != 0xBC && c != 0xBD &&
          c != 0xBE) ||
         c == 0xD7 || c == 0xF7 || (c >= 0x2010 && c <= 0x2027) ||
         (c >= 0x2030 && c <= 0x205E) || (c >= 0x3001 && c <= 0x3003) ||
         (c >= 0x3008 && c <= 0x3011) || (c >= 0xFF01 && c <= 0xFF0F);
}

/* code point before position i (or ' ' at the start) */
static uint32_t cp_before(const char *s, size_t i) {
  if (i == 0)
    return ' ';
  size_t j = i - 1;
  while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
    j--;
  uint32_t cp = ' ';
  if (utf8_decode(s + j, i - j, &cp) < 0)
    return ' ';
  return cp;
}

static uint32_t cp_at(const char *s, size_t len, size_t i) {
  if (i >= len)
    return ' ';
  uint32_t cp = ' ';
  if (utf8_decode(s + i, len - i, &cp) < 0)
    return ' ';
  return cp;
}

static void push_text(struct parser *p, const char *s, int len) {
  if (len <= 0)
    return;
  struct tok t = {0};
  t.type = T_TEXT;
  t.s = s;
  t.len = len;
  t.prev_delim = t.next_delim = -1;
  VEC_PUSH(p->a, p->t, t);
}

static bool scheme_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

/* <scheme:...> or <user@host> at s[i]; returns length or 0 */
static size_t autolink(const char *s, size_t len, size_t i, bool *email) {
  size_t j = i + 1;
  size_t k = j;
  while (k < len && scheme_char(s[k]))
    k++;
  *email = false;
  if (k < len && s[k] == ':' && k - j >= 2 && k - j <= 32) {
    for (k++; k < len && s[k] != '>'; k++)
      if (s[k] == '<' || byte_space(s[k]) ||
          (unsigned char)s[k] < 0x20)
        return 0;
    return k < len ? k - i + 1 : 0;
  }
  /* email autolink */
  bool at = false;
  for (k = j; k < len && s[k] != '>'; k++) {
    char c = s[k];
    if (c == '@')
      at = true;
    else if (!(scheme_char(c) || c == '_' || c == '%'))
      return 0;
  }
  if (k < len && at && k > j) {
    *email = true;
    return k - i + 1;
  }
  return 0;
}

/* Link destination after "](" at s[i]; returns index of ')' or 0. A
 * destination is at most 4 KiB long, so that unclosed parentheses cannot
 * make the scan quadratic. */
static size_t link_dest(const char *s, size_t len, size_t i) {
  int depth = 0;
  size_t k = i;
  if (len - i > 4096)
    len = i + 4096;
  while (k < len) {
    char c = s[k];
    if (c == '\\' && k + 1 < len) {
      k += 2;
      continue;
    }
    if (byte_space(c))
      return 0;
    if (c == '(')
      depth++;
    else if (c == ')') {
      if (depth == 0)
        return k;
      depth--;
    }
    k++;
  }
  return 0;
}

static void push_dash(struct parser *p, int n) {
  static const char en[] = "\xE2\x80\x93", em[] = "\xE2\x80\x94";
  push_text(p, n == 3 ? em : en, 3);
}

static void tokenize(struct parser *p) {
  const char *s = p->s;
  size_t len = p->len, i = 0, text_start = 0;
  VEC(int) openers = {0}; /* token indices of the '[' still open */
  int inactive_below = 0;  /* openers[0..this) are inside a link: dead */
#define FLUSH()                                                                \
  do {                                                                         \
    push_text(p, s + text_start, (int)(i - text_start));                       \
  } while (0)
  while (i < len) {
    char c = s[i];
    if (c == '\\' && i + 1 < len && is_ascii_punct((unsigned char)s[i + 1])) {
      FLUSH();
      push_text(p, s + i + 1, 1);
      i += 2;
      text_start = i;
    } else if (c == '\n' || (c == '\r' && i + 1 < len && s[i + 1] == '\n')) {
      /* trailing spaces before a break are dropped */
      size_t e = i;
      while (e > text_start && s[e - 1] == ' ')
        e--;
      push_text(p, s + text_start, (int)(e - text_start));
      struct tok t = {0};
      t.type = T_BREAK;
      t.prev_delim = t.next_delim = -1;
      VEC_PUSH(p->a, p->t, t);
      i += c == '\r' ? 2 : 1;
      while (i < len && s[i] == ' ')
        i++;
      text_start = i;
    } else if (c == '`') {
      size_t run = 0;
      while (i + run < len && s[i + run] == '`')
        run++;
      /* find a closing run of the same length */
      size_t k = i + run, close = 0;
      while (k < len) {
        if (s[k] == '`') {
          size_t r = 0;
          while (k + r < len && s[k + r] == '`')
            r++;
          if (r == run) {
            close = k;
            break;
          }
          k += r;
        } else {
          k++;
        }
      }
      if (!close) {
        i += run; /* literal backticks */
        continue;
      }
      FLUSH();
      const char *cs = s + i + run;
      int cl = (int)(close - (i + run));
      if (cl >= 2 && cs[0] == ' ' && cs[cl - 1] == ' ') {
        cs++;
        cl -= 2;
      }
      push_text(p, cs, cl);
      if (cl > 0)
        p->t.v[p->t.n - 1].style = SP_CODE;
      i = close + run;
      text_start = i;
    } else if (c == '<') {
      bool email;
      size_t n = autolink(s, len, i, &email);
      if (!n) {
        i++;
        continue;
      }
      FLUSH();
      push_text(p, s + i + 1, (int)n - 2);
      struct tok *t = &p->t.v[p->t.n - 1];
      t->url = email ? arena_printf(p->a, "mailto:%.*s", (int)n - 2, s + i + 1)
                     : arena_strndup(p->a, s + i + 1, n - 2);
      i += n;
      text_start = i;
    } else if (c == '^') {
      /* ^sup^: no spaces inside, at least one character */
      size_t k = i + 1;
      while (k < len && s[k] != '^' && !byte_space(s[k]))
        k++;
      if (k < len && s[k] == '^' && k > i + 1) {
        FLUSH();
        push_text(p, s + i + 1, (int)(k - i - 1));
        p->t.v[p->t.n - 1].style = SP_SUPER;
        i = k + 1;
        text_start = i;
      } else {
        i++;
      }
    } else if (c == '*' || c == '_') {
      FLUSH();
      size_t run = 0;
      while (i + run < len && s[i + run] == c)
        run++;
      uint32_t before = cp_before(s, i), after = cp_at(s, len, i + run);
      bool left = !is_space(after) &&
                  (!is_punct(after) || is_space(before) || is_punct(before));
      bool right = !is_space(before) &&
                   (!is_punct(before) || is_space(after) || is_punct(after));
      struct tok t = {0};
      t.type = T_DELIM;
      t.s = s + i;
      t.len = (int)run;
      t.c = c;
      t.count = t.orig = (int)run;
      t.active = true;
      if (c == '*') {
        t.can_open = left;
        t.can_close = right;
      } else {
        t.can_open = left && (!right || is_punct(before));
        t.can_close = right && (!left || is_punct(after));
      }
      t.prev_delim = t.next_delim = -1;
      VEC_PUSH(p->a, p->t, t);
      i += run;
      text_start = i;
    } else if (c == '[') {
      FLUSH();
      struct tok t = {0};
      t.type = T_OPEN_BRACKET;
      t.s = s + i;
      t.len = 1;
      t.active = true;
      t.prev_delim = t.next_delim = -1;
      VEC_PUSH(p->a, p->t, t);
      VEC_PUSH(p->a, openers, p->t.n - 1);
      i++;
      text_start = i;
    } else if (c == ']' && i + 1 < len && s[i + 1] == '(') {
      /* the nearest opener still standing (a stack, not a scan back) */
      int opener = openers.n ? openers.v[openers.n - 1] : -1;
      bool active = opener >= 0 && openers.n > inactive_below;
      size_t close = active ? link_dest(s, len, i + 2) : 0;
      if (!close) {
        if (opener >= 0) { /* an inactive or failed opener is plain text */
          p->t.v[opener].type = T_TEXT;
          openers.n--;
          if (inactive_below > openers.n)
            inactive_below = openers.n;
        }
        i++;
        continue;
      }
      openers.n--;
      FLUSH();
      /* unescape the destination */
      size_t ul = close - (i + 2);
      char *url = arena_alloc(p->a, ul + 1);
      size_t o = 0;
      for (size_t k = i + 2; k < close; k++) {
        if (s[k] == '\\' && k + 1 < close && is_ascii_punct((unsigned char)s[k + 1]))
          k++;
        url[o++] = s[k];
      }
      url[o] = 0;
      for (int k = opener + 1; k < p->t.n; k++)
        if (!p->t.v[k].url)
          p->t.v[k].url = url;
      /* the bracket itself disappears; no links inside links */
      p->t.v[opener].type = T_TEXT;
      p->t.v[opener].len = 0;
      inactive_below = openers.n; /* no links inside links */
      i = close + 1;
      text_start = i;
    } else if (c == '-' && i + 1 < len && s[i + 1] == '-') {
      FLUSH();
      int n = (i + 2 < len && s[i + 2] == '-') ? 3 : 2;
      push_dash(p, n);
      i += (size_t)n;
      text_start = i;
    } else {
      i++;
    }
  }
  FLUSH();
#undef FLUSH
  /* unmatched brackets are text */
  for (int k = 0; k < p->t.n; k++)
    if (p->t.v[k].type == T_OPEN_BRACKET)
      p->t.v[k].type = T_TEXT;
}

/* CommonMark "process emphasis". Emphasis may not cross a link boundary:
 * delimiters only match when both carry the same url. */
static void process_emphasis(struct parser *p, int *bold, int *ital) {
  int n = p->t.n, last = -1, first = -1;
  for (int k = 0; k < n; k++) {
    struct tok *t = &p->t.v[k];
    if (t->type != T_DELIM)
      continue;
    t->prev_delim = last;
    if (last >= 0)
      p->t.v[last].next_delim = k;
    else
      first = k;
    last = k;
  }
  /* openers_bottom[char][closer can_open][orig % 3] */
  int bottom[2][2][3];
  for (int a = 0; a < 2; a++)
    for (int b = 0; b < 2; b++)
      for (int c = 0; c < 3; c++)
        bottom[a][b][c] = -1;
#define UNLINK(k)                                                              \
  do {                                                                         \
    struct tok *u_ = &p->t.v[k];                                               \
    if (u_->prev_delim >= 0)                                                   \
      p->t.v[u_->prev_delim].next_delim = u_->next_delim;                      \
    else                                                                       \
      first = u_->next_delim;                                                  \
    if (u_->next_delim >= 0)                                                   \
      p->t.v[u_->next_delim].prev_delim = u_->prev_delim;                      \
    u_->active = false;                                                        \
  } while (0)
  int cur = first;
  while (cur >= 0) {
    struct tok *closer = &p->t.v[cur];
    if (!closer->can_close) {
      cur = closer->next_delim;
      continue;
    }
    int ci = closer->c == '*' ? 0 : 1;
    int *bot = &bottom[ci][closer->can_open][closer->orig % 3];
    int o = closer->prev_delim, found = -1;
    while (o >= 0 && o > *bot) {
      struct tok *op = &p->t.v[o];
      if (op->c == closer->c && op->can_open && op->url == closer->url) {
        bool odd = (op->can_close || closer->can_open) &&
                   (op->orig + closer->orig) % 3 == 0 &&
                   !(op->orig % 3 == 0 && closer->orig % 3 == 0);
        if (!odd) {
          found = o;
          break;
        }
      }
      o = op->prev_delim;
    }
    if (found < 0) {
      *bot = closer->prev_delim;
      int next = closer->next_delim;
      if (!closer->can_open)
        UNLINK(cur);
      cur = next;
      continue;
    }
    struct tok *op = &p->t.v[found];
    int use = (op->count >= 2 && closer->count >= 2) ? 2 : 1;
    int *arr = use == 2 ? bold : ital;
    arr[found + 1]++;
    arr[cur]--;
    op->count -= use;
    closer->count -= use;
    /* delimiters between opener and closer can no longer match */
    int k = op->next_delim;
    while (k >= 0 && k != cur) {
      int next = p->t.v[k].next_delim;
      UNLINK(k);
      k = next;
    }
    if (op->count == 0)
      UNLINK(found);
    if (closer->count == 0) {
      int next = closer->next_delim;
      UNLINK(cur);
      cur = next;
    }
  }
#undef UNLINK
}

struct spans markup_parse(struct arena *a, const char *s, size_t len) {
  struct parser p = {a, s, len, {0}};
  tokenize(&p);
  int n = p.t.n;
  int *bold = arena_alloc(a, sizeof(int) * (size_t)(n + 1));
  int *ital = arena_alloc(a, sizeof(int) * (size_t)(n + 1));
  process_emphasis(&p, bold, ital);

  /* flatten: each token's style = running sums; merge equal neighbours */
  VEC(struct span) out = {0};
  VEC(char) buf = {0};
  unsigned cur_style = 0;
  const char *cur_url = NULL;
  bool open = false;
  int b = 0, it = 0;
  for (int k = 0; k < n; k++) {
    b += bold[k];
    it += ital[k];
    struct tok *t = &p.t.v[k];
    const char *ts = t->s;
    int tl = t->len;
    if (t->type == T_DELIM) {
      /* unmatched delimiter characters remain as text */
      tl = t->count;
      if (tl <= 0)
        continue;
    }
    unsigned style = t->style | (b > 0 ? SP_BOLD : 0) | (it > 0 ? SP_ITALIC : 0);
    if (t->type == T_BREAK) {
      if (open) {
        VEC_PUSH(a, buf, 0);
        out.v[out.n - 1].s = arena_strndup(a, buf.v, (size_t)buf.n - 1);
        out.v[out.n - 1].len = buf.n - 1;
        open = false;
      }
      struct span sp = {"", 0, SP_BREAK, NULL, 0, NULL};
      VEC_PUSH(a, out, sp);
      continue;
    }
    if (tl <= 0)
      continue;
    if (!open || style != cur_style || t->url != cur_url) {
      if (open) {
        VEC_PUSH(a, buf, 0);
        out.v[out.n - 1].s = arena_strndup(a, buf.v, (size_t)buf.n - 1);
        out.v[out.n - 1].len = buf.n - 1;
      }
      struct span sp = {NULL, 0, style, t->url, 0, NULL};
      VEC_PUSH(a, out, sp);
      buf.n = 0;
      cur_style = style;
      cur_url = t->url;
      open = true;
    }
    VEC_RESERVE(a, buf, buf.n + tl + 1);
    memcpy(buf.v + buf.n, ts, (size_t)tl);
    buf.n += tl;
  }
  if (open) {
    VEC_PUSH(a, buf, 0);
    out.v[out.n - 1].s = arena_strndup(a, buf.v, (size_t)buf.n - 1);
    out.v[out.n - 1].len = buf.n - 1;
  }
  return (struct spans){out.v, out.n};
}

static bool word_char(uint32_t c) {
  return !is_space(c) && !is_punct(c);
}

struct keywords {
  const char *const *kw;
  int *len;         /* of each keyword */
  int *order;       /* indices: by first byte, longest first within one */
  int first[257];   /* order[first[b] .. first[b + 1]) begin with byte b */
  bool begins[256]; /* some keyword begins with byte b: where to stop */
};

/* the keywords made ready once: by first byte, then longest first (a hit
 * takes the first that fits: "John Doe" before "John") */
static int by_byte_then_length(const void *x, const void *y, void *arg) {
  const struct keywords *k = arg;
  int a = *(const int *)x, b = *(const int *)y;
  unsigned char ca = (unsigned char)k->kw[a][0],
                cb = (unsigned char)k->kw[b][0];
  if (ca != cb)
    return ca < cb ? -1 : 1;
  if (k->len[a] != k->len[b])
    return k->len[a] > k->len[b] ? -1 : 1;
  return a < b ? -1 : a > b;
}

const struct keywords *markup_keywords(struct arena *a,
                                       const char *const *kw, int n) {
  struct keywords *k = arena_alloc(a, sizeof *k);
  k->kw = kw;
  k->len = arena_alloc(a, sizeof(int) * (size_t)(n + 1));
  k->order = arena_alloc(a, sizeof(int) * (size_t)(n + 1));
  int m = 0;
  for (int i = 0; i < n; i++) {
    k->len[i] = (int)strlen(kw[i]);
    if (k->len[i] > 0)
      k->order[m++] = i; /* (an empty keyword matches nothing) */
  }
  qsort_r(k->order, (size_t)m, sizeof(int), by_byte_then_length, k);
  int at = 0;
  for (int b = 0; b < 256; b++) {
    k->first[b] = at;
    while (at < m && (unsigned char)kw[k->order[at]][0] == b)
      at++;
    k->begins[b] = at > k->first[b];
  }
  k->first[256] = m;
  return k;
}

struct spans markup_bold(struct arena *a, struct spans in,
                         const struct keywords *k) {
  if (!k || k->first[256] == 0)
    return in;
  VEC(struct span) out = {0};
  for (int i = 0; i < in.n; i++) {
    struct span sp = in.v[i];
    if (sp.style & (SP_BOLD | SP_BREAK | SP_GLUE | SP_CODE)) {
      VEC_PUSH(a, out, sp);
      continue;
    }
    const char *s = sp.s;
    int len = sp.len, start = 0, pos = 0;
    while (pos < len) {
      while (pos < len && !k->begins[(unsigned char)s[pos]])
        pos++; /* (most bytes begin no keyword) */
      if (pos == len)
        break;
      unsigned char c0 = (unsigned char)s[pos];
      int from = k->first[c0], to = k->first[c0 + 1], hit = 0;
      if (pos == 0 || !word_char(cp_before(s, (size_t)pos))) {
        for (int j = from; j < to && !hit; j++) {
          int w = k->order[j], kl = k->len[w];
          if (pos + kl <= len && !memcmp(s + pos, k->kw[w], (size_t)kl) &&
              !word_char(cp_at(s, (size_t)len, (size_t)(pos + kl))))
            hit = kl;
        }
      }
      if (!hit) {
        pos++;
        continue;
      }
      if (pos > start) {
        struct span t = sp;
        t.s = arena_strndup(a, s + start, (size_t)(pos - start));
        t.len = pos - start;
        VEC_PUSH(a, out, t);
      }
      struct span t = sp;
      t.s = arena_strndup(a, s + pos, (size_t)hit);
      t.len = hit;
      t.style |= SP_BOLD;
      VEC_PUSH(a, out, t);
      pos += hit;
      start = pos;
    }
    if (start == 0) {
      VEC_PUSH(a, out, sp);
    } else if (start < len) {
      struct span t = sp;
      t.s = arena_strndup(a, s + start, (size_t)(len - start));
      t.len = len - start;
      VEC_PUSH(a, out, t);
    }
  }
  return (struct spans){out.v, out.n};
}

struct spans markup_bold_keywords(struct arena *a, struct spans in,
                                  const char *const *keywords, int nk) {
  return nk ? markup_bold(a, in, markup_keywords(a, keywords, nk)) : in;
}

/* Is cp a Greek letter (whose capitals carry no accents)? */
static bool greek(uint32_t cp) {
  return (cp >= 0x370 && cp <= 0x3FF) || (cp >= 0x1F00 && cp <= 0x1FFF);
}

/* Write the capitals of s[0..len) in language lang to o (room for 3 bytes
 * of output a byte of input); returns the bytes written. `before` is the
 * letter before s (for an accent at its start), updated. */
static int upper_text(const char *s, int len, const char *lang, char *o,
                      uint32_t *before) {
  int n = 0;
  const char *p = s, *e = s + len;
  while (p < e) {
    uint32_t cp = utf8_next(&p), up[3];
    /* an acute, grave or circumflex over a Greek capital goes */
    bool accent = cp == 0x301 || cp == 0x300 || cp == 0x342 || cp == 0x341;
    if (!(accent && greek(*before))) {
      int k = utf8_upper_in(cp, lang, up);
      for (int j = 0; j < k; j++)
        n += utf8_encode(up[j], o + n);
    }
    if (!font_is_mark(cp))
      *before = cp;
  }
  return n;
}

void markup_uppercase(struct arena *a, struct spans *sp, const char *lang) {
  uint32_t before = 0;
  for (int i = 0; i < sp->n; i++) {
    struct span *x = &sp->v[i];
    /* the capitals of a character take at most 3 bytes a byte of it (ß:
     * 2 bytes -> SS; ﬃ: 3 bytes -> FFI; ΐ stays 2) */
    char *o = arena_alloc(a, (size_t)x->len * 3 + 1);
    int n = upper_text(x->s, x->len, lang, o, &before);
    o[n] = 0;
    x->s = o;
    x->len = n;
  }
}

/* Does a quote after cp open (Typst's SmartQuoter: after nothing, a space,
 * an opening bracket or an opening quote)? */
static bool opens_after(uint32_t cp) {
  return cp == 0 || cp == ' ' || cp == '\t' || cp == '\n' || cp == 0xA0 ||
         cp == '(' || cp == '[' || cp == '{' || cp == 0x2018 ||
         cp == 0x201C || cp == 0x2014 || cp == 0x2013 || cp == '/';
}

void markup_smart_quotes(struct arena *a, struct spans *sp, bool doubles) {
  uint32_t before = 0;
  for (int i = 0; i < sp->n; i++) {
    struct span *x = &sp->v[i];
    if (x->style & (SP_GLUE | SP_ICON)) {
      before = ' ';
      continue;
    }
    bool code = x->style & SP_CODE;
    bool any = false;
    for (int k = 0; k < x->len && !code; k++)
      any |= x->s[k] == '\'' || (doubles && x->s[k] == '"');
    if (!any) {
      const char *p = x->s, *e = x->s + x->len;
      while (p < e)
        before = utf8_next(&p);
      continue;
    }
    char *o = arena_alloc(a, (size_t)x->len * 3 + 1);
    int n = 0;
    const char *p = x->s, *e = x->s + x->len;
    while (p < e) {
      uint32_t cp = utf8_next(&p);
      uint32_t out = cp;
      if (cp == '\'')
        out = opens_after(before) ? 0x2018 : 0x2019;
      else if (cp == '"' && doubles)
        out = opens_after(before) ? 0x201C : 0x201D;
      n += utf8_encode(out, o + n);
      before = out;
    }
    o[n] = 0;
    x->s = o;
    x->len = n;
  }
}

/* A letter that small capitals draw small: one that has capitals */
static bool is_small(uint32_t cp, const char *lang) {
  uint32_t up[3];
  return utf8_upper_in(cp, lang, up) != 1 || up[0] != cp;
}

void markup_small_caps(struct arena *a, struct spans *sp, const char *lang) {
  VEC(struct span) out = {0};
  for (int i = 0; i < sp->n; i++) {
    struct span x = sp->v[i];
    if (x.style & (SP_GLUE | SP_BREAK | SP_CODE | SP_ICON)) {
      VEC_PUSH(a, out, x);
      continue;
    }
    const char *p = x.s, *e = x.s + x.len;
    while (p < e) {
      /* a stretch of small letters, or of anything else */
      const char *q = p;
      uint32_t cp = utf8_next(&q);
      bool small = is_small(cp, lang);
      char *o = arena_alloc(a, (size_t)(e - p) * 3 + 1);
      const char *r = p;
      while (r < e) {
        const char *t = r;
        if (is_small(utf8_next(&t), lang) != small)
          break;
        r = t;
      }
      uint32_t before = 0;
      int n = upper_text(p, (int)(r - p), lang, o, &before);
      o[n] = 0;
      struct span y = x;
      y.s = o;
      y.len = n;
      if (small)
        y.style |= SP_SMALL;
      if (n == r - p) /* (ß -> SS and the like: no way back) */
        y.orig = arena_strndup(a, p, (size_t)(r - p));
      VEC_PUSH(a, out, y);
      p = r;
    }
  }
  sp->v = out.v;
  sp->n = out.n;
}

char *markup_plain(struct arena *a, struct spans sp) {
  size_t total = 0;
  for (int i = 0; i < sp.n; i++)
    total += (size_t)sp.v[i].len + 1;
  char *o = arena_alloc(a, total + 1), *q = o;
  for (int i = 0; i < sp.n; i++) {
    if (sp.v[i].style & (SP_BREAK | SP_GLUE)) {
      *q++ = ' ';
      continue;
    }
    memcpy(q, sp.v[i].s, (size_t)sp.v[i].len);
    q += sp.v[i].len;
  }
  *q = 0;
  return o;
}
