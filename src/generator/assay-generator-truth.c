/* assay-generator-truth.c — the truth document: every rule break, what was planted, the decoys
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

#include "assay-enum.h"
#include "assay-generator-enums.h"
#include "assay-generator-private.h"

/* Which rules an account breaks: a decoy is verified when it breaks none. */
enum
{
  BREAKS_CONCENTRATION = 1 << 0,
  BREAKS_GROWTH        = 1 << 1,
  BREAKS_RING          = 1 << 2,
};

/* The `role` member: the role's nick. */
static const char *
role_id (AssayGeneratorRole role)
{
  return assay_enum_get_nick (ASSAY_TYPE_GENERATOR_ROLE, role);
}

static int
compare_quarter_stats (gconstpointer a,
                       gconstpointer b)
{
  const QuarterStat *x = a, *y = b;

  if (x->account != y->account)
    return x->account < y->account ? -1 : 1;
  return (x->quarter > y->quarter) - (x->quarter < y->quarter);
}

static int
compare_growth_hits (gconstpointer a,
                     gconstpointer b)
{
  const GrowthHit *x = a, *y = b;

  if (x->account != y->account)
    return x->account < y->account ? -1 : 1;
  return (x->day > y->day) - (x->day < y->day);
}

static gboolean
conc_is_planted (AssayGenerator    *self,
                 const QuarterStat *stat)
{
  const Account *a = &self->accounts[stat->account];
  const ConcPlan *plan;

  if (a->role != ROLE_CONCENTRATION && a->role != ROLE_CONSECUTIVE)
    return FALSE;
  plan = &g_array_index (self->conc_plans, ConcPlan, a->plan);
  return stat->dim == a->focus
         && (stat->quarter == plan->quarter || (plan->consecutive && stat->quarter == plan->quarter + 1));
}

static gboolean
has_conc_hit (AssayGenerator *self,
              guint           account,
              guint           quarter,
              guint           dim)
{
  for (guint k = 0; k < self->conc_hits->len; k++)
    {
      const QuarterStat *s = &g_array_index (self->conc_hits, QuarterStat, k);

      if (s->account == account && s->quarter == quarter && s->dim == dim)
        return TRUE;
    }
  return FALSE;
}

static void
add_account (JsonBuilder    *b,
             AssayGenerator *self,
             guint           index)
{
  json_builder_add_string_value (b, self->accounts[index].name);
}

static void
add_member (JsonBuilder    *b,
            const char     *name,
            const char     *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_bool (JsonBuilder *b,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static void
add_double (JsonBuilder *b,
            const char  *name,
            double       value)
{
  /* Four decimals are enough to read; the integers beside it are exact. */
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, round (value * 10000.0) / 10000.0);
}

static void
add_role (JsonBuilder    *b,
          AssayGenerator *self,
          guint           index,
          gboolean        planted)
{
  add_member (b, "role", role_id (self->accounts[index].role));
  add_bool (b, "planted", planted);
}

static void
begin_accounts (JsonBuilder *b)
{
  json_builder_set_member_name (b, "accounts");
  json_builder_begin_array (b);
}

static void
begin_object_member (JsonBuilder *b,
                     const char  *name)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
}

static void
add_days (JsonBuilder    *b,
          AssayGenerator *self,
          const char     *name,
          const gint32   *days,
          guint           n)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    json_builder_add_string_value (b, self->days[days[i]].date);
  json_builder_end_array (b);
}

static void
truth_parameters (AssayGenerator *self,
                  JsonBuilder    *b)
{
  begin_object_member (b, "parameters");
  add_int (b, "accounts", self->params.n_accounts);
  add_int (b, "months", self->params.n_months);
  /* A JSON number cannot carry every 64-bit seed exactly. */
  json_builder_set_member_name (b, "seed");
  if (self->params.seed <= G_MAXINT64)
    json_builder_add_int_value (b, (gint64) self->params.seed);
  else
    {
      char text[24];

      g_snprintf (text, sizeof text, "%" G_GUINT64_FORMAT, self->params.seed);
      json_builder_add_string_value (b, text);
    }
  add_member (b, "start", self->days[0].date);
  add_member (b, "end", self->days[self->n_days - 1].date);
  json_builder_end_object (b);
}

