/* assay-replica-verify.c — recompute a replica from its entries and check it
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
#include <inttypes.h>
#include <string.h>

#include "assay-checkpoint.h"
#include "assay-day.h"
#include "assay-error.h"
#include "assay-replica-private.h"
#include "assay-tiles.h"

/* Verification replays the log: every leaf hash from its stored
 * commitment through a Merkle builder whose completed tiles must equal the
 * stored ones, every stored checkpoint's root at its size, every body
 * against its commitment and its parsed row; then the aggregates are
 * recomputed from the parsed rows with SQL and compared. */

#define N_LEVELS 8

typedef struct
{
  sqlite3  *db;
  guint8   *tile;          /* scratch */
  GError   *error;         /* first discrepancy found by the builder callback */
} Check;

/* What the first discrepancy was, for the alert assay_replica_verify()
 * raises: the checks are many small functions that report through a
 * GError, so the alert kind and evidence travel beside it, per thread
 * because each thread verifies on its own connection. */
typedef struct
{
  AssayAlertKind  kind;
  JsonObject     *details;
} Failure;

static void
failure_free (gpointer data)
{
  Failure *failure = data;

  g_clear_pointer (&failure->details, json_object_unref);
  g_free (failure);
}

static GPrivate failure_key = G_PRIVATE_INIT (failure_free);

static void
mismatch_va (GError **error,
             AssayAlertKind kind,
             JsonObject *details,
             const char *format,
             va_list args)
{
  g_autofree char *what = g_strdup_vprintf (format, args);
  Failure *failure = g_new0 (Failure, 1);

  failure->kind = kind;
  failure->details = details;
  g_private_replace (&failure_key, failure);
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
               _("Verification failed: %s The replica file was changed outside Assay or is "
                 "damaged; sync into a new replica file."), what);
}

static void
mismatch (GError **error,
          AssayAlertKind kind,
          const char *format,
          ...) G_GNUC_PRINTF (3, 4);

static void
mismatch (GError **error,
          AssayAlertKind kind,
          const char *format,
          ...)
{
  va_list args;

  va_start (args, format);
  mismatch_va (error, kind, NULL, format, args);
  va_end (args);
}

/* The same, with members for the evidence (`details` is consumed). */
static void
mismatch_details (GError **error,
                  AssayAlertKind kind,
                  JsonObject *details,
                  const char *format,
                  ...) G_GNUC_PRINTF (4, 5);

static void
mismatch_details (GError **error,
                  AssayAlertKind kind,
                  JsonObject *details,
                  const char *format,
                  ...)
{
  va_list args;

  va_start (args, format);
  mismatch_va (error, kind, details, format, args);
  va_end (args);
}

static void
set_hash_member (JsonObject *object,
                 const char *name,
                 const guint8 hash[ASSAY_HASH_SIZE])
{
  g_autofree char *b64 = g_base64_encode (hash, ASSAY_HASH_SIZE);

  json_object_set_string_member (object, name, b64);
}

/* Each completed node at a tile level must equal the stored tile's. */
static void
node_cb (guint level,
         guint64 index,
         const guint8 hash[ASSAY_HASH_SIZE],
         gpointer user_data)
{
  Check *check = user_data;
  guint tile_level, position;
  guint64 tile_index;
  guint width;

  if (!assay_tile_locate_node (level, index, &tile_level, &tile_index, &position) ||
      check->error != NULL)
    return;
  width = _assay_db_read_tile (check->db, tile_level, tile_index, check->tile);
  if (width <= position ||
      memcmp (check->tile + position * ASSAY_HASH_SIZE, hash, ASSAY_HASH_SIZE) != 0)
    mismatch (&check->error, ASSAY_ALERT_TILE,
              _("the stored tile %u/%" PRIu64 " does not hold the "
                "recomputed hash of node %" PRIu64 "."),
              tile_level, tile_index, index);
}

