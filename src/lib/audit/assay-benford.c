/* assay-benford.c — first-digit (Benford) distribution of event points
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

#include "assay-benford.h"
#include "assay-replica-charts.h"
#include "assay-stats-chisq.h"

/* Nigrini's MAD bounds for first digits (STATISTICS.md §3): close,
 * acceptable, marginally acceptable; above, nonconformity. */
static const double mad_bounds[] = { 0.006, 0.012, 0.015 };

void
assay_benford_group_free (AssayBenfordGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->group);
  g_free (group);
}

void
assay_benford_result_free (AssayBenfordResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->groups, g_ptr_array_unref);
  g_free (result);
}

double
assay_benford_expected_share (guint d)
{
  g_return_val_if_fail (d >= 1 && d <= 9, NAN);

  return log10 (1 + 1.0 / d);
}

guint
assay_benford_first_digit (gint64 points)
{
  if (points <= 0)
    return 0;
  while (points >= 10)
    points /= 10;
  return (guint) points;
}

/* Nigrini's z: the gap between the observed and expected shares less the
 * continuity correction 1/(2N), which he applies only when it is smaller
 * than the gap, over the binomial standard error.  Unsigned, as his: the
 * counts show the direction. */
static double
digit_z (double observed_share,
         double expected_share,
         double n)
{
  double gap = fabs (observed_share - expected_share);
  double correction = 1 / (2 * n);

  if (correction < gap)
    gap -= correction;
  return gap / sqrt (expected_share * (1 - expected_share) / n);
}

static AssayBenfordConformity
read_mad (double mad)
{
  if (mad < mad_bounds[0])
    return ASSAY_BENFORD_CLOSE;
  if (mad < mad_bounds[1])
    return ASSAY_BENFORD_ACCEPTABLE;
  if (mad < mad_bounds[2])
    return ASSAY_BENFORD_MARGINAL;
  return ASSAY_BENFORD_NONCONFORMITY;
}

void
assay_benford_test_counts (const guint64      counts[9],
                           guint              min_n,
                           AssayBenfordGroup *out)
{
  double observed[9], expected[9], n = 0, mad = 0;
  AssayStatsChisq chisq = { 0 };

  g_return_if_fail (counts != NULL && out != NULL);

  for (guint d = 1; d <= 9; d++)
    {
      out->counts[d - 1] = counts[d - 1];
      observed[d - 1] = counts[d - 1];
      expected[d - 1] = assay_benford_expected_share (d);
      n += counts[d - 1];
    }
  out->n = (guint64) n;
  out->df = 8;
  out->chisq = out->p_value = out->mad = NAN;
  out->conformity = ASSAY_BENFORD_INSUFFICIENT;
  for (guint d = 0; d < 9; d++)
    {
      out->expected[d] = n * expected[d];
      out->z[d] = NAN;
    }
  if (out->n < MAX (min_n, 1))
    return;
  for (guint d = 0; d < 9; d++)
    {
      out->z[d] = digit_z (observed[d] / n, expected[d], n);
      mad += fabs (observed[d] / n - expected[d]) / 9;
    }
  /* The shares sum to 1 up to rounding and n > 0: this cannot fail. */
  if (assay_stats_chisq_gof (observed, expected, 9, &chisq, NULL))
    {
      out->chisq = chisq.statistic;
      out->p_value = chisq.p_value;
    }
  out->mad = mad;
  out->conformity = read_mad (mad);
}

/* One group's nine counts from its (points, events) rows. */
static AssayBenfordGroup *
group_from_rows (const AssayPointsCount *rows,
                 guint                   n_rows,
                 guint                   min_n,
                 guint64                *n_without_digit)
{
  AssayBenfordGroup *group = g_new0 (AssayBenfordGroup, 1);
  guint64 counts[9] = { 0 };

  for (guint i = 0; i < n_rows; i++)
    {
      guint d = assay_benford_first_digit (rows[i].points);

      if (d == 0)
        *n_without_digit += rows[i].events;
      else
        counts[d - 1] += rows[i].events;
    }
  assay_benford_test_counts (counts, min_n, group);
  group->group = g_strdup (rows[0].group);
  return group;
}

AssayBenfordResult *
assay_benford_run (AssayReplica   *replica,
                   AssayBenfordBy  by,
                   guint           min_n,
                   GError        **error)
{
  g_autoptr(AssayBenfordResult) result = g_new0 (AssayBenfordResult, 1);
  g_autoptr(GArray) rows = NULL;
  const AssayPointsCount *row;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);

  rows = assay_replica_event_points_counts (replica, by == ASSAY_BENFORD_BY_COUNTY, error);
  if (rows == NULL)
    return NULL;
  result->by = by;
  result->min_n = min_n;
  result->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_benford_group_free);
  row = (const AssayPointsCount *) (void *) rows->data;
  /* The rows come ordered by group: each run of one group is one test. */
  for (guint i = 0, end; i < rows->len; i = end)
    {
      for (end = i; end < rows->len && g_strcmp0 (row[end].group, row[i].group) == 0; end++)
        ;
      g_ptr_array_add (result->groups,
                       group_from_rows (row + i, end - i, min_n, &result->n_without_digit));
    }
  return g_steal_pointer (&result);
}

const char *
assay_benford_get_caveat (void)
{
  return _("A departure from Benford's law is a red flag that calls for a look at the "
           "records, never a finding by itself: point values set by formulas, capped or "
           "confined to a narrow range do not follow the law even when nothing is wrong.");
}

const char *
assay_benford_conformity_get_label (AssayBenfordConformity conformity)
{
  switch (conformity)
    {
    case ASSAY_BENFORD_CLOSE:
      return _("close conformity");
    case ASSAY_BENFORD_ACCEPTABLE:
      return _("acceptable conformity");
    case ASSAY_BENFORD_MARGINAL:
      return _("marginally acceptable conformity");
    case ASSAY_BENFORD_NONCONFORMITY:
      return _("nonconformity");
    case ASSAY_BENFORD_INSUFFICIENT:
    default:
      return _("insufficient data");
    }
}
