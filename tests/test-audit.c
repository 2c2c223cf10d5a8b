/* test-audit.c — the cohort file and the Article W fairness test
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

#include "assay-audit-cohort.h"
#include "assay-cohort-import.h"
#include "assay-enum.h"
#include "assay-error.h"
#include "assay-fairness.h"
#include "assay-fairness-cases.h"
#include "assay-test-util.h"

#define HEADER "account,gender,age_band,county,ses,occupation\n"

/* ---- cohort file ------------------------------------------------------------ */

static void
test_parse_good (void)
{
  const char *csv = "\xef\xbb\xbf" "account,ses,county,gender,age_band,occupation\r\n"
                    "a1,2.5,310118,female,60+,\"farmer, retired\"\r\n"
                    "\"a2\",3,330106,male,30-44,\"said \"\"hi\"\"\"\r\n"
                    "\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayCohortFile) file = assay_cohort_parse (csv, strlen (csv), &error);
  const AssayCohortRecord *r;

  g_assert_no_error (error);
  g_assert_cmpuint (file->records->len, ==, 2);
  g_assert_cmpuint (g_strv_length (file->extra_columns), ==, 1);
  g_assert_cmpstr (file->extra_columns[0], ==, "occupation");
  r = g_ptr_array_index (file->records, 0);
  g_assert_cmpstr (r->account, ==, "a1");
  g_assert_cmpstr (r->age_band, ==, "60+");
  g_assert_cmpfloat (r->ses, ==, 2.5);
  g_assert_cmpstr (r->extra[0], ==, "farmer, retired");
  r = g_ptr_array_index (file->records, 1);
  g_assert_cmpstr (r->account, ==, "a2");
  g_assert_cmpstr (r->county, ==, "330106");
  g_assert_cmpstr (r->extra[0], ==, "said \"hi\"");
}

