#!/bin/sh
# Other formats: the JSON Resume and YAMLResume samples of tests/dialects/
# render without a warning, give back every piece of their text in the PDF
# (tests/tools/cvtext.py), and lay out as NAME.expected says (cvpdf --dump);
# each broken-NAME file fails with every line of broken-NAME.expect
# ("LINE:COL: error: MESSAGE") and nothing else; errors found after the
# conversion (cv.c, style.c) still point into the file as written; the style
# file and --set lie over a converted file as over a RenderCV one.
# usage: run-dialects.sh CVPDF SOURCE_DIR     (UPDATE=1 rewrites the .expected)
. "$(dirname "$0")/lib.sh"
dir=$src/tests/dialects

for f in "$dir/jsonresume.json" "$dir/yamlresume.yaml"; do
  name=$(basename "$f")
  want=${f%.*}.expected
  if ! "$cvpdf" "$f" -o "$tmp/$name.pdf" 2>"$tmp/err"; then
    bad "$name does not render:"; cat "$tmp/err"; continue
  fi
  [ ! -s "$tmp/err" ] && ok "$name renders without a warning" \
    || { bad "$name: warnings:"; cat "$tmp/err"; }
  "$cvpdf" -q --dump "$f" -o "$tmp/$name.dump" || { bad "$name --dump"; continue; }
  if [ "${UPDATE:-}" = 1 ]; then
    cp "$tmp/$name.dump" "$want"; echo "updated $want"
  elif [ ! -f "$want" ]; then
    bad "$name: no $want (run with UPDATE=1 to create it)"
  elif diff -u "$want" "$tmp/$name.dump" > "$tmp/diff"; then
    ok "$name lays out as $(basename "$want")"
  else
    bad "$name: layout differs from $want:"; head -40 "$tmp/diff"
  fi
  if python3 "$src/tests/tools/cvtext.py" "$f" "$tmp/$name.pdf" \
       "$tmp/$name.dump" > "$tmp/text" 2>&1; then
    ok "$name: every piece of text in the PDF ($(head -n 1 "$tmp/text"))"
  else
    bad "$name: text:"; cat "$tmp/text"
  fi
done

# the photo (a local file) is in; the header's links are the profiles'
grep -q '^image .* png "photo.png"$' "$tmp/jsonresume.json.dump" \
  && ok "JSON Resume image -> photo" || bad "JSON Resume image -> photo"
for u in https://github.com/adaquill https://linkedin.com/in/ada-quill \
         https://x.com/adaquill https://hachyderm.io/@adaquill \
         https://dribbble.com/quilldraws https://wiki.adaquill.example.org/ \
         https://lattice.example.com; do
  grep -q "^link .* \"$u\"$" "$tmp/jsonresume.json.dump" \
    || bad "JSON Resume: no link to $u"
done
ok "JSON Resume profiles and entry links"
# YAMLResume's layout: letter paper, footer with page numbers
head -n 1 "$tmp/yamlresume.yaml.dump" | grep -q '^page 1 612.00 792.00$' \
  && ok "YAMLResume paperSize: Letter" || bad "YAMLResume paper size"
grep -q '"1/2"' "$tmp/yamlresume.yaml.dump" \
  && ok "YAMLResume showPageNumbers" || bad "YAMLResume page numbers"

# broken files: every expected message, at its line and column, and no other
for f in "$dir"/broken-*.json "$dir"/broken-*.yaml; do
  name=$(basename "$f")
  expect=${f%.*}.expect
  rm -f "$tmp/out.pdf"
  "$cvpdf" "$f" -o "$tmp/out.pdf" 2>"$tmp/err"
  code=$?
  [ "$code" = 1 ] || bad "$name: exit status $code, expected 1"
  [ -e "$tmp/out.pdf" ] && bad "$name: an output file was left behind"
  missing=0
  while IFS= read -r line; do
    grep -qF -- "$f:$line" "$tmp/err" \
      || { bad "$name: expected on stderr: $f:$line"; missing=1; }
  done < "$expect"
  got=$(grep -c ': error: ' "$tmp/err")
  want=$(grep -c . "$expect")
  [ "$got" = "$want" ] || { bad "$name: $got errors, expected $want"; missing=1; }
  [ $missing = 0 ] && ok "$name: $want errors at their positions" || cat "$tmp/err"
