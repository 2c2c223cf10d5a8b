/* test-refresh.c — the incremental flag refresh equals a full evaluation
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

#include <json-glib/json-glib.h>
#include <string.h>

#include "assay-day.h"
#include "assay-replica-cases.h"
#include "assay-replica-series.h"
#include "assay-rule-cases.h"
#include "assay-test-central.h"
#include "assay-test-lines.h"
#include "assay-test-util.h"

/* ---- crafted lines (as tests/test-breakers.c writes them) ---------------- */

static guint32 jan1;

static char *
date_of (guint32 day)
{
  return assay_day_format (day);
}

/* Points in one dimension, or in two in turn (no quarter concentrated)
 * when `dimension` is NULL. */
static void
add_points (GString    *out,
            const char *account,
            const char *dimension,
            int         points,
            guint32     day)
{
  g_autofree char *activity = g_strdup_printf ("H-%s-%u-%d", account, day, points);

  if (dimension == NULL)
    dimension = day % 2 ? "professional" : "knowledge";
  assay_test_append_event (out, account, dimension, points, day, "310118", "hours", activity, NULL);
}

/* The first part of the ledger: two months of county history, accounts
 * with flags that the second part does not touch (a concentrated quarter,
 * a growth, a ring), calm accounts, and the accounts the second part
 * changes. */
static char *
first_part (void)
{
  GString *out = g_string_new (NULL);
  const char *ring[] = { "ring-a", "ring-b", "ring-c" };

  for (guint32 d = jan1; d < jan1 + 59; d++)
    assay_test_append_redemptions (out, "110101", 2, d);
  /* Kept: X.concentration in Q1. */
  add_points (out, "acct-conc", "professional", 800, jan1 + 20);
  add_points (out, "acct-conc", "knowledge", 200, jan1 + 21);
  /* Kept: a growth window on days 40–46 (the account is 40 days old). */
  for (guint32 d = jan1; d < jan1 + 31; d++)
    add_points (out, "acct-young", NULL, 20, d);
  for (guint32 d = jan1 + 40; d < jan1 + 47; d++)
    add_points (out, "acct-young", NULL, 50, d);
  /* Calm. */
  for (guint k = 0; k < 20; k++)
    {
      g_autofree char *calm = g_strdup_printf ("calm-%02u", k);

      add_points (out, calm, "professional", 300, jan1 + k);
      add_points (out, calm, "knowledge", 300, jan1 + k + 1);
    }
  /* Changed later: balanced now, concentrated after the second part. */
  add_points (out, "acct-newx", "professional", 300, jan1 + 5);
  add_points (out, "acct-newx", "knowledge", 300, jan1 + 6);
  /* Changed later: steady through January, a burst in the second part. */
  for (guint32 d = jan1; d < jan1 + 31; d++)
    add_points (out, "acct-grow", NULL, 20, d);
  /* Changed later: concentrated now (a flag), balanced after. */
  add_points (out, "acct-shift", "ecological", 900, jan1 + 10);
  /* A ring: three accounts on the same ten community activity days. */
  for (guint k = 0; k < 10; k++)
    {
      g_autofree char *activity = g_strdup_printf ("CS-R-%u", k);

      for (guint m = 0; m < G_N_ELEMENTS (ring); m++)
        assay_test_append_event (out, ring[m], "community", 10, jan1 + 3 * k, "310118", "community", activity,
                                 "confirmer-0001");
    }
  return g_string_free (out, FALSE);
}

/* The second part touches few accounts: acct-newx breaks Article X, the
 * growth window of acct-grow trips, acct-shift is no longer concentrated,
 * and county 110101 spikes on 1 March (its 20 requesting accounts). */
static char *
second_part (void)
{
  GString *out = g_string_new (NULL);

  add_points (out, "acct-newx", "professional", 1000, jan1 + 7);
  for (guint32 d = jan1 + 40; d < jan1 + 47; d++)
    add_points (out, "acct-grow", NULL, 50, d);
  add_points (out, "acct-shift", "knowledge", 900, jan1 + 11);
  assay_test_append_redemptions (out, "110101", 20, jan1 + 59);
  return g_string_free (out, FALSE);
}

