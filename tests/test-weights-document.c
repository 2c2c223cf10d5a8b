/* test-weights-document.c — the weights document: parsing, every refusal, rendering, the payload member
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

#include "assay-day.h"
#include "assay-decision.h"
#include "assay-error.h"
#include "assay-weights.h"

#define PLAN "professional=25,knowledge=20,community=15,ecological=15,data=10,market_order=15"
#define HASH_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

static void
assert_message (GError     *error,
                int         code,
                const char *fragment)
{
  g_assert_error (error, ASSAY_ERROR, code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, fragment);
}

static guint32
day (const char *text)
{
  guint32 value = 0;

  g_assert_true (assay_day_parse (text, -1, &value));
  return value;
}

/* Parsed, then checked with a valid date. */
static gboolean
parse_and_check (const char  *set,
                 GError     **error)
{
  AssayWeights weights = { { 0 }, day ("2027-04-01") };

  return assay_weights_parse_set (set, &weights, error) && assay_weights_check (&weights, error);
}

static void
test_parse (void)
{
  AssayWeights weights = { { 0 }, 0 };
  g_autoptr(GError) error = NULL;
  static const gint64 expected[] = { 2500, 2000, 1500, 1500, 1000, 1500 };

  g_assert_true (assay_weights_parse_set (PLAN, &weights, &error));
  g_assert_no_error (error);
  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    g_assert_cmpint (weights.basis_points[d], ==, expected[d]);
  /* The effective day is the caller's. */
  g_assert_cmpuint (weights.effective_day, ==, 0);

  /* Any order, spaces around the items, one and two decimals. */
  g_assert_true (assay_weights_parse_set ("market_order=14.75, data=10.5,ecological=15 ,community=15.25,"
                                          "knowledge=19.5,professional=25", &weights, &error));
  g_assert_no_error (error);
  g_assert_cmpint (weights.basis_points[ASSAY_DIMENSION_PROFESSIONAL], ==, 2500);
  g_assert_cmpint (weights.basis_points[ASSAY_DIMENSION_KNOWLEDGE], ==, 1950);
  g_assert_cmpint (weights.basis_points[ASSAY_DIMENSION_COMMUNITY], ==, 1525);
  g_assert_cmpint (weights.basis_points[ASSAY_DIMENSION_DATA], ==, 1050);
  g_assert_cmpint (weights.basis_points[ASSAY_DIMENSION_MARKET_ORDER], ==, 1475);
  weights.effective_day = day ("2027-01-01");
  g_assert_true (assay_weights_check (&weights, &error));
  g_assert_no_error (error);
}

