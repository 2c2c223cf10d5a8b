/* assay-case-view.c — one case of the Review Queue: its flags, evidence and history
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
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "assay-band-layer.h"
#include "assay-case-view-private.h"
#include "assay-evaluation-tree.h"
#include "assay-ring-layer.h"
#include "assay-account-state.h"
#include "assay-fairness-cases.h"
#include "assay-ring-profile.h"
#include "assay-rule-explain.h"
#include "assay-rule-flags.h"
#include "assay-rule-lockstep.h"
#include "assay-county.h"
#include "assay-decision-dialog.h"
#include "assay-decisions-enums.h"
#include "assay-enum.h"
#include "assay-replica-outbox.h"
#include "assay-day.h"
#include "assay-entry-details.h"
#include "assay-entry-row.h"
#include "assay-error.h"
#include "assay-filing-view.h"
#include "assay-format.h"
#include "assay-review-labels.h"

/* An account's entries listed under a flag: more are counted, not shown. */
#define MAX_ENTRY_ROWS 500

struct _AssayCaseView
{
  GtkWidget         parent_instance;

  AssayReplica     *replica;
  AssayRuleSet     *rule_set;     /* in force, for the evaluation trees; or NULL */
  AssayCase        *c;
  GPtrArray        *flags;        /* AssayStoredFlag: the case's, current first */
  GPtrArray        *history;      /* AssayCaseEvent */
  GPtrArray        *outbox;       /* AssayOutboxRow: the decisions signed here on the case */
  GPtrArray        *entry_rows;   /* GtkListBoxRow: every listed entry, in flag order */
  guint             n_bands;

  /* Template widgets */
  GtkLabel         *title_label;
  GtkLabel         *subtitle_label;
  GtkWidget        *start_review_button;
  GtkMenuButton    *assign_button;
  GtkPopover       *assign_popover;
  GtkEntry         *assign_entry;
  GtkMenuButton    *note_button;
  GtkPopover       *note_popover;
  GtkPopover       *decide_popover;
  GtkListBox       *decision_list;
  AssayFilingView  *filing_view;
  GtkWidget        *decide_button;
  GtkWidget        *case_outcomes_box;
  GtkWidget        *request_outcomes_box;
  GtkWidget        *ruling_outcomes_box;
  GtkTextView      *note_view;
  GtkScrolledWindow *scroller;
  GtkLabel         *flags_heading;
  GtkBox           *flags_box;
  GtkWidget        *profile_box;
  GtkLabel         *profile_label;
  AssayChart       *weekly_chart;
  GtkWidget        *members_box;
  GtkLabel         *members_heading;
  GtkListBox       *members_list;
  GtkBox           *ring_box;
  GtkListBox       *history_list;
};

G_DEFINE_FINAL_TYPE (AssayCaseView, assay_case_view, GTK_TYPE_WIDGET)

enum {
  BACK,
  SHOW_TOAST,
  CASE_CHANGED,
  DECISION_QUEUED,
  ACCOUNT_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers ------------------------------------------------------------------- */

static void
toast (AssayCaseView *self,
       const char    *title)
{
  g_autoptr(AdwToast) t = adw_toast_new (title);

  g_signal_emit (self, signals[SHOW_TOAST], 0, t);
}

static void
show_error (AssayCaseView *self,
            const char    *heading,
            const GError  *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

static GtkWidget *
make_label (const char *text,
            const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static gboolean
is_account (AssayCaseView *self)
{
  return self->c != NULL && g_strcmp0 (self->c->subject_kind, "account") == 0;
}

/* A JSON scalar as text: numbers with at most one decimal, or a
 * percentage when the name says it is a share. */
static char *
format_json_value (const char *name,
                   JsonNode   *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("missing"));
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? _("yes") : _("no"));
      if (type == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
        {
          double v = json_node_get_double (node);

          if (name != NULL && (strstr (name, "share") != NULL || strstr (name, "ratio") != NULL) &&
              v >= 0 && v <= 1)
            return assay_format_percent (v);
          if (v != (double) (gint64) v && ABS (v) < 10)
            return g_strdup_printf ("%.3g", v);
          return assay_format_number (v);
        }
    }
  return json_to_string (node, FALSE);
}

static gboolean
json_number (JsonNode *node,
             double   *value)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *value = json_node_get_double (node);
  return TRUE;
}

/* The margin in words when a feature and a parameter explain it ("92.1 %
 * against a limit of 70.0 %: 22.1 points over"); NULL otherwise.  The
 * margin is x − limit for > and >=, limit − x for < and <=. */
static char *
describe_margin (JsonObject *features,
                 JsonObject *parameters,
                 double      margin)
{
  g_autoptr(GList) fs = features != NULL ? json_object_get_members (features) : NULL;
  g_autoptr(GList) ps = parameters != NULL ? json_object_get_members (parameters) : NULL;
  double eps = 1e-9 * MAX (1, ABS (margin));

  for (GList *f = fs; f != NULL; f = f->next)
    for (GList *p = ps; p != NULL; p = p->next)
      {
        JsonNode *fn = json_object_get_member (features, f->data);
        JsonNode *pn = json_object_get_member (parameters, p->data);
        g_autofree char *x = NULL;
        g_autofree char *limit = NULL;
        g_autofree char *by = NULL;
        double fv, pv;
        gboolean over, under, share;

        if (!json_number (fn, &fv) || !json_number (pn, &pv))
          continue;
        over = fabs (fv - pv - margin) < eps;
        under = fabs (pv - fv - margin) < eps;
        if (!over && !under)
          continue;
        x = format_json_value (f->data, fn);
        limit = format_json_value (p->data, pn);
        share = strstr (f->data, "share") != NULL && fv >= 0 && fv <= 1;
        /* Small margins (a p-value's) keep their digits: 0.005, not 0. */
        by = !share && margin != (double) (gint64) margin && ABS (margin) < 10
             ? g_strdup_printf ("%.3g", margin) : assay_format_number (share ? margin * 100 : margin);
        if (share)
          /* Translators: "92.1 % against a limit of 70.0 %: 22.1 percentage points over". */
          return g_strdup_printf (over ? _("%s against a limit of %s: %s percentage points over")
                                       : _("%s against a limit of %s: %s percentage points under"),
                                  x, limit, by);
        /* Translators: "1,231 against a limit of 500: 731 over". */
        return g_strdup_printf (over ? _("%s against a limit of %s: %s over") : _("%s against a limit of %s: %s under"),
                                x, limit, by);
      }
  return NULL;
}

