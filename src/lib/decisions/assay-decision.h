/* assay-decision.h — signed decisions: the payload, its builder and its reader
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
#include <json-glib/json-glib.h>

#include "assay-decision-types.h"
#include "assay-decisions-enums.h"
#include "assay-dsse.h"

G_BEGIN_DECLS

/* The payload of a decision envelope (DECISIONS.md, "The envelope";
 * README, "Decisions"), canonical JSON with exactly these members:
 *
 *   v (1), deployment, decision_id (32 lower-case hex), kind, role,
 *   subject {kind, id}, subject_seq (≥ 1), supersedes (hex SHA-256, null
 *   iff subject_seq is 1), outcome (equal to kind in version 1, but for a
 *   ruling: uphold, overturn or adjust), params
 *   (an object of outcome parameters, {} when there are none), rationale
 *   (1 to 4000 bytes), rule_set {name, version, sha256}, inputs {flags:
 *   [flag ids], entries: [{index, leaf}]}, checkpoint {origin, size, root
 *   (base64 of 32 bytes)}, roster {version, sha256}, author (a key id),
 *   created_at, not_after (Unix seconds). */

#define ASSAY_DECISION_MAX_RATIONALE 4000
#define ASSAY_DECISION_MAX_INPUTS    1000

typedef struct
{
  gint64  index;
  char   *leaf;         /* hex SHA-256 leaf hash */
} AssayDecisionEntry;

typedef struct
{
  char              *deployment;
  char              *decision_id;       /* NULL in a new decision: the builder draws one */
  AssayDecisionKind  kind;
  AssayRole          role;
  AssaySubjectKind   subject_kind;
  char              *subject_id;
  gint64             subject_seq;
  char              *supersedes;        /* NULL iff subject_seq == 1 */
  AssayDecisionKind  outcome;           /* the kind, always (a ruling's too) */
  AssayRulingOutcome ruling;            /* a ruling's outcome, written as "outcome" */
  JsonObject        *params;            /* NULL is written as {} */
  char              *rationale;
  char              *rule_set_name;
  gint64             rule_set_version;
  char              *rule_set_sha256;
  GPtrArray         *flags;             /* char *: flag ids */
  GArray            *entries;           /* AssayDecisionEntry: the listed form of `inputs` */
  gint64             entries_count;     /* the digest form: how many entries the digest covers */
  char              *entries_sha256;    /* the digest form (README "Decisions"); NULL when listed */
  char              *checkpoint_origin;
  gint64             checkpoint_size;
  guint8             checkpoint_root[32];
  gint64             roster_version;
  char              *roster_sha256;
  char              *author;            /* key id */
  gint64             created_at;
  gint64             not_after;
} AssayDecision;

/* An empty decision (kind and outcome dismiss, role committee, subject_seq
 * 1), to fill in. */
AssayDecision *assay_decision_new               (void);
void           assay_decision_free              (AssayDecision      *decision);
void           assay_decision_add_flag          (AssayDecision      *decision,
                                                 const char         *flag_id);
void           assay_decision_add_entry         (AssayDecision      *decision,
                                                 gint64              index,
                                                 const char         *leaf);

/* Writes the canonical payload.  A NULL decision_id is first set to 16
 * random bytes in hex (the idempotency key: a retry sends the same bytes).
 * The bytes are read back with the reader below, so a decision that would
 * be refused is never written.  ASSAY_ERROR_INVALID_DATA. */
char          *assay_decision_entries_digest    (GArray             *entries);
gboolean       assay_decision_digest_entries    (AssayDecision      *decision);

GBytes        *assay_decision_to_payload        (AssayDecision      *decision,
                                                 GError            **error);

/* Reads the payload of @envelope, whose type must be the decision type
 * (ASSAY_ERROR_VERIFICATION otherwise): canonical form, exactly the
 * members above, each in range (ASSAY_ERROR_INVALID_DATA).  It checks no
 * signature: assay_decision_verify () checks them first and then calls it. */
AssayDecision *assay_decision_new_from_envelope (AssayDsseEnvelope  *envelope,
                                                 GError            **error);

/* What the payload's "outcome" says: the kind's id, or a ruling's
 * outcome ("uphold", "overturn", "adjust"). */
const char    *assay_decision_get_outcome_id    (const AssayDecision *decision);

/* The decision's hash: lower-case hex SHA-256 of the payload bytes, the key
 * by which a decision is deduplicated and superseded. */
char          *assay_decision_hash              (GBytes             *payload);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayDecision, assay_decision_free)

G_END_DECLS
