/* assay-replica-values.c — the decayed sums behind every account's contribution value
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

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "assay-error.h"
#include "assay-replica-decisions.h"
#include "assay-replica-private.h"
#include "assay-replica-values.h"
#include "assay-replica-values-private.h"

/* A block's BLOB (integers and doubles little-endian):
 *
 *   u16 n, the number of accounts
 *   then for each account, in number order:
 *     u8  offset (account number − block × ASSAY_VALUE_BLOCK_SIZE)
 *     i64 n_events, n_redemptions, points, redeemed  (its accounts row)
 *     u8  kind (AssayAccountKind)
 *     u32 county (the six-digit code, 0 for none)
 *     f64 sums[ASSAY_VALUE_STRIDE (n_periods)]
 *
 * The key of a row is the block number.  LAYOUT, written first in the
 * stored basis, changes with this layout: blocks of another are made
 * anew by the next refresh, never misread. */
#define BLOCK         ASSAY_VALUE_BLOCK_SIZE
#define N_COUNTS      4
#define LAYOUT        2
#define BASIS_KEY     "value_basis"
/* The high-water mark of the sums: every record with a leaf index below
 * it was there when they were last refreshed, as it is now (records are
 * appended in log order; the writer lowers the mark when a withheld body
 * brings one below it, and drops it with the basis when a tombstone
 * erases some), so a refresh visits only the blocks of the records from
 * it on.  Kept in the refresh's transaction with the blocks. */
#define MARK_KEY      "value_mark"
/* Counts the refreshes that wrote value_columns, so that a second
 * connection can tell it reads the blocks the first one does. */
#define GENERATION_KEY "value_generation"

G_STATIC_ASSERT (BLOCK <= 256);

static gsize
account_bytes (guint n_periods)
{
  return 1 + N_COUNTS * 8 + 1 + 4 + ASSAY_VALUE_STRIDE (n_periods) * 8;
}

static guint8 *
put_u64 (guint8  *p,
         guint64  v)
{
  v = GUINT64_TO_LE (v);
  memcpy (p, &v, 8);
  return p + 8;
}

static const guint8 *
get_u64 (const guint8 *p,
         guint64      *out)
{
  guint64 v;

  memcpy (&v, p, 8);
  *out = GUINT64_FROM_LE (v);
  return p + 8;
}

static guint8 *
put_u32 (guint8  *p,
         guint32  v)
{
  v = GUINT32_TO_LE (v);
  memcpy (p, &v, 4);
  return p + 4;
}

static const guint8 *
get_u32 (const guint8 *p,
         guint32      *out)
{
  guint32 v;

  memcpy (&v, p, 4);
  *out = GUINT32_FROM_LE (v);
  return p + 4;
}

static guint8 *
put_double (guint8 *p,
            double  x)
{
  guint64 v;

  memcpy (&v, &x, 8);
  return put_u64 (p, v);
}

static const guint8 *
get_double (const guint8 *p,
            double       *out)
{
  guint64 v;

  p = get_u64 (p, &v);
  memcpy (out, &v, 8);
  return p;
}

void
_assay_value_block_clear (AssayValueBlock *b,
                          guint64          block,
                          guint            n_periods)
{
  b->block = block;
  b->n_periods = n_periods;
  b->n = 0;
}

gsize
_assay_value_block_encode (const AssayValueBlock *b,
                           guint8                *out)
{
  gsize stride = ASSAY_VALUE_STRIDE (b->n_periods);
  guint8 *p = out;

  *p++ = b->n & 0xff;
  *p++ = b->n >> 8;
  for (guint i = 0; i < b->n; i++)
    {
      *p++ = b->account_id[i] % BLOCK;
      for (guint c = 0; c < N_COUNTS; c++)
        p = put_u64 (p, (guint64) b->counts[i][c]);
      *p++ = b->kind[i];
      p = put_u32 (p, b->county[i]);
      for (gsize k = 0; k < stride; k++)
        p = put_double (p, b->sums[i * stride + k]);
    }
  return p - out;
}