/* Rows "name   value" under a heading in `grid` from row `*row` on. */
static void
add_values (GtkGrid    *grid,
            int        *row,
            const char *heading,
            JsonObject *values)
{
  g_autoptr(GList) names = NULL;
  GtkWidget *label;

  if (values == NULL || json_object_get_size (values) == 0)
    return;
  label = make_label (heading, "heading");
  gtk_widget_set_margin_top (label, *row > 0 ? 6 : 0);
  gtk_grid_attach (grid, label, 0, (*row)++, 2, 1);
  names = json_object_get_members (values);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *value = format_json_value (name, json_object_get_member (values, name));
      GtkWidget *n = make_label (name, "dim-label");
      GtkWidget *v = make_label (value, "numeric");

      gtk_label_set_selectable (GTK_LABEL (n), TRUE);
      gtk_label_set_selectable (GTK_LABEL (v), TRUE);
      gtk_widget_add_css_class (n, "monospace");
      gtk_grid_attach (grid, n, 0, *row, 1, 1);
      gtk_grid_attach (grid, v, 1, (*row)++, 1, 1);
    }
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

/* The leaf indices of the flag's entries. */
static GArray *
flag_entries (JsonObject *object)
{
  GArray *indices = g_array_new (FALSE, FALSE, sizeof (guint64));
  JsonArray *array;

  if (object == NULL || !json_object_has_member (object, "entries") ||
      (array = json_object_get_array_member (object, "entries")) == NULL)
    return indices;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      guint64 index = (guint64) json_array_get_int_element (array, i);

      g_array_append_val (indices, index);
    }
  return indices;
}

static void
entry_row_activated_cb (AssayCaseView *self,
                        GtkListBoxRow *row,
                        GtkListBox    *list)
{
  guint64 *index = g_object_get_data (G_OBJECT (row), "assay-entry-index");

  if (index != NULL && self->replica != NULL)
    assay_entry_details_present (GTK_WIDGET (self), self->replica, *index);
}

static GtkWidget *
make_entry_row (AssayCaseView *self,
                guint64        index,
                AssayEntryRow *entry)
{
  GtkWidget *row = gtk_list_box_row_new ();
  g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, index);
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (entry != NULL)
    {
      g_autofree char *points = assay_format_count (assay_entry_row_get_points (entry));

      /* Translators: an entry behind a flag: "#1234 · 2025-04-03 · Professional · 10 points". */
      text = g_strdup_printf (_("#%s · %s · %s · %s points"), number,
                              assay_entry_row_get_event_date (entry),
                              assay_entry_row_get_dimension_label (entry), points);
    }
  else
    text = g_strdup_printf (_("Entry #%s"), number);
  label = make_label (text, "numeric");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_widget_set_tooltip_text (row, _("Open the entry’s details and its inclusion proof"));
  g_object_set_data_full (G_OBJECT (row), "assay-entry-index", g_memdup2 (&index, sizeof index), g_free);
  g_ptr_array_add (self->entry_rows, row);
  return row;
}

/* The entries behind a flag, in an expander: for an account (or a ring's
 * members) their date, dimension and points; otherwise their index. */
static GtkWidget *
make_entries (AssayCaseView         *self,
              const AssayStoredFlag *flag,
              GArray                *indices)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_autofree char *count = assay_format_count (indices->len);
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s entry behind this flag",
                                                         "%s entries behind this flag", indices->len),
                                            count);
  GtkWidget *expander = gtk_expander_new (title);
  GtkWidget *list = gtk_list_box_new ();
  const char *accounts_one[2] = { NULL, NULL };
  const char * const *accounts = NULL;

  for (guint i = 0; i < indices->len; i++)
    g_hash_table_add (wanted, g_memdup2 (&g_array_index (indices, guint64, i), sizeof (guint64)));
  if (g_strcmp0 (flag->subject_kind, "account") == 0)
    {
      accounts_one[0] = flag->subject_id;
      accounts = accounts_one;
    }
  else if (flag->members != NULL)
    accounts = (const char * const *) flag->members;
  for (guint a = 0; accounts != NULL && accounts[a] != NULL; a++)
    {
      g_autoptr(GPtrArray) all = assay_replica_list_entries (self->replica, accounts[a], 0, 0, NULL);

      for (guint i = 0; all != NULL && i < all->len; i++)
        {
          AssayEntryRow *row = g_ptr_array_index (all, i);
          guint64 index = assay_entry_row_get_index (row);

          if (g_hash_table_contains (wanted, &index))
            g_hash_table_insert (rows, g_memdup2 (&index, sizeof index), g_object_ref (row));
        }
    }
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_top (list, 6);
  g_signal_connect_object (list, "row-activated", G_CALLBACK (entry_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  for (guint i = 0; i < MIN (indices->len, MAX_ENTRY_ROWS); i++)
    {
      guint64 index = g_array_index (indices, guint64, i);

      gtk_list_box_append (GTK_LIST_BOX (list),
                           make_entry_row (self, index, g_hash_table_lookup (rows, &index)));
    }
  if (indices->len > MAX_ENTRY_ROWS)
    {
      g_autofree char *rest = assay_format_count (indices->len - MAX_ENTRY_ROWS);
      g_autofree char *text = g_strdup_printf (_("%s more: open the account to see them all."), rest);
      GtkWidget *more = gtk_list_box_row_new ();

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (more), FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (more), make_label (text, "dim-label"));
      gtk_list_box_append (GTK_LIST_BOX (list), more);
    }
  gtk_expander_set_child (GTK_EXPANDER (expander), list);
  return expander;
}

/* One flag: what fired and why, in a card. */
/* The flag's explanation in the user's language, from its rule's template
 * and its recorded values (it was stored in the language of whoever
 * computed it); the stored one when the set in force did not raise it. */
static char *
explain_in_locale (AssayCaseView *self,
                   JsonObject    *flag)
{
  char *text = NULL;

  if (flag == NULL)
    return NULL;
  if ((text = assay_fairness_flag_explain (flag)) != NULL)
    return text;
  if (self->rule_set != NULL)
    text = assay_rule_explain_flag_text (self->rule_set, flag, assay_rule_flags_language (), NULL);
  return text != NULL ? text : g_strdup (member_string (flag, "explanation"));
}

