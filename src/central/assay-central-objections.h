/* assay-central-objections.h — signed votes against proposals, kept in the service's store
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

/* An objection that verified against a pending proposal, in central.db's
 * `objections` table (created on first use): one per holder and proposal.
 * Unlike the proposal it is kept when the proposal is logged or expires,
 * so that the dissent stays on record. */
typedef struct
{
  char *proposal;    /* hex SHA-256 of the proposal's payload */
  char *hash;        /* hex SHA-256 of the objection's payload */
  char *holder;
  char *rationale;
  char *envelope;    /* the objection's DSSE envelope (JSON) as received */
} AssayCentralObjection;

void                   assay_central_objection_free       (AssayCentralObjection *objection);

/* Creates the table if it is missing; needs a store opened for writing. */
gboolean               assay_central_objections_prepare   (AssayCentralStore     *store,
                                                           GError               **error);
gboolean               assay_central_objections_put       (AssayCentralStore     *store,
                                                           const AssayCentralObjection *objection,
                                                           GError               **error);
/* The objections to @proposal (AssayCentralObjection *), oldest first;
 * an empty array when there are none or the table does not exist yet. */
GPtrArray             *assay_central_objections_list      (AssayCentralStore     *store,
                                                           const char            *proposal,
                                                           GError               **error);
/* The objection by @holder to @proposal, or NULL (no error when none). */
AssayCentralObjection *assay_central_objections_find      (AssayCentralStore     *store,
                                                           const char            *proposal,
                                                           const char            *holder,
                                                           GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayCentralObjection, assay_central_objection_free)

G_END_DECLS
