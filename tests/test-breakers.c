/* test-breakers.c — the 6.1 circuit breakers of the pilot rule set, end to end
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

#include "assay-bundle.h"
#include "assay-day.h"
#include "assay-replica-pauses.h"
#include "assay-replica-series.h"
#include "assay-rule-flags.h"
#include "assay-rule-set.h"
#include "assay-tiles.h"
#include "assay-test-central.h"
#include "assay-test-lines.h"
#include "assay-test-util.h"

/* ---- crafted lines ------------------------------------------------------ */

static char *
date_of (guint32 day)
{
  return assay_day_format (day);
}

static guint32
day_of (const char *date)
{
  guint32 day = 0;

  g_assert_true (assay_day_parse (date, -1, &day));
  return day;
}

/* An ordinary event: rule "hours", its own activity. */
static void
add_points (GString    *out,
            const char *account,
            int         points,
            guint32     day)
{
  g_autofree char *activity = g_strdup_printf ("H-%s-%u-%d", account, day, points);

  /* Two dimensions in turn, so no quarter is concentrated (Article X). */
  assay_test_append_event (out, account, day % 2 ? "professional" : "knowledge", points, day, "310118",
                           "hours", activity, NULL);
}

/* Community service: `account` attends `activity` on `day`. */
static void
add_service (GString    *out,
             const char *account,
             const char *activity,
             guint32     day)
{
  assay_test_append_event (out, account, "community", 10, day, "310118", "community", activity,
                           "confirmer-0001");
}

#define JAN1 "2025-01-01"

/* County spikes: days 0–58 (1 January to 28 February) are the history;
 * 1 March (day 59) is the day under test. */
static void
add_counties (GString *out,
              guint32  jan1)
{
  guint32 mar1 = jan1 + 59;

  for (guint32 d = jan1; d < mar1; d++)
    {
      assay_test_append_redemptions (out, "110101", 2, d);   /* 20 against a mean of 2: a spike */
      assay_test_append_redemptions (out, "110102", 7, d);   /* 21 = 3 × 7 exactly: not over */
      assay_test_append_redemptions (out, "110105", 1, d);   /* 19: over 3 ×, under the minimum of 20 */
    }
  assay_test_append_redemptions (out, "110101", 20, mar1);
  assay_test_append_redemptions (out, "110102", 21, mar1);
  assay_test_append_redemptions (out, "110105", 19, mar1);
  /* 40 requests on day 20: the county spikes, but 28 days of history do
   * not exist yet, so nothing is said. */
  assay_test_append_redemptions (out, "110106", 40, jan1 + 20);
}

/* Growth: 20 points a day through January (620), then 50 a day from
 * 10 February: the window 10–16 February holds 350 > 50 % of 620. */
static void
add_growth (GString *out,
            guint32  jan1)
{
  for (guint32 d = jan1; d < jan1 + 31; d++)
    add_points (out, "acct-grow", 20, d);
  for (guint32 d = jan1 + 40; d < jan1 + 47; d++)
    add_points (out, "acct-grow", 50, d);
  /* Young: 600 points in ten days, then a burst when the account is 19 days old. */
  for (guint32 d = jan1; d < jan1 + 10; d++)
    add_points (out, "acct-young", 60, d);
  for (guint32 d = jan1 + 19; d < jan1 + 26; d++)
    add_points (out, "acct-young", 100, d);
  /* Exactly 50 %: 500 points in January, 250 in the first week of March. */
  for (guint32 d = jan1; d < jan1 + 25; d++)
    add_points (out, "acct-half", 20, d);
  for (guint32 d = jan1 + 59; d < jan1 + 64; d++)
    add_points (out, "acct-half", 50, d);
  /* Small: 300 points before a burst of 420, under the minimum of 500;
   * once the burst's own days count as before (500 needs four of them),
   * the window holds at most three: 180 against 540. */
  for (guint32 d = jan1; d < jan1 + 30; d++)
    add_points (out, "acct-tiny", 10, d);
  for (guint32 d = jan1 + 40; d < jan1 + 47; d++)
    add_points (out, "acct-tiny", 60, d);
}

/* Rings: three accounts on the same ten activity days; decoys that are
 * not rings. */
static void
add_rings (GString *out,
           guint32  jan1)
{
  const char *ring[] = { "ring-c", "ring-a", "ring-b" };
  const char *pair[] = { "pair-a", "pair-b" };
  const char *few[] = { "few-a", "few-b", "few-c" };

  for (guint k = 0; k < 10; k++)
    {
      guint32 day = jan1 + 3 * k;
      g_autofree char *activity = g_strdup_printf ("CS-R-%u", k);
      g_autofree char *pair_activity = g_strdup_printf ("CS-P-%u", k);
      g_autofree char *few_activity = g_strdup_printf ("CS-F-%u", k);

      for (guint m = 0; m < G_N_ELEMENTS (ring); m++)
        add_service (out, ring[m], activity, day);
      /* Two accounts are a pair, not "several accounts". */
      for (guint m = 0; m < G_N_ELEMENTS (pair); m++)
        add_service (out, pair[m], pair_activity, day);
      /* Seven shared days are under the minimum of eight. */
      for (guint m = 0; k < 7 && m < G_N_ELEMENTS (few); m++)
        add_service (out, few[m], few_activity, day);
    }
  /* A weekly team of 60: over the bucket cap of 50, never a ring. */
  for (guint w = 0; w < 10; w++)
    for (guint m = 0; m < 60; m++)
      {
        g_autofree char *member = g_strdup_printf ("team-%02u", m);

        add_service (out, member, "CS-TEAM-WEEKLY", jan1 + 7 * w + 1);
      }
}

/* The three kinds of subject every pause test serves: county spikes,
 * growth and rings. */
static void
add_every_subject (GString *out,
                   guint32  jan1)
{
  add_counties (out, jan1);
  add_growth (out, jan1);
  add_rings (out, jan1);
}

/* ---- the test ----------------------------------------------------------- */

static JsonArray *
rule_flags (JsonArray  *flags,
            const char *rule)
{
  JsonArray *out = json_array_new ();

  for (guint i = 0; i < json_array_get_length (flags); i++)
    {
      JsonObject *f = json_array_get_object_element (flags, i);

      if (strcmp (json_object_get_string_member (f, "rule"), rule) == 0)
        json_array_add_object_element (out, json_object_ref (f));
    }
  return out;
}

static const char *
member (JsonObject *o,
        const char *object,
        const char *name)
{
  return json_object_get_string_member (json_object_get_object_member (o, object), name);
}

static double
feature (JsonObject *f,
         const char *name)
{
  return json_object_get_double_member (json_object_get_object_member (f, "features"), name);
}

static void
check_spike (JsonArray *flags)
{
  g_autoptr(JsonArray) spikes = rule_flags (flags, "6.1.county_spike");
  JsonObject *f;

  g_assert_cmpuint (json_array_get_length (spikes), ==, 1);
  f = json_array_get_object_element (spikes, 0);
  g_assert_cmpstr (member (f, "subject", "kind"), ==, "county");
  g_assert_cmpstr (member (f, "subject", "id"), ==, "110101");
  g_assert_cmpstr (member (f, "period", "from"), ==, "2025-03-01");
  g_assert_cmpstr (member (f, "period", "to"), ==, "2025-03-01");
  g_assert_cmpstr (json_object_get_string_member (f, "action"), ==, "pause");
  g_assert_cmpstr (json_object_get_string_member (f, "article"), ==, "6.1");
  g_assert_cmpfloat (feature (f, "county.requests"), ==, 20);
  g_assert_cmpfloat (feature (f, "county.mean28"), ==, 2);
  g_assert_cmpfloat (feature (f, "county.median56"), ==, 2);
  /* The 20 requests of the day are the entries. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (f, "entries")), ==, 20);
  /* margin: 20 − 3 × 2 and 20 − 20: the tightest is 0. */
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (f, "margin"), "value"),
                     ==, 0);
  g_assert_nonnull (strstr (json_object_get_string_member (f, "explanation"),
                            "20 redemption requests in the county on the day, against a mean of 2"));
}

