#!/usr/bin/env python3
"""Check JSON files against a JSON Schema (draft-07), as far as `cvpdf schema`
needs: type, enum, const, properties, additionalProperties, required, items,
contains, minItems, maxItems, minimum, maximum, exclusiveMinimum,
exclusiveMaximum, minLength, maxLength, pattern, anyOf, allOf, oneOf, not,
if/then/else, $ref (to #/...), and the boolean schemas true and false.
Annotations (description, title, $comment, deprecationMessage...) are
ignored; any other keyword is an error, so that the schema never uses one
this checker would silently pass over.

usage: schemacheck.py SCHEMA.json FILE.json...
Prints each violation as FILE PATH: problem; exit status 1 if there is one.
As a module: errors(schema, instance) -> list of problems."""
import json
import re
import sys

ANNOTATIONS = {'$schema', '$id', '$comment', 'title', 'description',
               'default', 'examples', 'deprecationMessage',
               'markdownDescription', 'definitions'}
KEYWORDS = {'type', 'enum', 'const', 'properties', 'additionalProperties',
            'required', 'items', 'contains', 'minItems', 'maxItems',
            'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
            'minLength', 'maxLength', 'pattern', 'anyOf', 'allOf', 'oneOf',
            'not', 'if', 'then', 'else', '$ref'}


class SchemaError(Exception):
    """The schema itself uses something this checker does not know."""


def is_type(v, t):
    if t == 'null':
        return v is None
    if t == 'boolean':
        return isinstance(v, bool)
    if t == 'integer':  # draft-06 on: 1.0 is an integer
        return (isinstance(v, int) and not isinstance(v, bool)) or \
            (isinstance(v, float) and v.is_integer())
    if t == 'number':
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    if t == 'string':
        return isinstance(v, str)
    if t == 'array':
        return isinstance(v, list)
    if t == 'object':
        return isinstance(v, dict)
    raise SchemaError('unknown type %r' % t)


def equal(a, b):
    """JSON equality: true is not 1, 1 is 1.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(equal(a[k], b[k]) for k in a)
    return type(a) == type(b) and a == b


class Checker:
    def __init__(self, root):
        self.root = root
        self.res = {}

    def resolve(self, ref):
        if not ref.startswith('#'):
            raise SchemaError('only local references: %s' % ref)
        node = self.root
        for part in ref[1:].split('/')[1:]:
            part = part.replace('~1', '/').replace('~0', '~')
            node = node[part]
        return node

    def regex(self, p):
        if p not in self.res:
            self.res[p] = re.compile(p)
        return self.res[p]

    def ok(self, s, v):
        e = []
        self.check(s, v, '', e)
        return not e

    def check(self, s, v, path, errs):
        if s is True:
            return
        if s is False:
            errs.append('%s: not allowed here' % path)
            return
        unknown = set(s) - KEYWORDS - ANNOTATIONS
        if unknown:
            raise SchemaError('unknown keyword(s) %s' % sorted(unknown))
        if '$ref' in s:  # draft-07: a $ref's siblings are ignored
            return self.check(self.resolve(s['$ref']), v, path, errs)
        if 'type' in s:
            ts = s['type'] if isinstance(s['type'], list) else [s['type']]
            if not any(is_type(v, t) for t in ts):
                errs.append('%s: expected %s, found %s' %
                            (path, '/'.join(ts), json.dumps(v)[:40]))
                return
        if 'enum' in s and not any(equal(v, x) for x in s['enum']):
            errs.append('%s: %s is not one of %s' %
                        (path, json.dumps(v), json.dumps(s['enum'])[:80]))
        if 'const' in s and not equal(v, s['const']):
            errs.append('%s: expected %s' % (path, json.dumps(s['const'])))
        if isinstance(v, str):
            if 'pattern' in s and not self.regex(s['pattern']).search(v):
                errs.append('%s: %s does not match %s' %
                            (path, json.dumps(v), s['pattern'][:60]))
            if len(v) < s.get('minLength', 0) or \
                    len(v) > s.get('maxLength', len(v)):
                errs.append('%s: %d characters' % (path, len(v)))
        if is_type(v, 'number'):
            if 'minimum' in s and v < s['minimum']:
                errs.append('%s: %s is below %s' % (path, v, s['minimum']))
            if 'maximum' in s and v > s['maximum']:
                errs.append('%s: %s is above %s' % (path, v, s['maximum']))
            if 'exclusiveMinimum' in s and v <= s['exclusiveMinimum']:
                errs.append('%s: %s is not above %s' %
                            (path, v, s['exclusiveMinimum']))
            if 'exclusiveMaximum' in s and v >= s['exclusiveMaximum']:
                errs.append('%s: %s is not below %s' %
                            (path, v, s['exclusiveMaximum']))
        if isinstance(v, dict):
            props = s.get('properties', {})
            for k in s.get('required', []):
                if k not in v:
                    errs.append('%s: missing %s' % (path, k))
            extra = s.get('additionalProperties', True)
            for k, x in v.items():
                if k in props:
                    self.check(props[k], x, path + '.' + k, errs)
                elif extra is False:
                    errs.append('%s: unknown key %s' % (path, k))
                else:
                    self.check(extra, x, path + '.' + k, errs)
        if isinstance(v, list):
            if len(v) < s.get('minItems', 0) or \
                    len(v) > s.get('maxItems', len(v)):
                errs.append('%s: %d items' % (path, len(v)))
            if 'items' in s:
                if not isinstance(s['items'], (dict, bool)):
                    raise SchemaError('items must be one schema')
                for i, x in enumerate(v):
                    self.check(s['items'], x, '%s[%d]' % (path, i), errs)
            if 'contains' in s and not any(self.ok(s['contains'], x)
                                           for x in v):
                errs.append('%s: no item is %s' %
                            (path, s['contains'].get('description', 'allowed')))
        for sub in s.get('allOf', []):
            self.check(sub, v, path, errs)
        if 'anyOf' in s and not any(self.ok(sub, v) for sub in s['anyOf']):
            errs.append('%s: matches none of the allowed forms' % path)
        if 'oneOf' in s:
            n = sum(self.ok(sub, v) for sub in s['oneOf'])
            if n != 1:
                errs.append('%s: matches %d of the forms, not one' % (path, n))
        if 'not' in s and self.ok(s['not'], v):
            errs.append('%s: a form that is not allowed' % path)
        if 'if' in s:
            branch = s.get('then' if self.ok(s['if'], v) else 'else', True)
            self.check(branch, v, path, errs)


def errors(schema, instance):
    errs = []
    Checker(schema).check(schema, instance, '', errs)
    return errs


def main():
    schema = json.load(open(sys.argv[1], encoding='utf-8'))
    bad = 0
    for f in sys.argv[2:]:
        for e in errors(schema, json.load(open(f, encoding='utf-8'))):
            print('%s %s' % (f, e))
            bad += 1
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
