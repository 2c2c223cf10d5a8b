/* assay-generator.c — the deterministic pilot dataset generator
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

/* What it makes
 * =============
 *
 * JSON Lines of `event` and `redemption` bodies exactly as README.md
 * "Ledger format" specifies, ordered by event_date (within a day: each
 * account in turn with its own events and then its redemptions, then
 * growth bursts, rings, households and redemption runs — always the same
 * order for a seed), and after each day's lines the filings filed that
 * day (README "Filings"; assay-generator-filings.c, which documents their
 * rules, draws them from a stream of their own after the day loop).  Everything comes from one xoshiro256** stream seeded through
 * splitmix64, so a seed always gives the same bytes.
 *
 * Accounts are individuals (85 %), enterprises (10 %) and organizations
 * (5 %) in nine real counties of five provinces, the Yangtze River Delta
 * demonstration zone (青浦 310118, 吴江 320509, 嘉善 330421) carrying the
 * most.  60 % join on the first day, the rest during the first half.
 * Yearly event rates are lognormal (σ = 1) around a mean of 10, 24 and 40
 * for the three kinds; each account has its own dimension mix around a
 * profile of its kind.  Days follow a weekly rhythm (weekends quieter, but
 * community and ecological work move to them), a Spring Festival dip, a
 * National Day dip, a summer ecological peak and a December project rush.
 *
 * Points are the integer nearest to a rule's formula applied to the inputs
 * written in `rule.inputs` (halves away from zero; inputs whose product
 * lies within 1e-6 of a half are never drawn, so every rounding order
 * agrees).  The formulas, from seed 002 annex 4 (附件四) §3 and seed 004
 * §1.2, are all plain products of the inputs in the order written:
 *
 *   resource  = base_value × duration × demand_index × rating     (§3.1)
 *   skill     = difficulty × hours × rating × people              (§3.2)
 *   project   = base_value × share × impact × completion          (§3.3)
 *   community = participants × impact × quality                   (§3.4)
 *   item      = unit × count  (004 加减分项; unit < 0 is a deduction)
 *
 * Redemptions (basic ≫ development > resource ≫ honour) never exceed the
 * account's balance: for every account and day, the points of its events
 * up to that day minus its redemptions up to that day stay ≥ 0 (deductions
 * are only drawn when the balance covers them).
 *
 * The rules and their exact definitions (all on event_date)
 * ==========================================================
 *
 * concentration   for an account and a calendar quarter, let Q_d be the sum
 *                 of its event points in dimension d with event_date in the
 *                 quarter, T = Σ_d max(Q_d, 0).  It breaks Article X when
 *                 T ≥ 500 and max_d max(Q_d, 0) > 70 % of T (10·Q > 7·T).
 * consecutive     the same account and dimension break `concentration` in
 *                 two consecutive quarters.
 * growth          for an account and a day t, W = points with event_date in
 *                 [t−6, t], P = points with event_date ≤ t−7.  It breaks
 *                 6.1 when P ≥ 500, the account's first event is on or
 *                 before t−34 (28 days before the window) and W > 50 % of P.
 * county_spike    for a county and a day t ≥ start + 28, x = redemption
 *                 requests (lines) with that county and event_date t, S =
 *                 their number over [t−28, t−1].  It breaks 6.1 when
 *                 x ≥ 20 and x > 3 × S / 28 (28·x > 3·S).
 * lockstep ring   A_i = the set of (event_date, activity) of account i's
 *                 events with rule id `community`.  Accounts i, j are in
 *                 lockstep when |A_i ∩ A_j| ≥ 8 and the Jaccard index
 *                 |A_i ∩ A_j| / |A_i ∪ A_j| ≥ 1/2.  A ring is a connected
 *                 component of the lockstep graph with ≥ 3 accounts.
 *
 * The truth file (format "assay-pilot-truth/1")
 * ============================================
 *
 * One JSON object, computed after generation from the lines written (not
 * from the plan), so it is exact for the definitions above:
 *
 *   format, parameters {accounts, months, seed (a string when above
 *       2^63 − 1, which a JSON number cannot carry), start, end},
 *   counts {lines, events, redemptions, filings, individual, enterprise,
 *       organization},
 *   definitions {concentration, growth, county_spike, lockstep, filings}:
 *       the thresholds above (and the filings' limits) as numbers,
 *   quarters [{id "2026Q1", first, last}],
 *   concentration [{account, quarter, dimension, points, total, share,
 *       role, planted}]  — every account-quarter that breaks the rule,
 *   consecutive [{account, dimension, quarters [q, q+1], role, planted}],
 *   growth [{account, days [t…], role, planted}]  — every account with
 *       every day t on which it breaks the rule,
 *   county_spikes [{county, day, requests, prior_sum, planted}],
 *   rings [{accounts […], days […], role, planted}]  — every ring; days are
 *       the dates on which two members share a (date, activity); role is
 *       "mixed" when the members' roles differ,
 *   planted [{rule, accounts […], quarters/dimension | first, last |
 *       county, day | days, verified}]  — what was planted and whether
 *       the data really breaks the rule there,
 *   decoys [{kind, accounts […], …, verified}]  — honest accounts that
 *       look unusual (specialist at 60–68 % in one dimension with
 *       max_share, household volunteering together with days and
 *       max_common, steady high earner with max_growth_ratio); verified
 *       means they break no rule at all,
 *   filings [{kind, account, filed, line, index, …facts, violations [rule…],
 *       planted}]  — every filing line, in file order, with the rules of
 *       assay-generator-filings.c it breaks.
 *
 * `role` is what the generator made the account: honest, concentration,
 * consecutive, growth, ring, specialist, household or steady.  An entry is
 * `planted` when it is the misconduct planted there; honest accounts that
 * happen to break a rule appear with planted false, so a detector's
 * precision can be measured honestly.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "assay-day.h"
#include "assay-error.h"
#include "assay-generator-private.h"

G_DEFINE_FINAL_TYPE (AssayGenerator, assay_generator, G_TYPE_OBJECT)

/* One day: every account's own events and redemptions, then the planted
 * behaviour, then the rules over what was written. */
