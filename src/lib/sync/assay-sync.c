/* assay-sync.c — fetch, verify and store new entries from the central service
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

#include "assay-bundle.h"
#include "assay-checkpoint.h"
#include "assay-config.h"
#include "assay-error.h"
#include "assay-replica-private.h"
#include "assay-sync.h"
#include "assay-fetcher.h"
#include "assay-sync-withheld-private.h"
#include "assay-witness-policy.h"
#include "assay-tiles.h"

/* How one sync proceeds (see assay-sync.h for the contract):
 *
 *  1. GET checkpoint, verify the log's signature.  Smaller than ours:
 *     rollback; same size, other root: equivocation.
 *  2. If we hold a tree, ask the server's tiles for a consistency proof
 *     from our size to the new one.  If it does not verify, tell a fork
 *     (the proof reproduces the signed new root but not our old one) from
 *     tampered tiles (it does not even reproduce the new root).
 *  3. Open the one write transaction.  Stream the level-0 hash tiles from
 *     our size up, append their leaf hashes to a Merkle builder resumed
 *     from our compact range, store every tile the builder completes
 *     (levels 0, 8, 16, …: the tiles we serve proofs from), and require
 *     the builder's root to equal the signed root.  Now every leaf hash in
 *     the transaction is authenticated.
 *  4. Stream entry and body bundles: each commitment must hash to its
 *     authenticated leaf, each body and salt to its commitment, each body
 *     must be valid.  Insert entries, parsed rows and aggregates.
 *  5. Store the checkpoint and commit.
 *
 * Memory stays bounded by the requests in flight and the aggregate sums
 * flushed every few thousand entries, whatever the ledger's size: SQLite
 * spills the open transaction's pages to the WAL, where no other
 * connection sees them before the commit (into an empty replica, sync
 * writes with a rollback journal instead, and holds the file alone).  A
 * crash anywhere before the commit leaves the last verified state. */

#define DEFAULT_TIMEOUT        30
#define DEFAULT_MAX_IN_FLIGHT  8
#define MAX_NOTE_SIZE          (1024 * 1024)
#define N_TILE_LEVELS          8
#define PROGRESS_INTERVAL_US   (G_USEC_PER_SEC / 10)
#define BULK_MIN_ENTRIES       4096

typedef void (*ProgressFunc) (guint64  verified,
                              guint64  total,
                              double   rate,
                              gpointer user_data);

struct _AssaySync
{
  GObject  parent_instance;
  char    *server_url;
  char    *log_key;
  guint    timeout;
  guint    max_in_flight;
  char   **witness_keys;
  guint    witness_quorum;
};

G_DEFINE_FINAL_TYPE (AssaySync, assay_sync, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SERVER_URL,
  PROP_LOG_KEY,
  PROP_TIMEOUT,
  PROP_MAX_IN_FLIGHT,
  PROP_WITNESS_KEYS,
  PROP_WITNESS_QUORUM,
  N_PROPS
};

enum {
  PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The tile being filled at one level while the builder runs. */
typedef struct
{
  guint64 idx;
  guint   width;
  guint8  hashes[ASSAY_TILE_BYTES];
} TileBuffer;

typedef struct
{
  /* configuration, copied so the worker never touches the GObject */
  char               *server_url;
  char               *log_key;
  guint               timeout;
  guint               max_in_flight;
  char               *path;
  AssayWitnessPolicy *witnesses;

  sqlite3            *db;
  AssayFetcher       *fetcher;
  AssayNoteVerifier  *verifier;
  AssayReplicaWriter *writer;
  AssayMerkleBuilder *builder;

  /* stored state */
  guint64             s0;
  guint8              r0[ASSAY_HASH_SIZE];
  char               *note0;
  /* new checkpoint */
  char               *note1;
  AssayCheckpoint    *cp;

  TileBuffer         *tiles;          /* N_TILE_LEVELS */
  GError             *tile_error;
  GHashTable         *server_tiles;   /* "level/idx" -> GBytes of the width in the new tree */

  GThreadPool        *pool;
  GMutex              jobs_lock;
  GCond               jobs_cond;

  ProgressFunc        progress;
  gpointer            progress_data;
  gint64              started;
  gint64              last_progress;
  guint64             new_entries;
  gboolean            rollback_journal;
} Run;

/* Releases what belongs to the thread that ran the sync: the fetcher's
 * main context is that thread's default, and the connection is only used
 * there. */
static void
run_release (Run *run)
{
  g_clear_pointer (&run->writer, _assay_replica_writer_free);
  g_clear_pointer (&run->fetcher, _assay_fetcher_free);
  g_clear_pointer (&run->db, sqlite3_close);
}

static void
run_free (Run *run)
{
  run_release (run);
  g_clear_pointer (&run->builder, assay_merkle_builder_free);
  g_clear_pointer (&run->verifier, assay_note_verifier_unref);
  g_clear_pointer (&run->cp, assay_checkpoint_free);
  g_clear_pointer (&run->server_tiles, g_hash_table_unref);
  g_clear_error (&run->tile_error);
  g_mutex_clear (&run->jobs_lock);
  g_cond_clear (&run->jobs_cond);
  g_free (run->tiles);
  g_free (run->note0);
  g_free (run->note1);
  g_free (run->server_url);
  g_free (run->log_key);
  g_free (run->path);
  g_clear_pointer (&run->witnesses, assay_witness_policy_free);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

/* ---- evidence helpers -------------------------------------------------------- */

static void
set_hash_member (JsonObject *object,
                 const char *name,
                 const guint8 hash[ASSAY_HASH_SIZE])
{
  g_autofree char *b64 = g_base64_encode (hash, ASSAY_HASH_SIZE);

  json_object_set_string_member (object, name, b64);
}

static void
set_proof_member (JsonObject *object,
                  const char *name,
                  GBytes *proof)
{
  JsonArray *array = json_array_new ();
  gsize len = 0;
  const guint8 *data = proof != NULL ? g_bytes_get_data (proof, &len) : NULL;

  for (gsize i = 0; i + ASSAY_HASH_SIZE <= len; i += ASSAY_HASH_SIZE)
    {
      g_autofree char *b64 = g_base64_encode (data + i, ASSAY_HASH_SIZE);

      json_array_add_string_element (array, b64);
    }
  json_object_set_array_member (object, name, array);
}

/* Evidence every alert carries: where, both notes, and the sizes. */
static JsonObject *
evidence_new (Run *run)
{
  JsonObject *ev = json_object_new ();

  json_object_set_string_member (ev, "server_url", run->server_url);
  json_object_set_string_member (ev, "log_key", run->log_key);
  if (run->note0 != NULL)
    {
      json_object_set_string_member (ev, "stored_checkpoint", run->note0);
      json_object_set_int_member (ev, "stored_size", run->s0);
      set_hash_member (ev, "stored_root", run->r0);
    }
  if (run->note1 != NULL)
    json_object_set_string_member (ev, "new_checkpoint", run->note1);
  if (run->cp != NULL)
    {
      json_object_set_int_member (ev, "new_size", run->cp->size);
      set_hash_member (ev, "new_root", run->cp->root);
    }
  return ev;
}

/* Drops the sync transaction, then records the alert. */
static gboolean
raise_alert (Run *run,
             AssayAlertKind kind,
             JsonObject *evidence,
             GError **error,
             const char *format,
             ...) G_GNUC_PRINTF (5, 6);

static gboolean
raise_alert (Run *run,
             AssayAlertKind kind,
             JsonObject *evidence,
             GError **error,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_clear_pointer (&run->writer, _assay_replica_writer_free);
  _assay_db_raise_alert (run->db, kind, message, evidence, error);
  return FALSE;
}

/* ---- progress ------------------------------------------------------------------ */

static void
report_progress (Run *run,
                 guint64 verified,
                 guint64 total,
                 gboolean force)
{
  gint64 now = g_get_monotonic_time ();
  double elapsed;

  if (run->progress == NULL || (!force && now - run->last_progress < PROGRESS_INTERVAL_US))
    return;
  run->last_progress = now;
  elapsed = (now - run->started) / (double) G_USEC_PER_SEC;
  run->progress (verified, total, elapsed > 0 ? verified / elapsed : 0, run->progress_data);
}

/* ---- the stored state -------------------------------------------------------------- */

static gboolean
load_state (Run *run,
            GError **error)
{
  g_autofree char *stored_key = NULL;
  g_autofree char *alert = NULL;
  g_autoptr(GBytes) root = NULL;

  if (_assay_db_get_alert (run->db, &alert, NULL) != ASSAY_ALERT_NONE)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_SECURITY,
                   _("Sync is refused because of an unresolved security alert: %s "
                     "Export the evidence, have it examined, then clear the alert to sync again."),
                   alert);
      return FALSE;
    }

