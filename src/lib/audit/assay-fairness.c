/* assay-fairness.c — the Article W fairness test over arrays
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

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "assay-error.h"
#include "assay-fairness-private.h"
#include "assay-large.h"
#include "assay-stats-binomial.h"
#include "assay-stats-median.h"
#include "assay-stats-multiplicity.h"
#include "assay-stats-quantreg.h"

/* With at most this many distinct SES values, AUTO treats SES as discrete. */
#define MAX_DISCRETE_SES 20

/* Combinations are tested in parallel by at most this many threads: each
 * holds buffers the size of the cohort, and there are only 11 of them at
 * the default depth. */
#define MAX_THREADS 4

/* One SES cell's prediction for some of a group's members. */
typedef struct
{
  double value;
  gsize  count;
} Prediction;

/* Buffers reused from group to group. */
typedef struct
{
  double     *obs;
  double     *res;
  double     *pred;       /* continuous: each member's prediction */
  Prediction *cells;      /* discrete: one per SES cell */
  FairnessWork work;      /* the combinations' */
  double     *x;          /* continuous: the reference's SES and outcomes */
  double     *y;
  gboolean   *in_group;
} Scratch;

void
assay_fairness_options_init (AssayFairnessOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (AssayFairnessOptions) {
    .alpha = 0.01,
    .min_n = 30,
    .min_cell_n = 30,
    .ratio_low = 0.8,
    .ratio_high = 1.25,
    .ses = ASSAY_FAIRNESS_SES_AUTO,
    .correction = ASSAY_FAIRNESS_HOLM,
    .outcome = ASSAY_FAIRNESS_OUTCOME_POINTS,
  };
}

void
assay_fairness_group_free (AssayFairnessGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->value);
  g_strfreev (group->names);
  g_strfreev (group->values);
  g_free (group);
}

void
assay_fairness_result_free (AssayFairnessResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->groups, g_ptr_array_unref);
  g_free (result);
}

static int
compare_predictions (gconstpointer a,
                     gconstpointer b)
{
  double x = ((const Prediction *) a)->value, y = ((const Prediction *) b)->value;

  return (x > y) - (x < y);
}

/* Numbers each account's SES value by increasing value; returns how many
 * distinct values there are. */
static guint
index_cells (const double *ses,
             gsize         n,
             guint        *cell)
{
  g_autofree guint64 *key = assay_large_new (guint64, n);
  g_autofree guint *account = assay_large_new (guint, n);
  guint n_cells = 0;

  for (gsize i = 0; i < n; i++)
    {
      key[i] = _assay_fairness_double_key (ses[i]);
      account[i] = i;
    }
  _assay_fairness_radix_sort (key, account, n);
  for (gsize i = 0; i < n; i++)
    {
      /* −0 and +0 are one SES value, as they compare equal. */
      if (i > 0 && ses[account[i]] != ses[account[i - 1]])
        n_cells++;
      cell[account[i]] = n_cells;
    }
  return n > 0 ? n_cells + 1 : 0;
}

/* The accounts by SES cell, then by outcome (discrete); or as they are. */
static void
order_accounts (FairnessOrder *o,
                const double  *y,
                const guint   *cell,
                gboolean       discrete)
{
  g_autofree guint64 *key = assay_large_new (guint64, o->n);
  g_autofree guint *by_y = assay_large_new (guint, o->n);
  g_autofree gsize *fill = NULL;

  o->account = assay_large_new (guint, o->n);
  o->cell_start = g_new0 (gsize, o->n_cells + 1);
  for (gsize i = 0; i < o->n; i++)
    {
      key[i] = discrete ? _assay_fairness_double_key (y[i]) : 0;
      by_y[i] = i;
      o->cell_start[(discrete ? cell[i] : 0) + 1]++;
    }
  if (discrete)
    _assay_fairness_radix_sort (key, by_y, o->n);
  for (guint c = 0; c < o->n_cells; c++)
    o->cell_start[c + 1] += o->cell_start[c];
  fill = g_memdup2 (o->cell_start, (o->n_cells + 1) * sizeof (gsize));
  /* A stable counting sort by cell keeps the outcome order within it. */
  for (gsize i = 0; i < o->n; i++)
    o->account[fill[discrete ? cell[by_y[i]] : 0]++] = by_y[i];
}

