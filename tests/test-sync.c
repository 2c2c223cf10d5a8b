/* test-sync.c — sync a replica from a real assay-central, honest and not
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
#include <math.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "assay-day.h"
#include "assay-entry-row.h"
#include "assay-error.h"
#include "assay-note.h"
#include "assay-replica.h"
#include "assay-replica-cohort.h"
#include "assay-replica-features.h"
#include "assay-replica-private.h"
#include "assay-sync.h"
#include "assay-test-central.h"
#include "assay-test-replica.h"
#include "assay-test-util.h"

#define ORIGIN "sync.test/log"

/* ---- helpers ------------------------------------------------------------------ */

static gboolean
sync_replica (const char *path,
              const char *url,
              const char *key,
              guint timeout,
              guint64 *out_new,
              GError **error)
{
  g_autoptr(AssayReplica) replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_CREATE, error);
  g_autoptr(AssaySync) sync = NULL;

  if (replica == NULL)
    return FALSE;
  sync = assay_sync_new (url, key);
  if (timeout > 0)
    assay_sync_set_timeout (sync, timeout);
  return assay_sync_run (sync, replica, NULL, out_new, error);
}

static void
assert_synced (const char *path,
               const char *url,
               const char *key)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sync_replica (path, url, key, 0, NULL, &error));
  g_assert_no_error (error);
}

static void
assert_size (const char *path,
             guint64 size)
{
  g_autoptr(AssayReplicaStatus) status = assay_test_replica_status (path);

  g_assert_cmpuint (status->size, ==, size);
}

static void
assert_verifies (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  g_assert_true (assay_replica_verify (replica, NULL, &error));
  g_assert_no_error (error);
}

/* A fixture: a served central with `n` entries and a work directory. */
typedef struct
{
  AssayTestCentral *central;
  char             *dir;
  char             *replica;
  char             *fresh;
} Fixture;

static void
fixture_setup (Fixture *f,
               guint n)
{
  g_autofree char *lines = assay_test_lines (0, n, NULL, NULL);

  f->central = assay_test_central_new (ORIGIN);
  assay_test_central_import (f->central, lines);
  assay_test_central_start (f->central);
  f->dir = assay_test_mkdtemp ();
  f->replica = g_build_filename (f->dir, "replica.db", NULL);
  f->fresh = g_build_filename (f->dir, "fresh.db", NULL);
}

static void
fixture_teardown (Fixture *f)
{
  assay_test_central_free (f->central);
  assay_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->replica);
  g_free (f->fresh);
}

static void
fixture_grow (Fixture *f,
              guint first,
              guint n)
{
  g_autofree char *lines = assay_test_lines (first, n, NULL, NULL);

  assay_test_central_import (f->central, lines);
}

/* The replica equals a second one synced now without trouble from the
 * same server: with the same checkpoint history if the second one was
 * synced at the same moments before (f->fresh is the twin), else apart
 * from that history. */
static void
assert_same_as_twin (Fixture *f,
                     const char *url,
                     gboolean with_checkpoints)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  assert_synced (f->fresh, url, f->central->key);
  a = assay_test_dump_replica (f->replica, with_checkpoints);
  b = assay_test_dump_replica (f->fresh, with_checkpoints);
  g_assert_cmpstr (a, ==, b);
}

static void
assert_same_as_fresh (Fixture *f,
                      const char *url)
{
  assert_same_as_twin (f, url, FALSE);
}

/* ---- rosters and decisions ----------------------------------------------------- */

#define ROSTER_PAYLOAD "{\"v\":1,\"version\":1}"
#define DECISION_PAYLOAD "{\"outcome\":\"upheld\",\"v\":1}"

static void
assert_signed_entry (AssayReplica *replica,
                     guint64 index,
                     AssayEntryKind kind,
                     const char *payload)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplicaEntry) stored = assay_replica_get_entry (replica, index, &error);
  g_autofree char *envelope = assay_test_envelope (assay_entry_kind_to_id (kind), payload);
  guint32 logged = 0;

  g_assert_no_error (error);
  g_assert_true (assay_day_from_ymd (2030, 1, 1, &logged));
  g_assert_cmpint (stored->state, ==, ASSAY_ENTRY_STATE_VERIFIED);
  g_assert_nonnull (stored->parsed);
  g_assert_cmpint (stored->parsed->kind, ==, kind);
  g_assert_cmpstr (stored->parsed->envelope, ==, envelope);
  g_assert_cmpuint (stored->parsed->logged_day, ==, logged);
}

/* `assayctl entries --json` from `offset`: the kinds, and the envelopes'
 * payload types, in log order. */
static char *
listed_kinds (const char *replica,
              const char *offset)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) kinds = g_string_new (NULL);
  JsonArray *rows;

  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "entries", "--json",
                                        "--offset", offset, NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  rows = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      g_string_append_printf (kinds, "%s%s", i > 0 ? " " : "", json_object_get_string_member (row, "kind"));
      if (json_object_has_member (row, "envelope"))
        g_string_append_printf (kinds, "(%s %s)", json_object_get_string_member (row, "logged"),
                                json_object_get_string_member (json_object_get_object_member (row, "envelope"),
                                                               "payloadType"));
    }
  return g_string_free (g_steal_pointer (&kinds), FALSE);
}

/* Rosters and decisions sync like any entry, Merkle-verified: stored with
 * their envelope, without a record or an account, so that verification,
 * the aggregates and the entry list stay as they were. */
static void
test_signed_entries (void)
{
  Fixture f;
  g_autofree char *kinds = NULL;
  g_autofree char *table = NULL;

  fixture_setup (&f, 20);
  assay_test_central_append_envelope (f.central, "roster", ROSTER_PAYLOAD);
  assert_synced (f.replica, f.central->url, f.central->key);
  fixture_grow (&f, 20, 4);
  assay_test_central_append_envelope (f.central, "decision", DECISION_PAYLOAD);
  assert_synced (f.replica, f.central->url, f.central->key);
  assert_size (f.replica, 26);
  assert_verifies (f.replica);
  assert_same_as_fresh (&f, f.central->url);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AssayReplica) replica = assay_replica_open (f.replica, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
    g_autoptr(AssayReplicaStatus) status = assay_test_replica_status (f.replica);

    g_assert_no_error (error);
    assert_signed_entry (replica, 20, ASSAY_ENTRY_ROSTER, ROSTER_PAYLOAD);
    assert_signed_entry (replica, 25, ASSAY_ENTRY_DECISION, DECISION_PAYLOAD);
    g_assert_cmpuint (status->n_events + status->n_redemptions, ==, 24);
    g_assert_cmpuint (status->n_rosters, ==, 1);
    g_assert_cmpuint (status->n_decisions, ==, 1);
    g_assert_cmpuint (status->n_accounts, ==, 10);
  }

  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", f.replica, "verify", NULL), ==, 0);
  kinds = listed_kinds (f.replica, "19");
  g_assert_cmpstr (kinds, ==, "redemption roster(2030-01-01 application/vnd.assay.roster.v1+json) "
                              "event event event event "
                              "decision(2030-01-01 application/vnd.assay.decision.v1+json)");
  g_assert_cmpint (assay_test_assayctl (&table, NULL, "--replica", f.replica, "entries", NULL), ==, 0);
  g_assert_nonnull (strstr (table, "Roster"));
  g_assert_nonnull (strstr (table, "Decision"));
  fixture_teardown (&f);
}

