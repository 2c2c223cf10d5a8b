/* bench-replica-rows.h — the rows a replica must hold, inserted bare
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

#include <glib.h>

G_BEGIN_DECLS

/* A second reference for bench-sync: the floor under any sync that keeps
 * what the issue requires in SQLite.  The same bodies go into an entries
 * table (with a commitment and a salt), their parsed fields into a records
 * table with the index on accounts that per-account queries need, and the
 * per account × quarter × dimension and per account × day × dimension sums
 * into their tables in key order, all in one transaction with prepared
 * statements and the replica's cache size.  Nothing is fetched, hashed or
 * verified, and there are no sort indexes, so a real sync can only be
 * slower. */
typedef struct _BenchRows BenchRows;

/* Parses every line of `dataset` (untimed); aborts on an invalid body. */
BenchRows *bench_rows_load   (const char *dataset);
void       bench_rows_free   (BenchRows  *rows);
/* Writes the rows into a new database at `path`; returns the seconds taken. */
double     bench_rows_insert (BenchRows  *rows,
                              const char *path);

G_END_DECLS
