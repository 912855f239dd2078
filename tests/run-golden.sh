#!/bin/sh
# Golden tests, split by concern so that a change to one concern changes
# the goldens of that concern only. For each tests/golden/NAME.yaml, the
# seed CV (data/cv.yaml -> tests/golden/seed-cv.*) and one CV in each theme
# (examples/themes/cv.yaml -> tests/golden/themes/THEME.*):
#   NAME.content  what the CV says before layout (cvpdf --dump=content):
#                 templates, dates, phones, connections, links
#   NAME.lines    where each line stands and its words (--dump=lines):
#                 spacing, line and page breaking
#   NAME.pages    every drawing operation (--dump): kerning, fonts, colours;
#                 kept for a few inputs only (the seed, one entry, one
#                 table, the header, one theme); make one with
#                 cvpdf -q --dump NAME.yaml -o NAME.pages
# Each .content and .lines must exist; a .pages is checked where it exists.
# usage: run-golden.sh CVPDF SOURCE_DIR      (UPDATE=1 rewrites the files)
. "$(dirname "$0")/lib.sh"
count=0
check() { # yaml stem kind [cvpdf options]
  y=$1 stem=$2 kind=$3
  shift 3
  want=$stem.$kind
  [ "$kind" = pages ] && [ ! -f "$want" ] && return
  count=$((count + 1))
  if ! "$cvpdf" -q --dump="$kind" "$y" -o "$tmp/actual" "$@" 2>"$tmp/err"; then
    echo "FAIL $y $*: cvpdf exited with an error:"; cat "$tmp/err"; fail=1; return
  fi
  if [ "${UPDATE:-}" = 1 ]; then
    cmp -s "$tmp/actual" "$want" || { cp "$tmp/actual" "$want"; echo "updated $want"; }
    return
  fi
  if [ ! -f "$want" ]; then
    echo "FAIL $y: no $want (run with UPDATE=1 to create it)"; fail=1; return
  fi
  if ! diff -u "$want" "$tmp/actual" > "$tmp/diff"; then
    echo "FAIL $y $*: $kind differ from $want:"; head -40 "$tmp/diff"; fail=1; return
  fi
}
all() { # yaml stem [cvpdf options]
  y=$1 stem=$2
  shift 2
  for kind in content lines pages; do
    check "$y" "$stem" $kind "$@"
  done
}
for y in "$src"/tests/golden/*.yaml; do
  all "$y" "${y%.yaml}"
done
all "$src/data/cv.yaml" "$src/tests/golden/seed-cv"
for t in seed classic engineeringclassic engineeringresumes harvard moderncv \
         sb2nov ink opal ember; do
  all "$src/examples/themes/cv.yaml" "$src/tests/golden/themes/$t" \
    --set design.theme=$t
done
[ $fail = 0 ] && echo "golden: $count traces match"
exit $fail
