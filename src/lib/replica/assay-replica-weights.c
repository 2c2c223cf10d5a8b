/* assay-replica-weights.c — the logged weights versions, as the decisions layer stored them
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

#include <json-glib/json-glib.h>

#include "assay-replica-private.h"
#include "assay-replica-weights.h"

/* The six weight columns are named by the dimension ids, in
 * AssayDimension order. */
#define WEIGHTS_COLUMNS \
  "idx, hash, logged_day, effective_day, professional, knowledge, community, ecological, data, " \
  "market_order, rationale, signers"

void
assay_stored_weights_free (AssayStoredWeights *version)
{
  if (version == NULL)
    return;
  g_free (version->rationale);
  g_strfreev (version->signers);
  g_free (version);
}

gboolean
_assay_db_weights_version_insert (sqlite3                   *db,
                                  const AssayLoggedDecision *decision,
                                  const AssayDecisionEffect *effect,
                                  GError                   **error)
{
  sqlite3_stmt *stmt = _assay_db_prepare (db, "INSERT INTO weights_versions (" WEIGHTS_COLUMNS ") "
                                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, decision->index);
  sqlite3_bind_text (stmt, 2, decision->hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, decision->logged_day);
  sqlite3_bind_int64 (stmt, 4, effect->weights_effective_day);
  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    sqlite3_bind_int64 (stmt, 5 + d, effect->weights_basis_points[d]);
  sqlite3_bind_text (stmt, 11, decision->rationale, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, decision->signers, -1, SQLITE_STATIC);
  return _assay_db_step_once (db, stmt, error);
}

/* The holders of the stored JSON array; an empty list if it does not
 * parse (the decisions layer wrote it). */
static GStrv
signers_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  JsonArray *array;

  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL) &&
      JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      array = json_node_get_array (json_parser_get_root (parser));
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_strv_builder_add (names, json_array_get_string_element (array, i));
    }
  return g_strv_builder_end (names);
}

static AssayStoredWeights *
version_from_stmt (sqlite3_stmt *stmt)
{
  AssayStoredWeights *version = g_new0 (AssayStoredWeights, 1);

  version->index = sqlite3_column_int64 (stmt, 0);
  g_strlcpy (version->hash, (const char *) sqlite3_column_text (stmt, 1), sizeof version->hash);
  version->logged_day = sqlite3_column_int64 (stmt, 2);
  version->effective_day = sqlite3_column_int64 (stmt, 3);
  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    version->basis_points[d] = sqlite3_column_int64 (stmt, 4 + d);
  version->rationale = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  version->signers = signers_from_json ((const char *) sqlite3_column_text (stmt, 11));
  return version;
}

GPtrArray *
assay_replica_list_weights_versions (AssayReplica  *self,
                                     GError       **error)
{
  g_autoptr(GPtrArray) versions = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  stmt = _assay_replica_prepare (self, "SELECT " WEIGHTS_COLUMNS " FROM weights_versions ORDER BY idx", error);
  if (stmt == NULL)
    return NULL;
  versions = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_stored_weights_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (versions, version_from_stmt (stmt));
  if (!_assay_replica_finish (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&versions);
}
