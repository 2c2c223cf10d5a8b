/* bench-sync.c — benchmark: sync a fresh replica of a large ledger over loopback
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

/* Usage: bench-sync [N_ENTRIES [RUNS]]   (default 1000000 3)
 *
 * Writes N valid bodies (events and some redemptions, 100 000 accounts,
 * dates over a year) and 3 × 10 000 more, imports the N into a fresh
 * `assay-central` data directory and serves it on 127.0.0.1.  Then RUNS
 * times:
 *   (a) the reference: the same bodies inserted into a bare SQLite table in
 *       one transaction with one prepared statement, with SQLite's default
 *       settings, and again with the replica's settings (WAL,
 *       synchronous=FULL) so the ratio shows what sync adds on top;
 *   (b) the floor: the rows a replica must hold (see bench-replica-rows.h)
 *       inserted bare, with nothing fetched or verified;
 *   (c) `assayctl sync` into a fresh replica: wall time (fetch, verify,
 *       store, aggregate, commit), its CPU time and peak RSS from wait4(),
 *       and the server's CPU time over the sync (both share the machine).
 * Then three incremental syncs of 10 000 new entries each on the last
 * replica.  Prints each run, the medians and the ratios.
 * Targets: sync within 3× of the reference, peak RSS < 300 MiB, an
 * incremental sync of 10 000 entries on a 1 000 000-entry replica < 1 s. */

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

#include "bench-replica-rows.h"
#include "bench-util.h"

#define N_INCREMENTS   3
#define INCREMENT      10000

static const char *const dimensions[] = {
  "professional", "knowledge", "community", "ecological", "data", "market_order",
};

static void
write_body (FILE *out,
            GRand *rand,
            guint64 i,
            guint64 n)
{
  GDate event, pub;
  char hex[65];

  g_date_clear (&event, 1);
  g_date_set_dmy (&event, 1, G_DATE_JANUARY, 2026);
  g_date_add_days (&event, (guint) (i * 365 / MAX (n, 1)) % 365);
  pub = event;
  g_date_add_days (&pub, g_rand_int_range (rand, 7, 31));
  for (guint b = 0; b < 32; b++)
    snprintf (hex + 2 * b, 3, "%02x", (guint) g_rand_int_range (rand, 0, 256));

  if (i % 10 == 9)
    fprintf (out,
             "{\"kind\":\"redemption\",\"account\":\"acct-%06u\",\"account_kind\":\"individual\","
             "\"tier\":\"basic\",\"points\":%d,\"event_date\":\"%04d-%02d-%02d\","
             "\"publication_date\":\"%04d-%02d-%02d\",\"county\":\"310118\","
             "\"distributor\":\"青浦区社区服务中心\",\"item\":\"公交卡充值\",\"request\":\"req:%" G_GUINT64_FORMAT "\"}\n",
             g_rand_int_range (rand, 0, 100000), g_rand_int_range (rand, 1, 50),
             g_date_get_year (&event), g_date_get_month (&event), g_date_get_day (&event),
             g_date_get_year (&pub), g_date_get_month (&pub), g_date_get_day (&pub), i);
  else
    fprintf (out,
             "{\"kind\":\"event\",\"account\":\"acct-%06u\",\"account_kind\":\"individual\","
             "\"dimension\":\"%s\",\"points\":%d,\"event_date\":\"%04d-%02d-%02d\","
             "\"publication_date\":\"%04d-%02d-%02d\",\"county\":\"%s\","
             "\"issuer\":\"青浦区生态环境局\",\"distributor\":\"青浦区志愿服务中心\","
             "\"rule\":{\"id\":\"hours\",\"inputs\":{\"hours\":%d}},\"activity\":\"act:%" G_GUINT64_FORMAT "\","
             "\"confirmer\":null,\"evidence\":\"%s\"}\n",
             g_rand_int_range (rand, 0, 100000), dimensions[i % G_N_ELEMENTS (dimensions)],
             g_rand_int_range (rand, 1, 200),
             g_date_get_year (&event), g_date_get_month (&event), g_date_get_day (&event),
             g_date_get_year (&pub), g_date_get_month (&pub), g_date_get_day (&pub),
             i % 3 == 0 ? "310118" : i % 3 == 1 ? "110101" : "440305",
             g_rand_int_range (rand, 1, 9), i, hex);
}

static void
write_dataset (const char *path,
               guint64 first,
               guint64 count,
               guint64 n)
{
  FILE *out = fopen (path, "w");
  GRand *rand = g_rand_new_with_seed (42 + first);

  g_assert_nonnull (out);
  for (guint64 i = first; i < first + count; i++)
    write_body (out, rand, i, n);
  g_rand_free (rand);
  g_assert_cmpint (fclose (out), ==, 0);
}

