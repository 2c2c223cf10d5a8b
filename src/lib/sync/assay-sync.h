/* assay-sync.h — fetch, verify and store new entries from the central service
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

#include "assay-types.h"
#include "assay-replica.h"

G_BEGIN_DECLS

/* AssaySync brings a replica up to the central service's latest checkpoint:
 * fetch the checkpoint and verify its signature; check it is consistent
 * with the stored one; fetch hash tiles, entry bundles and body bundles with
 * several requests in flight; recompute the root; check every body against
 * its commitment and validate it; then commit entries, aggregates and the
 * checkpoint in one transaction.  Nothing is visible to queries before that
 * commit, so an interrupted sync (dropped connection, killed process)
 * leaves the replica at its last verified state, and the next sync does it
 * all again.
 *
 * A security problem (bad signature, tampered tile, bundle or body,
 * rollback, equivocation, fork) records an alert with its evidence in the
 * replica and fails with ASSAY_ERROR_SECURITY; sync is then refused until
 * the alert is cleared.  Ordinary trouble (network, HTTP status, timeout,
 * malformed responses, disk) fails with the matching ASSAY_ERROR code and
 * changes nothing.
 *
 * Properties:
 *   server-url   string   base URL of the central service (required)
 *   log-key      string   the log's verifier key, C2SP note format (required)
 *   timeout      guint    seconds without progress on one request before
 *                         giving up (default 30)
 *   max-in-flight guint   concurrent requests (default 8)
 *   witness-keys  GStrv   verifier keys of the witnesses whose cosignatures
 *                         count (C2SP tlog-cosignature, key type 0x04)
 *   witness-quorum guint  how many of them must have validly cosigned a
 *                         checkpoint before the replica accepts it
 *                         (default 0: none).  A configured witness whose
 *                         cosignature does not verify is a forgery: a
 *                         signature alert.  Too few valid cosignatures
 *                         fails with ASSAY_ERROR_FAILED ("try again
 *                         later") and stores nothing.  A policy the
 *                         quorum cannot meet fails with
 *                         ASSAY_ERROR_INVALID_ARGUMENT.
 *
 * Bodies the service sent empty without a tombstone are stored as
 * withheld; each sync asks for some of them again (in the same
 * transaction) and stores those that now arrive, checked against their
 * commitments, as if they had come the first time.
 *
 * Signal:
 *   void progress (AssaySync *sync, guint64 verified, guint64 total, double rate)
 *     `verified` entries of `total` new ones are done, at `rate` entries
 *     per second.  Emitted in the main context that was thread-default when
 *     the sync started (so a GTK page can bind to it), at most ~10 times a
 *     second, and once at the end.
 */

#define ASSAY_TYPE_SYNC (assay_sync_get_type ())
G_DECLARE_FINAL_TYPE (AssaySync, assay_sync, ASSAY, SYNC, GObject)

AssaySync *assay_sync_new             (const char    *server_url,
                                       const char    *log_key);
void       assay_sync_set_timeout     (AssaySync     *self,
                                       guint          seconds);
void       assay_sync_set_max_in_flight (AssaySync   *self,
                                       guint          n);
/* NULL or an empty list: no witnesses. */
void       assay_sync_set_witness_keys (AssaySync    *self,
                                       const char * const *keys);
void       assay_sync_set_witness_quorum (AssaySync  *self,
                                       guint          quorum);

/* Runs the sync in a worker thread against `replica`'s file; on success
 * calls assay_replica_reload() on `replica` before completing. */
void       assay_sync_run_async       (AssaySync           *self,
                                       AssayReplica        *replica,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* Returns the number of new entries stored (0 when already up to date). */
gboolean   assay_sync_run_finish      (AssaySync           *self,
                                       GAsyncResult        *result,
                                       guint64             *out_new_entries,
                                       GError             **error);

/* The same, blocking the calling thread (used by assayctl and tests).
 * Progress is emitted directly from the calling thread; it does not call
 * assay_replica_reload().  Into an empty replica, the sync closes the
 * replica's connection while it runs (to write the file alone, faster):
 * do not use the replica from a progress handler. */
gboolean   assay_sync_run             (AssaySync           *self,
                                       AssayReplica        *replica,
                                       GCancellable        *cancellable,
                                       guint64             *out_new_entries,
                                       GError             **error);

G_END_DECLS
