/* test_cv.c: the CV model loader (cv.c): entry types from their keys,
 * required fields, unknown and misspelt keys, page breaks, dates and
 * their ranges, numbering, section titles, header connections, settings,
 * older RenderCV names, highlights, tables and the positions carried on
 * texts. Each case is YAML in, model and messages out. */
#include <stdlib.h>

#include "cv.h"
#include "doc.h"
#include "harness.h"

void test_cv(void);

static struct ctx C;
static struct diag D;
static struct cv CV;
static char *msgs; /* everything the last load() printed */
static size_t msgs_len;
static FILE *msgs_f;

/* Parse yaml (as "t.yaml") and load it into CV; messages go to msgs. */
static bool load(const char *yaml) {
  if (msgs_f)
    fclose(msgs_f);
  free(msgs);
  msgs = NULL;
  msgs_f = open_memstream(&msgs, &msgs_len);
  bool verbose = D.verbose; /* kept from one load to the next */
  diag_init(&D, msgs_f);
  D.verbose = verbose;
  struct yml_limits lim = {DOC_MAX_DEPTH, DOC_MAX_NODES, DOC_MAX_SCALAR};
  bool empty = false;
  struct yml *root =
      yml_parse(&C.doc, &D, "t.yaml", yaml, strlen(yaml), &lim, &empty);
  bool ok = false;
  memset(&CV, 0, sizeof CV);
  if (root)
    ok = cv_load(&C, root, &CV);
  else
    fprintf(msgs_f, "test_cv: the YAML did not parse\n");
  fflush(msgs_f);
  return ok;
}

static bool said(const char *text) { return msgs && strstr(msgs, text); }

/* the messages hold `text`; on failure, show them */
#define CHECK_SAID(text)                                                       \
  do {                                                                         \
    CHECK(said(text));                                                         \
    if (!said(text))                                                           \
      fprintf(stderr, "  messages were:\n%s", msgs ? msgs : "");               \
  } while (0)

#define ENT(s, j) (&CV.sections[s].entries[j])
#define FIELD(e, key) (entry_field((e), (key)) ? entry_field((e), (key))->s : NULL)

static void test_types(void) {
  /* the type follows from the characteristic keys; types mix in a section;
   * a plain string is a text entry; extra keys are kept as fields */
  CHECK(load("cv:\n"
             "  sections:\n"
             "    mixed:\n"
             "      - institution: MIT\n"
             "        area: Computer Science\n"
             "      - company: ACME\n"
             "        position: Engineer\n"
             "      - name: A project\n"
             "        summary: Something built\n"
             "      - title: A paper\n"
             "        authors: [Ada Lovelace, Charles Babbage]\n"
             "      - label: Languages\n"
             "        details: C, Python\n"
             "      - bullet: A point\n"
             "      - number: First\n"
             "      - reversed_number: Last\n"
             "      - text: A paragraph\n"
             "      - Just a string\n"
             "      - table:\n"
             "          rows: [[a, b]]\n"
             "      - page_break: true\n"));
  CHECK_INT(D.errors, 0);
  CHECK_INT(CV.nsections, 1);
  CHECK_INT(CV.sections[0].n, 12);
  static const enum entry_kind want[] = {
      ENTRY_EDUCATION, ENTRY_EXPERIENCE, ENTRY_NORMAL, ENTRY_PUBLICATION,
      ENTRY_ONE_LINE,  ENTRY_BULLET,     ENTRY_NUMBERED, ENTRY_REVERSED,
      ENTRY_TEXT,      ENTRY_TEXT,       ENTRY_TABLE,  ENTRY_PAGE_BREAK};
  for (int j = 0; j < 12 && j < CV.sections[0].n; j++)
    CHECK_INT(ENT(0, j)->kind, want[j]);
  CHECK_STR(FIELD(ENT(0, 0), "institution"), "MIT");
  CHECK_STR(FIELD(ENT(0, 0), "area"), "Computer Science");
  CHECK(entry_field(ENT(0, 0), "degree") == NULL);
  CHECK_STR(FIELD(ENT(0, 2), "summary"), "Something built");
  CHECK_INT(ENT(0, 3)->nauthors, 2);
  CHECK_STR(ENT(0, 3)->authors[1].s, "Charles Babbage");
  CHECK_STR(FIELD(ENT(0, 4), "details"), "C, Python");
  CHECK_STR(FIELD(ENT(0, 9), "text"), "Just a string");
  CHECK(ENT(0, 10)->table != NULL);
  CHECK_INT(ENT(0, 11)->number, 0);

  /* a single author as a string; a disabled page break is marked -1 */
  CHECK(load("cv:\n  sections:\n    s:\n"
             "      - title: Solo\n        authors: Ada Lovelace\n"
             "      - page_break: false\n"));
  CHECK_INT(ENT(0, 0)->nauthors, 1);
  CHECK_STR(ENT(0, 0)->authors[0].s, "Ada Lovelace");
  CHECK_INT(ENT(0, 1)->kind, ENTRY_PAGE_BREAK);
  CHECK_INT(ENT(0, 1)->number, -1);
  CHECK(!load("cv:\n  sections:\n    s:\n      - page_break: maybe\n"));
  CHECK_SAID("t.yaml:4:21: error: expected true or false for 'page_break'");
}

