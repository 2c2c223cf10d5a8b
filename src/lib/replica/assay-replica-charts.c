/* assay-replica-charts.c — ledger-wide figures for charts
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
#include "assay-replica-charts.h"
#include "assay-replica-private.h"

GArray *
assay_replica_weekly_points (AssayReplica *self,
                             GError      **error)
{
  g_autoptr(GArray) weeks = g_array_new (FALSE, TRUE, sizeof (AssayWeekPoints));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  /* Summing per day first keeps the C loop to one row per day and dimension. */
  stmt = _assay_replica_prepare (self, "SELECT day, dimension, sum(points), sum(count) FROM account_day "
                                       "GROUP BY day, dimension ORDER BY day", error);
  if (stmt == NULL)
    return NULL;
  rc = _assay_db_step_week_points (stmt, weeks);
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&weeks);
}

gboolean
assay_replica_accounts_by_dimension (AssayReplica *self,
                                     guint64       accounts[ASSAY_N_DIMENSIONS],
                                     GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);

  memset (accounts, 0, sizeof (guint64) * ASSAY_N_DIMENSIONS);
  stmt = _assay_replica_prepare (self, "SELECT dimension, count(DISTINCT account_id) FROM account_quarter "
                                       "GROUP BY dimension", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int d = sqlite3_column_int (stmt, 0);

      if (d >= 0 && d < ASSAY_N_DIMENSIONS)
        accounts[d] = sqlite3_column_int64 (stmt, 1);
    }
  return _assay_replica_finish (self, stmt, rc, error);
}

gboolean
assay_replica_accounts_by_kind (AssayReplica *self,
                                guint64       accounts[ASSAY_N_ACCOUNT_KINDS],
                                GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);

  memset (accounts, 0, sizeof (guint64) * ASSAY_N_ACCOUNT_KINDS);
  stmt = _assay_replica_prepare (self, "SELECT kind, count(*) FROM accounts GROUP BY kind", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int k = sqlite3_column_int (stmt, 0);

      if (k >= 0 && k < ASSAY_N_ACCOUNT_KINDS)
        accounts[k] = sqlite3_column_int64 (stmt, 1);
    }
  return _assay_replica_finish (self, stmt, rc, error);
}

GArray *
assay_replica_accounts_by_county (AssayReplica *self,
                                  GError      **error)
{
  g_autoptr(GArray) counties = g_array_new (FALSE, TRUE, sizeof (AssayCountyAccounts));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self, "SELECT county, count(DISTINCT account_id) FROM records "
                                       "GROUP BY county ORDER BY county", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AssayCountyAccounts row = { .accounts = sqlite3_column_int64 (stmt, 1) };

      g_snprintf (row.county, sizeof row.county, "%06d", sqlite3_column_int (stmt, 0));
      g_array_append_val (counties, row);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&counties);
}

static void
points_count_clear (gpointer data)
{
  g_free (((AssayPointsCount *) data)->group);
}

GArray *
assay_replica_event_points_counts (AssayReplica *self,
                                   gboolean      by_county,
                                   GError      **error)
{
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (AssayPointsCount));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  g_array_set_clear_func (counts, points_count_clear);
  stmt = _assay_replica_prepare (self, by_county
                                 ? "SELECT printf ('%06d', county), points, count(*) FROM events "
                                   "GROUP BY county, points ORDER BY county, points"
                                 : "SELECT coalesce (issuer, ''), points, count(*) FROM events "
                                   "GROUP BY 1, points ORDER BY 1, points", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AssayPointsCount row = {
        .points = sqlite3_column_int64 (stmt, 1),
        .events = sqlite3_column_int64 (stmt, 2),
      };
      row.group = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      g_array_append_val (counts, row);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&counts);
}

GStrv
assay_replica_find_accounts (AssayReplica *self,
                             const char   *prefix,
                             guint         limit,
                             GError      **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  /* account ids are a-z 0-9 and '-': the range [prefix, prefix + U+FFFF)
   * is exactly the ids that start with it, and it uses the unique index. */
  stmt = _assay_replica_prepare (self, "SELECT account FROM accounts WHERE account >= ?1 "
                                       "AND account < ?1 || char(65535) ORDER BY account LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_strv_builder_end (builder);
}

char *
assay_replica_resolve_account (AssayReplica *self,
                               const char   *query,
                               GError      **error)
{
  g_auto(GStrv) matches = NULL;
  g_autofree char *some = NULL;
  GError *local_error = NULL;
  gboolean more;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  /* Four: enough to know it is ambiguous and to name three of them. */
  matches = assay_replica_find_accounts (self, query, 4, &local_error);
  if (matches == NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (matches[0] != NULL && (g_strcmp0 (matches[0], query) == 0 || matches[1] == NULL))
    return g_strdup (matches[0]);
  if (matches[0] == NULL)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                   _("No account in the replica has the id “%s” or an id that starts with it. "
                     "Check the id."), query);
      return NULL;
    }
  /* Name three; matches[3] exists only when matches[2] does. */
  more = matches[2] != NULL && matches[3] != NULL;
  if (more)
    g_clear_pointer (&matches[3], g_free);
  some = g_strjoinv (", ", matches);
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
               _("“%s” is the start of several account ids (%s%s). Give more of the id."),
               query, some, more ? ", …" : "");
  return NULL;
}

gboolean
assay_replica_account_position (AssayReplica *self,
                                const char   *account,
                                guint64       index,
                                guint64      *out_position,
                                GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);
  g_return_val_if_fail (out_position != NULL, FALSE);

  stmt = _assay_replica_prepare (self, "SELECT count(*) FROM records WHERE "
                                       "account_id = (SELECT id FROM accounts WHERE account = ?1) AND idx < ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, (gint64) MIN (index, (guint64) G_MAXINT64));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_position = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  return _assay_replica_finish (self, stmt, rc, error);
}
