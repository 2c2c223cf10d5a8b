/* assay-replica-decisions.c — verified rosters and decisions, and their effects
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

#include "assay-entry.h"
#include "assay-error.h"
#include "assay-replica-decisions.h"
#include "assay-replica-private.h"

#define DECISION_COLUMNS \
  "idx, hash, decision_id, kind, outcome, role, subject_kind, subject_id, subject_seq, signers, " \
  "rationale, created_at, logged_day, payload"

void
assay_logged_decision_free (AssayLoggedDecision *decision)
{
  if (decision == NULL)
    return;
  g_free (decision->decision_id);
  g_free (decision->kind);
  g_free (decision->outcome);
  g_free (decision->role);
  g_free (decision->subject_kind);
  g_free (decision->subject_id);
  g_free (decision->signers);
  g_free (decision->rationale);
  g_free (decision->payload);
  g_free (decision);
}

/* ---- writing ---------------------------------------------------------------------- */

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
}

/* A constraint failure means the log repeats what is stored: EXISTS. */
static gboolean
step_insert (sqlite3       *db,
             sqlite3_stmt  *stmt,
             const char    *what,
             GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_EXISTS,
                   _("The replica already holds %s with the same index, hash, id or sequence number."), what);
      return FALSE;
    }
  _assay_db_set_error (db, error);
  return FALSE;
}

static gboolean
insert_decision (sqlite3                   *db,
                 const AssayLoggedDecision *d,
                 GError                   **error)
{
  sqlite3_stmt *stmt = _assay_db_prepare (db, "INSERT INTO decisions (" DECISION_COLUMNS ") "
                                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->index);
  bind_text (stmt, 2, d->hash);
  bind_text (stmt, 3, d->decision_id);
  bind_text (stmt, 4, d->kind);
  bind_text (stmt, 5, d->outcome);
  bind_text (stmt, 6, d->role);
  bind_text (stmt, 7, d->subject_kind);
  bind_text (stmt, 8, d->subject_id);
  sqlite3_bind_int64 (stmt, 9, d->subject_seq);
  bind_text (stmt, 10, d->signers);
  bind_text (stmt, 11, d->rationale);
  sqlite3_bind_int64 (stmt, 12, d->created_at);
  sqlite3_bind_int64 (stmt, 13, d->logged_day);
  sqlite3_bind_blob (stmt, 14, d->payload, strlen (d->payload), SQLITE_STATIC);
  return step_insert (db, stmt, _("a decision"), error);
}

static gboolean
set_account_state (sqlite3                   *db,
                   const AssayLoggedDecision *d,
                   const AssayDecisionEffect *effect,
                   GError                   **error)
{
  sqlite3_stmt *stmt = _assay_db_prepare (db, "INSERT OR REPLACE INTO account_states (account, state, idx, day) "
                                              "VALUES (?1, ?2, ?3, ?4)", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, effect->account);
  sqlite3_bind_int (stmt, 2, effect->state);
  sqlite3_bind_int64 (stmt, 3, d->index);
  sqlite3_bind_int64 (stmt, 4, d->logged_day);
  return _assay_db_step_once (db, stmt, error);
}

static gboolean
add_down_weight (sqlite3                   *db,
                 const AssayLoggedDecision *d,
                 const AssayDecisionEffect *effect,
                 GError                   **error)
{
  sqlite3_stmt *stmt = _assay_db_prepare (db, "INSERT OR REPLACE INTO down_weights "
                                              "(account, dimension, from_day, to_day, idx) "
                                              "VALUES (?1, ?2, ?3, ?4, ?5)", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, effect->account);
  sqlite3_bind_int (stmt, 2, effect->down_weight_dimension);
  sqlite3_bind_int64 (stmt, 3, effect->down_weight_from);
  sqlite3_bind_int64 (stmt, 4, effect->down_weight_to);
  sqlite3_bind_int64 (stmt, 5, d->index);
  return _assay_db_step_once (db, stmt, error);
}

