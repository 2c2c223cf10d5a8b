/* assay-replica.c — the verified local replica of the ledger
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

#include "assay-entry-row.h"
#include "assay-enum.h"
#include "assay-error.h"
#include "assay-replica-private.h"

struct _AssayReplica
{
  GObject         parent_instance;
  char           *path;
  sqlite3        *db;
  gboolean        read_only;
  /* cached by reload () */
  guint64         size;
  guint64         n_accounts;
  gint64          last_sync;
  AssayAlertKind  alert;
};

G_DEFINE_FINAL_TYPE (AssayReplica, assay_replica, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers -------------------------------------------------------------------- */

static char *
county_string (sqlite3_stmt *stmt,
               int column)
{
  return g_strdup_printf ("%06d", sqlite3_column_int (stmt, column));
}

/* ---- GObject ----------------------------------------------------------------------- */

static void
assay_replica_finalize (GObject *object)
{
  AssayReplica *self = ASSAY_REPLICA (object);

  g_clear_pointer (&self->db, sqlite3_close);
  g_free (self->path);
  G_OBJECT_CLASS (assay_replica_parent_class)->finalize (object);
}

static void
assay_replica_class_init (AssayReplicaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = assay_replica_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
assay_replica_init (AssayReplica *self)
{
}

static void
load_cache (AssayReplica *self)
{
  self->size = _assay_db_meta_get_int (self->db, "size", 0);
  self->n_accounts = _assay_db_meta_get_int (self->db, "n_accounts", 0);
  self->last_sync = _assay_db_meta_get_int (self->db, "last_sync_at", 0);
  self->alert = _assay_db_get_alert (self->db, NULL, NULL);
}

/* ---- public API ------------------------------------------------------------------------ */

const char *
assay_alert_kind_to_id (AssayAlertKind kind)
{
  const char *id = assay_enum_get_nick (ASSAY_TYPE_ALERT_KIND, kind);

  return id != NULL ? id : "unknown";
}

const char *
assay_alert_kind_get_label (AssayAlertKind kind)
{
  switch (kind)
    {
    case ASSAY_ALERT_NONE:
      return _("No alert");
    case ASSAY_ALERT_SIGNATURE:
      return _("Bad checkpoint signature");
    case ASSAY_ALERT_TILE:
      return _("Hash tiles do not match the signed root");
    case ASSAY_ALERT_ENTRY_BUNDLE:
      return _("Entry bundle does not match the log");
    case ASSAY_ALERT_BODY:
      return _("Entry body does not match its commitment");
    case ASSAY_ALERT_INVALID_ENTRY:
      return _("The log contains an invalid entry");
    case ASSAY_ALERT_ROLLBACK:
      return _("The log was rolled back");
    case ASSAY_ALERT_EQUIVOCATION:
      return _("The log showed two different histories");
    case ASSAY_ALERT_FORK:
      return _("The log forked");
    case ASSAY_ALERT_REPLICA:
      return _("The replica fails its own verification");
    case ASSAY_ALERT_DECISION:
      return _("A roster or decision in the log does not verify");
    case ASSAY_ALERT_PAUSE:
      return _("A pause in the log has no flag behind it");
    default:
      return _("Unknown alert");
    }
}

AssayReplica *
assay_replica_open (const char *path,
                    AssayReplicaOpenFlags flags,
                    GError **error)
{
  AssayReplica *self;
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, NULL);

  db = _assay_replica_db_open (path, flags, error);
  if (db == NULL)
    return NULL;

  self = g_object_new (ASSAY_TYPE_REPLICA, NULL);
  self->db = db;
  self->path = g_strdup (path);
  self->read_only = (flags & ASSAY_REPLICA_OPEN_READ_ONLY) != 0;
  load_cache (self);
  return self;
}

sqlite3 *
_assay_replica_get_db (AssayReplica *self)
{
  return self->db;
}

gboolean
_assay_replica_suspend_db (AssayReplica *self)
{
  if (self->db == NULL || sqlite3_close (self->db) != SQLITE_OK)
    return FALSE;
  self->db = NULL;
  return TRUE;
}

gboolean
_assay_replica_resume_db (AssayReplica *self,
                          GError **error)
{
  g_assert (self->db == NULL);
  self->db = _assay_replica_db_open (self->path,
                                     self->read_only ? ASSAY_REPLICA_OPEN_READ_ONLY : 0, error);
  return self->db != NULL;
}

const char *
assay_replica_get_path (AssayReplica *self)
{
  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);
  return self->path;
}

