/* assay-replica-quarter-columns.c — the account-quarter sums in compact column form
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

#include <string.h>

#include "assay-error.h"
#include "assay-merkle.h"
#include "assay-replica-features.h"
#include "assay-replica-private.h"
#include "assay-replica-quarter-columns.h"

/* A block's BLOB (all integers little-endian):
 *
 *   u8  format (1)
 *   u8  width of a sum: 4 (int32) or 8 (int64, when some sum of the
 *       block does not fit in an int32: one event may carry a million
 *       points, so a sum can exceed 2^31)
 *   u16 n, the number of accounts (0: a block an erasure emptied)
 *   u8  offset[n]: account number - block × ASSAY_QUARTER_BLOCK_SIZE,
 *       ascending
 *   then for each dimension d in AssayDimension order, n sums Q_d
 *
 * The key of a row is quarter << 32 | block, so one quarter is one range
 * of the table's rowid B-tree. */
#define FORMAT       1
#define HEADER_SIZE  4
#define N_DIM        ASSAY_N_DIMENSIONS
#define BLOCK        ASSAY_QUARTER_BLOCK_SIZE

G_STATIC_ASSERT (BLOCK <= 256);

static inline gint64
row_key (guint32 quarter,
         guint64 block)
{
  return (gint64) ((guint64) quarter << 32 | block);
}

/* ---- encoding ------------------------------------------------------------ */

/* The accounts of one block in one quarter, as built. */
typedef struct
{
  guint32 quarter;
  guint   n;
  guint8  offset[BLOCK];
  gint64  points[N_DIM][BLOCK];
} BlockSums;

static gsize
encode (const BlockSums *b,
        guint8          *out)
{
  guint width = 4;
  guint8 *p = out;

  for (guint d = 0; d < N_DIM && width == 4; d++)
    for (guint i = 0; i < b->n; i++)
      if (b->points[d][i] < G_MININT32 || b->points[d][i] > G_MAXINT32)
        {
          width = 8;
          break;
        }
  *p++ = FORMAT;
  *p++ = width;
  *p++ = b->n & 0xff;
  *p++ = b->n >> 8;
  memcpy (p, b->offset, b->n);
  p += b->n;
  for (guint d = 0; d < N_DIM; d++)
    for (guint i = 0; i < b->n; i++)
      {
        if (width == 4)
          {
            guint32 v = GUINT32_TO_LE ((guint32) (gint32) b->points[d][i]);

            memcpy (p, &v, 4);
          }
        else
          {
            guint64 v = GUINT64_TO_LE ((guint64) b->points[d][i]);

            memcpy (p, &v, 8);
          }
        p += width;
      }
  return p - out;
}

#define MAX_ENCODED (HEADER_SIZE + BLOCK + N_DIM * BLOCK * 8)

/* Checks a stored BLOB's shape; returns its number of accounts, or -1. */
static int
check_blob (const guint8 *data,
            gsize         len,
            guint        *out_width)
{
  guint n, width;

  if (len < HEADER_SIZE || data[0] != FORMAT || (data[1] != 4 && data[1] != 8))
    return -1;
  width = data[1];
  n = data[2] | data[3] << 8;
  if (n > BLOCK || len != HEADER_SIZE + n + (gsize) N_DIM * n * width)
    return -1;
  *out_width = width;
  return n;
}

/* Decodes into account numbers and sums at `at` of each column. */
static int
decode (const guint8 *data,
        gsize         len,
        guint64       block,
        guint64      *account_id,
        gint64      **points,
        gsize         at)
{
  guint width;
  int n = check_blob (data, len, &width);
  const guint8 *p;

  if (n < 0)
    return -1;
  for (int i = 0; i < n; i++)
    account_id[at + i] = block * BLOCK + data[HEADER_SIZE + i];
  p = data + HEADER_SIZE + n;
  for (guint d = 0; d < N_DIM; d++)
    {
      gint64 *col = points[d] + at;

      if (width == 4)
        for (int i = 0; i < n; i++, p += 4)
          {
            guint32 v;

            memcpy (&v, p, 4);
            col[i] = (gint32) GUINT32_FROM_LE (v);
          }
      else
        for (int i = 0; i < n; i++, p += 8)
          {
            guint64 v;

            memcpy (&v, p, 8);
            col[i] = (gint64) GUINT64_FROM_LE (v);
          }
    }
  return n;
}

