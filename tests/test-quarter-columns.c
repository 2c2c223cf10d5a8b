/* test-quarter-columns.c — the compact quarter columns: widths, in-place adds, rebuilds
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

#include <glib/gstdio.h>

#include "assay-replica-private.h"
#include "assay-replica-quarter-columns.h"

#define QUARTER 20262

typedef struct
{
  GArray *ids;
  GArray *points[ASSAY_N_DIMENSIONS];
} Read;

static gboolean
read_cb (const AssayQuarterSums *sums,
         gpointer                user_data,
         GError                **error)
{
  Read *r = user_data;

  g_array_append_vals (r->ids, sums->account_id, sums->n);
  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    g_array_append_vals (r->points[d], sums->points[d], sums->n);
  return TRUE;
}

static void
exec (sqlite3 *db,
      const char *sql)
{
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
assert_consistent (sqlite3 *db)
{
  g_autoptr(GError) error = NULL;
  gint64 differences = -1;

  g_assert_true (_assay_db_quarter_columns_check (db, &differences, &error));
  g_assert_no_error (error);
  g_assert_cmpint (differences, ==, 0);
}

/* Sums past 2^31 take the int64 form, for the one block that needs it,
 * whether built from scratch or added in place, and read back exactly;
 * an account new to a block is inserted in order. */
static void
test_widths (void)
{
  g_autofree char *dir = g_dir_make_tmp ("quarter-columns-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "replica.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) written = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = _assay_replica_db_open (path, ASSAY_REPLICA_OPEN_CREATE, &error);
  AssayQuarterDelta deltas[] = {
    { 5, QUARTER, 2, G_GINT64_CONSTANT (3000000000) },     /* block 0: now int64 */
    { 3, QUARTER, 0, 7 },                                   /* block 0: a new account */
    { 200, QUARTER, 1, -5 },                                /* block 3: a new block */
  };
  Read r = { g_array_new (FALSE, FALSE, sizeof (guint64)), { NULL } };
  guint64 wanted[] = { 3, 5, 70, 200 };

  g_assert_no_error (error);
  exec (db, "BEGIN;"
            "INSERT INTO account_quarter VALUES (1, 20262, 0, 100, 1), (1, 20262, 3, -20, 1),"
            " (5, 20262, 2, 2147483000, 3000), (70, 20262, 5, 9, 1), (70, 20263, 5, 11, 1);"
            "INSERT INTO meta (key, value) VALUES ('size', 10);");
  g_assert_true (_assay_db_quarter_columns_rebuild (db, NULL, 0, 10, &error));
  g_assert_no_error (error);
  exec (db, "COMMIT");
  assert_consistent (db);

  /* What the writer does for new events: the aggregate rows, then the sums
   * added in place, then the stamp. */
  exec (db, "BEGIN;"
            "UPDATE account_quarter SET points = points + 3000000000 WHERE account_id = 5;"
            "INSERT INTO account_quarter VALUES (3, 20262, 0, 7, 1), (200, 20262, 1, -5, 1);");
  g_assert_true (_assay_db_quarter_columns_add (db, deltas, G_N_ELEMENTS (deltas), written, &error));
  g_assert_true (_assay_db_quarter_columns_stamp (db, written, 20, &error));
  g_assert_no_error (error);
  exec (db, "COMMIT");
  assert_consistent (db);

  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    r.points[d] = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_assert_true (_assay_db_quarter_sums_read (db, QUARTER, FALSE, NULL, 0, 64, read_cb, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.ids->len, ==, 5);
  g_assert_cmpuint (g_array_index (r.ids, guint64, 0), ==, 1);
  g_assert_cmpuint (g_array_index (r.ids, guint64, 1), ==, 3);
  g_assert_cmpuint (g_array_index (r.ids, guint64, 2), ==, 5);
  g_assert_cmpuint (g_array_index (r.ids, guint64, 3), ==, 70);
  g_assert_cmpuint (g_array_index (r.ids, guint64, 4), ==, 200);
  g_assert_cmpint (g_array_index (r.points[3], gint64, 0), ==, -20);
  g_assert_cmpint (g_array_index (r.points[2], gint64, 2), ==, G_GINT64_CONSTANT (5147483000));
  g_assert_cmpint (g_array_index (r.points[5], gint64, 3), ==, 9);
  g_assert_cmpint (g_array_index (r.points[1], gint64, 4), ==, -5);

  /* Given accounts only (70 is in block 1, which has no 20262 row but 1's). */
  g_array_set_size (r.ids, 0);
  g_assert_true (_assay_db_quarter_sums_read (db, QUARTER, FALSE, wanted, G_N_ELEMENTS (wanted), 64,
                                              read_cb, &r, &error));
  g_assert_cmpuint (r.ids->len, ==, 4);

  /* A purge empties block 3 in 20262: the rebuilt block keeps an empty row,
   * and the check still holds. */
  exec (db, "BEGIN; DELETE FROM account_quarter WHERE account_id = 200;");
  {
    guint64 block = 200 >> ASSAY_QUARTER_BLOCK_BITS;

    g_assert_true (_assay_db_quarter_columns_rebuild (db, &block, 1, 30, &error));
  }
  exec (db, "COMMIT");
  assert_consistent (db);

  sqlite3_close (db);
  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    g_array_unref (r.points[d]);
  g_array_unref (r.ids);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/assay/replica/quarter-columns/widths", test_widths);
  return g_test_run ();
}
