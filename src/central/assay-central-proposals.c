/* assay-central-proposals.c — decisions waiting for their quorum, kept in the service's store
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

#include "assay-central-proposals.h"
#include "assay-central-store-private.h"

#define COLUMNS "hash, decision_id, envelope, n_signed, threshold, holders, not_after"

static const char table_sql[] =
  "CREATE TABLE IF NOT EXISTS proposals (hash TEXT PRIMARY KEY, decision_id TEXT NOT NULL,"
  "  envelope TEXT NOT NULL, n_signed INTEGER NOT NULL, threshold INTEGER NOT NULL,"
  "  holders TEXT NOT NULL, not_after INTEGER NOT NULL, received INTEGER NOT NULL);";

void
assay_central_proposal_free (AssayCentralProposal *proposal)
{
  if (proposal == NULL)
    return;
  g_free (proposal->hash);
  g_free (proposal->decision_id);
  g_free (proposal->envelope);
  g_free (proposal->holders);
  g_clear_pointer (&proposal->objections, g_ptr_array_unref);
  g_free (proposal);
}

static AssayCentralProposal *
read_row (sqlite3_stmt *stmt)
{
  AssayCentralProposal *proposal = g_new0 (AssayCentralProposal, 1);

  proposal->hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  proposal->decision_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  proposal->envelope = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  proposal->n_signed = sqlite3_column_int (stmt, 3);
  proposal->threshold = sqlite3_column_int (stmt, 4);
  proposal->holders = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  proposal->not_after = sqlite3_column_int64 (stmt, 6);
  return proposal;
}

gboolean
assay_central_proposals_prepare (AssayCentralStore  *store,
                                 GError            **error)
{
  return central_db_exec (store->db, table_sql, error);
}

AssayCentralProposal *
assay_central_proposals_get (AssayCentralStore  *store,
                             const char         *hash,
                             GError            **error)
{
  sqlite3_stmt *stmt = NULL;

  /* No table: no proposal was ever held. */
  if (sqlite3_prepare_v2 (store->db, "SELECT " COLUMNS " FROM proposals WHERE hash = ?1", -1, &stmt,
                          NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  return central_db_read_one (store->db, stmt, (CentralReadRowFunc) read_row, error);
}

char *
assay_central_proposals_find_id (AssayCentralStore *store,
                                 const char        *decision_id)
{
  sqlite3_stmt *stmt = NULL;
  char *hash = NULL;

  if (sqlite3_prepare_v2 (store->db, "SELECT hash FROM proposals WHERE decision_id = ?1", -1, &stmt,
                          NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, decision_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return hash;
}

gboolean
assay_central_proposals_put (AssayCentralStore          *store,
                             const AssayCentralProposal *p,
                             GError                    **error)
{
  sqlite3_stmt *stmt = NULL;

  /* A proposal keeps the time it first arrived: the list is oldest first. */
  if (sqlite3_prepare_v2 (store->db,
                          "INSERT INTO proposals (" COLUMNS ", received) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                          "ON CONFLICT (hash) DO UPDATE SET envelope = ?3, n_signed = ?4, threshold = ?5, "
                          "holders = ?6", -1, &stmt, NULL) != SQLITE_OK)
    return central_db_error (store->db, error);
  sqlite3_bind_text (stmt, 1, p->hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, p->decision_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, p->envelope, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, p->n_signed);
  sqlite3_bind_int (stmt, 5, p->threshold);
  sqlite3_bind_text (stmt, 6, p->holders, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, p->not_after);
  sqlite3_bind_int64 (stmt, 8, g_get_real_time ());
  return central_db_step_done (store->db, stmt, error);
}

gboolean
assay_central_proposals_remove (AssayCentralStore  *store,
                                const char         *hash,
                                GError            **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (store->db, "DELETE FROM proposals WHERE hash = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return TRUE;   /* no table yet */
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  return central_db_step_done (store->db, stmt, error);
}

GPtrArray *
assay_central_proposals_list (AssayCentralStore  *store,
                              gint64              now,
                              GError            **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_central_proposal_free);
  sqlite3_stmt *stmt = NULL;

  /* A store that never held a proposal has no table yet. */
  if (sqlite3_prepare_v2 (store->db, "SELECT " COLUMNS " FROM proposals WHERE not_after >= ?1 "
                          "ORDER BY received, hash", -1, &stmt, NULL) != SQLITE_OK)
    return g_steal_pointer (&list);
  sqlite3_bind_int64 (stmt, 1, now);
  if (!central_db_read_all (store->db, stmt, (CentralReadRowFunc) read_row, list, error))
    return NULL;
  return g_steal_pointer (&list);
}

gboolean
assay_central_proposals_prune (AssayCentralStore  *store,
                               gint64              now,
                               GError            **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (store->db, "DELETE FROM proposals WHERE not_after < ?1", -1, &stmt, NULL) != SQLITE_OK)
    return TRUE;   /* no table yet */
  sqlite3_bind_int64 (stmt, 1, now);
  return central_db_step_done (store->db, stmt, error);
}