gsize
_assay_value_block_max_encoded (guint n_periods)
{
  return 2 + BLOCK * account_bytes (n_periods);
}

/* FALSE if the BLOB's shape is wrong: its length, or offsets that do not
 * ascend. */
gboolean
_assay_value_block_decode (const guint8    *data,
                           gsize            len,
                           AssayValueBlock *b)
{
  gsize stride = ASSAY_VALUE_STRIDE (b->n_periods);
  const guint8 *p = data;
  guint n;

  if (len < 2)
    return FALSE;
  n = p[0] | p[1] << 8;
  p += 2;
  if (n > BLOCK || len != 2 + n * account_bytes (b->n_periods))
    return FALSE;
  b->n = n;
  for (guint i = 0; i < n; i++)
    {
      b->account_id[i] = b->block * BLOCK + *p++;
      if (i > 0 && b->account_id[i] <= b->account_id[i - 1])
        return FALSE;
      for (guint c = 0; c < N_COUNTS; c++)
        p = get_u64 (p, (guint64 *) &b->counts[i][c]);
      b->kind[i] = *p++;
      p = get_u32 (p, &b->county[i]);
      for (gsize k = 0; k < stride; k++)
        p = get_double (p, &b->sums[i * stride + k]);
    }
  return TRUE;
}

/* ---- the basis ------------------------------------------------------------------ */

/* The basis as stored in meta: the blocks' layout, r as its exact bits,
 * the base day, the period starts. */
char *
_assay_value_basis_text (const AssayValueBasis *basis)
{
  GString *s = g_string_new (NULL);
  guint64 bits;

  memcpy (&bits, &basis->decay_rate, 8);
  g_string_append_printf (s, "L%d %016" G_GINT64_MODIFIER "x %u", LAYOUT, bits, basis->base_day);
  for (guint p = 0; p < basis->n_periods; p++)
    g_string_append_printf (s, " %u", basis->period_start[p]);
  return g_string_free (s, FALSE);
}

static gboolean
check_basis (const AssayValueBasis  *basis,
             GError                **error)
{
  gboolean ok = basis->decay_rate >= 0 && basis->decay_rate < 1 &&
                basis->n_periods >= 1 && basis->n_periods <= ASSAY_VALUE_MAX_PERIODS &&
                basis->period_start[0] == 0;

  for (guint p = 1; ok && p < basis->n_periods; p++)
    ok = basis->period_start[p] > basis->period_start[p - 1];
  if (!ok)
    g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                         _("The value basis is not valid: a decay rate in [0, 1) and weights periods in "
                           "ascending order, the first from the beginning."));
  return ok;
}

/* The factor of an entry dated `day`: (1 − r)^(−(day − b) / 365). */
static double
growth (const AssayValueBasis *basis,
        guint32                day)
{
  return pow (1.0 - basis->decay_rate, -((double) day - (double) basis->base_day) / 365.0);
}

static guint
period_of (const AssayValueBasis *basis,
           guint32                day)
{
  guint p = basis->n_periods - 1;

  while (p > 0 && basis->period_start[p] > day)
    p--;
  return p;
}

/* ---- rebuilding a block ------------------------------------------------------------ */

typedef struct
{
  sqlite3               *db;
  const AssayValueBasis *basis;
  sqlite3_stmt          *accounts;   /* the accounts rows of a block */
  sqlite3_stmt          *days;       /* their account_day rows */
  sqlite3_stmt          *redemptions;
  sqlite3_stmt          *counties;   /* their account_county rows */
  sqlite3_stmt          *get;
  sqlite3_stmt          *put;
  sqlite3_stmt          *drop;
  AssayValueBlock       *stored;
  AssayValueBlock       *fresh;
  guint8                *buffer;
} Refresh;

static void
refresh_clear (Refresh *r)
{
  sqlite3_finalize (r->accounts);
  sqlite3_finalize (r->days);
  sqlite3_finalize (r->redemptions);
  sqlite3_finalize (r->counties);
  sqlite3_finalize (r->get);
  sqlite3_finalize (r->put);
  sqlite3_finalize (r->drop);
  g_free (r->stored);
  g_free (r->fresh);
  g_free (r->buffer);
}

