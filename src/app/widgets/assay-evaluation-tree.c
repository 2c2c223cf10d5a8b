/* assay-evaluation-tree.c — the evaluation tree of a flag: every node of the rule's condition with its value
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
#include <string.h>

#include "assay-entry.h"
#include "assay-evaluation-tree-private.h"
#include "assay-format.h"
#include "assay-rule-catalogue.h"
#include "assay-rule-explain.h"

#define INDENT      16  /* pixels per level */
#define MAX_INDENT  6   /* levels indented; deeper ones line up (360 px) */

typedef struct
{
  char *label;
  char *value;
  char *detail;    /* NULL but for comparisons */
} Row;

struct _AssayEvaluationTree
{
  AdwBin      parent_instance;

  GArray     *rows;          /* Row, one per node */
  int         highlighted;

  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (AssayEvaluationTree, assay_evaluation_tree, ADW_TYPE_BIN)

/* Operators as a reader says them. */
static const struct
{
  const char *op;
  const char *label;
} operator_labels[] = {
  { "and", N_("All of") }, { "or", N_("Any of") }, { "not", N_("Not") },
  { "between", N_("Between") }, { "in", N_("One of") }, { "if", N_("If") },
  { "==", "=" }, { "!=", "≠" }, { "<", "<" }, { "<=", "≤" }, { ">", ">" }, { ">=", "≥" },
  { "+", "+" }, { "-", "−" }, { "*", "×" }, { "/", "÷" },
};

/* ---- text --------------------------------------------------------------- */

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->label);
  g_free (row->value);
  g_free (row->detail);
}

static const char *
operator_label (const char *op)
{
  for (guint i = 0; i < G_N_ELEMENTS (operator_labels); i++)
    if (strcmp (operator_labels[i].op, op) == 0)
      return g_dgettext (GETTEXT_PACKAGE, operator_labels[i].label);
  return NULL;
}

/* What a reader calls a node: a feature or parameter by its name, an
 * operator by its word or sign, a constant as written. */
static const char *
node_name (const AssayRuleTraceNode *node)
{
  const char *op;

  if (g_str_has_prefix (node->label, "param "))
    return node->label + strlen ("param ");
  op = operator_label (node->label);
  return op != NULL ? op : node->label;
}

/* Shares and similarities, ratios from 0 to 1, read best as percentages;
 * other ratios (a modified z-score) do not. */
static gboolean
is_fraction_feature (const char *name)
{
  const AssayRuleFeature *feature = assay_rule_catalogue_lookup (name);

  return feature != NULL && g_strcmp0 (feature->unit, "ratio") == 0 &&
         (strstr (name, "share") != NULL || strstr (name, "jaccard") != NULL);
}

/* percent[i]: node i is shown as a percentage: a fraction feature, and
 * what an operator puts beside one (the limit it is compared with). */
static gboolean *
find_percentages (const AssayRuleTraceNode *trace,
                  guint                     n)
{
  gboolean *percent = g_new0 (gboolean, n);

  for (guint i = 0; i < n; i++)
    percent[i] = trace[i].value.type == ASSAY_RULE_TYPE_NUMBER && is_fraction_feature (trace[i].label);
  for (guint i = n; i-- > 0;)
    {
      g_autofree guint *children = g_new (guint, n);
      guint m = assay_rule_explain_get_operands (trace, n, i, children, n);
      gboolean any = FALSE;

      if (trace[i].value.type != ASSAY_RULE_TYPE_NUMBER && !assay_rule_explain_is_comparison (trace[i].label) &&
          g_strcmp0 (trace[i].label, "between") != 0)
        continue;
      for (guint k = 0; k < m; k++)
        any |= percent[children[k]];
      if (!any)
        continue;
      for (guint k = 0; k < m; k++)
        percent[children[k]] = trace[children[k]].value.type == ASSAY_RULE_TYPE_NUMBER;
      /* Sums and differences of fractions are fractions. */
      percent[i] = trace[i].value.type == ASSAY_RULE_TYPE_NUMBER &&
                   (strcmp (trace[i].label, "+") == 0 || strcmp (trace[i].label, "-") == 0);
    }
  return percent;
}

