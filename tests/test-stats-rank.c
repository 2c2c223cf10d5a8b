/* test-stats-rank.c — Kendall's τ-b, Spearman's ρ and the top k kept against R and naive counts
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

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assay-error.h"
#include "assay-stats-rank.h"

/* Relative.  Both sides compute exact integer sums and round only at
 * the end, so they agree far closer than this. */
#define REL 1e-12

static double
relative_error (double got,
                double want)
{
  if (want == 0)
    return fabs (got);
  return fabs (got - want) / fabs (want);
}

static double *
read_doubles (JsonObject *c,
              const char *member)
{
  JsonArray *a = json_object_get_array_member (c, member);
  double *v = g_new (double, json_array_get_length (a));

  for (guint i = 0; i < json_array_get_length (a); i++)
    v[i] = json_array_get_double_element (a, i);
  return v;
}

/* R's NA is null in the file and NaN here. */
static double
read_statistic (JsonObject *c,
                const char *member)
{
  if (json_object_get_null_member (c, member))
    return NAN;
  return json_object_get_double_member (c, member);
}

static void
check_statistic (const char *name,
                 const char *what,
                 double      got,
                 double      want,
                 double     *worst)
{
  if (isnan (want))
    {
      if (!isnan (got))
        g_error ("%s: %s = %.17g, R says NA", name, what, got);
      return;
    }
  if (!(relative_error (got, want) <= REL))
    g_error ("%s: %s = %.17g, R says %.17g", name, what, got, want);
  *worst = MAX (*worst, relative_error (got, want));
}

static void
check_top_k (const char   *name,
             JsonArray    *top_k,
             const double *x,
             const double *y,
             gsize         n)
{
  for (guint j = 0; j < json_array_get_length (top_k); j++)
    {
      JsonObject *t = json_array_get_object_element (top_k, j);
      gsize k = json_object_get_int_member (t, "k");
      gsize want = json_object_get_int_member (t, "kept");
      g_autoptr(GError) error = NULL;
      gsize kept = G_MAXSIZE;

      g_assert_true (assay_stats_top_k_kept (x, y, n, k, &kept, &error));
      g_assert_no_error (error);
      if (kept != want)
        g_error ("%s: %zu of the top %zu kept, R says %zu", name, kept, k, want);
    }
}

/* assay_stats_rank_agreement () gives both coefficients exactly as the
 * two separate functions do (NaN where they give NaN). */
static void
check_together (const double *x,
                const double *y,
                gsize         n,
                double        tau,
                double        rho)
{
  g_autoptr(GError) error = NULL;
  double both_tau = 0, both_rho = 0;

  g_assert_true (assay_stats_rank_agreement (x, y, n, &both_tau, &both_rho, &error));
  g_assert_no_error (error);
  if (!(both_tau == tau || (isnan (both_tau) && isnan (tau))) ||
      !(both_rho == rho || (isnan (both_rho) && isnan (rho))))
    g_error ("n = %zu: together τ-b %.17g ρ %.17g, apart %.17g %.17g", n, both_tau, both_rho, tau, rho);
}

static void
test_reference (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("ASSAY_TEST_DATA"), "stats",
                                            "rank.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *cases;
  double worst_tau = 0, worst_rho = 0;
  guint n_top_k = 0;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  cases = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "cases");
  g_assert_cmpuint (json_array_get_length (cases), ==, 18);
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      const char *name = json_object_get_string_member (c, "name");
      gsize n = json_object_get_int_member (c, "n");
      g_autofree double *x = read_doubles (c, "x");
      g_autofree double *y = read_doubles (c, "y");
      double tau = 0, rho = 0;

      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (c, "x")), ==, n);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (c, "y")), ==, n);
      g_assert_true (assay_stats_kendall_tau_b (x, y, n, &tau, &error));
      g_assert_no_error (error);
      g_assert_true (assay_stats_spearman_rho (x, y, n, &rho, &error));
      g_assert_no_error (error);
      check_statistic (name, "τ-b", tau, read_statistic (c, "tau_b"), &worst_tau);
      check_statistic (name, "ρ", rho, read_statistic (c, "rho"), &worst_rho);
      check_together (x, y, n, tau, rho);
      check_top_k (name, json_object_get_array_member (c, "top_k"), x, y, n);
      n_top_k += json_array_get_length (json_object_get_array_member (c, "top_k"));
    }
  g_assert_cmpuint (n_top_k, ==, 23);
  g_test_message ("largest relative error: τ-b %.3g, ρ %.3g", worst_tau, worst_rho);
}

