/* assay-stats-rank.c — rank agreement: Kendall's τ-b, Spearman's ρ, the top k kept
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

#include "assay-stats-rank.h"
#include "assay-stats-rank-private.h"

#include "assay-error.h"
#include "assay-large.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* Both sorts order pairs lexicographically: Kendall's by (x, y), then
 * by y alone (second = 0); Spearman's by (value, position), so that
 * every sort is a total order and needs no stability argument. */
typedef struct
{
  double first;
  double second;
} RankPair;

/* An account in a top k: ranked by value, then by the lower index. */
typedef struct
{
  double value;
  gsize  index;
} Ranked;

/* Insertion sort fills runs of this length before the merges start:
 * below it, moving elements is cheaper than merging them. */
#define INSERTION_RUN 32

static inline gboolean
pair_less (const RankPair *a,
           const RankPair *b)
{
  return a->first < b->first || (a->first == b->first && a->second < b->second);
}

/* Sorts @a[0..len) and returns how many pairs (i < j) it found out of
 * order, each of which a shift passes over exactly once. */
static guint64
insertion_sort (RankPair *a,
                gsize     len)
{
  guint64 inversions = 0;

  for (gsize i = 1; i < len; i++)
    {
      RankPair v = a[i];
      gsize j = i;

      while (j > 0 && pair_less (&v, &a[j - 1]))
        {
          a[j] = a[j - 1];
          j--;
        }
      a[j] = v;
      inversions += i - j;
    }
  return inversions;
}

/* Merges src[lo..mid) and src[mid..hi) into dst[lo..hi).  When the right
 * run's head is strictly smaller it jumps every element still waiting in
 * the left run: that many inversions.  Equal elements are taken from the
 * left, so ties are never counted. */
static guint64
merge_runs (const RankPair *src,
            gsize           lo,
            gsize           mid,
            gsize           hi,
            RankPair       *dst)
{
  guint64 inversions = 0;
  gsize i = lo, j = mid, k = lo;

  while (i < mid && j < hi)
    {
      if (pair_less (&src[j], &src[i]))
        {
          inversions += mid - i;
          dst[k++] = src[j++];
        }
      else
        dst[k++] = src[i++];
    }
  memcpy (dst + k, src + i, (mid - i) * sizeof *dst);
  k += mid - i;
  memcpy (dst + k, src + j, (hi - j) * sizeof *dst);
  return inversions;
}

/* Bottom-up merge sort of @a with @scratch (n pairs), no recursion.
 * Returns the number of inversions (pairs i < j with a[j] < a[i]), which
 * is the number of discordant pairs when @a was sorted by x beforehand. */
static guint64
sort_pairs (RankPair *a,
            RankPair *scratch,
            gsize     n)
{
  RankPair *src = a, *dst = scratch;
  guint64 inversions = 0;

  for (gsize lo = 0; lo < n; lo += INSERTION_RUN)
    inversions += insertion_sort (a + lo, MIN (INSERTION_RUN, n - lo));
  for (gsize width = INSERTION_RUN; width < n; width *= 2)
    {
      RankPair *tmp;

      for (gsize lo = 0; lo < n; lo += 2 * width)
        inversions += merge_runs (src, lo, MIN (lo + width, n), MIN (lo + 2 * width, n), dst);
      tmp = src;
      src = dst;
      dst = tmp;
    }
  if (src != a)
    memcpy (a, src, n * sizeof *a);
  return inversions;
}

/* Pairs tied on the first member (and on the second too if
 * @both_members): Σ t(t − 1)/2 over the runs of t equal ones of sorted @a. */
static guint64
tied_pairs (const RankPair *a,
            gsize           n,
            gboolean        both_members)
{
  guint64 tied = 0;
  gsize start = 0;

  for (gsize i = 1; i <= n; i++)
    {
      if (i < n && a[i].first == a[start].first
          && (!both_members || a[i].second == a[start].second))
        continue;
      tied += (guint64) (i - start) * (i - start - 1) / 2;
      start = i;
    }
  return tied;
}

/* Converted through the magnitude, so that a small negative sum
 * (hi = −1, lo near 2⁶⁴) does not lose its digits. */
