/* assay-chart.c — a chart widget: axes, grid, legend and tooltips around its layers
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
#include <string.h>

#include "assay-app-enums.h"
#include "assay-bar-layer.h"
#include "assay-chart-layer-private.h"
#include "assay-chart-private.h"
#include "assay-day.h"
#include "assay-format.h"
#include "assay-replica-charts.h"
#include "assay-stacked-column-layer.h"

#define MIN_WIDTH    120
#define MIN_HEIGHT   120

G_DEFINE_FINAL_TYPE (AssayChart, assay_chart, GTK_TYPE_DRAWING_AREA)

enum {
  PROP_0,
  PROP_KIND,
  PROP_FORMAT,
  PROP_COLOR_BY_CATEGORY,
  PROP_EMPTY_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* GNOME palette mid-tones: blue, purple, orange, green, teal, red, yellow,
 * brown.  Each keeps enough contrast on both the light and dark window
 * backgrounds. */
static const char * const palette[ASSAY_CHART_N_COLORS] = {
  "#3584e4", "#9141ac", "#e66100", "#2ec27e", "#2190a4", "#e01b24", "#e5a50a", "#986a44",
};

/* ---- helpers ------------------------------------------------------------------ */

static GStrv
copy_strings (const char * const *strings,
              guint               n)
{
  GStrv copy = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    copy[i] = g_strdup (strings[i] != NULL ? strings[i] : "");
  return copy;
}

static void
clear_categories (AssayChart *self)
{
  self->n_categories = 0;
  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->titles, g_strfreev);
  g_clear_pointer (&self->groups, g_strfreev);
}

/* The layer holding series `series` of the chart, and its index there. */
static AssayChartLayer *
find_series (AssayChart *self,
             guint      *series)
{
  for (guint i = 0; i < self->layers->len; i++)
    {
      AssayChartLayer *layer = g_ptr_array_index (self->layers, i);
      guint n = assay_chart_layer_get_n_series (layer);

      if (*series < n)
        return layer;
      *series -= n;
    }
  return NULL;
}

/* ---- callbacks ------------------------------------------------------------------- */

static void
layer_changed_cb (AssayChart      *self,
                  AssayChartLayer *layer)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
query_tooltip_cb (AssayChart *self,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  int category = _assay_chart_category_at (self, x, y);
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  const char *title;

  if (category < 0)
    return FALSE;

  text = assay_chart_dup_tooltip_text_at (self, category,
                                          assay_scale_unmap (&self->scales.values,
                                                             self->scales.horizontal ? x : y));
  title = self->titles != NULL ? self->titles[category] : self->labels[category];
  /* The first line is the title: set it in bold. */
  markup = g_markup_printf_escaped ("<b>%s</b>%s", title, text + strlen (title));
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

/* ---- layers ------------------------------------------------------------------- */

static void
detach_layer (AssayChart      *self,
              AssayChartLayer *layer)
{
  g_signal_handlers_disconnect_by_func (layer, layer_changed_cb, self);
  _assay_chart_layer_set_chart (layer, NULL);
}

static void
remove_all_layers (AssayChart *self)
{
  for (guint i = 0; i < self->layers->len; i++)
    detach_layer (self, g_ptr_array_index (self->layers, i));
  g_ptr_array_set_size (self->layers, 0);
}

/* ---- GtkWidget ------------------------------------------------------------------- */

/* The content size is what the chart likes; it can shrink well below it
 * in a narrow window. */
static void
assay_chart_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  GTK_WIDGET_CLASS (assay_chart_parent_class)->measure (widget, orientation, for_size,
                                                        minimum, natural,
                                                        minimum_baseline, natural_baseline);
  *minimum = MIN (*minimum, orientation == GTK_ORIENTATION_HORIZONTAL ? MIN_WIDTH : MIN_HEIGHT);
}

/* ---- GObject ------------------------------------------------------------------- */

static void
assay_chart_dispose (GObject *object)
{
  AssayChart *self = ASSAY_CHART (object);

  remove_all_layers (self);

  G_OBJECT_CLASS (assay_chart_parent_class)->dispose (object);
}

