/* assay-replica-values-read.c — every account's decayed sums, in order or by ranges in parallel
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

#include "assay-error.h"
#include "assay-replica-private.h"
#include "assay-replica-values.h"
#include "assay-replica-values-private.h"

/* Blocks [lo, hi] read on `db`.  On the replica's own connection a block
 * that does not decode is made at once from the aggregates; on another
 * its number is kept, to be made on the replica's own afterwards (the
 * aggregates are only known to be the same on the one connection). */
typedef struct
{
  sqlite3               *db;
  gboolean               own_db;
  const AssayValueBasis *basis;
  gint64                 lo, hi;
  AssayValueChunkFunc    func;
  gpointer               user_data;
  GArray                *damaged;     /* guint64 block numbers */
  GError                *error;
} Range;

static gboolean
emit (const AssayValueBlock  *b,
      AssayValueChunkFunc     func,
      gpointer                user_data,
      GError                **error)
{
  gint64 n_events[ASSAY_VALUE_BLOCK_SIZE];
  AssayValueChunk chunk;

  if (b->n == 0)
    return TRUE;
  for (guint i = 0; i < b->n; i++)
    n_events[i] = b->counts[i][0];
  chunk = (AssayValueChunk) { b->n, b->n_periods, b->account_id, n_events, b->kind, b->county, b->sums };
  return func (&chunk, user_data, error);
}

/* One stored row into `b`; FALSE (with the error) if it must be made
 * and that fails; `*out_later` when it is left to be made afterwards. */
static gboolean
load_row (Range           *range,
          sqlite3_stmt    *stmt,
          AssayValueBlock *b,
          gboolean        *out_later)
{
  _assay_value_block_clear (b, sqlite3_column_int64 (stmt, 0), range->basis->n_periods);
  *out_later = FALSE;
  if (_assay_value_block_decode (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1), b))
    return TRUE;
  if (range->own_db)
    return _assay_value_block_make (range->db, range->basis, b, &range->error);
  g_array_append_val (range->damaged, b->block);
  *out_later = TRUE;
  return TRUE;
}

static gpointer
read_range (gpointer data)
{
  Range *range = data;
  g_autofree AssayValueBlock *b = g_new (AssayValueBlock, 1);
  sqlite3_stmt *stmt = _assay_db_prepare (range->db, "SELECT block, data FROM value_columns "
                                                     "WHERE block BETWEEN ?1 AND ?2 ORDER BY block",
                                          &range->error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, range->lo);
  sqlite3_bind_int64 (stmt, 2, range->hi);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean later;

      if (!load_row (range, stmt, b, &later) ||
          (!later && !emit (b, range->func, range->user_data, &range->error)))
        break;
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _assay_db_set_error (range->db, &range->error);
  sqlite3_finalize (stmt);
  return NULL;
}

static void
range_clear (Range *range)
{
  if (!range->own_db && range->db != NULL)
    sqlite3_close (range->db);
  g_clear_pointer (&range->damaged, g_array_unref);
  g_clear_error (&range->error);
}

/* ---- by ranges, in parallel ----------------------------------------------------------------------- */

/* A connection of its own whose read transaction sees the blocks the
 * replica's connection sees (`state`); NULL otherwise, or if it cannot
 * be opened.  The transaction stays open until it is closed. */
