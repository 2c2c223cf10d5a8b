/* bench-merkle.c — speed of the Merkle builder against bare SHA-256
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

#include <stdio.h>
#include <stdlib.h>

#include <glib.h>
#include <sodium.h>

#include "assay-merkle.h"

/* Appending N leaves costs about N node hashes; the reference is N bare
 * SHA-256 calls on 65-byte inputs, the floor any RFC 6962 builder has. */

static guint64 n_nodes_seen;

static void
count_node_cb (guint         level,
               guint64       index,
               const guint8  hash[ASSAY_HASH_SIZE],
               gpointer      user_data)
{
  n_nodes_seen++;
}

int
main (int argc, char **argv)
{
  guint64 n = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  guint8 *leaves = g_malloc (n * ASSAY_HASH_SIZE);
  guint8 buf[65] = { 0x01 };
  guint8 root[ASSAY_HASH_SIZE];
  gint64 t0, t_ref, t_build, t_root;
  AssayMerkleBuilder *builder;

  if (sodium_init () < 0)
    return EXIT_FAILURE;
  randombytes_buf (leaves, n * ASSAY_HASH_SIZE);

  t0 = g_get_monotonic_time ();
  for (guint64 i = 0; i < n; i++)
    {
      buf[1] = i & 0xff;
      crypto_hash_sha256 (buf + 1, buf, sizeof buf);
    }
  t_ref = g_get_monotonic_time () - t0;

  builder = assay_merkle_builder_new ();
  assay_merkle_builder_set_callback (builder, count_node_cb, NULL);
  t0 = g_get_monotonic_time ();
  for (guint64 i = 0; i < n; i++)
    assay_merkle_builder_append (builder, leaves + i * ASSAY_HASH_SIZE);
  assay_merkle_builder_get_root (builder, root);
  t_build = g_get_monotonic_time () - t0;

  t0 = g_get_monotonic_time ();
  assay_merkle_root_of_leaves (leaves, n, root);
  t_root = g_get_monotonic_time () - t0;

  printf ("leaves:                         %" G_GUINT64_FORMAT "\n", n);
  printf ("reference, bare SHA-256 x N:    %.3f s\n", t_ref / 1e6);
  printf ("builder append x N + root:      %.3f s  (%.0f leaves/s, %" G_GUINT64_FORMAT
          " callbacks)\n", t_build / 1e6, n / (t_build / 1e6), n_nodes_seen);
  printf ("root_of_leaves:                 %.3f s\n", t_root / 1e6);
  printf ("ratio builder / reference:      %.2f\n", (double) t_build / t_ref);

  assay_merkle_builder_free (builder);
  g_free (leaves);
  return EXIT_SUCCESS;
}