static void test_required(void) {
  /* required fields of each type, reported at the entry's line:col; an
   * entry that fails is left out of its section */
  CHECK(!load("cv:\n"
              "  sections:\n"
              "    s:\n"
              "      - institution: MIT\n"
              "      - company: ACME\n"
              "      - title: A paper\n"
              "      - label: Languages\n"
              "      - degree: PhD\n"
              "      - foo: bar\n"));
  CHECK_SAID("t.yaml:4:9: error: this education entry needs 'area'\n");
  CHECK_SAID("t.yaml:5:9: error: this experience entry needs 'position'\n");
  CHECK_SAID("t.yaml:6:9: error: this publication entry needs 'authors'\n");
  CHECK_SAID("t.yaml:7:9: error: this one-line entry needs 'details'\n");
  CHECK_SAID("t.yaml:8:9: error: this education entry needs 'institution'\n");
  CHECK_SAID("t.yaml:9:9: error: cannot tell the type of this entry from its "
             "keys; an entry needs one of 'name', 'company'");
  CHECK_INT(D.errors, 7);
  CHECK_INT(CV.sections[0].n, 0);

  /* scalars where a string is expected, and the file's shape */
  CHECK(!load("cv:\n  name: [Ada]\n"));
  CHECK_SAID("t.yaml:2:9: error: expected a string for 'name', found a list");
  CHECK(!load("- cv\n"));
  CHECK_SAID("error: expected a mapping with a 'cv' key at the top of the "
             "file, found a list");
  CHECK(!load("design: {}\n"));
  CHECK_SAID("error: missing 'cv': the file needs a 'cv' mapping");
  CHECK(!load("cv:\n  sections:\n    skills: C and Python\n"));
  CHECK_SAID("t.yaml:3:13: error: expected a list of entries for section "
             "'skills', found a string");
}

static void test_unknown_keys(void) {
  /* unknown keys: a did-you-mean when one is close, else the list */
  CHECK(!load("cv:\n"
              "  nmae: Ada\n"
              "desing: {}\n"
              "settings:\n"
              "  pdf_titel: CV\n"
              "  zzzzzz: 1\n"
              "  render_command: {}\n"
              "  sort_entries: none\n"));
  CHECK_SAID("t.yaml:2:3: error: unknown key 'nmae' in 'cv' (did you mean "
             "'name'?)");
  CHECK_SAID("t.yaml:3:1: error: unknown key 'desing' in the top level (did "
             "you mean 'design'?)");
  CHECK_SAID("t.yaml:5:3: error: unknown key 'pdf_titel' in 'settings' (did "
             "you mean 'pdf_title'?)");
  CHECK_SAID("t.yaml:6:3: error: unknown key 'zzzzzz' in 'settings'; "
             "expected one of 'current_date', 'bold_keywords', 'pdf_title', "
             "'render_command', 'sort_entries', 'pdf_standard'\n");
  CHECK_INT(D.errors, 4); /* render_command and sort_entries are accepted */
}

