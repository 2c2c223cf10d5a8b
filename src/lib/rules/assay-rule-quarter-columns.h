/* assay-rule-quarter-columns.h — account-quarter rules evaluated block-wise over the compact columns
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
#include "assay-rule-set.h"
#include "assay-rule-types.h"

G_BEGIN_DECLS

/* Chunk size of the block-wise evaluation: the feature columns of this
 * many accounts are in memory at a time (8 bytes per account and column
 * read), whatever the number of accounts. */
#define ASSAY_RULE_QUARTER_CHUNK 65536

/* Runs the condition of `rule` (an account_quarter rule) over the
 * accounts with aggregate rows in `quarter`, reading their sums from the
 * replica's compact column form (assay_replica_quarter_sums_foreach ())
 * a chunk at a time and computing only the features the condition reads,
 * exactly as assay_replica_quarter_features () computes them.  `accounts`
 * (sorted account numbers, e.g. assay_replica_quarter_changed_accounts ())
 * restricts the subjects; NULL means all.  Returns the account numbers of
 * the hits, ascending (GArray of guint64); `out_checkpoint_size` gets the
 * checkpoint the sums belong to.
 *
 * The flags of the hits, with their exhaustive trace and entries, are
 * then assay_rule_flags_account_quarter_append () over
 * assay_replica_quarter_features_for_accounts () of the hits. */
GArray   *assay_rule_quarter_columns_evaluate (const AssayRule *rule,
                                               AssayReplica    *replica,
                                               guint32          quarter,
                                               const guint64   *accounts,
                                               gsize            n_accounts,
                                               guint64         *out_checkpoint_size,
                                               GError         **error);

/* Called for each hit, in account number order, with the columns of the
 * chunk it is in (get_feature () order) and its index in them, valid
 * during the call: e.g. for assay_rule_condition_trace (). */
typedef void (*AssayRuleQuarterHitFunc) (guint64                account_id,
                                         const AssayRuleColumn *columns,
                                         gsize                  index,
                                         gpointer               user_data);

/* The same, calling `hit_func` (may be NULL) on each hit. */
GArray   *assay_rule_quarter_columns_evaluate_full (const AssayRule         *rule,
                                                    AssayReplica            *replica,
                                                    guint32                  quarter,
                                                    const guint64           *accounts,
                                                    gsize                    n_accounts,
                                                    AssayRuleQuarterHitFunc  hit_func,
                                                    gpointer                 user_data,
                                                    guint64                 *out_checkpoint_size,
                                                    GError                 **error);

/* TRUE if the block-wise evaluation can compute every feature the
 * condition of `rule` reads (the account_quarter catalogue). */
gboolean  assay_rule_quarter_columns_supports (const AssayRule *rule);

G_END_DECLS
