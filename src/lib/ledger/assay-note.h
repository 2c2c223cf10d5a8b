/* assay-note.h — C2SP signed notes with Ed25519 keys
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

#include "assay-types.h"

G_BEGIN_DECLS

/* C2SP signed-note with Ed25519 (key type 0x01) keys, and verification of
 * tlog-cosignature (key type 0x04) signatures.
 *
 * Verifier key string:  <name>+<hex keyid>+<base64(type ‖ pubkey)>
 * Signer key string:    PRIVATE+KEY+<name>+<hex keyid>+<base64(0x01 ‖ seed)>
 *                       (the golang.org/x/mod/sumdb/note format) */

#define ASSAY_NOTE_KEY_TYPE_ED25519     0x01
#define ASSAY_NOTE_KEY_TYPE_COSIGNATURE 0x04

/* Limits on what we parse: Go's note package also stops at 100 signatures
 * (the spec requires accepting at least 16); 1 MiB leaves room for large
 * post-quantum signatures. */
#define ASSAY_NOTE_MAX_SIZE       (1024 * 1024)
#define ASSAY_NOTE_MAX_SIGNATURES 100

typedef struct _AssayNoteVerifier AssayNoteVerifier;
typedef struct _AssayNoteSigner   AssayNoteSigner;
typedef struct _AssayNote         AssayNote;

AssayNoteVerifier *assay_note_verifier_new_from_string (const char         *vkey,
                                                        GError            **error);
AssayNoteVerifier *assay_note_verifier_ref             (AssayNoteVerifier  *verifier);
void               assay_note_verifier_unref           (AssayNoteVerifier  *verifier);
const char        *assay_note_verifier_get_name        (AssayNoteVerifier  *verifier);
guint32            assay_note_verifier_get_key_id      (AssayNoteVerifier  *verifier);
guint8             assay_note_verifier_get_key_type    (AssayNoteVerifier  *verifier);
const guint8      *assay_note_verifier_get_public_key  (AssayNoteVerifier  *verifier); /* 32 bytes */
char              *assay_note_verifier_to_string       (AssayNoteVerifier  *verifier);

/* Key names: non-empty UTF-8 without Unicode spaces, control characters
 * or "+". */
gboolean           assay_note_name_is_valid            (const char         *name);
/* Strict standard base64 (RFC 4648 §4, padded, canonical); NULL if not. */
GBytes            *assay_base64_decode_strict          (const char         *b64,
                                                        gsize               len);

/* Signers are Ed25519 (type 0x01) keys.  The same key cosigns checkpoints
 * under its type 0x04 key ID (see assay_cosignature_sign). */
/* A fresh Ed25519 key from libsodium's random bytes. */
AssayNoteSigner   *assay_note_signer_generate          (const char         *name,
                                                        GError            **error);
AssayNoteSigner   *assay_note_signer_new_from_string   (const char         *skey,
                                                        GError            **error);
void               assay_note_signer_free              (AssayNoteSigner    *signer);
const char        *assay_note_signer_get_name          (AssayNoteSigner    *signer);
guint32            assay_note_signer_get_key_id        (AssayNoteSigner    *signer);
char              *assay_note_signer_to_string         (AssayNoteSigner    *signer);
char              *assay_note_signer_get_verifier_string (AssayNoteSigner  *signer);
const guint8      *assay_note_signer_get_public_key    (AssayNoteSigner    *signer); /* 32 bytes */
/* The key ID and verifier string (type 0x04) that witnesses are known by. */
guint32            assay_note_signer_get_cosigner_key_id (AssayNoteSigner  *signer);
char              *assay_note_signer_get_cosigner_verifier_string (AssayNoteSigner *signer);
/* Raw Ed25519 signature over arbitrary bytes (used for cosignatures). */
void               assay_note_signer_sign_bytes        (AssayNoteSigner    *signer,
                                                        const guint8       *msg,
                                                        gsize               len,
                                                        guint8              sig[64]);

/* "cosignature/v1\ntime <timestamp>\n" ‖ text: what a type 0x04 key signs. */
char              *assay_cosignature_message           (const char         *text,
                                                        guint64             timestamp);
/* "— <name> <base64(key_id ‖ sig)>\n" */
char              *assay_note_format_signature_line    (const char         *name,
                                                        guint32             key_id,
                                                        const guint8       *sig,
                                                        gsize               sig_len);

/* Signs `text` (must be non-empty, end with a newline, be valid UTF-8
 * without control characters other than newline; blank lines are allowed,
 * as the signatures start after the last one) and returns the full note:
 * text, a blank line, and the signature line
 * "— <name> <base64(keyid ‖ sig)>\n". */
char              *assay_note_sign                     (AssayNoteSigner    *signer,
                                                        const char         *text,
                                                        GError            **error);

/* Parses and verifies a note.  Signatures by unknown keys are kept but
 * ignored; a signature by a known key that fails rejects the whole note
 * (ASSAY_ERROR_VERIFICATION); a note with no valid signature by any known
 * key is rejected too.  Malformed notes: ASSAY_ERROR_INVALID_DATA. */
AssayNote         *assay_note_open                     (const char         *note,
                                                        gsize               len,
                                                        AssayNoteVerifier **verifiers,
                                                        guint               n_verifiers,
                                                        GError            **error);
/* Parses without verifying anything (for evidence display). */
AssayNote         *assay_note_parse                    (const char         *note,
                                                        gsize               len,
                                                        GError            **error);
void               assay_note_free                     (AssayNote          *note);
const char        *assay_note_get_text                 (AssayNote          *note);
guint              assay_note_get_n_signatures         (AssayNote          *note);
/* Signature line i, verbatim without the trailing newline. */
const char        *assay_note_get_signature_line       (AssayNote          *note,
                                                        guint               i);
const char        *assay_note_get_signature_name       (AssayNote          *note,
                                                        guint               i);
guint32            assay_note_get_signature_key_id     (AssayNote          *note,
                                                        guint               i);
/* The decoded signature blob after the 4-byte key id. */
GBytes            *assay_note_get_signature_blob       (AssayNote          *note,
                                                        guint               i);
/* Whether signature i was verified by one of the verifiers given to open. */
gboolean           assay_note_get_signature_verified   (AssayNote          *note,
                                                        guint               i);
/* How many of `verifiers` (a key listed twice counts once) have a
 * verified signature on the note: a witness quorum check. */
guint              assay_note_count_verified           (AssayNote          *note,
                                                        AssayNoteVerifier **verifiers,
                                                        guint               n_verifiers);
/* Checks a block of signature lines, each "— <name> <base64>\n"; returns
 * them without newlines in `out_lines` (g_free elements) if non-NULL. */
gboolean           assay_note_parse_signature_lines    (const char         *lines,
                                                        GPtrArray         **out_lines,
                                                        GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayNoteVerifier, assay_note_verifier_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayNoteSigner, assay_note_signer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayNote, assay_note_free)

G_END_DECLS