static void
test_parse_refusals (void)
{
  static const struct { const char *set; const char *fragment; } cases[] = {
    /* The form of a percentage: at most two decimals, digits only. */
    { "professional=25.255,knowledge=20,community=15,ecological=15,data=10,market_order=15",
      "The weight of professional, “25.255”, is not a percentage with at most two decimals" },
    { "professional=25.,knowledge=20,community=15,ecological=15,data=10,market_order=15", "“25.”" },
    { "professional=.5,knowledge=20,community=15,ecological=15,data=10,market_order=15", "“.5”" },
    { "professional=-25,knowledge=20,community=15,ecological=15,data=10,market_order=15", "“-25”" },
    { "professional=+25,knowledge=20,community=15,ecological=15,data=10,market_order=15", "“+25”" },
    { "professional=25%,knowledge=20,community=15,ecological=15,data=10,market_order=15", "“25%”" },
    { "professional=2e1,knowledge=20,community=15,ecological=15,data=10,market_order=15", "“2e1”" },
    { "professional=,knowledge=20,community=15,ecological=15,data=10,market_order=15", "“”" },
    { "professional=1000,knowledge=20,community=15,ecological=15,data=10,market_order=15", "“1000”" },
    /* Each of the six once, by its id. */
    { "professional=25,knowledge=20,community=15,ecological=15,data=10", "The weight of market_order is missing" },
    { "professional=25,professional=25,knowledge=20,community=15,ecological=15,data=10,market_order=15",
      "The weight of professional is given twice" },
    { "professional=25,knowledge=20,community=15,ecological=15,data=10,market=15", "“market” is not a dimension" },
    { "Professional=25,knowledge=20,community=15,ecological=15,data=10,market_order=15",
      "“Professional” is not a dimension" },
    { "professional 25,knowledge=20,community=15,ecological=15,data=10,market_order=15",
      "“professional 25” is not of the form DIMENSION=PERCENT" },
    { "", "The weight of professional is missing" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AssayWeights weights = { { 1, 2, 3, 4, 5, 6 }, 7 };
      g_autoptr(GError) error = NULL;

      g_assert_false (assay_weights_parse_set (cases[i].set, &weights, &error));
      assert_message (error, ASSAY_ERROR_INVALID_ARGUMENT, cases[i].fragment);
      /* A refusal leaves the weights as they were. */
      g_assert_cmpint (weights.basis_points[0], ==, 1);
      g_assert_cmpuint (weights.effective_day, ==, 7);
    }
}

static void
test_check_refusals (void)
{
  static const struct { const char *set; const char *fragment; } cases[] = {
    /* The sum, exactly 100 %. */
    { "professional=25,knowledge=20,community=15,ecological=15,data=10,market_order=15.01",
      "The six weights sum to 100.01 %, not exactly 100 %." },
    { "professional=25,knowledge=20,community=15,ecological=15,data=10,market_order=14.99",
      "sum to 99.99 %" },
    /* Each range, at both ends (the sum kept at 100). */
    { "professional=19.99,knowledge=20,community=15,ecological=15,data=15,market_order=15.01",
      "The weight of professional, 19.99 %, is outside its range of 20–30 %" },
    { "professional=30.01,knowledge=20,community=15,ecological=10,data=9.99,market_order=15",
      "The weight of professional, 30.01 %, is outside its range of 20–30 %" },
    { "professional=30,knowledge=14.5,community=15,ecological=15.5,data=10,market_order=15",
      "The weight of knowledge, 14.5 %, is outside its range of 15–25 %" },
    { "professional=20,knowledge=25.5,community=15,ecological=14.5,data=10,market_order=15",
      "The weight of knowledge, 25.5 %, is outside its range of 15–25 %" },
    { "professional=25,knowledge=25,community=9,ecological=16,data=10,market_order=15",
      "The weight of community, 9 %, is outside its range of 10–20 %" },
    { "professional=20,knowledge=15,community=21,ecological=19,data=10,market_order=15",
      "The weight of community, 21 %, is outside its range of 10–20 %" },
    { "professional=25,knowledge=25,community=15,ecological=9.75,data=10.25,market_order=15",
      "The weight of ecological, 9.75 %, is outside its range of 10–20 %" },
    { "professional=20,knowledge=15,community=15,ecological=20.25,data=14.75,market_order=15",
      "The weight of ecological, 20.25 %, is outside its range of 10–20 %" },
    { "professional=30,knowledge=25,community=20,ecological=15,data=4,market_order=6",
      "The weight of data, 4 %, is outside its range of 5–15 %" },
    { "professional=20,knowledge=15,community=15,ecological=19,data=16,market_order=15",
      "The weight of data, 16 %, is outside its range of 5–15 %" },
    { "professional=30,knowledge=25,community=20,ecological=15,data=5,market_order=5",
      "The weight of market_order, 5 %, is outside its range of 10–20 %" },
    { "professional=20,knowledge=15,community=15,ecological=15,data=5,market_order=30",
      "The weight of market_order, 30 %, is outside its range of 10–20 %" },
    /* The plan's equal weights are outside two ranges: the rules here do
     * not make the equal-weight exception (the scores layer does). */
    { "professional=16.67,knowledge=16.67,community=16.67,ecological=16.67,data=16.66,market_order=16.66",
      "The weight of professional, 16.67 %, is outside its range of 20–30 %" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (parse_and_check (cases[i].set, &error));
      assert_message (error, ASSAY_ERROR_INVALID_ARGUMENT, cases[i].fragment);
    }

  /* The ends of every range are inside it. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (parse_and_check ("professional=30,knowledge=15,community=20,ecological=10,data=15,"
                                    "market_order=10", &error));
    g_assert_true (parse_and_check ("professional=20,knowledge=25,community=10,ecological=20,data=5,"
                                    "market_order=20", &error));
    g_assert_no_error (error);
  }
}

static void
test_effective_day (void)
{
  static const char *const quarter_starts[] = { "2027-01-01", "2027-04-01", "2027-07-01", "2027-10-01" };
  static const char *const others[] = { "2027-04-02", "2027-02-01", "2027-03-31", "2027-12-01", "2027-06-01" };
  AssayWeights weights = { { 0 }, 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (assay_weights_parse_set (PLAN, &weights, &error));
  g_assert_false (assay_weights_check (&weights, &error));
  assert_message (error, ASSAY_ERROR_INVALID_ARGUMENT, "no effective date");
  g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (quarter_starts); i++)
    {
      weights.effective_day = day (quarter_starts[i]);
      g_assert_true (assay_weights_check (&weights, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *fragment = g_strdup_printf ("The effective date %s is not the first day of a quarter",
                                                   others[i]);

      weights.effective_day = day (others[i]);
      g_assert_false (assay_weights_check (&weights, &error));
      assert_message (error, ASSAY_ERROR_INVALID_ARGUMENT, fragment);
      g_clear_error (&error);
    }
}

static void
test_format (void)
{
  AssayWeights weights = { { 2500, 1950, 1525, 1500, 1050, 1475 }, 0 };
  g_autofree char *text = assay_weights_format (&weights);
  g_autofree char *p0 = assay_weights_format_percent (0);
  g_autofree char *p1 = assay_weights_format_percent (1);
  g_autofree char *p10 = assay_weights_format_percent (10);

  g_assert_cmpstr (text, ==, "Professional 25 %, Knowledge sharing 19.5 %, Community service 15.25 %, "
                             "Ecological 15 %, Data 10.5 %, Market order 14.75 %");
  g_assert_cmpstr (p0, ==, "0");
  g_assert_cmpstr (p1, ==, "0.01");
  g_assert_cmpstr (p10, ==, "0.1");
}

static void
test_json (void)
{
  AssayWeights weights = { { 2500, 1950, 1525, 1500, 1050, 1475 }, 0 };
  AssayWeights read = { { 0 }, 0 };
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *points;

  weights.effective_day = day ("2027-04-01");
  object = assay_weights_to_json (&weights);
  g_assert_cmpstr (json_object_get_string_member (object, "effective"), ==, "2027-04-01");
  points = json_object_get_object_member (object, "basis_points");
  g_assert_cmpint (json_object_get_int_member (points, "market_order"), ==, 1475);
  g_assert_true (assay_weights_from_json (object, &read, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (read.basis_points, sizeof read.basis_points, weights.basis_points, sizeof weights.basis_points);
  g_assert_cmpuint (read.effective_day, ==, weights.effective_day);

  /* Strict: no unknown member, every id, integers, a date. */
  json_object_set_int_member (points, "professional", 3500);
  json_object_set_int_member (points, "data", 50);
  g_assert_false (assay_weights_from_json (object, &read, &error));
  assert_message (error, ASSAY_ERROR_INVALID_DATA, "The weight of professional, 35 %, is outside its range of 20–30 %");
  g_clear_error (&error);
  json_object_set_int_member (points, "professional", 2500);
  json_object_set_int_member (points, "data", 1050);
  json_object_set_int_member (points, "fairness", 0);
  g_assert_false (assay_weights_from_json (object, &read, &error));
  assert_message (error, ASSAY_ERROR_INVALID_DATA, "unknown member “params.weights.basis_points.fairness”");
  g_clear_error (&error);
  json_object_remove_member (points, "fairness");
  json_object_set_string_member (points, "data", "10.5");
  g_assert_false (assay_weights_from_json (object, &read, &error));
  assert_message (error, ASSAY_ERROR_INVALID_DATA, "params.weights.basis_points.data");
  g_clear_error (&error);
  json_object_set_int_member (points, "data", 1050);
  json_object_set_string_member (object, "effective", "2027-04-02");
  g_assert_false (assay_weights_from_json (object, &read, &error));
  assert_message (error, ASSAY_ERROR_INVALID_DATA, "2027-04-02 is not the first day of a quarter");
  g_clear_error (&error);
  json_object_set_string_member (object, "effective", "1 April 2027");
  g_assert_false (assay_weights_from_json (object, &read, &error));
  assert_message (error, ASSAY_ERROR_INVALID_DATA, "params.weights.effective");
  g_clear_error (&error);

  /* In params: exactly the one member. */
  json_object_set_string_member (object, "effective", "2027-04-01");
  json_object_set_object_member (params, "weights", json_object_ref (object));
  g_assert_true (assay_weights_from_params (params, &read, &error));
  g_assert_no_error (error);
  json_object_set_string_member (params, "dimension", "data");
  g_assert_false (assay_weights_from_params (params, &read, &error));
  assert_message (error, ASSAY_ERROR_INVALID_DATA, "unknown member “params.dimension”");
}

/* A weights decision built by hand: the payload writer reads what it
 * wrote, so it refuses what every verifier would. */
static AssayDecision *
weights_decision (const AssayWeights *weights)
{
  AssayDecision *d = assay_decision_new ();

  d->deployment = g_strdup ("pilot.assay.example");
  d->kind = d->outcome = ASSAY_DECISION_KIND_WEIGHTS;
  d->role = ASSAY_ROLE_COMMITTEE;
  d->subject_kind = ASSAY_SUBJECT_WEIGHTS;
  d->subject_id = g_strdup (ASSAY_WEIGHTS_SUBJECT_ID);
  d->rationale = g_strdup ("The quarter's review.");
  d->rule_set_name = g_strdup ("pilot");
  d->rule_set_version = 1;
  d->rule_set_sha256 = g_strdup (HASH_A);
  d->checkpoint_origin = g_strdup ("weights.test/log");
  d->checkpoint_size = 20;
  d->roster_version = 1;
  d->roster_sha256 = g_strdup (HASH_A);
  d->author = g_strdup (HASH_A);
  d->created_at = 1767225600;
  d->not_after = d->created_at + 86400;
  d->params = json_object_new ();
  json_object_set_object_member (d->params, "weights", assay_weights_to_json (weights));
  return d;
}

static void
test_decision_member (void)
{
  AssayWeights weights = { { 2500, 2000, 1500, 1500, 1000, 1500 }, 0 };
  g_autoptr(AssayDecision) good = NULL;
  g_autoptr(AssayDecision) wide = NULL;
  g_autoptr(AssayDecision) elsewhere = NULL;
  g_autoptr(AssayDecision) bare = NULL;
  g_autoptr(AssayDecision) intruder = NULL;
  g_autoptr(AssayDecision) read = NULL;
  g_autoptr(AssayDsseEnvelope) envelope = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GError) error = NULL;
  AssayWeights back;

  weights.effective_day = day ("2027-04-01");
  good = weights_decision (&weights);
  payload = assay_decision_to_payload (good, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (g_bytes_get_data (payload, NULL),
                            "\"params\":{\"weights\":{\"basis_points\":{\"community\":1500,\"data\":1000,"
                            "\"ecological\":1500,\"knowledge\":2000,\"market_order\":1500,\"professional\":2500},"
                            "\"effective\":\"2027-04-01\"}}"));
  g_assert_nonnull (strstr (g_bytes_get_data (payload, NULL), "\"subject\":{\"id\":\"pilot\",\"kind\":\"weights\"}"));
  envelope = assay_dsse_envelope_new (ASSAY_DECISION_PAYLOAD_TYPE, payload);
  read = assay_decision_new_from_envelope (envelope, &error);
  g_assert_no_error (error);
  g_assert_true (assay_weights_from_params (read->params, &back, &error));
  g_assert_cmpint (back.basis_points[ASSAY_DIMENSION_PROFESSIONAL], ==, 2500);

  weights.basis_points[ASSAY_DIMENSION_PROFESSIONAL] = 3100;
  weights.basis_points[ASSAY_DIMENSION_KNOWLEDGE] = 1400;
  wide = weights_decision (&weights);
  g_assert_null (assay_decision_to_payload (wide, &error));
  assert_message (error, ASSAY_ERROR_INVALID_DATA,
                  "invalid decision: The weight of professional, 31 %, is outside its range of 20–30 %");
  g_clear_error (&error);

  /* A weights decision on another subject, another decision on the
   * weights subject, a weights decision without its member. */
  weights.basis_points[ASSAY_DIMENSION_PROFESSIONAL] = 2500;
  weights.basis_points[ASSAY_DIMENSION_KNOWLEDGE] = 2000;
  elsewhere = weights_decision (&weights);
  elsewhere->subject_kind = ASSAY_SUBJECT_RULE_SET;
  g_assert_null (assay_decision_to_payload (elsewhere, &error));
  assert_message (error, ASSAY_ERROR_INVALID_DATA, "subject kind “weights”");
  g_clear_error (&error);
  intruder = weights_decision (&weights);
  intruder->kind = intruder->outcome = ASSAY_DECISION_KIND_RULING;
  g_assert_null (assay_decision_to_payload (intruder, &error));
  assert_message (error, ASSAY_ERROR_INVALID_DATA, "subject kind “weights”");
  g_clear_error (&error);
  bare = weights_decision (&weights);
  g_clear_pointer (&bare->params, json_object_unref);
  g_assert_null (assay_decision_to_payload (bare, &error));
  assert_message (error, ASSAY_ERROR_INVALID_DATA, "“params.weights” is missing");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/assay/weights/parse", test_parse);
  g_test_add_func ("/assay/weights/parse-refusals", test_parse_refusals);
  g_test_add_func ("/assay/weights/check-refusals", test_check_refusals);
  g_test_add_func ("/assay/weights/effective-day", test_effective_day);
  g_test_add_func ("/assay/weights/format", test_format);
  g_test_add_func ("/assay/weights/json", test_json);
  g_test_add_func ("/assay/weights/decision-member", test_decision_member);
  return g_test_run ();
}
