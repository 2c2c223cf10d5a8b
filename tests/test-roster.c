/* test-roster.c — the roster: its payload, signature counting and the chain of versions
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

#include "assay-canonical-json.h"
#include "assay-error.h"
#include "assay-quorum.h"
#include "assay-roster-chain.h"
#include "assay-test-roster.h"

#define NOW ASSAY_TEST_NOW

static AssayTestSigners signers;

/* Asserts @error has @code and its message contains @fragment. */
static void
assert_refused (GError     *error,
                int         code,
                const char *fragment)
{
  g_assert_error (error, ASSAY_ERROR, code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, fragment);
}

static GBytes *
payload_of (AssayRoster *roster)
{
  g_autoptr(GError) error = NULL;
  GBytes *payload = assay_roster_to_payload (roster, &error);

  g_assert_no_error (error);
  return payload;
}

static void
append_ok (AssayRosterChain *chain,
           const char       *json,
           gint64            now)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (assay_roster_chain_append (chain, json, -1, now, &error));
  g_assert_no_error (error);
}

static void
append_refused (AssayRosterChain *chain,
                const char       *json,
                gint64            now,
                int               code,
                const char       *fragment)
{
  g_autoptr(GError) error = NULL;
  AssayRoster *before = assay_roster_chain_get_current (chain);

  g_assert_false (assay_roster_chain_append (chain, json, -1, now, &error));
  assert_refused (error, code, fragment);
  g_assert_true (assay_roster_chain_get_current (chain) == before);
}

/* A chain holding the standard version 1; its roster in @v1. */
static AssayRosterChain *
chain_v1 (AssayRoster **v1)
{
  AssayRosterChain *chain = assay_roster_chain_new ();
  g_autoptr(AssayRoster) roster = assay_test_roster_new (&signers, 1, NULL);
  g_autofree char *json = assay_test_roster_sign (roster, &signers,
                                                  ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);

  append_ok (chain, json, NOW);
  if (v1 != NULL)
    *v1 = assay_roster_chain_get_current (chain);
  return chain;
}

static void
test_payload (void)
{
  g_autoptr(AssayRoster) roster = assay_test_roster_new (&signers, 1, NULL);
  g_autoptr(GBytes) payload = payload_of (roster);
  g_autoptr(AssayRoster) back = NULL;
  g_autoptr(GError) error = NULL;
  const AssayRosterKey *key;
  static const struct { AssayDecisionKind kind; AssayRole role; guint threshold; } defaults[] = {
    { ASSAY_DECISION_KIND_DISMISS, ASSAY_ROLE_COMMITTEE, 1 },
    { ASSAY_DECISION_KIND_CONFIRM, ASSAY_ROLE_COMMITTEE, 1 },
    { ASSAY_DECISION_KIND_DOWN_WEIGHT, ASSAY_ROLE_COMMITTEE, 1 },
    { ASSAY_DECISION_KIND_FREEZE, ASSAY_ROLE_COMMITTEE, 2 },
    { ASSAY_DECISION_KIND_RESTORE, ASSAY_ROLE_COMMITTEE, 1 },
    { ASSAY_DECISION_KIND_ZERO, ASSAY_ROLE_COMMITTEE, 2 },
    { ASSAY_DECISION_KIND_WEIGHTS, ASSAY_ROLE_COMMITTEE, 3 },
    { ASSAY_DECISION_KIND_RULING, ASSAY_ROLE_ARBITRATION, 2 },
    { ASSAY_DECISION_KIND_AUDIT_FINDINGS, ASSAY_ROLE_AUDIT, 1 },
    { ASSAY_DECISION_KIND_APPROVE, ASSAY_ROLE_COMMITTEE, 1 },
    { ASSAY_DECISION_KIND_DENY, ASSAY_ROLE_COMMITTEE, 1 },
  };

  g_assert_true (assay_canonical_json_check (payload, &error));
  back = assay_roster_new_from_payload (payload, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->deployment, ==, ASSAY_TEST_DEPLOYMENT);
  g_assert_cmpint (back->version, ==, 1);
  g_assert_null (back->prev);
  g_assert_cmpint (back->expires, ==, NOW + ASSAY_TEST_YEAR);
  g_assert_cmpstr (back->sha256, ==, roster->sha256);
  g_assert_cmpuint (g_hash_table_size (back->keys), ==, 10);
  key = assay_roster_lookup_key (back, signers.keyids[ASSAY_TEST_BO]);
  g_assert_nonnull (key);
  g_assert_cmpstr (key->holder, ==, "bo");
  g_assert_cmpmem (key->pub, 32, assay_key_file_get_public_key (signers.keys[ASSAY_TEST_BO]), 32);
  g_assert_true (assay_roster_role_has_key (back, ASSAY_ROLE_COMMITTEE, key->keyid));
  g_assert_false (assay_roster_role_has_key (back, ASSAY_ROLE_AUDIT, key->keyid));
  g_assert_cmpuint (back->roles[ASSAY_ROLE_ROSTER_ROOT].threshold, ==, 2);
  g_assert_cmpuint (assay_roster_count_role_holders (back, ASSAY_ROLE_COMMITTEE), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      AssayRosterKind *k = &back->kinds[defaults[i].kind];

      g_assert_true (k->present);
      g_assert_cmpint (k->role, ==, defaults[i].role);
      g_assert_cmpuint (k->threshold, ==, defaults[i].threshold);
    }
  /* One payload, one byte string. */
  {
    g_autoptr(GBytes) again = payload_of (back);

    g_assert_true (g_bytes_equal (again, payload));
  }
}

