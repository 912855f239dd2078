/* para.c: paragraphs (see para.h). Owns the item list of one paragraph
 * while it is being set; all of it lives in ctx->tmp except the finished
 * line boxes and their text, which go to ctx->lay.
 *
 * Items: a box is a fragment of one run (font, size, colour, link) between
 * two break opportunities; kerning inside a box is part of its width and
 * splits its drawing into sub-runs; kerning across a break opportunity is a
 * kern item, which vanishes if the line breaks there (TeX §837). Spaces are
 * glue with TeX's proportions for Computer Modern: stretch 1/2 and shrink
 * 1/3 of the space's width (Typst's too). Hyphens (explicit or from
 * patterns) are flagged penalties whose width is that of the hyphen drawn
 * when the line breaks. Breaking is TeX's three passes, or for RenderCV's
 * themes (breaking.typst) Typst's single pass: its costs when justified,
 * first fit and no hyphenation when ragged. A word wider than the measure
 * breaks, in a last pass, between two of its characters.
 *
 * Scripts: a box holding text that needs shaping (is_complex: Arabic,
 * Indic, Thai, marks, beyond the BMP) or right-to-left text is shaped
 * whole by HarfBuzz and drawn as its glyphs; the rest keeps one glyph per
 * character with pair kerning, exactly as before shaping existed. A
 * paragraph holding right-to-left text gets bidi levels from FriBidi;
 * boxes never span two levels, and set_line puts each line's items in
 * visual order. Thai, Lao, Khmer and Myanmar get break opportunities from
 * dictionaries (libthai, ICU), Korean loses those between two syllables
 * (keep-all).
 */
#include "para.h"

#include <fribidi.h>
#include <uninorm.h> /* libunistring */
#include <linebreak.h> /* libunibreak (not our breaker.h) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "breaker.h"
#include "family.h"
#include "utf8.h"

#define SUPER_SCALE 0.73 /* \scriptsize / \normalsize in LaTeX */
#define SUPER_RISE 0.36  /* of the base size */
#define SMALL_SCALE 0.8  /* small capitals: LaTeX's synthesis */
#define ICON_SCALE 0.9   /* RenderCV's icons beside the connections */

struct run {
  int font;
  unsigned fake; /* DRAW_FAKE_*: the face asked for is not in the family */
  double size;
  uint32_t rgb;
  double rise; /* upward shift of the baseline, pt */
  const char *url;
  unsigned style;
  int start, end; /* bytes of buf */
};

struct frag {
  int run;
  int start, len; /* bytes of buf */
  const struct shaped *sh; /* HarfBuzz's glyphs, for complex text (or NULL) */
};

struct builder {
  struct ctx *c;
  const struct text_style *ts;
  const struct para_opts *o;
  struct breaking brk;
  char *buf;
  char *orig; /* buf as written before small capitals (span.orig): where
                 it differs, a word extracts as written (ActualText) */
  int len;
  int *run_at; /* run index of each byte, -1 for a line break */
  VEC(struct run) runs;
  struct spans sp; /* the paragraph's text (while build_runs runs) */
  /* script_font's choices: for a script (by utf8_script_lang) and a
   * style's font, the font (or -1: none has all its letters) */
  struct pick {
    const char *lang;
    int primary, font;
  } picks[8];
  int npicks;
  double *glue; /* SP_GLUE widths, by index (byte 0x01 in buf) */
  int nglue;
  char *brks;  /* libunibreak result per byte */
  /* the bidi embedding level of each byte (odd: right to left), or NULL
   * when the paragraph is all left to right */
  uint8_t *level;
  bool rtl; /* the paragraph's direction (its embedding level is 1) */
  const char *link_url; /* the link whose element link_tag is */
  int link_tag;
  bool any_rtl, any_sa; /* the text holds right-to-left letters, or Thai,
                           Lao, Khmer or Myanmar */
  char *hyph;  /* hyphenation point after byte */
  bool hyphenate;
  bool one_line; /* para_hbox: never broken, so no break opportunities */
  char *lay_buf;  /* buf's copy in the layout arena, for text operations */
  VEC(struct item) items;
  VEC(struct frag) frags;
  bool built; /* build_items has run once (warnings were given) */
  bool carried; /* the last line's hyphen extracts as the rest of its word */
  int next;   /* byte offset of the next character to read */
  /* the open box */
  bool open;
  int box_run, box_start, box_end;
  double box_w;
  bool box_complex; /* the box holds text that needs shaping */
  /* the words shaped so far, by their first byte (or NULL) */
  struct shaped_word {
    const struct shaped *sh;
    int len;
  } *shaped_at;
  /* the last pass: bytes of the words wider than the measure, which may
   * break between any two characters (or NULL) */
  char *wide;
  int ri; /* regional indicators in a row in the open box */
};

static int pick_font(const struct text_style *ts, unsigned style) {
  if ((style & SP_ICON) && ts->icon[sp_icon_face(style)] >= 0)
    return ts->icon[sp_icon_face(style)];
  if (style & SP_CODE)
    return ts->mono >= 0 ? ts->mono : ts->font[0];
  int k = ((style & SP_BOLD) ? 1 : 0) + ((style & SP_ITALIC) ? 2 : 0);
  return ts->font[k];
}

static bool is_break_space(uint32_t cp) {
  return cp == ' ' || cp == '\t' || (cp >= 0x2000 && cp <= 0x2006) ||
         cp == 0x2008 || cp == 0x2009 || cp == 0x200A || cp == 0x205F ||
         cp == 0x3000;
}

static bool is_nobreak_space(uint32_t cp) {
  return cp == 0xA0 || cp == 0x202F || cp == 0x2007;
}

static bool is_hyphen_char(uint32_t cp) {
  return cp == '-' || cp == 0x2010 || cp == 0x2013 || cp == 0x2012;
}

/* Does cp need shaping (HarfBuzz) rather than one glyph per character with
 * pair kerning? Scripts whose letters join, reorder or stack (Hebrew and
 * Arabic to Mongolian, Indic, Southeast Asian), Hangul jamo, combining
 * marks anywhere, joiners and variation selectors, and everything beyond
 * the BMP (emoji sequences, CJK extensions), which only the shaped path
 * draws. Latin, Greek, Cyrillic and CJK ideographs do not. */
static bool is_complex(uint32_t cp) {
  if (cp < 0x300)
    return false;
  return (cp >= 0x590 && cp <= 0x8FF) || (cp >= 0x900 && cp <= 0x1CFF) ||
         (cp >= 0x200C && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069) || (cp >= 0xA800 && cp <= 0xABFF) ||
         (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
         (cp >= 0xFE70 && cp <= 0xFEFF) || cp > 0xFFFF || font_is_mark(cp);
}

/* Characters that draw nothing and that a shaper hides (joiners,
 * direction marks, variation selectors, tags): never "missing". */
static bool is_invisible_format(uint32_t cp) {
  return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2060 && cp <= 0x206F) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
         (cp >= 0x180B && cp <= 0x180F) || cp == 0xFEFF ||
         (cp >= 0xE0000 && cp <= 0xE0FFF);
}

static bool is_letter(uint32_t cp) {
  if (cp < 0x80)
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  return iswalpha((wint_t)cp) && cp < 0x2000;
}

static void add_item(struct builder *b, struct item it) {
  VEC_PUSH(&b->c->tmp, b->items, it);
}

/* (a glue's or kern's data: the byte it stands at, for its bidi level;
 * -1: the paragraph's level) */
static void add_glue(struct builder *b, double w, double stretch,
                     double shrink, bool fil) {
  struct item it = {0};
  it.data = -1;
  it.type = IT_GLUE;
  it.width = w;
  it.stretch = stretch;
  it.shrink = shrink;
  it.fil = fil;
  add_item(b, it);
}

static void add_penalty(struct builder *b, int penalty, double w,
                        bool flagged) {
  struct item it = {0};
  it.type = IT_PENALTY;
  it.penalty = penalty;
  it.width = w;
  it.flagged = flagged;
  add_item(b, it);
}

/* an empty box: something for a line to hold */
static void add_empty(struct builder *b) {
  struct item it = {0};
  it.type = IT_BOX;
  it.data = -1;
  add_item(b, it);
}

static double pt(const struct run *r, double thousandths) {
  return thousandths * r->size / 1000.0;
}

/* What build_items leaves out of the text it sets (said in a warning):
 * control characters, the soft hyphen (a break, not a glyph) and
 * noncharacters. */
static bool draws_nothing(uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xAD ||
         cp == 0xFFFE || cp == 0xFFFF || (cp >= 0xFDD0 && cp <= 0xFDEF);
}

static void close_box(struct builder *b) {
  if (!b->open)
    return;
  struct frag f = {b->box_run, b->box_start, b->box_end - b->box_start, NULL};
  /* right to left text is shaped whole too: HarfBuzz mirrors brackets
   * and the like (UAX #9 rule L4) and orders the glyphs */
  if (b->box_complex || (b->level && (b->level[f.start] & 1))) {
    /* the word shaped whole: its width is HarfBuzz's. The same word is
     * shaped once for all of TeX's passes (they build the items again,
     * but a shaped word is never hyphenated: only the last pass, which
     * breaks a too wide word, makes other pieces) */
    const struct run *r = &b->runs.v[b->box_run];
    if (!b->shaped_at)
      b->shaped_at = arena_alloc(&b->c->tmp,
                                 sizeof *b->shaped_at * (size_t)(b->len + 1));
    struct shaped_word *sw = &b->shaped_at[f.start];
    if (sw->sh && sw->len == f.len) {
      f.sh = sw->sh;
      b->box_w = pt(r, sw->sh->width);
    }
    struct shaped *sh = f.sh ? NULL : arena_alloc(&b->c->tmp, sizeof *sh);
    if (sh && font_shape(b->c->fonts, r->font, b->buf + f.start, f.len,
                         b->level && (b->level[f.start] & 1), b->c->lang,
                         &b->c->tmp, sh)) {
      /* what build_items leaves out (controls, noncharacters, soft
       * hyphens) is left out of the glyphs too */
      int n = 0;
      for (int i = 0; i < sh->n; i++) {
        const char *q = b->buf + f.start + sh->cl[i];
        if (draws_nothing(utf8_next(&q))) {
          sh->width -= sh->adv[i];
          continue;
        }
        sh->gid[n] = sh->gid[i], sh->adv[n] = sh->adv[i];
        sh->dx[n] = sh->dx[i], sh->dy[n] = sh->dy[i], sh->cl[n] = sh->cl[i];
        n++;
      }
      sh->n = n;
      f.sh = sh;
      *sw = (struct shaped_word){sh, f.len};
      b->box_w = pt(r, sh->width);
    }
    b->box_complex = false;
  }
  VEC_PUSH(&b->c->tmp, b->frags, f);
  struct item it = {0};
  it.type = IT_BOX;
  it.width = b->box_w;
  it.data = b->frags.n - 1;
  add_item(b, it);
  b->open = false;
}

