#!/usr/bin/env python3
"""End-to-end tests of the entryc command line: exit codes, output formats,
stdin, files and directories, and I/O errors.

  ENTRYC=build/bin/entryc python3 tests/e2e/cli_test.py
"""
import json
import os
import shutil
import stat
import subprocess
import tempfile
import unittest

ENTRYC = os.environ.get('ENTRYC', 'entryc')
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))


def entryc(*args, stdin=None, cwd=None):
    p = subprocess.run([ENTRYC, *args], input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
                       timeout=60)
    return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')


class Base(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='entryc-e2e-')

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, name, data):
        path = os.path.join(self.tmp, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data if isinstance(data, bytes) else data.encode())
        return path


class Driver(Base):
    def test_version(self):
        rc, out, _ = entryc('--version')
        self.assertEqual(rc, 0)
        self.assertRegex(out, r'^entryc \d+\.\d+\.\d+\n$')

    def test_help_lists_commands(self):
        rc, out, _ = entryc('--help')
        self.assertEqual(rc, 0)
        for cmd in ('convert', 'parse'):
            self.assertIn(cmd, out)

    def test_no_command_is_a_usage_error(self):
        rc, _, err = entryc()
        self.assertEqual(rc, 2)
        self.assertIn('usage:', err)

    def test_unknown_command_suggests(self):
        rc, _, err = entryc('convrt', 'x')
        self.assertEqual(rc, 2)
        self.assertIn("unknown command 'convrt'; did you mean 'convert'?", err)

    def test_unknown_option_suggests(self):
        rc, _, err = entryc('parse', '--fromat', 'json', 'x')
        self.assertEqual(rc, 2)
        self.assertIn("unknown option '--fromat'; did you mean '--format'?", err)

    def test_command_help(self):
        rc, out, _ = entryc('convert', '--help')
        self.assertEqual(rc, 0)
        self.assertIn('usage: entryc convert', out)
        self.assertIn('--consul', out)

    def test_bad_color_value(self):
        rc, _, err = entryc('--color=sometimes', 'parse', 'x')
        self.assertEqual(rc, 2)
        self.assertIn('--color must be auto, always or never', err)


