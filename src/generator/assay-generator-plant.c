/* assay-generator-plant.c — choosing the accounts, days and counties of planted misconduct and decoys
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

#include <stdlib.h>

#include "assay-generator-private.h"

/* The focus of a planted or decoy account: its strongest dimension among
 * those where its kind earns enough per event to pass CONC_MIN_TOTAL in a
 * quarter (an individual's professional and data items are small). */
static guint
focus_dim (const Account *a)
{
  static const guint8 allowed[ASSAY_N_ACCOUNT_KINDS] = {
    1 << ASSAY_DIMENSION_KNOWLEDGE | 1 << ASSAY_DIMENSION_COMMUNITY | 1 << ASSAY_DIMENSION_ECOLOGICAL,
    1 << ASSAY_DIMENSION_PROFESSIONAL | 1 << ASSAY_DIMENSION_KNOWLEDGE | 1 << ASSAY_DIMENSION_ECOLOGICAL
    | 1 << ASSAY_DIMENSION_DATA,
    1 << ASSAY_DIMENSION_PROFESSIONAL | 1 << ASSAY_DIMENSION_KNOWLEDGE | 1 << ASSAY_DIMENSION_COMMUNITY
    | 1 << ASSAY_DIMENSION_ECOLOGICAL | 1 << ASSAY_DIMENSION_DATA,
  };
  int best = -1;

  for (guint i = 0; i < N_DIMS; i++)
    if ((allowed[a->kind] & (1 << i)) && (best < 0 || a->weight[i] > a->weight[best]))
      best = (int) i;
  return (guint) best;
}

/* A random honest account of one of @kinds (and of @county unless -1),
 * turned into @role: active from the first day, at @yearly events. */
static gboolean
take_account (AssayGenerator     *self,
              guint8              kinds,
              int                 county,
              AssayGeneratorRole  role,
              double              yearly,
              guint              *out)
{
  const GArray *pool = county >= 0 ? self->by_county[county] : NULL;
  guint n = pool != NULL ? pool->len : self->n_accounts;
  guint start = rng_below (&self->rng, n);

  for (guint k = 0; k < n; k++)
    {
      guint i = (start + k) % n;
      guint index = pool != NULL ? g_array_index (pool, guint, i) : i;
      Account *a = &self->accounts[index];

      if (a->role != ROLE_HONEST || !((1 << a->kind) & kinds))
        continue;
      a->role = (guint8) role;
      a->join = 0;
      a->rate = (float) (yearly / 365.0);
      a->redeem_rate = (float) ((0.6 + 0.12 * yearly) / 365.0);
      a->focus = (guint8) focus_dim (a);
      *out = index;
      return TRUE;
    }
  return FALSE;
}

static guint
count_free_individuals (AssayGenerator *self,
                        guint           county)
{
  guint n = 0;

  for (guint i = 0; i < self->by_county[county]->len; i++)
    {
      const Account *a = &self->accounts[g_array_index (self->by_county[county], guint, i)];

      n += a->role == ROLE_HONEST && a->kind == ASSAY_ACCOUNT_INDIVIDUAL;
    }
  return n;
}

/* A county with @n free individuals: a weighted random one if it has them,
 * else the one with the most. */
static int
pick_group_county (AssayGenerator *self,
                   guint           n)
{
  guint county = _assay_generator_pick_county (&self->rng);
  guint best = 0, best_free = 0;

  if (count_free_individuals (self, county) >= n)
    return (int) county;
  for (guint c = 0; c < N_COUNTIES; c++)
    {
      guint n_free = count_free_individuals (self, c);

      if (n_free > best_free)
        {
          best = c;
          best_free = n_free;
        }
    }
  return best_free >= n ? (int) best : -1;
}

static guint
usable_quarters (AssayGenerator *self,
                 guint          *out)
{
  guint n = 0;

  for (guint q = 0; q < self->n_quarters; q++)
    if (self->quarters[q].last - self->quarters[q].first + 1 >= MIN_PLANT_QUARTER_DAYS)
      out[n++] = q;
  return n;
}

static void
plant_concentration (AssayGenerator *self,
                     guint           n,
                     gboolean        consecutive)
{
  g_autofree guint *usable = g_new (guint, self->n_quarters);
  guint n_usable = usable_quarters (self, usable);
  guint n_pairs = 0;
  g_autofree guint *pairs = g_new (guint, self->n_quarters);

  for (guint i = 0; i + 1 < n_usable; i++)
    if (usable[i + 1] == usable[i] + 1)
      pairs[n_pairs++] = usable[i];

  for (guint k = 0; k < n; k++)
    {
      ConcPlan plan = { 0 };

      if (!take_account (self, KIND_I | KIND_E, -1, consecutive ? ROLE_CONSECUTIVE : ROLE_CONCENTRATION,
                         rng_range (&self->rng, 180, 280), &plan.account))
        return;
      plan.consecutive = consecutive;
      plan.quarter = consecutive ? pairs[rng_below (&self->rng, n_pairs)]
                                 : usable[rng_below (&self->rng, n_usable)];
      self->accounts[plan.account].plan = self->conc_plans->len;
      g_array_append_val (self->conc_plans, plan);
    }
}

static void
plant_growth (AssayGenerator *self,
              guint           n)
{
  for (guint k = 0; k < n; k++)
    {
      GrowthPlan plan = { 0 };

      if (!take_account (self, KIND_ALL, -1, ROLE_GROWTH, rng_range (&self->rng, 80, 140), &plan.account))
        return;
      plan.planned = rng_range (&self->rng, 75, (int) self->n_days - 30);
      plan.first = plan.last = -1;
      self->accounts[plan.account].plan = self->growth_plans->len;
      g_array_append_val (self->growth_plans, plan);
    }
}

