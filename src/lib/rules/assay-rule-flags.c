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

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "assay-day.h"
#include "assay-entry.h"
#include "assay-enum.h"
#include "assay-error.h"
#include "assay-replica-series.h"
#include "assay-rule-flags.h"
#include "assay-rule-subjects-private.h"
#include "assay-rules-enums.h"

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
  g_strfreev (flag->members);
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

/* ---- subjects ---------------------------------------------------------- */

void
_assay_rule_subjects_free (AssayRuleSubjects *self)
{
  if (self == NULL)
    return;
  self->klass->free (self);
  g_clear_object (&self->replica);
  g_clear_object (&self->set);
  g_free (self);
}

double
_assay_rule_set_number (AssayRuleSet *set,
                        const char   *name,
                        double        fallback,
                        double        lo,
                        double        hi)
{
  const AssayRuleValue *v = assay_rule_set_lookup_parameter (set, name);

  if (v != NULL && v->type == ASSAY_RULE_TYPE_NUMBER && v->number >= lo && v->number <= hi)
    return v->number;
  return fallback;
}

/* ---- one flag ----------------------------------------------------------- */

static AssayRuleValue
column_value (const AssayRuleColumn *c,
              gsize                  i)
{
  AssayRuleValue v = { c->type, ASSAY_RULE_FAULT_NONE, 0, FALSE, NULL };

  /* The mask, as the condition's evaluation reads it. */
  if (c->missing != NULL && c->missing[i])
    {
      v.fault = ASSAY_RULE_FAULT_MISSING;
      return v;
    }
  if (c->type == ASSAY_RULE_TYPE_BOOL)
    {
      /* A bool column has no numbers: reading them crashed on the first
       * bool feature a flag reports (forget.silence_found). */
      v.boolean = c->bools[i] != 0;
      return v;
    }
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
      else if (!isfinite (v.number))
        v.fault = ASSAY_RULE_FAULT_OVERFLOW;
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
      /* Four significant digits: 6.143 requests, p = 0.005. */
      return g_strdup_printf ("%.4g", v->number);
    }
}

typedef struct
{
  AssayRuleSubjects *subjects;
  gsize              i;
} SubjectValue;

/* A template may name a feature the condition does not read (the
 * dimension beside a share): it comes from the same columns. */
static gboolean
lookup_subject_value (gpointer        data,
                      const char     *name,
                      AssayRuleValue *out)
{
  SubjectValue *v = data;
  AssayRuleColumn column;
  const AssayRuleValue *param;

  if (v->subjects->klass->column (v->subjects, name, &column))
    {
      *out = column_value (&column, v->i);
      return TRUE;
    }
  param = assay_rule_set_lookup_parameter (v->subjects->set, name);
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

char *
_assay_rule_fill_template (const char      *template,
                           AssayRuleLookup  lookup,
                           gpointer         data)
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
      lookup (data, name, &v);
      text = format_template_value (name, &v, percent);
      g_string_append (out, text);
      p = close + 1;
    }
  return g_string_free (out, FALSE);
}

/* Fills the rule's template: {NAME} or {NAME:%} (the loader checked that
 * each NAME is a feature of the subject or a parameter). */
static char *
explain (AssayRuleSubjects *subjects,
         gsize              i,
         const char        *template)
{
  SubjectValue v = { subjects, i };

  return _assay_rule_fill_template (template, lookup_subject_value, &v);
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

/* The features the explanation names but the condition does not read
 * (the dimension beside a share) are recorded too: everything the flag
 * says is in it. */
static void
add_template_features (AssayRuleFlag     *flag,
                       AssayRuleSubjects *subjects,
                       gsize              i,
                       const char        *template)
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
      if (!seen && subjects->klass->column (subjects, name, &column))
        {
          AssayRuleFlagValue v = { g_steal_pointer (&name), column_value (&column, i) };

          g_array_append_val (flag->features, v);
        }
    }
}

