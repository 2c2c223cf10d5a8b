/* assay-note.c — C2SP signed notes with Ed25519 keys
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

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "assay-error.h"
#include "assay-note.h"

/* U+2014 EM DASH and a space open every signature line. */
#define SIG_PREFIX     "\xe2\x80\x94 "
#define SIG_PREFIX_LEN 4

struct _AssayNoteVerifier
{
  gint    ref_count;
  char   *name;
  guint32 key_id;
  guint8  key_type;
  guint8  public_key[crypto_sign_PUBLICKEYBYTES];
};

struct _AssayNoteSigner
{
  char   *name;
  guint32 key_id;
  guint8  seed[crypto_sign_SEEDBYTES];
  guint8  public_key[crypto_sign_PUBLICKEYBYTES];
  guint8  secret_key[crypto_sign_SECRETKEYBYTES];
};

typedef struct
{
  char    *line;       /* verbatim, without the newline */
  char    *name;
  guint32  key_id;
  GBytes  *blob;       /* after the key id */
  gboolean verified;
} NoteSignature;

struct _AssayNote
{
  char      *text;
  GPtrArray *signatures;  /* NoteSignature */
};

/* Helpers. */

static void
ensure_sodium (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      if (sodium_init () < 0)
        g_error ("libsodium failed to initialize");
      g_once_init_leave (&initialized, 1);
    }
}

static guint32
compute_key_id (const char   *name,
                guint8        key_type,
                const guint8 *public_key)
{
  crypto_hash_sha256_state state;
  guint8 digest[crypto_hash_sha256_BYTES];

  crypto_hash_sha256_init (&state);
  crypto_hash_sha256_update (&state, (const guint8 *) name, strlen (name));
  crypto_hash_sha256_update (&state, (const guint8 *) "\n", 1);
  crypto_hash_sha256_update (&state, &key_type, 1);
  crypto_hash_sha256_update (&state, public_key, crypto_sign_PUBLICKEYBYTES);
  crypto_hash_sha256_final (&state, digest);
  return ((guint32) digest[0] << 24) | ((guint32) digest[1] << 16) |
         ((guint32) digest[2] << 8) | digest[3];
}

/* Go's unicode.IsSpace, which is what golang.org/x/mod/sumdb/note checks:
 * GLib's version misses U+000B and U+0085. */
static gboolean
is_unicode_space (gunichar c)
{
  return c == 0x0b || c == 0x85 || g_unichar_isspace (c);
}

gboolean
assay_note_name_is_valid (const char *name)
{
  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    return FALSE;
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '+' || c < 0x20 || is_unicode_space (c))
        return FALSE;
    }
  return TRUE;
}

/* Strict standard base64 with padding: no whitespace, no stray characters,
 * no non-zero padding bits (g_base64_decode skips invalid input). */
GBytes *
assay_base64_decode_strict (const char *b64,
                            gsize       len)
{
  gsize max = len / 4 * 3 + 3;
  g_autofree guint8 *bin = g_malloc (max);
  gsize bin_len = 0;

  ensure_sodium ();
  if (len % 4 != 0 ||
      sodium_base642bin (bin, max, b64, len, NULL, &bin_len, NULL,
                         sodium_base64_VARIANT_ORIGINAL) != 0)
    return NULL;
  return g_bytes_new (bin, bin_len);
}

static gboolean
parse_key_id (const char *hex,
              gsize       len,
              guint32    *out)
{
  guint32 id = 0;

  if (len != 8)
    return FALSE;
  for (gsize i = 0; i < 8; i++)
    {
      int v = g_ascii_xdigit_value (hex[i]);

      if (v < 0)
        return FALSE;
      id = (id << 4) | v;
    }
  *out = id;
  return TRUE;
}

