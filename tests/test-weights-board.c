/* test-weights-board.c — the weights page's model: statuses, the notice countdown, quarters, calibration
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
#include <sqlite3.h>
#include <string.h>

#include "assay-day.h"
#include "assay-replica-features.h"
#include "assay-test-central.h"
#include "assay-test-lines.h"
#include "assay-test-util.h"
#include "assay-weights-board.h"

static guint32
day (const char *text)
{
  guint32 d = 0;

  g_assert_true (assay_day_parse (text, -1, &d));
  return d;
}

static AssayScoreOptions
options (void)
{
  AssayScoreOptions o = { 0 };

  o.pilot_start = day ("2026-01-01");
  o.equal_weight_end = day ("2026-07-01");
  o.notice_days = 7;
  o.decay_rate = 0.05;
  return o;
}

static AssayLoggedWeights
logged (guint64     index,
        const char *logged_day,
        const char *effective)
{
  AssayLoggedWeights w = { index, day (logged_day), day (effective),
                           { 2500, 2000, 1500, 1500, 1000, 1500 } };

  return w;
}

/* The countdown says the schedule's days, never others: the notice's
 * last day is the one before notice_end, the days left count to it. */
static void
test_notice (void)
{
  AssayScoreOptions o = options ();
  AssayLoggedWeights versions[] = {
    logged (10, "2026-03-01", "2026-04-01"),   /* inside the equal weights: void */
    logged (20, "2026-08-20", "2026-10-01"),   /* in force on 2026-12-30 */
    logged (30, "2026-12-28", "2027-01-01"),   /* notice ends 2027-01-04: takes 2027-04-01 */
  };
  g_autoptr(AssayWeightsSchedule) s = NULL;
  g_autoptr(GError) error = NULL;
  const AssayWeightsVersion *v;
  g_autofree char *text = NULL;

  s = assay_weights_schedule_new (&o, versions, G_N_ELEMENTS (versions), day ("2026-12-30"), &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_array_index (s->versions, AssayWeightsVersion, 1).status, ==, ASSAY_WEIGHTS_VOID);
  g_assert_cmpint (g_array_index (s->versions, AssayWeightsVersion, 2).status, ==, ASSAY_WEIGHTS_IN_FORCE);
  v = &g_array_index (s->versions, AssayWeightsVersion, 3);
  g_assert_cmpint (v->status, ==, ASSAY_WEIGHTS_IN_NOTICE);
  text = assay_weights_notice_text (v, day ("2026-12-30"));
  g_assert_cmpstr (text, ==, "Public notice until 2027-01-03 (5 days left); takes effect 2027-04-01");
  g_clear_pointer (&text, g_free);
  text = assay_weights_notice_text (v, day ("2027-01-03"));
  g_assert_cmpstr (text, ==, "Public notice until 2027-01-03 (1 day left); takes effect 2027-04-01");
  g_clear_pointer (&text, g_free);
  g_assert_null (assay_weights_notice_text (&g_array_index (s->versions, AssayWeightsVersion, 2), day ("2026-12-30")));
  g_clear_pointer (&s, assay_weights_schedule_free);

  /* The notice over, its quarter not begun. */
  s = assay_weights_schedule_new (&o, versions, G_N_ELEMENTS (versions), day ("2027-02-01"), &error);
  g_assert_no_error (error);
  v = &g_array_index (s->versions, AssayWeightsVersion, 3);
  g_assert_cmpint (v->status, ==, ASSAY_WEIGHTS_SCHEDULED);
  text = assay_weights_notice_text (v, day ("2027-02-01"));
  g_assert_cmpstr (text, ==, "Public notice ended 2027-01-03; takes effect 2027-04-01 (in 59 days)");
  g_assert_cmpstr (assay_weights_status_label (ASSAY_WEIGHTS_REPLACED), ==,
                   "Replaced by a later version for the same quarter");
}

static void
check_quarters (const AssayWeightsBoard *board,
                const char              *first,
                const char              *second)
{
  g_autoptr(GArray) quarters = assay_weights_board_quarters (board, 2);

  g_assert_cmpuint (quarters->len, ==, 2);
  g_assert_cmpuint (g_array_index (quarters, guint32, 0), ==, day (first));
  g_assert_cmpuint (g_array_index (quarters, guint32, 1), ==, day (second));
}

/* A proposal may name the quarters after its notice, and none inside the
 * equal-weight period. */
static void
test_quarters (void)
{
  AssayWeightsBoard board = { options (), 0, NULL, NULL };

  board.today = day ("2026-02-10");
  g_assert_true (assay_weights_board_in_equal_period (&board));
  check_quarters (&board, "2026-07-01", "2026-10-01");
  board.today = day ("2026-09-24");      /* notice ends 2026-10-01: that quarter */
  g_assert_false (assay_weights_board_in_equal_period (&board));
  check_quarters (&board, "2026-10-01", "2027-01-01");
  board.today = day ("2026-09-25");      /* one day later: the next */
  check_quarters (&board, "2027-01-01", "2027-04-01");
}

