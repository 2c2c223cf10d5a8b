/* test-central-decisions.c — POST /decisions, proposals and rosters at a real assay-central
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
#define _GNU_SOURCE
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "assay-checkpoint.h"
#include "assay-decision.h"
#include "assay-key-file.h"
#include "assay-objection.h"
#include "assay-test-central.h"
#include "assay-test-keys.h"
#include "assay-test-roster.h"
#include "assay-test-util.h"
#include "assay-tlog-proof.h"

#define ORIGIN "decisions.test/log"
#define HASH_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

static AssayTestSigners signers;

typedef struct
{
  AssayTestCentral *central;
  AssayRoster      *roster;
  SoupSession      *session;
  AssayCheckpoint  *checkpoint;   /* the data the decisions are made against */
} Fixture;

typedef struct
{
  guint       status;
  JsonParser *parser;
  JsonObject *object;
  char       *text;
} Answer;

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static char *
today (void)
{
  g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();

  return g_date_time_format (utc, "%Y-%m-%d");
}

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
         const char *body,
         gsize       len)
{
  g_autofree char *url = g_strconcat (f->central->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  Answer a = { 0 };

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, len);

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

static Answer
post (Fixture    *f,
      const char *envelope)
{
  return request (f, SOUP_METHOD_POST, "decisions", envelope, strlen (envelope));
}

static AssayCheckpoint *
served_checkpoint (Fixture *f)
{
  Answer a = request (f, SOUP_METHOD_GET, "checkpoint", NULL, 0);
  g_autofree char *text = NULL;
  char *blank = strstr (a.text, "\n\n");
  AssayCheckpoint *checkpoint;

  g_assert_cmpuint (a.status, ==, 200);
  g_assert_nonnull (blank);
  text = g_strndup (a.text, blank - a.text + 1);
  checkpoint = assay_checkpoint_parse_text (text, NULL);
  g_assert_nonnull (checkpoint);
  answer_clear (&a);
  return checkpoint;
}

/* The standard roster's signers in their roles, expiring a year from now,
 * without signer @left_out (-1: none). */
static AssayRoster *
roster_version (gint64      version,
                const char *prev,
                int         left_out)
{
  AssayRoster *roster = assay_roster_new (ASSAY_TEST_DEPLOYMENT, version, now () + ASSAY_TEST_YEAR, prev);
  static const AssayRole roles[] = {
    ASSAY_ROLE_ROSTER_ROOT, ASSAY_ROLE_ROSTER_ROOT, ASSAY_ROLE_ROSTER_ROOT,
    ASSAY_ROLE_COMMITTEE, ASSAY_ROLE_COMMITTEE, ASSAY_ROLE_COMMITTEE,
    ASSAY_ROLE_ARBITRATION, ASSAY_ROLE_ARBITRATION, ASSAY_ROLE_ARBITRATION,
    ASSAY_ROLE_AUDIT,
  };

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if ((int) i != left_out)
      assay_test_roster_add (roster, &signers, i, NULL, roles[i]);
  assay_roster_set_threshold (roster, ASSAY_ROLE_ROSTER_ROOT, 2);
  assay_roster_set_threshold (roster, ASSAY_ROLE_COMMITTEE, 1);
  assay_roster_set_threshold (roster, ASSAY_ROLE_ARBITRATION, 2);
  assay_roster_set_threshold (roster, ASSAY_ROLE_AUDIT, 1);
  assay_roster_set_default_kinds (roster);
  if (left_out >= 0)
    assay_roster_set_kind (roster, ASSAY_DECISION_KIND_WEIGHTS, ASSAY_ROLE_COMMITTEE, 2);  /* two holders left */
  return roster;
}

static AssayRoster *
roster_new (void)
{
  return roster_version (1, NULL, -1);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autofree char *lines = assay_test_lines (0, 20, NULL, NULL);
  g_autofree char *envelope = NULL;
  g_autofree char *day = today ();

  f->central = assay_test_central_new (ORIGIN);
  assay_test_central_import (f->central, lines);
  f->roster = roster_new ();
  envelope = assay_test_roster_sign (f->roster, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
  assay_test_central_append_signed (f->central, "roster", envelope, day);
  assay_test_central_start (f->central);
  f->checkpoint = served_checkpoint (f);
  g_assert_cmpuint (f->checkpoint->size, ==, 21);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  assay_test_central_free (f->central);
  assay_roster_free (f->roster);
  assay_checkpoint_free (f->checkpoint);
}

/* A committee decision on an account, made against the fixture's
 * checkpoint now, to be changed before it is signed. */
static AssayDecision *
decision_new (Fixture           *f,
              AssayDecisionKind  kind,
              const char        *account)
{
  AssayDecision *d = assay_decision_new ();

  d->deployment = g_strdup (ASSAY_TEST_DEPLOYMENT);
  d->kind = d->outcome = kind;
  d->role = ASSAY_ROLE_COMMITTEE;
  d->subject_kind = ASSAY_SUBJECT_ACCOUNT;
  d->subject_id = g_strdup (account);
  d->subject_seq = 1;
  d->rationale = g_strdup ("Reviewed with the evidence of the flag.");
  d->rule_set_name = g_strdup ("pilot");
  d->rule_set_version = 2;
  d->rule_set_sha256 = g_strdup (HASH_A);
  d->checkpoint_origin = g_strdup (f->checkpoint->origin);
  d->checkpoint_size = f->checkpoint->size;
  memcpy (d->checkpoint_root, f->checkpoint->root, sizeof d->checkpoint_root);
  d->roster_version = 1;
  d->roster_sha256 = g_strdup (f->roster->sha256);
  d->author = g_strdup (signers.keyids[ASSAY_TEST_ANA]);
  d->created_at = now () - 60;
  d->not_after = now () + 7 * 86400;
  return d;
}

/* The envelope of @d's payload signed by the signers listed (ending -1). */
static char *
sign (AssayDecision *d,
      ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) payload = assay_decision_to_payload (d, &error);
  g_autoptr(AssayDsseEnvelope) envelope = NULL;
  AssayKeyFile *keys[ASSAY_TEST_N_SIGNERS];
  guint n = 0;
  va_list args;
  int signer;

  g_assert_no_error (error);
  va_start (args, d);
  while ((signer = va_arg (args, int)) >= 0)
    keys[n++] = signers.keys[signer];
  va_end (args);
  envelope = assay_dsse_envelope_new_signed (ASSAY_DECISION_PAYLOAD_TYPE, payload, keys, n);
  return assay_dsse_envelope_to_json (envelope);
}

static char *
sign_new (Fixture           *f,
          AssayDecisionKind  kind,
          const char        *account,
          int                signer)
{
  g_autoptr(AssayDecision) d = decision_new (f, kind, account);

  return sign (d, signer, -1);
}

static guint64
log_size (Fixture *f)
{
  g_autoptr(AssayCheckpoint) checkpoint = served_checkpoint (f);

  return checkpoint->size;
}

/* The receipt proves the entry holding @envelope in a checkpoint signed
 * by the log's key. */
static void
check_receipt (Fixture    *f,
               Answer     *a,
               const char *envelope)
{
  const char *text = json_object_get_string_member (a->object, "receipt");
  g_autoptr(AssayTlogProof) proof = assay_tlog_proof_parse (text, strlen (text), NULL);
  g_autoptr(AssayNoteVerifier) key = assay_test_verifier_from (g_strdup (f->central->key));
  g_autoptr(GError) error = NULL;
  guint8 commitment[32], leaf[32];
  gsize len;
  const guint8 *extra;

  g_assert_nonnull (proof);
  g_assert_cmpuint (proof->index, ==, json_object_get_int_member (a->object, "index"));
  extra = g_bytes_get_data (proof->extra, &len);
  g_assert_nonnull (memmem (extra, len, envelope, strlen (envelope)));
  {
    g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
    gsize n = sizeof commitment;

    g_checksum_update (sum, extra, len);
    g_checksum_get_digest (sum, commitment, &n);
  }
  assay_merkle_leaf_hash (commitment, sizeof commitment, leaf);
  g_assert_true (assay_tlog_proof_verify (proof, key, leaf, &error));
  g_assert_no_error (error);
}

static void
assert_refused (Answer *a,
                guint   status)
{
  if (a->status != status)
    g_error ("answered %u, not %u: %s", a->status, status, a->text);
  g_assert_nonnull (a->object);
  g_assert_true (json_object_has_member (a->object, "error"));
  g_assert_cmpuint (strlen (json_object_get_string_member (a->object, "error")), >, 10);
}

/* ---- tests ------------------------------------------------------------------------- */

static void
test_logged (Fixture       *f,
             gconstpointer  user_data)
{
  g_autofree char *envelope = sign_new (f, ASSAY_DECISION_KIND_DISMISS, "acct-0001", ASSAY_TEST_ANA);
  Answer a = post (f, envelope);
  Answer again;

  if (a.status != 200)
    g_error ("%u %s", a.status, a.text);
  g_assert_cmpstr (json_object_get_string_member (a.object, "status"), ==, "logged");
  g_assert_cmpint (json_object_get_int_member (a.object, "index"), ==, 21);
  check_receipt (f, &a, envelope);
  g_assert_cmpuint (log_size (f), ==, 22);

  /* The same bytes again: the same answer, and no new entry. */
  again = post (f, envelope);
  g_assert_cmpuint (again.status, ==, 200);
  g_assert_cmpstr (again.text, ==, a.text);
  g_assert_cmpuint (log_size (f), ==, 22);
  answer_clear (&a);
  answer_clear (&again);
}

/* The 2-of-3 freeze: 202 with one signature, listed, co-signed, 200. */
static void
test_cosign (Fixture       *f,
             gconstpointer  user_data)
{
  g_autoptr(AssayDecision) d = decision_new (f, ASSAY_DECISION_KIND_FREEZE, "acct-0002");
  g_autofree char *envelope = sign (d, ASSAY_TEST_ANA, -1);
  g_autofree char *both = sign (d, ASSAY_TEST_ANA, ASSAY_TEST_BO, -1);
  g_autoptr(AssayDsseEnvelope) signed_both = assay_dsse_envelope_new_from_json (both, -1, NULL);
  AssayDsseSignature *bo = g_ptr_array_index (signed_both->signatures, 1);
  AssayDsseSignature *ana = g_ptr_array_index (signed_both->signatures, 0);
  g_autofree char *bo_sig = g_base64_encode (g_bytes_get_data (bo->sig, NULL), 64);
  g_autofree char *bo_body = g_strdup_printf ("{\"keyid\":\"%s\",\"sig\":\"%s\"}", bo->keyid, bo_sig);
  g_autofree char *arb_body = NULL;
  g_autofree char *path = NULL;
  const char *hash;
  JsonObject *listed;
  Answer a = post (f, envelope), list, cosigned, outsider;

  g_assert_cmpuint (a.status, ==, 202);
  g_assert_cmpstr (json_object_get_string_member (a.object, "status"), ==, "pending");
  g_assert_cmpint (json_object_get_int_member (a.object, "signed"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (a.object, "threshold"), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (a.object, "holders"), 0), ==,
                   "ana");
  hash = json_object_get_string_member (a.object, "hash");
  g_assert_cmpuint (log_size (f), ==, 21);

  list = request (f, SOUP_METHOD_GET, "proposals", NULL, 0);
  g_assert_cmpuint (list.status, ==, 200);
  listed = json_array_get_object_element (json_object_get_array_member (list.object, "proposals"), 0);
  g_assert_cmpstr (json_object_get_string_member (listed, "hash"), ==, hash);
  g_assert_true (json_object_has_member (json_object_get_object_member (listed, "envelope"), "payload"));

  /* A signature by a key without the role, or that does not verify. */
  path = g_strdup_printf ("proposals/%s/signatures", hash);
  {
    g_autoptr(AssayDsseEnvelope) e = NULL;
    g_autofree char *sig = NULL;

    e = assay_dsse_envelope_new (ASSAY_DECISION_PAYLOAD_TYPE, signed_both->payload);
    assay_dsse_envelope_sign (e, signers.keys[ASSAY_TEST_ARB_0]);
    sig = g_base64_encode (g_bytes_get_data (((AssayDsseSignature *) g_ptr_array_index (e->signatures, 0))->sig,
                                             NULL), 64);
    arb_body = g_strdup_printf ("{\"keyid\":\"%s\",\"sig\":\"%s\"}", signers.keyids[ASSAY_TEST_ARB_0], sig);
  }
  outsider = request (f, SOUP_METHOD_POST, path, arb_body, strlen (arb_body));
  assert_refused (&outsider, 403);
  answer_clear (&outsider);
  {
    g_autofree char *bad_sig = g_base64_encode (g_bytes_get_data (ana->sig, NULL), 64);
    g_autofree char *bad = g_strdup_printf ("{\"keyid\":\"%s\",\"sig\":\"%s\"}", bo->keyid, bad_sig);

    outsider = request (f, SOUP_METHOD_POST, path, bad, strlen (bad));
    assert_refused (&outsider, 403);
    answer_clear (&outsider);
  }

  cosigned = request (f, SOUP_METHOD_POST, path, bo_body, strlen (bo_body));
  if (cosigned.status != 200)
    g_error ("%u %s", cosigned.status, cosigned.text);
  g_assert_cmpint (json_object_get_int_member (cosigned.object, "index"), ==, 21);
  g_assert_cmpuint (log_size (f), ==, 22);
  answer_clear (&list);
  list = request (f, SOUP_METHOD_GET, "proposals", NULL, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (list.object, "proposals")), ==, 0);

  answer_clear (&a);
  answer_clear (&list);
  answer_clear (&cosigned);
}

