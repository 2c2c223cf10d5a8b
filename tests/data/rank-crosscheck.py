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
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import math
import sys
import warnings

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


def main():
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
