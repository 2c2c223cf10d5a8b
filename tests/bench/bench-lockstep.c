/* bench-lockstep.c — the lockstep detector over N accounts of synthetic events
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

#include <stdlib.h>
#include <sys/resource.h>

#include "assay-rule-lockstep.h"

/* Its own generator: counties of 1000 accounts with 50 activities each, 8
 * events per account on random days of a year, a holiday (day 180) that
 * every account attends, and a planted ring of 5 every 10 000 accounts
 * (20 events together). */
static GArray *
generate (guint32 n)
{
  GArray *events = g_array_new (FALSE, FALSE, sizeof (AssayLockstepEvent));
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint32 a = 0; a < n; a++)
    {
      guint32 county = a / 1000;
      AssayLockstepEvent e = { a, county * 50 + a % 50, 180 };

      g_array_append_val (events, e);
      for (guint i = 0; i < 8; i++)
        {
          e.activity = county * 50 + (guint32) g_rand_int_range (rand, 0, 50);
          e.day = g_rand_int_range (rand, 0, 365);
          g_array_append_val (events, e);
        }
      if (a % 10000 < 5)
        for (guint i = 0; i < 20; i++)
          {
            e.activity = county * 50 + i % 50;
            e.day = 3 * (gint32) i;
            g_array_append_val (events, e);
          }
    }
  return events;
}

int
main (int    argc,
      char **argv)
{
  guint32 n = argc > 1 ? (guint32) strtoul (argv[1], NULL, 10) : 100000;
  g_autoptr(GArray) events = NULL;
  g_autoptr(AssayLockstepResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AssayLockstepParams params;
  struct rusage usage;
  gint64 start;

  if (n == 0)
    {
      g_printerr ("usage: bench-lockstep N (accounts, at least 1)\n");
      return 2;
    }
  events = generate (n);
  assay_lockstep_params_init (&params);
  start = g_get_monotonic_time ();
  result = assay_lockstep_detect ((AssayLockstepEvent *) events->data, events->len, n,
                                  &params, &error);
  if (result == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  getrusage (RUSAGE_SELF, &usage);
  g_print ("accounts %u events %u pairs %zu rings %u skipped buckets %zu: %.2f s, peak RSS %.0f MiB\n",
           n, events->len, result->n_pairs, result->rings->len, result->n_skipped_buckets,
           (g_get_monotonic_time () - start) / 1e6, usage.ru_maxrss / 1024.0);
  return 0;
}
