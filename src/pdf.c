/* pdf.c: the libharu backend (see pdf.h). Owns the HPDF_Doc for the
 * duration of one render.
 *
 * Debian's libharu 2.3.0 needs three repairs, all confined here:
 *  - it embeds the whole font (large files) and loses parts of composite
 *    glyphs: we load a HarfBuzz subset of just the characters drawn and
 *    mark every glyph of it used;
 *  - its ToUnicode map is an identity range poppler rejects: we rewrite the
 *    stream as a standard bfchar CMap of the characters drawn;
 *  - it writes no document ID: we add one derived from the input, so the
 *    same input gives the same bytes.
 * libharu reads fonts only from files; subsets go through an anonymous
 * in-memory file (memfd) or, failing that, a temporary file.
 */
#include "pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_pages.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

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

struct used {
  uint8_t *bits; /* 65536 bits: BMP code points drawn in this font */
  int count;
};

static void mark(struct used *u, uint32_t cp) {
  if (cp > 0xFFFF)
    return;
  if (!u->bits) {
    u->bits = calloc(8192, 1);
    if (!u->bits)
      abort();
  }
  if (!(u->bits[cp >> 3] & (1u << (cp & 7)))) {
    u->bits[cp >> 3] |= (uint8_t)(1u << (cp & 7));
    u->count++;
  }
}

static bool has(const struct used *u, uint32_t cp) {
  return u->bits && (u->bits[cp >> 3] & (1u << (cp & 7)));
}

/* Load font bytes into libharu through an anonymous file. */
static const char *load_font_bytes(HPDF_Doc pdf, const unsigned char *data,
                                   size_t len) {
  char path[64];
  int fd = memfd_create("cvpdf-font", MFD_CLOEXEC);
  char tmpl[4096];
  bool tmpfile_used = false;
  if (fd < 0) {
    const char *dir = getenv("TMPDIR");
    snprintf(tmpl, sizeof tmpl, "%s/cvpdf-font-XXXXXX",
             dir && *dir ? dir : "/tmp");
    fd = mkstemp(tmpl);
    if (fd < 0)
      return NULL;
    tmpfile_used = true;
  }
  size_t off = 0;
  while (off < len) {
    ssize_t w = write(fd, data + off, len - off);
    if (w <= 0) {
      if (w < 0 && errno == EINTR)
        continue;
      close(fd);
      if (tmpfile_used)
        unlink(tmpl);
      return NULL;
    }
    off += (size_t)w;
  }
  const char *name;
  if (tmpfile_used) {
    name = HPDF_LoadTTFontFromFile(pdf, tmpl, HPDF_TRUE);
    unlink(tmpl); /* libharu keeps its own handle open */
  } else {
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
  }
  close(fd);
  return name;
}

/* Replace libharu's identity ToUnicode with bfchar entries. */
static void write_tounicode(HPDF_Font font, const struct used *u) {
  HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
  HPDF_Dict cmap = attr->cmap_stream;
  if (!cmap)
    return;
  HPDF_MemStream_FreeData(cmap->stream);
  HPDF_Dict_RemoveElement(cmap, "Type");
  HPDF_Dict_RemoveElement(cmap, "CMapName");
  HPDF_Dict_RemoveElement(cmap, "CIDSystemInfo");
  HPDF_Dict_RemoveElement(cmap, "WMode");
  HPDF_Stream st = cmap->stream;
  HPDF_Stream_WriteStr(st, "/CIDInit /ProcSet findresource begin\n"
                           "12 dict begin\nbegincmap\n"
                           "/CIDSystemInfo << /Registry (Adobe) /Ordering "
                           "(UCS) /Supplement 0 >> def\n"
                           "/CMapName /Adobe-Identity-UCS def\n"
                           "/CMapType 2 def\n"
                           "1 begincodespacerange\n<0000> <FFFF>\n"
                           "endcodespacerange\n");
  /* at most 100 entries per block (PDF reference, 9.10.3) */
  uint32_t cps[100];
  int n = 0;
  char buf[64];
  for (uint32_t cp = 0; cp <= 0xFFFF; cp++) {
    if (has(u, cp))
      cps[n++] = cp;
    if (n == 100 || (cp == 0xFFFF && n)) {
      snprintf(buf, sizeof buf, "%d beginbfchar\n", n);
      HPDF_Stream_WriteStr(st, buf);
      for (int i = 0; i < n; i++) {
        snprintf(buf, sizeof buf, "<%04X> <%04X>\n", cps[i], cps[i]);
        HPDF_Stream_WriteStr(st, buf);
      }
      HPDF_Stream_WriteStr(st, "endbfchar\n");
      n = 0;
    }
  }
  HPDF_Stream_WriteStr(st, "endcmap\nCMapName currentdict /CMap "
                           "defineresource pop\nend\nend\n");
}

