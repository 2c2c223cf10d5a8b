/* assay-replica-sync.c — the replica's file as sync holds it: named reads beside the writer
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

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "assay-error.h"
#include "assay-replica-private.h"

/* Sync's own connection to the replica's file.  Only a wrapper: sync gets
 * named functions, never the sqlite3 handle. */
struct _AssayReplicaDb
{
  sqlite3 *db;
};

AssayReplicaDb *
_assay_replica_db_open_for_sync (const char *path,
                                 GError **error)
{
  sqlite3 *db = _assay_replica_db_open (path, ASSAY_REPLICA_OPEN_CREATE, error);
  AssayReplicaDb *self;

  if (db == NULL)
    return NULL;
  self = g_new0 (AssayReplicaDb, 1);
  self->db = db;
  return self;
}

void
_assay_replica_db_close (AssayReplicaDb *self)
{
  if (self == NULL)
    return;
  sqlite3_close (self->db);
  g_free (self);
}

/* ---- the verified state ---------------------------------------------------- */

char *
_assay_replica_db_get_log_key (AssayReplicaDb *self)
{
  return _assay_db_meta_get_text (self->db, "log_key");
}

guint64
_assay_replica_db_get_size (AssayReplicaDb *self)
{
  return _assay_db_meta_get_int (self->db, "size", 0);
}

GBytes *
_assay_replica_db_get_root (AssayReplicaDb *self)
{
  return _assay_db_meta_get_blob (self->db, "root");
}

char *
_assay_replica_db_get_note (AssayReplicaDb *self)
{
  return _assay_db_meta_get_text (self->db, "note");
}

GBytes *
_assay_replica_db_get_compact_range (AssayReplicaDb *self)
{
  return _assay_db_meta_get_blob (self->db, "range");
}

/* ---- alerts ------------------------------------------------------------------- */

AssayAlertKind
_assay_replica_db_get_alert (AssayReplicaDb *self,
                             char **out_message)
{
  return _assay_db_get_alert (self->db, out_message, NULL);
}

void
_assay_replica_db_raise_alert (AssayReplicaDb *self,
                               AssayAlertKind kind,
                               const char *message,
                               JsonObject *evidence,
                               GError **error)
{
  _assay_db_raise_alert (self->db, kind, message, evidence, error);
}

/* ---- tiles, journal, witnesses, the writer ----------------------------------- */

guint
_assay_replica_db_read_tile (AssayReplicaDb *self,
                             guint level,
                             guint64 idx,
                             guint8 hashes[ASSAY_TILE_BYTES])
{
  return _assay_db_read_tile (self->db, level, idx, hashes);
}

gboolean
_assay_replica_db_use_rollback_journal (AssayReplicaDb *self)
{
  return _assay_db_use_rollback_journal (self->db);
}

void
_assay_replica_db_restore_wal (AssayReplicaDb *self)
{
  sqlite3_exec (self->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
}

gboolean
_assay_replica_db_store_witness_policy (AssayReplicaDb *self,
                                        AssayWitnessPolicy *policy,
                                        GError **error)
{
  return _assay_replica_store_witness_policy (self->db, policy, error);
}

AssayReplicaWriter *
_assay_replica_db_begin_writer (AssayReplicaDb *self,
                                GError **error)
{
  return _assay_replica_writer_begin (self->db, error);
}

/* ---- withheld entries ---------------------------------------------------------
 *
 * Both queries go through the partial index entries_withheld (made by
 * _assay_replica_writer_begin); their WHERE must be spelt exactly as the
 * index's for SQLite to use it. */
G_STATIC_ASSERT (ASSAY_ENTRY_STATE_WITHHELD == 2);

gboolean
_assay_replica_db_list_withheld_bundles (AssayReplicaDb *self,
                                         guint64 from,
                                         guint64 to,
                                         guint max,
                                         GArray *bundles,
                                         GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (from >= to || bundles->len >= max)
    return TRUE;
  stmt = _assay_db_prepare (self->db,
                            "SELECT DISTINCT idx >> 8 FROM entries INDEXED BY entries_withheld WHERE state = 2 "
                            "AND idx >= ?1 AND idx < ?2 ORDER BY 1 LIMIT ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int (stmt, 3, max - bundles->len);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint64 b = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (bundles, b);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _assay_db_set_error (self->db, error);
      return FALSE;
    }
  return TRUE;
}

GArray *
_assay_replica_db_list_withheld (AssayReplicaDb *self,
                                 guint64 from,
                                 guint64 to,
                                 GError **error)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (AssayReplicaWithheld));
  sqlite3_stmt *stmt;
  int rc;

  stmt = _assay_db_prepare (self->db,
                            "SELECT e.idx, e.commitment FROM entries e INDEXED BY entries_withheld "
                            "WHERE e.state = 2 AND e.idx >= ?1 AND e.idx < ?2 ORDER BY e.idx", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AssayReplicaWithheld w = { sqlite3_column_int64 (stmt, 0), { 0 } };

      if (sqlite3_column_bytes (stmt, 1) != ASSAY_HASH_SIZE)
        {
          sqlite3_finalize (stmt);
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                       _("The replica is damaged: entry %" PRIu64 " has no valid commitment. "
                         "Run verify, or sync into a new replica file."), w.idx);
          return NULL;
        }
      memcpy (w.commitment, sqlite3_column_blob (stmt, 1), ASSAY_HASH_SIZE);
      g_array_append_val (found, w);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _assay_db_set_error (self->db, error);
      return NULL;
    }
  return g_steal_pointer (&found);
}
