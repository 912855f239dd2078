#!/bin/sh
# bench/run.sh: speed, size and memory of cvpdf on the seed CV, as ratios
# against baselines measured in the same run on the same machine, and the
# throughput of a batch of 1000 different CVs:
#   pdflatex on bench/seed-cv.tex (the same CV set by LaTeX; one run),
#   cat data/cv.yaml (a process that only starts and reads the file).
# Needs hyperfine and GNU time (apt-get install hyperfine time); pdflatex
# from texlive-latex-extra is optional; valgrind adds instruction counts,
# which are repeatable where times are noisy.
# usage: bench/run.sh [path/to/cvpdf]      (from the repository root)
set -eu
cd "$(dirname "$0")/.."
cvpdf=${1:-build/cvpdf}
# what it cannot run without: say so and fail, rather than print nothing
for tool in hyperfine python3 /usr/bin/time; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "bench/run.sh: $tool is not installed (apt-get install hyperfine time python3)" >&2
    exit 1
  fi
done
[ -x "$cvpdf" ] || { echo "bench/run.sh: no cvpdf at $cvpdf (build it first)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000

mean_ms() { # command... -> mean wall time in ms (hyperfine)
  hyperfine -N --warmup 5 --min-runs "$RUNS" --export-json "$tmp/h.json" "$*" >/dev/null 2>&1
  python3 -c "import json;print('%.2f'%(json.load(open('$tmp/h.json'))['results'][0]['mean']*1000))"
}
peak_kib() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }

RUNS=100
t_cvpdf=$(mean_ms "$cvpdf" -q data/cv.yaml -o "$tmp/cv.pdf")
t_cat=$(mean_ms cat data/cv.yaml)
m_cvpdf=$(peak_kib "$cvpdf" -q data/cv.yaml -o "$tmp/cv.pdf")
s_cvpdf=$(stat -c %s "$tmp/cv.pdf")
echo "cvpdf data/cv.yaml     ${t_cvpdf} ms   peak ${m_cvpdf} KiB   PDF ${s_cvpdf} bytes"
echo "cat data/cv.yaml       ${t_cat} ms   (cvpdf costs $(python3 -c "print('%.1f'%($t_cvpdf/$t_cat))")x a bare process)"
echo "cvpdf --stats: $("$cvpdf" -q --stats data/cv.yaml -o "$tmp/cv.pdf" 2>&1 | sed 's/^[^:]*: //')"

if command -v pdflatex >/dev/null 2>&1; then
  cp bench/seed-cv.tex "$tmp/"
  RUNS=10
  t_tex=$(cd "$tmp" && mean_ms pdflatex -interaction=batchmode seed-cv.tex)
  m_tex=$(cd "$tmp" && peak_kib pdflatex -interaction=batchmode seed-cv.tex)
  s_tex=$(stat -c %s "$tmp/seed-cv.pdf")
  echo "pdflatex seed-cv.tex   ${t_tex} ms   peak ${m_tex} KiB   PDF ${s_tex} bytes"
  python3 -c "print('ratios: cvpdf is %.1fx faster than pdflatex, uses %.1fx less memory, writes a %.1fx smaller PDF' % ($t_tex/$t_cvpdf, $m_tex/$m_cvpdf, $s_tex/$s_cvpdf))"
  # The two means above are taken a few seconds apart, and this machine's
  # speed drifts by 20 % within a minute: the speed ratio again, from five
  # rounds that each time both (cvpdf 40 runs, pdflatex 4), and its median.
  ratios=""
  for round in 1 2 3 4 5; do
    RUNS=40
    a=$(mean_ms "$cvpdf" -q data/cv.yaml -o "$tmp/cv.pdf")
    RUNS=4
    b=$(cd "$tmp" && mean_ms pdflatex -interaction=batchmode seed-cv.tex)
    ratios="$ratios $(python3 -c "print('%.1f' % ($b/$a))")"
  done
  python3 -c "import statistics as s; r=[float(x) for x in '$ratios'.split()]; print('speed ratio in 5 interleaved rounds:%s; median %.1fx' % ('$ratios', s.median(r)))"
  echo "typesetting quality, measured the same way on both PDFs (bench/quality.py):"
  python3 bench/quality.py "$tmp/cv.pdf" "$tmp/seed-cv.pdf" | sed "s|$tmp/||"
  echo "pdflatex's log: $(grep -c '^Overfull' "$tmp/seed-cv.log") overfull, $(grep -c '^Underfull' "$tmp/seed-cv.log") underfull boxes"
else
  echo "pdflatex not installed: no LaTeX baseline (apt-get install texlive-latex-extra lmodern)"
fi