/* Each refusal names its line and what is wrong. */
static void
test_parse_refusals (void)
{
  static const struct { const char *csv; const char *expect; } cases[] = {
    { "account,gender,age_band,county\na,f,1,310118\n", "Line 1 of the cohort file: the header has no column “ses”" },
    { "account,gender,age_band,county,ses,ses\n", "Line 1 of the cohort file: the column “ses” appears twice" },
    { "", "Line 1 of the cohort file: the file is empty" },
    { HEADER "a,f,1,310118,1,x\nb,f,1,310118,2,y\na,m,2,310118,3,z\n", "Line 4 of the cohort file: the account “a” already appears on line 2." },
    { HEADER "a,f,1,310118,1,x\nb,f,1,999999,2,y\n", "Line 3 of the cohort file: “999999” is not a valid county code" },
    { HEADER "a,f,1,310100,1,x\n", "Line 2 of the cohort file: “310100” is not a valid county code" },
    { HEADER "a,f,1,3101,1,x\n", "Line 2 of the cohort file: “3101” is not a valid county code" },
    { HEADER "a,f,1,310118,high,x\n", "Line 2 of the cohort file: the SES “high” is not a number." },
    { HEADER "a,f,1,310118,,x\n", "Line 2 of the cohort file: the SES “” is not a number." },
    { HEADER "a,f,1,310118,nan,x\n", "Line 2 of the cohort file: the SES “nan” is not a number." },
    { HEADER "a,f,1,310118,1 ,x\n", "Line 2 of the cohort file: the SES “1 ” is not a number." },
    { HEADER "a,f,1,310118,1,\"open\n", "Line 2 of the cohort file: a quoted field is never closed." },
    { HEADER "a,f,1,310118,1,\"x\"y\n", "Line 2 of the cohort file: a closing quote is followed by text" },
    { HEADER "a,f,1,310118,1,x\"y\n", "Line 2 of the cohort file: a quote inside an unquoted field" },
    { HEADER "a,f,1,310118,1\n", "Line 2 of the cohort file: the row has 5 fields but the header has 6." },
    { HEADER ",f,1,310118,1,x\n", "Line 2 of the cohort file: the account is empty." },
    { HEADER "a,f,1,310118,1,\"x\ny\"\n", "Line 2 of the cohort file: a value holds a control character." },
    { HEADER "a,f,1,310118,1,x\nb,\xff,1,310118,1,x\n", "Line 3 of the cohort file: the text is not valid UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AssayCohortFile) file = assay_cohort_parse (cases[i].csv, strlen (cases[i].csv), &error);

      g_test_message ("case %u: %s", i, cases[i].expect);
      g_assert_null (file);
      g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
      g_assert_true (g_str_has_prefix (error->message, cases[i].expect));
      g_assert_nonnull (strstr (error->message, "nothing was imported"));
    }
}

/* A refused file leaves the stored cohort as it was: one transaction. */
static void
test_import_replica (void)
{
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *good = g_build_filename (dir, "good.csv", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_CREATE, &error);
  g_autoptr(AssayCohortStatus) st = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  guint n = 0, missing = 0;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (good, HEADER "a,f,1,310118,1,x\nb,m,2,330106,2,\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad, HEADER "c,f,1,310118,1,x\nc,m,2,330106,2,y\n", -1, NULL));
  g_assert_true (assay_cohort_import (replica, good, &n, &missing, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (missing, ==, 2);   /* an empty ledger holds neither */

  g_assert_false (assay_cohort_import (replica, bad, &n, &missing, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
  g_clear_error (&error);

  st = assay_replica_cohort_get_status (replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (st->n_accounts, ==, 2);
  g_assert_cmpuint (st->n_not_in_ledger, ==, 2);
  g_assert_cmpstr (st->extra_columns[0], ==, "occupation");
  outcomes = assay_replica_cohort_outcomes (replica, 2026, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outcomes->len, ==, 2);
  g_assert_cmpstr (((AssayCohortOutcome *) g_ptr_array_index (outcomes, 1))->record.extra[0], ==, "");
  g_assert_false (((AssayCohortOutcome *) g_ptr_array_index (outcomes, 1))->in_ledger);

  /* No account of the cohort is in the ledger, so there is nothing to test. */
  {
    AssayFairnessOptions options;
    guint not_in_ledger = 0;
    g_autoptr(AssayFairnessResult) result = NULL;
    const char *occupation[] = { "occupation", NULL };
    const char *income[] = { "gender", "income", NULL };
    const char *twice[] = { "gender", "gender", NULL };

    assay_fairness_options_init (&options);
    result = assay_audit_fairness (replica, NULL, 2026, occupation, 3, &options, &not_in_ledger, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (not_in_ledger, ==, 2);
    g_assert_cmpuint (result->groups->len, ==, 0);
    g_assert_null (assay_audit_fairness (replica, NULL, 2026, income, 3, &options, NULL, &error));
    g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_assert_null (assay_audit_fairness (replica, NULL, 2026, twice, 3, &options, NULL, &error));
    g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_assert_null (assay_audit_fairness (replica, NULL, 2026, NULL, 4, &options, NULL, &error));
    g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  }
  g_clear_object (&replica);
  assay_test_rmdir (dir);
}

/* ---- the test against R ----------------------------------------------------- */

static void
assert_close (double      got,
              JsonNode   *want,
              const char *what)
{
  double w;

  if (JSON_NODE_HOLDS_NULL (want))
    {
      if (!isnan (got) && !isinf (got))
        g_error ("%s: got %.17g, R has null", what, got);
      return;
    }
  w = json_node_get_double (want);
  if (!(fabs (got - w) <= 1e-9 * fabs (w) || fabs (got - w) < 1e-300))
    g_error ("%s: got %.17g, R has %.17g", what, got, w);
}

static void
check_case (gconstpointer data)
{
  const char *name = data;
  g_autofree char *csv_name = g_strdup_printf ("fairness/%s.csv", name);
  g_autofree char *json_name = g_strdup_printf ("fairness/%s.json", name);
  g_autofree char *csv_path = assay_test_data_path (csv_name);
  g_autofree char *json_path = assay_test_data_path (json_name);
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) y = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ses = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(AssayFairnessResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AssayFairnessOptions options;
  JsonObject *ref;
  JsonArray *want;

  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  lines = g_strsplit (csv, "\n", -1);
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", 3);
      double s = g_ascii_strtod (f[1], NULL), v = g_ascii_strtod (f[2], NULL);

      g_ptr_array_add (groups, g_strdup (f[0]));
      g_array_append_val (ses, s);
      g_array_append_val (y, v);
    }
  g_assert_true (json_parser_load_from_file (parser, json_path, &error));
  g_assert_no_error (error);
  ref = json_node_get_object (json_parser_get_root (parser));

  assay_fairness_options_init (&options);
  options.ses = g_str_equal (json_object_get_string_member (ref, "ses"), "continuous")
                ? ASSAY_FAIRNESS_SES_CONTINUOUS : ASSAY_FAIRNESS_SES_DISCRETE;
  options.correction = g_str_equal (json_object_get_string_member (ref, "correction"), "bh")
                       ? ASSAY_FAIRNESS_BH : ASSAY_FAIRNESS_HOLM;
  result = assay_fairness_run ((double *) y->data, (double *) ses->data,
                               (const char * const *) groups->pdata, y->len, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->ses, ==, options.ses);
  g_assert_cmpuint (result->n_tests, ==, json_object_get_int_member (ref, "tests"));
  want = json_object_get_array_member (ref, "groups");
  g_assert_cmpuint (result->groups->len, ==, json_array_get_length (want));
  for (guint i = 0; i < result->groups->len; i++)
    {
      const AssayFairnessGroup *g = g_ptr_array_index (result->groups, i);
      JsonObject *w = json_array_get_object_element (want, i);
      JsonArray *ci = json_object_get_array_member (w, "residual_ci");

      g_assert_cmpstr (g->value, ==, json_object_get_string_member (w, "value"));
      g_assert_cmpuint (g->n, ==, json_object_get_int_member (w, "n"));
      g_assert_cmpuint (g->n_tested, ==, json_object_get_int_member (w, "n_tested"));
      if (g->verdict != ASSAY_FAIRNESS_INSUFFICIENT)
        {
          g_assert_cmpuint (g->n_nonzero, ==, json_object_get_int_member (w, "n_nonzero"));
          g_assert_cmpuint (g->n_positive, ==, json_object_get_int_member (w, "n_positive"));
        }
      assert_close (g->observed_median, json_object_get_member (w, "observed_median"), "observed");
      assert_close (g->predicted_median, json_object_get_member (w, "predicted_median"), "predicted");
      assert_close (g->residual_median, json_object_get_member (w, "residual_median"), "residual");
      assert_close (g->residual_ci[0], json_array_get_element (ci, 0), "ci lower");
      assert_close (g->residual_ci[1], json_array_get_element (ci, 1), "ci upper");
      assert_close (g->ratio, json_object_get_member (w, "ratio"), "ratio");
      assert_close (g->p_below, json_object_get_member (w, "p_below"), "p_below");
      assert_close (g->p_above, json_object_get_member (w, "p_above"), "p_above");
      assert_close (g->p_below_adjusted, json_object_get_member (w, "p_below_adjusted"), "adj below");
      assert_close (g->p_above_adjusted, json_object_get_member (w, "p_above_adjusted"), "adj above");
      g_assert_cmpstr (assay_enum_get_nick (ASSAY_TYPE_FAIRNESS_VERDICT, g->verdict), ==,
                       json_object_get_string_member (w, "verdict"));
    }
  /* The planted groups are found, the fair ones and the tiny one are not
   * flagged: B under, E over, C insufficient, A and D none. */
  g_assert_cmpint (((AssayFairnessGroup *) g_ptr_array_index (result->groups, 0))->verdict, ==, ASSAY_FAIRNESS_NONE);
  g_assert_cmpint (((AssayFairnessGroup *) g_ptr_array_index (result->groups, 1))->verdict, ==, ASSAY_FAIRNESS_UNDER);
  g_assert_cmpint (((AssayFairnessGroup *) g_ptr_array_index (result->groups, 2))->verdict, ==, ASSAY_FAIRNESS_INSUFFICIENT);
  g_assert_cmpint (((AssayFairnessGroup *) g_ptr_array_index (result->groups, 3))->verdict, ==, ASSAY_FAIRNESS_NONE);
  g_assert_cmpint (((AssayFairnessGroup *) g_ptr_array_index (result->groups, 4))->verdict, ==, ASSAY_FAIRNESS_OVER);
}

/* A significant gap smaller than the effect-size gate is not flagged. */
static void
test_effect_gate (void)
{
  g_autofree double *y = g_new (double, 2000);
  g_autofree double *ses = g_new (double, 2000);
  g_autofree const char **group = g_new (const char *, 2000);
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayFairnessResult) result = NULL;
  AssayFairnessOptions options;
  const AssayFairnessGroup *g;

  /* Group "g": every account 5 % below its cell's outcome of 100 or 200. */
  for (guint i = 0; i < 2000; i++)
    {
      ses[i] = i % 2;
      group[i] = i < 500 ? "g" : "rest";
      y[i] = (100 + 100 * ses[i] + (i % 7)) * (i < 500 ? 0.95 : 1.0);
    }
  assay_fairness_options_init (&options);
  result = assay_fairness_run (y, ses, group, 2000, &options, &error);
  g_assert_no_error (error);
  g = g_ptr_array_index (result->groups, 0);
  g_assert_cmpstr (g->value, ==, "g");
  g_assert_cmpfloat (g->p_below_adjusted, <, 1e-10);
  g_assert_cmpfloat (g->ratio, >, 0.9);
  g_assert_cmpint (g->verdict, ==, ASSAY_FAIRNESS_NONE);

  /* With a gate of [0.96, 1/0.96] the same gap is flagged. */
  options.ratio_low = 0.96;
  options.ratio_high = 1 / 0.96;
  g_clear_pointer (&result, assay_fairness_result_free);
  result = assay_fairness_run (y, ses, group, 2000, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((AssayFairnessGroup *) g_ptr_array_index (result->groups, 0))->verdict, ==,
                   ASSAY_FAIRNESS_UNDER);
}

/* Combinations: each group of a pair or triple has the numbers that the
 * one-attribute test gives when the group is named by its joined values
 * (only the adjustment differs, since the tests differ); the pairs and
 * triples that hold both county and province are left out, and groups
 * come by combination, then in byte order. */
static void
test_combinations (void)
{
  enum { N = 3000 };
  static const char *const genders[] = { "male", "female" };
  static const char *const bands[] = { "60+", "18-29", "30-44" };
  static const char *const counties[] = { "310118", "330102", "330106" };
  static const char *const provinces[] = { "31", "33" };
  g_autofree double *y = g_new (double, N);
  g_autofree double *ses = g_new (double, N);
  /* One g_autofree each: on an array it would free the first only. */
  g_autofree guint *code0 = g_new (guint, N);
  g_autofree guint *code1 = g_new (guint, N);
  g_autofree guint *code2 = g_new (guint, N);
  g_autofree guint *code3 = g_new (guint, N);
  guint *code[4] = { code0, code1, code2, code3 };
  g_autofree const char **joined = g_new (const char *, N);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  AssayFairnessAttribute attributes[4] = {
    { "gender", code[0], genders, 2 }, { "age_band", code[1], bands, 3 },
    { "county", code[2], counties, 3 }, { "province", code[3], provinces, 2 },
  };
  g_autoptr(AssayFairnessResult) all = NULL;
  g_autoptr(GError) error = NULL;
  AssayFairnessOptions options;
  guint64 state = 7;
  guint n_pairs = 0, n_triples = 0;

  for (guint i = 0; i < N; i++)
    {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      code[0][i] = (state >> 33) % 2;
      code[1][i] = (state >> 40) % 3;
      code[2][i] = (state >> 50) % 3;
      code[3][i] = code[2][i] == 0 ? 0 : 1;
      ses[i] = (state >> 20) % 4;
      y[i] = (10 * ses[i] + 10 + (state >> 45) % 17) * (code[0][i] == 1 && code[1][i] == 1 ? 0.5 : 1);
    }
  assay_fairness_options_init (&options);
  all = assay_fairness_run_attributes (y, ses, N, attributes, 4, 3, &options, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->groups->len; i++)
    {
      const AssayFairnessGroup *g = g_ptr_array_index (all->groups, i);
      guint depth = g_strv_length (g->names);

      n_pairs += depth == 2;
      n_triples += depth == 3;
      g_assert_false (depth > 1 && g_strv_contains ((const char * const *) g->names, "county") &&
                      g_strv_contains ((const char * const *) g->names, "province"));
    }
  /* 2 + 3 + 3 + 2 single values; pairs g×a 6, g×c 6, g×p 4, a×c 9, a×p 6;
   * triples g×a×c 18, g×a×p 12. */
  g_assert_cmpuint (all->groups->len - n_pairs - n_triples, ==, 10);
  g_assert_cmpuint (n_pairs, ==, 31);
  g_assert_cmpuint (n_triples, ==, 30);
  g_assert_cmpuint (all->n_tests, ==, 2 * all->groups->len);
  g_assert_cmpstr (((AssayFairnessGroup *) g_ptr_array_index (all->groups, 0))->value, ==, "female");
  g_assert_cmpstr (((AssayFairnessGroup *) g_ptr_array_index (all->groups, 2))->value, ==, "18-29");
  g_assert_cmpstr (((AssayFairnessGroup *) g_ptr_array_index (all->groups, 10))->value, ==, "female / 18-29");

  /* One thread or several: the same groups in the same order. */
  for (guint threads = 1; threads <= 3; threads += 2)
    {
      g_autoptr(AssayFairnessResult) again = NULL;

      options.threads = threads;
      again = assay_fairness_run_attributes (y, ses, N, attributes, 4, 3, &options, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (again->groups->len, ==, all->groups->len);
      for (guint i = 0; i < all->groups->len; i++)
        {
          const AssayFairnessGroup *a = g_ptr_array_index (all->groups, i);
          const AssayFairnessGroup *b = g_ptr_array_index (again->groups, i);

          g_assert_cmpstr (a->value, ==, b->value);
          g_assert_cmpfloat (a->p_below_adjusted, ==, b->p_below_adjusted);
        }
    }
  options.threads = 0;

  /* Every pair of gender × age_band against the one-attribute test. */
  for (guint i = 0; i < N; i++)
    {
      char *v = g_strdup_printf ("%s / %s", genders[code[0][i]], bands[code[1][i]]);

      g_ptr_array_add (keep, v);
      joined[i] = v;
    }
  {
    g_autoptr(AssayFairnessResult) one = assay_fairness_run (y, ses, joined, N, &options, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (one->groups->len, ==, 6);
    for (guint k = 0; k < 6; k++)
      {
        const AssayFairnessGroup *a = g_ptr_array_index (one->groups, k);
        const AssayFairnessGroup *b = g_ptr_array_index (all->groups, 10 + k);

        g_assert_cmpstr (a->value, ==, b->value);
        g_assert_cmpuint (a->n_tested, ==, b->n_tested);
        g_assert_cmpuint (a->n_positive, ==, b->n_positive);
        g_assert_cmpfloat (a->observed_median, ==, b->observed_median);
        g_assert_cmpfloat (a->predicted_median, ==, b->predicted_median);
        g_assert_cmpfloat (a->residual_ci[0], ==, b->residual_ci[0]);
        g_assert_cmpfloat (a->residual_ci[1], ==, b->residual_ci[1]);
        g_assert_cmpfloat (a->p_below, ==, b->p_below);
        g_assert_cmpfloat (a->p_above, ==, b->p_above);
      }
    /* The planted pair, female × 18-29, has half its cells' outcomes. */
    g_assert_cmpint (((AssayFairnessGroup *) g_ptr_array_index (one->groups, 0))->verdict, ==,
                     ASSAY_FAIRNESS_UNDER);
  }
}

/* An Article W flag's explanation is read back from its recorded row:
 * with a ratio, as a percentage; with a predicted median of 0 (no ratio
 * in the JSON), without one, never "nan"; anything else is not one. */
static void
test_case_explanation (void)
{
  const char *with_ratio = "{\"rule\":\"W.fairness\",\"verdict\":\"under\","
                           "\"subject\":{\"kind\":\"group\",\"attributes\":{\"gender\":\"female\"}},"
                           "\"features\":{\"n\":140,\"observed_median\":62,\"predicted_median\":100,"
                           "\"ratio\":0.62,\"p_below_adjusted\":0.0003},\"parameters\":{\"alpha\":0.01}}";
  const char *no_ratio = "{\"rule\":\"W.fairness\",\"verdict\":\"over\","
                         "\"subject\":{\"kind\":\"group\",\"attributes\":{\"county\":\"310118\"}},"
                         "\"features\":{\"n\":40,\"observed_median\":12,\"predicted_median\":0,"
                         "\"p_above_adjusted\":0.002},\"parameters\":{\"alpha\":0.01}}";
  g_autoptr(JsonNode) a = json_from_string (with_ratio, NULL);
  g_autoptr(JsonNode) b = json_from_string (no_ratio, NULL);
  g_autoptr(JsonNode) other = json_from_string ("{\"rule\":\"X.concentration\"}", NULL);
  g_autofree char *text_a = assay_fairness_flag_explain (json_node_get_object (a));
  g_autofree char *text_b = assay_fairness_flag_explain (json_node_get_object (b));

  g_assert_cmpstr (text_a, ==, "The group gender = female (140 accounts) has a median of 62.0 points, 62 % of the "
                               "100.0 its socio-economic status predicts: significantly below it (adjusted "
                               "p = 0.0003, below 0.01). Article W: audit the group.");
  g_assert_nonnull (strstr (text_b, "12.0 points against the 0.0 its socio-economic status predicts: "
                                    "significantly above it (adjusted p = 0.002"));
  g_assert_null (strstr (text_b, "nan"));
  g_assert_null (assay_fairness_flag_explain (json_node_get_object (other)));
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/assay/audit/cohort/parse", test_parse_good);
  g_test_add_func ("/assay/audit/cohort/refusals", test_parse_refusals);
  g_test_add_func ("/assay/audit/cohort/replica", test_import_replica);
  g_test_add_data_func ("/assay/audit/fairness/discrete", "discrete", check_case);
  g_test_add_data_func ("/assay/audit/fairness/discrete-bh", "discrete-bh", check_case);
  g_test_add_data_func ("/assay/audit/fairness/continuous", "continuous", check_case);
  g_test_add_func ("/assay/audit/fairness/effect-gate", test_effect_gate);
  g_test_add_func ("/assay/audit/fairness/combinations", test_combinations);
  g_test_add_func ("/assay/audit/fairness/case-explanation", test_case_explanation);
  return g_test_run ();
}