static double
exact_sum_to_double (AssayExactSum sum)
{
  gboolean negative = sum.hi < 0;
  double magnitude;

  if (negative)
    {
      sum.lo = ~sum.lo + 1;
      sum.hi = ~sum.hi + (sum.lo == 0 ? 1 : 0);
    }
  magnitude = ldexp ((double) (guint64) sum.hi, 64) + (double) sum.lo;
  return negative ? -magnitude : magnitude;
}

/* NaN has no place in an order.  @series is the parameter's name. */
static gboolean
check_series (const double  *v,
              gsize          n,
              const char    *series,
              GError       **error)
{
  if (n > ASSAY_STATS_RANK_MAX_N)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("A rank statistic takes at most %zu values; it was given %zu."),
                   ASSAY_STATS_RANK_MAX_N, n);
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    if (isnan (v[i]))
      {
        g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                     /* Translators: %s is a parameter's name: x, y, before or after. */
                     _("Value %zu of %s is not a number; a rank statistic needs values "
                       "that can be ordered."),
                     i + 1, series);
        return FALSE;
      }
  return TRUE;
}

static gboolean
check_two_series (const double  *x,
                  const char    *x_name,
                  const double  *y,
                  const char    *y_name,
                  gsize          n,
                  GError       **error)
{
  return check_series (x, n, x_name, error) && check_series (y, n, y_name, error);
}

/* (n_c − n_d) / √((n₀ − n₁)(n₀ − n₂)) from the counts of Knight's passes. */
static double
tau_b_from_counts (gsize   n,
                   guint64 x_ties,
                   guint64 y_ties,
                   guint64 joint_ties,
                   guint64 discordant)
{
  guint64 pairs = (guint64) n * (n - 1) / 2;
  gint64 score;

  if (n < 2 || x_ties == pairs || y_ties == pairs)
    return NAN;
  score = (gint64) (pairs - x_ties - y_ties + joint_ties) - 2 * (gint64) discordant;
  return (double) score / sqrt ((double) (pairs - x_ties) * (double) (pairs - y_ties));
}

/* Sorts @v by (value, position) into @pairs, positions kept as doubles
 * (exact below 2⁵³). */
static void
sort_for_ranks (const double *v,
                gsize         n,
                RankPair     *pairs,
                RankPair     *scratch)
{
  for (gsize i = 0; i < n; i++)
    pairs[i] = (RankPair) { v[i], (double) i };
  sort_pairs (pairs, scratch, n);
}

/* The run of equal values at sorted places start … end − 1 (0-based)
 * shares the average rank (start + 1 + end)/2; twice its distance from
 * the mean rank (n + 1)/2 is the integer start + end − n. */
static gint32
run_centred_rank (gsize start,
                  gsize end,
                  gsize n)
{
  return (gint32) ((gint64) start + (gint64) end - (gint64) n);
}

/* Stores 2·(rank − (n + 1)/2) of each x by position; returns its sum of squares. */
static AssayExactSum
centred_ranks (const RankPair *sorted,
               gsize           n,
               gint32         *out_ranks)
{
  AssayExactSum squares = { 0, 0 };
  gsize start = 0;

  for (gsize i = 1; i <= n; i++)
    {
      gint32 c;

      if (i < n && sorted[i].first == sorted[start].first)
        continue;
      c = run_centred_rank (start, i, n);
      for (gsize p = start; p < i; p++)
        {
          out_ranks[(gsize) sorted[p].second] = c;
          _assay_exact_sum_add (&squares, (gint64) c * c);
        }
      start = i;
    }
  return squares;
}

/* Walks y's runs as centred_ranks () does x's, summing the cross
 * products with the x ranks and y's own squares. */
static void
cross_products (const RankPair *sorted,
                gsize           n,
                const gint32   *x_ranks,
                AssayExactSum  *out_xy,
                AssayExactSum  *out_yy)
{
  gsize start = 0;

  for (gsize i = 1; i <= n; i++)
    {
      gint32 c;

      if (i < n && sorted[i].first == sorted[start].first)
        continue;
      c = run_centred_rank (start, i, n);
      for (gsize p = start; p < i; p++)
        {
          _assay_exact_sum_add (out_xy, (gint64) c * x_ranks[(gsize) sorted[p].second]);
          _assay_exact_sum_add (out_yy, (gint64) c * c);
        }
      start = i;
    }
}

