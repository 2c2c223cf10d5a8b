/* assay-rule-what-if.c — a draft rule set against the one in force, on the same checkpoint
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

#include <glib/gi18n-lib.h>

#include "assay-day.h"
#include "assay-replica-series.h"
#include "assay-rule-subjects-private.h"
#include "assay-rule-what-if.h"

void
assay_what_if_free (AssayWhatIf *w)
{
  if (w == NULL)
    return;
  g_clear_pointer (&w->added, g_ptr_array_unref);
  g_clear_pointer (&w->removed, g_ptr_array_unref);
  g_clear_pointer (&w->changed, g_ptr_array_unref);
  g_clear_pointer (&w->changed_from, g_ptr_array_unref);
  g_clear_pointer (&w->in_force, g_ptr_array_unref);
  g_clear_pointer (&w->draft, g_ptr_array_unref);
  if (w->rules != NULL)
    for (guint i = 0; i < w->rules->len; i++)
      g_free (g_array_index (w->rules, AssayWhatIfRule, i).rule);
  g_clear_pointer (&w->rules, g_array_unref);
  g_free (w);
}

/* The finding a flag stands for, whatever the rule set. */
static char *
finding_key (const AssayRuleFlag *f)
{
  return g_strdup_printf ("%s\n%s\n%s\n%u\n%u", f->rule, f->subject_kind, f->subject_id, f->from, f->to);
}

/* What a committee member would call the flag's content: the JSON
 * without the members that name the rule set or the words. */
static char *
content (const AssayRuleFlag *f)
{
  g_autoptr(JsonNode) node = assay_rule_flag_to_json (f);
  JsonObject *o = json_node_get_object (node);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_object_remove_member (o, "id");
  json_object_remove_member (o, "rule_set");
  json_object_remove_member (o, "explanation");
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static AssayWhatIfRule *
rule_counts (GArray     *rules,
             const char *rule)
{
  AssayWhatIfRule fresh = { g_strdup (rule), 0, 0, 0, 0, 0 };

  for (guint i = 0; i < rules->len; i++)
    if (strcmp (g_array_index (rules, AssayWhatIfRule, i).rule, rule) == 0)
      {
        g_free (fresh.rule);
        return &g_array_index (rules, AssayWhatIfRule, i);
      }
  g_array_append_val (rules, fresh);
  return &g_array_index (rules, AssayWhatIfRule, rules->len - 1);
}

static void
add_rules (GArray       *rules,
           AssayRuleSet *set)
{
  for (guint r = 0; r < assay_rule_set_get_n_rules (set); r++)
    rule_counts (rules, assay_rule_get_id (assay_rule_set_get_rule (set, r)));
}

static void
compare (AssayWhatIf  *w,
         AssayRuleSet *in_force,
         AssayRuleSet *draft)
{
  g_autoptr(GHashTable) before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) matched = g_hash_table_new (NULL, NULL);

  w->rules = g_array_new (FALSE, FALSE, sizeof (AssayWhatIfRule));
  add_rules (w->rules, in_force);
  add_rules (w->rules, draft);
  w->added = g_ptr_array_new ();
  w->removed = g_ptr_array_new ();
  w->changed = g_ptr_array_new ();
  w->changed_from = g_ptr_array_new ();
  for (guint i = 0; i < w->in_force->len; i++)
    {
      AssayRuleFlag *f = w->in_force->pdata[i];

      g_hash_table_insert (before, finding_key (f), f);
      rule_counts (w->rules, f->rule)->in_force++;
    }
  for (guint i = 0; i < w->draft->len; i++)
    {
      AssayRuleFlag *f = w->draft->pdata[i];
      g_autofree char *key = finding_key (f);
      AssayRuleFlag *old = g_hash_table_lookup (before, key);
      AssayWhatIfRule *counts = rule_counts (w->rules, f->rule);

      counts->draft++;
      if (old == NULL)
        {
          g_ptr_array_add (w->added, f);
          counts->added++;
          continue;
        }
      g_hash_table_add (matched, old);
      {
        g_autofree char *a = content (old);
        g_autofree char *b = content (f);

        if (strcmp (a, b) != 0)
          {
            g_ptr_array_add (w->changed, f);
            g_ptr_array_add (w->changed_from, old);
            counts->changed++;
          }
      }
    }
  for (guint i = 0; i < w->in_force->len; i++)
    {
      AssayRuleFlag *f = w->in_force->pdata[i];

      if (!g_hash_table_contains (matched, f))
        {
          g_ptr_array_add (w->removed, f);
          rule_counts (w->rules, f->rule)->removed++;
        }
    }
}

