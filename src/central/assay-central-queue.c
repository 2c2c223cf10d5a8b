/* assay-central-queue.c — entries of one import: the spill file, the queue, joining the log
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

#define _GNU_SOURCE /* O_TMPFILE */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assay-central-store-private.h"
#include "assay-error.h"

/* Bodies are read back from the input, in log order, when they join the
 * log, so an import writes each body once (to its body bundle).  The
 * spill file, unlinked in the data directory, holds what cannot be read
 * back: a copy of an input that is not a regular file, and the bodies
 * that join the log from the pending table. */
#define SPILL_BUFFER (1024 * 1024)

static gboolean
spill_open (AssayCentralStore  *store,
            GError            **error)
{
  g_autofree char *path = NULL;

  store->spill_fd = open (store->dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (store->spill_fd < 0)
    {
      /* No O_TMPFILE on this file system: a named file, unlinked at once. */
      path = g_build_filename (store->dir, "import.spill.XXXXXX", NULL);
      store->spill_fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);
      if (store->spill_fd < 0)
        return central_io_error (error, path, errno);
      g_unlink (path);
    }
  store->spill_size = 0;
  store->spill_buf = g_byte_array_sized_new (SPILL_BUFFER);
  return TRUE;
}

static gboolean
spill_flush (AssayCentralStore  *store,
             GError            **error)
{
  const guint8 *data = store->spill_buf->data;
  gsize done = 0;

  while (done < store->spill_buf->len)
    {
      ssize_t n = pwrite (store->spill_fd, data + done, store->spill_buf->len - done,
                          store->spill_size + done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return central_io_error (error, store->dir, errno);
      done += n;
    }
  store->spill_size += done;
  g_byte_array_set_size (store->spill_buf, 0);
  return TRUE;
}

/* Appends bytes to the spill file; returns their offset. */
static gboolean
spill_append (AssayCentralStore  *store,
              const void         *data,
              gsize               len,
              guint64            *out_offset,
              GError            **error)
{
  if (store->spill_fd < 0 && !spill_open (store, error))
    return FALSE;
  if (store->spill_buf->len + len > SPILL_BUFFER && !spill_flush (store, error))
    return FALSE;
  if (out_offset != NULL)
    *out_offset = store->spill_size + store->spill_buf->len;
  if (len >= SPILL_BUFFER)
    {
      g_byte_array_append (store->spill_buf, data, len);
      return spill_flush (store, error);
    }
  g_byte_array_append (store->spill_buf, data, len);
  return TRUE;
}

gboolean
assay_central_store_set_input (AssayCentralStore  *store,
                               int                 fd,
                               gboolean           *out_copy,
                               GError            **error)
{
  struct stat st;

  g_return_val_if_fail (store->in_txn, FALSE);

  *out_copy = fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || lseek (fd, 0, SEEK_CUR) != 0;
  if (!*out_copy)
    {
      store->input_fd = fd;
      return TRUE;
    }
  if (store->spill_fd < 0 && !spill_open (store, error))
    return FALSE;
  g_return_val_if_fail (store->spill_size + store->spill_buf->len == 0, FALSE);
  store->input_fd = store->spill_fd;
  return TRUE;
}

gboolean
assay_central_store_copy_input (AssayCentralStore  *store,
                                const void         *data,
                                gsize               len,
                                GError            **error)
{
  g_return_val_if_fail (store->input_fd >= 0 && store->input_fd == store->spill_fd, FALSE);

  return spill_append (store, data, len, NULL, error);
}

static gint64
body_hash (AssayCentralStore *store,
           const char        *body,
           gsize              len)
{
  guint8 out[crypto_shorthash_BYTES];
  gint64 hash;

  crypto_shorthash (out, (const guint8 *) body, len, store->dedup_key);
  memcpy (&hash, out, sizeof hash);
  return hash;
}

gboolean
central_body_read (AssayCentralStore  *store,
                   const BodyRef      *ref,
                   char               *body,
                   GError            **error)
{
  int fd = ref->from_spill ? store->spill_fd : store->input_fd;
  ssize_t n;

  if (fd == store->spill_fd && ref->offset + ref->len > store->spill_size
      && !spill_flush (store, error))
    return FALSE;
  do
    n = pread (fd, body, ref->len, ref->offset);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    return central_io_error (error, store->dir, errno);
  if (n != (ssize_t) ref->len || (!ref->from_spill && body_hash (store, body, ref->len) != ref->hash))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO,
                   _("The input changed while it was being imported. Import it again once "
                     "nothing writes to it."));
      return FALSE;
    }
  return TRUE;
}

