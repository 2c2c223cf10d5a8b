/* assay-central-tiles.c — the central store's tree writer: hash tiles, entry and body bundles
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

#define _GNU_SOURCE /* sync_file_range */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "assay-bundle.h"
#include "assay-central-pipeline.h"
#include "assay-central-store-private.h"
#include "assay-error.h"

/* Writes a tile or bundle beyond the committed tree in place: serve
 * answers 404 for it until a checkpoint covers it, and by then syncfs()
 * has made it complete and durable.  Writeback starts at once, so that
 * the final sync has little left to do. */
static gboolean
write_new_file (const char    *path,
                const guint8  *data,
                gsize          len,
                GError       **error)
{
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

  if (fd < 0)
    return central_io_error (error, path, errno);
  if (!central_write_all (fd, path, data, len, error))
    return FALSE;
  sync_file_range (fd, 0, 0, SYNC_FILE_RANGE_WRITE);
  if (close (fd) != 0)
    return central_io_error (error, path, errno);
  return TRUE;
}

/* Creates dir and any missing parents, each marked as the top of a
 * directory hierarchy (see central_mark_top_dir ()) before its
 * subdirectories are made. */
static gboolean
make_dirs (const char  *dir,
           GError     **error)
{
  g_autofree char *parent = NULL;

  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    return TRUE;
  parent = g_path_get_dirname (dir);
  if (!make_dirs (parent, error))
    return FALSE;
  if (g_mkdir (dir, 0755) != 0 && errno != EEXIST)
    return central_io_error (error, dir, errno);
  central_mark_top_dir (dir);
  return TRUE;
}

static gboolean
store_write (AssayCentralStore  *store,
             const char         *rel,
             const guint8       *data,
             gsize               len,
             GError            **error)
{
  g_autofree char *path = g_build_filename (store->dir, rel, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  gboolean ok = TRUE;

  /* The appender's threads write body bundles too. */
  g_mutex_lock (&store->files_lock);
  if (!g_hash_table_contains (store->made_dirs, parent))
    {
      ok = make_dirs (parent, error);
      if (ok)
        g_hash_table_add (store->made_dirs, g_steal_pointer (&parent));
    }
  /* Every file written is new (see central_tiles_write_partials ()), so a
   * rollback removes them all. */
  if (ok)
    g_ptr_array_add (store->created, g_strdup (path));
  g_mutex_unlock (&store->files_lock);
  return ok && write_new_file (path, data, len, error);
}

static char *
hash_tile_path (guint level, guint64 index, guint width)
{
  return assay_tile_path (level, index, width);
}

/* Loads the partial tile or bundle of the committed tree, which the next
 * appends extend. */
static GBytes *
read_partial (AssayCentralStore  *store,
              const char         *rel,
              GError            **error)
{
  g_autofree char *path = g_build_filename (store->dir, rel, NULL);
  char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The tile “%s” of the published log is missing or unreadable. The data "
                     "directory is damaged; restore it from a backup."), path);
      return NULL;
    }
  return g_bytes_new_take (data, len);
}

static void
remember_partial (AssayCentralStore *store,
                  char              *rel)
{
  g_ptr_array_add (store->old_partials, rel);
}

static gboolean
flush_tile (AssayCentralStore  *store,
            guint               level,
            GError            **error)
{
  HashTile *tile = store->tiles[level];
  g_autofree char *rel = hash_tile_path (level, tile->index, tile->width);

  return store_write (store, rel, tile->hashes, (gsize) tile->width * ASSAY_HASH_SIZE, error);
}

static gboolean
flush_bundle (AssayCentralStore  *store,
              Bundle             *bundle,
              gboolean            is_body,
              GError            **error)
{
  g_autofree char *rel = is_body ? assay_tile_body_path (bundle->index, bundle->width)
                                 : assay_tile_entries_path (bundle->index, bundle->width);

  return store_write (store, rel, bundle->data->data, bundle->data->len, error);
}

