/* pdf.c: the libharu backend (see pdf.h). Owns the HPDF_Doc for the
 * duration of one render.
 *
 * libharu writes the file: pages, streams (Flate-compressed), outlines,
 * document information and the cross-reference table (which objstm.c
 * then turns into a cross-reference stream). Fonts and text are built here with libharu's object API rather
 * than its font layer, because Debian's libharu 2.3.0 would embed whole
 * fonts with a 64K-entry CID map and /W array per font, lose parts of
 * composite glyphs, and write a ToUnicode map poppler rejects. Instead:
 *  - each font is a subset (subset.c) of exactly the characters drawn,
 *    embedded as is (FontFile2), addressed by glyph id (Identity-H,
 *    CIDToGIDMap /Identity); a font with PostScript outlines is subset by
 *    hb-subset and embedded as its bare CFF table (FontFile3,
 *    CIDFontType0C: name-keyed, so CIDs are its glyph indices); /W holds
 *    just those glyphs' widths
 *    (the same integer thousandths the layout measured with), and a
 *    bfchar ToUnicode map from glyph to character;
 *  - text is written as one TJ per run of a line, kerning and justification
 *    as TJ adjustments, so a glyph lands exactly where layout put it;
 *  - a word hyphenated at a line end is wrapped in ActualText (PDF 1.5);
 *  - shaped text (struct glyph_run) is drawn by the glyph ids shaping
 *    chose, each at its place; the subset holds them too, and ToUnicode
 *    maps each to its cluster's characters (a ligature's several,
 *    characters beyond the BMP as surrogate pairs).
 *  - libharu's small dictionaries (link annotations, fonts' and pages'
 *    dictionaries) go into one compressed object stream (objstm.c), and
 *    so does a tagged file's structure tree, written here as text: tags
 *    and a hundred citation links cost a few per cent of the file.
 * The document ID derives from the input, so the same input gives the
 * same bytes.
 */
#include "pdf.h"

#include "image.h"
#include "objstm.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <libdeflate.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

struct herr {
  HPDF_STATUS code, detail;
};

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user) {
  struct herr *e = user;
  if (!e->code) {
    e->code = code;
    e->detail = detail;
  }
}

/* a growable byte buffer for content streams */
struct buf {
  char *v;
  size_t n, cap;
};

static void put(struct buf *b, const char *s, size_t n) {
  if (b->n + n + 1 > b->cap) {
    size_t nc = b->cap ? b->cap * 2 : 4096;
    while (nc < b->n + n + 1)
      nc *= 2;
    b->v = xrealloc(b->v, nc);
    b->cap = nc;
  }
  memcpy(b->v + b->n, s, n);
  b->n += n;
}

static void puts_(struct buf *b, const char *s) { put(b, s, strlen(s)); }

/* a number as PDF writes it: up to 3 decimals, no trailing zeros (by
 * hand: printf was a tenth of the whole run) */
static void num(struct buf *b, double v) {
  char t[32];
  int n = 0;
  /* PDF readers take reals up to about 3.4e38; anything near that is a
   * mistake upstream, so keep the file well-formed and bounded */
  if (!isfinite(v))
    v = 0;
  if (v > 1e9)
    v = 1e9;
  if (v < -1e9)
    v = -1e9;
  long long m = llround(v * 1000);
  if (m < 0) {
    t[n++] = '-';
    m = -m;
  }
  long long ip = m / 1000;
  int frac = (int)(m % 1000);
  char d[24];
  int k = 0;
  do {
    d[k++] = (char)('0' + ip % 10);
    ip /= 10;
  } while (ip && k < 20);
  while (k)
    t[n++] = d[--k];
  if (frac) {
    t[n++] = '.';
    t[n++] = (char)('0' + frac / 100);
    t[n++] = (char)('0' + frac / 10 % 10);
    t[n++] = (char)('0' + frac % 10);
    while (t[n - 1] == '0')
      n--;
  }
  if (n == 2 && t[0] == '-' && t[1] == '0')
    n = 1, t[0] = '0'; /* no "-0" */
  put(b, t, (size_t)n);
}

/* a glyph that shaping chose, and the text it stands for */
struct sglyph {
  uint32_t gid;      /* in the face */
  int seq;           /* order of first use (the text of the first wins) */
  const char *text;  /* (not NUL-terminated) */
  int len;
  uint16_t sub;      /* in the subset */
};

/* one embedded font */
struct pfont {
  uint8_t *bits;     /* 65536 bits: BMP code points drawn */
  int ncps;
  uint32_t *cps;     /* sorted */
  uint16_t *gids;    /* glyph of cps[i] in the subset */
  struct sglyph *sg; /* shaped glyphs: collected, then sorted by gid and
                        made unique */
  int nsg, capsg;
  uint16_t ascii[128]; /* the same for ASCII, by code point (0: none) */
  char res[16];      /* resource name, e.g. "F1" */
  HPDF_Dict type0;
  bool one_byte;     /* at most 256 glyphs: one byte per glyph in the text */
};

static void mark(struct pfont *f, uint32_t cp) {
  if (cp > 0xFFFF)
    return;
  if (!f->bits) {
    f->bits = xcalloc(8192, 1);
  }
  if (!(f->bits[cp >> 3] & (1u << (cp & 7)))) {
    f->bits[cp >> 3] |= (uint8_t)(1u << (cp & 7));
    f->ncps++;
  }
}

static void mark_glyph(struct pfont *f, uint32_t gid, const char *text,
                       int len) {
  if (f->nsg == f->capsg) {
    f->capsg = f->capsg ? f->capsg * 2 : 64;
    f->sg = xrealloc(f->sg, sizeof *f->sg * (size_t)f->capsg);
  }
  f->sg[f->nsg] = (struct sglyph){gid, f->nsg, text, len, 0};
  f->nsg++;
}

static int by_gid(const void *a, const void *b) {
  const struct sglyph *x = a, *y = b;
  if (x->gid != y->gid)
    return x->gid < y->gid ? -1 : 1;
  return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Sort the shaped glyphs and keep the first use of each. */
static void unique_glyphs(struct pfont *f) {
  if (!f->nsg)
    return;
  qsort(f->sg, (size_t)f->nsg, sizeof *f->sg, by_gid);
  int n = 1;
  for (int i = 1; i < f->nsg; i++)
    if (f->sg[i].gid != f->sg[n - 1].gid)
      f->sg[n++] = f->sg[i];
    else if (!f->sg[n - 1].len && f->sg[i].len)
      f->sg[n - 1].text = f->sg[i].text, f->sg[n - 1].len = f->sg[i].len;
  f->nsg = n;
}

/* A shaped glyph's id in the subset. */
static uint16_t sub_of(const struct pfont *f, uint32_t gid) {
  int lo = 0, hi = f->nsg - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (f->sg[mid].gid == gid)
      return f->sg[mid].sub;
    if (f->sg[mid].gid < gid)
      lo = mid + 1;
    else
      hi = mid - 1;
  }
  return 0;
}

/* The text each glyph of a shaped op stands for, s[start[i]..+len[i]):
 * its cluster's characters if it is the cluster's first glyph in logical
 * order, else nothing (len 0). Clusters are monotone (font.c shapes with
 * HarfBuzz's monotone cluster levels): rising left to right, or falling
 * for right-to-left text, so one pass in logical order finds them. */
static void glyph_texts(const struct draw *op, int *start, int *len,
                        bool all) {
  const struct glyph_run *g = op->gl;
  int n = g->n, end = op->len;
  for (int k = n - 1; k >= 0; k--) { /* from the logical end */
    int i = g->rtl ? n - 1 - k : k;
    start[i] = g->cl[i];
    len[i] = 0;
    /* the first glyph of its cluster in logical order takes the text */
    int prev = g->rtl ? i + 1 : i - 1;
    bool first = prev < 0 || prev >= n || g->cl[prev] != g->cl[i];
    /* (`all`: the others too, for PDF/A-2u, whose every glyph must map to
     * Unicode; the first use of a glyph still wins) */
    if (first || all)
      len[i] = end > g->cl[i] ? end - g->cl[i] : 0;
    if (first)
      end = g->cl[i];
  }
}

static uint16_t gid_of(const struct pfont *f, uint32_t cp) {
  if (cp < 128)
    return f->ascii[cp];
  int lo = 0, hi = f->ncps - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (f->cps[mid] == cp)
      return f->gids[mid];
    if (f->cps[mid] < cp)
      lo = mid + 1;
    else
      hi = mid - 1;
  }
  return 0;
}

/* A subset tag (six capitals) derived from the glyphs, so that equal
 * subsets get equal names and output is reproducible. */
static void subset_tag(const struct pfont *f, const char *ps, char *tag) {
  uint32_t h = 2166136261u;
  for (int i = 0; i < f->ncps; i++) {
    h ^= f->cps[i];
    h *= 16777619u;
  }
  for (int i = 0; i < f->nsg; i++) {
    h ^= f->sg[i].gid | 0x80000000u;
    h *= 16777619u;
  }
  for (const char *p = ps; *p; p++) {
    h ^= (unsigned char)*p;
    h *= 16777619u;
  }
  for (int i = 0; i < 6; i++) {
    tag[i] = (char)('A' + h % 26);
    h /= 26;
  }
  tag[6] = 0;
}

/* Streams are compressed here with libdeflate (zlib format, which
 * FlateDecode reads), not by libharu: at the levels used it is both
 * faster and smaller than libharu's zlib at its default. Level 6 for all:
 * level 9 makes the seed's PDF 0.5 % smaller for 4 % more time. */
static void deflated(struct libdeflate_compressor **z, int level,
                     const void *data, size_t len, struct buf *out) {
  if (!z[level]) {
    z[level] = xcheck(libdeflate_alloc_compressor(level));
  }
  size_t cap = libdeflate_zlib_compress_bound(z[level], len);
  out->n = 0;
  if (out->cap < cap + 1) {
    out->v = xrealloc(out->v, cap + 1);
    out->cap = cap + 1;
  }
  out->n = libdeflate_zlib_compress(z[level], data, len, out->v, cap);
}

/* libharu writes a stream's /Filter only for the filters it applies
 * itself (and removes any other): a stream compressed here says so through
 * the dictionary's write hook, which runs after the other entries. */
