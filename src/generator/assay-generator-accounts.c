/* assay-generator-accounts.c — the generated population: kinds, counties, rates, and each account's sums
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

/* Dimension profiles per account kind (professional, knowledge, community,
 * ecological, data, market order). */
static const double kind_profiles[ASSAY_N_ACCOUNT_KINDS][N_DIMS] = {
  { 0.16, 0.18, 0.28, 0.26, 0.04, 0.08 },
  { 0.34, 0.12, 0.06, 0.18, 0.14, 0.16 },
  { 0.12, 0.26, 0.32, 0.16, 0.10, 0.04 },
};
static const double kind_shares[ASSAY_N_ACCOUNT_KINDS] = { 0.85, 0.10, 0.05 };
static const double kind_yearly_events[ASSAY_N_ACCOUNT_KINDS] = { 10, 24, 40 };

guint
_assay_generator_pick_county (Rng *rng)
{
  double odds[N_COUNTIES];

  for (guint c = 0; c < N_COUNTIES; c++)
    odds[c] = _assay_generator_counties[c].weight;
  return rng_pick (rng, odds, N_COUNTIES);
}

static void
account_init (AssayGenerator *self,
              guint           index,
              guint64         name_key)
{
  Account *a = &self->accounts[index];
  Rng *rng = &self->rng;
  guint64 mixed = name_key + index;
  double yearly, sum = 0;

  /* splitmix64's finaliser is a bijection, so distinct indices give
   * distinct pseudonyms. */
  g_snprintf (a->name, sizeof a->name, "%016" G_GINT64_MODIFIER "x", splitmix64 (&mixed));
  a->kind = (guint8) rng_pick (rng, kind_shares, ASSAY_N_ACCOUNT_KINDS);
  a->county = (guint8) _assay_generator_pick_county (rng);
  a->role = ROLE_HONEST;

  /* Heavy-tailed activity: lognormal, σ = 1, mean kind_yearly_events. */
  yearly = kind_yearly_events[a->kind] * exp (rng_normal (rng) - 0.5);
  yearly = MIN (yearly, 400.0);
  a->rate = (float) (yearly / 365.0);
  a->redeem_rate = (float) ((0.6 + 0.12 * yearly) / 365.0);

  for (guint d = 0; d < N_DIMS; d++)
    {
      a->weight[d] = (float) (kind_profiles[a->kind][d] * exp (0.45 * rng_normal (rng)));
      sum += a->weight[d];
    }
  for (guint d = 0; d < N_DIMS; d++)
    a->weight[d] /= (float) sum;

  a->join = rng_uniform (rng) < 0.6 ? 0 : (gint32) rng_below (rng, self->n_days / 2);
  a->first_event = a->last_event = a->last_cs_day = a->last_growth_check = -1;
  for (guint s = 0; s < 7; s++)
    a->slot_day[s] = -1;

  g_array_append_val (self->by_county[a->county], index);
  if (a->kind == ASSAY_ACCOUNT_ORGANIZATION)
    g_array_append_val (self->orgs_by_county[a->county], index);
}

void
_assay_generator_setup_accounts (AssayGenerator *self)
{
  guint64 state = self->params.seed ^ 0x5a17ed5eedULL;
  guint64 name_key = splitmix64 (&state);

  self->n_accounts = self->params.n_accounts;
  self->accounts = g_new0 (Account, self->n_accounts);
  for (guint c = 0; c < N_COUNTIES; c++)
    {
      self->by_county[c] = g_array_new (FALSE, FALSE, sizeof (guint));
      self->orgs_by_county[c] = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  for (guint i = 0; i < self->n_accounts; i++)
    account_init (self, i, name_key);

  for (guint c = 0; c < N_COUNTIES; c++)
    {
      /* About two volunteers per shared activity on a busy day. */
      self->pool_size[c] = MIN (9999u, 16 + self->by_county[c]->len / 40);
      for (guint t = 0; t < N_TEMPLATES; t++)
        self->issuers[c][t] = g_strconcat (_assay_generator_counties[c].name,
                                           _assay_generator_templates[t].bureau, NULL);
      for (guint i = 0; i < N_ITEMS; i++)
        self->providers[c][i] = g_strconcat (_assay_generator_counties[c].name,
                                             _assay_generator_items[i].provider, NULL);
    }
}

/* ---- account state ------------------------------------------------------- */

void
_assay_generator_account_add (AssayGenerator *self,
                              Account        *a,
                              gint32          day,
                              guint           dim,
                              gint64          points)
{
  guint s = (guint) day % 7;

  if (a->slot_day[s] != day)
    {
      a->slot_day[s] = day;
      a->slot[s] = 0;
    }
  a->slot[s] += points;
  a->quarter[dim] += points;
  a->total += points;
  a->balance += points;
  if (a->first_event < 0)
    a->first_event = day;
  if (a->last_event != day)
    {
      guint index = (guint) (a - self->accounts);

      g_array_append_val (self->active[s], index);
    }
  a->last_event = day;
}
