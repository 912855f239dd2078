#!/usr/bin/env python3
"""unicodecheck.py FILE.pdf: does every glyph code shown in the pages'
text map to Unicode through its font's ToUnicode CMap (PDF/A-2u's rule
6.2.11.7.2)? Reads the file through qpdf's JSON; prints the codes shown
and those without a mapping; exits 1 if there is one."""
import base64, json, re, subprocess, sys

out = subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=inline",
                      "--decode-level=generalized", sys.argv[1]],
                     capture_output=True, text=True, check=True).stdout
objs = json.loads(out)["qpdf"][1]
get = lambda r: objs.get("obj:" + r, {})


def cmap_codes(ref):
    text = base64.b64decode(get(ref)["stream"]["data"]).decode("latin-1")
    codes = set()
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            if dst:
                codes.add(int(code, 16))
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for a, b in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<", block):
            codes.update(range(int(a, 16), int(b, 16) + 1))
    return codes


def strings(data):
    """(font resource, string bytes) of every shown string, in order."""
    font, i, n, depth_d = None, 0, len(data), 0
    while i < n:
        c = data[i]
        if c == ord("("):
            j, depth, buf = i + 1, 1, bytearray()
            while j < n:
                ch = data[j]
                if ch == ord("\\"):
                    nx = data[j + 1]
                    buf.append({ord("n"): 10, ord("r"): 13, ord("t"): 9}.get(nx, nx))
                    j += 2
                    continue
                if ch == ord("("): depth += 1
                if ch == ord(")"):
                    depth -= 1
                    if not depth: break
                buf.append(ch); j += 1
            if not depth_d:  # (not an ActualText in a property list)
                yield font, bytes(buf)
            i = j + 1
        elif data[i:i + 2] in (b"<<", b">>"):
            depth_d += 1 if data[i:i + 2] == b"<<" else -1
            i += 2
        elif c == ord("<"):
            j = data.index(b">", i)
            if not depth_d:
                yield font, bytes.fromhex(data[i + 1:j].decode())
            i = j + 1
        elif c == ord("/"):
            m = re.match(rb"/(\w+)\s+[\d.]+\s+Tf", data[i:i + 40])
            if m:
                font = m.group(1).decode()
            i += 1
        else:
            i += 1


shown = missing = 0
bad = set()
for k, v in objs.items():
    page = v.get("value") if isinstance(v, dict) else None
    if not isinstance(page, dict) or page.get("/Type") != "/Page":
        continue
    fonts = page["/Resources"]["/Font"]
    maps, wide = {}, {}
    for name, ref in fonts.items():
        f = get(ref)["value"]
        maps[name[1:]] = cmap_codes(f["/ToUnicode"])
        wide[name[1:]] = f.get("/Encoding") == "/Identity-H"
    contents = page["/Contents"]
    for c in contents if isinstance(contents, list) else [contents]:
        data = base64.b64decode(objs["obj:" + c]["stream"]["data"])
        for font, s in strings(data):
            if font is None or font not in maps:
                continue
            codes = [s[i] << 8 | s[i + 1] for i in range(0, len(s) - 1, 2)] if wide[font] else list(s)
            for code in codes:
                shown += 1
                if code not in maps[font]:
                    missing += 1
                    bad.add((font, code))
print("%d glyph codes shown, %d without a Unicode mapping%s" % (shown, missing, (": " + str(sorted(bad)[:8])) if bad else ""))
sys.exit(1 if missing else 0)
