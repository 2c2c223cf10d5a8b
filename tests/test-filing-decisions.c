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

#include <libsoup/soup.h>

#include "assay-day.h"
#include "assay-decision-draft.h"
#include "assay-error.h"
#include "assay-filing-route.h"
#include "assay-objection.h"
#include "assay-replica-cases.h"
#include "assay-replica-decisions.h"
#include "assay-test-central.h"
#include "assay-test-roster.h"
#include "assay-test-util.h"

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

  /* What a replica can no longer see it cannot hold against a decision
   * the service logged before a tombstone (AssayFilingFacts). */
  {
    AssayFilingFacts gone = { .index = 9, .kind = ASSAY_N_ENTRY_KINDS, .erased = TRUE };
    AssayFilingFacts silence_gone = facts_for (ASSAY_ENTRY_FORGET_REQUEST, ASSAY_N_ENTRY_KINDS);

    assert_check (ruling, &gone, NULL);
    assert_check (approve, &gone, NULL);
    assert_check (approve, &silence_gone, "names no silence of its own account");
    silence_gone.target_erased = TRUE;
    assert_check (approve, &silence_gone, NULL);
    assay_filing_facts_clear (&silence_gone);
  }

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


/* ---- the service and the replica ------------------------------------------------- */

/* The lines come in publication order into an empty log, so line n is
 * leaf n; the roster follows at leaf N_LINES. */
#define COMMON(kind, account, filed) \
  "{\"kind\":\"" kind "\",\"account\":\"" account "\",\"account_kind\":\"individual\"," \
  "\"county\":\"310118\",\"filed\":\"" filed "\",\"filing\":\"ref-" filed "\","

enum
{
  OUTSIDE_EVENT,     /* acct-silent, before its silence: stays */
  SILENCE,           /* acct-silent, 2026-03-01 to 2026-05-31, filed on its first day */
  INSIDE_EVENT,      /* acct-silent, inside: erased by the approved forget request */
  OTHER_EVENT,       /* acct-other, the same day: stays */
  INSIDE_REDEMPTION, /* acct-silent, inside: erased */
  APPEAL,            /* acct-silent against OUTSIDE_EVENT: the committee's */
  DISPUTE,           /* over OUTSIDE_EVENT and INSIDE_EVENT: the panel's */
  FORGET,            /* acct-silent's, filed inside its silence: stays */
  QUIET_SILENCE,     /* acct-quiet, June, no record inside */
  QUIET_FORGET,
  FAILURE,           /* comparable success 1000 points, 500 asked: at most 300 */
  INSURANCE,
  N_LINES,
};

static void
add_event (GString    *out,
           const char *account,
           const char *date,
           const char *published)
{
  g_autofree char *id = g_strdup_printf ("%s-%s", account, date);
  g_autofree char *evidence = g_compute_checksum_for_string (G_CHECKSUM_SHA256, id, -1);

  g_string_append_printf (out,
    "{\"kind\":\"event\",\"account\":\"%s\",\"account_kind\":\"individual\","
    "\"dimension\":\"professional\",\"points\":10,\"event_date\":\"%s\","
    "\"publication_date\":\"%s\",\"county\":\"310118\",\"issuer\":\"issuer\","
    "\"distributor\":\"distributor\",\"rule\":{\"id\":\"hours\",\"inputs\":{\"hours\":1}},"
    "\"activity\":\"a-%s\",\"confirmer\":null,\"evidence\":\"%s\"}\n",
    account, date, published, date, evidence);
}

