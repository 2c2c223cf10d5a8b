/* assay-central-proposals.h — decisions waiting for their quorum, kept in the service's store
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

#include "assay-central-store.h"

G_BEGIN_DECLS

/* A decision that verified but has fewer signatures than its kind needs,
 * keyed by its payload hash, in central.db's `proposals` table (created
 * on first use), so that a restarted service still holds it.  The counts
 * are those of its last verification. */
typedef struct
{
  char  *hash;          /* hex SHA-256 of the payload */
  char  *decision_id;
  char  *envelope;      /* the DSSE envelope (JSON) with every signature collected */
  guint  n_signed;      /* distinct holders that signed */
  guint  threshold;
  char  *holders;       /* JSON array of their names */
  gint64 not_after;     /* the decision's; past it the proposal is dropped */
  GPtrArray *objections; /* AssayCentralObjection *, filled by GET /proposals only */
} AssayCentralProposal;

void                  assay_central_proposal_free      (AssayCentralProposal *proposal);

/* Creates the table if it is missing (before the first proposal is put);
 * needs a store opened for writing.  Until then the other functions find
 * nothing. */
gboolean              assay_central_proposals_prepare  (AssayCentralStore    *store,
                                                        GError              **error);
/* The proposal with @hash, or NULL (without an error when there is none). */
AssayCentralProposal *assay_central_proposals_get      (AssayCentralStore    *store,
                                                        const char           *hash,
                                                        GError              **error);
/* The hash of the pending proposal with @decision_id, or NULL. */
char                 *assay_central_proposals_find_id  (AssayCentralStore    *store,
                                                        const char           *decision_id);
gboolean              assay_central_proposals_put      (AssayCentralStore    *store,
                                                        const AssayCentralProposal *proposal,
                                                        GError              **error);
gboolean              assay_central_proposals_remove   (AssayCentralStore    *store,
                                                        const char           *hash,
                                                        GError              **error);
/* Drops the proposals whose decision has expired at @now: they can never
 * be logged. */
gboolean              assay_central_proposals_prune    (AssayCentralStore    *store,
                                                        gint64                now,
                                                        GError              **error);
/* Every proposal whose decision has not expired at @now, oldest first;
 * an empty array when the table does not exist yet. */
GPtrArray            *assay_central_proposals_list     (AssayCentralStore    *store,
                                                        gint64                now,
                                                        GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayCentralProposal, assay_central_proposal_free)

G_END_DECLS
