#!/bin/sh
# Markdown, plain text and HTML (text.c), PNG pages (raster.c): every word
# of the seed in order, the
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
# a line after a list is not its last item's (CommonMark's lazy
# continuation would put the date and location line into the last bullet)
"$cvpdf" -q "$src/examples/themes/cv.yaml" -o "$tmp/themes.md"
lazy=$(awk 'prev ~ /^ *- / && $0 != "" && $0 !~ /^ *- / && $0 !~ /^  / {print; n++} {prev = $0} END {exit n > 0}' "$tmp/themes.md") &&
  ok "Markdown: a blank line between a list and the line after it" || bad "Markdown: lines run into a list's last item: $lazy"
txt=$tmp/out/cv.txt
grep -q '^Short Bio$' "$txt" && grep -q '^=========$' "$txt" && ok "text: a section title underlined" || bad "text: section titles"
grep -q '^• Deep learning theory: ' "$txt" && grep -q '^  ◦ Expressivity: ' "$txt" && ok "text: bullets, nested by indent" || bad "text: bullets"
grep -q '\*\*\|](' "$txt" && bad "text: Markdown left in plain text" || ok "text: no Markdown in plain text"

# a table: a pipe table with its heading row
"$cvpdf" -q "$src/tests/golden/table.yaml" -o "$tmp/table.md"
grep -q '^| --- |' "$tmp/table.md" && [ "$(grep -c '^| ' "$tmp/table.md")" -ge 3 ] && ok "a table: a Markdown pipe table" || { bad "a table:"; cat "$tmp/table.md"; }

# HTML: a standalone page, well formed, semantic (a heading per section,
# lists, a table with scopes), the design's colours, the photo inlined with
# its alternative text, the language and direction of the locale; and every
# word of the seed in order
"$cvpdf" -q "$src/data/cv.yaml" -o "$tmp/cv.html"
"$cvpdf" -q "$src/tests/golden/photo.yaml" -o "$tmp/photo.html"
"$cvpdf" -q "$src/tests/scripts/arabic.yaml" -o "$tmp/ar.html"
"$cvpdf" -q "$src/examples/themes/cv.yaml" --set design.theme=moderncv -o "$tmp/mcv.html"
python3 - "$tmp/cv.html" "$tmp/photo.html" "$tmp/ar.html" "$src/tests/data/seed-cv.txt" "$tmp/mcv.html" > "$tmp/html" <<'EOF' && ok "HTML: $(cat "$tmp/html")" || { bad "HTML:"; cat "$tmp/html"; }
import difflib, re, sys
from html.parser import HTMLParser
class Page(HTMLParser):
    VOID = {"br", "img", "meta"}
    def __init__(self):
        super().__init__(); self.stack = []; self.faults = 0; self.tags = {}; self.attrs = []; self.text = []
    def handle_starttag(self, t, a):
        self.tags[t] = self.tags.get(t, 0) + 1; self.attrs.append((t, dict(a)))
        if t not in self.VOID: self.stack.append(t)
    def handle_endtag(self, t):
        if self.stack and self.stack[-1] == t: self.stack.pop()
        else: self.faults += 1
    def handle_data(self, d):
        if self.stack and self.stack[-1] not in ("style", "title"): self.text.append(d)
def load(path):
    p = Page(); p.feed(open(path, encoding="utf-8").read()); return p
cv, photo, ar = (load(f) for f in sys.argv[1:4])
fails = []
for name, p in (("cv", cv), ("photo", photo), ("ar", ar)):
    if p.faults or p.stack: fails.append(name + ": not well formed")
