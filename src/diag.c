/* diag.c: prints errors, warnings and notes as `file:line:col: kind: msg`,
 * followed by the quoted source line and a caret when the file's text is
 * known. Counts them; never exits (only main.c decides the exit code).
 */
#include "diag.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

void diag_init(struct diag *d, FILE *out) {
  memset(d, 0, sizeof *d);
  d->out = out ? out : stderr;
  d->max_errors = 100;
}

void diag_source(struct diag *d, const char *file, const char *buf,
                 size_t len) {
  if (!file)
    return;
  d->nsaid = 0; /* a new document: nothing said of it yet */
  for (int i = 0; i < d->nsrc; i++)
    if (d->src[i].file == file || strcmp(d->src[i].file, file) == 0) {
      d->src[i].buf = buf;
      d->src[i].len = len;
      return;
    }
  if (d->nsrc == (int)(sizeof d->src / sizeof d->src[0])) {
    memmove(d->src, d->src + 1, sizeof d->src[0] * (size_t)(d->nsrc - 1));
    d->nsrc--;
  }
  d->src[d->nsrc++] = (struct diag_source){file, buf, len};
}

void diag_forget(struct diag *d, const char *file) {
  for (int i = 0; i < d->nsrc; i++)
    if (d->src[i].file == file || strcmp(d->src[i].file, file) == 0) {
      memmove(d->src + i, d->src + i + 1,
              sizeof d->src[0] * (size_t)(d->nsrc - i - 1));
      d->nsrc--;
      return;
    }
}

/* Quote line `at.line` and put a caret under column `at.col` (columns count
 * characters, as libyaml does). Control bytes are shown as spaces so a
 * hostile line cannot drive the terminal. */
static void quote_line(struct diag *d, struct loc at) {
  const struct diag_source *s = NULL;
  for (int i = 0; i < d->nsrc; i++)
    if (at.file && strcmp(d->src[i].file, at.file) == 0)
      s = &d->src[i];
  if (!s || at.line <= 0)
    return;
  const char *p = s->buf, *end = s->buf + s->len;
  for (int line = 1; line < at.line && p < end; p++)
    if (*p == '\n')
      line++;
  if (p >= end && !(p == end && at.line > 0 && s->len && end[-1] != '\n'))
    return;
  const char *e = p;
  while (e < end && *e != '\n' && *e != '\r')
    e++;
  size_t n = (size_t)(e - p);
  if (n > 200) { /* a huge line is not worth quoting whole */
    n = 200;
    while (n > 0 && ((unsigned char)p[n] & 0xC0) == 0x80)
      n--; /* cut before a character, not inside one */
  }
  fprintf(d->out, "%5d | ", at.line);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    uint32_t cp = c;
    int len = c >= 0x80 ? utf8_decode(p + i, n - i, &cp) : 1;
    if (len < 0) {
      fputc('?', d->out); /* not UTF-8 (the file is refused for it, or
                           * binary): a byte such as 0x9B, a terminal's
                           * CSI, is not sent as it is */
      continue;
    }
    if (utf8_is_hidden(cp) && cp != 0x200C && cp != 0x200D) {
      /* one character, one space: the caret stays in its column (the
       * joiners stay: Persian, Indic scripts and emoji are written with
       * them). A key 'na<U+0085>me' looked like 'name', and an override
       * reverses the rest of the line it is printed in */
      fputc(' ', d->out);
    } else if (len > 1) { /* a whole character */
      fwrite(p + i, 1, (size_t)len, d->out);
    } else {
      fputc(c == '\t' ? '\t' : (c < 0x20 || c == 0x7f) ? ' ' : c, d->out);
    }
    i += (size_t)len - 1;
  }
  fputc('\n', d->out);
  if (at.col <= 0)
    return;
  fprintf(d->out, "      | ");
  /* walk `col-1` characters, echoing tabs so the caret lines up */
  int col = 1;
  for (size_t i = 0; i < n && col < at.col; i++) {
    unsigned char c = (unsigned char)p[i];
    if ((c & 0xC0) == 0x80)
      continue; /* continuation byte: same character */
    fputc(c == '\t' ? '\t' : ' ', d->out);
    col++;
  }
  fputs("^\n", d->out);
}

