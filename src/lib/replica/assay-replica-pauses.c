/* assay-replica-pauses.c — the log's pauses as the replica keeps them
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

#include "assay-entry.h"
#include "assay-enum.h"
#include "assay-error.h"
#include "assay-replica-decisions.h"
#include "assay-replica-pauses.h"
#include "assay-replica-private.h"

GPtrArray *
assay_replica_list_pause_entries (AssayReplica  *self,
                                  guint64        from,
                                  GError       **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_replica_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self, "SELECT idx, body FROM entries WHERE idx >= ?1 AND kind = ?2 "
                                       "AND state = ?3 ORDER BY idx", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int (stmt, 2, ASSAY_ENTRY_PAUSE);
  sqlite3_bind_int (stmt, 3, ASSAY_ENTRY_STATE_VERIFIED);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AssayReplicaEntry *e = g_new0 (AssayReplicaEntry, 1);

      e->index = sqlite3_column_int64 (stmt, 0);
      e->state = ASSAY_ENTRY_STATE_VERIFIED;
      e->parsed = assay_entry_parse (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1),
                                     error);
      if (e->parsed == NULL || e->parsed->kind != ASSAY_ENTRY_PAUSE)
        {
          if (e->parsed != NULL)
            g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                         _("The entry at index %" PRIu64 " is stored as a pause but is not one."),
                         e->index);
          assay_replica_entry_free (e);
          sqlite3_finalize (stmt);
          return NULL;
        }
      g_ptr_array_add (entries, e);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&entries);
}

gboolean
assay_replica_count_data_between (AssayReplica  *self,
                                  guint64        from,
                                  guint64        to,
                                  guint64       *out_count,
                                  GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 count = 0;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);

  *out_count = 0;
  stmt = _assay_replica_prepare (self, "SELECT count(*) FROM entries WHERE idx >= ?1 AND idx < ?5 "
                                       "AND (kind IS NULL OR kind IN (?2, ?3, ?4))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 5, (gint64) MIN (to, (guint64) G_MAXINT64));
  sqlite3_bind_int (stmt, 2, ASSAY_ENTRY_EVENT);
  sqlite3_bind_int (stmt, 3, ASSAY_ENTRY_REDEMPTION);
  sqlite3_bind_int (stmt, 4, ASSAY_ENTRY_TOMBSTONE);
  if (!_assay_db_step_int64 (_assay_replica_get_db (self), stmt, &count, error))
    return FALSE;
  *out_count = count;
  return TRUE;
}

static gboolean
tombstone_erased_before (const AssayEntry *tombstone,
                         guint64           before)
{
  for (gsize k = 0; k < tombstone->n_erased; k++)
    if (tombstone->erased[k] < before)
      return TRUE;
  return FALSE;
}

gboolean
assay_replica_erased_before (AssayReplica  *self,
                             guint64        since,
                             guint64        before,
                             gboolean      *out_erased,
                             GError       **error)
{
  sqlite3_stmt *stmt;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);

  *out_erased = FALSE;
  stmt = _assay_replica_prepare (self, "SELECT body FROM entries WHERE idx >= ?1 AND kind = ?2 "
                                       "AND state = ?3 ORDER BY idx", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, (gint64) MIN (since, (guint64) G_MAXINT64));
  sqlite3_bind_int (stmt, 2, ASSAY_ENTRY_TOMBSTONE);
  sqlite3_bind_int (stmt, 3, ASSAY_ENTRY_STATE_VERIFIED);
  while (!*out_erased && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(AssayEntry) tombstone = assay_entry_parse (sqlite3_column_blob (stmt, 0),
                                                           sqlite3_column_bytes (stmt, 0), error);

      if (tombstone == NULL)
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      *out_erased = tombstone_erased_before (tombstone, before);
    }
  if (*out_erased)
    rc = SQLITE_DONE;
  return _assay_replica_finish (self, stmt, rc, error);
}

gboolean
assay_replica_first_withheld (AssayReplica  *self,
                              guint64        from,
                              guint64       *out_index,
                              GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 index = -1;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);

  *out_index = G_MAXUINT64;
  stmt = _assay_replica_prepare (self, "SELECT idx FROM entries WHERE state = ?2 AND idx >= ?1 "
                                       "ORDER BY idx LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, (gint64) MIN (from, (guint64) G_MAXINT64));
  sqlite3_bind_int (stmt, 2, ASSAY_ENTRY_STATE_WITHHELD);
  if (!_assay_db_step_int64 (_assay_replica_get_db (self), stmt, &index, error))
    return FALSE;
  /* None withheld: no row, and the index stays the largest. */
  if (index >= 0)
    *out_index = index;
  return TRUE;
}

