/* assay-merkle.c — RFC 6962/9162 Merkle tree hashing and proofs
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
#include "assay-merkle.h"
#include "assay-sha256.h"

/* A tree of 2^64 - 1 leaves has at most 64 levels of perfect subtrees. */
#define MAX_LEVELS 64

struct _AssayMerkleBuilder
{
  guint64                 size;
  /* range[l] holds the perfect subtree of 2^l leaves when bit l of size is set. */
  guint8                  range[MAX_LEVELS][ASSAY_HASH_SIZE];
  AssayMerkleNodeCallback on_node;
  gpointer                user_data;
};

static guint
bit_length (guint64 x)
{
  return x == 0 ? 0 : 64 - __builtin_clzll (x);
}

static guint64
largest_power_of_two_below (guint64 n)
{
  g_assert (n > 1);
  return G_GUINT64_CONSTANT (1) << (bit_length (n - 1) - 1);
}

/* Hashes compared without early exit, as proofs may come from anyone. */
static gboolean
hash_equal (const guint8 *a,
            const guint8 *b)
{
  return sodium_memcmp (a, b, ASSAY_HASH_SIZE) == 0;
}

void
assay_merkle_leaf_hash (const guint8 *data,
                        gsize         len,
                        guint8        out[ASSAY_HASH_SIZE])
{
  static const guint8 prefix = 0x00;

  g_return_if_fail (data != NULL || len == 0);

  assay_sha256_two (&prefix, 1, data, len, out);
}

void
assay_merkle_node_hash (const guint8 left[ASSAY_HASH_SIZE],
                        const guint8 right[ASSAY_HASH_SIZE],
                        guint8       out[ASSAY_HASH_SIZE])
{
  assay_sha256_node (left, right, out);
}

void
assay_merkle_empty_root (guint8 out[ASSAY_HASH_SIZE])
{
  assay_sha256 (NULL, 0, out);
}

void
assay_merkle_root_of_leaves (const guint8 *leaf_hashes,
                             guint64       n,
                             guint8        out[ASSAY_HASH_SIZE])
{
  g_autoptr(AssayMerkleBuilder) builder = assay_merkle_builder_new ();

  g_return_if_fail (leaf_hashes != NULL || n == 0);

  for (guint64 i = 0; i < n; i++)
    assay_merkle_builder_append (builder, leaf_hashes + i * ASSAY_HASH_SIZE);
  assay_merkle_builder_get_root (builder, out);
}

/* Verification. */

/* The length of an inclusion proof for `index` in a tree of `size`: the
 * levels below the point where the paths to index and size - 1 split
 * ("inner"), plus one hash for each left sibling above it ("border"). */
static guint
inclusion_proof_length (guint64 index,
                        guint64 size)
{
  guint inner = bit_length (index ^ (size - 1));

  return inner + __builtin_popcountll (inner < 64 ? index >> inner : 0);
}

static guint
consistency_proof_length (guint64 size1,
                          guint64 size2)
{
  guint shift = __builtin_ctzll (size1);
  guint inner = bit_length ((size1 - 1) ^ (size2 - 1));
  guint border = __builtin_popcountll (inner < 64 ? (size1 - 1) >> inner : 0);
  gboolean seed_given = (size1 & (size1 - 1)) == 0;

  return (seed_given ? 0 : 1) + (inner - shift) + border;
}