static sqlite3 *
open_same_reader (AssayReplica *self,
                  const char   *state)
{
  const char *path = assay_replica_get_path (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *seen = NULL;
  sqlite3 *db;

  if (path == NULL || (db = _assay_replica_db_open_reader (path, &error)) == NULL)
    {
      g_debug ("Value sums read in order: %s", error != NULL ? error->message : "no path");
      return NULL;
    }
  if (_assay_db_exec (db, "BEGIN", NULL) && g_strcmp0 (seen = _assay_value_blocks_state (db), state) == 0)
    return db;
  g_debug ("Value sums read in order: they changed while a second connection opened");
  sqlite3_close (db);
  return NULL;
}

/* The first and last stored block into `lo` and `hi`, left as they are
 * if there is none. */
static gboolean
block_bounds (sqlite3  *db,
              gint64   *lo,
              gint64   *hi,
              GError  **error)
{
  sqlite3_stmt *stmt = _assay_db_prepare (db, "SELECT min (block), max (block) FROM value_columns", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      *lo = sqlite3_column_int64 (stmt, 0);
      *hi = sqlite3_column_int64 (stmt, 1);
    }
  if (rc != SQLITE_ROW)
    _assay_db_set_error (db, error);
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW;
}

/* Splits [lo, hi] among the ranges: the first on the replica's own
 * connection, the others on their own; FALSE if one cannot be opened. */
static gboolean
open_ranges (AssayReplica *self,
             Range        *ranges,
             guint         n_ranges,
             gint64        lo,
             gint64        hi)
{
  g_autofree char *state = _assay_value_blocks_state (ranges[0].db);
  gint64 width = (hi - lo) / n_ranges + 1;

  ranges[0].hi = lo + width - 1;
  for (guint i = 1; i < n_ranges; i++)
    {
      ranges[i] = (Range) { NULL, FALSE, ranges[0].basis, lo + i * width,
                            i + 1 == n_ranges ? hi : lo + (i + 1) * width - 1, ranges[0].func, ranges[0].user_data,
                            g_array_new (FALSE, FALSE, sizeof (guint64)) };
      if ((ranges[i].db = open_same_reader (self, state)) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Runs the ranges, the first in this thread, then makes the blocks the
 * others could not decode; the first error wins. */
static gboolean
run_ranges (Range   *ranges,
            guint    n_ranges,
            GError **error)
{
  GThread *threads[ASSAY_VALUE_MAX_READERS] = { NULL };
  g_autofree AssayValueBlock *b = g_new (AssayValueBlock, 1);

  for (guint i = 1; i < n_ranges; i++)
    threads[i] = g_thread_new ("assay-values", read_range, &ranges[i]);
  read_range (&ranges[0]);
  for (guint i = 1; i < n_ranges; i++)
    g_thread_join (threads[i]);
  for (guint i = 0; i < n_ranges; i++)
    if (ranges[i].error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&ranges[i].error));
        return FALSE;
      }
  for (guint i = 1; i < n_ranges; i++)
    for (guint k = 0; k < ranges[i].damaged->len; k++)
      {
        _assay_value_block_clear (b, g_array_index (ranges[i].damaged, guint64, k), ranges[0].basis->n_periods);
        if (!_assay_value_block_make (ranges[0].db, ranges[0].basis, b, error) ||
            !emit (b, ranges[0].func, ranges[0].user_data, error))
          return FALSE;
      }
  return TRUE;
}

/* `all` covers every stored block, [lo, hi]; read in order, or by ranges
 * if asked and possible. */
static gboolean
read_blocks (AssayReplica *self,
             Range        *all,
             gboolean      parallel,
             GError      **error)
{
  Range ranges[ASSAY_VALUE_MAX_READERS] = { { 0 } };
  guint n_ranges = parallel ? CLAMP (g_get_num_processors (), 1, ASSAY_VALUE_MAX_READERS) : 1;
  gboolean ok;

  n_ranges = CLAMP (all->hi - all->lo + 1, 1, (gint64) n_ranges);
  ranges[0] = *all;
  if (n_ranges < 2 || !open_ranges (self, ranges, n_ranges, all->lo, all->hi))
    {
      for (guint i = 1; i < n_ranges; i++)
        range_clear (&ranges[i]);
      read_range (all);
      if (all->error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&all->error));
      return FALSE;
    }
  ok = run_ranges (ranges, n_ranges, error);
  for (guint i = 0; i < n_ranges; i++)
    range_clear (&ranges[i]);
  return ok;
}

/* ---- in one read transaction under the basis ------------------------------------------------------ */

static gboolean
read_values (AssayReplica           *self,
             const AssayValueBasis  *basis,
             AssayValueStartFunc     start,
             AssayValueChunkFunc     func,
             gpointer                user_data,
             gboolean                parallel,
             GError                **error)
{
  sqlite3 *db = _assay_replica_get_db (self);
  g_autofree char *wanted = _assay_value_basis_text (basis);
  g_autofree char *stored = NULL;
  Range all = { db, TRUE, basis, 0, -1, func, user_data };   /* [0, -1]: no block yet */
  gboolean ok;

  if (!_assay_db_exec (db, "SAVEPOINT assay_values", error))
    return FALSE;
  stored = _assay_value_stored_basis (db);
  if (g_strcmp0 (stored, wanted) != 0)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                           _("The replica's value sums were made under other weights periods or another "
                             "decay rate; refresh them first."));
      ok = FALSE;
    }
  else
    /* Every account number is below 64 × (the last block + 1). */
    ok = block_bounds (db, &all.lo, &all.hi, error) &&
         (start == NULL || start ((gsize) (all.hi + 1) * ASSAY_VALUE_BLOCK_SIZE, user_data, error)) &&
         read_blocks (self, &all, parallel, error);
  sqlite3_exec (db, "RELEASE assay_values", NULL, NULL, NULL);
  return ok;
}

gboolean
assay_replica_values_foreach (AssayReplica           *self,
                              const AssayValueBasis  *basis,
                              AssayValueStartFunc     start,
                              AssayValueChunkFunc     func,
                              gpointer                user_data,
                              GError                **error)
{
  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (basis != NULL && func != NULL, FALSE);

  return read_values (self, basis, start, func, user_data, FALSE, error);
}

gboolean
assay_replica_values_foreach_parallel (AssayReplica           *self,
                                       const AssayValueBasis  *basis,
                                       AssayValueStartFunc     start,
                                       AssayValueChunkFunc     func,
                                       gpointer                user_data,
                                       GError                **error)
{
  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (basis != NULL && func != NULL, FALSE);

  return read_values (self, basis, start, func, user_data, TRUE, error);
}
