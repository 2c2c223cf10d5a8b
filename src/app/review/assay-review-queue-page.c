/* assay-review-queue-page.c — the Review Queue page: the committee's cases, filtered and sorted
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

#include "assay-account-view.h"
#include "assay-case-queue.h"
#include "assay-case-view.h"
#include "assay-county.h"
#include "assay-entry-table.h"
#include "assay-column-view-util.h"
#include "assay-format.h"
#include "assay-review-labels.h"
#include "assay-review-queue-page-private.h"

#define DAY_SECONDS (24 * 60 * 60)

/* A filter dropdown: its values (NULL for "any") beside its labels. */
typedef struct
{
  GtkDropDown     *dropdown;
  AssayCaseColumn  column;
  const char      *key;       /* in the review-queue-filters setting */
  GPtrArray       *values;
  char            *pending;   /* the saved value, chosen once a case has it */
} Choice;

enum {
  CHOICE_ARTICLE,
  CHOICE_RULE,
  CHOICE_SEVERITY,
  CHOICE_STATE,
  CHOICE_COUNTY,
  N_CHOICES
};

/* The age filter's options: opened at most / at least this many days ago. */
static const struct {
  const char *label;
  gint64      max_days;
  gint64      min_days;
} age_options[] = {
  { N_("Any age"), 0, 0 },
  { N_("Opened in the last 7 days"), 7, 0 },
  { N_("Older than 7 days"), 0, 7 },
  { N_("Older than 30 days"), 0, 30 },
};

struct _AssayReviewQueuePage
{
  AssayPage            parent_instance;

  GListStore          *store;        /* AssayCaseRow */
  GtkFilterListModel  *filtered;
  GtkSortListModel    *sorted;
  GtkSingleSelection  *selection;
  GtkCustomFilter     *filter;
  AssayCaseFilter     *criteria;
  GtkColumnViewColumn *columns[ASSAY_N_CASE_COLUMNS];
  Choice               choices[N_CHOICES];
  gboolean             updating_choices;
  GError              *load_error;
  GSettings           *settings;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  AdwLeaflet          *leaflet;
  GtkStack            *main_stack;
  AdwStatusPage       *empty_page;
  GtkWidget           *empty_spinner;
  GtkLabel            *counts_label;
  GtkLabel            *run_label;
  GtkLabel            *error_label;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *article_dropdown;
  GtkDropDown         *rule_dropdown;
  GtkDropDown         *severity_dropdown;
  GtkDropDown         *state_dropdown;
  GtkDropDown         *county_dropdown;
  GtkDropDown         *age_dropdown;
  GtkWidget           *list_spinner;
  GtkLabel            *list_label;
  GtkWidget           *clear_filters_button;
  GtkColumnView       *column_view;
  AssayCaseView       *case_view;
  AssayAccountView    *account_view;
};

G_DEFINE_FINAL_TYPE (AssayReviewQueuePage, assay_review_queue_page, ASSAY_TYPE_PAGE)

static const char * const column_titles[ASSAY_N_CASE_COLUMNS] = {
  N_("Case"), N_("Subject"), N_("Article"), N_("Rules"), N_("Severity"), N_("State"),
  N_("County"), N_("Opened"), N_("Assignee"), N_("Flags"),
};


static const int column_widths[ASSAY_N_CASE_COLUMNS] = {
  64, 140, 72, 130, 90, 90, 140, 110, 90, 64,
};

static const char * const column_tooltips[ASSAY_N_CASE_COLUMNS] = {
  N_("The case number, in order of opening"),
  N_("The account, county or ring the case is about"),
  N_("The articles of the plan its flags apply"),
  N_("The rules of every flag in the case"),
  N_("The severity of its most severe flag"),
  N_("Open, in review, decided or reopened"),
  N_("The county of the subject’s most recent record"),
  N_("How long ago the case was opened"),
  N_("The committee member it is assigned to"),
  N_("How many of its flags the latest computation still raises"),
};

/* ---- helpers ------------------------------------------------------------------- */

static AssaySession *
get_session (AssayReviewQueuePage *self)
{
  return assay_page_get_session (ASSAY_PAGE (self));
}

static AssayReplica *
get_replica (AssayReviewQueuePage *self)
{
  return assay_session_get_replica (get_session (self));
}