/* The second signature arriving as a whole envelope joins the first. */
static void
test_merge (Fixture       *f,
            gconstpointer  user_data)
{
  g_autoptr(AssayDecision) d = decision_new (f, ASSAY_DECISION_KIND_FREEZE, "acct-0002");
  g_autofree char *by_ana = sign (d, ASSAY_TEST_ANA, -1);
  g_autofree char *by_bo = sign (d, ASSAY_TEST_BO, -1);
  Answer a = post (f, by_ana), b;

  g_assert_cmpuint (a.status, ==, 202);
  b = post (f, by_bo);
  if (b.status != 200)
    g_error ("%u %s", b.status, b.text);
  g_assert_cmpuint (log_size (f), ==, 22);
  answer_clear (&a);
  answer_clear (&b);
}

/* A pending proposal survives a restart of the service. */
static void
test_restart (Fixture       *f,
              gconstpointer  user_data)
{
  g_autoptr(AssayDecision) d = decision_new (f, ASSAY_DECISION_KIND_FREEZE, "acct-0003");
  g_autofree char *by_ana = sign (d, ASSAY_TEST_ANA, -1);
  g_autofree char *by_chen = sign (d, ASSAY_TEST_CHEN, -1);
  Answer a = post (f, by_ana), list, b;

  g_assert_cmpuint (a.status, ==, 202);
  assay_test_central_stop (f->central);
  assay_test_central_start (f->central);
  list = request (f, SOUP_METHOD_GET, "proposals", NULL, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (list.object, "proposals")), ==, 1);
  b = post (f, by_chen);
  if (b.status != 200)
    g_error ("%u %s", b.status, b.text);
  answer_clear (&a);
  answer_clear (&list);
  answer_clear (&b);
}

