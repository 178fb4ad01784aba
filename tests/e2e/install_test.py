#!/usr/bin/env python3
"""The installation: `cmake --install` into a temporary prefix, the installed
entryc finds the installed plugins, the man page and completions cover every
command, an out-of-tree plugin (samples/external-plugin) builds against the
installed SDK with find_package(entryc) and its rule fires, and the .deb from
`cpack -G DEB` (extracted, not installed) works and declares its Depends.

  ENTRYC_BUILD_DIR=build python3 tests/e2e/install_test.py
"""
import glob
import os
import re
import shutil
import subprocess
import tempfile
import unittest

BUILD = os.path.abspath(os.environ.get('ENTRYC_BUILD_DIR', 'build'))
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
EXTERNAL = os.path.join(ROOT, 'samples', 'external-plugin')
CLEAN_SAMPLE = os.path.join(ROOT, 'samples', 'seed-two-clusters', 'cluster-01', 'peering-config.hcl')


def run(cmd, **kw):
    env = dict(os.environ)
    env.pop('ENTRYC_PLUGIN_PATH', None)  # only what the installation finds itself
    env.update(kw.pop('env', {}))
    return subprocess.run(cmd, capture_output=True, text=True, env=env, **kw)


def built_plugins():
    return sorted(os.path.basename(p) for p in glob.glob(os.path.join(BUILD, 'lib', 'entryc', 'plugins', '*.so')))


def needed(path):
    """The shared libraries an ELF file names (DT_NEEDED)."""
    out = run(['readelf', '-d', path]).stdout
    return re.findall(r'\(NEEDED\)\s+Shared library: \[(.*?)\]', out)


def static_runtime():
    """Whether this build links libstdc++ and fmt into entryc and its plugins
    (ENTRYC_STATIC_RUNTIME as the build applied it: off in sanitizer and fuzz builds)."""
    with open(os.path.join(BUILD, 'CMakeCache.txt')) as f:
        used = re.search(r'(?m)^ENTRYC_STATIC_RUNTIME_USED:\w+=(.*)$', f.read())
    return used is not None and used.group(1).upper() in ('ON', '1', 'TRUE', 'YES')


def commands(entryc):
    out = run([entryc, '--help']).stdout
    return re.findall(r'^  (\w+) ', out.split('commands:')[1].split('\n\n')[0], re.M)


class InstallTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix='entryc-install-test-')
        cls.prefix = os.path.join(cls.tmp, 'prefix')
        r = run(['cmake', '--install', BUILD, '--prefix', cls.prefix])
        assert r.returncode == 0, r.stdout + r.stderr
        cls.entryc = os.path.join(cls.prefix, 'bin', 'entryc')

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def check_installed_entryc(self, entryc, plugin_dir):
        """`entryc plugins` lists every plugin of the build, from plugin_dir; a sample lints clean."""
        self.assertEqual(sorted(os.listdir(plugin_dir)), built_plugins())
        r = run([entryc, 'plugins'])
        self.assertEqual(r.returncode, 0, r.stderr)
        for so in built_plugins():
            paths = (os.path.join(plugin_dir, so), os.path.join(os.path.realpath(plugin_dir), so))
            self.assertTrue(any(p in r.stdout for p in paths), '%s not loaded from %s:\n%s' % (so, plugin_dir, r.stdout))
        self.assertNotIn(BUILD, r.stdout)
        r = run([entryc, 'lint', '--format', 'compact', CLEAN_SAMPLE])
        self.assertEqual((r.returncode, r.stdout), (0, ''), r.stderr)
        bad = glob.glob(os.path.join(ROOT, 'samples', 'invalid', 'exports-wildcard-peer', '*.hcl'))[0]
        r = run([entryc, 'lint', '--format', 'compact', bad])
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn('[exports-wildcard-peer]', r.stdout)

    def test_layout(self):
        p = self.prefix
        for rel in ('bin/entryc', 'include/entryc/plugin_abi.h', 'include/entryc/plugin_sdk.hpp',
                    'include/entryc/backend_sdk.hpp', 'include/entryc/json_reader.hpp',
                    'lib/cmake/entryc/entryc-config.cmake', 'lib/cmake/entryc/entryc-config-version.cmake',
                    'lib/cmake/entryc/entryc-targets.cmake', 'lib/cmake/entryc/EntrycPluginModule.cmake',
                    'share/man/man1/entryc.1', 'share/bash-completion/completions/entryc',
                    'share/zsh/vendor-completions/_entryc'):
            self.assertTrue(os.path.isfile(os.path.join(p, rel)), rel)
        self.assertGreaterEqual(len(built_plugins()), 6)  # 4 rule plugins, runtime, consul-http

    def test_installed_binary_finds_installed_plugins(self):
        self.check_installed_entryc(self.entryc, os.path.join(self.prefix, 'lib', 'entryc', 'plugins'))
        dyn = run(['readelf', '-d', self.entryc]).stdout
        self.assertNotRegex(dyn, r'R(UN)?PATH', 'the installed binary needs no RPATH')

    def test_man_page_lists_every_command(self):
        with open(os.path.join(self.prefix, 'share', 'man', 'man1', 'entryc.1')) as f:
            man = f.read()
        cmds = commands(self.entryc)
        self.assertIn('graph', cmds)
        for c in cmds:
            self.assertIn('\n.B %s\n' % c, man)

    def test_bash_completion(self):
        script = os.path.join(self.prefix, 'share', 'bash-completion', 'completions', 'entryc')
        env = {'PATH': os.path.join(self.prefix, 'bin') + os.pathsep + os.environ['PATH']}
        r = run(['bash', '-c', 'source "$0"; complete -p entryc', script], env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn('-F _entryc', r.stdout)

        def complete(*words):
            line = 'source "$0"; COMP_WORDS=(%s); COMP_CWORD=%d; _entryc; printf "%%s\\n" "${COMPREPLY[@]}"' % (
                ' '.join("'%s'" % w for w in words), len(words) - 1)
            return run(['bash', '-c', line, script], env=env).stdout.split()

        self.assertEqual(sorted(complete('entryc', '')), sorted(commands(self.entryc)))
        self.assertEqual(complete('entryc', 'gr'), ['graph'])
        self.assertIn('--plugin-dir', complete('entryc', 'lint', '--pl'))
        self.assertEqual(sorted(complete('entryc', 'graph', '--format', '')), ['dot', 'svg'])

    def test_external_plugin(self):
        build = os.path.join(self.tmp, 'external')
        r = run(['cmake', '-S', EXTERNAL, '-B', build, '-G', 'Ninja', '-DCMAKE_PREFIX_PATH=' + self.prefix])
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        r = run(['cmake', '--build', build])
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        so = os.path.join(build, 'entryc-acme_rules.so')
        self.assertTrue(os.path.isfile(so))
        exported = run(['nm', '-D', '--defined-only', so]).stdout
        self.assertEqual([l.split()[-1] for l in exported.splitlines() if ' T ' in l], ['entryc_plugin_entry'])
        r = run([self.entryc, 'rules', '--plugin-dir', build])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn('acme-no-legacy-source', r.stdout)
        r = run([self.entryc, 'lint', '--format', 'compact', '--plugin-dir', build, 'legacy-intentions.hcl'],
                cwd=EXTERNAL)
        self.assertEqual(r.returncode, 0, r.stderr)  # a warning
        self.assertEqual(r.stdout, "legacy-intentions.hcl:11:14: warning: source 'legacy-billing' is a retired "
                                   "legacy service [acme-no-legacy-source]\n")

    def test_runtime_as_configured(self):
        """With ENTRYC_STATIC_RUNTIME neither entryc nor any plugin loads libstdc++ or libfmt;
        without, entryc loads both."""
        files = [self.entryc] + sorted(glob.glob(os.path.join(self.prefix, 'lib', 'entryc', 'plugins', '*.so')))
        self.assertGreater(len(files), 1)
        static = static_runtime()
        for path in files:
            libs = needed(path)
            self.assertIn('libc.so.6', libs, path)
            if static:
                self.assertNotIn('libstdc++.so.6', libs, path)
                self.assertNotIn('libfmt.so.9', libs, path)
            elif path == self.entryc:
                self.assertIn('libstdc++.so.6', libs, path)
                self.assertIn('libfmt.so.9', libs, path)

    def test_deb(self):
        out = os.path.join(self.tmp, 'deb')
        r = run(['cpack', '-G', 'DEB', '--config', os.path.join(BUILD, 'CPackConfig.cmake'), '-B', out], cwd=BUILD)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        debs = glob.glob(os.path.join(out, 'entryc_*.deb'))
        self.assertEqual(len(debs), 1, os.listdir(out))
        info = run(['dpkg-deb', '-I', debs[0]]).stdout
        self.assertRegex(info, r'(?m)^ Package: entryc$')
        depends = re.search(r'(?m)^ Depends: (.*)$', info)
        self.assertIsNotNone(depends, info)
        self.assertIn('libc6', depends.group(1))
        for lib in ('libstdc++6', 'libfmt9'):
            self.assertEqual(lib in depends.group(1), not static_runtime(), depends.group(1))
        root = os.path.join(self.tmp, 'deb-root')
        r = run(['dpkg-deb', '-x', debs[0], root])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.check_installed_entryc(os.path.join(root, 'usr', 'bin', 'entryc'),
                                    os.path.join(root, 'usr', 'lib', 'entryc', 'plugins'))
        for rel in ('usr/include/entryc/plugin_sdk.hpp', 'usr/lib/cmake/entryc/entryc-config.cmake',
                    'usr/share/man/man1/entryc.1', 'usr/share/bash-completion/completions/entryc'):
            self.assertTrue(os.path.isfile(os.path.join(root, rel)), rel)


if __name__ == '__main__':
    unittest.main()
