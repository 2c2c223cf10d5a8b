/* bench-rules.c — account-quarter rules over N accounts: compact columns vs one SQL query
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

/* bench-rules [N [RUNS [DIR]]]: writes the aggregates of N accounts
 * (default 10 000 000) over four quarters straight into a replica-shaped
 * database in DIR (default a new folder in the temporary directory, removed
 * at the end), then prints the median of RUNS runs (default 3) of
 *   (a) building quarter_columns from scratch,
 *   (b) the reference: X.concentration as one SQL query over account_quarter,
 *   (c) our evaluation of X.concentration over the same quarter (compact
 *       columns, bulk evaluation, each hit's exhaustive trace, the count),
 *       and separately the hits' flag objects (entries, ids, text),
 *   (d) b / c,
 *   (e) after 1 000 accounts changed: their account_quarter upserts and
 *       the sums added to their blocks (what sync does) and re-evaluating only the accounts of those blocks, with
 *       the flags of their hits,
 *   (f) peak RSS.
 * It fails if the two hit counts differ, or if the incremental result
 * differs from a full evaluation. */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "assay-replica-features.h"
#include "assay-replica-private.h"
#include "assay-replica-quarter-columns.h"
#include "assay-rule-flags.h"
#include "assay-rule-quarter-columns.h"
#include "assay-rule-set.h"

#include "bench-util.h"

#define QUARTER      20264
#define N_TOUCHED    1000
#define SIZE         1000000

static const guint32 quarters[] = { 20261, 20262, 20263, 20264 };

/* One account-quarter's sums: a balanced mix of two to four dimensions
 * (100–300 points each, ±20 %), a small deduction now and then; about
 * 1 % of them concentrated (one dimension of 800–2000 points). */
static void
generate_quarter (GRand  *rand,
                  gint64  points[ASSAY_N_DIMENSIONS])
{
  int base = g_rand_int_range (rand, 60, 300);
  int k = g_rand_int_range (rand, 2, 5), first = g_rand_int_range (rand, 0, ASSAY_N_DIMENSIONS);

  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    points[d] = 0;
  for (int i = 0; i < k; i++)
    points[(first + i) % ASSAY_N_DIMENSIONS] = base * g_rand_int_range (rand, 80, 121) / 100;
  if (g_rand_int_range (rand, 0, 50) == 0)
    points[g_rand_int_range (rand, 0, ASSAY_N_DIMENSIONS)] -= g_rand_int_range (rand, 1, 100);
  if (g_rand_int_range (rand, 0, 100) == 0)
    points[g_rand_int_range (rand, 0, ASSAY_N_DIMENSIONS)] += g_rand_int_range (rand, 800, 2001);
}

