/* assay-central-objections.c — signed votes against proposals, kept in the service's store
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

#include "assay-central-objections.h"
#include "assay-central-store-private.h"

#define COLUMNS "proposal, hash, holder, rationale, envelope"

static const char table_sql[] =
  "CREATE TABLE IF NOT EXISTS objections (proposal TEXT NOT NULL, hash TEXT NOT NULL, holder TEXT NOT NULL,"
  "  rationale TEXT NOT NULL, envelope TEXT NOT NULL, received INTEGER NOT NULL,"
  "  PRIMARY KEY (proposal, holder));";

void
assay_central_objection_free (AssayCentralObjection *objection)
{
  if (objection == NULL)
    return;
  g_free (objection->proposal);
  g_free (objection->hash);
  g_free (objection->holder);
  g_free (objection->rationale);
  g_free (objection->envelope);
  g_free (objection);
}

static AssayCentralObjection *
read_row (sqlite3_stmt *stmt)
{
  AssayCentralObjection *objection = g_new0 (AssayCentralObjection, 1);

  objection->proposal = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  objection->hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  objection->holder = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  objection->rationale = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  objection->envelope = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  return objection;
}

gboolean
assay_central_objections_prepare (AssayCentralStore  *store,
                                  GError            **error)
{
  return central_db_exec (store->db, table_sql, error);
}

gboolean
assay_central_objections_put (AssayCentralStore           *store,
                              const AssayCentralObjection *o,
                              GError                     **error)
{
  sqlite3_stmt *stmt = NULL;

  /* One per holder: the caller has answered a second one already. */
  if (sqlite3_prepare_v2 (store->db, "INSERT OR IGNORE INTO objections (" COLUMNS ", received) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &stmt, NULL) != SQLITE_OK)
    return central_db_error (store->db, error);
  sqlite3_bind_text (stmt, 1, o->proposal, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, o->hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, o->holder, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, o->rationale, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, o->envelope, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time ());
  return central_db_step_done (store->db, stmt, error);
}

GPtrArray *
assay_central_objections_list (AssayCentralStore  *store,
                               const char         *proposal,
                               GError            **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_central_objection_free);
  sqlite3_stmt *stmt = NULL;

  /* A store that never held an objection has no table yet. */
  if (sqlite3_prepare_v2 (store->db, "SELECT " COLUMNS " FROM objections WHERE proposal = ?1 "
                          "ORDER BY received, holder", -1, &stmt, NULL) != SQLITE_OK)
    return g_steal_pointer (&list);
  sqlite3_bind_text (stmt, 1, proposal, -1, SQLITE_STATIC);
  if (!central_db_read_all (store->db, stmt, (CentralReadRowFunc) read_row, list, error))
    return NULL;
  return g_steal_pointer (&list);
}

AssayCentralObjection *
assay_central_objections_find (AssayCentralStore  *store,
                               const char         *proposal,
                               const char         *holder,
                               GError            **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (store->db, "SELECT " COLUMNS " FROM objections WHERE proposal = ?1 AND holder = ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, proposal, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, holder, -1, SQLITE_STATIC);
  return central_db_read_one (store->db, stmt, (CentralReadRowFunc) read_row, error);
}
