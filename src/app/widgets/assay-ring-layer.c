/* assay-ring-layer.c — a lockstep ring as a members × days matrix
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
#include "assay-chart-private.h"
#include "assay-format.h"
#include "assay-ring-layer.h"

struct _AssayRingLayer
{
  AssayChartLayer  parent_instance;

  GStrv            members;
  GPtrArray       *days;         /* GArray of guint32 per member */
  GArray          *common;       /* guint32 */
  guint32          first, last;  /* the span; 0: no data */
};

G_DEFINE_FINAL_TYPE (AssayRingLayer, assay_ring_layer, ASSAY_TYPE_CHART_LAYER)

/* ---- helpers ----------------------------------------------------------- */

static int
compare_day (gconstpointer a,
             gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
contains (const GArray *days,
          guint32       day)
{
  guint lo = 0, hi = days->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint32 d = g_array_index (days, guint32, mid);

      if (d == day)
        return TRUE;
      if (d < day)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

static GArray *
copy_days (const GArray *days)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (guint32), days != NULL ? days->len : 0);

  if (days != NULL)
    g_array_append_vals (copy, days->data, days->len);
  g_array_sort (copy, compare_day);
  return copy;
}

static void
widen_span (AssayRingLayer *self,
            const GArray   *days)
{
  if (days->len == 0)
    return;
  if (self->first == 0 || g_array_index (days, guint32, 0) < self->first)
    self->first = g_array_index (days, guint32, 0);
  self->last = MAX (self->last, g_array_index (days, guint32, days->len - 1));
}

static guint
count_attending (AssayRingLayer *self,
                 guint32         day)
{
  guint n = 0;

  for (guint m = 0; m < self->days->len; m++)
    n += contains (self->days->pdata[m], day);
  return n;
}

/* ---- AssayChartLayer ------------------------------------------------------ */

static double
assay_ring_layer_get_value (AssayChartLayer *layer,
                            guint            series,
                            guint            category)
{
  AssayRingLayer *self = ASSAY_RING_LAYER (layer);

  if (series != 0 || category >= self->days->len)
    return 0;
  return ((GArray *) self->days->pdata[category])->len;
}

static gboolean
assay_ring_layer_get_range (AssayChartLayer *layer,
                            double          *lo,
                            double          *hi)
{
  AssayRingLayer *self = ASSAY_RING_LAYER (layer);

  if (self->first == 0)
    return FALSE;
  /* A day's cell runs from the day to the next. */
  *lo = self->first;
  *hi = self->last + 1.0;
  return TRUE;
}

static void
fill_cell (cairo_t               *cr,
           const graphene_rect_t *r,
           gboolean               outline)
{
  /* A pixel of air between neighbours when there is room for it. */
  double gap = r->size.width > 4 ? 0.5 : 0;

  cairo_rectangle (cr, r->origin.x + gap, r->origin.y + 1, r->size.width - 2 * gap, r->size.height - 2);
  if (outline)
    {
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.55);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);
}

static void
assay_ring_layer_snapshot (AssayChartLayer        *layer,
                           GtkSnapshot            *snapshot,
                           const graphene_rect_t  *plot,
                           const AssayChartScales *scales)
{
  AssayRingLayer *self = ASSAY_RING_LAYER (layer);
  cairo_t *cr = assay_chart_layer_begin_cairo (layer, snapshot, plot, 1);
  GdkRGBA attended, common;

  assay_chart_layer_get_color (layer, 0, &attended);
  assay_chart_layer_get_color (layer, 1, &common);

  /* The common days: a band down the whole matrix. */
  for (guint i = 0; i < self->common->len; i++)
    {
      guint32 day = g_array_index (self->common, guint32, i);
      graphene_rect_t band;

      assay_chart_scales_get_rect (scales, plot->origin.y, plot->size.height, day, day + 1.0, &band);
      cairo_set_source_rgba (cr, common.red, common.green, common.blue, 0.18);
      cairo_rectangle (cr, band.origin.x, band.origin.y, band.size.width, band.size.height);
      cairo_fill (cr);
    }

  for (guint m = 0; m < MIN (self->days->len, scales->n_categories); m++)
    {
      const GArray *days = self->days->pdata[m];
      double start, thickness;

      assay_chart_scales_get_bar (scales, m, &start, &thickness);
      for (guint i = 0; i < days->len; i++)
        {
          guint32 day = g_array_index (days, guint32, i);
          gboolean is_common = contains (self->common, day);
          graphene_rect_t cell;

          assay_chart_scales_get_rect (scales, start, thickness, day, day + 1.0, &cell);
          gdk_cairo_set_source_rgba (cr, is_common ? &common : &attended);
          fill_cell (cr, &cell, is_common);
        }
    }
  cairo_destroy (cr);
}

static void
assay_ring_layer_collect_legend (AssayChartLayer *layer,
                                 GPtrArray       *names,
                                 GArray          *colors)
{
  GdkRGBA color;

  assay_chart_layer_get_color (layer, 0, &color);
  g_ptr_array_add (names, (gpointer) _("Attended a shared activity"));
  g_array_append_val (colors, color);
  assay_chart_layer_get_color (layer, 1, &color);
  g_ptr_array_add (names, (gpointer) _("Day the quorum attended (outlined)"));
  g_array_append_val (colors, color);
}

