/* test-stats.c — the stats layer against reference values computed with R
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

#include <float.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "assay-error.h"
#include "assay-stats-binomial.h"
#include "assay-stats-chisq.h"
#include "assay-stats-intervals.h"
#include "assay-stats-median.h"
#include "assay-stats-multiplicity.h"
#include "assay-stats-quantreg.h"
#include "assay-stats-sampling.h"

/* The tolerance of every floating-point comparison with R: relative, as
 * the issue asks.  Counts, indices, degrees of freedom, bounds on a number
 * of errors and sample sizes are integers and compared exactly. */
#define REL 1e-9

static JsonObject *reference;

/* Each file of tests/data/stats/reference.json read once. */
static JsonArray *
section (const char *name)
{
  JsonArray *array = json_object_get_array_member (reference, name);

  g_assert_nonnull (array);
  g_assert_cmpuint (json_array_get_length (array), >, 0);
  return array;
}

/* A number, or ±∞ for the nulls by which the script writes infinities
 * (@null_value says which). */
static double
number (JsonObject *o,
        const char *member,
        double      null_value)
{
  JsonNode *node = json_object_get_member (o, member);

  g_assert_nonnull (node);
  if (JSON_NODE_HOLDS_NULL (node))
    return null_value;
  return json_node_get_double (node);
}

static guint
count (JsonObject *o,
       const char *member)
{
  gint64 v = json_object_get_int_member (o, member);

  g_assert_cmpint (v, >=, 0);
  return (guint) v;
}

static double *
vector (JsonObject *o,
        const char *member,
        gsize      *out_n)
{
  JsonArray *a = json_object_get_array_member (o, member);
  gsize n = json_array_get_length (a);
  double *v = g_new (double, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    v[i] = json_array_get_double_element (a, i);
  *out_n = n;
  return v;
}

static AssayStatsAlternative
alternative (JsonObject *o)
{
  const char *name = json_object_get_string_member (o, "alternative");

  if (g_str_equal (name, "less"))
    return ASSAY_STATS_LESS;
  if (g_str_equal (name, "greater"))
    return ASSAY_STATS_GREATER;
  g_assert_cmpstr (name, ==, "two-sided");
  return ASSAY_STATS_TWO_SIDED;
}

#define assert_close(got, want) assert_close_at (G_STRLOC, #got, (got), (want))

static void
assert_close_at (const char *where,
                 const char *what,
                 double      got,
                 double      want)
{
  gboolean ok;

  if (isinf (want) || want == 0)
    ok = got == want;
  else if (isnan (want))
    ok = isnan (got);
  else
    ok = fabs (got - want) <= REL * fabs (want);
  if (!ok)
    g_error ("%s: %s = %.17g, R gives %.17g (relative error %.3g)",
             where, what, got, want, fabs (got - want) / fabs (want));
}

static void
test_binomial (void)
{
  JsonArray *cases = section ("binom");

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      guint k = count (c, "k");
      guint n = count (c, "n");
      double p = number (c, "p", NAN);

      assert_close (assay_stats_binom_pmf (k, n, p), number (c, "pmf", NAN));
      assert_close (assay_stats_binom_cdf (k, n, p), number (c, "cdf", NAN));
      assert_close (assay_stats_binom_sf (k, n, p), number (c, "sf", NAN));
      assert_close (assay_stats_binom_test (k, n, p, ASSAY_STATS_LESS), number (c, "less", NAN));
      assert_close (assay_stats_binom_test (k, n, p, ASSAY_STATS_GREATER),
                    number (c, "greater", NAN));
      assert_close (assay_stats_binom_test (k, n, p, ASSAY_STATS_TWO_SIDED),
                    number (c, "two_sided", NAN));
    }
}

static void
test_sign (void)
{
  JsonArray *cases = section ("sign_test");

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      gsize n;
      g_autofree double *x = vector (c, "x", &n);
      AssayStatsSignTest t;

      g_assert_true (assay_stats_sign_test (x, n, number (c, "mu", NAN), &t));
      g_assert_cmpuint (t.n_positive, ==, count (c, "s"));
      g_assert_cmpuint (t.n_nonzero, ==, count (c, "n"));
      assert_close (t.p_below, number (c, "p_below", NAN));
      assert_close (t.p_above, number (c, "p_above", NAN));
      assert_close (t.p_two_sided, number (c, "p_two", NAN));
    }
}

