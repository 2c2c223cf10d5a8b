/* assay-replica-features.c — account-quarter features for the rules, from the aggregates
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

#include <math.h>
#include <string.h>

#include "assay-day.h"
#include "assay-entry.h"
#include "assay-replica-features.h"
#include "assay-replica-private.h"
#include "assay-replica-series.h"

guint32
assay_quarter_previous (guint32 quarter)
{
  return quarter % 10 == 1 ? (quarter / 10 - 1) * 10 + 4 : quarter - 1;
}

void
assay_quarter_get_days (guint32  quarter,
                        guint32 *out_first,
                        guint32 *out_last)
{
  guint year = quarter / 10, month = (quarter % 10 - 1) * 3 + 1;
  guint32 next = 0;

  g_return_if_fail (quarter % 10 >= 1 && quarter % 10 <= 4);

  assay_day_from_ymd (year, month, 1, out_first);
  /* The day before the next quarter's first day. */
  if (month == 10)
    assay_day_from_ymd (year + 1, 1, 1, &next);
  else
    assay_day_from_ymd (year, month + 3, 1, &next);
  *out_last = next - 1;
}

void
assay_quarter_features_free (AssayQuarterFeatures *f)
{
  if (f == NULL)
    return;
  for (gsize i = 0; i < f->n; i++)
    g_free (f->account[i]);
  g_free (f->account_id);
  g_free (f->account);
  g_free (f->quarter);
  g_free (f->total);
  g_free (f->max_share);
  g_free (f->max_dimension);
  g_free (f->previous_total);
  g_free (f->previous_max_share);
  g_free (f->previous_max_dimension);
  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    {
      g_free (f->share[d]);
      g_free (f->previous_share[d]);
    }
  g_free (f);
}

/* One account's sums in one quarter, as read. */
typedef struct
{
  guint64 account_id;
  guint32 quarter;
  gint64  points[ASSAY_N_DIMENSIONS];
} Group;

typedef struct
{
  double      total;
  double      share[ASSAY_N_DIMENSIONS];
  double      max_share;
  const char *max_dimension;
} Derived;

static void
derive (const Group *g,
        Derived     *out)
{
  gint64 total = 0, best = -1;
  int best_d = -1;

  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    {
      gint64 p = MAX (g->points[d], 0);

      total += p;
      /* Ties go to the first dimension in the ledger's order, so the
       * result never depends on the row order. */
      if (p > best)
        best = p, best_d = d;
    }
  out->total = (double) total;
  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    out->share[d] = total > 0 ? (double) MAX (g->points[d], 0) / (double) total : NAN;
  out->max_share = total > 0 ? (double) best / (double) total : NAN;
  out->max_dimension = total > 0 ? assay_dimension_to_id (best_d) : NULL;
}

static void
grow (AssayQuarterFeatures *f,
      gsize                 capacity)
{
  f->account_id = g_renew (guint64, f->account_id, capacity);
  f->account = g_renew (char *, f->account, capacity);
  f->quarter = g_renew (guint32, f->quarter, capacity);
  f->total = g_renew (double, f->total, capacity);
  f->max_share = g_renew (double, f->max_share, capacity);
  f->max_dimension = g_renew (const char *, f->max_dimension, capacity);
  f->previous_total = g_renew (double, f->previous_total, capacity);
  f->previous_max_share = g_renew (double, f->previous_max_share, capacity);
  f->previous_max_dimension = g_renew (const char *, f->previous_max_dimension, capacity);
  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    {
      f->share[d] = g_renew (double, f->share[d], capacity);
      f->previous_share[d] = g_renew (double, f->previous_share[d], capacity);
    }
}

/* Appends the subject `g`, with `prev` the same account's group just
 * before it in the scan (or NULL). */
