/* assay-stacked-column-layer.c — several series stacked on each category
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

#include "assay-stacked-column-layer.h"

struct _AssayStackedColumnLayer
{
  AssayChartLayer  parent_instance;

  guint            n_series;
  guint            n_categories;
  GStrv            series_names;
  double          *values;          /* [series * n_categories + category] */
};

G_DEFINE_FINAL_TYPE (AssayStackedColumnLayer, assay_stacked_column_layer, ASSAY_TYPE_CHART_LAYER)

/* ---- helpers ------------------------------------------------------------------ */

static double
value_at (AssayStackedColumnLayer *self,
          guint                    series,
          guint                    category)
{
  return self->values[series * self->n_categories + category];
}

/* Sums of the positive and of the negative values of a category's stack. */
static void
stack_extent (AssayStackedColumnLayer *self,
              guint                    category,
              double                  *pos,
              double                  *neg)
{
  *pos = 0;
  *neg = 0;
  for (guint s = 0; s < self->n_series; s++)
    {
      double v = value_at (self, s, category);

      if (v > 0)
        *pos += v;
      else
        *neg += v;
    }
}

static double
category_total (AssayStackedColumnLayer *self,
                guint                    category)
{
  double total = 0;

  for (guint s = 0; s < self->n_series; s++)
    total += value_at (self, s, category);
  return total;
}

/* Draws one category's stack: each series from where the last one of its
 * sign ended. */
static void
draw_stack (AssayStackedColumnLayer *self,
            cairo_t                 *cr,
            const AssayChartScales  *scales,
            guint                    category)
{
  double up = 0, down = 0, start, thickness;

  assay_chart_scales_get_bar (scales, category, &start, &thickness);
  for (guint s = 0; s < self->n_series; s++)
    {
      double v = value_at (self, s, category);
      double from = v >= 0 ? up : down;
      graphene_rect_t rect;
      GdkRGBA color;

      if (v == 0)
        continue;
      if (v >= 0)
        up = from + v;
      else
        down = from + v;
      assay_chart_scales_get_rect (scales, start, thickness, from, from + v, &rect);
      assay_chart_layer_get_color (ASSAY_CHART_LAYER (self), s, &color);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_rectangle (cr, rect.origin.x, rect.origin.y, rect.size.width, rect.size.height);
      cairo_fill (cr);
    }
}

/* ---- AssayChartLayer ------------------------------------------------------------ */

static guint
assay_stacked_column_layer_get_n_series (AssayChartLayer *layer)
{
  return ASSAY_STACKED_COLUMN_LAYER (layer)->n_series;
}

static double
assay_stacked_column_layer_get_value (AssayChartLayer *layer,
                                      guint            series,
                                      guint            category)
{
  AssayStackedColumnLayer *self = ASSAY_STACKED_COLUMN_LAYER (layer);

  if (series >= self->n_series || category >= self->n_categories)
    return 0;
  return value_at (self, series, category);
}

static gboolean
assay_stacked_column_layer_get_range (AssayChartLayer *layer,
                                      double          *lo,
                                      double          *hi)
{
  AssayStackedColumnLayer *self = ASSAY_STACKED_COLUMN_LAYER (layer);

  *lo = 0;
  *hi = 0;
  for (guint c = 0; c < self->n_categories; c++)
    {
      double pos, neg;

      stack_extent (self, c, &pos, &neg);
      *hi = MAX (*hi, pos);
      *lo = MIN (*lo, neg);
    }
  return TRUE;
}

static void
assay_stacked_column_layer_snapshot (AssayChartLayer        *layer,
                                     GtkSnapshot            *snapshot,
                                     const graphene_rect_t  *plot,
                                     const AssayChartScales *scales)
{
  AssayStackedColumnLayer *self = ASSAY_STACKED_COLUMN_LAYER (layer);
  cairo_t *cr = assay_chart_layer_begin_cairo (layer, snapshot, plot, 0);

  for (guint c = 0; c < MIN (self->n_categories, scales->n_categories); c++)
    draw_stack (self, cr, scales, c);
  cairo_destroy (cr);
}

static void
assay_stacked_column_layer_collect_legend (AssayChartLayer *layer,
                                           GPtrArray       *names,
                                           GArray          *colors)
{
  AssayStackedColumnLayer *self = ASSAY_STACKED_COLUMN_LAYER (layer);

  for (guint s = 0; s < self->n_series; s++)
    {
      GdkRGBA color;

      assay_chart_layer_get_color (layer, s, &color);
      g_ptr_array_add (names, self->series_names[s]);
      g_array_append_val (colors, color);
    }
}