static int
compare_levels (gconstpointer a,
                gconstpointer b,
                gpointer      levels)
{
  return strcmp (((const char * const *) levels)[*(const guint *) a],
                 ((const char * const *) levels)[*(const guint *) b]);
}

/* Each attribute's levels in byte order: `level_of_rank` for the output,
 * `rank_of_level` for the groups. */
static void
rank_levels (const AssayFairnessAttribute *attributes,
             guint                         n_attributes,
             guint                      ***out_level_of_rank,
             guint                      ***out_rank_of_level)
{
  guint **level_of_rank = g_new0 (guint *, n_attributes + 1);
  guint **rank_of_level = g_new0 (guint *, n_attributes + 1);

  for (guint a = 0; a < n_attributes; a++)
    {
      const AssayFairnessAttribute *attr = &attributes[a];

      level_of_rank[a] = g_new (guint, MAX (attr->n_levels, 1));
      rank_of_level[a] = g_new (guint, MAX (attr->n_levels, 1));
      for (guint l = 0; l < attr->n_levels; l++)
        level_of_rank[a][l] = l;
      g_qsort_with_data (level_of_rank[a], attr->n_levels, sizeof (guint), compare_levels,
                         (gpointer) attr->levels);
      for (guint r = 0; r < attr->n_levels; r++)
        rank_of_level[a][level_of_rank[a][r]] = r;
    }
  *out_level_of_rank = level_of_rank;
  *out_rank_of_level = rank_of_level;
}

/* The outcome, cell and ranks of the account at each position.  They are
 * first packed into one row per account, in account order (sequential
 * reads), so that each position then fetches one row from wherever its
 * account is: one cache miss instead of one per array, which on ten
 * million accounts is most of the setup's time. */
static void
gather_positions (FairnessOrder                *o,
                  const double                 *y,
                  const guint                  *cell,
                  const AssayFairnessAttribute *attributes,
                  guint                         n_attributes,
                  guint * const                *rank_of_level)
{
  gsize width = 3 + n_attributes;
  g_autofree guint *row = assay_large_new (guint, o->n * width);

  for (gsize i = 0; i < o->n; i++)
    {
      guint *r = row + i * width;

      memcpy (r, &y[i], sizeof (double));
      r[2] = cell != NULL ? cell[i] : 0;
      for (guint a = 0; a < n_attributes; a++)
        r[3 + a] = rank_of_level[a][attributes[a].code[i]];
    }
  o->y = assay_large_new (double, o->n);
  o->cell = assay_large_new (guint, o->n);
  o->rank = g_new0 (guint *, n_attributes + 1);
  for (guint a = 0; a < n_attributes; a++)
    o->rank[a] = assay_large_new (guint, o->n);
  for (gsize p = 0; p < o->n; p++)
    {
      const guint *r = row + (gsize) o->account[p] * width;

      memcpy (&o->y[p], r, sizeof (double));
      o->cell[p] = r[2];
      for (guint a = 0; a < n_attributes; a++)
        o->rank[a][p] = r[3 + a];
    }
}

/* Frees a NULL-terminated array of arrays. */
static void
free_table (guint **table)
{
  for (guint i = 0; table != NULL && table[i] != NULL; i++)
    g_free (table[i]);
  g_free (table);
}

static void
order_clear (FairnessOrder *o)
{
  g_free (o->account);
  g_free (o->y);
  g_free (o->cell);
  g_free (o->cell_start);
  free_table (o->rank);
}

