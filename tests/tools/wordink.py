#!/usr/bin/env python3
"""wordink.py FILE.pdf PAGE.pgm DPI [MIN_WORDS]

Is every word of the PDF's first page drawn where its text layer says? The
word boxes come from poppler (pdftotext -bbox); PAGE.pgm is that page
rasterised (pdftoppm -gray, or mutool draw -c gray: binary PGM) at DPI.
Each box must hold ink (pixels darker than light grey on 2 % of its area
at least, as the thinnest glyphs do), so that text whose font program is broken or misaddressed (glyphs
missing, drawn elsewhere or blank) fails. Prints a summary; exit status 1
if a word has no ink or fewer than MIN_WORDS (default 1) were found."""
import html
import re
import subprocess
import sys


def pgm(path):
    data = open(path, 'rb').read()
    parts, pos = [], 0
    while len(parts) < 4:
        m = re.compile(rb'\s*(#[^\n]*\n\s*)*(\S+)').match(data, pos)
        parts.append(m.group(2))
        pos = m.end()
    w, h = int(parts[1]), int(parts[2])
    return w, h, data[pos + 1:]


def main(argv):
    pdf, page, dpi = argv[1], argv[2], float(argv[3])
    least = int(argv[4]) if len(argv) > 4 else 1
    w, h, px = pgm(page)
    out = subprocess.run(['pdftotext', '-bbox', '-f', '1', '-l', '1', pdf, '-'],
                         capture_output=True, text=True).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                       r'yMax="([\d.]+)">(.*?)</word>', out)
    bad = 0
    k = dpi / 72
    for x0, y0, x1, y1, word in words:
        a, b = int(float(x0) * k), int(float(y0) * k)
        c, d = int(float(x1) * k) + 1, int(float(y1) * k) + 1
        total = dark = 0
        for y in range(max(b, 0), min(d, h)):
            row = px[y * w:(y + 1) * w]
            for x in range(max(a, 0), min(c, w)):
                total += 1
                dark += row[x] < 200
        if not total or dark < max(2, total / 50):
            print('no ink for %r at %s,%s: %d of %d pixels dark'
                  % (html.unescape(word), x0, y0, dark, total))
            bad += 1
    print('%d words, %d without ink' % (len(words), bad))
    return 1 if bad or len(words) < least else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
