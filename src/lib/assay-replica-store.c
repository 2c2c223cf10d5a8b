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
#include <string.h>

#include "assay-error.h"
#include "assay-replica-private.h"

/* Aggregates are summed in memory and written with one UPSERT per distinct
 * key every FLUSH_EVERY entries (and before a tombstone, and at commit):
 * far fewer statements than one per entry, with bounded memory. */
#define FLUSH_EVERY 65536

typedef enum
{
  AGG_ACCOUNT_QUARTER,
  AGG_ACCOUNT_DAY,
  AGG_COUNTY_DAY,
  AGG_ACCOUNT,
  N_AGGS
} AggKind;

typedef struct
{
  const char *account;   /* owned by the Agg */
  gint64      a;
  gint64      b;
} AggKey;

typedef struct
{
  AggKey  key;
  gint64  v[6];
} Agg;

struct _AssayReplicaWriter
{
  sqlite3      *db;
  gboolean      in_transaction;
  sqlite3_stmt *insert_entry;
  sqlite3_stmt *insert_record;
  sqlite3_stmt *insert_tombstone;
  sqlite3_stmt *put_tile;
  sqlite3_stmt *upsert[N_AGGS];
  GHashTable   *aggs[N_AGGS];
  guint         pending;
  gint64        d_events;
  gint64        d_redemptions;
  gint64        d_tombstones;
  gint64        d_erased;
  gint64        d_withheld;
  gint64        d_accounts;
  gboolean      erased_something;
};

static const char *const upsert_sql[N_AGGS] = {
  "INSERT INTO account_quarter (account, quarter, dimension, points, count) VALUES (?1, ?2, ?3, ?4, ?5) "
  "ON CONFLICT DO UPDATE SET points = points + excluded.points, count = count + excluded.count",
  "INSERT INTO account_day (account, day, dimension, points, count) VALUES (?1, ?2, ?3, ?4, ?5) "
  "ON CONFLICT DO UPDATE SET points = points + excluded.points, count = count + excluded.count",
  "INSERT INTO county_day (county, day, events, event_points, redemptions, redemption_points) "
  "VALUES (?2, ?3, ?4, ?5, ?6, ?7) "
  "ON CONFLICT DO UPDATE SET events = events + excluded.events, "
  "event_points = event_points + excluded.event_points, "
  "redemptions = redemptions + excluded.redemptions, "
  "redemption_points = redemption_points + excluded.redemption_points",
  "INSERT INTO accounts (account, kind, n_events, n_redemptions, points, redeemed, first_day, last_day) "
  "VALUES (?1, ?2, ?4, ?5, ?6, ?7, ?8, ?9) "
  "ON CONFLICT DO UPDATE SET n_events = n_events + excluded.n_events, "
  "n_redemptions = n_redemptions + excluded.n_redemptions, "
  "points = points + excluded.points, redeemed = redeemed + excluded.redeemed, "
  "first_day = min(first_day, excluded.first_day), last_day = max(last_day, excluded.last_day) "
  "RETURNING n_events + n_redemptions",
};

static guint
agg_key_hash (gconstpointer p)
{
  const AggKey *k = p;

  return (k->account != NULL ? g_str_hash (k->account) : 0) ^ (guint) (k->a * 2654435761u) ^ (guint) (k->b * 40503u);
}

static gboolean
agg_key_equal (gconstpointer pa,
               gconstpointer pb)
{
  const AggKey *a = pa, *b = pb;

  return a->a == b->a && a->b == b->b && g_strcmp0 (a->account, b->account) == 0;
}

static void
agg_free (gpointer p)
{
  Agg *agg = p;

  g_free ((char *) agg->key.account);
  g_free (agg);
}

/* The running sums of one key, created at zero. */
static Agg *
agg_lookup (AssayReplicaWriter *self,
            AggKind kind,
            const char *account,
            gint64 a,
            gint64 b)
{
  AggKey key = { account, a, b };
  Agg *agg = g_hash_table_lookup (self->aggs[kind], &key);

  if (agg == NULL)
    {
      agg = g_new0 (Agg, 1);
      agg->key.account = g_strdup (account);
      agg->key.a = a;
      agg->key.b = b;
      g_hash_table_insert (self->aggs[kind], &agg->key, agg);
    }
  return agg;
}

