#!/usr/bin/env python3
"""End-to-end tests of `entryc plan`: order and dependencies of the seed
scenario, determinism, state snapshots (no perpetual diffs; updates and
deletes when something really differs), --detailed-exitcode, duplicate
entries, project-file errors with positions, and that no secret is printed.

  ENTRYC=build/bin/entryc python3 tests/e2e/plan_test.py
"""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

ENTRYC = os.environ.get('ENTRYC', 'entryc')
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
SEED = os.path.join(ROOT, 'samples', 'seed-two-clusters')

PROJECT = '''
cluster "c1" {
  datacenter = "dc1"
  services   = ["api"]
  entries    = ["c1/*"]
}
cluster "c2" {
  datacenter = "dc2"
  services   = ["web"]
  entries    = ["c2/*"]
}
peering "p" {
  acceptor           = "c1"
  dialer             = "c2"
  acceptor_peer_name = "c2"
  dialer_peer_name   = "c1"
}
'''

EXPORTS = '''Kind = "exported-services"
Name = "default"
Services = [
  { Name = "api", Consumers = [ { Peer = "c2" } ] },
  { Name = "db",  Consumers = [ { Peer = "c2" } ] },
]
'''

INTENTIONS = '''Kind = "service-intentions"
Name = "api"
Sources = [
  { Name = "web", Peer = "c2", Action = "allow" },
  { Name = "*", Action = "deny" },
]
'''


def state(entries=(), peerings=True, policies=()):
    def part(name, peer, st):
        return {'peerings': [{'Name': peer, 'State': st}] if peerings else [], 'config_entries': [], 'acl_policies': []}
    s = {'format_version': 1, 'clusters': {'c1': {'partitions': {'default': part('c1', 'c2', 'ACTIVE')}},
                                           'c2': {'partitions': {'default': part('c2', 'c1', 'ACTIVE')}}}}
    for cluster, e in entries:
        s['clusters'][cluster]['partitions']['default']['config_entries'].append(e)
    for cluster, p in policies:
        s['clusters'][cluster]['partitions']['default']['acl_policies'].append(p)
    return s