static void
check_growth (JsonArray *flags,
              guint32    jan1)
{
  g_autoptr(JsonArray) growth = rule_flags (flags, "6.1.account_growth");
  g_autofree char *from = date_of (jan1 + 40), *to = date_of (jan1 + 46);
  JsonObject *f;

  /* One episode: the overlapping windows after it raise nothing more. */
  g_assert_cmpuint (json_array_get_length (growth), ==, 1);
  f = json_array_get_object_element (growth, 0);
  g_assert_cmpstr (member (f, "subject", "kind"), ==, "account");
  g_assert_cmpstr (member (f, "subject", "id"), ==, "acct-grow");
  g_assert_cmpstr (member (f, "period", "from"), ==, from);
  g_assert_cmpstr (member (f, "period", "to"), ==, to);
  g_assert_cmpfloat (feature (f, "window.points"), ==, 350);
  g_assert_cmpfloat (feature (f, "window.total_before"), ==, 620);
  g_assert_cmpfloat (feature (f, "window.account_age"), ==, 40);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (f, "entries")), ==, 7);
  g_assert_nonnull (strstr (json_object_get_string_member (f, "explanation"),
                            "350 points in 7 days against 620 points earned before them (limit 50.0%"));
}

static void
check_ring (JsonArray *flags,
            guint32    jan1)
{
  g_autoptr(JsonArray) rings = rule_flags (flags, "6.1.lockstep_ring");
  g_autofree char *to = date_of (jan1 + 27);
  g_autofree char *id = NULL, *hash = NULL;
  JsonObject *f, *subject;
  JsonArray *members;

  g_assert_cmpuint (json_array_get_length (rings), ==, 1);
  f = json_array_get_object_element (rings, 0);
  subject = json_object_get_object_member (f, "subject");
  g_assert_cmpstr (json_object_get_string_member (subject, "kind"), ==, "ring");
  members = json_object_get_array_member (subject, "members");
  g_assert_cmpuint (json_array_get_length (members), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (members, 0), ==, "ring-a");
  g_assert_cmpstr (json_array_get_string_element (members, 1), ==, "ring-b");
  g_assert_cmpstr (json_array_get_string_element (members, 2), ==, "ring-c");
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "ring-a\nring-b\nring-c", -1);
  id = g_strdup_printf ("ring-%.16s", hash);
  g_assert_cmpstr (json_object_get_string_member (subject, "id"), ==, id);
  g_assert_cmpstr (member (f, "period", "from"), ==, JAN1);
  g_assert_cmpstr (member (f, "period", "to"), ==, to);
  g_assert_cmpfloat (feature (f, "ring.size"), ==, 3);
  g_assert_cmpfloat (feature (f, "ring.null_p"), <=, 0.01);
  g_assert_cmpfloat (feature (f, "ring.min_jaccard"), ==, 1);
  g_assert_cmpfloat (feature (f, "ring.common_buckets"), ==, 10);
  /* Each member's ten community events. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (f, "entries")), ==, 30);
}

/* A draft with three parameters changed: one more county spikes (19
 * requests now suffice), the growth needs 700 points before (acct-grow
 * has 620), and the ring's p limit is looser (same ring, other
 * parameters: changed). */
static char *
write_draft (const char *dir)
{
  g_autofree char *pilot = assay_test_pilot_rules ();
  g_autofree char *text = NULL;
  char *path = g_build_filename (dir, "draft.json", NULL);
  g_autoptr(GString) draft = NULL;

  g_assert_true (g_file_get_contents (pilot, &text, NULL, NULL));
  draft = g_string_new (text);
  g_assert_cmpuint (g_string_replace (draft, "\"min_spike_requests\": 20", "\"min_spike_requests\": 19", 1), ==, 1);
  g_assert_cmpuint (g_string_replace (draft, "\"min_total_before\": 500", "\"min_total_before\": 700", 1), ==, 1);
  g_assert_cmpuint (g_string_replace (draft, "\"max_ring_null_p\": 0.01", "\"max_ring_null_p\": 0.02", 1), ==, 1);
  g_assert_cmpuint (g_string_replace (draft, "\"version\": 4", "\"version\": 5", 1), ==, 1);
  g_assert_true (g_file_set_contents (path, draft->str, -1, NULL));
  return path;
}

static JsonObject *
rule_row (JsonArray  *rules,
          const char *rule)
{
  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonObject *r = json_array_get_object_element (rules, i);

      if (strcmp (json_object_get_string_member (r, "rule"), rule) == 0)
        return r;
    }
  g_assert_not_reached ();
}

static void
check_what_if (const char *replica,
               const char *dir)
{
  g_autofree char *pilot = assay_test_pilot_rules ();
  g_autofree char *draft = write_draft (dir);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *f, *row;
  JsonArray *added, *removed, *changed;

  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "what-if", "--in-force", pilot,
                                        "--rule-set", draft, "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "draft"), "version"), ==, 5);
  added = json_object_get_array_member (root, "added");
  removed = json_object_get_array_member (root, "removed");
  changed = json_object_get_array_member (root, "changed");
  g_assert_cmpuint (json_array_get_length (added), ==, 1);
  f = json_array_get_object_element (added, 0);
  g_assert_cmpstr (json_object_get_string_member (f, "rule"), ==, "6.1.county_spike");
  g_assert_cmpstr (member (f, "subject", "id"), ==, "110105");
  g_assert_cmpuint (json_array_get_length (removed), ==, 1);
  f = json_array_get_object_element (removed, 0);
  g_assert_cmpstr (member (f, "subject", "id"), ==, "acct-grow");
  /* Changed: the ring (its p limit) and 110101's spike, whose margin over
   * the minimum grew from 0 to 1 request; in rule order. */
  g_assert_cmpuint (json_array_get_length (changed), ==, 2);
  f = json_array_get_object_element (changed, 0);
  g_assert_cmpstr (member (f, "subject", "id"), ==, "110101");
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (f, "margin"), "value"),
                     ==, 1);
  f = json_array_get_object_element (changed, 1);
  g_assert_cmpstr (json_object_get_string_member (f, "rule"), ==, "6.1.lockstep_ring");
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (f, "parameters"),
                                                    "max_ring_null_p"), ==, 0.02);
  g_assert_cmpfloat (json_object_get_double_member (
                       json_object_get_object_member (json_object_get_object_member (f, "previous"),
                                                      "parameters"), "max_ring_null_p"), ==, 0.01);
  row = rule_row (json_object_get_array_member (root, "rules"), "6.1.county_spike");
  g_assert_cmpint (json_object_get_int_member (row, "in_force"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (row, "draft"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (row, "added"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (row, "changed"), ==, 1);
  row = rule_row (json_object_get_array_member (root, "rules"), "X.concentration");
  g_assert_cmpint (json_object_get_int_member (row, "in_force"), ==, 0);

  /* The same set against itself changes nothing. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "what-if", "--in-force", pilot,
                                        "--rule-set", pilot, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "0 flags added, 0 removed, 0 changed"));
  /* Usage: the draft is required. */
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", replica, "what-if", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--rule-set"));
}

