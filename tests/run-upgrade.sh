#!/bin/sh
# cvpdf upgrade: older RenderCV files rewritten with today's names. Each of
# RenderCV 1.x's (1.0 and 1.18 too), 2.0's and 2.3's files (and a 2.3 design file) is
# upgraded in place: the new text equals tests/upgrade/NAME.expected byte
# for byte (UPDATE=1 writes them), the original is kept as NAME.bak, the
# new file renders to the same PDF and holds no older name, and a second
# upgrade has nothing to do. Then the edges: line endings and byte-order
# mark kept, comments moved with their keys, a link followed, the mode
# kept, -o and --check, and the files that are not rewritten (errors, flow
# mappings, a locale file asked to hold a design key): each with its
# message, exit status, and the file untouched.
# usage: run-upgrade.sh CVPDF SOURCE_DIR
. "$(dirname "$0")/lib.sh"
cvpdf=$(cd "$(dirname "$cvpdf")" && pwd)/$(basename "$cvpdf")
src=$(cd "$src" && pwd)
u=$src/tests/upgrade
cd "$tmp" || exit 1
printf 'cv:\n  name: Ada Lovelace\n' > stub.yaml

# render FILE OUT: a CV, or a design file as the design of stub.yaml
render() {
  if grep -q '^cv:' "$1"; then "$cvpdf" -q "$1" -o "$2"
  else "$cvpdf" -q stub.yaml --design "$1" -o "$2"; fi
}

for f in "$src/tests/data/rendercv-1.x.yaml" "$src/tests/upgrade/rendercv-1.0.yaml" "$src/tests/upgrade/rendercv-1.10.yaml" "$src/tests/upgrade/rendercv-1.18.yaml" "$src/tests/upgrade/rendercv-2.0.yaml" \
         "$src/tests/golden/rendercv-2.3.yaml" "$src/tests/upgrade/design-2.3.yaml"; do
  n=$(basename "$f" .yaml)
  cp "$f" "$n.yaml"
  render "$n.yaml" "$n-before.pdf" 2>/dev/null || bad "$n: the original does not render"
  if ! "$cvpdf" upgrade "$n.yaml" 2> "$n.err"; then
    bad "$n: upgrade failed: $(cat "$n.err")"; continue
  fi
  grep -q "older names\? rewritten; the original is $n.yaml.bak$" "$n.err" ||
    bad "$n: said $(cat "$n.err")"
  cmp -s "$n.yaml.bak" "$f" || bad "$n: the backup is not the original"
  if [ "${UPDATE:-}" = 1 ]; then cp "$n.yaml" "$u/$n.expected"; fi
  cmp -s "$n.yaml" "$u/$n.expected" ||
    bad "$n: not as expected: $(diff "$u/$n.expected" "$n.yaml" | head -20)"
  render "$n.yaml" "$n-after.pdf" || bad "$n: the upgraded file does not render"
  cmp -s "$n-before.pdf" "$n-after.pdf" || bad "$n: renders to another PDF"
  if grep -q '^cv:' "$n.yaml"; then "$cvpdf" -v "$n.yaml" -o x.pdf 2> v.err
  else "$cvpdf" -v stub.yaml --design "$n.yaml" -o x.pdf 2> v.err; fi
  grep -q 'older' v.err && bad "$n: older names are left: $(grep older v.err | head -3)"
  # every comment of the original is still there
  grep '#' "$f" | sed 's/^[^#]*#/#/' | sort > c0
  grep '#' "$n.yaml" | sed 's/^[^#]*#/#/' | sort > c1
  cmp -s c0 c1 || bad "$n: comments lost: $(diff c0 c1)"
  cp "$n.yaml" again.yaml
  "$cvpdf" upgrade "$n.yaml" 2> "$n.err2" || bad "$n: the second upgrade failed"
  grep -q "nothing to do" "$n.err2" || bad "$n: the second upgrade said $(cat "$n.err2")"
  cmp -s "$n.yaml" again.yaml && [ ! -e "$n.yaml.bak.2" ] ||
    bad "$n: the second upgrade wrote something"
  "$cvpdf" upgrade --check "$n.yaml" || bad "$n: --check finds older names after upgrading"
  [ $fail = 0 ] && ok "$n: upgraded as expected, same PDF, no older name, comments kept"
done

# what a 2.3 file holds, in Windows line endings behind a byte-order mark,
# without a final line break: kept so
printf '\357\273\277cv:\r\n  name: Ada\r\ndesign:\r\n  theme: classic\r\n  text:\r\n    font_size: 11pt' > crlf.yaml
printf '\357\273\277cv:\r\n  name: Ada\r\ndesign:\r\n  theme: classic\r\n  typography:\r\n    font_size:\r\n      body: 11pt\r\n' > crlf.want
"$cvpdf" upgrade -q crlf.yaml && cmp -s crlf.yaml crlf.want &&
  ok "CRLF line endings, byte-order mark, no final line break: kept" ||
  bad "CRLF file: $(od -c crlf.yaml | head -5)"