static char *
column_text (AssayCaseRow    *row,
             AssayCaseColumn  column)
{
  const AssayCase *c = assay_case_row_get_case (row);

  switch (column)
    {
    case ASSAY_CASE_COLUMN_ID:
      return g_strdup_printf ("%" G_GINT64_FORMAT, c->id);
    case ASSAY_CASE_COLUMN_SUBJECT:
      {
        const char * const *members = assay_case_row_get_members (row);

        return assay_review_describe_case (c, members != NULL ? g_strv_length ((char **) members) : 0);
      }
    case ASSAY_CASE_COLUMN_ARTICLE:
      return g_strjoinv (", ", (char **) assay_case_row_get_articles (row));
    case ASSAY_CASE_COLUMN_RULES:
      return g_strjoinv (", ", (char **) assay_case_row_get_rules (row));
    case ASSAY_CASE_COLUMN_SEVERITY:
      return g_strdup (assay_review_severity_label (c->severity));
    case ASSAY_CASE_COLUMN_STATE:
      return g_strdup (assay_review_state_label (c->state));
    case ASSAY_CASE_COLUMN_COUNTY:
      return c->county != NULL ? assay_county_format (c->county) : g_strdup ("—");
    case ASSAY_CASE_COLUMN_OPENED:
      return assay_format_age (c->opened, g_get_real_time () / G_USEC_PER_SEC);
    case ASSAY_CASE_COLUMN_ASSIGNEE:
      return g_strdup (c->assignee != NULL ? c->assignee : "—");
    case ASSAY_CASE_COLUMN_FLAGS:
      return g_strdup_printf ("%u", c->n_current);
    case ASSAY_N_CASE_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
choice_label (AssayCaseColumn  column,
              const char      *value,
              guint            count)
{
  g_autofree char *name = NULL;

  switch (column)
    {
    case ASSAY_CASE_COLUMN_ARTICLE:
      name = g_strdup_printf (_("Article %s"), value);
      break;
    case ASSAY_CASE_COLUMN_SEVERITY:
      name = g_strdup (assay_review_severity_label (value));
      break;
    case ASSAY_CASE_COLUMN_STATE:
      name = g_strdup (assay_review_state_label (assay_case_state_from_id (value)));
      break;
    case ASSAY_CASE_COLUMN_COUNTY:
      name = assay_county_format (value);
      break;
    default:
      name = g_strdup (value);
    }
  /* Translators: a filter's option with its number of cases, "Article X (12)". */
  return g_strdup_printf (_("%s (%u)"), name, count);
}

static const char *
choice_any_label (AssayCaseColumn column)
{
  switch (column)
    {
    case ASSAY_CASE_COLUMN_ARTICLE:
      return _("All articles");
    case ASSAY_CASE_COLUMN_RULES:
      return _("All rules");
    case ASSAY_CASE_COLUMN_SEVERITY:
      return _("All severities");
    case ASSAY_CASE_COLUMN_STATE:
      return _("All states");
    case ASSAY_CASE_COLUMN_COUNTY:
      return _("All counties");
    default:
      return "";
    }
}

/* Fills a dropdown with the values the cases have, keeping its choice
 * when that value is still there. */
static void
update_choice (AssayReviewQueuePage *self,
               Choice               *choice,
               GPtrArray            *rows)
{
  g_autoptr(GPtrArray) counts = assay_case_queue_count (rows, choice->column);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = gtk_drop_down_get_selected (choice->dropdown);
  g_autofree char *kept = NULL;
  guint position = 0;

  if (choice->pending != NULL)
    kept = g_strdup (choice->pending);
  else if (selected != GTK_INVALID_LIST_POSITION && selected < choice->values->len)
    kept = g_strdup (g_ptr_array_index (choice->values, selected));
  g_ptr_array_set_size (choice->values, 0);
  g_ptr_array_add (choice->values, NULL);
  gtk_string_list_append (labels, choice_any_label (choice->column));
  for (guint i = 0; i < counts->len; i++)
    {
      const AssayCaseCount *count = g_ptr_array_index (counts, i);
      g_autofree char *label = choice_label (choice->column, count->value, count->count);

      if (g_strcmp0 (kept, count->value) == 0)
        {
          position = choice->values->len;
          g_clear_pointer (&choice->pending, g_free);
        }
      g_ptr_array_add (choice->values, g_strdup (count->value));
      gtk_string_list_append (labels, label);
    }
  gtk_drop_down_set_model (choice->dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (choice->dropdown, position);
}

static const char *
choice_value (Choice *choice)
{
  guint selected = gtk_drop_down_get_selected (choice->dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= choice->values->len)
    return NULL;
  return g_ptr_array_index (choice->values, selected);
}

static void
read_criteria (AssayReviewQueuePage *self)
{
  AssayCaseFilter *f = self->criteria;
  const char *state = choice_value (&self->choices[CHOICE_STATE]);
  guint age = gtk_drop_down_get_selected (self->age_dropdown);

  g_free (f->article);
  g_free (f->rule);
  g_free (f->severity);
  g_free (f->county);
  g_free (f->search);
  f->article = g_strdup (choice_value (&self->choices[CHOICE_ARTICLE]));
  f->rule = g_strdup (choice_value (&self->choices[CHOICE_RULE]));
  f->severity = g_strdup (choice_value (&self->choices[CHOICE_SEVERITY]));
  f->county = g_strdup (choice_value (&self->choices[CHOICE_COUNTY]));
  f->state = state != NULL ? assay_case_state_from_id (state) : -1;
  if (age >= G_N_ELEMENTS (age_options))
    age = 0;
  f->max_age = age_options[age].max_days * DAY_SECONDS;
  f->min_age = age_options[age].min_days * DAY_SECONDS;
  f->search = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
}

static gboolean
filter_func (gpointer item,
             gpointer data)
{
  AssayReviewQueuePage *self = data;

  return assay_case_row_matches (ASSAY_CASE_ROW (item), self->criteria,
                                 g_get_real_time () / G_USEC_PER_SEC);
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      data)
{
  return assay_case_row_compare (ASSAY_CASE_ROW ((gpointer) a), ASSAY_CASE_ROW ((gpointer) b),
                                 GPOINTER_TO_INT (data));
}

static gboolean
filters_active (AssayReviewQueuePage *self)
{
  const AssayCaseFilter *f = self->criteria;

  return f->article != NULL || f->rule != NULL || f->severity != NULL || f->county != NULL ||
         f->state >= 0 || f->min_age > 0 || f->max_age > 0 || (f->search != NULL && f->search[0] != '\0');
}

/* "Computing flags… 40.0 %": how far the refresh has come. */
static char *
computing_text (AssayReviewQueuePage *self)
{
  g_autofree char *percent = assay_format_percent (assay_session_get_flags_progress (get_session (self)));

  /* Translators: the flags are being computed; %s is how far, "40.0 %". */
  return g_strdup_printf (_("Computing flags… %s"), percent);
}

static void
update_list_label (AssayReviewQueuePage *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *text = NULL;

  if (assay_session_get_refreshing_flags (get_session (self)))
    text = computing_text (self);
  else if (shown == 0 && total > 0)
    text = g_strdup (_("No case matches the filters."));
  else if (shown < total)
    /* Translators: "Showing 3 of 12 cases". */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Showing %u of %u case", "Showing %u of %u cases",
                                         total),
                            shown, total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case", "%u cases", total), total);
  gtk_label_set_text (self->list_label, text);
  gtk_widget_set_visible (self->list_spinner, assay_session_get_refreshing_flags (get_session (self)));
  gtk_widget_set_sensitive (self->clear_filters_button, filters_active (self));
}

/* "Article X: 12 · 6.1: 4" and how many are active. */
static void
update_counts (AssayReviewQueuePage *self,
               GPtrArray            *rows)
{
  g_autoptr(GPtrArray) articles = assay_case_queue_count (rows, ASSAY_CASE_COLUMN_ARTICLE);
  g_autoptr(GString) text = g_string_new (NULL);
  guint active = 0;

  for (guint i = 0; i < rows->len; i++)
    active += assay_case_row_get_case (g_ptr_array_index (rows, i))->state != ASSAY_CASE_STATE_DECIDED;
  for (guint i = 0; i < articles->len; i++)
    {
      const AssayCaseCount *count = g_ptr_array_index (articles, i);

      if (i > 0)
        g_string_append (text, " · ");
      /* Translators: cases per article at the top of the queue, "Article X: 12". */
      g_string_append_printf (text, _("Article %s: %u"), count->value, count->count);
    }
  g_string_append (text, "  ");
  /* Translators: after the counts per article: how many cases are not decided yet. */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "(%u active)", "(%u active)", active), active);
  gtk_label_set_text (self->counts_label, text->str);
}