void
central_salt (AssayCentralStore *store,
              guint64            idx,
              guint8             salt[ASSAY_SALT_SIZE])
{
  guint8 nonce[crypto_stream_chacha20_ietf_NONCEBYTES] = { 0 };

  for (guint i = 0; i < 8; i++)
    nonce[i] = idx >> (8 * i);
  crypto_stream_chacha20_ietf (salt, ASSAY_SALT_SIZE, nonce, store->salt_key);
}

void
central_queue_clear (AssayCentralStore *store)
{
  g_clear_pointer (&store->queue, g_array_unref);
  g_clear_pointer (&store->accounts, g_byte_array_unref);
  g_clear_pointer (&store->leaf_bounds, g_hash_table_unref);
  g_clear_pointer (&store->spill_buf, g_byte_array_unref);
  if (store->spill_fd >= 0)
    close (store->spill_fd);
  store->spill_fd = -1;
  store->spill_size = 0;
  store->input_fd = -1;
  sodium_memzero (store->salt_key, sizeof store->salt_key);
}

/* ---- adding ----------------------------------------------------------- */

void
assay_central_store_seal (AssayCentralStore  *store,
                          const char         *body,
                          gsize               len,
                          const AssayEntry   *entry,
                          AssayCentralSealed *out)
{
  guint64 leaf = 0;

  g_return_if_fail (entry->account != NULL && strlen (entry->account) <= ASSAY_CENTRAL_ACCOUNT_MAX);

  out->hash = body_hash (store, body, len);
  out->leaf_field = NULL;
  out->leaf_bound = assay_entry_get_filing_leaf (entry, &leaf, &out->leaf_field) ? leaf + 1 : 0;
  out->event_day = entry->event_day;
  out->publication_day = entry->publication_day;
  g_strlcpy (out->account, entry->account, sizeof out->account);
}

/* Queue keys sort as (publication day, import order). */
static inline guint64
queue_key (guint32 pub_day,
           gint64  seq)
{
  return ((guint64) pub_day << QUEUE_SEQ_BITS) | (guint64) seq;
}

static void
remember_leaf_bound (AssayCentralStore        *store,
                     gint64                    seq,
                     const AssayCentralSealed *sealed,
                     guint64                   line)
{
  LeafBound *bound = g_new (LeafBound, 1);

  if (store->leaf_bounds == NULL)
    store->leaf_bounds = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  bound->seq = seq;
  bound->bound = sealed->leaf_bound;
  bound->line = line;
  bound->field = sealed->leaf_field;
  g_hash_table_insert (store->leaf_bounds, &bound->seq, bound);
}

gboolean
assay_central_store_add (AssayCentralStore        *store,
                         guint64                   offset,
                         gsize                     len,
                         const AssayCentralSealed *sealed,
                         guint64                   line,
                         GError                  **error)
{
  Queued item;

  g_return_val_if_fail (store->in_txn && store->input_fd >= 0, FALSE);
  g_return_val_if_fail (len > 0 && len <= ASSAY_ENTRY_MAX_BODY, FALSE);
  g_return_val_if_fail (store->next_seq <= (gint64) QUEUE_SEQ_MASK, FALSE);

  if (sealed->leaf_bound > 0)
    remember_leaf_bound (store, store->next_seq, sealed, line);
  item.key = queue_key (sealed->publication_day, store->next_seq++);
  item.hash = sealed->hash;
  item.line = line;
  item.offset = offset;
  item.len = len;
  item.event_day = sealed->event_day;
  item.account = store->accounts->len;
  item.idx = -1;
  g_byte_array_append (store->accounts, (const guint8 *) sealed->account, strlen (sealed->account) + 1);
  g_array_append_val (store->queue, item);
  if (store->queue->len >= QUEUE_MAX)
    return central_queue_spill (store, error);
  return TRUE;
}

/* The queue's items are checked and recorded, so they are done with. */
static void
queue_reset (AssayCentralStore *store)
{
  g_array_set_size (store->queue, 0);
  g_byte_array_set_size (store->accounts, 0);
}

gboolean
central_queue_spill (AssayCentralStore  *store,
                     GError            **error)
{
  if (!central_dedup_insert (store, (const Queued *) store->queue->data, store->queue->len, TRUE, error))
    return FALSE;
  queue_reset (store);
  return TRUE;
}