/* Account years: a set whose year rule comes first but reads the flags
 * its quarter rule raises (years are evaluated last). */
static const char year_rules[] =
  "{\"format\":\"assay-rule-set/1\",\"name\":\"years\",\"version\":1,\"effective\":\"2026-12-06\","
  "\"parameters\":{\"min_points\":900},\"rules\":["
  "{\"id\":\"Y.busy\",\"article\":\"test\",\"subject\":\"account_year\",\"action\":\"review\","
  "\"severity\":\"low\",\"when\":{\"op\":\">=\",\"args\":[{\"feature\":\"year.points\"},{\"param\":\"min_points\"}]},"
  "\"explain\":{\"en\":\"{year.entries} entries, {year.points} points, {year.reviews} reviews, "
  "{year.down_weights} down-weights\",\"zh_CN\":\"{year.entries}\"}},"
  "{\"id\":\"Q.busy\",\"article\":\"test\",\"subject\":\"account_quarter\",\"action\":\"review\","
  "\"severity\":\"low\",\"when\":{\"op\":\">=\",\"args\":[{\"feature\":\"quarter.total\"},{\"param\":\"min_points\"}]},"
  "\"explain\":{\"en\":\"{quarter.total}\",\"zh_CN\":\"{quarter.total}\"}}]}";

static void
check_years (const char *replica,
             const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "years.json", NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *flags;
  JsonObject *f;

  g_assert_true (g_file_set_contents (path, year_rules, -1, NULL));
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "flags", "--rule-set", path,
                                        "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  flags = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "flags");
  /* acct-grow (970 points) and acct-young (1300), each a year and a quarter. */
  g_assert_cmpuint (json_array_get_length (flags), ==, 4);
  f = json_array_get_object_element (flags, 0);
  g_assert_cmpstr (json_object_get_string_member (f, "rule"), ==, "Y.busy");
  g_assert_cmpstr (member (f, "subject", "id"), ==, "acct-grow");
  g_assert_cmpstr (member (f, "period", "from"), ==, "2025-01-01");
  g_assert_cmpstr (member (f, "period", "to"), ==, "2025-12-31");
  g_assert_cmpfloat (feature (f, "year.entries"), ==, 38);
  g_assert_cmpfloat (feature (f, "year.points"), ==, 970);
  g_assert_cmpstr (json_object_get_string_member (f, "explanation"), ==,
                   "38 entries, 970 points, 1 reviews, 0 down-weights");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (f, "entries")), ==, 38);
  f = json_array_get_object_element (flags, 1);
  g_assert_cmpstr (member (f, "subject", "id"), ==, "acct-young");
  g_assert_cmpfloat (feature (f, "year.points"), ==, 1300);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (flags, 2), "rule"), ==,
                   "Q.busy");
}

static void
test_crafted (void)
{
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("breakers.test/log");
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *replica = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *pilot = assay_test_pilot_rules ();
  g_autofree char *out = NULL;
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  guint32 jan1 = day_of (JAN1);
  JsonArray *flags;

  add_every_subject (lines, jan1);
  assay_test_central_import (central, lines->str);
  assay_test_central_start (central);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", replica, "sync", "--server", central->url,
                                        "--log-key", central->key, NULL), ==, 0);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "flags", "--rule-set", pilot,
                                        "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  flags = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "flags");
  check_spike (flags);
  check_growth (flags, jan1);
  check_ring (flags, jan1);
  /* Nothing else: no decoy, and no Article X flag on balanced accounts. */
  g_assert_cmpuint (json_array_get_length (flags), ==, 3);
  check_what_if (replica, dir);
  check_years (replica, dir);
  assay_test_rmdir (dir);
}

/* ---- automatic pauses ----------------------------------------------------- */

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

static void
sync_replica (AssayTestCentral *central,
              const char       *replica)
{
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", replica, "sync", "--server", central->url,
                                        "--log-key", central->key, NULL), ==, 0);
}

/* The pause entries of the replica's log, and the ids of the pause flags
 * the pilot set raises over it, evaluated here as a workstation would. */
static GPtrArray *
logged_pauses (const char  *replica_path,
               GHashTable **out_flag_ids,
               guint64     *out_size)
{
  g_autoptr(AssayReplica) replica = assay_replica_open (replica_path, ASSAY_REPLICA_OPEN_READ_ONLY, NULL);
  g_autofree char *pilot = assay_test_pilot_rules ();
  g_autoptr(AssayRuleSet) set = assay_rule_set_new_from_file (pilot, NULL);
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *pauses;
  guint8 root[32];
  guint64 size;

  g_assert_nonnull (replica);
  g_assert_nonnull (set);
  flags = assay_rule_flags_evaluate (set, replica, "en", &size, root, &error);
  g_assert_no_error (error);
  *out_flag_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < flags->len; i++)
    {
      AssayRuleFlag *f = g_ptr_array_index (flags, i);

      if (f->action == ASSAY_RULE_ACTION_PAUSE)
        g_hash_table_add (*out_flag_ids, g_strdup (f->id));
      g_assert_cmpstr (f->rule_set_sha256, ==, assay_rule_set_get_sha256 (set));
    }
  pauses = assay_replica_list_pause_entries (replica, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < pauses->len; i++)
    {
      AssayReplicaEntry *e = g_ptr_array_index (pauses, i);

      g_assert_cmpstr (e->parsed->rule_set, ==, assay_rule_set_get_sha256 (set));
      g_assert_true (g_hash_table_contains (*out_flag_ids, e->parsed->flag));
      g_assert_cmpuint (e->parsed->checkpoint_size, <=, e->index);
    }
  *out_size = assay_replica_get_size (replica);
  return pauses;
}

static AssayEntry *
pause_at (GPtrArray *pauses,
          guint      i)
{
  return ((AssayReplicaEntry *) g_ptr_array_index (pauses, i))->parsed;
}

/* The service pauses each breaker flag once, right after the import that
 * raised it, at the checkpoint of that import; a later import pauses only
 * the flags that are new. */
