/* assay-weights-page.c — the Weights and Rules page: quarterly weights and rule-set versions
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

#include "assay-rule-flags.h"
#include "assay-rule-cases.h"
#include "assay-rule-what-if.h"
#include "assay-weights-page-private.h"
#include "assay-weights-view.h"
#include "assay-what-if-view.h"

/* The rule set in force, from the session's AssayRuleSetSource, as its
 * document says it: its identity and notes, the parameters, and the rules
 * grouped by article.  The page follows the source: a new set refills it;
 * a file that changed and was refused leaves the set in force on show
 * with a banner that says so; when no set was ever accepted, the loader's
 * message (which names the rule and the JSON path), never an empty page.
 * Under the set, the what-if comparison with a draft (AssayWhatIfView). */
struct _AssayWeightsPage
{
  AssayPage          parent_instance;

  GSignalGroup      *source_signals;
  AssayRuleSet      *rule_set;
  char              *error;
  GPtrArray         *rows;        /* what we added to the groups, to remove on reload */
  guint              n_articles;

  GtkInfoBar        *refused_bar;
  GtkLabel          *refused_label;
  AssayWhatIfView   *what_if_view;
  AssayWeightsView  *weights_view;
  AdwViewStack      *view_stack;
  GtkStack          *stack;
  AdwStatusPage     *error_page;
  GtkLabel          *error_path_label;
  AdwPreferencesGroup *set_group;
  AdwPreferencesGroup *parameters_group;
  GtkBox            *articles_box;
};

G_DEFINE_FINAL_TYPE (AssayWeightsPage, assay_weights_page, ASSAY_TYPE_PAGE)

static const char * const subject_labels[] = {
  N_("Account quarter"), N_("Account, 7-day window"), N_("County day"), N_("Lockstep ring"),
  N_("Account year"), N_("Pilot month"), N_("Filing"),
};
static const char * const action_labels[] = { N_("Review"), N_("Down-weight"), N_("Pause") };
static const char * const severity_labels[] = { N_("Low severity"), N_("Medium severity"),
                                                N_("High severity") };

G_STATIC_ASSERT (G_N_ELEMENTS (subject_labels) == ASSAY_N_RULE_SUBJECTS);

/* ---- rows --------------------------------------------------------------- */

static GtkWidget *
new_label (const char *text,
           const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static void
copy_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  const char *text = g_object_get_data (G_OBJECT (button), "assay-copy-text");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
}

/* A row with a small title over its value (which may be long: a SHA-256);
 * with `copy`, the value is selectable and has a copy button. */
static GtkWidget *
field_row (const char *title,
           const char *value,
           gboolean    copy)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *value_label = new_label (value, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (texts), new_label (title, "caption"));
  gtk_widget_add_css_class (gtk_widget_get_first_child (texts), "dim-label");
  gtk_box_append (GTK_BOX (texts), value_label);
  gtk_box_append (GTK_BOX (box), texts);
  if (copy)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");

      /* Selectable with the pointer; the keyboard has the copy button (a
       * focused selectable label would select itself whole on arrival). */
      gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
      gtk_widget_set_focusable (value_label, FALSE);
      gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_CHAR);
      gtk_widget_add_css_class (value_label, "monospace");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Copy"));
      g_object_set_data_full (G_OBJECT (button), "assay-copy-text", g_strdup (value), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (copy_clicked_cb), NULL);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

/* Notes behind an expander, so that a long quotation of the plan does not
 * push the rest down. */
static GtkWidget *
notes_expander (const char *notes)
{
  GtkWidget *expander = gtk_expander_new (_("Notes"));
  GtkWidget *label = new_label (notes, NULL);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 6);
  gtk_expander_set_child (GTK_EXPANDER (expander), label);
  return expander;
}

/* One rule: its id, what it is about and does, its explanation template
 * in the user's language, its notes. */
static GtkWidget *
rule_row (const AssayRule *rule)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *id = new_label (assay_rule_get_id (rule), "heading");
  g_autofree char *facts = g_strdup_printf ("%s · %s · %s",
                                            _(subject_labels[assay_rule_get_subject (rule)]),
                                            _(action_labels[assay_rule_get_action (rule)]),
                                            _(severity_labels[assay_rule_get_severity (rule)]));
  GtkWidget *facts_label = new_label (facts, "caption");
  GtkWidget *explain = new_label (assay_rule_get_explain (rule, assay_rule_flags_language ()), NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), assay_rule_get_id (rule));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_selectable (GTK_LABEL (id), TRUE);
  gtk_widget_add_css_class (facts_label, "dim-label");
  gtk_widget_set_tooltip_text (explain, _("The explanation a flag of this rule gives, before its values are filled in"));
  gtk_box_append (GTK_BOX (box), id);
  gtk_box_append (GTK_BOX (box), facts_label);
  gtk_box_append (GTK_BOX (box), explain);
  if (assay_rule_get_notes (rule) != NULL)
    gtk_box_append (GTK_BOX (box), notes_expander (assay_rule_get_notes (rule)));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static char *
