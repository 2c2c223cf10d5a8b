/* assay-overview-page.c — the Overview page: the replica's health and its figures as charts
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
#include <string.h>

#include "assay-format.h"
#include "assay-overview-page-private.h"
#include "assay-county.h"
#include "assay-replica-charts.h"

struct _AssayOverviewPage
{
  AssayPage      parent_instance;

  GSignalGroup  *replica_signals; /* of the session's replica */
  GCancellable  *cancellable;     /* of the figures being read */
  guint          age_source;

  /* Template widgets */
  GtkStack      *stack;
  AdwStatusPage *empty_page;
  GtkFlowBox    *cards_box;
  GtkFlowBox    *charts_box;
  GtkLabel      *size_value;
  GtkLabel      *size_detail;
  GtkLabel      *sync_value;
  GtkLabel      *sync_detail;
  GtkLabel      *alert_value;
  GtkLabel      *alert_detail;
  GtkLabel      *accounts_value;
  GtkLabel      *accounts_detail;
  GtkLabel      *weekly_caption;
  AssayChart    *charts[ASSAY_OVERVIEW_N_CHARTS];
};

G_DEFINE_FINAL_TYPE (AssayOverviewPage, assay_overview_page, ASSAY_TYPE_PAGE)

#define AGE_REFRESH_SECONDS 30

/* What the worker thread reads.  SQLite lets a second connection to the
 * file read while the session's replica serves the main thread; an
 * AssayReplica belongs to the thread that opened it, so each read opens
 * its own, read-only, at the path of the session's replica as it is when
 * the read starts.  A new replica in the session cancels the read. */
typedef struct
{
  GArray  *weeks;                               /* AssayWeekPoints */
  gint64   points[ASSAY_N_DIMENSIONS];
  guint64  events[ASSAY_N_DIMENSIONS];
  guint64  accounts[ASSAY_N_DIMENSIONS];
  guint64  kinds[ASSAY_N_ACCOUNT_KINDS];
  GArray  *county_totals;                       /* AssayCountyTotals */
  GArray  *county_accounts;                     /* AssayCountyAccounts */
} Figures;

static void
figures_free (Figures *figures)
{
  g_clear_pointer (&figures->weeks, g_array_unref);
  g_clear_pointer (&figures->county_totals, g_array_unref);
  g_clear_pointer (&figures->county_accounts, g_array_unref);
  g_free (figures);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Figures, figures_free)

/* ---- reading the figures --------------------------------------------------------- */

static void
read_figures_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(Figures) figures = g_new0 (Figures, 1);
  GError *error = NULL;

  replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  if (replica == NULL ||
      !assay_replica_dimension_totals (replica, NULL, figures->points, figures->events, &error) ||
      !assay_replica_accounts_by_dimension (replica, figures->accounts, &error) ||
      !assay_replica_accounts_by_kind (replica, figures->kinds, &error) ||
      (figures->weeks = assay_replica_weekly_points (replica, &error)) == NULL ||
      (figures->county_totals = assay_replica_county_totals (replica, 0, G_MAXUINT32, &error)) == NULL ||
      (figures->county_accounts = assay_replica_accounts_by_county (replica, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&figures), (GDestroyNotify) figures_free);
}

static void
show_dimensions (AssayOverviewPage *self,
                 const Figures     *figures)
{
  const char *labels[ASSAY_N_DIMENSIONS];
  double points[ASSAY_N_DIMENSIONS];
  double accounts[ASSAY_N_DIMENSIONS];
  const char *points_series[] = { _("Points") };
  const char *accounts_series[] = { _("Accounts") };

  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    {
      labels[d] = assay_dimension_get_label (d);
      points[d] = figures->points[d];
      accounts[d] = figures->accounts[d];
    }
  assay_chart_set_data (self->charts[ASSAY_OVERVIEW_CHART_POINTS], ASSAY_N_DIMENSIONS,
                        labels, NULL, 1, points_series, points);
  assay_chart_set_data (self->charts[ASSAY_OVERVIEW_CHART_ACCOUNTS_BY_DIMENSION], ASSAY_N_DIMENSIONS,
                        labels, NULL, 1, accounts_series, accounts);
}

