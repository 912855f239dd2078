#!/bin/sh
# Every example renders, without warnings, into a valid PDF.
# usage: run-examples.sh CVPDF SOURCE_DIR
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for y in "$2"/examples/*.yaml; do
  if "$1" "$y" -o "$tmp/x.pdf" 2>"$tmp/err" && [ ! -s "$tmp/err" ] && qpdf --check "$tmp/x.pdf" >/dev/null 2>&1; then
    echo "ok   $y"
  else
    echo "FAIL $y"; cat "$tmp/err"; fail=1
  fi
done
exit $fail
