/* test-config.c — tests of the settings validation
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

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "assay-config.h"
#include "assay-error.h"
#include "assay-note.h"
#include "assay-replica.h"
#include "assay-sync.h"
#include "assay-test-util.h"

/* From the golang.org/x/mod/sumdb/note documentation. */
#define GO_EXAMPLE_VKEY "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"

typedef gboolean (*CheckFunc) (const char *value, GError **error);

static void
assert_accepted (CheckFunc   check,
                 const char *value)
{
  g_autoptr(GError) error = NULL;

  if (!check (value, &error))
    g_error ("“%s” was refused: %s", value, error->message);
  g_assert_no_error (error);
}

static void
assert_refused (CheckFunc   check,
                const char *value)
{
  g_autoptr(GError) error = NULL;

  if (check (value, &error))
    g_error ("“%s” was accepted", value ? value : "(null)");
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  /* The message is shown to the user as is: it must say something. */
  g_assert_cmpuint (strlen (error->message), >, 20);
}

/* A verifier key string with the right key ID for any key type. */
static char *
make_vkey (const char *name,
           guint8      type,
           guint8      fill)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 key[33];
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  g_autofree char *encoded = NULL;

  key[0] = type;
  memset (key + 1, fill, 32);
  g_checksum_update (checksum, (const guint8 *)name, strlen (name));
  g_checksum_update (checksum, (const guint8 *)"\n", 1);
  g_checksum_update (checksum, key, sizeof key);
  g_checksum_get_digest (checksum, digest, &digest_len);
  encoded = g_base64_encode (key, sizeof key);

  return g_strdup_printf ("%s+%02x%02x%02x%02x+%s", name,
                          digest[0], digest[1], digest[2], digest[3], encoded);
}

static void
test_server_url_good (void)
{
  assert_accepted (assay_config_check_server_url, "https://ledger.example.org/");
  assert_accepted (assay_config_check_server_url, "https://ledger.example.org");
  assert_accepted (assay_config_check_server_url, "http://127.0.0.1:8080");
  assert_accepted (assay_config_check_server_url, "https://[::1]:8443/log/");
  assert_accepted (assay_config_check_server_url, "HTTPS://Ledger.Example.ORG/tiles/");
  assert_accepted (assay_config_check_server_url, "https://账本.example.cn/");
}

static void
test_server_url_bad (void)
{
  assert_refused (assay_config_check_server_url, NULL);
  assert_refused (assay_config_check_server_url, "");
  assert_refused (assay_config_check_server_url, "ledger.example.org");
  assert_refused (assay_config_check_server_url, "ftp://ledger.example.org/");
  assert_refused (assay_config_check_server_url, "file:///tmp/log");
  assert_refused (assay_config_check_server_url, "https://");
  assert_refused (assay_config_check_server_url, "https:///path");
  assert_refused (assay_config_check_server_url, "https://user:secret@ledger.example.org/");
  assert_refused (assay_config_check_server_url, "https://user@ledger.example.org/");
  assert_refused (assay_config_check_server_url, "https://ledger.example.org/#top");
  assert_refused (assay_config_check_server_url, "https://ledger.example.org/?a=1");
  assert_refused (assay_config_check_server_url, "https://ledger.example.org/a path");
  assert_refused (assay_config_check_server_url, " https://ledger.example.org/");
  assert_refused (assay_config_check_server_url, "https://ledger.example.org/\n");
  assert_refused (assay_config_check_server_url, "https://ledger.example.org:99999/");
  assert_refused (assay_config_check_server_url, "https://ledger.example.org/%zz");
  assert_refused (assay_config_check_server_url, "https://ledger\xff.example.org/");
}

static void
test_log_key_good (void)
{
  g_autofree char *made = make_vkey ("ledger.example.org/assay", 0x01, 0x42);
  g_autofree char *path = assay_test_data_path ("note/c2sp-example.vkey");
  g_autofree char *contents = NULL;

  assert_accepted (assay_config_check_log_key, GO_EXAMPLE_VKEY);
  assert_accepted (assay_config_check_log_key, made);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_strstrip (contents);
  assert_accepted (assay_config_check_log_key, contents);
}

