#!/usr/bin/env python3
"""End-to-end tests of `entryc fmt`: the layout, --check, --diff, -w, stdin,
JSON and broken files, and a corpus proof against HashiCorp's parser.

The corpus (generated valid HCL files, samples/**/*.hcl, and copies of them
with comments of every kind in every position) must come out of `entryc fmt`
with the same meaning (`hcl1ref json` of the result equals that of the
original), every comment of the original in the result, and unchanged by a
second `entryc fmt` (idempotent).

  ENTRYC=build/bin/entryc [ENTRYC_ORACLE=.../hcl1ref] python3 tests/e2e/fmt_test.py
"""
import glob
import os
import random
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

ENTRYC = os.environ.get('ENTRYC', 'entryc')
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
SHARED = os.path.normpath(os.path.join(ROOT, '..', 'shared'))
CORPUS_FILES = int(os.environ.get('ENTRYC_FMT_CORPUS', '600'))


def entryc(*args, stdin=None):
    p = subprocess.run([ENTRYC] + list(args), input=stdin, capture_output=True)
    return p.returncode, p.stdout.decode(errors='replace'), p.stderr.decode(errors='replace')


def oracle_path():
    o = os.environ.get('ENTRYC_ORACLE')
    if o and os.path.exists(o):
        return o
    p = subprocess.run(['bash', os.path.join(SHARED, 'oracle', 'build.sh')], capture_output=True)
    if p.returncode != 0:
        sys.exit('fmt_test: cannot build the oracle: %s' % p.stderr.decode(errors='replace'))
    return p.stdout.decode().strip().splitlines()[-1]


def lex(text):
    """HCL v1 token boundaries, enough to place comments: returns the comments
    (text) and the offsets after which a comment may be inserted, each with
    whether a line comment fits there (it must end the line)."""
    comments, spots = [], []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '#' or text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            comments.append(text[i:j])
            i = j
        elif text.startswith('/*', i):
            j = text.index('*/', i + 2) + 2
            comments.append(text[i:j])
            i = j
        elif c == '"':
            j, braces = i + 1, 0
            while j < n:
                if text[j] == '\\':
                    j += 2
                    continue
                if text.startswith('${', j):
                    braces += 1
                elif text[j] == '}' and braces:
                    braces -= 1
                elif text[j] == '"' and not braces:
                    break
                j += 1
            i = j + 1
            spots.append(i)
        elif text.startswith('<<', i):
            eol = text.index('\n', i)
            anchor = text[i + 2:eol].lstrip('-').strip()
            j = eol + 1
            while True:
                k = text.index('\n', j)
                if text[j:k].strip() == anchor:
                    break
                j = k + 1
            i = k + 1  # a heredoc ends with its newline: nothing may follow on that line
        elif c in '{}[],=':
            i += 1
            spots.append(i)
        elif c.isspace():
            i += 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in '{}[],="#/':
                j += 1
            i = max(j, i + 1)
            spots.append(i)
    return comments, spots


def with_comments(text, rng, k):
    """`text` with comments added at `k` token boundaries."""
    _, spots = lex(text)
    out, last = [], 0
    for n, pos in enumerate(sorted(rng.sample(spots, min(k, len(spots))))):
        out.append(text[last:pos])
        kind = rng.randrange(5)
        eol = text.find('\n', pos)
        if kind == 0:
            out.append(' /* c%d */ ' % n)
        elif kind == 1:
            out.append('/* c%d\n   spans lines */' % n)
        elif kind in (2, 3) and text[pos:eol if eol >= 0 else len(text)].strip() == '':
            out.append(' %s c%d' % ('#' if kind == 2 else '//', n))
        else:
            out.append('\n# lead c%d\n\n// more c%d\n' % (n, n))
        last = pos
    out.append(text[last:])
    return ''.join(out)