static HPDF_STATUS say_flate(HPDF_Dict dict, HPDF_Stream stream) {
  (void)dict;
  return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

struct writer {
  struct libdeflate_compressor **z; /* by level, made when first used
                                       (ctx->deflaters: kept for the next
                                       document) */
  struct buf packed;
  HPDF_Dict one_byte_cmap; /* shared by the fonts that use it */
  HPDF_Dict identity_info; /* shared CIDSystemInfo */
};

/* A stream holding data, compressed. */
static HPDF_Dict add_stream(HPDF_Doc pdf, struct writer *w, int level,
                            const void *data, size_t len) {
  HPDF_Dict st = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
  if (!st)
    return NULL;
  st->filter = HPDF_STREAM_FILTER_NONE;
  st->write_fn = say_flate;
  deflated(w->z, level, data, len, &w->packed);
  HPDF_Stream_Write(st->stream, (const HPDF_BYTE *)w->packed.v,
                    (HPDF_UINT)w->packed.n);
  return st;
}

static HPDF_Dict new_dict(HPDF_Doc pdf, bool indirect) {
  HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
  if (d && indirect)
    HPDF_Xref_Add(pdf->xref, d);
  return d;
}

/* Adobe-Identity-0, the character collection of every CIDFont here and of
 * the one-byte CMap: one object that they all refer to. */
static HPDF_Dict identity_info(HPDF_Doc pdf, struct writer *w) {
  if (w->identity_info)
    return w->identity_info;
  HPDF_Dict sys = new_dict(pdf, true);
  HPDF_Dict_Add(sys, "Registry", HPDF_String_New(pdf->mmgr, "Adobe", NULL));
  HPDF_Dict_Add(sys, "Ordering", HPDF_String_New(pdf->mmgr, "Identity", NULL));
  HPDF_Dict_AddNumber(sys, "Supplement", 0);
  w->identity_info = sys;
  return sys;
}

/* The encoding of fonts with at most 256 glyphs: a one-byte code is the
 * glyph id (an embedded CMap; Identity-H takes two bytes per glyph). */
static HPDF_Dict one_byte_cmap(HPDF_Doc pdf, struct writer *w) {
  if (w->one_byte_cmap)
    return w->one_byte_cmap;
  static const char cmap[] =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
      "/Supplement 0 >> def\n/CMapName /cvpdf-Identity-8 def\n"
      "/CMapType 1 def\n1 begincodespacerange\n<00> <FF>\n"
      "endcodespacerange\n1 begincidrange\n<00> <FF> 0\nendcidrange\n"
      "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  HPDF_Dict st = add_stream(pdf, w, 6, cmap, sizeof cmap - 1);
  if (!st)
    return NULL;
  HPDF_Dict_AddName(st, "Type", "CMap");
  HPDF_Dict_AddName(st, "CMapName", "cvpdf-Identity-8");
  HPDF_Dict_Add(st, "CIDSystemInfo", identity_info(pdf, w));
  w->one_byte_cmap = st;
  return st;
}


/* The ToUnicode CMap: glyph id -> character, bfchar blocks of at most 100
 * entries (PDF reference 9.10.3). */
static HPDF_Dict tounicode(HPDF_Doc pdf, struct writer *w,
                           const struct pfont *f, int nglyphs) {
  struct buf b = {0};
  puts_(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\n"
            "begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering "
            "(UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n"
            "/CMapType 2 def\n1 begincodespacerange\n");
  puts_(&b, f->one_byte ? "<00> <FF>\n" : "<0000> <FFFF>\n");
  puts_(&b, "endcodespacerange\n");
  const char *code = f->one_byte ? "<%02X>" : "<%04X>";
  /* one entry per glyph: the first character that uses it */
  uint32_t *cp_of = xcalloc((size_t)nglyphs + 1, sizeof *cp_of);
  for (int i = 0; i < f->ncps; i++)
    if (f->gids[i] && f->gids[i] < nglyphs && !cp_of[f->gids[i]])
      cp_of[f->gids[i]] = f->cps[i];
  /* shaped glyphs no character maps to: the text of their cluster (one
   * character or several, a ligature's or a conjunct's) */
  const struct sglyph **text_of = xcalloc((size_t)nglyphs + 1, sizeof *text_of);
  int ntext = 0;
  for (int i = 0; i < f->nsg; i++) {
    int g = f->sg[i].sub;
    if (g && g < nglyphs && !cp_of[g] && f->sg[i].len && !text_of[g]) {
      /* one character beyond the BMP, or several: a bfchar of UTF-16 */
      const char *p = f->sg[i].text;
      uint32_t first = utf8_next(&p);
      if (p == f->sg[i].text + f->sg[i].len && first <= 0xFFFF)
        cp_of[g] = first;
      else
        text_of[g] = &f->sg[i], ntext++;
    }
  }
  /* runs of glyphs whose characters follow each other become one bfrange
   * entry (at most 100 entries a block, and within one high byte) */
  struct range {
    int g0, g1;
    uint32_t cp;
  };
  struct range *r = xmalloc(sizeof *r * (size_t)(nglyphs + 1));
  int nr = 0;
  for (int g = 1; g < nglyphs; g++) {
    if (!cp_of[g])
      continue;
    if (nr && r[nr - 1].g1 == g - 1 &&
        cp_of[g] == r[nr - 1].cp + (uint32_t)(g - r[nr - 1].g0) &&
        (g & 0xFF) != 0 && (cp_of[g] & 0xFF) != 0)
      r[nr - 1].g1 = g;
    else
      r[nr++] = (struct range){g, g, cp_of[g]};
  }
  /* single glyphs in bfchar blocks, runs in bfrange blocks */
  char line[64], a[16], z[16];
  for (int single = 1; single >= 0; single--) {
    int n = 0;
    for (int k = 0; k < nr; k++)
      n += (r[k].g0 == r[k].g1) == single;
    for (int k = 0, left = n; left > 0;) {
      int block = left < 100 ? left : 100;
      snprintf(line, sizeof line, "%d begin%s\n", block,
               single ? "bfchar" : "bfrange");
      puts_(&b, line);
      for (int m = 0; m < block; k++) {
        if ((r[k].g0 == r[k].g1) != single)
          continue;
        snprintf(a, sizeof a, code, (unsigned)r[k].g0);
        snprintf(z, sizeof z, code, (unsigned)r[k].g1);
        snprintf(line, sizeof line, "%s%s%s <%04X>\n", a, single ? "" : " ",
                 single ? "" : z, (unsigned)r[k].cp);
        puts_(&b, line);
        m++;
      }
      puts_(&b, single ? "endbfchar\n" : "endbfrange\n");
      left -= block;
    }
  }
  free(r);
  for (int g = 1, left = ntext; left > 0;) {
    int block = left < 100 ? left : 100;
    snprintf(line, sizeof line, "%d beginbfchar\n", block);
    puts_(&b, line);
    for (int m = 0; m < block; g++) {
      if (!text_of[g])
        continue;
      snprintf(a, sizeof a, code, (unsigned)g);
      puts_(&b, a);
      puts_(&b, " <");
      const char *p = text_of[g]->text, *e = p + text_of[g]->len;
      /* at most 256 bytes of UTF-16 an entry (PDF 32000-1 9.10.3): a
       * cluster longer than that is cut on a character */
      for (int units = 0; p < e;) {
        uint32_t cp = utf8_next(&p);
        units += cp > 0xFFFF ? 2 : 1;
        if (units > 128)
          break;
        if (cp > 0xFFFF) {
          cp -= 0x10000;
          snprintf(z, sizeof z, "%04X%04X", 0xD800 + (cp >> 10),
                   0xDC00 + (cp & 0x3FF));
        } else {
          snprintf(z, sizeof z, "%04X", (unsigned)cp);
        }
        puts_(&b, z);
      }
      puts_(&b, ">\n");
      m++;
    }
    puts_(&b, "endbfchar\n");
    left -= block;
  }
  free(text_of);
  puts_(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\n"
            "end\n");
  free(cp_of);
  HPDF_Dict st = add_stream(pdf, w, 6, b.v, b.n);
  free(b.v);
  return st;
}

/* Type0 font (Identity-H) over a CIDFontType2 holding the subset. */
static HPDF_Dict embed(struct ctx *c, HPDF_Doc pdf, struct writer *wr, int id,
                       struct pfont *f) {
  const struct font_info *fi = font_info(c->fonts, id);
  struct font_subset sub;
  uint32_t *extra = xmalloc(sizeof *extra * (size_t)(f->nsg + 1));
  for (int j = 0; j < f->nsg; j++)
    extra[j] = f->sg[j].gid;
  bool ok = font_subset(c->fonts, id, f->cps, f->ncps, extra, f->nsg, &sub);
  free(extra);
  if (!ok)
    return NULL;
  for (int i = 0; i < f->ncps; i++) {
    f->gids[i] = sub.gids[i];
    if (f->cps[i] < 128)
      f->ascii[f->cps[i]] = sub.gids[i];
  }
  for (int j = 0; j < f->nsg; j++)
    f->sg[j].sub = sub.gids[f->ncps + j];
  char tag[8], name[256];
  subset_tag(f, fi->postscript, tag);
  snprintf(name, sizeof name, "%s+%s", tag,
           fi->postscript[0] ? fi->postscript : "Font");

  f->one_byte = sub.nglyphs <= 256;
  HPDF_Dict file = add_stream(pdf, wr, 6, sub.data, sub.len);
  if (fi->cff) /* a bare CFF table; name-keyed, so CIDs are glyph indices */
    HPDF_Dict_AddName(file, "Subtype", "CIDFontType0C");
  else
    HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)sub.len);

  HPDF_Dict desc = new_dict(pdf, true);
  HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
  HPDF_Dict_AddName(desc, "FontName", name);
  int flags = 32; /* nonsymbolic */
  if (fi->fixed_pitch)
    flags |= 1;
  if (fi->serif)
    flags |= 2;
  if (fi->italic)
    flags |= 64;
  HPDF_Dict_AddNumber(desc, "Flags", flags);
  HPDF_Array bbox = HPDF_Array_New(pdf->mmgr);
  for (int k = 0; k < 4; k++)
    HPDF_Array_AddNumber(bbox, (HPDF_INT32)lround(fi->bbox[k]));
  HPDF_Dict_Add(desc, "FontBBox", bbox);
  HPDF_Dict_AddReal(desc, "ItalicAngle", (HPDF_REAL)fi->italic_angle);
  HPDF_Dict_AddNumber(desc, "Ascent", (HPDF_INT32)lround(fi->ascender));
  HPDF_Dict_AddNumber(desc, "Descent", (HPDF_INT32)lround(fi->descender));
  HPDF_Dict_AddNumber(desc, "CapHeight", (HPDF_INT32)lround(fi->cap_height));
  HPDF_Dict_AddNumber(desc, "StemV", 80);
  HPDF_Dict_Add(desc, fi->cff ? "FontFile3" : "FontFile2", file);

  /* /W: [g [w]] for the glyphs used, consecutive glyphs grouped */
  int *w = xcalloc((size_t)sub.nglyphs + 1, sizeof *w);
  bool *has = xcalloc((size_t)sub.nglyphs + 1, sizeof *has);
  for (int i = 0; i < f->ncps; i++)
    if (f->gids[i] && f->gids[i] < sub.nglyphs) {
      w[f->gids[i]] = font_advance(c->fonts, id, f->cps[i]);
      has[f->gids[i]] = true;
    }
  for (int j = 0; j < f->nsg; j++)
    if (f->sg[j].sub && f->sg[j].sub < sub.nglyphs) {
      w[f->sg[j].sub] = font_glyph_advance(c->fonts, id, f->sg[j].gid);
      has[f->sg[j].sub] = true;
    }
  HPDF_Array warr = HPDF_Array_New(pdf->mmgr);
  for (int g = 1; g < sub.nglyphs;) {
    if (!has[g]) {
      g++;
      continue;
    }
    HPDF_Array_AddNumber(warr, g);
    HPDF_Array run = HPDF_Array_New(pdf->mmgr);
    HPDF_Array_Add(warr, run);
    for (; g < sub.nglyphs && has[g]; g++)
      HPDF_Array_AddNumber(run, w[g]);
  }
  free(w);
  free(has);

  HPDF_Dict cid = new_dict(pdf, true);
  HPDF_Dict_AddName(cid, "Type", "Font");
  HPDF_Dict_AddName(cid, "Subtype", fi->cff ? "CIDFontType0" : "CIDFontType2");
  HPDF_Dict_AddName(cid, "BaseFont", name);
  HPDF_Dict_Add(cid, "CIDSystemInfo", identity_info(pdf, wr));
  HPDF_Dict_Add(cid, "FontDescriptor", desc);
  HPDF_Dict_Add(cid, "W", warr);
  if (!fi->cff) /* (a CIDFontType0 takes none) */
    HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");

  HPDF_Dict t0 = new_dict(pdf, true);
  HPDF_Dict_AddName(t0, "Type", "Font");
  HPDF_Dict_AddName(t0, "Subtype", "Type0");
  HPDF_Dict_AddName(t0, "BaseFont", name);
  if (f->one_byte)
    HPDF_Dict_Add(t0, "Encoding", one_byte_cmap(pdf, wr));
  else
    HPDF_Dict_AddName(t0, "Encoding", "Identity-H");
  HPDF_Array desc_fonts = HPDF_Array_New(pdf->mmgr);
  HPDF_Array_Add(desc_fonts, cid);
  HPDF_Dict_Add(t0, "DescendantFonts", desc_fonts);
  HPDF_Dict_Add(t0, "ToUnicode", tounicode(pdf, wr, f, sub.nglyphs));
  font_subset_free(&sub);
  return t0;
}

