# watch.sh: sourced by the run-*.sh that try --watch (they set $cvpdf).
# watch_change CV PDF FILE TEXT WANT ERR: `cvpdf --watch CV -o PDF` runs
# (its messages in ERR); once PDF is written, TEXT is written to FILE, and
# the PDF is awaited (4 s at most) until its text holds WANT. Returns 0 if
# it does.
watch_change() {
  "$cvpdf" -q --watch "$1" -o "$2" 2>"$6" &
  wpid=$!
  for i in 1 2 3 4 5 6 7 8 9 10; do [ -s "$2" ] && break; sleep 0.3; done
  sleep 1.1 # (a new modification time)
  printf '%s\n' "$4" > "$3"
  for i in 1 2 3 4 5 6 7 8 9 10 11 12; do pdftotext "$2" - 2>/dev/null | grep -q "$5" && break; sleep 0.3; done
  kill $wpid 2>/dev/null; wait $wpid 2>/dev/null
  pdftotext "$2" - | grep -q "$5"
}
