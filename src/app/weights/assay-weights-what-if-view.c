/* assay-weights-what-if-view.c — the what-if of a weights proposal: numbers, histogram, groups, crossings
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

#include "assay-bar-layer.h"
#include "assay-chart.h"
#include "assay-column-view-util.h"
#include "assay-format.h"
#include "assay-line-layer.h"
#include "assay-weights-what-if-view.h"
#include "assay-weights-what-if-view-private.h"
#include "assay-what-if-county-item.h"

/* The crossings listed; the rest are counted. */
#define MAX_CROSSINGS_SHOWN 50
G_STATIC_ASSERT (MAX_CROSSINGS_SHOWN <= ASSAY_WHAT_IF_NAMED);

struct _AssayWeightsWhatIfView
{
  AdwBin                parent_instance;

  AdwPreferencesGroup  *summary_group;
  AssayChart           *histogram_chart;
  AdwPreferencesGroup  *groups_group;
  AdwPreferencesGroup  *county_group;
  GtkColumnView        *county_view;
  GListStore           *counties;      /* AssayWhatIfCountyItem */
  AdwPreferencesGroup  *crossings_group;
  AdwPreferencesGroup  *fairness_group;

  GPtrArray            *rows;   /* (group, row) pairs added, to take out again */
};

G_DEFINE_FINAL_TYPE (AssayWeightsWhatIfView, assay_weights_what_if_view, ADW_TYPE_BIN)

static const char * const kind_labels[ASSAY_N_ACCOUNT_KINDS] = {
  N_("Individuals"), N_("Enterprises"), N_("Organizations"),
};

static void
add_row (AssayWeightsWhatIfView *self,
         AdwPreferencesGroup    *group,
         const char             *title,
         const char             *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, group);
  g_ptr_array_add (self->rows, row);
}

static void
clear_rows (AssayWeightsWhatIfView *self)
{
  for (guint i = 0; i + 1 < self->rows->len; i += 2)
    adw_preferences_group_remove (g_ptr_array_index (self->rows, i), g_ptr_array_index (self->rows, i + 1));
  g_ptr_array_set_size (self->rows, 0);
}

/* "1,234.00 → 1,301.50 (+5.5 %)" */
static char *
change_text (double before,
             double after)
{
  g_autofree char *b = assay_format_value (before);
  g_autofree char *a = assay_format_value (after);

  if (before == 0)
    return g_strdup_printf ("%s → %s", b, a);
  return g_strdup_printf ("%s → %s (%+.1f %%)", b, a, 100.0 * (after - before) / fabs (before));
}

static char *
kept_text (gsize kept,
           gsize k)
{
  g_autofree char *kept_text = assay_format_count (kept);
  g_autofree char *k_text = assay_format_count (k);

  /* Translators: "84 of 96 stay". */
  return g_strdup_printf (_("%s of %s stay"), kept_text, k_text);
}

static char *
up_down_text (guint64 up,
              guint64 down)
{
  g_autofree char *u = assay_format_count (up);
  g_autofree char *d = assay_format_count (down);

  /* Translators: accounts moving up and down: "81 up, 13 down". */
  return g_strdup_printf (_("%s up, %s down"), u, d);
}

static void
show_summary (AssayWeightsWhatIfView   *self,
              const AssayWeightsWhatIf *w)
{
  g_autofree char *accounts = assay_format_count (w->n);
  g_autofree char *totals = change_text (w->total_before, w->total_after);
  g_autofree char *tau = isnan (w->kendall_tau_b) ? g_strdup (_("undefined (the values do not vary)"))
                                                   : g_strdup_printf ("%.4f", w->kendall_tau_b);
  g_autofree char *rho = isnan (w->spearman_rho) ? g_strdup (_("undefined (the values do not vary)"))
                                                  : g_strdup_printf ("%.4f", w->spearman_rho);
  g_autofree char *top100 = kept_text (w->top100_kept, w->top100_k);
  g_autofree char *top1 = kept_text (w->top1pct_kept, w->top1pct_k);
  g_autofree char *levels = up_down_text (w->level_up, w->level_down);
  g_autofree char *tiers = up_down_text (w->tier_up, w->tier_down);
  g_autofree char *day = assay_format_day (w->as_of);

  add_row (self, self->summary_group, _("Accounts valued"), accounts);
  add_row (self, self->summary_group, _("Day"), day);
  add_row (self, self->summary_group, _("Replaced"),
           w->replaced.equal ? _("The plan's equal weights, over the whole equal-weight period")
                             : _("The weights in force, over the whole period they cover"));
  add_row (self, self->summary_group, _("Total value"), totals);
  add_row (self, self->summary_group, _("Rank agreement, Kendall's τ-b"), tau);
  add_row (self, self->summary_group, _("Rank agreement, Spearman's ρ"), rho);
  add_row (self, self->summary_group, _("Top 100 accounts"), top100);
  /* xgettext:no-c-format */
  add_row (self, self->summary_group, _("Top 1 % of accounts"), top1);
  add_row (self, self->summary_group, _("Trust level crossings"), levels);
  add_row (self, self->summary_group, _("Redemption tier crossings"), tiers);
}

