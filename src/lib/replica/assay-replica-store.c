/* assay-replica-store.c — the sync writer: entries, parsed rows, aggregates, erasures
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
#include <stdlib.h>
#include <string.h>

#include "assay-day.h"
#include "assay-error.h"
#include "assay-replica-private.h"

/* Aggregates are summed in memory as entries arrive, then written in key
 * order (each aggregate B-tree is then walked once, left to right, which
 * is much faster than one random upsert per entry, and than sorting the
 * new records again in SQL).  The sums are flushed before each tombstone,
 * at commit, and whenever they hold MAX_PENDING_SUMS keys, so memory stays
 * bounded whatever the number of entries.
 *
 * Accounts are numbered (accounts.id) in the order they first appear in
 * the log, so that every table refers to them by a small integer; the
 * numbering only depends on the log, never on how syncs were split. */
#define MAX_PENDING_SUMS    (1u << 19)
#define MAX_KNOWN_ACCOUNTS  (1u << 20)

/* One account, and its sums over the records added since the last flush
 * (if `pending`). */
typedef struct
{
  char    *account;
  gint64   id;
  gboolean pending;
  int      kind;
  gint64   n_events;
  gint64   n_redemptions;
  gint64   points;
  gint64   redeemed;
  guint32  first_day;
  guint32  last_day;
} AccountSums;

/* A sum keyed by (account id, period, dimension) for account_quarter and
 * account_day, by (county, day, 0) for county_day, by (account id, county,
 * 0) for account_county, or by (order, block, day or points) for
 * order_counts. */
typedef struct
{
  gint64   key;
  guint32  period;
  gint32   dimension;
  gint64   points;
  gint64   count;
  gint64   redemption_points;
  gint64   redemptions;
} Sum;

/* Sums of one aggregate table: the sums themselves sit in one array (no
 * allocation per key, sorted in place at flush time), found through an
 * open-addressing index (linear probing) of their position + 1, 0 meaning
 * an empty slot.  The index is kept at most half full. */
typedef struct
{
  Sum     *sums;
  guint    n_sums;
  guint    n_allocated;
  guint32 *slots;
  guint32  mask;           /* number of slots - 1, a power of two */
} SumTable;

#define SUM_TABLE_MIN_SLOTS  4096u

/* The accounts stay known across flushes (their ids are looked up once per
 * sync), until a tombstone may delete some or there are too many. */
typedef struct
{
  GHashTable *accounts;    /* account -> AccountSums */
  GPtrArray  *pending;     /* the accounts with sums, in no order */
  SumTable    quarters;
  SumTable    days;
  SumTable    counties;
  SumTable    account_counties;
  SumTable    orders;
} PendingSums;

struct _AssayReplicaWriter
{
  sqlite3      *db;
  gboolean      in_transaction;
  sqlite3_stmt *insert_entry;
  sqlite3_stmt *insert_record;
  sqlite3_stmt *insert_tombstone;
  sqlite3_stmt *put_tile;
  sqlite3_stmt *find_account;
  sqlite3_stmt *insert_account;
  sqlite3_stmt *find_activity;
  sqlite3_stmt *insert_activity;
  sqlite3_stmt *insert_community;
  GHashTable   *activities;       /* activity id -> number, as stored */
  PendingSums   sums;
  gint64        d_events;
  gint64        d_redemptions;
  gint64        d_tombstones;
  gint64        d_signed[ASSAY_N_ENTRY_KINDS];  /* rosters, decisions, pauses and filings, by kind */
  gint64        d_erased;
  gint64        d_withheld;
  gint64        d_accounts;
  gboolean      erased_something;
  /* A tombstone applied or a withheld body filled: records below the
   * log's previous size changed (see "rewritten_at" in commit). */
  gboolean      rewrote_history;
  GPtrArray    *dropped_indexes;  /* CREATE INDEX statements to run again */
  GArray       *dirty_blocks;     /* guint64: quarter_columns blocks to rebuild */
  GArray       *written_keys;     /* gint64: quarter_columns rows to stamp */
};

static gboolean restore_record_indexes (AssayReplicaWriter  *self,
                                        GError             **error);

static void
quarter_func (sqlite3_context *context,
              int argc,
              sqlite3_value **argv)
{
  sqlite3_result_int64 (context, assay_day_quarter (sqlite3_value_int64 (argv[0])));
}

static gboolean
step_reset (sqlite3 *db,
            sqlite3_stmt *stmt,
            GError **error)
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

/* ---- pending sums ------------------------------------------------------------ */

static guint32
sum_hash (gint64 key,
          guint32 period,
          gint32 dimension)
{
  guint64 h = (guint64) key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  h ^= ((guint64) period << 32 | (guint32) dimension) * G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F);
  h ^= h >> 29;
  return (guint32) (h ^ (h >> 32));
}

static void
sum_table_init (SumTable *t)
{
  t->n_sums = 0;
  t->n_allocated = SUM_TABLE_MIN_SLOTS / 2;
  t->sums = g_new (Sum, t->n_allocated);
  t->mask = SUM_TABLE_MIN_SLOTS - 1;
  t->slots = g_new0 (guint32, SUM_TABLE_MIN_SLOTS);
}

static void
sum_table_reset (SumTable *t)
{
  if (t->n_sums == 0)
    return;
  t->n_sums = 0;
  memset (t->slots, 0, ((gsize) t->mask + 1) * sizeof *t->slots);
}

static guint32
sum_table_free_slot (SumTable *t,
                     const Sum *sum)
{
  guint32 i = sum_hash (sum->key, sum->period, sum->dimension) & t->mask;

  while (t->slots[i] != 0)
    i = (i + 1) & t->mask;
  return i;
}

/* Doubles the array and the index (which is rebuilt). */
static void
sum_table_grow (SumTable *t)
{
  t->n_allocated *= 2;
  t->sums = g_renew (Sum, t->sums, t->n_allocated);
  t->mask = t->mask * 2 + 1;
  g_free (t->slots);
  t->slots = g_new0 (guint32, (gsize) t->mask + 1);
  for (guint n = 0; n < t->n_sums; n++)
    t->slots[sum_table_free_slot (t, &t->sums[n])] = n + 1;
}

static void
sum_table_clear (SumTable *t)
{
  g_clear_pointer (&t->sums, g_free);
  g_clear_pointer (&t->slots, g_free);
}