static void
update_run_label (AssayReviewQueuePage *self)
{
  const AssayFlagRun *run = assay_session_get_flag_run (get_session (self));
  const GError *error = assay_session_get_flags_error (get_session (self));
  g_autofree char *text = NULL;

  if (run != NULL)
    {
      g_autofree char *size = assay_format_count (run->checkpoint_size);
      g_autofree char *age = assay_format_age (run->computed_at, g_get_real_time () / G_USEC_PER_SEC);

      /* Translators: "Rule set pilot version 1 at tree size 600, computed 5 minutes ago". */
      g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, run->rule_set_version);

      text = g_strdup_printf (_("Rule set %s version %s at tree size %s, computed %s"),
                              run->rule_set_name, version, size, age);
    }
  gtk_label_set_text (self->run_label, text != NULL ? text : "");
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The last computation of the flags failed: %s "
                                                    "The cases shown are from the one before."),
                                                  error->message);

      gtk_label_set_text (self->error_label, message);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

/* What the page shows when there is no case to list. */
static void
update_empty_state (AssayReviewQueuePage *self)
{
  AssaySession *session = get_session (self);
  const AssayFlagRun *run = assay_session_get_flag_run (session);
  const GError *flags_error = assay_session_get_flags_error (session);
  gboolean refreshing = assay_session_get_refreshing_flags (session);
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autofree char *description = NULL;

  gtk_widget_set_visible (self->empty_spinner, FALSE);
  if (get_replica (self) != NULL && total > 0)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "queue");
      return;
    }
  gtk_stack_set_visible_child_name (self->main_stack, "empty");
  if (get_replica (self) == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("No Ledger Replica Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Flags are computed over the verified replica after each sync. "
                                         "Sync the ledger on the Ledger page first."));
    }
  else if (self->load_error != NULL)
    {
      adw_status_page_set_title (self->empty_page, _("Cannot Read the Cases"));
      adw_status_page_set_description (self->empty_page, self->load_error->message);
    }
  else if (refreshing)
    {
      g_autofree char *title = computing_text (self);

      adw_status_page_set_title (self->empty_page, title);
      adw_status_page_set_description (self->empty_page,
                                       _("The rule set is evaluated over the replica; the cases appear "
                                         "here when it is done."));
      gtk_widget_set_visible (self->empty_spinner, TRUE);
    }
  else if (flags_error != NULL)
    {
      adw_status_page_set_title (self->empty_page, _("Could Not Compute the Flags"));
      adw_status_page_set_description (self->empty_page, flags_error->message);
    }
  else if (run == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("Flags Not Computed Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("The flags are computed after the next sync."));
    }
  else
    {
      g_autofree char *size = assay_format_count (run->checkpoint_size);

      /* Translators: "No flags: the rule set pilot version 1 raised nothing at tree size 600." */
      g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, run->rule_set_version);

      description = g_strdup_printf (_("The rule set %s version %s raised nothing at tree size %s."),
                                     run->rule_set_name, version, size);
      adw_status_page_set_title (self->empty_page, _("No Flags"));
      adw_status_page_set_description (self->empty_page, description);
    }
}

