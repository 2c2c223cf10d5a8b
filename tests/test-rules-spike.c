/* test-rules-spike.c — the county spike and account growth statistics, by hand
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

#include "config.h"

#include <math.h>

#include "assay-rule-growth.h"
#include "assay-rule-spike.h"

#define DAYS (ASSAY_RULE_SPIKE_ROBUST_DAYS + 1)

static void
fill (guint32 *counts,
      gsize    from,
      gsize    to,
      guint32  value)
{
  for (gsize d = from; d < to; d++)
    counts[d] = value;
}

/* Days 0–27 at 10 and 28–55 at 20: mean28 = 20; the 56 days have median
 * (10 + 20)/2 = 15 and every deviation 5, so MAD = 5; x = 61 gives
 * z = 0.6745·46/5 = 6.2054 and the tail R computed (stats/poisson.json). */
static void
test_spike_step (void)
{
  guint32 counts[DAYS];
  AssayRuleSpike s;

  fill (counts, 0, 28, 10);
  fill (counts, 28, 56, 20);
  counts[56] = 61;
  g_assert_true (assay_rule_spike (counts, DAYS, 56, &s));
  g_assert_cmpuint (s.count, ==, 61);
  g_assert_cmpfloat (s.mean28, ==, 20);
  g_assert_cmpfloat (s.ratio, ==, 3.05);
  g_assert_cmpfloat (s.median56, ==, 15);
  g_assert_cmpfloat (s.mad56, ==, 5);
  g_assert_cmpfloat_with_epsilon (s.modified_z, 6.2054, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.poisson_sf / 1.377435618863517e-13, 1, 1e-9);

  /* 60 is exactly 300 % of the mean: not over it. */
  counts[56] = 60;
  g_assert_true (assay_rule_spike (counts, DAYS, 56, &s));
  g_assert_cmpfloat (s.ratio, ==, 3);
  g_assert_cmpfloat_with_epsilon (s.poisson_sf / 4.2332846947129034e-13, 1, 1e-9);
}

/* Days 0–29 at 4, 30–55 at 6: over half the days sit on the median 4, so
 * MAD = 0 and the mean absolute deviation 26·2/56 stands in. */
static void
test_spike_mad_zero (void)
{
  guint32 counts[DAYS];
  AssayRuleSpike s;

  fill (counts, 0, 30, 4);
  fill (counts, 30, 56, 6);
  counts[56] = 10;
  g_assert_true (assay_rule_spike (counts, DAYS, 56, &s));
  g_assert_cmpfloat_with_epsilon (s.mean28, 164.0 / 28, 1e-12);
  g_assert_cmpfloat (s.median56, ==, 4);
  g_assert_cmpfloat (s.mad56, ==, 0);
  g_assert_cmpfloat_with_epsilon (s.modified_z, 6 / (1.253314 * 52 / 56), 1e-12);
}

/* A county whose every day is the same: no spread at all. */
static void
test_spike_flat (void)
{
  guint32 counts[DAYS];
  AssayRuleSpike s;

  fill (counts, 0, 56, 7);
  counts[56] = 7;
  g_assert_true (assay_rule_spike (counts, DAYS, 56, &s));
  g_assert_cmpfloat (s.modified_z, ==, 0);
  g_assert_cmpfloat (s.ratio, ==, 1);
  counts[56] = 8;
  g_assert_true (assay_rule_spike (counts, DAYS, 56, &s));
  g_assert_cmpfloat (s.modified_z, ==, INFINITY);
  counts[56] = 6;
  g_assert_true (assay_rule_spike (counts, DAYS, 56, &s));
  g_assert_cmpfloat (s.modified_z, ==, -INFINITY);

  /* A county with no requests so far. */
  fill (counts, 0, 56, 0);
  counts[56] = 0;
  g_assert_true (assay_rule_spike (counts, DAYS, 56, &s));
  g_assert_cmpfloat (s.ratio, ==, 0);
  g_assert_cmpfloat (s.poisson_sf, ==, 1);
  counts[56] = 3;
  g_assert_true (assay_rule_spike (counts, DAYS, 56, &s));
  g_assert_cmpfloat (s.ratio, ==, INFINITY);
  g_assert_cmpfloat (s.poisson_sf, ==, 0);
}

