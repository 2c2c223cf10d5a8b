/* assay-rule-flags.c — flags: what a rule set finds in the replica, with its reasons
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

#include <math.h>
#include <string.h>

#include "assay-day.h"
#include "assay-entry.h"
#include "assay-enum.h"
#include "assay-replica-features.h"
#include "assay-rule-flags.h"
#include "assay-rules-enums.h"

#define DIMENSION_PREFIX "quarter.share."
#define PREVIOUS_DIMENSION_PREFIX "quarter.previous.share."

static void
clear_value (gpointer data)
{
  g_free (((AssayRuleFlagValue *) data)->name);
}

void
assay_rule_flag_free (AssayRuleFlag *flag)
{
  if (flag == NULL)
    return;
  g_free (flag->rule_set_sha256);
  g_free (flag->rule_set_name);
  g_free (flag->rule);
  g_free (flag->article);
  g_free (flag->subject_kind);
  g_free (flag->subject_id);
  g_clear_pointer (&flag->features, g_array_unref);
  g_clear_pointer (&flag->parameters, g_array_unref);
  g_free (flag->margin_path);
  g_clear_pointer (&flag->entries, g_array_unref);
  g_free (flag->explanation);
  g_free (flag);
}

void
assay_rule_flag_compute_id (const char *rule_set_sha256,
                            const char *rule,
                            const char *subject_kind,
                            const char *subject_id,
                            guint32     from,
                            guint32     to,
                            char        out_id[65])
{
  g_autofree char *first = assay_day_format (from);
  g_autofree char *last = assay_day_format (to);
  g_autofree char *bytes = g_strjoin ("\n", rule_set_sha256, rule, subject_kind, subject_id,
                                      first, last, NULL);
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA256, bytes, -1);

  memcpy (out_id, hex, 65);
}

const char *
assay_rule_flags_language (void)
{
  const char * const *names = g_get_language_names ();

  /* The first preference decides; "zh" alone is taken as Simplified. */
  if (names[0] != NULL &&
      (g_str_has_prefix (names[0], "zh_CN") || g_str_has_prefix (names[0], "zh_SG") ||
       strcmp (names[0], "zh") == 0))
    return "zh_CN";
  return "en";
}

/* ---- the features as columns ------------------------------------------- */

static gboolean
dimension_column (const char *name,
                  const char *prefix,
                  double     *const *shares,
                  AssayRuleColumn *out)
{
  AssayDimension d;

  if (!g_str_has_prefix (name, prefix) || !assay_dimension_from_id (name + strlen (prefix), &d))
    return FALSE;
  out->type = ASSAY_RULE_TYPE_NUMBER;
  out->numbers = shares[d];
  return TRUE;
}

/* The column of `f` that holds the catalogue feature `name`. */
static gboolean
quarter_column (const AssayQuarterFeatures *f,
                const char                 *name,
                AssayRuleColumn            *out)
{
  memset (out, 0, sizeof *out);
  out->type = ASSAY_RULE_TYPE_NUMBER;
  if (strcmp (name, "quarter.total") == 0)
    out->numbers = f->total;
  else if (strcmp (name, "quarter.max_share") == 0)
    out->numbers = f->max_share;
  else if (strcmp (name, "quarter.previous.total") == 0)
    out->numbers = f->previous_total;
  else if (strcmp (name, "quarter.previous.max_share") == 0)
    out->numbers = f->previous_max_share;
  else if (strcmp (name, "quarter.max_dimension") == 0)
    out->type = ASSAY_RULE_TYPE_STRING, out->strings = f->max_dimension;
  else if (strcmp (name, "quarter.previous.max_dimension") == 0)
    out->type = ASSAY_RULE_TYPE_STRING, out->strings = f->previous_max_dimension;
  else
    return dimension_column (name, DIMENSION_PREFIX, f->share, out) ||
           dimension_column (name, PREVIOUS_DIMENSION_PREFIX, f->previous_share, out);
  return TRUE;
}

/* ---- one flag ----------------------------------------------------------- */

