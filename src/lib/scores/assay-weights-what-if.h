/* assay-weights-what-if.h — every account's value under proposed weights, before anyone signs
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

#include "assay-scores.h"

G_BEGIN_DECLS

/* The histogram of values: bin 0 holds the values below 0, bins 1 …
 * ASSAY_WHAT_IF_BINS split [0, upper) in equal widths, the last bin holds
 * the values from `upper` on.  `upper` is the larger of the two 99th
 * percentiles (before, after; the value of rank ⌈0.99 n⌉), so that a few
 * very large accounts do not squeeze everyone else into one bin. */
#define ASSAY_WHAT_IF_BINS 20

/* The crossings assay_weights_what_if_run () names: as many as a page
 * or a summary lists. */
#define ASSAY_WHAT_IF_NAMED 100

/* An account whose trust level or number of tiers changes. */
typedef struct
{
  guint64 account_id;        /* the replica's account number */
  char   *account;           /* its id; NULL until named (below) */
  double  before;
  double  after;
  guint   level_before;
  guint   level_after;
  guint   tiers_before;
  guint   tiers_after;
} AssayWhatIfCrossing;

/* The accounts of one kind, of one dominant dimension or of one county. */
typedef struct
{
  const char *id;            /* the account kind's or the dimension's id, the
                              * county's six-digit code; "none" */
  guint64     n;
  double      total_before;
  double      total_after;
  guint64     n_up;          /* value higher after */
  guint64     n_down;
} AssayWhatIfGroup;

typedef struct
{
  guint32              as_of;
  AssayWeightsVersion  replaced;       /* the version in force on as_of */
  gint64               proposed[ASSAY_N_DIMENSIONS];   /* basis points */
  double               multiplier[ASSAY_N_DIMENSIONS]; /* 6 × w */
  gsize                n;              /* accounts */
  double               total_before;
  double               total_after;
  double               kendall_tau_b;  /* NaN when undefined */
  double               spearman_rho;
  gsize                top100_k;       /* min (100, n) */
  gsize                top100_kept;
  gsize                top1pct_k;      /* ⌈n / 100⌉ */
  gsize                top1pct_kept;
  double               histogram_upper;
  guint64              before_bins[ASSAY_WHAT_IF_BINS + 2];
  guint64              after_bins[ASSAY_WHAT_IF_BINS + 2];
  guint64              level_up, level_down, tier_up, tier_down;
  GArray              *crossings;      /* AssayWhatIfCrossing, in account order; the
                                        * first ASSAY_WHAT_IF_NAMED named */
  AssayWhatIfGroup     by_kind[ASSAY_N_ACCOUNT_KINDS];
  AssayWhatIfGroup     by_dimension[ASSAY_N_DIMENSIONS + 1];  /* the last: no dimension */
  GArray              *by_county;      /* AssayWhatIfGroup, ascending codes; the account's
                                        * county as AssayValueChunk defines it
                                        * ("none": no record) */
  /* Every account's values, in account number order (each at a
   * millionth of a point, as ranked): what the Article W verdicts of the
   * what-if are computed from (assay-fairness-what-if.h).  n of each. */
  guint64             *account_ids;    /* ascending */
  double              *values_before;
  double              *values_after;
} AssayWeightsWhatIf;

void                assay_weights_what_if_free (AssayWeightsWhatIf *what_if);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayWeightsWhatIf, assay_weights_what_if_free)

/* Every account's value at the scorer's day twice: as the log says, and
 * as if `basis_points` (the six weights, checked as a proposal is:
 * ranges and sum) had replaced the weights version in force on that day
 * over the whole period that version covers.  The scorer's sums must be
 * refreshed.  Memory: about 35 bytes per account number, 24 of them
 * kept in the result (the ids and the two values), and 28 per account
 * while the rank agreement runs; 56 per crossing.  The values are read
 * by several threads (assay_replica_values_foreach_parallel ()). */
AssayWeightsWhatIf *assay_weights_what_if_run  (AssayScorer   *scorer,
                                                const gint64   basis_points[ASSAY_N_DIMENSIONS],
                                                GError       **error);

/* Names the crossings [first, first + n) (in range).  Naming every one
 * reads every account's row, which a change of weights that moves a
 * million accounts across a threshold makes the largest part of the
 * what-if; what is shown needs only its own. */
gboolean            assay_weights_what_if_name_crossings (AssayWeightsWhatIf  *what_if,
                                                          AssayReplica        *replica,
                                                          gsize                first,
                                                          gsize                n,
                                                          GError             **error);

/* Edge i (0 … ASSAY_WHAT_IF_BINS) of the histogram: upper × i / bins. */
double              assay_weights_what_if_edge (const AssayWeightsWhatIf *what_if,
                                                guint                     i);

G_END_DECLS
