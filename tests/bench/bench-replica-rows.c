/* bench-replica-rows.c — the rows a replica must hold, inserted bare
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
#include <stdio.h>
#include <stdlib.h>

#include "assay-day.h"
#include "assay-entry.h"
#include "assay-replica-private.h"
#include "bench-replica-rows.h"

typedef struct
{
  guint32 account;
  guint32 event_day;
  gint32  points;
  guint8  kind;
  guint8  dimension;
  guint16 county;
} Row;

struct _BenchRows
{
  char   *dataset;
  GArray *rows;        /* Row, one per line */
};

/* An aggregate key: account, period, dimension packed so that integer
 * order is key order. */
static guint64
sum_key (guint32 account,
         guint32 period,
         guint dimension)
{
  return (guint64) account << 32 | (guint64) period << 3 | dimension;
}

typedef struct
{
  guint64 key;
  gint64  points;
} Sum;

static int
compare_sums (gconstpointer a,
              gconstpointer b)
{
  guint64 x = ((const Sum *) a)->key, y = ((const Sum *) b)->key;

  return (x > y) - (x < y);
}

BenchRows *
bench_rows_load (const char *dataset)
{
  BenchRows *self = g_new0 (BenchRows, 1);
  g_autoptr(GHashTable) accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) counties = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  FILE *in = fopen (dataset, "r");
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;

  g_assert_nonnull (in);
  self->dataset = g_strdup (dataset);
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  while ((len = getline (&line, &cap, in)) > 0)
    {
      g_autoptr(GError) error = NULL;
      AssayEntry *e = assay_entry_parse (line, len - 1, &error);
      gpointer id;
      Row row;

      g_assert_no_error (error);
      if (!g_hash_table_lookup_extended (accounts, e->account, NULL, &id))
        g_hash_table_insert (accounts, g_strdup (e->account),
                             id = GUINT_TO_POINTER (g_hash_table_size (accounts) + 1));
      row.account = GPOINTER_TO_UINT (id);
      row.event_day = e->event_day;
      row.points = (gint32) e->points;
      row.kind = e->kind;
      row.dimension = e->dimension;
      if (!g_hash_table_lookup_extended (counties, e->county, NULL, &id))
        g_hash_table_insert (counties, g_strdup (e->county),
                             id = GUINT_TO_POINTER (g_hash_table_size (counties)));
      row.county = GPOINTER_TO_UINT (id);
      g_array_append_val (self->rows, row);
      assay_entry_free (e);
    }
  fclose (in);
  free (line);
  return self;
}

void
bench_rows_free (BenchRows *self)
{
  g_array_unref (self->rows);
  g_free (self->dataset);
  g_free (self);
}

static void
exec (sqlite3 *db,
      const char *sql)
{
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static sqlite3_stmt *
prepare (sqlite3 *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  return stmt;
}

static void
step (sqlite3_stmt *stmt)
{
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
}

static void
insert_entries (BenchRows *self,
                sqlite3 *db)
{
  sqlite3_stmt *entry = prepare (db, "INSERT INTO entries VALUES (?1, ?2, ?3, ?4)");
  sqlite3_stmt *record = prepare (db, "INSERT INTO records VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  guint8 commitment[32] = { 1 }, salt[32] = { 2 };
  FILE *in = fopen (self->dataset, "r");
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;

  g_assert_nonnull (in);
  for (guint i = 0; (len = getline (&line, &cap, in)) > 0; i++)
    {
      const Row *row = &g_array_index (self->rows, Row, i);

      sqlite3_bind_int64 (entry, 1, i);
      sqlite3_bind_blob (entry, 2, commitment, sizeof commitment, SQLITE_STATIC);
      sqlite3_bind_blob (entry, 3, salt, sizeof salt, SQLITE_STATIC);
      sqlite3_bind_blob (entry, 4, line, len - 1, SQLITE_STATIC);
      step (entry);
      sqlite3_bind_int64 (record, 1, i);
      sqlite3_bind_int (record, 2, row->kind);
      sqlite3_bind_int (record, 3, row->account);
      sqlite3_bind_int (record, 4, row->dimension);
      sqlite3_bind_int (record, 5, row->points);
      sqlite3_bind_int (record, 6, row->event_day);
      sqlite3_bind_int (record, 7, row->county);
      step (record);
    }
  fclose (in);
  free (line);
  sqlite3_finalize (entry);
  sqlite3_finalize (record);
}

/* Sums the events' points by account, period (a quarter, or a day) and
 * dimension, and writes the sums in key order. */
static void
insert_sums (BenchRows *self,
             sqlite3 *db,
             gboolean by_day,
             const char *sql)
{
  g_autoptr(GArray) sums = g_array_sized_new (FALSE, FALSE, sizeof (Sum), self->rows->len);
  sqlite3_stmt *stmt = prepare (db, sql);
  const Row *rows = (const Row *) self->rows->data;
  const Sum *s;

  for (guint i = 0; i < self->rows->len; i++)
    if (rows[i].kind == ASSAY_ENTRY_EVENT)
      {
        guint32 period = by_day ? rows[i].event_day : assay_day_quarter (rows[i].event_day);
        Sum sum = { sum_key (rows[i].account, period, rows[i].dimension), rows[i].points };

        g_array_append_val (sums, sum);
      }
  g_array_sort (sums, compare_sums);
  s = (const Sum *) sums->data;
  for (guint i = 0, j; i < sums->len; i = j)
    {
      gint64 points = 0;

      for (j = i; j < sums->len && s[j].key == s[i].key; j++)
        points += s[j].points;
      sqlite3_bind_int64 (stmt, 1, s[i].key >> 32);
      sqlite3_bind_int64 (stmt, 2, (s[i].key & G_MAXUINT32) >> 3);
      sqlite3_bind_int (stmt, 3, s[i].key & 7);
      sqlite3_bind_int64 (stmt, 4, points);
      sqlite3_bind_int64 (stmt, 5, j - i);
      step (stmt);
    }
  sqlite3_finalize (stmt);
}

double
bench_rows_insert (BenchRows *self,
                   const char *path)
{
  sqlite3 *db = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec (db,
        "PRAGMA cache_size = -32768;"
        "CREATE TABLE entries (idx INTEGER PRIMARY KEY, commitment BLOB, salt BLOB, body BLOB);"
        "CREATE TABLE records (idx INTEGER PRIMARY KEY, kind INTEGER, account_id INTEGER,"
        "  dimension INTEGER, points INTEGER, event_day INTEGER, county INTEGER);"
        "CREATE TABLE account_quarter (account_id INTEGER, quarter INTEGER, dimension INTEGER,"
        "  points INTEGER, count INTEGER, PRIMARY KEY (account_id, quarter, dimension)) WITHOUT ROWID;"
        "CREATE TABLE account_day (account_id INTEGER, day INTEGER, dimension INTEGER,"
        "  points INTEGER, count INTEGER, PRIMARY KEY (account_id, day, dimension)) WITHOUT ROWID;"
        "BEGIN");
  insert_entries (self, db);
  insert_sums (self, db, FALSE, "INSERT INTO account_quarter VALUES (?1, ?2, ?3, ?4, ?5)");
  insert_sums (self, db, TRUE, "INSERT INTO account_day VALUES (?1, ?2, ?3, ?4, ?5)");
  exec (db, "CREATE INDEX records_account ON records (account_id, idx); COMMIT");
  sqlite3_close (db);
  return (g_get_monotonic_time () - start) / 1e6;
}
