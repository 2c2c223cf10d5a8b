/* assay-merkle.h — RFC 6962/9162 Merkle tree hashing and proofs
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

#define ASSAY_HASH_SIZE 32

/* RFC 6962 / RFC 9162 hashing: SHA-256 with 0x00 leaf and 0x01 node prefixes. */
void     assay_merkle_leaf_hash          (const guint8 *data,
                                          gsize         len,
                                          guint8        out[ASSAY_HASH_SIZE]);
void     assay_merkle_node_hash          (const guint8  left[ASSAY_HASH_SIZE],
                                          const guint8  right[ASSAY_HASH_SIZE],
                                          guint8        out[ASSAY_HASH_SIZE]);
void     assay_merkle_empty_root         (guint8        out[ASSAY_HASH_SIZE]);

/* MTH of n leaf hashes held contiguously (n * 32 bytes). */
void     assay_merkle_root_of_leaves     (const guint8 *leaf_hashes,
                                          guint64       n,
                                          guint8        out[ASSAY_HASH_SIZE]);

/* Verification, exactly as RFC 9162 §2.1.3.2 and §2.1.4.2.  `proof` holds
 * `proof_len` hashes of 32 bytes each.  Every pitfall of LEDGER.md §1 is an
 * error (ASSAY_ERROR_VERIFICATION for a proof that does not verify,
 * ASSAY_ERROR_INVALID_ARGUMENT for impossible sizes or indices). */
gboolean assay_merkle_verify_inclusion   (guint64       index,
                                          guint64       size,
                                          const guint8  leaf_hash[ASSAY_HASH_SIZE],
                                          const guint8 *proof,
                                          gsize         proof_len,
                                          const guint8  root[ASSAY_HASH_SIZE],
                                          GError      **error);
gboolean assay_merkle_verify_consistency (guint64       size1,
                                          guint64       size2,
                                          const guint8  root1[ASSAY_HASH_SIZE],
                                          const guint8  root2[ASSAY_HASH_SIZE],
                                          const guint8 *proof,
                                          gsize         proof_len,
                                          GError      **error);

/* A source of complete-subtree hashes: writes the hash of the perfect
 * subtree at `level` (0 = leaves) and `index`, covering leaves
 * [index << level, (index + 1) << level).  Backed by a replica's stored
 * tiles, by a server's tiles, or by an in-memory array in tests. */
typedef gboolean (*AssayMerkleNodeFunc) (guint         level,
                                         guint64       index,
                                         guint8        out[ASSAY_HASH_SIZE],
                                         gpointer      user_data,
                                         GError      **error);

/* MTH(D[begin:end]) for any range, from complete subtrees. */
gboolean assay_merkle_range_hash         (guint64              begin,
                                          guint64              end,
                                          AssayMerkleNodeFunc  node_func,
                                          gpointer             user_data,
                                          guint8               out[ASSAY_HASH_SIZE],
                                          GError             **error);

/* Proof generation, RFC 6962 §2.1.1 PATH and §2.1.2 PROOF.  Returns the
 * proof as a GBytes of 32-byte hashes. */
GBytes  *assay_merkle_inclusion_proof    (guint64              index,
                                          guint64              size,
                                          AssayMerkleNodeFunc  node_func,
                                          gpointer             user_data,
                                          GError             **error);
GBytes  *assay_merkle_consistency_proof  (guint64              size1,
                                          guint64              size2,
                                          AssayMerkleNodeFunc  node_func,
                                          gpointer             user_data,
                                          GError             **error);

/* A compact range [0, size): the incremental tree builder used by the
 * central service to append leaves and by the replica to recompute roots
 * during sync.  `on_node`, if set, is called for every complete subtree
 * hash as it becomes known (level 0 = the leaf hash itself), which is how
 * tiles are filled. */
typedef struct _AssayMerkleBuilder AssayMerkleBuilder;
typedef void (*AssayMerkleNodeCallback) (guint         level,
                                         guint64       index,
                                         const guint8  hash[ASSAY_HASH_SIZE],
                                         gpointer      user_data);

AssayMerkleBuilder *assay_merkle_builder_new       (void);
/* Resume at `size` from the hashes of the compact range's perfect subtrees,
 * left to right (as many as bits set in size, largest first). */
AssayMerkleBuilder *assay_merkle_builder_new_from_range (guint64       size,
                                                         const guint8 *hashes,
                                                         gsize         n_hashes,
                                                         GError      **error);
void     assay_merkle_builder_free         (AssayMerkleBuilder      *builder);
void     assay_merkle_builder_set_callback (AssayMerkleBuilder      *builder,
                                            AssayMerkleNodeCallback  on_node,
                                            gpointer                 user_data);
void     assay_merkle_builder_append       (AssayMerkleBuilder      *builder,
                                            const guint8             leaf_hash[ASSAY_HASH_SIZE]);
guint64  assay_merkle_builder_get_size     (AssayMerkleBuilder      *builder);
void     assay_merkle_builder_get_root     (AssayMerkleBuilder      *builder,
                                            guint8                   out[ASSAY_HASH_SIZE]);
/* The compact range's hashes, largest subtree first; n = popcount(size). */
GBytes  *assay_merkle_builder_get_range    (AssayMerkleBuilder      *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayMerkleBuilder, assay_merkle_builder_free)

G_END_DECLS