  stored_key = _assay_db_meta_get_text (run->db, "log_key");
  if (stored_key != NULL && strcmp (stored_key, run->log_key) != 0)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("This replica follows the log with key “%s”, not “%s”. "
                     "Use that key, or a new replica file for another log."),
                   stored_key, run->log_key);
      return FALSE;
    }

  run->s0 = _assay_db_meta_get_int (run->db, "size", 0);
  root = _assay_db_meta_get_blob (run->db, "root");
  run->note0 = _assay_db_meta_get_text (run->db, "note");
  if (run->s0 > 0)
    {
      if (root == NULL || g_bytes_get_size (root) != ASSAY_HASH_SIZE || run->note0 == NULL)
        {
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                       _("The replica “%s” is damaged: its verified root is missing. "
                         "Sync into a new replica file."), run->path);
          return FALSE;
        }
      memcpy (run->r0, g_bytes_get_data (root, NULL), ASSAY_HASH_SIZE);
    }
  else
    assay_merkle_empty_root (run->r0);
  return TRUE;
}

/* ---- checkpoint ------------------------------------------------------------------- */

static gboolean
fetch_checkpoint (Run *run,
                  GError **error)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) local_error = NULL;
  AssayWitnessResult result;
  guint cosigned = 0;
  gsize len;
  const char *data;

  body = _assay_fetcher_get (run->fetcher, "checkpoint", NULL, MAX_NOTE_SIZE, NULL, error);
  if (body == NULL)
    return FALSE;
  data = g_bytes_get_data (body, &len);
  run->note1 = g_strndup (data, len);

  if (len == 0 || strlen (run->note1) != len || !g_utf8_validate (run->note1, len, NULL))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The server's checkpoint is not a text note (%zu bytes). "
                     "The replica is unchanged; try again later."), len);
      return FALSE;
    }

  run->cp = assay_witness_policy_open_checkpoint (run->witnesses, run->note1, len, run->verifier,
                                                  &result, &cosigned, &local_error);
  switch (result)
    {
    case ASSAY_WITNESS_OK:
      return TRUE;
    case ASSAY_WITNESS_NO_QUORUM:
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    case ASSAY_WITNESS_BAD_SIGNATURE:
      return raise_alert (run, ASSAY_ALERT_SIGNATURE, evidence_new (run), error,
                          _("The checkpoint the server sent is not validly signed by the log key "
                            "“%s” (%s)."), run->log_key, local_error->message);
    case ASSAY_WITNESS_BAD_COSIGNATURE:
      {
        JsonObject *ev = evidence_new (run);
        g_autofree char *keys = g_strjoinv ("\n", (char **) assay_witness_policy_get_keys (run->witnesses));

        json_object_set_string_member (ev, "witness_keys", keys);
        return raise_alert (run, ASSAY_ALERT_SIGNATURE, ev, error,
                            _("The checkpoint the server sent carries a cosignature by a configured "
                              "witness that does not verify (%s): the checkpoint was forged or "
                              "altered."), local_error->message);
      }
    case ASSAY_WITNESS_MALFORMED:
    default:
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The server's checkpoint is malformed: %s The replica is unchanged; "
                     "try again later."), local_error->message);
      return FALSE;
    }
}

/* ---- tiles from the server ------------------------------------------------------------ */