static void
account_sums_free (gpointer data)
{
  AccountSums *a = data;

  g_free (a->account);
  g_free (a);
}

static void
pending_sums_init (PendingSums *p)
{
  p->accounts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, account_sums_free);
  p->pending = g_ptr_array_new ();
  sum_table_init (&p->quarters);
  sum_table_init (&p->days);
  sum_table_init (&p->counties);
  sum_table_init (&p->account_counties);
  sum_table_init (&p->orders);
}

/* Empties the sums (they were flushed); the accounts stay known. */
static void
pending_sums_reset (PendingSums *p)
{
  for (guint i = 0; i < p->pending->len; i++)
    ((AccountSums *) g_ptr_array_index (p->pending, i))->pending = FALSE;
  g_ptr_array_set_size (p->pending, 0);
  sum_table_reset (&p->quarters);
  sum_table_reset (&p->days);
  sum_table_reset (&p->counties);
  sum_table_reset (&p->account_counties);
  sum_table_reset (&p->orders);
}

static void
pending_sums_clear (PendingSums *p)
{
  sum_table_clear (&p->quarters);
  sum_table_clear (&p->days);
  sum_table_clear (&p->counties);
  sum_table_clear (&p->account_counties);
  sum_table_clear (&p->orders);
  g_clear_pointer (&p->accounts, g_hash_table_unref);
  g_clear_pointer (&p->pending, g_ptr_array_unref);
}

static guint
pending_sums_size (PendingSums *p)
{
  return p->pending->len + p->quarters.n_sums + p->days.n_sums +
         p->counties.n_sums + p->account_counties.n_sums + p->orders.n_sums;
}

static Sum *
sum_lookup (SumTable *t,
            gint64 key,
            guint32 period,
            gint32 dimension)
{
  guint32 i = sum_hash (key, period, dimension) & (t->mask);
  Sum *sum;

  for (; t->slots[i] != 0; i = (i + 1) & (t->mask))
    {
      sum = &t->sums[t->slots[i] - 1];
      if (sum->key == key && sum->period == period && sum->dimension == dimension)
        return sum;
    }
  if (t->n_sums == t->n_allocated)
    {
      sum_table_grow (t);
      return sum_lookup (t, key, period, dimension);
    }
  sum = &t->sums[t->n_sums++];
  *sum = (Sum) { key, period, dimension, 0, 0, 0, 0 };
  t->slots[i] = t->n_sums;
  return sum;
}

/* The account of `e`, numbered and stored (with zero sums) the first time
 * it appears. */
static AccountSums *
lookup_account (AssayReplicaWriter *self,
                const AssayEntry *e,
                GError **error)
{
  AccountSums *a = g_hash_table_lookup (self->sums.accounts, e->account);
  gint64 id = -1;

  if (a != NULL)
    return a;

  sqlite3_bind_text (self->find_account, 1, e->account, -1, SQLITE_STATIC);
  if (sqlite3_step (self->find_account) == SQLITE_ROW)
    id = sqlite3_column_int64 (self->find_account, 0);
  sqlite3_reset (self->find_account);
  if (id < 0)
    {
      sqlite3_bind_text (self->insert_account, 1, e->account, -1, SQLITE_STATIC);
      sqlite3_bind_int (self->insert_account, 2, e->account_kind);
      sqlite3_bind_int64 (self->insert_account, 3, e->event_day);
      if (!step_reset (self->db, self->insert_account, error))
        return NULL;
      id = sqlite3_last_insert_rowid (self->db);
      self->d_accounts++;
    }

  a = g_new0 (AccountSums, 1);
  a->account = g_strdup (e->account);
  a->id = id;
  g_hash_table_insert (self->sums.accounts, a->account, a);
  return a;
}

static void
pending_sums_add (PendingSums *p,
                  AccountSums *a,
                  guint64 idx,
                  const AssayEntry *e,
                  gint64 county)
{
  guint32 block = idx >> ASSAY_ORDER_BLOCK_BITS;
  Sum *s;

  if (!a->pending)
    {
      a->pending = TRUE;
      a->kind = e->account_kind;
      a->n_events = a->n_redemptions = a->points = a->redeemed = 0;
      a->first_day = a->last_day = e->event_day;
      g_ptr_array_add (p->pending, a);
    }
  a->kind = MIN (a->kind, (int) e->account_kind);
  a->first_day = MIN (a->first_day, e->event_day);
  a->last_day = MAX (a->last_day, e->event_day);
  sum_lookup (&p->orders, ASSAY_ORDER_EVENT_DAY, block, e->event_day)->count++;
  sum_lookup (&p->orders, ASSAY_ORDER_POINTS, block, e->points)->count++;
  sum_lookup (&p->account_counties, a->id, county, 0)->count++;

  s = sum_lookup (&p->counties, county, e->event_day, 0);
  if (e->kind != ASSAY_ENTRY_EVENT)
    {
      a->n_redemptions++;
      a->redeemed += e->points;
      s->redemptions++;
      s->redemption_points += e->points;
      return;
    }
  a->n_events++;
  a->points += e->points;
  s->count++;
  s->points += e->points;

  s = sum_lookup (&p->quarters, a->id, assay_day_quarter (e->event_day), e->dimension);
  s->count++;
  s->points += e->points;
  s = sum_lookup (&p->days, a->id, e->event_day, e->dimension);
  s->count++;
  s->points += e->points;
}

static int
compare_sums (gconstpointer a,
              gconstpointer b)
{
  const Sum *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  if (x->period != y->period)
    return x->period < y->period ? -1 : 1;
  return (x->dimension > y->dimension) - (x->dimension < y->dimension);
}

static int
compare_accounts (gconstpointer a,
                  gconstpointer b)
{
  gint64 x = (*(AccountSums * const *) a)->id, y = (*(AccountSums * const *) b)->id;

  return (x > y) - (x < y);
}

/* Upserts one table's sums in key order with `sql` (?1 key, ?2 period,
 * ?3 dimension, ?4 points, ?5 count, ?6 redemption points, ?7
 * redemptions; a statement may leave some out). */
