/* test-decision.c — decision payloads and their verification against the roster chain
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

#include <stdarg.h>
#include <string.h>

#include "assay-canonical-json.h"
#include "assay-decision-verify.h"
#include "assay-error.h"
#include "assay-objection.h"
#include "assay-test-roster.h"

#define NOW  ASSAY_TEST_NOW
#define WEEK (7 * 86400)
#define HASH_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define HASH_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

static AssayTestSigners signers;

static void
assert_refused (GError     *error,
                int         code,
                const char *fragment)
{
  g_assert_error (error, ASSAY_ERROR, code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, fragment);
}

/* A chain with the standard version 1 (and, with @v2, a version 2 built
 * by the caller and signed by root-0 and root-1). */
static AssayRosterChain *
chain_new (AssayRoster *v2)
{
  AssayRosterChain *chain = assay_roster_chain_new ();
  g_autoptr(AssayRoster) v1 = assay_test_roster_new (&signers, 1, NULL);
  g_autofree char *j1 = assay_test_roster_sign (v1, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
  g_autoptr(GError) error = NULL;

  g_assert_true (assay_roster_chain_append (chain, j1, -1, NOW - 3600, &error));
  if (v2 != NULL)
    {
      g_autofree char *j2 = NULL;

      g_free (v2->prev);
      v2->prev = g_strdup (v1->sha256);
      j2 = assay_test_roster_sign (v2, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
      g_assert_true (assay_roster_chain_append (chain, j2, -1, NOW - 1800, &error));
    }
  g_assert_no_error (error);
  return chain;
}

/* A decision of @kind on account 3f2a by @author under @roster. */
static AssayDecision *
decision_new (AssayRoster       *roster,
              AssayDecisionKind  kind,
              guint              author)
{
  AssayDecision *d = assay_decision_new ();

  d->deployment = g_strdup (ASSAY_TEST_DEPLOYMENT);
  d->kind = d->outcome = kind;
  d->role = roster->kinds[kind].role;
  d->subject_kind = ASSAY_SUBJECT_ACCOUNT;
  d->subject_id = g_strdup ("3f2a");
  d->rationale = g_strdup ("Forty claims in one afternoon, all with the same receipt.");
  d->rule_set_name = g_strdup ("pilot");
  d->rule_set_version = 3;
  d->rule_set_sha256 = g_strdup (HASH_A);
  assay_decision_add_flag (d, HASH_B);
  assay_decision_add_entry (d, 42, HASH_A);
  d->checkpoint_origin = g_strdup ("pilot.assay.example/ledger");
  d->checkpoint_size = 1000;
  memset (d->checkpoint_root, 7, sizeof d->checkpoint_root);
  d->roster_version = roster->version;
  d->roster_sha256 = g_strdup (roster->sha256);
  d->author = g_strdup (signers.keyids[author]);
  d->created_at = NOW;
  d->not_after = NOW + WEEK;
  return d;
}

static GBytes *
payload_of (AssayDecision *d)
{
  g_autoptr(GError) error = NULL;
  GBytes *payload = assay_decision_to_payload (d, &error);

  g_assert_no_error (error);
  return payload;
}

/* An envelope of @payload signed by the signers listed, ending with -1. */
static AssayDsseEnvelope *
sign (GBytes *payload,
      ...)
{
  AssayDsseEnvelope *env = assay_dsse_envelope_new (ASSAY_DECISION_PAYLOAD_TYPE, payload);
  va_list args;
  int index;

  va_start (args, payload);
  while ((index = va_arg (args, int)) >= 0)
    assay_dsse_envelope_sign (env, signers.keys[index]);
  va_end (args);
  return env;
}

static AssayDecisionResult *
verify_ok (AssayDsseEnvelope *env,
           AssayRosterChain  *chain,
           gint64             now)
{
  AssayDecisionResult *result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (assay_decision_verify (env, chain, ASSAY_TEST_DEPLOYMENT, now, &result, &error));
  g_assert_no_error (error);
  return result;
}

static void
verify_refused (AssayDsseEnvelope *env,
                AssayRosterChain  *chain,
                gint64             now,
                int                code,
                const char        *fragment)
{
  AssayDecisionResult *result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (assay_decision_verify (env, chain, ASSAY_TEST_DEPLOYMENT, now, &result, &error));
  g_assert_null (result);
  g_test_message ("%s", error->message);
  assert_refused (error, code, fragment);
}

static void
test_payload (void)
{
  g_autoptr(AssayRoster) roster = assay_test_roster_new (&signers, 1, NULL);
  g_autoptr(GBytes) rp = assay_roster_to_payload (roster, NULL);
  g_autoptr(AssayDecision) d = decision_new (roster, ASSAY_DECISION_KIND_DOWN_WEIGHT, ASSAY_TEST_ANA);
  g_autoptr(AssayDecision) other = decision_new (roster, ASSAY_DECISION_KIND_DOWN_WEIGHT, ASSAY_TEST_ANA);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GBytes) other_payload = NULL;
  g_autoptr(AssayDsseEnvelope) env = NULL;
  g_autoptr(AssayDecision) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  AssayDecisionEntry *entry;

  d->params = json_object_new ();
  json_object_set_int_member (d->params, "factor_permille", 500);
  payload = payload_of (d);
  other_payload = payload_of (other);
  /* A fresh random id each time: 16 bytes in hex. */
  g_assert_nonnull (d->decision_id);
  g_assert_cmpuint (strlen (d->decision_id), ==, 32);
  g_assert_cmpstr (d->decision_id, !=, other->decision_id);
  g_assert_true (assay_canonical_json_check (payload, &error));
  g_assert_nonnull (strstr (g_bytes_get_data (payload, NULL), "\"params\":{\"factor_permille\":500}"));

  env = sign (payload, -1);
  back = assay_decision_new_from_envelope (env, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->deployment, ==, ASSAY_TEST_DEPLOYMENT);
  g_assert_cmpstr (back->decision_id, ==, d->decision_id);
  g_assert_cmpint (back->kind, ==, ASSAY_DECISION_KIND_DOWN_WEIGHT);
  g_assert_cmpint (back->outcome, ==, ASSAY_DECISION_KIND_DOWN_WEIGHT);
  g_assert_cmpint (back->role, ==, ASSAY_ROLE_COMMITTEE);
  g_assert_cmpint (back->subject_kind, ==, ASSAY_SUBJECT_ACCOUNT);
  g_assert_cmpstr (back->subject_id, ==, "3f2a");
  g_assert_cmpint (back->subject_seq, ==, 1);
  g_assert_null (back->supersedes);
  g_assert_cmpint (json_object_get_int_member (back->params, "factor_permille"), ==, 500);
  g_assert_cmpstr (back->rationale, ==, d->rationale);
  g_assert_cmpstr (back->rule_set_name, ==, "pilot");
  g_assert_cmpint (back->rule_set_version, ==, 3);
  g_assert_cmpstr (back->rule_set_sha256, ==, HASH_A);
  g_assert_cmpuint (back->flags->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (back->flags, 0), ==, HASH_B);
  entry = &g_array_index (back->entries, AssayDecisionEntry, 0);
  g_assert_cmpint (entry->index, ==, 42);
  g_assert_cmpstr (entry->leaf, ==, HASH_A);
  g_assert_cmpstr (back->checkpoint_origin, ==, "pilot.assay.example/ledger");
  g_assert_cmpint (back->checkpoint_size, ==, 1000);
  g_assert_cmpmem (back->checkpoint_root, 32, d->checkpoint_root, 32);
  g_assert_cmpint (back->roster_version, ==, 1);
  g_assert_cmpstr (back->roster_sha256, ==, roster->sha256);
  g_assert_cmpstr (back->author, ==, signers.keyids[ASSAY_TEST_ANA]);
  g_assert_cmpint (back->created_at, ==, NOW);
  g_assert_cmpint (back->not_after, ==, NOW + WEEK);

  /* The same decision writes the same bytes: one hash. */
  {
    g_autoptr(GBytes) again = payload_of (back);

    g_assert_true (g_bytes_equal (again, payload));
  }
  hash = assay_decision_hash (payload);
  g_assert_cmpuint (strlen (hash), ==, 64);
}

/* Entries named by their digest: SHA-256 over (index as 8 bytes
 * big-endian ‖ 32-byte leaf) in index order, recomputed here byte by byte;
 * the payload carries only the count and the digest, and reads back. */
static void
test_payload_digest (void)
{
  g_autoptr(AssayRoster) roster = assay_test_roster_new (&signers, 1, NULL);
  g_autoptr(GBytes) rp = assay_roster_to_payload (roster, NULL);
  g_autoptr(AssayDecision) d = decision_new (roster, ASSAY_DECISION_KIND_CONFIRM, ASSAY_TEST_ANA);
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(AssayDsseEnvelope) env = NULL;
  g_autoptr(AssayDecision) back = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;
  /* decision_new's entry is index 42 with leaf HASH_A; 300 = 0x12c. */
  const guint8 record_42[8] = { 0, 0, 0, 0, 0, 0, 0, 42 };
  const guint8 record_300[8] = { 0, 0, 0, 0, 0, 0, 0x01, 0x2c };
  guint8 leaf_a[32], leaf_b[32];

  memset (leaf_a, 0xaa, sizeof leaf_a);
  memset (leaf_b, 0xbb, sizeof leaf_b);
  /* Added out of order: the digest sorts by index. */
  assay_decision_add_entry (d, 300, HASH_B);
  g_checksum_update (sha, record_42, 8);
  g_checksum_update (sha, leaf_a, 32);
  g_checksum_update (sha, record_300, 8);
  g_checksum_update (sha, leaf_b, 32);

  g_assert_true (assay_decision_digest_entries (d));
  g_assert_cmpuint (d->entries->len, ==, 0);
  g_assert_cmpint (d->entries_count, ==, 2);
  g_assert_cmpstr (d->entries_sha256, ==, g_checksum_get_string (sha));
  g_assert_false (assay_decision_digest_entries (d));

  payload = payload_of (d);
  text = g_bytes_get_data (payload, NULL);
  g_assert_null (strstr (text, "\"entries\""));
  g_assert_nonnull (strstr (text, "\"entries_digest\":{\"count\":2,\"sha256\":\""));
  env = sign (payload, -1);
  back = assay_decision_new_from_envelope (env, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->entries->len, ==, 0);
  g_assert_cmpint (back->entries_count, ==, 2);
  g_assert_cmpstr (back->entries_sha256, ==, g_checksum_get_string (sha));
  {
    g_autoptr(GBytes) again = payload_of (back);

    g_assert_true (g_bytes_equal (again, payload));
  }
}

/* The standard decision's payload with one change, re-encoded. */
typedef void (*Mutation) (JsonObject *top);

static void
assert_mutation_refused (Mutation    mutate,
                         const char *fragment)
{
  g_autoptr(AssayRoster) roster = assay_test_roster_new (&signers, 1, NULL);
  g_autoptr(GBytes) rp = assay_roster_to_payload (roster, NULL);
  g_autoptr(AssayDecision) d = decision_new (roster, ASSAY_DECISION_KIND_DISMISS, ASSAY_TEST_ANA);
  g_autoptr(GBytes) payload = payload_of (d);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) changed = NULL;
  g_autoptr(AssayDsseEnvelope) env = NULL;
  g_autoptr(AssayDecision) back = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (payload, &len);

  g_assert_true (json_parser_load_from_data (parser, data, len, NULL));
  mutate (json_node_get_object (json_parser_get_root (parser)));
  changed = assay_canonical_json_encode (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  env = sign (changed, -1);
  back = assay_decision_new_from_envelope (env, &error);
  g_assert_null (back);
  g_test_message ("%s", error->message);
  assert_refused (error, ASSAY_ERROR_INVALID_DATA, fragment);
}

static void mut_unknown (JsonObject *t) { json_object_set_int_member (t, "urgent", 1); }
static void mut_missing (JsonObject *t) { json_object_remove_member (t, "rationale"); }
static void mut_v (JsonObject *t) { json_object_set_int_member (t, "v", 2); }
static void mut_id_upper (JsonObject *t) { json_object_set_string_member (t, "decision_id", "0123456789ABCDEF0123456789abcdef"); }
static void mut_id_short (JsonObject *t) { json_object_set_string_member (t, "decision_id", "0123"); }
static void mut_kind (JsonObject *t) { json_object_set_string_member (t, "kind", "banish"); }
static void mut_outcome (JsonObject *t) { json_object_set_string_member (t, "outcome", "confirm"); }
static void mut_subject_kind (JsonObject *t) { json_object_set_string_member (json_object_get_object_member (t, "subject"), "kind", "planet"); }
static void mut_subject_id (JsonObject *t) { json_object_set_string_member (json_object_get_object_member (t, "subject"), "id", ""); }
static void mut_seq_zero (JsonObject *t) { json_object_set_int_member (t, "subject_seq", 0); }
static void mut_seq_two (JsonObject *t) { json_object_set_int_member (t, "subject_seq", 2); }
static void mut_supersedes (JsonObject *t) { json_object_set_string_member (t, "supersedes", HASH_A); }
static void mut_rationale_empty (JsonObject *t) { json_object_set_string_member (t, "rationale", ""); }
static void mut_params (JsonObject *t) { json_object_set_int_member (t, "params", 1); }
static void mut_times (JsonObject *t) { json_object_set_int_member (t, "not_after", NOW); }
static void mut_root (JsonObject *t) { json_object_set_string_member (json_object_get_object_member (t, "checkpoint"), "root", "AAAA"); }
static void mut_rule_set (JsonObject *t) { json_object_remove_member (json_object_get_object_member (t, "rule_set"), "sha256"); }
static void mut_roster (JsonObject *t) { json_object_set_int_member (json_object_get_object_member (t, "roster"), "version", 0); }
static void mut_author (JsonObject *t) { json_object_set_string_member (t, "author", "ana"); }
static void mut_flag (JsonObject *t) { json_array_add_int_element (json_object_get_array_member (json_object_get_object_member (t, "inputs"), "flags"), 7); }

static void
mut_rationale_long (JsonObject *t)
{
  g_autofree char *text = g_strnfill (ASSAY_DECISION_MAX_RATIONALE + 1, 'x');

  json_object_set_string_member (t, "rationale", text);
}

static void
mut_entry (JsonObject *t)
{
  JsonArray *entries = json_object_get_array_member (json_object_get_object_member (t, "inputs"), "entries");

  json_object_set_int_member (json_array_get_object_element (entries, 0), "index", -1);
}

/* The digest form (README "Decisions"): {"count", "sha256"}. */
static JsonObject *
set_digest (JsonObject *t,
            gint64      count,
            const char *sha256)
{
  JsonObject *inputs = json_object_get_object_member (t, "inputs");
  JsonObject *digest = json_object_new ();

  json_object_set_int_member (digest, "count", count);
  json_object_set_string_member (digest, "sha256", sha256);
  json_object_set_object_member (inputs, "entries_digest", digest);
  return digest;
}

static void
mut_digest_and_entries (JsonObject *t)
{
  set_digest (t, 3, HASH_A);
}

static void
mut_no_entries (JsonObject *t)
{
  json_object_remove_member (json_object_get_object_member (t, "inputs"), "entries");
}

static void
mut_digest_count_zero (JsonObject *t)
{
  mut_no_entries (t);
  set_digest (t, 0, HASH_A);
}

static void
mut_digest_upper (JsonObject *t)
{
  g_autofree char *upper = g_ascii_strup (HASH_A, -1);

  mut_no_entries (t);
  set_digest (t, 3, upper);
}

static void
mut_digest_short (JsonObject *t)
{
  mut_no_entries (t);
  set_digest (t, 3, "aaaa");
}

static void
mut_digest_unknown (JsonObject *t)
{
  mut_no_entries (t);
  json_object_set_int_member (set_digest (t, 3, HASH_A), "first", 0);
}

static void
mut_digest_missing (JsonObject *t)
{
  mut_no_entries (t);
  json_object_remove_member (set_digest (t, 3, HASH_A), "count");
}

static void
mut_inputs_unknown (JsonObject *t)
{
  json_object_set_int_member (json_object_get_object_member (t, "inputs"), "entries_count", 3);
}

static void
test_payload_refused (void)
{
  static const struct { Mutation mutate; const char *fragment; } cases[] = {
    { mut_unknown, "unknown member “urgent”" },
    { mut_missing, "“rationale” is missing" },
    { mut_v, "“v”" },
    { mut_id_upper, "decision_id" },
    { mut_id_short, "decision_id" },
    { mut_kind, "“kind”" },
    { mut_outcome, "the outcome must be the kind" },
    { mut_subject_kind, "subject.kind" },
    { mut_subject_id, "subject.id" },
    { mut_seq_zero, "subject_seq" },
    { mut_seq_two, "“supersedes” must be null" },
    { mut_supersedes, "“supersedes” must be null" },
    { mut_rationale_empty, "rationale" },
    { mut_rationale_long, "at most 4000 bytes" },
    { mut_params, "params" },
    { mut_times, "not later than" },
    { mut_root, "checkpoint.root" },
    { mut_rule_set, "rule_set.sha256" },
    { mut_roster, "roster.version" },
    { mut_author, "author" },
    { mut_flag, "not a flag id" },
    { mut_entry, "inputs.entries.index" },
    { mut_digest_and_entries, "both “entries” and “entries_digest”" },
    { mut_no_entries, "neither “entries” nor “entries_digest”" },
    { mut_digest_count_zero, "inputs.entries_digest.count" },
    { mut_digest_upper, "inputs.entries_digest.sha256" },
    { mut_digest_short, "inputs.entries_digest.sha256" },
    { mut_digest_unknown, "unknown member “inputs.entries_digest.first”" },
    { mut_digest_missing, "inputs.entries_digest.count" },
    { mut_inputs_unknown, "unknown member “inputs.entries_count”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_mutation_refused (cases[i].mutate, cases[i].fragment);
}

/* A dismissal needs one committee member: complete at once. */
static void
test_verify_complete (void)
{
  g_autoptr(AssayRosterChain) chain = chain_new (NULL);
  AssayRoster *v1 = assay_roster_chain_get_current (chain);
  g_autoptr(AssayDecision) d = decision_new (v1, ASSAY_DECISION_KIND_DISMISS, ASSAY_TEST_BO);
  g_autoptr(GBytes) payload = payload_of (d);
  g_autoptr(AssayDsseEnvelope) env = sign (payload, ASSAY_TEST_BO, -1);
  g_autofree char *json = assay_dsse_envelope_to_json (env);
  g_autoptr(AssayDsseEnvelope) parsed = assay_dsse_envelope_new_from_json (json, -1, NULL);
  g_autoptr(AssayDecisionResult) result = verify_ok (parsed, chain, NOW + 60);
  g_autofree char *hash = assay_decision_hash (payload);

  g_assert_true (result->complete);
  g_assert_cmpuint (result->threshold, ==, 1);
  g_assert_cmpuint (result->holders->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (result->holders, 0), ==, "bo");
  g_assert_cmpstr (result->sha256, ==, hash);
  g_assert_cmpint (result->roster_version, ==, 1);
  g_assert_cmpstr (result->decision->decision_id, ==, d->decision_id);
}

/* A freeze needs 2 of the 3 committee members: collected one signature at
 * a time over the same bytes, it is pending, then complete. */
static void
test_verify_quorum (void)
{
  g_autoptr(AssayRosterChain) chain = chain_new (NULL);
  AssayRoster *v1 = assay_roster_chain_get_current (chain);
  g_autoptr(AssayDecision) d = decision_new (v1, ASSAY_DECISION_KIND_FREEZE, ASSAY_TEST_ANA);
  g_autoptr(GBytes) payload = payload_of (d);
  g_autoptr(AssayDsseEnvelope) env = sign (payload, ASSAY_TEST_ANA, -1);
  g_autoptr(AssayDecisionResult) first = verify_ok (env, chain, NOW);
  g_autoptr(AssayDecisionResult) second = NULL;

  g_assert_false (first->complete);
  g_assert_cmpuint (first->holders->len, ==, 1);
  g_assert_cmpuint (first->threshold, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (first->holders, 0), ==, "ana");

  assay_dsse_envelope_sign (env, signers.keys[ASSAY_TEST_CHEN]);
  second = verify_ok (env, chain, NOW + 600);
  g_assert_true (second->complete);
  g_assert_cmpuint (second->holders->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (second->holders, 1), ==, "chen");
  g_assert_cmpstr (second->sha256, ==, first->sha256);
}

static void
test_payload_type (void)
{
  g_autoptr(AssayRosterChain) chain = chain_new (NULL);
  AssayRoster *v1 = assay_roster_chain_get_current (chain);
  g_autoptr(AssayDecision) d = decision_new (v1, ASSAY_DECISION_KIND_DISMISS, ASSAY_TEST_ANA);
  g_autoptr(GBytes) payload = payload_of (d);
  AssayKeyFile *ana[] = { signers.keys[ASSAY_TEST_ANA] };
  g_autoptr(AssayDsseEnvelope) as_roster = assay_dsse_envelope_new_signed (ASSAY_ROSTER_PAYLOAD_TYPE,
                                                                          payload, ana, 1);
  g_autoptr(AssayDsseEnvelope) relabelled = sign (payload, ASSAY_TEST_ANA, -1);

  /* Signed as another type: refused by type. */
  verify_refused (as_roster, chain, NOW, ASSAY_ERROR_VERIFICATION, "not a decision’s");
  /* Signed as a decision, then relabelled: refused by type too. */
  g_free (relabelled->payload_type);
  relabelled->payload_type = g_strdup ("application/vnd.assay.decision.v2+json");
  verify_refused (relabelled, chain, NOW, ASSAY_ERROR_VERIFICATION, "not a decision’s");
}

/* Valid signatures over bytes that are not canonical: refused after the
 * signatures are checked. */
static void
test_non_canonical (void)
{
  g_autoptr(AssayRosterChain) chain = chain_new (NULL);
  AssayRoster *v1 = assay_roster_chain_get_current (chain);
  g_autoptr(AssayDecision) d = decision_new (v1, ASSAY_DECISION_KIND_DISMISS, ASSAY_TEST_ANA);
  g_autoptr(GBytes) payload = payload_of (d);
  gsize len;
  const char *data = g_bytes_get_data (payload, &len);
  g_autofree char *dup = g_strdup_printf ("{\"author\":\"x\",%.*s", (int) len - 1, data + 1);
  g_autofree char *spaced = g_strdup_printf ("%.*s ", (int) len, data);
  g_autoptr(GBytes) b1 = g_bytes_new (dup, strlen (dup));
  g_autoptr(GBytes) b2 = g_bytes_new (spaced, strlen (spaced));
  g_autoptr(AssayDsseEnvelope) e1 = sign (b1, ASSAY_TEST_ANA, -1);
  g_autoptr(AssayDsseEnvelope) e2 = sign (b2, ASSAY_TEST_ANA, -1);

  verify_refused (e1, chain, NOW, ASSAY_ERROR_INVALID_DATA, "duplicate key");
  verify_refused (e2, chain, NOW, ASSAY_ERROR_INVALID_DATA, "not canonical");
}

static void
test_signatures_refused (void)
{
  g_autoptr(AssayRosterChain) chain = chain_new (NULL);
  AssayRoster *v1 = assay_roster_chain_get_current (chain);
  g_autoptr(AssayDecision) d = decision_new (v1, ASSAY_DECISION_KIND_FREEZE, ASSAY_TEST_ANA);
  g_autoptr(GBytes) payload = payload_of (d);
  g_autoptr(AssayDsseEnvelope) twice = sign (payload, ASSAY_TEST_ANA, -1);
  g_autoptr(AssayDsseEnvelope) bad = sign (payload, ASSAY_TEST_ANA, ASSAY_TEST_BO, -1);
  g_autoptr(AssayDsseEnvelope) many = sign (payload, ASSAY_TEST_ANA, ASSAY_TEST_BO, -1);
  AssayDsseSignature *s;
  gsize n;

  /* The same signature twice: the same holder counted twice. */
  s = g_ptr_array_index (twice->signatures, 0);
  g_ptr_array_add (twice->signatures, g_memdup2 (&(AssayDsseSignature) { g_strdup (s->keyid), g_bytes_ref (s->sig) },
                                                 sizeof (AssayDsseSignature)));
  verify_refused (twice, chain, NOW, ASSAY_ERROR_VERIFICATION, "are the same signature");

  /* A known key with a bad signature. */
  s = g_ptr_array_index (bad->signatures, 1);
  {
    const guint8 *data = g_bytes_get_data (s->sig, &n);
    g_autofree guint8 *b = g_memdup2 (data, n);

    b[5] ^= 1;
    g_bytes_unref (s->sig);
    s->sig = g_bytes_new (b, n);
  }
  verify_refused (bad, chain, NOW, ASSAY_ERROR_VERIFICATION, "the signature by bo");

  /* More than 16 signatures. */
  for (guint i = 0; i < ASSAY_DSSE_MAX_SIGNATURES - 1; i++)
    {
      AssayDsseSignature junk = { g_strdup_printf ("%064x", i), NULL };
      guint8 b[64] = { i };

      junk.sig = g_bytes_new (b, sizeof b);
      g_ptr_array_add (many->signatures, g_memdup2 (&junk, sizeof junk));
    }
  verify_refused (many, chain, NOW, ASSAY_ERROR_INVALID_DATA, "17 signatures");
}

/* Adds @n signatures by unknown keys. */
static void
add_junk (AssayDsseEnvelope *env,
          guint              n)
{
  for (guint i = 0; i < n; i++)
    {
      AssayDsseSignature junk = { g_strdup_printf ("%064x", i + 1), NULL };
      guint8 b[64];

      memset (b, i + 1, sizeof b);
      junk.sig = g_bytes_new (b, sizeof b);
      g_ptr_array_add (env->signatures, g_memdup2 (&junk, sizeof junk));
    }
}

static void
test_junk_padding (void)
{
  g_autoptr(AssayRosterChain) chain = chain_new (NULL);
  AssayRoster *v1 = assay_roster_chain_get_current (chain);
  g_autoptr(AssayDecision) d = decision_new (v1, ASSAY_DECISION_KIND_FREEZE, ASSAY_TEST_ANA);
  g_autoptr(GBytes) payload = payload_of (d);
  g_autoptr(AssayDsseEnvelope) short_env = sign (payload, ASSAY_TEST_ANA, -1);
  g_autoptr(AssayDsseEnvelope) full_env = sign (payload, ASSAY_TEST_ANA, ASSAY_TEST_BO, -1);
  g_autoptr(AssayDecisionResult) r1 = NULL;
  g_autoptr(AssayDecisionResult) r2 = NULL;

  add_junk (short_env, ASSAY_DSSE_MAX_SIGNATURES - 1);
  r1 = verify_ok (short_env, chain, NOW);
  g_assert_false (r1->complete);
  g_assert_cmpuint (r1->holders->len, ==, 1);
  add_junk (full_env, 5);
  r2 = verify_ok (full_env, chain, NOW);
  g_assert_true (r2->complete);
  g_assert_cmpuint (r2->holders->len, ==, 2);
}

/* ana has two committee keys: both signing a freeze count as one holder. */
static void
test_same_holder (void)
{
  g_autoptr(AssayRoster) v2 = assay_test_roster_new (&signers, 2, HASH_A);
  g_autoptr(AssayRosterChain) chain = NULL;
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(AssayDsseEnvelope) env = NULL;
  g_autoptr(AssayDecisionResult) result = NULL;

  assay_test_roster_add (v2, &signers, ASSAY_TEST_SPARE_0, "ana", ASSAY_ROLE_COMMITTEE);
  chain = chain_new (v2);
  d = decision_new (assay_roster_chain_get_current (chain), ASSAY_DECISION_KIND_FREEZE, ASSAY_TEST_ANA);
  payload = payload_of (d);
  env = sign (payload, ASSAY_TEST_ANA, ASSAY_TEST_SPARE_0, -1);
  result = verify_ok (env, chain, NOW);
  g_assert_false (result->complete);
  g_assert_cmpuint (result->holders->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (result->holders, 0), ==, "ana");
}

static void
test_role (void)
{
  g_autoptr(AssayRosterChain) chain = chain_new (NULL);
  AssayRoster *v1 = assay_roster_chain_get_current (chain);
  g_autoptr(AssayDecision) d = decision_new (v1, ASSAY_DECISION_KIND_FREEZE, ASSAY_TEST_ANA);
  g_autoptr(GBytes) payload = payload_of (d);
  g_autoptr(AssayDsseEnvelope) outsider = sign (payload, ASSAY_TEST_ANA, ASSAY_TEST_ARB_0, -1);
  g_autoptr(AssayDecision) as_arb = decision_new (v1, ASSAY_DECISION_KIND_FREEZE, ASSAY_TEST_ARB_0);
  g_autoptr(GBytes) arb_payload = NULL;
  g_autoptr(AssayDsseEnvelope) arb_env = NULL;
  g_autoptr(AssayDecision) by_bo = decision_new (v1, ASSAY_DECISION_KIND_FREEZE, ASSAY_TEST_BO);
  g_autoptr(GBytes) bo_payload = payload_of (by_bo);
  g_autoptr(AssayDsseEnvelope) no_author = sign (bo_payload, ASSAY_TEST_ANA, -1);

  /* A signer without the role. */
  verify_refused (outsider, chain, NOW, ASSAY_ERROR_VERIFICATION,
                  "arb-0 (key");
  /* A decision that claims another role than its kind's. */
  as_arb->role = ASSAY_ROLE_ARBITRATION;
  arb_payload = payload_of (as_arb);
  arb_env = sign (arb_payload, ASSAY_TEST_ARB_0, ASSAY_TEST_ARB_1, -1);
  verify_refused (arb_env, chain, NOW, ASSAY_ERROR_VERIFICATION,
                  "a decision of kind freeze is made by role committee, not arbitration");
  /* The author did not sign. */
  verify_refused (no_author, chain, NOW, ASSAY_ERROR_VERIFICATION, "the author");
}

/* Roster v2 drops bo: a decision made under v1 and signed by ana and bo
 * counts only ana (revocation wins), and one authored by bo is refused. */
static void
test_revoked (void)
{
  g_autoptr(AssayRoster) v2 = assay_roster_new (ASSAY_TEST_DEPLOYMENT, 2, NOW + ASSAY_TEST_YEAR, HASH_A);
  g_autoptr(AssayRosterChain) chain = NULL;
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(AssayDecision) by_bo = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GBytes) bo_payload = NULL;
  g_autoptr(AssayDsseEnvelope) env = NULL;
  g_autoptr(AssayDsseEnvelope) bo_env = NULL;
  g_autoptr(AssayDecisionResult) result = NULL;
  AssayRoster *v1;

  for (guint i = ASSAY_TEST_ROOT_0; i <= ASSAY_TEST_AUDITOR; i++)
    if (i != ASSAY_TEST_BO)
      assay_test_roster_add (v2, &signers, i, NULL,
                             i <= ASSAY_TEST_ROOT_2 ? ASSAY_ROLE_ROSTER_ROOT
                             : i <= ASSAY_TEST_CHEN ? ASSAY_ROLE_COMMITTEE
                             : i <= ASSAY_TEST_ARB_2 ? ASSAY_ROLE_ARBITRATION : ASSAY_ROLE_AUDIT);
  assay_roster_set_threshold (v2, ASSAY_ROLE_ROSTER_ROOT, 2);
  assay_roster_set_threshold (v2, ASSAY_ROLE_COMMITTEE, 1);
  assay_roster_set_threshold (v2, ASSAY_ROLE_ARBITRATION, 2);
  assay_roster_set_threshold (v2, ASSAY_ROLE_AUDIT, 1);
  assay_roster_set_default_kinds (v2);
  /* Two committee holders are left: weights can need no more. */
  assay_roster_set_kind (v2, ASSAY_DECISION_KIND_WEIGHTS, ASSAY_ROLE_COMMITTEE, 2);
  chain = chain_new (v2);
  v1 = assay_roster_chain_get_version (chain, 1);

  d = decision_new (v1, ASSAY_DECISION_KIND_FREEZE, ASSAY_TEST_ANA);
  payload = payload_of (d);
  env = sign (payload, ASSAY_TEST_ANA, ASSAY_TEST_BO, -1);
  result = verify_ok (env, chain, NOW);
  g_assert_false (result->complete);
  g_assert_cmpuint (result->holders->len, ==, 1);
  g_assert_cmpint (result->roster_version, ==, 2);

  by_bo = decision_new (v1, ASSAY_DECISION_KIND_DISMISS, ASSAY_TEST_BO);
  bo_payload = payload_of (by_bo);
  bo_env = sign (bo_payload, ASSAY_TEST_BO, -1);
  verify_refused (bo_env, chain, NOW, ASSAY_ERROR_VERIFICATION, "has not signed the decision with a key of roster version 2");
}

/* ana's key is valid for a day around NOW only. */
static void
test_key_window (void)
{
  g_autoptr(AssayRoster) v2 = assay_test_roster_new (&signers, 2, HASH_A);
  g_autoptr(AssayRosterChain) chain = NULL;
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(AssayDsseEnvelope) env = NULL;
  g_autoptr(AssayDecisionResult) result = NULL;

  assay_roster_add_key (v2, "ana", assay_key_file_get_public_key (signers.keys[ASSAY_TEST_ANA]),
                        NOW - 86400, NOW + 86400);
  chain = chain_new (v2);
  d = decision_new (assay_roster_chain_get_current (chain), ASSAY_DECISION_KIND_DISMISS, ASSAY_TEST_ANA);
  d->not_after = NOW + 30 * 86400;
  payload = payload_of (d);
  env = sign (payload, ASSAY_TEST_ANA, -1);
  result = verify_ok (env, chain, NOW);
  g_assert_true (result->complete);
  verify_refused (env, chain, NOW + 86400, ASSAY_ERROR_VERIFICATION, "the key");
}

static void
test_expired_roster (void)
{
  g_autoptr(AssayRosterChain) chain = chain_new (NULL);
  AssayRoster *v1 = assay_roster_chain_get_current (chain);
  g_autoptr(AssayDecision) d = decision_new (v1, ASSAY_DECISION_KIND_DISMISS, ASSAY_TEST_ANA);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(AssayDsseEnvelope) env = NULL;

  d->created_at = v1->expires - 60;
  d->not_after = v1->expires + WEEK;
  payload = payload_of (d);
  env = sign (payload, ASSAY_TEST_ANA, -1);
  verify_refused (env, chain, v1->expires, ASSAY_ERROR_VERIFICATION, "roster version 1 expired");
}

static void
test_deployment (void)
{
  g_autoptr(AssayRosterChain) chain = chain_new (NULL);
  AssayRoster *v1 = assay_roster_chain_get_current (chain);
  g_autoptr(AssayDecision) d = decision_new (v1, ASSAY_DECISION_KIND_DISMISS, ASSAY_TEST_ANA);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(AssayDsseEnvelope) env = NULL;
  AssayDecisionResult *result = NULL;
  g_autoptr(GError) error = NULL;

  g_free (d->deployment);
  d->deployment = g_strdup ("other.assay.example");
  payload = payload_of (d);
  env = sign (payload, ASSAY_TEST_ANA, -1);
  verify_refused (env, chain, NOW, ASSAY_ERROR_VERIFICATION, "for deployment “other.assay.example”");
  /* A verifier of another deployment refuses this chain's decisions. */
  g_assert_false (assay_decision_verify (env, chain, "other.assay.example", NOW, &result, &error));
  assert_refused (error, ASSAY_ERROR_VERIFICATION, "the roster is for deployment");
}

static void
test_times (void)
{
  g_autoptr(AssayRosterChain) chain = chain_new (NULL);
  AssayRoster *v1 = assay_roster_chain_get_current (chain);
  g_autoptr(AssayDecision) d = decision_new (v1, ASSAY_DECISION_KIND_DISMISS, ASSAY_TEST_ANA);
  g_autoptr(GBytes) payload = payload_of (d);
  g_autoptr(AssayDsseEnvelope) env = sign (payload, ASSAY_TEST_ANA, -1);
  g_autoptr(AssayDecisionResult) at_end = verify_ok (env, chain, NOW + WEEK);
  g_autoptr(AssayDecisionResult) skewed = NULL;

  g_assert_true (at_end->complete);
  verify_refused (env, chain, NOW + WEEK + 1, ASSAY_ERROR_VERIFICATION, "expired at 2026-01-08T00:00:00Z");
  /* created_at may be up to 300 s ahead of the verifier's clock. */
  skewed = verify_ok (env, chain, NOW - ASSAY_DECISION_MAX_SKEW);
  verify_refused (env, chain, NOW - ASSAY_DECISION_MAX_SKEW - 1, ASSAY_ERROR_VERIFICATION,
                  "301 seconds in the future");
}

/* The roster a decision names: a version of the chain, byte for byte. */
static void
test_roster_named (void)
{
  g_autoptr(AssayRosterChain) chain = chain_new (NULL);
  AssayRoster *v1 = assay_roster_chain_get_current (chain);
  g_autoptr(AssayDecision) ahead = decision_new (v1, ASSAY_DECISION_KIND_DISMISS, ASSAY_TEST_ANA);
  g_autoptr(AssayDecision) forged = decision_new (v1, ASSAY_DECISION_KIND_DISMISS, ASSAY_TEST_ANA);
  g_autoptr(GBytes) p1 = NULL, p2 = NULL;
  g_autoptr(AssayDsseEnvelope) e1 = NULL, e2 = NULL;

  ahead->roster_version = 2;
  g_free (forged->roster_sha256);
  forged->roster_sha256 = g_strdup (HASH_B);
  p1 = payload_of (ahead);
  p2 = payload_of (forged);
  e1 = sign (p1, ASSAY_TEST_ANA, -1);
  e2 = sign (p2, ASSAY_TEST_ANA, -1);
  verify_refused (e1, chain, NOW, ASSAY_ERROR_VERIFICATION, "roster version 2, which is not");
  verify_refused (e2, chain, NOW, ASSAY_ERROR_VERIFICATION, "with another hash");
}

/* A kind the roster has no rule for. */
static void
test_kind_missing (void)
{
  g_autoptr(AssayRoster) v2 = assay_test_roster_new (&signers, 2, HASH_A);
  g_autoptr(AssayRosterChain) chain = NULL;
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(AssayDsseEnvelope) env = NULL;

  v2->kinds[ASSAY_DECISION_KIND_ZERO].present = FALSE;
  chain = chain_new (v2);
  d = decision_new (assay_roster_chain_get_version (chain, 1), ASSAY_DECISION_KIND_ZERO, ASSAY_TEST_ANA);
  payload = payload_of (d);
  env = sign (payload, ASSAY_TEST_ANA, ASSAY_TEST_BO, -1);
  verify_refused (env, chain, NOW, ASSAY_ERROR_VERIFICATION, "no rule for decisions of kind zero");
}

static void
test_oversized (void)
{
  g_autoptr(AssayRosterChain) chain = chain_new (NULL);
  AssayRoster *v1 = assay_roster_chain_get_current (chain);
  g_autoptr(AssayDecision) d = decision_new (v1, ASSAY_DECISION_KIND_DISMISS, ASSAY_TEST_ANA);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(AssayDsseEnvelope) env = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayDsseEnvelope) parsed = NULL;

  /* 1000 entries make a payload of about 100 KB. */
  for (guint i = 0; i < ASSAY_DECISION_MAX_INPUTS - 1; i++)
    assay_decision_add_entry (d, i, HASH_A);
  payload = payload_of (d);
  env = sign (payload, ASSAY_TEST_ANA, -1);
  verify_refused (env, chain, NOW, ASSAY_ERROR_INVALID_DATA, "larger than 64 KiB");
  json = assay_dsse_envelope_to_json (env);
  parsed = assay_dsse_envelope_new_from_json (json, -1, &error);
  g_assert_null (parsed);
  assert_refused (error, ASSAY_ERROR_INVALID_DATA, "larger than 64 KiB");
}

/* Sequence and id checks against the log's state. */
static void
test_sequence (void)
{
  g_autoptr(AssayRoster) roster = assay_test_roster_new (&signers, 1, NULL);
  g_autoptr(GBytes) rp = assay_roster_to_payload (roster, NULL);
  g_autoptr(AssayDecision) first = decision_new (roster, ASSAY_DECISION_KIND_FREEZE, ASSAY_TEST_ANA);
  g_autoptr(AssayDecision) second = decision_new (roster, ASSAY_DECISION_KIND_RESTORE, ASSAY_TEST_ANA);
  g_autoptr(GError) error = NULL;

  second->subject_seq = 2;
  second->supersedes = g_strdup (HASH_A);

  g_assert_true (assay_decision_check_sequence (first, NULL, 0, &error));
  g_assert_true (assay_decision_check_sequence (second, HASH_A, 1, &error));
  g_assert_no_error (error);
  /* A second decision at the same subject_seq: 409. */
  g_assert_false (assay_decision_check_sequence (first, HASH_B, 1, &error));
  assert_refused (error, ASSAY_ERROR_EXISTS, "conflict");
  g_clear_error (&error);
  g_assert_false (assay_decision_check_sequence (second, HASH_B, 2, &error));
  assert_refused (error, ASSAY_ERROR_EXISTS, "conflict");
  g_clear_error (&error);
  /* The right number, but made without the last decision: 409 as well. */
  g_assert_false (assay_decision_check_sequence (second, HASH_B, 1, &error));
  assert_refused (error, ASSAY_ERROR_EXISTS, "conflict");
  g_clear_error (&error);
  /* Skipping ahead. */
  g_assert_false (assay_decision_check_sequence (second, NULL, 0, &error));
  assert_refused (error, ASSAY_ERROR_VERIFICATION, "one is missing");
  g_clear_error (&error);

  /* The same decision_id: the same bytes are a retry, others a conflict. */
  g_assert_true (assay_decision_check_id (HASH_A, NULL, &error));
  g_assert_true (assay_decision_check_id (HASH_A, HASH_A, &error));
  g_assert_no_error (error);
  g_assert_false (assay_decision_check_id (HASH_A, HASH_B, &error));
  assert_refused (error, ASSAY_ERROR_EXISTS, "decision_id");
}

/* ---- objections ------------------------------------------------------------------ */

typedef void (*ObjectionSpoil) (AssayObjection *o);

/* Chen's objection to ana's freeze @d (hash @hash), changed by @spoil,
 * signed by @signer (chen when -1). */
static AssayDsseEnvelope *
objection_envelope (AssayRosterChain *chain,
                    AssayDecision    *d,
                    const char       *hash,
                    ObjectionSpoil    spoil,
                    int               signer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayObjection) o = assay_objection_new (d, hash, assay_roster_chain_get_current (chain),
                                                     signers.keyids[ASSAY_TEST_CHEN], "A wedding, not a fraud.",
                                                     NOW + 60, &error);
  g_autofree char *json = NULL;
  AssayDsseEnvelope *env;

  g_assert_no_error (error);
  if (spoil != NULL)
    spoil (o);
  json = assay_objection_sign (o, signers.keys[signer >= 0 ? signer : ASSAY_TEST_CHEN], &error);
  g_assert_no_error (error);
  env = assay_dsse_envelope_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  return env;
}

