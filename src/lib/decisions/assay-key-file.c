/* assay-key-file.c — Ed25519 key files protected by a passphrase
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

/* The format (DECISIONS.md, "Keys at rest"), integers big-endian:
 *
 *   header  "ASSAYKEY1"                 9 bytes
 *           algorithm id (uint32)       crypto_pwhash_ALG_ARGON2ID13
 *           opslimit (uint64)
 *           memlimit (uint64)
 *           salt                        crypto_pwhash_SALTBYTES
 *           nonce                       crypto_secretbox_NONCEBYTES
 *           public key                  32 bytes, so that `key show` needs
 *                                       no passphrase; a hint until opened
 *   box     crypto_secretbox_easy (seed ‖ public key ‖ BLAKE2b (header))
 *
 * The box's key is crypto_pwhash (passphrase, salt, opslimit, memlimit,
 * algorithm); BLAKE2b (header) inside it binds every header byte. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "assay-error.h"
#include "assay-key-file.h"
#include "assay-key-file-private.h"

#define MAGIC        "ASSAYKEY1"
#define MAGIC_LEN    9
#define OFF_ALG      MAGIC_LEN
#define OFF_OPS      (OFF_ALG + 4)
#define OFF_MEM      (OFF_OPS + 8)
#define OFF_SALT     (OFF_MEM + 8)
#define OFF_NONCE    (OFF_SALT + crypto_pwhash_SALTBYTES)
#define OFF_PK       (OFF_NONCE + crypto_secretbox_NONCEBYTES)
#define HEADER_LEN   (OFF_PK + crypto_sign_PUBLICKEYBYTES)
#define SEED_LEN     crypto_sign_SEEDBYTES
#define PLAIN_LEN    (SEED_LEN + crypto_sign_PUBLICKEYBYTES + crypto_generichash_BYTES)
#define FILE_LEN     (HEADER_LEN + crypto_secretbox_MACBYTES + PLAIN_LEN)

struct _AssayKeyFile
{
  guint8 *secret_key;   /* sodium_malloc, crypto_sign_SECRETKEYBYTES */
  guint8  public_key[crypto_sign_PUBLICKEYBYTES];
};

static guint derivation_count;

guint
assay_key_file_get_derivation_count (void)
{
  return g_atomic_int_get (&derivation_count);
}

static gboolean
ensure_sodium (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_FAILED,
                           _("libsodium could not be initialised"));
      return FALSE;
    }
  return TRUE;
}

static void
set_damaged (GError **error)
{
  g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                       _("wrong passphrase or damaged file"));
}

static void
put_u32 (guint8 *p, guint32 v)
{
  for (int i = 3; i >= 0; i--, v >>= 8)
    p[i] = v & 0xff;
}

static void
put_u64 (guint8 *p, guint64 v)
{
  for (int i = 7; i >= 0; i--, v >>= 8)
    p[i] = v & 0xff;
}

static guint64
get_uint (const guint8 *p, int n)
{
  guint64 v = 0;

  for (int i = 0; i < n; i++)
    v = (v << 8) | p[i];
  return v;
}

/* Derives the box key into @key (crypto_secretbox_KEYBYTES). */
static gboolean
derive (guint8       *key,
        const char   *passphrase,
        gsize         passphrase_len,
        const guint8 *header,
        GError      **error)
{
  g_atomic_int_inc (&derivation_count);
  if (crypto_pwhash (key, crypto_secretbox_KEYBYTES, passphrase, passphrase_len,
                     header + OFF_SALT, get_uint (header + OFF_OPS, 8),
                     (size_t) get_uint (header + OFF_MEM, 8),
                     (int) get_uint (header + OFF_ALG, 4)) != 0)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_FAILED,
                           _("not enough memory to derive the key"));
      return FALSE;
    }
  return TRUE;
}

/* Writes @data to a fresh 0600 file next to @path, then links it in place
 * (refusing an existing file) or renames it over @path. */
static gboolean
write_atomically (const char   *path,
                  const guint8 *data,
                  gsize         len,
                  gboolean      replace,
                  GError      **error)
{
  g_autofree char *tmp = g_strconcat (path, ".XXXXXX", NULL);
  int fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  gsize done = 0;
  int saved;

  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO, _("cannot write “%s”: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  while (done < len)
    {
      ssize_t n = write (fd, data + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        goto fail;
      done += n;
    }
  if (fsync (fd) != 0)
    goto fail;
  if (close (fd) != 0)
    {
      fd = -1;
      goto fail;
    }
  fd = -1;
  if (replace ? rename (tmp, path) != 0 : link (tmp, path) != 0)
    goto fail;
  if (!replace)
    g_unlink (tmp);
  return TRUE;

fail:
  saved = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  if (saved == EEXIST)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_EXISTS,
                 _("“%s” exists; a key file is never overwritten"), path);
  else
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO, _("cannot write “%s”: %s"),
                 path, g_strerror (saved));
  return FALSE;
}