/* The median outcome of cell c over its accounts that are not among
 * `members` (the group's m positions in that cell, increasing); NaN for
 * fewer than min_cell_n of them.  The cell's outcomes are sorted, so the
 * k-th that is not the group's is found by stepping past each member at
 * or before it: O(m), not a copy and a sort of the cell per group. */
static double
leave_out_median (const FairnessOrder *o,
                  guint                c,
                  const guint         *members,
                  gsize                m,
                  guint                min_cell_n)
{
  gsize base = o->cell_start[c];
  gsize n_ref = o->cell_start[c + 1] - base - m;
  gsize pos, j = 0;
  double lower;

  if (n_ref < MAX (min_cell_n, 1))
    return NAN;
  pos = (n_ref - 1) / 2;
  while (j < m && members[j] - base <= pos)
    pos++, j++;
  lower = o->y[base + pos];
  if (n_ref % 2 == 1)
    return lower;
  /* R's median of an even count: the mean of the two middle values. */
  pos++;
  while (j < m && members[j] - base <= pos)
    pos++, j++;
  return (lower + o->y[base + pos]) / 2;
}

/* The median of the members' predictions, each cell's value counted as
 * often as it has members: the same number as the median of the list. */
static double
weighted_median (Prediction *cells,
                 gsize       n_cells,
                 gsize       m)
{
  double middle[2] = { NAN, NAN };
  gsize want[2] = { (m - 1) / 2, m / 2 }, seen = 0;

  if (m == 0)
    return NAN;
  qsort (cells, n_cells, sizeof (Prediction), compare_predictions);
  for (gsize c = 0, w = 0; c < n_cells && w < 2; c++)
    {
      seen += cells[c].count;
      while (w < 2 && want[w] < seen)
        middle[w++] = cells[c].value;
    }
  return (middle[0] + middle[1]) / 2;
}

static double
effect_ratio (double observed,
              double predicted)
{
  if (predicted > 0)
    return observed / predicted;
  if (predicted == 0 && observed > 0)
    return INFINITY;
  return NAN;
}

/* [r₍k₎, r₍m−k+1₎] of residuals that assay_stats_median_select has split
 * at m/2: k ≤ m/2, so the lower end is selected among the m/2 below and
 * the upper among those above, half the work of two whole selections. */
static void
residual_interval (double *res,
                   gsize   m,
                   double  alpha,
                   double  ci[2])
{
  guint k = assay_stats_median_interval_rank (m, alpha);
  gsize half = m / 2;

  if (k == 0)
    {
      ci[0] = -INFINITY;
      ci[1] = INFINITY;
      return;
    }
  g_assert (k <= half);
  ci[0] = assay_stats_select (res, half, k - 1);
  ci[1] = m - k == half ? res[half] : assay_stats_select (res + half + 1, m - half - 1, m - k - half - 1);
}

/* The medians, the interval and the raw sign tests of a group's m tested
 * members (obs and res are reordered). */
static void
summarise (AssayFairnessGroup         *out,
           double                     *obs,
           double                     *res,
           gsize                       m,
           double                      predicted_median,
           const AssayFairnessOptions *options)
{
  out->n_tested = m;
  out->observed_median = assay_stats_median_select (obs, m);
  out->predicted_median = predicted_median;
  out->residual_median = assay_stats_median_select (res, m);
  out->residual_ci[0] = out->residual_ci[1] = NAN;
  if (m > 0)
    residual_interval (res, m, options->alpha, out->residual_ci);
  out->ratio = effect_ratio (out->observed_median, out->predicted_median);
  out->p_below = out->p_above = out->p_below_adjusted = out->p_above_adjusted = NAN;
  if (m < options->min_n)
    {
      out->verdict = ASSAY_FAIRNESS_INSUFFICIENT;
      return;
    }
  for (gsize i = 0; i < m; i++)
    {
      out->n_nonzero += res[i] != 0;
      out->n_positive += res[i] > 0;
    }
  out->p_below = assay_stats_binom_test (out->n_positive, out->n_nonzero, 0.5, ASSAY_STATS_LESS);
  out->p_above = assay_stats_binom_test (out->n_positive, out->n_nonzero, 0.5, ASSAY_STATS_GREATER);
}

