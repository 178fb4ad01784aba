#!/usr/bin/env python3
"""End-to-end tests of the built-in peering runtime through the CLI:
`entryc apply` (idempotent, partial failure, lock), `entryc check` (the seed
scenario's answers and their trail, L7, matrix), `entryc state`, that no
secret ever reaches an output, and crash safety (SIGKILL at random points of
an apply never leaves a state that fails to load or disagrees with what was
applied).

  ENTRYC=build/bin/entryc python3 tests/e2e/apply_test.py
"""
import fcntl
import json
import os
import random
import shutil
import signal
import stat
import subprocess
import tempfile
import time
import unittest

ENTRYC = os.environ.get('ENTRYC', 'entryc')
if os.sep in ENTRYC:
    ENTRYC = os.path.abspath(ENTRYC)
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
SAMPLES = os.path.join(ROOT, 'samples')


def run(args, cwd, stdin=None, timeout=120):
    p = subprocess.run([ENTRYC, '--color=never'] + args, cwd=cwd, capture_output=True, timeout=timeout,
                       stdin=stdin if stdin is not None else subprocess.DEVNULL)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def secrets_in(state_dir):
    """Every secret value the runtime keeps (members named like a secret)."""
    found = set()

    def walk(v, secret=False):
        if isinstance(v, dict):
            for k, x in v.items():
                walk(x, secret or 'secret' in k.lower() or 'token' in k.lower())
        elif isinstance(v, list):
            for x in v:
                walk(x, secret)
        elif secret and isinstance(v, str) and v:
            found.add(v)
    for name in ('runtime.json', 'runtime.journal'):
        path = os.path.join(state_dir, name)
        if os.path.exists(path):
            with open(path, encoding='utf-8') as f:
                for line in f:
                    if line.strip():
                        walk(json.loads(line))
    return found


class Scenario(unittest.TestCase):
    sample = 'seed-two-clusters'

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='entryc-apply-')
        self.dir = os.path.join(self.tmp, self.sample)
        shutil.copytree(os.path.join(SAMPLES, self.sample), self.dir,
                        ignore=shutil.ignore_patterns('.entryc', '*.expected'))
        self.state = os.path.join(self.dir, '.entryc')
        self.outputs = []

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def entryc(self, *args, **kw):
        rc, out, err = run(list(args), self.dir, **kw)
        self.outputs.append(out + err)
        return rc, out, err


