/* test-checkpoint.c — tests for tlog-checkpoint and tlog-cosignature
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
#include <sodium.h>

#include "assay-checkpoint.h"
#include "assay-error.h"
#include "assay-test-keys.h"
#include "assay-test-util.h"

#define ORIGIN "ledger.assay.example/v1"

typedef struct
{
  AssayTestKeys      keys;
  char              *text;
  char              *signed_note;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AssayCheckpoint) cp = NULL;
  guint8 root[ASSAY_HASH_SIZE];

  assay_test_keys_init (&f->keys, ORIGIN);

  assay_merkle_leaf_hash ((const guint8 *) "x", 1, root);
  cp = assay_checkpoint_new (ORIGIN, 12345, root);
  f->text = assay_checkpoint_format_text (cp);
  f->signed_note = assay_note_sign (f->keys.log, f->text, NULL);
  g_assert_nonnull (f->signed_note);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  assay_test_keys_clear (&f->keys);
  g_free (f->text);
  g_free (f->signed_note);
}

static AssayCheckpoint *
open_cp (const char         *note,
         AssayNoteVerifier  *log_key,
         AssayNoteVerifier **witnesses,
         guint               n,
         AssayNote         **out_note,
         GError            **error)
{
  return assay_checkpoint_open (note, strlen (note), log_key, witnesses, n, out_note, error);
}

static void
test_parse_format (void)
{
  const char *text = "example.com/behind-the-sofa\n20852163\n"
                     "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
  const char *with_ext = "o\n0\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\next one\nx 2\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayCheckpoint) cp = assay_checkpoint_parse_text (text, &error);
  g_autoptr(AssayCheckpoint) cp2 = NULL;
  g_autoptr(AssayCheckpoint) cp3 = NULL;
  g_autofree char *again = NULL;
  g_autofree char *again2 = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (cp->origin, ==, "example.com/behind-the-sofa");
  g_assert_cmpuint (cp->size, ==, 20852163);
  g_assert_cmphex (cp->root[0], ==, 0x0a);
  g_assert_cmphex (cp->root[31], ==, 0x62);
  g_assert_cmpuint (g_strv_length (cp->extensions), ==, 0);
  again = assay_checkpoint_format_text (cp);
  g_assert_cmpstr (again, ==, text);

  cp2 = assay_checkpoint_parse_text (with_ext, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cp2->size, ==, 0);
  g_assert_cmpuint (g_strv_length (cp2->extensions), ==, 2);
  g_assert_cmpstr (cp2->extensions[1], ==, "x 2");
  again2 = assay_checkpoint_format_text (cp2);
  g_assert_cmpstr (again2, ==, with_ext);
  g_assert_false (assay_checkpoint_equal (cp, cp2));

  cp3 = assay_checkpoint_new (cp->origin, cp->size, cp->root);
  g_assert_true (assay_checkpoint_equal (cp, cp3));
  cp3->root[5] ^= 1;
  g_assert_false (assay_checkpoint_equal (cp, cp3));
}

static void
test_parse_rejects (void)
{
  const char *root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
  char *bad[] = {
    g_strdup (""),
    g_strdup_printf ("o\n1\n%s", root),                 /* no final newline */
    g_strdup ("o\n1\n"),                                  /* no root */
    g_strdup_printf ("\n1\n%s\n", root),                  /* empty origin */
    g_strdup_printf ("o\n01\n%s\n", root),                /* leading zero */
    g_strdup_printf ("o\n-1\n%s\n", root),
    g_strdup_printf ("o\n+1\n%s\n", root),
    g_strdup_printf ("o\n 1\n%s\n", root),
    g_strdup_printf ("o\n1x\n%s\n", root),
    g_strdup_printf ("o\n18446744073709551616\n%s\n", root),
    g_strdup ("o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n"),  /* unpadded */
    g_strdup ("o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2=\n"),  /* 31 bytes */
    g_strdup ("o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=AAAA\n"),
    g_strdup_printf ("o\n1\n%s\n\next\n", root),          /* empty line */
    g_strdup_printf ("o\n1\n%s\n\n", root),
    g_strdup_printf ("o\t\n1\n%s\n", root),               /* control character */
    g_strdup_printf ("o\xff\n1\n%s\n", root),             /* not UTF-8 */
  };
  g_autofree char *max = g_strdup_printf ("o\n18446744073709551615\n%s\n", root);
  g_autoptr(AssayCheckpoint) cp = assay_checkpoint_parse_text (max, NULL);

  g_assert_nonnull (cp);
  g_assert_cmpuint (cp->size, ==, G_MAXUINT64);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (assay_checkpoint_parse_text (bad[i], &error));
      g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
      g_free (bad[i]);
    }
}