/* The installed font (family_cover) for cp, named in a note the first
 * time, or -1. */
static int installed_for(struct builder *b, int primary, uint32_t cp,
                         const uint32_t *with, int nwith) {
  const struct fonts *fs = b->c->fonts;
  int f = family_cover(b->c, cp, with, nwith);
  if (f >= 0 && family_announce(b->c, f, cp))
    diag_note(b->c->diag, b->o->loc,
              "U+%04X is in none of the fonts of the design (%s and its "
              "fallbacks): it, and the text in its script, is set in '%s', "
              "an installed font that has it",
              (unsigned)cp, font_info(fs, primary)->family,
              font_info(fs, f)->family);
  return f;
}

/* For a script whose letters join, reorder or stack (is_complex): the one
 * font that has every letter of cp's script in the paragraph, the first
 * of the style's font, its fallbacks and an installed font, so that no
 * word is parted between two fonts (an Urdu word in a font that has
 * Arabic's letters but not ہ, its ہ in another, loses its joins); or -1
 * when no font has them all. Chosen once per paragraph, script and
 * style's font. */
static int script_font(struct builder *b, int primary, uint32_t cp) {
  const struct fonts *fs = b->c->fonts;
  const char *lang = utf8_script_lang(cp, b->c->lang);
  if (!lang)
    return -1;
  for (int i = 0; i < b->npicks; i++)
    if (b->picks[i].primary == primary && !strcmp(b->picks[i].lang, lang))
      return b->picks[i].font;
  /* the script's letters in the paragraph (the first 64 distinct) */
  uint32_t with[64];
  int nwith = 0;
  for (int i = 0; i < b->sp.n && nwith < 64; i++) {
    const struct span *x = &b->sp.v[i];
    if (x->style & (SP_GLUE | SP_BREAK | SP_ICON))
      continue;
    for (const char *p = x->s, *e = x->s + x->len; p < e && nwith < 64;) {
      uint32_t u = utf8_next(&p);
      const char *l = u >= 0x370 ? utf8_script_lang(u, b->c->lang) : NULL;
      if (!l || strcmp(l, lang) || is_invisible_format(u))
        continue;
      int k = 0;
      while (k < nwith && with[k] != u)
        k++;
      if (k == nwith)
        with[nwith++] = u;
    }
  }
  int f = -1;
  if (font_has_all(fs, primary, with, nwith))
    f = primary;
  struct ctx *c = b->c;
  int kept = -1; /* the script's font in the paragraphs before */
  for (int i = 0; i < c->nscript_picks; i++)
    if (!strcmp(c->script_picks[i].lang, lang))
      kept = i;
  if (f < 0 && kept >= 0 &&
      font_has_all(fs, c->script_picks[kept].font, with, nwith))
    f = c->script_picks[kept].font;
  struct fallback *fb = b->ts->fallback;
  if (f < 0 && fb) {
    family_fallback(b->c, fb);
    for (int i = 0; i < fb->nids && f < 0; i++)
      if (font_has_all(fs, fb->ids[i], with, nwith))
        f = fb->ids[i];
  }
  if (f < 0 && nwith) {
    f = installed_for(b, primary, with[0], with + 1, nwith - 1);
    if (f >= 0 && !font_has_all(fs, f, with, nwith))
      f = -1;
  }
  if (b->npicks < (int)(sizeof b->picks / sizeof b->picks[0]))
    b->picks[b->npicks++] = (struct pick){lang, primary, f};
  if (f >= 0 && f != primary) {
    if (kept >= 0)
      c->script_picks[kept].font = f;
    else if (c->nscript_picks < (int)(sizeof c->script_picks /
                                      sizeof c->script_picks[0]))
      c->script_picks[c->nscript_picks++] = (struct script_pick){lang, f};
  }
  return f;
}

/* The font to set cp in: the style's font if it has the glyph, else the
 * first fallback that has it, else an installed font that has it; spaces
 * and controls stay in the current font. A letter of a script that
 * joins or reorders goes to the one font that has all of its script's
 * letters in the paragraph (script_font), when there is one. */
static int font_for(struct builder *b, int primary, uint32_t cp, int current) {
  const struct fonts *fs = b->c->fonts;
  /* joiners, direction marks, variation selectors and combining marks
   * stay with the character before them when its font has them: shaping
   * needs them in one run */
  if (cp >= 0x300 && (is_invisible_format(cp) || font_is_mark(cp)) &&
      (font_glyph(fs, current, cp) || is_invisible_format(cp)))
    return current;
  /* a space stays in the current font, unless that is a fallback whose
   * space is far wider than the style's font's (IPAGothic's is half an
   * em, twice a text font's: "4月  2019") */
  if (cp <= 0x20 || cp == 0xA0)
    return current != primary && font_glyph(fs, primary, ' ') &&
                   font_advance(fs, current, ' ') >
                       1.5 * font_advance(fs, primary, ' ')
               ? primary
               : current;
  if (cp == 0xAD || (cp >= 0x2000 && cp <= 0x200F))
    return primary;
  if (cp >= 0x590 && is_complex(cp)) {
    int f = script_font(b, primary, cp);
    if (f >= 0 && font_glyph(fs, f, cp)) /* (past its first 64 letters) */
      return f;
  }
  if (font_glyph(fs, primary, cp))
    return primary;
  if (current != primary && font_glyph(fs, current, cp))
    return current;
  struct fallback *fb = b->ts->fallback;
  if (fb) {
    family_fallback(b->c, fb);
    for (int i = 0; i < fb->nids; i++)
      if (font_glyph(fs, fb->ids[i], cp))
        return fb->ids[i];
  }
  int f = installed_for(b, primary, cp, NULL, 0);
  return f >= 0 ? f : primary;
}

/* Bold or italic that the font in use does not have (a family without a
 * bold face, a fallback font for CJK): made by the backend instead. */
static unsigned fake_of(const struct fonts *fs, int font, unsigned style) {
  const struct font_info *fi = font_info(fs, font);
  unsigned f = 0;
  if ((style & SP_BOLD) && !(style & SP_ICON) && fi->weight < 600)
    f |= DRAW_FAKE_BOLD;
  if ((style & SP_ITALIC) && !(style & SP_ICON) && !fi->italic &&
      !fi->fixed_pitch)
    f |= DRAW_FAKE_ITALIC;
  return f;
}

/* Is s[0..4) a regional indicator (U+1F1E6..U+1F1FF), half of a flag? */
static bool regional_at(const char *s, int n) {
  return n >= 4 && (unsigned char)s[0] == 0xF0 && (unsigned char)s[1] == 0x9F &&
         (unsigned char)s[2] == 0x87 && (unsigned char)s[3] >= 0xA6 &&
         (unsigned char)s[3] <= 0xBF;
}

/* libunibreak's opportunities for one word. libunibreak 1.1 (Debian 12)
 * aborts on a regional indicator (an assertion: its pair table stops
 * before that class), so a word holding one is asked about with each
 * flag's first half written as an ideograph (U+20000) and its second as a
 * combining mark (U+E0100): the same byte lengths, no break inside a
 * flag, and breaks around it as around an ideograph (UAX #14, LB30a). */
static void word_breaks(const char *w, int n, char *brks) {
  /* (a regional indicator's first byte is 0xF0: most words have none) */
  const char *f = memchr(w, 0xF0, (size_t)n);
  int k = f ? (int)(f - w) : n;
  while (k < n && !regional_at(w + k, n - k))
    k++;
  if (k == n) {
    set_linebreaks_utf8((const utf8_t *)w, (size_t)n, "en", brks);
    return;
  }
  char *copy = xmalloc((size_t)n);
  memcpy(copy, w, (size_t)n);
  bool second = false;
  for (; k < n; k++)
    if (regional_at(copy + k, n - k)) {
      memcpy(copy + k, second ? "\xF3\xA0\x84\x80" : "\xF0\xA0\x80\x80", 4);
      second = !second;
      k += 3;
    } else if (((unsigned char)copy[k] & 0xC0) != 0x80) {
      second = false; /* a pair is two indicators in a row */
    }
  set_linebreaks_utf8((const utf8_t *)copy, (size_t)n, "en", brks);
  free(copy);
}

static bool is_hangul(uint32_t cp) {
  return (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) ||
         (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0xA960 && cp <= 0xA97F) ||
         (cp >= 0xD7B0 && cp <= 0xD7FF);
}

/* Korean is written with spaces between words and broken there (CSS's
 * word-break: keep-all, what Korean typesetting expects), not between any
 * two syllables as UAX #14 allows: no opportunity between two Hangul
 * characters. (0xEA..0xED lead the syllables, 0xE1 the jamo.) */