/* ---- filings ------------------------------------------------------------------- */

#define FILING(kind, account, rest) \
  "{\"kind\":\"" kind "\",\"account\":\"" account "\",\"account_kind\":\"individual\"," \
  "\"county\":\"310118\",\"filed\":\"2029-12-20\",\"filing\":\"F:" kind "\"," rest "}\n"

/* Six kinds at indices 20 … 25 (the silence at 22); the forget request
 * names it, so it comes in a second import, at 26.  The insurance claim
 * is filed by an account with no entry, the transfer names a child
 * account that has entries. */
static const char filings[] =
  FILING ("appeal", "acct-0003", "\"against\":3,\"reason\":\"wrong deduction\\nplease review\"")
  FILING ("dispute", "acct-0004", "\"entries\":[4,14],\"claimant\":\"31\",\"claimant_statement\":\"应承认\","
                                  "\"respondent\":\"44\",\"respondent_statement\":\"不在辖区\"")
  FILING ("silence", "acct-0003", "\"from\":\"2029-12-20\",\"to\":\"2030-03-19\"")
  FILING ("failure_claim", "acct-0005", "\"project\":\"试种\",\"experts\":[\"王教授\",\"李博士\"],"
                                        "\"honest_record\":true,\"good_faith\":true,\"ruled_out\":false,"
                                        "\"comparable_value\":500,\"points\":150")
  FILING ("insurance_claim", "filer-0001", "\"benefit\":\"credit_repair\",\"venture\":\"咖啡馆\"")
  FILING ("education_transfer", "acct-0006", "\"year\":2029,\"points\":30,\"child_account\":\"acct-0009\"");
static const char forget_request[] = FILING ("forget_request", "acct-0003", "\"silence\":22");

/* Every account's summary, one line each. */
static char *
account_summaries (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *account = g_strdup_printf ("acct-%04u", i);
      g_autoptr(AssayAccountSummary) s = assay_replica_get_account (replica, account, &error);

      g_assert_no_error (error);
      g_string_append_printf (out, "%s %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GINT64_FORMAT
                              " %" G_GINT64_FORMAT " %u %u\n", s->account, s->n_events, s->n_redemptions,
                              s->points, s->redeemed, s->first_day, s->last_day);
    }
  return g_string_free (out, FALSE);
}

/* An import that names a leaf the log does not hold changes nothing. */
static void
assert_import_refuses (AssayTestCentral *central,
                       const char       *line,
                       const char       *field,
                       const char       *leaf_and_size)
{
  g_autofree char *path = g_build_filename (central->dir, "bad.jsonl", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { g_getenv ("ASSAY_CENTRAL"), "import", "--data", central->data, "--now",
                         "2030-01-01", "--no-breakers", path, NULL };

  g_assert_true (g_file_set_contents (path, line, -1, NULL));
  g_assert_cmpint (assay_test_run (argv, NULL, &out, &err), ==, 1);
  /* The quotes around the field name depend on the locale's charset. */
  if (strstr (err, "line 1: field ") == NULL || strstr (err, field) == NULL ||
      strstr (err, leaf_and_size) == NULL)
    g_error ("import said “%s”, not field %s and “%s”", err, field, leaf_and_size);
}

/* Filings are imported like events, logged once filed, and synced as
 * verified entries with their body, counted, and in no record or
 * aggregate: every account reads as before. */
static void
test_filings (void)
{
  Fixture f;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *kinds = NULL;
  g_autofree char *table = NULL;
  g_autofree char *json = NULL;

  fixture_setup (&f, 20);
  assert_synced (f.replica, f.central->url, f.central->key);
  before = account_summaries (f.replica);

  /* A filing names only entries logged before it: the service checks
   * that when it gives the filing its index, or, for one that waits for
   * its day, against the log it will join. */
  assert_import_refuses (f.central, FILING ("appeal", "acct-0003", "\"against\":20,\"reason\":\"x\""),
                         "against", "entry 20 is not logged before the filing, which joins the log at index 20");
  assert_import_refuses (f.central, forget_request, "silence",
                         "entry 22 is not logged before the filing, which joins the log at index 20");
  assert_import_refuses (f.central,
                         "{\"kind\":\"appeal\",\"account\":\"acct-0003\",\"account_kind\":\"individual\","
                         "\"county\":\"310118\",\"filed\":\"2030-02-01\",\"filing\":\"F:later\","
                         "\"against\":20,\"reason\":\"x\"}\n",
                         "against", "entry 20 is not in the log, which holds 20 entries when the filing waits");
  assay_test_central_import (f.central, filings);
  assay_test_central_import (f.central, forget_request);
  assert_synced (f.replica, f.central->url, f.central->key);
  assert_size (f.replica, 27);
  assert_verifies (f.replica);
  assert_same_as_fresh (&f, f.central->url);

  after = account_summaries (f.replica);
  g_assert_cmpstr (after, ==, before);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AssayReplica) replica = assay_replica_open (f.replica, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
    g_autoptr(AssayReplicaStatus) status = assay_test_replica_status (f.replica);
    g_autoptr(AssayAccountSummary) filer = assay_replica_get_account (replica, "filer-0001", &error);
    static const AssayEntryKind logged[] = {
      ASSAY_ENTRY_APPEAL, ASSAY_ENTRY_DISPUTE, ASSAY_ENTRY_SILENCE, ASSAY_ENTRY_FAILURE_CLAIM,
      ASSAY_ENTRY_INSURANCE_CLAIM, ASSAY_ENTRY_EDUCATION_TRANSFER, ASSAY_ENTRY_FORGET_REQUEST,
    };

    /* A filing makes no account of its filer. */
    g_assert_null (filer);
    g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpuint (status->n_events + status->n_redemptions, ==, 20);
    g_assert_cmpuint (status->n_accounts, ==, 10);
    g_assert_cmpuint (status->n_filings, ==, 7);
    for (guint i = 0; i < G_N_ELEMENTS (logged); i++)
      {
        g_autoptr(AssayReplicaEntry) stored = assay_replica_get_entry (replica, 20 + i, &error);

        g_assert_no_error (error);
        g_assert_cmpint (stored->state, ==, ASSAY_ENTRY_STATE_VERIFIED);
        g_assert_cmpint (stored->parsed->kind, ==, logged[i]);
        g_assert_cmpstr (stored->parsed->activity + 2, ==, assay_entry_kind_to_id (logged[i]));
      }
  }

  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", f.replica, "verify", NULL), ==, 0);
  kinds = listed_kinds (f.replica, "20");
  g_assert_cmpstr (kinds, ==, "appeal dispute silence failure_claim insurance_claim education_transfer "
                              "forget_request");
  g_assert_cmpint (assay_test_assayctl (&table, NULL, "--replica", f.replica, "entries", "--offset", "20",
                                        NULL), ==, 0);
  g_assert_nonnull (strstr (table, "Appeal"));
  g_assert_nonnull (strstr (table, "Forget request"));
  g_assert_cmpint (assay_test_assayctl (&json, NULL, "--replica", f.replica, "entries", "--json",
                                        "--offset", "20", "--limit", "1", NULL), ==, 0);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;
    JsonObject *appeal;

    g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
    g_assert_no_error (error);
    appeal = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
    g_assert_cmpint (json_object_get_int_member (appeal, "against"), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (appeal, "account"), ==, "acct-0003");
    g_assert_cmpstr (json_object_get_string_member (appeal, "filed"), ==, "2029-12-20");
    g_assert_cmpstr (json_object_get_string_member (appeal, "reason"), ==, "wrong deduction\nplease review");
    /* Nothing of an event's. */
    g_assert_false (json_object_has_member (appeal, "points"));
    g_assert_false (json_object_has_member (appeal, "dimension"));
  }

  /* Forget mode erases a filing like any entry of the account's period:
   * its count goes, and the replica still verifies. */
  assay_test_central_erase (f.central, "acct-0006", "2029-12-01", "2029-12-31");
  assert_synced (f.replica, f.central->url, f.central->key);
  assert_verifies (f.replica);
  {
    g_autoptr(AssayReplicaStatus) status = assay_test_replica_status (f.replica);
    g_autofree char *erased = account_summaries (f.replica);

    g_assert_cmpuint (status->n_filings, ==, 6);
    g_assert_cmpuint (status->n_erased, ==, 1);
    g_assert_cmpstr (erased, ==, before);
  }
  fixture_teardown (&f);
}

