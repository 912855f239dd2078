/* dialect.c: JSON Resume and YAMLResume -> RenderCV's tree (see dialect.h).
 *
 * Owns the mapping between the schemas: which source field becomes which
 * key of `cv`, the sections' titles (in the YAMLResume locale's language)
 * and order, dates normalised to RenderCV's forms (a bare year stays a
 * year, "Jul 2025" becomes 2025-07), profiles matched to cvpdf's social
 * networks, YAMLResume's Markdown summaries split into a summary and
 * highlights, and YAMLResume's first layout turned into `design`. It checks
 * only what it must to build the tree (a list where a list is needed, a
 * string where a string is), plus the date ranges it reorders; everything
 * else is checked by cv.c and style.c at the source positions kept here.
 *
 * Nodes are built in the document arena, children before parents (so each
 * parent's weight counts its subtree). While a list or a mapping is being
 * filled, its `len` (which containers do not use) holds its capacity.
 */
#include "dialect.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cv.h"
#include "icons.h"

struct conv {
  struct arena *a;
  struct diag *d;
  enum dialect dl;
  int errors;             /* the diag's count when the conversion began */
  int lang;               /* row of TERMS: the language of the titles */
  const struct yml *name; /* basics.name: the author of publications */
};

#define COUNT(x) ((int)(sizeof(x) / sizeof((x)[0])))

/* ------------------------------------------------------------ detection */

static const char *const JR_KEYS[] = {
    "$schema",      "basics",       "work",      "volunteer", "education",
    "awards",       "certificates", "publications", "skills", "languages",
    "interests",    "references",   "projects",  "meta"};

static bool has_any(const struct yml *m, const char *const *keys, int n) {
  for (int i = 0; i < n; i++)
    if (yml_get(m, keys[i]))
      return true;
  return false;
}

enum dialect dialect_detect(const struct yml *root) {
  if (!root || root->kind != YML_MAP)
    return DIALECT_RENDERCV;
  if (yml_get(root, "cv"))
    return DIALECT_RENDERCV;
  if (yml_get(root, "content"))
    return DIALECT_YAMLRESUME;
  if (has_any(root, JR_KEYS, COUNT(JR_KEYS)))
    return DIALECT_JSONRESUME;
  return DIALECT_RENDERCV;
}

const char *dialect_name(enum dialect d) {
  switch (d) {
  case DIALECT_RENDERCV:
    return "rendercv";
  case DIALECT_JSONRESUME:
    return "jsonresume";
  case DIALECT_YAMLRESUME:
    return "yamlresume";
  default:
    return "auto";
  }
}

/* ---------------------------------------------------------------- nodes */

static struct yml *node(struct conv *v, enum yml_kind k, struct loc at) {
  struct yml *n = arena_alloc(v->a, sizeof *n);
  n->kind = k;
  n->loc = at;
  n->weight = 1;
  return n;
}

static struct yml *scalar(struct conv *v, const char *s, bool quoted,
                          struct loc at) {
  struct yml *n = node(v, YML_SCALAR, at);
  n->s = s;
  n->len = strlen(s);
  n->quoted = quoted;
  return n;
}

/* A string made here: quoted, so that "null" or "true" stay words. */
static struct yml *text(struct conv *v, const char *s, struct loc at) {
  return scalar(v, s, true, at);
}

static void push(struct conv *v, struct yml *m, struct yml *key,
                 struct yml *val) {
  if ((size_t)m->n == m->len) {
    size_t cap = m->len ? m->len * 2 : 8;
    m->kids = arena_grow(v->a, m->kids, sizeof(struct yml *) * m->len,
                         sizeof(struct yml *) * (cap + 1));
    if (m->kind == YML_MAP)
      m->keys = arena_grow(v->a, m->keys, sizeof(struct yml *) * m->len,
                           sizeof(struct yml *) * (cap + 1));
    m->len = cap;
  }
  if (m->kind == YML_MAP)
    m->keys[m->n] = key;
  m->kids[m->n++] = val;
  m->weight += val->weight + (m->kind == YML_MAP);
}

/* m[key] = val, the key placed at `at` (nothing when val is NULL). */
static void put_at(struct conv *v, struct yml *m, const char *key,
                   struct loc at, struct yml *val) {
  if (val)
    push(v, m, scalar(v, key, false, at), val);
}

static void put(struct conv *v, struct yml *m, const char *key,
                struct yml *val) {
  if (val)
    put_at(v, m, key, val->loc, val);
}

static void append(struct conv *v, struct yml *seq, struct yml *val) {
  if (val)
    push(v, seq, NULL, val);
}

/* ------------------------------------------------------- reading source */

static bool blank(const char *s) {
  for (; *s; s++)
    if (!isspace((unsigned char)*s))
      return false;
  return true;
}

/* A source string as RenderCV text: quoted, so that a plain YAML scalar
 * is not read by RenderCV's rules for plain ones (a highlight folded from
 * "- " lines is split into nested items). */
static struct yml *as_text(struct conv *v, struct yml *x) {
  if (x->quoted)
    return x;
  struct yml *q = arena_alloc(v->a, sizeof *q);
  *q = *x;
  q->quoted = true;
  return q;
}

/* m[key] as a string: NULL when absent, null or blank; an error (and NULL)
 * when it is a list or a mapping. `where` names the place: "'basics'". */
static struct yml *text_of(struct conv *v, const struct yml *m,
                           const char *key, const char *where) {
  struct yml *x = yml_get(m, key);
  if (!x || yml_is_null(x))
    return NULL;
  if (x->kind != YML_SCALAR) {
    diag_error(v->d, x->loc, "expected a string for '%s' in %s, found %s", key,
               where, yml_kind_name(x));
    return NULL;
  }
  return blank(x->s) ? NULL : as_text(v, x);
}

/* m[key] as a non-empty list (NULL when absent, null or empty; an empty
 * string too, which JSON Resume's templates leave where a list goes, and
 * its tools skip, as they skip every falsy value). */
static struct yml *list_of(struct conv *v, const struct yml *m,
                           const char *key, const char *where) {
  struct yml *x = yml_get(m, key);
  if (!x || yml_is_null(x) || (x->kind == YML_SCALAR && blank(x->s)))
    return NULL;
  if (x->kind != YML_SEQ) {
    diag_error(v->d, x->loc, "expected a list for '%s' in %s, found %s", key,
               where, yml_kind_name(x));
    return NULL;
  }
  return x->n ? x : NULL;
}

static struct yml *map_of(struct conv *v, const struct yml *m,
                          const char *key, const char *where) {
  struct yml *x = yml_get(m, key);
  if (!x || yml_is_null(x) || (x->kind == YML_SCALAR && blank(x->s)))
    return NULL; /* (an empty string: as list_of) */
  if (x->kind != YML_MAP) {
    diag_error(v->d, x->loc, "expected a mapping for '%s' in %s, found %s", key,
               where, yml_kind_name(x));
    return NULL;
  }
  return x;
}

/* The position of `key` itself in m (or m's own). */
static struct loc key_loc(const struct yml *m, const char *key) {
  for (int i = 0; m && m->kind == YML_MAP && i < m->n; i++)
    if (strcmp(m->keys[i]->s, key) == 0)
      return m->keys[i]->loc;
  return m ? m->loc : (struct loc){0};
}

/* s without leading and trailing white space, in the arena */
static char *trimmed(struct conv *v, const char *s) {
  while (isspace((unsigned char)*s))
    s++;
  size_t n = strlen(s);
  while (n && isspace((unsigned char)s[n - 1]))
    n--;
  return arena_strndup(v->a, s, n);
}

/* A growing string in the arena. */
struct buf {
  char *v;
  int n, cap;
};

/* b += s[0..n), kept NUL-terminated */
static void buf_add(struct arena *a, struct buf *b, const char *s, size_t n) {
  size_t want = (size_t)b->n + n + 1;
  if (want > (size_t)b->cap) {
    size_t cap = b->cap ? (size_t)b->cap * 2 : 64;
    while (cap < want)
      cap *= 2;
    b->v = arena_grow(a, b->v, (size_t)b->n, cap);
    b->cap = (int)cap;
  }
  memcpy(b->v + b->n, s, n);
  b->n += (int)n;
  b->v[b->n] = '\0';
}

/* The strings of a list (keywords, courses) joined by sep; NULL if none. */
static char *joined(struct conv *v, const struct yml *list, const char *key,
                    const char *where, const char *sep) {
  if (!list)
    return NULL;
  struct buf b = {0};
  for (int i = 0; i < list->n; i++) {
    const struct yml *x = list->kids[i];
    if (yml_is_null(x))
      continue;
    if (x->kind != YML_SCALAR) {
      diag_error(v->d, x->loc, "expected a string in '%s' in %s, found %s", key,
                 where, yml_kind_name(x));
      continue;
    }
    if (blank(x->s))
      continue;
    const char *t = trimmed(v, x->s);
    if (b.n)
      buf_add(v->a, &b, sep, strlen(sep));
    buf_add(v->a, &b, t, strlen(t));
  }
  return b.n ? b.v : NULL;
}