/* Discrete SES: the group's members come cell by cell, each cell's in
 * increasing outcome; `y` and `cell` are theirs, alongside `members`. */
static AssayFairnessGroup *
test_discrete_group (const FairnessOrder        *o,
                     const guint                *members,
                     const double               *y,
                     const guint                *cell,
                     gsize                       m_all,
                     const AssayFairnessOptions *options,
                     Scratch                    *s)
{
  AssayFairnessGroup *out = g_new0 (AssayFairnessGroup, 1);
  gsize m = 0, n_cells = 0;

  out->n = m_all;
  for (gsize j = 0, end; j < m_all; j = end)
    {
      guint c = cell[j];
      double pred;

      for (end = j; end < m_all && cell[end] == c; end++)
        ;
      pred = leave_out_median (o, c, members + j, end - j, options->min_cell_n);
      if (isnan (pred))
        continue;
      s->cells[n_cells++] = (Prediction) { pred, end - j };
      for (gsize i = j; i < end; i++)
        {
          s->obs[m] = y[i];
          s->res[m++] = y[i] - pred;
        }
    }
  summarise (out, s->obs, s->res, m, weighted_median (s->cells, n_cells, m), options);
  return out;
}

/* Continuous SES: the median regression fitted on everybody else. */
static AssayFairnessGroup *
test_continuous_group (const FairnessOrder        *o,
                       const double               *ses,
                       const guint                *members,
                       gsize                       m_all,
                       const AssayFairnessOptions *options,
                       Scratch                    *s,
                       GError                    **error)
{
  g_autoptr(AssayFairnessGroup) out = g_new0 (AssayFairnessGroup, 1);
  double a = 0, b = 0;
  gsize m_ref = 0, m = 0;

  out->n = m_all;
  for (gsize j = 0; j < m_all; j++)
    s->in_group[members[j]] = TRUE;
  for (gsize i = 0; i < o->n; i++)
    if (!s->in_group[i])
      {
        s->x[m_ref] = ses[i];
        s->y[m_ref++] = o->y[i];
      }
  for (gsize j = 0; j < m_all; j++)
    s->in_group[members[j]] = FALSE;
  if (m_ref >= MAX (options->min_cell_n, 2))
    {
      if (!assay_stats_median_regression (s->x, s->y, m_ref, &a, &b, error))
        return NULL;
      for (gsize j = 0; j < m_all; j++, m++)
        {
          s->pred[m] = a + b * ses[members[j]];
          s->obs[m] = o->y[members[j]];
          s->res[m] = s->obs[m] - s->pred[m];
        }
    }
  summarise (out, s->obs, s->res, m, assay_stats_median_select (s->pred, m), options);
  return g_steal_pointer (&out);
}
/* Adjusts every tested group's two p values together, then gives the
 * verdicts. */
