#!/usr/bin/env python3
"""The emitted curl script, run against `entryc serve`, yields the same state
as `entryc apply` on the built-in runtime.

  ENTRYC=build/bin/entryc python3 tests/e2e/emit_serve_test.py

On a copy of samples/seed-two-clusters:
  (a) `entryc apply --auto-approve --state-dir A`               (the runtime, in process)
  (b) `entryc serve ... --state-dir B --token-file TF`, two loopback listeners;
      `entryc emit --format curl -o DIR/` and `bash DIR/apply.sh` with
      CONSUL_HTTP_ADDR_CLUSTER_01/02 = the listeners (plain http) and the
      management token in DC1_CONSUL_TOKEN (cluster-01's http.token_env) and
      CONSUL_HTTP_TOKEN_CLUSTER_02; then SIGTERM to serve
  (c) `entryc state show` of A and B, normalised (see normalise()), must be
      equal and hold the peering on both sides, the exported-services and
      service-intentions entries and the ACL policy; `entryc state list` and
      `entryc check` (frontend-service of cluster-02 -> backend-service of
      cluster-01, and the matrix) must give the same answers on A and B, ALLOWED
      with the peering ACTIVE on both sides;
  and neither the management token nor the peering token (nor any secret the
  runtime keeps) appears in the stdout/stderr of any command, the script or serve.

Needs bash, curl and sed (what the script needs). Exit status 0 when every
check passed, 1 otherwise; a one-line summary either way.
"""
import json
import os
import random
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apply_test import secrets_in  # noqa: E402
from serve_process import ServeProcess  # noqa: E402

ENTRYC = os.environ.get('ENTRYC', 'entryc')
if os.sep in ENTRYC:
    ENTRYC = os.path.abspath(ENTRYC)
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
SEED = os.path.join(ROOT, 'samples', 'seed-two-clusters')
MGMT_TOKEN = 'emit-serve-%032x' % random.SystemRandom().getrandbits(128)
UUID = re.compile(r'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')

# What the compared state must hold (entryc state list addresses).
EXPECTED = ('cluster-01/default/peering/cluster-02',
            'cluster-02/default/peering/cluster-01',
            'cluster-01/default/config/exported-services/default/default',
            'cluster-01/default/config/service-intentions/default/backend-service',
            'cluster-02/default/acl-policy/frontend-sidecar')

results = []   # (ok, what)
outputs = []   # (label, text): every stdout/stderr the test saw, searched for secrets at the end


def check(ok, what):
    results.append((bool(ok), what))
    print(('ok    ' if ok else 'FAIL  ') + what, flush=True)
    return ok


def run(label, args, cwd, env=None, timeout=120):
    p = subprocess.run(args, cwd=cwd, env=env, capture_output=True, stdin=subprocess.DEVNULL, timeout=timeout)
    out, err = p.stdout.decode(errors='replace'), p.stderr.decode(errors='replace')
    outputs.append((label + ' stdout', out))
    outputs.append((label + ' stderr', err))
    return p.returncode, out, err


def entryc(label, *args, cwd, timeout=120):
    return run(label, [ENTRYC, '--color=never', *args], cwd, timeout=timeout)


class Serve(ServeProcess):
    """`entryc serve` for the seed's two clusters; its log in self.lines."""

    def __init__(self, project, state_dir, token_file, cwd):
        super().__init__(ENTRYC, project, token_file=token_file, state_dir=state_dir, cwd=cwd)

    def get(self, cluster, path):
        req = urllib.request.Request(self.url(cluster) + path, headers={'X-Consul-Token': MGMT_TOKEN})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def stop(self):
        rc = super().stop()
        outputs.append(('serve stderr', self.text()))
        return rc


def runtime_secrets(state_dir):
    """Every secret value the runtime keeps in a state directory (members named like a secret or token)."""
    return secrets_in(state_dir) - {'(redacted)'}


# ---- the comparison

# Ignored, and why (everything else of `entryc state show` is compared as is):
#   "ID"      of each peering record and of the ACL policy: a random UUIDv4 drawn when the
#             record is created (world_apply.cpp, rng.uuid_v4()), different on every run by design;
#   "PeerID"  of the dialer's peering record: the acceptor's peering "ID", so random in the same way.
#             Before they are dropped, check_ids() requires them to be UUIDs and PeerID to name the
#             acceptor's ID *within the same state*, so the reference itself is still compared.
# Not ignored, on purpose:
#   "CreateIndex" / "ModifyIndex" / the clusters' "Index": Raft-like counters, but both runs make the
#             same five writes in the same order on fresh clusters, so they must agree; a difference
#             would mean serve wrote something apply did not (or the other way round).
#   "TrustDomain", "PeerServerName", "PeerCAPems": derived from the cluster name (stable_uuid), equal.
#   "Hash" of config entries: a hash of the entry's content, equal when the content is.
#   "Secrets": `state show` prints the placeholder "(redacted)" for them on both sides (the values
#             behind it are random per run); only the placeholder is compared, runtime_secrets() reads
#             the real values from the state files to make sure no output shows them.
#   There are no timestamps in this state: the runtime's only one, a peering's "DeletedAt", exists
#   only for deleted peerings; if one ever showed up here it would be compared and fail loudly.
IGNORED_KEYS = ('ID', 'PeerID')