static uint32_t fnv(uint32_t h, const char *s) {
  for (; s && *s; s++)
    h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

/* Has the same message been given at the same place already? (Several
 * stages may meet the same problem, such as a family that is not
 * installed asked for by four elements: it is said once.) */
static bool said_before(struct diag *d, const char *kind, struct loc at,
                        const char *msg) {
  char pos[32];
  snprintf(pos, sizeof pos, ":%d:%d:", at.line, at.col);
  uint32_t h = fnv(fnv(fnv(fnv(2166136261u, kind), at.file), pos), msg);
  int n = d->nsaid < DIAG_SAID ? d->nsaid : DIAG_SAID;
  for (int i = 0; i < n; i++)
    if (d->said[i] == h)
      return true;
  d->said[d->nsaid++ % DIAG_SAID] = h;
  return false;
}

void diag_json_string(FILE *out, const char *s, size_t n) {
  fputc('"', out);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\')
      fprintf(out, "\\%c", c);
    else if (c == '\n')
      fputs("\\n", out);
    else if (c == '\t')
      fputs("\\t", out);
    else if (c < 0x20 || c == 0x7f)
      fprintf(out, "\\u%04x", c);
    else
      fputc(c, out);
  }
  fputc('"', out);
}

/* The source line a message is about (NULL if unknown), its length in *n
 * (at most 200 bytes, cut before a character). */
static const char *source_line(const struct diag *d, struct loc at,
                               size_t *n) {
  const struct diag_source *s = NULL;
  for (int i = 0; i < d->nsrc; i++)
    if (at.file && strcmp(d->src[i].file, at.file) == 0)
      s = &d->src[i];
  if (!s || at.line <= 0)
    return NULL;
  const char *p = s->buf, *end = s->buf + s->len;
  for (int line = 1; line < at.line && p < end; p++)
    if (*p == '\n')
      line++;
  if (p > end)
    return NULL;
  const char *e = p;
  while (e < end && *e != '\n' && *e != '\r')
    e++;
  *n = (size_t)(e - p);
  if (*n > 200) {
    *n = 200;
    while (*n > 0 && ((unsigned char)p[*n] & 0xC0) == 0x80)
      (*n)--;
  }
  return p;
}

/* One message as one line of JSON: {"kind", "file", "line", "column",
 * "message", "source"}, the absent ones left out (as gcc's JSON). */
static void json_report(struct diag *d, const char *kind, struct loc at,
                        const char *msg) {
  FILE *out = d->out;
  fprintf(out, "{\"kind\":\"%s\"", kind);
  if (at.file) {
    fputs(",\"file\":", out);
    diag_json_string(out, at.file, strlen(at.file));
  }
  if (at.line > 0)
    fprintf(out, ",\"line\":%d", at.line);
  if (at.col > 0)
    fprintf(out, ",\"column\":%d", at.col);
  fputs(",\"message\":", out);
  diag_json_string(out, msg, strlen(msg));
  size_t n = 0;
  const char *src = source_line(d, at, &n);
  if (src) {
    fputs(",\"source\":", out);
    diag_json_string(out, src, n);
  }
  fputs("}\n", out);
}

static void put_escaped(FILE *out, const char *s, size_t n);

static void vreport(struct diag *d, const char *kind, struct loc at,
                    const char *fmt, va_list ap) {
  /* a --set override names itself; its value is one short line */
  if (at.file && strncmp(at.file, "--set ", 6) == 0)
    at.line = at.col = 0;
  char msg[1024];
  int m = vsnprintf(msg, sizeof msg, fmt, ap);
  if (m >= (int)sizeof msg) { /* cut before a character, not inside one */
    size_t end = sizeof msg - 1, k = end;
    while (k > 0 && ((unsigned char)msg[k - 1] & 0xC0) == 0x80)
      k--;
    unsigned char lead = k > 0 ? (unsigned char)msg[k - 1] : 0;
    size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (k > 0 && k - 1 + want > end)
      msg[k - 1] = 0;
  }
  if (said_before(d, kind, at, msg))
    return;
  if (d->json) {
    json_report(d, kind, at, msg);
    return;
  }
  if (at.file) {
    /* a --set override names itself, and its value may be long: the
     * first 80 bytes of it are enough to tell which */
    size_t n = strlen(at.file);
    bool cut = !strncmp(at.file, "--set ", 6) && n > 86;
    if (cut) {
      n = 86;
      while (n > 6 && ((unsigned char)at.file[n] & 0xC0) == 0x80)
        n--;
    }
    put_escaped(d->out, at.file, n);
    if (cut)
      fputs("...", d->out);
  }
  if (at.file && at.line > 0 && at.col > 0)
    fprintf(d->out, ":%d:%d: %s: ", at.line, at.col, kind);
  else if (at.file && at.line > 0)
    fprintf(d->out, ":%d: %s: ", at.line, kind);
  else if (at.file)
    fprintf(d->out, ": %s: ", kind);
  else
    fprintf(d->out, "cvpdf: %s: ", kind);
  put_escaped(d->out, msg, strlen(msg));
  fputc('\n', d->out);
  quote_line(d, at);
}

/* s[0..n) on one line, whatever it holds: control characters escaped (a
 * value or a file name with a newline would break the file:line:col
 * form), and the characters a terminal shows as nothing. */
