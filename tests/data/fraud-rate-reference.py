#!/usr/bin/python3
# fraud-rate-reference.py — SciPy's values for the 6.2 fraud-rate panel
#
# Computes, for each case (n findings, k fraud, population N or none,
# confidence C), what assay_fraud_rate_compute () must return
# (README, "Fraud rate"), with SciPy's own functions only, and writes
# tests/data/fraud-rate/reference.json (committed; the tests never run
# SciPy).  Debian 12: apt-get install python3-scipy (1.10.1); the version
# used is written into the output.
#
#   /usr/bin/python3 tests/data/fraud-rate-reference.py tests/data/fraud-rate/reference.json
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import sys

import scipy
from scipy import stats

THRESHOLD = 0.05
ALPHA = 0.05       # the test of excess; the confidence is the intervals'

CASES = [
    # n, k, population (0: none), confidence
    (0, 0, 0, 0.95), (1, 0, 0, 0.95), (3, 1, 0, 0.95), (2, 2, 0, 0.95),
    (20, 0, 0, 0.95), (59, 0, 0, 0.95), (58, 0, 0, 0.95), (60, 0, 600, 0.95),
    (100, 2, 1000, 0.95), (100, 12, 1000, 0.95), (200, 5, 2000, 0.99),
    (215, 1, 1962, 0.95), (500, 40, 0, 0.95), (1000, 50, 10000, 0.95),
    (1000, 66, 10000, 0.95), (37, 3, 370, 0.90), (10000, 450, 100000, 0.95),
    (45, 45, 450, 0.95), (3000, 0, 30000, 0.99),
]


def hyper_upper(N, n, k, conf):
    """Largest D with P(X <= k) > 1 - conf, X ~ hypergeometric(N, D, n)."""
    beta = 1 - conf
    lo, hi = k, N - n + k
    while lo < hi:
        mid = lo + (hi - lo + 1) // 2
        if stats.hypergeom(N, mid, n).cdf(k) > beta:
            lo = mid
        else:
            hi = mid - 1
    return lo


def case(n, k, N, conf):
    alpha = ALPHA
    out = {"n": n, "fraud": k, "population": N, "confidence": conf, "alpha": alpha}
    if n > 0:
        test = stats.binomtest(k, n, THRESHOLD, alternative="greater")
        # binomtest's interval follows `alternative`: ask two-sided for the
        # two-sided intervals, "less" for the one-sided upper bound.
        two = stats.binomtest(k, n, THRESHOLD)
        cp = two.proportion_ci(confidence_level=conf, method="exact")
        wilson = two.proportion_ci(confidence_level=conf, method="wilson")
        upper = stats.binomtest(k, n, THRESHOLD, alternative="less").proportion_ci(
            confidence_level=conf, method="exact").high
        out.update(rate=k / n, clopper_pearson=[cp.low, cp.high],
                   wilson=[max(0.0, wilson.low), min(1.0, wilson.high)],
                   upper=upper, p_excess=test.pvalue)
        all_fraud_p = stats.binomtest(n, n, THRESHOLD, alternative="greater").pvalue
    else:
        out.update(rate=None, clopper_pearson=[0, 1], wilson=[0, 1], upper=1, p_excess=1)
        all_fraud_p = 1
    if N > 0:
        d = hyper_upper(N, n, k, conf)
        d0 = hyper_upper(N, n, 0, conf)
        out.update(hyper_upper=d, assurance_bound=d / N)
        bound0 = d0 / N
    else:
        out.update(hyper_upper=None, assurance_bound=out["upper"])
        bound0 = (stats.binomtest(0, n, THRESHOLD, alternative="less").proportion_ci(
            confidence_level=conf, method="exact").high if n > 0 else 1)
    if n == 0 or all_fraud_p >= alpha:
        out["excess"] = "insufficient"
    else:
        out["excess"] = "exceeds" if out["p_excess"] < alpha else "not_shown"
    if out["assurance_bound"] < THRESHOLD:
        out["assurance"] = "assured"
    elif n == 0 or bound0 >= THRESHOLD:
        out["assurance"] = "insufficient"
    else:
        out["assurance"] = "not_assured"
    return out


def main():
    doc = {"generator": "tests/data/fraud-rate-reference.py",
           "scipy": scipy.__version__, "threshold": THRESHOLD,
           "cases": [case(*c) for c in CASES]}
    with open(sys.argv[1], "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


main()