static void keep_hangul(const char *w, int n, char *brks) {
  uint32_t prev = 0;
  for (const char *p = w, *e = w + n; p < e;) {
    if ((unsigned char)*p < 0xE1) { /* nothing Hangul: skip a byte */
      prev = 0;
      p++;
      continue;
    }
    const char *q = p;
    uint32_t cp = utf8_next(&q);
    if (prev && is_hangul(prev) && is_hangul(cp))
      brks[p - w - 1] = LINEBREAK_NOBREAK;
    prev = cp;
    p = q;
  }
}

/* Build the runs and the joined text. */
void para_breaks(const char *s, int len, char *brks) {
  /* Break opportunities are read only inside a word (build_items looks at
   * none before a space, a line break or a glue mark), and UAX #14 never
   * breaks inside a run of ASCII letters and digits (LB23, LB28). So
   * libunibreak, at ~180 instructions a byte, sees only the words that
   * hold something else: punctuation, a hyphen, a slash, a letter beyond
   * ASCII. A word's inner opportunities depend on that word alone; the
   * rules that look across spaces decide only the breaks at them
   * (test_para checks this against whole texts). */
  memset(brks, LINEBREAK_NOBREAK, (size_t)len);
  for (int k = 0; k < len;) {
    while (k < len &&
           (s[k] == ' ' || s[k] == '\n' || s[k] == '\t' || s[k] == 0x01))
      k++;
    int ws = k;
    bool plain = true;
    for (; k < len && s[k] != ' ' && s[k] != '\n' && s[k] != '\t' &&
           s[k] != 0x01;
         k++) {
      unsigned char ch = (unsigned char)s[k];
      plain &= (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
               (ch >= '0' && ch <= '9');
    }
    if (k > ws && !plain) {
      word_breaks(s + ws, k - ws, brks + ws);
      keep_hangul(s + ws, k - ws, brks + ws);
    }
  }
}

/* The scripts written without spaces between words (UAX #14's class SA),
 * whose line breaks a dictionary finds: Thai, Lao, Myanmar, Khmer (0: not
 * one of them; runs of one script are asked about together). */
static int sa_script(uint32_t cp) {
  if (cp >= 0xE01 && cp <= 0xE5B)
    return 1;
  if (cp >= 0xE81 && cp <= 0xEDF)
    return 2;
  if ((cp >= 0x1000 && cp <= 0x109F) || (cp >= 0xAA60 && cp <= 0xAA7F) ||
      (cp >= 0xA9E0 && cp <= 0xA9FF))
    return 3;
  if ((cp >= 0x1780 && cp <= 0x17FF) || (cp >= 0x19E0 && cp <= 0x19FF))
    return 4;
  return 0;
}

/* Opportunities between the words of Thai, Lao, Khmer and Myanmar text,
 * which UAX #14 leaves to a dictionary (hyph_words: libthai, ICU).
 * Without one the text has none, and a line too long for the measure is
 * broken between characters (para_set's last pass, with a warning). */
static void sa_breaks(struct builder *b) {
  if (!b->any_sa)
    return;
  struct arena *t = &b->c->tmp;
  uint32_t *cps = arena_alloc(t, sizeof *cps * (size_t)b->len);
  int *at = arena_alloc(t, sizeof *at * (size_t)(b->len + 1));
  int *pos = arena_alloc(t, sizeof *pos * (size_t)b->len);
  const char *p = b->buf, *e = b->buf + b->len;
  while (p < e) {
    int n = 0, script = 0;
    const char *q = p;
    while (q < e) {
      const char *r = q;
      uint32_t cp = utf8_next(&r);
      int sc = sa_script(cp);
      if (!sc || (script && sc != script))
        break;
      script = sc;
      at[n] = (int)(q - b->buf);
      cps[n++] = cp;
      q = r;
    }
    if (n == 0) {
      utf8_next(&p);
      continue;
    }
    at[n] = (int)(q - b->buf);
    int k = hyph_words(&b->c->hyph, cps, n, pos, n);
    for (int i = 0; i < k; i++)
      if (pos[i] > 0 && pos[i] < n)
        b->brks[at[pos[i]] - 1] = LINEBREAK_ALLOWBREAK;
    p = q;
  }
}

/* The Unicode bidirectional algorithm (UAX #9, by FriBidi) over the
 * paragraph: each byte's embedding level. The paragraph's direction is the
 * document's when its language is written right to left, else that of its
 * first strong character (rules P2, P3). A paragraph with nothing right to
 * left in a left-to-right document is not run through it (b->level stays
 * NULL: all at level 0). */
static void find_levels(struct builder *b) {
  if (!b->len || (!b->c->rtl && !b->any_rtl))
    return;
  struct arena *t = &b->c->tmp;
  /* a link whose text has no right-to-left letter (an address, a DOI, a
   * phone number) is a left-to-right isolate (LRI ... PDI): it reads as
   * written, "10.1000/xyz123" is not turned into "xyz123/10.1000" by the
   * numbers and slashes inside it, as HTML's <bdi dir="ltr"> */
  bool *iso = arena_alloc(t, (size_t)b->len + 1); /* the isolate's bytes */
  memset(iso, 0, (size_t)b->len + 1);
  int nisolates = 0;
  for (int i = 0; i < b->len;) {
    int r = b->run_at[i];
    const char *url = r >= 0 ? b->runs.v[r].url : NULL;
    if (!url || (b->runs.v[r].style & SP_ICON)) {
      i++;
      continue;
    }
    int e = i;
    bool rtl_text = false;
    while (e < b->len && b->run_at[e] >= 0 && b->runs.v[b->run_at[e]].url &&
           (b->runs.v[b->run_at[e]].url == url ||
            !strcmp(b->runs.v[b->run_at[e]].url, url))) {
      const char *q = b->buf + e;
      rtl_text |= utf8_is_rtl(utf8_next(&q));
      e = (int)(q - b->buf);
    }
    if (!rtl_text) {
      memset(iso + i, 1, (size_t)(e - i));
      nisolates++;
    }
    i = e;
  }
  size_t cap = (size_t)b->len + 2 * (size_t)nisolates;
  FriBidiChar *u = arena_alloc(t, sizeof *u * cap);
  int *at = arena_alloc(t, sizeof *at * (cap + 1));
  int n = 0;
  for (const char *p = b->buf, *e = b->buf + b->len; p < e;) {
    int k = (int)(p - b->buf);
    if (iso[k] && (k == 0 || !iso[k - 1])) {
      at[n] = -1; /* (an isolate's marks have no byte) */
      u[n++] = 0x2066;
    }
    at[n] = k;
    u[n++] = utf8_next(&p);
    if (iso[k] && !iso[p - b->buf]) {
      at[n] = -1;
      u[n++] = 0x2069;
    }
  }
  at[n] = b->len;
  FriBidiCharType *types = arena_alloc(t, sizeof *types * (size_t)n);
  FriBidiBracketType *brackets = arena_alloc(t, sizeof *brackets * (size_t)n);
  FriBidiLevel *lev = arena_alloc(t, sizeof *lev * (size_t)n);
  fribidi_get_bidi_types(u, n, types);
  fribidi_get_bracket_types(u, n, types, brackets);
  FriBidiParType base = b->c->rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_ON;
  if (!fribidi_get_par_embedding_levels_ex(types, brackets, n, &base, lev))
    return; /* (only out of memory) */
  b->rtl = FRIBIDI_IS_RTL(base);
  b->level = arena_alloc(t, (size_t)b->len);
  for (int i = 0; i < n; i++) {
    if (at[i] < 0)
      continue;
    int next = i + 1;
    while (at[next] < 0)
      next++;
    memset(b->level + at[i], lev[i], (size_t)(at[next] - at[i]));
  }
}

/* The spans in Unicode's NFC where they hold a combining mark or a
 * Hangul vowel or final jamo (libunistring): a letter typed with its
 * accent as a second character (as macOS keyboards give Vietnamese) is
 * then one character, found in fonts that have it precomposed, and
 * never split from its letter by a font change. Other spans are kept as
 * they are (most text: no decoding beyond a byte test). */
static struct spans nfc_spans(struct builder *b, struct spans sp) {
  struct span *copy = NULL;
  for (int i = 0; i < sp.n; i++) {
    const struct span *x = &sp.v[i];
    bool marks = false;
    for (int k = 0; k < x->len && !marks; k++) {
      if ((unsigned char)x->s[k] < 0xCC) /* below U+0300 */
        continue;
      const char *q = x->s + k;
      uint32_t cp = utf8_next(&q);
      marks = font_is_mark(cp) || (cp >= 0x1160 && cp <= 0x11FF);
      k = (int)(q - x->s) - 1;
    }
    if (!marks || (x->style & (SP_GLUE | SP_BREAK)))
      continue;
    size_t n = 0;
    uint8_t *r = u8_normalize(UNINORM_NFC, (const uint8_t *)x->s,
                              (size_t)x->len, NULL, &n);
    if (!r || n > (size_t)INT32_MAX / 2) {
      free(r);
      continue; /* (out of memory: the text as it is) */
    }
    if (!copy) {
      copy = arena_alloc(&b->c->tmp, sizeof *copy * (size_t)sp.n);
      memcpy(copy, sp.v, sizeof *copy * (size_t)sp.n);
    }
    copy[i].s = arena_strndup(&b->c->tmp, (const char *)r, n);
    copy[i].len = (int)n;
    free(r);
  }
  if (copy)
    sp.v = copy;
  return sp;
}

static void build_runs(struct builder *b, struct spans sp) {
  struct arena *t = &b->c->tmp;
  sp = nfc_spans(b, sp);
  b->sp = sp;
  int total = 0;
  for (int i = 0; i < sp.n; i++)
    total += sp.v[i].len + 1;
  b->buf = arena_alloc(t, (size_t)total + 1);
  b->orig = NULL;
  b->run_at = arena_alloc(t, sizeof(int) * (size_t)(total + 1));
  b->glue = arena_alloc(t, sizeof(double) * (size_t)(sp.n + 1));
  int len = 0;
  for (int i = 0; i < sp.n; i++) {
    const struct span *s = &sp.v[i];
    if (s->style & SP_GLUE) {
      /* a space of given width: byte 0x01, run -(2 + index) */
      b->glue[b->nglue] = s->glue;
      b->buf[len] = 0x01;
      if (b->orig)
        b->orig[len] = 0x01;
      b->run_at[len] = -(2 + b->nglue++);
      len++;
      continue;
    }
    if (s->style & SP_BREAK) {
      b->buf[len] = '\n';
      if (b->orig)
        b->orig[len] = '\n';
      b->run_at[len] = -1;
      len++;
      continue;
    }
    if (s->len == 0)
      continue;
    struct run r = {0};
    r.style = s->style;
    r.font = pick_font(b->ts, s->style);
    r.size = b->ts->size;
    if (s->style & SP_SUPER) {
      r.rise = r.size * SUPER_RISE;
      r.size *= SUPER_SCALE;
    }
    if (s->style & SP_SMALL)
      r.size *= SMALL_SCALE;
    if ((s->style & SP_ICON) && !(s->style & SP_SUPER))
      r.size *= ICON_SCALE;
    r.url = s->url;
    r.rgb = !s->url            ? b->ts->color
            : s->url[0] == '#' ? b->ts->cite_color
                               : b->ts->link_color;
    /* one run per stretch of characters that one font has: the style's
     * font, else the first fallback that has the character */
    const char *p = s->s, *e = s->s + s->len;
    int primary = r.font;
    r.start = len;
    while (p < e) {
      const char *q = p;
      uint32_t cp = utf8_next(&q);
      if (cp >= 0x590) { /* scripts that need more than UAX #14 and one
                            direction (find_levels and sa_breaks look) */
        b->any_rtl |= utf8_is_rtl(cp);
        b->any_sa |= sa_script(cp) != 0;
      }
      int f = font_for(b, primary, cp, r.font);
      if (f != r.font && len > r.start) {
        r.end = len;
        r.fake = fake_of(b->c->fonts, r.font, r.style);
        VEC_PUSH(t, b->runs, r);
        r.start = len;
      }
      r.font = f;
      if (s->orig && !b->orig) { /* the first span that has one */
        b->orig = arena_alloc(t, (size_t)total + 1);
        memcpy(b->orig, b->buf, (size_t)len);
      }
      for (const char *k = p; k < q; k++) {
        if (b->orig)
          b->orig[len] = s->orig && strlen(s->orig) == (size_t)s->len
                             ? s->orig[k - s->s]
                             : *k;
        b->buf[len] = *k;
        b->run_at[len++] = b->runs.n;
      }
      p = q;
    }
    r.end = len;
    r.fake = fake_of(b->c->fonts, r.font, r.style);
    VEC_PUSH(t, b->runs, r);
  }
  b->buf[len] = 0;
  if (b->orig)
    b->orig[len] = 0;
  b->len = len;
  b->brks = arena_alloc(t, (size_t)len + 1);
  if (len && b->one_line) {
    /* a line that is never broken: no opportunities to look for (a third
     * of the calls to libunibreak, which costs ~180 instructions a byte) */
    memset(b->brks, LINEBREAK_NOBREAK, (size_t)len);
  } else if (len) {
    /* libunibreak 1.1 takes U+FFFF for the end of the text (and asserts):
     * it sees a copy in which noncharacters are U+FFFD (same length) */
    char *copy = NULL;
    for (int k = 0; k + 2 < len; k++)
      if ((unsigned char)b->buf[k] == 0xEF && (unsigned char)b->buf[k + 1] == 0xBF &&
          ((unsigned char)b->buf[k + 2] == 0xBF || (unsigned char)b->buf[k + 2] == 0xBE)) {
        if (!copy) {
          copy = arena_alloc(t, (size_t)len + 1);
          memcpy(copy, b->buf, (size_t)len);
        }
        copy[k + 2] = (char)0xBD;
      }
    para_breaks(copy ? copy : b->buf, len, b->brks);
    sa_breaks(b);
  }
  find_levels(b);
}

/* Mark hyphenation points: letter sequences that begin a word (after a
 * space or opening punctuation), in runs that are not links or code, in
 * words that hold no digit, '@', '/', ':' or '_' (identifiers, addresses). */
static void find_hyphens(struct builder *b) {
  struct arena *t = &b->c->tmp;
  b->hyph = arena_alloc(t, (size_t)b->len + 1);
  int i = 0;
  while (i < b->len) {
    /* one chunk: up to the next space or break */
    int cs = i;
    const char *p = b->buf + i;
    while (p < b->buf + b->len) {
      const char *q = p;
      uint32_t cp = utf8_next(&q);
      if (cp == '\n' || cp == 0x01 || is_break_space(cp) ||
          is_nobreak_space(cp))
        break;
      p = q;
    }
    int ce = (int)(p - b->buf);
    bool ok = ce > cs;
    for (int k = cs; k < ce && ok; k++) {
      char ch = b->buf[k];
      int r = b->run_at[k];
      if ((ch >= '0' && ch <= '9') || ch == '@' || ch == '/' || ch == ':' ||
          ch == '_' || ch == '\\')
        ok = false;
      if (ch == '.' && k + 1 < ce && is_letter((unsigned char)b->buf[k + 1]))
        ok = false; /* e.g., github.io */
      if (r < 0 || b->runs.v[r].url || (b->runs.v[r].style & (SP_CODE | SP_SUPER)))
        ok = false;
      if ((unsigned char)ch >= 0xCC) { /* U+0300 on: shaped words stay whole */
        const char *q = b->buf + k;
        if (is_complex(utf8_next(&q)))
          ok = false;
      }
    }
    if (ok) {
      /* skip opening punctuation, then take the letters */
      const char *q = b->buf + cs, *e = b->buf + ce;
      while (q < e) {
        const char *n = q;
        uint32_t cp = utf8_next(&n);
        if (is_letter(cp))
          break;
        q = n;
      }
      const char *ws = q;
      int run = q < e ? b->run_at[q - b->buf] : -1;
      while (q < e) {
        const char *n = q;
        uint32_t cp = utf8_next(&n);
        if (!is_letter(cp) || b->run_at[q - b->buf] != run)
          break;
        q = n;
      }
      int wl = (int)(q - ws);
      if (wl >= 5 && run >= 0) {
        char *marks = arena_alloc(t, (size_t)wl);
        if (hyph_word(&b->c->hyph, ws, (size_t)wl, marks) > 0) {
          /* each point holds 1 + Typst's "steps": the letters short of 5
           * on either side */
          int nl = (int)utf8_length(ws, (size_t)wl), left = 0;
          for (int k = 0; k < wl; k++) {
            if (((unsigned char)ws[k] & 0xC0) != 0x80)
              left++;
            if (marks[k]) {
              int right = nl - left;
              b->hyph[(ws - b->buf) + k] =
                  (char)(1 + (left < 5 ? 5 - left : 0) +
                         (right < 5 ? 5 - right : 0));
            }
          }
        }
      }
    }
    /* advance past the chunk and the separator */
    i = ce;
    if (i < b->len) {
      const char *q = b->buf + i;
      utf8_next(&q);
      i = (int)(q - b->buf);
    }
  }
}

static void warn_char(struct builder *b, uint32_t cp, const char *why) {
  diag_warn(b->c->diag, b->o->loc, "character U+%04X %s", (unsigned)cp, why);
}

/* The penalty of a hyphenation point with Typst's `steps` (see struct
 * breaking): TeX's \hyphenpenalty, or Typst's cost. */
static int hyphen_cost(const struct builder *b, int steps) {
  if (!b->brk.typst)
    return b->brk.hyphen_penalty;
  return (int)lround(LB_TYPST_HYPH_COST * (1 + 0.15 * steps));
}

/* The kind of a break opportunity after code point cp (not a space). */
static int break_penalty(const struct breaking *brk, uint32_t cp,
                         uint32_t next, bool link, bool *flagged) {
  *flagged = false;
  if (is_hyphen_char(cp)) {
    *flagged = true;
    return brk->typst ? 0 : brk->ex_hyphen_penalty; /* Typst: a plain break */
  }
  if (link)
    return 200;
  if (cp == ']' || cp == ')' || cp >= 0x2E80 || next >= 0x2E80 ||
      sa_script(cp)) /* (between Thai, Lao... words: as at a space) */
    return 0;
  return 100;
}

/* A break inside a word, allowed only where nothing else fits: dearer
 * than any hyphenation */
#define EMERGENCY_PENALTY 5000

/* Is there a grapheme cluster boundary between prev and cp (UAX #29,
 * GB9-GB13, without the rare prepended marks)? */
static bool grapheme_boundary(struct builder *b, uint32_t prev, uint32_t cp) {
  if (font_is_extending(b->c->fonts, cp) || prev == 0x200D)
    return false;
  bool ri = cp >= 0x1F1E6 && cp <= 0x1F1FF;
  if (ri && prev >= 0x1F1E6 && prev <= 0x1F1FF && b->ri % 2 == 1)
    return false; /* the second half of a flag */
  /* Hangul syllables of jamo: a vowel or final after a Hangul letter */
  if (cp >= 0x1160 && cp <= 0x11FF && is_hangul(prev))
    return false;
  return true;
}

static struct item *last_item(struct builder *b) {
  return b->items.n ? &b->items.v[b->items.n - 1] : NULL;
}

/* Runs -> items. Called again with hyphenation points for TeX's second
 * pass; warnings are given in the first call only. */
static void build_items(struct builder *b) {
  struct ctx *c = b->c;
  const struct fonts *fs = c->fonts;
  bool warn = b->items.n == 0 && !b->built;
  b->built = true;
  b->items.n = 0;
  b->frags.n = 0;
  b->open = false;
  b->box_complex = false;
  uint32_t prev = 0; /* previous code point in the open box's run */
  int prev_run = -1;
  const char *p = b->buf, *end = b->buf + b->len;
  bool justify = b->o->align == ALIGN_JUSTIFY;
  for (; p < end; p = b->buf + b->next) {
    int at = (int)(p - b->buf);
    const char *q = p;
    uint32_t cp = utf8_next(&q);
    int next_at = (int)(q - b->buf);
    b->next = next_at;
    int r = b->run_at[at];
    struct item *last = last_item(b);
    if (r <= -2) { /* a space of given width (SP_GLUE) */
      close_box(b);
      prev = 0;
      last = last_item(b);
      if (last && last->type == IT_GLUE)
        last->width += b->glue[-r - 2];
      else if (last) {
        add_glue(b, b->glue[-r - 2], 0, 0, false);
        last_item(b)->data = at;
      }
      continue;
    }
    if (cp == '\n' || r < 0) { /* a line break: \hfil\break */
      close_box(b);
      last = last_item(b);
      /* an empty line needs something to set */
      if (!last || (last->type == IT_PENALTY && last->penalty <= LB_EJECT_PENALTY))
        add_empty(b);
      while ((last = last_item(b)) && last->type == IT_GLUE)
        b->items.n--;
      add_glue(b, 0, 0, 0, true);
      add_penalty(b, LB_EJECT_PENALTY, 0, false);
      prev = 0;
      prev_run = -1;
      continue;
    }
    const struct run *run = &b->runs.v[r];
    if (is_break_space(cp) || is_nobreak_space(cp)) {
      close_box(b);
      prev = 0;
      bool nb = is_nobreak_space(cp);
      last = last_item(b);
      if (!nb && (!last || last->type == IT_GLUE))
        continue; /* leading spaces go, runs of spaces collapse */
      if (nb) /* ~ in TeX: glue that is no break point */
        add_penalty(b, LB_INF_PENALTY, 0, false);
      double w = pt(run, font_advance(fs, run->font, ' '));
      add_glue(b, w, justify ? w / 2 : 0, justify ? w / 3 : 0, false);
      last_item(b)->data = at;
      continue;
    }
    if (cp == 0xAD) { /* soft hyphen: a discretionary break */
      close_box(b);
      if (b->hyphenate)
        add_penalty(b, hyphen_cost(b, 0),
                    pt(run, font_advance(fs, run->font, '-')), true);
      continue;
    }
    if (cp == 0x200B) { /* zero-width space: a break opportunity */
      close_box(b);
      add_penalty(b, 0, 0, false);
      prev = 0;
      continue;
    }
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
      /* control characters draw nothing: said, as nothing is left out
       * without a word (a carriage return is only a line end's part) */
      if (warn && cp != '\r')
        warn_char(b, cp, "is a control character, which draws nothing; it "
                         "is left out");
      continue;
    }
    if (cp == 0xFFFE || cp == 0xFFFF || (cp >= 0xFDD0 && cp <= 0xFDEF)) {
      if (warn)
        warn_char(b, cp, "is a Unicode noncharacter; it is left out");
      continue;
    }
    if (warn && font_glyph(fs, run->font, cp) == 0 && !is_invisible_format(cp)) {
      /* name the fonts tried: the style's, its fallbacks, then fontconfig */
      char tried[512];
      int n = snprintf(tried, sizeof tried, "%s",
                       font_info(fs, pick_font(b->ts, run->style))->family);
      const struct fallback *fb = b->ts->fallback;
      for (int k = 0; fb && k < fb->nids && n > 0 && n < (int)sizeof tried; k++)
        n += snprintf(tried + n, sizeof tried - (size_t)n, ", %s",
                      font_info(fs, fb->ids[k])->family);
      char what[600];
      snprintf(what, sizeof what,
               "is in none of the fonts tried (%s) nor in any installed "
               "font; it is drawn as an empty box",
               tried);
      warn_char(b, cp, what);
    }
    /* in a word wider than the line (the last pass): a break between
     * two characters (UAX #29's grapheme clusters) */
    if (b->wide && b->wide[at] && b->open && prev &&
        grapheme_boundary(b, prev, cp)) {
      close_box(b);
      add_penalty(b, EMERGENCY_PENALTY, 0, false);
      prev = 0;
    }
    /* extend or open the box (a box is of one run and one direction) */
    if (b->open && (b->box_run != r ||
                    (b->level && b->level[at] != b->level[b->box_start]))) {
      close_box(b);
      prev = 0;
    }
    bool complex = cp >= 0x300 && is_complex(cp);
    if (!b->open) {
      b->open = true;
      b->box_run = r;
      b->box_start = at;
      b->box_w = 0;
      b->ri = 0;
      /* kerning with the previous character of the run across a break
       * opportunity: a kern item, which vanishes if the line breaks
       * (shaped text kerns inside its words only) */
      if (prev && prev_run == r && !complex && !is_complex(prev)) {
        double k = pt(run, font_kern(fs, run->font, prev, cp));
        if (k != 0) {
          struct item ki = {0};
          ki.type = IT_KERN;
          ki.data = at;
          ki.width = k;
          add_item(b, ki);
        }
      }
    } else if (prev) {
      b->box_w += pt(run, font_kern(fs, run->font, prev, cp));
    }
    b->box_w += pt(run, font_advance(fs, run->font, cp));
    b->box_complex |= complex;
    if (b->ri || cp >= 0x1F1E6)
      b->ri = cp >= 0x1F1E6 && cp <= 0x1F1FF ? b->ri + 1 : 0;
    b->box_end = next_at;
    prev = cp;
    prev_run = r;
    /* a break opportunity after this character? */
    if (q < end) {
      const char *q2 = q;
      uint32_t next = utf8_next(&q2);
      bool space_next = is_break_space(next) || is_nobreak_space(next) ||
                        next == '\n' || next == 0x01;
      int last_byte = next_at - 1;
      if (!space_next && b->brks[last_byte] == LINEBREAK_ALLOWBREAK) {
        bool flagged;
        int pen = break_penalty(&b->brk, cp, next, run->url != NULL, &flagged);
        close_box(b);
        add_penalty(b, pen, 0, flagged);
      } else if (b->hyphenate && b->hyph[last_byte] && !space_next) {
        close_box(b);
        add_penalty(b, hyphen_cost(b, b->hyph[last_byte] - 1),
                    pt(run, font_advance(fs, run->font, '-') +
                                font_kern(fs, run->font, cp, '-')),
                    true);
      }
    }
  }
  close_box(b);
  /* \unskip, then \penalty10000 \parfillskip \penalty-10000 */
  struct item *last;
  while ((last = last_item(b)) &&
         (last->type == IT_GLUE ||
          (last->type == IT_PENALTY && last->penalty > LB_EJECT_PENALTY)))
    b->items.n--;
  if (!last_item(b))
    add_empty(b);
  add_penalty(b, LB_INF_PENALTY, 0, false);
  add_glue(b, 0, 0, 0, true);
  add_penalty(b, LB_EJECT_PENALTY, 0, false);
}