static void
assay_chart_finalize (GObject *object)
{
  AssayChart *self = ASSAY_CHART (object);

  clear_categories (self);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  g_free (self->empty_text);

  G_OBJECT_CLASS (assay_chart_parent_class)->finalize (object);
}

static void
assay_chart_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AssayChart *self = ASSAY_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_FORMAT:
      g_value_set_enum (value, self->format);
      break;

    case PROP_COLOR_BY_CATEGORY:
      g_value_set_boolean (value, self->color_by_category);
      break;

    case PROP_EMPTY_TEXT:
      g_value_set_string (value, self->empty_text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_chart_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  AssayChart *self = ASSAY_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      assay_chart_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_FORMAT:
      assay_chart_set_format (self, g_value_get_enum (value));
      break;

    case PROP_COLOR_BY_CATEGORY:
      assay_chart_set_color_by_category (self, g_value_get_boolean (value));
      break;

    case PROP_EMPTY_TEXT:
      assay_chart_set_empty_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_chart_class_init (AssayChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = assay_chart_dispose;
  object_class->finalize = assay_chart_finalize;
  object_class->get_property = assay_chart_get_property;
  object_class->set_property = assay_chart_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, ASSAY_TYPE_CHART_KIND, ASSAY_CHART_COLUMNS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FORMAT] =
    g_param_spec_enum ("format", NULL, NULL, ASSAY_TYPE_CHART_FORMAT, ASSAY_CHART_FORMAT_NUMBER,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR_BY_CATEGORY] =
    g_param_spec_boolean ("color-by-category", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPTY_TEXT] =
    g_param_spec_string ("empty-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = assay_chart_measure;
  widget_class->snapshot = _assay_chart_snapshot;

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
assay_chart_init (AssayChart *self)
{
  self->layers = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self), 240);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self), 180);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}

/* ---- public API ------------------------------------------------------------------ */

void
assay_chart_get_color (guint    index,
                       GdkRGBA *color)
{
  g_return_if_fail (color != NULL);

  gdk_rgba_parse (color, palette[index % ASSAY_CHART_N_COLORS]);
}

AssayChart *
assay_chart_new (AssayChartKind kind)
{
  return g_object_new (ASSAY_TYPE_CHART, "kind", kind, NULL);
}

void
assay_chart_set_kind (AssayChart     *self,
                      AssayChartKind  kind)
{
  g_return_if_fail (ASSAY_IS_CHART (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

void
assay_chart_set_format (AssayChart       *self,
                        AssayChartFormat  format)
{
  g_return_if_fail (ASSAY_IS_CHART (self));

  if (self->format == format)
    return;
  self->format = format;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
}

void
assay_chart_set_color_by_category (AssayChart *self,
                                   gboolean    color_by_category)
{
  g_return_if_fail (ASSAY_IS_CHART (self));

  color_by_category = !!color_by_category;
  if (self->color_by_category == color_by_category)
    return;
  self->color_by_category = color_by_category;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR_BY_CATEGORY]);
}

void
assay_chart_set_empty_text (AssayChart *self,
                            const char *text)
{
  g_return_if_fail (ASSAY_IS_CHART (self));

  if (g_strcmp0 (self->empty_text, text) == 0)
    return;
  g_free (self->empty_text);
  self->empty_text = g_strdup (text);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY_TEXT]);
}

