/* assay-replica-decisions.h — verified rosters and decisions, and their effects
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

#include <json-glib/json-glib.h>

#include "assay-replica.h"

G_BEGIN_DECLS

/* What the replica keeps of the roster and decision entries once the
 * decisions layer has verified them (the replica itself checks only the
 * log's proofs; it cannot tell a good signature from a bad one).  The
 * layer walks the log from the cursor, verifies, and stores each verified
 * entry with its effect in one transaction. */

/* An account's standing (DECISIONS.md; the nicks are what
 * `assayctl account --json` prints). */
typedef enum
{
  ASSAY_ACCOUNT_ACTIVE,
  ASSAY_ACCOUNT_PAUSED,
  ASSAY_ACCOUNT_FROZEN,
  ASSAY_ACCOUNT_ZEROED,
} AssayAccountState;

typedef struct
{
  guint64  index;          /* the entry's leaf index */
  char     hash[65];       /* hex SHA-256 of the payload */
  char    *decision_id;
  char    *kind;           /* the roster's kind name ("freeze") */
  char    *outcome;
  char    *role;
  char    *subject_kind;   /* "account", "county", "case", … */
  char    *subject_id;
  gint64   subject_seq;
  char    *signers;        /* JSON array of the verified signers' holders */
  char    *rationale;
  gint64   created_at;     /* unix time, from the payload */
  guint32  logged_day;     /* from the entry */
  char    *payload;        /* the canonical payload, as signed */
} AssayLoggedDecision;

void assay_logged_decision_free (AssayLoggedDecision *decision);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayLoggedDecision, assay_logged_decision_free)

/* A decision's effect, computed by the decisions layer. */
typedef struct
{
  const char *account;              /* the account it acts on, or NULL */
  int         state;                /* its new AssayAccountState, or -1: unchanged */
  int         down_weight_dimension;/* an AssayDimension to down-weight, or -1 */
  guint32     down_weight_from;     /* first and last day of the down-weight */
  guint32     down_weight_to;
  gboolean    decides_case;         /* the case on the subject becomes decided */
  gboolean    weights;              /* a weights version (assay-replica-weights.h) to store: */
  gint64      weights_basis_points[ASSAY_N_DIMENSIONS];  /* in AssayDimension order */
  guint32     weights_effective_day;/* the proposed effective day */
  gboolean    on_filing;            /* it decides a filing (a row of filing_decisions): */
  guint64     filing;               /* the filing's leaf index */
  gboolean    has_amount;           /* it names an award (approve) or points (adjusting ruling): */
  gint64      amount;
} AssayDecisionEffect;

/* Stores a verified decision and applies `effect`, in one transaction;
 * a weights decision adds its weights version (weights_versions), a
 * decision on a filing its row of filing_decisions; a
 * decided case gets a "decided" event naming the outcome and the signers,
 * and an outbox row with the decision's hash that is still queued or
 * pending becomes logged at its index.
 * ASSAY_ERROR_EXISTS if the index, the hash, the decision id or the
 * subject's sequence number is taken (nothing is stored). */
gboolean   assay_replica_store_decision    (AssayReplica              *self,
                                            const AssayLoggedDecision *decision,
                                            const AssayDecisionEffect *effect,
                                            GError                   **error);

typedef struct
{
  gint64   version;
  guint64  index;          /* the roster entry's leaf index */
  guint32  logged_day;
  char    *sha256;         /* hex SHA-256 of its payload */
  gint64   expires;
  char    *envelope;       /* the DSSE envelope as the entry carries it */
} AssayStoredRoster;

void assay_stored_roster_free (AssayStoredRoster *roster);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayStoredRoster, assay_stored_roster_free)

/* Stores a verified roster version (ASSAY_ERROR_EXISTS if its version or
 * index is taken). */
gboolean   assay_replica_store_roster      (AssayReplica            *self,
                                            const AssayStoredRoster *roster,
                                            GError                 **error);
