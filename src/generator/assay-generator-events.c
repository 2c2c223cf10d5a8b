/* assay-generator-events.c — each day's events: every account's own, and the planted behaviour
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

static void
record_cs_key (AssayGenerator *self,
               guint           index,
               gint32          day,
               guint           nn)
{
  Account *a = &self->accounts[index];
  CsKey key = { ((guint64) day << 32) | ((guint64) a->county << 16) | nn, index };

  g_array_append_val (self->cs_keys, key);
  a->last_cs_day = day;
  a->last_cs_nn = nn;
  a->n_cs++;
}

/* Community service is confirmed by an organization of the county when
 * there is one, else by another account of the county. */
static const Account *
pick_confirmer (AssayGenerator *self,
                guint           index)
{
  const Account *a = &self->accounts[index];
  const GArray *pool = self->orgs_by_county[a->county];

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      for (guint k = 0; k < 8 && pool->len > 0; k++)
        {
          guint other = g_array_index (pool, guint, rng_below (&self->rng, pool->len));

          if (other != index)
            return &self->accounts[other];
        }
      pool = self->by_county[a->county];
    }
  return &self->accounts[(index + 1) % self->n_accounts];
}

/* Writes @draw for account @index with today's date and activity number
 * @nn (community events; -1 to draw one), confirmed by @confirmer (NULL
 * for the usual confirmer). */
static void
emit_draw (AssayGenerator *self,
           guint           index,
           gint32          day,
           const Draw     *draw,
           int             nn,
           const Account  *confirmer)
{
  Account *a = &self->accounts[index];
  char activity[40];

  if (draw->tpl->rule == RULE_COMMUNITY)
    {
      if (nn < 0)
        nn = (int) rng_below (&self->rng, self->pool_size[a->county]);
      g_snprintf (activity, sizeof activity, "CS-%s-%s-%04d", _assay_generator_counties[a->county].code,
                  self->days[day].compact, nn);
      if (confirmer == NULL)
        confirmer = pick_confirmer (self, index);
      record_cs_key (self, index, day, (guint) nn);
    }
  else
    {
      g_snprintf (activity, sizeof activity, "%s-%s-%s-%06u", draw->tpl->prefix,
                  _assay_generator_counties[a->county].code, self->days[day].compact,
                  (guint) (self->seq++ % 1000000));
      confirmer = NULL;
    }
  _assay_generator_write_event_line (self, a, day, draw, activity, confirmer);
  _assay_generator_account_add (self, a, day, draw->tpl->dim, draw->points);
}

static gboolean
is_guarded (const Account *a)
{
  return a->role != ROLE_HONEST && a->role != ROLE_RING;
}

/* In its last two weeks, a planted concentrated quarter that is still
 * short of CONC_MIN_TOTAL gets one more event a day. */
static gboolean
needs_top_up (AssayGenerator *self,
              const Account  *a,
              gint32          day)
{
  const Quarter *q = &self->quarters[self->days[day].quarter];

  return (a->role == ROLE_CONCENTRATION || a->role == ROLE_CONSECUTIVE)
         && (gint32) q->last - day < 14
         && _assay_generator_account_policy (self, a, self->days[day].quarter) == POLICY_FLOOR
         && quarter_total (a) < CONC_MIN_TOTAL + CONC_MIN_TOTAL / 5;
}

void
_assay_generator_account_events (AssayGenerator *self,
                                 guint           index,
                                 gint32          day)
{
  const Account *a = &self->accounts[index];
  guint n;

  if (day < a->join)
    return;
  n = rng_poisson (&self->rng, a->rate * self->days[day].activity);
  if (a->role != ROLE_HONEST && needs_top_up (self, a, day))
    n++;
  for (guint k = 0; k < n; k++)
    {
      Draw draw;

      if (_assay_generator_draw_for_account (self, index, day, is_guarded (a), &draw))
        emit_draw (self, index, day, &draw, -1, NULL);
    }
}

/* ---- planted behaviour --------------------------------------------------- */

/* A burst worth the whole prior total over five days, once the account
 * has the history the rule asks for. */