static gboolean
refresh_init (Refresh                *r,
              sqlite3                *db,
              const AssayValueBasis  *basis,
              GError                **error)
{
  r->db = db;
  r->basis = basis;
  r->stored = g_new (AssayValueBlock, 1);
  r->fresh = g_new (AssayValueBlock, 1);
  r->buffer = g_malloc (_assay_value_block_max_encoded (basis->n_periods));
  return (r->accounts = _assay_db_prepare (db, "SELECT id, n_events, n_redemptions, points, redeemed, kind "
                                               "FROM accounts WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
                                           error)) != NULL &&
         (r->days = _assay_db_prepare (db, "SELECT account_id, day, dimension, points FROM account_day "
                                           "WHERE account_id BETWEEN ?1 AND ?2", error)) != NULL &&
         (r->redemptions = _assay_db_prepare (db, "SELECT account_id, event_day, points FROM records "
                                                  "WHERE kind = 1 AND account_id BETWEEN ?1 AND ?2",
                                              error)) != NULL &&
         (r->counties = _assay_db_prepare (db, "SELECT account_id, county, n FROM account_county "
                                               "WHERE account_id BETWEEN ?1 AND ?2 ORDER BY account_id, county",
                                           error)) != NULL &&
         (r->get = _assay_db_prepare (db, "SELECT data FROM value_columns WHERE block = ?", error)) != NULL &&
         (r->put = _assay_db_prepare (db, "INSERT OR REPLACE INTO value_columns (block, data) VALUES (?, ?)",
                                      error)) != NULL &&
         (r->drop = _assay_db_prepare (db, "DELETE FROM value_columns WHERE block = ?", error)) != NULL;
}

static gboolean
step_done (sqlite3       *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _assay_db_set_error (db, error);
      return FALSE;
    }
  return TRUE;
}

static void
bind_block (sqlite3_stmt *stmt,
            guint64       block)
{
  sqlite3_bind_int64 (stmt, 1, (gint64) (block * BLOCK));
  sqlite3_bind_int64 (stmt, 2, (gint64) (block * BLOCK + BLOCK - 1));
}

/* The accounts rows of the block, with zero sums. */
static void
read_accounts (Refresh         *r,
               AssayValueBlock *b)
{
  gsize stride = ASSAY_VALUE_STRIDE (b->n_periods);

  bind_block (r->accounts, b->block);
  while (sqlite3_step (r->accounts) == SQLITE_ROW && b->n < BLOCK)
    {
      guint i = b->n++;

      b->account_id[i] = sqlite3_column_int64 (r->accounts, 0);
      for (guint c = 0; c < N_COUNTS; c++)
        b->counts[i][c] = sqlite3_column_int64 (r->accounts, 1 + c);
      b->kind[i] = sqlite3_column_int (r->accounts, 1 + N_COUNTS);
      b->county[i] = 0;
      memset (b->sums + i * stride, 0, stride * sizeof (double));
    }
  sqlite3_reset (r->accounts);
}

static int
index_in_block (const AssayValueBlock *b,
                guint64                account_id)
{
  for (guint i = 0; i < b->n; i++)
    if (b->account_id[i] == account_id)
      return i;
  return -1;
}

static void
add_sums (Refresh         *r,
          AssayValueBlock *b)
{
  gsize stride = ASSAY_VALUE_STRIDE (b->n_periods);

  bind_block (r->days, b->block);
  while (sqlite3_step (r->days) == SQLITE_ROW)
    {
      int i = index_in_block (b, sqlite3_column_int64 (r->days, 0));
      guint32 day = sqlite3_column_int64 (r->days, 1);
      int d = sqlite3_column_int (r->days, 2);

      if (i >= 0 && d >= 0 && d < ASSAY_N_DIMENSIONS)
        b->sums[i * stride + period_of (r->basis, day) * ASSAY_N_DIMENSIONS + d] +=
          sqlite3_column_int64 (r->days, 3) * growth (r->basis, day);
    }
  sqlite3_reset (r->days);
  bind_block (r->redemptions, b->block);
  while (sqlite3_step (r->redemptions) == SQLITE_ROW)
    {
      int i = index_in_block (b, sqlite3_column_int64 (r->redemptions, 0));

      if (i >= 0)
        b->sums[i * stride + stride - 1] +=
          sqlite3_column_int64 (r->redemptions, 2) * growth (r->basis, sqlite3_column_int64 (r->redemptions, 1));
    }
  sqlite3_reset (r->redemptions);
}

