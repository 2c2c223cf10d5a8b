/* assay-central-dedup.c — exact duplicates: the entries table keyed by the body's keyed hash
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

#include "assay-bundle.h"
#include "assay-central-store-private.h"
#include "assay-error.h"

/* Each entry's row is keyed by the keyed SipHash of its body, so a body
 * is checked with one lookup, in hash order so the table fills
 * sequentially.  Two different bodies with one 64-bit hash (about one
 * chance in 10^7 in a log of a billion entries) are both kept: the later
 * one's row takes the next free key, and it has no duplicate protection. */

#define PREFETCH 8

static inline gint64
seq_of (const Queued *item)
{
  return item->key & QUEUE_SEQ_MASK;
}

/* Inserts the item's row at key; FALSE in *out_inserted if the key is taken. */
static gboolean
insert_row (AssayCentralStore  *store,
            const Queued       *item,
            gint64              key,
            gboolean           *out_inserted,
            GError            **error)
{
  sqlite3_stmt *stmt = store->stmts[STMT_INSERT_ENTRY];
  int rc;

  sqlite3_bind_int64 (stmt, 1, key);
  sqlite3_bind_int64 (stmt, 2, seq_of (item));
  if (item->idx >= 0)
    sqlite3_bind_int64 (stmt, 3, item->idx);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_text (stmt, 4, (const char *) store->accounts->data + item->account, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, item->event_day);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return central_db_error (store->db, error);
  *out_inserted = sqlite3_changes (store->db) == 1;
  return TRUE;
}

/* The later of two different bodies with one hash: the next free key. */
static gboolean
insert_probing (AssayCentralStore  *store,
                const Queued       *item,
                gint64             *out_key,
                GError            **error)
{
  guint64 key = (guint64) item->hash;
  gboolean inserted = FALSE;

  while (!inserted)
    {
      key++;
      if (!insert_row (store, item, (gint64) key, &inserted, error))
        return FALSE;
    }
  *out_key = (gint64) key;
  return TRUE;
}

static gboolean
spilled_body (AssayCentralStore  *store,
              const Queued       *item,
              char               *body,
              GError            **error)
{
  BodyRef ref = { item->offset, item->len, FALSE, item->hash };

  return central_body_read (store, &ref, body, error);
}

static gboolean
same_spilled (AssayCentralStore  *store,
              const Queued       *a,
              const Queued       *b,
              char               *buf_a,
              char               *buf_b,
              gboolean           *out_same,
              GError            **error)
{
  *out_same = FALSE;
  if (a->len != b->len)
    return TRUE;
  if (!spilled_body (store, a, buf_a, error) || !spilled_body (store, b, buf_b, error))
    return FALSE;
  *out_same = memcmp (buf_a, buf_b, a->len) == 0;
  return TRUE;
}

static gboolean
pending_body (AssayCentralStore  *store,
              gint64              seq,
              char               *body,
              gsize              *out_len,
              GError            **error)
{
  sqlite3_stmt *stmt = store->stmts[STMT_PENDING_BODY];
  gboolean ok;

  sqlite3_bind_int64 (stmt, 1, seq);
  ok = sqlite3_step (stmt) == SQLITE_ROW;
  if (ok)
    {
      *out_len = MIN ((gsize) sqlite3_column_bytes (stmt, 0), ASSAY_ENTRY_MAX_BODY);
      memcpy (body, sqlite3_column_blob (stmt, 0), *out_len);
    }
  sqlite3_reset (stmt);
  return ok || central_db_error (store->db, error);
}

static gboolean
published_body (AssayCentralStore  *store,
                guint64             idx,
                char               *body,
                gsize              *out_len,
                GError            **error)
{
  AssayBodyRef refs[ASSAY_BUNDLE_MAX_ENTRIES];
  g_autoptr(GBytes) bundle = NULL;
  guint width = 0, n = 0;

  bundle = central_read_body_bundle (store, idx / ASSAY_TILE_WIDTH, &width, error);
  if (bundle == NULL
      || !assay_body_bundle_decode (g_bytes_get_data (bundle, NULL), g_bytes_get_size (bundle),
                                    width, refs, &n, error))
    return FALSE;
  *out_len = refs[idx % ASSAY_TILE_WIDTH].len;
  memcpy (body, refs[idx % ASSAY_TILE_WIDTH].body, *out_len);
  return TRUE;
}

/* The body of an entries row: pending, published before this
 * transaction, or still in this transaction's queue. */
static gboolean
row_body (AssayCentralStore  *store,
          gint64              seq,
          gint64              idx,
          const Queued       *items,
          guint               n_items,
          char               *body,
          gsize              *out_len,
          GError            **error)
{
  if (idx < 0)
    return pending_body (store, seq, body, out_len, error);
  if ((guint64) idx < store->size)
    return published_body (store, idx, body, out_len, error);
  for (guint i = 0; i < n_items; i++)
    if (seq_of (&items[i]) == seq)
      {
        *out_len = items[i].len;
        return spilled_body (store, &items[i], body, error);
      }
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
               _("The entry stored as number %" PRId64 " has no body. The data directory "
                 "is damaged; restore it from a backup."), (int64_t) seq);
  return FALSE;
}

/* Looks the item's hash up: inserts its row, or finds the earlier entry
 * with the same body (*out_earlier, else -1). */
