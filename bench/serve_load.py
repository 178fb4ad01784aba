#!/usr/bin/env python3
"""`entryc serve` under a bounded load (docs/serve.md).

Starts serve on the seed project (samples/seed-two-clusters: two clusters,
ACLs on, default deny) with one loopback listener per cluster and a random
management token in a 0600 file, establishes the seed peering, then sends
ROUNDS x REQUESTS requests over CONCURRENCY keep-alive connections (one
http.client.HTTPConnection per thread, split over both listeners):

  60 % reads   GET /v1/config/service-intentions, /v1/config/exported-services/default,
               /v1/peerings, /v1/exported-services,
               /v1/connect/intentions/check?source=frontend-service&destination=backend-service
  30 % writes  PUT /v1/config: service-intentions for one of 200 services (2/3),
               exported-services/default (1/3)
  10 % other   ACL policy reads (list, by id, by name), policy updates, GET /v1/peering/NAME

Every reply must have the expected status (and `true` for a config write);
anything else is an error and the script exits 1. Reports wall time,
requests/s, client-side latency percentiles, serve's and this client's CPU
time, and serve's RSS (VmRSS) before, at 25/50/75 % and after each round.
SIGTERM at the end must give exit 0. Stdlib only.

  bench/serve_load.py [--entryc PATH] [--requests 10000] [--concurrency 8] [--rounds 1]
                      [--state-dir [DIR]] [--no-peering] [--seed 1] [--json]
"""
import argparse
import http.client
import json
import os
import random
import secrets
import statistics
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
from serve_process import ServeProcess  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROJECT = os.path.join(ROOT, 'samples', 'seed-two-clusters', 'entryc.hcl')
CLUSTERS = ('cluster-01', 'cluster-02')
PEER_OF = {'cluster-01': 'cluster-02', 'cluster-02': 'cluster-01'}   # each side's name for the other
SERVICES = ['svc-%03d' % i for i in range(200)]
POLICIES = 20            # per cluster, created before the load, updated during it
CHECK_PATH = '/v1/connect/intentions/check?source=frontend-service&destination=backend-service'
SHOW_ERRORS = 5


def proc_status(pid):
    """VmRSS and VmHWM of pid in KiB."""
    out = {}
    with open('/proc/%d/status' % pid) as f:
        for line in f:
            if line.startswith(('VmRSS:', 'VmHWM:')):
                out[line.split(':')[0]] = int(line.split()[1])
    return out


def proc_cpu(pid):
    """utime + stime of pid in seconds."""
    with open('/proc/%d/stat' % pid) as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


