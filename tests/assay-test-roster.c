/* assay-test-roster.c — signers and a standard roster, for the roster and decision tests
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

#include <sodium.h>
#include <string.h>

#include "assay-day.h"
#include "assay-dsse.h"
#include "assay-key-file-private.h"
#include "assay-test-roster.h"
#include "assay-test-util.h"
#include "assay-weights.h"

static const char *const holders[ASSAY_TEST_N_SIGNERS] = {
  "root-0", "root-1", "root-2", "ana", "bo", "chen", "arb-0", "arb-1", "arb-2",
  "auditor", "spare-0", "spare-1",
};

const char *
assay_test_holder (guint index)
{
  g_assert (index < ASSAY_TEST_N_SIGNERS);
  return holders[index];
}

void
assay_test_signers_init (AssayTestSigners *signers)
{
  g_assert (sodium_init () >= 0);
  for (guint i = 0; i < ASSAY_TEST_N_SIGNERS; i++)
    {
      guint8 seed[32];

      memset (seed, 0, sizeof seed);
      seed[0] = i + 1;
      signers->keys[i] = _assay_key_file_new_from_seed (seed);
      signers->keyids[i] = assay_key_id (assay_key_file_get_public_key (signers->keys[i]));
    }
}

void
assay_test_signers_clear (AssayTestSigners *signers)
{
  for (guint i = 0; i < ASSAY_TEST_N_SIGNERS; i++)
    {
      g_clear_pointer (&signers->keys[i], assay_key_file_free);
      g_clear_pointer (&signers->keyids[i], g_free);
    }
}

void
assay_test_roster_add (AssayRoster      *roster,
                       AssayTestSigners *signers,
                       guint             index,
                       const char       *holder,
                       AssayRole         role)
{
  const char *keyid;

  g_assert (index < ASSAY_TEST_N_SIGNERS);
  keyid = assay_roster_add_key (roster, holder != NULL ? holder : holders[index],
                                assay_key_file_get_public_key (signers->keys[index]), 0, 0);
  assay_roster_add_to_role (roster, role, keyid);
}

AssayRoster *
assay_test_roster_new (AssayTestSigners *signers,
                       gint64            version,
                       const char       *prev)
{
  AssayRoster *roster = assay_roster_new (ASSAY_TEST_DEPLOYMENT, version,
                                          ASSAY_TEST_NOW + ASSAY_TEST_YEAR, prev);
  static const AssayRole roles[] = {
    ASSAY_ROLE_ROSTER_ROOT, ASSAY_ROLE_ROSTER_ROOT, ASSAY_ROLE_ROSTER_ROOT,
    ASSAY_ROLE_COMMITTEE, ASSAY_ROLE_COMMITTEE, ASSAY_ROLE_COMMITTEE,
    ASSAY_ROLE_ARBITRATION, ASSAY_ROLE_ARBITRATION, ASSAY_ROLE_ARBITRATION,
    ASSAY_ROLE_AUDIT,
  };

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    assay_test_roster_add (roster, signers, i, NULL, roles[i]);
  assay_roster_set_threshold (roster, ASSAY_ROLE_ROSTER_ROOT, 2);
  assay_roster_set_threshold (roster, ASSAY_ROLE_COMMITTEE, 1);
  assay_roster_set_threshold (roster, ASSAY_ROLE_ARBITRATION, 2);
  assay_roster_set_threshold (roster, ASSAY_ROLE_AUDIT, 1);
  assay_roster_set_default_kinds (roster);
  return roster;
}

AssayRoster *
assay_test_roster_new_in_force (AssayTestSigners *signers,
                                gint64            version,
                                const char       *prev)
{
  AssayRoster *roster = assay_test_roster_new (signers, version, prev);

  roster->expires = g_get_real_time () / G_USEC_PER_SEC + ASSAY_TEST_YEAR;
  return roster;
}

/* The keys of the signers whose indexes @signer_indexes lists, up to -1. */
static GPtrArray *
signers_keys (AssayTestSigners *signers,
              va_list           signer_indexes)
{
  GPtrArray *keys = g_ptr_array_new ();
  int index;

  while ((index = va_arg (signer_indexes, int)) >= 0)
    g_ptr_array_add (keys, signers->keys[index]);
  return keys;
}

char *
assay_test_roster_sign (AssayRoster      *roster,
                        AssayTestSigners *signers,
                        ...)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;
  char *json;

  va_start (args, signers);
  keys = signers_keys (signers, args);
  va_end (args);
  json = assay_roster_sign (roster, (AssayKeyFile * const *) keys->pdata, keys->len, &error);
  g_assert_no_error (error);
  return json;
}

AssayDecision *
assay_test_account_decision (AssayRoster       *roster,
                             AssayTestSigners  *signers,
                             AssayDecisionKind  kind,
                             const char        *account,
                             gint64             subject_seq,
                             const char        *supersedes,
                             const char        *origin,
                             guint64            size,
                             guint32            logged_day)
{
  AssayDecision *d = assay_decision_new ();
  /* Julian day 719163 is 1970-01-01. */
  gint64 created_at = ((gint64) logged_day - 719163) * 86400 + 3600;

  d->deployment = g_strdup (ASSAY_TEST_DEPLOYMENT);
  d->kind = d->outcome = kind;
  d->role = ASSAY_ROLE_COMMITTEE;
  d->subject_kind = ASSAY_SUBJECT_ACCOUNT;
  d->subject_id = g_strdup (account);
  d->subject_seq = subject_seq;
  d->supersedes = g_strdup (supersedes);
  d->rationale = g_strdup ("Reviewed with the evidence of the flag.");
  d->rule_set_name = g_strdup ("pilot");
  d->rule_set_version = 3;
  d->rule_set_sha256 = g_strnfill (64, 'a');
  d->checkpoint_origin = g_strdup (origin);
  d->checkpoint_size = size;
  d->roster_version = roster->version;
  d->roster_sha256 = g_strdup (roster->sha256);
  d->author = g_strdup (signers->keyids[ASSAY_TEST_ANA]);
  d->created_at = created_at;
  d->not_after = created_at + 7 * 86400;
  return d;
}

