/* assay-band-layer.c — a shaded span of categories: a flagged period on a chart
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

#include "config.h"

#include "assay-band-layer.h"
#include "assay-chart.h"

struct _AssayBandLayer
{
  AssayChartLayer parent_instance;

  guint           first;
  guint           last;
};

G_DEFINE_FINAL_TYPE (AssayBandLayer, assay_band_layer, ASSAY_TYPE_CHART_LAYER)

/* The band’s colour: the palette’s yellow, which no dimension uses. */
#define BAND_COLOR_INDEX (ASSAY_CHART_N_COLORS - 2)

static guint
assay_band_layer_get_n_series (AssayChartLayer *layer)
{
  return 0;
}

static void
assay_band_layer_snapshot (AssayChartLayer        *layer,
                           GtkSnapshot            *snapshot,
                           const graphene_rect_t  *plot,
                           const AssayChartScales *scales)
{
  AssayBandLayer *self = ASSAY_BAND_LAYER (layer);
  double start, end;
  cairo_t *cr;
  GdkRGBA color;

  if (!assay_band_layer_get_span (self, scales, &start, &end))
    return;
  cr = assay_chart_layer_begin_cairo (layer, snapshot, plot, 0);
  assay_chart_layer_get_color (layer, 0, &color);
  if (scales->horizontal)
    cairo_rectangle (cr, plot->origin.x, start, plot->size.width, end - start);
  else
    cairo_rectangle (cr, start, plot->origin.y, end - start, plot->size.height);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.18);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.9);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
assay_band_layer_collect_legend (AssayChartLayer *layer,
                                 GPtrArray       *names,
                                 GArray          *colors)
{
  const char *title = assay_chart_layer_get_title (layer);
  GdkRGBA color;

  if (title == NULL)
    return;
  assay_chart_layer_get_color (layer, 0, &color);
  color.alpha = 0.5;
  g_ptr_array_add (names, (gpointer) title);
  g_array_append_val (colors, color);
}

static void
assay_band_layer_class_init (AssayBandLayerClass *klass)
{
  AssayChartLayerClass *layer_class = ASSAY_CHART_LAYER_CLASS (klass);

  layer_class->get_n_series = assay_band_layer_get_n_series;
  layer_class->snapshot = assay_band_layer_snapshot;
  layer_class->collect_legend = assay_band_layer_collect_legend;
}

static void
assay_band_layer_init (AssayBandLayer *self)
{
  assay_chart_layer_set_color_index (ASSAY_CHART_LAYER (self), BAND_COLOR_INDEX);
}

AssayBandLayer *
assay_band_layer_new (guint first,
                      guint last)
{
  AssayBandLayer *self = g_object_new (ASSAY_TYPE_BAND_LAYER, NULL);

  self->first = MIN (first, last);
  self->last = MAX (first, last);
  return self;
}

gboolean
assay_band_layer_get_span (AssayBandLayer         *self,
                           const AssayChartScales *scales,
                           double                 *start,
                           double                 *end)
{
  guint last;

  g_return_val_if_fail (ASSAY_IS_BAND_LAYER (self), FALSE);
  g_return_val_if_fail (scales != NULL, FALSE);

  if (scales->n_categories == 0 || self->first >= scales->n_categories)
    return FALSE;
  last = MIN (self->last, scales->n_categories - 1);
  *start = scales->band_start + self->first * scales->band_size;
  *end = scales->band_start + (last + 1) * scales->band_size;
  return TRUE;
}