static void
node_cb (guint         level,
         guint64       index,
         const guint8  hash[ASSAY_HASH_SIZE],
         gpointer      user_data)
{
  AssayCentralStore *store = user_data;
  guint tile_level, position;
  guint64 tile_index;
  HashTile *tile;

  if (!assay_tile_locate_node (level, index, &tile_level, &tile_index, &position) ||
      tile_level >= MAX_TILE_LEVELS || store->deferred != NULL)
    return;
  if (store->tiles[tile_level] == NULL)
    store->tiles[tile_level] = g_new0 (HashTile, 1);
  tile = store->tiles[tile_level];
  g_assert (tile_index == tile->index && position == tile->width);

  memcpy (tile->hashes + (gsize) tile->width * ASSAY_HASH_SIZE, hash, ASSAY_HASH_SIZE);
  if (++tile->width == ASSAY_TILE_WIDTH)
    {
      flush_tile (store, tile_level, &store->deferred);
      tile->index++;
      tile->width = 0;
    }
}

static gboolean
load_bundle (AssayCentralStore  *store,
             Bundle             *bundle,
             gboolean            is_body,
             GError            **error)
{
  bundle->index = store->size / ASSAY_TILE_WIDTH;
  bundle->width = store->size % ASSAY_TILE_WIDTH;
  bundle->data = g_byte_array_sized_new (is_body ? 128 * 1024 : ASSAY_TILE_WIDTH * 34);
  if (bundle->width > 0)
    {
      char *rel = is_body ? assay_tile_body_path (bundle->index, bundle->width)
                          : assay_tile_entries_path (bundle->index, bundle->width);
      g_autoptr(GBytes) old = read_partial (store, rel, error);

      remember_partial (store, rel);
      if (old == NULL)
        return FALSE;
      g_byte_array_append (bundle->data, g_bytes_get_data (old, NULL), g_bytes_get_size (old));
    }
  return TRUE;
}

/* Loads the compact range and the partial tiles: what appending needs. */
gboolean
central_tiles_load (AssayCentralStore  *store,
                    GError            **error)
{
  g_autoptr(GBytes) range = NULL;

  if (store->builder != NULL)
    return TRUE;
  range = central_read_meta_blob (store->db, "range", error);
  if (range == NULL)
    return FALSE;
  store->builder = assay_merkle_builder_new_from_range (store->size, g_bytes_get_data (range, NULL),
                                                        g_bytes_get_size (range) / ASSAY_HASH_SIZE,
                                                        error);
  if (store->builder == NULL)
    return FALSE;
  assay_merkle_builder_set_callback (store->builder, node_cb, store);

  for (guint level = 0; level < MAX_TILE_LEVELS; level++)
    {
      guint64 nodes = level == 0 ? store->size : store->size >> (level * ASSAY_TILE_HEIGHT);
      HashTile *tile = g_new0 (HashTile, 1);

      store->tiles[level] = tile;
      tile->index = nodes / ASSAY_TILE_WIDTH;
      tile->width = nodes % ASSAY_TILE_WIDTH;
      if (tile->width > 0)
        {
          char *rel = hash_tile_path (level, tile->index, tile->width);
          g_autoptr(GBytes) old = read_partial (store, rel, error);

          remember_partial (store, rel);
          if (old == NULL)
            return FALSE;
          if (g_bytes_get_size (old) != (gsize) tile->width * ASSAY_HASH_SIZE)
            {
              g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                           _("The tile “%s” has the wrong size. The data directory is damaged; "
                             "restore it from a backup."), rel);
              return FALSE;
            }
          memcpy (tile->hashes, g_bytes_get_data (old, NULL), g_bytes_get_size (old));
        }
    }
  return load_bundle (store, &store->entries, FALSE, error)
         && load_bundle (store, &store->bodies, TRUE, error);
}

static gboolean
bundle_advance (AssayCentralStore  *store,
                Bundle             *bundle,
                gboolean            is_body,
                GError            **error)
{
  if (++bundle->width < ASSAY_TILE_WIDTH)
    return TRUE;
  if (!flush_bundle (store, bundle, is_body, error))
    return FALSE;
  bundle->index++;
  bundle->width = 0;
  g_byte_array_set_size (bundle->data, 0);
  return TRUE;
}

