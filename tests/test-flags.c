/* test-flags.c — `assayctl flags`: Article X over crafted quarters and the generator's truth
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
#include <math.h>
#include <string.h>

#include "assay-day.h"
#include "assay-replica-features.h"
#include "assay-test-central.h"
#include "assay-test-util.h"

/* One event of `points` (negative: a deduction) on `day` of `month`. */
static void
add_event (GString    *out,
           const char *account,
           const char *dimension,
           int         points,
           guint       year,
           guint       month,
           guint       day,
           guint       serial)
{
  g_autofree char *id = g_strdup_printf ("%s-%s-%u-%u-%u-%d", account, dimension, year, month, serial,
                                         points);
  g_autofree char *evidence = g_compute_checksum_for_string (G_CHECKSUM_SHA256, id, -1);

  g_string_append_printf (out,
    "{\"kind\":\"event\",\"account\":\"%s\",\"account_kind\":\"individual\","
    "\"dimension\":\"%s\",\"points\":%d,\"event_date\":\"%04u-%02u-%02u\","
    "\"publication_date\":\"%04u-%02u-%02u\",\"county\":\"310118\",\"issuer\":\"issuer\","
    "\"distributor\":\"volunteers\",\"rule\":{\"id\":\"hours\",\"inputs\":{\"hours\":1}},"
    "\"activity\":\"%s\",\"confirmer\":null,\"evidence\":\"%s\"}\n",
    account, dimension, points, year, month, day, year, month, day + 10, id, evidence);
}

/* `points` as events of 10 points (so a quarter's total is exact), on
 * days 1–18 of `month`. */
static void
add_events (GString    *out,
            const char *account,
            const char *dimension,
            guint       points,
            guint       year,
            guint       month)
{
  for (guint i = 0; i < points / 10; i++)
    add_event (out, account, dimension, 10, year, month, 1 + i % 18, i);
}

/* Quarters of 2025, by their first month. */
#define Q1 2
#define Q2 5
#define Q3 8

static char *
crafted_lines (void)
{
  GString *out = g_string_new (NULL);

  /* 71 % of 1000: flagged in Q1; Q2 is balanced. */
  add_events (out, "acct-conc", "professional", 710, 2025, Q1);
  add_events (out, "acct-conc", "knowledge", 290, 2025, Q1);
  add_events (out, "acct-conc", "professional", 500, 2025, Q2);
  add_events (out, "acct-conc", "knowledge", 500, 2025, Q2);
  /* Decoys: 69 %, exactly 70 % (the plan says "over"), and a genuine
   * specialist at 100 % of 400 points, under the minimum total. */
  add_events (out, "acct-decoy", "professional", 690, 2025, Q1);
  add_events (out, "acct-decoy", "knowledge", 310, 2025, Q1);
  add_events (out, "acct-exact", "professional", 700, 2025, Q1);
  add_events (out, "acct-exact", "knowledge", 300, 2025, Q1);
  add_events (out, "acct-small", "professional", 400, 2025, Q1);
  /* Community over 70 % in Q1, Q2 and Q3: concentration three times, one
   * down-weight at Q2, none at Q3 while it is in effect. */
  add_events (out, "acct-consec", "community", 800, 2025, Q1);
  add_events (out, "acct-consec", "data", 200, 2025, Q1);
  add_events (out, "acct-consec", "community", 900, 2025, Q2);
  add_events (out, "acct-consec", "data", 100, 2025, Q2);
  add_events (out, "acct-consec", "community", 1000, 2025, Q3);
  /* Over 70 % twice but in another dimension each time: no down-weight. */
  add_events (out, "acct-switch", "community", 800, 2025, Q1);
  add_events (out, "acct-switch", "data", 200, 2025, Q1);
  add_events (out, "acct-switch", "data", 800, 2025, Q2);
  add_events (out, "acct-switch", "community", 200, 2025, Q2);
  /* Q1 and Q3 without Q2: not consecutive. */
  add_events (out, "acct-gap", "ecological", 1000, 2025, Q1);
  add_events (out, "acct-gap", "ecological", 1000, 2025, Q3);
  /* Deductions: a dimension whose sum is negative counts 0 in the total.
   * 700 / 300 / 100 − 200 is exactly 70 % of 1000 (not over; over a net
   * total of 900 it would be 77.8 %); 650 / 400 − 300 is 650 of 750. */
  add_events (out, "acct-deduct", "professional", 700, 2025, Q1);
  add_events (out, "acct-deduct", "knowledge", 300, 2025, Q1);
  add_events (out, "acct-deduct", "data", 100, 2025, Q1);
  add_event (out, "acct-deduct", "data", -200, 2025, Q1, 18, 0);
  add_events (out, "acct-deduct2", "professional", 650, 2025, Q1);
  add_events (out, "acct-deduct2", "knowledge", 400, 2025, Q1);
  add_event (out, "acct-deduct2", "knowledge", -300, 2025, Q1, 18, 0);
  return g_string_free (out, FALSE);
}

