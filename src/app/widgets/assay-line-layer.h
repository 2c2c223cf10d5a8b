/* assay-line-layer.h — a line through one value per category
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

#define ASSAY_TYPE_LINE_LAYER (assay_line_layer_get_type ())

G_DECLARE_FINAL_TYPE (AssayLineLayer, assay_line_layer, ASSAY, LINE_LAYER, AssayChartLayer)

/* A line through the centres of the categories' bands at their values,
 * with a dot at each point.  A NaN value breaks the line; the axis covers
 * the values but need not include zero. */
AssayLineLayer *assay_line_layer_new        (void);
void            assay_line_layer_set_values (AssayLineLayer         *self,
                                             guint                   n_categories,
                                             const double           *values);
/* Where the layer puts `category`'s point under `scales`; FALSE if none. */
gboolean        assay_line_layer_get_point  (AssayLineLayer         *self,
                                             const AssayChartScales *scales,
                                             guint                   category,
                                             graphene_point_t       *point);

G_END_DECLS