static void
test_sign_nan (void)
{
  const double x[] = { 1, NAN, 2 };
  AssayStatsSignTest t = { 7, 7, 7, 7, 7 };

  g_assert_false (assay_stats_sign_test (x, G_N_ELEMENTS (x), 0, &t));
  g_assert_cmpuint (t.n_positive, ==, 7);
}

/* The median is a value of the data or the mean of two, so it is compared
 * exactly; the interval's bounds are data values and its k an integer.
 * Only the coverage is a computed probability. */
static void
test_median (void)
{
  JsonArray *cases = section ("median");

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      gsize n;
      g_autofree double *x = vector (c, "x", &n);
      AssayStatsMedianInterval ci;
      double median = assay_stats_median (x, n);

      if (n == 0)
        g_assert_true (isnan (median));
      else
        g_assert_cmpfloat (median, ==, number (c, "median", NAN));
      g_assert_true (assay_stats_median_interval (x, n, number (c, "alpha", NAN), &ci));
      g_assert_cmpuint (ci.k, ==, count (c, "k"));
      g_assert_cmpfloat (ci.lower, ==, number (c, "lower", -INFINITY));
      g_assert_cmpfloat (ci.upper, ==, number (c, "upper", INFINITY));
      assert_close (ci.coverage, number (c, "coverage", NAN));
      g_assert_cmpfloat (ci.coverage, >=, 1 - number (c, "alpha", NAN));
    }
}

static void
test_median_bad_input (void)
{
  const double x[] = { 3, NAN, 1 };
  AssayStatsMedianInterval ci;

  g_assert_true (isnan (assay_stats_median (x, G_N_ELEMENTS (x))));
  g_assert_false (assay_stats_median_interval (x, G_N_ELEMENTS (x), 0.05, &ci));
  g_assert_false (assay_stats_median_interval (x, 1, 0, &ci));
  g_assert_false (assay_stats_median_interval (x, 1, 1, &ci));
}

static void
test_p_adjust (void)
{
  JsonArray *cases = section ("p_adjust");

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      gsize n, n_holm, n_bh;
      g_autofree double *p = vector (c, "p", &n);
      g_autofree double *holm = vector (c, "holm", &n_holm);
      g_autofree double *bh = vector (c, "bh", &n_bh);
      g_autofree double *got = g_new (double, n);

      g_assert_cmpuint (n_holm, ==, n);
      g_assert_cmpuint (n_bh, ==, n);
      assay_stats_p_adjust_holm (p, n, got);
      for (gsize j = 0; j < n; j++)
        assert_close (got[j], holm[j]);
      assay_stats_p_adjust_bh (p, n, got);
      for (gsize j = 0; j < n; j++)
        assert_close (got[j], bh[j]);
    }
}

/* R's NA: not adjusted, not counted; and the output may be the input. */
static void
test_p_adjust_nan (void)
{
  double p[] = { 0.01, NAN, 0.04 };

  assay_stats_p_adjust_holm (p, G_N_ELEMENTS (p), p);
  assert_close (p[0], 0.02);
  g_assert_true (isnan (p[1]));
  assert_close (p[2], 0.04);
}

static void
test_interval_section (const char *name,
                       void (*interval) (guint, guint, double, AssayStatsAlternative,
                                         double *, double *))
{
  JsonArray *cases = section (name);

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      double lower = -1, upper = -1;

      interval (count (c, "x"), count (c, "n"), number (c, "conf", NAN), alternative (c),
                &lower, &upper);
      assert_close (lower, number (c, "lower", NAN));
      assert_close (upper, number (c, "upper", NAN));
    }
}

static void
test_clopper_pearson (void)
{
  test_interval_section ("clopper_pearson", assay_stats_clopper_pearson);
}

/* Where the bounds have closed forms (R's too, checked above): with
 * a = α/2, x = 0 gives the upper bound 1 − a^(1/n), x = n the lower bound
 * a^(1/n), and x = 1 the lower bound 1 − (1 − a)^(1/n).  Up to n = 10⁷,
 * where a general-purpose beta inverse (SciPy's, GSL's) loses digits. */
