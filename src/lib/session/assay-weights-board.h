/* assay-weights-board.h — the weights page's model: versions, notice countdown, quarters to propose, calibration
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

#include <gio/gio.h>

#include "assay-decision-draft.h"
#include "assay-replica-weights.h"
#include "assay-rule-set.h"
#include "assay-weights-schedule.h"

G_BEGIN_DECLS

/* The weights versions as the page shows them: the schedule of
 * assay_weights_schedule_new () on `today` (element 0 the plan's equal
 * weights, then the logged versions in log order) beside what the replica
 * stored of each logged one (its signers and rationale). */
typedef struct
{
  AssayScoreOptions     options;
  guint32               today;
  AssayWeightsSchedule *schedule;
  GPtrArray            *stored;     /* AssayStoredWeights *: stored[i] is versions[i + 1] */
} AssayWeightsBoard;

AssayWeightsBoard *assay_weights_board_new   (AssayReplica  *replica,
                                              AssayRuleSet  *rule_set,
                                              guint32        today,
                                              GError       **error);
void               assay_weights_board_free  (AssayWeightsBoard *board);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayWeightsBoard, assay_weights_board_free)

guint                      assay_weights_board_get_n_versions (const AssayWeightsBoard *board);
const AssayWeightsVersion *assay_weights_board_get_version    (const AssayWeightsBoard *board,
                                                               guint                    i);
/* What the replica stored of version i (NULL for 0, the equal weights). */
const AssayStoredWeights  *assay_weights_board_get_stored     (const AssayWeightsBoard *board,
                                                               guint                    i);
/* The version in force on the board's day. */
const AssayWeightsVersion *assay_weights_board_in_force       (const AssayWeightsBoard *board);

/* A status in words ("In notice", "Scheduled", …), translated. */
const char *assay_weights_status_label (AssayWeightsStatus status);

/* For a version in notice or scheduled on `today`, the countdown from
 * the schedule's own days: "Public notice until 2027-01-06 (3 days left);
 * takes effect 2027-04-01" or "Public notice ended 2027-01-06; takes
 * effect 2027-04-01 (in 85 days)".  NULL for any other status. */
char       *assay_weights_notice_text  (const AssayWeightsVersion *version,
                                        guint32                    today);

/* The first `n` quarter starts a proposal made on the board's day may
 * name: on or after the end of its public notice (today + notice_days)
 * and not inside the equal-weight period.  GArray of guint32 days. */
GArray     *assay_weights_board_quarters (const AssayWeightsBoard *board,
                                          guint                    n);
/* Whether the board's day is inside the plan's equal-weight period. */
gboolean    assay_weights_board_in_equal_period (const AssayWeightsBoard *board);

/* The quarter's behaviour per dimension that the committee calibrates
 * from (README, "The Weights tab"). */
typedef struct
{
  gint64   points;          /* Σ over accounts of the dimension's sum in the quarter */
  gint64   previous_points; /* the same in the quarter before */
  double   share;           /* points / Σ of the six; NaN when that is not positive */
  double   growth;          /* points / previous_points − 1; NaN when previous_points ≤ 0 */
  guint    n_flags;         /* Article X flags of the quarter naming the dimension */
  guint64  n_active;        /* accounts with positive points in the dimension */
  double   median_points;   /* the median of those accounts' points; NaN without any */
} AssayDimensionCalibration;

typedef struct
{
  guint32                    quarter;       /* year × 10 + quarter; 0: no complete quarter */
  guint64                    n_accounts;    /* accounts with aggregate rows in it */
  guint64                    checkpoint_size;
  AssayDimensionCalibration  dimensions[ASSAY_N_DIMENSIONS];
} AssayWeightsCalibration;

/* The last complete quarter of the replica seen on `today`: the one
 * before the quarter of the earlier of today and the day after the last
 * entry (0 on an empty replica). */
guint32   assay_weights_calibration_quarter (AssayReplica             *replica,
                                             guint32                   today,
                                             GError                  **error);
/* The calibration of `quarter`, from the quarter columns and the stored
 * flags, never by rescanning entries. */
gboolean  assay_weights_calibration_compute (AssayReplica             *replica,
                                             guint32                   quarter,
                                             AssayWeightsCalibration  *out,
                                             GError                  **error);
/* The same in a worker thread on a connection of its own, for the last
 * complete quarter on `today`; the result is an AssayWeightsCalibration
 * to g_free (). */
void      assay_weights_calibration_async   (const char               *replica_path,
                                             guint32                   today,
                                             GCancellable             *cancellable,
                                             GAsyncReadyCallback       callback,
                                             gpointer                  user_data);
AssayWeightsCalibration *assay_weights_calibration_finish (GAsyncResult *result,
                                                           GError      **error);

/* What a weights decision's payload says, one line each
 * (AssayDecisionField): read back from the bytes to be signed, so that
 * what is shown is what is signed.  The weights, the proposed effective
 * date, the public notice of `notice_days`, the rationale, then the
 * decision's other members as assay_decision_render () words them.
 * NULL if the bytes are not a weights decision. */
GPtrArray *assay_weights_proposal_render (GBytes     *payload,
                                          guint       notice_days,
                                          const char *signer_name);

/* In a worker thread on a connection of its own: opens the key file with
 * the passphrase, drafts the weights decision again with `decision_id`
 * and `created_at`, checks that the payload is `expected` byte for byte
 * (else ASSAY_ERROR_EXISTS: the replica changed, draft again), signs it
 * and queues it in the outbox.  The result is the payload's hash. */
void      assay_weights_proposal_sign_async  (const char          *replica_path,
                                              const AssayWeights  *weights,
                                              const char          *rationale,
                                              const char          *key_path,
                                              const char          *passphrase,
                                              gsize                passphrase_len,
                                              GBytes              *expected,
                                              const char          *decision_id,
                                              gint64               created_at,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
char     *assay_weights_proposal_sign_finish (GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
