#!/usr/bin/python3
# benford-reference.py — reference values for the first-digit (Benford) test
#
# Run with Debian 12's python3-scipy:
#   /usr/bin/python3 tests/data/benford-reference.py tests/data/benford/reference.json
# For each vector of nine first-digit counts it writes, with SciPy, the
# chi-square goodness-of-fit statistic and p against log10(1 + 1/d)
# (scipy.stats.chisquare, 8 df) and each digit's z as Nigrini defines it:
#   z = (|p̂ − p| − 1/(2N)) / sqrt(p(1 − p)/N), the correction 1/(2N) only
#   when it is smaller than |p̂ − p|.
# Numbers are written with 17 significant digits.

import json
import math
import sys

import numpy
import scipy
from scipy import stats

CASES = {
    # Close to the law: rounded N·p for N = 10,000.
    "benford-10000": [3010, 1761, 1249, 969, 792, 669, 580, 512, 458],
    # Point values set by formulas: a few digits carry everything.
    "formula-points": [5200, 40, 1800, 10, 2600, 0, 0, 350, 0],
    # A small group just past the minimum of 100.
    "small-120": [41, 22, 14, 12, 9, 8, 6, 5, 3],
    # Shares within 1/(2N) of the law for some digits (no correction there).
    "near-301": [91, 53, 38, 29, 24, 20, 17, 15, 14],
    # A large, mildly distorted ledger: a very small p.
    "large-2m": [598000, 355000, 250000, 190000, 160000, 135000, 116000, 102000, 94000],
    # Every digit equally often.
    "uniform-900": [100] * 9,
}


def z_scores(counts):
    n = sum(counts)
    out = []
    for d in range(1, 10):
        p = math.log10(1 + 1 / d)
        gap = abs(counts[d - 1] / n - p)
        correction = 1 / (2 * n)
        if correction < gap:
            gap -= correction
        out.append(gap / math.sqrt(p * (1 - p) / n))
    return out


def main(path):
    shares = numpy.array([math.log10(1 + 1 / d) for d in range(1, 10)])
    cases = []
    for name, counts in CASES.items():
        observed = numpy.array(counts, dtype=float)
        test = stats.chisquare(observed, observed.sum() * shares)
        cases.append({
            "name": name,
            "counts": counts,
            "chisq": float("%.17g" % test.statistic),
            "p_value": float("%.17g" % test.pvalue),
            "z": [float("%.17g" % z) for z in z_scores(counts)],
        })
    with open(path, "w") as f:
        json.dump({"source": "SciPy %s, NumPy %s (scipy.stats.chisquare; z as Nigrini)"
                   % (scipy.__version__, numpy.__version__), "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