static gint64
selected_case_id (AssayReviewQueuePage *self)
{
  AssayCaseRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row != NULL ? assay_case_row_get_id (row) : 0;
}

static void
select_case (AssayReviewQueuePage *self,
             gint64                case_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AssayCaseRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (assay_case_row_get_id (row) == case_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

/* Reads the cases again, keeping the selection and the choices. */
static void
reload (AssayReviewQueuePage *self)
{
  AssayReplica *replica = get_replica (self);
  g_autoptr(GPtrArray) rows = NULL;
  gint64 selected = selected_case_id (self);

  g_clear_error (&self->load_error);
  if (replica != NULL)
    /* The panel's cases are the Arbitration page's. */
    rows = assay_case_queue_load (replica, FALSE, &self->load_error);
  if (rows == NULL)
    rows = g_ptr_array_new_with_free_func (g_object_unref);

  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       rows->pdata, rows->len);
  self->updating_choices = TRUE;
  for (guint i = 0; i < N_CHOICES; i++)
    update_choice (self, &self->choices[i], rows);
  self->updating_choices = FALSE;
  read_criteria (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (selected != 0)
    select_case (self, selected);
  update_counts (self, rows);
  update_run_label (self);
  update_list_label (self);
  update_empty_state (self);
}

/* The session's rule set in force, or NULL. */
static AssayRuleSet *
get_rule_set (AssayReviewQueuePage *self)
{
  AssaySession *session = assay_page_get_session (ASSAY_PAGE (self));

  if (session == NULL)
    return NULL;
  return assay_rule_set_source_get_rule_set (assay_session_get_rule_set_source (session));
}

static void
open_case (AssayReviewQueuePage *self,
           gint64                case_id)
{
  g_autoptr(GError) error = NULL;

  if (get_replica (self) == NULL)
    return;
  assay_case_view_set_rule_set (self->case_view, get_rule_set (self));
  if (!assay_case_view_show (self->case_view, get_replica (self), case_id, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->case_view));
  gtk_widget_grab_focus (GTK_WIDGET (self->case_view));
}

/* ---- callbacks ----------------------------------------------------------------- */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);
  AssayCaseColumn column = GPOINTER_TO_INT (data);

  gtk_label_set_xalign (GTK_LABEL (label), column == ASSAY_CASE_COLUMN_ID ||
                                           column == ASSAY_CASE_COLUMN_FLAGS ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* The last column keeps clear of the overlay scrollbar. */
  if (column == ASSAY_CASE_COLUMN_FLAGS)
    gtk_widget_set_margin_end (label, 12);
  if (column == ASSAY_CASE_COLUMN_ID || column == ASSAY_CASE_COLUMN_FLAGS)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  AssayCaseRow *row = gtk_list_item_get_item (item);
  g_autofree char *text = column_text (row, GPOINTER_TO_INT (data));
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, text);
}

