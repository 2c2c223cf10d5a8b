/* bench-fairness.c — the Article W audit to depth 3 over 1 M and 10 M accounts
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

/* bench-fairness [RUNS [N …]] (default 3 runs of 1,000,000 and
 * 10,000,000 accounts): a synthetic cohort (two genders, six age bands,
 * 2,852 counties in 31 provinces, SES deciles 1 … 10, outcomes lognormal
 * in SES, women of 70+ planted at 60 % of their cells), then the whole
 * audit, assay_fairness_run_attributes at depth 3 over gender, age band,
 * county and province, Holm at α = 0.01: wall and CPU time (median of
 * the runs), peak RSS, groups and verdicts.  At 1 M accounts, where
 * Rscript is installed, the same audit in R (tests/bench/bench-fairness.R,
 * from the source tree) on the same cohort, in the same run, and the
 * ratio; its sampled groups' figures are compared with ours. */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "assay-fairness.h"

#include "bench-util.h"

#define N_ATTRIBUTES 4
#define N_COUNTIES_PER_PROVINCE 92
#define R_SAMPLE 100

static const guint provinces[] = {
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65,
};
#define N_PROVINCES G_N_ELEMENTS (provinces)
#define N_COUNTIES (N_PROVINCES * N_COUNTIES_PER_PROVINCE)

static const char *const genders[] = { "female", "male" };
static const char *const bands[] = { "18-29", "30-39", "40-49", "50-59", "60-69", "70+" };
static const double band_cumulative[] = { 0.2, 0.4, 0.6, 0.78, 0.92, 1.0 };

typedef struct
{
  gsize   n;
  double *y;
  double *ses;
  guint  *code[N_ATTRIBUTES];
  char   *county_names[N_COUNTIES];
  char   *province_names[N_PROVINCES];
  AssayFairnessAttribute attributes[N_ATTRIBUTES];
} Cohort;

