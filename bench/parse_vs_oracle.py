#!/usr/bin/env python3
"""Parse throughput of entryc against HashiCorp's HCL v1 parser, in one run.

Generates (or reuses) a corpus with ../shared/bench/gencorpus.py, builds the
oracle with ../shared/oracle/build.sh, then alternates, ROUNDS times:

  GOMAXPROCS=1 hcl1ref bench -parse-only -n N FILES    HashiCorp: parse only
  GOMAXPROCS=1 hcl1ref bench -n N FILES                HashiCorp: parse + hcl.Decode
  entryc-bench-parse --mode parse -n N FILES           entryc: syntax tree
  entryc-bench-parse --mode decode -n N FILES          entryc: syntax tree + decode view

and prints the median files/s and MB/s of each, the ratios, and entryc's peak
memory relative to the input. Everything runs on one thread.

  bench/parse_vs_oracle.py --bench BUILD/bench/entryc-bench-parse [--files 1000] [--rounds 3]
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, '..', '..', 'shared'))


def oracle_run(oracle, flags, files, n):
    env = dict(os.environ, GOMAXPROCS='1')
    out = subprocess.run([oracle, 'bench', *flags, '-n', str(n), *files], env=env, capture_output=True,
                         check=True).stdout.decode()
    m = re.search(r'mean: (\d+) files/s\s+([\d.]+) MB/s', out)
    return float(m.group(1)), float(m.group(2))


def entryc_run(bench, mode, files, n):
    out = subprocess.run([bench, '--mode', mode, '-n', str(n), *files], capture_output=True, check=True).stdout
    j = json.loads(out)
    return j['files_per_s'], j['mb_per_s'], j


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--bench', required=True, help='path to entryc-bench-parse')
    ap.add_argument('--oracle', default=os.environ.get('ENTRYC_ORACLE'))
    ap.add_argument('--files', type=int, default=1000)
    ap.add_argument('--seed', default='1')
    ap.add_argument('--rounds', type=int, default=3)
    ap.add_argument('-n', type=int, default=10, help='timed passes per run')
    ap.add_argument('--work', default=None)
    args = ap.parse_args()
    work = os.path.abspath(args.work or os.path.join(os.path.dirname(os.path.abspath(args.bench)), 'bench-work'))
    os.makedirs(work, exist_ok=True)
    oracle = args.oracle
    if not oracle or not os.path.exists(oracle):
        oracle = subprocess.run(['bash', os.path.join(SHARED, 'oracle', 'build.sh'), os.path.join(work, 'oracle')],
                                capture_output=True, check=True).stdout.decode().split()[-1]
    corpus = os.path.join(work, 'corpus-%d-%s' % (args.files, args.seed))
    if not os.path.isdir(os.path.join(corpus, 'entries')):
        subprocess.run([sys.executable, os.path.join(SHARED, 'bench', 'gencorpus.py'), '--files', str(args.files),
                        '--seed', args.seed, '--out', corpus, '--force'], check=True, capture_output=True)
    files = sorted(os.path.join(corpus, 'entries', f) for f in os.listdir(os.path.join(corpus, 'entries')))
    total = sum(os.path.getsize(f) for f in files)
    runs = {k: [] for k in ('oracle-parse', 'oracle-decode', 'entryc-parse', 'entryc-decode')}
    mem = []
    for _ in range(args.rounds):
        runs['oracle-parse'].append(oracle_run(oracle, ['-parse-only'], files, args.n))
        runs['oracle-decode'].append(oracle_run(oracle, [], files, args.n))
        fps, mbs, _ = entryc_run(args.bench, 'parse', files, args.n)
        runs['entryc-parse'].append((fps, mbs))
        fps, mbs, j = entryc_run(args.bench, 'decode', files, args.n)
        runs['entryc-decode'].append((fps, mbs))
        mem.append(j)
    med = {k: (statistics.median(x[0] for x in v), statistics.median(x[1] for x in v)) for k, v in runs.items()}
    print('corpus: %d files, %d bytes (gencorpus.py --files %d --seed %s); %d rounds x %d passes, one thread' % (
        len(files), total, args.files, args.seed, args.rounds, args.n))
    print('| run | files/s | MB/s | vs hcl1ref parse-only |')
    print('| --- | ---: | ---: | ---: |')
    base = med['oracle-parse'][0]
    labels = {'oracle-parse': 'hcl1ref bench -parse-only (GOMAXPROCS=1)',
              'oracle-decode': 'hcl1ref bench, parse + hcl.Decode (GOMAXPROCS=1)',
              'entryc-parse': 'entryc, syntax tree',
              'entryc-decode': 'entryc, syntax tree + decode view'}
    for k in ('oracle-parse', 'oracle-decode', 'entryc-parse', 'entryc-decode'):
        print('| %s | %.0f | %.1f | %.2fx |' % (labels[k], med[k][0], med[k][1], med[k][0] / base))
    print('entryc parse + decode view vs hcl1ref parse-only: %.2fx files/s (target >= 5x)' % (
        med['entryc-decode'][0] / base))
    print('entryc parse + decode view vs hcl1ref parse + decode: %.2fx files/s' % (
        med['entryc-decode'][0] / med['oracle-decode'][0]))
    m = max(mem, key=lambda j: j['peak_over_input'])
    print('entryc peak memory: %.2fx the input (peak RSS %d KiB - %d KiB before reading %d KiB of input; '
          'target <= 4x)' % (m['peak_over_input'], m['rss_peak_kib'], m['rss_start_kib'], total // 1024))
    print('syntax tree + decode view of one file: %.1fx its size over the corpus, %.1fx for the worst (smallest) file' % (
        m['all_files_arena_over_size'], m['worst_file_arena_over_size']))


if __name__ == '__main__':
    main()