static AssayRuleValue
column_value (const AssayRuleColumn *c,
              gsize                  i)
{
  AssayRuleValue v = { c->type, ASSAY_RULE_FAULT_NONE, 0, FALSE, NULL };

  if (c->type == ASSAY_RULE_TYPE_STRING)
    {
      v.string = c->strings[i];
      if (v.string == NULL)
        v.fault = ASSAY_RULE_FAULT_MISSING;
    }
  else
    {
      v.number = c->numbers[i];
      if (isnan (v.number))
        v.fault = ASSAY_RULE_FAULT_MISSING;
    }
  return v;
}

static char *
format_value (const AssayRuleValue *v,
              gboolean              percent)
{
  if (v->fault != ASSAY_RULE_FAULT_NONE)
    return g_strdup ("—");
  switch (v->type)
    {
    case ASSAY_RULE_TYPE_STRING:
      return g_strdup (v->string);
    case ASSAY_RULE_TYPE_BOOL:
      return g_strdup (v->boolean ? "true" : "false");
    case ASSAY_RULE_TYPE_NUMBER:
    default:
      if (percent)
        return g_strdup_printf ("%.1f%%", v->number * 100);
      if (v->number == floor (v->number) && fabs (v->number) < 1e15)
        return g_strdup_printf ("%.0f", v->number);
      return g_strdup_printf ("%g", v->number);
    }
}

/* A template may name a feature the condition does not read (the
 * dimension beside a share): it comes from the same columns. */
static gboolean
lookup_value (const AssayQuarterFeatures *f,
              gsize                       i,
              AssayRuleSet               *set,
              const char                 *name,
              AssayRuleValue             *out)
{
  AssayRuleColumn column;
  const AssayRuleValue *param;

  if (quarter_column (f, name, &column))
    {
      *out = column_value (&column, i);
      return TRUE;
    }
  param = assay_rule_set_lookup_parameter (set, name);
  if (param != NULL)
    *out = *param;
  return param != NULL;
}

/* Dimension ids are shown by their label in the user's language. */
static char *
format_template_value (const char           *name,
                       const AssayRuleValue *v,
                       gboolean              percent)
{
  AssayDimension d;

  if (v->fault == ASSAY_RULE_FAULT_NONE && v->type == ASSAY_RULE_TYPE_STRING &&
      g_str_has_suffix (name, "max_dimension") && assay_dimension_from_id (v->string, &d))
    return g_strdup (assay_dimension_get_label (d));
  return format_value (v, percent);
}

/* Fills the rule's template: {NAME} or {NAME:%} (the loader checked that
 * each NAME is a feature of the subject or a parameter). */