static void color(struct buf *b, uint32_t rgb, const char *op) {
  num(b, ((rgb >> 16) & 255) / 255.0);
  put(b, " ", 1);
  num(b, ((rgb >> 8) & 255) / 255.0);
  put(b, " ", 1);
  num(b, (rgb & 255) / 255.0);
  put(b, " ", 1);
  puts_(b, op);
  put(b, "\n", 1);
}

/* text as a literal string of glyph ids (one byte each, or two big-endian):
 * raw bytes compress a fifth smaller than hex. A string may hold any byte
 * but the delimiters and backslash, escaped, and CR, which a reader would
 * take for an end of line (PDF 32000-1 7.3.4.2). */
static void code_byte(struct buf *b, unsigned v) {
  char c[2] = {'\\', (char)v};
  if (v == '(' || v == ')' || v == '\\')
    put(b, c, 2);
  else if (v == '\r')
    put(b, "\\r", 2);
  else
    put(b, c + 1, 1);
}

static void glyph_code(struct buf *b, const struct pfont *f, uint16_t g) {
  if (!f->one_byte)
    code_byte(b, g >> 8);
  code_byte(b, g & 255);
}

/* The glyphs of s[0..len), and a space character after them if `space`
 * (and the font has one): returns whether it was written. */
static bool glyphs(struct buf *b, const struct pfont *f, const char *s,
                   int len, bool space) {
  put(b, "(", 1);
  const char *p = s, *e = s + len;
  while (p < e) {
    uint32_t cp = utf8_next(&p);
    if (cp > 0xFFFF)
      continue;
    glyph_code(b, f, gid_of(f, cp));
  }
  uint16_t sp = space ? gid_of(f, ' ') : 0;
  if (sp)
    glyph_code(b, f, sp);
  put(b, ")", 1);
  return sp != 0;
}

/* A space character where the pen stands (`from`), moved to `to` first
 * (the end of the word before it), as a TJ of its own. */
static void space_glyph(struct buf *b, const struct pfont *f, double size,
                        double from, double to) {
  uint16_t sp = gid_of(f, ' ');
  if (!sp)
    return;
  put(b, "[", 1);
  long adj = lround((from - to) * 1000.0 / size);
  if (adj) {
    num(b, (double)adj);
    put(b, " ", 1);
  }
  put(b, "(", 1);
  glyph_code(b, f, sp);
  puts_(b, ")] TJ\n");
}

/* Marked content whose extracted text is `actual` (PDF 1.5 ActualText,
 * honoured by poppler, mupdf and Acrobat; older readers ignore it). */
static bool plain_ascii(const char *s) {
  for (; *s; s++)
    if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7E)
      return false;
  return true;
}

/* A PDF text string: plain ASCII as a literal (half the bytes of hex),
 * anything else as UTF-16BE with its byte order mark, in hex. */
static void text_string(struct buf *b, const char *s, size_t n) {
  const char *e = s + n;
  bool ascii = true;
  for (const char *p = s; p < e && ascii; p++)
    ascii = (unsigned char)*p >= 0x20 && (unsigned char)*p <= 0x7E;
  if (ascii) {
    put(b, "(", 1);
    for (const char *p = s; p < e; p++) {
      if (*p == '(' || *p == ')' || *p == '\\')
        put(b, "\\", 1);
      put(b, p, 1);
    }
    put(b, ")", 1);
    return;
  }
  puts_(b, "<FEFF");
  char hex[16];
  const char *p = s;
  while (p < e) {
    uint32_t cp = utf8_next(&p);
    if (cp > 0xFFFF) { /* UTF-16 surrogate pair */
      cp -= 0x10000;
      snprintf(hex, sizeof hex, "%04X%04X", 0xD800 + (cp >> 10),
               0xDC00 + (cp & 0x3FF));
    } else {
      snprintf(hex, sizeof hex, "%04X", cp);
    }
    puts_(b, hex);
  }
  put(b, ">", 1);
}

static void begin_actual(struct buf *b, const char *actual, size_t n) {
  puts_(b, "/Span<</ActualText");
  text_string(b, actual, n);
  puts_(b, ">>BDC\n");
}

/* ---- the structure tree (tagged PDF, PDF/UA-1) ----
 *
 * Layout says which structure element each operation belongs to (struct
 * stree, page.h; tag 0: an artifact). Here an element is taken into the
 * tree when its first content is written, so that the tree's order is the
 * order content appears (an entry's date column after its main column,
 * which shares its first line); content is marked with MCIDs, one marked
 * sequence for each run of operations of one element; link annotations
 * join their Link element through OBJR.
 *
 * The tree is written here as text, not as libharu objects: a CV has a
 * few hundred elements, and libharu's dictionaries cost more to build,
 * write and free than the rest of the PDF stage. libharu holds one empty
 * dictionary for the StructTreeRoot (the catalog refers to it); after
 * libharu has written the file, tree_objects gives the root's real text
 * and the elements', numbered after libharu's last object, and objstm.c
 * puts them all in the object stream. */
struct skid {
  int kind; /* KID_ELEM (v: an element), KID_MCID (v, page), KID_OBJR */
  int v, page;
  unsigned annot; /* KID_OBJR: the annotation's index (struct annots) */
};
enum { KID_ELEM, KID_MCID, KID_OBJR };

struct sout {
  bool used;   /* in the tree (it has content, or a descendant has) */
  int page;    /* its /Pg: the page of its first content (-1: none) */
  size_t num;  /* its object number (tree_objects) */
  struct skid *k;
  int nk, ck;
};

struct ilist {
  int *v;
  int n, cap;
};

static void ilist_add(struct ilist *l, int v) {
  if (l->n == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 16;
    l->v = xrealloc(l->v, sizeof *l->v * (size_t)l->cap);
  }
  l->v[l->n++] = v;
}

struct tagging {
  const struct stree *tree;
  struct sout *e;
  HPDF_Dict root;       /* the StructTreeRoot's place (libharu's object) */
  struct ilist root_k;  /* the elements under the root */
  unsigned *page_num;   /* the pages' object numbers */
  struct ilist *mcids;  /* by page: the element of each MCID */
  struct ilist annots;  /* the Link element of each annotation */
  int page;             /* the page being written */
  int npages;
  const char *lang;     /* the document's */
  size_t annot_base;    /* the first annotation's object number */
};

static const char *const role_name[] = {
    [SR_DOCUMENT] = "Document", [SR_SECT] = "Sect",   [SR_H1] = "H1",
    [SR_H2] = "H2",             [SR_P] = "P",         [SR_L] = "L",
    [SR_LI] = "LI",             [SR_LBL] = "Lbl",     [SR_LBODY] = "LBody",
    [SR_TABLE] = "Table",       [SR_TR] = "TR",       [SR_TH] = "TH",
    [SR_TD] = "TD",             [SR_LINK] = "Link",   [SR_FIGURE] = "Figure",
    [SR_DIV] = "Div"};

/* The object number libharu gave an indirect object. */
static unsigned obj_num(const void *obj) {
  return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF;
}

static void add_kid(struct sout *e, struct skid k) {
  if (e->nk == e->ck) {
    e->ck = e->ck ? e->ck * 2 : 4;
    e->k = xrealloc(e->k, sizeof *e->k * (size_t)e->ck);
  }
  e->k[e->nk++] = k;
}

/* Element id taken into the tree (with its ancestors) on first use. */
static struct sout *use_elem(struct tagging *t, int id) {
  struct sout *e = &t->e[id];
  if (e->used)
    return e;
  const struct selem *se = &t->tree->v[id];
  e->used = true;
  e->page = -1;
  if (se->parent > 0) {
    use_elem(t, se->parent);
    add_kid(&t->e[se->parent], (struct skid){KID_ELEM, id, 0, 0});
  } else {
    ilist_add(&t->root_k, id);
  }
  return e;
}

/* The language of a text operation's words when their script says it is
 * not the document's (a Chinese name in an English CV: a screen reader
 * switches voice), else NULL. */
static const char *span_lang(const struct draw *op, const char *doc) {
  const char *p = op->s, *e = op->s + op->len;
  while (p < e) {
    if ((unsigned char)*p < 0x80) {
      p++;
      continue;
    }
    const char *l = utf8_script_lang(utf8_next(&p), doc);
    if (l)
      return utf8_script_is_lang(l, doc ? doc : "en") ? NULL : l;
  }
  return NULL;
}

/* Open the marked sequence of an operation of element `tag` (0: an
 * artifact): a new MCID on this page; lang: its words' language if not
 * the document's. */
