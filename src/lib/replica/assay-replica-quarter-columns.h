/* assay-replica-quarter-columns.h — the account-quarter sums in compact column form
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

#include "assay-replica.h"

G_BEGIN_DECLS

/* The replica keeps, beside account_quarter (one row per account,
 * quarter and dimension), the same sums in compact column form: table
 * quarter_columns, one row per (quarter, block of ASSAY_QUARTER_BLOCK_SIZE
 * account numbers) in which some account of the block has aggregate rows.
 * Its BLOB lists those accounts in number order and, column by column,
 * their six dimension sums Q_d (int32, or int64 for a block where some sum
 * does not fit).  Sync rewrites, in the transaction that changes
 * account_quarter, only the blocks of the accounts it touched (new
 * events, filled withheld bodies, erasures), and a block whose bytes did
 * not change is not rewritten; each row remembers the checkpoint size of
 * the sync that last rewrote it.  Verification rebuilds every block from
 * account_quarter and compares bytes.
 *
 * Reading a quarter is one range scan of about 26 bytes per account
 * instead of one aggregate row per account and dimension. */
#define ASSAY_QUARTER_BLOCK_BITS 6
#define ASSAY_QUARTER_BLOCK_SIZE (1u << ASSAY_QUARTER_BLOCK_BITS)

/* One chunk of accounts of a quarter, in account number order: element i
 * of each array describes account_id[i].  points[d][i] is the sum Q_d of
 * dimension d (AssayDimension order) in the quarter.  With the previous
 * quarter asked for, has_previous[i] says whether the account has
 * aggregate rows in the quarter before, and previous_points its sums
 * there (0 when it has none); otherwise both are NULL.  Valid during the
 * callback only. */
typedef struct
{
  gsize          n;
  guint32        quarter;
  const guint64 *account_id;
  const gint64  *points[ASSAY_N_DIMENSIONS];
  const guint8  *has_previous;
  const gint64  *previous_points[ASSAY_N_DIMENSIONS];
} AssayQuarterSums;

/* Returns FALSE (with `error` set) to stop the walk. */
typedef gboolean (*AssayQuarterSumsFunc) (const AssayQuarterSums *sums,
                                          gpointer                user_data,
                                          GError                **error);

/* Calls `func` on the sums of the accounts with aggregate rows in
 * `quarter` (year × 10 + quarter), in chunks of at most `chunk_size`
 * accounts (≥ ASSAY_QUARTER_BLOCK_SIZE), in account number order: every
 * such account, or only those of `accounts` (n_accounts account numbers,
 * sorted ascending, duplicates allowed) when it is not NULL.  One read
 * transaction; `out_checkpoint_size` and `out_checkpoint_root` (may be
 * NULL) get the verified checkpoint the sums belong to.  Memory: one
 * chunk, whatever the number of accounts. */
gboolean assay_replica_quarter_sums_foreach (AssayReplica         *self,
                                             guint32               quarter,
                                             gboolean              with_previous,
                                             const guint64        *accounts,
                                             gsize                 n_accounts,
                                             gsize                 chunk_size,
                                             AssayQuarterSumsFunc  func,
                                             gpointer              user_data,
                                             guint64              *out_checkpoint_size,
                                             guint8                out_checkpoint_root[ASSAY_HASH_SIZE],
                                             GError              **error);

/* The account numbers, sorted, of the accounts with aggregate rows in
 * `quarter` whose block sync rewrote after the checkpoint of size
 * `since_size` (0: every account of the quarter): a superset of the
 * accounts whose sums in `quarter` changed since then, at most one block
 * (ASSAY_QUARTER_BLOCK_SIZE numbers) per account a sync touched.  An
 * account that has no rows in `quarter` any more (all its events there
 * erased) is not listed: a caller that keeps results per account drops
 * those of the numbers in assay_replica_quarter_changed_blocks () that
 * are not listed here.  GArray of guint64. */
GArray  *assay_replica_quarter_changed_accounts (AssayReplica *self,
                                                 guint32       quarter,
                                                 guint64       since_size,
                                                 GError      **error);
/* The blocks (account number >> ASSAY_QUARTER_BLOCK_BITS), sorted, that
 * sync rewrote in `quarter` after the checkpoint of size `since_size`,
 * including those an erasure emptied (an emptied block keeps a row
 * without accounts, so that its change is seen).  GArray of guint64. */
GArray  *assay_replica_quarter_changed_blocks   (AssayReplica *self,
                                                 guint32       quarter,
                                                 guint64       since_size,
                                                 GError      **error);

G_END_DECLS
