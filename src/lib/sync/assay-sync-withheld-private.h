/* assay-sync-withheld-private.h — asking again for bodies the service withheld
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

#include "assay-replica-private.h"
#include "assay-fetcher.h"

G_BEGIN_DECLS

/* At most this many body bundles are asked for again per sync. */
#define ASSAY_WITHHELD_MAX_BUNDLES 64

/* Raises the alert for entry `index` of bundle `path` (dropping the sync
 * transaction first) and returns FALSE; sync's own entry alert. */
typedef gboolean (*AssayWithheldAlertFunc) (gpointer        user_data,
                                            AssayAlertKind  kind,
                                            guint64         index,
                                            const char     *path,
                                            const guint8   *expected,
                                            const guint8   *computed,
                                            const char     *detail,
                                            GError        **error);

/* Inside the sync transaction: fetches again (several in flight) the body
 * bundles of up to ASSAY_WITHHELD_MAX_BUNDLES bundles that hold withheld
 * entries below `below` (the size verified before this sync: entries this
 * sync just fetched are not asked for twice), in a tree of `tree_size`.
 * Each body that now arrives must match the entry's stored commitment
 * (else ASSAY_ALERT_BODY) and be valid (else ASSAY_ALERT_INVALID_ENTRY);
 * it is then stored with _assay_replica_writer_fill_withheld().  Bodies
 * still withheld stay so; erased entries are never asked for.  Sets
 * `out_filled` to the number of bodies that arrived. */
gboolean _assay_sync_refetch_withheld (sqlite3                *db,
                                       AssayReplicaWriter     *writer,
                                       AssayFetcher           *fetcher,
                                       guint64                 below,
                                       guint64                 tree_size,
                                       guint                   max_in_flight,
                                       AssayWithheldAlertFunc  alert,
                                       gpointer                alert_data,
                                       guint64                *out_filled,
                                       GError                **error);

G_END_DECLS
