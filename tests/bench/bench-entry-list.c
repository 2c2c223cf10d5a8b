/* bench-entry-list.c — AssayEntryList over a 10,000,000-entry replica: count, random reads, memory
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
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "assay-entry-list.h"
#include "assay-replica-charts.h"
#include "assay-replica-private.h"

#include "bench-util.h"

/* Fills a replica with N synthetic rows straight into the tables the list
 * reads (entries, records, accounts, order_counts and the meta counts), in the replica's
 * own schema, then measures what scrolling a GtkColumnView over an
 * AssayEntryList costs: opening, n_items, get_item() at random positions
 * (each a cold page: the view jumping there with the scrollbar) and at
 * consecutive positions (scrolling), for each sort the list offers, and
 * the resident memory.  The reference, measured in the same run, is one
 * row read by primary key with a prepared statement.
 *
 *   bench-entry-list [N] [FILE]     (default 10000000, a file in /tmp;
 *                                    an existing FILE with N rows is reused)
 */

#define ENTRIES_PER_ACCOUNT 15
#define N_RANDOM            400
#define N_SCROLL            20000

static double
now_us (void)
{
  return g_get_monotonic_time ();
}

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return -1;
  return strtol (line + 6, NULL, 10);
}

static void
check (int rc, sqlite3 *db, const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("%s: %s", what, sqlite3_errmsg (db));
}

static gint64
count_rows (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = 'size'", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static const int counties[] = { 310118, 320509, 330421, 440305, 310115, 320583, 330483, 440304, 340104 };
static const char * const issuers[] = { "青浦区生态环境局", "吴江区民政局", "嘉善县教育局", "南山区人力资源局" };

/* One transaction; ~1 in 10 rows is a redemption.  Event days spread over
 * a year, so that the event-day order differs from log order. */
static void
fill (const char *path,
      guint64     n)
{
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *entry, *record, *account;
  guint64 n_accounts = (n + ENTRIES_PER_ACCOUNT - 1) / ENTRIES_PER_ACCOUNT;
  guint64 n_redemptions = 0;
  guint8 commitment[32] = { 0 };
  GRand *rand = g_rand_new_with_seed (1);
  double t0 = now_us ();

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (path, (const char *[]) { "", "-wal", "-shm" }[i], NULL);

      g_unlink (file);
    }
  replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&replica);

  check (sqlite3_open (path, &db), db, "open");
  check (sqlite3_exec (db, "PRAGMA synchronous = OFF; BEGIN", NULL, NULL, NULL), db, "begin");
  check (sqlite3_prepare_v2 (db, "INSERT INTO entries (idx, state, kind, commitment) VALUES (?, 0, ?, ?)",
                             -1, &entry, NULL), db, "prepare");
  check (sqlite3_prepare_v2 (db, "INSERT INTO records (idx, kind, account_id, account_kind, dimension, tier, "
                             "points, event_day, publication_day, county, issuer, rule_id) "
                             "VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, 'skill')", -1, &record, NULL), db, "prepare");
  check (sqlite3_prepare_v2 (db, "INSERT INTO accounts VALUES (?, ?, 0, ?, 0, 0, 0, 0, 0)",
                             -1, &account, NULL), db, "prepare");

  for (guint64 i = 0; i < n; i++)
    {
      gboolean redemption = g_rand_int_range (rand, 0, 10) == 0;
      guint32 day = 739252 + g_rand_int_range (rand, 0, 365);   /* 2025 */

      memcpy (commitment, &i, sizeof i);
      sqlite3_bind_int64 (entry, 1, i);
      sqlite3_bind_int (entry, 2, redemption);
      sqlite3_bind_blob (entry, 3, commitment, sizeof commitment, SQLITE_STATIC);
      check (sqlite3_step (entry), db, "entry");
      sqlite3_reset (entry);

      sqlite3_bind_int64 (record, 1, i);
      sqlite3_bind_int (record, 2, redemption);
      sqlite3_bind_int64 (record, 3, 1 + i % n_accounts);
      if (redemption)
        {
          sqlite3_bind_null (record, 4);
          sqlite3_bind_int (record, 5, 0);
          n_redemptions++;
        }
      else
        {
          sqlite3_bind_int (record, 4, g_rand_int_range (rand, 0, 6));
          sqlite3_bind_null (record, 5);
        }
      sqlite3_bind_int (record, 6, g_rand_int_range (rand, 1, 100));
      sqlite3_bind_int64 (record, 7, day);
      sqlite3_bind_int64 (record, 8, day + 7 + g_rand_int_range (rand, 0, 24));
      sqlite3_bind_int (record, 9, counties[i % G_N_ELEMENTS (counties)]);
      sqlite3_bind_text (record, 10, issuers[i % G_N_ELEMENTS (issuers)], -1, SQLITE_STATIC);
      check (sqlite3_step (record), db, "record");
      sqlite3_reset (record);
    }
  /* Round-robin accounts: each has n / n_accounts rows, give or take one. */
  for (guint64 a = 0; a < n_accounts; a++)
    {
      char acct[32];

      g_snprintf (acct, sizeof acct, "acct-%08" G_GUINT64_FORMAT, a);
      sqlite3_bind_int64 (account, 1, 1 + a);
      sqlite3_bind_text (account, 2, acct, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (account, 3, n / n_accounts + (a < n % n_accounts));
      check (sqlite3_step (account), db, "account");
      sqlite3_reset (account);
    }
  sqlite3_finalize (entry);
  sqlite3_finalize (record);
  sqlite3_finalize (account);

  {
    g_autofree char *meta = g_strdup_printf (
      "INSERT OR REPLACE INTO meta VALUES ('size', %" G_GUINT64_FORMAT "), ('n_events', %" G_GUINT64_FORMAT "),"
      " ('n_redemptions', %" G_GUINT64_FORMAT "), ('n_accounts', %" G_GUINT64_FORMAT ");"
      "INSERT INTO order_counts SELECT 0, event_day, idx >> 16, count(*) FROM records GROUP BY 2, 3;"
      "INSERT INTO order_counts SELECT 1, points, idx >> 16, count(*) FROM records GROUP BY 2, 3;"
      "COMMIT; PRAGMA wal_checkpoint(TRUNCATE);",
      n, n - n_redemptions, n_redemptions, n_accounts);
    check (sqlite3_exec (db, meta, NULL, NULL, NULL), db, "meta");
  }
  sqlite3_close (db);
  g_rand_free (rand);
  g_print ("filled %" G_GUINT64_FORMAT " rows in %.1f s\n", n, (now_us () - t0) / 1e6);
}