gboolean
assay_merkle_verify_inclusion (guint64       index,
                               guint64       size,
                               const guint8  leaf_hash[ASSAY_HASH_SIZE],
                               const guint8 *proof,
                               gsize         proof_len,
                               const guint8  root[ASSAY_HASH_SIZE],
                               GError      **error)
{
  guint8 r[ASSAY_HASH_SIZE];
  guint64 fn, sn;
  guint expected;

  g_return_val_if_fail (leaf_hash != NULL && root != NULL, FALSE);
  g_return_val_if_fail (proof != NULL || proof_len == 0, FALSE);

  if (index >= size)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("Leaf index %" PRIu64 " is not below tree size %"
                     PRIu64 "; an inclusion proof cannot exist"),
                   index, size);
      return FALSE;
    }

  expected = inclusion_proof_length (index, size);
  if (proof_len != expected)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                   _("Inclusion proof has %zu hashes but leaf %"
                     PRIu64 " of a tree of size %" PRIu64
                     " needs exactly %u; the proof is invalid"),
                   proof_len, index, size, expected);
      return FALSE;
    }

  /* RFC 9162 §2.1.3.2. */
  fn = index;
  sn = size - 1;
  memcpy (r, leaf_hash, ASSAY_HASH_SIZE);
  for (gsize i = 0; i < proof_len; i++)
    {
      const guint8 *p = proof + i * ASSAY_HASH_SIZE;

      if (sn == 0)
        break;
      if ((fn & 1) || fn == sn)
        {
          assay_merkle_node_hash (p, r, r);
          while (!(fn & 1) && fn != 0)
            {
              fn >>= 1;
              sn >>= 1;
            }
        }
      else
        {
          assay_merkle_node_hash (r, p, r);
        }
      fn >>= 1;
      sn >>= 1;
    }

  if (sn != 0 || !hash_equal (r, root))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                   _("Inclusion proof for leaf %" PRIu64 " does not lead "
                     "to the root of the tree of size %" PRIu64 "; the "
                     "entry is not in that tree or the proof is corrupt"),
                   index, size);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_consistency_sizes (guint64   size1,
                         guint64   size2,
                         GError  **error)
{
  if (size1 == 0)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                           _("A consistency proof from an empty tree proves nothing; "
                             "the old tree size must be at least 1"));
      return FALSE;
    }
  if (size1 > size2)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("Old tree size %" PRIu64 " is larger than new tree "
                     "size %" PRIu64 "; a log never shrinks"),
                   size1, size2);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_consistency_proof_length (guint64   size1,
                                guint64   size2,
                                gsize     proof_len,
                                GError  **error)
{
  guint expected = size1 == size2 ? 0 : consistency_proof_length (size1, size2);

  if (proof_len != expected)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                   _("Consistency proof from size %" PRIu64 " to %"
                     PRIu64 " has %zu hashes but needs "
                     "exactly %u; the proof is invalid"),
                   size1, size2, proof_len, expected);
      return FALSE;
    }
  return TRUE;
}

static void
set_inconsistent_error (guint64   size1,
                        guint64   size2,
                        GError  **error)
{
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
               _("The tree of size %" PRIu64 " is not a prefix of the "
                 "tree of size %" PRIu64 " according to this proof; "
                 "either the proof is corrupt or the log forked"),
               size1, size2);
}

gboolean
assay_merkle_verify_consistency (guint64       size1,
                                 guint64       size2,
                                 const guint8  root1[ASSAY_HASH_SIZE],
                                 const guint8  root2[ASSAY_HASH_SIZE],
                                 const guint8 *proof,
                                 gsize         proof_len,
                                 GError      **error)
{
  guint8 fr[ASSAY_HASH_SIZE];
  guint8 sr[ASSAY_HASH_SIZE];
  guint64 fn, sn;
  gsize i = 0;

  g_return_val_if_fail (root1 != NULL && root2 != NULL, FALSE);
  g_return_val_if_fail (proof != NULL || proof_len == 0, FALSE);

  if (!check_consistency_sizes (size1, size2, error) ||
      !check_consistency_proof_length (size1, size2, proof_len, error))
    return FALSE;

  if (size1 == size2)
    {
      if (!hash_equal (root1, root2))
        {
          set_inconsistent_error (size1, size2, error);
          return FALSE;
        }
      return TRUE;
    }

  /* RFC 9162 §2.1.4.2.  A power-of-two old tree is itself a node of the
   * new tree, so its root is the proof's implicit first hash. */
  if ((size1 & (size1 - 1)) == 0)
    {
      memcpy (fr, root1, ASSAY_HASH_SIZE);
    }
  else
    {
      memcpy (fr, proof, ASSAY_HASH_SIZE);
      i = 1;
    }
  memcpy (sr, fr, ASSAY_HASH_SIZE);

  fn = size1 - 1;
  sn = size2 - 1;
  while (fn & 1)
    {
      fn >>= 1;
      sn >>= 1;
    }

  for (; i < proof_len; i++)
    {
      const guint8 *c = proof + i * ASSAY_HASH_SIZE;

      if (sn == 0)
        break;
      if ((fn & 1) || fn == sn)
        {
          assay_merkle_node_hash (c, fr, fr);
          assay_merkle_node_hash (c, sr, sr);
          while (!(fn & 1) && fn != 0)
            {
              fn >>= 1;
              sn >>= 1;
            }
        }
      else
        {
          assay_merkle_node_hash (sr, c, sr);
        }
      fn >>= 1;
      sn >>= 1;
    }

  if (i != proof_len || sn != 0 || !hash_equal (fr, root1) || !hash_equal (sr, root2))
    {
      set_inconsistent_error (size1, size2, error);
      return FALSE;
    }
  return TRUE;
}