static gboolean
corrupt (GError **error,
         gint64   key)
{
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
               "The replica's quarter_columns row %" G_GINT64_FORMAT " is damaged; "
               "verify the replica.", key);
  return FALSE;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* ---- building -------------------------------------------------------------- */

/* The quarters of one block being built from account_quarter rows in
 * (account, quarter, dimension) order. */
typedef struct
{
  guint64    block;
  GArray    *quarters;      /* BlockSums, in order of first appearance */
} Builder;

static BlockSums *
builder_quarter (Builder *b,
                 guint32  quarter)
{
  BlockSums *s;

  for (guint i = 0; i < b->quarters->len; i++)
    if ((s = &g_array_index (b->quarters, BlockSums, i))->quarter == quarter)
      return s;
  g_array_set_size (b->quarters, b->quarters->len + 1);
  s = &g_array_index (b->quarters, BlockSums, b->quarters->len - 1);
  s->quarter = quarter;
  s->n = 0;
  return s;
}

static void
builder_add (Builder *b,
             guint64  account_id,
             guint32  quarter,
             int      dimension,
             gint64   points)
{
  BlockSums *s = builder_quarter (b, quarter);
  guint8 offset = account_id % BLOCK;

  if (s->n == 0 || s->offset[s->n - 1] != offset)
    {
      s->offset[s->n] = offset;
      for (guint d = 0; d < N_DIM; d++)
        s->points[d][s->n] = 0;
      s->n++;
    }
  if (dimension >= 0 && dimension < N_DIM)
    s->points[dimension][s->n - 1] += points;
}

typedef struct
{
  sqlite3      *db;
  gint64        size;
  gboolean      fresh;      /* the table holds none of these blocks */
  GArray       *known;      /* guint32: the quarters the table may hold */
  sqlite3_stmt *get;
  sqlite3_stmt *put;
  guint8        buffer[MAX_ENCODED];
} Writer;

static gboolean
step_reset (sqlite3      *db,
            sqlite3_stmt *stmt,
            GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _assay_db_set_error (db, error);
      return FALSE;
    }
  return TRUE;
}

/* Writes one quarter of a block unless its stored bytes are the same. */
static gboolean
write_quarter (Writer          *w,
               guint64          block,
               const BlockSums *s,
               GError         **error)
{
  gsize len = encode (s, w->buffer);
  gint64 key = row_key (s->quarter, block);

  if (!w->fresh)
    {
      gboolean same;

      sqlite3_bind_int64 (w->get, 1, key);
      same = sqlite3_step (w->get) == SQLITE_ROW &&
             (gsize) sqlite3_column_bytes (w->get, 0) == len &&
             memcmp (sqlite3_column_blob (w->get, 0), w->buffer, len) == 0;
      sqlite3_reset (w->get);
      if (same)
        return TRUE;
    }
  sqlite3_bind_int64 (w->put, 1, key);
  sqlite3_bind_int64 (w->put, 2, w->size);
  sqlite3_bind_blob (w->put, 3, w->buffer, len, SQLITE_STATIC);
  return step_reset (w->db, w->put, error);
}

/* Writes every quarter of a block; a quarter the table held for it but
 * the block no longer has becomes an empty row (see the header). */
static gboolean
flush_block (Writer  *w,
             Builder *b,
             GError **error)
{
  for (guint i = 0; i < b->quarters->len; i++)
    if (!write_quarter (w, b->block, &g_array_index (b->quarters, BlockSums, i), error))
      return FALSE;
  for (guint k = 0; !w->fresh && k < w->known->len; k++)
    {
      guint32 q = g_array_index (w->known, guint32, k);
      gboolean built = FALSE;

      for (guint i = 0; i < b->quarters->len && !built; i++)
        built = g_array_index (b->quarters, BlockSums, i).quarter == q;
      if (!built)
        {
          BlockSums empty = { .quarter = q, .n = 0 };
          gboolean exists;

          sqlite3_bind_int64 (w->get, 1, row_key (q, b->block));
          exists = sqlite3_step (w->get) == SQLITE_ROW;
          sqlite3_reset (w->get);
          if (exists && !write_quarter (w, b->block, &empty, error))
            return FALSE;
        }
    }
  g_array_set_size (b->quarters, 0);
  return TRUE;
}

