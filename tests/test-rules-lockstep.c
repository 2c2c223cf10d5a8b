/* test-rules-lockstep.c — planted rings found exactly, decoys left alone
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

#include "assay-error.h"
#include "assay-rule-lockstep.h"

static void
add (GArray  *events,
     guint32  account,
     guint32  activity,
     gint32   day)
{
  AssayLockstepEvent e = { account, activity, day };

  g_array_append_val (events, e);
}

/* 2000 accounts: a ring of 5 (accounts 100–104) at 12 activities together;
 * a team of 300 (1000–1299) meeting weekly in one bucket, over the cap; a
 * holiday (day 200) on which every account attends its county's activity
 * (40 accounts a county); and background events at random. */
static void
test_planted (void)
{
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (AssayLockstepEvent));
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(AssayLockstepResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AssayLockstepParams params;
  AssayLockstepRing *ring;

  for (guint i = 0; i < 12; i++)
    for (guint32 a = 100; a < 105; a++)
      add (events, a, 5000 + i, 10 + 3 * (gint32) i);
  for (gint32 w = 0; w < 40; w++)
    for (guint32 a = 1000; a < 1300; a++)
      add (events, a, 7000, 7 * w);
  for (guint32 a = 0; a < 2000; a++)
    {
      add (events, a, 9000 + a / 40, 200);
      for (guint i = 0; i < 3; i++)
        add (events, a, g_rand_int_range (rand, 0, 400), g_rand_int_range (rand, 0, 365));
    }

  assay_lockstep_params_init (&params);
  result = assay_lockstep_detect ((AssayLockstepEvent *) events->data, events->len, 2000,
                                  &params, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->rings->len, ==, 1);
  ring = &g_array_index (result->rings, AssayLockstepRing, 0);
  g_assert_cmpuint (ring->n_members, ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (ring->members[i], ==, 100 + i);
  /* The 12 planted buckets and the holiday, which all five attend too. */
  g_assert_cmpuint (ring->common_buckets, ==, 13);
  g_assert_cmpuint (ring->common_activities, ==, 13);
  g_assert_cmpint (ring->first_day, ==, 10);
  g_assert_cmpint (ring->last_day, ==, 200);
  g_assert_cmpfloat (ring->min_jaccard, >, 0.5);
  g_assert_cmpfloat (ring->p_value, ==, 1.0 / 200);
  g_assert_cmpuint (result->n_skipped_buckets, ==, 40);
  g_assert_cmpuint (result->largest_skipped, ==, 300);
  g_assert_cmpuint (result->largest_skipped_activity, ==, 7000);

  /* The same events in another order give the same answer. */
  {
    g_autoptr(AssayLockstepResult) again = NULL;

    for (guint i = 0; i + 1 < events->len; i += 2)
      {
        AssayLockstepEvent t = g_array_index (events, AssayLockstepEvent, i);
        g_array_index (events, AssayLockstepEvent, i) = g_array_index (events, AssayLockstepEvent, i + 1);
        g_array_index (events, AssayLockstepEvent, i + 1) = t;
      }
    again = assay_lockstep_detect ((AssayLockstepEvent *) events->data, events->len, 2000,
                                   &params, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (again->rings->len, ==, 1);
    g_assert_cmpuint (g_array_index (again->rings, AssayLockstepRing, 0).null_at_least, ==,
                      ring->null_at_least);
  }
}

static void
test_refused (void)
{
  AssayLockstepEvent e = { 5, 1, 1 };
  AssayLockstepParams params;
  g_autoptr(GError) error = NULL;

  assay_lockstep_params_init (&params);
  g_assert_null (assay_lockstep_detect (&e, 1, 5, &params, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  params.min_jaccard = 0;
  g_assert_null (assay_lockstep_detect (&e, 1, 6, &params, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rules/lockstep/planted", test_planted);
  g_test_add_func ("/rules/lockstep/refused", test_refused);
  return g_test_run ();
}