static void
objection_refused (AssayDsseEnvelope *env,
                   AssayRosterChain  *chain,
                   AssayDecision     *d,
                   const char        *hash,
                   gint64             now,
                   int                code,
                   const char        *fragment)
{
  AssayObjectionResult *result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (assay_objection_verify (env, chain, ASSAY_TEST_DEPLOYMENT, hash, d, now, &result, &error));
  g_assert_null (result);
  g_test_message ("%s", error->message);
  assert_refused (error, code, fragment);
}

static void spoil_o_future (AssayObjection *o) { o->created_at = NOW + 3600; }
static void spoil_o_late (AssayObjection *o) { o->created_at = NOW + WEEK + 1; }
static void spoil_o_proposal (AssayObjection *o) { g_free (o->proposal); o->proposal = g_strdup (HASH_B); }
static void spoil_o_kind (AssayObjection *o) { o->kind = ASSAY_DECISION_KIND_ZERO; }
static void spoil_o_role (AssayObjection *o) { o->role = ASSAY_ROLE_ARBITRATION; }
static void spoil_o_roster (AssayObjection *o) { g_free (o->roster_sha256); o->roster_sha256 = g_strdup (HASH_A); }
static void spoil_o_author (AssayObjection *o) { g_free (o->author); o->author = g_strdup (signers.keyids[ASSAY_TEST_BO]); }