static void
test_pauses (void)
{
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("pauses.test/log");
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *replica = g_build_filename (dir, "replica.db", NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autoptr(GString) more = g_string_new (NULL);
  g_autoptr(GString) spike = g_string_new (NULL);
  g_autoptr(GPtrArray) pauses = NULL;
  g_autoptr(GHashTable) ids = NULL;
  guint32 jan1 = day_of (JAN1);
  guint n_lines;
  guint64 size, data_size;

  add_every_subject (lines, jan1);
  n_lines = count_lines (lines->str);
  assay_test_central_import_breakers (central, lines->str);
  assay_test_central_start (central);
  sync_replica (central, replica);

  /* One pause per breaker flag (the spike, the growth, the ring), logged
   * after the import's entries and evaluated at its checkpoint. */
  pauses = logged_pauses (replica, &ids, &size);
  g_assert_cmpuint (g_hash_table_size (ids), ==, 3);
  g_assert_cmpuint (pauses->len, ==, 3);
  g_assert_cmpuint (size, ==, n_lines + 3);
  for (guint i = 0; i < pauses->len; i++)
    {
      g_assert_cmpuint (((AssayReplicaEntry *) g_ptr_array_index (pauses, i))->index, ==, n_lines + i);
      g_assert_cmpuint (pause_at (pauses, i)->checkpoint_size, ==, n_lines);
    }
  g_assert_cmpstr (pause_at (pauses, 0)->rule_id, ==, "6.1.county_spike");
  g_assert_cmpstr (pause_at (pauses, 0)->subject, ==, "110101");
  g_assert_cmpint (pause_at (pauses, 0)->pause_subject, ==, ASSAY_PAUSE_SUBJECT_COUNTY);
  g_assert_cmpstr (pause_at (pauses, 1)->rule_id, ==, "6.1.account_growth");
  g_assert_cmpstr (pause_at (pauses, 1)->subject, ==, "acct-grow");
  g_assert_cmpstr (pause_at (pauses, 2)->rule_id, ==, "6.1.lockstep_ring");
  g_assert_cmpint (pause_at (pauses, 2)->pause_subject, ==, ASSAY_PAUSE_SUBJECT_RING);
  g_assert_cmpstr (pause_at (pauses, 2)->members[0], ==, "ring-a");
  g_assert_cmpuint (g_strv_length (pause_at (pauses, 2)->members), ==, 3);
  g_clear_pointer (&pauses, g_ptr_array_unref);
  g_clear_pointer (&ids, g_hash_table_unref);

  /* Ordinary entries raise nothing new: no pause is logged twice. */
  for (guint32 d = jan1 + 100; d < jan1 + 105; d++)
    add_points (more, "acct-calm", 10, d);
  assay_test_central_import_breakers (central, more->str);
  sync_replica (central, replica);
  data_size = size + count_lines (more->str);
  pauses = logged_pauses (replica, &ids, &size);
  g_assert_cmpuint (pauses->len, ==, 3);
  g_assert_cmpuint (size, ==, data_size);
  g_clear_pointer (&pauses, g_ptr_array_unref);
  g_clear_pointer (&ids, g_hash_table_unref);

  /* A new spike (110102: 7 a day, then 30) is paused, and only it. */
  assay_test_append_redemptions (spike, "110102", 30, jan1 + 120);
  assay_test_central_import_breakers (central, spike->str);
  sync_replica (central, replica);
  data_size += count_lines (spike->str);
  pauses = logged_pauses (replica, &ids, &size);
  g_assert_cmpuint (pauses->len, ==, 4);
  g_assert_cmpuint (g_hash_table_size (ids), ==, 4);
  g_assert_cmpuint (size, ==, data_size + 1);
  g_assert_cmpstr (pause_at (pauses, 3)->subject, ==, "110102");
  g_assert_cmpuint (pause_at (pauses, 3)->checkpoint_size, ==, data_size);
  assay_test_rmdir (dir);
}

/* The service's replica for its breakers holds bodies; an erasure purges
 * them there too (Article V). */
static void
test_pauses_erasure (void)
{
  static const char marker[] = "breakers-forget-marker";
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("pauses.test/log");
  g_autofree char *marked = assay_test_lines (0, 50, "forget-me", marker);
  g_autofree char *breakers = g_build_filename (central->data, "breakers.replica", NULL);
  g_autofree char *wal = g_strconcat (breakers, "-wal", NULL);

  assay_test_central_import_breakers (central, marked);
  g_assert_true (assay_test_file_contains (breakers, (const guint8 *) marker, strlen (marker)) ||
                 assay_test_file_contains (wal, (const guint8 *) marker, strlen (marker)));
  assay_test_central_erase (central, "forget-me", "2000-01-01", "2029-12-31");
  g_assert_false (assay_test_file_contains (breakers, (const guint8 *) marker, strlen (marker)));
  g_assert_false (assay_test_file_contains (wal, (const guint8 *) marker, strlen (marker)));
}

/* Entries that join the log by date at `publish` trip the breakers as an
 * import's do. */
static void
test_pauses_publish (void)
{
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("pauses.test/log");
  g_autofree char *path = g_build_filename (central->dir, "pending.jsonl", NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint32 jan1 = day_of (JAN1);
  const char *import[] = { g_getenv ("ASSAY_CENTRAL"), "import", "--data", central->data,
                           "--now", "2025-01-02", path, NULL };
  const char *publish[] = { g_getenv ("ASSAY_CENTRAL"), "publish", "--data", central->data,
                            "--now", "2030-01-01", NULL };

  add_every_subject (lines, jan1);
  g_assert_true (g_file_set_contents (path, lines->str, -1, NULL));
  g_assert_cmpint (assay_test_run (import, NULL, &out, &err), ==, 0);
  g_assert_null (strstr (out, "Breakers"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_run (publish, NULL, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Breakers: 3 new pauses logged."));
}

/* ---- the workstation's check ---------------------------------------------- */

static JsonObject *
account_json (JsonParser *parser,
              const char *replica,
              const char *account)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "account", account, "--json",
                                        NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
assert_account (const char *replica,
                const char *account,
                const char *state,
                const char *paused_by)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o = account_json (parser, replica, account);
  JsonArray *pauses = json_object_get_array_member (o, "pauses");

  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, state);
  if (paused_by == NULL)
    {
      g_assert_cmpuint (json_array_get_length (pauses), ==, 0);
      return;
    }
  g_assert_cmpuint (json_array_get_length (pauses), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (pauses, 0), "rule"),
                   ==, paused_by);
}

/* A pause body naming `rule` on `county` for `day`, its flag id computed
 * here from the README's formula. */
/* The root of the service's current checkpoint (its third line). */
static char *
checkpoint_root (AssayTestCentral *central)
{
  g_autofree char *path = g_build_filename (central->data, "checkpoint", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", 4);
  g_assert_cmpuint (g_strv_length (lines), >=, 3);
  return g_strdup (lines[2]);
}

static char *
county_pause (const char *rule_set,
              const char *rule,
              const char *county,
              const char *day,
              guint64     checkpoint_size,
              const char *root)
{
  g_autofree char *bytes = g_strjoin ("\n", rule_set, rule, "county", county, day, day, NULL);
  g_autofree char *id = g_compute_checksum_for_string (G_CHECKSUM_SHA256, bytes, -1);

  return g_strdup_printf ("{\"kind\":\"pause\",\"flag\":\"%s\",\"rule_set\":\"%s\",\"rule\":\"%s\","
                          "\"subject_kind\":\"county\",\"subject\":\"%s\",\"members\":[],"
                          "\"from\":\"%s\",\"to\":\"%s\",\"checkpoint_size\":%" G_GUINT64_FORMAT ","
                          "\"checkpoint_root\":\"%s\",\"logged\":\"2030-01-01\"}",
                          id, rule_set, rule, county, day, day, checkpoint_size, root);
}

static char *
pilot_sha256 (void)
{
  g_autofree char *pilot = assay_test_pilot_rules ();
  g_autoptr(AssayRuleSet) set = assay_rule_set_new_from_file (pilot, NULL);

  return g_strdup (assay_rule_set_get_sha256 (set));
}

/* After sync the workstation finds the flag behind each pause and holds
 * the accounts: the growing account, the ring's members, the spiking
 * county's requesters; nobody else. */
static void
test_pauses_applied (void)
{
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("pauses.test/log");
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *replica = g_build_filename (dir, "replica.db", NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *out = NULL;
  guint32 jan1 = day_of (JAN1);

  add_every_subject (lines, jan1);
  assay_test_central_import_breakers (central, lines->str);
  assay_test_central_start (central);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "sync", "--server", central->url,
                                        "--log-key", central->key, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Verified 3 new pauses of the log"));

  assert_account (replica, "acct-grow", "paused", "6.1.account_growth");
  assert_account (replica, "ring-a", "paused", "6.1.lockstep_ring");
  assert_account (replica, "ring-c", "paused", "6.1.lockstep_ring");
  assert_account (replica, "r-110101-0", "paused", "6.1.county_spike");
  assert_account (replica, "r-110101-19", "paused", "6.1.county_spike");
  /* Not over the limits: active, held by nothing. */
  assert_account (replica, "acct-half", "active", NULL);
  assert_account (replica, "pair-a", "active", NULL);
  assert_account (replica, "r-110102-0", "active", NULL);

  /* The entries, the status and verify know the kind. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autofree char *entries = NULL;
    g_autofree char *status = NULL;
    g_autofree char *offset = g_strdup_printf ("%u", count_lines (lines->str));
    JsonObject *e;

    g_assert_cmpint (assay_test_assayctl (&entries, NULL, "--replica", replica, "entries", "--offset", offset,
                                          "--limit", "1", "--json", NULL), ==, 0);
    g_assert_true (json_parser_load_from_data (parser, entries, -1, NULL));
    e = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
    g_assert_cmpstr (json_object_get_string_member (e, "kind"), ==, "pause");
    g_assert_cmpstr (json_object_get_string_member (e, "rule"), ==, "6.1.county_spike");
    g_assert_cmpstr (json_object_get_string_member (e, "subject_kind"), ==, "county");
    g_assert_cmpint (json_object_get_int_member (e, "checkpoint_size"), ==, count_lines (lines->str));
    g_assert_cmpint (assay_test_assayctl (&status, NULL, "--replica", replica, "status", NULL), ==, 0);
    g_assert_nonnull (strstr (status, " 3 pauses,"));
    g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", replica, "verify", NULL), ==, 0);
  }

  /* The next sync checks nothing twice. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "sync", "--server", central->url,
                                        "--log-key", central->key, NULL), ==, 0);
  g_assert_null (strstr (out, "pause"));
  assay_test_rmdir (dir);
}

/* A pause with no flag behind it (the service logged it without its
 * breakers): every workstation raises a security alert and sync exits 3;
 * nobody is held. */
static void
test_pause_forged (void)
{
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("pauses.test/log");
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *replica = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *sha = pilot_sha256 ();
  g_autofree char *forged = NULL;
  g_autofree char *root = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *alert;
  guint32 jan1 = day_of (JAN1);

  add_counties (lines, jan1);
  assay_test_central_import_breakers (central, lines->str);
  assay_test_central_start (central);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", replica, "sync", "--server", central->url,
                                        "--log-key", central->key, NULL), ==, 0);
  assert_account (replica, "r-110101-0", "paused", "6.1.county_spike");

  /* 110102 on 1 March: 21 requests, exactly 3 × its mean: no spike. */
  root = checkpoint_root (central);
  forged = county_pause (sha, "6.1.county_spike", "110102", "2025-03-01", count_lines (lines->str) + 1, root);
  assay_test_central_append_pause (central, forged);
  g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", replica, "sync", "--server", central->url,
                                        "--log-key", central->key, NULL), ==, 3);
  g_clear_pointer (&out, g_free);
  g_assert_nonnull (strstr (err, "has no flag behind it"));
  g_assert_nonnull (strstr (err, "110102"));
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "status", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  alert = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "alert");
  g_assert_nonnull (alert);
  g_assert_cmpstr (json_object_get_string_member (alert, "kind"), ==, "pause");
  assert_account (replica, "r-110102-0", "active", NULL);
  /* While the alert stands, sync is refused. */
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", replica, "sync", "--server", central->url,
                                        "--log-key", central->key, NULL), ==, 3);

  /* A fresh workstation finds the same. */
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", other, "sync", "--server", central->url,
                                        "--log-key", central->key, NULL), ==, 3);
  assert_account (other, "r-110101-0", "paused", "6.1.county_spike");
  assert_account (other, "r-110102-0", "active", NULL);
  assay_test_rmdir (dir);
}

