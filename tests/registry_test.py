#!/usr/bin/env python3
"""Every rule a plugin offers has its doc (docs/rules/<id>.md), a table
test (plugins/<plugin>/tests/<id with _>_test.cpp naming the id) and a golden
sample (samples/invalid/<id>/); every doc and sample directory belongs to a
rule or a core code. docs/rules/README.md, the index, lists every rule.

  ENTRYC=build/bin/entryc python3 tests/registry_test.py
"""
import glob
import os
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
ENTRYC = os.environ.get('ENTRYC', 'entryc')


def main():
    out = subprocess.run([ENTRYC, 'rules', '--all'], capture_output=True, check=True).stdout.decode().splitlines()[1:]
    rules, core = [], []
    for line in out:
        parts = line.split()
        (core if parts[2] == 'core' else rules).append(parts[0])
    problems = []
    tests = {}
    for f in glob.glob(os.path.join(ROOT, 'plugins', '*', 'tests', '*_test.cpp')):
        tests[os.path.basename(f)] = open(f, encoding='utf-8').read()
    index = open(os.path.join(ROOT, 'docs', 'rules', 'README.md'), encoding='utf-8').read() \
        if os.path.exists(os.path.join(ROOT, 'docs', 'rules', 'README.md')) else ''
    for r in rules:
        if not os.path.exists(os.path.join(ROOT, 'docs', 'rules', r + '.md')):
            problems.append('%s: no docs/rules/%s.md' % (r, r))
        t = tests.get(r.replace('-', '_') + '_test.cpp')
        if t is None or '"%s"' % r not in t:
            problems.append('%s: no table test %s_test.cpp naming it' % (r, r.replace('-', '_')))
        d = os.path.join(ROOT, 'samples', 'invalid', r)
        if not os.path.isdir(d) or not any(n.endswith('.expected') for n in os.listdir(d)):
            problems.append('%s: no golden sample in samples/invalid/%s/' % (r, r))
        if '`%s`' % r not in index:
            problems.append('%s: missing from docs/rules/README.md' % r)
    for f in glob.glob(os.path.join(ROOT, 'docs', 'rules', '*.md')):
        rid = os.path.basename(f)[:-3]
        if rid != 'README' and rid not in rules:
            problems.append('docs/rules/%s.md: no such rule' % rid)
    for d in os.listdir(os.path.join(ROOT, 'samples', 'invalid')):
        if d not in rules and d not in core:
            problems.append('samples/invalid/%s: no such rule or core code' % d)
    for p in problems:
        print('FAIL ' + p)
    print('rule registry: %d rules, %d problems' % (len(rules), len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