/* The structure element what run r draws belongs to: the paragraph's
 * (c->tag), a Link element inside it for a link's text (one a link in a
 * row), or none for an icon (an artifact: a picture beside a word). */
static int link_tag(struct builder *b, const struct run *r);

static int run_tag(struct builder *b, const struct run *r) {
  if (!b->c->tree || b->c->tag <= 0 || (r->style & SP_ICON))
    return 0;
  return r->url ? link_tag(b, r) : b->c->tag;
}

/* The Link element of run r's link (its clickable area belongs to it even
 * where an icon is drawn), under the paragraph's element. */
static int link_tag(struct builder *b, const struct run *r) {
  struct ctx *c = b->c;
  if (!c->tree || c->tag <= 0)
    return 0;
  if (!b->link_url || strcmp(b->link_url, r->url) != 0 ||
      c->tree->v[b->link_tag].parent != c->tag) {
    b->link_tag = stree_add(&c->lay, c->tree, SR_LINK, c->tag);
    c->tree->v[b->link_tag].alt = arena_strdup(&c->lay, r->url);
    b->link_url = r->url;
  }
  return b->link_tag;
}

/* Add text s[0..len) at x to the box, continuing the previous text
 * operation when it ends exactly at x in the same font, size, colour and
 * baseline: a word split only by hyphenation points is drawn in one piece. */
