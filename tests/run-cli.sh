#!/bin/sh
# The command line: help, version, exit codes (0 ok, 1 bad input, 2 bad
# usage), output naming, atomic output, several inputs; and, at the end,
# what must never happen silently (an input overwritten, a FIFO waited on,
# a temporary file left by a signal, a PDF on a terminal...). Helpers for
# those are in tests/cli/.
# usage: run-cli.sh CVPDF SOURCE_DIR
set -u
cvpdf=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
expect() { # description expected-status command...
  d=$1; want=$2; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  got=$?
  if [ "$got" = "$want" ]; then echo "ok   $d"; else
    echo "FAIL $d: exit $got, expected $want"; cat "$tmp/err"; fail=1; fi
}
has() { # description file text
  if grep -qF -- "$3" "$2"; then echo "ok   $1"; else
    echo "FAIL $1: '$3' not in:"; cat "$2"; fail=1; fi
}

expect "--help" 0 "$cvpdf" --help
has "--help prints usage" "$tmp/out" "usage: cvpdf"
expect "--version" 0 "$cvpdf" --version
has "--version prints the version" "$tmp/out" "cvpdf "
# what cannot be written to standard output is an error, help included
for a in --help --version "schema --help"; do
  expect "$a onto a full disk" 1 sh -c "exec '$cvpdf' $a > /dev/full"
done
has "... said" "$tmp/err" "cannot write to standard output: No space left on device"
expect "no arguments" 2 "$cvpdf"
has "no arguments explained" "$tmp/err" "no input file given"
expect "unknown option" 2 "$cvpdf" --frobnicate x.yaml
has "unknown option named" "$tmp/err" "unknown option --frobnicate"
expect "-o without a path" 2 "$cvpdf" x.yaml -o
expect "missing input" 1 "$cvpdf" "$tmp/nope.yaml" -o "$tmp/x.pdf"
has "missing input named" "$tmp/err" "cannot open '$tmp/nope.yaml'"
expect "a directory as input" 1 "$cvpdf" "$tmp" -o "$tmp/x.pdf"
expect "output in a missing directory" 1 "$cvpdf" "$src/tests/golden/page-break.yaml" -o "$tmp/no/such/dir/x.pdf"
has "missing directory explained" "$tmp/err" "cannot write '$tmp/no/such/dir/x.pdf'"
cp "$src/tests/golden/page-break.yaml" "$tmp/same.yaml"
expect "output equal to input" 1 "$cvpdf" "$tmp/same.yaml" -o "$tmp/same.yaml"
has "output equal to input explained" "$tmp/err" "is the input file"
cmp -s "$tmp/same.yaml" "$src/tests/golden/page-break.yaml" && echo "ok   input left intact" || { echo "FAIL input overwritten"; fail=1; }
# a write that fails (here: the file-size limit) is an error, and the
# temporary file goes
mkdir "$tmp/small"
expect "a write that fails" 1 sh -c "ulimit -f 1; exec '$cvpdf' -q '$src/tests/golden/page-break.yaml' -o '$tmp/small/x.pdf'"
has "the failed write explained" "$tmp/err" "cannot write '$tmp/small/x.pdf': File too large"
[ -z "$(ls -A "$tmp/small")" ] && echo "ok   ... and nothing is left" || { echo "FAIL left after a failed write:"; ls -A "$tmp/small"; fail=1; }
# several outputs of one CV (--format md,png; cvpdf new's CV and schema):
# when a later one cannot be written, the earlier ones are not put in
# place either (the Markdown fits in the limit, the PNG page does not)
echo stale > "$tmp/small/x.md"
expect "a later format that cannot be written" 1 sh -c "ulimit -f 1; exec '$cvpdf' -q '$src/tests/golden/page-break.yaml' --format md,png -o '$tmp/small/x.md'"
[ "$(ls -A "$tmp/small")" = x.md ] && [ "$(cat "$tmp/small/x.md")" = stale ] && echo "ok   ... the earlier format not written, the old file kept" ||
  { echo "FAIL after a failed later format: $(ls -A "$tmp/small") $(head -c 20 "$tmp/small/x.md")"; fail=1; }
rm -f "$tmp/small/x.md"
expect "cvpdf new, its schema cannot be written" 1 sh -c "cd '$tmp/small' && ulimit -f 4 && exec '$cvpdf' new 'Ada Lovelace'"
[ -z "$(ls -A "$tmp/small")" ] && echo "ok   ... and no CV is left without its schema" || { echo "FAIL cvpdf new left: $(ls -A "$tmp/small")"; fail=1; }

# default output name: beside the input, .pdf
cp "$src/tests/golden/page-break.yaml" "$tmp/mycv.yaml"
expect "default output" 0 "$cvpdf" -q "$tmp/mycv.yaml"
[ -s "$tmp/mycv.pdf" ] && echo "ok   wrote mycv.pdf beside the input" || { echo "FAIL no mycv.pdf"; fail=1; }
ls "$tmp" | grep -q tmp && { echo "FAIL temporary file left"; fail=1; } || echo "ok   no temporary file left"

# several inputs into a directory; a bad one fails alone
mkdir "$tmp/outdir"
expect "batch with one bad file" 1 "$cvpdf" -q "$src/tests/golden/page-break.yaml" "$src/tests/bad/bad-month.yaml" "$src/tests/golden/ragged.yaml" -o "$tmp/outdir/"
[ -s "$tmp/outdir/page-break.pdf" ] && [ -s "$tmp/outdir/ragged.pdf" ] && [ ! -e "$tmp/outdir/bad-month.pdf" ] \
  && echo "ok   good files rendered, bad one not" || { echo "FAIL batch outputs"; ls "$tmp/outdir"; fail=1; }
has "batch summary" "$tmp/err" "1 of 3 files failed:"
# the summary gives the first error's position, as the file's messages do
sed -n '/files failed:/,$p' "$tmp/err" > "$tmp/summary"
has "summary says which, where and why" "$tmp/summary" "  $src/tests/bad/bad-month.yaml:7:21: invalid date '2021-13'"
mkdir "$tmp/j1" "$tmp/j4"
three="$src/data/cv.yaml $src/tests/golden/ragged.yaml $src/tests/golden/publications.yaml"
SOURCE_DATE_EPOCH=1 "$cvpdf" -q -j 1 $three -o "$tmp/j1/" && SOURCE_DATE_EPOCH=1 "$cvpdf" -q -j 4 $three -o "$tmp/j4/"
for f in cv ragged publications; do
  cmp -s "$tmp/j1/$f.pdf" "$tmp/j4/$f.pdf" || { echo "FAIL -j 1 and -j 4 differ on $f.pdf"; fail=1; }
done
[ -s "$tmp/j1/publications.pdf" ] && echo "ok   -j 1 and -j 4 write identical files" || { echo "FAIL -j outputs"; fail=1; }
# two inputs named alike (both cv.yaml) cannot share an output
expect "two outputs with one name" 1 "$cvpdf" -q "$src/data/cv.yaml" "$src/examples/themes/cv.yaml" -o "$tmp/outdir/"
has "the clash is explained" "$tmp/err" "is another input's output too"
# output names from the CV's name
mkdir "$tmp/named"
expect "--name" 0 "$cvpdf" -q -v "$src/data/cv.yaml" "$src/examples/themes/cv.yaml" -o "$tmp/named/" --name NAME_IN_SNAKE_CASE_CV
[ -s "$tmp/named/Mingze_Wang_CV.pdf" ] && [ -s "$tmp/named/John_Doe_CV.pdf" ] \
  && echo "ok   --name NAME_IN_SNAKE_CASE_CV: Mingze_Wang_CV.pdf, John_Doe_CV.pdf" || { echo "FAIL --name"; ls "$tmp/named"; fail=1; }
