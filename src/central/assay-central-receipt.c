/* assay-central-receipt.c — roots of earlier trees and receipts, from the service's own files
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

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "assay-central-store-private.h"
#include "assay-error.h"
#include "assay-tlog-proof.h"

/* The hash tiles of the committed tree, read as needed: every node of an
 * earlier tree is a node of this one. */
typedef struct
{
  AssayCentralStore *store;
  GHashTable        *tiles;   /* "level/index" → GBytes */
} TileReader;

static guint
width_in_tree (guint64 size,
               guint   level,
               guint64 index)
{
  guint64 nodes = level >= MAX_TILE_LEVELS ? 0 : size >> (level * ASSAY_TILE_HEIGHT);

  if (index < nodes / ASSAY_TILE_WIDTH)
    return ASSAY_TILE_WIDTH;
  return index == nodes / ASSAY_TILE_WIDTH ? nodes % ASSAY_TILE_WIDTH : 0;
}

static GBytes *
read_tile (TileReader  *reader,
           guint        level,
           guint64      index,
           GError     **error)
{
  g_autofree char *key = g_strdup_printf ("%u/%" PRIu64, level, index);
  guint width = width_in_tree (reader->store->size, level, index);
  g_autofree char *rel = NULL;
  g_autofree char *path = NULL;
  char *data = NULL;
  gsize len = 0;
  GBytes *tile = g_hash_table_lookup (reader->tiles, key);

  if (tile != NULL)
    return tile;
  if (width == 0)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                   _("The tree has no tile %u/%" PRIu64 "."), level, index);
      return NULL;
    }
  rel = assay_tile_path (level, index, width);
  path = g_build_filename (reader->store->dir, rel, NULL);
  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;
  tile = g_bytes_new_take (data, len);
  g_hash_table_insert (reader->tiles, g_steal_pointer (&key), tile);
  return tile;
}

static gboolean
tile_node_func (guint     level,
                guint64   index,
                guint8    out[ASSAY_HASH_SIZE],
                gpointer  user_data,
                GError  **error)
{
  TileReader *reader = user_data;
  guint tile_level;
  guint64 tile_index;
  GBytes *tile;

  assay_tile_locate_subtree (level, index, &tile_level, &tile_index);
  tile = read_tile (reader, tile_level, tile_index, error);
  if (tile == NULL)
    return FALSE;
  if (assay_tile_subtree_hash (g_bytes_get_data (tile, NULL), g_bytes_get_size (tile) / ASSAY_HASH_SIZE,
                               level, index, out))
    return TRUE;
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
               _("The tile %u/%" PRIu64 " is damaged; restore the data directory from a backup."),
               tile_level, tile_index);
  return FALSE;
}

static void
tile_reader_init (TileReader        *reader,
                  AssayCentralStore *store)
{
  reader->store = store;
  reader->tiles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
}

gboolean
assay_central_store_get_root (AssayCentralStore  *store,
                              guint64             size,
                              guint8              root[ASSAY_HASH_SIZE],
                              GError            **error)
{
  TileReader reader;
  gboolean ok;

  g_return_val_if_fail (size <= store->size, FALSE);
  if (size == 0)
    {
      assay_merkle_empty_root (root);
      return TRUE;
    }
  tile_reader_init (&reader, store);
  ok = assay_merkle_range_hash (0, size, tile_node_func, &reader, root, error);
  g_hash_table_unref (reader.tiles);
  return ok;
}

/* The first checkpoint the service signed over leaf @index: the one its
 * append wrote, so that a receipt asked for again is the same receipt. */
static char *
first_checkpoint_over (AssayCentralStore  *store,
                       guint64             index,
                       guint64            *out_size,
                       GError            **error)
{
  sqlite3_stmt *stmt = NULL;
  char *note = NULL;

  if (sqlite3_prepare_v2 (store->db, "SELECT size, note FROM checkpoints WHERE size > ?1 "
                          "ORDER BY size LIMIT 1", -1, &stmt, NULL) != SQLITE_OK)
    {
      central_db_error (store->db, error);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, index);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *out_size = sqlite3_column_int64 (stmt, 0);
      note = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  else
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                 _("No checkpoint covers log index %" PRIu64 " yet."), index);
  sqlite3_finalize (stmt);
  return note;
}

/* salt ‖ body of leaf @index, from its body bundle. */
static GBytes *
read_leaf_data (AssayCentralStore  *store,
                guint64             index,
                GError            **error)
{
  guint width = 0;
  g_autoptr(GBytes) bundle = central_read_body_bundle (store, index / ASSAY_TILE_WIDTH, &width, error);
  const guint8 *data, *end;

  if (bundle == NULL)
    return NULL;
  data = g_bytes_get_data (bundle, NULL);
  end = data + g_bytes_get_size (bundle);
  for (guint i = 0; i < width && end - data >= 2; i++)
    {
      gsize len = (data[0] << 8) | data[1];
      gsize skip = len == 0 ? 0 : ASSAY_SALT_SIZE + len;

      data += 2;
      if ((gsize) (end - data) < skip)
        break;
      if (i == index % ASSAY_TILE_WIDTH && len > 0)
        return g_bytes_new (data, skip);
      data += skip;
    }
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
               _("The body of log index %" PRIu64 " is not in its bundle."), index);
  return NULL;
}

char *
assay_central_store_receipt (AssayCentralStore  *store,
                             guint64             index,
                             GError            **error)
{
  AssayTlogProof proof = { NULL };
  g_autofree char *note = NULL;
  g_autoptr(GBytes) extra = NULL;
  g_autoptr(GBytes) hashes = NULL;
  TileReader reader;
  guint64 size = 0;

  g_return_val_if_fail (index < store->size, NULL);
  if ((note = first_checkpoint_over (store, index, &size, error)) == NULL
      || (extra = read_leaf_data (store, index, error)) == NULL)
    return NULL;
  tile_reader_init (&reader, store);
  hashes = assay_merkle_inclusion_proof (index, size, tile_node_func, &reader, error);
  g_hash_table_unref (reader.tiles);
  if (hashes == NULL)
    return NULL;
  proof.extra = extra;
  proof.index = index;
  proof.proof = hashes;
  proof.checkpoint = note;
  return assay_tlog_proof_format (&proof);
}