static void emit_text(struct builder *b, struct box *box, const struct run *r,
                      double x, double w, const char *s, int len,
                      const char *actual) {
  struct arena *a = &b->c->lay;
  if (len <= 0)
    return;
  /* text operations are slices of one copy of the paragraph's text in the
   * layout arena, made at its first drawing (not a copy per operation:
   * then a line's operations also grow in place) */
  if (!b->lay_buf)
    b->lay_buf = arena_strndup(a, b->buf, (size_t)b->len);
  s = b->lay_buf + (s - b->buf);
  struct draw *last = box->nops ? &box->ops[box->nops - 1] : NULL;
  int tag = run_tag(b, r);
  if (last && last->kind == DRAW_TEXT && last->font == r->font &&
      last->tag == tag &&
      last->size == r->size && last->rgb == r->rgb && last->y == -r->rise &&
      last->fake == r->fake && !last->gl && !b->c->rtl &&
      !last->actual && !actual && fabs(last->x + last->w - x) < 1e-9) {
    if (last->s + last->len == s) { /* the slice goes on */
      last->len += len;
      last->w = x + w - last->x;
      return;
    }
    char *t = arena_alloc(a, (size_t)(last->len + len) + 1);
    memcpy(t, last->s, (size_t)last->len);
    memcpy(t + last->len, s, (size_t)len);
    last->s = t;
    last->len += len;
    last->w = x + w - last->x;
    return;
  }
  struct draw *op = box_add(
      a, box,
      (struct draw){.kind = DRAW_TEXT, .x = x, .y = -r->rise, .w = w,
                    .font = r->font, .size = r->size, .rgb = r->rgb, .s = s,
                    .len = len, .actual = actual, .tag = tag});
  op->fake = (unsigned char)r->fake;
}

