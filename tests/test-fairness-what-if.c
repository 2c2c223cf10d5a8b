/* test-fairness-what-if.c — the weights what-if reports how the Article W verdicts would change
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

/* A crafted ledger of 80 accounts in one SES cell: the 40 women earn in
 * data, the 40 men as much in professional work, and everyone 200 points
 * of knowledge; account k of either group earns the same points.  Under
 * the plan's equal weights the two groups' values are alike: no verdict.
 * Proposal A (professional 30 %, knowledge 15 %, data 5 %) puts the women
 * at about 210 and the men at about 360 per 300 points: the women `under`,
 * the men `over`, and the what-if must say so.  Proposal B (professional
 * 20 %, knowledge 25 %, data 15 %) moves every value (about 390 against
 * 420) but leaves the ratio inside [0.8, 1.25]: no verdict changes.
 * Before the cohort is imported, the what-if says it has none. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "assay-day.h"
#include "assay-test-central.h"
#include "assay-test-lines.h"
#include "assay-test-util.h"

#define N_PER_GROUP 40

static const char *const proposal_a =
  "professional=30,knowledge=15,community=15,ecological=15,data=5,market_order=20";
static const char *const proposal_b =
  "professional=20,knowledge=25,community=15,ecological=15,data=15,market_order=10";

/* The ledger's lines and the cohort file's text. */
static void
craft (GString *lines,
       GString *cohort)
{
  guint32 day;

  g_assert_true (assay_day_parse ("2026-03-02", -1, &day));
  g_string_append (cohort, "account,gender,age_band,county,ses\n");
  for (guint k = 0; k < N_PER_GROUP; k++)
    for (guint woman = 0; woman < 2; woman++)
      {
        g_autofree char *account = g_strdup_printf ("acct-%s-%02u", woman ? "f" : "m", k);
        g_autofree char *activity = g_strdup_printf ("A-%s", account);
        g_autofree char *base = g_strdup_printf ("B-%s", account);

        assay_test_append_event (lines, account, woman ? "data" : "professional", 80 + k, day, "310118", "hours",
                                 activity, NULL);
        assay_test_append_event (lines, account, "knowledge", 200, day, "310118", "hours", base, NULL);
        g_string_append_printf (cohort, "%s,%s,all,310118,1\n", account, woman ? "f" : "m");
      }
}

static JsonObject *
what_if (JsonParser *parser,
         const char *replica,
         const char *proposal)
{
  g_autofree char *out = NULL, *err = NULL;

  if (assay_test_assayctl (&out, &err, "--replica", replica, "weights", "what-if", "--as-of", "2026-06-30",
                           "--set", proposal, "--json", NULL) != 0)
    g_error ("assayctl weights what-if --set %s failed: %s", proposal, err);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  return json_node_get_object (json_parser_get_root (parser));
}

/* The change of the group gender=`gender`, or NULL. */
static JsonObject *
change_of (JsonArray  *changes,
           const char *gender)
{
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);
      JsonObject *attributes = json_object_get_object_member (c, "attributes");

      if (json_object_get_size (attributes) == 1 &&
          g_strcmp0 (json_object_get_string_member_with_default (attributes, "gender", ""), gender) == 0)
        return c;
    }
  return NULL;
}

static void
test_verdict_changes (void)
{
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("fairness-what-if.test/log");
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *replica = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *cohort_path = g_build_filename (dir, "cohort.csv", NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autoptr(GString) cohort = g_string_new (NULL);
  g_autoptr(JsonParser) none_parser = json_parser_new ();
  g_autoptr(JsonParser) a_parser = json_parser_new ();
  g_autoptr(JsonParser) b_parser = json_parser_new ();
  g_autofree char *text = NULL, *err = NULL;
  JsonObject *none, *a, *b, *women, *men;
  JsonArray *changes;

  craft (lines, cohort);
  assay_test_central_import (central, lines->str);
  assay_test_central_start (central);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", replica, "sync", "--server", central->url,
                                        "--log-key", central->key, NULL), ==, 0);

  /* No cohort yet: said plainly, in the JSON and in the text. */
  none = what_if (none_parser, replica, proposal_a);
  g_assert_true (json_object_has_member (none, "fairness"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (none, "fairness")));
  g_assert_nonnull (strstr (json_object_get_string_member (none, "fairness_reason"), "No cohort"));
  g_assert_cmpint (assay_test_assayctl (&text, &err, "--replica", replica, "weights", "what-if", "--as-of",
                                        "2026-06-30", "--set", proposal_a, NULL), ==, 0);
  g_assert_nonnull (strstr (text, "No cohort is loaded"));

  g_assert_true (g_file_set_contents (cohort_path, cohort->str, -1, NULL));
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", replica, "cohort", "import", cohort_path, NULL),
                   ==, 0);

  /* A: the women fall below their prediction, the men rise above it. */
  a = what_if (a_parser, replica, proposal_a);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (a, "fairness"), "accounts"), ==,
                   2 * N_PER_GROUP);
  changes = json_object_get_array_member (a, "fairness_changes");
  women = change_of (changes, "f");
  men = change_of (changes, "m");
  g_assert_nonnull (women);
  g_assert_nonnull (men);
  g_assert_cmpstr (json_object_get_string_member (women, "verdict_before"), ==, "none");
  g_assert_cmpstr (json_object_get_string_member (women, "verdict_after"), ==, "under");
  g_assert_cmpstr (json_object_get_string_member (men, "verdict_before"), ==, "none");
  g_assert_cmpstr (json_object_get_string_member (men, "verdict_after"), ==, "over");
  /* Alike before; after, about 150 points apart (decay aside). */
  g_assert_cmpfloat (fabs (json_object_get_double_member (women, "residual_median_before")), <, 1);
  g_assert_cmpfloat (json_object_get_double_member (women, "residual_median_after"), <, -100);
  g_assert_cmpfloat (json_object_get_double_member (men, "residual_median_after"), >, 100);
  g_assert_cmpuint (json_array_get_length (changes), ==, 2);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (&text, &err, "--replica", replica, "weights", "what-if", "--as-of",
                                        "2026-06-30", "--set", proposal_a, NULL), ==, 0);
  g_assert_nonnull (strstr (text, "verdicts that would change 2."));
  g_test_message ("%s", text);

  /* B: every value moves, no verdict does. */
  b = what_if (b_parser, replica, proposal_b);
  g_assert_cmpfloat (json_object_get_double_member (b, "total_after"), >,
                     1.2 * json_object_get_double_member (b, "total_before"));
  g_assert_nonnull (json_object_get_object_member (b, "fairness"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (b, "fairness_changes")), ==, 0);
  assay_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/assay/audit/fairness/what-if", test_verdict_changes);
  return g_test_run ();
}