void
assay_chart_set_categories (AssayChart         *self,
                            guint               n_categories,
                            const char * const *labels,
                            const char * const *titles)
{
  g_return_if_fail (ASSAY_IS_CHART (self));
  g_return_if_fail (n_categories == 0 || labels != NULL);

  clear_categories (self);
  self->n_categories = n_categories;
  self->labels = copy_strings (labels, n_categories);
  self->titles = titles != NULL ? copy_strings (titles, n_categories) : NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
assay_chart_set_category_groups (AssayChart         *self,
                                 const char * const *groups)
{
  g_return_if_fail (ASSAY_IS_CHART (self));

  g_clear_pointer (&self->groups, g_strfreev);
  if (groups != NULL && self->n_categories > 0)
    self->groups = copy_strings (groups, self->n_categories);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const char *
assay_chart_get_category_group (AssayChart *self,
                                guint       category)
{
  g_return_val_if_fail (ASSAY_IS_CHART (self), NULL);

  if (self->groups == NULL || category >= self->n_categories)
    return NULL;
  return self->groups[category];
}

void
assay_chart_add_layer (AssayChart      *self,
                       AssayChartLayer *layer)
{
  g_return_if_fail (ASSAY_IS_CHART (self));
  g_return_if_fail (ASSAY_IS_CHART_LAYER (layer));
  g_return_if_fail (assay_chart_layer_get_chart (layer) == NULL);

  g_ptr_array_add (self->layers, g_object_ref (layer));
  _assay_chart_layer_set_chart (layer, self);
  g_signal_connect_object (layer, "changed", G_CALLBACK (layer_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
assay_chart_remove_layer (AssayChart      *self,
                          AssayChartLayer *layer)
{
  g_return_if_fail (ASSAY_IS_CHART (self));
  g_return_if_fail (ASSAY_IS_CHART_LAYER (layer));
  g_return_if_fail (assay_chart_layer_get_chart (layer) == self);

  detach_layer (self, layer);
  g_ptr_array_remove (self->layers, layer);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
assay_chart_get_n_layers (AssayChart *self)
{
  g_return_val_if_fail (ASSAY_IS_CHART (self), 0);

  return self->layers->len;
}

AssayChartLayer *
assay_chart_get_layer (AssayChart *self,
                       guint       index)
{
  g_return_val_if_fail (ASSAY_IS_CHART (self), NULL);
  g_return_val_if_fail (index < self->layers->len, NULL);

  return g_ptr_array_index (self->layers, index);
}

char *
assay_chart_format_value (AssayChart *self,
                          double      value)
{
  g_return_val_if_fail (ASSAY_IS_CHART (self), NULL);

  if (self->format == ASSAY_CHART_FORMAT_PERCENT)
    return assay_format_percent (value);
  if (self->format == ASSAY_CHART_FORMAT_DAY)
    return value >= ASSAY_DAY_MIN && value <= ASSAY_DAY_MAX
           ? assay_format_day_short ((guint32) value) : g_strdup ("");
  return assay_format_number (value);
}

static AssayChartLayer *
create_bars (AssayChart         *self,
             guint               n_categories,
             guint               n_series,
             const char * const *series_names,
             const double       *values)
{
  if (n_series == 1)
    {
      AssayBarLayer *bars = assay_bar_layer_new ();

      assay_chart_layer_set_title (ASSAY_CHART_LAYER (bars), series_names[0]);
      assay_bar_layer_set_values (bars, n_categories, values);
      g_object_bind_property (self, "color-by-category", bars, "color-by-category",
                              G_BINDING_SYNC_CREATE);
      return ASSAY_CHART_LAYER (bars);
    }
  else
    {
      AssayStackedColumnLayer *columns = assay_stacked_column_layer_new ();

      assay_stacked_column_layer_set_values (columns, n_series, series_names, n_categories, values);
      return ASSAY_CHART_LAYER (columns);
    }
}

void
assay_chart_set_data (AssayChart         *self,
                      guint               n_categories,
                      const char * const *labels,
                      const char * const *titles,
                      guint               n_series,
                      const char * const *series_names,
                      const double       *values)
{
  g_return_if_fail (ASSAY_IS_CHART (self));
  g_return_if_fail (n_categories == 0 || labels != NULL);
  g_return_if_fail (n_series == 0 || series_names != NULL);
  g_return_if_fail (n_categories * n_series == 0 || values != NULL);

  remove_all_layers (self);
  assay_chart_set_categories (self, n_categories, labels, titles);
  if (n_series > 0)
    {
      g_autoptr(AssayChartLayer) layer = create_bars (self, n_categories, n_series, series_names, values);

      assay_chart_add_layer (self, layer);
    }
}

void
assay_chart_set_weekly_points (AssayChart   *self,
                               const GArray *weeks)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) years = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *values = NULL;
  const char *series[ASSAY_N_DIMENSIONS];
  guint32 first, n_weeks;

  g_return_if_fail (ASSAY_IS_CHART (self));
  g_return_if_fail (weeks != NULL);

  if (weeks->len == 0)
    {
      assay_chart_clear (self);
      return;
    }
  first = g_array_index (weeks, AssayWeekPoints, 0).week_start;
  n_weeks = (g_array_index (weeks, AssayWeekPoints, weeks->len - 1).week_start - first) / 7 + 1;
  values = g_new0 (double, n_weeks * ASSAY_N_DIMENSIONS);
  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    series[d] = assay_dimension_get_label (d);
  for (guint w = 0; w < n_weeks; w++)
    {
      g_autofree char *day = assay_format_day (first + 7 * w);

      g_ptr_array_add (labels, assay_format_day_short (first + 7 * w));
      /* The short labels have no year, and the weeks may span two. */
      g_ptr_array_add (years, assay_format_year (first + 7 * w));
      /* Translators: a chart tooltip title, "Week of 2026-03-02". */
      g_ptr_array_add (titles, g_strdup_printf (_("Week of %s"), day));
    }
  for (guint i = 0; i < weeks->len; i++)
    {
      const AssayWeekPoints *week = &g_array_index (weeks, AssayWeekPoints, i);
      guint w = (week->week_start - first) / 7;

      for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
        values[d * n_weeks + w] = week->points[d];
    }
  assay_chart_set_data (self, n_weeks,
                        (const char * const *) labels->pdata, (const char * const *) titles->pdata,
                        ASSAY_N_DIMENSIONS, series, values);
  assay_chart_set_category_groups (self, (const char * const *) years->pdata);
}

void
assay_chart_clear (AssayChart *self)
{
  g_return_if_fail (ASSAY_IS_CHART (self));

  remove_all_layers (self);
  clear_categories (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
assay_chart_get_n_categories (AssayChart *self)
{
  g_return_val_if_fail (ASSAY_IS_CHART (self), 0);

  return self->n_categories;
}

guint
assay_chart_get_n_series (AssayChart *self)
{
  guint n = 0;

  g_return_val_if_fail (ASSAY_IS_CHART (self), 0);

  for (guint i = 0; i < self->layers->len; i++)
    n += assay_chart_layer_get_n_series (g_ptr_array_index (self->layers, i));
  return n;
}

double
assay_chart_get_value (AssayChart *self,
                       guint       series,
                       guint       category)
{
  AssayChartLayer *layer;

  g_return_val_if_fail (ASSAY_IS_CHART (self), 0);
  g_return_val_if_fail (category < self->n_categories, 0);

  layer = find_series (self, &series);
  g_return_val_if_fail (layer != NULL, 0);
  return assay_chart_layer_get_value (layer, series, category);
}

char *
assay_chart_dup_tooltip_text (AssayChart *self,
                              guint       category)
{
  g_return_val_if_fail (ASSAY_IS_CHART (self), NULL);

  return assay_chart_dup_tooltip_text_at (self, category, NAN);
}

char *
assay_chart_dup_tooltip_text_at (AssayChart *self,
                                 guint       category,
                                 double      value)
{
  GString *text;

  g_return_val_if_fail (ASSAY_IS_CHART (self), NULL);

  if (category >= self->n_categories)
    return NULL;

  text = g_string_new (self->titles != NULL ? self->titles[category] : self->labels[category]);
  for (guint i = 0; i < self->layers->len; i++)
    {
      AssayChartLayer *layer = g_ptr_array_index (self->layers, i);

      if (ASSAY_CHART_LAYER_GET_CLASS (layer)->append_tooltip_at != NULL)
        ASSAY_CHART_LAYER_GET_CLASS (layer)->append_tooltip_at (layer, category, value, text);
      else if (ASSAY_CHART_LAYER_GET_CLASS (layer)->append_tooltip != NULL)
        ASSAY_CHART_LAYER_GET_CLASS (layer)->append_tooltip (layer, category, text);
    }
  return g_string_free (text, FALSE);
}