static void test_misspelt_keys(void) {
  /* an entry's unknown keys are custom fields (RenderCV allows them), but
   * one a single edit away from a field of its type, or from a field every
   * dated entry has, is a warning at the key; a misspelt date key says
   * what the entry's dates become */
  CHECK(load("cv:\n  sections:\n    s:\n"
             "      - company: ACME\n"
             "        position: Engineer\n"
             "        locaton: Berlin\n"
             "      - institution: MIT\n"
             "        area: Physics\n"
             "        degre: BS\n"
             "        start_date: 2016-09\n"
             "        end_dat: 2020-06\n"
             "      - name: Project\n"
             "        end_date: 2021-01\n"
             "        start_dat: 2020-01\n"
             "      - name: Other\n"
             "        dat: 2019\n"
             "        Location: Paris\n"
             "        github_repo: x\n"
             "        notes: y\n"
             "      - name: Third\n"
             "        start_date: 2020-01\n"
             "        enddate: 2021-01\n"
             "        sumary:\n"));
  CHECK_INT(D.errors, 0);
  CHECK_SAID("t.yaml:6:9: warning: unknown key 'locaton' in this experience "
             "entry (did you mean 'location'?): it is kept as a custom field, "
             "shown only where a template names LOCATON\n");
  CHECK_SAID("t.yaml:9:9: warning: unknown key 'degre' in this education "
             "entry (did you mean 'degree'?)");
  CHECK_SAID("t.yaml:11:9: warning: unknown key 'end_dat' in this education "
             "entry (did you mean 'end_date'?): it is treated as a text "
             "field, not a date; the entry has no end date, so it runs to "
             "the present\n");
  CHECK_SAID("t.yaml:14:9: warning: unknown key 'start_dat' in this normal "
             "entry (did you mean 'start_date'?): it is treated as a text "
             "field, not a date; the entry has no start date, so 'end_date' "
             "is shown as its only date\n");
  CHECK_SAID("t.yaml:16:9: warning: unknown key 'dat' in this normal entry "
             "(did you mean 'date'?): it is treated as a text field, not a "
             "date; the entry has no date\n");
  CHECK_SAID("t.yaml:17:9: warning: unknown key 'Location' in this normal "
             "entry (did you mean 'location'?)");
  CHECK_SAID("t.yaml:22:9: warning: unknown key 'enddate' in this normal "
             "entry (did you mean 'end_date'?)");
  CHECK_SAID("t.yaml:23:9: warning: unknown key 'sumary' in this normal "
             "entry (did you mean 'summary'?)");
  CHECK(!said("github_repo"));
  CHECK(!said("notes"));
  CHECK_INT(D.warnings, 8);
  /* nothing is dropped: the misspelt keys stay custom fields */
  CHECK_STR(FIELD(ENT(0, 0), "locaton"), "Berlin");
  CHECK_STR(FIELD(ENT(0, 1), "end_dat"), "2020-06");
  CHECK_INT(ENT(0, 1)->end.kind, DATE_PRESENT);
  CHECK_STR(FIELD(ENT(0, 3), "github_repo"), "x");
  /* a misspelt list key cannot be a custom field: the error says which
   * key was meant */
  CHECK(!load("cv:\n  sections:\n    s:\n"
              "      - name: A\n        higlights:\n          - x\n"));
  CHECK_SAID("t.yaml:5:9: error: unknown key 'higlights' in this normal "
             "entry (did you mean 'highlights'?): a custom field holds a "
             "string, found a list\n");

  /* page_break belongs in an entry of its own: in another entry it would
   * do nothing; a page break takes no other keys */
  CHECK(!load("cv:\n  sections:\n    s:\n"
              "      - name: A\n        page_break: true\n"
              "      - page_break: true\n        note: x\n"
              "      - page_break: false\n        highlights: [x]\n"
              "        date: 2020\n"));
  CHECK_SAID("t.yaml:5:9: error: 'page_break' in a normal entry does "
             "nothing: page_break goes in an entry of its own: "
             "- page_break: true\n");
  CHECK_SAID("t.yaml:7:9: error: a page break takes no other keys ('note' "
             "would be ignored): write it as an entry of its own: "
             "- page_break: true\n");
  CHECK_SAID("t.yaml:9:9: error: a page break takes no other keys "
             "('highlights' would be ignored)");
  CHECK_SAID("t.yaml:10:9: error: a page break takes no other keys "
             "('date' would be ignored)");
  CHECK_INT(D.errors, 4);
}