has "-v says where each output went" "$tmp/err" "wrote $tmp/named/John_Doe_CV.pdf"
expect "--name lower kebab" 0 "$cvpdf" -q "$src/data/cv.yaml" -o "$tmp/named/" --name "NAME_IN_LOWER_KEBAB_CASE-FILE"
[ -s "$tmp/named/mingze-wang-cv.pdf" ] && echo "ok   --name NAME_IN_LOWER_KEBAB_CASE-FILE" || { echo "FAIL kebab name"; ls "$tmp/named"; fail=1; }
# standard input and output
expect "a CV from standard input to standard output" 0 sh -c "cat '$src/data/cv.yaml' | '$cvpdf' -q - > '$tmp/piped.pdf'"
[ "$(pdfinfo "$tmp/piped.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')" = 4 ] && echo "ok   piped PDF has the seed's 4 pages" || { echo "FAIL piped PDF"; fail=1; }
printf 'cv:\n  name: [oops\n' > "$tmp/brokenpipe.yaml"
expect "a broken CV from standard input" 1 sh -c "'$cvpdf' - < '$tmp/brokenpipe.yaml' > '$tmp/piped2.pdf'"
has "standard input is named in messages" "$tmp/err" "<stdin>:3:1: error"
expect "standard input twice" 2 "$cvpdf" - -
expect "-j 0" 2 "$cvpdf" -j 0 "$src/data/cv.yaml"
expect "--from unknown" 2 "$cvpdf" --from latex "$src/data/cv.yaml"
expect "several inputs, -o a file" 2 "$cvpdf" "$src/tests/golden/page-break.yaml" "$src/tests/golden/ragged.yaml" -o "$tmp/one.pdf"

# fitting to a page count
expect "--fit-pages 1 on the 4-page seed" 1 "$cvpdf" --fit-pages 1 "$src/data/cv.yaml" -o "$tmp/fit.pdf"
has "cannot fit explained" "$tmp/err" "cannot fit the CV into 1 page"
[ ! -e "$tmp/fit.pdf" ] && echo "ok   no output when it cannot fit" || { echo "FAIL output written"; fail=1; }
expect "--fit-pages 3" 0 "$cvpdf" --fit-pages 3 "$src/data/cv.yaml" -o "$tmp/fit.pdf"
has "what fitting changed" "$tmp/err" "fitted into 3 pages"
[ "$(pdfinfo "$tmp/fit.pdf" | sed -n 's/^Pages: *//p')" = 3 ] && echo "ok   3 pages" || { echo "FAIL not 3 pages"; fail=1; }
expect "--fit-pages 0" 2 "$cvpdf" --fit-pages 0 "$src/data/cv.yaml"

# --check: validate, write nothing; every error of a file in one run
expect "--check on a good file" 0 "$cvpdf" --check "$src/data/cv.yaml"
cat > "$tmp/three.yaml" <<'YAML'
cv:
  emial: x@y.org
  sections:
    experience:
      - company: A
        position: B
        start_date: 2020-13
design:
  colors:
    name: blurple
YAML
expect "--check reports every error" 1 "$cvpdf" --check "$tmp/three.yaml"
has "first error" "$tmp/err" "three.yaml:2:3: error: unknown key 'emial'"
has "second error" "$tmp/err" "three.yaml:7:21: error: invalid date '2020-13'"
has "third error" "$tmp/err" "three.yaml:10:11: error: invalid colour 'blurple'"
ls "$tmp" | grep -q '^three.pdf$' && { echo "FAIL --check wrote a file"; fail=1; } || echo "ok   --check writes nothing"

# style files and --set: theme < style file < the CV's own design < --set
cat > "$tmp/style.yaml" <<'YAML'
design:
  page:
    size: us-letter
  colors:
    section_titles: darkred
    name: darkred
YAML
printf 'cv:\n  name: Styled\n  sections:\n    s:\n      - text\ndesign:\n  colors:\n    name: navy\n' > "$tmp/styled.yaml"
expect "--style" 0 "$cvpdf" --style "$tmp/style.yaml" --dump "$tmp/styled.yaml"
has "style file sets the page size" "$tmp/out" "page 1 612.00 792.00"
has "style file sets a colour" "$tmp/out" '#8B0000 "S"'
has "the CV's own design wins over the style file" "$tmp/out" '#000080 "STYLED"'
expect "--set" 0 "$cvpdf" --style "$tmp/style.yaml" --set design.colors.name=green --set design.page.size=a5 --dump "$tmp/styled.yaml"
has "--set wins over everything" "$tmp/out" '#008000 "STYLED"'
has "--set page size" "$tmp/out" "page 1 419.53 595.28"
expect "--set with a misspelt key" 1 "$cvpdf" --set design.page.sise=a4 --check "$tmp/styled.yaml"
has "--set error names the override" "$tmp/err" "--set design.page.sise=a4: error: unknown key 'sise' in 'design.page' (did you mean 'size'?)"
# a --set override names itself in its messages on one line: a newline
# or a control character in it escaped, a long value cut (a 10 000
# character value was repeated in full before each message)
expect "--set with a newline in its value" 1 "$cvpdf" --set "$(printf 'cv.name=a\nb: c')" --check "$tmp/styled.yaml"
has "... one line" "$tmp/err" '--set cv.name=a\nb: c: error: invalid YAML'
expect "--set with a control character in its key" 1 "$cvpdf" --set "$(printf 'cv.na\001me=x')" --check "$tmp/styled.yaml"
has "... escaped" "$tmp/err" "--set cv.na\x01me=x: error: unknown key 'na\x01me' in 'cv'"
expect "--set with a value of 10 000 characters" 1 "$cvpdf" --set "cv.name=$(printf '%010000d' 0 | tr 0 '[')" --check "$tmp/styled.yaml"
has "... cut" "$tmp/err" "[[[...: error: nesting too deep"
[ "$(wc -c < "$tmp/err")" -lt 400 ] && echo "ok   ... in a few hundred bytes" || { echo "FAIL --set value repeated: $(wc -c < "$tmp/err") bytes"; fail=1; }
expect "--set without =" 2 "$cvpdf" --set design.page.size "$tmp/styled.yaml"
printf 'cv:\n  name: x\n' > "$tmp/notstyle.yaml"
expect "a CV given as a style file" 1 "$cvpdf" --style "$tmp/notstyle.yaml" --check "$tmp/styled.yaml"
has "style file keys explained" "$tmp/err" "notstyle.yaml:1:1: error: a style file holds 'design' and 'locale' only, not 'cv'"
# !include is read in the CV and what it includes; in a style file or a
# --set value it is an error at the tag (the style file's was "expected a
# mapping for 'design', found a string"; --set took the file name for the
# value, without a word)
printf 'design: !include parts.yaml\n' > "$tmp/incstyle.yaml"
expect "!include in a style file" 1 "$cvpdf" --style "$tmp/incstyle.yaml" --check "$tmp/styled.yaml"
has "... said at the tag" "$tmp/err" "incstyle.yaml:1:9: error: !include is read in the CV and the files it includes, not in a style file"
expect "!include in a --set value" 1 "$cvpdf" --set 'cv.name=!include name.txt' --check "$tmp/styled.yaml"
has "... said" "$tmp/err" "--set cv.name=!include name.txt: error: !include is read in the CV and the files it includes, not in a --set value"
expect "a missing style file" 1 "$cvpdf" --style "$tmp/nope.yaml" "$tmp/styled.yaml" -o "$tmp/x.pdf"

# RenderCV's older files: each older name works; one note says how many
# were read, and -v names each with its new name
expect "a RenderCV 2.3 file" 0 "$cvpdf" "$src/tests/golden/rendercv-2.3.yaml" -o "$tmp/r23.pdf"
has "older names counted" "$tmp/err" "rendercv-2.3.yaml:42:1: note: written for an older RenderCV: 18 older names read with today's meaning (-v names each); 'cvpdf upgrade $src/tests/golden/rendercv-2.3.yaml' rewrites them"
[ "$(grep -c -E 'warning:|note:' "$tmp/err")" = 1 ] && echo "ok   one note, no warnings" || { echo "FAIL messages: $(cat "$tmp/err")"; fail=1; }
expect "a RenderCV 2.3 file, -v" 0 "$cvpdf" -v "$src/tests/golden/rendercv-2.3.yaml" -o "$tmp/r23.pdf"
has "older design key" "$tmp/err" "rendercv-2.3.yaml:26:5: note: 'design.text.font_size' is an older RenderCV name; it is now 'design.typography.font_size.body'"
has "older locale key" "$tmp/err" "rendercv-2.3.yaml:44:3: note: 'locale.abbreviations_for_months' is an older RenderCV name; it is now 'locale.month_abbreviations'"
has "older top-level key" "$tmp/err" "note: 'rendercv_settings' is an older RenderCV name; it is now 'settings'"
[ "$(grep -c 'is an older RenderCV' "$tmp/err")" = 18 ] && echo "ok   -v: a note per older name (18)" || { echo "FAIL notes: $(grep -c 'is an older RenderCV' "$tmp/err")"; fail=1; }
# RenderCV's command line: render, --design/--locale-catalog/--settings
# files over the CV's blocks, dotted overrides over those
mkdir -p "$tmp/rc"
printf 'design:\n  theme: harvard\n' > "$tmp/rc/d.yaml"
printf 'locale:\n  present: now\n' > "$tmp/rc/l.yaml"
printf 'settings:\n  current_date: 2024-05-01\n' > "$tmp/rc/s.yaml"
expect "render, --design, --locale-catalog, --settings, --cv.name" 0 "$cvpdf" render "$src/examples/themes/cv.yaml" \
  --design "$tmp/rc/d.yaml" --locale-catalog "$tmp/rc/l.yaml" --settings "$tmp/rc/s.yaml" \
  --cv.name "Ada X" --design.page.show_footer false -o "$tmp/rc/o.pdf"
pdffonts "$tmp/rc/o.pdf" | grep -q XCharter && echo "ok   --design: harvard's fonts" || { echo "FAIL --design not applied"; fail=1; }
pdftotext "$tmp/rc/o.pdf" - > "$tmp/rc/o.txt"
grep -q "^Ada X$" "$tmp/rc/o.txt" && grep -q "June 2023 – now" "$tmp/rc/o.txt" && ! grep -q "1/" "$tmp/rc/o.txt" \
  && echo "ok   --cv.name, --locale-catalog's present, --design.page.show_footer" || { echo "FAIL overrides"; fail=1; }
expect "a --design file holding settings" 1 "$cvpdf" "$src/examples/themes/cv.yaml" --design "$tmp/rc/s.yaml" -o "$tmp/rc/x.pdf"
has "... says which block it must hold" "$tmp/err" "s.yaml:1:1: error: this file holds 'design' only (it was given as the design file), not 'settings'"
[ ! -e "$tmp/rc/x.pdf" ] && echo "ok   ... and writes nothing" || { echo "FAIL wrote x.pdf"; fail=1; }
expect "settings.render_command with -o" 0 "$cvpdf" "$src/tests/golden/rendercv-2.3.yaml" --set 'settings.render_command={output_folder: out}' -o "$tmp/rc/y.pdf"
has "... is said not to be applied" "$tmp/err" "note: settings.render_command's outputs are not used: the command line names the output (-o, --name or --format)"
[ ! -e "$tmp/rc/out" ] && echo "ok   ... and makes no output folder" || { echo "FAIL made $tmp/rc/out"; fail=1; }
# without an output on the command line, RenderCV's outputs where it puts
# them: relative to the CV, OUTPUT_FOLDER replaced, placeholders put in
# (the name's cases, settings.current_date's), PNG pages as RenderCV names
# them, a design file laid over the CV; dont_generate_* as RenderCV
mkdir -p "$tmp/rc/cvdir" "$tmp/rc/elsewhere"
cat > "$tmp/rc/cvdir/cv.yaml" <<'EOF2'
cv:
  name: Ada Lovelace
  sections:
    Experience:
      - Wrote the first program.
settings:
  current_date: 2025-03-07
  render_command:
    design: theme.yaml
    output_folder: built
    pdf_path: OUTPUT_FOLDER/NAME_IN_LOWER_KEBAB_CASE-MONTH_NAME-YEAR.pdf
    dont_generate_html: true
EOF2
printf 'design:\n  theme: classic\n' > "$tmp/rc/cvdir/theme.yaml"
(cd "$tmp/rc/elsewhere" && "$cvpdf" ../cvdir/cv.yaml >"$tmp/out" 2>"$tmp/err")
made=$(cd "$tmp/rc/cvdir" && find built -type f | sort | tr '\n' ' ')
[ "$made" = "built/Ada_Lovelace_CV.md built/Ada_Lovelace_CV_1.png built/ada-lovelace-March-2025.pdf " ] &&
  echo "ok   settings.render_command: $made" || { echo "FAIL render_command made '$made'"; cat "$tmp/err"; fail=1; }
[ -z "$(ls "$tmp/rc/elsewhere")" ] && echo "ok   ... nothing in the current folder" || { echo "FAIL wrote into the current folder"; fail=1; }
pdffonts "$tmp/rc/cvdir/built/ada-lovelace-March-2025.pdf" | grep -q SourceSans3 &&
  echo "ok   ... its design file applied (classic: Source Sans 3)" || { echo "FAIL render_command.design"; fail=1; }
sed -i 's/theme.yaml/missing.yaml/' "$tmp/rc/cvdir/cv.yaml"
rm -rf "$tmp/rc/cvdir/built"
expect "render_command.design: a missing file" 1 "$cvpdf" "$tmp/rc/cvdir/cv.yaml"
has "... an error at its position" "$tmp/err" "cv.yaml:9:13: error: cannot read the design file"
[ ! -e "$tmp/rc/cvdir/built" ] && echo "ok   ... and writes nothing" || { echo "FAIL wrote outputs"; fail=1; }
printf 'cv:\n  name: A B\nsettings:\n  render_command:\n    dont_generate_typst: true\n    dont_generate_markdown: true\n    typst_path: x.typ\n' > "$tmp/rc/cvdir/none.yaml"
expect "render_command: every format off" 0 "$cvpdf" "$tmp/rc/cvdir/none.yaml"
has "... says nothing is written" "$tmp/err" "warning: settings.render_command makes no output"
[ ! -e "$tmp/rc/cvdir/rendercv_output" ] && echo "ok   ... and writes nothing" || { echo "FAIL wrote outputs"; fail=1; }
# RenderCV 2.3's (and 1.x's) render_command: output_folder_name followed,
# its rendercv_settings file read (a settings layer), its locale_catalog
# file read, LaTeX's keys and watch left out with a note
mkdir -p "$tmp/rc/old"
printf 'rendercv_settings:\n  current_date: "2020-02-02"\n' > "$tmp/rc/old/s.yaml"
printf 'locale:\n  present: NOW\n' > "$tmp/rc/old/l.yaml"
printf 'cv:\n  name: Ada B\n  sections:\n    a:\n      - company: X\n        position: Y\n        start_date: 2019-01\n        end_date: present\nrendercv_settings:\n  render_command:\n    output_folder_name: out_here\n    pdf_path: OUTPUT_FOLDER/cv-YEAR.pdf\n    locale_catalog: l.yaml\n    rendercv_settings: s.yaml\n    latex_path: x.tex\n    use_local_latex_command: pdflatex\n    watch: false\n    dont_generate_png: true\n    dont_generate_markdown: true\n    dont_generate_html: true\n' > "$tmp/rc/old/cv.yaml"
expect "RenderCV 2.3's render_command" 0 "$cvpdf" -v "$tmp/rc/old/cv.yaml"
has "... output_folder_name is today's output_folder" "$tmp/err" "'settings.render_command.output_folder_name' is an older RenderCV name; it is now 'settings.render_command.output_folder'"
has "... latex_path left out, said why" "$tmp/err" "'settings.render_command.latex_path' (an older RenderCV's) is left out: cvpdf writes no LaTeX source"
has "... watch left out, said why" "$tmp/err" "'settings.render_command.watch' (an older RenderCV's) is left out: cvpdf follows its inputs with --watch"
[ "$(cd "$tmp/rc/old" && find out_here -type f)" = out_here/cv-2020.pdf ] && pdftotext "$tmp/rc/old/out_here/cv-2020.pdf" - | grep -q "2019 – NOW" &&
  echo "ok   ... written into out_here, set on its settings file's day, in its locale file's words" ||
  { echo "FAIL RenderCV 2.3's render_command: $(cd "$tmp/rc/old" && find . -type f)"; fail=1; }
printf 'cv:\n  name: A B\nsettings:\n  render_command:\n    pdf_pth: x.pdf\n' > "$tmp/rc/cvdir/typo.yaml"
expect "render_command: a misspelt key" 1 "$cvpdf" "$tmp/rc/cvdir/typo.yaml"
has "... is named" "$tmp/err" "typo.yaml:5:5: error: unknown key 'pdf_pth' in 'settings.render_command' (did you mean 'pdf_path'?)"

# RenderCV 1.x: its flat design block, margins and disable_* keys
expect "a RenderCV 1.x file" 0 "$cvpdf" "$src/tests/data/rendercv-1.x.yaml" -o "$tmp/r1.pdf"
has "1.x names counted" "$tmp/err" "older names read with today's meaning"
pdftotext "$tmp/r1.pdf" - | grep -q "John Doe - Page 1 of 1" && echo "ok   1.x page_numbering_style is the footer" || { echo "FAIL 1.x footer"; fail=1; }
[ "$(pdfinfo "$tmp/r1.pdf" | sed -n 's/^Page size: *\([0-9.]*\) x.*/\1/p')" = 612 ] && echo "ok   1.x page_size letterpaper is US letter" || { echo "FAIL 1.x page size"; fail=1; }
"$cvpdf" -q --dump "$src/tests/data/rendercv-1.x.yaml" -o "$tmp/r1.dump"
left=$(awk '/^text/ {if (m == "" || $2 < m) m = $2} END {printf "%.2f", m}' "$tmp/r1.dump")
[ "$left" = 56.69 ] && echo "ok   1.x margins.page.left 2cm: the titles at 56.69pt" || { echo "FAIL 1.x left edge $left"; fail=1; }
pdftotext "$tmp/r23.pdf" - | grep -q "Amazing Grace, as her colleagues" && echo "ok   *Amazing Grace* is text, not a YAML alias" || { echo "FAIL star text"; fail=1; }

# cvpdf schema: a JSON Schema that accepts what cvpdf accepts and flags
# what it refuses; cvpdf new: a starter CV that renders without a warning
expect "cvpdf schema" 0 "$cvpdf" schema -o "$tmp/schema.json"
python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$tmp/schema.json" && echo "ok   the schema is JSON" || { echo "FAIL schema JSON"; fail=1; }
expect "a good CV passes the schema" 0 python3 "$src/tests/tools/schemacheck.py" "$tmp/schema.json" "$src/tests/schema/good.json"
expect "... and renders" 0 "$cvpdf" -q "$src/tests/schema/good.json" -o "$tmp/good.pdf"
expect "a bad CV fails the schema" 1 python3 "$src/tests/tools/schemacheck.py" "$tmp/schema.json" "$src/tests/schema/bad.json"
[ "$(grep -c 'bad.json' "$tmp/out")" = 6 ] && echo "ok   six problems found by the schema" || { echo "FAIL schema problems:"; cat "$tmp/out"; fail=1; }
expect "... and cvpdf refuses it" 1 "$cvpdf" --check "$src/tests/schema/bad.json"
mkdir "$tmp/new"
expect "cvpdf new" 0 sh -c "cd '$tmp/new' && '$cvpdf' new 'Ada Lovelace'"
[ -s "$tmp/new/Ada_Lovelace_CV.yaml" ] && [ -s "$tmp/new/cvpdf-schema.json" ] && head -1 "$tmp/new/Ada_Lovelace_CV.yaml" | grep -q 'schema=cvpdf-schema.json' \
  && echo "ok   starter CV and its schema, linked for editors" || { echo "FAIL cvpdf new files"; ls "$tmp/new"; fail=1; }
expect "the starter renders" 0 "$cvpdf" "$tmp/new/Ada_Lovelace_CV.yaml" -o "$tmp/new/cv.pdf"
[ ! -s "$tmp/err" ] && echo "ok   ... without a warning" || { echo "FAIL starter warnings"; cat "$tmp/err"; fail=1; }
expect "cvpdf new leaves an existing file" 1 sh -c "cd '$tmp/new' && '$cvpdf' new 'Ada Lovelace'"
expect "cvpdf new without a name" 2 "$cvpdf" new
# --watch renders again when the CV changes
cp "$src/tests/golden/ragged.yaml" "$tmp/watched.yaml"
"$cvpdf" -q --watch "$tmp/watched.yaml" -o "$tmp/watched.pdf" 2>"$tmp/watch.err" &
wpid=$!
for i in 1 2 3 4 5 6 7 8 9 10; do [ -s "$tmp/watched.pdf" ] && break; sleep 0.3; done
sed -i 's/name: .*/name: Changed Name/' "$tmp/watched.yaml"
for i in 1 2 3 4 5 6 7 8 9 10; do pdftotext "$tmp/watched.pdf" - 2>/dev/null | grep -q "CHANGED NAME" && break; sleep 0.3; done
kill $wpid 2>/dev/null; wait $wpid 2>/dev/null
pdftotext "$tmp/watched.pdf" - | grep -q "CHANGED NAME" && echo "ok   --watch rendered the change" || { echo "FAIL --watch"; cat "$tmp/watch.err"; fail=1; }

# !include: a file's content in the place of the tag, relative to the file
# it is written in, nested; errors point into the included file; a loop, a
# missing file and a tag on a list are errors at the tag; --watch follows
# an included file
mkdir -p "$tmp/inc/parts"
printf 'cv:\n  name: Ada Lovelace\n  sections:\n    Publications: !include parts/pubs.yaml\n    Talks:\n      - !include parts/talk.yaml\ndesign: !include parts/design.yaml\n' > "$tmp/inc/cv.yaml"
printf -- '- number: Notes on the engine.\n- number: "On the analytical engine [1]."\n' > "$tmp/inc/parts/pubs.yaml"
printf 'name: !include title.yaml\ndate: 1843\n' > "$tmp/inc/parts/talk.yaml"
printf 'A talk on the engine\n' > "$tmp/inc/parts/title.yaml"
printf 'theme: classic\n' > "$tmp/inc/parts/design.yaml"
expect "!include: sections, an entry, a value in an included file, the design" 0 "$cvpdf" "$tmp/inc/cv.yaml" -o "$tmp/inc/cv.pdf"
pdftotext "$tmp/inc/cv.pdf" - | tr '\n' ' ' | grep -q "1. Notes on the engine. 2. On the analytical engine \[1\]. *Talks A talk on the engine" &&
  pdffonts "$tmp/inc/cv.pdf" | grep -q SourceSans3 && echo "ok   ... each in its place" || { echo "FAIL !include: $(pdftotext "$tmp/inc/cv.pdf" - | head -8 | tr '\n' '|')"; fail=1; }
printf -- '- number: ok\n- nmber: x\n' > "$tmp/inc/parts/pubs.yaml"
expect "!include: an error in the included file" 1 "$cvpdf" "$tmp/inc/cv.yaml" -o "$tmp/inc/bad.pdf"
has "... is said at its place there" "$tmp/err" "parts/pubs.yaml:2:3: error: cannot tell the type of this entry from its keys"
has "... with the line quoted" "$tmp/err" "    2 | - nmber: x"
printf -- '- !include ../cv.yaml\n' > "$tmp/inc/parts/pubs.yaml"
expect "!include: a file including itself" 1 "$cvpdf" "$tmp/inc/cv.yaml" -o "$tmp/inc/bad.pdf"
has "... names the chain" "$tmp/err" "pubs.yaml:1:3: error: this would include '$tmp/inc/parts/../cv.yaml' inside itself ($tmp/inc/cv.yaml -> $tmp/inc/parts/pubs.yaml -> $tmp/inc/parts/../cv.yaml)"
printf -- '- !include missing.yaml\n' > "$tmp/inc/parts/pubs.yaml"
expect "!include: a missing file" 1 "$cvpdf" "$tmp/inc/cv.yaml" -o "$tmp/inc/bad.pdf"
has "... at the tag, the path as resolved" "$tmp/err" "pubs.yaml:1:3: error: cannot include '$tmp/inc/parts/missing.yaml': No such file or directory"
printf 'cv:\n  name: A\n  sections: !include [a]\n' > "$tmp/inc/list.yaml"
expect "!include on a list" 1 "$cvpdf" "$tmp/inc/list.yaml" -o "$tmp/inc/bad.pdf"
has "... says it takes a file name" "$tmp/err" "list.yaml:3:13: error: !include takes a file name (a path relative to this file), not a list"
[ ! -e "$tmp/inc/bad.pdf" ] && echo "ok   ... and no output for any of them" || { echo "FAIL wrote bad.pdf"; fail=1; }
printf -- '- number: Notes on the engine.\n' > "$tmp/inc/parts/pubs.yaml"
. "$src/tests/watch.sh"
watch_change "$tmp/inc/cv.yaml" "$tmp/inc/w.pdf" "$tmp/inc/parts/title.yaml" \
  'A changed talk' "A changed talk" "$tmp/watch.err" &&
  echo "ok   --watch follows an included file" || { echo "FAIL --watch and !include"; cat "$tmp/watch.err"; fail=1; }

# variants: --tags keeps what carries one of the tags and what carries
# none; --exclude-tags leaves out; entries, highlights and sections carry
# tags; numbering counts what is kept; a tag nothing carries is said
mkdir -p "$tmp/tg"
cat > "$tmp/tg/cv.yaml" <<'EOF2'
cv:
  name: Ada Lovelace
  sections:
    Experience:
      - company: Analytical Engines Ltd
        position: Programmer
        date: 1843
        tags: [industry]
        highlights:
          - Wrote the first program.
          - {text: "Taught Bernoulli numbers to a machine.", tags: [academic]}
      - company: University
        position: Lecturer
        date: 1844
        tags: academic
    Publications:
      tags: [academic]
      entries:
        - reversed_number: Notes on the engine.
        - reversed_number: "On the engine, after [2]."
          tags: [draft]
    Skills:
      - label: Languages
        details: English, French
EOF2
variant() { "$cvpdf" "$tmp/tg/cv.yaml" -o "$tmp/tg/v.pdf" "$@" 2>"$tmp/err" && pdftotext "$tmp/tg/v.pdf" - | tr -d '\f' | grep -v '^$' | tr '\n' '|'; }
v=$(variant --tags industry)
[ "$v" = "ADA LOVELACE|EXPERIENCE|Analytical Engines Ltd|Programmer|• Wrote the first program.|SKILLS|Languages: English, French|1843|" ] &&
  echo "ok   --tags industry: its entry, not the academic highlight or section" || { echo "FAIL --tags industry: $v"; fail=1; }
v=$(variant --tags academic --exclude-tags draft)
[ "$v" = "ADA LOVELACE|EXPERIENCE|University|Lecturer|PUBLICATIONS|1. Notes on the engine.|SKILLS|Languages: English, French|1844|" ] &&
  echo "ok   --tags academic --exclude-tags draft: the draft left out, numbering of what is kept" || { echo "FAIL --tags academic: $v"; fail=1; }
v=$(variant --exclude-tags=industry,draft)
echo "$v" | grep -q "EXPERIENCE|University|Lecturer|PUBLICATIONS|1. Notes on the engine." && ! echo "$v" | grep -q "Programmer" &&
  echo "ok   --exclude-tags=industry,draft" || { echo "FAIL --exclude-tags: $v"; fail=1; }
v=$(variant)
echo "$v" | grep -q "Programmer|• Wrote the first program.|• Taught Bernoulli" && echo "$v" | grep -q "2. Notes on the engine.|1. On the engine, after \[2\]." &&
  echo "ok   no --tags: everything" || { echo "FAIL without --tags: $v"; fail=1; }
variant --tags industy > /dev/null
has "a tag nothing carries is said" "$tmp/err" "note: nothing in the CV carries the tag 'industy' (--tags)"
expect "--tags with an empty tag" 2 "$cvpdf" "$tmp/tg/cv.yaml" --tags 'a,,b'
has "... a usage error" "$tmp/err" "--tags needs tags separated by commas"
expect "--tags twice" 2 "$cvpdf" "$tmp/tg/cv.yaml" --tags a --tags b
printf 'cv:\n  name: A\n  sections:\n    S:\n      tags: [x]\n' > "$tmp/tg/bad.yaml"
expect "a section mapping without entries" 1 "$cvpdf" "$tmp/tg/bad.yaml" -o "$tmp/tg/bad.pdf"
has "... says what it needs" "$tmp/err" "bad.yaml:5:7: error: a section given as a mapping needs 'entries'"
printf 'cv:\n  name: A\n  sections:\n    S:\n      - bullet: x\n        tags: {a: 1}\n' > "$tmp/tg/bad2.yaml"
expect "tags as a mapping" 1 "$cvpdf" "$tmp/tg/bad2.yaml" -o "$tmp/tg/bad.pdf"
has "... is refused" "$tmp/err" "bad2.yaml:6:15: error: expected a tag (a word such as academic) or a list of tags for 'tags', found a mapping"

# variants: one master file, several outputs in one run (each its tags,
# theme and page count), beside the CV or in -o's folder; -o naming a file
# is refused; --tags on the command line makes one output instead
cp "$tmp/tg/cv.yaml" "$tmp/tg/master.yaml"
cat >> "$tmp/tg/master.yaml" <<'EOF2'
variants:
  - output: cv-academic.pdf
    exclude_tags: [industry, draft]
  - output: resume-industry
    tags: [industry]
    theme: classic
    fit_to_pages: 1
EOF2
expect "variants: two outputs in one run" 0 "$cvpdf" "$tmp/tg/master.yaml"
a=$(pdftotext "$tmp/tg/cv-academic.pdf" - 2>/dev/null | tr -d '\f' | grep -v '^$' | tr '\n' '|')
r=$(pdftotext "$tmp/tg/resume-industry.pdf" - 2>/dev/null | tr -d '\f' | grep -v '^$' | tr '\n' '|')
[ "$a" = "ADA LOVELACE|EXPERIENCE|University|Lecturer|PUBLICATIONS|1. Notes on the engine.|SKILLS|Languages: English, French|1844|" ] &&
  echo "$r" | grep -q "Ada Lovelace|Experience|Analytical Engines Ltd, Programmer|• Wrote the first program.|" &&
  ! echo "$r" | grep -q "Lecturer" && pdffonts "$tmp/tg/resume-industry.pdf" | grep -q SourceSans3 &&
  [ "$(pdfinfo "$tmp/tg/resume-industry.pdf" | awk '/^Pages:/ {print $2}')" = 1 ] &&
  echo "ok   ... each its entries, the résumé in its theme on one page" || { echo "FAIL variants: '$a' '$r'"; fail=1; }
mkdir -p "$tmp/tg/out"
expect "variants into -o's folder" 0 "$cvpdf" "$tmp/tg/master.yaml" -o "$tmp/tg/out/"
[ "$(ls "$tmp/tg/out" | tr '\n' ' ')" = "cv-academic.pdf resume-industry.pdf " ] && echo "ok   ... named by their output" || { echo "FAIL variants -o folder: $(ls "$tmp/tg/out")"; fail=1; }
"$cvpdf" --diagnostics-format json "$tmp/tg/master.yaml" -o "$tmp/tg/out/" 2> "$tmp/json"
grep -q '"results":\[{"file":"[^"]*master.yaml","variant":1,"output":"[^"]*out/cv-academic.pdf"' "$tmp/json" &&
  grep -q '"variant":2,"output":"[^"]*out/resume-industry.pdf"' "$tmp/json" &&
  echo "ok   ... the JSON summary names each variant" || { echo "FAIL variants in the summary: $(cat "$tmp/json")"; fail=1; }
printf -- '- output: x.pdf\n  tags: [industry]\n' > "$tmp/tg/vinc.yaml"
printf 'cv:\n  name: A\nvariants: !include vinc.yaml\n' > "$tmp/tg/vcv.yaml"
expect "variants from an included file" 0 "$cvpdf" "$tmp/tg/vcv.yaml" -o "$tmp/tg/vcv.pdf"
has "... are said not to be made" "$tmp/err" "vinc.yaml:1:1: note: these variants come from an included file, so they are not made"
expect "variants with -o a file" 2 "$cvpdf" "$tmp/tg/master.yaml" -o "$tmp/tg/one.pdf"
has "... a usage error" "$tmp/err" "makes 2 variants: give -o a folder"
expect "variants and --tags" 0 "$cvpdf" "$tmp/tg/master.yaml" --tags academic -o "$tmp/tg/one.pdf"
[ -s "$tmp/tg/one.pdf" ] && echo "ok   ... --tags makes the one output asked for" || { echo "FAIL variants --tags"; fail=1; }
printf 'cv:\n  name: A\nvariants:\n  - output: a/b.pdf\n  - tags: [x]\n' > "$tmp/tg/badv.yaml"
expect "variants: a folder in output, no output" 1 "$cvpdf" "$tmp/tg/badv.yaml"
has "... the first said" "$tmp/err" "badv.yaml:4:13: error: expected a file name for 'output'"
has "... the second said" "$tmp/err" "badv.yaml:5:5: error: a variant needs 'output' (the file it makes)"

# RenderCV 2.8: a phrase's connector word goes with a missing placeholder
printf 'cv:\n  name: x\n  sections:\n    education:\n      - institution: MIT\n        area: Mechanical Engineering\ndesign:\n  theme: engineeringclassic\n' > "$tmp/dwa.yaml"
"$cvpdf" -q "$tmp/dwa.yaml" -o "$tmp/dwa.pdf"
pdftotext "$tmp/dwa.pdf" - | grep -q "^MIT, Mechanical Engineering$" && echo "ok   no degree: 'MIT, Mechanical Engineering', no 'in'" || { echo "FAIL degree phrase:"; pdftotext "$tmp/dwa.pdf" - | head -3; fail=1; }

# A document's bytes do not depend on what the process rendered before it:
# classic opens Open Sans and DejaVu Sans Mono, which engineeringclassic
# also uses, in another order than engineeringclassic opens them
mkdir -p "$tmp/alone" "$tmp/after"
{ cat "$src/examples/themes/cv.yaml"; printf 'design:\n  theme: classic\n'; } > "$tmp/after/a.yaml"
{ cat "$src/examples/themes/cv.yaml"; printf 'design:\n  theme: engineeringclassic\n'; } > "$tmp/alone/b.yaml"
cp "$tmp/alone/b.yaml" "$tmp/after/b.yaml"
SOURCE_DATE_EPOCH=1700000000 "$cvpdf" -q -j 1 "$tmp/alone/b.yaml" -o "$tmp/alone/b.pdf"
SOURCE_DATE_EPOCH=1700000000 "$cvpdf" -q -j 1 "$tmp/after/a.yaml" "$tmp/after/b.yaml" -o "$tmp/after/"
if cmp -s "$tmp/alone/b.pdf" "$tmp/after/b.pdf"; then echo "ok   the same bytes alone and after another CV in one process"; else
  echo "FAIL a CV's bytes depend on the CV rendered before it"; fail=1; fi

# An option that takes one value, given twice, would drop the first
# without a word; options that contradict each other; a SOURCE_DATE_EPOCH
# that is no date; an existing CV as the output (`-o b.yaml` for `b.yaml`)
expect "--style given twice" 2 "$cvpdf" --style a.yaml --style b.yaml x.yaml
has "... named" "$tmp/err" "given twice (say it once): --style"
expect "-o given twice" 2 "$cvpdf" x.yaml -o a.pdf -o b.pdf
has "... named" "$tmp/err" "given twice (say it once): -o/--output"
expect "--fit-pages=N" 0 "$cvpdf" -q --fit-pages=2 "$src/tests/golden/page-break.yaml" -o "$tmp/fit.pdf"
expect "--check with --dump" 2 "$cvpdf" --check --dump "$src/tests/golden/page-break.yaml"
expect "--watch -o -" 2 "$cvpdf" --watch "$src/tests/golden/page-break.yaml" -o -
for v in garbage -1 253402300800 " 5"; do
  expect "SOURCE_DATE_EPOCH='$v'" 2 env SOURCE_DATE_EPOCH="$v" "$cvpdf" "$src/tests/golden/page-break.yaml" -o "$tmp/sde.pdf"
done
has "... named" "$tmp/err" "SOURCE_DATE_EPOCH=' 5' is not a number of seconds since 1970"
[ ! -e "$tmp/sde.pdf" ] && echo "ok   ... no output" || { echo "FAIL ... an output was written"; fail=1; }
echo "keep: me" > "$tmp/other.yaml"
expect "an existing YAML file as -o" 1 "$cvpdf" "$src/tests/golden/page-break.yaml" -o "$tmp/other.yaml"
has "... named" "$tmp/err" "exists and is a YAML file, maybe a CV"
[ "$(cat "$tmp/other.yaml")" = "keep: me" ] && echo "ok   ... left intact" || { echo "FAIL ... overwritten"; fail=1; }
mkdir -p "$tmp/newname"
expect "cvpdf new with a name that is not UTF-8" 2 sh -c "cd '$tmp/newname' && '$cvpdf' new \"\$(printf '\\377')\""
expect "cvpdf new -" 0 sh -c "cd '$tmp/newname' && '$cvpdf' new -"
if [ -f "$tmp/newname/my_CV.yaml" ] && [ ! -e "$tmp/newname/-_CV.yaml" ]; then
  echo "ok   ... writes my_CV.yaml, not a file named like an option"
else echo "FAIL ... wrote: $(ls "$tmp/newname")"; fail=1; fi

# control characters in a text draw nothing and are said to be left out;
# one in a link target unlinks it (it reached the PDF's /URI)
printf 'cv:\n  name: "A\\vB"\n  sections:\n    s:\n      - "[y](https://a.org/\\x01b)"\n' > "$tmp/ctl.yaml"
expect "control characters" 0 "$cvpdf" "$tmp/ctl.yaml" -o "$tmp/ctl.pdf"
has "... in a text: warned" "$tmp/err" "2:9: warning: character U+000B is a control character, which draws nothing; it is left out"
has "... in a link: unlinked" "$tmp/err" "holds a control character: the text is shown without a link"
# as are a C1 control and a bidirectional override (which shows one
# address and follows another); an address beyond ASCII reaches the
# PDF's /URI in 7-bit ASCII (%XX), as PDF wants it
printf 'cv:\n  name: A\n  sections:\n    s:\n      - "[a](https://a.org/\\u202Eb) [b](https://a.org/\\u0085c) [c](https://\\u4f8b.jp/\\u30d1)"\n' > "$tmp/uri.yaml"
expect "an override, a C1 control and Unicode in link targets" 0 "$cvpdf" "$tmp/uri.yaml" -o "$tmp/uri.pdf"
has "... an override: unlinked" "$tmp/err" "link target 'https://a.org/\u202Eb' holds an invisible character (U+202E): the text is shown without a link"
has "... a C1 control: unlinked" "$tmp/err" "link target 'https://a.org/\u0085c' holds a control character (U+0085)"
qpdf --qdf --object-streams=disable "$tmp/uri.pdf" "$tmp/uri.qdf" 2>/dev/null
uris=$(grep -a '/URI [(<]' "$tmp/uri.qdf" | sed 's/^ *//' | tr '\n' ' ')
[ "$uris" = "/URI (https://%E4%BE%8B.jp/%E3%83%91) " ] && echo "ok   ... one link, its address percent-encoded" || { echo "FAIL /URI: $uris"; fail=1; }

# a footer too tall for the page is said to run off it (found by
# fuzzing: its 300 lines ran off the paper without a word)
python3 -c "print('cv:\n  name: A\ndesign:\n  page:\n    show_footer: true\n  templates:\n    footer: \"' + 'x\\\\n' * 300 + 'x\"')" > "$tmp/tallfoot.yaml"
expect "a footer of 300 lines" 0 "$cvpdf" "$tmp/tallfoot.yaml" -o "$tmp/tallfoot.pdf"
has "... said to run off the page" "$tmp/err" "warning: the footer"

# many of a thing cost memory and time in proportion: 5000 social
# networks (each one copied the list of those before it: 1 GiB, then an
# abort) and an entry of 60 000 highlights (each counted the lines before
# it: 10 s of CPU; now 1.6 s, 3.6 s under ASan; CPU time, which a loaded
# machine does not stretch as it does the clock)
{ printf 'cv:\n  name: A\n  social_networks:\n'; seq 5000 | sed 's/.*/    - network: GitHub\n      username: u&/'; } > "$tmp/socials.yaml"
expect "5000 social networks" 0 timeout 20 "$cvpdf" -q "$tmp/socials.yaml" -o "$tmp/socials.pdf"
{ printf 'cv:\n  name: A\n  sections:\n    s:\n      - company: C\n        position: P\n        highlights:\n'; seq 60000 | sed 's/.*/          - h& word word word/'; printf 'design:\n  page:\n    size: a0\n'; } > "$tmp/highlights.yaml"
expect "an entry of 60 000 highlights, in seconds" 0 sh -c "ulimit -t 7; exec timeout 60 '$cvpdf' -q '$tmp/highlights.yaml' -o '$tmp/highlights.pdf'"
rm -f "$tmp/socials.yaml" "$tmp/highlights.yaml" "$tmp/socials.pdf" "$tmp/highlights.pdf"

# a --set value YAML reads as nothing ("---", "|") is meant as written,
# not as the key's removal
printf 'cv:\n  name: A\n  headline: H\n' > "$tmp/set.yaml"
expect "--set cv.headline='|'" 0 "$cvpdf" --set "cv.headline=|" --dump=content "$tmp/set.yaml" -o "$tmp/set.txt"
has "... taken as written" "$tmp/set.txt" "headline |"

# --dump writes the page trace; --dump=lines and --dump=content the others
expect "--dump" 0 "$cvpdf" --dump "$src/tests/golden/page-break.yaml"
has "--dump trace" "$tmp/out" "page 2 595.28 841.89"
expect "--dump=lines" 0 "$cvpdf" --dump=lines "$src/tests/golden/one-entry.yaml"
has "--dump=lines: a line's baseline, start and words" "$tmp/out" "Notes on the Analytical Engine, three times longer than the paper they annotate."
expect "--dump=content" 0 "$cvpdf" --dump=content "$src/tests/golden/one-entry.yaml"
has "--dump=content: the date column's line" "$tmp/out" "    right July 2022 – Mar 2024"
has "--dump=content: the position of an entry" "$tmp/out" "  entry experience 9:9"
expect "--dump=nonsense" 2 "$cvpdf" --dump=nonsense "$src/tests/golden/one-entry.yaml"
has "--dump=nonsense named" "$tmp/err" "--dump= takes pages, lines or content, not nonsense"

# warnings do not change the exit status
printf 'cv:\n  name: "Emoji \360\237\230\200 here"\n' > "$tmp/emoji.yaml"
expect "an emoji (beyond the BMP)" 0 "$cvpdf" "$tmp/emoji.yaml" -o "$tmp/emoji.pdf"
pdftotext "$tmp/emoji.pdf" "$tmp/emoji.txt"
has "... drawn from a font that has it (fonts-symbola), and extracted" "$tmp/emoji.txt" "$(printf "EMOJI \360\237\230\200 HERE")"
printf 'cv:\n  name: "Private \363\260\200\200 use"\n' > "$tmp/pua.yaml"
expect "warning only" 0 "$cvpdf" "$tmp/pua.yaml" -o "$tmp/pua.pdf"
has "a character no font has is warned" "$tmp/err" "2:9: warning: character U+F0000 is in none of the fonts tried"
printf 'cv:\n  name: "A\\uFFFF B"\n' > "$tmp/nonchar.yaml"
expect "a noncharacter is left out" 0 "$cvpdf" "$tmp/nonchar.yaml" -o "$tmp/nonchar.pdf"
has "noncharacter warned" "$tmp/err" "2:9: warning: character U+FFFF is a Unicode noncharacter"
# combining marks: a letter and its accent typed apart become the one
# precomposed character (NFC), found in the font and extracted as such; a
# mark no font composes with its letter is shaped by HarfBuzz (loaded for
# it only) and the word extracts as written
printf 'cv:\n  name: "Zoe\\u0308 Ma\\u0301rquez"\n  sections:\n    about:\n      - "Cafe\\u0301 VA\\u0300 o\\u0302\\u0323 Spin\\u0308al"\n' > "$tmp/marks.yaml"
expect "combining marks" 0 "$cvpdf" "$tmp/marks.yaml" -o "$tmp/marks.pdf"
pdftotext "$tmp/marks.pdf" - | grep -q "$(printf 'Caf\303\251 V\303\200 \341\273\231 Spin\314\210al')" && echo "ok   ... combining marks composed (NFC), or shaped, and extracted" || { echo "FAIL combining marks:"; pdftotext "$tmp/marks.pdf" - | head -4; fail=1; }
# HarfBuzz and fontconfig are loaded only when needed: not for the seed
# (bundled fonts, pairs gpos.c answers), HarfBuzz for combining marks
LD_DEBUG=files "$cvpdf" -q "$src/data/cv.yaml" -o "$tmp/lazy.pdf" 2>"$tmp/lazy"
if grep -q 'file=lib\(harfbuzz\|fontconfig\)' "$tmp/lazy"; then
  echo "FAIL the seed loaded HarfBuzz or fontconfig:"; grep 'file=lib' "$tmp/lazy" | head -5; fail=1
else
  echo "ok   the seed loads neither HarfBuzz nor fontconfig"
fi
LD_DEBUG=files "$cvpdf" -q "$tmp/marks.yaml" -o "$tmp/lazy.pdf" 2>"$tmp/lazy"
grep -q 'file=libharfbuzz' "$tmp/lazy" && echo "ok   ... a combining mark loads HarfBuzz" || { echo "FAIL combining marks did not load HarfBuzz"; fail=1; }
# and the libraries of other scripts stay unloaded for a Latin CV (FriBidi,
# libthai and libunistring are linked from their archives: no file at all)
grep -q 'file=libicu' "$tmp/lazy" && { echo "FAIL a Latin CV loaded ICU"; fail=1; } || echo "ok   ... ICU stays unloaded"
grep -q 'file=libcairo' "$tmp/lazy" && { echo "FAIL a PDF loaded cairo"; fail=1; } || echo "ok   ... and cairo, which only PNG pages load"
LD_DEBUG=files "$cvpdf" -q "$src/tests/scripts/lao-khmer-myanmar.yaml" -o "$tmp/lazy.pdf" 2>"$tmp/lazy"
grep -q 'file=libicuuc' "$tmp/lazy" && echo "ok   ... Khmer text loads ICU (its word dictionaries)" || { echo "FAIL Khmer did not load ICU"; fail=1; }
# --diagnostics-format json: every message a line of JSON, then a summary
# of every file of the run (output, pages, warnings, errors, the first
# error with its position)
mkdir "$tmp/js"
"$cvpdf" --diagnostics-format json "$src/tests/bad/bad-month.yaml" "$src/data/cv.yaml" "$src/tests/golden/long-location.yaml" -o "$tmp/js/" 2>"$tmp/js.err"
st=$?
python3 - "$tmp/js.err" <<'EOF' && [ $st = 1 ] && echo "ok   --diagnostics-format json: messages and a summary, each a line of JSON" || { echo "FAIL --diagnostics-format json (exit $st):"; cat "$tmp/js.err"; fail=1; }
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
err = [l for l in lines if l.get("kind") == "error"]
summ = [l["summary"] for l in lines if "summary" in l]
ok = (len(err) == 1 and err[0]["line"] == 7 and err[0]["column"] == 21 and
      err[0]["file"].endswith("bad-month.yaml") and "month" in err[0]["message"] and
      err[0]["source"].strip() == "start_date: 2021-13" and len(summ) == 1 and
      summ[0]["files"] == 3 and summ[0]["failed"] == 1 and
      [r["ok"] for r in summ[0]["results"]] == [False, True, True] and
      summ[0]["results"][1]["pages"] == 4 and summ[0]["results"][1]["output"].endswith("cv.pdf") and
      summ[0]["results"][1]["spacing"] == 1 and summ[0]["results"][1]["body_size"] == 10.95 and
      # the failed file's first error, where and what, in the summary too
      summ[0]["results"][0].get("error") == err[0] and "error" not in summ[0]["results"][1])
sys.exit(0 if ok else 1)
EOF
"$cvpdf" --diagnostics-format json --fit-pages 3 "$src/data/cv.yaml" -o "$tmp/js/fit.pdf" 2>"$tmp/js.err"
python3 -c "
import json, sys
s = [json.loads(l) for l in open('$tmp/js.err')][-1]['summary']['results'][0]
sys.exit(0 if s['pages'] == 3 and 0.5 < s['spacing'] < 1 else 1)" && echo "ok   ... the summary says what fitting changed (spacing, body size)" || { echo "FAIL fitting in the JSON summary:"; cat "$tmp/js.err"; fail=1; }
expect "--diagnostics-format yaml" 2 "$cvpdf" --diagnostics-format yaml "$src/data/cv.yaml"
has "... names the formats" "$tmp/err" "--diagnostics-format takes text or json"
# ---- "Never silently wrong" ----
# each group: the exit status, the message, nothing written, inputs intact
same() { # description file copy: the file is byte-identical to its copy
  if cmp -s "$2" "$3"; then echo "ok   $1"; else echo "FAIL $1: $2 changed"; fail=1; fi
}
none() { # description folder: nothing but the listed names in the folder
  d=$1; dir=$2; shift 2
  left=$(ls -A "$dir" | grep -vxF "$(printf '%s\n' "$@")")
  if [ -z "$left" ]; then echo "ok   $d"; else echo "FAIL $d: left $left"; fail=1; fi
}
cv1=$src/tests/golden/page-break.yaml
cv2=$src/tests/golden/ragged.yaml

# 1. -o ending in '/' is made with its parents (mkdir -p, 0777 less the
# umask) when there is something to write; an error if it cannot be
expect "-o a missing folder" 0 "$cvpdf" -q "$cv1" "$cv2" -o "$tmp/made/a/b/"
[ -s "$tmp/made/a/b/page-break.pdf" ] && [ -s "$tmp/made/a/b/ragged.pdf" ] && echo "ok   ... made, with its parents, and written into" || { echo "FAIL -o folder not made"; fail=1; }
want=$(printf '%o' $((0777 & ~0$(umask))))
[ "$(stat -c %a "$tmp/made/a")" = "$want" ] && [ "$(stat -c %a "$tmp/made/a/b")" = "$want" ] && echo "ok   ... with mode 0777 less the umask ($want)" || { echo "FAIL folder modes $(stat -c %a "$tmp/made/a")"; fail=1; }
expect "-o a missing folder, one input" 0 "$cvpdf" -q "$cv1" -o "$tmp/made1/"
[ -s "$tmp/made1/page-break.pdf" ] && echo "ok   ... one input into a new folder" || { echo "FAIL -o folder for one input"; fail=1; }
expect "--check makes no folder" 0 "$cvpdf" --check "$cv1" "$cv2" -o "$tmp/notmade/"
[ ! -e "$tmp/notmade" ] && echo "ok   ... and nothing is made" || { echo "FAIL --check made a folder"; fail=1; }
: > "$tmp/plainfile"
expect "-o a folder under a file" 1 "$cvpdf" -q "$cv1" "$cv2" -o "$tmp/plainfile/out/"
has "... explained with the path and the reason" "$tmp/err" "cannot create the output directory '$tmp/plainfile/out/': '$tmp/plainfile': Not a directory"

# 2. an output that is an input (the style file, the photo, a font the CV
# uses, another input of the batch) is refused, and the input kept
mkdir -p "$tmp/in/fonts"
cp "$tmp/style.yaml" "$tmp/in/style.yaml"; cp "$tmp/style.yaml" "$tmp/in/style.orig"
expect "-o the style file" 1 "$cvpdf" -q --style "$tmp/in/style.yaml" "$tmp/styled.yaml" -o "$tmp/in/style.yaml"
has "... names both" "$tmp/err" "the output '$tmp/in/style.yaml' is the style file '$tmp/in/style.yaml'"
same "... style file intact" "$tmp/in/style.yaml" "$tmp/in/style.orig"
cp "$src/tests/data/photo.png" "$tmp/in/photo.png"; cp "$src/tests/data/photo.png" "$tmp/in/photo.orig"
sed 's|photo: .*|photo: photo.png|' "$src/tests/golden/photo.yaml" > "$tmp/in/photo.yaml"
expect "-o the photo (another spelling)" 1 "$cvpdf" -q "$tmp/in/photo.yaml" -o "$tmp/in/./photo.png"
has "... names both" "$tmp/err" "the output '$tmp/in/./photo.png' is the CV's photo '$tmp/in/photo.png'"
same "... photo intact" "$tmp/in/photo.png" "$tmp/in/photo.orig"
cp /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf "$tmp/in/fonts/"
printf 'cv:\n  name: Ada Lovelace\n  sections:\n    summary:\n      - Plain text.\ndesign:\n  typography:\n    font_family: DejaVu Serif\n' > "$tmp/in/font.yaml"
printf '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n' > "$tmp/in/empty.conf"
expect "-o a font the CV uses" 1 env FONTCONFIG_FILE="$tmp/in/empty.conf" "$cvpdf" -q "$tmp/in/font.yaml" -o "$tmp/in/fonts/DejaVuSerif.ttf"
has "... names both" "$tmp/err" "the output '$tmp/in/fonts/DejaVuSerif.ttf' is the font file '$tmp/in/fonts/DejaVuSerif.ttf'"
same "... font intact" "$tmp/in/fonts/DejaVuSerif.ttf" /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf
cp "$cv1" "$tmp/in/b.yaml"; cp "$cv2" "$tmp/in/b.txt"
expect "a batch output that is another input" 1 "$cvpdf" -q -j 1 --dump "$tmp/in/b.yaml" "$tmp/in/b.txt" -o "$tmp/in/"
has "... names both" "$tmp/err" "the output '$tmp/in/b.txt' is another input, '$tmp/in/b.txt'"
same "... that input intact" "$tmp/in/b.txt" "$cv2"
none "... nothing written" "$tmp/in" fonts style.yaml style.orig photo.png photo.orig photo.yaml font.yaml empty.conf b.yaml b.txt

# 3. a FIFO or a device never blocks: refused as the CV, as --style and
# as -o (renaming over it would replace it); '-' and /dev/stdin still read
# a pipe
mkfifo "$tmp/fifo.yaml"
expect "a FIFO as the CV" 1 timeout 10 "$cvpdf" "$tmp/fifo.yaml" -o "$tmp/fifo.pdf"
has "... named" "$tmp/err" "cannot read '$tmp/fifo.yaml': it is a FIFO, not a file"
expect "a FIFO as --style" 1 timeout 10 "$cvpdf" --style "$tmp/fifo.yaml" "$cv1" -o "$tmp/fifo.pdf"
has "... named" "$tmp/err" "cannot read '$tmp/fifo.yaml': it is a FIFO, not a file"
expect "a device as the CV" 1 timeout 10 "$cvpdf" /dev/zero -o "$tmp/fifo.pdf"
has "... named" "$tmp/err" "cannot read '/dev/zero': it is a character device, not a file"
expect "a FIFO as -o" 1 timeout 10 "$cvpdf" -q "$cv1" -o "$tmp/fifo.yaml"
has "... refused" "$tmp/err" "cannot write '$tmp/fifo.yaml': it is a FIFO; the output must be a regular file or a new name"
[ -p "$tmp/fifo.yaml" ] && echo "ok   ... and the FIFO is still there" || { echo "FAIL the FIFO was replaced"; fail=1; }
expect "a device as -o" 1 timeout 10 "$cvpdf" -q "$cv1" -o /dev/full
has "... refused" "$tmp/err" "cannot write '/dev/full': it is a character device; the output must be a regular file or a new name"
[ ! -e "$tmp/fifo.pdf" ] && echo "ok   ... no output" || { echo "FAIL output written"; fail=1; }
expect "/dev/stdin from a pipe" 0 sh -c "cat '$cv1' | '$cvpdf' -q /dev/stdin -o '$tmp/devstdin.pdf'"
expect "-o /dev/stdout into a pipe" 0 sh -c "'$cvpdf' -q '$cv1' -o /dev/stdout | cat > '$tmp/devstdout.pdf'"
[ "$(head -c 5 "$tmp/devstdout.pdf")" = "%PDF-" ] && echo "ok   ... a PDF came through the pipe" || { echo "FAIL -o /dev/stdout"; fail=1; }

# 4. a signal while writing leaves no temporary file (one CV, a batch on
# two workers, --watch), and the process still dies of the signal
if cc -shared -fPIC -o "$tmp/slowwrite.so" "$src/tests/cli/slowwrite.c" -ldl; then
  for how in "TERM one" "INT one" "TERM batch" "INT watch"; do
    set -- $how
    rm -rf "$tmp/sig"; mkdir "$tmp/sig"
    case $2 in
      one) args="$cv1 -o $tmp/sig/x.pdf" ;;
      batch) args="-j 2 $cv1 $cv2 -o $tmp/sig/" ;;
      watch) args="--watch $cv1 -o $tmp/sig/x.pdf" ;;
    esac
    if SLOWWRITE_DIR="$tmp/sig" SLOWWRITE_MARK="$tmp/sigmark" LD_PRELOAD="$tmp/slowwrite.so" \
       ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
       python3 "$src/tests/cli/interrupt.py" "$tmp/sigmark" $1 "$cvpdf" -q $args > "$tmp/out"; then
      echo "ok   SIG$1 during writing ($2) ends cvpdf by the signal"
    else
      echo "FAIL SIG$1 during writing ($2): $(cat "$tmp/out")"; fail=1
    fi
    rm -f "$tmp/sigmark"
    none "... and leaves no temporary file" "$tmp/sig"
  done
