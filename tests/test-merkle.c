/* test-merkle.c — tests for RFC 6962/9162 hashing, proofs and the builder
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
#include <json-glib/json-glib.h>

#include "assay-error.h"
#include "assay-merkle.h"
#include "assay-sha256.h"
#include "assay-test-util.h"

/* transparency-dev/merkle testdata: 98 inclusion and 98 consistency probes. */
#define N_INCLUSION_PROBES   98
#define N_CONSISTENCY_PROBES 98

/* Helpers. */

static void
hex_decode (const char *hex,
            guint8     *out,
            gsize       len)
{
  g_assert_cmpuint (strlen (hex), ==, 2 * len);
  for (gsize i = 0; i < len; i++)
    out[i] = (g_ascii_xdigit_value (hex[2 * i]) << 4) | g_ascii_xdigit_value (hex[2 * i + 1]);
}

static void
list_json_files (const char  *dir,
                 GPtrArray   *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        list_json_files (path, out);
      else if (g_str_has_suffix (name, ".json"))
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

static GBytes *
member_bytes (JsonObject *obj,
              const char *member)
{
  const char *b64 = json_object_get_string_member (obj, member);
  gsize len = 0;
  guint8 *data = g_base64_decode (b64, &len);

  return g_bytes_new_take (data, len);
}

/* The probes' proofs as one flat buffer; FALSE if any element is not a
 * 32-byte hash, which the fixed-size API cannot even express. */
static gboolean
member_proof (JsonObject  *obj,
              GByteArray  *out)
{
  JsonNode *node = json_object_get_member (obj, "proof");
  gboolean ok = TRUE;
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gsize len = 0;
      g_autofree guint8 *h = g_base64_decode (json_array_get_string_element (array, i), &len);

      if (len != ASSAY_HASH_SIZE)
        ok = FALSE;
      else
        g_byte_array_append (out, h, len);
    }
  return ok;
}

typedef gboolean (*ProbeFunc) (JsonObject *obj, GError **error);

/* Probes where LEDGER.md §1 is deliberately stricter than the Go library:
 * hashes that are not 32 bytes are rejected even when sizes are equal and
 * the "roots" are identical garbage.  We assert that we reject them. */
static const char * const stricter_probes[] = {
  "merkle/consistency/additional/sizes-are-equal-one-and-proof-is-empty.json",
};

static gboolean
run_inclusion_probe (JsonObject  *obj,
                     GError     **error)
{
  g_autoptr(GBytes) leaf = member_bytes (obj, "leafHash");
  g_autoptr(GBytes) root = member_bytes (obj, "root");
  g_autoptr(GByteArray) proof = g_byte_array_new ();

  if (!member_proof (obj, proof) ||
      g_bytes_get_size (leaf) != ASSAY_HASH_SIZE ||
      g_bytes_get_size (root) != ASSAY_HASH_SIZE)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT, "not 32 bytes");
      return FALSE;
    }
  return assay_merkle_verify_inclusion (json_object_get_int_member (obj, "leafIdx"),
                                        json_object_get_int_member (obj, "treeSize"),
                                        g_bytes_get_data (leaf, NULL),
                                        proof->data, proof->len / ASSAY_HASH_SIZE,
                                        g_bytes_get_data (root, NULL), error);
}

static gboolean
run_consistency_probe (JsonObject  *obj,
                       GError     **error)
{
  g_autoptr(GBytes) root1 = member_bytes (obj, "root1");
  g_autoptr(GBytes) root2 = member_bytes (obj, "root2");
  g_autoptr(GByteArray) proof = g_byte_array_new ();

  if (!member_proof (obj, proof) ||
      g_bytes_get_size (root1) != ASSAY_HASH_SIZE ||
      g_bytes_get_size (root2) != ASSAY_HASH_SIZE)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT, "not 32 bytes");
      return FALSE;
    }
  return assay_merkle_verify_consistency (json_object_get_int_member (obj, "size1"),
                                          json_object_get_int_member (obj, "size2"),
                                          g_bytes_get_data (root1, NULL),
                                          g_bytes_get_data (root2, NULL),
                                          proof->data, proof->len / ASSAY_HASH_SIZE,
                                          error);
}