static JsonObject *
find_flag (JsonArray  *flags,
           const char *rule,
           const char *account,
           const char *from)
{
  for (guint i = 0; i < json_array_get_length (flags); i++)
    {
      JsonObject *f = json_array_get_object_element (flags, i);
      JsonObject *subject = json_object_get_object_member (f, "subject");
      JsonObject *period = json_object_get_object_member (f, "period");

      if (strcmp (json_object_get_string_member (f, "rule"), rule) == 0 &&
          strcmp (json_object_get_string_member (subject, "id"), account) == 0 &&
          strcmp (json_object_get_string_member (period, "from"), from) == 0)
        return f;
    }
  return NULL;
}

static void
check_id (JsonObject *flag,
          const char *sha256)
{
  JsonObject *subject = json_object_get_object_member (flag, "subject");
  JsonObject *period = json_object_get_object_member (flag, "period");
  g_autofree char *bytes = g_strdup_printf ("%s\n%s\naccount\n%s\n%s\n%s", sha256,
                                            json_object_get_string_member (flag, "rule"),
                                            json_object_get_string_member (subject, "id"),
                                            json_object_get_string_member (period, "from"),
                                            json_object_get_string_member (period, "to"));
  g_autofree char *id = g_compute_checksum_for_string (G_CHECKSUM_SHA256, bytes, -1);

  g_assert_cmpstr (json_object_get_string_member (flag, "id"), ==, id);
}

static gsize
find_subject (const AssayQuarterFeatures *f,
              const char                 *account,
              guint32                     quarter)
{
  for (gsize i = 0; i < f->n; i++)
    if (strcmp (f->account[i], account) == 0 && f->quarter[i] == quarter)
      return i;
  g_assert_not_reached ();
}

/* The replica function itself: one quarter with its previous one, and
 * every quarter; missing values where there is nothing to read. */