/* The quarters present in the table, by skipping from one to the next. */
static GArray *
known_quarters (sqlite3 *db,
                GError **error)
{
  GArray *quarters = g_array_new (FALSE, FALSE, sizeof (guint32));
  sqlite3_stmt *stmt = _assay_db_prepare (db, "SELECT min(key) FROM quarter_columns WHERE key >= ?", error);
  gint64 from = 0;

  if (stmt == NULL)
    {
      g_array_unref (quarters);
      return NULL;
    }
  for (;;)
    {
      guint32 q;

      sqlite3_bind_int64 (stmt, 1, from);
      if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
        break;
      q = (guint64) sqlite3_column_int64 (stmt, 0) >> 32;
      sqlite3_reset (stmt);
      g_array_append_val (quarters, q);
      from = row_key (q + 1, 0);
    }
  sqlite3_finalize (stmt);
  return quarters;
}

/* Builds blocks [first, last] from one ordered range scan of
 * account_quarter and writes them. */
static gboolean
build_range (Writer  *w,
             Builder *b,
             guint64  first,
             guint64  last,
             GError **error)
{
  sqlite3_stmt *scan;
  int rc = SQLITE_DONE;
  gboolean ok = TRUE;

  scan = _assay_db_prepare (w->db,
                            "SELECT account_id, quarter, dimension, points FROM account_quarter "
                            "WHERE account_id BETWEEN ?1 AND ?2 "
                            "ORDER BY account_id, quarter, dimension", error);
  if (scan == NULL)
    return FALSE;
  sqlite3_bind_int64 (scan, 1, (gint64) (first * BLOCK));
  sqlite3_bind_int64 (scan, 2, last >= G_MAXINT64 / BLOCK ? G_MAXINT64 : (gint64) ((last + 1) * BLOCK - 1));
  b->block = first;
  while (ok && (rc = sqlite3_step (scan)) == SQLITE_ROW)
    {
      guint64 account_id = sqlite3_column_int64 (scan, 0);
      guint64 block = account_id / BLOCK;

      if (block != b->block && w->fresh)
        {
          ok = flush_block (w, b, error);
          b->block = block;
        }
      /* Every block of a rebuilt range is written, even one without rows
       * any more (its stored quarters become empty rows). */
      while (ok && block != b->block)
        {
          ok = flush_block (w, b, error);
          b->block++;
        }
      if (ok)
        builder_add (b, account_id, sqlite3_column_int (scan, 1), sqlite3_column_int (scan, 2),
                     sqlite3_column_int64 (scan, 3));
    }
  if (ok && rc != SQLITE_DONE)
    {
      _assay_db_set_error (w->db, error);
      ok = FALSE;
    }
  sqlite3_finalize (scan);
  if (ok)
    ok = flush_block (w, b, error);
  while (ok && !w->fresh && b->block < last)
    {
      b->block++;
      ok = flush_block (w, b, error);
    }
  return ok;
}

gboolean
_assay_db_quarter_columns_rebuild (sqlite3       *db,
                                   const guint64 *blocks,
                                   gsize          n_blocks,
                                   gint64         size,
                                   GError       **error)
{
  g_autofree Writer *w = g_new0 (Writer, 1);
  Builder b = { 0, g_array_new (FALSE, FALSE, sizeof (BlockSums)) };
  gboolean ok = TRUE;

  w->db = db;
  w->size = size;
  w->fresh = blocks == NULL;
  if (w->fresh)
    ok = _assay_db_exec (db, "DELETE FROM quarter_columns", error);
  else
    ok = (w->known = known_quarters (db, error)) != NULL;
  if (ok &&
      ((w->get = _assay_db_prepare (db, "SELECT data FROM quarter_columns WHERE key = ?", error)) == NULL ||
       (w->put = _assay_db_prepare (db, "INSERT OR REPLACE INTO quarter_columns (key, size, data) "
                                        "VALUES (?, ?, ?)", error)) == NULL))
    ok = FALSE;

  if (ok && blocks == NULL)
    ok = build_range (w, &b, 0, G_MAXINT64 / BLOCK, error);
  /* Runs of consecutive blocks share one range scan. */
  for (gsize i = 0; ok && blocks != NULL && i < n_blocks;)
    {
      gsize j = i;

      while (j + 1 < n_blocks && blocks[j + 1] <= blocks[j] + 1)
        j++;
      ok = build_range (w, &b, blocks[i], blocks[j], error);
      i = j + 1;
    }

  sqlite3_finalize (w->get);
  sqlite3_finalize (w->put);
  g_clear_pointer (&w->known, g_array_unref);
  g_array_unref (b.quarters);
  return ok;
}

