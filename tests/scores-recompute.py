#!/usr/bin/env python3
# scores-recompute.py — recompute contribution values from the raw entries
#
# Copyright 2026 The Assay authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# An independent few lines of the README's "Contribution value", reading
# only what anyone can fetch: the log's entries (`assayctl entries
# --json`), its decisions (`assayctl decisions --json`) and the rule set.
# Compares with `assayctl scores --json`; exit 0 if every account agrees
# to 1e-9 relative, 1 (naming the accounts) otherwise.
#
#   scores-recompute.py ENTRIES.json DECISIONS.json RULES.json SCORES.json [WHATIF.json]
#
# With WHATIF.json (`assayctl weights what-if --json` at the same day),
# also recomputes the what-if: every value again with the proposed
# weights in place of the version in force, and from the two lists the
# totals, Kendall's tau-b and Spearman's rho (naive O(n^2) and average
# ranks, written here), the top-k kept, the crossings, the histogram and
# the effect by county (an account's county: that of most of its events
# and redemptions, a tie to the lowest code).

import datetime
import json
import math
import sys

DIMENSIONS = ["professional", "knowledge", "community", "ecological", "data", "market_order"]
TIERS = ["basic", "development", "resource", "honour"]


FILINGS = ("appeal", "dispute", "silence", "forget_request", "failure_claim", "insurance_claim",
           "education_transfer")


def day(text):
    return datetime.date.fromisoformat(text).toordinal()


def weights_periods(params, scores):
    """(start day, {dimension: multiplier}) in day order, from the versions
    `assayctl scores` lists: their dates and basis points are the log's,
    the rule (6 × w, exactly 1 when equal) is recomputed here."""
    periods = []
    for v in scores["weights_versions"]:
        if v["status"] in ("void", "replaced"):
            continue
        start = 0 if v["equal"] else day(v["effective"])
        mult = {d: 1.0 if v["equal"] else 6 * v["basis_points"][d] / 10000 for d in DIMENSIONS}
        periods.append((start, mult))
    return sorted(periods, key=lambda p: p[0])


def multiplier(periods, d, dim):
    current = periods[0][1]
    for start, mult in periods:
        if start <= d:
            current = mult
    return current[dim]


def tau_b(x, y):
    n = len(x)
    nc = nd = tx = ty = 0
    for i in range(n):
        for j in range(i + 1, n):
            a, b = x[i] - x[j], y[i] - y[j]
            if a == 0 and b == 0:
                continue
            if a == 0:
                tx += 1
            elif b == 0:
                ty += 1
            elif (a > 0) == (b > 0):
                nc += 1
            else:
                nd += 1
    return (nc - nd) / ((nc + nd + tx) * (nc + nd + ty)) ** 0.5


def ranks(v):
    order = sorted(range(len(v)), key=lambda i: v[i])
    r = [0.0] * len(v)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r