format_parameter (const AssayRuleValue *v)
{
  if (v->type == ASSAY_RULE_TYPE_NUMBER)
    return g_strdup_printf ("%.15g", v->number);
  return assay_rule_value_format (v);
}

/* ---- filling the page ------------------------------------------------------ */

static void
add_to_group (AssayWeightsPage    *self,
              AdwPreferencesGroup *group,
              GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static void
clear (AssayWeightsPage *self)
{
  GtkWidget *child;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = self->rows->pdata[i];
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->articles_box))) != NULL)
    gtk_box_remove (self->articles_box, child);
  self->n_articles = 0;
}

static void
fill_set (AssayWeightsPage *self)
{
  AssayRuleSet *set = self->rule_set;
  g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, assay_rule_set_get_version (set));

  add_to_group (self, self->set_group, field_row (_("Name"), assay_rule_set_get_name (set), FALSE));
  add_to_group (self, self->set_group, field_row (_("Version"), version, FALSE));
  add_to_group (self, self->set_group, field_row (_("Effective from"), assay_rule_set_get_effective (set), FALSE));
  add_to_group (self, self->set_group, field_row (_("SHA-256 (the rule set's id)"),
                                                  assay_rule_set_get_sha256 (set), TRUE));
  if (assay_rule_set_get_notes (set) != NULL)
    {
      GtkWidget *row = adw_preferences_row_new ();
      GtkWidget *expander = notes_expander (assay_rule_set_get_notes (set));

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Notes"));
      gtk_widget_set_margin_top (expander, 10);
      gtk_widget_set_margin_bottom (expander, 10);
      gtk_widget_set_margin_start (expander, 12);
      gtk_widget_set_margin_end (expander, 12);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), expander);
      add_to_group (self, self->set_group, row);
    }
}

static void
fill_parameters (AssayWeightsPage *self)
{
  AssayRuleSet *set = self->rule_set;

  for (guint i = 0; i < assay_rule_set_get_n_parameters (set); i++)
    {
      const char *name = assay_rule_set_get_parameter_name (set, i);
      g_autofree char *value = format_parameter (assay_rule_set_lookup_parameter (set, name));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (value);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      add_to_group (self, self->parameters_group, row);
    }
}

/* One group per article, in the order the articles first appear. */
static void
fill_articles (AssayWeightsPage *self)
{
  AssayRuleSet *set = self->rule_set;
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < assay_rule_set_get_n_rules (set); i++)
    {
      const AssayRule *rule = assay_rule_set_get_rule (set, i);
      const char *article = assay_rule_get_article (rule);
      GtkWidget *group = g_hash_table_lookup (groups, article);

      if (group == NULL)
        {
          g_autofree char *title = g_strdup_printf (_("Article %s"), article);

          group = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
          gtk_box_append (self->articles_box, group);
          g_hash_table_insert (groups, (gpointer) article, group);
          self->n_articles++;
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), rule_row (rule));
    }
}

/* ---- following the source --------------------------------------------------- */

static AssayRuleSetSource *
get_source (AssayWeightsPage *self)
{
  return assay_session_get_rule_set_source (assay_page_get_session (ASSAY_PAGE (self)));
}

/* A loader message as the middle of a sentence: without its final stop. */
static char *
strip_stop (const char *message)
{
  char *text = g_strdup (message);
  gsize len = strlen (text);

  for (;;)
    {
      if (len > 0 && (text[len - 1] == '.' || text[len - 1] == ' '))
        text[--len] = '\0';
      else if (len >= 3 && g_str_has_suffix (text, "。"))
        text[len -= 3] = '\0';
      else
        return text;
    }
}