typedef void (*Spoil) (Fixture *f, AssayDecision *d);

static void spoil_deployment (Fixture *f, AssayDecision *d) { g_free (d->deployment); d->deployment = g_strdup ("other.example"); }
static void spoil_expired (Fixture *f, AssayDecision *d) { d->created_at = now () - 7200; d->not_after = now () - 3600; }
static void spoil_future (Fixture *f, AssayDecision *d) { d->created_at = now () + 3600; d->not_after = now () + 7200; }
static void spoil_roster_version (Fixture *f, AssayDecision *d) { d->roster_version = 2; }
static void spoil_roster_hash (Fixture *f, AssayDecision *d) { g_free (d->roster_sha256); d->roster_sha256 = g_strdup (HASH_A); }
static void spoil_root (Fixture *f, AssayDecision *d) { d->checkpoint_root[0] ^= 1; }
static void spoil_size (Fixture *f, AssayDecision *d) { d->checkpoint_size = 5000; }
static void spoil_stale (Fixture *f, AssayDecision *d) { d->checkpoint_size = 10; }
static void spoil_origin (Fixture *f, AssayDecision *d) { g_free (d->checkpoint_origin); d->checkpoint_origin = g_strdup ("fork.test/log"); }
static void spoil_role (Fixture *f, AssayDecision *d) { d->role = ASSAY_ROLE_ARBITRATION; }
static void spoil_skip (Fixture *f, AssayDecision *d) { d->subject_seq = 3; g_free (d->supersedes); d->supersedes = g_strdup (HASH_A); }

