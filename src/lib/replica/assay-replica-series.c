/* assay-replica-series.c — daily series for the 6.1 breakers, from the aggregates
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

#include "assay-merkle.h"
#include "assay-replica-private.h"
#include "assay-replica-series.h"

/* Reads share one snapshot through a savepoint rather than BEGIN: outside
 * a transaction it starts one (deferred, so the snapshot is taken by the
 * first read), inside one it nests, and the outermost RELEASE ends it.  So
 * every function here, and assay_replica_quarter_features (), works alone
 * and between assay_replica_read_begin () and assay_replica_read_end ()
 * alike, with no counter to keep. */
#define READ_SAVEPOINT "assay_read"

static gboolean
enter_read (AssayReplica *self,
            GError      **error)
{
  return _assay_db_exec (_assay_replica_get_db (self), "SAVEPOINT " READ_SAVEPOINT, error);
}

static void
leave_read (AssayReplica *self)
{
  sqlite3 *db = _assay_replica_get_db (self);

  /* A read has nothing to lose: a failed RELEASE only leaves the snapshot
   * open, which the next RELEASE ends. */
  if (sqlite3_exec (db, "RELEASE " READ_SAVEPOINT, NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("Could not end a read of the replica: %s", sqlite3_errmsg (db));
}

gboolean
assay_replica_read_begin (AssayReplica *self,
                          guint64      *out_checkpoint_size,
                          guint8        out_checkpoint_root[ASSAY_HASH_SIZE],
                          GError      **error)
{
  sqlite3 *db;
  g_autoptr(GBytes) root = NULL;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (out_checkpoint_size != NULL && out_checkpoint_root != NULL, FALSE);

  if (!enter_read (self, error))
    return FALSE;
  /* The checkpoint is the first read: it fixes the snapshot, so the
   * aggregates read next belong to it. */
  db = _assay_replica_get_db (self);
  root = _assay_db_meta_get_blob (db, "root");
  *out_checkpoint_size = _assay_db_meta_get_int (db, "size", 0);
  if (root != NULL && g_bytes_get_size (root) == ASSAY_HASH_SIZE)
    memcpy (out_checkpoint_root, g_bytes_get_data (root, NULL), ASSAY_HASH_SIZE);
  else
    assay_merkle_empty_root (out_checkpoint_root);
  return TRUE;
}

void
assay_replica_read_end (AssayReplica *self)
{
  g_return_if_fail (ASSAY_IS_REPLICA (self));

  leave_read (self);
}

/* ---- account days ---------------------------------------------------------- */

/* What an aggregate row holds of the records logged at or after a leaf:
 * taken out of the row, they leave the row of the shorter log. */
typedef struct
{
  gint64 points;
  gint64 events;
  gint64 redemptions;
} LaterSum;

static gint64
later_key (guint64 key,
           guint32 day)
{
  return (gint64) (key << 32 | day);
}

/* The records at or after leaf `before`, summed by (key, day) as `sql`
 * selects them: key, day, points, events, redemptions.  Few in the case
 * this serves (a pause checked after more data came), so a hash table. */
static GHashTable *
read_later_sums (AssayReplica *self,
                 const char   *sql,
                 guint64       before,
                 GError      **error)
{
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _assay_replica_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, (gint64) MIN (before, (guint64) G_MAXINT64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *key = g_new (gint64, 1);
      LaterSum *sum = g_new (LaterSum, 1);

      *key = later_key (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1));
      sum->points = sqlite3_column_int64 (stmt, 2);
      sum->events = sqlite3_column_int64 (stmt, 3);
      sum->redemptions = sqlite3_column_int64 (stmt, 4);
      g_hash_table_insert (sums, key, sum);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&sums);
}

/* Takes the later records of (key, day) out of the row's sums; FALSE when
 * nothing of the row is left, so the shorter log has no such row. */
static gboolean
keep_earlier (GHashTable *later,
              guint64     key,
              guint32     day,
              gint64     *points,
              gint64     *events,
              gint64     *redemptions)
{
  gint64 k = later_key (key, day);
  const LaterSum *sum;

  if (later == NULL || (sum = g_hash_table_lookup (later, &k)) == NULL)
    return TRUE;
  *points -= sum->points;
  *events -= sum->events;
  *redemptions -= sum->redemptions;
  return *events > 0 || *redemptions > 0;
}


void
assay_account_days_free (AssayAccountDays *days)
{
  if (days == NULL)
    return;
  for (gsize i = 0; i < days->n_accounts; i++)
    g_free (days->account[i]);
  g_free (days->account_id);
  g_free (days->account);
  g_free (days->first_day);
  g_free (days->first_row);
  g_free (days->day);
  g_free (days->points);
  g_free (days);
}

static void
account_days_add_account (AssayAccountDays *d,
                          gsize            *capacity,
                          guint64           account_id,
                          const char       *account,
                          guint32           day)
{
  if (d->n_accounts >= *capacity)
    {
      *capacity = MAX (1024, *capacity * 2);
      d->account_id = g_renew (guint64, d->account_id, *capacity);
      d->account = g_renew (char *, d->account, *capacity);
      d->first_day = g_renew (guint32, d->first_day, *capacity);
      d->first_row = g_renew (gsize, d->first_row, *capacity + 1);
    }
  d->account_id[d->n_accounts] = account_id;
  d->account[d->n_accounts] = g_strdup (account);
  /* Rows come in day order: an account's first row is its first event
   * day.  accounts.first_day would not do: it counts redemptions too. */
  d->first_day[d->n_accounts] = day;
  d->first_row[d->n_accounts] = d->n_rows;
  d->n_accounts++;
}

/* Rows: account number, account, day, points, events; `later` (or NULL)
 * the sums taken out of them. */
static int
scan_account_days (sqlite3_stmt     *stmt,
                   GHashTable       *later,
                   AssayAccountDays *d)
{
  gsize accounts_capacity = 0, rows_capacity = 0;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint64 account_id = sqlite3_column_int64 (stmt, 0);
      guint32 day = sqlite3_column_int64 (stmt, 2);
      gint64 points = sqlite3_column_int64 (stmt, 3);
      gint64 events = sqlite3_column_int64 (stmt, 4), redemptions = 0;

      if (!keep_earlier (later, account_id, day, &points, &events, &redemptions))
        continue;
      if (d->n_accounts == 0 || d->account_id[d->n_accounts - 1] != account_id)
        account_days_add_account (d, &accounts_capacity, account_id,
                                  (const char *) sqlite3_column_text (stmt, 1), day);
      if (d->n_rows >= rows_capacity)
        {
          rows_capacity = MAX (1024, rows_capacity * 2);
          d->day = g_renew (guint32, d->day, rows_capacity);
          d->points = g_renew (gint64, d->points, rows_capacity);
        }
      d->day[d->n_rows] = day;
      d->points[d->n_rows] = points;
      d->n_rows++;
    }
  if (d->first_row == NULL)
    d->first_row = g_new (gsize, 1);
  d->first_row[d->n_accounts] = d->n_rows;
  return rc;
}

