/* assay-replica-outbox.c — signed decisions waiting to reach the central service
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
#include <string.h>

#include "assay-error.h"
#include "assay-replica-outbox.h"
#include "assay-replica-private.h"

#define ROW_COLUMNS \
  "id, hash, kind, subject, case_id, envelope, state, attempts, next_attempt, answer, receipt, " \
  "log_index, created_at, updated_at"

void
assay_outbox_row_free (AssayOutboxRow *row)
{
  if (row == NULL)
    return;
  g_free (row->kind);
  g_free (row->subject);
  g_free (row->envelope);
  g_free (row->answer);
  g_free (row->receipt);
  g_free (row);
}

static gboolean
is_hex_hash (const char *hash)
{
  if (hash == NULL || strlen (hash) != 64)
    return FALSE;
  for (const char *p = hash; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

static gboolean
is_final (AssayOutboxState state)
{
  return state == ASSAY_OUTBOX_LOGGED || state == ASSAY_OUTBOX_RECORDED || state == ASSAY_OUTBOX_REFUSED;
}

static AssayOutboxRow *
row_from_stmt (sqlite3_stmt *stmt)
{
  AssayOutboxRow *row = g_new0 (AssayOutboxRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  g_strlcpy (row->hash, (const char *) sqlite3_column_text (stmt, 1), sizeof row->hash);
  row->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  row->subject = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  row->case_id = sqlite3_column_int64 (stmt, 4);
  row->envelope = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  row->state = sqlite3_column_int (stmt, 6);
  row->attempts = sqlite3_column_int (stmt, 7);
  row->next_attempt = sqlite3_column_int64 (stmt, 8);
  row->answer = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  row->receipt = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  row->log_index = sqlite3_column_type (stmt, 11) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 11);
  row->created_at = sqlite3_column_int64 (stmt, 12);
  row->updated_at = sqlite3_column_int64 (stmt, 13);
  return row;
}

/* Every row a statement yields; NULL with the error if it fails. */
static GPtrArray *
collect_rows (AssayReplica  *self,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_outbox_row_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, row_from_stmt (stmt));
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* The single row a statement yields, or NOT_FOUND naming `what`. */
static AssayOutboxRow *
one_row (AssayReplica  *self,
         sqlite3_stmt  *stmt,
         const char    *what,
         GError       **error)
{
  g_autoptr(GPtrArray) rows = collect_rows (self, stmt, error);

  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                   _("The outbox holds no decision %s."), what);
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