/* Seals @seed and @pk under the passphrase into a whole file image. */
static gboolean
seal (guint8        out[FILE_LEN],
      const guint8 *seed,
      const guint8 *pk,
      const char   *passphrase,
      gsize         passphrase_len,
      GError      **error)
{
  guint8 *key = sodium_malloc (crypto_secretbox_KEYBYTES);
  guint8 *plain = sodium_malloc (PLAIN_LEN);
  gboolean ok = FALSE;

  if (key == NULL || plain == NULL)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_FAILED,
                           _("not enough memory to derive the key"));
      goto out;
    }
  memcpy (out, MAGIC, MAGIC_LEN);
  put_u32 (out + OFF_ALG, crypto_pwhash_ALG_ARGON2ID13);
  put_u64 (out + OFF_OPS, crypto_pwhash_OPSLIMIT_INTERACTIVE);
  put_u64 (out + OFF_MEM, crypto_pwhash_MEMLIMIT_INTERACTIVE);
  randombytes_buf (out + OFF_SALT, crypto_pwhash_SALTBYTES);
  randombytes_buf (out + OFF_NONCE, crypto_secretbox_NONCEBYTES);
  memcpy (out + OFF_PK, pk, crypto_sign_PUBLICKEYBYTES);

  memcpy (plain, seed, SEED_LEN);
  memcpy (plain + SEED_LEN, pk, crypto_sign_PUBLICKEYBYTES);
  crypto_generichash (plain + SEED_LEN + crypto_sign_PUBLICKEYBYTES, crypto_generichash_BYTES,
                      out, HEADER_LEN, NULL, 0);
  if (!derive (key, passphrase, passphrase_len, out, error))
    goto out;
  crypto_secretbox_easy (out + HEADER_LEN, plain, PLAIN_LEN, out + OFF_NONCE, key);
  ok = TRUE;

out:
  sodium_free (key);
  sodium_free (plain);
  return ok;
}

gboolean
assay_key_file_create (const char  *path,
                       const char  *passphrase,
                       gsize        passphrase_len,
                       GError     **error)
{
  guint8 *seed, *sk;
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
  guint8 image[FILE_LEN];
  gboolean ok = FALSE;

  g_return_val_if_fail (path != NULL, FALSE);
  if (!ensure_sodium (error))
    return FALSE;
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_EXISTS,
                   _("“%s” exists; a key file is never overwritten"), path);
      return FALSE;
    }
  seed = sodium_malloc (SEED_LEN);
  sk = sodium_malloc (crypto_sign_SECRETKEYBYTES);
  if (seed == NULL || sk == NULL)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_FAILED,
                           _("not enough memory to derive the key"));
      goto out;
    }
  randombytes_buf (seed, SEED_LEN);
  crypto_sign_seed_keypair (pk, sk, seed);
  if (seal (image, seed, pk, passphrase, passphrase_len, error))
    ok = write_atomically (path, image, sizeof image, FALSE, error);

out:
  sodium_free (seed);
  sodium_free (sk);
  return ok;
}

static gboolean
read_image (const char *path,
            guint8      image[FILE_LEN],
            GError    **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, &local))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO, _("cannot read “%s”: %s"),
                   path, local->message);
      return FALSE;
    }
  if (len != FILE_LEN || memcmp (contents, MAGIC, MAGIC_LEN) != 0)
    {
      set_damaged (error);
      return FALSE;
    }
  memcpy (image, contents, FILE_LEN);
  return TRUE;
}

/* The caps: a tampered header can neither exhaust memory nor downgrade. */
static gboolean
header_in_range (const guint8 *image)
{
  guint64 alg = get_uint (image + OFF_ALG, 4);
  guint64 ops = get_uint (image + OFF_OPS, 8);
  guint64 mem = get_uint (image + OFF_MEM, 8);

  if (alg != crypto_pwhash_ALG_ARGON2ID13
      || ops < crypto_pwhash_OPSLIMIT_INTERACTIVE || ops > ASSAY_KEY_FILE_OPSLIMIT_MAX
      || mem < crypto_pwhash_MEMLIMIT_INTERACTIVE || mem > ASSAY_KEY_FILE_MEMLIMIT_MAX)
    {
      g_debug ("key file parameters out of range: algorithm %" G_GUINT64_FORMAT
               ", opslimit %" G_GUINT64_FORMAT ", memlimit %" G_GUINT64_FORMAT, alg, ops, mem);
      return FALSE;
    }
  return TRUE;
}

