/* bench-util.c — pieces the benchmark programs share
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

#include <stdio.h>
#include <stdlib.h>

#include "bench-util.h"

void
bench_insert_lines (sqlite3    *db,
                    const char *dataset)
{
  sqlite3_stmt *stmt = NULL;
  FILE *in;
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;

  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (body BLOB); BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO t (body) VALUES (?1)", -1, &stmt, NULL), ==, SQLITE_OK);
  in = fopen (dataset, "r");
  g_assert_nonnull (in);
  while ((len = getline (&line, &cap, in)) > 0)
    {
      sqlite3_bind_blob (stmt, 1, line, len - 1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  fclose (in);
  free (line);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
}