gboolean
assay_replica_pause_stored (AssayReplica  *self,
                            guint64        index,
                            gboolean      *out_stored,
                            GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 found = 0;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);

  *out_stored = FALSE;
  stmt = _assay_replica_prepare (self, "SELECT 1 FROM pauses WHERE idx = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, (gint64) index);
  if (!_assay_db_step_int64 (_assay_replica_get_db (self), stmt, &found, error))
    return FALSE;
  *out_stored = found != 0;
  return TRUE;
}

gboolean
assay_replica_pause_flag_seen (AssayReplica  *self,
                               const char    *flag,
                               guint64        index,
                               gboolean      *out_seen,
                               GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 count = 0;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);

  *out_seen = FALSE;
  stmt = _assay_replica_prepare (self, "SELECT count(*) FROM pauses WHERE flag = ?1 AND idx < ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, flag, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, (gint64) index);
  if (!_assay_db_step_int64 (_assay_replica_get_db (self), stmt, &count, error))
    return FALSE;
  *out_seen = count > 0;
  return TRUE;
}

/* The accounts a pause holds: its own, its ring's members, or every
 * account with a record in its county. */
static GPtrArray *
held_accounts (AssayReplica      *self,
               const AssayEntry  *pause,
               GError           **error)
{
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  if (pause->pause_subject == ASSAY_PAUSE_SUBJECT_ACCOUNT)
    g_ptr_array_add (accounts, g_strdup (pause->subject));
  if (pause->pause_subject == ASSAY_PAUSE_SUBJECT_RING)
    for (guint i = 0; pause->members[i] != NULL; i++)
      g_ptr_array_add (accounts, g_strdup (pause->members[i]));
  if (pause->pause_subject != ASSAY_PAUSE_SUBJECT_COUNTY)
    return g_steal_pointer (&accounts);

  stmt = _assay_replica_prepare (self, "SELECT DISTINCT a.account FROM records r "
                                       "JOIN accounts a ON a.id = r.account_id "
                                       "WHERE r.county = ?1 ORDER BY a.account", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, atoi (pause->subject));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (accounts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&accounts);
}

static gboolean
run_insert (sqlite3     *db,
            const char  *sql,
            const char  *text,
            guint64      index,
            int          state,
            GError     **error)
{
  sqlite3_stmt *stmt = _assay_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, index);
  sqlite3_bind_int (stmt, 3, state);
  return _assay_db_step_once (db, stmt, error);
}

/* Whether a freeze, restore or zero on the account itself was logged
 * after leaf @index (and not overturned): then that decision, not the
 * pause, says the account's state. */
static gboolean
decided_after (sqlite3     *db,
               const char  *account,
               guint64      index,
               gboolean    *out_decided,
               GError     **error)
{
  sqlite3_stmt *stmt = _assay_db_prepare (db, "SELECT count (*) FROM decisions WHERE subject_kind = 'account' "
                                              "AND subject_id = ?1 AND idx > ?2 "
                                              "AND outcome IN ('freeze', 'restore', 'zero') "
                                              "AND idx NOT IN (SELECT decision FROM overturned)", error);
  gint64 count = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, (gint64) index);
  if (!_assay_db_step_int64 (db, stmt, &count, error))
    return FALSE;
  *out_decided = count > 0;
  return TRUE;
}

/* The first restore or zero on the pause's own subject (a county or a
 * ring) logged after it, or -1: the decision that ended it. */
static gboolean
released_by (sqlite3           *db,
             const AssayEntry  *pause,
             guint64            index,
             gint64            *out_release,
             GError           **error)
{
  sqlite3_stmt *stmt = _assay_db_prepare (db, "SELECT min (idx) FROM decisions WHERE subject_kind = ?1 "
                                              "AND subject_id = ?2 AND idx > ?3 "
                                              "AND outcome IN ('restore', 'zero')", error);

  if (stmt == NULL)
    return FALSE;
  *out_release = -1;
  sqlite3_bind_text (stmt, 1, assay_enum_get_nick (ASSAY_TYPE_PAUSE_SUBJECT, pause->pause_subject), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, pause->subject, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, (gint64) index);
  return _assay_db_step_int64 (db, stmt, out_release, error);
}

