/* assay-replica-cases.c — stored flags and the committee's cases
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
#include <json-glib/json-glib.h>
#include <string.h>

#include "assay-enum.h"
#include "assay-error.h"
#include "assay-filing-text.h"
#include "assay-replica-cases.h"
#include "assay-replica-decisions.h"
#include "assay-replica-enums.h"
#include "assay-replica-private.h"

#define MAX_NOTE_CHARS     4000
#define MAX_ASSIGNEE_CHARS 200

/* The states a flag joins rather than reopens or opens. */
#define ACTIVE_STATES "('open', 'in_review', 'reopened')"

/* ---- freeing ------------------------------------------------------------------- */

void
assay_stored_flag_free (AssayStoredFlag *flag)
{
  if (flag == NULL)
    return;
  g_free (flag->id);
  g_free (flag->rule);
  g_free (flag->article);
  g_free (flag->action);
  g_free (flag->severity);
  g_free (flag->subject_kind);
  g_free (flag->subject_id);
  g_free (flag->county);
  g_free (flag->json);
  g_strfreev (flag->members);
  g_free (flag);
}

void
assay_flag_run_free (AssayFlagRun *run)
{
  if (run == NULL)
    return;
  g_free (run->rule_set_sha256);
  g_free (run->rule_set_name);
  g_free (run);
}

AssayCase *
assay_case_copy (const AssayCase *c)
{
  AssayCase *copy = g_new0 (AssayCase, 1);

  g_return_val_if_fail (c != NULL, NULL);

  *copy = *c;
  copy->subject_kind = g_strdup (c->subject_kind);
  copy->subject_id = g_strdup (c->subject_id);
  copy->assignee = g_strdup (c->assignee);
  copy->county = g_strdup (c->county);
  copy->article = g_strdup (c->article);
  copy->severity = g_strdup (c->severity);
  copy->filing_account = g_strdup (c->filing_account);
  copy->flag_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; c->flag_ids != NULL && i < c->flag_ids->len; i++)
    g_ptr_array_add (copy->flag_ids, g_strdup (g_ptr_array_index (c->flag_ids, i)));
  return copy;
}

void
assay_case_free (AssayCase *c)
{
  if (c == NULL)
    return;
  g_free (c->subject_kind);
  g_free (c->subject_id);
  g_free (c->assignee);
  g_free (c->county);
  g_free (c->article);
  g_free (c->severity);
  g_free (c->filing_account);
  g_clear_pointer (&c->flag_ids, g_ptr_array_unref);
  g_free (c);
}

void
assay_case_event_free (AssayCaseEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->author);
  g_free (event->text);
  g_free (event->kind);
  g_free (event->detail);
  g_free (event);
}

/* ---- helpers ------------------------------------------------------------------- */

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static const char *
state_nick (AssayCaseState state)
{
  return assay_enum_get_nick (ASSAY_TYPE_CASE_STATE, state);
}

static AssayCaseState
state_from_nick (const char *nick)
{
  int value = ASSAY_CASE_STATE_OPEN;

  assay_enum_from_nick (ASSAY_TYPE_CASE_STATE, nick, &value);
  return value;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Runs one statement with text (s*) and integer (i*) parameters bound in
 * order: the string ones first (?1 …), then the integers.  NULL strings
 * bind as NULL. */
static gboolean
exec_bound (sqlite3     *db,
            const char  *sql,
            const char  *s1,
            const char  *s2,
            const char  *s3,
            gint64       i1,
            gint64       i2,
            GError     **error)
{
  sqlite3_stmt *stmt = _assay_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, s1, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, s2, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, s3, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, i1);
  sqlite3_bind_int64 (stmt, 5, i2);
  return _assay_db_step_once (db, stmt, error);
}

static gboolean
add_event (sqlite3     *db,
           gint64       case_id,
           gint64       at,
           const char  *author,
           const char  *kind,
           const char  *detail,
           GError     **error)
{
  return exec_bound (db,
                     "INSERT INTO case_events (case_id, at, author, kind, detail) "
                     "VALUES (?4, ?5, ?1, ?2, ?3)",
                     author, kind, detail, case_id, at, error);
}

static gboolean
touch_case (sqlite3     *db,
            gint64       case_id,
            gint64       at,
            const char  *state,
            GError     **error)
{
  return exec_bound (db, "UPDATE cases SET updated = ?5, state = coalesce (?1, state) WHERE id = ?4",
                     state, NULL, NULL, case_id, at, error);
}

