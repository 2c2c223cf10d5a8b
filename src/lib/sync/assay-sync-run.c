/* assay-sync-run.c — one sync run: checkpoint, consistency and the overall flow
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

#include "assay-config.h"
#include "assay-error.h"
#include "assay-sync-private.h"

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

#define MAX_NOTE_SIZE          (1024 * 1024)
#define PROGRESS_INTERVAL_US   (G_USEC_PER_SEC / 10)
#define BULK_MIN_ENTRIES       4096

AssaySyncRun *
_assay_sync_run_new (AssaySync *self,
                     AssayReplica *replica)
{
  AssaySyncRun *run = g_new0 (AssaySyncRun, 1);

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

/* Releases what belongs to the thread that ran the sync: the fetcher's
 * main context is that thread's default, and the connection is only used
 * there. */
void
_assay_sync_run_release (AssaySyncRun *run)
{
  g_clear_pointer (&run->writer, _assay_replica_writer_free);
  g_clear_pointer (&run->fetcher, _assay_fetcher_free);
  g_clear_pointer (&run->db, _assay_replica_db_close);
}

void
_assay_sync_run_free (AssaySyncRun *run)
{
  _assay_sync_run_release (run);
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

/* ---- evidence helpers -------------------------------------------------------- */

void
_assay_sync_set_hash_member (JsonObject *object,
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
JsonObject *
_assay_sync_evidence_new (AssaySyncRun *run)
{
  JsonObject *ev = json_object_new ();

  json_object_set_string_member (ev, "server_url", run->server_url);
  json_object_set_string_member (ev, "log_key", run->log_key);
  if (run->note0 != NULL)
    {
      json_object_set_string_member (ev, "stored_checkpoint", run->note0);
      json_object_set_int_member (ev, "stored_size", run->s0);
      _assay_sync_set_hash_member (ev, "stored_root", run->r0);
    }
  if (run->note1 != NULL)
    json_object_set_string_member (ev, "new_checkpoint", run->note1);
  if (run->cp != NULL)
    {
      json_object_set_int_member (ev, "new_size", run->cp->size);
      _assay_sync_set_hash_member (ev, "new_root", run->cp->root);
    }
  return ev;
}

/* Drops the sync transaction, then records the alert. */
gboolean
_assay_sync_raise_alert (AssaySyncRun *run,
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
  _assay_replica_db_raise_alert (run->db, kind, message, evidence, error);
  return FALSE;
}

/* ---- progress ------------------------------------------------------------------ */

void
_assay_sync_report_progress (AssaySyncRun *run,
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
load_state (AssaySyncRun *run,
            GError **error)
{
  g_autofree char *stored_key = NULL;
  g_autofree char *alert = NULL;
  g_autoptr(GBytes) root = NULL;

  if (_assay_replica_db_get_alert (run->db, &alert) != ASSAY_ALERT_NONE)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_SECURITY,
                   _("Sync is refused because of an unresolved security alert: %s "
                     "Export the evidence, have it examined, then clear the alert to sync again."),
                   alert);
      return FALSE;
    }

  stored_key = _assay_replica_db_get_log_key (run->db);
  if (stored_key != NULL && strcmp (stored_key, run->log_key) != 0)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("This replica follows the log with key “%s”, not “%s”. "
                     "Use that key, or a new replica file for another log."),
                   stored_key, run->log_key);
      return FALSE;
    }

  run->s0 = _assay_replica_db_get_size (run->db);
  root = _assay_replica_db_get_root (run->db);
  run->note0 = _assay_replica_db_get_note (run->db);
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
fetch_checkpoint (AssaySyncRun *run,
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
      /* A replica that has never verified a checkpoint has no trusted state
       * to defend: the likeliest cause is a mistyped key, and an alert would
       * only lock an empty file. */
      if (run->note0 == NULL)
        {
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_SECURITY,
                       _("The log key “%s” does not match this log: the checkpoint the server "
                         "sent carries no valid signature by it. This replica has verified "
                         "nothing yet, so nothing was stored; check that the key is the one "
                         "published for this log."),
                       run->log_key);
          return FALSE;
        }
      return _assay_sync_raise_alert (run, ASSAY_ALERT_SIGNATURE, _assay_sync_evidence_new (run),
                                      error,
                                      _("The checkpoint the server sent is not validly signed by the log key "
                                        "“%s” (%s)."), run->log_key, local_error->message);
    case ASSAY_WITNESS_BAD_COSIGNATURE:
      {
        JsonObject *ev = _assay_sync_evidence_new (run);
        g_autofree char *keys = g_strjoinv ("\n", (char **) assay_witness_policy_get_keys (run->witnesses));

        json_object_set_string_member (ev, "witness_keys", keys);
        return _assay_sync_raise_alert (run, ASSAY_ALERT_SIGNATURE, ev, error,
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
check_consistency (AssaySyncRun *run,
                   GError **error)
{
  g_autoptr(GBytes) proof = NULL;
  guint8 server_old[ASSAY_HASH_SIZE];
  guint8 fr[ASSAY_HASH_SIZE], sr[ASSAY_HASH_SIZE];
  guint64 n1 = run->s0, n2 = run->cp->size;
  JsonObject *ev;

  proof = assay_merkle_consistency_proof (n1, n2, _assay_sync_server_node_func, run, error);
  if (proof == NULL)
    return FALSE;
  if (assay_merkle_verify_consistency (n1, n2, run->r0, run->cp->root,
                                       g_bytes_get_data (proof, NULL),
                                       g_bytes_get_size (proof) / ASSAY_HASH_SIZE, NULL))
    return TRUE;

  /* For a power-of-two old size the proof leaves the old root out: take
   * the server's from its tiles. */
  if ((n1 & (n1 - 1)) == 0 &&
      !_assay_sync_server_node_func (g_bit_nth_lsf (n1, -1), 0, server_old, run, error))
    return FALSE;

  ev = _assay_sync_evidence_new (run);
  set_proof_member (ev, "consistency_proof", proof);
  if (consistency_roots (n1, n2, server_old, proof, fr, sr) &&
      memcmp (sr, run->cp->root, ASSAY_HASH_SIZE) == 0)
    {
      _assay_sync_set_hash_member (ev, "old_root_from_proof", fr);
      _assay_sync_set_hash_member (ev, "new_root_from_proof", sr);
      return _assay_sync_raise_alert (run, ASSAY_ALERT_FORK, ev, error,
                                      _("The log forked: its signed tree of %" PRIu64 " entries does "
                                        "not contain the tree of %" PRIu64 " entries this replica "
                                        "verified before."), n2, n1);
    }
  _assay_sync_set_hash_member (ev, "new_root_from_proof", sr);
  return _assay_sync_raise_alert (run, ASSAY_ALERT_TILE, ev, error,
                                  _("The server's hash tiles do not reproduce the root of its signed "
                                    "checkpoint of %" PRIu64 " entries."), n2);
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
  return _assay_sync_entry_alert (user_data, kind, index, path, expected, computed, detail, error);
}

/* In the sync transaction, before the commit: ask again for bodies the
 * service withheld, and record the witness policy the checkpoint met. */
static gboolean
before_commit (AssaySyncRun *run,
               GError **error)
{
  guint64 filled = 0;

  return _assay_sync_refetch_withheld (run->db, run->writer, run->fetcher, run->s0, run->cp->size,
                                       run->max_in_flight, withheld_alert_cb, run, &filled, error) &&
         _assay_replica_db_store_witness_policy (run->db, run->witnesses, error);
}

/* Nothing new: remember the visit, and the note if it carries new cosignatures. */
static gboolean
touch (AssaySyncRun *run,
       GError **error)
{
  g_autoptr(GBytes) range = _assay_replica_db_get_compact_range (run->db);

  run->writer = _assay_replica_db_begin_writer (run->db, error);
  if (run->writer == NULL || !before_commit (run, error))
    return FALSE;
  if (range == NULL)
    range = g_bytes_new (NULL, 0);
  return _assay_replica_writer_commit (run->writer, run->note1, run->cp, range, run->server_url,
                                       run->log_key, error);
}

gboolean
_assay_sync_run_execute (AssaySyncRun *run,
                         GCancellable *cancellable,
                         GError **error)
{
  g_autoptr(GBytes) range = NULL;

  run->db = _assay_replica_db_open_for_sync (run->path, error);
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
    return _assay_sync_raise_alert (run, ASSAY_ALERT_ROLLBACK, _assay_sync_evidence_new (run),
                                    error,
                                    _("The server's signed checkpoint has %" PRIu64 " entries, fewer "
                                      "than the %" PRIu64 " this replica already verified: the log "
                                      "was rolled back or the server is stale."), run->cp->size, run->s0);
  if (run->cp->size == run->s0)
    {
      if (memcmp (run->cp->root, run->r0, ASSAY_HASH_SIZE) != 0)
        return _assay_sync_raise_alert (run, ASSAY_ALERT_EQUIVOCATION, _assay_sync_evidence_new (run),
                                        error,
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
    run->rollback_journal = _assay_replica_db_use_rollback_journal (run->db);
  run->writer = _assay_replica_db_begin_writer (run->db, error);
  if (run->writer == NULL)
    return FALSE;
  if (run->cp->size - run->s0 >= MAX (BULK_MIN_ENTRIES, run->s0) &&
      !_assay_replica_writer_set_bulk (run->writer, error))
    return FALSE;
  run->started = g_get_monotonic_time ();
  _assay_sync_report_progress (run, 0, run->cp->size - run->s0, TRUE);
  if (!_assay_sync_hash_tiles (run, error) || !_assay_sync_bundles (run, error) ||
      !before_commit (run, error))
    return FALSE;

  range = assay_merkle_builder_get_range (run->builder);
  if (!_assay_replica_writer_commit (run->writer, run->note1, run->cp, range, run->server_url,
                                     run->log_key, error))
    return FALSE;
  /* Committed: if WAL cannot be set again now, the next open does it. */
  if (run->rollback_journal)
    _assay_replica_db_restore_wal (run->db);
  _assay_sync_report_progress (run, run->new_entries, run->new_entries, TRUE);
  return TRUE;
}