static void test_dates(void) {
  struct date d;
  const char *why;
  /* cv_parse_date: YYYY (plain: a year; quoted: an ISO date), YYYY-MM,
   * YYYY-MM-DD, "present" in any case, anything else as text */
  CHECK(cv_parse_date("2020", false, &d, &why));
  CHECK(d.kind == DATE_YEAR && d.year == 2020 && d.month == 0 && !why);
  CHECK(cv_parse_date("2020", true, &d, &why));
  /* a quoted year is a date of the year's precision: no month or day */
  CHECK(d.kind == DATE_ISO && d.year == 2020 && d.month == 0 && d.day == 0);
  CHECK(cv_parse_date("2020-05", false, &d, &why));
  CHECK(d.kind == DATE_ISO && d.year == 2020 && d.month == 5 && d.day == 0);
  CHECK(cv_parse_date("2020-05-17", false, &d, &why));
  CHECK(d.kind == DATE_ISO && d.month == 5 && d.day == 17);
  CHECK(cv_parse_date("2024-02-29", false, &d, &why)); /* a leap year */
  CHECK(cv_parse_date("Present", false, &d, &why) && d.kind == DATE_PRESENT);
  CHECK(cv_parse_date("Fall 2020", false, &d, &why) && d.kind == DATE_TEXT);
  CHECK_STR(d.text, "Fall 2020");
  CHECK(cv_parse_date("2020-1", false, &d, &why) && d.kind == DATE_TEXT);
  /* what looks like a date but is not one */
  CHECK(!cv_parse_date("2020-13", false, &d, &why));
  CHECK_STR(why, "the month must be between 01 and 12");
  CHECK(!cv_parse_date("2020-00-10", false, &d, &why));
  CHECK_STR(why, "the month must be between 01 and 12");
  CHECK(!cv_parse_date("2021-02-29", false, &d, &why));
  CHECK_STR(why, "that day does not exist in that month");
  CHECK(!cv_parse_date("2020-04-31", false, &d, &why));
  CHECK_STR(why, "that day does not exist in that month");

  /* in entries: `date` wins over start/end; end alone is the date; start
   * alone runs to the present; free text only in `date` */
  CHECK(load("cv:\n  sections:\n    s:\n"
             "      - name: A\n        date: 2019\n"
             "      - name: B\n        date: \"2019\"\n"
             "      - name: C\n        date: Summer 2019\n"
             "      - name: D\n        start_date: 2018-09\n"
             "        end_date: 2020-06-30\n"
             "      - name: E\n        start_date: 2021\n"
             "      - name: F\n        end_date: 2017-03\n"
             "      - name: G\n        date: present\n"
             "        start_date: 2001\n"));
  CHECK_INT(CV.sections[0].n, 7);
  CHECK(ENT(0, 0)->date.kind == DATE_YEAR && ENT(0, 0)->date.year == 2019);
  CHECK(ENT(0, 1)->date.kind == DATE_ISO && ENT(0, 1)->date.month == 0);
  CHECK(ENT(0, 2)->date.kind == DATE_TEXT);
  CHECK_STR(ENT(0, 2)->date.text, "Summer 2019");
  CHECK(ENT(0, 3)->start.kind == DATE_ISO && ENT(0, 3)->start.month == 9);
  CHECK(ENT(0, 3)->end.kind == DATE_ISO && ENT(0, 3)->end.day == 30);
  CHECK(ENT(0, 3)->date.kind == DATE_NONE);
  CHECK(ENT(0, 4)->start.kind == DATE_YEAR && ENT(0, 4)->start.year == 2021);
  CHECK_INT(ENT(0, 4)->end.kind, DATE_PRESENT);
  CHECK(ENT(0, 5)->date.kind == DATE_ISO && ENT(0, 5)->date.year == 2017 &&
        ENT(0, 5)->date.month == 3);
  CHECK(ENT(0, 5)->start.kind == DATE_NONE && ENT(0, 5)->end.kind == DATE_NONE);
  CHECK_INT(ENT(0, 6)->date.kind, DATE_PRESENT);
  CHECK_INT(ENT(0, 6)->start.kind, DATE_NONE);

  /* invalid dates and ranges (which of these entries are kept is not
   * checked here) */
  CHECK(!load("cv:\n  sections:\n    s:\n"
              "      - name: A\n        date: 2020-13\n"
              "      - name: B\n        start_date: 2021-02-29\n"
              "      - name: C\n        start_date: Fall 2020\n"
              "      - name: D\n        start_date: 2020-05\n"
              "        end_date: 2019\n"
              "      - name: E\n        start_date: present\n"));
  CHECK_SAID("t.yaml:5:15: error: invalid date '2020-13' for 'date': the "
             "month must be between 01 and 12\n");
  CHECK_SAID("t.yaml:7:21: error: invalid date '2021-02-29' for 'start_date': "
             "that day does not exist in that month\n");
  CHECK_SAID("error: invalid date 'Fall 2020' for 'start_date': expected "
             "YYYY-MM-DD, YYYY-MM, YYYY or 'present'\n");
  CHECK_SAID("t.yaml:12:19: error: 'end_date' is before 'start_date'\n");
  CHECK_SAID("t.yaml:14:21: error: 'start_date' cannot be 'present'\n");
  CHECK_INT(D.errors, 5);

  /* ranges are compared at the precision both dates have: a month-only
   * or year-only end is not before a start in the same month or year */
  CHECK(load("cv:\n  sections:\n    s:\n"
             "      - name: A\n        start_date: 2020-05-01\n"
             "        end_date: 2020-05\n"
             "      - name: B\n        start_date: \"2020\"\n"
             "        end_date: 2020\n"
             "      - name: C\n        start_date: 2020-05-15\n"
             "        end_date: 2020-05\n"
             "      - name: D\n        start_date: 2019-12-31\n"
             "        end_date: \"2020\"\n"
             "      - name: E\n        start_date: 2020\n"
             "        end_date: 2020-01\n"));
  CHECK_INT(D.errors, 0);
  CHECK_INT(CV.sections[0].n, 5);
  /* and at that precision, an earlier end is still refused */
  CHECK(!load("cv:\n  sections:\n    s:\n"
              "      - name: A\n        start_date: 2020-06\n"
              "        end_date: 2020-05-31\n"
              "      - name: B\n        start_date: \"2021\"\n"
              "        end_date: 2020-12\n"
              "      - name: C\n        start_date: 2020-05-02\n"
              "        end_date: 2020-05-01\n"));
  CHECK_SAID("t.yaml:6:19: error: 'end_date' is before 'start_date'\n");
  CHECK_SAID("t.yaml:9:19: error: 'end_date' is before 'start_date'\n");
  CHECK_SAID("t.yaml:12:19: error: 'end_date' is before 'start_date'\n");
  CHECK_INT(D.errors, 3);
}