/* Each payload refusal the service checks, with its status. */
static void
test_refused_payloads (Fixture       *f,
                       gconstpointer  user_data)
{
  static const struct { Spoil spoil; guint status; } cases[] = {
    { spoil_deployment, 403 }, { spoil_expired, 403 }, { spoil_future, 403 },
    { spoil_roster_version, 403 }, { spoil_roster_hash, 403 }, { spoil_root, 403 },
    { spoil_size, 403 }, { spoil_origin, 403 }, { spoil_role, 403 }, { spoil_skip, 403 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AssayDecision) d = decision_new (f, ASSAY_DECISION_KIND_DISMISS, "acct-0004");
      g_autofree char *envelope = NULL;
      Answer a;

      cases[i].spoil (f, d);
      envelope = sign (d, ASSAY_TEST_ANA, -1);
      a = post (f, envelope);
      assert_refused (&a, cases[i].status);
      answer_clear (&a);
    }
  /* An earlier checkpoint of this log is fine only with its own root. */
  {
    g_autoptr(AssayDecision) d = decision_new (f, ASSAY_DECISION_KIND_DISMISS, "acct-0004");
    g_autofree char *envelope = NULL;
    Answer a;

    spoil_stale (f, d);
    envelope = sign (d, ASSAY_TEST_ANA, -1);
    a = post (f, envelope);
    assert_refused (&a, 403);
    answer_clear (&a);
  }
  g_assert_cmpuint (log_size (f), ==, 21);
}

/* Signature and envelope refusals. */
static void
test_refused_signatures (Fixture       *f,
                         gconstpointer  user_data)
{
  g_autoptr(AssayDecision) d = decision_new (f, ASSAY_DECISION_KIND_DISMISS, "acct-0005");
  g_autoptr(GBytes) payload = assay_decision_to_payload (d, NULL);
  g_autofree char *good = sign (d, ASSAY_TEST_ANA, -1);
  g_autofree char *outsider = sign (d, ASSAY_TEST_ANA, ASSAY_TEST_ARB_0, -1);
  g_autofree char *spare = sign (d, ASSAY_TEST_SPARE_0, -1);
  g_autoptr(AssayDsseEnvelope) env = assay_dsse_envelope_new_from_json (good, -1, NULL);
  g_autofree char *twice = NULL, *bad = NULL, *type = NULL, *many = NULL, *big = NULL;
  g_autofree char *noncanonical = NULL, *duplicate = NULL;
  AssayDsseSignature *sig = g_ptr_array_index (env->signatures, 0);
  Answer a;

  /* The same signature twice. */
  {
    AssayDsseSignature *copy = g_new0 (AssayDsseSignature, 1);

    copy->keyid = g_strdup (sig->keyid);
    copy->sig = g_bytes_ref (sig->sig);
    g_ptr_array_add (env->signatures, copy);
    twice = assay_dsse_envelope_to_json (env);
    g_ptr_array_remove_index (env->signatures, 1);
  }
  /* A known key with a bad signature. */
  {
    guint8 flipped[64];

    memcpy (flipped, g_bytes_get_data (sig->sig, NULL), 64);
    flipped[5] ^= 1;
    g_bytes_unref (sig->sig);
    sig->sig = g_bytes_new (flipped, 64);
    bad = assay_dsse_envelope_to_json (env);
  }
  /* Another payload type over the same bytes. */
  {
    g_autoptr(AssayDsseEnvelope) roster_type = assay_dsse_envelope_new ("application/vnd.assay.roster.v1+json", payload);

    assay_dsse_envelope_sign (roster_type, signers.keys[ASSAY_TEST_ANA]);
    type = assay_dsse_envelope_to_json (roster_type);
  }
  /* Non-canonical (a space) and duplicate keys, signed. */
  {
    gsize len;
    const char *p = g_bytes_get_data (payload, &len);
    g_autofree char *spaced = g_strdup_printf ("{ %.*s", (int) len - 1, p + 1);
    g_autofree char *dup = g_strdup_printf ("{\"author\":\"x\",%.*s", (int) len - 1, p + 1);
    g_autoptr(GBytes) b1 = g_bytes_new (spaced, strlen (spaced));
    g_autoptr(GBytes) b2 = g_bytes_new (dup, strlen (dup));
    AssayKeyFile *ana = signers.keys[ASSAY_TEST_ANA];
    g_autoptr(AssayDsseEnvelope) e1 = assay_dsse_envelope_new_signed (ASSAY_DECISION_PAYLOAD_TYPE, b1, &ana, 1);
    g_autoptr(AssayDsseEnvelope) e2 = assay_dsse_envelope_new_signed (ASSAY_DECISION_PAYLOAD_TYPE, b2, &ana, 1);

    noncanonical = assay_dsse_envelope_to_json (e1);
    duplicate = assay_dsse_envelope_to_json (e2);
  }
  /* 17 signatures: the author's and 16 of unknown keys. */
  {
    g_autoptr(AssayDsseEnvelope) e = assay_dsse_envelope_new_from_json (good, -1, NULL);

    for (guint i = 0; i < 16; i++)
      {
        AssayDsseSignature *junk = g_new0 (AssayDsseSignature, 1);
        guint8 zero[64] = { 0 };

        junk->keyid = g_strdup_printf ("%064x", i + 1);
        junk->sig = g_bytes_new (zero, 64);
        g_ptr_array_add (e->signatures, junk);
      }
    many = assay_dsse_envelope_to_json (e);
  }
  big = g_strnfill (65 * 1024, ' ');
  memcpy (big, good, strlen (good));

  a = post (f, twice), assert_refused (&a, 403), answer_clear (&a);
  a = post (f, bad), assert_refused (&a, 403), answer_clear (&a);
  a = post (f, type), assert_refused (&a, 403), answer_clear (&a);
  a = post (f, outsider), assert_refused (&a, 403), answer_clear (&a);
  a = post (f, spare), assert_refused (&a, 403), answer_clear (&a);
  a = post (f, noncanonical), assert_refused (&a, 400), answer_clear (&a);
  a = post (f, duplicate), assert_refused (&a, 400), answer_clear (&a);
  a = post (f, many), assert_refused (&a, 413), answer_clear (&a);
  a = post (f, big), assert_refused (&a, 413), answer_clear (&a);
  a = post (f, "{\"payloadType\":"), assert_refused (&a, 400), answer_clear (&a);
  g_assert_cmpuint (log_size (f), ==, 21);
}

