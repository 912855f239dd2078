#!/usr/bin/env python3
"""cvpdf and its JSON Schema must give the same verdict on a CV.

Generates several hundred CVs (JSON, which cvpdf reads as YAML) from the
vocabulary in cvpdf's own source (style.c's design keys, value types,
enumerations, colour names and older names; cv.c's entry types, networks
and keys), good ones and subtly bad ones: a wrong type, a bad enumeration
value, colour, length or date, an unknown or misspelt key, a missing
required key, a number where text goes, nested highlights... Each is run
through `cvpdf --check` (all in one batch, whose summary names each file
that fails, and a sample one by one) and through the schema
(tests/tools/schemacheck.py, and the jsonschema module too when it is
installed), and the verdicts must be equal. Each case also says what it means to be (ok or bad): when cvpdf
and the schema agree on the other verdict, the case (or cvpdf) is wrong.

Some cases are lenient: keys that RenderCV took and ignored (an unknown
key of `cv` in RenderCV 1.13 to 2.6, of the top level in 2.4 to 2.6, an
entry's extra field holding a list or a mapping): cvpdf warns and renders
the file as RenderCV did, while the schema, which an editor checks a CV
with as it is written, flags them. cvpdf must accept each, the schema
refuse it.

A few cases are cvpdf's known faults: cvpdf accepts what it should refuse
(or once, refuses what it should take); each says what cvpdf does. They
must still disagree; once cvpdf is mended the case fails until its mark is
dropped here.

usage: agree.py CVPDF SOURCE_DIR SCHEMA.json WORK_DIR [-v]
Exit status 1 on any disagreement."""
import concurrent.futures
import copy
import json
import os
import re
import subprocess
import sys

# ------------------------------------------------------------ vocabulary


def read(src, f):
    with open(os.path.join(src, f), encoding='utf-8') as fh:
        return fh.read()


def block(text, start):
    """The text from `start` to the next '};' (a C table)."""
    i = text.index(start)
    return text[i:text.index('};', i)]


def strings(text, name):
    """The strings of a NULL-terminated C array `name[] = {...}`."""
    return re.findall(r'"([^"]*)"', block(text, name + '[] = {'))


class Vocab:
    def __init__(self, src):
        st = read(src, 'src/style.c')
        cv = read(src, 'src/cv.c')
        enums = {}
        for m in re.finditer(r'static const char \*const (E_[A-Z0-9]+)\[\] '
                             r'= \{([^;]*)\};', st):
            enums[m.group(1)] = re.findall(r'"([^"]*)"', m.group(2))
        # design keys: path -> (type, enum values)
        self.keys = {}
        for m in re.finditer(r'\{"([a-z_.]+)",\s*(K_[A-Z_]+),\s*'
                             r'(?:0|O\([^)]*\)),\s*(NULL|E_[A-Z0-9]+)\}',
                             block(st, 'KEYS[] = {')):
            self.keys[m.group(1)] = (m.group(2), enums.get(m.group(3)))
        self.sizes = re.findall(r'\{"([a-z0-9-]+)",\s*[0-9.]+,\s*[0-9.]+\}',
                                block(st, 'sizes[] = {'))
        self.aligns = strings(st, 'aligns')
        self.themes = strings(st, 'STYLE_THEMES')
        self.languages = strings(st, 'STYLE_LANGUAGES')
        self.iso = re.findall(r'\{"([a-z]{2})",\s*"[^"]+"\}',
                              block(st, 'iso[][2] = {'))
        self.colors = re.findall(r'\{"([a-z]+)",\s*0x[0-9A-Fa-f]{6}\}',
                                 block(st, 'COLORS[] = {'))
        # older names whose value is the new key's (as written, a boolean
        # turned round, a 1.x template); the rest have their own kinds
        self.legacy = [(m.group(1), m.group(2)) for m in re.finditer(
            r'\{"([a-z_.]+)",\s*"([a-z_.]+)",\s*(?:NULL|"[a-z_.]+"),\s*'
            r'(?:true|false),\s*LG_(?:SAME|NOT|TODAY|LATEX)\}',
            block(st, 'LEGACY[] = {'))]
        self.legacy_own = re.findall(
            r'\{"([a-z_.]+)",\s*(?:NULL|"[a-z_.]+"),\s*(?:NULL|"[a-z_.]+"),'
            r'\s*(?:true|false),\s*LG_(?:YEARS|NONE)\}',
            block(st, 'LEGACY[] = {'))
        self.papers = re.findall(r'\{"([a-z0-9]+paper)",',
                                 block(st, 'paper[][2] = {'))
        self.older_locale = re.findall(
            r'\{"([a-z_]+)",\s*"((?:design|locale)\.[a-z_.]+)"\}',
            block(st, 'OLDER_LOCALE[] = {'))
        self.etypes = []
        for m in re.finditer(r'\{ENTRY_[A-Z_]+,\s*"([^"]+)",\s*\{([^}]*)\},'
                             r'\s*\{([^}]*)\}\}', block(cv, 'ETYPES[] = {')):
            self.etypes.append((m.group(1), re.findall(r'"(\w+)"', m.group(2)),
                                re.findall(r'"(\w+)"', m.group(3))))
        self.networks = strings(cv, 'CV_NETWORKS')
        self.cv_keys = strings(cv, 'CV_KEYS')
        self.top_keys = strings(cv, 'TOP_KEYS')
        self.settings_keys = strings(cv, 'SETTINGS_KEYS')
        # every row of those tables read
        for what, table, n, row in (
                ('KEYS', st, len(self.keys), r'\{"'),
                ('LEGACY', st, len(self.legacy) + len(self.legacy_own),
                 r'\{"'),
                ('COLORS', st, len(self.colors), r'\{"'),
                ('ETYPES', cv, len(self.etypes), r'\{ENTRY_')):
            rows = len(re.findall(row, block(table, what + '[] = {')))
            if rows != n:
                sys.exit('FAIL %d rows of %s read, of %d' % (n, what, rows))
        for what, n, least in (('design keys', len(self.keys), 100),
                               ('page sizes', len(self.sizes), 4),
                               ('themes', len(self.themes), 5),
                               ('languages', len(self.languages), 10),
                               ('ISO codes', len(self.iso), 10),
                               ('colour names', len(self.colors), 140),
                               ('older design names', len(self.legacy), 50),
                               ('older locale names', len(self.older_locale), 5),
                               ('entry types', len(self.etypes), 10),
                               ('networks', len(self.networks), 10)):
            if n < least:
                sys.exit('FAIL only %d %s read from the source' % (n, what))


# ------------------------------------------------------------ cases

BASE = {
    'cv': {
        'name': 'Ada Lovelace',
        'headline': 'Analyst',
        'location': 'London',
        'email': 'ada@example.org',
        'phone': '+1 415 555 0100',
        'website': 'https://example.org/',
        'social_networks': [{'network': 'GitHub', 'username': 'ada'}],
        'sections': {
            'summary': ['A paragraph.'],
            'experience': [{'company': 'Engine Co', 'position': 'Analyst',
                            'location': 'London', 'start_date': '1842-01',
                            'end_date': '1843-09',
                            'highlights': ['Wrote the notes.']}],
        },
    },
    'settings': {'current_date': '2025-01-01'},
}

