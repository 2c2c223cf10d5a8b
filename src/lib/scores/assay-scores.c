/* assay-scores.c — every account's contribution value, trust level and redemption tiers
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
#include "assay-replica-decisions.h"
#include "assay-replica-values.h"
#include "assay-replica-weights.h"
#include "assay-scores.h"

/* What the sums do not say about one account. */
typedef struct
{
  GArray *down_weights;    /* AssayValueDownWeight, logged on or before T */
  GArray *changes;         /* AssayValueStateChange, logged on or before T */
  GArray *credits;         /* AssayValueCredit, logged on or before T */
  GArray *voids;           /* AssayValueVoid, decided on or before T */
} Exception;

struct _AssayScorer
{
  AssayReplica          *replica;
  AssayScoreOptions      options;
  AssayWeightsSchedule  *schedule;
  guint32                as_of;
  gboolean               all_from_days;
  double                 decay_to_as_of;   /* (1 − r)^((T − b) / 365) */
  int                    override_period;  /* -1, or the period valued with `override` */
  double                 override[ASSAY_N_DIMENSIONS];
  GHashTable            *exceptions;       /* account number → Exception */
};

static void
exception_free (gpointer data)
{
  Exception *e = data;

  g_array_unref (e->down_weights);
  g_array_unref (e->changes);
  g_array_unref (e->credits);
  g_array_unref (e->voids);
  g_free (e);
}

static Exception *
exception_of (GHashTable *table,
              guint64     account_id)
{
  Exception *e = g_hash_table_lookup (table, &account_id);

  if (e == NULL)
    {
      guint64 *key = g_memdup2 (&account_id, sizeof account_id);

      e = g_new (Exception, 1);
      e->down_weights = g_array_new (FALSE, FALSE, sizeof (AssayValueDownWeight));
      e->changes = g_array_new (FALSE, FALSE, sizeof (AssayValueStateChange));
      e->credits = g_array_new (FALSE, FALSE, sizeof (AssayValueCredit));
      e->voids = g_array_new (FALSE, FALSE, sizeof (AssayValueVoid));
      g_hash_table_insert (table, key, e);
    }
  return e;
}

static gboolean
load_exceptions (AssayScorer  *self,
                 GError      **error)
{
  g_autoptr(GArray) weights = NULL;
  g_autoptr(GArray) changes = NULL;
  g_autoptr(GArray) credits = NULL;
  g_autoptr(GArray) voids = NULL;

  if (!assay_replica_value_exceptions (self->replica, &weights, &changes, error) ||
      (credits = assay_replica_value_credits (self->replica, error)) == NULL ||
      (voids = assay_replica_value_voids (self->replica, error)) == NULL)
    return FALSE;
  self->exceptions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, exception_free);
  for (guint i = 0; i < weights->len; i++)
    {
      const AssayValueDownWeight *w = &g_array_index (weights, AssayValueDownWeight, i);

      if (w->logged_day <= self->as_of)
        g_array_append_val (exception_of (self->exceptions, w->account_id)->down_weights, *w);
    }
  for (guint i = 0; i < changes->len; i++)
    {
      const AssayValueStateChange *c = &g_array_index (changes, AssayValueStateChange, i);

      if (c->day <= self->as_of)
        g_array_append_val (exception_of (self->exceptions, c->account_id)->changes, *c);
    }
  for (guint i = 0; i < credits->len; i++)
    {
      const AssayValueCredit *c = &g_array_index (credits, AssayValueCredit, i);

      if (c->day <= self->as_of)
        g_array_append_val (exception_of (self->exceptions, c->account_id)->credits, *c);
    }
  for (guint i = 0; i < voids->len; i++)
    {
      const AssayValueVoid *v = &g_array_index (voids, AssayValueVoid, i);

      if (v->decided_day <= self->as_of)
        g_array_append_val (exception_of (self->exceptions, v->account_id)->voids, *v);
    }
  return TRUE;
}