static gboolean
check_flag (const AssayStoredFlag *f,
            guint                  i,
            GError               **error)
{
  if (f != NULL && f->id != NULL && f->rule != NULL && f->article != NULL && f->action != NULL &&
      f->severity != NULL && f->subject_kind != NULL && f->subject_id != NULL && f->json != NULL)
    return TRUE;
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
               _("Flag %u of the run lacks its id, rule, subject or JSON; nothing was stored. "
                 "Compute the flags again."), i + 1);
  return FALSE;
}

static gboolean
insert_flag (sqlite3                *db,
             const AssayStoredFlag  *f,
             GError                **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _assay_db_prepare (db,
                            "INSERT INTO flags (id, rule, article, action, severity, severity_rank, "
                            "  subject_kind, subject_id, period_from, period_to, county, json, current) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 1) "
                            "ON CONFLICT (id) DO UPDATE SET current = 1, json = excluded.json, "
                            "  county = excluded.county, severity = excluded.severity, "
                            "  severity_rank = excluded.severity_rank, action = excluded.action",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, f->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, f->rule, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, f->article, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, f->action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, f->severity, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, f->severity_rank);
  sqlite3_bind_text (stmt, 7, f->subject_kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, f->subject_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, f->from);
  sqlite3_bind_int64 (stmt, 10, f->to);
  sqlite3_bind_text (stmt, 11, f->county, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, f->json, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _assay_db_set_error (db, error);
      return FALSE;
    }
  for (guint i = 0; f->members != NULL && f->members[i] != NULL; i++)
    if (!exec_bound (db, "INSERT OR IGNORE INTO flag_members (flag_id, account) VALUES (?1, ?2)",
                     f->id, f->members[i], NULL, 0, 0, error))
      return FALSE;
  return TRUE;
}

/* -1: the query failed; 0: no row; else the first column of the first row. */
static gint64
query_int (sqlite3     *db,
           const char  *sql,
           const char  *s1,
           const char  *s2,
           gint64       i1,
           char       **out_text,
           GError     **error)
{
  sqlite3_stmt *stmt = _assay_db_prepare (db, sql, error);
  gint64 value = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, s1, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, s2, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, i1);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      value = sqlite3_column_int64 (stmt, 0);
      if (out_text != NULL)
        *out_text = column_dup (stmt, 1);
      rc = SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _assay_db_set_error (db, error);
      return -1;
    }
  return value;
}

/* Puts a newly raised flag into its subject's case: joins the active one,
 * reopens a decided one, or opens one.  A flag already in a case is left
 * where it is, so that storing the same run twice changes nothing. */
static gboolean
file_flag (sqlite3                *db,
           const AssayStoredFlag  *f,
           gint64                  at,
           GError                **error)
{
  g_autofree char *state = NULL;
  gint64 case_id;

  case_id = query_int (db, "SELECT count(*) FROM case_flags WHERE flag_id = ?1", f->id, NULL, 0,
                       NULL, error);
  if (case_id != 0)
    return case_id > 0;

  /* One case per subject: the latest, whatever its state. */
  case_id = query_int (db, "SELECT id, state FROM cases WHERE subject_kind = ?1 AND subject_id = ?2 "
                           "ORDER BY id DESC LIMIT 1",
                       f->subject_kind, f->subject_id, 0, &state, error);
  if (case_id < 0)
    return FALSE;
  if (case_id == 0)
    {
      if (!exec_bound (db, "INSERT INTO cases (subject_kind, subject_id, state, opened, updated) "
                           "VALUES (?1, ?2, ?3, ?4, ?4)",
                       f->subject_kind, f->subject_id, state_nick (ASSAY_CASE_STATE_OPEN), at, 0,
                       error))
        return FALSE;
      case_id = sqlite3_last_insert_rowid (db);
      if (!add_event (db, case_id, at, ASSAY_CASE_AUTHOR_ENGINE, "opened", f->id, error))
        return FALSE;
    }
  else if (state_from_nick (state) == ASSAY_CASE_STATE_DECIDED)
    {
      if (!touch_case (db, case_id, at, state_nick (ASSAY_CASE_STATE_REOPENED), error) ||
          !add_event (db, case_id, at, ASSAY_CASE_AUTHOR_ENGINE, "reopened", f->id, error))
        return FALSE;
    }
  else if (!touch_case (db, case_id, at, NULL, error) ||
           !add_event (db, case_id, at, ASSAY_CASE_AUTHOR_ENGINE, "joined", f->id, error))
    return FALSE;
  return exec_bound (db, "INSERT INTO case_flags (case_id, flag_id) VALUES (?4, ?1)",
                     f->id, NULL, NULL, case_id, 0, error);
}