/* An account's county is the county of most of its records, a tie going
 * to the lowest code: in the primary key's order (an account's counties
 * ascending) the first of the largest counts. */
static void
add_counties (Refresh         *r,
              AssayValueBlock *b)
{
  int i = -1;
  gint64 most = 0;

  bind_block (r->counties, b->block);
  while (sqlite3_step (r->counties) == SQLITE_ROW)
    {
      gint64 count = sqlite3_column_int64 (r->counties, 2);

      if (i < 0 || b->account_id[i] != (guint64) sqlite3_column_int64 (r->counties, 0))
        {
          i = index_in_block (b, sqlite3_column_int64 (r->counties, 0));
          most = 0;
        }
      if (i >= 0 && count > most)
        {
          b->county[i] = sqlite3_column_int (r->counties, 1);
          most = count;
        }
    }
  sqlite3_reset (r->counties);
}

/* Everything but the accounts rows. */
static void
fill_block (Refresh         *r,
            AssayValueBlock *b)
{
  add_sums (r, b);
  add_counties (r, b);
}

/* The block as the aggregates make it now. */
static void
make_block (Refresh         *r,
            AssayValueBlock *b)
{
  read_accounts (r, b);
  if (b->n > 0)
    fill_block (r, b);
}

typedef enum
{
  STORED_NONE,
  STORED_READ,
  STORED_DAMAGED,   /* made from the aggregates: made again, not a loss */
} Stored;

static Stored
load_stored (Refresh *r,
             guint64  block)
{
  Stored stored = STORED_NONE;

  _assay_value_block_clear (r->stored, block, r->basis->n_periods);
  sqlite3_bind_int64 (r->get, 1, (gint64) block);
  if (sqlite3_step (r->get) == SQLITE_ROW)
    stored = _assay_value_block_decode (sqlite3_column_blob (r->get, 0), sqlite3_column_bytes (r->get, 0), r->stored)
             ? STORED_READ : STORED_DAMAGED;
  sqlite3_reset (r->get);
  return stored;
}

static gboolean
same_accounts (const AssayValueBlock *a,
               const AssayValueBlock *b)
{
  if (a->n != b->n)
    return FALSE;
  for (guint i = 0; i < a->n; i++)
    if (a->account_id[i] != b->account_id[i] ||
        memcmp (a->counts[i], b->counts[i], sizeof a->counts[i]) != 0)
      return FALSE;
  return TRUE;
}

/* Rebuilds one block if `force` or if its accounts changed. */
static gboolean
refresh_block (Refresh  *r,
               guint64   block,
               gboolean  force,
               guint64  *n_rebuilt,
               GError  **error)
{
  Stored stored = STORED_DAMAGED;

  _assay_value_block_clear (r->fresh, block, r->basis->n_periods);
  read_accounts (r, r->fresh);
  if (!force)
    stored = load_stored (r, block);
  if (stored == STORED_NONE && r->fresh->n == 0)
    return TRUE;
  if (stored == STORED_READ && r->fresh->n > 0 && same_accounts (r->stored, r->fresh))
    return TRUE;
  (*n_rebuilt)++;
  if (r->fresh->n == 0)
    {
      sqlite3_bind_int64 (r->drop, 1, (gint64) block);
      return step_done (r->db, r->drop, error);
    }
  fill_block (r, r->fresh);
  sqlite3_bind_int64 (r->put, 1, (gint64) block);
  sqlite3_bind_blob (r->put, 2, r->buffer, _assay_value_block_encode (r->fresh, r->buffer), SQLITE_STATIC);
  return step_done (r->db, r->put, error);
}

