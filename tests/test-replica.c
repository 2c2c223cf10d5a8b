/* test-replica.c — the replica database: files, schema, aggregates, lazy list, erasure
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
#include <sqlite3.h>
#include <string.h>

#include "assay-entry-list.h"
#include "assay-error.h"
#include "assay-replica-charts.h"
#include "assay-replica-private.h"
#include "assay-session.h"
#include "assay-test-central.h"
#include "assay-test-util.h"

static char *
temp_path (char **out_dir,
           const char *name)
{
  *out_dir = assay_test_mkdtemp ();
  return g_build_filename (*out_dir, name, NULL);
}

static void
test_create_and_reopen (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_path (&dir, "r.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayReplicaStatus) status = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_CREATE, &error);
  g_assert_no_error (error);
  status = assay_replica_get_status (replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status->size, ==, 0);
  g_assert_cmpint (status->alert, ==, ASSAY_ALERT_NONE);
  g_assert_null (status->origin);
  g_clear_object (&replica);

  /* WAL, our application id, the latest schema version. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, _assay_replica_schema_version ());
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (assay_replica_is_read_only (replica));
  g_assert_false (assay_replica_clear_alert (replica, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_IO);
  g_clear_object (&replica);
  assay_test_rmdir (dir);
}

static void
expect_open_error (const char *path,
                   AssayReplicaOpenFlags flags,
                   int code,
                   const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = assay_replica_open (path, flags, &error);

  g_assert_null (replica);
  g_assert_error (error, ASSAY_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, needle));
}

static void
test_bad_files (void)
{
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *corrupt = g_build_filename (dir, "corrupt.db", NULL);
  g_autofree char *foreign = g_build_filename (dir, "foreign.db", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.db", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *under_file = g_build_filename (corrupt, "replica.db", NULL);
  g_autofree char *garbage = g_strnfill (8192, 'x');
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (corrupt, garbage, -1, NULL));
  expect_open_error (corrupt, ASSAY_REPLICA_OPEN_CREATE, ASSAY_ERROR_INVALID_DATA, "damaged");
  expect_open_error (corrupt, ASSAY_REPLICA_OPEN_READ_ONLY, ASSAY_ERROR_INVALID_DATA, "damaged");

  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE photos (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  expect_open_error (foreign, ASSAY_REPLICA_OPEN_CREATE, ASSAY_ERROR_INVALID_DATA, "not an Assay replica");

  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA application_id = 1095979865; PRAGMA user_version = 999;"
                                     "CREATE TABLE meta (key, value)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  expect_open_error (newer, ASSAY_REPLICA_OPEN_DEFAULT, ASSAY_ERROR_INVALID_DATA, "newer version");

  /* A 0-byte file is empty, not a replica of an old schema. */
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  expect_open_error (empty, ASSAY_REPLICA_OPEN_READ_ONLY, ASSAY_ERROR_INVALID_DATA, "is empty");

  expect_open_error (dir, ASSAY_REPLICA_OPEN_CREATE, ASSAY_ERROR_IO, "folder");
  expect_open_error (under_file, ASSAY_REPLICA_OPEN_CREATE, ASSAY_ERROR_IO, "Cannot");
  assay_test_rmdir (dir);
}

/* ---- a replica filled through the sync writer -------------------------------------- */

