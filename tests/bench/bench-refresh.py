#!/usr/bin/env python3
# tests/bench/bench-refresh.py — a full flag refresh against an incremental
# one after a small incremental sync.
#
#   tests/bench/bench-refresh.py BUILD_DIR [ACCOUNTS] [--extra N] [--seed S]
#
# `assay-central generate` (ACCOUNTS, default 10000; 12 months from
# 2025-01-01), imported and served on loopback; `assayctl sync` stores a
# full evaluation of the pilot rule set with its run.  Then N more events
# (default 300: copies of the first N events of the generated file, each
# with a new evidence hash, so over as many accounts as those lines name)
# are imported and synced without a refresh (a rule set path that does
# not exist).  Each refresh then runs three times on a fresh copy of that
# replica (bench-refresh REPLICA RULE_SET full|incremental); the medians
# are printed with the accounts evaluated and the flags kept and stored.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import hashlib, json, os, re, shutil, subprocess, sys, tempfile, time

def run(*argv, **kw):
    return subprocess.run(argv, check=True, capture_output=True, text=True, **kw).stdout

def serve(central, data):
    log = open(os.path.join(data, 'serve.log'), 'w+')
    proc = subprocess.Popen([central, 'serve', '--data', data, '--listen', '127.0.0.1:0'],
                            stdout=log, stderr=subprocess.STDOUT)
    for _ in range(200):
        log.seek(0)
        m = re.search(r'^listening on (http:\S+)$', log.read(), re.M)
        if m:
            return proc, m.group(1)
        time.sleep(0.05)
    proc.kill()
    sys.exit('bench-refresh: the central service did not start')

def sync(central, data, assayctl, replica, key, rule_set):
    proc, url = serve(central, data)
    try:
        run(assayctl, '--replica', replica, 'sync', '--server', url, '--log-key', key,
            '--rule-set', rule_set)
    finally:
        proc.terminate()
        proc.wait()

def extra_lines(jsonl, n):
    out, accounts = [], set()
    with open(jsonl) as f:
        for line in f:
            entry = json.loads(line)
            if entry.get('kind') != 'event':
                continue
            entry['evidence'] = hashlib.sha256(('extra ' + line).encode()).hexdigest()
            out.append(json.dumps(entry, ensure_ascii=False, separators=(',', ':')))
            accounts.add(entry['account'])
            if len(out) == n:
                break
    return '\n'.join(out) + '\n', len(accounts)

def refresh(bench, replica, pilot, mode, tmp):
    copy = os.path.join(tmp, 'copy.db')
    for suffix in ('', '-wal', '-shm'):
        if os.path.exists(copy + suffix):
            os.unlink(copy + suffix)
        if os.path.exists(replica + suffix):
            shutil.copyfile(replica + suffix, copy + suffix)
    return run(bench, copy, pilot, mode).split()

def main():
    args = sys.argv[1:]
    opts = {'--extra': 300, '--seed': 1}
    for name in list(opts):
        if name in args:
            i = args.index(name)
            opts[name] = int(args[i + 1])
            del args[i:i + 2]
    if not args:
        sys.exit('usage: bench-refresh.py BUILD_DIR [ACCOUNTS] [--extra N] [--seed S]')
    build, accounts = args[0], int(args[1]) if len(args) > 1 else 10000
    central = os.path.join(build, 'src', 'central', 'assay-central')
    assayctl = os.path.join(build, 'src', 'cli', 'assayctl')
    bench = os.path.join(build, 'tests', 'bench', 'bench-refresh')
    pilot = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'data', 'rules', 'pilot.json')
    with tempfile.TemporaryDirectory(prefix='bench-refresh-') as tmp:
        jsonl, extra = os.path.join(tmp, 'pilot.jsonl'), os.path.join(tmp, 'extra.jsonl')
        data, replica = os.path.join(tmp, 'central'), os.path.join(tmp, 'replica.db')
        run(central, 'generate', '--accounts', str(accounts), '--months', '12', '--seed', str(opts['--seed']),
            '--start', '2025-01-01', '--out', jsonl, '--truth', os.path.join(tmp, 'truth.json'))
        key = run(central, 'init', '--data', data, '--origin', 'bench.assay.example/log').split('\n')[0]
        run(central, 'import', '--data', data, jsonl)
        sync(central, data, assayctl, replica, key, pilot)
        text, n_accounts = extra_lines(jsonl, opts['--extra'])
        with open(extra, 'w') as f:
            f.write(text)
        run(central, 'import', '--data', data, extra)
        sync(central, data, assayctl, replica, key, os.path.join(tmp, 'missing.json'))
        print(f'{accounts} accounts, seed {opts["--seed"]}: then {opts["--extra"]} new events '
              f'over {n_accounts} accounts')
        for mode in ('full', 'incremental'):
            runs = [refresh(bench, replica, pilot, mode, tmp) for _ in range(3)]
            if any(r[0] != mode for r in runs):
                sys.exit(f'bench-refresh: asked for {mode}, got {runs[0][0]}')
            wall = sorted(float(r[2]) for r in runs)[1]
            cpu = sorted(float(r[4]) for r in runs)[1]
            r = runs[0]
            since = f' ({r[10]} with entries since entry {r[6]})' if mode == 'incremental' else ''
            print(f'  {mode:11}  median of 3: {wall:.3f} s wall, {cpu:.3f} s CPU; '
                  f'{r[12]} accounts evaluated{since}, {r[14]} flags kept, {r[16]} stored')

main()
