/* test-replica-series.c — daily series, community events and the entries behind a flag
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
#include <string.h>

#include "assay-day.h"
#include "assay-replica-features.h"
#include "assay-replica-private.h"
#include "assay-replica-series.h"
#include "assay-test-central.h"
#include "assay-test-util.h"

#define TOWN   "310118"
#define CITY   "110101"

static guint32
march (guint day)
{
  guint32 d = 0;

  g_assert_true (assay_day_from_ymd (2025, 3, day, &d));
  return d;
}

/* One publication day for every entry, 7 to 30 days after each event
 * day as the format wants: the log then keeps the order of the lines (it
 * orders by publication day, then import order). */
#define PUBLISHED "2025-03-25"

static void
add_event (GString    *out,
           const char *account,
           const char *dimension,
           int         points,
           guint       day,
           const char *county,
           const char *rule,
           const char *activity,
           const char *confirmer)
{
  g_autofree char *seed = g_strdup_printf ("%s %s %d %u %s", account, dimension, points, day, activity);
  g_autofree char *evidence = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
  g_autofree char *confirmed = confirmer != NULL ? g_strdup_printf ("\"%s\"", confirmer)
                                                 : g_strdup ("null");

  g_string_append_printf (out,
    "{\"kind\":\"event\",\"account\":\"%s\",\"account_kind\":\"individual\","
    "\"dimension\":\"%s\",\"points\":%d,\"event_date\":\"2025-03-%02u\","
    "\"publication_date\":\"%s\",\"county\":\"%s\",\"issuer\":\"issuer\","
    "\"distributor\":\"volunteers\",\"rule\":{\"id\":\"%s\",\"inputs\":{\"hours\":1}},"
    "\"activity\":\"%s\",\"confirmer\":%s,\"evidence\":\"%s\"}\n",
    account, dimension, points, day, PUBLISHED, county, rule, activity, confirmed, evidence);
}

/* A redemption request on `month`-`day` of 2025. */
static void
add_redemption (GString    *out,
                const char *account,
                guint       points,
                guint       month,
                guint       day,
                const char *county,
                const char *request)
{
  g_string_append_printf (out,
    "{\"kind\":\"redemption\",\"account\":\"%s\",\"account_kind\":\"individual\","
    "\"tier\":\"basic\",\"points\":%u,\"event_date\":\"2025-%02u-%02u\","
    "\"publication_date\":\"%s\",\"county\":\"%s\",\"distributor\":\"shop\","
    "\"item\":\"bus card\",\"request\":\"%s\"}\n",
    account, points, month, day, PUBLISHED, county, request);
}

/* Entries 0 … 10, in this order; accounts are numbered 1 (acct-a),
 * 2 (acct-b), 3 (acct-c), 4 (acct-d) by first appearance. */
static char *
crafted_lines (void)
{
  GString *out = g_string_new (NULL);

  add_event (out, "acct-a", "professional", 10, 1, TOWN, "hours", "hours-1", NULL);       /* 0 */
  add_event (out, "acct-a", "knowledge", 5, 1, TOWN, "hours", "hours-2", NULL);           /* 1 */
  add_event (out, "acct-a", "community", 7, 3, TOWN, "community", "park", "acct-b");      /* 2 */
  add_event (out, "acct-b", "community", 7, 3, TOWN, "community", "park", "acct-a");      /* 3 */
  add_redemption (out, "acct-b", 20, 2, 25, TOWN, "req-4");                               /* 4 */
  add_event (out, "acct-c", "community", 4, 5, CITY, "community", "library", "acct-a");   /* 5 */
  add_event (out, "acct-a", "professional", -3, 3, TOWN, "hours", "hours-6", NULL);       /* 6 */
  add_redemption (out, "acct-c", 8, 3, 5, CITY, "req-7");                                 /* 7 */
  add_redemption (out, "acct-a", 5, 3, 5, CITY, "req-8");                                 /* 8 */
  add_event (out, "acct-b", "community", 6, 10, TOWN, "community", "park", "acct-c");     /* 9 */
  add_redemption (out, "acct-d", 3, 3, 10, TOWN, "req-10");                               /* 10 */
  return g_string_free (out, FALSE);
}

typedef struct
{
  AssayTestCentral *central;
  char             *dir;
  char             *replica;
} Fixture;