/* The bodies as the log holds them: one per line, without the newline. */
static double
run_reference (const char *dir,
               const char *dataset,
               gboolean replica_settings)
{
  g_autofree char *db_path = g_build_filename (dir, "reference.db", NULL);
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);
  sqlite3 *db = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  if (replica_settings)
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  bench_insert_lines (db, dataset);
  sqlite3_close (db);
  start = g_get_monotonic_time () - start;
  g_unlink (db_path);
  g_unlink (wal);
  g_unlink (shm);
  return start / 1e6;
}

/* Spawns argv, waits; returns its peak RSS in KiB, and its output and
 * CPU seconds if asked. */
static long
spawn_and_wait (const char * const *argv,
                char **out_stdout,
                double *out_cpu)
{
  struct rusage usage;
  int status = 0;
  int fds[2];
  pid_t pid;
  GString *out = g_string_new (NULL);
  char buf[4096];
  ssize_t n;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      if (dup2 (fds[1], STDOUT_FILENO) < 0)
        _exit (127);
      execv (argv[0], (char * const *) argv);
      _exit (127);
    }
  close (fds[1]);
  while ((n = read (fds[0], buf, sizeof buf)) > 0)
    g_string_append_len (out, buf, n);
  close (fds[0]);
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s %s failed (status %d): %s", argv[0], argv[1], status, out->str);
  if (out_cpu != NULL)
    *out_cpu = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
               (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  if (out_stdout != NULL)
    *out_stdout = g_string_free (out, FALSE);
  else
    g_string_free (out, TRUE);
  return usage.ru_maxrss;
}

static GSubprocess *
start_server (const char *data,
              char **out_url)
{
  const char *argv[] = { ASSAY_CENTRAL_PATH, "serve", "--data", data, "--listen", "127.0.0.1:0", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  GSubprocess *server;
  const char *url;

  server = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  url = strstr (line, "http://");
  g_assert_nonnull (url);
  *out_url = g_strdup (url);
  return server;
}

/* The CPU seconds a process has used so far, from /proc. */
static double
process_cpu (GSubprocess *process)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", g_subprocess_get_identifier (process));
  g_autofree char *stat = NULL;
  unsigned long utime = 0, stime = 0;
  const char *fields;

  g_assert_true (g_file_get_contents (path, &stat, NULL, NULL));
  /* After the command name in parentheses: state is field 3, utime 14. */
  fields = strrchr (stat, ')');
  g_assert_nonnull (fields);
  g_assert_cmpint (sscanf (fields + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
                           &utime, &stime), ==, 2);
  return (utime + stime) / (double) sysconf (_SC_CLK_TCK);
}

typedef struct
{
  double seconds;
  double cpu;
  double server_cpu;
  long   rss_kib;
} SyncRun;

static SyncRun
run_sync (const char *replica,
          const char *url,
          const char *key,
          GSubprocess *server)
{
  const char *argv[] = { ASSAYCTL_PATH, "--replica", replica, "sync", "--server", url,
                         "--log-key", key, NULL };
  double server_before = process_cpu (server);
  gint64 start = g_get_monotonic_time ();
  SyncRun run;

  run.rss_kib = spawn_and_wait (argv, NULL, &run.cpu);
  run.seconds = (g_get_monotonic_time () - start) / 1e6;
  run.server_cpu = process_cpu (server) - server_before;
  return run;
}