typedef struct
{
  AssayRuleSet      *set;
  const char        *language;
  guint64            checkpoint_size;
  guint8             checkpoint_root[ASSAY_HASH_SIZE];
  AssayRuleProgress  progress;       /* or NULL */
  gpointer           progress_data;
  guint              n_kinds;        /* subject kinds to evaluate */
  guint              kinds_done;
  const guint64     *accounts;       /* the accounts of account-keyed subjects, or NULL: all */
  gsize              n_accounts;
  guint64            max_keys;       /* distinct accounts an account-keyed kind covered */
  gboolean           quarters_only;  /* the account_quarter rules only */
  gboolean           pauses_only;    /* the pause rules the log's first `before` leaves judge */
  guint64            before;         /* 0: the whole replica */
} Context;

/* Whether the context evaluates the rule. */
static gboolean
wants_rule (const Context   *ctx,
            const AssayRule *rule)
{
  AssayRuleSubject subject = assay_rule_get_subject (rule);

  if (ctx->quarters_only)
    return subject == ASSAY_RULE_SUBJECT_ACCOUNT_QUARTER;
  if (ctx->pauses_only)
    return assay_rule_get_action (rule) == ASSAY_RULE_ACTION_PAUSE &&
           assay_rule_subject_reads_checkpoint (subject);
  return TRUE;
}

/* The leaves behind a flag judged on the log's first `before` leaves are
 * among them. */
static void
drop_later_entries (GArray  *entries,
                    guint64  before)
{
  guint kept = 0;

  if (before == 0)
    return;
  for (guint k = 0; k < entries->len; k++)
    if (g_array_index (entries, guint64, k) < before)
      g_array_index (entries, guint64, kept++) = g_array_index (entries, guint64, k);
  g_array_set_size (entries, kept);
}

static AssayRuleFlag *
make_flag (const Context         *ctx,
           AssayRuleSubjects     *subjects,
           const AssayRule       *rule,
           const AssayRuleColumn *columns,
           gsize                  i,
           guint32                from,
           guint32                to,
           GError               **error)
{
  const AssayRuleCondition *cond = assay_rule_get_condition (rule);
  const char *template = assay_rule_get_explain (rule, ctx->language);
  g_autoptr(AssayRuleFlag) flag = g_new0 (AssayRuleFlag, 1);
  g_autofree AssayRuleTraceNode *trace = assay_rule_condition_trace (cond, columns, i);

  flag->rule_set_sha256 = g_strdup (assay_rule_set_get_sha256 (ctx->set));
  flag->rule_set_name = g_strdup (assay_rule_set_get_name (ctx->set));
  flag->rule_set_version = assay_rule_set_get_version (ctx->set);
  flag->rule = g_strdup (assay_rule_get_id (rule));
  flag->article = g_strdup (assay_rule_get_article (rule));
  flag->action = assay_rule_get_action (rule);
  flag->severity = assay_rule_get_severity (rule);
  subjects->klass->describe (subjects, i, flag);
  flag->from = from;
  flag->to = to;
  assay_rule_flag_compute_id (flag->rule_set_sha256, flag->rule, flag->subject_kind,
                              flag->subject_id, flag->from, flag->to, flag->id);
  flag->features = new_values ();
  for (guint k = 0; k < assay_rule_condition_get_n_features (cond); k++)
    {
      AssayRuleFlagValue v = { g_strdup (assay_rule_condition_get_feature (cond, k)),
                               column_value (&columns[k], i) };

      g_array_append_val (flag->features, v);
    }
  add_template_features (flag, subjects, i, template);
  flag->parameters = new_values ();
  read_trace (flag, ctx->set, trace, assay_rule_condition_get_n_nodes (cond));
  flag->entries = subjects->klass->entries (subjects, i, flag, error);
  if (flag->entries == NULL)
    return NULL;
  drop_later_entries (flag->entries, ctx->before);
  flag->explanation = explain (subjects, i, template);
  flag->checkpoint_size = ctx->checkpoint_size;
  memcpy (flag->checkpoint_root, ctx->checkpoint_root, ASSAY_HASH_SIZE);
  return g_steal_pointer (&flag);
}

/* The last flag of a rule: hits on its key up to `blocked_until` belong to
 * its episode. */
typedef struct
{
  guint64  key;
  guint32  blocked_until;
  gboolean any;
} Episode;

