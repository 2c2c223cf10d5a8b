/* assay-what-if-view.c — a draft rule set against the set in force, on the replica's checkpoint
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

#include "assay-column-view-util.h"
#include "assay-day.h"
#include "assay-evaluation-tree.h"
#include "assay-replica.h"
#include "assay-what-if-rule-item.h"
#include "assay-what-if-view-private.h"

/* Rows shown per list of flags; `assayctl what-if` lists them all. */
#define MAX_FLAG_ROWS 100

struct _AssayWhatIfView
{
  AdwBin             parent_instance;

  AssaySession      *session;
  AssayRuleSet      *in_force;
  char              *draft_path;
  AssayRuleSet      *draft;
  GCancellable      *cancellable;
  guint              generation;    /* of the newest comparison asked for */
  gboolean           running;
  char              *message;
  gboolean           message_is_error;

  /* The result shown, and the sets its flags belong to. */
  AssayWhatIf       *result;
  AssayRuleSet      *result_in_force;
  AssayRuleSet      *result_draft;
  guint              n_rules;
  GtkColumnView     *rules_view;    /* in results_box, or NULL */

  GtkWidget         *compare_button;
  GtkWidget         *draft_label;
  GtkWidget         *status_box;
  GtkWidget         *spinner;
  GtkWidget         *status_label;
  GtkWidget         *results_box;
};

G_DEFINE_FINAL_TYPE (AssayWhatIfView, assay_what_if_view, ADW_TYPE_BIN)

typedef struct
{
  char         *replica_path;
  AssayRuleSet *in_force;
  AssayRuleSet *draft;
  const char   *language;
  guint         generation;
} CompareData;

static void
compare_data_free (CompareData *data)
{
  g_free (data->replica_path);
  g_clear_object (&data->in_force);
  g_clear_object (&data->draft);
  g_free (data);
}

/* ---- helpers ------------------------------------------------------------- */

static GtkWidget *
new_label (const char *text,
           const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static char *
format_period (guint32 from,
               guint32 to)
{
  g_autofree char *a = assay_day_format (from);
  g_autofree char *b = assay_day_format (to);

  return g_strdup_printf ("%s…%s", a, b);
}

/* "pilot version 3 · 1a2b3c4d5e6f" */
static char *
describe_set (AssayRuleSet *set)
{
  g_autofree char *sha = assay_what_if_sha256_prefix (assay_rule_set_get_sha256 (set));
  g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, assay_rule_set_get_version (set));

  /* Translators: a rule set's name, version and the start of its SHA-256. */
  return g_strdup_printf (_("%s version %s · SHA-256 %s…"), assay_rule_set_get_name (set), version, sha);
}

static char *
flag_title (const AssayRuleFlag *flag)
{
  g_autofree char *period = format_period (flag->from, flag->to);

  return g_strdup_printf ("%s · %s · %s", flag->rule, flag->subject_id, period);
}

static void
set_status (AssayWhatIfView *self,
            gboolean         running,
            const char      *message)
{
  g_autofree char *old = self->message;

  self->running = running;
  self->message = g_strdup (message);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), running);
  gtk_widget_set_visible (self->spinner, running);
  if (running)
    gtk_label_set_label (GTK_LABEL (self->status_label), _("Evaluating both rule sets on the replica…"));
  else
    gtk_label_set_label (GTK_LABEL (self->status_label), message != NULL ? message : "");
  gtk_widget_set_visible (self->status_box, running || message != NULL);
  /* A refused draft or a failed comparison is an error; "no replica yet"
   * and the like are not. */
  if (self->message_is_error && !running)
    gtk_widget_add_css_class (self->status_label, "error");
  else
    gtk_widget_remove_css_class (self->status_label, "error");
}

static void
clear_results (AssayWhatIfView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->results_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->results_box), child);
  g_clear_pointer (&self->result, assay_what_if_free);
  g_clear_object (&self->result_in_force);
  g_clear_object (&self->result_draft);
  self->n_rules = 0;
  self->rules_view = NULL;
  gtk_widget_set_visible (self->results_box, FALSE);
}

/* ---- the flag dialog ----------------------------------------------------- */

static GtkWidget *
value_row (const char *name,
           const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static void
add_values (GtkWidget  *group,
            GArray     *values)
{
  for (guint i = 0; i < values->len; i++)
    {
      const AssayRuleFlagValue *v = &g_array_index (values, AssayRuleFlagValue, i);
      g_autofree char *text = assay_rule_value_format (&v->value);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), value_row (v->name, text));
    }
}