static void
update_error (AssayWeightsPage *self)
{
  AssayRuleSetSource *source = get_source (self);
  const GError *error = assay_rule_set_source_get_error (source);

  g_clear_pointer (&self->error, g_free);
  if (error != NULL)
    self->error = g_strdup (error->message);
  if (self->rule_set == NULL)
    {
      g_autofree char *where = g_strdup_printf (_("File: %s"), assay_rule_set_source_get_path (source));

      adw_status_page_set_description (self->error_page, error != NULL ? error->message : NULL);
      gtk_label_set_label (self->error_path_label, where);
      gtk_info_bar_set_revealed (self->refused_bar, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  if (error != NULL)
    {
      g_autofree char *message = strip_stop (error->message);
      g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  assay_rule_set_get_version (self->rule_set));
      g_autofree char *text = NULL;

      /* Translators: the loader's message, then the set in force's name and version. */
      text = g_strdup_printf (_("The rule set file changed but was refused: %s. The set in force is still %s version %s."),
                              message, assay_rule_set_get_name (self->rule_set), version);
      gtk_label_set_label (self->refused_label, text);
    }
  gtk_info_bar_set_revealed (self->refused_bar, error != NULL);
  gtk_stack_set_visible_child_name (self->stack, "rules");
}

static void
refill (AssayWeightsPage *self)
{
  AssayRuleSet *set = assay_rule_set_source_get_rule_set (get_source (self));

  if (set == self->rule_set && set != NULL)
    {
      update_error (self);
      return;
    }
  clear (self);
  g_set_object (&self->rule_set, set);
  if (self->rule_set != NULL)
    {
      fill_set (self);
      fill_parameters (self);
      fill_articles (self);
    }
  assay_what_if_view_set_in_force (self->what_if_view, self->rule_set);
  update_error (self);
}

static void
source_notify_cb (AssayWeightsPage *self)
{
  refill (self);
}

static void
session_notify_rule_set_source_cb (AssayWeightsPage *self)
{
  g_signal_group_set_target (self->source_signals, get_source (self));
  refill (self);
}

/* ---- overrides ------------------------------------------------------------ */

static void
assay_weights_page_dispose (GObject *object)
{
  AssayWeightsPage *self = ASSAY_WEIGHTS_PAGE (object);

  /* The template's top widget is bound; AdwBin must let go of it before
   * the template drops it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), ASSAY_TYPE_WEIGHTS_PAGE);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->source_signals);
  g_clear_object (&self->rule_set);

  G_OBJECT_CLASS (assay_weights_page_parent_class)->dispose (object);
}

static void
assay_weights_page_finalize (GObject *object)
{
  AssayWeightsPage *self = ASSAY_WEIGHTS_PAGE (object);

  g_free (self->error);

  G_OBJECT_CLASS (assay_weights_page_parent_class)->finalize (object);
}

static void
assay_weights_page_constructed (GObject *object)
{
  AssayWeightsPage *self = ASSAY_WEIGHTS_PAGE (object);
  AssaySession *session = assay_page_get_session (ASSAY_PAGE (self));

  G_OBJECT_CLASS (assay_weights_page_parent_class)->constructed (object);

  assay_what_if_view_set_session (self->what_if_view, session);
  assay_weights_view_set_session (self->weights_view, session);
  g_signal_connect_object (session, "notify::rule-set-source",
                           G_CALLBACK (session_notify_rule_set_source_cb), self, G_CONNECT_SWAPPED);
  session_notify_rule_set_source_cb (self);
}

static void
assay_weights_page_class_init (AssayWeightsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = assay_weights_page_constructed;
  object_class->dispose = assay_weights_page_dispose;
  object_class->finalize = assay_weights_page_finalize;

  g_type_ensure (ASSAY_TYPE_WHAT_IF_VIEW);
  g_type_ensure (ASSAY_TYPE_WEIGHTS_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/assay/Assay/ui/assay-weights-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsPage, refused_bar);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsPage, refused_label);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsPage, what_if_view);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsPage, weights_view);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsPage, error_path_label);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsPage, set_group);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsPage, parameters_group);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsPage, articles_box);
}

static void
assay_weights_page_init (AssayWeightsPage *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->source_signals = g_signal_group_new (ASSAY_TYPE_RULE_SET_SOURCE);
  g_signal_group_connect_swapped (self->source_signals, "notify::rule-set",
                                  G_CALLBACK (source_notify_cb), self);
  g_signal_group_connect_swapped (self->source_signals, "notify::error",
                                  G_CALLBACK (source_notify_cb), self);
}

/* ---- private API ------------------------------------------------------------ */

AssayRuleSet *
_assay_weights_page_get_rule_set (AssayWeightsPage *self)
{
  g_return_val_if_fail (ASSAY_IS_WEIGHTS_PAGE (self), NULL);

  return self->rule_set;
}

const char *
_assay_weights_page_get_error (AssayWeightsPage *self)
{
  g_return_val_if_fail (ASSAY_IS_WEIGHTS_PAGE (self), NULL);

  return self->error;
}

const char *
_assay_weights_page_get_visible (AssayWeightsPage *self)
{
  g_return_val_if_fail (ASSAY_IS_WEIGHTS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

guint
_assay_weights_page_get_n_articles (AssayWeightsPage *self)
{
  g_return_val_if_fail (ASSAY_IS_WEIGHTS_PAGE (self), 0);

  return self->n_articles;
}

gboolean
_assay_weights_page_get_refused_visible (AssayWeightsPage *self)
{
  g_return_val_if_fail (ASSAY_IS_WEIGHTS_PAGE (self), FALSE);

  return gtk_info_bar_get_revealed (self->refused_bar);
}

const char *
_assay_weights_page_get_refused_text (AssayWeightsPage *self)
{
  g_return_val_if_fail (ASSAY_IS_WEIGHTS_PAGE (self), NULL);

  return gtk_label_get_label (self->refused_label);
}

AssayWhatIfView *
_assay_weights_page_get_what_if_view (AssayWeightsPage *self)
{
  g_return_val_if_fail (ASSAY_IS_WEIGHTS_PAGE (self), NULL);

  return self->what_if_view;
}

AssayWeightsView *
_assay_weights_page_get_weights_view (AssayWeightsPage *self)
{
  g_return_val_if_fail (ASSAY_IS_WEIGHTS_PAGE (self), NULL);

  return self->weights_view;
}

void
_assay_weights_page_show_tab (AssayWeightsPage *self,
                              const char       *name)
{
  g_return_if_fail (ASSAY_IS_WEIGHTS_PAGE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}