SAMPLE = '''# file header

Kind = "exported-services" # the kind
Name    =   "default"
Meta { /* on the brace */
  // lead
  owner = "team"


  cost-center="42"   # trailing
}
Services = [
  {
    Name = "web"
    Consumers = [ { Peer = "east" }, # first
      { SamenessGroup = "g" } ]
  },
]
Description = <<EOF
  kept
    verbatim
EOF
# the end
'''

SAMPLE_FMT = '''# file header

Kind = "exported-services" # the kind
Name = "default"

Meta { /* on the brace */
  // lead
  owner = "team"

  cost-center = "42" # trailing
}

Services = [
  {
    Name = "web"

    Consumers = [
      {
        Peer = "east"
      }, # first
      {
        SamenessGroup = "g"
      },
    ]
  },
]

Description = <<EOF
  kept
    verbatim
EOF
# the end
'''

# Comments in every position the grammar allows, heredocs in lists, CRLF.
EVERYWHERE = [
    '''/* head */ # and more
service /* between */ "web" // after label
"x" { # on the brace
  a /* k */ = /* v */ 1 /* after */ # line
  // before b

  b = [ # open
    1, # one
    /* lead two */ 2 /* trail */ ,
    <<EOF
  heredoc in a list
EOF
    , <<-EOT
    indented
    EOT
    # before close
  ] # after close
  empty { /* only */ }
  empty2 {
    # only a line
  }
  c = {d = "e" /* x */}
  list = [[1, 2], [ /* n */ 3]]
} # after block
# tail 1

/* tail 2 */''',
    'a = 1 # one\r\n\r\n\r\n# lead b\r\nb = "two" // two\r\nc = <<EOF\r\nx\r\nEOF\r\n',
    '# only a comment',
    '',
    'k = "v"',
]