static void
show_histogram (AssayWeightsWhatIfView   *self,
                const AssayWeightsWhatIf *w)
{
  const guint n = ASSAY_WHAT_IF_BINS + 2;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *before = g_new (double, n);
  g_autofree double *after = g_new (double, n);
  AssayBarLayer *bars = assay_bar_layer_new ();
  AssayLineLayer *line = assay_line_layer_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *from = i > 0 ? assay_format_number (assay_weights_what_if_edge (w, i - 1)) : NULL;

      if (i == 0)
        g_ptr_array_add (labels, g_strdup (_("< 0")));
      else if (i == n - 1)
        g_ptr_array_add (labels, g_strdup_printf ("≥ %s", from));
      else
        g_ptr_array_add (labels, g_strdup (from));
      before[i] = w->before_bins[i];
      after[i] = w->after_bins[i];
    }
  g_ptr_array_add (labels, NULL);
  assay_chart_clear (self->histogram_chart);
  assay_chart_set_categories (self->histogram_chart, n, (const char * const *) labels->pdata, NULL);
  assay_bar_layer_set_values (bars, n, before);
  assay_chart_layer_set_title (ASSAY_CHART_LAYER (bars), _("Accounts before"));
  assay_line_layer_set_values (line, n, after);
  assay_chart_layer_set_title (ASSAY_CHART_LAYER (line), _("Accounts after"));
  assay_chart_layer_set_color_index (ASSAY_CHART_LAYER (line), 1);
  assay_chart_add_layer (self->histogram_chart, ASSAY_CHART_LAYER (bars));
  assay_chart_add_layer (self->histogram_chart, ASSAY_CHART_LAYER (line));
  g_object_unref (bars);
  g_object_unref (line);
}

static void
add_group_row (AssayWeightsWhatIfView *self,
               const char             *title,
               const AssayWhatIfGroup *g)
{
  g_autofree char *n = assay_format_count (g->n);
  g_autofree char *totals = change_text (g->total_before, g->total_after);
  g_autofree char *moves = up_down_text (g->n_up, g->n_down);
  g_autofree char *subtitle = NULL;

  if (g->n == 0)
    return;
  /* Translators: accounts, their total value before → after, how many rose and fell:
   * "6,123 accounts · 812,300.00 → 845,100.00 (+4.0 %) · 3,100 up, 2,800 down". */
  subtitle = g_strdup_printf (_("%s accounts · %s · %s"), n, totals, moves);
  add_row (self, self->groups_group, title, subtitle);
}

static void
show_groups (AssayWeightsWhatIfView   *self,
             const AssayWeightsWhatIf *w)
{
  for (int k = 0; k < ASSAY_N_ACCOUNT_KINDS; k++)
    add_group_row (self, _(kind_labels[k]), &w->by_kind[k]);
  for (int d = 0; d <= ASSAY_N_DIMENSIONS; d++)
    {
      g_autofree char *title = NULL;

      if (d < ASSAY_N_DIMENSIONS)
        /* Translators: accounts whose points are mostly in one dimension: "Mostly Professional". */
        title = g_strdup_printf (_("Mostly %s"), assay_dimension_get_label (d));
      else
        title = g_strdup (_("No positive points"));
      add_group_row (self, title, &w->by_dimension[d]);
    }
}

static void
county_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* Numbers right-aligned, the name left. */
  gtk_label_set_xalign (GTK_LABEL (label), user_data != NULL ? 1 : 0);
  if (user_data != NULL)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
