#!/bin/sh
# BibTeX publications end to end. The first user's CV with its 18
# publications kept in examples/academic/papers.bib gives back the seed's
# words (wordsim >= 0.99, as data/cv.yaml does) and every citation, "[n]"
# or "[key]", is a link to its entry's page and line. Bad and hostile .bib
# files are errors at their lines and columns, with no output and every
# input left as it was; --watch follows the .bib; a CV without one never
# loads libbtparse.
# usage: run-bib.sh CVPDF SOURCE_DIR
. "$(dirname "$0")/lib.sh"
tools=$src/tests/tools

# the seed, from BibTeX: the master CV's two variants in one run
mkdir "$tmp/ac"
if "$cvpdf" -q "$src/examples/academic/cv.yaml" -o "$tmp/ac/" 2>"$tmp/err" && [ ! -s "$tmp/err" ] &&
   [ "$(ls "$tmp/ac" | tr '\n' ' ')" = "cv-academic.pdf resume-industry.pdf " ]; then
  ok "examples/academic: cv-academic.pdf and resume-industry.pdf, no warning"
else
  bad "examples/academic:"; cat "$tmp/err"; ls "$tmp/ac"
fi
cp "$tmp/ac/cv-academic.pdf" "$tmp/ac.pdf"
pages=$(pdfinfo "$tmp/ac/resume-industry.pdf" | awk '/^Pages:/ {print $2}')
pdftotext "$tmp/ac/resume-industry.pdf" "$tmp/r.txt"
[ "$pages" = 1 ] && grep -q "How Transformers Get Rich" "$tmp/r.txt" &&
  ! grep -q "GradPower\|RESEARCH INTERESTS\|TEACHING" "$tmp/r.txt" &&
  [ "$(grep -c "^• " "$tmp/r.txt")" -ge 4 ] &&
  ok "... the resume: one page, the selected publications as bullets, no academic section" ||
  { bad "the resume ($pages pages):"; head -40 "$tmp/r.txt"; }
# the same words, in the same order, as data/cv.yaml's PDF (which holds
# the publications written out by hand), and as close to the LaTeX
# original's text as that PDF is
"$cvpdf" -q "$src/data/cv.yaml" -o "$tmp/seed.pdf"
pdftotext "$tmp/seed.pdf" - | grep -oE '[[:alnum:]_]+' > "$tmp/w1"
pdftotext "$tmp/ac.pdf" - | grep -oE '[[:alnum:]_]+' > "$tmp/w2"
[ -s "$tmp/w1" ] && cmp -s "$tmp/w1" "$tmp/w2" &&
  ok "the seed from papers.bib: word for word data/cv.yaml's ($(wc -l < "$tmp/w2") words)" ||
  { bad "the seed from papers.bib differs from data/cv.yaml's words:"; diff "$tmp/w1" "$tmp/w2" | head; }
python3 "$tools/wordsim.py" "$src/tests/data/seed-cv.txt" "$tmp/seed.pdf" 0.98 > "$tmp/sim0" 2>&1
python3 "$tools/wordsim.py" "$src/tests/data/seed-cv.txt" "$tmp/ac.pdf" 0.98 > "$tmp/sim" 2>&1 &&
  [ "$(cat "$tmp/sim")" = "$(cat "$tmp/sim0")" ] &&
  ok "... against the LaTeX original's text: $(cat "$tmp/sim")" ||
  { bad "the seed from papers.bib against the original:"; cat "$tmp/sim" "$tmp/sim0"; }
python3 "$tools/citecheck.py" "$tmp/ac.pdf" > "$tmp/cite" 2>&1 &&
  ok "... $(cat "$tmp/cite")" || { bad "citations:"; cat "$tmp/cite"; }
# "[wang2024expressive][wang2024rich]" reads as the numbers the entries show
pdftotext "$tmp/ac.pdf" - | grep -q "Transformer \[8\]\[12\]; the expressivity of" &&
  ok "... [key] citations read as their entries' numbers" ||
  bad "[key] citations: the text of the interests"
"$cvpdf" "$src/examples/academic/cv.yaml" --exclude-tags industry -o "$tmp/ac.md" 2>/dev/null
grep -q '^18\. \*\*Mingze Wang\*\*† et al\. \*\*GradPower: An Algorithmic Framework' "$tmp/ac.md" &&
  grep -q '^1\. \*\*Mingze Wang\*\*†, Chao Ma\. \*\*Generalization Error Bounds' "$tmp/ac.md" &&
  grep -q 'Jinbo Wang\\\*, \*\*Mingze Wang\*\*\\\*†, Zhanpeng Zhou\\\*' "$tmp/ac.md" &&
  ok "... numbered 18 to 1, newest first, the owner bold, marks from author+an" ||
  { bad "the publications in Markdown:"; grep -n "^[0-9]*\. " "$tmp/ac.md" | head -20; }

# bad files: each message at its place; no output; inputs untouched
mkdir "$tmp/b"
cat > "$tmp/b/cv.yaml" <<'EOF'
cv:
  name: A. Author
  sections:
    Publications:
      - bibtex: bad.bib
EOF
printf '@article{a, title = {T}, journal = nosuchmacro, year = 1}\n@article{b,\n  title = {Broken\n  year = 2021\n}\n@article{c, title = "x" # , year = 2000}\n' > "$tmp/b/bad.bib"
sums=$(cat "$tmp/b/cv.yaml" "$tmp/b/bad.bib" | cksum)
echo old > "$tmp/b/out.pdf"
"$cvpdf" "$tmp/b/cv.yaml" -o "$tmp/b/out.pdf" 2>"$tmp/err"
st=$?
grep -q "bad.bib:1:36: warning: BibTeX: undefined macro \"nosuchmacro\"" "$tmp/err" &&
  grep -q "bad.bib:6:1: error: BibTeX syntax error: found \"@article\", expected end of entry" "$tmp/err" &&
  grep -q "^    6 | @article{c, title" "$tmp/err" && [ $st = 1 ] &&
  ok "a bad .bib: errors at its lines and columns, the line quoted, exit 1" ||
  { bad "a bad .bib (exit $st):"; cat "$tmp/err"; }