def normalise(value):
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items() if k not in IGNORED_KEYS}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    return value


def check_ids(name, state):
    acceptor = state.get('cluster-01/default/peering/cluster-02', {})
    dialer = state.get('cluster-02/default/peering/cluster-01', {})
    policy = state.get('cluster-02/default/acl-policy/frontend-sidecar', {})
    ids = [acceptor.get('ID', ''), dialer.get('ID', ''), policy.get('ID', '')]
    check(all(UUID.match(i) for i in ids) and len(set(ids)) == 3, '%s: the peerings and the policy have distinct UUIDs'
          % name)
    check(dialer.get('PeerID') == acceptor.get('ID'), "%s: the dialer's PeerID is the acceptor's peering ID" % name)


def diff(a, b, path=''):
    """Human-readable differences between two JSON values (first 20)."""
    out = []
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a:
                out.append('%s/%s: only in B' % (path, k))
            elif k not in b:
                out.append('%s/%s: only in A' % (path, k))
            else:
                out += diff(a[k], b[k], '%s/%s' % (path, k))
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            out += diff(x, y, '%s[%d]' % (path, i))
    elif a != b:
        out.append('%s: A %s, B %s' % (path or '/', json.dumps(a)[:200], json.dumps(b)[:200]))
    return out[:20]


