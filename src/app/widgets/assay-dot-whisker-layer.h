/* assay-dot-whisker-layer.h — a point and its interval per category
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

#define ASSAY_TYPE_DOT_WHISKER_LAYER (assay_dot_whisker_layer_get_type ())

G_DECLARE_FINAL_TYPE (AssayDotWhiskerLayer, assay_dot_whisker_layer,
                      ASSAY, DOT_WHISKER_LAYER, AssayChartLayer)

/* An estimate and its interval per category (a confidence interval, say):
 * a dot at the value, a whisker with caps from lower to upper, across the
 * centre of the category's band.  A NaN value leaves its category out;
 * the axis covers every interval but need not include zero. */
AssayDotWhiskerLayer *assay_dot_whisker_layer_new          (void);
/* `lower` and `upper` may be NULL: no whiskers. */
void                  assay_dot_whisker_layer_set_values   (AssayDotWhiskerLayer   *self,
                                                            guint                   n_categories,
                                                            const double           *values,
                                                            const double           *lower,
                                                            const double           *upper);
/* A dashed line across the plot at `reference` (zero, for residuals),
 * always inside the axis; NaN (the default) draws none. */
void                  assay_dot_whisker_layer_set_reference (AssayDotWhiskerLayer *self,
                                                            double                reference);
/* Where the layer draws `category` under `scales`: the dot's centre and
 * the whisker's two ends; FALSE if it draws nothing there. */
gboolean              assay_dot_whisker_layer_get_geometry (AssayDotWhiskerLayer   *self,
                                                            const AssayChartScales *scales,
                                                            guint                   category,
                                                            graphene_point_t       *dot,
                                                            graphene_point_t       *low,
                                                            graphene_point_t       *high);

G_END_DECLS