/* One flag against its set: its features and parameters, the entries
 * behind them and its evaluation tree. */
static GtkWidget *
flag_side (const AssayRuleFlag *flag,
           AssayRuleSet        *set,
           const char          *title,
           guint               *n_trees)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *values = adw_preferences_group_new ();
  GtkWidget *params = adw_preferences_group_new ();
  GtkWidget *tree_group = adw_preferences_group_new ();
  GtkWidget *tree = assay_evaluation_tree_new ();
  g_autoptr(JsonNode) node = assay_rule_flag_to_json (flag);
  g_autoptr(GError) error = NULL;
  g_autofree char *set_text = describe_set (set);
  g_autofree char *entries = g_strdup_printf ("%u", flag->entries->len);
  g_autofree char *margin = NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (tree_group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (tree_group), set_text);
  if (assay_evaluation_tree_set_flag (ASSAY_EVALUATION_TREE (tree), set,
                                      json_node_get_object (node), &error))
    {
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (tree_group), tree);
      (*n_trees)++;
    }
  else
    {
      g_object_ref_sink (tree);
      g_object_unref (tree);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (tree_group), new_label (error->message, "error"));
    }
  gtk_box_append (GTK_BOX (box), tree_group);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (values), _("Features"));
  add_values (values, flag->features);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (values),
                             value_row (_("Ledger entries behind the features"), entries));
  if (!isnan (flag->margin))
    {
      AssayRuleValue m = { .type = ASSAY_RULE_TYPE_NUMBER, .number = flag->margin };

      margin = assay_rule_value_format (&m);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (values), value_row (_("Margin"), margin));
    }
  gtk_box_append (GTK_BOX (box), values);
  if (flag->parameters->len > 0)
    {
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (params), _("Parameters"));
      add_values (params, flag->parameters);
      gtk_box_append (GTK_BOX (box), params);
    }
  else
    {
      g_object_ref_sink (params);
      g_object_unref (params);
    }
  return box;
}

static GtkWidget *
flag_dialog_new (GtkWidget           *parent,
                 AssayWhatIfKind      kind,
                 const AssayRuleFlag *flag,
                 const AssayRuleFlag *previous,
                 AssayRuleSet        *in_force,
                 AssayRuleSet        *draft)
{
  static const char * const titles[] = { N_("Added Flag"), N_("Removed Flag"), N_("Changed Flag") };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *sides = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkRoot *root = gtk_widget_get_root (parent);
  g_autofree char *heading = flag_title (flag);
  guint n_trees = 0;

  gtk_window_set_title (GTK_WINDOW (window), _(titles[kind]));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 720);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);

  gtk_box_append (GTK_BOX (outer), header);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  gtk_widget_set_margin_top (clamp, 18);
  gtk_widget_set_margin_bottom (clamp, 18);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);

  gtk_box_append (GTK_BOX (box), new_label (heading, "title-4"));
  gtk_box_append (GTK_BOX (box), new_label (flag->explanation, NULL));
  /* Selectable with the pointer, not focused on arrival (which would
   * select it whole). */
  gtk_label_set_selectable (GTK_LABEL (gtk_widget_get_last_child (box)), TRUE);
  gtk_widget_set_focusable (gtk_widget_get_last_child (box), FALSE);
  if (previous != NULL)
    {
      g_autofree char *change = assay_what_if_describe_change (previous, flag);
      g_autofree char *text = g_strdup_printf (_("What differs: %s"), change != NULL ? change : "—");

      gtk_box_append (GTK_BOX (box), new_label (text, "heading"));
    }
  if (kind == ASSAY_WHAT_IF_ADDED)
    gtk_box_append (GTK_BOX (sides), flag_side (flag, draft, _("Against the Draft"), &n_trees));
  else if (kind == ASSAY_WHAT_IF_REMOVED)
    gtk_box_append (GTK_BOX (sides), flag_side (flag, in_force, _("Against the Set in Force"), &n_trees));
  else
    {
      gtk_box_append (GTK_BOX (sides), flag_side (previous, in_force, _("Against the Set in Force"), &n_trees));
      gtk_box_append (GTK_BOX (sides), flag_side (flag, draft, _("Against the Draft"), &n_trees));
    }
  gtk_widget_set_margin_top (sides, 12);
  gtk_box_append (GTK_BOX (box), sides);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (outer), scrolled);
  gtk_window_set_child (GTK_WINDOW (window), outer);
  g_object_set_data (G_OBJECT (window), "assay-n-trees", GUINT_TO_POINTER (n_trees));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* ---- the result ---------------------------------------------------------- */