/* k − 1 valid signatures and junk: still pending, never logged; k valid
 * ones and junk: logged. */
static void
test_padding (Fixture       *f,
              gconstpointer  user_data)
{
  g_autoptr(AssayDecision) d = decision_new (f, ASSAY_DECISION_KIND_FREEZE, "acct-0006");
  g_autofree char *envelope = sign (d, ASSAY_TEST_ANA, ASSAY_TEST_SPARE_0, -1);
  Answer a = post (f, envelope);

  g_assert_cmpuint (a.status, ==, 202);
  g_assert_cmpint (json_object_get_int_member (a.object, "signed"), ==, 1);
  g_assert_cmpuint (log_size (f), ==, 21);
  answer_clear (&a);

  /* k valid signatures and junk: logged. */
  g_clear_pointer (&envelope, g_free);
  envelope = sign (d, ASSAY_TEST_ANA, ASSAY_TEST_SPARE_1, ASSAY_TEST_BO, -1);
  a = post (f, envelope);
  g_assert_cmpuint (a.status, ==, 200);
  g_assert_cmpuint (log_size (f), ==, 22);
  answer_clear (&a);
}

/* Conflicts: a taken subject_seq, and a decision_id with other bytes. */
static void
test_conflicts (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(AssayDecision) first = decision_new (f, ASSAY_DECISION_KIND_DISMISS, "acct-0007");
  g_autoptr(AssayDecision) same_seq = decision_new (f, ASSAY_DECISION_KIND_CONFIRM, "acct-0007");
  g_autoptr(AssayDecision) same_id = decision_new (f, ASSAY_DECISION_KIND_DISMISS, "acct-0008");
  g_autofree char *e1 = sign (first, ASSAY_TEST_ANA, -1);
  g_autofree char *e2 = sign (same_seq, ASSAY_TEST_ANA, -1);
  g_autofree char *e3 = NULL;
  Answer a;

  same_id->decision_id = g_strdup (first->decision_id);
  e3 = sign (same_id, ASSAY_TEST_ANA, -1);
  a = post (f, e1);
  g_assert_cmpuint (a.status, ==, 200);
  answer_clear (&a);
  a = post (f, e2), assert_refused (&a, 409), answer_clear (&a);
  a = post (f, e3), assert_refused (&a, 409), answer_clear (&a);
  g_assert_cmpuint (log_size (f), ==, 22);
}

typedef struct
{
  Fixture    *f;
  const char *envelope;
  Answer      answer;
} Push;

static gpointer
push_thread (gpointer data)
{
  Push *push = data;

  push->answer = post (push->f, push->envelope);
  return NULL;
}

/* Three clients push the same envelope at once: one entry, one receipt. */
static void
test_concurrent (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autofree char *envelope = sign_new (f, ASSAY_DECISION_KIND_DISMISS, "acct-0009", ASSAY_TEST_ANA);
  Push pushes[3];
  GThread *threads[3];

  for (guint i = 0; i < 3; i++)
    {
      pushes[i] = (Push) { f, envelope, { 0 } };
      threads[i] = g_thread_new ("push", push_thread, &pushes[i]);
    }
  for (guint i = 0; i < 3; i++)
    g_thread_join (threads[i]);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpuint (pushes[i].answer.status, ==, 200);
      g_assert_cmpstr (pushes[i].answer.text, ==, pushes[0].answer.text);
    }
  check_receipt (f, &pushes[0].answer, envelope);
  g_assert_cmpuint (log_size (f), ==, 22);
  for (guint i = 0; i < 3; i++)
    answer_clear (&pushes[i].answer);
}

typedef struct
{
  Fixture *f;
  guint    first;
  guint    n;
  guint    n_logged;
} Poster;

static gpointer
poster_thread (gpointer data)
{
  Poster *p = data;

  for (guint i = p->first; i < p->first + p->n; i++)
    {
      g_autofree char *account = g_strdup_printf ("acct-%04u", 100 + i);
      g_autofree char *envelope = sign_new (p->f, ASSAY_DECISION_KIND_DISMISS, account, ASSAY_TEST_ANA);
      Answer a = post (p->f, envelope);

      if (a.status == 200)
        p->n_logged++;
      else
        g_printerr ("%u %s\n", a.status, a.text);
      answer_clear (&a);
    }
  return NULL;
}

/* Imports run beside the posts (one writer at a time); then an independent
 * client (assayctl sync and verify) checks the whole log. */
static void
test_import_beside (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *replica = g_build_filename (dir, "replica.db", NULL);
  Poster posters[3];
  GThread *threads[3];
  guint n_logged = 0;

  for (guint i = 0; i < 3; i++)
    {
      posters[i] = (Poster) { f, i * 4, 4, 0 };
      threads[i] = g_thread_new ("poster", poster_thread, &posters[i]);
    }
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *lines = assay_test_lines (1000 + i * 50, 50, NULL, NULL);

      assay_test_central_import (f->central, lines);
    }
  for (guint i = 0; i < 3; i++)
    {
      g_thread_join (threads[i]);
      n_logged += posters[i].n_logged;
    }
  g_assert_cmpuint (n_logged, ==, 12);
  g_assert_cmpuint (log_size (f), ==, 21 + 150 + 12);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", replica, "sync", "--server", f->central->url,
                                        "--log-key", f->central->key, NULL), ==, 0);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", replica, "verify", NULL), ==, 0);
  assay_test_rmdir (dir);
}

/* ---- the roster commands ------------------------------------------------------------ */