/* ------------------------------------------------------------- languages */

enum term {
  T_BASICS, T_WORK, T_VOLUNTEER, T_EDUCATION, T_AWARDS, T_CERTIFICATES,
  T_PUBLICATIONS, T_SKILLS, T_LANGUAGES, T_INTERESTS, T_REFERENCES,
  T_PROJECTS, T_SCORE, T_COURSES, T_KEYWORDS, T_COLON, T_SEP, T_N
};

/* The section ids of both schemas, in the order of enum term. */
static const char *const SECTION_IDS[] = {
    "basics",       "work",   "volunteer", "education",  "awards",
    "certificates", "publications", "skills", "languages", "interests",
    "references",   "projects"};
#define NSECTIONS 12

/* Section titles and the words put into entries, per language. */
static const char *const TERMS[][T_N] = {
    {"Summary", "Experience", "Volunteer", "Education", "Awards",
     "Certificates", "Publications", "Skills", "Languages", "Interests",
     "References", "Projects", "Score", "Courses", "Keywords", ": ", ", "},
    {"个人简介", "工作经历", "志愿服务", "教育背景", "荣誉奖项", "证书",
     "出版物", "专业技能", "语言", "兴趣爱好", "推荐人", "项目经历",
     "成绩", "课程", "关键词", "：", "、"},
    {"個人簡介", "工作經歷", "志願服務", "教育背景", "榮譽獎項", "證書",
     "出版物", "專業技能", "語言", "興趣愛好", "推薦人", "項目經歷",
     "成績", "課程", "關鍵詞", "：", "、"},
    {"Perfil", "Experiencia", "Voluntariado", "Educación", "Premios",
     "Certificados", "Publicaciones", "Habilidades", "Idiomas", "Intereses",
     "Referencias", "Proyectos", "Calificación", "Cursos", "Palabras clave",
     ": ", ", "},
    {"Profil", "Expérience", "Bénévolat", "Formation", "Distinctions",
     "Certifications", "Publications", "Compétences", "Langues",
     "Centres d'intérêt", "Références", "Projets", "Note", "Cours",
     "Mots-clés", " : ", ", "},
    {"Profil", "Berufserfahrung", "Ehrenamt", "Ausbildung", "Auszeichnungen",
     "Zertifikate", "Publikationen", "Kenntnisse", "Sprachen", "Interessen",
     "Referenzen", "Projekte", "Note", "Kurse", "Schlüsselwörter", ": ",
     ", "},
    {"自己紹介", "職歴", "ボランティア活動", "学歴", "受賞歴", "資格",
     "出版物", "スキル", "語学", "趣味", "推薦者", "プロジェクト", "成績",
     "履修科目", "キーワード", "：", "、"},
    {"Profiel", "Werkervaring", "Vrijwilligerswerk", "Opleiding", "Prijzen",
     "Certificaten", "Publicaties", "Vaardigheden", "Talen", "Interesses",
     "Referenties", "Projecten", "Cijfer", "Vakken", "Trefwoorden", ": ",
     ", "},
    {"Profil", "Arbeidserfaring", "Frivillig arbeid", "Utdanning",
     "Utmerkelser", "Sertifikater", "Publikasjoner", "Ferdigheter", "Språk",
     "Interesser", "Referanser", "Prosjekter", "Karakter", "Emner",
     "Nøkkelord", ": ", ", "},
    {"Perfil", "Experiência", "Voluntariado", "Formação", "Prêmios",
     "Certificados", "Publicações", "Habilidades", "Idiomas", "Interesses",
     "Referências", "Projetos", "Nota", "Disciplinas", "Palavras-chave",
     ": ", ", "},
    {"Ringkasan", "Pengalaman Kerja", "Kegiatan Sukarela", "Pendidikan",
     "Penghargaan", "Sertifikat", "Publikasi", "Keahlian", "Bahasa", "Minat",
     "Referensi", "Proyek", "Nilai", "Mata Kuliah", "Kata Kunci", ": ",
     ", "},
};

/* Locale codes (YAMLResume's, and ISO 639-1 for the rest of cvpdf's
 * languages) -> RenderCV's language and the row of TERMS. */
static const struct {
  const char *code, *language;
  int terms;
} LOCALES[] = {
    {"en", "english", 0},           {"zh-hans", "mandarin_chinese", 1},
    {"zh-hant-hk", "mandarin_chinese", 2}, {"zh-hant-tw", "mandarin_chinese", 2},
    {"zh-hant", "mandarin_chinese", 2}, {"zh-tw", "mandarin_chinese", 2},
    {"zh-hk", "mandarin_chinese", 2}, {"zh", "mandarin_chinese", 1},
    {"es", "spanish", 3},           {"fr", "french", 4},
    {"de", "german", 5},            {"ja", "japanese", 6},
    {"nl", "dutch", 7},             {"no", "norwegian_bokmål", 8},
    {"nb", "norwegian_bokmål", 8},  {"nn", "norwegian_nynorsk", 8},
    {"pt-br", "portuguese", 9},     {"pt", "portuguese", 9},
    {"id", "indonesian", 10},       {"it", "italian", 0},
    {"ko", "korean", 0},            {"ru", "russian", 0},
    {"tr", "turkish", 0},           {"vi", "vietnamese", 0},
    {"ar", "arabic", 0},            {"da", "danish", 0},
    {"he", "hebrew", 0},            {"hi", "hindi", 0},
    {"hu", "hungarian", 0},         {"fa", "persian", 0},
    {"pl", "polish", 0},            {"sv", "swedish", 0},
};

/* code equal to s up to n bytes, case and '-'/'_' aside */
static bool code_eq(const char *code, const char *s, size_t n) {
  if (strlen(code) != n)
    return false;
  for (size_t i = 0; i < n; i++) {
    char c = (char)tolower((unsigned char)s[i]);
    if (c == '_')
      c = '-';
    if (c != code[i])
      return false;
  }
  return true;
}

/* The row of LOCALES for a code or a RenderCV language name, or -1. */
static int find_locale(const char *s) {
  for (int i = 0; i < COUNT(LOCALES); i++)
    if (code_eq(LOCALES[i].code, s, strlen(s)) ||
        strcmp(LOCALES[i].language, s) == 0)
      return i;
  const char *dash = strpbrk(s, "-_");
  if (dash)
    for (int i = 0; i < COUNT(LOCALES); i++)
      if (code_eq(LOCALES[i].code, s, (size_t)(dash - s)))
        return i;
  return -1;
}

/* ----------------------------------------------------------------- dates */

enum dkind { D_NONE, D_YEAR, D_ISO, D_PRESENT, D_TEXT };

struct dval {
  enum dkind k;
  const struct yml *src;
  char iso[32];
  long key; /* as cv.c compares: year*10000 + month*100 + day */
};

static const char *const MONTH_NAMES[] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

/* 1-12 for an English month name or abbreviation ("Sep", "Sept.") */
static int month_word(const char *s, size_t n) {
  if (n && s[n - 1] == '.')
    n--;
  if (n < 3)
    return 0;
  for (int m = 0; m < 12; m++)
    if (n <= strlen(MONTH_NAMES[m]) && strncasecmp(s, MONTH_NAMES[m], n) == 0)
      return m + 1;
  return 0;
}

static bool digits(const char *s, size_t n) {
  if (!n)
    return false;
  for (size_t i = 0; i < n; i++)
    if (!isdigit((unsigned char)s[i]))
      return false;
  return true;
}

static int mdays(int y, int m) {
  static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return dm[m - 1];
}

static bool set_ymd(struct dval *d, long y, int m, int day) {
  if (y < 1000 || y > 9999 || m < 0 || m > 12 || day < 0 ||
      (day && (!m || day > mdays((int)y, m))))
    return false;
  if (!m)
    snprintf(d->iso, sizeof d->iso, "%04ld", y);
  else if (!day)
    snprintf(d->iso, sizeof d->iso, "%04ld-%02d", y, m);
  else
    snprintf(d->iso, sizeof d->iso, "%04ld-%02d-%02d", y, m, day);
  d->k = m ? D_ISO : D_YEAR;
  d->key = y * 10000 + m * 100 + day;
  return true;
}

/* Words of a free-form date: "July 3, 2025", "3 Jul 2025", "Jul 2025",
 * "07/2025", "2025/07". Returns false if it is none of those. */
