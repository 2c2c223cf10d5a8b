/* assay-rule-subject-window.c — account_window subjects: the 6.1 growth breaker
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

#include "assay-replica-series.h"
#include "assay-rule-growth.h"
#include "assay-rule-subjects-private.h"

/* Accounts per block: their windows are a few hundred thousand subjects. */
#define BLOCK_ACCOUNTS 4096

typedef struct
{
  AssayRuleSubjects  parent;
  AssayAccountDays  *days;
  gsize              next_account;
  /* The current block's columns. */
  gsize              capacity;
  guint32           *account;        /* index into days */
  guint32           *last_day;       /* the window's last day */
  double            *points;
  double            *total_before;
  double            *age;
} WindowSubjects;

static void
reserve (WindowSubjects *self,
         gsize           n)
{
  if (n <= self->capacity)
    return;
  self->capacity = MAX (n, self->capacity * 2);
  self->account = g_renew (guint32, self->account, self->capacity);
  self->last_day = g_renew (guint32, self->last_day, self->capacity);
  self->points = g_renew (double, self->points, self->capacity);
  self->total_before = g_renew (double, self->total_before, self->capacity);
  self->age = g_renew (double, self->age, self->capacity);
}

/* Every window of account k that holds at least one of its event days:
 * a window without one has no points and cannot grow. */
static void
add_account (WindowSubjects *self,
             gsize           k)
{
  const AssayAccountDays *d = self->days;
  gsize first_row = d->first_row[k], end_row = d->first_row[k + 1];
  guint32 first_day, n_days;
  g_autofree double *series = NULL;
  gsize next_row = first_row;

  if (first_row == end_row)
    return;
  /* The account's first event day is day 0 of its series. */
  first_day = MIN (d->first_day[k], d->day[first_row]);
  n_days = d->day[end_row - 1] - first_day + ASSAY_RULE_GROWTH_WINDOW_DAYS;
  /* Prefix sums: each window in constant time. */
  series = g_new0 (double, n_days + 1);
  for (gsize r = first_row; r < end_row; r++)
    series[d->day[r] - first_day + 1] += (double) d->points[r];
  for (guint32 t = 1; t <= n_days; t++)
    series[t] += series[t - 1];

  for (guint32 t = d->day[first_row] - first_day; t < n_days; t++)
    {
      AssayRuleGrowth g;
      gsize i = self->parent.n;

      /* Skip to the windows that still hold the next event day. */
      while (next_row < end_row && d->day[next_row] - first_day + ASSAY_RULE_GROWTH_WINDOW_DAYS <= t)
        next_row++;
      if (next_row == end_row || d->day[next_row] - first_day > t)
        continue;
      assay_rule_growth_prefix (series, n_days, t, &g);
      reserve (self, i + 1);
      self->account[i] = k;
      self->last_day[i] = first_day + t;
      self->points[i] = g.window_points;
      self->total_before[i] = g.before_total;
      /* From the first event day to the window's first day. */
      self->age[i] = (double) g.age_days - ASSAY_RULE_GROWTH_WINDOW_DAYS;
      self->parent.n++;
    }
}

static gboolean
window_next_block (AssayRuleSubjects *subjects,
                   GError           **error)
{
  WindowSubjects *self = (WindowSubjects *) subjects;
  gsize end;

  /* The breakers' evaluation at a checkpoint reads every account. */
  g_assert (subjects->accounts == NULL || subjects->before == 0);
  if (self->days == NULL)
    {
      self->days = subjects->accounts != NULL
                   ? assay_replica_account_days_for_accounts (subjects->replica, subjects->accounts,
                                                              subjects->n_accounts, error)
                   : assay_replica_account_days_before (subjects->replica,
                                                        _assay_rule_subjects_before (subjects), error);
      if (self->days == NULL)
        return FALSE;
    }
  if (self->next_account >= self->days->n_accounts)
    return FALSE;
  end = MIN (self->next_account + BLOCK_ACCOUNTS, self->days->n_accounts);
  subjects->n = 0;
  for (gsize k = self->next_account; k < end; k++)
    add_account (self, k);
  self->next_account = end;
  subjects->done = (double) end / self->days->n_accounts;
  return TRUE;
}

static gboolean
window_column (AssayRuleSubjects *subjects,
               const char        *name,
               AssayRuleColumn   *out)
{
  WindowSubjects *self = (WindowSubjects *) subjects;

  memset (out, 0, sizeof *out);
  out->type = ASSAY_RULE_TYPE_NUMBER;
  if (strcmp (name, "window.points") == 0)
    out->numbers = self->points;
  else if (strcmp (name, "window.total_before") == 0)
    out->numbers = self->total_before;
  else if (strcmp (name, "window.account_age") == 0)
    out->numbers = self->age;
  else
    return FALSE;
  return TRUE;
}

static guint64
window_key (AssayRuleSubjects *subjects,
            gsize              i)
{
  WindowSubjects *self = (WindowSubjects *) subjects;

  return self->days->account_id[self->account[i]];
}

static void
window_period (AssayRuleSubjects *subjects,
               gsize              i,
               guint32           *out_from,
               guint32           *out_to)
{
  *out_to = ((WindowSubjects *) subjects)->last_day[i];
  *out_from = *out_to - (ASSAY_RULE_GROWTH_WINDOW_DAYS - 1);
}

static void
window_describe (AssayRuleSubjects *subjects,
                 gsize              i,
                 AssayRuleFlag     *flag)
{
  WindowSubjects *self = (WindowSubjects *) subjects;

  flag->subject_kind = g_strdup ("account");
  flag->subject_id = g_strdup (self->days->account[self->account[i]]);
}

/* The account's events in the window: the growth itself. */
static GArray *
window_entries (AssayRuleSubjects   *subjects,
                gsize                i,
                const AssayRuleFlag *flag,
                GError             **error)
{
  return assay_replica_account_events (subjects->replica, window_key (subjects, i),
                                       flag->from, flag->to, error);
}

static void
window_free (AssayRuleSubjects *subjects)
{
  WindowSubjects *self = (WindowSubjects *) subjects;

  g_clear_pointer (&self->days, assay_account_days_free);
  g_free (self->account);
  g_free (self->last_day);
  g_free (self->points);
  g_free (self->total_before);
  g_free (self->age);
}

static const AssayRuleSubjectsClass window_class = {
  window_next_block, window_column, window_key, window_period, window_describe,
  window_entries, NULL, window_free,
};

AssayRuleSubjects *
_assay_rule_subjects_window (AssayReplica  *replica,
                             AssayRuleSet  *set,
                             GError       **error)
{
  WindowSubjects *self = g_new0 (WindowSubjects, 1);

  self->parent.klass = &window_class;
  self->parent.replica = g_object_ref (replica);
  self->parent.set = g_object_ref (set);
  return &self->parent;
}
