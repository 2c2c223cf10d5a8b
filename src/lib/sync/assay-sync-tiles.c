/* assay-sync-tiles.c — the server's hash tiles: the consistency proof's nodes and the new tree
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

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "assay-error.h"
#include "assay-sync-private.h"

/* ---- tiles from the server ------------------------------------------------------------ */

guint
_assay_sync_width_in_tree (guint64 size,
                           guint tile_level,
                           guint64 tile_idx)
{
  guint64 n = tile_level * ASSAY_TILE_HEIGHT >= 64 ? 0 : size >> (tile_level * ASSAY_TILE_HEIGHT);
  guint64 start = tile_idx * ASSAY_TILE_WIDTH;

  return n <= start ? 0 : (guint) MIN (ASSAY_TILE_WIDTH, n - start);
}

/* Checks a fetched hash tile's length; returns its first `width` hashes. */
static const guint8 *
check_tile_bytes (GBytes *bytes,
                  const char *path,
                  guint width,
                  gboolean used_fallback,
                  GError **error)
{
  gsize expected = (used_fallback ? ASSAY_TILE_WIDTH : width) * ASSAY_HASH_SIZE;

  if (g_bytes_get_size (bytes) != expected)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The server sent %zu bytes for the tile %s instead of %zu: the answer was "
                     "cut short or is malformed. The replica is unchanged; try again later."),
                   g_bytes_get_size (bytes), path, expected);
      return NULL;
    }
  return g_bytes_get_data (bytes, NULL);
}

static char *
fallback_path_for (guint level,
                   guint64 idx,
                   guint width)
{
  return width < ASSAY_TILE_WIDTH ? assay_tile_path (level, idx, ASSAY_TILE_WIDTH) : NULL;
}

/* Node function over the server's tiles of the new tree (for the
 * consistency proof): fetched one at a time and cached. */
gboolean
_assay_sync_server_node_func (guint level,
                              guint64 index,
                              guint8 out[ASSAY_HASH_SIZE],
                              gpointer user_data,
                              GError **error)
{
  AssaySyncRun *run = user_data;
  g_autofree char *key = NULL;
  guint tile_level, width;
  guint64 tile_idx;
  GBytes *tile;

  assay_tile_locate_subtree (level, index, &tile_level, &tile_idx);
  width = _assay_sync_width_in_tree (run->cp->size, tile_level, tile_idx);
  key = g_strdup_printf ("%u/%" PRIu64, tile_level, tile_idx);
  tile = g_hash_table_lookup (run->server_tiles, key);
  if (tile == NULL)
    {
      g_autofree char *path = assay_tile_path (tile_level, tile_idx, width);
      g_autofree char *fallback = fallback_path_for (tile_level, tile_idx, width);
      g_autoptr(GBytes) bytes = NULL;
      gboolean used_fallback = FALSE;
      const guint8 *data;

      bytes = _assay_fetcher_get (run->fetcher, path, fallback, ASSAY_TILE_BYTES, &used_fallback, error);
      if (bytes == NULL)
        return FALSE;
      data = check_tile_bytes (bytes, path, width, used_fallback, error);
      if (data == NULL)
        return FALSE;
      tile = g_bytes_new (data, width * ASSAY_HASH_SIZE);
      g_hash_table_insert (run->server_tiles, g_steal_pointer (&key), tile);
    }

  /* The proof asks only for nodes of the new tree, which its tiles hold. */
  if (!assay_tile_subtree_hash (g_bytes_get_data (tile, NULL), width, level, index, out))
    g_assert_not_reached ();
  return TRUE;
}

/* ---- phase 1: hash tiles --------------------------------------------------------- */

static void
builder_node_cb (guint level,
                 guint64 index,
                 const guint8 hash[ASSAY_HASH_SIZE],
                 gpointer user_data)
{
  AssaySyncRun *run = user_data;
  AssaySyncTileBuffer *tile;
  guint tile_level, position;
  guint64 tile_idx;

  if (!assay_tile_locate_node (level, index, &tile_level, &tile_idx, &position) ||
      tile_level >= N_TILE_LEVELS || run->tile_error != NULL)
    return;

  tile = &run->tiles[tile_level];
  g_assert (tile_idx == tile->idx && position == tile->width);
  memcpy (tile->hashes + tile->width * ASSAY_HASH_SIZE, hash, ASSAY_HASH_SIZE);
  if (++tile->width == ASSAY_TILE_WIDTH)
    {
      _assay_replica_writer_put_tile (run->writer, tile_level, tile->idx,
                                      tile->hashes, ASSAY_TILE_WIDTH, &run->tile_error);
      tile->idx++;
      tile->width = 0;
    }
}

