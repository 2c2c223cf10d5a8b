/* assay-weights-what-if.c — every account's value under proposed weights, before anyone signs
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

#include <math.h>
#include <string.h>

#include "assay-day.h"
#include "assay-replica-values.h"
#include "assay-stats-rank.h"
#include "assay-weights.h"
#include "assay-weights-what-if.h"

/* Every account's scores before and after, in account order. */
typedef struct
{
  GArray *ids;             /* guint64 */
  GArray *before, *after;  /* double, at a millionth of a point */
  GArray *levels;          /* guint8 pairs: before, after */
  GArray *tiers;           /* guint8 pairs */
  GArray *dominant;        /* gint8, before */
} Pass;

static void
pass_init (Pass *p)
{
  p->ids = g_array_new (FALSE, FALSE, sizeof (guint64));
  p->before = g_array_new (FALSE, FALSE, sizeof (double));
  p->after = g_array_new (FALSE, FALSE, sizeof (double));
  p->levels = g_array_new (FALSE, FALSE, sizeof (guint8));
  p->tiers = g_array_new (FALSE, FALSE, sizeof (guint8));
  p->dominant = g_array_new (FALSE, FALSE, sizeof (gint8));
}

static void
pass_clear (Pass *p)
{
  g_array_unref (p->ids);
  g_array_unref (p->before);
  g_array_unref (p->after);
  g_array_unref (p->levels);
  g_array_unref (p->tiers);
  g_array_unref (p->dominant);
}

/* Values are compared at a millionth of a point: two computations of the
 * same value (from the sums, from the entries) agree to about 1e-12, and
 * a rank, a tie or a histogram bin must not hang on that. */
static double
micro_points (double value)
{
  return floor (value * 1e6 + 0.5) / 1e6;
}

static gboolean
collect_cb (const AssayScore *before,
            const AssayScore *after,
            gsize             n,
            gpointer          user_data,
            GError          **error)
{
  Pass *p = user_data;
  guint start = p->ids->len;
  guint64 *ids;
  double *b, *a;
  guint8 *levels, *tiers;
  gint8 *dominant;

  /* A chunk at a time: ten million appends one by one cost more than
   * the scoring. */
  g_array_set_size (p->ids, start + n);
  g_array_set_size (p->before, start + n);
  g_array_set_size (p->after, start + n);
  g_array_set_size (p->levels, 2 * (start + n));
  g_array_set_size (p->tiers, 2 * (start + n));
  g_array_set_size (p->dominant, start + n);
  ids = &g_array_index (p->ids, guint64, start);
  b = &g_array_index (p->before, double, start);
  a = &g_array_index (p->after, double, start);
  levels = &g_array_index (p->levels, guint8, 2 * start);
  tiers = &g_array_index (p->tiers, guint8, 2 * start);
  dominant = &g_array_index (p->dominant, gint8, start);
  for (gsize i = 0; i < n; i++)
    {
      ids[i] = before[i].account_id;
      b[i] = micro_points (before[i].value);
      a[i] = micro_points (after[i].value);
      levels[2 * i] = before[i].level;
      levels[2 * i + 1] = after[i].level;
      tiers[2 * i] = before[i].n_tiers;
      tiers[2 * i + 1] = after[i].n_tiers;
      dominant[i] = before[i].dominant_dimension;
    }
  return TRUE;
}

/* ---- rank agreement, in a thread of its own beside the rest ------------------------------------ */

typedef struct
{
  AssayWeightsWhatIf *w;
  const double       *before, *after;
  GError             *error;
} RankJob;

static gpointer
rank_thread (gpointer data)
{
  RankJob *job = data;
  AssayWeightsWhatIf *w = job->w;

  assay_stats_rank_agreement (job->before, job->after, w->n, &w->kendall_tau_b, &w->spearman_rho, &job->error);
  return NULL;
}

static gboolean
top_k_kept (AssayWeightsWhatIf  *w,
            const double        *before,
            const double        *after,
            GError             **error)
{
  w->top100_k = MIN (100, w->n);
  w->top1pct_k = (w->n + 99) / 100;
  return assay_stats_top_k_kept (before, after, w->n, w->top100_k, &w->top100_kept, error) &&
         assay_stats_top_k_kept (before, after, w->n, w->top1pct_k, &w->top1pct_kept, error);
}

/* ---- histogram ---------------------------------------------------------------------------- */

/* The k-th smallest (0-based) of v[0 … n − 1], reordering v (a three-way
 * quickselect: equal values, which are many, end the search at once). */
static double
select_kth (double *v,
            gsize   n,
            gsize   k)
{
  gsize lo = 0, hi = n;

  while (hi - lo > 1)
    {
      double pivot = v[lo + (hi - lo) / 2];
      gsize lt = lo, i = lo, gt = hi;

      /* [lo, lt) < pivot, [lt, i) == pivot, [gt, hi) > pivot */
      while (i < gt)
        {
          double x = v[i];

          if (x < pivot)
            {
              v[i++] = v[lt];
              v[lt++] = x;
            }
          else if (x > pivot)
            {
              v[i] = v[--gt];
              v[gt] = x;
            }
          else
            i++;
        }
      if (k < lt)
        hi = lt;
      else if (k >= gt)
        lo = gt;
      else
        return pivot;
    }
  return v[lo];
}

