#!/usr/bin/env python3
"""Plan compile time against project size: gencorpus projects of 1k, 10k and
100k entries (4 clusters), `entryc-bench-plan` on each (load + lint every
file, project-wide rules, compile), and `hcl1ref bench` (parse + hcl.Decode,
one thread) on the same files as the reference point, in one run.

Growth is near-linear when the time per entry stays flat: the script prints
each size's CPU time per entry and its ratio to the smallest size's. CPU
seconds (user + system) are the measure because they do not grow when the
machine is busy with other work; wall seconds are printed next to them.

  bench/plan_vs_size.py --bin BUILD/bin [--sizes 1000,10000,100000] [--work DIR]
"""
import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, '..', '..', 'shared'))


def corpus(work, n):
    out = os.path.join(work, 'plan-corpus-%d' % n)
    if not os.path.exists(os.path.join(out, 'topology.hcl')):
        subprocess.run([sys.executable, os.path.join(SHARED, 'bench', 'gencorpus.py'), '--files', str(n), '--seed', '1',
                        '--clusters', '4', '--out', out, '--force'], check=True, capture_output=True)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--bin', required=True)
    ap.add_argument('--oracle', default=os.environ.get('ENTRYC_ORACLE'))
    ap.add_argument('--sizes', default='1000,10000,100000')
    ap.add_argument('--work', default=None)
    args = ap.parse_args()
    work = os.path.abspath(args.work or os.path.join(args.bin, '..', 'bench-work'))
    os.makedirs(work, exist_ok=True)
    oracle = args.oracle
    if not oracle or not os.path.exists(oracle):
        oracle = subprocess.run(['bash', os.path.join(SHARED, 'oracle', 'build.sh'), os.path.join(work, 'oracle')],
                                capture_output=True, check=True).stdout.decode().split()[-1]
    rows = []
    for n in [int(s) for s in args.sizes.split(',')]:
        d = corpus(work, n)
        j = json.loads(subprocess.run([os.path.join(args.bin, 'entryc-bench-plan'), os.path.join(d, 'topology.hcl')],
                                      capture_output=True, check=True).stdout)
        files = sorted(os.path.join(d, 'entries', f) for f in os.listdir(os.path.join(d, 'entries')))
        # hcl1ref takes the file list on its command line: feed it in chunks.
        elapsed = 0.0
        for i in range(0, len(files), 5000):
            out = subprocess.run([oracle, 'bench', '-n', '1', *files[i:i + 5000]], env=dict(os.environ, GOMAXPROCS='1'),
                                 capture_output=True, check=True).stdout.decode()
            elapsed += float(re.search(r'elapsed: ([0-9.]+)s', out).group(1))
        total = j['load_cpu_s'] + j['check_cpu_s'] + j['compile_cpu_s']
        wall = j['load_s'] + j['check_s'] + j['compile_s']
        rows.append((n, j, total, wall, elapsed))
    base = rows[0][2] / rows[0][0]
    print('| entries | ops | load+lint CPU s | project rules CPU s | compile CPU s | total CPU s | wall s | peak RSS MiB '
          '| us/entry | vs %d | hcl1ref parse s | entryc/hcl1ref |' % rows[0][0])
    print('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
    for n, j, total, wall, ref in rows:
        print('| %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %d | %.1f | %.2fx | %.2f | %.2fx |' % (
            n, j['ops'], j['load_cpu_s'], j['check_cpu_s'], j['compile_cpu_s'], total, wall, j['compile_peak_mib'],
            total / n * 1e6, (total / n) / base, ref, total / ref))
    print('growth: time per entry at %d entries is %.2fx the time per entry at %d (1.00x = linear)' % (
        rows[-1][0], (rows[-1][2] / rows[-1][0]) / base, rows[0][0]))


if __name__ == '__main__':
    main()