static bool loose_date(const char *s, struct dval *d) {
  struct {
    const char *p;
    size_t n;
  } w[4];
  int nw = 0;
  for (const char *p = s; *p;) {
    if (strchr(" \t,/.-", *p)) { /* separators ("Sept." drops its dot) */
      p++;
      continue;
    }
    const char *q = p;
    if (isdigit((unsigned char)*p))
      while (isdigit((unsigned char)*q))
        q++;
    else if (isalpha((unsigned char)*p))
      while (isalpha((unsigned char)*q))
        q++;
    else
      return false;
    if (nw == 4)
      return false;
    w[nw].p = p;
    w[nw].n = (size_t)(q - p);
    nw++;
    p = q;
  }
  long num[4] = {0};
  int mon[4] = {0};
  for (int i = 0; i < nw; i++) {
    if (digits(w[i].p, w[i].n)) {
      if (w[i].n > 4)
        return false;
      num[i] = strtol(w[i].p, NULL, 10);
      mon[i] = -1;
    } else if (!(mon[i] = month_word(w[i].p, w[i].n))) {
      return false;
    }
  }
#define YEAR(i) (mon[i] < 0 && w[i].n == 4)
#define NUM(i) (mon[i] < 0 && w[i].n <= 2)
  if (nw == 2 && mon[0] > 0 && YEAR(1)) /* Jul 2025 */
    return set_ymd(d, num[1], mon[0], 0);
  if (nw == 2 && NUM(0) && YEAR(1)) /* 07/2025 */
    return set_ymd(d, num[1], (int)num[0], 0);
  if (nw == 2 && YEAR(0) && NUM(1)) /* 2025/07 */
    return set_ymd(d, num[0], (int)num[1], 0);
  if (nw == 3 && mon[0] > 0 && NUM(1) && YEAR(2)) /* July 3, 2025 */
    return set_ymd(d, num[2], mon[0], (int)num[1]);
  if (nw == 3 && NUM(0) && mon[1] > 0 && YEAR(2)) /* 3 July 2025 */
    return set_ymd(d, num[2], mon[1], (int)num[0]);
  if (nw == 3 && YEAR(0) && NUM(1) && NUM(2)) /* 2025/07/03 */
    return set_ymd(d, num[0], (int)num[1], (int)num[2]);
#undef YEAR
#undef NUM
  return false;
}

/* m[key] as a date. ISO dates are checked (an impossible one is an error
 * at its position); other forms are normalised when they can be, and
 * kept as text when they cannot. */
static struct dval date_of(struct conv *v, const struct yml *m,
                           const char *key, const char *where) {
  struct dval d = {D_NONE, NULL, "", 0};
  const struct yml *x = text_of(v, m, key, where);
  if (!x)
    return d;
  d.src = x;
  char *s = trimmed(v, x->s);
  size_t n = strlen(s);
  static const char *const now[] = {"present", "now", "current", "ongoing",
                                    "today"};
  for (int i = 0; i < COUNT(now); i++)
    if (strcasecmp(s, now[i]) == 0) {
      d.k = D_PRESENT;
      return d;
    }
  if (n > 10 && s[10] == 'T' && digits(s, 4) && s[4] == '-')
    s[n = 10] = '\0'; /* 2025-02-02T00:00:03Z: the day */
  if (digits(s, 4) && (n == 4 || ((n == 7 || n == 10) && s[4] == '-'))) {
    struct date cd;
    const char *why;
    if (!cv_parse_date(s, true, &cd, &why)) {
      diag_error(v->d, x->loc, "invalid date '%s' for '%s': %s", x->s, key,
                 why);
      d.k = D_NONE;
      return d;
    }
    if (cd.kind == DATE_ISO && set_ymd(&d, cd.year, n == 4 ? 0 : cd.month,
                                       n == 10 ? cd.day : 0))
      return d;
  }
  if (loose_date(s, &d))
    return d;
  d.k = D_TEXT;
  return d;
}

/* The scalar RenderCV reads for a date: a bare year unquoted (printed as
 * the year), other ISO dates quoted, text as written. */
static struct yml *date_node(struct conv *v, const struct dval *d) {
  switch (d->k) {
  case D_YEAR:
    return scalar(v, arena_strdup(v->a, d->iso), false, d->src->loc);
  case D_ISO:
    return scalar(v, arena_strdup(v->a, d->iso), true, d->src->loc);
  case D_PRESENT:
    return text(v, "present", d->src->loc);
  case D_TEXT:
    return text(v, trimmed(v, d->src->s), d->src->loc);
  default:
    return NULL;
  }
}

/* startDate/endDate -> start_date/end_date (a missing end is the
 * present), or `date` as text when either cannot be read as a date. */
static void put_dates(struct conv *v, struct yml *out, const struct yml *e,
                      const char *where) {
  struct dval s = date_of(v, e, "startDate", where);
  struct dval en = date_of(v, e, "endDate", where);
  bool s_ok = s.k == D_YEAR || s.k == D_ISO;
  bool e_ok = en.k == D_YEAR || en.k == D_ISO;
  if (s.k == D_NONE && en.k == D_NONE)
    return;
  if (s.k == D_NONE) {
    put(v, out, "date", date_node(v, &en));
    return;
  }
  if (s_ok && (e_ok || en.k == D_PRESENT || en.k == D_NONE)) {
    if (e_ok && s.key > en.key) {
      diag_error(v->d, en.src->loc, "'endDate' %s is before 'startDate' %s",
                 trimmed(v, en.src->s), trimmed(v, s.src->s));
      return;
    }
    put(v, out, "start_date", date_node(v, &s));
    if (en.k != D_NONE)
      put(v, out, "end_date", date_node(v, &en));
    return;
  }
  /* free text on either side: the range as written */
  const char *a = trimmed(v, s.src->s);
  const char *b = en.k == D_NONE ? "present" : trimmed(v, en.src->s);
  put(v, out, "date",
      text(v, arena_printf(v->a, "%s – %s", a, b), s.src->loc));
}

static void put_date(struct conv *v, struct yml *out, const struct yml *e,
                     const char *key, const char *where) {
  struct dval d = date_of(v, e, key, where);
  put(v, out, "date", date_node(v, &d));
}

/* ------------------------------------------------------------- markdown */

/* YAMLResume's summaries are Markdown: paragraphs, then perhaps a bullet
 * (or numbered) list. The text around the list becomes the summary (a
 * paragraph break a line break), the items the highlights, nested by
 * their indentation. */
#define MD_DEPTH 8


struct md_item {
  struct buf t;
  int level;
};

struct md {
  struct buf sum;
  VEC(struct md_item) items;
};

/* The length of a list marker at s ("- ", "* ", "+ ", "1. ", "2) ") with
 * the spaces after it, or 0. */
static size_t list_marker(const char *s) {
  size_t i = 0;
  if (strchr("-*+", s[0]) && s[0])
    i = 1;
  else {
    while (i < 9 && isdigit((unsigned char)s[i]))
      i++;
    if (!i || (s[i] != '.' && s[i] != ')'))
      return 0;
    i++;
  }
  if (s[i] && s[i] != ' ' && s[i] != '\t')
    return 0;
  while (s[i] == ' ' || s[i] == '\t')
    i++;
  return i;
}

static void md_split(struct arena *a, const char *s, struct md *out) {
  memset(out, 0, sizeof *out);
  struct {
    int marker, content;
  } stack[MD_DEPTH];
  int depth = 0;
  bool in_list = false, gap = false, para = false, hard = false;
  for (const char *p = s; p && *p;) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    const char *line = p;
    p = nl ? nl + 1 : NULL;
    int indent = 0;
    size_t i = 0;
    for (; i < n && (line[i] == ' ' || line[i] == '\t'); i++)
      indent += line[i] == '\t' ? 4 : 1;
    const char *r = line + i;
    size_t rn = n - i;
    while (rn && isspace((unsigned char)r[rn - 1]))
      rn--;
    bool next_hard = (n - i > rn + 1 && rn) || (rn && r[rn - 1] == '\\');
    if (rn && r[rn - 1] == '\\')
      rn--;
    if (!rn) {
      gap = true;
      continue;
    }
    char *ln = arena_strndup(a, r, rn);
    /* a thematic break (---, ***) ends a paragraph */
    if (rn >= 3 && strspn(ln, "-*_ ") == rn) {
      gap = true;
      in_list = false;
      continue;
    }
    size_t mk = list_marker(ln);
    /* only a bullet or "1." starts a list inside a paragraph */
    if (mk && para && !gap && isdigit((unsigned char)ln[0]) &&
        !(ln[0] == '1' && !isdigit((unsigned char)ln[1])))
      mk = 0;
    if (mk) {
      while (depth > 0 && indent < stack[depth - 1].content) {
        depth--;
        if (indent >= stack[depth].marker)
          break;
      }
      if (depth == MD_DEPTH)
        depth--;
      stack[depth].marker = indent;
      stack[depth].content = indent + (int)mk;
      struct md_item it = {{0}, depth};
      depth++;
      VEC_PUSH(a, out->items, it);
      buf_add(a, &out->items.v[out->items.n - 1].t, ln + mk, rn - mk);
      in_list = true;
      para = gap = false;
      hard = next_hard;
      continue;
    }
    if (in_list && (!gap || indent >= 2)) {
      /* a continuation of the last item */
      struct md_item *it = &out->items.v[out->items.n - 1];
      if (it->t.n)
        buf_add(a, &it->t, hard || gap ? "\n" : " ", 1);
      buf_add(a, &it->t, ln, rn);
      gap = false;
      hard = next_hard;
      continue;
    }
    in_list = false;
    depth = 0;
    size_t h = strspn(ln, "#");
    bool heading = h >= 1 && h <= 6 && (ln[h] == ' ' || !ln[h]);
    if (heading) {
      const char *t = ln + h;
      while (*t == ' ')
        t++;
      if (out->sum.n)
        buf_add(a, &out->sum, "\n", 1);
      if (*t) {
        buf_add(a, &out->sum, "**", 2);
        buf_add(a, &out->sum, t, strlen(t));
        buf_add(a, &out->sum, "**", 2);
      }
      para = false;
    } else if (para && !gap) {
      buf_add(a, &out->sum, hard ? "\n" : " ", 1);
      buf_add(a, &out->sum, ln, rn);
    } else {
      if (out->sum.n)
        buf_add(a, &out->sum, "\n", 1);
      buf_add(a, &out->sum, ln, rn);
      para = true;
    }
    gap = false;
    hard = next_hard;
  }
}