static void
test_spike_history (void)
{
  guint32 counts[DAYS] = { 0 };
  AssayRuleSpike s = { .count = 12345 };

  g_assert_false (assay_rule_spike (counts, DAYS, 27, &s));
  g_assert_false (assay_rule_spike (counts, DAYS, DAYS, &s));
  g_assert_cmpuint (s.count, ==, 12345);

  /* 28 to 55 days of history: the mean-based statistics only. */
  fill (counts, 0, 28, 2);
  counts[28] = 7;
  g_assert_true (assay_rule_spike (counts, DAYS, 28, &s));
  g_assert_cmpuint (s.count, ==, 7);
  g_assert_cmpfloat (s.mean28, ==, 2);
  g_assert_cmpfloat (s.ratio, ==, 3.5);
  g_assert_true (isnan (s.median56) && isnan (s.mad56) && isnan (s.modified_z));
  g_assert_cmpfloat (s.poisson_sf, >, 0);
  fill (counts, 0, 55, 2);
  counts[55] = 7;
  g_assert_true (assay_rule_spike (counts, DAYS, 55, &s));
  g_assert_true (isnan (s.median56));
  counts[56] = 7;
  g_assert_true (assay_rule_spike (counts, DAYS, 56, &s));
  g_assert_false (isnan (s.median56));
}

static void
test_growth (void)
{
  double points[10] = { 10, 10, 10, 2, 2, 2, 2, 2, 2, 2 };
  AssayRuleGrowth g;

  /* Window days 3–9: 14 points against 30 before, ten days old. */
  g_assert_true (assay_rule_growth (points, 10, 9, &g));
  g_assert_cmpfloat (g.window_points, ==, 14);
  g_assert_cmpfloat (g.before_total, ==, 30);
  g_assert_cmpuint (g.age_days, ==, 10);
  g_assert_cmpfloat (g.growth, ==, 14.0 / 30);

  /* Window days 2–8: 10 + 6·2 = 22 against 20. */
  g_assert_true (assay_rule_growth (points, 10, 8, &g));
  g_assert_cmpfloat (g.window_points, ==, 22);
  g_assert_cmpfloat (g.before_total, ==, 20);
  g_assert_cmpuint (g.age_days, ==, 9);
  g_assert_cmpfloat (g.growth, ==, 1.1);

  /* Younger than the window: nothing before it. */
  g_assert_true (assay_rule_growth (points, 10, 3, &g));
  g_assert_cmpfloat (g.window_points, ==, 32);
  g_assert_cmpfloat (g.before_total, ==, 0);
  g_assert_cmpuint (g.age_days, ==, 4);
  g_assert_cmpfloat (g.growth, ==, INFINITY);

  g_assert_false (assay_rule_growth (points, 10, 10, &g));
}

/* The prefix-sum form gives the same numbers on every day of a series
 * with deductions and quiet days. */
static void
test_growth_prefix (void)
{
  double points[40], prefix[41] = { 0 };
  AssayRuleGrowth a, b;

  for (guint d = 0; d < G_N_ELEMENTS (points); d++)
    points[d] = (d * 37) % 11 == 0 ? 0 : (double) ((int) ((d * 53) % 23) - 5);
  for (guint d = 0; d < G_N_ELEMENTS (points); d++)
    prefix[d + 1] = prefix[d] + points[d];
  for (guint t = 0; t < G_N_ELEMENTS (points); t++)
    {
      g_assert_true (assay_rule_growth (points, G_N_ELEMENTS (points), t, &a));
      g_assert_true (assay_rule_growth_prefix (prefix, G_N_ELEMENTS (points), t, &b));
      g_assert_cmpfloat (a.window_points, ==, b.window_points);
      g_assert_cmpfloat (a.before_total, ==, b.before_total);
      g_assert_cmpuint (a.age_days, ==, b.age_days);
      g_assert_cmpfloat (a.growth, ==, b.growth);
    }
  g_assert_false (assay_rule_growth_prefix (prefix, G_N_ELEMENTS (points), G_N_ELEMENTS (points), &b));
}

static void
test_growth_quiet (void)
{
  double points[9] = { 5, 0, 0, 0, 0, 0, 0, 0, 0 };
  AssayRuleGrowth g;

  g_assert_true (assay_rule_growth (points, 9, 8, &g));
  g_assert_cmpfloat (g.window_points, ==, 0);
  g_assert_cmpfloat (g.before_total, ==, 5);
  g_assert_cmpfloat (g.growth, ==, 0);
  points[0] = 0;
  g_assert_true (assay_rule_growth (points, 9, 8, &g));
  g_assert_cmpfloat (g.growth, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rules/spike/step", test_spike_step);
  g_test_add_func ("/rules/spike/mad-zero", test_spike_mad_zero);
  g_test_add_func ("/rules/spike/flat", test_spike_flat);
  g_test_add_func ("/rules/spike/history", test_spike_history);
  g_test_add_func ("/rules/growth/window", test_growth);
  g_test_add_func ("/rules/growth/quiet", test_growth_quiet);
  g_test_add_func ("/rules/growth/prefix", test_growth_prefix);
  return g_test_run ();
}