static char *
filing_lines (void)
{
  GString *out = g_string_new (NULL);

  add_event (out, "acct-silent", "2026-02-01", "2026-02-10");
  g_string_append (out, COMMON ("silence", "acct-silent", "2026-03-01")
                        "\"from\":\"2026-03-01\",\"to\":\"2026-05-31\"}\n");
  add_event (out, "acct-silent", "2026-03-20", "2026-03-28");
  add_event (out, "acct-other", "2026-03-20", "2026-03-29");
  g_string_append (out,
    "{\"kind\":\"redemption\",\"account\":\"acct-silent\",\"account_kind\":\"individual\","
    "\"tier\":\"basic\",\"points\":5,\"event_date\":\"2026-04-10\",\"publication_date\":\"2026-04-18\","
    "\"county\":\"310118\",\"distributor\":\"shop\",\"item\":\"bus card\",\"request\":\"r-1\"}\n");
  g_string_append (out, COMMON ("appeal", "acct-silent", "2026-04-20")
                        "\"against\":0,\"reason\":\"I was not there that day.\"}\n");
  g_string_append (out, COMMON ("dispute", "acct-silent", "2026-04-25")
                        "\"entries\":[0,2],\"claimant\":\"31\",\"claimant_statement\":\"Shanghai "
                        "recognises these.\",\"respondent\":\"32\",\"respondent_statement\":\"Jiangsu "
                        "does not.\"}\n");
  g_string_append (out, COMMON ("forget_request", "acct-silent", "2026-05-15") "\"silence\":1}\n");
  g_string_append (out, COMMON ("silence", "acct-quiet", "2026-06-01")
                        "\"from\":\"2026-06-01\",\"to\":\"2026-06-30\"}\n");
  g_string_append (out, COMMON ("forget_request", "acct-quiet", "2026-06-20") "\"silence\":8}\n");
  g_string_append (out,
    "{\"kind\":\"failure_claim\",\"account\":\"acct-fail\",\"account_kind\":\"individual\","
    "\"county\":\"310118\",\"filed\":\"2026-07-01\",\"filing\":\"ref-fail\",\"project\":\"A cheaper water filter\","
    "\"experts\":[\"Wang Li\",\"Zhou Min\"],\"honest_record\":true,\"good_faith\":true,"
    "\"ruled_out\":true,\"comparable_value\":1000,\"points\":500}\n");
  g_string_append (out, COMMON ("insurance_claim", "acct-veteran", "2026-07-02")
                        "\"benefit\":\"retraining\",\"venture\":\"A bakery that closed\"}\n");
  return g_string_free (out, FALSE);
}

typedef struct
{
  AssayTestCentral *central;
  AssayRoster      *roster;
  char             *dir;
  char             *replica_path;
  char             *today;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autofree char *text = filing_lines ();
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  /* A filing names only entries already logged: three imports. */
  static const guint parts[] = { 0, APPEAL, QUIET_FORGET, N_LINES };

  f->central = assay_test_central_new (ORIGIN);
  g_assert_cmpuint (g_strv_length (lines), ==, N_LINES + 1);
  for (guint p = 0; p + 1 < G_N_ELEMENTS (parts); p++)
    {
      g_autoptr(GString) part = g_string_new (NULL);

      for (guint i = parts[p]; i < parts[p + 1]; i++)
        g_string_append_printf (part, "%s\n", lines[i]);
      assay_test_central_import (f->central, part->str);
    }
  /* Posted to the service, which judges by its clock: a roster in force
   * now, logged today. */
  f->roster = assay_test_roster_new_in_force (&signers, 1, NULL);
  f->today = assay_test_today ();
  assay_test_central_append_roster (f->central, f->roster, &signers, f->today);
  f->dir = assay_test_mkdtemp ();
  f->replica_path = g_build_filename (f->dir, "replica.db", NULL);
  assay_test_central_start (f->central);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  assay_test_central_free (f->central);
  assay_roster_free (f->roster);
  assay_test_rmdir_free (f->dir);
  g_free (f->replica_path);
  g_free (f->today);
}

