/* assay-replica-features.h — account-quarter features for the rules, from the aggregates
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
#include "assay-replica-quarter-columns.h"

G_BEGIN_DECLS

/* The account_quarter features of the rules' catalogue (README, "Feature
 * catalogue"), as columns: element i of every array describes subject i,
 * one account in one calendar quarter in which it has aggregate rows.
 * Read from the compact column form of account_quarter (table
 * quarter_columns, see assay-replica-quarter-columns.h), never from the
 * entries.  A missing number is NaN, a missing string NULL
 * (the condition language reads both as `missing`).
 *
 * The quarter's total T is Σ_d max(Q_d, 0) over the dimensions' sums Q_d
 * (a dimension whose deductions outweigh its awards counts 0, so a share
 * stays within 0 … 1); share_d = max(Q_d, 0) / T, missing when T = 0.
 * `previous_*` describe the calendar quarter just before, missing when
 * the account has no aggregate rows in it. */
typedef struct
{
  gsize         n;
  guint64      *account_id;      /* the replica's account number */
  char        **account;         /* the account's id */
  guint32      *quarter;         /* year × 10 + quarter (1–4) */
  double       *total;
  double       *share[ASSAY_N_DIMENSIONS];
  double       *max_share;
  const char  **max_dimension;   /* assay_dimension_to_id (), static */
  double       *previous_total;
  double       *previous_share[ASSAY_N_DIMENSIONS];
  double       *previous_max_share;
  const char  **previous_max_dimension;
  /* The verified checkpoint the aggregates were read at (one read
   * transaction). */
  guint64       checkpoint_size;
  guint8        checkpoint_root[ASSAY_HASH_SIZE];
} AssayQuarterFeatures;

void                  assay_quarter_features_free   (AssayQuarterFeatures *features);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayQuarterFeatures, assay_quarter_features_free)

/* The features of every account in `quarter` (year × 10 + quarter), or of
 * every account-quarter when `quarter` is 0.  Subjects come in account
 * number order, then quarter order.  One range scan of quarter_columns
 * per quarter read (and the quarter before), and one account name lookup
 * per account: for 10 M accounts prefer assay_replica_quarter_sums_foreach
 * (), which reads in chunks and builds no strings. */
AssayQuarterFeatures *assay_replica_quarter_features (AssayReplica *self,
                                                      guint32       quarter,
                                                      GError      **error);
/* The same for the accounts numbered `accounts` only (n_accounts numbers,
 * sorted ascending): e.g. those assay_replica_quarter_changed_accounts ()
 * lists after a sync, or a rule's hits.  One block lookup per distinct
 * block of them. */
AssayQuarterFeatures *assay_replica_quarter_features_for_accounts (AssayReplica  *self,
                                                                   guint32        quarter,
                                                                   const guint64 *accounts,
                                                                   gsize          n_accounts,
                                                                   GError       **error);

/* The indices of the events of account number `account_id` with an event
 * day in `quarter`, in log order (an index range on the account's
 * records: cheap for the few subjects a rule flags).  GArray of guint64. */
GArray               *assay_replica_quarter_entries  (AssayReplica *self,
                                                      guint64       account_id,
                                                      guint32       quarter,
                                                      GError      **error);

/* The calendar quarter before `quarter` (20261 → 20254), and the first and
 * last day of a quarter. */
guint32               assay_quarter_previous         (guint32       quarter);
void                  assay_quarter_get_days         (guint32       quarter,
                                                      guint32      *out_first,
                                                      guint32      *out_last);

G_END_DECLS
