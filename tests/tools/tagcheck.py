#!/usr/bin/env python3
"""tagcheck.py FILE.pdf [ROLE...]: check a tagged PDF from the file alone.

Reads the PDF through qpdf's JSON (objects and decoded streams) and checks
what PDF/UA-1 asks of a document like a CV, the machine-checkable failure
conditions of the Matterhorn Protocol that apply (numbers in brackets):

  [01-004/06-001] the catalog says the file is tagged (/MarkInfo /Marked),
       has /Metadata XMP holding pdfuaid:part 1 and a dc:title [06-002/003],
       /ViewerPreferences /DisplayDocTitle true [07-001], and a /Lang
       [11-001];
  [01-005/01-006] every text-showing operator of every page lies inside
       marked content that is either an /Artifact or a structure element
       with an MCID (nothing untagged), marks nest properly, and artifacts
       hold no tagged content [01-001/002];
  the ParentTree's entry for each page lists one element for each MCID of
       its content, in order, each a StructElem whose /K holds that MCID;
  every page has /StructParents and /Tabs /S [19-003];
  [28-002/28-008/28-011] every link annotation has /StructParent, points
       back to a Link element through an OBJR, and has /Contents;
  [13-004] every Figure element has /Alt;
  [15-003] every TH element says its /Scope;
  structure elements use standard roles [02-001] with a /P parent that
       leads to the StructTreeRoot;
  and each ROLE given as an argument appears in the tree.
Prints one line per check; exits 1 if any fails.
"""
import base64
import json
import re
import subprocess
import sys

STANDARD = {"Document", "Part", "Art", "Sect", "Div", "P", "H", "H1", "H2",
            "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table", "TR",
            "TH", "TD", "THead", "TBody", "TFoot", "Span", "Link", "Figure",
            "Caption", "Note", "Reference", "BibEntry", "Quote", "Code",
            "Form", "Annot", "Formula", "Index", "TOC", "TOCI", "NonStruct",
            "Private", "BlockQuote", "Ruby", "Warichu"}


def load(path):
    out = subprocess.run(
        ["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=inline",
         "--decode-level=generalized", path],
        capture_output=True, text=True, check=True).stdout
    objs = json.loads(out)["qpdf"][1]
    return {(k[4:] if k.startswith("obj:") else k): v for k, v in objs.items()}


def tokens(data):
    """The tokens of a content stream: (kind, text)."""
    i, n = 0, len(data)
    while i < n:
        c = data[i]
        if c in b" \t\r\n\f\0":
            i += 1
        elif c == ord("%"):
            while i < n and data[i] not in b"\r\n":
                i += 1
        elif c == ord("("):
            depth, j = 1, i + 1
            while j < n and depth:
                if data[j] == ord("\\"):
                    j += 2
                    continue
                depth += {ord("("): 1, ord(")"): -1}.get(data[j], 0)
                j += 1
            yield "str", data[i:j]
            i = j
        elif data[i:i + 2] == b"<<":
            yield "dict<", b"<<"
            i += 2
        elif data[i:i + 2] == b">>":
            yield "dict>", b">>"
            i += 2
        elif c == ord("<"):
            j = data.index(b">", i)
            yield "str", data[i:j + 1]
            i = j + 1
        elif c in b"[]":
            yield "arr", data[i:i + 1]
            i += 1
        elif c == ord("/"):
            j = i + 1
            while j < n and data[j] not in b" \t\r\n\f/[]()<>{}%":
                j += 1
            yield "name", data[i:j]
            i = j
        else:
            j = i
            while j < n and data[j] not in b" \t\r\n\f/[]()<>{}%":
                j += 1
            word = data[i:j]
            yield ("num" if re.fullmatch(rb"[-+.\d]+", word) else "op"), word
            i = j if j > i else i + 1


def ref(v):
    return v if isinstance(v, str) and v.endswith(" R") else None