static void
report (const char *what,
        GArray     *samples,
        double      reference)
{
  double median, p99, max;

  g_array_sort (samples, bench_compare_doubles);
  median = g_array_index (samples, double, samples->len / 2);
  p99 = g_array_index (samples, double, samples->len * 99 / 100);
  max = g_array_index (samples, double, samples->len - 1);
  g_print ("  %-34s median %9.1f us  p99 %9.1f us  max %9.1f us  (median %.1fx the reference)\n",
           what, median, p99, max, median / reference);
}

/* get_item() at random positions: a fresh list each time would hide the
 * page cache, so positions are spread far apart instead. */
static void
bench_random (AssayEntryList *list,
              const char     *what,
              guint           n_samples,
              double          reference)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  GRand *rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < n_samples && n > 0; i++)
    {
      guint position = g_rand_int_range (rand, 0, n);
      double t0 = now_us (), dt;
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), position);

      dt = now_us () - t0;
      g_assert_nonnull (item);
      g_array_append_val (samples, dt);
    }
  g_rand_free (rand);
  report (what, samples, reference);
}

/* Consecutive get_item() calls from a random start, as a scrolling view
 * asks for the rows coming into sight. */
static void
bench_scroll (AssayEntryList *list,
              const char     *what,
              double          reference)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  guint start = n > N_SCROLL ? n / 3 : 0;

  for (guint p = start; p < MIN (n, start + N_SCROLL); p++)
    {
      double t0 = now_us (), dt;
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), p);

      dt = now_us () - t0;
      g_assert_nonnull (item);
      g_array_append_val (samples, dt);
    }
  report (what, samples, reference);
}

/* The reference: one row by primary key, prepared once. */
static double
reference_lookup (const char *path,
                  guint64     n)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GRand *rand = g_rand_new_with_seed (7);
  double median;

  check (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), db, "open");
  check (sqlite3_prepare_v2 (db, "SELECT " ASSAY_ENTRY_ROW_COLUMNS
                             " FROM entries e LEFT JOIN records r ON r.idx = e.idx WHERE e.idx = ?",
                             -1, &stmt, NULL), db, "prepare");
  for (guint i = 0; i < N_RANDOM; i++)
    {
      double t0 = now_us (), dt;

      sqlite3_bind_int64 (stmt, 1, g_rand_int_range (rand, 0, (gint32) MIN (n, G_MAXINT32)));
      check (sqlite3_step (stmt), db, "step");
      sqlite3_reset (stmt);
      dt = now_us () - t0;
      g_array_append_val (samples, dt);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_rand_free (rand);
  g_array_sort (samples, bench_compare_doubles);
  median = g_array_index (samples, double, samples->len / 2);
  g_print ("  %-34s median %9.1f us\n", "reference: one row by primary key", median);
  return median;
}

