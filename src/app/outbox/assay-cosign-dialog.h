/* assay-cosign-dialog.h — a colleague's proposal, read from its payload and co-signed
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

#include <adwaita.h>

#include "assay-proposal-job.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_COSIGN_DIALOG (assay_cosign_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AssayCosignDialog, assay_cosign_dialog, ASSAY, COSIGN_DIALOG, AdwWindow)

/* Shows the decision a proposal carries as the decision dialog shows
 * one's own (assay_decision_render () of the payload, and the exact
 * bytes), asks the passphrase of the signing key (the signing-key
 * setting) and co-signs into the replica's outbox in a worker thread;
 * or, with "Oppose…", asks a rationale and signs an objection into the
 * outbox likewise (assay_proposal_job_oppose_async ()).  The objections
 * already made are named, as their signatures show.
 * @proposer: the proposer's name in the roster, or NULL.
 *
 * Signals: cosigned (const char *hash) — queued; opposed (const char
 * *hash, the proposal's) — the objection queued; pushing either is the
 * page's.  The dialog then closes. */
AssayCosignDialog *assay_cosign_dialog_new (GtkWindow           *parent,
                                            AssayReplica        *replica,
                                            const AssayProposal *proposal,
                                            const char          *proposer);

G_END_DECLS