static char *
format_key (const char   *prefix,
            const char   *name,
            guint32       key_id,
            guint8        key_type,
            const guint8  key[32])
{
  guint8 buf[33];
  g_autofree char *b64 = NULL;

  buf[0] = key_type;
  memcpy (buf + 1, key, 32);
  b64 = g_base64_encode (buf, sizeof buf);
  sodium_memzero (buf, sizeof buf);
  return g_strdup_printf ("%s%s+%08x+%s", prefix, name, key_id, b64);
}

/* Splits "<name>+<hex id>+<base64(type ‖ key)>" and checks each part. */
static gboolean
parse_key_string (const char  *s,
                  char       **out_name,
                  guint32     *out_key_id,
                  GBytes     **out_key)
{
  const char *plus1 = strchr (s, '+');
  const char *plus2 = plus1 ? strchr (plus1 + 1, '+') : NULL;
  g_autofree char *name = NULL;
  GBytes *key;

  if (plus2 == NULL)
    return FALSE;
  name = g_strndup (s, plus1 - s);
  if (!assay_note_name_is_valid (name) ||
      !parse_key_id (plus1 + 1, plus2 - plus1 - 1, out_key_id))
    return FALSE;
  key = assay_base64_decode_strict (plus2 + 1, strlen (plus2 + 1));
  if (key == NULL)
    return FALSE;
  *out_name = g_steal_pointer (&name);
  *out_key = key;
  return TRUE;
}

/* Verifiers. */

AssayNoteVerifier *
assay_note_verifier_new_from_string (const char  *vkey,
                                     GError     **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) key = NULL;
  AssayNoteVerifier *verifier;
  const guint8 *data;
  guint32 key_id;
  gsize len;

  g_return_val_if_fail (vkey != NULL, NULL);

  if (!parse_key_string (vkey, &name, &key_id, &key))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("“%s” is not a verifier key; expected <name>+<8 hex digits>+<base64 key>"),
                   vkey);
      return NULL;
    }

  data = g_bytes_get_data (key, &len);
  if (len != 1 + crypto_sign_PUBLICKEYBYTES ||
      (data[0] != ASSAY_NOTE_KEY_TYPE_ED25519 && data[0] != ASSAY_NOTE_KEY_TYPE_COSIGNATURE))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("Verifier key for “%s” is not an Ed25519 (type 1) or cosignature "
                     "(type 4) key"), name);
      return NULL;
    }
  if (compute_key_id (name, data[0], data + 1) != key_id)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("Verifier key for “%s” has key ID %08x, which does not match its "
                     "name and public key; the key string is damaged"), name, key_id);
      return NULL;
    }

  verifier = g_new0 (AssayNoteVerifier, 1);
  verifier->ref_count = 1;
  verifier->name = g_steal_pointer (&name);
  verifier->key_id = key_id;
  verifier->key_type = data[0];
  memcpy (verifier->public_key, data + 1, crypto_sign_PUBLICKEYBYTES);
  return verifier;
}

AssayNoteVerifier *
assay_note_verifier_ref (AssayNoteVerifier *verifier)
{
  g_return_val_if_fail (verifier != NULL, NULL);

  g_atomic_int_inc (&verifier->ref_count);
  return verifier;
}

void
assay_note_verifier_unref (AssayNoteVerifier *verifier)
{
  g_return_if_fail (verifier != NULL);

  if (g_atomic_int_dec_and_test (&verifier->ref_count))
    {
      g_free (verifier->name);
      g_free (verifier);
    }
}

const char *
assay_note_verifier_get_name (AssayNoteVerifier *verifier)
{
  g_return_val_if_fail (verifier != NULL, NULL);

  return verifier->name;
}

guint32
assay_note_verifier_get_key_id (AssayNoteVerifier *verifier)
{
  g_return_val_if_fail (verifier != NULL, 0);

  return verifier->key_id;
}

guint8
assay_note_verifier_get_key_type (AssayNoteVerifier *verifier)
{
  g_return_val_if_fail (verifier != NULL, 0);

  return verifier->key_type;
}

