/* assay-band-layer.h — a shaded span of categories: a flagged period on a chart
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

#define ASSAY_TYPE_BAND_LAYER (assay_band_layer_get_type ())

G_DECLARE_FINAL_TYPE (AssayBandLayer, assay_band_layer, ASSAY, BAND_LAYER, AssayChartLayer)

/* A translucent band across the whole plot over categories `first` to
 * `last` (inclusive), with an outline, and a legend entry named by the
 * layer's title: the quarter or the 7-day window of a flag on the weekly
 * chart.  It has no values and needs no range. */
AssayBandLayer *assay_band_layer_new      (guint                   first,
                                           guint                   last);
/* Where the band lies across the category axis under `scales`, in plot
 * coordinates; FALSE when it lies outside the chart's categories. */
gboolean        assay_band_layer_get_span (AssayBandLayer         *self,
                                           const AssayChartScales *scales,
                                           double                 *start,
                                           double                 *end);

G_END_DECLS
