#!/usr/bin/env python3
"""End-to-end test of the pre-commit hooks (.pre-commit-hooks.yaml) with
Debian's `pre-commit`, offline: a temporary git repository whose
.pre-commit-config.yaml points at a git snapshot of this repository's hook
file; a broken Consul entry is refused with its file:line:col diagnostic,
the fixed one is committed. HOME, pre-commit's cache and PATH (holding only
the entryc under test) are temporary; this repository's git state is never
touched.

  ENTRYC=build/bin/entryc python3 tests/e2e/precommit_test.py
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

ENTRYC = os.environ.get('ENTRYC', 'entryc')
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))

BROKEN = '''Kind = "exported-services"
Name = "default"

Services = [
  {
    Name      = "web"
    Consumers = [
      {
        Peer = "cluster-02"
        Partition = "other"
      },
    ]
  },
]
'''

FIXED = '''Kind = "exported-services"
Name = "default"

Services = [
  {
    Name = "web"

    Consumers = [
      {
        Peer = "cluster-02"
      },
    ]
  },
]
'''


# tools/run.sh installs pre-commit and sets ENTRYC_REQUIRE_TOOLS=1: in CI a
# missing tool is a failure, not a skip.
@unittest.skipUnless(shutil.which('pre-commit') or os.environ.get('ENTRYC_REQUIRE_TOOLS') == '1',
                     'pre-commit is not installed (Debian package pre-commit)')
class PreCommit(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='entryc-precommit-')
        bindir = os.path.join(self.tmp, 'bin')
        os.makedirs(bindir)
        os.symlink(os.path.abspath(shutil.which(ENTRYC) or ENTRYC), os.path.join(bindir, 'entryc'))
        tools = {os.path.dirname(os.path.realpath(shutil.which(t))) for t in ('git', 'pre-commit', 'python3')}
        self.env = {
            'HOME': os.path.join(self.tmp, 'home'),
            'PRE_COMMIT_HOME': os.path.join(self.tmp, 'cache'),
            'PATH': os.pathsep.join([bindir] + sorted(tools) + ['/usr/bin', '/bin']),
            'LANG': 'C.UTF-8',
            'GIT_CONFIG_NOSYSTEM': '1',
            'NO_COLOR': '1',
        }
        os.makedirs(self.env['HOME'])

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_in(self, cwd, *cmd, check=True):
        p = subprocess.run(list(cmd), cwd=cwd, env=self.env, capture_output=True, timeout=300)
        out = p.stdout.decode(errors='replace') + p.stderr.decode(errors='replace')
        if check and p.returncode != 0:
            self.fail('%s failed (%d):\n%s' % (' '.join(cmd), p.returncode, out))
        return p.returncode, out

    def git_repo(self, path):
        os.makedirs(path)
        self.run_in(path, 'git', 'init', '-q', '-b', 'main')
        self.run_in(path, 'git', 'config', 'user.name', 'entryc test')
        self.run_in(path, 'git', 'config', 'user.email', 'entryc-test@example.invalid')
        self.run_in(path, 'git', 'config', 'commit.gpgsign', 'false')

    def write(self, path, text):
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text)

    def test_commit_blocked_then_passes(self):
        # pre-commit clones the hook repository with git: give it a snapshot
        # of the hook definitions, not this (busy) working tree.
        hooks = os.path.join(self.tmp, 'hooks')
        self.git_repo(hooks)
        shutil.copy(os.path.join(ROOT, '.pre-commit-hooks.yaml'), hooks)
        self.run_in(hooks, 'git', 'add', '.pre-commit-hooks.yaml')
        self.run_in(hooks, 'git', 'commit', '-q', '-m', 'hooks')
        rev = self.run_in(hooks, 'git', 'rev-parse', 'HEAD')[1].strip()

        repo = os.path.join(self.tmp, 'repo')
        self.git_repo(repo)
        self.write(os.path.join(repo, '.pre-commit-config.yaml'),
                   'repos:\n- repo: %s\n  rev: %s\n  hooks:\n  - id: entryc-lint\n  - id: entryc-fmt\n' % (hooks, rev))
        self.run_in(repo, 'pre-commit', 'install')
        os.makedirs(os.path.join(repo, 'config'))
        entry = os.path.join(repo, 'config', 'exports.hcl')
        self.write(entry, BROKEN)
        self.run_in(repo, 'git', 'add', '.')
        rc, out = self.run_in(repo, 'git', 'commit', '-m', 'broken', check=False)
        print('\n--- git commit of the broken entry:\n' + out, file=sys.stderr)
        self.assertNotEqual(rc, 0, out)
        self.assertRegex(out, r'entryc lint\.+Failed')
        self.assertIn("config/exports.hcl:8:7: error: consumer sets both 'Peer' and 'Partition'", out)
        self.assertRegex(out, r'entryc fmt\.+Failed')
        self.assertEqual(self.run_in(repo, 'git', 'rev-list', '--all', '--count', check=False)[1].strip(), '0')

        self.write(entry, FIXED)
        self.run_in(repo, 'git', 'add', '.')
        rc, out = self.run_in(repo, 'git', 'commit', '-m', 'fixed', check=False)
        self.assertEqual(rc, 0, out)
        self.assertRegex(out, r'entryc lint\.+Passed')
        self.assertRegex(out, r'entryc fmt\.+Passed')
        self.assertEqual(self.run_in(repo, 'git', 'rev-list', '--count', 'HEAD')[1].strip(), '1')


if __name__ == '__main__':
    unittest.main()
