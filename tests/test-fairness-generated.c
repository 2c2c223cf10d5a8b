/* test-fairness-generated.c — the fairness audit finds the gap the generator planted
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

/* The generator's cohort (assay-central generate --cohort) plants one
 * gap, named in its truth; the generator uses no rules or stats, so it
 * is an independent check of the audit end to end: generate, serve,
 * sync, import the cohort, run `assayctl fairness` at depth 3 with Holm
 * at α = 0.01.  The planted group must be `under`.  No group that shares
 * no account with it (one with another value of one of its attributes:
 * the men, the under-70s, the men of 70+ in one county) may be flagged,
 * in either direction.  A group that holds some of its accounts (all
 * women, the 70+ of one province, the women of 70+ in one county) has
 * part of the planted gap, and may be flagged, but only `under`. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "assay-test-central.h"
#include "assay-test-util.h"

/* Whether every attribute of `inner` has the same value in `outer`. */
static gboolean
attributes_within (JsonObject *inner,
                   JsonObject *outer)
{
  g_autoptr(GList) names = json_object_get_members (inner);

  for (GList *l = names; l != NULL; l = l->next)
    if (!json_object_has_member (outer, l->data) ||
        g_strcmp0 (json_object_get_string_member (inner, l->data),
                   json_object_get_string_member (outer, l->data)) != 0)
      return FALSE;
  return TRUE;
}

/* Whether no attribute the two share has different values in them: then
 * some accounts may be in both. */
static gboolean
attributes_overlap (JsonObject *a,
                    JsonObject *b)
{
  g_autoptr(GList) names = json_object_get_members (a);

  for (GList *l = names; l != NULL; l = l->next)
    if (json_object_has_member (b, l->data) &&
        g_strcmp0 (json_object_get_string_member (a, l->data),
                   json_object_get_string_member (b, l->data)) != 0)
      return FALSE;
  return TRUE;
}

/* The cases on groups (Article W), each checked to hold `n_current`
 * current flags of rule W.fairness. */
static guint
group_cases (const char *replica,
             gint64      n_current)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *cases;
  guint n = 0;

  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "cases", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  cases = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "cases");
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      JsonObject *subject = json_object_get_object_member (c, "subject");
      g_autofree char *id = NULL;
      g_autofree char *detail = NULL;

      if (g_strcmp0 (json_object_get_string_member (subject, "kind"), "group") != 0)
        continue;
      n++;
      g_assert_cmpint (json_object_get_int_member (c, "current_flags"), ==, n_current);
      id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (c, "id"));
      g_assert_cmpint (assay_test_assayctl (&detail, NULL, "--replica", replica, "case", id, NULL), ==, 0);
      g_assert_nonnull (strstr (detail, "W.fairness"));
      g_assert_nonnull (strstr (detail, "socio-economic status predicts"));
    }
  return n;
}

static void
test_planted_gap (void)
{
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("fairness.test/log");
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *replica = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *jsonl = g_build_filename (dir, "pilot.jsonl", NULL);
  g_autofree char *truth_path = g_build_filename (dir, "truth.json", NULL);
  g_autofree char *cohort = g_build_filename (dir, "cohort.csv", NULL);
  g_autofree char *lines = NULL, *out = NULL;
  const char *gen[] = { g_getenv ("ASSAY_CENTRAL"), "generate", "--accounts", "10000", "--seed", "1",
                        "--out", jsonl, "--truth", truth_path, "--cohort", cohort, NULL };
  g_autoptr(JsonParser) truth_parser = json_parser_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *planted, *planted_attributes, *root;
  JsonArray *groups;
  guint n_flagged = 0, n_tested = 0;
  gboolean found = FALSE;

  g_assert_cmpint (assay_test_run (gen, NULL, NULL, NULL), ==, 0);
  g_assert_true (json_parser_load_from_file (truth_parser, truth_path, NULL));
  planted = json_object_get_object_member (json_object_get_object_member (
              json_node_get_object (json_parser_get_root (truth_parser)), "cohort"), "planted_gap");
  planted_attributes = json_object_get_object_member (planted, "attributes");
  g_assert_cmpstr (json_object_get_string_member (planted, "direction"), ==, "under");
  g_assert_cmpint (json_object_get_int_member (planted, "accounts"), >, 100);

  g_assert_true (g_file_get_contents (jsonl, &lines, NULL, NULL));
  assay_test_central_import (central, lines);
  assay_test_central_start (central);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", replica, "sync", "--server", central->url,
                                        "--log-key", central->key, NULL), ==, 0);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", replica, "cohort", "import", cohort, NULL), ==, 0);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "fairness", "--year", "2026",
                                        "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "depth"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (root, "ses"), ==, "discrete");
  groups = json_object_get_array_member (root, "groups");
  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonObject *g = json_array_get_object_element (groups, i);
      JsonObject *attributes = json_object_get_object_member (g, "attributes");
      const char *verdict = json_object_get_string_member (g, "verdict");

      n_tested += g_strcmp0 (verdict, "insufficient") != 0;
      if (attributes_within (planted_attributes, attributes) &&
          attributes_within (attributes, planted_attributes))
        {
          found = TRUE;
          g_assert_cmpstr (verdict, ==, "under");
          g_assert_cmpfloat (json_object_get_double_member (g, "ratio"), <, 0.8);
        }
      if (g_strcmp0 (verdict, "under") == 0 || g_strcmp0 (verdict, "over") == 0)
        {
          g_autofree char *text = json_to_string (json_object_get_member (g, "attributes"), FALSE);

          n_flagged++;
          g_test_message ("flagged %s: %s", text, verdict);
          g_assert_true (attributes_overlap (attributes, planted_attributes));
          g_assert_cmpstr (verdict, ==, "under");
        }
    }
  g_assert_true (found);
  g_assert_cmpint (json_object_get_int_member (root, "tests"), ==, 2 * n_tested);
  g_test_message ("%u groups, %u tested, %u flagged", json_array_get_length (groups), n_tested, n_flagged);

  /* Each flagged group is an Article W case in the review queue, with
   * one current flag; the same audit again, or the rule engine's next
   * run after a sync, changes none of them. */
  g_assert_cmpint (json_object_get_int_member (root, "cases_filed"), ==, n_flagged);
  g_assert_cmpuint (group_cases (replica, 1), ==, n_flagged);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "fairness", "--year", "2026", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Article W case"));
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", replica, "sync", "--server", central->url,
                                        "--log-key", central->key, NULL), ==, 0);
  g_assert_cmpuint (group_cases (replica, 1), ==, n_flagged);

  /* A run that tests the same groups and finds no gap (α so small that
   * nothing passes) withdraws their flags; the cases stay, with the flag
   * in their history; the next run that finds them again restores them. */
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", replica, "fairness", "--year", "2026",
                                        "--alpha", "1e-300", NULL), ==, 0);
  g_assert_cmpuint (group_cases (replica, 0), ==, n_flagged);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", replica, "fairness", "--year", "2026", NULL), ==, 0);
  g_assert_cmpuint (group_cases (replica, 1), ==, n_flagged);
  assay_test_central_stop (central);
  assay_test_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/assay/audit/fairness/generated", test_planted_gap);
  return g_test_run ();
}
