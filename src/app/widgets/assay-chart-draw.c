/* assay-chart-draw.c — the chart's layout, axes, legend and labels around its layers
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

#include "assay-chart-private.h"

#define PAD              8.0
#define TICK_LEN         4.0
#define SWATCH           10.0
#define MAX_TICKS        5
#define TICK_GAP         12   /* between two value-axis labels */
#define MIN_BAR_PLOT     40   /* the narrowest bars worth drawing with their values */
#define MAX_VALUE_LABELS 12
#define TEXT_SCALE       0.85

typedef struct
{
  char   *text;
  guint   category;
  double  value;      /* where on the value axis the label sits */
  double  width;
} ValueLabel;

typedef struct
{
  double      width;
  double      height;
  GdkRGBA     fg;
  AssayTicks  ticks;
  double      tick_w, tick_h;   /* the widest value-axis label */
  double      label_w, label_h; /* the widest category label */
  double      value_w;          /* the widest value label */
  GArray     *value_labels;     /* ValueLabel */
  gboolean    values_shown;     /* columns: labels above the columns */
  gboolean    bar_values_hidden; /* bars: no room for labels after them */
} Frame;

/* ---- text ------------------------------------------------------------------------ */

static void
set_source (cairo_t       *cr,
            const GdkRGBA *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* A layout in the widget's font, scaled down for axis text. */
static PangoLayout *
create_layout (AssayChart *self,
               const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (pango_context_get_font_description (context));

  pango_font_description_set_size (font, (int) (pango_font_description_get_size (font) * TEXT_SCALE));
  pango_layout_set_font_description (layout, font);
  return layout;
}

static void
text_size (AssayChart *self,
           const char *text,
           double     *width,
           double     *height)
{
  g_autoptr(PangoLayout) layout = create_layout (self, text);
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
  g_autoptr(PangoLayout) layout = create_layout (self, text);
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
draw_axis_label (AssayChart  *self,
                 cairo_t     *cr,
                 const Frame *frame,
                 const char  *text,
                 double       x,
                 double       y,
                 double      *last_right)
{
  double w, h, left;

  text_size (self, text, &w, &h);
  left = CLAMP (x - w / 2, 0, frame->width - w);
  if (left < *last_right + 6)
    return;
  draw_text (self, cr, text, left, y, 0, 0, 0, &frame->fg, 0.7);
  *last_right = left + w;
}

/* ---- legend ------------------------------------------------------------------------ */

/* Lays the legend out in rows from the top; returns its height. */
static double
draw_legend (AssayChart  *self,
             cairo_t     *cr,
             const Frame *frame)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) colors = g_array_new (FALSE, FALSE, sizeof (GdkRGBA));
  double x = PAD, y = PAD, row_h = 0;

  for (guint i = 0; i < self->layers->len; i++)
    {
      AssayChartLayer *layer = g_ptr_array_index (self->layers, i);

      if (ASSAY_CHART_LAYER_GET_CLASS (layer)->collect_legend != NULL)
        ASSAY_CHART_LAYER_GET_CLASS (layer)->collect_legend (layer, names, colors);
    }
  if (names->len < 2)
    return 0;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      double w, h, item_w;

      text_size (self, name, &w, &h);
      item_w = SWATCH + 6 + w + 16;
      if (x + item_w > frame->width - PAD && x > PAD)
        {
          x = PAD;
          y += row_h + 4;
        }
      row_h = MAX (row_h, h);
      set_source (cr, &g_array_index (colors, GdkRGBA, i), 1);
      cairo_rectangle (cr, x, y + (h - SWATCH) / 2, SWATCH, SWATCH);
      cairo_fill (cr);
      draw_text (self, cr, name, x + SWATCH + 6, y, 0, 0, 0, &frame->fg, 0.85);
      x += item_w;
    }
  return y + row_h + 6;
}

/* ---- measuring ------------------------------------------------------------------------ */

static void
value_range (AssayChart *self,
             double     *lo,
             double     *hi)
{
  gboolean any = FALSE;

  *lo = 0;
  *hi = 0;
  for (guint i = 0; i < self->layers->len; i++)
    {
      AssayChartLayer *layer = g_ptr_array_index (self->layers, i);
      double layer_lo, layer_hi;

      if (!ASSAY_CHART_LAYER_GET_CLASS (layer)->get_range (layer, &layer_lo, &layer_hi))
        continue;
      *lo = any ? MIN (*lo, layer_lo) : layer_lo;
      *hi = any ? MAX (*hi, layer_hi) : layer_hi;
      any = TRUE;
    }
}