AssayAccountDays *
assay_replica_account_days (AssayReplica *self,
                            GError      **error)
{
  return assay_replica_account_days_before (self, G_MAXUINT64, error);
}

static AssayAccountDays *
account_days_before (AssayReplica *self,
                     GHashTable   *later,
                     GError      **error)
{
  g_autoptr(AssayAccountDays) d = g_new0 (AssayAccountDays, 1);
  sqlite3_stmt *stmt;
  int rc;

  /* The primary key order of account_day (account, day, dimension): the
   * grouping needs no sort.  The account's text comes once per group. */
  stmt = _assay_replica_prepare (self,
                                 "SELECT d.account_id, a.account, d.day, sum (d.points), sum (d.count) "
                                 "FROM account_day d JOIN accounts a ON a.id = d.account_id "
                                 "GROUP BY d.account_id, d.day ORDER BY d.account_id, d.day",
                                 error);
  if (stmt == NULL)
    return NULL;
  rc = scan_account_days (stmt, later, d);
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&d);
}

AssayAccountDays *
assay_replica_account_days_before (AssayReplica *self,
                                   guint64       before,
                                   GError      **error)
{
  g_autoptr(GHashTable) later = NULL;
  AssayAccountDays *d;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  /* One snapshot for the aggregate and what is taken out of it. */
  if (!enter_read (self, error))
    return NULL;
  if (before < G_MAXUINT64)
    later = read_later_sums (self, "SELECT account_id, event_day, sum (points), count (*), 0 "
                                   "FROM records WHERE idx >= ?1 AND kind = 0 "
                                   "GROUP BY account_id, event_day", before, error);
  d = before == G_MAXUINT64 || later != NULL ? account_days_before (self, later, error) : NULL;
  leave_read (self);
  return d;
}