class Fmt(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='entryc-fmt-')

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, name, text, mode=None):
        p = os.path.join(self.tmp, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, 'w', encoding='utf-8') as f:
            f.write(text)
        if mode is not None:
            os.chmod(p, mode)
        return p

    def read(self, p):
        with open(p, encoding='utf-8') as f:
            return f.read()

    def test_layout(self):
        rc, out, err = entryc('fmt', self.write('a.hcl', SAMPLE))
        self.assertEqual((rc, err), (0, ''))
        self.assertEqual(out, SAMPLE_FMT)
        rc, again, _ = entryc('fmt', '-', stdin=out.encode())
        self.assertEqual((rc, again), (0, SAMPLE_FMT))

    def test_alignment_runs_and_blank_lines(self):
        rc, out, _ = entryc('fmt', '-', stdin=b'a = 1\nlong_name = 2\n# c\nb = 3\n\n\n\nxyz = 4\n')
        self.assertEqual((rc, out), (0, 'a         = 1\nlong_name = 2\n# c\nb         = 3\n\nxyz = 4\n'))

    def test_check_write_and_permissions(self):
        p = self.write('d/x.hcl', SAMPLE, 0o640)
        ok = self.write('d/sub/ok.hcl', 'a = 1\n')
        self.write('d/skip.txt', 'not hcl')
        rc, out, _ = entryc('fmt', '--check', os.path.join(self.tmp, 'd'))
        self.assertEqual((rc, out), (1, p + '\n'))
        rc, out, err = entryc('fmt', '-w', os.path.join(self.tmp, 'd'))
        self.assertEqual((rc, out, err), (0, '', ''))
        self.assertEqual(self.read(p), SAMPLE_FMT)
        self.assertEqual(stat.S_IMODE(os.stat(p).st_mode), 0o640)
        self.assertEqual(self.read(ok), 'a = 1\n')
        self.assertEqual(sorted(os.listdir(os.path.join(self.tmp, 'd'))), ['skip.txt', 'sub', 'x.hcl'])
        rc, out, _ = entryc('fmt', '--check', os.path.join(self.tmp, 'd'))
        self.assertEqual((rc, out), (0, ''))

    def test_diff(self):
        p = self.write('x.hcl', 'a = 1\nbb=2\n\nc = 3\nd = 4\ne = 5\nf = 6\ng=7')
        rc, out, _ = entryc('fmt', '--diff', p)
        self.assertEqual(rc, 0)
        self.assertEqual(out, '--- %s\n+++ %s\n@@ -1,8 +1,8 @@\n-a = 1\n-bb=2\n+a  = 1\n+bb = 2\n \n c = 3\n'
                              ' d = 4\n e = 5\n f = 6\n-g=7\n\\ No newline at end of file\n+g = 7\n' % (p, p))
        p2 = subprocess.run(['patch', '-s', '-p0', '-o', '-', p], input=out.encode(), capture_output=True)
        if p2.returncode == 0:  # patch may be missing
            self.assertEqual(p2.stdout.decode(), entryc('fmt', p)[1])
        self.assertEqual(self.read(p)[:5], 'a = 1')  # --diff alone writes nothing

    def test_syntax_error_leaves_file_alone(self):
        bad = 'Kind = "exported-services"\nServices = [\n  { Name = "web" \n'
        p = self.write('bad.hcl', bad)
        rc, out, err = entryc('fmt', '-w', '--format', 'compact', p)
        self.assertEqual((rc, out), (1, ''))
        self.assertRegex(err, r'bad\.hcl:\d+:\d+: error: .*\[core-syntax\]')
        self.assertEqual(self.read(p), bad)
        rc, _, _ = entryc('fmt', '--check', p)
        self.assertEqual(rc, 1)

    def test_json_is_skipped_with_a_note(self):
        p = self.write('e.json', '{"a":1}')
        rc, out, err = entryc('fmt', '-w', '--format', 'compact', p)
        self.assertEqual((rc, out), (0, ''))
        self.assertIn('note: JSON file left unchanged [fmt-json-skipped]', err)
        self.assertEqual(self.read(p), '{"a":1}')
        self.write('dir/e.json', '{"a":1}')
        rc, out, err = entryc('fmt', '--check', os.path.join(self.tmp, 'dir'))
        self.assertEqual((rc, out, err), (0, '', ''))

    def test_usage_and_io(self):
        self.assertEqual(entryc('fmt')[0], 2)
        rc, _, err = entryc('fmt', '--format', 'compact', os.path.join(self.tmp, 'missing.hcl'))
        self.assertEqual(rc, 2)
        self.assertIn('[core-io]', err)

    def test_convert_uses_the_same_writer(self):
        p = self.write('c.hcl', SAMPLE)
        rc, out, _ = entryc('convert', '--to', 'hcl', p)
        self.assertEqual((rc, out), (0, SAMPLE_FMT))


