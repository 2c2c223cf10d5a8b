/* assay-replica-outbox.h — signed decisions waiting to reach the central service
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

G_BEGIN_DECLS

/* Where a queued envelope stands (DECISIONS.md, "The outbox").  The nicks
 * are what `assayctl outbox --json` prints. */
typedef enum
{
  ASSAY_OUTBOX_QUEUED,    /* signed and stored, not yet accepted by the service */
  ASSAY_OUTBOX_PENDING,   /* accepted (202): waiting for co-signatures or a checkpoint */
  ASSAY_OUTBOX_LOGGED,    /* in the log (200), with its receipt */
  ASSAY_OUTBOX_REFUSED,   /* refused (4xx): final, with the service's reason */
  ASSAY_OUTBOX_RECORDED,  /* an objection the service kept (200): final; objections get no log entry */
} AssayOutboxState;

/* The `kind` of a row that carries an objection (README, "Opposing")
 * rather than a decision; its subject is "proposal:<hash>", the proposal
 * it opposes. */
#define ASSAY_OUTBOX_KIND_OBJECTION "objection"

typedef struct
{
  gint64            id;             /* 1, 2, … in order of queueing */
  char              hash[65];       /* hex SHA-256 of the payload: the dedup key */
  char             *kind;           /* the decision kind ("freeze"), or "objection" */
  char             *subject;        /* what it is about, as "kind:id" ("account:acct-0001", "proposal:<hash>") */
  gint64            case_id;        /* the case it decides, or 0 */
  char             *envelope;       /* the DSSE envelope as JSON, exactly as signed */
  AssayOutboxState  state;
  guint             attempts;       /* pushes tried */
  gint64            next_attempt;   /* unix time the next push is due; 0: now */
  char             *answer;         /* the service's last answer (a reason, a status) or NULL */
  char             *receipt;        /* the C2SP tlog-proof, once logged, or NULL */
  gint64            log_index;      /* the decision's leaf index once logged, else -1 */
  gint64            created_at;
  gint64            updated_at;
} AssayOutboxRow;

void assay_outbox_row_free (AssayOutboxRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayOutboxRow, assay_outbox_row_free)

/* Queues a signed envelope in one transaction (with, when `case_id` is
 * not 0, a "queued" event in the case's history, by `author`), so that a
 * crash leaves either nothing or one queued row.  The same `hash` again
 * queues nothing and returns the existing row's id: a resend is
 * idempotent; if the envelope differs (the same payload with more
 * signatures, a co-signer's) and the row is not final, the row takes it
 * and is due at once.  ASSAY_ERROR_INVALID_ARGUMENT for a hash that is not 64
 * lowercase hex digits or an empty envelope. */
gboolean        assay_replica_outbox_queue  (AssayReplica   *self,
                                             const char     *hash,
                                             const char     *kind,
                                             const char     *subject,
                                             gint64          case_id,
                                             const char     *envelope,
                                             const char     *author,
                                             gint64          now,
                                             gint64         *out_id,
                                             GError        **error);

/* Every row, oldest first; or one row by id or by hash (NULL with
 * ASSAY_ERROR_NOT_FOUND when there is none). */
GPtrArray      *assay_replica_outbox_list   (AssayReplica   *self,
                                             GError        **error);
AssayOutboxRow *assay_replica_outbox_get    (AssayReplica   *self,
                                             gint64          id,
                                             GError        **error);
AssayOutboxRow *assay_replica_outbox_find   (AssayReplica   *self,
                                             const char     *hash,
                                             GError        **error);

/* The rows that decide case `case_id`, oldest first. */
GPtrArray      *assay_replica_outbox_list_for_case (AssayReplica *self,
                                                    gint64        case_id,
                                                    GError      **error);

/* The rows a push should try at `now`: queued or pending, due. */
GPtrArray      *assay_replica_outbox_due    (AssayReplica   *self,
                                             gint64          now,
                                             GError        **error);

/* Records the outcome of one push of row `id`: its new state, the
 * service's answer, the receipt and log index (logged rows), when to try
 * again (queued and pending rows), and one more attempt.  A row that is
 * logged, recorded or refused stays so: ASSAY_ERROR_INVALID_ARGUMENT if asked to
 * leave a final state. */
gboolean        assay_replica_outbox_record (AssayReplica   *self,
                                             gint64          id,
                                             AssayOutboxState state,
                                             const char     *answer,
                                             const char     *receipt,
                                             gint64          log_index,
                                             gint64          next_attempt,
                                             gint64          now,
                                             GError        **error);

/* "Retry now": a queued or pending row becomes due at once. */
gboolean        assay_replica_outbox_retry_now (AssayReplica *self,
                                                gint64        id,
                                                GError      **error);

G_END_DECLS