/* Which blocks a refresh visits. */
typedef enum
{
  VISIT_REBUILD_ALL,   /* another basis: every block with accounts, made anew */
  VISIT_COMPARE_ALL,   /* no mark (sums of a version before it): every block */
  VISIT_SINCE_MARK,    /* the blocks of the records from the mark on */
} Visit;

static const char *
visit_sql (Visit visit)
{
  G_STATIC_ASSERT (BLOCK == 64);
  switch (visit)
    {
    case VISIT_REBUILD_ALL:
      return "SELECT DISTINCT id / 64 FROM accounts ORDER BY 1";
    case VISIT_COMPARE_ALL:
      return "SELECT id / 64 FROM accounts UNION SELECT block FROM value_columns ORDER BY 1";
    case VISIT_SINCE_MARK:
    default:
      /* A range of the records' primary key (the leaf index). */
      return "SELECT DISTINCT account_id / 64 FROM records WHERE idx >= ?1 ORDER BY 1";
    }
}

static GArray *
blocks_to_visit (sqlite3  *db,
                 Visit     visit,
                 gint64    mark,
                 GError  **error)
{
  sqlite3_stmt *stmt = _assay_db_prepare (db, visit_sql (visit), error);
  GArray *blocks;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (visit == VISIT_SINCE_MARK)
    sqlite3_bind_int64 (stmt, 1, mark);
  blocks = g_array_new (FALSE, FALSE, sizeof (guint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint64 block = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (blocks, block);
    }
  if (rc != SQLITE_DONE)
    {
      _assay_db_set_error (db, error);
      g_clear_pointer (&blocks, g_array_unref);
    }
  sqlite3_finalize (stmt);
  return blocks;
}

static gboolean
refresh_blocks (sqlite3                *db,
                const AssayValueBasis  *basis,
                Visit                   visit,
                gint64                  mark,
                guint64                *n_rebuilt,
                GError                **error)
{
  g_autoptr(GArray) blocks = NULL;
  gboolean force = visit == VISIT_REBUILD_ALL;
  Refresh r = { 0 };
  gboolean ok;

  if (force && !_assay_db_exec (db, "DELETE FROM value_columns", error))
    return FALSE;
  ok = refresh_init (&r, db, basis, error) && (blocks = blocks_to_visit (db, visit, mark, error)) != NULL;
  for (guint i = 0; ok && i < blocks->len; i++)
    ok = refresh_block (&r, g_array_index (blocks, guint64, i), force, n_rebuilt, error);
  refresh_clear (&r);
  return ok;
}

/* The mark after a refresh: past the last record. */
static gboolean
mark_now (sqlite3  *db,
          gint64   *out_mark,
          GError  **error)
{
  sqlite3_stmt *stmt = _assay_db_prepare (db, "SELECT coalesce (max (idx) + 1, 0) FROM records", error);

  return stmt != NULL && _assay_db_step_int64 (db, stmt, out_mark, error);
}

/* A tombstone drops the basis with the sums (an erasure may take an
 * event and bring another of the same points in one sync, leaving the
 * account's counts as they were), so every block is rebuilt then. */
static gboolean
refresh_in_transaction (sqlite3                *db,
                        const AssayValueBasis  *basis,
                        guint64                *n_rebuilt,
                        GError                **error)
{
  g_autofree char *wanted = _assay_value_basis_text (basis);
  g_autofree char *stored = _assay_db_meta_get_text (db, BASIS_KEY);
  gint64 mark = _assay_db_meta_get_int (db, MARK_KEY, -1);
  gint64 generation = _assay_db_meta_get_int (db, GENERATION_KEY, 0);
  guint64 n_before = *n_rebuilt;
  Visit visit = VISIT_SINCE_MARK;

  if (g_strcmp0 (stored, wanted) != 0)
    visit = VISIT_REBUILD_ALL;
  else if (mark < 0)
    visit = VISIT_COMPARE_ALL;
  return refresh_blocks (db, basis, visit, mark, n_rebuilt, error) &&
         ((visit != VISIT_REBUILD_ALL && *n_rebuilt == n_before) ||
          _assay_db_meta_set_int (db, GENERATION_KEY, generation + 1, error)) &&
         mark_now (db, &mark, error) &&
         _assay_db_meta_set_text (db, BASIS_KEY, wanted, error) &&
         _assay_db_meta_set_int (db, MARK_KEY, mark, error);
}

gboolean
assay_replica_values_refresh (AssayReplica           *self,
                              const AssayValueBasis  *basis,
                              guint64                *out_n_blocks,
                              GError                **error)
{
  sqlite3 *db;
  guint64 n_rebuilt = 0;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (basis != NULL, FALSE);

  if (!check_basis (basis, error))
    return FALSE;
  db = _assay_replica_get_db (self);
  if (!_assay_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!refresh_in_transaction (db, basis, &n_rebuilt, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if (out_n_blocks != NULL)
    *out_n_blocks = n_rebuilt;
  return _assay_db_exec (db, "COMMIT", error);
}

gboolean
_assay_db_values_mark_lower (sqlite3  *db,
                             guint64   idx,
                             GError  **error)
{
  if (_assay_db_meta_get_int (db, MARK_KEY, -1) <= (gint64) idx)
    return TRUE;
  return _assay_db_meta_set_int (db, MARK_KEY, (gint64) idx, error);
}

gboolean
_assay_db_values_forget (sqlite3  *db,
                         GError  **error)
{
  return _assay_db_exec (db, "DELETE FROM value_columns", error) &&
         _assay_db_exec (db, "DELETE FROM meta WHERE key IN ('" BASIS_KEY "', '" MARK_KEY "')", error);
}

/* A block that does not decode (a damaged file, or one written by hand)
 * is made from the aggregates where it is read, as the refresh makes it,
 * so the values stay what a rebuild gives; the stored bytes are replaced
 * the next time the refresh visits the block (its accounts change, or the
 * basis). */
gboolean
_assay_value_block_make (sqlite3                *db,
                         const AssayValueBasis  *basis,
                         AssayValueBlock        *b,
                         GError                **error)
{
  Refresh r = { 0 };
  gboolean ok;

  g_debug ("Value sums of accounts block %" G_GUINT64_FORMAT " do not decode; made from the aggregates",
           b->block);
  ok = refresh_init (&r, db, basis, error);
  if (ok)
    {
      _assay_value_block_clear (b, b->block, basis->n_periods);
      make_block (&r, b);
    }
  refresh_clear (&r);
  return ok;
}

char *
_assay_value_blocks_state (sqlite3 *db)
{
  g_autofree char *basis = _assay_db_meta_get_text (db, BASIS_KEY);

  return g_strdup_printf ("%" G_GINT64_FORMAT " %s", _assay_db_meta_get_int (db, GENERATION_KEY, 0),
                          basis != NULL ? basis : "-");
}

char *
_assay_value_stored_basis (sqlite3 *db)
{
  return _assay_db_meta_get_text (db, BASIS_KEY);
}

GArray *
assay_replica_value_days (AssayReplica  *self,
                          guint64        account_id,
                          GError       **error)
{
  sqlite3_stmt *stmt;
  GArray *days;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self, "SELECT day, dimension, points FROM account_day WHERE account_id = ?1 "
                                       "UNION ALL "
                                       "SELECT event_day, -1, sum (points) FROM records "
                                       "WHERE kind = 1 AND account_id = ?1 GROUP BY event_day "
                                       "ORDER BY 1, 2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, (gint64) account_id);
  days = g_array_new (FALSE, FALSE, sizeof (AssayValueDay));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AssayValueDay row = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1),
                            sqlite3_column_int64 (stmt, 2) };

      g_array_append_val (days, row);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    g_clear_pointer (&days, g_array_unref);
  return days;
}

guint32
assay_replica_last_entry_day (AssayReplica  *self,
                              GError       **error)
{
  sqlite3_stmt *stmt;
  guint32 day = 0;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), 0);

  stmt = _assay_replica_prepare (self, "SELECT max (event_day) FROM records", error);
  if (stmt == NULL)
    return 0;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      day = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    return 0;
  return day;
}