static void put_escaped(FILE *out, const char *s, size_t n) {
  for (const char *p = s; p < s + n; p++) {
    unsigned char c = (unsigned char)*p;
    uint32_t cp = c;
    int len = c >= 0x80 ? utf8_decode(p, n - (size_t)(p - s), &cp) : 1;
    if (len < 0) {
      fprintf(out, "\\x%02X", c); /* not UTF-8: a file name's bytes */
    } else if (len > 1 && utf8_is_hidden(cp)) { /* seen, acting on nothing */
      fprintf(out, "\\u%04X", (unsigned)cp);
      p += len - 1;
    } else if (len > 1) { /* a whole character */
      fwrite(p, 1, (size_t)len, out);
      p += len - 1;
    } else if (c == '\n')
      fputs("\\n", out);
    else if (c == '\t')
      fputs("\\t", out);
    else if (c < 0x20 || c == 0x7f)
      fprintf(out, "\\x%02X", c);
    else
      fputc(c, out);
  }
}

void diag_error(struct diag *d, struct loc at, const char *fmt, ...) {
  d->errors++;
  if (d->silent)
    return;
  if (d->errors > d->max_errors) {
    if (d->errors == d->max_errors + 1)
      fputs(d->json ? "{\"kind\":\"note\",\"message\":\"too many errors, "
                      "not showing more\"}\n"
                    : "cvpdf: note: too many errors, not showing more\n",
            d->out);
    return;
  }
  va_list ap;
  va_start(ap, fmt);
  vreport(d, "error", at, fmt, ap);
  va_end(ap);
}

void diag_warn(struct diag *d, struct loc at, const char *fmt, ...) {
  d->warnings++;
  if (d->quiet || d->silent || d->warnings > 200)
    return;
  va_list ap;
  va_start(ap, fmt);
  vreport(d, "warning", at, fmt, ap);
  va_end(ap);
}

void diag_note(struct diag *d, struct loc at, const char *fmt, ...) {
  if (d->quiet || d->silent)
    return;
  va_list ap;
  va_start(ap, fmt);
  vreport(d, "note", at, fmt, ap);
  va_end(ap);
}

void diag_older(struct diag *d, struct loc at, const struct older_fix *fix,
                const char *fmt, ...) {
  if (d->older++ == 0)
    d->older_at = at;
  if (d->on_older)
    d->on_older(d->older_ud, at, fix);
  if (!d->verbose || d->quiet || d->silent)
    return;
  va_list ap;
  va_start(ap, fmt);
  vreport(d, "note", at, fmt, ap);
  va_end(ap);
}

void diag_older_summary(struct diag *d) {
  if (d->older)
    diag_note(d, d->older_at,
              "written for an older RenderCV: %d older name%s read with "
              "today's meaning%s; 'cvpdf upgrade %s' rewrites %s",
              d->older, d->older == 1 ? "" : "s",
              d->verbose ? "" : " (-v names each)",
              d->older_at.file ? d->older_at.file : "FILE",
              d->older == 1 ? "it" : "them");
  d->older = 0;
}

/* Optimal string alignment distance, case-insensitive, capped inputs. */
static int distance(const char *a, const char *b) {
  int la = (int)strlen(a), lb = (int)strlen(b);
  if (la > 40 || lb > 40)
    return 99;
  int dp[42][42];
  for (int i = 0; i <= la; i++)
    dp[i][0] = i;
  for (int j = 0; j <= lb; j++)
    dp[0][j] = j;
  for (int i = 1; i <= la; i++)
    for (int j = 1; j <= lb; j++) {
      char ca = a[i - 1], cb = b[j - 1];
      if (ca >= 'A' && ca <= 'Z')
        ca = (char)(ca - 'A' + 'a');
      if (cb >= 'A' && cb <= 'Z')
        cb = (char)(cb - 'A' + 'a');
      int cost = ca == cb ? 0 : 1;
      int v = dp[i - 1][j] + 1;
      if (dp[i][j - 1] + 1 < v)
        v = dp[i][j - 1] + 1;
      if (dp[i - 1][j - 1] + cost < v)
        v = dp[i - 1][j - 1] + cost;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
          dp[i - 2][j - 2] + 1 < v)
        v = dp[i - 2][j - 2] + 1;
      dp[i][j] = v;
    }
  return dp[la][lb];
}

const char *diag_suggest(const char *word, const char *const *candidates,
                         int n) {
  const char *best = NULL;
  int bestd = 99;
  int len = (int)strlen(word);
  int maxd = len <= 3 ? 1 : len / 3 + 1;
  for (int i = 0; i < n; i++) {
    int dd = distance(word, candidates[i]);
    if (dd < bestd) {
      bestd = dd;
      best = candidates[i];
    }
  }
  return bestd <= maxd ? best : NULL;
}
