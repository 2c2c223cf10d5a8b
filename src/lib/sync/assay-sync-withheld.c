/* assay-sync-withheld.c — asking again for bodies the service withheld
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

/* A body the service sent empty, with no tombstone covering it, is stored
 * as withheld: its commitment is verified, the body unknown.  Each sync
 * asks for such bodies again.  The bundles to ask for are found through
 * the replica (_assay_replica_db_list_withheld_bundles), from a random
 * bundle on, so that bundles the service keeps withholding cannot starve
 * the others. */

typedef struct
{
  AssayReplicaDb         *db;
  AssayReplicaWriter     *writer;
  AssayFetcher           *fetcher;
  guint64                 below;
  guint64                 tree_size;
  AssayWithheldAlertFunc  alert;
  gpointer                alert_data;
  guint64                 filled;
} Refetch;

/* Appends to `bundles` the distinct bundles of withheld entries in
 * [from, to), in order, until it holds ASSAY_WITHHELD_MAX_BUNDLES. */
static gboolean
collect_bundles (AssayReplicaDb *db,
                 guint64 from,
                 guint64 to,
                 GArray *bundles,
                 GError **error)
{
  return _assay_replica_db_list_withheld_bundles (db, from, to, ASSAY_WITHHELD_MAX_BUNDLES,
                                                  bundles, error);
}

static int
compare_u64 (gconstpointer a,
             gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return (x > y) - (x < y);
}

/* The bundles to ask for this time, in log order. */
static GArray *
choose_bundles (Refetch *r,
                GError **error)
{
  g_autoptr(GArray) bundles = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint64 n_bundles = (r->below + ASSAY_TILE_WIDTH - 1) / ASSAY_TILE_WIDTH;
  guint64 start;

  if (n_bundles == 0)
    return g_steal_pointer (&bundles);
  start = (guint64) g_random_double_range (0, n_bundles) * ASSAY_TILE_WIDTH;
  if (!collect_bundles (r->db, MIN (start, r->below), r->below, bundles, error) ||
      !collect_bundles (r->db, 0, MIN (start, r->below), bundles, error))
    return NULL;
  g_array_sort (bundles, compare_u64);
  return g_steal_pointer (&bundles);
}

static guint
bundle_width (Refetch *r,
              guint64 b)
{
  return (guint) MIN (ASSAY_TILE_WIDTH, r->tree_size - b * ASSAY_TILE_WIDTH);
}

static void
queue_bundle (Refetch *r,
              guint64 b)
{
  guint width = bundle_width (r, b);
  g_autofree char *path = assay_tile_body_path (b, width);
  g_autofree char *full = width < ASSAY_TILE_WIDTH ? assay_tile_body_path (b, ASSAY_TILE_WIDTH) : NULL;

  _assay_fetcher_queue (r->fetcher, path, full, ASSAY_BODY_BUNDLE_MAX_SIZE);
}

/* The entries of bundle `b` still withheld now (a tombstone earlier in
 * this sync may have erased some), read before any of them changes. */
static GArray *
withheld_in_bundle (Refetch *r,
                    guint64 b,
                    GError **error)
{
  return _assay_replica_db_list_withheld (r->db, b * ASSAY_TILE_WIDTH,
                                          MIN (r->below, (b + 1) * ASSAY_TILE_WIDTH), error);
}

/* One withheld entry whose body arrived: check, parse, store. */
static gboolean
fill_one (Refetch *r,
          const AssayReplicaWithheld *w,
          const AssayBodyRef *ref,
          const char *path,
          GError **error)
{
  g_autoptr(GError) local_error = NULL;
  AssayEntry *parsed;
  guint8 computed[ASSAY_HASH_SIZE];
  gboolean ok;

  assay_entry_commitment (ref->salt, ref->body, ref->len, computed);
  if (memcmp (computed, w->commitment, ASSAY_HASH_SIZE) != 0)
    return r->alert (r->alert_data, ASSAY_ALERT_BODY, w->idx, path, w->commitment, computed,
                     NULL, error);

  parsed = assay_entry_parse (ref->body, ref->len, &local_error);
  if (parsed == NULL || !assay_entry_check_index (parsed, w->idx, &local_error))
    {
      g_clear_pointer (&parsed, assay_entry_free);
      return r->alert (r->alert_data, ASSAY_ALERT_INVALID_ENTRY, w->idx, path, NULL, NULL,
                       local_error->message, error);
    }

  ok = _assay_replica_writer_fill_withheld (r->writer, w->idx, ref->salt, ref->body, ref->len,
                                            parsed, error);
  assay_entry_free (parsed);
  if (ok)
    r->filled++;
  return ok;
}

static gboolean
process_bundle (Refetch *r,
                guint64 b,
                GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) withheld = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = assay_tile_body_path (b, bundle_width (r, b));
  AssayBodyRef refs[ASSAY_BUNDLE_MAX_ENTRIES];
  gboolean full = FALSE;
  guint n = 0;

  bytes = _assay_fetcher_next (r->fetcher, &full, error);
  if (bytes == NULL)
    return FALSE;
  if (!assay_body_bundle_decode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 full ? ASSAY_TILE_WIDTH : bundle_width (r, b),
                                 refs, &n, &local_error))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The server sent a malformed bundle %s (%s). The answer may have been "
                     "cut short. The replica is unchanged; try again later."),
                   path, local_error->message);
      return FALSE;
    }

  withheld = withheld_in_bundle (r, b, error);
  if (withheld == NULL)
    return FALSE;
  for (guint i = 0; i < withheld->len; i++)
    {
      const AssayReplicaWithheld *w = &g_array_index (withheld, AssayReplicaWithheld, i);
      const AssayBodyRef *ref = &refs[w->idx - b * ASSAY_TILE_WIDTH];

      if (ref->body != NULL && !fill_one (r, w, ref, path, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_assay_sync_refetch_withheld (AssayReplicaDb *db,
                              AssayReplicaWriter *writer,
                              AssayFetcher *fetcher,
                              guint64 below,
                              guint64 tree_size,
                              guint max_in_flight,
                              AssayWithheldAlertFunc alert,
                              gpointer alert_data,
                              guint64 *out_filled,
                              GError **error)
{
  Refetch r = { db, writer, fetcher, MIN (below, tree_size), tree_size, alert, alert_data, 0 };
  g_autoptr(GArray) bundles = NULL;
  guint queued = 0;

  g_assert (_assay_fetcher_n_queued (fetcher) == 0);

  *out_filled = 0;
  bundles = choose_bundles (&r, error);
  if (bundles == NULL)
    return FALSE;

  for (guint i = 0; i < bundles->len; i++)
    {
      while (queued < bundles->len && queued - i < MAX (1, max_in_flight))
        queue_bundle (&r, g_array_index (bundles, guint64, queued++));
      if (!process_bundle (&r, g_array_index (bundles, guint64, i), error))
        return FALSE;
    }
  *out_filled = r.filled;
  return TRUE;
}