static void
flag_row_activated_cb (AssayWhatIfView *self,
                       AdwActionRow    *row)
{
  AssayWhatIfKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "assay-kind"));
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "assay-index"));

  _assay_what_if_view_open_flag (self, kind, index);
}

static GtkWidget *
flags_group (AssayWhatIfView *self,
             AssayWhatIfKind  kind,
             GPtrArray       *flags,
             GPtrArray       *previous)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *title = NULL;

  switch (kind)
    {
    case ASSAY_WHAT_IF_ADDED:
      title = g_strdup_printf (ngettext ("%u Flag Added", "%u Flags Added", flags->len), flags->len);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             _("Findings only the draft raises."));
      break;
    case ASSAY_WHAT_IF_REMOVED:
      title = g_strdup_printf (ngettext ("%u Flag Removed", "%u Flags Removed", flags->len), flags->len);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             _("Findings only the set in force raises."));
      break;
    case ASSAY_WHAT_IF_CHANGED:
    default:
      title = g_strdup_printf (ngettext ("%u Flag Changed", "%u Flags Changed", flags->len), flags->len);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             _("Findings both raise, with different values, margins or actions."));
      break;
    }
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  for (guint i = 0; i < flags->len && i < MAX_FLAG_ROWS; i++)
    {
      const AssayRuleFlag *flag = flags->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *row_title = flag_title (flag);
      g_autofree char *subtitle = NULL;

      if (previous != NULL)
        {
          g_autofree char *change = assay_what_if_describe_change (previous->pdata[i], flag);

          subtitle = g_strdup_printf ("%s\n%s", change != NULL ? change : "—", flag->explanation);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : flag->explanation);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "assay-kind", GUINT_TO_POINTER (kind));
      g_object_set_data (G_OBJECT (row), "assay-index", GUINT_TO_POINTER (i));
      g_signal_connect_object (row, "activated", G_CALLBACK (flag_row_activated_cb), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  if (flags->len > MAX_FLAG_ROWS)
    {
      g_autofree char *more = g_strdup_printf (_("The first %u of %u are listed; assayctl what-if --json lists them all."),
                                               MAX_FLAG_ROWS, flags->len);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), new_label (more, "dim-label"));
    }
  if (flags->len == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), new_label (_("None."), "dim-label"));
  return group;
}

static void
count_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), user_data != NULL ? 1 : 0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
count_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  AssayWhatIfRuleItem *rule = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;

  if (user_data == NULL)
    {
      gtk_label_set_label (label, assay_what_if_rule_item_get_rule (rule));
      return;
    }
  text = g_strdup_printf ("%u", assay_what_if_rule_item_get_count (rule, user_data));
  gtk_label_set_label (label, text);
}

static void
add_column (GtkColumnView *view,
            const char    *title,
            const char    *property)
{
  assay_column_view_append_sorted_column (view, title, ASSAY_TYPE_WHAT_IF_RULE_ITEM, "rule", property,
                                          G_CALLBACK (count_setup_cb), G_CALLBACK (count_bind_cb));
}

/* The per-rule counts as a table that sorts by each column, both ways. */
static GtkWidget *
rules_table (AssayWhatIfView *self)
{
  GListStore *store = g_list_store_new (ASSAY_TYPE_WHAT_IF_RULE_ITEM);
  GtkWidget *view = gtk_column_view_new (NULL);
  GtkSortListModel *sorted;
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  for (guint i = 0; i < self->result->rules->len; i++)
    {
      g_autoptr(AssayWhatIfRuleItem) item =
        assay_what_if_rule_item_new (&g_array_index (self->result->rules, AssayWhatIfRule, i));

      g_list_store_append (store, item);
    }
  self->n_rules = self->result->rules->len;
  add_column (GTK_COLUMN_VIEW (view), _("Rule"), NULL);
  add_column (GTK_COLUMN_VIEW (view), _("In force"), "in-force");
  add_column (GTK_COLUMN_VIEW (view), _("Draft"), "draft");
  add_column (GTK_COLUMN_VIEW (view), _("Added"), "added");
  add_column (GTK_COLUMN_VIEW (view), _("Removed"), "removed");
  add_column (GTK_COLUMN_VIEW (view), _("Changed"), "changed");
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (store),
                                    g_object_ref (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (view))));
  gtk_column_view_set_model (GTK_COLUMN_VIEW (view),
                             GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (sorted))));
  gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (view), TRUE);
  gtk_widget_add_css_class (view, "data-table");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_frame_set_child (GTK_FRAME (frame), scrolled);
  self->rules_view = GTK_COLUMN_VIEW (view);
  return frame;
}

