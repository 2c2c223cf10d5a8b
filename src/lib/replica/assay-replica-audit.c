/* assay-replica-audit.c — the 6.2 audit sample's population and the auditor's findings
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

#include "assay-day.h"
#include "assay-replica-audit.h"
#include "assay-replica-private.h"

void
assay_audit_finding_row_free (AssayAuditFindingRow *row)
{
  if (row == NULL)
    return;
  g_free (row->rate);
  g_free (row->finding);
  g_free (row->note);
  g_free (row);
}

GArray *
assay_replica_audit_population (AssayReplica *self,
                                int           year,
                                const char   *province,
                                guint64       size,
                                GError      **error)
{
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint32 first = 0, last = 0;
  gint64 prefix;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);
  g_return_val_if_fail (province != NULL, NULL);

  if (!assay_day_from_ymd (year, 1, 1, &first) || !assay_day_from_ymd (year, 12, 31, &last))
    return g_steal_pointer (&indices);
  prefix = g_ascii_strtoll (province, NULL, 10);
  /* Counties are stored as their six-digit number. */
  stmt = _assay_replica_prepare (self,
                                 "SELECT idx FROM records INDEXED BY records_event_day "
                                 "WHERE kind = 0 AND event_day BETWEEN ?1 AND ?2 "
                                 "AND county BETWEEN ?3 * 10000 AND ?3 * 10000 + 9999 AND idx < ?4 "
                                 "ORDER BY idx", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, last);
  sqlite3_bind_int64 (stmt, 3, prefix);
  sqlite3_bind_int64 (stmt, 4, (gint64) MIN (size, (guint64) G_MAXINT64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint64 idx = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (indices, idx);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&indices);
}

gboolean
assay_replica_audit_finding_set (AssayReplica               *self,
                                 const AssayAuditFindingRow *row,
                                 GError                    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (row != NULL && row->rate != NULL && row->finding != NULL, FALSE);

  stmt = _assay_replica_prepare (self,
                                 "INSERT OR REPLACE INTO audit_findings (year, province, checkpoint_size, "
                                 "  rate, leaf_index, finding, note, recorded_at, population, sample_size) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, row->year);
  sqlite3_bind_text (stmt, 2, row->province, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, row->checkpoint_size);
  sqlite3_bind_text (stmt, 4, row->rate, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, row->leaf_index);
  sqlite3_bind_text (stmt, 6, row->finding, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, row->note != NULL ? row->note : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int64 (stmt, 9, row->population);
  sqlite3_bind_int64 (stmt, 10, row->sample_size);
  return _assay_db_step_once (_assay_replica_get_db (self), stmt, error);
}

static AssayAuditFindingRow *
row_from_stmt (sqlite3_stmt *stmt)
{
  AssayAuditFindingRow *row = g_new0 (AssayAuditFindingRow, 1);

  row->year = sqlite3_column_int (stmt, 0);
  g_strlcpy (row->province, (const char *) sqlite3_column_text (stmt, 1), sizeof row->province);
  row->checkpoint_size = sqlite3_column_int64 (stmt, 2);
  row->rate = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  row->leaf_index = sqlite3_column_int64 (stmt, 4);
  row->finding = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  row->note = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  row->recorded_at = sqlite3_column_int64 (stmt, 7);
  row->population = sqlite3_column_int64 (stmt, 8);
  row->sample_size = sqlite3_column_int64 (stmt, 9);
  return row;
}

GPtrArray *
assay_replica_audit_findings (AssayReplica *self,
                              int           year,
                              GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_audit_finding_row_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self,
                                 "SELECT year, province, checkpoint_size, rate, leaf_index, finding, note, "
                                 "  recorded_at, population, sample_size FROM audit_findings "
                                 "WHERE ?1 = 0 OR year = ?1 "
                                 "ORDER BY year, province, checkpoint_size, rate, leaf_index", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, row_from_stmt (stmt));
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&rows);
}
