/* assay-chart-layer-private.h — what the chart tells its layers
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

#include "assay-chart-layer.h"

G_BEGIN_DECLS

/* The chart a layer is in (NULL: none); the chart holds the layer, the
 * layer does not hold the chart. */
void _assay_chart_layer_set_chart (AssayChartLayer *self,
                                   AssayChart      *chart);

G_END_DECLS
