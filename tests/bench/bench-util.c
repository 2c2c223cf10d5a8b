/* bench-util.c — pieces the benchmark programs share
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

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "bench-util.h"

void
bench_insert_lines (sqlite3    *db,
                    const char *dataset)
{
  sqlite3_stmt *stmt = NULL;
  FILE *in;
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;

  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (body BLOB); BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO t (body) VALUES (?1)", -1, &stmt, NULL), ==, SQLITE_OK);
  in = fopen (dataset, "r");
  g_assert_nonnull (in);
  while ((len = getline (&line, &cap, in)) > 0)
    {
      sqlite3_bind_blob (stmt, 1, line, len - 1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  fclose (in);
  free (line);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
}

void
bench_check_sql (sqlite3 *db,
                 int      rc)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("SQLite: %s", sqlite3_errmsg (db));
}

void
bench_exec (sqlite3    *db,
            const char *sql)
{
  bench_check_sql (db, sqlite3_exec (db, sql, NULL, NULL, NULL));
}

double
bench_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

BenchStamp
bench_stamp (void)
{
  return (BenchStamp) { g_get_monotonic_time (), bench_cpu_seconds () };
}

double
bench_seconds_since (BenchStamp  start,
                     double     *out_cpu)
{
  *out_cpu = bench_cpu_seconds () - start.cpu;
  return (g_get_monotonic_time () - start.wall) / 1e6;
}

double
bench_peak_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

int
bench_compare_doubles (const void *a,
                       const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_median (const double *values,
              guint         n)
{
  g_autofree double *sorted = g_memdup2 (values, n * sizeof (double));

  g_assert (n > 0);
  qsort (sorted, n, sizeof (double), bench_compare_doubles);
  return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

void
bench_print_runs (const char   *what,
                  int           what_width,
                  const double *wall,
                  const double *cpu,
                  guint         n)
{
  g_autoptr(GString) all = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (all, "%s%.3f", i ? " " : "", wall[i]);
  g_print ("%-*s median %7.3f s wall, %7.3f s CPU  (wall runs: %s)\n", what_width, what,
           bench_median (wall, n), bench_median (cpu, n), all->str);
}