static void
check_features (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  g_autoptr(AssayQuarterFeatures) q2 = NULL;
  g_autoptr(AssayQuarterFeatures) all = NULL;
  g_autofree char *first = NULL, *last = NULL;
  guint32 from, to;
  gsize i;

  g_assert_no_error (error);
  q2 = assay_replica_quarter_features (replica, 20252, &error);
  g_assert_no_error (error);
  /* acct-conc, acct-consec, acct-switch have Q2 events; nobody else. */
  g_assert_cmpuint (q2->n, ==, 3);
  i = find_subject (q2, "acct-consec", 20252);
  g_assert_cmpfloat (q2->total[i], ==, 1000);
  g_assert_cmpfloat_with_epsilon (q2->share[ASSAY_DIMENSION_COMMUNITY][i], 0.9, 1e-12);
  g_assert_cmpfloat (q2->share[ASSAY_DIMENSION_PROFESSIONAL][i], ==, 0);
  g_assert_cmpstr (q2->max_dimension[i], ==, "community");
  g_assert_cmpfloat (q2->previous_total[i], ==, 1000);
  g_assert_cmpfloat_with_epsilon (q2->previous_max_share[i], 0.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (q2->previous_share[ASSAY_DIMENSION_DATA][i], 0.2, 1e-12);
  g_assert_cmpstr (q2->previous_max_dimension[i], ==, "community");

  all = assay_replica_quarter_features (replica, 0, &error);
  g_assert_no_error (error);
  /* 9 accounts in Q1, 3 in Q2, 2 in Q3. */
  g_assert_cmpuint (all->n, ==, 14);
  g_assert_cmpuint (all->checkpoint_size, ==, q2->checkpoint_size);
  i = find_subject (all, "acct-gap", 20253);
  g_assert_true (isnan (all->previous_total[i]));   /* no Q2: missing, not 0 */
  g_assert_true (isnan (all->previous_max_share[i]));
  g_assert_null (all->previous_max_dimension[i]);
  i = find_subject (all, "acct-deduct", 20251);
  g_assert_cmpfloat (all->total[i], ==, 1000);     /* data: 100 − 200 counts 0 */
  g_assert_cmpfloat (all->share[ASSAY_DIMENSION_DATA][i], ==, 0);
  g_assert_cmpfloat_with_epsilon (all->max_share[i], 0.7, 1e-15);

  g_assert_cmpuint (assay_quarter_previous (20251), ==, 20244);
  g_assert_cmpuint (assay_quarter_previous (20253), ==, 20252);
  assay_quarter_get_days (20244, &from, &to);
  first = assay_day_format (from);
  last = assay_day_format (to);
  g_assert_cmpstr (first, ==, "2024-10-01");
  g_assert_cmpstr (last, ==, "2024-12-31");
}

static void
test_crafted (void)
{
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("flags.test/log");
  g_autofree char *lines = crafted_lines ();
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *replica = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *pilot = assay_test_pilot_rules ();
  g_autofree char *out = NULL, *err = NULL, *sha = NULL, *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) status_parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *expected[][3] = {
    { "X.concentration", "acct-conc", "2025-01-01" },
    { "X.concentration", "acct-consec", "2025-01-01" },
    { "X.concentration", "acct-consec", "2025-04-01" },
    { "X.concentration", "acct-consec", "2025-07-01" },
    { "X.concentration", "acct-switch", "2025-01-01" },
    { "X.concentration", "acct-switch", "2025-04-01" },
    { "X.concentration", "acct-gap", "2025-01-01" },
    { "X.concentration", "acct-gap", "2025-07-01" },
    { "X.concentration", "acct-deduct2", "2025-01-01" },
    { "X.down_weight", "acct-consec", "2025-04-01" },
  };
  JsonObject *root, *status, *f, *features, *effect;
  JsonArray *flags;

  assay_test_central_import (central, lines);
  assay_test_central_start (central);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", replica, "sync", "--server", central->url,
                             "--log-key", central->key, NULL), ==, 0);
  check_features (replica);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "status", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (status_parser, out, -1, NULL));
  status = json_node_get_object (json_parser_get_root (status_parser));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", replica, "flags", "--rule-set", pilot,
                             "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (g_file_get_contents (pilot, &text, NULL, NULL));
  sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "rule_set"),
                                                  "sha256"), ==, sha);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "rule_set"),
                                                  "name"), ==, "pilot");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "checkpoint"),
                                               "size"), ==,
                   json_object_get_int_member (status, "size"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "checkpoint"),
                                                  "root"), ==,
                   json_object_get_string_member (status, "root"));

  /* Exactly the expected flags: nothing for the decoys. */
  flags = json_object_get_array_member (root, "flags");
  g_assert_cmpuint (json_array_get_length (flags), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      f = find_flag (flags, expected[i][0], expected[i][1], expected[i][2]);
      g_assert_nonnull (f);
      check_id (f, sha);
      g_assert_cmpstr (json_object_get_string_member (f, "article"), ==, "X");
      g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (f, "checkpoint"),
                                                   "size"), ==,
                       json_object_get_int_member (status, "size"));
    }

  /* The 71 % quarter in detail: features, parameters, margin, entries. */
  f = find_flag (flags, "X.concentration", "acct-conc", "2025-01-01");
  g_assert_cmpstr (json_object_get_string_member (f, "action"), ==, "review");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (f, "period"), "to"),
                   ==, "2025-03-31");
  features = json_object_get_object_member (f, "features");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (features, "quarter.max_share"), 0.71, 1e-12);
  g_assert_cmpfloat (json_object_get_double_member (features, "quarter.total"), ==, 1000);
  /* Named by the explanation only, recorded all the same. */
  g_assert_cmpstr (json_object_get_string_member (features, "quarter.max_dimension"), ==, "professional");
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (f, "parameters"),
                                                    "concentration_share"), ==, 0.70);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_object_get_object_member (f, "margin"),
                                                                 "value"), 0.01, 1e-12);
  /* 100 events of acct-conc in Q1 (71 + 29), none of Q2. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (f, "entries")), ==, 100);
  g_assert_nonnull (strstr (json_object_get_string_member (f, "explanation"),
                            "Professional was 71.0% of the account's 1000 points"));

  f = find_flag (flags, "X.concentration", "acct-deduct2", "2025-01-01");
  features = json_object_get_object_member (f, "features");
  g_assert_cmpfloat (json_object_get_double_member (features, "quarter.total"), ==, 750);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (features, "quarter.max_share"),
                                  650.0 / 750.0, 1e-12);
  /* 65 + 40 + the deduction. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (f, "entries")), ==, 106);

  f = find_flag (flags, "X.down_weight", "acct-consec", "2025-04-01");
  g_assert_cmpstr (json_object_get_string_member (f, "action"), ==, "down_weight");
  effect = json_object_get_object_member (f, "effect");
  g_assert_cmpstr (json_object_get_string_member (effect, "dimension"), ==, "community");
  g_assert_cmpstr (json_object_get_string_member (effect, "from"), ==, "2025-07-01");
  g_assert_cmpstr (json_object_get_string_member (effect, "to"), ==, "2026-06-30");
  features = json_object_get_object_member (f, "features");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (features, "quarter.previous.max_share"),
                                  0.8, 1e-12);
  /* Both quarters' events: 100 + 100. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (f, "entries")), ==, 200);

  /* Text mode names the same flags; a refused rule set is an error. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "flags", "--rule-set", pilot, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "acct-consec"));
  g_assert_null (strstr (out, "acct-decoy"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", replica, "flags", "--rule-set", replica, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "refused"));
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", replica, "flags", "extra", NULL), ==, 2);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "flags", NULL), ==, 2);
  assay_test_rmdir (dir);
}

/* "account quarter-first-day" keys of the flags of `rule`. */
static GHashTable *
flag_keys (JsonArray  *flags,
           const char *rule)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < json_array_get_length (flags); i++)
    {
      JsonObject *f = json_array_get_object_element (flags, i);

      if (strcmp (json_object_get_string_member (f, "rule"), rule) == 0)
        g_hash_table_add (keys, g_strdup_printf ("%s %s",
          json_object_get_string_member (json_object_get_object_member (f, "subject"), "id"),
          json_object_get_string_member (json_object_get_object_member (f, "period"), "from")));
    }
  return keys;
}

