#!/usr/bin/env python3
"""End-to-end tests of `entryc lint`: exit codes, formats, reports written
with -o, Consul's messages, .entryc.hcl, inline suppressions, --kind,
--edition and stdin.

  ENTRYC=build/bin/entryc python3 tests/e2e/lint_test.py
"""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

ENTRYC = os.environ.get('ENTRYC', 'entryc')
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))

BAD = '''Kind = "exported-services"
Name = "default"
Services = [
  {
    Name      = "web"
    Consumers = [ { Peer = "*" } ]
  },
  {
    Name      = "api"
    Namespace = "payments"
    Consumers = [ { Peer = "cluster-02" } ]
  }
]
'''


class Lint(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='entryc-lint-')

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text)
        return path

    def lint(self, *args, stdin=None, cwd=None):
        p = subprocess.run([ENTRYC, 'lint', *args], input=stdin, capture_output=True, timeout=60, cwd=cwd or self.tmp)
        return p.returncode, p.stdout.decode(), p.stderr.decode()

    def test_clean_seed_exits_0(self):
        rc, out, _ = self.lint('--format', 'compact', os.path.join(ROOT, 'samples', 'seed-two-clusters'))
        self.assertEqual((rc, out), (0, ''))

    def test_findings_exit_1_with_positions(self):
        f = self.write('e.hcl', BAD)
        rc, out, _ = self.lint('--format', 'compact', f)
        self.assertEqual(rc, 1)
        self.assertEqual(out.splitlines(), [
            f + ":6:28: error: exporting to all peers ('*') is not supported [exports-wildcard-peer]",
            f + ":10:17: warning: Consul CE erases the Namespace 'payments' of this service [exports-namespace-ce]",
        ])

    def test_fail_on(self):
        f = self.write('w.hcl', BAD.replace('Peer = "*"', 'Peer = "cluster-03"'))
        self.assertEqual(self.lint('--format', 'compact', f)[0], 0)
        self.assertEqual(self.lint('--format', 'compact', '--fail-on', 'warning', f)[0], 1)

    def test_consul_messages(self):
        f = self.write('e.hcl', BAD)
        rc, out, _ = self.lint('--format', 'compact', '--consul-messages', f)
        self.assertIn(':6:28: error: Error writing config entry exported-services/default: Unexpected response code: '
                      '500 (Services[0].Consumers[0]: exporting to all peers (wildcard) is not supported)', out)

    def test_json_and_sarif_reports(self):
        f = self.write('e.hcl', BAD)
        j, s = os.path.join(self.tmp, 'r.json'), os.path.join(self.tmp, 'r.sarif')
        rc, out, _ = self.lint('--format', 'compact', '-o', 'json=' + j, '-o', 'sarif=' + s, f)
        self.assertEqual(rc, 1)
        doc = json.load(open(j))
        first = doc['diagnostics'][0]
        self.assertEqual(first['code'], 'exports-wildcard-peer')
        self.assertEqual(first['path'], 'Services[0].Consumers[0].Peer')
        self.assertEqual(first['range']['start']['line'], 6)
        self.assertIn('exporting to all peers', first['consul_text'])
        sarif = json.load(open(s))
        self.assertEqual(sarif['version'], '2.1.0')
        run = sarif['runs'][0]
        self.assertEqual(run['tool']['driver']['name'], 'entryc')
        res = run['results'][0]
        self.assertEqual(res['ruleId'], 'exports-wildcard-peer')
        self.assertEqual(res['locations'][0]['physicalLocation']['region']['startLine'], 6)
        self.assertIn('primaryLocationLineHash', res['partialFingerprints'])
        ids = [r['id'] for r in run['tool']['driver']['rules']]
        self.assertEqual(ids[res['ruleIndex']], 'exports-wildcard-peer')

    def test_bad_output_spec(self):
        rc, _, err = self.lint('-o', 'xml=out.xml', 'x.hcl')
        self.assertEqual(rc, 2)
        self.assertIn('-o needs FORMAT=PATH', err)

    def test_project_config(self):
        self.write('.entryc.hcl', 'rules {\n  exports-namespace-ce = "off"\n  exports-wildcard-peer = "warning"\n}\n')
        f = self.write('e.hcl', BAD)
        rc, out, _ = self.lint('--format', 'compact', 'e.hcl')
        self.assertEqual(rc, 0)
        self.assertEqual(out, "e.hcl:6:28: warning: exporting to all peers ('*') is not supported [exports-wildcard-peer]\n")

    def test_project_config_errors_have_positions(self):
        self.write('.entryc.hcl', 'editon = "ce"\n')
        self.write('e.hcl', BAD)
        rc, out, _ = self.lint('--format', 'compact', 'e.hcl')
        self.assertEqual(rc, 2)
        self.assertIn(".entryc.hcl:1:1: error: unknown setting 'editon'; did you mean 'edition'? [core-config]", out)

    def test_suppression(self):
        text = BAD.replace('    Consumers = [ { Peer = "*" } ]',
                           '    # entryc-ignore: exports-wildcard-peer the mesh team exports to all peers on purpose\n'
                           '    Consumers = [ { Peer = "*" } ]')
        f = self.write('e.hcl', text)
        rc, out, _ = self.lint('--format', 'compact', f)
        self.assertEqual(rc, 0)
        self.assertNotIn('exports-wildcard-peer]', out)

    def test_suppression_needs_a_reason_and_a_known_rule(self):
        text = BAD.replace('Consumers = [ { Peer = "*" } ]', 'Consumers = [ { Peer = "*" } ] # entryc-ignore: exports-wildcard-peer')
        text = text.replace('Namespace = "payments"', 'Namespace = "payments" // entryc-ignore: exports-namespace-cee moved later')
        f = self.write('e.hcl', text)
        rc, out, _ = self.lint('--format', 'compact', f)
        self.assertEqual(rc, 1)
        self.assertIn('error: entryc-ignore needs a reason [core-suppression]', out)
        self.assertIn("entryc-ignore names an unknown rule 'exports-namespace-cee'; did you mean 'exports-namespace-ce'?", out)
        self.assertIn('[exports-wildcard-peer]', out)

    def test_syntax_errors_cannot_be_suppressed(self):
        f = self.write('e.hcl', '# entryc-ignore: core-syntax trust me\nName: "x"\n')
        rc, out, _ = self.lint('--format', 'compact', f)
        self.assertEqual(rc, 1)
        self.assertIn("illegal character ':'", out)

    def test_kind_and_edition(self):
        f = self.write('p.hcl', 'Kind = "exported-services"\nName = "finance"\n')
        self.assertEqual(self.lint('--format', 'compact', f)[0], 1)
        self.assertEqual(self.lint('--format', 'compact', '--edition', 'ent', f)[0], 0)
        rc, _, err = self.lint('--kind', 'proxy-defaults', f)
        self.assertEqual(rc, 2)

    def test_unknown_kind_and_missing_kind(self):
        f = self.write('k.hcl', 'Kind = "exported-service"\nName = "default"\n')
        rc, out, _ = self.lint('--format', 'compact', f)
        self.assertIn("unknown config entry kind 'exported-service'; did you mean 'exported-services'? [core-unknown-kind]", out)
        g = self.write('m.hcl', 'KIND = "exported-services"\n')
        rc, out, _ = self.lint('--format', 'compact', g)
        self.assertIn("config entry has no 'Kind' [core-missing-kind]", out)

    def test_stdin(self):
        rc, out, _ = self.lint('--format', 'compact', '-', stdin=BAD.encode())
        self.assertEqual(rc, 1)
        self.assertIn('<stdin>:6:28: error:', out)

    def test_enterprise_fields_on_a_ce_server(self):
        f = self.write('i.hcl', 'Kind = "service-intentions"\nName = "web"\nNamespace = "default"\n'
                                 'Sources = [ { Name = "api", Action = "allow" } ]\n')
        rc, out, _ = self.lint('--format', 'compact', '--consul-messages', f)
        self.assertEqual(rc, 1)
        self.assertIn(':3:1: error: Unexpected response code: 400 (Request decoding failed: 1 error occurred: * invalid '
                      'config key "Namespace", namespaces are a consul enterprise feature) [core-enterprise-field]', out)

    def test_directory_walk_skips_project_files(self):
        self.write('d/.entryc.hcl', 'preset = "all"\n')
        self.write('d/entryc.hcl', 'cluster "dc1" {}\n')
        self.write('d/e.hcl', BAD)
        rc, out, _ = self.lint('--format', 'compact', 'd')
        self.assertNotIn('entryc.hcl', out.replace('d/e.hcl', ''))

    def test_missing_file_exit_2(self):
        rc, _, _ = self.lint('nope.hcl')
        self.assertEqual(rc, 2)


if __name__ == '__main__':
    unittest.main(verbosity=1)
