/* test-filing-decisions.c — decisions on filings: routing, payloads, the service and the replica
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
#include "assay-error.h"
#include "assay-filing-route.h"
#include "assay-test-roster.h"

#define ORIGIN "filings.test/log"

static AssayTestSigners signers;

static void
assert_message (const GError *error,
                int           code,
                const char   *part)
{
  g_assert_error (error, ASSAY_ERROR, code);
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” is not in “%s”", part, error->message);
}

/* ---- the route -------------------------------------------------------------------- */

static void
test_route (void)
{
  static const struct { AssayEntryKind kind, target; AssayRole route; } cases[] = {
    { ASSAY_ENTRY_DISPUTE, ASSAY_N_ENTRY_KINDS, ASSAY_ROLE_ARBITRATION },
    { ASSAY_ENTRY_APPEAL, ASSAY_ENTRY_DECISION, ASSAY_ROLE_ARBITRATION },
    { ASSAY_ENTRY_APPEAL, ASSAY_ENTRY_EVENT, ASSAY_ROLE_COMMITTEE },
    { ASSAY_ENTRY_APPEAL, ASSAY_ENTRY_REDEMPTION, ASSAY_ROLE_COMMITTEE },
    /* An appeal whose target was erased has nothing left to arbitrate. */
    { ASSAY_ENTRY_APPEAL, ASSAY_N_ENTRY_KINDS, ASSAY_ROLE_COMMITTEE },
    { ASSAY_ENTRY_SILENCE, ASSAY_N_ENTRY_KINDS, ASSAY_ROLE_COMMITTEE },
    { ASSAY_ENTRY_FORGET_REQUEST, ASSAY_ENTRY_SILENCE, ASSAY_ROLE_COMMITTEE },
    /* Only an appeal looks at its target: a forget request naming a
     * decision's leaf still goes to the committee. */
    { ASSAY_ENTRY_FORGET_REQUEST, ASSAY_ENTRY_DECISION, ASSAY_ROLE_COMMITTEE },
    { ASSAY_ENTRY_FAILURE_CLAIM, ASSAY_N_ENTRY_KINDS, ASSAY_ROLE_COMMITTEE },
    { ASSAY_ENTRY_INSURANCE_CLAIM, ASSAY_N_ENTRY_KINDS, ASSAY_ROLE_COMMITTEE },
    { ASSAY_ENTRY_EDUCATION_TRANSFER, ASSAY_N_ENTRY_KINDS, ASSAY_ROLE_COMMITTEE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (assay_filing_route (cases[i].kind, cases[i].target), ==, cases[i].route);
  g_assert_true (assay_filing_route_takes (ASSAY_ROLE_ARBITRATION, ASSAY_DECISION_KIND_RULING));
  g_assert_false (assay_filing_route_takes (ASSAY_ROLE_ARBITRATION, ASSAY_DECISION_KIND_APPROVE));
  g_assert_true (assay_filing_route_takes (ASSAY_ROLE_COMMITTEE, ASSAY_DECISION_KIND_APPROVE));
  g_assert_true (assay_filing_route_takes (ASSAY_ROLE_COMMITTEE, ASSAY_DECISION_KIND_DENY));
  g_assert_false (assay_filing_route_takes (ASSAY_ROLE_COMMITTEE, ASSAY_DECISION_KIND_RULING));
  g_assert_false (assay_filing_route_takes (ASSAY_ROLE_COMMITTEE, ASSAY_DECISION_KIND_DISMISS));
}

/* ---- the payload ------------------------------------------------------------------ */

/* The standard roster, signed, so that it has its hash. */
static AssayRoster *
signed_roster (void)
{
  AssayRoster *roster = assay_test_roster_new (&signers, 1, NULL);

  g_free (assay_test_roster_sign (roster, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1));
  g_assert_nonnull (roster->sha256);
  return roster;
}

static AssayDecision *
filing_decision (AssayRoster        *roster,
                 AssayDecisionKind   kind,
                 AssayRulingOutcome  ruling,
                 guint64             index,
                 const char         *params)
{
  guint32 day;

  g_assert_true (assay_day_parse ("2026-03-01", -1, &day));
  return assay_test_filing_decision (roster, &signers, kind, ruling, index, params, ORIGIN, 20, day);
}

/* Writes and reads back @d's payload: NULL and @error when refused. */
static AssayDecision *
round_trip (AssayDecision  *d,
            GError        **error)
{
  g_autoptr(GBytes) payload = assay_decision_to_payload (d, error);
  g_autoptr(AssayDsseEnvelope) env = NULL;

  if (payload == NULL)
    return NULL;
  env = assay_dsse_envelope_new (ASSAY_DECISION_PAYLOAD_TYPE, payload);
  return assay_decision_new_from_envelope (env, error);
}

static void
assert_payload_refused (AssayDecision *d,
                        const char    *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayDecision) back = round_trip (d, &error);

  g_assert_null (back);
  assert_message (error, ASSAY_ERROR_INVALID_DATA, part);
}

static void
test_payload (void)
{
  g_autoptr(AssayRoster) roster = signed_roster ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayDecision) adjust = filing_decision (roster, ASSAY_DECISION_KIND_RULING, ASSAY_RULING_ADJUST, 7,
                                                     "{\"points\": -40}");
  g_autoptr(AssayDecision) back = round_trip (adjust, &error);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(AssayDecision) award = NULL, deny = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (back->kind, ==, ASSAY_DECISION_KIND_RULING);
  g_assert_cmpint (back->ruling, ==, ASSAY_RULING_ADJUST);
  g_assert_cmpstr (assay_decision_get_outcome_id (back), ==, "adjust");
  g_assert_cmpint (assay_filing_decision_amount (back), ==, -40);
  payload = assay_decision_to_payload (adjust, &error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload),
                                  "\"outcome\":\"adjust\",\"params\":{\"points\":-40}"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload),
                                  "\"subject\":{\"id\":\"7\",\"kind\":\"filing\"}"));

  award = filing_decision (roster, ASSAY_DECISION_KIND_APPROVE, 0, 12, "{\"award\": 300}");
  g_clear_pointer (&back, assay_decision_free);
  back = round_trip (award, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (assay_decision_get_outcome_id (back), ==, "approve");
  g_assert_cmpint (assay_filing_decision_amount (back), ==, 300);
  deny = filing_decision (roster, ASSAY_DECISION_KIND_DENY, 0, 12, NULL);
  g_clear_pointer (&back, assay_decision_free);
  back = round_trip (deny, &error);
  g_assert_no_error (error);
  g_assert_cmpint (assay_filing_decision_amount (back), ==, 0);
}