static char *
format_plain (double value)
{
  if (value == floor (value) && fabs (value) < 1e15)
    return assay_format_count ((gint64) value);
  return g_strdup_printf ("%.6g", value);
}

static char *
format_value (const AssayRuleValue *v,
              gboolean              percent)
{
  switch (v->fault)
    {
    case ASSAY_RULE_FAULT_MISSING:
      return g_strdup (_("missing"));
    case ASSAY_RULE_FAULT_DIVISION_BY_ZERO:
      return g_strdup (_("division by zero"));
    case ASSAY_RULE_FAULT_OVERFLOW:
      return g_strdup (_("overflow"));
    case ASSAY_RULE_FAULT_NONE:
    default:
      break;
    }
  switch (v->type)
    {
    case ASSAY_RULE_TYPE_BOOL:
      return g_strdup (v->boolean ? _("holds") : _("does not hold"));
    case ASSAY_RULE_TYPE_STRING:
      return g_strdup_printf ("“%s”", v->string);
    case ASSAY_RULE_TYPE_NUMBER:
    default:
      return percent ? assay_format_percent (v->number) : format_plain (v->number);
    }
}

/* A dimension feature by the dimension's label in the user's language,
 * as the flag's explanation writes it. */
static char *
format_node_value (const AssayRuleTraceNode *node,
                   gboolean                  percent)
{
  AssayDimension d;

  if (node->value.fault == ASSAY_RULE_FAULT_NONE && node->value.type == ASSAY_RULE_TYPE_STRING &&
      g_str_has_suffix (node->label, "max_dimension") && assay_dimension_from_id (node->value.string, &d))
    return g_strdup (assay_dimension_get_label (d));
  return format_value (&node->value, percent);
}

static char *
format_margin (double   margin,
               gboolean percent)
{
  g_autofree char *number = NULL;

  if (percent)
    /* Translators: a difference of two percentages, "1.0 percentage points". */
    return g_strdup_printf (_("%.1f percentage points"), margin * 100);
  number = format_plain (margin);
  return g_strdup (number);
}

/* Under a comparison: "x against a threshold of t: margin m". */
static char *
comparison_detail (const AssayRuleTraceNode *trace,
                   guint                     n,
                   guint                     i,
                   const gboolean           *percent)
{
  guint children[2];
  g_autofree char *x = NULL, *limit = NULL, *margin_text = NULL;
  double margin;

  if (assay_rule_explain_get_operands (trace, n, i, children, 2) != 2)
    return NULL;
  x = format_value (&trace[children[0]].value, percent[children[0]]);
  limit = format_value (&trace[children[1]].value, percent[children[1]]);
  if (assay_rule_explain_get_margin (trace, n, i, &margin))
    {
      margin_text = format_margin (margin, percent[children[0]]);
      /* Translators: the two sides of a comparison that held and by how much. */
      return g_strdup_printf (_("%s against a threshold of %s: margin %s"), x, limit, margin_text);
    }
  if (trace[i].value.fault != ASSAY_RULE_FAULT_NONE)
    /* Translators: a comparison that could not be made (an operand is missing). */
    return g_strdup_printf (_("%s against a threshold of %s: cannot be compared"), x, limit);
  return g_strdup_printf (_("%s against a threshold of %s: does not hold"), x, limit);
}

/* A comparison says what it compares: "quarter.max_share > concentration_share". */
static char *
row_label (const AssayRuleTraceNode *trace,
           guint                     n,
           guint                     i)
{
  guint children[2];

  if ((assay_rule_explain_is_comparison (trace[i].label) || strcmp (trace[i].label, "==") == 0 ||
       strcmp (trace[i].label, "!=") == 0) &&
      assay_rule_explain_get_operands (trace, n, i, children, 2) == 2)
    return g_strdup_printf ("%s %s %s", node_name (&trace[children[0]]), node_name (&trace[i]),
                            node_name (&trace[children[1]]));
  return g_strdup (node_name (&trace[i]));
}