typedef struct
{
  char   *dir;
  char   *passphrase;
  char   *keys[2];
  guint8  pubs[2][ASSAY_KEY_PUBLIC_KEY_SIZE];
} KeyFiles;

static void
key_files_init (KeyFiles *k)
{
  k->dir = assay_test_mkdtemp ();
  k->passphrase = g_build_filename (k->dir, "pw", NULL);
  g_assert_true (g_file_set_contents (k->passphrase, "correct horse\n", -1, NULL));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;

      k->keys[i] = g_strdup_printf ("%s/root-%u.key", k->dir, i);
      g_assert_cmpint (assay_test_assayctl (NULL, NULL, "key", "create", "--passphrase-file", k->passphrase,
                                            k->keys[i], NULL), ==, 0);
      g_assert_true (assay_key_file_read_public_key (k->keys[i], k->pubs[i], &error));
    }
}

static void
key_files_clear (KeyFiles *k)
{
  assay_test_rmdir (k->dir);
  g_free (k->dir);
  g_free (k->passphrase);
  g_free (k->keys[0]);
  g_free (k->keys[1]);
}

/* Version @version of a roster whose roster_root is the two key files
 * (2 of 2) and whose committee is ana, bo and chen; written to a file. */
static char *
roster_file (KeyFiles    *k,
             gint64       version,
             const char  *prev,
             char       **out_sha256)
{
  g_autoptr(AssayRoster) roster = assay_roster_new (ASSAY_TEST_DEPLOYMENT, version, now () + ASSAY_TEST_YEAR, prev);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("roster-%" G_GINT64_FORMAT ".json", version);
  char *path = g_build_filename (k->dir, name, NULL);

  for (guint i = 0; i < 2; i++)
    assay_roster_add_to_role (roster, ASSAY_ROLE_ROSTER_ROOT,
                              assay_roster_add_key (roster, i == 0 ? "root-a" : "root-b", k->pubs[i], 0, 0));
  assay_test_roster_add (roster, &signers, ASSAY_TEST_ANA, NULL, ASSAY_ROLE_COMMITTEE);
  assay_test_roster_add (roster, &signers, ASSAY_TEST_BO, NULL, ASSAY_ROLE_COMMITTEE);
  assay_test_roster_add (roster, &signers, ASSAY_TEST_CHEN, NULL, ASSAY_ROLE_COMMITTEE);
  assay_test_roster_add (roster, &signers, ASSAY_TEST_ARB_0, NULL, ASSAY_ROLE_ARBITRATION);
  assay_test_roster_add (roster, &signers, ASSAY_TEST_ARB_1, NULL, ASSAY_ROLE_ARBITRATION);
  assay_test_roster_add (roster, &signers, ASSAY_TEST_AUDITOR, NULL, ASSAY_ROLE_AUDIT);
  assay_roster_set_threshold (roster, ASSAY_ROLE_ROSTER_ROOT, 2);
  assay_roster_set_threshold (roster, ASSAY_ROLE_COMMITTEE, 1);
  assay_roster_set_threshold (roster, ASSAY_ROLE_ARBITRATION, 1);
  assay_roster_set_threshold (roster, ASSAY_ROLE_AUDIT, 1);
  assay_roster_set_default_kinds (roster);
  payload = assay_roster_to_payload (roster, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (payload, NULL), g_bytes_get_size (payload), NULL));
  if (out_sha256 != NULL)
    *out_sha256 = g_strdup (roster->sha256);
  return path;
}

static int
central (char **out_stderr,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ASSAY_CENTRAL"));
  va_start (args, out_stderr);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return assay_test_run ((const char * const *) argv->pdata, NULL, &out, out_stderr);
}

/* init --roster logs version 1; roster logs version 2 beside a running
 * server, which then counts decisions against it; a rollback, a skipped
 * version, one signature short and a wrong passphrase exit 3. */
static void
test_roster_commands (void)
{
  KeyFiles k;
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *sha1 = NULL, *sha2 = NULL, *err = NULL;
  g_autofree char *wrong = g_build_filename (dir, "wrong", NULL);
  g_autofree char *r1 = NULL, *r2 = NULL, *r4 = NULL;

  key_files_init (&k);
  r1 = roster_file (&k, 1, NULL, &sha1);
  r2 = roster_file (&k, 2, sha1, &sha2);
  r4 = roster_file (&k, 4, sha2, NULL);
  g_assert_true (g_file_set_contents (wrong, "wrong\n", -1, NULL));

  /* A wrong passphrase: refused, and no data directory is left. */
  g_assert_cmpint (central (NULL, "init", "--data", data, "--origin", ORIGIN, "--roster", r1, "--key", k.keys[0],
                            "--key", k.keys[1], "--passphrase-file", wrong, "--passphrase-file", wrong, NULL), ==, 3);
  g_assert_false (g_file_test (data, G_FILE_TEST_EXISTS));
  g_assert_cmpint (central (&err, "init", "--data", data, "--origin", ORIGIN, "--roster", r1, "--key", k.keys[0],
                            "--key", k.keys[1], "--passphrase-file", k.passphrase, "--passphrase-file",
                            k.passphrase, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "roster version 1 at index 0"));
  g_clear_pointer (&err, g_free);

  /* One signature of two: refused. */
  g_assert_cmpint (central (&err, "roster", "--data", data, r2, "--key", k.keys[0], "--passphrase-file",
                            k.passphrase, NULL), ==, 3);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (central (&err, "roster", "--data", data, r2, "--key", k.keys[0], "--key", k.keys[1],
                            "--passphrase-file", k.passphrase, "--passphrase-file", k.passphrase, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "roster version 2 at index 1"));
  g_clear_pointer (&err, g_free);
  /* Version 2 again (a rollback) and version 4 (a skip). */
  g_assert_cmpint (central (&err, "roster", "--data", data, r2, "--key", k.keys[0], "--key", k.keys[1],
                            "--passphrase-file", k.passphrase, "--passphrase-file", k.passphrase, NULL), ==, 3);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (central (&err, "roster", "--data", data, r4, "--key", k.keys[0], "--key", k.keys[1],
                            "--passphrase-file", k.passphrase, "--passphrase-file", k.passphrase, NULL), ==, 3);
  g_assert_nonnull (strstr (err, "refused"));

  key_files_clear (&k);
  assay_test_rmdir (dir);
}

