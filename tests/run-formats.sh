#!/bin/sh
# Markdown and plain text (text.c): every word of the seed in order, the
# headings and lists Markdown should have, tables as pipe tables, names
# and choices of formats (-o's extension, --format), and the mistakes a
# user can make with them.
# usage: run-formats.sh CVPDF SOURCE_DIR
. "$(dirname "$0")/lib.sh"

mkdir -p "$tmp/out"
"$cvpdf" -q "$src/data/cv.yaml" --format pdf,md,txt -o "$tmp/out/cv.pdf"
[ -s "$tmp/out/cv.pdf" ] && [ -s "$tmp/out/cv.md" ] && [ -s "$tmp/out/cv.txt" ] &&
  ok "--format pdf,md,txt: cv.pdf, cv.md and cv.txt side by side" || bad "--format pdf,md,txt: $(ls "$tmp/out")"
pdfinfo "$tmp/out/cv.pdf" > /dev/null 2>&1 && ok "... the PDF is a PDF" || bad "... the PDF"

# every word of the seed, in order (the reference's HTML remnants and
# letter case, which the design's capitals change, aside)
for f in md txt; do
  python3 - "$src/tests/data/seed-cv.txt" "$tmp/out/cv.$f" > "$tmp/sim" <<'EOF' && ok "cv.$f: the seed's words in order ($(cat "$tmp/sim"))" || bad "cv.$f: $(cat "$tmp/sim")"
import difflib, re, sys
ref = re.sub(r"<[^>]*>", " ", open(sys.argv[1], encoding="utf-8").read())
out = open(sys.argv[2], encoding="utf-8").read()
out = re.sub(r"\]\([^)]*\)", "]", out)  # a Markdown link's target
words = lambda s: re.findall(r"\w+", s.lower())
a, b = words(ref), words(out)
r = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
print("%.3f over %d words" % (r, len(a)))
sys.exit(0 if r >= 0.99 else 1)
EOF
done

md=$tmp/out/cv.md
[ "$(grep -c '^# ' "$md")" = 1 ] && head -n 1 "$md" | grep -q '^# Mingze Wang$' && ok "Markdown: the name a heading of level 1" || bad "Markdown: name heading: $(head -n 1 "$md")"
[ "$(grep -c '^## ' "$md")" = 8 ] && ok "Markdown: 8 sections, headings of level 2" || bad "Markdown: sections: $(grep -c '^## ' "$md")"
grep -q '^- \*\*Deep learning theory\*\*: ' "$md" && grep -q '^  - \*\*Expressivity\*\*: ' "$md" && ok "Markdown: highlights as lists, nested by indent, with their bold" || bad "Markdown: lists"
grep -q '^18\. \*\*Mingze Wang\*\*' "$md" && ok "Markdown: numbered entries with their numbers" || bad "Markdown: numbered entries"
grep -q '\[Prof\. Weinan E\](https://web.math.princeton.edu/~weinan/)' "$md" && ok "Markdown: links" || bad "Markdown: links"
grep -q 'Jingyuan Building \\#6' "$md" && ok "Markdown: markup characters in the text escaped" || bad "Markdown: escapes"
txt=$tmp/out/cv.txt
grep -q '^Short Bio$' "$txt" && grep -q '^=========$' "$txt" && ok "text: a section title underlined" || bad "text: section titles"
grep -q '^• Deep learning theory: ' "$txt" && grep -q '^  ◦ Expressivity: ' "$txt" && ok "text: bullets, nested by indent" || bad "text: bullets"
grep -q '\*\*\|](' "$txt" && bad "text: Markdown left in plain text" || ok "text: no Markdown in plain text"

# a table: a pipe table with its heading row
"$cvpdf" -q "$src/tests/golden/table.yaml" -o "$tmp/table.md"
grep -q '^| --- |' "$tmp/table.md" && [ "$(grep -c '^| ' "$tmp/table.md")" -ge 3 ] && ok "a table: a Markdown pipe table" || { bad "a table:"; cat "$tmp/table.md"; }

# names: -o's extension chooses; --format alone writes beside the input
"$cvpdf" -q "$src/data/cv.yaml" -o "$tmp/only.txt"
[ -s "$tmp/only.txt" ] && [ ! -e "$tmp/only.pdf" ] && head -n 1 "$tmp/only.txt" | grep -q '^Mingze Wang$' && ok "-o cv.txt: plain text only" || bad "-o cv.txt"
cp "$src/tests/golden/one-entry.yaml" "$tmp/one.yaml"
"$cvpdf" -q --format md,txt "$tmp/one.yaml"
[ -s "$tmp/one.md" ] && [ -s "$tmp/one.txt" ] && [ ! -e "$tmp/one.pdf" ] && ok "--format md,txt: beside the input, no PDF" || bad "--format md,txt: $(ls "$tmp")"
"$cvpdf" -q --format md "$tmp/one.yaml" -o - > "$tmp/pipe.md"
grep -q '^# ' "$tmp/pipe.md" && ok "--format md -o -: Markdown on standard output" || bad "--format md to a pipe"
# an Arabic CV: the text in logical order
"$cvpdf" -q "$src/tests/scripts/arabic.yaml" -o "$tmp/ar.txt"
grep -q 'قاد فريق من خمسة مهندسين' "$tmp/ar.txt" && ok "an Arabic CV's text in logical order" || bad "Arabic text"

# mistakes
"$cvpdf" -q --format pdf,docx "$src/data/cv.yaml" -o "$tmp/x.pdf" 2>"$tmp/err"
[ $? = 2 ] && grep -q "format takes pdf, md and txt" "$tmp/err" && [ ! -e "$tmp/x.pdf" ] && ok "--format docx: a usage error naming the formats" || bad "--format docx: $(cat "$tmp/err")"
"$cvpdf" -q --format pdf,md "$src/data/cv.yaml" -o - > /dev/null 2>"$tmp/err"
[ $? = 1 ] && grep -q "several formats (--format) need an output file or folder" "$tmp/err" && ok "several formats to standard output: an error" || bad "several formats to a pipe: $(cat "$tmp/err")"
exit $fail