/* ---- widgets ------------------------------------------------------------- */

static GtkWidget *
new_label (const char *text,
           float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  return label;
}

static GtkWidget *
row_widget (const AssayRuleTraceNode *node,
            const Row                *row,
            gboolean                  highlighted)
{
  GtkWidget *list_row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = new_label (row->label, 0);
  GtkWidget *value = new_label (row->value, 1);
  const AssayRuleFeature *feature = assay_rule_catalogue_lookup (node->label);
  guint indent = MIN (node->depth - 1, MAX_INDENT) * INDENT;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12 + indent);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_hexpand (label, TRUE);
  /* The name wraps; the value keeps its natural width. */
  gtk_label_set_wrap (GTK_LABEL (value), FALSE);
  gtk_widget_set_valign (value, GTK_ALIGN_START);
  gtk_widget_add_css_class (value, "numeric");
  if (feature != NULL)
    gtk_widget_set_tooltip_text (label, assay_rule_feature_get_definition (feature));
  else if (g_str_has_prefix (node->label, "param "))
    gtk_widget_set_tooltip_text (label, _("A parameter of the rule set"));
  if (node->depth == 1)
    gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (line), label);
  gtk_box_append (GTK_BOX (line), value);
  gtk_box_append (GTK_BOX (texts), line);
  gtk_widget_set_hexpand (texts, TRUE);
  if (row->detail != NULL)
    {
      GtkWidget *detail = new_label (row->detail, 0);

      gtk_widget_add_css_class (detail, "caption");
      gtk_widget_add_css_class (detail, "dim-label");
      gtk_box_append (GTK_BOX (texts), detail);
    }
  if (highlighted)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-important-symbolic");
      GtkWidget *note = new_label (_("Closest to failing of the comparisons that held"), 0);

      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_widget_add_css_class (icon, "accent");
      gtk_widget_add_css_class (label, "accent");
      gtk_widget_add_css_class (value, "accent");
      gtk_widget_add_css_class (note, "caption");
      gtk_widget_add_css_class (note, "accent");
      gtk_box_append (GTK_BOX (texts), note);
      gtk_box_append (GTK_BOX (box), icon);
    }
  gtk_box_append (GTK_BOX (box), texts);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
  return list_row;
}