static gboolean
take_group (AssayGenerator     *self,
            guint               n,
            AssayGeneratorRole  role,
            int                 yearly_lo,
            int                 yearly_hi,
            guint              *members,
            guint              *county)
{
  int c = pick_group_county (self, n);

  if (c < 0)
    return FALSE;
  for (guint m = 0; m < n; m++)
    if (!take_account (self, KIND_I, c, role, rng_range (&self->rng, yearly_lo, yearly_hi), &members[m]))
      return FALSE;
  *county = (guint) c;
  return TRUE;
}

static void
plant_rings (AssayGenerator *self,
             guint           n)
{
  for (guint k = 0; k < n; k++)
    {
      RingPlan plan = { { 0 } };
      int weeks = rng_range (&self->rng, 10, 14);

      plan.n = (guint) rng_range (&self->rng, 4, 6);
      if (!take_group (self, plan.n, ROLE_RING, 10, 30, plan.members, &plan.county))
        return;
      plan.first = rng_range (&self->rng, 30, MAX (30, (int) self->n_days - 7 * weeks - 7));
      plan.last = MIN ((int) self->n_days - 1, plan.first + 7 * weeks - 1);
      if (rng_uniform (&self->rng) < 0.5)
        {
          plan.weekday_a = 6;
          plan.weekday_b = 7;
        }
      else
        {
          plan.weekday_a = (guint8) rng_range (&self->rng, 1, 5);
          plan.weekday_b = (guint8) rng_range (&self->rng, 6, 7);
        }
      for (guint m = 0; m < plan.n; m++)
        self->accounts[plan.members[m]].plan = self->ring_plans->len;
      g_array_append_val (self->ring_plans, plan);
    }
}

static int
compare_gint32 (gconstpointer a,
                gconstpointer b)
{
  gint32 x = *(const gint32 *) a, y = *(const gint32 *) b;

  return (x > y) - (x < y);
}

static void
plant_households (AssayGenerator *self,
                  guint           n)
{
  for (guint k = 0; k < n; k++)
    {
      HouseholdPlan plan = { { 0 } };

      plan.n = (guint) rng_range (&self->rng, 3, 4);
      if (!take_group (self, plan.n, ROLE_HOUSEHOLD, 15, 40, plan.members, &plan.county))
        return;
      /* A few weekend days spread over the range, never in lockstep. */
      plan.n_days = (guint) rng_range (&self->rng, 3, 5);
      for (guint d = 0; d < plan.n_days; d++)
        {
          gint32 day;
          gboolean clash;

          do
            {
              day = (gint32) rng_below (&self->rng, self->n_days);
              while (!self->days[day].weekend && day + 1 < (gint32) self->n_days)
                day++;
              clash = FALSE;
              for (guint e = 0; e < d; e++)
                clash |= plan.days[e] == day;
            }
          while (clash);
          plan.days[d] = day;
        }
      qsort (plan.days, plan.n_days, sizeof (gint32), compare_gint32);
      for (guint m = 0; m < plan.n; m++)
        self->accounts[plan.members[m]].plan = self->household_plans->len;
      g_array_append_val (self->household_plans, plan);
    }
}

static void
plant_singles (AssayGenerator     *self,
               GArray             *list,
               guint               n,
               guint8              kinds,
               AssayGeneratorRole  role,
               int                 yearly_lo,
               int                 yearly_hi)
{
  for (guint k = 0; k < n; k++)
    {
      guint index;

      if (!take_account (self, kinds, -1, role, rng_range (&self->rng, yearly_lo, yearly_hi), &index))
        return;
      self->accounts[index].plan = list->len;
      g_array_append_val (list, index);
    }
}

static void
plant_spikes (AssayGenerator *self,
              guint           n)
{
  guint order[N_COUNTIES];

  /* Largest counties first: they have the most accounts able to redeem. */
  for (guint c = 0; c < N_COUNTIES; c++)
    order[c] = c;
  for (guint i = 1; i < N_COUNTIES; i++)
    for (guint j = i; j > 0 && self->by_county[order[j]]->len > self->by_county[order[j - 1]]->len; j--)
      {
        guint t = order[j];

        order[j] = order[j - 1];
        order[j - 1] = t;
      }

  for (guint k = 0; k < n; k++)
    {
      SpikePlan plan = { order[k % N_COUNTIES], 0 };
      gboolean clash;
      guint tries = 0;

      do
        {
          plan.day = rng_range (&self->rng, 90, (int) self->n_days - 3);
          clash = FALSE;
          for (guint e = 0; e < self->spike_plans->len; e++)
            {
              const SpikePlan *other = &g_array_index (self->spike_plans, SpikePlan, e);

              clash |= other->county == plan.county && ABS (other->day - plan.day) < 2 * SPIKE_WINDOW;
            }
        }
      while (clash && ++tries < 100);
      if (!clash)
        g_array_append_val (self->spike_plans, plan);
    }
}

void
_assay_generator_plant (AssayGenerator *self)
{
  guint n = self->n_accounts;

  plant_concentration (self, MAX (3, n / 500), FALSE);
  plant_concentration (self, MAX (3, n / 1000), TRUE);
  plant_growth (self, MAX (3, n / 500));
  plant_rings (self, MAX (2, n / 2500));
  plant_households (self, MAX (2, n / 2000));
  plant_singles (self, self->specialists, MAX (3, n / 500), KIND_ALL, ROLE_SPECIALIST, 120, 200);
  plant_singles (self, self->steadies, MAX (3, n / 1000), KIND_E | KIND_O, ROLE_STEADY, 300, 400);
  plant_spikes (self, MAX (2, self->params.n_months / 4));
}