static gboolean
flush_sums (sqlite3 *db,
            SumTable *table,
            const char *sql,
            GError **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  if (table->n_sums == 0)
    return TRUE;
  if ((stmt = _assay_db_prepare (db, sql, error)) == NULL)
    return FALSE;
  /* Sorting moves the sums, so the index is stale until the reset that
   * follows every flush. */
  qsort (table->sums, table->n_sums, sizeof (Sum), compare_sums);
  for (guint i = 0; i < table->n_sums && ok; i++)
    {
      const Sum *s = &table->sums[i];

      sqlite3_bind_int64 (stmt, 1, s->key);
      sqlite3_bind_int64 (stmt, 2, s->period);
      sqlite3_bind_int (stmt, 3, s->dimension);
      sqlite3_bind_int64 (stmt, 4, s->points);
      sqlite3_bind_int64 (stmt, 5, s->count);
      sqlite3_bind_int64 (stmt, 6, s->redemption_points);
      sqlite3_bind_int64 (stmt, 7, s->redemptions);
      ok = step_reset (db, stmt, error);
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
flush_accounts (AssayReplicaWriter *self,
                GError **error)
{
  GPtrArray *accounts = self->sums.pending;
  sqlite3_stmt *update;
  gboolean ok = TRUE;

  if (accounts->len == 0)
    return TRUE;
  update = _assay_db_prepare (self->db,
    "UPDATE accounts SET kind = min(kind, ?2), n_events = n_events + ?3, "
    "n_redemptions = n_redemptions + ?4, points = points + ?5, redeemed = redeemed + ?6, "
    "first_day = min(first_day, ?7), last_day = max(last_day, ?8) WHERE id = ?1",
    error);
  if (update == NULL)
    return FALSE;

  g_ptr_array_sort (accounts, compare_accounts);
  for (guint i = 0; i < accounts->len && ok; i++)
    {
      const AccountSums *a = g_ptr_array_index (accounts, i);

      sqlite3_bind_int64 (update, 1, a->id);
      sqlite3_bind_int (update, 2, a->kind);
      sqlite3_bind_int64 (update, 3, a->n_events);
      sqlite3_bind_int64 (update, 4, a->n_redemptions);
      sqlite3_bind_int64 (update, 5, a->points);
      sqlite3_bind_int64 (update, 6, a->redeemed);
      sqlite3_bind_int64 (update, 7, a->first_day);
      sqlite3_bind_int64 (update, 8, a->last_day);
      ok = step_reset (self->db, update, error);
    }
  sqlite3_finalize (update);
  return ok;
}

/* Drops the known accounts (only when no sums are pending). */
static void
forget_accounts (AssayReplicaWriter *self)
{
  g_assert (self->sums.pending->len == 0);
  g_hash_table_remove_all (self->sums.accounts);
}

/* The quarter_columns block of an account whose account_quarter rows
 * change; rebuilt at commit (consecutive duplicates skipped here, the
 * rest at commit). */
static void
mark_dirty (AssayReplicaWriter *self,
            gint64 account)
{
  guint64 block = (guint64) account >> ASSAY_QUARTER_BLOCK_BITS;
  GArray *a = self->dirty_blocks;

  if (a->len == 0 || g_array_index (a, guint64, a->len - 1) != block)
    g_array_append_val (a, block);
}

static int
compare_blocks (gconstpointer a,
                gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return (x > y) - (x < y);
}

/* Sorts the dirty blocks and drops duplicates. */
static void
compact_dirty (AssayReplicaWriter *self)
{
  GArray *a = self->dirty_blocks;
  guint n = 0;

  g_array_sort (a, compare_blocks);
  for (guint i = 0; i < a->len; i++)
    if (n == 0 || g_array_index (a, guint64, i) != g_array_index (a, guint64, n - 1))
      g_array_index (a, guint64, n++) = g_array_index (a, guint64, i);
  g_array_set_size (a, n);
}

/* Rewrites the blocks of quarter_columns whose accounts' account_quarter
 * rows changed in this transaction. */
static gboolean
rebuild_quarter_columns (AssayReplicaWriter *self,
                         gint64 size,
                         GError **error)
{
  GArray *a = self->dirty_blocks;

  if (a->len == 0)
    return TRUE;
  compact_dirty (self);
  return _assay_db_quarter_columns_rebuild (self->db, (const guint64 *) a->data, a->len, size, error);
}

/* The quarter sums just flushed go into quarter_columns too: in place,
 * block by block, for an ordinary sync; for a bulk one (most blocks
 * change, and many several times) by one rebuild at commit. */
static gboolean
add_quarter_columns (AssayReplicaWriter *self,
                     GError **error)
{
  SumTable *t = &self->sums.quarters;
  g_autofree AssayQuarterDelta *deltas = NULL;

  if (self->dropped_indexes != NULL)
    {
      /* flush_sums sorted them by account. */
      for (guint i = 0; i < t->n_sums; i++)
        mark_dirty (self, t->sums[i].key);
      /* Memory stays bounded by the number of blocks, whatever the
       * number of flushes. */
      if (self->dirty_blocks->len > MAX_PENDING_SUMS)
        compact_dirty (self);
      return TRUE;
    }
  deltas = g_new (AssayQuarterDelta, MAX (t->n_sums, 1));
  for (guint i = 0; i < t->n_sums; i++)
    deltas[i] = (AssayQuarterDelta) { t->sums[i].key, t->sums[i].period, t->sums[i].dimension,
                                      t->sums[i].points };
  return _assay_db_quarter_columns_add (self->db, deltas, t->n_sums, self->written_keys, error);
}

/* Writes the pending sums into the aggregate tables and empties them. */
static gboolean
flush_aggregates (AssayReplicaWriter *self,
                  GError **error)
{
  gboolean ok;

  ok = flush_accounts (self, error) &&
       flush_sums (self->db, &self->sums.quarters,
                   "INSERT INTO account_quarter (account_id, quarter, dimension, points, count) "
                   "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET "
                   "points = points + excluded.points, count = count + excluded.count",
                   error) &&
       flush_sums (self->db, &self->sums.days,
                   "INSERT INTO account_day (account_id, day, dimension, points, count) "
                   "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET "
                   "points = points + excluded.points, count = count + excluded.count",
                   error) &&
       flush_sums (self->db, &self->sums.counties,
                   "INSERT INTO county_day (county, day, events, event_points, redemptions, "
                   "redemption_points) VALUES (?1, ?2, ?5, ?4, ?7, ?6) ON CONFLICT DO UPDATE SET "
                   "events = events + excluded.events, "
                   "event_points = event_points + excluded.event_points, "
                   "redemptions = redemptions + excluded.redemptions, "
                   "redemption_points = redemption_points + excluded.redemption_points",
                   error) &&
       flush_sums (self->db, &self->sums.account_counties,
                   "INSERT INTO account_county (account_id, county, n) VALUES (?1, ?2, ?5) "
                   "ON CONFLICT DO UPDATE SET n = n + excluded.n",
                   error) &&
       flush_sums (self->db, &self->sums.orders,
                   "INSERT INTO order_counts (sort, key, block, n) VALUES (?1, ?3, ?2, ?5) "
                   "ON CONFLICT DO UPDATE SET n = n + excluded.n",
                   error);
  if (ok)
    ok = add_quarter_columns (self, error);
  pending_sums_reset (&self->sums);
  if (g_hash_table_size (self->sums.accounts) > MAX_KNOWN_ACCOUNTS)
    forget_accounts (self);
  return ok;
}

static int
county_number (const char *county)
{
  return (int) g_ascii_strtoll (county, NULL, 10);
}

static gboolean
step_done (AssayReplicaWriter *self,
           sqlite3_stmt *stmt,
           GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _assay_db_set_error (self->db, error);
      return FALSE;
    }
  return TRUE;
}

/* ---- community events ----------------------------------------------------- */

/* The number of an activity id, stored the first time it appears. */
static gboolean
lookup_activity (AssayReplicaWriter *self,
                 const char *activity,
                 gint64 *out_id,
                 GError **error)
{
  gpointer found;
  gint64 id = -1;

  if (g_hash_table_lookup_extended (self->activities, activity, NULL, &found))
    {
      *out_id = GPOINTER_TO_SIZE (found);
      return TRUE;
    }
  sqlite3_bind_text (self->find_activity, 1, activity, -1, SQLITE_STATIC);
  if (sqlite3_step (self->find_activity) == SQLITE_ROW)
    id = sqlite3_column_int64 (self->find_activity, 0);
  sqlite3_reset (self->find_activity);
  if (id < 0)
    {
      sqlite3_bind_text (self->insert_activity, 1, activity, -1, SQLITE_STATIC);
      if (!step_done (self, self->insert_activity, error))
        return FALSE;
      id = sqlite3_last_insert_rowid (self->db);
    }
  /* Bounded like the known accounts. */
  if (g_hash_table_size (self->activities) >= MAX_KNOWN_ACCOUNTS)
    g_hash_table_remove_all (self->activities);
  g_hash_table_insert (self->activities, g_strdup (activity), GSIZE_TO_POINTER ((gsize) id));
  *out_id = id;
  return TRUE;
}

/* A community-service event (rule id `community`) goes into
 * community_events beside its record, in the same transaction. */
static gboolean
insert_community (AssayReplicaWriter *self,
                  guint64 idx,
                  gint64 account_id,
                  const AssayEntry *e,
                  GError **error)
{
  sqlite3_stmt *s = self->insert_community;
  gint64 activity;

  if (!lookup_activity (self, e->activity, &activity, error))
    return FALSE;
  sqlite3_bind_int64 (s, 1, idx);
  sqlite3_bind_int64 (s, 2, account_id);
  sqlite3_bind_int64 (s, 3, activity);
  sqlite3_bind_int64 (s, 4, e->event_day);
  return step_done (self, s, error);
}

static gboolean
insert_record (AssayReplicaWriter *self,
               guint64 idx,
               const AssayEntry *e,
               GError **error)
{
  sqlite3_stmt *s = self->insert_record;
  gboolean event = e->kind == ASSAY_ENTRY_EVENT;
  AccountSums *account = lookup_account (self, e, error);

  if (account == NULL)
    return FALSE;
  sqlite3_bind_int64 (s, 1, idx);
  sqlite3_bind_int (s, 2, event ? 0 : 1);
  sqlite3_bind_int64 (s, 3, account->id);
  sqlite3_bind_int (s, 4, e->account_kind);
  if (event)
    {
      sqlite3_bind_int (s, 5, e->dimension);
      sqlite3_bind_null (s, 6);
    }
  else
    {
      sqlite3_bind_null (s, 5);
      sqlite3_bind_int (s, 6, e->tier);
    }
  sqlite3_bind_int64 (s, 7, e->points);
  sqlite3_bind_int64 (s, 8, e->event_day);
  sqlite3_bind_int64 (s, 9, e->publication_day);
  sqlite3_bind_int (s, 10, county_number (e->county));
  sqlite3_bind_text (s, 11, event ? e->issuer : NULL, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 12, event ? e->rule_id : NULL, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 13, event ? e->confirmer : NULL, -1, SQLITE_STATIC);
  if (!step_done (self, s, error))
    return FALSE;
  if (event && g_strcmp0 (e->rule_id, "community") == 0 &&
      !insert_community (self, idx, account->id, e, error))
    return FALSE;

  pending_sums_add (&self->sums, account, idx, e, county_number (e->county));
  if (pending_sums_size (&self->sums) >= MAX_PENDING_SUMS && !flush_aggregates (self, error))
    return FALSE;
  if (event)
    self->d_events++;
  else
    self->d_redemptions++;
  return TRUE;
}

/* ---- erasure ------------------------------------------------------------- */

static gboolean
run_stmt (sqlite3 *db,
          const char *sql,
          gint64 account,
          gint64 a,
          gint64 b,
          gint64 c,
          gint64 d,
          GError **error)
{
  sqlite3_stmt *stmt = _assay_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, account);
  sqlite3_bind_int64 (stmt, 2, a);
  sqlite3_bind_int64 (stmt, 3, b);
  sqlite3_bind_int64 (stmt, 4, c);
  sqlite3_bind_int64 (stmt, 5, d);
  return _assay_db_step_once (db, stmt, error);
}