/* A small title over its value, which may be long (a set and its id). */
static GtkWidget *
summary_row (const char *title,
             const char *value)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *value_label = new_label (value, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), new_label (title, "caption"));
  gtk_widget_add_css_class (gtk_widget_get_first_child (box), "dim-label");
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_widget_set_focusable (value_label, FALSE);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static GtkWidget *
summary_group (AssayWhatIfView *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  const AssayWhatIf *w = self->result;
  g_autofree char *in_force = describe_set (self->result_in_force);
  g_autofree char *draft = describe_set (self->result_draft);
  g_autofree char *size = g_strdup_printf ("%" G_GUINT64_FORMAT, w->checkpoint_size);
  g_autofree char *checkpoint = g_strdup_printf (_("Tree size %s"), size);
  g_autofree char *added = g_strdup_printf (ngettext ("%u added", "%u added", w->added->len), w->added->len);
  g_autofree char *removed = g_strdup_printf (ngettext ("%u removed", "%u removed", w->removed->len), w->removed->len);
  g_autofree char *changed = g_strdup_printf (ngettext ("%u changed", "%u changed", w->changed->len), w->changed->len);
  /* Translators: the three counts above, e.g. "12 added, 3 removed, 40 changed". */
  g_autofree char *totals = g_strdup_printf (_("%s, %s, %s"), added, removed, changed);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Comparison"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), summary_row (_("Set in force"), in_force));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), summary_row (_("Draft"), draft));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), summary_row (_("Checkpoint"), checkpoint));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), summary_row (_("Flags"), totals));
  return group;
}

/* The three lists, one at a time behind a switcher, so that a long list
 * of added flags does not push the others out of sight. */
static GtkWidget *
flag_lists (AssayWhatIfView *self)
{
  static const char * const names[] = { "added", "removed", "changed" };
  GPtrArray *lists[] = { self->result->added, self->result->removed, self->result->changed };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *switcher = gtk_stack_switcher_new ();

  gtk_stack_set_vhomogeneous (GTK_STACK (stack), FALSE);
  gtk_stack_set_hhomogeneous (GTK_STACK (stack), FALSE);
  for (guint k = 0; k < G_N_ELEMENTS (lists); k++)
    {
      g_autofree char *label = k == ASSAY_WHAT_IF_ADDED ? g_strdup_printf (_("Added (%u)"), lists[k]->len)
                             : k == ASSAY_WHAT_IF_REMOVED ? g_strdup_printf (_("Removed (%u)"), lists[k]->len)
                             : g_strdup_printf (_("Changed (%u)"), lists[k]->len);
      GtkWidget *group = flags_group (self, k, lists[k],
                                      k == ASSAY_WHAT_IF_CHANGED ? self->result->changed_from : NULL);

      gtk_stack_add_titled (GTK_STACK (stack), group, names[k], label);
    }
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), GTK_STACK (stack));
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), switcher);
  gtk_box_append (GTK_BOX (box), stack);
  return box;
}

