/* assay-replica-schema.c — the replica's SQLite schema and its migrations
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

/* Each migration takes the schema from version i to i + 1, in one
 * transaction with the user_version bump.  Never edit a released one:
 * append a new one.
 *
 * Tables (version 1):
 *   meta         key/value state: origin, log_key, server_url, size, root,
 *                range (the compact range of the verified tree), counters,
 *                last_sync_at
 *   checkpoints  every verified checkpoint, verbatim, forever
 *   tiles        hash tiles (level, idx) as the log publishes them, computed
 *                here from the verified leaves; level 0 holds leaf hashes
 *   entries      one row per leaf: state, kind, commitment, salt, body
 *   records      parsed events (kind 0) and redemptions (kind 1); the
 *                views `events` and `redemptions` split them
 *   tombstones   verified erasures
 *   accounts     the accounts, numbered in order of first appearance in
 *                the log (the other tables refer to them by that id), with
 *                their totals
 *   account_quarter, account_day, county_day   the aggregates
 *   order_counts how many records share each event day (order 0) or each
 *                points value (order 1) within each block of 65 536 indices:
 *                the entry list turns a position in those orders into a
 *                key, a block and a short offset with them
 *   alerts       security alerts and their evidence, kept after clearing
 *
 * Version 2 adds
 *   cohort       the auditor's cohort file (issue 12): attributes that never
 *                enter the ledger, keyed by account text (an account need
 *                not be in the ledger); `extra` holds the values of the
 *                extra columns, joined by U+001F, whose names are in meta
 *                `cohort_columns`.  Never uploaded; a row goes when a
 *                tombstone erases its account.
 *
 * Version 3 adds
 *   quarter_columns  account_quarter's sums in compact column form (see
 *                assay-replica-quarter-columns.h): key = quarter << 32 |
 *                block of account numbers, size = the checkpoint size of
 *                the sync that last rewrote the row, data = the BLOB.  The
 *                migration fills it from account_quarter with the C
 *                function assay_quarter_columns_build (), registered on
 *                the connection before migrating.
 *
 * The partial index entries_withheld is not made here but by each sync
 * (see _assay_replica_writer_begin). */
static const char *const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
  "CREATE TABLE checkpoints ("
  "  id INTEGER PRIMARY KEY,"
  "  size INTEGER NOT NULL,"
  "  root BLOB NOT NULL,"
  "  note TEXT NOT NULL UNIQUE,"
  "  verified_at INTEGER NOT NULL);"
  "CREATE INDEX checkpoints_size ON checkpoints (size);"
  "CREATE TABLE tiles ("
  "  level INTEGER NOT NULL,"
  "  idx INTEGER NOT NULL,"
  "  hashes BLOB NOT NULL,"
  "  PRIMARY KEY (level, idx));"
  "CREATE TABLE entries ("
  "  idx INTEGER PRIMARY KEY,"
  "  state INTEGER NOT NULL,"
  "  kind INTEGER,"
  "  commitment BLOB NOT NULL,"
  "  salt BLOB,"
  "  body BLOB);"
  "CREATE TABLE records ("
  "  idx INTEGER PRIMARY KEY,"
  "  kind INTEGER NOT NULL,"
  "  account_id INTEGER NOT NULL,"
  "  account_kind INTEGER NOT NULL,"
  "  dimension INTEGER,"
  "  tier INTEGER,"
  "  points INTEGER NOT NULL,"
  "  event_day INTEGER NOT NULL,"
  "  publication_day INTEGER NOT NULL,"
  "  county INTEGER NOT NULL,"
  "  issuer TEXT,"
  "  rule_id TEXT,"
  "  confirmer TEXT);"
  "CREATE INDEX records_account ON records (account_id, idx);"
  "CREATE INDEX records_event_day ON records (event_day, idx);"
  "CREATE INDEX records_points ON records (points DESC, idx);"
  "CREATE VIEW events AS SELECT idx, account_id, dimension, points, event_day,"
  "  publication_day, county, issuer, rule_id, confirmer FROM records WHERE kind = 0;"
  "CREATE VIEW redemptions AS SELECT idx, account_id, tier, points, event_day,"
  "  publication_day, county FROM records WHERE kind = 1;"
  "CREATE TABLE tombstones ("
  "  idx INTEGER PRIMARY KEY,"
  "  issued_day INTEGER NOT NULL,"
  "  n_erased INTEGER NOT NULL);"
  "CREATE TABLE accounts ("
  "  id INTEGER PRIMARY KEY,"
  "  account TEXT NOT NULL UNIQUE,"
  "  kind INTEGER NOT NULL,"
  "  n_events INTEGER NOT NULL,"
  "  n_redemptions INTEGER NOT NULL,"
  "  points INTEGER NOT NULL,"
  "  redeemed INTEGER NOT NULL,"
  "  first_day INTEGER NOT NULL,"
  "  last_day INTEGER NOT NULL);"
  "CREATE TABLE account_quarter ("
  "  account_id INTEGER NOT NULL,"
  "  quarter INTEGER NOT NULL,"
  "  dimension INTEGER NOT NULL,"
  "  points INTEGER NOT NULL,"
  "  count INTEGER NOT NULL,"
  "  PRIMARY KEY (account_id, quarter, dimension)) WITHOUT ROWID;"
  "CREATE TABLE account_day ("
  "  account_id INTEGER NOT NULL,"
  "  day INTEGER NOT NULL,"
  "  dimension INTEGER NOT NULL,"
  "  points INTEGER NOT NULL,"
  "  count INTEGER NOT NULL,"
  "  PRIMARY KEY (account_id, day, dimension)) WITHOUT ROWID;"
  "CREATE TABLE county_day ("
  "  county INTEGER NOT NULL,"
  "  day INTEGER NOT NULL,"
  "  events INTEGER NOT NULL,"
  "  event_points INTEGER NOT NULL,"
  "  redemptions INTEGER NOT NULL,"
  "  redemption_points INTEGER NOT NULL,"
  "  PRIMARY KEY (county, day)) WITHOUT ROWID;"
  "CREATE TABLE order_counts ("
  "  sort INTEGER NOT NULL,"
  "  key INTEGER NOT NULL,"
  "  block INTEGER NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  PRIMARY KEY (sort, key, block)) WITHOUT ROWID;"
  "CREATE TABLE alerts ("
  "  id INTEGER PRIMARY KEY,"
  "  kind INTEGER NOT NULL,"
  "  message TEXT NOT NULL,"
  "  evidence TEXT NOT NULL,"
  "  detected_at INTEGER NOT NULL,"
  "  cleared_at INTEGER);",
  /* 1 → 2 */
  "CREATE TABLE cohort ("
  "  account TEXT PRIMARY KEY,"
  "  gender TEXT NOT NULL,"
  "  age_band TEXT NOT NULL,"
  "  county TEXT NOT NULL,"
  "  ses REAL NOT NULL,"
  "  extra TEXT NOT NULL) WITHOUT ROWID;",
  /* 2 → 3 */
  "CREATE TABLE quarter_columns ("
  "  key INTEGER PRIMARY KEY,"
  "  size INTEGER NOT NULL,"
  "  data BLOB NOT NULL);"
  "SELECT assay_quarter_columns_build ();",
};