else
  echo "FAIL cannot build tests/cli/slowwrite.c"; fail=1
fi

# 5. UTF-16 and UTF-32 files are named as such, not "binary data"
printf '\377\376c\000v\000:\000\n\000' > "$tmp/u16bom.yaml"
printf 'c\000v\000:\000\n\000' > "$tmp/u16le.yaml"
printf '\000c\000v\000:\000\n' > "$tmp/u16be.yaml"
printf '\377\376\000\000c\000\000\000' > "$tmp/u32.yaml"
for f in u16bom u16le u16be; do
  expect "a UTF-16 file ($f)" 1 "$cvpdf" "$tmp/$f.yaml" -o "$tmp/u.pdf"
  has "... explained" "$tmp/err" "$tmp/$f.yaml: error: the file is UTF-16 text: save it as UTF-8"
done
expect "a UTF-32 file" 1 "$cvpdf" "$tmp/u32.yaml" -o "$tmp/u.pdf"
has "... explained" "$tmp/err" "$tmp/u32.yaml: error: the file is UTF-32 text: save it as UTF-8"
expect "a UTF-16 style file" 1 "$cvpdf" --style "$tmp/u16bom.yaml" "$cv1" -o "$tmp/u.pdf"
has "... explained" "$tmp/err" "$tmp/u16bom.yaml: error: the file is UTF-16 text: save it as UTF-8"
expect "a UTF-16 file on standard input" 1 sh -c "'$cvpdf' - < '$tmp/u16le.yaml' > '$tmp/u.pdf'"
has "... explained" "$tmp/err" "<stdin>: error: the file is UTF-16 text: save it as UTF-8"
printf 'cv:\n  name: "A\000B"\n' > "$tmp/nul.yaml"
expect "a NUL byte in UTF-8 text is still binary data" 1 "$cvpdf" "$tmp/nul.yaml" -o "$tmp/u.pdf"
has "... explained" "$tmp/err" "binary data"

