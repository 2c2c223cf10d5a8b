/* assay-key-file.h — Ed25519 key files protected by a passphrase
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

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ASSAY_KEY_PUBLIC_KEY_SIZE 32
#define ASSAY_KEY_SIGNATURE_SIZE  64

/* An opened key file: the Ed25519 key pair, the secret part in
 * sodium_malloc () memory that assay_key_file_free () wipes. */
typedef struct _AssayKeyFile AssayKeyFile;

/* Key derivation limits: created files use opslimit/memlimit
 * INTERACTIVE; a file is opened only if its opslimit is in
 * [INTERACTIVE, 10] and its memlimit in [INTERACTIVE, 1 GiB]. */
#define ASSAY_KEY_FILE_OPSLIMIT_MAX 10
#define ASSAY_KEY_FILE_MEMLIMIT_MAX (G_GUINT64_CONSTANT (1) << 30)

/* Creates a new key pair in @path (mode 0600), protected by the passphrase.
 * Refuses (ASSAY_ERROR_EXISTS) when @path exists. */
gboolean      assay_key_file_create            (const char   *path,
                                                const char   *passphrase,
                                                gsize         passphrase_len,
                                                GError      **error);

/* Opens @path with the passphrase.  A wrong passphrase or any damage is
 * ASSAY_ERROR_VERIFICATION "wrong passphrase or damaged file"; a key
 * derivation that fails for lack of memory is ASSAY_ERROR_FAILED. */
AssayKeyFile *assay_key_file_open              (const char   *path,
                                                const char   *passphrase,
                                                gsize         passphrase_len,
                                                GError      **error);

/* Re-encrypts @path under a new passphrase (fresh salt and nonce), by an
 * atomic rewrite. */
gboolean      assay_key_file_change_passphrase (const char   *path,
                                                const char   *old_passphrase,
                                                gsize         old_len,
                                                const char   *new_passphrase,
                                                gsize         new_len,
                                                GError      **error);

/* The public key as the header states it, without the passphrase: a hint,
 * authenticated only when the file is opened. */
gboolean      assay_key_file_read_public_key   (const char   *path,
                                                guint8        public_key[ASSAY_KEY_PUBLIC_KEY_SIZE],
                                                GError      **error);

const guint8 *assay_key_file_get_public_key    (AssayKeyFile *key);

/* A detached Ed25519 signature of @message. */
void          assay_key_file_sign              (AssayKeyFile *key,
                                                const guint8 *message,
                                                gsize         message_len,
                                                guint8        signature[ASSAY_KEY_SIGNATURE_SIZE]);

void          assay_key_file_free              (AssayKeyFile *key);

/* Lower-case hex SHA-256 of the 32-byte public key. */
char         *assay_key_id                     (const guint8  public_key[ASSAY_KEY_PUBLIC_KEY_SIZE]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayKeyFile, assay_key_file_free)

G_END_DECLS