static gboolean
store_run (sqlite3             *db,
           const AssayFlagRun  *run,
           GError             **error)
{
  sqlite3_stmt *stmt;

  if (!_assay_db_exec (db, "DELETE FROM flag_run", error))
    return FALSE;
  stmt = _assay_db_prepare (db,
                            "INSERT INTO flag_run (id, rule_set_sha256, rule_set_name, rule_set_version, "
                            "  checkpoint_size, checkpoint_root, computed_at) "
                            "VALUES (1, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, run->rule_set_sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, run->rule_set_name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, run->rule_set_version);
  sqlite3_bind_int64 (stmt, 4, (gint64) run->checkpoint_size);
  sqlite3_bind_blob (stmt, 5, run->checkpoint_root, ASSAY_HASH_SIZE, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, run->computed_at != 0 ? run->computed_at : now ());
  return _assay_db_step_once (db, stmt, error);
}

/* Stores each flag as current and files it into its subject's case. */
static gboolean
file_flags (sqlite3    *db,
            GPtrArray  *flags,
            GError    **error)
{
  gint64 at = now ();

  for (guint i = 0; i < flags->len; i++)
    {
      const AssayStoredFlag *f = g_ptr_array_index (flags, i);

      if (!check_flag (f, i, error) || !insert_flag (db, f, error) || !file_flag (db, f, at, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
store_flags_in_transaction (sqlite3             *db,
                            const AssayFlagRun  *run,
                            GPtrArray           *flags,
                            GError             **error)
{
  /* A group's flags come from the fairness audit, not from this run. */
  return store_run (db, run, error) &&
         _assay_db_exec (db, "UPDATE flags SET current = 0 WHERE current != 0 AND subject_kind != 'group'", error) &&
         file_flags (db, flags, error);
}

static gboolean
retire_and_file_in_transaction (sqlite3             *db,
                                GPtrArray           *flags,
                                const char * const  *retired,
                                GError             **error)
{
  for (guint i = 0; retired != NULL && retired[i] != NULL; i++)
    if (!exec_bound (db, "UPDATE flags SET current = 0 WHERE id = ?1", retired[i], NULL, NULL, 0, 0, error))
      return FALSE;
  return file_flags (db, flags, error);
}

#define FLAG_COLUMNS \
  "id, rule, article, action, severity, severity_rank, subject_kind, subject_id, " \
  "period_from, period_to, county, json, current"

static AssayStoredFlag *
flag_from_stmt (sqlite3       *db,
                sqlite3_stmt  *stmt)
{
  AssayStoredFlag *f = g_new0 (AssayStoredFlag, 1);
  g_autoptr(GPtrArray) members = g_ptr_array_new ();
  sqlite3_stmt *m;

  f->id = column_dup (stmt, 0);
  f->rule = column_dup (stmt, 1);
  f->article = column_dup (stmt, 2);
  f->action = column_dup (stmt, 3);
  f->severity = column_dup (stmt, 4);
  f->severity_rank = sqlite3_column_int (stmt, 5);
  f->subject_kind = column_dup (stmt, 6);
  f->subject_id = column_dup (stmt, 7);
  f->from = sqlite3_column_int64 (stmt, 8);
  f->to = sqlite3_column_int64 (stmt, 9);
  f->county = column_dup (stmt, 10);
  f->json = column_dup (stmt, 11);
  f->current = sqlite3_column_int (stmt, 12) != 0;

  if (sqlite3_prepare_v2 (db, "SELECT account FROM flag_members WHERE flag_id = ? ORDER BY account",
                          -1, &m, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (m, 1, f->id, -1, SQLITE_STATIC);
      while (sqlite3_step (m) == SQLITE_ROW)
        g_ptr_array_add (members, column_dup (m, 0));
      sqlite3_finalize (m);
    }
  if (members->len > 0)
    {
      g_ptr_array_add (members, NULL);
      f->members = (char **) g_ptr_array_steal (members, NULL);
    }
  return f;
}

/* A filing case's filing, and whether the panel decides it: a dispute,
 * or an appeal against a decision (README "Filings"). */
G_STATIC_ASSERT (ASSAY_ENTRY_DECISION == 4 && ASSAY_ENTRY_APPEAL == 6 && ASSAY_ENTRY_DISPUTE == 7);
#define CASE_COLUMNS \
  "c.id, c.subject_kind, c.subject_id, c.state, c.opened, c.updated, c.assignee, " \
  "coalesce ((SELECT f.county FROM case_flags cf JOIN flags f ON f.id = cf.flag_id " \
  "   WHERE cf.case_id = c.id AND f.county IS NOT NULL ORDER BY cf.id DESC LIMIT 1), " \
  "  (SELECT printf ('%06d', fl.county) FROM filings fl " \
  "   WHERE c.subject_kind = 'filing' AND fl.idx = CAST (c.subject_id AS INTEGER))), " \
  "(SELECT f.article FROM case_flags cf JOIN flags f ON f.id = cf.flag_id " \
  "   WHERE cf.case_id = c.id ORDER BY f.severity_rank DESC, cf.id LIMIT 1), " \
  "(SELECT f.severity FROM case_flags cf JOIN flags f ON f.id = cf.flag_id " \
  "   WHERE cf.case_id = c.id ORDER BY f.severity_rank DESC, cf.id LIMIT 1), " \
  "(SELECT count(*) FROM case_flags cf JOIN flags f ON f.id = cf.flag_id " \
  "   WHERE cf.case_id = c.id AND f.current != 0), " \
  "(SELECT fl.kind FROM filings fl WHERE c.subject_kind = 'filing' " \
  "   AND fl.idx = CAST (c.subject_id AS INTEGER)), " \
  "(SELECT fl.account FROM filings fl WHERE c.subject_kind = 'filing' " \
  "   AND fl.idx = CAST (c.subject_id AS INTEGER)), " \
  "(SELECT fl.kind = 7 OR (fl.kind = 6 AND (SELECT e.kind FROM entries e WHERE e.idx = fl.target) = 4) " \
  "   FROM filings fl WHERE c.subject_kind = 'filing' AND fl.idx = CAST (c.subject_id AS INTEGER))"

static AssayCase *
case_from_stmt (sqlite3       *db,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  g_autoptr(AssayCase) c = g_new0 (AssayCase, 1);
  sqlite3_stmt *ids;
  int rc;

  c->id = sqlite3_column_int64 (stmt, 0);
  c->subject_kind = column_dup (stmt, 1);
  c->subject_id = column_dup (stmt, 2);
  c->state = state_from_nick ((const char *) sqlite3_column_text (stmt, 3));
  c->opened = sqlite3_column_int64 (stmt, 4);
  c->updated = sqlite3_column_int64 (stmt, 5);
  c->assignee = column_dup (stmt, 6);
  c->county = column_dup (stmt, 7);
  c->article = column_dup (stmt, 8);
  c->severity = column_dup (stmt, 9);
  c->n_current = sqlite3_column_int (stmt, 10);
  c->is_filing = sqlite3_column_type (stmt, 11) != SQLITE_NULL;
  c->filing_kind = sqlite3_column_int (stmt, 11);
  c->filing_account = column_dup (stmt, 12);
  c->for_panel = sqlite3_column_int (stmt, 13) != 0;
  c->flag_ids = g_ptr_array_new_with_free_func (g_free);

  ids = _assay_db_prepare (db, "SELECT flag_id FROM case_flags WHERE case_id = ? ORDER BY id", error);
  if (ids == NULL)
    return NULL;
  sqlite3_bind_int64 (ids, 1, c->id);
  while ((rc = sqlite3_step (ids)) == SQLITE_ROW)
    g_ptr_array_add (c->flag_ids, column_dup (ids, 0));
  sqlite3_finalize (ids);
  if (rc != SQLITE_DONE)
    {
      _assay_db_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&c);
}

/* The cases a query selects (its parameters: ?1 text, ?2 text, ?3 int). */
static GPtrArray *
query_cases (AssayReplica  *self,
             const char    *where,
             const char    *s1,
             const char    *s2,
             gint64         i1,
             GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_case_free);
  g_autofree char *sql = g_strconcat ("SELECT " CASE_COLUMNS " FROM cases c ", where, NULL);
  sqlite3 *db = _assay_replica_get_db (self);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _assay_replica_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, s1, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, s2, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, i1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AssayCase *c = case_from_stmt (db, stmt, error);

      if (c == NULL)
        {
          sqlite3_finalize (stmt);
          return NULL;
        }
      g_ptr_array_add (list, c);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

static char *
case_number (gint64 case_id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
}

static void
set_not_found (gint64   case_id,
               GError **error)
{
  g_autofree char *number = case_number (case_id);

  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
               _("There is no case %s in this replica. List the cases to find its number."),
               number);
}

/* The case's state, or FALSE with ASSAY_ERROR_NOT_FOUND. */
static gboolean
lookup_state (AssayReplica    *self,
              gint64           case_id,
              AssayCaseState  *out_state,
              char           **out_assignee,
              GError         **error)
{
  sqlite3_stmt *stmt = _assay_replica_prepare (self, "SELECT state, assignee FROM cases WHERE id = ?",
                                               error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_state = state_from_nick ((const char *) sqlite3_column_text (stmt, 0));
      if (out_assignee != NULL)
        *out_assignee = column_dup (stmt, 1);
      sqlite3_finalize (stmt);
      return TRUE;
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    return FALSE;
  set_not_found (case_id, error);
  return FALSE;
}

gboolean
_assay_db_case_add_event (sqlite3     *db,
                          gint64       case_id,
                          gint64       at,
                          const char  *author,
                          const char  *kind,
                          const char  *detail,
                          GError     **error)
{
  return touch_case (db, case_id, at, NULL, error) &&
         add_event (db, case_id, at, author != NULL ? author : "", kind, detail, error);
}

/* Runs a local change (a state or assignee update and its history event)
 * in one transaction. */
static gboolean
local_change (AssayReplica  *self,
              gint64         case_id,
              const char    *update_sql,
              const char    *value,
              const char    *author,
              const char    *kind,
              const char    *detail,
              GError       **error)
{
  sqlite3 *db = _assay_replica_get_db (self);
  gint64 at = now ();

  if (!_assay_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if ((update_sql != NULL && !exec_bound (db, update_sql, value, NULL, NULL, case_id, at, error)) ||
      !touch_case (db, case_id, at, NULL, error) ||
      !add_event (db, case_id, at, author != NULL ? author : "", kind, detail, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return _assay_db_exec (db, "COMMIT", error);
}

/* "confirm 17 [\"Li Wei\"]": the outcome, the log index, the signers. */
static char *
describe_decided (const char *detail)
{
  g_auto(GStrv) parts = g_strsplit (detail != NULL ? detail : "", " ", 3);
  g_autofree char *names = NULL;

  if (g_strv_length (parts) < 3)
    return g_strdup (detail);
  /* The signers' names, "ana, bo", rather than their JSON array. */
  names = assay_signers_dup_names (parts[2]);
  return g_strdup_printf (_("Decided: %s, logged at index %s, signed by %s"), parts[0], parts[1],
                          names != NULL && names[0] != '\0' ? names : parts[2]);
}

static char *
describe_event (const char *kind,
                const char *detail)
{
  if (g_strcmp0 (kind, "opened") == 0)
    return g_strdup_printf (_("Opened by flag %s"), detail);
  if (g_strcmp0 (kind, "filed") == 0)
    {
      AssayEntryKind filing = ASSAY_N_ENTRY_KINDS;
      const char *label = assay_entry_kind_from_id (detail, &filing) ? assay_filing_kind_get_label (filing) : NULL;

      return g_strdup_printf (_("Opened by the filing (%s)"), label != NULL ? label : detail);
    }
  if (g_strcmp0 (kind, "joined") == 0)
    return g_strdup_printf (_("Flag %s joined the case"), detail);
  if (g_strcmp0 (kind, "reopened") == 0)
    return g_strdup_printf (_("Reopened by flag %s"), detail);
  if (g_strcmp0 (kind, "review") == 0)
    return g_strdup (_("Review started"));
  if (g_strcmp0 (kind, "assigned") == 0)
    return g_strdup_printf (_("Assigned to %s"), detail);
  if (g_strcmp0 (kind, "unassigned") == 0)
    return g_strdup (_("Unassigned"));
  if (g_strcmp0 (kind, "queued") == 0)
    return g_strdup_printf (_("Decision %.12s… signed and queued for the central service"), detail);
  if (g_strcmp0 (kind, "decided") == 0)
    return describe_decided (detail);
  return g_strdup (detail != NULL ? detail : "");
}

/* ---- public API ------------------------------------------------------------------- */

gboolean
assay_replica_store_flags (AssayReplica        *self,
                           const AssayFlagRun  *run,
                           GPtrArray           *flags,
                           GError             **error)
{
  sqlite3 *db;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (run != NULL, FALSE);
  g_return_val_if_fail (flags != NULL, FALSE);

  if (run->rule_set_sha256 == NULL || run->rule_set_name == NULL)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                           _("The flag run names no rule set; nothing was stored."));
      return FALSE;
    }
  db = _assay_replica_get_db (self);
  if (!_assay_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!store_flags_in_transaction (db, run, flags, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return _assay_db_exec (db, "COMMIT", error);
}

gboolean
assay_replica_file_flags (AssayReplica        *self,
                          GPtrArray           *flags,
                          const char * const  *retired,
                          GError             **error)
{
  sqlite3 *db;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (flags != NULL, FALSE);

  db = _assay_replica_get_db (self);
  if (!_assay_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!retire_and_file_in_transaction (db, flags, retired, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return _assay_db_exec (db, "COMMIT", error);
}

AssayFlagRun *
assay_replica_get_flag_run (AssayReplica  *self,
                            GError       **error)
{
  AssayFlagRun *run = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self,
                                 "SELECT rule_set_sha256, rule_set_name, rule_set_version, "
                                 "  checkpoint_size, checkpoint_root, computed_at FROM flag_run", error);
  if (stmt == NULL)
    return NULL;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      run = g_new0 (AssayFlagRun, 1);
      run->rule_set_sha256 = column_dup (stmt, 0);
      run->rule_set_name = column_dup (stmt, 1);
      run->rule_set_version = sqlite3_column_int64 (stmt, 2);
      run->checkpoint_size = sqlite3_column_int64 (stmt, 3);
      if (sqlite3_column_bytes (stmt, 4) == ASSAY_HASH_SIZE)
        memcpy (run->checkpoint_root, sqlite3_column_blob (stmt, 4), ASSAY_HASH_SIZE);
      run->computed_at = sqlite3_column_int64 (stmt, 5);
      rc = sqlite3_step (stmt);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    {
      assay_flag_run_free (run);
      return NULL;
    }
  return run;
}

GPtrArray *
assay_replica_list_flags (AssayReplica  *self,
                          GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_stored_flag_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self,
                                 "SELECT " FLAG_COLUMNS " FROM flags WHERE current != 0 "
                                 "ORDER BY subject_kind, subject_id, period_from, rule, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, flag_from_stmt (_assay_replica_get_db (self), stmt));
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

AssayStoredFlag *
assay_replica_get_flag (AssayReplica  *self,
                        const char    *flag_id,
                        GError       **error)
{
  AssayStoredFlag *flag = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);
  g_return_val_if_fail (flag_id != NULL, NULL);

  stmt = _assay_replica_prepare (self, "SELECT " FLAG_COLUMNS " FROM flags WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, flag_id, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      flag = flag_from_stmt (_assay_replica_get_db (self), stmt);
      rc = sqlite3_step (stmt);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    {
      assay_stored_flag_free (flag);
      return NULL;
    }
  if (flag == NULL)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                 _("There is no stored flag %s. Sync or compute the flags again."), flag_id);
  return flag;
}

GPtrArray *
assay_replica_list_cases (AssayReplica  *self,
                          GError       **error)
{
  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  return query_cases (self, "ORDER BY c.id", NULL, NULL, 0, error);
}

AssayCase *
assay_replica_get_case (AssayReplica  *self,
                        gint64         case_id,
                        GError       **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  list = query_cases (self, "WHERE c.id = ?3", NULL, NULL, case_id, error);
  if (list == NULL)
    return NULL;
  if (list->len == 0)
    {
      set_not_found (case_id, error);
      return NULL;
    }
  return g_ptr_array_steal_index (list, 0);
}

AssayCase *
assay_replica_find_case (AssayReplica  *self,
                         const char    *subject_kind,
                         const char    *subject_id,
                         GError       **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);
  g_return_val_if_fail (subject_kind != NULL && subject_id != NULL, NULL);

  list = query_cases (self,
                      "WHERE c.subject_kind = ?1 AND c.subject_id = ?2 AND c.state IN " ACTIVE_STATES
                      " ORDER BY c.id DESC LIMIT 1",
                      subject_kind, subject_id, 0, error);
  if (list == NULL || list->len == 0)
    return NULL;
  return g_ptr_array_steal_index (list, 0);
}

GPtrArray *
assay_replica_case_history (AssayReplica  *self,
                            gint64         case_id,
                            GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_case_event_free);
  AssayCaseState state;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  if (!lookup_state (self, case_id, &state, NULL, error))
    return NULL;
  stmt = _assay_replica_prepare (self,
                                 "SELECT at, author, kind, detail FROM case_events WHERE case_id = ? "
                                 "ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AssayCaseEvent *e = g_new0 (AssayCaseEvent, 1);

      e->at = sqlite3_column_int64 (stmt, 0);
      e->author = column_dup (stmt, 1);
      e->kind = column_dup (stmt, 2);
      e->detail = column_dup (stmt, 3);
      e->is_note = g_strcmp0 (e->kind, "note") == 0;
      e->text = describe_event (e->kind, e->detail);
      g_ptr_array_add (list, e);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

gboolean
assay_replica_case_start_review (AssayReplica  *self,
                                 gint64         case_id,
                                 const char    *author,
                                 GError       **error)
{
  g_autofree char *number = case_number (case_id);
  AssayCaseState state;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);

  if (!lookup_state (self, case_id, &state, NULL, error))
    return FALSE;
  switch (state)
    {
    case ASSAY_CASE_STATE_OPEN:
    case ASSAY_CASE_STATE_REOPENED:
      break;
    case ASSAY_CASE_STATE_IN_REVIEW:
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_FAILED,
                   _("Case %s is already in review. Add a note or assign it instead."), number);
      return FALSE;
    case ASSAY_CASE_STATE_DECIDED:
    default:
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_FAILED,
                   _("Case %s is decided: its review is over. Only a new flag on its subject "
                     "reopens it; add a note if there is more to say."), number);
      return FALSE;
    }
  return local_change (self, case_id, "UPDATE cases SET state = ?1 WHERE id = ?4",
                       state_nick (ASSAY_CASE_STATE_IN_REVIEW), author, "review", NULL, error);
}

gboolean
assay_replica_case_assign (AssayReplica  *self,
                           gint64         case_id,
                           const char    *assignee,
                           const char    *author,
                           GError       **error)
{
  g_autofree char *current = NULL;
  AssayCaseState state;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);

  if (assignee != NULL && *assignee == '\0')
    assignee = NULL;
  if (assignee != NULL &&
      (!g_utf8_validate (assignee, -1, NULL) || g_utf8_strlen (assignee, -1) > MAX_ASSIGNEE_CHARS))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The assignee’s name must be UTF-8 text of at most %d characters. "
                     "Give a shorter name."), MAX_ASSIGNEE_CHARS);
      return FALSE;
    }
  if (!lookup_state (self, case_id, &state, &current, error))
    return FALSE;
  if (g_strcmp0 (current, assignee) == 0)
    return TRUE;
  return local_change (self, case_id, "UPDATE cases SET assignee = ?1 WHERE id = ?4", assignee,
                       author, assignee != NULL ? "assigned" : "unassigned", assignee, error);
}

gboolean
assay_replica_case_add_note (AssayReplica  *self,
                             gint64         case_id,
                             const char    *author,
                             const char    *text,
                             GError       **error)
{
  g_autofree char *stripped = NULL;
  AssayCaseState state;
  glong n;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                           _("The note is not UTF-8 text. Write it again."));
      return FALSE;
    }
  stripped = g_strstrip (g_strdup (text));
  n = g_utf8_strlen (stripped, -1);
  if (n == 0 || n > MAX_NOTE_CHARS)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   n == 0 ? _("The note is empty. Write what you found (1 to %d characters).")
                          : _("The note is too long. Keep it to %d characters or attach the rest "
                              "elsewhere."),
                   MAX_NOTE_CHARS);
      return FALSE;
    }
  if (!lookup_state (self, case_id, &state, NULL, error))
    return FALSE;
  return local_change (self, case_id, NULL, NULL, author, "note", stripped, error);
}

