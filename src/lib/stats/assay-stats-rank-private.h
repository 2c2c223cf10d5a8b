/* assay-stats-rank-private.h — the exact counts behind τ-b and ρ together
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

/* A sum of up to 2³¹ products below 2⁶² each, exact: two's complement in
 * 128 bits, hi · 2⁶⁴ + lo. */
typedef struct
{
  guint64 lo;
  gint64  hi;
} AssayExactSum;

static inline void
_assay_exact_sum_add (AssayExactSum *sum,
                      gint64         term)
{
  guint64 old = sum->lo;

  sum->lo += (guint64) term;
  sum->hi += (term < 0 ? -1 : 0) + (sum->lo < old ? 1 : 0);
}

/* Everything τ-b and ρ are computed from, as exact integers: the pairs
 * of accounts tied in x, in y and in both, the discordant pairs, and the
 * sums of products of the centred ranks 2·(rank − (n + 1)/2) (average
 * ranks for ties). */
typedef struct
{
  guint64       x_ties;
  guint64       y_ties;
  guint64       joint_ties;
  guint64       discordant;
  AssayExactSum xx;
  AssayExactSum xy;
  AssayExactSum yy;
} AssayRankCounts;

/* The counts of 2 ≤ n ≤ ASSAY_STATS_RANK_MAX_N values without NaN, by
 * radix sorts (assay-stats-rank-counts.c).  Large inputs use a second
 * thread.  Allocates 28·n bytes, 280 MB at n = 10⁷ (two arrays of n
 * 12-byte (key, index) entries and n 32-bit ranks), and 12 bytes per
 * entry of the largest bucket of the sorts' top digit: a few hundred
 * KB, unless most values share their leading bits. */
void _assay_stats_rank_counts (const double    *x,
                               const double    *y,
                               gsize            n,
                               AssayRankCounts *out);

G_END_DECLS
