/* assay-checkpoint.h — C2SP tlog-checkpoint and tlog-cosignature
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
#include "assay-merkle.h"
#include "assay-note.h"

G_BEGIN_DECLS

/* C2SP tlog-checkpoint: origin line, decimal size, base64 root, optional
 * extension lines, as the text of a signed note. */
typedef struct
{
  char    *origin;
  guint64  size;
  guint8   root[ASSAY_HASH_SIZE];
  char   **extensions;   /* NULL-terminated, may be empty */
} AssayCheckpoint;

AssayCheckpoint *assay_checkpoint_new        (const char            *origin,
                                              guint64                size,
                                              const guint8           root[ASSAY_HASH_SIZE]);
AssayCheckpoint *assay_checkpoint_parse_text (const char            *text,
                                              GError               **error);
char            *assay_checkpoint_format_text (const AssayCheckpoint *checkpoint);
void             assay_checkpoint_free       (AssayCheckpoint       *checkpoint);
gboolean         assay_checkpoint_equal      (const AssayCheckpoint *a,
                                              const AssayCheckpoint *b);

/* ASCII decimal without leading zeros (except "0"), at most 2^64 - 1. */
gboolean         assay_parse_decimal_u64     (const char            *s,
                                              guint64               *out);

/* Opens a signed checkpoint note: verifies the log's signature (the
 * verifier whose name must equal the origin), parses the body, and checks
 * cosignatures by any witness verifiers given (type 0x04): a failing one
 * rejects the checkpoint, a missing one does not (count them with
 * assay_note_count_verified on `out_note` for a quorum).  Returns the
 * checkpoint; `out_note` receives the opened note if non-NULL. */
AssayCheckpoint *assay_checkpoint_open       (const char            *note_text,
                                              gsize                  len,
                                              AssayNoteVerifier     *log_key,
                                              AssayNoteVerifier    **witnesses,
                                              guint                  n_witnesses,
                                              AssayNote            **out_note,
                                              GError               **error);

/* tlog-cosignature/v1: signs "cosignature/v1\ntime <t>\n" ‖ checkpoint
 * text with the witness's Ed25519 key under its type 0x04 key ID
 * (assay_note_signer_get_cosigner_key_id), and returns the signature line
 * "— <name> base64(key ID ‖ 8-byte big-endian t ‖ signature)\n" to append
 * to the note.  Verifiers know the witness by
 * assay_note_signer_get_cosigner_verifier_string. */
char            *assay_cosignature_sign      (AssayNoteSigner       *witness,
                                              const char            *checkpoint_text,
                                              guint64                timestamp,
                                              GError               **error);
/* The timestamp of a cosignature blob (assay_note_get_signature_blob);
 * FALSE if the blob is not 72 bytes. */
gboolean         assay_cosignature_get_timestamp (GBytes          *blob,
                                                  guint64         *out_timestamp);
/* Adds signature lines to an existing signed note, keeping its own (and
 * skipping lines it already has).  Verifies nothing. */
char            *assay_note_add_signature_lines (const char         *note_text,
                                                 const char         *signature_lines,
                                                 GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayCheckpoint, assay_checkpoint_free)

G_END_DECLS