static guint
width_in_tree (guint64 size,
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
static gboolean
server_node_func (guint level,
                  guint64 index,
                  guint8 out[ASSAY_HASH_SIZE],
                  gpointer user_data,
                  GError **error)
{
  Run *run = user_data;
  guint tile_level = level / ASSAY_TILE_HEIGHT;
  guint sub = level % ASSAY_TILE_HEIGHT;
  guint64 first = index << sub;
  guint64 tile_idx = first / ASSAY_TILE_WIDTH;
  guint width = width_in_tree (run->cp->size, tile_level, tile_idx);
  g_autofree char *key = g_strdup_printf ("%u/%" PRIu64, tile_level, tile_idx);
  GBytes *tile = g_hash_table_lookup (run->server_tiles, key);
  guint8 buf[ASSAY_TILE_BYTES];
  guint n = 1u << sub;
  guint8 *h;

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

  g_assert (width >= first % ASSAY_TILE_WIDTH + n);
  memcpy (buf, (const guint8 *) g_bytes_get_data (tile, NULL) + (first % ASSAY_TILE_WIDTH) * ASSAY_HASH_SIZE,
          n * ASSAY_HASH_SIZE);
  for (h = buf; n > 1; n /= 2)
    for (guint i = 0; i < n / 2; i++)
      assay_merkle_node_hash (h + 2 * i * ASSAY_HASH_SIZE, h + (2 * i + 1) * ASSAY_HASH_SIZE,
                              h + i * ASSAY_HASH_SIZE);
  memcpy (out, buf, ASSAY_HASH_SIZE);
  return TRUE;
}

/* RFC 9162 §2.1.4.2, keeping the two roots it computes apart: `fr`, the
 * old tree's root the proof implies, and `sr`, the new tree's.  `first`
 * is the old root as the server's tiles give it, prepended when the old
 * size is a power of two.  FALSE if the proof has the wrong shape. */
static gboolean
consistency_roots (guint64 n1,
                   guint64 n2,
                   const guint8 first[ASSAY_HASH_SIZE],
                   GBytes *proof,
                   guint8 fr[ASSAY_HASH_SIZE],
                   guint8 sr[ASSAY_HASH_SIZE])
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (proof, &len);
  g_autoptr(GByteArray) path = g_byte_array_new ();
  guint64 fn = n1 - 1, sn = n2 - 1;

  if ((n1 & (n1 - 1)) == 0)
    g_byte_array_append (path, first, ASSAY_HASH_SIZE);
  g_byte_array_append (path, data, len);
  if (path->len == 0 || path->len % ASSAY_HASH_SIZE != 0)
    return FALSE;

  while (fn & 1)
    {
      fn >>= 1;
      sn >>= 1;
    }
  memcpy (fr, path->data, ASSAY_HASH_SIZE);
  memcpy (sr, path->data, ASSAY_HASH_SIZE);
  for (guint off = ASSAY_HASH_SIZE; off < path->len; off += ASSAY_HASH_SIZE)
    {
      const guint8 *c = path->data + off;

      if (sn == 0)
        return FALSE;
      if ((fn & 1) || fn == sn)
        {
          assay_merkle_node_hash (c, fr, fr);
          assay_merkle_node_hash (c, sr, sr);
          if (!(fn & 1))
            while (!(fn & 1) && fn != 0)
              {
                fn >>= 1;
                sn >>= 1;
              }
        }
      else
        assay_merkle_node_hash (sr, c, sr);
      fn >>= 1;
      sn >>= 1;
    }
  return sn == 0;
}

static gboolean
check_consistency (Run *run,
                   GError **error)
{
  g_autoptr(GBytes) proof = NULL;
  guint8 server_old[ASSAY_HASH_SIZE];
  guint8 fr[ASSAY_HASH_SIZE], sr[ASSAY_HASH_SIZE];
  guint64 n1 = run->s0, n2 = run->cp->size;
  JsonObject *ev;

  proof = assay_merkle_consistency_proof (n1, n2, server_node_func, run, error);
  if (proof == NULL)
    return FALSE;
  if (assay_merkle_verify_consistency (n1, n2, run->r0, run->cp->root,
                                       g_bytes_get_data (proof, NULL),
                                       g_bytes_get_size (proof) / ASSAY_HASH_SIZE, NULL))
    return TRUE;

  /* For a power-of-two old size the proof leaves the old root out: take
   * the server's from its tiles. */
  if ((n1 & (n1 - 1)) == 0 &&
      !server_node_func (g_bit_nth_lsf (n1, -1), 0, server_old, run, error))
    return FALSE;

  ev = evidence_new (run);
  set_proof_member (ev, "consistency_proof", proof);
  if (consistency_roots (n1, n2, server_old, proof, fr, sr) &&
      memcmp (sr, run->cp->root, ASSAY_HASH_SIZE) == 0)
    {
      set_hash_member (ev, "old_root_from_proof", fr);
      set_hash_member (ev, "new_root_from_proof", sr);
      return raise_alert (run, ASSAY_ALERT_FORK, ev, error,
                          _("The log forked: its signed tree of %" PRIu64 " entries does "
                            "not contain the tree of %" PRIu64 " entries this replica "
                            "verified before."), n2, n1);
    }
  set_hash_member (ev, "new_root_from_proof", sr);
  return raise_alert (run, ASSAY_ALERT_TILE, ev, error,
                      _("The server's hash tiles do not reproduce the root of its signed "
                        "checkpoint of %" PRIu64 " entries."), n2);
}

/* ---- phase 1: hash tiles --------------------------------------------------------- */

static void
builder_node_cb (guint level,
                 guint64 index,
                 const guint8 hash[ASSAY_HASH_SIZE],
                 gpointer user_data)
{
  Run *run = user_data;
  TileBuffer *tile;

  if (level % ASSAY_TILE_HEIGHT != 0 || level / ASSAY_TILE_HEIGHT >= N_TILE_LEVELS ||
      run->tile_error != NULL)
    return;

  tile = &run->tiles[level / ASSAY_TILE_HEIGHT];
  g_assert (index == tile->idx * ASSAY_TILE_WIDTH + tile->width);
  memcpy (tile->hashes + tile->width * ASSAY_HASH_SIZE, hash, ASSAY_HASH_SIZE);
  if (++tile->width == ASSAY_TILE_WIDTH)
    {
      _assay_replica_writer_put_tile (run->writer, level / ASSAY_TILE_HEIGHT, tile->idx,
                                      tile->hashes, ASSAY_TILE_WIDTH, &run->tile_error);
      tile->idx++;
      tile->width = 0;
    }
}