static void
fixture_setup (Fixture *f)
{
  g_autofree char *lines = crafted_lines ();
  const char *argv[] = { g_getenv ("ASSAYCTL"), "--replica", NULL, "sync", "--server", NULL,
                         "--log-key", NULL, NULL };

  f->central = assay_test_central_new ("series.test/log");
  f->dir = assay_test_mkdtemp ();
  f->replica = g_build_filename (f->dir, "replica.db", NULL);
  assay_test_central_import (f->central, lines);
  assay_test_central_start (f->central);
  argv[2] = f->replica;
  argv[5] = f->central->url;
  argv[7] = f->central->key;
  g_assert_cmpint (assay_test_run (argv, NULL, NULL, NULL), ==, 0);
}

static void
fixture_sync (Fixture *f)
{
  const char *argv[] = { g_getenv ("ASSAYCTL"), "--replica", f->replica, "sync", "--server",
                         f->central->url, "--log-key", f->central->key, NULL };

  g_assert_cmpint (assay_test_run (argv, NULL, NULL, NULL), ==, 0);
}

static void
fixture_teardown (Fixture *f)
{
  assay_test_central_free (f->central);
  assay_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->replica);
}

static AssayReplica *
open_replica (const char *path)
{
  g_autoptr(GError) error = NULL;
  AssayReplica *replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return replica;
}

static void
assert_indices (GArray        *indices,
                const guint64 *expected,
                gsize          n)
{
  g_assert_nonnull (indices);
  g_assert_cmpmem (indices->data, indices->len * sizeof (guint64), expected, n * sizeof (guint64));
  g_array_unref (indices);
}

static void
check_account_days (AssayReplica *replica)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayAccountDays) d = assay_replica_account_days (replica, &error);
  const gsize first_row[] = { 0, 2, 4, 5 };
  const guint32 day[] = { march (1), march (3), march (3), march (10), march (5) };
  const gint64 points[] = { 15, 4, 7, 6, 4 };

  g_assert_no_error (error);
  /* acct-d only redeemed: no events, no series. */
  g_assert_cmpuint (d->n_accounts, ==, 3);
  g_assert_cmpuint (d->account_id[0], ==, 1);
  g_assert_cmpuint (d->account_id[1], ==, 2);
  g_assert_cmpuint (d->account_id[2], ==, 3);
  g_assert_cmpstr (d->account[0], ==, "acct-a");
  g_assert_cmpstr (d->account[1], ==, "acct-b");
  g_assert_cmpstr (d->account[2], ==, "acct-c");
  /* acct-b redeemed on 25 February before its first event (3 March). */
  g_assert_cmpuint (d->first_day[0], ==, march (1));
  g_assert_cmpuint (d->first_day[1], ==, march (3));
  g_assert_cmpuint (d->first_day[2], ==, march (5));
  g_assert_cmpmem (d->first_row, sizeof first_row, first_row, sizeof first_row);
  g_assert_cmpuint (d->n_rows, ==, 5);
  g_assert_cmpmem (d->day, sizeof day, day, sizeof day);
  g_assert_cmpmem (d->points, sizeof points, points, sizeof points);
}

static void
check_county_requests (AssayReplica *replica)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayCountyDays) c = assay_replica_county_requests (replica, &error);
  guint32 feb25 = 0;

  g_assert_no_error (error);
  g_assert_true (assay_day_from_ymd (2025, 2, 25, &feb25));
  g_assert_cmpuint (c->n_counties, ==, 2);
  g_assert_cmpuint (c->county[0], ==, 110101);
  g_assert_cmpuint (c->county[1], ==, 310118);
  g_assert_cmpuint (c->first_row[0], ==, 0);
  g_assert_cmpuint (c->first_row[1], ==, 1);
  g_assert_cmpuint (c->first_row[2], ==, 3);
  g_assert_cmpuint (c->n_rows, ==, 3);
  g_assert_cmpuint (c->day[0], ==, march (5));
  g_assert_cmpuint (c->requests[0], ==, 2);
  g_assert_cmpuint (c->day[1], ==, feb25);
  g_assert_cmpuint (c->requests[1], ==, 1);
  g_assert_cmpuint (c->day[2], ==, march (10));
  g_assert_cmpuint (c->requests[2], ==, 1);
  g_assert_cmpuint (c->first_day, ==, feb25);
  g_assert_cmpuint (c->last_day, ==, march (10));
}