/* `accounts` as a JSON array, for json_each (): one bound text instead of
 * a statement per account or a temporary table. */
static char *
accounts_json (const guint64 *accounts,
               gsize          n_accounts)
{
  GString *out = g_string_sized_new (2 + n_accounts * 8);

  g_string_append_c (out, '[');
  for (gsize i = 0; i < n_accounts; i++)
    g_string_append_printf (out, "%s%" G_GUINT64_FORMAT, i > 0 ? "," : "", accounts[i]);
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

AssayAccountDays *
assay_replica_account_days_for_accounts (AssayReplica  *self,
                                         const guint64 *accounts,
                                         gsize          n_accounts,
                                         GError       **error)
{
  g_autoptr(AssayAccountDays) d = g_new0 (AssayAccountDays, 1);
  g_autofree char *list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);
  g_return_val_if_fail (accounts != NULL || n_accounts == 0, NULL);

  /* The IN list is walked in order, each account a range of the primary
   * key (account, day, dimension): the grouping needs no sort. */
  list = accounts_json (accounts, n_accounts);
  stmt = _assay_replica_prepare (self,
                                 "SELECT d.account_id, a.account, d.day, sum (d.points), sum (d.count) "
                                 "FROM account_day d JOIN accounts a ON a.id = d.account_id "
                                 "WHERE d.account_id IN (SELECT value FROM json_each (?1)) "
                                 "GROUP BY d.account_id, d.day ORDER BY d.account_id, d.day",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, list, -1, SQLITE_STATIC);
  rc = scan_account_days (stmt, NULL, d);
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&d);
}

/* ---- account years --------------------------------------------------------- */

void
assay_account_years_free (AssayAccountYears *y)
{
  if (y == NULL)
    return;
  for (gsize i = 0; i < y->n; i++)
    g_free (y->account[i]);
  g_free (y->account_id);
  g_free (y->account);
  g_free (y->year);
  g_free (y->entries);
  g_free (y->points);
  g_free (y);
}

static AssayAccountYears *
account_years (AssayReplica *self,
               const char   *list,
               GError      **error)
{
  g_autoptr(AssayAccountYears) y = g_new0 (AssayAccountYears, 1);
  gsize capacity = 0;
  sqlite3_stmt *stmt;
  int rc;

  /* A quarter is stored as year × 10 + quarter; ?1 is NULL for every
   * account, else a JSON array of account numbers. */
  stmt = _assay_replica_prepare (self,
                                 "SELECT q.account_id, a.account, q.quarter / 10, sum (q.count), "
                                 "sum (q.points) FROM account_quarter q "
                                 "JOIN accounts a ON a.id = q.account_id "
                                 "WHERE ?1 IS NULL OR q.account_id IN (SELECT value FROM json_each (?1)) "
                                 "GROUP BY q.account_id, q.quarter / 10 ORDER BY q.account_id, q.quarter / 10",
                                 error);
  if (stmt == NULL)
    return NULL;
  if (list != NULL)
    sqlite3_bind_text (stmt, 1, list, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (y->n == capacity)
        {
          capacity = MAX (1024, capacity * 2);
          y->account_id = g_renew (guint64, y->account_id, capacity);
          y->account = g_renew (char *, y->account, capacity);
          y->year = g_renew (guint32, y->year, capacity);
          y->entries = g_renew (gint64, y->entries, capacity);
          y->points = g_renew (gint64, y->points, capacity);
        }
      y->account_id[y->n] = sqlite3_column_int64 (stmt, 0);
      y->account[y->n] = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      y->year[y->n] = sqlite3_column_int64 (stmt, 2);
      y->entries[y->n] = sqlite3_column_int64 (stmt, 3);
      y->points[y->n] = sqlite3_column_int64 (stmt, 4);
      y->n++;
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&y);
}