html = dict(cv.attrs)["html"]
if html.get("lang") != "en" or cv.tags.get("h1") != 1 or cv.tags.get("h2") != 8: fails.append("lang, h1, 8 h2")
if not cv.tags.get("li") or not any(t == "th" and a.get("scope") for t, a in cv.attrs): fails.append("lists, th scope")
if "color: #07608F" not in open(sys.argv[1]).read(): fails.append("the titles' colour")
# the design's type in CSS: sizes in pt, capitals, the title's rule, and
# the family the PDF draws in place of one not installed (Fontin: Lato)
css = lambda path, sel: re.search(r"^%s \{([^}]*)\}" % re.escape(sel), open(path, encoding="utf-8").read(), re.M)
h1, h2 = css(sys.argv[1], "h1"), css(sys.argv[1], "h2")
if not (h1 and "font-size: 17.28pt" in h1[1] and "text-transform: uppercase" in h1[1]): fails.append("the name's size and capitals: %s" % (h1 and h1[1]))
if not (h2 and "font-size: 12pt" in h2[1] and "text-transform: uppercase" in h2[1] and "border-bottom: 1px solid" in h2[1]): fails.append("the titles' size, capitals and rule: %s" % (h2 and h2[1]))
m = open(sys.argv[5], encoding="utf-8").read()
if '"Fontin", "Lato", sans-serif' not in m or "h2::before" not in m: fails.append("moderncv: Fontin with Lato in its place, the bar before a title")
img = [a for t, a in photo.attrs if t == "img"]
if not img or not img[0]["src"].startswith("data:image/") or not img[0]["alt"].startswith("Photo of "): fails.append("the photo inlined with alt")
if dict(ar.attrs)["html"].get("dir") != "rtl" or dict(ar.attrs)["html"].get("lang") != "ar": fails.append("Arabic: dir rtl, lang ar")
ref = re.sub(r"<[^>]*>", " ", open(sys.argv[4], encoding="utf-8").read())
words = lambda s: re.findall(r"\w+", s.lower())
r = difflib.SequenceMatcher(None, words(ref), words(" ".join(cv.text)), autojunk=False).ratio()
if r < 0.99: fails.append("words %.3f" % r)
print("; ".join(fails) if fails else "well formed, lang/dir, h1 + 8 h2, lists, th scopes, colours, type (sizes, capitals, rules, stand-ins), photo inlined with alt, the seed's words %.3f" % r)
sys.exit(1 if fails else 0)
EOF

# in a right-to-left CV, a link whose text has no right-to-left letter (an
# address, a phone number, a DOI) is a left-to-right isolate, as in the
# PDF: dir="ltr" (else "050 123 4567" would show as "4567 123 050")
"$cvpdf" -q "$src/tests/scripts/arabic-links.yaml" -o "$tmp/arl.html"
python3 - "$tmp/arl.html" > "$tmp/arl" <<'EOF' && ok "HTML: $(cat "$tmp/arl")" || { bad "HTML links in Arabic: $(cat "$tmp/arl")"; }
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
links = re.findall(r'<a ([^>]*)>(.*?)</a>', page)
ltr = [(a, t) for a, t in links if not re.search('[\u0590-\u08ff]', t)]
bad = [t for a, t in ltr if 'dir="ltr"' not in a]
print("%d left-to-right links in Arabic text isolated (dir=ltr)" % len(ltr) if ltr and not bad
      else "not isolated: %s" % bad)
sys.exit(0 if ltr and not bad else 1)
EOF

# ... and in a real browser (Debian's chromium, headless): it loads the
# page with no console error, and printed to PDF the page shows the name
# first and every section title in order
if command -v chromium > /dev/null 2>&1; then
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --enable-logging=stderr --v=0 \
    --no-pdf-header-footer --print-to-pdf="$tmp/browser.pdf" "file://$tmp/cv.html" > "$tmp/browser.log" 2>&1
  pdftotext "$tmp/browser.pdf" "$tmp/browser.txt" 2>/dev/null
  python3 - "$tmp/browser.txt" "$tmp/browser.log" > "$tmp/bcheck" <<'EOF' && ok "HTML in Chromium: $(cat "$tmp/bcheck")" || { bad "HTML in Chromium: $(cat "$tmp/bcheck")"; }
import sys
text = open(sys.argv[1], encoding="utf-8").read()
log = open(sys.argv[2], encoding="utf-8", errors="replace").read()
# the design's capitals (CSS text-transform) are in the printed text
lines = [l.strip().casefold() for l in text.splitlines() if l.strip()]
titles = ["Short Bio", "Education", "Research Interests",
          "Publications & Preprints", "Service", "Selected Awards & Honours",
          "Teaching", "Experience"]
titles = [t.casefold() for t in titles]
at = [lines.index(t) if t in lines else -1 for t in titles]
errors = [l for l in log.splitlines() if "CONSOLE" in l or "Uncaught" in l]
ok = lines and lines[0] == "mingze wang" and -1 not in at and at == sorted(at) and not errors
print("the name first, %d section titles in order, no console error" % len(titles) if ok
      else "first line %r, titles at %s, console %s" % (lines[:1], at, errors[:2]))