const guint8 *
assay_note_verifier_get_public_key (AssayNoteVerifier *verifier)
{
  g_return_val_if_fail (verifier != NULL, NULL);

  return verifier->public_key;
}

char *
assay_note_verifier_to_string (AssayNoteVerifier *verifier)
{
  g_return_val_if_fail (verifier != NULL, NULL);

  return format_key ("", verifier->name, verifier->key_id, verifier->key_type,
                     verifier->public_key);
}

/* Ed25519 signature over the text (type 1), or over the cosignature/v1
 * message with the timestamp from the blob (type 4). */
static gboolean
verifier_check (AssayNoteVerifier *verifier,
                const char        *text,
                GBytes            *blob)
{
  gsize len;
  const guint8 *sig = g_bytes_get_data (blob, &len);

  ensure_sodium ();
  if (verifier->key_type == ASSAY_NOTE_KEY_TYPE_ED25519)
    {
      return len == crypto_sign_BYTES &&
             crypto_sign_verify_detached (sig, (const guint8 *) text, strlen (text),
                                          verifier->public_key) == 0;
    }
  else
    {
      g_autofree char *msg = NULL;
      guint64 timestamp = 0;

      if (len != 8 + crypto_sign_BYTES)
        return FALSE;
      for (int i = 0; i < 8; i++)
        timestamp = (timestamp << 8) | sig[i];
      if (timestamp > G_MAXINT64)
        return FALSE;
      msg = assay_cosignature_message (text, timestamp);
      return crypto_sign_verify_detached (sig + 8, (const guint8 *) msg, strlen (msg),
                                          verifier->public_key) == 0;
    }
}

/* Signers. */

static AssayNoteSigner *
signer_new_from_seed (const char   *name,
                      const guint8  seed[crypto_sign_SEEDBYTES])
{
  AssayNoteSigner *signer = g_new0 (AssayNoteSigner, 1);

  ensure_sodium ();
  signer->name = g_strdup (name);
  memcpy (signer->seed, seed, crypto_sign_SEEDBYTES);
  crypto_sign_seed_keypair (signer->public_key, signer->secret_key, signer->seed);
  signer->key_id = compute_key_id (name, ASSAY_NOTE_KEY_TYPE_ED25519, signer->public_key);
  return signer;
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  if (!assay_note_name_is_valid (name))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("“%s” cannot name a key: a key name must be non-empty UTF-8 "
                     "without spaces or “+”"), name);
      return FALSE;
    }
  return TRUE;
}

AssayNoteSigner *
assay_note_signer_generate (const char  *name,
                            GError     **error)
{
  guint8 seed[crypto_sign_SEEDBYTES];
  AssayNoteSigner *signer;

  g_return_val_if_fail (name != NULL, NULL);

  if (!check_name (name, error))
    return NULL;
  ensure_sodium ();
  randombytes_buf (seed, sizeof seed);
  signer = signer_new_from_seed (name, seed);
  sodium_memzero (seed, sizeof seed);
  return signer;
}

AssayNoteSigner *
assay_note_signer_new_from_string (const char  *skey,
                                   GError     **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) key = NULL;
  AssayNoteSigner *signer;
  const guint8 *data;
  guint32 key_id;
  gsize len;

  g_return_val_if_fail (skey != NULL, NULL);

  /* Never echo the string: it is a private key. */
  if (!g_str_has_prefix (skey, "PRIVATE+KEY+") ||
      !parse_key_string (skey + strlen ("PRIVATE+KEY+"), &name, &key_id, &key))
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                           _("Not a signer key; expected PRIVATE+KEY+<name>+<8 hex "
                             "digits>+<base64 key>"));
      return NULL;
    }

  data = g_bytes_get_data (key, &len);
  if (len != 1 + crypto_sign_SEEDBYTES || data[0] != ASSAY_NOTE_KEY_TYPE_ED25519)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("Signer key for “%s” is not an Ed25519 (type 1) key"), name);
      return NULL;
    }

  signer = signer_new_from_seed (name, data + 1);
  if (signer->key_id != key_id)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("Signer key for “%s” has key ID %08x, which does not match its "
                     "name and key; the key string is damaged"), name, key_id);
      assay_note_signer_free (signer);
      return NULL;
    }
  return signer;
}

