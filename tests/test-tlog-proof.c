/* test-tlog-proof.c — tests for c2sp.org/tlog-proof@v1 files
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

#include "assay-checkpoint.h"
#include "assay-error.h"
#include "assay-test-keys.h"
#include "assay-tlog-proof.h"

#define ORIGIN  "ledger.assay.example/v1"
#define N_LEAVES 70

typedef struct
{
  guint8             leaves[N_LEAVES][ASSAY_HASH_SIZE];
  AssayTestKeys      keys;
  char              *checkpoint;   /* signed and cosigned */
} Fixture;

static gboolean
node_func (guint         level,
           guint64       index,
           guint8        out[ASSAY_HASH_SIZE],
           gpointer      user_data,
           GError      **error)
{
  Fixture *f = user_data;
  guint64 begin = index << level;
  guint64 width = G_GUINT64_CONSTANT (1) << level;

  g_assert_cmpuint (begin + width, <=, N_LEAVES);
  assay_merkle_root_of_leaves (f->leaves[begin], width, out);
  return TRUE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AssayCheckpoint) cp = NULL;
  g_autofree char *text = NULL;
  g_autofree char *signed_note = NULL;
  g_autofree char *cosigs = NULL;
  g_autofree char *c1 = NULL;
  g_autofree char *c2 = NULL;
  guint8 root[ASSAY_HASH_SIZE];

  for (guint i = 0; i < N_LEAVES; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"n\":%u}", i);

      assay_merkle_leaf_hash ((const guint8 *) body, strlen (body), f->leaves[i]);
    }
  assay_test_keys_init (&f->keys, ORIGIN);

  assay_merkle_root_of_leaves (f->leaves[0], N_LEAVES, root);
  cp = assay_checkpoint_new (ORIGIN, N_LEAVES, root);
  text = assay_checkpoint_format_text (cp);
  signed_note = assay_note_sign (f->keys.log, text, NULL);
  c1 = assay_cosignature_sign (f->keys.w1, text, 1700000000, NULL);
  c2 = assay_cosignature_sign (f->keys.w2, text, 1700000005, NULL);
  cosigs = g_strconcat (c1, c2, NULL);
  f->checkpoint = assay_note_add_signature_lines (signed_note, cosigs, NULL);
  g_assert_nonnull (f->checkpoint);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  assay_test_keys_clear (&f->keys);
  g_free (f->checkpoint);
}

static char *
make_proof_text (Fixture    *f,
                 guint64     index,
                 GBytes     *extra)
{
  AssayTlogProof proof = { 0 };
  g_autoptr(GBytes) hashes = assay_merkle_inclusion_proof (index, N_LEAVES, node_func, f, NULL);

  proof.extra = extra;
  proof.index = index;
  proof.proof = hashes;
  proof.checkpoint = f->checkpoint;
  return assay_tlog_proof_format (&proof);
}