/* The payload of the standard roster with one change, re-encoded
 * canonically, must be refused with @fragment. */
typedef void (*Mutation) (JsonObject *top);

static void
assert_mutation_refused (Mutation    mutate,
                         const char *fragment)
{
  g_autoptr(AssayRoster) roster = assay_test_roster_new (&signers, 1, NULL);
  g_autoptr(GBytes) payload = payload_of (roster);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayRoster) back = NULL;
  gsize len;
  const char *data = g_bytes_get_data (payload, &len);

  g_assert_true (json_parser_load_from_data (parser, data, len, NULL));
  mutate (json_node_get_object (json_parser_get_root (parser)));
  changed = assay_canonical_json_encode (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  back = assay_roster_new_from_payload (changed, &error);
  g_assert_null (back);
  g_test_message ("%s", error->message);
  assert_refused (error, ASSAY_ERROR_INVALID_DATA, fragment);
}

static JsonObject *
member (JsonObject *obj,
        const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    obj = json_object_get_object_member (obj, parts[i]);
  return obj;
}

static JsonObject *
first_key (JsonObject *top)
{
  JsonObject *keys = json_object_get_object_member (top, "keys");
  g_autoptr(GList) names = json_object_get_members (keys);

  return json_object_get_object_member (keys, names->data);
}

static void mut_version_field (JsonObject *t) { json_object_set_int_member (t, "v", 2); }
static void mut_unknown_top (JsonObject *t) { json_object_set_int_member (t, "extra", 1); }
static void mut_missing (JsonObject *t) { json_object_remove_member (t, "expires"); }
static void mut_prev_v1 (JsonObject *t) { json_object_set_string_member (t, "prev", "00000000000000000000000000000000000000000000000000000000000000aa"); }
static void mut_v2_null_prev (JsonObject *t) { json_object_set_int_member (t, "version", 2); }
static void mut_unknown_key_member (JsonObject *t) { json_object_set_int_member (first_key (t), "weight", 1); }
static void mut_bad_window (JsonObject *t) { json_object_set_int_member (first_key (t), "valid_after", 10); json_object_set_int_member (first_key (t), "valid_before", 10); }
static void mut_short_pub (JsonObject *t) { json_object_set_string_member (first_key (t), "pub", "AAAA"); }
static void mut_threshold_zero (JsonObject *t) { json_object_set_int_member (member (t, "roles.committee"), "threshold", 0); }
static void mut_threshold_high (JsonObject *t) { json_object_set_int_member (member (t, "roles.roster_root"), "threshold", 4); }
static void mut_kind_high (JsonObject *t) { json_object_set_int_member (member (t, "kinds.weights"), "threshold", 4); }
static void mut_unknown_role (JsonObject *t) { json_object_set_object_member (member (t, "roles"), "treasurer", json_object_ref (member (t, "roles.audit"))); }
static void mut_missing_role (JsonObject *t) { json_object_remove_member (member (t, "roles"), "audit"); }
static void mut_unknown_kind (JsonObject *t) { json_object_set_object_member (member (t, "kinds"), "banish", json_object_ref (member (t, "kinds.freeze"))); }
static void mut_kind_root (JsonObject *t) { json_object_set_string_member (member (t, "kinds.freeze"), "role", "roster_root"); }
static void mut_kind_bad_role (JsonObject *t) { json_object_set_string_member (member (t, "kinds.freeze"), "role", "treasurer"); }