static gboolean
check_stored (AssayCentralStore  *store,
              const Queued       *item,
              const Queued       *items,
              guint               n_items,
              char               *buf_a,
              char               *buf_b,
              gint64             *out_key,
              gint64             *out_earlier,
              GError            **error)
{
  sqlite3_stmt *find = store->stmts[STMT_FIND_ENTRY];
  gboolean inserted = FALSE;
  gint64 seq, idx;
  gsize len = 0;
  int rc;

  *out_key = item->hash;
  if (!insert_row (store, item, item->hash, &inserted, error))
    return FALSE;
  if (inserted)
    return TRUE;

  sqlite3_bind_int64 (find, 1, item->hash);
  rc = sqlite3_step (find);
  seq = sqlite3_column_int64 (find, 0);
  idx = sqlite3_column_type (find, 1) == SQLITE_NULL ? -1 : sqlite3_column_int64 (find, 1);
  sqlite3_reset (find);
  if (rc != SQLITE_ROW)
    return central_db_error (store->db, error);
  if (!row_body (store, seq, idx, items, n_items, buf_a, &len, error)
      || !spilled_body (store, item, buf_b, error))
    return FALSE;
  if (len == item->len && memcmp (buf_a, buf_b, len) == 0)
    {
      *out_earlier = seq;
      return TRUE;
    }
  return insert_probing (store, item, out_key, error);
}

/* Looks among the items of this batch before order[i] with the same hash
 * (order[first .. i - 1]) for the same body; else inserts the row at the
 * next free key. */
static gboolean
check_batch (AssayCentralStore  *store,
             const Queued       *items,
             const SortItem     *order,
             guint               first,
             guint               i,
             char               *buf_a,
             char               *buf_b,
             gint64             *out_key,
             gint64             *out_earlier,
             GError            **error)
{
  const Queued *item = &items[order[i].index];

  for (guint j = first; j < i; j++)
    {
      const Queued *other = &items[order[j].index];
      gboolean same = FALSE;

      if (!same_spilled (store, other, item, buf_a, buf_b, &same, error))
        return FALSE;
      if (same)
        {
          *out_earlier = seq_of (other);
          return TRUE;
        }
    }
  return insert_probing (store, item, out_key, error);
}

static gboolean
insert_pending (AssayCentralStore  *store,
                const Queued       *item,
                gint64              key,
                char               *buf,
                GError            **error)
{
  sqlite3_stmt *stmt = store->stmts[STMT_INSERT_PENDING];
  int rc;

  if (!spilled_body (store, item, buf, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq_of (item));
  sqlite3_bind_int64 (stmt, 2, item->key >> QUEUE_SEQ_BITS);
  sqlite3_bind_int64 (stmt, 3, key);
  sqlite3_bind_blob (stmt, 4, buf, item->len, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return central_db_error (store->db, error);
  return TRUE;
}

/* Hash order, as the table's keys sort (signed); stable, so items with
 * one hash stay in import order. */
static SortItem *
sort_by_hash (const Queued *items,
              guint         n,
              SortItem     *a,
              SortItem     *b)
{
  for (guint i = 0; i < n; i++)
    {
      a[i].key = (guint64) items[i].hash ^ (G_GUINT64_CONSTANT (1) << 63);
      a[i].index = i;
    }
  return central_radix_sort (a, b, n);
}

gboolean
central_dedup_insert (AssayCentralStore  *store,
                      const Queued       *items,
                      guint               n,
                      gboolean            keep_pending,
                      GError            **error)
{
  g_autofree char *buf_a = g_malloc (ASSAY_ENTRY_MAX_BODY);
  g_autofree char *buf_b = g_malloc (ASSAY_ENTRY_MAX_BODY);
  g_autofree SortItem *a = g_new (SortItem, MAX (n, 1));
  g_autofree SortItem *b = g_new (SortItem, MAX (n, 1));
  const SortItem *order = sort_by_hash (items, n, a, b);
  guint first = 0;

  for (guint i = 0; i < n; i++)
    {
      const Queued *item = &items[order[i].index];
      gint64 earlier = -1, key = 0;
      gboolean ok;

      /* Hash order visits the queue at random: fetch ahead. */
      if (i + PREFETCH < n)
        {
          const Queued *ahead = &items[order[i + PREFETCH].index];

          __builtin_prefetch (ahead);
          __builtin_prefetch (store->accounts->data + ahead->account);
        }
      if (i + 2 * PREFETCH < n)
        __builtin_prefetch (&items[order[i + 2 * PREFETCH].index]);

      if (i == 0 || order[i].key != order[i - 1].key)
        first = i;
      if (first < i)
        ok = check_batch (store, items, order, first, i, buf_a, buf_b, &key, &earlier, error);
      else
        ok = check_stored (store, item, items, n, buf_a, buf_b, &key, &earlier, error);
      if (!ok)
        return FALSE;
      if (earlier >= 0)
        {
          if (store->duplicate_func != NULL)
            store->duplicate_func (item->line, earlier >= store->first_seq, store->duplicate_data);
        }
      /* A held item's body is in the held table already. */
      else if (item->idx == -1 && keep_pending
               && !insert_pending (store, item, key, buf_a, error))
        return FALSE;
    }
  return TRUE;
}
