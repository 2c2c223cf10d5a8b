/* assay-stats-rank.h — rank agreement: Kendall's τ-b, Spearman's ρ, the top k kept
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

/* How far the accounts' order agrees before and after a change (the
 * what-if of a change of weights, issue 13).  x[i] and y[i] (before[i] and
 * after[i]) belong to the same account i.
 *
 * All three refuse a NaN (it has no place in an order; ±∞ are ordered and
 * allowed) and more than ASSAY_STATS_RANK_MAX_N values, with an error.
 * Kendall and Spearman store NaN, as R's cor gives NA, where the statistic
 * is undefined: fewer than two values, or all x equal, or all y equal.
 *
 * They run in O(n log n) time with bottom-up merge sorts and radix sorts
 * (no recursion, so no depth limit).  Each says what it allocates (and
 * frees before it returns); g_new aborts if the memory is not there. */

/* 2³¹ − 1: the sorts keep positions as doubles or 32-bit integers, a run
 * of tied values' start + end fits in 32 bits, and the sums stay exact in
 * 64-bit integers. */
#define ASSAY_STATS_RANK_MAX_N ((gsize) G_MAXINT32)

/* Kendall's τ-b, as R's cor (x, y, method = "kendall"):
 *
 *   τ-b = (n_c − n_d) / √((n₀ − n₁)(n₀ − n₂))
 *
 * over the n₀ = n(n − 1)/2 pairs of accounts: n_c pairs ordered the same
 * way by x and by y (concordant), n_d the opposite way (discordant), n₁
 * pairs tied in x, n₂ pairs tied in y (a pair tied in both counts in n₁
 * and in n₂ and is neither concordant nor discordant).  Knight's
 * algorithm (1966): sort the pairs by (x, y), count the x ties and the
 * joint ties n₃, sort by y counting the swaps (n_d), count the y ties;
 * n_c − n_d = n₀ − n₁ − n₂ + n₃ − 2·n_d.  The counts are exact 64-bit
 * integers; only the last division and square root round.
 * Allocates two arrays of n (x, y) pairs: 32·n bytes, 320 MB at n = 10⁷. */
gboolean assay_stats_kendall_tau_b (const double  *x,
                                    const double  *y,
                                    gsize          n,
                                    double        *out_tau,
                                    GError       **error);

/* Spearman's ρ, as R's cor (x, y, method = "spearman"): Pearson's
 * correlation of the ranks, tied values sharing the average of the ranks
 * they span (R's rank (ties.method = "average")):
 *
 *   ρ = Σ (rxᵢ − r̄)(ryᵢ − r̄) / √(Σ (rxᵢ − r̄)² · Σ (ryᵢ − r̄)²),  r̄ = (n + 1)/2
 *
 * The sums are exact: they are taken over 2·(r − r̄), an integer, in
 * 128 bits; only the last division and square root round.
 * Allocates two arrays of n (value, position) pairs and n 32-bit ranks:
 * 36·n bytes, 360 MB at n = 10⁷. */
gboolean assay_stats_spearman_rho  (const double  *x,
                                    const double  *y,
                                    gsize          n,
                                    double        *out_rho,
                                    GError       **error);

/* Kendall's τ-b and Spearman's ρ together, exactly as the two functions
 * above give them (the same integer counts, so the same doubles), faster:
 * x and y are radix sorted on their bits, each in its own thread, and
 * Knight's discordant pairs counted as the inversions of y's 32-bit ranks
 * in (x, y) order (assay-stats-rank-counts.c).  The functions above stay
 * the simpler reference that the tests hold it to.  Uses a second thread
 * from 65,536 values on.  Allocates about 28·n bytes, 280 MB at n = 10⁷. */
gboolean assay_stats_rank_agreement (const double  *x,
                                     const double  *y,
                                     gsize          n,
                                     double        *out_tau,
                                     double        *out_rho,
                                     GError       **error);

/* How many of the k accounts ranked highest by @before are among the k
 * ranked highest by @after.  The ranking: by value, highest first, and
 * among equal values the lower index first, so that a tie at the k-th
 * place is broken the same way every time.  In Python:
 *
 *   top = lambda v: set (sorted (range (n), key = lambda i: (-v[i], i))[:k])
 *   kept = len (top (before) & top (after))
 *
 * k = 0 keeps 0; k > n is an error.  The caller chooses k (100, or 1 % of
 * the accounts).  O(n log k) with a heap of the k best; allocates two
 * arrays of k (value, index) pairs: 32·k bytes. */
gboolean assay_stats_top_k_kept    (const double  *before,
                                    const double  *after,
                                    gsize          n,
                                    gsize          k,
                                    gsize         *out_kept,
                                    GError       **error);

G_END_DECLS