/* Counties busiest first, so that the bars read as a ranking. */
static int
compare_county_totals (gconstpointer a,
                       gconstpointer b)
{
  const AssayCountyTotals *x = a, *y = b;
  guint64 nx = x->events + x->redemptions, ny = y->events + y->redemptions;

  return nx < ny ? 1 : nx > ny ? -1 : strcmp (x->county, y->county);
}

static int
compare_county_accounts (gconstpointer a,
                         gconstpointer b)
{
  const AssayCountyAccounts *x = a, *y = b;

  return x->accounts < y->accounts ? 1 : x->accounts > y->accounts ? -1 : strcmp (x->county, y->county);
}

static void
show_counties (AssayOverviewPage *self,
               const Figures     *figures)
{
  GArray *totals = figures->county_totals;
  GArray *accounts = figures->county_accounts;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *values = g_new0 (double, 2 * MAX (totals->len, accounts->len));
  const char *entry_series[] = { _("Events"), _("Redemption requests") };
  const char *account_series[] = { _("Accounts") };

  g_array_sort (totals, compare_county_totals);
  for (guint i = 0; i < totals->len; i++)
    {
      const AssayCountyTotals *t = &g_array_index (totals, AssayCountyTotals, i);
      const char *name = assay_county_get_name (t->county);

      g_ptr_array_add (labels, g_strdup (name != NULL ? name : t->county));
      g_ptr_array_add (titles, assay_county_format (t->county));
      values[i] = t->events;
      values[totals->len + i] = t->redemptions;
    }
  assay_chart_set_data (self->charts[ASSAY_OVERVIEW_CHART_COUNTY_ENTRIES], totals->len,
                        (const char * const *) labels->pdata, (const char * const *) titles->pdata,
                        2, entry_series, values);

  g_ptr_array_set_size (labels, 0);
  g_ptr_array_set_size (titles, 0);
  g_array_sort (accounts, compare_county_accounts);
  for (guint i = 0; i < accounts->len; i++)
    {
      const AssayCountyAccounts *a = &g_array_index (accounts, AssayCountyAccounts, i);
      const char *name = assay_county_get_name (a->county);

      g_ptr_array_add (labels, g_strdup (name != NULL ? name : a->county));
      g_ptr_array_add (titles, assay_county_format (a->county));
      values[i] = a->accounts;
    }
  assay_chart_set_data (self->charts[ASSAY_OVERVIEW_CHART_COUNTY_ACCOUNTS], accounts->len,
                        (const char * const *) labels->pdata, (const char * const *) titles->pdata,
                        1, account_series, values);
}

static void
show_account_kinds (AssayOverviewPage *self,
                    const Figures     *figures)
{
  g_autofree char *individuals = assay_format_count (figures->kinds[ASSAY_ACCOUNT_INDIVIDUAL]);
  g_autofree char *enterprises = assay_format_count (figures->kinds[ASSAY_ACCOUNT_ENTERPRISE]);
  g_autofree char *organizations = assay_format_count (figures->kinds[ASSAY_ACCOUNT_ORGANIZATION]);
  g_autofree char *text = NULL;

  /* One fact a line: a card never breaks "85 organizations" in two. */
  /* Translators: accounts by kind, one a line: "9,000 individuals", "400 enterprises", … */
  text = g_strdup_printf (_("%s individuals\n%s enterprises\n%s organizations"),
                          individuals, enterprises, organizations);
  gtk_label_set_text (self->accounts_detail, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->accounts_detail), text);
}

/* The axis names days without their year, and the weeks may span two:
 * the caption gives the unit and the whole range with its years. */
