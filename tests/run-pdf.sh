#!/bin/sh
# End-to-end checks of real PDFs with poppler and qpdf: the seed CV's words
# come back in order, fonts are embedded subsets with Unicode maps, the file
# is valid and small, links and bookmarks exist, output is reproducible.
# usage: run-pdf.sh CVPDF SOURCE_DIR
. "$(dirname "$0")/lib.sh"
pdf=$tmp/cv.pdf
if ! "$cvpdf" -q "$src/data/cv.yaml" -o "$pdf"; then
  echo "FAIL cvpdf could not render data/cv.yaml"; exit 1
fi

# the seed renders without a single warning (no missing glyph, no overfull line)
"$cvpdf" "$src/data/cv.yaml" -o "$tmp/warn.pdf" 2>"$tmp/warn"
[ ! -s "$tmp/warn" ] && ok "no warnings" || { bad "warnings:"; cat "$tmp/warn"; }

# what is measured is what is drawn: justified lines and flush-right dates
# end exactly at the right margin (A4, 1.8cm: 595.2756 - 51.0236) and
# nothing crosses it (the trace rounds x and widths to 0.01)
"$cvpdf" -q --dump "$src/data/cv.yaml" -o "$tmp/dump"
edge=$(awk '/^text/ {e=$2+$4; if (e>m) m=e} END {printf "%.3f", m}' "$tmp/dump")
dates=$(awk '/^text/ && /"2021.06"|"2024.12"|"2024.08"|"2022.06"/ {printf "%.2f ", $2+$4}' "$tmp/dump")
python3 -c "
import sys
m=544.252
e=float('$edge'); d=[float(x) for x in '$dates'.split()]
sys.exit(0 if abs(e-m)<0.02 and len(d)>=4 and all(abs(x-m)<0.02 for x in d) else 1)" \
  && ok "right edges at the margin: max $edge, dates $dates" \
  || bad "right edges: max $edge, dates $dates"

# document information
info=$(pdfinfo "$pdf")
echo "$info" | grep -q '^Title: *Mingze Wang - CV$' && ok "title" || bad "title: $(echo "$info" | grep Title)"
echo "$info" | grep -q '^Author: *Mingze Wang$' && ok "author" || bad "author"
echo "$info" | grep -q '^Page size: *595.27.* x 841.8.* pts (A4)' && ok "A4 pages" || bad "page size: $(echo "$info" | grep 'Page size')"
pages=$(echo "$info" | sed -n 's/^Pages: *//p')
[ "$pages" -ge 2 ] && [ "$pages" -le 4 ] && ok "$pages pages" || bad "page count $pages"

# fonts: embedded subsets with a Unicode map, nothing else
pdffonts "$pdf" > "$tmp/fonts"
nf=$(tail -n +3 "$tmp/fonts" | wc -l)
good=$(tail -n +3 "$tmp/fonts" | awk '$(NF-4)=="yes" && $(NF-3)=="yes" && $(NF-2)=="yes"' | wc -l)
[ "$nf" -ge 3 ] && [ "$nf" = "$good" ] && ok "$nf fonts embedded, subset, with ToUnicode" || { bad "fonts"; cat "$tmp/fonts"; }

# structure
qpdf --check "$pdf" > "$tmp/qpdf" 2>&1 && ok "qpdf --check" || { bad "qpdf --check"; cat "$tmp/qpdf"; }
size=$(stat -c %s "$pdf")
# what tags cost: some 260 structure elements and, for each of the 111
# citation links, the Link element, OBJR, /StructParent and /Contents
# PDF/UA asks for (in one object stream with libharu's small objects, as
# the untagged file has them): at most 30 % more bytes than no tags
"$cvpdf" -q --pdf-standard none "$src/data/cv.yaml" -o "$tmp/untagged.pdf"
plain=$(stat -c %s "$tmp/untagged.pdf")
[ "$size" -le 51200 ] && [ $((size * 10)) -le $((plain * 13)) ] &&
  ok "size $size bytes (untagged $plain: at most 30 % more)" ||
  bad "size $size bytes, untagged $plain: over 30 % more, or over 50 KB"

# text: every word of the seed, in order (poppler must not complain either)
if python3 "$src/tests/tools/wordsim.py" "$src/tests/data/seed-cv.txt" "$pdf" 0.98 > "$tmp/sim" 2>&1; then
  ok "text: $(head -n 1 "$tmp/sim")"
else
  bad "text: $(cat "$tmp/sim")"
fi

# glyph codes are literal strings: the ones that need escaping ( ) \ CR
# are escaped, and every character comes back
"$cvpdf" -q "$src/tests/data/glyph-codes.yaml" -o "$tmp/codes.pdf"
python3 - "$tmp/codes.pdf" "$src/tests/data/glyph-codes.yaml" <<'PY' && ok "glyph codes ( ) \\ CR escaped, all 262 characters extracted" || bad "glyph codes"
import re, subprocess, sys, zlib
pdf = open(sys.argv[1], 'rb').read()
def inflate(data):  # (the XMP metadata is not compressed)
    try:
        return zlib.decompress(data)
    except zlib.error:
        return b''
content = b''.join(inflate(m.group(1)) for m in re.finditer(rb'stream\r\n(.*?)\nendstream', pdf, re.S))
content = b'\n'.join(l for l in content.split(b'\n') if l.endswith(b'TJ'))
escapes = set(re.findall(rb'\\[()\\r]', content))
text = subprocess.run(['pdftotext', sys.argv[1], '-'], capture_output=True, check=True).stdout.decode()
words = re.search(r'- "(.*)"', open(sys.argv[2], encoding='utf-8').read()).group(1).split()
missing = [w for w in words if w not in text.split()]
print('escapes', sorted(escapes), 'missing', missing)
sys.exit(0 if len(escapes) == 4 and not missing and len(words) == 38 else 1)
PY

