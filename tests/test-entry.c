/* test-entry.c — entry bodies, the JSON scanner and bundles
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

#include <glib.h>
#include <json-glib/json-glib.h>

#include "assay-bundle.h"
#include "assay-county.h"
#include "assay-entry.h"
#include "assay-error.h"
#include "assay-json-scan.h"

/* Bodies are built from member lists so each bad case changes one thing. */
typedef struct
{
  const char *name;
  const char *value;  /* raw JSON */
} Member;

static const Member event_members[] = {
  { "kind", "\"event\"" },
  { "account", "\"a3f9-77c2-19de\"" },
  { "account_kind", "\"individual\"" },
  { "dimension", "\"ecological\"" },
  { "points", "120" },
  { "event_date", "\"2026-03-01\"" },
  { "publication_date", "\"2026-03-15\"" },
  { "county", "\"310118\"" },
  { "issuer", "\"青浦区生态环境局\"" },
  { "distributor", "\"青浦区绿色积分平台\"" },
  { "rule", "{\"id\": \"eco.tree-planting\", \"inputs\": {\"trees\": 12, \"hours\": 3.5}}" },
  { "activity", "\"ACT:2026:000123\"" },
  { "confirmer", "null" },
  { "evidence", "\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"" },
  { NULL },
};

static const Member redemption_members[] = {
  { "kind", "\"redemption\"" },
  { "account", "\"a3f9-77c2-19de\"" },
  { "account_kind", "\"enterprise\"" },
  { "tier", "\"development\"" },
  { "points", "500" },
  { "event_date", "\"2028-02-29\"" },
  { "publication_date", "\"2028-03-30\"" },
  { "county", "\"820001\"" },
  { "distributor", "\"上海市信用积分中心\"" },
  { "item", "\"公交月票\"" },
  { "request", "\"REQ-2028:7\"" },
  { NULL },
};

static const Member tombstone_members[] = {
  { "kind", "\"tombstone\"" },
  { "erased", "[3, 17, 9007199254740991]" },
  { "issued", "\"2026-06-30\"" },
  { NULL },
};

/* A well-shaped DSSE envelope; its signature need not verify here. */
#define KEYID_HEX "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define SIG_B64 "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw=="
#define PT_ROSTER "\"payloadType\": \"application/vnd.assay.roster.v1+json\""
#define PT_DECISION "\"payloadType\": \"application/vnd.assay.decision.v1+json\""
#define PAYLOAD "\"payload\": \"eyJ2IjoxfQ==\""
#define KEYID "\"keyid\": \"" KEYID_HEX "\""
#define SIG "\"sig\": \"" SIG_B64 "\""
#define SIGNATURE "{" KEYID ", " SIG "}"
#define SIGNATURES "\"signatures\": [" SIGNATURE "]"
#define ROSTER_ENVELOPE "{" PT_ROSTER ", " PAYLOAD ", " SIGNATURES "}"
#define DECISION_ENVELOPE "{" PT_DECISION ", " PAYLOAD ", " SIGNATURES "}"

static const Member roster_members[] = {
  { "kind", "\"roster\"" },
  { "envelope", ROSTER_ENVELOPE },
  { "logged", "\"2026-07-01\"" },
  { NULL },
};

static const Member decision_members[] = {
  { "kind", "\"decision\"" },
  { "envelope", DECISION_ENVELOPE },
  { "logged", "\"2026-07-02\"" },
  { NULL },
};

/* A county pause whose flag id is that of its rule, subject and period
 * (computed independently with Python's hashlib). */
#define RULE_SET_HEX "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define ROOT_B64 "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
static const Member pause_members[] = {
  { "kind", "\"pause\"" },
  { "flag", "\"15d226520fa9397fc9db9f7e5ac39a83c74a3e98f96ea59315e3c2698103eb3b\"" },
  { "rule_set", "\"" RULE_SET_HEX "\"" },
  { "rule", "\"6.1.county_spike\"" },
  { "subject_kind", "\"county\"" },
  { "subject", "\"310118\"" },
  { "members", "[]" },
  { "from", "\"2026-05-04\"" },
  { "to", "\"2026-05-04\"" },
  { "checkpoint_size", "1200" },
  { "checkpoint_root", "\"" ROOT_B64 "\"" },
  { "logged", "\"2026-05-05\"" },
  { NULL },
};

/* Filings: what every one has, then each kind's own members. */
#define FILING_COMMON(kind) \
  { "kind", "\"" kind "\"" }, \
  { "account", "\"a3f9-77c2-19de\"" }, \
  { "account_kind", "\"individual\"" }, \
  { "county", "\"310118\"" }, \
  { "filed", "\"2026-05-10\"" }, \
  { "filing", "\"F:2026:0042\"" }

static const Member appeal_members[] = {
  FILING_COMMON ("appeal"),
  { "against", "17" },
  { "reason", "\"扣分有误。\\n活动当天我在场，有照片为证。\"" },
  { NULL },
};

static const Member dispute_members[] = {
  FILING_COMMON ("dispute"),
  { "entries", "[3, 9, 9007199254740991]" },
  { "claimant", "\"31\"" },
  { "claimant_statement", "\"上海认为这些记录应被承认。\"" },
  { "respondent", "\"32\"" },
  { "respondent_statement", "\"江苏认为活动不在其辖区。\"" },
  { NULL },
};

static const Member silence_members[] = {
  FILING_COMMON ("silence"),
  { "from", "\"2026-05-10\"" },
  { "to", "\"2026-08-09\"" },
  { NULL },
};

static const Member forget_members[] = {
  FILING_COMMON ("forget_request"),
  { "silence", "0" },
  { NULL },
};

static const Member failure_members[] = {
  FILING_COMMON ("failure_claim"),
  { "project", "\"盐碱地水稻试种\"" },
  { "experts", "[\"王教授\", \"Dr. Li\"]" },
  { "honest_record", "true" },
  { "good_faith", "true" },
  { "ruled_out", "false" },
  { "comparable_value", "5000" },
  { "points", "1500" },
  { NULL },
};

static const Member insurance_members[] = {
  FILING_COMMON ("insurance_claim"),
  { "benefit", "\"retraining\"" },
  { "venture", "\"社区咖啡馆\"" },
  { NULL },
};

static const Member education_members[] = {
  FILING_COMMON ("education_transfer"),
  { "year", "2026" },
  { "points", "300" },
  { "child_account", "\"edu-77c2-0001\"" },
  { NULL },
};

/* The body of @members with the @changes applied: a member's value is
 * replaced (or the member dropped when the value is NULL); a name that is
 * not a member is appended. */
static char *
body_with_changes (const Member *members,
                   const Member *changes,
                   guint         n_changes)
{
  GString *out = g_string_new ("{");
  gboolean used[8] = { FALSE };

  g_assert (n_changes <= G_N_ELEMENTS (used));
  for (const Member *m = members; m->name; m++)
    {
      const char *v = m->value;
      gboolean drop = FALSE;

      for (guint i = 0; i < n_changes; i++)
        if (g_strcmp0 (m->name, changes[i].name) == 0)
          {
            used[i] = TRUE;
            v = changes[i].value;
            drop = v == NULL;
          }
      if (!drop)
        g_string_append_printf (out, "%s\"%s\": %s", out->len > 1 ? ", " : "", m->name, v);
    }
  for (guint i = 0; i < n_changes; i++)
    if (!used[i] && changes[i].name)
      g_string_append_printf (out, "%s\"%s\": %s", out->len > 1 ? ", " : "",
                              changes[i].name, changes[i].value);
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

static char *
body_with (const Member *members,
           const char   *name,
           const char   *value)
{
  Member change = { name, value };

  return body_with_changes (members, &change, name ? 1 : 0);
}

static AssayEntry *
parse_ok (const char *body)
{
  g_autoptr(GError) error = NULL;
  AssayEntry *entry = assay_entry_parse (body, strlen (body), &error);

  if (entry == NULL)
    g_error ("rejected: %s\n%s", error->message, body);
  return entry;
}

static void
expect_error_len (const char *body,
                  gsize       len,
                  const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayEntry) entry = assay_entry_parse (body, len, &error);

  if (entry != NULL)
    g_error ("accepted, expected “%s”:\n%.*s", fragment, (int) len, body);
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
  if (strstr (error->message, fragment) == NULL)
    g_error ("message “%s” lacks “%s”:\n%.*s", error->message, fragment, (int) len, body);
}

static void
expect_error (const char *body,
              const char *fragment)
{
  expect_error_len (body, strlen (body), fragment);
}

static guint32
julian (guint year,
        guint month,
        guint day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

static void
test_valid_event (void)
{
  g_autofree char *body = body_with (event_members, NULL, NULL);
  g_autoptr(AssayEntry) entry = parse_ok (body);

  g_assert_cmpint (entry->kind, ==, ASSAY_ENTRY_EVENT);
  g_assert_cmpstr (entry->account, ==, "a3f9-77c2-19de");
  g_assert_cmpint (entry->account_kind, ==, ASSAY_ACCOUNT_INDIVIDUAL);
  g_assert_cmpint (entry->dimension, ==, ASSAY_DIMENSION_ECOLOGICAL);
  g_assert_cmpint (entry->points, ==, 120);
  g_assert_cmpuint (entry->event_day, ==, julian (2026, 3, 1));
  g_assert_cmpuint (entry->publication_day, ==, julian (2026, 3, 15));
  g_assert_cmpstr (entry->county, ==, "310118");
  g_assert_cmpstr (entry->issuer, ==, "青浦区生态环境局");
  g_assert_cmpstr (entry->distributor, ==, "青浦区绿色积分平台");
  g_assert_cmpstr (entry->rule_id, ==, "eco.tree-planting");
  g_assert_cmpstr (entry->rule_inputs, ==, "{\"trees\":12,\"hours\":3.5}");
  g_assert_cmpstr (entry->activity, ==, "ACT:2026:000123");
  g_assert_null (entry->confirmer);
  g_assert_cmpstr (entry->evidence, ==,
                   "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  g_assert_null (entry->item);
  g_assert_null (entry->erased);
}

static void
test_valid_event_edges (void)
{
  /* Escapes decode, a surrogate pair makes one character, the community
   * rule with a confirmer, the extreme points, 7 and 30 day delays. */
  static const Member m[] = {
    { "points", "-1000000" },
    { "account", "\"0abc\"" },
    { "confirmer", "\"zz-confirmer\"" },
    { "rule", "{\"inputs\": {\"A:b_c.d-e\": -0.5e-3, \"n\": 1E+2}, \"id\": \"community\"}" },
    { "issuer", "\"\\u9752\\u6d66 \\ud83c\\udf33 \\\"Green\\\" \\/ \\\\\"" },
    { "publication_date", "\"2026-03-08\"" },
    { "dimension", "\"market_order\"" },
  };
  g_autofree char *body = body_with_changes (event_members, m, G_N_ELEMENTS (m));
  g_autoptr(AssayEntry) entry = NULL;
  g_autofree char *spaced = NULL;

  entry = parse_ok (body);
  g_assert_cmpint (entry->points, ==, -1000000);
  g_assert_cmpstr (entry->confirmer, ==, "zz-confirmer");
  g_assert_cmpstr (entry->rule_id, ==, "community");
  g_assert_cmpstr (entry->rule_inputs, ==, "{\"A:b_c.d-e\":-0.5e-3,\"n\":1E+2}");
  g_assert_cmpstr (entry->issuer, ==, "青浦 🌳 \"Green\" / \\");
  g_assert_cmpint (entry->dimension, ==, ASSAY_DIMENSION_MARKET_ORDER);
  g_assert_cmpuint (entry->publication_day - entry->event_day, ==, 7);
  g_clear_pointer (&entry, assay_entry_free);

  /* Whitespace everywhere RFC 8259 allows it. */
  spaced = g_strdup_printf (" \t\r\n%s \n", body);
  entry = parse_ok (spaced);
  g_clear_pointer (&entry, assay_entry_free);
  g_clear_pointer (&body, g_free);

  body = body_with (event_members, "publication_date", "\"2026-03-31\"");
  entry = parse_ok (body);
  g_assert_cmpuint (entry->publication_day - entry->event_day, ==, 30);
}

static void
test_valid_redemption (void)
{
  g_autofree char *body = body_with (redemption_members, NULL, NULL);
  g_autoptr(AssayEntry) entry = parse_ok (body);

  g_assert_cmpint (entry->kind, ==, ASSAY_ENTRY_REDEMPTION);
  g_assert_cmpint (entry->account_kind, ==, ASSAY_ACCOUNT_ENTERPRISE);
  g_assert_cmpint (entry->tier, ==, ASSAY_TIER_DEVELOPMENT);
  g_assert_cmpint (entry->points, ==, 500);
  g_assert_cmpuint (entry->event_day, ==, julian (2028, 2, 29));
  g_assert_cmpuint (entry->publication_day, ==, julian (2028, 3, 30));
  g_assert_cmpstr (entry->county, ==, "820001");
  g_assert_cmpstr (entry->distributor, ==, "上海市信用积分中心");
  g_assert_cmpstr (entry->item, ==, "公交月票");
  g_assert_cmpstr (entry->activity, ==, "REQ-2028:7");
  g_assert_null (entry->issuer);
  g_assert_null (entry->rule_id);
}

static void
test_valid_tombstone (void)
{
  g_autofree char *body = body_with (tombstone_members, NULL, NULL);
  g_autoptr(AssayEntry) entry = parse_ok (body);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (entry->kind, ==, ASSAY_ENTRY_TOMBSTONE);
  g_assert_cmpuint (entry->n_erased, ==, 3);
  g_assert_cmpuint (entry->erased[0], ==, 3);
  g_assert_cmpuint (entry->erased[1], ==, 17);
  g_assert_cmpuint (entry->erased[2], ==, G_GUINT64_CONSTANT (9007199254740991));
  g_assert_cmpuint (entry->issued_day, ==, julian (2026, 6, 30));

  g_assert_true (assay_entry_check_index (entry, G_GUINT64_CONSTANT (9007199254740992), &error));
  g_assert_no_error (error);
  g_assert_false (assay_entry_check_index (entry, G_GUINT64_CONSTANT (9007199254740991), &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "erased"));
}

/* The envelope is kept as the body writes it, whitespace and all. */
static void
test_valid_signed (void)
{
  g_autofree char *roster = body_with (roster_members, NULL, NULL);
  g_autofree char *decision = body_with (decision_members, NULL, NULL);
  g_autoptr(AssayEntry) r = parse_ok (roster);
  g_autoptr(AssayEntry) d = parse_ok (decision);
  g_autoptr(GString) many = g_string_new ("{" PT_ROSTER ", " PAYLOAD ", \"signatures\": [");
  g_autofree char *sixteen = NULL;
  g_autoptr(AssayEntry) s = NULL;

  g_assert_cmpint (r->kind, ==, ASSAY_ENTRY_ROSTER);
  g_assert_cmpstr (r->envelope, ==, ROSTER_ENVELOPE);
  g_assert_cmpuint (r->logged_day, ==, julian (2026, 7, 1));
  g_assert_null (r->account);
  g_assert_cmpint (d->kind, ==, ASSAY_ENTRY_DECISION);
  g_assert_cmpstr (d->envelope, ==, DECISION_ENVELOPE);
  g_assert_cmpuint (d->logged_day, ==, julian (2026, 7, 2));

  for (guint i = 0; i < 16; i++)
    g_string_append_printf (many, "%s" SIGNATURE, i > 0 ? ", " : "");
  g_string_append (many, "]}");
  sixteen = body_with (roster_members, "envelope", many->str);
  s = parse_ok (sixteen);
  g_assert_cmpstr (s->envelope, ==, many->str);
}

/* A pause of each subject kind; what it carries, parsed. */
static void
test_valid_pause (void)
{
  static const Member ring[] = {
    { "flag", "\"403c11d07db3f895741441548ec77191fa300a430a7397ba368997da3d7a3f5c\"" },
    { "rule", "\"6.1.lockstep_ring\"" },
    { "subject_kind", "\"ring\"" },
    { "subject", "\"ring-7089b326d25097bb\"" },
    { "members", "[\"acct-0001\", \"acct-0002\", \"acct-0003\"]" },
    { "from", "\"2026-04-01\"" },
    { "to", "\"2026-04-30\"" },
  };
  static const Member account[] = {
    { "flag", "\"7e76f1dec898cef316b0372fa3c79971597cf1ee2fa902286080d6a06f8800bf\"" },
    { "rule", "\"6.1.account_growth\"" },
    { "subject_kind", "\"account\"" },
    { "subject", "\"a3f9-77c2-19de\"" },
    { "from", "\"2026-05-01\"" },
    { "to", "\"2026-05-07\"" },
  };
  g_autofree char *county_body = body_with (pause_members, NULL, NULL);
  g_autofree char *ring_body = body_with_changes (pause_members, ring, G_N_ELEMENTS (ring));
  g_autofree char *account_body = body_with_changes (pause_members, account, G_N_ELEMENTS (account));
  g_autoptr(AssayEntry) c = parse_ok (county_body);
  g_autoptr(AssayEntry) r = parse_ok (ring_body);
  g_autoptr(AssayEntry) a = parse_ok (account_body);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (c->kind, ==, ASSAY_ENTRY_PAUSE);
  g_assert_cmpstr (c->flag, ==, "15d226520fa9397fc9db9f7e5ac39a83c74a3e98f96ea59315e3c2698103eb3b");
  g_assert_cmpstr (c->rule_set, ==, RULE_SET_HEX);
  g_assert_cmpstr (c->rule_id, ==, "6.1.county_spike");
  g_assert_cmpint (c->pause_subject, ==, ASSAY_PAUSE_SUBJECT_COUNTY);
  g_assert_cmpstr (c->subject, ==, "310118");
  g_assert_cmpuint (g_strv_length (c->members), ==, 0);
  g_assert_cmpuint (c->pause_from, ==, julian (2026, 5, 4));
  g_assert_cmpuint (c->pause_to, ==, julian (2026, 5, 4));
  g_assert_cmpuint (c->checkpoint_size, ==, 1200);
  for (guint i = 0; i < ASSAY_HASH_SIZE; i++)
    g_assert_cmpuint (c->checkpoint_root[i], ==, i);
  g_assert_cmpuint (c->logged_day, ==, julian (2026, 5, 5));
  g_assert_null (c->account);

  g_assert_cmpint (r->pause_subject, ==, ASSAY_PAUSE_SUBJECT_RING);
  g_assert_cmpuint (g_strv_length (r->members), ==, 3);
  g_assert_cmpstr (r->members[2], ==, "acct-0003");
  g_assert_cmpint (a->pause_subject, ==, ASSAY_PAUSE_SUBJECT_ACCOUNT);
  g_assert_cmpstr (a->subject, ==, "a3f9-77c2-19de");

  /* A ring is named by its members: other members, another id. */
  {
    Member wrong[G_N_ELEMENTS (ring)];
    g_autofree char *body = NULL;

    memcpy (wrong, ring, sizeof ring);
    wrong[4].value = "[\"acct-0001\", \"acct-0002\", \"acct-0004\"]";
    body = body_with_changes (pause_members, wrong, G_N_ELEMENTS (wrong));
    expect_error (body, "field “subject”: must be the ring id of its members, ring-");
    wrong[4].value = "[\"acct-0002\", \"acct-0001\", \"acct-0003\"]";
    g_free (body);
    body = body_with_changes (pause_members, wrong, G_N_ELEMENTS (wrong));
    expect_error (body, "field “members”: must be an array of account ids in ascending order");
  }

  /* The checkpoint it was evaluated at lies before the pause itself. */
  g_assert_true (assay_entry_check_index (c, 1200, NULL));
  g_assert_false (assay_entry_check_index (c, 1199, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "checkpoint_size"));
}

/* What every filing carries: `filed` is its event and publication day,
 * `filing` its reference. */
static void
assert_filing_common (const AssayEntry *e,
                      AssayEntryKind    kind)
{
  g_assert_cmpint (e->kind, ==, kind);
  g_assert_true (ASSAY_ENTRY_KIND_IS_FILING (e->kind));
  g_assert_cmpstr (e->account, ==, "a3f9-77c2-19de");
  g_assert_cmpint (e->account_kind, ==, ASSAY_ACCOUNT_INDIVIDUAL);
  g_assert_cmpstr (e->county, ==, "310118");
  g_assert_cmpuint (e->event_day, ==, julian (2026, 5, 10));
  g_assert_cmpuint (e->publication_day, ==, julian (2026, 5, 10));
  g_assert_cmpstr (e->activity, ==, "F:2026:0042");
  g_assert_null (e->issuer);
  g_assert_null (e->rule_id);
}

static void
test_valid_filings (void)
{
  g_autofree char *appeal = body_with (appeal_members, NULL, NULL);
  g_autofree char *dispute = body_with (dispute_members, NULL, NULL);
  g_autofree char *silence = body_with (silence_members, NULL, NULL);
  g_autofree char *forget = body_with (forget_members, NULL, NULL);
  g_autofree char *failure = body_with (failure_members, NULL, NULL);
  g_autofree char *insurance = body_with (insurance_members, NULL, NULL);
  g_autofree char *education = body_with (education_members, NULL, NULL);
  g_autoptr(AssayEntry) a = parse_ok (appeal);
  g_autoptr(AssayEntry) d = parse_ok (dispute);
  g_autoptr(AssayEntry) s = parse_ok (silence);
  g_autoptr(AssayEntry) f = parse_ok (forget);
  g_autoptr(AssayEntry) c = parse_ok (failure);
  g_autoptr(AssayEntry) i = parse_ok (insurance);
  g_autoptr(AssayEntry) e = parse_ok (education);

  assert_filing_common (a, ASSAY_ENTRY_APPEAL);
  g_assert_cmpuint (a->target, ==, 17);
  g_assert_cmpstr (a->text, ==, "扣分有误。\n活动当天我在场，有照片为证。");

  assert_filing_common (d, ASSAY_ENTRY_DISPUTE);
  g_assert_cmpuint (d->n_disputed, ==, 3);
  g_assert_cmpuint (d->disputed[0], ==, 3);
  g_assert_cmpuint (d->disputed[1], ==, 9);
  g_assert_cmpuint (d->disputed[2], ==, G_GUINT64_CONSTANT (9007199254740991));
  g_assert_cmpstr (d->claimant, ==, "31");
  g_assert_cmpstr (d->respondent, ==, "32");
  g_assert_cmpstr (d->text, ==, "上海认为这些记录应被承认。");
  g_assert_cmpstr (d->respondent_statement, ==, "江苏认为活动不在其辖区。");

  assert_filing_common (s, ASSAY_ENTRY_SILENCE);
  g_assert_cmpuint (s->pause_from, ==, julian (2026, 5, 10));
  g_assert_cmpuint (s->pause_to, ==, julian (2026, 8, 9));

  assert_filing_common (f, ASSAY_ENTRY_FORGET_REQUEST);
  g_assert_cmpuint (f->target, ==, 0);

  assert_filing_common (c, ASSAY_ENTRY_FAILURE_CLAIM);
  g_assert_cmpstr (c->text, ==, "盐碱地水稻试种");
  g_assert_cmpuint (g_strv_length (c->experts), ==, 2);
  g_assert_cmpstr (c->experts[0], ==, "王教授");
  g_assert_cmpstr (c->experts[1], ==, "Dr. Li");
  g_assert_true (c->honest_record);
  g_assert_true (c->good_faith);
  g_assert_false (c->ruled_out);
  g_assert_cmpint (c->comparable_value, ==, 5000);
  g_assert_cmpint (c->points, ==, 1500);

  assert_filing_common (i, ASSAY_ENTRY_INSURANCE_CLAIM);
  g_assert_cmpint (i->benefit, ==, ASSAY_BENEFIT_RETRAINING);
  g_assert_cmpstr (i->text, ==, "社区咖啡馆");

  assert_filing_common (e, ASSAY_ENTRY_EDUCATION_TRANSFER);
  g_assert_cmpuint (e->year, ==, 2026);
  g_assert_cmpint (e->points, ==, 300);
  g_assert_cmpstr (e->child_account, ==, "edu-77c2-0001");
}

/* The edges each rule allows. */
static void
test_valid_filing_edges (void)
{
  static const struct { const Member *members; const char *name; const char *value; } cases[] = {
    { silence_members, "to", "\"2026-05-10\"" },        /* from = to = filed */
    { silence_members, "from", "\"2026-06-01\"" },      /* filed before from */
    { appeal_members, "against", "9007199254740991" },
    { appeal_members, "against", "0" },
    { dispute_members, "entries", "[0]" },
    { dispute_members, "respondent", "\"82\"" },
    { dispute_members, "claimant", "\"11\"" },
    { failure_members, "experts", "[\"a\"]" },
    { failure_members, "points", "1000000" },
    { failure_members, "comparable_value", "1" },
    { failure_members, "honest_record", "false" },
    { insurance_members, "benefit", "\"social_security\"" },
    { insurance_members, "benefit", "\"credit_repair\"" },
    { education_members, "year", "1" },
    { education_members, "points", "1" },
    { education_members, "account_kind", "\"organization\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = body_with (cases[i].members, cases[i].name, cases[i].value);
      g_autoptr(AssayEntry) entry = parse_ok (body);
    }

  /* 256 disputed entries, 16 experts, 2000 characters with newlines. */
  {
    g_autoptr(GString) entries = g_string_new ("[");
    g_autoptr(GString) experts = g_string_new ("[");
    g_autoptr(GString) text = g_string_new ("\"");
    g_autofree char *b1 = NULL, *b2 = NULL, *b3 = NULL;
    g_autoptr(AssayEntry) e1 = NULL, e2 = NULL, e3 = NULL;

    for (guint i = 0; i < 256; i++)
      g_string_append_printf (entries, "%s%u", i > 0 ? ", " : "", i * 3);
    g_string_append (entries, "]");
    for (guint i = 0; i < 16; i++)
      g_string_append_printf (experts, "%s\"专家 %u\"", i > 0 ? ", " : "", i);
    g_string_append (experts, "]");
    for (guint i = 0; i < 999; i++)
      g_string_append (text, "理\\n");
    g_string_append (text, "由\\ud83c\\udf33\"");
    b1 = body_with (dispute_members, "entries", entries->str);
    b2 = body_with (failure_members, "experts", experts->str);
    b3 = body_with (appeal_members, "reason", text->str);
    e1 = parse_ok (b1);
    e2 = parse_ok (b2);
    e3 = parse_ok (b3);
    g_assert_cmpuint (e1->n_disputed, ==, 256);
    g_assert_cmpuint (e1->disputed[255], ==, 765);
    g_assert_cmpuint (g_strv_length (e2->experts), ==, 16);
    g_assert_cmpuint (g_utf8_strlen (e3->text, -1), ==, 2000);

    /* One more of each is one too many. */
    g_string_truncate (entries, entries->len - 1);
    g_string_append (entries, ", 9999]");
    g_string_truncate (experts, experts->len - 1);
    g_string_append (experts, ", \"x\"]");
    g_string_insert (text, 1, "a");
    g_clear_pointer (&b1, g_free);
    g_clear_pointer (&b2, g_free);
    g_clear_pointer (&b3, g_free);
    b1 = body_with (dispute_members, "entries", entries->str);
    b2 = body_with (failure_members, "experts", experts->str);
    b3 = body_with (appeal_members, "reason", text->str);
    expect_error (b1, "field “entries”: must be an array of 1 to 256 leaf indices");
    expect_error (b2, "field “experts”: must be an array of 1 to 16 names");
    expect_error (b3, "field “reason”: must be 1 to 2000 characters long");
  }
}

static void
expect_index_error (const AssayEntry *entry,
                    guint64           index,
                    const char       *fragment)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (assay_entry_check_index (entry, index, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
  if (strstr (error->message, fragment) == NULL)
    g_error ("message “%s” lacks “%s”", error->message, fragment);
}

/* The leaves a filing names lie below its own index; the filings that
 * name no leaf pass at any index. */
static void
test_filing_index (void)
{
  g_autofree char *appeal = body_with (appeal_members, NULL, NULL);
  g_autofree char *dispute = body_with (dispute_members, "entries", "[3, 9, 40]");
  g_autofree char *forget = body_with (forget_members, "silence", "25");
  g_autofree char *silence = body_with (silence_members, NULL, NULL);
  g_autofree char *education = body_with (education_members, NULL, NULL);
  g_autoptr(AssayEntry) a = parse_ok (appeal);
  g_autoptr(AssayEntry) d = parse_ok (dispute);
  g_autoptr(AssayEntry) f = parse_ok (forget);
  g_autoptr(AssayEntry) s = parse_ok (silence);
  g_autoptr(AssayEntry) e = parse_ok (education);

  g_assert_true (assay_entry_check_index (a, 18, NULL));
  expect_index_error (a, 17, "field “against”: leaf 17 is not below the filing’s own index 17");
  expect_index_error (a, 3, "field “against”: leaf 17 is not below the filing’s own index 3");
  g_assert_true (assay_entry_check_index (d, 41, NULL));
  expect_index_error (d, 40, "field “entries”: leaf 40 is not below the filing’s own index 40");
  expect_index_error (d, 5, "field “entries”: leaf 40");
  g_assert_true (assay_entry_check_index (f, 26, NULL));
  expect_index_error (f, 25, "field “silence”: leaf 25 is not below the filing’s own index 25");
  g_assert_true (assay_entry_check_index (s, 0, NULL));
  g_assert_true (assay_entry_check_index (e, 0, NULL));
}

/* Every calendar day of a few centuries maps to GDate's Julian day. */
static void
test_dates (void)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 1, 1);
  for (guint i = 0; i < 3000; i++)
    {
      char day[16];
      g_autofree char *value = NULL;
      g_autofree char *body = NULL;
      g_autoptr(AssayEntry) entry = NULL;

      g_date_strftime (day, sizeof day, "%Y-%m-%d", &date);
      /* %Y does not pad years below 1000. */
      value = g_strdup_printf ("\"%04u-%02u-%02u\"", g_date_get_year (&date),
                               g_date_get_month (&date), g_date_get_day (&date));
      body = body_with (tombstone_members, "issued", value);
      entry = parse_ok (body);
      g_assert_cmpuint (entry->issued_day, ==, g_date_get_julian (&date));
      g_date_add_days (&date, 1 + i * 97 % 1201);
    }
}

typedef struct
{
  const Member *members;
  const char   *name;
  const char   *value;   /* NULL: drop the member */
  const char   *fragment;
} BadCase;

#define EV event_members
#define RE redemption_members
#define TO tombstone_members
#define RO roster_members
#define DE decision_members
#define PA pause_members
#define AP appeal_members
#define DI dispute_members
#define SI silence_members
#define FO forget_members
#define FA failure_members
#define IN insurance_members
#define ED education_members
#define FLAG_ID "field “flag”: must be the id of the flag the pause names"
#define MEMBERS "field “members”: must be an array of account ids in ascending order"
#define ENV_NOT "field “envelope”: must be a DSSE envelope"
#define PAYLOAD_BAD "field “envelope.payload”: must be a non-empty string of standard base64 with padding"
#define SIGS_COUNT "field “envelope.signatures”: must be an array of 1 to 16 signatures"
#define KEYID_BAD "field “envelope.signatures[0].keyid”: must be 64 lowercase hexadecimal digits"
#define SIG_BAD "field “envelope.signatures[0].sig”: must be the standard base64 of a 64-byte Ed25519 signature"
#define WITH_PAYLOAD(p) "{" PT_ROSTER ", \"payload\": " p ", " SIGNATURES "}"
#define WITH_SIGS(list) "{" PT_ROSTER ", " PAYLOAD ", \"signatures\": " list "}"
#define WITH_SIG(members) WITH_SIGS ("[{" members "}]")
#define POINTS_EV "field “points”: must be a non-zero integer between −1000000 and 1000000"
#define ACCOUNT "must be an account id"
#define DATE "must be a date written YYYY-MM-DD"
#define WIDE "must be 1 to 64 characters of A-Z, a-z, 0-9"

static const BadCase bad_cases[] = {
  /* Filings: what every one has. */
  { AP, "account", "\"AB12\"", "field “account”: " ACCOUNT },
  { DI, "account", "\"ab\"", "field “account”: " ACCOUNT },
  { AP, "account_kind", "\"person\"", "field “account_kind”: must be one of individual, enterprise, organization" },
  { SI, "county", "\"310100\"", "field “county”: 310100 is not a county" },
  { FO, "county", "\"301018\"", "field “county”: 301018 does not start with a GB/T 2260 province code" },
  { FA, "county", "310118", "field “county”: must be a six-digit GB/T 2260 county code" },
  { IN, "filed", "\"2026-02-30\"", "field “filed”: 2026-02-30 is not a day of the calendar" },
  { ED, "filed", "20260510", "field “filed”: " DATE },
  { AP, "filing", "\"F 42\"", "field “filing”: " WIDE },
  { DI, "filing", "\"\"", "field “filing”: " WIDE },
  { SI, "filing", "\"申报\"", "field “filing”: " WIDE },
  { AP, "publication_date", "\"2026-05-20\"", "field “publication_date”: not allowed in “appeal” entries" },
  { AP, "event_date", "\"2026-05-10\"", "field “event_date”: not allowed in “appeal” entries" },
  { SI, "points", "5", "field “points”: not allowed in “silence” entries" },
  { FO, "against", "3", "field “against”: not allowed in “forget_request” entries" },
  { DI, "reason", "\"x\"", "field “reason”: not allowed in “dispute” entries" },
  { ED, "experts", "[\"x\"]", "field “experts”: not allowed in “education_transfer” entries" },
  { IN, "logged", "\"2026-05-10\"", "field “logged”: not allowed in “insurance_claim” entries" },
  { EV, "filed", "\"2026-05-10\"", "field “filed”: not allowed in “event” entries" },
  { AP, "against", "1, \"ag\\u0061inst\": 2", "field “against”: appears more than once" },
  /* Texts: 1–2000 characters, no control character but newline. */
  { AP, "reason", "\"\"", "field “reason”: must be 1 to 2000 characters long" },
  { AP, "reason", "\"a\\tb\"", "field “reason”: must not contain control characters other than newline" },
  { AP, "reason", "\"a\\rb\"", "field “reason”: must not contain control characters other than newline" },
  { AP, "reason", "\"a\\u0000b\"", "field “reason”: must not contain control characters" },
  { AP, "reason", "\"a\\u007f\"", "field “reason”: must not contain control characters" },
  { AP, "reason", "\"a\\u0085\"", "field “reason”: must not contain control characters" },
  { AP, "reason", "5", "field “reason”: must be a string" },
  { AP, "reason", "null", "field “reason”: must be a string" },
  { DI, "claimant_statement", "\"\"", "field “claimant_statement”: must be 1 to 2000 characters long" },
  { DI, "respondent_statement", "\"\\u001b[0m\"", "field “respondent_statement”: must not contain control characters" },
  { DI, "respondent_statement", "[]", "field “respondent_statement”: must be a string" },
  { FA, "project", "\"\"", "field “project”: must be 1 to 2000 characters long" },
  { IN, "venture", "\"a\\u0009\"", "field “venture”: must not contain control characters" },
  { IN, "venture", "\"\"", "field “venture”: must be 1 to 2000 characters long" },
  /* Leaf indices. */
  { AP, "against", "-1", "field “against”: must be a leaf index: an integer from 0 to 9007199254740991" },
  { AP, "against", "-0", "field “against”: must be a leaf index" },
  { AP, "against", "1.5", "field “against”: must be a leaf index" },
  { AP, "against", "1e1", "field “against”: must be a leaf index" },
  { AP, "against", "\"17\"", "field “against”: must be a leaf index" },
  { AP, "against", "9007199254740992", "field “against”: must be a leaf index" },
  { AP, "against", "[17]", "field “against”: must be a leaf index" },
  { FO, "silence", "null", "field “silence”: must be a leaf index" },
  { FO, "silence", "-3", "field “silence”: must be a leaf index" },
  { DI, "entries", "[]", "field “entries”: must be an array of 1 to 256 leaf indices" },
  { DI, "entries", "5", "field “entries”: must be an array of 1 to 256 leaf indices" },
  { DI, "entries", "{}", "field “entries”: must be an array of 1 to 256 leaf indices" },
  { DI, "entries", "[9, 3]", "field “entries”: leaf indices must be in ascending order without repeats" },
  { DI, "entries", "[3, 3]", "field “entries”: leaf indices must be in ascending order without repeats" },
  { DI, "entries", "[-1]", "field “entries”: each element must be a leaf index" },
  { DI, "entries", "[\"3\"]", "field “entries”: each element must be a leaf index" },
  { DI, "entries", "[9007199254740992]", "field “entries”: each element must be a leaf index" },
  /* A dispute's two provinces. */
  { DI, "claimant", "\"3\"", "field “claimant”: must be a two-digit GB/T 2260 province code" },
  { DI, "claimant", "\"310\"", "field “claimant”: must be a two-digit GB/T 2260 province code" },
  { DI, "claimant", "\"30\"", "field “claimant”: must be a two-digit GB/T 2260 province code" },
  { DI, "claimant", "\"72\"", "field “claimant”: must be a two-digit GB/T 2260 province code" },
  { DI, "claimant", "\"3a\"", "field “claimant”: must be a two-digit GB/T 2260 province code" },
  { DI, "claimant", "31", "field “claimant”: must be a two-digit GB/T 2260 province code" },
  { DI, "respondent", "\"99\"", "field “respondent”: must be a two-digit GB/T 2260 province code" },
  { DI, "respondent", "\"31\"", "field “respondent”: must not be the claimant’s province" },
  /* A silence's period. */
  { SI, "to", "\"2026-05-09\"", "field “to”: must not be before “from”" },
  { SI, "from", "\"2026-05-09\"", "field “from”: must not be before “filed”" },
  { SI, "from", "\"2026-13-01\"", "field “from”: 2026-13-01 is not a day of the calendar" },
  { SI, "to", "null", "field “to”: " DATE },
  /* A failure claim. */
  { FA, "experts", "[]", "field “experts”: must be an array of 1 to 16 names" },
  { FA, "experts", "\"王教授\"", "field “experts”: must be an array of 1 to 16 names" },
  { FA, "experts", "[\"\"]", "field “experts[0]”: must be 1 to 128 characters long" },
  { FA, "experts", "[\"a\", 1]", "field “experts[1]”: must be a string" },
  { FA, "experts", "[\"a\\nb\"]", "field “experts[0]”: must not contain control characters" },
  { FA, "experts", "[\"王教授\", \"Dr. Li\", \"\\u738b教授\"]", "field “experts[2]”: names an expert already named" },
  { FA, "honest_record", "1", "field “honest_record”: must be true or false" },
  { FA, "good_faith", "null", "field “good_faith”: must be true or false" },
  { FA, "ruled_out", "\"false\"", "field “ruled_out”: must be true or false" },
  { FA, "comparable_value", "0", "field “comparable_value”: must be an integer between 1 and 1000000" },
  { FA, "comparable_value", "1000001", "field “comparable_value”: must be an integer between 1 and 1000000" },
  { FA, "comparable_value", "5000.0", "field “comparable_value”: must be an integer between 1 and 1000000" },
  { FA, "points", "0", "field “points”: must be an integer between 1 and 1000000" },
  { FA, "points", "-1500", "field “points”: must be an integer between 1 and 1000000" },
  /* An insurance claim. */
  { IN, "benefit", "\"pension\"", "field “benefit”: must be one of social_security, retraining, credit_repair" },
  { IN, "benefit", "\"Retraining\"", "field “benefit”: must be one of" },
  { IN, "benefit", "1", "field “benefit”: must be one of" },
  /* An education transfer. */
  { ED, "year", "0", "field “year”: must be an integer between 1 and 9999" },
  { ED, "year", "10000", "field “year”: must be an integer between 1 and 9999" },
  { ED, "year", "2026.0", "field “year”: must be an integer between 1 and 9999" },
  { ED, "year", "\"2026\"", "field “year”: must be an integer between 1 and 9999" },
  { ED, "year", "2027", "field “year”: must not be after the year of “filed”, 2026" },
  { ED, "points", "0", "field “points”: must be an integer between 1 and 1000000" },
  { ED, "points", "1000001", "field “points”: must be an integer between 1 and 1000000" },
  { ED, "child_account", "\"a3f9-77c2-19de\"", "field “child_account”: must not be the filing’s own “account”" },
  { ED, "child_account", "\"EDU-1\"", "field “child_account”: " ACCOUNT },
  { ED, "child_account", "null", "field “child_account”: " ACCOUNT },
  /* A pause names a flag: every member, and the id, is checked. */
  { PA, "flag", "\"15d226520fa9397fc9db9f7e5ac39a83c74a3e98f96ea59315e3c2698103eb3c\"", FLAG_ID },
  { PA, "flag", "\"15D226520FA9397FC9DB9F7E5AC39A83C74A3E98F96EA59315E3C2698103EB3B\"", "field “flag”: must be 64 lowercase hexadecimal digits" },
  { PA, "flag", NULL, "field “flag”: missing" },
  { PA, "rule_set", "\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"", FLAG_ID },
  { PA, "rule_set", "\"abc\"", "field “rule_set”: must be 64 lowercase hexadecimal digits" },
  { PA, "rule", "\"6.1.account_growth\"", FLAG_ID },
  { PA, "rule", "\"6.1 county\"", "field “rule”: must be a rule id" },
  { PA, "subject_kind", "\"case\"", "field “subject_kind”: must be one of account, county, ring" },
  { PA, "subject_kind", "\"account\"", FLAG_ID },
  { PA, "subject_kind", "\"ring\"", MEMBERS },
  { PA, "subject", "\"310100\"", "field “subject”: must be a six-digit GB/T 2260 county code" },
  { PA, "subject", "\"310119\"", FLAG_ID },
  { PA, "subject", "310118", "field “subject”: must be a string" },
  { PA, "members", "[\"acct-0001\"]", MEMBERS },
  { PA, "members", "{}", MEMBERS },
  { PA, "members", NULL, "field “members”: missing" },
  { PA, "from", "\"2026-05-05\"", "field “to”: must not be before “from”" },
  { PA, "from", "\"2026-05-03\"", FLAG_ID },
  { PA, "to", "\"2026-02-30\"", "field “to”: 2026-02-30 is not a day of the calendar" },
  { PA, "checkpoint_size", "0", "field “checkpoint_size”: must be the size of a checkpoint" },
  { PA, "checkpoint_size", "1.5", "field “checkpoint_size”: must be the size of a checkpoint" },
  { PA, "checkpoint_root", "\"AAEC\"", "field “checkpoint_root”: must be the standard base64 of a 32-byte tree hash" },
  { PA, "checkpoint_root", NULL, "field “checkpoint_root”: missing" },
  { PA, "logged", NULL, "field “logged”: missing" },
  { PA, "account", "\"a3f9-77c2-19de\"", "field “account”: not allowed in “pause” entries" },
  { PA, "envelope", DECISION_ENVELOPE, "field “envelope”: not allowed in “pause” entries" },
  { RO, "flag", "\"x\"", "field “flag”: not allowed in “roster” entries" },
  { EV, "kind", "\"evnt\"", "field “kind”: must be one of event, redemption, tombstone, roster, decision, pause" },
  { EV, "kind", "1", "field “kind”: must be one of" },
  { EV, "kind", NULL, "field “kind”: missing" },
  { EV, "account", "\"ab1\"", "field “account”: " ACCOUNT },
  { EV, "account", "\"-abc\"", ACCOUNT },
  { EV, "account", "\"ABCD\"", ACCOUNT },
  { EV, "account", "\"abc_d\"", ACCOUNT },
  { EV, "account", "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", ACCOUNT },
  { EV, "account", "1234", ACCOUNT },
  { EV, "account_kind", "\"person\"", "field “account_kind”: must be one of individual, enterprise, organization" },
  { EV, "account_kind", "null", "field “account_kind”: must be one of" },
  { EV, "dimension", "\"social\"", "field “dimension”: must be one of professional, knowledge" },
  { EV, "dimension", "\"Data\"", "field “dimension”: must be one of" },
  { EV, "points", "0", POINTS_EV },
  { EV, "points", "-0", POINTS_EV },
  { EV, "points", "1000001", POINTS_EV },
  { EV, "points", "-1000001", POINTS_EV },
  { EV, "points", "99999999999999999999999", POINTS_EV },
  { EV, "points", "1.5", POINTS_EV },
  { EV, "points", "1.0", POINTS_EV },
  { EV, "points", "1e3", POINTS_EV },
  { EV, "points", "\"5\"", POINTS_EV },
  { EV, "points", "true", POINTS_EV },
  { EV, "event_date", "\"2026-3-01\"", "field “event_date”: " DATE },
  { EV, "event_date", "\"2026/03/01\"", DATE },
  { EV, "event_date", "\"2026-03-01 \"", DATE },
  { EV, "event_date", "20260301", DATE },
  { EV, "event_date", "\"2025-02-29\"", "field “event_date”: 2025-02-29 is not a day of the calendar" },
  { EV, "event_date", "\"1900-02-29\"", "is not a day of the calendar" },
  { EV, "event_date", "\"2026-04-31\"", "is not a day of the calendar" },
  { EV, "event_date", "\"2026-13-01\"", "is not a day of the calendar" },
  { EV, "event_date", "\"2026-00-10\"", "is not a day of the calendar" },
  { EV, "event_date", "\"2026-01-00\"", "is not a day of the calendar" },
  { EV, "event_date", "\"0000-01-01\"", "is not a day of the calendar" },
  { EV, "publication_date", "\"2026-03-07\"", "field “publication_date”: must be 7 to 30 days after event_date, not 6" },
  { EV, "publication_date", "\"2026-04-01\"", "must be 7 to 30 days after event_date, not 31" },
  { EV, "publication_date", "\"2026-02-20\"", "must be 7 to 30 days after event_date, not -9" },
  { EV, "publication_date", "\"2026-03-01\"", "must be 7 to 30 days after event_date, not 0" },
  { EV, "county", "\"31011\"", "field “county”: must be a six-digit GB/T 2260 county code" },
  { EV, "county", "\"3101180\"", "must be a six-digit" },
  { EV, "county", "\"31011a\"", "must be a six-digit" },
  { EV, "county", "310118", "must be a six-digit" },
  { EV, "county", "\"301018\"", "field “county”: 301018 does not start with a GB/T 2260 province code" },
  { EV, "county", "\"100101\"", "does not start with a GB/T 2260 province code" },
  { EV, "county", "\"720101\"", "does not start with a GB/T 2260 province code" },
  { EV, "county", "\"830101\"", "does not start with a GB/T 2260 province code" },
  { EV, "county", "\"310100\"", "field “county”: 310100 is not a county: its last two digits are 00" },
  { EV, "issuer", "\"\"", "field “issuer”: must be 1 to 128 characters long" },
  { EV, "issuer", "null", "field “issuer”: must be a string" },
  { EV, "issuer", "\"a\\u0007b\"", "field “issuer”: must not contain control characters" },
  { EV, "issuer", "\"a\\nb\"", "must not contain control characters" },
  { EV, "issuer", "\"a\\u0000b\"", "must not contain control characters" },
  { EV, "issuer", "\"a\\u007f\"", "must not contain control characters" },
  { EV, "issuer", "\"a\\u0085\"", "must not contain control characters" },
  { EV, "distributor", "\"\"", "field “distributor”: must be 1 to 128 characters long" },
  { EV, "distributor", "[\"x\"]", "field “distributor”: must be a string" },
  { EV, "rule", "[]", "field “rule”: must be an object" },
  { EV, "rule", "\"eco\"", "field “rule”: must be an object" },
  { EV, "rule", "{\"id\": \"Eco\", \"inputs\": {}}", "field “rule.id”: must be 1 to 64 characters of a-z, 0-9" },
  { EV, "rule", "{\"id\": \"\", \"inputs\": {}}", "field “rule.id”: must be 1 to 64" },
  { EV, "rule", "{\"id\": \"a:b\", \"inputs\": {}}", "field “rule.id”: must be 1 to 64" },
  { EV, "rule", "{\"id\": 7, \"inputs\": {}}", "field “rule.id”: must be 1 to 64" },
  { EV, "rule", "{\"id\": \"eco\"}", "field “rule.inputs”: missing" },
  { EV, "rule", "{\"inputs\": {}}", "field “rule.id”: missing" },
  { EV, "rule", "{\"id\": \"eco\", \"inputs\": {}, \"extra\": 1}", "field “rule.extra”: unknown field" },
  { EV, "rule", "{\"id\": \"eco\", \"id\": \"eco\", \"inputs\": {}}", "field “rule.id”: appears more than once" },
  { EV, "rule", "{\"id\": \"eco\", \"inputs\": {}, \"inputs\": {}}", "field “rule.inputs”: appears more than once" },
  { EV, "rule", "{\"id\": \"eco\", \"inputs\": []}", "field “rule.inputs”: must be an object of at most 16 named numbers" },
  { EV, "rule", "{\"id\": \"eco\", \"inputs\": {\"a\": \"1\"}}", "field “rule.inputs.a”: must be a finite number" },
  { EV, "rule", "{\"id\": \"eco\", \"inputs\": {\"a\": null}}", "field “rule.inputs.a”: must be a finite number" },
  { EV, "rule", "{\"id\": \"eco\", \"inputs\": {\"a\": {\"b\": 1}}}", "field “rule.inputs.a”: must be a finite number" },
  { EV, "rule", "{\"id\": \"eco\", \"inputs\": {\"a\": 1e999}}", "field “rule.inputs.a”: must be a finite number" },
  { EV, "rule", "{\"id\": \"eco\", \"inputs\": {\"a\": -1E+400}}", "field “rule.inputs.a”: must be a finite number" },
  { EV, "rule", "{\"id\": \"eco\", \"inputs\": {\"a b\": 1}}", "field “rule.inputs.a b”: input names must be" },
  { EV, "rule", "{\"id\": \"eco\", \"inputs\": {\"\": 1}}", "input names must be" },
  { EV, "rule", "{\"id\": \"eco\", \"inputs\": {\"a\": 1, \"\\u0061\": 2}}", "field “rule.inputs.a”: appears more than once" },
  { EV, "rule", "{\"id\": \"eco\", \"inputs\": {\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,"
                "\"i\":9,\"j\":10,\"k\":11,\"l\":12,\"m\":13,\"n\":14,\"o\":15,\"p\":16,\"q\":17}}",
    "field “rule.inputs”: has more than 16 inputs" },
  { EV, "activity", "\"\"", "field “activity”: " WIDE },
  { EV, "activity", "\"act 1\"", WIDE },
  { EV, "activity", "\"活动\"", WIDE },
  { EV, "activity", "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", WIDE },
  { EV, "confirmer", NULL, "field “confirmer”: missing" },
  { EV, "confirmer", "\"X\"", "field “confirmer”: must be null or an account id" },
  { EV, "confirmer", "false", "field “confirmer”: must be null or an account id" },
  { EV, "evidence", "\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0\"", "field “evidence”: must be 64 lowercase hexadecimal digits" },
  { EV, "evidence", "\"9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08\"", "field “evidence”: must be 64 lowercase" },
  { EV, "evidence", "\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0g\"", "field “evidence”: must be 64 lowercase" },
  { EV, "evidence", "null", "field “evidence”: must be 64 lowercase" },
  { EV, "tier", "\"basic\"", "field “tier”: not allowed in “event” entries" },
  { EV, "erased", "[1]", "field “erased”: not allowed in “event” entries" },
  { EV, "Kind", "1", "field “Kind”: unknown field" },
  { EV, "foo", "{\"deep\": [1, 2, {\"x\": null}]}", "field “foo”: unknown field" },
  { EV, "a\\u0001b", "1", "field “a?b”: unknown field" },
  { EV, "points", "\"x\", \"points\": 5", "field “points”: appears more than once" },
  { EV, "account", "\"abcd\", \"acc\\u006funt\": \"abcd\"", "field “account”: appears more than once" },
  { RE, "tier", "\"gold\"", "field “tier”: must be one of basic, development, resource, honour" },
  { RE, "tier", NULL, "field “tier”: missing" },
  { RE, "points", "0", "field “points”: must be an integer between 1 and 1000000" },
  { RE, "points", "-5", "must be an integer between 1 and 1000000" },
  { RE, "points", "1000001", "must be an integer between 1 and 1000000" },
  { RE, "points", "2.0", "must be an integer between 1 and 1000000" },
  { RE, "item", "\"\"", "field “item”: must be 1 to 128 characters long" },
  { RE, "item", "\"\\t\"", "field “item”: must not contain control characters" },
  { RE, "request", "\"req 1\"", "field “request”: " WIDE },
  { RE, "request", NULL, "field “request”: missing" },
  { RE, "issuer", "\"x\"", "field “issuer”: not allowed in “redemption” entries" },
  { RE, "rule", "{}", "field “rule”: not allowed in “redemption” entries" },
  { RE, "publication_date", "\"2028-03-06\"", "field “publication_date”: must be 7 to 30 days after event_date, not 6" },
  { RE, "county", "\"820000\"", "field “county”: 820000 is not a county" },
  { TO, "erased", "[]", "field “erased”: must be a non-empty array of leaf indices" },
  { TO, "erased", "{}", "field “erased”: must be a non-empty array" },
  { TO, "erased", "1", "field “erased”: must be a non-empty array" },
  { TO, "erased", "[3, 1]", "field “erased”: leaf indices must be in ascending order without repeats" },
  { TO, "erased", "[1, 1]", "leaf indices must be in ascending order without repeats" },
  { TO, "erased", "[-1]", "field “erased”: each element must be a leaf index" },
  { TO, "erased", "[-0]", "each element must be a leaf index" },
  { TO, "erased", "[1.5]", "each element must be a leaf index" },
  { TO, "erased", "[1e2]", "each element must be a leaf index" },
  { TO, "erased", "[\"1\"]", "each element must be a leaf index" },
  { TO, "erased", "[[1]]", "each element must be a leaf index" },
  { TO, "erased", "[9007199254740992]", "each element must be a leaf index" },
  { TO, "erased", NULL, "field “erased”: missing" },
  { TO, "issued", "\"2026-02-30\"", "field “issued”: 2026-02-30 is not a day of the calendar" },
  { TO, "issued", NULL, "field “issued”: missing" },
  { TO, "account", "\"abcd\"", "field “account”: not allowed in “tombstone” entries" },
  { TO, "points", "1", "field “points”: not allowed in “tombstone” entries" },
  { RO, "envelope", "[]", ENV_NOT },
  { RO, "envelope", "\"" SIG_B64 "\"", ENV_NOT },
  { RO, "envelope", "null", ENV_NOT },
  { RO, "envelope", "{" PT_ROSTER ", " PAYLOAD "}", "field “envelope.signatures”: missing" },
  { RO, "envelope", "{" PAYLOAD ", " SIGNATURES "}", "field “envelope.payloadType”: missing" },
  { RO, "envelope", "{" PT_ROSTER ", " SIGNATURES "}", "field “envelope.payload”: missing" },
  { RO, "envelope", "{}", "field “envelope.payloadType”: missing" },
  { RO, "envelope", "{" PT_ROSTER ", " PAYLOAD ", " SIGNATURES ", \"extra\": 1}", "field “envelope.extra”: unknown field" },
  { RO, "envelope", "{" PT_ROSTER ", " PT_ROSTER ", " PAYLOAD ", " SIGNATURES "}", "field “envelope.payloadType”: appears more than once" },
  { RO, "envelope", "{\"payload\\u0054ype\": \"x\", " PT_ROSTER ", " PAYLOAD ", " SIGNATURES "}", "field “envelope.payloadType”: must be" },
  { RO, "envelope", DECISION_ENVELOPE, "field “envelope.payloadType”: must be “application/vnd.assay.roster.v1+json” in “roster” entries" },
  { DE, "envelope", ROSTER_ENVELOPE, "field “envelope.payloadType”: must be “application/vnd.assay.decision.v1+json” in “decision” entries" },
  { RO, "envelope", "{\"payloadType\": \"application/vnd.assay.roster.v1+json \", " PAYLOAD ", " SIGNATURES "}", "field “envelope.payloadType”: must be" },
  { RO, "envelope", "{\"payloadType\": {\"a\": 1}, " PAYLOAD ", " SIGNATURES "}", "field “envelope.payloadType”: must be" },
  { RO, "envelope", WITH_PAYLOAD ("\"\""), PAYLOAD_BAD },
  { RO, "envelope", WITH_PAYLOAD ("\"eyJ2IjoxfQ\""), PAYLOAD_BAD },
  { RO, "envelope", WITH_PAYLOAD ("\"eyJ2IjoxfR==\""), PAYLOAD_BAD },
  { RO, "envelope", WITH_PAYLOAD ("\"eyJ2Ijox-Q==\""), PAYLOAD_BAD },
  { RO, "envelope", WITH_PAYLOAD ("\"eyJ2Ijo xfQ=\""), PAYLOAD_BAD },
  { RO, "envelope", WITH_PAYLOAD ("\"ey=J\""), PAYLOAD_BAD },
  { RO, "envelope", WITH_PAYLOAD ("\"====\""), PAYLOAD_BAD },
  { RO, "envelope", WITH_PAYLOAD ("7"), PAYLOAD_BAD },
  { RO, "envelope", WITH_PAYLOAD ("[\"eyJ2IjoxfQ==\"]"), PAYLOAD_BAD },
  { RO, "envelope", WITH_SIGS ("[]"), SIGS_COUNT },
  { RO, "envelope", WITH_SIGS ("{}"), SIGS_COUNT },
  { RO, "envelope", WITH_SIGS ("null"), SIGS_COUNT },
  { RO, "envelope", WITH_SIGS ("[" SIGNATURE "," SIGNATURE "," SIGNATURE "," SIGNATURE "," SIGNATURE ","
                                SIGNATURE "," SIGNATURE "," SIGNATURE "," SIGNATURE "," SIGNATURE ","
                                SIGNATURE "," SIGNATURE "," SIGNATURE "," SIGNATURE "," SIGNATURE ","
                                SIGNATURE "," SIGNATURE "]"), SIGS_COUNT },
  { RO, "envelope", WITH_SIGS ("[\"" SIG_B64 "\"]"), "field “envelope.signatures[0]”: must be an object" },
  { RO, "envelope", WITH_SIGS ("[" SIGNATURE ", []]"), "field “envelope.signatures[1]”: must be an object" },
  { RO, "envelope", WITH_SIG (SIG), "field “envelope.signatures[0].keyid”: missing" },
  { RO, "envelope", WITH_SIG (KEYID), "field “envelope.signatures[0].sig”: missing" },
  { RO, "envelope", WITH_SIG (KEYID ", " SIG ", \"extra\": 1"), "field “envelope.signatures[0].extra”: unknown field" },
  { RO, "envelope", WITH_SIG (KEYID ", " KEYID ", " SIG), "field “envelope.signatures[0].keyid”: appears more than once" },
  { RO, "envelope", WITH_SIG ("\"keyid\": \"9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08\", " SIG), KEYID_BAD },
  { RO, "envelope", WITH_SIG ("\"keyid\": \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0\", " SIG), KEYID_BAD },
  { RO, "envelope", WITH_SIG ("\"keyid\": null, " SIG), KEYID_BAD },
  { RO, "envelope", WITH_SIG (KEYID ", \"sig\": \"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+\""), SIG_BAD },
  { RO, "envelope", WITH_SIG (KEYID ", \"sig\": \"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0A=\""), SIG_BAD },
  { RO, "envelope", WITH_SIG (KEYID ", \"sig\": \"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Px==\""), SIG_BAD },
  { RO, "envelope", WITH_SIG (KEYID ", \"sig\": 64"), SIG_BAD },
  { RO, "envelope", WITH_SIGS ("[" SIGNATURE ", {" KEYID ", \"sig\": \"AA==\"}]"), "field “envelope.signatures[1].sig”: must be the standard base64" },
  { RO, "logged", "\"2026-02-30\"", "field “logged”: 2026-02-30 is not a day of the calendar" },
  { RO, "logged", "20260701", "field “logged”: must be a date written YYYY-MM-DD" },
  { RO, "account", "\"abcd\"", "field “account”: not allowed in “roster” entries" },
  { DE, "issued", "\"2026-07-02\"", "field “issued”: not allowed in “decision” entries" },
  { DE, "payload", "\"eyJ2IjoxfQ==\"", "field “payload”: unknown field" },
};

static void
test_bad_fields (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *c = &bad_cases[i];
      g_autofree char *body = body_with (c->members, c->name, c->value);

      expect_error (body, c->fragment);
    }
}

/* Dropping any one member of any kind is reported by name. */
static void
test_missing_fields (void)
{
  const Member *kinds[] = { event_members, redemption_members, tombstone_members, roster_members,
                            decision_members, pause_members, appeal_members, dispute_members,
                            silence_members, forget_members, failure_members, insurance_members,
                            education_members };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (const Member *m = kinds[k] + 1; m->name; m++)
      {
        g_autofree char *body = body_with (kinds[k], m->name, NULL);
        g_autofree char *fragment = g_strdup_printf ("field “%s”: missing", m->name);

        expect_error (body, fragment);
      }
}

static void
test_confirmer (void)
{
  const Member community[] = {
    { "rule", "{\"id\": \"community\", \"inputs\": {\"hours\": 2}}" },
    { "confirmer", "null" },
  };
  const Member self[] = {
    { "rule", "{\"id\": \"community\", \"inputs\": {}}" },
    { "confirmer", "\"a3f9-77c2-19de\"" },
  };
  const Member other_rule[] = {
    { "confirmer", "\"a3f9-77c2-19de\"" },
  };
  g_autofree char *body1 = body_with_changes (event_members, community, 2);
  g_autofree char *body2 = body_with_changes (event_members, self, 2);
  g_autofree char *body3 = body_with_changes (event_members, other_rule, 1);
  g_autoptr(AssayEntry) entry = NULL;

  expect_error (body1, "field “confirmer”: required by the community rule");
  expect_error (body2, "field “confirmer”: must not be the account itself");
  /* Only the community rule constrains the confirmer. */
  entry = parse_ok (body3);
  g_assert_cmpstr (entry->confirmer, ==, "a3f9-77c2-19de");
}

/* Free text counts characters, not bytes. */
static void
test_text_length (void)
{
  g_autoptr(GString) text = g_string_new ("\"");
  g_autofree char *ok = NULL;
  g_autofree char *too_long = NULL;
  g_autoptr(AssayEntry) entry = NULL;

  for (guint i = 0; i < 127; i++)
    g_string_append (text, "青");
  g_string_append (text, "\\ud83c\\udf33\"");
  ok = body_with (event_members, "issuer", text->str);
  entry = parse_ok (ok);
  g_assert_cmpuint (g_utf8_strlen (entry->issuer, -1), ==, 128);

  g_string_insert (text, 1, "a");
  too_long = body_with (event_members, "issuer", text->str);
  expect_error (too_long, "field “issuer”: must be 1 to 128 characters long");
}

typedef struct
{
  const char *body;
  const char *fragment;
} SyntaxCase;

#define NOT_JSON "Entry body is not valid JSON: "

static const SyntaxCase syntax_cases[] = {
  { "", NOT_JSON "the text ends too early at byte 0" },
  { "   ", NOT_JSON "the text ends too early at byte 3" },
  { "{", NOT_JSON "the text ends too early" },
  { "{\"kind\"", NOT_JSON "the text ends too early" },
  { "{\"kind\":", NOT_JSON "the text ends too early" },
  { "{\"kind\":\"event\"", NOT_JSON "the text ends too early" },
  { "{\"kind\":\"ev", NOT_JSON "the text ends too early" },
  { "{\"kind\":\"event\",", NOT_JSON "the text ends too early" },
  { "{\"kind\":tr", NOT_JSON "the text ends too early" },
  { "{\"kind\":\"event\"} x", NOT_JSON "extra data after the end of the object at byte 17" },
  { "{\"kind\":\"event\"}{}", NOT_JSON "extra data after the end of the object" },
  { "{\"kind\":\"event\"},", NOT_JSON "extra data after the end of the object" },
  { "{\"kind\":\"\\x41\"}", NOT_JSON "invalid escape sequence at byte 9" },
  { "{\"kind\":\"\\a\"}", NOT_JSON "invalid escape sequence" },
  { "{\"kind\":\"\\u12\"}", NOT_JSON "invalid escape sequence" },
  { "{\"kind\":\"\\u12G4\"}", NOT_JSON "invalid escape sequence" },
  { "{\"kind\":\"\\U0041\"}", NOT_JSON "invalid escape sequence" },
  { "{\"kind\":\"\\", NOT_JSON "the text ends too early" },
  { "{\"kind\":\"\\ud800\"}", NOT_JSON "unpaired UTF-16 surrogate" },
  { "{\"kind\":\"\\udc00\"}", NOT_JSON "unpaired UTF-16 surrogate" },
  { "{\"kind\":\"\\ud800\\u0041\"}", NOT_JSON "unpaired UTF-16 surrogate" },
  { "{\"kind\":\"\\ud800\\ud800\"}", NOT_JSON "unpaired UTF-16 surrogate" },
  { "{\"kind\":\"\\udc00\\ud800\"}", NOT_JSON "unpaired UTF-16 surrogate" },
  { "{\"kind\":\"\\ud800x\"}", NOT_JSON "unpaired UTF-16 surrogate" },
  { "{\"points\":01}", NOT_JSON "malformed number" },
  { "{\"points\":-01}", NOT_JSON "malformed number" },
  { "{\"points\":00}", NOT_JSON "malformed number" },
  { "{\"points\":1.}", NOT_JSON "malformed number" },
  { "{\"points\":1.e5}", NOT_JSON "malformed number" },
  { "{\"points\":1e}", NOT_JSON "malformed number" },
  { "{\"points\":1e+}", NOT_JSON "malformed number" },
  { "{\"points\":-}", NOT_JSON "malformed number" },
  { "{\"points\":-a}", NOT_JSON "malformed number" },
  { "{\"points\":.5}", NOT_JSON "unexpected character" },
  { "{\"points\":+1}", NOT_JSON "unexpected character" },
  { "{\"points\":0x1F}", NOT_JSON "unexpected character" },
  { "{\"points\":NaN}", NOT_JSON "unexpected character" },
  { "{\"points\":Infinity}", NOT_JSON "unexpected character" },
  { "{\"points\":-Infinity}", NOT_JSON "malformed number" },
  { "{\"points\":nul}", NOT_JSON "unexpected character" },
  { "{\"points\":True}", NOT_JSON "unexpected character" },
  { "{\"points\":truex}", NOT_JSON "unexpected character" },
  { "{\"kind\":'event'}", NOT_JSON "unexpected character" },
  { "{'kind':\"event\"}", NOT_JSON "unexpected character" },
  { "{kind:\"event\"}", NOT_JSON "unexpected character" },
  { "/* c */{\"kind\":\"event\"}", NOT_JSON "unexpected character at byte 0" },
  { "{\"kind\":\"event\" // c\n}", NOT_JSON "unexpected character" },
  { "{\"kind\":\"event\",}", NOT_JSON "unexpected character" },
  { "{,\"kind\":\"event\"}", NOT_JSON "unexpected character" },
  { "{\"kind\" \"event\"}", NOT_JSON "unexpected character" },
  { "{\"kind\":\"event\" \"points\":1}", NOT_JSON "unexpected character" },
  { "{\"erased\":[1,]}", NOT_JSON "unexpected character" },
  { "{\"erased\":[1 2]}", NOT_JSON "unexpected character" },
  { "{\"erased\":[1}", NOT_JSON "unexpected character" },
  { "{\"kind\":\"ev\tent\"}", NOT_JSON "unescaped control character in a string" },
  { "{\"kind\":\"ev\nent\"}", NOT_JSON "unescaped control character in a string" },
  { "\f{}", NOT_JSON "unexpected character" },
  { "\xef\xbb\xbf{\"kind\":\"event\"}", NOT_JSON "unexpected character at byte 0" },
  { "{\"kind\":\"\xff\"}", "Entry body is not valid UTF-8 (byte 9)" },
  { "{\"kind\":\"\xc0\xaf\"}", "not valid UTF-8" },
  { "{\"kind\":\"\xed\xa0\x80\"}", "not valid UTF-8" },
  { "{\"kind\":\"\xf4\x90\x80\x80\"}", "not valid UTF-8" },
  { "{\"kind\":\"\xe9\x9d\"}", "not valid UTF-8" },
  { "{\"kind\":\"\xe9\x9d", "not valid UTF-8" },
  { "{\"k\xc3\xa9\":\"event\"} \xa9", "not valid UTF-8" },
  { "[]", "Entry body must be a JSON object." },
  { "[{\"kind\":\"event\"}]", "Entry body must be a JSON object." },
  { "\"event\"", "Entry body must be a JSON object." },
  { "1", "Entry body must be a JSON object." },
  { "null", "Entry body must be a JSON object." },
  { "{\"kind\":\"event\",\"kind\":\"event\"}", "field “kind”: appears more than once" },
  { "{\"kind\":\"event\",\"kin\\u0064\":\"event\"}", "field “kind”: appears more than once" },
  /* A syntax error anywhere wins over an unknown name before it. */
  { "{\"zzz\":1,\"kind\":01}", NOT_JSON "malformed number" },
  { "{}", "field “kind”: missing" },
};

static void
test_syntax (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (syntax_cases); i++)
    expect_error (syntax_cases[i].body, syntax_cases[i].fragment);

  /* A NUL byte is a control character, not the end of the text. */
  expect_error_len ("{\"kind\":\"ev\0nt\"}", 16, NOT_JSON "unescaped control character");
  expect_error_len ("{\"kind\":\"event\"}\0", 17, NOT_JSON "extra data");
}

static void
test_nesting (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autofree char *body = NULL;

  for (guint i = 0; i < ASSAY_JSON_SCAN_MAX_DEPTH + 1; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < ASSAY_JSON_SCAN_MAX_DEPTH + 1; i++)
    g_string_append_c (deep, ']');
  body = body_with (event_members, "deep", deep->str);
  expect_error (body, NOT_JSON "nested too deeply");
}

static void
test_size (void)
{
  g_autofree char *body = body_with (event_members, NULL, NULL);
  gsize len = strlen (body);
  g_autofree char *big = g_malloc (ASSAY_ENTRY_MAX_BODY + 1);
  g_autoptr(AssayEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  /* Exactly the limit (padded with whitespace) passes, one byte more not. */
  memcpy (big, body, len);
  memset (big + len, ' ', ASSAY_ENTRY_MAX_BODY + 1 - len);
  entry = assay_entry_parse (big, ASSAY_ENTRY_MAX_BODY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);
  expect_error_len (big, ASSAY_ENTRY_MAX_BODY + 1,
                    "Entry body is 16385 bytes long; the limit is 16384 bytes.");
}

/* An envelope whose every key id and signature is written in \u escapes,
 * 16 of them, near the size limit: the envelope's second pass decodes
 * them again within the parser's arena, and the text is kept as written. */
static void
test_escape_heavy_envelope (void)
{
  g_autoptr(GString) envelope = g_string_new ("{" PT_ROSTER ", " PAYLOAD ", \"signatures\": [");
  g_autofree char *body = NULL;
  g_autoptr(AssayEntry) entry = NULL;

  for (guint i = 0; i < 16; i++)
    {
      g_string_append (envelope, i > 0 ? ", {\"keyid\": \"" : "{\"keyid\": \"");
      for (const char *c = KEYID_HEX; *c != '\0'; c++)
        g_string_append_printf (envelope, "\\u%04x", *c);
      g_string_append (envelope, "\", \"sig\": \"");
      for (const char *c = SIG_B64; *c != '\0'; c++)
        g_string_append_printf (envelope, "\\u%04x", *c);
      g_string_append (envelope, "\"}");
    }
  g_string_append (envelope, "]}");
  body = body_with (roster_members, "envelope", envelope->str);
  g_assert_cmpuint (strlen (body), <=, ASSAY_ENTRY_MAX_BODY);
  g_assert_cmpuint (strlen (body), >, ASSAY_ENTRY_MAX_BODY - 2048);
  entry = parse_ok (body);
  g_assert_cmpstr (entry->envelope, ==, envelope->str);
}

/* A string of escapes decodes into the arena without overrunning it. */
static void
test_escape_heavy (void)
{
  g_autoptr(GString) value = g_string_new ("\"");
  g_autofree char *body = NULL;
  g_autoptr(AssayEntry) entry = NULL;

  for (guint i = 0; i < 128; i++)
    g_string_append (value, "\\u9752");
  g_string_append (value, "\", \"pad\": \"");
  while (value->len < ASSAY_ENTRY_MAX_BODY - 700)
    g_string_append (value, "\\ud83c\\udf33");
  g_string_append_c (value, '"');
  body = body_with (event_members, "issuer", value->str);
  g_assert_cmpuint (strlen (body), <=, ASSAY_ENTRY_MAX_BODY);
  expect_error (body, "field “pad”: unknown field");
}

static void
test_commitment (void)
{
  guint8 salt[ASSAY_SALT_SIZE];
  guint8 out[ASSAY_HASH_SIZE];
  guint8 expected[ASSAY_HASH_SIZE];
  gsize expected_len = sizeof expected;
  const char *body = "{\"kind\":\"tombstone\",\"erased\":[1],\"issued\":\"2026-06-30\"}";
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < sizeof salt; i++)
    salt[i] = i * 7 + 1;
  g_checksum_update (checksum, salt, sizeof salt);
  g_checksum_update (checksum, (const guchar *) body, strlen (body));
  g_checksum_get_digest (checksum, expected, &expected_len);

  assay_entry_commitment (salt, body, strlen (body), out);
  g_assert_cmpmem (out, sizeof out, expected, sizeof expected);

  /* The salt matters. */
  salt[0] ^= 1;
  assay_entry_commitment (salt, body, strlen (body), out);
  g_assert_true (memcmp (out, expected, sizeof out) != 0);
}

static void
test_ids (void)
{
  for (guint i = 0; i < ASSAY_N_DIMENSIONS; i++)
    {
      AssayDimension d;

      g_assert_true (assay_dimension_from_id (assay_dimension_to_id (i), &d));
      g_assert_cmpint (d, ==, i);
      g_assert_nonnull (assay_dimension_get_label (i));
    }
  for (guint i = 0; i < ASSAY_N_TIERS; i++)
    {
      AssayTier t;

      g_assert_true (assay_tier_from_id (assay_tier_to_id (i), &t));
      g_assert_cmpint (t, ==, i);
      g_assert_nonnull (assay_tier_get_label (i));
    }
  for (guint i = 0; i < ASSAY_N_ACCOUNT_KINDS; i++)
    {
      AssayAccountKind a;

      g_assert_true (assay_account_kind_from_id (assay_account_kind_to_id (i), &a));
      g_assert_cmpint (a, ==, i);
    }
  for (guint i = 0; i < ASSAY_N_ENTRY_KINDS; i++)
    {
      AssayEntryKind k;

      g_assert_true (assay_entry_kind_from_id (assay_entry_kind_to_id (i), &k));
      g_assert_cmpint (k, ==, i);
      g_assert_nonnull (assay_entry_kind_get_label (i));
    }
  for (guint i = 0; i < ASSAY_N_BENEFITS; i++)
    {
      AssayBenefit b;

      g_assert_true (assay_benefit_from_id (assay_benefit_to_id (i), &b));
      g_assert_cmpint (b, ==, i);
      g_assert_nonnull (assay_benefit_get_label (i));
    }

  {
    AssayDimension d;
    AssayTier t;

    g_assert_false (assay_dimension_from_id ("Professional", &d));
    g_assert_false (assay_tier_from_id ("", &t));
  }
  g_assert_cmpstr (assay_dimension_to_id (ASSAY_DIMENSION_MARKET_ORDER), ==, "market_order");
  g_assert_cmpstr (assay_tier_to_id (ASSAY_TIER_HONOUR), ==, "honour");
  /* Tests run untranslated. */
  g_assert_cmpstr (assay_dimension_get_label (ASSAY_DIMENSION_KNOWLEDGE), ==, "Knowledge sharing");
  g_assert_cmpstr (assay_tier_get_label (ASSAY_TIER_RESOURCE), ==, "Resource");
  g_assert_cmpstr (assay_benefit_to_id (ASSAY_BENEFIT_CREDIT_REPAIR), ==, "credit_repair");
  g_assert_cmpstr (assay_benefit_get_label (ASSAY_BENEFIT_SOCIAL_SECURITY), ==,
                   "Longer social security buffer");
  g_assert_cmpstr (assay_entry_kind_get_label (ASSAY_ENTRY_FORGET_REQUEST), ==, "Forget request");
}

static void
expect_bundle_error (gboolean    ok,
                     GError     *error,
                     const char *fragment)
{
  g_assert_false (ok);
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
  if (strstr (error->message, fragment) == NULL)
    g_error ("message “%s” lacks “%s”", error->message, fragment);
}

static gboolean
decode_entries (GByteArray  *bundle,
                gsize        len,
                guint        expected,
                GError     **error)
{
  const guint8 *commitments[ASSAY_BUNDLE_MAX_ENTRIES];
  guint n = 0;

  return assay_entry_bundle_decode (bundle->data, len, expected, commitments, &n, error);
}

static void
test_entry_bundle (void)
{
  g_autoptr(GByteArray) bundle = g_byte_array_new ();
  const guint8 *commitments[ASSAY_BUNDLE_MAX_ENTRIES];
  guint8 leaf[ASSAY_HASH_SIZE];
  guint n = 0;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  for (guint i = 0; i < ASSAY_BUNDLE_MAX_ENTRIES; i++)
    {
      memset (leaf, i, sizeof leaf);
      assay_entry_bundle_append (bundle, leaf);
    }
  g_assert_cmpuint (bundle->len, ==, 256 * 34);
  g_assert_cmpuint (bundle->data[0], ==, 0);
  g_assert_cmpuint (bundle->data[1], ==, 32);

  ok = assay_entry_bundle_decode (bundle->data, bundle->len, 256, commitments, &n, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (n, ==, 256);
  for (guint i = 0; i < n; i++)
    {
      /* Zero-copy: pointers into the bundle. */
      g_assert_true (commitments[i] == bundle->data + i * 34 + 2);
      g_assert_cmpuint (commitments[i][31], ==, i);
    }
  ok = assay_entry_bundle_decode (bundle->data, 34 * 5, 0, commitments, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 5);

  ok = decode_entries (bundle, 34 * 5, 6, &error);
  expect_bundle_error (ok, error, "holds 5 entries where 6 were expected");
  g_clear_error (&error);
  ok = decode_entries (bundle, 0, 0, &error);
  expect_bundle_error (ok, error, "is empty");
  g_clear_error (&error);
  ok = decode_entries (bundle, bundle->len - 1, 0, &error);
  expect_bundle_error (ok, error, "cut short inside entry 255");
  g_clear_error (&error);
  ok = decode_entries (bundle, 1, 0, &error);
  expect_bundle_error (ok, error, "cut short inside entry 0");
  g_clear_error (&error);
  ok = decode_entries (bundle, 34 * 3 + 1, 0, &error);
  expect_bundle_error (ok, error, "cut short inside entry 3");
  g_clear_error (&error);

  /* Wrong item lengths, even if the bytes would line up. */
  bundle->data[34 * 2 + 1] = 31;
  ok = decode_entries (bundle, bundle->len, 0, &error);
  expect_bundle_error (ok, error, "Entry 2 of the entry bundle is 31 bytes long");
  g_clear_error (&error);
  bundle->data[34 * 2 + 1] = 32;
  bundle->data[34 * 2] = 1;
  ok = decode_entries (bundle, bundle->len, 0, &error);
  expect_bundle_error (ok, error, "is 288 bytes long");
  g_clear_error (&error);
  bundle->data[34 * 2] = 0;

  /* 257 entries, and 256 with a trailing byte. */
  assay_entry_bundle_append (bundle, leaf);
  ok = decode_entries (bundle, bundle->len, 0, &error);
  expect_bundle_error (ok, error, "more than 256 entries");
  g_clear_error (&error);
  ok = decode_entries (bundle, 256 * 34 + 1, 0, &error);
  expect_bundle_error (ok, error, "more than 256 entries");
}

static gboolean
decode_bodies (GByteArray  *bundle,
               gsize        len,
               guint        expected,
               GError     **error)
{
  AssayBodyRef bodies[ASSAY_BUNDLE_MAX_ENTRIES];
  guint n = 0;

  return assay_body_bundle_decode (bundle->data, len, expected, bodies, &n, error);
}

static void
test_body_bundle (void)
{
  g_autoptr(GByteArray) bundle = g_byte_array_new ();
  AssayBodyRef bodies[ASSAY_BUNDLE_MAX_ENTRIES];
  g_autofree char *big = g_strnfill (ASSAY_ENTRY_MAX_BODY, ' ');
  const char *small = "{\"kind\":\"tombstone\",\"erased\":[0],\"issued\":\"2026-06-30\"}";
  guint8 salt[ASSAY_SALT_SIZE];
  g_autoptr(GError) error = NULL;
  guint n = 0;
  gboolean ok;

  memset (salt, 0xab, sizeof salt);
  assay_body_bundle_append (bundle, salt, small, strlen (small));
  assay_body_bundle_append_erased (bundle);
  assay_body_bundle_append (bundle, salt, big, ASSAY_ENTRY_MAX_BODY);
  assay_body_bundle_append_erased (bundle);

  ok = assay_body_bundle_decode (bundle->data, bundle->len, 4, bodies, &n, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (n, ==, 4);
  g_assert_true (bodies[0].salt == bundle->data + 2);
  g_assert_true ((const guint8 *) bodies[0].body == bundle->data + 2 + 32);
  g_assert_cmpmem (bodies[0].body, bodies[0].len, small, strlen (small));
  g_assert_null (bodies[1].salt);
  g_assert_null (bodies[1].body);
  g_assert_cmpuint (bodies[1].len, ==, 0);
  g_assert_cmpuint (bodies[2].len, ==, ASSAY_ENTRY_MAX_BODY);
  g_assert_cmpmem (bodies[2].salt, 32, salt, 32);
  g_assert_cmpuint (bodies[3].len, ==, 0);

  ok = decode_bodies (bundle, bundle->len, 5, &error);
  expect_bundle_error (ok, error, "holds 4 entries where 5 were expected");
  g_clear_error (&error);
  ok = decode_bodies (bundle, 0, 0, &error);
  expect_bundle_error (ok, error, "is empty");
  g_clear_error (&error);
  /* Cut in the length, in the salt, in the body. */
  ok = decode_bodies (bundle, 1, 0, &error);
  expect_bundle_error (ok, error, "The body bundle is cut short inside entry 0");
  g_clear_error (&error);
  ok = decode_bodies (bundle, 2 + 31, 0, &error);
  expect_bundle_error (ok, error, "cut short inside entry 0");
  g_clear_error (&error);
  ok = decode_bodies (bundle, 2 + 32 + strlen (small) - 1, 0, &error);
  expect_bundle_error (ok, error, "cut short inside entry 0");
  g_clear_error (&error);
  ok = decode_bodies (bundle, bundle->len - 1, 0, &error);
  expect_bundle_error (ok, error, "cut short inside entry 3");
  g_clear_error (&error);
  /* Trailing byte. */
  g_byte_array_append (bundle, (const guint8 *) "x", 1);
  ok = decode_bodies (bundle, bundle->len, 0, &error);
  expect_bundle_error (ok, error, "cut short inside entry 4");
  g_clear_error (&error);

  /* A length above the body limit. */
  g_byte_array_set_size (bundle, 0);
  g_byte_array_append (bundle, (const guint8 *) "\x40\x01", 2);
  g_byte_array_append (bundle, salt, sizeof salt);
  g_byte_array_set_size (bundle, 2 + 32 + 0x4001);
  ok = decode_bodies (bundle, bundle->len, 0, &error);
  expect_bundle_error (ok, error, "Entry 0 of the body bundle claims 16385 bytes");
  g_clear_error (&error);

  /* 256 erased entries pass, 257 do not. */
  g_byte_array_set_size (bundle, 0);
  for (guint i = 0; i < 256; i++)
    assay_body_bundle_append_erased (bundle);
  ok = assay_body_bundle_decode (bundle->data, bundle->len, 256, bodies, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 256);
  assay_body_bundle_append_erased (bundle);
  ok = decode_bodies (bundle, bundle->len, 0, &error);
  expect_bundle_error (ok, error, "more than 256 entries");
}

/* json-glib 1.6 accepts some texts RFC 8259 rejects; on exactly these,
 * and only these, our scanner may say no where json-glib says yes. */
static gboolean
json_glib_is_lax_here (const char         *text,
                       gsize               len,
                       AssayJsonScanError  error,
                       gsize               offset)
{
  gsize first = 0;

  while (first < len && g_ascii_isspace (text[first]))
    first++;

  switch (error)
    {
    case ASSAY_JSON_SCAN_NUMBER:     /* "01", "1.", "1.e5" */
    case ASSAY_JSON_SCAN_CONTROL:    /* raw tabs and newlines in strings */
    case ASSAY_JSON_SCAN_ESCAPE:     /* "\x41", "\a", "\u12" */
    case ASSAY_JSON_SCAN_SURROGATE:  /* lone \uDC00 and friends */
      return TRUE;
    case ASSAY_JSON_SCAN_TRUNCATED:  /* empty or blank input */
      return first == len;
    case ASSAY_JSON_SCAN_UNEXPECTED: /* ".5" */
      return text[offset] == '.';
    case ASSAY_JSON_SCAN_TRAILING:   /* "[1]{}", "9{}": only after a non-object */
      return first < len && text[first] != '{';
    case ASSAY_JSON_SCAN_OK:
    case ASSAY_JSON_SCAN_UTF8:
    case ASSAY_JSON_SCAN_DEPTH:
    case ASSAY_JSON_SCAN_ARENA:
    default:
      return FALSE;
    }
}

static void
mutate (GString *s,
        GRand   *rand)
{
  static const char alphabet[] = "{}[],:\"\\ud80eE+-.0129atrnfls \n\t\r";
  static const char * const snippets[] = {
    "\xc3\xa9", "\xe9", "\xc3", "\xed\xa0\x80", "\xf0\x9f\x8c\xb3", "\xf4\x90\x80\x80",
    "\xc0\xaf", "\x01", "\x7f", "\\u", "\\ud800", "\\udc00", "\\u00", "1e999", "\\x",
    "\\ud83c\\udf33", "-0", "[[[", "]]]", "{\"a\":", "true", "null",
  };
  guint pos = s->len ? g_rand_int_range (rand, 0, s->len) : 0;
  char c = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];

  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      if (s->len)
        g_string_erase (s, pos, 1);
      break;
    case 1:
      g_string_insert_c (s, pos, c);
      break;
    case 2:
      if (s->len)
        s->str[pos] = c;
      break;
    case 3:
      g_string_insert (s, pos, snippets[g_rand_int_range (rand, 0, G_N_ELEMENTS (snippets))]);
      break;
    case 4:
      g_string_truncate (s, pos);
      break;
    default:
      {
        guint len = g_rand_int_range (rand, 0, MIN (s->len - pos, 16) + 1);
        g_autofree char *span = g_strndup (s->str + pos, len);

        g_string_insert (s, g_rand_int_range (rand, 0, s->len + 1), span);
      }
      break;
    }
}

static void
test_differential (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (6962);
  g_autoptr(JsonParser) parser = json_parser_new ();
  const Member *kinds[] = { event_members, redemption_members, tombstone_members };
  char *seeds[5] = { NULL };
  guint agreed_reject = 0, agreed_accept = 0, lax = 0;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    seeds[k] = body_with (kinds[k], NULL, NULL);
  seeds[3] = g_strdup ("[1, -0.5e+3, {\"a\": [true, false, null, {}]}, \"\\ud83c\\udf33\\n\", []]");
  seeds[4] = g_strdup ("{\"s\": \"q\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\", \"n\": [0, 1E2, -0.0e-1]}");

  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr(GString) text = g_string_new (seeds[g_rand_int_range (rand, 0, 5)]);
      guint n_mutations = g_rand_int_range (rand, 0, 4);
      AssayJsonScanError scan_error = ASSAY_JSON_SCAN_OK;
      gsize offset = 0;
      gboolean ours, theirs;

      for (guint m = 0; m < n_mutations; m++)
        mutate (text, rand);

      ours = assay_json_validate (text->str, text->len, &scan_error, &offset);
      theirs = json_parser_load_from_data (parser, text->str, text->len, NULL);
      if (ours && !theirs)
        g_error ("accepted what json-glib rejects: %s", text->str);
      if (!ours && theirs)
        {
          if (!json_glib_is_lax_here (text->str, text->len, scan_error, offset))
            g_error ("rejected (error %d at %zu) what json-glib accepts: %s",
                     scan_error, offset, text->str);
          lax++;
        }
      else if (ours)
        agreed_accept++;
      else
        agreed_reject++;
    }

  for (guint k = 0; k < G_N_ELEMENTS (seeds); k++)
    g_free (seeds[k]);
  g_test_message ("agreed: %u accepted, %u rejected; json-glib lax: %u",
                  agreed_accept, agreed_reject, lax);
  /* The mutations must exercise both sides. */
  g_assert_cmpuint (agreed_accept, >, 1000);
  g_assert_cmpuint (agreed_reject, >, 1000);
}

/* The parser reads the ids with its own table (no GEnumClass per body):
 * it must accept exactly the registered enums' nicks, as the values they
 * name, and list exactly them when it refuses something else. */
/* A valid body of each kind, in the enum's order. */
static const Member * const kind_members[ASSAY_N_ENTRY_KINDS] = {
  event_members, redemption_members, tombstone_members, roster_members, decision_members,
  pause_members, appeal_members, dispute_members, silence_members, forget_members,
  failure_members, insurance_members, education_members,
};

static void
check_parser_ids (GType         type,
                  guint         n_values,
                  const Member *members,
                  const char   *field,
                  gsize         offset)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  g_autoptr(GPtrArray) nicks = g_ptr_array_new ();
  g_autofree char *bad = body_with (members, field, "\"none-of-these\"");
  g_autofree char *list = NULL;
  g_autofree char *fragment = NULL;

  g_assert_cmpuint (klass->n_values, ==, n_values);
  for (guint i = 0; i < klass->n_values; i++)
    {
      const GEnumValue *v = &klass->values[i];
      g_autofree char *json = g_strdup_printf ("\"%s\"", v->value_nick);
      g_autofree char *body = NULL;
      g_autoptr(AssayEntry) entry = NULL;

      g_assert_cmpint (v->value, ==, i);
      body = type == ASSAY_TYPE_ENTRY_KIND
               ? body_with (kind_members[i], NULL, NULL)
               : body_with (members, field, json);
      entry = parse_ok (body);
      g_assert_cmpint (G_STRUCT_MEMBER (int, entry, offset), ==, v->value);
      g_ptr_array_add (nicks, (gpointer) v->value_nick);
    }
  g_ptr_array_add (nicks, NULL);
  list = g_strjoinv (", ", (char **) nicks->pdata);
  fragment = g_strdup_printf ("field “%s”: must be one of %s", field, list);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AssayEntry) entry = assay_entry_parse (bad, strlen (bad), &error);

    g_assert_null (entry);
    g_assert_cmpstr (error->message, ==, fragment);
  }
}

