/* assay-central-forget.c — the store's side of Article V erasure
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
#include <glib/gstdio.h>
#include <string.h>

#include "assay-bundle.h"
#include "assay-central-store-private.h"
#include "assay-day.h"
#include "assay-error.h"

typedef struct
{
  gint64 key;
  gint64 seq;
  gint64 idx;   /* -1: pending */
} Found;

static gboolean
find_entries (AssayCentralStore  *store,
              const char         *account,
              guint32             from_day,
              guint32             to_day,
              GArray             *found,
              GError            **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* A full scan: erasing is rare, and an index on accounts would cost
   * every import. */
  if (sqlite3_prepare_v2 (store->db, "SELECT key, seq, idx FROM entries WHERE account = ?1 "
                          "AND event_day BETWEEN ?2 AND ?3", -1, &stmt, NULL) != SQLITE_OK)
    return central_db_error (store->db, error);
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, from_day);
  sqlite3_bind_int64 (stmt, 3, to_day);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Found row = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_int64 (stmt, 1),
        sqlite3_column_type (stmt, 2) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 2),
      };

      g_array_append_val (found, row);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return central_db_error (store->db, error);
  return TRUE;
}

/* A pending or held body (the dedup statement reads both queues). */
static char *
queued_body (AssayCentralStore  *store,
             gint64              seq,
             gsize              *out_len,
             GError            **error)
{
  sqlite3_stmt *stmt = store->stmts[STMT_PENDING_BODY];
  char *body = NULL;

  sqlite3_bind_int64 (stmt, 1, seq);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *out_len = sqlite3_column_bytes (stmt, 0);
      body = g_strndup (sqlite3_column_blob (stmt, 0), *out_len);
    }
  sqlite3_reset (stmt);
  if (body == NULL)
    central_db_error (store->db, error);
  return body;
}

/* The body of a found row: from its body bundle once published (the
 * bundle read last is kept, since an account's rows cluster), else from
 * the pending or held queue. */
static char *
row_body (AssayCentralStore  *store,
          const Found        *row,
          GBytes            **bundle,
          guint64            *bundle_n,
          gsize              *out_len,
          GError            **error)
{
  AssayBodyRef refs[ASSAY_BUNDLE_MAX_ENTRIES];
  guint width = 0, count = 0;

  if (row->idx < 0)
    return queued_body (store, row->seq, out_len, error);
  if (*bundle == NULL || *bundle_n != (guint64) row->idx / ASSAY_TILE_WIDTH)
    {
      g_clear_pointer (bundle, g_bytes_unref);
      *bundle_n = row->idx / ASSAY_TILE_WIDTH;
      if ((*bundle = central_read_body_bundle (store, *bundle_n, &width, error)) == NULL)
        return NULL;
    }
  width = MIN (store->size - *bundle_n * ASSAY_TILE_WIDTH, ASSAY_TILE_WIDTH);
  if (!assay_body_bundle_decode (g_bytes_get_data (*bundle, NULL), g_bytes_get_size (*bundle), width,
                                 refs, &count, error))
    return NULL;
  *out_len = refs[row->idx % ASSAY_TILE_WIDTH].len;
  return g_strndup (refs[row->idx % ASSAY_TILE_WIDTH].body, *out_len);
}

/* Keeps the found rows that are events and redemptions: the entries
 * table does not say an entry's kind, so the bodies do. */
static gboolean
keep_records (AssayCentralStore  *store,
              GArray             *found,
              GError            **error)
{
  g_autoptr(GBytes) bundle = NULL;
  guint64 bundle_n = 0;
  guint kept = 0;

  for (guint i = 0; i < found->len; i++)
    {
      const Found *row = &g_array_index (found, Found, i);
      gsize len = 0;
      g_autofree char *body = row_body (store, row, &bundle, &bundle_n, &len, error);
      g_autoptr(AssayEntry) entry = NULL;

      if (body == NULL)
        return FALSE;
      entry = len > 0 ? assay_entry_parse (body, len, NULL) : NULL;
      if (entry != NULL && (entry->kind == ASSAY_ENTRY_EVENT || entry->kind == ASSAY_ENTRY_REDEMPTION))
        g_array_index (found, Found, kept++) = *row;
    }
  g_array_set_size (found, kept);
  return TRUE;
}

static int
compare_indices (gconstpointer a,
                 gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return (x > y) - (x < y);
}

/* Deletes the rows (and pending bodies); secure_delete overwrites the
 * freed bytes.  Returns the erased leaves, sorted. */
static GArray *
delete_rows (AssayCentralStore  *store,
             GArray             *found,
             guint64            *out_n_pending,
             GError            **error)
{
  g_autoptr(GArray) leaves = g_array_new (FALSE, FALSE, sizeof (guint64));
  sqlite3_stmt *del_entry = NULL, *del_pending = NULL, *del_held = NULL;
  gboolean ok;

  /* A held body (idx NULL, as a pending one) is erased with the pending
   * ones: held or refused, no copy of it stays behind. */
  ok = sqlite3_prepare_v2 (store->db, "DELETE FROM entries WHERE key = ?1", -1, &del_entry, NULL) == SQLITE_OK
       && sqlite3_prepare_v2 (store->db, "DELETE FROM pending WHERE seq = ?1", -1, &del_pending, NULL) == SQLITE_OK
       && sqlite3_prepare_v2 (store->db, "DELETE FROM held WHERE seq = ?1", -1, &del_held, NULL) == SQLITE_OK;
  *out_n_pending = 0;
  for (guint i = 0; ok && i < found->len; i++)
    {
      const Found *row = &g_array_index (found, Found, i);

      sqlite3_bind_int64 (del_entry, 1, row->key);
      ok = sqlite3_step (del_entry) == SQLITE_DONE;
      sqlite3_reset (del_entry);
      if (ok && row->idx < 0)
        {
          sqlite3_bind_int64 (del_pending, 1, row->seq);
          ok = sqlite3_step (del_pending) == SQLITE_DONE;
          *out_n_pending += sqlite3_changes (store->db);
          sqlite3_reset (del_pending);
          sqlite3_bind_int64 (del_held, 1, row->seq);
          ok = ok && sqlite3_step (del_held) == SQLITE_DONE;
          *out_n_pending += sqlite3_changes (store->db);
          sqlite3_reset (del_held);
        }
      else if (ok)
        {
          guint64 idx = row->idx;

          g_array_append_val (leaves, idx);
        }
    }
  if (!ok)
    central_db_error (store->db, error);
  sqlite3_finalize (del_entry);
  sqlite3_finalize (del_pending);
  sqlite3_finalize (del_held);
  if (!ok)
    return NULL;
  g_array_sort (leaves, compare_indices);
  return g_steal_pointer (&leaves);
}

