/* test-witness.c — sync under a witness quorum, against a real assay-central
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
#include <string.h>

#include "assay-error.h"
#include "assay-replica.h"
#include "assay-sync.h"
#include "assay-test-central.h"
#include "assay-test-replica.h"
#include "assay-test-util.h"

#define ORIGIN "witness.test/log"

typedef struct
{
  AssayTestCentral *central;
  char             *dir;
  char             *replica;
  char             *w1_file;
  char             *w2_file;
  char             *w3_file;
  char             *w1;          /* the witnesses' verifier keys */
  char             *w2;
  char             *w3;
} Fixture;

/* Runs `assay-central cosign` with the key in `file` (made first for a
 * witness called `name`, if given); returns the witness's verifier key. */
static char *
cosign (Fixture *f,
        const char *file,
        const char *name)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { g_getenv ("ASSAY_CENTRAL"), "cosign", "--data", f->central->data,
                         "--witness-key-file", file, name != NULL ? "--new-witness" : NULL, name, NULL };
  int status = assay_test_run (argv, NULL, &out, &err);

  g_test_message ("cosign: %s", err);
  g_assert_cmpint (status, ==, 0);
  return g_strstrip (g_steal_pointer (&out));
}

/* A served log of 300 entries that witnesses w1 and w2 cosigned (w3 has
 * a key but cosigned nothing yet). */
static void
fixture_setup (Fixture *f)
{
  g_autofree char *lines = assay_test_lines (0, 300, NULL, NULL);

  f->central = assay_test_central_new (ORIGIN);
  assay_test_central_import (f->central, lines);
  assay_test_central_start (f->central);
  f->dir = assay_test_mkdtemp ();
  f->replica = g_build_filename (f->dir, "replica.db", NULL);
  f->w1_file = g_build_filename (f->dir, "w1.key", NULL);
  f->w2_file = g_build_filename (f->dir, "w2.key", NULL);
  f->w3_file = g_build_filename (f->dir, "w3.key", NULL);
  f->w1 = cosign (f, f->w1_file, "witness.test/w1");
  f->w2 = cosign (f, f->w2_file, "witness.test/w2");
  f->w3 = cosign (f, f->w3_file, "witness.test/w3");
}

static void
fixture_teardown (Fixture *f)
{
  assay_test_central_free (f->central);
  assay_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->replica);
  g_free (f->w1_file);
  g_free (f->w2_file);
  g_free (f->w3_file);
  g_free (f->w1);
  g_free (f->w2);
  g_free (f->w3);
}

/* New entries: a new checkpoint that no witness has cosigned yet. */
static void
fixture_grow (Fixture *f)
{
  g_autofree char *lines = assay_test_lines (300, 300, NULL, NULL);

  assay_test_central_import (f->central, lines);
}

static gboolean
sync_with (const char *path,
           const char *url,
           const char *log_key,
           const char * const *witnesses,
           guint quorum,
           GError **error)
{
  g_autoptr(AssayReplica) replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_CREATE, error);
  g_autoptr(AssaySync) sync = NULL;

  if (replica == NULL)
    return FALSE;
  sync = assay_sync_new (url, log_key);
  assay_sync_set_timeout (sync, 5);
  g_object_set (sync, "witness-keys", witnesses, "witness-quorum", quorum, NULL);
  return assay_sync_run (sync, replica, NULL, NULL, error);
}

static void
assert_quorum (const char *path,
               guint64 size,
               guint cosigned,
               guint n_witnesses,
               guint quorum)
{
  g_autoptr(AssayReplicaStatus) status = assay_test_replica_status (path);

  g_assert_cmpuint (status->size, ==, size);
  g_assert_cmpuint (status->n_witness_cosignatures, ==, cosigned);
  g_assert_cmpuint (status->n_witnesses, ==, n_witnesses);
  g_assert_cmpuint (status->witness_quorum, ==, quorum);
  g_assert_cmpint (status->alert, ==, ASSAY_ALERT_NONE);
}

/* ---- the policy ------------------------------------------------------------- */

