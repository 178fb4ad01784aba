#!/usr/bin/env python3
"""End-to-end tests of `entryc emit` (the consul-http backend's offline
mode): the three formats for samples/seed-two-clusters and
samples/ent-partitions against their goldens in samples/<scenario>/emit/,
byte-identical output wherever the checkout is
(the http golden is emit/requests.json.expected), `bash -n` on the scripts,
no token-looking value in anything emitted (and no environment secret read),
--state giving CAS writes and deletes, and the exit codes.

  ENTRYC=build/bin/entryc python3 tests/e2e/emit_test.py
  ENTRYC_UPDATE_GOLDEN=1 ...   rewrites the goldens (review every line of the diff)
"""
import json
import os
import re
import shutil
import stat
import subprocess
import tempfile
import unittest

ENTRYC = os.environ.get('ENTRYC', 'entryc')
if os.sep in ENTRYC:
    ENTRYC = os.path.abspath(ENTRYC)
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
SAMPLES = os.path.join(ROOT, 'samples')
SCENARIOS = ('seed-two-clusters', 'ent-partitions')
UPDATE = os.environ.get('ENTRYC_UPDATE_GOLDEN') == '1'

# Values a test puts in the environment: none may show up in what is emitted.
SECRETS = {
    'DC1_CONSUL_TOKEN': '7d2a4f0e-1c3b-4e5a-9f8d-0a1b2c3d4e5f',
    'CONSUL_HTTP_TOKEN_CLUSTER_02': 'b1e2c3d4-5f60-4718-a9b0-c1d2e3f40516',
    'CONSUL_HTTP_TOKEN': '0f1e2d3c-4b5a-4697-8877-665544332211',
    'CONSUL_HTTP_TOKEN_EAST': 'c0ffee00-1111-4222-8333-444455556666',
}
UUID = re.compile(r'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}')
BASE64_RUN = re.compile(r'[A-Za-z0-9+/]{40,}={0,2}')  # a peering token is a long base64 string


def emit(*args, cwd, env=None):
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.run([ENTRYC, '--color=never', 'emit', *args], capture_output=True, timeout=60, cwd=cwd, env=e)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def golden_name(rel):
    """requests.json is kept as requests.json.expected: `entryc lint DIR` reads every .json as an entry."""
    return rel + '.expected' if rel.endswith('.json') else rel


def tree(d):
    """{relative path: (text, executable)} of every file under d."""
    out = {}
    for dirpath, _, names in os.walk(d):
        for n in names:
            p = os.path.join(dirpath, n)
            out[os.path.relpath(p, d)] = (read(p), bool(os.stat(p).st_mode & stat.S_IXUSR))
    return out


