/* bench-rank.c — Kendall's τ-b, Spearman's ρ and the top k kept over millions of accounts
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

/* bench-rank [N [RUNS [DUMP]]] (default 10,000,000 accounts, 3 runs): the rank
 * agreement of the weights what-if on N accounts whose score before is
 * an integer below N/10 (about ten accounts share each value) and whose
 * score after is that plus an integer in ±N/100 (ties in y and joint
 * ties too).  Times τ-b, ρ, both together (what the what-if calls) and
 * the top 100 and top 1 % kept, and the reference: one qsort () of the
 * same N doubles, the least that any rank statistic must do.  Then, on
 * values shaped like the what-if's scores (distinct doubles in
 * [10, 20000] rounded to 10⁻⁶, each after-score the before-score times a
 * factor in [0.5, 1.5), rounded alike: almost no ties, every bit of the
 * key varies), the reference and both together again.  Prints the median
 * of the runs, wall and CPU (of every thread: τ-b and ρ together sorts x
 * and y in two threads, so its CPU time can exceed its wall time; on a
 * shared machine CPU is the steadier figure), the ratio of each to the
 * reference's CPU time, and the peak RSS.  With DUMP it also writes the
 * tied accounts' x then y, N native doubles each, for
 * tests/data/rank-crosscheck.py --raw to recompute the printed values. */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "assay-stats-rank.h"

#include "bench-util.h"

typedef struct
{
  double wall;
  double cpu;
} Timing;

typedef struct
{
  const double *x;
  const double *y;
  gsize         n;
  double       *scratch;  /* the reference's copy */
  double        result;
  double        rho;      /* τ-b and ρ together: ρ, τ-b in result */
} Job;

static void
run_qsort (Job *job)
{
  memcpy (job->scratch, job->x, job->n * sizeof *job->x);
  qsort (job->scratch, job->n, sizeof *job->scratch, bench_compare_doubles);
  job->result = job->scratch[job->n / 2];
}

static void
run_tau (Job *job)
{
  if (!assay_stats_kendall_tau_b (job->x, job->y, job->n, &job->result, NULL))
    g_error ("τ-b failed");
}

static void
run_rho (Job *job)
{
  if (!assay_stats_spearman_rho (job->x, job->y, job->n, &job->result, NULL))
    g_error ("ρ failed");
}

static void
run_both (Job *job)
{
  if (!assay_stats_rank_agreement (job->x, job->y, job->n, &job->result, &job->rho, NULL))
    g_error ("τ-b and ρ together failed");
}

static void
run_top_k (Job  *job,
           gsize k)
{
  gsize kept = 0;

  if (!assay_stats_top_k_kept (job->x, job->y, job->n, k, &kept, NULL))
    g_error ("top k failed");
  job->result = kept;
}

static void
run_top_100 (Job *job)
{
  run_top_k (job, MIN (100, job->n));
}

static void
run_top_percent (Job *job)
{
  run_top_k (job, job->n / 100);
}

typedef void (*RunFunc) (Job *job);

/* Times @run @runs times; the reference's copy (memcpy) is timed with
 * qsort, a few ms that favour the functions over the reference. */
static Timing
time_runs (RunFunc  run,
           Job     *job,
           guint    runs)
{
  g_autofree double *wall = g_new (double, runs);
  g_autofree double *cpu = g_new (double, runs);

  for (guint r = 0; r < runs; r++)
    {
      BenchStamp start = bench_stamp ();

      run (job);
      wall[r] = bench_seconds_since (start, &cpu[r]);
    }
  return (Timing) { bench_median (wall, runs), bench_median (cpu, runs) };
}

static gboolean
dump_accounts (const char   *path,
               const double *x,
               const double *y,
               gsize         n)
{
  FILE *f = fopen (path, "wb");
  gboolean ok;

  if (f == NULL)
    return FALSE;
  ok = fwrite (x, sizeof *x, n, f) == n && fwrite (y, sizeof *y, n, f) == n;
  return fclose (f) == 0 && ok;
}

static void
fill_accounts (double *x,
               double *y,
               gsize   n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  gint32 levels = MAX (n / 10, 1);
  gint32 spread = MAX (n / 100, 1);

  for (gsize i = 0; i < n; i++)
    {
      x[i] = g_rand_int_range (rand, 0, levels);
      y[i] = x[i] + g_rand_int_range (rand, -spread, spread + 1);
    }
}

static double
round_micro (double v)
{
  return round (v * 1e6) / 1e6;
}

/* Scores like the what-if's: the before-score uniform in [10, 20000],
 * the after-score a random factor of it; both rounded to 10⁻⁶. */
static void
fill_what_if (double *x,
              double *y,
              gsize   n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);

  for (gsize i = 0; i < n; i++)
    {
      x[i] = round_micro (g_rand_double_range (rand, 10, 20000));
      y[i] = round_micro (x[i] * g_rand_double_range (rand, 0.5, 1.5));
    }
}

static void
print_timing (const char *label,
              Timing      t,
              Timing      reference,
              double      result)
{
  printf ("%-30s %7.2f s wall %7.2f s CPU   ratio %.2f CPU, %.2f wall   (= %.17g)\n",
          label, t.wall, t.cpu, t.cpu / reference.cpu, t.wall / reference.wall, result);
}

int
main (int    argc,
      char **argv)
{
  gsize n = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 10000000;
  guint runs = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 3;
  static const struct { const char *label; RunFunc run; } cases[] = {
    { "Kendall's τ-b", run_tau },
    { "Spearman's ρ", run_rho },
    { "τ-b and ρ together", run_both },
    { "top 100 kept", run_top_100 },
    { "top 1 % kept", run_top_percent },
  };
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  g_autofree double *scratch = NULL;
  Job job;
  Timing reference, timing;

  if (n < 2 || n > ASSAY_STATS_RANK_MAX_N || runs == 0)
    {
      fprintf (stderr, "usage: bench-rank [N [RUNS [DUMP]]] (2 ≤ N < 2³¹, default 10000000 3)\n");
      return EXIT_FAILURE;
    }
  x = g_new (double, n);
  y = g_new (double, n);
  scratch = g_new (double, n);
  fill_accounts (x, y, n);
  if (argc > 3 && !dump_accounts (argv[3], x, y, n))
    {
      fprintf (stderr, "bench-rank: cannot write %s\n", argv[3]);
      return EXIT_FAILURE;
    }
  job = (Job) { x, y, n, scratch, 0, 0 };
  printf ("accounts: %zu, median of %u runs\n", n, runs);
  reference = time_runs (run_qsort, &job, runs);
  printf ("%-30s %7.2f s wall %7.2f s CPU\n", "reference: qsort of N doubles",
          reference.wall, reference.cpu);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Timing t = time_runs (cases[i].run, &job, runs);

      print_timing (cases[i].label, t, reference, job.result);
      if (cases[i].run == run_both)
        printf ("%-30s (= %.17g)\n", "  and its ρ", job.rho);
    }
  fill_what_if (x, y, n);
  printf ("what-if scores (distinct, rounded to 1e-6):\n");
  reference = time_runs (run_qsort, &job, runs);
  print_timing ("reference: qsort of N doubles", reference, reference, job.result);
  timing = time_runs (run_both, &job, runs);
  print_timing ("τ-b and ρ together", timing, reference, job.result);
  printf ("%-30s (= %.17g)\n", "  and its ρ", job.rho);
  g_clear_pointer (&scratch, g_free);
  printf ("peak RSS: %.0f MiB (the inputs: %.0f MiB)\n", bench_peak_mib (), 2.0 * n * sizeof (double) / 1048576);
  return EXIT_SUCCESS;
}