void
assay_note_signer_free (AssayNoteSigner *signer)
{
  if (signer == NULL)
    return;
  g_free (signer->name);
  sodium_memzero (signer, sizeof *signer);
  g_free (signer);
}

const char *
assay_note_signer_get_name (AssayNoteSigner *signer)
{
  g_return_val_if_fail (signer != NULL, NULL);

  return signer->name;
}

guint32
assay_note_signer_get_key_id (AssayNoteSigner *signer)
{
  g_return_val_if_fail (signer != NULL, 0);

  return signer->key_id;
}

const guint8 *
assay_note_signer_get_public_key (AssayNoteSigner *signer)
{
  g_return_val_if_fail (signer != NULL, NULL);

  return signer->public_key;
}

char *
assay_note_signer_to_string (AssayNoteSigner *signer)
{
  g_return_val_if_fail (signer != NULL, NULL);

  return format_key ("PRIVATE+KEY+", signer->name, signer->key_id,
                     ASSAY_NOTE_KEY_TYPE_ED25519, signer->seed);
}

char *
assay_note_signer_get_verifier_string (AssayNoteSigner *signer)
{
  g_return_val_if_fail (signer != NULL, NULL);

  return format_key ("", signer->name, signer->key_id, ASSAY_NOTE_KEY_TYPE_ED25519,
                     signer->public_key);
}

guint32
assay_note_signer_get_cosigner_key_id (AssayNoteSigner *signer)
{
  g_return_val_if_fail (signer != NULL, 0);

  return compute_key_id (signer->name, ASSAY_NOTE_KEY_TYPE_COSIGNATURE, signer->public_key);
}

char *
assay_note_signer_get_cosigner_verifier_string (AssayNoteSigner *signer)
{
  g_return_val_if_fail (signer != NULL, NULL);

  return format_key ("", signer->name, assay_note_signer_get_cosigner_key_id (signer),
                     ASSAY_NOTE_KEY_TYPE_COSIGNATURE, signer->public_key);
}

void
assay_note_signer_sign_bytes (AssayNoteSigner *signer,
                              const guint8    *msg,
                              gsize            len,
                              guint8           sig[64])
{
  g_return_if_fail (signer != NULL);
  g_return_if_fail (msg != NULL || len == 0);

  ensure_sodium ();
  crypto_sign_detached (sig, NULL, msg, len, signer->secret_key);
}

char *
assay_cosignature_message (const char *text,
                           guint64     timestamp)
{
  g_return_val_if_fail (text != NULL, NULL);

  return g_strdup_printf ("cosignature/v1\ntime %" PRIu64 "\n%s", timestamp, text);
}

char *
assay_note_format_signature_line (const char   *name,
                                  guint32       key_id,
                                  const guint8 *sig,
                                  gsize         sig_len)
{
  g_autofree guint8 *blob = g_malloc (4 + sig_len);
  g_autofree char *b64 = NULL;

  blob[0] = key_id >> 24;
  blob[1] = key_id >> 16;
  blob[2] = key_id >> 8;
  blob[3] = key_id;
  memcpy (blob + 4, sig, sig_len);
  b64 = g_base64_encode (blob, 4 + sig_len);
  return g_strdup_printf (SIG_PREFIX "%s %s\n", name, b64);
}

/* Note syntax. */

static void
note_signature_free (gpointer data)
{
  NoteSignature *sig = data;

  g_free (sig->line);
  g_free (sig->name);
  g_bytes_unref (sig->blob);
  g_free (sig);
}

