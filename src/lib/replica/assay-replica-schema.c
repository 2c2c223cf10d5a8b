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
 * Version 3 adds the committee's local state (issue 10), kept across syncs
 * and never uploaded; rows about an account go when a tombstone erases it:
 *   flag_run     the one run the stored flags come from (rule set and
 *                checkpoint)
 *   flags        every flag stored, by id: the columns the queue filters
 *                on and the flag's JSON; `current` marks those the latest
 *                run raised (the others stay for their case's history)
 *   flag_members a ring flag's member accounts
 *   cases        one per subject: state (nick), opened, updated, assignee
 *   case_flags   the flags that joined each case, in order
 *   case_events  a case's history: kind, detail, author, time
 *
 * Version 4 adds the community-service aggregate (the lockstep ring
 * detector's input; see assay-replica-series.c), backfilled from the
 * stored bodies:
 *   activities        the activity ids of the stored community events,
 *                     numbered in order of first appearance; an id goes
 *                     when its last event is erased
 *   community_events  one row per stored event whose rule id is
 *                     `community`: its account, activity and event day
 *
 * Version 5 adds
 *   quarter_columns  account_quarter's sums in compact column form (see
 *                assay-replica-quarter-columns.h): key = quarter << 32 |
 *                block of account numbers, size = the checkpoint size of
 *                the sync that last rewrote the row, data = the BLOB.  The
 *                migration fills it from account_quarter with the C
 *                function assay_quarter_columns_build (), registered on
 *                the connection before migrating.
 *
 * Version 6 adds the committee's decisions (issue 11):
 *   outbox          signed envelopes waiting for the central service (see
 *                   assay-replica-outbox.h); local, never synced
 *   rosters         the verified roster chain, by version: the envelope
 *                   as logged, its leaf index and day, its payload's hash
 *   decisions       every verified decision entry, by leaf index: its
 *                   payload and the members the workstations filter on
 *   account_states  an account's state (paused, frozen, zeroed) when a
 *                   decision or pause set one; no row: active
 *   down_weights    Article X down-weights in force, by account and
 *                   dimension, with the decision that set them
 *   (meta `decisions_size`: how much of the log the decisions layer has
 *   verified and applied)
 *
 * Version 7 adds
 *   audit_findings  the 6.2 auditor's findings (issue 12), one per sampled
 *                entry, keyed by the sample (year, province, checkpoint
 *                size, rate) and the leaf index, with the sample's
 *                population and size when recorded; stored locally, not
 *                signed, never uploaded; a row goes when a tombstone
 *                erases its entry.
 *
 * Version 8 adds
 *   pauses           every pause entry the rules layer has checked, by leaf
 *                    index: the flag it names and whether that flag was
 *                    found (confirmed) at its checkpoint
 *   paused_accounts  the accounts each confirmed pause holds (its account,
 *                    its ring's members, its county's accounts)
 *   (meta `pauses_size`: how much of the log the pause check has covered)
 *
 * Version 9 adds
 *   weights_versions  every logged weights decision (issue 13), by leaf
 *                     index: its hash, logged day, the effective day it
 *                     proposes, the six weights in basis points (one
 *                     column per dimension id), rationale and signers (a
 *                     JSON array of holder names).  Written with the
 *                     decision, in its transaction; not account data, so
 *                     no erasure touches it.
 *
 * Version 10 adds
 *   value_columns    per block of 64 account numbers, each account's decayed
 *                    sums per weights period and dimension and of its
 *                    redemptions (assay-replica-values.h), kept by the
 *                    scores layer's refresh under the basis in meta
 *                    `value_basis`
 *
 * Version 11 adds
 *   filings          every verified filing (README "Filings"), by leaf index:
 *                    its kind, account, county, filed day and the members
 *                    the rules read (target leaf, silence period, points,
 *                    comparable value, the failure criteria met, year,
 *                    benefit); its texts stay in the body.  A row goes
 *                    when a tombstone erases its entry.
 *   filing_entries   a dispute's disputed leaf indices
 *
 * Version 13 adds
 *   overturned       every committee decision a ruling overturned on appeal
 *                    (the appeal's `against`), with the ruling's index: its
 *                    effect on the account is reversed
 *
 * Version 12 adds
 *   filing_decisions every verified decision on a filing (approve, deny,
 *                    ruling), by the decision's leaf index: the filing's
 *                    index, kind, outcome, the award or points (NULL when
 *                    it names none), signers (a JSON array of holders)
 *                    and logged day.  Written with the decision, in its
 *                    transaction; a decision, not account data, so an
 *                    erasure leaves it.
 *
 * Version 14 adds
 *   account_county   how many records (events and redemptions) each account
 *                    has in each county: an account's county (the county of
 *                    most of its records, README "What If") without a scan
 *                    of the records.  Kept by the writer like the other
 *                    aggregates; the migration fills it from records.
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
  "CREATE TABLE flag_run ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  rule_set_sha256 TEXT NOT NULL,"
  "  rule_set_name TEXT NOT NULL,"
  "  rule_set_version INTEGER NOT NULL,"
  "  checkpoint_size INTEGER NOT NULL,"
  "  checkpoint_root BLOB NOT NULL,"
  "  computed_at INTEGER NOT NULL);"
  "CREATE TABLE flags ("
  "  id TEXT PRIMARY KEY,"
  "  rule TEXT NOT NULL,"
  "  article TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  severity TEXT NOT NULL,"
  "  severity_rank INTEGER NOT NULL,"
  "  subject_kind TEXT NOT NULL,"
  "  subject_id TEXT NOT NULL,"
  "  period_from INTEGER NOT NULL,"
  "  period_to INTEGER NOT NULL,"
  "  county TEXT,"
  "  json TEXT NOT NULL,"
  "  current INTEGER NOT NULL) WITHOUT ROWID;"
  "CREATE INDEX flags_subject ON flags (subject_kind, subject_id);"
  "CREATE TABLE flag_members ("
  "  flag_id TEXT NOT NULL,"
  "  account TEXT NOT NULL,"
  "  PRIMARY KEY (flag_id, account)) WITHOUT ROWID;"
  "CREATE INDEX flag_members_account ON flag_members (account);"
  "CREATE TABLE cases ("
  "  id INTEGER PRIMARY KEY,"
  "  subject_kind TEXT NOT NULL,"
  "  subject_id TEXT NOT NULL,"
  "  state TEXT NOT NULL,"
  "  opened INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL,"
  "  assignee TEXT);"
  "CREATE INDEX cases_subject ON cases (subject_kind, subject_id);"
  "CREATE TABLE case_flags ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL,"
  "  flag_id TEXT NOT NULL,"
  "  UNIQUE (case_id, flag_id));"
  "CREATE INDEX case_flags_flag ON case_flags (flag_id);"
  "CREATE TABLE case_events ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  author TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  detail TEXT);"
  "CREATE INDEX case_events_case ON case_events (case_id, id);",
  /* 3 → 4.  Bodies are stored as their exact bytes (a BLOB, which the
   * JSON functions of SQLite 3.40 refuse), hence the CAST; activity ids
   * have no escapes (A-Z a-z 0-9 : _ . -), so the text is the body's. */
  "CREATE TABLE activities ("
  "  id INTEGER PRIMARY KEY,"
  "  activity TEXT NOT NULL UNIQUE);"
  "CREATE TABLE community_events ("
  "  idx INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL,"
  "  activity_id INTEGER NOT NULL,"
  "  event_day INTEGER NOT NULL);"
  "CREATE INDEX community_events_account ON community_events (account_id, event_day);"
  "CREATE INDEX community_events_activity ON community_events (activity_id);"
  "CREATE TEMP TABLE community_backfill AS"
  "  SELECT r.idx, r.account_id, r.event_day,"
  "         json_extract (CAST (e.body AS TEXT), '$.activity') AS activity"
  "  FROM records r JOIN entries e ON e.idx = r.idx"
  "  WHERE r.kind = 0 AND r.rule_id = 'community';"
  "INSERT INTO activities (activity)"
  "  SELECT activity FROM community_backfill GROUP BY activity ORDER BY min (idx);"
  "INSERT INTO community_events (idx, account_id, activity_id, event_day)"
  "  SELECT b.idx, b.account_id, a.id, b.event_day"
  "  FROM community_backfill b JOIN activities a ON a.activity = b.activity ORDER BY b.idx;"
  "DROP TABLE community_backfill;",
  /* 4 → 5 */
  "CREATE TABLE quarter_columns ("
  "  key INTEGER PRIMARY KEY,"
  "  size INTEGER NOT NULL,"
  "  data BLOB NOT NULL);"
  "SELECT assay_quarter_columns_build ();",
  /* 5 → 6 */
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY,"
  "  hash TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL,"
  "  subject TEXT NOT NULL,"
  "  case_id INTEGER NOT NULL,"
  "  envelope TEXT NOT NULL,"
  "  state INTEGER NOT NULL,"
  "  attempts INTEGER NOT NULL,"
  "  next_attempt INTEGER NOT NULL,"
  "  answer TEXT,"
  "  receipt TEXT,"
  "  log_index INTEGER,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE TABLE rosters ("
  "  version INTEGER PRIMARY KEY,"
  "  idx INTEGER NOT NULL UNIQUE,"
  "  sha256 TEXT NOT NULL,"
  "  expires INTEGER NOT NULL,"
  "  logged_day INTEGER NOT NULL,"
  "  envelope TEXT NOT NULL);"
  "CREATE TABLE decisions ("
  "  idx INTEGER PRIMARY KEY,"
  "  hash TEXT NOT NULL UNIQUE,"
  "  decision_id TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL,"
  "  outcome TEXT NOT NULL,"
  "  role TEXT NOT NULL,"
  "  subject_kind TEXT NOT NULL,"
  "  subject_id TEXT NOT NULL,"
  "  subject_seq INTEGER NOT NULL,"
  "  signers TEXT NOT NULL,"
  "  rationale TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  logged_day INTEGER NOT NULL,"
  "  payload BLOB NOT NULL,"
  "  UNIQUE (subject_kind, subject_id, subject_seq));"
  "CREATE TABLE account_states ("
  "  account TEXT PRIMARY KEY,"
  "  state INTEGER NOT NULL,"
  "  idx INTEGER NOT NULL,"
  "  day INTEGER NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE down_weights ("
  "  account TEXT NOT NULL,"
  "  dimension INTEGER NOT NULL,"
  "  from_day INTEGER NOT NULL,"
  "  to_day INTEGER NOT NULL,"
  "  idx INTEGER NOT NULL,"
  "  PRIMARY KEY (account, dimension, from_day)) WITHOUT ROWID;",
  /* 6 → 7 */
  "CREATE TABLE audit_findings ("
  "  year INTEGER NOT NULL,"
  "  province TEXT NOT NULL,"
  "  checkpoint_size INTEGER NOT NULL,"
  "  rate TEXT NOT NULL,"
  "  leaf_index INTEGER NOT NULL,"
  "  finding TEXT NOT NULL,"
  "  note TEXT NOT NULL,"
  "  recorded_at INTEGER NOT NULL,"
  "  population INTEGER NOT NULL,"
  "  sample_size INTEGER NOT NULL,"
  "  PRIMARY KEY (year, province, checkpoint_size, rate, leaf_index)) WITHOUT ROWID;"
  "CREATE INDEX audit_findings_leaf ON audit_findings (leaf_index);",
  /* 7 → 8 */
  "CREATE TABLE pauses ("
  "  idx INTEGER PRIMARY KEY,"
  "  flag TEXT NOT NULL,"
  "  rule TEXT NOT NULL,"
  "  subject_kind TEXT NOT NULL,"
  "  subject TEXT NOT NULL,"
  "  confirmed INTEGER NOT NULL);"
  "CREATE TABLE paused_accounts ("
  "  account TEXT NOT NULL,"
  "  idx INTEGER NOT NULL,"
  "  PRIMARY KEY (account, idx)) WITHOUT ROWID;",
  /* 8 → 9 */
  "CREATE TABLE weights_versions ("
  "  idx INTEGER PRIMARY KEY,"
  "  hash TEXT NOT NULL UNIQUE,"
  "  logged_day INTEGER NOT NULL,"
  "  effective_day INTEGER NOT NULL,"
  "  professional INTEGER NOT NULL,"
  "  knowledge INTEGER NOT NULL,"
  "  community INTEGER NOT NULL,"
  "  ecological INTEGER NOT NULL,"
  "  data INTEGER NOT NULL,"
  "  market_order INTEGER NOT NULL,"
  "  rationale TEXT NOT NULL,"
  "  signers TEXT NOT NULL);",
  /* 9 → 10 */
  "CREATE TABLE value_columns ("
  "  block INTEGER PRIMARY KEY,"
  "  data BLOB NOT NULL);",
  /* 10 → 11 */
  "CREATE TABLE filings ("
  "  idx INTEGER PRIMARY KEY,"
  "  kind INTEGER NOT NULL,"
  "  account TEXT NOT NULL,"
  "  county INTEGER NOT NULL,"
  "  filed_day INTEGER NOT NULL,"
  "  target INTEGER,"
  "  from_day INTEGER,"
  "  to_day INTEGER,"
  "  points INTEGER,"
  "  comparable INTEGER,"
  "  criteria INTEGER,"
  "  year INTEGER,"
  "  benefit INTEGER);"
  "CREATE INDEX filings_account ON filings (account, idx);"
  "CREATE TABLE filing_entries ("
  "  idx INTEGER NOT NULL,"
  "  entry INTEGER NOT NULL,"
  "  PRIMARY KEY (idx, entry)) WITHOUT ROWID;",
  /* 11 → 12 */
  "CREATE TABLE filing_decisions ("
  "  idx INTEGER PRIMARY KEY,"
  "  filing INTEGER NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  outcome TEXT NOT NULL,"
  "  amount INTEGER,"
  "  signers TEXT NOT NULL,"
  "  logged_day INTEGER NOT NULL);"
  "CREATE INDEX filing_decisions_filing ON filing_decisions (filing, idx);",
  /* 12 → 13 */
  "CREATE TABLE overturned ("
  "  decision INTEGER PRIMARY KEY,"
  "  ruling INTEGER NOT NULL);",
  /* 13 → 14 */
  "CREATE TABLE account_county ("
  "  account_id INTEGER NOT NULL,"
  "  county INTEGER NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  PRIMARY KEY (account_id, county)) WITHOUT ROWID;"
  "INSERT INTO account_county (account_id, county, n)"
  "  SELECT account_id, county, count(*) FROM records GROUP BY 1, 2 ORDER BY 1, 2;",
};

