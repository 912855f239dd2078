#!/bin/sh
# Tagged PDF (PDF/UA-1), checked from the files alone (tests/tools/
# tagcheck.py lists the Matterhorn Protocol conditions it covers): the seed
# CV, one CV in every theme, a table, a photo and a right-to-left CV; the
# structure's text reads like pdftotext's; --pdf-standard none opts out.
# usage: run-tagged.sh CVPDF SOURCE_DIR
. "$(dirname "$0")/lib.sh"
check="$src/tests/tools/tagcheck.py"

tagged() { # name pdf roles...
  name=$1 pdf=$2; shift 2
  if python3 "$check" "$pdf" "$@" > "$tmp/check" 2>&1; then
    ok "$name: tagged as PDF/UA asks ($(grep -c '^ok' "$tmp/check") checks)"
  else
    bad "$name:"; grep -v '^ok' "$tmp/check"
  fi
}

"$cvpdf" -q "$src/data/cv.yaml" -o "$tmp/seed.pdf"
tagged "the seed" "$tmp/seed.pdf" Document H1 H2 Sect Div P L LI Lbl LBody Link Table TR TH TD
pdfinfo "$tmp/seed.pdf" | grep -q '^Tagged: *yes' && ok "pdfinfo: Tagged: yes" || bad "pdfinfo does not see the tags"

# the structure, read in its order, gives the words pdftotext gives (a
# screen reader's order is the tree's); poppler's structure text skips
# what follows an empty ActualText span (the second half of a word
# hyphenated at a line end), so a few words may be missing from it
pdfinfo -struct-text "$tmp/seed.pdf" > "$tmp/struct.txt"
pdftotext "$tmp/seed.pdf" "$tmp/seed.txt"
python3 - "$tmp/struct.txt" "$tmp/seed.txt" <<'EOF' && ok "the tree's text in order is pdftotext's ($(cat "$tmp/ratio"))" || { bad "structure text: $(cat "$tmp/ratio")"; }
import difflib, re, sys
def words(s):
    return re.findall(r"\w+", s)
tree = " ".join(re.findall(r'^\s*"(.*)"$', open(sys.argv[1], encoding="utf-8").read(), re.M))
text = open(sys.argv[2], encoding="utf-8").read()
a, b = words(tree), words(text)
r = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
open(sys.argv[2].rsplit("/", 1)[0] + "/ratio", "w").write("%.3f over %d words" % (r, len(b)))
sys.exit(0 if r >= 0.97 else 1)
EOF

# one CV in every theme, the photo, the table, Arabic (a mirrored page)
for t in seed classic engineeringclassic engineeringresumes harvard moderncv sb2nov ink opal ember; do
  "$cvpdf" -q "$src/examples/themes/cv.yaml" --set "design.theme=$t" -o "$tmp/$t.pdf"
  tagged "theme $t" "$tmp/$t.pdf" H1 H2 P Link
done
"$cvpdf" -q "$src/tests/golden/photo.yaml" -o "$tmp/photo.pdf"
tagged "a photo" "$tmp/photo.pdf" Figure
python3 "$check" "$tmp/photo.pdf" > /dev/null 2>&1
qpdf --qdf --object-streams=disable "$tmp/photo.pdf" "$tmp/photo-q.pdf"
grep -a -q '/Alt (Photo of ' "$tmp/photo-q.pdf" && ok "the photo's Alt names whose it is" || bad "the photo's Alt"
"$cvpdf" -q "$src/tests/golden/table.yaml" -o "$tmp/table.pdf"
tagged "a table" "$tmp/table.pdf" Table TR TH TD
"$cvpdf" -q "$src/tests/scripts/arabic.yaml" -o "$tmp/ar.pdf"
tagged "an Arabic CV" "$tmp/ar.pdf" H1 H2 P L LI
qpdf --qdf --object-streams=disable "$tmp/ar.pdf" "$tmp/ar-q.pdf"
grep -a -q '/Lang (ar)' "$tmp/ar-q.pdf" && ok "its /Lang is ar" || bad "the Arabic CV's /Lang"

# opting out: no structure, the bytes of an untagged file
"$cvpdf" -q --pdf-standard none "$src/data/cv.yaml" -o "$tmp/none.pdf"
pdfinfo "$tmp/none.pdf" | grep -q '^Tagged: *no' && ok "--pdf-standard none: untagged" || bad "--pdf-standard none is tagged"
python3 "$check" "$tmp/none.pdf" > /dev/null 2>&1 && bad "tagcheck passes an untagged file" || ok "tagcheck fails an untagged file"
"$cvpdf" -q --pdf-standard pdf-x "$src/data/cv.yaml" -o "$tmp/x.pdf" 2>"$tmp/err"
[ $? = 2 ] && grep -q "pdf-standard takes ua-1" "$tmp/err" && [ ! -e "$tmp/x.pdf" ] && ok "--pdf-standard pdf-x: a usage error" || bad "--pdf-standard pdf-x"

exit $fail