/* ---- what the sums do not say -------------------------------------------------------- */

static GArray *
read_down_weights (AssayReplica  *self,
                   GError       **error)
{
  sqlite3_stmt *stmt = _assay_replica_prepare (self, "SELECT a.id, w.dimension, w.from_day, w.to_day, d.logged_day "
                                                     "FROM down_weights w JOIN accounts a ON a.account = w.account "
                                                     "JOIN decisions d ON d.idx = w.idx "
                                                     "ORDER BY a.id, w.from_day, w.dimension", error);
  GArray *rows;
  int rc;

  if (stmt == NULL)
    return NULL;
  rows = g_array_new (FALSE, FALSE, sizeof (AssayValueDownWeight));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AssayValueDownWeight w = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1),
                                 sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3),
                                 sqlite3_column_int64 (stmt, 4) };

      g_array_append_val (rows, w);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    g_clear_pointer (&rows, g_array_unref);
  return rows;
}

static GArray *
read_state_changes (AssayReplica  *self,
                    GError       **error)
{
  sqlite3_stmt *stmt = _assay_replica_prepare (self, "SELECT a.id, d.outcome, d.logged_day FROM decisions d "
                                                     "JOIN accounts a ON a.account = d.subject_id "
                                                     "WHERE d.subject_kind = 'account' "
                                                     "AND d.outcome IN ('freeze', 'restore', 'zero') "
                                                     "AND d.idx NOT IN (SELECT decision FROM overturned) "
                                                     "ORDER BY d.idx", error);
  GArray *rows;
  int rc;

  if (stmt == NULL)
    return NULL;
  rows = g_array_new (FALSE, FALSE, sizeof (AssayValueStateChange));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *outcome = (const char *) sqlite3_column_text (stmt, 1);
      AssayValueStateChange c = { sqlite3_column_int64 (stmt, 0), ASSAY_ACCOUNT_ACTIVE,
                                  sqlite3_column_int64 (stmt, 2) };

      if (g_strcmp0 (outcome, "freeze") == 0)
        c.state = ASSAY_ACCOUNT_FROZEN;
      else if (g_strcmp0 (outcome, "zero") == 0)
        c.state = ASSAY_ACCOUNT_ZEROED;
      g_array_append_val (rows, c);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    g_clear_pointer (&rows, g_array_unref);
  return rows;
}

