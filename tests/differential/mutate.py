#!/usr/bin/env python3
"""Write N damaged copies of corpus files: random byte deletions, insertions,
replacements and duplicated spans, biased towards HCL/JSON punctuation.
The same arguments always give the same bytes.

  mutate.py SRC_DIR OUT_DIR N SEED
"""
import os
import random
import sys


def main():
    src, out, n, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rnd = random.Random(seed)
    files = sorted(os.listdir(src))
    os.makedirs(out, exist_ok=True)
    alphabet = b'{}[]=,"\\:\n\r\t #/*<-+.0123456789xeEabc$_\xc3\xa9\xff\x00' + b'EOF'
    for i in range(n):
        f = rnd.choice(files)
        with open(os.path.join(src, f), 'rb') as fh:
            data = bytearray(fh.read()[:4000])
        for _ in range(rnd.randint(1, 4)):
            op = rnd.random()
            p = rnd.randint(0, max(0, len(data) - 1))
            if op < 0.3 and data:
                del data[p:p + rnd.randint(1, 5)]
            elif op < 0.6:
                data[p:p] = bytes([rnd.choice(alphabet)])
            elif op < 0.8 and data:
                data[p] = rnd.choice(alphabet)
            else:
                q = rnd.randint(0, max(0, len(data) - 1))
                data[p:p] = data[q:q + rnd.randint(1, 20)]
        with open(os.path.join(out, '%05d%s' % (i, os.path.splitext(f)[1])), 'wb') as fh:
            fh.write(data)


if __name__ == '__main__':
    main()