static void
run_probe_dir (const char *subdir,
               ProbeFunc   func,
               guint       expected_count,
               guint       expected_stricter)
{
  g_autofree char *dir = assay_test_data_path (subdir);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint n_wrong = 0;
  guint n_ok = 0;
  guint n_stricter = 0;

  list_json_files (dir, files);
  g_assert_cmpuint (files->len, ==, expected_count);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = files->pdata[i];
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *obj;
      gboolean want_err, ok;

      g_assert_true (json_parser_load_from_file (parser, path, NULL));
      obj = json_node_get_object (json_parser_get_root (parser));
      want_err = json_object_get_boolean_member (obj, "wantErr");
      for (guint j = 0; j < G_N_ELEMENTS (stricter_probes); j++)
        {
          g_autofree char *stricter = assay_test_data_path (stricter_probes[j]);

          if (g_str_equal (path, stricter))
            {
              g_assert_false (want_err);
              want_err = TRUE;
              n_stricter++;
            }
        }
      ok = func (obj, &error);
      if (ok == want_err)
        {
          g_printerr ("probe %s: want %s, got %s\n", path,
                      want_err ? "an error" : "success",
                      error ? error->message : "success");
          n_wrong++;
        }
      if (ok)
        n_ok++;
    }
  g_test_message ("%s: %u probes, %u verify, %u where we are stricter",
                  subdir, files->len, n_ok, n_stricter);
  g_assert_cmpuint (n_wrong, ==, 0);
  g_assert_cmpuint (n_ok, >, 0);
  g_assert_cmpuint (n_stricter, ==, expected_stricter);
}

static void
test_inclusion_probes (void)
{
  run_probe_dir ("merkle/inclusion", run_inclusion_probe, N_INCLUSION_PROBES, 0);
}

static void
test_consistency_probes (void)
{
  run_probe_dir ("merkle/consistency", run_consistency_probe, N_CONSISTENCY_PROBES, 1);
}

/* An in-memory tree: node hashes computed from the leaf hashes. */
typedef struct
{
  guint8  *leaves;
  guint64  n;
  guint    n_calls;
} MemTree;

static MemTree *
mem_tree_new (guint64 n)
{
  MemTree *tree = g_new0 (MemTree, 1);

  tree->n = n;
  tree->leaves = g_malloc (n * ASSAY_HASH_SIZE + 1);
  for (guint64 i = 0; i < n; i++)
    {
      guint8 data[8];

      for (int b = 0; b < 8; b++)
        data[b] = (i >> (8 * b)) & 0xff;
      assay_merkle_leaf_hash (data, sizeof data, tree->leaves + i * ASSAY_HASH_SIZE);
    }
  return tree;
}

static void
mem_tree_free (MemTree *tree)
{
  g_free (tree->leaves);
  g_free (tree);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MemTree, mem_tree_free)

static gboolean
mem_tree_node (guint         level,
               guint64       index,
               guint8        out[ASSAY_HASH_SIZE],
               gpointer      user_data,
               GError      **error)
{
  MemTree *tree = user_data;
  guint64 begin = index << level;
  guint64 width = G_GUINT64_CONSTANT (1) << level;

  tree->n_calls++;
  if (begin + width > tree->n)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND, "no node %u/%" G_GUINT64_FORMAT,
                   level, index);
      return FALSE;
    }
  assay_merkle_root_of_leaves (tree->leaves + begin * ASSAY_HASH_SIZE, width, out);
  return TRUE;
}

/* Reference MTH straight from the RFC 6962 definition. */
static void
reference_mth (const guint8 *leaves,
               guint64       n,
               guint8        out[ASSAY_HASH_SIZE])
{
  guint8 left[ASSAY_HASH_SIZE], right[ASSAY_HASH_SIZE];
  guint64 k = 1;

  if (n == 0)
    {
      assay_merkle_empty_root (out);
      return;
    }
  if (n == 1)
    {
      memcpy (out, leaves, ASSAY_HASH_SIZE);
      return;
    }
  while (k * 2 < n)
    k *= 2;
  reference_mth (leaves, k, left);
  reference_mth (leaves + k * ASSAY_HASH_SIZE, n - k, right);
  assay_merkle_node_hash (left, right, out);
}

