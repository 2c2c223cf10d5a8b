/* test-note.c — tests for C2SP signed notes
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

#include "assay-error.h"
#include "assay-note.h"
#include "assay-test-util.h"

#define GO_TEXT "If you think cryptography is the answer to your problem,\n" \
                "then you don't know what your problem is.\n"

static char *
read_data (const char *name)
{
  g_autofree char *path = assay_test_data_path (name);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* A key file: one line, without its newline. */
static char *
read_key (const char *name)
{
  char *contents = read_data (name);

  g_assert_true (g_str_has_suffix (contents, "\n"));
  contents[strlen (contents) - 1] = '\0';
  return contents;
}

static AssayNoteVerifier *
load_verifier (const char *name)
{
  g_autofree char *vkey = read_key (name);
  g_autoptr(GError) error = NULL;
  AssayNoteVerifier *v = assay_note_verifier_new_from_string (vkey, &error);

  g_assert_no_error (error);
  g_assert_nonnull (v);
  return v;
}

static AssayNote *
open_note (const char         *note,
           AssayNoteVerifier **verifiers,
           guint               n,
           GError            **error)
{
  return assay_note_open (note, strlen (note), verifiers, n, error);
}

/* Vectors from C2SP signed-note.md and golang.org/x/mod/sumdb/note. */

static void
test_c2sp_example (void)
{
  g_autoptr(AssayNoteVerifier) v = load_verifier ("note/c2sp-example.vkey");
  g_autofree char *note = read_data ("note/c2sp-example.note");
  g_autofree char *vkey = read_key ("note/c2sp-example.vkey");
  g_autofree char *again = assay_note_verifier_to_string (v);
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayNote) n = open_note (note, &v, 1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (assay_note_get_text (n), ==, "This is an example message.\n");
  g_assert_cmpuint (assay_note_get_n_signatures (n), ==, 1);
  g_assert_cmpstr (assay_note_get_signature_name (n, 0), ==, "example.com/foo");
  g_assert_cmphex (assay_note_get_signature_key_id (n, 0), ==, 0x530d903a);
  g_assert_true (assay_note_get_signature_verified (n, 0));
  g_assert_cmpstr (again, ==, vkey);
  g_assert_cmpuint (assay_note_verifier_get_key_type (v), ==, ASSAY_NOTE_KEY_TYPE_ED25519);
}

static void
test_c2sp_text_with_blank_line (void)
{
  g_autofree char *note = read_data ("note/c2sp-quasimodo.note");
  g_autoptr(AssayNoteVerifier) v = load_verifier ("note/c2sp-example.vkey");
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayNote) n = assay_note_parse (note, strlen (note), &error);
  AssayNote *opened;

  g_assert_no_error (error);
  g_assert_cmpstr (assay_note_get_text (n), ==,
                   "Ognuno sta solo sul cuor della terra\n"
                   "trafitto da un raggio di sole:\n"
                   "\n"
                   "ed è subito sera.\n");
  g_assert_cmpuint (assay_note_get_n_signatures (n), ==, 1);
  g_assert_cmpstr (assay_note_get_signature_name (n, 0), ==, "quasimodo.example/salvatore");
  g_assert_false (assay_note_get_signature_verified (n, 0));

  /* The spec gives no key for it: an unknown signature alone is rejected. */
  opened = open_note (note, &v, 1, &error);
  g_assert_null (opened);
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
}

static void
test_go_sign (void)
{
  g_autofree char *skey = read_key ("note/go-peterneumann.skey");
  g_autofree char *vkey = read_key ("note/go-peterneumann.vkey");
  g_autofree char *want = read_data ("note/go-peterneumann.note");
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayNoteSigner) signer = assay_note_signer_new_from_string (skey, &error);
  g_autofree char *signed_note = NULL;
  g_autofree char *skey_again = NULL;
  g_autofree char *vkey_again = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (assay_note_signer_get_name (signer), ==, "PeterNeumann");
  g_assert_cmphex (assay_note_signer_get_key_id (signer), ==, 0xc74f20a3);

  /* Ed25519 is deterministic: byte-for-byte Go's output. */
  signed_note = assay_note_sign (signer, GO_TEXT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (signed_note, ==, want);

  skey_again = assay_note_signer_to_string (signer);
  g_assert_cmpstr (skey_again, ==, skey);
  vkey_again = assay_note_signer_get_verifier_string (signer);
  g_assert_cmpstr (vkey_again, ==, vkey);
}

