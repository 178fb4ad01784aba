#!/usr/bin/env python3
"""End-to-end tests of `entryc graph`: golden DOT for the seed and
hub-and-spoke samples (samples/<scenario>/graph.dot.expected;
ENTRYC_UPDATE_GOLDEN=1 rewrites them), determinism, the DOT parses with
Graphviz, --format svg is XML, a missing `dot` is a clear exit 2, and the
peering label follows what was applied.

  ENTRYC=build/bin/entryc python3 tests/e2e/graph_test.py
"""
import os
import shutil
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

ENTRYC = os.environ.get('ENTRYC', 'entryc')
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
SCENARIOS = ('seed-two-clusters', 'hub-and-spoke')
# tools/run.sh installs Graphviz and sets ENTRYC_REQUIRE_TOOLS=1: in CI no skip.
HAVE_DOT = shutil.which('dot') is not None or os.environ.get('ENTRYC_REQUIRE_TOOLS') == '1'


def graph(scenario, state_dir, *extra, env=None):
    return subprocess.run([ENTRYC, 'graph', '--project', 'entryc.hcl', '--state-dir', state_dir, *extra],
                          cwd=os.path.join(ROOT, 'samples', scenario), capture_output=True, text=True, env=env)


class GraphTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='entryc-graph-test-')
        self.state = os.path.join(self.tmp, 'state')  # empty clusters, whatever samples/*/.entryc holds

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_golden_dot(self):
        for scenario in SCENARIOS:
            with self.subTest(scenario=scenario):
                r = graph(scenario, self.state)
                self.assertEqual(r.returncode, 0, r.stderr)
                golden = os.path.join(ROOT, 'samples', scenario, 'graph.dot.expected')
                if os.environ.get('ENTRYC_UPDATE_GOLDEN'):
                    with open(golden, 'w') as f:
                        f.write(r.stdout)
                with open(golden) as f:
                    self.assertEqual(r.stdout, f.read())
                self.assertEqual(graph(scenario, self.state).stdout, r.stdout, 'not deterministic')

    def test_seed_content(self):
        out = graph('seed-two-clusters', self.state).stdout
        self.assertIn('subgraph "cluster_cluster-01" {', out)
        self.assertIn('subgraph "cluster_cluster-01/default" {', out)
        self.assertIn('"cluster-01/default/backend-service" [label="backend-service\\nexported to peer cluster-02", '
                      'peripheries=2];', out)
        self.assertIn('label="peering cluster-01--cluster-02\\nplanned"', out)
        self.assertIn('"cluster-02/default/frontend-service" -> "cluster-01/default/backend-service"', out)
        # reporting-service is denied by cluster-01's intentions and its ACL default.
        self.assertNotIn('"cluster-02/default/reporting-service" -> ', out)

    def test_peering_state_after_apply(self):
        seed = os.path.join(ROOT, 'samples', 'seed-two-clusters')
        r = subprocess.run([ENTRYC, 'apply', '--project', 'entryc.hcl', '--state-dir', self.state, '--auto-approve'],
                           cwd=seed, capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        out = graph('seed-two-clusters', self.state).stdout
        self.assertIn('label="peering cluster-01--cluster-02\\nACTIVE"', out)

    def test_out_file(self):
        path = os.path.join(self.tmp, 'g.dot')
        r = graph('seed-two-clusters', self.state, '-o', path)
        self.assertEqual((r.returncode, r.stdout), (0, ''), r.stderr)
        with open(path) as f:
            self.assertTrue(f.read().startswith('digraph entryc {'))

    def test_usage(self):
        r = graph('seed-two-clusters', self.state, '--format', 'png')
        self.assertEqual(r.returncode, 2)
        self.assertIn('--format must be dot or svg', r.stderr)

    @unittest.skipUnless(HAVE_DOT, 'Graphviz is not installed')
    def test_dot_parses_and_svg_is_xml(self):
        for scenario in SCENARIOS:
            with self.subTest(scenario=scenario):
                dot = graph(scenario, self.state).stdout
                r = subprocess.run(['dot', '-Tsvg'], input=dot, capture_output=True, text=True)
                self.assertEqual((r.returncode, r.stderr), (0, ''))
                r = graph(scenario, self.state, '--format', 'svg')
                self.assertEqual(r.returncode, 0, r.stderr)
                root = ET.fromstring(r.stdout.encode())
                self.assertTrue(root.tag.endswith('svg'), root.tag)

    def test_svg_without_graphviz(self):
        env = dict(os.environ, PATH=self.tmp)  # no `dot` there
        r = graph('seed-two-clusters', self.state, '--format', 'svg', env=env)
        self.assertEqual(r.returncode, 2)
        self.assertIn("needs Graphviz's `dot`", r.stderr)
        self.assertEqual(r.stdout, '')


if __name__ == '__main__':
    unittest.main()