/* Rewrites body bundle N of the committed tree from its file, with B = 0
 * records for the erased leaves in leaves[*pos ..]; and removes older
 * partial versions of it, which still hold the bodies. */
static gboolean
rewrite_body_bundle (AssayCentralStore  *store,
                     guint64             n,
                     GArray             *leaves,
                     guint              *pos,
                     GError            **error)
{
  AssayBodyRef refs[ASSAY_BUNDLE_MAX_ENTRIES];
  g_autoptr(GBytes) old = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autofree char *full_rel = assay_tile_body_path (n, ASSAY_TILE_WIDTH);
  g_autofree char *partial_dir = g_strconcat (store->dir, "/", full_rel, ".p", NULL);
  g_autofree char *rel = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  guint width = 0, count = 0;

  old = central_read_body_bundle (store, n, &width, error);
  if (old == NULL
      || !assay_body_bundle_decode (g_bytes_get_data (old, NULL), g_bytes_get_size (old),
                                    width, refs, &count, error))
    return FALSE;
  for (guint i = 0; i < width; i++)
    {
      guint64 idx = n * ASSAY_TILE_WIDTH + i;

      if (*pos < leaves->len && g_array_index (leaves, guint64, *pos) == idx)
        {
          assay_body_bundle_append_erased (data);
          (*pos)++;
        }
      else if (refs[i].len == 0)
        assay_body_bundle_append_erased (data);
      else
        assay_body_bundle_append (data, refs[i].salt, refs[i].body, refs[i].len);
    }
  rel = assay_tile_body_path (n, width);
  if (!central_write_file_atomic (store->dir, rel, data->data, data->len, TRUE, error))
    return FALSE;

  d = g_dir_open (partial_dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (partial_dir, name, NULL);

      if (width == ASSAY_TILE_WIDTH || g_ascii_strtoull (name, NULL, 10) != width)
        g_unlink (path);
    }
  return TRUE;
}

static char *
tombstone_json (const guint64 *idx,
                guint          n,
                guint32        issued_day)
{
  g_autofree char *issued = assay_day_format (issued_day);
  GString *json = g_string_new ("{\"kind\":\"tombstone\",\"erased\":[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s%" G_GUINT64_FORMAT, i > 0 ? "," : "", idx[i]);
  g_string_append_printf (json, "],\"issued\":\"%s\"}", issued);
  return g_string_free (json, FALSE);
}

/* Appends tombstones naming the erased leaves, as many as it takes to keep
 * each body within the size limit.  Import refuses tombstones, so they
 * need no entries row. */
static gboolean
append_tombstones (AssayCentralStore  *store,
                   GArray             *leaves,
                   guint32             issued_day,
                   GError            **error)
{
  /* 20 digits and a comma per index, plus the fixed part. */
  const guint per_body = (ASSAY_ENTRY_MAX_BODY - 64) / 21;

  for (guint start = 0; start < leaves->len; start += per_body)
    {
      guint n = MIN (per_body, leaves->len - start);
      g_autofree char *body = tombstone_json (&g_array_index (leaves, guint64, start), n, issued_day);
      gsize len = strlen (body);
      g_autoptr(AssayEntry) entry = assay_entry_parse (body, len, error);
      guint8 salt[ASSAY_SALT_SIZE];

      if (entry == NULL)
        return FALSE;
      randombytes_buf (salt, sizeof salt);
      if (!central_tiles_append (store, salt, body, len, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
assay_central_store_erase (AssayCentralStore  *store,
                           const char         *account,
                           guint32             from_day,
                           guint32             to_day,
                           gboolean            records_only,
                           guint32             issued_day,
                           guint64            *out_n_erased,
                           guint64            *out_n_pending,
                           GError            **error)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Found));
  g_autoptr(GArray) leaves = NULL;
  guint pos = 0;

  g_return_val_if_fail (store->in_txn, FALSE);
  /* The partial body bundle must be reloaded after the rewrite below. */
  g_return_val_if_fail (store->builder == NULL, FALSE);

  if (!find_entries (store, account, from_day, to_day, found, error)
      || (records_only && !keep_records (store, found, error)))
    return FALSE;
  leaves = delete_rows (store, found, out_n_pending, error);
  if (leaves == NULL)
    return FALSE;
  *out_n_erased = leaves->len;

  while (pos < leaves->len)
    if (!rewrite_body_bundle (store, g_array_index (leaves, guint64, pos) / ASSAY_TILE_WIDTH,
                              leaves, &pos, error))
      return FALSE;
  if (leaves->len == 0)
    return TRUE;
  return central_tiles_load (store, error) && append_tombstones (store, leaves, issued_day, error);
}