static void
show_result (AssayWhatIfView *self)
{
  GtkWidget *table_group = adw_preferences_group_new ();

  gtk_box_append (GTK_BOX (self->results_box), summary_group (self));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (table_group), _("By Rule"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (table_group),
                                         _("Flags each set raises per rule; click a column's title to sort."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (table_group), rules_table (self));
  gtk_box_append (GTK_BOX (self->results_box), table_group);
  gtk_box_append (GTK_BOX (self->results_box), flag_lists (self));
  gtk_widget_set_visible (self->results_box, TRUE);
}

/* ---- comparing ------------------------------------------------------------ */

static void
compare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CompareData *data = task_data;
  g_autoptr(AssayReplica) replica = NULL;
  AssayWhatIf *w;
  GError *error = NULL;

  /* A connection of its own, read-only: the session's belongs to the
   * main thread.  Rule sets are immutable, so sharing them is safe. */
  replica = assay_replica_open (data->replica_path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  if (replica == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  w = assay_rule_what_if (data->in_force, data->draft, replica, data->language, &error);
  if (w == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, w, (GDestroyNotify) assay_what_if_free);
}

static void
compare_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AssayWhatIfView *self = ASSAY_WHAT_IF_VIEW (source);
  CompareData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  AssayWhatIf *w = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer comparison was asked for, or the view is gone: drop this one. */
  if (data->generation != self->generation || g_cancellable_is_cancelled (self->cancellable))
    {
      assay_what_if_free (w);
      return;
    }
  if (w == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The comparison failed: %s"), error->message);

      self->message_is_error = TRUE;
      set_status (self, FALSE, text);
      return;
    }
  self->result = w;
  self->result_in_force = g_object_ref (data->in_force);
  self->result_draft = g_object_ref (data->draft);
  set_status (self, FALSE, NULL);
  show_result (self);
}

/* Compares the loaded draft with the set in force, if both are there. */
static void
compare (AssayWhatIfView *self)
{
  g_autoptr(GTask) task = NULL;
  AssayReplica *replica;
  CompareData *data;

  self->generation++;
  clear_results (self);
  self->message_is_error = self->draft == NULL;
  if (self->draft == NULL)
    {
      set_status (self, FALSE, self->message);
      return;
    }
  if (self->in_force == NULL)
    {
      set_status (self, FALSE, _("No rule set is in force to compare the draft with."));
      return;
    }
  replica = self->session != NULL ? assay_session_get_replica (self->session) : NULL;
  if (replica == NULL)
    {
      set_status (self, FALSE, _("There is no replica yet: set the service in Preferences and sync the ledger, then compare the draft again."));
      return;
    }
  data = g_new0 (CompareData, 1);
  data->replica_path = g_strdup (assay_replica_get_path (replica));
  data->in_force = g_object_ref (self->in_force);
  data->draft = g_object_ref (self->draft);
  data->language = assay_rule_flags_language ();
  data->generation = self->generation;
  task = g_task_new (self, NULL, compare_cb, NULL);
  g_task_set_source_tag (task, compare);
  g_task_set_task_data (task, data, (GDestroyNotify) compare_data_free);
  set_status (self, TRUE, NULL);
  g_task_run_in_thread (task, compare_thread);
}

static void
chooser_response_cb (AssayWhatIfView      *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && g_file_peek_path (file) != NULL)
    _assay_what_if_view_compare_file (self, g_file_peek_path (file));
  g_object_unref (chooser);
}

