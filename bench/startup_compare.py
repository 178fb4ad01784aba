#!/usr/bin/env python3
"""Start-up cost of several commands, measured in one interleaved run.

Each round runs every command once, in order, with posix_spawn (no copy of
this interpreter's memory in the child) and stdout/stderr on /dev/null; the
child's CPU time comes from wait4's rusage. Prints the median CPU and wall
time of each command over RUNS rounds. Interleaving keeps a busy or noisy
machine from favouring one command.

  bench/startup_compare.py RUNS NAME='CMD ARG...' [NAME='CMD ARG...' ...]

  bench/startup_compare.py 400 oracle="build-oracle/hcl1ref json f.hcl" \
      entryc="build/bin/entryc lint --format compact f.hcl"
"""
import os
import shlex
import statistics
import sys
import time


def main():
    if len(sys.argv) < 3 or not sys.argv[1].isdigit() or any('=' not in a for a in sys.argv[2:]):
        sys.exit(__doc__)
    runs = int(sys.argv[1])
    commands = [(name, shlex.split(cmd)) for name, cmd in (a.split('=', 1) for a in sys.argv[2:])]
    cpu = {name: [] for name, _ in commands}
    wall = {name: [] for name, _ in commands}
    quiet = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_WRONLY, 0) for fd in (1, 2)]
    for _ in range(runs):
        for name, argv in commands:
            t0 = time.perf_counter()
            pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=quiet)
            _, _, usage = os.wait4(pid, 0)
            wall[name].append(time.perf_counter() - t0)
            cpu[name].append(usage.ru_utime + usage.ru_stime)
    for name, _ in commands:
        print('%-12s cpu %.3f ms  wall %.3f ms' % (name, statistics.median(cpu[name]) * 1e3,
                                                   statistics.median(wall[name]) * 1e3))


if __name__ == '__main__':
    main()