/* Remembers the choices (not the search) for the next start. */
static void
save_filters (AssayReviewQueuePage *self)
{
  GVariantBuilder builder;
  g_autofree char *age = g_strdup_printf ("%u", gtk_drop_down_get_selected (self->age_dropdown));

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  for (guint i = 0; i < N_CHOICES; i++)
    {
      const char *value = choice_value (&self->choices[i]);

      if (value != NULL)
        g_variant_builder_add (&builder, "{ss}", self->choices[i].key, value);
    }
  if (gtk_drop_down_get_selected (self->age_dropdown) > 0)
    g_variant_builder_add (&builder, "{ss}", "age", age);
  g_settings_set_value (self->settings, "review-queue-filters", g_variant_builder_end (&builder));
}

static void
restore_filters (AssayReviewQueuePage *self)
{
  g_autoptr(GVariant) saved = g_settings_get_value (self->settings, "review-queue-filters");
  const char *age = NULL;

  for (guint i = 0; i < N_CHOICES; i++)
    {
      const char *value = NULL;

      if (g_variant_lookup (saved, self->choices[i].key, "&s", &value))
        self->choices[i].pending = g_strdup (value);
    }
  if (g_variant_lookup (saved, "age", "&s", &age))
    {
      guint64 option = g_ascii_strtoull (age, NULL, 10);

      if (option < G_N_ELEMENTS (age_options))
        gtk_drop_down_set_selected (self->age_dropdown, (guint) option);
    }
}