class Convert(Base):
    def test_hcl_to_json(self):
        f = self.write('e.hcl', 'Kind = "exported-services"\nName = "default"\nServices { Name = "web" }\n')
        rc, out, err = entryc('convert', f)
        self.assertEqual((rc, err), (0, ''))
        self.assertEqual(out, '{"Kind":"exported-services","Name":"default","Services":[{"Name":"web"}]}\n')

    def test_stdin(self):
        rc, out, _ = entryc('convert', '-', stdin=b'a = 1\nb = 1.0\n')
        self.assertEqual(rc, 0)
        self.assertEqual(out, '{"a":1,"b":1.0}\n')

    def test_empty_file_is_an_empty_object(self):
        rc, out, _ = entryc('convert', self.write('empty.hcl', b''))
        self.assertEqual((rc, out), (0, '{}\n'))

    def test_rejected_file_exit_1_with_position(self):
        f = self.write('bad.hcl', 'Name = "web\n')
        rc, out, err = entryc('convert', '--format', 'compact', f)
        self.assertEqual(rc, 1)
        self.assertEqual(out, '')
        self.assertIn(f + ':1:8: error: unterminated string [core-syntax]', err)

    def test_consul_messages_mode_shows_hashicorps_text(self):
        f = self.write('bad.hcl', 'Name: "a"\n')
        rc, _, err = entryc('convert', '--format', 'pretty', f)
        self.assertEqual(rc, 1)
        self.assertIn('consul: At 1:5: illegal char', err)

    def test_several_files_one_line_each(self):
        a = self.write('a.hcl', 'a = 1\n')
        b = self.write('b.hcl', 'b = \n c')
        rc, out, _ = entryc('convert', a, b)
        self.assertEqual(rc, 1)
        lines = out.splitlines()
        self.assertEqual(lines[0], a + '\t{"a":1}')
        self.assertTrue(lines[1].startswith(b + '\terror: At 2:2: Unknown token: 2:2 IDENT c'), lines[1])

    def test_output_directory(self):
        a = self.write('a.hcl', 'a = 1\n')
        b = self.write('b.json', '{"b": tru}')
        out = os.path.join(self.tmp, 'out')
        rc, stdout, _ = entryc('convert', '-o', out, a, b)
        self.assertEqual((rc, stdout), (1, ''))
        self.assertEqual(open(os.path.join(out, 'a.hcl.json')).read(), '{"a":1}\n')
        self.assertTrue(open(os.path.join(out, 'b.json.err')).read().startswith('error: '))

    def test_consul_reads_json_strictly(self):
        f = self.write('t.json', '{"a": [1, 2,], }')
        self.assertEqual(entryc('convert', f)[0], 0)  # HCL v1's JSON parser accepts it
        rc, _, err = entryc('convert', '--consul', '--format', 'compact', f)
        self.assertEqual(rc, 1)
        self.assertIn(":1:13: error: expected a value, found ']'", err)
        rc, out, _ = entryc('convert', '--consul', self.write('n.json', '{"n": 1}'))
        self.assertEqual(out, '{"n":1.0}\n')  # encoding/json: every number is a float64

    def test_dup_error(self):
        f = self.write('p.hcl', 'service "web" {\n  policy = "read"\n  policy = "write"\n}\n')
        self.assertEqual(entryc('convert', '-q', f)[0], 0)
        rc, _, err = entryc('convert', '--dup-error', '--format', 'json', f)
        self.assertEqual(rc, 1)
        d = json.loads(err)['diagnostics'][0]
        self.assertEqual(d['code'], 'hcl-duplicate-attribute')
        self.assertEqual(d['range']['start'], {'line': 3, 'column': 3, 'byte': 36})
        self.assertEqual(d['consul_text'],
                         'The argument "policy" at 3:3 was already set. Each argument can only be defined once')

    def test_json_to_hcl(self):
        f = self.write('e.json', json.dumps({
            'Kind': 'service-intentions', 'Name': 'api', 'Meta': {'team': 'x'},
            'Sources': [{'Name': 'web', 'Action': 'allow', 'Precedence': 9}]}))
        rc, out, err = entryc('convert', '--to', 'hcl', f)
        self.assertEqual((rc, err), (0, ''))
        self.assertEqual(out, 'Kind = "service-intentions"\nName = "api"\n\nMeta {\n  team = "x"\n}\n\n'
                              'Sources = [\n  {\n    Name       = "web"\n    Action     = "allow"\n'
                              '    Precedence = 9\n  },\n]\n')
        rc, back, _ = entryc('convert', self.write('back.hcl', out))
        self.assertEqual(json.loads(back)['Sources'][0]['Precedence'], 9)

    def test_json_null_is_left_out_with_a_warning(self):
        rc, out, err = entryc('convert', '--to', 'hcl', '--format', 'compact', self.write('n.json', '{"a": null, "b": 1}'))
        self.assertEqual(rc, 0)
        self.assertEqual(out, 'b = 1\n')
        self.assertIn("warning: 'a' is null and is left out [convert-null]", err)

    def test_missing_file_is_an_io_error(self):
        rc, _, err = entryc('convert', os.path.join(self.tmp, 'nope.hcl'))
        self.assertEqual(rc, 2)
        self.assertIn('No such file or directory [core-io]', err)

    def test_directory_is_an_io_error(self):
        rc, _, err = entryc('convert', self.tmp)
        self.assertEqual(rc, 2)
        self.assertIn('is a directory', err)

    def test_fifo_is_refused(self):
        path = os.path.join(self.tmp, 'fifo')
        os.mkfifo(path)
        rc, _, err = entryc('convert', path)
        self.assertEqual(rc, 2)
        self.assertIn('is not a regular file', err)

    def test_bad_to(self):
        rc, _, err = entryc('convert', '--to', 'yaml', 'x')
        self.assertEqual(rc, 2)
        self.assertIn('--to must be json or hcl', err)