/* ---- calibration against SQL on the replica file ---------------------------------- */

static gint64
sql_int (sqlite3    *db,
         const char *sql,
         gint64      a,
         gint64      b)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* The median of the dimension's positive account sums, by SQL's order. */
static double
sql_median (sqlite3 *db,
            guint32  quarter,
            int      d)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT points FROM account_quarter WHERE quarter = ?1 AND "
                                       "dimension = ?2 AND points > 0 ORDER BY points", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, quarter);
  sqlite3_bind_int64 (stmt, 2, d);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      double v = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (values, v);
    }
  sqlite3_finalize (stmt);
  if ((n = values->len) == 0)
    return NAN;
  return n % 2 ? g_array_index (values, double, n / 2)
               : (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2;
}

static gint64
sql_flags (sqlite3    *db,
           guint32     quarter,
           int         d)
{
  g_autofree char *sql = NULL;
  guint32 first, last;

  assay_quarter_get_days (quarter, &first, &last);
  sql = g_strdup_printf ("SELECT count(*) FROM flags WHERE article = 'X' AND period_from >= ?1 AND "
                         "period_to <= ?2 AND json_extract (json, '$.features.\"quarter.max_dimension\"') = '%s'",
                         assay_dimension_to_id (d));
  return sql_int (db, sql, first, last);
}

static void
check_quarter (AssayReplica *replica,
               sqlite3      *db,
               guint32       quarter,
               guint        *out_flags)
{
  AssayWeightsCalibration c;
  g_autoptr(GError) error = NULL;
  gint64 total = 0;

  g_assert_true (assay_weights_calibration_compute (replica, quarter, &c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.quarter, ==, quarter);
  g_assert_cmpint (c.n_accounts, ==, sql_int (db, "SELECT count(DISTINCT account_id) FROM account_quarter "
                                                  "WHERE quarter = ?1", quarter, 0));
  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    total += c.dimensions[d].points;
  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    {
      const AssayDimensionCalibration *x = &c.dimensions[d];
      const char *sum = "SELECT coalesce (sum (points), 0) FROM account_quarter WHERE quarter = ?1 AND dimension = ?2";
      gint64 before = sql_int (db, sum, assay_quarter_previous (quarter), d);
      double median = sql_median (db, quarter, d);

      g_assert_cmpint (x->points, ==, sql_int (db, sum, quarter, d));
      g_assert_cmpint (x->previous_points, ==, before);
      g_assert_cmpfloat_with_epsilon (x->share, (double) x->points / total, 1e-12);
      if (before > 0)
        g_assert_cmpfloat_with_epsilon (x->growth, (double) x->points / before - 1, 1e-12);
      else
        g_assert_true (isnan (x->growth));
      g_assert_cmpint (x->n_active, ==, sql_int (db, "SELECT count(*) FROM account_quarter WHERE quarter = ?1 "
                                                     "AND dimension = ?2 AND points > 0", quarter, d));
      if (isnan (median))
        g_assert_true (isnan (x->median_points));
      else
        g_assert_cmpfloat (x->median_points, ==, median);
      g_assert_cmpint (x->n_flags, ==, sql_flags (db, quarter, d));
      *out_flags += x->n_flags;
    }
}

static void
test_calibration (void)
{
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *lines = assay_test_cases_lines (FALSE);
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("calibration.test/log");
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  guint32 quarter, last;
  guint n_flags = 0;

  assay_test_central_import (central, lines);
  assay_test_central_start (central);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", path, "sync", "--server", central->url,
                                        "--log-key", central->key, NULL), ==, 0);
  replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);

  /* The last complete quarter: before the one of the day after the last
   * entry, or of today if that is earlier. */
  last = assay_replica_last_entry_day (replica, &error);
  g_assert_no_error (error);
  quarter = assay_weights_calibration_quarter (replica, assay_day_today (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quarter, ==, assay_quarter_previous (assay_day_quarter (last + 1)));
  g_assert_cmpuint (assay_weights_calibration_quarter (replica, day ("2025-02-10"), &error), ==, 20244);

  /* Q1 and Q2 2025 hold the cases' concentration flags and down-weight. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  check_quarter (replica, db, 20251, &n_flags);
  check_quarter (replica, db, 20252, &n_flags);
  check_quarter (replica, db, quarter, &n_flags);
  g_assert_cmpuint (n_flags, >=, 3);
  sqlite3_close (db);
  assay_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/assay/weights-board/notice", test_notice);
  g_test_add_func ("/assay/weights-board/quarters", test_quarters);
  g_test_add_func ("/assay/weights-board/calibration", test_calibration);
  return g_test_run ();
}
