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

G_BEGIN_DECLS

/* C2SP tlog-proof, "c2sp.org/tlog-proof@v1":
 *
 *   c2sp.org/tlog-proof@v1
 *   extra <base64>              (optional; Assay puts salt ‖ body here)
 *   index <N>
 *   <base64 hash>               (inclusion proof, one per line)
 *   …
 *   <blank line>
 *   <signed checkpoint note, with any cosignatures>
 */
typedef struct
{
  GBytes  *extra;        /* may be NULL */
  guint64  index;
  GBytes  *proof;        /* n * 32 bytes */
  char    *checkpoint;   /* the signed note, verbatim */
} AssayTlogProof;

char           *assay_tlog_proof_format (const AssayTlogProof *proof);
AssayTlogProof *assay_tlog_proof_parse  (const char           *text,
                                         gsize                 len,
                                         GError              **error);
void            assay_tlog_proof_free   (AssayTlogProof       *proof);

/* Verifies the checkpoint with `log_key`, then the inclusion of
 * `leaf_hash` at proof->index.  Returns FALSE with a clear message. */
gboolean        assay_tlog_proof_verify (const AssayTlogProof *proof,
                                         AssayNoteVerifier    *log_key,
                                         const guint8          leaf_hash[ASSAY_HASH_SIZE],
                                         GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayTlogProof, assay_tlog_proof_free)

G_END_DECLS
