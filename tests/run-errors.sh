#!/bin/sh
# Error tests: each tests/errors/NAME.yaml begins with
#     # expect: LINE:COL: error: MESSAGE
# (or has a NAME.expect file holding "LINE:COL: error: MESSAGE"). cvpdf must
# exit 1, print "NAME.yaml:LINE:COL: error: MESSAGE..." on stderr, and leave
# no output file behind; an older output file must stay untouched.
# usage: run-errors.sh CVPDF SOURCE_DIR
set -u
cvpdf=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
for y in "$src"/tests/errors/*.yaml; do
  n=$((n + 1))
  if [ -f "${y%.yaml}.expect" ]; then
    expect=$(head -n 1 "${y%.yaml}.expect")
  else
    expect=$(head -n 1 "$y" | sed -n 's/^# expect: //p')
  fi
  if [ -z "$expect" ]; then
    echo "FAIL $y: no '# expect:' line"; fail=1; continue
  fi
  out="$tmp/out.pdf"
  rm -f "$out"
  "$cvpdf" "$y" -o "$out" 2>"$tmp/err"
  code=$?
  if [ $code -ne 1 ]; then
    echo "FAIL $y: exit status $code, expected 1"; cat "$tmp/err"; fail=1
  fi
  if ! grep -qF -- "$y:$expect" "$tmp/err"; then
    echo "FAIL $y: expected on stderr: $y:$expect"; echo "got:"; cat "$tmp/err"
    fail=1
  fi
  if [ -e "$out" ] || ls "$tmp"/out.pdf.tmp* >/dev/null 2>&1; then
    echo "FAIL $y: an output file was left behind"; fail=1
  fi
  # an existing output is not replaced by a failed render
  echo stale > "$out"
  "$cvpdf" "$y" -o "$out" 2>/dev/null
  if [ "$(cat "$out")" != stale ]; then
    echo "FAIL $y: a failed render replaced the existing output"; fail=1
  fi
done
[ $fail = 0 ] && echo "errors: $n bad inputs rejected with the expected message"
exit $fail
