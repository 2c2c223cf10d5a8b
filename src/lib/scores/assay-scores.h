/* assay-scores.h — every account's contribution value, trust level and redemption tiers
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

#include "assay-replica.h"
#include "assay-rule-set.h"
#include "assay-score-options.h"
#include "assay-weights-schedule.h"

G_BEGIN_DECLS

/* The value of an account at day T (README, "Contribution value"):
 *
 *   V = Σ events e, d_e ≤ T   p_e × m(d_e, dim_e) × a_e × (1 − r)^((T − d_e) / 365)
 *     − Σ redemptions, d ≤ T  p × (1 − r)^((T − d) / 365)
 *
 * m = 6 × w_d of the weights version in force on the event's day (1 in the
 * equal-weight period), a = down_weight_factor when an Article X
 * down-weight of the account and dimension covers the day, else 1; an
 * entry dated before a zero decision's logged day, or while a freeze
 * holds (from the freeze's logged day to the day of the restore or zero
 * that ends it), counts nothing.  Decisions count from their logged day
 * if it is on or before T. */
typedef struct
{
  guint64   account_id;      /* the replica's account number */
  double    value;
  guint     level;           /* 1 … 5 */
  guint     n_tiers;         /* the tiers it may redeem: the first n_tiers of AssayTier */
  gboolean  frozen;          /* a freeze holds on T: it redeems nothing */
  gboolean  from_days;       /* computed entry day by entry day (see below) */
  int       dominant_dimension;  /* the AssayDimension with the most points, -1 if none */
} AssayScore;

typedef struct _AssayScorer AssayScorer;

/* Prepares the values at `as_of` (0: today, or the last entry's day if
 * that is later) under the rule set and the logged weights. */
AssayScorer *assay_scorer_new          (AssayReplica  *replica,
                                        AssayRuleSet  *rule_set,
                                        guint32        as_of,
                                        GError       **error);
void         assay_scorer_free         (AssayScorer   *scorer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayScorer, assay_scorer_free)

/* Brings the replica's value sums up to date (a write transaction):
 * after a sync, or before the first foreach under new weights. */
gboolean     assay_scorer_refresh      (AssayScorer   *scorer,
                                        GError       **error);

/* Values period `period` (-1: none) with `multipliers` instead of its
 * weights: the what-if of a weights proposal. */
void         assay_scorer_override_period (AssayScorer  *scorer,
                                           int           period,
                                           const double  multipliers[ASSAY_N_DIMENSIONS]);

/* The same for a replica after a sync, without a scorer to keep. */
gboolean     assay_scores_refresh      (AssayReplica  *replica,
                                        AssayRuleSet  *rule_set,
                                        GError       **error);

guint32                     assay_scorer_get_as_of     (AssayScorer *scorer);
AssayReplica               *assay_scorer_get_replica   (AssayScorer *scorer);
const AssayScoreOptions    *assay_scorer_get_options   (AssayScorer *scorer);
const AssayWeightsSchedule *assay_scorer_get_schedule  (AssayScorer *scorer);

/* Calls `func` with the scores of every account (an error if the sums
 * were not refreshed under this scorer's weights periods), a chunk at a time, in
 * account number order.  An account is computed from its sums unless a
 * down-weight or a freeze, restore or zero decision concerns it, or T is
 * before the replica's last entry: then from its event and redemption
 * days (account_day and its redemption records), `from_days` set. */
typedef gboolean (*AssayScoreFunc) (const AssayScore *scores,
                                    gsize             n,
                                    gpointer          user_data,
                                    GError          **error);

gboolean     assay_scorer_foreach      (AssayScorer    *scorer,
                                        AssayScoreFunc  func,
                                        gpointer        user_data,
                                        GError        **error);
/* The same in one pass, each account scored twice: as the log says
 * (`before`), and with period `period` valued by `multipliers`
 * (`after`).  The chunks come from several threads in no particular
 * order (unless every account is valued from its days), so `func` must
 * be safe to call from several threads at once; `start` (may be NULL) is
 * called first with a bound on the account numbers (every one is below
 * it). */
typedef struct
{
  gsize             n;
  const AssayScore *before;
  const AssayScore *after;
  const guint8     *kind;      /* AssayAccountKind */
  const guint32    *county;    /* as AssayValueChunk has it */
} AssayScorePairs;

typedef gboolean (*AssayScorePairStart) (gsize                  number_bound,
                                         gpointer               user_data,
                                         GError               **error);
typedef gboolean (*AssayScorePairFunc)  (const AssayScorePairs *pairs,
                                         gpointer               user_data,
                                         GError               **error);

gboolean     assay_scorer_foreach_pair (AssayScorer          *scorer,
                                        int                   period,
                                        const double          multipliers[ASSAY_N_DIMENSIONS],
                                        AssayScorePairStart   start,
                                        AssayScorePairFunc    func,
                                        gpointer              user_data,
                                        GError              **error);
/* One account's score, from its days. */
gboolean     assay_scorer_score_account (AssayScorer  *scorer,
                                         guint64       account_id,
                                         AssayScore   *out_score,
                                         GError      **error);

G_END_DECLS
