/* assay-rule-subject-quarter.c — account_quarter subjects: Article X
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

#include "assay-entry.h"
#include "assay-replica-features.h"
#include "assay-rule-subjects-private.h"

#define DIMENSION_PREFIX "quarter.share."
#define PREVIOUS_DIMENSION_PREFIX "quarter.previous.share."

typedef struct
{
  AssayRuleSubjects     parent;
  AssayQuarterFeatures *f;
  gboolean              read;
  gboolean              borrowed;  /* f is the caller's */
} QuarterSubjects;

static gboolean
quarter_next_block (AssayRuleSubjects *subjects,
                    GError           **error)
{
  QuarterSubjects *self = (QuarterSubjects *) subjects;

  /* One block: the features of every account-quarter are small columns. */
  if (self->read)
    return FALSE;
  self->read = TRUE;
  self->f = subjects->accounts != NULL
            ? assay_replica_quarter_features_for_accounts (subjects->replica, 0, subjects->accounts,
                                                           subjects->n_accounts, error)
            : assay_replica_quarter_features (subjects->replica, 0, error);
  if (self->f == NULL)
    return FALSE;
  subjects->n = self->f->n;
  subjects->done = 1;
  return TRUE;
}

static gboolean
dimension_column (const char      *name,
                  const char      *prefix,
                  double   *const *shares,
                  AssayRuleColumn *out)
{
  AssayDimension d;

  if (!g_str_has_prefix (name, prefix) || !assay_dimension_from_id (name + strlen (prefix), &d))
    return FALSE;
  out->numbers = shares[d];
  return TRUE;
}

static gboolean
quarter_column (AssayRuleSubjects *subjects,
                const char        *name,
                AssayRuleColumn   *out)
{
  const AssayQuarterFeatures *f = ((QuarterSubjects *) subjects)->f;

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

static guint64
quarter_key (AssayRuleSubjects *subjects,
             gsize              i)
{
  return ((QuarterSubjects *) subjects)->f->account_id[i];
}

static void
quarter_period (AssayRuleSubjects *subjects,
                gsize              i,
                guint32           *out_from,
                guint32           *out_to)
{
  assay_quarter_get_days (((QuarterSubjects *) subjects)->f->quarter[i], out_from, out_to);
}

static void
quarter_describe (AssayRuleSubjects *subjects,
                  gsize              i,
                  AssayRuleFlag     *flag)
{
  const AssayQuarterFeatures *f = ((QuarterSubjects *) subjects)->f;

  flag->subject_kind = g_strdup ("account");
  flag->subject_id = g_strdup (f->account[i]);
}

static gboolean
reads_previous (const AssayRuleFlag *flag)
{
  for (guint k = 0; k < flag->features->len; k++)
    if (g_str_has_prefix (g_array_index (flag->features, AssayRuleFlagValue, k).name,
                          "quarter.previous."))
      return TRUE;
  return FALSE;
}

/* The account's events in the quarter, and in the previous quarter when
 * the flag read a previous feature. */
static GArray *
quarter_entries (AssayRuleSubjects   *subjects,
                 gsize                i,
                 const AssayRuleFlag *flag,
                 GError             **error)
{
  const AssayQuarterFeatures *f = ((QuarterSubjects *) subjects)->f;
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GArray) now = NULL;

  if (reads_previous (flag) && !isnan (f->previous_total[i]))
    {
      g_autoptr(GArray) before = assay_replica_quarter_entries (subjects->replica, f->account_id[i],
                                                                assay_quarter_previous (f->quarter[i]),
                                                                error);
      if (before == NULL)
        return NULL;
      g_array_append_vals (entries, before->data, before->len);
    }
  now = assay_replica_quarter_entries (subjects->replica, f->account_id[i], f->quarter[i], error);
  if (now == NULL)
    return NULL;
  g_array_append_vals (entries, now->data, now->len);
  return g_steal_pointer (&entries);
}

/* A down-weight applies to the flagged quarter's largest dimension from
 * the day after the quarter, for the set's `down_weight_quarters`. */
static void
quarter_effect (AssayRuleSubjects *subjects,
                gsize              i,
                AssayRuleFlag     *flag)
{
  const AssayQuarterFeatures *f = ((QuarterSubjects *) subjects)->f;
  guint quarters = (guint) _assay_rule_set_number (subjects->set, "down_weight_quarters", 4, 1, 400);
  guint32 q = f->quarter[i], first, last;

  flag->effect_dimension = f->max_dimension[i];
  flag->effect_from = flag->to + 1;
  for (guint k = 0; k < quarters; k++)
    q = q % 10 == 4 ? (q / 10 + 1) * 10 + 1 : q + 1;
  assay_quarter_get_days (q, &first, &last);
  flag->effect_to = last;
}

static void
quarter_free (AssayRuleSubjects *subjects)
{
  QuarterSubjects *self = (QuarterSubjects *) subjects;

  if (!self->borrowed)
    g_clear_pointer (&self->f, assay_quarter_features_free);
}

static const AssayRuleSubjectsClass quarter_class = {
  quarter_next_block, quarter_column, quarter_key, quarter_period, quarter_describe,
  quarter_entries, quarter_effect, quarter_free,
};

AssayRuleSubjects *
_assay_rule_subjects_quarter (AssayReplica  *replica,
                              AssayRuleSet  *set,
                              GError       **error)
{
  QuarterSubjects *self = g_new0 (QuarterSubjects, 1);

  self->parent.klass = &quarter_class;
  self->parent.replica = g_object_ref (replica);
  self->parent.set = g_object_ref (set);
  return &self->parent;
}

AssayRuleSubjects *
_assay_rule_subjects_quarter_over (AssayReplica               *replica,
                                   AssayRuleSet               *set,
                                   const AssayQuarterFeatures *features)
{
  QuarterSubjects *self = (QuarterSubjects *) _assay_rule_subjects_quarter (replica, set, NULL);

  self->f = (AssayQuarterFeatures *) features;
  self->borrowed = TRUE;
  self->read = TRUE;
  self->parent.n = features->n;
  return &self->parent;
}