/* A body ready to append: its salt, commitment and leaf hash. */
typedef struct
{
  guint8 salt[ASSAY_SALT_SIZE];
  guint8 commitment[ASSAY_HASH_SIZE];
  guint8 leaf[ASSAY_HASH_SIZE];
} Sealed;

static void
seal (const guint8  salt[ASSAY_SALT_SIZE],
      const char   *body,
      gsize         len,
      Sealed       *out)
{
  memcpy (out->salt, salt, ASSAY_SALT_SIZE);
  assay_entry_commitment (salt, body, len, out->commitment);
  assay_merkle_leaf_hash (out->commitment, ASSAY_HASH_SIZE, out->leaf);
}

/* Appends one sealed leaf to the tree: hash tiles and entry bundle (no
 * database access, so the appender's writer thread can run it). */
static gboolean
append_leaf (AssayCentralStore  *store,
             const Sealed       *sealed,
             GError            **error)
{
  assay_merkle_builder_append (store->builder, sealed->leaf);
  if (store->deferred != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&store->deferred));
      return FALSE;
    }
  assay_entry_bundle_append (store->entries.data, sealed->commitment);
  return bundle_advance (store, &store->entries, FALSE, error);
}

static gboolean
append_sealed (AssayCentralStore  *store,
               const Sealed       *sealed,
               const char         *body,
               gsize               len,
               GError            **error)
{
  if (!append_leaf (store, sealed, error))
    return FALSE;
  assay_body_bundle_append (store->bodies.data, sealed->salt, body, len);
  return bundle_advance (store, &store->bodies, TRUE, error);
}

gboolean
central_tiles_append (AssayCentralStore  *store,
                      const guint8       *salt,
                      const char         *body,
                      gsize               len,
                      GError            **error)
{
  Sealed sealed;

  seal (salt, body, len, &sealed);
  return central_tiles_load (store, error) && append_sealed (store, &sealed, body, len, error);
}

gboolean
central_tiles_write_partials (AssayCentralStore  *store,
                              GError            **error)
{
  g_return_val_if_fail (assay_merkle_builder_get_size (store->builder) != store->size, FALSE);

  for (guint level = 0; level < MAX_TILE_LEVELS; level++)
    {
      HashTile *tile = store->tiles[level];
      guint64 committed = level == 0 ? store->size : store->size >> (level * ASSAY_TILE_HEIGHT);

      /* A level whose node count did not change keeps its partial tile,
       * which is served: never rewrite it. */
      if (tile->width > 0 && tile->index * ASSAY_TILE_WIDTH + tile->width != committed
          && !flush_tile (store, level, error))
        return FALSE;
    }
  return (store->entries.width == 0 || flush_bundle (store, &store->entries, FALSE, error))
         && (store->bodies.width == 0 || flush_bundle (store, &store->bodies, TRUE, error));
}

static gboolean
is_current_partial (AssayCentralStore *store,
                    const char        *rel)
{
  g_autofree char *entries = assay_tile_entries_path (store->entries.index, store->entries.width);
  g_autofree char *bodies = assay_tile_body_path (store->bodies.index, store->bodies.width);

  if (g_strcmp0 (rel, entries) == 0 || g_strcmp0 (rel, bodies) == 0)
    return TRUE;
  for (guint level = 0; level < MAX_TILE_LEVELS; level++)
    {
      g_autofree char *tile = hash_tile_path (level, store->tiles[level]->index,
                                              store->tiles[level]->width);

      if (g_strcmp0 (rel, tile) == 0)
        return TRUE;
    }
  return FALSE;
}

void
central_tiles_remove_superseded (AssayCentralStore *store)
{
  for (guint i = 0; store->builder != NULL && i < store->old_partials->len; i++)
    {
      const char *rel = g_ptr_array_index (store->old_partials, i);
      g_autofree char *path = g_build_filename (store->dir, rel, NULL);

      if (!is_current_partial (store, rel))
        g_unlink (path);
    }
}

