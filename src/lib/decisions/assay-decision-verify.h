/* assay-decision-verify.h — verifying a decision envelope against the roster chain
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

#include <glib.h>

#include "assay-decision.h"
#include "assay-roster-chain.h"

G_BEGIN_DECLS

/* How far in the future "created_at" may be: clocks of workstations and
 * the service drift, but not by more than five minutes. */
#define ASSAY_DECISION_MAX_SKEW 300

typedef struct
{
  AssayDecision *decision;
  char          *sha256;          /* of the payload: the dedup key */
  gboolean       complete;        /* the threshold is met; else pending */
  guint          threshold;       /* holders needed (roster "kinds") */
  GPtrArray     *holders;         /* char *: the distinct holders counted, in signature order */
  gint64         roster_version;  /* the roster they were counted against: the current one */
} AssayDecisionResult;

/* Verifies @envelope, in this order: the payload type; the current roster
 * of @chain, which must not have expired at @now; every signature by a
 * key of that roster (before the payload is parsed); the payload
 * (canonical, strict); the deployment; the times (not after "not_after",
 * "created_at" at most ASSAY_DECISION_MAX_SKEW ahead); the roster it names
 * (a version of @chain, with its hash); the roster's rule for its kind (the
 * role it acts in); that every signer holds that role and the author signed.
 * Signatures are always counted against the *current* roster, also when the
 * payload names an older one: keys removed since do not count.
 *
 * A decision that passes is complete or pending (k of n).  Refusals are
 * ASSAY_ERROR_VERIFICATION, or ASSAY_ERROR_INVALID_DATA for a malformed
 * payload or envelope. */
gboolean assay_decision_verify         (AssayDsseEnvelope    *envelope,
                                        AssayRosterChain     *chain,
                                        const char           *deployment,
                                        gint64                now,
                                        AssayDecisionResult **result,
                                        GError              **error);
void     assay_decision_result_free    (AssayDecisionResult  *result);

/* The checks that need the log's state, as pure functions of it. */

/* Whether @decision may follow the last decision on its subject, whose
 * hash is @prev_sha256 and sequence number @prev_seq (NULL and 0 when the
 * subject has none).  A decision at a sequence number that is taken, or
 * one that supersedes another decision than the last, conflicts
 * (ASSAY_ERROR_EXISTS, HTTP 409); one that skips ahead is refused
 * (ASSAY_ERROR_VERIFICATION). */
gboolean assay_decision_check_sequence (AssayDecision        *decision,
                                        const char           *prev_sha256,
                                        gint64                prev_seq,
                                        GError              **error);

/* Whether a decision with hash @sha256 may be logged when its decision_id
 * is already logged with hash @stored_sha256 (NULL: it is not).  The same
 * bytes again are a retry (TRUE: answer with the same receipt); other bytes
 * under the same id conflict (ASSAY_ERROR_EXISTS, HTTP 409). */
gboolean assay_decision_check_id       (const char           *sha256,
                                        const char           *stored_sha256,
                                        GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayDecisionResult, assay_decision_result_free)

G_END_DECLS