# design values by style.c's type: one good, one bad
GOOD = {'K_LEN': '0.2cm', 'K_LEN_POS': '0.4cm', 'K_SIZE': '9pt',
        'K_LEN_AUTO': '3cm', 'K_COLOR': '#336699',
        'K_COLOR_FOLLOW': 'connections', 'K_BOOL': True, 'K_STR': 'x',
        'K_LABEL': '→', 'K_STR_NULL': None, 'K_FAMILY': 'CMU Serif',
        'K_FAMILY_ALL': 'CMU Serif', 'K_FAMILY_LIST': ['CMU Serif'],
        'K_STRLIST': ['Experience'], 'K_INT': 200, 'K_COUNT': 2,
        'K_EM': 1.5, 'K_IGNORED': 'x',
        'K_BIBTEX': {'authors': 'initials', 'max_authors': 3}}
BAD = {'K_LEN': '3', 'K_LEN_POS': '-1pt', 'K_SIZE': '500pt',
       'K_LEN_AUTO': 'automatic', 'K_COLOR': 'navyblue',
       'K_COLOR_FOLLOW': 'link', 'K_BOOL': 'true', 'K_STR': ['a'],
       'K_LABEL': 'a bullet of far too many characters',
       'K_STR_NULL': {'a': 1}, 'K_ENUM': 'nonsense', 'K_PAGE_SIZE': 'A4',
       'K_FAMILY': 12, 'K_FAMILY_ALL': ['CMU Serif'],
       'K_FAMILY_LIST': [['CMU Serif']], 'K_STRLIST': 'Experience',
       'K_ALIGNMENT': 'centered', 'K_THEME': 'modern', 'K_INT': 1.5,
       'K_COUNT': -1, 'K_EM': 200, 'K_BIBTEX': {'authors': 'initial'}}

# style_key gives these the same kind as another type
AMBIGUOUS = {'K_LEN', 'K_LEN_POS', 'K_SIZE', 'K_COLOR', 'K_COLOR_FOLLOW',
             'K_INT', 'K_COUNT', 'K_EM', 'K_FAMILY_LIST', 'K_STRLIST'}

# cvpdf's known faults: it accepts these, and should not
# (fixed too: with 'date' given, start_date and end_date were not read;
# a required key given as null counted as given; an item's text was its
# last 'bullet' or 'text' key, null or not)
F_DATE = None
F_NULL_REQUIRED = None
# (fixed: null taken as the text 'null'; numbers read with strtod, so
# 0x10pt was 16pt; any word beginning with rgb or hsl read as a colour
# function; 'em' alone read as 0em; a page break taking other keys)
F_NULL_TEXT = None
F_STRTOD = None
F_PAGE_BREAK = None
F_ORDER = None
F_RGB = None
F_EM = None


class Cases:
    def __init__(self):
        self.v = []
        self.names = set()

    def add(self, name, intent, doc, fault=None):
        assert intent in ('ok', 'bad', 'lenient'), name
        if name in self.names:  # the same CV twice: once is enough
            assert [c for c in self.v if c['name'] == name][0]['intent'] == \
                intent, name
            return
        self.names.add(name)
        self.v.append({'name': name, 'intent': intent, 'doc': doc,
                       'fault': fault})


def base():
    return copy.deepcopy(BASE)


def put(doc, path, value):
    """doc with `value` at the dotted `path` (mappings made on the way)."""
    parts = path.split('.')
    node = doc
    for p in parts[:-1]:
        if not isinstance(node.get(p), dict):
            node[p] = {}
        node = node[p]
    node[parts[-1]] = value
    return doc


def at(path, value, doc=None):
    return put(doc if doc is not None else base(), path, value)


def entries(*es):
    d = base()
    d['cv']['sections'] = {'s': list(es)}
    return d