static void
append (AssayQuarterFeatures *f,
        gsize                *capacity,
        const Group          *g,
        const char           *account,
        const Group          *prev)
{
  Derived now, before;
  gsize i = f->n;
  gboolean has_prev = prev != NULL && prev->account_id == g->account_id &&
                      prev->quarter == assay_quarter_previous (g->quarter);

  if (i == *capacity)
    grow (f, *capacity = MAX (1024, *capacity * 2));
  derive (g, &now);
  if (has_prev)
    derive (prev, &before);
  f->account_id[i] = g->account_id;
  f->account[i] = g_strdup (account);
  f->quarter[i] = g->quarter;
  f->total[i] = now.total;
  f->max_share[i] = now.max_share;
  f->max_dimension[i] = now.max_dimension;
  f->previous_total[i] = has_prev ? before.total : NAN;
  f->previous_max_share[i] = has_prev ? before.max_share : NAN;
  f->previous_max_dimension[i] = has_prev ? before.max_dimension : NULL;
  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    {
      f->share[d][i] = now.share[d];
      f->previous_share[d][i] = has_prev ? before.share[d] : NAN;
    }
  f->n++;
}

/* Walks the rows (account, quarter, dimension order) into groups; emits
 * each group in `quarter` (or every group for 0) with the group before it. */
static int
scan (sqlite3_stmt         *stmt,
      guint32               quarter,
      AssayQuarterFeatures *f)
{
  Group cur = { G_MAXUINT64, 0, { 0 } }, prev = { G_MAXUINT64, 0, { 0 } };
  g_autofree char *cur_account = NULL;
  gsize capacity = 0;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint64 account_id = sqlite3_column_int64 (stmt, 0);
      guint32 q = sqlite3_column_int (stmt, 2);
      int d = sqlite3_column_int (stmt, 3);

      if (account_id != cur.account_id || q != cur.quarter)
        {
          if (cur.account_id != G_MAXUINT64 && (quarter == 0 || cur.quarter == quarter))
            append (f, &capacity, &cur, cur_account, &prev);
          if (account_id != cur.account_id)
            {
              g_free (cur_account);
              cur_account = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
            }
          prev = cur;
          cur = (Group) { account_id, q, { 0 } };
        }
      if (d >= 0 && d < ASSAY_N_DIMENSIONS)
        cur.points[d] += sqlite3_column_int64 (stmt, 4);
    }
  if (rc == SQLITE_DONE && cur.account_id != G_MAXUINT64 &&
      (quarter == 0 || cur.quarter == quarter))
    append (f, &capacity, &cur, cur_account, &prev);
  return rc;
}

AssayQuarterFeatures *
assay_replica_quarter_features (AssayReplica *self,
                                guint32       quarter,
                                GError      **error)
{
  g_autoptr(AssayQuarterFeatures) f = g_new0 (AssayQuarterFeatures, 1);
  sqlite3_stmt *stmt;
  gboolean ok;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);
  g_return_val_if_fail (quarter == 0 || (quarter % 10 >= 1 && quarter % 10 <= 4), NULL);

  /* One read transaction (or the caller's, between read_begin and
   * read_end): a sync in another process cannot slip between the
   * checkpoint and the sums. */
  if (!assay_replica_read_begin (self, &f->checkpoint_size, f->checkpoint_root, error))
    return NULL;
  /* The primary key order of account_quarter: no sort.  For one quarter
   * the previous one is read too. */
  stmt = _assay_replica_prepare (self,
                                 "SELECT q.account_id, a.account, q.quarter, q.dimension, q.points "
                                 "FROM account_quarter q JOIN accounts a ON a.id = q.account_id "
                                 "WHERE ?1 = 0 OR q.quarter IN (?1, ?2) "
                                 "ORDER BY q.account_id, q.quarter, q.dimension", error);
  if (stmt == NULL)
    {
      assay_replica_read_end (self);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, quarter);
  sqlite3_bind_int64 (stmt, 2, quarter == 0 ? 0 : assay_quarter_previous (quarter));
  rc = scan (stmt, quarter, f);
  ok = _assay_replica_finish (self, stmt, rc, error);
  assay_replica_read_end (self);
  return ok ? g_steal_pointer (&f) : NULL;
}

GArray *
assay_replica_quarter_entries (AssayReplica *self,
                               guint64       account_id,
                               guint32       quarter,
                               GError      **error)
{
  guint32 first, last;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  assay_quarter_get_days (quarter, &first, &last);
  return assay_replica_account_events (self, account_id, first, last, error);
}
