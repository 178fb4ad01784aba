#!/usr/bin/env python3
"""No secret in any output: every command and every output format, on the seed
scenario with an ACL token in a token file and another in the environment, and
with the peering secrets the runtime keeps after an apply. Each command's
stdout, stderr and every file it writes (reports, plans, scripts) is searched
for every secret value; the test fails on the first hit and names the command.
Error paths count too: a corrupted state file (cut in the middle of a secret)
and a project that writes a token literally.

  ENTRYC=build/bin/entryc python3 tests/e2e/secrets_test.py
"""
import json
import os
import shutil
import stat
import subprocess
import tempfile
import unittest

from apply_test import secrets_in as runtime_secrets  # every value the runtime keeps as a secret

ENTRYC = os.environ.get('ENTRYC', 'entryc')
if os.sep in ENTRYC:
    ENTRYC = os.path.abspath(ENTRYC)
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
SEED = os.path.join(ROOT, 'samples', 'seed-two-clusters')

FILE_TOKEN = '3f1c9a7e-52d4-4b8e-9a61-7d0e2c4b8f15'  # cluster-02's ACL token, in a 0600 file
ENV_TOKEN = 'c0ffee00-1d2e-4f3a-8b9c-0d1e2f3a4b5c'   # cluster-01's ACL token, in $DC1_CONSUL_TOKEN
LITERAL_TOKEN = '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'  # written in a project file by mistake


def lint_formats():
    """Every format `entryc lint --help` lists, so a new one is covered the day it exists."""
    p = subprocess.run([ENTRYC, 'lint', '--help'], capture_output=True, text=True, timeout=60)
    line = next(l for l in p.stdout.splitlines() if l.strip().startswith('--format'))
    names = [w.strip('.,()') for w in line.replace('|', ' ').replace(',', ' ').replace('/', ' ').split()]
    known = ('pretty', 'compact', 'json', 'sarif', 'github', 'gitlab', 'junit', 'checkstyle')
    found = [n for n in known if n in names]
    assert {'pretty', 'compact', 'json', 'sarif'} <= set(found), line
    return found


