/* assay-stats-intervals.h — Clopper–Pearson and Wilson intervals for a proportion
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

/* The exact (Clopper–Pearson) interval of R's binom.test (x, n,
 * conf.level = confidence, alternative)$conf.int, with α = 1 − confidence:
 *   TWO_SIDED: [qbeta (α/2, x, n − x + 1), qbeta (1 − α/2, x + 1, n − x)],
 *   LESS:      [0, qbeta (1 − α, x + 1, n − x)],
 *   GREATER:   [qbeta (α, x, n − x + 1), 1],
 * where a bound is 0 when x = 0 and 1 when x = n.  With n = 0 the interval
 * is [0, 1]. */
void     assay_stats_clopper_pearson  (guint                  x,
                                       guint                  n,
                                       double                 confidence,
                                       AssayStatsAlternative  alternative,
                                       double                *lower,
                                       double                *upper);

/* The Wilson score interval of R's prop.test (x, n, conf.level =
 * confidence, alternative, correct = FALSE)$conf.int: with p̂ = x/n and
 * z = qnorm (1 − α/2) (two-sided) or qnorm (1 − α) (one-sided),
 *   (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n),
 * the lower bound 0 when x = 0, the upper 1 when x = n, and the unused
 * side of a one-sided interval 0 or 1.  With n = 0 the interval is
 * [0, 1]. */
void     assay_stats_wilson           (guint                  x,
                                       guint                  n,
                                       double                 confidence,
                                       AssayStatsAlternative  alternative,
                                       double                *lower,
                                       double                *upper);

G_END_DECLS
