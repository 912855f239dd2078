#!/bin/sh
# Golden tests: the text trace of the laid-out pages (cvpdf --dump) of each
# tests/golden/NAME.yaml must equal NAME.expected. The seed CV is one of
# them (data/cv.yaml -> tests/golden/seed-cv.expected), and so is one CV
# in each theme (examples/themes/cv.yaml -> tests/golden/themes/THEME.expected).
# usage: run-golden.sh CVPDF SOURCE_DIR      (UPDATE=1 rewrites the files)
. "$(dirname "$0")/lib.sh"
count=0
check() { # yaml expected [cvpdf options]
  count=$((count + 1))
  y=$1 want=$2
  shift 2
  if ! "$cvpdf" -q --dump "$y" -o "$tmp/actual" "$@" 2>"$tmp/err"; then
    echo "FAIL $y $*: cvpdf exited with an error:"; cat "$tmp/err"; fail=1; return
  fi
  if [ "${UPDATE:-}" = 1 ]; then
    cp "$tmp/actual" "$want"; echo "updated $want"; return
  fi
  if [ ! -f "$want" ]; then
    echo "FAIL $y: no $want (run with UPDATE=1 to create it)"; fail=1; return
  fi
  if ! diff -u "$want" "$tmp/actual" > "$tmp/diff"; then
    echo "FAIL $y $*: layout differs from $want:"; head -40 "$tmp/diff"; fail=1; return
  fi
}
for y in "$src"/tests/golden/*.yaml; do
  check "$y" "${y%.yaml}.expected"
done
check "$src/data/cv.yaml" "$src/tests/golden/seed-cv.expected"
for t in seed classic engineeringclassic engineeringresumes harvard moderncv \
         sb2nov ink opal ember; do
  check "$src/examples/themes/cv.yaml" "$src/tests/golden/themes/$t.expected" \
    --set design.theme=$t
done
[ $fail = 0 ] && echo "golden: $count layouts match"
exit $fail
