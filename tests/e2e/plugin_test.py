#!/usr/bin/env python3
"""The plugin host against broken plugins: a wrong ABI version, a library
without the entry point, a file that is not a library, a duplicate rule id
and a rule that throws; plus the search path, `plugins`, `rules`, `explain`.

  ENTRYC=build/bin/entryc ENTRYC_TEST_PLUGINS=build/test-plugins python3 tests/e2e/plugin_test.py
"""
import os
import subprocess
import tempfile
import unittest

ENTRYC = os.environ.get('ENTRYC', 'entryc')
PLUGINS = os.environ.get('ENTRYC_TEST_PLUGINS', 'build/test-plugins')

ENTRY = b'Kind = "exported-services"\nName = "default"\nServices = [\n  { Name = "web", Consumers = [ { Peer = "*" } ] }\n]\n'


def entryc(*args, env=None):
    e = dict(os.environ)
    e.pop('ENTRYC_PLUGIN_PATH', None)
    e.update(env or {})
    p = subprocess.run([ENTRYC, *args], capture_output=True, timeout=60, env=e)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def elf_symbol_bytes(lib, name):
    """The bytes of a defined dynamic symbol of an ELF shared library, found with readelf."""
    syms = subprocess.run(['readelf', '-W', '--dyn-syms', lib], capture_output=True, check=True).stdout.decode()
    value, size, ndx = next((int(f[1], 16), int(f[2]), int(f[6])) for f in map(str.split, syms.splitlines())
                            if len(f) >= 8 and f[7] == name)
    out = subprocess.run(['readelf', '-W', '-S', lib], capture_output=True, check=True).stdout.decode()
    sec = next(line.split(']', 1)[1].split() for line in out.splitlines() if line.strip().startswith('[%2d]' % ndx))
    addr, off = int(sec[2], 16), int(sec[3], 16)
    with open(lib, 'rb') as f:
        f.seek(off + value - addr)
        return f.read(size)


class BrokenPlugins(unittest.TestCase):
    def dir(self, name):
        return os.path.join(PLUGINS, name)

    def test_wrong_abi_version_names_both_versions(self):
        rc, _, err = entryc('plugins', '--plugin-dir', self.dir('wrong-abi'))
        self.assertEqual(rc, 2)
        self.assertIn('was built for plugin ABI version 99, but this entryc speaks version 1 to 3', err)

    def test_incomplete_backend(self):
        rc, _, err = entryc('plugins', '--plugin-dir', self.dir('incomplete-backend'))
        self.assertEqual(rc, 2)
        self.assertIn("backend plugin", err)
        self.assertIn("is incomplete", err)

    def test_lint_does_not_load_backends(self):
        # The same broken backend, marked as one: plugins loads (and refuses)
        # it, lint and rules skip it unloaded.
        rc, _, err = entryc('plugins', '--plugin-dir', self.dir('marked-backend'))
        self.assertEqual(rc, 2)
        self.assertIn("is incomplete", err)
        with tempfile.NamedTemporaryFile(suffix='.hcl') as f:
            f.write(ENTRY)
            f.flush()
            rc, out, err = entryc('lint', '--plugin-dir', self.dir('marked-backend'), f.name)
            self.assertIn(rc, (0, 1), err)  # the entry's own findings, no plugin error
            self.assertNotIn('incomplete', out + err)
        rc, out, err = entryc('rules', '--plugin-dir', self.dir('marked-backend'))
        self.assertEqual(rc, 0, err)

    def test_rules_plugin_of_abi_version_1_still_runs(self):
        with tempfile.NamedTemporaryFile(suffix='.hcl') as f:
            f.write(ENTRY)
            f.flush()
            rc, out, err = entryc('lint', '--format', 'compact', '--plugin-dir', self.dir('old-abi'), f.name)
        self.assertIn('hello from an ABI 1 plugin [old-abi-says-hello]', out + err)

    def test_stripped_plugin_loads(self):
        # Packaged plugins are stripped: the entry point is found in the dynamic symbol table.
        with tempfile.TemporaryDirectory() as d:
            lib = os.path.join(d, 'extra.so')
            subprocess.run(['strip', '--strip-all', '-o', lib, os.path.join(self.dir('extra'), 'extra.so')], check=True)
            rc, out, err = entryc('plugins', '--plugin-dir', d)
        self.assertEqual(rc, 0, err)
        self.assertIn('extra ', out)

    def test_library_without_entry_point(self):
        rc, _, err = entryc('rules', '--plugin-dir', self.dir('no-entry'))
        self.assertEqual(rc, 2)
        self.assertIn("no-entry.so' is not an entryc plugin", err)

    def test_file_that_is_not_a_library(self):
        rc, _, err = entryc('plugins', '--plugin-dir', self.dir('junk'))
        self.assertEqual(rc, 2)
        self.assertIn("junk.so' is not a loadable shared library", err)

    def test_duplicate_rule_id(self):
        rc, _, err = entryc('rules', '--plugin-dir', self.dir('duplicate'))
        self.assertEqual(rc, 2)
        self.assertIn("rule 'exports-wildcard-peer' is defined by both plugin", err)

    def test_lint_loads_a_plugin_only_for_its_kinds(self):
        # The duplicate plugin's manifest says exported-services: lint loads
        # it (and refuses its duplicate rule id) only for such a file.
        intentions = b'Kind = "service-intentions"\nName = "api"\nSources = [ { Name = "web", Action = "allow" } ]\n'
        for body, want_rc in ((intentions, 0), (ENTRY, 2)):
            with tempfile.NamedTemporaryFile(suffix='.hcl') as f:
                f.write(body)
                f.flush()
                rc, out, err = entryc('lint', '--format', 'compact', '--plugin-dir', self.dir('duplicate'), f.name)
            self.assertEqual(rc, want_rc, out + err)
            self.assertEqual("is defined by both plugin" in out + err, want_rc == 2, out + err)

    def test_rules_of_plugins_not_loaded_are_known_to_entryc_ignore(self):
        with tempfile.NamedTemporaryFile(suffix='.hcl') as f:
            f.write(b'# entryc-ignore: exports-wildcard-peer the ACL file names an exports rule on purpose\n'
                    b'service "web" { policy = "read" }\n')
            f.flush()
            rc, out, err = entryc('lint', '--format', 'compact', '--kind', 'acl-rules', f.name)
        # Known (the exported-services plugin was never loaded), so only unused.
        self.assertNotIn('unknown rule', out + err)
        self.assertIn("entryc-ignore: 'exports-wildcard-peer' suppresses nothing on line 2", out)

    def test_manifest(self):
        # ENTRYC_RULES_PLUGIN writes the kinds (each once) and the rule ids
        # into the exported entryc_plugin_manifest, read by the host unloaded.
        lib = os.path.join(self.dir('extra'), 'extra.so')
        self.assertEqual(elf_symbol_bytes(lib, 'entryc_plugin_manifest'),
                         b'kinds service-intentions exported-services\nrules extra-no-legacy\n\0')

    def test_throwing_rule_is_reported_and_others_still_run(self):
        with tempfile.NamedTemporaryFile(suffix='.hcl') as f:
            f.write(ENTRY)
            f.flush()
            rc, out, _ = entryc('lint', '--format', 'compact', '--plugin-dir', self.dir('throwing'), f.name)
        self.assertEqual(rc, 2)
        self.assertIn("plugin 'throwing' failed: rule test-throws failed: deliberate failure for the test "
                      "[core-plugin-failure]", out)
        self.assertIn('[exports-wildcard-peer]', out)

    def test_missing_plugin_dir(self):
        rc, _, err = entryc('plugins', '--plugin-dir', self.dir('does-not-exist'))
        self.assertEqual(rc, 2)
        self.assertIn('does not exist', err)