/* UTF-8 without ASCII control characters other than newline. */
static gboolean
check_note_chars (const char  *s,
                  gsize        len,
                  const char  *what,
                  GError     **error)
{
  if (!g_utf8_validate_len (s, len, NULL))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The %s is not valid UTF-8; signed notes must be UTF-8 text"), what);
      return FALSE;
    }
  for (gsize i = 0; i < len; i++)
    {
      if ((guchar) s[i] < 0x20 && s[i] != '\n')
        {
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                       _("The %s contains control character 0x%02x at byte %zu"
                         "; signed notes allow no control characters but newline"),
                       what, (guchar) s[i], i);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_note_text (const char  *text,
                 gsize        len,
                 GError     **error)
{
  if (len == 0 || text[len - 1] != '\n')
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                           _("Note text must be non-empty and end with a newline"));
      return FALSE;
    }
  if (len > ASSAY_NOTE_MAX_SIZE)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("Note text of %zu bytes is larger than the %d-byte "
                     "limit"), len, ASSAY_NOTE_MAX_SIZE);
      return FALSE;
    }
  return check_note_chars (text, len, _("note text"), error);
}

static NoteSignature *
parse_signature_line (const char  *line,
                      gsize        len,
                      GError     **error)
{
  g_autofree char *copy = g_strndup (line, len);
  const char *space;
  g_autofree char *name = NULL;
  g_autoptr(GBytes) decoded = NULL;
  NoteSignature *sig;
  const guint8 *data;
  gsize decoded_len;

  space = strchr (copy + MIN (len, SIG_PREFIX_LEN), ' ');
  if (!g_str_has_prefix (copy, SIG_PREFIX) || space == NULL)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("Signature line “%s” does not have the form “— <name> <base64>”"),
                   copy);
      return NULL;
    }
  name = g_strndup (copy + SIG_PREFIX_LEN, space - copy - SIG_PREFIX_LEN);
  decoded = assay_base64_decode_strict (space + 1, strlen (space + 1));
  if (!assay_note_name_is_valid (name) || decoded == NULL ||
      g_bytes_get_size (decoded) < 5)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("Signature line “%s” has an invalid key name or signature encoding"),
                   copy);
      return NULL;
    }

  data = g_bytes_get_data (decoded, &decoded_len);
  sig = g_new0 (NoteSignature, 1);
  sig->line = g_steal_pointer (&copy);
  sig->name = g_steal_pointer (&name);
  sig->key_id = ((guint32) data[0] << 24) | ((guint32) data[1] << 16) |
                ((guint32) data[2] << 8) | data[3];
  sig->blob = g_bytes_new_from_bytes (decoded, 4, decoded_len - 4);
  return sig;
}

/* Appends the signature lines in `block` (each ending in a newline). */
static gboolean
parse_signature_block (const char  *block,
                       gsize        len,
                       GPtrArray   *signatures,
                       GError     **error)
{
  const char *p = block;
  const char *end = block + len;

  if (len == 0 || block[len - 1] != '\n')
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                           _("Signed note has no signature lines, or its last line does "
                             "not end with a newline"));
      return FALSE;
    }
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      NoteSignature *sig;

      if (signatures->len >= ASSAY_NOTE_MAX_SIGNATURES)
        {
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                       _("Signed note has more than %d signatures; refusing to process it"),
                       ASSAY_NOTE_MAX_SIGNATURES);
          return FALSE;
        }
      sig = parse_signature_line (p, nl - p, error);
      if (sig == NULL)
        return FALSE;
      g_ptr_array_add (signatures, sig);
      p = nl + 1;
    }
  return TRUE;
}

/* The last blank line: where the text ends and the signatures begin. */
static const char *
find_last_blank_line (const char *note,
                      gsize       len)
{
  for (gsize i = len - 1; i > 0; i--)
    {
      if (note[i] == '\n' && note[i - 1] == '\n')
        return note + i - 1;
    }
  return NULL;
}

