/* test-ring-profile.c — a ring's members × days, as the case page draws it
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

#include "assay-day.h"
#include "assay-ring-profile.h"
#include "assay-test-central.h"
#include "assay-test-lines.h"
#include "assay-test-util.h"

static void
service (GString    *out,
         const char *account,
         const char *activity,
         guint32     day)
{
  assay_test_append_event (out, account, "community", 10, day, "310118", "community", activity,
                           "confirmer-0001");
}

/* ring-a, ring-b and ring-c together on days 0, 3, … 27; ring-a alone on
 * day 1; ring-b and ring-c (two of three: under the quorum of ⌈0.75 · 3⌉ =
 * 3) on day 2; an outsider with them on day 0; ring-c twice on day 3 (one
 * day).  Day 40 is outside the span asked for. */
static char *
crafted_lines (guint32 jan1)
{
  GString *out = g_string_new (NULL);
  const char *ring[] = { "ring-a", "ring-b", "ring-c" };

  for (guint k = 0; k < 10; k++)
    {
      g_autofree char *activity = g_strdup_printf ("CS-R-%u", k);

      for (guint m = 0; m < G_N_ELEMENTS (ring); m++)
        service (out, ring[m], activity, jan1 + 3 * k);
    }
  service (out, "ring-a", "CS-ALONE", jan1 + 1);
  service (out, "ring-b", "CS-PAIR", jan1 + 2);
  service (out, "ring-c", "CS-PAIR", jan1 + 2);
  service (out, "outsider", "CS-R-0", jan1);
  service (out, "ring-c", "CS-OTHER", jan1 + 3);
  service (out, "ring-a", "CS-LATE", jan1 + 40);
  return g_string_free (out, FALSE);
}

static void
assert_days (GArray        *days,
             guint32        jan1,
             const guint32 *expected,
             guint          n)
{
  g_assert_cmpuint (days->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (g_array_index (days, guint32, i), ==, jan1 + expected[i]);
}

static void
test_profile (void)
{
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("ring.test/log");
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *lines = NULL;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayRingProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  const char *members[] = { "ring-a", "ring-b", "ring-c", NULL };
  const guint32 a[] = { 0, 1, 3, 6, 9, 12, 15, 18, 21, 24, 27 };
  const guint32 b[] = { 0, 2, 3, 6, 9, 12, 15, 18, 21, 24, 27 };
  const guint32 common[] = { 0, 3, 6, 9, 12, 15, 18, 21, 24, 27 };
  guint32 jan1 = 0;

  g_assert_true (assay_day_from_ymd (2025, 1, 1, &jan1));
  lines = crafted_lines (jan1);
  assay_test_central_import (central, lines);
  assay_test_central_start (central);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", path, "sync", "--server", central->url,
                                        "--log-key", central->key, NULL), ==, 0);
  replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);

  profile = assay_ring_profile_load (replica, members, jan1, jan1 + 27, 0.75, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (profile->n_members, ==, 3);
  g_assert_cmpstr (profile->members[1], ==, "ring-b");
  /* Each member's days once, in order; day 40 is outside the span. */
  assert_days (profile->days[0], jan1, a, G_N_ELEMENTS (a));
  assert_days (profile->days[1], jan1, b, G_N_ELEMENTS (b));
  assert_days (profile->days[2], jan1, b, G_N_ELEMENTS (b));
  /* Day 2 had two of three, under the quorum; day 0's outsider does not
   * count, and would not be needed. */
  assert_days (profile->common_days, jan1, common, G_N_ELEMENTS (common));

  /* With a quorum of one half, two of three make day 2 common too. */
  g_clear_pointer (&profile, assay_ring_profile_free);
  profile = assay_ring_profile_load (replica, members, jan1, jan1 + 27, 0.5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (profile->common_days->len, ==, G_N_ELEMENTS (common) + 1);
  assay_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ring-profile/members-days", test_profile);
  return g_test_run ();
}