static gboolean
generate_day (AssayGenerator  *self,
              gint32           day,
              GError         **error)
{
  for (guint i = 0; i < self->n_accounts; i++)
    {
      _assay_generator_account_events (self, i, day);
      _assay_generator_account_redemptions (self, i, day);
    }
  for (guint k = 0; k < self->growth_plans->len; k++)
    _assay_generator_growth_burst (self, &g_array_index (self->growth_plans, GrowthPlan, k), day);
  for (guint k = 0; k < self->ring_plans->len; k++)
    _assay_generator_ring_day (self, &g_array_index (self->ring_plans, RingPlan, k), day);
  for (guint k = 0; k < self->household_plans->len; k++)
    _assay_generator_household_day (self, &g_array_index (self->household_plans, HouseholdPlan, k), day);
  for (guint k = 0; k < self->spike_plans->len; k++)
    if (g_array_index (self->spike_plans, SpikePlan, k).day == day)
      _assay_generator_redemption_run (self, &g_array_index (self->spike_plans, SpikePlan, k), day);

  _assay_generator_evaluate_growth (self, day);
  if (self->quarters[self->days[day].quarter].last == (guint32) day)
    _assay_generator_evaluate_quarter (self, self->days[day].quarter);

  if (!_assay_generator_flush_lines (self, FALSE, error))
    return FALSE;
  if (self->filings != NULL)
    _assay_generator_filings_end_day (self, day);
  return TRUE;
}

/* ---- GObject ------------------------------------------------------------- */