/* Every glyph of a pre-made subset is needed: this also keeps libharu
 * 2.3.0 from dropping the parts of composite glyphs. */
static void mark_all_glyphs(HPDF_Font font) {
  HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
  HPDF_TTFontDefAttr def = (HPDF_TTFontDefAttr)attr->fontdef->attr;
  if (def->glyph_tbl.flgs)
    memset(def->glyph_tbl.flgs, 1, def->num_glyphs);
}

/* Marked content whose extracted text is `actual` (PDF 1.5 ActualText,
 * honoured by poppler, mupdf and Acrobat; older readers ignore it). */
static void begin_actual(HPDF_Stream cs, const char *actual) {
  HPDF_Stream_WriteStr(cs, "/Span<</ActualText<FEFF");
  char hex[16];
  const char *p = actual;
  while (*p) {
    uint32_t cp = utf8_next(&p);
    if (cp > 0xFFFF) { /* UTF-16 surrogate pair */
      cp -= 0x10000;
      snprintf(hex, sizeof hex, "%04X%04X", 0xD800 + (cp >> 10),
               0xDC00 + (cp & 0x3FF));
    } else {
      snprintf(hex, sizeof hex, "%04X", cp);
    }
    HPDF_Stream_WriteStr(cs, hex);
  }
  HPDF_Stream_WriteStr(cs, ">>>BDC\n");
}

static const char *describe(HPDF_STATUS code) {
  switch (code) {
  case 0x1017:
    return "cannot open a file";
  case 0x1015:
  case 0x1016:
    return "cannot write";
  case 0x1060:
  case 0x105B:
  case 0x105C:
    return "the font is not a usable TrueType font";
  case 0x105D:
    return "the font's licence forbids embedding";
  case 0x1003:
  case 0x1002:
    return "out of memory";
  default:
    return "internal error";
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

static void add_id(HPDF_Doc pdf, const void *data, size_t len) {
  HPDF_MD5_CTX md5;
  HPDF_BYTE digest[16];
  HPDF_MD5Init(&md5);
  HPDF_MD5Update(&md5, (const HPDF_BYTE *)"cvpdf " CVPDF_VERSION, 10);
  HPDF_MD5Update(&md5, data, (HPDF_UINT32)len);
  HPDF_MD5Final(digest, &md5);
  HPDF_Array id = HPDF_Array_New(pdf->mmgr);
  if (!id)
    return;
  HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, digest, 16));
  HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, digest, 16));
  HPDF_Dict_Add(pdf->trailer, "ID", id);
}

