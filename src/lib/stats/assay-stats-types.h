/* assay-stats-types.h — what every statistics function shares
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

G_BEGIN_DECLS

/* The direction of a test or a one-sided interval, as R's `alternative`:
 * LESS tests "the parameter is below the null value" (and gives an upper
 * bound), GREATER "above" (a lower bound), TWO_SIDED both. */
typedef enum
{
  ASSAY_STATS_TWO_SIDED,
  ASSAY_STATS_LESS,
  ASSAY_STATS_GREATER,
} AssayStatsAlternative;

G_END_DECLS
