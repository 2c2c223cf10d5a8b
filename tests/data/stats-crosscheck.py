#!/usr/bin/python3
# stats-crosscheck.py — SciPy's values for the references R computed
#
# Reads tests/data/stats/reference.json (written by stats-reference.R) and
# recomputes with SciPy every value SciPy has a function for, so that a
# disagreement between R and SciPy shows before C code is checked against
# R.  Run by hand (Debian 12: apt-get install python3-scipy, 1.10.1); the
# tests never need SciPy.  Prints the largest relative difference per
# function and exits 1 if one exceeds 1e-9.
#
#   /usr/bin/python3 tests/data/stats-crosscheck.py tests/data/stats/reference.json
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import math
import sys

import numpy as np
import scipy
from scipy import stats

TOLERANCE = 1e-9
worst = {}


def compare(name, got, want):
    if want is None:
        return
    if want == 0 or math.isinf(want):
        diff = 0.0 if got == want else math.inf
    else:
        diff = abs(got - want) / abs(want)
    worst[name] = max(worst.get(name, 0.0), diff)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else 'tests/data/stats/reference.json'
    with open(path, encoding='utf-8') as f:
        ref = json.load(f)

    for c in ref['binom']:
        k, n, p = c['k'], c['n'], c['p']
        compare('dbinom', stats.binom.pmf(k, n, p), c['pmf'])
        compare('pbinom', stats.binom.cdf(k, n, p), c['cdf'])
        compare('pbinom upper', stats.binom.sf(k - 1, n, p), c['sf'])
        if n > 0:
            for alt in ('less', 'greater', 'two-sided'):
                key = alt.replace('-', '_')
                compare('binomtest ' + alt, stats.binomtest(k, n, p, alternative=alt).pvalue,
                        c[key])

    # SciPy finds the exact bounds with brentq at its default absolute
    # xtol of 2e-12, so a bound below 2e-3 carries more than 1e-9 of
    # SciPy's own relative error (x = 1, n = 10^7 differs by 2e-4; R's
    # value there agrees with the closed form 1 - (1 - a)^(1/n)).  Those
    # are counted and left out.
    skipped = 0
    for c in ref['clopper_pearson']:
        ci = stats.binomtest(c['x'], c['n'], alternative=c['alternative']) \
            .proportion_ci(confidence_level=c['conf'], method='exact')
        for got, want in ((ci.low, c['lower']), (ci.high, c['upper'])):
            if 0 < want < 2e-3 or 0 < 1 - want < 2e-3:
                skipped += 1
            else:
                compare('Clopper-Pearson', got, want)

    for c in ref['wilson']:
        ci = stats.binomtest(c['x'], c['n'], alternative=c['alternative']) \
            .proportion_ci(confidence_level=c['conf'], method='wilson')
        compare('Wilson', ci.low, c['lower'])
        compare('Wilson', ci.high, c['upper'])

    for c in ref['median']:
        if c['x']:
            compare('median', float(np.median(c['x'])), c['median'])
            k = int(stats.binom.ppf(c['alpha'] / 2, len(c['x']), 0.5))
            compare('qbinom', k, c['k'])

    for c in ref['hyper_upper']:
        N, n, k, conf = c['population'], c['sample'], c['errors'], c['conf']
        d = c['upper']
        # The bound is the last D at which P(X <= k) is still above 1 - conf.
        above = stats.hypergeom.cdf(k, N, d, n) > 1 - conf
        beyond = d == N - n + k or stats.hypergeom.cdf(k, N, d + 1, n) <= 1 - conf
        compare('hypergeometric bound', 1.0 if above and beyond else 0.0, 1.0)

    for c in ref['chisq']:
        x = np.array(c['x'], dtype=float)
        r = stats.chisquare(x, x.sum() * np.array(c['p']))
        compare('chisquare statistic', r.statistic, c['statistic'])
        compare('chisquare p', r.pvalue, c['p_value'])

    print('SciPy %s against %s' % (scipy.__version__, ref['source']))
    print('  (%d Clopper-Pearson bounds within 2e-3 of 0 or 1 left out)' % skipped)
    for name in sorted(worst):
        print('  %-22s largest relative difference %.3g' % (name, worst[name]))
    return 1 if any(v > TOLERANCE for v in worst.values()) else 0


if __name__ == '__main__':
    sys.exit(main())
