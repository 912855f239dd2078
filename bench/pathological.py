#!/usr/bin/env python3
"""pathological.py [CVPDF]: valid but extreme CVs must render (exit 0, maybe
with warnings), within a time bound, in about linear time: each case is run
at two sizes and the time ratio is printed next to the size ratio."""
import os
import subprocess
import sys
import tempfile
import time

CVPDF = sys.argv[1] if len(sys.argv) > 1 else "build/cvpdf"
BOUND = 20.0  # seconds for the larger size


def entries(n):
    body = "".join(f"      - company: Company {i}\n        position: Engineer\n"
                   f"        start_date: 2020-01\n        end_date: 2021-01\n"
                   f"        highlights:\n          - Did thing number {i} well.\n"
                   for i in range(n))
    return f"cv:\n  name: Many\n  sections:\n    experience:\n{body}"


def long_word(n):
    return f'cv:\n  name: Word\n  sections:\n    s:\n      - "a {"x" * n} b"\n'


def tall_cell(n):
    items = "".join(f'                  - "item {i} of a cell taller than a page"\n'
                    for i in range(n))
    return ("cv:\n  name: Cell\n  sections:\n    s:\n      - table:\n"
            "          rows:\n            - heading: Tall\n              cells:\n"
            f"                -\n{items}")


def unmatched(n):
    return f'cv:\n  name: Marks\n  sections:\n    s:\n      - "{"*[_`^ " * n}"\n'


def nesting(n):
    lines = ["cv:", "  name: Deep", "  sections:", "    s:", "      - bullet: level 0"]
    ind = "        "
    for i in range(1, n):
        lines.append(f"{ind}highlights:")
        lines.append(f"{ind}  - bullet: level {i}")
        ind += "    "
    return "\n".join(lines) + "\n"


CASES = [("10 000 entries", entries, 1000, 10000),
         ("a 5 000-character word", long_word, 500, 5000),
         ("a table cell taller than a page", tall_cell, 40, 400),
         ("1 000 unmatched * [ _ ` ^", unmatched, 100, 1000),
         ("50 levels of nested bullets", nesting, 5, 50)]


def run(text):
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "cv.yaml")
        with open(src, "w") as f:
            f.write(text)
        t = time.perf_counter()
        p = subprocess.run([CVPDF, "-q", src, "-o", os.path.join(d, "cv.pdf")],
                           capture_output=True, timeout=60)
        return p.returncode, time.perf_counter() - t, p.stderr.decode()


def main():
    failed = 0
    for name, make, small, big in CASES:
        c1, t1, _ = run(make(small))
        c2, t2, err = run(make(big))
        growth = t2 / t1 if t1 > 0 else 0
        ok = c1 == 0 and c2 == 0 and t2 < BOUND
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {t2 * 1000:.0f} ms "
              f"(x{big // small} input -> x{growth:.1f} time), exit {c2} {err[:200]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
