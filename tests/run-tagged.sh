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
# words in another script than the document's carry their language (a
# screen reader changes voice): an Arabic and a Chinese name in an English
# CV; none in the Arabic CV (its Latin words do not say which language)
span_langs() {
  grep -a -o '<</MCID [0-9]* /Lang ([a-z-]*)>> BDC' "$1" |
    sed 's/.*Lang (\(.*\))>>.*/\1/' | sort -u | tr '\n' ' '
}
"$cvpdf" -q "$src/tests/scripts/mixed-names.yaml" -o "$tmp/mixed.pdf"
tagged "an English CV with Arabic and Chinese names" "$tmp/mixed.pdf" P
qpdf --qdf --object-streams=disable "$tmp/mixed.pdf" "$tmp/mixed-q.pdf"
[ "$(span_langs "$tmp/mixed-q.pdf")" = "ar zh-cn " ] &&
  ok "its Arabic and Chinese names in /Lang spans (ar, zh-cn)" ||
  bad "spans' /Lang: '$(span_langs "$tmp/mixed-q.pdf")', expected 'ar zh-cn '"
[ -z "$(span_langs "$tmp/ar-q.pdf")" ] && ok "the Arabic CV: no span in another language" ||
  bad "the Arabic CV has /Lang spans: $(span_langs "$tmp/ar-q.pdf")"

# PDF/A-2b on request (tagged too): what can be checked without a
# validator (veraPDF is not packaged): the identification in XMP, the
# information and XMP saying the same, an sRGB output intent with its ICC
# profile, printable annotations, the file ID, every font embedded
"$cvpdf" -q --pdf-standard a-2b "$src/data/cv.yaml" -o "$tmp/a2b.pdf"
tagged "PDF/A-2b" "$tmp/a2b.pdf" H1 H2 Link
python3 - "$tmp/a2b.pdf" > "$tmp/pdfa" <<'EOF' && ok "PDF/A-2b: $(cat "$tmp/pdfa")" || { bad "PDF/A-2b:"; cat "$tmp/pdfa"; }
import base64, json, re, subprocess, sys
out = subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=inline",
                      "--decode-level=generalized", sys.argv[1]], capture_output=True, text=True, check=True).stdout
objs = json.loads(out)["qpdf"][1]
get = lambda r: objs.get(r if r == "trailer" else "obj:" + r, {})
trailer = objs["trailer"]["value"]
cat = get(trailer["/Root"])["value"]
info = get(trailer["/Info"])["value"]
xmp = base64.b64decode(get(cat["/Metadata"])["stream"]["data"]).decode()
fails = []
def need(ok, what):
    if not ok: fails.append(what)
need("<pdfaid:part>2</pdfaid:part>" in xmp and "<pdfaid:conformance>B</pdfaid:conformance>" in xmp, "pdfaid 2B")
s = lambda v: v[2:] if isinstance(v, str) and v[:2] in ("u:", "b:") else v
need(s(info["/Title"]) in xmp, "Title = dc:title")
need(s(info["/Author"]) in xmp, "Author = dc:creator")
need("<xmp:CreatorTool>%s</xmp:CreatorTool>" % s(info["/Creator"]) in xmp, "Creator = xmp:CreatorTool")
need("<pdf:Producer>%s</pdf:Producer>" % s(info["/Producer"]) in xmp, "Producer = pdf:Producer")
m = re.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)", s(info["/CreationDate"]))
need(m and "<xmp:CreateDate>%s-%s-%sT%s:%s:%sZ</xmp:CreateDate>" % m.groups() in xmp, "CreationDate = xmp:CreateDate")
oi = cat.get("/OutputIntents", [{}])[0]
icc = get(oi.get("/DestOutputProfile", "none"))
need(oi.get("/S") == "/GTS_PDFA1" and icc.get("stream", {}).get("dict", {}).get("/N") == 3, "sRGB output intent")
need(base64.b64decode(icc.get("stream", {}).get("data", ""))[36:40] == b"acsp", "an ICC profile")
need(len(trailer.get("/ID", [])) == 2 and "/Encrypt" not in trailer, "ID, no encryption")
annots = [get(a)["value"] for k, v in objs.items() if isinstance(v, dict) and isinstance(v.get("value"), dict)
          and v["value"].get("/Type") == "/Page" for a in v["value"].get("/Annots", [])]