static void
filter_changed_cb (AssayReviewQueuePage *self)
{
  if (self->updating_choices)
    return;
  /* A choice made by hand replaces one still waiting for its cases. */
  for (guint i = 0; i < N_CHOICES; i++)
    g_clear_pointer (&self->choices[i].pending, g_free);
  save_filters (self);
  read_criteria (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_list_label (self);
}

static void
clear_filters_clicked_cb (AssayReviewQueuePage *self,
                          GtkButton            *button)
{
  self->updating_choices = TRUE;
  for (guint i = 0; i < N_CHOICES; i++)
    gtk_drop_down_set_selected (self->choices[i].dropdown, 0);
  gtk_drop_down_set_selected (self->age_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  self->updating_choices = FALSE;
  filter_changed_cb (self);
}

static void
column_view_activate_cb (AssayReviewQueuePage *self,
                         guint                 position,
                         GtkColumnView        *view)
{
  g_autoptr(AssayCaseRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (row != NULL)
    open_case (self, assay_case_row_get_id (row));
}

static void
leaflet_notify_visible_child_cb (AssayReviewQueuePage *self,
                                 GParamSpec           *pspec,
                                 AdwLeaflet           *leaflet)
{
  if (adw_leaflet_get_visible_child (leaflet) == GTK_WIDGET (self->main_stack))
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
case_back_cb (AssayReviewQueuePage *self,
              AssayCaseView        *view)
{
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->main_stack));
}

static void
account_back_cb (AssayReviewQueuePage *self,
                 AssayAccountView     *view)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
show_toast_cb (AssayReviewQueuePage *self,
               AdwToast             *toast,
               GtkWidget            *view)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

static void
case_changed_cb (AssayReviewQueuePage *self,
                 AssayCaseView        *view)
{
  reload (self);
}

/* A signed decision goes to the service at once: nobody has to remember
 * to push it.  A push that fails leaves the row queued, with the service's
 * answer, on the Outbox page. */
static void
decision_queued_cb (AssayReviewQueuePage *self,
                    const char           *hash,
                    AssayCaseView        *view)
{
  assay_session_push_outbox (get_session (self));
}

/* The open case says where its decision stands after each push, and a
 * push that could not reach the service says so here too: the decision
 * is not lost, it waits in the outbox. */
static void
push_finished_cb (AssayReviewQueuePage *self,
                  AssayPushJob         *push)
{
  const GError *error = assay_push_job_get_error (push);
  const AssayPushReport *report = assay_push_job_get_report (push);

  if (assay_case_view_get_case_id (self->case_view) != 0)
    assay_case_view_reload (self->case_view);
  if (error != NULL || report->n_retry > 0 || report->n_refused > 0)
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("Not every decision reached the central service: see the "
                                                  "Outbox page for the service’s answer. Queued ones are sent "
                                                  "again later.")));
}

static void
account_requested_cb (AssayReviewQueuePage *self,
                      const char           *account,
                      AssayCaseView        *view)
{
  g_autoptr(GError) error = NULL;

  if (get_replica (self) == NULL)
    return;
  if (!assay_account_view_show (self->account_view, get_replica (self), get_rule_set (self), account, G_MAXUINT64, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->account_view));
  assay_account_view_focus_entries (self->account_view);
}

/* A refresh stored new flags: the queue follows, the open case too (or
 * goes back when the case is gone: an erasure took it). */
static void
flags_updated_cb (AssayReviewQueuePage *self,
                  AssaySession         *session)
{
  reload (self);
  if (assay_case_view_get_case_id (self->case_view) != 0 && !assay_case_view_reload (self->case_view) &&
      adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->case_view))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->main_stack));
}

static void
session_notify_flags_cb (AssayReviewQueuePage *self,
                         GParamSpec           *pspec,
                         AssaySession         *session)
{
  update_run_label (self);
  update_list_label (self);
  update_empty_state (self);
}

static void
session_notify_replica_cb (AssayReviewQueuePage *self,
                           GParamSpec           *pspec,
                           AssaySession         *session)
{
  if (get_replica (self) == NULL)
    {
      assay_case_view_clear (self->case_view);
      assay_account_view_clear (self->account_view);
      adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->main_stack));
    }
  reload (self);
}

/* ---- GObject ------------------------------------------------------------------- */

static void
add_columns (AssayReviewQueuePage *self)
{
  for (guint c = 0; c < ASSAY_N_CASE_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (sort_func, GINT_TO_POINTER (c), NULL);
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (c));
      column = gtk_column_view_column_new (_(column_titles[c]), factory);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      gtk_column_view_column_set_resizable (column, TRUE);
      /* Long values ellipsize (the tooltip has them whole) rather than
       * push the last columns out of sight: the widths add up to what a
       * 1280 px window leaves the page. */
      gtk_column_view_column_set_fixed_width (column, column_widths[c]);
      gtk_column_view_column_set_expand (column, c == ASSAY_CASE_COLUMN_SUBJECT || c == ASSAY_CASE_COLUMN_RULES);
      gtk_column_view_append_column (self->column_view, column);
      self->columns[c] = column;
      assay_column_view_set_header_tooltip (self->column_view, column, _(column_tooltips[c]));
      g_object_unref (column);
    }
}

