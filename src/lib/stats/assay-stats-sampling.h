/* assay-stats-sampling.h — audit sampling: the attribute sample size and the error bound
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

/* The AICPA attribute sample size: the smallest n with
 * P(Bin(n, T) ≤ a(n)) ≤ risk, where T is the tolerable deviation rate,
 * pE the expected one and a(n) = ⌈n·pE − 10⁻⁹⌉ the deviations the sample
 * may hold (the 10⁻⁹ keeps n·pE = 7.000000000000001 at 7).  This
 * reproduces the AICPA table (T = 5 %, pE = 1 %, risk = 5 % → 93, one
 * deviation).  Fails unless 0 < T < 1, 0 ≤ pE < T and 0 < risk < 1, or
 * if no n up to 100 000 will do. */
gboolean assay_stats_attribute_sample_size (double   tolerable,
                                            double   expected,
                                            double   risk,
                                            guint   *out_n,
                                            guint   *out_allowed,
                                            GError **error);

/* The exact upper confidence limit on the number of errors D in a
 * population of N records when a simple random sample of n drawn without
 * replacement holds k errors: the largest D with P(X ≤ k) > 1 − confidence
 * for X hypergeometric (D errors among N, n drawn), that is R's
 * max {D : phyper (k, D, N − D, n) > 1 − confidence}.  Every larger D would
 * make k or fewer errors this unlikely, so D ≤ the bound with at least the
 * stated confidence; the error rate's bound is the result over N.  Fails
 * unless k ≤ n ≤ N and 0 < confidence < 1. */
gboolean assay_stats_hypergeometric_upper  (guint    population,
                                            guint    sample,
                                            guint    errors,
                                            double   confidence,
                                            guint   *out_upper,
                                            GError **error);

G_END_DECLS
