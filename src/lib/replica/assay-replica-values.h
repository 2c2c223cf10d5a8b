/* assay-replica-values.h — the decayed sums behind every account's contribution value
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

/* The value of an event at day T carries the decay factor
 * (1 − r)^((T − d) / 365), d its event day: that is
 * (1 − r)^((T − b) / 365) × (1 − r)^(−(d − b) / 365) for any base day b,
 * so one running sum per account of points × (1 − r)^(−(d − b) / 365)
 * gives the value at every T after the account's last entry.  Weights
 * change at the start of a weights period, so the sums are kept per
 * period and dimension.
 *
 * The replica keeps them in table value_columns, one row per block of
 * ASSAY_VALUE_BLOCK_SIZE account numbers: for each account of the block
 * its account row's counts and totals (to tell, on the next refresh,
 * whether it changed), its kind and county, and n_periods × 6 event sums
 * then one redemption sum, all under the basis stored in meta
 * `value_basis` (which names the layout too, so that blocks of an
 * older layout are rebuilt).  A refresh
 * under another basis (or after a tombstone, which drops the basis)
 * rebuilds every block; otherwise it visits only the blocks of the
 * records appended since the last refresh (meta `value_mark`: the leaf
 * index past the last record then, lowered by a withheld body filled
 * below it) and rebuilds those in which some account's counts or totals
 * differ from the account table.  Sums written by a version without the
 * mark are compared block by block once.  Sums are made from the
 * account_day aggregate and the account's redemption records. */
#define ASSAY_VALUE_BLOCK_SIZE   64
#define ASSAY_VALUE_MAX_PERIODS  64

typedef struct
{
  double  decay_rate;                               /* r, 0 ≤ r < 1 */
  guint32 base_day;                                 /* b */
  guint   n_periods;                                /* 1 … ASSAY_VALUE_MAX_PERIODS */
  guint32 period_start[ASSAY_VALUE_MAX_PERIODS];    /* ascending; [0] is 0 */
} AssayValueBasis;

/* The number of doubles of one account: n_periods × 6 event sums (period
 * by period, dimensions in AssayDimension order), then the redemption
 * sum. */
#define ASSAY_VALUE_STRIDE(n_periods) ((gsize) (n_periods) * ASSAY_N_DIMENSIONS + 1)

/* Brings value_columns up to date under `basis`; `out_n_blocks` (may be
 * NULL) gets the number of blocks rebuilt.  One write transaction. */
gboolean  assay_replica_values_refresh  (AssayReplica           *self,
                                         const AssayValueBasis  *basis,
                                         guint64                *out_n_blocks,
                                         GError                **error);

/* One chunk of accounts, in account number order: account i has
 * sums[i × ASSAY_VALUE_STRIDE (n_periods) …], its AssayAccountKind
 * kind[i] and its county county[i], the six-digit code as a number: the
 * county of most of its records (events and redemptions, from the
 * account_county aggregate), a tie going to the lowest code, 0 for an
 * account without records (kept in the block so that a reader of every
 * account scans no other table).  Valid during the callback only. */
typedef struct
{
  gsize          n;
  guint          n_periods;
  const guint64 *account_id;
  const gint64  *n_events;
  const guint8  *kind;
  const guint32 *county;
  const double  *sums;
} AssayValueChunk;

typedef gboolean (*AssayValueChunkFunc) (const AssayValueChunk *chunk,
                                         gpointer               user_data,
                                         GError               **error);

/* Called once, before any chunk, with a bound on the account numbers
 * (every one is below it), so that a place per account can be allocated
 * first. */
typedef gboolean (*AssayValueStartFunc) (gsize                  number_bound,
                                         gpointer               user_data,
                                         GError               **error);

/* Calls `start` (may be NULL), then `func` on every account's sums, in
 * chunks of at most one block, in account number order, as refreshed
 * under `basis` (an error if value_columns were made under another
 * basis: refresh first); a stored block that does not decode is made
 * from the aggregates instead.  One read transaction. */