void
central_tiles_remove_created (AssayCentralStore *store)
{
  /* Tiles beyond the committed tree are never served, but do not leave
   * them lying around either. */
  for (guint i = 0; store->created != NULL && i < store->created->len; i++)
    g_unlink (g_ptr_array_index (store->created, i));
}

void
central_tiles_clear (AssayCentralStore *store)
{
  g_clear_pointer (&store->builder, assay_merkle_builder_free);
  for (guint i = 0; i < MAX_TILE_LEVELS; i++)
    g_clear_pointer (&store->tiles[i], g_free);
  g_clear_pointer (&store->entries.data, g_byte_array_unref);
  g_clear_pointer (&store->bodies.data, g_byte_array_unref);
  g_clear_pointer (&store->old_partials, g_ptr_array_unref);
  g_clear_pointer (&store->created, g_ptr_array_unref);
  g_clear_error (&store->deferred);
  g_clear_pointer (&store->made_dirs, g_hash_table_unref);
}

GBytes *
central_read_body_bundle (AssayCentralStore  *store,
                          guint64             n,
                          guint              *out_width,
                          GError            **error)
{
  guint64 first = n * ASSAY_TILE_WIDTH;
  guint width = MIN (store->size - first, ASSAY_TILE_WIDTH);
  g_autofree char *rel = assay_tile_body_path (n, width);

  g_return_val_if_fail (first < store->size, NULL);

  *out_width = width;
  return read_partial (store, rel, error);
}

/* ---- the appender ---------------------------------------------------- */

/* Reading the bodies back, hashing them and writing the body bundles is
 * most of the work, and any thread can do it for a chunk of the log (two
 * bundles' worth, aligned on bundles); one writer thread takes the chunks
 * back in log order and builds the tree, the hash tiles and the entry
 * bundles. */
#define CHUNK_BUNDLES     2
#define CHUNKS_PER_THREAD 3

typedef struct
{
  CentralJob  job;
  guint64     first_idx;
  guint       first;     /* into the refs */
  guint       n;
  GByteArray *bundle;    /* the body bundle being built */
  Sealed      sealed[CHUNK_BUNDLES * ASSAY_TILE_WIDTH];
  GError     *error;
} Chunk;

struct _CentralAppender
{
  AssayCentralStore *store;
  GArray            *refs;    /* BodyRef, log order */
  guint64            first_idx;
  GBytes            *prefix;  /* the partial body bundle of the committed tree */
  GThread           *writer;
  CentralPipeline    pipeline;
  GError            *error;   /* read after join */
};

/* Ends the body bundle at leaf idx (exclusive): writes it if complete. */
static gboolean
end_body_bundle (CentralAppender  *appender,
                 Chunk            *chunk,
                 guint64           idx,
                 GError          **error)
{
  g_autofree char *rel = NULL;

  if (idx % ASSAY_TILE_WIDTH != 0)
    return TRUE; /* the last, partial one: the writer keeps it for commit */
  rel = assay_tile_body_path (idx / ASSAY_TILE_WIDTH - 1, ASSAY_TILE_WIDTH);
  if (!store_write (appender->store, rel, chunk->bundle->data, chunk->bundle->len, error))
    return FALSE;
  g_byte_array_set_size (chunk->bundle, 0);
  return TRUE;
}

static void
seal_chunk (gpointer data,
            gpointer user_data)
{
  Chunk *chunk = data;
  CentralAppender *appender = user_data;
  const BodyRef *refs = &g_array_index (appender->refs, BodyRef, chunk->first);
  char *body = g_malloc (ASSAY_ENTRY_MAX_BODY);

  g_byte_array_set_size (chunk->bundle, 0);
  if (chunk->first_idx == appender->first_idx)
    g_byte_array_append (chunk->bundle, g_bytes_get_data (appender->prefix, NULL),
                         g_bytes_get_size (appender->prefix));
  for (guint i = 0; i < chunk->n; i++)
    {
      guint64 idx = chunk->first_idx + i;
      guint8 salt[ASSAY_SALT_SIZE];

      if (!central_body_read (appender->store, &refs[i], body, &chunk->error))
        break;
      central_salt (appender->store, idx, salt);
      seal (salt, body, refs[i].len, &chunk->sealed[i]);
      assay_body_bundle_append (chunk->bundle, salt, body, refs[i].len);
      if (!end_body_bundle (appender, chunk, idx + 1, &chunk->error))
        break;
    }
  g_free (body);
}