guint
assay_replica_count_active_cases (AssayReplica  *self,
                                  GError       **error)
{
  gint64 n;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), 0);

  n = query_int (_assay_replica_get_db (self),
                 "SELECT count(*) FROM cases WHERE state IN " ACTIVE_STATES, NULL, NULL, 0, NULL,
                 error);
  return n > 0 ? (guint) n : 0;
}

char *
assay_replica_account_county (AssayReplica  *self,
                              const char    *account,
                              GError       **error)
{
  char *county = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);
  g_return_val_if_fail (account != NULL, NULL);

  stmt = _assay_replica_prepare (self,
                                 "SELECT r.county FROM records r JOIN accounts a ON a.id = r.account_id "
                                 "WHERE a.account = ? ORDER BY r.idx DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      county = g_strdup_printf ("%06d", sqlite3_column_int (stmt, 0));
      rc = sqlite3_step (stmt);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    g_clear_pointer (&county, g_free);
  return county;
}

/* ---- private API ------------------------------------------------------------------- */

/* Inside the sync writer's transaction, for a verified filing at leaf
 * `index`: its case, opened by the filing itself (flags on it join it
 * later).  An education transfer gets one only when a rule flags it: a
 * transfer within the cap needs no decision. */
gboolean
_assay_db_case_open_for_filing (sqlite3         *db,
                                guint64          index,
                                AssayEntryKind   kind,
                                gint64           at,
                                GError         **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GUINT64_FORMAT, index);
  gint64 case_id;

  if (kind == ASSAY_ENTRY_EDUCATION_TRANSFER)
    return TRUE;
  if (!exec_bound (db, "INSERT INTO cases (subject_kind, subject_id, state, opened, updated) "
                       "VALUES ('filing', ?1, ?2, ?4, ?4)",
                   id, state_nick (ASSAY_CASE_STATE_OPEN), NULL, at, 0, error))
    return FALSE;
  case_id = sqlite3_last_insert_rowid (db);
  return add_event (db, case_id, at, ASSAY_CASE_AUTHOR_ENGINE, "filed", assay_entry_kind_to_id (kind), error);
}