/* The items from *i on at `level` and deeper, as highlights. */
static void md_items(struct conv *v, const struct md *md, int *i, int level,
                     struct yml *seq, struct loc at) {
  while (*i < md->items.n && md->items.v[*i].level >= level) {
    const struct md_item *it = &md->items.v[*i];
    (*i)++;
    struct yml *kids = NULL;
    if (*i < md->items.n && md->items.v[*i].level > it->level) {
      kids = node(v, YML_SEQ, at);
      md_items(v, md, i, it->level + 1, kids, at);
    }
    if (!it->t.n || blank(it->t.v)) {
      /* an empty item: its sub-items take its place */
      for (int k = 0; kids && k < kids->n; k++)
        append(v, seq, kids->kids[k]);
      continue;
    }
    struct yml *t = text(v, it->t.v, at);
    if (kids && kids->n) {
      struct yml *m = node(v, YML_MAP, at);
      put(v, m, "bullet", t);
      put(v, m, "highlights", kids);
      append(v, seq, m);
    } else {
      append(v, seq, t);
    }
  }
}

/* ------------------------------------------------------------- entries */

struct body {
  const struct yml *summary;     /* the source summary (for its position) */
  const char *text;              /* the summary to show, or NULL */
  struct md md;                  /* YAMLResume: its list items */
  bool has_md;
};

/* summary (and description) of entry e: JSON Resume's as written,
 * YAMLResume's read as Markdown. A description comes first, in italics
 * when there is also a summary. */
static void read_body(struct conv *v, const struct yml *e, const char *where,
                      const char *summary_key, struct body *b) {
  memset(b, 0, sizeof *b);
  const struct yml *s = text_of(v, e, summary_key, where);
  const struct yml *desc =
      strcmp(summary_key, "description") ? text_of(v, e, "description", where)
                                         : NULL;
  const char *t = NULL;
  if (s) {
    b->summary = s;
    if (v->dl == DIALECT_YAMLRESUME) {
      md_split(v->a, s->s, &b->md);
      b->has_md = true;
      t = b->md.sum.n ? b->md.sum.v : NULL;
    } else {
      t = s->s;
    }
  }
  if (desc) {
    const char *d = trimmed(v, desc->s);
    if (!b->summary)
      b->summary = desc;
    if (!t)
      t = d;
    else if (!strpbrk(d, "*\n"))
      t = arena_printf(v->a, "*%s*\n%s", d, t);
    else
      t = arena_printf(v->a, "%s\n%s", d, t);
  }
  b->text = t;
}

/* The summary node: the source's own when it is unchanged. */
static struct yml *body_summary(struct conv *v, const struct body *b) {
  if (!b->text)
    return NULL;
  if (b->text == b->summary->s)
    return (struct yml *)b->summary;
  return text(v, b->text, b->summary->loc);
}

/* The summary with the list items as lines, for entries whose template
 * has no highlights (publications, references). */
static const char *body_flat(struct conv *v, const struct body *b) {
  if (!b->has_md || !b->md.items.n)
    return b->text;
  struct buf o = {0};
  if (b->text)
    buf_add(v->a, &o, b->text, strlen(b->text));
  for (int i = 0; i < b->md.items.n; i++) {
    const struct md_item *it = &b->md.items.v[i];
    if (!it->t.n)
      continue;
    if (o.n)
      buf_add(v->a, &o, "\n", 1);
    buf_add(v->a, &o, it->level ? "◦ " : "• ", strlen("• "));
    buf_add(v->a, &o, it->t.v, (size_t)it->t.n);
  }
  return o.n ? o.v : NULL;
}

/* highlights: the Markdown list, the source's highlights, then `extra`
 * lines ("Courses: ..."). */
static struct yml *highlights(struct conv *v, const struct yml *e,
                              const char *where, const struct body *b,
                              const char *const *extra, int nextra) {
  struct yml *seq = node(v, YML_SEQ, e->loc);
  if (b && b->has_md && b->md.items.n) {
    int i = 0;
    md_items(v, &b->md, &i, 0, seq, b->summary->loc);
  }
  const struct yml *hl = list_of(v, e, "highlights", where);
  for (int i = 0; hl && i < hl->n; i++) {
    struct yml *x = hl->kids[i];
    if (yml_is_null(x))
      continue;
    if (x->kind != YML_SCALAR) {
      diag_error(v->d, x->loc,
                 "expected a string for each of 'highlights' in %s, "
                 "found %s",
                 where, yml_kind_name(x));
      continue;
    }
    if (!blank(x->s))
      append(v, seq, as_text(v, x));
  }
  for (int i = 0; i < nextra; i++)
    if (extra[i])
      append(v, seq, text(v, extra[i], e->loc));
  return seq->n ? seq : NULL;
}

/* "term: a, b, c" for a list of keywords (or NULL) */
static const char *term_list(struct conv *v, const struct yml *e,
                             const char *key, const char *where,
                             const char *term) {
  const struct yml *l = list_of(v, e, key, where);
  char *j = joined(v, l, key, where, TERMS[v->lang][T_SEP]);
  return j ? arena_printf(v->a, "%s%s%s", term, TERMS[v->lang][T_COLON], j)
           : NULL;
}

static bool web_url(const char *s) {
  return strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0;
}

/* `name` as a link to the entry's url, when both are plain enough. */
static struct yml *linked(struct conv *v, const struct yml *name,
                          const struct yml *url) {
  if (!url || !web_url(url->s) || strpbrk(name->s, "[]\n") ||
      strpbrk(url->s, " \t\n()<>\""))
    return (struct yml *)name;
  return text(v, arena_printf(v->a, "[%s](%s)", trimmed(v, name->s),
                              trimmed(v, url->s)),
              name->loc);
}

static void skip_warning(struct conv *v, const struct yml *e,
                         const char *where, const char *needs) {
  diag_warn(v->d, e->loc, "this entry of %s has no %s; it is left out",
            where, needs);
}

/* work, volunteer: experience entries (company, position); a normal
 * entry when one of the two is missing. */
static struct yml *experience(struct conv *v, const struct yml *e,
                              const char *where, const char *org_key) {
  const struct yml *org = text_of(v, e, org_key, where);
  if (!org && strcmp(org_key, "name") == 0)
    org = text_of(v, e, "company", where); /* JSON Resume 0.x */
  const struct yml *pos = text_of(v, e, "position", where);
  const struct yml *url = text_of(v, e, "url", where);
  if (!url)
    url = text_of(v, e, "website", where);
  struct yml *out = node(v, YML_MAP, e->loc);
  if (org && pos) {
    put(v, out, "company", linked(v, org, url));
    put(v, out, "position", (struct yml *)pos);
  } else if (org || pos) {
    put(v, out, "name", linked(v, org ? org : pos, url));
  } else {
    skip_warning(v, e, where,
                 arena_printf(v->a, "'%s' and no 'position'", org_key));
    return NULL;
  }
  put(v, out, "location", text_of(v, e, "location", where));
  put_dates(v, out, e, where);
  struct body b;
  read_body(v, e, where, "summary", &b);
  put(v, out, "summary", body_summary(v, &b));
  const char *kw = term_list(v, e, "keywords", where, TERMS[v->lang][T_KEYWORDS]);
  put(v, out, "highlights", highlights(v, e, where, &b, &kw, 1));
  put(v, out, "url", (struct yml *)url);
  return out;
}

static struct yml *work(struct conv *v, const struct yml *e, const char *w) {
  return experience(v, e, w, "name");
}

static struct yml *volunteer(struct conv *v, const struct yml *e,
                             const char *w) {
  return experience(v, e, w, "organization");
}