/* The logged weights decisions, as the schedule takes them. */
static AssayLoggedWeights *
logged_weights (AssayReplica  *replica,
                gsize         *out_n,
                GError       **error)
{
  g_autoptr(GPtrArray) stored = assay_replica_list_weights_versions (replica, error);
  AssayLoggedWeights *logged;

  if (stored == NULL)
    return NULL;
  logged = g_new0 (AssayLoggedWeights, stored->len + 1);
  for (guint i = 0; i < stored->len; i++)
    {
      const AssayStoredWeights *w = g_ptr_array_index (stored, i);

      logged[i].index = w->index;
      logged[i].logged_day = w->logged_day;
      logged[i].proposed_effective = w->effective_day;
      for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
        logged[i].basis_points[d] = (gint32) w->basis_points[d];
    }
  *out_n = stored->len;
  return logged;
}

AssayScorer *
assay_scorer_new (AssayReplica  *replica,
                  AssayRuleSet  *rule_set,
                  guint32        as_of,
                  GError       **error)
{
  g_autoptr(AssayScorer) self = g_new0 (AssayScorer, 1);
  g_autofree AssayLoggedWeights *logged = NULL;
  guint32 last_day;
  gsize n_logged;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (ASSAY_IS_RULE_SET (rule_set), NULL);

  self->replica = g_object_ref (replica);
  if (!assay_score_options_from_rule_set (rule_set, &self->options, error))
    return NULL;
  last_day = assay_replica_last_entry_day (replica, error);
  if (error != NULL && *error != NULL)
    return NULL;
  self->as_of = as_of != 0 ? as_of : MAX (assay_day_today (), last_day);
  self->all_from_days = self->as_of < last_day;
  if ((logged = logged_weights (replica, &n_logged, error)) == NULL ||
      (self->schedule = assay_weights_schedule_new (&self->options, logged, n_logged, self->as_of, error)) == NULL ||
      !load_exceptions (self, error))
    return NULL;
  self->override_period = -1;
  self->decay_to_as_of = pow (1.0 - self->options.decay_rate,
                              ((double) self->as_of - (double) self->options.pilot_start) / 365.0);
  return g_steal_pointer (&self);
}

void
assay_scorer_free (AssayScorer *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->replica);
  g_clear_pointer (&self->schedule, assay_weights_schedule_free);
  g_clear_pointer (&self->exceptions, g_hash_table_unref);
  g_free (self);
}

gboolean
assay_scorer_refresh (AssayScorer  *self,
                      GError      **error)
{
  return assay_replica_values_refresh (self->replica, &self->schedule->basis, NULL, error);
}

gboolean
assay_scores_refresh (AssayReplica  *replica,
                      AssayRuleSet  *rule_set,
                      GError       **error)
{
  g_autoptr(AssayScorer) scorer = assay_scorer_new (replica, rule_set, 0, error);

  return scorer != NULL && assay_scorer_refresh (scorer, error);
}

guint32
assay_scorer_get_as_of (AssayScorer *self)
{
  return self->as_of;
}

AssayReplica *
assay_scorer_get_replica (AssayScorer *self)
{
  return self->replica;
}

const AssayScoreOptions *
assay_scorer_get_options (AssayScorer *self)
{
  return &self->options;
}

const AssayWeightsSchedule *
assay_scorer_get_schedule (AssayScorer *self)
{
  return self->schedule;
}

static double
multiplier (const AssayScorer *self,
            guint              period,
            int                dimension)
{
  if ((int) period == self->override_period)
    return self->override[dimension];
  return assay_weights_schedule_multiplier (self->schedule, period, dimension);
}

void
assay_scorer_override_period (AssayScorer  *self,
                              int           period,
                              const double  multipliers[ASSAY_N_DIMENSIONS])
{
  self->override_period = period;
  for (int d = 0; d < ASSAY_N_DIMENSIONS && period >= 0; d++)
    self->override[d] = multipliers[d];
}

/* ---- level and tiers -------------------------------------------------------------- */

static void
classify (const AssayScorer *self,
          gboolean           has_events,
          AssayScore        *score)
{
  score->level = has_events ? 2 : 1;
  for (guint l = 2; l < ASSAY_N_LEVELS; l++)
    if (has_events && score->value >= self->options.level_value[l])
      score->level = l + 1;
  score->n_tiers = 0;
  for (guint t = 0; t < ASSAY_N_TIERS && !score->frozen; t++)
    if (score->value >= self->options.tier_value[t])
      score->n_tiers = t + 1;
}

/* The dimension with the most points (sums[d × stride]), -1 if none has
 * any. */
static int
dominant (const double *sums,
          gsize         stride)
{
  int best = -1;

  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    if (sums[d * stride] > 0 && (best < 0 || sums[d * stride] > sums[best * stride]))
      best = d;
  return best;
}