static void
test_payload_refusals (void)
{
  g_autoptr(AssayRoster) roster = signed_roster ();
  static const struct { AssayDecisionKind kind; AssayRulingOutcome ruling; const char *params; const char *part; }
  cases[] = {
    { ASSAY_DECISION_KIND_RULING, ASSAY_RULING_ADJUST, NULL, "“params.points” is missing" },
    { ASSAY_DECISION_KIND_RULING, ASSAY_RULING_ADJUST, "{\"points\": 0}", "must not be 0" },
    { ASSAY_DECISION_KIND_RULING, ASSAY_RULING_ADJUST, "{\"points\": 1000001}", "params.points" },
    { ASSAY_DECISION_KIND_RULING, ASSAY_RULING_ADJUST, "{\"points\": -1000001}", "params.points" },
    { ASSAY_DECISION_KIND_RULING, ASSAY_RULING_ADJUST, "{\"points\": 5, \"award\": 5}", "params" },
    { ASSAY_DECISION_KIND_RULING, ASSAY_RULING_UPHOLD, "{\"points\": 5}", "params" },
    { ASSAY_DECISION_KIND_RULING, ASSAY_RULING_OVERTURN, "{\"award\": 5}", "params" },
    { ASSAY_DECISION_KIND_APPROVE, 0, "{\"award\": 0}", "params.award" },
    { ASSAY_DECISION_KIND_APPROVE, 0, "{\"points\": 3}", "params" },
    { ASSAY_DECISION_KIND_DENY, 0, "{\"award\": 3}", "params" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AssayDecision) d = filing_decision (roster, cases[i].kind, cases[i].ruling, 9, cases[i].params);

      assert_payload_refused (d, cases[i].part);
    }

  /* The subject: a filing by its index in decimal, and only these kinds. */
  {
    g_autoptr(AssayDecision) padded = filing_decision (roster, ASSAY_DECISION_KIND_DENY, 0, 9, NULL);
    g_autoptr(AssayDecision) on_account = filing_decision (roster, ASSAY_DECISION_KIND_APPROVE, 0, 9, NULL);
    g_autoptr(AssayDecision) dismiss = filing_decision (roster, ASSAY_DECISION_KIND_DENY, 0, 9, NULL);

    g_free (padded->subject_id);
    padded->subject_id = g_strdup ("09");
    assert_payload_refused (padded, "leaf index in decimal");
    on_account->subject_kind = ASSAY_SUBJECT_ACCOUNT;
    assert_payload_refused (on_account, "only they, have the subject kind “filing”");
    dismiss->kind = dismiss->outcome = ASSAY_DECISION_KIND_DISMISS;
    assert_payload_refused (dismiss, "only they, have the subject kind “filing”");
  }
}

