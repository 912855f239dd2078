#!/bin/sh
# Runs each libFuzzer target for SECONDS (default 15) on a corpus seeded from
# the repository's YAML files. A crash, leak, sanitizer report or broken
# invariant stops the target and fails the run; the reproducer is kept in
# the work folder (TARGET-crash-*, -leak-*, -timeout-*) and printed as base64.
# usage: run-fuzz.sh BUILD_DIR SOURCE_DIR [SECONDS]
# A long run: tests/run-fuzz.sh build-fuzz . 3600   (an hour per target)
# FUZZ_TARGETS="load pages" runs only those; FUZZ_SEEDS=DIR adds DIR's
# files to the YAML targets' corpora (inputs found elsewhere).
set -u
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
secs=${3:-15}
work=${FUZZ_DIR:-$(mktemp -d)}
fail=0
for t in ${FUZZ_TARGETS:-markup values load pages subset text bib upgrade}; do
  corpus="$work/corpus-$t"
  mkdir -p "$corpus"
  case $t in
  values)
    for v in 10pt 0.5em 2.54cm 1in 25mm "#07608F" "#abc" "rgb(0, 79, 144)" \
             "hsl(120, 100%, 25%)" midnightblue 2021-09 2020-02-29 present 2021; do
      printf '%s' "$v" > "$corpus/$(printf '%s' "$v" | md5sum | cut -c1-12)"
    done ;;
  bib) # the repository's .bib files
    for b in $(find "$src/examples" "$src/tests" -name '*.bib'); do
      cp "$b" "$corpus/$(printf '%s' "$b" | md5sum | cut -c1-12).bib"
    done ;;
  subset) # 64 bytes of glyph ids, then a bundled font
    for f in "$src"/fonts/cmu/*.ttf; do
      { head -c 64 /dev/zero | tr '\0' '\1'; cat "$f"; } > "$corpus/$(basename "$f")"
    done ;;
  *)
    for y in "$src"/data/*.yaml "$src"/examples/*.yaml "$src"/tests/golden/*.yaml \
             "$src"/tests/bad/*.yaml "$src"/tests/dialects/*.json "$src"/tests/upgrade/*.yaml \
             "$src"/tests/dialects/*.yaml ${FUZZ_SEEDS:+"$FUZZ_SEEDS"/*}; do
      [ -f "$y" ] && cp "$y" "$corpus/$(basename "$y")"
    done ;;
  esac
  maxlen=65536
  [ $t = subset ] && maxlen=1048576 # whole fonts
  log="$work/fuzz-$t.log"
  (cd "$work" && ASAN_OPTIONS=detect_leaks=1 "$build/tests/fuzz_$t" \
      -max_total_time="$secs" -max_len=$maxlen -timeout=10 -rss_limit_mb=2048 \
      -dict="$src/tests/fuzz/cvpdf.dict" -print_final_stats=1 -artifact_prefix="$work/$t-" "$corpus" \
      > "$log" 2>&1)
  code=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  if [ $code -eq 0 ]; then
    echo "ok   fuzz_$t: ${runs:-?} runs in ${secs}s, no finding"
  else
    echo "FAIL fuzz_$t (exit $code):"; grep -E "ERROR|runtime error|SUMMARY|Test unit written" "$log" | head -20
    # the reproducer, also as base64 for a machine that is gone (CI)
    for a in "$work/$t"-*; do
      [ -f "$a" ] || continue
      echo "reproducer kept: $a (base64 below; run: build/tests/fuzz_$t FILE)"
      [ "$(stat -c %s "$a")" -le 65536 ] && base64 "$a"
    done
    fail=1
  fi
done
# a failed run keeps its folder: the reproducers are in it
[ -n "${FUZZ_DIR:-}" ] || [ $fail -ne 0 ] || rm -rf "$work"
exit $fail