static void
mut_keyid (JsonObject *t)
{
  JsonObject *keys = json_object_get_object_member (t, "keys");
  JsonObject *key = first_key (t);

  /* The same key under another id. */
  json_object_set_object_member (keys, "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                                 json_object_ref (key));
}

static void
mut_role_unknown_keyid (JsonObject *t)
{
  JsonArray *ids = json_object_get_array_member (member (t, "roles.audit"), "keyids");

  json_array_add_string_element (ids, "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee");
}

static void
mut_role_keyid_twice (JsonObject *t)
{
  JsonArray *ids = json_object_get_array_member (member (t, "roles.audit"), "keyids");

  json_array_add_string_element (ids, json_array_get_string_element (ids, 0));
}

static void
test_payload_refused (void)
{
  static const struct { Mutation mutate; const char *fragment; } cases[] = {
    { mut_version_field, "“v”" },
    { mut_unknown_top, "unknown member “extra”" },
    { mut_missing, "“expires”" },
    { mut_prev_v1, "“prev” must be null" },
    { mut_v2_null_prev, "“prev” must be null" },
    { mut_unknown_key_member, "weight" },
    { mut_bad_window, "valid before" },
    { mut_short_pub, "pub" },
    { mut_keyid, "is not the SHA-256 of its public key" },
    { mut_threshold_zero, "roles.committee.threshold" },
    { mut_threshold_high, "belong to 3 holders" },
    { mut_kind_high, "weights needs 4 signatures" },
    { mut_unknown_role, "treasurer" },
    { mut_missing_role, "roles.audit" },
    { mut_unknown_kind, "banish" },
    { mut_kind_root, "roster_root" },
    { mut_kind_bad_role, "kinds.freeze.role" },
    { mut_role_unknown_keyid, "not in “keys”" },
    { mut_role_keyid_twice, "twice" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_mutation_refused (cases[i].mutate, cases[i].fragment);
}

/* One holder counts once, however many keys they have. */
static void
test_threshold_holders (void)
{
  g_autoptr(AssayRoster) roster = assay_test_roster_new (&signers, 1, NULL);
  g_autoptr(GError) error = NULL;

  assay_test_roster_add (roster, &signers, ASSAY_TEST_SPARE_0, "auditor", ASSAY_ROLE_AUDIT);
  assay_roster_set_threshold (roster, ASSAY_ROLE_AUDIT, 2);
  g_assert_null (assay_roster_to_payload (roster, &error));
  assert_refused (error, ASSAY_ERROR_INVALID_DATA, "belong to 1 holders");
  g_clear_error (&error);
  /* A second holder makes 2 reachable. */
  assay_test_roster_add (roster, &signers, ASSAY_TEST_SPARE_1, NULL, ASSAY_ROLE_AUDIT);
  {
    g_autoptr(GBytes) payload = assay_roster_to_payload (roster, &error);

    g_assert_no_error (error);
    g_assert_nonnull (payload);
  }
}

static void
test_non_canonical (void)
{
  g_autoptr(AssayRoster) roster = assay_test_roster_new (&signers, 1, NULL);
  g_autoptr(GBytes) payload = payload_of (roster);
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (payload, &len);
  g_autofree char *spaced = g_strdup_printf (" %.*s", (int) len, data);
  g_autofree char *duplicated = g_strdup_printf ("{\"v\":1,%.*s", (int) len - 1, data + 1);
  g_autoptr(GBytes) b1 = g_bytes_new (spaced, strlen (spaced));
  g_autoptr(GBytes) b2 = g_bytes_new (duplicated, strlen (duplicated));

  g_assert_null (assay_roster_new_from_payload (b1, &error));
  assert_refused (error, ASSAY_ERROR_INVALID_DATA, "not canonical");
  g_clear_error (&error);
  g_assert_null (assay_roster_new_from_payload (b2, &error));
  assert_refused (error, ASSAY_ERROR_INVALID_DATA, "duplicate key");
}

/* Version 1 → 2 → 3: a root key replaced at each step, each version signed
 * by the old and the new roster_root thresholds. */
static void
test_rotation (void)
{
  g_autoptr(AssayRosterChain) chain = assay_roster_chain_new ();
  g_autoptr(AssayRoster) v1 = assay_test_roster_new (&signers, 1, NULL);
  g_autoptr(AssayRoster) v2 = NULL;
  g_autoptr(AssayRoster) v3 = NULL;
  g_autofree char *j1 = NULL, *j2 = NULL, *j3 = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (assay_roster_chain_get_current (chain));
  j1 = assay_test_roster_sign (v1, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_2, -1);
  append_ok (chain, j1, NOW);

  /* v2: root-2 leaves, spare-0 joins as a root. */
  v2 = assay_roster_new (ASSAY_TEST_DEPLOYMENT, 2, NOW + ASSAY_TEST_YEAR, v1->sha256);
  for (guint i = ASSAY_TEST_ROOT_0; i <= ASSAY_TEST_AUDITOR; i++)
    if (i != ASSAY_TEST_ROOT_2)
      assay_test_roster_add (v2, &signers, i, NULL,
                             i <= ASSAY_TEST_ROOT_2 ? ASSAY_ROLE_ROSTER_ROOT
                             : i <= ASSAY_TEST_CHEN ? ASSAY_ROLE_COMMITTEE
                             : i <= ASSAY_TEST_ARB_2 ? ASSAY_ROLE_ARBITRATION : ASSAY_ROLE_AUDIT);
  assay_test_roster_add (v2, &signers, ASSAY_TEST_SPARE_0, NULL, ASSAY_ROLE_ROSTER_ROOT);
  assay_roster_set_threshold (v2, ASSAY_ROLE_ROSTER_ROOT, 2);
  assay_roster_set_threshold (v2, ASSAY_ROLE_COMMITTEE, 1);
  assay_roster_set_threshold (v2, ASSAY_ROLE_ARBITRATION, 2);
  assay_roster_set_threshold (v2, ASSAY_ROLE_AUDIT, 1);
  assay_roster_set_default_kinds (v2);
  /* root-0 and root-1 meet both thresholds. */
  j2 = assay_test_roster_sign (v2, &signers, ASSAY_TEST_ROOT_1, ASSAY_TEST_ROOT_0, -1);
  append_ok (chain, j2, NOW + 10);

  /* v3: the same members; signed by root-1 and spare-0, a new root of v2. */
  v3 = assay_test_roster_new (&signers, 3, v2->sha256);
  assay_roster_set_threshold (v3, ASSAY_ROLE_ROSTER_ROOT, 1);
  j3 = assay_test_roster_sign (v3, &signers, ASSAY_TEST_ROOT_1, ASSAY_TEST_SPARE_0, -1);
  append_ok (chain, j3, NOW + 20);

  g_assert_cmpint (assay_roster_chain_get_current (chain)->version, ==, 3);
  g_assert_cmpstr (assay_roster_chain_get_version (chain, 1)->sha256, ==, v1->sha256);
  g_assert_cmpstr (assay_roster_chain_get_version (chain, 2)->sha256, ==, v2->sha256);
  g_assert_cmpstr (assay_roster_chain_get_version (chain, 3)->prev, ==, v2->sha256);
  g_assert_null (assay_roster_chain_get_version (chain, 4));
  g_assert_null (assay_roster_chain_get_version (chain, 0));
  g_assert_true (assay_roster_chain_check_current (chain, NOW + 30, &error) != NULL);
  g_assert_no_error (error);
}

static void
test_first_version (void)
{
  g_autoptr(AssayRosterChain) chain = assay_roster_chain_new ();
  g_autoptr(AssayRoster) v2 = assay_test_roster_new (&signers, 2, "0000000000000000000000000000000000000000000000000000000000000000");
  g_autoptr(AssayRoster) v1 = assay_test_roster_new (&signers, 1, NULL);
  g_autofree char *j2 = assay_test_roster_sign (v2, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
  g_autofree char *one = assay_test_roster_sign (v1, &signers, ASSAY_TEST_ROOT_0, -1);
  g_autofree char *by_committee = assay_test_roster_sign (v1, &signers, ASSAY_TEST_ANA, ASSAY_TEST_BO, -1);

  append_refused (chain, j2, NOW, ASSAY_ERROR_VERIFICATION, "must be version 1");
  /* Trust on first use still needs the roster's own threshold. */
  append_refused (chain, one, NOW, ASSAY_ERROR_VERIFICATION, "signed by 1 of the 2 roster_root");
  append_refused (chain, by_committee, NOW, ASSAY_ERROR_VERIFICATION, "signed by 0 of the 2");
}

/* A standard v2 after the chain's v1, with @prev (NULL: v1's hash). */
static AssayRoster *
next_roster (AssayRoster *v1,
             gint64       version,
             const char  *deployment)
{
  AssayRoster *r = assay_test_roster_new (&signers, version, v1->sha256);

  if (deployment != NULL)
    {
      g_free (r->deployment);
      r->deployment = g_strdup (deployment);
    }
  return r;
}

static void
test_rollback_skip (void)
{
  AssayRoster *v1;
  g_autoptr(AssayRosterChain) chain = chain_v1 (&v1);
  g_autoptr(AssayRoster) again = assay_test_roster_new (&signers, 1, NULL);
  g_autoptr(AssayRoster) v3 = next_roster (v1, 3, NULL);
  g_autoptr(AssayRoster) other = next_roster (v1, 2, "other.assay.example");
  g_autoptr(AssayRoster) wrong_prev = assay_test_roster_new (&signers, 2, "1111111111111111111111111111111111111111111111111111111111111111");
  g_autoptr(AssayRoster) v2 = next_roster (v1, 2, NULL);
  g_autofree char *j_again = NULL, *j3 = NULL, *j_other = NULL, *j_prev = NULL, *j2 = NULL;

  assay_roster_set_threshold (again, ASSAY_ROLE_COMMITTEE, 2);
  j_again = assay_test_roster_sign (again, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
  j3 = assay_test_roster_sign (v3, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
  j_other = assay_test_roster_sign (other, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
  j_prev = assay_test_roster_sign (wrong_prev, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
  j2 = assay_test_roster_sign (v2, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);

  append_refused (chain, j_again, NOW, ASSAY_ERROR_VERIFICATION, "rollback");
  append_refused (chain, j3, NOW, ASSAY_ERROR_VERIFICATION, "skips a version");
  append_refused (chain, j_other, NOW, ASSAY_ERROR_VERIFICATION, "other.assay.example");
  append_refused (chain, j_prev, NOW, ASSAY_ERROR_VERIFICATION, "predecessor");
  append_ok (chain, j2, NOW);
  /* v1 again, now that v2 is current: a rollback too. */
  {
    g_autofree char *j1 = assay_test_roster_sign (v1, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);

    append_refused (chain, j1, NOW, ASSAY_ERROR_VERIFICATION, "rollback");
  }
}

/* v2 hands roster_root to spare-0 and spare-1 (threshold 2): only the old
 * roots, or only the new ones, do not suffice. */
static void
test_rotation_both_thresholds (void)
{
  AssayRoster *v1;
  g_autoptr(AssayRosterChain) chain = chain_v1 (&v1);
  g_autoptr(AssayRoster) v2 = assay_roster_new (ASSAY_TEST_DEPLOYMENT, 2, NOW + ASSAY_TEST_YEAR, v1->sha256);
  g_autofree char *old_only = NULL, *new_only = NULL, *both = NULL, *one_old = NULL;

  assay_test_roster_add (v2, &signers, ASSAY_TEST_SPARE_0, NULL, ASSAY_ROLE_ROSTER_ROOT);
  assay_test_roster_add (v2, &signers, ASSAY_TEST_SPARE_1, NULL, ASSAY_ROLE_ROSTER_ROOT);
  assay_test_roster_add (v2, &signers, ASSAY_TEST_ANA, NULL, ASSAY_ROLE_COMMITTEE);
  assay_test_roster_add (v2, &signers, ASSAY_TEST_ARB_0, NULL, ASSAY_ROLE_ARBITRATION);
  assay_test_roster_add (v2, &signers, ASSAY_TEST_AUDITOR, NULL, ASSAY_ROLE_AUDIT);
  assay_roster_set_threshold (v2, ASSAY_ROLE_ROSTER_ROOT, 2);
  assay_roster_set_threshold (v2, ASSAY_ROLE_COMMITTEE, 1);
  assay_roster_set_threshold (v2, ASSAY_ROLE_ARBITRATION, 1);
  assay_roster_set_threshold (v2, ASSAY_ROLE_AUDIT, 1);
  old_only = assay_test_roster_sign (v2, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
  new_only = assay_test_roster_sign (v2, &signers, ASSAY_TEST_SPARE_0, ASSAY_TEST_SPARE_1, -1);
  one_old = assay_test_roster_sign (v2, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_SPARE_0,
                                    ASSAY_TEST_SPARE_1, -1);
  both = assay_test_roster_sign (v2, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_SPARE_0,
                                 ASSAY_TEST_ROOT_2, ASSAY_TEST_SPARE_1, -1);

  append_refused (chain, old_only, NOW, ASSAY_ERROR_VERIFICATION,
                  "roster version 2 is signed by 0 of the 2 roster_root holders that version 2");
  append_refused (chain, new_only, NOW, ASSAY_ERROR_VERIFICATION,
                  "roster version 2 is signed by 0 of the 2 roster_root holders that version 1");
  append_refused (chain, one_old, NOW, ASSAY_ERROR_VERIFICATION, "version 1 requires (root-0)");
  append_ok (chain, both, NOW);
  g_assert_cmpint (assay_roster_chain_get_current (chain)->version, ==, 2);
}

/* Signature counting, on a roster whose committee has ana (two keys), bo
 * and chen. */
static AssayDsseEnvelope *
envelope_signed_by (const guint *indices,
                    guint        n)
{
  g_autoptr(GBytes) payload = g_bytes_new_static ("{}", 2);
  AssayDsseEnvelope *env = assay_dsse_envelope_new (ASSAY_DECISION_PAYLOAD_TYPE, payload);

  for (guint i = 0; i < n; i++)
    assay_dsse_envelope_sign (env, signers.keys[indices[i]]);
  return env;
}

/* Adds a signature by an unknown key (spare-1 with a made-up key id). */
static void
add_junk (AssayDsseEnvelope *env,
          guint              n)
{
  for (guint i = 0; i < n; i++)
    {
      AssayDsseSignature *s;

      assay_dsse_envelope_sign (env, signers.keys[ASSAY_TEST_SPARE_1]);
      s = g_ptr_array_index (env->signatures, env->signatures->len - 1);
      g_free (s->keyid);
      s->keyid = g_strdup_printf ("%064x", i + 1);
      /* Distinct bytes, so that they are not the same signature. */
      {
        gsize len;
        g_autofree guint8 *b = g_memdup2 (g_bytes_get_data (s->sig, &len), 64);

        b[0] ^= i + 1;
        g_bytes_unref (s->sig);
        s->sig = g_bytes_new (b, 64);
      }
    }
}

static AssayRoster *
committee_roster (void)
{
  AssayRoster *roster = assay_test_roster_new (&signers, 1, NULL);
  g_autoptr(GBytes) payload = NULL;

  assay_test_roster_add (roster, &signers, ASSAY_TEST_SPARE_0, "ana", ASSAY_ROLE_COMMITTEE);
  assay_roster_set_threshold (roster, ASSAY_ROLE_COMMITTEE, 2);
  payload = payload_of (roster);
  return roster;
}

static AssayQuorum *
count (AssayRoster       *roster,
       AssayDsseEnvelope *env,
       gint64             time,
       GError           **error)
{
  return assay_quorum_check (roster, env, ASSAY_ROLE_COMMITTEE, time, error);
}

static void
test_count_junk (void)
{
  g_autoptr(AssayRoster) roster = committee_roster ();
  const guint one[] = { ASSAY_TEST_ANA };
  const guint two[] = { ASSAY_TEST_ANA, ASSAY_TEST_BO };
  g_autoptr(AssayDsseEnvelope) short_env = envelope_signed_by (one, 1);
  g_autoptr(AssayDsseEnvelope) full_env = envelope_signed_by (two, 2);
  g_autoptr(AssayQuorum) q1 = NULL;
  g_autoptr(AssayQuorum) q2 = NULL;
  g_autoptr(GError) error = NULL;

  /* k − 1 valid plus junk up to the limit: not met. */
  add_junk (short_env, ASSAY_DSSE_MAX_SIGNATURES - 1);
  q1 = count (roster, short_env, NOW, &error);
  g_assert_no_error (error);
  g_assert_false (assay_quorum_is_met (q1));
  g_assert_cmpuint (q1->holders->len, ==, 1);
  /* k valid plus junk: met, and the junk counts for nothing. */
  add_junk (full_env, 3);
  q2 = count (roster, full_env, NOW, &error);
  g_assert_no_error (error);
  g_assert_true (assay_quorum_is_met (q2));
  g_assert_cmpuint (q2->holders->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (q2->holders, 0), ==, "ana");
  g_assert_cmpstr (g_ptr_array_index (q2->holders, 1), ==, "bo");
}

static void
test_count_refused (void)
{
  g_autoptr(AssayRoster) roster = committee_roster ();
  const guint two[] = { ASSAY_TEST_ANA, ASSAY_TEST_BO };
  const guint same_holder[] = { ASSAY_TEST_ANA, ASSAY_TEST_SPARE_0 };
  g_autoptr(AssayDsseEnvelope) env = NULL;
  g_autoptr(AssayQuorum) q = NULL;
  g_autoptr(GError) error = NULL;
  AssayDsseSignature *s0, *s1;

  /* One holder with two keys counts once. */
  env = envelope_signed_by (same_holder, 2);
  q = count (roster, env, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (q->holders->len, ==, 1);
  g_assert_false (assay_quorum_is_met (q));
  g_clear_pointer (&q, assay_quorum_free);
  g_clear_pointer (&env, assay_dsse_envelope_free);

  /* The same signature twice (also under another key id). */
  env = envelope_signed_by (two, 2);
  s0 = g_ptr_array_index (env->signatures, 0);
  s1 = g_ptr_array_index (env->signatures, 1);
  g_bytes_unref (s1->sig);
  s1->sig = g_bytes_ref (s0->sig);
  g_assert_null (count (roster, env, NOW, &error));
  assert_refused (error, ASSAY_ERROR_VERIFICATION, "are the same signature");
  g_clear_error (&error);
  g_clear_pointer (&env, assay_dsse_envelope_free);

  /* The same key id twice (bo's signature relabelled as ana's). */
  env = envelope_signed_by (two, 2);
  s1 = g_ptr_array_index (env->signatures, 1);
  g_free (s1->keyid);
  s1->keyid = g_strdup (signers.keyids[ASSAY_TEST_ANA]);
  g_assert_null (count (roster, env, NOW, &error));
  assert_refused (error, ASSAY_ERROR_VERIFICATION, "signed twice");
  g_clear_error (&error);
  g_clear_pointer (&env, assay_dsse_envelope_free);

  /* A known key whose signature does not verify (bo's key id on chen's
   * signature). */
  {
    const guint pair[] = { ASSAY_TEST_ANA, ASSAY_TEST_CHEN };

    env = envelope_signed_by (pair, 2);
    s1 = g_ptr_array_index (env->signatures, 1);
    g_free (s1->keyid);
    s1->keyid = g_strdup (signers.keyids[ASSAY_TEST_BO]);
    g_assert_null (count (roster, env, NOW, &error));
    assert_refused (error, ASSAY_ERROR_VERIFICATION, "the signature by bo");
    g_clear_error (&error);
    g_clear_pointer (&env, assay_dsse_envelope_free);
  }

  /* More than 16 signatures, even if two would do. */
  env = envelope_signed_by (two, 2);
  add_junk (env, ASSAY_DSSE_MAX_SIGNATURES - 1);
  g_assert_null (count (roster, env, NOW, &error));
  assert_refused (error, ASSAY_ERROR_INVALID_DATA, "17 signatures");
}

/* A key counts only inside its validity window, judged at the time given
 * (for a roster: the time its entry was logged). */
static void
test_key_window (void)
{
  g_autoptr(AssayRosterChain) chain = assay_roster_chain_new ();
  g_autoptr(AssayRoster) v2 = NULL;
  g_autofree char *j2 = NULL;
  g_autoptr(AssayRoster) windowed = assay_roster_new (ASSAY_TEST_DEPLOYMENT, 1, NOW + ASSAY_TEST_YEAR, NULL);
  const char *keyid;
  g_autoptr(GError) error = NULL;
  const guint ana[] = { ASSAY_TEST_ANA };
  g_autoptr(AssayDsseEnvelope) env = envelope_signed_by (ana, 1);
  g_autoptr(AssayQuorum) q = NULL;

  /* root-0's key in v1 is replaced by one valid for a day only. */
  {
    g_autoptr(AssayRoster) r1 = assay_test_roster_new (&signers, 1, NULL);
    g_autofree char *j1 = NULL;

    assay_roster_add_key (r1, "root-0", assay_key_file_get_public_key (signers.keys[ASSAY_TEST_ROOT_0]),
                          NOW - 86400, NOW + 86400);
    j1 = assay_test_roster_sign (r1, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
    append_refused (chain, j1, NOW - 86401, ASSAY_ERROR_VERIFICATION, "is not valid at");
    append_refused (chain, j1, NOW + 86400, ASSAY_ERROR_VERIFICATION, "of root-0 is not valid at");
    append_ok (chain, j1, NOW);
    v2 = assay_test_roster_new (&signers, 2, r1->sha256);
  }
  j2 = assay_test_roster_sign (v2, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
  /* Logged after root-0's key ran out: refused; logged before: accepted. */
  append_refused (chain, j2, NOW + 2 * 86400, ASSAY_ERROR_VERIFICATION, "of root-0 is not valid at");
  append_ok (chain, j2, NOW + 3600);

  /* The same for a signature count. */
  keyid = assay_roster_add_key (windowed, "ana", assay_key_file_get_public_key (signers.keys[ASSAY_TEST_ANA]),
                                NOW, 0);
  assay_roster_add_to_role (windowed, ASSAY_ROLE_COMMITTEE, keyid);
  assay_roster_set_threshold (windowed, ASSAY_ROLE_COMMITTEE, 1);
  g_assert_null (count (windowed, env, NOW - 1, &error));
  assert_refused (error, ASSAY_ERROR_VERIFICATION, "of ana is not valid at 2025-12-31T23:59:59Z");
  q = count (windowed, env, NOW, NULL);
  g_assert_true (assay_quorum_is_met (q));
}

static void
test_expired (void)
{
  AssayRoster *v1;
  g_autoptr(AssayRosterChain) chain = chain_v1 (&v1);
  g_autoptr(AssayRosterChain) empty = assay_roster_chain_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (assay_roster_chain_check_current (chain, v1->expires - 1, &error) == v1);
  g_assert_no_error (error);
  g_assert_null (assay_roster_chain_check_current (chain, v1->expires, &error));
  assert_refused (error, ASSAY_ERROR_VERIFICATION, "expired at 2027-01-01T00:00:00Z");
  g_clear_error (&error);
  g_assert_null (assay_roster_chain_check_current (empty, NOW, &error));
  assert_refused (error, ASSAY_ERROR_VERIFICATION, "no roster");
}

static void
test_envelope_refused (void)
{
  g_autoptr(AssayRosterChain) chain = assay_roster_chain_new ();
  g_autoptr(AssayRoster) v1 = assay_test_roster_new (&signers, 1, NULL);
  g_autoptr(GBytes) payload = payload_of (v1);
  AssayKeyFile *roots[] = { signers.keys[ASSAY_TEST_ROOT_0], signers.keys[ASSAY_TEST_ROOT_1] };
  g_autoptr(AssayDsseEnvelope) env = assay_dsse_envelope_new_signed (ASSAY_DECISION_PAYLOAD_TYPE,
                                                                    payload, roots, 2);
  g_autofree char *as_decision = assay_dsse_envelope_to_json (env);
  g_autofree char *json = assay_test_roster_sign (v1, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
  g_autoptr(GString) big = g_string_new (json);

  /* The payload type changed: refused before any signature is looked at. */
  append_refused (chain, as_decision, NOW, ASSAY_ERROR_VERIFICATION, "not a roster’s");
  /* Over 64 KiB, refused unparsed (here: trailing blanks). */
  while (big->len <= ASSAY_DSSE_MAX_ENVELOPE_SIZE)
    g_string_append_c (big, ' ');
  append_refused (chain, big->str, NOW, ASSAY_ERROR_INVALID_DATA, "larger than 64 KiB");
  append_ok (chain, json, NOW);
}

int
main (int argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  assay_test_signers_init (&signers);
  g_test_add_func ("/assay/roster/payload", test_payload);
  g_test_add_func ("/assay/roster/payload-refused", test_payload_refused);
  g_test_add_func ("/assay/roster/threshold-holders", test_threshold_holders);
  g_test_add_func ("/assay/roster/non-canonical", test_non_canonical);
  g_test_add_func ("/assay/roster/rotation", test_rotation);
  g_test_add_func ("/assay/roster/first-version", test_first_version);
  g_test_add_func ("/assay/roster/rollback-skip", test_rollback_skip);
  g_test_add_func ("/assay/roster/rotation-both-thresholds", test_rotation_both_thresholds);
  g_test_add_func ("/assay/roster/count-junk", test_count_junk);
  g_test_add_func ("/assay/roster/count-refused", test_count_refused);
  g_test_add_func ("/assay/roster/key-window", test_key_window);
  g_test_add_func ("/assay/roster/expired", test_expired);
  g_test_add_func ("/assay/roster/envelope-refused", test_envelope_refused);
  ret = g_test_run ();
  assay_test_signers_clear (&signers);
  return ret;
}