# what tags cost (PDF/UA, the default) against --pdf-standard none: bytes,
# and time in five interleaved rounds (the median ratio); the budget is 10 %
"$cvpdf" -q --pdf-standard none data/cv.yaml -o "$tmp/plain.pdf"
s_plain=$(stat -c %s "$tmp/plain.pdf")
ratios=""
for round in 1 2 3 4 5; do
  RUNS=40
  a=$(mean_ms "$cvpdf" -q data/cv.yaml -o "$tmp/cv.pdf")
  b=$(mean_ms "$cvpdf" -q --pdf-standard none data/cv.yaml -o "$tmp/plain.pdf")
  ratios="$ratios $(python3 -c "print('%.3f' % ($a/$b))")"
done
python3 -c "import statistics as s; r=[float(x) for x in '$ratios'.split()]; print('tags: PDF %d bytes, untagged %d (%+.1f %%); time tagged/untagged in 5 rounds:%s, median %+.1f %%' % ($s_cvpdf, $s_plain, 100*($s_cvpdf/$s_plain-1), '$ratios', 100*(s.median(r)-1)))"

# what reading the publications from BibTeX costs: the seed from
# examples/academic/papers.bib (btparse in a child process) against the
# seed written out (data/cv.yaml), the same words; five interleaved rounds
ratios=""
for round in 1 2 3 4 5; do
  RUNS=40
  a=$(mean_ms "$cvpdf" -q examples/academic/cv.yaml --exclude-tags industry -o "$tmp/bib.pdf")
  b=$(mean_ms "$cvpdf" -q data/cv.yaml -o "$tmp/cv.pdf")
  ratios="$ratios $(python3 -c "print('%.3f' % ($a/$b))")"
done
python3 -c "import statistics as s; r=[float(x) for x in '$ratios'.split()]; print('bibtex: the seed from papers.bib / written out, in 5 rounds:%s, median %+.1f %%' % ('$ratios', 100*(s.median(r)-1)))"

# a batch of 1000 different CVs, all cores (bench/variants.py makes them)
python3 bench/variants.py 1000 "$tmp/batch"
mkdir "$tmp/batch-out"
cores=$(nproc)
times=""
for round in 1 2 3; do # three times: the median, as the machine drifts
  start=$(date +%s.%N)
  "$cvpdf" -q "$tmp"/batch/*.yaml -o "$tmp/batch-out/"
  end=$(date +%s.%N)
  times="$times $(python3 -c "print($end - $start)")"
done
python3 -c "import statistics as s; t=[float(x) for x in '$times'.split()]; m=s.median(t); print('batch of 1000 different CVs on %d cores: %s s, median %.2f s, %.0f CVs per second' % ($cores, ' '.join('%.2f' % x for x in t), m, 1000/m))"

# cost grows linearly: the seed's sections ten times over
python3 - "$tmp/long.yaml" <<'PY'
import re, sys
text = open('data/cv.yaml', encoding='utf-8').read()
head, sections = text.split('  sections:\n', 1)
body, rest = re.split(r'^(?=\S)', sections, 1, flags=re.M) if re.search(r'^\S', sections, re.M) else (sections, '')
copies = ''.join(re.sub(r'^(    )(\S[^:\n]*):', lambda m: '%s%s %d:' % (m.group(1), m.group(2), i), body, flags=re.M) for i in range(10))
open(sys.argv[1], 'w', encoding='utf-8').write(head + '  sections:\n' + copies + rest)
PY
RUNS=10
t_long=$(mean_ms "$cvpdf" -q "$tmp/long.yaml" -o "$tmp/long.pdf")
python3 -c "print('ten times the seed: %.2f ms, %.1fx the seed (%d pages)' % ($t_long, $t_long/$t_cvpdf, $(pdfinfo "$tmp/long.pdf" | sed -n 's/^Pages: *//p')))"

if command -v valgrind >/dev/null 2>&1; then
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$cvpdf" -q data/cv.yaml -o "$tmp/cv.pdf" 2>"$tmp/vg" || true
  ir=$(sed -n 's/.*Collected : *//p' "$tmp/vg")
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg2" cat data/cv.yaml 2>"$tmp/vg2" >/dev/null || true
  ir_cat=$(sed -n 's/.*Collected : *//p' "$tmp/vg2")
  echo "instructions: cvpdf ${ir}, cat ${ir_cat}"
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg4" "$cvpdf" -q --pdf-standard none data/cv.yaml -o "$tmp/plain.pdf" 2>"$tmp/vg4" || true
  ir_plain=$(sed -n 's/.*Collected : *//p' "$tmp/vg4")
  python3 -c "print('instructions untagged: %s (tags %+.1f %%)' % ('$ir_plain', 100*($ir/$ir_plain-1)))"
  if command -v pdflatex >/dev/null 2>&1; then
    (cd "$tmp" && valgrind --tool=callgrind --callgrind-out-file="$tmp/cg3" \
       pdflatex -interaction=batchmode seed-cv.tex 2>"$tmp/vg3" >/dev/null) || true
    ir_tex=$(sed -n 's/.*Collected : *//p' "$tmp/vg3")
    python3 -c "print('instructions: pdflatex %s, %.1fx cvpdf (noise-free, but blind to the kernel: page faults and process start)' % ('$ir_tex', $ir_tex/$ir))"
  fi
fi