static void
check_community (AssayReplica *replica)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayCommunityEvents) c = assay_replica_community_events (replica, &error);
  const guint64 account_id[] = { 1, 2, 3, 2 };
  const guint32 activity[] = { 0, 0, 1, 0 };
  const guint32 day[] = { march (3), march (3), march (5), march (10) };

  g_assert_no_error (error);
  g_assert_cmpuint (c->n_activities, ==, 2);
  g_assert_cmpstr (c->activities[0], ==, "park");
  g_assert_cmpstr (c->activities[1], ==, "library");
  g_assert_cmpuint (c->n, ==, 4);
  g_assert_cmpmem (c->account_id, c->n * sizeof (guint64), account_id, sizeof account_id);
  g_assert_cmpmem (c->activity, c->n * sizeof (guint32), activity, sizeof activity);
  g_assert_cmpmem (c->day, c->n * sizeof (guint32), day, sizeof day);
}

static void
check_entries (AssayReplica *replica)
{
  const guint64 a_early[] = { 0, 1, 2, 6 }, a_later[] = { 2, 6 };
  const guint64 city[] = { 7, 8 }, town_feb[] = { 4 };
  const guint64 ba[] = { 2, 3 }, bc[] = { 3, 5, 9 };
  const guint64 bab[] = { 2, 1, 2 }, members_bc[] = { 2, 3 };
  guint32 feb25 = 0;
  GError *error = NULL;
  char *name;

  g_assert_true (assay_day_from_ymd (2025, 2, 25, &feb25));
  /* Events only: acct-a's redemption (8) is not one. */
  assert_indices (assay_replica_account_events (replica, 1, march (1), march (3), NULL), a_early, 4);
  assert_indices (assay_replica_account_events (replica, 1, march (2), march (31), NULL), a_later, 2);
  assert_indices (assay_replica_account_events (replica, 4, march (1), march (31), NULL), NULL, 0);
  assert_indices (assay_replica_county_redemptions (replica, 110101, march (5), NULL), city, 2);
  assert_indices (assay_replica_county_redemptions (replica, 310118, march (5), NULL), NULL, 0);
  assert_indices (assay_replica_county_redemptions (replica, 310118, feb25, NULL), town_feb, 1);
  /* A member given twice counts once; the list is in log order. */
  assert_indices (assay_replica_community_entries (replica, bab, 3, march (1), march (5), NULL), ba, 2);
  assert_indices (assay_replica_community_entries (replica, members_bc, 2, march (1), march (31), NULL),
                  bc, 3);
  assert_indices (assay_replica_community_entries (replica, NULL, 0, march (1), march (31), NULL), NULL, 0);

  name = assay_replica_account_name (replica, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "acct-c");
  g_free (name);
  g_assert_null (assay_replica_account_name (replica, 99, &error));
  g_assert_no_error (error);
}

static void
test_crafted (void)
{
  Fixture f;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GError) error = NULL;

  fixture_setup (&f);
  replica = open_replica (f.replica);
  g_assert_true (assay_replica_verify (replica, NULL, &error));
  g_assert_no_error (error);
  check_account_days (replica);
  check_county_requests (replica);
  check_community (replica);
  check_entries (replica);
  g_clear_object (&replica);
  fixture_teardown (&f);
}

