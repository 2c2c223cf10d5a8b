/* assay-replica-private.h — internals shared by the replica, its proofs and sync
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

#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "assay-replica.h"
#include "assay-replica-sync-private.h"
#include "assay-replica-decisions.h"
#include "assay-replica-quarter-columns.h"
#include "assay-checkpoint.h"
#include "assay-tiles.h"
#include "assay-witness-policy.h"

G_BEGIN_DECLS

/* The replica's file format: SQLite with this application_id, and
 * user_version = the schema version (see assay-replica-schema.c). */
#define ASSAY_REPLICA_APPLICATION_ID 0x41535359   /* "ASSY" */

/* Opens a connection configured as every replica connection must be
 * (WAL, synchronous=FULL, secure_delete, busy timeout), checks that the
 * file is an Assay replica, and (read-write) migrates its schema. */
sqlite3  *_assay_replica_db_open      (const char            *path,
                                       AssayReplicaOpenFlags  flags,
                                       GError               **error);
/* A further read-only connection to the replica at `path`, for reading
 * beside the replica's own connection in another thread: none of the
 * checks above (the replica's own connection made them). */
sqlite3  *_assay_replica_db_open_reader (const char          *path,
                                         GError             **error);
gboolean  _assay_replica_schema_apply (sqlite3               *db,
                                       GError               **error);
int       _assay_replica_schema_version (void);
/* The schema version whose migration creates `table`, or 0, and the SQL
 * that takes a replica back to the version before it (every table that
 * migration and the later ones create dropped; NULL when none creates
 * it): tests make older replicas without knowing how migrations are
 * numbered. */
int       _assay_replica_schema_version_creating (const char *table);
char     *_assay_replica_schema_rollback_sql     (const char *table);

/* Helpers that turn SQLite failures into ASSAY_ERROR_IO with the path and
 * SQLite's message. */
gboolean  _assay_db_exec              (sqlite3     *db,
                                       const char  *sql,
                                       GError     **error);
sqlite3_stmt *_assay_db_prepare       (sqlite3     *db,
                                       const char  *sql,
                                       GError     **error);
void      _assay_db_set_error         (sqlite3     *db,
                                       GError     **error);
/* Runs a statement that returns no rows once and finalizes it; FALSE with
 * the error above unless it ran to SQLITE_DONE. */
gboolean  _assay_db_step_once         (sqlite3       *db,
                                       sqlite3_stmt  *stmt,
                                       GError       **error);
/* Runs a query of one integer (at most one row) and finalizes it: the
 * value into `out_value`, left as it is for no row or NULL; FALSE with
 * the error above unless it ran to SQLITE_DONE. */
gboolean  _assay_db_step_int64        (sqlite3       *db,
                                       sqlite3_stmt  *stmt,
                                       gint64        *out_value,
                                       GError       **error);

/* Queries on the replica's own connection: prepare, then finish with the
 * last step's result, which finalizes and is FALSE with an error unless
 * the statement ran to SQLITE_DONE. */
sqlite3_stmt *_assay_replica_prepare  (AssayReplica *self,
                                       const char   *sql,
                                       GError      **error);
gboolean  _assay_replica_finish       (AssayReplica *self,
                                       sqlite3_stmt *stmt,
                                       int           rc,
                                       GError      **error);
/* Steps `stmt` to its end, appending the first column of every row (a
 * leaf index) to `indices`; finishes as _assay_replica_finish (). */
gboolean  _assay_replica_collect_indices (AssayReplica *self,
                                          sqlite3_stmt *stmt,
                                          GArray       *indices,
                                          GError      **error);
/* Steps a statement whose rows are (day, dimension, points, count), in day
 * order, to its end, summing them into `weeks` (GArray of AssayWeekPoints);
 * returns the last step's result. */
int       _assay_db_step_week_points  (sqlite3_stmt *stmt,
                                       GArray       *weeks);

/* meta table */
char     *_assay_db_meta_get_text     (sqlite3     *db,
                                       const char  *key);
gint64    _assay_db_meta_get_int      (sqlite3     *db,
                                       const char  *key,
                                       gint64       fallback);
GBytes   *_assay_db_meta_get_blob     (sqlite3     *db,
                                       const char  *key);
gboolean  _assay_db_meta_set_text     (sqlite3     *db,
                                       const char  *key,
                                       const char  *value,
                                       GError     **error);
gboolean  _assay_db_meta_set_int      (sqlite3     *db,
                                       const char  *key,
                                       gint64       value,
                                       GError     **error);
gboolean  _assay_db_meta_set_blob     (sqlite3     *db,
                                       const char  *key,
                                       const void  *data,
                                       gsize        len,
                                       GError     **error);

/* Alerts: records one (in its own transaction, after the caller rolled
 * back any sync work) and returns the ASSAY_ERROR_SECURITY error to
 * report.  `evidence` is a JSON object (consumed). */
