#!/bin/sh
# The design vocabulary: every key cvpdf knows is tested. Each key in
# tests/style/keys.txt must change the layout of tests/style/base.yaml; the
# rest (TeX's line-breaking parameters, subsection titles) are checked in
# tests/unit/test_style.c. Some keys are checked for what exactly they do:
# a margin moves text, a colour reaches the content stream, a page size
# changes the media box.
# usage: run-style.sh CVPDF SOURCE_DIR
. "$(dirname "$0")/lib.sh"
base=$src/tests/style/base.yaml
keys=$src/tests/style/keys.txt

# every key of src/style.c's table is covered
sed -n 's/^ *{"\([a-z_.]*\)", K_.*/\1/p' "$src/src/style.c" | sort -u > "$tmp/all"
[ -s "$tmp/all" ] || bad "no keys found in src/style.c"
while read -r k; do
  if ! grep -q "^$k " "$keys" && ! grep -q "${k##*.}" "$src/tests/unit/test_style.c"; then
    bad "design key $k is tested nowhere"
  fi
done < "$tmp/all"
[ $fail = 0 ] && ok "$(wc -l < "$tmp/all") design keys, all covered"

# each key changes the layout
"$cvpdf" -q --dump "$base" -o "$tmp/base.dump" || bad "base.yaml does not render"
n=0
grep -v '^#' "$keys" | while read -r k v; do
  ref=$tmp/base.dump both=
  if [ "${v#* | }" != "$v" ]; then
    both=${v#* | } v=${v%% | *}
    ref=$tmp/both.dump
    "$cvpdf" -q --dump "$base" --set "design.$both" -o "$ref"
  fi
  if ! "$cvpdf" -q --dump "$base" ${both:+--set "design.$both"} --set "design.$k=$v" -o "$tmp/x.dump" 2>"$tmp/err"; then
    echo "FAIL design.$k=$v is refused:"; cat "$tmp/err"; echo x >> "$tmp/failed"
  elif cmp -s "$ref" "$tmp/x.dump"; then
    echo "FAIL design.$k=$v changes nothing"; echo x >> "$tmp/failed"
  fi
done
[ -f "$tmp/failed" ] && fail=1 || ok "$(grep -vc '^#' "$keys") keys each change the layout"

# a margin moves the text: the leftmost text starts at the margin
"$cvpdf" -q --dump "$base" --set design.page.left_margin=3cm --set design.entries.side_space=0cm -o "$tmp/m.dump"
left=$(awk '/^text/ {if (m == "" || $2 < m) m = $2} END {printf "%.2f", m}' "$tmp/m.dump")
[ "$left" = 85.04 ] && ok "left margin 3cm: text starts at 85.04pt" || bad "left margin 3cm: text starts at $left"

# a colour reaches the content stream
"$cvpdf" -q "$base" --set 'design.colors.name=#336699' -o "$tmp/c.pdf"
qpdf --qdf --object-streams=disable "$tmp/c.pdf" "$tmp/c.qdf" 2>/dev/null
grep -aq '^0.2 0.4 0.6 rg' "$tmp/c.qdf" && ok "colors.name #336699 is '0.2 0.4 0.6 rg' in the content" || bad "colors.name not in the content stream"

# a page size changes the media box
"$cvpdf" -q "$base" --set design.page.size=a5 -o "$tmp/a5.pdf"
pdfinfo "$tmp/a5.pdf" | grep -q 'Page size: *419.5[0-9]* x 595.2[0-9]* pts' && ok "page.size a5: 419.53 x 595.28" || bad "page.size a5: $(pdfinfo "$tmp/a5.pdf" | grep 'Page size')"
# RenderCV 2.0-2.3's other papers (Typst's): a3 297 x 420 mm, us-legal
"$cvpdf" -q "$base" --set design.page.size=a3 -o "$tmp/a3.pdf"
pdfinfo "$tmp/a3.pdf" | grep -q 'Page size: *841.8[0-9]* x 1190.5[0-9]* pts' && ok "page.size a3: 841.89 x 1190.55" || bad "page.size a3: $(pdfinfo "$tmp/a3.pdf" | grep 'Page size')"
"$cvpdf" -q "$base" --set design.page.size=us-legal -o "$tmp/legal.pdf"
pdfinfo "$tmp/legal.pdf" | grep -q 'Page size: *612 x 1008 pts' && ok "page.size us-legal: 612 x 1008" || bad "page.size us-legal: $(pdfinfo "$tmp/legal.pdf" | grep 'Page size')"

# the footer counts pages: "Ada Lovelace – 2/3" on page 2
"$cvpdf" -q "$base" -o "$tmp/f.pdf"
pages=$(pdfinfo "$tmp/f.pdf" | sed -n 's/^Pages: *//p')
for p in $(seq 1 "$pages"); do
  pdftotext -f "$p" -l "$p" "$tmp/f.pdf" - | grep -q "Ada Lovelace – $p/$pages" || bad "no footer 'Ada Lovelace – $p/$pages' on page $p"
done
pdftotext -f 1 -l 1 "$tmp/f.pdf" - | grep -q "Last updated in Dec 1843" && ok "footer on each of $pages pages, top note on the first" || bad "no top note"

# RenderCV's themes stack blocks as Typst does (lib.typ; measured on
# RenderCV 2.8's PDF of its classic example, Source Sans 3 at 10pt,
# capitals 6.6pt): the name's capitals at the top margin (baseline 70.20),
# the first title space_below_name + its capitals below (29.08),
# a text entry 0.3em + 0.6em + 6.6 below the last (15.60), a regular entry
# 1.2em + 0.6em + 6.6 (24.60), a line 0.6em + 6.6 (12.60), the first entry
# space_below + 0.125em + 6.6 below its title (16.85), a title
# space_above + its capitals below the last line (23.41)
printf 'cv:\n  name: John Doe\n  sections:\n    a:\n      - One text.\n      - Two text.\n    b:\n      - company: Co\n        position: Eng\n        highlights: [One, Two]\n      - company: Co2\n        position: Eng2\ndesign:\n  theme: classic\n  page:\n    show_top_note: false\n' > "$tmp/typst.yaml"
"$cvpdf" -q --dump=lines "$tmp/typst.yaml" -o - | awk '/^[0-9]/ {print $1}' > "$tmp/ys"
got=$(awk 'NR > 1 {printf "%s%.2f", sep, $1 - p; sep = " "} {p = $1}' "$tmp/ys" | sed 's/ [0-9.]*$//')
first=$(head -1 "$tmp/ys")
want="29.08 16.85 15.60 23.41 16.85 12.60 12.60 24.60"
if echo "$first $got" "|" "70.20 $want" | awk '{n = (NF - 1) / 2; for (i = 1; i <= n; i++) {d = $i - $(i + n + 1); if (d > 0.02 || d < -0.02) exit 1}; exit NF % 2 == 0}'; then
  ok "classic: Typst's block spacing ($want)"
else
  bad "classic: baselines $first, then $got; want 70.20, then $want"
fi

# the top note's capitals half the top margin below the paper's edge (Typst
# places its top edge there): classic, 0.7in margin, 9pt Source Sans 3 with
# capitals 660/1000 em: baseline 25.20 + 5.94 (RenderCV's PDF: 31.14)
printf 'cv:\n  name: John Doe\n  sections:\n    a:\n      - One text.\ndesign:\n  theme: classic\n' > "$tmp/note.yaml"
y=$("$cvpdf" -q --dump "$tmp/note.yaml" -o - | awk '$NF == "\"Mar\"" || $NF == "\"updat\"" {print $3; exit}')
[ "$y" = 31.14 ] && ok "classic: top note's baseline at 31.14" || bad "classic: top note's baseline at $y, want 31.14"

# RenderCV sets a section of text-based entries as one unbreakable block:
# five numbered entries that would straddle page 1's foot all go to page
# 2 with their title; a list taller than a page still breaks, with no
# warning
{
  printf 'cv:\n  name: John Doe\n  sections:\n    filler:\n'
  for i in $(seq 1 35); do printf '      - Filler line number %d.\n' "$i"; done
  printf '    patents:\n'
  for i in 1 2 3 4 5; do printf '      - number: Patent%d is numbered.\n' "$i"; done
  printf '    long:\n'
  for i in $(seq 1 90); do printf '      - number: Long%d is numbered.\n' "$i"; done
  printf 'design:\n  theme: classic\n'
} > "$tmp/keep.yaml"
"$cvpdf" --dump=lines "$tmp/keep.yaml" -o "$tmp/keep.dump" 2>"$tmp/keep.err" || bad "keep.yaml does not render"
pages_of() { awk -v w="$1" '/^page/ {p = $2} $3 == w || $4 == w {printf "%s%s", s, p; s = " "}' "$tmp/keep.dump"; }
pt=$(pages_of Patents) p1=$(pages_of Patent1) p5=$(pages_of Patent5)
l1=$(pages_of Long1) l90=$(pages_of Long90)
if [ "$pt $p1 $p5" = "2 2 2" ] && [ "$l1" != "$l90" ] && [ ! -s "$tmp/keep.err" ]; then
  ok "classic: a numbered section moves whole to page 2; a longer one breaks"
else
  bad "classic: Patents on page $pt, entries 1 and 5 on $p1 and $p5 (want 2 2 2); long list $l1..$l90; $(cat "$tmp/keep.err")"
fi
exit $fail
