/* assay-chart-layer.c — the base class of what an AssayChart draws in its plot
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
#include "assay-chart-layer-private.h"
#include "assay-format.h"

typedef struct
{
  AssayChart *chart;
  char       *title;
  guint       color_index;
} AssayChartLayerPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (AssayChartLayer, assay_chart_layer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_COLOR_INDEX,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Bars take 72 % of a column's band (all of it when bands are thin) and
 * 70 % of a horizontal bar's band, up to 28 pixels. */
#define COLUMN_FILL  0.72
#define BAR_FILL     0.7
#define BAR_MAX      28.0
#define THIN_BAND    6.0

/* ---- scales ------------------------------------------------------------------- */

void
assay_chart_scales_get_bar (const AssayChartScales *scales,
                            guint                   category,
                            double                 *start,
                            double                 *thickness)
{
  double slot = scales->band_size;
  double bar;

  g_return_if_fail (scales != NULL && start != NULL && thickness != NULL);

  if (scales->horizontal)
    bar = MIN (slot * BAR_FILL, BAR_MAX);
  else
    bar = slot >= THIN_BAND ? slot * COLUMN_FILL : slot;
  *start = scales->band_start + category * slot + (slot - bar) / 2;
  *thickness = bar;
}

double
assay_chart_scales_get_center (const AssayChartScales *scales,
                               guint                   category)
{
  g_return_val_if_fail (scales != NULL, 0);

  return scales->band_start + (category + 0.5) * scales->band_size;
}

void
assay_chart_scales_get_rect (const AssayChartScales *scales,
                             double                  start,
                             double                  thickness,
                             double                  from,
                             double                  to,
                             graphene_rect_t        *rect)
{
  double a, b;

  g_return_if_fail (scales != NULL && rect != NULL);

  a = assay_scale_map (&scales->values, from);
  b = assay_scale_map (&scales->values, to);
  if (scales->horizontal)
    graphene_rect_init (rect, MIN (a, b), start, fabs (b - a), thickness);
  else
    graphene_rect_init (rect, start, MIN (a, b), thickness, fabs (b - a));
}

void
assay_chart_scales_get_point (const AssayChartScales *scales,
                              guint                   category,
                              double                  value,
                              graphene_point_t       *point)
{
  double across, along;

  g_return_if_fail (scales != NULL && point != NULL);

  across = assay_chart_scales_get_center (scales, category);
  along = assay_scale_map (&scales->values, value);
  if (scales->horizontal)
    graphene_point_init (point, along, across);
  else
    graphene_point_init (point, across, along);
}

/* ---- GObject ------------------------------------------------------------------- */

static void
assay_chart_layer_finalize (GObject *object)
{
  AssayChartLayer *self = ASSAY_CHART_LAYER (object);
  AssayChartLayerPrivate *priv = assay_chart_layer_get_instance_private (self);

  g_clear_pointer (&priv->title, g_free);

  G_OBJECT_CLASS (assay_chart_layer_parent_class)->finalize (object);
}

static void
assay_chart_layer_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AssayChartLayer *self = ASSAY_CHART_LAYER (object);
  AssayChartLayerPrivate *priv = assay_chart_layer_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, priv->title);
      break;

    case PROP_COLOR_INDEX:
      g_value_set_uint (value, priv->color_index);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_chart_layer_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AssayChartLayer *self = ASSAY_CHART_LAYER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      assay_chart_layer_set_title (self, g_value_get_string (value));
      break;

    case PROP_COLOR_INDEX:
      assay_chart_layer_set_color_index (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Most layers draw one series. */
static guint
assay_chart_layer_real_get_n_series (AssayChartLayer *self)
{
  return 1;
}

static double
assay_chart_layer_real_get_value (AssayChartLayer *self,
                                  guint            series,
                                  guint            category)
{
  return 0;
}

static gboolean
assay_chart_layer_real_get_range (AssayChartLayer *self,
                                  double          *lo,
                                  double          *hi)
{
  return FALSE;
}

static void
assay_chart_layer_class_init (AssayChartLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = assay_chart_layer_finalize;
  object_class->get_property = assay_chart_layer_get_property;
  object_class->set_property = assay_chart_layer_set_property;

  klass->get_n_series = assay_chart_layer_real_get_n_series;
  klass->get_value = assay_chart_layer_real_get_value;
  klass->get_range = assay_chart_layer_real_get_range;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR_INDEX] =
    g_param_spec_uint ("color-index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
assay_chart_layer_init (AssayChartLayer *self)
{
}

/* ---- private API ------------------------------------------------------------------ */

void
_assay_chart_layer_set_chart (AssayChartLayer *self,
                              AssayChart      *chart)
{
  AssayChartLayerPrivate *priv = assay_chart_layer_get_instance_private (self);

  g_return_if_fail (ASSAY_IS_CHART_LAYER (self));

  priv->chart = chart;
}

/* ---- public API ------------------------------------------------------------------- */

AssayChart *
assay_chart_layer_get_chart (AssayChartLayer *self)
{
  AssayChartLayerPrivate *priv = assay_chart_layer_get_instance_private (self);

  g_return_val_if_fail (ASSAY_IS_CHART_LAYER (self), NULL);

  return priv->chart;
}

const char *
assay_chart_layer_get_title (AssayChartLayer *self)
{
  AssayChartLayerPrivate *priv = assay_chart_layer_get_instance_private (self);

  g_return_val_if_fail (ASSAY_IS_CHART_LAYER (self), NULL);

  return priv->title;
}

void
assay_chart_layer_set_title (AssayChartLayer *self,
                             const char      *title)
{
  AssayChartLayerPrivate *priv = assay_chart_layer_get_instance_private (self);

  g_return_if_fail (ASSAY_IS_CHART_LAYER (self));

  if (g_strcmp0 (priv->title, title) == 0)
    return;
  g_free (priv->title);
  priv->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  assay_chart_layer_changed (self);
}

guint
assay_chart_layer_get_color_index (AssayChartLayer *self)
{
  AssayChartLayerPrivate *priv = assay_chart_layer_get_instance_private (self);

  g_return_val_if_fail (ASSAY_IS_CHART_LAYER (self), 0);

  return priv->color_index;
}

void
assay_chart_layer_set_color_index (AssayChartLayer *self,
                                   guint            color_index)
{
  AssayChartLayerPrivate *priv = assay_chart_layer_get_instance_private (self);

  g_return_if_fail (ASSAY_IS_CHART_LAYER (self));

  if (priv->color_index == color_index)
    return;
  priv->color_index = color_index;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR_INDEX]);
  assay_chart_layer_changed (self);
}