static struct yml *education(struct conv *v, const struct yml *e,
                             const char *w) {
  const struct yml *inst = text_of(v, e, "institution", w);
  const struct yml *area = text_of(v, e, "area", w);
  const struct yml *deg = text_of(v, e, "studyType", w);
  if (!deg)
    deg = text_of(v, e, "degree", w); /* YAMLResume */
  const struct yml *url = text_of(v, e, "url", w);
  struct yml *out = node(v, YML_MAP, e->loc);
  if (inst && (area || deg)) {
    put(v, out, "institution", linked(v, inst, url));
    put(v, out, "area", (struct yml *)(area ? area : deg));
    if (area)
      put(v, out, "degree", (struct yml *)deg);
  } else if (inst || area || deg) {
    put(v, out, "name", linked(v, inst ? inst : area ? area : deg, url));
  } else {
    skip_warning(v, e, w, "'institution'");
    return NULL;
  }
  put(v, out, "location", text_of(v, e, "location", w));
  put_dates(v, out, e, w);
  struct body b;
  read_body(v, e, w, "summary", &b);
  put(v, out, "summary", body_summary(v, &b));
  const char *extra[2] = {NULL, NULL};
  const struct yml *score = text_of(v, e, "score", w);
  if (!score)
    score = text_of(v, e, "gpa", w);
  if (score) {
    const char *sc = trimmed(v, score->s);
    if (isalpha((unsigned char)sc[0]))
      extra[0] = sc; /* "First-class honours", "GPA 3.9" */
    else
      extra[0] = arena_printf(v->a, "%s%s%s",
                              v->dl == DIALECT_JSONRESUME
                                  ? "GPA"
                                  : TERMS[v->lang][T_SCORE],
                              TERMS[v->lang][T_COLON], sc);
  }
  extra[1] = term_list(v, e, "courses", w, TERMS[v->lang][T_COURSES]);
  put(v, out, "highlights", highlights(v, e, w, &b, extra, 2));
  put(v, out, "url", (struct yml *)url);
  return out;
}

/* A normal entry: `name` (linked to `url`), the organisation in the
 * place column, one date. */
static struct yml *normal(struct conv *v, const struct yml *e, const char *w,
                          const char *name_key, const char *org_key,
                          const char *date_key) {
  const struct yml *name = text_of(v, e, name_key, w);
  if (!name) {
    skip_warning(v, e, w, arena_printf(v->a, "'%s'", name_key));
    return NULL;
  }
  const struct yml *url = text_of(v, e, "url", w);
  struct yml *out = node(v, YML_MAP, e->loc);
  put(v, out, "name", linked(v, name, url));
  put(v, out, "location", text_of(v, e, org_key, w));
  put_date(v, out, e, date_key, w);
  struct body b;
  read_body(v, e, w, "summary", &b);
  put(v, out, "summary", body_summary(v, &b));
  put(v, out, "highlights", highlights(v, e, w, &b, NULL, 0));
  put(v, out, "url", (struct yml *)url);
  return out;
}

static struct yml *award(struct conv *v, const struct yml *e, const char *w) {
  return normal(v, e, w, "title", "awarder", "date");
}

static struct yml *certificate(struct conv *v, const struct yml *e,
                               const char *w) {
  return normal(v, e, w, "name", "issuer", "date");
}

static struct yml *publication(struct conv *v, const struct yml *e,
                               const char *w) {
  const struct yml *title = text_of(v, e, "name", w);
  if (!title)
    title = text_of(v, e, "title", w);
  if (!title) {
    skip_warning(v, e, w, "'name'");
    return NULL;
  }
  const struct yml *pub = text_of(v, e, "publisher", w);
  const struct yml *url = text_of(v, e, "url", w);
  struct body b;
  read_body(v, e, w, "summary", &b);
  const char *sum = body_flat(v, &b);
  struct yml *out = node(v, YML_MAP, e->loc);
  if (v->name) {
    /* RenderCV's publication entries need authors: the CV's owner */
    put(v, out, "title", (struct yml *)title);
    struct yml *authors = node(v, YML_SEQ, v->name->loc);
    append(v, authors, (struct yml *)v->name);
    put(v, out, "authors", authors);
    put(v, out, "journal", (struct yml *)pub);
    put(v, out, "url", (struct yml *)url);
  } else {
    put(v, out, "name", linked(v, title, url));
    put(v, out, "location", (struct yml *)pub);
  }
  put_date(v, out, e, "releaseDate", w);
  if (sum)
    put(v, out, "summary", sum == b.summary->s
                               ? (struct yml *)b.summary
                               : text(v, sum, b.summary->loc));
  return out;
}

/* A one-line entry; a text entry when one half is missing. */
static struct yml *one_line(struct conv *v, const struct yml *e,
                            const char *label, const char *details,
                            struct loc at) {
  if (label && details) {
    struct yml *out = node(v, YML_MAP, e->loc);
    put(v, out, "label", text(v, label, at));
    put(v, out, "details", text(v, details, at));
    return out;
  }
  if (label || details)
    return text(v, label ? label : details, at);
  return NULL;
}

static struct yml *skill(struct conv *v, const struct yml *e, const char *w) {
  const struct yml *name = text_of(v, e, "name", w);
  const struct yml *level = text_of(v, e, "level", w);
  char *kw = joined(v, list_of(v, e, "keywords", w), "keywords", w,
                    TERMS[v->lang][T_SEP]);
  const char *label = name ? trimmed(v, name->s) : NULL;
  const char *lv = level ? trimmed(v, level->s) : NULL;
  if (label && lv && kw)
    label = arena_printf(v->a, "%s (%s)", label, lv);
  else if (lv && !kw)
    kw = (char *)lv;
  else if (lv)
    label = lv;
  return one_line(v, e, label, kw, name ? name->loc : e->loc);
}

static struct yml *language(struct conv *v, const struct yml *e,
                            const char *w) {
  const struct yml *lang = text_of(v, e, "language", w);
  const struct yml *fl = text_of(v, e, "fluency", w);
  char *kw = joined(v, list_of(v, e, "keywords", w), "keywords", w,
                    TERMS[v->lang][T_SEP]);
  const char *details = fl ? trimmed(v, fl->s) : NULL;
  if (details && kw)
    details = arena_printf(v->a, "%s (%s)", details, kw);
  else if (kw)
    details = kw;
  return one_line(v, e, lang ? trimmed(v, lang->s) : NULL, details,
                  lang ? lang->loc : e->loc);
}

static struct yml *interest(struct conv *v, const struct yml *e,
                            const char *w) {
  const struct yml *name = text_of(v, e, "name", w);
  char *kw = joined(v, list_of(v, e, "keywords", w), "keywords", w,
                    TERMS[v->lang][T_SEP]);
  return one_line(v, e, name ? trimmed(v, name->s) : NULL, kw,
                  name ? name->loc : e->loc);
}

/* "*what they said* — name, relationship, email, phone" */
static struct yml *reference(struct conv *v, const struct yml *e,
                             const char *w) {
  const struct yml *name = text_of(v, e, "name", w);
  struct body b;
  read_body(v, e, w, yml_get(e, "reference") ? "reference" : "summary", &b);
  const char *said = body_flat(v, &b);
  struct buf who = {0};
  static const char *const keys[] = {"relationship", "email", "phone"};
  if (name)
    buf_add(v->a, &who, name->s, strlen(name->s));
  for (int i = 0; i < COUNT(keys); i++) {
    const struct yml *x = text_of(v, e, keys[i], w);
    if (!x)
      continue;
    if (who.n)
      buf_add(v->a, &who, ", ", 2);
    buf_add(v->a, &who, x->s, strlen(x->s));
  }
  struct loc at = b.summary ? b.summary->loc : name ? name->loc : e->loc;
  if (said) {
    said = trimmed(v, said);
    if (!strpbrk(said, "*\n"))
      said = arena_printf(v->a, "*%s*", said);
    return text(v, who.n ? arena_printf(v->a, "%s — %s", said, who.v) : said,
                at);
  }
  return who.n ? text(v, who.v, at) : NULL;
}

static struct yml *project(struct conv *v, const struct yml *e,
                           const char *w) {
  const struct yml *name = text_of(v, e, "name", w);
  if (!name) {
    skip_warning(v, e, w, "'name'");
    return NULL;
  }
  const struct yml *url = text_of(v, e, "url", w);
  struct yml *out = node(v, YML_MAP, e->loc);
  put(v, out, "name", linked(v, name, url));
  put(v, out, "location", text_of(v, e, "entity", w));
  put_dates(v, out, e, w);
  struct body b;
  /* JSON Resume's projects describe themselves in `description` */
  read_body(v, e, w, yml_get(e, "summary") ? "summary" : "description", &b);
  put(v, out, "summary", body_summary(v, &b));
  const char *extra[2] = {
      term_list(v, e, "roles", w, "Roles"),
      term_list(v, e, "keywords", w, TERMS[v->lang][T_KEYWORDS])};
  put(v, out, "highlights", highlights(v, e, w, &b, extra, 2));
  put(v, out, "url", (struct yml *)url);
  return out;
}

