/* assay-proposals.h — colleagues' decisions waiting for more signatures
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
#include "assay-objection.h"
#include "assay-roster-chain.h"
#include "assay-key-file.h"
#include "assay-replica.h"

G_BEGIN_DECLS

/* An objection to a proposal as the service lists it: who, why, and the
 * signed envelope that says so. */
typedef struct
{
  char *holder;       /* the service's word until assay_proposal_verify (), then the signer's */
  char *rationale;    /* likewise; then read from the signed payload */
  char *envelope;     /* the objection's envelope, JSON */
  char *problem;      /* set by assay_proposal_verify (): why it does not verify */
} AssayProposalObjection;

/* A pending proposal as the service lists it (GET /proposals). */
typedef struct
{
  char  *hash;        /* hex SHA-256 of the payload */
  guint  n_signed;    /* holders who signed so far */
  guint  threshold;   /* holders its kind needs */
  GStrv  holders;
  char  *envelope;    /* the envelope as collected, JSON */
  char  *problem;     /* set by assay_proposal_verify (): why it does not verify */
  GPtrArray *objections;  /* AssayProposalObjection *, oldest first */
} AssayProposal;

void           assay_proposal_free    (AssayProposal       *proposal);
AssayProposal *assay_proposal_copy    (const AssayProposal *proposal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayProposal, assay_proposal_free)

/* Checks @proposal's envelope against @chain as a logged decision would
 * be (assay_decision_verify (), the current roster's deployment, at
 * @now) and replaces what the service said of it (who signed, how many,
 * the threshold) with what the signatures show.  One that does not verify
 * keeps no signers and gets a `problem` in words; FALSE then.
 * Each objection is verified too (assay_objection_verify ()): one that
 * verifies gets its holder and rationale from its signed payload; one
 * that does not keeps a `problem` and is not counted as anyone's. */
gboolean   assay_proposal_verify  (AssayProposal    *proposal,
                                   AssayRosterChain *chain,
                                   gint64            now);

/* The service's pending proposals (AssayProposal *), oldest first.
 * ASSAY_ERROR_NETWORK when it cannot be asked, INVALID_DATA for an answer
 * that is not the documented JSON. */
GPtrArray *assay_proposals_fetch  (const char     *server_url,
                                   GError        **error);

/* The decision a proposal carries, read from its payload, which must hash
 * to the proposal's hash (ASSAY_ERROR_VERIFICATION otherwise): what a
 * co-signer reads before signing, never a summary from the service. */
AssayDecision *assay_proposal_get_decision (const AssayProposal *proposal,
                                            GError             **error);

/* Adds `key`'s signature over the same payload bytes and queues the
 * envelope in the outbox (with a "queued" event on the local case of its
 * subject, if any), to be pushed like one's own decisions: the service
 * merges the signatures.  `out_hash`: the outbox key. */
gboolean   assay_proposal_cosign  (AssayReplica        *replica,
                                   const AssayProposal *proposal,
                                   AssayKeyFile        *key,
                                   const char          *author_name,
                                   gint64               now,
                                   GError             **error);

/* The names of the holders whose objections verified, in order; with
 * @n_unverified (may be NULL) the number of those that did not. */
GStrv      assay_proposal_dup_objectors (const AssayProposal *proposal,
                                         guint               *n_unverified);

/* Signs, with `key`, an objection to @proposal (assay_objection_new ()
 * under the current roster of @chain, with @rationale), checks it as the
 * service will (a key without the role, another roster: refused here,
 * before anything is queued) and queues it in @replica's outbox in the
 * same transaction, as a row of kind "objection" whose subject is
 * "proposal:<hash>": assay_outbox_push () sends it to
 * POST /proposals/<hash>/objections, retries it while the service
 * cannot be reached, and keeps the service's answer (recorded, or
 * refused with its reason).  `out_hash`: the objection's payload hash,
 * the row's key. */
gboolean   assay_proposal_oppose  (AssayReplica        *replica,
                                   const AssayProposal *proposal,
                                   AssayRosterChain    *chain,
                                   AssayKeyFile        *key,
                                   const char          *rationale,
                                   const char          *author_name,
                                   gint64               now,
                                   char               **out_hash,
                                   GError             **error);

G_END_DECLS