gboolean
assay_central_store_check_duplicates (AssayCentralStore  *store,
                                      GError            **error)
{
  g_return_val_if_fail (store->in_txn, FALSE);

  return central_queue_spill (store, error);
}

/* ---- joining the log -------------------------------------------------- */

/* A pending row from an earlier import that joins the log now. */
typedef struct
{
  gint64 key;
  gint64 idx;
} Published;

/* Spills a pending body for the appender. */
static gboolean
spill_pending_row (AssayCentralStore  *store,
                   sqlite3_stmt       *stmt,
                   BodyRef            *out_ref,
                   GError            **error)
{
  out_ref->len = sqlite3_column_bytes (stmt, 2);
  out_ref->from_spill = TRUE;
  out_ref->hash = 0;
  return spill_append (store, sqlite3_column_blob (stmt, 2), out_ref->len, &out_ref->offset, error);
}

/* A due entry of this import that the hold function may keep back; its
 * body is read back only when something is paused at all. */
static gboolean
hold_queued (AssayCentralStore  *store,
             const Queued       *item,
             const BodyRef      *ref,
             gboolean           *out_held,
             GError            **error)
{
  g_autofree char *body = NULL;

  *out_held = FALSE;
  if (store->hold_func == NULL)
    return TRUE;
  body = g_malloc (ref->len);
  return central_body_read (store, ref, body, error)
         && central_held_consider (store, body, ref->len, item->key & QUEUE_SEQ_MASK, out_held, error);
}

static gboolean
hold_pending_row (AssayCentralStore  *store,
                  sqlite3_stmt       *stmt,
                  gboolean           *out_held,
                  GError            **error)
{
  *out_held = FALSE;
  if (store->hold_func == NULL)
    return TRUE;
  return central_held_consider (store, sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2),
                                sqlite3_column_int64 (stmt, 1), out_held, error);
}

/* A filing of this transaction that joins the log at `idx` must name
 * only leaves below it, or no replica could verify the log past it
 * (README "Filings"); it is checked once. */
static gboolean
check_leaf_bound (AssayCentralStore  *store,
                  gint64              seq,
                  guint64             idx,
                  GError            **error)
{
  LeafBound *bound;

  if (store->leaf_bounds == NULL || (bound = g_hash_table_lookup (store->leaf_bounds, &seq)) == NULL)
    return TRUE;
  if (bound->bound <= idx)
    {
      g_hash_table_remove (store->leaf_bounds, &seq);
      return TRUE;
    }
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
               _("line %" PRIu64 ": field “%s”: entry %" PRIu64 " is not logged before the filing, "
                 "which joins the log at index %" PRIu64 "; a filing may name only entries logged "
                 "before it."),
               bound->line, bound->field, bound->bound - 1, idx);
  return FALSE;
}

/* The filings left wait for their day: they will join the log at `size`
 * or later, so what they name must be below it already. */
static gboolean
check_pending_leaf_bounds (AssayCentralStore  *store,
                           guint64             size,
                           GError            **error)
{
  GHashTableIter iter;
  LeafBound *bound;

  if (store->leaf_bounds == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, store->leaf_bounds);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &bound))
    if (bound->bound > size)
      {
        g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                     _("line %" PRIu64 ": field “%s”: entry %" PRIu64 " is not in the log, which "
                       "holds %" PRIu64 " entries when the filing waits for its day; a filing may "
                       "name only entries logged before it."),
                     bound->line, bound->field, bound->bound - 1, size);
        return FALSE;
      }
  return TRUE;
}

/* Puts the due entries, from the pending table and from the queue, in log
 * order: the queue's items get their leaf index, the pending rows go to
 * `published`, and `refs` lists the spill records to append. */
