/* assay-generator-policy.c — keeping planted and decoy accounts where they belong
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

#include "assay-generator-private.h"

Policy
_assay_generator_account_policy (AssayGenerator *self,
                                 const Account  *a,
                                 guint           quarter)
{
  const ConcPlan *plan;

  switch ((AssayGeneratorRole) a->role)
    {
    case ROLE_HONEST:
    case ROLE_RING:
      return POLICY_FREE;
    case ROLE_CONCENTRATION:
    case ROLE_CONSECUTIVE:
      plan = &g_array_index (self->conc_plans, ConcPlan, a->plan);
      if (quarter == plan->quarter || (plan->consecutive && quarter == plan->quarter + 1))
        return POLICY_FLOOR;
      return POLICY_CAP;
    case ROLE_SPECIALIST:
      return POLICY_BAND;
    case ROLE_GROWTH:
    case ROLE_HOUSEHOLD:
    case ROLE_STEADY:
    default:
      return POLICY_CAP;
    }
}

/* Whether the quarter's sums stay acceptable after adding @points to @dim.
 * Below CONC_MIN_TOTAL the caps apply to CONC_MIN_TOTAL, so the account
 * can always cross the minimum with its shares already in place. */
gboolean
_assay_generator_policy_accepts (const Account *a,
                                 Policy         policy,
                                 guint          dim,
                                 gint64         points)
{
  gint64 q[N_DIMS];
  gint64 total = 0, base;
  int cap;

  for (guint d = 0; d < N_DIMS; d++)
    {
      q[d] = a->quarter[d] + (d == dim ? points : 0);
      total += MAX (q[d], 0);
    }
  switch (policy)
    {
    case POLICY_FLOOR:
      return 100 * q[a->focus] >= FLOOR_PERCENT * total;
    case POLICY_CAP:
    case POLICY_BAND:
      cap = policy == POLICY_CAP ? CAP_PERCENT : BAND_CAP_PERCENT;
      base = MAX (total, CONC_MIN_TOTAL);
      for (guint d = 0; d < N_DIMS; d++)
        if (100 * q[d] > cap * base)
          return FALSE;
      return TRUE;
    case POLICY_FREE:
    default:
      return TRUE;
    }
}

/* Whether adding @points today keeps the growth rule unbroken for every
 * day whose window contains today, assuming nothing else happens; later
 * events are checked when they come, so the rule never breaks. */
gboolean
_assay_generator_growth_accepts (AssayGenerator *self,
                                 const Account  *a,
                                 gint32          day,
                                 gint64          points)
{
  gint32 first = a->first_event >= 0 ? a->first_event : day;
  gint64 total = a->total + points;

  for (gint32 t = day; t <= day + 6 && t < (gint32) self->n_days; t++)
    {
      gint64 w = window_points (a, t - 6) + points;
      gint64 p = total - w;

      if (p >= GROWTH_MIN_PRIOR && first + 6 + GROWTH_MIN_HISTORY <= t && 100 * w > GROWTH_PERCENT * p)
        return FALSE;
    }
  return TRUE;
}

static guint
pick_dimension (AssayGenerator *self,
                const Account  *a,
                const Day      *d,
                int             exclude)
{
  double w[N_DIMS], sum = 0, u;
  guint last = 0;

  for (guint i = 0; i < N_DIMS; i++)
    {
      w[i] = (int) i == exclude ? 0 : a->weight[i] * d->dim_mod[i];
      sum += w[i];
    }
  u = rng_uniform (&self->rng) * sum;
  for (guint i = 0; i < N_DIMS; i++)
    {
      if (w[i] <= 0)
        continue;
      last = i;
      if (u < w[i])
        return i;
      u -= w[i];
    }
  return last;
}

/* The first dimension to try for a controlled account. */
static guint
steer_dimension (AssayGenerator *self,
                 const Account  *a,
                 const Day      *d,
                 Policy          policy)
{
  gint64 total = quarter_total (a);

  switch (policy)
    {
    case POLICY_FLOOR:
      return rng_uniform (&self->rng) < 0.85 ? a->focus : pick_dimension (self, a, d, a->focus);
    case POLICY_BAND:
      if (100 * a->quarter[a->focus] < BAND_TARGET_PERCENT * MAX (total, CONC_MIN_TOTAL))
        return a->focus;
      return pick_dimension (self, a, d, a->focus);
    case POLICY_CAP:
    case POLICY_FREE:
    default:
      return pick_dimension (self, a, d, -1);
    }
}

/* Fallback order after a refusal: the focus for FLOOR, else the
 * dimensions from the smallest quarter sum up. */
static void
fallback_order (const Account *a,
                Policy         policy,
                guint         *order)
{
  for (guint i = 0; i < N_DIMS; i++)
    order[i] = i;
  for (guint i = 1; i < N_DIMS; i++)
    for (guint j = i; j > 0 && a->quarter[order[j]] < a->quarter[order[j - 1]]; j--)
      {
        guint t = order[j];

        order[j] = order[j - 1];
        order[j - 1] = t;
      }
  if (policy == POLICY_FLOOR)
    {
      order[0] = a->focus;
      for (guint i = 1; i < N_DIMS; i++)
        order[i] = order[0];
    }
}

/* Draws one contribution for @a today within its policy and growth guard;
 * FALSE when none fits (the account then stays quiet). */
gboolean
_assay_generator_draw_for_account (AssayGenerator *self,
                                   guint           index,
                                   gint32          day,
                                   gboolean        guarded,
                                   Draw           *draw)
{
  const Account *a = &self->accounts[index];
  const Day *d = &self->days[day];
  Policy policy = _assay_generator_account_policy (self, a, d->quarter);
  gboolean controlled = policy != POLICY_FREE;
  guint order[N_DIMS];
  guint dim;

  if (!controlled)
    return _assay_generator_draw_contribution (self, a, day, pick_dimension (self, a, d, -1), FALSE, draw);

  dim = steer_dimension (self, a, d, policy);
  fallback_order (a, policy, order);
  for (guint attempt = 0; attempt <= N_DIMS; attempt++)
    {
      if (attempt > 0)
        dim = order[attempt - 1];
      if (!_assay_generator_draw_contribution (self, a, day, dim, TRUE, draw))
        continue;
      if (!_assay_generator_policy_accepts (a, policy, dim, draw->points))
        continue;
      return !guarded || _assay_generator_growth_accepts (self, a, day, draw->points);
    }
  return FALSE;
}