def generate(V):
    C = Cases()
    add = C.add

    # -------------------------------------------------- the top level
    add('base', 'ok', base())
    add('minimal: empty cv', 'ok', {'cv': {}})
    add('minimal: a name', 'ok', {'cv': {'name': 'A'}})
    add('no cv', 'bad', {})
    add('no cv, a design', 'bad', {'design': {'theme': 'classic'}})
    for bad in (None, [], 'Ada', 5):
        add('cv is %s' % json.dumps(bad), 'bad', {'cv': bad})
    for k in ('extra', 'desing', 'settngs', 'CV', 'sections'):
        d = base()
        d[k] = {}
        # one a letter away from a known key is refused: a misspelling
        add('unknown top-level key %s' % k,
            'lenient' if k in ('extra', 'sections') else 'bad', d)
    for k in ('summary', 'design', 'emial', 'Name'):
        d = base()
        d['cv'][k] = 'x'
        add('unknown cv key %s' % k,
            'lenient' if k in ('summary', 'design') else 'bad', d)
    for k in V.top_keys:
        if k == 'cv':
            continue
        add('%s is null' % k, 'ok', at(k, None))
        add('%s is a list' % k, 'bad', at(k, ['x']))
        add('%s is text' % k, 'bad', at(k, 'x'))
    d = base()
    d['rendercv_settings'] = d.pop('settings')
    add('rendercv_settings (older name)', 'ok', d)
    d = base()
    d['locale_catalog'] = {'language': 'german'}
    add('locale_catalog (older name)', 'ok', d)

    # -------------------------------------------------- cv
    for k in V.cv_keys:
        d = base()
        d['cv'][k[:-1] + k[-1] * 2] = 'x'  # a doubled last letter
        add('misspelt cv key %s' % k, 'bad', d)
    for k in ('name', 'headline', 'location'):
        add('cv.%s is a number' % k, 'ok', at('cv.' + k, 1815))
        add('cv.%s is true' % k, 'ok', at('cv.' + k, True))
        add('cv.%s is null' % k, 'ok', at('cv.' + k, None))
        add('cv.%s is a list' % k, 'bad', at('cv.' + k, ['x']))
        add('cv.%s is a mapping' % k, 'bad', at('cv.' + k, {'x': 1}))
    add('cv.photo is null', 'ok', at('cv.photo', None))
    add('cv.photo is a list', 'bad', at('cv.photo', ['a.png']))
    for v, ok in (('ada@example.org', 1), (['a@b.org', 'c@d.org'], 1),
                  (['a@b.org', None], 1), ([], 1), (None, 1),
                  ('a@@b', 1), ('not-an-email', 0), ('a b@c.org', 0),
                  ('@b.org', 0), ('a@', 0), ('a@b.org;c', 0), ('<a@b.org>', 0),
                  ('Ada Lovelace <ada@example.org>', 1), (' <a@b.org>', 0),
                  ('Ada <a b@c.org>', 0), ('a>b <a@b.org>', 0),
                  (5, 0), ({'a': 'b'}, 0), ([['a@b.org']], 0), ('', 0)):
        add('email %s' % json.dumps(v), 'ok' if ok else 'bad',
            at('cv.email', v))
    for v, ok in (('+1 415 555 0100', 1), ('tel:+14155550100', 1),
                  ('(415) 555-0100', 1), ('415.555.0100', 1), ('+12', 1),
                  ('123', 1), (4155550100, 1), (-123, 1), (['+1 415 555 0100',
                                                            None], 1),
                  ('12', 0), ('+1', 0), ('1+2 3', 0), ('555 CALL NOW', 0),
                  ('++1 415', 0), (12, 0), (True, 0), ('tel:', 0),
                  ('+1\t415 555', 0), ([{'a': 1}], 0)):
        add('phone %s' % json.dumps(v), 'ok' if ok else 'bad',
            at('cv.phone', v))
    for v, ok in (('https://example.org/', 1), ('http://x', 1),
                  (['https://a.org', 'https://b.org'], 1),
                  ('example.org', 0), ('https://a b.org', 0),
                  ('ftp://example.org', 0), ('HTTPS://example.org', 0),
                  (5, 0), ('https://a.org/"', 0)):
        add('website %s' % json.dumps(v), 'ok' if ok else 'bad',
            at('cv.website', v))
    add('every network', 'ok', at('cv.social_networks', [
        {'network': n, 'username': '@ada@mastodon.social' if n == 'Mastodon'
         else 'ada'} for n in V.networks]))
    for sn, ok, what in (
            ({'network': 'Facebook', 'username': 'a'}, 0, 'unknown network'),
            ({'network': 'github', 'username': 'a'}, 0, 'network in lower case'),
            ({'network': 'GitHub'}, 0, 'no username'),
            ({'username': 'a'}, 0, 'no network'),
            ({'network': 'GitHub', 'username': None}, 0, 'null username'),
            ({'network': None, 'username': 'a'}, 0, 'null network'),
            ({'network': 'GitHub', 'username': 'a', 'url': 'x'}, 0,
             'an extra key'),
            ({'network': 'GitHub', 'username': 'a b'}, 0, 'a space in the '
             'username'),
            ({'network': 'GitHub', 'username': 'a"b'}, 0, 'a quote in the '
             'username'),
            ({'network': 'GitHub', 'username': 1815}, 1, 'a number username'),
            ({'network': 'GitHub', 'username': ''}, 0, 'an empty username'),
            ({'network': 'GitHub', 'username': ['a']}, 0, 'a list username'),
            ({'network': 'YouTube', 'username': '@ada'}, 1, 'YouTube @name'),
            ({'network': 'Mastodon', 'username': 'ada@mastodon.social'}, 1,
             'Mastodon without its first @'),
            ({'network': 'Mastodon', 'username': 'ada'}, 0,
             'Mastodon without an instance'),
            ({'network': 'Mastodon', 'username': '@ada'}, 0,
             'Mastodon @name only'),
            ({'network': 'Mastodon', 'username': 'ada@'}, 0,
             'Mastodon name@ only'),
            ({'network': 'Mastodon', 'username': '@@x.org'}, 0,
             'Mastodon without a name'),
            ({'network': 'Mastodon', 'username': 1815}, 0,
             'Mastodon a number')):
        add('social network: %s' % what, 'ok' if ok else 'bad',
            at('cv.social_networks', [sn]))
    add('social_networks is null', 'ok', at('cv.social_networks', None))
    add('social_networks is a mapping', 'bad',
        at('cv.social_networks', {'network': 'GitHub', 'username': 'a'}))
    add('social network is text', 'bad', at('cv.social_networks', ['GitHub']))
    for cc, ok, what in (
            ({'placeholder': 'Blog', 'url': 'https://a.org'}, 1, 'good'),
            ({'placeholder': 'Blog'}, 1, 'no url'),
            ({'placeholder': 'Blog', 'url': None}, 1, 'null url'),
            ({'placeholder': 'Mail', 'url': 'mailto:a@b.org'}, 1, 'mailto'),
            ({'placeholder': 'Blog', 'url': 'a.org/x'}, 1, 'no scheme'),
            ({'placeholder': 'Blog', 'url': 'ftp://a.org'}, 0, 'ftp url'),
            ({'placeholder': 'Blog', 'url': 'javascript:alert(1)'}, 0,
             'javascript url'),
            ({'placeholder': 'Blog', 'fontawesome_icon': 'no-such-icon'}, 1,
             'an unknown icon (a warning)'),
            ({'placeholder': 'Blog', 'fontawesome_icon': 'book'}, 1, 'icon'),
            ({'url': 'https://a.org'}, 0, 'no placeholder'),
            ({'placeholder': None}, 0, 'null placeholder'),
            ({'placeholder': 'Blog', 'link': 'x'}, 0, 'an extra key'),
            ({'placeholder': ['Blog']}, 0, 'a list placeholder'),
            ({'placeholder': 1815}, 1, 'a number placeholder')):
        add('custom connection: %s' % what, 'ok' if ok else 'bad',
            at('cv.custom_connections', [cc]))
    add('custom connection is text', 'bad', at('cv.custom_connections', ['x']))
    add('sections is null', 'ok', at('cv.sections', None))
    add('sections is a list', 'bad', at('cv.sections', [['x']]))
    add('a section is null', 'ok', at('cv.sections', {'s': None}))
    add('a section is text', 'bad', at('cv.sections', {'s': 'x'}))
    add('a section is a mapping', 'bad', at('cv.sections', {'s': {'name': 'x'}}))
    add('a section is empty', 'ok', at('cv.sections', {'s': []}))

    # -------------------------------------------------- entries
    good = {
        'one-line entry': {'label': 'Languages', 'details': 'English'},
        'normal entry': {'name': 'A project', 'location': 'Paris',
                         'date': '2020', 'summary': 'What it was.',
                         'highlights': ['One']},
        'experience entry': {'company': 'Co', 'position': 'Role',
                             'start_date': 2019, 'end_date': 'present'},
        'education entry': {'institution': 'Uni', 'area': 'Maths',
                            'degree': 'BSc', 'start_date': '2015-09',
                            'end_date': '2019-06-30'},
        'publication entry': {'title': 'A paper', 'authors': ['A', 'B'],
                              'doi': '10.1000/182', 'journal': 'J',
                              'date': '2021-03'},
        'bullet entry': {'bullet': 'A point'},
        'numbered entry': {'number': 'First'},
        'reversed-numbered entry': {'reversed_number': 'A talk'},
        'table entry': {'table': {'columns': ['', 'A', 'B'],
                                  'rows': [{'heading': 'R', 'cells':
                                            ['x', ['y', 'z']]}],
                                  'widths': [1, 2]}},
        'text entry': {'text': 'A dated paragraph.', 'date': 'Spring 2020',
                       'location': 'Paris'},
        'page break': {'page_break': True},
    }
    for name, _keys, _req in V.etypes:
        if name not in good:
            sys.exit('FAIL cv.c has an entry type the test does not know: '
                     + name)
        add('entry: %s' % name, 'ok', entries(good[name]))
    add('entry: all types in one section', 'ok', entries(*good.values()))
    for name, keys, req in V.etypes:
        for r in req:  # each required key missing
            e = dict(good[name])
            if r in e and len([k for k in keys if k in e]) > (r in keys):
                del e[r]
                add('entry: %s without %s' % (name, r), 'bad', entries(e))
        e = dict(good[name])
        e[req[0]] = None
        add('entry: %s with null %s' % (name, req[0]), 'bad', entries(e),
            None if req[0] in ('table', 'page_break') else F_NULL_REQUIRED)
    for e, ok, what in (
            ({'degree': 'BSc'}, 0, 'only degree'),
            ({'doi': '10.1/x'}, 0, 'only doi'),
            ({'details': 'x'}, 0, 'only details'),
            ({'position': 'x'}, 0, 'only position'),
            ({'label': 'L', 'name': 'N'}, 0, 'label and name (one-line '
             'first: needs details)'),
            ({'name': 'N', 'company': 'C'}, 1, 'name and company (normal)'),
            ({'company': 'C', 'position': 'P', 'institution': 'I'}, 1,
             'experience with institution as text'),
            ({'institution': 'I', 'area': 'A', 'title': 'T'}, 1,
             'education with title as text'),
            ({'title': 'T', 'authors': [], 'bullet': 'b'}, 1,
             'publication with no authors, bullet as text'),
            ({'bullet': 'b', 'text': 't'}, 1, 'bullet and text (bullet)'),
            ({'text': 't', 'page_break': True}, 0, 'text with page_break'),
            ({'name': 'N', 'table': 'x'}, 1, 'normal with table as text'),
            ({'name': 'N', 'table': {'rows': [['x']]}}, 0,
             'normal with a table mapping'),
            ({'name': 'N', 'page_break': 'maybe'}, 0,
             'normal with page_break'),
            ({'page_break': True, 'location': 'x'}, 0,
             'page break with a location'),
            ({'page_break': True, 'table': 'x'}, 0, 'page break with table'),
            ({'name': 'N', 'hihglights': 'a'}, 1,
             'misspelt highlights, text (a warning)'),
            ({'name': 'N', 'nmae': {'a': 1}}, 0, 'misspelt name, a mapping'),
            ({'location': 'Paris'}, 0, 'no type key'),
            ({}, 0, 'empty mapping'),
            ('A paragraph', 1, 'text'),
            (1815, 1, 'a number'),
            (True, 1, 'true'),
            (None, 0, 'null'),
            (['a', 'b'], 0, 'a list'),
            ({'name': 'N', 'hihglights': ['a']}, 0,
             'misspelt highlights, a list'),
            ({'name': 'N', 'locaton': 'Paris'}, 1, 'misspelt location (an '
             'extra field)'),
            ({'name': 'N', 'extra': 1815}, 1, 'an extra number'),
            ({'name': 'N', 'extra': None}, 1, 'an extra null'),
            ({'name': 'N', 'extra': {'a': 1}}, 'L', 'an extra mapping'),
            ({'name': 'N', 'extra': [1]}, 'L', 'an extra list'),
            ({'name': 1815}, 1, 'a number name'),
            ({'name': ['N']}, 0, 'a list name'),
            ({'name': 'N', 'summary': ['a']}, 0, 'a list summary'),
            ({'name': 'N', 'location': {'city': 'x'}}, 0, 'a mapping '
             'location'),
            ({'company': 'C', 'position': ['P', 'Q']}, 0, 'a list position'),
            ({'label': 'L', 'details': 3.14}, 1, 'number details'),
            ({'number': 7}, 1, 'number entry with a number'),
            ({'page_break': False}, 1, 'page_break false'),
            ({'page_break': 'true'}, 1, "page_break 'true'"),
            ({'page_break': 'yes'}, 0, 'page_break yes'),
            ({'page_break': 1}, 0, 'page_break 1'),
            ({'page_break': None}, 0, 'page_break null'),
            ({'page_break': [True]}, 0, 'page_break a list'),
            ({'text': 'T', 'highlights': ['a']}, 1, 'text entry with '
             'highlights')):
        add('entry: %s' % what,
            'lenient' if ok == 'L' else 'ok' if ok else 'bad', entries(e))
    for k, v in (('highlights', ['x']), ('date', '2020'),
                 ('start_date', '2020'), ('end_date', 'present')):
        add('entry: page break with %s' % k, 'bad',
            entries({'page_break': True, k: v}), F_PAGE_BREAK)

    # highlights
    for hl, ok, what in (
            (['a', 'b'], 1, 'two'),
            ([], 1, 'none'),
            (None, 1, 'null'),
            ([1815, True], 1, 'a number and true'),
            ([{'bullet': 'a', 'highlights': ['b', 'c']}], 1, 'nested'),
            ([{'bullet': 'a'}], 1, 'a bullet mapping'),
            ([{'text': 'a'}], 1, 'a text mapping'),
            ([{'bullet': 'a', 'highlights': [{'bullet': 'b', 'highlights':
                                              [{'bullet': 'c', 'highlights':
                                                ['d']}]}]}], 1, 'three deep'),
            ([{'bullet': 'a', 'highlights': None}], 1, 'nested null'),
            ('a', 0, 'text'),
            ({'bullet': 'a'}, 0, 'a mapping'),
            ([None], 0, 'a null item'),
            ([['a', 'b']], 0, 'a list item'),
            ([{'highlights': ['b']}], 0, 'a mapping without bullet'),
            ([{'bullet': None, 'highlights': ['b']}], 0, 'a null bullet'),
            ([{'bullet': 'a', 'sub': ['b']}], 0, 'a mapping with an unknown '
             'key'),
            ([{'bullet': 'a', 'highlights': 'b'}], 0, 'nested text'),
            ([{'bullet': 'a', 'highlights': [None]}], 0, 'a nested null'),
            ([{'bullet': ['a']}], 0, 'a list bullet'),
            ([{'bullet': None, 'text': 'a'}], 1, 'a null bullet, then text')):
        add('highlights: %s' % what, 'ok' if ok else 'bad',
            entries({'name': 'N', 'highlights': hl}))
    add('highlights: text, then a null bullet', 'ok',
        entries({'name': 'N', 'highlights': [{'text': 'a', 'bullet': None}]}),
        F_ORDER)
    for au, ok, what in ((['A', 'B'], 1, 'a list'), ('A', 1, 'text'),
                         ([1815], 1, 'a number'), (['A', None], 1, 'a null '
                                                    'among them'),
                         ([['A']], 0, 'a list in the list'),
                         ({'A': 1}, 0, 'a mapping'),
                         ([{'name': 'A'}], 0, 'a mapping in the list')):
        add('authors: %s' % what, 'ok' if ok else 'bad',
            entries({'title': 'T', 'authors': au}))
    add('authors on a normal entry', 'ok',
        entries({'name': 'N', 'authors': ['A']}))

    # dates: each field, each value
    DATES = [  # value, date, start_date, end_date
        ('2021', 1, 1, 1), (2021, 1, 1, 1), ('2021-09', 1, 1, 1),
        ('2021-09-30', 1, 1, 1), ('2020-02-29', 1, 1, 1),
        ('2000-02-29', 1, 1, 1), ('present', 1, 0, 1), ('Present', 1, 0, 1),
        (None, 1, 1, 1), ('Sept 2021', 1, 0, 0), ('2021-13', 0, 0, 0),
        ('2021-02-30', 0, 0, 0), ('2019-02-29', 0, 0, 0),
        ('1900-02-29', 0, 0, 0), ('2021-04-31', 0, 0, 0),
        ('2021-12-31', 1, 1, 1), ('2021-9', 1, 0, 0), (21, 1, 0, 0),
        (True, 1, 0, 0), ('', 1, 0, 0), (['2021'], 0, 0, 0),
        ({'year': 2021}, 0, 0, 0)]
    # the rest on one field each: start_date is as strict as end_date
    for v, ok in (('0000-02-29', 1), ('2021-00', 0), ('2021-12-32', 0),
                  ('2021-09-1', 0), ('2021/09', 0), ('21', 0), (202, 0),
                  ('Summer', 0), ('PRESENT', 1)):
        add('end_date %s' % json.dumps(v), 'ok' if ok else 'bad',
            entries({'name': 'N', 'end_date': v}))
    for v, ok in (('2021-00', 0), ('2021-09-1', 1), ('Summer', 1)):
        add('date %s' % json.dumps(v), 'ok' if ok else 'bad',
            entries({'name': 'N', 'date': v}))
    for v, *oks in DATES:
        for field, ok in zip(('date', 'start_date', 'end_date'), oks):
            e = {'name': 'N', field: v}
            add('%s %s' % (field, json.dumps(v)), 'ok' if ok else 'bad',
                entries(e))
    add('start_date and end_date', 'ok',
        entries({'name': 'N', 'start_date': '2019-01', 'end_date': 2020}))
    add('end_date present with a start', 'ok',
        entries({'name': 'N', 'start_date': '2019-01', 'end_date': 'present'}))
    add('date null, start_date bad', 'bad',
        entries({'name': 'N', 'date': None, 'start_date': 'Sept 2021'}))
    for field, v in (('start_date', 'Sept 2021'), ('end_date', '2021-13'),
                     ('start_date', 'present'), ('start_date', ['x'])):
        add('date given, %s %s' % (field, json.dumps(v)), 'bad',
            entries({'name': 'N', 'date': '2020', field: v}), F_DATE)

    # tables
    T = {'rows': [['a', 'b'], ['c', 'd']]}
    for t, ok, what in (
            (T, 1, 'rows only'),
            (dict(T, columns=['A', 'B']), 1, 'columns'),
            ({'rows': [{'heading': 'H', 'cells': ['a']}], 'columns': ['', 'A'],
              'corner': 'x'}, 1, 'a corner'),
            (dict(T, columns=None), 1, 'null columns'),
            (dict(T, widths=['1', 2.5]), 1, 'widths'),
            (dict(T, widths=None), 1, 'null widths'),
            ({'rows': [{'heading': 'H', 'cells': ['a']}, ['b']]}, 1,
             'a heading'),
            ({'rows': [[['a', {'bullet': 'b', 'highlights': ['c']}]]]}, 1,
             'a list in a cell'),
            ({'rows': [[None, 'a']]}, 1, 'a null cell'),
            ({'rows': [['a'], []]}, 1, 'an empty row'),
            ({}, 0, 'no rows'),
            ({'rows': []}, 0, 'no row'),
            ({'rows': [[]]}, 0, 'no cell'),
            ({'rows': 'a'}, 0, 'text rows'),
            ({'rows': ['a']}, 0, 'a text row'),
            ({'rows': [{'heading': 'H'}]}, 0, 'a row without cells'),
            ({'rows': [{'heading': 'H', 'cells': 'a'}]}, 0, 'text cells'),
            ({'rows': [{'cells': ['a'], 'style': 'x'}]}, 0, 'a row with an '
             'unknown key'),
            ({'rows': [[{'a': 1}]]}, 0, 'a mapping cell'),
            (dict(T, colums=['A', 'B']), 0, 'misspelt columns'),
            (dict(T, columns='A'), 0, 'text columns'),
            (dict(T, corner=['x']), 0, 'a list corner'),
            (dict(T, widths=[0, 1]), 0, 'a zero width'),
            (dict(T, widths=[-1, 1]), 0, 'a negative width'),
            (dict(T, widths=[2000, 1]), 0, 'a width over 1000'),
            (dict(T, widths=['x', 1]), 0, 'a text width'),
            (dict(T, widths=1), 0, 'one number for widths'),
            ('a', 0, 'text'),
            (['a'], 0, 'a list')):
        add('table: %s' % what, 'ok' if ok else 'bad', entries({'table': t}))

    # -------------------------------------------------- settings
    for v, ok in (('2025-01-01', 1), ('today', 1), ('2025', 1), (2025, 1),
                  ('2025-06', 1), ('2025-13-01', 0), ('2025-02-30', 0),
                  ('tomorrow', 0), ('Today', 0), (None, 0), (['2025'], 0),
                  (25, 0), (True, 0)):
        add('current_date %s' % json.dumps(v), 'ok' if ok else 'bad',
            at('settings.current_date', v))
    add('settings.date (older name)', 'ok', at('settings.date', '2025-01-01'))
    add('settings.date bad', 'bad', at('settings.date', 'soon'))
    for v, ok in ((['Ada'], 1), (None, 1), ([1815, None], 1), ([], 1),
                  ('Ada', 0), ([['Ada']], 0), ({'a': 1}, 0)):
        add('bold_keywords %s' % json.dumps(v), 'ok' if ok else 'bad',
            at('settings.bold_keywords', v))
    add('pdf_title', 'ok', at('settings.pdf_title', 'My CV'))
    add('pdf_title null', 'ok', at('settings.pdf_title', None))
    add('pdf_title a list', 'bad', at('settings.pdf_title', ['x']))
    for v in ('ua-1', 'a-2b', 'a-2u', 'a-2a', 'none', None):
        add('pdf_standard %s' % v, 'ok', at('settings.pdf_standard', v))
    for v in ('pdf-x', 'UA-1', ['ua-1']):
        add('pdf_standard %s' % v, 'bad', at('settings.pdf_standard', v))
    add('render_command', 'ok', at('settings.render_command',
                                   {'pdf_path': 'x.pdf', 'dont_generate_png':
                                    True}))
    # cvpdf's variants: tags on entries, highlights and sections
    add('tags on an entry (a list)', 'ok',
        entries({'company': 'X', 'position': 'Y', 'tags': ['industry']}))
    add('tags on an entry (one tag)', 'ok',
        entries({'bullet': 'x', 'tags': 'academic'}))
    add('tags as a mapping', 'bad',
        entries({'bullet': 'x', 'tags': {'a': 1}}))
    add('tags holding a list', 'bad',
        entries({'bullet': 'x', 'tags': [['a']]}))
    add('a highlight with tags', 'ok',
        entries({'company': 'X', 'position': 'Y', 'highlights':
                 ['a', {'text': 'b', 'tags': ['academic']}]}))
    add('a highlight with a misspelt key', 'bad',
        entries({'company': 'X', 'position': 'Y', 'highlights':
                 [{'text': 'b', 'tagz': ['academic']}]}))
    add('a section in some variants', 'ok',
        at('cv.sections', {'s': {'tags': ['academic'],
                                 'entries': [{'bullet': 'x'}]}}))
    add('a section mapping without entries', 'bad',
        at('cv.sections', {'s': {'tags': ['academic']}}))
    add('a section mapping with another key', 'bad',
        at('cv.sections', {'s': {'entries': [], 'title': 'x'}}))
    add('variants', 'ok', at('variants', [{'output': 'a.pdf', 'tags': ['x'],
                                           'fit_to_pages': 1},
                                          {'output': 'b', 'theme': 'classic',
                                           'exclude_tags': 'x'}]))
    add('a variant without output', 'bad', at('variants', [{'tags': ['x']}]))
    add('a variant with a folder in its output', 'bad',
        at('variants', [{'output': 'a/b.pdf'}]))
    add('a variant with a misspelt key', 'bad',
        at('variants', [{'output': 'a.pdf', 'tag': ['x']}]))
    add('variants as a mapping', 'bad', at('variants', {'output': 'a.pdf'}))
    add('render_command text', 'bad', at('settings.render_command', 'x'))
    add('render_command misspelt', 'bad', at('settings.render_command',
                                             {'pdf_pth': 'x.pdf'}))
    add('render_command flag not a boolean', 'bad',
        at('settings.render_command', {'dont_generate_png': 'yes'}))
    add('render_command path a list', 'bad',
        at('settings.render_command', {'pdf_path': ['x.pdf']}))
    add('sort_entries (older)', 'ok', at('settings.sort_entries', 'none'))
    for k in V.settings_keys:
        add('misspelt settings key %s' % k, 'bad',
            at('settings.' + k[:-1] + k[-1] * 2, 'x'))

    # -------------------------------------------------- design
    # every key's good value: one CV per block (page, colors...) holds them
    # all; the enumerations' values spread over as many CVs as the longest
    # has values; one bad value for each key, each in a CV of its own
    def values_of(kind, enum):
        return (enum if kind == 'K_ENUM' else V.sizes if kind == 'K_PAGE_SIZE'
                else V.aligns if kind == 'K_ALIGNMENT' else V.themes
                if kind == 'K_THEME' else None)
    goods, nstr, seen = {}, 0, {}
    for path, (kind, enum) in V.keys.items():
        if values_of(kind, enum) is None and kind not in GOOD:
            sys.exit('FAIL style.c has a value type the test does not know: '
                     + kind)
        if values_of(kind, enum) is None:
            put(goods.setdefault(path.split('.')[0], base()), 'design.' + path,
                GOOD[kind])
        # a bad value for every key whose type style_key does not tell apart
        # from another's (schema.c tells them apart by the key); for the
        # rest, the first two keys of each type
        seen[kind] = seen.get(kind, 0) + 1
        if kind in BAD and (kind in AMBIGUOUS or seen[kind] <= 2):
            add('design.%s = %s' % (path, json.dumps(BAD[kind])), 'bad',
                at('design.' + path, BAD[kind]))
        if kind == 'K_STR' and nstr < 2:
            nstr += 1
            add('design.%s = null' % path, 'bad', at('design.' + path, None),
                F_NULL_TEXT)
    for b, d in goods.items():
        add('design.%s: every key a good value' % b, 'ok', d)
    enums = [(p, values_of(k, e)) for p, (k, e) in V.keys.items()
             if values_of(k, e) is not None]
    for i in range(max(len(v) for _, v in enums)):
        d = base()
        for p, vs in enums:
            if i < len(vs):
                put(d, 'design.' + p, vs[i])
        add('design: enumerations, value %d of each' % (i + 1), 'ok', d)
    for p, vs in enums:
        if any('_' in v for v in vs):
            v = vs[-1].replace('_', '-')
            add('design.%s = %s (older spelling)' % (p, v), 'ok',
                at('design.' + p, v))
    # every block: null, text, an unknown key
    blocks = sorted({p.rsplit('.', 1)[0] for p in V.keys if '.' in p} |
                    {p.rsplit('.', 2)[0] for p in V.keys if p.count('.') > 1})
    for b in blocks:
        leaf = b in V.keys
        if leaf or '.' not in b:
            add('design.%s = null' % b, 'bad' if leaf else 'ok',
                at('design.' + b, None))
            add('design.%s = text' % b, 'ok' if leaf else 'bad',
                at('design.' + b, 'CMU Serif' if leaf else 'x'))
        add('design.%s.zzz unknown key' % b, 'bad', at('design.%s.zzz' % b, 1))
    add('design.zzz unknown key', 'bad', at('design.zzz', 1))
    add('design.page.sise misspelt', 'bad', at('design.page.sise', 'a4'))
    add('design.colours misspelt block', 'bad', at('design.colours.name', 'red'))
    add('design.theme null', 'bad', at('design.theme', None))
    add('design.theme a list', 'bad', at('design.theme', ['classic']))
    add('design.font_family mapping', 'ok',
        at('design.typography.font_family', {'body': 'CMU Serif', 'name':
                                             'CMU Serif'}))
    add('design fallback text', 'ok',
        at('design.typography.font_family.fallback', 'CMU Serif'))
    add('design fallback null', 'ok',
        at('design.typography.font_family.fallback', None))
    add('design fallback 9 families', 'bad',
        at('design.typography.font_family.fallback', ['CMU Serif'] * 9))
    add('design show_time_spans_in null', 'ok',
        at('design.sections.show_time_spans_in', None))
    add('design show_time_spans_in a number', 'ok',
        at('design.sections.show_time_spans_in', [1815]))

    # the forms of each sort of value, on one key each
    def forms(path, cases, drop_headline=False):
        for v, ok in cases:
            d = at('design.' + path, v)
            if drop_headline:
                del d['cv']['headline']
            fault = {'F': F_STRTOD, 'R': F_RGB, 'E': F_EM}.get(ok)
            if ok in ('F', 'R', 'E'):
                ok = 0
            add('design.%s = %s' % (path, json.dumps(v)), 'ok' if ok else
                'bad', d, fault)
    forms('sections.space_between_text_based_entries', (
        ('1 pt', 1), ('\t1pt', 1), ('1.pt', 1), ('.5cm', 1), ('+1pt', 1),
        ('-1pt', 1), ('0.0', 1), (' 0 ', 1), ('-0', 1), (0, 1), (0.0, 1),
        ('2.5mm', 1), ('0.1in', 1), ('0.3em', 1), ('0001pt', 1),
        ('1pt ', 0), ('1PT', 0), ('1px', 0), ('pt', 0), ('', 0), (1, 0),
        ('1e1pt', 'F'), ('0x10pt', 'F'), ('10001pt', 0), ('12345pt', 0),
        ('1,5pt', 0), ('- 1pt', 0), ('infpt', 0), (None, 0), ([], 0),
        (True, 0)))
    forms('entries.tables.cell_padding', (
        ('0.5pt', 1), ('0', 1), ('+2pt', 1), (0, 1), ('-0.5pt', 0),
        ('-1cm', 0), ('-2', 0)))
    forms('typography.font_size.headline', (
        ('1pt', 1), ('200.0pt', 1), ('0.1em', 1), ('20em', 1), ('70.5mm', 1),
        ('0.36mm', 1), ('7.05cm', 1), ('0.04cm', 1), ('2.77in', 1),
        ('0.014in', 1), ('+12 pt', 1), ('012pt', 1),
        ('0.9pt', 0), ('200.1pt', 0), ('0.09em', 0), ('20.1em', 0),
        ('70.6mm', 0), ('0.35mm', 0), ('7.06cm', 0), ('0.035cm', 0),
        ('2.78in', 0), ('0.0138in', 0), (0, 0), ('0pt', 0), ('-10pt', 0),
        ('10', 0)),
        drop_headline=True)
    forms('entries.date_and_location_width', (
        ('auto', 1), ('3cm', 1), (0, 1), ('0', 1), ('Auto', 0), ('-1cm', 0),
        ('automatic', 0), (None, 0)))
    forms('typography.line_breaking.tolerance', (
        ('200', 1), (-10000, 1), ('-10000', 1), (200.0, 1), ('+5', 1),
        (' 7', 1), ('5.', 1), (10001, 0), ('10001', 0), ('1.5', 0), ('', 0),
        (True, 0), ('5 ', 0), ('0x10', 'F')))
    forms('page.fit_to_pages', (
        (0, 1), ('3', 1), ('+2', 1), (1000, 1), (1001, 0), ('1.0', 0),
        ('x', 0), (True, 0), (2.5, 0), ('-1', 0)))
    forms('typography.line_breaking.emergency_stretch', (
        (0, 1), (2.5, 1), ('2em', 1), ('100', 1), ('2 em', 0), (101, 0),
        ('-1', 0), ('2pt', 0), ('em', 'E')))
    forms('colors.connection_links', (
        ('links', 1), ('connections', 1), ('red', 1), ('Links', 0),
        ('link', 0), (None, 0)))
    forms('colors.body', (
        ('#369', 1), ('#AbCdEf', 1), (' #123456', 1), ('NaVy', 1),
        ('rgb(1 2 3)', 1), ('rgb( 10 , 20 , 30 )', 1),
        ('RGB(10%, 20%, 30%)', 1), ('rgb(255, 0, 0)', 1),
        ('rgb(254.5, 0, 0)', 1), ('rgba(1, 2, 3, 0.5)', 1),
        ('rgb(1 2 3 / 50%)', 1), ('hsl(120, 50%, 50%)', 1),
        ('hsl(-30, 50, 50)', 1), ('hsla(1, 2%, 3%, 0.2)', 1),
        ('navyblue', 0), ('#12345', 0), ('#GGGGGG', 0), ('#abcd', 0),
        ('336699', 1), ('0x336699', 1), ('#336699ff', 1), ('#33669980', 0),
        ('33669', 0), ('rgb(256, 0, 0)', 0), ('rgb(255.5, 0, 0)', 0),
        ('rgb(101%, 0%, 0%)', 0), ('rgb(1,2)', 0), ('rgb(-1, 0, 0)', 0),
        ('rgb(1,2,3) ', 0), ('rgb 1,2,3', 0), ('hsl(120, 150%, 50%)', 0),
        ('transparent', 0), ('', 0), (5, 0), ('red ', 0),
        ('rgbfoo(1,2,3)', 'R'), ('hslx(1,2%,3%)', 'R'),
        ('rgb(0x10, 0, 0)', 'F')))
    # every colour name, eight at a time
    ckeys = [p for p, (k, _) in V.keys.items() if k == 'K_COLOR']
    for i in range(0, len(V.colors), len(ckeys)):
        d = base()
        for k, n in zip(ckeys, V.colors[i:i + len(ckeys)]):
            put(d, 'design.' + k, n)
        add('colour names %s...' % V.colors[i], 'ok', d)
    # RenderCV's older names, each with its new key's good value (one CV per
    # block), and a bad value for the first older name of each type
    goods, kinds = {}, set()
    for old, now in V.legacy:
        kind, enum = V.keys[now]
        v = values_of(kind, enum)
        put(goods.setdefault(old.split('.')[0], base()), 'design.' + old,
            v[0] if v else GOOD[kind])
        if kind in BAD and kind not in kinds:
            kinds.add(kind)
            add('older design.%s bad' % old, 'bad',
                at('design.' + old, BAD[kind]))
    for b, d in goods.items():
        add('older design.%s: every older name' % b, 'ok', d)
    for p in V.papers:
        add('older design.page_size = %s' % p, 'ok', at('design.page_size', p))
    add('older design.text_alignment = left-aligned', 'ok',
        at('design.text_alignment', 'left-aligned'))
    add('design.typography.alignment = left-aligned', 'bad',
        at('design.typography.alignment', 'left-aligned'))
    add('design.page.size = letterpaper', 'bad',
        at('design.page.size', 'letterpaper'))
    for b in sorted({o.split('.')[0] for o, _ in V.legacy if '.' in o} -
                    {p.split('.')[0] for p in V.keys}):
        add('older design block %s = null' % b, 'bad', at('design.' + b, None))
        add('older design block %s.zzz' % b, 'bad', at('design.%s.zzz' % b, 1))

    # -------------------------------------------------- locale
    # RenderCV 2.0-2.3 took any ISO 639-1 code, words English (Breton,
    # Catalan, Ukrainian: cvpdf has no words for them)
    for lang in V.languages + V.iso + ['br', 'ca', 'uk']:
        add('locale.language %s' % lang, 'ok', at('locale.language', lang))
    for v in ('klingon', 'English', 'EN', 'en_US', 'xx', 'bh', None, 5,
              ['english']):
        add('locale.language %s' % json.dumps(v), 'bad',
            at('locale.language', v))
    for k in ('last_updated', 'month', 'months', 'year', 'years', 'present'):
        add('locale.%s' % k, 'ok', at('locale.' + k, 'x'))
        add('locale.%s a number' % k, 'ok', at('locale.' + k, 7))
        add('locale.%s a list' % k, 'bad', at('locale.' + k, ['x']))
    add('locale.present null', 'bad', at('locale.present', None), F_NULL_TEXT)
    add('locale.phrases', 'ok', at('locale.phrases', {'degree_with_area':
                                                      'DEGREE, AREA'}))
    add('locale.phrases unknown', 'bad', at('locale.phrases', {'degree': 'x'}))
    add('locale.phrases null', 'bad', at('locale.phrases', None))
    add('locale.phrases text', 'bad', at('locale.phrases', 'x'))
    add('locale.phrases.degree_with_area null', 'bad',
        at('locale.phrases', {'degree_with_area': None}), F_NULL_TEXT)
    months = ['m%d' % i for i in range(1, 13)]
    for k in ('month_abbreviations', 'month_names'):
        add('locale.%s 12' % k, 'ok', at('locale.' + k, months))
        add('locale.%s 11' % k, 'bad', at('locale.' + k, months[:11]))
        add('locale.%s 13' % k, 'bad', at('locale.' + k, months + ['x']))
        add('locale.%s a list in it' % k, 'bad',
            at('locale.' + k, months[:11] + [['x']]))
        add('locale.%s text' % k, 'bad', at('locale.' + k, 'Jan'))
        add('locale.%s a null in it' % k, 'bad',
            at('locale.' + k, months[:11] + [None]), F_NULL_TEXT)
    for v, ok in (('en_GB', 1), ('', 1), ('de-DE', 1), ('en GB', 0),
                  ('a' * 16, 0), ('a' * 15, 1), ('en.GB', 0), (['en'], 0),
                  (12, 1), (True, 1), (1.5, 0)):
        add('locale.hyphenation %s' % json.dumps(v), 'ok' if ok else 'bad',
            at('locale.hyphenation', v))
    add('locale.hyphenation null', 'ok', at('locale.hyphenation', None))
    for old, now in V.older_locale:
        v = (months if now.startswith('locale.month') else 'national'
             if now.endswith('phone_number_format') else 'x')
        add('older locale.%s' % old, 'ok', at('locale.' + old, v))
        add('older locale.%s a mapping' % old, 'bad', at('locale.' + old,
                                                         {'a': 1}))
    add('older locale.to null', 'bad', at('locale.to', None), F_NULL_TEXT)
    add('locale.langauge misspelt', 'bad', at('locale.langauge', 'english'))
    add('locale.zzz unknown', 'bad', at('locale.zzz', 1))
    return C.v


