/* tmpl.c: placeholder substitution and date formatting (see tmpl.h),
 * within the bound TMPL_MAX_FILL. */
#include "tmpl.h"

#include <stdio.h>
#include <string.h>

static bool ph_char(char c) { return (c >= 'A' && c <= 'Z') || c == '_'; }
/* A placeholder stands apart from ASCII letters and digits only: RenderCV
 * replaces its names wherever they stand, so "YEAR年MONTH月" and
 * "COMPANY–POSITION" are filled (a name inside an ASCII word, such as
 * "MONTHS" for MONTH, is not). */
static bool word_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9') || c == '_';
}

/* Is there a placeholder (a whole word of [A-Z_]) at s[i]? Its length. */
static int placeholder_at(const char *s, int len, int i) {
  if (i > 0 && word_char(s[i - 1]))
    return 0;
  int j = i;
  while (j < len && ph_char(s[j]))
    j++;
  if (j == i || (j < len && word_char(s[j])))
    return 0;
  /* a single capital letter is a word, not a placeholder */
  if (j - i < 2)
    return 0;
  return j - i;
}

char *tmpl_line(struct arena *a, const char *line, int len, tmpl_lookup fn,
                void *user, bool prune, bool *too_long) {
  /* pass 1: drop whitespace-delimited tokens holding a missing placeholder */
  VEC(char) t = {0};
  int i = 0;
  while (i < len) {
    if (line[i] == ' ' || line[i] == '\t') {
      VEC_PUSH(a, t, line[i]);
      i++;
      continue;
    }
    int j = i;
    while (j < len && line[j] != ' ' && line[j] != '\t')
      j++;
    bool missing = false;
    for (int k = i; k < j; k++) {
      int n = placeholder_at(line, j, k);
      if (n) {
        if (prune && !fn(user, line + k, n))
          missing = true;
        k += n - 1;
      }
    }
    if (!missing)
      for (int k = i; k < j; k++)
        VEC_PUSH(a, t, line[k]);
    i = j;
  }
  /* trailing clean-up: spaces and punctuation other than .!?[]()*_% */
  int n = t.n;
  while (n > 0 && prune) {
    char c = t.v[n - 1];
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                (c >= '0' && c <= '9') || strchr(".!?[]()*_%", c) ||
                (unsigned char)c >= 0x80;
    if (keep && c != 0)
      break;
    n--;
  }
  /* all blank? */
  int first = 0;
  while (prune && first < n && (t.v[first] == ' ' || t.v[first] == '\t'))
    first++;
  if (first >= n)
    return NULL;
  /* pass 2: substitute, checking the bound before anything is copied (so
   * a line too long is never made) */
  VEC(char) out = {0};
  for (int k = first; k < n;) {
    int m = placeholder_at(t.v, n, k);
    if (m) {
      const char *v = fn(user, t.v + k, m);
      if (v) {
        size_t vl = strlen(v);
        if ((size_t)out.n + vl > TMPL_MAX_FILL) {
          *too_long = true;
          return NULL;
        }
        VEC_RESERVE(a, out, out.n + (int)vl + 1);
        memcpy(out.v + out.n, v, vl);
        out.n += (int)vl;
        k += m;
        /* a value that ends a sentence ("et al.", "Jr.") takes the
         * template's period after it: one period, not two (an ellipsis
         * stays) */
        if (prune && vl && v[vl - 1] == '.' && (vl < 2 || v[vl - 2] != '.') &&
            k < n && t.v[k] == '.' && (k + 1 >= n || t.v[k + 1] != '.'))
          k++;
        continue;
      }
      /* a placeholder inside a kept token (cannot be missing here) */
    }
    if ((size_t)out.n + 1 > TMPL_MAX_FILL) {
      *too_long = true;
      return NULL;
    }
    VEC_PUSH(a, out, t.v[k]);
    k++;
  }
  VEC_PUSH(a, out, 0);
  return out.v;
}

struct date_ph {
  const char *names[16];
  const char *values[16];
};

static const char *date_lookup(void *user, const char *name, int len) {
  struct date_ph *d = user;
  for (int i = 0; i < 16 && d->names[i]; i++)
    if ((int)strlen(d->names[i]) == len && memcmp(d->names[i], name, (size_t)len) == 0)
      return d->values[i];
  return NULL;
}

const char *tmpl_date(struct arena *a, const struct style *s,
                      const struct date *d, bool *too_long) {
  switch (d->kind) {
  case DATE_NONE:
    return NULL;
  case DATE_YEAR:
    return arena_printf(a, "%d", d->year);
  case DATE_PRESENT:
    return s->locale.present;
  case DATE_TEXT:
    return d->text;
  case DATE_ISO:
    break;
  }
  int m = d->month ? d->month : 1, day = d->day ? d->day : 1;
  struct date_ph ph = {
      {"MONTH_NAME", "MONTH_ABBREVIATION", "MONTH", "MONTH_IN_TWO_DIGITS",
       "DAY", "DAY_IN_TWO_DIGITS", "YEAR", "YEAR_IN_TWO_DIGITS"},
      {s->locale.month_names[m - 1], s->locale.month_abbr[m - 1],
       arena_printf(a, "%d", m), arena_printf(a, "%02d", m),
       arena_printf(a, "%d", day), arena_printf(a, "%02d", day),
       arena_printf(a, "%d", d->year), arena_printf(a, "%02d", d->year % 100)}};
  const char *t = s->t_single_date;
  bool over = false;
  char *r = tmpl_line(a, t, (int)strlen(t), date_lookup, &ph, false, &over);
  if (over) {
    *too_long = true;
    return NULL;
  }
  return r ? r : "";
}