static void
adjust_and_judge (GPtrArray                  *groups,
                  const AssayFairnessOptions *options,
                  guint                      *out_n_tests)
{
  g_autofree double *p = g_new (double, 2 * groups->len + 1);
  g_autofree double *adjusted = g_new (double, 2 * groups->len + 1);
  gsize k = 0;

  for (guint i = 0; i < groups->len; i++)
    {
      AssayFairnessGroup *grp = g_ptr_array_index (groups, i);

      if (grp->verdict == ASSAY_FAIRNESS_INSUFFICIENT)
        continue;
      p[k++] = grp->p_below;
      p[k++] = grp->p_above;
    }
  if (options->correction == ASSAY_FAIRNESS_BH)
    assay_stats_p_adjust_bh (p, k, adjusted);
  else
    assay_stats_p_adjust_holm (p, k, adjusted);
  *out_n_tests = k;
  k = 0;
  for (guint i = 0; i < groups->len; i++)
    {
      AssayFairnessGroup *grp = g_ptr_array_index (groups, i);

      if (grp->verdict == ASSAY_FAIRNESS_INSUFFICIENT)
        continue;
      grp->p_below_adjusted = adjusted[k++];
      grp->p_above_adjusted = adjusted[k++];
      /* NaN comparisons are false: an undefined ratio never passes the gate. */
      if (grp->p_below_adjusted < options->alpha && grp->ratio < options->ratio_low)
        grp->verdict = ASSAY_FAIRNESS_UNDER;
      else if (grp->p_above_adjusted < options->alpha && grp->ratio > options->ratio_high)
        grp->verdict = ASSAY_FAIRNESS_OVER;
      else
        grp->verdict = ASSAY_FAIRNESS_NONE;
    }
}

static gboolean
check_input (const double               *y,
             const double               *ses,
             gsize                       n,
             const AssayFairnessOptions *options,
             GError                    **error)
{
  if (!(options->alpha > 0 && options->alpha < 1) || options->min_n < 1 ||
      !(options->ratio_low > 0 && options->ratio_low <= 1 && options->ratio_high >= 1))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The fairness options are out of range: alpha must lie in (0, 1), the "
                     "minimum n be at least 1, and the ratio bounds enclose 1."));
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    if (!isfinite (y[i]) || !isfinite (ses[i]))
      {
        g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                     _("Account %zu has an outcome or SES that is not a finite number."), i + 1);
        return FALSE;
      }
  return TRUE;
}

static gboolean
check_attributes (const AssayFairnessAttribute *attributes,
                  guint                         n_attributes,
                  guint                         depth,
                  gsize                         n,
                  GError                      **error)
{
  if (n_attributes == 0 || depth < 1 || depth > ASSAY_FAIRNESS_MAX_DEPTH)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The fairness test needs at least one attribute and a depth from 1 to %u."),
                   ASSAY_FAIRNESS_MAX_DEPTH);
      return FALSE;
    }
  for (guint a = 0; a < n_attributes; a++)
    for (gsize i = 0; i < n; i++)
      if (attributes[a].code[i] >= attributes[a].n_levels)
        {
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                       _("Account %zu has no value of the attribute “%s”."), i + 1,
                       attributes[a].name);
          return FALSE;
        }
  /* A combination's key holds its values in mixed radix in 64 bits. */
  {
    double space = 1;

    for (guint a = 0; a < n_attributes; a++)
      space *= MAX (attributes[a].n_levels, 1);
    if (space >= 0x1p63 && depth > 1)
      {
        g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                     _("The attributes have too many distinct values to be combined; "
                       "test them with a depth of 1."));
        return FALSE;
      }
  }
  return TRUE;
}

static void
scratch_init (Scratch *s,
              gsize    n,
              guint    n_cells,
              gboolean discrete)
{
  s->obs = assay_large_new (double, n);
  s->res = assay_large_new (double, n);
  s->cells = g_new (Prediction, MAX (n_cells, 1));
  s->work.key = assay_large_new (guint64, n);
  s->work.group = assay_large_new (guint, n);
  s->work.members = assay_large_new (guint, n);
  s->work.y = assay_large_new (double, n);
  s->work.cell = assay_large_new (guint, n);
  if (!discrete)
    {
      s->pred = assay_large_new (double, n);
      s->x = assay_large_new (double, n);
      s->y = assay_large_new (double, n);
      s->in_group = assay_large_new0 (gboolean, n);
    }
}

static void
scratch_clear (Scratch *s)
{
  g_free (s->obs);
  g_free (s->res);
  g_free (s->cells);
  g_free (s->work.key);
  g_free (s->work.group);
  g_free (s->work.members);
  g_free (s->work.y);
  g_free (s->work.cell);
  g_free (s->pred);
  g_free (s->x);
  g_free (s->y);
  g_free (s->in_group);
}