def percentile(sorted_values, p):
    """Nearest-rank percentile."""
    if not sorted_values:
        return 0.0
    k = max(0, min(len(sorted_values) - 1, int(-(-p * len(sorted_values) // 100)) - 1))
    return sorted_values[k]


class Serve(ServeProcess):
    """`entryc serve` on two ephemeral ports (tests/e2e/serve_process.py)."""

    def __init__(self, entryc, token_file, log_path, state_dir=None):
        super().__init__(entryc, PROJECT, CLUSTERS, token_file=token_file, state_dir=state_dir, log_path=log_path)

    def log_lines(self):
        with open(self.log_path, 'rb') as f:
            return sum(1 for _ in f)


class Client:
    """One keep-alive connection."""

    def __init__(self, port, token):
        self.port = port
        self.headers = {'X-Consul-Token': token}
        self.conn = http.client.HTTPConnection('127.0.0.1', port, timeout=60)

    def request(self, method, path, body=None):
        data = None if body is None else json.dumps(body, separators=(',', ':')).encode()
        headers = self.headers if data is None else dict(self.headers, **{'Content-Type': 'application/json'})
        try:
            self.conn.request(method, path, body=data, headers=headers)
            r = self.conn.getresponse()
            return r.status, r.read().decode(errors='replace')
        except (OSError, http.client.HTTPException) as e:
            self.conn.close()
            self.conn = http.client.HTTPConnection('127.0.0.1', self.port, timeout=60)
            return None, '%s: %s' % (type(e).__name__, e)

    def close(self):
        self.conn.close()


def setup(ports, token, peering):
    """Seed state: the peering (optional), exports, one intention, POLICIES policies per cluster.
    Returns {cluster: [(policy id, name)]}."""
    errors = []

    def need(ok, what):
        if not ok:
            errors.append(what)

    c1, c2 = Client(ports['cluster-01'], token), Client(ports['cluster-02'], token)
    if peering:
        st, body = c1.request('POST', '/v1/peering/token', {'PeerName': 'cluster-02'})
        need(st == 200, 'generate token: %s' % st)          # the body holds the token: never printed
        peering_token = json.loads(body).get('PeeringToken', '') if st == 200 else ''
        st, body = c2.request('POST', '/v1/peering/establish', {'PeerName': 'cluster-01', 'PeeringToken': peering_token})
        need(st == 200, 'establish: %s %s' % (st, body[:200] if st != 200 else ''))
        del peering_token
    policies = {}
    for name, c in (('cluster-01', c1), ('cluster-02', c2)):
        st, body = c.request('PUT', '/v1/config', export_entry(name, ['backend-service' if name == 'cluster-01' else 'frontend-service']))
        need((st, body) == (200, 'true'), 'export on %s: %s %s' % (name, st, body[:200]))
        policies[name] = []
        for i in range(POLICIES):
            st, body = c.request('PUT', '/v1/acl/policy', {'Name': 'load-%02d' % i, 'Rules': policy_rules(i)})
            need(st == 200, 'policy on %s: %s %s' % (name, st, body[:200]))
            if st == 200:
                policies[name].append((json.loads(body)['ID'], 'load-%02d' % i))
    st, body = c1.request('PUT', '/v1/config', {'Kind': 'service-intentions', 'Name': 'backend-service', 'Sources': [
        {'Name': 'frontend-service', 'Peer': 'cluster-02', 'Action': 'allow'}]})
    need((st, body) == (200, 'true'), 'intention: %s %s' % (st, body[:200]))
    if peering:
        for name, c in (('cluster-01', c1), ('cluster-02', c2)):
            st, body = c.request('GET', '/v1/peerings')
            states = [(p['Name'], p['State']) for p in json.loads(body)] if st == 200 else []
            need(states == [(PEER_OF[name], 'ACTIVE')], 'peering on %s: %s %s' % (name, st, states))
    c1.close()
    c2.close()
    if errors:
        raise SystemExit('set-up failed:\n  ' + '\n  '.join(errors))
    return policies


def export_entry(cluster, services):
    return {'Kind': 'exported-services', 'Name': 'default', 'Services': [
        {'Name': s, 'Consumers': [{'Peer': PEER_OF[cluster]}]} for s in services]}


def policy_rules(i):
    return 'service_prefix "svc-%03d" {\n  policy = "read"\n}\nnode_prefix "" {\n  policy = "read"\n}\n' % i


def next_request(rng, cluster, policies, peering):
    """(method, path, body, expected status, expected body or None)."""
    x = rng.random()
    if x < 0.60:
        path = rng.choice(('/v1/config/service-intentions', '/v1/config/exported-services/default',
                           '/v1/peerings', '/v1/exported-services', CHECK_PATH))
        return 'GET', path, None, 200, None
    if x < 0.90:
        if rng.random() < 2 / 3:
            sources = [{'Name': 'frontend-service', 'Action': rng.choice(('allow', 'deny'))}]
            if peering and rng.random() < 0.5:
                sources.append({'Name': 'frontend-service', 'Peer': PEER_OF[cluster], 'Action': 'allow'})
            if rng.random() < 0.3:
                sources.append({'Name': '*', 'Action': 'deny'})
            entry = {'Kind': 'service-intentions', 'Name': rng.choice(SERVICES), 'Sources': sources,
                     'Meta': {'round': str(rng.randrange(1000))}}
        else:
            keep = 'backend-service' if cluster == 'cluster-01' else 'frontend-service'
            entry = export_entry(cluster, [keep] + sorted(rng.sample(SERVICES, rng.randint(0, 10))))
        return 'PUT', '/v1/config', entry, 200, 'true'
    y = rng.random()
    pid, pname = rng.choice(policies[cluster])
    if y < 0.25:
        return 'GET', '/v1/acl/policies', None, 200, None
    if y < 0.45:
        return 'GET', '/v1/acl/policy/' + pid, None, 200, None
    if y < 0.60:
        return 'GET', '/v1/acl/policy/name/' + pname, None, 200, None
    if y < 0.80:
        return 'PUT', '/v1/acl/policy/' + pid, {'ID': pid, 'Name': pname, 'Rules': policy_rules(rng.randrange(200))}, 200, None
    if peering:
        return 'GET', '/v1/peering/' + PEER_OF[cluster], None, 200, None
    return 'GET', '/v1/peerings', None, 200, None


def route_of(path):
    """The path without its query and with ids and names as :id / :name, for the mix."""
    path = path.split('?')[0]
    for prefix, arg in (('/v1/acl/policy/name/', ':name'), ('/v1/acl/policy/', ':id'), ('/v1/peering/', ':name')):
        if path.startswith(prefix):
            return prefix + arg
    return path


def run_round(serve, token, policies, args, rnd):
    n, c = args.requests, args.concurrency
    pid = serve.proc.pid
    marks = [n * q // 4 for q in (1, 2, 3)]
    rss = {'before': proc_status(pid)['VmRSS']}
    cpu0, client0 = proc_cpu(pid), time.process_time()
    done = [0]
    lock = threading.Lock()
    errors = []
    error_count = [0]
    latencies = [[] for _ in range(c)]
    counts = {}
    shares = [n // c + (1 if i < n % c else 0) for i in range(c)]
    start = threading.Barrier(c + 1)

    def worker(i):
        cluster = CLUSTERS[i % 2]
        client = Client(serve.ports[cluster], token)
        rng = random.Random('%d-%d-%d' % (args.seed, rnd, i))
        lat = latencies[i]
        mine = {}
        start.wait()
        for _ in range(shares[i]):
            method, path, body, want, want_body = next_request(rng, cluster, policies, not args.no_peering)
            t0 = time.perf_counter()
            st, got = client.request(method, path, body)
            lat.append(time.perf_counter() - t0)
            key = method + ' ' + route_of(path)
            mine[key] = mine.get(key, 0) + 1
            bad = st != want or (want_body is not None and got != want_body)
            with lock:
                if bad:
                    error_count[0] += 1
                    if len(errors) < SHOW_ERRORS:
                        errors.append('%s %s on %s -> %s %s' % (method, path, cluster, st, got[:300]))
                done[0] += 1
                k = done[0]
            if k in marks:
                rss['%d%%' % (25 * (marks.index(k) + 1))] = proc_status(pid)['VmRSS']
        client.close()
        with lock:
            for key, v in mine.items():
                counts[key] = counts.get(key, 0) + v

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(c)]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    cpu, client_cpu = proc_cpu(pid) - cpu0, time.process_time() - client0
    st = proc_status(pid)
    rss['after'] = st['VmRSS']
    lat = sorted(x for l in latencies for x in l)
    ms = lambda v: round(v * 1000, 3)
    return {
        'round': rnd, 'requests': len(lat), 'errors': error_count[0], 'first_errors': errors,
        'wall_s': round(wall, 3), 'rps': round(len(lat) / wall, 1),
        'latency_ms': {'mean': ms(statistics.fmean(lat)) if lat else 0.0, 'p50': ms(percentile(lat, 50)),
                       'p90': ms(percentile(lat, 90)), 'p99': ms(percentile(lat, 99)),
                       'p99.9': ms(percentile(lat, 99.9)), 'max': ms(lat[-1] if lat else 0.0)},
        'serve_cpu_s': round(cpu, 2), 'serve_cpu_us_per_req': round(cpu / max(1, len(lat)) * 1e6, 1),
        'client_cpu_s': round(client_cpu, 2),
        'rss_kib': rss, 'hwm_kib': st['VmHWM'], 'mix': dict(sorted(counts.items())),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--entryc', default=os.environ.get('ENTRYC') or os.path.join(ROOT, 'build-me', 'bin', 'entryc'))
    ap.add_argument('--requests', type=int, default=10000, help='requests per round')
    ap.add_argument('--concurrency', type=int, default=8, help='keep-alive connections (one thread each)')
    ap.add_argument('--rounds', type=int, default=1)
    ap.add_argument('--state-dir', nargs='?', const='', default=None,
                    help='durable state (journal fsynced per write); without DIR a fresh temporary directory')
    ap.add_argument('--no-peering', action='store_true', help='do not establish the seed peering first')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--json', action='store_true', help='also print a one-line JSON summary')
    args = ap.parse_args()
    if args.requests < 1 or args.concurrency < 1 or args.rounds < 1:
        ap.error('--requests, --concurrency and --rounds must be positive')
    if not os.access(args.entryc, os.X_OK):
        ap.error('no entryc binary at %s (--entryc or $ENTRYC)' % args.entryc)

    token = secrets.token_hex(32)
    with tempfile.TemporaryDirectory(prefix='entryc-serve-load-') as tmp:
        token_file = os.path.join(tmp, 'token')
        fd = os.open(token_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, 'w') as f:
            f.write(token + '\n')
        state_dir = None
        if args.state_dir is not None:
            state_dir = os.path.abspath(args.state_dir) if args.state_dir else os.path.join(tmp, 'state')
        serve = Serve(args.entryc, token_file, os.path.join(tmp, 'serve.log'), state_dir)
        try:
            policies = setup(serve.ports, token, not args.no_peering)
            print('serve: pid %d, %s, listeners %s, state %s, %d x %d requests over %d connections' % (
                serve.proc.pid, os.path.relpath(args.entryc), ', '.join('%s=%d' % kv for kv in sorted(serve.ports.items())),
                state_dir or 'in memory (no --state-dir)', args.rounds, args.requests, args.concurrency))
            print('serve RSS after set-up: %d KiB' % proc_status(serve.proc.pid)['VmRSS'])
            rounds = []
            for rnd in range(1, args.rounds + 1):
                r = run_round(serve, token, policies, args, rnd)
                rounds.append(r)
                lm, rss = r['latency_ms'], r['rss_kib']
                print('round %d: %d requests, %d errors, %.2f s, %.0f req/s' % (
                    rnd, r['requests'], r['errors'], r['wall_s'], r['rps']))
                print('  latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (mean %.2f)' % (
                    lm['p50'], lm['p90'], lm['p99'], lm['p99.9'], lm['max'], lm['mean']))
                print('  CPU: serve %.2f s (%.0f us/request), this client %.2f s' % (
                    r['serve_cpu_s'], r['serve_cpu_us_per_req'], r['client_cpu_s']))
                print('  serve RSS KiB: before %d, 25%% %d, 50%% %d, 75%% %d, after %d (peak %d)' % (
                    rss['before'], rss.get('25%', 0), rss.get('50%', 0), rss.get('75%', 0), rss['after'], r['hwm_kib']))
                for e in r['first_errors']:
                    print('  unexpected: ' + e)
            mix = {}
            for r in rounds:
                for k, v in r['mix'].items():
                    mix[k] = mix.get(k, 0) + v
            total = sum(mix.values())
            print('mix: ' + ', '.join('%s %.1f%%' % (k, 100.0 * v / total) for k, v in sorted(mix.items(), key=lambda kv: -kv[1])))
        finally:
            log_lines = serve.log_lines() if serve.proc.poll() is None else 0
            rc = serve.stop()
        with open(serve.log_path, 'rb') as f:
            log = f.read()
        leaked = token.encode() in log
        total_req = sum(r['requests'] for r in rounds)
        total_err = sum(r['errors'] for r in rounds)
        print('total: %d requests, %d errors; serve log %d lines; SIGTERM -> exit %d%s' % (
            total_req, total_err, log_lines, rc, '; TOKEN IN THE LOG' if leaked else ''))
        if args.json:
            all_rss = [r['rss_kib']['after'] for r in rounds]
            print(json.dumps({
                'requests': total_req, 'errors': total_err, 'rounds': args.rounds, 'concurrency': args.concurrency,
                'state_dir': state_dir is not None, 'peering': not args.no_peering,
                'wall_s': round(sum(r['wall_s'] for r in rounds), 3),
                'rps': [r['rps'] for r in rounds], 'latency_ms': [r['latency_ms'] for r in rounds],
                'serve_cpu_us_per_req': [r['serve_cpu_us_per_req'] for r in rounds],
                'client_cpu_s': [r['client_cpu_s'] for r in rounds],
                'rss_kib_after_setup': rounds[0]['rss_kib']['before'], 'rss_kib_after_round': all_rss,
                'hwm_kib': rounds[-1]['hwm_kib'], 'exit_code': rc}, separators=(',', ':')))
        if total_err or rc != 0 or leaked:
            return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