static void begin_marked(struct buf *b, struct tagging *t, int tag,
                         const char *lang) {
  if (tag <= 0) {
    puts_(b, "/Artifact BMC\n");
    return;
  }
  struct sout *e = use_elem(t, tag);
  if (e->page < 0)
    e->page = t->page;
  struct ilist *m = &t->mcids[t->page];
  add_kid(e, (struct skid){KID_MCID, m->n, t->page, 0});
  put(b, "/", 1);
  puts_(b, role_name[t->tree->v[tag].role]);
  puts_(b, " <</MCID ");
  num(b, m->n);
  if (lang) {
    puts_(b, " /Lang (");
    puts_(b, lang);
    put(b, ")", 1);
  }
  puts_(b, ">> BDC\n");
  ilist_add(m, tag);
}

static void ref(struct buf *b, size_t n) {
  num(b, (double)n);
  puts_(b, " 0 R");
}

/* The tree as PDF objects, numbered from `next` on (after libharu's and
 * the annotations'): the root (numbered as libharu's placeholder), the
 * parent tree (`next`), then each element in use. Their texts added to
 * *b; each object's number and place in o[] (room for 2 + the tree's
 * size). Returns how many. */
static size_t tree_objects(struct tagging *t, size_t next, struct buf *b,
                           struct objstm_obj *o) {
  const struct stree *tree = t->tree;
  size_t n = 0, num_ = next + 1;
  for (int id = 1; id < tree->n; id++)
    if (t->e[id].used)
      t->e[id].num = num_++;
  /* the root */
  o[n] = (struct objstm_obj){obj_num(t->root), b->n, 0, false};
  puts_(b, "<</Type /StructTreeRoot /K [");
  for (int i = 0; i < t->root_k.n; i++) {
    put(b, " ", 1);
    ref(b, t->e[t->root_k.v[i]].num);
  }
  puts_(b, " ] /ParentTree ");
  ref(b, next);
  puts_(b, " /ParentTreeNextKey ");
  num(b, t->npages + t->annots.n);
  puts_(b, ">>");
  o[n].len = b->n - o[n].off;
  n++;
  /* the parent tree: each page's elements by MCID, then each
   * annotation's element */
  o[n] = (struct objstm_obj){next, b->n, 0, false};
  puts_(b, "<</Nums [");
  for (int p = 0; p < t->npages; p++) {
    put(b, "\n", 1);
    num(b, p);
    puts_(b, " [");
    for (int i = 0; i < t->mcids[p].n; i++) {
      put(b, " ", 1);
      ref(b, t->e[t->mcids[p].v[i]].num);
    }
    puts_(b, " ]");
  }
  for (int k = 0; k < t->annots.n; k++) {
    put(b, "\n", 1);
    num(b, t->npages + k);
    put(b, " ", 1);
    ref(b, t->e[t->annots.v[k]].num);
  }
  puts_(b, " ]>>");
  o[n].len = b->n - o[n].off;
  n++;
  /* the elements */
  for (int id = 1; id < tree->n; id++) {
    struct sout *e = &t->e[id];
    if (!e->used)
      continue;
    const struct selem *se = &tree->v[id];
    /* kids that go first or last (selem.order), stably */
    for (int pass = 0; pass < 2; pass++) {
      int want = pass ? 1 : -1, m = 0;
      struct skid *tmp = xmalloc(sizeof *tmp * (size_t)(e->nk + 1));
      if (pass == 0)
        for (int k = 0; k < e->nk; k++)
          if (e->k[k].kind == KID_ELEM && tree->v[e->k[k].v].order == want)
            tmp[m++] = e->k[k];
      for (int k = 0; k < e->nk; k++)
        if (!(e->k[k].kind == KID_ELEM && tree->v[e->k[k].v].order == want))
          tmp[m++] = e->k[k];
      if (pass == 1)
        for (int k = 0; k < e->nk; k++)
          if (e->k[k].kind == KID_ELEM && tree->v[e->k[k].v].order == want)
            tmp[m++] = e->k[k];
      memcpy(e->k, tmp, sizeof *tmp * (size_t)e->nk);
      free(tmp);
    }
    o[n] = (struct objstm_obj){e->num, b->n, 0, false};
    puts_(b, "<</S /");
    puts_(b, role_name[se->role]);
    puts_(b, " /P ");
    ref(b, se->parent > 0 ? t->e[se->parent].num : obj_num(t->root));
    if (e->page >= 0) {
      puts_(b, " /Pg ");
      ref(b, t->page_num[e->page]);
    }
    puts_(b, e->nk == 1 ? " /K " : " /K [");
    for (int k = 0; k < e->nk; k++) {
      const struct skid *kid = &e->k[k];
      if (k)
        put(b, " ", 1);
      if (kid->kind == KID_ELEM) {
        ref(b, t->e[kid->v].num);
      } else if (kid->kind == KID_MCID && kid->page == e->page) {
        num(b, kid->v);
      } else if (kid->kind == KID_MCID) { /* content on another page */
        puts_(b, "<</Type /MCR /Pg ");
        ref(b, t->page_num[kid->page]);
        puts_(b, " /MCID ");
        num(b, kid->v);
        puts_(b, ">>");
      } else {
        puts_(b, "<</Type /OBJR /Obj ");
        ref(b, t->annot_base + kid->annot);
        if (kid->page != e->page) {
          puts_(b, " /Pg ");
          ref(b, t->page_num[kid->page]);
        }
        puts_(b, ">>");
      }
    }
    if (e->nk != 1)
      puts_(b, "]");
    if (se->role == SR_FIGURE) {
      puts_(b, " /Alt ");
      const char *alt = se->alt ? se->alt : "Photo";
      text_string(b, alt, strlen(alt));
    }
    if (se->role == SR_TH)
      puts_(b, se->row_head ? " /A <</O /Table /Scope /Row>>"
                            : " /A <</O /Table /Scope /Column>>");
    puts_(b, ">>");
    o[n].len = b->n - o[n].off;
    n++;
  }
  return n;
}

/* A shaped op's glyphs: one TJ per stretch of glyphs on one height, each
 * glyph placed by an adjustment from where the previous one's /W width
 * left the pen (in thousandths of the size, rounded against the real
 * pen, as for runs); a glyph raised or lowered (a mark) starts a new
 * stretch. (*lx, *ly): the start of the last Td, updated. */
static double shaped_glyphs(struct buf *b, const struct pfont *f,
                            const struct fonts *fs, int font,
                            const struct draw *op, double H, double *lx,
                            double *ly, const char *tm) {
  const struct glyph_run *g = op->gl;
  double size = op->size;
  bool open = false;
  double sx = 0, pen = 0, cury = 0; /* stretch start; pen from it, 1/1000 */
  for (int i = 0; i < g->n; i++) {
    double gx = round((op->x + g->x[i]) * 100) / 100;
    double gy = round((H - op->y - g->y[i]) * 100) / 100;
    if (!open || gy != cury) {
      if (open)
        puts_(b, "] TJ\n");
      if (tm) { /* an absolute text matrix: made-up italic (and after it) */
        puts_(b, tm);
        num(b, gx);
        put(b, " ", 1);
        num(b, gy);
        puts_(b, " Tm [");
      } else {
        num(b, gx - *lx);
        put(b, " ", 1);
        num(b, gy - *ly);
        puts_(b, " Td [");
      }
      *lx = sx = gx;
      *ly = cury = gy;
      pen = 0;
      open = true;
    } else {
      long adj = lround(pen - (op->x + g->x[i] - sx) * 1000.0 / size);
      if (adj != 0) {
        put(b, " ", 1);
        num(b, (double)adj);
        put(b, " ", 1);
      }
      pen -= (double)adj;
    }
    uint16_t sub = sub_of(f, g->gid[i]);
    put(b, "(", 1);
    if (!f->one_byte)
      code_byte(b, sub >> 8);
    code_byte(b, sub & 255);
    put(b, ")", 1);
    pen += font_glyph_advance(fs, font, g->gid[i]);
  }
  if (open)
    puts_(b, "] TJ\n");
  return sx + pen * size / 1000.0; /* where the pen stands */
}

static bool same_run(const struct draw *a, const struct draw *b) {
  return b->kind == DRAW_TEXT && !a->gl && !b->gl && a->tag == b->tag &&
         a->font == b->font &&
         a->size == b->size &&
         a->rgb == b->rgb && a->y == b->y && !a->actual && !b->actual &&
         a->joined == b->joined && a->fake == b->fake &&
         b->x >= a->x;
}

