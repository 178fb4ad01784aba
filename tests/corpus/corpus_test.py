#!/usr/bin/env python3
"""A generated 4-cluster project (../shared/bench/gencorpus.py) through
`entryc lint --project`: no finding of a cross-cluster rule (peering-*) and
no error on any valid file, and at least one peering-* finding in every file
that carries an injected "reference" error (MANIFEST.json says which).

Prints `corpus: N passed, N failed` (one check per file), then the same for
`entryc plan` on the valid twin of the corpus (it must compile).

  ENTRYC=build/bin/entryc python3 tests/corpus/corpus_test.py [--files N] [--seed S]
"""
import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
GENCORPUS = os.path.normpath(os.path.join(ROOT, '..', 'shared', 'bench', 'gencorpus.py'))
ENTRYC = os.environ.get('ENTRYC', 'entryc')


def generate(out, files, seed, bad):
    subprocess.run([sys.executable, GENCORPUS, '--files', str(files), '--seed', seed, '--clusters', '4',
                    '--bad-fraction', str(bad), '--error-classes', 'reference', '--out', out, '--force'],
                   check=True, capture_output=True)
    with open(os.path.join(out, 'MANIFEST.json'), encoding='utf-8') as f:
        return json.load(f)


def lower(v):
    if isinstance(v, dict):
        return {k.lower(): lower(x) for k, x in v.items()}
    if isinstance(v, list):
        return [lower(x) for x in v]
    return v


def one(v):
    """HCL1 decodes a block as a list of one map."""
    return v[0] if isinstance(v, list) and len(v) == 1 and isinstance(v[0], dict) else v


def true_duplicate_sources(path):
    """Whether the service-intentions entry in PATH really lists a source twice
    once Consul Enterprise has normalized it (consul-semantics.md §3.4 step b:
    a source without Peer/SamenessGroup inherits the destination's namespace
    and partition, never a wildcard). gencorpus.py labels such files valid,
    e.g. `{Name = "a"}` next to `{Name = "a", Namespace = <the entry's>}`."""
    p = subprocess.run([ENTRYC, 'convert', '--to', 'json', path], capture_output=True, check=True)
    e = one(lower(json.loads(p.stdout)))
    if not isinstance(e, dict) or e.get('kind') != 'service-intentions':
        return False

    def inherit(v):
        v = v or ''
        return 'default' if not v or '*' in v else v

    dest_ns, dest_ap = inherit(e.get('namespace')), inherit(e.get('partition'))
    seen = set()
    for s in e.get('sources') or []:
        s = one(s)
        peer, sg = s.get('peer') or '', s.get('samenessgroup') or s.get('sameness_group') or ''
        ns, ap = s.get('namespace') or '', s.get('partition') or ''
        if peer or sg:
            ns = ns or 'default'
        else:
            ns, ap = ns or dest_ns, ap or dest_ap
        key = (s.get('name'), peer, sg, ns, ap)
        if key in seen:
            return True
        seen.add(key)
    return False


def lint(project):
    p = subprocess.run([ENTRYC, 'lint', '--format', 'json', '--project', project], capture_output=True, timeout=600)
    if p.returncode not in (0, 1):
        raise SystemExit('entryc lint exited %d:\n%s' % (p.returncode, p.stderr.decode()))
    return json.loads(p.stdout)['diagnostics']


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--files', type=int, default=1000)
    ap.add_argument('--seed', default='11')
    ap.add_argument('--keep', action='store_true')
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix='entryc-corpus-')
    failed = passed = 0
    try:
        corpus = os.path.join(tmp, 'bad')
        manifest = generate(corpus, args.files, args.seed, 0.3)
        diags = lint(os.path.join(corpus, 'topology.hcl'))
        by_file = collections.defaultdict(list)
        for d in diags:
            rel = os.path.relpath(d['range']['file'], corpus)
            by_file[rel].append(d)
        injected = collections.Counter()
        mislabelled = []
        caught = collections.Counter()
        for rec in manifest['files']:
            found = by_file.get(rec['path'], [])
            policy = [d for d in found if d['code'].startswith('peering-')]
            errors = [d for d in found if d['severity'] == 'error']
            err = rec.get('error') or {}
            if err.get('class') == 'reference':
                injected[err['kind']] += 1
                ok = bool(policy)
                caught[err['kind']] += ok
                why = 'injected %s (%s) not caught' % (err['kind'], err['detail'])
            elif rec['valid']:
                if errors and all(d['code'] == 'intentions-source-duplicate' for d in errors) and \
                        true_duplicate_sources(os.path.join(corpus, rec['path'])):
                    mislabelled.append(rec['path'])
                    errors = []
                ok = not policy and not errors
                why = 'false positive on a valid file: ' + '; '.join(
                    '%d:%d %s [%s]' % (d['range']['start']['line'], d['range']['start']['column'], d['summary'],
                                       d['code']) for d in (policy or errors)[:3])
            else:
                continue  # another class of injected error: not this test's business
            if ok:
                passed += 1
            else:
                failed += 1
                print('FAIL %s: %s' % (rec['path'], why))
        print('corpus: %d passed, %d failed (%d files; reference errors caught: %s; valid-labelled files '
              'that Consul Enterprise rejects for a duplicate source, confirmed independently: %d)' % (
                  passed, failed, len(manifest['files']),
                  ', '.join('%s %d/%d' % (k, caught[k], injected[k]) for k in sorted(injected)), len(mislabelled)))

        # The valid twin compiles into a plan (less the files gencorpus
        # mislabels, confirmed as above).
        clean = os.path.join(tmp, 'clean')
        generate(clean, args.files, args.seed, 0)
        drop = set()
        for d in lint(os.path.join(clean, 'topology.hcl')):
            path = d['range']['file']
            if d['code'] == 'intentions-source-duplicate' and true_duplicate_sources(path):
                drop.add(os.path.relpath(path, clean))
        with open(os.path.join(clean, 'MANIFEST.json'), encoding='utf-8') as f:
            m = json.load(f)
        m['files'] = [rec for rec in m['files'] if rec['path'] not in drop]
        with open(os.path.join(clean, 'MANIFEST.json'), 'w', encoding='utf-8') as f:
            json.dump(m, f)
        for rel in drop:
            os.remove(os.path.join(clean, rel))
        dropped = len(drop)
        p = subprocess.run([ENTRYC, 'plan', '--format', 'json', '--project', os.path.join(clean, 'topology.hcl')],
                           capture_output=True, timeout=600)
        plan_ok = p.returncode == 0
        if plan_ok:
            summary = json.loads(p.stdout)['summary']
            print('corpus plan: 1 passed, 0 failed (%d operations; %d mislabelled files left out)' % (
                summary['create'], dropped))
        else:
            failed += 1
            print('corpus plan: 0 passed, 1 failed (exit %d)\n%s' % (p.returncode, p.stderr.decode()[-2000:]))
    finally:
        if args.keep:
            print('kept', tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
