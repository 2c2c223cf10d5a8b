/* assay-sync-bundles.c — entry and body bundles: checked on a pool, stored by the storer thread
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
#include "assay-error.h"
#include "assay-sync-private.h"

/* ---- phase 2: entries and bodies ------------------------------------------------------ */

gboolean
_assay_sync_entry_alert (AssaySyncRun *run,
                         AssayAlertKind kind,
                         guint64 index,
                         const char *path,
                         const guint8 expected[ASSAY_HASH_SIZE],
                         const guint8 computed[ASSAY_HASH_SIZE],
                         const char *detail,
                         GError **error)
{
  JsonObject *ev = _assay_sync_evidence_new (run);

  json_object_set_int_member (ev, "index", index);
  json_object_set_string_member (ev, "bundle", path);
  if (expected != NULL)
    _assay_sync_set_hash_member (ev, "expected", expected);
  if (computed != NULL)
    _assay_sync_set_hash_member (ev, "computed", computed);
  if (detail != NULL)
    json_object_set_string_member (ev, "detail", detail);

  switch (kind)
    {
    case ASSAY_ALERT_ENTRY_BUNDLE:
      return _assay_sync_raise_alert (run, kind, ev, error,
                                      _("The commitment of entry %" PRIu64 " in the server's bundle %s "
                                        "does not match the signed tree."), index, path);
    case ASSAY_ALERT_BODY:
      return _assay_sync_raise_alert (run, kind, ev, error,
                                      _("The body or salt of entry %" PRIu64 " in the server's bundle %s "
                                        "does not match its commitment in the log."), index, path);
    case ASSAY_ALERT_INVALID_ENTRY:
    default:
      return _assay_sync_raise_alert (run, ASSAY_ALERT_INVALID_ENTRY, ev, error,
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
  AssaySyncRun *run = user_data;

  bundle_job_run (job);
  g_mutex_lock (&run->jobs_lock);
  job->done = TRUE;
  g_cond_broadcast (&run->jobs_cond);
  g_mutex_unlock (&run->jobs_lock);
}

/* Stores a finished job's entries (main thread, in log order). */
static gboolean
store_bundle (AssaySyncRun *run,
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
  if (_assay_replica_db_read_tile (run->db, 0, job->b, tile) != job->width)
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
        return _assay_sync_entry_alert (run, ASSAY_ALERT_ENTRY_BUNDLE, base + j, job->entries_path,
                                        tile + j * ASSAY_HASH_SIZE, leaf, NULL, error);
      if (j == job->bad && job->bad_status == BODY_MISMATCH)
        return _assay_sync_entry_alert (run, ASSAY_ALERT_BODY, base + j, job->body_path,
                                        job->commitments[j], job->bad_computed, NULL, error);
      if (j == job->bad)
        return _assay_sync_entry_alert (run, ASSAY_ALERT_INVALID_ENTRY, base + j, job->body_path,
                                        NULL, NULL, job->bad_detail, error);
      if (!_assay_replica_writer_add_entry (run->writer, base + j, job->commitments[j], ref->salt,
                                            ref->body, ref->len, job->parsed[j], error))
        return FALSE;
    }
  run->new_entries += job->width - job->from;
  return TRUE;
}

static void
queue_bundle (AssaySyncRun *run,
              guint64 b)
{
  guint width = _assay_sync_width_in_tree (run->cp->size, 0, b);
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
start_job (AssaySyncRun *run,
           guint64 b,
           GError **error)
{
  BundleJob *job = g_new0 (BundleJob, 1);
  guint64 base = b * ASSAY_TILE_WIDTH;

  job->b = b;
  job->width = _assay_sync_width_in_tree (run->cp->size, 0, b);
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
wait_job (AssaySyncRun *run,
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
  AssaySyncRun  *run;
  GAsyncQueue   *jobs;          /* BundleJob, in log order; the queue itself ends it */
  guint          n_waiting;     /* jobs pushed and not yet stored (jobs_lock) */
  gboolean       failed;        /* (jobs_lock) */
  guint64        stored;        /* entries stored (jobs_lock) */
  GError        *error;
} Storer;

static gpointer
storer_thread (gpointer data)
{
  Storer *st = data;
  AssaySyncRun *run = st->run;
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
  AssaySyncRun *run = st->run;
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
gboolean
_assay_sync_bundles (AssaySyncRun *run,
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
      _assay_sync_report_progress (run, stored, total, FALSE);
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
