/* assay-replica-sync-private.h — what sync may use of the replica: its connection, the writer
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

#include "assay-replica.h"
#include "assay-checkpoint.h"
#include "assay-entry.h"
#include "assay-tiles.h"
#include "assay-witness-policy.h"

G_BEGIN_DECLS

/* Sync drives the replica's writer but never runs SQL itself: it holds
 * the replica's file through an AssayReplicaDb and asks it by name for
 * what it needs.  No SQLite type is visible from here. */

#define ASSAY_TILE_BYTES (ASSAY_TILE_WIDTH * ASSAY_HASH_SIZE)

typedef struct _AssayReplicaDb     AssayReplicaDb;
typedef struct _AssayReplicaWriter AssayReplicaWriter;

/* A withheld entry: its index and its stored commitment. */
typedef struct
{
  guint64 idx;
  guint8  commitment[ASSAY_HASH_SIZE];
} AssayReplicaWithheld;

/* ---- The replica's file, as sync holds it ------------------------------
 *
 * A connection of sync's own (see _assay_replica_db_open), used only on
 * the thread that opened it and the writer's. */
AssayReplicaDb *_assay_replica_db_open_for_sync      (const char          *path,
                                                      GError             **error);
void      _assay_replica_db_close                    (AssayReplicaDb      *db);

/* The verified state: the log's key, size, root and note, and the compact
 * range (NULL or 0 when the replica holds none yet). */
char     *_assay_replica_db_get_log_key              (AssayReplicaDb      *db);
guint64   _assay_replica_db_get_size                 (AssayReplicaDb      *db);
GBytes   *_assay_replica_db_get_root                 (AssayReplicaDb      *db);
char     *_assay_replica_db_get_note                 (AssayReplicaDb      *db);
GBytes   *_assay_replica_db_get_compact_range        (AssayReplicaDb      *db);

/* ASSAY_ALERT_NONE, or the active alert's kind (and message). */
AssayAlertKind _assay_replica_db_get_alert           (AssayReplicaDb      *db,
                                                      char               **out_message);
/* Records an alert (see _assay_db_raise_alert); `evidence` is consumed. */
void      _assay_replica_db_raise_alert              (AssayReplicaDb      *db,
                                                      AssayAlertKind       kind,
                                                      const char          *message,
                                                      JsonObject          *evidence,
                                                      GError             **error);

/* Reads tile (level, idx), in the open transaction if there is one;
 * returns its width (0 if absent). */
guint     _assay_replica_db_read_tile                (AssayReplicaDb      *db,
                                                      guint                level,
                                                      guint64              idx,
                                                      guint8               hashes[ASSAY_TILE_BYTES]);

/* A first sync into an empty replica may write with a rollback journal
 * (see _assay_db_use_rollback_journal); TRUE if it does.  After its
 * commit, restore_wal sets WAL again (if it cannot now, the next open
 * does). */
gboolean  _assay_replica_db_use_rollback_journal     (AssayReplicaDb      *db);
void      _assay_replica_db_restore_wal              (AssayReplicaDb      *db);

/* Inside the writer's transaction: the witness policy the new checkpoint
 * was accepted under (see _assay_replica_store_witness_policy). */
gboolean  _assay_replica_db_store_witness_policy     (AssayReplicaDb      *db,
                                                      AssayWitnessPolicy  *policy,
                                                      GError             **error);

/* Withheld entries, found through the partial index entries_withheld
 * (made by the writer), so these read in the writer's transaction only.
 * list_withheld_bundles appends to `bundles` (guint64) the distinct
 * bundles of withheld entries in [from, to), in order, until it holds
 * `max`; list_withheld returns (AssayReplicaWithheld) the withheld entries
 * in [from, to), in order. */
gboolean  _assay_replica_db_list_withheld_bundles    (AssayReplicaDb      *db,
                                                      guint64              from,
                                                      guint64              to,
                                                      guint                max,
                                                      GArray              *bundles,
                                                      GError             **error);
GArray   *_assay_replica_db_list_withheld            (AssayReplicaDb      *db,
                                                      guint64              from,
                                                      guint64              to,
                                                      GError             **error);

/* ---- The sync writer ---------------------------------------------------
 *
 * Everything a sync stores goes through one writer, inside one IMMEDIATE
 * transaction that commits only after the whole new tree verified. */
/* Announces a sync that at least doubles the replica: indexes on the
 * parsed rows are rebuilt once at the end instead of updated per entry. */
gboolean  _assay_replica_writer_set_bulk         (AssayReplicaWriter  *writer,
                                                  GError             **error);
gboolean  _assay_replica_writer_put_tile         (AssayReplicaWriter  *writer,
                                                  guint                level,
                                                  guint64              idx,
                                                  const guint8        *hashes,
                                                  guint                width,
                                                  GError             **error);
/* `salt`/`body` NULL: the service sent no body (withheld or erased).
 * `parsed` must be the validated body when given. */
gboolean  _assay_replica_writer_add_entry        (AssayReplicaWriter  *writer,
                                                  guint64              idx,
                                                  const guint8         commitment[ASSAY_HASH_SIZE],
                                                  const guint8        *salt,
                                                  const char          *body,
                                                  gsize                body_len,
                                                  const AssayEntry    *parsed,
                                                  GError             **error);
/* A withheld entry's body arrived: `salt` and `body` checked against the
 * entry's stored commitment, `parsed` the validated body.  The entry
 * becomes verified with its record and aggregates, as if it had never
 * been withheld; except that an account first seen in that body is
 * numbered (accounts.id) now, after the accounts that came later in the
 * log.  Everything by account name is the same. */
gboolean  _assay_replica_writer_fill_withheld    (AssayReplicaWriter  *writer,
                                                  guint64              idx,
                                                  const guint8         salt[ASSAY_SALT_SIZE],
                                                  const char          *body,
                                                  gsize                body_len,
                                                  const AssayEntry    *parsed,
                                                  GError             **error);
/* Stores the checkpoint and compact range, updates counts, commits.  Then
 * purges erased bytes from the WAL if a tombstone erased anything. */
gboolean  _assay_replica_writer_commit           (AssayReplicaWriter  *writer,
                                                  const char          *note,
                                                  const AssayCheckpoint *checkpoint,
                                                  GBytes              *compact_range,
                                                  const char          *server_url,
                                                  const char          *log_key,
                                                  GError             **error);
/* Rolls back (if not committed) and frees. */
void      _assay_replica_writer_free             (AssayReplicaWriter  *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayReplicaWriter, _assay_replica_writer_free)

/* Begins the writer on sync's connection. */
AssayReplicaWriter *_assay_replica_db_begin_writer   (AssayReplicaDb      *db,
                                                      GError             **error);

/* Closes the replica's connection for a while (FALSE, and it stays open,
 * if statements of it are still in use); reopen it before any other call
 * on the replica. */
gboolean  _assay_replica_suspend_db              (AssayReplica        *self);
gboolean  _assay_replica_resume_db               (AssayReplica        *self,
                                                  GError             **error);

G_END_DECLS