static gboolean
check_record (sqlite3 *db,
              guint64 idx,
              const AssayEntry *e,
              GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  gboolean event = e->kind == ASSAY_ENTRY_EVENT;

  if (sqlite3_prepare_v2 (db, "SELECT kind, (SELECT account FROM accounts WHERE id = account_id), "
                              "dimension, tier, points, event_day, county, rule_id FROM records WHERE idx = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _assay_db_set_error (db, error);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, idx);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    ok = sqlite3_column_int (stmt, 0) == (event ? 0 : 1) &&
         g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), e->account) == 0 &&
         (!event || sqlite3_column_int (stmt, 2) == (int) e->dimension) &&
         (event || sqlite3_column_int (stmt, 3) == (int) e->tier) &&
         sqlite3_column_int64 (stmt, 4) == e->points &&
         sqlite3_column_int64 (stmt, 5) == e->event_day &&
         sqlite3_column_int (stmt, 6) == (int) g_ascii_strtoll (e->county, NULL, 10) &&
         /* community_events is checked against the records by rule id. */
         g_strcmp0 ((const char *) sqlite3_column_text (stmt, 7), event ? e->rule_id : NULL) == 0;
  sqlite3_finalize (stmt);
  if (!ok)
    mismatch (error, ASSAY_ALERT_REPLICA,
              _("the parsed row of entry %" PRIu64 " does not match its body."), idx);
  return ok;
}

static gboolean
check_entry (sqlite3 *db,
             sqlite3_stmt *row,
             GError **error)
{
  guint64 idx = sqlite3_column_int64 (row, 0);
  int state = sqlite3_column_int (row, 1);
  const guint8 *commitment = sqlite3_column_blob (row, 2);
  g_autoptr(AssayEntry) entry = NULL;
  guint8 computed[ASSAY_HASH_SIZE];
  gsize len;
  const char *body;

  if (state != ASSAY_ENTRY_STATE_VERIFIED)
    {
      if (sqlite3_column_type (row, 3) != SQLITE_NULL || sqlite3_column_type (row, 4) != SQLITE_NULL)
        {
          mismatch (error, ASSAY_ALERT_REPLICA,
                    _("entry %" PRIu64 " is marked erased or withheld but still "
                      "holds a body or salt."), idx);
          return FALSE;
        }
      return TRUE;
    }

  body = (const char *) sqlite3_column_blob (row, 4);
  len = sqlite3_column_bytes (row, 4);
  if (sqlite3_column_bytes (row, 3) != ASSAY_SALT_SIZE || body == NULL)
    {
      mismatch (error, ASSAY_ALERT_REPLICA, _("entry %" PRIu64 " lacks its salt or body."), idx);
      return FALSE;
    }
  assay_entry_commitment (sqlite3_column_blob (row, 3), body, len, computed);
  if (memcmp (computed, commitment, ASSAY_HASH_SIZE) != 0)
    {
      JsonObject *details = json_object_new ();
      g_autofree char *text = g_strndup (body, len);

      json_object_set_int_member (details, "index", idx);
      set_hash_member (details, "stored_commitment", commitment);
      set_hash_member (details, "recomputed_commitment", computed);
      /* The body as stored (the salt is in the file too), so a reader can
       * recompute the commitment without our word for it. */
      if (g_utf8_validate (text, -1, NULL))
        json_object_set_string_member (details, "stored_body", text);
      mismatch_details (error, ASSAY_ALERT_BODY, details,
                        _("the body of entry %" PRIu64 " does not match its commitment."), idx);
      return FALSE;
    }
  entry = assay_entry_parse (body, len, NULL);
  if (entry == NULL || (int) entry->kind != sqlite3_column_int (row, 5))
    {
      mismatch (error, ASSAY_ALERT_REPLICA, _("the body of entry %" PRIu64 " is not valid."), idx);
      return FALSE;
    }
  /* Tombstones, rosters, decisions, pauses and filings have no parsed row. */
  if (entry->kind != ASSAY_ENTRY_EVENT && entry->kind != ASSAY_ENTRY_REDEMPTION)
    return TRUE;
  return check_record (db, idx, entry, error);
}

/* Checkpoints are verified with the stored key; returns them by size. */
static GPtrArray *
load_checkpoints (AssayReplica *self,
                  GError **error)
{
  sqlite3 *db = _assay_replica_get_db (self);
  g_autofree char *key = _assay_db_meta_get_text (db, "log_key");
  g_autoptr(AssayNoteVerifier) verifier = NULL;
  g_autoptr(GPtrArray) list = assay_replica_list_checkpoints (self, error);

  if (list == NULL)
    return NULL;
  if (list->len == 0)
    return g_steal_pointer (&list);
  verifier = key != NULL ? assay_note_verifier_new_from_string (key, NULL) : NULL;
  if (verifier == NULL)
    {
      mismatch (error, ASSAY_ALERT_REPLICA, _("the stored log key is missing or invalid."));
      return NULL;
    }
  for (guint i = 0; i < list->len; i++)
    {
      AssayStoredCheckpoint *stored = g_ptr_array_index (list, i);
      g_autoptr(AssayCheckpoint) cp = NULL;
      g_autoptr(GError) local_error = NULL;

      cp = assay_checkpoint_open (stored->note, strlen (stored->note), verifier, NULL, 0, NULL, &local_error);
      if (cp == NULL || cp->size != stored->size || memcmp (cp->root, stored->root, ASSAY_HASH_SIZE) != 0)
        {
          mismatch (error, ASSAY_ALERT_SIGNATURE,
                    _("the stored checkpoint of size %" PRIu64 " does not verify "
                      "with the log key (%s)."), stored->size,
                    local_error != NULL ? local_error->message : _("size or root differ"));
          return NULL;
        }
    }
  return g_steal_pointer (&list);
}