/* The value of rank ⌈0.99 n⌉. */
static double
percentile_99 (const double *values,
               gsize         n)
{
  g_autofree double *copy = g_memdup2 (values, n * sizeof (double));
  gsize rank = (gsize) ceil (0.99 * n);

  return select_kth (copy, n, MAX (rank, 1) - 1);
}

double
assay_weights_what_if_edge (const AssayWeightsWhatIf *w,
                            guint                     i)
{
  return w->histogram_upper * i / ASSAY_WHAT_IF_BINS;
}

/* The bin of `value`: compared with the edges exactly as they are
 * reported, so that a value on an edge is where the report says. */
static guint
bin_of (const AssayWeightsWhatIf *w,
        double                    value)
{
  guint i;

  if (value < 0)
    return 0;
  if (value >= w->histogram_upper)
    return ASSAY_WHAT_IF_BINS + 1;
  i = MIN ((guint) (value / w->histogram_upper * ASSAY_WHAT_IF_BINS), ASSAY_WHAT_IF_BINS - 1);
  while (i > 0 && value < assay_weights_what_if_edge (w, i))
    i--;
  while (i + 1 < ASSAY_WHAT_IF_BINS && value >= assay_weights_what_if_edge (w, i + 1))
    i++;
  return 1 + i;
}

static void
histogram (AssayWeightsWhatIf *w,
           const double       *before,
           const double       *after)
{
  w->histogram_upper = MAX (percentile_99 (before, w->n), percentile_99 (after, w->n));
  if (!(w->histogram_upper > 0))
    w->histogram_upper = 1;
  for (gsize i = 0; i < w->n; i++)
    {
      w->before_bins[bin_of (w, before[i])]++;
      w->after_bins[bin_of (w, after[i])]++;
    }
}

/* ---- crossings and groups ------------------------------------------------------------------ */

static void
add_to_group (AssayWhatIfGroup *g,
              double            before,
              double            after)
{
  g->n++;
  g->total_before += before;
  g->total_after += after;
  g->n_up += after > before;
  g->n_down += after < before;
}

/* Counties are six-digit codes: a slot per possible code finds an
 * account's group in constant time, so the grouping stays linear in the
 * accounts. */
#define COUNTY_CODES 1000000

static void
group_by_county (AssayWeightsWhatIf *w,
                 const guint32      *counties,
                 const double       *before,
                 const double       *after)
{
  g_autofree guint32 *slot_of = g_new0 (guint32, COUNTY_CODES);
  g_autoptr(GArray) groups = g_array_new (FALSE, TRUE, sizeof (AssayWhatIfGroup));
  guint n_groups = 0;

  for (gsize i = 0; i < w->n; i++)
    {
      guint32 county = counties[i] < COUNTY_CODES ? counties[i] : 0;

      if (slot_of[county] == 0)
        {
          g_array_set_size (groups, ++n_groups);
          slot_of[county] = n_groups;
        }
      add_to_group (&g_array_index (groups, AssayWhatIfGroup, slot_of[county] - 1), before[i], after[i]);
    }
  /* Walking the codes upwards gives the groups in code order. */
  for (guint32 county = 0; county < COUNTY_CODES; county++)
    if (slot_of[county] != 0)
      {
        AssayWhatIfGroup g = g_array_index (groups, AssayWhatIfGroup, slot_of[county] - 1);
        char code[7];

        g_snprintf (code, sizeof code, "%06u", county);
        g.id = county == 0 ? "none" : g_intern_string (code);
        g_array_append_val (w->by_county, g);
      }
}