typedef struct yml *(*entry_fn)(struct conv *, const struct yml *,
                                const char *);

static const entry_fn ENTRY_FNS[NSECTIONS] = {
    NULL,       work,        volunteer, education, award,     certificate,
    publication, skill,      language,  interest,  reference, project};

/* ------------------------------------------------------------- header */

struct network {
  const char *key;  /* the name, lower case, letters and digits only */
  const char *name; /* cvpdf's */
  const char *prefix; /* its profile address, without scheme and www. */
};
static const struct network NETWORKS[] = {
    {"linkedin", "LinkedIn", "linkedin.com/in/"},
    {"github", "GitHub", "github.com/"},
    {"gitlab", "GitLab", "gitlab.com/"},
    {"imdb", "IMDB", "imdb.com/name/"},
    {"instagram", "Instagram", "instagram.com/"},
    {"orcid", "ORCID", "orcid.org/"},
    {"mastodon", "Mastodon", NULL},
    {"stackoverflow", "StackOverflow", "stackoverflow.com/users/"},
    {"researchgate", "ResearchGate", "researchgate.net/profile/"},
    {"youtube", "YouTube", "youtube.com/@"},
    {"googlescholar", "Google Scholar", "scholar.google.com/citations?user="},
    {"scholar", "Google Scholar", "scholar.google.com/citations?user="},
    {"telegram", "Telegram", "t.me/"},
    {"whatsapp", "WhatsApp", "wa.me/"},
    {"leetcode", "Leetcode", "leetcode.com/u/"},
    {"x", "X", "x.com/"},
    {"twitter", "X", "twitter.com/"},
    {"xtwitter", "X", "x.com/"},
    {"twitterx", "X", "x.com/"},
    {"bluesky", "Bluesky", "bsky.app/profile/"},
    {"reddit", "Reddit", "reddit.com/user/"},
};

/* s lower-cased, letters and digits only, into out (size n) */
static void squash(const char *s, char *out, size_t n) {
  size_t o = 0;
  for (; *s && o + 1 < n; s++)
    if (isalnum((unsigned char)*s))
      out[o++] = (char)tolower((unsigned char)*s);
  out[o] = '\0';
}

/* An address without "https://", "www." and a trailing '/'. */
static const char *bare_url(struct conv *v, const char *u) {
  if (strncmp(u, "https://", 8) == 0)
    u += 8;
  else if (strncmp(u, "http://", 7) == 0)
    u += 7;
  if (strncmp(u, "www.", 4) == 0)
    u += 4;
  size_t n = strlen(u);
  while (n && u[n - 1] == '/')
    n--;
  return arena_strndup(v->a, u, n);
}

/* A web address from what was written: "example.com" gets https://. */
static const char *web_address(struct conv *v, const char *u) {
  u = trimmed(v, u);
  if (web_url(u))
    return u;
  if (!strchr(u, '.') || strpbrk(u, " \t<>\"@:") || u[0] == '.' ||
      u[0] == '/')
    return NULL;
  return arena_printf(v->a, "https://%s", u);
}

static bool good_username(const char *u) {
  return *u && !strpbrk(u, " \t\n<>\"");
}

/* The username in a profile's address: "github.com/jdoe" -> "jdoe". */
static const char *user_from_url(struct conv *v, const struct network *nw,
                                 const char *url) {
  if (!url)
    return NULL;
  const char *b = bare_url(v, url);
  if (!nw->prefix) { /* Mastodon: instance.org/@name -> @name@instance.org */
    const char *at = strstr(b, "/@");
    if (!at || at == b || !at[2] || strpbrk(at + 2, "/?#"))
      return NULL;
    return arena_printf(v->a, "@%s@%.*s", at + 2, (int)(at - b), b);
  }
  size_t pn = strlen(nw->prefix);
  const char *rest = NULL;
  if (strncasecmp(b, nw->prefix, pn) == 0)
    rest = b + pn;
  else if (strcmp(nw->key, "twitter") == 0 && strncasecmp(b, "x.com/", 6) == 0)
    rest = b + 6;
  else if (strcmp(nw->name, "X") == 0 && strncasecmp(b, "twitter.com/", 12) == 0)
    rest = b + 12;
  if (!rest || !*rest)
    return NULL;
  /* StackOverflow's usernames are "id/name" */
  size_t n = strcmp(nw->name, "StackOverflow") == 0 ? strcspn(rest, "?#")
             : strcmp(nw->name, "Google Scholar") == 0 ? strcspn(rest, "&#")
                                                        : strcspn(rest, "/?#");
  return n ? arena_strndup(v->a, rest, n) : NULL;
}

/* An icon for a network cvpdf does not know: the network's name squashed
 * (no case, no spaces), when Font Awesome or Fork Awesome has an icon of
 * that name (icons.h), else "link". */
static const char *icon_for(struct conv *v, const char *network) {
  char key[40];
  squash(network, key, sizeof key);
  if (strcmp(key, "wechat") == 0)
    return "weixin";
  struct icon ic;
  if (icon_named(key, &ic))
    return arena_strdup(v->a, key);
  return "link";
}

/* profiles -> social_networks (cvpdf's networks, with a username) and
 * custom_connections (the rest: the username or the address, linked). */
static void profiles(struct conv *v, const struct yml *list,
                     struct yml *socials, struct yml *customs) {
  for (int i = 0; list && i < list->n; i++) {
    const struct yml *p = list->kids[i];
    if (yml_is_null(p))
      continue;
    if (p->kind != YML_MAP) {
      diag_error(v->d, p->loc,
                 "expected a mapping (network, username, url) for each "
                 "of 'profiles', found %s",
                 yml_kind_name(p));
      continue;
    }
    const char *w = "a profile";
    const struct yml *net = text_of(v, p, "network", w);
    const struct yml *user = text_of(v, p, "username", w);
    const struct yml *url = text_of(v, p, "url", w);
    const char *addr = url ? web_address(v, url->s) : NULL;
    char key[40] = "";
    if (net)
      squash(net->s, key, sizeof key);
    const struct network *nw = NULL;
    for (int k = 0; k < COUNT(NETWORKS) && key[0]; k++)
      if (strcmp(key, NETWORKS[k].key) == 0)
        nw = &NETWORKS[k];
    if (nw) {
      const char *u = user ? trimmed(v, user->s) : NULL;
      if (u && nw->prefix) {
        if (u[0] == '@')
          u++;
      } else if (u && !strchr(u[0] == '@' ? u + 1 : u, '@')) {
        u = NULL; /* a Mastodon name needs its instance */
      }
      if (!u || !good_username(u))
        u = user_from_url(v, nw, addr);
      if (u && good_username(u)) {
        struct loc at = user ? user->loc : url->loc;
        struct yml *m = node(v, YML_MAP, p->loc);
        put(v, m, "network", text(v, nw->name, net->loc));
        put(v, m, "username", text(v, u, at));
        append(v, socials, m);
        continue;
      }
    }
    if (!user && !addr)
      continue; /* nothing to show */
    struct yml *m = node(v, YML_MAP, p->loc);
    put(v, m, "placeholder",
        user ? (struct yml *)user : text(v, bare_url(v, addr), url->loc));
    if (addr)
      put(v, m, "url", text(v, addr, url->loc));
    if (net)
      put(v, m, "fontawesome_icon", text(v, icon_for(v, net->s), net->loc));
    append(v, customs, m);
  }
}

/* cv.c's rule for a phone number: digits, spaces, -.()/ and a leading +. */
static bool phone_ok(const char *s) {
  if (strncmp(s, "tel:", 4) == 0)
    s += 4;
  int nd = 0;
  for (const char *p = s; *p; p++) {
    if (isdigit((unsigned char)*p))
      nd++;
    else if (!(*p == '+' && nd == 0) && !strchr(" -.()/", *p))
      return false;
  }
  return nd >= 3;
}

static bool local_path(const char *s) {
  return !strstr(s, "://") && strncmp(s, "data:", 5) && strncmp(s, "//", 2);
}

/* The header: name, headline, photo, location, email, phone, website,
 * social networks, other profiles. */