static char *
explain (const AssayQuarterFeatures *f,
         gsize                       i,
         AssayRuleSet               *set,
         const char                 *template)
{
  GString *out = g_string_new (NULL);
  const char *p = template;

  while (*p != '\0')
    {
      const char *close = *p == '{' ? strchr (p, '}') : NULL;
      g_autofree char *name = NULL;
      g_autofree char *text = NULL;
      AssayRuleValue v = { ASSAY_RULE_TYPE_NUMBER, ASSAY_RULE_FAULT_MISSING, 0, FALSE, NULL };
      gboolean percent;

      if (close == NULL)
        {
          g_string_append_c (out, *p++);
          continue;
        }
      name = g_strndup (p + 1, close - p - 1);
      percent = g_str_has_suffix (name, ":%");
      if (percent)
        name[strlen (name) - 2] = '\0';
      lookup_value (f, i, set, name, &v);
      text = format_template_value (name, &v, percent);
      g_string_append (out, text);
      p = close + 1;
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_comparison (const char *label)
{
  return g_strcmp0 (label, ">") == 0 || g_strcmp0 (label, ">=") == 0 ||
         g_strcmp0 (label, "<") == 0 || g_strcmp0 (label, "<=") == 0;
}

/* The trace is in pre-order: a node's operands are the following nodes one
 * level deeper, up to the next node at its own level or above. */
static gboolean
operands (const AssayRuleTraceNode *trace,
          guint                     n,
          guint                     i,
          const AssayRuleValue    **a,
          const AssayRuleValue    **b)
{
  guint found = 0;

  for (guint j = i + 1; j < n && trace[j].depth > trace[i].depth; j++)
    if (trace[j].depth == trace[i].depth + 1)
      {
        if (found == 0)
          *a = &trace[j].value;
        else
          *b = &trace[j].value;
        found++;
      }
  return found == 2;
}

/* The margin: of the comparisons that held, the one closest to failing
 * (for x > limit, x − limit; for x < limit, limit − x).  The parameters:
 * every "param NAME" node, once each. */
static void
read_trace (AssayRuleFlag            *flag,
            AssayRuleSet             *set,
            const AssayRuleTraceNode *trace,
            guint                     n)
{
  flag->margin = NAN;
  for (guint i = 0; i < n; i++)
    {
      const AssayRuleValue *a = NULL, *b = NULL;

      if (g_str_has_prefix (trace[i].label, "param "))
        {
          const char *name = trace[i].label + strlen ("param ");
          gboolean seen = FALSE;

          for (guint k = 0; k < flag->parameters->len && !seen; k++)
            seen = strcmp (g_array_index (flag->parameters, AssayRuleFlagValue, k).name, name) == 0;
          if (!seen)
            {
              AssayRuleFlagValue v = { g_strdup (name), *assay_rule_set_lookup_parameter (set, name) };

              g_array_append_val (flag->parameters, v);
            }
        }
      if (is_comparison (trace[i].label) && trace[i].value.fault == ASSAY_RULE_FAULT_NONE &&
          trace[i].value.boolean && operands (trace, n, i, &a, &b) &&
          a->fault == ASSAY_RULE_FAULT_NONE && b->fault == ASSAY_RULE_FAULT_NONE)
        {
          double m = trace[i].label[0] == '>' ? a->number - b->number : b->number - a->number;

          if (isnan (flag->margin) || m < flag->margin)
            {
              flag->margin = m;
              g_free (flag->margin_path);
              flag->margin_path = g_strdup (trace[i].path);
            }
        }
    }
}

static GArray *
new_values (void)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (AssayRuleFlagValue));

  g_array_set_clear_func (a, clear_value);
  return a;
}

/* The entries behind an account-quarter flag: its quarter's events, and
 * the previous quarter's when the condition read a previous feature. */
static gboolean
add_entries (AssayRuleFlag              *flag,
             AssayReplica               *replica,
             const AssayQuarterFeatures *f,
             gsize                       i,
             gboolean                    reads_previous,
             GError                    **error)
{
  g_autoptr(GArray) now = NULL;

  flag->entries = g_array_new (FALSE, FALSE, sizeof (guint64));
  if (reads_previous && !isnan (f->previous_total[i]))
    {
      g_autoptr(GArray) before = assay_replica_quarter_entries (replica, f->account_id[i],
                                                                assay_quarter_previous (f->quarter[i]),
                                                                error);
      if (before == NULL)
        return FALSE;
      g_array_append_vals (flag->entries, before->data, before->len);
    }
  now = assay_replica_quarter_entries (replica, f->account_id[i], f->quarter[i], error);
  if (now == NULL)
    return FALSE;
  g_array_append_vals (flag->entries, now->data, now->len);
  return TRUE;
}

/* The features the explanation names but the condition does not read
 * (the dimension beside a share) are recorded too: everything the flag
 * says is in it. */