county_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  AssayWhatIfCountyItem *county = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  const char *property = user_data;
  g_autofree char *text = NULL;
  double number;

  if (property == NULL)
    {
      gtk_label_set_label (label, assay_what_if_county_item_get_name (county));
      return;
    }
  number = assay_what_if_county_item_get_number (county, property);
  if (g_str_equal (property, "before") || g_str_equal (property, "after") || g_str_equal (property, "change"))
    text = assay_format_value (number);
  else
    text = assay_format_count ((gint64) number);
  gtk_label_set_label (label, text);
}

/* A column of the county table, sorting by `property` (the name when NULL). */
static void
add_county_column (GtkColumnView *view,
                   const char    *title,
                   const char    *property)
{
  assay_column_view_append_sorted_column (view, title, ASSAY_TYPE_WHAT_IF_COUNTY_ITEM, "name", property,
                                          G_CALLBACK (county_setup_cb), G_CALLBACK (county_bind_cb));
}

/* The county table's columns and its sorted model over `counties`. */
static void
build_county_view (AssayWeightsWhatIfView *self)
{
  GtkColumnView *view = self->county_view;
  GtkSortListModel *sorted;

  add_county_column (view, _("County"), NULL);
  add_county_column (view, _("Accounts"), "accounts");
  add_county_column (view, _("Value before"), "before");
  add_county_column (view, _("Value after"), "after");
  add_county_column (view, _("Change"), "change");
  add_county_column (view, _("Up"), "up");
  add_county_column (view, _("Down"), "down");
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->counties)),
                                    g_object_ref (gtk_column_view_get_sorter (view)));
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (sorted))));
}

static void
show_counties (AssayWeightsWhatIfView   *self,
               const AssayWeightsWhatIf *w)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < w->by_county->len; i++)
    g_ptr_array_add (items, assay_what_if_county_item_new (&g_array_index (w->by_county, AssayWhatIfGroup, i)));
  g_list_store_splice (self->counties, 0, g_list_model_get_n_items (G_LIST_MODEL (self->counties)),
                       items->pdata, items->len);
}

static void
show_crossings (AssayWeightsWhatIfView   *self,
                const AssayWeightsWhatIf *w)
{
  for (guint i = 0; i < MIN (w->crossings->len, MAX_CROSSINGS_SHOWN); i++)
    {
      const AssayWhatIfCrossing *c = &g_array_index (w->crossings, AssayWhatIfCrossing, i);
      g_autofree char *values = change_text (c->before, c->after);
      /* Translators: value change, level change and number of tiers: "992.94 → 1,251.26 (+26.0 %) · L2 → L3 · tiers 1 → 2". */
      g_autofree char *subtitle = g_strdup_printf (_("%s · L%u → L%u · tiers %u → %u"), values, c->level_before,
                                                   c->level_after, c->tiers_before, c->tiers_after);

      add_row (self, self->crossings_group, c->account, subtitle);
    }
  if (w->crossings->len > MAX_CROSSINGS_SHOWN)
    {
      g_autofree char *more = assay_format_count (w->crossings->len - MAX_CROSSINGS_SHOWN);
      g_autofree char *text = g_strdup_printf (_("%s more; “assayctl weights what-if --json” lists them all"),
                                               more);

      add_row (self, self->crossings_group, _("And more"), text);
    }
  else if (w->crossings->len == 0)
    add_row (self, self->crossings_group, _("None"), _("No account changes level or tier."));
}

static char *
residual_text (double residual)
{
  return isnan (residual) ? g_strdup ("—") : assay_format_value (residual);
}

static void
show_fairness (AssayWeightsWhatIfView    *self,
               const AssayFairnessWhatIf *f)
{
  g_autofree char *groups = NULL, *accounts = NULL, *description = NULL;

  adw_preferences_group_set_description (self->fairness_group, NULL);
  /* No verdicts given: no heading either. */
  gtk_widget_set_visible (GTK_WIDGET (self->fairness_group), f != NULL);
  if (f == NULL)
    return;
  if (f->no_cohort != NULL)
    {
      add_row (self, self->fairness_group, _("No cohort"), f->no_cohort);
      return;
    }
  groups = assay_format_count (f->n_groups);
  accounts = assay_format_count (f->n_accounts);
  /* Translators: "60,563 groups of 9,998,000 cohort accounts tested …". */
  description = g_strdup_printf (_("The Article W test with its default options, the outcome being each account's "
                                   "value before and after: %s groups of %s cohort accounts tested."),
                                 groups, accounts);
  adw_preferences_group_set_description (self->fairness_group, description);
  for (guint i = 0; i < f->changes->len; i++)
    {
      const AssayFairnessChange *c = g_ptr_array_index (f->changes, i);
      g_autofree char *title = assay_fairness_group_label ((const char * const *) c->names,
                                                           (const char * const *) c->values);
      g_autofree char *before = residual_text (c->residual_median_before);
      g_autofree char *after = residual_text (c->residual_median_after);
      /* Translators: verdicts before → after, then the residual medians:
       * "no significant gap → below its SES prediction · residual median 0.00 → −146.75". */
      g_autofree char *subtitle = g_strdup_printf (_("%s → %s · residual median %s → %s"),
                                                   assay_fairness_verdict_get_label (c->verdict_before),
                                                   assay_fairness_verdict_get_label (c->verdict_after),
                                                   before, after);

      add_row (self, self->fairness_group, title, subtitle);
    }
  if (f->changes->len == 0)
    add_row (self, self->fairness_group, _("None"), _("No group's verdict would change."));
}