static void
show_weekly_caption (AssayOverviewPage *self,
                     const GArray      *weeks)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *text = NULL;

  if (weeks->len == 0)
    {
      gtk_label_set_text (self->weekly_caption, "");
      return;
    }
  first = assay_format_day (g_array_index (weeks, AssayWeekPoints, 0).week_start);
  last = assay_format_day (g_array_index (weeks, AssayWeekPoints, weeks->len - 1).week_start);
  /* Translators: the weekly chart's unit and range, "… from 2025-12-01 to 2026-11-23". */
  text = g_strdup_printf (_("Points per week; weeks starting from %s to %s"), first, last);
  gtk_label_set_text (self->weekly_caption, text);
}

static void
read_figures_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AssayOverviewPage *self = ASSAY_OVERVIEW_PAGE (source);
  g_autoptr(Figures) figures = NULL;
  g_autoptr(GError) error = NULL;

  figures = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;
  g_clear_object (&self->cancellable);
  if (figures == NULL)
    {
      g_warning ("Cannot read the overview figures: %s", error->message);
      for (guint i = 0; i < ASSAY_OVERVIEW_N_CHARTS; i++)
        assay_chart_clear (self->charts[i]);
      return;
    }
  assay_chart_set_weekly_points (self->charts[ASSAY_OVERVIEW_CHART_WEEKLY], figures->weeks);
  show_weekly_caption (self, figures->weeks);
  show_dimensions (self, figures);
  show_counties (self, figures);
  show_account_kinds (self, figures);
}

static AssayReplica *
get_replica (AssayOverviewPage *self)
{
  return assay_session_get_replica (assay_page_get_session (ASSAY_PAGE (self)));
}

static void
cancel_figures (AssayOverviewPage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

/* Starts reading the figures; a newer read supersedes an older one. */
static void
load_figures (AssayOverviewPage *self,
              AssayReplica      *replica)
{
  g_autoptr(GTask) task = NULL;

  cancel_figures (self);
  self->cancellable = g_cancellable_new ();

  task = g_task_new (self, self->cancellable, read_figures_cb, NULL);
  g_task_set_source_tag (task, load_figures);
  g_task_set_task_data (task, g_strdup (assay_replica_get_path (replica)), g_free);
  g_task_run_in_thread (task, read_figures_thread);
}

/* ---- health ------------------------------------------------------------------- */

static void
update_health (AssayOverviewPage *self)
{
  AssayReplica *replica = get_replica (self);
  g_autoptr(AssayReplicaStatus) status = NULL;
  g_autofree char *size = NULL;
  g_autofree char *size_detail = NULL;
  g_autofree char *n_events = NULL;
  g_autofree char *n_redemptions = NULL;
  g_autofree char *accounts = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (replica == NULL || (status = assay_replica_get_status (replica, NULL)) == NULL)
    return;

  size = assay_format_count (status->size);
  gtk_label_set_text (self->size_value, size);
  n_events = assay_format_count (status->n_events);
  n_redemptions = assay_format_count (status->n_redemptions);
  /* Translators: the replica's entries by kind, one a line. */
  size_detail = g_strdup_printf (_("%s events\n%s redemptions"), n_events, n_redemptions);
  gtk_label_set_text (self->size_detail, size_detail);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->size_detail), size_detail);

  if (status->last_sync_at == 0)
    {
      gtk_label_set_text (self->sync_value, _("Never"));
      gtk_label_set_text (self->sync_detail, _("Sync on the Ledger page"));
    }
  else
    {
      g_autofree char *age = assay_format_age (status->last_sync_at, now);
      g_autofree char *when = assay_format_date_time (status->last_sync_at);

      gtk_label_set_text (self->sync_value, age);
      gtk_label_set_text (self->sync_detail, when);
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->alert_value), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->alert_value), "success");
  if (status->alert == ASSAY_ALERT_NONE)
    {
      gtk_label_set_text (self->alert_value, _("None"));
      gtk_label_set_text (self->alert_detail, _("Every checkpoint verified"));
      gtk_widget_add_css_class (GTK_WIDGET (self->alert_value), "success");
    }
  else
    {
      gtk_label_set_text (self->alert_value, _("Alert"));
      gtk_label_set_text (self->alert_detail, assay_alert_kind_get_label (status->alert));
      gtk_widget_add_css_class (GTK_WIDGET (self->alert_value), "error");
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->alert_detail), status->alert_message);

  accounts = assay_format_count (status->n_accounts);
  gtk_label_set_text (self->accounts_value, accounts);
}

