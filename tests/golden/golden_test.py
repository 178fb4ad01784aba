#!/usr/bin/env python3
"""Golden samples.

- `entryc lint --format compact --preset all` on every file under
  samples/invalid/<rule-id>/ must print exactly <file>.expected, and the
  diagnostics must include the rule the directory is named after. A file
  named *.ent.hcl / *.ent.json is linted with --edition ent.
- A directory samples/invalid/<rule-id>/<case>/ holding an entryc.hcl is a
  project: `entryc lint --format compact --preset all --project
  <case>/entryc.hcl` must print exactly <case>.expected.
- Every file under samples/valid/ must lint clean, every project under
  samples/ (a directory with an entryc.hcl outside samples/invalid and
  samples/broken) must have no errors or warnings, and
  each project's `entryc plan --format json` must print exactly its
  plan.json.expected (and the human view plan.txt.expected).
- samples/broken/<scenario>/ is the broken twin of the project
  samples/<scenario>/: the same files with a few realistic peering
  mistakes, one line each in its README.md. `entryc lint --format compact
  --preset all --project samples/broken/<scenario>/entryc.hcl` must exit 1
  and print exactly samples/broken/<scenario>/lint.expected, its findings
  must include every rule id the README names (in backquotes), its pretty
  and json reports must show paths as the files write them (never the
  project document's `entries[3].entry...`), and
  `entryc plan` in that directory must exit 1 without printing a plan.

  ENTRYC=build/bin/entryc python3 tests/golden/golden_test.py
  ENTRYC_UPDATE_GOLDEN=1 ...   rewrites the .expected files (review the diff)
"""
import os
import re
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
ENTRYC = os.environ.get('ENTRYC', 'entryc')
if os.sep in ENTRYC:
    ENTRYC = os.path.abspath(ENTRYC)
UPDATE = os.environ.get('ENTRYC_UPDATE_GOLDEN') == '1'