static gboolean
flush_one (AssayReplicaWriter *self,
           AggKind kind,
           Agg *agg,
           GError **error)
{
  sqlite3_stmt *stmt = self->upsert[kind];
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, agg->key.account, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, agg->key.a);
  sqlite3_bind_int64 (stmt, 3, agg->key.b);
  for (guint i = 0; i < 6; i++)
    sqlite3_bind_int64 (stmt, 4 + i, agg->v[i]);

  rc = sqlite3_step (stmt);
  if (kind == AGG_ACCOUNT && rc == SQLITE_ROW)
    {
      /* A fresh row holds exactly what we added. */
      if (sqlite3_column_int64 (stmt, 0) == agg->v[0] + agg->v[1])
        self->d_accounts++;
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      _assay_db_set_error (self->db, error);
      return FALSE;
    }
  return TRUE;
}

static int
agg_compare (gconstpointer pa,
             gconstpointer pb)
{
  const Agg *a = *(const Agg * const *) pa;
  const Agg *b = *(const Agg * const *) pb;
  int c = g_strcmp0 (a->key.account, b->key.account);

  if (c != 0)
    return c;
  if (a->key.a != b->key.a)
    return a->key.a < b->key.a ? -1 : 1;
  return (a->key.b > b->key.b) - (a->key.b < b->key.b);
}

/* Upserts in key order, so consecutive statements touch neighbouring
 * B-tree pages: several times faster than hash order on a large tree. */
static gboolean
flush_aggregates (AssayReplicaWriter *self,
                  GError **error)
{
  for (guint kind = 0; kind < N_AGGS; kind++)
    {
      g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (g_hash_table_size (self->aggs[kind]));
      GHashTableIter iter;
      gpointer agg;

      g_hash_table_iter_init (&iter, self->aggs[kind]);
      while (g_hash_table_iter_next (&iter, NULL, &agg))
        g_ptr_array_add (sorted, agg);

      g_ptr_array_sort (sorted, agg_compare);
      for (guint i = 0; i < sorted->len; i++)
        if (!flush_one (self, kind, g_ptr_array_index (sorted, i), error))
          return FALSE;
      g_hash_table_remove_all (self->aggs[kind]);
    }
  self->pending = 0;
  return TRUE;
}

static int
county_number (const char *county)
{
  return (int) g_ascii_strtoll (county, NULL, 10);
}

static void
aggregate_record (AssayReplicaWriter *self,
                  const AssayEntry *e)
{
  gboolean event = e->kind == ASSAY_ENTRY_EVENT;
  int county = county_number (e->county);
  Agg *agg;

  if (event)
    {
      agg = agg_lookup (self, AGG_ACCOUNT_QUARTER, e->account,
                        _assay_day_to_quarter (e->event_day), e->dimension);
      agg->v[0] += e->points;
      agg->v[1] += 1;
      agg = agg_lookup (self, AGG_ACCOUNT_DAY, e->account, e->event_day, e->dimension);
      agg->v[0] += e->points;
      agg->v[1] += 1;
    }

  agg = agg_lookup (self, AGG_COUNTY_DAY, NULL, county, e->event_day);
  agg->v[event ? 0 : 2] += 1;
  agg->v[event ? 1 : 3] += e->points;

  /* accounts: kind, n_events, n_redemptions, points, redeemed, first, last */
  agg = agg_lookup (self, AGG_ACCOUNT, e->account, e->account_kind, 0);
  agg->v[event ? 0 : 1] += 1;
  agg->v[event ? 2 : 3] += e->points;
  agg->v[4] = agg->v[4] == 0 ? e->event_day : MIN ((guint32) agg->v[4], e->event_day);
  agg->v[5] = MAX ((guint32) agg->v[5], e->event_day);
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

static gboolean
insert_record (AssayReplicaWriter *self,
               guint64 idx,
               const AssayEntry *e,
               GError **error)
{
  sqlite3_stmt *s = self->insert_record;
  gboolean event = e->kind == ASSAY_ENTRY_EVENT;

  sqlite3_bind_int64 (s, 1, idx);
  sqlite3_bind_int (s, 2, event ? 0 : 1);
  sqlite3_bind_text (s, 3, e->account, -1, SQLITE_STATIC);
  if (event)
    {
      sqlite3_bind_int (s, 4, e->dimension);
      sqlite3_bind_null (s, 5);
    }
  else
    {
      sqlite3_bind_null (s, 4);
      sqlite3_bind_int (s, 5, e->tier);
    }
  sqlite3_bind_int64 (s, 6, e->points);
  sqlite3_bind_int64 (s, 7, e->event_day);
  sqlite3_bind_int64 (s, 8, e->publication_day);
  sqlite3_bind_int (s, 9, county_number (e->county));
  sqlite3_bind_text (s, 10, event ? e->issuer : NULL, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 11, event ? e->rule_id : NULL, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 12, event ? e->confirmer : NULL, -1, SQLITE_STATIC);
  if (!step_done (self, s, error))
    return FALSE;

  aggregate_record (self, e);
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
          const char *account,
          gint64 a,
          gint64 b,
          gint64 c,
          gint64 d,
          GError **error)
{
  sqlite3_stmt *stmt = _assay_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, a);
  sqlite3_bind_int64 (stmt, 3, b);
  sqlite3_bind_int64 (stmt, 4, c);
  sqlite3_bind_int64 (stmt, 5, d);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _assay_db_set_error (db, error);
      return FALSE;
    }
  return TRUE;
}