/* ---- the compact quarter columns ----------------------------------------------- */

/* One account-quarter's sums, read with SQL from account_quarter: the
 * path the features took before the compact columns. */
typedef struct
{
  guint64 account_id;
  char    account[64];
  guint32 quarter;
  gint64  points[ASSAY_N_DIMENSIONS];
} SqlGroup;

static GArray *
sql_groups (const char *path)
{
  GArray *groups = g_array_new (FALSE, TRUE, sizeof (SqlGroup));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT q.account_id, a.account, q.quarter, q.dimension, q.points "
                                           "FROM account_quarter q JOIN accounts a ON a.id = q.account_id "
                                           "ORDER BY 1, 3, 4", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      SqlGroup *g = groups->len > 0 ? &g_array_index (groups, SqlGroup, groups->len - 1) : NULL;

      if (g == NULL || g->account_id != (guint64) sqlite3_column_int64 (stmt, 0) ||
          g->quarter != (guint32) sqlite3_column_int (stmt, 2))
        {
          g_array_set_size (groups, groups->len + 1);
          g = &g_array_index (groups, SqlGroup, groups->len - 1);
          g->account_id = sqlite3_column_int64 (stmt, 0);
          g_strlcpy (g->account, (const char *) sqlite3_column_text (stmt, 1), sizeof g->account);
          g->quarter = sqlite3_column_int (stmt, 2);
        }
      g->points[sqlite3_column_int (stmt, 3)] += sqlite3_column_int64 (stmt, 4);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return groups;
}

static void
assert_same_number (double a,
                    double b)
{
  if (isnan (a) || isnan (b))
    g_assert_true (isnan (a) && isnan (b));
  else
    g_assert_cmpfloat (a, ==, b);
}

/* Subject i of `f` has the features the SQL sums give. */
static void
assert_subject (const AssayQuarterFeatures *f,
                gsize i,
                const SqlGroup *g,
                const SqlGroup *prev)
{
  const SqlGroup *groups[2] = { g, prev };

  g_assert_cmpuint (f->account_id[i], ==, g->account_id);
  g_assert_cmpstr (f->account[i], ==, g->account);
  g_assert_cmpuint (f->quarter[i], ==, g->quarter);
  for (int k = 0; k < 2; k++)
    {
      const SqlGroup *x = groups[k];
      gint64 total = 0, best = -1;
      int best_d = 0;
      double expect_total = NAN, expect_max = NAN;
      const char *expect_dim = NULL;

      for (int d = 0; x != NULL && d < ASSAY_N_DIMENSIONS; d++)
        {
          total += MAX (x->points[d], 0);
          if (MAX (x->points[d], 0) > best)
            best = MAX (x->points[d], 0), best_d = d;
        }
      if (x != NULL)
        expect_total = total;
      if (total > 0)
        expect_max = (double) best / total, expect_dim = assay_dimension_to_id (best_d);
      assert_same_number (k == 0 ? f->total[i] : f->previous_total[i], expect_total);
      assert_same_number (k == 0 ? f->max_share[i] : f->previous_max_share[i], expect_max);
      g_assert_cmpstr (k == 0 ? f->max_dimension[i] : f->previous_max_dimension[i], ==, expect_dim);
      for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
        assert_same_number (k == 0 ? f->share[d][i] : f->previous_share[d][i],
                            total > 0 ? (double) MAX (x->points[d], 0) / total : NAN);
    }
}

static const SqlGroup *
find_group (GArray *groups,
            guint64 account_id,
            guint32 quarter)
{
  for (guint i = 0; i < groups->len; i++)
    {
      const SqlGroup *g = &g_array_index (groups, SqlGroup, i);

      if (g->account_id == account_id && g->quarter == quarter)
        return g;
    }
  return NULL;
}

/* The features read from the compact columns equal those the SQL sums
 * give, for every quarter at once, each quarter alone and a few accounts
 * alone, and the replica verifies (which rebuilds every block and
 * compares bytes). */
static void
assert_quarter_columns (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  g_autoptr(GArray) groups = sql_groups (path);
  g_autoptr(AssayQuarterFeatures) all = NULL;
  g_autoptr(GHashTable) quarters = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key;

  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, >, 0);
  all = assay_replica_quarter_features (replica, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->n, ==, groups->len);
  for (guint i = 0; i < groups->len; i++)
    {
      const SqlGroup *g = &g_array_index (groups, SqlGroup, i);

      assert_subject (all, i, g, find_group (groups, g->account_id, assay_quarter_previous (g->quarter)));
      g_hash_table_add (quarters, GUINT_TO_POINTER (g->quarter));
    }

  g_hash_table_iter_init (&iter, quarters);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint32 q = GPOINTER_TO_UINT (key);
      g_autoptr(AssayQuarterFeatures) one = assay_replica_quarter_features (replica, q, &error);
      g_autoptr(AssayQuarterFeatures) some = NULL;
      g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (guint64));
      gsize n = 0;

      g_assert_no_error (error);
      for (guint i = 0; i < groups->len; i++)
        {
          const SqlGroup *g = &g_array_index (groups, SqlGroup, i);

          if (g->quarter != q)
            continue;
          assert_subject (one, n++, g, find_group (groups, g->account_id, assay_quarter_previous (q)));
          if (n % 3 == 1)
            g_array_append_val (wanted, g->account_id);
        }
      g_assert_cmpuint (one->n, ==, n);
      some = assay_replica_quarter_features_for_accounts (replica, q, (const guint64 *) wanted->data,
                                                          wanted->len, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (some->n, ==, wanted->len);
      for (guint i = 0; i < wanted->len; i++)
        assert_subject (some, i, find_group (groups, g_array_index (wanted, guint64, i), q),
                        find_group (groups, g_array_index (wanted, guint64, i), assay_quarter_previous (q)));
    }
  g_clear_object (&replica);
  assert_verifies (path);
}

/* The accounts with events among entries [from, to) and the quarters of
 * those events are all listed as changed since checkpoint size `from`. */