static void
assay_ring_layer_append_tooltip_at (AssayChartLayer *layer,
                                    guint            category,
                                    double           value,
                                    GString         *text)
{
  AssayRingLayer *self = ASSAY_RING_LAYER (layer);
  g_autofree char *date = NULL;
  guint32 day;

  if (category >= self->days->len)
    return;
  if (isnan (value) || value < self->first || value >= self->last + 1.0)
    {
      const GArray *days = self->days->pdata[category];
      guint n_common = 0;

      for (guint i = 0; i < days->len; i++)
        n_common += contains (self->common, g_array_index (days, guint32, i));
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Attended on %u days, %u of them days the quorum attended"),
                              days->len, n_common);
      return;
    }
  day = (guint32) floor (value);
  date = assay_format_day (day);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, "%s: %s", date,
                          contains (self->days->pdata[category], day) ? _("attended")
                                                                       : _("did not attend"));
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("%u of %u members attended that day"),
                          count_attending (self, day), self->days->len);
  if (contains (self->common, day))
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("A day the quorum attended"));
    }
}

/* ---- GObject ----------------------------------------------------------------- */

static void
assay_ring_layer_finalize (GObject *object)
{
  AssayRingLayer *self = ASSAY_RING_LAYER (object);

  g_clear_pointer (&self->members, g_strfreev);
  g_clear_pointer (&self->days, g_ptr_array_unref);
  g_clear_pointer (&self->common, g_array_unref);

  G_OBJECT_CLASS (assay_ring_layer_parent_class)->finalize (object);
}

static void
assay_ring_layer_class_init (AssayRingLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AssayChartLayerClass *layer_class = ASSAY_CHART_LAYER_CLASS (klass);

  object_class->finalize = assay_ring_layer_finalize;

  layer_class->get_value = assay_ring_layer_get_value;
  layer_class->get_range = assay_ring_layer_get_range;
  layer_class->snapshot = assay_ring_layer_snapshot;
  layer_class->collect_legend = assay_ring_layer_collect_legend;
  layer_class->append_tooltip_at = assay_ring_layer_append_tooltip_at;
}

static void
assay_ring_layer_init (AssayRingLayer *self)
{
  self->members = g_new0 (char *, 1);
  self->days = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->common = g_array_new (FALSE, FALSE, sizeof (guint32));
}

/* ---- public API ---------------------------------------------------------------- */

AssayRingLayer *
assay_ring_layer_new (void)
{
  return g_object_new (ASSAY_TYPE_RING_LAYER, NULL);
}

void
assay_ring_layer_set_data (AssayRingLayer     *self,
                           guint               n_members,
                           const char * const *members,
                           GArray * const     *days,
                           const GArray       *common_days)
{
  g_return_if_fail (ASSAY_IS_RING_LAYER (self));
  g_return_if_fail (members != NULL || n_members == 0);
  g_return_if_fail (days != NULL || n_members == 0);

  g_strfreev (self->members);
  self->members = g_new0 (char *, n_members + 1);
  g_ptr_array_set_size (self->days, 0);
  self->first = self->last = 0;
  for (guint m = 0; m < n_members; m++)
    {
      GArray *copy = copy_days (days[m]);

      self->members[m] = g_strdup (members[m]);
      widen_span (self, copy);
      g_ptr_array_add (self->days, copy);
    }
  g_clear_pointer (&self->common, g_array_unref);
  self->common = copy_days (common_days);
  widen_span (self, self->common);
  assay_chart_layer_changed (ASSAY_CHART_LAYER (self));
}

void
assay_ring_layer_attach (AssayRingLayer *self,
                         AssayChart     *chart)
{
  g_return_if_fail (ASSAY_IS_RING_LAYER (self));
  g_return_if_fail (ASSAY_IS_CHART (chart));

  assay_chart_clear (chart);
  assay_chart_set_kind (chart, ASSAY_CHART_BARS);
  assay_chart_set_format (chart, ASSAY_CHART_FORMAT_DAY);
  assay_chart_set_categories (chart, self->days->len, (const char * const *) self->members, NULL);
  assay_chart_add_layer (chart, ASSAY_CHART_LAYER (self));
}

guint
assay_ring_layer_get_n_members (AssayRingLayer *self)
{
  g_return_val_if_fail (ASSAY_IS_RING_LAYER (self), 0);

  return self->days->len;
}

gboolean
assay_ring_layer_get_span (AssayRingLayer *self,
                           guint32        *first,
                           guint32        *last)
{
  g_return_val_if_fail (ASSAY_IS_RING_LAYER (self), FALSE);

  if (first != NULL)
    *first = self->first;
  if (last != NULL)
    *last = self->last;
  return self->first != 0;
}

gboolean
assay_ring_layer_attended (AssayRingLayer *self,
                           guint           member,
                           guint32         day)
{
  g_return_val_if_fail (ASSAY_IS_RING_LAYER (self), FALSE);

  return member < self->days->len && contains (self->days->pdata[member], day);
}

gboolean
assay_ring_layer_is_common (AssayRingLayer *self,
                            guint32         day)
{
  g_return_val_if_fail (ASSAY_IS_RING_LAYER (self), FALSE);

  return contains (self->common, day);
}

gboolean
assay_ring_layer_get_cell (AssayRingLayer  *self,
                           guint            member,
                           guint32          day,
                           graphene_rect_t *rect)
{
  AssayChart *chart;
  AssayChartScales scales;
  double start, thickness;

  g_return_val_if_fail (ASSAY_IS_RING_LAYER (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  chart = assay_chart_layer_get_chart (ASSAY_CHART_LAYER (self));
  if (chart == NULL || member >= self->days->len || day < self->first || day > self->last ||
      !_assay_chart_get_scales (chart, NULL, &scales) || member >= scales.n_categories)
    return FALSE;
  assay_chart_scales_get_bar (&scales, member, &start, &thickness);
  assay_chart_scales_get_rect (&scales, start, thickness, day, day + 1.0, rect);
  return TRUE;
}
