/* test-rules-explain.c — a stored flag's evaluation tree, rebuilt from its features
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
#include "assay-error.h"
#include "assay-replica-features.h"
#include "assay-rule-explain.h"
#include "assay-rule-flags.h"
#include "assay-rule-cases.h"
#include "assay-test-central.h"
#include "assay-test-util.h"

/* `points` in events of 10 points in `dimension`, on days 1–18 of `month`. */
static void
add_events (GString    *out,
            const char *account,
            const char *dimension,
            guint       points,
            guint       month)
{
  for (guint i = 0; i < points / 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%s-%u-%u", account, dimension, month, i);
      g_autofree char *evidence = g_compute_checksum_for_string (G_CHECKSUM_SHA256, id, -1);

      g_string_append_printf (out,
        "{\"kind\":\"event\",\"account\":\"%s\",\"account_kind\":\"individual\","
        "\"dimension\":\"%s\",\"points\":10,\"event_date\":\"2025-%02u-%02u\","
        "\"publication_date\":\"2025-%02u-%02u\",\"county\":\"310118\",\"issuer\":\"issuer\","
        "\"distributor\":\"volunteers\",\"rule\":{\"id\":\"hours\",\"inputs\":{\"hours\":1}},"
        "\"activity\":\"%s\",\"confirmer\":null,\"evidence\":\"%s\"}\n",
        account, dimension, month, 1 + i % 18, month, 11 + i % 18, id, evidence);
    }
}

/* 71 % professional in Q1 (a review); community over 70 % in Q1 and Q2
 * (reviews and a down-weight); a balanced decoy. */
static char *
crafted_lines (void)
{
  GString *out = g_string_new (NULL);

  add_events (out, "acct-conc", "professional", 710, 2);
  add_events (out, "acct-conc", "knowledge", 290, 2);
  add_events (out, "acct-consec", "community", 800, 2);
  add_events (out, "acct-consec", "data", 200, 2);
  add_events (out, "acct-consec", "community", 900, 5);
  add_events (out, "acct-consec", "data", 100, 5);
  add_events (out, "acct-decoy", "professional", 500, 2);
  add_events (out, "acct-decoy", "knowledge", 500, 2);
  return g_string_free (out, FALSE);
}

/* The replica's column of one of the pilot's features. */
static void
bulk_column (const AssayQuarterFeatures *f,
             const char                 *name,
             AssayRuleColumn            *out)
{
  memset (out, 0, sizeof *out);
  out->type = ASSAY_RULE_TYPE_NUMBER;
  if (strcmp (name, "quarter.total") == 0)
    out->numbers = f->total;
  else if (strcmp (name, "quarter.max_share") == 0)
    out->numbers = f->max_share;
  else if (strcmp (name, "quarter.previous.total") == 0)
    out->numbers = f->previous_total;
  else if (strcmp (name, "quarter.previous.max_share") == 0)
    out->numbers = f->previous_max_share;
  else if (strcmp (name, "quarter.max_dimension") == 0)
    out->type = ASSAY_RULE_TYPE_STRING, out->strings = f->max_dimension;
  else if (strcmp (name, "quarter.previous.max_dimension") == 0)
    out->type = ASSAY_RULE_TYPE_STRING, out->strings = f->previous_max_dimension;
  else
    g_assert_not_reached ();
}

static gsize
find_subject (const AssayQuarterFeatures *f,
              JsonObject                 *flag)
{
  const char *account = json_object_get_string_member (json_object_get_object_member (flag, "subject"), "id");
  const char *from = json_object_get_string_member (json_object_get_object_member (flag, "period"), "from");
  guint32 day = 0;

  g_assert_true (assay_day_parse (from, -1, &day));
  for (gsize i = 0; i < f->n; i++)
    if (strcmp (f->account[i], account) == 0 && f->quarter[i] == assay_day_quarter (day))
      return i;
  g_assert_not_reached ();
}

static void
assert_same_value (const AssayRuleValue *a,
                   const AssayRuleValue *b)
{
  g_assert_cmpint (a->type, ==, b->type);
  g_assert_cmpint (a->fault, ==, b->fault);
  if (a->fault != ASSAY_RULE_FAULT_NONE)
    return;
  if (a->type == ASSAY_RULE_TYPE_NUMBER)
    g_assert_cmpfloat (a->number, ==, b->number);
  else if (a->type == ASSAY_RULE_TYPE_BOOL)
    g_assert_cmpint (a->boolean, ==, b->boolean);
  else
    g_assert_cmpstr (a->string, ==, b->string);
}

/* The flag's tree: its root is true, every node equals the trace over the
 * replica's columns, the bulk pass hits the subject, and the tightest
 * comparison is the flag's margin. */