static void
test_quorum_met (void)
{
  Fixture f = { NULL };
  g_autoptr(GError) error = NULL;
  const char *both[] = { NULL, NULL, NULL };

  fixture_setup (&f);
  both[0] = f.w1;
  both[1] = f.w2;
  g_assert_true (sync_with (f.replica, f.central->url, f.central->key, both, 2, &error));
  g_assert_no_error (error);
  assert_quorum (f.replica, 300, 2, 2, 2);

  /* Nothing new, the same checkpoint: still accepted, still 2 of 2. */
  g_assert_true (sync_with (f.replica, f.central->url, f.central->key, both, 2, &error));
  g_assert_no_error (error);
  assert_quorum (f.replica, 300, 2, 2, 2);

  /* Without witnesses the same replica syncs too, and says so. */
  g_assert_true (sync_with (f.replica, f.central->url, f.central->key, NULL, 0, &error));
  g_assert_no_error (error);
  assert_quorum (f.replica, 300, 0, 0, 0);
  fixture_teardown (&f);
}

static void
test_quorum_not_met (void)
{
  Fixture f = { NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *vkey = NULL;
  const char *both[] = { NULL, NULL, NULL };

  fixture_setup (&f);
  both[0] = f.w1;
  both[1] = f.w2;
  g_assert_true (sync_with (f.replica, f.central->url, f.central->key, both, 2, &error));
  g_assert_no_error (error);
  before = assay_test_dump_replica (f.replica, TRUE);

  /* The log moved on; so far only w1 has seen the new checkpoint. */
  fixture_grow (&f);
  g_assert_false (sync_with (f.replica, f.central->url, f.central->key, both, 2, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "0 of the 2"));
  g_clear_error (&error);
  vkey = cosign (&f, f.w1_file, NULL);
  g_assert_cmpstr (vkey, ==, f.w1);
  g_assert_false (sync_with (f.replica, f.central->url, f.central->key, both, 2, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "1 of the 2"));
  g_assert_nonnull (strstr (error->message, "try again later"));
  g_clear_error (&error);

  /* Nothing stored, no alert. */
  after = assay_test_dump_replica (f.replica, TRUE);
  g_assert_cmpstr (before, ==, after);
  assert_quorum (f.replica, 300, 2, 2, 2);

  /* A lower quorum accepts it; so does the full one once w2 cosigned. */
  g_assert_true (sync_with (f.replica, f.central->url, f.central->key, both, 1, &error));
  g_assert_no_error (error);
  assert_quorum (f.replica, 600, 1, 2, 1);
  g_free (cosign (&f, f.w2_file, NULL));
  g_assert_true (sync_with (f.replica, f.central->url, f.central->key, both, 2, &error));
  g_assert_no_error (error);
  assert_quorum (f.replica, 600, 2, 2, 2);
  fixture_teardown (&f);
}

/* Flips a bit of the signature on the checkpoint's signature line by
 * `name` (user_data), keeping its key ID. */
static void
forge_filter (const char *path,
              guint *status,
              GByteArray *body,
              gpointer user_data)
{
  g_autofree char *prefix = g_strconcat ("\xe2\x80\x94 ", (const char *) user_data, " ", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *joined = NULL;

  if (!g_str_equal (path, "checkpoint"))
    return;
  text = g_strndup ((const char *) body->data, body->len);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      {
        gsize len = 0;
        g_autofree guint8 *sig = g_base64_decode (lines[i] + strlen (prefix), &len);
        g_autofree char *forged = NULL;

        g_assert_cmpuint (len, ==, 4 + 8 + 64);
        sig[len - 1] ^= 0x01;
        forged = g_base64_encode (sig, len);
        g_free (lines[i]);
        lines[i] = g_strconcat (prefix, forged, NULL);
      }
  joined = g_strjoinv ("\n", lines);
  g_byte_array_set_size (body, 0);
  g_byte_array_append (body, (const guint8 *) joined, strlen (joined));
}

static void
test_forged_cosignature (void)
{
  Fixture f = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayTestProxy) proxy = NULL;
  g_autoptr(AssayReplicaStatus) status = NULL;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *evidence = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *both[] = { NULL, NULL, NULL };
  JsonObject *root;

  fixture_setup (&f);
  both[0] = f.w1;
  both[1] = f.w2;
  g_assert_true (sync_with (f.replica, f.central->url, f.central->key, both, 1, &error));
  g_assert_no_error (error);
  fixture_grow (&f);
  g_free (cosign (&f, f.w1_file, NULL));
  g_free (cosign (&f, f.w2_file, NULL));
  before = assay_test_dump_replica (f.replica, TRUE);

  /* w2's cosignature is forged: w1's alone would meet the quorum of 1,
   * but a configured witness whose signature fails rejects the note. */
  proxy = assay_test_proxy_new (f.central->url);
  assay_test_proxy_set_filter (proxy, forge_filter, (gpointer) "witness.test/w2");
  g_assert_false (sync_with (f.replica, assay_test_proxy_get_url (proxy), f.central->key, both, 1, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_SECURITY);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "witness"));
  g_clear_error (&error);

  status = assay_test_replica_status (f.replica);
  g_assert_cmpint (status->alert, ==, ASSAY_ALERT_SIGNATURE);
  g_assert_cmpuint (status->size, ==, 300);
  after = assay_test_dump_replica (f.replica, TRUE);
  g_assert_cmpstr (strstr (after, "== checkpoints"), ==, strstr (before, "== checkpoints"));

  replica = assay_replica_open (f.replica, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  evidence = assay_replica_get_evidence (replica, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, evidence, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "alert"), ==, "signature");
  g_assert_true (json_object_has_member (root, "new_checkpoint"));
  g_assert_true (json_object_has_member (root, "stored_checkpoint"));
  g_assert_nonnull (strstr (json_object_get_string_member (root, "witness_keys"), f.w2));

  /* Refused until cleared; then the honest checkpoint goes through. */
  g_assert_false (sync_with (f.replica, f.central->url, f.central->key, both, 1, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_SECURITY);
  g_clear_error (&error);
  g_assert_true (assay_replica_clear_alert (replica, &error));
  g_assert_no_error (error);
  g_assert_true (sync_with (f.replica, f.central->url, f.central->key, both, 2, &error));
  g_assert_no_error (error);
  assert_quorum (f.replica, 600, 2, 2, 2);
  fixture_teardown (&f);
}

/* Cosignatures by witnesses we do not follow count for nothing, and even
 * a broken one is ignored. */
static void
test_unknown_witnesses (void)
{
  Fixture f = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayTestProxy) proxy = NULL;
  const char *only_w1[] = { NULL, NULL };
  const char *w1_w2[] = { NULL, NULL, NULL };

  fixture_setup (&f);
  only_w1[0] = f.w1;
  w1_w2[0] = f.w1;
  w1_w2[1] = f.w2;
  fixture_grow (&f);
  g_free (cosign (&f, f.w1_file, NULL));
  g_free (cosign (&f, f.w3_file, NULL));

  /* w3 cosigned but is not configured: 1 of 2, not 2. */
  g_assert_false (sync_with (f.replica, f.central->url, f.central->key, w1_w2, 2, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_FAILED);
  g_clear_error (&error);

  proxy = assay_test_proxy_new (f.central->url);
  assay_test_proxy_set_filter (proxy, forge_filter, (gpointer) "witness.test/w3");
  g_assert_true (sync_with (f.replica, assay_test_proxy_get_url (proxy), f.central->key, only_w1, 1, &error));
  g_assert_no_error (error);
  assert_quorum (f.replica, 600, 1, 1, 1);
  fixture_teardown (&f);
}

/* An existing key file is never overwritten by --new-witness, and a wrong
 * --data leaves no new key file behind. */
static void
test_cosign_key_files (void)
{
  Fixture f = { NULL };
  g_autofree char *err = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  fixture_setup (&f);
  g_assert_true (g_file_get_contents (f.w1_file, &before, NULL, NULL));
  {
    const char *argv[] = { g_getenv ("ASSAY_CENTRAL"), "cosign", "--data", f.central->data,
                           "--witness-key-file", f.w1_file, "--new-witness", "witness.test/again", NULL };

    g_assert_cmpint (assay_test_run (argv, NULL, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "already exists"));
  }
  g_assert_true (g_file_get_contents (f.w1_file, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);

  fresh = g_build_filename (f.dir, "fresh.key", NULL);
  {
    const char *argv[] = { g_getenv ("ASSAY_CENTRAL"), "cosign", "--data", f.dir,
                           "--witness-key-file", fresh, "--new-witness", "witness.test/fresh", NULL };

    g_assert_cmpint (assay_test_run (argv, NULL, NULL, NULL), ==, 1);
  }
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  fixture_teardown (&f);
}

static void
test_bad_policy (void)
{
  Fixture f = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplicaStatus) status = NULL;
  const char *log_as_witness[] = { NULL, NULL };
  const char *twice[] = { NULL, NULL, NULL };
  const char *one[] = { NULL, NULL };

  fixture_setup (&f);
  log_as_witness[0] = f.central->key;
  twice[0] = twice[1] = f.w1;
  one[0] = f.w1;

  g_assert_false (sync_with (f.replica, f.central->url, f.central->key, log_as_witness, 1, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (sync_with (f.replica, f.central->url, f.central->key, twice, 1, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (sync_with (f.replica, f.central->url, f.central->key, one, 2, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (sync_with (f.replica, f.central->url, f.central->key, NULL, 1, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  status = assay_test_replica_status (f.replica);
  g_assert_cmpuint (status->size, ==, 0);
  fixture_teardown (&f);
}

/* ---- assayctl ------------------------------------------------------------------ */

static int
assayctl (const char * const *args,
          char **out,
          char **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) g_getenv ("ASSAYCTL"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return assay_test_run ((const char * const *) argv->pdata, NULL, out, err);
}

static void
expect_usage (Fixture *f,
              const char *witness_a,
              const char *witness_b,
              const char *quorum)
{
  g_autofree char *err = NULL;
  const char *args[] = { "--replica", f->replica, "sync", "--server", f->central->url,
                         "--log-key", f->central->key, "--witness-quorum", quorum,
                         witness_a != NULL ? "--witness-key" : NULL, witness_a,
                         witness_b != NULL ? "--witness-key" : NULL, witness_b, NULL };

  g_assert_cmpint (assayctl (args, NULL, &err), ==, 2);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "assayctl sync:"));
}

static void
test_cli (void)
{
  Fixture f = { NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *witnesses;

  fixture_setup (&f);
  {
    const char *args[] = { "--replica", f.replica, "sync", "--server", f.central->url,
                           "--log-key", f.central->key, "--witness-key", f.w1,
                           "--witness-key", f.w2, "--witness-quorum", "2", NULL };

    g_assert_cmpint (assayctl (args, NULL, NULL), ==, 0);
  }
  {
    const char *args[] = { "--replica", f.replica, "status", NULL };

    g_assert_cmpint (assayctl (args, &out, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "2 of 2 configured witnesses cosigned (quorum 2)"));
    g_clear_pointer (&out, g_free);
  }
  {
    const char *args[] = { "--replica", f.replica, "status", "--json", NULL };

    g_assert_cmpint (assayctl (args, &out, NULL), ==, 0);
    g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
    witnesses = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                               "witnesses");
    g_assert_cmpint (json_object_get_int_member (witnesses, "configured"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (witnesses, "quorum"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (witnesses, "cosigned"), ==, 2);
    g_clear_pointer (&out, g_free);
  }

  /* Not witnessed yet: exit 1, a message, no alert. */
  fixture_grow (&f);
  g_free (cosign (&f, f.w2_file, NULL));
  {
    const char *args[] = { "--replica", f.replica, "sync", "--server", f.central->url,
                           "--log-key", f.central->key, "--witness-key", f.w1,
                           "--witness-key", f.w2, "--witness-quorum", "2", NULL };

    g_assert_cmpint (assayctl (args, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "1 of the 2 required witness cosignatures"));
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "--replica", f.replica, "status", NULL };

    g_assert_cmpint (assayctl (args, &out, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "Tree size:    300\n"));
    g_assert_nonnull (strstr (out, "Alert:        none"));
    g_clear_pointer (&out, g_free);
  }

  /* Usage errors. */
  expect_usage (&f, f.w1, NULL, "2");
  expect_usage (&f, f.w1, f.w1, "1");
  expect_usage (&f, f.central->key, NULL, "1");
  expect_usage (&f, "not-a-key", NULL, "0");
  expect_usage (&f, NULL, NULL, "-1");
  expect_usage (&f, NULL, NULL, "1");
  expect_usage (&f, f.w1, NULL, "many");
  fixture_teardown (&f);
}

int
main (int argc, char **argv)
{
  g_setenv ("LC_ALL", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/assay/witness/quorum-met", test_quorum_met);
  g_test_add_func ("/assay/witness/quorum-not-met", test_quorum_not_met);
  g_test_add_func ("/assay/witness/forged-cosignature", test_forged_cosignature);
  g_test_add_func ("/assay/witness/unknown-witnesses", test_unknown_witnesses);
  g_test_add_func ("/assay/witness/bad-policy", test_bad_policy);
  g_test_add_func ("/assay/witness/cosign-key-files", test_cosign_key_files);
  g_test_add_func ("/assay/witness/cli", test_cli);
  return g_test_run ();
}