static int
sign_of_order (double a,
               double b)
{
  return (a > b) - (a < b);
}

/* τ-b straight from its definition, over all n(n − 1)/2 pairs. */
static double
naive_tau_b (const double *x,
             const double *y,
             gsize         n)
{
  gint64 score = 0, x_untied = 0, y_untied = 0;

  for (gsize i = 0; i < n; i++)
    for (gsize j = i + 1; j < n; j++)
      {
        int sx = sign_of_order (x[i], x[j]);
        int sy = sign_of_order (y[i], y[j]);

        score += sx * sy;
        x_untied += sx != 0;
        y_untied += sy != 0;
      }
  if (x_untied == 0 || y_untied == 0)
    return NAN;
  return score / sqrt ((double) x_untied * (double) y_untied);
}

/* The average rank by counting: 1 + #{below} + (#{equal} − 1)/2. */
static void
naive_ranks (const double *v,
             gsize         n,
             double       *out_ranks)
{
  for (gsize i = 0; i < n; i++)
    {
      gsize below = 0, equal = 0;

      for (gsize j = 0; j < n; j++)
        {
          below += v[j] < v[i];
          equal += v[j] == v[i];
        }
      out_ranks[i] = 1 + below + (equal - 1) / 2.0;
    }
}

/* Pearson's r of the naive ranks, two passes in long double. */
static double
naive_rho (const double *x,
           const double *y,
           gsize         n)
{
  g_autofree double *rx = g_new (double, n);
  g_autofree double *ry = g_new (double, n);
  long double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;

  naive_ranks (x, n, rx);
  naive_ranks (y, n, ry);
  for (gsize i = 0; i < n; i++)
    {
      mx += rx[i];
      my += ry[i];
    }
  mx /= n;
  my /= n;
  for (gsize i = 0; i < n; i++)
    {
      sxy += (rx[i] - mx) * (ry[i] - my);
      sxx += (rx[i] - mx) * (rx[i] - mx);
      syy += (ry[i] - my) * (ry[i] - my);
    }
  if (sxx == 0 || syy == 0)
    return NAN;
  return (double) (sxy / sqrtl (sxx * syy));
}

/* Values from a few dozen levels, some infinite, so that ties of every
 * kind are common; y follows x loosely. */
static void
random_tied_series (GRand  *rand,
                    gsize   n,
                    int     levels,
                    double *x,
                    double *y)
{
  for (gsize i = 0; i < n; i++)
    {
      x[i] = g_rand_int_range (rand, 0, levels) * 0.5;
      y[i] = x[i] + g_rand_int_range (rand, -levels / 4 - 1, levels / 4 + 1);
      if (g_rand_int_range (rand, 0, 200) == 0)
        x[i] = g_rand_boolean (rand) ? INFINITY : -INFINITY;
    }
}

static void
check_against_naive (GRand *rand,
                     gsize  n,
                     int    levels)
{
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  g_autoptr(GError) error = NULL;
  double tau = 0, rho = 0, want_tau, want_rho;

  random_tied_series (rand, n, levels, x, y);
  g_assert_true (assay_stats_kendall_tau_b (x, y, n, &tau, &error));
  g_assert_no_error (error);
  g_assert_true (assay_stats_spearman_rho (x, y, n, &rho, &error));
  g_assert_no_error (error);
  check_together (x, y, n, tau, rho);
  want_tau = naive_tau_b (x, y, n);
  want_rho = naive_rho (x, y, n);
  if (!(relative_error (tau, want_tau) <= REL) && !(isnan (tau) && isnan (want_tau)))
    g_error ("n = %zu, %d levels: τ-b = %.17g, the pairwise count %.17g", n, levels, tau, want_tau);
  if (!(relative_error (rho, want_rho) <= REL) && !(isnan (rho) && isnan (want_rho)))
    g_error ("n = %zu, %d levels: ρ = %.17g, naive %.17g", n, levels, rho, want_rho);
}