static void test_today(void) {
  /* today: SOURCE_DATE_EPOCH, else the clock; settings.current_date
   * overrides both ("today" keeps them); "present" is never checked
   * against it (a start after today is fine) */
  const char *was = getenv("SOURCE_DATE_EPOCH");
  char *saved = was ? strdup(was) : NULL;
  setenv("SOURCE_DATE_EPOCH", "1700000000", 1); /* 2023-11-14 22:13 UTC */
  CHECK(load("cv:\n  name: Ada\n"));
  CHECK(CV.today_year == 2023 && CV.today_month == 11 && CV.today_day == 14);
  CHECK(load("cv:\n  name: Ada\nsettings:\n  current_date: today\n"));
  CHECK(CV.today_year == 2023 && CV.today_month == 11 && CV.today_day == 14);
  CHECK(load("cv:\n  sections:\n    s:\n"
             "      - name: Future\n        start_date: 2023-01\n"
             "        end_date: present\n"
             "settings:\n  current_date: 2022-03-04\n"));
  CHECK(CV.today_year == 2022 && CV.today_month == 3 && CV.today_day == 4);
  CHECK_INT(ENT(0, 0)->end.kind, DATE_PRESENT);
  CHECK(load("cv:\n  name: Ada\nsettings:\n  current_date: 2021-07\n"));
  CHECK(CV.today_year == 2021 && CV.today_month == 7 && CV.today_day == 1);
  CHECK(!load("cv:\n  name: Ada\nsettings:\n  current_date: 2022-13-01\n"));
  CHECK_SAID("t.yaml:4:17: error: invalid date '2022-13-01' for "
             "'current_date': expected YYYY-MM-DD or 'today'\n");
  CHECK_INT(CV.today_year, 2023);
  /* settings.sort_entries (RenderCV 2.3's cv.sort_entries): by end date,
   * then start date; present is today; undated last; ties as written */
  static const char sorted[] =
      "cv:\n  name: Ada\n  sections:\n    x:\n"
      "      - {company: Old, position: P, start_date: 2010-01, end_date: 2012-01}\n"
      "      - {company: New, position: P, start_date: 2020-01, end_date: present}\n"
      "      - {company: Mid, position: P, date: 2015}\n"
      "      - {company: Undated, position: P}\n"
      "      - {company: Mid2, position: P, date: 2015}\n"
      "      - {company: Old2, position: P, start_date: 2009-01, end_date: 2012-01}\n"
      "settings:\n  sort_entries: %s\n";
  char y[1024];
  snprintf(y, sizeof y, sorted, "reverse-chronological");
  CHECK(load(y));
  const char *rev[] = {"New", "Mid", "Mid2", "Old", "Old2", "Undated"};
  for (int j = 0; j < 6; j++)
    CHECK_STR(FIELD(ENT(0, j), "company"), rev[j]);
  snprintf(y, sizeof y, sorted, "chronological");
  CHECK(load(y));
  const char *chr[] = {"Old2", "Old", "Mid", "Mid2", "New", "Undated"};
  for (int j = 0; j < 6; j++)
    CHECK_STR(FIELD(ENT(0, j), "company"), chr[j]);
  snprintf(y, sizeof y, sorted, "none");
  CHECK(load(y));
  CHECK_STR(FIELD(ENT(0, 0), "company"), "Old");
  snprintf(y, sizeof y, sorted, "newest-first");
  CHECK(!load(y));
  CHECK_SAID("error: expected none, chronological or reverse-chronological "
             "for 'sort_entries', found 'newest-first'");

  /* RenderCV 1.x's settings.date: counted as an older name (named in a
   * note with -v), and still used */
  D.verbose = true;
  CHECK(load("cv:\n  name: Ada\nsettings:\n  date: 2020-02-03\n"));
  D.verbose = false;
  CHECK_INT(D.older, 1);
  CHECK_SAID("t.yaml:4:3: note: 'settings.date' is an older RenderCV "
             "name; it is now 'settings.current_date'\n");
  CHECK(CV.today_year == 2020 && CV.today_month == 2 && CV.today_day == 3);
  if (saved)
    setenv("SOURCE_DATE_EPOCH", saved, 1);
  else
    unsetenv("SOURCE_DATE_EPOCH");
  free(saved);
}

static void test_numbering(void) {
  /* numbered entries count 1..N, reversed ones N..1, per section; other
   * entries in between keep 0 */
  CHECK(load("cv:\n  sections:\n"
             "    talks:\n"
             "      - number: a\n      - number: b\n"
             "      - text: interlude\n      - number: c\n"
             "    papers:\n"
             "      - reversed_number: x\n      - reversed_number: y\n"
             "      - reversed_number: z\n"));
  CHECK_INT(CV.nsections, 2);
  CHECK_INT(ENT(0, 0)->number, 1);
  CHECK_INT(ENT(0, 1)->number, 2);
  CHECK_INT(ENT(0, 2)->number, 0);
  CHECK_INT(ENT(0, 3)->number, 3);
  CHECK_INT(ENT(1, 0)->number, 3);
  CHECK_INT(ENT(1, 1)->number, 2);
  CHECK_INT(ENT(1, 2)->number, 1);
}

