/* bench-scores.c — every account's contribution value: the replica's decayed sums vs one SQL query
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

/* bench-scores [N [RUNS [DIR]]]: writes N accounts (default 10,000,000)
 * with random decayed sums straight into a replica-shaped database, both
 * as the replica keeps them (value_columns blocks, and the accounts rows
 * they are checked against) and as one wide row per account, then times,
 * RUNS times (default 3):
 *   (a) the refresh that finds nothing changed since the last one (the
 *       blocks of the records past the high-water mark: none), after
 *       (a0), timed once, the first refresh of sums stored without a mark
 *       (every block compared with the accounts table, as every refresh
 *       did before the mark),
 *   (e) after the other parts (it changes the sums they check), the
 *       refresh after a sync that added one event for each of 10,000
 *       random accounts: only their blocks are visited and rebuilt;
 *   (b) the reference: every account's value by one SQL query over the
 *       wide rows,
 *   (c) every account's value, level and tiers by assay_scorer_foreach,
 *   (d) the what-if of a weights proposal (both passes, histogram, τ-b and
 *       ρ, top-k, crossings, groups; the first ASSAY_WHAT_IF_NAMED
 *       crossings named), against (b) run twice,
 *   (f) naming every crossing, as `weights what-if --json` does after (d).
 * The totals of (b) and (c) must agree to 1e-9, and the what-if's total
 * before with them. */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "assay-day.h"
#include "assay-replica-private.h"
#include "assay-replica-values-private.h"
#include "assay-scores.h"
#include "assay-weights-what-if.h"

#include "bench-util.h"

/* One account's sums: two or three dimensions of the one period, a
 * redemption now and then. */
static void
random_sums (GRand  *rand,
             double *sums,
             gint64 *counts)
{
  guint stride = ASSAY_VALUE_STRIDE (1);

  for (guint k = 0; k < stride; k++)
    sums[k] = 0;
  for (guint k = 0, n = g_rand_int_range (rand, 1, 4); k < n; k++)
    sums[g_rand_int_range (rand, 0, ASSAY_N_DIMENSIONS)] += g_rand_double_range (rand, 10, 3000);
  if (g_rand_int_range (rand, 0, 5) == 0)
    sums[stride - 1] = g_rand_double_range (rand, 10, 200);
  counts[0] = g_rand_int_range (rand, 1, 60);
  counts[1] = sums[stride - 1] > 0;
  counts[2] = g_rand_int_range (rand, 10, 3000);
  counts[3] = sums[stride - 1] > 0 ? 50 : 0;
}

/* Each account's records by county: one county of 2 000 (codes from
 * 110101 on), one account in five with a second, so that the what-if's
 * grouping by county reads a realistic account_county.  A generator of
 * its own, so that the sums are those of earlier runs. */
static guint32
add_counties (sqlite3      *db,
              sqlite3_stmt *insert,
              GRand        *rand,
              guint32       a)
{
  guint32 home = 110101 + (guint32) g_rand_int_range (rand, 0, 2000);
  guint32 top = 0;
  int most = 0;

  for (guint k = 0; k < (g_rand_int_range (rand, 0, 5) == 0 ? 2u : 1u); k++)
    {
      int count = g_rand_int_range (rand, 1, 30);

      sqlite3_bind_int64 (insert, 1, a);
      sqlite3_bind_int (insert, 2, home + k);
      sqlite3_bind_int (insert, 3, count);
      bench_check_sql (db, sqlite3_step (insert));
      sqlite3_reset (insert);
      /* The block keeps the county of most records, the lower on a tie. */
      if (count > most)
        {
          top = home + k;
          most = count;
        }
    }
  return top;
}