/* Sizes around the insertion runs (32) and merge widths, and n = 3000
 * with few and with many levels. */
static void
test_naive (void)
{
  static const gsize sizes[] = { 2, 3, 17, 31, 32, 33, 64, 65, 100, 1000, 3000 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (int levels = 2; levels <= 512; levels *= 4)
      check_against_naive (rand, sizes[i], levels);
}

/* A million values already in order, reversed, and in tied blocks: no
 * recursion to run out of, and the counts stay exact. */
static void
test_large_orders (void)
{
  gsize n = 1000000;
  g_autofree double *up = g_new (double, n);
  g_autofree double *down = g_new (double, n);
  g_autofree double *blocks = g_new (double, n);
  g_autoptr(GError) error = NULL;
  double tau = 0, rho = 0;

  for (gsize i = 0; i < n; i++)
    {
      up[i] = i;
      down[i] = n - i;
      blocks[i] = i / 1000;
    }
  g_assert_true (assay_stats_kendall_tau_b (up, down, n, &tau, &error));
  g_assert_cmpfloat (tau, ==, -1);
  g_assert_true (assay_stats_spearman_rho (up, down, n, &rho, &error));
  g_assert_cmpfloat (rho, ==, -1);
  g_assert_true (assay_stats_kendall_tau_b (up, up, n, &tau, &error));
  g_assert_cmpfloat (tau, ==, 1);
  g_assert_true (assay_stats_spearman_rho (up, up, n, &rho, &error));
  g_assert_cmpfloat (rho, ==, 1);
  /* τ-b over 1000 blocks of 1000 tied values each against distinct
   * increasing values: n_c = n₀ − n₁ and n_d = 0, so √((n₀ − n₁)/n₀). */
  g_assert_true (assay_stats_kendall_tau_b (blocks, up, n, &tau, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (tau, sqrt ((499999500000.0 - 1000 * 499500.0) / 499999500000.0),
                                  1e-15);
}

/* The header's Python rule, by sorting all indices. */
static const double *ranking_values;

static int
compare_by_rank (gconstpointer a,
                 gconstpointer b)
{
  gsize ia = *(const gsize *) a, ib = *(const gsize *) b;
  const double *v = ranking_values;

  if (v[ia] != v[ib])
    return v[ia] > v[ib] ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

static gsize *
sorted_by_rank (const double *v,
                gsize         n)
{
  gsize *order = g_new (gsize, n);

  for (gsize i = 0; i < n; i++)
    order[i] = i;
  ranking_values = v;
  qsort (order, n, sizeof *order, compare_by_rank);
  return order;
}

static gsize
naive_top_k_kept (const double *before,
                  const double *after,
                  gsize         n,
                  gsize         k)
{
  g_autofree gsize *b = sorted_by_rank (before, n);
  g_autofree gsize *a = sorted_by_rank (after, n);
  g_autofree gboolean *in_before = g_new0 (gboolean, n);
  gsize kept = 0;

  for (gsize i = 0; i < k; i++)
    in_before[b[i]] = TRUE;
  for (gsize i = 0; i < k; i++)
    kept += in_before[a[i]];
  return kept;
}

/* The tie rule worked out by hand.  Before ranks the indices 0 (9),
 * 2 and 4 (7), 1 and 3 (5), 5 (1); after ranks 5 (8), 1, 3 and 4 (6),
 * 0 (2), 2 (0).  At k = 3 the tie at 6 keeps 3 and drops 4, so none of
 * before's top three {0, 2, 4} stays; at k = 4 {1, 4} do. */
static void
test_top_k_hand (void)
{
  static const double before[] = { 9, 5, 7, 5, 7, 1 };
  static const double after[] = { 2, 6, 0, 6, 6, 8 };
  static const gsize want[] = { 0, 0, 0, 0, 2, 4, 6 };
  g_autoptr(GError) error = NULL;

  for (gsize k = 0; k <= 6; k++)
    {
      gsize kept = G_MAXSIZE;

      g_assert_true (assay_stats_top_k_kept (before, after, 6, k, &kept, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (kept, ==, want[k]);
      g_assert_cmpuint (kept, ==, naive_top_k_kept (before, after, 6, k));
    }
}

static void
test_top_k_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (100);
  gsize n = 20000;
  g_autofree double *before = g_new (double, n);
  g_autofree double *after = g_new (double, n);
  static const gsize ks[] = { 1, 7, 100, 200, 1999, 20000 };

  random_tied_series (rand, n, 300, before, after);
  for (guint i = 0; i < G_N_ELEMENTS (ks); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize kept = G_MAXSIZE;

      g_assert_true (assay_stats_top_k_kept (before, after, n, ks[i], &kept, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (kept, ==, naive_top_k_kept (before, after, n, ks[i]));
    }
}

/* The values where an order of doubles can go wrong: both zeros (equal,
 * though their bits differ), denormals, the extremes, both infinities. */
static const double awkward_values[] = {
  -INFINITY, -1e300, -2.5, -1, -1e-300, -4.9406564584124654e-324, -0.0,
  0.0, 4.9406564584124654e-324, 2.2250738585072009e-308, 1e-300, 1e-10, 1,
  2.5, 1e300, 1.7976931348623157e308, INFINITY,
};

/* How the generated series of test_together_exact () are made. */
typedef enum
{
  SERIES_AWKWARD,       /* x and y from awkward_values: ties of every kind */
  SERIES_ZEROS,         /* x −0.0 or 0.0 (all equal), y ±0.0 or ±1 */
  SERIES_SIGNED_ZEROS,  /* x and y ±0.0 or ±1 or more: ties hidden in the zeros */
  SERIES_ANY_BITS,      /* any non-NaN double, of every magnitude */
  SERIES_SORTED,        /* x and y both increasing */
  SERIES_REVERSED,      /* y decreasing as x increases */
  SERIES_CONSTANT_X,    /* all x equal: both statistics NaN */
  SERIES_CONSTANT_Y,
  N_SERIES
} SeriesKind;

static double
any_bits_double (GRand *rand)
{
  for (;;)
    {
      guint64 bits = (guint64) g_rand_int (rand) << 32 | g_rand_int (rand);
      double v;

      memcpy (&v, &bits, sizeof v);
      if (!isnan (v))
        return v;
    }
}

static double
awkward (GRand *rand)
{
  return awkward_values[g_rand_int_range (rand, 0, G_N_ELEMENTS (awkward_values))];
}

static void
fill_series (GRand      *rand,
             SeriesKind  kind,
             gsize       n,
             double     *x,
             double     *y)
{
  static const double zero_or_one[] = { -1, -0.0, 0.0, 1 };

  for (gsize i = 0; i < n; i++)
    {
      double signed_zero = g_rand_boolean (rand) ? -0.0 : 0.0;

      switch (kind)
        {
        case SERIES_AWKWARD:
          x[i] = awkward (rand);
          y[i] = g_rand_int_range (rand, 0, 4) == 0 ? x[i] : awkward (rand);
          break;
        case SERIES_ZEROS:
          x[i] = signed_zero;
          y[i] = zero_or_one[g_rand_int_range (rand, 0, 4)];
          break;
        case SERIES_SIGNED_ZEROS:
          x[i] = zero_or_one[g_rand_int_range (rand, 0, 4)];
          y[i] = g_rand_boolean (rand) ? zero_or_one[g_rand_int_range (rand, 0, 4)]
                                       : g_rand_int_range (rand, 2, 8);
          break;
        case SERIES_ANY_BITS:
          x[i] = any_bits_double (rand);
          y[i] = g_rand_boolean (rand) ? -x[i] : any_bits_double (rand);
          break;
        case SERIES_SORTED:
          x[i] = i / 3;
          y[i] = (double) i - n / 2.0;
          break;
        case SERIES_REVERSED:
          x[i] = -1e300 + i * 1e285;
          y[i] = (double) (n - i) / 7;
          break;
        case SERIES_CONSTANT_X:
          x[i] = -0.0;
          y[i] = g_rand_int_range (rand, 0, 5);
          break;
        case SERIES_CONSTANT_Y:
          x[i] = g_rand_double (rand);
          y[i] = 1e-300;
          break;
        case N_SERIES:
        default:
          g_assert_not_reached ();
        }
    }
}

/* assay_stats_rank_agreement () takes its counts by radix sorts of the
 * values' bits and in two threads from a few ten thousand values; the
 * two separate functions compare the doubles themselves, one thread.
 * Equal counts give equal doubles: compared with ==, at sizes from 2 to
 * past the threads' threshold. */
static void
test_together_exact (void)
{
  static const gsize sizes[] = { 2, 3, 4, 17, 100, 1000, 70000, 300000 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (29);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (SeriesKind kind = 0; kind < N_SERIES; kind++)
      {
        gsize n = sizes[s];
        g_autofree double *x = g_new (double, n);
        g_autofree double *y = g_new (double, n);
        g_autoptr(GError) error = NULL;
        double tau = 0, rho = 0;

        fill_series (rand, kind, n, x, y);
        g_assert_true (assay_stats_kendall_tau_b (x, y, n, &tau, &error));
        g_assert_true (assay_stats_spearman_rho (x, y, n, &rho, &error));
        g_assert_no_error (error);
        /* From 100 values on, the NaN cases are NaN, and only they (a
         * few random values may all be equal). */
        if (n >= 100)
          g_assert_cmpint (isnan (tau), ==, (kind == SERIES_ZEROS || kind >= SERIES_CONSTANT_X));
        g_assert_cmpint (isnan (rho), ==, isnan (tau));
        check_together (x, y, n, tau, rho);
      }
}

static void
test_undefined_and_refused (void)
{
  static const double one[] = { 4 };
  static const double with_nan[] = { 1, 2, NAN };
  static const double fine[] = { 3, 1, 2 };
  g_autoptr(GError) error = NULL;
  double stat = 0;
  gsize kept = 0;

  g_assert_true (assay_stats_kendall_tau_b (one, one, 1, &stat, &error));
  g_assert_true (isnan (stat));
  g_assert_true (assay_stats_spearman_rho (NULL, NULL, 0, &stat, &error));
  g_assert_true (isnan (stat));
  g_assert_no_error (error);

  g_assert_false (assay_stats_kendall_tau_b (fine, with_nan, 3, &stat, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "3"));
  g_clear_error (&error);
  g_assert_false (assay_stats_spearman_rho (with_nan, fine, 3, &stat, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (assay_stats_top_k_kept (fine, with_nan, 3, 1, &kept, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (assay_stats_top_k_kept (fine, fine, 3, 4, &kept, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (assay_stats_top_k_kept (fine, fine, 3, 3, &kept, &error));
  g_assert_cmpuint (kept, ==, 3);
  /* The size is refused before any value is read. */
  g_assert_false (assay_stats_spearman_rho (fine, fine, ASSAY_STATS_RANK_MAX_N + 1, &stat, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stats/rank/reference", test_reference);
  g_test_add_func ("/stats/rank/naive", test_naive);
  g_test_add_func ("/stats/rank/large-orders", test_large_orders);
  g_test_add_func ("/stats/rank/together-exact", test_together_exact);
  g_test_add_func ("/stats/rank/top-k-hand", test_top_k_hand);
  g_test_add_func ("/stats/rank/top-k-random", test_top_k_random);
  g_test_add_func ("/stats/rank/undefined-and-refused", test_undefined_and_refused);
  return g_test_run ();
}