static void
remove_replica (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static double
median (const double *values,
        guint n)
{
  g_autofree double *sorted = g_memdup2 (values, n * sizeof (double));

  qsort (sorted, n, sizeof (double), bench_compare_doubles);
  return sorted[n / 2];
}

int
main (int argc, char **argv)
{
  guint64 n = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  guint runs = MAX (1, argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 3);
  g_autofree char *dir = g_dir_make_tmp ("bench-sync-XXXXXX", NULL);
  g_autofree char *dataset = g_build_filename (dir, "entries.jsonl", NULL);
  g_autofree char *data = g_build_filename (dir, "central-data", NULL);
  g_autofree char *replica = g_build_filename (dir, "replica.db", NULL);
  g_autofree double *ours = g_new0 (double, runs);
  g_autofree double *reference = g_new0 (double, runs);
  g_autofree double *reference_wal = g_new0 (double, runs);
  g_autofree double *floor = g_new0 (double, runs);
  g_autofree double *cpu = g_new0 (double, runs);
  g_autofree double *server_cpu = g_new0 (double, runs);
  g_autofree double *rss = g_new0 (double, runs);
  g_autofree char *floor_db = g_build_filename (dir, "floor.db", NULL);
  BenchRows *rows = NULL;
  double incremental[N_INCREMENTS];
  double incremental_rss[N_INCREMENTS];
  g_autofree char *key = NULL;
  g_autofree char *url = NULL;
  g_autofree char *rm = NULL;
  g_autoptr(GSubprocess) server = NULL;

  g_assert_nonnull (dir);
  g_print ("bench-sync: writing %" G_GUINT64_FORMAT " entries to %s\n", n, dataset);
  write_dataset (dataset, 0, n, n);

  {
    const char *init[] = { ASSAY_CENTRAL_PATH, "init", "--data", data, "--origin", "bench.example/log", NULL };
    const char *import[] = { ASSAY_CENTRAL_PATH, "import", "--data", data, "--now", "2030-01-01", dataset, NULL };

    spawn_and_wait (init, &key, NULL);
    g_strstrip (key);
    g_print ("bench-sync: importing into the central service\n");
    spawn_and_wait (import, NULL, NULL);
  }
  rows = bench_rows_load (dataset);
  server = start_server (data, &url);
  g_print ("bench-sync: serving at %s\n", url);

  for (guint r = 0; r < runs; r++)
    {
      SyncRun sync;

      reference[r] = run_reference (dir, dataset, FALSE);
      reference_wal[r] = run_reference (dir, dataset, TRUE);
      floor[r] = bench_rows_insert (rows, floor_db);
      g_unlink (floor_db);
      remove_replica (replica);
      sync = run_sync (replica, url, key, server);
      ours[r] = sync.seconds;
      cpu[r] = sync.cpu;
      server_cpu[r] = sync.server_cpu;
      rss[r] = sync.rss_kib / 1024.0;
      g_print ("run %u: reference %.2f s (replica settings %.2f s), floor %.2f s, sync %.2f s "
               "(%.0f entries/s, CPU %.2f s, server CPU %.2f s), peak RSS %.1f MiB, "
               "ratio %.2f (%.2f against the floor)\n",
               r + 1, reference[r], reference_wal[r], floor[r], ours[r], n / ours[r], cpu[r],
               server_cpu[r], rss[r], ours[r] / reference[r], ours[r] / floor[r]);
    }

  for (guint i = 0; i < N_INCREMENTS; i++)
    {
      g_autofree char *more = g_build_filename (dir, "more.jsonl", NULL);
      const char *import[] = { ASSAY_CENTRAL_PATH, "import", "--data", data, "--now", "2030-01-01", more, NULL };
      SyncRun sync;

      write_dataset (more, n + i * INCREMENT, INCREMENT, n);
      spawn_and_wait (import, NULL, NULL);
      sync = run_sync (replica, url, key, server);
      incremental[i] = sync.seconds;
      incremental_rss[i] = sync.rss_kib / 1024.0;
      g_print ("incremental %u: %d new entries on %" G_GUINT64_FORMAT " in %.3f s, peak RSS %.1f MiB\n",
               i + 1, INCREMENT, n + i * INCREMENT, incremental[i], incremental_rss[i]);
    }

  {
    double ref_m = median (reference, runs);
    double wal_m = median (reference_wal, runs);
    double floor_m = median (floor, runs);
    double ours_m = median (ours, runs);

    g_print ("median of %u: reference %.2f s (%.0f rows/s), with the replica's settings %.2f s; "
             "floor %.2f s (%.2f x the reference); sync %.2f s (%.0f entries/s, CPU %.2f s, "
             "server CPU %.2f s, %u processors); ratio %.2f against the reference (target <= 3.00), "
             "%.2f against the reference with the replica's settings, %.2f against the floor; "
             "peak RSS %.1f MiB (target < 300); incremental sync of %d on %" G_GUINT64_FORMAT
             ": %.3f s (target < 1)\n",
             runs, ref_m, n / ref_m, wal_m, floor_m, floor_m / ref_m, ours_m, n / ours_m,
             median (cpu, runs), median (server_cpu, runs), g_get_num_processors (),
             ours_m / ref_m, ours_m / wal_m, ours_m / floor_m,
             median (rss, runs), INCREMENT, n, median (incremental, N_INCREMENTS));
  }

  bench_rows_free (rows);
  g_subprocess_force_exit (server);
  g_subprocess_wait (server, NULL, NULL);
  rm = g_strdup_printf ("rm -rf '%s'", dir);
  g_assert_cmpint (system (rm), ==, 0);
  return 0;
}
