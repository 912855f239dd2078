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
# the worked example of a master CV (examples/master): its two variants in
# one run, each one page with no warning, the publications included from
# papers.bib through an included file ("[key]" citations read as numbers),
# the resume only the selected ones, every citation of the academic CV a
# link to its entry
mkdir -p "$tmp/master"
if "$1" "$2/examples/master/master.yaml" -o "$tmp/master/" 2>"$tmp/err" && [ ! -s "$tmp/err" ] &&
   [ "$(ls "$tmp/master" | tr '\n' ' ')" = "cv-academic.pdf resume-industry.pdf " ] &&
   [ "$(pdfinfo "$tmp/master/resume-industry.pdf" | awk '/^Pages:/ {print $2}')" = 1 ] &&
   pdftotext "$tmp/master/cv-academic.pdf" - | grep -q "Notions sur la machine analytique" &&
   ! pdftotext "$tmp/master/cv-academic.pdf" - | grep -q "Jacquard" &&
   pdftotext "$tmp/master/resume-industry.pdf" - | grep -q "Jacquard" &&
   ! pdftotext "$tmp/master/cv-academic.pdf" - | grep -q "lovelace18\|menabrea18" &&
   pdftotext "$tmp/master/resume-industry.pdf" - | grep -q "Bernoulli numbers \[1\]" &&
   ! pdftotext "$tmp/master/resume-industry.pdf" - | grep -q "Notions sur" &&
   python3 "$2/tests/tools/citecheck.py" "$tmp/master/cv-academic.pdf" > "$tmp/cite"; then
  echo "ok   examples/master: cv-academic.pdf and a one-page resume-industry.pdf; $(cat "$tmp/cite")"
else
  echo "FAIL examples/master"; cat "$tmp/err" "$tmp/cite" 2>/dev/null; ls "$tmp/master"; fail=1
fi
exit $fail