/* The rule's condition node by node, from the flag's recorded features,
 * when the set in force is the one that raised it; otherwise why not. */
static GtkWidget *
make_evaluation (AssayCaseView *self,
                 JsonObject    *flag)
{
  GtkWidget *expander = gtk_expander_new (_("How the Rule Decided"));
  AssayEvaluationTree *tree = ASSAY_EVALUATION_TREE (assay_evaluation_tree_new ());
  g_autoptr(GError) error = NULL;

  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  gtk_widget_set_margin_start (expander, 12);
  gtk_widget_set_margin_end (expander, 12);
  gtk_widget_set_margin_top (expander, 6);
  if (g_strcmp0 (member_string (flag, "rule"), ASSAY_FAIRNESS_RULE) == 0)
    {
      g_autofree char *method = assay_fairness_flag_describe_method (flag);

      g_set_error (&error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                   _("No rule of the set raised this flag: the Article W fairness audit did, by this method: %s"),
                   method != NULL ? method : member_string (flag, "method"));
    }
  else if (self->rule_set == NULL)
    g_set_error_literal (&error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                         _("No rule set is in force, so the rule cannot be shown."));
  if (error == NULL && assay_evaluation_tree_set_flag (tree, self->rule_set, flag, &error))
    {
      gtk_expander_set_child (GTK_EXPANDER (expander), GTK_WIDGET (tree));
      return expander;
    }
  g_object_ref_sink (tree);
  g_object_unref (tree);
  gtk_expander_set_child (GTK_EXPANDER (expander), make_label (error->message, "dim-label"));
  return expander;
}

static GtkWidget *
make_flag_card (AssayCaseView         *self,
                const AssayStoredFlag *flag)
{
  g_autoptr(JsonNode) root = json_from_string (flag->json, NULL);
  JsonObject *object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  g_autoptr(GArray) indices = flag_entries (object);
  g_autofree char *title = NULL;
  g_autofree char *facts = NULL;
  g_autofree char *from = assay_format_day (flag->from);
  g_autofree char *to = assay_format_day (flag->to);
  g_autofree char *explanation = explain_in_locale (self, object);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *margin_box = NULL;
  GtkWidget *label;
  int row = 0;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_bottom (card, 0);
  /* Translators: a flag's heading, "X.concentration · Article X". */
  title = g_strdup_printf (_("%s · Article %s"), flag->rule, flag->article);
  label = make_label (title, "heading");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 12);
  gtk_box_append (GTK_BOX (card), label);

  /* Translators: a flag's action, severity, period and whether the latest
   * computation still raises it: "Review · Medium severity · 2025-04-01 –
   * 2025-06-30 · current". */
  facts = g_strdup_printf (_("%s · %s severity · %s – %s · %s"),
                           assay_review_action_label (flag->action),
                           assay_review_severity_label (flag->severity), from, to,
                           flag->current ? _("current") : _("earlier: the latest computation no longer raises it"));
  label = make_label (facts, "dim-label");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_box_append (GTK_BOX (card), label);

  if (explanation != NULL)
    {
      label = make_label (explanation, NULL);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 6);
      gtk_box_append (GTK_BOX (card), label);
    }

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_top (grid, 6);
  if (object != NULL)
    {
      JsonObject *margin = json_object_has_member (object, "margin") &&
                           JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "margin"))
                           ? json_object_get_object_member (object, "margin") : NULL;

      add_values (GTK_GRID (grid), &row, _("Features"),
                  json_object_has_member (object, "features")
                  ? json_object_get_object_member (object, "features") : NULL);
      add_values (GTK_GRID (grid), &row, _("Parameters"),
                  json_object_has_member (object, "parameters")
                  ? json_object_get_object_member (object, "parameters") : NULL);
      if (margin != NULL)
        {
          JsonNode *value = json_object_get_member (margin, "value");
          const char *path = member_string (margin, "path");
          g_autofree char *text = NULL;

          if (value == NULL || JSON_NODE_HOLDS_NULL (value))
            text = g_strdup (_("none: the condition has no comparison"));
          else
            {
              JsonObject *features = json_object_has_member (object, "features")
                                     ? json_object_get_object_member (object, "features") : NULL;
              JsonObject *parameters = json_object_has_member (object, "parameters")
                                       ? json_object_get_object_member (object, "parameters") : NULL;
              g_autofree char *words = describe_margin (features, parameters, json_node_get_double (value));
              g_autofree char *number = words != NULL ? g_steal_pointer (&words) : format_json_value (NULL, value);

              /* Translators: how far the closest comparison was from failing, and where
               * it is in the rule set: "0.08 (at rules[0].when.args[0])". */
              text = path != NULL ? g_strdup_printf (_("%s (at %s)"), number, path) : g_strdup (number);
            }
          /* Below the grid, so that its length does not widen the names' column. */
          margin_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
          gtk_widget_set_margin_start (margin_box, 12);
          gtk_widget_set_margin_end (margin_box, 12);
          gtk_widget_set_margin_top (margin_box, 6);
          gtk_box_append (GTK_BOX (margin_box), make_label (_("Margin"), "heading"));
          label = make_label (text, "numeric");
          gtk_label_set_selectable (GTK_LABEL (label), TRUE);
          gtk_box_append (GTK_BOX (margin_box), label);
        }
    }
  gtk_box_append (GTK_BOX (card), grid);
  if (margin_box != NULL)
    gtk_box_append (GTK_BOX (card), margin_box);

  if (object != NULL)
    gtk_box_append (GTK_BOX (card), make_evaluation (self, object));

  /* A flag on a group (Article W) rests on no entries of the log. */
  if (indices->len == 0)
    {
      gtk_widget_set_margin_bottom (gtk_widget_get_last_child (card), 12);
      return card;
    }
  label = make_entries (self, flag, indices);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_box_append (GTK_BOX (card), label);
  return card;
}

static void
show_flags (AssayCaseView *self)
{
  g_autofree char *heading = NULL;
  guint n_current = 0;

  remove_children (GTK_WIDGET (self->flags_box));
  g_ptr_array_set_size (self->entry_rows, 0);
  for (guint i = 0; i < self->flags->len; i++)
    {
      const AssayStoredFlag *flag = g_ptr_array_index (self->flags, i);

      n_current += flag->current;
      gtk_box_append (self->flags_box, make_flag_card (self, flag));
    }
  /* Translators: the case's flags, and how many of them the latest computation raises. */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Flag (%u current)", "%u Flags (%u current)",
                                          self->flags->len),
                             self->flags->len, n_current);
  gtk_label_set_text (self->flags_heading, heading);
}