def lint(path):
    args = [ENTRYC, 'lint', '--format', 'compact', '--preset', 'all']
    if '.ent.' in os.path.basename(path):
        args += ['--edition', 'ent']
    p = subprocess.run(args + [os.path.relpath(path, ROOT)], cwd=ROOT, capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode('utf-8', 'replace')


def lint_project(project, fmt='compact'):
    args = [ENTRYC, '--color=never', 'lint', '--format', fmt, '--preset', 'all', '--project',
            os.path.relpath(project, ROOT)]
    p = subprocess.run(args, cwd=ROOT, capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode('utf-8', 'replace')


def plan(project_dir, fmt):
    p = subprocess.run([ENTRYC, '--color=never', 'plan', '--format', fmt], cwd=project_dir, capture_output=True,
                       timeout=120)
    return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')


def compare(path, out, problems):
    """Compares `out` with the golden file `path` (rewriting it under ENTRYC_UPDATE_GOLDEN=1)."""
    if UPDATE:
        with open(path, 'w', encoding='utf-8') as f:
            f.write(out)
    want = open(path, encoding='utf-8').read() if os.path.exists(path) else None
    if want is None:
        problems.append('missing %s' % os.path.relpath(path, ROOT))
    elif out != want:
        problems.append('output differs from %s:\n--- want\n%s--- got\n%s' % (os.path.relpath(path, ROOT), want, out))


# A rule id named in a broken twin's README.md, written in backquotes.
RULE_ID = re.compile(r'`((?:acl|core|exports|intentions|peering)-[a-z0-9]+(?:-[a-z0-9]+)*)`')


def known_rules():
    p = subprocess.run([ENTRYC, 'rules'], cwd=ROOT, capture_output=True, timeout=60)
    lines = p.stdout.decode('utf-8', 'replace').splitlines()[1:]
    return {line.split()[0] for line in lines if line.strip()}


def broken_twins():
    """Checks every samples/broken/<scenario>/; returns (checked, failures)."""
    checked = failures = 0
    base = os.path.join(ROOT, 'samples', 'broken')
    if not os.path.isdir(base):
        return checked, failures
    rules = known_rules()
    for scenario in sorted(os.listdir(base)):
        d = os.path.join(base, scenario)
        project = os.path.join(d, 'entryc.hcl')
        if not os.path.isfile(project):
            continue
        problems = []
        rc, out = lint_project(project)
        compare(os.path.join(d, 'lint.expected'), out, problems)
        for fmt in ('pretty', 'json'):
            if 'entries[' in lint_project(project, fmt)[1]:
                problems.append('the %s report shows a path of the project document (entries[...])' % fmt)
        if rc != 1:
            problems.append('entryc lint: exit status %d, expected 1' % rc)
        readme = os.path.join(d, 'README.md')
        named = RULE_ID.findall(open(readme, encoding='utf-8').read()) if os.path.isfile(readme) else []
        if not named:
            problems.append('%s names no rule id' % os.path.relpath(readme, ROOT))
        for rule in sorted(set(named)):
            if rule not in rules and not rule.startswith('core-'):
                problems.append('README.md names %s, which is no rule' % rule)
            elif '[%s]' % rule not in out:
                problems.append('no %s finding' % rule)
        rc, plan_out, _ = plan(d, 'human')
        if rc != 1:
            problems.append('entryc plan: exit status %d, expected 1' % rc)
        if plan_out:
            problems.append('entryc plan printed a plan:\n%s' % plan_out)
        checked += 1
        if problems:
            failures += 1
            print('FAIL %s: %s' % (os.path.relpath(d, ROOT), '; '.join(problems)))
    return checked, failures


def main():
    failures = 0
    checked = 0
    invalid = os.path.join(ROOT, 'samples', 'invalid')
    for rule in sorted(os.listdir(invalid)):
        d = os.path.join(invalid, rule)
        for name in sorted(os.listdir(d)):
            path = os.path.join(d, name)
            if os.path.isfile(os.path.join(path, 'entryc.hcl')):
                rc, out = lint_project(os.path.join(path, 'entryc.hcl'))
                checked += 1
                problems = []
                compare(path + '.expected', out, problems)
                if '[%s]' % rule not in out:
                    problems.append('no %s finding' % rule)
                if rc not in (0, 1):
                    problems.append('exit status %d' % rc)
                if problems:
                    failures += 1
                    print('FAIL %s: %s' % (os.path.relpath(path, ROOT), '; '.join(problems)))
                continue
            if not (name.endswith('.hcl') or name.endswith('.json')):
                continue
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
    # Projects: clean, and their plans as recorded.
    for dirpath, dirnames, names in os.walk(os.path.join(ROOT, 'samples')):
        dirnames.sort()
        rel = os.path.relpath(dirpath, ROOT)
        if 'entryc.hcl' not in names or any(
                rel == os.path.join('samples', sub) or rel.startswith(os.path.join('samples', sub) + os.sep)
                for sub in ('invalid', 'broken')):
            continue
        project = os.path.join(dirpath, 'entryc.hcl')
        problems = []
        rc, out = lint_project(project)
        if rc != 0 or ': error:' in out or ': warning:' in out:
            problems.append('expected a clean project (notes allowed), got exit %d:\n%s' % (rc, out))
        for fmt, golden in (('json', 'plan.json.expected'), ('human', 'plan.txt.expected')):
            rc, out, err = plan(dirpath, fmt)
            if rc != 0:
                problems.append('entryc plan --format %s: exit %d\n%s' % (fmt, rc, err))
            compare(os.path.join(dirpath, golden), out, problems)
        checked += 1
        if problems:
            failures += 1
            print('FAIL %s: %s' % (os.path.relpath(dirpath, ROOT), '; '.join(problems)))
    # Broken twins: their diagnostics as recorded, and no plan.
    broken_checked, broken_failures = broken_twins()
    checked += broken_checked
    failures += broken_failures
    print('golden samples: %d passed, %d failed' % (checked - failures, failures))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