/* Tests every group of one combination; FALSE on a regression error. */
static gboolean
test_partition (FairnessPartition            *p,
                const FairnessOrder          *o,
                const double                 *ses,
                const AssayFairnessAttribute *attributes,
                guint * const                *level_of_rank,
                gboolean                      discrete,
                const AssayFairnessOptions   *options,
                Scratch                      *s,
                GPtrArray                    *groups,
                GError                      **error)
{
  _assay_fairness_partition_fill (p, o, attributes, &s->work);
  for (guint g = 0; g < p->n_groups; g++)
    {
      const guint *members = p->members + p->start[g];
      gsize m = p->start[g + 1] - p->start[g];
      AssayFairnessGroup *group;

      if (discrete)
        group = test_discrete_group (o, members, p->y + p->start[g], p->cell + p->start[g], m,
                                     options, s);
      else if ((group = test_continuous_group (o, ses, members, m, options, s, error)) == NULL)
        return FALSE;
      _assay_fairness_partition_describe (p, g, attributes, level_of_rank, group);
      g_ptr_array_add (groups, group);
    }
  return TRUE;
}

/* What the threads share: the combinations, taken in turn, and where
 * each one's groups go, so that the order does not depend on timing. */
typedef struct
{
  const FairnessOrder          *order;
  const double                 *ses;
  const AssayFairnessAttribute *attributes;
  guint * const                *level_of_rank;
  gboolean                      discrete;
  const AssayFairnessOptions   *options;
  GPtrArray                    *combinations;
  GPtrArray                   **groups;        /* one per combination */
  gint                          next;          /* the next combination to take */
  GMutex                        lock;
  GError                       *error;         /* the first, under the lock */
} Shared;

static gpointer
test_combinations (gpointer data)
{
  Shared *sh = data;
  Scratch s = { NULL };
  guint c;

  scratch_init (&s, sh->order->n, sh->order->n_cells, sh->discrete);
  while ((c = (guint) g_atomic_int_add (&sh->next, 1)) < sh->combinations->len)
    {
      GError *error = NULL;

      sh->groups[c] = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_fairness_group_free);
      if (!test_partition (g_ptr_array_index (sh->combinations, c), sh->order, sh->ses,
                           sh->attributes, sh->level_of_rank, sh->discrete, sh->options, &s,
                           sh->groups[c], &error))
        {
          g_mutex_lock (&sh->lock);
          if (sh->error == NULL)
            sh->error = g_steal_pointer (&error);
          g_mutex_unlock (&sh->lock);
          g_clear_error (&error);
        }
      /* Only the combinations being tested hold their groups' members. */
      g_clear_pointer (&g_ptr_array_index (sh->combinations, c), _assay_fairness_partition_free);
    }
  scratch_clear (&s);
  return NULL;
}

/* Tests every combination on up to `threads` threads (this one included)
 * and appends their groups in the combinations' order. */
static gboolean
test_all (Shared     *sh,
          guint       threads,
          GPtrArray  *groups,
          GError    **error)
{
  guint n = sh->combinations->len;
  g_autoptr(GPtrArray) workers = g_ptr_array_new ();

  if (threads == 0)
    threads = g_get_num_processors ();
  threads = CLAMP (MIN (threads, n), 1, MAX_THREADS);
  sh->groups = g_new0 (GPtrArray *, MAX (n, 1));
  g_mutex_init (&sh->lock);
  for (guint t = 1; t < threads; t++)
    g_ptr_array_add (workers, g_thread_new ("assay-fairness", test_combinations, sh));
  test_combinations (sh);
  for (guint t = 0; t < workers->len; t++)
    g_thread_join (g_ptr_array_index (workers, t));
  g_mutex_clear (&sh->lock);
  for (guint c = 0; c < n; c++)
    {
      if (sh->error == NULL)
        g_ptr_array_extend_and_steal (groups, g_steal_pointer (&sh->groups[c]));
      g_clear_pointer (&sh->groups[c], g_ptr_array_unref);
    }
  g_free (sh->groups);
  if (sh->error != NULL)
    {
      g_propagate_error (error, sh->error);
      return FALSE;
    }
  return TRUE;
}

