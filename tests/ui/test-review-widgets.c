/* test-review-widgets.c — the Review Queue's widgets: the evaluation tree and the ring matrix
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

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "assay-chart-private.h"
#include "assay-day.h"
#include "assay-error.h"
#include "assay-evaluation-tree-private.h"
#include "assay-ring-layer.h"
#include "assay-rule-cases.h"
#include "assay-ui-test-util.h"

#define WAIT_TIMEOUT_SECONDS 20

/* ---- the evaluation tree -------------------------------------------------- */

/* A stored X.down_weight flag: 91 % then 80 % community. */
static JsonObject *
down_weight_flag (AssayRuleSet *set)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "rule_set");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, assay_rule_set_get_sha256 (set));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "rule");
  json_builder_add_string_value (b, "X.down_weight");
  json_builder_set_member_name (b, "features");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "quarter.max_share");
  json_builder_add_double_value (b, 0.91);
  json_builder_set_member_name (b, "quarter.total");
  json_builder_add_double_value (b, 1000);
  json_builder_set_member_name (b, "quarter.previous.max_share");
  json_builder_add_double_value (b, 0.8);
  json_builder_set_member_name (b, "quarter.previous.total");
  json_builder_add_double_value (b, 900);
  json_builder_set_member_name (b, "quarter.max_dimension");
  json_builder_add_string_value (b, "community");
  json_builder_set_member_name (b, "quarter.previous.max_dimension");
  json_builder_add_string_value (b, "community");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "margin");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "value");
  json_builder_add_double_value (b, 0.1);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, "rules[1].when.args[2]");
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_object_ref (json_node_get_object (root));
}

static int
find_row (AssayEvaluationTree *tree,
          const char          *label)
{
  for (guint i = 0; i < _assay_evaluation_tree_get_n_rows (tree); i++)
    if (strcmp (_assay_evaluation_tree_get_label (tree, i), label) == 0)
      return i;
  return -1;
}