/* An objection verifies as chen's, with its rationale; each member that
 * binds it (proposal, kind, role, roster, author, times) is checked, and
 * the signature before the payload is read. */
static void
test_objection (void)
{
  g_autoptr(AssayRosterChain) chain = chain_new (NULL);
  AssayRoster *v1 = assay_roster_chain_get_current (chain);
  g_autoptr(AssayDecision) d = decision_new (v1, ASSAY_DECISION_KIND_FREEZE, ASSAY_TEST_ANA);
  g_autoptr(GBytes) payload = payload_of (d);
  g_autofree char *hash = assay_decision_hash (payload);
  g_autoptr(AssayDsseEnvelope) env = objection_envelope (chain, d, hash, NULL, -1);
  g_autoptr(AssayObjectionResult) result = NULL;
  g_autoptr(GError) error = NULL;
  static const struct { ObjectionSpoil spoil; const char *fragment; } cases[] = {
    { spoil_o_future, "seconds in the future" }, { spoil_o_late, "after the proposal expired" },
    { spoil_o_proposal, "opposes proposal" }, { spoil_o_kind, "names kind zero" },
    { spoil_o_role, "is made in role committee" }, { spoil_o_roster, "roster version 1 with a hash" },
    { spoil_o_author, "not by its author" },
  };

  g_assert_true (assay_objection_verify (env, chain, ASSAY_TEST_DEPLOYMENT, hash, d, NOW + 120, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result->holder, ==, "chen");
  g_assert_cmpstr (result->objection->rationale, ==, "A wedding, not a fraud.");
  {
    g_autofree char *objection_hash = assay_decision_hash (env->payload);

    g_assert_cmpstr (result->sha256, ==, objection_hash);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AssayDsseEnvelope) spoiled = objection_envelope (chain, d, hash, cases[i].spoil, -1);

      objection_refused (spoiled, chain, d, hash, NOW + 120, ASSAY_ERROR_VERIFICATION, cases[i].fragment);
    }
  /* The proposal has expired: nobody votes on it any more. */
  objection_refused (env, chain, d, hash, NOW + WEEK + 10, ASSAY_ERROR_VERIFICATION, "expired");
  /* Another deployment than the verifier's. */
  {
    AssayObjectionResult *none = NULL;

    g_clear_error (&error);
    g_assert_false (assay_objection_verify (env, chain, "other.example", hash, d, NOW + 120, &none, &error));
    assert_refused (error, ASSAY_ERROR_VERIFICATION, "deployment");
    g_clear_error (&error);
  }
  /* An arbitrator holds no committee role; a decision's payload type is not an objection's. */
  {
    g_autoptr(AssayDsseEnvelope) arb = objection_envelope (chain, d, hash, spoil_o_author, ASSAY_TEST_BO);
    g_autoptr(AssayDsseEnvelope) outsider = NULL;
    g_autoptr(AssayObjection) o = assay_objection_new (d, hash, v1, signers.keyids[ASSAY_TEST_ARB_0], "No.", NOW,
                                                       &error);
    g_autofree char *json = assay_objection_sign (o, signers.keys[ASSAY_TEST_ARB_0], &error);
    g_autoptr(AssayDsseEnvelope) typed = assay_dsse_envelope_new (ASSAY_DECISION_PAYLOAD_TYPE, env->payload);

    g_assert_no_error (error);
    outsider = assay_dsse_envelope_new_from_json (json, -1, &error);
    objection_refused (outsider, chain, d, hash, NOW + 120, ASSAY_ERROR_VERIFICATION, "does not hold the role committee");
    objection_refused (typed, chain, d, hash, NOW + 120, ASSAY_ERROR_VERIFICATION, "not an objection");
    /* Bo signing as bo is fine; two signatures are not. */
    g_clear_pointer (&result, assay_objection_result_free);
    g_assert_true (assay_objection_verify (arb, chain, ASSAY_TEST_DEPLOYMENT, hash, d, NOW + 120, &result, &error));
    g_assert_cmpstr (result->holder, ==, "bo");
    assay_dsse_envelope_sign (arb, signers.keys[ASSAY_TEST_CHEN]);
    objection_refused (arb, chain, d, hash, NOW + 120, ASSAY_ERROR_VERIFICATION, "exactly one signature");
  }
  /* A tampered payload under chen's signature: it no longer verifies. */
  {
    gsize len = g_bytes_get_size (env->payload);
    char *bytes = g_memdup2 (g_bytes_get_data (env->payload, NULL), len);
    AssayDsseSignature *orig = g_ptr_array_index (env->signatures, 0);
    AssayDsseSignature *copy = g_new0 (AssayDsseSignature, 1);
    g_autoptr(AssayDsseEnvelope) tampered = NULL;
    g_autoptr(GBytes) changed = NULL;

    g_assert_nonnull (g_strstr_len (bytes, len, "wedding"));
    g_strstr_len (bytes, len, "wedding")[0] = 'W';
    changed = g_bytes_new_take (bytes, len);
    tampered = assay_dsse_envelope_new (ASSAY_OBJECTION_PAYLOAD_TYPE, changed);
    copy->keyid = g_strdup (orig->keyid);
    copy->sig = g_bytes_ref (orig->sig);
    g_ptr_array_add (tampered->signatures, copy);
    objection_refused (tampered, chain, d, hash, NOW + 120, ASSAY_ERROR_VERIFICATION, "does not verify");
  }
  /* The rationale is required. */
  {
    AssayObjection *empty = assay_objection_new (d, hash, v1, signers.keyids[ASSAY_TEST_CHEN], "  \n", NOW, &error);

    g_assert_null (empty);
    assert_refused (error, ASSAY_ERROR_INVALID_ARGUMENT, "needs a rationale");
  }
}