static gboolean
check_root_at (AssayMerkleBuilder *builder,
               GPtrArray *checkpoints,
               guint *next,
               GError **error)
{
  guint64 size = assay_merkle_builder_get_size (builder);

  while (*next < checkpoints->len)
    {
      AssayStoredCheckpoint *cp = g_ptr_array_index (checkpoints, *next);
      guint8 root[ASSAY_HASH_SIZE];

      if (cp->size != size)
        return TRUE;
      assay_merkle_builder_get_root (builder, root);
      if (memcmp (root, cp->root, ASSAY_HASH_SIZE) != 0)
        {
          mismatch (error, ASSAY_ALERT_TILE,
                    _("the stored entries do not reproduce the root of the checkpoint "
                      "of size %" PRIu64 "."), size);
          return FALSE;
        }
      (*next)++;
    }
  return TRUE;
}

static gboolean
replay_entries (AssayReplica *self,
                GPtrArray *checkpoints,
                GCancellable *cancellable,
                GError **error)
{
  sqlite3 *db = _assay_replica_get_db (self);
  g_autoptr(AssayMerkleBuilder) builder = assay_merkle_builder_new ();
  g_autofree guint8 *tile = g_malloc (ASSAY_TILE_BYTES);
  Check check = { db, tile, NULL };
  sqlite3_stmt *row;
  guint next = 0;
  guint64 expected = 0;
  int rc;

  assay_merkle_builder_set_callback (builder, node_cb, &check);
  row = _assay_db_prepare (db, "SELECT idx, state, commitment, salt, body, kind FROM entries ORDER BY idx", error);
  if (row == NULL)
    return FALSE;
  if (!check_root_at (builder, checkpoints, &next, error))
    goto fail;
  while ((rc = sqlite3_step (row)) == SQLITE_ROW)
    {
      guint8 leaf[ASSAY_HASH_SIZE];

      if ((guint64) sqlite3_column_int64 (row, 0) != expected ||
          sqlite3_column_bytes (row, 2) != ASSAY_HASH_SIZE)
        {
          mismatch (error, ASSAY_ALERT_REPLICA,
                    _("entry %" PRIu64 " is missing or has no commitment."), expected);
          goto fail;
        }
      if (!check_entry (db, row, error))
        goto fail;
      assay_merkle_leaf_hash (sqlite3_column_blob (row, 2), ASSAY_HASH_SIZE, leaf);
      assay_merkle_builder_append (builder, leaf);
      if (check.error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&check.error));
          goto fail;
        }
      expected++;
      if (!check_root_at (builder, checkpoints, &next, error) ||
          (expected % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error)))
        goto fail;
    }
  sqlite3_finalize (row);
  if (rc != SQLITE_DONE)
    {
      _assay_db_set_error (db, error);
      return FALSE;
    }
  if (expected != assay_replica_get_size (self) || next != checkpoints->len)
    {
      mismatch (error, ASSAY_ALERT_REPLICA,
                _("the replica holds %" PRIu64 " entries, but its latest "
                  "checkpoint has %" PRIu64 "."), expected, assay_replica_get_size (self));
      return FALSE;
    }
  return TRUE;

fail:
  sqlite3_finalize (row);
  g_clear_error (&check.error);
  return FALSE;
}

static void
quarter_func (sqlite3_context *context,
              int argc,
              sqlite3_value **argv)
{
  sqlite3_result_int64 (context, assay_day_quarter (sqlite3_value_int64 (argv[0])));
}

/* Each pair: the aggregate as stored, and recomputed from the records.
 * The symmetric difference must be empty. */
