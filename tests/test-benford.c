/* test-benford.c — the first-digit (Benford) test against SciPy
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

#include "assay-benford.h"

/* 1e-9 relative; a reference of 0 (SciPy's p underflowed) wants one
 * below the smallest normal double. */
static void
assert_close (double      got,
              double      want,
              const char *what)
{
  if (want == 0)
    {
      if (!(got < 2.3e-308))
        g_error ("%s: %.17g, want 0", what, got);
      return;
    }
  if (!(fabs (got - want) <= 1e-9 * fabs (want)))
    g_error ("%s: %.17g, want %.17g", what, got, want);
}

static void
test_reference (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("ASSAY_TEST_DATA"), "benford",
                                            "reference.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *cases;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  cases = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "cases");
  g_assert_cmpuint (json_array_get_length (cases), ==, 6);
  for (guint c = 0; c < json_array_get_length (cases); c++)
    {
      JsonObject *ref = json_array_get_object_element (cases, c);
      const char *name = json_object_get_string_member (ref, "name");
      JsonArray *counts = json_object_get_array_member (ref, "counts");
      JsonArray *z = json_object_get_array_member (ref, "z");
      AssayBenfordGroup group = { 0 };
      guint64 n[9];

      for (guint d = 0; d < 9; d++)
        n[d] = json_array_get_int_element (counts, d);
      assay_benford_test_counts (n, ASSAY_BENFORD_DEFAULT_MIN_N, &group);
      g_test_message ("%s: chisq %.17g p %.17g", name, group.chisq, group.p_value);
      g_assert_cmpuint (group.df, ==, 8);
      assert_close (group.chisq, json_object_get_double_member (ref, "chisq"), name);
      assert_close (group.p_value, json_object_get_double_member (ref, "p_value"), name);
      for (guint d = 0; d < 9; d++)
        assert_close (group.z[d], json_array_get_double_element (z, d), name);
    }
}

static void
test_digits (void)
{
  double sum = 0;

  g_assert_cmpuint (assay_benford_first_digit (1), ==, 1);
  g_assert_cmpuint (assay_benford_first_digit (9), ==, 9);
  g_assert_cmpuint (assay_benford_first_digit (10), ==, 1);
  g_assert_cmpuint (assay_benford_first_digit (472), ==, 4);
  g_assert_cmpuint (assay_benford_first_digit (G_MAXINT64), ==, 9);
  g_assert_cmpuint (assay_benford_first_digit (0), ==, 0);
  g_assert_cmpuint (assay_benford_first_digit (-35), ==, 0);
  for (guint d = 1; d <= 9; d++)
    sum += assay_benford_expected_share (d);
  g_assert_cmpfloat_with_epsilon (sum, 1, 1e-15);
  g_assert_cmpfloat_with_epsilon (assay_benford_expected_share (1), 0.30102999566398120, 1e-16);
}

/* Below the minimum nothing is tested; at it, everything is. */
static void
test_insufficient (void)
{
  guint64 counts[9] = { 30, 18, 12, 10, 8, 7, 6, 5, 3 };   /* 99 */
  AssayBenfordGroup group = { 0 };

  assay_benford_test_counts (counts, ASSAY_BENFORD_DEFAULT_MIN_N, &group);
  g_assert_cmpuint (group.n, ==, 99);
  g_assert_cmpint (group.conformity, ==, ASSAY_BENFORD_INSUFFICIENT);
  g_assert_true (isnan (group.chisq) && isnan (group.p_value) && isnan (group.z[0]));
  g_assert_cmpfloat_with_epsilon (group.expected[0], 99 * log10 (2), 1e-12);
  counts[0]++;
  assay_benford_test_counts (counts, ASSAY_BENFORD_DEFAULT_MIN_N, &group);
  g_assert_cmpint (group.conformity, !=, ASSAY_BENFORD_INSUFFICIENT);
  g_assert_true (isfinite (group.p_value) && isfinite (group.z[8]));
}

/* Nigrini's MAD bounds: the law itself is close, formula points are not. */
static void
test_conformity (void)
{
  guint64 law[9] = { 3010, 1761, 1249, 969, 792, 669, 580, 512, 458 };
  guint64 formula[9] = { 5200, 40, 1800, 10, 2600, 0, 0, 350, 0 };
  AssayBenfordGroup group = { 0 };

  assay_benford_test_counts (law, 100, &group);
  g_assert_cmpint (group.conformity, ==, ASSAY_BENFORD_CLOSE);
  g_assert_cmpfloat (group.mad, <, 0.001);
  assay_benford_test_counts (formula, 100, &group);
  g_assert_cmpint (group.conformity, ==, ASSAY_BENFORD_NONCONFORMITY);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/assay/audit/benford/reference", test_reference);
  g_test_add_func ("/assay/audit/benford/digits", test_digits);
  g_test_add_func ("/assay/audit/benford/insufficient", test_insufficient);
  g_test_add_func ("/assay/audit/benford/conformity", test_conformity);
  return g_test_run ();
}
