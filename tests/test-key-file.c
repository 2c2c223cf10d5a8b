/* test-key-file.c — key files at rest
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

#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>

#include "assay-error.h"
#include "assay-key-file.h"
#include "assay-key-file-private.h"
#include "assay-test-util.h"

/* The layout of assay-key-file.c, for crafting damaged files. */
#define OFF_OPS    13
#define OFF_MEM    21
#define HEADER_LEN 101
#define FILE_LEN   213

#define PASS "correct horse battery staple"
#define DAMAGED "wrong passphrase or damaged file"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = assay_test_mkdtemp ();
  f->path = g_build_filename (f->dir, "signer.key", NULL);
  g_assert_true (assay_key_file_create (f->path, PASS, strlen (PASS), &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  assay_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
put_u64 (guint8 *p, guint64 v)
{
  for (int i = 7; i >= 0; i--, v >>= 8)
    p[i] = v & 0xff;
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayKeyFile) key = assay_key_file_open (f->path, PASS, strlen (PASS), &error);
  guint8 pk[ASSAY_KEY_PUBLIC_KEY_SIZE], sig[ASSAY_KEY_SIGNATURE_SIZE];
  g_autofree char *id = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_assert_true (assay_key_file_read_public_key (f->path, pk, &error));
  g_assert_cmpmem (pk, sizeof pk, assay_key_file_get_public_key (key), ASSAY_KEY_PUBLIC_KEY_SIZE);
  assay_key_file_sign (key, (const guint8 *) "hello", 5, sig);
  g_assert_cmpint (crypto_sign_verify_detached (sig, (const guint8 *) "hello", 5, pk), ==, 0);

  id = assay_key_id (pk);
  g_assert_cmpuint (strlen (id), ==, 64);
  for (const char *c = id; *c; c++)
    g_assert_true (g_ascii_isdigit (*c) || (*c >= 'a' && *c <= 'f'));

  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpuint (len, ==, FILE_LEN);
  g_assert_cmpmem (contents, 9, "ASSAYKEY1", 9);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_key_id_vector (void)
{
  guint8 zero[ASSAY_KEY_PUBLIC_KEY_SIZE] = { 0 };
  g_autofree char *id = assay_key_id (zero);

  /* SHA-256 of 32 zero bytes. */
  g_assert_cmpstr (id, ==, "66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925");
}

static void
test_wrong_passphrase (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayKeyFile) key = assay_key_file_open (f->path, "wrong", 5, &error);

  g_assert_null (key);
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_assert_cmpstr (error->message, ==, DAMAGED);
}

static void
test_flipped_bytes (Fixture *f, gconstpointer data)
{
  g_autofree char *orig = NULL;
  g_autofree char *damaged = g_build_filename (f->dir, "damaged.key", NULL);
  gsize len;

  g_assert_true (g_file_get_contents (f->path, &orig, &len, NULL));
  g_assert_cmpuint (len, ==, FILE_LEN);
  /* Every header byte, and a stride through the box (each of its bytes
   * fails the same MAC), and the last byte. */
  for (gsize i = 0; i < len; i += i < HEADER_LEN ? 1 : 7)
    for (int pass = 0; pass < (i + 7 >= len ? 2 : 1); pass++)
      {
        g_autofree char *copy = g_memdup2 (orig, len);
        g_autoptr(GError) error = NULL;
        g_autoptr(AssayKeyFile) key = NULL;
        gsize at = pass == 0 ? i : len - 1;

        copy[at] ^= 0x01;
        g_assert_true (g_file_set_contents (damaged, copy, len, NULL));
        key = assay_key_file_open (damaged, PASS, strlen (PASS), &error);
        g_assert_null (key);
        g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
        g_assert_cmpstr (error->message, ==, DAMAGED);
      }

  /* Truncated and extended. */
  for (int delta = -1; delta <= 1; delta += 2)
    {
      g_autofree char *copy = g_malloc0 (len + 1);
      g_autoptr(GError) error = NULL;
      g_autoptr(AssayKeyFile) key = NULL;

      memcpy (copy, orig, len);
      g_assert_true (g_file_set_contents (damaged, copy, len + delta, NULL));
      key = assay_key_file_open (damaged, PASS, strlen (PASS), &error);
      g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
      g_assert_cmpstr (error->message, ==, DAMAGED);
    }
}

static void
open_crafted (Fixture *f, guint offset, guint64 value)
{
  g_autofree char *contents = NULL;
  g_autofree char *crafted = g_build_filename (f->dir, "crafted.key", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayKeyFile) key = NULL;
  gsize len;
  guint before;

  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  put_u64 ((guint8 *) contents + offset, value);
  g_assert_true (g_file_set_contents (crafted, contents, len, NULL));
  before = assay_key_file_get_derivation_count ();
  key = assay_key_file_open (crafted, PASS, strlen (PASS), &error);
  g_assert_null (key);
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_assert_cmpstr (error->message, ==, DAMAGED);
  g_assert_cmpuint (assay_key_file_get_derivation_count (), ==, before);
}

static void
test_limits (Fixture *f, gconstpointer data)
{
  open_crafted (f, OFF_MEM, G_GUINT64_CONSTANT (8) << 30);   /* 8 GiB */
  open_crafted (f, OFF_MEM, (G_GUINT64_CONSTANT (1) << 30) + 1);
  open_crafted (f, OFF_MEM, crypto_pwhash_MEMLIMIT_INTERACTIVE - 1);
  open_crafted (f, OFF_OPS, 1);
  open_crafted (f, OFF_OPS, 11);
  open_crafted (f, OFF_OPS, G_MAXUINT64);
}

static void
test_passwd (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayKeyFile) before = assay_key_file_open (f->path, PASS, strlen (PASS), &error);
  g_autoptr(AssayKeyFile) after = NULL;
  g_autoptr(AssayKeyFile) old = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_false (assay_key_file_change_passphrase (f->path, "wrong", 5, "new one", 7, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_clear_error (&error);

  g_assert_true (assay_key_file_change_passphrase (f->path, PASS, strlen (PASS), "new one", 7, &error));
  g_assert_no_error (error);
  old = assay_key_file_open (f->path, PASS, strlen (PASS), &error);
  g_assert_null (old);
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_assert_cmpstr (error->message, ==, DAMAGED);
  g_clear_error (&error);
  after = assay_key_file_open (f->path, "new one", 7, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (assay_key_file_get_public_key (before), ASSAY_KEY_PUBLIC_KEY_SIZE,
                   assay_key_file_get_public_key (after), ASSAY_KEY_PUBLIC_KEY_SIZE);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_no_overwrite (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GDir) dir = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (f->path, &before, NULL, NULL));
  g_assert_false (assay_key_file_create (f->path, PASS, strlen (PASS), &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_EXISTS);
  g_assert_true (g_file_get_contents (f->path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
  /* No temporary file left behind. */
  dir = g_dir_open (f->dir, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n++;
  g_assert_cmpuint (n, ==, 1);
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);
  g_test_add_func ("/assay/key-file/key-id", test_key_id_vector);
  g_test_add ("/assay/key-file/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/assay/key-file/wrong-passphrase", Fixture, NULL, fixture_set_up, test_wrong_passphrase, fixture_tear_down);
  g_test_add ("/assay/key-file/flipped-bytes", Fixture, NULL, fixture_set_up, test_flipped_bytes, fixture_tear_down);
  g_test_add ("/assay/key-file/limits", Fixture, NULL, fixture_set_up, test_limits, fixture_tear_down);
  g_test_add ("/assay/key-file/passwd", Fixture, NULL, fixture_set_up, test_passwd, fixture_tear_down);
  g_test_add ("/assay/key-file/no-overwrite", Fixture, NULL, fixture_set_up, test_no_overwrite, fixture_tear_down);
  return g_test_run ();
}