static AssayReplica *
sync_replica (Fixture  *f,
              int       expected_status,
              char    **out_text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = assay_test_central_sync (f->central, f->replica_path, expected_status);
  AssayReplica *replica;

  if (out_text != NULL)
    *out_text = g_steal_pointer (&text);
  replica = assay_replica_open (f->replica_path, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  return replica;
}

typedef struct
{
  guint       status;
  JsonParser *parser;
  JsonObject *object;
  char       *text;
} Answer;

static void
answer_clear (Answer *a)
{
  g_clear_object (&a->parser);
  g_clear_pointer (&a->text, g_free);
}

static Answer
request (Fixture    *f,
         const char *method,
         const char *path,
         const char *body)
{
  g_autofree char *url = g_strconcat (f->central->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  Answer a = { 0 };

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  a.status = soup_message_get_status (msg);
  a.text = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  a.parser = json_parser_new ();
  if (json_parser_load_from_data (a.parser, a.text, -1, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (a.parser)))
    a.object = json_node_get_object (json_parser_get_root (a.parser));
  return a;
}

static void
assert_answer (Answer     *a,
               guint       status,
               const char *words)
{
  if (a->status != status || (words != NULL && strstr (a->text, words) == NULL))
    g_error ("expected %u saying “%s”, got %u: %s", status, words != NULL ? words : "", a->status, a->text);
}

/* The open case of the filing at leaf @index. */
static gint64
filing_case (AssayReplica *replica,
             guint64       index)
{
  g_autofree char *id = g_strdup_printf ("%" G_GUINT64_FORMAT, index);
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayCase) c = assay_replica_find_case (replica, "filing", id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (c);
  return c->id;
}

static AssayCaseState
filing_case_state (AssayReplica *replica,
                   guint64       index)
{
  g_autofree char *id = g_strdup_printf ("%" G_GUINT64_FORMAT, index);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = assay_replica_list_cases (replica, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < cases->len; i++)
    {
      AssayCase *c = g_ptr_array_index (cases, i);

      if (g_strcmp0 (c->subject_kind, "filing") == 0 && g_strcmp0 (c->subject_id, id) == 0)
        return c->state;
    }
  g_error ("no case on filing %s", id);
}

static AssayDecision *
draft (AssayReplica       *replica,
       guint64             index,
       AssayDecisionKind   kind,
       AssayRulingOutcome  ruling,
       gint64              amount,
       int                 author,
       GError            **error)
{
  AssayFilingVerdict verdict = { kind, ruling, amount };

  return assay_decision_draft_for_filing (replica, filing_case (replica, index), &verdict,
                                          "Read with the filing and its entries.", signers.keyids[author],
                                          g_get_real_time () / G_USEC_PER_SEC, error);
}

static AssayDecision *
draft_ok (AssayReplica       *replica,
          guint64             index,
          AssayDecisionKind   kind,
          AssayRulingOutcome  ruling,
          gint64              amount,
          int                 author)
{
  g_autoptr(GError) error = NULL;
  AssayDecision *d = draft (replica, index, kind, ruling, amount, author, &error);

  g_assert_no_error (error);
  return d;
}

static void
assert_draft_refused (AssayReplica       *replica,
                      guint64             index,
                      AssayDecisionKind   kind,
                      AssayRulingOutcome  ruling,
                      gint64              amount,
                      int                 author,
                      const char         *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayDecision) d = draft (replica, index, kind, ruling, amount, author, &error);

  g_assert_null (d);
  assert_message (error, ASSAY_ERROR_INVALID_ARGUMENT, part);
}

/* @d's envelope signed by the signers listed, ending -1. */
static char *
sign (AssayDecision *d,
      ...)
{
  va_list args;
  char *json;

  va_start (args, d);
  json = assay_test_decision_sign_valist (d, &signers, args);
  va_end (args);
  return json;
}

static char *
payload_hash (AssayDecision *d)
{
  g_autoptr(GBytes) payload = assay_decision_to_payload (d, NULL);

  return assay_decision_hash (payload);
}

/* {"keyid", "sig"}: @signer's signature over @d's payload, for
 * POST /proposals/<hash>/signatures. */
static char *
signature_body (AssayDecision *d,
                int            signer)
{
  g_autoptr(GBytes) payload = assay_decision_to_payload (d, NULL);
  g_autoptr(AssayDsseEnvelope) env = assay_dsse_envelope_new (ASSAY_DECISION_PAYLOAD_TYPE, payload);
  AssayDsseSignature *sig;
  g_autofree char *b64 = NULL;

  assay_dsse_envelope_sign (env, signers.keys[signer]);
  sig = g_ptr_array_index (env->signatures, 0);
  b64 = g_base64_encode (g_bytes_get_data (sig->sig, NULL), g_bytes_get_size (sig->sig));
  return g_strdup_printf ("{\"keyid\":\"%s\",\"sig\":\"%s\"}", sig->keyid, b64);
}

static char *
objection (Fixture       *f,
           AssayDecision *d,
           const char    *hash,
           int            signer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayObjection) o = assay_objection_new (d, hash, f->roster, signers.keyids[signer],
                                                     "The respondent's statement was not heard.",
                                                     g_get_real_time () / G_USEC_PER_SEC - 30, &error);
  char *envelope;

  g_assert_no_error (error);
  envelope = assay_objection_sign (o, signers.keys[signer], &error);
  g_assert_no_error (error);
  return envelope;
}

/* The panel's ruling on the dispute: proposed by arb-0 (pending), a
 * committee member's signature refused (no arbitration role), arb-2's
 * objection recorded, arb-1's signature logs it; the dissent stays
 * listed after. */
