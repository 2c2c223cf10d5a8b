/* assay-replica-db.c — SQLite plumbing shared by the replica, its proofs and sync
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
#include <glib/gstdio.h>
#include <string.h>
#include <errno.h>

#include "assay-day.h"
#include "assay-error.h"
#include "assay-replica-private.h"

void
_assay_db_set_error (sqlite3 *db,
                     GError **error)
{
  int code = sqlite3_errcode (db);
  const char *path = sqlite3_db_filename (db, "main");

  if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                 _("The replica file “%s” is damaged (%s). Move it aside and sync into a new file."),
                 path, sqlite3_errmsg (db));
  else if (code == SQLITE_FULL)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO,
                 _("The disk holding the replica “%s” is full. Free some space and try again."),
                 path);
  else if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO,
                 _("The replica “%s” is busy: another program is writing to it. "
                   "Wait for it to finish and try again."),
                 path);
  else if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO,
                 _("Cannot write the replica “%s” (%s). Check that its folder exists and "
                   "that you may write there, or choose another location."),
                 path, sqlite3_errmsg (db));
  else
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO,
                 _("The replica database “%s” failed: %s."),
                 path, sqlite3_errmsg (db));
}

gboolean
_assay_db_step_once (sqlite3       *db,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  /* The error is read before finalizing, which resets it. */
  if (rc != SQLITE_DONE)
    _assay_db_set_error (db, error);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

gboolean
_assay_db_step_int64 (sqlite3       *db,
                      sqlite3_stmt  *stmt,
                      gint64        *out_value,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        *out_value = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  /* The error is read before finalizing, which resets it. */
  if (rc != SQLITE_DONE)
    _assay_db_set_error (db, error);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

gboolean
_assay_db_exec (sqlite3 *db,
                const char *sql,
                GError **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      _assay_db_set_error (db, error);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
_assay_db_prepare (sqlite3 *db,
                   const char *sql,
                   GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _assay_db_set_error (db, error);
      return NULL;
    }
  return stmt;
}

sqlite3_stmt *
_assay_replica_prepare (AssayReplica *self,
                        const char *sql,
                        GError **error)
{
  sqlite3 *db = _assay_replica_get_db (self);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _assay_db_set_error (db, error);
      return NULL;
    }
  return stmt;
}

gboolean
_assay_replica_finish (AssayReplica *self,
                       sqlite3_stmt *stmt,
                       int rc,
                       GError **error)
{
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _assay_db_set_error (_assay_replica_get_db (self), error);
      return FALSE;
    }
  return TRUE;
}

int
_assay_db_step_week_points (sqlite3_stmt *stmt,
                            GArray *weeks)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint32 week = assay_day_week_start (sqlite3_column_int64 (stmt, 0));
      int d = sqlite3_column_int (stmt, 1);
      AssayWeekPoints *w;

      if (weeks->len == 0 || g_array_index (weeks, AssayWeekPoints, weeks->len - 1).week_start != week)
        {
          AssayWeekPoints fresh = { .week_start = week };

          g_array_append_val (weeks, fresh);
        }
      w = &g_array_index (weeks, AssayWeekPoints, weeks->len - 1);
      if (d >= 0 && d < ASSAY_N_DIMENSIONS)
        {
          w->points[d] += sqlite3_column_int64 (stmt, 2);
          w->count[d] += sqlite3_column_int64 (stmt, 3);
        }
    }
  return rc;
}

/* A first sync into an empty replica runs with a rollback journal (see
 * _assay_db_use_rollback_journal).  If it was killed, its hot journal must
 * be rolled back before a read-only connection can read the file, and only
 * a writable connection may do that; a read of the schema does it. */
static void
roll_back_hot_journal (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  sqlite3 *db = NULL;

  if (!g_file_test (journal, G_FILE_TEST_EXISTS))
    return;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 10000);
      sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
    }
  sqlite3_close (db);
}

/* In WAL mode every page is written twice (to the WAL, then into the
 * database at the checkpoint).  A rollback journal only saves the pages
 * that existed before the transaction: for an empty replica, its schema.
 * The journal is deleted at the commit, and a crash before it leaves the
 * empty replica.  SQLite leaves WAL mode only when this is the sole
 * connection to the file; if another one is open, we stay in WAL (at once,
 * rather than after the busy timeout).  Every writable open sets WAL again. */