static void
generate (sqlite3               *db,
          const AssayValueBasis *basis,
          guint32                n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  g_autoptr(GRand) county_rand = g_rand_new_with_seed (2260);
  g_autofree AssayValueBlock *b = g_new (AssayValueBlock, 1);
  g_autofree guint8 *buffer = g_malloc (_assay_value_block_max_encoded (1));
  sqlite3_stmt *account, *wide, *block, *record, *counties;
  guint stride = ASSAY_VALUE_STRIDE (1);
  g_autofree char *basis_text = NULL;

  bench_exec (db, "CREATE TABLE value_rows (account_id INTEGER PRIMARY KEY, s0 REAL, s1 REAL, s2 REAL, s3 REAL, "
                  "s4 REAL, s5 REAL, r REAL)");
  bench_exec (db, "BEGIN");
  bench_check_sql (db, sqlite3_prepare_v2 (db, "INSERT INTO accounts (id, account, kind, n_events, n_redemptions, "
                                               "points, redeemed, first_day, last_day) "
                                               "VALUES (?1, printf ('%016x', ?1), 0, ?2, ?3, ?4, ?5, 0, 0)",
                                           -1, &account, NULL));
  bench_check_sql (db, sqlite3_prepare_v2 (db, "INSERT INTO value_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?)", -1, &wide, NULL));
  bench_check_sql (db, sqlite3_prepare_v2 (db, "INSERT INTO value_columns (block, data) VALUES (?, ?)", -1, &block, NULL));
  /* One event record per block, so that the refresh's range of records
   * past the mark is looked up in a table that has some (the sums come
   * from account_day, which stays empty: no block is rebuilt). */
  bench_check_sql (db, sqlite3_prepare_v2 (db, "INSERT INTO records (idx, kind, account_id, account_kind, points, "
                                               "event_day, publication_day, county) VALUES (?1, 0, ?2, 0, 1, 0, 0, 0)",
                                           -1, &record, NULL));
  bench_check_sql (db, sqlite3_prepare_v2 (db, "INSERT INTO account_county (account_id, county, n) VALUES (?1, ?2, ?3)",
                                           -1, &counties, NULL));
  for (guint32 a = 0; a < n; a++)
    {
      guint i;

      if (a % ASSAY_VALUE_BLOCK_SIZE == 0)
        _assay_value_block_clear (b, a / ASSAY_VALUE_BLOCK_SIZE, 1);
      i = b->n++;
      b->account_id[i] = a;
      random_sums (rand, b->sums + i * stride, b->counts[i]);
      sqlite3_bind_int64 (account, 1, a);
      for (guint c = 0; c < 4; c++)
        sqlite3_bind_int64 (account, 2 + c, b->counts[i][c]);
      bench_check_sql (db, sqlite3_step (account));
      sqlite3_reset (account);
      sqlite3_bind_int64 (wide, 1, a);
      for (guint k = 0; k < stride; k++)
        sqlite3_bind_double (wide, 2 + k, b->sums[i * stride + k]);
      bench_check_sql (db, sqlite3_step (wide));
      sqlite3_reset (wide);
      b->kind[i] = 0;
      b->county[i] = add_counties (db, counties, county_rand, a);
      if (b->n == ASSAY_VALUE_BLOCK_SIZE || a + 1 == n)
        {
          sqlite3_bind_int64 (block, 1, b->block);
          sqlite3_bind_blob (block, 2, buffer, _assay_value_block_encode (b, buffer), SQLITE_STATIC);
          bench_check_sql (db, sqlite3_step (block));
          sqlite3_reset (block);
          sqlite3_bind_int64 (record, 1, b->block);
          sqlite3_bind_int64 (record, 2, b->account_id[0]);
          bench_check_sql (db, sqlite3_step (record));
          sqlite3_reset (record);
        }
    }
  sqlite3_finalize (account);
  sqlite3_finalize (wide);
  sqlite3_finalize (block);
  sqlite3_finalize (record);
  sqlite3_finalize (counties);
  /* The basis the scorer will ask for (the rule set's r and pilot start,
   * the equal weights alone), written as the replica writes it. */
  basis_text = _assay_value_basis_text (basis);
  bench_check_sql (db, sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('value_basis', ?)",
                                           -1, &block, NULL));
  sqlite3_bind_text (block, 1, basis_text, -1, SQLITE_STATIC);
  bench_check_sql (db, sqlite3_step (block));
  sqlite3_finalize (block);
  bench_exec (db, "COMMIT");
}