static void
truth_counts (AssayGenerator *self,
              JsonBuilder    *b)
{
  guint kinds[ASSAY_N_ACCOUNT_KINDS] = { 0 };

  for (guint i = 0; i < self->n_accounts; i++)
    kinds[self->accounts[i].kind]++;

  begin_object_member (b, "counts");
  add_int (b, "lines", (gint64) self->n_lines);
  add_int (b, "events", (gint64) self->n_events);
  add_int (b, "redemptions", (gint64) self->n_redemptions);
  add_int (b, "filings", (gint64) self->n_filings);
  for (guint k = 0; k < ASSAY_N_ACCOUNT_KINDS; k++)
    add_int (b, assay_account_kind_to_id (k), kinds[k]);
  json_builder_end_object (b);
}

/* The thresholds of the rules, as the definitions in assay-generator.c
 * state them. */
static void
truth_definitions (AssayGenerator *self,
                   JsonBuilder    *b)
{
  begin_object_member (b, "definitions");
  begin_object_member (b, "concentration");
  add_int (b, "threshold_percent", CONC_PERCENT);
  add_int (b, "min_quarter_total", CONC_MIN_TOTAL);
  json_builder_end_object (b);
  begin_object_member (b, "growth");
  add_int (b, "window_days", 7);
  add_int (b, "threshold_percent", GROWTH_PERCENT);
  add_int (b, "min_prior_total", GROWTH_MIN_PRIOR);
  add_int (b, "min_history_days", GROWTH_MIN_HISTORY);
  json_builder_end_object (b);
  begin_object_member (b, "county_spike");
  add_int (b, "window_days", SPIKE_WINDOW);
  add_int (b, "multiplier", SPIKE_MULTIPLIER);
  add_int (b, "min_requests", SPIKE_MIN_REQUESTS);
  json_builder_end_object (b);
  begin_object_member (b, "lockstep");
  add_int (b, "min_common", LOCKSTEP_MIN_COMMON);
  add_double (b, "min_jaccard", 0.5);
  add_int (b, "min_ring_size", LOCKSTEP_MIN_RING);
  json_builder_end_object (b);
  _assay_generator_truth_filing_definitions (self, b);
  json_builder_end_object (b);
}

