#!/usr/bin/env python3
"""quality.py FILE.pdf [FILE.pdf ...]

Typesetting quality of body text measured from a PDF's word boxes
(pdftotext -bbox), so that cvpdf and pdflatex are judged the same way:
  lines        body-text lines (words of the most common height)
  justified    lines that end at the right edge of the text block
  hyphenated   justified lines ending in '-' and continued in lower case,
               plus the words a PDF hyphenates but extracts whole (cvpdf
               wraps the hyphen in ActualText holding the rest of the word,
               so pdftotext shows no '-': those spans are counted instead)
  space max/mean   per justified line, the mean gap between words divided by
               the natural interword space (1/3 em, Computer Modern's), not
               counting gaps after . ? ! : (TeX widens those on purpose)
The body size is taken as 10.95pt (both CVs are set at 11pt).
"""
import re
import subprocess
import sys
import zlib
from collections import Counter

BODY = 10.95
NATURAL = BODY / 3
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                  r'yMax="([\d.]+)">(.*?)</word>')


def pages(path):
    out = subprocess.run(["pdftotext", "-bbox", path, "-"], check=True,
                         capture_output=True).stdout.decode("utf-8", "replace")
    for page in out.split("<page ")[1:]:
        yield [(float(a), float(b), float(c), float(d), w)
               for a, b, c, d, w in WORD.findall(page)]


def actual_text_hyphens(path):
    """Hyphens drawn with an ActualText holding the rest of their word:
    the non-empty ActualText spans of the content streams."""
    data = open(path, "rb").read()
    n = 0
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            s = zlib.decompress(m.group(1))
        except zlib.error:
            continue
        n += len(re.findall(rb"/ActualText\s*(?:\((?:\\.|[^\\)])+\)|"
                            rb"<FEFF[0-9A-Fa-f]+>)", s))
    return n


def measure(path):
    lines_total = justified = hyphenated = 0
    ratios = []
    for words in pages(path):
        heights = Counter(round(w[3] - w[1], 1) for w in words)
        if not heights:
            continue
        body_h = heights.most_common(1)[0][0]
        # body text: words about as tall as the most common height (bold
        # and italic faces may have other ascent and descent values)
        def is_body(w):
            return abs((w[3] - w[1]) - body_h) < 0.12 * body_h
        # rows: words whose vertical centres lie within 2pt (fonts with
        # different descenders give one line different box bottoms)
        rows, last = {}, None
        for w in sorted(words, key=lambda w: (w[1] + w[3]) / 2):
            c = (w[1] + w[3]) / 2
            if last is None or c - last > 2:
                key = c
            rows.setdefault(key, []).append(w)
            last = c
        body_words = [w for w in words if is_body(w)]
        if not body_words:
            continue
        right = max(w[2] for w in body_words)
        keys = sorted(y for y in rows if sum(map(is_body, rows[y])) * 2 > len(rows[y]))
        for i, y in enumerate(keys):
            row = sorted(rows[y])
            lines_total += 1
            # a gap wider than 3 ems is a column gap, not a space
            segs, cur = [], [row[0]]
            for a, b in zip(row, row[1:]):
                if b[0] - a[2] > 3 * BODY:
                    segs.append(cur)
                    cur = [b]
                else:
                    cur.append(b)
            segs.append(cur)
            seg = segs[0]
            if abs(seg[-1][2] - right) > 1.0 or len(seg) < 2:
                continue  # ragged, last line of a paragraph, or beside a date
            justified += 1
            nxt = rows[keys[i + 1]] if i + 1 < len(keys) else None
            if seg[-1][4].endswith("-") and nxt and sorted(nxt)[0][4][:1].islower():
                hyphenated += 1
            # gaps between two body-size words only (a superscript between
            # them, or a sentence end, is not an interword space)
            gaps = [b[0] - a[2] for a, b in zip(seg, seg[1:])
                    if is_body(a) and is_body(b) and
                    not a[4].endswith((".", "?", "!", ":"))]
            if gaps:
                ratios.append(sum(gaps) / len(gaps) / NATURAL)
    return lines_total, justified, hyphenated + actual_text_hyphens(path), ratios


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    for path in argv[1:]:
        n, j, h, r = measure(path)
        mx = max(r) if r else 0
        mean = sum(r) / len(r) if r else 0
        print(f"{path}: body lines {n}, justified {j}, hyphenated {h}, "
              f"interword space max {mx:.2f} mean {mean:.2f} x natural")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
