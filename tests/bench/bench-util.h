/* bench-util.h — pieces the benchmark programs share
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
#include <sqlite3.h>

G_BEGIN_DECLS

/* The reference the benchmarks compare against: inserts each line of
 * `dataset` (without its newline) into a new table t of `db`, in one
 * transaction with one prepared statement.  Aborts on any failure. */
void bench_insert_lines (sqlite3    *db,
                         const char *dataset);

G_END_DECLS