/* ---- from the sums ----------------------------------------------------------------- */

/* Every period's multipliers as the scorer values them now (its
 * override included), period by period: n_periods × 6. */
static double *
multiplier_table (const AssayScorer *self)
{
  guint n_periods = self->schedule->basis.n_periods;
  double *table = g_new (double, n_periods * ASSAY_N_DIMENSIONS);

  for (guint p = 0; p < n_periods; p++)
    for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
      table[p * ASSAY_N_DIMENSIONS + d] = multiplier (self, p, d);
  return table;
}

static double
value_from_sums (const AssayScorer *self,
                 const double      *multipliers,
                 const double      *sums)
{
  const AssayValueBasis *basis = &self->schedule->basis;
  double total = 0;

  for (gsize k = 0; k < basis->n_periods * ASSAY_N_DIMENSIONS; k++)
    total += multipliers[k] * sums[k];
  total -= sums[ASSAY_VALUE_STRIDE (basis->n_periods) - 1];
  return total * self->decay_to_as_of;
}

/* The dominant dimension over every period's sums (decayed to the base
 * day, so an older point weighs a little less than in the day-by-day
 * count: the dimension, not a number, is what is reported). */
static int
dominant_in_sums (const double *sums,
                  guint         n_periods)
{
  double total[ASSAY_N_DIMENSIONS] = { 0 };

  for (guint p = 0; p < n_periods; p++)
    for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
      total[d] += sums[p * ASSAY_N_DIMENSIONS + d];
  return dominant (total, 1);
}

/* ---- day by day -------------------------------------------------------------------- */

/* Whether an entry of `day` counts, given the account's decisions. */
static gboolean
day_counts (const Exception *e,
            guint32          day,
            gboolean        *out_frozen_now)
{
  gboolean counts = TRUE;
  guint32 frozen_since = 0;

  *out_frozen_now = FALSE;
  if (e == NULL)
    return TRUE;
  for (guint i = 0; i < e->changes->len; i++)
    {
      const AssayValueStateChange *c = &g_array_index (e->changes, AssayValueStateChange, i);

      if (c->state == ASSAY_ACCOUNT_ZEROED && day < c->day)
        counts = FALSE;
      if (frozen_since != 0 && day >= frozen_since && day < c->day)
        counts = FALSE;
      frozen_since = c->state == ASSAY_ACCOUNT_FROZEN ? (frozen_since != 0 ? frozen_since : c->day) : 0;
    }
  if (frozen_since != 0 && day >= frozen_since)
    counts = FALSE;
  *out_frozen_now = frozen_since != 0;
  return counts;
}

static double
down_weight (const AssayScorer *self,
             const Exception   *e,
             int                dimension,
             guint32            day)
{
  if (e != NULL)
    for (guint i = 0; i < e->down_weights->len; i++)
      {
        const AssayValueDownWeight *w = &g_array_index (e->down_weights, AssayValueDownWeight, i);

        if (w->dimension == dimension && day >= w->from_day && day <= w->to_day)
          return self->options.down_weight_factor;
      }
  return 1.0;
}

/* An award or an adjustment counts as points of its logged day, decayed
 * like any entry, with no dimension, multiplier or down-weight; like an
 * entry, not before a zero nor while frozen. */
static double
credited (const AssayScorer *self,
          const Exception   *e)
{
  double value = 0;
  gboolean frozen_now;

  for (guint i = 0; e != NULL && i < e->credits->len; i++)
    {
      const AssayValueCredit *c = &g_array_index (e->credits, AssayValueCredit, i);

      if (day_counts (e, c->day, &frozen_now))
        value += c->points * pow (1.0 - self->options.decay_rate, ((double) self->as_of - (double) c->day) / 365.0);
    }
  return value;
}

/* What the entries no longer recognised had added (README "Contribution
 * value"): each valued as the day loop valued it. */
static double
unrecognised (const AssayScorer *self,
              const Exception   *e)
{
  double value = 0;
  gboolean frozen_now;

  for (guint i = 0; e != NULL && i < e->voids->len; i++)
    {
      const AssayValueVoid *v = &g_array_index (e->voids, AssayValueVoid, i);
      double decay;

      if (v->day > self->as_of || !day_counts (e, v->day, &frozen_now))
        continue;
      decay = pow (1.0 - self->options.decay_rate, ((double) self->as_of - (double) v->day) / 365.0);
      if (v->dimension < 0)
        value -= v->points * decay;
      else
        value += v->points * decay * down_weight (self, e, v->dimension, v->day) *
                 multiplier (self, assay_weights_schedule_period_of (self->schedule, v->day), v->dimension);
    }
  return value;
}

