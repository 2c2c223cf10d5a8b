/* assay-chart.c — a small cairo bar chart: stacked columns or horizontal bars
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
#include "assay-chart.h"
#include "assay-format.h"
#include "assay-replica-charts.h"

#define PAD          8.0
#define TICK_LEN     4.0
#define SWATCH       10.0
#define MAX_TICKS    5
#define MAX_VALUE_LABELS 12
#define MIN_WIDTH    120
#define MIN_HEIGHT   120

struct _AssayChart
{
  GtkDrawingArea    parent_instance;

  AssayChartKind    kind;
  AssayChartFormat  format;
  gboolean          color_by_category;
  char             *empty_text;

  guint             n_categories;
  guint             n_series;
  GStrv             labels;
  GStrv             titles;          /* NULL: the tooltip uses the labels */
  GStrv             series_names;
  double           *values;          /* [series * n_categories + category] */

  /* Where the last draw put the plot, for the tooltip. */
  graphene_rect_t   plot;
};

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

static char *
format_value (AssayChart *self,
              double      value)
{
  if (self->format == ASSAY_CHART_FORMAT_PERCENT)
    return assay_format_percent (value);
  return assay_format_number (value);
}

static double
value_at (AssayChart *self,
          guint       series,
          guint       category)
{
  return self->values[series * self->n_categories + category];
}

/* Sums of the positive and of the negative values of a category's stack. */
static void
stack_extent (AssayChart *self,
              guint       category,
              double     *pos,
              double     *neg)
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

static void
data_range (AssayChart *self,
            double     *lo,
            double     *hi)
{
  *lo = 0;
  *hi = 0;
  for (guint c = 0; c < self->n_categories; c++)
    {
      double pos, neg;

      stack_extent (self, c, &pos, &neg);
      *hi = MAX (*hi, pos);
      *lo = MIN (*lo, neg);
    }
  if (*hi - *lo <= 0)
    *hi = 1;
}

