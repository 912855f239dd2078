#!/usr/bin/env python3
"""make-fontawesome-tsv.py PACKAGE FONTDIR > fontawesome.tsv

Writes data/icons/fontawesome.tsv from Font Awesome Free's own metadata:
PACKAGE is the npm package @fortawesome/fontawesome-free unpacked
(`npm pack @fortawesome/fontawesome-free@7.3.1; tar xzf ...` gives
package/), FONTDIR cvpdf's fonts/font-awesome (the three faces it bundles).

One row per icon name and per alias name (metadata/icon-families.json's
`aliases.names`): the name, the face that draws it and its code point.
The face is the one RenderCV's PDFs use: Typst's fontawesome package asks
for "Font Awesome 7 Free" (the regular face), then "Font Awesome 7
Brands", and Typst falls back to the solid face for what neither has;
so an icon the free regular face has is drawn with it (the outlined
envelope), a brand with the brands face, any other with the solid face.
Every row is checked against the face's cmap: a code point the bundled
file lacks is an error, not a row.
"""
import json
import os
import struct
import sys

FILES = {"solid": "fa-solid-900.otf", "regular": "fa-regular-400.otf",
         "brands": "fa-brands-400.otf"}


def cmap(path):
    """The code points an sfnt's Unicode cmap (format 4 or 12) maps."""
    data = open(path, "rb").read()
    ntables = struct.unpack(">H", data[4:6])[0]
    tables = {}
    for i in range(ntables):
        tag, _, off, length = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
        tables[tag] = off
    base = tables[b"cmap"]
    nsub = struct.unpack(">H", data[base + 2:base + 4])[0]
    cps = set()
    for i in range(nsub):
        plat, enc, off = struct.unpack(">HHI", data[base + 4 + 8 * i:base + 12 + 8 * i])
        if plat not in (0, 3):
            continue
        t = base + off
        fmt = struct.unpack(">H", data[t:t + 2])[0]
        if fmt == 4:
            segx2 = struct.unpack(">H", data[t + 6:t + 8])[0]
            ends = struct.unpack(">%dH" % (segx2 // 2), data[t + 14:t + 14 + segx2])
            starts = struct.unpack(">%dH" % (segx2 // 2),
                                   data[t + 16 + segx2:t + 16 + 2 * segx2])
            for s, e in zip(starts, ends):
                cps.update(c for c in range(s, e + 1) if c != 0xFFFF)
        elif fmt == 12:
            ngroups = struct.unpack(">I", data[t + 12:t + 16])[0]
            for g in range(ngroups):
                s, e, _ = struct.unpack(">III", data[t + 16 + 12 * g:t + 28 + 12 * g])
                cps.update(range(s, e + 1))
    return cps


def main():
    pkg, fontdir = sys.argv[1], sys.argv[2]
    version = json.load(open(os.path.join(pkg, "package.json")))["version"]
    icons = json.load(open(os.path.join(pkg, "metadata", "icon-families.json")))
    have = {face: cmap(os.path.join(fontdir, f)) for face, f in FILES.items()}
    rows = {}
    for name, icon in icons.items():
        styles = {s["style"] for s in icon.get("familyStylesByLicense", {}).get("free", [])
                  if s.get("family") == "classic"}
        face = next((f for f in ("regular", "brands", "solid") if f in styles), None)
        if face is None:
            continue
        cp = int(icon["unicode"], 16)
        if cp not in have[face]:
            sys.exit("%s: U+%04X is not in %s" % (name, cp, FILES[face]))
        for n in [name] + icon.get("aliases", {}).get("names", []):
            if n in rows and rows[n] != (face, cp):
                sys.exit("%s names two icons" % n)
            rows[n] = (face, cp)
    out = sys.stdout
    out.write("# Icon names -> face and code point of Font Awesome Free %s (fonts/\n"
              "# font-awesome: solid, regular, brands), names and aliases, from its\n"
              "# metadata/icon-families.json; written by make-fontawesome-tsv.py (which\n"
              "# says how the face is chosen). Fork Awesome (forkawesome.tsv) draws what\n"
              "# is not here.\n" % version)
    for n in sorted(rows):
        face, cp = rows[n]
        out.write("%s\t%s\t%04X\n" % (n, face, cp))


main()
