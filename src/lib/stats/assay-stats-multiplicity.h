/* assay-stats-multiplicity.h — Holm and Benjamini–Hochberg adjusted p-values
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

/* R's p.adjust (p, "holm") and p.adjust (p, "BH"), written to
 * @adjusted (which may be @p itself).  With m the number of p-values
 * that are not NaN and p₍₁₎ ≤ … ≤ p₍ₘ₎ their order:
 *   Holm: p̃₍ᵢ₎ = min (1, max_{j ≤ i} (m − j + 1)·p₍ⱼ₎)  (controls the FWER);
 *   BH:   p̃₍ᵢ₎ = min (1, min_{j ≥ i} (m / j)·p₍ⱼ₎)       (controls the FDR).
 * A NaN p-value stays NaN and does not count in m, as R's NA. */
void     assay_stats_p_adjust_holm  (const double *p,
                                     gsize         n,
                                     double       *adjusted);
void     assay_stats_p_adjust_bh    (const double *p,
                                     gsize         n,
                                     double       *adjusted);

G_END_DECLS
