/* assay-dot-whisker-layer.c — a point and its interval per category
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

#include <glib/gi18n.h>
#include <math.h>

#include "assay-chart.h"
#include "assay-dot-whisker-layer.h"

#define DOT_RADIUS    4.0
#define CAP_WIDTH     10.0
#define WHISKER_WIDTH 1.5

struct _AssayDotWhiskerLayer
{
  AssayChartLayer  parent_instance;

  guint            n_categories;
  double          *values;
  double          *lower;           /* NULL: no whiskers */
  double          *upper;
  double           reference;       /* NaN: no reference line */
};

G_DEFINE_FINAL_TYPE (AssayDotWhiskerLayer, assay_dot_whisker_layer, ASSAY_TYPE_CHART_LAYER)

/* ---- helpers ------------------------------------------------------------------ */

static gboolean
has_value (AssayDotWhiskerLayer *self,
           guint                 category)
{
  return category < self->n_categories && isfinite (self->values[category]);
}

static void
interval (AssayDotWhiskerLayer *self,
          guint                 category,
          double               *lo,
          double               *hi)
{
  double v = self->values[category];

  *lo = self->lower != NULL && isfinite (self->lower[category]) ? MIN (self->lower[category], v) : v;
  *hi = self->upper != NULL && isfinite (self->upper[category]) ? MAX (self->upper[category], v) : v;
}

/* A cap across the whisker at `end`, `half` pixels either side. */
static void
draw_cap (cairo_t                *cr,
          const AssayChartScales *scales,
          const graphene_point_t *end,
          double                  half)
{
  if (scales->horizontal)
    {
      cairo_move_to (cr, end->x, end->y - half);
      cairo_line_to (cr, end->x, end->y + half);
    }
  else
    {
      cairo_move_to (cr, end->x - half, end->y);
      cairo_line_to (cr, end->x + half, end->y);
    }
}

static void
draw_category (AssayDotWhiskerLayer   *self,
               cairo_t                *cr,
               const AssayChartScales *scales,
               guint                   category)
{
  graphene_point_t dot, low, high;
  double half = MIN (CAP_WIDTH, scales->band_size * 0.6) / 2;
  double radius = MIN (DOT_RADIUS, scales->band_size * 0.4);

  if (!assay_dot_whisker_layer_get_geometry (self, scales, category, &dot, &low, &high))
    return;
  cairo_move_to (cr, low.x, low.y);
  cairo_line_to (cr, high.x, high.y);
  draw_cap (cr, scales, &low, half);
  draw_cap (cr, scales, &high, half);
  cairo_stroke (cr);
  cairo_arc (cr, dot.x, dot.y, radius, 0, 2 * G_PI);
  cairo_fill (cr);
}

/* A dashed line across the plot at the reference value, in the text
 * colour at half strength, under the dots. */
static void
draw_reference (AssayDotWhiskerLayer   *self,
                cairo_t                *cr,
                const graphene_rect_t  *plot,
                const AssayChartScales *scales)
{
  static const double dash[] = { 4, 3 };
  GdkRGBA fg;
  double at;

  if (!isfinite (self->reference) || scales->n_categories == 0)
    return;
  at = assay_scale_map (&scales->values, self->reference);
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (assay_chart_layer_get_chart (ASSAY_CHART_LAYER (self)))), &fg);
  fg.alpha *= 0.5;
  gdk_cairo_set_source_rgba (cr, &fg);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  if (scales->horizontal)
    {
      cairo_move_to (cr, at, plot->origin.y);
      cairo_line_to (cr, at, plot->origin.y + plot->size.height);
    }
  else
    {
      cairo_move_to (cr, plot->origin.x, at);
      cairo_line_to (cr, plot->origin.x + plot->size.width, at);
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* ---- AssayChartLayer ------------------------------------------------------------ */

static double
assay_dot_whisker_layer_get_value (AssayChartLayer *layer,
                                   guint            series,
                                   guint            category)
{
  AssayDotWhiskerLayer *self = ASSAY_DOT_WHISKER_LAYER (layer);

  return series == 0 && category < self->n_categories ? self->values[category] : 0;
}

static gboolean
assay_dot_whisker_layer_get_range (AssayChartLayer *layer,
                                   double          *lo,
                                   double          *hi)
{
  AssayDotWhiskerLayer *self = ASSAY_DOT_WHISKER_LAYER (layer);
  gboolean any = FALSE;

  for (guint c = 0; c < self->n_categories; c++)
    {
      double c_lo, c_hi;

      if (!has_value (self, c))
        continue;
      interval (self, c, &c_lo, &c_hi);
      *lo = any ? MIN (*lo, c_lo) : c_lo;
      *hi = any ? MAX (*hi, c_hi) : c_hi;
      any = TRUE;
    }
  /* The reference is what the estimates are read against: always in view. */
  if (any && isfinite (self->reference))
    {
      *lo = MIN (*lo, self->reference);
      *hi = MAX (*hi, self->reference);
    }
  return any;
}

static void
assay_dot_whisker_layer_snapshot (AssayChartLayer        *layer,
                                  GtkSnapshot            *snapshot,
                                  const graphene_rect_t  *plot,
                                  const AssayChartScales *scales)
{
  AssayDotWhiskerLayer *self = ASSAY_DOT_WHISKER_LAYER (layer);
  cairo_t *cr = assay_chart_layer_begin_cairo (layer, snapshot, plot, DOT_RADIUS);
  GdkRGBA color;

  draw_reference (self, cr, plot, scales);
  assay_chart_layer_get_color (layer, 0, &color);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, WHISKER_WIDTH);
  for (guint c = 0; c < MIN (self->n_categories, scales->n_categories); c++)
    draw_category (self, cr, scales, c);
  cairo_destroy (cr);
}