/* 1, 2 or 5 times a power of ten, so that about MAX_TICKS ticks cover the range. */
static double
nice_step (double range)
{
  double raw = range / MAX_TICKS;
  double magnitude = pow (10, floor (log10 (raw)));
  double f = raw / magnitude;

  if (f <= 1)
    return magnitude;
  if (f <= 2)
    return 2 * magnitude;
  if (f <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

static void
nice_range (AssayChart *self,
            double     *lo,
            double     *hi,
            double     *step)
{
  data_range (self, lo, hi);
  *step = nice_step (*hi - *lo);
  /* Counts have no fractional ticks. */
  if (self->format == ASSAY_CHART_FORMAT_NUMBER && *step < 1)
    *step = 1;
  *lo = floor (*lo / *step) * *step;
  *hi = ceil (*hi / *step) * *step;
}

static void
get_foreground (AssayChart *self,
                GdkRGBA    *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static GdkRGBA
bar_color (AssayChart *self,
           guint       series,
           guint       category)
{
  GdkRGBA color;

  assay_chart_get_color (self->color_by_category ? category : series, &color);
  return color;
}

/* A layout in the widget's font, scaled down for axis text. */
static PangoLayout *
create_layout (AssayChart *self,
               const char *text,
               double      scale)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (pango_context_get_font_description (context));

  pango_font_description_set_size (font, (int) (pango_font_description_get_size (font) * scale));
  pango_layout_set_font_description (layout, font);
  return layout;
}

static void
text_size (AssayChart *self,
           const char *text,
           double     *width,
           double     *height)
{
  g_autoptr(PangoLayout) layout = create_layout (self, text, 0.85);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  *width = w;
  *height = h;
}

/* Draws text with its anchor at (x, y): xalign/yalign 0 = left/top,
 * 0.5 = centre, 1 = right/bottom. */
static void
draw_text (AssayChart    *self,
           cairo_t       *cr,
           const char    *text,
           double         x,
           double         y,
           double         xalign,
           double         yalign,
           double         max_width,
           const GdkRGBA *color,
           double         alpha)
{
  g_autoptr(PangoLayout) layout = create_layout (self, text, 0.85);
  int w, h;

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, &w, &h);
  set_source (cr, color, alpha);
  cairo_move_to (cr, round (x - xalign * w), round (y - yalign * h));
  pango_cairo_show_layout (cr, layout);
}

/* Draws an axis label centred under `x`, kept inside the widget, unless it
 * would run into the previous one (whose right edge is *last_right). */
static void
draw_axis_label (AssayChart    *self,
                 cairo_t       *cr,
                 const char    *text,
                 double         x,
                 double         y,
                 double         width,
                 double        *last_right,
                 const GdkRGBA *fg)
{
  double w, h, left;

  text_size (self, text, &w, &h);
  left = CLAMP (x - w / 2, 0, width - w);
  if (left < *last_right + 6)
    return;
  draw_text (self, cr, text, left, y, 0, 0, 0, fg, 0.7);
  *last_right = left + w;
}

static gboolean
shows_legend (AssayChart *self)
{
  return self->n_series > 1 && !self->color_by_category;
}

/* Lays the legend out in rows from the top; returns its height. */
static double
draw_legend (AssayChart    *self,
             cairo_t       *cr,
             double         width,
             const GdkRGBA *fg)
{
  double x = PAD, y = PAD, row_h = 0;

  if (!shows_legend (self))
    return 0;

  for (guint s = 0; s < self->n_series; s++)
    {
      GdkRGBA color = bar_color (self, s, 0);
      double w, h, item_w;

      text_size (self, self->series_names[s], &w, &h);
      item_w = SWATCH + 6 + w + 16;
      if (x + item_w > width - PAD && x > PAD)
        {
          x = PAD;
          y += row_h + 4;
        }
      row_h = MAX (row_h, h);
      if (cr != NULL)
        {
          set_source (cr, &color, 1);
          cairo_rectangle (cr, x, y + (h - SWATCH) / 2, SWATCH, SWATCH);
          cairo_fill (cr);
          draw_text (self, cr, self->series_names[s], x + SWATCH + 6, y, 0, 0, 0, fg, 0.85);
        }
      x += item_w;
    }
  return y + row_h + 6;
}

static double
max_label_width (AssayChart *self,
                 double     *height)
{
  double max_w = 0, h = 0;

  for (guint c = 0; c < self->n_categories; c++)
    {
      double w;

      text_size (self, self->labels[c], &w, &h);
      max_w = MAX (max_w, w);
    }
  *height = h;
  return max_w;
}

static double
max_tick_width (AssayChart *self,
                double      lo,
                double      hi,
                double      step,
                double     *height)
{
  double max_w = 0;

  *height = 0;
  for (double v = lo; v <= hi + step / 2; v += step)
    {
      g_autofree char *text = format_value (self, v);
      double w;

      text_size (self, text, &w, height);
      max_w = MAX (max_w, w);
    }
  return max_w;
}

static double
category_total (AssayChart *self,
                guint       category)
{
  double total = 0;

  for (guint s = 0; s < self->n_series; s++)
    total += value_at (self, s, category);
  return total;
}

/* Draws one category's stack between `base` and the value axis positions
 * that `to_px` gives; `horizontal` bars grow along x. */
static void
draw_stack (AssayChart *self,
            cairo_t    *cr,
            guint       category,
            double      cross0,
            double      thickness,
            double      axis0,
            double      scale,
            gboolean    horizontal)
{
  double up = 0, down = 0;

  for (guint s = 0; s < self->n_series; s++)
    {
      double v = value_at (self, s, category);
      double from = v >= 0 ? up : down;
      double to = from + v;
      GdkRGBA color = bar_color (self, s, category);
      double a = axis0 + from * scale, b = axis0 + to * scale;

      if (v == 0)
        continue;
      if (v >= 0)
        up = to;
      else
        down = to;
      set_source (cr, &color, 1);
      if (horizontal)
        cairo_rectangle (cr, MIN (a, b), cross0, fabs (b - a), thickness);
      else
        cairo_rectangle (cr, cross0, MIN (a, b), thickness, fabs (b - a));
      cairo_fill (cr);
    }
}

static void
draw_columns (AssayChart    *self,
              cairo_t       *cr,
              double         width,
              double         height,
              double         top,
              const GdkRGBA *fg)
{
  double lo, hi, step, tick_w, tick_h, label_w, label_h;
  double x0, x1, y0, y1, slot, bar, scale;
  gboolean values_shown = self->n_categories <= MAX_VALUE_LABELS;
  double last_right = -G_MAXDOUBLE;
  guint every;

  nice_range (self, &lo, &hi, &step);
  tick_w = max_tick_width (self, lo, hi, step, &tick_h);
  label_w = max_label_width (self, &label_h);

  x0 = PAD + tick_w + TICK_LEN + 4;
  x1 = width - PAD;
  y0 = top + tick_h / 2 + (values_shown ? tick_h + 2 : 0);
  y1 = height - PAD - label_h - TICK_LEN - 2;
  if (x1 - x0 < 10 || y1 - y0 < 10)
    return;
  self->plot = GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0);

  slot = (x1 - x0) / self->n_categories;
  bar = slot >= 6 ? slot * 0.72 : slot;
  scale = -(y1 - y0) / (hi - lo);

  /* Grid lines and tick labels on the value axis. */
  cairo_set_line_width (cr, 1);
  for (double v = lo; v <= hi + step / 2; v += step)
    {
      double y = round (y1 + (v - lo) * scale) + 0.5;
      g_autofree char *text = format_value (self, v);

      set_source (cr, fg, v == 0 ? 0.45 : 0.12);
      cairo_move_to (cr, x0 - TICK_LEN, y);
      cairo_line_to (cr, x1, y);
      cairo_stroke (cr);
      draw_text (self, cr, text, x0 - TICK_LEN - 4, y, 1, 0.5, 0, fg, 0.7);
    }

  for (guint c = 0; c < self->n_categories; c++)
    draw_stack (self, cr, c, x0 + c * slot + (slot - bar) / 2, bar,
                y1 - lo * scale, scale, FALSE);

  /* Category labels, thinned out so that they never overlap. */
  every = MAX (1, (guint) ceil ((label_w + 8) / slot));
  for (guint c = 0; c < self->n_categories; c += every)
    {
      double x = x0 + (c + 0.5) * slot;

      set_source (cr, fg, 0.45);
      cairo_move_to (cr, round (x) + 0.5, y1);
      cairo_line_to (cr, round (x) + 0.5, y1 + TICK_LEN);
      cairo_stroke (cr);
      draw_axis_label (self, cr, self->labels[c], x, y1 + TICK_LEN + 2, width, &last_right, fg);
    }

  /* Totals above the columns, where they fit. */
  for (guint c = 0; c < self->n_categories && values_shown; c++)
    {
      g_autofree char *text = format_value (self, category_total (self, c));
      double w, h;

      text_size (self, text, &w, &h);
      values_shown = w <= slot + 2;
    }
  if (values_shown)
    for (guint c = 0; c < self->n_categories; c++)
      {
        double pos, neg;
        g_autofree char *text = NULL;

        stack_extent (self, c, &pos, &neg);
        text = format_value (self, category_total (self, c));
        draw_text (self, cr, text, x0 + (c + 0.5) * slot,
                   y1 + (pos - lo) * scale - 2, 0.5, 1, 0, fg, 0.85);
      }
}