static void
fill (const char *path,
      const char *lines,
      guint64 first,
      guint64 *out_size)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = _assay_replica_db_open (path, ASSAY_REPLICA_OPEN_CREATE, &error);
  g_autoptr(AssayReplicaWriter) writer = NULL;
  g_auto(GStrv) split = g_strsplit (lines, "\n", -1);
  guint8 root[ASSAY_HASH_SIZE] = { 0 };
  g_autoptr(AssayCheckpoint) cp = NULL;
  g_autoptr(GBytes) range = g_bytes_new (NULL, 0);
  guint64 idx = first;

  g_assert_no_error (error);
  writer = _assay_replica_writer_begin (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; split[i] != NULL && split[i][0] != '\0'; i++, idx++)
    {
      guint8 salt[ASSAY_SALT_SIZE] = { (guint8) idx };
      guint8 commitment[ASSAY_HASH_SIZE];
      g_autoptr(AssayEntry) entry = assay_entry_parse (split[i], strlen (split[i]), &error);

      g_assert_no_error (error);
      assay_entry_commitment (salt, split[i], strlen (split[i]), commitment);
      g_assert_true (_assay_replica_writer_add_entry (writer, idx, commitment, salt, split[i],
                                                      strlen (split[i]), entry, &error));
      g_assert_no_error (error);
    }
  cp = assay_checkpoint_new ("replica.test/log", idx, root);
  g_assert_true (_assay_replica_writer_commit (writer, "note", cp, range, "http://127.0.0.1:1/",
                                               "replica.test/log+00000000+AAAA", &error));
  g_assert_no_error (error);
  g_clear_pointer (&writer, _assay_replica_writer_free);
  sqlite3_close (db);
  *out_size = idx;
}

static void
test_aggregates_and_list (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_path (&dir, "r.db");
  g_autofree char *lines = assay_test_lines (0, 1000, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayEntryList) list = NULL;
  g_autoptr(GArray) weeks = NULL;
  g_autoptr(GArray) quarters = NULL;
  g_autoptr(GArray) counties = NULL;
  g_autoptr(GArray) days = NULL;
  g_autoptr(AssayAccountSummary) account = NULL;
  gint64 points[ASSAY_N_DIMENSIONS], total = 0, weekly_total = 0, county_total = 0;
  guint64 count[ASSAY_N_DIMENSIONS], size = 0, events = 0;
  g_autoptr(AssayEntryRow) row = NULL;

  fill (path, lines, 0, &size);
  replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assay_replica_get_size (replica), ==, 1000);
  g_assert_cmpuint (assay_replica_get_n_accounts (replica), ==, 10);

  /* Every view of the aggregates adds up to the same totals. */
  g_assert_true (assay_replica_dimension_totals (replica, NULL, points, count, &error));
  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    {
      total += points[d];
      events += count[d];
    }
  g_assert_cmpuint (events, ==, 900);

  account = assay_replica_get_account (replica, "acct-0003", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (account->n_events, ==, 100);
  weeks = assay_replica_account_weekly_points (replica, "acct-0003", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < weeks->len; i++)
    for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
      weekly_total += g_array_index (weeks, AssayWeekPoints, i).points[d];
  g_assert_cmpint (weekly_total, ==, account->points);
  quarters = assay_replica_account_quarterly_points (replica, "acct-0003", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quarters->len, >=, 1);
  g_assert_cmpint (g_array_index (quarters, AssayQuarterPoints, 0).quarter, ==, 20251);

  counties = assay_replica_county_totals (replica, 0, G_MAXUINT32, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counties->len, ==, 3);
  for (guint i = 0; i < counties->len; i++)
    county_total += g_array_index (counties, AssayCountyTotals, i).event_points;
  g_assert_cmpint (county_total, ==, total);
  days = assay_replica_county_days (replica, "310118", 0, G_MAXUINT32, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (days->len, >, 0);

  /* The lazy list: log order, newest first, one account. */
  list = assay_entry_list_new (replica);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1000);
  row = g_list_model_get_item (G_LIST_MODEL (list), 777);
  g_assert_cmpuint (assay_entry_row_get_index (row), ==, 777);
  g_assert_cmpstr (assay_entry_row_get_account (row), ==, "acct-0007");
  g_clear_object (&row);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 1000));
  assay_entry_list_set_sort (list, ASSAY_ENTRY_LIST_SORT_INDEX_DESC);
  row = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpuint (assay_entry_row_get_index (row), ==, 999);
  g_clear_object (&row);
  assay_entry_list_set_account (list, "acct-0003");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 100);
  row = g_list_model_get_item (G_LIST_MODEL (list), 99);
  g_assert_cmpuint (assay_entry_row_get_index (row), ==, 3);
  g_clear_object (&row);
  assay_entry_list_set_sort (list, ASSAY_ENTRY_LIST_SORT_EVENT_DAY);
  row = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (assay_entry_row_get_event_date (row), ==, "2025-01-04");
  g_clear_object (&row);

  g_clear_object (&list);
  g_clear_object (&replica);
  assay_test_rmdir (dir);
}