/* Accounts with records in the second part: 3 with events, 20 requesters. */
#define N_CHANGED_EVENT_ACCOUNTS 3
#define N_CHANGED_ACCOUNTS (N_CHANGED_EVENT_ACCOUNTS + 20)

/* ---- fixture -------------------------------------------------------------- */

typedef struct
{
  AssayTestCentral *central;
  char             *dir;
  char             *replica;
  char             *pilot;
} Fixture;

static void
sync_replica (Fixture    *f,
              const char *rule_set)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", f->replica, "sync", "--server", f->central->url,
                                        "--log-key", f->central->key, "--rule-set", rule_set, NULL), ==, 0);
}

/* Syncs without computing flags: a rule set that cannot be read leaves
 * the stored run as it was (the sync itself succeeds). */
static void
sync_only (Fixture *f)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.json", NULL);

  sync_replica (f, missing);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *lines = first_part ();

  f->central = assay_test_central_new ("refresh.test/log");
  f->dir = assay_test_mkdtemp ();
  f->replica = g_build_filename (f->dir, "replica.db", NULL);
  f->pilot = assay_test_pilot_rules ();
  assay_test_central_import (f->central, lines);
  assay_test_central_start (f->central);
  /* The first sync stores a full evaluation with its run. */
  sync_replica (f, f->pilot);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  assay_test_central_free (f->central);
  assay_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->replica);
  g_free (f->pilot);
}

static void
import_second_part (Fixture *f)
{
  g_autofree char *lines = second_part ();

  assay_test_central_import (f->central, lines);
}

static AssayReplica *
open_replica (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  AssayReplica *replica = assay_replica_open (f->replica, ASSAY_REPLICA_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return replica;
}

static AssayRuleSet *
load_set (const char *path)
{
  g_autoptr(GError) error = NULL;
  AssayRuleSet *set = assay_rule_set_new_from_file (path, &error);

  g_assert_no_error (error);
  return set;
}

static AssayRuleRefreshReport
refresh (AssayReplica *replica,
         AssayRuleSet *set)
{
  g_autoptr(GError) error = NULL;
  AssayRuleRefreshReport report;

  g_assert_true (assay_rule_flags_refresh_report (replica, set, TRUE, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  return report;
}

/* ---- comparison ----------------------------------------------------------- */

/* The flag's JSON without its checkpoint member, which records when it was
 * computed, not what. */
static char *
json_without_checkpoint (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *o;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (o, "checkpoint"));
  json_object_remove_member (o, "checkpoint");
  return json_to_string (json_parser_get_root (parser), FALSE);
}

/* id → "columns\njson without checkpoint" */
static GHashTable *
describe (GPtrArray *flags)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < flags->len; i++)
    {
      const AssayStoredFlag *f = g_ptr_array_index (flags, i);
      g_autofree char *json = json_without_checkpoint (f->json);
      g_autofree char *members = f->members != NULL ? g_strjoinv (",", f->members) : g_strdup ("");

      g_assert_false (g_hash_table_contains (table, f->id));
      g_hash_table_insert (table, g_strdup (f->id),
                           g_strdup_printf ("%s|%s|%s|%s|%d|%s|%s|%u|%u|%s|%s\n%s", f->rule, f->article,
                                            f->action, f->severity, f->severity_rank, f->subject_kind,
                                            f->subject_id, f->from, f->to,
                                            f->county != NULL ? f->county : "-", members, json));
    }
  return table;
}

/* The stored flags equal a full evaluation over the same replica (ids,
 * columns, JSON but the checkpoint); returns how many. */