static void
add_template_features (AssayRuleFlag              *flag,
                       const AssayQuarterFeatures *f,
                       gsize                       i,
                       const char                 *template)
{
  for (const char *p = strchr (template, '{'); p != NULL; p = strchr (p + 1, '{'))
    {
      const char *close = strchr (p, '}');
      g_autofree char *name = NULL;
      AssayRuleColumn column;
      gboolean seen = FALSE;

      if (close == NULL)
        return;
      name = g_strndup (p + 1, close - p - 1);
      if (g_str_has_suffix (name, ":%"))
        name[strlen (name) - 2] = '\0';
      for (guint k = 0; k < flag->features->len && !seen; k++)
        seen = strcmp (g_array_index (flag->features, AssayRuleFlagValue, k).name, name) == 0;
      if (!seen && quarter_column (f, name, &column))
        {
          AssayRuleFlagValue v = { g_steal_pointer (&name), column_value (&column, i) };

          g_array_append_val (flag->features, v);
        }
    }
}

typedef struct
{
  AssayRuleSet               *set;
  AssayReplica               *replica;
  const char                 *language;
  const AssayQuarterFeatures *f;
} Context;

static AssayRuleFlag *
make_flag (const Context         *ctx,
           const AssayRule       *rule,
           const AssayRuleColumn *columns,
           gsize                  i,
           GError               **error)
{
  const AssayRuleCondition *cond = assay_rule_get_condition (rule);
  g_autoptr(AssayRuleFlag) flag = g_new0 (AssayRuleFlag, 1);
  g_autofree AssayRuleTraceNode *trace = assay_rule_condition_trace (cond, columns, i);
  gboolean reads_previous = FALSE;

  flag->rule_set_sha256 = g_strdup (assay_rule_set_get_sha256 (ctx->set));
  flag->rule_set_name = g_strdup (assay_rule_set_get_name (ctx->set));
  flag->rule_set_version = assay_rule_set_get_version (ctx->set);
  flag->rule = g_strdup (assay_rule_get_id (rule));
  flag->article = g_strdup (assay_rule_get_article (rule));
  flag->action = assay_rule_get_action (rule);
  flag->severity = assay_rule_get_severity (rule);
  flag->subject_kind = g_strdup ("account");
  flag->subject_id = g_strdup (ctx->f->account[i]);
  assay_quarter_get_days (ctx->f->quarter[i], &flag->from, &flag->to);
  assay_rule_flag_compute_id (flag->rule_set_sha256, flag->rule, flag->subject_kind,
                              flag->subject_id, flag->from, flag->to, flag->id);
  flag->features = new_values ();
  for (guint k = 0; k < assay_rule_condition_get_n_features (cond); k++)
    {
      const char *name = assay_rule_condition_get_feature (cond, k);
      AssayRuleFlagValue v = { g_strdup (name), column_value (&columns[k], i) };

      reads_previous |= g_str_has_prefix (name, "quarter.previous.");
      g_array_append_val (flag->features, v);
    }
  add_template_features (flag, ctx->f, i, assay_rule_get_explain (rule, ctx->language));
  flag->parameters = new_values ();
  read_trace (flag, ctx->set, trace, assay_rule_condition_get_n_nodes (cond));
  if (!add_entries (flag, ctx->replica, ctx->f, i, reads_previous, error))
    return NULL;
  flag->explanation = explain (ctx->f, i, ctx->set, assay_rule_get_explain (rule, ctx->language));
  flag->checkpoint_size = ctx->f->checkpoint_size;
  memcpy (flag->checkpoint_root, ctx->f->checkpoint_root, ASSAY_HASH_SIZE);
  return g_steal_pointer (&flag);
}

static guint
down_weight_quarters (AssayRuleSet *set)
{
  const AssayRuleValue *v = assay_rule_set_lookup_parameter (set, "down_weight_quarters");

  if (v != NULL && v->type == ASSAY_RULE_TYPE_NUMBER && v->number >= 1 && v->number <= 400)
    return (guint) v->number;
  return 4;
}

/* A down-weight applies to the flagged quarter's largest dimension from
 * the day after the quarter, for `quarters` quarters. */
static void
set_effect (AssayRuleFlag              *flag,
            const AssayQuarterFeatures *f,
            gsize                       i,
            guint                       quarters)
{
  guint32 q = f->quarter[i], first, last;

  flag->effect_dimension = f->max_dimension[i];
  flag->effect_from = flag->to + 1;
  for (guint k = 0; k < quarters; k++)
    q = q % 10 == 4 ? (q / 10 + 1) * 10 + 1 : q + 1;
  assay_quarter_get_days (q, &first, &last);
  flag->effect_to = last;
}