static void
assay_generator_finalize (GObject *object)
{
  AssayGenerator *self = ASSAY_GENERATOR (object);

  for (guint c = 0; c < N_COUNTIES; c++)
    {
      g_clear_pointer (&self->by_county[c], g_array_unref);
      g_clear_pointer (&self->orgs_by_county[c], g_array_unref);
      for (guint t = 0; t < N_TEMPLATES; t++)
        g_free (self->issuers[c][t]);
      for (guint i = 0; i < N_ITEMS; i++)
        g_free (self->providers[c][i]);
    }
  g_free (self->days);
  g_free (self->quarters);
  g_free (self->accounts);
  g_clear_pointer (&self->conc_plans, g_array_unref);
  g_clear_pointer (&self->growth_plans, g_array_unref);
  g_clear_pointer (&self->ring_plans, g_array_unref);
  g_clear_pointer (&self->household_plans, g_array_unref);
  g_clear_pointer (&self->spike_plans, g_array_unref);
  g_clear_pointer (&self->specialists, g_array_unref);
  g_clear_pointer (&self->steadies, g_array_unref);
  g_clear_pointer (&self->cs_keys, g_array_unref);
  g_clear_pointer (&self->conc_hits, g_array_unref);
  g_clear_pointer (&self->special_stats, g_array_unref);
  g_clear_pointer (&self->growth_hits, g_array_unref);
  for (guint s = 0; s < 7; s++)
    g_clear_pointer (&self->active[s], g_array_unref);
  g_clear_pointer (&self->rings, g_ptr_array_unref);
  g_clear_pointer (&self->checksum, g_checksum_free);
  if (self->buf != NULL)
    g_string_free (self->buf, TRUE);
  g_free (self->requests);
  g_free (self->ring_of);
  g_free (self->truth);
  g_free (self->cohort);
  g_clear_pointer (&self->filings, _assay_generator_filings_free);

  G_OBJECT_CLASS (assay_generator_parent_class)->finalize (object);
}

static void
assay_generator_class_init (AssayGeneratorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = assay_generator_finalize;
}

static void
assay_generator_init (AssayGenerator *self)
{
  self->conc_plans = g_array_new (FALSE, TRUE, sizeof (ConcPlan));
  self->growth_plans = g_array_new (FALSE, TRUE, sizeof (GrowthPlan));
  self->ring_plans = g_array_new (FALSE, TRUE, sizeof (RingPlan));
  self->household_plans = g_array_new (FALSE, TRUE, sizeof (HouseholdPlan));
  self->spike_plans = g_array_new (FALSE, TRUE, sizeof (SpikePlan));
  self->specialists = g_array_new (FALSE, FALSE, sizeof (guint));
  self->steadies = g_array_new (FALSE, FALSE, sizeof (guint));
  self->cs_keys = g_array_new (FALSE, FALSE, sizeof (CsKey));
  self->conc_hits = g_array_new (FALSE, FALSE, sizeof (QuarterStat));
  self->special_stats = g_array_new (FALSE, FALSE, sizeof (QuarterStat));
  self->growth_hits = g_array_new (FALSE, FALSE, sizeof (GrowthHit));
  for (guint s = 0; s < 7; s++)
    self->active[s] = g_array_new (FALSE, FALSE, sizeof (guint));
  self->rings = g_ptr_array_new_with_free_func (_assay_generator_ring_free);
  self->checksum = g_checksum_new (G_CHECKSUM_SHA256);
  self->buf = g_string_sized_new (FLUSH_SIZE + 4096);
}

/* ---- public API ---------------------------------------------------------- */

void
assay_generator_params_init_default (AssayGeneratorParams *params)
{
  g_return_if_fail (params != NULL);

  params->n_accounts = ASSAY_GENERATOR_DEFAULT_ACCOUNTS;
  params->n_months = ASSAY_GENERATOR_DEFAULT_MONTHS;
  params->seed = ASSAY_GENERATOR_DEFAULT_SEED;
  params->insurance_level = ASSAY_GENERATOR_DEFAULT_INSURANCE_LEVEL;
  if (!assay_day_parse (ASSAY_GENERATOR_DEFAULT_START, -1, &params->start_day))
    g_assert_not_reached ();
}