AssayWhatIf *
assay_rule_what_if (AssayRuleSet  *in_force,
                    AssayRuleSet  *draft,
                    AssayReplica  *replica,
                    const char    *language,
                    GError       **error)
{
  g_autoptr(AssayWhatIf) w = g_new0 (AssayWhatIf, 1);

  g_return_val_if_fail (ASSAY_IS_RULE_SET (in_force), NULL);
  g_return_val_if_fail (ASSAY_IS_RULE_SET (draft), NULL);
  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);

  if (!assay_replica_read_begin (replica, &w->checkpoint_size, w->checkpoint_root, error))
    return NULL;
  w->in_force = _assay_rule_flags_evaluate_in (in_force, replica, language, FALSE,
                                               w->checkpoint_size, w->checkpoint_root, NULL, NULL, error);
  if (w->in_force != NULL)
    w->draft = _assay_rule_flags_evaluate_in (draft, replica, language, FALSE,
                                              w->checkpoint_size, w->checkpoint_root, NULL, NULL, error);
  assay_replica_read_end (replica);
  if (w->draft == NULL)
    return NULL;
  compare (w, in_force, draft);
  return g_steal_pointer (&w);
}

/* ---- JSON --------------------------------------------------------------- */

static void
add_flags (JsonBuilder *b,
           const char  *member,
           GPtrArray   *flags,
           GPtrArray   *previous)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < flags->len; i++)
    {
      JsonNode *node = assay_rule_flag_to_json (flags->pdata[i]);

      if (previous != NULL)
        json_object_set_member (json_node_get_object (node), "previous",
                                assay_rule_flag_to_json (previous->pdata[i]));
      json_builder_add_value (b, node);
    }
  json_builder_end_array (b);
}

static void
add_count (JsonBuilder *b,
           const char  *member,
           guint        n)
{
  json_builder_set_member_name (b, member);
  json_builder_add_int_value (b, n);
}

JsonNode *
assay_what_if_to_json (const AssayWhatIf *w,
                       AssayRuleSet      *in_force,
                       AssayRuleSet      *draft)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  assay_rule_json_add_rule_set (b, "in_force", in_force);
  assay_rule_json_add_rule_set (b, "draft", draft);
  assay_rule_json_add_checkpoint (b, w->checkpoint_size, w->checkpoint_root);
  json_builder_set_member_name (b, "rules");
  json_builder_begin_array (b);
  for (guint i = 0; i < w->rules->len; i++)
    {
      const AssayWhatIfRule *r = &g_array_index (w->rules, AssayWhatIfRule, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rule");
      json_builder_add_string_value (b, r->rule);
      add_count (b, "in_force", r->in_force);
      add_count (b, "draft", r->draft);
      add_count (b, "added", r->added);
      add_count (b, "removed", r->removed);
      add_count (b, "changed", r->changed);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_flags (b, "added", w->added, NULL);
  add_flags (b, "removed", w->removed, NULL);
  add_flags (b, "changed", w->changed, w->changed_from);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ---- what differs ------------------------------------------------------- */

static const char * const action_words[] = { N_("review"), N_("down-weight"), N_("pause") };
static const char * const severity_words[] = { N_("low"), N_("medium"), N_("high") };

char *
assay_rule_value_format (const AssayRuleValue *v)
{
  if (v == NULL)
    return g_strdup ("—");
  switch (v->type)
    {
    case ASSAY_RULE_TYPE_BOOL:
      return g_strdup (v->boolean ? "true" : "false");
    case ASSAY_RULE_TYPE_STRING:
      return g_strdup_printf ("“%s”", v->string != NULL ? v->string : "");
    case ASSAY_RULE_TYPE_NUMBER:
    default:
      if (isnan (v->number))
        return g_strdup ("—");
      return g_strdup_printf ("%.6g", v->number);
    }
}

char *
assay_what_if_sha256_prefix (const char *sha256)
{
  if (sha256 == NULL)
    return g_strdup ("");
  return g_strndup (sha256, 12);
}

static const AssayRuleValue *
find_value (GArray     *values,
            const char *name)
{
  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      const AssayRuleFlagValue *v = &g_array_index (values, AssayRuleFlagValue, i);

      if (strcmp (v->name, name) == 0)
        return &v->value;
    }
  return NULL;
}

static gboolean
values_equal (const AssayRuleValue *a,
              const AssayRuleValue *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->type != b->type)
    return FALSE;
  switch (a->type)
    {
    case ASSAY_RULE_TYPE_BOOL:
      return a->boolean == b->boolean;
    case ASSAY_RULE_TYPE_STRING:
      return g_strcmp0 (a->string, b->string) == 0;
    case ASSAY_RULE_TYPE_NUMBER:
    default:
      return a->number == b->number || (isnan (a->number) && isnan (b->number));
    }
}

