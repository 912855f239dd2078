#!/usr/bin/env python3
"""Write N different CVs into a folder, for timing batches.

usage: bench/variants.py N DIR
Half are the seed CV (data/cv.yaml), half the themes' CV
(examples/themes/cv.yaml) in each of the ten themes in turn; every one has
its own name, and some lose or repeat sections, so no two are alike."""
import os
import random
import re
import sys

def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
    seed = open(os.path.join(root, 'data', 'cv.yaml'), encoding='utf-8').read()
    themed = open(os.path.join(root, 'examples', 'themes', 'cv.yaml'),
                  encoding='utf-8').read()
    themes = ['seed', 'classic', 'engineeringclassic', 'engineeringresumes',
              'harvard', 'moderncv', 'sb2nov', 'ink', 'opal', 'ember']
    first = ['Ada', 'Alan', 'Grace', 'Edsger', 'Barbara', 'Donald', 'Leslie',
             'Frances', 'John', 'Margaret', 'Ken', 'Radia']
    last = ['Lovelace', 'Turing', 'Hopper', 'Dijkstra', 'Liskov', 'Knuth',
            'Lamport', 'Allen', 'Backus', 'Hamilton', 'Thompson', 'Perlman']
    rnd = random.Random(1)
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        text = seed if i % 2 == 0 else themed
        name = '%s %s %d' % (rnd.choice(first), rnd.choice(last), i)
        text = re.sub(r'^(  name: ).*$', lambda m: m.group(1) + name, text,
                      count=1, flags=re.M)
        if i % 2:
            text = text.replace('settings:', 'design:\n  theme: %s\nsettings:'
                                % themes[(i // 2) % len(themes)], 1)
        with open(os.path.join(out, 'cv%05d.yaml' % i), 'w',
                  encoding='utf-8') as f:
            f.write(text)

main()