static void
test_evaluation_tree (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  AssayEvaluationTree *tree = ASSAY_EVALUATION_TREE (assay_evaluation_tree_new ());
  g_autoptr(GError) error = NULL;
  g_autofree char *path = assay_rule_default_set_path ();
  g_autoptr(AssayRuleSet) set = assay_rule_set_new_from_file (path, &error);
  g_autoptr(JsonObject) flag = NULL;
  int row;

  g_assert_no_error (error);
  flag = down_weight_flag (set);
  g_assert_true (assay_evaluation_tree_set_flag (tree, set, flag, &error));
  g_assert_no_error (error);

  /* Shown (and saved) first, at the narrowest width it must read at. */
  gtk_widget_set_size_request (GTK_WIDGET (tree), 360, -1);
  gtk_window_set_default_size (window, 360, -1);
  gtk_window_set_child (window, GTK_WIDGET (tree));
  g_object_ref (window);
  gtk_window_present (window);
  assay_ui_test_wait_until (assay_ui_test_is_drawn, tree, WAIT_TIMEOUT_SECONDS, "the tree is drawn");
  assay_ui_test_drain_main_loop ();
  assay_ui_test_save_png (GTK_WIDGET (tree), "evaluation-tree-360.png");

  /* and, 4 comparisons of 2 operands, == of 2: 1 + 4 × 3 + 3 nodes. */
  g_assert_cmpuint (_assay_evaluation_tree_get_n_rows (tree), ==, 16);
  g_assert_cmpstr (_assay_evaluation_tree_get_value (tree, 0), ==, "holds");
  g_assert_cmpstr (_assay_evaluation_tree_get_label (tree, 0), ==, "All of");
  /* Shares as percentages, with their limit; totals as counts. */
  row = find_row (tree, "quarter.max_share > concentration_share");
  g_assert_cmpint (row, >=, 0);
  g_assert_cmpstr (_assay_evaluation_tree_get_value (tree, row + 1), ==, "91.0 %");
  g_assert_cmpstr (_assay_evaluation_tree_get_value (tree, row + 2), ==, "70.0 %");
  g_assert_cmpstr (_assay_evaluation_tree_get_detail (tree, row), ==,
                   "91.0 % against a threshold of 70.0 %: margin 21.0 percentage points");
  row = find_row (tree, "quarter.total ≥ min_quarter_total");
  g_assert_cmpstr (_assay_evaluation_tree_get_value (tree, row + 1), ==, "1,000");
  g_assert_cmpstr (_assay_evaluation_tree_get_detail (tree, row), ==,
                   "1,000 against a threshold of 500: margin 500");
  /* Dimensions by their label. */
  row = find_row (tree, "quarter.max_dimension = quarter.previous.max_dimension");
  g_assert_cmpstr (_assay_evaluation_tree_get_value (tree, row + 1), ==, "Community service");
  /* The tightest comparison stands out. */
  row = find_row (tree, "quarter.previous.max_share > concentration_share");
  g_assert_cmpint (_assay_evaluation_tree_get_highlighted (tree), ==, row);

  /* A missing feature is shown as such, and the root is no "false". */
  json_object_set_null_member (json_object_get_object_member (flag, "features"), "quarter.previous.max_share");
  g_assert_true (assay_evaluation_tree_set_flag (tree, set, flag, &error));
  g_assert_cmpstr (_assay_evaluation_tree_get_value (tree, 0), ==, "missing");
  row = find_row (tree, "quarter.previous.max_share > concentration_share");
  g_assert_cmpstr (_assay_evaluation_tree_get_value (tree, row + 1), ==, "missing");
  g_assert_cmpstr (_assay_evaluation_tree_get_detail (tree, row), ==,
                   "missing against a threshold of 70.0 %: cannot be compared");
  g_assert_cmpint (_assay_evaluation_tree_get_highlighted (tree), ==, -1);

  /* A flag of another rule set: refused, the tree empty. */
  json_object_set_string_member (json_object_get_object_member (flag, "rule_set"), "sha256", "00");
  g_assert_false (assay_evaluation_tree_set_flag (tree, set, flag, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (_assay_evaluation_tree_get_n_rows (tree), ==, 0);

  gtk_window_destroy (window);
  assay_ui_test_drain_main_loop ();
  g_assert_finalize_object (window);
}

/* ---- the ring matrix -------------------------------------------------------- */

#define N_MEMBERS 4
#define SPAN 30

static gboolean
chart_drawn (gpointer data)
{
  return _assay_chart_get_scales (data, NULL, NULL);
}

static void
test_ring_layer (void)
{
  static const char * const members[N_MEMBERS] = { "acct-0001", "acct-0002", "acct-0003", "acct-0004" };
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  AssayChart *chart = assay_chart_new (ASSAY_CHART_COLUMNS);
  AssayRingLayer *layer = assay_ring_layer_new ();
  GArray *days[N_MEMBERS];
  g_autoptr(GArray) common = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree char *tooltip = NULL, *row_tooltip = NULL;
  graphene_rect_t plot, a, b, c;
  guint32 first, last, start;

  g_assert_true (assay_day_parse ("2025-03-01", -1, &start));
  /* Every member on days 2, 9, 16, 23 (the ring); each alone on a few others. */
  for (guint m = 0; m < N_MEMBERS; m++)
    {
      days[m] = g_array_new (FALSE, FALSE, sizeof (guint32));
      for (guint d = 0; d < SPAN; d++)
        if (d % 7 == 2 || (d + m) % 11 == 0)
          {
            guint32 day = start + d;

            g_array_append_val (days[m], day);
          }
    }
  for (guint d = 2; d < SPAN; d += 7)
    {
      guint32 day = start + d;

      g_array_append_val (common, day);
    }
  assay_ring_layer_set_data (layer, N_MEMBERS, members, days, common);
  for (guint m = 0; m < N_MEMBERS; m++)
    g_array_unref (days[m]);
  assay_ring_layer_attach (layer, chart);
  g_assert_cmpuint (assay_ring_layer_get_n_members (layer), ==, N_MEMBERS);
  g_assert_cmpuint (assay_chart_get_n_categories (chart), ==, N_MEMBERS);
  g_assert_true (assay_ring_layer_get_span (layer, &first, &last));
  g_assert_cmpuint (first, ==, start);
  g_assert_cmpuint (last, <=, start + SPAN - 1);
  g_assert_true (assay_ring_layer_attended (layer, 2, start + 9));
  g_assert_true (assay_ring_layer_is_common (layer, start + 9));
  g_assert_false (assay_ring_layer_is_common (layer, start + 10));

  gtk_window_set_default_size (window, 640, 260);
  gtk_window_set_child (window, GTK_WIDGET (chart));
  g_object_ref (window);
  gtk_window_present (window);
  assay_ui_test_wait_until (chart_drawn, chart, WAIT_TIMEOUT_SECONDS, "the ring chart is drawn");
  assay_ui_test_drain_main_loop ();
  assay_ui_test_save_png (GTK_WIDGET (chart), "ring-layer-640.png");

  /* Rows down, days along: inside the plot, in order. */
  g_assert_true (_assay_chart_get_scales (chart, &plot, NULL));
  g_assert_true (assay_ring_layer_get_cell (layer, 0, start + 2, &a));
  g_assert_true (assay_ring_layer_get_cell (layer, 1, start + 2, &b));
  g_assert_true (assay_ring_layer_get_cell (layer, 0, start + 9, &c));
  g_assert_true (graphene_rect_contains_rect (&plot, &a) || graphene_rect_intersection (&plot, &a, NULL));
  g_assert_cmpfloat (b.origin.y, >, a.origin.y);
  g_assert_cmpfloat (c.origin.x, >, a.origin.x + a.size.width - 1e-3);
  g_assert_cmpfloat_with_epsilon (c.size.width, a.size.width, 1e-3);
  g_assert_false (assay_ring_layer_get_cell (layer, N_MEMBERS, start + 2, &a));

  /* A cell's tooltip: the member, the day, who attended. */
  tooltip = assay_chart_dup_tooltip_text_at (chart, 1, start + 9 + 0.5);
  g_assert_true (g_str_has_prefix (tooltip, "acct-0002\n2025-03-10: attended"));
  g_assert_nonnull (strstr (tooltip, "4 of 4 members attended that day"));
  g_assert_nonnull (strstr (tooltip, "A day the quorum attended"));
  row_tooltip = assay_chart_dup_tooltip_text (chart, 0);
  g_assert_nonnull (strstr (row_tooltip, "of them days the quorum attended"));

  /* Days on the axis. */
  g_free (tooltip);
  tooltip = assay_chart_format_value (chart, start);
  g_assert_cmpstr (tooltip, ==, "Mar 1");

  gtk_window_destroy (window);
  assay_ui_test_drain_main_loop ();
  g_assert_finalize_object (window);
  g_assert_finalize_object (layer);
}

int
main (int argc, char **argv)
{
  assay_ui_test_init (&argc, &argv);
  /* The Adwaita style sheet, as in the app (boxed lists, accent). */
  adw_init ();
  g_test_add_func ("/assay/ui/review/evaluation-tree", test_evaluation_tree);
  g_test_add_func ("/assay/ui/review/ring-layer", test_ring_layer);
  return g_test_run ();
}