static void
test_enum_nicks (void)
{
  static const struct { GType (*get_type) (void); const char *ids; } enums[] = {
    { assay_entry_kind_get_type, "event redemption tombstone roster decision pause appeal dispute "
                                 "silence forget_request failure_claim insurance_claim "
                                 "education_transfer" },
    { assay_benefit_get_type, "social_security retraining credit_repair" },
    { assay_pause_subject_get_type, "account county ring" },
    { assay_dimension_get_type, "professional knowledge community ecological data market_order" },
    { assay_account_kind_get_type, "individual enterprise organization" },
    { assay_tier_get_type, "basic development resource honour" },
  };

  /* The nicks are the stable ids the JSON has always written. */
  for (guint i = 0; i < G_N_ELEMENTS (enums); i++)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (enums[i].get_type ());
      g_auto(GStrv) ids = g_strsplit (enums[i].ids, " ", -1);

      g_assert_cmpuint (klass->n_values, ==, g_strv_length (ids));
      for (guint j = 0; j < klass->n_values; j++)
        g_assert_cmpstr (klass->values[j].value_nick, ==, ids[j]);
    }

  check_parser_ids (ASSAY_TYPE_ENTRY_KIND, ASSAY_N_ENTRY_KINDS, event_members, "kind",
                    G_STRUCT_OFFSET (AssayEntry, kind));
  check_parser_ids (ASSAY_TYPE_DIMENSION, ASSAY_N_DIMENSIONS, event_members, "dimension",
                    G_STRUCT_OFFSET (AssayEntry, dimension));
  check_parser_ids (ASSAY_TYPE_ACCOUNT_KIND, ASSAY_N_ACCOUNT_KINDS, event_members, "account_kind",
                    G_STRUCT_OFFSET (AssayEntry, account_kind));
  check_parser_ids (ASSAY_TYPE_TIER, ASSAY_N_TIERS, redemption_members, "tier",
                    G_STRUCT_OFFSET (AssayEntry, tier));
  check_parser_ids (ASSAY_TYPE_BENEFIT, ASSAY_N_BENEFITS, insurance_members, "benefit",
                    G_STRUCT_OFFSET (AssayEntry, benefit));
}