/* The event-date and points orders of the whole ledger, read page by
 * page through order_counts, equal a plain ORDER BY over the records, also
 * across a block of indices (the entries start just below 65 536). */
static void
assert_list_order (AssayReplica *replica,
                   AssayEntryList *list,
                   AssayEntryListSort sort,
                   const char *sql)
{
  sqlite3 *db = _assay_replica_get_db (replica);
  sqlite3_stmt *stmt = NULL;
  guint position = 0;

  assay_entry_list_set_sort (list, sort);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(AssayEntryRow) row = g_list_model_get_item (G_LIST_MODEL (list), position++);

      g_assert_nonnull (row);
      if (assay_entry_row_get_index (row) != (guint64) sqlite3_column_int64 (stmt, 0))
        g_test_message ("order %d, position %u", sort, position - 1);
      g_assert_cmpuint (assay_entry_row_get_index (row), ==, sqlite3_column_int64 (stmt, 0));
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, position);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), position));
}

static void
test_list_orders (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_path (&dir, "r.db");
  g_autofree char *lines = assay_test_lines (0, 1000, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayEntryList) list = NULL;
  guint64 size = 0;

  fill (path, lines, 65000, &size);
  replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  list = assay_entry_list_new (replica);
  assert_list_order (replica, list, ASSAY_ENTRY_LIST_SORT_EVENT_DAY,
                     "SELECT idx FROM records ORDER BY event_day, idx");
  assert_list_order (replica, list, ASSAY_ENTRY_LIST_SORT_POINTS_DESC,
                     "SELECT idx FROM records ORDER BY points DESC, idx");
  /* Both ways: a second click reverses the order exactly. */
  assert_list_order (replica, list, ASSAY_ENTRY_LIST_SORT_EVENT_DAY_DESC,
                     "SELECT idx FROM records ORDER BY event_day DESC, idx DESC");
  assert_list_order (replica, list, ASSAY_ENTRY_LIST_SORT_POINTS_ASC,
                     "SELECT idx FROM records ORDER BY points, idx DESC");
  assert_list_order (replica, list, ASSAY_ENTRY_LIST_SORT_ACCOUNT_ASC,
                     "SELECT r.idx FROM records r JOIN accounts a ON a.id = r.account_id "
                     "ORDER BY a.account, r.idx");
  assert_list_order (replica, list, ASSAY_ENTRY_LIST_SORT_ACCOUNT_DESC,
                     "SELECT r.idx FROM records r JOIN accounts a ON a.id = r.account_id "
                     "ORDER BY a.account DESC, r.idx DESC");
  /* No index orders the whole ledger by dimension or county: log order. */
  g_assert_false (assay_entry_list_can_sort (list, ASSAY_ENTRY_LIST_SORT_COUNTY_ASC));
  g_assert_false (assay_entry_list_can_sort (list, ASSAY_ENTRY_LIST_SORT_DIMENSION_DESC));
  g_assert_true (assay_entry_list_can_sort (list, ASSAY_ENTRY_LIST_SORT_ACCOUNT_DESC));
  assay_entry_list_set_sort (list, ASSAY_ENTRY_LIST_SORT_COUNTY_DESC);
  {
    g_autoptr(AssayEntryRow) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_autoptr(AssayEntryRow) second = g_list_model_get_item (G_LIST_MODEL (list), 1);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, assay_replica_get_size (replica));
    g_assert_cmpuint (assay_entry_row_get_index (first), <, assay_entry_row_get_index (second));
  }

  assay_entry_list_set_account (list, "acct-0003");
  g_assert_true (assay_entry_list_can_sort (list, ASSAY_ENTRY_LIST_SORT_COUNTY_ASC));
  assert_list_order (replica, list, ASSAY_ENTRY_LIST_SORT_POINTS_DESC,
                     "SELECT idx FROM records WHERE account_id = "
                     "(SELECT id FROM accounts WHERE account = 'acct-0003') ORDER BY points DESC, idx");
  assert_list_order (replica, list, ASSAY_ENTRY_LIST_SORT_POINTS_ASC,
                     "SELECT idx FROM records WHERE account_id = "
                     "(SELECT id FROM accounts WHERE account = 'acct-0003') ORDER BY points, idx DESC");
  assert_list_order (replica, list, ASSAY_ENTRY_LIST_SORT_EVENT_DAY_DESC,
                     "SELECT idx FROM records WHERE account_id = "
                     "(SELECT id FROM accounts WHERE account = 'acct-0003') "
                     "ORDER BY event_day DESC, idx DESC");
  assert_list_order (replica, list, ASSAY_ENTRY_LIST_SORT_DIMENSION_ASC,
                     "SELECT idx FROM records WHERE account_id = "
                     "(SELECT id FROM accounts WHERE account = 'acct-0003') "
                     "ORDER BY kind, dimension, tier, idx");
  assert_list_order (replica, list, ASSAY_ENTRY_LIST_SORT_COUNTY_DESC,
                     "SELECT idx FROM records WHERE account_id = "
                     "(SELECT id FROM accounts WHERE account = 'acct-0003') "
                     "ORDER BY county DESC, idx DESC");
  assert_list_order (replica, list, ASSAY_ENTRY_LIST_SORT_ISSUER_ASC,
                     "SELECT idx FROM records WHERE account_id = "
                     "(SELECT id FROM accounts WHERE account = 'acct-0003') "
                     "ORDER BY issuer, idx");

  g_clear_object (&list);
  g_clear_object (&replica);
  assay_test_rmdir (dir);
}