static gboolean
plan_log_order (AssayCentralStore  *store,
                guint32             today,
                guint64             first_idx,
                GArray             *refs,
                GArray             *published,
                GError            **error)
{
  Queued *items = (Queued *) store->queue->data;
  guint n_items = store->queue->len;
  g_autofree SortItem *a = g_new (SortItem, MAX (n_items, 1));
  g_autofree SortItem *b = g_new (SortItem, MAX (n_items, 1));
  const SortItem *order;
  guint next = 0;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  for (guint i = 0; i < n_items; i++)
    {
      a[i].key = items[i].key;
      a[i].index = i;
    }
  order = central_radix_sort (a, b, n_items);
  if (sqlite3_prepare_v2 (store->db, "SELECT pub_day, seq, body, key FROM pending "
                          "WHERE pub_day <= ?1 ORDER BY pub_day, seq", -1, &stmt, NULL) != SQLITE_OK)
    return central_db_error (store->db, error);
  sqlite3_bind_int64 (stmt, 1, today);
  rc = sqlite3_step (stmt);
  for (;;)
    {
      guint64 pending_key = rc == SQLITE_ROW ? queue_key (sqlite3_column_int64 (stmt, 0),
                                                          sqlite3_column_int64 (stmt, 1))
                                             : G_MAXUINT64;
      Queued *item = next < n_items ? &items[order[next].index] : NULL;
      guint64 idx = first_idx + refs->len;
      BodyRef ref = { 0 };

      gboolean held = FALSE;

      if (item != NULL && item->key < pending_key && (item->key >> QUEUE_SEQ_BITS) <= today)
        {
          ref.offset = item->offset;
          ref.len = item->len;
          ref.from_spill = FALSE;
          ref.hash = item->hash;
          next++;
          ok = hold_queued (store, item, &ref, &held, error)
               && (held || check_leaf_bound (store, item->key & QUEUE_SEQ_MASK, idx, error));
          if (!ok)
            break;
          item->idx = held ? QUEUED_HELD : (gint64) idx;
        }
      else if (rc == SQLITE_ROW)
        {
          Published row = { sqlite3_column_int64 (stmt, 3), idx };

          ok = hold_pending_row (store, stmt, &held, error)
               && (held || check_leaf_bound (store, sqlite3_column_int64 (stmt, 1), idx, error))
               && (held || spill_pending_row (store, stmt, &ref, error));
          if (!ok)
            break;
          if (!held)
            g_array_append_val (published, row);
          rc = sqlite3_step (stmt);
        }
      else
        break;
      if (!held)
        g_array_append_val (refs, ref);
    }
  sqlite3_finalize (stmt);
  if (ok && rc != SQLITE_DONE)
    return central_db_error (store->db, error);
  return ok && check_pending_leaf_bounds (store, first_idx + refs->len, error);
}

/* The pending rows that joined the log get their leaf index and leave the
 * pending table. */
static gboolean
record_published (AssayCentralStore  *store,
                  GArray             *published,
                  guint32             today,
                  GError            **error)
{
  sqlite3_stmt *update = store->stmts[STMT_PUBLISH_ENTRY];
  sqlite3_stmt *stmt = NULL;
  int rc;

  for (guint i = 0; i < published->len; i++)
    {
      const Published *row = &g_array_index (published, Published, i);

      sqlite3_bind_int64 (update, 1, row->key);
      sqlite3_bind_int64 (update, 2, row->idx);
      rc = sqlite3_step (update);
      sqlite3_reset (update);
      if (rc != SQLITE_DONE)
        return central_db_error (store->db, error);
    }
  /* Every due row left the pending table: for the log or for the held table. */
  if (published->len == 0 && store->n_held == 0)
    return TRUE;
  if (sqlite3_prepare_v2 (store->db, "DELETE FROM pending WHERE pub_day <= ?1", -1, &stmt, NULL) != SQLITE_OK)
    return central_db_error (store->db, error);
  sqlite3_bind_int64 (stmt, 1, today);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return central_db_error (store->db, error);
  return TRUE;
}

gboolean
assay_central_store_integrate (AssayCentralStore  *store,
                               guint32             today,
                               guint64            *out_n_added,
                               GError            **error)
{
  g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (BodyRef));
  g_autoptr(GArray) published = g_array_new (FALSE, FALSE, sizeof (Published));
  CentralAppender *appender = NULL;
  gboolean ok;

  g_return_val_if_fail (store->in_txn, FALSE);

  if (!central_tiles_load (store, error)
      || !plan_log_order (store, today, assay_merkle_builder_get_size (store->builder),
                          refs, published, error)
      || (store->spill_fd >= 0 && !spill_flush (store, error)))
    return FALSE;

  /* The appender's threads read, hash and append the bodies while this
   * thread checks duplicates and records the entries. */
  if (refs->len > 0)
    appender = central_appender_start (store, refs);
  ok = central_dedup_insert (store, (const Queued *) store->queue->data, store->queue->len, TRUE, error)
       && record_published (store, published, today, error);
  if (appender != NULL && !central_appender_finish (appender, ok ? error : NULL))
    ok = FALSE;
  queue_reset (store);
  if (ok && out_n_added != NULL)
    *out_n_added = refs->len;
  return ok;
}
