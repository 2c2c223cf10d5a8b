#!/usr/bin/env python3
# tests/bench/bench-detection.py — recall and precision of every rule of the
# pilot rule set on the generator's truth, and the time the evaluation takes.
#
#   tests/bench/bench-detection.py BUILD_DIR [ACCOUNTS …] [--seed S]
#
# For each size (default 10000 and 100000): `assay-central generate` (12
# months from 2025-01-01) with its truth file, a central service on
# loopback, `assayctl sync`, then `assayctl flags --json` timed, and each
# rule scored against the truth the way tests/test-flags.c and
# tests/test-breakers.c score it:
#   X.concentration  a truth (account, quarter) is found when a flag has that
#                    account and the quarter's first day;
#   X.down_weight    a truth pair of quarters is found when a down_weight
#                    flag of the account and dimension was raised for its
#                    second quarter or is in effect then (one a year);
#   6.1.county_spike (county, day) pairs;
#   6.1.account_growth  a truth day t is found when a flag's window of the
#                    account ends on t or up to 6 days before (its episode);
#   6.1.lockstep_ring   a ring is found when a flag has exactly its members.
# A flag is true when it is in the truth (for growth: its window's last day
# is a truth day; for down_weight: it matches a truth pair).
#
# SPDX-License-Identifier: GPL-3.0-or-later
import json, os, re, subprocess, sys, tempfile, time

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
    sys.exit('bench-detection: the central service did not start')

def score(name, truth_n, found, flags_n, true_flags):
    recall = found / truth_n if truth_n else float('nan')
    precision = true_flags / flags_n if flags_n else float('nan')
    print(f'  {name:22} truth {truth_n:6}  flags {flags_n:6}  recall {recall:.4f}  precision {precision:.4f}')

def by_rule(flags, rule):
    return [f for f in flags if f['rule'] == rule]

def concentration(truth, flags):
    first = {q['id']: q['first'] for q in truth['quarters']}
    expected = {(c['account'], first[c['quarter']]) for c in truth['concentration']}
    got = {(f['subject']['id'], f['period']['from']) for f in by_rule(flags, 'X.concentration')}
    score('X.concentration', len(expected), len(expected & got), len(got), len(expected & got))

def down_weight(truth, flags):
    first = {q['id']: q['first'] for q in truth['quarters']}
    dw = by_rule(flags, 'X.down_weight')
    def covers(f, account, dimension, day):
        e = f['effect']
        return (f['subject']['id'] == account and e['dimension'] == dimension and
                (f['period']['from'] == day or e['from'] <= day <= e['to']))
    pairs = [(p['account'], p['dimension'], first[p['quarters'][1]]) for p in truth['consecutive']]
    found = sum(any(covers(f, *p) for f in dw) for p in pairs)
    true_flags = sum((f['subject']['id'], f['effect']['dimension'], f['period']['from']) in set(pairs)
                     for f in dw)
    score('X.down_weight', len(pairs), found, len(dw), true_flags)

def spikes(truth, flags):
    expected = {(s['county'], s['day']) for s in truth['county_spikes']}
    got = {(f['subject']['id'], f['period']['from']) for f in by_rule(flags, '6.1.county_spike')}
    score('6.1.county_spike', len(expected), len(expected & got), len(got), len(expected & got))

def day_number(date):
    return time.mktime(time.strptime(date, '%Y-%m-%d')) // 86400

def growth(truth, flags):
    ends = {(f['subject']['id'], day_number(f['period']['to'])) for f in by_rule(flags, '6.1.account_growth')}
    days = {(g['account'], day_number(d)) for g in truth['growth'] for d in g['days']}
    found = sum(any((a, d - back) in ends for back in range(7)) for a, d in days)
    score('6.1.account_growth', len(days), found, len(ends), len(ends & days))

def rings(truth, flags):
    expected = {tuple(sorted(r['accounts'])) for r in truth['rings']}
    got = {tuple(sorted(f['subject']['members'])) for f in by_rule(flags, '6.1.lockstep_ring')}
    score('6.1.lockstep_ring', len(expected), len(expected & got), len(got), len(expected & got))

def bench(build, accounts, seed, pilot):
    central = os.path.join(build, 'src', 'central', 'assay-central')
    assayctl = os.path.join(build, 'src', 'cli', 'assayctl')
    with tempfile.TemporaryDirectory(prefix='bench-detection-') as tmp:
        jsonl, truth_path = os.path.join(tmp, 'pilot.jsonl'), os.path.join(tmp, 'truth.json')
        data, replica = os.path.join(tmp, 'central'), os.path.join(tmp, 'replica.db')
        t0 = time.monotonic()
        run(central, 'generate', '--accounts', str(accounts), '--months', '12', '--seed', str(seed),
            '--start', '2025-01-01', '--out', jsonl, '--truth', truth_path)
        key = run(central, 'init', '--data', data, '--origin', 'bench.assay.example/log').split('\n')[0]
        run(central, 'import', '--data', data, jsonl)
        proc, url = serve(central, data)
        try:
            run(assayctl, '--replica', replica, 'sync', '--server', url, '--log-key', key,
                '--rule-set', pilot)
        finally:
            proc.terminate()
            proc.wait()
        t1 = time.monotonic()
        times = []
        for _ in range(3):
            start = time.monotonic()
            out = run(assayctl, '--replica', replica, 'flags', '--rule-set', pilot, '--json')
            times.append(time.monotonic() - start)
        truth = json.load(open(truth_path))
        flags = json.loads(out)['flags']
        print(f'{accounts} accounts, seed {seed}: {truth["counts"]["lines"]} lines, '
              f'setup (generate, import, sync) {t1 - t0:.1f} s; '
              f'assayctl flags: median of 3 {sorted(times)[1]:.2f} s, {len(flags)} flags')
        concentration(truth, flags)
        down_weight(truth, flags)
        spikes(truth, flags)
        growth(truth, flags)
        rings(truth, flags)

def main():
    args = sys.argv[1:]
    seed = 1
    if '--seed' in args:
        i = args.index('--seed')
        seed = int(args[i + 1])
        del args[i:i + 2]
    if not args:
        sys.exit(__doc__ if __doc__ else 'usage: bench-detection.py BUILD_DIR [ACCOUNTS …] [--seed S]')
    build, sizes = args[0], [int(a) for a in args[1:]] or [10000, 100000]
    pilot = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'data', 'rules', 'pilot.json')
    for n in sizes:
        bench(build, n, seed, pilot)

main()