/* The trillian 8-leaf tree. */

typedef struct
{
  guint8 leaves[8][ASSAY_HASH_SIZE];
  guint8 nodes[4][8][ASSAY_HASH_SIZE];
  guint8 roots[9][ASSAY_HASH_SIZE];
  guint  n_seen;
} TrillianTree;

static void
load_trillian (TrillianTree *t)
{
  g_autofree char *path = assay_test_data_path ("merkle/trillian-8-leaf-tree.txt");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_leaves = 0, n_nodes = 0, n_roots = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], " ", -1);

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      if (g_str_equal (f[0], "leaf"))
        {
          gsize len = strlen (f[2]) / 2;
          g_autofree guint8 *data = g_malloc (len + 1);

          hex_decode (f[2], data, len);
          assay_merkle_leaf_hash (data, len, t->leaves[atoi (f[1])]);
          n_leaves++;
        }
      else if (g_str_equal (f[0], "node"))
        {
          hex_decode (f[3], t->nodes[atoi (f[1])][atoi (f[2])], ASSAY_HASH_SIZE);
          n_nodes++;
        }
      else
        {
          g_assert_cmpstr (f[0], ==, "root");
          hex_decode (f[2], t->roots[atoi (f[1])], ASSAY_HASH_SIZE);
          n_roots++;
        }
    }
  g_assert_cmpuint (n_leaves, ==, 8);
  g_assert_cmpuint (n_nodes, ==, 15);
  g_assert_cmpuint (n_roots, ==, 9);
}

static void
trillian_node_cb (guint         level,
                  guint64       index,
                  const guint8  hash[ASSAY_HASH_SIZE],
                  gpointer      user_data)
{
  TrillianTree *t = user_data;

  g_assert_cmpuint (level, <, 4);
  g_assert_cmpuint (index, <, 8u >> level);
  g_assert_cmpmem (hash, ASSAY_HASH_SIZE, t->nodes[level][index], ASSAY_HASH_SIZE);
  t->n_seen++;
}

static void
test_trillian_tree (void)
{
  TrillianTree t = { 0 };
  g_autoptr(AssayMerkleBuilder) builder = assay_merkle_builder_new ();
  guint8 flat[8 * ASSAY_HASH_SIZE];
  guint8 h[ASSAY_HASH_SIZE];

  load_trillian (&t);
  for (guint i = 0; i < 8; i++)
    {
      g_assert_cmpmem (t.leaves[i], ASSAY_HASH_SIZE, t.nodes[0][i], ASSAY_HASH_SIZE);
      memcpy (flat + i * ASSAY_HASH_SIZE, t.leaves[i], ASSAY_HASH_SIZE);
    }

  assay_merkle_empty_root (h);
  g_assert_cmpmem (h, ASSAY_HASH_SIZE, t.roots[0], ASSAY_HASH_SIZE);

  assay_merkle_builder_set_callback (builder, trillian_node_cb, &t);
  for (guint n = 0; n <= 8; n++)
    {
      assay_merkle_root_of_leaves (flat, n, h);
      g_assert_cmpmem (h, ASSAY_HASH_SIZE, t.roots[n], ASSAY_HASH_SIZE);
      assay_merkle_builder_get_root (builder, h);
      g_assert_cmpmem (h, ASSAY_HASH_SIZE, t.roots[n], ASSAY_HASH_SIZE);
      if (n < 8)
        assay_merkle_builder_append (builder, t.leaves[n]);
    }
  /* Every complete subtree reported exactly once: 8 + 4 + 2 + 1. */
  g_assert_cmpuint (t.n_seen, ==, 15);
}

