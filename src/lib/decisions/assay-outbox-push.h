/* assay-outbox-push.h — pushing the outbox's signed decisions to the central service
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

#include "assay-note.h"
#include "assay-replica-outbox.h"

G_BEGIN_DECLS

/* The first retry after a network failure, and the longest wait. */
#define ASSAY_PUSH_FIRST_RETRY 30
#define ASSAY_PUSH_MAX_RETRY   3600

typedef struct
{
  guint n_tried;
  guint n_logged;     /* 200, and the receipt verified */
  guint n_pending;    /* 202: waiting for co-signatures */
  guint n_recorded;   /* objections the service kept (200) */
  guint n_refused;    /* 4xx: final, with the service's reason */
  guint n_retry;      /* network trouble or 5xx: tried again later */
  guint n_bad_receipt;/* 200 with a receipt that does not verify */
} AssayPushReport;

/* POSTs every due row (queued or pending, its next attempt reached) to
 * `server_url`/decisions, or an objection's to
 * `server_url`/proposals/<hash>/objections, once each, and records the
 * answer (README, "Pushing"): 200 with a receipt that verifies against
 * `log_key` for this very envelope — logged; 200 to an objection —
 * recorded, final, without a receipt; 202 — pending, asked again later; 4xx
 * (but 408 and 429) — refused, final, with the service's reason; a
 * network error, 408, 429 or 5xx — queued, the next try after an
 * exponential backoff with jitter.  A 200 whose receipt does not verify
 * keeps the row queued and counts in n_bad_receipt.  FALSE only when the
 * replica cannot be read or written. */
gboolean assay_outbox_push (AssayReplica      *replica,
                            const char        *server_url,
                            AssayNoteVerifier *log_key,
                            gint64             now,
                            AssayPushReport   *report,
                            GError           **error);

/* The wait before attempt `attempts` + 1 after a failure: 30 s doubled per
 * attempt, at most an hour, times a jitter factor in [0.5, 1.5) drawn
 * from `jitter` (0 … 1). */
gint64   assay_push_backoff (guint   attempts,
                             double  jitter);

G_END_DECLS