/* (b): the value of every account, in one query, summed. */
static double
reference_total (sqlite3 *db,
                 double   factor)
{
  sqlite3_stmt *stmt;
  double total = 0;

  bench_check_sql (db, sqlite3_prepare_v2 (db, "SELECT (s0 + s1 + s2 + s3 + s4 + s5 - r) * ?1 FROM value_rows",
                                           -1, &stmt, NULL));
  sqlite3_bind_double (stmt, 1, factor);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    total += sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  return total;
}

typedef struct
{
  double total;
  guint64 n;
  guint64 level[6];
} Tally;

static gboolean
tally_cb (const AssayScore *scores,
          gsize             n,
          gpointer          user_data,
          GError          **error)
{
  Tally *t = user_data;

  for (gsize i = 0; i < n; i++)
    {
      t->total += scores[i].value;
      t->level[scores[i].level]++;
    }
  t->n += n;
  return TRUE;
}

/* What a sync of one event for each of `k` random accounts leaves in the
 * tables the refresh reads: records past the last, and the accounts'
 * counts (account_day stays empty, so their blocks' sums change). */
static void
add_events (sqlite3 *db,
            GRand   *rand,
            guint32  n,
            guint    k)
{
  sqlite3_stmt *record, *account;

  bench_exec (db, "BEGIN");
  bench_check_sql (db, sqlite3_prepare_v2 (db, "INSERT INTO records (idx, kind, account_id, account_kind, points, "
                                               "event_day, publication_day, county) "
                                               "VALUES ((SELECT max (idx) + 1 FROM records), 0, ?1, 0, 1, 0, 0, 0)",
                                           -1, &record, NULL));
  bench_check_sql (db, sqlite3_prepare_v2 (db, "UPDATE accounts SET n_events = n_events + 1 WHERE id = ?1",
                                           -1, &account, NULL));
  for (guint i = 0; i < k; i++)
    {
      guint32 a = g_rand_int_range (rand, 0, n);

      sqlite3_bind_int64 (record, 1, a);
      bench_check_sql (db, sqlite3_step (record));
      sqlite3_reset (record);
      sqlite3_bind_int64 (account, 1, a);
      bench_check_sql (db, sqlite3_step (account));
      sqlite3_reset (account);
    }
  sqlite3_finalize (record);
  sqlite3_finalize (account);
  bench_exec (db, "COMMIT");
}

/* Every account in one county group, and about the 2 000 counties drawn. */
static void
check_counties (const AssayWeightsWhatIf *w,
                guint32                   n)
{
  guint64 total = 0;

  for (guint i = 0; i < w->by_county->len; i++)
    total += g_array_index (w->by_county, AssayWhatIfGroup, i).n;
  if (total != n || (n >= 100000 && w->by_county->len < 1900))
    g_error ("MISMATCH: %" G_GUINT64_FORMAT " accounts in %u counties", total, w->by_county->len);
}