static gboolean
crossings_and_groups (AssayWeightsWhatIf  *w,
                      AssayReplica        *replica,
                      const Pass          *p,
                      GError             **error)
{
  g_autoptr(GArray) crossed = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autofree guint8 *kinds = g_malloc (w->n);
  g_autofree guint32 *counties = g_new (guint32, w->n);
  g_auto(GStrv) names = NULL;
  const double *before = (const double *) p->before->data, *after = (const double *) p->after->data;
  const guint8 *levels = (const guint8 *) p->levels->data, *tiers = (const guint8 *) p->tiers->data;
  const guint64 *ids = (const guint64 *) p->ids->data;
  guint k = 0;

  if (!assay_replica_account_kinds (replica, ids, w->n, kinds, error) ||
      !assay_replica_account_counties (replica, ids, w->n, counties, error))
    return FALSE;
  group_by_county (w, counties, before, after);
  for (int d = 0; d <= ASSAY_N_DIMENSIONS; d++)
    w->by_dimension[d].id = d < ASSAY_N_DIMENSIONS ? assay_dimension_to_id (d) : "none";
  for (int kind = 0; kind < ASSAY_N_ACCOUNT_KINDS; kind++)
    w->by_kind[kind].id = assay_account_kind_to_id (kind);
  for (gsize i = 0; i < w->n; i++)
    {
      int level = levels[2 * i + 1] - levels[2 * i];
      int tier = tiers[2 * i + 1] - tiers[2 * i];
      gint8 dominant = g_array_index (p->dominant, gint8, i);

      w->total_before += before[i];
      w->total_after += after[i];
      w->level_up += level > 0;
      w->level_down += level < 0;
      w->tier_up += tier > 0;
      w->tier_down += tier < 0;
      if (level != 0 || tier != 0)
        g_array_append_val (crossed, ids[i]);
      add_to_group (&w->by_dimension[dominant >= 0 ? dominant : ASSAY_N_DIMENSIONS], before[i], after[i]);
      if (kinds[i] < ASSAY_N_ACCOUNT_KINDS)
        add_to_group (&w->by_kind[kinds[i]], before[i], after[i]);
    }
  names = assay_replica_account_names (replica, (const guint64 *) crossed->data, crossed->len, error);
  if (names == NULL)
    return FALSE;
  for (gsize i = 0; i < w->n && k < crossed->len; i++)
    if (ids[i] == g_array_index (crossed, guint64, k))
      {
        AssayWhatIfCrossing *c = g_new0 (AssayWhatIfCrossing, 1);

        c->account = g_strdup (names[k++]);
        c->before = before[i];
        c->after = after[i];
        c->level_before = levels[2 * i];
        c->level_after = levels[2 * i + 1];
        c->tiers_before = tiers[2 * i];
        c->tiers_after = tiers[2 * i + 1];
        g_ptr_array_add (w->crossings, c);
      }
  return TRUE;
}

/* ---- the run -------------------------------------------------------------------------------- */

static void
crossing_free (gpointer data)
{
  AssayWhatIfCrossing *c = data;

  g_free (c->account);
  g_free (c);
}

void
assay_weights_what_if_free (AssayWeightsWhatIf *w)
{
  if (w == NULL)
    return;
  g_clear_pointer (&w->crossings, g_ptr_array_unref);
  g_clear_pointer (&w->by_county, g_array_unref);
  g_clear_pointer (&w->account_ids, g_array_unref);
  g_clear_pointer (&w->values_before, g_array_unref);
  g_clear_pointer (&w->values_after, g_array_unref);
  g_free (w);
}

static gboolean
check_proposal (const gint64   basis_points[ASSAY_N_DIMENSIONS],
                guint32        as_of,
                GError       **error)
{
  AssayWeights weights;

  memcpy (weights.basis_points, basis_points, sizeof weights.basis_points);
  /* Only the ranges and the sum are the what-if's business. */
  weights.effective_day = assay_weights_first_quarter_start (as_of);
  return assay_weights_check (&weights, error);
}

AssayWeightsWhatIf *
assay_weights_what_if_run (AssayScorer   *scorer,
                           const gint64   basis_points[ASSAY_N_DIMENSIONS],
                           GError       **error)
{
  g_autoptr(AssayWeightsWhatIf) w = g_new0 (AssayWeightsWhatIf, 1);
  const AssayWeightsSchedule *schedule = assay_scorer_get_schedule (scorer);
  AssayReplica *replica = assay_scorer_get_replica (scorer);
  Pass p;
  gboolean ok;

  w->as_of = assay_scorer_get_as_of (scorer);
  if (!check_proposal (basis_points, w->as_of, error))
    return NULL;
  w->crossings = g_ptr_array_new_with_free_func (crossing_free);
  w->by_county = g_array_new (FALSE, TRUE, sizeof (AssayWhatIfGroup));
  w->replaced = *assay_weights_schedule_on (schedule, w->as_of);
  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    {
      w->proposed[d] = basis_points[d];
      w->multiplier[d] = 6.0 * basis_points[d] / 10000.0;
    }
  pass_init (&p);
  ok = assay_scorer_foreach_pair (scorer, assay_weights_schedule_period_of (schedule, w->as_of), w->multiplier,
                                  collect_cb, &p, error);
  w->n = p.ids->len;
  if (ok && w->n > 0)
    {
      const double *before = (const double *) p.before->data, *after = (const double *) p.after->data;

      /* τ-b and ρ, the largest part, beside everything else. */
      RankJob job = { w, before, after, NULL };
      GThread *thread = g_thread_new ("assay-rank-agreement", rank_thread, &job);

      histogram (w, before, after);
      ok = top_k_kept (w, before, after, error) && crossings_and_groups (w, replica, &p, error);
      g_thread_join (thread);
      if (job.error != NULL && ok)
        {
          g_propagate_error (error, job.error);
          ok = FALSE;
        }
      g_clear_error (&job.error);
    }
  w->account_ids = g_array_ref (p.ids);
  w->values_before = g_array_ref (p.before);
  w->values_after = g_array_ref (p.after);
  pass_clear (&p);
  return ok ? g_steal_pointer (&w) : NULL;
}
