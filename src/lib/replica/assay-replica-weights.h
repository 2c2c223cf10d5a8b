/* assay-replica-weights.h — the logged weights versions, as the decisions layer stored them
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

/* A weights version: what one verified weights decision of the log
 * proposed (README, "Weights decisions").  Which version is in force on
 * a day (the notice period, the equal-weight start) is decided above this
 * layer; the replica only keeps the versions in log order. */
typedef struct
{
  guint64   index;                                   /* the decision's leaf index */
  char      hash[65];                                /* hex SHA-256 of its payload */
  guint32   logged_day;                              /* the day the log took it */
  guint32   effective_day;                           /* the quarter start it proposes */
  gint64    basis_points[ASSAY_N_DIMENSIONS];        /* in AssayDimension order; sum 10000 */
  char     *rationale;
  GStrv     signers;                                 /* the holders whose signatures counted */
} AssayStoredWeights;

void       assay_stored_weights_free           (AssayStoredWeights *version);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayStoredWeights, assay_stored_weights_free)

/* Every stored weights version (AssayStoredWeights *), in log order. */
GPtrArray *assay_replica_list_weights_versions  (AssayReplica  *self,
                                                 GError       **error);

G_END_DECLS