static void
compare_clicked_cb (AssayWhatIfView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Compare a Draft Rule Set"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Compare"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Rule sets (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
session_notify_replica_cb (AssayWhatIfView *self)
{
  if (self->draft != NULL)
    compare (self);
}

/* ---- overrides ------------------------------------------------------------ */

static void
assay_what_if_view_dispose (GObject *object)
{
  AssayWhatIfView *self = ASSAY_WHAT_IF_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  self->generation++;
  if (self->results_box != NULL)
    clear_results (self);
  /* AdwBin must let go of the template's top widget before it is dropped. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), ASSAY_TYPE_WHAT_IF_VIEW);
  g_clear_object (&self->session);
  g_clear_object (&self->in_force);
  g_clear_object (&self->draft);

  G_OBJECT_CLASS (assay_what_if_view_parent_class)->dispose (object);
}

static void
assay_what_if_view_finalize (GObject *object)
{
  AssayWhatIfView *self = ASSAY_WHAT_IF_VIEW (object);

  g_clear_object (&self->cancellable);
  g_free (self->draft_path);
  g_free (self->message);

  G_OBJECT_CLASS (assay_what_if_view_parent_class)->finalize (object);
}

static void
assay_what_if_view_class_init (AssayWhatIfViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = assay_what_if_view_dispose;
  object_class->finalize = assay_what_if_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/assay/Assay/ui/assay-what-if-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AssayWhatIfView, compare_button);
  gtk_widget_class_bind_template_child (widget_class, AssayWhatIfView, draft_label);
  gtk_widget_class_bind_template_child (widget_class, AssayWhatIfView, status_box);
  gtk_widget_class_bind_template_child (widget_class, AssayWhatIfView, spinner);
  gtk_widget_class_bind_template_child (widget_class, AssayWhatIfView, status_label);
  gtk_widget_class_bind_template_child (widget_class, AssayWhatIfView, results_box);
  gtk_widget_class_bind_template_callback (widget_class, compare_clicked_cb);
}

static void
assay_what_if_view_init (AssayWhatIfView *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---- public API ------------------------------------------------------------- */

GtkWidget *
assay_what_if_view_new (void)
{
  return g_object_new (ASSAY_TYPE_WHAT_IF_VIEW, NULL);
}

void
assay_what_if_view_set_session (AssayWhatIfView *self,
                                AssaySession    *session)
{
  g_return_if_fail (ASSAY_IS_WHAT_IF_VIEW (self));
  g_return_if_fail (session == NULL || ASSAY_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_object (session, "notify::replica", G_CALLBACK (session_notify_replica_cb), self,
                             G_CONNECT_SWAPPED);
}

void
assay_what_if_view_set_in_force (AssayWhatIfView *self,
                                 AssayRuleSet    *in_force)
{
  g_return_if_fail (ASSAY_IS_WHAT_IF_VIEW (self));

  if (self->in_force == in_force)
    return;
  g_set_object (&self->in_force, in_force);
  if (self->draft != NULL)
    compare (self);
}

/* ---- private API ------------------------------------------------------------ */

void
_assay_what_if_view_compare_file (AssayWhatIfView *self,
                                  const char      *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;

  g_return_if_fail (ASSAY_IS_WHAT_IF_VIEW (self));
  g_return_if_fail (path != NULL);

  g_free (self->draft_path);
  self->draft_path = g_strdup (path);
  g_clear_object (&self->draft);
  g_clear_pointer (&self->message, g_free);
  self->draft = assay_rule_set_new_from_file (path, &error);
  shown = g_strdup_printf (_("Draft: %s"), path);
  gtk_label_set_label (GTK_LABEL (self->draft_label), shown);
  gtk_widget_set_visible (self->draft_label, TRUE);
  if (self->draft == NULL)
    {
      /* The loader's message names the rule and the JSON path. */
      self->message = g_strdup_printf (_("The draft was refused: %s"), error->message);
    }
  compare (self);
}

const AssayWhatIf *
_assay_what_if_view_get_result (AssayWhatIfView *self)
{
  g_return_val_if_fail (ASSAY_IS_WHAT_IF_VIEW (self), NULL);

  return self->result;
}

gboolean
_assay_what_if_view_get_running (AssayWhatIfView *self)
{
  g_return_val_if_fail (ASSAY_IS_WHAT_IF_VIEW (self), FALSE);

  return self->running;
}

const char *
_assay_what_if_view_get_message (AssayWhatIfView *self)
{
  g_return_val_if_fail (ASSAY_IS_WHAT_IF_VIEW (self), NULL);

  return self->message;
}

AssayRuleSet *
_assay_what_if_view_get_draft (AssayWhatIfView *self)
{
  g_return_val_if_fail (ASSAY_IS_WHAT_IF_VIEW (self), NULL);

  return self->draft;
}

guint
_assay_what_if_view_get_n_rules (AssayWhatIfView *self)
{
  g_return_val_if_fail (ASSAY_IS_WHAT_IF_VIEW (self), 0);

  return self->n_rules;
}

GtkColumnView *
_assay_what_if_view_get_rules_view (AssayWhatIfView *self)
{
  g_return_val_if_fail (ASSAY_IS_WHAT_IF_VIEW (self), NULL);

  return self->rules_view;
}

GtkWidget *
_assay_what_if_view_open_flag (AssayWhatIfView *self,
                               AssayWhatIfKind  kind,
                               guint            index)
{
  GPtrArray *flags;

  g_return_val_if_fail (ASSAY_IS_WHAT_IF_VIEW (self), NULL);
  g_return_val_if_fail (self->result != NULL, NULL);

  flags = kind == ASSAY_WHAT_IF_ADDED ? self->result->added
        : kind == ASSAY_WHAT_IF_REMOVED ? self->result->removed
        : self->result->changed;
  g_return_val_if_fail (index < flags->len, NULL);
  return flag_dialog_new (GTK_WIDGET (self), kind, flags->pdata[index],
                          kind == ASSAY_WHAT_IF_CHANGED ? self->result->changed_from->pdata[index] : NULL,
                          self->result_in_force, self->result_draft);
}

guint
_assay_what_if_flag_dialog_get_n_trees (GtkWidget *dialog)
{
  g_return_val_if_fail (GTK_IS_WINDOW (dialog), 0);

  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "assay-n-trees"));
}