/* The content of one page: rules, then text in one text object. */
static void page_content(struct buf *b, const struct page *pg,
                         const struct draw *ops, int nops,
                         const struct pfont *pf, const struct fonts *fs,
                         HPDF_Doc pdf, struct tagging *t) {
  double H = pg->h;
  uint32_t fill = 0xFFFFFFFF;
  bool rules = false;
  for (int i = 0; i < nops; i++) {
    const struct draw *op = &ops[i];
    if (op->kind != DRAW_RULE)
      continue;
    if (t && !rules) /* rules are decoration: artifacts */
      puts_(b, "/Artifact BMC\n");
    rules = true;
    if (op->rgb != fill)
      color(b, fill = op->rgb, "rg");
    num(b, op->x);
    put(b, " ", 1);
    num(b, H - op->y - op->h);
    put(b, " ", 1);
    num(b, op->w);
    put(b, " ", 1);
    num(b, op->h);
    puts_(b, " re f\n");
  }
  if (t && rules)
    puts_(b, "EMC\n");
  puts_(b, "BT\n");
  int marked = -1; /* the element whose marked sequence is open (-1: none) */
  const char *marked_lang = NULL; /* and its language (NULL: the document's) */
  int font = -1;
  double size = -1, lx = 0, ly = 0;
  uint32_t stroke = 0xFFFFFFFF;
  bool stroking = false, slanted = false;
  for (int i = 0; i < nops; i++) {
    const struct draw *op = &ops[i];
    if (op->kind != DRAW_TEXT || op->len <= 0)
      continue;
    const char *lang = t && op->tag > 0 ? span_lang(op, t->lang) : NULL;
    if (t && (op->tag != marked || lang != marked_lang)) {
      if (marked >= 0)
        puts_(b, "EMC\n");
      begin_marked(b, t, op->tag, lang);
      marked = op->tag;
      marked_lang = lang;
    }
    if (op->font != font || op->size != size) {
      font = op->font;
      size = op->size;
      put(b, "/", 1);
      puts_(b, pf[font].res);
      put(b, " ", 1);
      num(b, size);
      puts_(b, " Tf\n");
    }
    if (op->rgb != fill)
      color(b, fill = op->rgb, "rg");
    /* made-up bold: the outline stroked too, 1/40 em wide */
    bool want_stroke = op->fake & DRAW_FAKE_BOLD;
    if (want_stroke) {
      if (op->rgb != stroke)
        color(b, stroke = op->rgb, "RG");
      num(b, op->size / 40);
      puts_(b, " w");
      if (!stroking)
        puts_(b, " 2 Tr");
      puts_(b, "\n");
      stroking = true;
    } else if (stroking) {
      puts_(b, "0 Tr\n");
      stroking = false;
    }
    if (op->actual && !op->joined)
      begin_actual(b, op->actual, strlen(op->actual));
    bool want_slant = op->fake & DRAW_FAKE_ITALIC;
    if (op->gl) {
      double at = shaped_glyphs(b, &pf[font], fs, font, op, H, &lx, &ly,
                                want_slant ? "1 0 0.21 1 "
                                : slanted  ? "1 0 0 1 "
                                           : NULL);
      slanted = want_slant;
      if (op->actual)
        puts_(b, "EMC\n");
      if (op->space)
        space_glyph(b, &pf[font], size, at, round((op->x + op->w) * 100) / 100);
      continue;
    }
    /* positions to 1/100 pt, each rounded from the exact value (moves
     * between rounded positions, so errors never add up) */
    double rx = round(op->x * 100) / 100, ry = round((H - op->y) * 100) / 100;
    if (want_slant || slanted) {
      /* made-up italic: a text matrix slanted 12 degrees; then (and after
       * it) the position is absolute */
      puts_(b, want_slant ? "1 0 0.21 1 " : "1 0 0 1 ");
      num(b, rx);
      put(b, " ", 1);
      num(b, ry);
      puts_(b, " Tm [");
      slanted = want_slant;
    } else {
      /* Td moves relative to the start of the previous line */
      num(b, rx - lx);
      put(b, " ", 1);
      num(b, ry - ly);
      puts_(b, " Td [");
    }
    lx = rx;
    ly = ry;
    /* (a word in ActualText gets its space after the span) */
    bool in_span = op->actual || op->joined;
    bool sp = glyphs(b, &pf[font], op->s, op->len, op->space && !in_span);
    /* later pieces of the same line and style join this TJ; the space
     * between them is an adjustment in whole thousandths of the size,
     * rounded against where the pen really is, so the line still ends
     * where layout put it (within 1/2000 em) */
    double pen = (op->x + op->w - rx) * 1000.0 / size; /* from rx */
    if (sp)
      pen += font_advance(fs, font, ' ');
    while (i + 1 < nops && same_run(op, &ops[i + 1]) &&
           ops[i + 1].len > 0 &&
           (!t || op->tag <= 0 || span_lang(&ops[i + 1], t->lang) == lang)) {
      const struct draw *nx = &ops[++i];
      long adj = lround(pen - (nx->x - rx) * 1000.0 / size);
      if (adj != 0) {
        put(b, " ", 1);
        num(b, (double)adj);
        put(b, " ", 1);
      }
      pen -= (double)adj;
      sp = glyphs(b, &pf[font], nx->s, nx->len, nx->space && !nx->joined);
      pen += nx->w * 1000.0 / size;
      if (sp)
        pen += font_advance(fs, font, ' ');
    }
    puts_(b, "] TJ\n");
    /* the span ends with the word: unless the next text operation
     * continues it (joined) */
    int nx = i + 1;
    while (nx < nops && (ops[nx].kind != DRAW_TEXT || ops[nx].len <= 0))
      nx++;
    bool goes_on = in_span && nx < nops && ops[nx].joined;
    if (in_span && !goes_on)
      puts_(b, "EMC\n");
    if (in_span && !goes_on && ops[i].space) /* the pen is at the word's end */
      space_glyph(b, &pf[font], size, 0, 0);
    if (t && marked >= 0 && op->actual && !*op->actual) {
      /* poppler's reading of the structure drops what follows an empty
       * ActualText (the rest of a hyphenated word) in its marked
       * sequence: the element's content goes on in a new one */
      puts_(b, "EMC\n");
      marked = -1;
      marked_lang = NULL;
    }
  }
  if (marked >= 0)
    puts_(b, "EMC\n");
  puts_(b, "ET\n");
}

static const char *describe(HPDF_STATUS code) {
  switch (code) {
  case 0x1017:
    return "cannot open a file";
  case 0x1015:
  case 0x1016:
    return "cannot write";
  case 0x1003:
  case 0x1002:
    return "out of memory";
  default:
    return "internal error";
  }
}

/* A document information entry: ASCII as a plain string, anything else
 * as UTF-16 (libharu's UTF-8 encoder). */
/* libharu's UTF-8 encoder, for text strings that are not plain ASCII
 * (registered by pdf_render only then: setting it up costs more than
 * laying out a page). */
static HPDF_Encoder utf8_encoder(HPDF_Doc pdf) {
  return HPDF_GetEncoder(pdf, "UTF-8");
}

/* A text string for libharu, whose strings hold at most 65,535 bytes (as
 * UTF-16, 4 a character at most): s itself, or its first STRING_MAX
 * bytes (cut at a character) in buf, with *cut set. */
#define STRING_MAX 16000
static const char *fits(const char *s, char *buf, bool *cut) {
  size_t n = strlen(s);
  if (n <= STRING_MAX)
    return s;
  n = STRING_MAX;
  while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
    n--; /* not inside a character */
  memcpy(buf, s, n);
  buf[n] = 0;
  *cut = true;
  return buf;
}

static void set_info(HPDF_Doc pdf, HPDF_InfoType type, const char *value,
                     struct diag *d, struct loc at) {
  static const char *const what[] = {
      [HPDF_INFO_TITLE] = "title", [HPDF_INFO_AUTHOR] = "author",
      [HPDF_INFO_SUBJECT] = "subject", [HPDF_INFO_KEYWORDS] = "keywords"};
  char buf[STRING_MAX + 1];
  bool cut = false;
  value = fits(value, buf, &cut);
  if (cut)
    diag_warn(d, at,
              "the document's %s is too long for the PDF's information: "
              "it holds the first %d bytes",
              type < sizeof what / sizeof what[0] && what[type] ? what[type]
                                                                 : "entry",
              STRING_MAX);
  if (plain_ascii(value)) {
    HPDF_SetInfoAttr(pdf, type, value); /* no encoder: a plain string */
  } else {
    pdf->cur_encoder = utf8_encoder(pdf);
    HPDF_SetInfoAttr(pdf, type, value);
    pdf->cur_encoder = NULL;
  }
}

static void set_date(HPDF_Doc pdf, time_t t) {
  struct tm tm;
  gmtime_r(&t, &tm);
  HPDF_Date d;
  memset(&d, 0, sizeof d);
  d.year = tm.tm_year + 1900;
  d.month = tm.tm_mon + 1;
  d.day = tm.tm_mday;
  d.hour = tm.tm_hour;
  d.minutes = tm.tm_min;
  d.seconds = tm.tm_sec;
  d.ind = 'Z';
  HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, d);
  HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, d);
}

/* The document ID: a digest of what the document shows (each page's
 * content stream, its links' targets, the title and author), so that the
 * same pages make the same file however their source was spelled
 * (`cvpdf upgrade`'s promise), and other pages another ID. */
static void id_update(HPDF_MD5_CTX *md5, const void *data, size_t len) {
  HPDF_MD5Update(md5, data, (HPDF_UINT32)len);
  HPDF_MD5Update(md5, (const HPDF_BYTE *)"", 1); /* (a separator) */
}

static void add_id(HPDF_Doc pdf, HPDF_MD5_CTX *md5) {
  HPDF_BYTE digest[16];
  HPDF_MD5Final(digest, md5);
  HPDF_Array id = HPDF_Array_New(pdf->mmgr);
  if (!id)
    return;
  HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, digest, 16));
  HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, digest, 16));
  HPDF_Dict_Add(pdf->trailer, "ID", id);
}


/* XML text: &, <, > and quotes escaped. */
static void xml_text(struct buf *b, const char *s) {
  for (; *s; s++) {
    switch (*s) {
    case '&': puts_(b, "&amp;"); break;
    case '<': puts_(b, "&lt;"); break;
    case '>': puts_(b, "&gt;"); break;
    case '"': puts_(b, "&quot;"); break;
    default:
      if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n')
        put(b, s, 1);
    }
  }
}

/* The XMP metadata PDF/UA asks for (dc:title, dc:creator, the PDF/UA
 * identification) and, for PDF/A, the same as the document information
 * says (creator tool, dates) with the PDF/A identification; uncompressed
 * as PDF/A wants it. */