/* Draw a shaped fragment at x: one operation holding its glyphs. */
static double draw_shaped(struct builder *b, struct box *box,
                          const struct frag *f, double x,
                          const char *actual) {
  const struct run *r = &b->runs.v[f->run];
  const struct shaped *sh = f->sh;
  struct arena *a = &b->c->lay;
  if (!b->lay_buf)
    b->lay_buf = arena_strndup(a, b->buf, (size_t)b->len);
  int n = sh->n;
  struct glyph_run *g = arena_alloc(a, sizeof *g);
  uint32_t *gid = arena_alloc(a, sizeof *gid * (size_t)(n ? n : 1));
  float *gx = arena_alloc(a, sizeof *gx * (size_t)(n ? n : 1));
  float *gy = arena_alloc(a, sizeof *gy * (size_t)(n ? n : 1));
  int *cl = arena_alloc(a, sizeof *cl * (size_t)(n ? n : 1));
  double pen = 0;
  /* left to right shaped text extracts through ActualText: its glyphs
   * are not one a character (conjuncts, reordered vowel signs, marks moved
   * back over their base, which readers take for a word's end), and a
   * glyph's ToUnicode entry says one text wherever it is used. Right to
   * left text cannot (poppler would reverse the logical text again): its
   * glyphs, in visual order, say their characters one by one. */
  bool rtl = b->level && (b->level[f->start] & 1);
  for (int i = 0; i < n; i++) {
    gid[i] = sh->gid[i];
    gx[i] = (float)pt(r, pen + sh->dx[i]);
    gy[i] = (float)-pt(r, sh->dy[i]);
    cl[i] = sh->cl[i];
    pen += sh->adv[i];
  }
  *g = (struct glyph_run){n, gid, gx, gy, cl, rtl};
  if (!actual && !rtl)
    actual = arena_strndup(a, b->buf + f->start, (size_t)f->len);
  struct draw *op = box_add(
      a, box,
      (struct draw){.kind = DRAW_TEXT, .x = x, .y = -r->rise, .w = pt(r, pen),
                    .font = r->font, .size = r->size, .rgb = r->rgb,
                    .s = b->lay_buf + f->start, .len = f->len, .gl = g,
                    .actual = actual, .tag = run_tag(b, r)});
  op->fake = (unsigned char)r->fake;
  return pt(r, pen);
}

/* Draw a fragment at x, splitting it where kerning moves a glyph. Returns
 * the advance. Every piece gets `actual` (see struct draw). */
static double draw_frag(struct builder *b, struct box *box, int fi, double x,
                        const char *actual) {
  const struct frag *f = &b->frags.v[fi];
  const struct run *run = &b->runs.v[f->run];
  const struct fonts *fs = b->c->fonts;
  if (f->sh)
    return draw_shaped(b, box, f, x, actual);
  int first_op = box->nops;
  const char *p = b->buf + f->start, *e = p + f->len;
  const char *sub = p;
  double subx = x, cx = x;
  uint32_t prev = 0;
  while (p < e) {
    const char *q = p;
    uint32_t cp = utf8_next(&q);
    bool invisible = draws_nothing(cp) || cp == 0x200B || cp > 0xFFFF;
    double k = !invisible && prev ? pt(run, font_kern(fs, run->font, prev, cp))
                                  : 0;
    if (invisible || k != 0) {
      emit_text(b, box, run, subx, cx - subx, sub, (int)(p - sub), actual);
      cx += k;
      sub = invisible ? q : p;
      subx = cx;
      if (invisible) {
        p = q;
        continue;
      }
    }
    cx += pt(run, font_advance(fs, run->font, cp));
    prev = cp;
    p = q;
  }
  emit_text(b, box, run, subx, cx - subx, sub, (int)(e - sub), actual);
  /* in a page laid out as its mirror image, a word's pieces (split where
   * kerning moves a glyph) are mirrored within the word, so that turning
   * the page puts them back in reading order */
  if (b->c->rtl)
    for (int k = first_op; k < box->nops; k++)
      box->ops[k].x = x + (cx - x) - (box->ops[k].x - x) - box->ops[k].w;
  return cx - x;
}

/* A hyphenation point: a break inside a word that draws a hyphen. */
static bool discretionary(const struct item *it) {
  return it->type == IT_PENALTY && it->flagged && it->width > 0;
}

/* The bytes [*start, *stop) of buf that the word whose boxes begin at
 * item `from` holds, up to item `to` (kerns and hyphenation points inside
 * it skipped; its pieces are one stretch of buf); *start < 0 if there is
 * none. Returns the item where the word ends. */
static int word_bytes(const struct builder *b, int from, int to, int *start,
                      int *stop) {
  *start = *stop = -1;
  int i = from;
  for (; i < to; i++) {
    const struct item *it = &b->items.v[i];
    if (it->type == IT_KERN || discretionary(it))
      continue;
    if (it->type != IT_BOX || it->data < 0)
      break;
    const struct frag *f = &b->frags.v[it->data];
    if (*start < 0)
      *start = f->start;
    *stop = f->start + f->len;
  }
  return i;
}

/* The text of the boxes after a break inside a word, up to the next glue
 * or other break opportunity: the part of the word on the next line, as
 * written (small capitals). */
static const char *word_rest(struct builder *b, int from) {
  int start, stop;
  word_bytes(b, from, b->items.n, &start, &stop);
  if (start < 0)
    return "";
  /* a "word" of more than a line (a pathological input) is not worth
   * carrying over: its pieces extract as they are */
  if (stop - start > 256)
    return NULL;
  return arena_strndup(&b->c->lay, (b->orig ? b->orig : b->buf) + start,
                       (size_t)(stop - start));
}

/* For the word that begins at the line's k-th item: its text as written
 * (b->orig) when that differs from what is drawn (small capitals), else
 * NULL; *end is set to the byte after the word. A word that goes on past
 * the line (hyphenated) is left as drawn. */
static const char *as_written(struct builder *b, const struct lb_line *ln,
                              int k, const struct item *brk, int *end) {
  int start, stop;
  int i = word_bytes(b, ln->start + k, ln->end, &start, &stop);
  if (start < 0 || (i == ln->end && brk->type == IT_PENALTY && brk->flagged))
    return NULL;
  *end = stop;
  if (!memcmp(b->buf + start, b->orig + start, (size_t)(stop - start)))
    return NULL;
  return arena_strndup(&b->c->lay, b->orig + start, (size_t)(stop - start));
}

static void line_extent(struct builder *b, int run, double *h, double *d) {
  const struct run *r = &b->runs.v[run];
  /* a strut: TeX's \strut is 0.7/0.3 of the baseline skip; here of the
   * size, so lines of one size stack at exactly the baseline skip */
  double hh = r->size * 0.75 + r->rise, dd = r->size * 0.25 - r->rise;
  if (hh > *h)
    *h = hh;
  if (dd > *d)
    *d = dd;
}

static void add_link(struct builder *b, struct box *box, const struct run *r,
                     double x0, double x1) {
  struct arena *a = &b->c->lay;
  const struct font_info *fi = font_info(b->c->fonts, r->font);
  double top = -r->rise - fi->ascender * r->size / 1000.0;
  double bot = -r->rise - fi->descender * r->size / 1000.0;
  /* merge with the previous area on this line if it is the same link */
  if (box->nops) {
    for (int k = box->nops - 1; k >= 0; k--) {
      struct draw *op = &box->ops[k];
      if (op->kind != DRAW_LINK)
        continue;
      if (strcmp(op->s, r->url) == 0 && x0 - (op->x + op->w) < r->size &&
          op->tag == link_tag(b, r)) {
        double ny = op->y < top ? op->y : top;
        double nb = op->y + op->h > bot ? op->y + op->h : bot;
        op->w = x1 - op->x;
        op->y = ny;
        op->h = nb - ny;
        return;
      }
      break;
    }
  }
  /* the target copied: the spans it came from may be dropped once the
   * text is set (layout's markup arena) */
  box_add(a, box,
          (struct draw){.kind = DRAW_LINK, .x = x0, .y = top, .w = x1 - x0,
                        .h = bot - top, .s = arena_strdup(a, r->url),
                        .len = (int)strlen(r->url), .tag = link_tag(b, r)});
}

/* An item's bidi embedding level, or -1 for one that holds no text (a
 * break opportunity inside a word, an empty box). */
static int item_level(const struct builder *b, const struct item *it) {
  int at = it->type == IT_BOX ? (it->data >= 0 ? b->frags.v[it->data].start : -1)
           : it->type == IT_GLUE || it->type == IT_KERN ? it->data
                                                        : -1;
  return at >= 0 && at < b->len ? b->level[at] : -1;
}

/* The items of line [ln.start, ln.end) in visual order, left to right:
 * UAX #9's rule L2 (from the highest level down to the lowest odd one,
 * every run at that level or above reversed), after L1 (spaces at the
 * line's end take the paragraph's level). Boxes are words of one
 * direction (build_items closes a box where the level changes), and a
 * shaped right-to-left word holds its glyphs in visual order already.
 *
 * In a document written right to left the page is laid out as a mirror
 * image and turned round at the end (pages_mirror): its lines are set in
 * the mirror of their visual order, from the left, and each word lands
 * where it belongs when the page turns (its glyphs are not mirrored). */