class Parse(Base):
    def test_clean_directory(self):
        rc, out, _ = entryc('parse', '--check', '--format', 'compact', os.path.join(ROOT, 'samples', 'seed-two-clusters'))
        self.assertEqual((rc, out), (0, ''))

    def test_every_problem_with_positions(self):
        f = self.write('x/bad.hcl', 'a = "x\nb = 1\nc: 2\nd = [1 2]\ne = 3\n')
        rc, out, _ = entryc('parse', '--check', '--format', 'compact', self.tmp)
        self.assertEqual(rc, 1)
        self.assertEqual(out.splitlines(), [
            f + ':1:5: error: unterminated string [core-syntax]',
            f + ":3:2: error: illegal character ':' [core-syntax]",
            f + ":4:8: error: expected ',' or ']' after a list item, found number 2 [core-syntax]",
        ])

    def test_json_format(self):
        self.write('a.hcl', 'x {\n  y = }\n}\n')
        rc, out, _ = entryc('parse', '--check', '--format', 'json', self.tmp)
        self.assertEqual(rc, 0)  # HCL v1 swallows this error: a warning, not an error
        doc = json.loads(out)
        self.assertEqual(doc['version'], 1)
        d = doc['diagnostics'][0]
        self.assertEqual((d['severity'], d['code']), ('warning', 'hcl-swallowed-error'))
        self.assertEqual(d['range']['start'], {'line': 2, 'column': 7, 'byte': 10})

    def test_pretty_has_snippet_and_caret(self):
        f = self.write('bad.hcl', 'Kind = "x"\nName: "y"\n')
        rc, out, err = entryc('parse', '--check', '--format', 'pretty', f)
        self.assertEqual(rc, 1)
        self.assertIn("error: illegal character ':' [core-syntax]", out)
        self.assertIn('  --> ' + f + ':2:5', out)
        self.assertIn('2 | Name: "y"', out)
        self.assertIn('  |     ^', out)
        self.assertIn('checked 1 file: 1 error, 0 warnings', err)

    def test_color_always(self):
        f = self.write('bad.hcl', 'a: 1\n')
        _, out, _ = entryc('--color=always', 'parse', '--check', '--format', 'pretty', f)
        self.assertIn('\x1b[1;31merror', out)

    def test_stdin_and_exclude(self):
        self.write('d/skip.hcl', 'broken = \n x')
        self.write('d/ok.hcl', 'a = 1\n')
        rc, _, _ = entryc('parse', '--check', '--exclude', 'skip.*', os.path.join(self.tmp, 'd'))
        self.assertEqual(rc, 0)
        rc, out, _ = entryc('parse', '--check', '--format', 'compact', '-', stdin=b'a = [1,\n')
        self.assertEqual(rc, 1)
        self.assertIn('<stdin>:2:1:', out)

    def test_encoding_problems(self):
        cases = {
            'bom.hcl': (b'\xef\xbb\xbfa = 1\n', 'byte order mark'),
            'nul.hcl': (b'a = 1\n\x00', 'NUL byte'),
            'latin1.hcl': (b'a = "caf\xe9"\n', 'invalid UTF-8 byte 0xE9'),
            'binary.hcl': (bytes(range(256)) * 4, 'core-encoding'),
        }
        for name, (data, want) in cases.items():
            rc, out, _ = entryc('parse', '--check', '--format', 'compact', self.write(name, data))
            self.assertEqual(rc, 1, name)
            self.assertIn(want, out, name)

    def test_ast(self):
        f = self.write('a.hcl', 'service "web" {\n  policy = "read"\n}\n')
        rc, out, _ = entryc('parse', '--ast', f)
        self.assertEqual(rc, 0)
        root = json.loads(out)[0]['root']
        m = root['members'][0]
        self.assertEqual([k['name'] for k in m['keys']], ['service', 'web'])
        self.assertTrue(m['block'])
        inner = m['value']['members'][0]
        self.assertEqual(inner['keys'][0]['range'], [[2, 3], [2, 9]])
        self.assertEqual(inner['value']['range'], [[2, 12], [2, 18]])

    def test_missing_input(self):
        rc, _, err = entryc('parse', '--check')
        self.assertEqual(rc, 2)
        self.assertIn('no input', err)


if __name__ == '__main__':
    unittest.main(verbosity=1)
