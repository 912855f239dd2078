#!/bin/sh
# `cvpdf schema`: the JSON Schema that editors check a CV with says what
# cvpdf says. It is JSON, under 100 KB, with every repeated piece written
# once (under "definitions", used by "$ref"); and on several hundred CVs
# generated from cvpdf's own vocabulary (tests/schema/agree.py), good ones
# and subtly bad ones, `cvpdf --check` and the schema give the same verdict
# (but for cvpdf's known faults, listed there). The fixtures of
# tests/schema/ pass and fail as they should.
# usage: run-schema.sh CVPDF SOURCE_DIR
. "$(dirname "$0")/lib.sh"
check=$src/tests/tools/schemacheck.py

"$cvpdf" schema -o "$tmp/schema.json" || bad "cvpdf schema fails"
size=$(wc -c < "$tmp/schema.json")
if [ "$size" -lt 100000 ]; then ok "the schema is $size bytes (under 100 KB)"
else bad "the schema is $size bytes: 100 KB at most"; fi

# JSON, without a key twice in an object, every $ref resolved, every
# definition used, and no piece of more than 240 characters written twice
python3 - "$tmp/schema.json" <<'PY' && ok "the schema is JSON, each piece written once" || bad "the schema's form"
import collections, json, sys
def pairs(kv):
    keys = [k for k, _ in kv]
    for k, n in collections.Counter(keys).items():
        if n > 1:
            sys.exit('FAIL key %r written %d times in one object' % (k, n))
    return dict(kv)
s = json.load(open(sys.argv[1], encoding='utf-8'), object_pairs_hook=pairs)
if s.get('$schema') != 'http://json-schema.org/draft-07/schema#':
    sys.exit('FAIL $schema is %r, not draft-07' % s.get('$schema'))
refs, seen = set(), collections.Counter()
def walk(n):
    if isinstance(n, dict):
        if '$ref' in n:
            refs.add(n['$ref'])
        for x in n.values():
            walk(x)
    elif isinstance(n, list):
        for x in n:
            walk(x)
    if isinstance(n, (dict, list)):
        t = json.dumps(n, sort_keys=True)
        if len(t) > 240:
            seen[t] += 1
walk(s)
defs = s.get('definitions', {})
for r in sorted(refs):
    if not r.startswith('#/definitions/') or r[14:] not in defs:
        sys.exit('FAIL $ref %s leads nowhere' % r)
for d in defs:
    if '#/definitions/' + d not in refs:
        sys.exit('FAIL definition %s is never used' % d)
for t, n in seen.items():
    if n > 1:
        sys.exit('FAIL written %d times (make it a definition): %s' % (n, t[:200]))
PY

# the fixtures: good.json passes and renders, bad.json fails both
if python3 "$check" "$tmp/schema.json" "$src/tests/schema/good.json" >"$tmp/out"; then
  ok "tests/schema/good.json passes the schema"
else bad "tests/schema/good.json fails the schema:"; cat "$tmp/out"; fi
"$cvpdf" -q --check "$src/tests/schema/good.json" && ok "... and cvpdf takes it" || bad "cvpdf refuses tests/schema/good.json"
if python3 "$check" "$tmp/schema.json" "$src/tests/schema/bad.json" >"$tmp/out"; then
  bad "tests/schema/bad.json passes the schema"
else ok "tests/schema/bad.json fails the schema ($(wc -l < "$tmp/out") problems)"; fi
"$cvpdf" -q --check "$src/tests/schema/bad.json" 2>/dev/null && bad "cvpdf takes tests/schema/bad.json" || ok "... and cvpdf refuses it"

# the same verdict on generated CVs
mkdir "$tmp/cvs"
python3 "$src/tests/schema/agree.py" "$cvpdf" "$src" "$tmp/schema.json" "$tmp/cvs" || fail=1
exit $fail