/* ---- adding a sync's sums ------------------------------------------------------ */

static int
compare_deltas (gconstpointer a,
                gconstpointer b)
{
  const AssayQuarterDelta *x = a, *y = b;

  if (x->quarter != y->quarter)
    return x->quarter < y->quarter ? -1 : 1;
  if (x->account_id != y->account_id)
    return x->account_id < y->account_id ? -1 : 1;
  return (x->dimension > y->dimension) - (x->dimension < y->dimension);
}

/* Reads the stored block into `b` (empty if there is none). */
static gboolean
load_block (sqlite3_stmt *get,
            gint64        key,
            BlockSums    *b,
            GError      **error)
{
  guint64 ids[BLOCK];
  gint64 *cols[N_DIM];
  int n = 0;

  for (guint d = 0; d < N_DIM; d++)
    cols[d] = b->points[d];
  sqlite3_bind_int64 (get, 1, key);
  if (sqlite3_step (get) == SQLITE_ROW)
    n = decode (sqlite3_column_blob (get, 0), sqlite3_column_bytes (get, 0), 0, ids, cols, 0);
  sqlite3_reset (get);
  if (n < 0)
    return corrupt (error, key);
  b->n = n;
  for (int i = 0; i < n; i++)
    b->offset[i] = ids[i];
  return TRUE;
}

/* Adds the deltas of one account to `b`, inserting it in order. */
static void
block_add (BlockSums               *b,
           const AssayQuarterDelta *deltas,
           gsize                    n)
{
  guint8 offset = deltas[0].account_id % BLOCK;
  guint i = 0;

  while (i < b->n && b->offset[i] < offset)
    i++;
  if (i == b->n || b->offset[i] != offset)
    {
      memmove (b->offset + i + 1, b->offset + i, b->n - i);
      for (guint d = 0; d < N_DIM; d++)
        {
          memmove (b->points[d] + i + 1, b->points[d] + i, (b->n - i) * sizeof (gint64));
          b->points[d][i] = 0;
        }
      b->offset[i] = offset;
      b->n++;
    }
  for (gsize k = 0; k < n; k++)
    if (deltas[k].dimension >= 0 && deltas[k].dimension < N_DIM)
      b->points[deltas[k].dimension][i] += deltas[k].points;
}

gboolean
_assay_db_quarter_columns_add (sqlite3           *db,
                               AssayQuarterDelta *deltas,
                               gsize              n_deltas,
                               GArray            *written,
                               GError           **error)
{
  sqlite3_stmt *get, *put = NULL;
  g_autofree BlockSums *b = g_new (BlockSums, 1);
  g_autofree guint8 *buffer = g_new (guint8, MAX_ENCODED);
  gboolean ok = TRUE;

  if (n_deltas == 0)
    return TRUE;
  get = _assay_db_prepare (db, "SELECT data FROM quarter_columns WHERE key = ?", error);
  if (get == NULL ||
      (put = _assay_db_prepare (db, "INSERT OR REPLACE INTO quarter_columns (key, size, data) "
                                    "VALUES (?, -1, ?)", error)) == NULL)
    {
      sqlite3_finalize (get);
      return FALSE;
    }
  qsort (deltas, n_deltas, sizeof (AssayQuarterDelta), compare_deltas);
  for (gsize i = 0; ok && i < n_deltas;)
    {
      guint32 quarter = deltas[i].quarter;
      guint64 block = deltas[i].account_id / BLOCK;
      gint64 key = row_key (quarter, block);

      b->quarter = quarter;
      ok = load_block (get, key, b, error);
      while (ok && i < n_deltas && deltas[i].quarter == quarter && deltas[i].account_id / BLOCK == block)
        {
          gsize j = i;

          while (j < n_deltas && deltas[j].quarter == quarter && deltas[j].account_id == deltas[i].account_id)
            j++;
          block_add (b, deltas + i, j - i);
          i = j;
        }
      if (ok)
        {
          sqlite3_bind_int64 (put, 1, key);
          sqlite3_bind_blob (put, 2, buffer, encode (b, buffer), SQLITE_STATIC);
          ok = step_reset (db, put, error);
          g_array_append_val (written, key);
        }
    }
  sqlite3_finalize (get);
  sqlite3_finalize (put);
  return ok;
}

