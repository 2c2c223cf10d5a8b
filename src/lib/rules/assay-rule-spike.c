/* assay-rule-spike.c — county redemption spike statistics (the 6.1 breaker)
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

#include "assay-rule-spike.h"

#include <math.h>

#include "assay-stats-median.h"
#include "assay-stats-poisson.h"

/* 1/Φ⁻¹(3/4): makes the MAD estimate σ for normal data (Iglewicz–Hoaglin). */
#define MAD_SCALE 0.6745
/* √(π/2): the same for the mean absolute deviation. */
#define MEAN_AD_SCALE 1.253314

static double
mean_of (const guint32 *c,
         gsize          n)
{
  double sum = 0;

  for (gsize i = 0; i < n; i++)
    sum += c[i];
  return sum / (double) n;
}

/* The modified z-score of @x against @history.  A MAD of 0 (more than half
 * the days equal) would divide by zero; as Iglewicz and Hoaglin advise, the
 * mean absolute deviation about the median then takes its place, and only
 * when every day equals the median does the score become 0 (x at the
 * median) or ±∞. */
static void
robust (const guint32  *history,
        gsize           n,
        double          x,
        AssayRuleSpike *out)
{
  double values[ASSAY_RULE_SPIKE_ROBUST_DAYS];
  double mean_ad = 0;

  for (gsize i = 0; i < n; i++)
    values[i] = history[i];
  out->median56 = assay_stats_median (values, n);
  for (gsize i = 0; i < n; i++)
    {
      values[i] = fabs (values[i] - out->median56);
      mean_ad += values[i];
    }
  mean_ad /= (double) n;
  out->mad56 = assay_stats_median (values, n);

  if (out->mad56 > 0)
    out->modified_z = MAD_SCALE * (x - out->median56) / out->mad56;
  else if (mean_ad > 0)
    out->modified_z = (x - out->median56) / (MEAN_AD_SCALE * mean_ad);
  else if (x == out->median56)
    out->modified_z = 0;
  else
    out->modified_z = x > out->median56 ? INFINITY : -INFINITY;
}

gboolean
assay_rule_spike (const guint32  *counts,
                  gsize           n_days,
                  gsize           day,
                  AssayRuleSpike *out)
{
  double x;

  if (day >= n_days || day < ASSAY_RULE_SPIKE_MEAN_DAYS)
    return FALSE;

  x = counts[day];
  out->count = counts[day];
  out->mean28 = mean_of (counts + day - ASSAY_RULE_SPIKE_MEAN_DAYS, ASSAY_RULE_SPIKE_MEAN_DAYS);
  if (x == 0)
    out->ratio = 0;
  else
    out->ratio = out->mean28 > 0 ? x / out->mean28 : INFINITY;
  /* The robust statistics need 56 days; with 28 to 55 the mean-based
   * ones exist and these are missing. */
  if (day >= ASSAY_RULE_SPIKE_ROBUST_DAYS)
    robust (counts + day - ASSAY_RULE_SPIKE_ROBUST_DAYS, ASSAY_RULE_SPIKE_ROBUST_DAYS, x, out);
  else
    out->median56 = out->mad56 = out->modified_z = NAN;
  out->poisson_sf = assay_stats_poisson_sf (out->count, out->mean28);
  return TRUE;
}