class Plan(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='entryc-plan-')

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text if isinstance(text, str) else json.dumps(text, indent=1))
        return path

    def project(self):
        self.write('entryc.hcl', PROJECT)
        self.write('c1/exports.hcl', EXPORTS)
        self.write('c1/intentions.hcl', INTENTIONS)

    def plan(self, *args, cwd=None):
        p = subprocess.run([ENTRYC, '--color=never', 'plan', *args], capture_output=True, timeout=60,
                           cwd=cwd or self.tmp)
        return p.returncode, p.stdout.decode(), p.stderr.decode()

    def plan_json(self, *args):
        rc, out, err = self.plan('--format', 'json', *args)
        self.assertEqual(rc, 0, err)
        return json.loads(out)

    # ---- the seed scenario

    def test_seed_follows_the_four_steps(self):
        rc, out, err = self.plan('--format', 'json', cwd=SEED)
        self.assertEqual(rc, 0, err)
        p = json.loads(out)
        self.assertEqual([(o['type'], o['cluster'], o['target']) for o in p['ops']], [
            ('peering.generate-token', 'cluster-01', 'cluster-02'),
            ('peering.establish', 'cluster-02', 'cluster-01'),
            ('config.write', 'cluster-01', 'exported-services/default'),
            ('config.write', 'cluster-01', 'service-intentions/backend-service'),
            ('acl.policy.write', 'cluster-02', 'frontend-sidecar'),
        ])
        gen, est, exp, intn, _ = p['ops']
        self.assertEqual(est['depends_on'], [gen['id']])
        self.assertEqual(est['body']['PeeringToken'], {'$ref': gen['id'] + '.PeeringToken'})
        self.assertEqual(exp['depends_on'], [gen['id']])
        self.assertEqual(intn['depends_on'], [gen['id'], exp['id']])
        self.assertEqual(p['summary'], {'create': 5, 'update': 0, 'delete': 0, 'unchanged': 0})

    def test_deterministic_and_independent_of_the_checkout(self):
        a = self.plan('--format', 'json', cwd=SEED)[1]
        b = self.plan('--format', 'json', cwd=SEED)[1]
        copy = os.path.join(self.tmp, 'elsewhere')
        shutil.copytree(SEED, copy)
        c = self.plan('--format', 'json', cwd=copy)[1]
        self.assertEqual(a, b)
        self.assertEqual(a, c)

    def test_detailed_exitcode(self):
        self.project()
        self.assertEqual(self.plan('--detailed-exitcode')[0], 2)
        full = self.plan_json()
        entries = [('c1', o['body']) for o in full['ops'] if o['type'] == 'config.write']
        self.write('state.json', state(entries))
        rc, out, _ = self.plan('--detailed-exitcode', '--state', 'state.json')
        self.assertEqual(rc, 0)
        self.assertIn('No changes', out)

    # ---- no perpetual diffs

    def test_server_defaults_case_and_order_are_not_changes(self):
        self.project()
        exports = {'Kind': 'exported-services', 'Name': 'default', 'Partition': 'default',
                   'Services': [{'Name': 'db', 'Namespace': 'default', 'Consumers': [{'Peer': 'c2'}]},
                                {'Name': 'api', 'Consumers': [{'Peer': 'c2', 'Partition': ''}]}],
                   'CreateIndex': 10, 'ModifyIndex': 12, 'Hash': 1234}
        intentions = {'Kind': 'service-intentions', 'Name': 'api',
                      'Sources': [{'Name': 'web', 'Peer': 'c2', 'Action': 'allow', 'Precedence': 9,
                                   'Type': 'consul'},
                                  {'Name': '*', 'Action': 'deny', 'Precedence': 8, 'Type': 'consul'}],
                      'Meta': {}, 'CreateIndex': 11, 'ModifyIndex': 11}
        self.write('state.json', state([('c1', exports), ('c1', intentions)]))
        p = self.plan_json('--state', 'state.json')
        self.assertEqual(p['ops'], [])
        self.assertEqual(p['summary']['unchanged'], 4)

    def test_json_spelling_of_the_same_entry_is_not_a_change(self):
        self.write('entryc.hcl', PROJECT)
        self.write('c1/exports.json', json.dumps({'kind': 'exported-services', 'name': 'default', 'services': [
            {'name': 'api', 'consumers': [{'peer_name': 'c2'}]}, {'name': 'db', 'consumers': [{'peer': 'c2'}]}]}))
        exports = {'Kind': 'exported-services', 'Name': 'default',
                   'Services': [{'Name': 'api', 'Consumers': [{'Peer': 'c2'}]},
                                {'Name': 'db', 'Consumers': [{'Peer': 'c2'}]}]}
        self.write('state.json', state([('c1', exports)]))
        self.assertEqual(self.plan_json('--state', 'state.json')['ops'], [])

    # ---- real changes

    def test_changed_action_is_an_update_with_detail(self):
        self.project()
        intentions = {'Kind': 'service-intentions', 'Name': 'api',
                      'Sources': [{'Name': 'web', 'Peer': 'c2', 'Action': 'deny'},
                                  {'Name': '*', 'Action': 'deny'}]}
        self.write('state.json', state([('c1', intentions)]))
        p = self.plan_json('--state', 'state.json')
        upd = [o for o in p['ops'] if o['action'] == 'update']
        self.assertEqual(len(upd), 1)
        self.assertEqual(upd[0]['target'], 'service-intentions/api')
        self.assertIn('Action', upd[0]['detail'])
        rc, out, _ = self.plan('--state', 'state.json')
        self.assertIn('~ config.write', out)

    def test_entry_gone_from_the_project_is_deleted(self):
        self.project()
        old = {'Kind': 'service-intentions', 'Name': 'legacy', 'Sources': [{'Name': 'web', 'Action': 'allow'}]}
        other = {'Kind': 'proxy-defaults', 'Name': 'global'}
        self.write('state.json', state([('c1', old), ('c1', other)]))
        p = self.plan_json('--state', 'state.json')
        dels = [o for o in p['ops'] if o['action'] == 'delete']
        self.assertEqual([(o['type'], o['target']) for o in dels], [('config.delete', 'service-intentions/legacy')])
        self.assertEqual(p['ops'][-1]['step'], 'cleanup')

    def test_updates_and_deletes_carry_the_snapshot_index_for_cas(self):
        self.project()
        changed = {'Kind': 'service-intentions', 'Name': 'api', 'ModifyIndex': 42,
                   'Sources': [{'Name': 'web', 'Peer': 'c2', 'Action': 'deny'}, {'Name': '*', 'Action': 'deny'}]}
        old = {'Kind': 'service-intentions', 'Name': 'legacy', 'ModifyIndex': 7,
               'Sources': [{'Name': 'web', 'Action': 'allow'}]}
        self.write('state.json', state([('c1', changed), ('c1', old)]))
        ops = {o['target']: o for o in self.plan_json('--state', 'state.json')['ops']}
        self.assertEqual(ops['service-intentions/api']['cas'], 42)
        self.assertEqual(ops['service-intentions/legacy']['cas'], 7)
        self.assertNotIn('cas', ops['exported-services/default'])  # a create: no index to check
        self.write('state.json', state([('c1', {k: v for k, v in changed.items() if k != 'ModifyIndex'})]))
        ops = {o['target']: o for o in self.plan_json('--state', 'state.json')['ops']}
        self.assertNotIn('cas', ops['service-intentions/api'])  # no index in the snapshot: none in the plan

    def test_half_done_peering_is_planned_again(self):
        self.project()
        s = state()
        s['clusters']['c2']['partitions']['default']['peerings'] = []
        self.write('state.json', s)
        types = [o['type'] for o in self.plan_json('--state', 'state.json')['ops']]
        self.assertEqual(types[:2], ['peering.generate-token', 'peering.establish'])

    # ---- problems

    def test_duplicate_entries_warn_and_the_later_file_wins(self):
        self.project()
        self.write('c1/z-exports.hcl', EXPORTS.replace('"db"', '"cache"'))
        rc, out, err = self.plan('--format', 'json')
        self.assertEqual(rc, 0, err)
        self.assertIn('core-duplicate-entry', err)
        self.assertIn('z-exports.hcl:2:8', err)
        writes = [o for o in json.loads(out)['ops'] if o['target'] == 'exported-services/default']
        self.assertEqual(len(writes), 1)
        self.assertEqual(writes[0]['source'], 'c1/z-exports.hcl')

    def test_project_errors_have_positions_and_no_plan(self):
        self.write('entryc.hcl', PROJECT.replace('dialer             = "c2"', 'dialer             = "c3"')
                   .replace('services   = ["web"]', 'servces    = ["web"]'))
        rc, out, err = self.plan()
        self.assertEqual(rc, 1)
        self.assertEqual(out, '')
        self.assertIn("entryc.hcl:9:3: error: unknown setting 'servces' in a cluster; did you mean 'services'?", err)
        self.assertIn("entryc.hcl:14:24: error: no cluster named 'c3'; did you mean 'c1'?", err)
        self.assertIn('no plan', err)

    def test_lint_errors_in_entries_stop_the_plan(self):
        self.project()
        self.write('c1/bad.hcl', 'Kind = "exported-services"\nName = "default"\nServices = [ { Name = "x", Consumers = [ { Peer = "*" } ] } ]\n')
        rc, out, err = self.plan('--detailed-exitcode')
        self.assertEqual(rc, 1)
        self.assertIn('exports-wildcard-peer', err)

    def test_literal_token_is_refused_and_never_printed(self):
        secret = 'b6a1f9e2-5d8c-4f3a-9e7b-0c1d2e3f4a5b'
        self.write('entryc.hcl', PROJECT.replace('datacenter = "dc1"', 'datacenter = "dc1"\n  http {\n    token = "%s"\n  }' % secret))
        rc, out, err = self.plan()
        self.assertEqual(rc, 1)
        self.assertIn('an ACL token must not be written in the project file', err)
        self.assertNotIn(secret, out + err)

    def test_no_project_is_a_usage_error(self):
        rc, _, err = self.plan()
        self.assertEqual(rc, 2)
        self.assertIn('no project file', err)

    def test_gencorpus_topology_works_as_it_is(self):
        corpus = os.path.join(self.tmp, 'corpus')
        subprocess.run(['python3', os.path.join(ROOT, '..', 'shared', 'bench', 'gencorpus.py'), '--files', '60',
                        '--seed', '2', '--out', corpus, '--force'], check=True, capture_output=True)
        rc, out, err = self.plan('--format', 'json', '--project', os.path.join(corpus, 'topology.hcl'))
        self.assertEqual(rc, 0, err)
        p = json.loads(out)
        self.assertGreater(p['summary']['create'], 60)
        self.assertEqual(p['ops'][0]['type'], 'peering.generate-token')


if __name__ == '__main__':
    unittest.main()
