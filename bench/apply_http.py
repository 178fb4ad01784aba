#!/usr/bin/env python3
"""`entryc apply --backend consul-http` of a 1,000-entry plan to two `entryc serve` clusters over loopback.

Generates, in a temporary directory, a project of two CE clusters with ACLs
on (default_policy deny) and one peering (cluster-01 acceptor, cluster-02
dialer, as in samples/seed-two-clusters), and ENTRIES entries in total:

  cluster-01  one service-intentions entry per service svc-0001 ... (each
              allowing frontend-<k> from peer "cluster-02"), and one
              exported-services entry exporting every svc-* to cluster-02
  cluster-02  one exported-services entry exporting every frontend-* to
              cluster-01, and POLICIES ACL policies (frontend-group-<j>,
              service:write on its frontends; a token per frontend)

Every service is declared in its cluster's `services`; both clusters have an
`http` block (cluster-01 names its token variable with `token_env`, cluster-02
uses CONSUL_HTTP_TOKEN_CLUSTER_02 and a placeholder address that
CONSUL_HTTP_ADDR_CLUSTER_02 overrides). `entryc lint --project` and
`entryc plan` must accept it without errors (warnings are shown, not fatal).

Then, per repeat, with a fresh `entryc serve` serving both clusters on
ephemeral loopback ports (one management token in a 0600 file; memory only,
or --state-dir for the fsynced journal):

  1. entryc apply --backend consul-http --auto-approve     first apply: everything created
  2. entryc apply --backend consul-http --auto-approve     must say "No changes": the refresh cost
  3. entryc plan --refresh --backend consul-http --detailed-exitcode   must exit 0

and, as the reference point, `entryc apply --auto-approve` of the same project
on the built-in runtime (`--state-dir` in the temporary directory), first and
second apply, and `entryc plan` with no backend (what every command pays
to load, lint and compile the project). Wall time of each command; for the consul-http phases the HTTP
requests serve logged (`entryc serve: METHOD PATH STATUS DURATIONms`, one
line per request), requests/s, plan ops/s and serve's CPU time. Every command
must exit 0, and serve must answer no 4xx/5xx (none is expected: the snapshot
reads lists, creates are written with ?cas=0 and read back); any is reported
and the script exits 1. With --repeat R the table shows the median of R runs.
Stdlib only.

  bench/apply_http.py [--entryc PATH] [--entries 1000] [--frontends 50] [--policies 8]
                      [--repeat 1] [--state-dir [DIR]] [--http-concurrency N] [--keep] [--json]
"""
import argparse
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
from serve_process import ServeProcess  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CLUSTERS = ('cluster-01', 'cluster-02')
TOKEN_ENV_01 = 'ENTRYC_BENCH_TOKEN_C01'          # cluster-01's http.token_env
PLACEHOLDER_ADDR_02 = 'http://127.0.0.1:9'       # cluster-02's http.address, overridden by the environment
LOG_RE = re.compile(r'^entryc serve: (\S+) (\S+) (\d{3}) ([\d.]+)ms$')
SHOW = 10


# --- the project -----------------------------------------------------------------------------------

def hcl_list(items, indent='    '):
    return '[\n' + ''.join('%s"%s",\n' % (indent, s) for s in items) + indent[:-2] + ']'