gboolean
assay_replica_is_read_only (AssayReplica *self)
{
  g_return_val_if_fail (ASSAY_IS_REPLICA (self), TRUE);
  return self->read_only;
}

void
assay_replica_reload (AssayReplica *self)
{
  guint64 size = self->size;
  AssayAlertKind alert = self->alert;
  gint64 last_sync = self->last_sync;

  g_return_if_fail (ASSAY_IS_REPLICA (self));

  load_cache (self);
  if (size != self->size || alert != self->alert || last_sync != self->last_sync)
    g_signal_emit (self, signals[CHANGED], 0);
}

guint64
assay_replica_get_size (AssayReplica *self)
{
  g_return_val_if_fail (ASSAY_IS_REPLICA (self), 0);
  return self->size;
}

guint64
assay_replica_get_n_accounts (AssayReplica *self)
{
  g_return_val_if_fail (ASSAY_IS_REPLICA (self), 0);
  return self->n_accounts;
}

gint64
assay_replica_get_last_sync (AssayReplica *self)
{
  g_return_val_if_fail (ASSAY_IS_REPLICA (self), 0);
  return self->last_sync;
}

AssayAlertKind
assay_replica_get_alert (AssayReplica *self)
{
  g_return_val_if_fail (ASSAY_IS_REPLICA (self), ASSAY_ALERT_NONE);
  return self->alert;
}

void
assay_replica_status_free (AssayReplicaStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->path);
  g_free (status->origin);
  g_free (status->log_key);
  g_free (status->server_url);
  g_free (status->checkpoint_note);
  g_free (status->alert_message);
  g_free (status);
}

AssayReplicaStatus *
assay_replica_get_status (AssayReplica *self,
                          GError **error)
{
  AssayReplicaStatus *st;
  g_autoptr(GBytes) root = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  db = self->db;
  stmt = _assay_replica_prepare (self, "SELECT count(*) FROM checkpoints", error);
  if (stmt == NULL)
    return NULL;

  st = g_new0 (AssayReplicaStatus, 1);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    st->n_checkpoints = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  st->path = g_strdup (self->path);
  st->origin = _assay_db_meta_get_text (db, "origin");
  st->log_key = _assay_db_meta_get_text (db, "log_key");
  st->server_url = _assay_db_meta_get_text (db, "server_url");
  st->size = _assay_db_meta_get_int (db, "size", 0);
  root = _assay_db_meta_get_blob (db, "root");
  if (root != NULL && g_bytes_get_size (root) == ASSAY_HASH_SIZE)
    memcpy (st->root, g_bytes_get_data (root, NULL), ASSAY_HASH_SIZE);
  else
    assay_merkle_empty_root (st->root);
  st->checkpoint_note = _assay_db_meta_get_text (db, "note");
  st->verified_at = _assay_db_meta_get_int (db, "verified_at", 0);
  st->last_sync_at = _assay_db_meta_get_int (db, "last_sync_at", 0);
  st->n_events = _assay_db_meta_get_int (db, "n_events", 0);
  st->n_redemptions = _assay_db_meta_get_int (db, "n_redemptions", 0);
  st->n_tombstones = _assay_db_meta_get_int (db, "n_tombstones", 0);
  st->n_rosters = _assay_db_meta_get_int (db, "n_rosters", 0);
  st->n_decisions = _assay_db_meta_get_int (db, "n_decisions", 0);
  st->n_pauses = _assay_db_meta_get_int (db, "n_pauses", 0);
  st->n_filings = _assay_db_meta_get_int (db, "n_filings", 0);
  st->n_erased = _assay_db_meta_get_int (db, "n_erased", 0);
  st->n_withheld = _assay_db_meta_get_int (db, "n_withheld", 0);
  st->n_accounts = _assay_db_meta_get_int (db, "n_accounts", 0);
  st->alert = _assay_db_get_alert (db, &st->alert_message, &st->alert_at);
  _assay_replica_read_witness_quorum (db, &st->witness_quorum, &st->n_witnesses,
                                      &st->n_witness_cosignatures);
  return st;
}