static void
draw_bars (AssayChart    *self,
           cairo_t       *cr,
           double         width,
           double         height,
           double         top,
           const GdkRGBA *fg)
{
  double lo, hi, step, tick_w, tick_h, label_w, label_h, value_w = 0;
  double x0, x1, y0, y1, slot, bar, scale;
  double last_right = -G_MAXDOUBLE;

  nice_range (self, &lo, &hi, &step);
  tick_w = max_tick_width (self, lo, hi, step, &tick_h);
  label_w = MIN (max_label_width (self, &label_h), width * 0.45);
  for (guint c = 0; c < self->n_categories; c++)
    {
      g_autofree char *text = format_value (self, category_total (self, c));
      double w, h;

      text_size (self, text, &w, &h);
      value_w = MAX (value_w, w);
    }

  x0 = PAD + label_w + 8;
  x1 = width - PAD - MAX (value_w + 6, tick_w / 2);
  y0 = top;
  y1 = height - PAD - tick_h - TICK_LEN - 2;
  if (x1 - x0 < 10 || y1 - y0 < 10)
    return;
  self->plot = GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0);

  slot = (y1 - y0) / self->n_categories;
  bar = MIN (slot * 0.7, 28);
  scale = (x1 - x0) / (hi - lo);

  cairo_set_line_width (cr, 1);
  for (double v = lo; v <= hi + step / 2; v += step)
    {
      double x = round (x0 + (v - lo) * scale) + 0.5;
      g_autofree char *text = format_value (self, v);

      set_source (cr, fg, v == 0 ? 0.45 : 0.12);
      cairo_move_to (cr, x, y0);
      cairo_line_to (cr, x, y1 + TICK_LEN);
      cairo_stroke (cr);
      draw_axis_label (self, cr, text, x, y1 + TICK_LEN + 2, width, &last_right, fg);
    }

  for (guint c = 0; c < self->n_categories; c++)
    {
      double y = y0 + c * slot + (slot - bar) / 2;
      double pos, neg;
      g_autofree char *text = format_value (self, category_total (self, c));

      draw_stack (self, cr, c, y, bar, x0 - lo * scale, scale, TRUE);
      draw_text (self, cr, self->labels[c], x0 - 8, y + bar / 2, 1, 0.5, label_w, fg, 0.85);
      stack_extent (self, c, &pos, &neg);
      draw_text (self, cr, text, x0 + (pos - lo) * scale + 6, y + bar / 2, 0, 0.5, 0, fg, 0.85);
    }
}