def generate(root, entries, frontends, policies):
    """Writes the project under root; returns a description of it."""
    intentions = entries - 2 - policies
    if intentions < 1:
        raise SystemExit('--entries must exceed 2 + --policies (%d)' % (2 + policies))
    frontends = max(1, min(frontends, intentions))
    policies = min(policies, frontends)
    services = ['svc-%04d' % i for i in range(1, intentions + 1)]
    fronts = ['frontend-%02d' % k for k in range(1, frontends + 1)]
    front_of = {s: fronts[i % frontends] for i, s in enumerate(services)}
    group_of = {f: 'frontend-group-%d' % (k % policies + 1) for k, f in enumerate(fronts)}
    os.makedirs(os.path.join(root, 'cluster-01', 'intentions'))
    os.makedirs(os.path.join(root, 'cluster-02', 'policies'))
    for s in services:
        with open(os.path.join(root, 'cluster-01', 'intentions', s + '.hcl'), 'w') as f:
            f.write('Kind = "service-intentions"\nName = "%s"\nSources = [\n  {\n    Name   = "%s"\n'
                    '    Peer   = "cluster-02"\n    Action = "allow"\n  }\n]\n' % (s, front_of[s]))

    def exported(path, names, peer):
        with open(path, 'w') as f:
            f.write('Kind = "exported-services"\nName = "default"\nServices = [\n')
            for n in names:
                f.write('  {\n    Name      = "%s"\n    Namespace = "default"\n    Consumers = [\n'
                        '      {\n        Peer = "%s"\n      }\n    ]\n  },\n' % (n, peer))
            f.write(']\n')

    exported(os.path.join(root, 'cluster-01', 'exported-services.hcl'), services, 'cluster-02')
    exported(os.path.join(root, 'cluster-02', 'exported-services.hcl'), fronts, 'cluster-01')
    groups = sorted(set(group_of.values()), key=lambda g: int(g.rsplit('-', 1)[1]))
    for g in groups:
        with open(os.path.join(root, 'cluster-02', 'policies', g + '.hcl'), 'w') as f:
            f.write('# The sidecars of %s: service:write on their own service lets them read\n'
                    '# every service imported from cluster-01.\n' % g)
            for fr in fronts:
                if group_of[fr] == g:
                    f.write('service "%s" {\n  policy = "write"\n}\n' % fr)
    acl = '  acl {\n    enabled        = true\n    default_policy = "deny"\n  }\n'
    with open(os.path.join(root, 'entryc.hcl'), 'w') as f:
        f.write('# Generated by bench/apply_http.py: %d entries (%d service-intentions, 2 exported-services,\n'
                '# %d ACL policies), one peering.\n\n' % (intentions + 2 + len(groups), intentions, len(groups)))
        f.write('cluster "cluster-01" {\n  datacenter     = "dc1"\n  consul_version = "1.17.1"\n' + acl)
        f.write('  # The address comes from $CONSUL_HTTP_ADDR_CLUSTER_01 (serve picks the port).\n')
        f.write('  http {\n    token_env = "%s"\n  }\n' % TOKEN_ENV_01)
        f.write('  services = %s\n' % hcl_list(services))
        f.write('  entries = ["cluster-01/exported-services.hcl", "cluster-01/intentions/*.hcl"]\n}\n\n')
        f.write('cluster "cluster-02" {\n  datacenter     = "dc2"\n  consul_version = "1.17.1"\n' + acl)
        f.write('  # $CONSUL_HTTP_ADDR_CLUSTER_02 overrides this address; the token is $CONSUL_HTTP_TOKEN_CLUSTER_02.\n')
        f.write('  http {\n    address = "%s"\n  }\n' % PLACEHOLDER_ADDR_02)
        f.write('  services = %s\n' % hcl_list(fronts))
        f.write('  entries  = ["cluster-02/exported-services.hcl"]\n')
        for g in groups:
            f.write('  policy "%s" {\n    file = "cluster-02/policies/%s.hcl"\n  }\n' % (g, g))
        for fr in fronts:
            f.write('  token "%s" {\n    policies = ["%s"]\n  }\n' % (fr, group_of[fr]))
        f.write('}\n\n')
        f.write('peering "cluster-01--cluster-02" {\n  acceptor           = "cluster-01"\n  dialer             = "cluster-02"\n'
                '  acceptor_peer_name = "cluster-02"\n  dialer_peer_name   = "cluster-01"\n}\n')
    return {'entries': intentions + 2 + len(groups), 'service_intentions': intentions, 'exported_services': 2,
            'acl_policies': len(groups), 'services': intentions + frontends, 'frontends': frontends}


# --- running things -------------------------------------------------------------------------------

def proc_cpu(pid):
    """utime + stime of a live process, in seconds."""
    with open('/proc/%d/stat' % pid) as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