int
main (int argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  assay_test_signers_init (&signers);
  g_test_add_func ("/assay/decision/payload", test_payload);
  g_test_add_func ("/assay/decision/payload-refused", test_payload_refused);
  g_test_add_func ("/assay/decision/payload-digest", test_payload_digest);
  g_test_add_func ("/assay/decision/verify-complete", test_verify_complete);
  g_test_add_func ("/assay/decision/verify-quorum", test_verify_quorum);
  g_test_add_func ("/assay/decision/payload-type", test_payload_type);
  g_test_add_func ("/assay/decision/non-canonical", test_non_canonical);
  g_test_add_func ("/assay/decision/signatures-refused", test_signatures_refused);
  g_test_add_func ("/assay/decision/junk-padding", test_junk_padding);
  g_test_add_func ("/assay/decision/same-holder", test_same_holder);
  g_test_add_func ("/assay/decision/role", test_role);
  g_test_add_func ("/assay/decision/revoked", test_revoked);
  g_test_add_func ("/assay/decision/key-window", test_key_window);
  g_test_add_func ("/assay/decision/expired-roster", test_expired_roster);
  g_test_add_func ("/assay/decision/deployment", test_deployment);
  g_test_add_func ("/assay/decision/times", test_times);
  g_test_add_func ("/assay/decision/roster-named", test_roster_named);
  g_test_add_func ("/assay/decision/kind-missing", test_kind_missing);
  g_test_add_func ("/assay/decision/oversized", test_oversized);
  g_test_add_func ("/assay/decision/sequence", test_sequence);
  g_test_add_func ("/assay/decision/objection", test_objection);
  ret = g_test_run ();
  assay_test_signers_clear (&signers);
  return ret;
}