[ "$(cat "$tmp/b/out.pdf")" = old ] && [ "$(cat "$tmp/b/cv.yaml" "$tmp/b/bad.bib" | cksum)" = "$sums" ] &&
  ok "... the older output and the inputs are untouched" || bad "a bad .bib changed a file"

printf '@article{a, title = {Caf\351}, year = 2000}\n' > "$tmp/b/bad.bib"
"$cvpdf" "$tmp/b/cv.yaml" -o "$tmp/b/l1.pdf" 2>"$tmp/err"
grep -q "bad.bib:1:25: error: invalid UTF-8 in this BibTeX file" "$tmp/err" && [ ! -e "$tmp/b/l1.pdf" ] &&
  ok "a Latin-1 .bib: an error at the byte, and how to convert it" || { bad "a Latin-1 .bib:"; cat "$tmp/err"; }

# hostile: macros pasted from each other double at each step (2^39 copies)
{ echo '@string{a0 = "xxxxxxxxxxxxxxxx"}'
  i=1; while [ $i -lt 40 ]; do echo "@string{a$i = a$((i - 1)) # a$((i - 1))}"; i=$((i + 1)); done
  echo '@article{k, title = a39, year = 2000}'; } > "$tmp/b/bad.bib"
"$cvpdf" "$tmp/b/cv.yaml" -o "$tmp/b/boom.pdf" 2>"$tmp/err"
st=$?
grep -q "bad.bib: error: " "$tmp/err" && [ $st = 1 ] && [ ! -e "$tmp/b/boom.pdf" ] &&
  ok "macros that grow without bound: stopped, an error, no output" || { bad "growing macros (exit $st):"; cat "$tmp/err"; }
# deep braces, a NUL byte, a folder, a missing file, binary junk
python3 -c "import sys; sys.stdout.write('@article{k, title = ' + '{' * 200000 + 'x' + '}' * 200000 + ', year = 2000}\n')" > "$tmp/b/bad.bib"
"$cvpdf" "$tmp/b/cv.yaml" -o "$tmp/b/deep.pdf" 2>"$tmp/err"
st=$?
{ [ $st = 0 ] || [ $st = 1 ]; } && ok "200,000 nested braces: exit $st, no crash" || { bad "deep braces (exit $st)"; cat "$tmp/err"; }
printf '@article{k, title = {a\000b}}\n' > "$tmp/b/bad.bib"
"$cvpdf" "$tmp/b/cv.yaml" -o "$tmp/b/nul.pdf" 2>"$tmp/err"
grep -q "bad.bib: error: this BibTeX file holds a NUL byte" "$tmp/err" && ok "a NUL byte: an error" || { bad "NUL:"; cat "$tmp/err"; }
rm "$tmp/b/bad.bib"; mkdir "$tmp/b/bad.bib"
"$cvpdf" "$tmp/b/cv.yaml" -o "$tmp/b/dir.pdf" 2>"$tmp/err"
grep -q "cv.yaml:5:17: error: cannot read '.*bad.bib': it is not a file" "$tmp/err" && ok "a folder named .bib: an error at the item" || { bad "a folder:"; cat "$tmp/err"; }
rmdir "$tmp/b/bad.bib"
"$cvpdf" "$tmp/b/cv.yaml" -o "$tmp/b/none.pdf" 2>"$tmp/err"
grep -q "cv.yaml:5:17: error: cannot read '.*bad.bib': No such file or directory (a path relative to this file)" "$tmp/err" &&
  ok "a missing .bib: an error at the item" || { bad "a missing file:"; cat "$tmp/err"; }
head -c 20000 /dev/urandom | tr -d '\000' > "$tmp/b/bad.bib"
"$cvpdf" "$tmp/b/cv.yaml" -o "$tmp/b/junk.pdf" 2>"$tmp/err"
st=$?
[ $st = 1 ] && ok "random bytes: exit 1" || { bad "random bytes (exit $st):"; tail -3 "$tmp/err"; }

# --watch follows the .bib
mkdir "$tmp/w"
printf 'cv:\n  name: A. Author\n  sections:\n    Publications:\n      - bibtex: p.bib\n' > "$tmp/w/cv.yaml"
printf '@article{a, author = {A. Author}, title = {First title}, year = 2000}\n' > "$tmp/w/p.bib"
. "$src/tests/watch.sh"
watch_change "$tmp/w/cv.yaml" "$tmp/w/w.pdf" "$tmp/w/p.bib" \
  '@article{a, author = {A. Author}, title = {Second title}, year = 2000}' \
  "Second title" "$tmp/watch.err" &&
  ok "--watch follows the .bib" || { bad "--watch and a .bib:"; cat "$tmp/watch.err"; }

# libbtparse is loaded only for a CV that names a .bib
LD_DEBUG=files "$cvpdf" -q "$src/data/cv.yaml" -o "$tmp/lazy.pdf" 2>"$tmp/lazy"
grep -q 'file=.*libbtparse' "$tmp/lazy" && bad "the seed loaded libbtparse" || ok "the seed does not load libbtparse"
LD_DEBUG=files "$cvpdf" -q "$src/examples/academic/cv.yaml" --tags industry -o "$tmp/lazy.pdf" 2>"$tmp/lazy"
grep -q 'file=.*libbtparse' "$tmp/lazy" && ok "... examples/academic does" || bad "examples/academic did not load libbtparse"
exit $fail
