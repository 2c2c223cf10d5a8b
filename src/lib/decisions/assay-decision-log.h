/* assay-decision-log.h — the log's rosters and decisions, verified into the replica
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

#include "assay-roster-chain.h"
#include "assay-decision.h"
#include "assay-replica-decisions.h"

G_BEGIN_DECLS

/* What one pass verified and stored. */
typedef struct
{
  guint n_rosters;
  guint n_decisions;
} AssayDecisionLogReport;

/* Verifies the roster and decision entries the replica has synced past
 * its decisions cursor, in log order, and stores each with its effect:
 * a roster joins the chain (TUF rotation, assay-roster-chain.h); a
 * decision must verify against the roster in force, with its quorum
 * complete, its deployment the first roster's, and follow the last
 * decision on its subject (subject_seq, supersedes).  Each entry is judged
 * at the end of the day it was logged (entries carry a date, not a time).
 *
 * An entry that fails is evidence that the service logged what it should
 * have refused: a security alert (ASSAY_ALERT_DECISION) with the entry and
 * the reason, ASSAY_ERROR_SECURITY, and the cursor stays before it.  Run
 * after every sync; a second run with nothing new does nothing. */
/* The roster chain again from the replica's stored, verified rosters. */
AssayRosterChain *assay_decision_log_load_chain (AssayReplica  *replica,
                                                 GError       **error);

gboolean assay_decision_log_apply (AssayReplica           *replica,
                                   AssayDecisionLogReport *report,
                                   GError                **error);

/* The effect a verified decision has (README, "Decisions in the
 * replica"): an account's new state, a down-weight, a weights version,
 * the case decided.
 * `logged_day` dates a down-weight without its own dates.  FALSE with
 * ASSAY_ERROR_INVALID_DATA for a down-weight without a known dimension. */
gboolean assay_decision_effect        (const AssayDecision  *decision,
                                       guint32               logged_day,
                                       AssayDecisionEffect  *out_effect,
                                       GError              **error);

G_END_DECLS