static inline gboolean
ranks_above (const Ranked *a,
             const Ranked *b)
{
  return a->value > b->value || (a->value == b->value && a->index < b->index);
}

/* The heap keeps its lowest-ranked member at the root, the one the next
 * better account pushes out. */
static void
heap_sift_down (Ranked *heap,
                gsize   len,
                gsize   i)
{
  for (;;)
    {
      gsize lowest = i, left = 2 * i + 1, right = 2 * i + 2;
      Ranked tmp;

      if (left < len && ranks_above (&heap[lowest], &heap[left]))
        lowest = left;
      if (right < len && ranks_above (&heap[lowest], &heap[right]))
        lowest = right;
      if (lowest == i)
        return;
      tmp = heap[i];
      heap[i] = heap[lowest];
      heap[lowest] = tmp;
      i = lowest;
    }
}

static void
heap_sift_up (Ranked *heap,
              gsize   i)
{
  while (i > 0 && ranks_above (&heap[(i - 1) / 2], &heap[i]))
    {
      Ranked tmp = heap[i];

      heap[i] = heap[(i - 1) / 2];
      heap[(i - 1) / 2] = tmp;
      i = (i - 1) / 2;
    }
}

static int
compare_index (gconstpointer a,
               gconstpointer b)
{
  gsize ia = ((const Ranked *) a)->index;
  gsize ib = ((const Ranked *) b)->index;

  return ia < ib ? -1 : ia > ib;
}

/* Fills @top with the k highest-ranked accounts of @v, then sorts them
 * by index for the intersection. */
static void
top_k (const double *v,
       gsize         n,
       gsize         k,
       Ranked       *top)
{
  gsize len = 0;

  if (k == 0)
    return;
  for (gsize i = 0; i < n; i++)
    {
      Ranked candidate = { v[i], i };

      if (len < k)
        {
          top[len] = candidate;
          heap_sift_up (top, len++);
        }
      else if (ranks_above (&candidate, &top[0]))
        {
          top[0] = candidate;
          heap_sift_down (top, k, 0);
        }
    }
  qsort (top, k, sizeof *top, compare_index);
}

/* The accounts in both tops, walking the two lists sorted by index. */
static gsize
count_common (const Ranked *a,
              const Ranked *b,
              gsize         k)
{
  gsize common = 0;

  for (gsize i = 0, j = 0; i < k && j < k;)
    {
      if (a[i].index == b[j].index)
        {
          common++;
          i++;
          j++;
        }
      else if (a[i].index < b[j].index)
        i++;
      else
        j++;
    }
  return common;
}

/* Knight's passes over n ≥ 2 checked values. */
static double
tau_b_by_knight (const double *x,
                 const double *y,
                 gsize         n)
{
  g_autofree RankPair *pairs = assay_large_new (RankPair, n);
  g_autofree RankPair *scratch = assay_large_new (RankPair, n);
  guint64 x_ties, joint_ties, y_ties, discordant;

  for (gsize i = 0; i < n; i++)
    pairs[i] = (RankPair) { x[i], y[i] };
  sort_pairs (pairs, scratch, n);
  x_ties = tied_pairs (pairs, n, FALSE);
  joint_ties = tied_pairs (pairs, n, TRUE);
  /* In (x, y) order the y of tied x ascend, so every inversion left in y
   * is a pair with x strictly increasing and y strictly decreasing. */
  for (gsize i = 0; i < n; i++)
    pairs[i] = (RankPair) { pairs[i].second, 0 };
  discordant = sort_pairs (pairs, scratch, n);
  y_ties = tied_pairs (pairs, n, FALSE);
  return tau_b_from_counts (n, x_ties, y_ties, joint_ties, discordant);
}