void
assay_weights_what_if_view_set_what_if (AssayWeightsWhatIfView    *self,
                                        const AssayWeightsWhatIf  *what_if,
                                        const AssayFairnessWhatIf *fairness)
{
  g_return_if_fail (ASSAY_IS_WEIGHTS_WHAT_IF_VIEW (self));

  clear_rows (self);
  assay_chart_clear (self->histogram_chart);
  /* Nothing computed, nothing shown: empty headings would say there is
   * nothing to show. */
  gtk_widget_set_visible (GTK_WIDGET (self), what_if != NULL && what_if->n > 0);
  if (what_if == NULL || what_if->n == 0)
    return;
  show_summary (self, what_if);
  show_histogram (self, what_if);
  show_groups (self, what_if);
  show_counties (self, what_if);
  show_crossings (self, what_if);
  show_fairness (self, fairness);
}

char *
assay_weights_what_if_view_dup_summary (AssayWeightsWhatIfView *self)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i + 1 < self->rows->len; i += 2)
    if (g_ptr_array_index (self->rows, i) == self->summary_group)
      {
        AdwActionRow *row = g_ptr_array_index (self->rows, i + 1);

        g_string_append_printf (text, "%s: %s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                adw_action_row_get_subtitle (row));
      }
  return g_string_free (text, FALSE);
}

static void
assay_weights_what_if_view_dispose (GObject *object)
{
  AssayWeightsWhatIfView *self = ASSAY_WEIGHTS_WHAT_IF_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ASSAY_TYPE_WEIGHTS_WHAT_IF_VIEW);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->counties);
  G_OBJECT_CLASS (assay_weights_what_if_view_parent_class)->dispose (object);
}

static void
assay_weights_what_if_view_class_init (AssayWeightsWhatIfViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = assay_weights_what_if_view_dispose;
  g_type_ensure (ASSAY_TYPE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/assay/Assay/ui/assay-weights-what-if-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsWhatIfView, summary_group);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsWhatIfView, histogram_chart);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsWhatIfView, groups_group);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsWhatIfView, county_group);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsWhatIfView, county_view);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsWhatIfView, crossings_group);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsWhatIfView, fairness_group);
}

static void
assay_weights_what_if_view_init (AssayWeightsWhatIfView *self)
{
  self->rows = g_ptr_array_new ();
  self->counties = g_list_store_new (ASSAY_TYPE_WHAT_IF_COUNTY_ITEM);
  gtk_widget_init_template (GTK_WIDGET (self));
  build_county_view (self);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
assay_weights_what_if_view_new (void)
{
  return g_object_new (ASSAY_TYPE_WEIGHTS_WHAT_IF_VIEW, NULL);
}

char *
_assay_weights_what_if_view_dup_fairness_text (AssayWeightsWhatIfView *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (ASSAY_IS_WEIGHTS_WHAT_IF_VIEW (self), NULL);

  for (guint i = 0; i + 1 < self->rows->len; i += 2)
    if (g_ptr_array_index (self->rows, i) == self->fairness_group)
      {
        AdwActionRow *row = g_ptr_array_index (self->rows, i + 1);

        g_string_append_printf (text, "%s: %s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                adw_action_row_get_subtitle (row));
      }
  return g_string_free (text, FALSE);
}

GtkColumnView *
_assay_weights_what_if_view_get_county_view (AssayWeightsWhatIfView *self)
{
  g_return_val_if_fail (ASSAY_IS_WEIGHTS_WHAT_IF_VIEW (self), NULL);

  return self->county_view;
}