static void
assay_dot_whisker_layer_collect_legend (AssayChartLayer *layer,
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
assay_dot_whisker_layer_append_tooltip (AssayChartLayer *layer,
                                        guint            category,
                                        GString         *text)
{
  AssayDotWhiskerLayer *self = ASSAY_DOT_WHISKER_LAYER (layer);
  g_autofree char *value = NULL;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  g_autofree char *line = NULL;
  double lo, hi;

  if (!has_value (self, category))
    return;
  interval (self, category, &lo, &hi);
  value = assay_chart_layer_format_value (layer, self->values[category]);
  low = assay_chart_layer_format_value (layer, lo);
  high = assay_chart_layer_format_value (layer, hi);
  /* Translators: an estimate and its interval in a chart tooltip,
   * "12.5 % (10.1 % – 14.9 %)". */
  line = g_strdup_printf (_("%s (%s – %s)"), value, low, high);
  assay_chart_layer_append_tooltip_text (layer, text, line);
}

/* ---- GObject ------------------------------------------------------------------- */

static void
assay_dot_whisker_layer_finalize (GObject *object)
{
  AssayDotWhiskerLayer *self = ASSAY_DOT_WHISKER_LAYER (object);

  g_clear_pointer (&self->values, g_free);
  g_clear_pointer (&self->lower, g_free);
  g_clear_pointer (&self->upper, g_free);

  G_OBJECT_CLASS (assay_dot_whisker_layer_parent_class)->finalize (object);
}

static void
assay_dot_whisker_layer_class_init (AssayDotWhiskerLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AssayChartLayerClass *layer_class = ASSAY_CHART_LAYER_CLASS (klass);

  object_class->finalize = assay_dot_whisker_layer_finalize;

  layer_class->get_value = assay_dot_whisker_layer_get_value;
  layer_class->get_range = assay_dot_whisker_layer_get_range;
  layer_class->snapshot = assay_dot_whisker_layer_snapshot;
  layer_class->collect_legend = assay_dot_whisker_layer_collect_legend;
  layer_class->append_tooltip = assay_dot_whisker_layer_append_tooltip;
}

static void
assay_dot_whisker_layer_init (AssayDotWhiskerLayer *self)
{
  self->reference = NAN;
}

/* ---- public API ------------------------------------------------------------------ */

AssayDotWhiskerLayer *
assay_dot_whisker_layer_new (void)
{
  return g_object_new (ASSAY_TYPE_DOT_WHISKER_LAYER, NULL);
}

void
assay_dot_whisker_layer_set_values (AssayDotWhiskerLayer *self,
                                    guint                 n_categories,
                                    const double         *values,
                                    const double         *lower,
                                    const double         *upper)
{
  g_return_if_fail (ASSAY_IS_DOT_WHISKER_LAYER (self));
  g_return_if_fail (n_categories == 0 || values != NULL);

  g_free (self->values);
  g_free (self->lower);
  g_free (self->upper);
  self->n_categories = n_categories;
  self->values = g_memdup2 (values, sizeof (double) * n_categories);
  self->lower = lower != NULL ? g_memdup2 (lower, sizeof (double) * n_categories) : NULL;
  self->upper = upper != NULL ? g_memdup2 (upper, sizeof (double) * n_categories) : NULL;
  assay_chart_layer_changed (ASSAY_CHART_LAYER (self));
}

gboolean
assay_dot_whisker_layer_get_geometry (AssayDotWhiskerLayer   *self,
                                      const AssayChartScales *scales,
                                      guint                   category,
                                      graphene_point_t       *dot,
                                      graphene_point_t       *low,
                                      graphene_point_t       *high)
{
  double lo, hi;

  g_return_val_if_fail (ASSAY_IS_DOT_WHISKER_LAYER (self), FALSE);
  g_return_val_if_fail (scales != NULL && dot != NULL && low != NULL && high != NULL, FALSE);

  if (!has_value (self, category) || category >= scales->n_categories)
    return FALSE;
  interval (self, category, &lo, &hi);
  assay_chart_scales_get_point (scales, category, self->values[category], dot);
  assay_chart_scales_get_point (scales, category, lo, low);
  assay_chart_scales_get_point (scales, category, hi, high);
  return TRUE;
}

void
assay_dot_whisker_layer_set_reference (AssayDotWhiskerLayer *self,
                                       double                reference)
{
  g_return_if_fail (ASSAY_IS_DOT_WHISKER_LAYER (self));

  self->reference = reference;
  assay_chart_layer_changed (ASSAY_CHART_LAYER (self));
}