void
assay_stored_checkpoint_free (AssayStoredCheckpoint *checkpoint)
{
  if (checkpoint == NULL)
    return;
  g_free (checkpoint->note);
  g_free (checkpoint);
}

GPtrArray *
assay_replica_list_checkpoints (AssayReplica *self,
                                GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_stored_checkpoint_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self, "SELECT size, root, note, verified_at FROM checkpoints ORDER BY size, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AssayStoredCheckpoint *cp = g_new0 (AssayStoredCheckpoint, 1);

      cp->size = sqlite3_column_int64 (stmt, 0);
      if (sqlite3_column_bytes (stmt, 1) == ASSAY_HASH_SIZE)
        memcpy (cp->root, sqlite3_column_blob (stmt, 1), ASSAY_HASH_SIZE);
      cp->note = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      cp->verified_at = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (list, cp);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

/* ---- entries ------------------------------------------------------------------------ */

void
assay_replica_entry_free (AssayReplicaEntry *entry)
{
  if (entry == NULL)
    return;
  g_clear_pointer (&entry->salt, g_bytes_unref);
  g_clear_pointer (&entry->body, g_bytes_unref);
  g_clear_pointer (&entry->parsed, assay_entry_free);
  g_free (entry);
}

AssayReplicaEntry *
assay_replica_get_entry (AssayReplica *self,
                         guint64 index,
                         GError **error)
{
  g_autoptr(AssayReplicaEntry) entry = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self, "SELECT state, commitment, salt, body FROM entries WHERE idx = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, index);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                   _("Entry %" PRIu64 " is not in the replica, which holds %" PRIu64
                     " entries. Sync, or give an index below that."), index, self->size);
      return NULL;
    }

  entry = g_new0 (AssayReplicaEntry, 1);
  entry->index = index;
  entry->state = sqlite3_column_int (stmt, 0);
  if (sqlite3_column_bytes (stmt, 1) == ASSAY_HASH_SIZE)
    memcpy (entry->commitment, sqlite3_column_blob (stmt, 1), ASSAY_HASH_SIZE);
  if (entry->state == ASSAY_ENTRY_STATE_VERIFIED)
    {
      entry->salt = g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));
      entry->body = g_bytes_new (sqlite3_column_blob (stmt, 3), sqlite3_column_bytes (stmt, 3));
    }
  sqlite3_finalize (stmt);

  if (entry->body != NULL)
    {
      gsize len;
      const char *body = g_bytes_get_data (entry->body, &len);

      entry->parsed = assay_entry_parse (body, len, error);
      if (entry->parsed == NULL)
        return NULL;
    }
  return g_steal_pointer (&entry);
}