AssayNote *
assay_note_parse (const char  *note,
                  gsize        len,
                  GError     **error)
{
  g_autoptr(AssayNote) result = NULL;
  const char *split;

  g_return_val_if_fail (note != NULL || len == 0, NULL);

  if (len > ASSAY_NOTE_MAX_SIZE)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("Signed note of %zu bytes is larger than the %d-byte "
                     "limit; refusing to process it"), len, ASSAY_NOTE_MAX_SIZE);
      return NULL;
    }
  if (!check_note_chars (note, len, _("signed note"), error))
    return NULL;

  /* The text ends at the last blank line; it may itself contain some. */
  split = len >= 2 ? find_last_blank_line (note, len) : NULL;
  if (split == NULL)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                           _("Signed note has no blank line between its text and its "
                             "signatures"));
      return NULL;
    }

  result = g_new0 (AssayNote, 1);
  result->text = g_strndup (note, split - note + 1);
  result->signatures = g_ptr_array_new_with_free_func (note_signature_free);
  if (!parse_signature_block (split + 2, note + len - (split + 2), result->signatures, error))
    return NULL;
  return g_steal_pointer (&result);
}

static AssayNoteVerifier *
find_verifier (NoteSignature      *sig,
               AssayNoteVerifier **verifiers,
               guint               n_verifiers,
               GError            **error)
{
  AssayNoteVerifier *found = NULL;

  for (guint i = 0; i < n_verifiers; i++)
    {
      AssayNoteVerifier *v = verifiers[i];

      if (v->key_id != sig->key_id || strcmp (v->name, sig->name) != 0)
        continue;
      if (found != NULL &&
          (found->key_type != v->key_type ||
           memcmp (found->public_key, v->public_key, sizeof v->public_key) != 0))
        {
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                       _("Two different trusted keys are both named %s+%08x; remove one "
                         "from the configuration"), sig->name, sig->key_id);
          return NULL;
        }
      found = v;
    }
  return found;
}

AssayNote *
assay_note_open (const char         *note,
                 gsize               len,
                 AssayNoteVerifier **verifiers,
                 guint               n_verifiers,
                 GError            **error)
{
  g_autoptr(AssayNote) result = NULL;
  guint n_verified = 0;

  g_return_val_if_fail (verifiers != NULL || n_verifiers == 0, NULL);

  result = assay_note_parse (note, len, error);
  if (result == NULL)
    return NULL;

  /* Every signature by a known key must verify, duplicates included. */
  for (guint i = 0; i < result->signatures->len; i++)
    {
      NoteSignature *sig = result->signatures->pdata[i];
      GError *local_error = NULL;
      AssayNoteVerifier *v = find_verifier (sig, verifiers, n_verifiers, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (v == NULL)
        continue;
      if (!verifier_check (v, result->text, sig->blob))
        {
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                       _("The signature by trusted key %s+%08x does not verify; the note "
                         "was altered or forged"), sig->name, sig->key_id);
          return NULL;
        }
      sig->verified = TRUE;
      n_verified++;
    }

  if (n_verified == 0)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                           _("The note carries no signature by any trusted key; check that "
                             "the right verifier key is configured"));
      return NULL;
    }
  return g_steal_pointer (&result);
}

char *
assay_note_sign (AssayNoteSigner  *signer,
                 const char       *text,
                 GError          **error)
{
  guint8 sig[crypto_sign_BYTES];
  g_autofree char *line = NULL;
  gsize len;

  g_return_val_if_fail (signer != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  len = strlen (text);
  if (!check_note_text (text, len, error))
    return NULL;

  assay_note_signer_sign_bytes (signer, (const guint8 *) text, len, sig);
  line = assay_note_format_signature_line (signer->name, signer->key_id, sig, sizeof sig);
  if (len + 1 + strlen (line) > ASSAY_NOTE_MAX_SIZE)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("Note text of %zu bytes is larger than the %d-byte "
                     "limit"), len, ASSAY_NOTE_MAX_SIZE);
      return NULL;
    }
  return g_strconcat (text, "\n", line, NULL);
}