static void
measure_tick_labels (AssayChart *self,
                     Frame      *frame)
{
  frame->tick_w = 0;
  for (guint i = 0; i < frame->ticks.n_ticks; i++)
    {
      g_autofree char *text = assay_chart_format_value (self, assay_ticks_get_value (&frame->ticks, i));
      double w;

      text_size (self, text, &w, &frame->tick_h);
      frame->tick_w = MAX (frame->tick_w, w);
    }
}

static void
measure_ticks (AssayChart *self,
               Frame      *frame)
{
  double lo, hi;

  value_range (self, &lo, &hi);
  /* Counts and days have no fractional ticks. */
  assay_ticks_init (&frame->ticks, lo, hi, MAX_TICKS,
                    self->format != ASSAY_CHART_FORMAT_PERCENT ? 1 : 0);
  measure_tick_labels (self, frame);
}

/* Every value tick keeps its label: where they would overlap, a coarser
 * nice step (assay_ticks_fit ()) rather than dropping some of them. */
static gboolean
fit_ticks (AssayChart *self,
           Frame      *frame)
{
  gboolean horizontal = self->kind == ASSAY_CHART_BARS;
  double length = horizontal ? self->plot.size.width : self->plot.size.height;
  double spacing = horizontal ? frame->tick_w + TICK_GAP : frame->tick_h + TICK_GAP;
  double lo, hi;

  value_range (self, &lo, &hi);
  if (!assay_ticks_fit (&frame->ticks, lo, hi, length, spacing))
    return FALSE;
  measure_tick_labels (self, frame);
  return TRUE;
}

static void
measure_labels (AssayChart *self,
                Frame      *frame)
{
  for (guint c = 0; c < self->n_categories; c++)
    {
      double w;

      text_size (self, self->labels[c], &w, &frame->label_h);
      frame->label_w = MAX (frame->label_w, w);
    }
}

static void
value_label_clear (gpointer data)
{
  g_free (((ValueLabel *) data)->text);
}

static void
collect_value_labels (AssayChart *self,
                      Frame      *frame)
{
  frame->value_labels = g_array_new (FALSE, TRUE, sizeof (ValueLabel));
  g_array_set_clear_func (frame->value_labels, value_label_clear);
  for (guint i = 0; i < self->layers->len; i++)
    {
      AssayChartLayer *layer = g_ptr_array_index (self->layers, i);
      AssayChartLayerClass *klass = ASSAY_CHART_LAYER_GET_CLASS (layer);

      for (guint c = 0; c < self->n_categories && klass->dup_value_label != NULL; c++)
        {
          ValueLabel label = { NULL, c, 0, 0 };
          double h;

          label.text = klass->dup_value_label (layer, c, &label.value);
          if (label.text == NULL)
            continue;
          text_size (self, label.text, &label.width, &h);
          frame->value_w = MAX (frame->value_w, label.width);
          g_array_append_val (frame->value_labels, label);
        }
    }
  frame->values_shown = frame->value_labels->len > 0 && self->n_categories <= MAX_VALUE_LABELS;
}

/* ---- layout ------------------------------------------------------------------------ */

static void
set_plot (AssayChart *self,
          double      x0,
          double      x1,
          double      y0,
          double      y1,
          const Frame *frame)
{
  AssayChartScales *scales = &self->scales;
  gboolean horizontal = self->kind == ASSAY_CHART_BARS;

  self->plot = GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0);
  scales->horizontal = horizontal;
  scales->n_categories = self->n_categories;
  scales->band_start = horizontal ? y0 : x0;
  scales->band_size = (horizontal ? y1 - y0 : x1 - x0) / self->n_categories;
  if (horizontal)
    assay_scale_init (&scales->values, frame->ticks.lo, frame->ticks.hi, x0, x1);
  else
    assay_scale_init (&scales->values, frame->ticks.lo, frame->ticks.hi, y1, y0);
}

/* Columns: value ticks on the left, category labels below, value labels
 * above the columns when there are few. */
static gboolean
layout_columns (AssayChart *self,
                Frame      *frame,
                double      top)
{
  double x0 = PAD + frame->tick_w + TICK_LEN + 4;
  double x1 = frame->width - PAD;
  double y0 = top + frame->tick_h / 2 + (frame->values_shown ? frame->tick_h + 2 : 0);
  double y1 = frame->height - PAD - frame->label_h * (self->groups != NULL ? 2 : 1) - TICK_LEN - 2;

  if (x1 - x0 < 10 || y1 - y0 < 10)
    return FALSE;
  set_plot (self, x0, x1, y0, y1, frame);
  return TRUE;
}

/* Bars: category labels on the left (at most 45 % of the width), value
 * ticks below, value labels after the bars. */