class Secrets(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix='entryc-secrets-')
        cls.dir = os.path.join(cls.tmp, 'seed')
        shutil.copytree(SEED, cls.dir, ignore=shutil.ignore_patterns('.entryc'))
        token_file = os.path.join(cls.tmp, 'dc2.token')
        with open(token_file, 'w') as f:
            f.write(FILE_TOKEN + '\n')
        os.chmod(token_file, 0o600)
        project = os.path.join(cls.dir, 'entryc.hcl')
        with open(project) as f:
            text = f.read()
        text = text.replace('ca_file = "/etc/consul.d/dc2-ca.pem"',
                            'ca_file    = "/etc/consul.d/dc2-ca.pem"\n    token_file = "%s"' % token_file)
        assert token_file in text
        with open(project, 'w') as f:
            f.write(text)
        cls.env = dict(os.environ, DC1_CONSUL_TOKEN=ENV_TOKEN, CONSUL_HTTP_TOKEN_CLUSTER_02=FILE_TOKEN,
                       CONSUL_HTTP_TOKEN=ENV_TOKEN)
        cls.seen = []  # (what ran, text it produced)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def entryc(self, *args, expect=(0,), cwd=None):
        p = subprocess.run([ENTRYC, '--color=never'] + list(args), cwd=cwd or self.dir, env=self.env,
                           capture_output=True, timeout=300, stdin=subprocess.DEVNULL)
        out, err = p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')
        self.assertIn(p.returncode, expect, 'entryc %s: exit %d\n%s%s' % (' '.join(args), p.returncode, out, err))
        self.seen.append(('entryc ' + ' '.join(args), out + err))
        return out

    def collect_files(self, what, root):
        for base, _, files in os.walk(root):
            for name in files:
                with open(os.path.join(base, name), 'rb') as f:
                    self.seen.append(('%s: %s' % (what, os.path.relpath(os.path.join(base, name), root)),
                                      f.read().decode('utf-8', 'replace')))

    def assert_no_secret(self, secrets):
        self.assertTrue(self.seen)
        for what, text in self.seen:
            for s in secrets:
                self.assertNotIn(s, text, 'a secret in the output of %s' % what)

    def test_every_command_and_format(self):
        state = os.path.join(self.dir, '.entryc')
        reports = os.path.join(self.tmp, 'reports')
        os.makedirs(reports)
        for fmt in lint_formats():
            self.entryc('lint', '--project', 'entryc.hcl', '--format', fmt)
            self.entryc('lint', '--format', fmt, '-o', '%s=%s' % (fmt, os.path.join(reports, 'lint.' + fmt)), '.')
        self.entryc('plan')
        self.entryc('plan', '--format', 'json', '--out', os.path.join(reports, 'plan.json'))
        self.entryc('apply', '--auto-approve')
        secrets = runtime_secrets(state) | {FILE_TOKEN, ENV_TOKEN}
        self.assertGreater(len(secrets), 2, 'the runtime keeps no peering secret?')
        for name in os.listdir(state):
            mode = stat.S_IMODE(os.stat(os.path.join(state, name)).st_mode)
            self.assertEqual(mode & 0o077, 0, '%s is mode %o' % (name, mode))
        self.entryc('apply', '--auto-approve')
        self.entryc('plan', '--backend', 'runtime', '--detailed-exitcode')
        self.entryc('plan', '--backend', 'runtime', '--format', 'json')
        for fmt in ('human', 'json'):
            self.entryc('check', 'cluster-02/frontend-service', 'cluster-01/backend-service', '--format', fmt)
            self.entryc('check', 'cluster-02/reporting-service', 'cluster-01/backend-service', '--format', fmt,
                        expect=(1,))
            self.entryc('check', '--matrix', '--format', fmt)
        self.entryc('state', 'list')
        self.entryc('state', 'show')
        for address in self.entryc('state', 'list').split():
            self.entryc('state', 'show', address)
        for fmt in ('http', 'curl', 'consul-cli'):
            out = os.path.join(self.tmp, 'emit-' + fmt)
            self.entryc('emit', '--format', fmt, '-o', out)
            self.collect_files('emit --format ' + fmt, out)
        self.collect_files('lint reports', reports)
        if 'graph' in self.entryc('--help'):
            self.entryc('graph')
        self.entryc('rules')
        self.entryc('plugins')

        # Error paths: a state file cut inside a secret, and a literal token.
        with open(os.path.join(state, 'runtime.json')) as f:
            text = f.read()
        some = sorted(secrets - {FILE_TOKEN, ENV_TOKEN})[0]
        cut = text.index(some) + len(some) // 2
        broken = os.path.join(self.tmp, 'broken-state')
        os.makedirs(broken, mode=0o700)
        with open(os.path.join(broken, 'runtime.json'), 'w') as f:
            f.write(text[:cut])
        self.entryc('plan', '--backend', 'runtime', '--state-dir', broken, expect=(1, 2))
        self.entryc('check', '--matrix', '--state-dir', broken, expect=(2,))
        self.entryc('state', 'show', '--state-dir', broken, expect=(2,))
        with open(os.path.join(broken, 'runtime.json'), 'w') as f:
            f.write(text.replace(some, some + '"x', 1))  # a syntax error right after a secret
        self.entryc('state', 'list', '--state-dir', broken, expect=(2,))
        literal = os.path.join(self.tmp, 'literal')
        shutil.copytree(SEED, literal, ignore=shutil.ignore_patterns('.entryc'))
        with open(os.path.join(literal, 'entryc.hcl')) as f:
            text = f.read().replace('token_env = "DC1_CONSUL_TOKEN"', 'token = "%s"' % LITERAL_TOKEN)
        with open(os.path.join(literal, 'entryc.hcl'), 'w') as f:
            f.write(text)
        for args in (('plan',), ('lint', '--project', 'entryc.hcl'), ('lint', '--project', 'entryc.hcl',
                     '--format', 'json'), ('emit', '--format', 'curl', '-o', os.path.join(self.tmp, 'x'))):
            self.entryc(*args, expect=(1, 2), cwd=literal)
        self.assert_no_secret(secrets | {LITERAL_TOKEN})


if __name__ == '__main__':
    unittest.main(verbosity=2)