/* Opens the file with SQLite alone and runs `sql`. */
static void
exec_raw (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A replica from before the community aggregate: its tables dropped and
 * its version set back to the one before the migration that makes them
 * (found by table name, so the test does not depend on the numbering);
 * opening it read-write backfills them from the stored bodies. */
static void
test_backfill (void)
{
  Fixture f;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = _assay_replica_schema_rollback_sql ("community_events");

  g_assert_nonnull (sql);
  fixture_setup (&f);
  exec_raw (f.replica, sql);

  /* Read-only cannot migrate; read-write does. */
  g_assert_null (assay_replica_open (f.replica, ASSAY_REPLICA_OPEN_READ_ONLY, &error));
  g_clear_error (&error);
  replica = open_replica (f.replica);
  check_community (replica);
  check_entries (replica);
  g_assert_true (assay_replica_verify (replica, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&replica);

  /* The writer carries on with the backfilled numbering. */
  fixture_sync (&f);
  replica = open_replica (f.replica);
  check_community (replica);
  g_clear_object (&replica);
  fixture_teardown (&f);
}

/* Verification catches a community aggregate that the bodies do not
 * support. */
static void
test_verify_catches (void)
{
  Fixture f;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GError) error = NULL;

  fixture_setup (&f);
  exec_raw (f.replica, "UPDATE activities SET activity = 'meadow' WHERE activity = 'park'");
  replica = open_replica (f.replica);
  g_assert_false (assay_replica_verify (replica, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "community_events"));
  g_clear_object (&replica);
  fixture_teardown (&f);
}

/* Erasing acct-c takes its community event (5) and the activity id only
 * it named ("library") out of the aggregate, and leaves the rest. */
static void
test_tombstone (void)
{
  Fixture f;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayCommunityEvents) c = NULL;
  g_autoptr(AssayCountyDays) counties = NULL;
  g_autoptr(GError) error = NULL;
  const guint64 bc[] = { 3, 9 };
  g_autofree char *library = NULL;

  fixture_setup (&f);
  assay_test_central_erase (f.central, "acct-c", "2000-01-01", "2099-12-31");
  fixture_sync (&f);

  replica = open_replica (f.replica);
  g_assert_true (assay_replica_verify (replica, NULL, &error));
  g_assert_no_error (error);
  c = assay_replica_community_events (replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (c->n, ==, 3);
  g_assert_cmpuint (c->n_activities, ==, 1);
  g_assert_cmpstr (c->activities[0], ==, "park");
  g_assert_cmpuint (c->account_id[0], ==, 1);
  g_assert_cmpuint (c->account_id[1], ==, 2);
  g_assert_cmpuint (c->account_id[2], ==, 2);
  g_assert_cmpuint (c->day[2], ==, march (10));
  assert_indices (assay_replica_community_entries (replica, (const guint64[]) { 2, 3 }, 2,
                                                   march (1), march (31), NULL), bc, 2);
  /* acct-a's request (8) is left in the city on 5 March. */
  counties = assay_replica_county_requests (replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counties->county[0], ==, 110101);
  g_assert_cmpuint (counties->first_row[1], ==, 1);
  g_assert_cmpuint (counties->requests[0], ==, 1);
  g_assert_null (assay_replica_account_name (replica, 3, &error));
  g_assert_no_error (error);
  g_clear_object (&replica);
  fixture_teardown (&f);
}

/* Several reads between read_begin and read_end see one state, and
 * quarter_features works inside the pair as well as alone. */
static void
test_read_transaction (void)
{
  Fixture f;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayQuarterFeatures) alone = NULL, inside = NULL;
  g_autoptr(AssayAccountDays) days = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) more = g_string_new (NULL);
  guint8 root[ASSAY_HASH_SIZE];
  guint64 size = 0;

  fixture_setup (&f);
  replica = open_replica (f.replica);
  alone = assay_replica_quarter_features (replica, 20251, &error);
  g_assert_no_error (error);

  g_assert_true (assay_replica_read_begin (replica, &size, root, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (size, ==, 11);
  g_assert_cmpuint (size, ==, assay_replica_get_size (replica));
  inside = assay_replica_quarter_features (replica, 20251, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inside->checkpoint_size, ==, size);
  g_assert_cmpmem (inside->checkpoint_root, ASSAY_HASH_SIZE, root, ASSAY_HASH_SIZE);

  /* A sync (another process) commits a new account meanwhile: the reads
   * still see the state read_begin fixed. */
  add_event (more, "acct-e", "data", 9, 12, TOWN, "hours", "hours-11", NULL);
  assay_test_central_import (f.central, more->str);
  fixture_sync (&f);
  days = assay_replica_account_days (replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (days->n_accounts, ==, 3);
  g_clear_pointer (&days, assay_account_days_free);
  /* A pair nested in the pair sees the same state; its read_end does not
   * end the outer one. */
  {
    guint8 nested_root[ASSAY_HASH_SIZE];
    guint64 nested_size = 0;

    g_assert_true (assay_replica_read_begin (replica, &nested_size, nested_root, &error));
    g_assert_cmpuint (nested_size, ==, size);
    assay_replica_read_end (replica);
  }
  days = assay_replica_account_days (replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (days->n_accounts, ==, 3);
  g_clear_pointer (&days, assay_account_days_free);
  assay_replica_read_end (replica);

  g_assert_cmpuint (inside->n, ==, alone->n);
  g_assert_cmpuint (alone->checkpoint_size, ==, size);
  g_assert_cmpmem (alone->checkpoint_root, ASSAY_HASH_SIZE, root, ASSAY_HASH_SIZE);
  /* After read_end a read sees the new state. */
  days = assay_replica_account_days (replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (days->n_accounts, ==, 4);
  g_clear_object (&replica);
  fixture_teardown (&f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/replica-series/crafted", test_crafted);
  g_test_add_func ("/replica-series/backfill", test_backfill);
  g_test_add_func ("/replica-series/verify-catches", test_verify_catches);
  g_test_add_func ("/replica-series/tombstone", test_tombstone);
  g_test_add_func ("/replica-series/read-transaction", test_read_transaction);
  return g_test_run ();
}