static void
generate (sqlite3 *db,
          guint32  n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  sqlite3_stmt *account, *row;
  gint64 rows = 0;

  bench_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; BEGIN");
  bench_check_sql (db, sqlite3_prepare_v2 (db, "INSERT INTO accounts (id, account, kind, n_events, n_redemptions, "
                                               "points, redeemed, first_day, last_day) "
                                               "VALUES (?1, printf ('acct-%08d', ?1), 0, 0, 0, 0, 0, 0, 0)",
                                           -1, &account, NULL));
  bench_check_sql (db, sqlite3_prepare_v2 (db, "INSERT INTO account_quarter (account_id, quarter, dimension, points, count) "
                                               "VALUES (?, ?, ?, ?, 1)", -1, &row, NULL));
  for (guint32 a = 1; a <= n; a++)
    {
      sqlite3_bind_int64 (account, 1, a);
      bench_check_sql (db, sqlite3_step (account));
      sqlite3_reset (account);
      for (guint q = 0; q < G_N_ELEMENTS (quarters); q++)
        {
          gint64 points[ASSAY_N_DIMENSIONS];

          /* Not every account is active every quarter. */
          if (g_rand_int_range (rand, 0, 10) == 0)
            continue;
          generate_quarter (rand, points);
          for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
            if (points[d] != 0)
              {
                sqlite3_bind_int64 (row, 1, a);
                sqlite3_bind_int64 (row, 2, quarters[q]);
                sqlite3_bind_int (row, 3, d);
                sqlite3_bind_int64 (row, 4, points[d]);
                bench_check_sql (db, sqlite3_step (row));
                sqlite3_reset (row);
                rows++;
              }
        }
    }
  sqlite3_finalize (account);
  sqlite3_finalize (row);
  bench_exec (db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('size', " G_STRINGIFY (SIZE) ")");
  bench_exec (db, "COMMIT");
  g_print ("generated: %u accounts, %" G_GINT64_FORMAT " account_quarter rows over %u quarters\n",
           n, rows, (guint) G_N_ELEMENTS (quarters));
}

/* (b): the condition as one SQL query over account_quarter. */
static gint64
reference_count (sqlite3 *db)
{
  sqlite3_stmt *stmt;
  gint64 n;

  bench_check_sql (db, sqlite3_prepare_v2 (db,
    "SELECT count(*) FROM (SELECT sum(max(points, 0)) AS t, max(max(points, 0)) AS m "
    "FROM account_quarter WHERE quarter = ?1 GROUP BY account_id) "
    "WHERE t >= 500 AND CAST(m AS REAL) / t > 0.70", -1, &stmt, NULL));
  sqlite3_bind_int64 (stmt, 1, QUARTER);
  bench_check_sql (db, sqlite3_step (stmt));
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* (c): the bulk evaluation; each hit's exhaustive trace is taken. */
typedef struct
{
  const AssayRuleCondition *cond;
  guint                     n_traced;
} Tracer;

static void
trace_hit_cb (guint64                account_id,
              const AssayRuleColumn *columns,
              gsize                  index,
              gpointer               user_data)
{
  Tracer *t = user_data;
  g_autofree AssayRuleTraceNode *trace = assay_rule_condition_trace (t->cond, columns, index);

  t->n_traced += trace[0].value.boolean;
}

static GArray *
evaluate (const AssayRule *rule,
          AssayReplica    *replica,
          const guint64   *accounts,
          gsize            n_accounts)
{
  g_autoptr(GError) error = NULL;
  Tracer t = { assay_rule_get_condition (rule), 0 };
  g_autoptr(GArray) hits = assay_rule_quarter_columns_evaluate_full (rule, replica, QUARTER, accounts,
                                                                     n_accounts, trace_hit_cb, &t,
                                                                     NULL, &error);

  if (hits == NULL)
    g_error ("evaluation: %s", error->message);
  if (t.n_traced != hits->len)
    g_error ("%u traces say true for %u hits", t.n_traced, hits->len);
  return g_steal_pointer (&hits);
}

/* The hits' flag objects: features, trace, entries, id, explanation. */
static guint
make_flags (AssayRuleSet    *set,
            const AssayRule *rule,
            AssayReplica    *replica,
            GArray          *hits)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayQuarterFeatures) f = NULL;
  g_autoptr(GPtrArray) flags = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_rule_flag_free);

  f = assay_replica_quarter_features_for_accounts (replica, QUARTER, (const guint64 *) hits->data,
                                                   hits->len, &error);
  if (f == NULL ||
      !assay_rule_flags_account_quarter_append (set, rule, replica, f, "en", flags, &error))
    g_error ("flags: %s", error->message);
  if (flags->len != hits->len)
    g_error ("%u flags for %u hits", flags->len, hits->len);
  return flags->len;
}

static gboolean
contains (GArray  *sorted,
          guint64  x)
{
  guint lo = 0, hi = sorted->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (sorted, guint64, mid) < x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < sorted->len && g_array_index (sorted, guint64, lo) == x;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return (x > y) - (x < y);
}