static void test_titles(void) {
  struct arena *a = &C.doc;
  /* RenderCV's rule: '_' -> ' ', every word capitalised except the small
   * words (the first word too: RenderCV has no exception for it); keys
   * with a space or a capital letter are kept as written */
  CHECK_STR(cv_section_title(a, "selected_honors"), "Selected Honors");
  CHECK_STR(cv_section_title(a, "education"), "Education");
  CHECK_STR(cv_section_title(a, "work_and_projects"), "Work and Projects");
  CHECK_STR(cv_section_title(a, "talks_in_the_news"), "Talks in The News");
  CHECK_STR(cv_section_title(a, "of_mice_and_men"), "of Mice and Men");
  /* letters beyond ASCII: Unicode case mapping, for capitals found and
   * made */
  CHECK_STR(cv_section_title(a, "pr\u00eamios_e_t\u00edtulos"),
            "Pr\u00eamios E T\u00edtulos");
  CHECK_STR(cv_section_title(a, "\u00fcber_uns"), "\u00dcber Uns");
  CHECK_STR(cv_section_title(a, "\u00e9tudes_\u00e0_paris"),
            "\u00c9tudes \u00c0 Paris");
  CHECK_STR(cv_section_title(a, "\u043e\u043f\u044b\u0442_\u0440\u0430\u0431\u043e\u0442\u044b"),
            "\u041e\u043f\u044b\u0442 \u0420\u0430\u0431\u043e\u0442\u044b");
  CHECK_STR(cv_section_title(a, "\u00c9tudes_sup"), "\u00c9tudes_sup");
  CHECK_STR(cv_section_title(a, "\u5b66\u6b74_a"), "\u5b66\u6b74 a");
  CHECK_STR(cv_section_title(a, "honors_2024"), "Honors 2024");
  CHECK_STR(cv_section_title(a, "My projects"), "My projects");
  CHECK_STR(cv_section_title(a, "openSource_work"), "openSource_work");
  /* in a CV: the key as written, the title, an empty section kept */
  CHECK(load("cv:\n  sections:\n    selected_honors:\n    Open Source:\n"));
  CHECK_INT(CV.nsections, 2);
  CHECK_STR(CV.sections[0].key, "selected_honors");
  CHECK_STR(CV.sections[0].title, "Selected Honors");
  CHECK_INT(CV.sections[0].n, 0);
  CHECK_STR(CV.sections[1].title, "Open Source");

  /* cv_clean_url: without http(s):// and one trailing '/' */
  CHECK_STR(cv_clean_url(a, "https://example.com/"), "example.com");
  CHECK_STR(cv_clean_url(a, "http://example.com/a/b/"), "example.com/a/b");
  CHECK_STR(cv_clean_url(a, "https://example.com/?q=1"), "example.com/?q=1");
  CHECK_STR(cv_clean_url(a, "ftp://example.com"), "ftp://example.com");
}

static void test_connections(void) {
  /* connections in the order of the keys; each kind's display and link */
  CHECK(load("cv:\n"
             "  name: Ada\n"
             "  website: https://ada.example.org/\n"
             "  email: ada@example.com\n"
             "  location: London\n"
             "  phone: +44 20 7946-0958\n"
             "  social_networks:\n"
             "    - network: GitHub\n      username: ada\n"
             "    - network: Mastodon\n      username: \"@ada@hachyderm.io\"\n"
             "    - network: Google Scholar\n      username: abc123\n"
             "    - network: YouTube\n      username: \"@adatube\"\n"
             "  custom_connections:\n"
             "    - placeholder: Blog\n"
             "      url: https://blog.example.org\n"
             "      fontawesome_icon: pen\n"));
  CHECK_INT(CV.nconnections, 9);
  if (CV.nconnections == 9) {
    struct connection *k = CV.connections;
    CHECK_STR(k[0].kind, "website");
    CHECK_STR(k[0].display.s, "ada.example.org");
    CHECK_STR(k[0].url, "https://ada.example.org/");
    CHECK_STR(k[1].kind, "email");
    CHECK_STR(k[1].url, "mailto:ada@example.com");
    CHECK_STR(k[2].kind, "location");
    CHECK(k[2].url == NULL);
    CHECK_STR(k[3].kind, "phone");
    CHECK_STR(k[3].display.s, "+44 20 7946-0958");
    CHECK_STR(k[3].url, "tel:+442079460958");
    CHECK_STR(k[4].kind, "GitHub");
    CHECK_STR(k[4].url, "https://github.com/ada");
    CHECK_STR(k[4].username, "ada");
    CHECK_STR(k[5].kind, "Mastodon");
    CHECK_STR(k[5].url, "https://hachyderm.io/@ada");
    CHECK_STR(k[5].display.s, "@ada@hachyderm.io");
    CHECK_STR(k[6].url, "https://scholar.google.com/citations?user=abc123");
    CHECK_STR(k[7].url, "https://youtube.com/@adatube");
    CHECK_STR(k[8].kind, "custom");
    CHECK_STR(k[8].display.s, "Blog");
    CHECK_STR(k[8].url, "https://blog.example.org");
    CHECK_STR(k[8].icon.s, "pen");
  }
  /* lists of addresses; a phone written with tel: */
  CHECK(load("cv:\n  email: [a@x.org, b@y.org]\n  phone: tel:+1 555 0100\n"));
  CHECK_INT(CV.nconnections, 3);
  CHECK_STR(CV.connections[1].url, "mailto:b@y.org");
  CHECK_STR(CV.connections[2].display.s, "+1 555 0100");
  CHECK_STR(CV.connections[2].url, "tel:+15550100");

  /* what is refused, each reported where it is written */
  CHECK(!load("cv:\n"
              "  email: not-an-address\n"
              "  phone: call me\n"
              "  website: www.example.org\n"
              "  social_networks:\n"
              "    - network: Github\n      username: ada\n"
              "    - network: Myspace\n      username: ada\n"
              "    - network: Mastodon\n      username: ada\n"
              "    - network: GitHub\n"
              "  custom_connections:\n"
              "    - url: https://x.org\n"));
  CHECK_SAID("t.yaml:2:10: error: 'not-an-address' is not an email address\n");
  CHECK_SAID("t.yaml:3:10: error: 'call me' is not a phone number (expected "
             "digits, spaces and an optional leading '+')\n");
  CHECK_SAID("t.yaml:4:12: error: expected a web address starting with "
             "http:// or https:// for 'website', found 'www.example.org'\n");
  CHECK_SAID("t.yaml:6:16: error: unknown social network 'Github' (did you "
             "mean 'GitHub'?)\n");
  CHECK_SAID("t.yaml:8:16: error: unknown social network 'Myspace'; known "
             "networks: LinkedIn, GitHub,");
  CHECK_SAID("t.yaml:11:17: error: a Mastodon username looks like "
             "@name@instance.org\n");
  CHECK_SAID("t.yaml:12:7: error: a social network needs 'network' and "
             "'username'\n");
  CHECK_SAID("t.yaml:14:7: error: a custom connection needs 'placeholder'\n");
  CHECK_INT(D.errors, 8);
  CHECK_INT(CV.nconnections, 0);
  CHECK(!load("cv:\n  phone: \"12\"\n"));
  CHECK_SAID("error: '12' is not a phone number\n");
}

