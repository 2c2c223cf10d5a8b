/* assay-rule-subject-county.c — county_day subjects: the 6.1 redemption spike breaker
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
#include "assay-rule-spike.h"
#include "assay-rule-subjects-private.h"

typedef struct
{
  AssayRuleSubjects  parent;
  gboolean           read;
  gsize              capacity;
  guint32           *county;
  guint32           *day;
  double            *requests;
  double            *mean28;
  double            *median56;
  double            *mad56;
  double            *modified_z;
  double            *poisson_p;
} CountySubjects;

static void
reserve (CountySubjects *self,
         gsize           n)
{
  if (n <= self->capacity)
    return;
  self->capacity = MAX (n, self->capacity * 2);
  self->county = g_renew (guint32, self->county, self->capacity);
  self->day = g_renew (guint32, self->day, self->capacity);
  self->requests = g_renew (double, self->requests, self->capacity);
  self->mean28 = g_renew (double, self->mean28, self->capacity);
  self->median56 = g_renew (double, self->median56, self->capacity);
  self->mad56 = g_renew (double, self->mad56, self->capacity);
  self->modified_z = g_renew (double, self->modified_z, self->capacity);
  self->poisson_p = g_renew (double, self->poisson_p, self->capacity);
}

/* Every day of county k with requests and at least 28 days of the
 * replica's span before it (a day without requests cannot spike). */
static void
add_county (CountySubjects        *self,
            const AssayCountyDays *d,
            gsize                  k,
            guint32               *counts,
            gsize                  n_days)
{
  memset (counts, 0, n_days * sizeof *counts);
  for (gsize r = d->first_row[k]; r < d->first_row[k + 1]; r++)
    counts[d->day[r] - d->first_day] = d->requests[r];
  for (gsize r = d->first_row[k]; r < d->first_row[k + 1]; r++)
    {
      gsize t = d->day[r] - d->first_day, i = self->parent.n;
      AssayRuleSpike s;

      if (d->requests[r] == 0 || !assay_rule_spike (counts, n_days, t, &s))
        continue;
      reserve (self, i + 1);
      self->county[i] = d->county[k];
      self->day[i] = d->day[r];
      self->requests[i] = s.count;
      self->mean28[i] = s.mean28;
      self->median56[i] = s.median56;
      self->mad56[i] = s.mad56;
      self->modified_z[i] = s.modified_z;
      self->poisson_p[i] = s.poisson_sf;
      self->parent.n++;
    }
}

static gboolean
county_next_block (AssayRuleSubjects *subjects,
                   GError           **error)
{
  CountySubjects *self = (CountySubjects *) subjects;
  g_autoptr(AssayCountyDays) d = NULL;
  g_autofree guint32 *counts = NULL;
  gsize n_days;

  /* One block: a few thousand counties by a few years of days. */
  if (self->read)
    return FALSE;
  self->read = TRUE;
  d = assay_replica_county_requests_before (subjects->replica, _assay_rule_subjects_before (subjects),
                                            error);
  if (d == NULL)
    return FALSE;
  subjects->n = 0;
  subjects->done = 1;   /* one block */
  if (d->n_counties == 0)
    return TRUE;
  n_days = d->last_day - d->first_day + 1;
  counts = g_new (guint32, n_days);
  for (gsize k = 0; k < d->n_counties; k++)
    add_county (self, d, k, counts, n_days);
  return TRUE;
}

static gboolean
county_column (AssayRuleSubjects *subjects,
               const char        *name,
               AssayRuleColumn   *out)
{
  CountySubjects *self = (CountySubjects *) subjects;
  static const struct { const char *name; gsize offset; } columns[] = {
    { "county.requests", G_STRUCT_OFFSET (CountySubjects, requests) },
    { "county.mean28", G_STRUCT_OFFSET (CountySubjects, mean28) },
    { "county.median56", G_STRUCT_OFFSET (CountySubjects, median56) },
    { "county.mad56", G_STRUCT_OFFSET (CountySubjects, mad56) },
    { "county.modified_z", G_STRUCT_OFFSET (CountySubjects, modified_z) },
    { "county.poisson_p", G_STRUCT_OFFSET (CountySubjects, poisson_p) },
  };

  memset (out, 0, sizeof *out);
  out->type = ASSAY_RULE_TYPE_NUMBER;
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    if (strcmp (name, columns[c].name) == 0)
      {
        out->numbers = G_STRUCT_MEMBER (double *, self, columns[c].offset);
        return TRUE;
      }
  return FALSE;
}

static guint64
county_key (AssayRuleSubjects *subjects,
            gsize              i)
{
  return ((CountySubjects *) subjects)->county[i];
}

static void
county_period (AssayRuleSubjects *subjects,
               gsize              i,
               guint32           *out_from,
               guint32           *out_to)
{
  *out_from = *out_to = ((CountySubjects *) subjects)->day[i];
}

static void
county_describe (AssayRuleSubjects *subjects,
                 gsize              i,
                 AssayRuleFlag     *flag)
{
  flag->subject_kind = g_strdup ("county");
  flag->subject_id = g_strdup_printf ("%06u", ((CountySubjects *) subjects)->county[i]);
}

/* The day's redemption requests in the county: the spike itself. */
static GArray *
county_entries (AssayRuleSubjects   *subjects,
                gsize                i,
                const AssayRuleFlag *flag,
                GError             **error)
{
  CountySubjects *self = (CountySubjects *) subjects;

  return assay_replica_county_redemptions (subjects->replica, self->county[i], self->day[i], error);
}

static void
county_free (AssayRuleSubjects *subjects)
{
  CountySubjects *self = (CountySubjects *) subjects;

  g_free (self->county);
  g_free (self->day);
  g_free (self->requests);
  g_free (self->mean28);
  g_free (self->median56);
  g_free (self->mad56);
  g_free (self->modified_z);
  g_free (self->poisson_p);
}

static const AssayRuleSubjectsClass county_class = {
  county_next_block, county_column, county_key, county_period, county_describe,
  county_entries, NULL, county_free,
};

AssayRuleSubjects *
_assay_rule_subjects_county (AssayReplica  *replica,
                             AssayRuleSet  *set,
                             GError       **error)
{
  CountySubjects *self = g_new0 (CountySubjects, 1);

  self->parent.klass = &county_class;
  self->parent.replica = g_object_ref (replica);
  self->parent.set = g_object_ref (set);
  return &self->parent;
}
