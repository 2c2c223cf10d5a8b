/* assay-test-lines.h — crafted ledger lines for the tests that sync a replica
 *
 * Copyright 2026 The Assay authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One event line of an individual: `points` (negative: a deduction) in
 * `dimension` on day number `day` (assay-day.h), published ten days
 * later, with rule id `rule` and `activity`; `confirmer` NULL writes
 * null.  The evidence hash is made from the account, day, activity and
 * points. */
void assay_test_append_event       (GString    *out,
                                    const char *account,
                                    const char *dimension,
                                    int         points,
                                    guint32     day,
                                    const char *county,
                                    const char *rule,
                                    const char *activity,
                                    const char *confirmer);

/* `points` as events of 10 points (rule "hours", each its own activity)
 * on days 1–18 of `month` of `year`, in turn. */
void assay_test_append_month       (GString    *out,
                                    const char *account,
                                    const char *dimension,
                                    guint       points,
                                    guint       year,
                                    guint       month,
                                    const char *county);

/* 20 points a day through January (from day number `jan1`, in 310118),
 * then 50 a day from 10 to 16 February: the 6.1 growth breaker pauses
 * `account` (README, "The pilot rule set"). */
void assay_test_append_growth      (GString    *out,
                                    const char *account,
                                    guint32     jan1);

/* `n` redemption requests of 10 points in `county` on day number `day`,
 * by accounts r-COUNTY-0 … r-COUNTY-(n − 1). */
void assay_test_append_redemptions (GString    *out,
                                    const char *county,
                                    guint       n,
                                    guint32     day);

/* The ledger the cases tests share (tests/test-cases.c, the Review
 * Queue's UI test): acct-conc one concentration flag (Q1 2025, 100
 * events); acct-consec concentration in Q1 and Q2 and a down-weight at Q2,
 * its Q2 events in 310115; acct-gone one flag; acct-calm none: three cases.
 * With `calm_only`, acct-calm's lines alone (no flag). */
char *assay_test_cases_lines       (gboolean    calm_only);

/* Leaves 0 and 1: events of acct-x in 310118; 2: a failure claim of
 * acct-fail asking 500 points of a comparable 1000 (Article U's cap:
 * 300).  Then, imported once those are logged, leaf 3: a dispute over
 * leaves 0 and 1 (the arbitration panel's docket). */
extern const char assay_test_filing_lines[];
extern const char assay_test_filing_dispute[];

G_END_DECLS
