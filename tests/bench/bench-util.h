/* bench-util.h — pieces the benchmark programs share
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

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The reference the benchmarks compare against: inserts each line of
 * `dataset` (without its newline) into a new table t of `db`, in one
 * transaction with one prepared statement.  Aborts on any failure. */
void bench_insert_lines (sqlite3    *db,
                         const char *dataset);

/* Aborts with SQLite's message unless `rc` is OK, DONE or ROW. */
void bench_check_sql (sqlite3 *db,
                      int      rc);
/* Runs `sql` on `db`; aborts on failure. */
void bench_exec      (sqlite3    *db,
                      const char *sql);

/* The machine may be shared: each time is taken as wall-clock and as the
 * CPU time of the whole process (every thread). */
typedef struct
{
  gint64 wall;
  double cpu;
} BenchStamp;

double     bench_cpu_seconds     (void);
BenchStamp bench_stamp           (void);
/* Wall seconds since @start; the CPU seconds since it in @out_cpu. */
double     bench_seconds_since   (BenchStamp  start,
                                  double     *out_cpu);
/* The process's peak resident set size, in MiB. */
double     bench_peak_mib        (void);

/* For qsort () and g_array_sort () of doubles. */
int        bench_compare_doubles (const void *a,
                                  const void *b);
/* The median of the @n values (the mean of the middle two when @n is
 * even); @values is left as it was. */
double     bench_median          (const double *values,
                                  guint         n);
/* One line: @what padded to @what_width columns, the medians of the wall
 * and CPU times and every wall time, so the spread shows. */
void       bench_print_runs      (const char   *what,
                                  int           what_width,
                                  const double *wall,
                                  const double *cpu,
                                  guint         n);

G_END_DECLS
