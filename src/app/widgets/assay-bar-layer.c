/* assay-bar-layer.c — one bar per category: a single series of values
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

#include "assay-bar-layer.h"

struct _AssayBarLayer
{
  AssayChartLayer  parent_instance;

  guint            n_categories;
  double          *values;
  gboolean         color_by_category;
};

G_DEFINE_FINAL_TYPE (AssayBarLayer, assay_bar_layer, ASSAY_TYPE_CHART_LAYER)

enum {
  PROP_0,
  PROP_COLOR_BY_CATEGORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- AssayChartLayer ------------------------------------------------------------ */

static double
assay_bar_layer_get_value (AssayChartLayer *layer,
                           guint            series,
                           guint            category)
{
  AssayBarLayer *self = ASSAY_BAR_LAYER (layer);

  return series == 0 && category < self->n_categories ? self->values[category] : 0;
}

/* Bars start at zero, so zero is always in range. */
static gboolean
assay_bar_layer_get_range (AssayChartLayer *layer,
                           double          *lo,
                           double          *hi)
{
  AssayBarLayer *self = ASSAY_BAR_LAYER (layer);

  *lo = 0;
  *hi = 0;
  for (guint c = 0; c < self->n_categories; c++)
    {
      *lo = MIN (*lo, self->values[c]);
      *hi = MAX (*hi, self->values[c]);
    }
  return TRUE;
}

static void
assay_bar_layer_snapshot (AssayChartLayer        *layer,
                          GtkSnapshot            *snapshot,
                          const graphene_rect_t  *plot,
                          const AssayChartScales *scales)
{
  AssayBarLayer *self = ASSAY_BAR_LAYER (layer);
  cairo_t *cr = assay_chart_layer_begin_cairo (layer, snapshot, plot, 0);

  for (guint c = 0; c < MIN (self->n_categories, scales->n_categories); c++)
    {
      graphene_rect_t rect;
      double start, thickness;
      GdkRGBA color;

      if (self->values[c] == 0)
        continue;
      assay_chart_scales_get_bar (scales, c, &start, &thickness);
      assay_chart_scales_get_rect (scales, start, thickness, 0, self->values[c], &rect);
      assay_chart_layer_get_color (layer, self->color_by_category ? c : 0, &color);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_rectangle (cr, rect.origin.x, rect.origin.y, rect.size.width, rect.size.height);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
}

static void
assay_bar_layer_collect_legend (AssayChartLayer *layer,
                                GPtrArray       *names,
                                GArray          *colors)
{
  AssayBarLayer *self = ASSAY_BAR_LAYER (layer);
  const char *title = assay_chart_layer_get_title (layer);
  GdkRGBA color;

  if (self->color_by_category || title == NULL)
    return;
  assay_chart_layer_get_color (layer, 0, &color);
  g_ptr_array_add (names, (gpointer) title);
  g_array_append_val (colors, color);
}

static void
assay_bar_layer_append_tooltip (AssayChartLayer *layer,
                                guint            category,
                                GString         *text)
{
  AssayBarLayer *self = ASSAY_BAR_LAYER (layer);

  if (category < self->n_categories)
    assay_chart_layer_append_tooltip_value (layer, text, self->values[category]);
}

static char *
assay_bar_layer_dup_value_label (AssayChartLayer *layer,
                                 guint            category,
                                 double          *value)
{
  AssayBarLayer *self = ASSAY_BAR_LAYER (layer);

  if (category >= self->n_categories)
    return NULL;
  *value = MAX (self->values[category], 0);
  return assay_chart_layer_format_value (layer, self->values[category]);
}

/* ---- GObject ------------------------------------------------------------------- */

static void
assay_bar_layer_finalize (GObject *object)
{
  AssayBarLayer *self = ASSAY_BAR_LAYER (object);

  g_clear_pointer (&self->values, g_free);

  G_OBJECT_CLASS (assay_bar_layer_parent_class)->finalize (object);
}

static void
assay_bar_layer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AssayBarLayer *self = ASSAY_BAR_LAYER (object);

  switch (prop_id)
    {
    case PROP_COLOR_BY_CATEGORY:
      g_value_set_boolean (value, self->color_by_category);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_bar_layer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AssayBarLayer *self = ASSAY_BAR_LAYER (object);

  switch (prop_id)
    {
    case PROP_COLOR_BY_CATEGORY:
      assay_bar_layer_set_color_by_category (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_bar_layer_class_init (AssayBarLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AssayChartLayerClass *layer_class = ASSAY_CHART_LAYER_CLASS (klass);

  object_class->finalize = assay_bar_layer_finalize;
  object_class->get_property = assay_bar_layer_get_property;
  object_class->set_property = assay_bar_layer_set_property;

  layer_class->get_value = assay_bar_layer_get_value;
  layer_class->get_range = assay_bar_layer_get_range;
  layer_class->snapshot = assay_bar_layer_snapshot;
  layer_class->collect_legend = assay_bar_layer_collect_legend;
  layer_class->append_tooltip = assay_bar_layer_append_tooltip;
  layer_class->dup_value_label = assay_bar_layer_dup_value_label;

  properties[PROP_COLOR_BY_CATEGORY] =
    g_param_spec_boolean ("color-by-category", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
assay_bar_layer_init (AssayBarLayer *self)
{
}

/* ---- public API ------------------------------------------------------------------ */

AssayBarLayer *
assay_bar_layer_new (void)
{
  return g_object_new (ASSAY_TYPE_BAR_LAYER, NULL);
}

void
assay_bar_layer_set_values (AssayBarLayer *self,
                            guint          n_categories,
                            const double  *values)
{
  g_return_if_fail (ASSAY_IS_BAR_LAYER (self));
  g_return_if_fail (n_categories == 0 || values != NULL);

  g_free (self->values);
  self->n_categories = n_categories;
  self->values = g_memdup2 (values, sizeof (double) * n_categories);
  assay_chart_layer_changed (ASSAY_CHART_LAYER (self));
}

gboolean
assay_bar_layer_get_color_by_category (AssayBarLayer *self)
{
  g_return_val_if_fail (ASSAY_IS_BAR_LAYER (self), FALSE);

  return self->color_by_category;
}

void
assay_bar_layer_set_color_by_category (AssayBarLayer *self,
                                       gboolean       color_by_category)
{
  g_return_if_fail (ASSAY_IS_BAR_LAYER (self));

  color_by_category = !!color_by_category;
  if (self->color_by_category == color_by_category)
    return;
  self->color_by_category = color_by_category;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR_BY_CATEGORY]);
  assay_chart_layer_changed (ASSAY_CHART_LAYER (self));
}