static const int *visual_order(struct builder *b, const struct lb_line *ln) {
  int n = ln->end - ln->start;
  int *ord = arena_alloc(&b->c->tmp, sizeof *ord * (size_t)(n ? n : 1));
  uint8_t *lv = arena_alloc(&b->c->tmp, (size_t)(n ? n : 1));
  int hi = 0, lo_odd = 255;
  for (int k = 0; k < n; k++) {
    ord[k] = ln->start + k;
    int l = item_level(b, &b->items.v[ln->start + k]);
    lv[k] = l < 0 ? 255 : (uint8_t)l;
  }
  /* an item without text (the break opportunity after the '-' of
   * "team-lead" or the '/' of a URL) takes the lower level of the text on
   * either side, so that it never parts a left-to-right word inside right
   * to left text into pieces reversed one by one */
  for (int k = 0; k < n; k++) {
    if (lv[k] != 255)
      continue;
    int before = b->rtl, after = b->rtl;
    for (int j = k - 1; j >= 0; j--)
      if (lv[j] != 255) {
        before = lv[j];
        break;
      }
    for (int j = k + 1; j < n; j++)
      if (lv[j] != 255) {
        after = lv[j];
        break;
      }
    lv[k] = (uint8_t)(before < after ? before : after);
  }
  for (int k = n - 1; k >= 0 && b->items.v[ln->start + k].type != IT_BOX; k--)
    lv[k] = b->rtl;
  for (int k = 0; k < n; k++) {
    if (lv[k] > hi)
      hi = lv[k];
    if ((lv[k] & 1) && lv[k] < lo_odd)
      lo_odd = lv[k];
  }
  for (int l = hi; l >= lo_odd && l > 0; l--)
    for (int k = 0; k < n;) {
      if (lv[k] < l) {
        k++;
        continue;
      }
      int e = k;
      while (e < n && lv[e] >= l)
        e++;
      for (int i = k, j = e - 1; i < j; i++, j--) {
        int t = ord[i];
        ord[i] = ord[j];
        ord[j] = t;
        uint8_t tl = lv[i];
        lv[i] = lv[j];
        lv[j] = tl;
      }
      k = e;
    }
  if (b->c->rtl)
    for (int i = 0, j = n - 1; i < j; i++, j--) {
      int t = ord[i];
      ord[i] = ord[j];
      ord[j] = t;
    }
  return ord;
}

/* Set line [ln.start, ln.end) into a box of width L at indent x0. `cont`:
 * the line begins with the rest of a word hyphenated on the line before. */
static struct box *set_line(struct builder *b, const struct lb_line *ln,
                            double L, double x0, bool last, bool cont) {
  struct arena *a = &b->c->lay;
  struct box *box = box_new(a, L);
  enum align al = b->o->align;
  double r = ln->ratio;
  /* A line so loose that its spaces would exceed twice their natural
   * width (only the emergency pass makes one) is set ragged instead: the
   * spaces stop at twice their width and the rest stays at the right. With
   * stretch = width / 2, that is a ratio of 2. */
  if (al == ALIGN_JUSTIFY && r > 2)
    r = 2;
  /* width after setting the glue */
  double setw = 0;
  int ng = 0;
  double natural_space = 0, actual_space = 0;
  for (int i = ln->start; i < ln->end; i++) {
    const struct item *it = &b->items.v[i];
    if (it->type == IT_BOX || it->type == IT_KERN)
      setw += it->width;
    else if (it->type == IT_GLUE) {
      double gw = it->width;
      if (!it->fil && al == ALIGN_JUSTIFY)
        gw += r > 0 ? r * it->stretch : r * it->shrink;
      setw += gw;
      if (!it->fil && it->width > 0) {
        ng++;
        natural_space += it->width;
        actual_space += gw;
      }
    }
  }
  const struct item *brk = &b->items.v[ln->end];
  if (brk->type == IT_PENALTY && brk->flagged)
    setw += brk->width;
  double x = x0;
  if (al == ALIGN_CENTER)
    x += (L - setw) / 2;
  else if (b->rtl && !b->c->rtl ? al != ALIGN_RIGHT && L > 0
                                  : al == ALIGN_RIGHT)
    x += L - setw; /* right to left: the start is the right edge */
  /* statistics */
  struct stats *st = &b->c->stats;
  st->lines++;
  if (ln->hyphenated)
    st->hyphenated++;
  if (ln->overfull)
    st->overfull++;
  else if (al == ALIGN_JUSTIFY && !last && ln->badness > 1000)
    st->underfull++;
  if (al == ALIGN_JUSTIFY && !last && ng > 0 && natural_space > 0) {
    double ratio = actual_space / natural_space;
    st->justified++;
    st->sum_space_ratio += ratio;
    if (ratio > st->max_space_ratio)
      st->max_space_ratio = ratio;
  }
  double h = 0, d = 0;
  int last_run = -1;
  const char *ul_url = NULL; /* the link underlined last, and where */
  double ul_end = 0, ul_y = 0;
  bool suppress = cont; /* the rest of a hyphenated word extracts as "" */
  int word_end = -1; /* the end (byte) of a small-capital word begun */
  int word_op = 0;   /* and its first operation */
  const int *ord = b->level ? visual_order(b, ln) : NULL;
  for (int k = 0; k < ln->end - ln->start; k++) {
    int i = ord ? ord[k] : ln->start + k;
    const struct item *it = &b->items.v[i];
    if (it->type == IT_GLUE ||
        (it->type == IT_PENALTY && !discretionary(it)))
      suppress = false;
    if (it->type == IT_BOX) {
      if (it->data >= 0) {
        const struct frag *f = &b->frags.v[it->data];
        const struct run *run = &b->runs.v[f->run];
        const char *actual = suppress || (run->style & SP_ICON) ? "" : NULL;
        bool joined = false, small_word = false;
        if (!actual && b->orig && !ord && !f->sh) {
          /* a word set in small capitals (capitals drawn for its small
           * letters) extracts as written: one ActualText over its pieces,
           * begun by the first */
          if (word_end > f->start)
            joined = true;
          else if ((actual = as_written(b, ln, k, brk, &word_end)) != NULL)
            word_op = box->nops;
          small_word = actual || joined;
        }
        /* icons are pictures: a reader extracting text gets nothing */
        int from_op = box->nops;
        /* ("" keeps a joined piece from merging into the one before) */
        double adv = draw_frag(b, box, it->data, x, joined ? "" : actual);
        if (small_word) /* every piece after the word's first */
          for (int o = from_op > word_op ? from_op : word_op + 1;
               o < box->nops; o++)
            if (box->ops[o].kind == DRAW_TEXT) {
              box->ops[o].actual = NULL;
              box->ops[o].joined = true;
            }
        if (run->url)
          add_link(b, box, run, x, x + adv);
        if (run->url && b->ts->underline_links && !(run->style & SP_ICON)) {
          /* one underline for a link's words: it runs on under spaces */
          double th = run->size * 0.04, y = run->size * 0.12 - run->rise;
          double ux = x;
          if (ul_url == run->url && ul_end < x && ul_y == y)
            ux = ul_end;
          box_add(a, box,
                  (struct draw){.kind = DRAW_RULE, .x = ux, .y = y,
                                .w = x + adv - ux, .h = th, .rgb = run->rgb});
          ul_url = run->url;
          ul_end = x + adv;
          ul_y = y;
        } else if (!(run->style & SP_ICON)) {
          ul_url = NULL;
        }
        line_extent(b, f->run, &h, &d);
        last_run = f->run;
      }
      x += it->width;
    } else if (it->type == IT_KERN) {
      x += it->width;
    } else if (it->type == IT_GLUE) {
      double gw = it->width;
      if (!it->fil && al == ALIGN_JUSTIFY)
        gw += r > 0 ? r * it->stretch : r * it->shrink;
      /* a word space: the word before it says so (pdf.c draws a space
       * character there, for readers that take text by structure) */
      if (!it->fil && it->width > 0)
        for (int j = box->nops - 1; j >= 0; j--)
          if (box->ops[j].kind == DRAW_TEXT) {
            struct draw *op = &box->ops[j];
            if (fabs(op->x + op->w - x) < 0.01 && op->tag > 0)
              op->space = true;
            break;
          }
      x += gw;
    }
  }
  /* a line broken at a word space, or by a line break inside the
   * paragraph, ends with a space (for readers by structure, which see no
   * line end) */
  if ((brk->type == IT_GLUE && !brk->fil) ||
      (!last && brk->type == IT_PENALTY && brk->penalty <= LB_EJECT_PENALTY))
    for (int j = box->nops - 1; j >= 0; j--)
      if (box->ops[j].kind == DRAW_TEXT) {
        if (box->ops[j].tag > 0)
          box->ops[j].space = true;
        break;
      }
  if (brk->type == IT_PENALTY && brk->flagged && brk->width > 0 &&
      last_run >= 0) {
    /* a hyphen inside a word: it extracts as the rest of the word */
    const struct run *run = &b->runs.v[last_run];
    struct draw *hy =
        box_add(a, box,
                (struct draw){.kind = DRAW_TEXT, .x = x, .y = -run->rise,
                              .w = brk->width, .font = run->font,
                              .size = run->size, .rgb = run->rgb, .s = "-",
                              .len = 1});
    hy->actual = word_rest(b, ln->end + 1);
    hy->fake = (unsigned char)run->fake;
    hy->tag = run_tag(b, run);
    b->carried = hy->actual != NULL;
  } else if (brk->type == IT_PENALTY && brk->flagged && box->nops) {
    /* a line ending in an explicit hyphen: extract it as U+2010 so that
     * readers do not take it for a hyphenation and join the words */
    for (int k = box->nops - 1; k >= 0; k--) {
      struct draw *op = &box->ops[k];
      if (op->kind != DRAW_TEXT)
        continue;
      if (op->len > 0 && op->s[op->len - 1] == '-' && !op->actual)
        op->actual = arena_printf(a, "%.*s\xE2\x80\x90", op->len - 1, op->s);
      break;
    }
  }
  if (h == 0 && d == 0) { /* an empty line keeps the height of text */
    h = b->ts->size * 0.75;
    d = b->ts->size * 0.25;
  }
  box->h = h;
  box->d = d;
  return box;
}

