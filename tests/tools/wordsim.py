#!/usr/bin/env python3
"""wordsim.py REFERENCE.txt FILE.pdf [MIN_RATIO]

Does FILE.pdf give back the words of REFERENCE.txt, in order, the way a
reader copying its text (or an applicant-tracking system) gets them through
poppler's pdftotext? Words are runs of letters and digits; Markdown/HTML
remnants of the reference ([x](#), <tags>) are ignored.

Prints: ratio (difflib's 2M/T over the two word sequences), word counts and
the number of reference words missing from the PDF altogether. Exits 1 if
the ratio is below MIN_RATIO (default 0.98) or any word is missing.
"""
import difflib
import re
import subprocess
import sys
from collections import Counter

WORD = re.compile(r"\w+")


def reference_words(text):
    text = re.sub(r"\]\(#\)", "]", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return WORD.findall(text)


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    minimum = float(argv[3]) if len(argv) > 3 else 0.98
    ref = reference_words(open(argv[1], encoding="utf-8").read())
    run = subprocess.run(["pdftotext", "-enc", "UTF-8", argv[2], "-"],
                         capture_output=True, check=True)
    got = WORD.findall(run.stdout.decode("utf-8", "replace"))
    ratio = difflib.SequenceMatcher(None, ref, got, autojunk=False).ratio()
    missing = Counter(ref) - Counter(got)
    print(f"ratio {ratio:.3f} reference_words {len(ref)} pdf_words {len(got)} "
          f"missing {sum(missing.values())}")
    if missing:
        print("missing:", " ".join(sorted(missing.elements())))
    if run.stderr:
        sys.stderr.write(run.stderr.decode("utf-8", "replace"))
    return 0 if ratio >= minimum and not missing and not run.stderr else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