AssayFairnessResult *
assay_fairness_run_attributes (const double                 *y,
                               const double                 *ses,
                               gsize                         n,
                               const AssayFairnessAttribute *attributes,
                               guint                         n_attributes,
                               guint                         depth,
                               const AssayFairnessOptions   *options,
                               GError                      **error)
{
  g_autoptr(AssayFairnessResult) result = g_new0 (AssayFairnessResult, 1);
  g_autoptr(GPtrArray) combinations = NULL;
  g_autofree guint *cell = NULL;
  guint **level_of_rank = NULL, **rank_of_level = NULL;
  FairnessOrder o = { .n = n };
  gboolean discrete, ok;

  g_return_val_if_fail (n == 0 || (y != NULL && ses != NULL), NULL);
  g_return_val_if_fail (attributes != NULL || n_attributes == 0, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (n <= G_MAXUINT, NULL);

  if (!check_input (y, ses, n, options, error) ||
      !check_attributes (attributes, n_attributes, depth, n, error))
    return NULL;
  cell = assay_large_new (guint, n);
  o.n_cells = index_cells (ses, n, cell);
  result->ses = options->ses;
  if (result->ses == ASSAY_FAIRNESS_SES_AUTO)
    result->ses = o.n_cells <= MAX_DISCRETE_SES ? ASSAY_FAIRNESS_SES_DISCRETE
                                                : ASSAY_FAIRNESS_SES_CONTINUOUS;
  discrete = result->ses == ASSAY_FAIRNESS_SES_DISCRETE;
  if (!discrete)
    o.n_cells = 1;
  order_accounts (&o, y, cell, discrete);
  rank_levels (attributes, n_attributes, &level_of_rank, &rank_of_level);
  gather_positions (&o, y, discrete ? cell : NULL, attributes, n_attributes,
                    (guint * const *) rank_of_level);
  combinations = _assay_fairness_combinations (attributes, n_attributes, n, depth);
  result->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_fairness_group_free);
  {
    Shared sh = {
      &o, ses, attributes, (guint * const *) level_of_rank, discrete, options, combinations,
    };

    ok = test_all (&sh, options->threads, result->groups, error);
  }
  order_clear (&o);
  free_table (level_of_rank);
  free_table (rank_of_level);
  if (!ok)
    return NULL;
  adjust_and_judge (result->groups, options, &result->n_tests);
  return g_steal_pointer (&result);
}

AssayFairnessResult *
assay_fairness_run (const double               *y,
                    const double               *ses,
                    const char * const         *group_of,
                    gsize                       n,
                    const AssayFairnessOptions *options,
                    GError                    **error)
{
  g_autoptr(GHashTable) number = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) levels = g_ptr_array_new ();
  g_autofree guint *code = g_new (guint, MAX (n, 1));
  AssayFairnessAttribute attribute = { "group", code, NULL, 0 };

  g_return_val_if_fail (n == 0 || group_of != NULL, NULL);

  for (gsize i = 0; i < n; i++)
    {
      gpointer level;

      if (!g_hash_table_lookup_extended (number, group_of[i], NULL, &level))
        {
          level = GUINT_TO_POINTER (levels->len);
          g_hash_table_insert (number, (gpointer) group_of[i], level);
          g_ptr_array_add (levels, (gpointer) group_of[i]);
        }
      code[i] = GPOINTER_TO_UINT (level);
    }
  attribute.levels = (const char * const *) levels->pdata;
  attribute.n_levels = levels->len;
  return assay_fairness_run_attributes (y, ses, n, &attribute, 1, 1, options, error);
}