/* Range hashes and proof generation. */

gboolean
assay_merkle_range_hash (guint64              begin,
                         guint64              end,
                         AssayMerkleNodeFunc  node_func,
                         gpointer             user_data,
                         guint8               out[ASSAY_HASH_SIZE],
                         GError             **error)
{
  guint64 n;
  guint8 left[ASSAY_HASH_SIZE];
  guint8 right[ASSAY_HASH_SIZE];
  guint64 k;

  g_return_val_if_fail (node_func != NULL, FALSE);

  if (begin > end)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("Leaf range begins at %" PRIu64 " after it ends at %"
                     PRIu64 "; a range must not run backwards"),
                   begin, end);
      return FALSE;
    }

  n = end - begin;
  if (n == 0)
    {
      assay_merkle_empty_root (out);
      return TRUE;
    }

  /* A perfect, aligned subtree comes straight from the source; anything
   * else splits as MTH does.  Ranges that are nodes of the tree (all that
   * proofs need) take O(log n) lookups. */
  if ((n & (n - 1)) == 0 && (begin & (n - 1)) == 0)
    {
      guint level = __builtin_ctzll (n);

      return node_func (level, begin >> level, out, user_data, error);
    }

  k = largest_power_of_two_below (n);
  if (!assay_merkle_range_hash (begin, begin + k, node_func, user_data, left, error) ||
      !assay_merkle_range_hash (begin + k, end, node_func, user_data, right, error))
    return FALSE;
  assay_merkle_node_hash (left, right, out);
  return TRUE;
}

typedef struct
{
  AssayMerkleNodeFunc  node_func;
  gpointer             user_data;
  GByteArray          *hashes;
} ProofBuilder;

static gboolean
proof_add_range (ProofBuilder  *pb,
                 guint64        begin,
                 guint64        end,
                 GError       **error)
{
  guint8 h[ASSAY_HASH_SIZE];

  if (!assay_merkle_range_hash (begin, end, pb->node_func, pb->user_data, h, error))
    return FALSE;
  g_byte_array_append (pb->hashes, h, ASSAY_HASH_SIZE);
  return TRUE;
}

/* RFC 6962 §2.1.1 PATH(m, D[begin:end]), hashes appended bottom-up. */
static gboolean
proof_path (ProofBuilder  *pb,
            guint64        m,
            guint64        begin,
            guint64        end,
            GError       **error)
{
  guint64 n = end - begin;
  guint64 k;

  if (n == 1)
    return TRUE;

  k = largest_power_of_two_below (n);
  if (m < k)
    return proof_path (pb, m, begin, begin + k, error) &&
           proof_add_range (pb, begin + k, end, error);
  return proof_path (pb, m - k, begin + k, end, error) &&
         proof_add_range (pb, begin, begin + k, error);
}

/* RFC 6962 §2.1.2 SUBPROOF(m, D[begin:end], b). */
static gboolean
proof_subproof (ProofBuilder  *pb,
                guint64        m,
                guint64        begin,
                guint64        end,
                gboolean       b,
                GError       **error)
{
  guint64 n = end - begin;
  guint64 k;

  if (m == n)
    return b ? TRUE : proof_add_range (pb, begin, end, error);

  k = largest_power_of_two_below (n);
  if (m <= k)
    return proof_subproof (pb, m, begin, begin + k, b, error) &&
           proof_add_range (pb, begin + k, end, error);
  return proof_subproof (pb, m - k, begin + k, end, FALSE, error) &&
         proof_add_range (pb, begin, begin + k, error);
}

GBytes *
assay_merkle_inclusion_proof (guint64              index,
                              guint64              size,
                              AssayMerkleNodeFunc  node_func,
                              gpointer             user_data,
                              GError             **error)
{
  g_autoptr(GByteArray) hashes = NULL;
  ProofBuilder pb;

  g_return_val_if_fail (node_func != NULL, NULL);

  if (index >= size)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("Leaf index %" PRIu64 " is not below tree size %"
                     PRIu64 "; an inclusion proof cannot exist"),
                   index, size);
      return NULL;
    }

  hashes = g_byte_array_new ();
  pb = (ProofBuilder) { node_func, user_data, hashes };
  if (!proof_path (&pb, index, 0, size, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&hashes));
}