static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayNote) note = NULL;
  g_autoptr(AssayCheckpoint) cp = open_cp (f->signed_note, f->keys.log_v, NULL, 0, &note, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (cp->size, ==, 12345);
  g_assert_cmpstr (cp->origin, ==, ORIGIN);
  text = assay_checkpoint_format_text (cp);
  g_assert_cmpstr (assay_note_get_text (note), ==, text);
}

static void
test_open_rejects (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayNoteSigner) other = assay_note_signer_generate ("other.example/log", NULL);
  g_autoptr(AssayNoteVerifier) other_v =
    assay_test_verifier_from (assay_note_signer_get_verifier_string (other));
  g_autofree char *other_origin = assay_note_sign (other, f->text, NULL);
  g_autofree char *tampered = g_strdup (f->signed_note);
  g_autofree char *cosig = assay_cosignature_sign (f->keys.w1, f->text, 1700000000, NULL);
  g_autofree char *only_witness = g_strconcat (f->text, "\n", cosig, NULL);
  g_autofree char *not_checkpoint = assay_note_sign (f->keys.log, "hello\n", NULL);
  AssayNote *note = NULL;

  /* Another log's key. */
  g_assert_null (open_cp (f->signed_note, other_v, NULL, 0, NULL, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_clear_error (&error);

  /* Properly signed by a key whose name is not the origin. */
  g_assert_null (open_cp (other_origin, other_v, NULL, 0, NULL, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_clear_error (&error);

  /* A size changed after signing. */
  tampered[strlen (ORIGIN) + 1] = '9';
  g_assert_null (open_cp (tampered, f->keys.log_v, NULL, 0, NULL, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_clear_error (&error);

  /* A witness's cosignature is not the log's signature. */
  g_assert_null (open_cp (only_witness, f->keys.log_v, &f->keys.w1_v, 1, &note, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_assert_null (note);
  g_clear_error (&error);

  /* Signed by the log, but not a checkpoint. */
  g_assert_null (open_cp (not_checkpoint, f->keys.log_v, NULL, 0, NULL, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
}

static void
test_cosignature (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line1 = assay_cosignature_sign (f->keys.w1, f->text, 1700000000, &error);
  g_autofree char *line2 = assay_cosignature_sign (f->keys.w2, f->text, 1700000001, &error);
  g_autofree char *lines = g_strconcat (line1, line2, NULL);
  g_autofree char *cosigned = assay_note_add_signature_lines (f->signed_note, lines, &error);
  AssayNoteVerifier *witnesses[] = { f->keys.w1_v, f->keys.w2_v };
  g_autoptr(AssayNote) note = NULL;
  g_autoptr(AssayCheckpoint) cp = NULL;
  g_autoptr(GBytes) blob = NULL;
  g_autofree char *msg = NULL;
  guint64 timestamp = 0;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (cosigned, f->signed_note));
  g_assert_cmphex (assay_note_verifier_get_key_type (f->keys.w1_v), ==,
                   ASSAY_NOTE_KEY_TYPE_COSIGNATURE);
  g_assert_cmphex (assay_note_verifier_get_key_id (f->keys.w1_v), ==,
                   assay_note_signer_get_cosigner_key_id (f->keys.w1));
  g_assert_cmphex (assay_note_signer_get_cosigner_key_id (f->keys.w1), !=,
                   assay_note_signer_get_key_id (f->keys.w1));

  cp = open_cp (cosigned, f->keys.log_v, witnesses, 2, &note, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assay_note_get_n_signatures (note), ==, 3);
  g_assert_cmpuint (assay_note_count_verified (note, witnesses, 2), ==, 2);

  /* The blob layout, checked independently with libsodium. */
  blob = assay_note_get_signature_blob (note, 1);
  g_assert_true (assay_cosignature_get_timestamp (blob, &timestamp));
  g_assert_cmpuint (timestamp, ==, 1700000000);
  msg = g_strdup_printf ("cosignature/v1\ntime 1700000000\n%s", f->text);
  g_assert_cmpint (crypto_sign_verify_detached ((const guint8 *) g_bytes_get_data (blob, NULL) + 8,
                                                (const guint8 *) msg, strlen (msg),
                                                assay_note_verifier_get_public_key (f->keys.w1_v)),
                   ==, 0);
  g_clear_pointer (&note, assay_note_free);
  g_clear_pointer (&cp, assay_checkpoint_free);

  /* Unknown witnesses are ignored: only the log key given. */
  cp = open_cp (cosigned, f->keys.log_v, NULL, 0, &note, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assay_note_count_verified (note, witnesses, 2), ==, 0);

  /* Adding lines that are already there changes nothing. */
  {
    g_autofree char *twice = assay_note_add_signature_lines (cosigned, line1, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (twice, ==, cosigned);
  }
}

static void
test_cosignature_rejects (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = assay_cosignature_sign (f->keys.w1, f->text, 1700000000, NULL);
  g_autofree char *cosigned = assay_note_add_signature_lines (f->signed_note, line, NULL);
  g_autofree char *bad_time = g_strdup (cosigned);
  g_autofree char *other_text = g_strdup (f->text);
  g_autofree char *other_line = NULL;
  g_autofree char *mismatched = NULL;
  g_autoptr(AssayNoteVerifier) w1_as_note_key =
    assay_test_verifier_from (assay_note_signer_get_verifier_string (f->keys.w1));
  g_autoptr(AssayCheckpoint) ignored = NULL;
  char *p;

  /* A timestamp changed in the blob: base64 of bytes 4..11 of the line. */
  p = strstr (bad_time, "— witness.example/w1 ") + strlen ("— witness.example/w1 ") + 9;
  *p = *p == 'A' ? 'B' : 'A';
  g_assert_null (open_cp (bad_time, f->keys.log_v, &f->keys.w1_v, 1, NULL, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_clear_error (&error);

  /* A cosignature over another checkpoint. */
  other_text[strlen (ORIGIN) + 1] = '9';
  other_line = assay_cosignature_sign (f->keys.w1, other_text, 1700000000, NULL);
  mismatched = assay_note_add_signature_lines (f->signed_note, other_line, NULL);
  g_assert_null (open_cp (mismatched, f->keys.log_v, &f->keys.w1_v, 1, NULL, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_clear_error (&error);

  /* The witness's plain (type 1) key does not match its cosignatures. */
  ignored = open_cp (cosigned, f->keys.log_v, &w1_as_note_key, 1, NULL, &error);
  g_assert_no_error (error);

  /* Cosigning needs a checkpoint and a timestamp below 2^63. */
  g_assert_null (assay_cosignature_sign (f->keys.w1, "not a checkpoint\n", 1, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (assay_cosignature_sign (f->keys.w1, f->text, G_GUINT64_CONSTANT (1) << 63, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* Malformed lines are refused before anything is added. */
  g_assert_null (assay_note_add_signature_lines (f->signed_note, "— w AAAA\n", &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (assay_note_add_signature_lines (f->signed_note, "junk\n", &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (assay_note_add_signature_lines (f->text, line, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
}

/* The example in C2SP tlog-cosignature.md: its witness line carries the
 * timestamp of the example's "time 1679315147". */
static void
test_c2sp_cosigned_example (void)
{
  g_autofree char *path = assay_test_data_path ("checkpoint/c2sp-cosigned.note");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayNote) note = NULL;
  g_autoptr(AssayCheckpoint) cp = NULL;
  g_autoptr(GBytes) blob = NULL;
  guint64 timestamp = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  note = assay_note_parse (contents, strlen (contents), &error);
  g_assert_no_error (error);
  cp = assay_checkpoint_parse_text (assay_note_get_text (note), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cp->origin, ==, "example.com/behind-the-sofa");
  g_assert_cmpuint (cp->size, ==, 20852163);
  g_assert_cmpuint (assay_note_get_n_signatures (note), ==, 2);
  g_assert_cmpstr (assay_note_get_signature_name (note, 1), ==, "witness.example.com/w1");
  g_assert_cmphex (assay_note_get_signature_key_id (note, 1), ==, 0x8d66cf3f);
  blob = assay_note_get_signature_blob (note, 1);
  g_assert_true (assay_cosignature_get_timestamp (blob, &timestamp));
  g_assert_cmpuint (timestamp, ==, 1679315147);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/assay/checkpoint/parse-format", test_parse_format);
  g_test_add_func ("/assay/checkpoint/parse-rejects", test_parse_rejects);
  g_test_add_func ("/assay/checkpoint/c2sp-cosigned-example", test_c2sp_cosigned_example);
  g_test_add ("/assay/checkpoint/open", Fixture, NULL,
              fixture_set_up, test_open, fixture_tear_down);
  g_test_add ("/assay/checkpoint/open-rejects", Fixture, NULL,
              fixture_set_up, test_open_rejects, fixture_tear_down);
  g_test_add ("/assay/checkpoint/cosignature", Fixture, NULL,
              fixture_set_up, test_cosignature, fixture_tear_down);
  g_test_add ("/assay/checkpoint/cosignature-rejects", Fixture, NULL,
              fixture_set_up, test_cosignature_rejects, fixture_tear_down);

  return g_test_run ();
}
