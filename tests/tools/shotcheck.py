#!/usr/bin/env python3
"""shotcheck.py SHOT.png DOM.html SCALE NAME TITLE...: does a browser's
screenshot of the HTML output show the name and every section title where
the page's layout puts them?

DOM.html is Chromium's --dump-dom of the page with a probe script added
(run-formats.sh), whose body carries data-rects: each h1 and h2 with its
text and box in CSS pixels. Checks that the h1 is NAME and comes first,
that the h2s are the TITLEs in order, top to bottom, inside the page's
width, and that the screenshot (taken at SCALE device pixels a CSS pixel)
has ink (dark pixels) in each of those boxes (the box of the text itself) and none in a box-sized band
of the margin beside the name. Prints what it found; exits 1 on a
failure."""
import html, json, re, sys

sys.path.insert(0, __import__("os").path.dirname(__file__))
from pngink import png  # noqa: E402

shot, dom, scale, name, titles = (sys.argv[1], sys.argv[2],
                                  float(sys.argv[3]), sys.argv[4],
                                  sys.argv[5:])
m = re.search(r'data-rects="([^"]*)"', open(dom, encoding="utf-8").read())
rects = json.loads(html.unescape(m.group(1))) if m else []
w, h, bpp, rows = png(shot)
fails = []


def ink(x, y, bw, bh):
    """Share of the box's pixels darker than mid-grey."""
    x0, y0 = int(x * scale), int(y * scale)
    x1, y1 = int((x + bw) * scale), int((y + bh) * scale)
    dark = total = 0
    for yy in range(max(y0, 0), min(y1, h)):
        row = rows[yy]
        for xx in range(max(x0, 0), min(x1, w)):
            px = row[xx * bpp:xx * bpp + 3] if bpp >= 3 else row[xx:xx + 1] * 3
            total += 1
            dark += sum(px) < 3 * 128
    return dark / total if total else 0.0


if not rects or rects[0][0] != "H1" or rects[0][1] != name:
    fails.append("first heading %r, expected the name %r" % (rects[:1], name))
h2 = [r for r in rects if r[0] == "H2"]
if [r[1] for r in h2] != titles:
    fails.append("section titles %s" % [r[1] for r in h2])
tops = [r[3] for r in rects]
if tops != sorted(tops):
    fails.append("headings not top to bottom: %s" % tops)
page_w = w / scale
for tag, text, x, y, bw, bh in rects:
    if x < 0 or x + bw > page_w + 1 or bh <= 0:
        fails.append("%s %r outside the page (%d+%d of %d)" % (tag, text, x, bw, page_w))
    share = ink(x, y, bw, bh)
    if share < 0.01:
        fails.append("no ink where %s %r is (%.3f)" % (tag, text, share))
if rects:  # the margin left of the name: blank
    tag, text, x, y, bw, bh = rects[0]
    if x > 20 and ink(0, y, x - 10, bh) > 0.001:
        fails.append("ink in the margin beside the name")
print("; ".join(fails) if fails else
      "%dx%d screenshot: the name and %d section titles in order, each drawn where the layout puts it"
      % (w, h, len(h2)))
sys.exit(1 if fails else 0)