void      _assay_db_raise_alert       (sqlite3        *db,
                                       AssayAlertKind  kind,
                                       const char     *message,
                                       JsonObject     *evidence,
                                       GError        **error);
/* ASSAY_ALERT_NONE, or the active alert's kind (and message). */
AssayAlertKind _assay_db_get_alert    (sqlite3        *db,
                                       char          **out_message,
                                       gint64         *out_at);

/* The node function over a connection's stored tiles (user_data: the
 * sqlite3*), for assay_merkle_* proofs.  Only nodes of complete subtrees
 * within the stored size exist. */
gboolean  _assay_db_tile_node_func    (guint          level,
                                       guint64        index,
                                       guint8         out[ASSAY_HASH_SIZE],
                                       gpointer       user_data,
                                       GError       **error);
/* Reads tile (level, idx); returns its width (0 if absent). */
guint     _assay_db_read_tile         (sqlite3       *db,
                                       guint          level,
                                       guint64        idx,
                                       guint8         hashes[ASSAY_TILE_BYTES]);

/* The sync writer (see assay-replica-sync-private.h) on a connection of
 * the caller's. */
AssayReplicaWriter *_assay_replica_writer_begin  (sqlite3             *db,
                                                  GError             **error);

/* Makes sure no byte of erased content survives in the file or its WAL:
 * checkpoints and truncates the WAL (and vacuums when asked). */
gboolean  _assay_db_purge_wal                    (sqlite3             *db,
                                                  gboolean             vacuum,
                                                  GError             **error);

/* Entry rows: the columns AssayEntryRow is built from, in this order,
 * with `e` = entries and `r` = records (LEFT JOINed).  An entry that is
 * not a record still names the account it concerns where it has one (a
 * filing's filer, an account's pause, a decision on an account), and a
 * filing its day and county, so that a log page does not show a column
 * of bare kinds.  COALESCE stops at the first value, so a record pays
 * for none of the other lookups. */
#define ASSAY_ENTRY_ROW_COLUMNS \
  "e.idx, e.state, e.kind, " \
  "COALESCE ((SELECT account FROM accounts WHERE id = r.account_id), " \
  "          (SELECT account FROM filings WHERE idx = e.idx), " \
  "          (SELECT subject FROM pauses WHERE idx = e.idx AND subject_kind = 'account'), " \
  "          (SELECT subject_id FROM decisions WHERE idx = e.idx AND subject_kind = 'account')), " \
  "r.dimension, r.tier, r.points, " \
  "COALESCE (r.event_day, (SELECT filed_day FROM filings WHERE idx = e.idx)), " \
  "COALESCE (r.county, (SELECT county FROM filings WHERE idx = e.idx)), r.issuer, " \
  "r.idx IS NOT NULL"

/* The orders order_counts counts records in (its `sort` column), and the
 * blocks of indices it counts them by (block = idx >> ASSAY_ORDER_BLOCK_BITS). */
#define ASSAY_ORDER_EVENT_DAY  0
#define ASSAY_ORDER_POINTS     1
#define ASSAY_ORDER_BLOCK_BITS 16
AssayEntryRow *_assay_entry_row_new_from_stmt (sqlite3_stmt *stmt);

/* The replica's own connection (owned by the replica). */
sqlite3  *_assay_replica_get_db                  (AssayReplica        *self);

/* Switches a connection to an empty replica from the WAL to a rollback
 * journal, if it is the only connection to the file; TRUE if it did. */
gboolean  _assay_db_use_rollback_journal         (sqlite3             *db);

/* The witness policy the stored checkpoint was accepted under (meta keys
 * witness_keys and witness_quorum), written inside the caller's
 * transaction. */
gboolean  _assay_replica_store_witness_policy    (sqlite3             *db,
                                                  AssayWitnessPolicy  *policy,
                                                  GError             **error);
/* The quorum state of a replica's stored checkpoint under the policy it
 * was accepted with: the quorum, the number of configured witnesses, and
 * how many of them cosigned it (0s before any witnessed sync). */
void      _assay_replica_read_witness_quorum     (sqlite3             *db,
                                                  guint               *out_quorum,
                                                  guint               *out_n_witnesses,
                                                  guint               *out_cosigned);

/* Adds an event to a case's history and touches the case, inside the
 * caller's transaction (the outbox queues a decision with its "queued"
 * event in one). */
gboolean  _assay_db_case_add_event               (sqlite3             *db,
                                                  gint64               case_id,
                                                  gint64               at,
                                                  const char          *author,
                                                  const char          *kind,
                                                  const char          *detail,
                                                  GError             **error);
/* Inside the sync writer's transaction, before the accounts row of an
 * account whose every record a tombstone erased goes: deletes the stored
 * flags about it (as subject or ring member) and their cases with their
 * history (assay-replica-cases.c). */
