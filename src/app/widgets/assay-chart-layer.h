/* assay-chart-layer.h — the base class of what an AssayChart draws in its plot
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

#include "assay-scale.h"

G_BEGIN_DECLS

typedef struct _AssayChart AssayChart;

/* Where the chart put its plot: the category axis is divided into one band
 * per category, the value axis maps values to pixels. */
typedef struct
{
  gboolean   horizontal;    /* categories down the left side, values along x */
  guint      n_categories;
  double     band_start;    /* where the first band starts on the category axis */
  double     band_size;     /* the width (or height) of one band */
  AssayScale values;        /* value → pixel on the value axis */
} AssayChartScales;

/* The bar of `category`: where it starts across the category axis and how
 * thick it is (centred in its band). */
void   assay_chart_scales_get_bar        (const AssayChartScales *scales,
                                          guint                   category,
                                          double                 *start,
                                          double                 *thickness);
double assay_chart_scales_get_center     (const AssayChartScales *scales,
                                          guint                   category);
/* The rectangle from value `from` to value `to` across [start, start + thickness]. */
void   assay_chart_scales_get_rect       (const AssayChartScales *scales,
                                          double                  start,
                                          double                  thickness,
                                          double                  from,
                                          double                  to,
                                          graphene_rect_t        *rect);
/* The point of `value` at the centre of `category`'s band. */
void   assay_chart_scales_get_point      (const AssayChartScales *scales,
                                          guint                   category,
                                          double                  value,
                                          graphene_point_t       *point);

#define ASSAY_TYPE_CHART_LAYER (assay_chart_layer_get_type ())

G_DECLARE_DERIVABLE_TYPE (AssayChartLayer, assay_chart_layer, ASSAY, CHART_LAYER, GObject)

/* One thing an AssayChart draws in its plot (Sysprof's SysprofChartLayer):
 * the chart owns the axes, grid, legend and tooltips; a layer holds its
 * data, says what range of values it needs and draws itself.  A subclass
 * calls assay_chart_layer_changed () when its data changes.
 *
 * Properties: "title" (string: the legend and tooltip name), "color-index"
 * (guint: the palette colour it starts from).
 * Signal: void changed (AssayChartLayer *self) — redraw. */
struct _AssayChartLayerClass
{
  GObjectClass parent_class;

  /* The data: series × categories values (for the chart's getters); one
   * series unless get_n_series says otherwise. */
  guint    (*get_n_series)    (AssayChartLayer        *self);
  double   (*get_value)       (AssayChartLayer        *self,
                               guint                   series,
                               guint                   category);
  /* The values the axis must show; FALSE if the layer has none. */
  gboolean (*get_range)       (AssayChartLayer        *self,
                               double                 *lo,
                               double                 *hi);
  void     (*snapshot)        (AssayChartLayer        *self,
                               GtkSnapshot            *snapshot,
                               const graphene_rect_t  *plot,
                               const AssayChartScales *scales);
  /* Optional: legend entries (borrowed names, GdkRGBA colours). */
  void     (*collect_legend)  (AssayChartLayer        *self,
                               GPtrArray              *names,
                               GArray                 *colors);
  /* Optional: the tooltip lines of a category, each starting with "\n". */
  void     (*append_tooltip)  (AssayChartLayer        *self,
                               guint                   category,
                               GString                *text);
  /* Optional: the tooltip lines at `value` on the value axis in the
   * category's band (a cell of a matrix), each starting with "\n"; `value`
   * is NaN for the category as a whole.  When set, the chart calls it
   * rather than append_tooltip. */
  void     (*append_tooltip_at) (AssayChartLayer      *self,
                                 guint                 category,
                                 double                value,
                                 GString              *text);
  /* Optional: a label the chart draws at the end of the category's bar,
   * at `*value` on the value axis; NULL for none. */
  char    *(*dup_value_label) (AssayChartLayer        *self,
                               guint                   category,
                               double                 *value);

  /*< private >*/
  gpointer _reserved[7];
};

AssayChart *assay_chart_layer_get_chart       (AssayChartLayer *self);
const char *assay_chart_layer_get_title       (AssayChartLayer *self);
void        assay_chart_layer_set_title       (AssayChartLayer *self,
                                               const char      *title);
guint       assay_chart_layer_get_color_index (AssayChartLayer *self);
void        assay_chart_layer_set_color_index (AssayChartLayer *self,
                                               guint            color_index);
/* The palette colour `offset` places after the layer's first. */
void        assay_chart_layer_get_color       (AssayChartLayer *self,
                                               guint            offset,
                                               GdkRGBA         *color);
/* A value in the chart's format (a plain number outside a chart). */
char       *assay_chart_layer_format_value    (AssayChartLayer *self,
                                               double           value);
/* Appends "\n<title>: <value>", or "\n<value>" for a layer alone in its
 * chart or without a title; _value formats the value first. */
void        assay_chart_layer_append_tooltip_text  (AssayChartLayer *self,
                                                    GString         *text,
                                                    const char      *value_text);
void        assay_chart_layer_append_tooltip_value (AssayChartLayer *self,
                                                    GString         *text,
                                                    double           value);
/* Begins a cairo drawing over the plot, a margin of `margin` around it
 * included (for dots and line caps that reach past its edge). */
cairo_t    *assay_chart_layer_begin_cairo     (AssayChartLayer       *self,
                                               GtkSnapshot           *snapshot,
                                               const graphene_rect_t *plot,
                                               double                 margin);
void        assay_chart_layer_changed         (AssayChartLayer *self);

guint       assay_chart_layer_get_n_series    (AssayChartLayer *self);
double      assay_chart_layer_get_value       (AssayChartLayer *self,
                                               guint            series,
                                               guint            category);

G_END_DECLS