/* An empty replica during the first sync is not "no replica yet". */
static void
update_empty_page (AssayOverviewPage *self)
{
  AssayLedgerModel *ledger = assay_page_get_ledger (ASSAY_PAGE (self));

  if (assay_ledger_model_get_syncing (ledger))
    {
      adw_status_page_set_title (self->empty_page, _("First Sync Under Way"));
      adw_status_page_set_description (self->empty_page,
                                       _("The overview appears once the sync has verified the "
                                         "ledger. Its progress is on the Ledger page."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Ledger Replica Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Sync the ledger to see its health, its accounts and its "
                                         "entries by dimension and by county."));
    }
}

static void
update (AssayOverviewPage *self)
{
  AssayReplica *replica = get_replica (self);
  gboolean has_data = replica != NULL && assay_replica_get_size (replica) > 0;

  gtk_stack_set_visible_child_name (self->stack, has_data ? "overview" : "empty");
  if (!has_data)
    {
      cancel_figures (self);
      update_empty_page (self);
      return;
    }
  update_health (self);
  load_figures (self, replica);
}

/* ---- callbacks ----------------------------------------------------------------- */

static gboolean
age_timeout_cb (gpointer user_data)
{
  update_health (ASSAY_OVERVIEW_PAGE (user_data));
  return G_SOURCE_CONTINUE;
}

static void
replica_changed_cb (AssayOverviewPage *self,
                    AssayReplica      *replica)
{
  update (self);
}

static void
ledger_notify_syncing_cb (AssayOverviewPage *self,
                          GParamSpec        *pspec,
                          AssayLedgerModel  *ledger)
{
  AssayReplica *replica = get_replica (self);

  if (replica == NULL || assay_replica_get_size (replica) == 0)
    update_empty_page (self);
}

/* Another file: what is being read from the old one is of no use. */
static void
session_notify_replica_cb (AssayOverviewPage *self,
                           GParamSpec        *pspec,
                           AssaySession      *session)
{
  cancel_figures (self);
  g_signal_group_set_target (self->replica_signals, get_replica (self));
  update (self);
}

/* ---- GObject ------------------------------------------------------------------- */

