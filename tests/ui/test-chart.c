/* test-chart.c — the chart's dot-whisker and line layers: geometry, pixels, tooltips
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

#include <gtk/gtk.h>
#include <math.h>

#include "assay-chart-private.h"
#include "assay-dot-whisker-layer.h"
#include "assay-line-layer.h"
#include "assay-replica.h"
#include "assay-stacked-column-layer.h"
#include "assay-ui-test-util.h"

#define WAIT_TIMEOUT_SECONDS 20
#define N_CATEGORIES 5
#define EPSILON 1e-3  /* graphene points are floats */

static const char * const labels[N_CATEGORIES] = { "A", "B", "C", "D", "E" };
/* Rates with confidence intervals; D has none (NaN). */
static const double rates[N_CATEGORIES] = { 0.42, 0.50, 0.58, NAN, 0.47 };
static const double lower[N_CATEGORIES] = { 0.37, 0.45, 0.52, NAN, 0.40 };
static const double upper[N_CATEGORIES] = { 0.47, 0.55, 0.64, NAN, 0.54 };
/* A trend well below the estimates, with a gap at C. */
static const double trend[N_CATEGORIES] = { 0.20, 0.22, NAN, 0.26, 0.30 };

typedef struct
{
  GtkWindow            *window;
  AssayChart           *chart;
  AssayDotWhiskerLayer *dots;
  AssayLineLayer       *line;
} Fixture;

static gboolean
chart_drawn (gpointer data)
{
  return _assay_chart_get_scales (data, NULL, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  f->chart = assay_chart_new (GPOINTER_TO_INT (user_data));
  f->dots = assay_dot_whisker_layer_new ();
  f->line = assay_line_layer_new ();

  assay_chart_set_format (f->chart, ASSAY_CHART_FORMAT_PERCENT);
  assay_chart_set_categories (f->chart, N_CATEGORIES, labels, NULL);
  assay_chart_layer_set_title (ASSAY_CHART_LAYER (f->dots), "Approval rate");
  assay_chart_layer_set_color_index (ASSAY_CHART_LAYER (f->dots), 2);
  assay_dot_whisker_layer_set_values (f->dots, N_CATEGORIES, rates, lower, upper);
  assay_chart_layer_set_title (ASSAY_CHART_LAYER (f->line), "Trend");
  assay_line_layer_set_values (f->line, N_CATEGORIES, trend);
  assay_chart_add_layer (f->chart, ASSAY_CHART_LAYER (f->dots));
  assay_chart_add_layer (f->chart, ASSAY_CHART_LAYER (f->line));

  gtk_window_set_default_size (f->window, 480, 360);
  gtk_window_set_child (f->window, GTK_WIDGET (f->chart));
  g_object_ref (f->window);
  gtk_window_present (f->window);
  assay_ui_test_wait_until (assay_ui_test_is_mapped, f->chart, WAIT_TIMEOUT_SECONDS, "the chart is mapped");
  assay_ui_test_wait_until (chart_drawn, f->chart, WAIT_TIMEOUT_SECONDS, "the chart is drawn");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  gtk_window_destroy (f->window);
  assay_ui_test_drain_main_loop ();
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->dots);
  g_assert_finalize_object (f->line);
}

static void
assert_in_plot (const graphene_rect_t  *plot,
                const graphene_point_t *point)
{
  g_assert_cmpfloat (point->x, >=, plot->origin.x - EPSILON);
  g_assert_cmpfloat (point->x, <=, plot->origin.x + plot->size.width + EPSILON);
  g_assert_cmpfloat (point->y, >=, plot->origin.y - EPSILON);
  g_assert_cmpfloat (point->y, <=, plot->origin.y + plot->size.height + EPSILON);
}

/* Where a point sits along the value axis and across the category axis. */
static double
along (const AssayChartScales *scales,
       const graphene_point_t *point)
{
  return scales->horizontal ? point->x : point->y;
}

static double
across (const AssayChartScales *scales,
        const graphene_point_t *point)
{
  return scales->horizontal ? point->y : point->x;
}

/* The axis covers every interval and the trend without forcing zero in. */
static void
test_range (Fixture       *f,
            gconstpointer  user_data)
{
  AssayChartScales scales;

  g_assert_true (_assay_chart_get_scales (f->chart, NULL, &scales));
  g_assert_cmpfloat (scales.values.domain_lo, <=, 0.20);
  g_assert_cmpfloat (scales.values.domain_lo, >, 0);
  g_assert_cmpfloat (scales.values.domain_hi, >=, 0.64);
  g_assert_cmpfloat (scales.values.domain_hi, <=, 0.8);
  g_assert_cmpuint (scales.n_categories, ==, N_CATEGORIES);
  g_assert_cmpuint (assay_chart_get_n_series (f->chart), ==, 2);
  g_assert_cmpfloat (assay_chart_get_value (f->chart, 1, 4), ==, 0.30);
}