int
main (int    argc,
      char **argv)
{
  guint32 n = argc > 1 ? (guint32) strtoul (argv[1], NULL, 10) : 10000000;
  guint runs = argc > 2 ? (guint) strtoul (argv[2], NULL, 10) : 3;
  g_autofree char *dir = argc > 3 ? g_strdup (argv[3]) : g_dir_make_tmp ("bench-rules-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *rules_path = g_build_filename (ASSAY_SOURCE_DIR, "data", "rules", "pilot.json", NULL);
  g_autofree double *ta = g_new (double, runs), *tb = g_new (double, runs), *tc = g_new (double, runs);
  g_autofree double *tc1 = g_new (double, runs), *te1 = g_new (double, runs), *te2 = g_new (double, runs);
  g_autofree double *ca = g_new (double, runs), *cb = g_new (double, runs), *cc = g_new (double, runs);
  g_autofree double *cc1 = g_new (double, runs), *ce1 = g_new (double, runs), *ce2 = g_new (double, runs);
  double unused;
  g_autoptr(AssayRuleSet) set = NULL;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  const AssayRule *rule;
  sqlite3 *db;
  gint64 expected = 0, size = SIZE;
  BenchStamp start;
  guint n_flags = 0;
  struct rusage usage;

  if (n == 0 || runs == 0 || dir == NULL)
    {
      g_printerr ("usage: bench-rules [N accounts (10000000)] [runs (3)] [dir]\n");
      return 2;
    }
  set = assay_rule_set_new_from_file (rules_path, &error);
  if (set == NULL || (rule = assay_rule_set_lookup_rule (set, "X.concentration")) == NULL)
    g_error ("rule set %s: %s", rules_path, error != NULL ? error->message : "no X.concentration");

  /* A replica-shaped database: the replica's own schema code, then the
   * aggregates written straight in. */
  db = _assay_replica_db_open (path, ASSAY_REPLICA_OPEN_CREATE, &error);
  if (db == NULL)
    g_error ("%s", error->message);
  start = bench_stamp ();
  generate (db, n);
  g_print ("writing them: %.1f s\n", bench_seconds_since (start, &unused));

  for (guint r = 0; r < runs; r++)
    {
      start = bench_stamp ();
      bench_exec (db, "BEGIN");
      if (!_assay_db_quarter_columns_rebuild (db, NULL, 0, size, &error))
        g_error ("%s", error->message);
      bench_exec (db, "COMMIT");
      ta[r] = bench_seconds_since (start, &ca[r]);
    }
  sqlite3_close (db);

  replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  if (replica == NULL)
    g_error ("%s", error->message);
  db = _assay_replica_get_db (replica);
  bench_exec (db, "PRAGMA cache_size = -262144");   /* 256 MiB for both */

  for (guint r = 0; r < runs; r++)
    {
      start = bench_stamp ();
      expected = reference_count (db);
      tb[r] = bench_seconds_since (start, &cb[r]);

      start = bench_stamp ();
      g_clear_pointer (&hits, g_array_unref);
      hits = evaluate (rule, replica, NULL, 0);
      tc[r] = bench_seconds_since (start, &cc[r]);
      if ((gint64) hits->len != expected)
        g_error ("MISMATCH: SQL finds %" G_GINT64_FORMAT " hits, the compact columns %u",
                 expected, hits->len);
      start = bench_stamp ();
      n_flags = make_flags (set, rule, replica, hits);
      tc1[r] = bench_seconds_since (start, &cc1[r]);
    }

  /* (e) 1 000 accounts change (a sync's new events), one run at a time:
   * sync rewrites their blocks, then only the changed blocks' accounts
   * are evaluated again; the result must equal a full evaluation. */
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (guint64));
      g_autoptr(GArray) blocks = g_array_new (FALSE, FALSE, sizeof (guint64));
      g_autoptr(GArray) written = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autofree AssayQuarterDelta *deltas = g_new (AssayQuarterDelta, N_TOUCHED);
      g_autoptr(GArray) changed = NULL, again = NULL, full = NULL, merged = NULL;
      sqlite3_stmt *bump;
      gint64 since = size;
      guint nf;

      for (guint i = 0; i < N_TOUCHED; i++)
        {
          guint64 a = g_rand_int_range (rand, 1, (gint32) MIN (n, G_MAXINT32 - 1) + 1);

          g_array_append_val (touched, a);
        }
      g_array_sort (touched, compare_ids);
      for (guint i = 0; i < N_TOUCHED; i++)
        deltas[i] = (AssayQuarterDelta) { g_array_index (touched, guint64, i), QUARTER,
                                          g_rand_int_range (rand, 0, ASSAY_N_DIMENSIONS),
                                          g_rand_int_range (rand, 1, 1500) };
      bench_check_sql (db, sqlite3_prepare_v2 (db, "INSERT INTO account_quarter (account_id, quarter, dimension, "
                                                   "points, count) VALUES (?1, ?2, ?3, ?4, 1) ON CONFLICT DO UPDATE "
                                                   "SET points = points + excluded.points, count = count + 1",
                                               -1, &bump, NULL));
      size += N_TOUCHED;
      /* What the writer does for a sync of new events on these accounts:
       * account_quarter upserts, the sums added to their blocks, the
       * blocks stamped with the new checkpoint size. */
      start = bench_stamp ();
      bench_exec (db, "BEGIN IMMEDIATE");
      for (guint i = 0; i < N_TOUCHED; i++)
        {
          guint64 b = deltas[i].account_id >> ASSAY_QUARTER_BLOCK_BITS;

          sqlite3_bind_int64 (bump, 1, deltas[i].account_id);
          sqlite3_bind_int64 (bump, 2, deltas[i].quarter);
          sqlite3_bind_int (bump, 3, deltas[i].dimension);
          sqlite3_bind_int64 (bump, 4, deltas[i].points);
          bench_check_sql (db, sqlite3_step (bump));
          sqlite3_reset (bump);
          if (blocks->len == 0 || g_array_index (blocks, guint64, blocks->len - 1) != b)
            g_array_append_val (blocks, b);
        }
      sqlite3_finalize (bump);
      if (!_assay_db_quarter_columns_add (db, deltas, N_TOUCHED, written, &error) ||
          !_assay_db_quarter_columns_stamp (db, written, size, &error) ||
          !_assay_db_meta_set_int (db, "size", size, &error))
        g_error ("%s", error->message);
      bench_exec (db, "COMMIT");
      te1[r] = bench_seconds_since (start, &ce1[r]);

      start = bench_stamp ();
      changed = assay_replica_quarter_changed_accounts (replica, QUARTER, since, &error);
      if (changed == NULL)
        g_error ("%s", error->message);
      again = evaluate (rule, replica, (const guint64 *) changed->data, changed->len);
      nf = make_flags (set, rule, replica, again);
      te2[r] = bench_seconds_since (start, &ce2[r]);
      g_assert (nf == again->len);

      /* Untimed check: old hits outside the changed blocks + new hits of
       * the changed accounts = a full evaluation = the SQL count. */
      merged = g_array_new (FALSE, FALSE, sizeof (guint64));
      for (guint i = 0; i < hits->len; i++)
        {
          guint64 a = g_array_index (hits, guint64, i);

          if (!contains (blocks, a >> ASSAY_QUARTER_BLOCK_BITS))
            g_array_append_val (merged, a);
        }
      g_array_append_vals (merged, again->data, again->len);
      g_array_sort (merged, compare_ids);
      full = assay_rule_quarter_columns_evaluate (rule, replica, QUARTER, NULL, 0, NULL, &error);
      {
        gint64 differences = -1;

        if (!_assay_db_quarter_columns_check (db, &differences, &error) || differences != 0)
          g_error ("MISMATCH: quarter_columns differs from account_quarter in %" G_GINT64_FORMAT
                   " blocks after the change", differences);
      }
      if (full == NULL || full->len != merged->len ||
          memcmp (full->data, merged->data, full->len * sizeof (guint64)) != 0 ||
          (gint64) full->len != reference_count (db))
        g_error ("MISMATCH after touching %u accounts: incremental %u, full %u hits",
                 N_TOUCHED, merged->len, full != NULL ? full->len : 0);
      if (r == 0)
        g_print ("touched %u accounts in %u blocks: %u accounts re-evaluated, %u hits among them\n",
                 N_TOUCHED, blocks->len, changed->len, again->len);
      g_clear_pointer (&hits, g_array_unref);
      hits = g_steal_pointer (&full);
    }

  g_print ("quarter %u: %" G_GINT64_FORMAT " hits (SQL) = %u hits and flags (compact columns)\n",
           QUARTER, expected, n_flags);
  bench_print_runs ("(a) build quarter_columns from scratch (all quarters)", 56, ta, ca, runs);
  bench_print_runs ("(b) reference: one SQL query over account_quarter", 56, tb, cb, runs);
  bench_print_runs ("(c) ours: compact columns, bulk eval, hits' traces", 56, tc, cc, runs);
  bench_print_runs ("    then the hits' flag objects (entries, ids, text)", 56, tc1, cc1, runs);
  g_print ("(d) b / c: %.1fx wall, %.1fx CPU\n", bench_median (tb, runs) / bench_median (tc, runs),
           bench_median (cb, runs) / bench_median (cc, runs));
  bench_print_runs ("(e) 1000 accounts changed: upsert + add to their blocks", 56, te1, ce1, runs);
  bench_print_runs ("    then re-evaluate the changed blocks (+ flags)", 56, te2, ce2, runs);
  getrusage (RUSAGE_SELF, &usage);
  g_print ("(f) peak RSS: %.0f MiB\n", usage.ru_maxrss / 1024.0);

  g_clear_object (&replica);
  if (argc <= 3)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }
  return 0;
}