/* A hand-made payload whose ruling says "ruling" as its outcome, as
 * version 1 has every other kind do, is refused: a ruling's outcome is
 * the panel's answer. */
static void
test_ruling_outcome_read (void)
{
  g_autoptr(AssayRoster) roster = signed_roster ();
  g_autoptr(AssayDecision) d = filing_decision (roster, ASSAY_DECISION_KIND_RULING, ASSAY_RULING_OVERTURN, 4, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) payload = assay_decision_to_payload (d, &error);
  g_autofree char *text = g_strndup (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));
  g_autoptr(GString) edited = g_string_new (text);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AssayDsseEnvelope) env = NULL;
  g_autoptr(AssayDecision) back = NULL;

  g_assert_cmpuint (g_string_replace (edited, "\"outcome\":\"overturn\"", "\"outcome\":\"ruling\"", 1), ==, 1);
  bytes = g_bytes_new (edited->str, edited->len);
  env = assay_dsse_envelope_new (ASSAY_DECISION_PAYLOAD_TYPE, bytes);
  back = assay_decision_new_from_envelope (env, &error);
  g_assert_null (back);
  assert_message (error, ASSAY_ERROR_INVALID_DATA, "outcome");
}

/* ---- the facts -------------------------------------------------------------------- */

static AssayFilingFacts
facts_for (AssayEntryKind kind,
           AssayEntryKind target)
{
  AssayFilingFacts facts = { 0 };

  facts.index = 9;
  facts.kind = kind;
  facts.account = g_strdup ("acct-0001");
  facts.target_kind = target;
  return facts;
}

static void
assert_check (AssayDecision          *d,
              const AssayFilingFacts *facts,
              const char             *part)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = assay_filing_decision_check (d, facts, &error);

  if (part == NULL)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      return;
    }
  g_assert_false (ok);
  assert_message (error, ASSAY_ERROR_VERIFICATION, part);
}

static void
test_check (void)
{
  g_autoptr(AssayRoster) roster = signed_roster ();
  g_autoptr(AssayDecision) ruling = filing_decision (roster, ASSAY_DECISION_KIND_RULING, ASSAY_RULING_UPHOLD, 9, NULL);
  g_autoptr(AssayDecision) approve = filing_decision (roster, ASSAY_DECISION_KIND_APPROVE, 0, 9, NULL);
  g_autoptr(AssayDecision) deny = filing_decision (roster, ASSAY_DECISION_KIND_DENY, 0, 9, NULL);
  AssayFilingFacts dispute = facts_for (ASSAY_ENTRY_DISPUTE, ASSAY_N_ENTRY_KINDS);
  AssayFilingFacts appeal_decision = facts_for (ASSAY_ENTRY_APPEAL, ASSAY_ENTRY_DECISION);
  AssayFilingFacts appeal_event = facts_for (ASSAY_ENTRY_APPEAL, ASSAY_ENTRY_EVENT);
  AssayFilingFacts insurance = facts_for (ASSAY_ENTRY_INSURANCE_CLAIM, ASSAY_N_ENTRY_KINDS);
  AssayFilingFacts forget = facts_for (ASSAY_ENTRY_FORGET_REQUEST, ASSAY_ENTRY_SILENCE);
  AssayFilingFacts stray = facts_for (ASSAY_ENTRY_FORGET_REQUEST, ASSAY_ENTRY_SILENCE);

  assert_check (ruling, &dispute, NULL);
  assert_check (ruling, &appeal_decision, NULL);
  assert_check (approve, &dispute, "goes to the arbitration panel");
  assert_check (deny, &appeal_decision, "goes to the arbitration panel");
  assert_check (ruling, &appeal_event, "goes to the committee");
  assert_check (ruling, &insurance, "goes to the committee");
  assert_check (approve, &insurance, NULL);
  assert_check (deny, &appeal_event, NULL);

  /* A forget request is approved only with a silence of its own account. */
  forget.target_account = g_strdup ("acct-0001");
  stray.target_account = g_strdup ("acct-0002");
  assert_check (approve, &forget, NULL);
  assert_check (approve, &stray, "names no silence of its own account");
  assert_check (deny, &stray, NULL);

  assay_filing_facts_clear (&dispute);
  assay_filing_facts_clear (&appeal_decision);
  assay_filing_facts_clear (&appeal_event);
  assay_filing_facts_clear (&insurance);
  assay_filing_facts_clear (&forget);
  assay_filing_facts_clear (&stray);
}