static void
test_log_key_bad (void)
{
  g_autofree char *witness = make_vkey ("witness.example.org", 0x04, 0x42);
  g_autofree char *unknown_type = make_vkey ("ledger.example.org", 0x7f, 0x42);
  g_autofree char *wrong_id = g_strdup (GO_EXAMPLE_VKEY);

  /* Change the key ID so it no longer matches the key. */
  wrong_id[strlen ("PeterNeumann+")] = 'd';

  assert_refused (assay_config_check_log_key, NULL);
  assert_refused (assay_config_check_log_key, "");
  assert_refused (assay_config_check_log_key, "not a key");
  assert_refused (assay_config_check_log_key, "PeterNeumann+c74f20a3");
  assert_refused (assay_config_check_log_key, "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKq");
  assert_refused (assay_config_check_log_key, "PeterNeumann+zzzzzzzz+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
  assert_refused (assay_config_check_log_key, "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz");
  assert_refused (assay_config_check_log_key, GO_EXAMPLE_VKEY "\n");
  assert_refused (assay_config_check_log_key, wrong_id);
  assert_refused (assay_config_check_log_key, witness);
  assert_refused (assay_config_check_log_key, unknown_type);
}

static void
test_replica_path_good (void)
{
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *direct = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *nested = g_build_filename (dir, "new", "sub", "replica.db", NULL);
  g_autofree char *existing = g_build_filename (dir, "existing.db", NULL);

  g_assert_true (g_file_set_contents (existing, "", 0, NULL));

  assert_accepted (assay_config_check_replica_path, direct);
  assert_accepted (assay_config_check_replica_path, nested);
  assert_accepted (assay_config_check_replica_path, existing);

  /* Checking never creates anything. */
  g_assert_false (g_file_test (direct, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (nested, G_FILE_TEST_EXISTS));

  assay_test_rmdir (dir);
}

static void
test_replica_path_bad (void)
{
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *file = g_build_filename (dir, "file", NULL);
  g_autofree char *under_file = g_build_filename (dir, "file", "replica.db", NULL);
  g_autofree char *trailing = g_strconcat (dir, "/", NULL);

  g_assert_true (g_file_set_contents (file, "x", 1, NULL));

  assert_refused (assay_config_check_replica_path, NULL);
  assert_refused (assay_config_check_replica_path, "");
  assert_refused (assay_config_check_replica_path, "replica.db");
  assert_refused (assay_config_check_replica_path, "~/replica.db");
  assert_refused (assay_config_check_replica_path, dir);
  assert_refused (assay_config_check_replica_path, trailing);
  assert_refused (assay_config_check_replica_path, under_file);

  assay_test_rmdir (dir);
}

static void
test_replica_path_read_only (void)
{
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *locked = g_build_filename (dir, "locked", NULL);
  g_autofree char *inside = g_build_filename (locked, "replica.db", NULL);

  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);

  if (access (locked, W_OK) == 0)
    g_test_skip ("The permission check cannot fail for this user (root)");
  else
    assert_refused (assay_config_check_replica_path, inside);

  g_assert_cmpint (g_chmod (locked, 0700), ==, 0);
  assay_test_rmdir (dir);
}

/* A witness verifier key (type 0x04) for `public_key` under `name`. */
static char *
cosigner_vkey (const char *name,
               const guint8 public_key[32])
{
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 typed[33] = { 0x04 };
  guint8 digest[32];
  gsize len = sizeof digest;
  g_autofree char *b64 = NULL;

  memcpy (typed + 1, public_key, 32);
  g_checksum_update (sha, (const guchar *) name, strlen (name));
  g_checksum_update (sha, (const guchar *) "\n", 1);
  g_checksum_update (sha, typed, sizeof typed);
  g_checksum_get_digest (sha, digest, &len);
  b64 = g_base64_encode (typed, sizeof typed);
  return g_strdup_printf ("%s+%02x%02x%02x%02x+%s", name, digest[0], digest[1], digest[2], digest[3], b64);
}

/* One witness under two names (a cosignature does not sign the name), or
 * two keys with one name, would count one witness twice. */
static void
test_witnesses_same_witness (void)
{
  g_autoptr(GError) error = NULL;
  AssayNoteSigner *w = assay_note_signer_generate ("witness.test/w1", &error);
  AssayNoteSigner *other = assay_note_signer_generate ("witness.test/w2", &error);
  g_autofree char *real = assay_note_signer_get_cosigner_verifier_string (w);
  g_autofree char *alias = cosigner_vkey ("witness.test/alias", assay_note_signer_get_public_key (w));
  g_autofree char *same_name = cosigner_vkey ("witness.test/w1", assay_note_signer_get_public_key (other));
  g_autofree char *distinct = assay_note_signer_get_cosigner_verifier_string (other);
  const char *aliased[] = { real, alias, NULL };
  const char *renamed[] = { real, same_name, NULL };
  const char *good[] = { real, distinct, NULL };

  g_assert_no_error (error);
  g_assert_true (assay_config_check_witness_key (alias, &error));
  g_assert_no_error (error);
  g_assert_false (assay_config_check_witnesses (aliased, 2, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (assay_config_check_witnesses (renamed, 2, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (assay_config_check_witnesses (good, 2, &error));
  g_assert_no_error (error);
  assay_note_signer_free (w);
  assay_note_signer_free (other);
}

/* The log's own key as a witness is refused before anything is fetched. */
static void
test_witnesses_not_the_log (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "replica.db", NULL);
  AssayNoteSigner *log = assay_note_signer_generate ("log.test/log", &error);
  g_autofree char *log_key = assay_note_signer_get_verifier_string (log);
  g_autofree char *as_witness = assay_note_signer_get_cosigner_verifier_string (log);
  const char *witnesses[] = { as_witness, NULL };
  g_autoptr(AssayReplica) replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_CREATE, &error);
  g_autoptr(AssaySync) sync = assay_sync_new ("http://127.0.0.1:9/", log_key);

  g_assert_no_error (error);
  g_object_set (sync, "witness-keys", witnesses, "witness-quorum", 1, NULL);
  g_assert_false (assay_sync_run (sync, replica, NULL, NULL, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "witness itself"));
  assay_note_signer_free (log);
  g_clear_object (&replica);
  assay_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/assay/config/server-url/good", test_server_url_good);
  g_test_add_func ("/assay/config/server-url/bad", test_server_url_bad);
  g_test_add_func ("/assay/config/log-key/good", test_log_key_good);
  g_test_add_func ("/assay/config/log-key/bad", test_log_key_bad);
  g_test_add_func ("/assay/config/replica-path/good", test_replica_path_good);
  g_test_add_func ("/assay/config/replica-path/bad", test_replica_path_bad);
  g_test_add_func ("/assay/config/replica-path/read-only", test_replica_path_read_only);
  g_test_add_func ("/assay/config/witnesses/same-witness", test_witnesses_same_witness);
  g_test_add_func ("/assay/config/witnesses/not-the-log", test_witnesses_not_the_log);

  return g_test_run ();
}