int
_assay_replica_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

int
_assay_replica_schema_version_adding (const char *table)
{
  g_autofree char *create = g_strdup_printf ("CREATE TABLE %s (", table);

  for (guint v = 0; v < G_N_ELEMENTS (migrations); v++)
    if (strstr (migrations[v], create) != NULL)
      return v + 1;
  return -1;
}

static int
read_pragma_int (sqlite3 *db,
                 const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
has_tables (sqlite3 *db)
{
  return read_pragma_int (db, "SELECT count(*) FROM sqlite_schema") > 0;
}

static gboolean
migrate (sqlite3 *db,
         int from,
         GError **error)
{
  /* The C functions a migration may call. */
  _assay_db_quarter_columns_register (db);
  for (int v = from; v < _assay_replica_schema_version (); v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d;"
                                               "PRAGMA application_id = %d;",
                                               v + 1, ASSAY_REPLICA_APPLICATION_ID);

      if (!_assay_db_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!_assay_db_exec (db, migrations[v], error) || !_assay_db_exec (db, bump, error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      if (!_assay_db_exec (db, "COMMIT", error))
        return FALSE;
    }
  return TRUE;
}

/* Checks that `db` is ours (or empty), then brings its schema up to date.
 * A read-only connection only checks. */
gboolean
_assay_replica_schema_apply (sqlite3 *db,
                             GError **error)
{
  int app_id = read_pragma_int (db, "PRAGMA application_id");
  int version = read_pragma_int (db, "PRAGMA user_version");
  gboolean read_only = sqlite3_db_readonly (db, "main") == 1;

  if (app_id < 0 || version < 0)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The replica file “%s” is damaged or is not a database (%s). "
                     "Move it aside and sync into a new file."),
                   sqlite3_db_filename (db, "main"), sqlite3_errmsg (db));
      return FALSE;
    }
  if (app_id != ASSAY_REPLICA_APPLICATION_ID && (app_id != 0 || has_tables (db)))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("“%s” is a database, but not an Assay replica. "
                     "Choose another file name for the replica."),
                   sqlite3_db_filename (db, "main"));
      return FALSE;
    }
  if (version > _assay_replica_schema_version ())
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The replica “%s” was written by a newer version of Assay "
                     "(schema %d, this one knows %d). Update Assay to use it."),
                   sqlite3_db_filename (db, "main"), version,
                   _assay_replica_schema_version ());
      return FALSE;
    }
  if (version == _assay_replica_schema_version ())
    return TRUE;
  /* A 0-byte file (or an SQLite file without tables) holds no replica at
   * all; "needs an upgrade" would send the reader the wrong way. */
  if (read_only && version == 0 && app_id == 0)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The replica file “%s” is empty: it holds no ledger yet. "
                     "Sync into it to fill it, or check the path."),
                   sqlite3_db_filename (db, "main"));
      return FALSE;
    }
  if (read_only)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO,
                   _("The replica “%s” needs an upgrade, which cannot be done read-only. "
                     "Open it once with write access."),
                   sqlite3_db_filename (db, "main"));
      return FALSE;
    }
  return migrate (db, version, error);
}