/* Article U: at most 30 % of the comparable success, in integers, and
 * never more than asked. */
static void
test_award_cap (void)
{
  g_autoptr(AssayRoster) roster = signed_roster ();
  AssayFilingFacts claim = facts_for (ASSAY_ENTRY_FAILURE_CLAIM, ASSAY_N_ENTRY_KINDS);
  static const struct { gint64 comparable, asked, award; const char *part; } cases[] = {
    { 1000, 500, 300, NULL },
    { 1000, 500, 301, "more than 30 % of the comparable success’s 1000 points (Article U): at most 300" },
    { 1001, 500, 300, NULL },            /* ⌊300.3⌋ */
    { 1003, 500, 301, "at most 300" },   /* 10 × 301 = 3010 > 3 × 1003 = 3009: one point over */
    { 10000, 100, 100, NULL },
    { 10000, 100, 101, "more than the 100 points filing 9 asks" },
    { 3, 1, 1, "at most 0" },            /* 10 > 9: no award is possible */
    { 1000, 500, 0, "names its award in params.award" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *params = cases[i].award > 0 ? g_strdup_printf ("{\"award\": %" G_GINT64_FORMAT "}",
                                                                      cases[i].award) : NULL;
      g_autoptr(AssayDecision) d = filing_decision (roster, ASSAY_DECISION_KIND_APPROVE, 0, 9, params);

      claim.points = cases[i].asked;
      claim.comparable_value = cases[i].comparable;
      assert_check (d, &claim, cases[i].part);
    }
  g_assert_cmpint (assay_filing_award_cap (1000, 500), ==, 300);
  g_assert_cmpint (assay_filing_award_cap (1003, 500), ==, 300);
  g_assert_cmpint (assay_filing_award_cap (10000, 100), ==, 100);

  /* An award on anything but a failure claim is refused. */
  {
    AssayFilingFacts insurance = facts_for (ASSAY_ENTRY_INSURANCE_CLAIM, ASSAY_N_ENTRY_KINDS);
    g_autoptr(AssayDecision) d = filing_decision (roster, ASSAY_DECISION_KIND_APPROVE, 0, 9, "{\"award\": 5}");

    assert_check (d, &insurance, "only an approved failure claim names an award");
    assay_filing_facts_clear (&insurance);
  }
  assay_filing_facts_clear (&claim);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  assay_test_signers_init (&signers);

  g_test_add_func ("/assay/filing-decisions/route", test_route);
  g_test_add_func ("/assay/filing-decisions/payload", test_payload);
  g_test_add_func ("/assay/filing-decisions/payload-refusals", test_payload_refusals);
  g_test_add_func ("/assay/filing-decisions/ruling-outcome-read", test_ruling_outcome_read);
  g_test_add_func ("/assay/filing-decisions/check", test_check);
  g_test_add_func ("/assay/filing-decisions/award-cap", test_award_cap);
  status = g_test_run ();
  assay_test_signers_clear (&signers);
  return status;
}