/* Takes an erased record out of every aggregate, as if it had never been
 * there: an aggregate row that only it made disappears. */
static gboolean
unaggregate_record (AssayReplicaWriter *self,
                    guint64 idx,
                    gint64 account,
                    gboolean event,
                    int dimension,
                    gint64 points,
                    guint32 day,
                    int county,
                    GError **error)
{
  sqlite3 *db = self->db;

  if (event)
    mark_dirty (self, account);
  if (event &&
      (!run_stmt (db, "UPDATE account_quarter SET points = points - ?4, count = count - 1 "
                      "WHERE account_id = ?1 AND quarter = ?2 AND dimension = ?3",
                  account, assay_day_quarter (day), dimension, points, 0, error) ||
       !run_stmt (db, "DELETE FROM account_quarter WHERE account_id = ?1 AND quarter = ?2 "
                      "AND dimension = ?3 AND count = 0",
                  account, assay_day_quarter (day), dimension, 0, 0, error) ||
       !run_stmt (db, "UPDATE account_day SET points = points - ?4, count = count - 1 "
                      "WHERE account_id = ?1 AND day = ?2 AND dimension = ?3",
                  account, day, dimension, points, 0, error) ||
       !run_stmt (db, "DELETE FROM account_day WHERE account_id = ?1 AND day = ?2 "
                      "AND dimension = ?3 AND count = 0",
                  account, day, dimension, 0, 0, error)))
    return FALSE;

  for (int order = ASSAY_ORDER_EVENT_DAY; order <= ASSAY_ORDER_POINTS; order++)
    {
      gint64 key = order == ASSAY_ORDER_POINTS ? points : day;

      if (!run_stmt (db, "UPDATE order_counts SET n = n - 1 WHERE sort = ?2 AND key = ?3 AND block = ?4",
                     0, order, key, idx >> ASSAY_ORDER_BLOCK_BITS, 0, error) ||
          !run_stmt (db, "DELETE FROM order_counts WHERE sort = ?2 AND key = ?3 AND block = ?4 AND n = 0",
                     0, order, key, idx >> ASSAY_ORDER_BLOCK_BITS, 0, error))
        return FALSE;
    }
  if (!run_stmt (db, event
                 ? "UPDATE county_day SET events = events - 1, event_points = event_points - ?4 "
                   "WHERE county = ?2 AND day = ?3"
                 : "UPDATE county_day SET redemptions = redemptions - 1, "
                   "redemption_points = redemption_points - ?4 WHERE county = ?2 AND day = ?3",
                 0, county, day, points, 0, error) ||
      !run_stmt (db, "DELETE FROM county_day WHERE county = ?2 AND day = ?3 "
                     "AND events = 0 AND redemptions = 0",
                 0, county, day, 0, 0, error) ||
      !run_stmt (db, "UPDATE account_county SET n = n - 1 WHERE account_id = ?1 AND county = ?2",
                 account, county, 0, 0, 0, error) ||
      !run_stmt (db, "DELETE FROM account_county WHERE account_id = ?1 AND county = ?2 AND n = 0",
                 account, county, 0, 0, 0, error))
    return FALSE;
  return TRUE;
}