class SeedTest(Scenario):
    def test_apply_check_state(self):
        rc, out, err = self.entryc('apply', '--auto-approve')
        self.assertEqual(rc, 0, out + err)
        self.assertIn('Apply complete: 5 applied, 0 failed, 0 skipped.', out)
        # The order of the four steps.
        order = [l.split()[2] for l in out.splitlines() if ' ok ' in l]
        self.assertEqual(order, ['peering.generate-token', 'peering.establish', 'config.write', 'config.write',
                                 'acl.policy.write'])

        # Idempotent: nothing left to do.
        rc, out, err = self.entryc('apply', '--auto-approve')
        self.assertEqual(rc, 0, out + err)
        self.assertIn('No changes', out)
        rc, out, err = self.entryc('plan', '--backend', 'runtime', '--detailed-exitcode')
        self.assertEqual(rc, 0, out + err)

        # The seed's question.
        rc, out, err = self.entryc('check', 'cluster-02/frontend-service', 'cluster-01/backend-service')
        self.assertEqual(rc, 0, out + err)
        self.assertIn('ALLOWED', out)
        rc, out, err = self.entryc('check', 'cluster-02/frontend-service', 'cluster-01/backend-service',
                                   '--format', 'json')
        self.assertEqual(rc, 0, out + err)
        d = json.loads(out)
        self.assertTrue(d['allowed'])
        checks = {s['check']: s['ok'] for s in d['trail']}
        for c in ('peering', 'export', 'import-acl', 'intention'):
            self.assertTrue(checks.get(c), '%s missing or failed in %s' % (c, d['trail']))

        # A service without an intention is denied by the default (ACLs deny).
        rc, out, err = self.entryc('check', 'cluster-02/reporting-service', 'cluster-01/backend-service',
                                   '--format', 'json')
        self.assertEqual(rc, 1, out + err)
        d = json.loads(out)
        self.assertFalse(d['allowed'])
        self.assertIn('default', [s['check'] for s in d['trail']])

        # Nothing is exported the other way.
        rc, out, err = self.entryc('check', 'cluster-01/backend-service', 'cluster-02/frontend-service')
        self.assertEqual(rc, 1, out + err)
        self.assertIn('DENIED', out)

        rc, out, err = self.entryc('check', '--matrix', '--format', 'json')
        self.assertEqual(rc, 0, out + err)
        allowed = [(e['source'], e['destination']) for e in json.loads(out)['edges'] if e['allowed']]
        self.assertIn(('cluster-02/default/frontend-service', 'cluster-01/default/backend-service'), allowed)
        self.assertNotIn(('cluster-02/default/reporting-service', 'cluster-01/default/backend-service'), allowed)

        # Unknown services are usage errors with a reason.
        rc, out, err = self.entryc('check', 'cluster-02/nope', 'cluster-01/backend-service')
        self.assertEqual(rc, 2)
        self.assertIn("'nope' is not a service of cluster-02/default", err)

        # State: listed, shown without secrets, files private.
        rc, out, err = self.entryc('state', 'list')
        self.assertEqual(rc, 0, err)
        addresses = out.split()
        self.assertIn('cluster-01/default/peering/cluster-02', addresses)
        self.assertIn('cluster-02/default/peering/cluster-01', addresses)
        self.assertIn('cluster-02/default/acl-policy/frontend-sidecar', addresses)
        rc, out, err = self.entryc('state', 'show')
        self.assertEqual(rc, 0, err)
        self.assertIn('(redacted)', out)
        for name in os.listdir(self.state):
            mode = stat.S_IMODE(os.stat(os.path.join(self.state, name)).st_mode)
            self.assertEqual(mode & 0o077, 0, '%s is mode %o' % (name, mode))

        # state rm forgets; the next apply puts it back.
        exports = [a for a in addresses if '/config/exported-services/' in a]
        self.assertEqual(len(exports), 1, addresses)
        rc, out, err = self.entryc('state', 'rm', exports[0])
        self.assertEqual(rc, 0, err)
        rc, out, err = self.entryc('apply', '--auto-approve')
        self.assertEqual(rc, 0, out + err)
        self.assertIn('1 applied', out)

        # No secret the runtime keeps was ever printed.
        secrets = secrets_in(self.state)
        self.assertTrue(secrets, 'the runtime keeps no secrets?')
        for text in self.outputs:
            for s in secrets:
                self.assertNotIn(s, text)

    def test_apply_needs_approval_without_a_terminal(self):
        rc, out, err = self.entryc('apply')
        self.assertEqual(rc, 2)
        self.assertIn('--auto-approve', err)
        self.assertFalse(os.path.exists(os.path.join(self.state, 'runtime.json')))

    def test_lock(self):
        os.makedirs(self.state)
        with open(os.path.join(self.state, 'runtime.lock'), 'w') as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            rc, out, err = self.entryc('apply', '--auto-approve')
        self.assertEqual(rc, 2)
        self.assertIn('locked by another entryc', err)

    def test_stale_lock_is_taken_over(self):
        os.makedirs(self.state)
        dead = subprocess.Popen(['true'])
        dead.wait()
        with open(os.path.join(self.state, 'runtime.lock'), 'w') as f:
            f.write('%d\n' % dead.pid)
        rc, out, err = self.entryc('apply', '--auto-approve')
        self.assertEqual(rc, 0, out + err)
        self.assertIn('no longer running', err)

    def test_corrupt_and_old_state(self):
        self.assertEqual(self.entryc('apply', '--auto-approve')[0], 0)
        path = os.path.join(self.state, 'runtime.json')
        with open(path, encoding='utf-8') as f:
            good = f.read()
        with open(path, 'w') as f:
            f.write(good[:len(good) // 2])
        rc, out, err = self.entryc('state', 'list')
        self.assertEqual(rc, 2)
        self.assertIn('runtime.json', err)
        old = json.loads(good)
        old['format_version'] = 0
        with open(path, 'w') as f:
            json.dump(old, f)
        rc, out, err = self.entryc('check', 'cluster-02/frontend-service', 'cluster-01/backend-service')
        self.assertEqual(rc, 2)
        self.assertIn('format_version 0', err)

    def test_torn_journal_line_is_dropped(self):
        self.assertEqual(self.entryc('apply', '--auto-approve')[0], 0)
        with open(os.path.join(self.state, 'runtime.journal'), 'w') as f:
            f.write('{"seq": 1, "put": {"cluster-01/default/peering/x"')
        rc, out, err = self.entryc('state', 'list')
        self.assertEqual(rc, 0, err)
        self.assertIn('incomplete last record', err)


class PartialFailureTest(Scenario):
    """An operation the runtime refuses (Consul's state-store check: L7
    permissions on a service whose protocol is tcp) fails alone; the others
    are applied and kept, and fixing the cause lets a second apply finish."""

    def test_failure_mid_apply(self):
        with open(os.path.join(self.dir, 'cluster-01', 'peering-intentions.hcl'), 'w') as f:
            f.write('Kind = "service-intentions"\nName = "backend-service"\nSources = [\n'
                    '  { Name = "frontend-service", Peer = "cluster-02",\n'
                    '    Permissions = [ { Action = "allow", HTTP = { PathPrefix = "/api" } } ] },\n]\n')
        rc, out, err = self.entryc('apply', '--auto-approve')
        self.assertEqual(rc, 3, out + err)
        self.assertIn('incompatible with L7 intentions permissions', out)
        self.assertIn('4 applied, 1 failed, 0 skipped', out)
        rc, out, err = self.entryc('plan', '--backend', 'runtime', '--format', 'json')
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out)['summary']['create'], 1)
        with open(os.path.join(self.dir, 'cluster-01', 'backend-defaults.hcl'), 'w') as f:
            f.write('Kind = "service-defaults"\nName = "backend-service"\nProtocol = "http"\n')
        rc, out, err = self.entryc('apply', '--auto-approve')
        self.assertEqual(rc, 0, out + err)
        rc, out, err = self.entryc('check', 'cluster-02/frontend-service', 'cluster-01/backend-service',
                                   '--path', '/api/orders')
        self.assertEqual(rc, 0, out + err)
        rc, out, err = self.entryc('check', 'cluster-02/frontend-service', 'cluster-01/backend-service',
                                   '--path', '/admin')
        self.assertEqual(rc, 1, out + err)


