#!/usr/bin/env python3
"""fidelity.py REFDIR [CVPDF]

How closely cvpdf sets another tool's CVs: for each NAME.yaml in REFDIR that
has a NAME.pdf beside it (RenderCV's own PDF of it, say), cvpdf renders
NAME.yaml and the two PDFs are compared line by line, as pdftotext
-bbox-layout reads them:
  pages      the reference's page count and cvpdf's
  agreement  the share of the reference's lines (their words joined by one
             space) that cvpdf sets as the same whole line, in order
  offset     the mean vertical distance, in points, between the tops of
             lines that agree and stand on the same page
  lines      the line agreement's counts
Both are set on the same day: cvpdf is given the reference's creation
date as settings.current_date (its "Last updated" line and time spans
depend on it). Icons (Private Use Area characters, which a reference may
give back as text and cvpdf draws as artifacts) are left out of both.
A hyphenated word that cvpdf extracts whole (ActualText) counts as a line
that differs; so does a stand-in font's other ascent as an offset of the
same size. The project does not ship reference PDFs: RenderCV's examples
and its PDFs of them are public (its repository's examples/ folder).
Targets for RenderCV's nine themes: the same page count, agreement >= 0.95,
offset <= 3 pt.
"""
import difflib
import glob
import os
import re
import subprocess
import sys
import tempfile

LINE = re.compile(r'<line xMin="[\d.]+" yMin="([\d.]+)"[^>]*>(.*?)</line>', re.S)
WORD = re.compile(r"<word[^>]*>([^<]*)</word>")
PAGE = re.compile(r"<page[^>]*>(.*?)</page>", re.S)
PUA = re.compile("[\ue000-\uf8ff]")


def creation_date(pdf):
    """The PDF's creation date as YYYY-MM-DD (pdfinfo -isodates), or None."""
    info = subprocess.run(["pdfinfo", "-isodates", pdf], capture_output=True,
                          text=True).stdout
    m = re.search(r"^CreationDate:\s+(\d{4}-\d{2}-\d{2})", info, re.M)
    return m.group(1) if m else None


def lines(pdf):
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"],
                         capture_output=True, check=True).stdout.decode("utf-8", "replace")
    out = []
    pages = PAGE.findall(xml)
    for pno, page in enumerate(pages):
        for y, body in LINE.findall(page):
            words = [PUA.sub("", w) for w in WORD.findall(body)]
            text = " ".join(w for w in words if w).replace("&amp;", "&").strip()
            if text:
                out.append((text, pno, float(y)))
    return out, len(pages)


def compare(ref_pdf, our_pdf):
    ref, rp = lines(ref_pdf)
    ours, op = lines(our_pdf)
    sm = difflib.SequenceMatcher(None, [t for t, _, _ in ref],
                                 [t for t, _, _ in ours], autojunk=False)
    match, dys = 0, []
    for a, b, n in sm.get_matching_blocks():
        for k in range(n):
            match += 1
            r, o = ref[a + k], ours[b + k]
            if r[1] == o[1]:
                dys.append(abs(r[2] - o[2]))
    return rp, op, match, len(ref), (sum(dys) / len(dys)) if dys else 0.0


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    refdir = sys.argv[1]
    cvpdf = sys.argv[2] if len(sys.argv) > 2 else "build/cvpdf"
    inputs = sorted(y for y in glob.glob(os.path.join(refdir, "*.yaml"))
                    if os.path.exists(y[:-5] + ".pdf"))
    if not inputs:
        sys.exit("fidelity.py: no NAME.yaml with a NAME.pdf in " + refdir)
    print("%-40s %7s %9s %7s %9s" % ("input", "pages", "agreement", "offset", "lines"))
    with tempfile.TemporaryDirectory() as tmp:
        for y in inputs:
            name = os.path.basename(y)[:-5]
            out = os.path.join(tmp, name + ".pdf")
            day = creation_date(y[:-5] + ".pdf")
            args = [cvpdf, "-q", y, "-o", out]
            if day:
                args[2:2] = ["--set", "settings.current_date=" + day]
            r = subprocess.run(args, capture_output=True)
            if r.returncode != 0:
                print("%-40s cvpdf failed: %s" % (name, r.stderr.decode()[:200]))
                continue
            rp, op, match, total, dy = compare(y[:-5] + ".pdf", out)
            print("%-40s %3d/%-3d %9.3f %7.1f %4d/%-4d" %
                  (name, rp, op, match / total if total else 0, dy, match, total))


if __name__ == "__main__":
    main()
