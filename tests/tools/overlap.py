#!/usr/bin/env python3
"""overlap.py FILE.pdf...: no two words drawn over each other.

Reads each page's word boxes (pdftotext -bbox) and reports every pair of
words whose boxes overlap by more than SLACK points both ways. A box is
the font's full height (ascent to descent), so lines set closer than the
font's own line height touch: the boxes are first cut to their middle
60 % (the letters' bodies) before they are compared. Exit 1 on any overlap,
naming the page, the two words and where they stand.
"""
import re
import subprocess
import sys

SLACK = 0.5
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                  r'yMax="([\d.]+)">(.*?)</word>')
PAGE = re.compile(r"<page[^>]*>(.*?)</page>", re.S)


def overlaps(pdf):
    xml = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True,
                         check=True).stdout.decode("utf-8", "replace")
    found = []
    for pno, page in enumerate(PAGE.findall(xml), 1):
        boxes = []
        for m in WORD.finditer(page):
            x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
            h = y1 - y0
            boxes.append((x0, y0 + 0.2 * h, x1, y1 - 0.2 * h, m.group(5)))
        boxes.sort()
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                if b[0] >= a[2] - SLACK:
                    break  # sorted by left edge: no later box reaches back
                dx = min(a[2], b[2]) - max(a[0], b[0])
                dy = min(a[3], b[3]) - max(a[1], b[1])
                if dx > SLACK and dy > SLACK:
                    found.append("%s page %d: '%s' at (%.1f, %.1f) and '%s' at "
                                 "(%.1f, %.1f)" % (pdf, pno, a[4], a[0], a[1],
                                                   b[4], b[0], b[1]))
    return found


def main():
    bad = []
    for pdf in sys.argv[1:]:
        bad += overlaps(pdf)
    for line in bad[:20]:
        print(line)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