/* The account's weekly points, with each flag's period as a band. */
static void
show_profile (AssayCaseView *self)
{
  g_autoptr(GArray) weeks = NULL;
  g_autoptr(AssayAccountSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  guint32 first;

  self->n_bands = 0;
  gtk_widget_set_visible (self->profile_box, is_account (self));
  if (!is_account (self))
    {
      assay_chart_clear (self->weekly_chart);
      return;
    }
  summary = assay_replica_get_account (self->replica, self->c->subject_id, NULL);
  if (summary != NULL)
    {
      g_autofree char *points = assay_format_count (summary->points);
      g_autofree char *from = assay_format_day (summary->first_day);
      g_autofree char *to = assay_format_day (summary->last_day);
      g_autofree char *events = assay_format_count (summary->n_events);
      g_autofree char *text = NULL;

      /* Translators: "1,234 events · 12,340 points · 2025-01-03 – 2025-12-20; the flagged periods are marked". */
      text = g_strdup_printf (_("%s events · %s points · %s – %s; the flagged periods are marked."),
                              events, points, from, to);
      gtk_label_set_text (self->profile_label, text);
    }
  else
    gtk_label_set_text (self->profile_label, _("The replica holds no record of this account any more."));

  weeks = assay_replica_account_weekly_points (self->replica, self->c->subject_id, &error);
  if (weeks == NULL || weeks->len == 0)
    {
      assay_chart_clear (self->weekly_chart);
      return;
    }
  assay_chart_set_weekly_points (self->weekly_chart, weeks);
  first = g_array_index (weeks, AssayWeekPoints, 0).week_start;
  for (guint i = 0; i < self->flags->len; i++)
    {
      const AssayStoredFlag *flag = g_ptr_array_index (self->flags, i);
      guint32 from = assay_day_week_start (flag->from);
      guint32 to = assay_day_week_start (flag->to);
      g_autoptr(AssayBandLayer) band = NULL;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      g_autofree char *title = NULL;
      gboolean seen = FALSE;

      /* Two flags of one period (a concentration and its down-weight)
       * share a band. */
      for (guint j = 0; j < i; j++)
        {
          const AssayStoredFlag *other = g_ptr_array_index (self->flags, j);

          seen |= other->from == flag->from && other->to == flag->to;
        }
      if (seen || to < first)
        continue;
      from = MAX (from, first);
      a = assay_format_day (flag->from);
      b = assay_format_day (flag->to);
      /* Translators: the legend of a flagged period on the weekly chart. */
      title = g_strdup_printf (_("Flagged %s – %s"), a, b);
      band = assay_band_layer_new ((from - first) / 7, (to - first) / 7);
      assay_chart_layer_set_title (ASSAY_CHART_LAYER (band), title);
      assay_chart_add_layer (self->weekly_chart, ASSAY_CHART_LAYER (band));
      self->n_bands++;
    }
}

/* A ring's members × days: who attended community activities when, and
 * the days one activity had the quorum of them. */
static void
show_ring (AssayCaseView *self)
{
  const AssayStoredFlag *ring = NULL;
  g_autoptr(AssayRingProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  AssayLockstepParams params;
  AssayChart *chart;
  AssayRingLayer *layer;
  const AssayRuleValue *quorum;

  remove_children (GTK_WIDGET (self->ring_box));
  for (guint i = 0; i < self->flags->len && ring == NULL; i++)
    {
      const AssayStoredFlag *flag = g_ptr_array_index (self->flags, i);

      if (flag->members != NULL && flag->members[0] != NULL)
        ring = flag;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->ring_box), ring != NULL);
  if (ring == NULL)
    return;
  assay_lockstep_params_init (&params);
  quorum = self->rule_set != NULL ? assay_rule_set_lookup_parameter (self->rule_set, "lockstep_quorum") : NULL;
  if (quorum != NULL && quorum->type == ASSAY_RULE_TYPE_NUMBER)
    params.quorum = quorum->number;
  profile = assay_ring_profile_load (self->replica, (const char * const *) ring->members, ring->from,
                                     ring->to, params.quorum, &error);
  gtk_box_append (self->ring_box, make_label (_("Activity Days of the Members"), "heading"));
  if (profile == NULL)
    {
      gtk_box_append (self->ring_box, make_label (error->message, "dim-label"));
      return;
    }
  gtk_box_append (self->ring_box,
                  make_label (_("Each row is a member; a filled cell is a day the member took part in "
                                "a community activity; the marked days are those on which one activity "
                                "had the quorum of the members."), "dim-label"));
  chart = assay_chart_new (ASSAY_CHART_BARS);
  gtk_widget_set_size_request (GTK_WIDGET (chart), -1, 60 + 28 * (int) profile->n_members);
  layer = assay_ring_layer_new ();
  assay_ring_layer_set_data (layer, profile->n_members, (const char * const *) profile->members,
                             profile->days, profile->common_days);
  assay_ring_layer_attach (layer, chart);
  g_object_unref (layer);
  gtk_box_append (self->ring_box, GTK_WIDGET (chart));
}

static void
member_activated_cb (AssayCaseView *self,
                     GtkListBoxRow *row,
                     GtkListBox    *list)
{
  const char *account = g_object_get_data (G_OBJECT (row), "assay-account");

  if (account != NULL)
    g_signal_emit (self, signals[ACCOUNT_REQUESTED], 0, account);
}

static void
show_members (AssayCaseView *self)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *heading = NULL;

  remove_children (GTK_WIDGET (self->members_list));
  for (guint i = 0; i < self->flags->len; i++)
    {
      const AssayStoredFlag *flag = g_ptr_array_index (self->flags, i);

      for (guint m = 0; flag->members != NULL && flag->members[m] != NULL; m++)
        if (!g_ptr_array_find_with_equal_func (members, flag->members[m], g_str_equal, NULL))
          g_ptr_array_add (members, g_strdup (flag->members[m]));
    }
  gtk_widget_set_visible (self->members_box, members->len > 0);
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Member", "%u Members", members->len),
                             members->len);
  gtk_label_set_text (self->members_heading, heading);
  for (guint i = 0; i < members->len; i++)
    {
      const char *account = g_ptr_array_index (members, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), account);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Open the account"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "assay-account", g_strdup (account), g_free);
      gtk_list_box_append (self->members_list, row);
    }
}