static void
rule_on_dispute (Fixture      *f,
                 AssayReplica *replica)
{
  g_autoptr(AssayDecision) d = draft_ok (replica, DISPUTE, ASSAY_DECISION_KIND_RULING, ASSAY_RULING_UPHOLD, 0,
                                         ASSAY_TEST_ARB_0);
  g_autofree char *proposed = sign (d, ASSAY_TEST_ARB_0, -1);
  g_autofree char *hash = payload_hash (d);
  g_autofree char *signatures = g_strdup_printf ("proposals/%s/signatures", hash);
  g_autofree char *objections = g_strdup_printf ("proposals/%s/objections", hash);
  g_autofree char *by_ana = signature_body (d, ASSAY_TEST_ANA);
  g_autofree char *by_arb1 = signature_body (d, ASSAY_TEST_ARB_1);
  g_autofree char *against = objection (f, d, hash, ASSAY_TEST_ARB_2);
  Answer a;

  a = request (f, SOUP_METHOD_POST, "decisions", proposed);
  assert_answer (&a, 202, "\"signed\":1");
  answer_clear (&a);
  a = request (f, SOUP_METHOD_POST, signatures, by_ana);
  assert_answer (&a, 403, "role");
  answer_clear (&a);
  a = request (f, SOUP_METHOD_POST, objections, against);
  assert_answer (&a, 200, "recorded");
  answer_clear (&a);
  a = request (f, SOUP_METHOD_POST, signatures, by_arb1);
  assert_answer (&a, 200, "logged");
  answer_clear (&a);
  a = request (f, SOUP_METHOD_GET, objections, NULL);
  assert_answer (&a, 200, "\"holder\":\"arb-2\"");
  answer_clear (&a);
}

/* What the service refuses, each with a reason a person can read. */
static void
service_refusals (Fixture      *f,
                  AssayReplica *replica,
                  char        **out_misrouted)
{
  g_autoptr(AssayDecision) over = draft_ok (replica, FAILURE, ASSAY_DECISION_KIND_APPROVE, 0, 300, ASSAY_TEST_ANA);
  g_autoptr(AssayDecision) ruling = draft_ok (replica, APPEAL, ASSAY_DECISION_KIND_DENY, 0, 0, ASSAY_TEST_ANA);
  g_autoptr(AssayDecision) on_event = draft_ok (replica, INSURANCE, ASSAY_DECISION_KIND_DENY, 0, 0, ASSAY_TEST_ANA);
  g_autofree char *over_json = NULL, *ruling_json = NULL, *event_json = NULL;
  Answer a;

  /* 301 of a comparable 1000: one point over Article U's 30 %. */
  json_object_set_int_member (over->params, "award", 301);
  over_json = sign (over, ASSAY_TEST_ANA, -1);
  a = request (f, SOUP_METHOD_POST, "decisions", over_json);
  assert_answer (&a, 403, "more than 30 % of the comparable success’s 1000 points (Article U): at most 300");
  answer_clear (&a);

  /* The panel's ruling on the committee's filing (an appeal against an
   * event), with the panel's two signatures. */
  ruling->kind = ruling->outcome = ASSAY_DECISION_KIND_RULING;
  ruling->ruling = ASSAY_RULING_OVERTURN;
  ruling->role = ASSAY_ROLE_ARBITRATION;
  g_free (ruling->author);
  ruling->author = g_strdup (signers.keyids[ASSAY_TEST_ARB_0]);
  ruling_json = sign (ruling, ASSAY_TEST_ARB_0, ASSAY_TEST_ARB_1, -1);
  a = request (f, SOUP_METHOD_POST, "decisions", ruling_json);
  assert_answer (&a, 403, "goes to the committee, which approves or denies it, not to a “ruling” decision");
  answer_clear (&a);

  /* A decision whose subject is no filing's leaf. */
  g_free (on_event->subject_id);
  on_event->subject_id = g_strdup_printf ("%d", OTHER_EVENT);
  event_json = sign (on_event, ASSAY_TEST_ANA, -1);
  a = request (f, SOUP_METHOD_POST, "decisions", event_json);
  assert_answer (&a, 403, "is a “event”, not a filing");
  answer_clear (&a);
  *out_misrouted = g_steal_pointer (&ruling_json);
}