class CrashSafetyTest(Scenario):
    """SIGKILL an apply at random points: the state always loads, and a
    final apply converges to what an uninterrupted apply gives."""
    sample = 'hub-and-spoke'

    def matrix(self):
        rc, out, err = self.entryc('check', '--matrix', '--format', 'json')
        self.assertEqual(rc, 0, out + err)
        return sorted((e['source'], e['destination'], e['allowed']) for e in json.loads(out)['edges'])

    def test_sigkill(self):
        # The answer of an uninterrupted apply.
        self.assertEqual(self.entryc('apply', '--auto-approve')[0], 0)
        want = self.matrix()
        shutil.rmtree(self.state)
        rng = random.Random(int(os.environ.get('ENTRYC_CRASH_SEED', '7')))
        kills = 0
        for _ in range(int(os.environ.get('ENTRYC_CRASH_ROUNDS', '12'))):
            p = subprocess.Popen([ENTRYC, 'apply', '--auto-approve'], cwd=self.dir, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.0, 0.08))
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
                kills += 1
            p.wait()
            rc, out, err = self.entryc('state', 'list')
            self.assertEqual(rc, 0, err)
            rc, out, err = self.entryc('plan', '--backend', 'runtime', '--format', 'json')
            self.assertEqual(rc, 0, err)
        rc, out, err = self.entryc('apply', '--auto-approve')
        self.assertEqual(rc, 0, out + err)
        self.assertEqual(self.matrix(), want)
        rc, out, err = self.entryc('plan', '--backend', 'runtime', '--detailed-exitcode')
        self.assertEqual(rc, 0, out + err)
        print('crash safety: %d applies killed, state loaded after each' % kills)


if __name__ == '__main__':
    unittest.main()