gboolean
_assay_db_quarter_columns_stamp (sqlite3  *db,
                                 GArray   *keys,
                                 gint64    size,
                                 GError  **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  if (keys->len == 0)
    return TRUE;
  if ((stmt = _assay_db_prepare (db, "UPDATE quarter_columns SET size = ?2 WHERE key = ?1 AND size = -1",
                                 error)) == NULL)
    return FALSE;
  g_array_sort (keys, compare_keys);
  for (guint i = 0; ok && i < keys->len; i++)
    if (i == 0 || g_array_index (keys, gint64, i) != g_array_index (keys, gint64, i - 1))
      {
        sqlite3_bind_int64 (stmt, 1, g_array_index (keys, gint64, i));
        sqlite3_bind_int64 (stmt, 2, size);
        ok = step_reset (db, stmt, error);
      }
  sqlite3_finalize (stmt);
  return ok;
}

/* The migration's backfill: SELECT assay_quarter_columns_build (). */
static void
build_func (sqlite3_context *context,
            int              argc,
            sqlite3_value  **argv)
{
  sqlite3 *db = sqlite3_context_db_handle (context);
  g_autoptr(GError) error = NULL;

  if (!_assay_db_quarter_columns_rebuild (db, NULL, 0, _assay_db_meta_get_int (db, "size", 0), &error))
    sqlite3_result_error (context, error->message, -1);
  else
    sqlite3_result_null (context);
}

void
_assay_db_quarter_columns_register (sqlite3 *db)
{
  sqlite3_create_function (db, "assay_quarter_columns_build", 0, SQLITE_UTF8, NULL,
                           build_func, NULL, NULL);
}

/* ---- checking ---------------------------------------------------------------- */

typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *get;
  gint64        differences;
  gint64        matched;
  guint8        buffer[MAX_ENCODED];
} Checker;

static void
check_block (Checker *c,
             Builder *b)
{
  for (guint i = 0; i < b->quarters->len; i++)
    {
      const BlockSums *s = &g_array_index (b->quarters, BlockSums, i);
      gsize len = encode (s, c->buffer);

      sqlite3_bind_int64 (c->get, 1, row_key (s->quarter, b->block));
      if (sqlite3_step (c->get) == SQLITE_ROW &&
          (gsize) sqlite3_column_bytes (c->get, 0) == len &&
          memcmp (sqlite3_column_blob (c->get, 0), c->buffer, len) == 0)
        c->matched++;
      else
        c->differences++;
      sqlite3_reset (c->get);
    }
  g_array_set_size (b->quarters, 0);
}

gboolean
_assay_db_quarter_columns_check (sqlite3  *db,
                                 gint64   *out_differences,
                                 GError  **error)
{
  g_autofree Checker *c = g_new0 (Checker, 1);
  Builder b = { G_MAXUINT64, g_array_new (FALSE, FALSE, sizeof (BlockSums)) };
  sqlite3_stmt *scan, *rows;
  gint64 stored = -1;
  int rc;

  c->db = db;
  scan = _assay_db_prepare (db, "SELECT account_id, quarter, dimension, points FROM account_quarter "
                                "ORDER BY account_id, quarter, dimension", error);
  c->get = scan != NULL ? _assay_db_prepare (db, "SELECT data FROM quarter_columns WHERE key = ?", error) : NULL;
  /* Rows without accounts are what an erasure left: not counted. */
  rows = c->get != NULL ? _assay_db_prepare (db, "SELECT count(*) FROM quarter_columns "
                                                 "WHERE length (data) > 4", error) : NULL;
  if (rows == NULL)
    {
      sqlite3_finalize (scan);
      sqlite3_finalize (c->get);
      g_array_unref (b.quarters);
      return FALSE;
    }
  while ((rc = sqlite3_step (scan)) == SQLITE_ROW)
    {
      guint64 account_id = sqlite3_column_int64 (scan, 0);

      if (account_id / BLOCK != b.block)
        {
          check_block (c, &b);
          b.block = account_id / BLOCK;
        }
      builder_add (&b, account_id, sqlite3_column_int (scan, 1), sqlite3_column_int (scan, 2),
                   sqlite3_column_int64 (scan, 3));
    }
  check_block (c, &b);
  if (sqlite3_step (rows) == SQLITE_ROW)
    stored = sqlite3_column_int64 (rows, 0);
  sqlite3_finalize (scan);
  sqlite3_finalize (c->get);
  sqlite3_finalize (rows);
  g_array_unref (b.quarters);
  if (rc != SQLITE_DONE || stored < 0)
    {
      _assay_db_set_error (db, error);
      return FALSE;
    }
  *out_differences = c->differences + (stored - c->matched);
  return TRUE;
}

