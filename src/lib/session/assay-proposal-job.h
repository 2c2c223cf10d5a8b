/* assay-proposal-job.h — colleagues’ proposals: fetched, read and co-signed off the main thread
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

#include "assay-decision-job.h"
#include "assay-proposals.h"

G_BEGIN_DECLS

/* The proposals waiting at the service the replica syncs with
 * (AssayProposal *), fetched in a worker thread.  ASSAY_ERROR_NOT_FOUND
 * when the replica has not synced yet and so knows no service. */
void       assay_proposal_job_fetch_async   (const char          *replica_path,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray *assay_proposal_job_fetch_finish  (GAsyncResult        *result,
                                             GError             **error);

/* The proposal's decision rendered for reading (AssayDecisionField), from
 * its payload bytes, as the decision dialog renders one's own; NULL with
 * the error when the payload does not hash to the proposal's hash or is
 * not a decision.  @author_name: the proposer's name in the roster, or NULL. */
GPtrArray *assay_proposal_dup_fields        (const AssayProposal *proposal,
                                             const char          *author_name,
                                             GError             **error);

/* Opens the key file with the passphrase (copied into sodium_malloc ()
 * memory, wiped after use) and co-signs in a worker thread, on a replica
 * connection of its own: the signature is added and the envelope queued
 * in the outbox (assay_proposal_cosign ()); push it afterwards.  A wrong
 * passphrase is ASSAY_ERROR_VERIFICATION. */
void       assay_proposal_job_cosign_async  (const char          *replica_path,
                                             const AssayProposal *proposal,
                                             const char          *key_path,
                                             const char          *passphrase,
                                             gsize                passphrase_len,
                                             const char          *author_name,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean   assay_proposal_job_cosign_finish (GAsyncResult        *result,
                                             GError             **error);

/* Opens the key file as co-signing does and, in a worker thread, signs
 * an objection with @rationale and queues it in the replica's outbox in
 * the same transaction (assay_proposal_oppose ()); pushing it, as after
 * co-signing, is the caller's.  A wrong passphrase is
 * ASSAY_ERROR_VERIFICATION; an objection the service would refuse for
 * its key or roster is refused here, before it is queued. */
void       assay_proposal_job_oppose_async  (const char          *replica_path,
                                             const AssayProposal *proposal,
                                             const char          *key_path,
                                             const char          *passphrase,
                                             gsize                passphrase_len,
                                             const char          *rationale,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean   assay_proposal_job_oppose_finish (GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