static void
test_node_hash_alias (void)
{
  guint8 a[ASSAY_HASH_SIZE], b[ASSAY_HASH_SIZE], expected[ASSAY_HASH_SIZE];

  assay_merkle_leaf_hash ((const guint8 *) "a", 1, a);
  assay_merkle_leaf_hash ((const guint8 *) "b", 1, b);
  assay_merkle_node_hash (a, b, expected);
  assay_merkle_node_hash (a, b, a);
  g_assert_cmpmem (a, ASSAY_HASH_SIZE, expected, ASSAY_HASH_SIZE);
}

/* Generated proofs verify; any change makes them fail. */

static void
check_inclusion_tampering (guint64       index,
                           guint64       size,
                           const guint8 *leaf,
                           GBytes       *proof,
                           const guint8 *root)
{
  gsize len = 0;
  const guint8 *p = g_bytes_get_data (proof, &len);
  g_autofree guint8 *copy = g_malloc (len + ASSAY_HASH_SIZE);
  gsize n = len / ASSAY_HASH_SIZE;
  guint8 bad[ASSAY_HASH_SIZE];

  if (len > 0)
    memcpy (copy, p, len);
  for (gsize bit = 0; bit < len * 8; bit += 61)
    {
      copy[bit / 8] ^= 1 << (bit % 8);
      g_assert_false (assay_merkle_verify_inclusion (index, size, leaf, copy, n, root, NULL));
      copy[bit / 8] ^= 1 << (bit % 8);
    }
  if (n > 0)
    g_assert_false (assay_merkle_verify_inclusion (index, size, leaf, copy, n - 1, root, NULL));
  memcpy (copy + len, root, ASSAY_HASH_SIZE);
  g_assert_false (assay_merkle_verify_inclusion (index, size, leaf, copy, n + 1, root, NULL));
  if (index + 1 < size)
    g_assert_false (assay_merkle_verify_inclusion (index + 1, size, leaf, copy, n, root, NULL));
  memcpy (bad, leaf, ASSAY_HASH_SIZE);
  bad[0] ^= 0x80;
  g_assert_false (assay_merkle_verify_inclusion (index, size, bad, copy, n, root, NULL));
  g_assert_false (assay_merkle_verify_inclusion (index, size, leaf, copy, n, bad, NULL));
}

static void
test_inclusion_generated (void)
{
  g_autoptr(MemTree) tree = mem_tree_new (70);

  for (guint64 size = 1; size <= 70; size++)
    {
      guint8 root[ASSAY_HASH_SIZE];

      reference_mth (tree->leaves, size, root);
      for (guint64 index = 0; index < size; index++)
        {
          g_autoptr(GError) error = NULL;
          const guint8 *leaf = tree->leaves + index * ASSAY_HASH_SIZE;
          g_autoptr(GBytes) proof = assay_merkle_inclusion_proof (index, size, mem_tree_node,
                                                                  tree, &error);
          gsize len;
          const guint8 *p;

          g_assert_no_error (error);
          p = g_bytes_get_data (proof, &len);
          g_assert_cmpuint (len % ASSAY_HASH_SIZE, ==, 0);
          g_assert_true (assay_merkle_verify_inclusion (index, size, leaf, p,
                                                        len / ASSAY_HASH_SIZE, root, &error));
          g_assert_no_error (error);
          check_inclusion_tampering (index, size, leaf, proof, root);
        }
    }
}

