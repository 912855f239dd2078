#!/usr/bin/env python3
"""Check JSON files against a JSON Schema (the subset `cvpdf schema` uses:
type, enum, const, properties, additionalProperties, required, items,
anyOf, allOf, $ref, pattern, minItems, maxItems).

usage: schemacheck.py SCHEMA.json FILE.json...
Prints each violation as PATH: problem; exit status 1 if there is one."""
import json
import re
import sys

TYPES = {'object': dict, 'array': list, 'string': str, 'boolean': bool,
         'null': type(None)}

def is_type(v, t):
    if t == 'integer':
        return isinstance(v, int) and not isinstance(v, bool)
    if t == 'number':
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    return isinstance(v, TYPES[t])

def check(root, s, v, path, errs):
    if '$ref' in s:
        node = root
        for part in s['$ref'].lstrip('#/').split('/'):
            node = node[part]
        return check(root, node, v, path, errs)
    if 'type' in s:
        ts = s['type'] if isinstance(s['type'], list) else [s['type']]
        if not any(is_type(v, t) for t in ts):
            errs.append('%s: expected %s' % (path, '/'.join(ts)))
            return
    if 'enum' in s and v not in s['enum']:
        errs.append('%s: %r is not one of %s' % (path, v, s['enum']))
    if 'const' in s and v != s['const']:
        errs.append('%s: expected %r' % (path, s['const']))
    if 'pattern' in s and isinstance(v, str) and not re.search(s['pattern'], v):
        errs.append('%s: %r does not match %s' % (path, v, s['pattern']))
    if isinstance(v, dict):
        props = s.get('properties', {})
        for k in s.get('required', []):
            if k not in v:
                errs.append('%s: missing %s' % (path, k))
        for k, x in v.items():
            if k in props:
                check(root, props[k], x, path + '.' + k, errs)
            elif s.get('additionalProperties') is False:
                errs.append('%s: unknown key %s' % (path, k))
            elif isinstance(s.get('additionalProperties'), dict):
                check(root, s['additionalProperties'], x, path + '.' + k, errs)
    if isinstance(v, list):
        if len(v) < s.get('minItems', 0) or len(v) > s.get('maxItems', 1 << 30):
            errs.append('%s: %d items' % (path, len(v)))
        if 'items' in s:
            for i, x in enumerate(v):
                check(root, s['items'], x, '%s[%d]' % (path, i), errs)
    for sub in s.get('allOf', []):
        check(root, sub, v, path, errs)
    if 'anyOf' in s:
        if not any(not_errs(root, sub, v, path) for sub in s['anyOf']):
            errs.append('%s: matches none of the allowed forms' % path)

def not_errs(root, s, v, path):
    e = []
    check(root, s, v, path, e)
    return not e

def main():
    schema = json.load(open(sys.argv[1], encoding='utf-8'))
    bad = 0
    for f in sys.argv[2:]:
        errs = []
        check(schema, schema, json.load(open(f, encoding='utf-8')), '', errs)
        for e in errs:
            print('%s%s' % (f, e))
        bad += len(errs)
    sys.exit(1 if bad else 0)

main()
