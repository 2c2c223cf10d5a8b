/* test-stats-poisson.c — the Poisson upper tail against values computed with R
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

#include "assay-stats-poisson.h"

/* Relative, as test-stats.c. */
#define REL 1e-9

static void
test_reference (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("ASSAY_TEST_DATA"), "stats",
                                            "poisson.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *cases;
  double worst = 0;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  cases = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "poisson_sf");
  g_assert_cmpuint (json_array_get_length (cases), >=, 20);
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      guint64 x = json_object_get_int_member (c, "x");
      double lambda = json_object_get_double_member (c, "lambda");
      double want = json_object_get_double_member (c, "sf");
      double got = assay_stats_poisson_sf (x, lambda);
      double rel = want == 0 ? fabs (got) : fabs (got - want) / want;

      if (rel > REL)
        g_error ("P(X ≥ %" G_GUINT64_FORMAT " | λ = %.17g) = %.17g, R says %.17g",
                 x, lambda, got, want);
      worst = MAX (worst, rel);
    }
  g_test_message ("largest relative error %.3g", worst);
}

/* The edges the header defines, and a tail far below the smallest double. */
static void
test_edges (void)
{
  g_assert_cmpfloat (assay_stats_poisson_sf (0, 0), ==, 1);
  g_assert_cmpfloat (assay_stats_poisson_sf (0, 5), ==, 1);
  g_assert_cmpfloat (assay_stats_poisson_sf (1, 0), ==, 0);
  g_assert_true (isnan (assay_stats_poisson_sf (1, -1)));
  g_assert_true (isnan (assay_stats_poisson_sf (1, NAN)));
  g_assert_true (isnan (assay_stats_poisson_sf (1, INFINITY)));
  g_assert_cmpfloat (assay_stats_poisson_sf (5000, 1), ==, 0);
  /* P(X ≥ 1) = 1 − e^{−λ} exactly. */
  g_assert_cmpfloat_with_epsilon (assay_stats_poisson_sf (1, 2), 1 - exp (-2), 1e-15);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stats/poisson/reference", test_reference);
  g_test_add_func ("/stats/poisson/edges", test_edges);
  return g_test_run ();
}