gboolean
assay_scorer_score_account (AssayScorer  *self,
                            guint64       account_id,
                            AssayScore   *out,
                            GError      **error)
{
  const Exception *e = g_hash_table_lookup (self->exceptions, &account_id);
  g_autoptr(GArray) days = assay_replica_value_days (self->replica, account_id, error);
  gboolean has_events = FALSE;
  double r = self->options.decay_rate;
  double dimension_points[ASSAY_N_DIMENSIONS] = { 0 };

  if (days == NULL)
    return FALSE;
  *out = (AssayScore) { account_id, 0, 0, 0, FALSE, TRUE, -1 };
  for (guint i = 0; i < days->len; i++)
    {
      const AssayValueDay *row = &g_array_index (days, AssayValueDay, i);
      gboolean frozen_now;
      double decay;

      if (row->day > self->as_of || !day_counts (e, row->day, &frozen_now))
        continue;
      decay = pow (1.0 - r, ((double) self->as_of - (double) row->day) / 365.0);
      if (row->dimension < 0)
        {
          out->value -= row->points * decay;
          continue;
        }
      has_events = TRUE;
      out->value += row->points * decay * down_weight (self, e, row->dimension, row->day) *
                    multiplier (self, assay_weights_schedule_period_of (self->schedule, row->day), row->dimension);
      /* Decayed to the base day, as the sums are: both paths name the same
       * dominant dimension. */
      dimension_points[row->dimension] +=
        row->points * pow (1.0 - r, -((double) row->day - (double) self->options.pilot_start) / 365.0);
    }
  out->value += credited (self, e) - unrecognised (self, e);
  day_counts (e, self->as_of, &out->frozen);
  out->dominant_dimension = dominant (dimension_points, 1);
  classify (self, has_events, out);
  return TRUE;
}

/* ---- every account --------------------------------------------------------------------- */

static void
score_from_sums (const AssayScorer     *self,
                 const AssayValueChunk *chunk,
                 gsize                  i,
                 const double          *multipliers,
                 AssayScore            *out)
{
  const double *sums = chunk->sums + i * ASSAY_VALUE_STRIDE (chunk->n_periods);

  *out = (AssayScore) { chunk->account_id[i], value_from_sums (self, multipliers, sums), 0, 0, FALSE, FALSE,
                        dominant_in_sums (sums, chunk->n_periods) };
  classify (self, chunk->n_events[i] > 0, out);
}

static gboolean
from_days (const AssayScorer *self,
           guint64            account_id)
{
  return self->all_from_days || g_hash_table_contains (self->exceptions, &account_id);
}

typedef struct
{
  AssayScorer    *self;
  AssayScoreFunc  func;
  gpointer        user_data;
  double         *multipliers;
  AssayScore      scores[ASSAY_VALUE_BLOCK_SIZE];
} Walk;

static gboolean
walk_chunk (const AssayValueChunk *chunk,
            gpointer               user_data,
            GError               **error)
{
  Walk *w = user_data;

  for (gsize i = 0; i < chunk->n; i++)
    if (!from_days (w->self, chunk->account_id[i]))
      score_from_sums (w->self, chunk, i, w->multipliers, &w->scores[i]);
    else if (!assay_scorer_score_account (w->self, chunk->account_id[i], &w->scores[i], error))
      return FALSE;
  return w->func (w->scores, chunk->n, w->user_data, error);
}

gboolean
assay_scorer_foreach (AssayScorer    *self,
                      AssayScoreFunc  func,
                      gpointer        user_data,
                      GError        **error)
{
  g_autofree Walk *w = g_new0 (Walk, 1);
  g_autofree double *multipliers = NULL;

  g_return_val_if_fail (self != NULL && func != NULL, FALSE);

  w->self = self;
  w->func = func;
  w->user_data = user_data;
  w->multipliers = multipliers = multiplier_table (self);
  return assay_replica_values_foreach (self->replica, &self->schedule->basis, NULL, walk_chunk, w, error);
}