/* A pause under a rule set the workstation does not evaluate cannot be
 * judged here: recorded, holding nothing, and no alert (another set is no
 * evidence of forgery). */
static void
test_pause_foreign_rule_set (void)
{
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("pauses.test/log");
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *replica = g_build_filename (dir, "replica.db", NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *foreign = NULL;
  g_autofree char *root = NULL;
  g_autofree char *err = NULL;
  guint32 jan1 = day_of (JAN1);

  add_counties (lines, jan1);
  assay_test_central_import (central, lines->str);
  root = checkpoint_root (central);
  foreign = county_pause ("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "6.1.county_spike",
                          "110101", "2025-03-01", count_lines (lines->str), root);
  assay_test_central_append_pause (central, foreign);
  assay_test_central_start (central);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", replica, "sync", "--server", central->url,
                                        "--log-key", central->key, NULL), ==, 0);
  assert_account (replica, "r-110101-0", "active", NULL);
  assay_test_rmdir (dir);
}

/* The pause of a real flag, logged by hand: with the root of the log at
 * its checkpoint it is verified and holds the county; with another root it
 * names a log that is not this one, an alert. */
static void
test_pause_checkpoint_root (void)
{
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *sha = pilot_sha256 ();
  guint32 jan1 = day_of (JAN1);

  add_counties (lines, jan1);
  for (guint wrong = 0; wrong < 2; wrong++)
    {
      g_autoptr(AssayTestCentral) central = assay_test_central_new ("pauses.test/log");
      g_autofree char *dir = assay_test_mkdtemp ();
      g_autofree char *replica = g_build_filename (dir, "replica.db", NULL);
      g_autofree char *root = NULL;
      g_autofree char *pause = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      assay_test_central_import (central, lines->str);
      root = wrong ? g_strdup ("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=") : checkpoint_root (central);
      pause = county_pause (sha, "6.1.county_spike", "110101", "2025-03-01", count_lines (lines->str), root);
      assay_test_central_append_pause (central, pause);
      assay_test_central_start (central);
      g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", replica, "sync", "--server", central->url,
                                            "--log-key", central->key, NULL), ==, wrong ? 3 : 0);
      if (wrong)
        {
          g_assert_nonnull (strstr (err, "is not the log's: its root differs"));
          assert_account (replica, "r-110101-0", "active", NULL);
        }
      else
        {
          g_assert_nonnull (strstr (out, "Verified 1 new pause of the log"));
          assert_account (replica, "r-110101-0", "paused", "6.1.county_spike");

          /* The same pause again (a replay, say after the committee's
           * restore): the service pauses a flag once, so an alert. */
          assay_test_central_append_pause (central, pause);
          g_clear_pointer (&err, g_free);
          g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", replica, "sync", "--server", central->url,
                                                "--log-key", central->key, NULL), ==, 3);
          g_assert_nonnull (strstr (err, "was already paused earlier in the log"));
        }
      assay_test_rmdir (dir);
    }
}

/* A pause naming a checkpoint with data logged after it and before the
 * pause: the flag was not judged on the log the pause names; an alert. */
