/* assay-decision-draft.h — a decision on a case, drafted from the replica, signed and queued
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

#include "assay-decision.h"
#include "assay-key-file.h"
#include "assay-replica.h"
#include "assay-weights.h"

G_BEGIN_DECLS

/* How long a signed decision stays valid for the service (not_after −
 * created_at): a week to reach it, through an offline week-end. */
#define ASSAY_DECISION_VALIDITY (7 * 86400)

/* The decision `outcome` on case `case_id`, filled from the replica as
 * DECISIONS.md asks: the case's subject; the subject's next sequence
 * number and the hash it supersedes; the case's flags and the entries
 * behind them with their leaf hashes, or (when listing them would not let
 * the signed envelope fit one log entry) their count and digest;
 * the rule set of the flag run; the replica's verified checkpoint; the
 * roster in force, its deployment and the role its rule for the kind
 * names; `author` the signer's key id.  A down-weight takes
 * `dimension` (NULL: the dimension and dates of the case's Article X
 * down-weight flag).  Refused (ASSAY_ERROR_INVALID_ARGUMENT, a sentence
 * saying what to do): an empty rationale, a case or roster the replica
 * does not hold, an author the roster does not give that role, a
 * decision on the subject still waiting in the outbox. */
AssayDecision *assay_decision_draft_for_case (AssayReplica       *replica,
                                              gint64              case_id,
                                              AssayDecisionKind   outcome,
                                              const char         *rationale,
                                              const char         *dimension,
                                              const char         *author,
                                              gint64              now,
                                              GError            **error);

/* A verdict on a filing: what the committee or the panel decides. */
typedef struct
{
  AssayDecisionKind   kind;     /* approve or deny (the committee), ruling (the panel) */
  AssayRulingOutcome  ruling;   /* a ruling's outcome: uphold, overturn or adjust */
  gint64              amount;   /* an approved failure claim's award (params.award), an adjusting
                                 * ruling's points (params.points, negative to take away); else 0 */
} AssayFilingVerdict;

/* The decision @verdict on case @case_id, whose subject is a filing
 * (subject {filing, its leaf index}; README "Decisions on filings"),
 * filled from the replica as a case's decision is (the roster in force
 * and the author's place in its rule for the kind, the subject's next
 * sequence number, the rule set of the flag run, the verified
 * checkpoint), with the case's flag ids and, in inputs.entries, the
 * filing's leaf and the leaves it names (a dispute's disputed entries,
 * an appeal's target, a forget request's silence) with their leaf hashes.
 * Refused (ASSAY_ERROR_INVALID_ARGUMENT, a sentence saying what to do)
 * before anything else: a case that is not about a filing, a kind that
 * does not fit the filing's route (assay_filing_route ()), an adjusting
 * ruling without points or points on another outcome, an approved
 * failure claim without an award or with one over Article U's cap or the
 * points asked, an award on anything else, an approved forget request
 * without its silence; then as assay_decision_draft_for_case (). */
AssayDecision *assay_decision_draft_for_filing (AssayReplica              *replica,
                                                gint64                     case_id,
                                                const AssayFilingVerdict  *verdict,
                                                const char                *rationale,
                                                const char                *author,
                                                gint64                     now,
                                                GError                   **error);

/* An `audit_findings` decision (role audit) on subject {audit,
 * `subject_id`} with `params` (borrowed; the caller's account of the
 * findings), naming the leaves `indices` (ascending) as its entries and
 * the audited checkpoint (`checkpoint_size`, `checkpoint_root`, the
 * replica's origin) rather than the latest.  The rest as for a case:
 * the roster in force and the author's place in it, the subject's next
 * sequence number, the rule set of the flag run, the size of a log
 * entry.  Refused (ASSAY_ERROR_INVALID_ARGUMENT) as above. */
AssayDecision *assay_decision_draft_for_audit (AssayReplica       *replica,
                                               const char         *subject_id,
                                               JsonObject         *params,
                                               const guint64      *indices,
                                               guint               n_indices,
                                               guint64             checkpoint_size,
                                               const guint8        checkpoint_root[32],
                                               const char         *rationale,
                                               const char         *author,
                                               gint64              now,
                                               GError            **error);

/* A `weights` decision (the roster's rule for the kind: 3 of the
 * committee by default) on subject {weights, ASSAY_WEIGHTS_SUBJECT_ID},
 * proposing `weights` (params.weights, README "Weights decisions"),
 * superseding the last weights decision logged.  The rest as for a case:
 * the roster in force and the author's place in it, the replica's
 * verified checkpoint, the rule set of the flag run.  Refused
 * (ASSAY_ERROR_INVALID_ARGUMENT) as above, and for weights that
 * assay_weights_check () refuses, with its message. */
AssayDecision *assay_decision_draft_for_weights (AssayReplica       *replica,
                                                 const AssayWeights *weights,
                                                 const char         *rationale,
                                                 const char         *author,
                                                 gint64              now,
                                                 GError            **error);

/* Writes `decision`'s canonical payload, signs it with `key` and queues
 * the envelope in the outbox with the case's "queued" event, in one
 * transaction (`case_id` 0: a decision on no case, such as an audit's,
 * queued without a case event).  `out_hash`: the payload's hash, the outbox key. */
gboolean       assay_decision_sign_and_queue (AssayReplica       *replica,
                                              AssayDecision      *decision,
                                              AssayKeyFile       *key,
                                              gint64              case_id,
                                              const char         *author_name,
                                              gint64              now,
                                              char              **out_hash,
                                              GError            **error);

G_END_DECLS