int
main (int    argc,
      char **argv)
{
  guint32 n = argc > 1 ? (guint32) strtoul (argv[1], NULL, 10) : 10000000;
  guint runs = argc > 2 ? (guint) strtoul (argv[2], NULL, 10) : 3;
  g_autofree char *dir = argc > 3 ? g_strdup (argv[3]) : g_dir_make_tmp ("bench-scores-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *rules_path = g_build_filename (ASSAY_SOURCE_DIR, "data", "rules", "pilot.json", NULL);
  g_autofree double *ta = g_new (double, runs), *tb = g_new (double, runs), *tc = g_new (double, runs);
  g_autofree double *ca = g_new (double, runs), *cb = g_new (double, runs), *cc = g_new (double, runs);
  g_autofree double *td = g_new (double, runs), *cd = g_new (double, runs);
  g_autofree double *te = g_new (double, runs), *ce = g_new (double, runs);
  g_autofree double *tf = g_new (double, runs), *cf = g_new (double, runs);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1313);
  guint64 rebuilt_e = 0;
  static const gint64 proposal[ASSAY_N_DIMENSIONS] = { 2500, 2000, 1500, 1500, 1000, 1500 };
  g_autoptr(AssayWeightsWhatIf) what_if = NULL;
  g_autoptr(AssayRuleSet) set = NULL;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayScorer) scorer = NULL;
  g_autoptr(AssayWeightsSchedule) schedule = NULL;
  g_autoptr(GError) error = NULL;
  AssayScoreOptions options;
  double expected = 0, factor, unused, t_first, c_first;
  guint64 rebuilt = 0;
  guint32 as_of;
  g_autofree char *as_of_text = NULL;
  Tally tally = { 0 };
  sqlite3 *db;
  BenchStamp start;

  if (n == 0 || runs == 0 || dir == NULL)
    {
      g_printerr ("usage: bench-scores [N accounts (10000000)] [runs (3)] [dir]\n");
      return 2;
    }
  set = assay_rule_set_new_from_file (rules_path, &error);
  if (set == NULL || !assay_score_options_from_rule_set (set, &options, &error))
    g_error ("rule set %s: %s", rules_path, error->message);
  as_of = assay_day_today ();
  as_of_text = assay_day_format (as_of);
  schedule = assay_weights_schedule_new (&options, NULL, 0, as_of, &error);
  g_assert_no_error (error);

  db = _assay_replica_db_open (path, ASSAY_REPLICA_OPEN_CREATE, &error);
  if (db == NULL)
    g_error ("%s", error->message);
  start = bench_stamp ();
  generate (db, &schedule->basis, n);
  g_print ("writing %u accounts: %.1f s\n", n, bench_seconds_since (start, &unused));
  sqlite3_close (db);

  replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  if (replica == NULL)
    g_error ("%s", error->message);
  db = _assay_replica_get_db (replica);
  bench_exec (db, "PRAGMA cache_size = -262144");   /* 256 MiB for both */
  factor = pow (1 - options.decay_rate, ((double) as_of - options.pilot_start) / 365.0);

  start = bench_stamp ();
  if (!assay_replica_values_refresh (replica, &schedule->basis, &rebuilt, &error))
    g_error ("%s", error->message);
  t_first = bench_seconds_since (start, &c_first);
  if (rebuilt != 0)
    g_error ("the first refresh rebuilt %" G_GUINT64_FORMAT " blocks of unchanged accounts", rebuilt);

  for (guint r = 0; r < runs; r++)
    {
      start = bench_stamp ();
      if (!assay_replica_values_refresh (replica, &schedule->basis, &rebuilt, &error))
        g_error ("%s", error->message);
      ta[r] = bench_seconds_since (start, &ca[r]);
      if (rebuilt != 0)
        g_error ("the refresh rebuilt %" G_GUINT64_FORMAT " blocks of unchanged accounts", rebuilt);

      start = bench_stamp ();
      expected = reference_total (db, factor);
      tb[r] = bench_seconds_since (start, &cb[r]);

      g_clear_pointer (&scorer, assay_scorer_free);
      tally = (Tally) { 0 };
      start = bench_stamp ();
      scorer = assay_scorer_new (replica, set, as_of, &error);
      if (scorer == NULL || !assay_scorer_foreach (scorer, tally_cb, &tally, &error))
        g_error ("%s", error->message);
      tc[r] = bench_seconds_since (start, &cc[r]);
      if (tally.n != n || fabs (tally.total - expected) > 1e-9 * fabs (expected))
        g_error ("MISMATCH: %" G_GUINT64_FORMAT " accounts, total %.17g; SQL %.17g", tally.n, tally.total, expected);

      g_clear_pointer (&what_if, assay_weights_what_if_free);
      start = bench_stamp ();
      what_if = assay_weights_what_if_run (scorer, proposal, &error);
      td[r] = bench_seconds_since (start, &cd[r]);
      if (what_if == NULL)
        g_error ("%s", error->message);
      /* Its values are at a millionth of a point: n × 5e-7 at most apart. */
      if (what_if->n != n || fabs (what_if->total_before - expected) > 1e-9 * fabs (expected) + n * 5e-7)
        g_error ("MISMATCH: the what-if's total before is %.17g; SQL %.17g", what_if->total_before, expected);
      check_counties (what_if, n);

      /* What the JSON adds: a name for every crossing. */
      start = bench_stamp ();
      if (!assay_weights_what_if_name_crossings (what_if, replica, 0, what_if->crossings->len, &error))
        g_error ("%s", error->message);
      tf[r] = bench_seconds_since (start, &cf[r]);
    }
  for (guint r = 0; r < runs; r++)
    {
      guint64 blocks = 0;

      add_events (db, rand, n, 10000);
      start = bench_stamp ();
      if (!assay_replica_values_refresh (replica, &schedule->basis, &blocks, &error))
        g_error ("%s", error->message);
      te[r] = bench_seconds_since (start, &ce[r]);
      if (blocks == 0 || blocks > 10000)
        g_error ("the refresh after 10000 accounts' events rebuilt %" G_GUINT64_FORMAT " blocks", blocks);
      rebuilt_e += blocks;
    }
  g_print ("%u accounts, total value %.6f at %s (both ways); L1-L5: %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
           " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT "\n",
           n, expected, as_of_text, tally.level[1], tally.level[2], tally.level[3], tally.level[4],
           tally.level[5]);
  bench_print_runs ("(a0) first refresh without a mark (once)", 50, &t_first, &c_first, 1);
  bench_print_runs ("(a) refresh, nothing changed", 50, ta, ca, runs);
  bench_print_runs ("(b) reference: one SQL query over wide rows", 50, tb, cb, runs);
  bench_print_runs ("(c) assay_scorer_new + assay_scorer_foreach", 50, tc, cc, runs);
  bench_print_runs ("(d) assay_weights_what_if_run", 50, td, cd, runs);
  bench_print_runs ("(f) naming every crossing (--json)", 50, tf, cf, runs);
  bench_print_runs ("(e) refresh after 10000 accounts' events", 50, te, ce, runs);
  g_print ("(e) blocks rebuilt: %" G_GUINT64_FORMAT " in %u refreshes\n", rebuilt_e, runs);
  g_print ("ratio (b)/(c): %.2f wall, %.2f CPU\n", bench_median (tb, runs) / bench_median (tc, runs),
           bench_median (cb, runs) / bench_median (cc, runs));
  g_print ("ratio 2(b)/(d): %.2f wall, %.2f CPU\n", 2 * bench_median (tb, runs) / bench_median (td, runs),
           2 * bench_median (cb, runs) / bench_median (cd, runs));
  g_print ("what-if: tau-b %.6f, rho %.6f, top 100 kept %" G_GSIZE_FORMAT ", top 1 %% kept %" G_GSIZE_FORMAT
           " of %" G_GSIZE_FORMAT ", level crossings %" G_GUINT64_FORMAT " up %" G_GUINT64_FORMAT " down\n",
           what_if->kendall_tau_b, what_if->spearman_rho, what_if->top100_kept, what_if->top1pct_kept,
           what_if->top1pct_k, what_if->level_up, what_if->level_down);
  if (argc <= 3)
    {
      g_unlink (path);
      g_rmdir (dir);
    }
  return 0;
}