AssayDecision *
assay_test_filing_decision (AssayRoster        *roster,
                            AssayTestSigners   *signers,
                            AssayDecisionKind   kind,
                            AssayRulingOutcome  ruling,
                            guint64             filing_index,
                            const char         *params,
                            const char         *origin,
                            guint64             size,
                            guint32             logged_day)
{
  g_autofree char *id = g_strdup_printf ("%" G_GUINT64_FORMAT, filing_index);
  AssayDecision *d = assay_test_account_decision (roster, signers, kind, id, 1, NULL, origin, size, logged_day);

  d->subject_kind = ASSAY_SUBJECT_FILING;
  d->ruling = ruling;
  if (kind == ASSAY_DECISION_KIND_RULING)
    {
      d->role = ASSAY_ROLE_ARBITRATION;
      g_free (d->author);
      d->author = g_strdup (signers->keyids[ASSAY_TEST_ARB_0]);
    }
  if (params != NULL)
    {
      g_autoptr(JsonNode) node = json_from_string (params, NULL);

      g_assert_nonnull (node);
      d->params = json_object_ref (json_node_get_object (node));
    }
  return d;
}

char *
assay_test_decision_sign_valist (AssayDecision    *decision,
                                 AssayTestSigners *signers,
                                 va_list           signer_indexes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) payload = assay_decision_to_payload (decision, &error);
  g_autoptr(GPtrArray) keys = signers_keys (signers, signer_indexes);
  g_autoptr(AssayDsseEnvelope) envelope = NULL;

  g_assert_no_error (error);
  envelope = assay_dsse_envelope_new_signed (ASSAY_DECISION_PAYLOAD_TYPE, payload,
                                             (AssayKeyFile **) keys->pdata, keys->len);
  return assay_dsse_envelope_to_json (envelope);
}

char *
assay_test_decision_sign (AssayDecision    *decision,
                          AssayTestSigners *signers,
                          ...)
{
  va_list args;
  char *json;

  va_start (args, signers);
  json = assay_test_decision_sign_valist (decision, signers, args);
  va_end (args);
  return json;
}

void
assay_test_central_append_roster (AssayTestCentral *central,
                                  AssayRoster      *roster,
                                  AssayTestSigners *signers,
                                  const char       *day)
{
  g_autofree char *envelope = assay_test_roster_sign (roster, signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);

  assay_test_central_append_signed (central, "roster", envelope, day);
}

void
assay_test_committee_key_file (AssayRoster *roster,
                               const char  *holder,
                               const char  *key_path,
                               const char  *passphrase_path)
{
  assay_test_role_key_file (roster, ASSAY_ROLE_COMMITTEE, holder, key_path, passphrase_path);
}

void
assay_test_role_key_file (AssayRoster *roster,
                          AssayRole    role,
                          const char  *holder,
                          const char  *key_path,
                          const char  *passphrase_path)
{
  g_autoptr(GError) error = NULL;
  guint8 pk[ASSAY_KEY_PUBLIC_KEY_SIZE];

  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "key", "create", "--passphrase-file", passphrase_path, key_path,
                                        NULL), ==, 0);
  g_assert_true (assay_key_file_read_public_key (key_path, pk, &error));
  g_assert_no_error (error);
  assay_roster_add_to_role (roster, role, assay_roster_add_key (roster, holder, pk, 0, 0));
}

char *
assay_test_central_log_weights (AssayTestCentral *central,
                                AssayRoster      *roster,
                                AssayTestSigners *signers,
                                const char       *origin,
                                const char       *set,
                                const char       *effective,
                                gint64            seq,
                                const char       *supersedes,
                                const char       *rationale,
                                const char       *day)
{
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autofree char *envelope = NULL;
  AssayWeights weights;
  guint32 logged;

  g_assert_true (assay_day_parse (day, -1, &logged));
  g_assert_true (assay_weights_parse_set (set, &weights, NULL));
  g_assert_true (assay_day_parse (effective, -1, &weights.effective_day));
  d = assay_test_account_decision (roster, signers, ASSAY_DECISION_KIND_WEIGHTS, ASSAY_WEIGHTS_SUBJECT_ID, seq,
                                   supersedes, origin, 20, logged);
  d->subject_kind = ASSAY_SUBJECT_WEIGHTS;
  d->params = json_object_new ();
  json_object_set_object_member (d->params, "weights", assay_weights_to_json (&weights));
  if (rationale != NULL)
    {
      g_free (d->rationale);
      d->rationale = g_strdup (rationale);
    }
  envelope = assay_test_decision_sign (d, signers, ASSAY_TEST_ANA, ASSAY_TEST_BO, ASSAY_TEST_CHEN, -1);
  assay_test_central_append_signed (central, "decision", envelope, day);
  payload = assay_decision_to_payload (d, NULL);
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, payload);
}