static gboolean
set_state (sqlite3            *db,
           const char         *account,
           AssayAccountState   state,
           gint64              index,
           guint32             day,
           GError            **error)
{
  sqlite3_stmt *stmt = _assay_db_prepare (db, "INSERT OR REPLACE INTO account_states (account, state, idx, day) "
                                              "VALUES (?1, ?2, ?3, "
                                              "  coalesce ((SELECT logged_day FROM decisions WHERE idx = ?3), ?4))",
                                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, state);
  sqlite3_bind_int64 (stmt, 3, index);
  sqlite3_bind_int64 (stmt, 4, day);
  return _assay_db_step_once (db, stmt, error);
}

/* Paused unless a later decision on the account already spoke (a
 * restore or zero logged after the pause wins) or the account is frozen
 * or zeroed, which a pause does not soften.  A pause that a restore or
 * zero on its own county or ring already ended (this replica verified the
 * decision before the pause: decisions are applied first in a sync)
 * leaves the account active at that decision, as a replica that held the
 * pause first and then saw the decision has it (_assay_db_pauses_release). */
static gboolean
pause_account (AssayReplica      *self,
               const AssayEntry  *pause,
               const char        *account,
               guint64            index,
               GError           **error)
{
  sqlite3 *db = _assay_replica_get_db (self);
  AssayAccountState state;
  gint64 state_index, release;
  gboolean decided = FALSE;

  if (!run_insert (db, "INSERT OR IGNORE INTO paused_accounts (account, idx) VALUES (?1, ?2)",
                   account, index, 0, error) ||
      !assay_replica_get_account_state (self, account, &state, &state_index, error) ||
      !decided_after (db, account, index, &decided, error) ||
      !released_by (db, pause, index, &release, error))
    return FALSE;
  if (decided || state == ASSAY_ACCOUNT_FROZEN || state == ASSAY_ACCOUNT_ZEROED)
    return TRUE;
  /* Ended already, and no earlier pause still holds the account. */
  if (release >= 0 && state == ASSAY_ACCOUNT_ACTIVE)
    return state_index > release || set_state (db, account, ASSAY_ACCOUNT_ACTIVE, release, pause->logged_day, error);
  return set_state (db, account, ASSAY_ACCOUNT_PAUSED, index, pause->logged_day, error);
}

static gboolean store_pause (AssayReplica      *self,
                             sqlite3           *db,
                             const AssayEntry  *pause,
                             guint64            index,
                             gboolean           confirmed,
                             GError           **error);

gboolean
assay_replica_store_pause (AssayReplica      *self,
                           const AssayEntry  *pause,
                           guint64            index,
                           gboolean           confirmed,
                           GError           **error)
{
  sqlite3 *db;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (pause != NULL && pause->kind == ASSAY_ENTRY_PAUSE, FALSE);

  /* One transaction: the pause and every account it holds, or nothing
   * (and one sync to disk rather than one per account). */
  db = _assay_replica_get_db (self);
  if (!_assay_db_exec (db, "SAVEPOINT store_pause", error))
    return FALSE;
  if (!store_pause (self, db, pause, index, confirmed, error))
    {
      _assay_db_exec (db, "ROLLBACK TO store_pause; RELEASE store_pause", NULL);
      return FALSE;
    }
  return _assay_db_exec (db, "RELEASE store_pause", error);
}

