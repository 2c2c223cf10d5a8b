/* assay-stats-poisson.h — Poisson tails for the spike breakers
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

/* P(X ≥ x) for X ~ Poisson(λ), as R's ppois (x − 1, λ, lower.tail = FALSE):
 * 1 for x = 0; for λ = 0, 0 for every x > 0.  NaN if λ is negative or not
 * finite.  The smaller tail is summed term by term from the pmf
 * exp (k·ln λ − λ − ln k!), so a tiny upper tail keeps its digits instead
 * of being 1 minus something close to 1. */
double   assay_stats_poisson_sf   (guint64 x,
                                   double  lambda);

G_END_DECLS
