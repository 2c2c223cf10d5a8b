/* assay-stats-chisq.h — the chi-square goodness-of-fit test
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

#include "assay-stats-types.h"

G_BEGIN_DECLS

typedef struct
{
  double statistic;  /* X² = Σ (oᵢ − eᵢ)² / eᵢ with eᵢ = N·pᵢ, N = Σ oᵢ */
  guint  df;         /* cells − 1 */
  double p_value;    /* P(χ²_df ≥ X²) */
} AssayStatsChisq;

/* R's chisq.test (observed, p = expected): the counts of @n_cells cells
 * against the cell probabilities @expected, which must be positive and
 * sum to 1 within √ε, as R requires (no rescaling).  Fails on fewer than
 * two cells, a negative or non-finite count, no counts at all, or bad
 * probabilities. */
gboolean assay_stats_chisq_gof  (const double     *observed,
                                 const double     *expected,
                                 gsize             n_cells,
                                 AssayStatsChisq  *out,
                                 GError          **error);

G_END_DECLS
