/* assay-chart-private.h — the chart's state, shared by its drawing and its API
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

#include "assay-chart.h"

G_BEGIN_DECLS

struct _AssayChart
{
  GtkDrawingArea    parent_instance;

  AssayChartKind    kind;
  AssayChartFormat  format;
  gboolean          color_by_category;
  char             *empty_text;

  guint             n_categories;
  GStrv             labels;
  GStrv             titles;          /* NULL: the tooltip uses the labels */
  GStrv             groups;          /* NULL, or a second axis line (a year) */
  GPtrArray        *layers;          /* AssayChartLayer, drawn in order */

  /* Where the last draw put the plot, for the tooltip (empty: nowhere). */
  graphene_rect_t   plot;
  AssayChartScales  scales;
};

/* assay-chart-draw.c */
void     _assay_chart_snapshot   (GtkWidget        *widget,
                                  GtkSnapshot      *snapshot);
/* The category under (x, y), or -1. */
int      _assay_chart_category_at (AssayChart      *self,
                                   double           x,
                                   double           y);

/* For tests: the plot and scales of the last draw; FALSE before one. */
gboolean _assay_chart_get_scales (AssayChart       *self,
                                  graphene_rect_t  *plot,
                                  AssayChartScales *scales);

G_END_DECLS