class SearchPath(unittest.TestCase):
    def test_env_path_and_listing(self):
        rc, out, _ = entryc('plugins', env={'ENTRYC_PLUGIN_PATH': os.path.join(PLUGINS, 'extra')})
        self.assertEqual(rc, 0)
        self.assertRegex(out, r'extra\s+1\.2\.3\s+3\s+rules\s+1\s+.*extra\.so')
        self.assertRegex(out, r'exported-services\s+1\.0\.0\s+3\s+rules\s+\d+\s+.*lib/entryc/plugins/')
        self.assertRegex(out, r'runtime\s+1\.0\.0\s+3\s+backend\s+-\s+.*lib/entryc/plugins/entryc-runtime\.so')
        rc, out, _ = entryc('rules', '--plugin-dir', os.path.join(PLUGINS, 'extra'))
        self.assertIn('extra-no-legacy', out)
        self.assertIn('exports-wildcard-peer', out)

    def test_plugin_dir_comes_first(self):
        rc, out, _ = entryc('plugins', '--plugin-dir', os.path.join(PLUGINS, 'extra'),
                            env={'ENTRYC_PLUGIN_PATH': '/nonexistent'})
        self.assertEqual(rc, 0)
        lines = out.split('search path:')[1].split()
        self.assertTrue(lines[0].endswith('test-plugins/extra'))
        self.assertEqual(lines[1], '/nonexistent')

    def test_third_party_rule_runs(self):
        with tempfile.NamedTemporaryFile(suffix='.hcl') as f:
            f.write(b'Kind = "service-intentions"\nName = "legacy"\nSources = [ { Name = "web", Action = "allow" } ]\n')
            f.flush()
            rc, out, _ = entryc('lint', '--format', 'compact', '--plugin-dir', os.path.join(PLUGINS, 'extra'), f.name)
        self.assertIn(":2:8: warning: the 'legacy' service is being retired [extra-no-legacy]", out)


class Explain(unittest.TestCase):
    def test_explain_prints_the_doc(self):
        rc, out, _ = entryc('explain', 'exports-wildcard-peer')
        self.assertEqual(rc, 0)
        self.assertTrue(out.startswith('# exports-wildcard-peer'))
        self.assertIn('## How to fix', out)

    def test_explain_suggests(self):
        rc, _, err = entryc('explain', 'exports-wildcard-per')
        self.assertEqual(rc, 2)
        self.assertIn("did you mean 'exports-wildcard-peer'?", err)

    def test_explain_core_code(self):
        rc, out, _ = entryc('explain', 'core-unknown-field')
        self.assertEqual(rc, 0)
        self.assertIn('core-unknown-field', out)


if __name__ == '__main__':
    unittest.main(verbosity=1)
