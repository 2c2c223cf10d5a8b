/* assay-replica-cohort.c — the cohort table: replace, status, outcomes
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

#include <sqlite3.h>

#include "assay-replica-cohort.h"
#include "assay-replica-private.h"

/* Extra values are stored joined by U+001F (unit separator), which the
 * importer refuses inside a value. */
#define EXTRA_SEPARATOR "\x1f"

void
assay_cohort_record_free (AssayCohortRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->account);
  g_free (record->gender);
  g_free (record->age_band);
  g_free (record->county);
  g_strfreev (record->extra);
  g_free (record);
}

void
assay_cohort_status_free (AssayCohortStatus *status)
{
  if (status == NULL)
    return;
  g_strfreev (status->extra_columns);
  g_free (status);
}

void
assay_cohort_outcome_free (AssayCohortOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_free (outcome->record.account);
  g_free (outcome->record.gender);
  g_free (outcome->record.age_band);
  g_free (outcome->record.county);
  g_strfreev (outcome->record.extra);
  g_free (outcome);
}

static char **
split_extra (const char *joined,
             guint       n_columns)
{
  if (n_columns == 0)
    return g_new0 (char *, 1);
  /* g_strsplit gives no field at all for "": one empty value here. */
  if (joined == NULL || *joined == '\0')
    return g_strdupv ((char *[]) { (char *) "", NULL });
  return g_strsplit (joined != NULL ? joined : "", EXTRA_SEPARATOR, -1);
}

static gboolean
insert_records (sqlite3    *db,
                GPtrArray  *records,
                GError    **error)
{
  sqlite3_stmt *stmt = _assay_db_prepare (db,
                                          "INSERT INTO cohort (account, gender, age_band, county, ses, extra) "
                                          "VALUES (?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    {
      const AssayCohortRecord *r = g_ptr_array_index (records, i);
      g_autofree char *extra = g_strjoinv (EXTRA_SEPARATOR, r->extra);

      sqlite3_bind_text (stmt, 1, r->account, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, r->gender, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, r->age_band, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, r->county, -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 5, r->ses);
      sqlite3_bind_text (stmt, 6, extra, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          _assay_db_set_error (db, error);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static gint64
count_not_in_ledger (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0;

  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM cohort c "
                              "WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.account = c.account)",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

gboolean
assay_replica_cohort_replace (AssayReplica       *self,
                              const char * const *extra_columns,
                              GPtrArray          *records,
                              guint              *out_not_in_ledger,
                              GError            **error)
{
  sqlite3 *db;
  g_autofree char *columns = NULL;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);

  db = _assay_replica_get_db (self);
  columns = g_strjoinv (EXTRA_SEPARATOR, (char **) (extra_columns != NULL ? extra_columns
                                                                          : (const char * const[]) { NULL }));
  if (!_assay_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!_assay_db_exec (db, "DELETE FROM cohort", error) ||
      !_assay_db_meta_set_text (db, "cohort_columns", columns, error) ||
      !insert_records (db, records, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if (out_not_in_ledger != NULL)
    *out_not_in_ledger = count_not_in_ledger (db);
  return _assay_db_exec (db, "COMMIT", error);
}

AssayCohortStatus *
assay_replica_cohort_get_status (AssayReplica *self,
                                 GError      **error)
{
  g_autoptr(AssayCohortStatus) st = g_new0 (AssayCohortStatus, 1);
  g_autofree char *columns = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  db = _assay_replica_get_db (self);
  stmt = _assay_replica_prepare (self, "SELECT count(*) FROM cohort", error);
  if (stmt == NULL)
    return NULL;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      st->n_accounts = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  st->n_not_in_ledger = count_not_in_ledger (db);
  columns = _assay_db_meta_get_text (db, "cohort_columns");
  st->extra_columns = columns != NULL && *columns != '\0'
                      ? g_strsplit (columns, EXTRA_SEPARATOR, -1)
                      : g_new0 (char *, 1);
  return g_steal_pointer (&st);
}

GPtrArray *
assay_replica_cohort_outcomes (AssayReplica *self,
                               int           year,
                               GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_cohort_outcome_free);
  g_autofree char *columns = NULL;
  guint n_columns;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  columns = _assay_db_meta_get_text (_assay_replica_get_db (self), "cohort_columns");
  n_columns = 0;
  for (const char *c = columns; c != NULL && *c != '\0'; c++)
    n_columns += *c == EXTRA_SEPARATOR[0];
  if (columns != NULL && *columns != '\0')
    n_columns++;
  /* Quarters are year * 10 + q (assay_day_quarter). */
  stmt = _assay_replica_prepare (self,
                                 "SELECT c.account, c.gender, c.age_band, c.county, c.ses, c.extra, "
                                 "  a.id IS NOT NULL, "
                                 "  (SELECT total(q.points) FROM account_quarter q WHERE q.account_id = a.id "
                                 "     AND q.quarter BETWEEN ?1 * 10 + 1 AND ?1 * 10 + 4), "
                                 "  ifnull (a.id, 0) "
                                 "FROM cohort c LEFT JOIN accounts a ON a.account = c.account "
                                 "ORDER BY c.account", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AssayCohortOutcome *o = g_new0 (AssayCohortOutcome, 1);

      o->record.account = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      o->record.gender = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      o->record.age_band = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      o->record.county = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      o->record.ses = sqlite3_column_double (stmt, 4);
      o->record.extra = split_extra ((const char *) sqlite3_column_text (stmt, 5), n_columns);
      o->in_ledger = sqlite3_column_int (stmt, 6) != 0;
      o->points = (gint64) sqlite3_column_double (stmt, 7);
      o->account_id = sqlite3_column_int64 (stmt, 8);
      g_ptr_array_add (list, o);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}
