#!/usr/bin/env python3
"""citecheck.py FILE.pdf: does every citation link where it should?

Every "[n]" the PDF's text holds (pdftotext) is covered by a link
annotation whose destination is on the page of publication n (the word
"n." of the numbered list, found with pdftotext -bbox), at most a line
above the top of that word and not below it; no "[n]" is left without a link. Prints the counts; exits 1 on
a failure."""
import json, re, subprocess, sys

pdf = sys.argv[1]
q = json.loads(subprocess.run(["qpdf", "--json=2", pdf], capture_output=True,
                              text=True, check=True).stdout)
objs = {k[4:] if k.startswith("obj:") else k: v.get("value", v)
        for k, v in q["qpdf"][1].items()}
pages = [p["object"] for p in json.loads(subprocess.run(
    ["qpdf", "--json=2", "--json-key=pages", pdf], capture_output=True,
    text=True, check=True).stdout)["pages"]]
heights = [objs[p].get("/MediaBox", objs[objs[p]["/Parent"]].get("/MediaBox"))[3]
           for p in pages]

# the words, with their boxes, page by page
bbox = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True,
                      text=True, check=True).stdout
words, page = [], -1
for line in bbox.splitlines():
    if line.strip().startswith("<page"):
        page += 1
    m = re.match(r'\s*<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
    if m:
        words.append((page, float(m.group(1)), float(m.group(2)),
                      float(m.group(3)), float(m.group(4)), m.group(5)))
labels = {}  # n -> (page, top) of "n." in the left margin
for pg, x0, y0, x1, y1, w in words:
    m = re.fullmatch(r"(\d+)\.", w)
    if m and x0 < 80 and int(m.group(1)) not in labels:
        labels[int(m.group(1))] = (pg, y0)

links = []  # (page, rect in top-down coordinates, n, dest page, dest top)
for pi, p in enumerate(pages):
    for a in objs[p].get("/Annots", []):
        ad = objs.get(a, a) if isinstance(a, str) else a
        d = ad.get("/Dest")
        if ad.get("/Subtype") != "/Link" or d is None:
            continue
        d = objs.get(d, d) if isinstance(d, str) else d
        x0, y0, x1, y1 = ad["/Rect"]
        c = re.search(r"(\d+)$", ad.get("/Contents", ""))
        links.append((pi, (x0, heights[pi] - y1, x1, heights[pi] - y0),
                      int(c.group(1)) if c else -1, pages.index(d[0]),
                      heights[pages.index(d[0])] - d[2]))
fails = []
cites = 0
for pg, x0, y0, x1, y1, w in words:
    for m in re.finditer(r"\[(\d+)\]", w):
        n = int(m.group(1))
        if n not in labels:
            continue
        cites += 1
        # the link over "[n]" (its place in the word, by characters: "[1][2]"
        # is one word), which need not say what it leads to
        cy = (y0 + y1) / 2
        cx = x0 + (x1 - x0) * (m.start() + m.end()) / 2 / len(w)
        hit = [l for l in links if l[0] == pg and l[1][1] <= cy <= l[1][3]
               and l[1][0] <= cx <= l[1][2]]
        if not hit:
            fails.append("[%d] on page %d has no link to %d" % (n, pg + 1, n))
            continue
        dpage, dtop = hit[0][3], hit[0][4]
        lpage, ltop = labels[n]
        if dpage != lpage or not (ltop - 20 <= dtop <= ltop):
            fails.append("[%d] leads to page %d at %.0f; %d. is on page %d at %.0f"
                         % (n, dpage + 1, dtop, n, lpage + 1, ltop))
print("%d citations of %d numbered entries, %d internal links: %s"
      % (cites, len(labels), len(links),
         "; ".join(fails[:5]) if fails else "each to its entry's page and line"))
sys.exit(1 if fails or not cites else 0)