static void
test_go_open (void)
{
  g_autoptr(AssayNoteVerifier) peter = load_verifier ("note/go-peterneumann.vkey");
  g_autoptr(AssayNoteVerifier) enoch = load_verifier ("note/go-enochroot.vkey");
  g_autofree char *note = read_data ("note/go-two-signatures.note");
  AssayNoteVerifier *both[] = { peter, enoch };
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayNote) n1 = NULL;
  g_autoptr(AssayNote) n2 = NULL;
  AssayNote *n0;

  /* One known, one unknown: the unknown one is kept but ignored. */
  n1 = open_note (note, &peter, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (assay_note_get_text (n1), ==, GO_TEXT);
  g_assert_cmpuint (assay_note_get_n_signatures (n1), ==, 2);
  g_assert_true (assay_note_get_signature_verified (n1, 0));
  g_assert_false (assay_note_get_signature_verified (n1, 1));
  g_assert_cmpstr (assay_note_get_signature_name (n1, 1), ==, "EnochRoot");
  g_assert_cmphex (assay_note_get_signature_key_id (n1, 1), ==, 0xaf0cfe78);
  g_assert_cmpuint (assay_note_count_verified (n1, both, 2), ==, 1);

  n2 = open_note (note, both, 2, &error);
  g_assert_no_error (error);
  g_assert_true (assay_note_get_signature_verified (n2, 0));
  g_assert_true (assay_note_get_signature_verified (n2, 1));
  g_assert_cmpuint (assay_note_count_verified (n2, both, 2), ==, 2);

  n0 = open_note (note, NULL, 0, &error);
  g_assert_null (n0);
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
}

/* Every proper substring and every byte incremented is rejected, as in
 * golang.org/x/mod/sumdb/note's TestNewVerifier and TestNewSigner. */
static void
check_key_manglings (const char *key,
                     gboolean    is_signer)
{
  gsize len = strlen (key);
  g_autofree char *b = g_strdup (key);

  for (gsize i = 0; i <= len; i++)
    for (gsize j = i + 1; j <= len; j++)
      {
        g_autofree char *sub = g_strndup (key + i, j - i);
        g_autoptr(GError) error = NULL;

        if (i == 0 && j == len)
          continue;
        if (is_signer)
          g_assert_null (assay_note_signer_new_from_string (sub, &error));
        else
          g_assert_null (assay_note_verifier_new_from_string (sub, &error));
        g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
      }
  for (gsize i = 0; i < len; i++)
    {
      g_autoptr(GError) error = NULL;

      b[i]++;
      if (is_signer)
        g_assert_null (assay_note_signer_new_from_string (b, &error));
      else
        g_assert_null (assay_note_verifier_new_from_string (b, &error));
      g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
      b[i]--;
    }
}