static void
drafting_refusals (AssayReplica *replica)
{
  assert_draft_refused (replica, FAILURE, ASSAY_DECISION_KIND_APPROVE, 0, 301, ASSAY_TEST_ANA,
                        "must be 1 to 300 points: Article U allows at most 30 % of the comparable success’s 1000");
  assert_draft_refused (replica, FAILURE, ASSAY_DECISION_KIND_APPROVE, 0, 0, ASSAY_TEST_ANA, "must be 1 to 300");
  assert_draft_refused (replica, INSURANCE, ASSAY_DECISION_KIND_RULING, ASSAY_RULING_UPHOLD, 0, ASSAY_TEST_ARB_0,
                        "goes to the committee: approve or deny it");
  assert_draft_refused (replica, DISPUTE, ASSAY_DECISION_KIND_APPROVE, 0, 0, ASSAY_TEST_ANA,
                        "goes to the arbitration panel");
  assert_draft_refused (replica, DISPUTE, ASSAY_DECISION_KIND_RULING, ASSAY_RULING_ADJUST, 0, ASSAY_TEST_ARB_0,
                        "An adjusting ruling names the points");
  assert_draft_refused (replica, INSURANCE, ASSAY_DECISION_KIND_APPROVE, 0, 5, ASSAY_TEST_ANA,
                        "Only an approved failure claim carries an award");
  /* The signer's role: a ruling by a committee key. */
  assert_draft_refused (replica, DISPUTE, ASSAY_DECISION_KIND_RULING, ASSAY_RULING_UPHOLD, 0, ASSAY_TEST_ANA,
                        "not one of the roster’s arbitration keys");
}

static Answer
post_decision (Fixture      *f,
               AssayReplica *replica,
               guint64       index,
               AssayDecisionKind kind,
               gint64        amount)
{
  g_autoptr(AssayDecision) d = draft_ok (replica, index, kind, 0, amount, ASSAY_TEST_ANA);
  g_autofree char *json = sign (d, ASSAY_TEST_ANA, -1);

  return request (f, SOUP_METHOD_POST, "decisions", json);
}

/* The committee's decisions, logged: an award at the cap, a denial, and
 * two approved forget requests, one with records to erase and one
 * without. */
static void
committee_decisions (Fixture      *f,
                     AssayReplica *replica)
{
  Answer a;

  a = post_decision (f, replica, FAILURE, ASSAY_DECISION_KIND_APPROVE, 300);
  assert_answer (&a, 200, "\"status\":\"logged\"");
  g_assert_false (json_object_has_member (a.object, "erased"));
  answer_clear (&a);
  a = post_decision (f, replica, INSURANCE, ASSAY_DECISION_KIND_DENY, 0);
  assert_answer (&a, 200, "\"status\":\"logged\"");
  answer_clear (&a);
  a = post_decision (f, replica, FORGET, ASSAY_DECISION_KIND_APPROVE, 0);
  assert_answer (&a, 200, "Forgot the records of acct-silent dated 2026-03-01 to 2026-05-31: 2 logged ones erased");
  g_assert_cmpint (json_object_get_int_member (a.object, "erased"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (a.object, "erased_pending"), ==, 0);
  answer_clear (&a);
  a = post_decision (f, replica, QUIET_FORGET, ASSAY_DECISION_KIND_APPROVE, 0);
  assert_answer (&a, 200, "No record of acct-quiet is dated 2026-06-01 to 2026-06-30: nothing was erased.");
  g_assert_cmpint (json_object_get_int_member (a.object, "erased"), ==, 0);
  answer_clear (&a);
}

static AssayEntryState
entry_state (AssayReplica *replica,
             guint64       index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplicaEntry) entry = assay_replica_get_entry (replica, index, &error);

  g_assert_no_error (error);
  return entry->state;
}

