/* assay-chart.h — a chart widget: axes, grid, legend and tooltips around its layers
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

#include <gtk/gtk.h>

#include "assay-chart-layer.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_CHART (assay_chart_get_type ())

G_DECLARE_FINAL_TYPE (AssayChart, assay_chart, ASSAY, CHART, GtkDrawingArea)

/* Which way the category axis runs (the layers follow it). */
typedef enum
{
  ASSAY_CHART_COLUMNS,   /* categories along the bottom, values up the left side */
  ASSAY_CHART_BARS,      /* categories down the left side, values along the bottom */
} AssayChartKind;

typedef enum
{
  ASSAY_CHART_FORMAT_NUMBER,   /* 12,345 */
  ASSAY_CHART_FORMAT_PERCENT,  /* values are fractions: 0.25 is drawn as 25 % */
  ASSAY_CHART_FORMAT_DAY,      /* values are days (assay-day.h): drawn as "Mar 2" / "3月2日" */
} AssayChartFormat;

/* The fixed palette: six colours for the six dimensions (in AssayDimension
 * order), then two more; mid-tones that read on light and dark backgrounds. */
#define ASSAY_CHART_N_COLORS 8
void        assay_chart_get_color         (guint              index,
                                           GdkRGBA           *color);

/* One widget for every chart (Sysprof's SysprofChart): it lays out a plot
 * with a value axis (ticks from assay-scale, grid lines), a category axis,
 * a legend (when its layers name more than one thing), the labels its
 * layers put at the ends of their bars, and a tooltip per category; its
 * AssayChartLayers draw the data.  Text is laid out with Pango, in the
 * widget's font and colour, so it follows the style and renders Chinese.
 * A GtkDrawingArea for its "content-width" and "content-height".
 *
 * Properties: "kind" (AssayChartKind: "columns", "bars"), "format"
 * (AssayChartFormat: "number", "percent", "day"; both in assay-app-enums.h),
 * "empty-text" (string shown without data), "color-by-category" (boolean:
 * the single series of assay_chart_set_data () takes the palette's
 * colours in turn). */
AssayChart *assay_chart_new               (AssayChartKind     kind);
void        assay_chart_set_kind          (AssayChart        *self,
                                           AssayChartKind     kind);
void        assay_chart_set_format        (AssayChart        *self,
                                           AssayChartFormat   format);
void        assay_chart_set_color_by_category (AssayChart    *self,
                                           gboolean           color_by_category);
void        assay_chart_set_empty_text    (AssayChart        *self,
                                           const char        *text);

/* The categories: `labels` are the short labels drawn on the axis,
 * `titles` (may be NULL) the longer ones the tooltip shows. */
void        assay_chart_set_categories    (AssayChart         *self,
                                           guint               n_categories,
                                           const char * const *labels,
                                           const char * const *titles);
/* A second line under the category labels, one string per category (a
 * week's year): drawn under the first label shown and under each shown
 * label whose group differs from the last one drawn.  NULL removes them;
 * new categories drop them. */
void        assay_chart_set_category_groups (AssayChart         *self,
                                             const char * const *groups);
/* The group of a category (for tests); NULL if none or out of range. */
const char *assay_chart_get_category_group  (AssayChart         *self,
                                             guint               category);
/* The chart draws its layers in the order they were added. */
void        assay_chart_add_layer         (AssayChart         *self,
                                           AssayChartLayer    *layer);
void        assay_chart_remove_layer      (AssayChart         *self,
                                           AssayChartLayer    *layer);
guint       assay_chart_get_n_layers      (AssayChart         *self);
AssayChartLayer *assay_chart_get_layer    (AssayChart         *self,
                                           guint               index);
/* A value as the axis writes it ("format"). */
char       *assay_chart_format_value      (AssayChart         *self,
                                           double              value);

/* Replaces categories and layers with one layer of bars: an AssayBarLayer
 * for one series, an AssayStackedColumnLayer for more.  `values` holds
 * n_series × n_categories numbers, series after series. */
void        assay_chart_set_data          (AssayChart         *self,
                                           guint               n_categories,
                                           const char * const *labels,
                                           const char * const *titles,
                                           guint               n_series,
                                           const char * const *series_names,
                                           const double       *values);
/* Points per week and dimension (@weeks: AssayWeekPoints in week order):
 * one category per week from the first to the last, empty weeks included,
 * so that the time axis is even.  No weeks clear the chart. */
void        assay_chart_set_weekly_points (AssayChart         *self,
                                           const GArray       *weeks);
/* No categories, no layers. */
void        assay_chart_clear             (AssayChart         *self);

guint       assay_chart_get_n_categories  (AssayChart         *self);
/* The series of all layers, layer after layer. */
guint       assay_chart_get_n_series      (AssayChart         *self);
double      assay_chart_get_value         (AssayChart         *self,
                                           guint               series,
                                           guint               category);
/* The tooltip text for a category (for tests); NULL if out of range. */
char       *assay_chart_dup_tooltip_text  (AssayChart         *self,
                                           guint               category);
/* The tooltip text at `value` on the value axis in `category`'s band (a
 * cell of a matrix layer); NaN: the category's as a whole. */
char       *assay_chart_dup_tooltip_text_at (AssayChart       *self,
                                             guint             category,
                                             double            value);

G_END_DECLS