static gboolean
write_chunk (CentralAppender  *appender,
             Chunk            *chunk,
             GError          **error)
{
  AssayCentralStore *store = appender->store;
  guint64 end = chunk->first_idx + chunk->n;

  if (chunk->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&chunk->error));
      return FALSE;
    }
  for (guint i = 0; i < chunk->n; i++)
    if (!append_leaf (store, &chunk->sealed[i], error))
      return FALSE;
  /* The body bundle the next append extends. */
  store->bodies.index = end / ASSAY_TILE_WIDTH;
  store->bodies.width = end % ASSAY_TILE_WIDTH;
  g_byte_array_set_size (store->bodies.data, 0);
  g_byte_array_append (store->bodies.data, chunk->bundle->data, chunk->bundle->len);
  return TRUE;
}

static gpointer
writer_thread (gpointer data)
{
  CentralAppender *appender = data;
  guint next = 0;
  gboolean ok = TRUE;

  while (ok)
    {
      Chunk *chunk;

      while (next < appender->refs->len
             && (chunk = central_pipeline_take_idle (&appender->pipeline)) != NULL)
        {
          guint64 first_idx = appender->first_idx + next;
          guint64 end = (first_idx / ASSAY_TILE_WIDTH + CHUNK_BUNDLES) * ASSAY_TILE_WIDTH;

          chunk->first = next;
          chunk->first_idx = first_idx;
          chunk->n = MIN (end - first_idx, appender->refs->len - next);
          next += chunk->n;
          central_pipeline_submit (&appender->pipeline, chunk);
        }
      chunk = central_pipeline_wait_oldest (&appender->pipeline);
      if (chunk == NULL)
        break;
      ok = write_chunk (appender, chunk, &appender->error);
      central_pipeline_release (&appender->pipeline, chunk);
    }
  return NULL;
}

static void
chunk_free (gpointer data)
{
  Chunk *chunk = data;

  g_byte_array_unref (chunk->bundle);
  g_clear_error (&chunk->error);
  g_free (chunk);
}

CentralAppender *
central_appender_start (AssayCentralStore *store,
                        GArray            *refs)
{
  CentralAppender *appender = g_new0 (CentralAppender, 1);
  guint n_threads = MAX (g_get_num_processors (), 1);
  guint n_chunks = n_threads * CHUNKS_PER_THREAD;
  g_autofree gpointer *chunks = g_new (gpointer, n_chunks);

  g_return_val_if_fail (store->bodies.width * 1ULL
                        == assay_merkle_builder_get_size (store->builder) % ASSAY_TILE_WIDTH, NULL);

  appender->store = store;
  appender->refs = g_array_ref (refs);
  appender->first_idx = assay_merkle_builder_get_size (store->builder);
  appender->prefix = g_bytes_new (store->bodies.data->data, store->bodies.data->len);
  for (guint i = 0; i < n_chunks; i++)
    {
      Chunk *chunk = g_new0 (Chunk, 1);

      chunk->bundle = g_byte_array_sized_new (ASSAY_TILE_WIDTH * 512);
      chunks[i] = chunk;
    }
  central_pipeline_init (&appender->pipeline, seal_chunk, appender, n_threads, chunks, n_chunks);
  appender->writer = g_thread_new ("assay-appender", writer_thread, appender);
  return appender;
}

gboolean
central_appender_finish (CentralAppender  *appender,
                         GError          **error)
{
  gboolean ok;

  g_thread_join (appender->writer);
  central_pipeline_clear (&appender->pipeline, chunk_free);
  ok = appender->error == NULL;
  if (!ok)
    g_propagate_error (error, appender->error);
  g_array_unref (appender->refs);
  g_bytes_unref (appender->prefix);
  g_free (appender);
  return ok;
}