static void
test_dot_whisker_geometry (Fixture       *f,
                           gconstpointer  user_data)
{
  graphene_point_t dot, low, high;
  graphene_rect_t plot;
  AssayChartScales scales;
  double sign;

  g_assert_true (_assay_chart_get_scales (f->chart, &plot, &scales));
  /* Pixels grow downwards: a higher value is a smaller y, a larger x. */
  sign = scales.horizontal ? 1 : -1;
  for (guint c = 0; c < N_CATEGORIES; c++)
    {
      if (isnan (rates[c]))
        {
          g_assert_false (assay_dot_whisker_layer_get_geometry (f->dots, &scales, c, &dot, &low, &high));
          continue;
        }
      g_assert_true (assay_dot_whisker_layer_get_geometry (f->dots, &scales, c, &dot, &low, &high));
      assert_in_plot (&plot, &dot);
      assert_in_plot (&plot, &low);
      assert_in_plot (&plot, &high);
      /* Centred in its band, the whisker straight across it. */
      g_assert_cmpfloat_with_epsilon (across (&scales, &dot), scales.band_start + (c + 0.5) * scales.band_size, EPSILON);
      g_assert_cmpfloat_with_epsilon (across (&scales, &low), across (&scales, &dot), EPSILON);
      g_assert_cmpfloat_with_epsilon (across (&scales, &high), across (&scales, &dot), EPSILON);
      /* The dot between the ends, each where the scale puts its value. */
      g_assert_cmpfloat (sign * (along (&scales, &high) - along (&scales, &dot)), >, 0);
      g_assert_cmpfloat (sign * (along (&scales, &dot) - along (&scales, &low)), >, 0);
      g_assert_cmpfloat_with_epsilon (along (&scales, &dot), assay_scale_map (&scales.values, rates[c]), EPSILON);
      g_assert_cmpfloat_with_epsilon (along (&scales, &low), assay_scale_map (&scales.values, lower[c]), EPSILON);
      g_assert_cmpfloat_with_epsilon (along (&scales, &high), assay_scale_map (&scales.values, upper[c]), EPSILON);
    }
  g_assert_false (assay_dot_whisker_layer_get_geometry (f->dots, &scales, N_CATEGORIES, &dot, &low, &high));
}

static void
test_line_geometry (Fixture       *f,
                    gconstpointer  user_data)
{
  graphene_point_t point, previous = { 0, };
  graphene_rect_t plot;
  AssayChartScales scales;
  gboolean have_previous = FALSE;

  g_assert_true (_assay_chart_get_scales (f->chart, &plot, &scales));
  for (guint c = 0; c < N_CATEGORIES; c++)
    {
      if (isnan (trend[c]))
        {
          g_assert_false (assay_line_layer_get_point (f->line, &scales, c, &point));
          continue;
        }
      g_assert_true (assay_line_layer_get_point (f->line, &scales, c, &point));
      assert_in_plot (&plot, &point);
      g_assert_cmpfloat_with_epsilon (along (&scales, &point), assay_scale_map (&scales.values, trend[c]), EPSILON);
      /* The categories advance along their axis; the rising trend goes up
       * (or right). */
      if (have_previous)
        {
          g_assert_cmpfloat (across (&scales, &point), >, across (&scales, &previous));
          if (scales.horizontal)
            g_assert_cmpfloat (point.x, >, previous.x);
          else
            g_assert_cmpfloat (point.y, <, previous.y);
        }
      previous = point;
      have_previous = TRUE;
    }
}

/* Renders the chart and reads the pixel at `point`. */
static void
read_pixel (AssayChart             *chart,
            const graphene_point_t *point,
            GdkRGBA                *color)
{
  int width = gtk_widget_get_width (GTK_WIDGET (chart));
  int height = gtk_widget_get_height (GTK_WIDGET (chart));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (chart));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *data = g_malloc (width * height * 4);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (chart)));
  const guchar *pixel;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_download (texture, data, width * 4);
  /* To look at it: ASSAY_TEST_CHART_PNG=/tmp/chart.png */
  if (g_getenv ("ASSAY_TEST_CHART_PNG") != NULL)
    gdk_texture_save_to_png (texture, g_getenv ("ASSAY_TEST_CHART_PNG"));
  /* Cairo's ARGB32: B, G, R, A in memory on a little-endian machine,
   * premultiplied. */
  pixel = data + ((int) point->y * width + (int) point->x) * 4;
  *color = (GdkRGBA) { pixel[2] / 255., pixel[1] / 255., pixel[0] / 255., pixel[3] / 255. };
}