static void
test_pause_data_between (void)
{
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("pauses.test/log");
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *replica = g_build_filename (dir, "replica.db", NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *sha = pilot_sha256 ();
  g_autofree char *root = NULL;
  g_autofree char *pause = NULL;
  g_autofree char *more = assay_test_lines (0, 3, NULL, NULL);
  g_autofree char *err = NULL;

  add_counties (lines, day_of (JAN1));
  assay_test_central_import (central, lines->str);
  root = checkpoint_root (central);
  pause = county_pause (sha, "6.1.county_spike", "110101", "2025-03-01", count_lines (lines->str), root);
  assay_test_central_import (central, more);
  assay_test_central_append_pause (central, pause);
  assay_test_central_start (central);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", replica, "sync", "--server", central->url,
                                        "--log-key", central->key, NULL), ==, 3);
  g_assert_nonnull (strstr (err, "data entries lie between the checkpoint it names"));
  assert_account (replica, "r-110101-0", "active", NULL);
  assay_test_rmdir (dir);
}

/* ---- a pause judged at its own checkpoint -------------------------------- */

/* Entries logged after the breakers' pauses that would take each flag
 * away if it were evaluated on the later log: January points for
 * acct-grow (its earlier total doubles, so the February week is no longer
 * over half of it), twelve activity days ring-a attends alone (its share
 * with the others falls under the minimum, so the ring is two accounts),
 * and, so that every aggregate has rows to take out, a new account, a
 * new county and requests in a county's history that trip nothing. */
static void
add_later (GString *out,
           guint32  jan1)
{
  g_autoptr(GString) extra = g_string_new (NULL);
  const char *rest;

  for (guint32 d = jan1; d < jan1 + 31; d++)
    add_points (out, "acct-grow", 25, d);
  for (guint k = 0; k < 12; k++)
    {
      g_autofree char *activity = g_strdup_printf ("CS-LATE-%u", k);

      add_service (out, "ring-a", activity, jan1 + 3 * k + 1);
    }
  for (guint32 d = jan1 + 200; d < jan1 + 203; d++)
    add_points (out, "acct-late", 10, d);
  assay_test_append_redemptions (out, "110108", 3, jan1 + 200);
  /* Requests 7 … 9 of 110102 on 5 January, beside the 7 it has. */
  assay_test_append_redemptions (extra, "110102", 10, jan1 + 4);
  rest = extra->str;
  for (guint i = 0; i < 7; i++)
    rest = strchr (rest, '\n') + 1;
  g_string_append (out, rest);
}

static AssayReplica *
open_replica (const char *path)
{
  g_autoptr(GError) error = NULL;
  AssayReplica *replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  return replica;
}

/* What `later`'s aggregates hold below leaf `before` is what `early`
 * (synced to exactly that data) holds in all: the breakers' inputs at a
 * checkpoint, rebuilt after more data came. */
static void
assert_aggregates_before (const char *early_path,
                          const char *later_path,
                          guint64     before)
{
  g_autoptr(AssayReplica) early = open_replica (early_path);
  g_autoptr(AssayReplica) later = open_replica (later_path);
  g_autoptr(AssayAccountDays) d0 = assay_replica_account_days (early, NULL);
  g_autoptr(AssayAccountDays) d1 = assay_replica_account_days_before (later, before, NULL);
  g_autoptr(AssayAccountDays) all = assay_replica_account_days (later, NULL);
  g_autoptr(AssayCountyDays) c0 = assay_replica_county_requests (early, NULL);
  g_autoptr(AssayCountyDays) c1 = assay_replica_county_requests_before (later, before, NULL);
  g_autoptr(AssayCommunityEvents) e0 = assay_replica_community_events (early, NULL);
  g_autoptr(AssayCommunityEvents) e1 = assay_replica_community_events_before (later, before, NULL);

  g_assert_nonnull (d0);
  g_assert_nonnull (d1);
  /* The later log does hold more: the comparison is not trivial. */
  g_assert_cmpuint (all->n_accounts, >, d0->n_accounts);
  g_assert_cmpuint (d1->n_accounts, ==, d0->n_accounts);
  g_assert_cmpuint (d1->n_rows, ==, d0->n_rows);
  g_assert_cmpmem (d1->account_id, d1->n_accounts * sizeof (guint64), d0->account_id,
                   d0->n_accounts * sizeof (guint64));
  g_assert_cmpmem (d1->first_day, d1->n_accounts * sizeof (guint32), d0->first_day,
                   d0->n_accounts * sizeof (guint32));
  g_assert_cmpmem (d1->first_row, (d1->n_accounts + 1) * sizeof (gsize), d0->first_row,
                   (d0->n_accounts + 1) * sizeof (gsize));
  g_assert_cmpmem (d1->day, d1->n_rows * sizeof (guint32), d0->day, d0->n_rows * sizeof (guint32));
  g_assert_cmpmem (d1->points, d1->n_rows * sizeof (gint64), d0->points, d0->n_rows * sizeof (gint64));
  for (gsize k = 0; k < d0->n_accounts; k++)
    g_assert_cmpstr (d1->account[k], ==, d0->account[k]);

  g_assert_nonnull (c0);
  g_assert_nonnull (c1);
  g_assert_cmpuint (c1->n_counties, ==, c0->n_counties);
  g_assert_cmpuint (c1->n_rows, ==, c0->n_rows);
  g_assert_cmpuint (c1->first_day, ==, c0->first_day);
  g_assert_cmpuint (c1->last_day, ==, c0->last_day);
  g_assert_cmpmem (c1->county, c1->n_counties * sizeof (guint32), c0->county, c0->n_counties * sizeof (guint32));
  g_assert_cmpmem (c1->first_row, (c1->n_counties + 1) * sizeof (gsize), c0->first_row,
                   (c0->n_counties + 1) * sizeof (gsize));
  g_assert_cmpmem (c1->day, c1->n_rows * sizeof (guint32), c0->day, c0->n_rows * sizeof (guint32));
  g_assert_cmpmem (c1->requests, c1->n_rows * sizeof (guint32), c0->requests, c0->n_rows * sizeof (guint32));

  g_assert_nonnull (e0);
  g_assert_nonnull (e1);
  g_assert_cmpuint (e1->n, ==, e0->n);
  g_assert_cmpmem (e1->account_id, e1->n * sizeof (guint64), e0->account_id, e0->n * sizeof (guint64));
  g_assert_cmpmem (e1->activity, e1->n * sizeof (guint32), e0->activity, e0->n * sizeof (guint32));
  g_assert_cmpmem (e1->day, e1->n * sizeof (guint32), e0->day, e0->n * sizeof (guint32));
}

/* The accounts the three breaker pauses hold. */
static void
assert_breakers_hold (const char *replica)
{
  assert_account (replica, "acct-grow", "paused", "6.1.account_growth");
  assert_account (replica, "ring-a", "paused", "6.1.lockstep_ring");
  assert_account (replica, "ring-b", "paused", "6.1.lockstep_ring");
  assert_account (replica, "r-110101-0", "paused", "6.1.county_spike");
  assert_account (replica, "acct-half", "active", NULL);
  assert_account (replica, "acct-late", "active", NULL);
}

/* Each flag the rules raise on the replica as it now stands, by rule. */
static guint
count_flags_now (const char *path,
                 const char *rule)
{
  g_autoptr(AssayReplica) replica = open_replica (path);
  g_autofree char *pilot = assay_test_pilot_rules ();
  g_autoptr(AssayRuleSet) set = assay_rule_set_new_from_file (pilot, NULL);
  g_autoptr(GPtrArray) flags = assay_rule_flags_evaluate (set, replica, "en", NULL, NULL, NULL);
  guint n = 0;

  g_assert_nonnull (flags);
  for (guint i = 0; i < flags->len; i++)
    n += strcmp (((AssayRuleFlag *) g_ptr_array_index (flags, i))->rule, rule) == 0;
  return n;
}