/* Loads the partial tiles of the stored tree, which the new leaves extend. */
static gboolean
load_tile_buffers (Run *run,
                   GError **error)
{
  run->tiles = g_new0 (TileBuffer, N_TILE_LEVELS);
  for (guint level = 0; level < N_TILE_LEVELS; level++)
    {
      TileBuffer *tile = &run->tiles[level];
      guint64 n = run->s0 >> (level * ASSAY_TILE_HEIGHT);

      tile->idx = n / ASSAY_TILE_WIDTH;
      if (n % ASSAY_TILE_WIDTH == 0)
        continue;
      tile->width = _assay_db_read_tile (run->db, level, tile->idx, tile->hashes);
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
start_builder (Run *run,
               GError **error)
{
  if (run->s0 == 0)
    run->builder = assay_merkle_builder_new ();
  else
    {
      g_autoptr(GBytes) range = _assay_db_meta_get_blob (run->db, "range");
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
tile_mismatch (Run *run,
               const char *path,
               guint64 index,
               const guint8 stored[ASSAY_HASH_SIZE],
               const guint8 served[ASSAY_HASH_SIZE],
               GError **error)
{
  JsonObject *ev = evidence_new (run);

  json_object_set_string_member (ev, "tile", path);
  json_object_set_int_member (ev, "index", index);
  set_hash_member (ev, "stored_leaf_hash", stored);
  set_hash_member (ev, "served_leaf_hash", served);
  return raise_alert (run, ASSAY_ALERT_TILE, ev, error,
                      _("The server's tile %s gives entry %" PRIu64 " a different hash "
                        "than the one this replica verified."), path, index);
}

static gboolean
process_hash_tile (Run *run,
                   guint64 t,
                   GError **error)
{
  guint width = width_in_tree (run->cp->size, 0, t);
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
store_partial_tiles (Run *run,
                     GError **error)
{
  for (guint level = 0; level < N_TILE_LEVELS; level++)
    {
      TileBuffer *tile = &run->tiles[level];

      if (tile->width > 0 &&
          !_assay_replica_writer_put_tile (run->writer, level, tile->idx, tile->hashes,
                                           tile->width, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
sync_hash_tiles (Run *run,
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
          guint width = width_in_tree (run->cp->size, 0, next);
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
      JsonObject *ev = evidence_new (run);

      set_hash_member (ev, "recomputed_root", root);
      return raise_alert (run, ASSAY_ALERT_TILE, ev, error,
                          _("The server's level-0 hash tiles do not reproduce the root of its "
                            "signed checkpoint of %" PRIu64 " entries."), run->cp->size);
    }
  return store_partial_tiles (run, error);
}

/* ---- phase 2: entries and bodies ------------------------------------------------------ */

static gboolean
entry_alert (Run *run,
             AssayAlertKind kind,
             guint64 index,
             const char *path,
             const guint8 expected[ASSAY_HASH_SIZE],
             const guint8 computed[ASSAY_HASH_SIZE],
             const char *detail,
             GError **error)
{
  JsonObject *ev = evidence_new (run);

  json_object_set_int_member (ev, "index", index);
  json_object_set_string_member (ev, "bundle", path);
  if (expected != NULL)
    set_hash_member (ev, "expected", expected);
  if (computed != NULL)
    set_hash_member (ev, "computed", computed);
  if (detail != NULL)
    json_object_set_string_member (ev, "detail", detail);

  switch (kind)
    {
    case ASSAY_ALERT_ENTRY_BUNDLE:
      return raise_alert (run, kind, ev, error,
                          _("The commitment of entry %" PRIu64 " in the server's bundle %s "
                            "does not match the signed tree."), index, path);
    case ASSAY_ALERT_BODY:
      return raise_alert (run, kind, ev, error,
                          _("The body or salt of entry %" PRIu64 " in the server's bundle %s "
                            "does not match its commitment in the log."), index, path);
    case ASSAY_ALERT_INVALID_ENTRY:
    default:
      return raise_alert (run, ASSAY_ALERT_INVALID_ENTRY, ev, error,
                          _("The log committed to an invalid body for entry %" PRIu64
                            ": %s"), index, detail);
    }
}

/* Hashing and parsing a bundle's bodies runs on a thread pool while the
 * sync thread talks HTTP and the storer (below) writes to SQLite.  A job
 * stops at its first bad body; the storer then reports, in log order,
 * whichever problem comes first. */
typedef enum
{
  BODY_OK,
  BODY_MISMATCH,
  BODY_INVALID,
} BodyStatus;

typedef struct
{
  guint64        b;
  guint          width;
  guint          from;
  char          *entries_path;
  char          *body_path;
  GBytes        *entries;
  GBytes        *bodies;
  gboolean       entries_full;
  gboolean       bodies_full;
  /* results */
  gboolean       done;
  GError        *error;          /* a malformed bundle */
  guint          bad;            /* first entry (j) that failed, or width */
  BodyStatus     bad_status;
  guint8         bad_computed[ASSAY_HASH_SIZE];
  char          *bad_detail;
  const guint8  *commitments[ASSAY_BUNDLE_MAX_ENTRIES];
  AssayBodyRef   refs[ASSAY_BUNDLE_MAX_ENTRIES];
  AssayEntry    *parsed[ASSAY_BUNDLE_MAX_ENTRIES];
  guint8         leaves[ASSAY_TILE_BYTES];
} BundleJob;

static void
bundle_job_free (BundleJob *job)
{
  for (guint j = 0; j < ASSAY_BUNDLE_MAX_ENTRIES; j++)
    g_clear_pointer (&job->parsed[j], assay_entry_free);
  g_clear_pointer (&job->entries, g_bytes_unref);
  g_clear_pointer (&job->bodies, g_bytes_unref);
  g_clear_error (&job->error);
  g_free (job->bad_detail);
  g_free (job->entries_path);
  g_free (job->body_path);
  g_free (job);
}

static void
malformed_bundle (BundleJob *job,
                  const char *path,
                  GError *cause)
{
  job->error = g_error_new (ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                            _("The server sent a malformed bundle %s (%s). The answer may have been "
                              "cut short. The replica is unchanged; try again later."),
                            path, cause->message);
  g_error_free (cause);
}

/* Runs on the pool: decode, hash leaves, check and parse bodies. */
static void
bundle_job_run (BundleJob *job)
{
  GError *local_error = NULL;
  guint n = 0;

  job->bad = job->width;
  if (!assay_entry_bundle_decode (g_bytes_get_data (job->entries, NULL), g_bytes_get_size (job->entries),
                                  job->entries_full ? ASSAY_TILE_WIDTH : job->width,
                                  job->commitments, &n, &local_error))
    {
      malformed_bundle (job, job->entries_path, local_error);
      return;
    }
  if (!assay_body_bundle_decode (g_bytes_get_data (job->bodies, NULL), g_bytes_get_size (job->bodies),
                                 job->bodies_full ? ASSAY_TILE_WIDTH : job->width,
                                 job->refs, &n, &local_error))
    {
      malformed_bundle (job, job->body_path, local_error);
      return;
    }

  for (guint j = job->from; j < job->width; j++)
    assay_merkle_leaf_hash (job->commitments[j], ASSAY_HASH_SIZE, job->leaves + j * ASSAY_HASH_SIZE);

  for (guint j = job->from; j < job->width; j++)
    {
      const AssayBodyRef *ref = &job->refs[j];

      if (ref->body == NULL)
        continue;
      assay_entry_commitment (ref->salt, ref->body, ref->len, job->bad_computed);
      if (memcmp (job->bad_computed, job->commitments[j], ASSAY_HASH_SIZE) != 0)
        {
          job->bad = j;
          job->bad_status = BODY_MISMATCH;
          return;
        }
      job->parsed[j] = assay_entry_parse (ref->body, ref->len, &local_error);
      if (job->parsed[j] == NULL ||
          !assay_entry_check_index (job->parsed[j], job->b * ASSAY_TILE_WIDTH + j, &local_error))
        {
          job->bad = j;
          job->bad_status = BODY_INVALID;
          job->bad_detail = g_strdup (local_error->message);
          g_clear_error (&local_error);
          return;
        }
    }
}

static void
pool_func (gpointer data,
           gpointer user_data)
{
  BundleJob *job = data;
  Run *run = user_data;

  bundle_job_run (job);
  g_mutex_lock (&run->jobs_lock);
  job->done = TRUE;
  g_cond_broadcast (&run->jobs_cond);
  g_mutex_unlock (&run->jobs_lock);
}

/* Stores a finished job's entries (main thread, in log order). */
static gboolean
store_bundle (Run *run,
              BundleJob *job,
              GError **error)
{
  g_autofree guint8 *tile = g_malloc (ASSAY_TILE_BYTES);
  guint64 base = job->b * ASSAY_TILE_WIDTH;

  if (job->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&job->error));
      return FALSE;
    }
  /* The level-0 tile in the open transaction holds the authenticated leaf hashes. */
  if (_assay_db_read_tile (run->db, 0, job->b, tile) != job->width)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_FAILED,
                   _("Tile 0/%" PRIu64 " vanished from the sync transaction. "
                     "The replica is unchanged; sync again."), job->b);
      return FALSE;
    }

  for (guint j = job->from; j < job->width; j++)
    {
      const guint8 *leaf = job->leaves + j * ASSAY_HASH_SIZE;
      const AssayBodyRef *ref = &job->refs[j];

      if (memcmp (leaf, tile + j * ASSAY_HASH_SIZE, ASSAY_HASH_SIZE) != 0)
        return entry_alert (run, ASSAY_ALERT_ENTRY_BUNDLE, base + j, job->entries_path,
                            tile + j * ASSAY_HASH_SIZE, leaf, NULL, error);
      if (j == job->bad && job->bad_status == BODY_MISMATCH)
        return entry_alert (run, ASSAY_ALERT_BODY, base + j, job->body_path,
                            job->commitments[j], job->bad_computed, NULL, error);
      if (j == job->bad)
        return entry_alert (run, ASSAY_ALERT_INVALID_ENTRY, base + j, job->body_path,
                            NULL, NULL, job->bad_detail, error);
      if (!_assay_replica_writer_add_entry (run->writer, base + j, job->commitments[j], ref->salt,
                                            ref->body, ref->len, job->parsed[j], error))
        return FALSE;
    }
  run->new_entries += job->width - job->from;
  return TRUE;
}

static void
queue_bundle (Run *run,
              guint64 b)
{
  guint width = width_in_tree (run->cp->size, 0, b);
  g_autofree char *entries_path = assay_tile_entries_path (b, width);
  g_autofree char *body_path = assay_tile_body_path (b, width);
  g_autofree char *entries_full = width < ASSAY_TILE_WIDTH ? assay_tile_entries_path (b, ASSAY_TILE_WIDTH) : NULL;
  g_autofree char *body_full = width < ASSAY_TILE_WIDTH ? assay_tile_body_path (b, ASSAY_TILE_WIDTH) : NULL;

  _assay_fetcher_queue (run->fetcher, entries_path, entries_full, ASSAY_ENTRY_BUNDLE_MAX_SIZE);
  _assay_fetcher_queue (run->fetcher, body_path, body_full, ASSAY_BODY_BUNDLE_MAX_SIZE);
}

/* Takes the next two answers (entry and body bundle of `b`) and hands them
 * to the pool. */
static BundleJob *
start_job (Run *run,
           guint64 b,
           GError **error)
{
  BundleJob *job = g_new0 (BundleJob, 1);
  guint64 base = b * ASSAY_TILE_WIDTH;

  job->b = b;
  job->width = width_in_tree (run->cp->size, 0, b);
  job->from = run->s0 > base ? run->s0 - base : 0;
  job->entries_path = assay_tile_entries_path (b, job->width);
  job->body_path = assay_tile_body_path (b, job->width);
  job->entries = _assay_fetcher_next (run->fetcher, &job->entries_full, error);
  if (job->entries != NULL)
    job->bodies = _assay_fetcher_next (run->fetcher, &job->bodies_full, error);
  if (job->bodies == NULL)
    {
      bundle_job_free (job);
      return NULL;
    }
  g_thread_pool_push (run->pool, job, NULL);
  return job;
}

static void
wait_job (Run *run,
          BundleJob *job)
{
  g_mutex_lock (&run->jobs_lock);
  while (!job->done)
    g_cond_wait (&run->jobs_cond, &run->jobs_lock);
  g_mutex_unlock (&run->jobs_lock);
}

/* Storing runs on a thread of its own, so that SQLite writes overlap the
 * HTTP and the hashing.  It takes the jobs in log order; the first job it
 * fails to store (an alert or a write error) sets `failed` and `error`,
 * the jobs after it are dropped, and the sync thread stops at its next
 * step. */
typedef struct
{
  Run         *run;
  GAsyncQueue *jobs;          /* BundleJob, in log order; the queue itself ends it */
  guint        n_waiting;     /* jobs pushed and not yet stored (jobs_lock) */
  gboolean     failed;        /* (jobs_lock) */
  guint64      stored;        /* entries stored (jobs_lock) */
  GError      *error;
} Storer;

static gpointer
storer_thread (gpointer data)
{
  Storer *st = data;
  Run *run = st->run;
  BundleJob *job;

  while ((job = g_async_queue_pop (st->jobs)) != (BundleJob *) st->jobs)
    {
      gboolean ok;

      g_mutex_lock (&run->jobs_lock);
      ok = !st->failed;
      g_mutex_unlock (&run->jobs_lock);
      /* The pool may still be working on a job behind a failure. */
      wait_job (run, job);
      if (ok)
        ok = store_bundle (run, job, &st->error);
      bundle_job_free (job);
      g_mutex_lock (&run->jobs_lock);
      st->n_waiting--;
      st->failed |= !ok;
      st->stored = run->new_entries;
      g_cond_broadcast (&run->jobs_cond);
      g_mutex_unlock (&run->jobs_lock);
    }
  return NULL;
}

/* Waits until the storer has room for one more job (it holds at most
 * `limit`); FALSE if it failed.  Returns the entries stored so far. */
static gboolean
storer_wait_room (Storer *st,
                  guint limit,
                  guint64 *out_stored)
{
  Run *run = st->run;
  gboolean ok;

  g_mutex_lock (&run->jobs_lock);
  while (st->n_waiting >= limit && !st->failed)
    g_cond_wait (&run->jobs_cond, &run->jobs_lock);
  ok = !st->failed;
  *out_stored = st->stored;
  if (ok)
    st->n_waiting++;
  g_mutex_unlock (&run->jobs_lock);
  return ok;
}

/* Bundles flow: queued as HTTP requests (up to max_in_flight pairs), then
 * handed to the pool as they arrive, then stored in order by the storer,
 * which holds at most 2 × max_in_flight of them.  Problems are reported in
 * log order: when a fetch fails, the storer still checks the bundles it
 * holds (they come earlier in the log), and an alert among them wins. */
static gboolean
sync_bundles (Run *run,
              GError **error)
{
  guint64 first = run->s0 / ASSAY_TILE_WIDTH;
  guint64 last = (run->cp->size - 1) / ASSAY_TILE_WIDTH;
  guint64 total = run->cp->size - run->s0;
  guint64 queued = first, stored = 0;
  Storer st = { run, g_async_queue_new (), 0, FALSE, 0, NULL };
  GError *fetch_error = NULL;
  GThread *thread;

  run->pool = g_thread_pool_new (pool_func, run, MAX (2, g_get_num_processors ()), FALSE, NULL);
  thread = g_thread_new ("sync-store", storer_thread, &st);

  for (guint64 b = first; b <= last; b++)
    {
      BundleJob *job;

      while (queued <= last && _assay_fetcher_n_queued (run->fetcher) + 2 <= 2 * run->max_in_flight)
        queue_bundle (run, queued++);
      if (!storer_wait_room (&st, 2 * run->max_in_flight, &stored))
        break;
      job = start_job (run, b, &fetch_error);
      if (job == NULL)
        {
          g_mutex_lock (&run->jobs_lock);
          st.n_waiting--;
          g_mutex_unlock (&run->jobs_lock);
          break;
        }
      g_async_queue_push (st.jobs, job);
      report_progress (run, stored, total, FALSE);
    }

  /* The queue itself marks the end. */
  g_async_queue_push (st.jobs, st.jobs);
  g_thread_join (thread);
  g_thread_pool_free (g_steal_pointer (&run->pool), FALSE, TRUE);
  g_async_queue_unref (st.jobs);

  if (st.error != NULL)
    {
      g_clear_error (&fetch_error);
      g_propagate_error (error, st.error);
      return FALSE;
    }
  if (fetch_error != NULL)
    {
      g_propagate_error (error, fetch_error);
      return FALSE;
    }
  return TRUE;
}

/* ---- the whole run ---------------------------------------------------------------- */

static gboolean
withheld_alert_cb (gpointer user_data,
                   AssayAlertKind kind,
                   guint64 index,
                   const char *path,
                   const guint8 *expected,
                   const guint8 *computed,
                   const char *detail,
                   GError **error)
{
  return entry_alert (user_data, kind, index, path, expected, computed, detail, error);
}

/* In the sync transaction, before the commit: ask again for bodies the
 * service withheld, and record the witness policy the checkpoint met. */
static gboolean
before_commit (Run *run,
               GError **error)
{
  guint64 filled = 0;

  return _assay_sync_refetch_withheld (run->db, run->writer, run->fetcher, run->s0, run->cp->size,
                                       run->max_in_flight, withheld_alert_cb, run, &filled, error) &&
         _assay_replica_store_witness_policy (run->db, run->witnesses, error);
}

/* Nothing new: remember the visit, and the note if it carries new cosignatures. */
static gboolean
touch (Run *run,
       GError **error)
{
  g_autoptr(GBytes) range = _assay_db_meta_get_blob (run->db, "range");

  run->writer = _assay_replica_writer_begin (run->db, error);
  if (run->writer == NULL || !before_commit (run, error))
    return FALSE;
  if (range == NULL)
    range = g_bytes_new (NULL, 0);
  return _assay_replica_writer_commit (run->writer, run->note1, run->cp, range, run->server_url,
                                       run->log_key, error);
}

static gboolean
run_sync (Run *run,
          GCancellable *cancellable,
          GError **error)
{
  g_autoptr(GBytes) range = NULL;

  run->db = _assay_replica_db_open (run->path, ASSAY_REPLICA_OPEN_CREATE, error);
  if (run->db == NULL || !load_state (run, error))
    return FALSE;

  run->verifier = assay_note_verifier_new_from_string (run->log_key, error);
  if (run->verifier == NULL)
    return FALSE;
  run->fetcher = _assay_fetcher_new (run->server_url, run->timeout, run->max_in_flight,
                                     cancellable, error);
  if (run->fetcher == NULL || !fetch_checkpoint (run, error))
    return FALSE;

  if (run->cp->size < run->s0)
    return raise_alert (run, ASSAY_ALERT_ROLLBACK, evidence_new (run), error,
                        _("The server's signed checkpoint has %" PRIu64 " entries, fewer "
                          "than the %" PRIu64 " this replica already verified: the log "
                          "was rolled back or the server is stale."), run->cp->size, run->s0);
  if (run->cp->size == run->s0)
    {
      if (memcmp (run->cp->root, run->r0, ASSAY_HASH_SIZE) != 0)
        return raise_alert (run, ASSAY_ALERT_EQUIVOCATION, evidence_new (run), error,
                            _("The log signed two different trees of the same size (%" PRIu64
                              " entries): it showed someone else another history."), run->s0);
      return touch (run, error);
    }

  if (run->s0 > 0)
    {
      run->server_tiles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) g_bytes_unref);
      if (!check_consistency (run, error))
        return FALSE;
    }

  if (run->s0 == 0)
    run->rollback_journal = _assay_db_use_rollback_journal (run->db);
  run->writer = _assay_replica_writer_begin (run->db, error);
  if (run->writer == NULL)
    return FALSE;
  if (run->cp->size - run->s0 >= MAX (BULK_MIN_ENTRIES, run->s0) &&
      !_assay_replica_writer_set_bulk (run->writer, error))
    return FALSE;
  run->started = g_get_monotonic_time ();
  report_progress (run, 0, run->cp->size - run->s0, TRUE);
  if (!sync_hash_tiles (run, error) || !sync_bundles (run, error) || !before_commit (run, error))
    return FALSE;

  range = assay_merkle_builder_get_range (run->builder);
  if (!_assay_replica_writer_commit (run->writer, run->note1, run->cp, range, run->server_url,
                                     run->log_key, error))
    return FALSE;
  /* Committed: if WAL cannot be set again now, the next open does it. */
  if (run->rollback_journal)
    sqlite3_exec (run->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
  report_progress (run, run->new_entries, run->new_entries, TRUE);
  return TRUE;
}

static Run *
run_new (AssaySync *self,
         AssayReplica *replica)
{
  Run *run = g_new0 (Run, 1);

  g_mutex_init (&run->jobs_lock);
  g_cond_init (&run->jobs_cond);

  run->server_url = g_strdup (self->server_url);
  run->log_key = g_strstrip (g_strdup (self->log_key));
  run->timeout = self->timeout;
  run->max_in_flight = MAX (1, self->max_in_flight);
  run->path = g_strdup (assay_replica_get_path (replica));
  /* check_config () accepted them. */
  run->witnesses = assay_witness_policy_new ((const char * const *) self->witness_keys,
                                             self->witness_quorum, NULL);
  g_assert (run->witnesses != NULL);
  return run;
}

/* The log cannot witness itself: its key as a witness would let it
 * cosign its own checkpoints. */
static gboolean
check_witnesses_not_log (AssaySync *self,
                         GError **error)
{
  g_autoptr(AssayNoteVerifier) log = assay_note_verifier_new_from_string (self->log_key, NULL);

  for (guint i = 0; log != NULL && self->witness_keys != NULL && self->witness_keys[i] != NULL; i++)
    {
      g_autoptr(AssayNoteVerifier) w = assay_note_verifier_new_from_string (self->witness_keys[i], NULL);

      if (w != NULL && memcmp (assay_note_verifier_get_public_key (w),
                               assay_note_verifier_get_public_key (log), 32) == 0)
        {
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                       _("The witness key “%s” is the log’s own public key; the log cannot "
                         "witness itself. Remove it from the witnesses."),
                       self->witness_keys[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_config (AssaySync *self,
              AssayReplica *replica,
              GError **error)
{
  if (self->server_url == NULL || self->log_key == NULL)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("Sync needs the server's URL and the log's verifier key."));
      return FALSE;
    }
  if (!assay_config_check_witnesses ((const char * const *) self->witness_keys,
                                     self->witness_quorum, error) ||
      !check_witnesses_not_log (self, error))
    return FALSE;
  if (assay_replica_is_read_only (replica))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO,
                   _("The replica “%s” is open read-only; sync needs to write to it."),
                   assay_replica_get_path (replica));
      return FALSE;
    }
  return TRUE;
}

/* ---- GObject ------------------------------------------------------------------------- */

static void
assay_sync_finalize (GObject *object)
{
  AssaySync *self = ASSAY_SYNC (object);

  g_free (self->server_url);
  g_free (self->log_key);
  g_strfreev (self->witness_keys);
  G_OBJECT_CLASS (assay_sync_parent_class)->finalize (object);
}

static void
assay_sync_get_property (GObject *object,
                         guint prop_id,
                         GValue *value,
                         GParamSpec *pspec)
{
  AssaySync *self = ASSAY_SYNC (object);

  switch (prop_id)
    {
    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;
    case PROP_LOG_KEY:
      g_value_set_string (value, self->log_key);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_MAX_IN_FLIGHT:
      g_value_set_uint (value, self->max_in_flight);
      break;
    case PROP_WITNESS_KEYS:
      g_value_set_boxed (value, self->witness_keys);
      break;
    case PROP_WITNESS_QUORUM:
      g_value_set_uint (value, self->witness_quorum);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_sync_set_property (GObject *object,
                         guint prop_id,
                         const GValue *value,
                         GParamSpec *pspec)
{
  AssaySync *self = ASSAY_SYNC (object);

  switch (prop_id)
    {
    case PROP_SERVER_URL:
      g_free (self->server_url);
      self->server_url = g_value_dup_string (value);
      break;
    case PROP_LOG_KEY:
      g_free (self->log_key);
      self->log_key = g_value_dup_string (value);
      break;
    case PROP_TIMEOUT:
      assay_sync_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_MAX_IN_FLIGHT:
      assay_sync_set_max_in_flight (self, g_value_get_uint (value));
      break;
    case PROP_WITNESS_KEYS:
      assay_sync_set_witness_keys (self, g_value_get_boxed (value));
      break;
    case PROP_WITNESS_QUORUM:
      assay_sync_set_witness_quorum (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_sync_class_init (AssaySyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = assay_sync_finalize;
  object_class->get_property = assay_sync_get_property;
  object_class->set_property = assay_sync_set_property;

  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOG_KEY] =
    g_param_spec_string ("log-key", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 3600, DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_IN_FLIGHT] =
    g_param_spec_uint ("max-in-flight", NULL, NULL, 1, 64, DEFAULT_MAX_IN_FLIGHT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WITNESS_KEYS] =
    g_param_spec_boxed ("witness-keys", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WITNESS_QUORUM] =
    g_param_spec_uint ("witness-quorum", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                    G_TYPE_UINT64, G_TYPE_UINT64, G_TYPE_DOUBLE);
}

static void
assay_sync_init (AssaySync *self)
{
  self->timeout = DEFAULT_TIMEOUT;
  self->max_in_flight = DEFAULT_MAX_IN_FLIGHT;
}

AssaySync *
assay_sync_new (const char *server_url,
                const char *log_key)
{
  return g_object_new (ASSAY_TYPE_SYNC, "server-url", server_url, "log-key", log_key, NULL);
}

void
assay_sync_set_timeout (AssaySync *self,
                        guint seconds)
{
  g_return_if_fail (ASSAY_IS_SYNC (self));

  seconds = CLAMP (seconds, 1, 3600);
  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

void
assay_sync_set_max_in_flight (AssaySync *self,
                              guint n)
{
  g_return_if_fail (ASSAY_IS_SYNC (self));

  n = CLAMP (n, 1, 64);
  if (self->max_in_flight == n)
    return;
  self->max_in_flight = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_IN_FLIGHT]);
}

void
assay_sync_set_witness_keys (AssaySync *self,
                             const char * const *keys)
{
  g_return_if_fail (ASSAY_IS_SYNC (self));

  if (keys != NULL && keys[0] == NULL)
    keys = NULL;
  if (keys == NULL && self->witness_keys == NULL)
    return;
  if (keys != NULL && self->witness_keys != NULL &&
      g_strv_equal ((const char * const *) self->witness_keys, keys))
    return;
  g_strfreev (self->witness_keys);
  self->witness_keys = g_strdupv ((char **) keys);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WITNESS_KEYS]);
}

void
assay_sync_set_witness_quorum (AssaySync *self,
                               guint quorum)
{
  g_return_if_fail (ASSAY_IS_SYNC (self));

  if (self->witness_quorum == quorum)
    return;
  self->witness_quorum = quorum;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WITNESS_QUORUM]);
}

/* ---- blocking API ---------------------------------------------------------------------- */

static void
emit_progress_direct (guint64 verified,
                      guint64 total,
                      double rate,
                      gpointer user_data)
{
  g_signal_emit (user_data, signals[PROGRESS], 0, verified, total, rate);
}

gboolean
assay_sync_run (AssaySync *self,
                AssayReplica *replica,
                GCancellable *cancellable,
                guint64 *out_new_entries,
                GError **error)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(GError) resume_error = NULL;
  gboolean suspended = FALSE;
  gboolean ok;

  g_return_val_if_fail (ASSAY_IS_SYNC (self), FALSE);
  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), FALSE);

  if (!check_config (self, replica, error))
    return FALSE;
  run = run_new (self, replica);
  run->progress = emit_progress_direct;
  run->progress_data = self;

  /* A first sync may write with a rollback journal only if its connection
   * is the sole one to the file (see _assay_db_use_rollback_journal); the
   * caller waits for us, so the replica's own can close meanwhile. */
  if (assay_replica_get_size (replica) == 0)
    suspended = _assay_replica_suspend_db (replica);
  ok = run_sync (run, cancellable, error);
  run_release (run);
  if (suspended && !_assay_replica_resume_db (replica, &resume_error) && ok)
    {
      g_propagate_error (error, g_steal_pointer (&resume_error));
      ok = FALSE;
    }
  if (!ok)
    return FALSE;
  if (out_new_entries != NULL)
    *out_new_entries = run->new_entries;
  return TRUE;
}

