#!/usr/bin/env python3
"""Golden samples: `entryc lint --format compact --preset all` on every file
under samples/invalid/<rule-id>/ must print exactly <file>.expected, and the
diagnostics must include the rule the directory is named after; every file
under samples/valid/ and samples/seed-two-clusters/ must lint clean.
A file named *.ent.hcl / *.ent.json is linted with --edition ent.

  ENTRYC=build/bin/entryc python3 tests/golden/golden_test.py
  ENTRYC_UPDATE_GOLDEN=1 ...   rewrites the .expected files (review the diff)
"""
import os
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
ENTRYC = os.environ.get('ENTRYC', 'entryc')
UPDATE = os.environ.get('ENTRYC_UPDATE_GOLDEN') == '1'


def lint(path):
    args = [ENTRYC, 'lint', '--format', 'compact', '--preset', 'all']
    if '.ent.' in os.path.basename(path):
        args += ['--edition', 'ent']
    p = subprocess.run(args + [os.path.relpath(path, ROOT)], cwd=ROOT, capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode('utf-8', 'replace')


def main():
    failures = 0
    checked = 0
    invalid = os.path.join(ROOT, 'samples', 'invalid')
    for rule in sorted(os.listdir(invalid)):
        d = os.path.join(invalid, rule)
        for name in sorted(os.listdir(d)):
            if not (name.endswith('.hcl') or name.endswith('.json')):
                continue
            path = os.path.join(d, name)
            rc, out = lint(path)
            checked += 1
            expected = path + '.expected'
            if UPDATE:
                with open(expected, 'w', encoding='utf-8') as f:
                    f.write(out)
            want = open(expected, encoding='utf-8').read() if os.path.exists(expected) else None
            problems = []
            if want is None:
                problems.append('missing %s' % os.path.relpath(expected, ROOT))
            elif out != want:
                problems.append('output differs from %s:\n--- want\n%s--- got\n%s' % (
                    os.path.relpath(expected, ROOT), want, out))
            if '[%s]' % rule not in out:
                problems.append('no %s finding' % rule)
            if rc not in (0, 1):
                problems.append('exit status %d' % rc)
            if problems:
                failures += 1
                print('FAIL %s: %s' % (os.path.relpath(path, ROOT), '; '.join(problems)))
    for sub in ('valid', 'seed-two-clusters'):
        base = os.path.join(ROOT, 'samples', sub)
        if not os.path.isdir(base):
            continue
        for dirpath, _, names in os.walk(base):
            for name in sorted(names):
                if not (name.endswith('.hcl') or name.endswith('.json')) or name in ('entryc.hcl', '.entryc.hcl'):
                    continue
                path = os.path.join(dirpath, name)
                rc, out = lint(path)
                checked += 1
                if rc != 0 or out:
                    failures += 1
                    print('FAIL %s: expected no findings, got exit %d:\n%s' % (os.path.relpath(path, ROOT), rc, out))
    print('golden samples: %d passed, %d failed' % (checked - failures, failures))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
