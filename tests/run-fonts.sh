#!/bin/sh
# Fonts: a family is found bundled (fonts/: CMU and RenderCV's theme fonts),
# in a fonts/ folder beside the CV, or installed (fontconfig); a symbol a
# theme's font lacks comes from Libertinus Serif, as in Typst; a CFF-only family is an error naming a
# TrueType one; Chinese, Japanese and Korean fall back to WenQuanYi Micro
# Hei and every character has ink where it is drawn; a character no font
# has is a warning naming the fonts tried.
# usage: run-fonts.sh CVPDF SOURCE_DIR
. "$(dirname "$0")/lib.sh"
cv() { # family -> a CV in $tmp/$2.yaml
  printf 'cv:\n  name: Ada Lovelace\n  sections:\n    summary:\n      - Plain text.\ndesign:\n  typography:\n    font_family: %s\n' "$1" > "$tmp/$2.yaml"
}

# bundled
cv "CMU Serif" bundled
"$cvpdf" -q "$tmp/bundled.yaml" -o "$tmp/b.pdf" && pdffonts "$tmp/b.pdf" | grep -q "CMUSerif-Roman" \
  && ok "bundled family: CMU Serif" || bad "bundled family"

# RenderCV's theme fonts, bundled: each theme that names one embeds its
# real faces, bold included (no stroked stand-in), with no note of a
# stand-in and without fontconfig
for tf in classic:SourceSans3 engineeringclassic:Raleway ember:Ubuntu ink:EBGaramond; do
  t=${tf%%:*} f=${tf#*:}
  printf 'cv:\n  name: Ada Lovelace\n  sections:\n    summary:\n      - Plain text, **bold**.\ndesign:\n  theme: %s\n' "$t" > "$tmp/t-$t.yaml"
  FONTCONFIG_FILE=$tmp/none.conf "$cvpdf" "$tmp/t-$t.yaml" -o "$tmp/t.pdf" 2>"$tmp/err"
  if pdffonts "$tmp/t.pdf" | grep -q "+$f-Regular " && pdffonts "$tmp/t.pdf" | grep -q "+$f-Bold " \
     && ! grep -q "in its place" "$tmp/err"; then
    ok "theme $t: bundled $f, regular and bold"
  else
    bad "theme $t: not its bundled $f:"; pdffonts "$tmp/t.pdf"; cat "$tmp/err"
  fi
done
# a symbol the theme's font lacks comes from Libertinus Serif, as in Typst
printf 'cv:\n  name: Ada Lovelace\n  sections:\n    summary:\n      - A diamond \342\227\206 here.\ndesign:\n  theme: ember\n' > "$tmp/sym.yaml"
"$cvpdf" -q "$tmp/sym.yaml" -o "$tmp/s.pdf" && pdffonts "$tmp/s.pdf" | grep -q "+LibertinusSerif-Regular " \
  && ok "a symbol Ubuntu lacks (U+25C6): from Libertinus Serif" || { bad "symbol fallback:"; pdffonts "$tmp/s.pdf"; }

# installed, through fontconfig
cv "DejaVu Sans" installed
"$cvpdf" -q "$tmp/installed.yaml" -o "$tmp/i.pdf" && pdffonts "$tmp/i.pdf" | grep -q "DejaVuSans" \
  && ok "installed family (fontconfig): DejaVu Sans" || bad "installed family"

# a fonts/ folder beside the CV, with fontconfig seeing no fonts at all
mkdir -p "$tmp/folder/fonts"
printf '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n' > "$tmp/empty.conf"
cp /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf "$tmp/folder/fonts/"
cv "DejaVu Serif" folder
mv "$tmp/folder.yaml" "$tmp/folder/cv.yaml"
FONTCONFIG_FILE=$tmp/empty.conf "$cvpdf" -q "$tmp/folder/cv.yaml" -o "$tmp/f.pdf" \
  && pdffonts "$tmp/f.pdf" | grep -q "DejaVuSerif" \
  && ok "family from a fonts/ folder beside the CV" || bad "fonts/ folder"

# PostScript (CFF) outlines: embedded as CIDFontType0C subsets made by
# hb-subset, from a fonts/ folder or installed (GNU FreeSerif,
# fonts-freefont-otf: its four faces, Devanagari shaped); the text comes
# back, every word has ink where poppler's text layer puts it, in
# poppler's and MuPDF's renderings, and qpdf finds nothing wrong
mkdir -p "$tmp/cff/fonts"
cp /usr/share/fonts/opentype/freefont/FreeSerif.otf "$tmp/cff/fonts/"
printf 'cv:\n  name: Ada Lovelace\n  sections:\n    summary:\n      - Plain text, 1842.\ndesign:\n  typography:\n    font_family: FreeSerif\n' > "$tmp/cff/cv.yaml"
if FONTCONFIG_FILE=$tmp/empty.conf "$cvpdf" -q "$tmp/cff/cv.yaml" -o "$tmp/cff.pdf" 2>"$tmp/err" &&
   pdffonts "$tmp/cff.pdf" | grep -q "+FreeSerif  *CID Type 0C .*yes yes yes" &&
   pdftotext "$tmp/cff.pdf" - | grep -q "Plain text, 1842." && qpdf --check "$tmp/cff.pdf" >/dev/null; then
  ok "CFF outlines from fonts/: a CIDFontType0C subset, text back"
else
  bad "CFF from fonts/:"; cat "$tmp/err"; pdffonts "$tmp/cff.pdf"
fi
printf 'cv:\n  name: Émile Zola\n  sections:\n    summary:\n      - "Plain, **bold**, *italic*, ***both***: AVATAR Wasserstraße 1–2."\n      - "Devanagari: नमस्ते दुनिया"\ndesign:\n  typography:\n    font_family: FreeSerif\n' > "$tmp/freeserif.yaml"
if "$cvpdf" "$tmp/freeserif.yaml" -o "$tmp/fs.pdf" 2>"$tmp/err" && [ ! -s "$tmp/err" ] &&
   [ "$(pdffonts "$tmp/fs.pdf" | grep -c "FreeSerif.*CID Type 0C .*yes yes yes")" = 4 ] &&
   pdftotext "$tmp/fs.pdf" - | grep -q "Devanagari: नमस्ते दुनिया" &&
   pdftotext "$tmp/fs.pdf" - | grep -q "Plain, bold, italic, both: AVATAR Wasserstraße 1–2." &&
   qpdf --check "$tmp/fs.pdf" >/dev/null; then
  ok "an installed CFF family (FreeSerif): four faces as CIDFontType0C, Devanagari, text back"
else
  bad "CFF FreeSerif:"; cat "$tmp/err"; pdffonts "$tmp/fs.pdf"
fi
pdftoppm -r 100 -gray -f 1 -l 1 -singlefile "$tmp/fs.pdf" "$tmp/fspage"
python3 "$src/tests/tools/wordink.py" "$tmp/fs.pdf" "$tmp/fspage.pgm" 100 12 > "$tmp/ink" \
  && ok "... poppler draws every word: $(tail -1 "$tmp/ink")" || { bad "CFF ink (poppler):"; cat "$tmp/ink"; }
if command -v mutool >/dev/null; then
  mutool draw -q -r 100 -c gray -o "$tmp/fsmu.pgm" "$tmp/fs.pdf" 1 2>/dev/null
  python3 "$src/tests/tools/wordink.py" "$tmp/fs.pdf" "$tmp/fsmu.pgm" 100 12 > "$tmp/ink" \
    && ok "... and MuPDF: $(tail -1 "$tmp/ink")" || { bad "CFF ink (MuPDF):"; cat "$tmp/ink"; }
fi

# a family nobody has
cv "No Such Family" missing
"$cvpdf" "$tmp/missing.yaml" -o "$tmp/m.pdf" 2>"$tmp/err"
[ $? = 1 ] && grep -q "missing.yaml:8:18: error: font family 'No Such Family' not found" "$tmp/err" \
  && ok "unknown family: error at 8:18" || { bad "unknown family:"; cat "$tmp/err"; }

# fonts/ holding a FIFO named like a font, and a truncated and a damaged
# font (its glyf table renamed): no hang, the good family still found, and
# a family whose only files are broken is named with what is wrong with
# them (not "not found" alone, and not "CFF outlines")
mkdir -p "$tmp/broken/fonts"
mkfifo "$tmp/broken/fonts/Pipe.ttf"
cp /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf "$tmp/broken/fonts/"
head -c 3000 /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf > "$tmp/broken/fonts/CutSans.ttf"
python3 - "$tmp/broken/fonts/GlyflessSans.ttf" <<'PY'
import sys
data = bytearray(open('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', 'rb').read())
n = int.from_bytes(data[4:6], 'big')
for i in range(n):  # the table directory: rename 'glyf', and the family
    tag = bytes(data[12 + 16 * i: 16 + 16 * i])
    if tag == b'glyf':
        data[12 + 16 * i: 16 + 16 * i] = b'xxxx'
data = data.replace('DejaVu Sans'.encode('utf-16-be'), 'Glyfle Sans'.encode('utf-16-be'))
open(sys.argv[1], 'wb').write(bytes(data))
PY
cv "DejaVu Serif" good
mv "$tmp/good.yaml" "$tmp/broken/good.yaml"
FONTCONFIG_FILE=$tmp/empty.conf timeout 20 "$cvpdf" -q "$tmp/broken/good.yaml" -o "$tmp/good.pdf" \
  && pdffonts "$tmp/good.pdf" | grep -q "DejaVuSerif" \
  && ok "a FIFO and broken fonts in fonts/: no hang, the good family found" \
  || bad "fonts/ with a FIFO and broken fonts"
cv "Cut Sans" cut
mv "$tmp/cut.yaml" "$tmp/broken/cut.yaml"
FONTCONFIG_FILE=$tmp/empty.conf timeout 20 "$cvpdf" "$tmp/broken/cut.yaml" -o "$tmp/cut.pdf" 2>"$tmp/err"
[ $? = 1 ] && grep -q "in the fonts/ folder, .*CutSans.ttf (damaged, truncated or not a font)" "$tmp/err" \
  && grep -q "GlyflessSans.ttf (no outlines: its glyf table is missing or damaged)" "$tmp/err" \
  && grep -q "Pipe.ttf (not a regular file)" "$tmp/err" \
  && ok "a family whose file is broken: the files named with what is wrong" \
  || { bad "broken font files not named:"; cat "$tmp/err"; }

# Chinese, Japanese, Korean: WenQuanYi Micro Hei, no warning, every
# character with ink, and the text comes back
cjk=$src/tests/fonts/cjk.yaml
if "$cvpdf" "$cjk" -o "$tmp/cjk.pdf" 2>"$tmp/err" && [ ! -s "$tmp/err" ]; then
  ok "CJK CV renders without a warning"
else
  bad "CJK CV:"; cat "$tmp/err"
fi
pdffonts "$tmp/cjk.pdf" | grep -q "WenQuanYiMicroHei .*yes yes yes" \
  && ok "CJK: WenQuanYi Micro Hei embedded as a subset with a Unicode map" || bad "CJK font not embedded"
"$cvpdf" -q --dump "$cjk" -o "$tmp/cjk.dump"
pdftoppm -r 100 -gray -f 1 -l 1 -singlefile "$tmp/cjk.pdf" "$tmp/page"
python3 "$src/tests/tools/ink.py" "$tmp/cjk.dump" "$tmp/page.pgm" WenQuanYi 100 > "$tmp/ink" \
  && ok "CJK: $(tail -1 "$tmp/ink")" || { bad "CJK ink:"; cat "$tmp/ink"; }
pdftotext "$tmp/cjk.pdf" - | grep -q "研究方向：偏微分方程数值解与机器学习" \
  && ok "CJK text extracts" || bad "CJK text does not extract"

# a character in no font at all: a warning naming it and the fonts tried
printf 'cv:\n  name: "Ada \\u0378 Lovelace"\n' > "$tmp/nochar.yaml"
"$cvpdf" "$tmp/nochar.yaml" -o "$tmp/n.pdf" 2>"$tmp/err"
[ $? = 0 ] && grep -q "nochar.yaml:2:9: warning: character U+0378 is in none of the fonts tried (CMU Serif, Libertinus Serif, WenQuanYi Micro Hei)" "$tmp/err" \
  && ok "a character in no font: warning naming the fonts tried" || { bad "character in no font:"; cat "$tmp/err"; }
# icons: Font Awesome 7 Free's faces, bundled (fonts/font-awesome), as
# RenderCV draws them (the regular face's outlined envelope, the solid
# phone, the brands' LinkedIn and GitHub) with no font installed
# (fontconfig sees none); each icon has ink where it is drawn and none
# comes back as text (icons are artifacts)
printf 'cv:\n  name: Ada Lovelace\n  email: ada@example.org\n  phone: "+1 415 555 0100"\n  social_networks:\n    - network: LinkedIn\n      username: ada\n    - network: GitHub\n      username: ada\ndesign:\n  theme: classic\n' > "$tmp/icons.yaml"
FONTCONFIG_FILE=$tmp/empty.conf "$cvpdf" "$tmp/icons.yaml" -o "$tmp/icons.pdf" 2>"$tmp/err"
pdffonts "$tmp/icons.pdf" > "$tmp/fonts"
if [ ! -s "$tmp/err" ] && grep -q "+FontAwesome7Free-Solid  *CID Type 0C .*yes yes yes" "$tmp/fonts" &&
   grep -q "+FontAwesome7Free-Regular  *CID Type 0C .*yes yes yes" "$tmp/fonts" &&
   grep -q "+FontAwesome7Brands-Regular  *CID Type 0C .*yes yes yes" "$tmp/fonts" &&
   ! grep -qi "forkawesome" "$tmp/fonts"; then
  ok "icons: Font Awesome 7 Free's solid, regular and brands faces, bundled"
else
  bad "icons not in the bundled Font Awesome faces:"; cat "$tmp/err" "$tmp/fonts"
fi
FONTCONFIG_FILE=$tmp/empty.conf "$cvpdf" -q --dump "$tmp/icons.yaml" -o "$tmp/icons.dump"
pdftoppm -r 100 -gray -f 1 -l 1 -singlefile "$tmp/icons.pdf" "$tmp/ipage"
python3 "$src/tests/tools/ink.py" "$tmp/icons.dump" "$tmp/ipage.pgm" FontAwesome7 100 > "$tmp/ink" &&
  grep -q "^4 characters" "$tmp/ink" \
  && ok "icons: $(tail -1 "$tmp/ink")" || { bad "icons' ink:"; cat "$tmp/ink"; }
pdftotext "$tmp/icons.pdf" "$tmp/icons.txt"
if grep -q "ada@example.org" "$tmp/icons.txt" &&
   python3 -c 'import re, sys; sys.exit(re.search("[\ue000-\uf8ff]", open(sys.argv[1], encoding="utf-8").read()) is not None)' "$tmp/icons.txt"; then
  ok "icons: no Private Use Area character in the text (artifacts)"
else
  bad "icons come back as text:"; cat "$tmp/icons.txt"
fi
# without cvpdf's Font Awesome files: Fork Awesome (installed) draws the
# icons, with a warning; with neither, they are left out, with a warning
mkdir -p "$tmp/data/fonts"
for d in "$(cd "$src" && pwd)"/fonts/*/; do
  [ "$(basename "$d")" = font-awesome ] || ln -s "$d" "$tmp/data/fonts/$(basename "$d")"
done
if fc-list 2>/dev/null | grep -qi "ForkAwesome"; then
  CVPDF_DATA_DIR=$tmp/data "$cvpdf" "$tmp/icons.yaml" -o "$tmp/fork.pdf" 2>"$tmp/err"
  if grep -q "warning: cvpdf's Font Awesome fonts are not in $tmp/data/fonts/font-awesome" "$tmp/err" &&
     pdffonts "$tmp/fork.pdf" | grep -qi "+forkawesome " && ! pdffonts "$tmp/fork.pdf" | grep -q "FontAwesome7"; then
    ok "icons without the bundled Font Awesome: Fork Awesome, with a warning"
  else
    bad "Fork Awesome fallback:"; cat "$tmp/err"; pdffonts "$tmp/fork.pdf"
  fi
fi
CVPDF_DATA_DIR=$tmp/data FONTCONFIG_FILE=$tmp/empty.conf "$cvpdf" "$tmp/icons.yaml" -o "$tmp/none.pdf" 2>"$tmp/err"
if [ $? = 0 ] && grep -q "warning: icons need cvpdf's Font Awesome fonts .* and neither is there; they are left out" "$tmp/err" &&
   ! pdffonts "$tmp/none.pdf" | grep -qi "awesome"; then
  ok "icons with no icon font: left out, with a warning"
else
  bad "no icon font:"; cat "$tmp/err"; pdffonts "$tmp/none.pdf"
fi
# a CV without icons (the seed) opens no icon font
if command -v strace >/dev/null && strace -f -o /dev/null true 2>/dev/null; then
  strace -f -e trace=open,openat,access,faccessat,faccessat2 -o "$tmp/trace" \
    "$cvpdf" -q "$src/data/cv.yaml" -o "$tmp/seed.pdf" 2>/dev/null
  grep -qi "awesome" "$tmp/trace" && bad "the seed CV opens an icon font" \
    || ok "a CV without icons opens no icon font"
fi
exit $fail