/* Takes an erased record out of every aggregate, as if it had never been
 * there: an aggregate row that only it made disappears. */
static gboolean
unaggregate_record (AssayReplicaWriter *self,
                    const char *account,
                    gboolean event,
                    int dimension,
                    gint64 points,
                    guint32 day,
                    int county,
                    GError **error)
{
  sqlite3 *db = self->db;

  if (event &&
      (!run_stmt (db, "UPDATE account_quarter SET points = points - ?4, count = count - 1 "
                      "WHERE account = ?1 AND quarter = ?2 AND dimension = ?3",
                  account, _assay_day_to_quarter (day), dimension, points, 0, error) ||
       !run_stmt (db, "DELETE FROM account_quarter WHERE account = ?1 AND quarter = ?2 "
                      "AND dimension = ?3 AND count = 0",
                  account, _assay_day_to_quarter (day), dimension, 0, 0, error) ||
       !run_stmt (db, "UPDATE account_day SET points = points - ?4, count = count - 1 "
                      "WHERE account = ?1 AND day = ?2 AND dimension = ?3",
                  account, day, dimension, points, 0, error) ||
       !run_stmt (db, "DELETE FROM account_day WHERE account = ?1 AND day = ?2 "
                      "AND dimension = ?3 AND count = 0",
                  account, day, dimension, 0, 0, error)))
    return FALSE;

  if (!run_stmt (db, event
                 ? "UPDATE county_day SET events = events - 1, event_points = event_points - ?4 "
                   "WHERE county = ?2 AND day = ?3"
                 : "UPDATE county_day SET redemptions = redemptions - 1, "
                   "redemption_points = redemption_points - ?4 WHERE county = ?2 AND day = ?3",
                 NULL, county, day, points, 0, error) ||
      !run_stmt (db, "DELETE FROM county_day WHERE county = ?2 AND day = ?3 "
                     "AND events = 0 AND redemptions = 0",
                 NULL, county, day, 0, 0, error))
    return FALSE;
  return TRUE;
}