# 6. bytes that are not UTF-8 reach the terminal escaped, never as they
# are (0x9B is a terminal's CSI): in a file name, and in a quoted line
expect "a file name that is not UTF-8" 1 "$cvpdf" "$tmp/$(printf 'x\233y').yaml" -o "$tmp/u.pdf"
has "... escaped" "$tmp/err" "cannot open '$tmp/x\x9By.yaml'"
printf 'cv:\n  name: "A\233[2J B"\n' > "$tmp/csi.yaml"
expect "a line that is not UTF-8" 1 "$cvpdf" "$tmp/csi.yaml" -o "$tmp/u.pdf"
has "... quoted with a '?' for the byte" "$tmp/err" '    2 |   name: "A?[2J B"'
if grep -q "$(printf '\233')" "$tmp/err"; then echo "FAIL ... the byte reached the terminal"; fail=1; else echo "ok   ... the byte is not sent"; fi
printf 'cv:\n  n\303\244m\303\251: Zo\303\253\n' > "$tmp/accent.yaml"
# (a key RenderCV 1.13-2.6 took and ignored: a warning, the CV set)
expect "a key beyond ASCII" 0 "$cvpdf" "$tmp/accent.yaml" -o "$tmp/u.pdf"
has "... named as written" "$tmp/err" "$(printf "unknown key 'n\303\244m\303\251' in 'cv'")"
has "... and quoted as written" "$tmp/err" "$(printf '    2 |   n\303\244m\303\251: Zo\303\253')"