AssayAccountYears *
assay_replica_account_years (AssayReplica *self,
                             GError      **error)
{
  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  return account_years (self, NULL, error);
}

AssayAccountYears *
assay_replica_account_years_for_accounts (AssayReplica  *self,
                                          const guint64 *accounts,
                                          gsize          n_accounts,
                                          GError       **error)
{
  g_autofree char *list = NULL;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);
  g_return_val_if_fail (accounts != NULL || n_accounts == 0, NULL);

  list = accounts_json (accounts, n_accounts);
  return account_years (self, list, error);
}

/* ---- accounts changed since a checkpoint ------------------------------------- */

/* The first column of the statement's single row, or -1 with no row. */
static gboolean
query_int (AssayReplica *self,
           sqlite3_stmt *stmt,
           gint64       *out,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  *out = -1;
  if (rc == SQLITE_ROW)
    {
      *out = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  return _assay_replica_finish (self, stmt, rc, error);
}

/* Whether the change since the checkpoint is a set of accounts (see the
 * header): a checkpoint this replica verified, nothing past its size, no
 * tombstone and no withheld body since. */
static gboolean
only_appended_since (AssayReplica *self,
                     guint64       since_size,
                     const guint8  since_root[ASSAY_HASH_SIZE],
                     gboolean     *out_only,
                     GError      **error)
{
  sqlite3 *db = _assay_replica_get_db (self);
  sqlite3_stmt *stmt;
  gint64 found;

  *out_only = FALSE;
  if (since_size > (guint64) _assay_db_meta_get_int (db, "size", 0) ||
      (gint64) since_size <= _assay_db_meta_get_int (db, "rewritten_at", -1))
    return TRUE;
  stmt = _assay_replica_prepare (self, "SELECT 1 FROM checkpoints WHERE size = ?1 AND root = ?2 LIMIT 1",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, since_size);
  sqlite3_bind_blob (stmt, 2, since_root, ASSAY_HASH_SIZE, SQLITE_STATIC);
  if (!query_int (self, stmt, &found, error))
    return FALSE;
  if (found != 1)
    return TRUE;
  /* A replica synced by a version without "rewritten_at". */
  stmt = _assay_replica_prepare (self, "SELECT 1 FROM tombstones WHERE idx >= ?1 LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, since_size);
  if (!query_int (self, stmt, &found, error))
    return FALSE;
  *out_only = found != 1;
  return TRUE;
}

gboolean
assay_replica_accounts_changed_since (AssayReplica  *self,
                                      guint64        since_size,
                                      const guint8   since_root[ASSAY_HASH_SIZE],
                                      GArray       **out_accounts,
                                      GError       **error)
{
  g_autoptr(GArray) accounts = NULL;
  sqlite3_stmt *stmt;
  gboolean only = FALSE, ok;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (since_root != NULL && out_accounts != NULL, FALSE);

  *out_accounts = NULL;
  if (!enter_read (self, error))
    return FALSE;
  ok = only_appended_since (self, since_size, since_root, &only, error);
  if (ok && only)
    {
      /* A range of the records' primary key (the leaf index). */
      accounts = g_array_new (FALSE, FALSE, sizeof (guint64));
      stmt = _assay_replica_prepare (self,
                                     "SELECT DISTINCT account_id FROM records WHERE idx >= ?1 "
                                     "ORDER BY account_id", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, since_size);
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              guint64 id = sqlite3_column_int64 (stmt, 0);

              g_array_append_val (accounts, id);
            }
          ok = _assay_replica_finish (self, stmt, rc, error);
        }
    }
  leave_read (self);
  if (ok && only)
    *out_accounts = g_steal_pointer (&accounts);
  return ok;
}

/* ---- county days ----------------------------------------------------------- */

void
assay_county_days_free (AssayCountyDays *days)
{
  if (days == NULL)
    return;
  g_free (days->county);
  g_free (days->first_row);
  g_free (days->day);
  g_free (days->requests);
  g_free (days);
}

