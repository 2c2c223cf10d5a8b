/* assay-replica-filings.c — the verified filings of the log: appeals, disputes and requests
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
#include <stdlib.h>

#include "assay-day.h"
#include "assay-replica-filings.h"
#include "assay-replica-private.h"

static void
bind_optional (sqlite3_stmt *stmt,
               int           column,
               gboolean      present,
               gint64        value)
{
  if (present)
    sqlite3_bind_int64 (stmt, column, value);
  else
    sqlite3_bind_null (stmt, column);
}

static gboolean
insert_disputed (sqlite3          *db,
                 guint64           index,
                 const AssayEntry *filing,
                 GError          **error)
{
  for (gsize i = 0; i < filing->n_disputed; i++)
    {
      sqlite3_stmt *stmt = _assay_db_prepare (db, "INSERT INTO filing_entries (idx, entry) VALUES (?, ?)",
                                              error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, index);
      sqlite3_bind_int64 (stmt, 2, filing->disputed[i]);
      if (!_assay_db_step_once (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Midnight UTC of a day, in Unix seconds: a filing's case is open since
 * the day it was filed, on every workstation alike, so that its age is
 * the filing's. */
static gint64
day_start (guint32 day)
{
  guint32 epoch = 0;

  assay_day_from_ymd (1970, 1, 1, &epoch);
  return ((gint64) day - (gint64) epoch) * 86400;
}

gboolean
_assay_db_filing_insert (sqlite3           *db,
                         guint64            index,
                         const AssayEntry  *f,
                         GError           **error)
{
  gboolean has_target = f->kind == ASSAY_ENTRY_APPEAL || f->kind == ASSAY_ENTRY_FORGET_REQUEST;
  gboolean silence = f->kind == ASSAY_ENTRY_SILENCE;
  gboolean failure = f->kind == ASSAY_ENTRY_FAILURE_CLAIM;
  gboolean education = f->kind == ASSAY_ENTRY_EDUCATION_TRANSFER;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASSAY_ENTRY_KIND_IS_FILING (f->kind), FALSE);

  stmt = _assay_db_prepare (db,
                            "INSERT INTO filings (idx, kind, account, county, filed_day, target, from_day, "
                            "to_day, points, comparable, criteria, year, benefit) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, index);
  sqlite3_bind_int (stmt, 2, f->kind);
  sqlite3_bind_text (stmt, 3, f->account, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, atoi (f->county));
  sqlite3_bind_int64 (stmt, 5, f->event_day);
  bind_optional (stmt, 6, has_target, (gint64) f->target);
  bind_optional (stmt, 7, silence, f->pause_from);
  bind_optional (stmt, 8, silence, f->pause_to);
  bind_optional (stmt, 9, failure || education, f->points);
  bind_optional (stmt, 10, failure, f->comparable_value);
  bind_optional (stmt, 11, failure, (f->honest_record ? 1 : 0) + (f->good_faith ? 1 : 0) +
                                    (f->ruled_out ? 1 : 0));
  bind_optional (stmt, 12, education, f->year);
  bind_optional (stmt, 13, f->kind == ASSAY_ENTRY_INSURANCE_CLAIM, f->benefit);
  return _assay_db_step_once (db, stmt, error) && insert_disputed (db, index, f, error) &&
         _assay_db_case_open_for_filing (db, index, f->kind, day_start (f->event_day), error);
}

gboolean
_assay_db_filing_delete (sqlite3  *db,
                         guint64   index,
                         GError  **error)
{
  static const char * const sql[] = {
    "DELETE FROM filings WHERE idx = ?",
    "DELETE FROM filing_entries WHERE idx = ?",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = _assay_db_prepare (db, sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, index);
      if (!_assay_db_step_once (db, stmt, error))
        return FALSE;
    }
  return _assay_db_cases_forget_filing (db, index, error);
}

void
assay_filing_free (AssayFiling *filing)
{
  if (filing == NULL)
    return;
  g_free (filing->account);
  g_free (filing);
}

