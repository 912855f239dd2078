#!/usr/bin/env python3
"""cvtext.py INPUT FILE.pdf DUMP

Is every piece of text of a JSON Resume (.json) or YAMLResume (.yaml) file
in the PDF cvpdf made of it? Every string value of INPUT is read (JSON with
the json module; YAML with a small reader of the block style the samples
in tests/dialects use), and:

- its words (runs of letters and digits, Markdown markup aside) must all be
  among the words pdftotext gets from FILE.pdf (case aside: titles may be
  set in capitals);
- a web address must be the target of a link in DUMP (cvpdf --dump), as
  must the target of a [text](address) link inside a string;
- a date must give its year; a phone number its digits.

Values that are not meant to be shown are skipped: $schema, meta, the
photo's file name, street address and postal code, a project's type,
profile network names, layouts and locale (except the section aliases).

Prints what is missing; exits 1 if anything is.
"""
import json
import re
import subprocess
import sys

WORD = re.compile(r"\w+")
LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")
DATE_KEYS = {"startDate", "endDate", "date", "releaseDate"}
SKIP = re.compile(
    r"^(\$schema|meta\..*|basics\.image|(basics\.|content\.)?location\."
    r"(address|postalCode)|.*\.location\.(address|postalCode)|"
    r".*projects\.type|.*profiles\.network|layouts\.(?!.*aliases).*|"
    r"locale\..*)$")


def yaml_values(text):
    """(path, value) of every scalar of a block-style YAML file: mappings,
    lists of scalars or of mappings, plain/quoted scalars, | blocks."""
    out = []
    stack = []  # (indent, path) of open containers
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        raw = lines[i]
        i += 1
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        body = raw.strip()
        while stack and stack[-1][0] >= indent:
            stack.pop()
        path = stack[-1][1] if stack else ""
        if body.startswith("- ") or body == "-":
            body = body[2:].strip()
            indent += 2  # the item's keys sit here
            if not body:
                continue
            if not re.match(r"^[\w$]+:( |$)", body):
                out.append((path, unquote(body)))
                continue
            stack.append((indent - 1, path))
        m = re.match(r"^([\w$]+):\s*(.*)$", body)
        if not m:
            continue
        key, val = m.group(1), m.group(2)
        kp = (path + "." if path else "") + key
        if val in ("|", ">", "|-", ">-"):
            block = []
            while i < len(lines) and (not lines[i].strip() or
                                      len(lines[i]) - len(lines[i].lstrip(" ")) > indent):
                block.append(lines[i].strip())
                i += 1
            out.append((kp, "\n".join(block)))
        elif val:
            out.append((kp, unquote(val)))
        else:
            stack.append((indent, kp))
    return out


def unquote(s):
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "\"'":
        return s[1:-1]
    return s


def json_values(obj, path=""):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from json_values(v, (path + "." if path else "") + k)
    elif isinstance(obj, list):
        for v in obj:
            yield from json_values(v, path)
    elif obj is not None:
        yield path, str(obj)


def bare(url):
    url = re.sub(r"^https?://", "", url.strip())
    url = re.sub(r"^www\.", "", url)
    return url.rstrip("/")


def main(argv):
    if len(argv) != 4:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    src = open(argv[1], encoding="utf-8").read()
    values = (list(json_values(json.loads(src))) if argv[1].endswith(".json")
              else yaml_values(src))
    run = subprocess.run(["pdftotext", "-enc", "UTF-8", argv[2], "-"],
                         capture_output=True, check=True)
    pdf_text = run.stdout.decode("utf-8", "replace")
    words = {w.casefold() for w in WORD.findall(pdf_text)}
    digits = re.sub(r"\D", "", pdf_text)
    links = set()
    for line in open(argv[3], encoding="utf-8"):
        if line.startswith("link "):
            target = line.rstrip("\n").split(" ", 5)[5]
            links.add(bare(json.loads(target)))
    missing = []
    checked = 0
    for path, value in values:
        key = path.rsplit(".", 1)[-1]
        if SKIP.match(path) or not value.strip():
            continue
        checked += 1
        if key in DATE_KEYS:
            year = re.search(r"\d{4}", value)
            if year and year.group(0) not in words:
                missing.append(f"{path}: year of {value!r}")
            continue
        if key == "phone":
            if re.sub(r"\D", "", value).lstrip("0")[-7:] not in digits:
                missing.append(f"{path}: {value!r}")
            continue
        if re.match(r"^https?://", value.strip()):
            if bare(value) not in links:
                missing.append(f"{path}: no link to {value!r}")
            continue
        for _text, url in LINK.findall(value):
            if bare(url) not in links:
                missing.append(f"{path}: no link to {url!r}")
        shown = LINK.sub(r"\1", value)
        lost = [w for w in WORD.findall(shown) if w.casefold() not in words]
        if lost:
            missing.append(f"{path}: {' '.join(lost)} (of {value!r})")
    print(f"{checked} values checked, {len(missing)} missing")
    for m in missing:
        print("missing", m)
    return 1 if missing or checked < 20 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