/* Inside the sync writer's transaction, when a tombstone erases the
 * filing at leaf `index`: its case goes, with its flags and history. */
gboolean
_assay_db_cases_forget_filing (sqlite3  *db,
                               guint64   index,
                               GError  **error)
{
  static const char *const steps[] = {
    "DELETE FROM flag_members WHERE flag_id IN "
    "  (SELECT id FROM flags WHERE subject_kind = 'filing' AND subject_id = ?1)",
    "DELETE FROM flags WHERE subject_kind = 'filing' AND subject_id = ?1",
    "DELETE FROM case_events WHERE case_id IN "
    "  (SELECT id FROM cases WHERE subject_kind = 'filing' AND subject_id = ?1)",
    "DELETE FROM case_flags WHERE case_id IN "
    "  (SELECT id FROM cases WHERE subject_kind = 'filing' AND subject_id = ?1)",
    "DELETE FROM cases WHERE subject_kind = 'filing' AND subject_id = ?1",
  };
  g_autofree char *id = g_strdup_printf ("%" G_GUINT64_FORMAT, index);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (!exec_bound (db, steps[i], id, NULL, NULL, 0, 0, error))
      return FALSE;
  return TRUE;
}

/* Inside the sync writer's transaction, when a tombstone has erased every
 * record of account `account_id` (its accounts row still there): the
 * flags about it (its own and the rings it is a member of) and their
 * cases go, with their history. */