/* The case on the decision's subject, if the committee has one here. */
static gint64
case_of_subject (sqlite3                   *db,
                 const AssayLoggedDecision *d)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  if (sqlite3_prepare_v2 (db, "SELECT id FROM cases WHERE subject_kind = ?1 AND subject_id = ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  bind_text (stmt, 1, d->subject_kind);
  bind_text (stmt, 2, d->subject_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

static gboolean
decide_case (sqlite3                   *db,
             const AssayLoggedDecision *d,
             GError                   **error)
{
  gint64 case_id = case_of_subject (db, d);
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  if (case_id == 0)
    return TRUE;
  stmt = _assay_db_prepare (db, "UPDATE cases SET state = 'decided' WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (!_assay_db_step_once (db, stmt, error))
    return FALSE;
  /* Untranslated, like every stored detail: "confirm 17 [\"Li Wei\"]". */
  detail = g_strdup_printf ("%s %" G_GUINT64_FORMAT " %s", d->outcome, d->index, d->signers);
  return _assay_db_case_add_event (db, case_id, g_get_real_time () / G_USEC_PER_SEC, "", "decided", detail, error);
}

/* Our own decision, seen in the log: its outbox row is logged (the sync
 * that brought it proved its inclusion), whoever pushed it. */
static gboolean
settle_outbox (sqlite3                   *db,
               const AssayLoggedDecision *d,
               GError                   **error)
{
  sqlite3_stmt *stmt = _assay_db_prepare (db, "UPDATE outbox SET state = 2, log_index = ?2, "
                                              "  answer = coalesce (answer, 'logged'), next_attempt = 0 "
                                              "WHERE hash = ?1 AND state IN (0, 1)", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, d->hash);
  sqlite3_bind_int64 (stmt, 2, d->index);
  return _assay_db_step_once (db, stmt, error);
}

static gboolean
insert_filing_decision (sqlite3                   *db,
                        const AssayLoggedDecision *d,
                        const AssayDecisionEffect *effect,
                        GError                   **error)
{
  sqlite3_stmt *stmt = _assay_db_prepare (db, "INSERT INTO filing_decisions "
                                              "(idx, filing, kind, outcome, amount, signers, logged_day) "
                                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->index);
  sqlite3_bind_int64 (stmt, 2, effect->filing);
  bind_text (stmt, 3, d->kind);
  bind_text (stmt, 4, d->outcome);
  if (effect->has_amount)
    sqlite3_bind_int64 (stmt, 5, effect->amount);
  else
    sqlite3_bind_null (stmt, 5);
  bind_text (stmt, 6, d->signers);
  sqlite3_bind_int64 (stmt, 7, d->logged_day);
  return step_insert (db, stmt, _("a decision on a filing"), error);
}

/* An overturning ruling on an appeal against a committee decision
 * reverses that decision (README "Decisions on filings"): it is recorded
 * in `overturned`, a down-weight it stored goes, and when it set its
 * account's present state, that state becomes the latest state decision's
 * (freeze, restore, zero) on the account not overturned, or active when
 * there is none. */
static gboolean
reverse_overturned (sqlite3                   *db,
                    const AssayLoggedDecision *d,
                    const AssayDecisionEffect *effect,
                    GError                   **error)
{
  g_autofree char *restate = g_strdup_printf (
    "INSERT OR REPLACE INTO account_states (account, state, idx, day) "
    "SELECT y.subject_id, CASE y.outcome WHEN 'freeze' THEN %d WHEN 'zero' THEN %d ELSE %d END, "
    "  y.idx, y.logged_day FROM decisions y "
    "WHERE y.idx = (SELECT max (z.idx) FROM decisions z WHERE z.subject_kind = 'account' "
    "  AND z.subject_id = ?3 AND z.outcome IN ('freeze', 'restore', 'zero') "
    "  AND z.idx NOT IN (SELECT decision FROM overturned)) "
    "AND NOT EXISTS (SELECT 1 FROM account_states WHERE account = ?3)",
    ASSAY_ACCOUNT_FROZEN, ASSAY_ACCOUNT_ZEROED, ASSAY_ACCOUNT_ACTIVE);
  const char *steps[] = {
    "INSERT OR IGNORE INTO overturned (decision, ruling) "
    "  SELECT f.target, ?2 FROM filings f JOIN decisions x ON x.idx = f.target WHERE f.idx = ?1",
    "DELETE FROM down_weights WHERE idx IN (SELECT decision FROM overturned WHERE ruling = ?2)",
    /* The state an overturned decision set goes, the one before it comes back. */
    "DELETE FROM account_states WHERE account = ?3 AND idx IN (SELECT decision FROM overturned)",
    restate,
  };
  g_autofree char *account = NULL;
  sqlite3_stmt *stmt;

  if (g_strcmp0 (d->kind, "ruling") != 0 || g_strcmp0 (d->outcome, "overturn") != 0)
    return TRUE;
  stmt = _assay_db_prepare (db, "SELECT x.subject_id FROM filings f JOIN decisions x ON x.idx = f.target "
                                "WHERE f.idx = ?1 AND x.subject_kind = 'account'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, effect->filing);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    account = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      /* Without an account (a county's or ring's decision) only the record
       * and a down-weight apply. */
      if (i >= 2 && account == NULL)
        break;
      if ((stmt = _assay_db_prepare (db, steps[i], error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, effect->filing);
      sqlite3_bind_int64 (stmt, 2, d->index);
      if (account != NULL)
        sqlite3_bind_text (stmt, 3, account, -1, SQLITE_TRANSIENT);
      if (!_assay_db_step_once (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
apply_effect (sqlite3                   *db,
              const AssayLoggedDecision *d,
              const AssayDecisionEffect *effect,
              GError                   **error)
{
  if (effect->account != NULL && effect->state >= 0 && !set_account_state (db, d, effect, error))
    return FALSE;
  if (effect->account != NULL && effect->down_weight_dimension >= 0 && !add_down_weight (db, d, effect, error))
    return FALSE;
  if (!_assay_db_pauses_release (db, d, error))
    return FALSE;
  if (effect->weights && !_assay_db_weights_version_insert (db, d, effect, error))
    return FALSE;
  if (effect->on_filing && (!insert_filing_decision (db, d, effect, error) ||
                            !reverse_overturned (db, d, effect, error)))
    return FALSE;
  return !effect->decides_case || decide_case (db, d, error);
}

gboolean
assay_replica_store_decision (AssayReplica              *self,
                              const AssayLoggedDecision *decision,
                              const AssayDecisionEffect *effect,
                              GError                   **error)
{
  sqlite3 *db;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (decision != NULL && effect != NULL, FALSE);
  g_return_val_if_fail (decision->payload != NULL && decision->signers != NULL, FALSE);

  db = _assay_replica_get_db (self);
  if (!_assay_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!insert_decision (db, decision, error) || !apply_effect (db, decision, effect, error) ||
      !settle_outbox (db, decision, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return _assay_db_exec (db, "COMMIT", error);
}

void
assay_filing_decision_free (AssayFilingDecision *decision)
{
  if (decision == NULL)
    return;
  g_free (decision->kind);
  g_free (decision->outcome);
  g_free (decision->signers);
  g_free (decision);
}

static AssayFilingDecision *
filing_decision_from_row (sqlite3_stmt *stmt)
{
  AssayFilingDecision *d = g_new0 (AssayFilingDecision, 1);

  d->index = sqlite3_column_int64 (stmt, 0);
  d->filing = sqlite3_column_int64 (stmt, 1);
  d->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  d->outcome = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  d->has_amount = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
  d->amount = sqlite3_column_int64 (stmt, 4);
  d->signers = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  d->logged_day = sqlite3_column_int64 (stmt, 6);
  return d;
}

GPtrArray *
assay_replica_filing_decisions (AssayReplica  *self,
                                guint64        filing_index,
                                GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_filing_decision_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self, "SELECT idx, filing, kind, outcome, amount, signers, logged_day "
                                       "FROM filing_decisions WHERE filing = ?1 ORDER BY idx", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, filing_index);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, filing_decision_from_row (stmt));
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&rows);
}

void
assay_stored_roster_free (AssayStoredRoster *roster)
{
  if (roster == NULL)
    return;
  g_free (roster->sha256);
  g_free (roster->envelope);
  g_free (roster);
}

void
assay_signed_entry_free (AssaySignedEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->envelope);
  g_free (entry);
}

gboolean
assay_replica_store_roster (AssayReplica             *self,
                            const AssayStoredRoster  *roster,
                            GError                  **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (roster != NULL && roster->sha256 != NULL && roster->envelope != NULL, FALSE);

  db = _assay_replica_get_db (self);
  stmt = _assay_db_prepare (db, "INSERT INTO rosters (version, idx, sha256, expires, logged_day, envelope) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, roster->version);
  sqlite3_bind_int64 (stmt, 2, roster->index);
  bind_text (stmt, 3, roster->sha256);
  sqlite3_bind_int64 (stmt, 4, roster->expires);
  sqlite3_bind_int64 (stmt, 5, roster->logged_day);
  bind_text (stmt, 6, roster->envelope);
  return step_insert (db, stmt, _("a roster version"), error);
}

/* ---- reading ---------------------------------------------------------------------- */

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strndup ((const char *) sqlite3_column_blob (stmt, column), sqlite3_column_bytes (stmt, column));
}

GPtrArray *
assay_replica_list_rosters (AssayReplica  *self,
                            GError       **error)
{
  g_autoptr(GPtrArray) rosters = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_stored_roster_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self, "SELECT version, idx, logged_day, sha256, expires, envelope "
                                       "FROM rosters ORDER BY version", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AssayStoredRoster *r = g_new0 (AssayStoredRoster, 1);

      r->version = sqlite3_column_int64 (stmt, 0);
      r->index = sqlite3_column_int64 (stmt, 1);
      r->logged_day = sqlite3_column_int64 (stmt, 2);
      r->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      r->expires = sqlite3_column_int64 (stmt, 4);
      r->envelope = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_ptr_array_add (rosters, r);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&rosters);
}

/* A stored body parsed again; FALSE with the parser's error if it fails
 * (the replica verified its commitment, so that is damage, not the log). */
static AssaySignedEntry *
signed_entry_from_stmt (sqlite3_stmt  *stmt,
                        GError       **error)
{
  g_autoptr(AssayEntry) entry = NULL;
  AssaySignedEntry *signed_entry;

  entry = assay_entry_parse (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1), error);
  if (entry == NULL)
    return NULL;
  if (entry->kind != ASSAY_ENTRY_ROSTER && entry->kind != ASSAY_ENTRY_DECISION)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The entry at index %s is stored as a roster or decision but is not one."),
                   (const char *) sqlite3_column_text (stmt, 0));
      return NULL;
    }
  signed_entry = g_new0 (AssaySignedEntry, 1);
  signed_entry->index = sqlite3_column_int64 (stmt, 0);
  signed_entry->kind = entry->kind;
  signed_entry->logged_day = entry->logged_day;
  signed_entry->envelope = g_steal_pointer (&entry->envelope);
  return signed_entry;
}

GPtrArray *
assay_replica_list_signed_entries (AssayReplica  *self,
                                   guint64        from,
                                   GError       **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_signed_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self, "SELECT idx, body FROM entries WHERE idx >= ?1 AND kind IN (?2, ?3) "
                                       "AND state = ?4 ORDER BY idx", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int (stmt, 2, ASSAY_ENTRY_ROSTER);
  sqlite3_bind_int (stmt, 3, ASSAY_ENTRY_DECISION);
  sqlite3_bind_int (stmt, 4, ASSAY_ENTRY_STATE_VERIFIED);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AssaySignedEntry *e = signed_entry_from_stmt (stmt, error);

      if (e == NULL)
        {
          sqlite3_finalize (stmt);
          return NULL;
        }
      g_ptr_array_add (entries, e);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&entries);
}

static AssayLoggedDecision *
decision_from_stmt (sqlite3_stmt *stmt)
{
  AssayLoggedDecision *d = g_new0 (AssayLoggedDecision, 1);

  d->index = sqlite3_column_int64 (stmt, 0);
  g_strlcpy (d->hash, (const char *) sqlite3_column_text (stmt, 1), sizeof d->hash);
  d->decision_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  d->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  d->outcome = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  d->role = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  d->subject_kind = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  d->subject_id = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  d->subject_seq = sqlite3_column_int64 (stmt, 8);
  d->signers = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  d->rationale = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  d->created_at = sqlite3_column_int64 (stmt, 11);
  d->logged_day = sqlite3_column_int64 (stmt, 12);
  d->payload = column_text (stmt, 13);
  return d;
}

GPtrArray *
assay_replica_list_decisions (AssayReplica  *self,
                              const char    *subject_kind,
                              const char    *subject_id,
                              GError       **error)
{
  g_autoptr(GPtrArray) decisions = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self, "SELECT " DECISION_COLUMNS " FROM decisions "
                                       "WHERE ?1 IS NULL OR (subject_kind = ?1 AND subject_id = ?2) "
                                       "ORDER BY idx", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, subject_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, subject_id, -1, SQLITE_TRANSIENT);
  decisions = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_logged_decision_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (decisions, decision_from_stmt (stmt));
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&decisions);
}

gboolean
assay_replica_get_account_state (AssayReplica       *self,
                                 const char         *account,
                                 AssayAccountState  *out_state,
                                 gint64             *out_index,
                                 GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  *out_state = ASSAY_ACCOUNT_ACTIVE;
  *out_index = -1;
  stmt = _assay_replica_prepare (self, "SELECT state, idx FROM account_states WHERE account = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *out_state = sqlite3_column_int (stmt, 0);
      *out_index = sqlite3_column_int64 (stmt, 1);
      rc = sqlite3_step (stmt);
    }
  return _assay_replica_finish (self, stmt, rc, error);
}

GArray *
assay_replica_list_down_weights (AssayReplica  *self,
                                 const char    *account,
                                 GError       **error)
{
  g_autoptr(GArray) weights = g_array_new (FALSE, FALSE, sizeof (AssayDownWeight));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);
  g_return_val_if_fail (account != NULL, NULL);

  stmt = _assay_replica_prepare (self, "SELECT dimension, from_day, to_day, idx FROM down_weights "
                                       "WHERE account = ?1 ORDER BY from_day, dimension", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AssayDownWeight w = {
        sqlite3_column_int (stmt, 0), sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3),
      };

      g_array_append_val (weights, w);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&weights);
}