static guint
assert_equals_full (AssayReplica *replica,
                    AssayRuleSet *set)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stored = assay_replica_list_flags (replica, &error);
  g_autoptr(GPtrArray) evaluated = assay_rule_flags_evaluate (set, replica, assay_rule_flags_language (),
                                                              NULL, NULL, &error);
  g_autoptr(GPtrArray) full = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_stored_flag_free);
  g_autoptr(GHashTable) a = NULL;
  g_autoptr(GHashTable) b = NULL;
  GHashTableIter iter;
  gpointer id, text;

  g_assert_no_error (error);
  for (guint i = 0; i < evaluated->len; i++)
    {
      AssayStoredFlag *f = assay_rule_flag_to_stored (g_ptr_array_index (evaluated, i), replica, &error);

      g_assert_no_error (error);
      g_ptr_array_add (full, f);
    }
  a = describe (stored);
  b = describe (full);
  g_hash_table_iter_init (&iter, b);
  while (g_hash_table_iter_next (&iter, &id, &text))
    {
      if (!g_hash_table_contains (a, id))
        g_error ("flag %s of the full evaluation is not stored:\n%s", (char *) id, (char *) text);
      g_assert_cmpstr (g_hash_table_lookup (a, id), ==, text);
    }
  g_assert_cmpuint (g_hash_table_size (a), ==, g_hash_table_size (b));
  return g_hash_table_size (b);
}

static guint
count_rule (AssayReplica *replica,
            const char   *rule,
            const char   *subject_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stored = assay_replica_list_flags (replica, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < stored->len; i++)
    {
      const AssayStoredFlag *f = g_ptr_array_index (stored, i);

      n += strcmp (f->rule, rule) == 0 && strcmp (f->subject_id, subject_id) == 0;
    }
  return n;
}

/* ---- tests ---------------------------------------------------------------- */

/* The first part's flags, before anything changes. */
static void
assert_first_part_flags (AssayReplica *replica)
{
  g_assert_cmpuint (count_rule (replica, "X.concentration", "acct-conc"), ==, 1);
  g_assert_cmpuint (count_rule (replica, "X.concentration", "acct-shift"), ==, 1);
  g_assert_cmpuint (count_rule (replica, "X.concentration", "acct-newx"), ==, 0);
  g_assert_cmpuint (count_rule (replica, "6.1.account_growth", "acct-young"), ==, 1);
  g_assert_cmpuint (count_rule (replica, "6.1.account_growth", "acct-grow"), ==, 0);
  g_assert_cmpuint (count_rule (replica, "6.1.county_spike", "110101"), ==, 0);
}

/* Sync the rest, refresh: only the changed accounts are evaluated, the
 * others' flags are kept, and the result is the full evaluation's. */
static void
test_incremental (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(AssayRuleSet) set = load_set (f->pilot);
  g_autoptr(AssayFlagRun) before = NULL;
  g_autoptr(AssayFlagRun) after = NULL;
  AssayRuleRefreshReport report;
  guint64 first_size;

  {
    g_autoptr(AssayReplica) replica = open_replica (f);

    assert_first_part_flags (replica);
    assert_equals_full (replica, set);
    before = assay_replica_get_flag_run (replica, NULL);
    first_size = before->checkpoint_size;
    g_assert_cmpuint (first_size, ==, assay_replica_get_size (replica));
  }
  import_second_part (f);
  sync_only (f);
  {
    g_autoptr(AssayReplica) replica = open_replica (f);
    g_autoptr(GArray) changed = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(AssayCase) newx = NULL;

    /* The stored run did not move. */
    after = assay_replica_get_flag_run (replica, NULL);
    g_assert_cmpuint (after->checkpoint_size, ==, first_size);
    g_assert_cmpuint (assay_replica_get_size (replica), >, first_size);
    g_assert_true (assay_replica_accounts_changed_since (replica, first_size, after->checkpoint_root,
                                                         &changed, &error));
    g_assert_no_error (error);
    g_assert_nonnull (changed);
    g_assert_cmpuint (changed->len, ==, N_CHANGED_ACCOUNTS);

    report = refresh (replica, set);
    g_assert_true (report.incremental);
    g_assert_cmpuint (report.since_size, ==, first_size);
    g_assert_cmpuint (report.checkpoint_size, ==, assay_replica_get_size (replica));
    g_assert_cmpuint (report.n_changed, ==, N_CHANGED_ACCOUNTS);
    /* Of them, those with events: the requesters have no account subject. */
    g_assert_cmpuint (report.n_accounts, ==, N_CHANGED_EVENT_ACCOUNTS);
    /* acct-conc and acct-young's flags. */
    g_assert_cmpuint (report.n_kept, ==, 2);

    g_assert_cmpuint (count_rule (replica, "X.concentration", "acct-conc"), ==, 1);
    g_assert_cmpuint (count_rule (replica, "X.concentration", "acct-newx"), ==, 1);
    g_assert_cmpuint (count_rule (replica, "X.concentration", "acct-shift"), ==, 0);
    g_assert_cmpuint (count_rule (replica, "6.1.account_growth", "acct-grow"), ==, 1);
    g_assert_cmpuint (count_rule (replica, "6.1.account_growth", "acct-young"), ==, 1);
    g_assert_cmpuint (count_rule (replica, "6.1.county_spike", "110101"), ==, 1);
    g_assert_cmpuint (count_rule (replica, "6.1.lockstep_ring", "ring-a"), ==, 0);
    g_assert_cmpuint (report.n_flags, ==, assert_equals_full (replica, set));

    /* The new flag opened its case. */
    newx = assay_replica_find_case (replica, "account", "acct-newx", &error);
    g_assert_no_error (error);
    g_assert_nonnull (newx);

    /* Nothing new: nothing but the county days and rings again. */
    report = refresh (replica, set);
    g_assert_true (report.incremental);
    g_assert_cmpuint (report.n_changed, ==, 0);
    g_assert_cmpuint (report.n_accounts, ==, 0);
    g_assert_cmpuint (report.n_flags, ==, assert_equals_full (replica, set));

    /* Not allowed: a full evaluation, the same flags. */
    g_assert_true (assay_rule_flags_refresh_report (replica, set, FALSE, NULL, NULL, &report, &error));
    g_assert_no_error (error);
    g_assert_false (report.incremental);
    g_assert_cmpuint (report.n_accounts, >, 20);
    assert_equals_full (replica, set);
  }
}