GBytes *
assay_merkle_consistency_proof (guint64              size1,
                                guint64              size2,
                                AssayMerkleNodeFunc  node_func,
                                gpointer             user_data,
                                GError             **error)
{
  g_autoptr(GByteArray) hashes = NULL;
  ProofBuilder pb;

  g_return_val_if_fail (node_func != NULL, NULL);

  if (!check_consistency_sizes (size1, size2, error))
    return NULL;

  hashes = g_byte_array_new ();
  if (size1 < size2)
    {
      pb = (ProofBuilder) { node_func, user_data, hashes };
      if (!proof_subproof (&pb, size1, 0, size2, TRUE, error))
        return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&hashes));
}

/* The builder. */

AssayMerkleBuilder *
assay_merkle_builder_new (void)
{
  return g_new0 (AssayMerkleBuilder, 1);
}

AssayMerkleBuilder *
assay_merkle_builder_new_from_range (guint64       size,
                                     const guint8 *hashes,
                                     gsize         n_hashes,
                                     GError      **error)
{
  AssayMerkleBuilder *builder;
  gsize next = 0;

  g_return_val_if_fail (hashes != NULL || n_hashes == 0, NULL);

  if (n_hashes != (gsize) __builtin_popcountll (size))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("A compact range for tree size %" PRIu64 " has %d "
                     "hashes, not %zu; the stored range is corrupt"),
                   size, __builtin_popcountll (size), n_hashes);
      return NULL;
    }

  builder = assay_merkle_builder_new ();
  builder->size = size;
  for (int level = MAX_LEVELS - 1; level >= 0; level--)
    {
      if (size & (G_GUINT64_CONSTANT (1) << level))
        memcpy (builder->range[level], hashes + ASSAY_HASH_SIZE * next++, ASSAY_HASH_SIZE);
    }
  return builder;
}

void
assay_merkle_builder_free (AssayMerkleBuilder *builder)
{
  g_free (builder);
}

void
assay_merkle_builder_set_callback (AssayMerkleBuilder      *builder,
                                   AssayMerkleNodeCallback  on_node,
                                   gpointer                 user_data)
{
  g_return_if_fail (builder != NULL);

  builder->on_node = on_node;
  builder->user_data = user_data;
}

void
assay_merkle_builder_append (AssayMerkleBuilder *builder,
                             const guint8        leaf_hash[ASSAY_HASH_SIZE])
{
  guint8 h[ASSAY_HASH_SIZE];
  guint64 index;
  guint level = 0;

  g_return_if_fail (builder != NULL);
  g_return_if_fail (leaf_hash != NULL);
  g_return_if_fail (builder->size < G_MAXUINT64);

  index = builder->size;
  memcpy (h, leaf_hash, ASSAY_HASH_SIZE);
  if (builder->on_node != NULL)
    builder->on_node (0, index, h, builder->user_data);

  /* Each trailing one bit of the old size is a perfect subtree that the
   * new leaf completes into one twice as large. */
  while (index & 1)
    {
      assay_merkle_node_hash (builder->range[level], h, h);
      level++;
      index >>= 1;
      if (builder->on_node != NULL)
        builder->on_node (level, index, h, builder->user_data);
    }
  memcpy (builder->range[level], h, ASSAY_HASH_SIZE);
  builder->size++;
}

guint64
assay_merkle_builder_get_size (AssayMerkleBuilder *builder)
{
  g_return_val_if_fail (builder != NULL, 0);

  return builder->size;
}

void
assay_merkle_builder_get_root (AssayMerkleBuilder *builder,
                               guint8              out[ASSAY_HASH_SIZE])
{
  guint8 r[ASSAY_HASH_SIZE];
  guint level;

  g_return_if_fail (builder != NULL);

  if (builder->size == 0)
    {
      assay_merkle_empty_root (out);
      return;
    }

  /* Fold the compact range from the smallest subtree leftwards. */
  level = __builtin_ctzll (builder->size);
  memcpy (r, builder->range[level], ASSAY_HASH_SIZE);
  for (level++; level < MAX_LEVELS; level++)
    {
      if (builder->size & (G_GUINT64_CONSTANT (1) << level))
        assay_merkle_node_hash (builder->range[level], r, r);
    }
  memcpy (out, r, ASSAY_HASH_SIZE);
}

GBytes *
assay_merkle_builder_get_range (AssayMerkleBuilder *builder)
{
  GByteArray *hashes;

  g_return_val_if_fail (builder != NULL, NULL);

  hashes = g_byte_array_new ();
  for (int level = MAX_LEVELS - 1; level >= 0; level--)
    {
      if (builder->size & (G_GUINT64_CONSTANT (1) << level))
        g_byte_array_append (hashes, builder->range[level], ASSAY_HASH_SIZE);
    }
  return g_byte_array_free_to_bytes (hashes);
}