gboolean
assay_replica_value_exceptions (AssayReplica  *self,
                                GArray       **out_down_weights,
                                GArray       **out_state_changes,
                                GError       **error)
{
  g_autoptr(GArray) weights = NULL;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);

  if ((weights = read_down_weights (self, error)) == NULL ||
      (*out_state_changes = read_state_changes (self, error)) == NULL)
    return FALSE;
  *out_down_weights = g_steal_pointer (&weights);
  return TRUE;
}

gboolean
assay_replica_account_number (AssayReplica  *self,
                              const char    *account,
                              guint64       *out_account_id,
                              GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean found;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);

  stmt = _assay_replica_prepare (self, "SELECT id FROM accounts WHERE account = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
  found = (rc = sqlite3_step (stmt)) == SQLITE_ROW;
  if (found)
    {
      *out_account_id = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    return FALSE;
  if (!found)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                 _("The replica has no account “%s”."), account);
  return found;
}

GStrv
assay_replica_account_names (AssayReplica  *self,
                             const guint64 *ids,
                             gsize          n,
                             GError       **error)
{
  g_auto(GStrv) names = g_new0 (char *, n + 1);
  sqlite3_stmt *stmt;
  gsize k = 0;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  if (n == 0)
    return g_steal_pointer (&names);
  stmt = _assay_replica_prepare (self, "SELECT id, account FROM accounts WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, (gint64) ids[0]);
  sqlite3_bind_int64 (stmt, 2, (gint64) ids[n - 1]);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && k < n)
    {
      guint64 id = sqlite3_column_int64 (stmt, 0);

      while (k < n && ids[k] < id)
        names[k++] = g_strdup ("");
      if (k < n && ids[k] == id)
        names[k++] = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  if (rc == SQLITE_ROW)
    rc = SQLITE_DONE;
  while (k < n)
    names[k++] = g_strdup ("");
  sqlite3_reset (stmt);
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&names);
}