# 7. a warning every file of a batch gives is printed once, with a count;
# errors stay with their files
mkdir "$tmp/rep"
for i in 1 2 3; do cp "$tmp/pua.yaml" "$tmp/rep/e$i.yaml"; done
cp "$src/tests/bad/bad-month.yaml" "$tmp/rep/bad1.yaml"; cp "$src/tests/bad/bad-month.yaml" "$tmp/rep/bad2.yaml"
expect "a batch with one warning in every file" 1 "$cvpdf" -j 2 "$tmp/rep/e1.yaml" "$tmp/rep/e2.yaml" "$tmp/rep/e3.yaml" "$tmp/rep/bad1.yaml" "$tmp/rep/bad2.yaml" -o "$tmp/rep/"
[ "$(grep -c 'warning: character U+F0000' "$tmp/err")" = 2 ] && echo "ok   ... the warning printed once (and once in the list of repeats)" || { echo "FAIL repeated warning:"; cat "$tmp/err"; fail=1; }
has "... with a count" "$tmp/err" "it is drawn as an empty box (and in 2 other files)"
[ "$(grep -c "error: invalid date '2021-13'" "$tmp/err")" = 2 ] && echo "ok   ... each file's error printed" || { echo "FAIL errors:"; cat "$tmp/err"; fail=1; }
grep -A2 'bad1.yaml:7:21: error' "$tmp/err" | grep -q '^ *7 | ' && echo "ok   ... an error keeps its quoted line" || { echo "FAIL error quote"; fail=1; }

