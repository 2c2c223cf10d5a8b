/* assay-test-replica.c — test helpers that read a replica
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

#include "assay-test-replica.h"

AssayReplicaStatus *
assay_test_replica_status (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  AssayReplicaStatus *status;

  g_assert_no_error (error);
  status = assay_replica_get_status (replica, &error);
  g_assert_no_error (error);
  return status;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static gboolean
is_time_column (const char *name)
{
  return g_str_has_suffix (name, "_at");
}

static char *
dump_table (sqlite3 *db,
            const char *table)
{
  /* quarter_columns: what it holds, not when each block was last
   * rewritten nor the empty rows an erasure leaves (a replica synced in
   * one go has neither). */
  g_autofree char *sql = g_str_equal (table, "quarter_columns")
                         ? g_strdup ("SELECT key, data FROM quarter_columns WHERE length (data) > 4")
                         : g_strdup_printf ("SELECT * FROM \"%s\"", table);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GString *row = g_string_new (NULL);

      if (g_str_equal (table, "meta"))
        {
          const char *key = (const char *) sqlite3_column_text (stmt, 0);

          /* cohort_columns: the auditor's own data, as the cohort table;
           * rewritten_at: which sync filled or erased, history as the
           * quarter_columns sizes are. */
          if (is_time_column (key) || g_str_equal (key, "server_url") ||
              g_str_equal (key, "cohort_columns") || g_str_equal (key, "rewritten_at"))
            {
              g_string_free (row, TRUE);
              continue;
            }
        }
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          if (is_time_column (sqlite3_column_name (stmt, c)))
            continue;
          if (sqlite3_column_type (stmt, c) == SQLITE_BLOB)
            {
              const guint8 *blob = sqlite3_column_blob (stmt, c);

              g_string_append (row, "x'");
              for (int i = 0; i < sqlite3_column_bytes (stmt, c); i++)
                g_string_append_printf (row, "%02x", blob[i]);
              g_string_append (row, "'|");
            }
          else if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
            g_string_append (row, "NULL|");
          else
            g_string_append_printf (row, "%s|", sqlite3_column_text (stmt, c));
        }
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  sqlite3_finalize (stmt);

  g_ptr_array_sort (rows, compare_strings);
  g_string_append_printf (out, "== %s\n", table);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (rows, i));
  return g_string_free (out, FALSE);
}

char *
assay_test_dump_replica (const char *path,
                         gboolean with_checkpoints)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_ptr_array_sort (tables, compare_strings);
  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *dump = NULL;

      /* The cohort is imported by the auditor, not synced from the log: a
       * fresh sync of the same log has none. */
      if (g_str_equal (g_ptr_array_index (tables, i), "cohort"))
        continue;
      /* A filing's case is opened when this replica stores the filing,
       * stamped with that moment: a twin synced a second later differs. */
      if (g_str_equal (g_ptr_array_index (tables, i), "cases") ||
          g_str_equal (g_ptr_array_index (tables, i), "case_events"))
        continue;
      if (!with_checkpoints && (g_str_equal (g_ptr_array_index (tables, i), "checkpoints") ||
                                g_str_equal (g_ptr_array_index (tables, i), "alerts")))
        continue;
      dump = dump_table (db, g_ptr_array_index (tables, i));
      g_string_append (out, dump);
    }
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}