/* A changed rule set: its flags are evaluated in full. */
static void
test_rule_set_changed (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(AssayRuleSet) draft = NULL;
  g_autofree char *text = NULL;
  g_autofree char *draft_path = g_build_filename (f->dir, "draft.json", NULL);
  g_autoptr(GString) edited = NULL;

  g_assert_true (g_file_get_contents (f->pilot, &text, NULL, NULL));
  edited = g_string_new (text);
  g_assert_cmpuint (g_string_replace (edited, "\"min_spike_requests\": 20", "\"min_spike_requests\": 19", 1),
                    ==, 1);
  g_assert_true (g_file_set_contents (draft_path, edited->str, -1, NULL));
  draft = load_set (draft_path);

  import_second_part (f);
  sync_only (f);
  {
    g_autoptr(AssayReplica) replica = open_replica (f);
    AssayRuleRefreshReport report = refresh (replica, draft);

    g_assert_false (report.incremental);
    g_assert_cmpuint (report.n_kept, ==, 0);
    g_assert_cmpuint (report.n_accounts, >, N_CHANGED_ACCOUNTS);
    g_assert_cmpuint (report.n_flags, ==, assert_equals_full (replica, draft));
    /* And then incremental again, on the draft's run. */
    report = refresh (replica, draft);
    g_assert_true (report.incremental);
    assert_equals_full (replica, draft);
  }
}

/* A year rule that counts the other rules' flags on the account: the
 * year subjects of the changed accounts see their new flags. */
static const char year_rule[] =
  "\"rules\": [{\"id\":\"Y.reviewed\",\"article\":\"test\",\"subject\":\"account_year\","
  "\"action\":\"review\",\"severity\":\"low\",\"when\":{\"op\":\">=\",\"args\":"
  "[{\"feature\":\"year.reviews\"},{\"const\":1}]},\"explain\":{\"en\":\"{year.reviews} reviews, "
  "{year.entries} entries, {year.points} points\",\"zh_CN\":\"{year.reviews}\"}},";