static AssayFilingDecision *
only_filing_decision (AssayReplica *replica,
                      guint64       index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = assay_replica_filing_decisions (replica, index, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  return g_ptr_array_steal_index (rows, 0);
}

static void
check_replica (AssayReplica *replica)
{
  g_autoptr(AssayFilingDecision) award = only_filing_decision (replica, FAILURE);
  g_autoptr(AssayFilingDecision) denial = only_filing_decision (replica, INSURANCE);
  g_autoptr(AssayFilingDecision) ruling = only_filing_decision (replica, DISPUTE);
  g_autoptr(AssayFilingDecision) forget = only_filing_decision (replica, FORGET);
  g_autoptr(GPtrArray) none = assay_replica_filing_decisions (replica, APPEAL, NULL);

  /* Forgotten: the records of the period, and only them; the filings
   * dated in it (the silence, the appeal, the dispute, the request
   * itself) and the other account's record stay. */
  g_assert_cmpint (entry_state (replica, INSIDE_EVENT), ==, ASSAY_ENTRY_STATE_ERASED);
  g_assert_cmpint (entry_state (replica, INSIDE_REDEMPTION), ==, ASSAY_ENTRY_STATE_ERASED);
  for (guint i = 0; i < N_LINES; i++)
    if (i != INSIDE_EVENT && i != INSIDE_REDEMPTION)
      g_assert_cmpint (entry_state (replica, i), ==, ASSAY_ENTRY_STATE_VERIFIED);

  g_assert_cmpstr (award->kind, ==, "approve");
  g_assert_cmpstr (award->outcome, ==, "approve");
  g_assert_true (award->has_amount);
  g_assert_cmpint (award->amount, ==, 300);
  g_assert_cmpstr (award->signers, ==, "[\"ana\"]");
  g_assert_cmpstr (denial->kind, ==, "deny");
  g_assert_false (denial->has_amount);
  g_assert_cmpstr (ruling->kind, ==, "ruling");
  g_assert_cmpstr (ruling->outcome, ==, "uphold");
  g_assert_cmpstr (ruling->signers, ==, "[\"arb-0\",\"arb-1\"]");
  g_assert_cmpuint (ruling->filing, ==, DISPUTE);
  g_assert_cmpstr (forget->outcome, ==, "approve");
  g_assert_cmpuint (none->len, ==, 0);

  g_assert_cmpint (filing_case_state (replica, FAILURE), ==, ASSAY_CASE_STATE_DECIDED);
  g_assert_cmpint (filing_case_state (replica, DISPUTE), ==, ASSAY_CASE_STATE_DECIDED);
  g_assert_cmpint (filing_case_state (replica, FORGET), ==, ASSAY_CASE_STATE_DECIDED);
  g_assert_cmpint (filing_case_state (replica, APPEAL), !=, ASSAY_CASE_STATE_DECIDED);
}

/* `assay-central erase` takes the approved failure claim away after its
 * award was logged: a replica that verifies the log from the start finds
 * the filing erased and keeps the decision (the service checked it when
 * it logged it), with no alert. */
static void
erased_since (Fixture *f)
{
  g_autofree char *first = g_steal_pointer (&f->replica_path);
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayFilingDecision) award = NULL;

  assay_test_central_erase (f->central, "acct-fail", "2026-07-01", "2026-07-01");
  f->replica_path = g_build_filename (f->dir, "fresh.db", NULL);
  replica = sync_replica (f, 0, NULL);
  g_assert_cmpint (entry_state (replica, FAILURE), ==, ASSAY_ENTRY_STATE_ERASED);
  award = only_filing_decision (replica, FAILURE);
  g_assert_cmpint (award->amount, ==, 300);
  g_assert_cmpint (assay_replica_get_alert (replica), ==, ASSAY_ALERT_NONE);
  g_free (f->replica_path);
  f->replica_path = g_steal_pointer (&first);
}

static void
test_end_to_end (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autoptr(AssayReplica) replica = sync_replica (f, 0, NULL);
  g_autofree char *misrouted = NULL;
  g_autofree char *out = NULL;

  drafting_refusals (replica);
  service_refusals (f, replica, &misrouted);
  rule_on_dispute (f, replica);
  committee_decisions (f, replica);
  g_clear_object (&replica);

  replica = sync_replica (f, 0, NULL);
  check_replica (replica);
  g_clear_object (&replica);
  erased_since (f);

  /* The ruling the service refused, logged beside it: every replica
   * raises a decision alert. */
  assay_test_central_append_signed (f->central, "decision", misrouted, f->today);
  replica = sync_replica (f, 3, &out);
  if (strstr (out, "goes to the committee") == NULL)
    g_error ("the alert does not say why: %s", out);
  g_assert_cmpint (assay_replica_get_alert (replica), ==, ASSAY_ALERT_DECISION);
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
  g_test_add ("/assay/filing-decisions/end-to-end", Fixture, NULL, fixture_set_up, test_end_to_end,
              fixture_tear_down);
  status = g_test_run ();
  assay_test_signers_clear (&signers);
  return status;
}
