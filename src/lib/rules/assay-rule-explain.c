/* assay-rule-explain.c — the evaluation tree of a stored flag, rebuilt from its features
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

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "assay-error.h"
#include "assay-rule-catalogue.h"
#include "assay-rule-explain.h"
#include "assay-rule-subjects-private.h"

/* One subject's columns: one element per feature. */
typedef struct
{
  AssayRuleColumn *columns;
  double          *numbers;
  guint8          *bools;
  const char     **strings;
  guint8          *missing;
} Row;

static void
row_clear (Row *row)
{
  g_free (row->columns);
  g_free (row->numbers);
  g_free (row->bools);
  g_free (row->strings);
  g_free (row->missing);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Row, row_clear)

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The flag belongs to `set` and to `rule_id`. */
static gboolean
check_identity (AssayRuleSet *set,
                const char   *rule_id,
                JsonObject   *flag,
                GError      **error)
{
  const char *sha256 = string_member (object_member (flag, "rule_set"), "sha256");
  const char *rule = string_member (flag, "rule");

  if (g_strcmp0 (sha256, assay_rule_set_get_sha256 (set)) != 0)
    {
      g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, assay_rule_set_get_version (set));

      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The flag was raised by another rule set (SHA-256 %s, not %s of “%s” version %s): "
                     "load that rule set to see its evaluation"),
                   sha256 != NULL ? sha256 : "—", assay_rule_set_get_sha256 (set),
                   assay_rule_set_get_name (set), version);
      return FALSE;
    }
  if (g_strcmp0 (rule, rule_id) != 0)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The flag was raised by rule “%s”, not “%s”"), rule != NULL ? rule : "—", rule_id);
      return FALSE;
    }
  if (assay_rule_set_lookup_rule (set, rule_id) == NULL)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The rule set “%s” has no rule “%s”"), assay_rule_set_get_name (set), rule_id);
      return FALSE;
    }
  return TRUE;
}

/* Element 0 of column `k` from the flag's value of feature `name`. */
static gboolean
read_feature (Row          *row,
              guint         k,
              const char   *name,
              JsonObject   *features,
              GError      **error)
{
  const AssayRuleFeature *feature = assay_rule_catalogue_lookup (name);
  AssayRuleColumn *c = &row->columns[k];
  JsonNode *node = features != NULL ? json_object_get_member (features, name) : NULL;
  GType type = node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  g_assert (feature != NULL);  /* the loader checked it */
  c->type = feature->type;
  c->numbers = &row->numbers[k];
  c->bools = &row->bools[k];
  c->strings = &row->strings[k];
  c->missing = &row->missing[k];
  if (node == NULL)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The flag does not record the feature “%s” that the rule reads"), name);
      return FALSE;
    }
  if (JSON_NODE_HOLDS_NULL (node))
    {
      row->missing[k] = TRUE;
      return TRUE;
    }
  if (feature->type == ASSAY_RULE_TYPE_NUMBER && (type == G_TYPE_DOUBLE || type == G_TYPE_INT64))
    row->numbers[k] = json_node_get_double (node);
  else if (feature->type == ASSAY_RULE_TYPE_BOOL && type == G_TYPE_BOOLEAN)
    row->bools[k] = json_node_get_boolean (node);
  else if (feature->type == ASSAY_RULE_TYPE_STRING && type == G_TYPE_STRING)
    row->strings[k] = json_node_get_string (node);
  else
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The flag records the feature “%s” as something other than a %s"),
                   name, assay_rule_type_to_string (feature->type));
      return FALSE;
    }
  return TRUE;
}