class Emit(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='entryc-emit-')

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def outputs(self, scenario, cwd=None):
        """The three formats for a scenario: {format: {path: (text, executable)}}."""
        cwd = cwd or os.path.join(SAMPLES, scenario)
        got = {}
        for fmt in ('http', 'curl'):
            rc, out, err = emit('--format', fmt, cwd=cwd, env=SECRETS)
            self.assertEqual(rc, 0, err)
            self.assertEqual(err, '')
            got[fmt] = {'requests.json' if fmt == 'http' else 'apply.sh': (out, fmt == 'curl')}
        d = os.path.join(self.tmp, scenario + '-consul-cli')
        shutil.rmtree(d, ignore_errors=True)
        rc, _, err = emit('--format', 'consul-cli', '-o', d, cwd=cwd, env=SECRETS)
        self.assertEqual(rc, 0, err)
        got['consul-cli'] = tree(d)
        return got

    # ---- goldens

    def test_goldens(self):
        for scenario in SCENARIOS:
            golden = os.path.join(SAMPLES, scenario, 'emit')
            got = self.outputs(scenario)
            where = {'http': golden, 'curl': os.path.join(golden, 'curl'),
                     'consul-cli': os.path.join(golden, 'consul-cli')}
            for fmt, files in got.items():
                if UPDATE:
                    if fmt == 'consul-cli':
                        shutil.rmtree(where[fmt], ignore_errors=True)
                    for rel, (text, executable) in files.items():
                        path = os.path.join(where[fmt], rel if fmt == 'consul-cli' else golden_name(rel))
                        os.makedirs(os.path.dirname(path), exist_ok=True)
                        with open(path, 'w', encoding='utf-8') as f:
                            f.write(text)
                        os.chmod(path, 0o755 if executable else 0o644)
                want = tree(where[fmt]) if fmt == 'consul-cli' else {
                    rel: (read(os.path.join(where[fmt], golden_name(rel))), files[rel][1])
                    for rel in files if os.path.exists(os.path.join(where[fmt], golden_name(rel)))}
                with self.subTest(scenario=scenario, format=fmt):
                    self.assertEqual(sorted(files), sorted(want), 'files differ from %s' % where[fmt])
                    for rel in files:
                        self.assertEqual(files[rel][0], want[rel][0], '%s/%s differs' % (where[fmt], rel))
                    if fmt == 'consul-cli':
                        self.assertTrue(files['apply.sh'][1], 'apply.sh is not executable')

    def test_same_input_same_bytes_anywhere(self):
        for scenario in SCENARIOS:
            a = self.outputs(scenario)
            b = self.outputs(scenario)
            copy = os.path.join(self.tmp, 'elsewhere', scenario)
            shutil.copytree(os.path.join(SAMPLES, scenario), copy, ignore=shutil.ignore_patterns('emit', '.entryc'))
            c = self.outputs(scenario, cwd=copy)
            self.assertEqual(a, b)
            self.assertEqual(a, c)

    # ---- scripts

    def test_scripts_parse_with_bash(self):
        for scenario in SCENARIOS:
            got = self.outputs(scenario)
            for fmt in ('curl', 'consul-cli'):
                script = os.path.join(self.tmp, '%s-%s.sh' % (scenario, fmt))
                with open(script, 'w', encoding='utf-8') as f:
                    f.write(got[fmt]['apply.sh'][0])
                p = subprocess.run(['bash', '-n', script], capture_output=True, timeout=30)
                self.assertEqual(p.returncode, 0, '%s %s: %s' % (scenario, fmt, p.stderr.decode()))
                text = got[fmt]['apply.sh'][0]
                self.assertTrue(text.startswith('#!/usr/bin/env bash\n'))
                self.assertIn('\nset -euo pipefail\n', text)
                self.assertIn('# Requires ', text)

    def test_environment_variables_are_named_in_the_header(self):
        seed = self.outputs('seed-two-clusters')
        for fmt in ('curl', 'consul-cli'):
            head = seed[fmt]['apply.sh'][0].split('set -euo pipefail')[0]
            for var in ('DC1_CONSUL_TOKEN', 'CONSUL_HTTP_TOKEN_CLUSTER_02', 'CONSUL_HTTP_ADDR_CLUSTER_01',
                        'CONSUL_HTTP_ADDR_CLUSTER_02'):
                self.assertIn(var, head)
        ent = self.outputs('ent-partitions')['curl']['apply.sh'][0]
        self.assertIn("addr_east=${CONSUL_HTTP_ADDR_EAST:?", ent)      # no address declared: required
        self.assertIn('token_east=${CONSUL_HTTP_TOKEN_EAST:-}\n', ent)  # ACLs off: optional

    def test_no_secret_and_no_token_looking_value(self):
        for scenario in SCENARIOS:
            for fmt, files in self.outputs(scenario).items():
                for rel, (text, _) in files.items():
                    with self.subTest(scenario=scenario, file='%s:%s' % (fmt, rel)):
                        for value in SECRETS.values():
                            self.assertNotIn(value, text)
                        self.assertIsNone(UUID.search(text))
                        self.assertIsNone(BASE64_RUN.search(text), BASE64_RUN.search(text) and
                                          BASE64_RUN.search(text).group(0))

    def test_peering_token_is_a_variable_from_generate_to_establish(self):
        seed = self.outputs('seed-two-clusters')
        reqs = json.loads(seed['http']['requests.json'][0])
        self.assertEqual([(r['method'], r['url']) for r in reqs], [
            ('POST', 'https://consul.dc1.example:8501/v1/peering/token'),
            ('POST', 'https://consul.dc2.example:8501/v1/peering/establish'),
            ('PUT', 'https://consul.dc1.example:8501/v1/config'),
            ('PUT', 'https://consul.dc1.example:8501/v1/config'),
            ('PUT', 'https://consul.dc2.example:8501/v1/acl/policy'),
        ])
        var = 'PEERING_TOKEN_CLUSTER_01_DEFAULT_CLUSTER_02'
        self.assertEqual(reqs[0]['capture'], {var: 'PeeringToken'})
        self.assertEqual(reqs[1]['body'], {'PeerName': 'cluster-01', 'PeeringToken': '${%s}' % var})
        self.assertEqual(reqs[0]['headers']['X-Consul-Token'], '${DC1_CONSUL_TOKEN}')
        self.assertEqual(reqs[1]['headers']['X-Consul-Token'], '${CONSUL_HTTP_TOKEN_CLUSTER_02}')
        cli = seed['consul-cli']['apply.sh'][0]
        self.assertIn('%s=$(on_cluster_01 peering generate-token -name cluster-02)\n' % var, cli)
        self.assertIn('on_cluster_02 peering establish -name cluster-01 -peering-token "$%s"\n' % var, cli)

    def test_enterprise_scope_is_in_query_parameters_only_there(self):
        seed = json.loads(self.outputs('seed-two-clusters')['http']['requests.json'][0])
        self.assertFalse(any('?' in r['url'] for r in seed))  # CE: no partition/ns parameters
        ent = json.loads(self.outputs('ent-partitions')['http']['requests.json'][0])
        self.assertTrue(all('partition=' in r['url'] for r in ent))
        self.assertIn('${CONSUL_HTTP_ADDR_EAST}/v1/config?ns=payments&partition=finance', [r['url'] for r in ent])

    # ---- plans against a snapshot

    def test_state_gives_cas_writes_deletes_and_policy_updates(self):
        state = {'format_version': 1, 'clusters': {
            'cluster-01': {'partitions': {'default': {
                'peerings': [{'Name': 'cluster-02', 'State': 'ACTIVE'}],
                'config_entries': [
                    {'Kind': 'exported-services', 'Name': 'default', 'Services': [], 'CreateIndex': 90,
                     'ModifyIndex': 99},
                    {'Kind': 'service-intentions', 'Name': 'legacy', 'Sources': [{'Name': 'web', 'Action': 'allow'}],
                     'ModifyIndex': 7}]}}},
            'cluster-02': {'partitions': {'default': {
                'peerings': [{'Name': 'cluster-01', 'State': 'ACTIVE'}],
                'acl_policies': [{'Name': 'frontend-sidecar', 'Rules': 'acl = "read"'}]}}}}}
        path = os.path.join(self.tmp, 'state.json')
        with open(path, 'w', encoding='utf-8') as f:
            json.dump(state, f)
        seed = os.path.join(SAMPLES, 'seed-two-clusters')
        rc, out, err = emit('--format', 'http', '--state', path, cwd=seed)
        self.assertEqual(rc, 0, err)
        reqs = json.loads(out)
        self.assertEqual([(r['method'], r['url'].split('8501')[1]) for r in reqs], [
            ('PUT', '/v1/config?cas=99'),                       # update, with the snapshot's ModifyIndex
            ('PUT', '/v1/config'),                              # create
            ('GET', '/v1/acl/policy/name/frontend-sidecar'),    # update: the ID first
            ('PUT', '/v1/acl/policy/${ACL_POLICY_ID_CLUSTER_02_DEFAULT_FRONTEND_SIDECAR}'),
            ('DELETE', '/v1/config/service-intentions/legacy?cas=7'),
        ])
        self.assertEqual(reqs[2]['capture'], {'ACL_POLICY_ID_CLUSTER_02_DEFAULT_FRONTEND_SIDECAR': 'ID'})
        self.assertIsNone(reqs[4]['body'])
        self.assertEqual(reqs[4]['expect'], 'true')
        rc, out, err = emit('--format', 'curl', '--state', path, cwd=seed)
        self.assertEqual(rc, 0, err)
        self.assertIn("expect_true \"$response\" 'Config entry not deleted: service-intentions/legacy'", out)
        rc, _, err = emit('--format', 'consul-cli', '--state', path, '-o', os.path.join(self.tmp, 'upd'), cwd=seed)
        self.assertEqual(rc, 0, err)
        cli = read(os.path.join(self.tmp, 'upd', 'apply.sh'))
        self.assertIn('on_cluster_01 config write -cas -modify-index=99 "$here/config/cluster-01/default/'
                      'exported-services/default.json"\n', cli)
        self.assertIn('on_cluster_02 acl policy update -name frontend-sidecar -rules '
                      '"@$here/acl/cluster-02/default/frontend-sidecar.hcl" -no-merge\n', cli)
        self.assertIn('on_cluster_01 config delete -kind service-intentions -name legacy -cas -modify-index=7\n', cli)

    def test_nothing_to_do(self):
        seed = os.path.join(SAMPLES, 'seed-two-clusters')
        plan = json.loads(subprocess.run([ENTRYC, 'plan', '--format', 'json'], capture_output=True, cwd=seed,
                                         timeout=60).stdout)
        state = {'format_version': 1, 'clusters': {}}
        for op in plan['ops']:
            part = state['clusters'].setdefault(op['cluster'], {'partitions': {}})['partitions'].setdefault(
                op['partition'], {'peerings': [], 'config_entries': [], 'acl_policies': []})
            if op['type'].startswith('peering.'):
                part['peerings'].append({'Name': op['target'], 'State': 'ACTIVE'})
            elif op['type'] == 'config.write':
                part['config_entries'].append(op['body'])
            else:
                part['acl_policies'].append(op['body'])
        path = os.path.join(self.tmp, 'done.json')
        with open(path, 'w', encoding='utf-8') as f:
            json.dump(state, f)
        rc, out, err = emit('--format', 'http', '--state', path, cwd=seed)
        self.assertEqual((rc, out), (0, '[]\n'), err)
        rc, out, err = emit('--format', 'curl', '--state', path, cwd=seed)
        self.assertEqual(rc, 0, err)
        self.assertIn("echo 'No changes: the plan has no operations.'", out)

    # ---- output and exit codes

    def test_output_to_a_file_and_a_directory(self):
        seed = os.path.join(SAMPLES, 'seed-two-clusters')
        script = os.path.join(self.tmp, 'deploy.sh')
        rc, out, err = emit('--format', 'curl', '-o', script, cwd=seed)
        self.assertEqual((rc, out), (0, ''), err)
        self.assertIn('entryc emit: 5 operations as curl: ', err)
        self.assertTrue(os.stat(script).st_mode & stat.S_IXUSR)
        d = os.path.join(self.tmp, 'out') + os.sep
        rc, _, err = emit('--format', 'http', '-o', d, cwd=seed)
        self.assertEqual(rc, 0, err)
        self.assertTrue(os.path.isfile(os.path.join(d, 'requests.json')))
        self.assertFalse(os.stat(os.path.join(d, 'requests.json')).st_mode & stat.S_IXUSR)

    def test_usage_errors(self):
        seed = os.path.join(SAMPLES, 'seed-two-clusters')
        rc, _, err = emit(cwd=seed)
        self.assertEqual(rc, 2)
        self.assertIn('--format must be http, curl or consul-cli', err)
        rc, _, err = emit('--format', 'terraform', cwd=seed)
        self.assertEqual(rc, 2)
        rc, out, err = emit('--format', 'consul-cli', cwd=seed)
        self.assertEqual((rc, out), (2, ''))
        self.assertIn('give -o DIR', err)
        rc, _, err = emit('--format', 'http', '--backend', 'runtime', cwd=seed)
        self.assertEqual(rc, 2)
        self.assertIn("backend 'runtime': the runtime does not know the request 'emit'", err)
        rc, _, err = emit('--format', 'http', '--backend', 'nope', cwd=seed)
        self.assertEqual(rc, 2)
        self.assertIn("no backend plugin named 'nope'", err)

    def test_errors_in_the_project_emit_nothing(self):
        rc, out, err = emit('--format', 'curl', cwd=os.path.join(SAMPLES, 'broken', 'seed-two-clusters'))
        self.assertEqual((rc, out), (1, ''))
        self.assertIn('nothing emitted', err)

    def test_live_apply_without_a_token_sends_nothing(self):
        # Emitting needs no token; applying live does (tests/e2e/consul_http_test.py covers the rest).
        seed = os.path.join(self.tmp, 'seed')
        shutil.copytree(os.path.join(SAMPLES, 'seed-two-clusters'), seed, ignore=shutil.ignore_patterns('.entryc'))
        env = {k: v for k, v in os.environ.items() if 'CONSUL' not in k}
        p = subprocess.run([ENTRYC, 'apply', '--backend', 'consul-http', '--auto-approve'], capture_output=True,
                           cwd=seed, timeout=60, env=env)
        self.assertEqual(p.returncode, 2)
        self.assertIn("cluster 'cluster-01' has ACLs enabled: put its token in $DC1_CONSUL_TOKEN", p.stderr.decode())


if __name__ == '__main__':
    unittest.main()
