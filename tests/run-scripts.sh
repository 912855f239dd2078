#!/bin/sh
# Every script set correctly: each CV of tests/scripts/ (Arabic, Hebrew,
# Persian, Hindi, Bengali, Tamil, Thai, Korean, decomposed Vietnamese,
# Turkish and Greek capitals, names in other scripts inside English,
# characters beyond the BMP) renders without a warning, and its PDF is
# checked with poppler and the layout trace against what its comments
# say:
#   # expect: TEXT   pdftotext gives TEXT back, words in logical order
#                    (bidi marks poppler adds left out, both sides NFC,
#                    spaces not compared: around a left-to-right word in
#                    right-to-left text poppler puts them on the wrong side)
#   # words: W W ... every line of the page's text is whole words of these
#                    (Korean: no line breaks inside a word)
#   # right: TEXT    a word drawn flush with the right edge of the text
#   # left: TEXT     a word drawn flush with the left edge
#   # upper: TEXT    TEXT is drawn (capitals as the language writes them)
#   # whole: WORD    WORD is drawn whole, in one operation (one font)
# and no text leaves the text area (the section rules' span); each CV's
# lines (--dump=lines) equal its golden NAME.lines (UPDATE=1 rewrites them).
# Fonts: Debian's fonts-noto-core, fonts-hanazono, fonts-symbola,
# fonts-wqy-microhei, fonts-ipafont-gothic and fonts-nanum (build.sh check
# installs them).
# usage: run-scripts.sh CVPDF SOURCE_DIR
. "$(dirname "$0")/lib.sh"