static HPDF_Dict xmp(HPDF_Doc pdf, const struct pdf_meta *meta) {
  struct buf b = {0};
  puts_(&b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
            "<rdf:Description rdf:about=\"\"\n"
            " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
            " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
            " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
            " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
            " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
            "<dc:format>application/pdf</dc:format>\n"
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
  xml_text(&b, meta->title && *meta->title ? meta->title : "CV");
  puts_(&b, "</rdf:li></rdf:Alt></dc:title>\n");
  if (meta->author && *meta->author) {
    puts_(&b, "<dc:creator><rdf:Seq><rdf:li>");
    xml_text(&b, meta->author);
    puts_(&b, "</rdf:li></rdf:Seq></dc:creator>\n");
  }
  if (meta->subject && *meta->subject) {
    puts_(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
    xml_text(&b, meta->subject);
    puts_(&b, "</rdf:li></rdf:Alt></dc:description>\n");
  }
  if (meta->keywords && *meta->keywords) {
    puts_(&b, "<pdf:Keywords>");
    xml_text(&b, meta->keywords);
    puts_(&b, "</pdf:Keywords>\n");
  }
  if (meta->date != (time_t)-1) { /* as the information's dates */
    struct tm tm;
    char when[64];
    gmtime_r(&meta->date, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    puts_(&b, "<xmp:CreateDate>");
    puts_(&b, when);
    puts_(&b, "</xmp:CreateDate>\n<xmp:ModifyDate>");
    puts_(&b, when);
    puts_(&b, "</xmp:ModifyDate>\n");
  }
  if (meta->pdfa) {
    char id[96];
    snprintf(id, sizeof id, "<pdfaid:part>%d</pdfaid:part>\n"
             "<pdfaid:conformance>%c</pdfaid:conformance>\n",
             meta->pdfa, meta->pdfa_level ? meta->pdfa_level : 'B');
    puts_(&b, id);
  }
  puts_(&b, "<xmp:CreatorTool>cvpdf " CVPDF_VERSION "</xmp:CreatorTool>\n"
            "<pdf:Producer>cvpdf " CVPDF_VERSION " (libharu)</pdf:Producer>\n"
            "<pdfuaid:part>1</pdfuaid:part>\n"
            "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
            "<?xpacket end=\"w\"?>");
  HPDF_Dict st = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
  if (st) {
    st->filter = HPDF_STREAM_FILTER_NONE;
    HPDF_Dict_AddName(st, "Type", "Metadata");
    HPDF_Dict_AddName(st, "Subtype", "XML");
    HPDF_Stream_Write(st->stream, (const HPDF_BYTE *)b.v, (HPDF_UINT)b.n);
  }
  free(b.v);
  return st;
}

/* PDF/A's output intent: the colours are sRGB (the profile from Debian's
 * icc-profiles-free, or ghostscript's). False if no profile is installed. */
static bool output_intent(HPDF_Doc pdf, struct writer *w) {
  static const char *const paths[] = {
      "/usr/share/color/icc/sRGB.icc",
      "/usr/share/color/icc/ghostscript/srgb.icc"};
  for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
    FILE *f = fopen(paths[i], "rb");
    if (!f)
      continue;
    unsigned char *data = xmalloc(1 << 20);
    size_t n = fread(data, 1, 1 << 20, f);
    fclose(f);
    if (n < 128 || n == 1 << 20 || memcmp(data + 36, "acsp", 4) != 0) {
      free(data); /* not an ICC profile (its signature at byte 36) */
      continue;
    }
    HPDF_Dict icc = add_stream(pdf, w, 9, data, n);
    free(data);
    HPDF_Dict_AddNumber(icc, "N", 3);
    HPDF_Dict oi = HPDF_Dict_New(pdf->mmgr);
    HPDF_Dict_AddName(oi, "Type", "OutputIntent");
    HPDF_Dict_AddName(oi, "S", "GTS_PDFA1");
    HPDF_Dict_Add(oi, "OutputConditionIdentifier",
                  HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", NULL));
    HPDF_Dict_Add(oi, "DestOutputProfile", icc);
    HPDF_Array arr = HPDF_Array_New(pdf->mmgr);
    HPDF_Array_Add(arr, oi);
    HPDF_Dict_Add(pdf->catalog, "OutputIntents", arr);
    return true;
  }
  return false;
}

/* The catalog says the file is tagged, in which language, with its title
 * shown, and where its structure tree is (filled in by tree_objects). */
static void finish_tags(HPDF_Doc pdf, struct tagging *t, const char *lang,
                        const struct pdf_meta *meta) {
  HPDF_Dict cat = pdf->catalog;
  HPDF_Dict_Add(cat, "StructTreeRoot", t->root);
  HPDF_Dict mark = HPDF_Dict_New(pdf->mmgr);
  HPDF_Dict_Add(mark, "Marked", HPDF_Boolean_New(pdf->mmgr, HPDF_TRUE));
  HPDF_Dict_Add(cat, "MarkInfo", mark);
  HPDF_Dict_Add(cat, "Lang",
                HPDF_String_New(pdf->mmgr, lang ? lang : "en", NULL));
  HPDF_Dict vp = HPDF_Dict_New(pdf->mmgr);
  HPDF_Dict_Add(vp, "DisplayDocTitle", HPDF_Boolean_New(pdf->mmgr, HPDF_TRUE));
  HPDF_Dict_Add(cat, "ViewerPreferences", vp);
  HPDF_Dict md = xmp(pdf, meta);
  if (md)
    HPDF_Dict_Add(cat, "Metadata", md);
}

/* Link annotations are written here as text, like the structure tree:
 * through libharu each cost as much as a line of text to set (a CV with
 * a hundred citations spent a sixth of its run on them). They are
 * numbered after libharu's last object, and objstm.c adds each page's
 * /Annots to its dictionary. */
struct annot {
  int page;
  double rect[4];  /* x0 y0 x1 y1, in quarter points */
  const char *uri; /* to this address, or NULL: to a place */
  int action;      /* uri: its action object (a long address broken over
                      lines shares one), or -1: inline */
  int dest_page;   /* a place: its page and the top of its view */
  double dest_top;
  int key;         /* its /StructParent, or -1 (untagged) */
  char contents[48]; /* a place's description (a URI's is the URI) */
};

struct annots {
  struct annot *v;
  int n, cap;
  const char **actions; /* the addresses of the shared actions */
  int nactions;
};

static struct annot *annot_add(struct annots *a) {
  if (a->n == a->cap) {
    a->cap = a->cap ? 2 * a->cap : 16;
    a->v = xrealloc(a->v, sizeof *a->v * (size_t)a->cap);
  }
  struct annot *x = &a->v[a->n++];
  memset(x, 0, sizeof *x);
  x->action = -1;
  x->key = -1;
  return x;
}

/* Annotation `idx` of `page` in element `elem`'s Link (an OBJR among its
 * kids, in a tagged file): its /StructParent key, or -1. */
static int tag_link(struct tagging *tag, int elem, int page, int idx) {
  if (!tag || elem <= 0)
    return -1;
  struct sout *le = use_elem(tag, elem);
  if (le->page < 0)
    le->page = page;
  add_kid(le, (struct skid){KID_OBJR, 0, page, (unsigned)idx});
  int key = tag->npages + tag->annots.n;
  ilist_add(&tag->annots, elem);
  return key;
}

/* A PDF string of bytes (an address): a literal, its delimiters and any
 * byte outside printable ASCII escaped. */
static void byte_string(struct buf *b, const char *s) {
  put(b, "(", 1);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '(' || *p == ')' || *p == '\\') {
      put(b, "\\", 1);
      put(b, (const char *)p, 1);
    } else if (*p < 0x20 || *p > 0x7E) {
      char o[8];
      snprintf(o, sizeof o, "\\%03o", *p);
      puts_(b, o);
    } else {
      put(b, (const char *)p, 1);
    }
  }
  put(b, ")", 1);
}

/* A link's address as a URI action holds it: in 7-bit ASCII (PDF 32000-1
 * 12.6.4.7), each byte of a character beyond ASCII as %XX, as a browser
 * sends it (an address such as https://例え.jp/パス was written in raw
 * UTF-8, which a reader takes for PDFDocEncoding). */
static void uri_string(struct buf *b, const char *s) {
  size_t n = strlen(s), k = 0;
  char *e = xmalloc(3 * n + 1);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if (*p >= 0x80)
      k += (size_t)snprintf(e + k, 4, "%%%02X", *p);
    else
      e[k++] = (char)*p;
  e[k] = 0;
  byte_string(b, e);
  free(e);
}

/* The annotations and their shared actions as objects numbered from
 * `base` on, and each page's /Annots (an extension of its dictionary):
 * texts added to *b, places in o[] (room for annotations + actions +
 * pages). Returns how many. */
static size_t annot_objects(const struct annots *an, size_t base,
                            const unsigned *page_num, int npages, int pdfa,
                            struct buf *b, struct objstm_obj *o) {
  size_t n = 0;
  for (int i = 0; i < an->n; i++) {
    const struct annot *x = &an->v[i];
    o[n] = (struct objstm_obj){base + (size_t)i, b->n, 0, false};
    puts_(b, "<</Subtype /Link /Rect [");
    for (int k = 0; k < 4; k++) {
      put(b, " ", 1);
      num(b, x->rect[k]);
    }
    puts_(b, " ] /Border [0 0 0]");
    if (x->uri && x->action >= 0) {
      puts_(b, " /A ");
      ref(b, base + (size_t)an->n + (size_t)x->action);
    } else if (x->uri) {
      puts_(b, " /A <</S /URI /URI ");
      uri_string(b, x->uri);
      puts_(b, ">>");
    } else {
      puts_(b, " /Dest [");
      ref(b, page_num[x->dest_page]);
      puts_(b, " /FitH ");
      num(b, x->dest_top);
      puts_(b, "]");
    }
    if (x->key >= 0) { /* tagged: its place in the tree, described */
      puts_(b, " /StructParent ");
      num(b, x->key);
      puts_(b, " /Contents ");
      if (x->uri) /* a text string: the address as written */
        text_string(b, x->uri, strlen(x->uri));
      else
        text_string(b, x->contents, strlen(x->contents));
    }
    if (pdfa) /* PDF/A: annotations are printed (/F 4) */
      puts_(b, " /F 4");
    puts_(b, ">>");
    o[n].len = b->n - o[n].off;
    n++;
  }
  for (int i = 0; i < an->nactions; i++) {
    o[n] = (struct objstm_obj){base + (size_t)an->n + (size_t)i, b->n, 0,
                               false};
    puts_(b, "<</S /URI /URI ");
    uri_string(b, an->actions[i]);
    puts_(b, ">>");
    o[n].len = b->n - o[n].off;
    n++;
  }
  /* each page's, in the order they were made (a citation's after the
   * page's addresses: it is made once every page exists) */
  int *start = xcalloc((size_t)npages + 2, sizeof *start);
  int *order = xmalloc(sizeof *order * (size_t)(an->n + 1));
  for (int i = 0; i < an->n; i++)
    start[an->v[i].page + 1]++;
  for (int p = 0; p < npages; p++)
    start[p + 1] += start[p];
  for (int i = 0; i < an->n; i++)
    order[start[an->v[i].page]++] = i;
  for (int p = 0, i = 0; p < npages; p++) {
    if (i >= an->n || an->v[order[i]].page != p)
      continue;
    o[n] = (struct objstm_obj){page_num[p], b->n, 0, true};
    puts_(b, "/Annots [");
    for (; i < an->n && an->v[order[i]].page == p; i++) {
      put(b, " ", 1);
      ref(b, base + (size_t)order[i]);
    }
    puts_(b, " ]");
    o[n].len = b->n - o[n].off;
    n++;
  }
  free(start);
  free(order);
  return n;
}

/* A link to a place in the document ("#name": a citation), made once
 * every page exists: on page `page`, over r. */
struct inner_link {
  int page, tag;
  double r[4];
  const char *name; /* without its '#' */
};

unsigned char *pdf_render(struct ctx *c, const struct pages *pages,
                          const struct pdf_meta *meta, size_t *out_len) {
  struct herr err = {0, 0};
  struct tagging tg, *tag = NULL;
  memset(&tg, 0, sizeof tg);
  struct inner_link *inner = NULL; /* links to places in the document */
  int ninner = 0, capinner = 0;
  HPDF_Page *hpages = NULL; /* the pages, by index */
  struct annots an = {0};   /* the link annotations */
  HPDF_Doc pdf = HPDF_New(on_error, &err);
  if (!pdf) {
    diag_error(c->diag, (struct loc){meta->file, 0, 0}, "cannot start the PDF writer");
    return NULL;
  }
  unsigned char *result = NULL;
  int nfonts = c->fonts->n;
  struct pfont *pf = xcalloc((size_t)nfonts + 1, sizeof *pf);
  struct buf content = {0};
  struct draw *ops = NULL; /* the page being written's operations */
  int opscap = 0;
  HPDF_SetCompressionMode(pdf, HPDF_COMP_IMAGE); /* the rest: add_stream */
  struct writer w;
  memset(&w, 0, sizeof w);
  w.z = (struct libdeflate_compressor **)c->deflaters;
  pdf->pdf_version = HPDF_VER_15; /* ActualText */
  HPDF_MD5_CTX idmd5;
  HPDF_MD5Init(&idmd5);
  static const char salt[] = "cvpdf " CVPDF_VERSION;
  id_update(&idmd5, salt, sizeof salt - 1);
  for (int k = 0; k < 2; k++) {
    const char *t = k ? meta->author : meta->title;
    id_update(&idmd5, t ? t : "", t ? strlen(t) : 0);
  }

  /* 1. which characters of which font are drawn; 2. embed a subset of
   * each, in the order the document first uses them: font ids are the
   * process's (a batch opens fonts as its documents need them), and a
   * document's bytes must not depend on what was rendered before it */
  int *order = xcalloc((size_t)nfonts + 1, sizeof *order), nused = 0;
  bool *used = xcalloc((size_t)nfonts + 1, sizeof *used);
  for (int p = 0; p < pages->n; p++)
    for (int k = 0; k < pages->v[p].nboxes; k++)
    for (int i = 0; i < pages->v[p].boxes[k].box->nops; i++) {
      const struct draw *op = &pages->v[p].boxes[k].box->ops[i];
      if (op->kind != DRAW_TEXT)
        continue;
      if (!used[op->font]) {
        used[op->font] = true;
        order[nused++] = op->font;
      }
      if (op->space)
        mark(&pf[op->font], ' ');
      if (op->gl) {
        int *start = xmalloc(sizeof *start * (size_t)(op->gl->n + 1));
        int *lens = xmalloc(sizeof *lens * (size_t)(op->gl->n + 1));
        glyph_texts(op, start, lens, meta->pdfa_level != 'B' && meta->pdfa);
        for (int g = 0; g < op->gl->n; g++) {
          const char *t = op->s + start[g];
          int tl = lens[g];
          if (op->gl->rtl && tl > 0 && utf8_length(t, (size_t)tl) > 1) {
            /* a ligature of right-to-left letters (lam-alef): poppler
             * puts a line of such text in reading order by reversing its
             * characters, those of one glyph too, so they are written
             * here in visual order, to come out in logical order */
            char *r = arena_alloc(&c->lay, (size_t)tl);
            const char *q = t, *e = t + tl;
            int end = tl;
            while (q < e) {
              const char *c0 = q;
              utf8_next(&q);
              memcpy(r + end - (q - c0), c0, (size_t)(q - c0));
              end -= (int)(q - c0);
            }
            t = r;
          }
          mark_glyph(&pf[op->font], op->gl->gid[g], t, tl);
        }
        free(start);
        free(lens);
        continue;
      }
      const char *s = op->s, *e = op->s + op->len;
      while (s < e)
        mark(&pf[op->font], utf8_next(&s));
    }
  int nres = 0;
  for (int u = 0; u < nused; u++) {
    int f = order[u];
    unique_glyphs(&pf[f]);
    if (!pf[f].ncps && !pf[f].nsg)
      continue;
    pf[f].cps = xmalloc(sizeof(uint32_t) * (size_t)(pf[f].ncps + 1));
    pf[f].gids = xcalloc((size_t)pf[f].ncps + 1, sizeof(uint16_t));
    int n = 0;
    for (uint32_t byte = 0; pf[f].bits && byte < 8192; byte++)
      if (pf[f].bits[byte]) /* most are empty */
        for (uint32_t cp = byte * 8; cp < byte * 8 + 8; cp++)
          if (pf[f].bits[byte] & (1u << (cp & 7)))
            pf[f].cps[n++] = cp;
    snprintf(pf[f].res, sizeof pf[f].res, "F%d", ++nres);
    pf[f].type0 = embed(c, pdf, &w, f, &pf[f]);
    if (!pf[f].type0 || err.code) {
      diag_error(c->diag, (struct loc){font_info(c->fonts, f)->path, 0, 0},
                 "cannot embed this font (its TrueType tables cannot be "
                 "subset, or libharu error 0x%04X)",
                 (unsigned)err.code);
      goto done;
    }
  }

  /* text strings beyond ASCII need libharu's UTF-8 encoder */
  bool utf = (meta->title && !plain_ascii(meta->title)) ||
             (meta->author && !plain_ascii(meta->author)) ||
             (meta->subject && !plain_ascii(meta->subject)) ||
             (meta->keywords && !plain_ascii(meta->keywords));
  for (int p = 0; p < pages->n && !utf; p++)
    for (int i = 0; i < pages->v[p].nmarks; i++)
      utf |= !plain_ascii(pages->v[p].marks[i].title);
  if (utf)
    HPDF_UseUTFEncodings(pdf);

  /* the structure tree's frame (tagged PDF): filled as pages are written */
  if (pages->tree && pages->tree->n > 1) {
    tag = &tg;
    tg.tree = pages->tree;
    tg.e = xcalloc((size_t)pages->tree->n, sizeof *tg.e);
    tg.root = new_dict(pdf, true);
    tg.page_num = xcalloc((size_t)pages->n + 1, sizeof *tg.page_num);
    tg.mcids = xcalloc((size_t)pages->n + 1, sizeof *tg.mcids);
    tg.npages = pages->n;
    tg.lang = c->lang;
  }

  /* 3. pages */
  bool outlines = false;
  const char *bad_link = NULL; /* the link last refused */
  hpages = xcalloc((size_t)pages->n + 1, sizeof *hpages);
  HPDF_Encoder utf8 = NULL; /* for bookmarks that are not plain ASCII */
  for (int p = 0; p < pages->n && !err.code; p++) {
    const struct page *pg = &pages->v[p];
    HPDF_Page page = HPDF_AddPage(pdf);
    if (!page) {
      if (!err.code)
        err.code = HPDF_INVALID_PAGE;
      break;
    }
    hpages[p] = page;
    HPDF_Page_SetWidth(page, (HPDF_REAL)pg->w);
    HPDF_Page_SetHeight(page, (HPDF_REAL)pg->h);
    double H = pg->h;
    int nops = page_ops(pg, &ops, &opscap);
    /* the fonts this page uses, in its resources */
    HPDF_Dict res = HPDF_Dict_GetItem(page, "Resources", HPDF_OCLASS_DICT);
    HPDF_Dict fonts = HPDF_Dict_New(pdf->mmgr);
    HPDF_Dict_Add(res, "Font", fonts);
    bool *on_page = xcalloc((size_t)nfonts + 1, sizeof(bool));
    for (int i = 0; i < nops; i++)
      if (ops[i].kind == DRAW_TEXT && !on_page[ops[i].font]) {
        on_page[ops[i].font] = true;
        HPDF_Dict_Add(fonts, pf[ops[i].font].res,
                      pf[ops[i].font].type0);
      }
    free(on_page);
    content.n = 0;
    if (tag) { /* this page's MCIDs, as the ParentTree's entry p */
      tag->page = p;
      tag->page_num[p] = obj_num(page);
      HPDF_Dict_AddNumber(page, "StructParents", p);
      HPDF_Dict_AddName(page, "Tabs", "S"); /* tab order: the structure's */
    }
    page_content(&content, pg, ops, nops, pf, c->fonts, pdf, tag);
    /* images (photos), over the text: libharu holds them as XObjects */
    for (int i = 0; i < nops && !err.code; i++) {
      const struct draw *op = &ops[i];
      if (op->kind != DRAW_IMAGE)
        continue;
      /* image.c decides the form: the JPEG file as it is, a JPEG it made
       * (shrunk, or re-encoded where viewers would misread the file), or
       * pixels; what it decoded has been checked whole (doc.c) */
      struct image_embed e;
      const char *bad = image_embed(op->s, op->w, op->h, &e);
      HPDF_Image im = NULL;
      if (!bad && e.form == IMAGE_JPEG_FILE)
        im = HPDF_LoadJpegImageFromFile(pdf, op->s);
      else if (!bad && e.form == IMAGE_JPEG_DATA)
        im = HPDF_LoadJpegImageFromMem(pdf, e.data, (HPDF_UINT)e.size);
      else if (!bad)
        im = HPDF_LoadRawImageFromMem(pdf, e.data, (HPDF_UINT)e.w,
                                      (HPDF_UINT)e.h,
                                      e.comps == 1 ? HPDF_CS_DEVICE_GRAY
                                                   : HPDF_CS_DEVICE_RGB,
                                      8);
      image_embed_free(&e);
      if (bad || !im || err.code) {
        if (bad)
          diag_error(c->diag, (struct loc){op->s, 0, 0}, "photo: %s", bad);
        else
          diag_error(c->diag, (struct loc){op->s, 0, 0},
                     "cannot embed this %s image (libharu error 0x%04X); "
                     "save it again as an ordinary %s",
                     op->len ? "PNG" : "JPEG", (unsigned)err.code,
                     op->len ? "8-bit PNG" : "baseline JPEG");
        goto done;
      }
      const char *xname = HPDF_Page_GetXObjectName(page, im);
      if (!xname || err.code) {
        err.code = err.code ? err.code : HPDF_INVALID_OBJECT;
        break;
      }
      /* the image's unit square onto the box, turned upright (EXIF) */
      double m[6];
      image_matrix(e.orientation, op->x, H - op->y - op->h, op->w, op->h, m);
      if (tag)
        begin_marked(&content, tag, op->tag, NULL);
      puts_(&content, "q");
      for (int k = 0; k < 6; k++) {
        put(&content, " ", 1);
        num(&content, m[k]);
      }
      puts_(&content, " cm /");
      puts_(&content, xname);
      puts_(&content, " Do Q\n");
      if (tag)
        puts_(&content, "EMC\n");
    }
    /* the page's content, compressed here (see add_stream) */
    {
      HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
      id_update(&idmd5, content.v, content.n);
      deflated(w.z, 6, content.v, content.n, &w.packed);
      attr->contents->filter = HPDF_STREAM_FILTER_NONE;
      attr->contents->write_fn = say_flate;
      HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)w.packed.v,
                        (HPDF_UINT)w.packed.n);
    }
    /* links */
    for (int i = 0; i < nops; i++) {
      const struct draw *op = &ops[i];
      if (op->kind != DRAW_LINK)
        continue;
      /* links are clipped to the page */
      double x0 = fmax(op->x, 0), x1 = fmin(op->x + op->w, pg->w);
      double y0 = fmax(H - op->y - op->h, 0), y1 = fmin(H - op->y, H);
      if (!(x1 > x0 && y1 > y0))
        continue;
      /* to a quarter point: finer is only longer numbers */
      double r[4] = {round(x0 * 4) / 4, round(y0 * 4) / 4, round(x1 * 4) / 4,
                     round(y1 * 4) / 4};
      id_update(&idmd5, op->s, strlen(op->s));
      id_update(&idmd5, r, sizeof r);
      if (op->s[0] == '#') { /* to a place in the document: later */
        if (ninner == capinner) {
          capinner = capinner ? 2 * capinner : 16;
          inner = xrealloc(inner, sizeof *inner * (size_t)capinner);
        }
        inner[ninner++] = (struct inner_link){p, op->tag, {r[0], r[1], r[2],
                                              r[3]}, op->s + 1};
        continue;
      }
      if (strlen(op->s) > 32767) {
        /* a string's limit in PDF (ISO 32000-1 C.2; PDF/A's too): said
         * once a link (a link broken over lines has an area on each) */
        if (!bad_link || strcmp(bad_link, op->s) != 0)
          diag_warn(c->diag, (struct loc){meta->file, 0, 0},
                    "a link to '%.60s...' could not be written: a PDF "
                    "string holds at most 32,767 bytes; the text stays",
                    op->s);
        bad_link = op->s;
        continue;
      }
      struct annot *x = annot_add(&an);
      x->page = p;
      memcpy(x->rect, r, sizeof r);
      x->uri = op->s;
      if (strlen(op->s) > 512) {
        /* a long address broken over many lines: its areas share one
         * action (an object of its own) rather than each repeat it */
        if (!an.nactions || strcmp(an.actions[an.nactions - 1], op->s)) {
          an.actions = xrealloc(an.actions, sizeof *an.actions *
                                                (size_t)(an.nactions + 1));
          an.actions[an.nactions++] = op->s;
        }
        x->action = an.nactions - 1;
      }
      x->key = tag_link(tag, op->tag, p, an.n - 1);
    }
    /* bookmarks */
    for (int i = 0; i < pg->nmarks; i++) {
      if (!outlines)
        HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
      outlines = true;
      char tbuf[STRING_MAX + 1];
      bool cut = false;
      const char *t = fits(pg->marks[i].title, tbuf, &cut);
      if (!plain_ascii(t) && !utf8)
        utf8 = utf8_encoder(pdf);
      HPDF_Outline o = HPDF_CreateOutline(pdf, NULL, t,
                                          plain_ascii(t) ? NULL : utf8);
      if (!o)
        continue;
      /* the destination inline: libharu's own would be an object of its
       * own; an outline item's /Type is not a PDF key (only the root's) */
      HPDF_Array dst = HPDF_Array_New(pdf->mmgr);
      HPDF_Array_Add(dst, page);
      HPDF_Array_AddName(dst, "FitH");
      HPDF_Array_AddReal(dst,
                         (HPDF_REAL)(round((H - pg->marks[i].y + 4) * 4) / 4));
      HPDF_Dict_Add(o, "Dest", dst);
      HPDF_Dict_RemoveElement(o, "Type");
    }
    /* /ProcSet is obsolete since PDF 1.4; readers ignore it */
    HPDF_Dict_RemoveElement(res, "ProcSet");
  }
  /* links to places in the document: each to its destination (the top of
   * the line it names, the page's width in view) */
  struct place {
    const char *name;
    int page;
    double top;
  } *places = NULL;
  int nplaces = 0;
  for (int q = 0; q < pages->n && ninner; q++) {
    int n = page_ops(&pages->v[q], &ops, &opscap);
    for (int i = 0; i < n; i++)
      if (ops[i].kind == DRAW_DEST) {
        places = xrealloc(places, sizeof *places * (size_t)(nplaces + 1));
        places[nplaces++] = (struct place){
            ops[i].s, q, round(fmax(pages->v[q].h - ops[i].y, 0) * 4) / 4};
      }
  }
  for (int k = 0; k < ninner; k++) {
    const struct place *to = NULL;
    for (int i = 0; i < nplaces && !to; i++)
      if (!strcmp(places[i].name, inner[k].name))
        to = &places[i];
    if (!to) { /* (realize makes a place for every citation) */
      diag_warn(c->diag, (struct loc){meta->file, 0, 0},
                "a link to '#%s' leads to no place in the CV; the text stays",
                inner[k].name);
      continue;
    }
    struct annot *x = annot_add(&an);
    x->page = inner[k].page;
    memcpy(x->rect, inner[k].r, sizeof x->rect);
    x->dest_page = to->page;
    x->dest_top = to->top;
    const char *nm = inner[k].name;
    x->key = tag_link(tag, inner[k].tag, inner[k].page, an.n - 1);
    if (x->key >= 0) /* tagged: described */
      snprintf(x->contents, sizeof x->contents, "Go to %s %.24s",
               !strncmp(nm, "ref-", 4) ? "reference" : "place",
               !strncmp(nm, "ref-", 4) ? nm + 4 : nm);
  }
  free(places);
  if (err.code) {
    diag_error(c->diag, (struct loc){meta->file, 0, 0}, "the PDF writer failed: %s (libharu "
                                         "error 0x%04X, detail %u)",
               describe(err.code), (unsigned)err.code, (unsigned)err.detail);
    goto done;
  }

  if (tag && !err.code)
    finish_tags(pdf, tag, c->lang, meta);
  if (meta->pdfa && !err.code && !output_intent(pdf, &w)) {
    diag_error(c->diag, (struct loc){meta->file, 0, 0},
               "PDF/A needs an sRGB colour profile for its output intent, "
               "and none is installed: install Debian's icc-profiles-free");
    goto done;
  }

  /* pages of one size (a CV's are) inherit it from the page tree rather
   * than each saying it */
  bool one_size = pages->n > 1;
  for (int p = 1; p < pages->n; p++)
    one_size &= pages->v[p].w == pages->v[0].w && pages->v[p].h == pages->v[0].h;
  if (one_size && !err.code) {
    HPDF_Array box = HPDF_Array_New(pdf->mmgr);
    HPDF_Array_AddNumber(box, 0);
    HPDF_Array_AddNumber(box, 0);
    HPDF_Array_AddReal(box, (HPDF_REAL)pages->v[0].w);
    HPDF_Array_AddReal(box, (HPDF_REAL)pages->v[0].h);
    HPDF_Dict_Add(pdf->root_pages, "MediaBox", box);
    for (int p = 0; p < pages->n; p++)
      HPDF_Dict_RemoveElement(HPDF_GetPageByIndex(pdf, (HPDF_UINT)p),
                              "MediaBox");
  }

  /* 4. metadata, and out */
  if (meta->title)
    set_info(pdf, HPDF_INFO_TITLE, meta->title, c->diag,
             (struct loc){meta->file, 0, 0});
  if (meta->author)
    set_info(pdf, HPDF_INFO_AUTHOR, meta->author, c->diag,
             (struct loc){meta->file, 0, 0});
  if (meta->subject)
    set_info(pdf, HPDF_INFO_SUBJECT, meta->subject, c->diag,
             (struct loc){meta->file, 0, 0});
  if (meta->keywords)
    set_info(pdf, HPDF_INFO_KEYWORDS, meta->keywords, c->diag,
             (struct loc){meta->file, 0, 0});
  set_info(pdf, HPDF_INFO_CREATOR, "cvpdf " CVPDF_VERSION, c->diag,
           (struct loc){0});
  set_info(pdf, HPDF_INFO_PRODUCER, "cvpdf " CVPDF_VERSION " (libharu)",
           c->diag, (struct loc){0});
  if (meta->date != (time_t)-1)
    set_date(pdf, meta->date);
  add_id(pdf, &idmd5);
  if (HPDF_SaveToStream(pdf) != HPDF_OK || err.code) {
    diag_error(c->diag, (struct loc){meta->file, 0, 0}, "the PDF writer failed: %s (libharu "
                                         "error 0x%04X)",
               describe(err.code), (unsigned)err.code);
    goto done;
  }
  HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
  result = xmalloc(size ? size : 1);
  /* the file is in libharu's memory stream, a list of equal chunks: copied
   * out with memcpy (HPDF_ReadFromStream copies byte by byte, a tenth of
   * the PDF stage's instructions) */
  HPDF_MemStreamAttr ms = (HPDF_MemStreamAttr)pdf->stream->attr;
  HPDF_UINT32 total = 0;
  for (HPDF_UINT i = 0; ms && i < ms->buf->count && total < size; i++) {
    HPDF_UINT32 n = size - total < ms->buf_siz ? size - total : ms->buf_siz;
    memcpy(result + total, HPDF_List_ItemAt(ms->buf, i), n);
    total += n;
  }
  if (total != size) {
    free(result);
    result = NULL;
    diag_error(c->diag, (struct loc){meta->file, 0, 0}, "the PDF writer lost data");
    goto done;
  }
  *out_len = size;
  { /* libharu's small dictionaries, the annotations and the structure
       tree into an object stream: deflated at level 1, which costs a
       fifth of level 6's instructions for 2 % more bytes (seed) */
    if (!w.z[1])
      w.z[1] = xcheck(libdeflate_alloc_compressor(1));
    struct buf text = {0};
    size_t room = (size_t)an.n + (size_t)an.nactions + (size_t)pages->n +
                  (tag ? (size_t)tg.tree->n + 2 : 0);
    struct objstm_obj *objs = xmalloc(sizeof *objs * (room + 1));
    size_t next = pdf->xref->start_offset + pdf->xref->entries->count;
    unsigned *page_num = xmalloc(sizeof *page_num * ((size_t)pages->n + 1));
    for (int q = 0; q < pages->n; q++)
      page_num[q] = obj_num(hpages[q]);
    size_t nobjs = annot_objects(&an, next, page_num, pages->n, meta->pdfa,
                                 &text, objs);
    free(page_num);
    if (tag) {
      tg.annot_base = next;
      nobjs += tree_objects(&tg, next + (size_t)an.n + (size_t)an.nactions,
                            &text, objs + nobjs);
    }
    size_t packed_len;
    unsigned char *packed = objstm_pack(result, size, text.v, objs, nobjs,
                                        w.z[1], &packed_len);
    free(text.v);
    free(objs);
    free(result);
    result = packed;
    *out_len = packed_len;
    if (!packed)
      diag_error(c->diag, (struct loc){meta->file, 0, 0},
                 "the PDF writer failed: its file could not be repacked");
  }
done:
  free(inner);
  free(hpages);
  free(an.v);
  free(an.actions);
  if (tag) {
    for (int i = 0; i < tg.tree->n; i++)
      free(tg.e[i].k);
    for (int p = 0; p < pages->n; p++)
      free(tg.mcids[p].v);
    free(tg.e);
    free(tg.page_num);
    free(tg.mcids);
    free(tg.root_k.v);
    free(tg.annots.v);
  }
  free(order);
  free(used);
  free(ops);
  for (int f = 0; f < nfonts; f++) {
    free(pf[f].bits);
    free(pf[f].cps);
    free(pf[f].gids);
    free(pf[f].sg);
  }
  free(pf);
  free(content.v);
  free(w.packed.v);
  HPDF_Free(pdf);
  return result;
}

void pdf_free(struct ctx *c) {
  for (int k = 0; k < 13; k++)
    if (c->deflaters[k]) {
      libdeflate_free_compressor(c->deflaters[k]);
      c->deflaters[k] = NULL;
    }
}