static void
test_consistency_generated (void)
{
  g_autoptr(MemTree) tree = mem_tree_new (40);

  for (guint64 size2 = 1; size2 <= 40; size2++)
    for (guint64 size1 = 1; size1 <= size2; size1++)
      {
        g_autoptr(GError) error = NULL;
        guint8 root1[ASSAY_HASH_SIZE], root2[ASSAY_HASH_SIZE];
        g_autoptr(GBytes) proof = NULL;
        g_autofree guint8 *copy = NULL;
        gsize len, n;

        reference_mth (tree->leaves, size1, root1);
        reference_mth (tree->leaves, size2, root2);
        proof = assay_merkle_consistency_proof (size1, size2, mem_tree_node, tree, &error);
        g_assert_no_error (error);
        copy = g_malloc (g_bytes_get_size (proof) + ASSAY_HASH_SIZE);
        len = g_bytes_get_size (proof);
        n = len / ASSAY_HASH_SIZE;
        if (len > 0)
          memcpy (copy, g_bytes_get_data (proof, NULL), len);

        g_assert_true (assay_merkle_verify_consistency (size1, size2, root1, root2,
                                                        copy, n, &error));
        g_assert_no_error (error);

        for (gsize bit = 0; bit < len * 8; bit += 37)
          {
            copy[bit / 8] ^= 1 << (bit % 8);
            g_assert_false (assay_merkle_verify_consistency (size1, size2, root1, root2,
                                                             copy, n, NULL));
            copy[bit / 8] ^= 1 << (bit % 8);
          }
        if (n > 0)
          g_assert_false (assay_merkle_verify_consistency (size1, size2, root1, root2,
                                                           copy, n - 1, NULL));
        memcpy (copy + len, root2, ASSAY_HASH_SIZE);
        g_assert_false (assay_merkle_verify_consistency (size1, size2, root1, root2,
                                                         copy, n + 1, NULL));
        if (size1 != size2)
          {
            g_assert_false (assay_merkle_verify_consistency (size1, size2, root2, root1,
                                                             copy, n, NULL));
            g_assert_false (assay_merkle_verify_consistency (size1 + 1, size2, root1, root2,
                                                             copy, n, NULL));
          }
      }
}