static gboolean
layout_bars (AssayChart *self,
             Frame      *frame,
             double      top)
{
  double x0, x1, y0, y1;

  frame->label_w = MIN (frame->label_w, frame->width * 0.45);
  x0 = PAD + frame->label_w + 8;
  x1 = frame->width - PAD - MAX ((frame->value_labels->len > 0 ? frame->value_w + 6 : 0),
                                 frame->tick_w / 2);
  /* Too narrow for the values after the bars: the bars without them (the
   * tooltips still give each value) rather than no chart at all. */
  frame->bar_values_hidden = x1 - x0 < MIN_BAR_PLOT && frame->value_labels->len > 0;
  if (frame->bar_values_hidden)
    x1 = frame->width - PAD - frame->tick_w / 2;
  y0 = top;
  y1 = frame->height - PAD - frame->tick_h - TICK_LEN - 2;
  if (x1 - x0 < 10 || y1 - y0 < 10)
    return FALSE;
  set_plot (self, x0, x1, y0, y1, frame);
  return TRUE;
}

static gboolean
layout (AssayChart *self,
        Frame      *frame,
        double      top)
{
  if (self->kind == ASSAY_CHART_BARS)
    return layout_bars (self, frame, top);
  return layout_columns (self, frame, top);
}

/* ---- axes and labels ------------------------------------------------------------------ */

/* Grid lines and tick labels on the value axis; the zero line darker. */
static void
draw_value_axis (AssayChart  *self,
                 cairo_t     *cr,
                 const Frame *frame)
{
  const graphene_rect_t *p = &self->plot;
  double last_right = -G_MAXDOUBLE;
  /* fit_ticks () left at least two ticks; if even they overlap, label
   * none rather than some (the bars carry their own values). */
  gboolean labelled = assay_ticks_fits (&frame->ticks,
                                        self->scales.horizontal ? p->size.width : p->size.height,
                                        (self->scales.horizontal ? frame->tick_w : frame->tick_h) + TICK_GAP / 2);

  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < frame->ticks.n_ticks; i++)
    {
      double v = assay_ticks_get_value (&frame->ticks, i);
      double at = round (assay_scale_map (&self->scales.values, v)) + 0.5;
      g_autofree char *text = assay_chart_format_value (self, v);

      set_source (cr, &frame->fg, v == 0 ? 0.45 : 0.12);
      if (self->scales.horizontal)
        {
          cairo_move_to (cr, at, p->origin.y);
          cairo_line_to (cr, at, p->origin.y + p->size.height + TICK_LEN);
          cairo_stroke (cr);
          if (labelled)
            draw_axis_label (self, cr, frame, text, at,
                             p->origin.y + p->size.height + TICK_LEN + 2, &last_right);
        }
      else
        {
          cairo_move_to (cr, p->origin.x - TICK_LEN, at);
          cairo_line_to (cr, p->origin.x + p->size.width, at);
          cairo_stroke (cr);
          if (labelled)
            draw_text (self, cr, text, p->origin.x - TICK_LEN - 4, at, 1, 0.5, 0, &frame->fg, 0.7);
        }
    }
}

/* Columns: a tick and a label under every category there is room for. */
static void
draw_column_labels (AssayChart  *self,
                    cairo_t     *cr,
                    const Frame *frame)
{
  double y1 = self->plot.origin.y + self->plot.size.height;
  double slot = self->scales.band_size;
  guint every = MAX (1, (guint) ceil ((frame->label_w + 8) / slot));
  double last_right = -G_MAXDOUBLE;
  double group_right = -G_MAXDOUBLE;
  const char *last_group = NULL;

  for (guint c = 0; c < self->n_categories; c += every)
    {
      double x = assay_chart_scales_get_center (&self->scales, c);

      set_source (cr, &frame->fg, 0.45);
      cairo_move_to (cr, round (x) + 0.5, y1);
      cairo_line_to (cr, round (x) + 0.5, y1 + TICK_LEN);
      cairo_stroke (cr);
      draw_axis_label (self, cr, frame, self->labels[c], x, y1 + TICK_LEN + 2, &last_right);
      /* The year under the first label and where it changes. */
      if (self->groups != NULL && g_strcmp0 (self->groups[c], last_group) != 0)
        {
          draw_axis_label (self, cr, frame, self->groups[c], x,
                           y1 + TICK_LEN + 2 + frame->label_h, &group_right);
          last_group = self->groups[c];
        }
    }
}

/* Bars: each category's label right-aligned before its bar. */
static void
draw_bar_labels (AssayChart  *self,
                 cairo_t     *cr,
                 const Frame *frame)
{
  for (guint c = 0; c < self->n_categories; c++)
    draw_text (self, cr, self->labels[c], self->plot.origin.x - 8,
               assay_chart_scales_get_center (&self->scales, c),
               1, 0.5, frame->label_w, &frame->fg, 0.85);
}

