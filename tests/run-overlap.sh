#!/bin/sh
# No two words are drawn over each other (tests/tools/overlap.py, from the
# PDF's word boxes): the seed CV and the theme example in every theme,
# every example, every golden input. The checker is shown to catch an
# overlap: entries given a negative space between them run into each other.
# usage: run-overlap.sh CVPDF SOURCE_DIR
. "$(dirname "$0")/lib.sh"
check=$src/tests/tools/overlap.py
n=0
for t in seed classic engineeringclassic engineeringresumes harvard moderncv sb2nov ink opal ember; do
  for y in "$src/data/cv.yaml" "$src/examples/themes/cv.yaml"; do
    "$cvpdf" -q "$y" --set design.theme=$t -o "$tmp/o.pdf" || { bad "$y ($t) does not render"; continue; }
    python3 "$check" "$tmp/o.pdf" > "$tmp/out" || { bad "$y ($t): words overlap:"; sed "s|$tmp/o.pdf|$y|" "$tmp/out"; }
    n=$((n + 1))
  done
done
for y in "$src"/examples/*.yaml "$src"/tests/golden/*.yaml; do
  "$cvpdf" -q "$y" -o "$tmp/o.pdf" 2>/dev/null || { bad "$y does not render"; continue; }
  python3 "$check" "$tmp/o.pdf" > "$tmp/out" || { bad "$y: words overlap:"; sed "s|$tmp/o.pdf|$y|" "$tmp/out"; }
  n=$((n + 1))
done
[ $fail = 0 ] && ok "no two words overlap in $n PDFs"
"$cvpdf" -q "$src/examples/themes/cv.yaml" --set design.sections.space_between_regular_entries=-30pt -o "$tmp/o.pdf"
if python3 "$check" "$tmp/o.pdf" > "$tmp/out"; then
  bad "the overlap check missed entries drawn over each other"
else
  ok "the check finds entries drawn over each other ($(wc -l < "$tmp/out") pairs)"
fi
exit $fail
