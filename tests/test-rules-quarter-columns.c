/* test-rules-quarter-columns.c — block-wise account-quarter evaluation equals the features path
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

#include <string.h>

#include "assay-replica-features.h"
#include "assay-rule-condition.h"
#include "assay-rule-flags.h"
#include "assay-rule-quarter-columns.h"
#include "assay-rule-set.h"
#include "assay-test-central.h"
#include "assay-test-util.h"

/* The column of `f` holding feature `name` (the catalogue's names). */
static void
column_of (const AssayQuarterFeatures *f,
           const char                 *name,
           AssayRuleColumn            *out)
{
  gboolean previous = g_str_has_prefix (name, "quarter.previous.");
  const char *rest = name + strlen (previous ? "quarter.previous." : "quarter.");
  AssayDimension d;

  memset (out, 0, sizeof *out);
  out->type = ASSAY_RULE_TYPE_NUMBER;
  if (strcmp (rest, "total") == 0)
    out->numbers = previous ? f->previous_total : f->total;
  else if (strcmp (rest, "max_share") == 0)
    out->numbers = previous ? f->previous_max_share : f->max_share;
  else if (strcmp (rest, "max_dimension") == 0)
    out->type = ASSAY_RULE_TYPE_STRING,
    out->strings = previous ? f->previous_max_dimension : f->max_dimension;
  else
    {
      g_assert_true (g_str_has_prefix (rest, "share.") &&
                     assay_dimension_from_id (rest + strlen ("share."), &d));
      out->numbers = previous ? f->previous_share[d] : f->share[d];
    }
}

/* The hits of `rule` in `quarter` through assay_replica_quarter_features ()
 * and one bulk evaluation: account numbers, ascending. */
static GArray *
hits_from_features (const AssayRule *rule,
                    AssayReplica    *replica,
                    guint32          quarter)
{
  const AssayRuleCondition *cond = assay_rule_get_condition (rule);
  guint n_features = assay_rule_condition_get_n_features (cond);
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayQuarterFeatures) f = assay_replica_quarter_features (replica, quarter, &error);
  g_autofree AssayRuleColumn *columns = g_new0 (AssayRuleColumn, n_features);
  g_autofree guint8 *hit = NULL;
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (guint64));

  g_assert_no_error (error);
  if (f->n == 0)
    return hits;
  hit = g_new0 (guint8, f->n);
  for (guint k = 0; k < n_features; k++)
    column_of (f, assay_rule_condition_get_feature (cond, k), &columns[k]);
  assay_rule_condition_evaluate (cond, columns, f->n, hit, NULL);
  for (gsize i = 0; i < f->n; i++)
    if (hit[i])
      g_array_append_val (hits, f->account_id[i]);
  return hits;
}

static void
assert_same_ids (GArray *a,
                 GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpuint (g_array_index (a, guint64, i), ==, g_array_index (b, guint64, i));
}

static char *
flag_json (const AssayRuleFlag *flag)
{
  g_autoptr(JsonNode) node = assay_rule_flag_to_json (flag);

  return json_to_string (node, FALSE);
}

static void
test_generated (void)
{
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("quarter-columns.test/log");
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *jsonl = g_build_filename (dir, "pilot.jsonl", NULL);
  g_autofree char *truth = g_build_filename (dir, "truth.json", NULL);
  g_autofree char *pilot = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data", "rules",
                                             "pilot.json", NULL);
  g_autofree char *lines = NULL;
  const char *gen[] = { g_getenv ("ASSAY_CENTRAL"), "generate", "--accounts", "1500", "--seed", "3",
                        "--out", jsonl, "--truth", truth, NULL };
  const char *sync[] = { g_getenv ("ASSAYCTL"), "--replica", path, "sync", "--server", NULL,
                         "--log-key", NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayRuleSet) set = NULL;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GPtrArray) all_flags = NULL;
  const char *rules[] = { "X.concentration", "X.down_weight" };
  guint n_hits = 0;

  g_assert_cmpint (assay_test_run (gen, NULL, NULL, NULL), ==, 0);
  g_assert_true (g_file_get_contents (jsonl, &lines, NULL, NULL));
  assay_test_central_import (central, lines);
  assay_test_central_start (central);
  sync[5] = central->url;
  sync[7] = central->key;
  g_assert_cmpint (assay_test_run (sync, NULL, NULL, NULL), ==, 0);

  set = assay_rule_set_new_from_file (pilot, &error);
  g_assert_no_error (error);
  replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  all_flags = assay_rule_flags_account_quarter (set, replica, "en", NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint32 year = 2024; year <= 2027; year++)
    for (guint32 q = 1; q <= 4; q++)
      {
        guint32 quarter = year * 10 + q;

        for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
          {
            const AssayRule *rule = assay_rule_set_lookup_rule (set, rules[r]);
            g_autoptr(GArray) expected = hits_from_features (rule, replica, quarter);
            g_autoptr(GArray) hits = NULL, some = NULL, wanted = NULL, expected_some = NULL;

            g_assert_true (assay_rule_quarter_columns_supports (rule));
            hits = assay_rule_quarter_columns_evaluate (rule, replica, quarter, NULL, 0, NULL, &error);
            g_assert_no_error (error);
            assert_same_ids (hits, expected);
            n_hits += hits->len;

            /* Given accounts: every third number from 1 to 3000. */
            wanted = g_array_new (FALSE, FALSE, sizeof (guint64));
            expected_some = g_array_new (FALSE, FALSE, sizeof (guint64));
            for (guint64 a = 1; a <= 3000; a += 3)
              g_array_append_val (wanted, a);
            for (guint i = 0; i < expected->len; i++)
              if (g_array_index (expected, guint64, i) % 3 == 1)
                g_array_append_val (expected_some, g_array_index (expected, guint64, i));
            some = assay_rule_quarter_columns_evaluate (rule, replica, quarter, (const guint64 *) wanted->data,
                                                        wanted->len, NULL, &error);
            g_assert_no_error (error);
            assert_same_ids (some, expected_some);

            /* The hits' flags equal those of the whole evaluation. */
            if (strcmp (rules[r], "X.concentration") == 0)
              {
                g_autoptr(AssayQuarterFeatures) f = NULL;
                g_autoptr(GPtrArray) flags = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_rule_flag_free);
                guint32 first, last;
                guint k = 0;

                f = assay_replica_quarter_features_for_accounts (replica, quarter, (const guint64 *) hits->data,
                                                                 hits->len, &error);
                g_assert_no_error (error);
                g_assert_true (assay_rule_flags_account_quarter_append (set, rule, replica, f, "en", flags, &error));
                g_assert_no_error (error);
                g_assert_cmpuint (flags->len, ==, hits->len);
                assay_quarter_get_days (quarter, &first, &last);
                for (guint i = 0; i < all_flags->len; i++)
                  {
                    const AssayRuleFlag *flag = g_ptr_array_index (all_flags, i);
                    g_autofree char *a = NULL, *b = NULL;

                    if (strcmp (flag->rule, rules[r]) != 0 || flag->from != first)
                      continue;
                    g_assert_cmpuint (k, <, flags->len);
                    a = flag_json (flag);
                    b = flag_json (g_ptr_array_index (flags, k++));
                    g_assert_cmpstr (a, ==, b);
                  }
                g_assert_cmpuint (k, ==, flags->len);
              }
          }
      }
  g_assert_cmpuint (n_hits, >, 10);
  g_clear_object (&replica);
  assay_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rules/quarter-columns/generated", test_generated);
  return g_test_run ();
}
