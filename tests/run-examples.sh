#!/bin/sh
# Every example and the seed CV render without a warning (so without an
# overfull line) into a valid PDF, with no interword space in justified
# text above twice its natural width.
# usage: run-examples.sh CVPDF SOURCE_DIR
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for y in "$2"/examples/*.yaml "$2"/data/cv.yaml; do
  if "$1" "$y" -o "$tmp/x.pdf" 2>"$tmp/err" && [ ! -s "$tmp/err" ] && qpdf --check "$tmp/x.pdf" >/dev/null 2>&1; then
    echo "ok   $y"
  else
    echo "FAIL $y"; cat "$tmp/err"; fail=1
  fi
  stats=$("$1" -q --stats "$y" -o "$tmp/x.pdf" 2>&1)
  max=$(echo "$stats" | sed -n 's/.*max \([0-9.]*\) mean.*/\1/p')
  over=$(echo "$stats" | sed -n 's/.*overfull \([0-9]*\),.*/\1/p')
  if [ "$over" = 0 ] && python3 -c "import sys; sys.exit(0 if float('$max') <= 2.0 else 1)"; then
    echo "ok   $y: no overfull line, spaces at most ${max}x natural"
  else
    echo "FAIL $y: $stats"; fail=1
  fi
done
exit $fail