unsigned char *pdf_render(struct ctx *c, const struct pages *pages,
                          const struct pdf_meta *meta, size_t *out_len) {
  struct herr err = {0, 0};
  HPDF_Doc pdf = HPDF_New(on_error, &err);
  if (!pdf) {
    diag_error(c->diag, (struct loc){0}, "cannot start the PDF writer");
    return NULL;
  }
  unsigned char *result = NULL;
  int nfonts = c->fonts->n;
  struct used *used = calloc((size_t)nfonts + 1, sizeof *used);
  HPDF_Font *hf = calloc((size_t)nfonts + 1, sizeof *hf);
  if (!used || !hf)
    abort();

  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCurrentEncoder(pdf, "UTF-8");

  /* 1. which characters of which font are drawn */
  for (int p = 0; p < pages->n; p++)
    for (int i = 0; i < pages->v[p].nops; i++) {
      const struct draw *op = &pages->v[p].ops[i];
      if (op->kind != DRAW_TEXT)
        continue;
      const char *s = op->s, *e = op->s + op->len;
      while (s < e)
        mark(&used[op->font], utf8_next(&s));
    }
  /* 2. embed a subset of each */
  for (int f = 0; f < nfonts; f++) {
    if (!used[f].count)
      continue;
    uint32_t *cps = malloc(sizeof(uint32_t) * (size_t)used[f].count);
    if (!cps)
      abort();
    int n = 0;
    for (uint32_t cp = 0; cp <= 0xFFFF; cp++)
      if (has(&used[f], cp))
        cps[n++] = cp;
    size_t sublen = 0;
    unsigned char *sub = font_subset(c->fonts, f, cps, n, &sublen);
    free(cps);
    const struct font_info *fi = font_info(c->fonts, f);
    if (!sub) {
      diag_error(c->diag, (struct loc){fi->path, 0, 0},
                 "cannot make a subset of this font for embedding");
      goto done;
    }
    const char *name = load_font_bytes(pdf, sub, sublen);
    free(sub);
    if (!name || err.code) {
      diag_error(c->diag, (struct loc){fi->path, 0, 0},
                 "the PDF writer cannot embed this font: %s (libharu error "
                 "0x%04X, detail %u)",
                 describe(err.code), (unsigned)err.code, (unsigned)err.detail);
      goto done;
    }
    hf[f] = HPDF_GetFont(pdf, name, "UTF-8");
    if (!hf[f] || err.code) {
      diag_error(c->diag, (struct loc){fi->path, 0, 0},
                 "the PDF writer cannot use this font (libharu error 0x%04X)",
                 (unsigned)err.code);
      goto done;
    }
  }

  /* 3. pages */
  bool outlines = false;
  HPDF_Encoder utf8 = HPDF_GetEncoder(pdf, "UTF-8");
  char *tbuf = NULL;
  size_t tcap = 0;
  for (int p = 0; p < pages->n && !err.code; p++) {
    const struct page *pg = &pages->v[p];
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_SetWidth(page, (HPDF_REAL)pg->w);
    HPDF_Page_SetHeight(page, (HPDF_REAL)pg->h);
    double H = pg->h;
    /* rules first, outside any text object */
    uint32_t fill = 0xFFFFFFFF;
    for (int i = 0; i < pg->nops; i++) {
      const struct draw *op = &pg->ops[i];
      if (op->kind != DRAW_RULE)
        continue;
      if (op->rgb != fill) {
        fill = op->rgb;
        HPDF_Page_SetRGBFill(page, ((fill >> 16) & 255) / 255.0f,
                             ((fill >> 8) & 255) / 255.0f, (fill & 255) / 255.0f);
      }
      HPDF_Page_Rectangle(page, (HPDF_REAL)op->x, (HPDF_REAL)(H - op->y - op->h),
                          (HPDF_REAL)op->w, (HPDF_REAL)op->h);
      HPDF_Page_Fill(page);
    }
    /* text */
    HPDF_Page_BeginText(page);
    int cur_font = -1;
    double cur_size = -1;
    for (int i = 0; i < pg->nops; i++) {
      const struct draw *op = &pg->ops[i];
      if (op->kind != DRAW_TEXT || op->len <= 0)
        continue;
      if (op->font != cur_font || op->size != cur_size) {
        HPDF_Page_SetFontAndSize(page, hf[op->font], (HPDF_REAL)op->size);
        cur_font = op->font;
        cur_size = op->size;
      }
      if (op->rgb != fill) {
        fill = op->rgb;
        HPDF_Page_SetRGBFill(page, ((fill >> 16) & 255) / 255.0f,
                             ((fill >> 8) & 255) / 255.0f, (fill & 255) / 255.0f);
      }
      if ((size_t)op->len + 1 > tcap) {
        tcap = (size_t)op->len * 2 + 64;
        tbuf = realloc(tbuf, tcap);
        if (!tbuf)
          abort();
      }
      memcpy(tbuf, op->s, (size_t)op->len);
      tbuf[op->len] = 0;
      HPDF_Stream cs = ((HPDF_PageAttr)page->attr)->stream;
      if (op->actual)
        begin_actual(cs, op->actual);
      HPDF_Page_TextOut(page, (HPDF_REAL)op->x, (HPDF_REAL)(H - op->y), tbuf);
      if (op->actual)
        HPDF_Stream_WriteStr(cs, "EMC\n");
    }
    HPDF_Page_EndText(page);
    /* links */
    for (int i = 0; i < pg->nops; i++) {
      const struct draw *op = &pg->ops[i];
      if (op->kind != DRAW_LINK)
        continue;
      HPDF_Rect r = {(HPDF_REAL)op->x, (HPDF_REAL)(H - op->y - op->h),
                     (HPDF_REAL)(op->x + op->w), (HPDF_REAL)(H - op->y)};
      HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(page, r, op->s);
      if (a)
        HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
    }
    /* bookmarks */
    for (int i = 0; i < pg->nmarks; i++) {
      if (!outlines)
        HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
      outlines = true;
      HPDF_Outline o = HPDF_CreateOutline(pdf, NULL, pg->marks[i].title, utf8);
      if (!o)
        continue;
      HPDF_Destination dst = HPDF_Page_CreateDestination(page);
      HPDF_Destination_SetFitH(dst, (HPDF_REAL)(H - pg->marks[i].y + 4));
      HPDF_Outline_SetDestination(o, dst);
    }
  }
  free(tbuf);
  if (err.code) {
    diag_error(c->diag, (struct loc){0}, "the PDF writer failed: %s (libharu "
                                         "error 0x%04X, detail %u)",
               describe(err.code), (unsigned)err.code, (unsigned)err.detail);
    goto done;
  }

  /* 4. repairs, metadata, and out */
  for (int f = 0; f < nfonts; f++)
    if (hf[f]) {
      mark_all_glyphs(hf[f]);
      write_tounicode(hf[f], &used[f]);
    }
  if (meta->title)
    HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, meta->title);
  if (meta->author)
    HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, meta->author);
  if (meta->subject)
    HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, meta->subject);
  if (meta->keywords)
    HPDF_SetInfoAttr(pdf, HPDF_INFO_KEYWORDS, meta->keywords);
  HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "cvpdf " CVPDF_VERSION);
  HPDF_SetInfoAttr(pdf, HPDF_INFO_PRODUCER, "cvpdf " CVPDF_VERSION " (libharu)");
  if (meta->date != (time_t)-1)
    set_date(pdf, meta->date);
  if (meta->id)
    add_id(pdf, meta->id, meta->id_len);
  if (HPDF_SaveToStream(pdf) != HPDF_OK || err.code) {
    diag_error(c->diag, (struct loc){0}, "the PDF writer failed: %s (libharu "
                                         "error 0x%04X)",
               describe(err.code), (unsigned)err.code);
    goto done;
  }
  HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
  result = malloc(size ? size : 1);
  if (!result)
    abort();
  HPDF_ResetStream(pdf);
  HPDF_UINT32 got = size, total = 0;
  while (total < size) {
    got = size - total;
    HPDF_STATUS st = HPDF_ReadFromStream(pdf, result + total, &got);
    total += got;
    if (st != HPDF_OK || got == 0)
      break;
  }
  if (total != size) {
    free(result);
    result = NULL;
    diag_error(c->diag, (struct loc){0}, "the PDF writer lost data");
    goto done;
  }
  *out_len = size;
done:
  for (int f = 0; f < nfonts; f++)
    free(used[f].bits);
  free(used);
  free(hf);
  HPDF_Free(pdf);
  return result;
}