done

# errors found after the conversion point into the file as written
check_error() { # file expected-message
  "$cvpdf" "$1" -o "$tmp/out.pdf" 2>"$tmp/err"
  if [ $? = 1 ] && grep -qF -- "$1:$2" "$tmp/err"; then
    ok "$(basename "$1"): $2"
  else
    bad "$(basename "$1"): expected $1:$2, got:"; cat "$tmp/err"
  fi
}
cat > "$tmp/email.json" <<'EOF'
{
  "basics": {
    "name": "Someone",
    "email": "someone-at-example.org"
  }
}
EOF
check_error "$tmp/email.json" "4:14: error: 'someone-at-example.org' is not an email address"
cat > "$tmp/margin.yaml" <<'EOF'
content:
  basics:
    name: Someone
layouts:
  - engine: latex
    page:
      margins:
        left: two inches
EOF
check_error "$tmp/margin.yaml" "8:15: error: invalid length 'two inches' for 'page.left_margin'"
cat > "$tmp/photo.json" <<'EOF'
{"basics": {"name": "Someone", "image": "no-such-photo.png"}}
EOF
check_error "$tmp/photo.json" "1:41: error: photo 'no-such-photo.png'"
# a photo on the web is left out, with a warning (nothing is dropped
# without a word); a YAMLResume template with no theme like it too
cat > "$tmp/webphoto.json" <<'EOF'
{"basics": {"name": "Someone", "image": "https://example.org/me.jpg"}}
EOF
"$cvpdf" "$tmp/webphoto.json" -o "$tmp/out.pdf" 2>"$tmp/err" \
  && grep -q "webphoto.json:1:41: warning: the image 'https://example.org/me.jpg' is not a file beside the CV" "$tmp/err" \
  && ok "an image on the web is left out, with a warning" || { bad "web image"; cat "$tmp/err"; }
printf 'content:\n  basics:\n    name: A\nlayouts:\n  - template: nope\n' > "$tmp/tmpl.yaml"
"$cvpdf" "$tmp/tmpl.yaml" -o "$tmp/out.pdf" 2>"$tmp/err" \
  && grep -q "tmpl.yaml:5:15: warning: no cvpdf theme is like the YAMLResume template 'nope'" "$tmp/err" \
  && ok "an unknown YAMLResume template: a warning" || { bad "unknown template"; cat "$tmp/err"; }

# a RenderCV file written in JSON is still RenderCV
printf '{"cv": {"name": "Json Render", "sections": {"About": ["Plain text."]}}}' \
  > "$tmp/rendercv.json"
"$cvpdf" -q --dump "$tmp/rendercv.json" -o "$tmp/rc.dump" \
  && grep -q '"Plain"' "$tmp/rc.dump" && ok "RenderCV in JSON" || bad "RenderCV in JSON"

# --set and a style file lie over the converted tree
"$cvpdf" -q --dump "$dir/jsonresume.json" --set design.page.size=us-letter \
  -o "$tmp/set.dump" && head -n 1 "$tmp/set.dump" | grep -q '^page 1 612.00 792.00$' \
  && ok "--set over JSON Resume" || bad "--set over JSON Resume"
printf 'design:\n  colors:\n    name: "#FF0000"\n  page:\n    size: a4\n' > "$tmp/style.yaml"
"$cvpdf" -q --dump "$dir/yamlresume.yaml" --style "$tmp/style.yaml" -o "$tmp/style.dump" \
  && grep -q "#FF0000" "$tmp/style.dump" \
  && head -n 1 "$tmp/style.dump" | grep -q '^page 1 612.00 792.00$' \
  && ok "--style under YAMLResume's layout" || bad "--style under YAMLResume"

exit $fail