static AssayFiling *
filing_from_row (sqlite3_stmt *stmt)
{
  AssayFiling *f = g_new0 (AssayFiling, 1);

  f->index = sqlite3_column_int64 (stmt, 0);
  f->kind = sqlite3_column_int (stmt, 1);
  f->account = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  g_snprintf (f->county, sizeof f->county, "%06d", sqlite3_column_int (stmt, 3));
  f->filed_day = sqlite3_column_int64 (stmt, 4);
  f->has_target = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
  f->target = sqlite3_column_int64 (stmt, 5);
  f->from_day = sqlite3_column_int64 (stmt, 6);
  f->to_day = sqlite3_column_int64 (stmt, 7);
  f->points = sqlite3_column_int64 (stmt, 8);
  f->comparable_value = sqlite3_column_int64 (stmt, 9);
  f->criteria_met = sqlite3_column_int (stmt, 10);
  f->year = sqlite3_column_int (stmt, 11);
  f->benefit = sqlite3_column_int (stmt, 12);
  return f;
}

GPtrArray *
assay_replica_list_filings (AssayReplica  *self,
                            GError       **error)
{
  g_autoptr(GPtrArray) filings = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_filing_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self,
                                 "SELECT idx, kind, account, county, filed_day, target, from_day, to_day, "
                                 "points, comparable, criteria, year, benefit FROM filings ORDER BY idx",
                                 error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (filings, filing_from_row (stmt));
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&filings);
}

static GArray *
collect_indices (AssayReplica  *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint64));

  if (!_assay_replica_collect_indices (self, stmt, indices, error))
    return NULL;
  return g_steal_pointer (&indices);
}

GArray *
assay_replica_account_filings (AssayReplica  *self,
                               const char    *account,
                               GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);
  g_return_val_if_fail (account != NULL, NULL);

  stmt = _assay_replica_prepare (self, "SELECT idx FROM filings INDEXED BY filings_account WHERE account = ? "
                                       "ORDER BY idx", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
  return collect_indices (self, stmt, error);
}

GArray *
assay_replica_filing_disputed (AssayReplica  *self,
                               guint64        index,
                               GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self, "SELECT entry FROM filing_entries WHERE idx = ? ORDER BY entry", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, index);
  return collect_indices (self, stmt, error);
}

/* An account's records through records_account, days filtered on the
 * way: an account has few records. */
#define ACCOUNT_RECORDS \
  "FROM records INDEXED BY records_account " \
  "WHERE account_id = (SELECT id FROM accounts WHERE account = ?1) AND event_day BETWEEN ?2 AND ?3"

static sqlite3_stmt *
prepare_account_days (AssayReplica  *self,
                      const char    *sql,
                      const char    *account,
                      guint32        first_day,
                      guint32        last_day,
                      GError       **error)
{
  sqlite3_stmt *stmt = _assay_replica_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, first_day);
  sqlite3_bind_int64 (stmt, 3, last_day);
  return stmt;
}

gboolean
assay_replica_account_activity_between (AssayReplica  *self,
                                        const char    *account,
                                        guint32        first_day,
                                        guint32        last_day,
                                        guint64       *out_entries,
                                        gint64        *out_points,
                                        GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  stmt = prepare_account_days (self,
                               "SELECT count(*), coalesce (sum (CASE WHEN kind = 0 THEN points ELSE 0 END), 0) "
                               ACCOUNT_RECORDS, account, first_day, last_day, error);
  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *out_entries = sqlite3_column_int64 (stmt, 0);
      *out_points = sqlite3_column_int64 (stmt, 1);
      rc = sqlite3_step (stmt);
    }
  return _assay_replica_finish (self, stmt, rc, error);
}

gboolean
assay_replica_account_year_points (AssayReplica  *self,
                                   const char    *account,
                                   guint          year,
                                   gint64        *out_points,
                                   GError       **error)
{
  guint32 first = 0, last = 0;
  guint64 n_entries = 0;

  *out_points = 0;
  if (year < 1 || !assay_day_from_ymd (year, 1, 1, &first) || !assay_day_from_ymd (year, 12, 31, &last))
    return TRUE;
  return assay_replica_account_activity_between (self, account, first, last, &n_entries, out_points, error);
}

GArray *
assay_replica_account_entries_between (AssayReplica  *self,
                                       const char    *account,
                                       guint32        first_day,
                                       guint32        last_day,
                                       GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);
  g_return_val_if_fail (account != NULL, NULL);

  stmt = prepare_account_days (self, "SELECT idx " ACCOUNT_RECORDS " ORDER BY idx",
                               account, first_day, last_day, error);
  if (stmt == NULL)
    return NULL;
  return collect_indices (self, stmt, error);
}
