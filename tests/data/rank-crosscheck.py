#!/usr/bin/python3
# rank-crosscheck.py — SciPy's and plain Python's values for the rank references R computed
#
# Reads tests/data/stats/rank.json (written by rank-reference.R) and
# recomputes Kendall's tau-b with scipy.stats.kendalltau(variant='b'),
# Spearman's rho with scipy.stats.spearmanr, and the top k kept with the
# few lines of Python that assay-stats-rank.h gives, so that the README's
# recipe for auditors is itself checked.  Run by hand (Debian 12:
# python3-scipy 1.10.1); the tests never need SciPy.  Prints the largest
# relative difference per statistic and exits 1 if one exceeds 1e-12 or a
# count differs.
#
#   /usr/bin/python3 tests/data/rank-crosscheck.py tests/data/stats/rank.json
#
# With --raw FILE N it reads instead the accounts that
# `tests/bench/bench-rank N 1 FILE` wrote (x then y, N native doubles each)
# and prints tau-b and rho from SciPy, rho from exact integer sums (twice
# the centred average ranks, summed in Python integers, the root taken to
# 40 digits), and the top 100 and top 1 % kept, for comparison with the
# values bench-rank prints.  Nothing to pass or fail: SciPy's own float
# sums are not exact at this size.
#
#   /usr/bin/python3 tests/data/rank-crosscheck.py --raw /tmp/xy.bin 10000000
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import math
import sys
import warnings

import numpy as np
import scipy
from scipy import stats

TOLERANCE = 1e-12


def relative(got, want):
    if want is None:
        return 0.0 if math.isnan(got) else math.inf
    if want == 0:
        return abs(got)
    return abs(got - want) / abs(want)


def top_k_kept(before, after, k):
    n = len(before)
    top = lambda v: set(sorted(range(n), key=lambda i: (-v[i], i))[:k])
    return len(top(before) & top(after))


def exact_rho(x, y):
    from decimal import Decimal, getcontext

    n = len(x)
    cx = (2 * stats.rankdata(x)).astype(np.int64) - (n + 1)
    cy = (2 * stats.rankdata(y)).astype(np.int64) - (n + 1)

    def dot(u, v):
        # Blocks of 50,000 products below 2^62 / 50,000 stay in int64.
        return sum(int(np.dot(u[i:i + 50000], v[i:i + 50000])) for i in range(0, n, 50000))

    getcontext().prec = 40
    return Decimal(dot(cx, cy)) / (Decimal(dot(cx, cx)) * Decimal(dot(cy, cy))).sqrt()


def raw(path, n):
    a = np.fromfile(path, dtype=np.float64)
    assert len(a) == 2 * n, f'{path} holds {len(a)} doubles, not 2 * {n}'
    x, y = a[:n], a[n:]
    print(f'SciPy {scipy.__version__}, {n} accounts from {path}')
    print(f"Kendall's tau-b (kendalltau, variant='b'): {stats.kendalltau(x, y, variant='b').statistic!r}")
    print(f"Spearman's rho (spearmanr):                {stats.spearmanr(x, y).statistic!r}")
    print(f"Spearman's rho (exact sums, 40 digits):    {exact_rho(x, y)}")
    order = lambda v: np.lexsort((np.arange(n), -v))
    ox, oy = order(x), order(y)
    for k in (min(100, n), n // 100):
        kept = len(set(ox[:k].tolist()) & set(oy[:k].tolist()))
        print(f'top {k} kept: {kept}')
    return 0


def main():
    if len(sys.argv) == 4 and sys.argv[1] == '--raw':
        return raw(sys.argv[2], int(sys.argv[3]))
    path = sys.argv[1] if len(sys.argv) > 1 else 'tests/data/stats/rank.json'
    with open(path, encoding='utf-8') as f:
        ref = json.load(f)
    # The constant cases are undefined on purpose (R's NA, SciPy's nan).
    warnings.simplefilter('ignore', stats.ConstantInputWarning)
    worst = {'tau_b': 0.0, 'rho': 0.0}
    counts_differ = 0
    for case in ref['cases']:
        x, y = case['x'], case['y']
        tau = stats.kendalltau(x, y, variant='b').statistic
        rho = stats.spearmanr(x, y).statistic
        worst['tau_b'] = max(worst['tau_b'], relative(tau, case['tau_b']))
        worst['rho'] = max(worst['rho'], relative(rho, case['rho']))
        for t in case['top_k']:
            kept = top_k_kept(x, y, t['k'])
            if kept != t['kept']:
                print(f"{case['name']}: top {t['k']} kept {kept}, R says {t['kept']}")
                counts_differ += 1
    print(f"SciPy {scipy.__version__} against {ref['source']}")
    for name, w in worst.items():
        print(f'{name}: largest relative difference {w:.3g}')
    print(f'top k kept: {counts_differ} counts differ')
    return 1 if counts_differ or max(worst.values()) > TOLERANCE else 0


if __name__ == '__main__':
    sys.exit(main())