static const struct
{
  const char *name;
  const char *stored;
  const char *recomputed;
} aggregate_checks[] = {
  { "account_quarter",
    "SELECT account_id, quarter, dimension, points, count FROM account_quarter",
    "SELECT account_id, assay_quarter (event_day), dimension, sum(points), count(*) FROM records "
    "WHERE kind = 0 GROUP BY 1, 2, 3" },
  { "account_day",
    "SELECT account_id, day, dimension, points, count FROM account_day",
    "SELECT account_id, event_day, dimension, sum(points), count(*) FROM records "
    "WHERE kind = 0 GROUP BY 1, 2, 3" },
  { "county_day",
    "SELECT county, day, events, event_points, redemptions, redemption_points FROM county_day",
    "SELECT county, event_day, sum(kind = 0), sum(CASE WHEN kind = 0 THEN points ELSE 0 END), "
    "sum(kind = 1), sum(CASE WHEN kind = 1 THEN points ELSE 0 END) FROM records GROUP BY 1, 2" },
  { "account_county",
    "SELECT account_id, county, n FROM account_county",
    "SELECT account_id, county, count(*) FROM records GROUP BY 1, 2" },
  { "accounts",
    "SELECT id, n_events, n_redemptions, points, redeemed, first_day, last_day FROM accounts",
    "SELECT account_id, sum(kind = 0), sum(kind = 1), sum(CASE WHEN kind = 0 THEN points ELSE 0 END), "
    "sum(CASE WHEN kind = 1 THEN points ELSE 0 END), min(event_day), max(event_day) FROM records "
    "GROUP BY 1" },
  { "order_counts",
    "SELECT sort, key, block, n FROM order_counts",
    "SELECT * FROM (SELECT 0, event_day, idx >> " G_STRINGIFY (ASSAY_ORDER_BLOCK_BITS) ", count(*) "
    "FROM records GROUP BY 2, 3 UNION ALL SELECT 1, points, idx >> " G_STRINGIFY (ASSAY_ORDER_BLOCK_BITS)
    ", count(*) FROM records GROUP BY 2, 3)" },
  /* The activity as the verified body has it (the CAST: SQLite 3.40's JSON
   * functions refuse BLOBs); a row whose activity number is unknown drops
   * out of the join and so differs. */
  { "community_events",
    "SELECT c.idx, c.account_id, a.activity, c.event_day FROM community_events c "
    "JOIN activities a ON a.id = c.activity_id",
    "SELECT r.idx, r.account_id, json_extract (CAST (e.body AS TEXT), '$.activity'), r.event_day "
    "FROM records r JOIN entries e ON e.idx = r.idx WHERE r.kind = 0 AND r.rule_id = 'community'" },
  /* No activity id outlives its last event. */
  { "activities",
    "SELECT id FROM activities",
    "SELECT DISTINCT activity_id FROM community_events" },
};