/* ---- reading --------------------------------------------------------------- */

typedef struct
{
  gsize    n, capacity;
  guint32  quarter;
  guint64 *account_id;
  gint64  *points[N_DIM];
  guint8  *has_previous;
  gint64  *previous_points[N_DIM];
  /* one decoded block of the previous quarter */
  guint64  prev_ids[BLOCK];
  gint64   prev_cols[N_DIM][BLOCK];
  gint64  *prev_col_ptrs[N_DIM];
  AssayQuarterSumsFunc func;
  gpointer user_data;
} Chunk;

static void
chunk_init (Chunk   *c,
            guint32  quarter,
            gsize    capacity,
            gboolean with_previous)
{
  memset (c, 0, sizeof *c);
  c->quarter = quarter;
  c->capacity = MAX (capacity, BLOCK);
  c->account_id = g_new (guint64, c->capacity);
  for (guint d = 0; d < N_DIM; d++)
    {
      c->points[d] = g_new (gint64, c->capacity);
      c->prev_col_ptrs[d] = c->prev_cols[d];
      if (with_previous)
        c->previous_points[d] = g_new0 (gint64, c->capacity);
    }
  if (with_previous)
    c->has_previous = g_new0 (guint8, c->capacity);
}

static void
chunk_clear (Chunk *c)
{
  g_free (c->account_id);
  g_free (c->has_previous);
  for (guint d = 0; d < N_DIM; d++)
    {
      g_free (c->points[d]);
      g_free (c->previous_points[d]);
    }
}

static gboolean
chunk_flush (Chunk   *c,
             GError **error)
{
  AssayQuarterSums s = { c->n, c->quarter, c->account_id, { NULL }, c->has_previous, { NULL } };
  gboolean ok;

  if (c->n == 0)
    return TRUE;
  for (guint d = 0; d < N_DIM; d++)
    {
      s.points[d] = c->points[d];
      s.previous_points[d] = c->previous_points[d];
    }
  ok = c->func (&s, c->user_data, error);
  c->n = 0;
  return ok;
}

/* Appends the block at the current row of `now` (and its previous
 * quarter's from `prev_data`, may be NULL), keeping only `want` accounts
 * when it is not NULL. */
static gboolean
chunk_add_block (Chunk         *c,
                 guint64        block,
                 const guint8  *data,
                 gsize          len,
                 const guint8  *prev_data,
                 gsize          prev_len,
                 const guint64 *want,
                 gsize          n_want,
                 GError       **error)
{
  gsize at, start;
  int n, n_prev = 0;

  if (c->capacity - c->n < BLOCK && !chunk_flush (c, error))
    return FALSE;
  start = at = c->n;
  if ((n = decode (data, len, block, c->account_id, c->points, at)) < 0)
    return corrupt (error, row_key (c->quarter, block));
  if (c->has_previous != NULL && prev_data != NULL &&
      (n_prev = decode (prev_data, prev_len, block, c->prev_ids, c->prev_col_ptrs, 0)) < 0)
    return corrupt (error, row_key (assay_quarter_previous (c->quarter), block));
  if (c->has_previous != NULL)
    {
      int j = 0;

      for (int i = 0; i < n; i++)
        {
          while (j < n_prev && c->prev_ids[j] < c->account_id[at + i])
            j++;
          c->has_previous[at + i] = j < n_prev && c->prev_ids[j] == c->account_id[at + i];
          for (guint d = 0; d < N_DIM; d++)
            c->previous_points[d][at + i] = c->has_previous[at + i] ? c->prev_cols[d][j] : 0;
        }
    }
  c->n += n;
  if (want != NULL)
    {
      /* Keep the wanted ones, in place. */
      gsize k = 0, out = start;

      for (gsize i = start; i < c->n; i++)
        {
          while (k < n_want && want[k] < c->account_id[i])
            k++;
          if (k < n_want && want[k] == c->account_id[i])
            {
              c->account_id[out] = c->account_id[i];
              for (guint d = 0; d < N_DIM; d++)
                c->points[d][out] = c->points[d][i];
              if (c->has_previous != NULL)
                {
                  c->has_previous[out] = c->has_previous[i];
                  for (guint d = 0; d < N_DIM; d++)
                    c->previous_points[d][out] = c->previous_points[d][i];
                }
              out++;
            }
        }
      c->n = out;
    }
  return TRUE;
}

