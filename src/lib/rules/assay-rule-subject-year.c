/* assay-rule-subject-year.c — account_year subjects: an account's calendar year
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

#include <string.h>

#include "assay-day.h"
#include "assay-replica-series.h"
#include "assay-rule-subjects-private.h"

typedef struct
{
  AssayRuleSubjects  parent;
  GPtrArray         *earlier;    /* the evaluation's flags so far, borrowed */
  AssayAccountYears *years;
  double            *entries;
  double            *points;
  double            *down_weights;
  double            *reviews;
} YearSubjects;

/* "account\nyear" → how many flags of each action the other rules raised
 * on the account with a period ending in the year. */
static GHashTable *
count_flags (GPtrArray       *earlier,
             AssayRuleAction  action)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; earlier != NULL && i < earlier->len; i++)
    {
      const AssayRuleFlag *f = earlier->pdata[i];
      guint year = 0, month, day;
      char *key;

      if (f->action != action || strcmp (f->subject_kind, "account") != 0)
        continue;
      assay_day_to_ymd (f->to, &year, &month, &day);
      key = g_strdup_printf ("%s\n%u", f->subject_id, year);
      g_hash_table_insert (counts, key,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
    }
  return counts;
}

static gboolean
year_next_block (AssayRuleSubjects *subjects,
                 GError           **error)
{
  YearSubjects *self = (YearSubjects *) subjects;
  g_autoptr(GHashTable) down_weights = NULL;
  g_autoptr(GHashTable) reviews = NULL;
  gsize n;

  /* One block: a row per account and year. */
  if (self->years != NULL)
    return FALSE;
  self->years = subjects->accounts != NULL
                ? assay_replica_account_years_for_accounts (subjects->replica, subjects->accounts,
                                                            subjects->n_accounts, error)
                : assay_replica_account_years (subjects->replica, error);
  if (self->years == NULL)
    return FALSE;
  n = self->years->n;
  down_weights = count_flags (self->earlier, ASSAY_RULE_ACTION_DOWN_WEIGHT);
  reviews = count_flags (self->earlier, ASSAY_RULE_ACTION_REVIEW);
  self->entries = g_new (double, MAX (n, 1));
  self->points = g_new (double, MAX (n, 1));
  self->down_weights = g_new (double, MAX (n, 1));
  self->reviews = g_new (double, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup_printf ("%s\n%u", self->years->account[i], self->years->year[i]);

      self->entries[i] = (double) self->years->entries[i];
      self->points[i] = (double) self->years->points[i];
      self->down_weights[i] = GPOINTER_TO_UINT (g_hash_table_lookup (down_weights, key));
      self->reviews[i] = GPOINTER_TO_UINT (g_hash_table_lookup (reviews, key));
    }
  subjects->n = n;
  subjects->done = 1;
  return TRUE;
}

static gboolean
year_column (AssayRuleSubjects *subjects,
             const char        *name,
             AssayRuleColumn   *out)
{
  YearSubjects *self = (YearSubjects *) subjects;

  memset (out, 0, sizeof *out);
  out->type = ASSAY_RULE_TYPE_NUMBER;
  if (strcmp (name, "year.entries") == 0)
    out->numbers = self->entries;
  else if (strcmp (name, "year.points") == 0)
    out->numbers = self->points;
  else if (strcmp (name, "year.down_weights") == 0)
    out->numbers = self->down_weights;
  else if (strcmp (name, "year.reviews") == 0)
    out->numbers = self->reviews;
  else
    return FALSE;
  return TRUE;
}

static guint64
year_key (AssayRuleSubjects *subjects,
          gsize              i)
{
  return ((YearSubjects *) subjects)->years->account_id[i];
}

static void
year_period (AssayRuleSubjects *subjects,
             gsize              i,
             guint32           *out_from,
             guint32           *out_to)
{
  guint year = ((YearSubjects *) subjects)->years->year[i];

  assay_day_from_ymd (year, 1, 1, out_from);
  assay_day_from_ymd (year, 12, 31, out_to);
}

static void
year_describe (AssayRuleSubjects *subjects,
               gsize              i,
               AssayRuleFlag     *flag)
{
  flag->subject_kind = g_strdup ("account");
  flag->subject_id = g_strdup (((YearSubjects *) subjects)->years->account[i]);
}

/* The account's events of the year. */
static GArray *
year_entries (AssayRuleSubjects   *subjects,
              gsize                i,
              const AssayRuleFlag *flag,
              GError             **error)
{
  return assay_replica_account_events (subjects->replica, year_key (subjects, i), flag->from, flag->to,
                                       error);
}

static void
year_free (AssayRuleSubjects *subjects)
{
  YearSubjects *self = (YearSubjects *) subjects;

  g_clear_pointer (&self->years, assay_account_years_free);
  g_free (self->entries);
  g_free (self->points);
  g_free (self->down_weights);
  g_free (self->reviews);
}

static const AssayRuleSubjectsClass year_class = {
  year_next_block, year_column, year_key, year_period, year_describe,
  year_entries, NULL, year_free,
};

AssayRuleSubjects *
_assay_rule_subjects_year (AssayReplica  *replica,
                           AssayRuleSet  *set,
                           GPtrArray     *earlier,
                           GError       **error)
{
  YearSubjects *self = g_new0 (YearSubjects, 1);

  self->parent.klass = &year_class;
  self->parent.replica = g_object_ref (replica);
  self->parent.set = g_object_ref (set);
  self->earlier = earlier;
  return &self->parent;
}