gboolean
_assay_db_use_rollback_journal (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean done = FALSE;

  sqlite3_busy_timeout (db, 0);
  if (sqlite3_prepare_v2 (db, "PRAGMA journal_mode = DELETE", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    done = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "delete") == 0;
  sqlite3_finalize (stmt);
  sqlite3_busy_timeout (db, 10000);
  return done;
}

sqlite3 *
_assay_replica_db_open (const char *path,
                        AssayReplicaOpenFlags flags,
                        GError **error)
{
  gboolean read_only = (flags & ASSAY_REPLICA_OPEN_READ_ONLY) != 0;
  gboolean create = (flags & ASSAY_REPLICA_OPEN_CREATE) != 0 && !read_only;
  int oflags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
  sqlite3 *db = NULL;

  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                   _("There is no replica at “%s”. Sync once to create it, or check the path."),
                   path);
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO,
                   _("“%s” is a folder. Give the path of a replica file."), path);
      return NULL;
    }

  if (create)
    oflags |= SQLITE_OPEN_CREATE;
  if (read_only)
    roll_back_hot_journal (path);
  if (sqlite3_open_v2 (path, &db, oflags, NULL) != SQLITE_OK)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO,
                   _("Cannot open the replica “%s” (%s). Check that its folder exists and "
                     "that you may read and write there."),
                   path, db != NULL ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 0);
  sqlite3_busy_timeout (db, 10000);

  /* secure_delete zeroes deleted content in the file, which the erasure
   * purge relies on; FULL sync makes a commit survive power loss. */
  if (!_assay_db_exec (db,
                       "PRAGMA secure_delete = ON;"
                       "PRAGMA synchronous = FULL;"
                       "PRAGMA cache_size = -32768;",
                       error))
    goto fail;
  if (!read_only && !_assay_db_exec (db, "PRAGMA journal_mode = WAL", error))
    goto fail;
  if (!_assay_replica_schema_apply (db, error))
    goto fail;
  return db;

fail:
  sqlite3_close (db);
  return NULL;
}

sqlite3 *
_assay_replica_db_open_reader (const char  *path,
                               GError     **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO, "Cannot open the replica “%s” (%s).",
                   path, db != NULL ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 0);
  sqlite3_busy_timeout (db, 10000);
  return db;
}

/* ---- meta -------------------------------------------------------------- */

static sqlite3_stmt *
meta_select (sqlite3 *db,
             const char *key)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = ?", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

char *
_assay_db_meta_get_text (sqlite3 *db,
                         const char *key)
{
  sqlite3_stmt *stmt = meta_select (db, key);
  char *value;

  if (stmt == NULL)
    return NULL;
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

gint64
_assay_db_meta_get_int (sqlite3 *db,
                        const char *key,
                        gint64 fallback)
{
  sqlite3_stmt *stmt = meta_select (db, key);
  gint64 value;

  if (stmt == NULL)
    return fallback;
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

GBytes *
_assay_db_meta_get_blob (sqlite3 *db,
                         const char *key)
{
  sqlite3_stmt *stmt = meta_select (db, key);
  GBytes *value;

  if (stmt == NULL)
    return NULL;
  value = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
meta_set (sqlite3 *db,
          const char *key,
          int type,
          const void *data,
          gsize len,
          gint64 number,
          GError **error)
{
  sqlite3_stmt *stmt = _assay_db_prepare (db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (type == SQLITE_TEXT)
    sqlite3_bind_text (stmt, 2, data, -1, SQLITE_STATIC);
  else if (type == SQLITE_BLOB)
    sqlite3_bind_blob (stmt, 2, data, len, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 2, number);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    _assay_db_set_error (db, error);
  sqlite3_finalize (stmt);
  return ok;
}

gboolean
_assay_db_meta_set_text (sqlite3 *db,
                         const char *key,
                         const char *value,
                         GError **error)
{
  return meta_set (db, key, SQLITE_TEXT, value, 0, 0, error);
}

gboolean
_assay_db_meta_set_int (sqlite3 *db,
                        const char *key,
                        gint64 value,
                        GError **error)
{
  return meta_set (db, key, SQLITE_INTEGER, NULL, 0, value, error);
}

gboolean
_assay_db_meta_set_blob (sqlite3 *db,
                         const char *key,
                         const void *data,
                         gsize len,
                         GError **error)
{
  return meta_set (db, key, SQLITE_BLOB, data, len, 0, error);
}

/* ---- alerts -------------------------------------------------------------- */

void
_assay_db_raise_alert (sqlite3 *db,
                       AssayAlertKind kind,
                       const char *message,
                       JsonObject *evidence,
                       GError **error)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean stored = FALSE;

  json_object_set_string_member (evidence, "alert", assay_alert_kind_to_id (kind));
  json_object_set_string_member (evidence, "message", message);
  json_object_set_int_member (evidence, "detected_at", now);
  json_node_take_object (root, evidence);
  text = json_to_string (root, TRUE);

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO alerts (kind, message, evidence, detected_at) "
                          "VALUES (?, ?, ?, ?)", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int (stmt, 1, kind);
      sqlite3_bind_text (stmt, 2, message, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, now);
      stored = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);

  if (stored)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_SECURITY,
                 _("Security alert: %s Sync is stopped and the replica keeps its last "
                   "verified state. Export the evidence and report it to the auditors; "
                   "sync runs again only after the alert is cleared."),
                 message);
  else
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_SECURITY,
                 _("Security alert: %s The evidence could not be stored (%s). "
                   "The replica keeps its last verified state; report this to the auditors."),
                 message, sqlite3_errmsg (db));
}

