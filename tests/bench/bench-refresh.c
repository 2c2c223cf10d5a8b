/* bench-refresh.c — one flag refresh of a replica, full or incremental, timed
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
#include <string.h>
#include <time.h>

#include "assay-rule-cases.h"

/* bench-refresh REPLICA RULE_SET full|incremental: refreshes the stored
 * flags once (assay_rule_flags_refresh_report ()) and prints one line:
 * the mode taken, wall and CPU seconds, accounts evaluated, flags kept and
 * stored.  Driven by bench-refresh.py, which gives each run a fresh copy. */
int
main (int argc, char *argv[])
{
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayRuleSet) set = NULL;
  g_autoptr(GError) error = NULL;
  AssayRuleRefreshReport report;
  gint64 start;
  clock_t cpu;

  if (argc != 4 || (strcmp (argv[3], "full") != 0 && strcmp (argv[3], "incremental") != 0))
    {
      g_printerr ("usage: bench-refresh REPLICA RULE_SET full|incremental\n");
      return 2;
    }
  replica = assay_replica_open (argv[1], ASSAY_REPLICA_OPEN_DEFAULT, &error);
  if (replica != NULL)
    set = assay_rule_set_new_from_file (argv[2], &error);
  if (set == NULL)
    {
      g_printerr ("bench-refresh: %s\n", error->message);
      return 1;
    }
  start = g_get_monotonic_time ();
  cpu = clock ();
  if (!assay_rule_flags_refresh_report (replica, set, strcmp (argv[3], "incremental") == 0, NULL, NULL,
                                        &report, &error))
    {
      g_printerr ("bench-refresh: %s\n", error->message);
      return 1;
    }
  g_print ("%s wall %.3f cpu %.3f since %" G_GUINT64_FORMAT " size %" G_GUINT64_FORMAT
           " changed %" G_GUINT64_FORMAT " accounts %" G_GUINT64_FORMAT " kept %u flags %u\n",
           report.incremental ? "incremental" : "full",
           (g_get_monotonic_time () - start) / 1e6, (double) (clock () - cpu) / CLOCKS_PER_SEC,
           report.since_size, report.checkpoint_size, report.n_changed, report.n_accounts, report.n_kept,
           report.n_flags);
  return 0;
}
