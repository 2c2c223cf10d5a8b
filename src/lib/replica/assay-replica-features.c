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

/* The subjects as read from the compact form, before their features. */
typedef struct
{
  Group   now;
  Group   before;
  gboolean has_before;
} Subject;

static gboolean
collect_cb (const AssayQuarterSums *sums,
            gpointer                user_data,
            GError                **error)
{
  GArray *subjects = user_data;
  gsize at = subjects->len;

  g_array_set_size (subjects, at + sums->n);
  for (gsize i = 0; i < sums->n; i++)
    {
      Subject *s = &g_array_index (subjects, Subject, at + i);

      s->now.account_id = s->before.account_id = sums->account_id[i];
      s->now.quarter = sums->quarter;
      s->before.quarter = assay_quarter_previous (sums->quarter);
      s->has_before = sums->has_previous[i];
      for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
        {
          s->now.points[d] = sums->points[d][i];
          s->before.points[d] = sums->previous_points[d][i];
        }
    }
  return TRUE;
}

static int
compare_subjects (gconstpointer a,
                  gconstpointer b)
{
  const Group *x = &((const Subject *) a)->now, *y = &((const Subject *) b)->now;

  if (x->account_id != y->account_id)
    return x->account_id < y->account_id ? -1 : 1;
  return (x->quarter > y->quarter) - (x->quarter < y->quarter);
}

/* The quarters quarter_columns holds, skipping from one to the next. */
static GArray *
list_quarters (AssayReplica *self,
               GError      **error)
{
  g_autoptr(GArray) quarters = g_array_new (FALSE, FALSE, sizeof (guint32));
  sqlite3_stmt *stmt = _assay_replica_prepare (self, "SELECT min(key) FROM quarter_columns WHERE key >= ?",
                                               error);
  gint64 from = 0;
  int rc;

  if (stmt == NULL)
    return NULL;
  for (;;)
    {
      guint32 q;

      sqlite3_bind_int64 (stmt, 1, from);
      if ((rc = sqlite3_step (stmt)) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
        break;
      q = (guint64) sqlite3_column_int64 (stmt, 0) >> 32;
      sqlite3_reset (stmt);
      g_array_append_val (quarters, q);
      from = (gint64) ((guint64) (q + 1) << 32);
    }
  if (!_assay_replica_finish (self, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error))
    return NULL;
  return g_steal_pointer (&quarters);
}

/* Reads the subjects and turns them into features, inside the caller's
 * read transaction. */
static gboolean
read_features (AssayReplica         *self,
               guint32               quarter,
               const guint64        *accounts,
               gsize                 n_accounts,
               AssayQuarterFeatures *f,
               GError              **error)
{
  sqlite3 *db = _assay_replica_get_db (self);
  g_autoptr(GArray) subjects = g_array_new (FALSE, FALSE, sizeof (Subject));
  g_autoptr(GArray) quarters = NULL;
  g_autofree char *account = NULL;
  sqlite3_stmt *name;
  gsize capacity = 0;
  guint64 named = G_MAXUINT64;

  if (quarter != 0)
    {
      quarters = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_array_append_val (quarters, quarter);
    }
  else if ((quarters = list_quarters (self, error)) == NULL)
    return FALSE;
  for (guint k = 0; k < quarters->len; k++)
    if (!_assay_db_quarter_sums_read (db, g_array_index (quarters, guint32, k), TRUE, accounts,
                                      n_accounts, 65536, collect_cb, subjects, error))
      return FALSE;
  /* Subjects by account number, then quarter. */
  if (quarters->len > 1)
    g_array_sort (subjects, compare_subjects);

  name = _assay_replica_prepare (self, "SELECT account FROM accounts WHERE id = ?", error);
  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < subjects->len; i++)
    {
      const Subject *s = &g_array_index (subjects, Subject, i);

      if (s->now.account_id != named)
        {
          int rc;

          sqlite3_bind_int64 (name, 1, s->now.account_id);
          rc = sqlite3_step (name);
          g_free (account);
          account = rc == SQLITE_ROW ? g_strdup ((const char *) sqlite3_column_text (name, 0)) : NULL;
          sqlite3_reset (name);
          if (account == NULL)
            return _assay_replica_finish (self, name, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error);
          named = s->now.account_id;
        }
      append (f, &capacity, &s->now, account, s->has_before ? &s->before : NULL);
    }
  return _assay_replica_finish (self, name, SQLITE_DONE, error);
}

static AssayQuarterFeatures *
quarter_features (AssayReplica  *self,
                  guint32        quarter,
                  const guint64 *accounts,
                  gsize          n_accounts,
                  GError       **error)
{
  g_autoptr(AssayQuarterFeatures) f = g_new0 (AssayQuarterFeatures, 1);
  gboolean ok;

  /* One read transaction (or the caller's, between read_begin and
   * read_end): a sync in another process cannot slip between the
   * checkpoint and the sums. */
  if (!assay_replica_read_begin (self, &f->checkpoint_size, f->checkpoint_root, error))
    return NULL;
  ok = read_features (self, quarter, accounts, n_accounts, f, error);
  assay_replica_read_end (self);
  return ok ? g_steal_pointer (&f) : NULL;
}

AssayQuarterFeatures *
assay_replica_quarter_features (AssayReplica *self,
                                guint32       quarter,
                                GError      **error)
{
  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);
  g_return_val_if_fail (quarter == 0 || (quarter % 10 >= 1 && quarter % 10 <= 4), NULL);

  return quarter_features (self, quarter, NULL, 0, error);
}

AssayQuarterFeatures *
assay_replica_quarter_features_for_accounts (AssayReplica  *self,
                                             guint32        quarter,
                                             const guint64 *accounts,
                                             gsize          n_accounts,
                                             GError       **error)
{
  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);
  g_return_val_if_fail (quarter == 0 || (quarter % 10 >= 1 && quarter % 10 <= 4), NULL);
  g_return_val_if_fail (accounts != NULL || n_accounts == 0, NULL);

  if (accounts == NULL)
    {
      /* No accounts asked: no subjects, at the current checkpoint. */
      static const guint64 none[1] = { 0 };

      return quarter_features (self, quarter, none, 0, error);
    }
  return quarter_features (self, quarter, accounts, n_accounts, error);
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
