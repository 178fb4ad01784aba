#!/usr/bin/env python3
"""Differential test: `entryc convert` against HashiCorp's HCL v1 parser.

For a generated corpus (../shared/bench/gencorpus.py: 3000 files, fixed seed,
20 % with one injected error) and 4000 randomly damaged copies of it, every
file is decoded by the oracle (hcl1ref, built from Debian's hashicorp/hcl by
../shared/oracle/build.sh) and by entryc, in the oracle's three modes:

  plain      hcl.Decode                       hcl1ref json          entryc convert
  consul     `consul config write`'s reader   hcl1ref json -consul  entryc convert --consul
  dup-error  Consul's ACL-rule strictness     hcl1ref json -dup-error  entryc convert --dup-error

A file passes when, in every mode, both accept it with equal decoded JSON
(../shared/oracle/jsondiff.py, type-aware) or both reject it with the same
error text. Files HCL v1 silently accepts although they are broken (lenient
JSON, repeated attributes) must get a warning from `entryc parse --check`.
Finally every JSON file is converted with `entryc convert --to hcl`: the
oracle must decode the HCL to the same configuration as the JSON (blocks
standing for objects, integers for whole floats).
Prints "N passed, N failed" per part; exit status 1 on any failure.

  differential.py --entryc BUILD/bin/entryc [--oracle PATH] [--work DIR]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, '..', '..', '..', 'shared'))
MODES = {'plain': [], 'consul': ['-consul'], 'dup-error': ['-dup-error']}


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def results(d):
    out = {}
    for n in os.listdir(d):
        base, ext = os.path.splitext(n)
        with open(os.path.join(d, n), 'rb') as f:
            out[base] = (ext, f.read())
    return out


def same(a, b):
    (ea, da), (eb, db) = a, b
    if ea != eb:
        return False
    if ea == '.err':
        return da == db
    return json.loads(da) == json.loads(db) and typed(json.loads(da)) == typed(json.loads(db))


def typed(v):
    """A structure that tells int from float (json.loads keeps the types)."""
    if isinstance(v, dict):
        return {k: typed(x) for k, x in v.items()}
    if isinstance(v, list):
        return [typed(x) for x in v]
    return (type(v).__name__, v)


def compare(files, oracle, entryc, work, label):
    failed = []
    verdicts = {}
    for mode, flags in MODES.items():
        want, got = os.path.join(work, label + '-want-' + mode), os.path.join(work, label + '-got-' + mode)
        for d in (want, got):
            shutil.rmtree(d, ignore_errors=True)
        p = run([oracle, 'json'] + flags + ['-o', want] + files)
        if p.returncode not in (0, 1):
            sys.exit('differential: oracle failed: %s' % p.stderr.decode(errors='replace'))
        p = run([entryc, 'convert'] + [f.replace('-', '--', 1) for f in flags] + ['-o', got] + files)
        if p.returncode not in (0, 1):
            sys.exit('differential: entryc convert failed (exit %d): %s' % (p.returncode, p.stderr.decode(errors='replace')[:2000]))
        # jsondiff.py is the shared, type-aware comparison; it must agree too.
        jd = run([sys.executable, os.path.join(SHARED, 'oracle', 'jsondiff.py'), '--positions', want, got])
        verdicts[mode] = jd.stdout.decode(errors='replace').strip().splitlines()[-1]
        w, g = results(want), results(got)
        for name in sorted(set(w) | set(g)):
            if name not in w or name not in g or not same(w[name], g[name]):
                failed.append((mode, name, w.get(name, ('', b''))[1][:150], g.get(name, ('', b''))[1][:150]))
    bad = {name for _, name, _, _ in failed}
    print('%s: %d passed, %d failed  (jsondiff --positions: %s)' % (
        label, len(files) - len(bad), len(bad), '; '.join('%s %s' % kv for kv in verdicts.items())))
    for mode, name, a, b in failed[:10]:
        print('  FAIL %s %s\n    oracle: %r\n    entryc: %r' % (mode, name, a, b))
    return len(bad)


def warnings(corpus, entryc):
    """HCL v1 accepts these broken files; entryc must say so."""
    with open(os.path.join(corpus, 'MANIFEST.json'), encoding='utf-8') as f:
        man = json.load(f)
    checks = []
    for r in man['files']:
        err = r['error'] or {}
        if err.get('class') == 'syntax' and r['oracle_ok']['default']:
            checks.append((r['path'], 'json-lenient'))
        elif err.get('class') == 'duplicate_attribute':
            checks.append((r['path'], 'hcl-duplicate-attribute'))
    failed = 0
    for path, code in checks:
        p = run([entryc, 'parse', '--check', '--format', 'json', os.path.join(corpus, path)])
        codes = {d['code'] for d in json.loads(p.stdout)['diagnostics'] if d['severity'] == 'warning'}
        if p.returncode != 0 or code not in codes:
            failed += 1
            if failed <= 10:
                print('  FAIL %s: expected a %s warning and exit 0, got exit %d, %s' % (path, code, p.returncode, sorted(codes)))
    print('silently accepted garbage gets a warning: %d passed, %d failed' % (len(checks) - failed, failed))
    return failed


def same_meaning(j, h):
    """JSON as encoding/json reads it vs. the HCL written for it, as hcl.Decode reads it."""
    if isinstance(j, dict):
        if isinstance(h, list) and len(h) == 1:
            h = h[0]
        return isinstance(h, dict) and set(j) == set(h) and all(same_meaning(j[k], h[k]) for k in j)
    if isinstance(j, list):
        return isinstance(h, list) and len(j) == len(h) and all(same_meaning(a, b) for a, b in zip(j, h))
    if isinstance(j, bool) or isinstance(h, bool):
        return type(j) is type(h) and j == h
    if isinstance(j, (int, float)):
        return isinstance(h, (int, float)) and float(j) == float(h)
    return j == h


def to_hcl(files, oracle, entryc, work):
    out, want, got = (os.path.join(work, 'to-hcl-' + x) for x in ('out', 'want', 'got'))
    for d in (out, want, got):
        shutil.rmtree(d, ignore_errors=True)
    run([entryc, 'convert', '--to', 'hcl', '-q', '-o', out] + files)
    written = sorted(os.path.join(out, n) for n in os.listdir(out) if n.endswith('.hcl'))
    sources = [os.path.join(os.path.dirname(files[0]), os.path.basename(w)[:-4]) for w in written]
    run([oracle, 'json', '-consul', '-o', want] + sources)
    run([oracle, 'json', '-o', got] + written)
    failed = 0
    for src in sources:
        name = os.path.basename(src)
        with open(os.path.join(want, name + '.json'), 'rb') as f:
            j = json.load(f)
        path = os.path.join(got, name + '.hcl.json')
        ok = os.path.exists(path)
        if ok:
            with open(path, 'rb') as f:
                ok = same_meaning(j, json.load(f))
        if not ok:
            failed += 1
            if failed <= 10:
                print('  FAIL %s: the HCL written for it decodes differently' % name)
    print('JSON -> HCL1 keeps the meaning: %d passed, %d failed (%d of %d JSON files are strict JSON)' % (
        len(sources) - failed, failed, len(sources), len(files)))
    return failed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--entryc', required=True)
    ap.add_argument('--oracle', default=os.environ.get('ENTRYC_ORACLE'))
    ap.add_argument('--work', default=None)
    ap.add_argument('--files', type=int, default=3000)
    args = ap.parse_args()
    work = args.work or os.path.join(os.path.dirname(os.path.abspath(args.entryc)), '..', 'differential')
    work = os.path.abspath(work)
    os.makedirs(work, exist_ok=True)
    oracle = args.oracle
    if not oracle or not os.path.exists(oracle):
        p = run(['bash', os.path.join(SHARED, 'oracle', 'build.sh'), os.path.join(work, 'oracle')])
        if p.returncode != 0:
            sys.exit('differential: cannot build the oracle: %s' % p.stderr.decode(errors='replace'))
        oracle = p.stdout.decode().strip().splitlines()[-1]
    corpus = os.path.join(work, 'corpus')
    p = run([sys.executable, os.path.join(SHARED, 'bench', 'gencorpus.py'), '--files', str(args.files),
             '--seed', '20261126', '--bad-fraction', '0.2', '--out', corpus, '--force'])
    if p.returncode != 0:
        sys.exit('differential: gencorpus failed: %s' % p.stderr.decode(errors='replace'))
    entries = os.path.join(corpus, 'entries')
    files = sorted(os.path.join(entries, n) for n in os.listdir(entries))
    damaged = os.path.join(work, 'damaged')
    shutil.rmtree(damaged, ignore_errors=True)
    run([sys.executable, os.path.join(HERE, 'mutate.py'), entries, damaged, '4000', '7'])
    dfiles = sorted(os.path.join(damaged, n) for n in os.listdir(damaged))
    bad = compare(files, oracle, args.entryc, work, 'corpus (%d files, 20%% broken)' % len(files))
    bad += compare(dfiles, oracle, args.entryc, work, 'damaged copies (%d files)' % len(dfiles))
    bad += warnings(corpus, args.entryc)
    bad += to_hcl([f for f in files if f.endswith('.json')], oracle, args.entryc, work)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