gboolean
_assay_db_cases_forget_account (sqlite3  *db,
                                gint64    account_id,
                                GError  **error)
{
  static const char *const steps[] = {
    "CREATE TEMP TABLE IF NOT EXISTS forget_flags (id TEXT PRIMARY KEY)",
    "DELETE FROM forget_flags",
    "INSERT OR IGNORE INTO forget_flags SELECT id FROM flags "
    "  WHERE subject_kind = 'account' AND subject_id = (SELECT account FROM accounts WHERE id = ?4)",
    "INSERT OR IGNORE INTO forget_flags SELECT flag_id FROM flag_members "
    "  WHERE account = (SELECT account FROM accounts WHERE id = ?4)",
    "CREATE TEMP TABLE IF NOT EXISTS forget_cases (id INTEGER PRIMARY KEY)",
    "DELETE FROM forget_cases",
    "INSERT OR IGNORE INTO forget_cases SELECT id FROM cases "
    "  WHERE subject_kind = 'account' AND subject_id = (SELECT account FROM accounts WHERE id = ?4)",
    "INSERT OR IGNORE INTO forget_cases SELECT case_id FROM case_flags "
    "  WHERE flag_id IN (SELECT id FROM forget_flags)",
    /* Every flag of such a case goes too: a ring's case names its members. */
    "INSERT OR IGNORE INTO forget_flags SELECT flag_id FROM case_flags "
    "  WHERE case_id IN (SELECT id FROM forget_cases)",
    "DELETE FROM case_events WHERE case_id IN (SELECT id FROM forget_cases)",
    "DELETE FROM case_flags WHERE case_id IN (SELECT id FROM forget_cases)",
    "DELETE FROM cases WHERE id IN (SELECT id FROM forget_cases)",
    "DELETE FROM flag_members WHERE flag_id IN (SELECT id FROM forget_flags)",
    "DELETE FROM flags WHERE id IN (SELECT id FROM forget_flags)",
    "DELETE FROM forget_flags",
    "DELETE FROM forget_cases",
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (!exec_bound (db, steps[i], NULL, NULL, NULL, account_id, 0, error))
      return FALSE;
  return TRUE;
}