/* ---- async API ----------------------------------------------------------------------------- */

typedef struct
{
  AssaySync *sync;
  guint64    verified;
  guint64    total;
  double     rate;
} ProgressEvent;

static gboolean
emit_progress_idle (gpointer user_data)
{
  ProgressEvent *event = user_data;

  g_signal_emit (event->sync, signals[PROGRESS], 0, event->verified, event->total, event->rate);
  return G_SOURCE_REMOVE;
}

static void
progress_event_free (gpointer user_data)
{
  ProgressEvent *event = user_data;

  g_object_unref (event->sync);
  g_free (event);
}

static void
post_progress (guint64 verified,
               guint64 total,
               double rate,
               gpointer user_data)
{
  GTask *task = user_data;
  ProgressEvent *event = g_new0 (ProgressEvent, 1);

  event->sync = g_object_ref (g_task_get_source_object (task));
  event->verified = verified;
  event->total = total;
  event->rate = rate;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              emit_progress_idle, event, progress_event_free);
}

static void
sync_thread (GTask *task,
             gpointer source_object,
             gpointer task_data,
             GCancellable *cancellable)
{
  Run *run = task_data;
  GError *error = NULL;
  gboolean ok;

  run->progress = post_progress;
  run->progress_data = task;
  ok = run_sync (run, cancellable, &error);
  run_release (run);
  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
sync_done_cb (GObject *source,
              GAsyncResult *result,
              gpointer user_data)
{
  g_autoptr(GTask) outer = user_data;
  AssayReplica *replica = g_task_get_task_data (outer);
  GTask *inner = G_TASK (result);
  Run *run = g_task_get_task_data (inner);
  GError *error = NULL;

  /* Even a failed sync may have raised an alert the replica should show. */
  assay_replica_reload (replica);
  if (!g_task_propagate_boolean (inner, &error))
    g_task_return_error (outer, error);
  else
    {
      guint64 *n = g_new (guint64, 1);

      *n = run->new_entries;
      g_task_return_pointer (outer, n, g_free);
    }
}

void
assay_sync_run_async (AssaySync *self,
                      AssayReplica *replica,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  GError *error = NULL;

  g_return_if_fail (ASSAY_IS_SYNC (self));
  g_return_if_fail (ASSAY_IS_REPLICA (replica));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, assay_sync_run_async);
  g_task_set_task_data (outer, g_object_ref (replica), g_object_unref);
  if (!check_config (self, replica, &error))
    {
      g_task_return_error (outer, error);
      return;
    }

  inner = g_task_new (self, cancellable, sync_done_cb, g_steal_pointer (&outer));
  g_task_set_task_data (inner, run_new (self, replica), (GDestroyNotify) run_free);
  g_task_run_in_thread (inner, sync_thread);
}

gboolean
assay_sync_run_finish (AssaySync *self,
                       GAsyncResult *result,
                       guint64 *out_new_entries,
                       GError **error)
{
  g_autofree guint64 *n = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_pointer (G_TASK (result), error);
  if (n == NULL)
    return FALSE;
  if (out_new_entries != NULL)
    *out_new_entries = *n;
  return TRUE;
}