static void
test_impossible_sizes (void)
{
  g_autoptr(MemTree) tree = mem_tree_new (8);
  g_autoptr(GError) error = NULL;
  guint8 root[ASSAY_HASH_SIZE];
  g_autoptr(GBytes) proof = NULL;

  reference_mth (tree->leaves, 8, root);

  g_assert_false (assay_merkle_verify_inclusion (8, 8, tree->leaves, NULL, 0, root, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (assay_merkle_verify_inclusion (0, 0, tree->leaves, NULL, 0, root, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (assay_merkle_verify_consistency (0, 8, root, root, NULL, 0, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (assay_merkle_verify_consistency (0, 0, root, root, NULL, 0, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (assay_merkle_verify_consistency (5, 4, root, root, NULL, 0, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  /* Equal sizes: an empty proof and equal roots, nothing else. */
  g_assert_true (assay_merkle_verify_consistency (8, 8, root, root, NULL, 0, &error));
  g_assert_false (assay_merkle_verify_consistency (8, 8, root, root, root, 1, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_clear_error (&error);

  proof = assay_merkle_inclusion_proof (8, 8, mem_tree_node, tree, &error);
  g_assert_null (proof);
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  proof = assay_merkle_consistency_proof (0, 8, mem_tree_node, tree, &error);
  g_assert_null (proof);
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  /* A node source that lacks a node makes generation fail cleanly. */
  proof = assay_merkle_inclusion_proof (3, 9, mem_tree_node, tree, &error);
  g_assert_null (proof);
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  proof = assay_merkle_consistency_proof (8, 8, mem_tree_node, tree, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (proof), ==, 0);
}

static void
test_range_hash (void)
{
  g_autoptr(MemTree) tree = mem_tree_new (40);

  for (guint64 begin = 0; begin <= 40; begin++)
    for (guint64 end = begin; end <= 40; end++)
      {
        g_autoptr(GError) error = NULL;
        guint8 expected[ASSAY_HASH_SIZE], h[ASSAY_HASH_SIZE];

        reference_mth (tree->leaves + begin * ASSAY_HASH_SIZE, end - begin, expected);
        g_assert_true (assay_merkle_range_hash (begin, end, mem_tree_node, tree, h, &error));
        g_assert_no_error (error);
        g_assert_cmpmem (h, ASSAY_HASH_SIZE, expected, ASSAY_HASH_SIZE);
      }

  {
    g_autoptr(GError) error = NULL;
    guint8 h[ASSAY_HASH_SIZE];

    g_assert_false (assay_merkle_range_hash (5, 4, mem_tree_node, tree, h, &error));
    g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  }
}

/* The builder. */

typedef struct
{
  MemTree *tree;
  guint    counts[64];
} NodeCheck;

static void
check_node_cb (guint         level,
               guint64       index,
               const guint8  hash[ASSAY_HASH_SIZE],
               gpointer      user_data)
{
  NodeCheck *check = user_data;
  guint8 expected[ASSAY_HASH_SIZE];

  g_assert_true (mem_tree_node (level, index, expected, check->tree, NULL));
  g_assert_cmpmem (hash, ASSAY_HASH_SIZE, expected, ASSAY_HASH_SIZE);
  /* Reported in order, each once. */
  g_assert_cmpuint (index, ==, check->counts[level]);
  check->counts[level]++;
}

static void
test_builder (void)
{
  const guint64 n = 1000;
  g_autoptr(MemTree) tree = mem_tree_new (n);
  g_autoptr(AssayMerkleBuilder) builder = assay_merkle_builder_new ();
  NodeCheck check = { tree, { 0 } };

  assay_merkle_builder_set_callback (builder, check_node_cb, &check);
  for (guint64 i = 0; i < n; i++)
    {
      guint8 expected[ASSAY_HASH_SIZE], h[ASSAY_HASH_SIZE];
      g_autoptr(GBytes) range = NULL;
      g_autoptr(AssayMerkleBuilder) resumed = NULL;
      g_autoptr(GError) error = NULL;

      assay_merkle_builder_append (builder, tree->leaves + i * ASSAY_HASH_SIZE);
      g_assert_cmpuint (assay_merkle_builder_get_size (builder), ==, i + 1);
      assay_merkle_root_of_leaves (tree->leaves, i + 1, expected);
      assay_merkle_builder_get_root (builder, h);
      g_assert_cmpmem (h, ASSAY_HASH_SIZE, expected, ASSAY_HASH_SIZE);
      if (i < 100)
        {
          reference_mth (tree->leaves, i + 1, h);
          g_assert_cmpmem (h, ASSAY_HASH_SIZE, expected, ASSAY_HASH_SIZE);
        }

      /* Resuming from the compact range continues the same tree. */
      range = assay_merkle_builder_get_range (builder);
      g_assert_cmpuint (g_bytes_get_size (range), ==,
                        ASSAY_HASH_SIZE * __builtin_popcountll (i + 1));
      resumed = assay_merkle_builder_new_from_range (i + 1, g_bytes_get_data (range, NULL),
                                                     g_bytes_get_size (range) / ASSAY_HASH_SIZE,
                                                     &error);
      g_assert_no_error (error);
      assay_merkle_builder_get_root (resumed, h);
      g_assert_cmpmem (h, ASSAY_HASH_SIZE, expected, ASSAY_HASH_SIZE);
      for (guint64 j = i + 1; j < MIN (n, i + 5); j++)
        assay_merkle_builder_append (resumed, tree->leaves + j * ASSAY_HASH_SIZE);
      assay_merkle_root_of_leaves (tree->leaves, MIN (n, i + 5), expected);
      assay_merkle_builder_get_root (resumed, h);
      g_assert_cmpmem (h, ASSAY_HASH_SIZE, expected, ASSAY_HASH_SIZE);
    }

  for (guint level = 0; level < 64; level++)
    g_assert_cmpuint (check.counts[level], ==, n >> level);
}

static void
test_builder_bad_range (void)
{
  g_autoptr(GError) error = NULL;
  guint8 hashes[3 * ASSAY_HASH_SIZE] = { 0 };
  AssayMerkleBuilder *builder;

  builder = assay_merkle_builder_new_from_range (7, hashes, 2, &error);
  g_assert_null (builder);
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
  g_clear_error (&error);

  builder = assay_merkle_builder_new_from_range (0, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assay_merkle_builder_get_size (builder), ==, 0);
  assay_merkle_builder_free (builder);
}

/* FIPS 180-2 / NIST CSRC examples. */
static const struct
{
  const char *message;
  const char *digest;
} sha256_vectors[] = {
  { "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
  { "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
  { "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
  { "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
    "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
};

static void
assert_digest (const guint8 digest[ASSAY_SHA256_SIZE],
               const char  *hex)
{
  char text[2 * ASSAY_SHA256_SIZE + 1];

  for (guint i = 0; i < ASSAY_SHA256_SIZE; i++)
    g_snprintf (text + 2 * i, 3, "%02x", digest[i]);
  g_assert_cmpstr (text, ==, hex);
}

static gpointer
check_sha256_vectors (gpointer data)
{
  for (guint v = 0; v < G_N_ELEMENTS (sha256_vectors); v++)
    {
      const char *message = sha256_vectors[v].message;
      gsize len = strlen (message);
      guint8 digest[ASSAY_SHA256_SIZE];

      assay_sha256 (message, len, digest);
      assert_digest (digest, sha256_vectors[v].digest);
      /* Every split of the message into two parts gives the same digest. */
      for (gsize split = 0; split <= len; split++)
        {
          memset (digest, 0, sizeof digest);
          assay_sha256_two (message, split, message + split, len - split, digest);
          assert_digest (digest, sha256_vectors[v].digest);
        }
    }
  return GINT_TO_POINTER (TRUE);
}

static void
test_sha256_vectors (void)
{
  GThread *thread;

  check_sha256_vectors (NULL);
  /* Each thread has its own digest context. */
  thread = g_thread_new ("sha256-test", check_sha256_vectors, NULL);
  g_assert_true (GPOINTER_TO_INT (g_thread_join (thread)));
}

static void
test_sha256_million_a (void)
{
  gsize len = 1000000;
  g_autofree char *message = g_malloc (len);
  guint8 digest[ASSAY_SHA256_SIZE];

  memset (message, 'a', len);
  assay_sha256 (message, len, digest);
  assert_digest (digest, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  assay_sha256_two (message, 333333, message + 333333, len - 333333, digest);
  assert_digest (digest, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void
test_sha256_node (void)
{
  guint8 left[ASSAY_SHA256_SIZE], right[ASSAY_SHA256_SIZE];
  guint8 buf[1 + 2 * ASSAY_SHA256_SIZE];
  guint8 expected[ASSAY_SHA256_SIZE], got[ASSAY_SHA256_SIZE];

  for (guint i = 0; i < ASSAY_SHA256_SIZE; i++)
    {
      left[i] = i;
      right[i] = 0xff - i;
    }
  buf[0] = 0x01;
  memcpy (buf + 1, left, sizeof left);
  memcpy (buf + 1 + sizeof left, right, sizeof right);
  assay_sha256 (buf, sizeof buf, expected);
  assay_sha256_node (left, right, got);
  g_assert_cmpmem (got, sizeof got, expected, sizeof expected);
  assay_sha256_node (left, right, left);
  g_assert_cmpmem (left, sizeof left, expected, sizeof expected);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/assay/sha256/vectors", test_sha256_vectors);
  g_test_add_func ("/assay/sha256/million-a", test_sha256_million_a);
  g_test_add_func ("/assay/sha256/node", test_sha256_node);
  g_test_add_func ("/assay/merkle/vectors/inclusion", test_inclusion_probes);
  g_test_add_func ("/assay/merkle/vectors/consistency", test_consistency_probes);
  g_test_add_func ("/assay/merkle/vectors/trillian-tree", test_trillian_tree);
  g_test_add_func ("/assay/merkle/node-hash-alias", test_node_hash_alias);
  g_test_add_func ("/assay/merkle/inclusion-generated", test_inclusion_generated);
  g_test_add_func ("/assay/merkle/consistency-generated", test_consistency_generated);
  g_test_add_func ("/assay/merkle/impossible-sizes", test_impossible_sizes);
  g_test_add_func ("/assay/merkle/range-hash", test_range_hash);
  g_test_add_func ("/assay/merkle/builder", test_builder);
  g_test_add_func ("/assay/merkle/builder-bad-range", test_builder_bad_range);

  return g_test_run ();
}
