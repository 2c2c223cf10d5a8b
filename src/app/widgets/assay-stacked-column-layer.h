/* assay-stacked-column-layer.h — several series stacked on each category
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

#define ASSAY_TYPE_STACKED_COLUMN_LAYER (assay_stacked_column_layer_get_type ())

G_DECLARE_FINAL_TYPE (AssayStackedColumnLayer, assay_stacked_column_layer,
                      ASSAY, STACKED_COLUMN_LAYER, AssayChartLayer)

/* One column (or bar, in a chart of kind ASSAY_CHART_BARS) per category,
 * its series stacked: positive values up from zero, negative ones down.
 * The legend names every series; the tooltip gives each non-zero series
 * and the total; the total is written at the column's end.  Series s
 * takes the palette colour color-index + s. */
AssayStackedColumnLayer *assay_stacked_column_layer_new        (void);
/* `values` holds n_series × n_categories numbers, series after series. */
void                     assay_stacked_column_layer_set_values (AssayStackedColumnLayer *self,
                                                                guint                    n_series,
                                                                const char * const      *series_names,
                                                                guint                    n_categories,
                                                                const double            *values);

G_END_DECLS