/* Runs one rule over the current block of subjects. */
static gboolean
evaluate_rule (const Context     *ctx,
               AssayRuleSubjects *subjects,
               const AssayRule   *rule,
               Episode           *episode,
               GPtrArray         *flags,
               GError           **error)
{
  const AssayRuleCondition *cond = assay_rule_get_condition (rule);
  guint n_features = assay_rule_condition_get_n_features (cond);
  g_autofree AssayRuleColumn *columns = g_new0 (AssayRuleColumn, MAX (n_features, 1));
  g_autofree guint8 *hit = g_new0 (guint8, MAX (subjects->n, 1));
  gboolean down_weight = assay_rule_get_action (rule) == ASSAY_RULE_ACTION_DOWN_WEIGHT;

  if (subjects->n == 0)
    return TRUE;
  for (guint k = 0; k < n_features; k++)
    if (!subjects->klass->column (subjects, assay_rule_condition_get_feature (cond, k), &columns[k]))
      g_return_val_if_reached (FALSE);  /* the catalogue and the subjects disagree */
  assay_rule_condition_evaluate (cond, columns, subjects->n, hit, NULL);
  for (gsize i = 0; i < subjects->n; i++)
    {
      AssayRuleFlag *flag;
      guint64 key;
      guint32 from, to;

      if (!hit[i])
        continue;
      key = subjects->klass->key (subjects, i);
      subjects->klass->period (subjects, i, &from, &to);
      /* Subjects come by key, then period: a hit inside the last flag's
       * episode (an overlapping window; a quarter while a down-weight is
       * in effect, the plan's once a year) raises nothing new. */
      if (episode->any && key == episode->key && from <= episode->blocked_until)
        continue;
      flag = make_flag (ctx, subjects, rule, columns, i, from, to, error);
      if (flag == NULL)
        return FALSE;
      if (down_weight && subjects->klass->effect != NULL)
        subjects->klass->effect (subjects, i, flag);
      *episode = (Episode) { key, down_weight ? flag->effect_to : flag->to, TRUE };
      g_ptr_array_add (flags, flag);
    }
  return TRUE;
}

typedef AssayRuleSubjects *(*SubjectsNew) (AssayReplica *, AssayRuleSet *, GError **);

static SubjectsNew
subjects_constructor (AssayRuleSubject subject)
{
  switch (subject)
    {
    case ASSAY_RULE_SUBJECT_ACCOUNT_QUARTER: return _assay_rule_subjects_quarter;
    case ASSAY_RULE_SUBJECT_ACCOUNT_WINDOW: return _assay_rule_subjects_window;
    case ASSAY_RULE_SUBJECT_COUNTY_DAY: return _assay_rule_subjects_county;
    case ASSAY_RULE_SUBJECT_RING: return _assay_rule_subjects_ring;
    case ASSAY_RULE_SUBJECT_FILING: return _assay_rule_subjects_filing;
    case ASSAY_RULE_SUBJECT_ACCOUNT_YEAR:   /* made by evaluate_subject () */
    case ASSAY_RULE_SUBJECT_PILOT_MONTH:
    case ASSAY_N_RULE_SUBJECTS:
    default:
      return NULL;
    }
}

/* Every flag raised so far, borrowed. */
static GPtrArray *
flags_so_far (GPtrArray *by_rule)
{
  GPtrArray *all = g_ptr_array_new ();

  for (guint r = 0; r < by_rule->len; r++)
    {
      GPtrArray *rule_flags = g_ptr_array_index (by_rule, r);

      g_ptr_array_extend (all, rule_flags, NULL, NULL);
    }
  return all;
}

static gboolean
is_account_kind (AssayRuleSubject subject)
{
  return subject == ASSAY_RULE_SUBJECT_ACCOUNT_QUARTER || subject == ASSAY_RULE_SUBJECT_ACCOUNT_WINDOW ||
         subject == ASSAY_RULE_SUBJECT_ACCOUNT_YEAR;
}

/* Every rule of one subject kind, block by block; each rule's flags go to
 * its own array in `by_rule`. */