/* Takes an erased event out of community_events, and its activity id out
 * of activities when no other event names it: the id is the erased body's
 * content. */
static gboolean
uncommunity_record (AssayReplicaWriter *self,
                    guint64 idx,
                    GError **error)
{
  sqlite3 *db = self->db;
  sqlite3_stmt *stmt;
  gint64 activity = -1;

  stmt = _assay_db_prepare (db, "DELETE FROM community_events WHERE idx = ? RETURNING activity_id",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, idx);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    activity = sqlite3_column_int64 (stmt, 0);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _assay_db_set_error (db, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  if (activity < 0)
    return TRUE;
  return run_stmt (db, "DELETE FROM activities WHERE id = ?2 AND NOT EXISTS "
                       "(SELECT 1 FROM community_events WHERE activity_id = ?2)",
                   0, activity, 0, 0, 0, error);
}

/* Recomputes an account's row from its remaining records, or deletes it. */
static gboolean
refresh_account (AssayReplicaWriter *self,
                 gint64 account,
                 GError **error)
{
  sqlite3 *db = self->db;
  sqlite3_stmt *stmt;
  gint64 n;

  stmt = _assay_db_prepare (db, "SELECT count(*) FROM records WHERE account_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, account);
  n = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  sqlite3_finalize (stmt);

  if (n == 0)
    {
      self->d_accounts--;
      /* The cohort attributes of an erased account go with it: keeping
       * them would keep what the tombstone took away. */
      /* So do the flags and cases about it: the committee's notes
       * would keep it as surely. */
      return run_stmt (db, "DELETE FROM cohort WHERE account = "
                           "(SELECT account FROM accounts WHERE id = ?1)",
                       account, 0, 0, 0, 0, error) &&
             _assay_db_cases_forget_account (db, account, error) &&
             run_stmt (db, "DELETE FROM accounts WHERE id = ?1", account, 0, 0, 0, 0, error);
    }
  return run_stmt (db,
                   "UPDATE accounts SET "
                   "n_events = (SELECT count(*) FROM records WHERE account_id = ?1 AND kind = 0), "
                   "n_redemptions = (SELECT count(*) FROM records WHERE account_id = ?1 AND kind = 1), "
                   "points = (SELECT total(points) FROM records WHERE account_id = ?1 AND kind = 0), "
                   "redeemed = (SELECT total(points) FROM records WHERE account_id = ?1 AND kind = 1), "
                   "first_day = (SELECT min(event_day) FROM records WHERE account_id = ?1), "
                   "last_day = (SELECT max(event_day) FROM records WHERE account_id = ?1) "
                   "WHERE id = ?1",
                   account, 0, 0, 0, 0, error);
}

static gboolean
erase_one (AssayReplicaWriter *self,
           guint64 idx,
           GError **error)
{
  sqlite3_stmt *stmt;
  int state = -1;
  gint64 account = 0;
  gboolean have_record = FALSE;
  int kind = 0, dimension = 0, county = 0;
  gint64 points = 0;
  guint32 day = 0;
  int entry_kind = -1;

  stmt = _assay_db_prepare (self->db,
                            "SELECT e.state, r.kind, r.account_id, r.dimension, r.points, r.event_day, r.county, "
                            "e.kind FROM entries e LEFT JOIN records r ON r.idx = e.idx WHERE e.idx = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, idx);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      state = sqlite3_column_int (stmt, 0);
      have_record = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
      kind = sqlite3_column_int (stmt, 1);
      account = sqlite3_column_int64 (stmt, 2);
      dimension = sqlite3_column_int (stmt, 3);
      points = sqlite3_column_int64 (stmt, 4);
      day = sqlite3_column_int64 (stmt, 5);
      county = sqlite3_column_int (stmt, 6);
      entry_kind = sqlite3_column_type (stmt, 7) != SQLITE_NULL ? sqlite3_column_int (stmt, 7) : -1;
    }
  sqlite3_finalize (stmt);

  if (state < 0 || state == ASSAY_ENTRY_STATE_ERASED)
    return TRUE;

  if (have_record)
    {
      if (!unaggregate_record (self, idx, account, kind == 0, dimension, points, day, county, error) ||
          (kind == 0 && !uncommunity_record (self, idx, error)) ||
          !run_stmt (self->db, "DELETE FROM records WHERE idx = ?2", 0, idx, 0, 0, 0, error) ||
          /* An auditor's finding (and its note) about the entry goes too. */
          !run_stmt (self->db, "DELETE FROM audit_findings WHERE leaf_index = ?2", 0, idx, 0, 0, 0, error) ||
          !refresh_account (self, account, error))
        return FALSE;
      if (kind == 0)
        self->d_events--;
      else
        self->d_redemptions--;
    }
  if (entry_kind == ASSAY_ENTRY_ROSTER || entry_kind == ASSAY_ENTRY_DECISION ||
      entry_kind == ASSAY_ENTRY_PAUSE || ASSAY_ENTRY_KIND_IS_FILING (entry_kind))
    self->d_signed[entry_kind]--;
  if (ASSAY_ENTRY_KIND_IS_FILING (entry_kind) && !_assay_db_filing_delete (self->db, idx, error))
    return FALSE;
  if (state == ASSAY_ENTRY_STATE_WITHHELD)
    self->d_withheld--;
  self->d_erased++;
  self->erased_something = TRUE;

  /* kind goes too: what stays must not say what was erased. */
  return run_stmt (self->db,
                   "UPDATE entries SET state = ?3, kind = NULL, salt = NULL, body = NULL WHERE idx = ?2",
                   0, idx, ASSAY_ENTRY_STATE_ERASED, 0, 0, error);
}

static gboolean
apply_tombstone (AssayReplicaWriter *self,
                 guint64 idx,
                 const AssayEntry *e,
                 GError **error)
{
  sqlite3_stmt *s = self->insert_tombstone;

  sqlite3_bind_int64 (s, 1, idx);
  sqlite3_bind_int64 (s, 2, e->issued_day);
  sqlite3_bind_int64 (s, 3, e->n_erased);
  if (!step_done (self, s, error))
    return FALSE;
  self->d_tombstones++;
  self->rewrote_history = TRUE;

  /* The erased records must be in the aggregates to be taken out, and
   * their accounts' records found through the index. */
  if (!flush_aggregates (self, error) || !restore_record_indexes (self, error))
    return FALSE;
  /* Erasing may delete accounts and activities, and a later one would
   * reuse an id. */
  forget_accounts (self);
  g_hash_table_remove_all (self->activities);
  /* The value sums are made from what is erased: they go now, not at the
   * next refresh, and the next refresh rebuilds them all. */
  if (!_assay_db_values_forget (self->db, error))
    return FALSE;
  for (gsize i = 0; i < e->n_erased; i++)
    if (!erase_one (self, e->erased[i], error))
      return FALSE;
  return TRUE;
}

/* ---- bulk loading ------------------------------------------------------------ */

/* For a sync that more than doubles the replica, the indexes on records
 * are dropped inside the transaction and built again before the commit:
 * one sort instead of a random B-tree insert per entry.  Nobody sees the
 * replica without them, since it all happens in one transaction. */
static gboolean
drop_record_indexes (AssayReplicaWriter *self,
                     GError **error)
{
  sqlite3_stmt *stmt = _assay_db_prepare (self->db,
                                          "SELECT name, sql FROM sqlite_schema WHERE type = 'index' "
                                          "AND tbl_name = 'records' AND sql IS NOT NULL", error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (stmt == NULL)
    return FALSE;
  self->dropped_indexes = g_ptr_array_new_with_free_func (g_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (self->dropped_indexes, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP INDEX \"%s\"", (char *) g_ptr_array_index (names, i));

      if (!_assay_db_exec (self->db, sql, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
restore_record_indexes (AssayReplicaWriter *self,
                        GError **error)
{
  g_autoptr(GPtrArray) statements = g_steal_pointer (&self->dropped_indexes);

  for (guint i = 0; statements != NULL && i < statements->len; i++)
    if (!_assay_db_exec (self->db, g_ptr_array_index (statements, i), error))
      return FALSE;
  return TRUE;
}

gboolean
_assay_replica_writer_set_bulk (AssayReplicaWriter *self,
                                GError **error)
{
  g_assert (self->dropped_indexes == NULL);
  return drop_record_indexes (self, error);
}

/* ---- public (private) API -------------------------------------------------- */

AssayReplicaWriter *
_assay_replica_writer_begin (sqlite3 *db,
                             GError **error)
{
  g_autoptr(AssayReplicaWriter) self = g_new0 (AssayReplicaWriter, 1);

  self->db = db;
  self->dirty_blocks = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->written_keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  pending_sums_init (&self->sums);
  self->activities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_create_function (db, "assay_quarter", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           quarter_func, NULL, NULL);

  /* IMMEDIATE takes the write lock now, so a second sync fails at once
   * instead of after all its downloads. */
  if (!_assay_db_exec (db, "BEGIN IMMEDIATE", error))
    return NULL;
  self->in_transaction = TRUE;

  /* The withheld entries (state 2), so that each sync finds the bodies to
   * ask for again without reading every entry.  Made here, in the sync's
   * transaction and thread, rather than by a schema migration: on a large
   * replica from before it existed, building it reads every entry, which
   * must not happen where the app opens the replica. */
  if (!_assay_db_exec (db, "CREATE INDEX IF NOT EXISTS entries_withheld ON entries (idx) "
                           "WHERE state = 2", error))
    return NULL;

  if ((self->insert_entry = _assay_db_prepare (db,
         "INSERT INTO entries (idx, state, kind, commitment, salt, body) VALUES (?, ?, ?, ?, ?, ?)",
         error)) == NULL ||
      (self->insert_record = _assay_db_prepare (db,
         "INSERT INTO records (idx, kind, account_id, account_kind, dimension, tier, points, event_day, "
         "publication_day, county, issuer, rule_id, confirmer) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error)) == NULL ||
      (self->insert_tombstone = _assay_db_prepare (db,
         "INSERT INTO tombstones (idx, issued_day, n_erased) VALUES (?, ?, ?)", error)) == NULL ||
      (self->put_tile = _assay_db_prepare (db,
         "INSERT OR REPLACE INTO tiles (level, idx, hashes) VALUES (?, ?, ?)", error)) == NULL ||
      (self->find_account = _assay_db_prepare (db,
         "SELECT id FROM accounts WHERE account = ?", error)) == NULL ||
      (self->insert_account = _assay_db_prepare (db,
         "INSERT INTO accounts (account, kind, n_events, n_redemptions, points, redeemed, "
         "first_day, last_day) VALUES (?1, ?2, 0, 0, 0, 0, ?3, ?3)", error)) == NULL ||
      (self->find_activity = _assay_db_prepare (db,
         "SELECT id FROM activities WHERE activity = ?", error)) == NULL ||
      (self->insert_activity = _assay_db_prepare (db,
         "INSERT INTO activities (activity) VALUES (?)", error)) == NULL ||
      (self->insert_community = _assay_db_prepare (db,
         "INSERT INTO community_events (idx, account_id, activity_id, event_day) "
         "VALUES (?, ?, ?, ?)", error)) == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
_assay_replica_writer_put_tile (AssayReplicaWriter *self,
                                guint level,
                                guint64 idx,
                                const guint8 *hashes,
                                guint width,
                                GError **error)
{
  sqlite3_stmt *s = self->put_tile;

  g_assert (width > 0 && width <= ASSAY_TILE_WIDTH);
  sqlite3_bind_int (s, 1, level);
  sqlite3_bind_int64 (s, 2, idx);
  sqlite3_bind_blob (s, 3, hashes, width * ASSAY_HASH_SIZE, SQLITE_STATIC);
  return step_done (self, s, error);
}

/* What a verified entry adds beyond its entries row: a record, a
 * tombstone's erasures, or for a roster, a decision, a pause or a filing
 * only its count: they carry no contribution and change no aggregate
 * (what they say stays in the body). */
static gboolean
apply_entry (AssayReplicaWriter *self,
             guint64 idx,
             const AssayEntry *parsed,
             GError **error)
{
  switch (parsed->kind)
    {
    case ASSAY_ENTRY_TOMBSTONE:
      return apply_tombstone (self, idx, parsed, error);
    case ASSAY_ENTRY_ROSTER:
    case ASSAY_ENTRY_DECISION:
    case ASSAY_ENTRY_PAUSE:
      self->d_signed[parsed->kind]++;
      return TRUE;
    case ASSAY_ENTRY_APPEAL:
    case ASSAY_ENTRY_DISPUTE:
    case ASSAY_ENTRY_SILENCE:
    case ASSAY_ENTRY_FORGET_REQUEST:
    case ASSAY_ENTRY_FAILURE_CLAIM:
    case ASSAY_ENTRY_INSURANCE_CLAIM:
    case ASSAY_ENTRY_EDUCATION_TRANSFER:
      /* A filing changes no aggregate: it asks for a decision. */
      self->d_signed[parsed->kind]++;
      return _assay_db_filing_insert (self->db, idx, parsed, error);
    case ASSAY_ENTRY_EVENT:
    case ASSAY_ENTRY_REDEMPTION:
    case ASSAY_N_ENTRY_KINDS:
    default:
      return insert_record (self, idx, parsed, error);
    }
}

gboolean
_assay_replica_writer_add_entry (AssayReplicaWriter *self,
                                 guint64 idx,
                                 const guint8 commitment[ASSAY_HASH_SIZE],
                                 const guint8 *salt,
                                 const char *body,
                                 gsize body_len,
                                 const AssayEntry *parsed,
                                 GError **error)
{
  sqlite3_stmt *s = self->insert_entry;

  g_assert ((body == NULL) == (parsed == NULL));

  sqlite3_bind_int64 (s, 1, idx);
  sqlite3_bind_int (s, 2, body != NULL ? ASSAY_ENTRY_STATE_VERIFIED : ASSAY_ENTRY_STATE_WITHHELD);
  if (parsed != NULL)
    sqlite3_bind_int (s, 3, parsed->kind);
  else
    sqlite3_bind_null (s, 3);
  sqlite3_bind_blob (s, 4, commitment, ASSAY_HASH_SIZE, SQLITE_STATIC);
  sqlite3_bind_blob (s, 5, salt, salt != NULL ? ASSAY_SALT_SIZE : 0, SQLITE_STATIC);
  sqlite3_bind_blob (s, 6, body, body_len, SQLITE_STATIC);
  if (body == NULL)
    {
      sqlite3_bind_null (s, 5);
      sqlite3_bind_null (s, 6);
    }
  if (!step_done (self, s, error))
    return FALSE;

  if (parsed == NULL)
    {
      self->d_withheld++;
      return TRUE;
    }
  return apply_entry (self, idx, parsed, error);
}

static gboolean
add_counter (sqlite3 *db,
             const char *key,
             gint64 delta,
             GError **error)
{
  if (delta == 0)
    return TRUE;
  return _assay_db_meta_set_int (db, key, _assay_db_meta_get_int (db, key, 0) + delta, error);
}

static gint64
filings_added (AssayReplicaWriter *self)
{
  gint64 n = 0;

  for (AssayEntryKind k = ASSAY_ENTRY_APPEAL; k < ASSAY_N_ENTRY_KINDS; k++)
    n += self->d_signed[k];
  return n;
}

static gboolean
store_checkpoint (AssayReplicaWriter *self,
                  const char *note,
                  const AssayCheckpoint *checkpoint,
                  gint64 now,
                  GError **error)
{
  sqlite3_stmt *s = _assay_db_prepare (self->db,
                                       "INSERT OR IGNORE INTO checkpoints (size, root, note, verified_at) "
                                       "VALUES (?, ?, ?, ?)", error);
  int rc;

  if (s == NULL)
    return FALSE;
  sqlite3_bind_int64 (s, 1, checkpoint->size);
  sqlite3_bind_blob (s, 2, checkpoint->root, ASSAY_HASH_SIZE, SQLITE_STATIC);
  sqlite3_bind_text (s, 3, note, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s, 4, now);
  rc = sqlite3_step (s);
  sqlite3_finalize (s);
  if (rc != SQLITE_DONE)
    {
      _assay_db_set_error (self->db, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_assay_replica_writer_commit (AssayReplicaWriter *self,
                              const char *note,
                              const AssayCheckpoint *checkpoint,
                              GBytes *compact_range,
                              const char *server_url,
                              const char *log_key,
                              GError **error)
{
  sqlite3 *db = self->db;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *old_note = _assay_db_meta_get_text (db, "note");

  g_assert (self->in_transaction);

  if (!flush_aggregates (self, error) ||
      !restore_record_indexes (self, error) ||
      !rebuild_quarter_columns (self, checkpoint->size, error) ||
      !_assay_db_quarter_columns_stamp (db, self->written_keys, checkpoint->size, error) ||
      !store_checkpoint (self, note, checkpoint, now, error) ||
      !add_counter (db, "n_events", self->d_events, error) ||
      !add_counter (db, "n_redemptions", self->d_redemptions, error) ||
      !add_counter (db, "n_tombstones", self->d_tombstones, error) ||
      !add_counter (db, "n_rosters", self->d_signed[ASSAY_ENTRY_ROSTER], error) ||
      !add_counter (db, "n_decisions", self->d_signed[ASSAY_ENTRY_DECISION], error) ||
      !add_counter (db, "n_pauses", self->d_signed[ASSAY_ENTRY_PAUSE], error) ||
      !add_counter (db, "n_filings", filings_added (self), error) ||
      !add_counter (db, "n_erased", self->d_erased, error) ||
      !add_counter (db, "n_withheld", self->d_withheld, error) ||
      !add_counter (db, "n_accounts", self->d_accounts, error) ||
      !_assay_db_meta_set_text (db, "origin", checkpoint->origin, error) ||
      !_assay_db_meta_set_text (db, "log_key", log_key, error) ||
      !_assay_db_meta_set_text (db, "server_url", server_url, error) ||
      !_assay_db_meta_set_int (db, "last_sync_at", now, error))
    return FALSE;
  /* The records of entries below the previous size changed (a tombstone
   * erased some, a withheld body arrived): assay_replica_accounts_changed_since
   * () cannot name the accounts by leaf index after this checkpoint. */
  if (self->rewrote_history &&
      !_assay_db_meta_set_int (db, "rewritten_at", checkpoint->size, error))
    return FALSE;

  if (g_strcmp0 (old_note, note) != 0 &&
      (!_assay_db_meta_set_int (db, "size", checkpoint->size, error) ||
       !_assay_db_meta_set_blob (db, "root", checkpoint->root, ASSAY_HASH_SIZE, error) ||
       !_assay_db_meta_set_text (db, "note", note, error) ||
       !_assay_db_meta_set_int (db, "verified_at", now, error) ||
       !_assay_db_meta_set_blob (db, "range", g_bytes_get_data (compact_range, NULL),
                                 g_bytes_get_size (compact_range), error)))
    return FALSE;

  if (!_assay_db_exec (db, "COMMIT", error))
    return FALSE;
  self->in_transaction = FALSE;

  /* The erased bytes are zeroed in the database pages (secure_delete),
   * but older copies of those pages may still sit in the WAL. */
  if (self->erased_something)
    return _assay_db_purge_wal (db, FALSE, error);
  return TRUE;
}

void
_assay_replica_writer_free (AssayReplicaWriter *self)
{
  if (self->in_transaction)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_finalize (self->insert_entry);
  sqlite3_finalize (self->insert_record);
  sqlite3_finalize (self->insert_tombstone);
  sqlite3_finalize (self->put_tile);
  sqlite3_finalize (self->find_account);
  sqlite3_finalize (self->insert_account);
  sqlite3_finalize (self->find_activity);
  sqlite3_finalize (self->insert_activity);
  sqlite3_finalize (self->insert_community);
  g_clear_pointer (&self->activities, g_hash_table_unref);
  g_clear_pointer (&self->dropped_indexes, g_ptr_array_unref);
  g_clear_pointer (&self->dirty_blocks, g_array_unref);
  g_clear_pointer (&self->written_keys, g_array_unref);
  pending_sums_clear (&self->sums);
  g_free (self);
}

/* ---- withheld bodies that arrive later ---------------------------------------- */

/* Takes one from the stored withheld count at once (not at commit, with
 * d_withheld), and drops the counter when it reaches 0: a replica that
 * never missed a body has none. */
static gboolean
uncount_withheld (sqlite3 *db,
                  GError **error)
{
  gint64 n = _assay_db_meta_get_int (db, "n_withheld", 0) - 1;

  if (n > 0)
    return _assay_db_meta_set_int (db, "n_withheld", n, error);
  return _assay_db_exec (db, "DELETE FROM meta WHERE key = 'n_withheld'", error);
}

/* A withheld entry's body arrived (checked by the caller against the
 * stored commitment, and parsed): the entry becomes verified, and its
 * record, aggregates and counters change as if the body had come with the
 * entry (see assay-replica-private.h for how accounts are numbered). */
gboolean
_assay_replica_writer_fill_withheld (AssayReplicaWriter *self,
                                     guint64 idx,
                                     const guint8 salt[ASSAY_SALT_SIZE],
                                     const char *body,
                                     gsize body_len,
                                     const AssayEntry *parsed,
                                     GError **error)
{
  sqlite3_stmt *s;
  int rc;

  g_assert (self->in_transaction);
  g_assert (salt != NULL && body != NULL && parsed != NULL);

  s = _assay_db_prepare (self->db,
                         "UPDATE entries SET state = ?2, kind = ?3, salt = ?4, body = ?5 "
                         "WHERE idx = ?1 AND state = ?6", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_int64 (s, 1, idx);
  sqlite3_bind_int (s, 2, ASSAY_ENTRY_STATE_VERIFIED);
  sqlite3_bind_int (s, 3, parsed->kind);
  sqlite3_bind_blob (s, 4, salt, ASSAY_SALT_SIZE, SQLITE_STATIC);
  sqlite3_bind_blob (s, 5, body, body_len, SQLITE_STATIC);
  sqlite3_bind_int (s, 6, ASSAY_ENTRY_STATE_WITHHELD);
  rc = sqlite3_step (s);
  sqlite3_finalize (s);
  if (rc != SQLITE_DONE)
    {
      _assay_db_set_error (self->db, error);
      return FALSE;
    }
  if (sqlite3_changes (self->db) != 1)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_FAILED,
                   _("Entry %llu is no longer withheld in this replica. "
                     "The replica is unchanged; sync again."), (unsigned long long) idx);
      return FALSE;
    }

  if (!uncount_withheld (self->db, error))
    return FALSE;
  self->rewrote_history = TRUE;
  return apply_entry (self, idx, parsed, error) &&
         _assay_db_values_mark_lower (self->db, idx, error);
}