static void
assay_stacked_column_layer_append_tooltip (AssayChartLayer *layer,
                                           guint            category,
                                           GString         *text)
{
  AssayStackedColumnLayer *self = ASSAY_STACKED_COLUMN_LAYER (layer);
  g_autofree char *total = NULL;

  if (category >= self->n_categories || self->n_series == 0)
    return;
  if (self->n_series == 1)
    {
      assay_chart_layer_append_tooltip_value (layer, text, value_at (self, 0, category));
      return;
    }
  for (guint s = 0; s < self->n_series; s++)
    {
      g_autofree char *value = NULL;

      if (value_at (self, s, category) == 0)
        continue;
      value = assay_chart_layer_format_value (layer, value_at (self, s, category));
      g_string_append_c (text, '\n');
      /* Translators: a tooltip line, "Professional: 1,234". */
      g_string_append_printf (text, _("%s: %s"), self->series_names[s], value);
    }
  total = assay_chart_layer_format_value (layer, category_total (self, category));
  g_string_append_c (text, '\n');
  /* Translators: the last tooltip line of a stacked bar. */
  g_string_append_printf (text, _("Total: %s"), total);
}

static char *
assay_stacked_column_layer_dup_value_label (AssayChartLayer *layer,
                                            guint            category,
                                            double          *value)
{
  AssayStackedColumnLayer *self = ASSAY_STACKED_COLUMN_LAYER (layer);
  double neg;

  if (category >= self->n_categories)
    return NULL;
  stack_extent (self, category, value, &neg);
  return assay_chart_layer_format_value (layer, category_total (self, category));
}

/* ---- GObject ------------------------------------------------------------------- */

static void
assay_stacked_column_layer_finalize (GObject *object)
{
  AssayStackedColumnLayer *self = ASSAY_STACKED_COLUMN_LAYER (object);

  g_clear_pointer (&self->series_names, g_strfreev);
  g_clear_pointer (&self->values, g_free);

  G_OBJECT_CLASS (assay_stacked_column_layer_parent_class)->finalize (object);
}

static void
assay_stacked_column_layer_class_init (AssayStackedColumnLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AssayChartLayerClass *layer_class = ASSAY_CHART_LAYER_CLASS (klass);

  object_class->finalize = assay_stacked_column_layer_finalize;

  layer_class->get_n_series = assay_stacked_column_layer_get_n_series;
  layer_class->get_value = assay_stacked_column_layer_get_value;
  layer_class->get_range = assay_stacked_column_layer_get_range;
  layer_class->snapshot = assay_stacked_column_layer_snapshot;
  layer_class->collect_legend = assay_stacked_column_layer_collect_legend;
  layer_class->append_tooltip = assay_stacked_column_layer_append_tooltip;
  layer_class->dup_value_label = assay_stacked_column_layer_dup_value_label;
}

static void
assay_stacked_column_layer_init (AssayStackedColumnLayer *self)
{
}

/* ---- public API ------------------------------------------------------------------ */

AssayStackedColumnLayer *
assay_stacked_column_layer_new (void)
{
  return g_object_new (ASSAY_TYPE_STACKED_COLUMN_LAYER, NULL);
}

void
assay_stacked_column_layer_set_values (AssayStackedColumnLayer *self,
                                       guint                    n_series,
                                       const char * const      *series_names,
                                       guint                    n_categories,
                                       const double            *values)
{
  g_return_if_fail (ASSAY_IS_STACKED_COLUMN_LAYER (self));
  g_return_if_fail (n_series == 0 || series_names != NULL);
  g_return_if_fail (n_series * n_categories == 0 || values != NULL);

  g_clear_pointer (&self->series_names, g_strfreev);
  g_free (self->values);
  self->n_series = n_series;
  self->n_categories = n_categories;
  self->series_names = g_new0 (char *, n_series + 1);
  for (guint s = 0; s < n_series; s++)
    self->series_names[s] = g_strdup (series_names[s] != NULL ? series_names[s] : "");
  self->values = g_memdup2 (values, sizeof (double) * n_series * n_categories);
  assay_chart_layer_changed (ASSAY_CHART_LAYER (self));
}