for f in "$src"/tests/scripts/*.yaml; do
  name=$(basename "$f" .yaml)
  if ! "$cvpdf" "$f" -o "$tmp/$name.pdf" 2>"$tmp/$name.err"; then
    bad "$name: cvpdf failed"; cat "$tmp/$name.err"; continue
  fi
  [ -s "$tmp/$name.err" ] && { bad "$name: warnings"; cat "$tmp/$name.err"; }
  "$cvpdf" -q --dump "$f" -o "$tmp/$name.dump"
  # the golden trace of its lines (every font is named in the file, so
  # no machine's other fonts change it); UPDATE=1 rewrites it
  "$cvpdf" -q --dump=lines "$f" -o "$tmp/$name.lines"
  golden=${f%.yaml}.lines
  if [ "${UPDATE:-}" = 1 ]; then
    cp "$tmp/$name.lines" "$golden"
  elif diff -u "$golden" "$tmp/$name.lines" > "$tmp/$name.diff"; then
    ok "$name: lines as in $(basename "$golden")"
  else
    bad "$name: lines differ from $(basename "$golden"):"; head -40 "$tmp/$name.diff"
  fi
  pdftotext -enc UTF-8 "$tmp/$name.pdf" "$tmp/$name.txt"
  python3 - "$f" "$tmp/$name.txt" "$tmp/$name.dump" <<'EOF' || fail=1
import re, sys, unicodedata
src, txt, dump = sys.argv[1:]
name = src.rsplit('/', 1)[-1]
nfc = lambda s: unicodedata.normalize('NFC', s)
def flat(s):
    # poppler wraps right-to-left runs in embedding marks; lines join
    s = re.sub('[\u202a-\u202e\u2066-\u2069\u200e\u200f]', '', s)
    return ' '.join(nfc(s).split())
text = open(txt, encoding='utf-8').read()
ops = []  # (x, w, text)
rules = []
for line in open(dump, encoding='utf-8'):
    m = re.match(r'text (\S+) (\S+) (\S+) \S+ \S+ \S+ "(.*)"$', line)
    if m:
        ops.append((float(m[1]), float(m[3]), nfc(m[4])))
    m = re.match(r'rule (\S+) \S+ (\S+) ', line)
    if m:
        rules.append((float(m[1]), float(m[2])))
left = min(x for x, w in rules)
right = max(x + w for x, w in rules)
failed = False
def check(ok, what):
    global failed
    print(('ok   ' if ok else 'FAIL ') + name + ': ' + what)
    failed |= not ok
out = [o for o in ops if o[0] < left - 0.5 or o[0] + o[1] > right + 0.5]
check(not out, 'all text inside the text area %.2f..%.2f%s' %
      (left, right, '' if not out else ': ' + repr(out[:3])))
for line in open(src, encoding='utf-8'):
    m = re.match(r'# (expect|right|left|upper|words|whole): (.*)', line)
    if not m:
        continue
    kind, arg = m[1], nfc(m[2].strip())
    if kind == 'expect':
        nosp = lambda s: ''.join(flat(s).split())
        check(nosp(arg) in nosp(text), 'extracts "%s"' % arg)
    elif kind == 'whole':
        check(any(t == arg for _, _, t in ops), 'draws "%s" whole, in one font: %s' %
              (arg, [t for _, _, t in ops if t and t in arg]))
    elif kind == 'upper':
        check(any(arg.split()[0] in t for _, _, t in ops), 'draws "%s"' % arg)
    elif kind in ('left', 'right'):
        at = [x if kind == 'left' else x + w for x, w, t in ops if t == arg]
        edge = left if kind == 'left' else right
        check(any(abs(a - edge) < 0.5 for a in at),
              '"%s" flush %s (%.2f; at %s)' % (arg, kind, edge, at))
    elif kind == 'words':
        vocab = set(arg.split())
        lines = [l for l in text.splitlines() if any('\uac00' <= c <= '\ud7a3' for c in l)]
        broken = [w for l in lines for w in l.split() if w not in vocab and
                  any('\uac00' <= c <= '\ud7a3' for c in w) and len(lines) > 1]
        check(len(lines) > 1 and not broken,
              '%d lines, every one whole words%s' % (len(lines), '' if not broken else ': ' + ' '.join(broken)))
sys.exit(1 if failed else 0)
EOF
done

# A right-to-left paragraph in a left-to-right CV is ordered by the bidi
# algorithm (its first strong character) and set flush right; a
# right-to-left document's PDF keeps the words' order for a reader.
printf 'cv:\n  name: Test\n  sections:\n    notes:\n      - "\327\251\327\234\327\225\327\235 \327\242\327\225\327\234\327\235 (Hello World) 2024"\n' > "$tmp/rtlpara.yaml"
"$cvpdf" -q --dump "$tmp/rtlpara.yaml" -o "$tmp/rtlpara.dump"
# the Hebrew words right to left at the right: שלום rightmost, then עולם,
# then the English in its own order, then the number at the left end (the
# brackets, right to left here by rule N0, are drawn mirrored)
order=$(awk -F'"' '/^text/ {split($1,a," "); print a[2], $2}' "$tmp/rtlpara.dump" | sort -n | awk '$2 != "TEST" && $2 != "NOTES" {printf "%s", $2}')
[ "$order" = "2024)Hello World(עולםשלום" ] || [ "$order" = "2024)HelloWorld(עולםשלום" ] || [ "$order" = "2024)HelloWorld(עולםשלום" ] \
  && ok "a Hebrew paragraph in an English CV: words in visual order ($order)" || bad "a Hebrew paragraph in an English CV: $order"

# text in a script the design's fonts lack: set in an installed font made
# for it (fontconfig, by the script's language), which a note names once
printf 'cv:\n  name: Test\n  sections:\n    s:\n      - "\340\244\252\340\245\215\340\244\260\340\244\277\340\244\257\340\244\276 and \340\244\266\340\244\260\340\245\215\340\244\256\340\244\276"\n' > "$tmp/deva.yaml"
"$cvpdf" "$tmp/deva.yaml" -o "$tmp/deva.pdf" 2>"$tmp/err"
if [ "$(grep -c 'note: U+092A is in none of the fonts of the design (CMU Serif and its fallbacks): it, and the text in its script, is set in .[^ ]* [^ ]* Devanagari., an installed font that has it' "$tmp/err")" = 1 ] &&
   pdffonts "$tmp/deva.pdf" | grep -q Devanagari; then
  ok "Devanagari in a Latin design: set in an installed Devanagari font, named once"
else
  bad "Devanagari fallback:"; cat "$tmp/err"; pdffonts "$tmp/deva.pdf"
fi

# the same without a font for Urdu named: fontconfig's font for Arabic
# letters (DejaVu Sans) lacks Urdu's ہ, so the installed font chosen has
# all of the paragraph's letters (not one for عائش and another for ہ)
cat > "$tmp/urdu.yaml" <<'EOF'
cv:
  name: عائشہ خان
EOF
"$cvpdf" -q --dump "$tmp/urdu.yaml" -o "$tmp/urdu.dump"
fonts=$(awk -F'"' '/^text/ {split($1,a," "); print a[5]}' "$tmp/urdu.dump" | sort -u | tr '\n' ' ')
if grep -q '"عائشہ"$' "$tmp/urdu.dump" && [ "$(echo $fonts | wc -w)" = 1 ]; then
  ok "an Urdu name without a font named: each word in one installed font ($fonts)"
else
  bad "an Urdu name set in several fonts: $fonts"; grep '^text' "$tmp/urdu.dump"
fi

# an Urdu CV in the english locale (RenderCV has no Urdu one; its month
# names and "present" given in Urdu): its section titles are right to
# left, so it is laid out right to left like an Arabic one, titles at the
# right and dates at the left, and a note says why
cat > "$tmp/urdu-en.yaml" <<'EOF'
cv:
  name: عائشہ خان
  sections:
    تجربہ:
      - company: سسٹمز لمیٹڈ
        position: سینئر سافٹ ویئر انجینئر
        start_date: 2019-01
        end_date: present
        highlights:
          - پانچ افراد کی ٹیم کی قیادت کی
    تعلیم:
      - institution: لاہور یونیورسٹی
        area: کمپیوٹر سائنس
        degree: بی ایس
        start_date: 2014-09
        end_date: 2018-06
locale:
  language: english
  present: تاحال
  month_abbreviations: [جنوری, فروری, مارچ, اپریل, مئی, جون, جولائی, اگست, ستمبر, اکتوبر, نومبر, دسمبر]
design:
  typography:
    font_family:
      body: Noto Sans
      name: Noto Sans
      section_titles: Noto Sans
      fallback: [Noto Sans Arabic]
EOF
"$cvpdf" --dump "$tmp/urdu-en.yaml" -o "$tmp/urdu-en.dump" 2> "$tmp/urdu-en.err"
"$cvpdf" -q "$tmp/urdu-en.yaml" -o "$tmp/urdu-en.html"
title_right=$(awk -F'"' '/^text/ && $2 == "تجربہ" {split($1,a," "); printf "%.2f", a[2] + a[4]}' "$tmp/urdu-en.dump")
rule_right=$(awk '/^rule/ {r = $2 + $4; if (r > m) m = r} END {printf "%.2f", m}' "$tmp/urdu-en.dump")
date_left=$(awk -F'"' '/^text/ && $2 == "تاحال" {split($1,a," "); print a[2]}' "$tmp/urdu-en.dump")
if [ "$(grep -c 'note: 2 of the 2 section titles are written right to left: the CV is laid out right to left' "$tmp/urdu-en.err")" = 1 ] &&
   [ "$title_right" = "$rule_right" ] && awk "BEGIN {exit !($date_left < 100)}" &&
   grep -q '<html lang="en" dir="rtl">' "$tmp/urdu-en.html"; then
  ok "an Urdu CV in the english locale: laid out right to left (title flush right at $title_right, the date at the left), said in a note"
else
  bad "an Urdu CV in the english locale: title ends at $title_right (text area's right $rule_right), date at $date_left"; cat "$tmp/urdu-en.err"; head -3 "$tmp/urdu-en.html"
fi

# Japanese and Korean without a fallback named: kanji and kana in a
# Japanese font (IPAGothic), Hangul in a Korean one (NanumGothic), not in
# the Chinese WenQuanYi Micro Hei, whose kanji have China's forms
"$cvpdf" -q "$src/tests/scripts/japanese-vietnamese.yaml" -o "$tmp/ja.pdf"
"$cvpdf" -q "$src/tests/scripts/korean.yaml" -o "$tmp/ko.pdf"
if pdffonts "$tmp/ja.pdf" | grep -q IPAGothic && ! pdffonts "$tmp/ja.pdf" | grep -q WenQuanYi &&
   pdffonts "$tmp/ko.pdf" | grep -q NanumGothic && ! pdffonts "$tmp/ko.pdf" | grep -q WenQuanYi; then
  ok "Japanese in IPAGothic, Korean in NanumGothic (the locale's fallback)"
else
  bad "Japanese and Korean fonts:"; pdffonts "$tmp/ja.pdf"; pdffonts "$tmp/ko.pdf"
fi

# a space after a kanji is the text font's, not IPAGothic's half an em:
# "4月 2018" in the classic theme (Source Sans 3's space, 2pt at 10pt)
gaps=$("$cvpdf" -q --dump "$src/tests/scripts/japanese-vietnamese.yaml" --set design.theme=classic -o - |
  awk -F'"' '/^text/ {split($1,a," "); if (prev == "月" && $2 ~ /^20/) printf "%.2f ", a[2] - end; prev = $2; end = a[2] + a[4]}')
if [ -n "$gaps" ] && echo "$gaps" | awk '{for (i = 1; i <= NF; i++) if ($i > 2.5) exit 1}'; then
  ok "a space after a kanji as wide as the text font's ($gaps pt)"
else
  bad "spaces after a kanji: $gaps pt"
fi

exit $fail