static gboolean
evaluate_subject (Context          *ctx,
                  AssayReplica     *replica,
                  AssayRuleSubject  subject,
                  GPtrArray        *by_rule,
                  GError          **error)
{
  guint n_rules = assay_rule_set_get_n_rules (ctx->set);
  g_autofree Episode *episodes = g_new0 (Episode, n_rules);
  g_autoptr(AssayRuleSubjects) subjects = NULL;
  g_autoptr(GPtrArray) earlier = NULL;
  GError *local = NULL;
  SubjectsNew constructor = subjects_constructor (subject);
  gboolean account_kind = is_account_kind (subject);
  guint64 n_keys = 0, last_key = 0;

  if (subject == ASSAY_RULE_SUBJECT_ACCOUNT_YEAR)
    {
      earlier = flags_so_far (by_rule);
      subjects = _assay_rule_subjects_year (replica, ctx->set, earlier, error);
    }
  else if (constructor == NULL)
    {
      const char *nick = assay_enum_get_nick (ASSAY_TYPE_RULE_SUBJECT, subject);

      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_IMPLEMENTED,
                   _("This version computes no features of subject “%s” yet, so its rules cannot be evaluated"),
                   nick);
      return FALSE;
    }
  else
    subjects = constructor (replica, ctx->set, error);
  if (subjects == NULL)
    return FALSE;
  if (account_kind && ctx->accounts != NULL)
    {
      subjects->accounts = ctx->accounts;
      subjects->n_accounts = ctx->n_accounts;
    }
  subjects->before = ctx->before;
  while (subjects->klass->next_block (subjects, &local))
    {
      /* Subjects come by key: count the accounts covered. */
      for (gsize i = 0; account_kind && i < subjects->n; i++)
        {
          guint64 key = subjects->klass->key (subjects, i);

          if (n_keys == 0 || key != last_key)
            n_keys++;
          last_key = key;
        }
      for (guint r = 0; r < n_rules; r++)
        {
          const AssayRule *rule = assay_rule_set_get_rule (ctx->set, r);

          if (assay_rule_get_subject (rule) == subject && wants_rule (ctx, rule) &&
              !evaluate_rule (ctx, subjects, rule, &episodes[r], g_ptr_array_index (by_rule, r), error))
            return FALSE;
        }
      /* Each kind of subject is an equal share of the whole. */
      if (ctx->progress != NULL)
        ctx->progress ((ctx->kinds_done + subjects->done) / MAX (ctx->n_kinds, 1), ctx->progress_data);
    }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  ctx->max_keys = MAX (ctx->max_keys, n_keys);
  return TRUE;
}

/* Evaluates the rules `ctx` wants in the replica state the caller's read
 * transaction holds. */
