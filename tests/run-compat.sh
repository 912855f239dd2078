#!/bin/sh
# Files written for other tools, in the shapes their users write them
# (found in public CVs): each tests/compat/NAME.yaml or NAME.json renders
# (exit 0). Its expectations are comment lines at its top (or, for JSON,
# the lines of NAME.expect):
#     # expect: LINE:COL: KIND: MESSAGE   on stderr, as "NAME.ext:LINE:..."
#     # text: WORDS                       in the PDF's text (pdftotext)
#     # no-text: WORDS                    not in the PDF's text
#     # font: NAME                        a font the PDF embeds (pdffonts)
# usage: run-compat.sh CVPDF SOURCE_DIR
. "$(dirname "$0")/lib.sh"
n=0
for y in "$src"/tests/compat/*.yaml "$src"/tests/compat/*.json; do
  [ -e "$y" ] || continue
  n=$((n + 1))
  name=$(basename "$y")
  if [ -f "${y%.*}.expect" ]; then spec="${y%.*}.expect"; else spec=$y; fi
  out="$tmp/out.pdf"
  rm -f "$out"
  if ! "$cvpdf" "$y" -o "$out" 2>"$tmp/err"; then
    bad "$name: does not render:"; cat "$tmp/err"; continue
  fi
  pdftotext -layout "$out" "$tmp/text" 2>/dev/null
  pdffonts "$out" > "$tmp/fonts" 2>/dev/null
  tr -s ' \n' '  ' < "$tmp/text" > "$tmp/flat"
  while IFS= read -r line; do
    case $line in
    "# expect: "*)
      e=${line#\# expect: }
      grep -qF -- "$y:$e" "$tmp/err" ||
        { bad "$name: expected on stderr: $y:$e"; cat "$tmp/err"; } ;;
    "# text: "*)
      w=${line#\# text: }
      grep -qF -- "$w" "$tmp/flat" || bad "$name: the PDF lacks '$w'" ;;
    "# font: "*)
      w=${line#\# font: }
      grep -qF -- "+$w " "$tmp/fonts" ||
        { bad "$name: the PDF does not embed $w:"; cat "$tmp/fonts"; } ;;
    "# no-text: "*)
      w=${line#\# no-text: }
      grep -qF -- "$w" "$tmp/flat" && bad "$name: the PDF shows '$w'" ;;
    esac
  done < "$spec"
done
[ $fail = 0 ] && echo "compat: $n files of other tools render as expected"
exit $fail