static void
check_flag (AssayRuleSet               *set,
            const AssayQuarterFeatures *f,
            JsonObject                 *flag)
{
  const char *rule_id = json_object_get_string_member (flag, "rule");
  const AssayRuleCondition *cond = assay_rule_get_condition (assay_rule_set_lookup_rule (set, rule_id));
  guint n_features = assay_rule_condition_get_n_features (cond);
  g_autofree AssayRuleColumn *columns = g_new0 (AssayRuleColumn, n_features);
  g_autofree guint8 *hit = g_new0 (guint8, f->n);
  g_autofree AssayRuleTraceNode *trace = NULL;
  g_autofree AssayRuleTraceNode *bulk = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *margin = json_object_get_object_member (flag, "margin");
  const char *tightest = NULL;
  double best = NAN;
  gsize i = find_subject (f, flag);
  guint n = 0;

  trace = assay_rule_explain_flag (set, rule_id, flag, &n, &error);
  g_assert_no_error (error);
  g_assert_nonnull (trace);
  g_assert_cmpuint (n, ==, assay_rule_condition_get_n_nodes (cond));
  g_assert_cmpuint (trace[0].depth, ==, 1);
  g_assert_cmpint (trace[0].value.type, ==, ASSAY_RULE_TYPE_BOOL);
  g_assert_cmpint (trace[0].value.fault, ==, ASSAY_RULE_FAULT_NONE);
  g_assert_true (trace[0].value.boolean);

  for (guint k = 0; k < n_features; k++)
    bulk_column (f, assay_rule_condition_get_feature (cond, k), &columns[k]);
  assay_rule_condition_evaluate (cond, columns, f->n, hit, NULL);
  g_assert_cmpint (hit[i], ==, trace[0].value.boolean);
  bulk = assay_rule_condition_trace (cond, columns, i);
  for (guint k = 0; k < n; k++)
    {
      double m;

      g_assert_cmpstr (trace[k].path, ==, bulk[k].path);
      assert_same_value (&trace[k].value, &bulk[k].value);
      if (assay_rule_explain_get_margin (trace, n, k, &m) && (isnan (best) || m < best))
        best = m, tightest = trace[k].path;
    }
  g_assert_cmpstr (tightest, ==, json_object_get_string_member (margin, "path"));
  g_assert_cmpfloat (best, ==, json_object_get_double_member (margin, "value"));

  /* The explanation made again from the flag alone is the evaluation's
   * (computed in English); in Chinese it is the other template. */
  {
    g_autofree char *en = assay_rule_explain_flag_text (set, flag, "en", &error);
    g_autofree char *zh = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (en, ==, json_object_get_string_member (flag, "explanation"));
    zh = assay_rule_explain_flag_text (set, flag, "zh_CN", &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (zh, "季度"));
  }
}

/* Another rule, another rule set, a missing feature: refused; a null
 * feature: a missing value in the tree. */
static void
check_refusals (AssayRuleSet *set,
                const char   *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree AssayRuleTraceNode *trace = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *copy, *features;
  guint n = 0;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  copy = json_node_get_object (json_parser_get_root (parser));
  features = json_object_get_object_member (copy, "features");

  g_assert_null (assay_rule_explain_flag (set, "X.down_weight", copy, &n, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "X.concentration"));
  g_clear_error (&error);

  json_object_set_null_member (features, "quarter.max_share");
  trace = assay_rule_explain_flag (set, "X.concentration", copy, &n, &error);
  g_assert_no_error (error);
  /* and (missing, true): missing, never false. */
  g_assert_cmpint (trace[0].value.fault, ==, ASSAY_RULE_FAULT_MISSING);
  g_clear_pointer (&trace, g_free);

  json_object_set_string_member (features, "quarter.max_share", "high");
  g_assert_null (assay_rule_explain_flag (set, "X.concentration", copy, &n, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  json_object_set_null_member (features, "quarter.max_share");
  json_object_remove_member (features, "quarter.total");
  g_assert_null (assay_rule_explain_flag (set, "X.concentration", copy, &n, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "quarter.total"));
  g_clear_error (&error);

  json_object_set_string_member (json_object_get_object_member (copy, "rule_set"), "sha256",
                                 "0000000000000000000000000000000000000000000000000000000000000000");
  g_assert_null (assay_rule_explain_flag (set, "X.concentration", copy, &n, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "0000000000"));
  g_clear_error (&error);
}

static void
test_crafted (void)
{
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("explain.test/log");
  g_autofree char *lines = crafted_lines ();
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "replica.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayRuleSet) set = NULL;
  g_autofree char *default_path = assay_rule_default_set_path ();
  g_autoptr(AssayQuarterFeatures) f = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  gboolean refused = FALSE;

  assay_test_central_import (central, lines);
  assay_test_central_start (central);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", path, "sync", "--server", central->url,
                             "--log-key", central->key, NULL), ==, 0);
  replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  /* The default rule set, found as `assayctl flags` finds it. */
  set = assay_rule_set_new_from_file (default_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (assay_rule_set_get_name (set), ==, "pilot");
  flags = assay_rule_flags_account_quarter (set, replica, "en", NULL, NULL, &error);
  g_assert_no_error (error);
  /* acct-conc Q1, acct-consec Q1 and Q2, acct-consec's down-weight. */
  g_assert_cmpuint (flags->len, ==, 4);
  f = assay_replica_quarter_features (replica, 0, &error);
  g_assert_no_error (error);

  for (guint k = 0; k < flags->len; k++)
    {
      g_autoptr(JsonNode) node = assay_rule_flag_to_json (flags->pdata[k]);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *text = NULL;
      JsonObject *stored;

      /* As stored: written out and read back. */
      json_generator_set_root (generator, node);
      text = json_generator_to_data (generator, NULL);
      g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
      g_assert_no_error (error);
      stored = json_node_get_object (json_parser_get_root (parser));
      check_flag (set, f, stored);
      if (!refused && strcmp (json_object_get_string_member (stored, "rule"), "X.concentration") == 0)
        {
          check_refusals (set, text);
          refused = TRUE;
        }
    }
  g_assert_true (refused);
  assay_test_central_stop (central);
  assay_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/assay/rules/explain/crafted", test_crafted);
  return g_test_run ();
}