static void
truth_quarters (AssayGenerator *self,
                JsonBuilder    *b)
{
  json_builder_set_member_name (b, "quarters");
  json_builder_begin_array (b);
  for (guint q = 0; q < self->n_quarters; q++)
    {
      json_builder_begin_object (b);
      add_member (b, "id", self->quarters[q].id);
      add_member (b, "first", self->days[self->quarters[q].first].date);
      add_member (b, "last", self->days[self->quarters[q].last].date);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
truth_header (AssayGenerator *self,
              JsonBuilder    *b)
{
  add_member (b, "format", "assay-pilot-truth/1");
  truth_parameters (self, b);
  truth_counts (self, b);
  truth_definitions (self, b);
  truth_quarters (self, b);
}

/* ---- every break of the rules -------------------------------------------- */

static void
truth_concentration (AssayGenerator *self,
                     JsonBuilder    *b,
                     guint8         *breaks)
{
  json_builder_set_member_name (b, "concentration");
  json_builder_begin_array (b);
  for (guint k = 0; k < self->conc_hits->len; k++)
    {
      const QuarterStat *s = &g_array_index (self->conc_hits, QuarterStat, k);

      breaks[s->account] |= BREAKS_CONCENTRATION;
      json_builder_begin_object (b);
      add_member (b, "account", self->accounts[s->account].name);
      add_member (b, "quarter", self->quarters[s->quarter].id);
      add_member (b, "dimension", assay_dimension_to_id (s->dim));
      add_int (b, "points", s->points);
      add_int (b, "total", s->total);
      add_double (b, "share", (double) s->points / (double) s->total);
      add_role (b, self, s->account, conc_is_planted (self, s));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
truth_consecutive (AssayGenerator *self,
                   JsonBuilder    *b)
{
  g_autoptr(GArray) sorted = g_array_copy (self->conc_hits);

  g_array_sort (sorted, compare_quarter_stats);
  json_builder_set_member_name (b, "consecutive");
  json_builder_begin_array (b);
  for (guint k = 0; k + 1 < sorted->len; k++)
    {
      const QuarterStat *s = &g_array_index (sorted, QuarterStat, k);
      const QuarterStat *t = &g_array_index (sorted, QuarterStat, k + 1);
      const Account *a = &self->accounts[s->account];

      if (t->account != s->account || t->quarter != s->quarter + 1 || t->dim != s->dim)
        continue;
      json_builder_begin_object (b);
      add_member (b, "account", a->name);
      add_member (b, "dimension", assay_dimension_to_id (s->dim));
      json_builder_set_member_name (b, "quarters");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, self->quarters[s->quarter].id);
      json_builder_add_string_value (b, self->quarters[t->quarter].id);
      json_builder_end_array (b);
      add_role (b, self, s->account,
                a->role == ROLE_CONSECUTIVE && conc_is_planted (self, s) && conc_is_planted (self, t));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
truth_growth (AssayGenerator *self,
              JsonBuilder    *b,
              guint8         *breaks)
{
  const GrowthHit *hits;
  guint n = self->growth_hits->len;

  g_array_sort (self->growth_hits, compare_growth_hits);
  hits = (const GrowthHit *) (void *) self->growth_hits->data;
  json_builder_set_member_name (b, "growth");
  json_builder_begin_array (b);
  for (guint g = 0, e; g < n; g = e)
    {
      guint account = hits[g].account;

      breaks[account] |= BREAKS_GROWTH;
      json_builder_begin_object (b);
      add_member (b, "account", self->accounts[account].name);
      json_builder_set_member_name (b, "days");
      json_builder_begin_array (b);
      for (e = g; e < n && hits[e].account == account; e++)
        json_builder_add_string_value (b, self->days[hits[e].day].date);
      json_builder_end_array (b);
      add_role (b, self, account, self->accounts[account].role == ROLE_GROWTH);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static gboolean
spike_is_planted (AssayGenerator *self,
                  guint           county,
                  gint32          day)
{
  for (guint k = 0; k < self->spike_plans->len; k++)
    {
      const SpikePlan *plan = &g_array_index (self->spike_plans, SpikePlan, k);

      if (plan->county == county && plan->day == day)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_spike (AssayGenerator *self,
          guint           county,
          gint32          day,
          gint64         *out_prior)
{
  const guint32 *counts = &self->requests[county * self->n_days];
  gint64 prior = 0;

  if (day < SPIKE_WINDOW)
    return FALSE;
  for (gint32 d = day - SPIKE_WINDOW; d < day; d++)
    prior += counts[d];
  *out_prior = prior;
  return counts[day] >= SPIKE_MIN_REQUESTS
         && (gint64) SPIKE_WINDOW * counts[day] > (gint64) SPIKE_MULTIPLIER * prior;
}

static void
truth_spikes (AssayGenerator *self,
              JsonBuilder    *b)
{
  json_builder_set_member_name (b, "county_spikes");
  json_builder_begin_array (b);
  for (gint32 day = 0; day < (gint32) self->n_days; day++)
    for (guint c = 0; c < N_COUNTIES; c++)
      {
        gint64 prior;

        if (!is_spike (self, c, day, &prior))
          continue;
        json_builder_begin_object (b);
        add_member (b, "county", _assay_generator_counties[c].code);
        add_member (b, "day", self->days[day].date);
        add_int (b, "requests", self->requests[c * self->n_days + day]);
        add_int (b, "prior_sum", prior);
        add_bool (b, "planted", spike_is_planted (self, c, day));
        json_builder_end_object (b);
      }
  json_builder_end_array (b);
}

static gboolean
ring_contains_plan (AssayGenerator *self,
                    guint           r)
{
  for (guint k = 0; k < self->ring_plans->len; k++)
    {
      const RingPlan *plan = &g_array_index (self->ring_plans, RingPlan, k);
      gboolean all = TRUE;

      for (guint m = 0; m < plan->n; m++)
        all &= self->ring_of[plan->members[m]] == (gint32) r;
      if (all)
        return TRUE;
    }
  return FALSE;
}

static void
truth_rings (AssayGenerator *self,
             JsonBuilder    *b,
             guint8         *breaks)
{
  json_builder_set_member_name (b, "rings");
  json_builder_begin_array (b);
  for (guint r = 0; r < self->rings->len; r++)
    {
      const Ring *ring = g_ptr_array_index (self->rings, r);
      guint first = g_array_index (ring->members, guint, 0);
      gboolean mixed = FALSE;

      json_builder_begin_object (b);
      begin_accounts (b);
      for (guint m = 0; m < ring->members->len; m++)
        {
          guint index = g_array_index (ring->members, guint, m);

          breaks[index] |= BREAKS_RING;
          mixed |= self->accounts[index].role != self->accounts[first].role;
          add_account (b, self, index);
        }
      json_builder_end_array (b);
      add_days (b, self, "days", (const gint32 *) (void *) ring->days->data, ring->days->len);
      add_member (b, "role", mixed ? "mixed" : role_id (self->accounts[first].role));
      add_bool (b, "planted", ring_contains_plan (self, r));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* ---- what was planted, and whether the data shows it --------------------- */

static gboolean
begin_planted (JsonBuilder *b,
               const char  *rule,
               gboolean     verified,
               guint       *n_unverified)
{
  json_builder_begin_object (b);
  add_member (b, "rule", rule);
  add_bool (b, "verified", verified);
  if (!verified)
    (*n_unverified)++;
  return verified;
}

static void
truth_planted_concentration (AssayGenerator *self,
                             JsonBuilder    *b)
{
  for (guint k = 0; k < self->conc_plans->len; k++)
    {
      const ConcPlan *plan = &g_array_index (self->conc_plans, ConcPlan, k);
      const Account *a = &self->accounts[plan->account];
      gboolean verified = has_conc_hit (self, plan->account, plan->quarter, a->focus)
                          && (!plan->consecutive || has_conc_hit (self, plan->account, plan->quarter + 1, a->focus));

      begin_planted (b, plan->consecutive ? "consecutive" : "concentration", verified, &self->n_unverified);
      begin_accounts (b);
      add_account (b, self, plan->account);
      json_builder_end_array (b);
      add_member (b, "dimension", assay_dimension_to_id (a->focus));
      json_builder_set_member_name (b, "quarters");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, self->quarters[plan->quarter].id);
      if (plan->consecutive)
        json_builder_add_string_value (b, self->quarters[plan->quarter + 1].id);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
}

static void
truth_planted_growth (AssayGenerator *self,
                      JsonBuilder    *b)
{
  for (guint k = 0; k < self->growth_plans->len; k++)
    {
      const GrowthPlan *plan = &g_array_index (self->growth_plans, GrowthPlan, k);
      gboolean verified = FALSE;

      for (guint h = 0; h < self->growth_hits->len && plan->first >= 0; h++)
        {
          const GrowthHit *hit = &g_array_index (self->growth_hits, GrowthHit, h);

          verified |= hit->account == plan->account && hit->day >= plan->first && hit->day <= plan->last + 6;
        }
      begin_planted (b, "growth", verified, &self->n_unverified);
      begin_accounts (b);
      add_account (b, self, plan->account);
      json_builder_end_array (b);
      if (plan->first >= 0)
        {
          add_member (b, "first", self->days[plan->first].date);
          add_member (b, "last", self->days[plan->last].date);
          add_int (b, "burst_points", plan->emitted);
        }
      json_builder_end_object (b);
    }
}

static void
truth_planted_rings (AssayGenerator *self,
                     JsonBuilder    *b)
{
  for (guint k = 0; k < self->ring_plans->len; k++)
    {
      const RingPlan *plan = &g_array_index (self->ring_plans, RingPlan, k);
      gint32 r = self->ring_of[plan->members[0]];
      g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (gint32));
      gboolean verified = r >= 0;

      for (guint m = 1; m < plan->n; m++)
        verified &= self->ring_of[plan->members[m]] == r;
      for (gint32 d = plan->first; d <= plan->last; d++)
        if (self->days[d].weekday == plan->weekday_a || self->days[d].weekday == plan->weekday_b)
          g_array_append_val (days, d);

      begin_planted (b, "ring", verified, &self->n_unverified);
      begin_accounts (b);
      for (guint m = 0; m < plan->n; m++)
        add_account (b, self, plan->members[m]);
      json_builder_end_array (b);
      add_member (b, "county", _assay_generator_counties[plan->county].code);
      add_days (b, self, "days", (const gint32 *) (void *) days->data, days->len);
      json_builder_end_object (b);
    }
}

static void
truth_planted_spikes (AssayGenerator *self,
                      JsonBuilder    *b)
{
  for (guint k = 0; k < self->spike_plans->len; k++)
    {
      const SpikePlan *plan = &g_array_index (self->spike_plans, SpikePlan, k);
      gint64 prior;

      begin_planted (b, "county_spike", is_spike (self, plan->county, plan->day, &prior), &self->n_unverified);
      add_member (b, "county", _assay_generator_counties[plan->county].code);
      add_member (b, "day", self->days[plan->day].date);
      json_builder_end_object (b);
    }
}

/* ---- decoys: honest accounts that look unusual --------------------------- */

/* The largest share any quarter reached, among quarters the rule applies to. */
static double
max_share (AssayGenerator *self,
           guint           account)
{
  double best = 0;

  for (guint k = 0; k < self->special_stats->len; k++)
    {
      const QuarterStat *s = &g_array_index (self->special_stats, QuarterStat, k);

      if (s->account == account && s->total >= CONC_MIN_TOTAL)
        best = MAX (best, (double) s->points / (double) s->total);
    }
  return best;
}

static void
begin_decoy (AssayGenerator *self,
             JsonBuilder    *b,
             const char     *kind,
             const guint    *members,
             guint           n,
             const guint8   *breaks)
{
  gboolean verified = TRUE;

  for (guint m = 0; m < n; m++)
    verified &= breaks[members[m]] == 0;
  if (!verified)
    self->n_unverified++;
  json_builder_begin_object (b);
  add_member (b, "kind", kind);
  add_bool (b, "verified", verified);
  begin_accounts (b);
  for (guint m = 0; m < n; m++)
    add_account (b, self, members[m]);
  json_builder_end_array (b);
}

static void
truth_decoys (AssayGenerator *self,
              JsonBuilder    *b,
              const guint8   *breaks,
              const GArray   *pairs)
{
  json_builder_set_member_name (b, "decoys");
  json_builder_begin_array (b);
  for (guint k = 0; k < self->specialists->len; k++)
    {
      guint index = g_array_index (self->specialists, guint, k);

      begin_decoy (self, b, "specialist", &index, 1, breaks);
      add_member (b, "dimension", assay_dimension_to_id (self->accounts[index].focus));
      add_double (b, "max_share", max_share (self, index));
      json_builder_end_object (b);
    }
  for (guint k = 0; k < self->household_plans->len; k++)
    {
      const HouseholdPlan *plan = &g_array_index (self->household_plans, HouseholdPlan, k);
      guint most = 0;

      for (guint x = 0; x < plan->n; x++)
        for (guint y = x + 1; y < plan->n; y++)
          most = MAX (most, _assay_generator_pair_common (pairs, plan->members[x], plan->members[y]));
      begin_decoy (self, b, "household", plan->members, plan->n, breaks);
      add_days (b, self, "days", plan->days, plan->n_days);
      add_int (b, "max_common", most);
      json_builder_end_object (b);
    }
  for (guint k = 0; k < self->steadies->len; k++)
    {
      guint index = g_array_index (self->steadies, guint, k);

      begin_decoy (self, b, "steady", &index, 1, breaks);
      add_double (b, "max_growth_ratio", self->accounts[index].max_growth);
      add_int (b, "total", self->accounts[index].total);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

void
_assay_generator_build_truth (AssayGenerator *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree guint8 *breaks = g_new0 (guint8, self->n_accounts);
  g_autoptr(GArray) pairs = _assay_generator_co_occurrences (self);

  _assay_generator_find_rings (self, pairs);

  json_builder_begin_object (b);
  truth_header (self, b);
  truth_concentration (self, b, breaks);
  truth_consecutive (self, b);
  truth_growth (self, b, breaks);
  truth_spikes (self, b);
  truth_rings (self, b, breaks);

  json_builder_set_member_name (b, "planted");
  json_builder_begin_array (b);
  truth_planted_concentration (self, b);
  truth_planted_growth (self, b);
  truth_planted_rings (self, b);
  truth_planted_spikes (self, b);
  json_builder_end_array (b);

  truth_decoys (self, b, breaks, pairs);
  if (self->cohort != NULL)
    _assay_generator_truth_cohort (self, b);
  _assay_generator_truth_filings (self, b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  self->truth = json_generator_to_data (generator, NULL);
}