# 8. --name: Unicode upper and lower case; '/' makes folders under the
# output directory; names that would leave it are refused
printf 'cv:\n  name: Zo\303\253 \303\211lodie Okafor\n' > "$tmp/zoe.yaml"
expect "--name NAME_IN_UPPER_SNAKE_CASE" 0 "$cvpdf" -q "$tmp/zoe.yaml" -o "$tmp/named/" --name NAME_IN_UPPER_SNAKE_CASE
[ -s "$tmp/named/$(printf 'ZO\303\213_\303\211LODIE_OKAFOR').pdf" ] && echo "ok   ... ZOË_ÉLODIE_OKAFOR.pdf" || { echo "FAIL upper case:"; ls "$tmp/named"; fail=1; }
expect "--name NAME_IN_LOWER_KEBAB_CASE" 0 "$cvpdf" -q "$tmp/zoe.yaml" -o "$tmp/named/" --name NAME_IN_LOWER_KEBAB_CASE
[ -s "$tmp/named/$(printf 'zo\303\253-\303\251lodie-okafor').pdf" ] && echo "ok   ... zoë-élodie-okafor.pdf" || { echo "FAIL lower case:"; ls "$tmp/named"; fail=1; }
expect "--name with a folder" 0 "$cvpdf" -q "$tmp/zoe.yaml" "$cv1" -o "$tmp/named/" --name "cvs/NAME_IN_SNAKE_CASE_CV"
[ -s "$tmp/named/cvs/$(printf 'Zo\303\253_\303\211lodie_Okafor')_CV.pdf" ] && echo "ok   ... named/cvs/Zoë_Élodie_Okafor_CV.pdf" || { echo "FAIL --name folder:"; ls -R "$tmp/named"; fail=1; }
for bad in "../NAME" "/tmp/NAME" "a//NAME" "a/./NAME" "NAME/" 'a\NAME'; do
  expect "--name '$bad' refused" 2 "$cvpdf" -q "$tmp/zoe.yaml" -o "$tmp/named/" --name "$bad"