static void
assay_overview_page_constructed (GObject *object)
{
  AssayOverviewPage *self = ASSAY_OVERVIEW_PAGE (object);
  AssaySession *session;

  G_OBJECT_CLASS (assay_overview_page_parent_class)->constructed (object);

  session = assay_page_get_session (ASSAY_PAGE (self));
  self->replica_signals = g_signal_group_new (ASSAY_TYPE_REPLICA);
  g_signal_group_connect_object (self->replica_signals, "changed", G_CALLBACK (replica_changed_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::replica", G_CALLBACK (session_notify_replica_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (assay_page_get_ledger (ASSAY_PAGE (self)), "notify::syncing",
                           G_CALLBACK (ledger_notify_syncing_cb), self, G_CONNECT_SWAPPED);
  session_notify_replica_cb (self, NULL, session);
  self->age_source = g_timeout_add_seconds (AGE_REFRESH_SECONDS, age_timeout_cb, self);
}

static void
assay_overview_page_dispose (GObject *object)
{
  AssayOverviewPage *self = ASSAY_OVERVIEW_PAGE (object);

  g_clear_handle_id (&self->age_source, g_source_remove);
  cancel_figures (self);
  g_clear_object (&self->replica_signals);
  /* The template's top widget is bound; AdwBin must let go of it before
   * the template drops it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), ASSAY_TYPE_OVERVIEW_PAGE);

  G_OBJECT_CLASS (assay_overview_page_parent_class)->dispose (object);
}

static void
assay_overview_page_class_init (AssayOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = assay_overview_page_constructed;
  object_class->dispose = assay_overview_page_dispose;

  g_type_ensure (ASSAY_TYPE_CHART);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/assay/Assay/ui/assay-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AssayOverviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AssayOverviewPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AssayOverviewPage, cards_box);
  gtk_widget_class_bind_template_child (widget_class, AssayOverviewPage, charts_box);
  gtk_widget_class_bind_template_child (widget_class, AssayOverviewPage, size_value);
  gtk_widget_class_bind_template_child (widget_class, AssayOverviewPage, size_detail);
  gtk_widget_class_bind_template_child (widget_class, AssayOverviewPage, sync_value);
  gtk_widget_class_bind_template_child (widget_class, AssayOverviewPage, sync_detail);
  gtk_widget_class_bind_template_child (widget_class, AssayOverviewPage, alert_value);
  gtk_widget_class_bind_template_child (widget_class, AssayOverviewPage, alert_detail);
  gtk_widget_class_bind_template_child (widget_class, AssayOverviewPage, accounts_value);
  gtk_widget_class_bind_template_child (widget_class, AssayOverviewPage, accounts_detail);
  gtk_widget_class_bind_template_child (widget_class, AssayOverviewPage, weekly_caption);
  gtk_widget_class_bind_template_child_full (widget_class, "weekly_chart", FALSE,
                                             G_STRUCT_OFFSET (AssayOverviewPage, charts[ASSAY_OVERVIEW_CHART_WEEKLY]));
  gtk_widget_class_bind_template_child_full (widget_class, "points_chart", FALSE,
                                             G_STRUCT_OFFSET (AssayOverviewPage, charts[ASSAY_OVERVIEW_CHART_POINTS]));
  gtk_widget_class_bind_template_child_full (widget_class, "accounts_dimension_chart", FALSE,
                                             G_STRUCT_OFFSET (AssayOverviewPage, charts[ASSAY_OVERVIEW_CHART_ACCOUNTS_BY_DIMENSION]));
  gtk_widget_class_bind_template_child_full (widget_class, "county_entries_chart", FALSE,
                                             G_STRUCT_OFFSET (AssayOverviewPage, charts[ASSAY_OVERVIEW_CHART_COUNTY_ENTRIES]));
  gtk_widget_class_bind_template_child_full (widget_class, "county_accounts_chart", FALSE,
                                             G_STRUCT_OFFSET (AssayOverviewPage, charts[ASSAY_OVERVIEW_CHART_COUNTY_ACCOUNTS]));
}

static void
unfocus_children (GtkWidget *flow_box)
{
  for (GtkWidget *child = gtk_widget_get_first_child (flow_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
}

static void
assay_overview_page_init (AssayOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The flow boxes only lay the cards out, as many a row as the width
   * allows; they are no stops for the keyboard. */
  unfocus_children (GTK_WIDGET (self->cards_box));
  unfocus_children (GTK_WIDGET (self->charts_box));
}

/* ---- private API --------------------------------------------------------------- */

AssayChart *
_assay_overview_page_get_chart (AssayOverviewPage  *self,
                                AssayOverviewChart  chart)
{
  g_return_val_if_fail (ASSAY_IS_OVERVIEW_PAGE (self), NULL);
  g_return_val_if_fail (chart < ASSAY_OVERVIEW_N_CHARTS, NULL);

  return self->charts[chart];
}

gboolean
_assay_overview_page_get_loading (AssayOverviewPage *self)
{
  g_return_val_if_fail (ASSAY_IS_OVERVIEW_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

GtkLabel *
_assay_overview_page_get_size_label (AssayOverviewPage *self)
{
  g_return_val_if_fail (ASSAY_IS_OVERVIEW_PAGE (self), NULL);

  return self->size_value;
}