static GPtrArray *
evaluate_context (Context       *ctx,
                  AssayReplica  *replica,
                  guint64       *out_n_accounts,
                  GError       **error)
{
  AssayRuleSet *set = ctx->set;
  guint n_rules = assay_rule_set_get_n_rules (set);
  g_autoptr(GPtrArray) by_rule = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) flags = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_rule_flag_free);
  gboolean seen[ASSAY_N_RULE_SUBJECTS] = { FALSE };

  for (guint r = 0; r < n_rules; r++)
    g_ptr_array_add (by_rule, g_ptr_array_new_with_free_func ((GDestroyNotify) assay_rule_flag_free));
  for (guint r = 0; r < n_rules; r++)
    {
      const AssayRule *rule = assay_rule_set_get_rule (set, r);
      AssayRuleSubject subject = assay_rule_get_subject (rule);

      if (!seen[subject] && wants_rule (ctx, rule))
        {
          ctx->n_kinds++;
          seen[subject] = TRUE;
        }
    }
  memset (seen, 0, sizeof seen);
  /* Account years last: their features count the other rules' flags. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint r = 0; r < n_rules; r++)
      {
        const AssayRule *rule = assay_rule_set_get_rule (set, r);
        AssayRuleSubject subject = assay_rule_get_subject (rule);

        if (seen[subject] || (subject == ASSAY_RULE_SUBJECT_ACCOUNT_YEAR) != (pass == 1) ||
            !wants_rule (ctx, rule))
          continue;
        seen[subject] = TRUE;
        if (!evaluate_subject (ctx, replica, subject, by_rule, error))
          return NULL;
        ctx->kinds_done++;
      }
  for (guint r = 0; r < n_rules; r++)
    {
      GPtrArray *rule_flags = g_ptr_array_index (by_rule, r);

      for (guint k = 0; k < rule_flags->len; k++)
        g_ptr_array_add (flags, g_steal_pointer (&rule_flags->pdata[k]));
      g_ptr_array_set_free_func (rule_flags, NULL);
    }
  if (out_n_accounts != NULL)
    *out_n_accounts = ctx->max_keys;
  return g_steal_pointer (&flags);
}

GPtrArray *
_assay_rule_flags_evaluate_in (AssayRuleSet      *set,
                               AssayReplica      *replica,
                               const char        *language,
                               gboolean           quarters_only,
                               guint64            checkpoint_size,
                               const guint8       checkpoint_root[ASSAY_HASH_SIZE],
                               AssayRuleProgress  progress,
                               gpointer           progress_data,
                               GError           **error)
{
  Context ctx = { .set = set, .language = language, .checkpoint_size = checkpoint_size,
                  .progress = progress, .progress_data = progress_data, .quarters_only = quarters_only };

  memcpy (ctx.checkpoint_root, checkpoint_root, ASSAY_HASH_SIZE);
  return evaluate_context (&ctx, replica, NULL, error);
}

GPtrArray *
_assay_rule_flags_evaluate_accounts_in (AssayRuleSet      *set,
                                        AssayReplica      *replica,
                                        const char        *language,
                                        const guint64     *accounts,
                                        gsize              n_accounts,
                                        guint64            checkpoint_size,
                                        const guint8       checkpoint_root[ASSAY_HASH_SIZE],
                                        AssayRuleProgress  progress,
                                        gpointer           progress_data,
                                        guint64           *out_n_accounts,
                                        GError           **error)
{
  Context ctx = { .set = set, .language = language, .checkpoint_size = checkpoint_size,
                  .progress = progress, .progress_data = progress_data,
                  .accounts = accounts, .n_accounts = n_accounts };

  g_return_val_if_fail (accounts != NULL || n_accounts == 0, NULL);

  memcpy (ctx.checkpoint_root, checkpoint_root, ASSAY_HASH_SIZE);
  return evaluate_context (&ctx, replica, out_n_accounts, error);
}

static GPtrArray *
evaluate (AssayRuleSet      *set,
          AssayReplica      *replica,
          const char        *language,
          gboolean           quarters_only,
          AssayRuleProgress  progress,
          gpointer           progress_data,
          guint64           *out_checkpoint_size,
          guint8             out_checkpoint_root[ASSAY_HASH_SIZE],
          GError           **error)
{
  GPtrArray *flags;
  guint8 root[ASSAY_HASH_SIZE];
  guint64 size;

  g_return_val_if_fail (ASSAY_IS_RULE_SET (set), NULL);
  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);

  /* Every subject's features from one state of the replica. */
  if (!assay_replica_read_begin (replica, &size, root, error))
    return NULL;
  flags = _assay_rule_flags_evaluate_in (set, replica, language, quarters_only, size, root,
                                         progress, progress_data, error);
  assay_replica_read_end (replica);
  if (flags != NULL && out_checkpoint_size != NULL)
    *out_checkpoint_size = size;
  if (flags != NULL && out_checkpoint_root != NULL)
    memcpy (out_checkpoint_root, root, ASSAY_HASH_SIZE);
  return flags;
}

GPtrArray *
assay_rule_flags_evaluate (AssayRuleSet  *set,
                           AssayReplica  *replica,
                           const char    *language,
                           guint64       *out_checkpoint_size,
                           guint8         out_checkpoint_root[ASSAY_HASH_SIZE],
                           GError       **error)
{
  return evaluate (set, replica, language, FALSE, NULL, NULL, out_checkpoint_size, out_checkpoint_root,
                   error);
}

GPtrArray *
assay_rule_flags_evaluate_full (AssayRuleSet      *set,
                                AssayReplica      *replica,
                                const char        *language,
                                AssayRuleProgress  progress,
                                gpointer           progress_data,
                                guint64           *out_checkpoint_size,
                                guint8             out_checkpoint_root[ASSAY_HASH_SIZE],
                                GError           **error)
{
  return evaluate (set, replica, language, FALSE, progress, progress_data, out_checkpoint_size,
                   out_checkpoint_root, error);
}