# ------------------------------------------------------------ running

def main():
    args = [a for a in sys.argv[1:] if a != '-v']
    verbose = '-v' in sys.argv
    cvpdf, src, schema_path, work = args
    sys.path.insert(0, os.path.join(src, 'tests', 'tools'))
    sys.dont_write_bytecode = True  # no __pycache__ in the source tree
    import schemacheck
    schema = json.load(open(schema_path, encoding='utf-8'))
    try:
        import jsonschema
        jsonschema.Draft7Validator.check_schema(schema)
        second = jsonschema.Draft7Validator(schema)
        from importlib import metadata
        print('ok   the schema is a valid draft-07 schema (jsonschema %s)' %
              metadata.version('jsonschema'))
    except ImportError:
        second = None
        print('SKIP the jsonschema module is missing (Debian: '
              'python3-jsonschema): the schema is checked by '
              'tests/tools/schemacheck.py alone, not against draft-07\'s '
              'meta-schema nor by a second validator')
    cases = generate(Vocab(src))
    env = dict(os.environ, SOURCE_DATE_EPOCH='1700000000')
    cvpdf = os.path.abspath(cvpdf)
    for i, c in enumerate(cases):
        c['file'] = 'cv%03d.json' % i
        with open(os.path.join(work, c['file']), 'w', encoding='utf-8') as fh:
            json.dump(c['doc'], fh, ensure_ascii=False, indent=1)
    fail = 0

    # every CV in one run of cvpdf (a batch: each file is checked alone,
    # and its first error named in the summary), then a sample one by one:
    # a batch must give each file the verdict it gives alone
    p = subprocess.run([cvpdf, '--check'] + [c['file'] for c in cases],
                       cwd=work, capture_output=True, text=True, env=env,
                       timeout=600)
    summary = re.search(r'^cvpdf: (\d+) of (\d+) files? failed:\n((?:  .*\n?)*)',
                        p.stderr, re.M)
    failed = {}
    for line in summary.group(3).splitlines() if summary else []:
        m = re.match(r'  (cv[0-9]+\.json)(.*)', line)
        if m:
            failed[m.group(1)] = m.group(1) + m.group(2)
    if p.returncode not in (0, 1) or (p.returncode == 1) != bool(failed) or \
            (summary and int(summary.group(1)) != len(failed)):
        print('FAIL cvpdf --check on %d files: exit %d, %d failures read '
              'from:' % (len(cases), p.returncode, len(failed)))
        print(p.stderr[-2000:])
        sys.exit(1)
    for c in cases:
        c['rc'] = 1 if c['file'] in failed else 0
        c['why'] = [failed.get(c['file'], '')]

    def alone(c):
        q = subprocess.run([cvpdf, '--check', c['file']], cwd=work,
                           capture_output=True, text=True, env=env,
                           timeout=120)
        return c, q.returncode
    sample = cases[::max(1, len(cases) // 25)]
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as ex:
        for c, rc in ex.map(alone, sample):
            if rc != c['rc']:
                print('FAIL %s (%s): cvpdf --check exits %d alone, %d in a '
                      'batch' % (c['name'], c['file'], rc, c['rc']))
                fail = 1
    if not fail:
        print('ok   a batch gives each of %d CVs checked alone its verdict' %
              len(sample))
    agree = xfail = accepted = lenient = 0
    for c in cases:
        errs = schemacheck.errors(schema, c['doc'])
        sc_ok = not errs
        cv_ok = c['rc'] == 0
        label = '%s (%s)' % (c['name'], c['file'])
        if c['rc'] not in (0, 1):
            print('FAIL %s: cvpdf exits %d' % (label, c['rc']))
            fail = 1
            continue
        if second is not None:
            js_ok = second.is_valid(c['doc'])
            if js_ok != sc_ok:
                print('FAIL %s: schemacheck.py says %s, jsonschema %s' %
                      (label, sc_ok, js_ok))
                fail = 1
        if c['intent'] == 'lenient':
            if cv_ok and not sc_ok:
                lenient += 1
            else:
                print('FAIL %s: cvpdf should accept it with a warning (%s) '
                      'and the schema refuse it (%s)' %
                      (label, 'accepts' if cv_ok else 'refuses',
                       'accepts' if sc_ok else 'refuses'))
                for l in c['why'] + errs[:3]:
                    print('       ' + l[:200])
                fail = 1
            continue
        if c['fault']:
            if cv_ok != sc_ok and sc_ok == (c['intent'] == 'ok'):
                xfail += 1
                if verbose:
                    print('xfail %s: %s' % (label, c['fault']))
            elif cv_ok == sc_ok:
                print('FAIL %s: a known fault of cvpdf (%s) is gone: both '
                      '%s it; drop its mark in tests/schema/agree.py' %
                      (label, c['fault'], 'accept' if cv_ok else 'refuse'))
                fail = 1
            else:
                print('FAIL %s: cvpdf %s it, the schema %s it' %
                      (label, 'accepts' if cv_ok else 'refuses',
                       'accepts' if sc_ok else 'refuses'))
                fail = 1
            continue
        if cv_ok != sc_ok:
            print('FAIL %s: cvpdf %s it, the schema %s it' %
                  (label, 'accepts' if cv_ok else 'refuses',
                   'accepts' if sc_ok else 'refuses'))
            print('       ' + json.dumps(c['doc'])[:300])
            for l in c['why'] + errs[:3]:
                print('       ' + l[:200])
            fail = 1
            continue
        agree += 1
        accepted += cv_ok
        if cv_ok != (c['intent'] == 'ok'):
            print('FAIL %s: meant to be %s, but cvpdf and the schema both %s '
                  'it' % (label, c['intent'], 'accept' if cv_ok else
                          'refuse'))
            print('       ' + json.dumps(c['doc'])[:300])
            for l in c['why'] + errs[:3]:
                print('       ' + l[:200])
            fail = 1
    print('%s %d CVs: cvpdf and the schema agree on %d (%d accepted, %d '
          'refused); %d are lenient (cvpdf warns, the schema flags them); '
          '%d are known faults of cvpdf' %
          ('ok  ' if not fail else 'FAIL', len(cases), agree, accepted,
           agree - accepted, lenient, xfail))
    faults = sorted({c['fault'] for c in cases if c['fault']})
    for f in faults:
        n = sum(c['fault'] == f for c in cases)
        print('     known fault (%d CVs): %s' % (n, f))
    sys.exit(fail)


if __name__ == '__main__':
    main()