static void test_settings(void) {
  /* photo as written; bold_keywords (empty ones dropped) and pdf_title;
   * design and locale handed on untouched */
  CHECK(load("cv:\n  name: Ada\n  photo: images/me.jpg\n"
             "design:\n  theme: classic\n"
             "locale:\n  language: en\n"
             "settings:\n  bold_keywords: [Python, \"\", C]\n"
             "  pdf_title: Ada's CV\n"));
  CHECK_STR(CV.photo.s, "images/me.jpg");
  CHECK_INT(CV.nbold_keywords, 2);
  CHECK_STR(CV.bold_keywords[1], "C");
  CHECK_STR(CV.pdf_title.s, "Ada's CV");
  CHECK(CV.design && CV.design->kind == YML_MAP);
  CHECK_STR(yml_get(CV.design, "theme")->s, "classic");
  CHECK(CV.locale && yml_get(CV.locale, "language") != NULL);
  CHECK_INT(D.warnings, 0);
  CHECK(!load("cv:\n  name: Ada\nsettings:\n  bold_keywords: Python\n"));
  CHECK_SAID("t.yaml:4:18: error: expected a list of words for "
             "'bold_keywords', found a string\n");

  /* RenderCV's older names: accepted, counted (one note per document
   * says how many), each named with -v */
  D.verbose = true;
  CHECK(load("cv:\n  name: Ada\n"
             "rendercv_settings:\n  bold_keywords: [Ada]\n"
             "locale_catalog:\n  month: mo.\n"));
  D.verbose = false;
  CHECK_INT(D.errors, 0);
  CHECK_INT(D.warnings, 0);
  CHECK_INT(D.older, 2);
  CHECK_SAID("t.yaml:3:1: note: 'rendercv_settings' is an older RenderCV "
             "name; it is now 'settings'\n");
  CHECK_SAID("t.yaml:5:1: note: 'locale_catalog' is an older RenderCV "
             "name; it is now 'locale'\n");
  CHECK_INT(CV.nbold_keywords, 1);
  CHECK_STR(CV.bold_keywords[0], "Ada");
  CHECK(CV.locale && yml_get(CV.locale, "month") != NULL);
}

static void test_highlights(void) {
  /* nested highlights: a plain item "A - b - c" is split at " - " (quoted
   * ones are not); a mapping item gives 'bullet' and its 'highlights' */
  CHECK(load("cv:\n  sections:\n    s:\n"
             "      - name: A\n"
             "        highlights:\n"
             "          - First\n"
             "          - Parent - child one - child two\n"
             "          - \"Quoted - not split\"\n"
             "          - bullet: Mapping parent\n"
             "            highlights:\n"
             "              - Inner\n"
             "              - bullet: Deeper\n"
             "                highlights: [Deepest]\n"));
  struct item_list *h = ENT(0, 0)->highlights;
  CHECK(h && h->n == 4);
  if (h && h->n == 4) {
    CHECK_STR(h->v[0].text.s, "First");
    CHECK(h->v[0].children == NULL);
    CHECK_STR(h->v[1].text.s, "Parent");
    CHECK(h->v[1].children && h->v[1].children->n == 2);
    CHECK_STR(h->v[1].children->v[1].text.s, "child two");
    CHECK_STR(h->v[2].text.s, "Quoted - not split");
    CHECK(h->v[2].children == NULL);
    CHECK_STR(h->v[3].text.s, "Mapping parent");
    struct item_list *in = h->v[3].children;
    CHECK(in && in->n == 2);
    CHECK(in && in->n == 2 && in->v[1].children &&
          in->v[1].children->n == 1 &&
          strcmp(in->v[1].children->v[0].text.s, "Deepest") == 0);
  }
  /* refused items */
  CHECK(!load("cv:\n  sections:\n    s:\n"
              "      - name: A\n        highlights: one\n"
              "      - name: B\n        highlights:\n"
              "          -\n"
              "          - highlights: [x]\n"
              "          - bullet: x\n            note: y\n"));
  CHECK_SAID("t.yaml:5:21: error: expected a list for 'highlights', found a "
             "string\n");
  CHECK_SAID("t.yaml:8:12: error: this list item is empty");
  CHECK_SAID("t.yaml:9:13: error: a list item given as a mapping needs "
             "'bullet' or 'text' (its text)\n");
  CHECK_SAID("t.yaml:11:13: error: unknown key 'note' in a list item; "
             "expected one of 'bullet', 'text', 'highlights', 'tags'\n");
}