static gboolean
insert_row (sqlite3     *db,
            const char  *hash,
            const char  *kind,
            const char  *subject,
            gint64       case_id,
            const char  *envelope,
            gint64       now,
            GError     **error)
{
  sqlite3_stmt *stmt = _assay_db_prepare (db,
    "INSERT INTO outbox (hash, kind, subject, case_id, envelope, state, attempts, next_attempt, "
    "  created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 0, 0, 0, ?6, ?6)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, subject, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, case_id);
  sqlite3_bind_text (stmt, 5, envelope, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, now);
  return _assay_db_step_once (db, stmt, error);
}

static gint64
existing_id (sqlite3    *db,
             const char *hash)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  if (sqlite3_prepare_v2 (db, "SELECT id FROM outbox WHERE hash = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

/* The same payload again, with other signatures (a co-signer's): the row
 * carries the new envelope and is due at once, unless it is final. */
static gboolean
take_more_signatures (sqlite3     *db,
                      gint64       id,
                      const char  *envelope,
                      GError     **error)
{
  sqlite3_stmt *stmt = _assay_db_prepare (db, "UPDATE outbox SET envelope = ?2, next_attempt = 0 "
                                              "WHERE id = ?1 AND state IN (0, 1) AND envelope != ?2", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, envelope, -1, SQLITE_STATIC);
  return _assay_db_step_once (db, stmt, error);
}

gboolean
assay_replica_outbox_queue (AssayReplica  *self,
                            const char    *hash,
                            const char    *kind,
                            const char    *subject,
                            gint64         case_id,
                            const char    *envelope,
                            const char    *author,
                            gint64         now,
                            gint64        *out_id,
                            GError       **error)
{
  sqlite3 *db;
  gint64 id;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (kind != NULL && subject != NULL, FALSE);

  if (!is_hex_hash (hash) || envelope == NULL || *envelope == '\0')
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                           _("A decision is queued with its payload’s SHA-256 in hex and its signed envelope."));
      return FALSE;
    }
  db = _assay_replica_get_db (self);
  if (!_assay_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  id = existing_id (db, hash);
  if (id != 0 && !take_more_signatures (db, id, envelope, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if (id == 0)
    {
      if (!insert_row (db, hash, kind, subject, case_id, envelope, now, error) ||
          (case_id != 0 && !_assay_db_case_add_event (db, case_id, now, author, "queued", hash, error)))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      id = sqlite3_last_insert_rowid (db);
    }
  if (!_assay_db_exec (db, "COMMIT", error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}

GPtrArray *
assay_replica_outbox_list (AssayReplica  *self,
                           GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self, "SELECT " ROW_COLUMNS " FROM outbox ORDER BY id", error);
  return stmt != NULL ? collect_rows (self, stmt, error) : NULL;
}

GPtrArray *
assay_replica_outbox_list_for_case (AssayReplica  *self,
                                    gint64         case_id,
                                    GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self, "SELECT " ROW_COLUMNS " FROM outbox WHERE case_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  return collect_rows (self, stmt, error);
}

AssayOutboxRow *
assay_replica_outbox_get (AssayReplica  *self,
                          gint64         id,
                          GError       **error)
{
  g_autofree char *what = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self, "SELECT " ROW_COLUMNS " FROM outbox WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return one_row (self, stmt, what, error);
}

AssayOutboxRow *
assay_replica_outbox_find (AssayReplica  *self,
                           const char    *hash,
                           GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);
  g_return_val_if_fail (hash != NULL, NULL);

  stmt = _assay_replica_prepare (self, "SELECT " ROW_COLUMNS " FROM outbox WHERE hash = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  return one_row (self, stmt, hash, error);
}

GPtrArray *
assay_replica_outbox_due (AssayReplica  *self,
                          gint64         now,
                          GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self,
                                 "SELECT " ROW_COLUMNS " FROM outbox WHERE state IN (0, 1) "
                                 "AND next_attempt <= ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  return collect_rows (self, stmt, error);
}

static gboolean
check_not_final (AssayReplica  *self,
                 gint64         id,
                 GError       **error)
{
  g_autoptr(AssayOutboxRow) row = assay_replica_outbox_get (self, id, error);

  if (row == NULL)
    return FALSE;
  if (is_final (row->state))
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      if (row->state == ASSAY_OUTBOX_LOGGED)
        g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                     _("Decision %s of the outbox is already logged; that is final."), number);
      else if (row->state == ASSAY_OUTBOX_RECORDED)
        g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                     _("Objection %s of the outbox is already recorded by the service; that is final."), number);
      else
        g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                     _("Decision %s of the outbox was refused by the service; that is final."), number);
      return FALSE;
    }
  return TRUE;
}

gboolean
assay_replica_outbox_record (AssayReplica      *self,
                             gint64             id,
                             AssayOutboxState   state,
                             const char        *answer,
                             const char        *receipt,
                             gint64             log_index,
                             gint64             next_attempt,
                             gint64             now,
                             GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);

  if (!check_not_final (self, id, error))
    return FALSE;
  stmt = _assay_replica_prepare (self,
                                 "UPDATE outbox SET state = ?2, answer = ?3, receipt = ?4, log_index = ?5, "
                                 "  next_attempt = ?6, attempts = attempts + 1, updated_at = ?7 WHERE id = ?1",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, state);
  sqlite3_bind_text (stmt, 3, answer, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, receipt, -1, SQLITE_TRANSIENT);
  if (log_index >= 0)
    sqlite3_bind_int64 (stmt, 5, log_index);
  sqlite3_bind_int64 (stmt, 6, is_final (state) ? 0 : next_attempt);
  sqlite3_bind_int64 (stmt, 7, now);
  rc = sqlite3_step (stmt);
  return _assay_replica_finish (self, stmt, rc, error);
}

gboolean
assay_replica_outbox_retry_now (AssayReplica  *self,
                                gint64         id,
                                GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);

  if (!check_not_final (self, id, error))
    return FALSE;
  stmt = _assay_replica_prepare (self, "UPDATE outbox SET next_attempt = 0 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  return _assay_replica_finish (self, stmt, rc, error);
}