/* Every row of county_day is walked (a county without redemptions still
 * counts, and the span is over every row); rows come in (county, day)
 * order, so the span is the min and max seen. */
static int
scan_county_days (sqlite3_stmt    *stmt,
                  GHashTable      *later,
                  AssayCountyDays *c)
{
  gsize counties_capacity = 0, rows_capacity = 0;
  gboolean seen = FALSE;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint32 county = sqlite3_column_int64 (stmt, 0);
      guint32 day = sqlite3_column_int64 (stmt, 1);
      gint64 redemptions = sqlite3_column_int64 (stmt, 2);
      gint64 events = sqlite3_column_int64 (stmt, 3), points = 0;
      guint32 requests;

      if (!keep_earlier (later, county, day, &points, &events, &redemptions))
        continue;
      requests = (guint32) redemptions;
      if (c->n_counties == 0 || c->county[c->n_counties - 1] != county)
        {
          if (c->n_counties >= counties_capacity)
            {
              counties_capacity = MAX (256, counties_capacity * 2);
              c->county = g_renew (guint32, c->county, counties_capacity);
              c->first_row = g_renew (gsize, c->first_row, counties_capacity + 1);
            }
          c->county[c->n_counties] = county;
          c->first_row[c->n_counties++] = c->n_rows;
        }
      c->first_day = seen ? MIN (c->first_day, day) : day;
      c->last_day = seen ? MAX (c->last_day, day) : day;
      seen = TRUE;
      if (requests == 0)
        continue;
      if (c->n_rows >= rows_capacity)
        {
          rows_capacity = MAX (1024, rows_capacity * 2);
          c->day = g_renew (guint32, c->day, rows_capacity);
          c->requests = g_renew (guint32, c->requests, rows_capacity);
        }
      c->day[c->n_rows] = day;
      c->requests[c->n_rows++] = requests;
    }
  if (c->first_row == NULL)
    c->first_row = g_new (gsize, 1);
  c->first_row[c->n_counties] = c->n_rows;
  return rc;
}

AssayCountyDays *
assay_replica_county_requests (AssayReplica *self,
                               GError      **error)
{
  return assay_replica_county_requests_before (self, G_MAXUINT64, error);
}

static AssayCountyDays *
county_requests_before (AssayReplica *self,
                        GHashTable   *later,
                        GError      **error)
{
  g_autoptr(AssayCountyDays) c = g_new0 (AssayCountyDays, 1);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _assay_replica_prepare (self,
                                 "SELECT county, day, redemptions, events FROM county_day "
                                 "ORDER BY county, day", error);
  if (stmt == NULL)
    return NULL;
  rc = scan_county_days (stmt, later, c);
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&c);
}

AssayCountyDays *
assay_replica_county_requests_before (AssayReplica *self,
                                      guint64       before,
                                      GError      **error)
{
  g_autoptr(GHashTable) later = NULL;
  AssayCountyDays *c;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  if (!enter_read (self, error))
    return NULL;
  if (before < G_MAXUINT64)
    later = read_later_sums (self, "SELECT county, event_day, 0, sum (kind = 0), sum (kind = 1) "
                                   "FROM records WHERE idx >= ?1 GROUP BY county, event_day",
                             before, error);
  c = before == G_MAXUINT64 || later != NULL ? county_requests_before (self, later, error) : NULL;
  leave_read (self);
  return c;
}

/* ---- community events -------------------------------------------------------- */

void
assay_community_events_free (AssayCommunityEvents *events)
{
  if (events == NULL)
    return;
  g_free (events->account_id);
  g_free (events->activity);
  g_free (events->day);
  g_strfreev (events->activities);
  g_free (events);
}

/* The activity ids in their stored order, numbered 0 … n − 1 (the stored
 * numbers may have gaps where an erasure took one): `numbers` maps a
 * stored number to ours. */