static void test_tables(void) {
  /* a table: corner, column headings (one more than cells when rows have
   * headings), relative widths, cells holding text or a list */
  CHECK(load("cv:\n  sections:\n    s:\n"
             "      - table:\n"
             "          corner: Year\n"
             "          columns: [Year, Course, Grade]\n"
             "          widths: [2, 1.5]\n"
             "          rows:\n"
             "            - heading: \"2020\"\n"
             "              cells: [Algebra, A]\n"
             "            - heading: \"2021\"\n"
             "              cells: [Analysis, [B, C]]\n"
             "      - table:\n"
             "          rows: [[a, b, c], [d, e, f]]\n"));
  struct table *t = ENT(0, 0)->table;
  CHECK(t != NULL);
  if (t) {
    CHECK_STR(t->corner.s, "Year");
    CHECK_INT(t->ncolumns, 3);
    CHECK_STR(t->columns[2].s, "Grade");
    CHECK_INT(t->nrows, 2);
    CHECK_INT(t->ncells, 2);
    CHECK(t->has_row_headings);
    CHECK_STR(t->rows[1].heading.s, "2021");
    CHECK_STR(t->rows[0].cells[0].text.s, "Algebra");
    CHECK(t->rows[1].cells[1].list && t->rows[1].cells[1].list->n == 2);
    CHECK(t->widths != NULL);
    CHECK_NEAR(t->widths ? t->widths[1] : 0, 1.5, 1e-12);
  }
  t = ENT(0, 1)->table;
  CHECK(t && t->ncells == 3 && t->nrows == 2 && !t->has_row_headings &&
        t->ncolumns == 0 && t->widths == NULL);
  CHECK_STR(t ? t->rows[1].cells[2].text.s : NULL, "f");

  /* what is refused */
  CHECK(!load("cv:\n  sections:\n    s:\n"
              "      - table:\n          rows: [[a, b]]\n"
              "          widths: [1, 0]\n"
              "      - table:\n          rows: [[a, b]]\n"
              "          widths: [1]\n"
              "      - table:\n          rows: []\n"
              "      - table:\n          rows: [[a, b], [c]]\n"
              "          columns: [x]\n"
              "      - table: abc\n"
              "      - table:\n          colums: [x]\n          rows: [[a]]\n"
              "      - table:\n          rows:\n            - heading: x\n"));
  CHECK_SAID("t.yaml:6:23: error: expected a positive number for a relative "
             "width\n");
  CHECK_SAID("t.yaml:9:19: error: 'widths' must be a list of 2 numbers "
             "(relative widths of the cell columns)\n");
  CHECK_SAID("t.yaml:11:17: error: a table needs 'rows': a non-empty list\n");
  CHECK_SAID("t.yaml:13:26: error: this row has 1 cell, other rows have 2\n");
  CHECK_SAID("t.yaml:14:20: error: 1 column headings for 2 columns of cells\n");
  CHECK_SAID("t.yaml:15:16: error: expected a mapping for 'table' (with "
             "'rows' and optionally 'columns'), found a string\n");
  CHECK_SAID("t.yaml:17:11: error: unknown key 'colums' in a table (did you "
             "mean 'columns'?)\n");
  CHECK_SAID("t.yaml:21:15: error: a table row needs 'cells': a list\n");
}

static void test_positions(void) {
  /* every text keeps the file, line and column where its value starts */
  CHECK(load("cv:\n"
             "  name: Ada Lovelace\n"
             "  email: ada@example.com\n"
             "  sections:\n"
             "    work:\n"
             "      - company: ACME\n"
             "        position: Engineer\n"
             "        start_date: 2020-01\n"
             "        highlights:\n"
             "          - Built things\n"));
  CHECK_STR(CV.name.loc.file, "t.yaml");
  CHECK(CV.name.loc.line == 2 && CV.name.loc.col == 9);
  CHECK(CV.connections[0].display.loc.line == 3 &&
        CV.connections[0].display.loc.col == 10);
  CHECK(CV.sections[0].loc.line == 5 && CV.sections[0].loc.col == 5);
  struct entry *e = ENT(0, 0);
  CHECK(e->loc.line == 6 && e->loc.col == 9);
  const struct text *pos = entry_field(e, "position");
  CHECK(pos && pos->loc.line == 7 && pos->loc.col == 19);
  CHECK(e->start.loc.line == 8 && e->start.loc.col == 21);
  CHECK(e->highlights && e->highlights->v[0].text.loc.line == 10 &&
        e->highlights->v[0].text.loc.col == 13);
}

void test_cv(void) {
  harness_ctx(&C, &D, NULL, stderr);
  test_types();
  test_required();
  test_unknown_keys();
  test_misspelt_keys();
  test_dates();
  test_today();
  test_numbering();
  test_titles();
  test_connections();
  test_settings();
  test_highlights();
  test_tables();
  test_positions();
  if (msgs_f)
    fclose(msgs_f);
  free(msgs);
  msgs = NULL;
  msgs_f = NULL;
  arena_free(&C.doc);
  arena_free(&C.lay);
  arena_free(&C.tmp);
}
