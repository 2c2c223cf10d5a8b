/* assay-line-layer.c — a line through one value per category
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

#include <math.h>

#include "assay-line-layer.h"

#define LINE_WIDTH  2.0
#define DOT_RADIUS  3.0

struct _AssayLineLayer
{
  AssayChartLayer  parent_instance;

  guint            n_categories;
  double          *values;
};

G_DEFINE_FINAL_TYPE (AssayLineLayer, assay_line_layer, ASSAY_TYPE_CHART_LAYER)

/* ---- helpers ------------------------------------------------------------------ */

static gboolean
has_value (AssayLineLayer *self,
           guint           category)
{
  return category < self->n_categories && isfinite (self->values[category]);
}

/* The line, broken where a value is missing. */
static void
draw_line (AssayLineLayer         *self,
           cairo_t                *cr,
           const AssayChartScales *scales,
           guint                   n)
{
  gboolean drawing = FALSE;

  for (guint c = 0; c < n; c++)
    {
      graphene_point_t point;

      if (!assay_line_layer_get_point (self, scales, c, &point))
        {
          drawing = FALSE;
          continue;
        }
      if (drawing)
        cairo_line_to (cr, point.x, point.y);
      else
        cairo_move_to (cr, point.x, point.y);
      drawing = TRUE;
    }
  cairo_stroke (cr);
}

static void
draw_points (AssayLineLayer         *self,
             cairo_t                *cr,
             const AssayChartScales *scales,
             guint                   n)
{
  double radius = MIN (DOT_RADIUS, scales->band_size * 0.4);

  for (guint c = 0; c < n; c++)
    {
      graphene_point_t point;

      if (!assay_line_layer_get_point (self, scales, c, &point))
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, point.x, point.y, radius, 0, 2 * G_PI);
    }
  cairo_fill (cr);
}

/* ---- AssayChartLayer ------------------------------------------------------------ */

static double
assay_line_layer_get_value (AssayChartLayer *layer,
                            guint            series,
                            guint            category)
{
  AssayLineLayer *self = ASSAY_LINE_LAYER (layer);

  return series == 0 && category < self->n_categories ? self->values[category] : 0;
}

static gboolean
assay_line_layer_get_range (AssayChartLayer *layer,
                            double          *lo,
                            double          *hi)
{
  AssayLineLayer *self = ASSAY_LINE_LAYER (layer);
  gboolean any = FALSE;

  for (guint c = 0; c < self->n_categories; c++)
    {
      if (!has_value (self, c))
        continue;
      *lo = any ? MIN (*lo, self->values[c]) : self->values[c];
      *hi = any ? MAX (*hi, self->values[c]) : self->values[c];
      any = TRUE;
    }
  return any;
}

static void
assay_line_layer_snapshot (AssayChartLayer        *layer,
                           GtkSnapshot            *snapshot,
                           const graphene_rect_t  *plot,
                           const AssayChartScales *scales)
{
  AssayLineLayer *self = ASSAY_LINE_LAYER (layer);
  cairo_t *cr = assay_chart_layer_begin_cairo (layer, snapshot, plot, DOT_RADIUS + LINE_WIDTH);
  guint n = MIN (self->n_categories, scales->n_categories);
  GdkRGBA color;

  assay_chart_layer_get_color (layer, 0, &color);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  draw_line (self, cr, scales, n);
  draw_points (self, cr, scales, n);
  cairo_destroy (cr);
}

static void
assay_line_layer_collect_legend (AssayChartLayer *layer,
                                 GPtrArray       *names,
                                 GArray          *colors)
{
  const char *title = assay_chart_layer_get_title (layer);
  GdkRGBA color;

  if (title == NULL)
    return;
  assay_chart_layer_get_color (layer, 0, &color);
  g_ptr_array_add (names, (gpointer) title);
  g_array_append_val (colors, color);
}

static void
assay_line_layer_append_tooltip (AssayChartLayer *layer,
                                 guint            category,
                                 GString         *text)
{
  AssayLineLayer *self = ASSAY_LINE_LAYER (layer);

  if (has_value (self, category))
    assay_chart_layer_append_tooltip_value (layer, text, self->values[category]);
}

/* ---- GObject ------------------------------------------------------------------- */

static void
assay_line_layer_finalize (GObject *object)
{
  AssayLineLayer *self = ASSAY_LINE_LAYER (object);

  g_clear_pointer (&self->values, g_free);

  G_OBJECT_CLASS (assay_line_layer_parent_class)->finalize (object);
}

static void
assay_line_layer_class_init (AssayLineLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AssayChartLayerClass *layer_class = ASSAY_CHART_LAYER_CLASS (klass);

  object_class->finalize = assay_line_layer_finalize;

  layer_class->get_value = assay_line_layer_get_value;
  layer_class->get_range = assay_line_layer_get_range;
  layer_class->snapshot = assay_line_layer_snapshot;
  layer_class->collect_legend = assay_line_layer_collect_legend;
  layer_class->append_tooltip = assay_line_layer_append_tooltip;
}

static void
assay_line_layer_init (AssayLineLayer *self)
{
}

/* ---- public API ------------------------------------------------------------------ */

AssayLineLayer *
assay_line_layer_new (void)
{
  return g_object_new (ASSAY_TYPE_LINE_LAYER, NULL);
}

void
assay_line_layer_set_values (AssayLineLayer *self,
                             guint           n_categories,
                             const double   *values)
{
  g_return_if_fail (ASSAY_IS_LINE_LAYER (self));
  g_return_if_fail (n_categories == 0 || values != NULL);

  g_free (self->values);
  self->n_categories = n_categories;
  self->values = g_memdup2 (values, sizeof (double) * n_categories);
  assay_chart_layer_changed (ASSAY_CHART_LAYER (self));
}

gboolean
assay_line_layer_get_point (AssayLineLayer         *self,
                            const AssayChartScales *scales,
                            guint                   category,
                            graphene_point_t       *point)
{
  g_return_val_if_fail (ASSAY_IS_LINE_LAYER (self), FALSE);
  g_return_val_if_fail (scales != NULL && point != NULL, FALSE);

  if (!has_value (self, category) || category >= scales->n_categories)
    return FALSE;
  assay_chart_scales_get_point (scales, category, self->values[category], point);
  return TRUE;
}