# citations: every "[n]" of the seed links to publication n, on its page
# and line (tests/tools/citecheck.py), tagged or not; an "[n]" no entry has
# is said, at its place, and stays text
python3 "$src/tests/tools/citecheck.py" "$pdf" > "$tmp/cite" && ok "citations: $(cat "$tmp/cite")" || bad "citations: $(cat "$tmp/cite")"
python3 "$src/tests/tools/citecheck.py" "$tmp/untagged.pdf" > "$tmp/cite" && ok "citations, untagged: $(cat "$tmp/cite")" || bad "citations, untagged: $(cat "$tmp/cite")"
printf 'cv:\n  name: Ada Lovelace\n  sections:\n    Research:\n      - As shown in [2] and [7], and in 1843 [1843].\n    Publications:\n      - number: Notes on the engine.\n      - number: On the analytical engine.\n' > "$tmp/cite.yaml"
"$cvpdf" "$tmp/cite.yaml" -o "$tmp/cite.pdf" 2> "$tmp/cite.err"
grep -q "cite.yaml:5:9: warning: citation \[7\] names no numbered entry (the numbers run from 1 to 2); it stays plain text" "$tmp/cite.err" &&
  [ "$(grep -c warning "$tmp/cite.err")" = 1 ] && pdftotext "$tmp/cite.pdf" - | grep -q 'As shown in \[2\] and \[7\], and in 1843 \[1843\]' &&
  ok "a citation no entry has: a warning at its place, the text kept (a year in brackets is no citation)" ||
  { bad "citation [7]:"; cat "$tmp/cite.err"; }

# a citation's colour: the links' by default, design.colors.citations's
# when set (the other links keep theirs)
"$cvpdf" -q --dump "$src/data/cv.yaml" --set 'design.colors.citations=#AA0000' > "$tmp/cc.dump"
grep -q '#AA0000 "\[1\]"' "$tmp/cc.dump" && grep -q '#07608F "E"' "$tmp/cc.dump" && ! grep -q '#07608F "\[1\]"' "$tmp/cc.dump" &&
  grep -q '#07608F "\[1\]"' "$tmp/dump" &&
  ok "citations in the links' colour, or design.colors.citations's" || bad "citation colour"

# links without borders, one bookmark per section
qpdf --qdf --object-streams=disable "$pdf" "$tmp/q.pdf"
links=$(grep -a -c '/Subtype /Link' "$tmp/q.pdf")
borders=$(tr -s '\n ' '  ' < "$tmp/q.pdf" | grep -a -o '/Border \[ *0 *0 *0 *\]' | wc -l)
[ "$links" -ge 115 ] && [ "$links" = "$borders" ] && ok "$links links, no borders" || bad "links $links, borderless $borders"
grep -a -q '(https://www.pku.edu.cn/)\|(https:\\057\\057www.pku.edu.cn\\057)' "$tmp/q.pdf" && ok "link in the header's address" || bad "header link"
marks=$(qpdf --json=2 --json-key=outlines "$pdf" | grep -c '"title"')
[ "$marks" = 8 ] && ok "8 bookmarks (one per section)" || bad "bookmarks: $marks"

# reproducible with SOURCE_DATE_EPOCH
"$cvpdf" -q "$src/data/cv.yaml" -o "$tmp/again.pdf"
cmp -s "$pdf" "$tmp/again.pdf" && ok "byte-identical on a second run" || bad "output differs between runs"

# libharu's strings hold 64 KB: a 70,000-letter name (the title and
# author) and a 70,000-letter website failed the whole PDF ("libharu error
# 0x105B"); the information is cut with a warning naming the CV, the link
# left out with one, and the PDF written
python3 -c "print('cv:\n  name: \"' + 'a' * 70000 + '\"\n  website: https://' + 'b' * 70000 + '.com/\n  sections:\n    s: [t]')" > "$tmp/long.yaml"
"$cvpdf" "$tmp/long.yaml" -o "$tmp/long.pdf" 2>"$tmp/err"
if [ $? = 0 ] && [ -s "$tmp/long.pdf" ] && qpdf --check "$tmp/long.pdf" >/dev/null 2>&1 &&
   grep -q "long.yaml: warning: the document's title is too long for the PDF's information" "$tmp/err" &&
   grep -q "long.yaml: warning: a link to 'https://bbb" "$tmp/err"; then
  ok "a 70,000-letter name and address: the PDF written, what is cut said"
else
  bad "70,000-letter name:"; head -c 600 "$tmp/err"
fi

# small capitals (ink's section titles, a name set in them) are drawn as
# capitals, and extract as written: "Summary", not "S UMMARY" or "SUMMARY"
"$cvpdf" -q "$src/examples/themes/cv.yaml" --set design.theme=ink \
  --set design.typography.small_caps.name=true -o "$tmp/sc.pdf"
pdftotext "$tmp/sc.pdf" "$tmp/sc.txt"
if grep -qx "Summary" "$tmp/sc.txt" && grep -qx "Education" "$tmp/sc.txt" &&
   grep -q "^John Doe$" "$tmp/sc.txt" && ! grep -q "S UMMARY\|^SUMMARY\|J OHN\|JOHN" "$tmp/sc.txt"; then
  ok "small capitals extract as written (Summary, John Doe)"
else
  bad "small capitals:"; head -12 "$tmp/sc.txt"
fi

# US letter
"$cvpdf" -q "$src/tests/golden/header-letter.yaml" -o "$tmp/letter.pdf"
pdfinfo "$tmp/letter.pdf" | grep -q '^Page size: *612 x 792 pts (letter)' && ok "us-letter" || bad "us-letter"

exit $fail