static void
assert_color_near (const GdkRGBA *color,
                   const GdkRGBA *expected)
{
  g_assert_cmpfloat_with_epsilon (color->red, expected->red, 0.05);
  g_assert_cmpfloat_with_epsilon (color->green, expected->green, 0.05);
  g_assert_cmpfloat_with_epsilon (color->blue, expected->blue, 0.05);
  g_assert_cmpfloat (color->alpha, >, 0.95);
}

/* The dots and the line points are drawn in their layers' colours where
 * the geometry says they are. */
static void
test_pixels (Fixture       *f,
             gconstpointer  user_data)
{
  graphene_point_t dot, low, high, point;
  AssayChartScales scales;
  GdkRGBA color, expected;

  g_assert_true (_assay_chart_get_scales (f->chart, NULL, &scales));

  g_assert_true (assay_dot_whisker_layer_get_geometry (f->dots, &scales, 1, &dot, &low, &high));
  read_pixel (f->chart, &dot, &color);
  assay_chart_get_color (2, &expected);
  assert_color_near (&color, &expected);

  g_assert_true (assay_line_layer_get_point (f->line, &scales, 4, &point));
  read_pixel (f->chart, &point, &color);
  assay_chart_get_color (0, &expected);
  assert_color_near (&color, &expected);
}

static void
test_tooltip (Fixture       *f,
              gconstpointer  user_data)
{
  g_autofree char *b = assay_chart_dup_tooltip_text (f->chart, 1);
  g_autofree char *c = assay_chart_dup_tooltip_text (f->chart, 2);
  g_autofree char *d = assay_chart_dup_tooltip_text (f->chart, 3);

  /* One decimal everywhere, so that 50 % never sits next to 11.4 %. */
  g_assert_cmpstr (b, ==, "B\nApproval rate: 50.0 % (45.0 % – 55.0 %)\nTrend: 22.0 %");
  g_assert_cmpstr (c, ==, "C\nApproval rate: 58.0 % (52.0 % – 64.0 %)");
  g_assert_cmpstr (d, ==, "D\nTrend: 26.0 %");
  g_assert_null (assay_chart_dup_tooltip_text (f->chart, N_CATEGORIES));
}

static gboolean
drawn_below_zero (gpointer data)
{
  AssayChartScales scales;

  return _assay_chart_get_scales (data, NULL, &scales) && scales.values.domain_lo < 0;
}

/* Removing a layer redraws without it; the data of the other is kept. */
static void
test_remove_layer (Fixture       *f,
                   gconstpointer  user_data)
{
  g_autoptr(AssayStackedColumnLayer) columns = assay_stacked_column_layer_new ();
  static const char * const names[] = { "Up", "Down" };
  static const double values[2 * N_CATEGORIES] = { 1, 2, 3, 4, 5, -1, -2, -3, -4, -5 };
  AssayChartScales scales;

  assay_chart_remove_layer (f->chart, ASSAY_CHART_LAYER (f->line));
  g_assert_null (assay_chart_layer_get_chart (ASSAY_CHART_LAYER (f->line)));
  g_assert_cmpuint (assay_chart_get_n_layers (f->chart), ==, 1);
  g_assert_cmpuint (assay_chart_get_n_series (f->chart), ==, 1);

  /* A stacked layer below zero: the axis takes in the negative stacks. */
  assay_chart_set_format (f->chart, ASSAY_CHART_FORMAT_NUMBER);
  assay_chart_remove_layer (f->chart, ASSAY_CHART_LAYER (f->dots));
  assay_stacked_column_layer_set_values (columns, 2, names, N_CATEGORIES, values);
  assay_chart_add_layer (f->chart, ASSAY_CHART_LAYER (columns));
  assay_ui_test_wait_until (drawn_below_zero, f->chart, WAIT_TIMEOUT_SECONDS, "the chart is drawn again");
  g_assert_true (_assay_chart_get_scales (f->chart, NULL, &scales));
  g_assert_cmpfloat (scales.values.domain_lo, <=, -5);
  g_assert_cmpfloat (scales.values.domain_hi, >=, 5);
  g_assert_cmpfloat (assay_chart_get_value (f->chart, 1, 4), ==, -5);
  assay_chart_clear (f->chart);
  g_assert_finalize_object (g_steal_pointer (&columns));
}

/* Weeks across the turn of a year: every week has its year as the
 * category group, which the axis draws where it changes. */
