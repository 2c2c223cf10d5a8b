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
#include "assay-large.h"
#include "assay-replica-values.h"
#include "assay-stats-rank.h"
#include "assay-weights.h"
#include "assay-weights-what-if.h"

/* Every account's scores before and after, each first at the place of
 * its account number (the chunks arrive from several threads), then
 * moved down over the numbers no account has: in account order. */
typedef struct
{
  gsize     capacity;
  gsize     n;
  guint8   *present;
  guint64  *ids;
  double   *before, *after;  /* at a millionth of a point */
  guint8   *levels;          /* pairs: before, after */
  guint8   *tiers;           /* pairs */
  gint8    *dominant;        /* before */
  guint8   *kinds;
  guint32  *counties;
} Pass;

static void
pass_clear (Pass *p)
{
  g_free (p->present);
  g_free (p->ids);
  g_free (p->before);
  g_free (p->after);
  g_free (p->levels);
  g_free (p->tiers);
  g_free (p->dominant);
  g_free (p->kinds);
  g_free (p->counties);
}

static gboolean
pass_start (gsize     number_bound,
            gpointer  user_data,
            GError  **error)
{
  Pass *p = user_data;

  p->capacity = MAX (number_bound, 1);
  p->present = assay_large_new0 (guint8, p->capacity);
  p->ids = assay_large_new (guint64, p->capacity);
  p->before = assay_large_new (double, p->capacity);
  p->after = assay_large_new (double, p->capacity);
  p->levels = assay_large_new (guint8, 2 * p->capacity);
  p->tiers = assay_large_new (guint8, 2 * p->capacity);
  p->dominant = assay_large_new (gint8, p->capacity);
  p->kinds = assay_large_new (guint8, p->capacity);
  p->counties = assay_large_new (guint32, p->capacity);
  return TRUE;
}

/* Moves the entries [from, from + len) down to `to`. */
static void
pass_move (Pass  *p,
           gsize  from,
           gsize  to,
           gsize  len)
{
  memmove (p->ids + to, p->ids + from, len * sizeof *p->ids);
  memmove (p->before + to, p->before + from, len * sizeof *p->before);
  memmove (p->after + to, p->after + from, len * sizeof *p->after);
  memmove (p->levels + 2 * to, p->levels + 2 * from, 2 * len * sizeof *p->levels);
  memmove (p->tiers + 2 * to, p->tiers + 2 * from, 2 * len * sizeof *p->tiers);
  memmove (p->dominant + to, p->dominant + from, len * sizeof *p->dominant);
  memmove (p->kinds + to, p->kinds + from, len * sizeof *p->kinds);
  memmove (p->counties + to, p->counties + from, len * sizeof *p->counties);
}

/* Numbers without an account leave gaps: number 0, which the replica
 * never gives, and an erased account's.  Each run of accounts moves down
 * at once. */