/* Every stored roster version (AssayStoredRoster *), oldest first: the
 * chain, to walk again with the envelopes' signatures. */
GPtrArray *assay_replica_list_rosters      (AssayReplica   *self,
                                            GError        **error);

/* A roster or decision entry of the log, for the decisions layer. */
typedef struct
{
  guint64         index;
  AssayEntryKind  kind;      /* ASSAY_ENTRY_ROSTER or ASSAY_ENTRY_DECISION */
  guint32         logged_day;
  char           *envelope;  /* as the body writes it */
} AssaySignedEntry;

void assay_signed_entry_free (AssaySignedEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssaySignedEntry, assay_signed_entry_free)

/* The stored roster and decision entries with index ≥ `from`, in log
 * order (AssaySignedEntry *).  Their bodies are parsed again here, so a
 * body the replica holds is never taken on trust. */
GPtrArray *assay_replica_list_signed_entries (AssayReplica *self,
                                              guint64       from,
                                              GError      **error);

/* Decisions in log order: all (subject_kind NULL) or those on a subject. */
GPtrArray *assay_replica_list_decisions    (AssayReplica   *self,
                                            const char     *subject_kind,
                                            const char     *subject_id,
                                            GError        **error);
/* The account's state and the leaf index of the decision that set it
 * (-1 and ASSAY_ACCOUNT_ACTIVE when none did). */
gboolean   assay_replica_get_account_state (AssayReplica       *self,
                                            const char         *account,
                                            AssayAccountState  *out_state,
                                            gint64             *out_index,
                                            GError            **error);

typedef struct
{
  int      dimension;      /* AssayDimension */
  guint32  from_day;
  guint32  to_day;
  guint64  index;          /* the decision that set it */
} AssayDownWeight;

/* An account's down-weights (GArray of AssayDownWeight), oldest first. */
GArray    *assay_replica_list_down_weights (AssayReplica   *self,
                                            const char     *account,
                                            GError        **error);

/* A verified decision on a filing, as filing_decisions keeps it. */
typedef struct
{
  guint64   index;        /* the decision's leaf index */
  guint64   filing;       /* the filing's leaf index */
  char     *kind;         /* "approve", "deny", "ruling" */
  char     *outcome;      /* the kind, or a ruling's "uphold", "overturn", "adjust" */
  gboolean  has_amount;   /* an approved failure claim's award, an adjusting ruling's points: */
  gint64    amount;
  char     *signers;      /* JSON array of the verified signers' holders */
  guint32   logged_day;
} AssayFilingDecision;

void       assay_filing_decision_free      (AssayFilingDecision *decision);

/* "ana, bo" from a stored JSON array of signers' holders ("?" for an
 * entry that is no string); NULL when @json is not an array. */
char      *assay_signers_dup_names         (const char          *json);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayFilingDecision, assay_filing_decision_free)

/* The decisions on the filing at leaf @filing_index, in log order
 * (AssayFilingDecision *): the last one stands, each superseding the one
 * before. */
GPtrArray *assay_replica_filing_decisions  (AssayReplica  *self,
                                            guint64        filing_index,
                                            GError       **error);

/* Raises a security alert of kind ASSAY_ALERT_DECISION: `message` says
 * which entry failed and why, `evidence` (taken) holds what lets a third
 * party check it (at least the entry's index and envelope).  Always FALSE
 * with ASSAY_ERROR_SECURITY, as for the log's other alerts: sync stops
 * until the alert is cleared. */
gboolean   assay_replica_raise_decision_alert (AssayReplica *self,
                                               const char   *message,
                                               JsonObject   *evidence,
                                               GError      **error);

/* How far into the log the decisions layer has verified (a log size). */
guint64    assay_replica_get_decisions_size (AssayReplica  *self);
gboolean   assay_replica_set_decisions_size (AssayReplica  *self,
                                             guint64        size,
                                             GError       **error);

G_END_DECLS