/* A tombstone takes its entries out of every aggregate, as if they had
 * never been there. */
static void
expect_account (AssayReplica *replica,
                const char *query,
                const char *expected,
                int code,
                const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *account = assay_replica_resolve_account (replica, query, &error);

  g_assert_cmpstr (account, ==, expected);
  if (expected != NULL)
    {
      g_assert_no_error (error);
      return;
    }
  g_assert_error (error, ASSAY_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, needle));
}

/* The one resolution of a typed account id that the app's search and
 * `assayctl entries --account` share. */
static void
test_resolve_account (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_path (&dir, "r.db");
  g_autofree char *lines = assay_test_lines (0, 30, NULL, NULL);
  g_autofree char *lone = assay_test_lines (30, 3, "acct-1234", NULL);
  g_autofree char *longer = assay_test_lines (33, 3, "acct-12345", NULL);
  g_autofree char *pair = assay_test_lines (36, 3, "pair-1", NULL);
  g_autofree char *all = g_strconcat (lines, lone, longer, pair, NULL);
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GError) error = NULL;
  guint64 size = 0;

  fill (path, all, 0, &size);
  replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);

  expect_account (replica, "acct-0003", "acct-0003", 0, NULL);
  /* An exact id wins over the longer ids it starts. */
  expect_account (replica, "acct-1234", "acct-1234", 0, NULL);
  expect_account (replica, "acct-12345", "acct-12345", 0, NULL);
  expect_account (replica, "pair", "pair-1", 0, NULL);
  /* Two matches are named without an ellipsis, four with one. */
  expect_account (replica, "acct-123", NULL, ASSAY_ERROR_INVALID_ARGUMENT, "(acct-1234, acct-12345)");
  expect_account (replica, "acct-000", NULL, ASSAY_ERROR_INVALID_ARGUMENT,
                  "(acct-0000, acct-0001, acct-0002, …)");
  expect_account (replica, "acct-9", NULL, ASSAY_ERROR_NOT_FOUND, "“acct-9”");
  expect_account (replica, "ACCT-0003", NULL, ASSAY_ERROR_NOT_FOUND, "Check the id");
  g_clear_object (&replica);
  assay_test_rmdir (dir);
}