void
_assay_generator_growth_burst (AssayGenerator *self,
                               GrowthPlan     *plan,
                               gint32          day)
{
  Account *a = &self->accounts[plan->account];
  gint64 quota;

  if (plan->first < 0)
    {
      gint64 prior;

      if (day < plan->planned || day + 4 >= (gint32) self->n_days || a->first_event < 0)
        return;
      /* P on the burst's last day: what is older than the day before yesterday. */
      prior = a->total - window_points (a, day - 2);
      if (prior < 2 * GROWTH_MIN_PRIOR || a->first_event + 30 > day)
        return;
      plan->first = day;
      plan->last = day + 4;
      plan->target = prior;
    }
  if (day > plan->last)
    return;

  quota = plan->target * (day - plan->first + 1) / 5;
  for (guint k = 0; k < 200 && plan->emitted < quota; k++)
    {
      Draw draw;

      if (!_assay_generator_draw_for_account (self, plan->account, day, FALSE, &draw))
        continue;
      emit_draw (self, plan->account, day, &draw, -1, NULL);
      plan->emitted += draw.points;
    }
}

/* An activity number none of @members used today. */
static int
shared_activity (AssayGenerator *self,
                 const guint    *members,
                 guint           n,
                 guint           county,
                 gint32          day)
{
  for (;;)
    {
      int nn = (int) rng_below (&self->rng, self->pool_size[county]);
      gboolean used = FALSE;

      for (guint m = 0; m < n; m++)
        {
          const Account *a = &self->accounts[members[m]];

          used |= a->last_cs_day == day && a->last_cs_nn == (guint) nn;
        }
      if (!used)
        return nn;
    }
}

/* Ring members report the same service on the same days and confirm each
 * other round the ring. */
void
_assay_generator_ring_day (AssayGenerator *self,
                           const RingPlan *ring,
                           gint32          day)
{
  guint8 weekday = self->days[day].weekday;
  Draw draw;
  int nn;

  if (day < ring->first || day > ring->last || (weekday != ring->weekday_a && weekday != ring->weekday_b))
    return;
  nn = shared_activity (self, ring->members, ring->n, ring->county, day);
  while (!_assay_generator_community_draw (&draw, rng_range (&self->rng, 20, 40), 1.5, 1.2))
    ;
  for (guint m = 0; m < ring->n; m++)
    emit_draw (self, ring->members[m], day, &draw, nn,
               &self->accounts[ring->members[(m + 1) % ring->n]]);
}

/* Whether household member @a may file @draw today: its only `community`
 * event of the day, within its policy and growth guard. */
static gboolean
member_accepts (AssayGenerator *self,
                const Account  *a,
                gint32          day,
                const Draw     *draw)
{
  Policy policy;

  if (a->last_cs_day == day)
    return FALSE;
  policy = _assay_generator_account_policy (self, a, self->days[day].quarter);
  return _assay_generator_policy_accepts (a, policy, ASSAY_DIMENSION_COMMUNITY, draw->points)
         && _assay_generator_growth_accepts (self, a, day, draw->points);
}

/* A household volunteers together on a few days only; each member's
 * report is still held to its own policy. */
void
_assay_generator_household_day (AssayGenerator      *self,
                                const HouseholdPlan *household,
                                gint32               day)
{
  gboolean today = FALSE;
  double participants;
  int nn;

  for (guint d = 0; d < household->n_days; d++)
    today |= household->days[d] == day;
  if (!today)
    return;
  nn = shared_activity (self, household->members, household->n, household->county, day);
  participants = rng_range (&self->rng, 10, 30);
  for (guint m = 0; m < household->n; m++)
    {
      guint index = household->members[m];
      const Account *a = &self->accounts[index];
      double quality = _assay_generator_draw_quality (&self->rng);
      Draw draw;

      if (!_assay_generator_community_draw (&draw, participants, 1.0, quality)
          || !member_accepts (self, a, day, &draw))
        continue;
      emit_draw (self, index, day, &draw, nn, NULL);
    }
}
