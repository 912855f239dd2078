#!/bin/sh
# Bad inputs: each tests/bad/NAME.yaml begins with
#     # expect: LINE:COL: error: MESSAGE
#     # exit: STATUS                        (optional; 1 by default)
# (or has a NAME.expect file holding those lines). cvpdf must exit with
# STATUS, print "NAME.yaml:LINE:COL: error: MESSAGE..." on stderr, and leave
# no output file behind; an older output file must stay untouched.
# usage: run-bad.sh CVPDF SOURCE_DIR
. "$(dirname "$0")/lib.sh"
n=0
for y in "$src"/tests/bad/*.yaml; do
  n=$((n + 1))
  if [ -f "${y%.yaml}.expect" ]; then
    expect=$(head -n 1 "${y%.yaml}.expect")
    want=$(sed -n 's/^# exit: //p' "${y%.yaml}.expect")
  else
    expect=$(head -n 1 "$y" | sed -n 's/^# expect: //p')
    want=$(head -n 3 "$y" | sed -n 's/^# exit: //p')
  fi
  want=${want:-1}
  if [ -z "$expect" ]; then
    echo "FAIL $y: no '# expect:' line"; fail=1; continue
  fi
  out="$tmp/out.pdf"
  rm -f "$out"
  "$cvpdf" "$y" -o "$out" 2>"$tmp/err"
  code=$?
  if [ "$code" -ne "$want" ]; then
    echo "FAIL $y: exit status $code, expected $want"; cat "$tmp/err"; fail=1
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
[ $fail = 0 ] && echo "bad: $n bad inputs rejected with the expected message"
exit $fail