int
main (int argc, char **argv)
{
  guint64 n = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 10000000;
  g_autofree char *path = argc > 2 ? g_strdup (argv[2])
                                   : g_strdup_printf ("%s/assay-bench-entry-list-%" G_GUINT64_FORMAT ".db",
                                                      g_get_tmp_dir (), n);
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayEntryList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) accounts = NULL;
  double reference, t0;
  long rss_before;

  if (count_rows (path) != (gint64) n)
    fill (path, n);
  g_print ("bench-entry-list: %" G_GUINT64_FORMAT " entries in %s\n", n, path);
  reference = reference_lookup (path, n);

  rss_before = rss_kib ();
  t0 = now_us ();
  replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  list = assay_entry_list_new (replica);
  g_print ("  open the replica and the list: %.1f ms; n_items = %u\n",
           (now_us () - t0) / 1000, g_list_model_get_n_items (G_LIST_MODEL (list)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, MIN (n, G_MAXUINT));

  bench_random (list, "get_item, random, log order", N_RANDOM, reference);
  bench_scroll (list, "get_item, scrolling, log order", reference);
  assay_entry_list_set_sort (list, ASSAY_ENTRY_LIST_SORT_INDEX_DESC);
  bench_random (list, "get_item, random, newest first", N_RANDOM, reference);
  t0 = now_us ();
  assay_entry_list_set_sort (list, ASSAY_ENTRY_LIST_SORT_EVENT_DAY);
  g_print ("  sort by event date (n_items = %u): %.1f ms\n",
           g_list_model_get_n_items (G_LIST_MODEL (list)), (now_us () - t0) / 1000);
  bench_scroll (list, "get_item, scrolling, event date", reference);
  bench_random (list, "get_item, random, event date", N_RANDOM, reference);
  t0 = now_us ();
  assay_entry_list_set_sort (list, ASSAY_ENTRY_LIST_SORT_POINTS_DESC);
  g_print ("  sort by points (n_items = %u): %.1f ms\n",
           g_list_model_get_n_items (G_LIST_MODEL (list)), (now_us () - t0) / 1000);
  bench_scroll (list, "get_item, scrolling, points", reference);
  bench_random (list, "get_item, random, points", N_RANDOM, reference);

  /* The reverse orders read their forward order backwards. */
  assay_entry_list_set_sort (list, ASSAY_ENTRY_LIST_SORT_EVENT_DAY_DESC);
  bench_scroll (list, "get_item, scrolling, newest event date", reference);
  bench_random (list, "get_item, random, newest event date", N_RANDOM, reference);
  assay_entry_list_set_sort (list, ASSAY_ENTRY_LIST_SORT_POINTS_ASC);
  bench_random (list, "get_item, random, fewest points", N_RANDOM, reference);
  t0 = now_us ();
  assay_entry_list_set_sort (list, ASSAY_ENTRY_LIST_SORT_ACCOUNT_ASC);
  g_print ("  sort by account (n_items = %u): %.1f ms\n",
           g_list_model_get_n_items (G_LIST_MODEL (list)), (now_us () - t0) / 1000);
  bench_scroll (list, "get_item, scrolling, account", reference);
  bench_random (list, "get_item, random, account", N_RANDOM, reference);
  assay_entry_list_set_sort (list, ASSAY_ENTRY_LIST_SORT_ACCOUNT_DESC);
  bench_random (list, "get_item, random, account descending", N_RANDOM, reference);

  accounts = assay_replica_find_accounts (replica, "acct-0000123", 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (accounts[0]);
  t0 = now_us ();
  assay_entry_list_set_account (list, accounts[0]);
  assay_entry_list_set_sort (list, ASSAY_ENTRY_LIST_SORT_POINTS_DESC);
  g_print ("  filter to one account (%u rows) and sort by points: %.1f ms\n",
           g_list_model_get_n_items (G_LIST_MODEL (list)), (now_us () - t0) / 1000);
  bench_random (list, "get_item, one account by points", N_RANDOM, reference);

  g_print ("  resident memory: %ld MiB, of which the list and its reads %ld MiB\n",
           rss_kib () / 1024, (rss_kib () - rss_before) / 1024);
  return 0;
}