def main():
    for tool in ('bash', 'curl', 'sed'):
        if not shutil.which(tool):
            print('emit_serve_test: %s is required (the emitted script needs bash, curl and sed)' % tool,
                  file=sys.stderr)
            return 1
    real_curl = shutil.which('curl')
    tmp = tempfile.mkdtemp(prefix='entryc-emit-serve-')
    serve = None
    peering_tokens = set()
    try:
        work = os.path.join(tmp, 'seed')
        shutil.copytree(SEED, work, ignore=shutil.ignore_patterns('.entryc'))
        project = os.path.join(work, 'entryc.hcl')
        state_a, state_b = os.path.join(tmp, 'A'), os.path.join(tmp, 'B')
        token_file = os.path.join(tmp, 'token')
        with open(token_file, 'w') as f:
            f.write(MGMT_TOKEN + '\n')
        os.chmod(token_file, 0o600)

        # (a) entryc apply on the built-in runtime.
        rc, out, err = entryc('apply', 'apply', '--auto-approve', '--project', project, '--state-dir', state_a, cwd=work)
        check(rc == 0 and 'Apply complete: 5 applied, 0 failed, 0 skipped.' in out,
              '(a) entryc apply --state-dir A: exit %d, %s' % (rc, (out.strip().splitlines() or [err.strip()])[-1]))

        # (b) entryc serve + the emitted curl script.
        out_dir = os.path.join(tmp, 'emitted') + os.sep
        rc, out, err = entryc('emit', 'emit', '--format', 'curl', '--project', project, '-o', out_dir, cwd=work)
        script = os.path.join(out_dir, 'apply.sh')
        check(rc == 0 and os.path.isfile(script) and os.stat(script).st_mode & stat.S_IXUSR,
              '(b) entryc emit --format curl -o DIR/: exit %d, %s' % (rc, err.strip()))

        serve = Serve(project, state_b, token_file, cwd=work)
        check(True, '(b) entryc serve --state-dir B: cluster-01 on %s, cluster-02 on %s'
              % (serve.ports['cluster-01'], serve.ports['cluster-02']))

        # A transparent curl wrapper first on PATH keeps every response body in a private file, so
        # that the test knows the peering token the script handled (it lives only in a shell
        # variable) and can look for it in the outputs. The script and its arguments are unchanged.
        shim_dir = os.path.join(tmp, 'shim')
        os.makedirs(shim_dir, mode=0o700)
        capture = os.path.join(tmp, 'responses.private')
        with open(os.path.join(shim_dir, 'curl'), 'w') as f:
            f.write('#!/usr/bin/env bash\n"$REAL_CURL" "$@" | tee -a "$CAPTURE"\nexit "${PIPESTATUS[0]}"\n')
        os.chmod(os.path.join(shim_dir, 'curl'), 0o700)
        env = {k: v for k, v in os.environ.items() if not k.startswith('CONSUL_') and k != 'DC1_CONSUL_TOKEN'}
        env.update({'PATH': shim_dir + os.pathsep + os.environ.get('PATH', '/usr/bin:/bin'),
                    'REAL_CURL': real_curl, 'CAPTURE': capture,
                    'CONSUL_HTTP_ADDR_CLUSTER_01': serve.url('cluster-01'),
                    'CONSUL_HTTP_ADDR_CLUSTER_02': serve.url('cluster-02'),
                    'DC1_CONSUL_TOKEN': MGMT_TOKEN,                 # cluster-01: http.token_env
                    'CONSUL_HTTP_TOKEN_CLUSTER_02': MGMT_TOKEN})    # cluster-02: the default name
        rc, out, err = run('apply.sh', ['bash', script], cwd=tmp, env=env, timeout=120)
        script_ok = check(rc == 0 and 'Apply complete: 5 operations applied.' in out and
                          out.count('\nok  ') + out.startswith('ok  ') == 5,
                          '(b) bash apply.sh against serve: exit %d, %s'
                          % (rc, (out.strip().splitlines() or ['(no output)'])[-1]))
        if not script_ok:
            print('---- apply.sh stdout\n%s---- apply.sh stderr\n%s---- serve log\n%s----'
                  % (out, err, ''.join(serve.lines)), file=sys.stderr)
            print('POSSIBLE ENTRYC BUG: the emitted script failed against entryc serve; the failing request is the '
                  'operation after the last "ok" line above, serve\'s answer is on apply.sh stderr.', file=sys.stderr)
        if os.path.exists(capture):
            with open(capture, encoding='utf-8', errors='replace') as f:
                peering_tokens = set(re.findall(r'"PeeringToken"\s*:\s*"([^"]+)"', f.read()))
        check(len(peering_tokens) == 1, '(b) the generate-token response was seen once (%d)' % len(peering_tokens))

        # The peering, as serve's own API shows it before shutdown: ACTIVE on both listeners.
        for cluster, peer in (('cluster-01', 'cluster-02'), ('cluster-02', 'cluster-01')):
            st, body = serve.get(cluster, '/v1/peerings')
            outputs.append(('GET /v1/peerings on ' + cluster, body))
            got = [(p.get('Name'), p.get('State')) for p in json.loads(body)] if st == 200 else body
            check(got == [(peer, 'ACTIVE')], '(b) serve: GET /v1/peerings on %s: %s' % (cluster, got))

        rc = serve.stop()
        check(rc == 0, '(b) serve stopped by SIGTERM: exit %d' % rc)
        log = [l.strip() for l in serve.lines if re.match(r'entryc serve: [A-Z]+ /', l)]
        writes = [' '.join(l.split()[2:5]) for l in log if not l.startswith('entryc serve: GET')]
        check(writes == ['POST /v1/peering/token 200', 'POST /v1/peering/establish 200', 'PUT /v1/config 200',
                         'PUT /v1/config 200', 'PUT /v1/acl/policy 200'],
              '(b) serve logged the five writes, all 200: %s' % writes)
        serve = None

        # (c) the two states.
        states = {}
        for name, d in (('A', state_a), ('B', state_b)):
            rc, out, err = entryc('state show ' + name, 'state', 'show', '--project', project, '--state-dir', d,
                                  cwd=work)
            try:
                states[name] = json.loads(out) if rc == 0 else {}
            except ValueError:
                states[name] = {}
            check(rc == 0 and states[name], '(c) entryc state show --state-dir %s: exit %d, %d resources'
                  % (name, rc, len(states[name])))
            check_ids(name, states[name])
        a, b = normalise(states['A']), normalise(states['B'])
        missing = [k for k in EXPECTED if k not in a or not a[k]]
        check(not missing, '(c) the compared state holds %d resources, the 5 expected among them%s'
              % (len(a), ' (missing: %s)' % missing if missing else ''))
        entries = {k: a.get(k, {}) for k in EXPECTED}
        check(entries[EXPECTED[2]].get('Services', [{}])[0].get('Name') == 'backend-service'
              and entries[EXPECTED[3]].get('Sources', [{}])[0].get('Peer') == 'cluster-02'
              and 'service "frontend-service"' in entries[EXPECTED[4]].get('Rules', ''),
              '(c) the export, the intention and the policy have the seed\'s content')
        differences = diff(a, b)
        check(a == b, '(c) state A == state B, ignoring only %s%s'
              % ('/'.join(IGNORED_KEYS), '' if a == b else ':\n        ' + '\n        '.join(differences)))

        lists = {}
        for name, d in (('A', state_a), ('B', state_b)):
            rc, out, _ = entryc('state list ' + name, 'state', 'list', '--project', project, '--state-dir', d,
                                cwd=work)
            lists[name] = out.split() if rc == 0 else None
        check(lists['A'] is not None and lists['A'] == lists['B'],
              '(c) entryc state list: the same %d addresses' % len(lists['A'] or []))

        # entryc check, on both states: the same ALLOWED answer, the peering ACTIVE on both sides.
        answers = {}
        for name, d in (('A', state_a), ('B', state_b)):
            rc, out, _ = entryc('check ' + name, 'check', '--project', project, '--state-dir', d,
                                'cluster-02/frontend-service', 'cluster-01/backend-service', cwd=work)
            rcj, outj, _ = entryc('check json ' + name, 'check', '--project', project, '--state-dir', d,
                                  'cluster-02/frontend-service', 'cluster-01/backend-service', '--format', 'json',
                                  cwd=work)
            try:
                js = json.loads(outj)
            except ValueError:
                js = {}
            answers[name] = (rc, out, rcj, js)
            first = (out.strip().splitlines() or [''])[0]
            peering = next((s for s in js.get('trail', []) if s.get('check') == 'peering'), {})
            data = peering.get('data', {})
            check(rc == 0 and first == 'frontend-service (cluster-02/default) -> backend-service (cluster-01/default): '
                  'ALLOWED' and rcj == 0 and js.get('allowed') is True,
                  '(c) entryc check on %s: exit %d, %s' % (name, rc, first))
            check(peering.get('ok') is True and data.get('src_state') == 'ACTIVE' and data.get('dst_state') == 'ACTIVE',
                  '(c) %s: the peering is ACTIVE on both sides (%s/%s)' % (name, data.get('src_state'),
                                                                          data.get('dst_state')))
            check(all(s.get('ok') for s in js.get('trail', [])) and
                  {s.get('check') for s in js.get('trail', [])} >= {'peering', 'export', 'import-acl', 'intention'},
                  '(c) %s: peering, export, import-acl and intention all pass' % name)
        check(answers['A'] == answers['B'], '(c) entryc check: the same answer and trail on A and B')

        matrices = {}
        for name, d in (('A', state_a), ('B', state_b)):
            rc, out, err = entryc('matrix ' + name, 'check', '--matrix', '--format', 'json', '--project', project,
                                  '--state-dir', d, cwd=work)
            try:
                matrices[name] = json.loads(out) if rc in (0, 1) else 'exit %d: %s' % (rc, err.strip()[:300])
            except ValueError:
                matrices[name] = 'exit %d, not JSON: %s' % (rc, out[:300])
        same = isinstance(matrices['A'], dict) and matrices['A'].get('edges') and matrices['A'] == matrices['B']
        check(same, '(c) entryc check --matrix: the same on A and B%s'
              % ('' if same else ':\n        ' + '\n        '.join(diff(matrices['A'], matrices['B']))))

        # No secret in any output.
        secrets = {'the management token': {MGMT_TOKEN}, 'the peering token': peering_tokens,
                   'a runtime secret': runtime_secrets(state_a) | runtime_secrets(state_b)}
        check(secrets['a runtime secret'], 'the state files hold secrets to look for (%d)'
              % len(secrets['a runtime secret']))
        emitted = open(script, encoding='utf-8').read()
        outputs.append(('apply.sh itself', emitted))
        for what, values in secrets.items():
            leaks = sorted({label for label, text in outputs for v in values if v and v in text})
            check(not leaks, '%s appears in none of %d outputs%s' % (what, len(outputs),
                                                                   ' (found in: %s)' % ', '.join(leaks) if leaks else ''))
    except Exception as e:  # noqa: BLE001 - report, then fail
        import traceback
        traceback.print_exc()
        check(False, 'the test itself failed: %s: %s' % (type(e).__name__, e))
    finally:
        if serve is not None:
            serve.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    failed = [w for ok, w in results if not ok]
    if failed:
        print('emit_serve_test: %d of %d checks FAILED' % (len(failed), len(results)), file=sys.stderr)
        for w in failed:
            print('  - ' + w.splitlines()[0], file=sys.stderr)
        return 1
    print('emit_serve_test: all %d checks passed: the curl script run against entryc serve gives the state '
          'entryc apply gives' % len(results))
    return 0


if __name__ == '__main__':
    sys.exit(main())