# a link is followed (the file it names is upgraded, the link stays), and
# the mode is kept
mkdir real
cp "$src/tests/golden/rendercv-2.3.yaml" real/cv.yaml
chmod 640 real/cv.yaml
ln -s real/cv.yaml link.yaml
"$cvpdf" upgrade -q link.yaml
if [ -L link.yaml ] && cmp -s real/cv.yaml "$u/rendercv-2.3.expected" &&
   cmp -s real/cv.yaml.bak "$src/tests/golden/rendercv-2.3.yaml" &&
   [ "$(stat -c %a real/cv.yaml)" = 640 ]; then
  ok "a link: the file it names upgraded, its backup beside it, mode 640 kept"
else
  bad "link: $(ls -l link.yaml real/)"
fi

# -o writes elsewhere, the file untouched; -o - to standard output
cp "$src/tests/golden/rendercv-2.3.yaml" o.yaml
"$cvpdf" upgrade -q o.yaml -o out.yaml && cmp -s out.yaml "$u/rendercv-2.3.expected" &&
  cmp -s o.yaml "$src/tests/golden/rendercv-2.3.yaml" && [ ! -e o.yaml.bak ] &&
  ok "-o out.yaml: written there, the file untouched, no backup" || bad "-o"
"$cvpdf" upgrade -q o.yaml -o - > stdout.yaml && cmp -s stdout.yaml "$u/rendercv-2.3.expected" &&
  ok "-o -: the upgraded text on standard output" || bad "-o -"

# --check: exit 1 and a count for an older file, nothing written
"$cvpdf" upgrade --check o.yaml 2> check.err; s=$?
[ $s = 1 ] && grep -q "o.yaml: 18 older RenderCV names" check.err &&
  cmp -s o.yaml "$src/tests/golden/rendercv-2.3.yaml" && [ ! -e o.yaml.bak ] &&
  ok "--check: exit 1, 18 older names counted, nothing written" ||
  bad "--check: exit $s, $(cat check.err)"
"$cvpdf" upgrade -v --check o.yaml 2> v.err
grep -q "o.yaml:26:5: now design.typography.font_size.body" v.err &&
  ok "-v names each older name and what it is now" || bad "-v: $(head -3 v.err)"

# not rewritten: exit status, message, the file as it was, no backup
# refused FILE STATUS MESSAGE: upgrade FILE, which must fail so
refused() {
  [ -e "$1" ] && cp "$1" keep.yaml || : > keep.yaml
  "$cvpdf" upgrade "$1" 2> r.err; s=$?
  if [ $s = "$2" ] && grep -qF "$3" r.err && { [ ! -e "$1" ] || cmp -s "$1" keep.yaml; } &&
     [ ! -e "$1.bak" ]; then
    ok "refused ($2): $3"
  else
    bad "$1: exit $s (want $2), said: $(cat r.err)"
  fi
}
printf 'cv:\n  name: Ada\ndesign:\n  text:\n    font_size: 11pt\n  nonsense: 1\n' > errors.yaml
refused errors.yaml 1 "errors.yaml has errors (above): fix them, then upgrade it"
printf 'cv:\n  name: Ada\ndesign: {theme: classic, text: {font_size: 11pt}}\n' > flow.yaml
refused flow.yaml 1 "flow.yaml:3:33: error: cvpdf upgrade moves keys of block mappings only"
printf 'locale_catalog:\n  language: en\n  to: until\n' > locale.yaml
refused locale.yaml 1 "locale.yaml:3:3: error: this is now 'design.templates.date_range', which a locale file cannot hold"
refused missing.yaml 1 "missing.yaml"
"$cvpdf" upgrade 2> u.err; s=$?
[ $s = 2 ] && grep -q "cvpdf upgrade needs a file" u.err && ok "no file: a usage error (2)" || bad "no file: $s $(cat u.err)"
"$cvpdf" upgrade --frobnicate x.yaml 2> u.err; s=$?
[ $s = 2 ] && grep -q "unknown option '--frobnicate'" u.err && ok "an unknown option: a usage error (2)" || bad "unknown option: $s"

# today's file: nothing to do, untouched
cp "$src/data/cv.yaml" today.yaml
"$cvpdf" upgrade today.yaml 2> t.err && grep -q "nothing to do" t.err &&
  cmp -s today.yaml "$src/data/cv.yaml" && [ ! -e today.yaml.bak ] &&
  ok "today's file: nothing to do, untouched" || bad "today's file: $(cat t.err)"

# an included file's older names are its own to upgrade
printf 'text:\n  font_size: 11pt\n' > part.yaml
printf 'cv:\n  name: Ada\ndesign: !include part.yaml\n' > main.yaml
"$cvpdf" upgrade main.yaml 2> i.err
grep -q "main.yaml includes 1 older name from part.yaml: upgrade that file too" i.err &&
  ok "an included file's older names: named, for upgrading it" || bad "include: $(cat i.err)"
exit $fail