static gboolean
evaluate_rule (const Context   *ctx,
               const AssayRule *rule,
               GPtrArray       *flags,
               GError         **error)
{
  const AssayRuleCondition *cond = assay_rule_get_condition (rule);
  const AssayQuarterFeatures *f = ctx->f;
  guint n_features = assay_rule_condition_get_n_features (cond);
  g_autofree AssayRuleColumn *columns = g_new0 (AssayRuleColumn, MAX (n_features, 1));
  g_autofree guint8 *hit = g_new0 (guint8, MAX (f->n, 1));
  gboolean down_weight = assay_rule_get_action (rule) == ASSAY_RULE_ACTION_DOWN_WEIGHT;
  guint quarters = down_weight_quarters (ctx->set);
  guint64 last_account = G_MAXUINT64;
  guint32 blocked_until = 0;

  for (guint k = 0; k < n_features; k++)
    if (!quarter_column (f, assay_rule_condition_get_feature (cond, k), &columns[k]))
      g_return_val_if_reached (FALSE);  /* the loader checked the subject */
  assay_rule_condition_evaluate (cond, columns, f->n, hit, NULL);
  for (gsize i = 0; i < f->n; i++)
    {
      AssayRuleFlag *flag;
      guint32 first, last;

      if (!hit[i])
        continue;
      assay_quarter_get_days (f->quarter[i], &first, &last);
      /* Subjects come by account, then quarter: one earlier down-weight
       * still in effect blocks the next (the plan: once a year). */
      if (down_weight && f->account_id[i] == last_account && first <= blocked_until)
        continue;
      flag = make_flag (ctx, rule, columns, i, error);
      if (flag == NULL)
        return FALSE;
      if (down_weight)
        {
          set_effect (flag, f, i, quarters);
          last_account = f->account_id[i];
          blocked_until = flag->effect_to;
        }
      g_ptr_array_add (flags, flag);
    }
  return TRUE;
}

gboolean
assay_rule_flags_account_quarter_append (AssayRuleSet               *set,
                                         const AssayRule            *rule,
                                         AssayReplica               *replica,
                                         const AssayQuarterFeatures *features,
                                         const char                 *language,
                                         GPtrArray                  *flags,
                                         GError                    **error)
{
  Context ctx = { set, replica, language, features };

  g_return_val_if_fail (ASSAY_IS_RULE_SET (set), FALSE);
  g_return_val_if_fail (assay_rule_get_subject (rule) == ASSAY_RULE_SUBJECT_ACCOUNT_QUARTER, FALSE);

  /* No subjects (no hits): no columns to evaluate. */
  if (features->n == 0)
    return TRUE;
  return evaluate_rule (&ctx, rule, flags, error);
}

GPtrArray *
assay_rule_flags_account_quarter (AssayRuleSet  *set,
                                  AssayReplica  *replica,
                                  const char    *language,
                                  guint64       *out_checkpoint_size,
                                  guint8         out_checkpoint_root[ASSAY_HASH_SIZE],
                                  GError       **error)
{
  g_autoptr(AssayQuarterFeatures) f = NULL;
  g_autoptr(GPtrArray) flags = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_rule_flag_free);
  Context ctx = { set, replica, language, NULL };

  g_return_val_if_fail (ASSAY_IS_RULE_SET (set), NULL);
  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);

  f = assay_replica_quarter_features (replica, 0, error);
  if (f == NULL)
    return NULL;
  ctx.f = f;
  for (guint r = 0; r < assay_rule_set_get_n_rules (set); r++)
    {
      const AssayRule *rule = assay_rule_set_get_rule (set, r);

      if (assay_rule_get_subject (rule) == ASSAY_RULE_SUBJECT_ACCOUNT_QUARTER &&
          !evaluate_rule (&ctx, rule, flags, error))
        return NULL;
    }
  if (out_checkpoint_size != NULL)
    *out_checkpoint_size = f->checkpoint_size;
  if (out_checkpoint_root != NULL)
    memcpy (out_checkpoint_root, f->checkpoint_root, ASSAY_HASH_SIZE);
  return g_steal_pointer (&flags);
}

