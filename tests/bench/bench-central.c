/* bench-central.c — assay-central import of 1,000,000 entries against a bare SQLite insert
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

/* Usage: bench-central [N_ENTRIES [RUNS]]   (default 1000000 3)
 *
 * Writes N valid event bodies (publication 7–30 days after the event, so
 * the log order differs from the file order) to a JSON Lines file, then
 * RUNS times: (a) the reference: the same lines inserted into a bare
 * SQLite table in one transaction with one prepared statement; (b) a
 * fresh `assay-central init` and `assay-central import` of the file, its
 * wall time and peak RSS from wait4().  Prints the medians and the ratio.
 * Targets: ratio <= 3, peak RSS < 200 MiB. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-util.h"

static const char *const dimensions[] = {
  "professional", "knowledge", "community", "ecological", "data", "market_order",
};

static void
write_dataset (const char *path,
               guint64     n)
{
  FILE *out = fopen (path, "w");
  GRand *rand = g_rand_new_with_seed (42);
  GDate start;

  g_assert_nonnull (out);
  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, G_DATE_JANUARY, 2026);
  for (guint64 i = 0; i < n; i++)
    {
      GDate event = start;
      GDate pub;
      guint8 evidence[32];
      char hex[65];

      /* Events spread over a year, in file order of event date. */
      g_date_add_days (&event, (guint) (i * 365 / n));
      pub = event;
      g_date_add_days (&pub, g_rand_int_range (rand, 7, 31));
      for (guint b = 0; b < sizeof evidence; b++)
        evidence[b] = g_rand_int (rand);
      for (guint b = 0; b < sizeof evidence; b++)
        snprintf (hex + 2 * b, 3, "%02x", evidence[b]);
      fprintf (out,
               "{\"kind\":\"event\",\"account\":\"acct-%06u\",\"account_kind\":\"individual\","
               "\"dimension\":\"%s\",\"points\":%d,\"event_date\":\"%04d-%02d-%02d\","
               "\"publication_date\":\"%04d-%02d-%02d\",\"county\":\"310118\","
               "\"issuer\":\"青浦区生态环境局\",\"distributor\":\"青浦区志愿服务中心\","
               "\"rule\":{\"id\":\"hours\",\"inputs\":{\"hours\":%d}},\"activity\":\"act:%" G_GUINT64_FORMAT "\","
               "\"confirmer\":null,\"evidence\":\"%s\"}\n",
               g_rand_int_range (rand, 0, 100000), dimensions[i % G_N_ELEMENTS (dimensions)],
               g_rand_int_range (rand, 1, 200),
               g_date_get_year (&event), g_date_get_month (&event), g_date_get_day (&event),
               g_date_get_year (&pub), g_date_get_month (&pub), g_date_get_day (&pub),
               g_rand_int_range (rand, 1, 9), i, hex);
    }
  g_rand_free (rand);
  g_assert_cmpint (fclose (out), ==, 0);
}

static double
run_reference (const char *dir,
               const char *dataset)
{
  g_autofree char *db_path = g_build_filename (dir, "reference.db", NULL);
  sqlite3 *db = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  bench_insert_lines (db, dataset);
  sqlite3_close (db);
  g_unlink (db_path);
  return (g_get_monotonic_time () - start) / 1e6;
}

/* Spawns argv and waits for it; returns its peak RSS in KiB. */
static long
spawn_and_wait (const char * const *argv)
{
  struct rusage usage;
  int status = 0;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      if (freopen ("/dev/null", "w", stdout) == NULL)
        _exit (127);
      execv (argv[0], (char * const *) argv);
      _exit (127);
    }
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s %s failed (status %d)", argv[0], argv[1], status);
  return usage.ru_maxrss;
}

/* Each run gets its own data directory, all removed at the end: removing
 * thousands of tiles right before the next run makes ext4's inode
 * allocator skip the recently freed inodes, which is not what is measured. */
static double
run_import (const char *dir,
            guint       run,
            const char *dataset,
            long       *out_rss_kib)
{
  g_autofree char *name = g_strdup_printf ("central-data-%u", run);
  g_autofree char *data = g_build_filename (dir, name, NULL);
  const char *init[] = { ASSAY_CENTRAL_PATH, "init", "--data", data, "--origin", "bench.example/log", NULL };
  const char *import[] = { ASSAY_CENTRAL_PATH, "import", "--data", data, "--now", "2030-01-01", dataset, NULL };
  gint64 start;
  double seconds;

  spawn_and_wait (init);
  start = g_get_monotonic_time ();
  *out_rss_kib = spawn_and_wait (import);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  return seconds;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), bench_compare_doubles);
  return values[n / 2];
}

int
main (int argc, char **argv)
{
  guint64 n = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  guint runs = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 3;
  g_autofree char *dir = g_dir_make_tmp ("bench-central-XXXXXX", NULL);
  g_autofree char *dataset = g_build_filename (dir, "entries.jsonl", NULL);
  g_autofree double *ours = g_new0 (double, MAX (runs, 1));
  g_autofree double *reference = g_new0 (double, MAX (runs, 1));
  g_autofree double *rss = g_new0 (double, MAX (runs, 1));
  g_autofree char *rm = NULL;

  g_assert_nonnull (dir);
  runs = MAX (runs, 1);
  g_print ("bench-central: writing %" G_GUINT64_FORMAT " entries to %s\n", n, dataset);
  write_dataset (dataset, n);

  for (guint r = 0; r < runs; r++)
    {
      long rss_kib = 0;

      reference[r] = run_reference (dir, dataset);
      ours[r] = run_import (dir, r, dataset, &rss_kib);
      rss[r] = rss_kib / 1024.0;
      g_print ("run %u: reference %.2f s, import %.2f s (%.0f entries/s), peak RSS %.1f MiB, ratio %.2f\n",
               r + 1, reference[r], ours[r], n / ours[r], rss[r], ours[r] / reference[r]);
    }

  {
    double ref_m = median (reference, runs);
    double ours_m = median (ours, runs);
    double rss_m = median (rss, runs);

    g_print ("median of %u: reference %.2f s (%.0f rows/s); import %.2f s (%.0f entries/s); "
             "ratio %.2f (target <= 3.00); peak RSS %.1f MiB (target < 200)\n",
             runs, ref_m, n / ref_m, ours_m, n / ours_m, ours_m / ref_m, rss_m);
  }

  rm = g_strdup_printf ("rm -rf '%s'", dir);
  g_assert_cmpint (system (rm), ==, 0);
  return 0;
}