/* The compact column form must be exactly what account_quarter gives. */
static gboolean
check_quarter_columns (sqlite3 *db,
                       GError **error)
{
  gint64 differences = -1;

  if (!_assay_db_quarter_columns_check (db, &differences, error))
    return FALSE;
  if (differences != 0)
    {
      mismatch (error, ASSAY_ALERT_REPLICA,
                _("the compact table quarter_columns differs from account_quarter in %" PRId64 " blocks."),
                differences);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_aggregates (AssayReplica *self,
                  GError **error)
{
  sqlite3 *db = _assay_replica_get_db (self);

  sqlite3_create_function (db, "assay_quarter", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           quarter_func, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (aggregate_checks); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM (SELECT * FROM (%s EXCEPT %s) "
                                              "UNION ALL SELECT * FROM (%s EXCEPT %s))",
                                              aggregate_checks[i].stored, aggregate_checks[i].recomputed,
                                              aggregate_checks[i].recomputed, aggregate_checks[i].stored);
      sqlite3_stmt *stmt = _assay_db_prepare (db, sql, error);
      gint64 differences = -1;

      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        differences = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      if (differences != 0)
        {
          mismatch (error, ASSAY_ALERT_REPLICA,
                    _("the aggregate table %s differs from the entries in %" PRId64 " rows."),
                    aggregate_checks[i].name, differences);
          return FALSE;
        }
    }
  return check_quarter_columns (db, error);
}

G_STATIC_ASSERT (ASSAY_ENTRY_ROSTER == 3 && ASSAY_ENTRY_DECISION == 4 && ASSAY_ENTRY_PAUSE == 5);
/* The filings are the kinds from 6 on. */
G_STATIC_ASSERT (ASSAY_ENTRY_APPEAL == 6 && ASSAY_N_ENTRY_KINDS == 13);

static gboolean
check_counters (AssayReplica *self,
                GError **error)
{
  sqlite3 *db = _assay_replica_get_db (self);
  static const struct { const char *key; const char *sql; } counters[] = {
    { "n_events", "SELECT count(*) FROM records WHERE kind = 0" },
    { "n_redemptions", "SELECT count(*) FROM records WHERE kind = 1" },
    { "n_tombstones", "SELECT count(*) FROM tombstones" },
    /* entries.kind holds AssayEntryKind (asserted below); an erased
     * entry's is NULL. */
    { "n_rosters", "SELECT count(*) FROM entries WHERE kind = 3" },
    { "n_decisions", "SELECT count(*) FROM entries WHERE kind = 4" },
    { "n_pauses", "SELECT count(*) FROM entries WHERE kind = 5" },
    { "n_filings", "SELECT count(*) FROM entries WHERE kind BETWEEN 6 AND 12" },
    { "n_erased", "SELECT count(*) FROM entries WHERE state = 1" },
    { "n_withheld", "SELECT count(*) FROM entries WHERE state = 2" },
    { "n_accounts", "SELECT count(*) FROM accounts" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (counters); i++)
    {
      sqlite3_stmt *stmt = _assay_db_prepare (db, counters[i].sql, error);
      gint64 n = -1;

      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        n = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      if (n != _assay_db_meta_get_int (db, counters[i].key, 0))
        {
          mismatch (error, ASSAY_ALERT_REPLICA, _("the count %s is wrong."), counters[i].key);
          return FALSE;
        }
    }
  return TRUE;
}

/* Records the discrepancy that `verification` reports as an alert with its
 * evidence, and replaces it with the security error in `error`. */
static gboolean
raise_verification_alert (AssayReplica *self,
                          GPtrArray *checkpoints,
                          const GError *verification,
                          GError **error)
{
  sqlite3 *db = _assay_replica_get_db (self);
  Failure *failure = g_private_get (&failure_key);
  JsonObject *evidence = json_object_new ();
  g_autoptr(GError) local_error = NULL;

  json_object_set_string_member (evidence, "check", "replica-verify");
  json_object_set_string_member (evidence, "replica", assay_replica_get_path (self));
  json_object_set_int_member (evidence, "size", assay_replica_get_size (self));
  if (checkpoints != NULL && checkpoints->len > 0)
    {
      AssayStoredCheckpoint *cp = g_ptr_array_index (checkpoints, checkpoints->len - 1);

      json_object_set_string_member (evidence, "stored_checkpoint", cp->note);
    }
  if (failure != NULL && failure->details != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (failure->details);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (evidence, l->data,
                                json_object_dup_member (failure->details, l->data));
    }
  _assay_db_raise_alert (db, failure != NULL ? failure->kind : ASSAY_ALERT_REPLICA,
                         verification->message, evidence, &local_error);
  g_private_replace (&failure_key, NULL);
  assay_replica_reload (self);
  if (assay_replica_get_alert (self) == ASSAY_ALERT_NONE)
    {
      /* Not stored: its own message says so. */
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_SECURITY,
               _("Security alert: %s The alert is recorded in the replica with its evidence, "
                 "and sync stays stopped until it is cleared."),
               verification->message);
  return FALSE;
}

gboolean
assay_replica_verify (AssayReplica *self,
                      GCancellable *cancellable,
                      GError **error)
{
  g_autoptr(GPtrArray) checkpoints = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);

  db = _assay_replica_get_db (self);
  g_private_replace (&failure_key, NULL);
  checkpoints = load_checkpoints (self, &local_error);
  ok = checkpoints != NULL;
  if (ok)
    {
      /* One read transaction: a sync committing meanwhile must not mix in. */
      if (!_assay_db_exec (db, "BEGIN", error))
        return FALSE;
      ok = replay_entries (self, checkpoints, cancellable, &local_error) &&
           check_aggregates (self, &local_error) &&
           check_counters (self, &local_error);
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
    }
  if (ok)
    return TRUE;
  /* A replica that fails its own verification is a finding to keep, like
   * a log's misbehaviour; an alert already active has its evidence. */
  if (g_error_matches (local_error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION) &&
      !assay_replica_is_read_only (self) && assay_replica_get_alert (self) == ASSAY_ALERT_NONE)
    return raise_verification_alert (self, checkpoints, local_error, error);
  g_private_replace (&failure_key, NULL);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