gboolean  _assay_db_cases_forget_account         (sqlite3             *db,
                                                  gint64               account_id,
                                                  GError             **error);
/* Keeps or drops a verified filing's row (table filings, README
 * "Filings"), inside the writer's transaction. */
gboolean  _assay_db_filing_insert                (sqlite3                   *db,
                                                  guint64                    index,
                                                  const AssayEntry          *filing,
                                                  GError                   **error);
/* A filing's case (assay-replica-cases.c): opened when it is stored, gone
 * with it. */
gboolean  _assay_db_case_open_for_filing         (sqlite3                   *db,
                                                  guint64                    index,
                                                  AssayEntryKind             kind,
                                                  gint64                     at,
                                                  GError                   **error);
gboolean  _assay_db_cases_forget_filing          (sqlite3                   *db,
                                                  guint64                    index,
                                                  GError                   **error);
gboolean  _assay_db_filing_delete                (sqlite3                   *db,
                                                  guint64                    index,
                                                  GError                   **error);
/* A verified restore or zero `decision` on a county or ring ends the
 * pauses logged before it on that subject (README "Automatic pauses"):
 * every account they held that is still paused and that no other pause
 * still holds becomes active at the decision's index, inside the caller's
 * transaction (assay-replica-pauses.c). */
gboolean  _assay_db_pauses_release               (sqlite3                   *db,
                                                  const AssayLoggedDecision *decision,
                                                  GError                   **error);
/* Stores the weights version a verified weights decision `decision`
 * carries (`effect`), inside the caller's transaction (the decision's
 * own, assay-replica-decisions.c). */
gboolean  _assay_db_weights_version_insert       (sqlite3                   *db,
                                                  const AssayLoggedDecision *decision,
                                                  const AssayDecisionEffect *effect,
                                                  GError                   **error);
/* The value sums (table value_columns, assay-replica-values.c), inside
 * the writer's transaction.  mark_lower: a withheld body brought entry
 * `idx` below the records the sums were last refreshed up to, so the next
 * refresh visits the accounts from it on.  forget: a tombstone erases
 * what the sums were made from, so they and their basis go, and the next
 * refresh rebuilds them all. */
gboolean  _assay_db_values_mark_lower            (sqlite3              *db,
                                                  guint64               idx,
                                                  GError              **error);
gboolean  _assay_db_values_forget                (sqlite3              *db,
                                                  GError              **error);
/* The compact column form of account_quarter (table quarter_columns,
 * see assay-replica-quarter-columns.h), inside the caller's transaction.
 * rebuild: the blocks `blocks` (n_blocks block numbers, sorted, unique)
 * from account_quarter, every quarter of them, a block whose bytes did not
 * change left as it is, the others stamped with checkpoint size `size`;
 * with `blocks` NULL, the whole table from scratch.
 * register: the SQL function assay_quarter_columns_build () that the
 * migration adding the table calls to fill it.
 * check: the number of rows that differ from a rebuild (0 when equal).
 * sums_read: assay_replica_quarter_sums_foreach () without its
 * transaction. */
gboolean  _assay_db_quarter_columns_rebuild      (sqlite3              *db,
                                                  const guint64        *blocks,
                                                  gsize                 n_blocks,
                                                  gint64                size,
                                                  GError              **error);
void      _assay_db_quarter_columns_register     (sqlite3              *db);
/* add: adds a sync's sums to their blocks in place (read, add, write;
 * an account new to a quarter is inserted), without reading
 * account_quarter: the incremental path.  The rows written get size -1
 * and their keys are appended to `written` (gint64); stamp then sets the
 * commit's checkpoint size on them. */
typedef struct
{
  guint64 account_id;
  guint32 quarter;
  gint32  dimension;
  gint64  points;
} AssayQuarterDelta;
gboolean  _assay_db_quarter_columns_add          (sqlite3              *db,
                                                  AssayQuarterDelta    *deltas,
                                                  gsize                 n_deltas,
                                                  GArray               *written,
                                                  GError              **error);
gboolean  _assay_db_quarter_columns_stamp        (sqlite3              *db,
                                                  GArray               *keys,
                                                  gint64                size,
                                                  GError              **error);
gboolean  _assay_db_quarter_columns_check        (sqlite3              *db,
                                                  gint64               *out_differences,
                                                  GError              **error);
gboolean  _assay_db_quarter_sums_read            (sqlite3              *db,
                                                  guint32               quarter,
                                                  gboolean              with_previous,
                                                  const guint64        *accounts,
                                                  gsize                 n_accounts,
                                                  gsize                 chunk_size,
                                                  AssayQuarterSumsFunc  func,
                                                  gpointer              user_data,
                                                  GError              **error);

G_END_DECLS
