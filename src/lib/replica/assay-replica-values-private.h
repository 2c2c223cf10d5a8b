/* assay-replica-values-private.h — a value_columns block, for the benchmark that writes them directly
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

#include <sqlite3.h>

#include "assay-replica-values.h"

G_BEGIN_DECLS

/* One block of accounts as stored: counts[i] is account i's accounts row
 * (n_events, n_redemptions, points, redeemed), kind[i] its kind and
 * county[i] its county. */
typedef struct
{
  guint64 block;
  guint   n_periods;
  guint   n;
  guint64 account_id[ASSAY_VALUE_BLOCK_SIZE];
  gint64  counts[ASSAY_VALUE_BLOCK_SIZE][4];
  guint8  kind[ASSAY_VALUE_BLOCK_SIZE];
  guint32 county[ASSAY_VALUE_BLOCK_SIZE];
  double  sums[ASSAY_VALUE_BLOCK_SIZE * ASSAY_VALUE_STRIDE (ASSAY_VALUE_MAX_PERIODS)];
} AssayValueBlock;

void   _assay_value_block_clear        (AssayValueBlock       *b,
                                        guint64                block,
                                        guint                  n_periods);
/* Writes the BLOB into `out` (at least _assay_value_block_max_encoded
 * bytes); returns its length. */
gsize  _assay_value_block_encode       (const AssayValueBlock *b,
                                        guint8                *out);
gsize  _assay_value_block_max_encoded  (guint                  n_periods);

/* The basis as meta `value_basis` stores it. */
char  *_assay_value_basis_text         (const AssayValueBasis *basis);

/* Fills `b` (its block number set) from a stored BLOB; FALSE if its
 * shape is wrong. */
gboolean _assay_value_block_decode     (const guint8           *data,
                                        gsize                   len,
                                        AssayValueBlock        *b);
/* A stored block that does not decode, made on `db` from the aggregates
 * as the refresh makes it. */
gboolean _assay_value_block_make       (sqlite3                *db,
                                        const AssayValueBasis  *basis,
                                        AssayValueBlock        *b,
                                        GError                **error);
/* The basis of the stored blocks (meta `value_basis`); NULL if none. */
char    *_assay_value_stored_basis     (sqlite3                *db);
/* Their basis and the count of the refreshes that wrote them: two
 * connections that give the same text read the same blocks (every write
 * to value_columns is a refresh, or an erasure, which drops the basis). */
char    *_assay_value_blocks_state     (sqlite3                *db);

G_END_DECLS