AssayRuleTraceNode *
assay_rule_explain_flag (AssayRuleSet  *set,
                         const char    *rule_id,
                         JsonObject    *flag,
                         guint         *out_n_nodes,
                         GError       **error)
{
  const AssayRule *rule;
  const AssayRuleCondition *cond;
  JsonObject *features;
  g_auto(Row) row = { NULL, };
  guint n;

  g_return_val_if_fail (ASSAY_IS_RULE_SET (set), NULL);
  g_return_val_if_fail (rule_id != NULL, NULL);
  g_return_val_if_fail (flag != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_identity (set, rule_id, flag, error))
    return NULL;
  rule = assay_rule_set_lookup_rule (set, rule_id);
  cond = assay_rule_get_condition (rule);
  features = object_member (flag, "features");
  n = assay_rule_condition_get_n_features (cond);
  row.columns = g_new0 (AssayRuleColumn, MAX (n, 1));
  row.numbers = g_new0 (double, MAX (n, 1));
  row.bools = g_new0 (guint8, MAX (n, 1));
  row.strings = g_new0 (const char *, MAX (n, 1));
  row.missing = g_new0 (guint8, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    if (!read_feature (&row, k, assay_rule_condition_get_feature (cond, k), features, error))
      return NULL;
  if (out_n_nodes != NULL)
    *out_n_nodes = assay_rule_condition_get_n_nodes (cond);
  return assay_rule_condition_trace (cond, row.columns, 0);
}

guint
assay_rule_explain_get_operands (const AssayRuleTraceNode *trace,
                                 guint                     n_nodes,
                                 guint                     i,
                                 guint                    *out_children,
                                 guint                     max)
{
  guint found = 0;

  g_return_val_if_fail (trace != NULL, 0);
  g_return_val_if_fail (i < n_nodes, 0);
  g_return_val_if_fail (out_children != NULL || max == 0, 0);

  for (guint j = i + 1; j < n_nodes && trace[j].depth > trace[i].depth; j++)
    if (trace[j].depth == trace[i].depth + 1)
      {
        if (found < max)
          out_children[found] = j;
        found++;
      }
  return found;
}

gboolean
assay_rule_explain_is_comparison (const char *label)
{
  return g_strcmp0 (label, ">") == 0 || g_strcmp0 (label, ">=") == 0 ||
         g_strcmp0 (label, "<") == 0 || g_strcmp0 (label, "<=") == 0;
}

gboolean
assay_rule_explain_get_margin (const AssayRuleTraceNode *trace,
                               guint                     n_nodes,
                               guint                     i,
                               double                   *out_margin)
{
  guint children[2];
  const AssayRuleValue *a, *b;

  g_return_val_if_fail (trace != NULL, FALSE);
  g_return_val_if_fail (i < n_nodes, FALSE);

  if (!assay_rule_explain_is_comparison (trace[i].label) ||
      trace[i].value.fault != ASSAY_RULE_FAULT_NONE || !trace[i].value.boolean ||
      assay_rule_explain_get_operands (trace, n_nodes, i, children, 2) != 2)
    return FALSE;
  a = &trace[children[0]].value;
  b = &trace[children[1]].value;
  if (a->fault != ASSAY_RULE_FAULT_NONE || b->fault != ASSAY_RULE_FAULT_NONE)
    return FALSE;
  if (out_margin != NULL)
    *out_margin = trace[i].label[0] == '>' ? a->number - b->number : b->number - a->number;
  return TRUE;
}

/* A value of the flag's JSON as the condition language's. */
static gboolean
json_value (JsonNode       *node,
            AssayRuleValue *out)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      *out = (AssayRuleValue) { ASSAY_RULE_TYPE_STRING, ASSAY_RULE_FAULT_NONE, 0, FALSE,
                                json_node_get_string (node) };
      return TRUE;
    case G_TYPE_BOOLEAN:
      *out = (AssayRuleValue) { ASSAY_RULE_TYPE_BOOL, ASSAY_RULE_FAULT_NONE, 0,
                                json_node_get_boolean (node), NULL };
      return TRUE;
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      *out = (AssayRuleValue) { ASSAY_RULE_TYPE_NUMBER, ASSAY_RULE_FAULT_NONE,
                                json_node_get_double (node), FALSE, NULL };
      return TRUE;
    default:
      return FALSE;
    }
}

typedef struct
{
  AssayRuleSet *set;
  JsonObject   *features;
} FlagValues;

static gboolean
lookup_flag_value (gpointer        data,
                   const char     *name,
                   AssayRuleValue *out)
{
  FlagValues *v = data;
  const AssayRuleValue *param;

  if (v->features != NULL && json_object_has_member (v->features, name))
    return json_value (json_object_get_member (v->features, name), out);
  param = assay_rule_set_lookup_parameter (v->set, name);
  if (param != NULL)
    *out = *param;
  return param != NULL;
}

char *
assay_rule_explain_flag_text (AssayRuleSet  *set,
                              JsonObject    *flag,
                              const char    *language,
                              GError       **error)
{
  const char *rule_id;
  FlagValues v;

  g_return_val_if_fail (ASSAY_IS_RULE_SET (set), NULL);
  g_return_val_if_fail (flag != NULL, NULL);

  rule_id = string_member (flag, "rule");
  if (rule_id == NULL || !check_identity (set, rule_id, flag, error))
    {
      if (rule_id == NULL)
        g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT, _("The flag names no rule"));
      return NULL;
    }
  v.set = set;
  v.features = object_member (flag, "features");
  return _assay_rule_fill_template (assay_rule_get_explain (assay_rule_set_lookup_rule (set, rule_id),
                                                            language),
                                    lookup_flag_value, &v);
}
