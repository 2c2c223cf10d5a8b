/* assay-bar-layer.h — one bar per category: a single series of values
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

#define ASSAY_TYPE_BAR_LAYER (assay_bar_layer_get_type ())

G_DECLARE_FINAL_TYPE (AssayBarLayer, assay_bar_layer, ASSAY, BAR_LAYER, AssayChartLayer)

/* A bar from zero to each category's value, in the chart's orientation,
 * with the value written at its end.
 *
 * Properties: "color-by-category" (boolean: the bars take the palette's
 * colours in turn, and the legend leaves the layer out). */
AssayBarLayer *assay_bar_layer_new                   (void);
void           assay_bar_layer_set_values            (AssayBarLayer *self,
                                                      guint          n_categories,
                                                      const double  *values);
gboolean       assay_bar_layer_get_color_by_category (AssayBarLayer *self);
void           assay_bar_layer_set_color_by_category (AssayBarLayer *self,
                                                      gboolean       color_by_category);

G_END_DECLS