/* Two workstations, one synced right after the breakers' pauses, one
 * only after data that would take the flags away: both judge each pause
 * on the log it names and hold the same accounts; a forged pause is an
 * alert on both, and on a third synced from nothing after more data and
 * an erasure of it. */
static void
test_pause_own_checkpoint (void)
{
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("pauses.test/log");
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *prompt = g_build_filename (dir, "prompt.db", NULL);
  g_autofree char *late = g_build_filename (dir, "late.db", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh.db", NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autoptr(GString) later = g_string_new (NULL);
  g_autofree char *sha = pilot_sha256 ();
  g_autofree char *forged = NULL;
  g_autofree char *root = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint32 jan1 = day_of (JAN1);
  guint n_lines;

  add_every_subject (lines, jan1);
  n_lines = count_lines (lines->str);
  assay_test_central_import_breakers (central, lines->str);
  assay_test_central_start (central);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", prompt, "sync", "--server", central->url,
                                        "--log-key", central->key, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Verified 3 new pauses of the log"));
  assert_breakers_hold (prompt);

  add_later (later, jan1);
  assay_test_central_import_breakers (central, later->str);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", late, "sync", "--server", central->url,
                                        "--log-key", central->key, NULL), ==, 0);
  /* On the later log the growth and the ring are gone (the spike stays):
   * a check there would find no flag behind two of the pauses. */
  g_assert_cmpuint (count_flags_now (late, "6.1.account_growth"), ==, 0);
  g_assert_cmpuint (count_flags_now (late, "6.1.lockstep_ring"), ==, 0);
  g_assert_cmpuint (count_flags_now (late, "6.1.county_spike"), ==, 1);
  assert_aggregates_before (prompt, late, n_lines);
  /* Judged at their checkpoint, all three hold, as on the prompt one. */
  g_assert_nonnull (strstr (out, "Verified 3 new pauses of the log"));
  assert_breakers_hold (late);
  sync_replica (central, prompt);
  assert_breakers_hold (prompt);

  /* 110102 on 1 March (exactly 3 × its mean): no flag, whenever checked. */
  root = checkpoint_root (central);
  forged = county_pause (sha, "6.1.county_spike", "110102", "2025-03-01",
                         n_lines + 3 + count_lines (later->str), root);
  assay_test_central_append_pause (central, forged);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", prompt, "sync", "--server", central->url,
                                        "--log-key", central->key, NULL), ==, 3);
  g_assert_nonnull (strstr (err, "has no flag behind it"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", late, "sync", "--server", central->url,
                                        "--log-key", central->key, NULL), ==, 3);
  g_assert_nonnull (strstr (err, "has no flag behind it"));
  g_clear_pointer (&err, g_free);
  /* An erasure of entries logged after the forged pause takes nothing
   * from the log it names: the third workstation still judges it. */
  g_string_truncate (later, 0);
  add_points (later, "acct-after", 10, jan1 + 300);
  assay_test_central_import_breakers (central, later->str);
  assay_test_central_erase (central, "acct-after", "2024-01-01", "2026-12-31");
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", fresh, "sync", "--server", central->url,
                                        "--log-key", central->key, NULL), ==, 3);
  g_assert_nonnull (strstr (err, "has no flag behind it"));
  assert_breakers_hold (prompt);
  assert_breakers_hold (late);
  assert_breakers_hold (fresh);
  assert_account (fresh, "r-110102-0", "active", NULL);
  assay_test_rmdir (dir);
}

/* What the proxy withholds: the body of leaf `index` while `on` (read by
 * the proxy's thread). */
typedef struct
{
  guint64 index;
  gint    on;
} Withhold;

/* Sends the body empty, as the service does with a body it withholds. */
static void
withhold_filter (const char *path,
                 guint      *status,
                 GByteArray *body,
                 gpointer    user_data)
{
  Withhold *withhold = user_data;
  AssayBodyRef refs[ASSAY_BUNDLE_MAX_ENTRIES];
  g_autoptr(GByteArray) out = g_byte_array_new ();
  AssayTileKind kind;
  guint level, width, n = 0;
  guint64 b;

  if (!g_atomic_int_get (&withhold->on) || *status != 200 ||
      !assay_tile_parse_path (path, &kind, &level, &b, &width, NULL) || kind != ASSAY_TILE_KIND_BODY)
    return;
  g_assert_true (assay_body_bundle_decode (body->data, body->len, 0, refs, &n, NULL));
  for (guint j = 0; j < n; j++)
    if (refs[j].body == NULL || b * ASSAY_TILE_WIDTH + j == withhold->index)
      assay_body_bundle_append_erased (out);
    else
      assay_body_bundle_append (out, refs[j].salt, refs[j].body, refs[j].len);
  g_byte_array_set_size (body, 0);
  g_byte_array_append (body, out->data, out->len);
}

/* A pause whose body the service withheld is checked once the body
 * arrives, and the pauses after it wait for it: the growth pause comes
 * empty, so only the spike (before it) holds; once filled, the growth and
 * the ring hold too. */
