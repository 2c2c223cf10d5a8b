/* assay-stats-median.h — the median and its order-statistic confidence interval
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

#include "assay-stats-types.h"

G_BEGIN_DECLS

/* R's median(): the middle value of the sorted values, or the mean of the
 * two middle ones for an even count.  NaN for n = 0 or if some xᵢ is
 * NaN. */
double   assay_stats_median           (const double *x,
                                       gsize         n);

typedef struct
{
  double lower;     /* x₍k₎, or −∞ when k = 0 */
  double upper;     /* x₍n−k+1₎, or +∞ when k = 0 */
  guint  k;         /* qbinom (α/2, n, ½) */
  double coverage;  /* 1 − 2·P(Bin(n, ½) ≤ k − 1) ≥ 1 − α */
} AssayStatsMedianInterval;

/* The distribution-free interval [x₍k₎, x₍n−k+1₎] for the median, with
 * k = qbinom (α/2, n, ½) (the smallest k with P(Bin(n, ½) ≤ k) ≥ α/2) and
 * x₍i₎ the i-th smallest value.  It covers the median of a continuous
 * distribution with probability @coverage, which is at least 1 − α.  When
 * k = 0 (n ≤ 5 at α = 0.05) no finite interval reaches 1 − α and the
 * interval is the whole line.  FALSE if some xᵢ is NaN or α ∉ (0, 1). */
gboolean assay_stats_median_interval  (const double             *x,
                                       gsize                     n,
                                       double                    alpha,
                                       AssayStatsMedianInterval *out);

/* The k of the interval above: qbinom (α/2, n, ½), 0 for n = 0. */
guint    assay_stats_median_interval_rank (gsize  n,
                                           double alpha);

/* The k-th smallest (from 0) of x, which it reorders (Hoare's selection,
 * O(n) expected): afterwards x[k] holds it, x[0..k) nothing larger and
 * x(k..n) nothing smaller.  x must hold no NaN and k < n. */
double   assay_stats_select           (double *x,
                                       gsize   n,
                                       gsize   k);

/* assay_stats_median and assay_stats_median_interval without the sorted
 * copy: the same numbers, in expected linear time, but x is reordered
 * and must hold no NaN.  For callers that test many groups.
 * assay_stats_median_select leaves x split at n/2 as assay_stats_select
 * does, so that the interval's ends can then be selected on either side. */
double   assay_stats_median_select    (double *x,
                                       gsize   n);
void     assay_stats_median_interval_select (double                   *x,
                                             gsize                     n,
                                             double                    alpha,
                                             AssayStatsMedianInterval *out);

G_END_DECLS