sys.exit(0 if ok else 1)
EOF
  # a screenshot (at half scale) shows the name and each section title
  # where the page's layout puts them: their boxes from the DOM (the page
  # with a probe script added, dumped), their ink in the screenshot
  sed 's|</body>|<script>const r=[...document.querySelectorAll("h1,h2")].map(e=>{const g=document.createRange();g.selectNodeContents(e);const b=g.getBoundingClientRect();return [e.tagName,e.textContent.trim(),Math.round(b.left),Math.round(b.top+scrollY),Math.round(b.width),Math.round(b.height)]});document.body.setAttribute("data-rects",JSON.stringify(r));document.body.setAttribute("data-height",document.documentElement.scrollHeight);</script></body>|' \
    "$tmp/cv.html" > "$tmp/probe.html"
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --hide-scrollbars --window-size=1000,800 --dump-dom "file://$tmp/probe.html" > "$tmp/dom.html" 2>/dev/null
  height=$(sed -n 's/.*data-height="\([0-9]*\)".*/\1/p' "$tmp/dom.html" | head -n 1)
  # the boxes again, laid out as the screenshot is (its scale and window:
  # glyph widths, so line breaks, depend on the device pixels)
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --hide-scrollbars --force-device-scale-factor=0.5 --window-size="1000,${height:-800}" \
    --dump-dom "file://$tmp/probe.html" > "$tmp/dom.html" 2>/dev/null
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --hide-scrollbars --force-device-scale-factor=0.5 --window-size="1000,${height:-800}" \
    --screenshot="$tmp/shot.png" "file://$tmp/cv.html" > /dev/null 2>&1
  python3 "$src/tests/tools/shotcheck.py" "$tmp/shot.png" "$tmp/dom.html" 0.5 "Mingze Wang" \
    "Short Bio" "Education" "Research Interests" "Publications & Preprints" "Service" \
    "Selected Awards & Honours" "Teaching" "Experience" > "$tmp/shot" 2>&1 &&
    ok "HTML in Chromium: $(cat "$tmp/shot")" || bad "HTML screenshot: $(cat "$tmp/shot")"
else
  bad "chromium is not installed (build.sh check installs it)"
fi

# PNG pages (raster.c, cairo): a file a page, as many as the PDF's, each
# the page's size at 96 dpi with ink where poppler's rendering of the PDF
# has it (tests/tools/pngink.py); the photo and shaped Arabic drawn too
mkdir -p "$tmp/png"
"$cvpdf" -q "$src/data/cv.yaml" -o "$tmp/png/cv.png" --format png,pdf
n=$(pdfinfo "$tmp/png/cv.pdf" | awk '/^Pages:/ {print $2}')
[ "$(ls "$tmp/png" | grep -c '^cv-[0-9]*\.png$')" = "$n" ] && [ ! -e "$tmp/png/cv.png" ] && ok "-o cv.png: cv-1.png to cv-$n.png, one a page of the PDF's $n" || bad "PNG pages: $(ls "$tmp/png")"
for f in seed:"$src/data/cv.yaml" photo:"$src/tests/golden/photo.yaml" arabic:"$src/tests/scripts/arabic.yaml"; do
  name=${f%%:*} cv=${f#*:}
  "$cvpdf" -q "$cv" --format pdf,png -o "$tmp/png/$name.pdf"
  pdftoppm -r 96 -f 1 -l 1 "$tmp/png/$name.pdf" "$tmp/png/ref-$name"
  ref=$(ls "$tmp/png/ref-$name"*.ppm | head -n 1)
  python3 "$src/tests/tools/pngink.py" "$tmp/png/$name-1.png" "$ref" > "$tmp/ink" &&
    ok "PNG of the $name's first page: $(cat "$tmp/ink")" || bad "PNG of the $name: $(cat "$tmp/ink")"
done
"$cvpdf" -q "$src/data/cv.yaml" --format png -o - > /dev/null 2>"$tmp/err"
[ $? = 1 ] && grep -q "PNG pages need an output file or folder" "$tmp/err" && ok "PNG pages to standard output: an error" || bad "PNG to a pipe: $(cat "$tmp/err")"

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
[ $? = 2 ] && grep -q "format takes pdf, md, txt, html and png" "$tmp/err" && [ ! -e "$tmp/x.pdf" ] && ok "--format docx: a usage error naming the formats" || bad "--format docx: $(cat "$tmp/err")"
"$cvpdf" -q --format pdf,md "$src/data/cv.yaml" -o - > /dev/null 2>"$tmp/err"
[ $? = 1 ] && grep -q "several formats (--format) need an output file or folder" "$tmp/err" && ok "several formats to standard output: an error" || bad "several formats to a pipe: $(cat "$tmp/err")"
exit $fail