AssayAlertKind
_assay_db_get_alert (sqlite3 *db,
                     char **out_message,
                     gint64 *out_at)
{
  sqlite3_stmt *stmt = NULL;
  AssayAlertKind kind = ASSAY_ALERT_NONE;

  if (sqlite3_prepare_v2 (db,
                          "SELECT kind, message, detected_at FROM alerts "
                          "WHERE cleared_at IS NULL ORDER BY id LIMIT 1", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      kind = sqlite3_column_int (stmt, 0);
      if (out_message != NULL)
        *out_message = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      if (out_at != NULL)
        *out_at = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_finalize (stmt);
  return kind;
}

/* ---- tiles ------------------------------------------------------------------ */

guint
_assay_db_read_tile (sqlite3 *db,
                     guint level,
                     guint64 idx,
                     guint8 hashes[ASSAY_TILE_BYTES])
{
  sqlite3_stmt *stmt = NULL;
  guint width = 0;

  if (sqlite3_prepare_v2 (db, "SELECT hashes FROM tiles WHERE level = ? AND idx = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_int (stmt, 1, level);
  sqlite3_bind_int64 (stmt, 2, idx);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int len = sqlite3_column_bytes (stmt, 0);

      if (len > 0 && len <= ASSAY_TILE_BYTES && len % ASSAY_HASH_SIZE == 0)
        {
          memcpy (hashes, sqlite3_column_blob (stmt, 0), len);
          width = len / ASSAY_HASH_SIZE;
        }
    }
  sqlite3_finalize (stmt);
  return width;
}

/* The hash of the perfect subtree (level, index), from the stored tile
 * that holds it. */
gboolean
_assay_db_tile_node_func (guint level,
                          guint64 index,
                          guint8 out[ASSAY_HASH_SIZE],
                          gpointer user_data,
                          GError **error)
{
  sqlite3 *db = user_data;
  g_autofree guint8 *tile = g_malloc (ASSAY_TILE_BYTES);
  guint tile_level, width;
  guint64 tile_idx;

  assay_tile_locate_subtree (level, index, &tile_level, &tile_idx);
  width = _assay_db_read_tile (db, tile_level, tile_idx, tile);
  if (!assay_tile_subtree_hash (tile, width, level, index, out))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                   _("The replica lacks the hashes for this proof (level %u, index %" PRIu64 "). "
                     "Run verify; if it fails, sync into a new replica."),
                   level, index);
      return FALSE;
    }
  return TRUE;
}

/* ---- WAL purge ------------------------------------------------------------- */

gboolean
_assay_db_purge_wal (sqlite3 *db,
                     gboolean vacuum,
                     GError **error)
{
  int log_frames = 0, checkpointed = 0;

  if (vacuum && !_assay_db_exec (db, "VACUUM", error))
    return FALSE;
  if (sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_TRUNCATE,
                                 &log_frames, &checkpointed) != SQLITE_OK)
    {
      _assay_db_set_error (db, error);
      return FALSE;
    }
  return TRUE;
}