/* Typst's optimized breaking: justified text of RenderCV's themes (Typst
 * breaks ragged text first-fit, which TeX's ragged right approaches). */
static bool typst_breaks(const struct builder *b) {
  return b->brk.typst && b->o->align == ALIGN_JUSTIFY;
}

static int try_break(struct builder *b, int tolerance, bool final,
                     double emergency, struct lb_line **out) {
  struct lb_params p = lb_defaults(tolerance);
  p.line_penalty = b->brk.line_penalty;
  p.adj_demerits = b->brk.adj_demerits;
  p.double_hyphen_demerits = b->brk.double_hyphen_demerits;
  p.final_hyphen_demerits = b->brk.final_hyphen_demerits;
  p.final_pass = final;
  p.emergency_stretch = emergency;
  double em = b->ts->size;
  p.typst = typst_breaks(b);
  p.em = em;
  p.first_fit = b->brk.typst && b->o->align != ALIGN_JUSTIFY;
  if (b->o->align == ALIGN_LEFT)
    p.right_stretch = 2 * em; /* plain TeX's \raggedright: 0pt plus 2em */
  else if (b->o->align == ALIGN_CENTER)
    p.left_stretch = p.right_stretch = 1e5;
  else if (b->o->align == ALIGN_RIGHT)
    p.left_stretch = 1e5;
  int max = b->items.n + 1;
  struct lb_line *lines =
      arena_alloc(&b->c->tmp, sizeof(struct lb_line) * (size_t)max);
  int n = lb_break(b->items.v, b->items.n, b->o->widths, b->o->nwidths, &p,
                   &b->c->tmp, lines, max);
  *out = lines;
  return n;
}

/* If a line came out overfull because a word is wider than the measure
 * (the narrowest line's), mark the words that are and build the items
 * again, with a break between any two of their characters. */
static bool break_words(struct builder *b, const struct lb_line *lines,
                        int n) {
  bool over = false;
  for (int i = 0; i < n; i++)
    over |= lines[i].overfull;
  if (!over || b->wide || b->o->whole_words)
    return false;
  double L = b->o->widths[0];
  for (int j = 1; j < b->o->nwidths; j++)
    if (b->o->widths[j] < L)
      L = b->o->widths[j];
  bool any = false;
  for (int i = 0; i < b->items.n; i++) {
    const struct item *it = &b->items.v[i];
    if (it->type != IT_BOX || it->data < 0 || it->width <= L)
      continue;
    const struct frag *f = &b->frags.v[it->data];
    if (!b->wide)
      b->wide = arena_alloc(&b->c->tmp, (size_t)b->len + 1);
    if (!any)
      memset(b->wide, 0, (size_t)b->len + 1);
    memset(b->wide + f->start, 1, (size_t)f->len);
    any = true;
  }
  if (any)
    build_items(b);
  return any;
}

static void init_builder(struct builder *b, struct ctx *c, struct spans sp,
                         const struct text_style *ts,
                         const struct para_opts *o, bool one_line) {
  memset(b, 0, sizeof *b);
  b->c = c;
  b->ts = ts;
  b->o = o;
  b->one_line = one_line;
  if (o->brk)
    b->brk = *o->brk;
  else
    breaking_defaults(&b->brk);
  build_runs(b, sp);
}

/* Past a limit of para.h? Reports it once (at `at`) and answers true. */
static bool over_limit(struct ctx *c, size_t text, struct loc at) {
  if (c->stats.capped)
    return true;
  size_t max_lay = c->max_layout ? c->max_layout : LAYOUT_MAX_BYTES;
  if (text > PARA_MAX_BYTES)
    diag_error(c->diag, at,
               "a paragraph here holds %zu KiB of text, more than cvpdf "
               "sets in one paragraph (%d KiB, some 60 pages): is a text "
               "repeated, through a template naming it many times or a "
               "YAML alias?",
               text >> 10, PARA_MAX_BYTES >> 10);
  else if (c->stats.lines >= PARA_MAX_LINES)
    diag_error(c->diag, at,
               "the document passes %d lines here (some 2,000 pages), "
               "more than cvpdf sets: is a text repeated, or the type "
               "far too large for the page?",
               PARA_MAX_LINES);
  else if (c->lay.total > max_lay)
    diag_error(c->diag, at,
               "the pages set up to here take more than %zu MiB of memory "
               "(%d line%s), more than cvpdf gives one document: is a text "
               "repeated many times, or the type far too small for the page?",
               max_lay >> 20, c->stats.lines, c->stats.lines == 1 ? "" : "s");
  else
    return false;
  c->stats.capped = true;
  return true;
}

int para_set(struct ctx *c, struct spans sp, const struct text_style *ts,
             const struct para_opts *o, struct vlist *out, int *first) {
  if (first)
    *first = -1;
  size_t text = 0;
  for (int i = 0; i < sp.n; i++)
    text += (size_t)sp.v[i].len;
  if (over_limit(c, text, o->loc))
    return 0;
  struct builder b;
  init_builder(&b, c, sp, ts, o, false);
  /* pass 1: \pretolerance, no hyphenation */
  struct lb_line *lines = NULL;
  int pretol = b.brk.pretolerance, tol = b.brk.tolerance;
  int n = -1;
  b.hyphenate = false;
  build_items(&b);
  if (b.brk.typst) /* Typst: one pass, hyphenated only when justified */
    pretol = -1;
  if (pretol >= 0)
    n = try_break(&b, pretol, false, 0, &lines);
  if (n < 0) {
    /* pass 2: \tolerance with hyphenation */
    if (o->hyphenate && o->align != ALIGN_CENTER && !b.level &&
        (!b.brk.typst || o->align == ALIGN_JUSTIFY)) {
      b.hyphenate = true;
      find_hyphens(&b);
      build_items(&b);
    }
    n = try_break(&b, tol, false, 0, &lines);
  }
  if (n < 0) /* pass 3: emergency stretch; overfull rather than fail */
    n = try_break(&b, LB_INF_BAD, true, b.brk.emergency_stretch * ts->size,
                  &lines);
  if (n > 0 && break_words(&b, lines, n)) {
    /* pass 4: no line may leave the measure: words wider than it break
     * between two characters */
    int m = try_break(&b, LB_INF_BAD, true,
                      b.brk.emergency_stretch * ts->size, &lines);
    if (m > 0)
      n = m;
    diag_warn(c->diag, o->loc,
              "a word is wider than the line, and is broken between two of "
              "its characters");
  }
  if (n < 0)
    n = 0;
  for (int i = 0; i < n; i++) {
    if (over_limit(c, 0, o->loc)) {
      n = i;
      break;
    }
    int j = i < o->nwidths ? i : o->nwidths - 1;
    double L = o->widths[j];
    double x0 = 0;
    if (o->indents && o->nindents > 0)
      x0 = o->indents[i < o->nindents ? i : o->nindents - 1];
    bool cont = i > 0 && lines[i - 1].hyphenated &&
                b.items.v[lines[i - 1].end].width > 0 && b.carried;
    b.carried = false;
    struct box *box = set_line(&b, &lines[i], L, x0, i == n - 1, cont);
    if (o->top_edge > 0) {
      box->h = o->top_edge;
      box->d = 0;
    }
    if (lines[i].overfull)
      diag_warn(c->diag, o->loc, "overfull line (%.1fpt too wide)",
                lines[i].natural - L);
    if (i > 0) {
      int pen = 0;
      if (o->keep)
        pen = PAGE_INF_PENALTY;
      else {
        if (i == 1)
          pen += b.brk.club_penalty;
        if (i == n - 1)
          pen += b.brk.widow_penalty;
        if (lines[i - 1].hyphenated)
          pen += b.brk.broken_penalty;
        if (pen > PAGE_INF_PENALTY)
          pen = PAGE_INF_PENALTY;
      }
      if (pen)
        vlist_penalty(&c->lay, out, pen);
    }
    vlist_line(&c->lay, out, box, o->baselineskip, o->loc);
    if (i == 0 && first)
      *first = out->n - 1;
  }
  arena_reset(&c->tmp);
  return n;
}

struct box *para_hbox(struct ctx *c, struct spans sp,
                      const struct text_style *ts, struct loc loc) {
  struct builder b;
  struct para_opts o = {0};
  o.align = ALIGN_LEFT;
  o.loc = loc;
  double big = 1e6;
  o.widths = &big;
  o.nwidths = 1;
  init_builder(&b, c, sp, ts, &o, true);
  build_items(&b);
  /* one line: every item up to the final penalty, glue at natural width */
  struct lb_line ln = {0};
  ln.start = 0;
  while (ln.start < b.items.n && b.items.v[ln.start].type == IT_GLUE)
    ln.start++;
  ln.end = b.items.n - 1;
  struct stats saved = c->stats;
  struct box *box = set_line(&b, &ln, 0, 0, true, false);
  c->stats = saved; /* not a paragraph line */
  double w = 0;
  for (int i = ln.start; i < ln.end; i++)
    if (b.items.v[i].type != IT_PENALTY && !b.items.v[i].fil)
      w += b.items.v[i].width;
  box->w = w;
  arena_reset(&c->tmp);
  return box;
}

double para_width(struct ctx *c, struct spans sp,
                  const struct text_style *ts) {
  struct box *b = para_hbox(c, sp, ts, (struct loc){0});
  return b->w;
}