static void
set_up_choices (AssayReviewQueuePage *self)
{
  GtkDropDown *dropdowns[N_CHOICES] = {
    self->article_dropdown, self->rule_dropdown, self->severity_dropdown, self->state_dropdown,
    self->county_dropdown,
  };
  const AssayCaseColumn columns[N_CHOICES] = {
    ASSAY_CASE_COLUMN_ARTICLE, ASSAY_CASE_COLUMN_RULES, ASSAY_CASE_COLUMN_SEVERITY,
    ASSAY_CASE_COLUMN_STATE, ASSAY_CASE_COLUMN_COUNTY,
  };
  static const char * const keys[N_CHOICES] = { "article", "rule", "severity", "state", "county" };
  g_autoptr(GtkStringList) ages = gtk_string_list_new (NULL);

  for (guint i = 0; i < N_CHOICES; i++)
    {
      self->choices[i].dropdown = dropdowns[i];
      self->choices[i].column = columns[i];
      self->choices[i].key = keys[i];
      self->choices[i].values = g_ptr_array_new_with_free_func (g_free);
    }
  for (guint i = 0; i < G_N_ELEMENTS (age_options); i++)
    gtk_string_list_append (ages, _(age_options[i].label));
  gtk_drop_down_set_model (self->age_dropdown, G_LIST_MODEL (ages));
}

static void
assay_review_queue_page_constructed (GObject *object)
{
  AssayReviewQueuePage *self = ASSAY_REVIEW_QUEUE_PAGE (object);
  AssaySession *session;

  G_OBJECT_CLASS (assay_review_queue_page_parent_class)->constructed (object);

  session = get_session (self);
  self->settings = g_settings_new (APP_ID);
  self->updating_choices = TRUE;
  restore_filters (self);
  self->updating_choices = FALSE;
  g_signal_connect_object (assay_session_get_push_job (session), "finished", G_CALLBACK (push_finished_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "flags-updated", G_CALLBACK (flags_updated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::refreshing-flags", G_CALLBACK (session_notify_flags_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::flags-error", G_CALLBACK (session_notify_flags_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::flags-progress", G_CALLBACK (session_notify_flags_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::replica", G_CALLBACK (session_notify_replica_cb),
                           self, G_CONNECT_SWAPPED);
  reload (self);
}

static void
assay_review_queue_page_dispose (GObject *object)
{
  AssayReviewQueuePage *self = ASSAY_REVIEW_QUEUE_PAGE (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), ASSAY_TYPE_REVIEW_QUEUE_PAGE);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->criteria, assay_case_filter_free);
  for (guint i = 0; i < N_CHOICES; i++)
    {
      g_clear_pointer (&self->choices[i].values, g_ptr_array_unref);
      g_clear_pointer (&self->choices[i].pending, g_free);
    }
  g_clear_error (&self->load_error);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (assay_review_queue_page_parent_class)->dispose (object);
}

static void
assay_review_queue_page_class_init (AssayReviewQueuePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = assay_review_queue_page_constructed;
  object_class->dispose = assay_review_queue_page_dispose;

  g_type_ensure (ASSAY_TYPE_CASE_VIEW);
  g_type_ensure (ASSAY_TYPE_ACCOUNT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/assay/Assay/ui/assay-review-queue-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AssayReviewQueuePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AssayReviewQueuePage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AssayReviewQueuePage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AssayReviewQueuePage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AssayReviewQueuePage, empty_spinner);
  gtk_widget_class_bind_template_child (widget_class, AssayReviewQueuePage, counts_label);
  gtk_widget_class_bind_template_child (widget_class, AssayReviewQueuePage, run_label);
  gtk_widget_class_bind_template_child (widget_class, AssayReviewQueuePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, AssayReviewQueuePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AssayReviewQueuePage, article_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AssayReviewQueuePage, rule_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AssayReviewQueuePage, severity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AssayReviewQueuePage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AssayReviewQueuePage, county_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AssayReviewQueuePage, age_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AssayReviewQueuePage, list_spinner);
  gtk_widget_class_bind_template_child (widget_class, AssayReviewQueuePage, list_label);
  gtk_widget_class_bind_template_child (widget_class, AssayReviewQueuePage, clear_filters_button);
  gtk_widget_class_bind_template_child (widget_class, AssayReviewQueuePage, column_view);
  gtk_widget_class_bind_template_child (widget_class, AssayReviewQueuePage, case_view);
  gtk_widget_class_bind_template_child (widget_class, AssayReviewQueuePage, account_view);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_filters_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_notify_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, case_back_cb);
  gtk_widget_class_bind_template_callback (widget_class, account_back_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_toast_cb);
  gtk_widget_class_bind_template_callback (widget_class, case_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, decision_queued_cb);
  gtk_widget_class_bind_template_callback (widget_class, account_requested_cb);
}