/* A roster logged by another process while the service runs counts for
 * the next decision: the service reads its log again before each one;
 * a key it removes no longer counts. */
static void
test_roster_beside (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autoptr(AssayRoster) next = roster_version (2, f->roster->sha256, ASSAY_TEST_BO);
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(AssayDecision) freeze = NULL;
  g_autofree char *envelope = NULL;
  g_autofree char *decision = NULL;
  g_autofree char *day = today ();
  Answer a;

  envelope = assay_test_roster_sign (next, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
  assay_test_central_append_signed (f->central, "roster", envelope, day);
  d = decision_new (f, ASSAY_DECISION_KIND_DISMISS, "acct-0010");
  d->roster_version = 2;
  g_free (d->roster_sha256);
  d->roster_sha256 = g_strdup (next->sha256);
  decision = sign (d, ASSAY_TEST_ANA, -1);
  a = post (f, decision);
  if (a.status != 200)
    g_error ("%u %s", a.status, a.text);
  g_assert_cmpint (json_object_get_int_member (a.object, "index"), ==, 22);
  answer_clear (&a);

  /* Bo is no longer in the roster: his signature counts for nothing
   * (revocation wins), so a freeze by ana and bo stays pending. */
  freeze = decision_new (f, ASSAY_DECISION_KIND_FREEZE, "acct-0011");
  freeze->roster_version = 2;
  g_free (freeze->roster_sha256);
  freeze->roster_sha256 = g_strdup (next->sha256);
  g_clear_pointer (&decision, g_free);
  decision = sign (freeze, ASSAY_TEST_ANA, ASSAY_TEST_BO, -1);
  a = post (f, decision);
  g_assert_cmpuint (a.status, ==, 202);
  g_assert_cmpint (json_object_get_int_member (a.object, "signed"), ==, 1);
  answer_clear (&a);
}

/* ---- objections -------------------------------------------------------------------- */

/* An objection by @signer to @d (pending under @hash), signed; @spoil may
 * change it before it is signed. */
static char *
object (Fixture       *f,
        AssayDecision *d,
        const char    *hash,
        int            signer,
        const char    *rationale,
        void         (*spoil) (AssayObjection *o))
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayObjection) o = assay_objection_new (d, hash, f->roster, signers.keyids[signer], rationale,
                                                     now () - 30, &error);
  char *envelope;

  g_assert_no_error (error);
  if (spoil != NULL)
    spoil (o);
  envelope = assay_objection_sign (o, signers.keys[signer], &error);
  g_assert_no_error (error);
  return envelope;
}

static void spoil_objection_deployment (AssayObjection *o) { g_free (o->deployment); o->deployment = g_strdup ("other.example"); }

/* The envelope with the first byte of its signature flipped. */
static char *
forge (const char *envelope)
{
  g_autoptr(AssayDsseEnvelope) env = assay_dsse_envelope_new_from_json (envelope, -1, NULL);
  AssayDsseSignature *sig = g_ptr_array_index (env->signatures, 0);
  g_autofree guint8 *bytes = g_memdup2 (g_bytes_get_data (sig->sig, NULL), 64);

  bytes[0] ^= 1;
  g_bytes_unref (sig->sig);
  sig->sig = g_bytes_new (bytes, 64);
  return assay_dsse_envelope_to_json (env);
}

static Answer
oppose (Fixture    *f,
        const char *hash,
        const char *envelope)
{
  g_autofree char *path = g_strdup_printf ("proposals/%s/objections", hash);

  return request (f, SOUP_METHOD_POST, path, envelope, strlen (envelope));
}

static JsonArray *
listed_objections (Answer *list)
{
  JsonArray *proposals = json_object_get_array_member (list->object, "proposals");

  g_assert_cmpuint (json_array_get_length (proposals), ==, 1);
  return json_object_get_array_member (json_array_get_object_element (proposals, 0), "objections");
}

static void
assert_refused_saying (Answer     *a,
                       guint       status,
                       const char *words)
{
  assert_refused (a, status);
  if (strstr (json_object_get_string_member (a->object, "error"), words) == NULL)
    g_error ("the reason does not say “%s”: %s", words, a->text);
}

/* Chen objects to ana's freeze: recorded once, listed with the proposal,
 * refused in every way the README names, and kept once bo's signature
 * logs the freeze (objections do not block the quorum). */