static char *
describe_event (const AssayCaseEvent *event)
{
  g_autofree char *when = assay_format_date_time (event->at);

  /* Translators: a line of a case's history: time, author, what happened. */
  return g_strdup_printf (_("%s · %s · %s"), when, event->author, event->text);
}

static void
show_history (AssayCaseView *self)
{
  remove_children (GTK_WIDGET (self->history_list));
  for (guint i = 0; i < self->history->len; i++)
    {
      const AssayCaseEvent *event = g_ptr_array_index (self->history, i);
      g_autofree char *when = assay_format_date_time (event->at);
      g_autofree char *who = g_strdup_printf ("%s · %s", when, event->author);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *label;

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 8);
      label = make_label (who, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
      label = make_label (event->text, event->is_note ? NULL : NULL);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_append (self->history_list, row);
    }
}

static const char *
kind_label (const char *kind)
{
  static const struct { const char *nick; const char *label; } labels[] = {
    { "dismiss", N_("Dismiss") },
    { "confirm", N_("Confirm") },
    { "down_weight", N_("Down-weight") },
    { "freeze", N_("Freeze") },
    { "restore", N_("Restore") },
    { "zero", N_("Zero") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (kind, labels[i].nick) == 0)
      return g_dgettext (GETTEXT_PACKAGE, labels[i].label);
  return kind;
}

/* Where a decision signed here stands: the Review Queue pushes it as soon
 * as it is queued; the Outbox page (or assayctl push) retries it. */
static char *
describe_outbox_state (const AssayOutboxRow *row)
{
  switch (row->state)
    {
    case ASSAY_OUTBOX_QUEUED:
      return g_strdup (_("Queued in this workstation’s outbox: it is sent to the central service as soon as "
                         "it is signed, and again later if the service cannot be reached (see the Outbox page). "
                         "A sync marks it logged once it is in the log."));
    case ASSAY_OUTBOX_PENDING:
      return g_strdup_printf (_("Accepted by the central service, waiting for more signatures: %s"),
                              row->answer != NULL ? row->answer : "");
    case ASSAY_OUTBOX_LOGGED:
      return g_strdup_printf (_("Logged at index %" PRIi64), row->log_index);
    case ASSAY_OUTBOX_REFUSED:
      return g_strdup_printf (_("Refused by the central service: %s"), row->answer != NULL ? row->answer : "");
    case ASSAY_OUTBOX_RECORDED:   /* an objection's; a case lists only its decisions */
    default:
      return g_strdup ("");
    }
}

static GtkWidget *
make_decision_row (const char *title,
                   const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

/* The decisions signed here on the case (newest first), and who decided
 * it when the log says it is decided. */
static void
show_decision (AssayCaseView *self)
{
  const AssayCaseEvent *decided = NULL;

  remove_children (GTK_WIDGET (self->decision_list));
  for (guint i = 0; i < self->history->len; i++)
    {
      const AssayCaseEvent *event = g_ptr_array_index (self->history, i);

      if (g_strcmp0 (event->kind, "decided") == 0)
        decided = event;
    }
  if (decided != NULL && self->c->state == ASSAY_CASE_STATE_DECIDED)
    gtk_list_box_append (self->decision_list, make_decision_row (_("Decided"), decided->text));
  for (guint i = self->outbox->len; i > 0; i--)
    {
      const AssayOutboxRow *row = g_ptr_array_index (self->outbox, i - 1);
      g_autofree char *when = assay_format_date_time (row->created_at);
      g_autofree char *title = NULL;
      g_autofree char *state = describe_outbox_state (row);

      /* Translators: a decision signed here: "Freeze · decision 1a2b3c4d5e6f… · signed 2026-12-06 08:40". */
      title = g_strdup_printf (_("%s · decision %.12s… · signed %s"), kind_label (row->kind), row->hash, when);
      gtk_list_box_append (self->decision_list, make_decision_row (title, state));
    }
  if (gtk_widget_get_first_child (GTK_WIDGET (self->decision_list)) == NULL)
    gtk_list_box_append (self->decision_list,
                         make_decision_row (_("No decision yet"),
                                            self->c != NULL && g_strcmp0 (self->c->subject_kind, "group") == 0
                                            ? _("A decision cannot name a group yet (only an account, a county or a "
                                                "ring), so this case is worked with notes and assignment; the "
                                                "audit's findings are signed from the Audit Sampling page.")
                                            : _("Decide… signs one with your key: the dialog shows exactly what "
                                                "you sign.")));
}

static void
update_title (AssayCaseView *self)
{
  const AssayCase *c = self->c;
  g_autofree char *title = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *number = NULL;
  g_autofree char *opened = assay_format_date_time (c->opened);
  g_autofree char *county = c->county != NULL ? assay_county_format (c->county) : g_strdup ("—");
  g_autofree char *subtitle = NULL;
  g_autofree char *assignee = NULL;
  gboolean can_review = c->state == ASSAY_CASE_STATE_OPEN || c->state == ASSAY_CASE_STATE_REOPENED;
  guint n_members = 0;

  for (guint i = 0; i < self->flags->len; i++)
    {
      const AssayStoredFlag *flag = g_ptr_array_index (self->flags, i);

      if (flag->members != NULL)
        n_members = MAX (n_members, g_strv_length (flag->members));
    }
  subject = assay_review_describe_case (c, n_members);
  /* Translators: a case's title, "Case 3: acct-000123". */
  number = g_strdup_printf ("%" G_GINT64_FORMAT, c->id);
  title = g_strdup_printf (_("Case %s: %s"), number, subject);
  /* Translators: a case's state, county, when it was opened and its assignee:
   * "In review · Qingpu (310118) · opened 2026-03-02 14:05 · assigned to wang". */
  assignee = c->assignee != NULL ? g_strdup_printf (_("assigned to %s"), c->assignee) : g_strdup (_("unassigned"));
  subtitle = g_strdup_printf (_("%s · %s · opened %s · %s"), assay_review_state_label (c->state), county,
                              opened, assignee);
  if (is_account (self))
    {
      g_autofree char *standing = assay_account_state_describe (self->replica, c->subject_id);

      if (standing != NULL)
        {
          g_autofree char *with_standing = g_strconcat (subtitle, " · ", standing, NULL);

          g_free (subtitle);
          subtitle = g_steal_pointer (&with_standing);
        }
    }
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.start-review", can_review);
  /* Decisions name an account, a county or a ring: a group (Article W)
   * is none of them yet. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.decide",
                                 g_strcmp0 (c->subject_kind, "group") != 0 && !c->is_filing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.decide-filing", c->is_filing);
  /* A filing is answered by its route's outcomes only: the committee
   * approves or denies its requests, the panel rules on its docket. */
  gtk_widget_set_visible (self->case_outcomes_box, !c->is_filing);
  gtk_widget_set_visible (self->request_outcomes_box, c->is_filing && !c->for_panel);
  gtk_widget_set_visible (self->ruling_outcomes_box, c->is_filing && c->for_panel);
  gtk_widget_set_tooltip_text (self->start_review_button,
                               can_review
                               ? _("Mark the case as in review; recorded in its history with your name")
                               : c->state == ASSAY_CASE_STATE_IN_REVIEW
                               ? _("The review has started")
                               : _("A decided case opens again only when a new flag arrives"));
  if (c->assignee != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->assign_entry), c->assignee);
}

/* Reads the case, its flags (current first, then earlier ones, each in
 * the order they joined) and its history. */
/* A filing's case shows the filing itself above the checks its flags
 * make; a filing the replica no longer holds (erased since) shows why. */
static void
show_filing (AssayCaseView *self)
{
  g_autoptr(GError) error = NULL;
  gboolean shown = FALSE;

  if (self->c->is_filing)
    shown = assay_filing_view_show (self->filing_view, self->replica,
                                    g_ascii_strtoull (self->c->subject_id, NULL, 10), &error);
  if (error != NULL)
    g_warning ("Case %" G_GINT64_FORMAT ": %s", self->c->id, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->filing_view), shown);
}

