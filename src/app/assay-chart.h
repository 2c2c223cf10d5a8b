/* assay-chart.h — a small cairo bar chart: stacked columns or horizontal bars
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

G_BEGIN_DECLS

#define ASSAY_TYPE_CHART (assay_chart_get_type ())

G_DECLARE_FINAL_TYPE (AssayChart, assay_chart, ASSAY, CHART, GtkDrawingArea)

typedef enum
{
  ASSAY_CHART_COLUMNS,   /* vertical bars, categories along the bottom, series stacked */
  ASSAY_CHART_BARS,      /* horizontal bars, categories down the left side, series stacked */
} AssayChartKind;

typedef enum
{
  ASSAY_CHART_FORMAT_NUMBER,   /* 12,345 */
  ASSAY_CHART_FORMAT_PERCENT,  /* values are fractions: 0.25 is drawn as 25 % */
} AssayChartFormat;

/* The fixed palette: six colours for the six dimensions (in AssayDimension
 * order), then two more; mid-tones that read on light and dark backgrounds. */
#define ASSAY_CHART_N_COLORS 8
void        assay_chart_get_color         (guint              index,
                                           GdkRGBA           *color);

/* Draws a bar chart with axis, ticks, grid lines, a legend (when there is
 * more than one series), value labels (when there are few bars) and a
 * tooltip per category.  Text is laid out with Pango, in the widget's font
 * and colour, so it follows the style and renders Chinese.
 *
 * Properties: "kind" (AssayChartKind: "columns", "bars"), "format"
 * (AssayChartFormat: "number", "percent"; both in assay-app-enums.h),
 * "empty-text" (string shown without data), "color-by-category" (boolean:
 * a single series whose bars take the palette's colours in turn). */
AssayChart *assay_chart_new               (AssayChartKind     kind);
void        assay_chart_set_kind          (AssayChart        *self,
                                           AssayChartKind     kind);
void        assay_chart_set_format        (AssayChart        *self,
                                           AssayChartFormat   format);
void        assay_chart_set_color_by_category (AssayChart    *self,
                                           gboolean           color_by_category);
void        assay_chart_set_empty_text    (AssayChart        *self,
                                           const char        *text);

/* Replaces the data.  `labels` are the short category labels drawn on the
 * axis; `titles` (may be NULL) the longer ones the tooltip shows.
 * `values` holds n_series × n_categories numbers, series after series. */
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
void        assay_chart_clear             (AssayChart         *self);

guint       assay_chart_get_n_categories  (AssayChart         *self);
guint       assay_chart_get_n_series      (AssayChart         *self);
double      assay_chart_get_value         (AssayChart         *self,
                                           guint               series,
                                           guint               category);
/* The tooltip text for a category (for tests); NULL if out of range. */
char       *assay_chart_dup_tooltip_text  (AssayChart         *self,
                                           guint               category);

G_END_DECLS
