/* assay-weights-schedule.c — which weights apply on which day
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

#include "assay-day.h"
#include "assay-error.h"
#include "assay-weights-schedule.h"

guint32
assay_weights_first_quarter_start (guint32 day)
{
  guint year, month, dom;
  guint32 start;

  assay_day_to_ymd (day, &year, &month, &dom);
  if (dom == 1 && month % 3 == 1)
    return day;
  month = (month - 1) / 3 * 3 + 4;
  if (month > 12)
    {
      month = 1;
      year++;
    }
  if (!assay_day_from_ymd (year, month, 1, &start))
    return ASSAY_DAY_MAX;
  return start;
}

static AssayWeightsVersion
equal_weights (void)
{
  AssayWeightsVersion v = { 0 };

  v.equal = TRUE;
  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    v.multiplier[d] = 1.0;
  return v;
}

static AssayWeightsVersion
logged_version (const AssayScoreOptions  *options,
                const AssayLoggedWeights *logged)
{
  AssayWeightsVersion v = { 0 };

  v.index = logged->index;
  v.logged_day = logged->logged_day;
  v.notice_end = logged->logged_day + options->notice_days;
  v.effective = MAX (logged->proposed_effective, assay_weights_first_quarter_start (v.notice_end));
  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    {
      v.basis_points[d] = logged->basis_points[d];
      v.multiplier[d] = 6.0 * logged->basis_points[d] / 10000.0;
    }
  v.status = v.effective < options->equal_weight_end ? ASSAY_WEIGHTS_VOID : ASSAY_WEIGHTS_SCHEDULED;
  return v;
}

static int
compare_effective (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const AssayWeightsVersion *versions = user_data;
  const AssayWeightsVersion *x = &versions[*(const guint *) a], *y = &versions[*(const guint *) b];

  if (x->effective != y->effective)
    return x->effective < y->effective ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* The periods: the equal weights from day 0, then each version that takes
 * effect, in day order; the later logged of two on one day wins. */
static gboolean
make_periods (AssayWeightsSchedule  *s,
              guint32                today,
              GError               **error)
{
  AssayWeightsVersion *versions = (AssayWeightsVersion *) s->versions->data;
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = 1;

  for (guint i = 1; i < s->versions->len; i++)
    if (versions[i].status != ASSAY_WEIGHTS_VOID)
      g_array_append_val (order, i);
  g_array_sort_with_data (order, compare_effective, versions);
  s->period_version[0] = 0;
  for (guint k = 0; k < order->len; k++)
    {
      guint i = g_array_index (order, guint, k);

      if (k + 1 < order->len && versions[g_array_index (order, guint, k + 1)].effective == versions[i].effective)
        {
          versions[i].status = ASSAY_WEIGHTS_REPLACED;
          continue;
        }
      if (n == ASSAY_VALUE_MAX_PERIODS)
        {
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                       _("More than %u weights periods: the value sums cannot hold them."),
                       ASSAY_VALUE_MAX_PERIODS);
          return FALSE;
        }
      s->basis.period_start[n] = versions[i].effective;
      s->period_version[n++] = i;
    }
  s->basis.n_periods = n;
  for (guint p = 0; p < n; p++)
    {
      AssayWeightsVersion *v = &versions[s->period_version[p]];
      gboolean started = p == 0 || s->basis.period_start[p] <= today;
      gboolean ended = p + 1 < n && s->basis.period_start[p + 1] <= today;

      if (!started)
        v->status = today < v->notice_end ? ASSAY_WEIGHTS_IN_NOTICE : ASSAY_WEIGHTS_SCHEDULED;
      else
        v->status = ended ? ASSAY_WEIGHTS_PAST : ASSAY_WEIGHTS_IN_FORCE;
    }
  return TRUE;
}

AssayWeightsSchedule *
assay_weights_schedule_new (const AssayScoreOptions  *options,
                            const AssayLoggedWeights *logged,
                            gsize                     n_logged,
                            guint32                   today,
                            GError                  **error)
{
  g_autoptr(AssayWeightsSchedule) s = g_new0 (AssayWeightsSchedule, 1);
  AssayWeightsVersion equal = equal_weights ();

  s->versions = g_array_new (FALSE, FALSE, sizeof (AssayWeightsVersion));
  g_array_append_val (s->versions, equal);
  for (gsize i = 0; i < n_logged; i++)
    {
      AssayWeightsVersion v = logged_version (options, &logged[i]);

      g_array_append_val (s->versions, v);
    }
  s->basis.decay_rate = options->decay_rate;
  s->basis.base_day = options->pilot_start;
  if (!make_periods (s, today, error))
    return NULL;
  return g_steal_pointer (&s);
}

void
assay_weights_schedule_free (AssayWeightsSchedule *s)
{
  if (s == NULL)
    return;
  g_array_unref (s->versions);
  g_free (s);
}

guint
assay_weights_schedule_period_of (const AssayWeightsSchedule *s,
                                  guint32                     day)
{
  guint p = s->basis.n_periods - 1;

  while (p > 0 && s->basis.period_start[p] > day)
    p--;
  return p;
}

const AssayWeightsVersion *
assay_weights_schedule_on (const AssayWeightsSchedule *s,
                           guint32                     day)
{
  guint p = assay_weights_schedule_period_of (s, day);

  return &g_array_index (s->versions, AssayWeightsVersion, s->period_version[p]);
}

double
assay_weights_schedule_multiplier (const AssayWeightsSchedule *s,
                                   guint                       period,
                                   int                         dimension)
{
  return g_array_index (s->versions, AssayWeightsVersion, s->period_version[period]).multiplier[dimension];
}