need(annots and all(a.get("/F") == 4 for a in annots), "%d annotations printable" % len(annots))
print("; ".join(fails) if fails else "XMP identification, information = XMP, sRGB output intent, ID, %d printable links" % len(annots))
sys.exit(1 if fails else 0)
EOF
pdffonts "$tmp/a2b.pdf" | tail -n +3 | awk '$(NF-4) != "yes" {bad=1} END {exit bad}' && ok "PDF/A-2b: every font embedded" || bad "PDF/A-2b: a font not embedded"

# PDF/A-2u and -2a: conformance U and A in XMP, and every glyph shown maps
# to Unicode (tests/tools/unicodecheck.py), even the second glyph of a
# Devanagari cluster (under -2b it need not, and does not)
for level in u a; do
  "$cvpdf" -q --pdf-standard "a-2$level" "$src/tests/scripts/hindi.yaml" -o "$tmp/a2$level.pdf"
  qpdf --qdf --object-streams=disable "$tmp/a2$level.pdf" "$tmp/a2$level-q.pdf"
  L=$(echo $level | tr a-z A-Z)
  grep -a -q "<pdfaid:conformance>$L</pdfaid:conformance>" "$tmp/a2$level-q.pdf" &&
    python3 "$src/tests/tools/unicodecheck.py" "$tmp/a2$level.pdf" > "$tmp/uni" &&
    ok "PDF/A-2$level: conformance $L, $(cat "$tmp/uni")" || { bad "PDF/A-2$level:"; cat "$tmp/uni"; }
done
"$cvpdf" -q --pdf-standard a-2b "$src/tests/scripts/hindi.yaml" -o "$tmp/a2b-hi.pdf"
python3 "$src/tests/tools/unicodecheck.py" "$tmp/a2b-hi.pdf" > /dev/null && bad "unicodecheck passes a file with unmapped glyphs" || ok "unicodecheck finds -2b's unmapped cluster glyphs"

# the standard in the CV's settings (cvpdf's settings.pdf_standard), which
# the command line overrides
printf 'cv:\n  name: Ada Lovelace\nsettings:\n  pdf_standard: a-2b\n' > "$tmp/set.yaml"
"$cvpdf" -q "$tmp/set.yaml" -o "$tmp/set.pdf"
qpdf --qdf --object-streams=disable "$tmp/set.pdf" "$tmp/set-q.pdf"
grep -a -q '<pdfaid:part>2</pdfaid:part>' "$tmp/set-q.pdf" && ok "settings.pdf_standard: a-2b" || bad "settings.pdf_standard a-2b"
"$cvpdf" -q "$tmp/set.yaml" --pdf-standard none -o "$tmp/set2.pdf"
pdfinfo "$tmp/set2.pdf" | grep -q '^Tagged: *no' && ok "... --pdf-standard none overrides it" || bad "--pdf-standard over settings"

# opting out: no structure, the bytes of an untagged file
"$cvpdf" -q --pdf-standard none "$src/data/cv.yaml" -o "$tmp/none.pdf"
pdfinfo "$tmp/none.pdf" | grep -q '^Tagged: *no' && ok "--pdf-standard none: untagged" || bad "--pdf-standard none is tagged"
python3 "$check" "$tmp/none.pdf" > /dev/null 2>&1 && bad "tagcheck passes an untagged file" || ok "tagcheck fails an untagged file"
"$cvpdf" -q --pdf-standard pdf-x "$src/data/cv.yaml" -o "$tmp/x.pdf" 2>"$tmp/err"
[ $? = 2 ] && grep -q "pdf-standard takes ua-1" "$tmp/err" && [ ! -e "$tmp/x.pdf" ] && ok "--pdf-standard pdf-x: a usage error" || bad "--pdf-standard pdf-x"

exit $fail
