/* assay-sync-private.h — internals shared by the files of AssaySync
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

#include <json-glib/json-glib.h>

#include "assay-checkpoint.h"
#include "assay-fetcher.h"
#include "assay-replica-sync-private.h"
#include "assay-sync.h"
#include "assay-tiles.h"
#include "assay-witness-policy.h"

G_BEGIN_DECLS

/* Tile levels sync stores: 0, 8, 16, …, 56 in Merkle levels. */
#define N_TILE_LEVELS 8

typedef void (*AssaySyncProgressFunc) (guint64  verified,
                                       guint64  total,
                                       double   rate,
                                       gpointer user_data);

struct _AssaySync
{
  GObject  parent_instance;
  char    *server_url;
  char    *log_key;
  guint    timeout;
  guint    max_in_flight;
  char   **witness_keys;
  guint    witness_quorum;
};

/* The tile being filled at one level while the builder runs. */
typedef struct
{
  guint64 idx;
  guint   width;
  guint8  hashes[ASSAY_TILE_BYTES];
} AssaySyncTileBuffer;

typedef struct
{
  /* configuration, copied so the worker never touches the GObject */
  char                 *server_url;
  char                 *log_key;
  guint                 timeout;
  guint                 max_in_flight;
  char                 *path;
  AssayWitnessPolicy   *witnesses;

  AssayReplicaDb       *db;
  AssayFetcher         *fetcher;
  AssayNoteVerifier    *verifier;
  AssayReplicaWriter   *writer;
  AssayMerkleBuilder   *builder;

  /* stored state */
  guint64               s0;
  guint8                r0[ASSAY_HASH_SIZE];
  char                 *note0;
  /* new checkpoint */
  char                 *note1;
  AssayCheckpoint      *cp;

  AssaySyncTileBuffer  *tiles;          /* N_TILE_LEVELS */
  GError               *tile_error;
  GHashTable           *server_tiles;   /* "level/idx" -> GBytes of the width in the new tree */

  GThreadPool          *pool;
  GMutex                jobs_lock;
  GCond                 jobs_cond;

  AssaySyncProgressFunc progress;
  gpointer              progress_data;
  gint64                started;
  gint64                last_progress;
  guint64               new_entries;
  gboolean              rollback_journal;
} AssaySyncRun;

/* ---- assay-sync-run.c ---- */

AssaySyncRun *_assay_sync_run_new       (AssaySync      *self,
                                         AssayReplica   *replica);
void         _assay_sync_run_release   (AssaySyncRun   *run);
void         _assay_sync_run_free      (AssaySyncRun   *run);
/* The whole sync, on the calling thread (see the comment at the top of
 * assay-sync-run.c). */
gboolean     _assay_sync_run_execute   (AssaySyncRun   *run,
                                        GCancellable   *cancellable,
                                        GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssaySyncRun, _assay_sync_run_free)

void         _assay_sync_set_hash_member (JsonObject   *object,
                                          const char   *name,
                                          const guint8  hash[ASSAY_HASH_SIZE]);
JsonObject  *_assay_sync_evidence_new  (AssaySyncRun   *run);
/* Drops the sync transaction, then records the alert; returns FALSE. */
gboolean     _assay_sync_raise_alert   (AssaySyncRun   *run,
                                        AssayAlertKind  kind,
                                        JsonObject     *evidence,
                                        GError        **error,
                                        const char     *format,
                                        ...) G_GNUC_PRINTF (5, 6);
void         _assay_sync_report_progress (AssaySyncRun *run,
                                          guint64       verified,
                                          guint64       total,
                                          gboolean      force);

/* ---- assay-sync-tiles.c ---- */

/* The width of tile (tile_level, tile_idx) in a tree of `size`. */
guint        _assay_sync_width_in_tree (guint64         size,
                                        guint           tile_level,
                                        guint64         tile_idx);
/* AssayMerkleNodeFunc over the server's tiles of the new tree (for the
 * consistency proof); `user_data` is the run. */
gboolean     _assay_sync_server_node_func (guint        level,
                                           guint64      index,
                                           guint8       out[ASSAY_HASH_SIZE],
                                           gpointer     user_data,
                                           GError     **error);
/* Phase 1: the level-0 hash tiles from the stored size up, checked
 * against the signed root and stored. */
gboolean     _assay_sync_hash_tiles    (AssaySyncRun   *run,
                                        GError        **error);

/* ---- assay-sync-bundles.c ---- */

/* The alert about entry `index` of bundle `path` (see
 * _assay_sync_raise_alert); returns FALSE. */
gboolean     _assay_sync_entry_alert   (AssaySyncRun   *run,
                                        AssayAlertKind  kind,
                                        guint64         index,
                                        const char     *path,
                                        const guint8    expected[ASSAY_HASH_SIZE],
                                        const guint8    computed[ASSAY_HASH_SIZE],
                                        const char     *detail,
                                        GError        **error);
/* Phase 2: entry and body bundles, checked against the authenticated
 * leaves and stored in log order. */
gboolean     _assay_sync_bundles       (AssaySyncRun   *run,
                                        GError        **error);

/* ---- assay-sync-withheld.c ---- */

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
gboolean _assay_sync_refetch_withheld (AssayReplicaDb         *db,
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