class Corpus(unittest.TestCase):
    """Meaning, comments and idempotence over a whole corpus."""

    def test_corpus(self):
        oracle = oracle_path()
        tmp = tempfile.mkdtemp(prefix='entryc-fmt-corpus-')
        try:
            self.run_corpus(oracle, tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def run_corpus(self, oracle, tmp):
        gen = os.path.join(tmp, 'gen')
        subprocess.run([sys.executable, os.path.join(SHARED, 'bench', 'gencorpus.py'), '--files', str(CORPUS_FILES),
                        '--seed', 'fmt-20261126', '--format', 'hcl', '--out', gen], check=True, capture_output=True)
        src = os.path.join(tmp, 'src')
        os.makedirs(src)
        originals = {}
        for p in sorted(glob.glob(os.path.join(gen, 'entries', '*.hcl'))):
            originals['gen-' + os.path.basename(p)] = p
        for p in sorted(glob.glob(os.path.join(ROOT, 'samples', '**', '*.hcl'), recursive=True)):
            originals['sample-' + os.path.relpath(p, ROOT).replace('/', '_')] = p
        texts = {}
        for name, p in originals.items():
            with open(p, encoding='utf-8', errors='surrogateescape') as f:
                texts[name] = f.read()
        for i, text in enumerate(EVERYWHERE):
            texts['everywhere-%d.hcl' % i] = text
        rng = random.Random(7)
        for name, text in list(texts.items()):
            try:
                if rng.random() < 0.5 or name.startswith('sample-'):
                    texts['commented-' + name] = with_comments(text, rng, 12)
            except ValueError:
                pass  # an unterminated heredoc or comment (a broken sample): nothing to place
        for name, text in texts.items():
            with open(os.path.join(src, name), 'w', encoding='utf-8', errors='surrogateescape') as f:
                f.write(text)
        want, got, out = (os.path.join(tmp, d) for d in ('want', 'got', 'out'))
        subprocess.run([oracle, 'json', '-o', want] + [os.path.join(src, n) for n in sorted(texts)],
                       capture_output=True)
        valid = sorted(n for n in texts if os.path.exists(os.path.join(want, n + '.json')))
        rejected = sorted(set(texts) - set(valid))
        shutil.copytree(src, out)
        rc, _, err = entryc('fmt', '-w', '--format', 'compact', out)
        self.assertIn(rc, (0, 1), err)
        subprocess.run([oracle, 'json', '-o', got] + [os.path.join(out, n) for n in valid], capture_output=True)

        errors = {os.path.basename(line.split(':', 1)[0]) for line in err.splitlines() if ': error: ' in line}
        meaning, comments, refused = [], [], []
        for n in valid:
            with open(os.path.join(out, n), encoding='utf-8', errors='surrogateescape') as f:
                formatted = f.read()
            if n in errors:
                refused.append(n)
                continue
            a = self.read_result(want, n)
            b = self.read_result(got, n)
            if a != b:
                meaning.append(n)
            for c in lex(texts[n])[0]:
                if c.rstrip() not in formatted:
                    comments.append((n, c))
                    break
        # Files HashiCorp rejects are left exactly as they were.
        untouched = [n for n in rejected if self.read_text(os.path.join(out, n)) == texts[n]]
        rc2, unformatted, err2 = entryc('fmt', '--check', *[os.path.join(out, n) for n in valid if n not in refused])
        commented = sum(1 for n in valid if n.startswith('commented-'))
        print('\nfmt corpus: %d files (%d generated, %d samples, %d with added comments); %d valid per hcl1ref, '
              '%d rejected by it and left untouched: %d/%d' % (
                  len(texts), sum(1 for n in texts if n.startswith('gen-')),
                  sum(1 for n in texts if n.startswith('sample-')), sum(1 for n in texts if n.startswith('commented-')),
                  len(valid), len(rejected), len(untouched), len(rejected)), file=sys.stderr)
        print('fmt corpus: meaning kept %d/%d, comments kept %d/%d (%d files with added comments), '
              'refused %d, idempotent: %s' % (
                  len(valid) - len(refused) - len(meaning), len(valid) - len(refused),
                  len(valid) - len(refused) - len(comments), len(valid) - len(refused), commented, len(refused),
                  'yes' if rc2 == 0 and unformatted == '' else 'no (%d files)' % len(unformatted.splitlines())),
              file=sys.stderr)
        self.assertEqual(meaning, [])
        self.assertEqual(comments, [])
        # Only files where HCL v1 ignores text may be refused, and they stay as they were.
        self.assertEqual([n for n in refused if self.read_text(os.path.join(out, n)) != texts[n]], [])
        self.assertLessEqual(len(refused), 2)
        self.assertEqual(len(untouched), len(rejected))
        self.assertEqual((rc2, unformatted), (0, ''), err2)
        self.assertGreater(commented, CORPUS_FILES // 4)

    @staticmethod
    def read_text(p):
        with open(p, encoding='utf-8', errors='surrogateescape') as f:
            return f.read()

    @classmethod
    def read_result(cls, d, n):
        p = os.path.join(d, n + '.json')
        return cls.read_text(p) if os.path.exists(p) else 'missing'


if __name__ == '__main__':
    unittest.main()