static void
assert_changed_since (const char *path,
                      guint64 from)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT DISTINCT account_id, event_day FROM records "
                                           "WHERE kind = 0 AND idx >= ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, from);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint64 account = sqlite3_column_int64 (stmt, 0);
      guint32 quarter = assay_day_quarter (sqlite3_column_int64 (stmt, 1));
      g_autoptr(GArray) changed = assay_replica_quarter_changed_accounts (replica, quarter, from, &error);
      g_autoptr(GArray) everything = assay_replica_quarter_changed_accounts (replica, quarter, 0, &error);
      gboolean found = FALSE;

      g_assert_no_error (error);
      for (guint i = 0; i < changed->len && !found; i++)
        found = g_array_index (changed, guint64, i) == account;
      g_assert_true (found);
      /* Only the blocks of the new events, when the first sync wrote more. */
      g_assert_cmpuint (changed->len, <=, everything->len);
      n++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (n, >, 0);
}

static void
test_quarter_columns (void)
{
  Fixture f = { NULL };
  g_autoptr(GError) error = NULL;

  fixture_setup (&f, 300);
  assert_synced (f.replica, f.central->url, f.central->key);
  assert_quarter_columns (f.replica);

  /* Incremental: only the new events' blocks are rewritten, and listed. */
  fixture_grow (&f, 300, 200);
  assert_synced (f.replica, f.central->url, f.central->key);
  assert_quarter_columns (f.replica);
  assert_changed_since (f.replica, 300);
  {
    g_autoptr(AssayReplica) replica = assay_replica_open (f.replica, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
    g_autoptr(GArray) none = assay_replica_quarter_changed_accounts (replica, 20251, 500, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
  }
  assert_same_as_fresh (&f, f.central->url);
  fixture_teardown (&f);
}

/* A replica from before the compact columns: the migration's backfill
 * builds them (the table is dropped and the schema version set back to
 * the one before the migration that adds it). */
static void
test_quarter_columns_migration (void)
{
  Fixture f = { NULL };
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;

  fixture_setup (&f, 300);
  assert_synced (f.replica, f.central->url, f.central->key);
  sql = _assay_replica_schema_rollback_sql ("quarter_columns");
  g_assert_cmpint (sqlite3_open (f.replica, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AssayReplica) replica = assay_replica_open (f.replica, ASSAY_REPLICA_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
  }
  assert_quarter_columns (f.replica);
  assert_same_as_fresh (&f, f.central->url);
  fixture_teardown (&f);
}

/* ---- honest server --------------------------------------------------------------- */

static void
test_happy_path (void)
{
  Fixture f = { NULL };
  g_autoptr(AssayReplicaStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n = 0;

  fixture_setup (&f, 600);
  g_assert_true (sync_replica (f.replica, f.central->url, f.central->key, 0, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 600);
  status = assay_test_replica_status (f.replica);
  g_assert_cmpuint (status->size, ==, 600);
  g_assert_cmpuint (status->n_events, ==, 540);
  g_assert_cmpuint (status->n_redemptions, ==, 60);
  g_assert_cmpuint (status->n_accounts, ==, 10);
  g_assert_cmpstr (status->origin, ==, ORIGIN);
  g_assert_cmpint (status->alert, ==, ASSAY_ALERT_NONE);
  assert_verifies (f.replica);

  /* Nothing new: no error, no entries. */
  g_assert_true (sync_replica (f.replica, f.central->url, f.central->key, 0, &n, &error));
  g_assert_cmpuint (n, ==, 0);

  /* Incremental, across a partial tile, equals a sync in one go. */
  fixture_grow (&f, 600, 700);
  g_assert_true (sync_replica (f.replica, f.central->url, f.central->key, 0, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 700);
  assert_size (f.replica, 1300);
  assert_verifies (f.replica);
  assert_same_as_fresh (&f, f.central->url);
  fixture_teardown (&f);
}

typedef struct
{
  GMainLoop *loop;
  guint      progress_calls;
  guint64    last_verified;
  guint64    new_entries;
  gboolean   changed;
  GError    *error;
} AsyncState;

static void
progress_cb (AssaySync *sync,
             guint64 verified,
             guint64 total,
             double rate,
             AsyncState *state)
{
  g_assert_cmpuint (verified, <=, total);
  g_assert_cmpuint (verified, >=, state->last_verified);
  state->last_verified = verified;
  state->progress_calls++;
}

static void
changed_cb (AssayReplica *replica,
            AsyncState *state)
{
  state->changed = TRUE;
}

static void
sync_done_cb (GObject *source,
              GAsyncResult *result,
              gpointer user_data)
{
  AsyncState *state = user_data;

  assay_sync_run_finish (ASSAY_SYNC (source), result, &state->new_entries, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async_progress (void)
{
  Fixture f = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssaySync) sync = NULL;
  AsyncState state = { NULL };

  fixture_setup (&f, 1000);
  replica = assay_replica_open (f.replica, ASSAY_REPLICA_OPEN_CREATE, &error);
  g_assert_no_error (error);
  sync = assay_sync_new (f.central->url, f.central->key);
  state.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (sync, "progress", G_CALLBACK (progress_cb), &state);
  g_signal_connect (replica, "changed", G_CALLBACK (changed_cb), &state);
  assay_sync_run_async (sync, replica, NULL, sync_done_cb, &state);
  g_main_loop_run (state.loop);

  g_assert_no_error (state.error);
  g_assert_cmpuint (state.new_entries, ==, 1000);
  g_assert_cmpuint (state.last_verified, ==, 1000);
  g_assert_cmpuint (state.progress_calls, >=, 2);
  g_assert_true (state.changed);
  g_assert_cmpuint (assay_replica_get_size (replica), ==, 1000);
  g_main_loop_unref (state.loop);
  fixture_teardown (&f);
}

/* The server moved on: the checkpoint we get is older than its tiles, and
 * partial tiles are gone (404): sync falls back to the full ones. */
static char *stale_checkpoint;

static void
stale_filter (const char *path,
              guint *status,
              GByteArray *body,
              gpointer user_data)
{
  if (g_str_equal (path, "checkpoint"))
    {
      g_byte_array_set_size (body, 0);
      g_byte_array_append (body, (const guint8 *) stale_checkpoint, strlen (stale_checkpoint));
    }
  else if (strstr (path, ".p/") != NULL)
    {
      *status = 404;
      g_byte_array_set_size (body, 0);
    }
}

static void
test_partial_tiles_replaced (void)
{
  Fixture f = { NULL };
  g_autoptr(AssayTestProxy) proxy = NULL;
  g_autofree char *path = NULL;

  fixture_setup (&f, 300);
  path = g_build_filename (f.central->data, "checkpoint", NULL);
  g_assert_true (g_file_get_contents (path, &stale_checkpoint, NULL, NULL));
  fixture_grow (&f, 300, 300);

  proxy = assay_test_proxy_new (f.central->url);
  assay_test_proxy_set_filter (proxy, stale_filter, NULL);
  assert_synced (f.replica, assay_test_proxy_get_url (proxy), f.central->key);
  assert_size (f.replica, 300);
  g_assert_cmpuint (assay_test_proxy_count (proxy, "tile/0/001.p/"), ==, 1);
  assert_verifies (f.replica);

  /* And on to the real latest checkpoint, directly. */
  assert_synced (f.replica, f.central->url, f.central->key);
  assert_size (f.replica, 600);
  assert_same_as_fresh (&f, f.central->url);
  g_clear_pointer (&stale_checkpoint, g_free);
  fixture_teardown (&f);
}

/* ---- security alerts ----------------------------------------------------------- */

/* Syncs through `url` and expects an alert of `kind`; the replica keeps
 * its size, refuses further syncs until cleared, and exports evidence
 * with the members named. */
static void
expect_alert (Fixture *f,
              const char *url,
              const char *key,
              AssayAlertKind kind,
              const char * const *members)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplicaStatus) before = assay_test_replica_status (f->replica);
  g_autoptr(AssayReplicaStatus) after = NULL;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *evidence = NULL;
  g_autofree char *dump_before = assay_test_dump_replica (f->replica, TRUE);
  g_autofree char *dump_after = NULL;
  JsonObject *root;

  g_assert_false (sync_replica (f->replica, url, key, 5, NULL, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_SECURITY);
  g_test_message ("alert: %s", error->message);
  g_clear_error (&error);

  after = assay_test_replica_status (f->replica);
  g_assert_cmpuint (after->size, ==, before->size);
  g_assert_cmpmem (after->root, ASSAY_HASH_SIZE, before->root, ASSAY_HASH_SIZE);
  g_assert_cmpint (after->alert, ==, kind);
  g_assert_nonnull (after->alert_message);

  /* Everything but the alert is as it was. */
  dump_after = assay_test_dump_replica (f->replica, TRUE);
  g_assert_cmpstr (strstr (dump_after, "== checkpoints"), ==, strstr (dump_before, "== checkpoints"));

  /* Refused, even against the honest server. */
  g_assert_false (sync_replica (f->replica, f->central->url, f->central->key, 5, NULL, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_SECURITY);
  g_clear_error (&error);

  replica = assay_replica_open (f->replica, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  evidence = assay_replica_get_evidence (replica, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, evidence, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "alert"), ==, assay_alert_kind_to_id (kind));
  for (guint i = 0; members != NULL && members[i] != NULL; i++)
    {
      g_test_message ("evidence member %s", members[i]);
      g_assert_true (json_object_has_member (root, members[i]));
    }

  g_assert_true (assay_replica_clear_alert (replica, &error));
  g_assert_no_error (error);
  g_assert_cmpint (assay_replica_get_alert (replica), ==, ASSAY_ALERT_NONE);
}

/* A replica at 300 entries, the server at 600. */
static void
alert_setup (Fixture *f)
{
  fixture_setup (f, 300);
  assert_synced (f->replica, f->central->url, f->central->key);
  fixture_grow (f, 300, 300);
}

/* After the alert is cleared, the honest server brings the replica to
 * exactly what a fresh sync gives. */
static void
alert_finish (Fixture *f)
{
  assert_synced (f->replica, f->central->url, f->central->key);
  assert_same_as_fresh (f, f->central->url);
  fixture_teardown (f);
}

static void
flip_byte (GByteArray *body,
           gsize offset)
{
  g_assert_cmpuint (offset, <, body->len);
  body->data[offset] ^= 0x01;
}

static void
tamper_filter (const char *path,
               guint *status,
               GByteArray *body,
               gpointer user_data)
{
  const char *what = user_data;

  if (g_str_equal (what, "tile") && g_str_has_prefix (path, "tile/0/001"))
    flip_byte (body, 100 * 32 + 5);
  else if (g_str_equal (what, "entries") && g_str_has_prefix (path, "tile/entries/001"))
    flip_byte (body, 100 * 34 + 10);
  else if (g_str_has_prefix (what, "body") && g_str_has_prefix (path, "body/001"))
    flip_byte (body, body->len - 3);
  else if (g_str_equal (what, "body-then-500") && g_str_has_prefix (path, "tile/entries/002"))
    *status = 500;
  else if (g_str_equal (what, "salt") && g_str_has_prefix (path, "body/002"))
    {
      /* Swap the salts of the first two entries (after each uint16 length). */
      guint len0 = body->data[0] << 8 | body->data[1];
      guint8 *salt0 = body->data + 2;
      guint8 *salt1 = body->data + 2 + 32 + len0 + 2;
      guint8 tmp[32];

      memcpy (tmp, salt0, 32);
      memcpy (salt0, salt1, 32);
      memcpy (salt1, tmp, 32);
    }
  else if (g_str_equal (what, "signature") && g_str_equal (path, "checkpoint"))
    {
      /* Flip a bit of the signature itself, keeping the key ID. */
      const char *dash = g_strrstr_len ((const char *) body->data, body->len, "\xe2\x80\x94 ");
      /* The body is not NUL-terminated: search within its length only. */
      const char *end = (const char *) body->data + body->len;
      const char *space = memchr (dash + 4, ' ', end - (dash + 4));
      g_autofree char *b64 = g_strndup (space + 1, body->len - (space + 1 - (const char *) body->data) - 1);
      gsize len = 0;
      g_autofree guint8 *sig = g_base64_decode (b64, &len);
      g_autofree char *forged = NULL;
      gsize prefix = space + 1 - (const char *) body->data;

      sig[len - 1] ^= 0x01;
      forged = g_base64_encode (sig, len);
      g_byte_array_set_size (body, prefix);
      g_byte_array_append (body, (const guint8 *) forged, strlen (forged));
      g_byte_array_append (body, (const guint8 *) "\n", 1);
    }
}

static void
test_alert_tampered (gconstpointer data)
{
  const char *what = data;
  Fixture f = { NULL };
  g_autoptr(AssayTestProxy) proxy = NULL;
  AssayAlertKind kind = g_str_equal (what, "tile") ? ASSAY_ALERT_TILE
                      : g_str_equal (what, "entries") ? ASSAY_ALERT_ENTRY_BUNDLE
                      : g_str_equal (what, "signature") ? ASSAY_ALERT_SIGNATURE
                      : ASSAY_ALERT_BODY;
  const char *members[] = { "stored_checkpoint", "new_checkpoint", NULL };

  alert_setup (&f);
  proxy = assay_test_proxy_new (f.central->url);
  assay_test_proxy_set_filter (proxy, tamper_filter, (gpointer) what);
  expect_alert (&f, assay_test_proxy_get_url (proxy), f.central->key, kind, members);
  alert_finish (&f);
}

static void
test_alert_unknown_key (void)
{
  Fixture f = { NULL };
  g_autoptr(AssayNoteSigner) other = assay_note_signer_generate (ORIGIN, NULL);
  g_autofree char *other_key = assay_note_signer_get_verifier_string (other);
  g_autoptr(GError) error = NULL;

  fixture_setup (&f, 100);
  /* A fresh replica trusting another key with the same name: refused, but
   * it has no verified state to defend, so no alert locks it and nothing
   * is stored (not even the key it was given). */
  g_assert_false (sync_replica (f.replica, f.central->url, other_key, 5, NULL, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_SECURITY);
  g_assert_nonnull (strstr (error->message, "does not match this log"));
  g_clear_error (&error);
  assert_size (f.replica, 0);
  {
    g_autoptr(AssayReplicaStatus) status = assay_test_replica_status (f.replica);

    g_assert_cmpint (status->alert, ==, ASSAY_ALERT_NONE);
    g_assert_null (status->log_key);
    g_assert_cmpuint (status->n_checkpoints, ==, 0);
  }
  /* The right key then syncs it at once: nothing was locked. */
  assert_synced (f.replica, f.central->url, f.central->key);
  assert_size (f.replica, 100);
  fixture_teardown (&f);
}

/* Rollback, equivocation and fork come from a second service holding the
 * same key, cloned from the first at 300 entries. */
static void
test_alert_history (gconstpointer data)
{
  const char *what = data;
  Fixture f = { NULL };
  g_autoptr(AssayTestCentral) other = NULL;
  AssayAlertKind kind;
  const char *members[] = { "stored_checkpoint", "new_checkpoint", NULL, NULL };

  fixture_setup (&f, 300);
  other = assay_test_central_clone (f.central);
  fixture_grow (&f, 300, 300);
  assert_synced (f.replica, f.central->url, f.central->key);

  if (g_str_equal (what, "rollback"))
    kind = ASSAY_ALERT_ROLLBACK;
  else
    {
      /* The other history: different entries after the first 300. */
      g_autofree char *lines = assay_test_lines (300, g_str_equal (what, "fork") ? 400 : 300, "other-account", NULL);

      assay_test_central_import (other, lines);
      kind = g_str_equal (what, "fork") ? ASSAY_ALERT_FORK : ASSAY_ALERT_EQUIVOCATION;
      if (kind == ASSAY_ALERT_FORK)
        members[2] = "consistency_proof";
    }
  assay_test_central_start (other);
  expect_alert (&f, other->url, f.central->key, kind, members);
  alert_finish (&f);
}

/* ---- faults ----------------------------------------------------------------------- */

static void
fault_filter (const char *path,
              guint *status,
              GByteArray *body,
              gpointer user_data)
{
  const char *what = user_data;

  if (g_str_equal (what, "404") && g_str_has_prefix (path, "body/001"))
    *status = 404;
  else if (g_str_equal (what, "500") && g_str_has_prefix (path, "tile/entries/001"))
    *status = 500;
  else if (g_str_equal (what, "truncated") && g_str_has_prefix (path, "body/001"))
    g_byte_array_set_size (body, body->len / 2);
  else if (g_str_equal (what, "truncated-tile") && g_str_has_prefix (path, "tile/0/001"))
    g_byte_array_set_size (body, body->len - 7);
  else if (g_str_equal (what, "stall") && g_str_has_prefix (path, "tile/entries/001"))
    g_usleep (3 * G_USEC_PER_SEC);
}

static void
test_fault (gconstpointer data)
{
  const char *what = data;
  Fixture f = { NULL };
  g_autoptr(AssayTestProxy) proxy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  alert_setup (&f);
  before = assay_test_dump_replica (f.replica, TRUE);
  proxy = assay_test_proxy_new (f.central->url);
  assay_test_proxy_set_filter (proxy, fault_filter, (gpointer) what);

  g_assert_false (sync_replica (f.replica, assay_test_proxy_get_url (proxy), f.central->key, 1, NULL, &error));
  g_test_message ("%s: %s", what, error->message);
  if (g_str_has_prefix (what, "truncated"))
    g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
  else
    g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_NETWORK);
  g_assert_true (strstr (error->message, "unchanged") != NULL);
  if (g_str_equal (what, "stall"))
    g_assert_true (strstr (error->message, "did not answer") != NULL);

  /* Nothing changed, no alert: the next sync completes it. */
  after = assay_test_dump_replica (f.replica, TRUE);
  g_assert_cmpstr (before, ==, after);
  assay_test_proxy_set_filter (proxy, NULL, NULL);
  assert_synced (f.replica, assay_test_proxy_get_url (proxy), f.central->key);
  assert_size (f.replica, 600);
  g_clear_pointer (&proxy, assay_test_proxy_free);
  assert_same_as_fresh (&f, f.central->url);
  fixture_teardown (&f);
}

typedef struct
{
  const char *path;
  const char *url;
  const char *key;
  gboolean    ok;
  GError     *error;
} SyncJob;

static gpointer
sync_thread (gpointer data)
{
  SyncJob *job = data;

  job->ok = sync_replica (job->path, job->url, job->key, 5, NULL, &job->error);
  return NULL;
}

static void
test_server_killed (void)
{
  Fixture f = { NULL };
  g_autoptr(AssayTestProxy) proxy = NULL;
  SyncJob job = { NULL };
  GThread *thread;

  fixture_setup (&f, 300);
  assert_synced (f.replica, f.central->url, f.central->key);
  assert_synced (f.fresh, f.central->url, f.central->key);
  fixture_grow (&f, 300, 1200);

  /* Hold the third body bundle, kill the server meanwhile, let it go. */
  proxy = assay_test_proxy_new (f.central->url);
  assay_test_proxy_hold_at (proxy, "body/", 3);
  job.path = f.replica;
  job.url = assay_test_proxy_get_url (proxy);
  job.key = f.central->key;
  thread = g_thread_new ("sync", sync_thread, &job);
  assay_test_proxy_wait_held (proxy);
  assay_test_central_stop (f.central);
  assay_test_proxy_release (proxy);
  g_thread_join (thread);

  g_assert_false (job.ok);
  g_assert_error (job.error, ASSAY_ERROR, ASSAY_ERROR_NETWORK);
  g_test_message ("%s", job.error->message);
  g_clear_error (&job.error);
  assert_size (f.replica, 300);

  /* Restarted (on another port): the next sync completes it. */
  assay_test_central_start (f.central);
  assay_test_proxy_set_upstream (proxy, f.central->url);
  assert_synced (f.replica, assay_test_proxy_get_url (proxy), f.central->key);
  assert_size (f.replica, 1500);
  assert_same_as_twin (&f, f.central->url, TRUE);
  fixture_teardown (&f);
}

/* Runs `assayctl sync` through `proxy`, holds it at the fourth body
 * bundle, kills it with SIGKILL there, and lets the proxy go on. */
static void
kill_sync_mid_bodies (Fixture        *f,
                      AssayTestProxy *proxy)
{
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;

  assay_test_proxy_hold_at (proxy, "body/", 4);
  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                            g_getenv ("ASSAYCTL"), "--replica", f->replica, "sync",
                            "--server", assay_test_proxy_get_url (proxy),
                            "--log-key", f->central->key, NULL);
  g_assert_no_error (error);
  assay_test_proxy_wait_held (proxy);
  g_subprocess_send_signal (child, SIGKILL);
  g_assert_true (g_subprocess_wait (child, NULL, &error));
  g_assert_true (g_subprocess_get_if_signaled (child));
  assay_test_proxy_release (proxy);
}

static void
test_client_killed (void)
{
  Fixture f = { NULL };
  g_autoptr(AssayTestProxy) proxy = NULL;

  fixture_setup (&f, 300);
  assert_synced (f.replica, f.central->url, f.central->key);
  assert_synced (f.fresh, f.central->url, f.central->key);
  fixture_grow (&f, 300, 1700);

  proxy = assay_test_proxy_new (f.central->url);
  kill_sync_mid_bodies (&f, proxy);

  assert_size (f.replica, 300);
  assert_verifies (f.replica);
  assert_synced (f.replica, assay_test_proxy_get_url (proxy), f.central->key);
  assert_size (f.replica, 2000);
  assert_same_as_twin (&f, f.central->url, TRUE);
  fixture_teardown (&f);
}

/* True if the database file's header says WAL (bytes 18 and 19 are 2). */
static gboolean
header_says_wal (const char *path)
{
  g_autofree char *data = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  g_assert_cmpuint (size, >=, 100);
  return data[18] == 2 && data[19] == 2;
}

/* A first sync writes with a rollback journal; killed, it leaves a hot
 * journal that read-only opens must cope with, and the next sync starts
 * again from the empty replica. */
static void
test_client_killed_fresh (void)
{
  Fixture f = { NULL };
  g_autoptr(AssayTestProxy) proxy = NULL;
  g_autofree char *journal = NULL;

  fixture_setup (&f, 2000);
  journal = g_strconcat (f.replica, "-journal", NULL);

  proxy = assay_test_proxy_new (f.central->url);
  kill_sync_mid_bodies (&f, proxy);

  /* The write transaction was open with a rollback journal, not the WAL. */
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));
  assert_size (f.replica, 0);
  assert_verifies (f.replica);

  assert_synced (f.replica, assay_test_proxy_get_url (proxy), f.central->key);
  assert_size (f.replica, 2000);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_true (header_says_wal (f.replica));
  assert_verifies (f.replica);
  assert_same_as_twin (&f, f.central->url, FALSE);
  fixture_teardown (&f);
}

/* While another connection to an empty replica is open, a sync cannot
 * leave the WAL: it stays there, and gives the same replica. */
static void
test_fresh_with_reader (void)
{
  Fixture f = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) reader = NULL;

  fixture_setup (&f, 600);
  reader = assay_replica_open (f.replica, ASSAY_REPLICA_OPEN_CREATE, &error);
  g_assert_no_error (error);
  assert_synced (f.replica, f.central->url, f.central->key);
  assay_replica_reload (reader);
  g_assert_cmpuint (assay_replica_get_size (reader), ==, 600);
  g_clear_object (&reader);
  g_assert_true (header_says_wal (f.replica));
  assert_verifies (f.replica);
  assert_same_as_fresh (&f, f.central->url);
  fixture_teardown (&f);
}

/* ---- erasure --------------------------------------------------------------------- */

#define MARKER "FORGET-ME-PLEASE"

/* A cohort of an account about to be erased, one that stays and one the
 * ledger never held. */
static void
store_cohort (const char *path)
{
  static const char *const accounts[] = { "acct-0001", "forget-me", "stranger" };
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_cohort_record_free);
  guint missing = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    {
      AssayCohortRecord *r = g_new0 (AssayCohortRecord, 1);

      r->account = g_strdup (accounts[i]);
      r->gender = g_strdup ("female");
      r->age_band = g_strdup ("30-44");
      r->county = g_strdup ("310118");
      r->ses = 2;
      r->extra = g_new0 (char *, 1);
      g_ptr_array_add (records, r);
    }
  g_assert_true (assay_replica_cohort_replace (replica, NULL, records, &missing, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (missing, ==, 1);
}

/* The tombstone took the erased account's cohort row and nothing else. */
static void
assert_cohort_after_erasure (AssayReplica *replica)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outcomes = assay_replica_cohort_outcomes (replica, 2025, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (outcomes->len, ==, 2);
  g_assert_cmpstr (((AssayCohortOutcome *) g_ptr_array_index (outcomes, 0))->record.account, ==, "acct-0001");
  g_assert_true (((AssayCohortOutcome *) g_ptr_array_index (outcomes, 0))->in_ledger);
  g_assert_cmpstr (((AssayCohortOutcome *) g_ptr_array_index (outcomes, 1))->record.account, ==, "stranger");
  g_assert_false (((AssayCohortOutcome *) g_ptr_array_index (outcomes, 1))->in_ledger);
}

static void
test_erasure_purge (void)
{
  Fixture f = { NULL };
  g_autofree char *marked = assay_test_lines (300, 40, "forget-me", MARKER);
  g_autofree char *wal = NULL;
  g_autoptr(GPtrArray) secrets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GError) error = NULL;

  fixture_setup (&f, 300);
  assay_test_central_import (f.central, marked);
  assert_synced (f.replica, f.central->url, f.central->key);
  wal = g_strconcat (f.replica, "-wal", NULL);
  store_cohort (f.replica);

  {
    g_autoptr(AssayReplica) replica = assay_replica_open (f.replica, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
    g_autoptr(GPtrArray) rows = assay_replica_list_entries (replica, "forget-me", 0, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 40);
    for (guint i = 0; i < rows->len; i++)
      {
        g_autoptr(AssayReplicaEntry) entry =
          assay_replica_get_entry (replica, assay_entry_row_get_index (g_ptr_array_index (rows, i)), &error);

        g_assert_no_error (error);
        g_ptr_array_add (secrets, g_bytes_ref (entry->salt));
        g_ptr_array_add (secrets, g_bytes_ref (entry->body));
      }
  }
  g_assert_true (assay_test_file_contains (f.replica, (const guint8 *) MARKER, strlen (MARKER)) ||
                 assay_test_file_contains (wal, (const guint8 *) MARKER, strlen (MARKER)));

  assay_test_central_erase (f.central, "forget-me", "2025-01-01", "2025-12-31");
  assert_synced (f.replica, f.central->url, f.central->key);

  {
    g_autoptr(AssayReplicaStatus) status = assay_test_replica_status (f.replica);
    g_autoptr(AssayReplica) replica = assay_replica_open (f.replica, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
    g_autoptr(AssayAccountSummary) account = NULL;

    g_assert_cmpuint (status->size, ==, 341);
    g_assert_cmpuint (status->n_erased, ==, 40);
    g_assert_cmpuint (status->n_tombstones, ==, 1);
    g_assert_cmpuint (status->n_accounts, ==, 10);
    account = assay_replica_get_account (replica, "forget-me", &error);
    g_assert_null (account);
    g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND);
    g_clear_error (&error);
    assert_cohort_after_erasure (replica);
  }

  /* Not a byte of the erased bodies or salts is left in the files. */
  g_assert_false (assay_test_file_contains (f.replica, (const guint8 *) MARKER, strlen (MARKER)));
  g_assert_false (assay_test_file_contains (wal, (const guint8 *) MARKER, strlen (MARKER)));
  for (guint i = 0; i < secrets->len; i++)
    {
      gsize len;
      const guint8 *secret = g_bytes_get_data (g_ptr_array_index (secrets, i), &len);

      g_assert_false (assay_test_file_contains (f.replica, secret, len));
      g_assert_false (assay_test_file_contains (wal, secret, len));
    }

  assert_verifies (f.replica);
  assert_quarter_columns (f.replica);
  assert_same_as_fresh (&f, f.central->url);
  fixture_teardown (&f);
}

/* A first sync large enough to rebuild the indexes at the end, with a
 * tombstone in the middle of it. */
static void
test_bulk_with_tombstone (void)
{
  Fixture f = { NULL };
  g_autofree char *marked = assay_test_lines (5000, 100, "forget-me", MARKER);
  g_autofree char *after = assay_test_lines (5100, 500, NULL, NULL);
  g_autofree char *wal = NULL;
  g_autofree char *journal = NULL;
  g_autoptr(AssayReplicaStatus) status = NULL;

  fixture_setup (&f, 5000);
  assay_test_central_import (f.central, marked);
  assay_test_central_erase (f.central, "forget-me", "2025-01-01", "2025-12-31");
  assay_test_central_import (f.central, after);
  assert_synced (f.replica, f.central->url, f.central->key);

  /* Erased within the first sync itself: nothing of it in any file. */
  wal = g_strconcat (f.replica, "-wal", NULL);
  journal = g_strconcat (f.replica, "-journal", NULL);
  g_assert_false (assay_test_file_contains (f.replica, (const guint8 *) MARKER, strlen (MARKER)));
  g_assert_false (assay_test_file_contains (wal, (const guint8 *) MARKER, strlen (MARKER)));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_true (header_says_wal (f.replica));

  status = assay_test_replica_status (f.replica);
  g_assert_cmpuint (status->size, ==, 5601);
  g_assert_cmpuint (status->n_erased, ==, 100);
  g_assert_cmpuint (status->n_withheld, ==, 0);
  g_assert_cmpuint (status->n_accounts, ==, 10);
  assert_verifies (f.replica);
  assert_quarter_columns (f.replica);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AssayReplica) replica = assay_replica_open (f.replica, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
    g_autoptr(GPtrArray) rows = assay_replica_list_entries (replica, "acct-0003", 0, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 550);
  }
  fixture_teardown (&f);
}

/* ---- verify: a replica changed outside Assay ---------------------------------------- */

static void
tamper_sql (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), >, 0);
  sqlite3_close (db);
}

/* Read-only, verify reports the discrepancy and writes nothing; writable,
 * it records an alert of the right kind with its evidence, and sync is
 * refused until the alert is cleared. */
static void
test_verify_alert (gconstpointer data)
{
  const char *what = data;
  gboolean body = g_str_equal (what, "body");
  Fixture f = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayReplicaStatus) status = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *evidence = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JsonObject *root;

  fixture_setup (&f, 300);
  assert_synced (f.replica, f.central->url, f.central->key);
  /* Entry 7's body is an event (not every tenth entry): one more point. */
  tamper_sql (f.replica, body ? "UPDATE entries SET body = replace (body, '\"points\":', '\"points\":1') "
                                "WHERE idx = 7"
                              : "UPDATE account_quarter SET points = points + 1 WHERE account_id = "
                                "(SELECT min (account_id) FROM account_quarter)");
  before = assay_test_dump_replica (f.replica, TRUE);

  replica = assay_replica_open (f.replica, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (assay_replica_verify (replica, NULL, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_assert_nonnull (strstr (error->message, body ? "entry 7 does not match its commitment"
                                                 : "account_quarter"));
  g_clear_error (&error);
  g_clear_object (&replica);
  after = assay_test_dump_replica (f.replica, TRUE);
  g_assert_cmpstr (after, ==, before);

  replica = assay_replica_open (f.replica, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (assay_replica_verify (replica, NULL, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_SECURITY);
  g_assert_nonnull (strstr (error->message, "recorded"));
  g_clear_error (&error);
  g_assert_cmpint (assay_replica_get_alert (replica), ==, body ? ASSAY_ALERT_BODY : ASSAY_ALERT_REPLICA);
  status = assay_replica_get_status (replica, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (status->alert_message, "Verification failed"));
  g_assert_cmpuint (status->size, ==, 300);

  evidence = assay_replica_get_evidence (replica, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, evidence, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "alert"), ==, body ? "body" : "replica");
  g_assert_cmpstr (json_object_get_string_member (root, "check"), ==, "replica-verify");
  g_assert_true (json_object_has_member (root, "stored_checkpoint"));
  if (body)
    {
      g_assert_cmpint (json_object_get_int_member (root, "index"), ==, 7);
      g_assert_cmpstr (json_object_get_string_member (root, "stored_commitment"), !=,
                       json_object_get_string_member (root, "recomputed_commitment"));
      g_assert_nonnull (strstr (json_object_get_string_member (root, "stored_body"), "\"points\":1"));
    }
  g_clear_object (&replica);

  /* Verifying again adds no second alert over the first. */
  replica = assay_replica_open (f.replica, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  g_assert_false (assay_replica_verify (replica, NULL, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_clear_error (&error);
  g_clear_object (&replica);

  g_assert_false (sync_replica (f.replica, f.central->url, f.central->key, 5, NULL, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_SECURITY);
  g_assert_nonnull (strstr (error->message, "refused"));
  fixture_teardown (&f);
}

int
main (int argc, char **argv)
{
  g_setenv ("LC_ALL", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/assay/sync/happy-path", test_happy_path);
  g_test_add_func ("/assay/sync/async-progress", test_async_progress);
  g_test_add_func ("/assay/sync/partial-tiles-replaced", test_partial_tiles_replaced);
  g_test_add_data_func ("/assay/sync/alert/tampered-tile", "tile", test_alert_tampered);
  g_test_add_data_func ("/assay/sync/alert/tampered-entry-bundle", "entries", test_alert_tampered);
  g_test_add_data_func ("/assay/sync/alert/tampered-body", "body", test_alert_tampered);
  /* A later bundle that fails to arrive must not hide an earlier tampered one. */
  g_test_add_data_func ("/assay/sync/alert/tampered-body-then-500", "body-then-500", test_alert_tampered);
  g_test_add_data_func ("/assay/sync/alert/swapped-salt", "salt", test_alert_tampered);
  g_test_add_data_func ("/assay/sync/alert/forged-signature", "signature", test_alert_tampered);
  g_test_add_func ("/assay/sync/alert/unknown-key", test_alert_unknown_key);
  g_test_add_data_func ("/assay/sync/verify/tampered-body", "body", test_verify_alert);
  g_test_add_data_func ("/assay/sync/verify/tampered-aggregate", "aggregate", test_verify_alert);
  g_test_add_data_func ("/assay/sync/alert/rollback", "rollback", test_alert_history);
  g_test_add_data_func ("/assay/sync/alert/equivocation", "equivocation", test_alert_history);
  g_test_add_data_func ("/assay/sync/alert/fork", "fork", test_alert_history);
  g_test_add_data_func ("/assay/sync/fault/http-404", "404", test_fault);
  g_test_add_data_func ("/assay/sync/fault/http-500", "500", test_fault);
  g_test_add_data_func ("/assay/sync/fault/truncated-body", "truncated", test_fault);
  g_test_add_data_func ("/assay/sync/fault/truncated-tile", "truncated-tile", test_fault);
  g_test_add_data_func ("/assay/sync/fault/stall", "stall", test_fault);
  g_test_add_func ("/assay/sync/fault/server-killed", test_server_killed);
  g_test_add_func ("/assay/sync/fault/client-killed", test_client_killed);
  g_test_add_func ("/assay/sync/fault/client-killed-fresh", test_client_killed_fresh);
  g_test_add_func ("/assay/sync/fresh-with-reader", test_fresh_with_reader);
  g_test_add_func ("/assay/sync/erasure-purge", test_erasure_purge);
  g_test_add_func ("/assay/sync/bulk-with-tombstone", test_bulk_with_tombstone);
  g_test_add_func ("/assay/sync/roster-and-decision", test_signed_entries);
  g_test_add_func ("/assay/sync/filings", test_filings);
  g_test_add_func ("/assay/sync/quarter-columns", test_quarter_columns);
  g_test_add_func ("/assay/sync/quarter-columns-migration", test_quarter_columns_migration);
  return g_test_run ();
}