def children_cpu():
    import resource
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(cmd, env, cwd, timeout=600):
    """Runs cmd; returns (rc, stdout, stderr, wall seconds, CPU seconds of the child)."""
    c0 = children_cpu()
    t0 = time.perf_counter()
    p = subprocess.run(cmd, env=env, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                       errors='replace', timeout=timeout)
    wall = time.perf_counter() - t0
    return p.returncode, p.stdout, p.stderr, wall, children_cpu() - c0


class Serve(ServeProcess):
    """`entryc serve` for both clusters (tests/e2e/serve_process.py), with the request log parsed."""

    def __init__(self, entryc, project, token_file, log_path, state_dir=None):
        super().__init__(entryc, project, CLUSTERS, token_file=token_file, state_dir=state_dir, log_path=log_path)

    def requests(self):
        """The request lines logged so far: [(method, path, status, ms)]. serve writes a line
        before it sends the answer, so every request a finished client made is there."""
        out = []
        for line in self.text().splitlines():
            m = LOG_RE.match(line)
            if m:
                out.append((m.group(1), m.group(2), int(m.group(3)), float(m.group(4))))
        return out

    def cpu(self):
        return proc_cpu(self.proc.pid)


def route(path):
    """A logged path with names and ids as :name / :id."""
    for prefix, arg in (('/v1/config/service-intentions/', ':name'), ('/v1/acl/policy/name/', ':name'),
                        ('/v1/acl/policy/', ':id'), ('/v1/peering/', ':name')):
        if path.startswith(prefix) and len(path) > len(prefix) and path != '/v1/peering/token' \
                and path != '/v1/peering/establish':
            return prefix + arg
    return path


def mix(reqs):
    counts = {}
    for method, path, status, _ in reqs:
        key = '%s %s %d' % (method, route(path), status)
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


def http_get(port, path, token):
    import urllib.error
    import urllib.request
    req = urllib.request.Request('http://127.0.0.1:%d%s' % (port, path), headers={'X-Consul-Token': token})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def last_line(text, prefix):
    lines = [l for l in text.splitlines() if l.startswith(prefix)]
    return lines[-1] if lines else ''


def excerpt(text, n=15):
    lines = text.rstrip('\n').splitlines()
    return '\n'.join(('    ' + l) for l in (lines if len(lines) <= n else lines[:5] + ['...'] + lines[-(n - 6):]))


# --- one run --------------------------------------------------------------------------------------