static void
add_item (GString    *out,
          const char *name,
          const char *before,
          const char *after)
{
  if (out->len > 0)
    /* Translators: between two differences of a changed flag. */
    g_string_append (out, _("; "));
  g_string_append_printf (out, "%s %s → %s", name, before, after);
}

/* Every name of `a`, then those only `b` has. */
static void
describe_values (GString *out,
                 GArray  *a,
                 GArray  *b)
{
  for (guint pass = 0; pass < 2; pass++)
    {
      GArray *values = pass == 0 ? a : b;

      for (guint i = 0; values != NULL && i < values->len; i++)
        {
          const char *name = g_array_index (values, AssayRuleFlagValue, i).name;
          const AssayRuleValue *va = find_value (a, name);
          const AssayRuleValue *vb = find_value (b, name);
          g_autofree char *ta = NULL, *tb = NULL;

          if ((pass == 1 && va != NULL) || values_equal (va, vb))
            continue;
          ta = assay_rule_value_format (va);
          tb = assay_rule_value_format (vb);
          add_item (out, name, ta, tb);
        }
    }
}

static char *
format_effect (const AssayRuleFlag *f)
{
  g_autofree char *from = NULL, *to = NULL;

  if (f->effect_dimension == NULL)
    return g_strdup ("—");
  from = assay_day_format (f->effect_from);
  to = assay_day_format (f->effect_to);
  return g_strdup_printf ("%s %s…%s", f->effect_dimension, from, to);
}

char *
assay_what_if_describe_change (const AssayRuleFlag *before,
                               const AssayRuleFlag *after)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (before != NULL && after != NULL, NULL);

  if (before->action != after->action)
    add_item (out, _("action"), _(action_words[before->action]), _(action_words[after->action]));
  if (before->severity != after->severity)
    add_item (out, _("severity"), _(severity_words[before->severity]),
              _(severity_words[after->severity]));
  if (g_strcmp0 (before->article, after->article) != 0)
    add_item (out, _("article"), before->article, after->article);
  describe_values (out, before->features, after->features);
  describe_values (out, before->parameters, after->parameters);
  if (!(before->margin == after->margin || (isnan (before->margin) && isnan (after->margin))))
    {
      /* Four significant digits: a margin is read, not recomputed. */
      g_autofree char *ta = isnan (before->margin) ? g_strdup ("—") : g_strdup_printf ("%.4g", before->margin);
      g_autofree char *tb = isnan (after->margin) ? g_strdup ("—") : g_strdup_printf ("%.4g", after->margin);

      add_item (out, _("margin"), ta, tb);
    }
  {
    g_autofree char *ea = format_effect (before);
    g_autofree char *eb = format_effect (after);

    if (strcmp (ea, eb) != 0)
      add_item (out, _("effect"), ea, eb);
  }
  if (before->entries->len != after->entries->len)
    {
      g_autofree char *na = g_strdup_printf ("%u", before->entries->len);
      g_autofree char *nb = g_strdup_printf ("%u", after->entries->len);

      add_item (out, _("entries"), na, nb);
    }
  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