static gboolean
load (AssayCaseView  *self,
      gint64          case_id,
      GError        **error)
{
  g_autoptr(AssayCase) c = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GPtrArray) flags = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_stored_flag_free);
  g_autoptr(GPtrArray) earlier = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_stored_flag_free);

  if ((c = assay_replica_get_case (self->replica, case_id, error)) == NULL ||
      (history = assay_replica_case_history (self->replica, case_id, error)) == NULL ||
      (outbox = assay_replica_outbox_list_for_case (self->replica, case_id, error)) == NULL)
    return FALSE;
  for (guint i = 0; c->flag_ids != NULL && i < c->flag_ids->len; i++)
    {
      AssayStoredFlag *flag = assay_replica_get_flag (self->replica, g_ptr_array_index (c->flag_ids, i), NULL);

      if (flag != NULL)
        g_ptr_array_add (flag->current ? flags : earlier, flag);
    }
  g_ptr_array_extend_and_steal (flags, g_steal_pointer (&earlier));
  g_clear_pointer (&self->c, assay_case_free);
  g_clear_pointer (&self->flags, g_ptr_array_unref);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  self->c = g_steal_pointer (&c);
  self->flags = g_steal_pointer (&flags);
  self->history = g_steal_pointer (&history);
  g_clear_pointer (&self->outbox, g_ptr_array_unref);
  self->outbox = g_steal_pointer (&outbox);

  update_title (self);
  show_decision (self);
  show_filing (self);
  show_flags (self);
  show_profile (self);
  show_members (self);
  show_ring (self);
  show_history (self);
  return TRUE;
}

/* ---- callbacks ----------------------------------------------------------------- */

static void
back_clicked_cb (AssayCaseView *self,
                 GtkButton     *button)
{
  g_signal_emit (self, signals[BACK], 0);
}

static void
open_account_clicked_cb (AssayCaseView *self,
                         GtkButton     *button)
{
  if (is_account (self))
    g_signal_emit (self, signals[ACCOUNT_REQUESTED], 0, self->c->subject_id);
}

static void
assign_activate_cb (AssayCaseView *self,
                    GtkWidget     *widget)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->assign_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  if (_assay_case_view_assign (self, stripped))
    gtk_popover_popdown (self->assign_popover);
}

static void
add_note_clicked_cb (AssayCaseView *self,
                     GtkButton     *button)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (_assay_case_view_add_note (self, text))
    {
      gtk_text_buffer_set_text (buffer, "", -1);
      gtk_popover_popdown (self->note_popover);
    }
}

/* ---- actions ------------------------------------------------------------------- */

static void
start_review_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  _assay_case_view_start_review (ASSAY_CASE_VIEW (widget));
}

static void
decide_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  AssayCaseView *self = ASSAY_CASE_VIEW (widget);
  int outcome;

  gtk_popover_popdown (self->decide_popover);
  if (assay_enum_from_nick (ASSAY_TYPE_DECISION_KIND, g_variant_get_string (param, NULL), &outcome) &&
      outcome <= ASSAY_DECISION_KIND_ZERO)
    _assay_case_view_decide (self, outcome);
}

/* "approve", "deny", or a ruling's outcome ("uphold", "overturn",
 * "adjust") as a verdict without its amount. */
static gboolean
verdict_from_id (const char         *id,
                 AssayFilingVerdict *out)
{
  int ruling;

  *out = (AssayFilingVerdict) { 0 };
  if (g_strcmp0 (id, "approve") == 0 || g_strcmp0 (id, "deny") == 0)
    {
      out->kind = g_str_equal (id, "approve") ? ASSAY_DECISION_KIND_APPROVE : ASSAY_DECISION_KIND_DENY;
      return TRUE;
    }
  if (!assay_enum_from_nick (ASSAY_TYPE_RULING_OUTCOME, id, &ruling))
    return FALSE;
  out->kind = ASSAY_DECISION_KIND_RULING;
  out->ruling = ruling;
  return TRUE;
}

static void
decide_filing_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  AssayCaseView *self = ASSAY_CASE_VIEW (widget);

  gtk_popover_popdown (self->decide_popover);
  _assay_case_view_decide_filing (self, g_variant_get_string (param, NULL));
}

/* ---- GObject ------------------------------------------------------------------- */

