#!/usr/bin/env python3
"""Check that characters drawn in a font have ink where they are drawn.

usage: ink.py DUMP PAGE.pgm FONT-SUBSTRING DPI
DUMP is cvpdf --dump output; PAGE.pgm the first page rasterised by
pdftoppm -gray (binary PGM). For each text operation in a font whose name
holds FONT-SUBSTRING, every character's cell (the operation's width split
evenly; CJK characters are all one em wide) must hold dark pixels.
Prints one line per failure and a summary; exit status 1 on failure."""
import re, sys

def pgm(path):
    data = open(path, 'rb').read()
    parts, pos = [], 0
    while len(parts) < 4:
        m = re.compile(rb'\s*(#[^\n]*\n\s*)*(\S+)').match(data, pos)
        parts.append(m.group(2)); pos = m.end()
    w, h = int(parts[1]), int(parts[2])
    return w, h, data[pos + 1:]

def main():
    dump, page, font, dpi = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    w, h, px = pgm(page)
    k = dpi / 72.0
    chars = bad = 0
    for line in open(dump, encoding='utf-8'):
        if line.startswith('page 2'):
            break
        # the string drawn (its quotes escaped), not an "actual" text after it
        m = re.match(r'text (\S+) (\S+) (\S+) (\S+) (\S+) #\S+ "((?:[^"\\]|\\.)*)"', line)
        if not m or font not in m.group(4):
            continue
        x, y, wd, size = (float(m.group(i)) for i in (1, 2, 3, 5))
        text = m.group(6)
        n = len(text)
        for i, ch in enumerate(text):
            if ch.isspace():
                continue
            chars += 1
            x0, x1 = x + wd * i / n, x + wd * (i + 1) / n
            y0, y1 = y - size * 0.85, y + size * 0.15
            dark = total = 0
            for yy in range(int(y0 * k), int(y1 * k) + 1):
                for xx in range(int(x0 * k), int(x1 * k) + 1):
                    if 0 <= xx < w and 0 <= yy < h:
                        total += 1
                        dark += px[yy * w + xx] < 128
            if total == 0 or dark < 3:
                bad += 1
                print(f'no ink for {ch!r} (U+{ord(ch):04X}) at {x0:.1f},{y:.1f}: '
                      f'{dark} of {total} pixels dark')
    print(f'{chars} characters in {font}, {bad} without ink')
    sys.exit(1 if bad or chars == 0 else 0)

main()