static void
test_pause_withheld (void)
{
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("pauses.test/log");
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *replica = g_build_filename (dir, "replica.db", NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *out = NULL;
  AssayTestProxy *proxy;
  guint32 jan1 = day_of (JAN1);
  Withhold withhold = { 0, TRUE };

  add_every_subject (lines, jan1);
  assay_test_central_import_breakers (central, lines->str);
  assay_test_central_start (central);
  proxy = assay_test_proxy_new (central->url);
  /* The pauses follow the data: spike, growth, ring. */
  withhold.index = count_lines (lines->str) + 1;
  assay_test_proxy_set_filter (proxy, withhold_filter, &withhold);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "sync", "--server",
                                        assay_test_proxy_get_url (proxy), "--log-key", central->key,
                                        NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Verified 1 new pause of the log"));
  g_assert_nonnull (strstr (out, "1 pause waits for a body the service withheld"));
  assert_account (replica, "r-110101-0", "paused", "6.1.county_spike");
  assert_account (replica, "acct-grow", "active", NULL);
  assert_account (replica, "ring-a", "active", NULL);

  g_atomic_int_set (&withhold.on, FALSE);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "sync", "--server",
                                        assay_test_proxy_get_url (proxy), "--log-key", central->key,
                                        NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Verified 2 new pauses of the log"));
  assert_breakers_hold (replica);
  assay_test_proxy_free (proxy);
  assay_test_rmdir (dir);
}

/* Whether the pause that holds `account` is stored confirmed. */
static gboolean
pause_confirmed (const char *path,
                 const char *account)
{
  g_autoptr(AssayReplica) replica = open_replica (path);
  g_autoptr(GPtrArray) pauses = assay_replica_list_account_pauses (replica, account, NULL);

  g_assert_nonnull (pauses);
  g_assert_cmpuint (pauses->len, ==, 1);
  return ((AssayStoredPause *) g_ptr_array_index (pauses, 0))->confirmed;
}

/* A pass that stored the pauses but failed before moving its cursor is
 * retried after an erasure took a ring member's records: the retry keeps
 * the stored verdicts (the ring stays confirmed and held) rather than
 * judging them again on a log that lost the bodies.  A workstation that
 * first checks the ring after the erasure cannot judge it: unconfirmed,
 * no alert (README, "Not judged here"). */
static void
test_pause_verdict_stands (void)
{
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("pauses.test/log");
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *replica = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh.db", NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  guint32 jan1 = day_of (JAN1);

  add_every_subject (lines, jan1);
  assay_test_central_import_breakers (central, lines->str);
  assay_test_central_start (central);
  sync_replica (central, replica);
  assert_breakers_hold (replica);
  g_assert_true (pause_confirmed (replica, "ring-a"));
  {
    g_autoptr(AssayReplica) r = assay_replica_open (replica, ASSAY_REPLICA_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_true (assay_replica_set_pauses_size (r, count_lines (lines->str), &error));
    g_assert_no_error (error);
  }

  assay_test_central_erase (central, "ring-b", "2024-01-01", "2026-12-31");
  sync_replica (central, replica);
  assert_breakers_hold (replica);
  g_assert_true (pause_confirmed (replica, "ring-a"));

  sync_replica (central, fresh);
  assert_account (fresh, "acct-grow", "paused", "6.1.account_growth");
  assert_account (fresh, "r-110101-0", "paused", "6.1.county_spike");
  assert_account (fresh, "ring-a", "active", NULL);
  assay_test_rmdir (dir);
}

/* ---- the generator's truth ---------------------------------------------- */

/* The generator defines the breakers as the pilot set reads the plan
 * (assay-generator.c, "The rules and their exact definitions"), so its
 * lists are the answer: recall and precision per rule. */
typedef struct
{
  const char *rule;
  guint       truth, found, flags, true_flags;
} Score;

static void
report (Score *s)
{
  double recall = s->truth > 0 ? (double) s->found / s->truth : 1;
  double precision = s->flags > 0 ? (double) s->true_flags / s->flags : 1;

  g_printerr ("# %s: %u in the truth, %u flags, recall %.4f, precision %.4f\n",
              s->rule, s->truth, s->flags, recall, precision);
  g_assert_cmpuint (s->truth, >, 0);
  g_assert_cmpfloat (recall, >=, 0.98);
  g_assert_cmpfloat (precision, >=, 0.95);
}

static void
score_spikes (JsonObject *truth,
              JsonArray  *flags)
{
  g_autoptr(JsonArray) spikes = rule_flags (flags, "6.1.county_spike");
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *list = json_object_get_array_member (truth, "county_spikes");
  Score s = { "6.1.county_spike", json_array_get_length (list), 0, json_array_get_length (spikes), 0 };

  for (guint i = 0; i < s.truth; i++)
    {
      JsonObject *t = json_array_get_object_element (list, i);

      g_hash_table_add (expected, g_strdup_printf ("%s %s", json_object_get_string_member (t, "county"),
                                                   json_object_get_string_member (t, "day")));
    }
  for (guint i = 0; i < s.flags; i++)
    {
      JsonObject *f = json_array_get_object_element (spikes, i);
      g_autofree char *key = g_strdup_printf ("%s %s", member (f, "subject", "id"), member (f, "period", "from"));

      s.true_flags += g_hash_table_contains (expected, key);
    }
  s.found = s.true_flags;
  report (&s);
}

/* Every truth day t of an account is covered by a flag whose window ends
 * on t or up to 6 days before (the episode it belongs to); every flag's
 * last day is a truth day. */
static void
score_growth (JsonObject *truth,
              JsonArray  *flags)
{
  g_autoptr(JsonArray) growth = rule_flags (flags, "6.1.account_growth");
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ends = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *list = json_object_get_array_member (truth, "growth");
  Score s = { "6.1.account_growth", 0, 0, json_array_get_length (growth), 0 };

  for (guint i = 0; i < s.flags; i++)
    {
      JsonObject *f = json_array_get_object_element (growth, i);

      g_hash_table_add (ends, g_strdup_printf ("%s %u", member (f, "subject", "id"),
                                               day_of (member (f, "period", "to"))));
    }
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *t = json_array_get_object_element (list, i);
      const char *account = json_object_get_string_member (t, "account");
      JsonArray *d = json_object_get_array_member (t, "days");

      for (guint k = 0; k < json_array_get_length (d); k++)
        {
          guint32 day = day_of (json_array_get_string_element (d, k));
          gboolean covered = FALSE;

          g_hash_table_add (days, g_strdup_printf ("%s %u", account, day));
          for (guint back = 0; back <= 6 && !covered; back++)
            {
              g_autofree char *key = g_strdup_printf ("%s %u", account, day - back);

              covered = g_hash_table_contains (ends, key);
            }
          s.truth++;
          s.found += covered;
        }
    }
  for (guint i = 0; i < s.flags; i++)
    {
      JsonObject *f = json_array_get_object_element (growth, i);
      g_autofree char *key = g_strdup_printf ("%s %u", member (f, "subject", "id"),
                                              day_of (member (f, "period", "to")));

      s.true_flags += g_hash_table_contains (days, key);
    }
  report (&s);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
sorted_accounts (JsonArray *accounts)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (accounts); i++)
    g_ptr_array_add (ids, (gpointer) json_array_get_string_element (accounts, i));
  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (" ", (char **) ids->pdata);
}

static void
score_rings (JsonObject *truth,
             JsonArray  *flags)
{
  g_autoptr(JsonArray) rings = rule_flags (flags, "6.1.lockstep_ring");
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *list = json_object_get_array_member (truth, "rings");
  Score s = { "6.1.lockstep_ring", json_array_get_length (list), 0, json_array_get_length (rings), 0 };

  for (guint i = 0; i < s.truth; i++)
    g_hash_table_add (expected, sorted_accounts (json_object_get_array_member (
                                  json_array_get_object_element (list, i), "accounts")));
  for (guint i = 0; i < s.flags; i++)
    {
      JsonObject *subject = json_object_get_object_member (json_array_get_object_element (rings, i), "subject");
      g_autofree char *key = sorted_accounts (json_object_get_array_member (subject, "members"));

      s.true_flags += g_hash_table_contains (expected, key);
    }
  s.found = s.true_flags;
  report (&s);
}

static void
test_generator_truth (void)
{
  g_autoptr(AssayTestGenerated) g = assay_test_generated_flags (2000, 7);

  score_spikes (g->truth, g->flags);
  score_growth (g->truth, g->flags);
  score_rings (g->truth, g->flags);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/breakers/crafted", test_crafted);
  g_test_add_func ("/breakers/pauses", test_pauses);
  g_test_add_func ("/breakers/pauses-erasure", test_pauses_erasure);
  g_test_add_func ("/breakers/pauses-publish", test_pauses_publish);
  g_test_add_func ("/breakers/pauses-applied", test_pauses_applied);
  g_test_add_func ("/breakers/pause-forged", test_pause_forged);
  g_test_add_func ("/breakers/pause-foreign-rule-set", test_pause_foreign_rule_set);
  g_test_add_func ("/breakers/pause-data-between", test_pause_data_between);
  g_test_add_func ("/breakers/pause-checkpoint-root", test_pause_checkpoint_root);
  g_test_add_func ("/breakers/pause-own-checkpoint", test_pause_own_checkpoint);
  g_test_add_func ("/breakers/pause-withheld", test_pause_withheld);
  g_test_add_func ("/breakers/pause-verdict-stands", test_pause_verdict_stands);
  g_test_add_func ("/breakers/generator-truth", test_generator_truth);
  return g_test_run ();
}