static void
draw_empty (AssayChart    *self,
            cairo_t       *cr,
            double         width,
            double         height,
            const GdkRGBA *fg)
{
  if (self->empty_text != NULL)
    draw_text (self, cr, self->empty_text, width / 2, height / 2, 0.5, 0.5, width - 2 * PAD, fg, 0.55);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  AssayChart *self = ASSAY_CHART (area);
  GdkRGBA fg;
  double top;

  get_foreground (self, &fg);
  self->plot = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  if (self->n_categories == 0 || self->n_series == 0)
    {
      draw_empty (self, cr, width, height, &fg);
      return;
    }

  top = draw_legend (self, cr, width, &fg) + PAD;
  if (self->kind == ASSAY_CHART_BARS)
    draw_bars (self, cr, width, height, top, &fg);
  else
    draw_columns (self, cr, width, height, top, &fg);
}

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

static int
category_at (AssayChart *self,
             double      x,
             double      y)
{
  const graphene_rect_t *p = &self->plot;
  double offset, extent;

  if (self->n_categories == 0 || p->size.width <= 0 || !graphene_rect_contains_point (p, &GRAPHENE_POINT_INIT (x, y)))
    return -1;
  offset = self->kind == ASSAY_CHART_BARS ? y - p->origin.y : x - p->origin.x;
  extent = self->kind == ASSAY_CHART_BARS ? p->size.height : p->size.width;
  return CLAMP ((int) (offset / extent * self->n_categories), 0, (int) self->n_categories - 1);
}

static gboolean
query_tooltip_cb (AssayChart *self,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  int category = category_at (self, x, y);
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  const char *title;

  if (category < 0)
    return FALSE;

  text = assay_chart_dup_tooltip_text (self, category);
  title = self->titles != NULL ? self->titles[category] : self->labels[category];
  /* The first line is the title: set it in bold. */
  markup = g_markup_printf_escaped ("<b>%s</b>%s", title, text + strlen (title));
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
clear_data (AssayChart *self)
{
  self->n_categories = 0;
  self->n_series = 0;
  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->titles, g_strfreev);
  g_clear_pointer (&self->series_names, g_strfreev);
  g_clear_pointer (&self->values, g_free);
}

/* ---- GObject ------------------------------------------------------------------- */

static void
assay_chart_finalize (GObject *object)
{
  AssayChart *self = ASSAY_CHART (object);

  clear_data (self);
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

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
assay_chart_init (AssayChart *self)
{
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self), 240);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self), 180);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_cb, NULL, NULL);
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

static GStrv
copy_strings (const char * const *strings,
              guint               n)
{
  GStrv copy = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    copy[i] = g_strdup (strings[i] != NULL ? strings[i] : "");
  return copy;
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

  clear_data (self);
  self->n_categories = n_categories;
  self->n_series = n_series;
  self->labels = copy_strings (labels, n_categories);
  self->titles = titles != NULL ? copy_strings (titles, n_categories) : NULL;
  self->series_names = copy_strings (series_names, n_series);
  self->values = g_memdup2 (values, sizeof (double) * n_categories * n_series);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
assay_chart_set_weekly_points (AssayChart   *self,
                               const GArray *weeks)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
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
}

void
assay_chart_clear (AssayChart *self)
{
  g_return_if_fail (ASSAY_IS_CHART (self));

  clear_data (self);
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
  g_return_val_if_fail (ASSAY_IS_CHART (self), 0);

  return self->n_series;
}

double
assay_chart_get_value (AssayChart *self,
                       guint       series,
                       guint       category)
{
  g_return_val_if_fail (ASSAY_IS_CHART (self), 0);
  g_return_val_if_fail (series < self->n_series && category < self->n_categories, 0);

  return value_at (self, series, category);
}

char *
assay_chart_dup_tooltip_text (AssayChart *self,
                              guint       category)
{
  GString *text;

  g_return_val_if_fail (ASSAY_IS_CHART (self), NULL);

  if (category >= self->n_categories)
    return NULL;

  text = g_string_new (self->titles != NULL ? self->titles[category] : self->labels[category]);
  for (guint s = 0; s < self->n_series; s++)
    {
      g_autofree char *value = format_value (self, value_at (self, s, category));

      if (self->n_series == 1)
        g_string_append_printf (text, "\n%s", value);
      else if (value_at (self, s, category) != 0)
        {
          g_string_append_c (text, '\n');
          /* Translators: a tooltip line, "Professional: 1,234". */
          g_string_append_printf (text, _("%s: %s"), self->series_names[s], value);
        }
    }
  if (self->n_series > 1)
    {
      g_autofree char *total = format_value (self, category_total (self, category));

      g_string_append_c (text, '\n');
      /* Translators: the last tooltip line of a stacked bar. */
      g_string_append_printf (text, _("Total: %s"), total);
    }
  return g_string_free (text, FALSE);
}