/* Every block of the quarter: two merged range scans. */
static gboolean
read_all (sqlite3 *db,
          Chunk   *c,
          GError **error)
{
  sqlite3_stmt *now, *prev = NULL;
  guint32 pq = assay_quarter_previous (c->quarter);
  gboolean ok = TRUE, prev_row = FALSE;
  int rc = SQLITE_DONE;

  now = _assay_db_prepare (db, "SELECT key, data FROM quarter_columns WHERE key BETWEEN ?1 AND ?2 "
                               "ORDER BY key", error);
  if (now == NULL)
    return FALSE;
  sqlite3_bind_int64 (now, 1, row_key (c->quarter, 0));
  sqlite3_bind_int64 (now, 2, row_key (c->quarter, G_MAXUINT32));
  if (c->has_previous != NULL)
    {
      prev = _assay_db_prepare (db, "SELECT key, data FROM quarter_columns WHERE key BETWEEN ?1 AND ?2 "
                                    "ORDER BY key", error);
      if (prev == NULL)
        {
          sqlite3_finalize (now);
          return FALSE;
        }
      sqlite3_bind_int64 (prev, 1, row_key (pq, 0));
      sqlite3_bind_int64 (prev, 2, row_key (pq, G_MAXUINT32));
      prev_row = sqlite3_step (prev) == SQLITE_ROW;
    }
  while (ok && (rc = sqlite3_step (now)) == SQLITE_ROW)
    {
      guint64 block = (guint64) sqlite3_column_int64 (now, 0) & G_MAXUINT32;
      const guint8 *pd = NULL;
      gsize pl = 0;

      while (prev_row && ((guint64) sqlite3_column_int64 (prev, 0) & G_MAXUINT32) < block)
        prev_row = sqlite3_step (prev) == SQLITE_ROW;
      if (prev_row && ((guint64) sqlite3_column_int64 (prev, 0) & G_MAXUINT32) == block)
        {
          pd = sqlite3_column_blob (prev, 1);
          pl = sqlite3_column_bytes (prev, 1);
        }
      ok = chunk_add_block (c, block, sqlite3_column_blob (now, 1), sqlite3_column_bytes (now, 1),
                            pd, pl, NULL, 0, error);
    }
  if (ok && rc != SQLITE_DONE)
    {
      _assay_db_set_error (db, error);
      ok = FALSE;
    }
  sqlite3_finalize (now);
  sqlite3_finalize (prev);
  return ok && chunk_flush (c, error);
}

/* The blocks of the wanted accounts, one lookup each. */
static gboolean
read_some (sqlite3       *db,
           Chunk         *c,
           const guint64 *accounts,
           gsize          n_accounts,
           GError       **error)
{
  sqlite3_stmt *get = _assay_db_prepare (db, "SELECT data FROM quarter_columns WHERE key = ?", error);
  sqlite3_stmt *get_prev = get != NULL ? _assay_db_prepare (db, "SELECT data FROM quarter_columns WHERE key = ?", error) : NULL;
  gboolean ok = get_prev != NULL;

  for (gsize i = 0; ok && i < n_accounts;)
    {
      guint64 block = accounts[i] / BLOCK;
      gsize j = i;

      while (j < n_accounts && accounts[j] / BLOCK == block)
        j++;
      sqlite3_bind_int64 (get, 1, row_key (c->quarter, block));
      if (sqlite3_step (get) == SQLITE_ROW)
        {
          const guint8 *pd = NULL;
          gsize pl = 0;

          if (c->has_previous != NULL)
            {
              sqlite3_bind_int64 (get_prev, 1, row_key (assay_quarter_previous (c->quarter), block));
              if (sqlite3_step (get_prev) == SQLITE_ROW)
                {
                  pd = sqlite3_column_blob (get_prev, 0);
                  pl = sqlite3_column_bytes (get_prev, 0);
                }
            }
          ok = chunk_add_block (c, block, sqlite3_column_blob (get, 0), sqlite3_column_bytes (get, 0),
                                pd, pl, accounts + i, j - i, error);
          sqlite3_reset (get_prev);
        }
      sqlite3_reset (get);
      i = j;
    }
  sqlite3_finalize (get);
  sqlite3_finalize (get_prev);
  return ok && chunk_flush (c, error);
}