gboolean
assay_replica_raise_decision_alert (AssayReplica  *self,
                                    const char    *message,
                                    JsonObject    *evidence,
                                    GError       **error)
{
  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (message != NULL && evidence != NULL, FALSE);

  _assay_db_raise_alert (_assay_replica_get_db (self), ASSAY_ALERT_DECISION, message, evidence, error);
  return FALSE;
}

guint64
assay_replica_get_decisions_size (AssayReplica *self)
{
  g_return_val_if_fail (ASSAY_IS_REPLICA (self), 0);

  return _assay_db_meta_get_int (_assay_replica_get_db (self), "decisions_size", 0);
}

gboolean
assay_replica_set_decisions_size (AssayReplica  *self,
                                  guint64        size,
                                  GError       **error)
{
  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);

  return _assay_db_meta_set_int (_assay_replica_get_db (self), "decisions_size", size, error);
}

char *
assay_signers_dup_names (const char *json)
{
  g_autoptr(JsonNode) signers = json != NULL ? json_from_string (json, NULL) : NULL;
  GString *names;
  JsonArray *array;

  if (signers == NULL || !JSON_NODE_HOLDS_ARRAY (signers))
    return NULL;
  array = json_node_get_array (signers);
  names = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *name = json_array_get_string_element (array, i);

      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", name != NULL ? name : "?");
    }
  return g_string_free (names, FALSE);
}