AssayKeyFile *
assay_key_file_open (const char  *path,
                     const char  *passphrase,
                     gsize        passphrase_len,
                     GError     **error)
{
  guint8 image[FILE_LEN];
  guint8 hash[crypto_generichash_BYTES];
  guint8 derived_pk[crypto_sign_PUBLICKEYBYTES];
  guint8 *key = NULL, *plain = NULL, *sk = NULL;
  AssayKeyFile *result = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  if (!ensure_sodium (error) || !read_image (path, image, error))
    return NULL;
  if (!header_in_range (image))
    {
      set_damaged (error);
      return NULL;
    }
  key = sodium_malloc (crypto_secretbox_KEYBYTES);
  plain = sodium_malloc (PLAIN_LEN);
  sk = sodium_malloc (crypto_sign_SECRETKEYBYTES);
  if (key == NULL || plain == NULL || sk == NULL)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_FAILED,
                           _("not enough memory to derive the key"));
      goto out;
    }
  if (!derive (key, passphrase, passphrase_len, image, error))
    goto out;
  crypto_generichash (hash, sizeof hash, image, HEADER_LEN, NULL, 0);
  if (crypto_secretbox_open_easy (plain, image + HEADER_LEN,
                                  FILE_LEN - HEADER_LEN, image + OFF_NONCE, key) != 0
      || sodium_memcmp (plain + SEED_LEN + crypto_sign_PUBLICKEYBYTES, hash, sizeof hash) != 0
      || crypto_sign_seed_keypair (derived_pk, sk, plain) != 0
      || sodium_memcmp (derived_pk, plain + SEED_LEN, sizeof derived_pk) != 0
      || sodium_memcmp (derived_pk, image + OFF_PK, sizeof derived_pk) != 0)
    {
      set_damaged (error);
      goto out;
    }
  result = g_new0 (AssayKeyFile, 1);
  result->secret_key = g_steal_pointer (&sk);
  memcpy (result->public_key, derived_pk, sizeof derived_pk);

out:
  sodium_free (key);
  sodium_free (plain);
  sodium_free (sk);
  return result;
}

AssayKeyFile *
_assay_key_file_new_from_seed (const guint8 seed[32])
{
  AssayKeyFile *key;

  g_return_val_if_fail (sodium_init () >= 0, NULL);
  key = g_new0 (AssayKeyFile, 1);
  key->secret_key = sodium_malloc (crypto_sign_SECRETKEYBYTES);
  g_assert (key->secret_key != NULL);
  crypto_sign_seed_keypair (key->public_key, key->secret_key, seed);
  return key;
}

gboolean
assay_key_file_change_passphrase (const char  *path,
                                  const char  *old_passphrase,
                                  gsize        old_len,
                                  const char  *new_passphrase,
                                  gsize        new_len,
                                  GError     **error)
{
  g_autoptr(AssayKeyFile) key = assay_key_file_open (path, old_passphrase, old_len, error);
  guint8 image[FILE_LEN];

  if (key == NULL)
    return FALSE;
  /* The Ed25519 secret key's first half is the seed. */
  if (!seal (image, key->secret_key, key->public_key, new_passphrase, new_len, error))
    return FALSE;
  return write_atomically (path, image, sizeof image, TRUE, error);
}

gboolean
assay_key_file_read_public_key (const char  *path,
                                guint8       public_key[ASSAY_KEY_PUBLIC_KEY_SIZE],
                                GError     **error)
{
  guint8 image[FILE_LEN];

  if (!read_image (path, image, error))
    return FALSE;
  memcpy (public_key, image + OFF_PK, crypto_sign_PUBLICKEYBYTES);
  return TRUE;
}

const guint8 *
assay_key_file_get_public_key (AssayKeyFile *key)
{
  return key->public_key;
}

void
assay_key_file_sign (AssayKeyFile *key,
                     const guint8 *message,
                     gsize         message_len,
                     guint8        signature[ASSAY_KEY_SIGNATURE_SIZE])
{
  crypto_sign_detached (signature, NULL, message, message_len, key->secret_key);
}

void
assay_key_file_free (AssayKeyFile *key)
{
  if (key == NULL)
    return;
  sodium_free (key->secret_key);
  g_free (key);
}

char *
assay_key_id (const guint8 public_key[ASSAY_KEY_PUBLIC_KEY_SIZE])
{
  guint8 hash[crypto_hash_sha256_BYTES];
  char hex[crypto_hash_sha256_BYTES * 2 + 1];

  crypto_hash_sha256 (hash, public_key, ASSAY_KEY_PUBLIC_KEY_SIZE);
  sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
  return g_strdup (hex);
}