gboolean
_assay_db_quarter_sums_read (sqlite3              *db,
                             guint32               quarter,
                             gboolean              with_previous,
                             const guint64        *accounts,
                             gsize                 n_accounts,
                             gsize                 chunk_size,
                             AssayQuarterSumsFunc  func,
                             gpointer              user_data,
                             GError              **error)
{
  g_autofree Chunk *c = g_new (Chunk, 1);
  gboolean ok;

  chunk_init (c, quarter, chunk_size, with_previous);
  c->func = func;
  c->user_data = user_data;
  ok = accounts != NULL ? read_some (db, c, accounts, n_accounts, error) : read_all (db, c, error);
  chunk_clear (c);
  return ok;
}

gboolean
assay_replica_quarter_sums_foreach (AssayReplica         *self,
                                    guint32               quarter,
                                    gboolean              with_previous,
                                    const guint64        *accounts,
                                    gsize                 n_accounts,
                                    gsize                 chunk_size,
                                    AssayQuarterSumsFunc  func,
                                    gpointer              user_data,
                                    guint64              *out_checkpoint_size,
                                    guint8                out_checkpoint_root[ASSAY_HASH_SIZE],
                                    GError              **error)
{
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (quarter % 10 >= 1 && quarter % 10 <= 4, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  db = _assay_replica_get_db (self);
  if (!_assay_db_exec (db, "BEGIN", error))
    return FALSE;
  if (out_checkpoint_size != NULL)
    *out_checkpoint_size = _assay_db_meta_get_int (db, "size", 0);
  if (out_checkpoint_root != NULL)
    {
      g_autoptr(GBytes) root = _assay_db_meta_get_blob (db, "root");

      if (root != NULL && g_bytes_get_size (root) == ASSAY_HASH_SIZE)
        memcpy (out_checkpoint_root, g_bytes_get_data (root, NULL), ASSAY_HASH_SIZE);
      else
        assay_merkle_empty_root (out_checkpoint_root);
    }
  ok = _assay_db_quarter_sums_read (db, quarter, with_previous, accounts, n_accounts, chunk_size,
                                    func, user_data, error);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  return ok;
}

/* ---- what changed ------------------------------------------------------------ */

static GArray *
changed (AssayReplica *self,
         guint32       quarter,
         guint64       since_size,
         gboolean      accounts,
         GError      **error)
{
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (guint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);
  g_return_val_if_fail (quarter % 10 >= 1 && quarter % 10 <= 4, NULL);

  stmt = _assay_replica_prepare (self, "SELECT key, data FROM quarter_columns "
                                       "WHERE key BETWEEN ?1 AND ?2 AND size > ?3 ORDER BY key", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, row_key (quarter, 0));
  sqlite3_bind_int64 (stmt, 2, row_key (quarter, G_MAXUINT32));
  sqlite3_bind_int64 (stmt, 3, (gint64) since_size);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint64 block = (guint64) sqlite3_column_int64 (stmt, 0) & G_MAXUINT32;
      const guint8 *data = sqlite3_column_blob (stmt, 1);
      guint width;
      int n = check_blob (data, sqlite3_column_bytes (stmt, 1), &width);

      if (n < 0)
        {
          sqlite3_finalize (stmt);
          corrupt (error, row_key (quarter, block));
          return NULL;
        }
      if (!accounts)
        g_array_append_val (out, block);
      for (int i = 0; accounts && i < n; i++)
        {
          guint64 id = block * BLOCK + data[HEADER_SIZE + i];

          g_array_append_val (out, id);
        }
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&out);
}

GArray *
assay_replica_quarter_changed_accounts (AssayReplica *self,
                                        guint32       quarter,
                                        guint64       since_size,
                                        GError      **error)
{
  return changed (self, quarter, since_size, TRUE, error);
}

GArray *
assay_replica_quarter_changed_blocks (AssayReplica *self,
                                      guint32       quarter,
                                      guint64       since_size,
                                      GError      **error)
{
  return changed (self, quarter, since_size, FALSE, error);
}