/* days since 1970 (proleptic Gregorian) */
static long days(int y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static const char *time_span(struct arena *a, const struct style *s,
                             const struct entry *e, const struct cv *cv,
                             bool *too_long) {
  const struct date *st = &e->start, *en = &e->end;
  int sy = st->year, ey = en->kind == DATE_PRESENT ? cv->today_year : en->year;
  struct date_ph ph = {{"HOW_MANY_YEARS", "YEARS", "HOW_MANY_MONTHS", "MONTHS"},
                       {NULL, NULL, NULL, NULL}};
  if (st->kind == DATE_YEAR || en->kind == DATE_YEAR) {
    int y = ey - sy;
    ph.values[0] = y < 2 ? "1" : arena_printf(a, "%d", y);
    ph.values[1] = y < 2 ? s->locale.year : s->locale.years;
  } else {
    long d0 = days(sy, st->month ? st->month : 1, st->day ? st->day : 1);
    long d1 = en->kind == DATE_PRESENT
                  ? days(cv->today_year, cv->today_month, cv->today_day)
                  : days(ey, en->month ? en->month : 1, en->day ? en->day : 1);
    long span = d1 - d0;
    long yrs = span / 365, mos = (span % 365) / 30 + 1;
    yrs += mos / 12;
    mos %= 12;
    if (yrs > 0) {
      ph.values[0] = arena_printf(a, "%ld", yrs);
      ph.values[1] = yrs == 1 ? s->locale.year : s->locale.years;
    }
    if (mos > 0) {
      ph.values[2] = arena_printf(a, "%ld", mos);
      ph.values[3] = mos == 1 ? s->locale.month : s->locale.months;
    }
  }
  const char *t = s->t_time_span;
  return tmpl_line(a, t, (int)strlen(t), date_lookup, &ph, true, too_long);
}

const char *tmpl_entry_date(struct arena *a, const struct style *s,
                            const struct entry *e, bool span,
                            const struct cv *cv, bool *too_long) {
  if (e->date.kind != DATE_NONE)
    return tmpl_date(a, s, &e->date, too_long);
  if (e->start.kind == DATE_NONE)
    return NULL;
  bool over = false;
  struct date_ph ph = {{"START_DATE", "END_DATE"},
                       {tmpl_date(a, s, &e->start, &over),
                        tmpl_date(a, s, &e->end, &over)}};
  const char *t = s->t_date_range;
  const char *range =
      over ? NULL
           : tmpl_line(a, t, (int)strlen(t), date_lookup, &ph, false, &over);
  const char *ts = span && range ? time_span(a, s, e, cv, &over) : NULL;
  /* the range and its span together are one filled template */
  if (over || (ts && strlen(range) + 1 + strlen(ts) > TMPL_MAX_FILL)) {
    *too_long = true;
    return NULL;
  }
  return ts ? arena_printf(a, "%s\n%s", range, ts) : range;
}

const char *tmpl_note(struct arena *a, const struct style *s,
                      const struct cv *cv, const char *tmpl, const char *name,
                      int page, int total, bool *too_long) {
  if (!tmpl)
    return NULL;
  struct date today = {DATE_ISO, cv->today_year, cv->today_month,
                       cv->today_day, NULL, {0}};
  int m = today.month ? today.month : 1, day = today.day ? today.day : 1;
  bool over = false;
  const char *date = tmpl_date(a, s, &today, &over);
  if (over) {
    *too_long = true;
    return NULL;
  }
  struct date_ph ph = {
      {"NAME", "PAGE_NUMBER", "TOTAL_PAGES", "CURRENT_DATE", "LAST_UPDATED",
       "TODAY", /* RenderCV 2.3's name for CURRENT_DATE */
       "MONTH_NAME", "MONTH_ABBREVIATION", "MONTH", "MONTH_IN_TWO_DIGITS",
       "DAY", "DAY_IN_TWO_DIGITS", "YEAR", "YEAR_IN_TWO_DIGITS"},
      {name ? name : "", arena_printf(a, "%d", page),
       arena_printf(a, "%d", total), date,
       s->locale.last_updated, date, s->locale.month_names[m - 1],
       s->locale.month_abbr[m - 1], arena_printf(a, "%d", m),
       arena_printf(a, "%02d", m), arena_printf(a, "%d", day),
       arena_printf(a, "%02d", day), arena_printf(a, "%d", today.year),
       arena_printf(a, "%02d", today.year % 100)}};
  return tmpl_line(a, tmpl, (int)strlen(tmpl), date_lookup, &ph, false,
                   too_long);
}
