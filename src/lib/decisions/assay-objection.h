/* assay-objection.h — a signed vote against a pending proposal
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
#include "assay-key-file.h"
#include "assay-roster-chain.h"

G_BEGIN_DECLS

/* Dissent is a signed vote too (DECISIONS.md, "Quorum"): a holder of the
 * role a proposal's kind needs signs, instead of the proposal, a short
 * document that names it and says why not.  The service keeps it beside
 * the proposal, also once the proposal is logged; it does not block the
 * quorum.  It is never a log entry, so its type is ours, not the ledger's. */
#define ASSAY_OBJECTION_PAYLOAD_TYPE "application/vnd.assay.objection.v1+json"

typedef struct
{
  char              *deployment;
  char              *proposal;        /* hex SHA-256 of the proposal's payload */
  AssayDecisionKind  kind;            /* the proposal's kind */
  AssayRole          role;            /* the role its kind needs, the objector's */
  char              *rationale;       /* required, at most ASSAY_DECISION_MAX_RATIONALE bytes */
  char              *author;          /* key id */
  gint64             created_at;
  gint64             roster_version;
  char              *roster_sha256;
} AssayObjection;

void            assay_objection_free              (AssayObjection     *objection);

/* An objection by the holder of @author (a key id) to @decision, whose
 * payload hashes to @proposal_hash, under @roster (the one in force,
 * which also gives the role @decision's kind needs).  A rationale that is
 * empty (or only spaces) or too long is ASSAY_ERROR_INVALID_ARGUMENT. */
AssayObjection *assay_objection_new               (const AssayDecision *decision,
                                                   const char         *proposal_hash,
                                                   AssayRoster        *roster,
                                                   const char         *author,
                                                   const char         *rationale,
                                                   gint64              now,
                                                   GError            **error);
/* The canonical payload, read back before it is returned. */
GBytes         *assay_objection_to_payload        (AssayObjection     *objection,
                                                   GError            **error);
/* Reads the payload of @envelope, strictly (its type, canonical JSON,
 * every member and no other); verifies nothing. */
AssayObjection *assay_objection_new_from_envelope (AssayDsseEnvelope  *envelope,
                                                   GError            **error);
/* The envelope of @objection's payload signed by @key, as JSON. */
char           *assay_objection_sign              (AssayObjection     *objection,
                                                   AssayKeyFile       *key,
                                                   GError            **error);

typedef struct
{
  AssayObjection *objection;
  char           *holder;     /* the objector, by the roster */
  char           *sha256;     /* of the objection's payload */
} AssayObjectionResult;

void            assay_objection_result_free       (AssayObjectionResult *result);

/* Verifies @envelope as an objection to @decision (the proposal whose
 * payload hashes to @proposal_hash), in this order: the payload type; the
 * current roster of @chain, not expired at @now; one signature, by a key
 * of that roster, valid at @now (before the payload is parsed); the
 * payload (canonical, strict); the deployment; the times as a decision's
 * (“created_at” at most ASSAY_DECISION_MAX_SKEW ahead of @now, and
 * neither @now nor “created_at” past the proposal's “not_after”); the
 * roster it names (a version of @chain, with its hash); the proposal (its
 * hash and kind); the role (the roster's rule for the kind); that the
 * signer is the author and holds that role.  Refusals are
 * ASSAY_ERROR_VERIFICATION, or ASSAY_ERROR_INVALID_DATA for a malformed
 * payload. */
gboolean        assay_objection_verify            (AssayDsseEnvelope    *envelope,
                                                   AssayRosterChain     *chain,
                                                   const char           *deployment,
                                                   const char           *proposal_hash,
                                                   const AssayDecision  *decision,
                                                   gint64                now,
                                                   AssayObjectionResult **result,
                                                   GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayObjection, assay_objection_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayObjectionResult, assay_objection_result_free)

G_END_DECLS