void
assay_chart_layer_get_color (AssayChartLayer *self,
                             guint            offset,
                             GdkRGBA         *color)
{
  AssayChartLayerPrivate *priv = assay_chart_layer_get_instance_private (self);

  g_return_if_fail (ASSAY_IS_CHART_LAYER (self));

  assay_chart_get_color (priv->color_index + offset, color);
}

char *
assay_chart_layer_format_value (AssayChartLayer *self,
                                double           value)
{
  AssayChartLayerPrivate *priv = assay_chart_layer_get_instance_private (self);

  g_return_val_if_fail (ASSAY_IS_CHART_LAYER (self), NULL);

  if (priv->chart == NULL)
    return assay_format_number (value);
  return assay_chart_format_value (priv->chart, value);
}

void
assay_chart_layer_append_tooltip_text (AssayChartLayer *self,
                                       GString         *text,
                                       const char      *value_text)
{
  AssayChartLayerPrivate *priv = assay_chart_layer_get_instance_private (self);
  gboolean alone;

  g_return_if_fail (ASSAY_IS_CHART_LAYER (self));
  g_return_if_fail (text != NULL && value_text != NULL);

  alone = priv->chart == NULL || assay_chart_get_n_layers (priv->chart) <= 1;
  g_string_append_c (text, '\n');
  if (alone || priv->title == NULL)
    g_string_append (text, value_text);
  else
    /* Translators: a tooltip line, "Professional: 1,234". */
    g_string_append_printf (text, _("%s: %s"), priv->title, value_text);
}

void
assay_chart_layer_append_tooltip_value (AssayChartLayer *self,
                                        GString         *text,
                                        double           value)
{
  g_autofree char *formatted = NULL;

  g_return_if_fail (ASSAY_IS_CHART_LAYER (self));

  formatted = assay_chart_layer_format_value (self, value);
  assay_chart_layer_append_tooltip_text (self, text, formatted);
}

cairo_t *
assay_chart_layer_begin_cairo (AssayChartLayer       *self,
                               GtkSnapshot           *snapshot,
                               const graphene_rect_t *plot,
                               double                 margin)
{
  graphene_rect_t bounds;

  g_return_val_if_fail (ASSAY_IS_CHART_LAYER (self), NULL);

  graphene_rect_inset_r (plot, -margin, -margin, &bounds);
  return gtk_snapshot_append_cairo (snapshot, &bounds);
}

void
assay_chart_layer_changed (AssayChartLayer *self)
{
  g_return_if_fail (ASSAY_IS_CHART_LAYER (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

guint
assay_chart_layer_get_n_series (AssayChartLayer *self)
{
  g_return_val_if_fail (ASSAY_IS_CHART_LAYER (self), 0);

  return ASSAY_CHART_LAYER_GET_CLASS (self)->get_n_series (self);
}

double
assay_chart_layer_get_value (AssayChartLayer *self,
                             guint            series,
                             guint            category)
{
  g_return_val_if_fail (ASSAY_IS_CHART_LAYER (self), 0);

  return ASSAY_CHART_LAYER_GET_CLASS (self)->get_value (self, series, category);
}