/* Pearson's r of the average ranks of n ≥ 2 checked values. */
static double
rho_by_ranks (const double *x,
              const double *y,
              gsize         n)
{
  g_autofree RankPair *pairs = assay_large_new (RankPair, n);
  g_autofree RankPair *scratch = assay_large_new (RankPair, n);
  g_autofree gint32 *x_ranks = assay_large_new (gint32, n);
  AssayExactSum xx, xy = { 0, 0 }, yy = { 0, 0 };
  double sxx, syy;

  sort_for_ranks (x, n, pairs, scratch);
  xx = centred_ranks (pairs, n, x_ranks);
  sort_for_ranks (y, n, pairs, scratch);
  cross_products (pairs, n, x_ranks, &xy, &yy);
  sxx = exact_sum_to_double (xx);
  syy = exact_sum_to_double (yy);
  /* All x equal (or all y): every centred rank is 0. */
  if (sxx == 0 || syy == 0)
    return NAN;
  return exact_sum_to_double (xy) / sqrt (sxx * syy);
}

/* Both coefficients from the exact counts that _assay_stats_rank_counts ()
 * takes by radix sorts, with the formulas of the two functions above. */
static void
tau_and_rho (const double *x,
             const double *y,
             gsize         n,
             double       *out_tau,
             double       *out_rho)
{
  AssayRankCounts counts;
  double sxx, syy;

  _assay_stats_rank_counts (x, y, n, &counts);
  *out_tau = tau_b_from_counts (n, counts.x_ties, counts.y_ties, counts.joint_ties,
                                counts.discordant);
  sxx = exact_sum_to_double (counts.xx);
  syy = exact_sum_to_double (counts.yy);
  *out_rho = sxx == 0 || syy == 0 ? NAN : exact_sum_to_double (counts.xy) / sqrt (sxx * syy);
}

gboolean
assay_stats_rank_agreement (const double  *x,
                            const double  *y,
                            gsize          n,
                            double        *out_tau,
                            double        *out_rho,
                            GError       **error)
{
  g_return_val_if_fail (n == 0 || (x != NULL && y != NULL), FALSE);
  g_return_val_if_fail (out_tau != NULL && out_rho != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_two_series (x, "x", y, "y", n, error))
    return FALSE;
  if (n < 2)
    *out_tau = *out_rho = NAN;
  else
    tau_and_rho (x, y, n, out_tau, out_rho);
  return TRUE;
}

gboolean
assay_stats_kendall_tau_b (const double  *x,
                           const double  *y,
                           gsize          n,
                           double        *out_tau,
                           GError       **error)
{
  g_return_val_if_fail (n == 0 || (x != NULL && y != NULL), FALSE);
  g_return_val_if_fail (out_tau != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_two_series (x, "x", y, "y", n, error))
    return FALSE;
  *out_tau = n < 2 ? NAN : tau_b_by_knight (x, y, n);
  return TRUE;
}

gboolean
assay_stats_spearman_rho (const double  *x,
                          const double  *y,
                          gsize          n,
                          double        *out_rho,
                          GError       **error)
{
  g_return_val_if_fail (n == 0 || (x != NULL && y != NULL), FALSE);
  g_return_val_if_fail (out_rho != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_two_series (x, "x", y, "y", n, error))
    return FALSE;
  *out_rho = n < 2 ? NAN : rho_by_ranks (x, y, n);
  return TRUE;
}

gboolean
assay_stats_top_k_kept (const double  *before,
                        const double  *after,
                        gsize          n,
                        gsize          k,
                        gsize         *out_kept,
                        GError       **error)
{
  g_autofree Ranked *top_before = NULL;
  g_autofree Ranked *top_after = NULL;

  g_return_val_if_fail (n == 0 || (before != NULL && after != NULL), FALSE);
  g_return_val_if_fail (out_kept != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_two_series (before, "before", after, "after", n, error))
    return FALSE;
  if (k > n)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The top %zu cannot be taken from only %zu accounts."), k, n);
      return FALSE;
    }
  top_before = g_new (Ranked, MAX (k, 1));
  top_after = g_new (Ranked, MAX (k, 1));
  top_k (before, n, k, top_before);
  top_k (after, n, k, top_after);
  *out_kept = count_common (top_before, top_after, k);
  return TRUE;
}