GArray *
assay_replica_value_credits (AssayReplica  *self,
                             GError       **error)
{
  sqlite3_stmt *stmt;
  GArray *rows;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self,
                                 "SELECT a.id, fd.logged_day, "
                                 "  CASE WHEN f.kind = 12 THEN -f.points ELSE fd.amount END "
                                 "FROM filing_decisions fd "
                                 "JOIN filings f ON f.idx = fd.filing JOIN accounts a ON a.account = f.account "
                                 "WHERE ((fd.amount IS NOT NULL AND fd.outcome IN ('approve', 'adjust')) "
                                 "    OR (f.kind = 12 AND fd.outcome = 'approve')) "
                                 "AND fd.idx = (SELECT max (idx) FROM filing_decisions WHERE filing = fd.filing) "
                                 "ORDER BY fd.idx", error);
  if (stmt == NULL)
    return NULL;
  rows = g_array_new (FALSE, FALSE, sizeof (AssayValueCredit));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AssayValueCredit c = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                             sqlite3_column_int64 (stmt, 2) };

      g_array_append_val (rows, c);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    g_clear_pointer (&rows, g_array_unref);
  return rows;
}

G_STATIC_ASSERT (ASSAY_ENTRY_APPEAL == 6 && ASSAY_ENTRY_DISPUTE == 7 && ASSAY_ENTRY_SILENCE == 8 &&
                 ASSAY_ENTRY_EDUCATION_TRANSFER == 12);

GArray *
assay_replica_value_voids (AssayReplica  *self,
                           GError       **error)
{
  sqlite3_stmt *stmt;
  GArray *rows;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self,
    "WITH standing AS (SELECT fd.filing, fd.outcome, fd.logged_day FROM filing_decisions fd "
    "  WHERE fd.idx = (SELECT max (x.idx) FROM filing_decisions x WHERE x.filing = fd.filing)), "
    "unrecognised AS ("
    "  SELECT fe.entry AS idx, s.logged_day AS day FROM standing s JOIN filings f ON f.idx = s.filing "
    "    JOIN filing_entries fe ON fe.idx = f.idx WHERE f.kind = 7 AND s.outcome = 'overturn' "
    "  UNION ALL "
    "  SELECT f.target, s.logged_day FROM standing s JOIN filings f ON f.idx = s.filing "
    "    WHERE f.kind = 6 AND s.outcome = 'approve' "
    "  UNION ALL "
    "  SELECT r.idx, s.logged_day FROM standing s JOIN filings f ON f.idx = s.filing "
    "    JOIN accounts a ON a.account = f.account "
    "    JOIN records r INDEXED BY records_account ON r.account_id = a.id "
    "    WHERE f.kind = 8 AND s.outcome = 'approve' AND r.event_day BETWEEN f.from_day AND f.to_day) "
    "SELECT r.account_id, r.event_day, CASE WHEN r.kind = 0 THEN r.dimension ELSE -1 END, r.points, "
    "  min (u.day) FROM unrecognised u JOIN records r ON r.idx = u.idx GROUP BY r.idx ORDER BY r.idx",
    error);
  if (stmt == NULL)
    return NULL;
  rows = g_array_new (FALSE, FALSE, sizeof (AssayValueVoid));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AssayValueVoid v = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                           sqlite3_column_int (stmt, 2), sqlite3_column_int64 (stmt, 3),
                           sqlite3_column_int64 (stmt, 4) };

      g_array_append_val (rows, v);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    g_clear_pointer (&rows, g_array_unref);
  return rows;
}