/* Recomputes an account's row from its remaining records, or deletes it. */
static gboolean
refresh_account (AssayReplicaWriter *self,
                 const char *account,
                 GError **error)
{
  sqlite3 *db = self->db;
  sqlite3_stmt *stmt;
  gint64 n;

  stmt = _assay_db_prepare (db, "SELECT count(*) FROM records WHERE account = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_STATIC);
  n = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  sqlite3_finalize (stmt);

  if (n == 0)
    {
      self->d_accounts--;
      return run_stmt (db, "DELETE FROM accounts WHERE account = ?1", account, 0, 0, 0, 0, error);
    }
  return run_stmt (db,
                   "UPDATE accounts SET "
                   "n_events = (SELECT count(*) FROM records WHERE account = ?1 AND kind = 0), "
                   "n_redemptions = (SELECT count(*) FROM records WHERE account = ?1 AND kind = 1), "
                   "points = (SELECT total(points) FROM records WHERE account = ?1 AND kind = 0), "
                   "redeemed = (SELECT total(points) FROM records WHERE account = ?1 AND kind = 1), "
                   "first_day = (SELECT min(event_day) FROM records WHERE account = ?1), "
                   "last_day = (SELECT max(event_day) FROM records WHERE account = ?1) "
                   "WHERE account = ?1",
                   account, 0, 0, 0, 0, error);
}

static gboolean
erase_one (AssayReplicaWriter *self,
           guint64 idx,
           GError **error)
{
  sqlite3_stmt *stmt;
  int state = -1;
  g_autofree char *account = NULL;
  gboolean have_record = FALSE;
  int kind = 0, dimension = 0, county = 0;
  gint64 points = 0;
  guint32 day = 0;

  stmt = _assay_db_prepare (self->db,
                            "SELECT e.state, r.kind, r.account, r.dimension, r.points, r.event_day, r.county "
                            "FROM entries e LEFT JOIN records r ON r.idx = e.idx WHERE e.idx = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, idx);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      state = sqlite3_column_int (stmt, 0);
      have_record = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
      kind = sqlite3_column_int (stmt, 1);
      account = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      dimension = sqlite3_column_int (stmt, 3);
      points = sqlite3_column_int64 (stmt, 4);
      day = sqlite3_column_int64 (stmt, 5);
      county = sqlite3_column_int (stmt, 6);
    }
  sqlite3_finalize (stmt);

  if (state < 0 || state == ASSAY_ENTRY_STATE_ERASED)
    return TRUE;

  if (have_record)
    {
      if (!unaggregate_record (self, account, kind == 0, dimension, points, day, county, error) ||
          !run_stmt (self->db, "DELETE FROM records WHERE idx = ?2", NULL, idx, 0, 0, 0, error) ||
          !refresh_account (self, account, error))
        return FALSE;
      if (kind == 0)
        self->d_events--;
      else
        self->d_redemptions--;
    }
  if (state == ASSAY_ENTRY_STATE_WITHHELD)
    self->d_withheld--;
  self->d_erased++;
  self->erased_something = TRUE;

  /* kind goes too: what stays must not say what was erased. */
  return run_stmt (self->db,
                   "UPDATE entries SET state = ?3, kind = NULL, salt = NULL, body = NULL WHERE idx = ?2",
                   NULL, idx, ASSAY_ENTRY_STATE_ERASED, 0, 0, error);
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

  /* The erased records may still sit in the in-memory sums. */
  if (!flush_aggregates (self, error))
    return FALSE;
  for (gsize i = 0; i < e->n_erased; i++)
    if (!erase_one (self, e->erased[i], error))
      return FALSE;
  return TRUE;
}

/* ---- public (private) API -------------------------------------------------- */

AssayReplicaWriter *
_assay_replica_writer_begin (sqlite3 *db,
                             GError **error)
{
  g_autoptr(AssayReplicaWriter) self = g_new0 (AssayReplicaWriter, 1);

  self->db = db;
  for (guint i = 0; i < N_AGGS; i++)
    self->aggs[i] = g_hash_table_new_full (agg_key_hash, agg_key_equal, NULL, agg_free);

  /* IMMEDIATE takes the write lock now, so a second sync fails at once
   * instead of after all its downloads. */
  if (!_assay_db_exec (db, "BEGIN IMMEDIATE", error))
    return NULL;
  self->in_transaction = TRUE;

  if ((self->insert_entry = _assay_db_prepare (db,
         "INSERT INTO entries (idx, state, kind, commitment, salt, body) VALUES (?, ?, ?, ?, ?, ?)",
         error)) == NULL ||
      (self->insert_record = _assay_db_prepare (db,
         "INSERT INTO records (idx, kind, account, dimension, tier, points, event_day, "
         "publication_day, county, issuer, rule_id, confirmer) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error)) == NULL ||
      (self->insert_tombstone = _assay_db_prepare (db,
         "INSERT INTO tombstones (idx, issued_day, n_erased) VALUES (?, ?, ?)", error)) == NULL ||
      (self->put_tile = _assay_db_prepare (db,
         "INSERT OR REPLACE INTO tiles (level, idx, hashes) VALUES (?, ?, ?)", error)) == NULL)
    return NULL;
  for (guint i = 0; i < N_AGGS; i++)
    if ((self->upsert[i] = _assay_db_prepare (db, upsert_sql[i], error)) == NULL)
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
  if (parsed->kind == ASSAY_ENTRY_TOMBSTONE)
    return apply_tombstone (self, idx, parsed, error);
  if (!insert_record (self, idx, parsed, error))
    return FALSE;
  if (++self->pending >= FLUSH_EVERY)
    return flush_aggregates (self, error);
  return TRUE;
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
      !store_checkpoint (self, note, checkpoint, now, error) ||
      !add_counter (db, "n_events", self->d_events, error) ||
      !add_counter (db, "n_redemptions", self->d_redemptions, error) ||
      !add_counter (db, "n_tombstones", self->d_tombstones, error) ||
      !add_counter (db, "n_erased", self->d_erased, error) ||
      !add_counter (db, "n_withheld", self->d_withheld, error) ||
      !add_counter (db, "n_accounts", self->d_accounts, error) ||
      !_assay_db_meta_set_text (db, "origin", checkpoint->origin, error) ||
      !_assay_db_meta_set_text (db, "log_key", log_key, error) ||
      !_assay_db_meta_set_text (db, "server_url", server_url, error) ||
      !_assay_db_meta_set_int (db, "last_sync_at", now, error))
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
  for (guint i = 0; i < N_AGGS; i++)
    {
      sqlite3_finalize (self->upsert[i]);
      g_clear_pointer (&self->aggs[i], g_hash_table_unref);
    }
  g_free (self);
}