GPtrArray *
assay_replica_list_entries (AssayReplica *self,
                            const char *account,
                            guint64 offset,
                            guint64 limit,
                            GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  if (account != NULL)
    stmt = _assay_replica_prepare (self,
                                   "SELECT " ASSAY_ENTRY_ROW_COLUMNS " FROM records r JOIN entries e ON e.idx = r.idx "
                                   "WHERE r.account_id = (SELECT id FROM accounts WHERE account = ?1) "
                                   "ORDER BY r.idx LIMIT ?2 OFFSET ?3", error);
  else
    stmt = _assay_replica_prepare (self,
                                   "SELECT " ASSAY_ENTRY_ROW_COLUMNS " FROM entries e LEFT JOIN records r ON r.idx = e.idx "
                                   "WHERE e.idx >= ?3 ORDER BY e.idx LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit == 0 ? -1 : (gint64) MIN (limit, (guint64) G_MAXINT64));
  sqlite3_bind_int64 (stmt, 3, (gint64) MIN (offset, (guint64) G_MAXINT64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, _assay_entry_row_new_from_stmt (stmt));
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* ---- aggregates ---------------------------------------------------------------------- */

GArray *
assay_replica_account_weekly_points (AssayReplica *self,
                                     const char *account,
                                     GError **error)
{
  g_autoptr(GArray) weeks = g_array_new (FALSE, TRUE, sizeof (AssayWeekPoints));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);
  g_return_val_if_fail (account != NULL, NULL);

  stmt = _assay_replica_prepare (self, "SELECT day, dimension, points, count FROM account_day "
                                       "WHERE account_id = (SELECT id FROM accounts WHERE account = ?1) "
                                       "ORDER BY day", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_STATIC);
  rc = _assay_db_step_week_points (stmt, weeks);
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&weeks);
}

GArray *
assay_replica_account_quarterly_points (AssayReplica *self,
                                        const char *account,
                                        GError **error)
{
  g_autoptr(GArray) quarters = g_array_new (FALSE, TRUE, sizeof (AssayQuarterPoints));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);
  g_return_val_if_fail (account != NULL, NULL);

  stmt = _assay_replica_prepare (self, "SELECT quarter, dimension, points, count FROM account_quarter "
                                       "WHERE account_id = (SELECT id FROM accounts WHERE account = ?1) "
                                       "ORDER BY quarter", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint32 quarter = sqlite3_column_int (stmt, 0);
      int d = sqlite3_column_int (stmt, 1);
      AssayQuarterPoints *q;

      if (quarters->len == 0 || g_array_index (quarters, AssayQuarterPoints, quarters->len - 1).quarter != quarter)
        {
          AssayQuarterPoints fresh = { .quarter = quarter };

          g_array_append_val (quarters, fresh);
        }
      q = &g_array_index (quarters, AssayQuarterPoints, quarters->len - 1);
      if (d >= 0 && d < ASSAY_N_DIMENSIONS)
        {
          q->points[d] += sqlite3_column_int64 (stmt, 2);
          q->count[d] += sqlite3_column_int64 (stmt, 3);
        }
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&quarters);
}

gboolean
assay_replica_dimension_totals (AssayReplica *self,
                                const char *account,
                                gint64 points[ASSAY_N_DIMENSIONS],
                                guint64 count[ASSAY_N_DIMENSIONS],
                                GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);

  memset (points, 0, sizeof (gint64) * ASSAY_N_DIMENSIONS);
  memset (count, 0, sizeof (guint64) * ASSAY_N_DIMENSIONS);
  stmt = _assay_replica_prepare (self, account != NULL
                                 ? "SELECT dimension, sum(points), sum(count) FROM account_quarter "
                                   "WHERE account_id = (SELECT id FROM accounts WHERE account = ?1) "
                                   "GROUP BY dimension"
                                 : "SELECT dimension, sum(points), sum(count) FROM account_quarter GROUP BY dimension",
                                 error);
  if (stmt == NULL)
    return FALSE;
  if (account != NULL)
    sqlite3_bind_text (stmt, 1, account, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int d = sqlite3_column_int (stmt, 0);

      if (d >= 0 && d < ASSAY_N_DIMENSIONS)
        {
          points[d] = sqlite3_column_int64 (stmt, 1);
          count[d] = sqlite3_column_int64 (stmt, 2);
        }
    }
  return _assay_replica_finish (self, stmt, rc, error);
}

GArray *
assay_replica_county_totals (AssayReplica *self,
                             guint32 first_day,
                             guint32 last_day,
                             GError **error)
{
  g_autoptr(GArray) counties = g_array_new (FALSE, TRUE, sizeof (AssayCountyTotals));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self, "SELECT county, sum(events), sum(event_points), sum(redemptions), "
                                       "sum(redemption_points) FROM county_day WHERE day BETWEEN ? AND ? "
                                       "GROUP BY county ORDER BY county", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, first_day);
  sqlite3_bind_int64 (stmt, 2, last_day);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AssayCountyTotals t = { { 0 } };
      g_autofree char *county = county_string (stmt, 0);

      g_strlcpy (t.county, county, sizeof t.county);
      t.events = sqlite3_column_int64 (stmt, 1);
      t.event_points = sqlite3_column_int64 (stmt, 2);
      t.redemptions = sqlite3_column_int64 (stmt, 3);
      t.redemption_points = sqlite3_column_int64 (stmt, 4);
      g_array_append_val (counties, t);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&counties);
}