def main():
    path, want_roles = sys.argv[1], sys.argv[2:]
    objs = load(path)
    fails = []

    def check(ok, what):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            fails.append(what)

    def val(x):
        return x.get("value", x) if isinstance(x, dict) and "value" in x else x

    def d(r):
        o = objs.get(r) if r else None
        if o is None:
            return {}
        o = o.get("value", o)
        return o.get("dict", o) if isinstance(o, dict) and "stream" in o else o

    trailer = objs["trailer"]["value"]
    cat = d(trailer["/Root"])
    check(cat.get("/MarkInfo", {}).get("/Marked") is True,
          "catalog: /MarkInfo /Marked true")
    lang = cat.get("/Lang", "")
    check(isinstance(lang, str) and len(lang) > 2, "catalog: /Lang %s" % lang)
    check(cat.get("/ViewerPreferences", {}).get("/DisplayDocTitle") is True,
          "catalog: /DisplayDocTitle true")
    md = objs.get(cat.get("/Metadata", "none"), {}).get("stream", {})
    xmp = base64.b64decode(md.get("data", "")).decode("utf-8", "replace")
    title = re.search(r"<dc:title><rdf:Alt><rdf:li[^>]*>([^<]+)<", xmp)
    check("<pdfuaid:part>1</pdfuaid:part>" in xmp and title is not None,
          "XMP: pdfuaid:part 1 and dc:title %r" %
          (title.group(1) if title else None))
    root_ref = cat.get("/StructTreeRoot")
    root = d(root_ref)
    check(root.get("/Type") == "/StructTreeRoot", "a StructTreeRoot")
    pt = root.get("/ParentTree", {})
    nums = (d(pt) if isinstance(pt, str) else pt).get("/Nums", [])
    parent_tree = {nums[i]: nums[i + 1] for i in range(0, len(nums) - 1, 2)}

    # the elements: standard roles, parents leading to the root
    elems = {}
    for k, o in objs.items():
        v = o.get("value") if isinstance(o, dict) else None
        if isinstance(v, dict) and "/S" in v and "/P" in v:
            elems[k] = v
    roles = {v["/S"][1:] for v in elems.values()}
    check(roles <= STANDARD, "standard roles only: %s" % sorted(roles))
    orphans = 0
    for r, v in elems.items():
        seen, p = set(), r
        while p in elems and p not in seen:
            seen.add(p)
            p = elems[p]["/P"]
        orphans += p != root_ref
    check(orphans == 0, "every element's /P chain reaches the root (%d elements)" % len(elems))
    for role in want_roles:
        check(role in roles, "the tree has %s" % role)
    figs = [v for v in elems.values() if v["/S"] == "/Figure"]
    check(all(v.get("/Alt") for v in figs), "%d Figure(s), each with /Alt" % len(figs))
    ths = [v for v in elems.values() if v["/S"] == "/TH"]
    check(all(v.get("/A", {}).get("/Scope") for v in ths),
          "%d TH, each with a /Scope" % len(ths))

    def kids(v):
        k = v.get("/K", [])
        return k if isinstance(k, list) else [k]

    # pages: content marked, MCIDs matching the ParentTree
    pages = []
    def walk(r):
        n = d(r)
        if n.get("/Type") == "/Pages":
            for k in n.get("/Kids", []):
                walk(k)
        else:
            pages.append(r)
    walk(cat["/Pages"])
    untagged = bad_nesting = mismatched = 0
    annots = links_ok = 0
    for pno, pr in enumerate(pages):
        page = d(pr)
        sp = page.get("/StructParents")
        check(sp is not None and page.get("/Tabs") == "/S",
              "page %d: /StructParents %s, /Tabs /S" % (pno + 1, sp))
        contents = page.get("/Contents")
        crefs = contents if isinstance(contents, list) else [contents]
        data = b"".join(base64.b64decode(objs[c]["stream"]["data"])
                        for c in crefs)
        stack, mcids, operands = [], [], []
        for kind, text in tokens(data):
            if kind != "op":
                operands.append((kind, text))
                continue
            op = text.decode()
            if op in ("BDC", "BMC"):
                tag = next((t for k, t in operands if k == "name"), b"")
                m = re.search(rb"/MCID\s+(\d+)",
                              b" ".join(t for k, t in operands))
                if m:
                    mcids.append((int(m.group(1)), tag.decode()[1:]))
                    if any(s[1] is not None or s[0] == "/Artifact" for s in stack):
                        bad_nesting += 1 # tagged content inside tagged/artifact
                stack.append((tag.decode(), int(m.group(1)) if m else None))
            elif op == "EMC":
                if not stack:
                    bad_nesting += 1
                else:
                    stack.pop()
            elif op in ("TJ", "Tj", "'", '"', "Do"):
                if not any(s[1] is not None or s[0] == "/Artifact" for s in stack):
                    untagged += 1
            operands = []
        if stack:
            bad_nesting += 1
        arr = parent_tree.get(sp, [])
        want = [i for i, _ in mcids]
        if want != list(range(len(arr))):
            mismatched += 1
        else:
            for mcid, tag in mcids:
                e = elems.get(arr[mcid], {})
                has = any((k == mcid) or (isinstance(k, dict) and k.get("/MCID") == mcid
                                          and k.get("/Pg") == pr)
                          for k in kids(e))
                if e.get("/S", "")[1:] != tag or not has:
                    mismatched += 1
        for a in page.get("/Annots", []):
            ad = d(a)
            if ad.get("/Subtype") != "/Link":
                continue
            annots += 1
            e = elems.get(parent_tree.get(ad.get("/StructParent"), ""), {})
            objr = any(isinstance(k, dict) and k.get("/Type") == "/OBJR" and
                       k.get("/Obj") == a for k in kids(e))
            links_ok += e.get("/S") == "/Link" and objr and bool(ad.get("/Contents"))
    check(untagged == 0, "every text and image operator is tagged or an artifact (%d untagged)" % untagged)
    check(bad_nesting == 0, "marked content nests properly (%d faults)" % bad_nesting)
    check(mismatched == 0, "each page's MCIDs match its ParentTree entry (%d faults)" % mismatched)
    check(links_ok == annots, "%d of %d link annotations in a Link element (OBJR, /StructParent, /Contents)" % (links_ok, annots))
    sys.exit(1 if fails else 0)


main()
