/* test-key-cli.c — assayctl key create, show and passwd
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
#include <string.h>
#include <sys/stat.h>

#include "assay-test-util.h"

/* Runs assayctl with stdin a pipe (not a terminal) holding nothing. */
static int
run (char **out, char **err, const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) g_getenv ("ASSAYCTL"));
  for (; *args; args++)
    g_ptr_array_add (argv, (gpointer) *args);
  g_ptr_array_add (argv, NULL);
  return assay_test_run ((const char * const *) argv->pdata, "", out, err);
}

static void
test_key_cli (void)
{
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *key = g_build_filename (dir, "signer.key", NULL);
  g_autofree char *p1 = g_build_filename (dir, "p1", NULL);
  g_autofree char *p2 = g_build_filename (dir, "p2", NULL);
  g_autofree char *junk = g_build_filename (dir, "junk", NULL);
  g_autofree char *other = g_build_filename (dir, "other.key", NULL);
  g_autofree char *created = NULL, *shown = NULL, *out = NULL, *err = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (p1, "first passphrase\n", -1, NULL));
  g_assert_true (g_file_set_contents (p2, "second passphrase\n", -1, NULL));
  g_assert_true (g_file_set_contents (junk, "not a key file", -1, NULL));

  /* create, then show prints the same public key and key id. */
  g_assert_cmpint (run (&created, NULL, (const char *[]) { "key", "create", "--passphrase-file", p1, key, NULL }), ==, 0);
  g_assert_true (g_str_has_prefix (created, "Public key: "));
  g_assert_nonnull (strstr (created, "\nKey id: "));
  g_assert_cmpint (g_stat (key, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (run (&shown, NULL, (const char *[]) { "key", "show", key, NULL }), ==, 0);
  g_assert_cmpstr (shown, ==, created);

  /* Never overwritten. */
  g_assert_cmpint (run (NULL, &err, (const char *[]) { "key", "create", "--passphrase-file", p2, key, NULL }), ==, 1);
  g_assert_nonnull (strstr (err, "never overwritten"));
  g_clear_pointer (&err, g_free);

  /* passwd: a wrong current passphrase exits 3; then the change works. */
  g_assert_cmpint (run (NULL, &err, (const char *[]) { "key", "passwd", "--passphrase-file", p2,
                                                       "--new-passphrase-file", p1, key, NULL }), ==, 3);
  g_assert_nonnull (strstr (err, "wrong passphrase or damaged file"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, NULL, (const char *[]) { "key", "passwd", "--passphrase-file", p1,
                                                       "--new-passphrase-file", p2, key, NULL }), ==, 0);
  g_assert_cmpint (run (NULL, NULL, (const char *[]) { "key", "passwd", "--passphrase-file", p1,
                                                       "--new-passphrase-file", p2, key, NULL }), ==, 3);
  g_assert_cmpint (run (&out, NULL, (const char *[]) { "key", "show", key, NULL }), ==, 0);
  g_assert_cmpstr (out, ==, created);
  g_clear_pointer (&out, g_free);

  /* No passphrase file and no terminal: a usage error. */
  g_assert_cmpint (run (NULL, &err, (const char *[]) { "key", "passwd", key, NULL }), ==, 2);
  g_assert_nonnull (strstr (err, "not a terminal"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, NULL, (const char *[]) { "key", "passwd", "--passphrase-file", p2, key, NULL }), ==, 2);
  g_assert_cmpint (run (NULL, NULL, (const char *[]) { "key", "create", junk, NULL }), ==, 1);
  g_assert_cmpint (run (NULL, NULL, (const char *[]) { "key", "create", other, NULL }), ==, 2);
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));

  /* A damaged file exits 3; a missing one 1; usage errors 2. */
  g_assert_cmpint (run (NULL, NULL, (const char *[]) { "key", "show", junk, NULL }), ==, 3);
  g_assert_cmpint (run (NULL, NULL, (const char *[]) { "key", "passwd", "--passphrase-file", p2,
                                                       "--new-passphrase-file", p1, junk, NULL }), ==, 3);
  g_assert_cmpint (run (NULL, NULL, (const char *[]) { "key", "show", other, NULL }), ==, 1);
  g_assert_cmpint (run (NULL, NULL, (const char *[]) { "key", "show", NULL }), ==, 2);
  g_assert_cmpint (run (NULL, NULL, (const char *[]) { "key", NULL }), ==, 2);
  g_assert_cmpint (run (NULL, NULL, (const char *[]) { "key", "frobnicate", key, NULL }), ==, 2);
  g_assert_cmpint (run (&out, NULL, (const char *[]) { "key", "--help", NULL }), ==, 0);
  g_assert_nonnull (strstr (out, "passwd"));

  assay_test_rmdir (dir);
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/assay/key/cli", test_key_cli);
  return g_test_run ();
}
