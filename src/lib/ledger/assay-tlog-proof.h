/* assay-tlog-proof.h — C2SP tlog-proof portable proof files
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
#include "assay-checkpoint.h"

G_BEGIN_DECLS

/* C2SP tlog-proof, "c2sp.org/tlog-proof@v1":
 *
 *   c2sp.org/tlog-proof@v1
 *   extra <base64>              (optional; Assay puts salt ‖ body here)
 *   index <N>                   (decimal, no leading zeros)
 *   <base64 hash>               (inclusion proof, leaf's sibling first, one
 *   …                            per line, as RFC 6962 §2.1.1 PATH)
 *   <blank line>
 *   <signed checkpoint note, with any cosignatures>
 *
 * The extra data is not authenticated: a verifier recomputes the leaf hash
 * from it and trusts it only through the inclusion proof.
 */

/* Refuse larger files: a checkpoint note and up to 64 hashes, plus extra. */
#define ASSAY_TLOG_PROOF_MAX_SIZE (2 * 1024 * 1024)

typedef struct
{
  GBytes  *extra;        /* may be NULL (no extra line) */
  guint64  index;
  GBytes  *proof;        /* n * 32 bytes */
  char    *checkpoint;   /* the signed note, verbatim */
} AssayTlogProof;

char           *assay_tlog_proof_format (const AssayTlogProof *proof);
/* Parsing checks the syntax of everything, including the checkpoint note,
 * but verifies nothing (ASSAY_ERROR_INVALID_DATA if malformed). */
AssayTlogProof *assay_tlog_proof_parse  (const char           *text,
                                         gsize                 len,
                                         GError              **error);
void            assay_tlog_proof_free   (AssayTlogProof       *proof);

/* Verifies the checkpoint with `log_key` (its origin must be the key's
 * name), then the inclusion of `leaf_hash` at proof->index in the tree the
 * checkpoint commits to.  Returns FALSE with a clear message. */
gboolean        assay_tlog_proof_verify (const AssayTlogProof *proof,
                                         AssayNoteVerifier    *log_key,
                                         const guint8          leaf_hash[ASSAY_HASH_SIZE],
                                         GError              **error);

/* The same, and also requires cosignatures by at least `quorum` of the
 * `witnesses` (type 0x04 verifiers; any failing one rejects the proof).
 * `out_checkpoint`, if non-NULL, receives the verified checkpoint. */
gboolean        assay_tlog_proof_verify_full (const AssayTlogProof  *proof,
                                              AssayNoteVerifier     *log_key,
                                              AssayNoteVerifier    **witnesses,
                                              guint                  n_witnesses,
                                              guint                  quorum,
                                              const guint8           leaf_hash[ASSAY_HASH_SIZE],
                                              AssayCheckpoint      **out_checkpoint,
                                              GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayTlogProof, assay_tlog_proof_free)

G_END_DECLS