GArray *
assay_replica_county_days (AssayReplica *self,
                           const char *county,
                           guint32 first_day,
                           guint32 last_day,
                           GError **error)
{
  g_autoptr(GArray) days = g_array_new (FALSE, TRUE, sizeof (AssayDayTotals));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self, county != NULL
                                 ? "SELECT day, events, event_points, redemptions, redemption_points FROM county_day "
                                   "WHERE county = ?3 AND day BETWEEN ?1 AND ?2 ORDER BY day"
                                 : "SELECT day, sum(events), sum(event_points), sum(redemptions), sum(redemption_points) "
                                   "FROM county_day WHERE day BETWEEN ?1 AND ?2 GROUP BY day ORDER BY day",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, first_day);
  sqlite3_bind_int64 (stmt, 2, last_day);
  if (county != NULL)
    sqlite3_bind_int (stmt, 3, (int) g_ascii_strtoll (county, NULL, 10));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AssayDayTotals t;

      t.day = sqlite3_column_int64 (stmt, 0);
      t.events = sqlite3_column_int64 (stmt, 1);
      t.event_points = sqlite3_column_int64 (stmt, 2);
      t.redemptions = sqlite3_column_int64 (stmt, 3);
      t.redemption_points = sqlite3_column_int64 (stmt, 4);
      g_array_append_val (days, t);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&days);
}

void
assay_account_summary_free (AssayAccountSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->account);
  g_free (summary);
}

AssayAccountSummary *
assay_replica_get_account (AssayReplica *self,
                           const char *account,
                           GError **error)
{
  AssayAccountSummary *summary;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);
  g_return_val_if_fail (account != NULL, NULL);

  stmt = _assay_replica_prepare (self, "SELECT kind, n_events, n_redemptions, points, redeemed, first_day, last_day "
                                       "FROM accounts WHERE account = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                   _("The account “%s” has no entries in the replica. Check the id, or sync."),
                   account);
      return NULL;
    }
  summary = g_new0 (AssayAccountSummary, 1);
  summary->account = g_strdup (account);
  summary->kind = sqlite3_column_int (stmt, 0);
  summary->n_events = sqlite3_column_int64 (stmt, 1);
  summary->n_redemptions = sqlite3_column_int64 (stmt, 2);
  summary->points = sqlite3_column_int64 (stmt, 3);
  summary->redeemed = sqlite3_column_int64 (stmt, 4);
  summary->first_day = sqlite3_column_int64 (stmt, 5);
  summary->last_day = sqlite3_column_int64 (stmt, 6);
  sqlite3_finalize (stmt);
  return summary;
}

/* ---- alerts ------------------------------------------------------------------------ */

char *
assay_replica_get_evidence (AssayReplica *self,
                            GError **error)
{
  sqlite3_stmt *stmt;
  char *evidence = NULL;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self, "SELECT evidence FROM alerts WHERE cleared_at IS NULL ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    evidence = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (evidence == NULL)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                 _("The replica has no security alert, so there is no evidence to export."));
  return evidence;
}

gboolean
assay_replica_export_evidence (AssayReplica *self,
                               const char *path,
                               GError **error)
{
  g_autofree char *evidence = assay_replica_get_evidence (self, error);
  g_autoptr(GError) local_error = NULL;

  if (evidence == NULL)
    return FALSE;
  if (!g_file_set_contents (path, evidence, -1, &local_error))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO,
                   _("Could not write the evidence to “%s”: %s. Choose another file."),
                   path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
assay_replica_clear_alert (AssayReplica *self,
                           GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);

  if (self->read_only)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO,
                   _("The replica “%s” is open read-only; clearing an alert needs to write to it."),
                   self->path);
      return FALSE;
    }
  if (_assay_db_get_alert (self->db, NULL, NULL) == ASSAY_ALERT_NONE)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                   _("The replica has no security alert to clear."));
      return FALSE;
    }
  stmt = _assay_replica_prepare (self, "UPDATE alerts SET cleared_at = ? WHERE cleared_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  if (!_assay_replica_finish (self, stmt, rc, error))
    return FALSE;
  assay_replica_reload (self);
  return TRUE;
}