static void
test_key_manglings (void)
{
  g_autofree char *vkey = read_key ("note/go-peterneumann.vkey");
  g_autofree char *skey = read_key ("note/go-peterneumann.skey");
  g_autoptr(GError) error = NULL;

  check_key_manglings (vkey, FALSE);
  check_key_manglings (skey, TRUE);

  /* From TestNewVerifier: wrong key length and unknown algorithm, each
   * with a key ID adjusted to match. */
  g_assert_null (assay_note_verifier_new_from_string (
    "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==", &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (assay_note_verifier_new_from_string (
    "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
}

static void
test_malformed_notes (void)
{
  g_autoptr(AssayNoteVerifier) peter = load_verifier ("note/go-peterneumann.vkey");
  const char *sig = "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1"
                    "FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
  g_autofree char *sig_no_nl = g_strndup (sig, strlen (sig) - 1);
  /* Go's TestOpen "invalid encoded message syntax", plus a few more. */
  char *bad[] = {
    g_strdup (GO_TEXT),
    g_strconcat (GO_TEXT, "\n", NULL),
    g_strconcat (GO_TEXT, "\n", sig_no_nl, NULL),
    g_strconcat ("\x01", GO_TEXT, "\n", sig, NULL),
    g_strconcat ("\xff", GO_TEXT, "\n", sig, NULL),
    g_strconcat (GO_TEXT, "\n", "— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1"
                 "FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=", NULL),
    g_strconcat (GO_TEXT, "\n", sig, "Unexpected line.\n", NULL),
    g_strconcat (GO_TEXT, "\n", "- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIu"
                 "GUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n", NULL),
    g_strconcat (GO_TEXT, "\n", "— PeterNeumann \n", NULL),
    g_strconcat (GO_TEXT, "\n", "— PeterNeumann AAAA\n", NULL),
    g_strconcat (GO_TEXT, "\n", "— a+b x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FF"
                 "YC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n", NULL),
    g_strconcat (GO_TEXT, "\n", "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIu"
                 "GUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM\n", NULL),
    g_strconcat (GO_TEXT, "\n", sig, "\n", NULL),
    g_strconcat (GO_TEXT, "\r\n", sig, NULL),
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (open_note (bad[i], &peter, 1, &error));
      g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
      g_clear_error (&error);
      g_assert_null (assay_note_parse (bad[i], strlen (bad[i]), &error));
      g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
      g_free (bad[i]);
    }

  /* An embedded NUL is a control character, even with an explicit length. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *good = g_strconcat (GO_TEXT, "\n", sig, NULL);

    good[3] = '\0';
    g_assert_null (assay_note_open (good, strlen (GO_TEXT) + 1 + strlen (sig), &peter, 1,
                                    &error));
    g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
  }
}

static void
test_signature_limit (void)
{
  g_autoptr(AssayNoteVerifier) peter = load_verifier ("note/go-peterneumann.vkey");
  const char *sig = "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1"
                    "FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
  g_autoptr(GString) note = g_string_new (GO_TEXT "\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayNote) n = NULL;

  for (int i = 0; i < ASSAY_NOTE_MAX_SIGNATURES; i++)
    g_string_append (note, sig);
  n = open_note (note->str, &peter, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assay_note_get_n_signatures (n), ==, ASSAY_NOTE_MAX_SIGNATURES);

  g_string_append (note, sig);
  g_assert_null (open_note (note->str, &peter, 1, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
}

/* Flipping any bit anywhere makes the note fail to open. */
static void
test_tampered (void)
{
  g_autoptr(AssayNoteVerifier) peter = load_verifier ("note/go-peterneumann.vkey");
  g_autofree char *note = read_data ("note/go-peterneumann.note");
  gsize len = strlen (note);
  guint n_verification = 0;

  for (gsize i = 0; i < len; i++)
    for (int bit = 0; bit < 8; bit += 3)
      {
        g_autoptr(GError) error = NULL;

        note[i] ^= 1 << bit;
        g_assert_null (assay_note_open (note, len, &peter, 1, &error));
        g_assert_nonnull (error);
        g_assert_true (error->domain == ASSAY_ERROR);
        if (error->code == ASSAY_ERROR_VERIFICATION)
          n_verification++;
        note[i] ^= 1 << bit;
      }
  g_assert_cmpuint (n_verification, >, len);

  /* A changed letter in the text; a changed character in the signature. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *text_changed = g_strdup (note);
    g_autofree char *sig_changed = g_strdup (note);
    char *p = strstr (sig_changed, "x08go");

    text_changed[0] = 'i';
    g_assert_null (open_note (text_changed, &peter, 1, &error));
    g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
    g_clear_error (&error);

    p[10] = p[10] == 'A' ? 'B' : 'A';
    g_assert_null (open_note (sig_changed, &peter, 1, &error));
    g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  }
}

static void
test_wrong_and_failing_keys (void)
{
  g_autoptr(AssayNoteVerifier) peter = load_verifier ("note/go-peterneumann.vkey");
  g_autoptr(AssayNoteVerifier) enoch = load_verifier ("note/go-enochroot.vkey");
  g_autoptr(AssayNoteSigner) mallory = assay_note_signer_generate ("PeterNeumann", NULL);
  g_autofree char *note = read_data ("note/go-peterneumann.note");
  g_autofree char *two = read_data ("note/go-two-signatures.note");
  g_autofree char *forged = assay_note_sign (mallory, GO_TEXT, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_enoch = NULL;
  char *p;

  /* Only a key that did not sign. */
  g_assert_null (open_note (note, &enoch, 1, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_clear_error (&error);

  /* Same name, another key: a different key ID, so simply unknown. */
  g_assert_null (open_note (forged, &peter, 1, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_clear_error (&error);

  /* A good known signature does not save a failing known one. */
  bad_enoch = g_strdup (two);
  p = strstr (bad_enoch, "rwz+");
  p[8] = p[8] == 'A' ? 'B' : 'A';
  g_assert_null (open_note (bad_enoch, (AssayNoteVerifier *[]) { peter, enoch }, 2, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_clear_error (&error);
  /* ...but if that key is unknown, its bad signature is ignored. */
  {
    g_autoptr(AssayNote) n = open_note (bad_enoch, &peter, 1, &error);

    g_assert_no_error (error);
    g_assert_false (assay_note_get_signature_verified (n, 1));
  }
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayNoteSigner) a = assay_note_signer_generate ("example.org/ledger", &error);
  g_autoptr(AssayNoteSigner) b = assay_note_signer_generate ("例子.org/见证", &error);
  g_autofree char *skey = assay_note_signer_to_string (a);
  g_autoptr(AssayNoteSigner) a2 = assay_note_signer_new_from_string (skey, &error);
  g_autofree char *vkey = assay_note_signer_get_verifier_string (a2);
  g_autofree char *vkey_b = assay_note_signer_get_verifier_string (b);
  g_autoptr(AssayNoteVerifier) va = assay_note_verifier_new_from_string (vkey, &error);
  g_autoptr(AssayNoteVerifier) vb = assay_note_verifier_new_from_string (vkey_b, &error);
  const char *text = "multi-line\n\ntext with a blank line and 中文\n";
  g_autofree char *signed_a = assay_note_sign (a, text, &error);
  g_autofree char *both = NULL;
  g_autoptr(AssayNote) n = NULL;
  g_autoptr(GBytes) blob = NULL;

  g_assert_no_error (error);
  g_assert_cmphex (assay_note_signer_get_key_id (a), ==, assay_note_verifier_get_key_id (va));
  g_assert_cmpmem (assay_note_signer_get_public_key (a), 32,
                   assay_note_verifier_get_public_key (va), 32);

  /* Add b's signature line the way a second signer would. */
  {
    g_autofree char *signed_b = assay_note_sign (b, text, &error);

    g_assert_no_error (error);
    both = g_strconcat (signed_a, g_strrstr (signed_b, "\n\n") + 2, NULL);
  }

  n = open_note (both, &va, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (assay_note_get_text (n), ==, text);
  g_assert_cmpuint (assay_note_get_n_signatures (n), ==, 2);
  g_assert_true (assay_note_get_signature_verified (n, 0));
  g_assert_false (assay_note_get_signature_verified (n, 1));
  g_assert_cmpstr (assay_note_get_signature_name (n, 1), ==, "例子.org/见证");
  g_assert_true (g_str_has_prefix (assay_note_get_signature_line (n, 0), "— example.org/ledger "));
  blob = assay_note_get_signature_blob (n, 0);
  g_assert_cmpuint (g_bytes_get_size (blob), ==, 64);
  g_clear_pointer (&n, assay_note_free);

  n = open_note (both, (AssayNoteVerifier *[]) { vb, va, vb }, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assay_note_count_verified (n, (AssayNoteVerifier *[]) { vb, va, vb }, 3),
                    ==, 2);
}

static void
test_sign_rejects (void)
{
  g_autoptr(AssayNoteSigner) s = assay_note_signer_generate ("ok", NULL);
  const char *bad_texts[] = { "", "abc", "a\tb\n", "bad \xff utf8\n", "cr\r\n" };
  const char *bad_names[] = { "", "a+b", "a b", "a\xe3\x80\x80" "b", "a\xc2\x85" "b", "\xff" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_texts); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (assay_note_sign (s, bad_texts[i], &error));
      g_assert_nonnull (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_names); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (assay_note_name_is_valid (bad_names[i]));
      g_assert_null (assay_note_signer_generate (bad_names[i], &error));
      g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
    }
}

static void
test_strict_base64 (void)
{
  const char *bad[] = { "QQ", "QR==", "Q Q=", "QQ==\n", "QQ=A", "====", "Q===" };
  g_autoptr(GBytes) ok = assay_base64_decode_strict ("QQ==", 4);
  g_autoptr(GBytes) empty = assay_base64_decode_strict ("", 0);

  g_assert_nonnull (ok);
  g_assert_cmpmem (g_bytes_get_data (ok, NULL), g_bytes_get_size (ok), "A", 1);
  g_assert_nonnull (empty);
  g_assert_cmpuint (g_bytes_get_size (empty), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_null (assay_base64_decode_strict (bad[i], strlen (bad[i])));
}

static void
test_signature_lines (void)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (assay_note_parse_signature_lines ("— a AAAAAAA=\n— b AAAAAAA=\n", &lines,
                                                   &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_cmpstr (lines->pdata[1], ==, "— b AAAAAAA=");

  g_assert_false (assay_note_parse_signature_lines ("— a AAAAAAA=", NULL, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (assay_note_parse_signature_lines ("", NULL, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/assay/note/vectors/c2sp-example", test_c2sp_example);
  g_test_add_func ("/assay/note/vectors/c2sp-blank-line", test_c2sp_text_with_blank_line);
  g_test_add_func ("/assay/note/vectors/go-sign", test_go_sign);
  g_test_add_func ("/assay/note/vectors/go-open", test_go_open);
  g_test_add_func ("/assay/note/vectors/go-key-manglings", test_key_manglings);
  g_test_add_func ("/assay/note/malformed", test_malformed_notes);
  g_test_add_func ("/assay/note/signature-limit", test_signature_limit);
  g_test_add_func ("/assay/note/tampered", test_tampered);
  g_test_add_func ("/assay/note/wrong-and-failing-keys", test_wrong_and_failing_keys);
  g_test_add_func ("/assay/note/round-trip", test_round_trip);
  g_test_add_func ("/assay/note/sign-rejects", test_sign_rejects);
  g_test_add_func ("/assay/note/strict-base64", test_strict_base64);
  g_test_add_func ("/assay/note/signature-lines", test_signature_lines);

  return g_test_run ();
}