static const char *
outcome_text (AssayFairnessOutcome outcome)
{
  if (outcome == ASSAY_FAIRNESS_OUTCOME_VALUE)
    return _("each account's contribution value on 31 December of the audit year, as "
             "“assayctl scores --as-of Y-12-31” gives it (weights, down-weights, decay, "
             "redemptions and the committee's decisions included)");
  return _("event points in the audit year");
}

char *
assay_fairness_describe_method (const AssayFairnessOptions *options,
                                AssayFairnessSes            ses_used)
{
  g_autofree char *prediction = NULL;

  g_return_val_if_fail (options != NULL, NULL);

  if (ses_used == ASSAY_FAIRNESS_SES_CONTINUOUS)
    prediction = g_strdup_printf (_("each account's predicted outcome is the median (τ = 0.5) "
                                    "regression line on SES fitted to the accounts outside the "
                                    "group (at least %u of them)"), options->min_cell_n);
  else
    prediction = g_strdup_printf (_("each account's predicted outcome is the median outcome of "
                                    "its SES cell over the accounts outside the group (a cell with "
                                    "fewer than %u of them predicts nothing and its accounts are "
                                    "left out)"), options->min_cell_n);
  return g_strdup_printf (_("Outcome: %s. Prediction: %s. "
                            "Residual = outcome − prediction. Sign test on the non-zero "
                            "residuals, S of them positive out of n: p_below = P(Bin(n, ½) ≤ S), "
                            "p_above = P(Bin(n, ½) ≥ S). Both directions of every group with at "
                            "least %u predicted accounts are adjusted together (%s). Verdict "
                            "“under” if the adjusted p_below < %g and observed/predicted median "
                            "< %g; “over” if the adjusted p_above < %g and the ratio > %g; groups "
                            "under the minimum are “insufficient data”, not fair. The residual "
                            "median's interval is the distribution-free order-statistic interval "
                            "at level 1 − %g."),
                          outcome_text (options->outcome), prediction, options->min_n,
                          options->correction == ASSAY_FAIRNESS_BH ? _("Benjamini–Hochberg")
                                                                   : _("Holm"),
                          options->alpha, options->ratio_low, options->alpha, options->ratio_high,
                          options->alpha);
}

char *
assay_fairness_describe_groups (const char * const *names,
                                guint               depth)
{
  g_autofree char *list = NULL;

  g_return_val_if_fail (names != NULL, NULL);

  list = g_strjoinv (", ", (char **) names);
  if (depth <= 1)
    return g_strdup_printf (_("Groups: every value of %s."), list);
  return g_strdup_printf (_("Groups: every value of %s, and every combination of values of up "
                            "to %u of these attributes, except the combinations holding an "
                            "attribute that another one in them determines (county determines "
                            "province), whose groups would repeat a smaller combination's."),
                          list, depth);
}

char *
assay_fairness_group_label (const char * const *names,
                            const char * const *values)
{
  GString *label = g_string_new (NULL);

  g_return_val_if_fail (names != NULL && values != NULL, NULL);

  for (guint k = 0; names[k] != NULL; k++)
    g_string_append_printf (label, "%s%s=%s", k > 0 ? ", " : "", names[k], values[k]);
  return g_string_free (label, FALSE);
}

const char *
assay_fairness_verdict_get_label (AssayFairnessVerdict verdict)
{
  switch (verdict)
    {
    case ASSAY_FAIRNESS_UNDER:
      return _("below its SES prediction");
    case ASSAY_FAIRNESS_OVER:
      return _("above its SES prediction");
    case ASSAY_FAIRNESS_INSUFFICIENT:
      return _("insufficient data");
    case ASSAY_FAIRNESS_NONE:
    default:
      return _("no significant gap");
    }
}