static const char *
quarter_first (JsonObject *truth,
               const char *id)
{
  JsonArray *quarters = json_object_get_array_member (truth, "quarters");

  for (guint i = 0; i < json_array_get_length (quarters); i++)
    {
      JsonObject *q = json_array_get_object_element (quarters, i);

      if (strcmp (json_object_get_string_member (q, "id"), id) == 0)
        return json_object_get_string_member (q, "first");
    }
  g_assert_not_reached ();
}

/* Whether a down_weight flag of `account` covers `first` (the second
 * quarter of a truth pair): raised for that quarter, or in effect then
 * (the plan allows one a year, the truth lists every pair). */
static gboolean
down_weight_covers (JsonArray  *flags,
                    const char *account,
                    const char *dimension,
                    const char *first)
{
  for (guint i = 0; i < json_array_get_length (flags); i++)
    {
      JsonObject *f = json_array_get_object_element (flags, i);
      JsonObject *effect;

      if (strcmp (json_object_get_string_member (f, "rule"), "X.down_weight") != 0 ||
          strcmp (json_object_get_string_member (json_object_get_object_member (f, "subject"), "id"),
                  account) != 0)
        continue;
      effect = json_object_get_object_member (f, "effect");
      if (strcmp (json_object_get_string_member (effect, "dimension"), dimension) == 0 &&
          (strcmp (json_object_get_string_member (json_object_get_object_member (f, "period"), "from"),
                   first) == 0 ||
           (strcmp (json_object_get_string_member (effect, "from"), first) <= 0 &&
            strcmp (first, json_object_get_string_member (effect, "to")) <= 0)))
        return TRUE;
    }
  return FALSE;
}

/* The generator's truth defines concentration as the plan does (over 70 %
 * of a calendar quarter's event points, on event_date, with the same
 * minimum total of 500 the pilot set chose), so its list is the answer. */