int
_assay_replica_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

/* The schema version whose migration creates `table`, or 0: tests make an
 * older replica with it without knowing how migrations are numbered. */
int
_assay_replica_schema_version_creating (const char *table)
{
  g_autofree char *create = g_strdup_printf ("CREATE TABLE %s (", table);

  for (guint v = 0; v < G_N_ELEMENTS (migrations); v++)
    if (strstr (migrations[v], create) != NULL)
      return v + 1;
  return 0;
}

char *
_assay_replica_schema_rollback_sql (const char *table)
{
  int version = _assay_replica_schema_version_creating (table);
  GString *sql;

  if (version == 0)
    return NULL;
  sql = g_string_new (NULL);
  /* Later migrations first: their tables may refer to earlier ones. */
  for (int v = G_N_ELEMENTS (migrations); v >= version; v--)
    for (const char *p = strstr (migrations[v - 1], "CREATE TABLE "); p != NULL;
         p = strstr (p + 1, "CREATE TABLE "))
      {
        const char *name = p + strlen ("CREATE TABLE ");

        g_string_append_printf (sql, "DROP TABLE IF EXISTS %.*s;", (int) strcspn (name, " ("), name);
      }
  g_string_append_printf (sql, "PRAGMA user_version = %d;", version - 1);
  return g_string_free (sql, FALSE);
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
