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
#   scores-recompute.py ENTRIES.json DECISIONS.json RULES.json SCORES.json

import datetime
import json
import sys

DIMENSIONS = ["professional", "knowledge", "community", "ecological", "data", "market_order"]
TIERS = ["basic", "development", "resource", "honour"]


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


def main():
    entries, decisions, rules, scores = (json.load(open(p)) for p in sys.argv[1:5])
    params = rules["parameters"]
    r, factor = params["decay_rate"], params["down_weight_factor"]
    T = day(scores["as_of"])
    periods = weights_periods(params, scores)

    changes, downs = {}, {}
    for dec in sorted(decisions, key=lambda x: x["index"]):
        logged = day(dec["logged"])
        if dec["subject"]["kind"] != "account" or logged > T:
            continue
        acct = dec["subject"]["id"]
        if dec["outcome"] in ("freeze", "restore", "zero"):
            changes.setdefault(acct, []).append((logged, dec["outcome"]))
        elif dec["outcome"] == "down_weight":
            p = dec["payload"].get("params", {})
            start = day(p["from"]) if "from" in p else logged + 1
            end = day(p["to"]) if "to" in p else start + 364
            downs.setdefault(acct, []).append((p["dimension"], start, end))

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

    value, has_events = {}, {}
    for e in entries:
        if e.get("kind") not in ("event", "redemption"):
            continue
        acct, d = e["account"], day(e["event_date"])
        value.setdefault(acct, 0.0)
        has_events.setdefault(acct, False)
        if d > T or not counts(acct, d)[0]:
            continue
        decay = (1 - r) ** ((T - d) / 365)
        if e["kind"] == "redemption":
            value[acct] -= e["points"] * decay
            continue
        a = factor if any(dim == e["dimension"] and s <= d <= t for dim, s, t in downs.get(acct, [])) else 1
        value[acct] += e["points"] * multiplier(periods, d, e["dimension"]) * a * decay
        has_events[acct] = True

    bad = 0
    theirs = {s["account"]: s for s in scores["accounts"]}
    if set(theirs) != set(value):
        print("accounts differ:", sorted(set(theirs) ^ set(value))[:10])
        return 1
    for acct, v in value.items():
        s = theirs[acct]
        level = 1 if not has_events[acct] else 2
        for n in (3, 4, 5):
            if has_events[acct] and v >= params["level_%d_value" % n]:
                level = n
        frozen = counts(acct, T)[1]
        tiers = [] if frozen else [t for t in TIERS if v >= params["tier_%s_value" % t]]
        if abs(s["value"] - v) > 1e-9 * max(1.0, abs(v)) or s["level"] != level or s["tiers"] != tiers \
           or s["frozen"] != frozen:
            print("%s: assayctl %r L%d %s, recomputed %r L%d %s" % (acct, s["value"], s["level"], s["tiers"],
                                                                   v, level, tiers))
            bad += 1
    print("%d accounts at %s, %d differ" % (len(value), scores["as_of"], bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
