/* assay-audit-findings-decision.h — a sample’s findings as one signed `audit_findings` decision
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

#include "assay-audit-sample.h"
#include "assay-decision-draft.h"

G_BEGIN_DECLS

/* The subject id of a sample's findings: "YEAR/PROVINCE/SIZE/RATE"
 * ("2026/31/46150/0.1"), which names the sample exactly. */
char          *assay_audit_findings_subject (const AssayAuditSample *sample);

/* The decision's params: the sample (year, province, checkpoint_size,
 * rate, seed in hex, population, sample_size), the counts of the findings
 * (reviewed, correct, error, fraud), `findings_sha256` (hex SHA-256 of the
 * UTF-8 lines "INDEX FINDING\n" of every finding in index order, which
 * binds the correct ones too) and `findings`: each error and fraud with
 * its index and note.  Those records' leaf indices go to `out_indices`
 * (guint64, ascending), the decision's entries.  Only integers and
 * strings: canonical JSON has no fractions. */
JsonObject    *assay_audit_findings_params  (const AssayAuditSample *sample,
                                             GPtrArray              *findings,
                                             GArray                 *out_indices);

/* The sample's stored findings (AssayAuditFindingRow*, index order) as an
 * `audit_findings` decision by `author` (a key id).  Refused
 * (ASSAY_ERROR_INVALID_ARGUMENT) without findings, and as
 * assay_decision_draft_for_audit () refuses. */
AssayDecision *assay_audit_findings_draft   (AssayReplica           *replica,
                                             const AssayAuditSample *sample,
                                             const char             *rationale,
                                             const char             *author,
                                             gint64                  now,
                                             GError                **error);

/* In a worker thread on a connection of its own: opens the key file with
 * the passphrase, drafts again with `decision_id` and `created_at` and
 * checks that the payload is `expected` byte for byte (else
 * ASSAY_ERROR_EXISTS: the replica changed, draft again), signs and queues
 * it in the outbox (on no case).  The result is the payload's hash. */
void           assay_audit_findings_sign_async  (const char             *replica_path,
                                                 const AssayAuditSample *sample,
                                                 const char             *rationale,
                                                 const char             *key_path,
                                                 const char             *passphrase,
                                                 gsize                   passphrase_len,
                                                 GBytes                 *expected,
                                                 const char             *decision_id,
                                                 gint64                  created_at,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
char          *assay_audit_findings_sign_finish (GAsyncResult           *result,
                                                 GError                **error);

G_END_DECLS
