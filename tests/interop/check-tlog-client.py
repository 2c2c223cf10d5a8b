#!/usr/bin/env python3
# tests/interop/check-tlog-client.py — reads a log served by assay-central the
# way any standard tlog client would, with nothing of libassay: Python's
# hashlib and the `cryptography` package's Ed25519.  Generates a pilot
# dataset, imports it, serves it on loopback, then checks the C2SP verifier
# key, the checkpoint's signed-note signature, every level-0 and level-1
# hash tile against the root (RFC 6962 MTH), every entry bundle against the
# leaf hashes, and every body bundle against the commitments.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import base64, hashlib, os, re, subprocess, sys, tempfile, urllib.request

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

central = os.environ['ASSAY_CENTRAL']

def run(*args):
    return subprocess.run([central, *args], check=True, capture_output=True, text=True).stdout

def tile_index(n):
    parts = []
    while True:
        parts.insert(0, '%03d' % (n % 1000))
        n //= 1000
        if n == 0:
            break
    return '/'.join(['x' + p for p in parts[:-1]] + [parts[-1]])

def mth(hashes):
    if len(hashes) == 1:
        return hashes[0]
    k = 1
    while k * 2 < len(hashes):
        k *= 2
    return hashlib.sha256(b'\x01' + mth(hashes[:k]) + mth(hashes[k:])).digest()

def main():
    with tempfile.TemporaryDirectory(prefix='assay-interop-') as tmp:
        jsonl, data = os.path.join(tmp, 'gen.jsonl'), os.path.join(tmp, 'data')
        run('generate', '--accounts', '300', '--months', '12', '--seed', '11',
            '--start', '2025-01-01', '--out', jsonl, '--truth', os.path.join(tmp, 'truth.json'))
        vkey = run('init', '--data', data, '--origin', 'interop.assay.example/log').strip()
        run('import', '--data', data, '--now', '2026-06-01', jsonl)

        server = subprocess.Popen([central, 'serve', '--data', data, '--listen', '127.0.0.1:0'],
                                  stdout=subprocess.PIPE, text=True)
        try:
            line = server.stdout.readline()
            base = re.search(r'http://127\.0\.0\.1:\d+/', line).group(0)
            check(base, vkey)
        finally:
            server.terminate()
            server.wait(timeout=10)

def check(base, vkey):
    get = lambda path: urllib.request.urlopen(base + path, timeout=10).read()

    name, key_id, key_b64 = vkey.split('+', 2)
    key = base64.b64decode(key_b64)
    assert key[0] == 0x01 and len(key) == 33, 'verifier key is not Ed25519'
    assert hashlib.sha256(name.encode() + b'\n' + key).digest()[:4].hex() == key_id, 'key id'

    note = get('checkpoint').decode()
    text, signatures = note.split('\n\n', 1)
    verified = 0
    for sig_line in signatures.rstrip('\n').split('\n'):
        dash, signer, blob_b64 = sig_line.split(' ')
        assert dash == '\u2014', 'signature line must start with an em dash'
        blob = base64.b64decode(blob_b64)
        if signer == name and blob[:4].hex() == key_id:
            Ed25519PublicKey.from_public_bytes(key[1:]).verify(blob[4:], (text + '\n').encode())
            verified += 1
    assert verified == 1, 'no signature by the log key'

    origin, size, root = text.split('\n')[:3]
    size, root = int(size), base64.b64decode(root)
    assert origin == name and size > 256, (origin, size)

    full, width = divmod(size, 256)
    leaves = []
    for t in range(full + (1 if width else 0)):
        suffix = '.p/%d' % width if t == full else ''
        tile = get('tile/0/' + tile_index(t) + suffix)
        hashes = [tile[i:i + 32] for i in range(0, len(tile), 32)]
        entries, bodies = get('tile/entries/' + tile_index(t) + suffix), get('body/' + tile_index(t) + suffix)
        e = b = 0
        for leaf in hashes:
            n = int.from_bytes(entries[e:e + 2], 'big')
            commitment = entries[e + 2:e + 2 + n]
            e += 2 + n
            assert hashlib.sha256(b'\x00' + commitment).digest() == leaf, 'entry bundle vs tile'
            n = int.from_bytes(bodies[b:b + 2], 'big')
            salt, body = bodies[b + 2:b + 34], bodies[b + 34:b + 34 + n]
            b += 34 + n
            assert hashlib.sha256(salt + body).digest() == commitment, 'body vs commitment'
        assert e == len(entries) and b == len(bodies), 'bundle length'
        leaves += hashes

    assert len(leaves) == size and mth(leaves) == root, 'root does not match the checkpoint'
    level1 = get('tile/1/000' + ('.p/%d' % full if full < 256 else ''))
    for i in range(full):
        assert level1[32 * i:32 * (i + 1)] == mth(leaves[256 * i:256 * (i + 1)]), 'level-1 tile'
    print('ok: %s, %d entries, signature, root, %d tiles, bundles and commitments verified'
          % (origin, size, full + (1 if width else 0)))

if __name__ == '__main__':
    sys.setrecursionlimit(10000)
    main()