/* ---- JSON --------------------------------------------------------------- */

static void
add_value (JsonBuilder          *b,
           const AssayRuleValue *v)
{
  if (v->fault != ASSAY_RULE_FAULT_NONE)
    json_builder_add_null_value (b);
  else if (v->type == ASSAY_RULE_TYPE_STRING)
    json_builder_add_string_value (b, v->string);
  else if (v->type == ASSAY_RULE_TYPE_BOOL)
    json_builder_add_boolean_value (b, v->boolean);
  else
    json_builder_add_double_value (b, v->number);
}

static void
add_values (JsonBuilder *b,
            const char  *member,
            GArray      *values)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  for (guint i = 0; i < values->len; i++)
    {
      const AssayRuleFlagValue *v = &g_array_index (values, AssayRuleFlagValue, i);

      json_builder_set_member_name (b, v->name);
      add_value (b, &v->value);
    }
  json_builder_end_object (b);
}

static void
add_string (JsonBuilder *b,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value);
}

static void
add_day (JsonBuilder *b,
         const char  *member,
         guint32      day)
{
  g_autofree char *text = assay_day_format (day);

  add_string (b, member, text);
}

static void
add_period (JsonBuilder *b,
            const char  *member,
            guint32      from,
            guint32      to)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  add_day (b, "from", from);
  add_day (b, "to", to);
  json_builder_end_object (b);
}

JsonNode *
assay_rule_flag_to_json (const AssayRuleFlag *flag)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *root = NULL;

  g_return_val_if_fail (flag != NULL, NULL);

  json_builder_begin_object (b);
  add_string (b, "id", flag->id);
  json_builder_set_member_name (b, "rule_set");
  json_builder_begin_object (b);
  add_string (b, "name", flag->rule_set_name);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, flag->rule_set_version);
  add_string (b, "sha256", flag->rule_set_sha256);
  json_builder_end_object (b);
  add_string (b, "rule", flag->rule);
  add_string (b, "article", flag->article);
  add_string (b, "action", assay_enum_get_nick (ASSAY_TYPE_RULE_ACTION, flag->action));
  add_string (b, "severity", assay_enum_get_nick (ASSAY_TYPE_RULE_SEVERITY, flag->severity));
  json_builder_set_member_name (b, "subject");
  json_builder_begin_object (b);
  add_string (b, "kind", flag->subject_kind);
  add_string (b, "id", flag->subject_id);
  json_builder_end_object (b);
  add_period (b, "period", flag->from, flag->to);
  add_values (b, "features", flag->features);
  add_values (b, "parameters", flag->parameters);
  json_builder_set_member_name (b, "margin");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "value");
  if (isnan (flag->margin))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, flag->margin);
  json_builder_set_member_name (b, "path");
  if (flag->margin_path == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, flag->margin_path);
  json_builder_end_object (b);
  if (flag->effect_dimension != NULL)
    {
      json_builder_set_member_name (b, "effect");
      json_builder_begin_object (b);
      add_string (b, "dimension", flag->effect_dimension);
      add_day (b, "from", flag->effect_from);
      add_day (b, "to", flag->effect_to);
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "entries");
  json_builder_begin_array (b);
  for (guint i = 0; i < flag->entries->len; i++)
    json_builder_add_int_value (b, g_array_index (flag->entries, guint64, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "checkpoint");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "size");
  json_builder_add_int_value (b, flag->checkpoint_size);
  root = g_base64_encode (flag->checkpoint_root, ASSAY_HASH_SIZE);
  add_string (b, "root", root);
  json_builder_end_object (b);
  add_string (b, "explanation", flag->explanation);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