/* ---- every account twice: as logged, and under other weights for one period ------------------------ */

typedef struct
{
  AssayScorer         *self;
  AssayScorePairStart  start;
  AssayScorePairFunc   func;
  gpointer             user_data;
  int                  period;
  double               proposed[ASSAY_N_DIMENSIONS];
  double              *before;        /* multiplier tables */
  double              *after;
  GHashTable          *from_days;     /* account number → AssayScore[2], scored first */
} PairWalk;

/* An account's two scores from its days, with the override set for the
 * second: one thread at a time. */
static gboolean
score_pair_from_days (PairWalk    *w,
                      guint64      account_id,
                      AssayScore   out[2],
                      GError     **error)
{
  gboolean ok = assay_scorer_score_account (w->self, account_id, &out[0], error);

  assay_scorer_override_period (w->self, w->period, w->proposed);
  ok = ok && assay_scorer_score_account (w->self, account_id, &out[1], error);
  assay_scorer_override_period (w->self, -1, NULL);
  return ok;
}

/* The accounts the sums do not value, before the workers start, so that
 * they read only what nobody writes. */
static gboolean
score_exceptions_first (PairWalk  *w,
                        GError   **error)
{
  GHashTableIter iter;
  gpointer key;

  w->from_days = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  g_hash_table_iter_init (&iter, w->self->exceptions);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      AssayScore *pair = g_new (AssayScore, 2);

      g_hash_table_insert (w->from_days, key, pair);
      if (!score_pair_from_days (w, *(const guint64 *) key, pair, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
pair_start (gsize     number_bound,
            gpointer  user_data,
            GError  **error)
{
  PairWalk *w = user_data;

  return w->start == NULL || w->start (number_bound, w->user_data, error);
}

static gboolean
pair_chunk (const AssayValueChunk *chunk,
            gpointer               user_data,
            GError               **error)
{
  PairWalk *w = user_data;
  AssayScore before[ASSAY_VALUE_BLOCK_SIZE], after[ASSAY_VALUE_BLOCK_SIZE];
  AssayScorePairs pairs = { chunk->n, before, after, chunk->kind, chunk->county };

  for (gsize i = 0; i < chunk->n; i++)
    {
      AssayScore scored[2];
      const AssayScore *pair;

      if (w->from_days == NULL)
        {
          if (!score_pair_from_days (w, chunk->account_id[i], scored, error))
            return FALSE;
          pair = scored;
        }
      else
        pair = g_hash_table_lookup (w->from_days, &chunk->account_id[i]);
      if (pair == NULL)
        {
          score_from_sums (w->self, chunk, i, w->before, &before[i]);
          score_from_sums (w->self, chunk, i, w->after, &after[i]);
          continue;
        }
      before[i] = pair[0];
      after[i] = pair[1];
    }
  return w->func (&pairs, w->user_data, error);
}

gboolean
assay_scorer_foreach_pair (AssayScorer          *self,
                           int                   period,
                           const double          multipliers[ASSAY_N_DIMENSIONS],
                           AssayScorePairStart   start,
                           AssayScorePairFunc    func,
                           gpointer              user_data,
                           GError              **error)
{
  PairWalk w = { self, start, func, user_data, period };
  AssayReplica *replica = self->replica;
  const AssayValueBasis *basis = &self->schedule->basis;
  gboolean ok;

  g_return_val_if_fail (self != NULL && func != NULL, FALSE);

  memcpy (w.proposed, multipliers, sizeof w.proposed);
  w.before = multiplier_table (self);
  assay_scorer_override_period (self, period, multipliers);
  w.after = multiplier_table (self);
  assay_scorer_override_period (self, -1, NULL);
  /* Before the last entry's day every account is valued from its days,
   * on the replica's connection: in order, in this thread.  Otherwise
   * the few the sums do not value are scored first, and the workers
   * value the rest from the sums. */
  if (self->all_from_days)
    ok = assay_replica_values_foreach (replica, basis, pair_start, pair_chunk, &w, error);
  else
    ok = score_exceptions_first (&w, error) &&
         assay_replica_values_foreach_parallel (replica, basis, pair_start, pair_chunk, &w, error);
  g_clear_pointer (&w.from_days, g_hash_table_unref);
  g_free (w.before);
  g_free (w.after);
  return ok;
}
