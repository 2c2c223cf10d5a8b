/* assay-cohort-import.h — reading and checking a cohort file
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

#include <gio/gio.h>

#include "assay-replica-cohort.h"

G_BEGIN_DECLS

/* A parsed cohort file: its extra column names and its records
 * (AssayCohortRecord*), in file order. */
typedef struct
{
  char      **extra_columns;
  GPtrArray  *records;
} AssayCohortFile;

void assay_cohort_file_free (AssayCohortFile *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayCohortFile, assay_cohort_file_free)

/* Parses `data` (UTF-8 CSV, RFC 4180 quoting, a header naming at least
 * account, gender, age_band, county and ses).  Refuses, with
 * ASSAY_ERROR_INVALID_DATA and a message naming the line: a missing or
 * repeated column, a row with the wrong number of fields, bad quoting, an
 * empty account, a duplicate account, a county code that is not a valid
 * GB/T 2260 county, an SES that is not a finite number, invalid UTF-8 or a
 * control character in a value. */
AssayCohortFile *assay_cohort_parse     (const char    *data,
                                         gsize          length,
                                         GError       **error);

/* Reads and parses `path`, then replaces the replica's cohort with it in
 * one transaction.  `out_n_accounts`, `out_not_in_ledger`: what was
 * stored and how many of those the ledger does not hold. */
gboolean         assay_cohort_import    (AssayReplica  *replica,
                                         const char    *path,
                                         guint         *out_n_accounts,
                                         guint         *out_not_in_ledger,
                                         GError       **error);

G_END_DECLS