def pearson(x, y):
    mx, my = sum(x) / len(x), sum(y) / len(y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / (sxx * syy) ** 0.5


def kept(before, after, k):
    top = lambda v: set(sorted(range(len(v)), key=lambda i: (-v[i], i))[:k])
    return len(top(before) & top(after))


def close(a, b, tol=1e-9):
    return abs(a - b) <= tol * max(1.0, abs(b))


def home_counties(entries):
    """Each account's county: the one of most of its records, ties to the lowest code."""
    counts = {}
    for e in entries:
        if e.get("kind") in ("event", "redemption"):
            per = counts.setdefault(e["account"], {})
            per[e["county"]] = per.get(e["county"], 0) + 1
    return {a: min(per, key=lambda c: (-per[c], c)) for a, per in counts.items()}


def check_by_county(what_if, accounts, x, y, county_of):
    mine = {}
    for i, a in enumerate(accounts):
        g = mine.setdefault(county_of.get(a, "none"), {"accounts": 0, "total_before": 0.0, "total_after": 0.0,
                                                       "up": 0, "down": 0})
        g["accounts"] += 1
        g["total_before"] += x[i]
        g["total_after"] += y[i]
        g["up"] += y[i] > x[i]
        g["down"] += y[i] < x[i]
    theirs = {g["id"]: g for g in what_if["by_county"]}
    problems = []
    if [g["id"] for g in what_if["by_county"]] != sorted(mine):
        problems.append("by_county ids %r, recomputed %r" % (list(theirs), sorted(mine)))
    for c, g in mine.items():
        t = theirs.get(c, {})
        for name, v in g.items():
            if name not in t or not close(t[name], v):
                problems.append("by_county %s %s %r, recomputed %r" % (c, name, t.get(name), v))
    if len(mine) < 2:
        problems.append("by_county: only %d county, the check would prove little" % len(mine))
    return problems


def check_what_if(what_if, accounts, before, after, level_of, tiers_of, county_of):
    """accounts in the replica's order (scores JSON); before/after values."""
    problems = []
    # Compared at a millionth of a point, as the what-if does (README).
    x = [math.floor(before[a] * 1e6 + 0.5) / 1e6 for a in accounts]
    y = [math.floor(after[a] * 1e6 + 0.5) / 1e6 for a in accounts]
    if what_if["accounts"] != len(x):
        problems.append("accounts %d, recomputed %d" % (what_if["accounts"], len(x)))
    for name, mine in (("total_before", sum(x)), ("total_after", sum(y)),
                       ("kendall_tau", tau_b(x, y)), ("spearman_rho", pearson(ranks(x), ranks(y)))):
        if not close(what_if[name], mine):
            problems.append("%s %r, recomputed %r" % (name, what_if[name], mine))
    k1, k2 = min(100, len(x)), (len(x) + 99) // 100
    for name, k in (("top100_kept", k1), ("top1pct_kept", k2)):
        if what_if[name] != {"k": k, "kept": kept(x, y, k)}:
            problems.append("%s %r, recomputed k=%d kept=%d" % (name, what_if[name], k, kept(x, y, k)))
    c = what_if["crossings"]
    mine = {"level_up": 0, "level_down": 0, "tier_up": 0, "tier_down": 0}
    for a in accounts:
        dl = level_of(a, after[a]) - level_of(a, before[a])
        dt = len(tiers_of(a, after[a])) - len(tiers_of(a, before[a]))
        mine["level_up"] += dl > 0
        mine["level_down"] += dl < 0
        mine["tier_up"] += dt > 0
        mine["tier_down"] += dt < 0
    for name, n in mine.items():
        if c[name] != n:
            problems.append("%s %d, recomputed %d" % (name, c[name], n))
    for edge in what_if["histogram"]:
        lo = edge["from"] if edge["from"] is not None else float("-inf")
        hi = edge["to"] if edge["to"] is not None else float("inf")
        if edge["from"] is None:
            hi = 0.0
        for name, v in (("before", x), ("after", y)):
            n = sum(1 for t in v if lo <= t < hi)
            if n != edge[name]:
                problems.append("histogram [%r, %r) %s %d, recomputed %d" % (lo, hi, name, edge[name], n))
    return problems + check_by_county(what_if, accounts, x, y, county_of)


def main():
    entries, decisions, rules, scores = (json.load(open(p)) for p in sys.argv[1:5])
    what_if = json.load(open(sys.argv[5])) if len(sys.argv) > 5 else None
    params = rules["parameters"]
    r, factor = params["decay_rate"], params["down_weight_factor"]
    T = day(scores["as_of"])
    periods = weights_periods(params, scores)

    # A ruling that overturns on an appeal against a decision annuls that
    # decision, at every day: the appeal names it by index.
    # (Any overturning ruling on it: a later ruling does not restore it.)
    appeals = {str(e["index"]): e["against"] for e in entries if e.get("kind") == "appeal"}
    overturned = {appeals[dec["subject"]["id"]] for dec in decisions
                  if dec["subject"]["kind"] == "filing" and dec["outcome"] == "overturn"
                  and dec["subject"]["id"] in appeals}

    changes, downs = {}, {}
    for dec in sorted(decisions, key=lambda x: x["index"]):
        logged = day(dec["logged"])
        if dec["subject"]["kind"] != "account" or logged > T or dec["index"] in overturned:
            continue
        acct = dec["subject"]["id"]
        if dec["outcome"] in ("freeze", "restore", "zero"):
            changes.setdefault(acct, []).append((logged, dec["outcome"]))
        elif dec["outcome"] == "down_weight":
            p = dec["payload"].get("params", {})
            start = day(p["from"]) if "from" in p else logged + 1
            end = day(p["to"]) if "to" in p else start + 364
            downs.setdefault(acct, []).append((p["dimension"], start, end))

    # Awards and adjustments: the decision that stands on each filing (the
    # last logged) credits its points to the filer from its logged day.
    filers = {str(e["index"]): e["account"] for e in entries if "index" in e and e.get("kind") in FILINGS}
    standing = {}
    for dec in sorted(decisions, key=lambda x: x["index"]):
        if dec["subject"]["kind"] == "filing":
            standing[dec["subject"]["id"]] = dec
    credits = {}
    kinds = {str(e["index"]): e for e in entries if "index" in e and e.get("kind") in FILINGS}
    for filing, dec in standing.items():
        p = dec["payload"].get("params", {})
        points = p.get("award") if dec["outcome"] == "approve" else p.get("points") if dec["outcome"] == "adjust" else None
        if dec["outcome"] == "approve" and filing in kinds and kinds[filing]["kind"] == "education_transfer":
            points = -kinds[filing]["points"]
        if points is not None and filing in filers and day(dec["logged"]) <= T:
            credits.setdefault(filers[filing], []).append((day(dec["logged"]), points))

    # Entries not recognised: the disputed entries of a dispute whose
    # standing ruling overturns, the entry an approved appeal contests,
    # from the first such decision's logged day.
    bodies = {e["index"]: e for e in entries if "index" in e}
    voided = {}
    for filing, dec in standing.items():
        f = bodies.get(int(filing))
        if f is None:
            continue
        if f["kind"] == "dispute" and dec["outcome"] == "overturn":
            named = f["entries"]
        elif f["kind"] == "appeal" and dec["outcome"] == "approve":
            named = [f["against"]]
        elif f["kind"] == "silence" and dec["outcome"] == "approve":
            named = [e["index"] for e in entries if e.get("kind") in ("event", "redemption")
                     and e["account"] == f["account"] and f["from"] <= e["event_date"] <= f["to"]]
        else:
            continue
        for i in named:
            if i in bodies and bodies[i].get("kind") in ("event", "redemption"):
                voided[i] = min(voided.get(i, day(dec["logged"])), day(dec["logged"]))

    def counts(acct, d):
        """Whether an entry of day d counts, and whether a freeze holds."""
        ok, frozen_since = True, None
        for logged, outcome in changes.get(acct, []):
            if outcome == "zero" and d < logged:
                ok = False
            if frozen_since is not None and frozen_since <= d < logged:
                ok = False
            if outcome == "freeze":
                frozen_since = frozen_since if frozen_since is not None else logged
            else:
                frozen_since = None
        if frozen_since is not None and d >= frozen_since:
            ok = False
        return ok, frozen_since is not None

    def values(periods):
        value, has_events = {}, {}
        for e in entries:
            if e.get("kind") not in ("event", "redemption"):
                continue
            acct, d = e["account"], day(e["event_date"])
            value.setdefault(acct, 0.0)
            has_events.setdefault(acct, False)
            if d > T or not counts(acct, d)[0]:
                continue
            if e["index"] in voided and voided[e["index"]] <= T:
                if e["kind"] == "event":
                    has_events[acct] = True
                continue
            decay = (1 - r) ** ((T - d) / 365)
            if e["kind"] == "redemption":
                value[acct] -= e["points"] * decay
                continue
            a = factor if any(dim == e["dimension"] and s <= d <= t for dim, s, t in downs.get(acct, [])) else 1
            value[acct] += e["points"] * multiplier(periods, d, e["dimension"]) * a * decay
            has_events[acct] = True
        for acct, credited in credits.items():
            for d, points in credited:
                if acct in value and counts(acct, d)[0]:
                    value[acct] += points * (1 - r) ** ((T - d) / 365)
        return value, has_events

    value, has_events = values(periods)

    def level_of(acct, v):
        level = 1 if not has_events[acct] else 2
        for n in (3, 4, 5):
            if has_events[acct] and v >= params["level_%d_value" % n]:
                level = n
        return level

    def tiers_of(acct, v):
        return [] if counts(acct, T)[1] else [t for t in TIERS if v >= params["tier_%s_value" % t]]

    bad = 0
    theirs = {s["account"]: s for s in scores["accounts"]}
    if set(theirs) != set(value):
        print("accounts differ:", sorted(set(theirs) ^ set(value))[:10])
        return 1
    for acct, v in value.items():
        s = theirs[acct]
        level, tiers, frozen = level_of(acct, v), tiers_of(acct, v), counts(acct, T)[1]
        if not close(s["value"], v) or s["level"] != level or s["tiers"] != tiers or s["frozen"] != frozen:
            print("%s: assayctl %r L%d %s, recomputed %r L%d %s" % (acct, s["value"], s["level"], s["tiers"],
                                                                   v, level, tiers))
            bad += 1
    print("%d accounts at %s, %d differ" % (len(value), scores["as_of"], bad))
    if what_if is None or bad:
        return 1 if bad else 0

    # The period in force at T takes the proposed weights.
    in_force = max(i for i, (start, _) in enumerate(periods) if start <= T)
    proposed = {dim: 6 * what_if["proposed"][dim] / 10000 for dim in DIMENSIONS}
    after, _ = values([(start, proposed if i == in_force else mult) for i, (start, mult) in enumerate(periods)])
    accounts = [s["account"] for s in scores["accounts"]]
    problems = check_what_if(what_if, accounts, value, after, level_of, tiers_of, home_counties(entries))
    for p in problems:
        print("what-if:", p)
    print("what-if over %d accounts: %d problems" % (len(accounts), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
