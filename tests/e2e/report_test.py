#!/usr/bin/env python3
"""End-to-end tests of the CI report formats of `entryc lint` (sarif, github,
gitlab, junit, checkstyle): structure, positions, escaping, stable
fingerprints, several -o reports from one run, and SARIF validated by
Microsoft's SARIF Multitool.

  ENTRYC=build/bin/entryc python3 tests/e2e/report_test.py

The multitool is found through ENTRYC_SARIF_MULTITOOL (a path to
`sarif-multitool`) or on PATH; tools/run.sh installs it. Without it the
validation test is skipped, unless ENTRYC_REQUIRE_SARIF_MULTITOOL=1.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

ENTRYC = os.environ.get('ENTRYC', 'entryc')
FORMATS = ['pretty', 'compact', 'json', 'sarif', 'github', 'gitlab', 'junit', 'checkstyle']
CI_FORMATS = ['sarif', 'github', 'gitlab', 'junit', 'checkstyle']

# exports-wildcard-peer (error) at 6:28-6:31, exports-namespace-ce (warning) at 10:17-10:27.
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
CLEAN = BAD.replace('Peer = "*"', 'Peer = "cluster-03"').replace('    Namespace = "payments"\n', '')
# A service name with every character the formats must escape: % , : < & > " '
# and a newline (HCL's \\n escape). Consul CE erases its namespace: the warning
# quotes the name in its detail, and the summary quotes the namespace.
NASTY_NS = '50%,a:b<&>\\"q\'\\nx'
NASTY_NS_TEXT = '50%,a:b<&>"q\'\nx'
NASTY = '''Kind = "exported-services"
Name = "default"
Services = [
  {
    Name      = "web"
    Namespace = "%s"
    Consumers = [ { Peer = "cluster-02" } ]
  }
]
''' % NASTY_NS
GITHUB_LINE = re.compile(r'^::(error|warning|notice) (?:(.*?),)?title=([^,:]*)::(.*)$')


def unescape_github(s):
    return s.replace('%0A', '\n').replace('%0D', '\r').replace('%3A', ':').replace('%2C', ',').replace('%25', '%')


def github_props(s):
    props = {}
    for part in (s or '').split(','):
        if part:
            k, v = part.split('=', 1)
            props[k] = unescape_github(v)
    return props


class Reports(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='entryc-report-')

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text)
        return path

    def lint(self, *args):
        p = subprocess.run([ENTRYC, '--color=never', 'lint', *args], capture_output=True, timeout=60, cwd=self.tmp)
        return p.returncode, p.stdout.decode(), p.stderr.decode()

    def report(self, fmt, *files, status=(0, 1)):
        rc, out, err = self.lint('--format', fmt, *files)
        self.assertIn(rc, status, err)
        return out

    # --- exit codes -------------------------------------------------------

    def test_exit_codes_do_not_depend_on_the_format(self):
        self.write('bad/e.hcl', BAD)
        self.write('ok/e.hcl', CLEAN)
        for fmt in FORMATS:
            self.assertEqual(self.lint('--format', fmt, 'bad/e.hcl')[0], 1, fmt)
            self.assertEqual(self.lint('--format', fmt, 'ok/e.hcl')[0], 0, fmt)
            self.assertEqual(self.lint('--format', fmt, '--fail-on', 'warning', 'ok/e.hcl')[0], 0, fmt)
        rc, _, err = self.lint('--format', 'xml', 'ok/e.hcl')
        self.assertEqual(rc, 2)
        self.assertIn('github, gitlab, junit or checkstyle', err)

    # --- each format ------------------------------------------------------

    def test_github(self):
        self.write('e.hcl', BAD)
        lines = self.report('github', 'e.hcl').splitlines()
        self.assertEqual(len(lines), 2)
        m = GITHUB_LINE.match(lines[0])
        self.assertIsNotNone(m, lines[0])
        self.assertEqual(m.group(1), 'error')
        self.assertEqual(github_props(m.group(2)),
                         {'file': 'e.hcl', 'line': '6', 'col': '28', 'endLine': '6', 'endColumn': '31'})
        self.assertEqual(m.group(3), 'exports-wildcard-peer')
        self.assertTrue(unescape_github(m.group(4)).startswith("exporting to all peers ('*') is not supported\n"))
        m = GITHUB_LINE.match(lines[1])
        self.assertEqual((m.group(1), m.group(3)), ('warning', 'exports-namespace-ce'))
        self.assertEqual(github_props(m.group(2))['line'], '10')

    def test_github_escaping(self):
        self.write('we,ird:name.hcl', NASTY)
        out = self.report('github', 'we,ird:name.hcl')
        lines = out.splitlines()
        self.assertEqual(len(lines), 1, out)
        self.assertIn('file=we%2Cird%3Aname.hcl,', lines[0])
        m = GITHUB_LINE.match(lines[0])
        self.assertIsNotNone(m, lines[0])
        self.assertEqual(m.group(1), 'warning')
        # The message is one line: %, CR and LF escaped, ':' and ',' kept.
        self.assertNotIn('\r', lines[0])
        self.assertIn('50%25,a:b<&>"q\'%0Ax', m.group(4))
        self.assertEqual(github_props(m.group(2))['file'], 'we,ird:name.hcl')
        self.assertIn(NASTY_NS_TEXT, unescape_github(m.group(4)))

    def test_gitlab(self):
        self.write('e.hcl', BAD)
        issues = json.loads(self.report('gitlab', 'e.hcl'))
        self.assertEqual(len(issues), 2)
        for i in issues:
            for key in ('description', 'check_name', 'fingerprint', 'severity', 'location'):
                self.assertIn(key, i)
            self.assertIn(i['severity'], ('info', 'minor', 'major', 'critical', 'blocker'))
        first, second = issues
        self.assertEqual(first['check_name'], 'exports-wildcard-peer')
        self.assertEqual(first['description'], "exporting to all peers ('*') is not supported")
        self.assertEqual(first['severity'], 'critical')
        self.assertEqual(first['location']['path'], 'e.hcl')
        self.assertEqual(first['location']['lines'], {'begin': 6, 'end': 6})
        self.assertEqual(first['location']['positions'],
                         {'begin': {'line': 6, 'column': 28}, 'end': {'line': 6, 'column': 31}})
        self.assertEqual((second['check_name'], second['severity']), ('exports-namespace-ce', 'minor'))
        self.assertNotEqual(first['fingerprint'], second['fingerprint'])

    def test_gitlab_finding_without_a_file(self):
        issues = json.loads(self.report('gitlab', 'missing.hcl', status=(2,)))
        self.assertEqual(issues[0]['check_name'], 'core-io')
        self.assertEqual(issues[0]['severity'], 'blocker')
        self.assertEqual(issues[0]['location']['path'], '.')
        self.assertEqual(issues[0]['location']['lines']['begin'], 1)

    def test_junit(self):
        self.write('e.hcl', BAD)
        self.write('ok.hcl', CLEAN)
        root = ET.fromstring(self.report('junit', 'e.hcl', 'ok.hcl'))
        self.assertEqual(root.tag, 'testsuites')
        self.assertEqual((root.get('tests'), root.get('failures'), root.get('errors')), ('3', '2', '0'))
        suites = {s.get('name'): s for s in root.findall('testsuite')}
        self.assertEqual(set(suites), {'e.hcl', 'ok.hcl'})
        bad = suites['e.hcl']
        self.assertEqual((bad.get('tests'), bad.get('failures')), ('2', '2'))
        cases = bad.findall('testcase')
        self.assertEqual([c.get('name') for c in cases], ['exports-wildcard-peer', 'exports-namespace-ce'])
        self.assertEqual({c.get('classname') for c in cases}, {'e.hcl'})
        failure = cases[0].find('failure')
        self.assertEqual(failure.get('type'), 'error')
        self.assertEqual(failure.get('message'), "exporting to all peers ('*') is not supported")
        self.assertTrue(failure.text.startswith("e.hcl:6:28: error: exporting to all peers"))
        self.assertEqual(cases[1].find('failure').get('type'), 'warning')
        ok = suites['ok.hcl']
        self.assertEqual((ok.get('tests'), ok.get('failures')), ('1', '0'))
        self.assertIsNone(ok.find('testcase').find('failure'))

    def test_checkstyle(self):
        self.write('e.hcl', BAD)
        self.write('ok.hcl', CLEAN)
        root = ET.fromstring(self.report('checkstyle', 'e.hcl', 'ok.hcl'))
        self.assertEqual(root.tag, 'checkstyle')
        files = {f.get('name'): f for f in root.findall('file')}
        self.assertEqual(set(files), {'e.hcl', 'ok.hcl'})
        self.assertEqual(files['ok.hcl'].findall('error'), [])
        errors = [e.attrib for e in files['e.hcl'].findall('error')]
        self.assertEqual(errors, [
            {'line': '6', 'column': '28', 'severity': 'error', 'source': 'exports-wildcard-peer',
             'message': "exporting to all peers ('*') is not supported"},
            {'line': '10', 'column': '17', 'severity': 'warning', 'source': 'exports-namespace-ce',
             'message': "Consul CE erases the Namespace 'payments' of this service"},
        ])

    def test_xml_escaping(self):
        self.write('a&b<c>.hcl', NASTY)
        for fmt in ('junit', 'checkstyle'):
            text = self.report(fmt, 'a&b<c>.hcl')
            root = ET.fromstring(text)  # well-formed
            self.assertIn('&lt;&amp;&gt;&quot;', text)
            node = root.find('testsuite/testcase/failure' if fmt == 'junit' else 'file/error')
            # Newlines in attributes survive as character references.
            self.assertIn(NASTY_NS_TEXT, node.get('message'), fmt)
            name = root.find('testsuite' if fmt == 'junit' else 'file').get('name')
            self.assertEqual(name, 'a&b<c>.hcl')
        issue = json.loads(self.report('gitlab', 'a&b<c>.hcl'))[0]
        self.assertIn(NASTY_NS_TEXT, issue['description'])

    def test_sarif(self):
        self.write('e.hcl', BAD)
        doc = json.loads(self.report('sarif', 'e.hcl'))
        self.assertEqual(doc['version'], '2.1.0')
        run = doc['runs'][0]
        self.assertEqual(run['columnKind'], 'unicodeCodePoints')
        root = run['originalUriBaseIds']['%SRCROOT%']['uri']
        self.assertTrue(root.startswith('file:///') and root.endswith('/'), root)
        rules = run['tool']['driver']['rules']
        self.assertEqual([r['id'] for r in rules], ['exports-wildcard-peer', 'exports-namespace-ce'])
        wild = rules[0]
        self.assertEqual(wild['defaultConfiguration']['level'], 'error')
        self.assertEqual(wild['shortDescription']['text'], "a consumer exports to all peers ('*')")
        self.assertEqual(wild['fullDescription']['text'], 'A consumer is `Peer = "*"`.')
        self.assertTrue(wild['help']['markdown'].startswith('# exports-wildcard-peer'))
        self.assertTrue(wild['helpUri'].endswith('/docs/rules/exports-wildcard-peer.md'))
        self.assertEqual(rules[1]['defaultConfiguration']['level'], 'warning')
        results = run['results']
        self.assertEqual([(r['ruleId'], r['ruleIndex'], r['level']) for r in results],
                         [('exports-wildcard-peer', 0, 'error'), ('exports-namespace-ce', 1, 'warning')])
        loc = results[0]['locations'][0]['physicalLocation']
        self.assertEqual(loc['artifactLocation'], {'uri': 'e.hcl', 'uriBaseId': '%SRCROOT%'})
        self.assertEqual(loc['region'], {'startLine': 6, 'startColumn': 28, 'endLine': 6, 'endColumn': 31})
        self.assertRegex(results[0]['partialFingerprints']['primaryLocationLineHash'], r'^[0-9a-f]{16}:1$')

    def test_sarif_uris(self):
        self.write('dir with space/e.hcl', BAD)
        outside = tempfile.mkdtemp(prefix='entryc-outside-')
        try:
            with open(os.path.join(outside, 'o.hcl'), 'w') as f:
                f.write(BAD)
            doc = json.loads(self.report('sarif', './dir with space/../dir with space/e.hcl',
                                         os.path.join(self.tmp, 'dir with space', 'e.hcl'),
                                         os.path.join(outside, 'o.hcl')))
        finally:
            shutil.rmtree(outside, ignore_errors=True)
        uris = [r['locations'][0]['physicalLocation']['artifactLocation'] for r in doc['runs'][0]['results']]
        # Relative and absolute names under the working directory are the same artifact.
        self.assertEqual(uris[0], {'uri': 'dir%20with%20space/e.hcl', 'uriBaseId': '%SRCROOT%'})
        self.assertEqual(uris[2], uris[0])
        self.assertEqual(uris[4]['uri'], 'file://' + os.path.join(outside, 'o.hcl'))
        self.assertNotIn('uriBaseId', uris[4])

    # --- fingerprints -----------------------------------------------------

    def fingerprints(self, *files):
        sarif = json.loads(self.report('sarif', *files))
        gitlab = json.loads(self.report('gitlab', *files))
        fs = [r['partialFingerprints']['primaryLocationLineHash'] for r in sarif['runs'][0]['results']]
        self.assertEqual(fs, [i['fingerprint'] for i in gitlab])
        return fs, [r['locations'][0]['physicalLocation']['region']['startLine'] for r in sarif['runs'][0]['results']]

    def test_fingerprints_are_stable(self):
        self.write('e.hcl', BAD)
        first, lines = self.fingerprints('e.hcl')
        self.assertEqual(len(set(first)), 2)
        self.assertEqual(self.fingerprints('e.hcl'), (first, lines))
        # Blank lines and a comment above the findings, re-indentation: same fingerprints, new lines.
        self.write('e.hcl', '\n\n# moved\n' + BAD.replace('    Consumers = [ { Peer = "*" } ]',
                                                             '        Consumers   =   [ { Peer = "*" } ]'))
        shifted, shifted_lines = self.fingerprints('e.hcl')
        self.assertEqual(shifted, first)
        self.assertEqual(shifted_lines, [n + 3 for n in lines])
        # The same file named by its absolute path: same fingerprints.
        self.assertEqual(self.fingerprints(os.path.join(self.tmp, 'e.hcl'))[0], first)
        # Another file, or another finding on the line: different fingerprints.
        self.write('f.hcl', BAD)
        self.assertEqual(len(set(self.fingerprints('e.hcl', 'f.hcl')[0])), 4)

    def test_identical_lines_get_distinct_fingerprints(self):
        self.write('e.hcl', BAD.replace('Peer = "cluster-02"', 'Peer = "*"'))
        fs, lines = self.fingerprints('e.hcl')
        self.assertEqual(lines, [6, 10, 11])
        self.assertEqual(len(set(fs)), 3)
        h = fs[0].split(':')[0]
        self.assertEqual((fs[0], fs[2]), (h + ':1', h + ':2'))

    # --- several reports from one run ------------------------------------

    def test_several_outputs_equal_single_runs(self):
        self.write('e.hcl', BAD)
        self.write('ok.hcl', CLEAN)
        self.write('n.hcl', NASTY)
        files = ['e.hcl', 'ok.hcl', 'n.hcl', 'missing.hcl']
        outs = []
        for fmt in FORMATS:
            outs += ['-o', '%s=%s' % (fmt, os.path.join(self.tmp, 'report.' + fmt))]
        rc, stdout, _ = self.lint('--format', 'github', *outs, *files)
        self.assertEqual(rc, 2)  # missing.hcl: an input could not be read
        self.assertEqual(stdout, self.lint('--format', 'github', *files)[1])
        for fmt in FORMATS:
            rc, single, _ = self.lint('--format', fmt, *files)
            self.assertEqual(rc, 2)
            with open(os.path.join(self.tmp, 'report.' + fmt), encoding='utf-8') as f:
                self.assertEqual(f.read(), single, fmt)

    # --- SARIF Multitool --------------------------------------------------

    def test_sarif_multitool_validates(self):
        tool = os.environ.get('ENTRYC_SARIF_MULTITOOL') or shutil.which('sarif-multitool')
        if not tool or not os.path.exists(tool):
            if os.environ.get('ENTRYC_REQUIRE_SARIF_MULTITOOL') == '1':
                self.fail('ENTRYC_REQUIRE_SARIF_MULTITOOL=1 but sarif-multitool was not found '
                          '(set ENTRYC_SARIF_MULTITOOL or run tools/run.sh test)')
            self.skipTest('sarif-multitool not found (ENTRYC_SARIF_MULTITOOL)')
        self.write('e.hcl', BAD)
        self.write('n.hcl', NASTY)
        self.write('ok.hcl', CLEAN)
        sarif = os.path.join(self.tmp, 'entryc.sarif')
        rc, _, err = self.lint('--format', 'compact', '-o', 'sarif=' + sarif, 'e.hcl', 'n.hcl', 'ok.hcl',
                               'missing.hcl')
        self.assertEqual(rc, 2, err)
        log = os.path.join(self.tmp, 'validation.sarif')
        p = subprocess.run([tool, 'validate', sarif, '--output', log, '--log', 'ForceOverwrite'],
                           capture_output=True, timeout=300, cwd=self.tmp)
        out = p.stdout.decode(errors='replace') + p.stderr.decode(errors='replace')
        self.assertEqual(p.returncode, 0, out)
        with open(log, encoding='utf-8-sig') as f:
            validation = json.load(f)
        results = [r for run in validation['runs'] for r in run.get('results', [])]
        # A result without a level is a warning (SARIF 3.27.10).
        errors = [r for r in results if r.get('level', 'warning') == 'error']
        self.assertEqual(errors, [], out)
        notifications = [n for run in validation['runs'] for i in run.get('invocations', [])
                         for n in i.get('toolExecutionNotifications', []) + i.get('toolConfigurationNotifications', [])
                         if n.get('level', 'warning') == 'error']
        self.assertEqual(notifications, [], out)


if __name__ == '__main__':
    unittest.main(verbosity=2)
