/* assay-benford.h — first-digit (Benford) distribution of event points
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

#include "assay-audit-enums.h"
#include "assay-audit-types.h"
#include "assay-replica.h"

G_BEGIN_DECLS

/* Below this many events with a first digit, a group is "insufficient":
 * the chi-square approximation wants every expected count ≥ 5, and the
 * digit 9 expects 4.6 % of the events, so 100 events give 4.6; a look at
 * fewer would mostly show noise. */
#define ASSAY_BENFORD_DEFAULT_MIN_N 100

typedef struct
{
  char                  *group;         /* issuer or county code */
  guint64                n;             /* events with a first digit (points > 0) */
  guint64                counts[9];     /* events whose points start with 1 … 9 */
  double                 expected[9];   /* n·log₁₀(1 + 1/d) */
  double                 z[9];          /* Nigrini's z of each digit; NaN when insufficient */
  double                 chisq;         /* Σ (o − e)²/e over the 9 digits; NaN when insufficient */
  guint                  df;            /* 8 */
  double                 p_value;       /* P(χ²₈ ≥ chisq) */
  double                 mad;           /* mean |p̂_d − p_d| over the 9 digits */
  AssayBenfordConformity conformity;    /* Nigrini's reading of the MAD */
} AssayBenfordGroup;

void assay_benford_group_free (AssayBenfordGroup *group);

typedef struct
{
  AssayBenfordBy  by;
  guint           min_n;
  guint64         n_without_digit;   /* events with 0 or negative points, left out */
  GPtrArray      *groups;            /* AssayBenfordGroup*, by group */
} AssayBenfordResult;

void assay_benford_result_free (AssayBenfordResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayBenfordResult, assay_benford_result_free)

/* log₁₀(1 + 1/d), the share of first digit d (1 … 9) under Benford's law. */
double assay_benford_expected_share (guint  d);

/* The first significant digit of a positive number of points; 0 for
 * points ≤ 0, which have none. */
guint  assay_benford_first_digit    (gint64 points);

/* The test of one group from its nine counts (README, "Benford"): fills
 * everything but `group`; a group with fewer than `min_n` events is
 * insufficient (no chisq, p or z: NaN). */
void   assay_benford_test_counts    (const guint64      counts[9],
                                     guint              min_n,
                                     AssayBenfordGroup *out);

/* The first-digit distribution of the replica's event points per issuer
 * or county. */
AssayBenfordResult *assay_benford_run (AssayReplica   *replica,
                                       AssayBenfordBy  by,
                                       guint           min_n,
                                       GError        **error);

/* What the figures may be used for, translated: a red flag for a look,
 * never a finding by itself. */
const char *assay_benford_get_caveat (void);

/* A translated label for a conformity reading ("close conformity"). */
const char *assay_benford_conformity_get_label (AssayBenfordConformity conformity);

G_END_DECLS