static gboolean
read_activities (AssayReplica         *self,
                 AssayCommunityEvents *c,
                 GHashTable           *numbers,
                 GError              **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = _assay_replica_prepare (self, "SELECT id, activity FROM activities ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_hash_table_insert (numbers, GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0)),
                           GUINT_TO_POINTER (names->len));
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  c->n_activities = names->len;
  g_ptr_array_add (names, NULL);
  c->activities = (char **) g_ptr_array_steal (names, NULL);
  return _assay_replica_finish (self, stmt, rc, error);
}

static gboolean
read_community (AssayReplica         *self,
                AssayCommunityEvents *c,
                GHashTable           *numbers,
                guint64               before,
                GError              **error)
{
  gsize capacity = 0;
  sqlite3_stmt *stmt;
  int rc;

  /* Log order: the rowid order of community_events, no sort. */
  stmt = _assay_replica_prepare (self,
                                 "SELECT account_id, activity_id, event_day FROM community_events "
                                 "WHERE idx < ?1 ORDER BY idx", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, (gint64) MIN (before, (guint64) G_MAXINT64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gpointer number = g_hash_table_lookup (numbers,
                                             GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 1)));

      if (c->n >= capacity)
        {
          capacity = MAX (1024, capacity * 2);
          c->account_id = g_renew (guint64, c->account_id, capacity);
          c->activity = g_renew (guint32, c->activity, capacity);
          c->day = g_renew (guint32, c->day, capacity);
        }
      c->account_id[c->n] = sqlite3_column_int64 (stmt, 0);
      c->activity[c->n] = GPOINTER_TO_UINT (number);
      c->day[c->n++] = sqlite3_column_int64 (stmt, 2);
    }
  return _assay_replica_finish (self, stmt, rc, error);
}

AssayCommunityEvents *
assay_replica_community_events (AssayReplica *self,
                                GError      **error)
{
  return assay_replica_community_events_before (self, G_MAXUINT64, error);
}

/* Activities first seen at or after `before` stay in `activities` with no
 * event: numbered after every earlier one, they change no number the
 * events use. */
AssayCommunityEvents *
assay_replica_community_events_before (AssayReplica *self,
                                       guint64       before,
                                       GError      **error)
{
  g_autoptr(AssayCommunityEvents) c = g_new0 (AssayCommunityEvents, 1);
  g_autoptr(GHashTable) numbers = g_hash_table_new (NULL, NULL);
  gboolean ok;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  /* Two reads, one snapshot: an activity stored by a sync in between
   * would otherwise have no name. */
  if (!enter_read (self, error))
    return NULL;
  ok = read_activities (self, c, numbers, error) && read_community (self, c, numbers, before, error);
  leave_read (self);
  return ok ? g_steal_pointer (&c) : NULL;
}

AssayCommunityEvents *
assay_replica_community_events_of (AssayReplica       *self,
                                   const char * const *accounts,
                                   guint32             first_day,
                                   guint32             last_day,
                                   GError            **error)
{
  g_autoptr(AssayCommunityEvents) c = g_new0 (AssayCommunityEvents, 1);
  gsize capacity = 0;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);
  g_return_val_if_fail (accounts != NULL, NULL);

  stmt = _assay_replica_prepare (self,
                                 "SELECT e.account_id, e.activity_id, e.event_day FROM community_events e "
                                 "JOIN accounts a ON a.id = e.account_id "
                                 "WHERE a.account = ?1 AND e.event_day BETWEEN ?2 AND ?3 "
                                 "ORDER BY e.event_day, e.idx", error);
  if (stmt == NULL)
    return NULL;
  for (guint m = 0; accounts[m] != NULL; m++)
    {
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, accounts[m], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, first_day);
      sqlite3_bind_int64 (stmt, 3, last_day);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          if (c->n == capacity)
            {
              capacity = MAX (256, capacity * 2);
              c->account_id = g_renew (guint64, c->account_id, capacity);
              c->activity = g_renew (guint32, c->activity, capacity);
              c->day = g_renew (guint32, c->day, capacity);
            }
          c->account_id[c->n] = sqlite3_column_int64 (stmt, 0);
          c->activity[c->n] = sqlite3_column_int64 (stmt, 1);
          c->day[c->n] = sqlite3_column_int64 (stmt, 2);
          c->n++;
        }
      if (rc != SQLITE_DONE)
        {
          _assay_replica_finish (self, stmt, rc, error);
          return NULL;
        }
    }
  if (!_assay_replica_finish (self, stmt, SQLITE_DONE, error))
    return NULL;
  return g_steal_pointer (&c);
}