def one_run(args, rnd, tmp, project, desc, ops, token, token_file):
    """Serve + the three consul-http phases, then the runtime reference. Returns (results, problems)."""
    problems = []
    cwd = os.path.dirname(project)
    res = {'round': rnd}
    state_dir = None
    if args.state_dir is not None:
        base = os.path.abspath(args.state_dir) if args.state_dir else os.path.join(tmp, 'serve-state')
        state_dir = os.path.join(base, 'run-%d' % rnd)
        if os.path.exists(state_dir):
            raise SystemExit('%s exists: serve must start from empty clusters' % state_dir)
        os.makedirs(state_dir, mode=0o700)
    serve = Serve(args.entryc, project, token_file, os.path.join(tmp, 'serve-%d.log' % rnd), state_dir)
    env = dict(os.environ)
    for k in list(env):
        if k.startswith(('CONSUL_HTTP_', 'ENTRYC_HTTP_')) or k == TOKEN_ENV_01:
            del env[k]
    env.update({'CONSUL_HTTP_ADDR_CLUSTER_01': 'http://127.0.0.1:%d' % serve.ports['cluster-01'],
                'CONSUL_HTTP_ADDR_CLUSTER_02': 'http://127.0.0.1:%d' % serve.ports['cluster-02'],
                TOKEN_ENV_01: token, 'CONSUL_HTTP_TOKEN_CLUSTER_02': token})
    if args.http_concurrency:
        env['ENTRYC_HTTP_CONCURRENCY'] = str(args.http_concurrency)
    n_ops = len(ops)
    phases = [
        ('apply-1', [args.entryc, 'apply', '--backend', 'consul-http', '--auto-approve', '--project', project]),
        ('apply-2', [args.entryc, 'apply', '--backend', 'consul-http', '--auto-approve', '--project', project]),
        ('plan-refresh', [args.entryc, 'plan', '--refresh', '--backend', 'consul-http', '--detailed-exitcode',
                          '--project', project]),
    ]
    try:
        for name, cmd in phases:
            before = len(serve.requests())
            cpu0 = serve.cpu()
            rc, out, err, wall, ccpu = run(cmd, env, cwd)
            scpu = serve.cpu() - cpu0
            reqs = serve.requests()[before:]
            bad = [r for r in reqs if r[2] >= 400]
            r = {'rc': rc, 'wall_s': wall, 'client_cpu_s': ccpu, 'serve_cpu_s': scpu, 'requests': len(reqs),
                 'rps': len(reqs) / wall if wall else 0.0, 'serve_handler_ms': sum(x[3] for x in reqs),
                 'errors_4xx_5xx': len(bad), 'mix': mix(reqs)}
            res[name] = r
            if rc != 0:
                problems.append('run %d, %s: exit %d (command: %s)\n  stdout:\n%s\n  stderr:\n%s' % (
                    rnd, name, rc, ' '.join(cmd), excerpt(out), excerpt(err)))
            for m, p, s, ms in bad[:SHOW]:
                problems.append('run %d, %s: serve answered %s %s -> %d' % (rnd, name, m, p, s))
            if len(bad) > SHOW:
                problems.append('run %d, %s: ... %d more 4xx/5xx answers' % (rnd, name, len(bad) - SHOW))
            if name == 'apply-1':
                r['ops'] = n_ops
                r['ops_per_s'] = n_ops / wall if wall else 0.0
                want_plan = 'Plan: %d to create, 0 to update, 0 to delete' % n_ops
                want_done = 'Apply complete: %d applied, 0 failed, 0 skipped.' % n_ops
                if want_plan not in out or want_done not in out:
                    problems.append('run %d, apply-1: expected "%s" and "%s"; got:\n%s' % (
                        rnd, want_plan, want_done, excerpt(out)))
            elif name == 'apply-2':
                if not last_line(out, 'No changes') or 'Apply complete' in out:
                    problems.append('run %d, apply-2 is not "No changes":\n%s' % (rnd, excerpt(out)))
                r['summary'] = last_line(out, 'No changes')
            else:
                r['summary'] = last_line(out, 'No changes')
                if not r['summary']:
                    problems.append('run %d, plan --refresh did not say "No changes":\n%s' % (rnd, excerpt(out)))
        # What the clusters hold now (outside the timed phases; its requests are checked too).
        before = len(serve.requests())
        p1, p2 = serve.ports['cluster-01'], serve.ports['cluster-02']
        checks = []
        st, body = http_get(p1, '/v1/config/service-intentions', token)
        checks.append(('cluster-01 service-intentions', st == 200 and len(json.loads(body)) == desc['service_intentions'],
                       '%d entries' % len(json.loads(body)) if st == 200 else st))
        for port, cl, n in ((p1, 'cluster-01', desc['service_intentions']), (p2, 'cluster-02', desc['frontends'])):
            st, body = http_get(port, '/v1/exported-services', token)
            checks.append(('%s exported services' % cl, st == 200 and len(json.loads(body)) == n,
                           '%d services' % len(json.loads(body)) if st == 200 else st))
            st, body = http_get(port, '/v1/peerings', token)
            states = [(p['Name'], p['State']) for p in json.loads(body)] if st == 200 else st
            checks.append(('%s peering' % cl, states == [('cluster-02' if cl == 'cluster-01' else 'cluster-01', 'ACTIVE')],
                           states))
        st, body = http_get(p2, '/v1/acl/policies', token)
        checks.append(('cluster-02 ACL policies', st == 200 and len(json.loads(body)) == desc['acl_policies'],
                       '%d policies' % len(json.loads(body)) if st == 200 else st))
        for src, allowed in (('frontend-01', True), ('frontend-02', False)):
            st, body = http_get(p1, '/v1/entryc/decide?source=cluster-02/%s&destination=cluster-01/svc-0001' % src, token)
            got = json.loads(body).get('Allowed') if st == 200 else st
            checks.append(('decide cluster-02/%s -> cluster-01/svc-0001' % src, got is allowed, got))
        for what, ok, got in checks:
            if not ok:
                problems.append('run %d, after the applies: %s: got %s' % (rnd, what, got))
        res['state_checks'] = {what: bool(ok) for what, ok, _ in checks}
        for m, p, s, ms in [r for r in serve.requests()[before:] if r[2] >= 400]:
            problems.append('run %d, state checks: serve answered %s %s -> %d' % (rnd, m, p, s))
    finally:
        if serve.proc.poll() is not None:
            problems.append('run %d: serve died (exit %s):\n%s' % (rnd, serve.proc.returncode, excerpt(serve.text())))
            serve.log.close()
        else:
            rc = serve.stop()
            if rc != 0:
                problems.append('run %d: serve exited %d on SIGTERM' % (rnd, rc))
        log = serve.text()
        if token in log:
            problems.append('run %d: the management token appears in serve\'s log' % rnd)
        for line in log.splitlines():
            if line.startswith('entryc serve: ') and not LOG_RE.match(line) and 'listening on' not in line \
                    and line != 'entryc serve: stopped':
                problems.append('run %d: serve said: %s' % (rnd, line))

    # The references: the plan alone (no backend: lint + compile), and the same project applied
    # to the built-in runtime.
    rt_env = {k: v for k, v in env.items()}
    cmd = [args.entryc, 'plan', '--project', project]
    rc, out, err, wall, ccpu = run(cmd, rt_env, cwd)
    res['plan-offline'] = {'rc': rc, 'wall_s': wall, 'client_cpu_s': ccpu}
    if rc != 0:
        problems.append('run %d, plan-offline: exit %d (command: %s)\n  stderr:\n%s' % (rnd, rc, ' '.join(cmd), excerpt(err)))
    rt_state = os.path.join(tmp, 'runtime-state-%d' % rnd)
    for name in ('runtime-apply-1', 'runtime-apply-2'):
        cmd = [args.entryc, 'apply', '--auto-approve', '--project', project, '--state-dir', rt_state]
        rc, out, err, wall, ccpu = run(cmd, rt_env, cwd)
        r = {'rc': rc, 'wall_s': wall, 'client_cpu_s': ccpu}
        if rc != 0:
            problems.append('run %d, %s: exit %d (command: %s)\n  stdout:\n%s\n  stderr:\n%s' % (
                rnd, name, rc, ' '.join(cmd), excerpt(out), excerpt(err)))
        if name == 'runtime-apply-1':
            r['ops'] = n_ops
            r['ops_per_s'] = n_ops / wall if wall else 0.0
            if 'Apply complete: %d applied, 0 failed, 0 skipped.' % n_ops not in out:
                problems.append('run %d, runtime-apply-1 did not apply %d operations:\n%s' % (rnd, n_ops, excerpt(out)))
        elif 'No changes' not in out:
            problems.append('run %d, runtime-apply-2 is not "No changes":\n%s' % (rnd, excerpt(out)))
        res[name] = r
    return res, problems


