#!/usr/bin/env python3
"""Lint speed against HashiCorp's HCL parser, in one run.

The generated corpus is for Consul Enterprise (partitions, namespaces), so
entryc lints it with --edition ent, where it is clean.

1. Throughput: `entryc-bench-lint` (parse + decode like Consul + every plugin
   loaded and run, one thread) against `GOMAXPROCS=1 hcl1ref bench` (parse +
   hcl.Decode) on a generated corpus, alternating for ROUNDS; medians.
2. One small file, process start and plugin loading included: the median
   wall time of `entryc lint FILE` against `hcl1ref json FILE` over RUNS
   alternating runs each.

  bench/lint_vs_oracle.py --bin BUILD/bin [--files 1000] [--rounds 3] [--runs 200]
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, '..', '..', 'shared'))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--bin', required=True, help='directory with entryc and entryc-bench-lint')
    ap.add_argument('--oracle', default=os.environ.get('ENTRYC_ORACLE'))
    ap.add_argument('--files', type=int, default=1000)
    ap.add_argument('--rounds', type=int, default=3)
    ap.add_argument('--runs', type=int, default=200)
    ap.add_argument('-n', type=int, default=10)
    ap.add_argument('--work', default=None)
    args = ap.parse_args()
    work = os.path.abspath(args.work or os.path.join(args.bin, '..', 'bench-work'))
    os.makedirs(work, exist_ok=True)
    oracle = args.oracle
    if not oracle or not os.path.exists(oracle):
        oracle = subprocess.run(['bash', os.path.join(SHARED, 'oracle', 'build.sh'), os.path.join(work, 'oracle')],
                                capture_output=True, check=True).stdout.decode().split()[-1]
    corpus = os.path.join(work, 'corpus-%d-1' % args.files)
    if not os.path.isdir(os.path.join(corpus, 'entries')):
        subprocess.run([sys.executable, os.path.join(SHARED, 'bench', 'gencorpus.py'), '--files', str(args.files),
                        '--seed', '1', '--out', corpus, '--force'], check=True, capture_output=True)
    files = sorted(os.path.join(corpus, 'entries', f) for f in os.listdir(os.path.join(corpus, 'entries')))
    env1 = dict(os.environ, GOMAXPROCS='1')
    ours, theirs = [], []
    plugins = rules = 0
    for _ in range(args.rounds):
        out = subprocess.run([oracle, 'bench', '-n', str(args.n), *files], env=env1, capture_output=True,
                             check=True).stdout.decode()
        theirs.append(float(re.search(r'mean: (\d+) files/s', out).group(1)))
        j = json.loads(subprocess.run([os.path.join(args.bin, 'entryc-bench-lint'), '-n', str(args.n), '--edition', 'ent', *files],
                                      capture_output=True, check=True).stdout)
        ours.append(j['files_per_s'])
        plugins, rules = j['plugins'], j['rules']
    o, t = statistics.median(ours), statistics.median(theirs)
    print('corpus: %d files (gencorpus.py --files %d --seed 1); %d rounds x %d passes, one thread' % (
        len(files), args.files, args.rounds, args.n))
    print('| run | files/s |\n| --- | ---: |')
    print('| hcl1ref bench, parse + hcl.Decode (GOMAXPROCS=1) | %.0f |' % t)
    print('| entryc lint pipeline (%d plugins, %d rules) | %.0f |' % (plugins, rules, o))
    print('lint throughput: %.2fx hcl1ref (target >= 5x)' % (o / t))

    small = min((f for f in files if f.endswith('.hcl')), key=lambda f: abs(os.path.getsize(f) - 1024))
    entryc = os.path.join(args.bin, 'entryc')
    a, b = [], []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        subprocess.run([entryc, 'lint', '--edition', 'ent', '--format', 'compact', small], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        a.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        subprocess.run([oracle, 'json', small], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        b.append(time.perf_counter() - t0)
    ma, mb = statistics.median(a), statistics.median(b)
    print('one %d-byte file, %d alternating runs: entryc lint %.2f ms, hcl1ref json %.2f ms (median wall): '
          '%.2fx (target <= 1.5x)' % (os.path.getsize(small), args.runs, ma * 1e3, mb * 1e3, ma / mb))


if __name__ == '__main__':
    main()