/* After the end of each bar; above each column if all of them fit. */
static void
draw_value_labels (AssayChart  *self,
                   cairo_t     *cr,
                   const Frame *frame)
{
  gboolean horizontal = self->scales.horizontal;

  for (guint i = 0; i < frame->value_labels->len && !horizontal; i++)
    if (g_array_index (frame->value_labels, ValueLabel, i).width > self->scales.band_size + 2)
      return;
  if ((!horizontal && !frame->values_shown) || (horizontal && frame->bar_values_hidden))
    return;

  for (guint i = 0; i < frame->value_labels->len; i++)
    {
      const ValueLabel *label = &g_array_index (frame->value_labels, ValueLabel, i);
      double center = assay_chart_scales_get_center (&self->scales, label->category);
      double at = assay_scale_map (&self->scales.values, label->value);

      if (horizontal)
        draw_text (self, cr, label->text, at + 6, center, 0, 0.5, 0, &frame->fg, 0.85);
      else
        draw_text (self, cr, label->text, center, at - 2, 0.5, 1, 0, &frame->fg, 0.85);
    }
}

/* ---- snapshot ------------------------------------------------------------------------ */

static gboolean
has_data (AssayChart *self)
{
  return self->n_categories > 0 && assay_chart_get_n_series (self) > 0;
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
draw_empty (AssayChart  *self,
            GtkSnapshot *snapshot,
            const Frame *frame)
{
  cairo_t *cr;

  if (self->empty_text == NULL)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, frame->width, frame->height));
  draw_text (self, cr, self->empty_text, frame->width / 2, frame->height / 2, 0.5, 0.5,
             frame->width - 2 * PAD, &frame->fg, 0.55);
  cairo_destroy (cr);
}

/* Legend and value axis; FALSE when the plot has no room. */
static gboolean
draw_frame (AssayChart  *self,
            GtkSnapshot *snapshot,
            Frame       *frame)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, frame->width, frame->height));
  double top = draw_legend (self, cr, frame) + PAD;
  gboolean laid_out;

  measure_ticks (self, frame);
  measure_labels (self, frame);
  collect_value_labels (self, frame);
  laid_out = layout (self, frame, top);
  /* The coarser ticks' labels may be wider: lay out once more. */
  if (laid_out && fit_ticks (self, frame))
    laid_out = layout (self, frame, top);
  if (laid_out)
    draw_value_axis (self, cr, frame);
  cairo_destroy (cr);
  return laid_out;
}

static void
draw_layers (AssayChart  *self,
             GtkSnapshot *snapshot)
{
  for (guint i = 0; i < self->layers->len; i++)
    {
      AssayChartLayer *layer = g_ptr_array_index (self->layers, i);

      ASSAY_CHART_LAYER_GET_CLASS (layer)->snapshot (layer, snapshot, &self->plot, &self->scales);
    }
}

static void
draw_labels (AssayChart  *self,
             GtkSnapshot *snapshot,
             const Frame *frame)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, frame->width, frame->height));

  cairo_set_line_width (cr, 1);
  if (self->scales.horizontal)
    draw_bar_labels (self, cr, frame);
  else
    draw_column_labels (self, cr, frame);
  draw_value_labels (self, cr, frame);
  cairo_destroy (cr);
}

void
_assay_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  AssayChart *self = ASSAY_CHART (widget);
  Frame frame = { 0, };

  frame.width = gtk_widget_get_width (widget);
  frame.height = gtk_widget_get_height (widget);
  get_foreground (self, &frame.fg);
  self->plot = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  if (!has_data (self))
    {
      draw_empty (self, snapshot, &frame);
      return;
    }

  if (draw_frame (self, snapshot, &frame))
    {
      draw_layers (self, snapshot);
      draw_labels (self, snapshot, &frame);
    }
  g_clear_pointer (&frame.value_labels, g_array_unref);
}

int
_assay_chart_category_at (AssayChart *self,
                          double      x,
                          double      y)
{
  const graphene_rect_t *p = &self->plot;
  double offset;

  if (self->n_categories == 0 || p->size.width <= 0 ||
      !graphene_rect_contains_point (p, &GRAPHENE_POINT_INIT (x, y)))
    return -1;
  offset = self->scales.horizontal ? y : x;
  return CLAMP ((int) floor ((offset - self->scales.band_start) / self->scales.band_size),
                0, (int) self->n_categories - 1);
}

gboolean
_assay_chart_get_scales (AssayChart       *self,
                         graphene_rect_t  *plot,
                         AssayChartScales *scales)
{
  g_return_val_if_fail (ASSAY_IS_CHART (self), FALSE);

  if (self->plot.size.width <= 0)
    return FALSE;
  if (plot != NULL)
    *plot = self->plot;
  if (scales != NULL)
    *scales = self->scales;
  return TRUE;
}