static void
test_years (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(AssayRuleSet) years = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = g_build_filename (f->dir, "years.json", NULL);
  g_autoptr(GString) edited = NULL;

  g_assert_true (g_file_get_contents (f->pilot, &text, NULL, NULL));
  edited = g_string_new (text);
  g_assert_cmpuint (g_string_replace (edited, "\"rules\": [", year_rule, 1), ==, 1);
  g_assert_true (g_file_set_contents (path, edited->str, -1, NULL));
  years = load_set (path);
  {
    g_autoptr(AssayReplica) replica = open_replica (f);
    AssayRuleRefreshReport report = refresh (replica, years);

    g_assert_false (report.incremental);
    g_assert_cmpuint (count_rule (replica, "Y.reviewed", "acct-shift"), ==, 1);
    g_assert_cmpuint (count_rule (replica, "Y.reviewed", "acct-newx"), ==, 0);
  }
  import_second_part (f);
  sync_only (f);
  {
    g_autoptr(AssayReplica) replica = open_replica (f);
    AssayRuleRefreshReport report = refresh (replica, years);

    g_assert_true (report.incremental);
    g_assert_cmpuint (report.n_accounts, ==, N_CHANGED_EVENT_ACCOUNTS);
    g_assert_cmpuint (count_rule (replica, "Y.reviewed", "acct-conc"), ==, 1);
    g_assert_cmpuint (count_rule (replica, "Y.reviewed", "acct-shift"), ==, 0);
    g_assert_cmpuint (count_rule (replica, "Y.reviewed", "acct-newx"), ==, 1);
    g_assert_cmpuint (report.n_flags, ==, assert_equals_full (replica, years));
  }
}

/* A tombstone after the stored run (part of one account's entries, then
 * all of another's): a full evaluation, equal to one. */
static void
test_tombstone (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AssayRuleSet) set = load_set (f->pilot);
  g_autofree char *from = date_of (jan1 + 40);
  g_autofree char *to = date_of (jan1 + 46);

  import_second_part (f);
  /* acct-young's burst goes: its growth flag must go too. */
  assay_test_central_erase (f->central, "acct-young", from, to);
  assay_test_central_erase (f->central, "acct-conc", "2025-01-01", "2025-12-31");
  sync_only (f);
  {
    g_autoptr(AssayReplica) replica = open_replica (f);
    g_autoptr(AssayFlagRun) run = assay_replica_get_flag_run (replica, NULL);
    g_autoptr(GArray) changed = NULL;
    g_autoptr(GError) error = NULL;
    AssayRuleRefreshReport report;

    g_assert_true (assay_replica_accounts_changed_since (replica, run->checkpoint_size, run->checkpoint_root,
                                                         &changed, &error));
    g_assert_no_error (error);
    g_assert_null (changed);
    report = refresh (replica, set);
    g_assert_false (report.incremental);
    g_assert_cmpuint (count_rule (replica, "6.1.account_growth", "acct-young"), ==, 0);
    g_assert_cmpuint (count_rule (replica, "X.concentration", "acct-conc"), ==, 0);
    g_assert_cmpuint (count_rule (replica, "X.concentration", "acct-newx"), ==, 1);
    g_assert_cmpuint (report.n_flags, ==, assert_equals_full (replica, set));
  }
}

/* An unknown checkpoint, or one past the replica's size: no set of
 * accounts. */
static void
test_unknown_checkpoint (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(AssayReplica) replica = open_replica (f);
  g_autoptr(AssayFlagRun) run = assay_replica_get_flag_run (replica, NULL);
  g_autoptr(GArray) changed = NULL;
  g_autoptr(GError) error = NULL;
  guint8 other[ASSAY_HASH_SIZE];

  memcpy (other, run->checkpoint_root, ASSAY_HASH_SIZE);
  other[0] ^= 1;
  g_assert_true (assay_replica_accounts_changed_since (replica, run->checkpoint_size, other, &changed, &error));
  g_assert_no_error (error);
  g_assert_null (changed);
  g_assert_true (assay_replica_accounts_changed_since (replica, run->checkpoint_size + 1, run->checkpoint_root,
                                                       &changed, &error));
  g_assert_null (changed);
  g_assert_true (assay_replica_accounts_changed_since (replica, run->checkpoint_size, run->checkpoint_root,
                                                       &changed, &error));
  g_assert_nonnull (changed);
  g_assert_cmpuint (changed->len, ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (assay_day_parse ("2025-01-01", -1, &jan1));

#define ADD(path, func) \
  g_test_add ("/assay/refresh/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("incremental", test_incremental);
  ADD ("rule-set-changed", test_rule_set_changed);
  ADD ("years", test_years);
  ADD ("tombstone", test_tombstone);
  ADD ("unknown-checkpoint", test_unknown_checkpoint);
#undef ADD
  return g_test_run ();
}
