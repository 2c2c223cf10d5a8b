/* assay-stats-quantreg.h — median (τ = ½) regression on one covariate
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

/* The least-absolute-deviations line: the (a, b) that minimise
 * Σ |yᵢ − a − b·xᵢ|, as quantreg::rq (y ~ x, tau = .5) fits it.  The
 * minimum is exact: a line through two data points, found by Wesolowsky's
 * direct descent (1981), each step the weighted median of the slopes
 * through a pivot point.  Where the minimum is not unique (a flat edge of
 * the objective) this returns one of its vertices, the one reached from
 * the point of median x, which may differ from the vertex rq's simplex
 * ("br") reports.  Fails on fewer than two distinct xᵢ or a non-finite
 * value. */
gboolean assay_stats_median_regression  (const double  *x,
                                         const double  *y,
                                         gsize          n,
                                         double        *out_intercept,
                                         double        *out_slope,
                                         GError       **error);

G_END_DECLS