static gboolean
store_pause (AssayReplica      *self,
             sqlite3           *db,
             const AssayEntry  *pause,
             guint64            index,
             gboolean           confirmed,
             GError           **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) accounts = NULL;

  stmt = _assay_db_prepare (db, "INSERT OR REPLACE INTO pauses "
                                "(idx, flag, rule, subject_kind, subject, confirmed) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, index);
  sqlite3_bind_text (stmt, 2, pause->flag, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, pause->rule_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, assay_enum_get_nick (ASSAY_TYPE_PAUSE_SUBJECT, pause->pause_subject),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, pause->subject, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, confirmed);
  if (!_assay_db_step_once (db, stmt, error))
    return FALSE;
  if (!confirmed)
    return TRUE;

  if ((accounts = held_accounts (self, pause, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < accounts->len; i++)
    if (!pause_account (self, pause, g_ptr_array_index (accounts, i), index, error))
      return FALSE;
  return TRUE;
}

void
assay_stored_pause_free (AssayStoredPause *pause)
{
  if (pause == NULL)
    return;
  g_free (pause->rule);
  g_free (pause->subject_kind);
  g_free (pause->subject);
  g_free (pause);
}

GPtrArray *
assay_replica_list_account_pauses (AssayReplica *self,
                                   const char   *account,
                                   GError      **error)
{
  g_autoptr(GPtrArray) pauses = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_stored_pause_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self, "SELECT p.idx, p.flag, p.rule, p.subject_kind, p.subject, "
                                       "p.confirmed FROM pauses p JOIN paused_accounts a "
                                       "ON a.idx = p.idx WHERE a.account = ?1 ORDER BY p.idx", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AssayStoredPause *p = g_new0 (AssayStoredPause, 1);

      p->index = sqlite3_column_int64 (stmt, 0);
      g_strlcpy (p->flag, (const char *) sqlite3_column_text (stmt, 1), sizeof p->flag);
      p->rule = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      p->subject_kind = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      p->subject = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      p->confirmed = sqlite3_column_int (stmt, 5);
      g_ptr_array_add (pauses, p);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&pauses);
}

gboolean
assay_replica_raise_pause_alert (AssayReplica  *self,
                                 const char    *message,
                                 JsonObject    *evidence,
                                 GError       **error)
{
  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (message != NULL && evidence != NULL, FALSE);

  _assay_db_raise_alert (_assay_replica_get_db (self), ASSAY_ALERT_PAUSE, message, evidence, error);
  return FALSE;
}

guint64
assay_replica_get_pauses_size (AssayReplica *self)
{
  g_return_val_if_fail (ASSAY_IS_REPLICA (self), 0);

  return _assay_db_meta_get_int (_assay_replica_get_db (self), "pauses_size", 0);
}

gboolean
assay_replica_set_pauses_size (AssayReplica  *self,
                               guint64        size,
                               GError       **error)
{
  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);

  return _assay_db_meta_set_int (_assay_replica_get_db (self), "pauses_size", size, error);
}

/* The accounts the ended pauses held that are still paused by them, and
 * that no other pause logged before the decision still holds: one not
 * ended since by a decision on its subject, nor overridden by a freeze,
 * restore or zero on the account. */
static const char release_sql[] =
  "UPDATE account_states SET state = ?5, idx = ?3, day = ?4 "
  "WHERE state = ?6 AND idx < ?3 "
  "AND account IN (SELECT pa.account FROM paused_accounts pa JOIN pauses p ON p.idx = pa.idx "
  "                WHERE p.subject_kind = ?1 AND p.subject = ?2 AND p.idx < ?3) "
  "AND NOT EXISTS ("
  "  SELECT 1 FROM paused_accounts o JOIN pauses q ON q.idx = o.idx "
  "  WHERE o.account = account_states.account AND q.confirmed AND q.idx < ?3 "
  "    AND NOT (q.subject_kind = ?1 AND q.subject = ?2) "
  "    AND NOT EXISTS (SELECT 1 FROM decisions x WHERE x.idx > q.idx AND x.idx <= ?3 "
  "      AND x.idx NOT IN (SELECT decision FROM overturned) AND ("
  "        (x.subject_kind = 'account' AND x.subject_id = o.account "
  "         AND x.outcome IN ('freeze', 'restore', 'zero')) "
  "        OR (x.subject_kind = q.subject_kind AND x.subject_id = q.subject "
  "            AND x.outcome IN ('restore', 'zero')))))";

gboolean
_assay_db_pauses_release (sqlite3                   *db,
                          const AssayLoggedDecision *decision,
                          GError                   **error)
{
  sqlite3_stmt *stmt;

  if ((g_strcmp0 (decision->subject_kind, "county") != 0 && g_strcmp0 (decision->subject_kind, "ring") != 0)
      || (g_strcmp0 (decision->outcome, "restore") != 0 && g_strcmp0 (decision->outcome, "zero") != 0))
    return TRUE;
  if ((stmt = _assay_db_prepare (db, release_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, decision->subject_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, decision->subject_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, decision->index);
  sqlite3_bind_int64 (stmt, 4, decision->logged_day);
  sqlite3_bind_int (stmt, 5, ASSAY_ACCOUNT_ACTIVE);
  sqlite3_bind_int (stmt, 6, ASSAY_ACCOUNT_PAUSED);
  return _assay_db_step_once (db, stmt, error);
}