gboolean
assay_rule_subject_reads_checkpoint (AssayRuleSubject subject)
{
  return subject == ASSAY_RULE_SUBJECT_ACCOUNT_WINDOW || subject == ASSAY_RULE_SUBJECT_COUNTY_DAY ||
         subject == ASSAY_RULE_SUBJECT_RING;
}

GPtrArray *
assay_rule_flags_pauses_at (AssayRuleSet  *set,
                            AssayReplica  *replica,
                            guint64        checkpoint_size,
                            const guint8   checkpoint_root[ASSAY_HASH_SIZE],
                            GError       **error)
{
  Context ctx = { set, "en", checkpoint_size, { 0 }, NULL, NULL, 0, 0, NULL, 0, 0,
                  FALSE, TRUE, checkpoint_size };
  guint8 root[ASSAY_HASH_SIZE];
  GPtrArray *flags;
  guint64 size;

  g_return_val_if_fail (ASSAY_IS_RULE_SET (set), NULL);
  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (checkpoint_size > 0, NULL);

  memcpy (ctx.checkpoint_root, checkpoint_root, ASSAY_HASH_SIZE);
  if (!assay_replica_read_begin (replica, &size, root, error))
    return NULL;
  if (checkpoint_size > size)
    {
      assay_replica_read_end (replica);
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The checkpoint of %" PRIu64 " entries is beyond this replica's %" PRIu64 "."),
                   checkpoint_size, size);
      return NULL;
    }
  flags = evaluate_context (&ctx, replica, NULL, error);
  assay_replica_read_end (replica);
  return flags;
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
  g_autoptr(AssayRuleSubjects) subjects = NULL;
  Context ctx = { set, language, features->checkpoint_size, { 0 }, NULL, NULL, 0, 0, NULL, 0, 0,
                  FALSE, FALSE, 0 };
  Episode episode = { 0, 0, FALSE };

  g_return_val_if_fail (ASSAY_IS_RULE_SET (set), FALSE);
  g_return_val_if_fail (assay_rule_get_subject (rule) == ASSAY_RULE_SUBJECT_ACCOUNT_QUARTER, FALSE);

  memcpy (ctx.checkpoint_root, features->checkpoint_root, ASSAY_HASH_SIZE);
  subjects = _assay_rule_subjects_quarter_over (replica, set, features);
  return evaluate_rule (&ctx, subjects, rule, &episode, flags, error);
}

GPtrArray *
assay_rule_flags_account_quarter (AssayRuleSet  *set,
                                  AssayReplica  *replica,
                                  const char    *language,
                                  guint64       *out_checkpoint_size,
                                  guint8         out_checkpoint_root[ASSAY_HASH_SIZE],
                                  GError       **error)
{
  return evaluate (set, replica, language, TRUE, NULL, NULL, out_checkpoint_size, out_checkpoint_root,
                   error);
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
  if (flag->members != NULL)
    {
      json_builder_set_member_name (b, "members");
      json_builder_begin_array (b);
      for (guint m = 0; flag->members[m] != NULL; m++)
        json_builder_add_string_value (b, flag->members[m]);
      json_builder_end_array (b);
    }
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
  assay_rule_json_add_checkpoint (b, flag->checkpoint_size, flag->checkpoint_root);
  add_string (b, "explanation", flag->explanation);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

void
assay_rule_json_add_rule_set (JsonBuilder  *b,
                              const char   *member,
                              AssayRuleSet *set)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  add_string (b, "name", assay_rule_set_get_name (set));
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, assay_rule_set_get_version (set));
  add_string (b, "sha256", assay_rule_set_get_sha256 (set));
  json_builder_end_object (b);
}

void
assay_rule_json_add_checkpoint (JsonBuilder  *b,
                                guint64       size,
                                const guint8  root[ASSAY_HASH_SIZE])
{
  g_autofree char *root64 = g_base64_encode (root, ASSAY_HASH_SIZE);

  json_builder_set_member_name (b, "checkpoint");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "size");
  json_builder_add_int_value (b, size);
  add_string (b, "root", root64);
  json_builder_end_object (b);
}