static AssayTlogProof *
parse (const char  *text,
       GError     **error)
{
  return assay_tlog_proof_parse (text, strlen (text), error);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  AssayNoteVerifier *witnesses[] = { f->keys.w1_v, f->keys.w2_v };

  for (guint64 index = 0; index < N_LEAVES; index++)
    {
      g_autoptr(GBytes) extra = g_bytes_new_static ("salt and body", 13);
      g_autofree char *text = make_proof_text (f, index, index % 2 ? extra : NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(AssayTlogProof) proof = parse (text, &error);
      g_autofree char *again = NULL;
      g_autoptr(AssayCheckpoint) cp = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (proof->index, ==, index);
      g_assert_cmpstr (proof->checkpoint, ==, f->checkpoint);
      if (index % 2)
        g_assert_true (g_bytes_equal (proof->extra, extra));
      else
        g_assert_null (proof->extra);
      again = assay_tlog_proof_format (proof);
      g_assert_cmpstr (again, ==, text);

      g_assert_true (assay_tlog_proof_verify (proof, f->keys.log_v, f->leaves[index], &error));
      g_assert_no_error (error);
      g_assert_true (assay_tlog_proof_verify_full (proof, f->keys.log_v, witnesses, 2, 2,
                                                   f->leaves[index], &cp, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (cp->size, ==, N_LEAVES);

      /* Another leaf is not proven by this proof. */
      g_assert_false (assay_tlog_proof_verify (proof, f->keys.log_v,
                                               f->leaves[(index + 1) % N_LEAVES], &error));
      g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
    }
}

static void
test_exact_format (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) extra = g_bytes_new_static ("hi", 2);
  g_autofree char *text = make_proof_text (f, 3, extra);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  /* Header, extra, index, then log2(64) = 7 hashes for leaf 3 of 70. */
  g_assert_cmpstr (lines[0], ==, "c2sp.org/tlog-proof@v1");
  g_assert_cmpstr (lines[1], ==, "extra aGk=");
  g_assert_cmpstr (lines[2], ==, "index 3");
  for (guint i = 3; i < 10; i++)
    g_assert_cmpuint (strlen (lines[i]), ==, 44);
  g_assert_cmpstr (lines[10], ==, "");
  g_assert_cmpstr (strstr (text, "\n\n" ORIGIN) + 2, ==, f->checkpoint);
}

static void
test_verify_rejects (Fixture       *f,
                     gconstpointer  data)
{
  AssayNoteVerifier *witnesses[] = { f->keys.w1_v, f->keys.w2_v };
  g_autofree char *text = make_proof_text (f, 17, NULL);
  g_autoptr(AssayTlogProof) proof = parse (text, NULL);
  g_autoptr(AssayNoteSigner) other = assay_note_signer_generate (ORIGIN, NULL);
  g_autoptr(AssayNoteVerifier) other_v =
    assay_test_verifier_from (assay_note_signer_get_verifier_string (other));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) saved = NULL;
  guint8 *flipped;
  gsize len;

  /* Not enough witnesses. */
  g_assert_false (assay_tlog_proof_verify_full (proof, f->keys.log_v, witnesses, 1, 2,
                                                f->leaves[17], NULL, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_clear_error (&error);

  /* Another key for the same origin. */
  g_assert_false (assay_tlog_proof_verify (proof, other_v, f->leaves[17], &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_clear_error (&error);

  /* Another index. */
  proof->index = 18;
  g_assert_false (assay_tlog_proof_verify (proof, f->keys.log_v, f->leaves[17], &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_clear_error (&error);
  proof->index = N_LEAVES;
  g_assert_false (assay_tlog_proof_verify (proof, f->keys.log_v, f->leaves[17], &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  proof->index = 17;

  /* A flipped bit in a proof hash. */
  saved = proof->proof;
  flipped = g_bytes_unref_to_data (g_bytes_ref (saved), &len);
  flipped[40] ^= 4;
  proof->proof = g_bytes_new_take (flipped, len);
  g_assert_false (assay_tlog_proof_verify (proof, f->keys.log_v, f->leaves[17], &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_clear_error (&error);
  g_bytes_unref (proof->proof);
  proof->proof = g_steal_pointer (&saved);

  /* A changed checkpoint. */
  {
    char *size_digit = proof->checkpoint + strlen (ORIGIN) + 1;

    *size_digit = '8';
    g_assert_false (assay_tlog_proof_verify (proof, f->keys.log_v, f->leaves[17], &error));
    g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
    *size_digit = '7';
  }
  g_clear_error (&error);
  g_assert_true (assay_tlog_proof_verify (proof, f->keys.log_v, f->leaves[17], &error));
  g_assert_no_error (error);
}

static void
test_parse_rejects (Fixture       *f,
                    gconstpointer  data)
{
  const char *h = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  g_autofree char *cp = g_strdup (f->checkpoint);
  char *bad[] = {
    g_strdup (""),
    g_strdup_printf ("c2sp.org/tlog-proof@v2\nindex 1\n%s\n\n%s", h, cp),
    g_strdup_printf ("c2sp.org/tlog-proof@v1 \nindex 1\n%s\n\n%s", h, cp),
    g_strdup_printf ("c2sp.org/tlog-proof@v1\n%s\n\n%s", h, cp),
    g_strdup_printf ("c2sp.org/tlog-proof@v1\nindex 01\n%s\n\n%s", h, cp),
    g_strdup_printf ("c2sp.org/tlog-proof@v1\nindex -1\n%s\n\n%s", h, cp),
    g_strdup_printf ("c2sp.org/tlog-proof@v1\nindex  1\n%s\n\n%s", h, cp),
    g_strdup_printf ("c2sp.org/tlog-proof@v1\nindex 1\nextra aGk=\n%s\n\n%s", h, cp),
    g_strdup_printf ("c2sp.org/tlog-proof@v1\nextra aGk\nindex 1\n%s\n\n%s", h, cp),
    g_strdup_printf ("c2sp.org/tlog-proof@v1\nindex 1\nAAAA\n\n%s", cp),
    g_strdup_printf ("c2sp.org/tlog-proof@v1\nindex 1\n%s\n%s", h, cp),
    g_strdup_printf ("c2sp.org/tlog-proof@v1\nindex 1\n%s\r\n\n%s", h, cp),
    g_strdup_printf ("c2sp.org/tlog-proof@v1\nindex 1\n%s\n\n", h),
    g_strdup_printf ("c2sp.org/tlog-proof@v1\nindex 1\n%s\n\n%sjunk\n", h, cp),
    g_strdup_printf ("c2sp.org/tlog-proof@v1\nindex 1\n%s\n\n%s\n", h, cp),
    g_strdup_printf ("c2sp.org/tlog-proof@v1\nindex 1\n%s\n\nhello\n\n%s",
                     h, strstr (cp, "\n\n") + 2),
    g_strdup ("c2sp.org/tlog-proof@v1\nindex 1"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      AssayTlogProof *proof = parse (bad[i], &error);

      if (proof != NULL)
        g_error ("accepted proof %u:\n%s", i, bad[i]);
      g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
      g_free (bad[i]);
    }

  /* Zero proof hashes and an empty extra line are valid syntax. */
  {
    g_autofree char *ok = g_strdup_printf ("c2sp.org/tlog-proof@v1\nextra \nindex 0\n\n%s", cp);
    g_autoptr(GError) error = NULL;
    g_autoptr(AssayTlogProof) proof = parse (ok, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (proof->extra), ==, 0);
    g_assert_cmpuint (g_bytes_get_size (proof->proof), ==, 0);
  }

  /* Too many hashes for any tree. */
  {
    g_autoptr(GString) many = g_string_new ("c2sp.org/tlog-proof@v1\nindex 1\n");
    g_autoptr(GError) error = NULL;

    for (int i = 0; i < 65; i++)
      g_string_append_printf (many, "%s\n", h);
    g_string_append_printf (many, "\n%s", cp);
    g_assert_null (parse (many->str, &error));
    g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/assay/tlog-proof/round-trip", Fixture, NULL,
              fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/assay/tlog-proof/exact-format", Fixture, NULL,
              fixture_set_up, test_exact_format, fixture_tear_down);
  g_test_add ("/assay/tlog-proof/verify-rejects", Fixture, NULL,
              fixture_set_up, test_verify_rejects, fixture_tear_down);
  g_test_add ("/assay/tlog-proof/parse-rejects", Fixture, NULL,
              fixture_set_up, test_parse_rejects, fixture_tear_down);

  return g_test_run ();
}