/* Loads the partial tiles of the stored tree, which the new leaves extend. */
static gboolean
load_tile_buffers (AssaySyncRun *run,
                   GError **error)
{
  run->tiles = g_new0 (AssaySyncTileBuffer, N_TILE_LEVELS);
  for (guint level = 0; level < N_TILE_LEVELS; level++)
    {
      AssaySyncTileBuffer *tile = &run->tiles[level];
      guint64 n = run->s0 >> (level * ASSAY_TILE_HEIGHT);

      tile->idx = n / ASSAY_TILE_WIDTH;
      if (n % ASSAY_TILE_WIDTH == 0)
        continue;
      tile->width = _assay_replica_db_read_tile (run->db, level, tile->idx, tile->hashes);
      if (tile->width != n % ASSAY_TILE_WIDTH)
        {
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                       _("The replica “%s” is damaged: tile %u/%" PRIu64 " is missing "
                         "or has the wrong width. Run verify, or sync into a new replica file."),
                       run->path, level, tile->idx);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
start_builder (AssaySyncRun *run,
               GError **error)
{
  if (run->s0 == 0)
    run->builder = assay_merkle_builder_new ();
  else
    {
      g_autoptr(GBytes) range = _assay_replica_db_get_compact_range (run->db);
      gsize len = range != NULL ? g_bytes_get_size (range) : 0;

      run->builder = range == NULL ? NULL
        : assay_merkle_builder_new_from_range (run->s0, g_bytes_get_data (range, NULL),
                                               len / ASSAY_HASH_SIZE, error);
      if (run->builder == NULL)
        {
          g_clear_error (error);
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                       _("The replica “%s” is damaged: its compact range is missing or wrong. "
                         "Run verify, or sync into a new replica file."), run->path);
          return FALSE;
        }
    }
  assay_merkle_builder_set_callback (run->builder, builder_node_cb, run);
  return TRUE;
}

static gboolean
tile_mismatch (AssaySyncRun *run,
               const char *path,
               guint64 index,
               const guint8 stored[ASSAY_HASH_SIZE],
               const guint8 served[ASSAY_HASH_SIZE],
               GError **error)
{
  JsonObject *ev = _assay_sync_evidence_new (run);

  json_object_set_string_member (ev, "tile", path);
  json_object_set_int_member (ev, "index", index);
  _assay_sync_set_hash_member (ev, "stored_leaf_hash", stored);
  _assay_sync_set_hash_member (ev, "served_leaf_hash", served);
  return _assay_sync_raise_alert (run, ASSAY_ALERT_TILE, ev, error,
                                  _("The server's tile %s gives entry %" PRIu64 " a different hash "
                                    "than the one this replica verified."), path, index);
}

static gboolean
process_hash_tile (AssaySyncRun *run,
                   guint64 t,
                   GError **error)
{
  guint width = _assay_sync_width_in_tree (run->cp->size, 0, t);
  g_autofree char *path = assay_tile_path (0, t, width);
  g_autoptr(GBytes) bytes = NULL;
  gboolean used_fallback = FALSE;
  const guint8 *hashes;
  guint64 base = t * ASSAY_TILE_WIDTH;
  guint from = run->s0 > base ? run->s0 - base : 0;

  bytes = _assay_fetcher_next (run->fetcher, &used_fallback, error);
  if (bytes == NULL)
    return FALSE;
  hashes = check_tile_bytes (bytes, path, width, used_fallback, error);
  if (hashes == NULL)
    return FALSE;

  /* The part we already hold must not have changed. */
  for (guint j = 0; j < from; j++)
    if (memcmp (hashes + j * ASSAY_HASH_SIZE, run->tiles[0].hashes + j * ASSAY_HASH_SIZE,
                ASSAY_HASH_SIZE) != 0)
      return tile_mismatch (run, path, base + j, run->tiles[0].hashes + j * ASSAY_HASH_SIZE,
                            hashes + j * ASSAY_HASH_SIZE, error);

  for (guint j = from; j < width; j++)
    assay_merkle_builder_append (run->builder, hashes + j * ASSAY_HASH_SIZE);
  if (run->tile_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&run->tile_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
store_partial_tiles (AssaySyncRun *run,
                     GError **error)
{
  for (guint level = 0; level < N_TILE_LEVELS; level++)
    {
      AssaySyncTileBuffer *tile = &run->tiles[level];

      if (tile->width > 0 &&
          !_assay_replica_writer_put_tile (run->writer, level, tile->idx, tile->hashes,
                                           tile->width, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_assay_sync_hash_tiles (AssaySyncRun *run,
                        GError **error)
{
  guint64 first = run->s0 / ASSAY_TILE_WIDTH;
  guint64 last = (run->cp->size - 1) / ASSAY_TILE_WIDTH;
  guint64 next = first;
  guint8 root[ASSAY_HASH_SIZE];

  if (!load_tile_buffers (run, error) || !start_builder (run, error))
    return FALSE;

  for (guint64 t = first; t <= last; t++)
    {
      while (next <= last && _assay_fetcher_n_queued (run->fetcher) < run->max_in_flight)
        {
          guint width = _assay_sync_width_in_tree (run->cp->size, 0, next);
          g_autofree char *path = assay_tile_path (0, next, width);
          g_autofree char *fallback = fallback_path_for (0, next, width);

          _assay_fetcher_queue (run->fetcher, path, fallback, ASSAY_TILE_BYTES);
          next++;
        }
      if (!process_hash_tile (run, t, error))
        return FALSE;
    }

  assay_merkle_builder_get_root (run->builder, root);
  if (memcmp (root, run->cp->root, ASSAY_HASH_SIZE) != 0)
    {
      JsonObject *ev = _assay_sync_evidence_new (run);

      _assay_sync_set_hash_member (ev, "recomputed_root", root);
      return _assay_sync_raise_alert (run, ASSAY_ALERT_TILE, ev, error,
                                      _("The server's level-0 hash tiles do not reproduce the root of its "
                                        "signed checkpoint of %" PRIu64 " entries."), run->cp->size);
    }
  return store_partial_tiles (run, error);
}