gboolean  assay_replica_values_foreach  (AssayReplica           *self,
                                         const AssayValueBasis  *basis,
                                         AssayValueStartFunc     start,
                                         AssayValueChunkFunc     func,
                                         gpointer                user_data,
                                         GError                **error);

/* The same, in no particular order: the blocks split into as many
 * ranges of numbers as the machine has processors (at most
 * ASSAY_VALUE_MAX_READERS), each read by a thread of its own (the first
 * by the calling thread) on a connection of its own that sees the same
 * blocks, so `func` must be safe to call from several threads at once.
 * Where no such connection can be had, it reads in order. */
#define ASSAY_VALUE_MAX_READERS 4

gboolean  assay_replica_values_foreach_parallel (AssayReplica           *self,
                                                 const AssayValueBasis  *basis,
                                                 AssayValueStartFunc     start,
                                                 AssayValueChunkFunc     func,
                                                 gpointer                user_data,
                                                 GError                **error);

/* An account's entries as the value needs them, from the aggregates:
 * its event points per day and dimension (account_day) and its
 * redemption points per day. */
typedef struct
{
  guint32 day;
  gint32  dimension;     /* -1: redemptions */
  gint64  points;
} AssayValueDay;

/* GArray of AssayValueDay for the account numbered `account_id`, days
 * ascending. */
GArray   *assay_replica_value_days      (AssayReplica  *self,
                                         guint64        account_id,
                                         GError       **error);

/* The latest event or redemption day in the replica (0 when empty): a
 * value at a day before it must be computed from value_days. */
guint32   assay_replica_last_entry_day  (AssayReplica  *self,
                                         GError       **error);

/* What makes an account's value differ from its sums: Article X
 * down-weights (one dimension over a window of days) and the
 * committee's freeze, restore and zero decisions (AssayAccountState
 * from the decision's logged day), in log order. */
typedef struct
{
  guint64 account_id;
  int     dimension;
  guint32 from_day;
  guint32 to_day;
  guint32 logged_day;      /* of the down-weight decision */
} AssayValueDownWeight;

typedef struct
{
  guint64 account_id;
  int     state;
  guint32 day;
} AssayValueStateChange;

gboolean  assay_replica_value_exceptions (AssayReplica  *self,
                                          GArray       **out_down_weights,
                                          GArray       **out_state_changes,
                                          GError       **error);

/* Points a decision on a filing credits to the filer's account: the award
 * of an approved failure claim, the points of an adjusting ruling (may be
 * negative), an approved education transfer's points taken away, from the
 * day it was logged.  Only the decision that stands
 * on each filing (the last logged) counts. */
typedef struct
{
  guint64 account_id;
  guint32 day;
  gint64  points;
} AssayValueCredit;

GArray   *assay_replica_value_credits   (AssayReplica  *self,
                                         GError       **error);

/* Entries a decision on a filing does not recognise: the disputed
 * entries of a dispute whose standing ruling overturns, the entry an
 * approved appeal contests, the account's entries dated inside an
 * approved silence; each once, with the first such decision's logged
 * day. */
typedef struct
{
  guint64 account_id;
  guint32 day;            /* the entry's event day */
  gint32  dimension;      /* -1: a redemption */
  gint64  points;
  guint32 decided_day;
} AssayValueVoid;

GArray   *assay_replica_value_voids     (AssayReplica  *self,
                                         GError       **error);

/* The replica's number of an account id; FALSE (error NOT_FOUND) when the
 * ledger has no such account. */
gboolean  assay_replica_account_number   (AssayReplica  *self,
                                          const char    *account,
                                          guint64       *out_account_id,
                                          GError       **error);
/* The account ids of the numbers `ids` (n of them, ascending): a NULL
 * terminated vector of n strings. */
GStrv     assay_replica_account_names    (AssayReplica  *self,
                                          const guint64 *ids,
                                          gsize          n,
                                          GError       **error);

G_END_DECLS
