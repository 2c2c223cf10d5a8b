#!/usr/bin/env python3
# check-layers-selftest.py — check-layers.py finds what it is for
#
# Copies src/ into a temporary tree, plants one violation of each kind and
# requires check-layers.py to pass on the clean copy and to fail, naming
# the file and line, on each planted one.
#
# Usage: check-layers-selftest.py [SOURCE_ROOT]
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import subprocess
import sys
import tempfile

ANCHOR = '#include "config.h"\n'

# (file under src/, line to add after ANCHOR, what the report must contain)
PLANTS = [
    ('lib/ledger/assay-merkle.c', '#include "assay-replica.h"\n',
     'src/lib/ledger/assay-merkle.c:'),
    ('lib/replica/assay-replica-db.c', '#include "assay-fetcher.h"\n',
     'replica includes "assay-fetcher.h" of net'),
    ('lib/ledger/assay-note.c', '#include "../base/assay-sha256.h"\n', 'by a relative path'),
    ('lib/ledger/assay-tiles.c', '#include <sqlite3.h>\n', 'ledger does not link sqlite'),
    ('lib/sync/assay-sync.c', '#include <sqlite3.h>\n', 'sync does not link sqlite itself'),
    ('lib/replica/assay-replica-db.c', '#include "assay-session.h"\n', 'of session'),
    ('lib/session/assay-session.c', '#include "assay-replica-private.h"\n',
     'session includes "assay-replica-private.h", private to replica'),
    ('app/widgets/assay-format.c', '#include "assay-ledger-page.h"\n',
     'app-widgets includes "assay-ledger-page.h" of app-ledger'),
]


def run(root):
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'check-layers.py')
    p = subprocess.run([sys.executable, script, root], capture_output=True, text=True)
    return p.returncode, p.stderr


def main():
    source_root = (sys.argv[1] if len(sys.argv) > 1
                   else os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(os.path.join(source_root, 'src'), os.path.join(tmp, 'src'))
        rc, err = run(tmp)
        if rc != 0:
            print(f'selftest: the clean tree fails:\n{err}', file=sys.stderr)
            return 1
        for rel, line, expected in PLANTS:
            path = os.path.join(tmp, 'src', rel)
            with open(path, encoding='utf-8') as f:
                original = f.read()
            if ANCHOR not in original:
                print(f'selftest: {rel} has no {ANCHOR.strip()} to plant after', file=sys.stderr)
                return 1
            with open(path, 'w', encoding='utf-8') as f:
                f.write(original.replace(ANCHOR, ANCHOR + line, 1))
            rc, err = run(tmp)
            if rc == 0 or expected not in err:
                print(f'selftest: {line.strip()} in {rel} not reported as "{expected}":\n{err}',
                      file=sys.stderr)
                failures += 1
            with open(path, 'w', encoding='utf-8') as f:
                f.write(original)
    print(f'selftest: {len(PLANTS) - failures} of {len(PLANTS)} planted violations reported')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
