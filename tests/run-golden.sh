#!/bin/sh
# Golden tests: the text trace of the laid-out pages (cvpdf --dump) of each
# tests/golden/NAME.yaml must equal NAME.expected. The seed CV is one of
# them (data/cv.yaml -> tests/golden/seed-cv.expected).
# usage: run-golden.sh CVPDF SOURCE_DIR      (UPDATE=1 rewrites the files)
set -u
cvpdf=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
count=0
check() { # yaml expected
  count=$((count + 1))
  if ! SOURCE_DATE_EPOCH=1700000000 "$cvpdf" -q --dump "$1" -o "$tmp/actual" 2>"$tmp/err"; then
    echo "FAIL $1: cvpdf exited with an error:"; cat "$tmp/err"; fail=1; return
  fi
  if [ "${UPDATE:-}" = 1 ]; then
    cp "$tmp/actual" "$2"; echo "updated $2"; return
  fi
  if [ ! -f "$2" ]; then
    echo "FAIL $1: no $2 (run with UPDATE=1 to create it)"; fail=1; return
  fi
  if ! diff -u "$2" "$tmp/actual" > "$tmp/diff"; then
    echo "FAIL $1: layout differs from $2:"; head -40 "$tmp/diff"; fail=1; return
  fi
}
for y in "$src"/tests/golden/*.yaml; do
  check "$y" "${y%.yaml}.expected"
done
check "$src/data/cv.yaml" "$src/tests/golden/seed-cv.expected"
[ $fail = 0 ] && echo "golden: $count layouts match"
exit $fail