# --- main -----------------------------------------------------------------------------------------

PHASES = ('apply-1', 'apply-2', 'plan-refresh', 'plan-offline', 'runtime-apply-1', 'runtime-apply-2')
LABELS = {
    'apply-1': 'consul-http apply (all created)',
    'apply-2': 'consul-http apply again ("No changes")',
    'plan-refresh': 'consul-http plan --refresh',
    'plan-offline': 'plan, no backend (reference: load + lint + compile)',
    'runtime-apply-1': 'runtime apply (reference)',
    'runtime-apply-2': 'runtime apply again (reference)',
}


def median_of(runs, phase, key):
    vals = [r[phase][key] for r in runs if key in r.get(phase, {})]
    return statistics.median(vals) if vals else None


def uptime():
    try:
        return subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()
    except OSError:
        return 'load average: %.2f, %.2f, %.2f' % os.getloadavg()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--entryc', default=os.environ.get('ENTRYC') or os.path.join(ROOT, 'build-me', 'bin', 'entryc'))
    ap.add_argument('--entries', type=int, default=1000, help='config entries + ACL policies in the project')
    ap.add_argument('--frontends', type=int, default=50, help='frontend-<k> services in cluster-02 (the callers)')
    ap.add_argument('--policies', type=int, default=8, help='ACL policies in cluster-02')
    ap.add_argument('--repeat', type=int, default=1, help='runs; the table shows medians')
    ap.add_argument('--state-dir', nargs='?', const='', default=None,
                    help='serve with --state-dir (fsynced journal); without DIR a temporary one; DIR/run-<n> per run')
    ap.add_argument('--http-concurrency', type=int, default=0,
                    help='ENTRYC_HTTP_CONCURRENCY for the consul-http backend (default: its own, 4 per host)')
    ap.add_argument('--keep', action='store_true', help='keep the temporary directory (project, serve logs)')
    ap.add_argument('--json', action='store_true', help='also print a one-line JSON summary')
    args = ap.parse_args()
    if args.repeat < 1 or args.entries < 4 or args.policies < 1 or args.frontends < 1:
        ap.error('--repeat, --policies and --frontends must be positive and --entries at least 4')
    deadline = time.time() + 120          # another engineer may be rebuilding the binary
    while not os.access(args.entryc, os.X_OK) and time.time() < deadline:
        time.sleep(2)
    if not os.access(args.entryc, os.X_OK):
        ap.error('no entryc binary at %s (--entryc or $ENTRYC)' % args.entryc)

    load_before = uptime()
    tmp = tempfile.mkdtemp(prefix='entryc-apply-http-')
    problems = []
    runs = []
    try:
        proj_dir = os.path.join(tmp, 'project')
        desc = generate(proj_dir, args.entries, args.frontends, args.policies)
        project = os.path.join(proj_dir, 'entryc.hcl')
        token = secrets.token_hex(32)
        token_file = os.path.join(tmp, 'token')
        fd = os.open(token_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, 'w') as f:
            f.write(token + '\n')

        # The project must lint and plan without errors (warnings are fine).
        rc, out, err, lint_wall, _ = run([args.entryc, 'lint', '--project', project, '--format', 'json'], None, proj_dir)
        try:
            diags = json.loads(out).get('diagnostics', [])
        except ValueError:
            raise SystemExit('entryc lint --format json: exit %d, not JSON:\n%s\n%s' % (rc, excerpt(out), excerpt(err)))
        by_sev = {}
        for d in diags:
            key = '%s %s' % (d.get('severity'), d.get('code'))
            by_sev[key] = by_sev.get(key, 0) + 1
        errors = [d for d in diags if d.get('severity') == 'error']
        if errors or rc not in (0,):
            raise SystemExit('entryc lint --project: exit %d, %d errors:\n%s' % (
                rc, len(errors), '\n'.join('  %s: %s' % (d.get('code'), d.get('summary')) for d in errors[:SHOW])))
        rc, out, err, plan_wall, _ = run([args.entryc, 'plan', '--project', project, '--format', 'json'], None, proj_dir)
        if rc != 0:
            raise SystemExit('entryc plan: exit %d\n%s' % (rc, excerpt(err)))
        plan = json.loads(out)
        ops = plan['ops']
        kinds = {}
        for o in ops:
            kinds[o['type']] = kinds.get(o['type'], 0) + 1
        if plan['summary'] != {'create': desc['entries'] + 2, 'update': 0, 'delete': 0, 'unchanged': 0}:
            problems.append('the offline plan is not %d creates: %s' % (desc['entries'] + 2, plan['summary']))

        print('project: %d entries (%d service-intentions + %d exported-services in cluster-01/02, %d ACL policies '
              'in cluster-02), %d services, one peering; plan: %d operations (%s)' % (
                  desc['entries'], desc['service_intentions'], desc['exported_services'], desc['acl_policies'],
                  desc['services'], len(ops), ', '.join('%s %d' % kv for kv in sorted(kinds.items()))))
        print('lint: %s (%.2f s); plan: %.2f s' % (
            ', '.join('%d %s' % (v, k) for k, v in sorted(by_sev.items())) or 'clean', lint_wall, plan_wall))
        print('entryc: %s; serve: %s; %d run(s)' % (
            os.path.relpath(args.entryc), 'with --state-dir (fsynced journal)' if args.state_dir is not None
            else 'memory only (no --state-dir)', args.repeat))
        print('load before: %s' % load_before)

        for rnd in range(1, args.repeat + 1):
            res, probs = one_run(args, rnd, tmp, project, desc, ops, token, token_file)
            runs.append(res)
            problems += probs
            a1 = res.get('apply-1', {})
            print('run %d: apply-1 %.2f s (%d requests), apply-2 %.2f s, plan --refresh %.2f s, runtime %.2f s / %.2f s%s' % (
                rnd, a1.get('wall_s', 0), a1.get('requests', 0), res.get('apply-2', {}).get('wall_s', 0),
                res.get('plan-refresh', {}).get('wall_s', 0), res.get('runtime-apply-1', {}).get('wall_s', 0),
                res.get('runtime-apply-2', {}).get('wall_s', 0), '' if not probs else '  (%d problems)' % len(probs)))
        load_after = uptime()

        med = lambda ph, k: median_of(runs, ph, k)
        print()
        print('%s of %d run(s):' % ('median' if args.repeat > 1 else 'result', args.repeat))
        print('| phase | wall s | HTTP requests | requests/s | plan ops/s | serve CPU s | entryc CPU s | 4xx/5xx |')
        print('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
        fmt = lambda v, f: '-' if v is None else f % v
        for ph in PHASES:
            print('| %s | %s | %s | %s | %s | %s | %s | %s |' % (
                LABELS[ph], fmt(med(ph, 'wall_s'), '%.3f'), fmt(med(ph, 'requests'), '%.0f'),
                fmt(med(ph, 'rps'), '%.0f'), fmt(med(ph, 'ops_per_s'), '%.0f'), fmt(med(ph, 'serve_cpu_s'), '%.2f'),
                fmt(med(ph, 'client_cpu_s'), '%.2f'), fmt(med(ph, 'errors_4xx_5xx'), '%.0f')))
        if runs and 'apply-1' in runs[-1]:
            print('requests of the first apply (last run): ' + ', '.join(
                '%s x%d' % (k, v) for k, v in runs[-1]['apply-1']['mix'].items()))
            print('requests of the second apply (last run): ' + ', '.join(
                '%s x%d' % (k, v) for k, v in runs[-1]['apply-2']['mix'].items()))
            a1, r1 = med('apply-1', 'wall_s'), med('runtime-apply-1', 'wall_s')
            if a1 and r1:
                print('first apply: consul-http / runtime = %.2fx wall time' % (a1 / r1))
        print('load after: %s' % load_after)
        if problems:
            print('\nPROBLEMS (%d):' % len(problems))
            for p in problems:
                print('- ' + p)
        else:
            print('all commands exited 0; apply-2 and plan --refresh said "No changes"; serve answered no 4xx/5xx')
        if args.json:
            summary = {
                'entries': desc['entries'], 'ops': len(ops), 'op_types': kinds, 'repeat': args.repeat,
                'serve_state_dir': args.state_dir is not None, 'lint': by_sev,
                'median': {ph: {k: (round(med(ph, k), 4) if med(ph, k) is not None else None)
                                for k in ('wall_s', 'requests', 'rps', 'ops_per_s', 'serve_cpu_s', 'client_cpu_s',
                                          'serve_handler_ms', 'errors_4xx_5xx')} for ph in PHASES},
                'runs': [{ph: {k: (round(v, 4) if isinstance(v, float) else v) for k, v in r[ph].items() if k != 'mix'}
                          for ph in PHASES if ph in r} for r in runs],
                'load_before': load_before, 'load_after': load_after, 'problems': problems,
            }
            print(json.dumps(summary, separators=(',', ':')))
    finally:
        if args.keep:
            print('kept: %s' % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