static guint64
next (guint64 *state)
{
  guint64 z = (*state += 0x9e3779b97f4a7c15ULL);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static double
uniform (guint64 *state)
{
  return (next (state) >> 11) * 0x1.0p-53;
}

static double
normal (guint64 *state)
{
  return sqrt (-2 * log (1 - uniform (state))) * cos (2 * G_PI * uniform (state));
}

static void
make_account (Cohort  *c,
              gsize    i,
              guint64 *state)
{
  double u = uniform (state);
  guint band = 0, county = next (state) % N_COUNTIES;

  while (u > band_cumulative[band])
    band++;
  c->code[0][i] = next (state) % 2;
  c->code[1][i] = band;
  c->code[2][i] = county;
  c->code[3][i] = county / N_COUNTIES_PER_PROVINCE;
  c->ses[i] = 1 + next (state) % 10;
  /* Points: lognormal, about 20 at SES 1 rising 25 % a decile; the
   * planted group gets 60 % of it. */
  c->y[i] = floor (exp (log (20) + 0.22 * c->ses[i] + 0.8 * normal (state)) *
                   (c->code[0][i] == 0 && band == 5 ? 0.6 : 1));
}

static Cohort *
make_cohort (gsize n)
{
  Cohort *c = g_new0 (Cohort, 1);
  guint64 state = 42;

  c->n = n;
  c->y = g_new (double, n);
  c->ses = g_new (double, n);
  for (guint a = 0; a < N_ATTRIBUTES; a++)
    c->code[a] = g_new (guint, n);
  for (guint p = 0; p < N_PROVINCES; p++)
    {
      c->province_names[p] = g_strdup_printf ("%02u", provinces[p]);
      for (guint k = 0; k < N_COUNTIES_PER_PROVINCE; k++)
        c->county_names[p * N_COUNTIES_PER_PROVINCE + k] =
          g_strdup_printf ("%02u%02u%02u", provinces[p], 1 + k / 30, 1 + k % 30);
    }
  for (gsize i = 0; i < n; i++)
    make_account (c, i, &state);
  c->attributes[0] = (AssayFairnessAttribute) { "gender", c->code[0], genders, 2 };
  c->attributes[1] = (AssayFairnessAttribute) { "age_band", c->code[1], bands, 6 };
  c->attributes[2] = (AssayFairnessAttribute) { "county", c->code[2],
                                                (const char * const *) c->county_names, N_COUNTIES };
  c->attributes[3] = (AssayFairnessAttribute) { "province", c->code[3],
                                                (const char * const *) c->province_names, N_PROVINCES };
  return c;
}

static void
cohort_free (Cohort *c)
{
  g_free (c->y);
  g_free (c->ses);
  for (guint a = 0; a < N_ATTRIBUTES; a++)
    g_free (c->code[a]);
  for (guint k = 0; k < N_COUNTIES; k++)
    g_free (c->county_names[k]);
  for (guint p = 0; p < N_PROVINCES; p++)
    g_free (c->province_names[p]);
  g_free (c);
}

/* "gender=female|age_band=70+", as the R script names groups. */
static char *
group_key (const AssayFairnessGroup *g)
{
  GString *key = g_string_new (NULL);

  for (guint k = 0; g->names[k] != NULL; k++)
    g_string_append_printf (key, "%s%s=%s", k > 0 ? "|" : "", g->names[k], g->values[k]);
  return g_string_free (key, FALSE);
}

static void
summarise (const Cohort              *c,
           const AssayFairnessResult *result)
{
  guint tested = 0, under = 0, over = 0;
  gboolean planted = FALSE;

  for (guint i = 0; i < result->groups->len; i++)
    {
      const AssayFairnessGroup *g = g_ptr_array_index (result->groups, i);

      tested += g->verdict != ASSAY_FAIRNESS_INSUFFICIENT;
      under += g->verdict == ASSAY_FAIRNESS_UNDER;
      over += g->verdict == ASSAY_FAIRNESS_OVER;
      if (g_strcmp0 (g->value, "female / 70+") == 0 && g_strv_length (g->names) == 2 &&
          g_strcmp0 (g->names[1], "age_band") == 0)
        planted = g->verdict == ASSAY_FAIRNESS_UNDER;
    }
  g_print ("  %u groups (%u tested, %u tests), %u under, %u over; planted women of 70+ %s\n",
           result->groups->len, tested, result->n_tests, under, over,
           planted ? "found (under)" : "NOT FOUND");
}

static gboolean
write_csv (const Cohort *c,
           const char   *path)
{
  g_autoptr(GString) csv = g_string_new ("gender,age_band,county,province,ses,y\n");

  for (gsize i = 0; i < c->n; i++)
    g_string_append_printf (csv, "%s,%s,%s,%s,%g,%.17g\n", genders[c->code[0][i]],
                            bands[c->code[1][i]], c->county_names[c->code[2][i]],
                            c->province_names[c->code[3][i]], c->ses[i], c->y[i]);
  return g_file_set_contents (path, csv->str, csv->len, NULL);
}

static gboolean
close_or_both_nan (double got,
                   double want)
{
  if (isnan (want))
    return isnan (got);
  return fabs (got - want) <= 1e-9 * MAX (fabs (want), 1e-300);
}

/* Compares the R script's sampled groups with ours; the number that
 * differ. */
static guint
compare_with_r (const AssayFairnessResult *result,
                const char                *path,
                guint                     *out_compared)
{
  g_autoptr(GHashTable) ours = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint differ = 0;

  *out_compared = 0;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 1;
  for (guint i = 0; i < result->groups->len; i++)
    {
      AssayFairnessGroup *g = g_ptr_array_index (result->groups, i);

      g_hash_table_insert (ours, group_key (g), g);
    }
  lines = g_strsplit (text, "\n", -1);
  for (guint l = 1; lines[l] != NULL && *lines[l] != '\0'; l++)
    {
      g_auto(GStrv) f = g_strsplit (lines[l], ",", -1);
      g_autofree char *key = g_strndup (f[0] + 1, strlen (f[0]) - 2);   /* unquoted */
      const AssayFairnessGroup *g = g_hash_table_lookup (ours, key);
      double want[6];

      for (guint k = 0; k < 6; k++)
        want[k] = g_strcmp0 (f[k + 1], "NA") == 0 ? NAN : g_ascii_strtod (f[k + 1], NULL);
      (*out_compared)++;
      if (g == NULL || g->n != want[0] || g->n_tested != want[1] ||
          !close_or_both_nan (g->observed_median, want[2]) ||
          !close_or_both_nan (g->predicted_median, want[3]) ||
          !close_or_both_nan (g->p_below, want[4]) || !close_or_both_nan (g->p_above, want[5]))
        {
          g_print ("  R and C differ on %s\n", key);
          differ++;
        }
    }
  return differ;
}

static void
run_r (const Cohort              *c,
       const AssayFairnessResult *result,
       double                     c_seconds)
{
  g_autofree char *rscript = g_find_program_in_path ("Rscript");
  g_autofree char *dir = NULL;
  g_autofree char *csv = NULL, *out = NULL, *stdout_text = NULL;
  g_autofree char *script = g_build_filename (ASSAY_SOURCE_DIR, "tests", "bench", "bench-fairness.R", NULL);
  g_autoptr(GError) error = NULL;
  const char *estimate;
  guint compared = 0, differ;
  int status = 0;

  if (rscript == NULL)
    {
      g_print ("  R: not installed (apt-get install r-base-core), no ratio\n");
      return;
    }
  dir = g_dir_make_tmp ("bench-fairness-XXXXXX", NULL);
  csv = g_build_filename (dir, "cohort.csv", NULL);
  out = g_build_filename (dir, "r-groups.csv", NULL);
  if (!write_csv (c, csv))
    return;
  {
    g_autofree char *sample = g_strdup_printf ("%u", R_SAMPLE);
    const char *argv[] = { rscript, script, csv, sample, "1", out, NULL };

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &stdout_text, NULL,
                       &status, &error) || !g_spawn_check_wait_status (status, NULL))
      {
        g_print ("  R: the script failed%s%s\n", error ? ": " : "", error ? error->message : "");
        return;
      }
  }
  g_print ("  %s", stdout_text);
  differ = compare_with_r (result, out, &compared);
  g_print ("  R and C agree on %u of %u sampled groups (n, n tested, observed and predicted "
           "medians, p below and above to 1e-9)\n", compared - differ, compared);
  if ((estimate = strstr (stdout_text, "estimated total ")) != NULL)
    g_print ("  ratio R / C: %.0f x\n", g_ascii_strtod (estimate + 16, NULL) / c_seconds);
  g_remove (csv);
  g_remove (out);
  g_rmdir (dir);
}

