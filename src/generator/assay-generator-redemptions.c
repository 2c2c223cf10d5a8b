/* assay-generator-redemptions.c — each day's redemptions and the planted redemption runs
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

static const double tier_odds[ASSAY_N_TIERS] = { 0.72, 0.18, 0.08, 0.02 };

/* Writes the redemption of @item by account @index and takes its cost
 * from the balance. */
static void
redeem (AssayGenerator *self,
        guint           index,
        gint32          day,
        guint           item)
{
  Account *a = &self->accounts[index];

  _assay_generator_write_redemption_line (self, a, day, item);
  a->balance -= _assay_generator_items[item].cost;
  self->requests[a->county * self->n_days + day]++;
}

/* A random item of a random tier; if the balance does not cover it, a
 * basic item that it covers; G_MAXUINT if none. */
static guint
pick_item (AssayGenerator *self,
           const Account  *a)
{
  AssayTier tier = rng_pick (&self->rng, tier_odds, ASSAY_N_TIERS);
  guint candidates[N_ITEMS], n = 0;

  for (guint i = 0; i < N_ITEMS; i++)
    if (_assay_generator_items[i].tier == tier)
      candidates[n++] = i;
  if (n > 0)
    {
      guint item = candidates[rng_below (&self->rng, n)];

      if (_assay_generator_items[item].cost <= a->balance)
        return item;
    }
  n = 0;
  for (guint i = 0; i < N_ITEMS; i++)
    if (_assay_generator_items[i].tier == ASSAY_TIER_BASIC && _assay_generator_items[i].cost <= a->balance)
      candidates[n++] = i;
  return n > 0 ? candidates[rng_below (&self->rng, n)] : G_MAXUINT;
}

void
_assay_generator_account_redemptions (AssayGenerator *self,
                                      guint           index,
                                      gint32          day)
{
  const Account *a = &self->accounts[index];
  guint n;

  if (a->balance < MIN_ITEM_COST)
    return;
  n = rng_poisson (&self->rng, a->redeem_rate * self->days[day].redemption);
  for (guint k = 0; k < n; k++)
    {
      guint item = pick_item (self, a);

      if (item != G_MAXUINT)
        redeem (self, index, day, item);
    }
}

/* A run on the county's services: enough canteen vouchers to pass three
 * times the last 28 days' mean, from whoever in the county can pay. */
void
_assay_generator_redemption_run (AssayGenerator  *self,
                                 const SpikePlan *spike,
                                 gint32           day)
{
  const GArray *pool = self->by_county[spike->county];
  guint32 *counts = &self->requests[spike->county * self->n_days];
  gint64 prior = 0;
  gint64 need;
  guint start;

  if (pool->len == 0)
    return;
  for (gint32 d = day - SPIKE_WINDOW; d < day; d++)
    prior += counts[d];
  need = MAX (SPIKE_MIN_REQUESTS, SPIKE_MULTIPLIER * prior / SPIKE_WINDOW + 1) + rng_range (&self->rng, 3, 8);
  start = rng_below (&self->rng, pool->len);
  /* Up to three vouchers per account if there are too few payers. */
  for (guint round = 0; round < 3; round++)
    for (guint k = 0; k < pool->len && counts[day] < need; k++)
      {
        guint index = g_array_index (pool, guint, (start + k) % pool->len);
        const Account *a = &self->accounts[index];

        if (day >= a->join && a->balance >= _assay_generator_items[SPIKE_ITEM].cost)
          redeem (self, index, day, SPIKE_ITEM);
      }
}