static void
assay_case_view_dispose (GObject *object)
{
  AssayCaseView *self = ASSAY_CASE_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), ASSAY_TYPE_CASE_VIEW);
  /* The template's top box is not bound, so the template leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->replica);
  g_clear_object (&self->rule_set);
  g_clear_pointer (&self->c, assay_case_free);
  g_clear_pointer (&self->flags, g_ptr_array_unref);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->outbox, g_ptr_array_unref);
  g_clear_pointer (&self->entry_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (assay_case_view_parent_class)->dispose (object);
}

static void
assay_case_view_class_init (AssayCaseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = assay_case_view_dispose;

  /* An action signal, or the Escape binding below cannot emit it. */
  signals[BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SHOW_TOAST] =
    g_signal_new ("show-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);
  signals[CASE_CHANGED] =
    g_signal_new ("case-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DECISION_QUEUED] =
    g_signal_new ("decision-queued", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[ACCOUNT_REQUESTED] =
    g_signal_new ("account-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (ASSAY_TYPE_CHART);
  g_type_ensure (ASSAY_TYPE_FILING_VIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/assay/Assay/ui/assay-case-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, title_label);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, start_review_button);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, assign_button);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, assign_popover);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, assign_entry);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, note_button);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, note_popover);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, note_view);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, decide_popover);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, decision_list);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, filing_view);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, decide_button);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, case_outcomes_box);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, request_outcomes_box);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, ruling_outcomes_box);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, scroller);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, flags_heading);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, flags_box);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, profile_box);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, profile_label);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, weekly_chart);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, members_box);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, members_heading);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, members_list);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, ring_box);
  gtk_widget_class_bind_template_child (widget_class, AssayCaseView, history_list);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_account_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, assign_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_note_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, member_activated_cb);

  gtk_widget_class_install_action (widget_class, "case.start-review", NULL, start_review_action);
  gtk_widget_class_install_action (widget_class, "case.decide", "s", decide_action);
  gtk_widget_class_install_action (widget_class, "case.decide-filing", "s", decide_filing_action);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_Escape, 0, "back", NULL);
}

static void
assay_case_view_init (AssayCaseView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->entry_rows = g_ptr_array_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.start-review", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.decide", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.decide-filing", FALSE);
}

/* ---- public API ---------------------------------------------------------------- */

GtkWidget *
assay_case_view_new (void)
{
  return g_object_new (ASSAY_TYPE_CASE_VIEW, NULL);
}

gboolean
assay_case_view_show (AssayCaseView *self,
                      AssayReplica  *replica,
                      gint64         case_id,
                      GError       **error)
{
  g_autoptr(AssayReplica) old = NULL;

  g_return_val_if_fail (ASSAY_IS_CASE_VIEW (self), FALSE);
  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), FALSE);

  old = g_steal_pointer (&self->replica);
  self->replica = g_object_ref (replica);
  if (!load (self, case_id, error))
    {
      g_clear_object (&self->replica);
      self->replica = g_steal_pointer (&old);
      return FALSE;
    }
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  return TRUE;
}

gboolean
assay_case_view_reload (AssayCaseView *self)
{
  g_return_val_if_fail (ASSAY_IS_CASE_VIEW (self), FALSE);

  if (self->replica == NULL || self->c == NULL)
    return FALSE;
  if (!load (self, self->c->id, NULL))
    {
      assay_case_view_clear (self);
      return FALSE;
    }
  return TRUE;
}

gint64
assay_case_view_get_case_id (AssayCaseView *self)
{
  g_return_val_if_fail (ASSAY_IS_CASE_VIEW (self), 0);

  return self->c != NULL ? self->c->id : 0;
}

void
assay_case_view_clear (AssayCaseView *self)
{
  g_return_if_fail (ASSAY_IS_CASE_VIEW (self));

  g_clear_object (&self->replica);
  g_clear_pointer (&self->c, assay_case_free);
  g_clear_pointer (&self->flags, g_ptr_array_unref);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->outbox, g_ptr_array_unref);
  g_ptr_array_set_size (self->entry_rows, 0);
  self->n_bands = 0;
  gtk_label_set_text (self->title_label, "");
  gtk_label_set_text (self->subtitle_label, "");
  remove_children (GTK_WIDGET (self->flags_box));
  remove_children (GTK_WIDGET (self->members_list));
  remove_children (GTK_WIDGET (self->history_list));
  remove_children (GTK_WIDGET (self->decision_list));
  assay_chart_clear (self->weekly_chart);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.start-review", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.decide", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.decide-filing", FALSE);
}

/* ---- private API --------------------------------------------------------------- */

static gboolean
after_change (AssayCaseView *self,
              gboolean       ok,
              const GError  *error,
              const char    *heading,
              const char    *done)
{
  if (!ok)
    {
      show_error (self, heading, error);
      return FALSE;
    }
  assay_case_view_reload (self);
  toast (self, done);
  g_signal_emit (self, signals[CASE_CHANGED], 0);
  return TRUE;
}

gboolean
_assay_case_view_start_review (AssayCaseView *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_return_val_if_fail (ASSAY_IS_CASE_VIEW (self), FALSE);

  if (self->c == NULL)
    return FALSE;
  ok = assay_replica_case_start_review (self->replica, self->c->id, g_get_user_name (), &error);
  return after_change (self, ok, error, _("Could Not Start the Review"), _("Review started"));
}

gboolean
_assay_case_view_assign (AssayCaseView *self,
                         const char    *assignee)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  gboolean ok;

  g_return_val_if_fail (ASSAY_IS_CASE_VIEW (self), FALSE);

  if (self->c == NULL)
    return FALSE;
  ok = assay_replica_case_assign (self->replica, self->c->id, assignee, g_get_user_name (), &error);
  done = assignee != NULL && assignee[0] != '\0'
         ? g_strdup_printf (_("Assigned to %s"), assignee) : g_strdup (_("Unassigned"));
  return after_change (self, ok, error, _("Could Not Assign the Case"), done);
}

gboolean
_assay_case_view_add_note (AssayCaseView *self,
                           const char    *text)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_return_val_if_fail (ASSAY_IS_CASE_VIEW (self), FALSE);

  if (self->c == NULL)
    return FALSE;
  ok = assay_replica_case_add_note (self->replica, self->c->id, g_get_user_name (), text, &error);
  return after_change (self, ok, error, _("Could Not Add the Note"), _("Note added"));
}

static void
decision_queued_cb (AssayCaseView       *self,
                    const char          *hash,
                    AssayDecisionDialog *dialog)
{
  assay_case_view_reload (self);
  toast (self, _("Decision signed and queued; sending it to the central service"));
  g_signal_emit (self, signals[CASE_CHANGED], 0);
  g_signal_emit (self, signals[DECISION_QUEUED], 0, hash);
}