static void
bench_size (gsize n,
            guint runs)
{
  Cohort *c = make_cohort (n);
  g_autofree double *wall = g_new (double, runs);
  g_autofree double *cpu = g_new (double, runs);
  g_autoptr(AssayFairnessResult) result = NULL;
  AssayFairnessOptions options;

  assay_fairness_options_init (&options);
  g_print ("%zu accounts (cohort arrays %.0f MiB; peak RSS so far %.0f MiB)\n", n,
           n * (2 * sizeof (double) + N_ATTRIBUTES * sizeof (guint)) / 1048576.0, bench_peak_mib ());
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GError) error = NULL;
      BenchStamp start = bench_stamp ();

      g_clear_pointer (&result, assay_fairness_result_free);
      result = assay_fairness_run_attributes (c->y, c->ses, n, c->attributes, N_ATTRIBUTES, 3,
                                              &options, &error);
      g_assert_no_error (error);
      wall[r] = bench_seconds_since (start, &cpu[r]);
      g_print ("  run %u: %.2f s wall, %.2f s CPU\n", r + 1, wall[r], cpu[r]);
    }
  summarise (c, result);
  g_print ("  median of %u: %.2f s wall, %.2f s CPU; peak RSS %.0f MiB\n", runs,
           bench_median (wall, runs), bench_median (cpu, runs), bench_peak_mib ());
  if (n == 1000000)
    run_r (c, result, bench_median (wall, runs));
  cohort_free (c);
}

int
main (int    argc,
      char **argv)
{
  guint runs = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 3;

  if (runs == 0)
    {
      g_printerr ("usage: bench-fairness [RUNS [N …]] (default 3 runs of 1000000 and 10000000)\n");
      return 2;
    }
  if (argc > 2)
    for (int i = 2; i < argc; i++)
      bench_size (strtoull (argv[i], NULL, 10), runs);
  else
    {
      bench_size (1000000, runs);
      bench_size (10000000, runs);
    }
  return 0;
}