static void
assay_review_queue_page_init (AssayReviewQueuePage *self)
{
  self->criteria = assay_case_filter_new ();
  self->updating_choices = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  set_up_choices (self);
  add_columns (self);

  self->store = g_list_store_new (ASSAY_TYPE_CASE_ROW);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (self->store), GTK_FILTER (self->filter));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  /* Most severe first, as a committee member starts. */
  gtk_column_view_sort_by_column (self->column_view, self->columns[ASSAY_CASE_COLUMN_SEVERITY],
                                  GTK_SORT_DESCENDING);
  self->updating_choices = FALSE;
}

/* ---- private API --------------------------------------------------------------- */

GtkColumnView *
_assay_review_queue_page_get_column_view (AssayReviewQueuePage *self)
{
  g_return_val_if_fail (ASSAY_IS_REVIEW_QUEUE_PAGE (self), NULL);

  return self->column_view;
}

GtkColumnViewColumn *
_assay_review_queue_page_get_column (AssayReviewQueuePage *self,
                                     AssayCaseColumn       column)
{
  g_return_val_if_fail (ASSAY_IS_REVIEW_QUEUE_PAGE (self), NULL);
  g_return_val_if_fail (column < ASSAY_N_CASE_COLUMNS, NULL);

  return self->columns[column];
}

GListModel *
_assay_review_queue_page_get_rows (AssayReviewQueuePage *self)
{
  g_return_val_if_fail (ASSAY_IS_REVIEW_QUEUE_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

gboolean
_assay_review_queue_page_set_filter (AssayReviewQueuePage *self,
                                     AssayCaseColumn       column,
                                     const char           *value)
{
  g_return_val_if_fail (ASSAY_IS_REVIEW_QUEUE_PAGE (self), FALSE);

  for (guint i = 0; i < N_CHOICES; i++)
    {
      Choice *choice = &self->choices[i];

      if (choice->column != column)
        continue;
      for (guint v = 0; v < choice->values->len; v++)
        if (g_strcmp0 (g_ptr_array_index (choice->values, v), value) == 0)
          {
            gtk_drop_down_set_selected (choice->dropdown, v);
            return TRUE;
          }
      return FALSE;
    }
  return FALSE;
}

GtkEditable *
_assay_review_queue_page_get_search_entry (AssayReviewQueuePage *self)
{
  g_return_val_if_fail (ASSAY_IS_REVIEW_QUEUE_PAGE (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

GtkLabel *
_assay_review_queue_page_get_counts_label (AssayReviewQueuePage *self)
{
  g_return_val_if_fail (ASSAY_IS_REVIEW_QUEUE_PAGE (self), NULL);

  return self->counts_label;
}

AdwStatusPage *
_assay_review_queue_page_get_empty_page (AssayReviewQueuePage *self)
{
  g_return_val_if_fail (ASSAY_IS_REVIEW_QUEUE_PAGE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->main_stack)) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "empty") == 0
         ? self->empty_page : NULL;
}

void
_assay_review_queue_page_open_case (AssayReviewQueuePage *self,
                                    gint64                case_id)
{
  g_return_if_fail (ASSAY_IS_REVIEW_QUEUE_PAGE (self));

  select_case (self, case_id);
  open_case (self, case_id);
}

AssayCaseView *
_assay_review_queue_page_get_case_view (AssayReviewQueuePage *self)
{
  g_return_val_if_fail (ASSAY_IS_REVIEW_QUEUE_PAGE (self), NULL);

  return self->case_view;
}

gboolean
_assay_review_queue_page_get_case_shown (AssayReviewQueuePage *self)
{
  g_return_val_if_fail (ASSAY_IS_REVIEW_QUEUE_PAGE (self), FALSE);

  return adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->case_view);
}