static void
test_clopper_pearson_closed_form (void)
{
  const guint sizes[] = { 1, 2, 10, 1000, 1000000, 10000000 };
  const double a = 0.025;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      guint n = sizes[i];
      double lower, upper;

      assay_stats_clopper_pearson (0, n, 0.95, ASSAY_STATS_TWO_SIDED, &lower, &upper);
      g_assert_cmpfloat (lower, ==, 0);
      assert_close (upper, -expm1 (log (a) / n));
      assay_stats_clopper_pearson (n, n, 0.95, ASSAY_STATS_TWO_SIDED, &lower, &upper);
      assert_close (lower, exp (log (a) / n));
      g_assert_cmpfloat (upper, ==, 1);
      assay_stats_clopper_pearson (1, n, 0.95, ASSAY_STATS_TWO_SIDED, &lower, &upper);
      assert_close (lower, -expm1 (log1p (-a) / n));
    }
}

static void
test_wilson (void)
{
  test_interval_section ("wilson", assay_stats_wilson);
}

static void
test_hypergeometric (void)
{
  JsonArray *cases = section ("hyper_upper");

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      g_autoptr(GError) error = NULL;
      guint upper = 0;

      g_assert_true (assay_stats_hypergeometric_upper (count (c, "population"),
                                                       count (c, "sample"), count (c, "errors"),
                                                       number (c, "conf", NAN), &upper, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (upper, ==, count (c, "upper"));
    }
}

static void
test_hypergeometric_bad_input (void)
{
  g_autoptr(GError) error = NULL;
  guint upper = 12345;

  g_assert_false (assay_stats_hypergeometric_upper (1000, 100, 101, 0.95, &upper, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (assay_stats_hypergeometric_upper (99, 100, 1, 0.95, &upper, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (assay_stats_hypergeometric_upper (1000, 100, 1, 1, &upper, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (upper, ==, 12345);
}

static void
test_chisq (void)
{
  JsonArray *cases = section ("chisq");

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      g_autoptr(GError) error = NULL;
      gsize n, n_p;
      g_autofree double *x = vector (c, "x", &n);
      g_autofree double *p = vector (c, "p", &n_p);
      AssayStatsChisq t;

      g_assert_cmpuint (n, ==, n_p);
      g_assert_true (assay_stats_chisq_gof (x, p, n, &t, &error));
      g_assert_no_error (error);
      assert_close (t.statistic, number (c, "statistic", NAN));
      g_assert_cmpuint (t.df, ==, count (c, "df"));
      assert_close (t.p_value, number (c, "p_value", NAN));
    }
}

static void
test_chisq_bad_input (void)
{
  const double x[] = { 3, 4, 5 };
  const double bad_sum[] = { 0.3, 0.3, 0.3 };
  const double zero_cell[] = { 0.5, 0.5, 0 };
  const double negative[] = { 3, -1, 5 };
  const double zeros[] = { 0, 0, 0 };
  const double ok[] = { 0.2, 0.3, 0.5 };
  const double *cases[][2] = {
    { x, bad_sum }, { x, zero_cell }, { negative, ok }, { zeros, ok },
  };
  AssayStatsChisq t;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (assay_stats_chisq_gof (cases[i][0], cases[i][1], 3, &t, &error));
      g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (assay_stats_chisq_gof (x, ok, 1, &t, &error));
    g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  }
}

static void
test_median_regression (void)
{
  JsonArray *cases = section ("median_regression");

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      g_autoptr(GError) error = NULL;
      gsize n, n_y;
      g_autofree double *x = vector (c, "x", &n);
      g_autofree double *y = vector (c, "y", &n_y);
      double a = NAN, b = NAN;

      g_test_message ("%s", json_object_get_string_member (c, "name"));
      g_assert_cmpuint (n, ==, n_y);
      g_assert_true (assay_stats_median_regression (x, y, n, &a, &b, &error));
      g_assert_no_error (error);
      assert_close (a, number (c, "intercept", NAN));
      assert_close (b, number (c, "slope", NAN));
    }
}

static double
l1 (const double *x,
    const double *y,
    gsize         n,
    double        a,
    double        b)
{
  double sum = 0;

  for (gsize i = 0; i < n; i++)
    sum += fabs (y[i] - a - b * x[i]);
  return sum;
}

/* An independent check of optimality, on data R was not asked about: some
 * L1 line passes through two data points, so the least sum over every
 * pair is the minimum.  Small integer data make ties, collinear points and
 * non-unique minima common, where the sum must still be the least. */
static void
test_median_regression_brute_force (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261204);

  for (guint round = 0; round < 300; round++)
    {
      gsize n = g_rand_int_range (rand, 2, 25);
      double x[25], y[25], a, b, best = INFINITY;
      g_autoptr(GError) error = NULL;

      for (gsize i = 0; i < n; i++)
        {
          x[i] = g_rand_int_range (rand, 0, round % 2 ? 6 : 1000);
          y[i] = g_rand_int_range (rand, -5, 8) + (round % 3 ? 0.5 * x[i] : 0);
        }
      x[0] = 0;
      x[1] = 1;
      for (gsize i = 0; i < n; i++)
        for (gsize j = 0; j < n; j++)
          if (x[i] != x[j])
            {
              double s = (y[j] - y[i]) / (x[j] - x[i]);

              best = MIN (best, l1 (x, y, n, y[i] - s * x[i], s));
            }
      g_assert_true (assay_stats_median_regression (x, y, n, &a, &b, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat (l1 (x, y, n, a, b), <=, best * (1 + 1e-12) + 1e-12);
    }
}

static void
test_median_regression_bad_input (void)
{
  const double x[] = { 2, 2, 2 };
  const double y[] = { 1, 5, 3 };
  const double x_nan[] = { 1, NAN, 3 };
  double a = 7, b = 7;
  g_autoptr(GError) error = NULL;

  g_assert_false (assay_stats_median_regression (x, y, 3, &a, &b, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (assay_stats_median_regression (x, y, 1, &a, &b, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (assay_stats_median_regression (x, y, 0, &a, &b, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (assay_stats_median_regression (x_nan, y, 3, &a, &b, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_assert_cmpfloat (a, ==, 7);
  g_assert_cmpfloat (b, ==, 7);
}

static void
test_attribute_sample_size (void)
{
  JsonArray *cases = section ("aicpa");

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      g_autoptr(GError) error = NULL;
      guint n = 0, allowed = 0;

      g_assert_true (assay_stats_attribute_sample_size (number (c, "tolerable", NAN),
                                                        number (c, "expected", NAN),
                                                        number (c, "risk", NAN),
                                                        &n, &allowed, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, count (c, "n"));
      g_assert_cmpuint (allowed, ==, count (c, "allowed"));
    }
}

/* STATISTICS.md §3's table, written here as well as in the R output so
 * that a change to either shows. */
static void
test_attribute_sample_size_table (void)
{
  const struct { double t, pe; guint n, allowed; } table[] = {
    { 0.05, 0, 59, 0 }, { 0.05, 0.01, 93, 1 }, { 0.05, 0.02, 181, 4 },
    { 0.10, 0, 29, 0 }, { 0.10, 0.01, 46, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      guint n = 0, allowed = 0;

      g_assert_true (assay_stats_attribute_sample_size (table[i].t, table[i].pe, 0.05,
                                                        &n, &allowed, NULL));
      g_assert_cmpuint (n, ==, table[i].n);
      g_assert_cmpuint (allowed, ==, table[i].allowed);
    }
}

static void
test_attribute_sample_size_bad_input (void)
{
  const double cases[][3] = {
    { 0.05, 0.05, 0.05 }, { 0.05, 0.06, 0.05 }, { 0, 0, 0.05 }, { 1, 0, 0.05 },
    { 0.05, -0.01, 0.05 }, { 0.05, 0, 0 }, { 0.05, 0, 1 }, { 0.05, 0.0499999, 0.05 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      guint n = 0, allowed = 0;

      g_assert_false (assay_stats_attribute_sample_size (cases[i][0], cases[i][1], cases[i][2],
                                                         &n, &allowed, &error));
      g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
    }
}

static void
load_reference (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("ASSAY_TEST_DATA"), "stats",
                                            "reference.json", NULL);

  g_assert_nonnull (g_getenv ("ASSAY_TEST_DATA"));
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  reference = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  g_test_message ("%s", json_object_get_string_member (reference, "source"));
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Selection gives the sorted copy's numbers: every k-th on arrays full of
 * ties, the median and the interval; and the interval's k is the
 * smallest with P(Bin(n, ½) ≤ k) ≥ α/2 (less R's 64-ulp fuzz), found by
 * galloping from the normal approximation, up to n = 10⁷. */
static void
test_selection (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  static const gsize sizes[] = { 1, 2, 3, 7, 8, 30, 31, 100, 1001 };
  static const guint ranks[] = { 1, 2, 5, 9, 10, 64, 65, 1000, 99999, 1000000, 10000000 };

  for (guint t = 0; t < G_N_ELEMENTS (sizes); t++)
    for (guint spread = 1; spread <= 1000; spread *= 10)
      {
        gsize n = sizes[t];
        g_autofree double *x = g_new (double, n);
        g_autofree double *sorted = g_new (double, n);
        g_autofree double *work = g_new (double, n);
        AssayStatsMedianInterval want, got;

        for (gsize i = 0; i < n; i++)
          x[i] = sorted[i] = g_rand_int_range (rand, 0, spread + 1) - spread / 2.0;
        qsort (sorted, n, sizeof (double), compare_doubles);
        for (gsize k = 0; k < n; k++)
          {
            memcpy (work, x, n * sizeof (double));
            g_assert_cmpfloat (assay_stats_select (work, n, k), ==, sorted[k]);
            for (gsize i = 0; i < n; i++)
              g_assert_true (i < k ? work[i] <= work[k] : work[i] >= work[k]);
          }
        memcpy (work, x, n * sizeof (double));
        g_assert_cmpfloat (assay_stats_median_select (work, n), ==, assay_stats_median (x, n));
        g_assert_true (assay_stats_median_interval (x, n, 0.05, &want));
        memcpy (work, x, n * sizeof (double));
        assay_stats_median_interval_select (work, n, 0.05, &got);
        g_assert_cmpuint (got.k, ==, want.k);
        g_assert_cmpfloat (got.lower, ==, want.lower);
        g_assert_cmpfloat (got.upper, ==, want.upper);
      }
  for (guint t = 0; t < G_N_ELEMENTS (ranks); t++)
    for (double alpha = 0.001; alpha < 0.5; alpha *= 10)
      {
        guint n = ranks[t];
        guint k = assay_stats_median_interval_rank (n, alpha);
        double q = alpha / 2 * (1 - 64 * DBL_EPSILON);

        g_assert_cmpfloat (assay_stats_binom_cdf (k, n, 0.5), >=, q);
        g_assert_true (k == 0 || assay_stats_binom_cdf (k - 1, n, 0.5) < q);
      }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  load_reference ();

  g_test_add_func ("/assay/stats/binomial", test_binomial);
  g_test_add_func ("/assay/stats/sign-test", test_sign);
  g_test_add_func ("/assay/stats/sign-test/nan", test_sign_nan);
  g_test_add_func ("/assay/stats/median", test_median);
  g_test_add_func ("/assay/stats/median/bad-input", test_median_bad_input);
  g_test_add_func ("/assay/stats/median/selection", test_selection);
  g_test_add_func ("/assay/stats/p-adjust", test_p_adjust);
  g_test_add_func ("/assay/stats/p-adjust/nan", test_p_adjust_nan);
  g_test_add_func ("/assay/stats/clopper-pearson", test_clopper_pearson);
  g_test_add_func ("/assay/stats/clopper-pearson/closed-form", test_clopper_pearson_closed_form);
  g_test_add_func ("/assay/stats/wilson", test_wilson);
  g_test_add_func ("/assay/stats/hypergeometric-upper", test_hypergeometric);
  g_test_add_func ("/assay/stats/hypergeometric-upper/bad-input", test_hypergeometric_bad_input);
  g_test_add_func ("/assay/stats/chisq", test_chisq);
  g_test_add_func ("/assay/stats/chisq/bad-input", test_chisq_bad_input);
  g_test_add_func ("/assay/stats/median-regression", test_median_regression);
  g_test_add_func ("/assay/stats/median-regression/brute-force",
                   test_median_regression_brute_force);
  g_test_add_func ("/assay/stats/median-regression/bad-input", test_median_regression_bad_input);
  g_test_add_func ("/assay/stats/attribute-sample-size", test_attribute_sample_size);
  g_test_add_func ("/assay/stats/attribute-sample-size/table", test_attribute_sample_size_table);
  g_test_add_func ("/assay/stats/attribute-sample-size/bad-input",
                   test_attribute_sample_size_bad_input);

  status = g_test_run ();
  json_object_unref (reference);
  return status;
}