static void
test_tombstone_unaggregates (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_path (&dir, "r.db");
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *lines = assay_test_lines (0, 30, NULL, NULL);
  g_autofree char *kept = NULL;
  g_autofree char *tombstone = g_strdup ("{\"kind\":\"tombstone\",\"erased\":[3,13,23],\"issued\":\"2030-01-01\"}\n");
  g_auto(GStrv) split = g_strsplit (lines, "\n", -1);
  GString *without = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) a = NULL;
  g_autoptr(AssayReplica) b = NULL;
  g_autoptr(GArray) weeks_a = NULL;
  g_autoptr(GArray) weeks_b = NULL;
  g_autoptr(AssayReplicaStatus) status = NULL;
  guint64 size = 0;

  fill (path, lines, 0, &size);
  fill (path, tombstone, size, &size);

  /* The same ledger without entries 3, 13 and 23 (all acct-0003). */
  for (guint i = 0; split[i] != NULL && split[i][0] != '\0'; i++)
    if (i % 10 != 3)
      g_string_append_printf (without, "%s\n", split[i]);
  kept = g_string_free (without, FALSE);
  fill (other, kept, 0, &size);

  a = assay_replica_open (path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  b = assay_replica_open (other, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  status = assay_replica_get_status (a, &error);
  g_assert_cmpuint (status->n_erased, ==, 3);
  g_assert_cmpuint (status->n_accounts, ==, 9);
  g_assert_null (assay_replica_get_account (a, "acct-0003", &error));
  g_clear_error (&error);

  {
    g_autoptr(GArray) ca = assay_replica_county_totals (a, 0, G_MAXUINT32, &error);
    g_autoptr(GArray) cb = assay_replica_county_totals (b, 0, G_MAXUINT32, &error);

    g_assert_cmpuint (ca->len, ==, cb->len);
    for (guint i = 0; i < ca->len; i++)
      {
        AssayCountyTotals *x = &g_array_index (ca, AssayCountyTotals, i);
        AssayCountyTotals *y = &g_array_index (cb, AssayCountyTotals, i);

        g_assert_cmpstr (x->county, ==, y->county);
        g_assert_cmpuint (x->events, ==, y->events);
        g_assert_cmpint (x->event_points, ==, y->event_points);
        g_assert_cmpuint (x->redemptions, ==, y->redemptions);
        g_assert_cmpint (x->redemption_points, ==, y->redemption_points);
      }
  }
  weeks_a = assay_replica_account_weekly_points (a, "acct-0004", &error);
  weeks_b = assay_replica_account_weekly_points (b, "acct-0004", &error);
  g_assert_cmpmem (weeks_a->data, weeks_a->len * sizeof (AssayWeekPoints),
                   weeks_b->data, weeks_b->len * sizeof (AssayWeekPoints));
  {
    g_autoptr(AssayReplicaEntry) erased = assay_replica_get_entry (a, 13, &error);

    g_assert_no_error (error);
    g_assert_cmpint (erased->state, ==, ASSAY_ENTRY_STATE_ERASED);
    g_assert_null (erased->body);
    g_assert_null (erased->salt);
  }
  g_clear_object (&a);
  g_clear_object (&b);
  assay_test_rmdir (dir);
}

static void
test_session_replica (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_path (&dir, "r.db");
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autoptr(AssaySession) session = assay_session_new ();
  g_autoptr(GError) error = NULL;
  AssayReplica *replica;

  /* Without a setting the session would use the default file, which
   * test-session covers in a directory of its own. */
  g_assert_true (assay_session_set_replica_path (session, path, &error));
  g_assert_null (assay_session_get_replica (session));
  replica = assay_session_open_replica (session, &error);
  g_assert_no_error (error);
  g_assert_nonnull (replica);
  g_assert_true (assay_session_open_replica (session, NULL) == replica);
  g_assert_true (assay_session_get_replica_open (session));
  g_assert_cmpstr (assay_replica_get_path (replica), ==, path);

  g_assert_true (assay_session_set_replica_path (session, other, &error));
  g_assert_null (assay_session_get_replica (session));
  g_assert_false (assay_session_get_replica_open (session));
  g_clear_object (&session);
  assay_test_rmdir (dir);
}

/* The ids assayctl --json and the evidence write are the enums' nicks. */
static void
test_enum_ids (void)
{
  static const char * const alerts[] = {
    "none", "signature", "tile", "entry-bundle", "body", "invalid-entry",
    "rollback", "equivocation", "fork", "replica", "decision", "pause",
  };
  static const char * const states[] = { "verified", "erased", "withheld" };
  static const char * const sorts[] = {
    "index-asc", "index-desc", "event-day", "points-desc", "event-day-desc", "points-asc",
    "account-asc", "account-desc", "dimension-asc", "dimension-desc", "county-asc", "county-desc",
    "issuer-asc", "issuer-desc",
  };
  g_autoptr(GEnumClass) alert_class = g_type_class_ref (ASSAY_TYPE_ALERT_KIND);
  g_autoptr(GEnumClass) state_class = g_type_class_ref (ASSAY_TYPE_ENTRY_STATE);
  g_autoptr(GEnumClass) sort_class = g_type_class_ref (ASSAY_TYPE_ENTRY_LIST_SORT);
  gpointer list_class = g_type_class_ref (ASSAY_TYPE_ENTRY_LIST);
  GParamSpec *pspec = g_object_class_find_property (list_class, "sort");

  g_assert_cmpuint (alert_class->n_values, ==, G_N_ELEMENTS (alerts));
  for (guint i = 0; i < G_N_ELEMENTS (alerts); i++)
    {
      g_assert_cmpstr (assay_alert_kind_to_id (i), ==, alerts[i]);
      g_assert_cmpstr (g_enum_get_value (alert_class, i)->value_nick, ==, alerts[i]);
    }
  g_assert_cmpstr (assay_alert_kind_to_id (ASSAY_ALERT_PAUSE + 1), ==, "unknown");
  g_assert_cmpuint (state_class->n_values, ==, G_N_ELEMENTS (states));
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    g_assert_cmpstr (g_enum_get_value (state_class, i)->value_nick, ==, states[i]);
  g_assert_cmpuint (sort_class->n_values, ==, G_N_ELEMENTS (sorts));
  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    g_assert_cmpstr (g_enum_get_value (sort_class, i)->value_nick, ==, sorts[i]);

  g_assert_nonnull (pspec);
  g_assert_true (G_IS_PARAM_SPEC_ENUM (pspec));
  g_assert_cmpint (pspec->value_type, ==, ASSAY_TYPE_ENTRY_LIST_SORT);
  g_type_class_unref (list_class);

  {
    gpointer row_class = g_type_class_ref (ASSAY_TYPE_ENTRY_ROW);

    pspec = g_object_class_find_property (row_class, "state");
    g_assert_cmpint (pspec->value_type, ==, ASSAY_TYPE_ENTRY_STATE);
    pspec = g_object_class_find_property (row_class, "kind");
    g_assert_cmpint (pspec->value_type, ==, ASSAY_TYPE_ENTRY_KIND);
    g_type_class_unref (row_class);
  }
}

int
main (int argc, char **argv)
{
  g_setenv ("LC_ALL", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/assay/replica/create-and-reopen", test_create_and_reopen);
  g_test_add_func ("/assay/replica/bad-files", test_bad_files);
  g_test_add_func ("/assay/replica/aggregates-and-list", test_aggregates_and_list);
  g_test_add_func ("/assay/replica/list-orders", test_list_orders);
  g_test_add_func ("/assay/replica/resolve-account", test_resolve_account);
  g_test_add_func ("/assay/replica/tombstone-unaggregates", test_tombstone_unaggregates);
  g_test_add_func ("/assay/replica/session", test_session_replica);
  g_test_add_func ("/assay/replica/enum-ids", test_enum_ids);
  return g_test_run ();
}