gboolean
assay_generator_params_validate (const AssayGeneratorParams  *params,
                                 GError                     **error)
{
  guint year;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (params->n_accounts < ASSAY_GENERATOR_MIN_ACCOUNTS || params->n_accounts > ASSAY_GENERATOR_MAX_ACCOUNTS)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The number of accounts must be between %u and %u (the planted cases need room)."),
                   ASSAY_GENERATOR_MIN_ACCOUNTS, ASSAY_GENERATOR_MAX_ACCOUNTS);
      return FALSE;
    }
  if (params->n_months < ASSAY_GENERATOR_MIN_MONTHS || params->n_months > ASSAY_GENERATOR_MAX_MONTHS)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The number of months must be between %u and %u (two consecutive quarters must fit)."),
                   ASSAY_GENERATOR_MIN_MONTHS, ASSAY_GENERATOR_MAX_MONTHS);
      return FALSE;
    }
  if (params->insurance_level < 1)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The insurance level must be at least 1 point."));
      return FALSE;
    }
  if (!g_date_valid_julian (params->start_day))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The start date is not a valid date."));
      return FALSE;
    }
  assay_day_to_ymd (params->start_day, &year, NULL, NULL);
  if (year < ASSAY_GENERATOR_MIN_START_YEAR || year > ASSAY_GENERATOR_MAX_START_YEAR)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The start date must be in the years %d to %d, which the holiday calendar covers."),
                   ASSAY_GENERATOR_MIN_START_YEAR, ASSAY_GENERATOR_MAX_START_YEAR);
      return FALSE;
    }
  return TRUE;
}

AssayGenerator *
assay_generator_new (const AssayGeneratorParams  *params,
                     GError                     **error)
{
  AssayGenerator *self;

  g_return_val_if_fail (params != NULL, NULL);

  if (!assay_generator_params_validate (params, error))
    return NULL;

  self = g_object_new (ASSAY_TYPE_GENERATOR, NULL);
  self->params = *params;
  rng_seed (&self->rng, params->seed);
  _assay_generator_setup_calendar (self);
  _assay_generator_setup_accounts (self);
  _assay_generator_plant (self);
  return self;
}

gboolean
assay_generator_run (AssayGenerator  *self,
                     GOutputStream   *out,
                     GCancellable    *cancellable,
                     GError         **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (ASSAY_IS_GENERATOR (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (!self->ran, FALSE);

  self->ran = TRUE;
  self->out = out;
  self->cancellable = cancellable;
  self->requests = g_new0 (guint32, N_COUNTIES * self->n_days);
  if (!self->without_filings)
    {
      _assay_generator_filings_begin (self);
      self->out = _assay_generator_filings_open_spool (self, error);
      if (self->out == NULL)
        return FALSE;
    }

  for (gint32 day = 0; ok && day < (gint32) self->n_days; day++)
    ok = generate_day (self, day, error);
  ok = ok && _assay_generator_flush_lines (self, TRUE, error);
  if (ok && self->filings != NULL)
    {
      _assay_generator_filings_draw (self);
      ok = _assay_generator_filings_write (self, out, error);
    }
  self->out = NULL;
  self->cancellable = NULL;
  if (!ok)
    return FALSE;

  if (self->with_cohort)
    _assay_generator_draw_cohort (self);
  _assay_generator_build_truth (self);
  return TRUE;
}

void
assay_generator_set_cohort (AssayGenerator *self,
                            gboolean        with_cohort)
{
  g_return_if_fail (ASSAY_IS_GENERATOR (self));
  g_return_if_fail (!self->ran);

  self->with_cohort = with_cohort;
}

void
assay_generator_set_filings (AssayGenerator *self,
                             gboolean        with_filings)
{
  g_return_if_fail (ASSAY_IS_GENERATOR (self));
  g_return_if_fail (!self->ran);

  self->without_filings = !with_filings;
}

guint64
assay_generator_get_n_lines (AssayGenerator *self)
{
  g_return_val_if_fail (ASSAY_IS_GENERATOR (self), 0);

  return self->n_lines;
}

char *
assay_generator_dup_truth (AssayGenerator *self)
{
  g_return_val_if_fail (ASSAY_IS_GENERATOR (self), NULL);
  g_return_val_if_fail (self->truth != NULL, NULL);

  return g_strdup (self->truth);
}

guint
assay_generator_get_n_unverified (AssayGenerator *self)
{
  g_return_val_if_fail (ASSAY_IS_GENERATOR (self), 0);

  return self->n_unverified;
}