static void
pass_close_gaps (Pass *p)
{
  gsize n = 0, i = 0;

  while (i < p->capacity)
    {
      gsize start;

      while (i < p->capacity && !p->present[i])
        i++;
      start = i;
      while (i < p->capacity && p->present[i])
        i++;
      if (start != n)
        pass_move (p, start, n, i - start);
      n += i - start;
    }
  p->n = n;
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
collect_cb (const AssayScorePairs  *pairs,
            gpointer                user_data,
            GError                **error)
{
  Pass *p = user_data;

  for (gsize i = 0; i < pairs->n; i++)
    {
      gsize at = pairs->before[i].account_id;

      g_assert (at < p->capacity);
      p->present[at] = TRUE;
      p->ids[at] = pairs->before[i].account_id;
      p->before[at] = micro_points (pairs->before[i].value);
      p->after[at] = micro_points (pairs->after[i].value);
      p->levels[2 * at] = pairs->before[i].level;
      p->levels[2 * at + 1] = pairs->after[i].level;
      p->tiers[2 * at] = pairs->before[i].n_tiers;
      p->tiers[2 * at + 1] = pairs->after[i].n_tiers;
      p->dominant[at] = pairs->before[i].dominant_dimension;
      p->kinds[at] = pairs->kind[i];
      p->counties[at] = pairs->county[i];
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

static void
min_heap_sift_up (double *heap,
                  gsize   i)
{
  while (i > 0 && heap[(i - 1) / 2] > heap[i])
    {
      double tmp = heap[i];

      heap[i] = heap[(i - 1) / 2];
      heap[(i - 1) / 2] = tmp;
      i = (i - 1) / 2;
    }
}

static void
min_heap_sift_down (double *heap,
                    gsize   len)
{
  gsize i = 0;

  for (;;)
    {
      gsize least = i, left = 2 * i + 1, right = 2 * i + 2;
      double tmp;

      if (left < len && heap[left] < heap[least])
        least = left;
      if (right < len && heap[right] < heap[least])
        least = right;
      if (least == i)
        return;
      tmp = heap[i];
      heap[i] = heap[least];
      heap[least] = tmp;
      i = least;
    }
}

/* The k-th largest of v[0 … n − 1] (1 ≤ k ≤ n): the root of a heap of
 * the k largest seen.  k is about n / 100, so most values fall below the
 * root and cost one comparison, and v is not copied. */
static double
kth_largest (const double *v,
             gsize         n,
             gsize         k)
{
  g_autofree double *heap = g_new (double, k);
  gsize len = 0;

  for (gsize i = 0; i < n; i++)
    if (len < k)
      {
        heap[len] = v[i];
        min_heap_sift_up (heap, len++);
      }
    else if (v[i] > heap[0])
      {
        heap[0] = v[i];
        min_heap_sift_down (heap, k);
      }
  return heap[0];
}

/* The value of rank ⌈0.99 n⌉, counting from the smallest. */
static double
percentile_99 (const double *values,
               gsize         n)
{
  gsize rank = MAX ((gsize) ceil (0.99 * n), 1);

  return kth_largest (values, n, n - rank + 1);
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

static void
crossings_and_groups (AssayWeightsWhatIf  *w,
                      const Pass          *p)
{
  group_by_county (w, p->counties, p->before, p->after);
  for (int d = 0; d <= ASSAY_N_DIMENSIONS; d++)
    w->by_dimension[d].id = d < ASSAY_N_DIMENSIONS ? assay_dimension_to_id (d) : "none";
  for (int kind = 0; kind < ASSAY_N_ACCOUNT_KINDS; kind++)
    w->by_kind[kind].id = assay_account_kind_to_id (kind);
  for (gsize i = 0; i < w->n; i++)
    {
      int level = p->levels[2 * i + 1] - p->levels[2 * i];
      int tier = p->tiers[2 * i + 1] - p->tiers[2 * i];
      gint8 dominant = p->dominant[i];

      w->total_before += p->before[i];
      w->total_after += p->after[i];
      w->level_up += level > 0;
      w->level_down += level < 0;
      w->tier_up += tier > 0;
      w->tier_down += tier < 0;
      if (level != 0 || tier != 0)
        {
          AssayWhatIfCrossing c = { p->ids[i], NULL, p->before[i], p->after[i], p->levels[2 * i],
                                    p->levels[2 * i + 1], p->tiers[2 * i], p->tiers[2 * i + 1] };

          g_array_append_val (w->crossings, c);
        }
      add_to_group (&w->by_dimension[dominant >= 0 ? dominant : ASSAY_N_DIMENSIONS], p->before[i], p->after[i]);
      if (p->kinds[i] < ASSAY_N_ACCOUNT_KINDS)
        add_to_group (&w->by_kind[p->kinds[i]], p->before[i], p->after[i]);
    }
}

gboolean
assay_weights_what_if_name_crossings (AssayWeightsWhatIf  *w,
                                      AssayReplica        *replica,
                                      gsize                first,
                                      gsize                n,
                                      GError             **error)
{
  g_autofree guint64 *ids = NULL;
  g_autofree char **names = NULL;   /* its strings go to the crossings */

  g_return_val_if_fail (w != NULL && ASSAY_IS_REPLICA (replica), FALSE);
  g_return_val_if_fail (first <= w->crossings->len && n <= w->crossings->len - first, FALSE);

  ids = g_new (guint64, MAX (n, 1));
  for (gsize k = 0; k < n; k++)
    ids[k] = g_array_index (w->crossings, AssayWhatIfCrossing, first + k).account_id;
  if ((names = assay_replica_account_names (replica, ids, n, error)) == NULL)
    return FALSE;
  for (gsize k = 0; k < n; k++)
    {
      AssayWhatIfCrossing *c = &g_array_index (w->crossings, AssayWhatIfCrossing, first + k);

      g_free (c->account);
      c->account = names[k];
    }
  return TRUE;
}

/* ---- the run -------------------------------------------------------------------------------- */

static void
crossing_clear (gpointer data)
{
  AssayWhatIfCrossing *c = data;

  g_free (c->account);
}

void
assay_weights_what_if_free (AssayWeightsWhatIf *w)
{
  if (w == NULL)
    return;
  g_clear_pointer (&w->crossings, g_array_unref);
  g_clear_pointer (&w->by_county, g_array_unref);
  g_free (w->account_ids);
  g_free (w->values_before);
  g_free (w->values_after);
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
  Pass p = { 0 };
  gboolean ok;

  w->as_of = assay_scorer_get_as_of (scorer);
  if (!check_proposal (basis_points, w->as_of, error))
    return NULL;
  w->crossings = g_array_new (FALSE, FALSE, sizeof (AssayWhatIfCrossing));
  g_array_set_clear_func (w->crossings, crossing_clear);
  w->by_county = g_array_new (FALSE, TRUE, sizeof (AssayWhatIfGroup));
  w->replaced = *assay_weights_schedule_on (schedule, w->as_of);
  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    {
      w->proposed[d] = basis_points[d];
      w->multiplier[d] = 6.0 * basis_points[d] / 10000.0;
    }
  ok = assay_scorer_foreach_pair (scorer, assay_weights_schedule_period_of (schedule, w->as_of), w->multiplier,
                                  pass_start, collect_cb, &p, error);
  if (ok)
    pass_close_gaps (&p);
  w->n = p.n;
  if (ok && w->n > 0)
    {
      /* τ-b and ρ, the largest part, beside everything else. */
      RankJob job = { w, p.before, p.after, NULL };
      GThread *thread = g_thread_new ("assay-rank-agreement", rank_thread, &job);

      histogram (w, p.before, p.after);
      crossings_and_groups (w, &p);
      ok = top_k_kept (w, p.before, p.after, error) &&
           assay_weights_what_if_name_crossings (w, replica, 0, MIN (w->crossings->len, ASSAY_WHAT_IF_NAMED),
                                                 error);
      g_thread_join (thread);
      if (job.error != NULL && ok)
        {
          g_propagate_error (error, job.error);
          ok = FALSE;
        }
      g_clear_error (&job.error);
    }
  w->account_ids = g_steal_pointer (&p.ids);
  w->values_before = g_steal_pointer (&p.before);
  w->values_after = g_steal_pointer (&p.after);
  pass_clear (&p);
  return ok ? g_steal_pointer (&w) : NULL;
}