void
assay_note_free (AssayNote *note)
{
  if (note == NULL)
    return;
  g_free (note->text);
  g_clear_pointer (&note->signatures, g_ptr_array_unref);
  g_free (note);
}

const char *
assay_note_get_text (AssayNote *note)
{
  g_return_val_if_fail (note != NULL, NULL);

  return note->text;
}

guint
assay_note_get_n_signatures (AssayNote *note)
{
  g_return_val_if_fail (note != NULL, 0);

  return note->signatures->len;
}

static NoteSignature *
get_signature (AssayNote *note,
               guint      i)
{
  g_return_val_if_fail (note != NULL, NULL);
  g_return_val_if_fail (i < note->signatures->len, NULL);

  return note->signatures->pdata[i];
}

const char *
assay_note_get_signature_line (AssayNote *note,
                               guint      i)
{
  NoteSignature *sig = get_signature (note, i);

  return sig ? sig->line : NULL;
}

const char *
assay_note_get_signature_name (AssayNote *note,
                               guint      i)
{
  NoteSignature *sig = get_signature (note, i);

  return sig ? sig->name : NULL;
}

guint32
assay_note_get_signature_key_id (AssayNote *note,
                                 guint      i)
{
  NoteSignature *sig = get_signature (note, i);

  return sig ? sig->key_id : 0;
}

GBytes *
assay_note_get_signature_blob (AssayNote *note,
                               guint      i)
{
  NoteSignature *sig = get_signature (note, i);

  return sig ? g_bytes_ref (sig->blob) : NULL;
}

gboolean
assay_note_get_signature_verified (AssayNote *note,
                                   guint      i)
{
  NoteSignature *sig = get_signature (note, i);

  return sig ? sig->verified : FALSE;
}

guint
assay_note_count_verified (AssayNote          *note,
                           AssayNoteVerifier **verifiers,
                           guint               n_verifiers)
{
  guint count = 0;

  g_return_val_if_fail (note != NULL, 0);
  g_return_val_if_fail (verifiers != NULL || n_verifiers == 0, 0);

  for (guint i = 0; i < n_verifiers; i++)
    {
      gboolean duplicate = FALSE;

      /* A key listed twice counts once. */
      for (guint j = 0; j < i && !duplicate; j++)
        duplicate = verifiers[j]->key_id == verifiers[i]->key_id &&
                    strcmp (verifiers[j]->name, verifiers[i]->name) == 0;
      if (duplicate)
        continue;

      for (guint s = 0; s < note->signatures->len; s++)
        {
          NoteSignature *sig = note->signatures->pdata[s];

          if (sig->verified && sig->key_id == verifiers[i]->key_id &&
              strcmp (sig->name, verifiers[i]->name) == 0)
            {
              count++;
              break;
            }
        }
    }
  return count;
}

gboolean
assay_note_parse_signature_lines (const char  *lines,
                                  GPtrArray  **out_lines,
                                  GError     **error)
{
  g_autoptr(GPtrArray) signatures = g_ptr_array_new_with_free_func (note_signature_free);
  gsize len;

  g_return_val_if_fail (lines != NULL, FALSE);

  len = strlen (lines);
  if (!check_note_chars (lines, len, _("signature lines"), error) ||
      !parse_signature_block (lines, len, signatures, error))
    return FALSE;

  if (out_lines != NULL)
    {
      *out_lines = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < signatures->len; i++)
        {
          NoteSignature *sig = signatures->pdata[i];

          g_ptr_array_add (*out_lines, g_steal_pointer (&sig->line));
        }
    }
  return TRUE;
}