GtkWindow *
_assay_case_view_decide (AssayCaseView     *self,
                         AssayDecisionKind  outcome)
{
  GtkRoot *root;
  AssayDecisionDialog *dialog;

  g_return_val_if_fail (ASSAY_IS_CASE_VIEW (self), NULL);

  if (self->c == NULL || self->replica == NULL)
    return NULL;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = assay_decision_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->replica, self->c->id,
                                      outcome);
  g_signal_connect_object (dialog, "queued", G_CALLBACK (decision_queued_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

GtkWindow *
_assay_case_view_decide_filing (AssayCaseView *self,
                                const char    *verdict_id)
{
  GtkRoot *root;
  AssayDecisionDialog *dialog;
  AssayFilingVerdict verdict;

  g_return_val_if_fail (ASSAY_IS_CASE_VIEW (self), NULL);

  if (self->c == NULL || self->replica == NULL || !self->c->is_filing || !verdict_from_id (verdict_id, &verdict))
    return NULL;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = assay_decision_dialog_new_for_filing (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->replica,
                                                 self->c->id, &verdict);
  g_signal_connect_object (dialog, "queued", G_CALLBACK (decision_queued_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* The verdicts Decide… offers now, by their ids ("dismiss", "approve",
 * "uphold", …), in the popover's order. */
GPtrArray *
_assay_case_view_dup_offered_outcomes (AssayCaseView *self)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *boxes[] = { self->case_outcomes_box, self->request_outcomes_box, self->ruling_outcomes_box };

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    {
      if (!gtk_widget_get_visible (boxes[i]))
        continue;
      for (GtkWidget *child = gtk_widget_get_first_child (boxes[i]); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          GVariant *target = GTK_IS_ACTIONABLE (child) ? gtk_actionable_get_action_target_value (GTK_ACTIONABLE (child))
                                                       : NULL;

          if (target != NULL && gtk_widget_get_visible (child)
              && gtk_widget_is_sensitive (child))
            g_ptr_array_add (ids, g_variant_dup_string (target, NULL));
        }
    }
  return ids;
}

GPtrArray *
_assay_case_view_dup_decision_texts (AssayCaseView *self)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (ASSAY_IS_CASE_VIEW (self), texts);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->decision_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      g_ptr_array_add (texts, g_strdup_printf ("%s\n%s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                               adw_action_row_get_subtitle (ADW_ACTION_ROW (row))));
  return texts;
}

const AssayCase *
_assay_case_view_get_case (AssayCaseView *self)
{
  g_return_val_if_fail (ASSAY_IS_CASE_VIEW (self), NULL);

  return self->c;
}

GtkLabel *
_assay_case_view_get_title_label (AssayCaseView *self)
{
  g_return_val_if_fail (ASSAY_IS_CASE_VIEW (self), NULL);

  return self->title_label;
}

GtkLabel *
_assay_case_view_get_subtitle_label (AssayCaseView *self)
{
  g_return_val_if_fail (ASSAY_IS_CASE_VIEW (self), NULL);

  return self->subtitle_label;
}

GPtrArray *
_assay_case_view_dup_history_texts (AssayCaseView *self)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (ASSAY_IS_CASE_VIEW (self), texts);

  for (guint i = 0; self->history != NULL && i < self->history->len; i++)
    g_ptr_array_add (texts, describe_event (g_ptr_array_index (self->history, i)));
  return texts;
}

guint
_assay_case_view_get_n_flag_cards (AssayCaseView *self)
{
  guint n = 0;

  g_return_val_if_fail (ASSAY_IS_CASE_VIEW (self), 0);

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->flags_box)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

guint
_assay_case_view_get_n_entry_rows (AssayCaseView *self)
{
  g_return_val_if_fail (ASSAY_IS_CASE_VIEW (self), 0);

  return self->entry_rows->len;
}

GtkWindow *
_assay_case_view_open_entry (AssayCaseView *self,
                             guint          n)
{
  guint64 *index;

  g_return_val_if_fail (ASSAY_IS_CASE_VIEW (self), NULL);
  g_return_val_if_fail (n < self->entry_rows->len, NULL);

  index = g_object_get_data (G_OBJECT (g_ptr_array_index (self->entry_rows, n)), "assay-entry-index");
  return GTK_WINDOW (assay_entry_details_present (GTK_WIDGET (self), self->replica, *index));
}

AssayChart *
_assay_case_view_get_weekly_chart (AssayCaseView *self)
{
  g_return_val_if_fail (ASSAY_IS_CASE_VIEW (self), NULL);

  return self->weekly_chart;
}

guint
_assay_case_view_get_n_bands (AssayCaseView *self)
{
  g_return_val_if_fail (ASSAY_IS_CASE_VIEW (self), 0);

  return self->n_bands;
}

guint
_assay_case_view_count_evaluation_trees (AssayCaseView *self)
{
  guint n = 0;

  g_return_val_if_fail (ASSAY_IS_CASE_VIEW (self), 0);

  /* Each flag card holds at most one, inside its expander. */
  for (GtkWidget *card = gtk_widget_get_first_child (GTK_WIDGET (self->flags_box)); card != NULL;
       card = gtk_widget_get_next_sibling (card))
    for (GtkWidget *child = gtk_widget_get_first_child (card); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      n += GTK_IS_EXPANDER (child) &&
           ASSAY_IS_EVALUATION_TREE (gtk_expander_get_child (GTK_EXPANDER (child)));
  return n;
}

GtkBox *
_assay_case_view_get_ring_box (AssayCaseView *self)
{
  g_return_val_if_fail (ASSAY_IS_CASE_VIEW (self), NULL);

  return self->ring_box;
}

void
assay_case_view_set_rule_set (AssayCaseView *self,
                              AssayRuleSet  *rule_set)
{
  g_return_if_fail (ASSAY_IS_CASE_VIEW (self));
  g_return_if_fail (rule_set == NULL || ASSAY_IS_RULE_SET (rule_set));

  g_set_object (&self->rule_set, rule_set);
}

GtkMenuButton *
_assay_case_view_get_decide_button (AssayCaseView *self)
{
  g_return_val_if_fail (ASSAY_IS_CASE_VIEW (self), NULL);
  return GTK_MENU_BUTTON (self->decide_button);
}