done
has "... explained" "$tmp/err" "'\\' is not a folder separator"

# 9. did you mean; the subcommands' own help
expect "a misspelt option" 2 "$cvpdf" --outptu x.pdf "$cv1"
has "... did you mean" "$tmp/err" "unknown option --outptu; did you mean --output?"
expect "a misspelt option with =" 2 "$cvpdf" --stlye=x.yaml "$cv1"
has "... did you mean" "$tmp/err" "unknown option --stlye=x.yaml; did you mean --style?"
mkdir "$tmp/sub"
for sub in new schema; do
  for h in --help -h; do
    expect "cvpdf $sub $h" 0 sh -c "cd '$tmp/sub' && '$cvpdf' $sub $h"
    has "... its usage" "$tmp/out" "usage: cvpdf $sub"
  done
done
none "... and writes nothing" "$tmp/sub"
expect "cvpdf new, misspelt option" 2 "$cvpdf" new "Ada" --ouput x.yaml
has "... did you mean" "$tmp/err" "did you mean --output?"

# 10. a PDF is not written to a terminal; a --dump is
expect "-o - on a terminal" 2 python3 "$src/tests/cli/onterminal.py" "$cvpdf" "$cv1" -o -
has "... refused" "$tmp/err" "the PDF would be written to the terminal; use -o FILE or redirect"
has "... nothing on the terminal" "$tmp/out" "tty 0"
expect "a piped CV to a terminal" 2 python3 "$src/tests/cli/onterminal.py" --stdin "$cv1" "$cvpdf" -
has "... nothing on the terminal" "$tmp/out" "tty 0"
expect "--dump to a terminal" 0 python3 "$src/tests/cli/onterminal.py" "$cvpdf" --dump "$cv1"
grep -q 'tty [1-9]' "$tmp/out" && echo "ok   ... written" || { echo "FAIL --dump on a terminal"; fail=1; }