static void
test_weekly_years (Fixture       *f,
                   gconstpointer  user_data)
{
  g_autoptr(GArray) weeks = g_array_new (FALSE, TRUE, sizeof (AssayWeekPoints));
  GDate monday;
  AssayWeekPoints week = { 0 };

  g_date_clear (&monday, 1);
  g_date_set_dmy (&monday, 15, G_DATE_DECEMBER, 2025);  /* a Monday */
  g_assert_cmpint (g_date_get_weekday (&monday), ==, G_DATE_MONDAY);
  for (guint w = 0; w < 5; w++)
    {
      week.week_start = g_date_get_julian (&monday) + 7 * w;
      week.points[0] = 10 + w;
      g_array_append_val (weeks, week);
    }
  assay_chart_set_weekly_points (f->chart, weeks);
  g_assert_cmpuint (assay_chart_get_n_categories (f->chart), ==, 5);
  /* Dec 15, 22, 29 of 2025; Jan 5, 12 of 2026. */
  g_assert_cmpstr (assay_chart_get_category_group (f->chart, 0), ==, "2025");
  g_assert_cmpstr (assay_chart_get_category_group (f->chart, 2), ==, "2025");
  g_assert_cmpstr (assay_chart_get_category_group (f->chart, 3), ==, "2026");
  g_assert_null (assay_chart_get_category_group (f->chart, 5));

  /* Other data drops the groups. */
  assay_chart_set_data (f->chart, N_CATEGORIES, labels, NULL, 1, (const char *[]) { "R" }, rates);
  g_assert_null (assay_chart_get_category_group (f->chart, 0));
  assay_chart_clear (f->chart);
}

/* Bars in a card too narrow for their value labels still draw, without
 * the labels, instead of leaving the card empty. */
static void
test_narrow_bars (void)
{
  static const char * const names[] = { "Professional", "Knowledge sharing", "Community service" };
  static const double values[] = { 815203, 897997, 1252544 };
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  AssayChart *chart = assay_chart_new (ASSAY_CHART_BARS);
  graphene_rect_t plot;

  assay_chart_set_data (chart, 3, names, NULL, 1, (const char *[]) { "Points" }, values);
  gtk_widget_set_size_request (GTK_WIDGET (chart), 190, 200);
  gtk_window_set_default_size (window, 190, 200);
  gtk_window_set_child (window, GTK_WIDGET (chart));
  g_object_ref (window);
  gtk_window_present (window);
  assay_ui_test_wait_until (chart_drawn, chart, WAIT_TIMEOUT_SECONDS, "the narrow chart is drawn");
  g_assert_true (_assay_chart_get_scales (chart, &plot, NULL));
  g_assert_cmpfloat (plot.size.width, >=, 10);

  gtk_window_destroy (window);
  assay_ui_test_drain_main_loop ();
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  assay_ui_test_init (&argc, &argv);

  g_test_add ("/assay/ui/chart/range", Fixture, GINT_TO_POINTER (ASSAY_CHART_COLUMNS),
              fixture_set_up, test_range, fixture_tear_down);
  g_test_add ("/assay/ui/chart/dot-whisker/columns", Fixture, GINT_TO_POINTER (ASSAY_CHART_COLUMNS),
              fixture_set_up, test_dot_whisker_geometry, fixture_tear_down);
  g_test_add ("/assay/ui/chart/dot-whisker/bars", Fixture, GINT_TO_POINTER (ASSAY_CHART_BARS),
              fixture_set_up, test_dot_whisker_geometry, fixture_tear_down);
  g_test_add ("/assay/ui/chart/line/columns", Fixture, GINT_TO_POINTER (ASSAY_CHART_COLUMNS),
              fixture_set_up, test_line_geometry, fixture_tear_down);
  g_test_add ("/assay/ui/chart/line/bars", Fixture, GINT_TO_POINTER (ASSAY_CHART_BARS),
              fixture_set_up, test_line_geometry, fixture_tear_down);
  g_test_add ("/assay/ui/chart/pixels", Fixture, GINT_TO_POINTER (ASSAY_CHART_COLUMNS),
              fixture_set_up, test_pixels, fixture_tear_down);
  g_test_add ("/assay/ui/chart/tooltip", Fixture, GINT_TO_POINTER (ASSAY_CHART_COLUMNS),
              fixture_set_up, test_tooltip, fixture_tear_down);
  g_test_add ("/assay/ui/chart/weekly-years", Fixture, GINT_TO_POINTER (ASSAY_CHART_COLUMNS),
              fixture_set_up, test_weekly_years, fixture_tear_down);
  g_test_add_func ("/assay/ui/chart/narrow-bars", test_narrow_bars);
  g_test_add ("/assay/ui/chart/remove-layer", Fixture, GINT_TO_POINTER (ASSAY_CHART_COLUMNS),
              fixture_set_up, test_remove_layer, fixture_tear_down);

  return g_test_run ();
}