static void
test_generator_truth (void)
{
  g_autoptr(AssayTestGenerated) g = assay_test_generated_flags (2000, 7);
  JsonObject *truth = g->truth;
  JsonArray *flags = g->flags;
  g_autoptr(GHashTable) found = NULL;
  JsonArray *expected, *pairs;
  guint hits = 0, covered = 0, n_down_weights = 0, n_down_weights_true = 0;
  double recall, precision, pair_recall;


  found = flag_keys (flags, "X.concentration");
  expected = json_object_get_array_member (truth, "concentration");
  g_assert_cmpuint (json_array_get_length (expected), >, 10);
  for (guint i = 0; i < json_array_get_length (expected); i++)
    {
      JsonObject *c = json_array_get_object_element (expected, i);
      g_autofree char *key = g_strdup_printf ("%s %s", json_object_get_string_member (c, "account"),
                                              quarter_first (truth, json_object_get_string_member (c, "quarter")));

      hits += g_hash_table_contains (found, key);
    }
  recall = (double) hits / json_array_get_length (expected);
  precision = g_hash_table_size (found) > 0 ? (double) hits / g_hash_table_size (found) : 0;

  pairs = json_object_get_array_member (truth, "consecutive");
  g_assert_cmpuint (json_array_get_length (pairs), >, 0);
  for (guint i = 0; i < json_array_get_length (pairs); i++)
    {
      JsonObject *c = json_array_get_object_element (pairs, i);
      JsonArray *q = json_object_get_array_member (c, "quarters");

      covered += down_weight_covers (flags, json_object_get_string_member (c, "account"),
                                     json_object_get_string_member (c, "dimension"),
                                     quarter_first (truth, json_array_get_string_element (q, 1)));
    }
  pair_recall = (double) covered / json_array_get_length (pairs);
  /* Every down_weight flag is a truth pair ending in its quarter. */
  for (guint i = 0; i < json_array_get_length (flags); i++)
    {
      JsonObject *f = json_array_get_object_element (flags, i);
      gboolean in_truth = FALSE;

      if (strcmp (json_object_get_string_member (f, "rule"), "X.down_weight") != 0)
        continue;
      n_down_weights++;
      for (guint k = 0; k < json_array_get_length (pairs) && !in_truth; k++)
        {
          JsonObject *c = json_array_get_object_element (pairs, k);
          JsonArray *q = json_object_get_array_member (c, "quarters");

          in_truth = strcmp (json_object_get_string_member (c, "account"),
                             json_object_get_string_member (json_object_get_object_member (f, "subject"), "id")) == 0 &&
                     strcmp (json_object_get_string_member (c, "dimension"),
                             json_object_get_string_member (json_object_get_object_member (f, "effect"), "dimension")) == 0 &&
                     strcmp (quarter_first (truth, json_array_get_string_element (q, 1)),
                             json_object_get_string_member (json_object_get_object_member (f, "period"), "from")) == 0;
        }
      n_down_weights_true += in_truth;
    }
  g_test_message ("X.concentration: %u truth, %u flags, recall %.4f, precision %.4f; "
                  "X.down_weight: %u truth pairs, recall %.4f, %u flags, %u of them in the truth",
                  json_array_get_length (expected), g_hash_table_size (found), recall, precision,
                  json_array_get_length (pairs), pair_recall, n_down_weights, n_down_weights_true);
  g_printerr ("# X.concentration: %u truth, %u flags, recall %.4f, precision %.4f; "
              "X.down_weight: %u truth pairs, recall %.4f, %u flags, %u of them in the truth\n",
              json_array_get_length (expected), g_hash_table_size (found), recall, precision,
              json_array_get_length (pairs), pair_recall, n_down_weights, n_down_weights_true);
  g_assert_cmpfloat (recall, >=, 0.98);
  g_assert_cmpfloat (precision, >=, 0.95);
  g_assert_cmpfloat (pair_recall, >=, 0.98);
  g_assert_cmpuint (n_down_weights, >, 0);
  g_assert_cmpfloat ((double) n_down_weights_true / n_down_weights, >=, 0.95);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/flags/crafted", test_crafted);
  g_test_add_func ("/flags/generator-truth", test_generator_truth);
  return g_test_run ();
}