static void
test_objections (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autoptr(AssayDecision) d = decision_new (f, ASSAY_DECISION_KIND_FREEZE, "acct-0020");
  g_autofree char *by_ana = sign (d, ASSAY_TEST_ANA, -1);
  g_autofree char *by_chen = sign (d, ASSAY_TEST_CHEN, -1);
  g_autofree char *by_bo = sign (d, ASSAY_TEST_BO, -1);
  g_autofree char *hash = NULL;
  g_autofree char *chen = NULL, *forged = NULL, *arb = NULL, *elsewhere = NULL, *ana = NULL, *later = NULL;
  g_autofree char *by_bo_objection = NULL;
  g_autofree char *objections_path = NULL;
  JsonArray *listed;
  JsonObject *first;
  Answer a = post (f, by_ana), b, again, list;

  g_assert_cmpuint (a.status, ==, 202);
  hash = g_strdup (json_object_get_string_member (a.object, "hash"));
  chen = object (f, d, hash, ASSAY_TEST_CHEN, "The flag is a holiday effect, not fraud.", NULL);

  b = oppose (f, hash, chen);
  if (b.status != 200)
    g_error ("%u %s", b.status, b.text);
  g_assert_cmpstr (json_object_get_string_member (b.object, "status"), ==, "recorded");
  g_assert_cmpstr (json_object_get_string_member (b.object, "holder"), ==, "chen");
  g_assert_cmpstr (json_object_get_string_member (b.object, "proposal"), ==, hash);

  /* The same objection twice: the same answer, stored once. */
  again = oppose (f, hash, chen);
  g_assert_cmpuint (again.status, ==, 200);
  g_assert_cmpstr (again.text, ==, b.text);
  answer_clear (&again);
  list = request (f, SOUP_METHOD_GET, "proposals", NULL, 0);
  listed = listed_objections (&list);
  g_assert_cmpuint (json_array_get_length (listed), ==, 1);
  first = json_array_get_object_element (listed, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "holder"), ==, "chen");
  g_assert_cmpstr (json_object_get_string_member (first, "rationale"), ==, "The flag is a holiday effect, not fraud.");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "envelope"), "payloadType"),
                   ==, ASSAY_OBJECTION_PAYLOAD_TYPE);
  answer_clear (&list);

  /* A bad signature, a signer without the role, another deployment. */
  by_bo_objection = object (f, d, hash, ASSAY_TEST_BO, "Forged.", NULL);
  forged = forge (by_bo_objection);
  again = oppose (f, hash, forged);
  assert_refused_saying (&again, 403, "does not verify");
  answer_clear (&again);
  arb = object (f, d, hash, ASSAY_TEST_ARB_0, "Not my panel, but no.", NULL);
  again = oppose (f, hash, arb);
  assert_refused_saying (&again, 403, "does not hold the role committee");
  answer_clear (&again);
  elsewhere = object (f, d, hash, ASSAY_TEST_BO, "From elsewhere.", spoil_objection_deployment);
  again = oppose (f, hash, elsewhere);
  assert_refused_saying (&again, 403, "deployment");
  answer_clear (&again);

  /* A signer cannot also object; the objector cannot also sign, by
   * either path; one objection per holder. */
  ana = object (f, d, hash, ASSAY_TEST_ANA, "Changed my mind.", NULL);
  again = oppose (f, hash, ana);
  assert_refused_saying (&again, 409, "already signed");
  answer_clear (&again);
  again = post (f, by_chen);
  assert_refused_saying (&again, 409, "objected to this proposal");
  answer_clear (&again);
  {
    g_autoptr(AssayDsseEnvelope) env = assay_dsse_envelope_new_from_json (by_chen, -1, NULL);
    AssayDsseSignature *sig = g_ptr_array_index (env->signatures, 0);
    g_autofree char *sig_b64 = g_base64_encode (g_bytes_get_data (sig->sig, NULL), 64);
    g_autofree char *body = g_strdup_printf ("{\"keyid\":\"%s\",\"sig\":\"%s\"}", sig->keyid, sig_b64);
    g_autofree char *path = g_strdup_printf ("proposals/%s/signatures", hash);

    again = request (f, SOUP_METHOD_POST, path, body, strlen (body));
    assert_refused_saying (&again, 409, "objected to this proposal");
    answer_clear (&again);
  }
  later = object (f, d, hash, ASSAY_TEST_CHEN, "And another reason.", NULL);
  again = oppose (f, hash, later);
  assert_refused_saying (&again, 409, "already objected");
  answer_clear (&again);

  /* No such proposal. */
  again = oppose (f, HASH_A, chen);
  assert_refused (&again, 404);
  answer_clear (&again);
  g_assert_cmpuint (log_size (f), ==, 21);

  /* A dissent is recorded, not a veto: bo's signature logs the freeze. */
  answer_clear (&b);
  b = post (f, by_bo);
  if (b.status != 200)
    g_error ("%u %s", b.status, b.text);
  g_assert_cmpuint (log_size (f), ==, 22);

  /* The objection is kept, also across a restart, and its repeat still
   * gets its answer; a new one comes too late. */
  assay_test_central_stop (f->central);
  assay_test_central_start (f->central);
  objections_path = g_strdup_printf ("proposals/%s/objections", hash);
  list = request (f, SOUP_METHOD_GET, objections_path, NULL, 0);
  g_assert_cmpuint (list.status, ==, 200);
  listed = json_object_get_array_member (list.object, "objections");
  g_assert_cmpuint (json_array_get_length (listed), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (listed, 0), "holder"), ==, "chen");
  answer_clear (&list);
  again = oppose (f, hash, chen);
  g_assert_cmpuint (again.status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (again.object, "status"), ==, "recorded");
  answer_clear (&again);
  again = oppose (f, hash, later);
  assert_refused_saying (&again, 409, "already logged");
  answer_clear (&again);
  list = request (f, SOUP_METHOD_GET, "proposals/" HASH_A "/objections", NULL, 0);
  assert_refused (&list, 404);
  answer_clear (&list);

  answer_clear (&a);
  answer_clear (&b);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  assay_test_signers_init (&signers);

#define ADD(path, fn) g_test_add ("/assay/central/decisions/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("logged", test_logged);
  ADD ("cosign", test_cosign);
  ADD ("merge", test_merge);
  ADD ("restart", test_restart);
  ADD ("refused-payloads", test_refused_payloads);
  ADD ("refused-signatures", test_refused_signatures);
  ADD ("padding", test_padding);
  ADD ("conflicts", test_conflicts);
  ADD ("concurrent", test_concurrent);
  ADD ("import-beside", test_import_beside);
  ADD ("roster-beside", test_roster_beside);
  ADD ("objections", test_objections);
#undef ADD
  g_test_add_func ("/assay/central/decisions/roster-commands", test_roster_commands);

  status = g_test_run ();
  assay_test_signers_clear (&signers);
  return status;
}
