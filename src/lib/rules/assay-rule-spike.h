/* assay-rule-spike.h — county redemption spike statistics (the 6.1 breaker)
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

#define ASSAY_RULE_SPIKE_MEAN_DAYS 28
#define ASSAY_RULE_SPIKE_ROBUST_DAYS 56

/* The statistics of one county-day; README "Detectors" gives each formula. */
typedef struct
{
  guint32 count;       /* x: the day's redemption requests */
  double  mean28;      /* mean of the 28 days before the day */
  double  ratio;       /* x / mean28: 0 when x = 0, +∞ when only mean28 = 0 */
  double  median56;    /* median of the 56 days before the day */
  double  mad56;       /* median of |cᵢ − median56| over those days, unscaled */
  double  modified_z;  /* 0.6745·(x − median56)/mad56; see the MAD = 0 case */
  double  poisson_sf;  /* P(X ≥ x) for X ~ Poisson(mean28) */
} AssayRuleSpike;

/* The statistics of @day in a county's daily request counts
 * @counts[0 .. @n_days − 1] (consecutive days, zeros included).  FALSE,
 * leaving @out alone, when @day is past the end or has fewer than 28 days
 * before it: the baseline does not exist yet and the features are missing.
 * With 28 to 55 days before it, median56, mad56 and modified_z are NaN
 * (missing) and the others are set. */
gboolean assay_rule_spike (const guint32  *counts,
                           gsize           n_days,
                           gsize           day,
                           AssayRuleSpike *out);

G_END_DECLS