static void
clear (AssayEvaluationTree *self)
{
  GtkWidget *child;

  g_array_set_size (self->rows, 0);
  self->highlighted = -1;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

/* ---- overrides ------------------------------------------------------------ */

static void
assay_evaluation_tree_dispose (GObject *object)
{
  AssayEvaluationTree *self = ASSAY_EVALUATION_TREE (object);

  /* The template's top widget is bound; AdwBin must let go of it before
   * the template drops it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), ASSAY_TYPE_EVALUATION_TREE);
  g_clear_pointer (&self->rows, g_array_unref);

  G_OBJECT_CLASS (assay_evaluation_tree_parent_class)->dispose (object);
}

static void
assay_evaluation_tree_class_init (AssayEvaluationTreeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = assay_evaluation_tree_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/assay/Assay/ui/assay-evaluation-tree.ui");
  gtk_widget_class_bind_template_child (widget_class, AssayEvaluationTree, list);
}

static void
assay_evaluation_tree_init (AssayEvaluationTree *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);
  self->highlighted = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---- public API ------------------------------------------------------------- */

GtkWidget *
assay_evaluation_tree_new (void)
{
  return g_object_new (ASSAY_TYPE_EVALUATION_TREE, NULL);
}

void
assay_evaluation_tree_set_trace (AssayEvaluationTree      *self,
                                 const AssayRuleTraceNode *trace,
                                 guint                     n_nodes,
                                 const char               *margin_path)
{
  g_autofree gboolean *percent = NULL;

  g_return_if_fail (ASSAY_IS_EVALUATION_TREE (self));
  g_return_if_fail (trace != NULL || n_nodes == 0);

  clear (self);
  if (n_nodes == 0)
    return;
  percent = find_percentages (trace, n_nodes);
  for (guint i = 0; i < n_nodes; i++)
    {
      Row row = { row_label (trace, n_nodes, i), format_node_value (&trace[i], percent[i]), NULL };
      /* Only a comparison that held has a margin to stand out with. */
      gboolean highlighted = margin_path != NULL && g_strcmp0 (trace[i].path, margin_path) == 0 &&
                             assay_rule_explain_get_margin (trace, n_nodes, i, NULL);

      if (assay_rule_explain_is_comparison (trace[i].label))
        row.detail = comparison_detail (trace, n_nodes, i, percent);
      g_array_append_val (self->rows, row);
      if (highlighted)
        self->highlighted = i;
      gtk_list_box_append (self->list, row_widget (&trace[i], &row, highlighted));
    }
}

gboolean
assay_evaluation_tree_set_flag (AssayEvaluationTree  *self,
                                AssayRuleSet         *set,
                                JsonObject           *flag,
                                GError              **error)
{
  g_autofree AssayRuleTraceNode *trace = NULL;
  JsonNode *rule = NULL, *margin = NULL, *path = NULL;
  guint n = 0;

  g_return_val_if_fail (ASSAY_IS_EVALUATION_TREE (self), FALSE);
  g_return_val_if_fail (ASSAY_IS_RULE_SET (set), FALSE);
  g_return_val_if_fail (flag != NULL, FALSE);

  clear (self);
  rule = json_object_get_member (flag, "rule");
  trace = assay_rule_explain_flag (set, rule != NULL && JSON_NODE_HOLDS_VALUE (rule) &&
                                        json_node_get_value_type (rule) == G_TYPE_STRING
                                        ? json_node_get_string (rule) : "",
                                   flag, &n, error);
  if (trace == NULL)
    return FALSE;
  margin = json_object_get_member (flag, "margin");
  if (margin != NULL && JSON_NODE_HOLDS_OBJECT (margin))
    path = json_object_get_member (json_node_get_object (margin), "path");
  assay_evaluation_tree_set_trace (self, trace, n,
                                   path != NULL && JSON_NODE_HOLDS_VALUE (path) &&
                                   json_node_get_value_type (path) == G_TYPE_STRING
                                   ? json_node_get_string (path) : NULL);
  return TRUE;
}

/* ---- private API ------------------------------------------------------------- */

guint
_assay_evaluation_tree_get_n_rows (AssayEvaluationTree *self)
{
  g_return_val_if_fail (ASSAY_IS_EVALUATION_TREE (self), 0);

  return self->rows->len;
}

static const Row *
get_row (AssayEvaluationTree *self,
         guint                row)
{
  return row < self->rows->len ? &g_array_index (self->rows, Row, row) : NULL;
}

const char *
_assay_evaluation_tree_get_label (AssayEvaluationTree *self,
                                  guint                row)
{
  g_return_val_if_fail (ASSAY_IS_EVALUATION_TREE (self), NULL);

  return get_row (self, row) != NULL ? get_row (self, row)->label : NULL;
}

const char *
_assay_evaluation_tree_get_value (AssayEvaluationTree *self,
                                  guint                row)
{
  g_return_val_if_fail (ASSAY_IS_EVALUATION_TREE (self), NULL);

  return get_row (self, row) != NULL ? get_row (self, row)->value : NULL;
}

const char *
_assay_evaluation_tree_get_detail (AssayEvaluationTree *self,
                                   guint                row)
{
  g_return_val_if_fail (ASSAY_IS_EVALUATION_TREE (self), NULL);

  return get_row (self, row) != NULL ? get_row (self, row)->detail : NULL;
}

int
_assay_evaluation_tree_get_highlighted (AssayEvaluationTree *self)
{
  g_return_val_if_fail (ASSAY_IS_EVALUATION_TREE (self), -1);

  return self->highlighted;
}