# 11. --watch renders again when the photo or a file in the fonts/ folder
# beside the CV changes (each render writes a new file: a new inode)
mkdir "$tmp/in/w"
"$cvpdf" -q --watch "$tmp/in/photo.yaml" "$tmp/in/font.yaml" -o "$tmp/in/w/" 2>"$tmp/watch.err" &
wpid=$!
for i in $(seq 30); do [ -s "$tmp/in/w/photo.pdf" ] && [ -s "$tmp/in/w/font.pdf" ] && break; sleep 0.2; done
inode() { stat -c %i "$1" 2>/dev/null; }
rendered_again() { # description output command...: run the command; the output is written again within 6 s
  d=$1; f=$2; shift 2
  before=$(inode "$f")
  sleep 0.3; "$@"
  for i in $(seq 30); do [ "$(inode "$f")" != "$before" ] && break; sleep 0.2; done
  if [ "$(inode "$f")" != "$before" ]; then echo "ok   $d"; else echo "FAIL $d"; cat "$tmp/watch.err"; fail=1; fi
}
rendered_again "--watch: a changed photo renders again" "$tmp/in/w/photo.pdf" touch "$tmp/in/photo.png"
rendered_again "--watch: a changed font in fonts/ renders again" "$tmp/in/w/font.pdf" touch "$tmp/in/fonts/DejaVuSerif.ttf"
rendered_again "--watch: a font added to fonts/ renders again" "$tmp/in/w/font.pdf" cp /usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf "$tmp/in/fonts/"
kill $wpid 2>/dev/null; wait $wpid 2>/dev/null
exit $fail