/* The one county table: GB/T 2260 province prefixes and the pilot's names. */
static void
test_counties (void)
{
  static const guint provinces[] = {
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
    50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
  };
  g_autofree char *qingpu = assay_county_format ("310118");
  g_autofree char *unknown = assay_county_format ("110101");
  guint n = 0;

  for (guint prefix = 0; prefix < 120; prefix++)
    {
      gboolean listed = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (provinces); i++)
        listed |= provinces[i] == prefix;
      g_assert_cmpint (assay_county_is_province_prefix (prefix), ==, listed);
      n += listed;
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (provinces));

  g_assert_cmpint (assay_county_check ("310118", -1), ==, ASSAY_COUNTY_VALID);
  g_assert_cmpint (assay_county_check ("3101180", 6), ==, ASSAY_COUNTY_VALID);
  g_assert_cmpint (assay_county_check ("3101180", -1), ==, ASSAY_COUNTY_MALFORMED);
  g_assert_cmpint (assay_county_check ("31011", -1), ==, ASSAY_COUNTY_MALFORMED);
  g_assert_cmpint (assay_county_check ("31011a", -1), ==, ASSAY_COUNTY_MALFORMED);
  g_assert_cmpint (assay_county_check ("990101", -1), ==, ASSAY_COUNTY_UNKNOWN_PROVINCE);
  g_assert_cmpint (assay_county_check ("000012", -1), ==, ASSAY_COUNTY_UNKNOWN_PROVINCE);
  g_assert_cmpint (assay_county_check ("310100", -1), ==, ASSAY_COUNTY_NOT_A_COUNTY);
  g_assert_true (assay_county_is_valid ("820101"));
  g_assert_false (assay_county_is_valid ("310000"));

  g_assert_cmpstr (assay_county_get_name ("310118"), ==, "Qingpu");
  g_assert_cmpstr (assay_county_get_name ("440305"), ==, "Nanshan");
  g_assert_null (assay_county_get_name ("110101"));
  g_assert_null (assay_county_get_name ("31"));
  g_assert_null (assay_county_get_name ("000031"));
  g_assert_null (assay_county_get_name ("3101180"));
  g_assert_cmpstr (qingpu, ==, "Qingpu (310118)");
  g_assert_cmpstr (unknown, ==, "110101");

  /* Every province has a name; a prefix that is none keeps its digits. */
  for (guint i = 0; i < G_N_ELEMENTS (provinces); i++)
    g_assert_nonnull (assay_province_get_name (provinces[i]));
  g_assert_null (assay_province_get_name (10));
  g_assert_null (assay_province_get_name (310118));
  {
    g_autofree char *shanghai = assay_province_format ("31");
    g_autofree char *shaanxi = assay_province_format ("61");
    g_autofree char *none = assay_province_format ("99");
    g_autofree char *county = assay_province_format ("310118");

    g_assert_cmpstr (shanghai, ==, "Shanghai (31)");
    g_assert_cmpstr (shaanxi, ==, "Shaanxi (61)");
    g_assert_cmpstr (none, ==, "99");
    g_assert_cmpstr (county, ==, "310118");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/assay/entry/valid/event", test_valid_event);
  g_test_add_func ("/assay/entry/valid/event-edges", test_valid_event_edges);
  g_test_add_func ("/assay/entry/valid/redemption", test_valid_redemption);
  g_test_add_func ("/assay/entry/valid/tombstone", test_valid_tombstone);
  g_test_add_func ("/assay/entry/valid/roster-decision", test_valid_signed);
  g_test_add_func ("/assay/entry/valid/pause", test_valid_pause);
  g_test_add_func ("/assay/entry/valid/filings", test_valid_filings);
  g_test_add_func ("/assay/entry/valid/filing-edges", test_valid_filing_edges);
  g_test_add_func ("/assay/entry/filing-index", test_filing_index);
  g_test_add_func ("/assay/entry/dates", test_dates);
  g_test_add_func ("/assay/entry/bad-fields", test_bad_fields);
  g_test_add_func ("/assay/entry/missing-fields", test_missing_fields);
  g_test_add_func ("/assay/entry/confirmer", test_confirmer);
  g_test_add_func ("/assay/entry/text-length", test_text_length);
  g_test_add_func ("/assay/entry/syntax", test_syntax);
  g_test_add_func ("/assay/entry/nesting", test_nesting);
  g_test_add_func ("/assay/entry/size", test_size);
  g_test_add_func ("/assay/entry/escape-heavy", test_escape_heavy);
  g_test_add_func ("/assay/entry/escape-heavy-envelope", test_escape_heavy_envelope);
  g_test_add_func ("/assay/entry/commitment", test_commitment);
  g_test_add_func ("/assay/entry/ids", test_ids);
  g_test_add_func ("/assay/entry/enum-nicks", test_enum_nicks);
  g_test_add_func ("/assay/entry/counties", test_counties);
  g_test_add_func ("/assay/entry/entry-bundle", test_entry_bundle);
  g_test_add_func ("/assay/entry/body-bundle", test_body_bundle);
  g_test_add_func ("/assay/entry/json-differential", test_differential);

  return g_test_run ();
}