/* ---- the entries behind a flag -------------------------------------------------- */

gboolean
_assay_replica_collect_indices (AssayReplica *self,
                                sqlite3_stmt *stmt,
                                GArray       *indices,
                                GError      **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint64 idx = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (indices, idx);
    }
  return _assay_replica_finish (self, stmt, rc, error);
}

GArray *
assay_replica_account_events (AssayReplica *self,
                              guint64       account_id,
                              guint32       first_day,
                              guint32       last_day,
                              GError      **error)
{
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint64));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  /* The account's records in log order through its index, the days
   * filtered on the way: an account has few records. */
  stmt = _assay_replica_prepare (self,
                                 "SELECT idx FROM records INDEXED BY records_account "
                                 "WHERE account_id = ?1 AND kind = 0 "
                                 "AND event_day BETWEEN ?2 AND ?3 ORDER BY idx", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_int64 (stmt, 2, first_day);
  sqlite3_bind_int64 (stmt, 3, last_day);
  if (!_assay_replica_collect_indices (self, stmt, indices, error))
    return NULL;
  return g_steal_pointer (&indices);
}

GArray *
assay_replica_county_redemptions (AssayReplica *self,
                                  guint32       county,
                                  guint32       day,
                                  GError      **error)
{
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint64));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  /* One day's records through records_event_day (event_day, idx), which
   * also gives log order; the county is filtered on the way. */
  stmt = _assay_replica_prepare (self,
                                 "SELECT idx FROM records INDEXED BY records_event_day "
                                 "WHERE event_day = ?2 AND county = ?1 AND kind = 1 ORDER BY idx",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, county);
  sqlite3_bind_int64 (stmt, 2, day);
  if (!_assay_replica_collect_indices (self, stmt, indices, error))
    return NULL;
  return g_steal_pointer (&indices);
}

static int
compare_indices (gconstpointer a,
                 gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return (x > y) - (x < y);
}

/* Sorts into log order and drops the repeats an account given twice adds. */
static void
sort_unique (GArray *indices)
{
  guint n = 0;

  g_array_sort (indices, compare_indices);
  for (guint i = 0; i < indices->len; i++)
    if (n == 0 || g_array_index (indices, guint64, i) != g_array_index (indices, guint64, n - 1))
      g_array_index (indices, guint64, n++) = g_array_index (indices, guint64, i);
  g_array_set_size (indices, n);
}

GArray *
assay_replica_community_entries (AssayReplica  *self,
                                 const guint64 *account_ids,
                                 gsize          n,
                                 guint32        first_day,
                                 guint32        last_day,
                                 GError       **error)
{
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint64));
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);
  g_return_val_if_fail (account_ids != NULL || n == 0, NULL);

  /* One range of community_events_account (account_id, event_day) per
   * member, in one snapshot. */
  if (!enter_read (self, error))
    return NULL;
  for (gsize i = 0; i < n && ok; i++)
    {
      stmt = _assay_replica_prepare (self,
                                     "SELECT idx FROM community_events "
                                     "INDEXED BY community_events_account "
                                     "WHERE account_id = ?1 AND event_day BETWEEN ?2 AND ?3",
                                     error);
      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }
      sqlite3_bind_int64 (stmt, 1, account_ids[i]);
      sqlite3_bind_int64 (stmt, 2, first_day);
      sqlite3_bind_int64 (stmt, 3, last_day);
      ok = _assay_replica_collect_indices (self, stmt, indices, error);
    }
  leave_read (self);
  if (!ok)
    return NULL;
  sort_unique (indices);
  return g_steal_pointer (&indices);
}

/* ---- accounts -------------------------------------------------------------------- */

char *
assay_replica_account_name (AssayReplica *self,
                            guint64       account_id,
                            GError      **error)
{
  g_autofree char *account = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self, "SELECT account FROM accounts WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, account_id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      account = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = sqlite3_step (stmt);
    }
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&account);
}