static void header(struct conv *v, const struct yml *basics,
                   const struct yml *content, struct yml *cv) {
  const char *w = "'basics'";
  put(v, cv, "name", (struct yml *)v->name);
  const struct yml *hl = text_of(v, basics, "label", w);
  if (!hl)
    hl = text_of(v, basics, "headline", w);
  put(v, cv, "headline", (struct yml *)hl);
  const struct yml *img = text_of(v, basics, "image", w);
  if (!img)
    img = text_of(v, basics, "picture", w); /* JSON Resume 0.x */
  if (img && local_path(img->s))
    put(v, cv, "photo", (struct yml *)img);
  else if (img && !blank(img->s))
    diag_warn(v->d, img->loc,
              "the image '%.80s' is not a file beside the CV (cvpdf fetches "
              "nothing from the web): the CV has no photo; save it as a "
              "PNG or JPEG file and give its path",
              img->s);

  /* location: JSON Resume's inside basics, YAMLResume's beside it */
  const struct yml *where = yml_get(basics, "location");
  if (!where)
    where = yml_get(content, "location");
  if (where && where->kind == YML_SCALAR && !yml_is_null(where) &&
      !blank(where->s)) {
    put(v, cv, "location", as_text(v, (struct yml *)where));
  } else if (where && where->kind == YML_MAP) {
    static const char *const parts[] = {"city", "region", "country",
                                        "countryCode"};
    struct buf b = {0};
    struct loc at = where->loc;
    bool have_country = false;
    for (int i = 0; i < COUNT(parts); i++) {
      if (i == 3 && have_country)
        break;
      const struct yml *x = text_of(v, where, parts[i], "'location'");
      if (!x)
        continue;
      have_country |= i == 2;
      if (!b.n)
        at = x->loc;
      else
        buf_add(v->a, &b, ", ", 2);
      const char *t = trimmed(v, x->s);
      buf_add(v->a, &b, t, strlen(t));
    }
    if (b.n)
      put(v, cv, "location", text(v, b.v, at));
  } else if (where && !yml_is_null(where) && where->kind != YML_SCALAR) {
    diag_error(v->d, where->loc,
               "expected a mapping (city, region, country) for "
               "'location', found %s",
               yml_kind_name(where));
  }

  const struct yml *email = text_of(v, basics, "email", w);
  if (email && strncmp(email->s, "mailto:", 7) == 0)
    email = text(v, email->s + 7, email->loc);
  put(v, cv, "email", (struct yml *)email);

  struct yml *customs = node(v, YML_SEQ, basics ? basics->loc : cv->loc);
  const struct yml *phone = text_of(v, basics, "phone", w);
  if (phone && phone_ok(trimmed(v, phone->s))) {
    put(v, cv, "phone", text(v, trimmed(v, phone->s), phone->loc));
  } else if (phone) { /* "555-0100 ext. 12": shown as written */
    struct yml *m = node(v, YML_MAP, phone->loc);
    put(v, m, "placeholder", (struct yml *)phone);
    put(v, m, "fontawesome_icon", text(v, "phone", phone->loc));
    append(v, customs, m);
  }

  const struct yml *url = text_of(v, basics, "url", w);
  if (!url)
    url = text_of(v, basics, "website", w); /* JSON Resume 0.x */
  if (url) {
    const char *addr = web_address(v, url->s);
    put(v, cv, "website",
        addr && addr != url->s ? text(v, addr, url->loc) : (struct yml *)url);
  }

  struct yml *socials = node(v, YML_SEQ, cv->loc);
  const struct yml *pl = yml_get(basics, "profiles") ? list_of(v, basics, "profiles", w)
                                                   : list_of(v, content, "profiles", "'content'");
  struct yml *later = node(v, YML_SEQ, cv->loc);
  profiles(v, pl, socials, later);
  for (int i = 0; i < later->n; i++)
    append(v, customs, later->kids[i]);
  if (socials->n)
    put(v, cv, "social_networks", socials);
  if (customs->n)
    put(v, cv, "custom_connections", customs);
}

/* basics.summary: one text entry (YAMLResume's list items: bullets). */
static struct yml *summary_section(struct conv *v, const struct yml *basics) {
  struct body b;
  read_body(v, basics, "'basics'", "summary", &b);
  if (!b.summary)
    return NULL;
  struct yml *list = node(v, YML_SEQ, b.summary->loc);
  append(v, list, body_summary(v, &b));
  if (b.has_md && b.md.items.n) {
    struct yml *items = node(v, YML_SEQ, b.summary->loc);
    int i = 0;
    md_items(v, &b.md, &i, 0, items, b.summary->loc);
    for (int k = 0; k < items->n; k++) {
      struct yml *it = items->kids[k];
      if (it->kind == YML_SCALAR) {
        struct yml *m = node(v, YML_MAP, it->loc);
        put(v, m, "bullet", it);
        it = m;
      }
      append(v, list, it);
    }
  }
  return list->n ? list : NULL;
}

/* ------------------------------------------------------------- layouts */

/* YAMLResume's templates -> cvpdf's nearest themes */
static const struct {
  const char *tmpl, *theme;
} TEMPLATES[] = {
    {"jake", "sb2nov"}, /* Jake's resume is sb2nov's, reworked */
    {"moderncv-banking", "moderncv"},
    {"moderncv-casual", "moderncv"},
    {"moderncv-classic", "moderncv"},
};

/* A YAMLResume boolean (left for style.c to check) at design path. */
static struct yml *value(struct conv *v, const struct yml *m,
                         const char *key) {
  struct yml *x = yml_get(m, key);
  return x && !yml_is_null(x) ? x : NULL;
}

static void put_nonempty(struct conv *v, struct yml *m, const char *key,
                         struct yml *child) {
  if (child && child->n)
    put(v, m, key, child);
}

/* The first layout -> design; its sections block is returned. */
static const struct yml *layout_design(struct conv *v, const struct yml *lay,
                                       struct yml *design) {
  const char *w = "a layout";
  const struct yml *tmpl = yml_get(lay, "template");
  if (tmpl && tmpl->kind == YML_MAP) /* older files: template: {id: ...} */
    tmpl = yml_get(tmpl, "id");
  if (tmpl && tmpl->kind == YML_SCALAR && !yml_is_null(tmpl)) {
    int found = -1;
    for (int i = 0; i < COUNT(TEMPLATES); i++)
      if (strcasecmp(tmpl->s, TEMPLATES[i].tmpl) == 0)
        found = i;
    if (found >= 0)
      put(v, design, "theme", text(v, TEMPLATES[found].theme, tmpl->loc));
    else
      diag_warn(v->d, tmpl->loc,
                "no cvpdf theme is like the YAMLResume template '%.60s' "
                "(known: jake, moderncv-banking, moderncv-casual, "
                "moderncv-classic): the default theme is used",
                tmpl->s);
  }

  struct yml *page = node(v, YML_MAP, lay->loc);
  const struct yml *pg = map_of(v, lay, "page", w);
  const struct yml *margins = map_of(v, pg, "margins", "'page'");
  if (!margins)
    margins = map_of(v, lay, "margins", w); /* older files */
  static const char *const sides[] = {"top", "bottom", "left", "right"};
  for (int i = 0; i < 4; i++) {
    struct yml *x = value(v, margins, sides[i]);
    if (x)
      put_at(v, page, arena_printf(v->a, "%s_margin", sides[i]),
             key_loc(margins, sides[i]), x);
  }
  const struct yml *paper = text_of(v, pg, "paperSize", "'page'");
  if (paper) {
    char k[16];
    squash(paper->s, k, sizeof k);
    const char *size = !strcmp(k, "a4")       ? "a4"
                       : !strcmp(k, "a5")     ? "a5"
                       : !strcmp(k, "letter") ? "us-letter"
                       : !strcmp(k, "usletter") ? "us-letter"
                                                : NULL;
    if (size)
      put(v, page, "size", text(v, size, paper->loc));
    else
      diag_error(v->d, paper->loc,
                 "unknown paper size '%s': expected A4 or Letter", paper->s);
  }
  put(v, page, "show_footer", value(v, pg, "showPageNumbers"));
  put_nonempty(v, design, "page", page);

  const struct yml *ty = map_of(v, lay, "typography", w);
  const struct yml *fs = text_of(v, ty, "fontSize", "'typography'");
  if (fs) {
    struct yml *sizes = node(v, YML_MAP, fs->loc);
    size_t n = strlen(fs->s);
    char *end = NULL;
    double px = strtod(fs->s, &end);
    if (n > 2 && !strcmp(fs->s + n - 2, "px") && end == fs->s + n - 2)
      put(v, sizes, "body",
          text(v, arena_printf(v->a, "%gpt", px * 0.75), fs->loc));
    else
      put(v, sizes, "body", (struct yml *)fs);
    struct yml *t = node(v, YML_MAP, fs->loc);
    put(v, t, "font_size", sizes);
    put(v, design, "typography", t);
  }
  const struct yml *links = map_of(v, ty, "links", "'typography'");
  struct yml *lk = node(v, YML_MAP, links ? links->loc : lay->loc);
  put(v, lk, "underline", value(v, links, "underline"));
  put_nonempty(v, design, "links", lk);

  const struct yml *adv = map_of(v, lay, "advanced", w);
  struct yml *conn = node(v, YML_MAP, adv ? adv->loc : lay->loc);
  put(v, conn, "show_icons", value(v, adv, "showIcons"));
  put(v, conn, "display_urls_instead_of_usernames", value(v, adv, "showUrls"));
  if (conn->n) {
    struct yml *h = node(v, YML_MAP, conn->loc);
    put(v, h, "connections", conn);
    put(v, design, "header", h);
  }
  return map_of(v, lay, "sections", w);
}

/* ------------------------------------------------------------- the CV */

/* JSON Resume: the usual order; YAMLResume: its default order. */
static const int JR_ORDER[NSECTIONS] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
static const int YR_ORDER[NSECTIONS] = {0, 3, 1, 8, 7, 4, 5, 6, 10, 11, 9, 2};

static int section_index(const char *id) {
  for (int i = 0; i < NSECTIONS; i++)
    if (strcmp(SECTION_IDS[i], id) == 0)
      return i;
  return -1;
}

/* sections.order: the sections named first, the others after them in
 * the default order. */
static void section_order(struct conv *v, const struct yml *sections,
                          int *order) {
  bool used[NSECTIONS] = {false};
  int n = 0;
  const struct yml *o = list_of(v, sections, "order", "'sections'");
  for (int i = 0; o && i < o->n; i++) {
    const struct yml *x = o->kids[i];
    int k = x->kind == YML_SCALAR ? section_index(x->s) : -1;
    if (k < 0) {
      const char *s = x->kind == YML_SCALAR
                          ? diag_suggest(x->s, SECTION_IDS, NSECTIONS)
                          : NULL;
      if (s)
        diag_error(v->d, x->loc,
                   "unknown section '%s' in 'order' (did you mean "
                   "'%s'?)",
                   x->s, s);
      else
        diag_error(v->d, x->loc,
                   "unknown section %s%s%s in 'order'; expected one of "
                   "basics, education, work, volunteer, awards, "
                   "certificates, publications, skills, languages, "
                   "interests, references, projects",
                   x->kind == YML_SCALAR ? "'" : "",
                   x->kind == YML_SCALAR ? x->s : yml_kind_name(x),
                   x->kind == YML_SCALAR ? "'" : "");
      continue;
    }
    if (!used[k])
      order[n++] = k;
    used[k] = true;
  }
  for (int i = 0; i < NSECTIONS; i++)
    if (!used[YR_ORDER[i]])
      order[n++] = YR_ORDER[i];
}

static struct yml *convert(struct conv *v, struct yml *root) {
  const struct yml *content = root;
  const struct yml *sections_cfg = NULL;
  struct yml *design = node(v, YML_MAP, root->loc);
  struct yml *locale = NULL;
  if (v->dl == DIALECT_YAMLRESUME) {
    content = map_of(v, root, "content", "the top level");
    if (!content) {
      if (v->d->errors == v->errors)
        diag_error(v->d, root->loc,
                   "a YAMLResume file holds its CV in 'content' (with "
                   "'basics', 'education', ...), and this file has "
                   "no 'content'");
      return NULL;
    }
    const struct yml *lc = map_of(v, root, "locale", "the top level");
    const struct yml *layouts = yml_get(root, "layouts");
    const struct yml *lay = NULL;
    if (layouts && !yml_is_null(layouts)) {
      if (layouts->kind != YML_SEQ)
        diag_error(v->d, layouts->loc,
                   "expected a list of layouts for 'layouts', "
                   "found %s",
                   yml_kind_name(layouts));
      else if (layouts->n) {
        lay = layouts->kids[0];
        if (lay->kind != YML_MAP) {
          diag_error(v->d, lay->loc,
                     "expected a mapping for a layout, found %s",
                     yml_kind_name(lay));
          lay = NULL;
        }
      }
    } else {
      lay = map_of(v, root, "layout", "the top level"); /* older files */
      if (!lc && lay)
        lc = map_of(v, lay, "locale", "'layout'");
    }
    const struct yml *lang = text_of(v, lc, "language", "'locale'");
    if (lang) {
      int k = find_locale(trimmed(v, lang->s));
      if (k >= 0) {
        v->lang = LOCALES[k].terms;
        locale = node(v, YML_MAP, lc->loc);
        put(v, locale, "language", text(v, LOCALES[k].language, lang->loc));
      } else if (code_eq("cat", lang->s, strlen(lang->s))) {
        diag_warn(v->d, lang->loc, "cvpdf has no Catalan words for dates; "
                                   "they are set in English");
      } else {
        diag_error(v->d, lang->loc,
                   "unknown locale language '%s'; expected en, "
                   "zh-hans, zh-hant-hk, zh-hant-tw, es, fr, no, nl, "
                   "ja, de, id, pt-br (or one of cvpdf's languages)",
                   lang->s);
      }
    }
    if (lay)
      sections_cfg = layout_design(v, lay, design);
  }

  const struct yml *basics =
      map_of(v, content, "basics",
             v->dl == DIALECT_YAMLRESUME ? "'content'" : "the file");
  v->name = text_of(v, basics, "name", "'basics'");
  struct yml *cv = node(v, YML_MAP, basics ? basics->loc : root->loc);
  header(v, basics, content, cv);

  int order[NSECTIONS];
  if (v->dl == DIALECT_YAMLRESUME)
    section_order(v, sections_cfg, order);
  else
    memcpy(order, JR_ORDER, sizeof order);
  const struct yml *aliases = map_of(v, sections_cfg, "aliases", "'sections'");

  struct yml *sections = node(v, YML_MAP, root->loc);
  for (int i = 0; i < NSECTIONS; i++) {
    int k = order[i];
    const char *id = SECTION_IDS[k];
    struct yml *list;
    struct loc at;
    if (k == T_BASICS) {
      list = summary_section(v, basics);
      at = key_loc(basics, "summary");
    } else {
      const struct yml *src =
          list_of(v, content, id,
                  v->dl == DIALECT_YAMLRESUME ? "'content'" : "the file");
      if (!src)
        continue;
      at = key_loc(content, id);
      list = node(v, YML_SEQ, src->loc);
      const char *w = arena_printf(v->a, "'%s'", id);
      for (int j = 0; j < src->n; j++) {
        const struct yml *e = src->kids[j];
        if (yml_is_null(e))
          continue;
        if (e->kind != YML_MAP) {
          diag_error(v->d, e->loc,
                     "expected a mapping for each entry of '%s', found %s", id,
                     yml_kind_name(e));
          continue;
        }
        append(v, list, ENTRY_FNS[k](v, e, w));
      }
    }
    if (!list || !list->n)
      continue;
    const struct yml *alias = text_of(v, aliases, id, "'aliases'");
    const char *title = alias ? trimmed(v, alias->s) : TERMS[v->lang][k];
    put_at(v, sections, title, alias ? alias->loc : at, list);
  }
  put_nonempty(v, cv, "sections", sections);

  struct yml *out = node(v, YML_MAP, root->loc);
  put_at(v, out, "cv", root->loc, cv);
  put_nonempty(v, out, "design", design);
  put_nonempty(v, out, "locale", locale);
  return out;
}

struct yml *dialect_to_rendercv(struct ctx *c, struct yml *root,
                                enum dialect d) {
  if (d == DIALECT_AUTO)
    d = dialect_detect(root);
  if (d == DIALECT_RENDERCV || !root)
    return root;
  struct conv v = {&c->doc, c->diag, d, c->diag->errors, 0, NULL};
  const char *name = d == DIALECT_JSONRESUME ? "JSON Resume" : "YAMLResume";
  if (root->kind != YML_MAP) {
    diag_error(v.d, root->loc,
               "expected a mapping at the top of a %s file, found %s", name,
               yml_kind_name(root));
    return NULL;
  }
  /* a dialect forced on a file that is not in it */
  enum dialect seen = dialect_detect(root);
  bool fits = d == DIALECT_YAMLRESUME ? yml_get(root, "content") != NULL
                                      : has_any(root, JR_KEYS, COUNT(JR_KEYS));
  if (!fits) {
    if (seen == DIALECT_RENDERCV && yml_get(root, "cv"))
      diag_error(v.d, root->loc,
                 "this is not a %s file: it has 'cv', as a RenderCV "
                 "file has (read it with --from rendercv)",
                 name);
    else if (seen != DIALECT_RENDERCV)
      diag_error(v.d, root->loc,
                 "this is not a %s file: it looks like %s (read it "
                 "with --from %s)",
                 name,
                 seen == DIALECT_JSONRESUME ? "JSON Resume" : "YAMLResume",
                 dialect_name(seen));
    else if (d == DIALECT_YAMLRESUME)
      diag_error(v.d, root->loc,
                 "a YAMLResume file holds its CV in 'content' (with "
                 "'basics', 'education', ...), and this file has no "
                 "'content'");
    else
      diag_error(v.d, root->loc,
                 "this is not a JSON Resume file: it has none of "
                 "'basics', 'work', 'education', 'skills', ...");
    return NULL;
  }
  struct yml *out = convert(&v, root);
  return c->diag->errors == v.errors ? out : NULL;
}
