/* assay-rule-catalogue.c — the feature catalogue's declarations
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
#include <string.h>

#include "assay-rule-catalogue.h"

#define AQ ASSAY_RULE_SUBJECT_ACCOUNT_QUARTER
#define AW ASSAY_RULE_SUBJECT_ACCOUNT_WINDOW
#define CD ASSAY_RULE_SUBJECT_COUNTY_DAY
#define RG ASSAY_RULE_SUBJECT_RING
#define AY ASSAY_RULE_SUBJECT_ACCOUNT_YEAR
#define FL ASSAY_RULE_SUBJECT_FILING
#define BOOL ASSAY_RULE_TYPE_BOOL
#define NUM ASSAY_RULE_TYPE_NUMBER
#define STR ASSAY_RULE_TYPE_STRING

#define SHARE_DEFINITION N_("Share of the quarter's points earned in this dimension, from 0 to 1")
#define PREVIOUS_SHARE_DEFINITION \
  N_("Share of the previous quarter's points earned in this dimension, from 0 to 1")
#define SHARES(prefix, definition) \
  { prefix "professional", AQ, NUM, "ratio", definition }, \
  { prefix "knowledge", AQ, NUM, "ratio", definition }, \
  { prefix "community", AQ, NUM, "ratio", definition }, \
  { prefix "ecological", AQ, NUM, "ratio", definition }, \
  { prefix "data", AQ, NUM, "ratio", definition }, \
  { prefix "market_order", AQ, NUM, "ratio", definition }

/* Declarations (see the header); the account_quarter ones are computed by
 * assay_replica_quarter_features () and read by assay-rule-flags.c.  The
 * dimension ids are the ledger's (tests/test-rules-catalogue.c checks them
 * against assay_dimension_to_id ()). */
static const AssayRuleFeature features[] = {
  { "quarter.total", AQ, NUM, "points", N_("Points the account earned in the quarter") },
  SHARES ("quarter.share.", SHARE_DEFINITION),
  { "quarter.max_share", AQ, NUM, "ratio",
    N_("The largest share of the quarter's points in any one dimension, from 0 to 1") },
  { "quarter.max_dimension", AQ, STR, "dimension",
    N_("The dimension with the largest share of the quarter's points") },
  { "quarter.previous.total", AQ, NUM, "points",
    N_("Points the account earned in the previous quarter") },
  SHARES ("quarter.previous.share.", PREVIOUS_SHARE_DEFINITION),
  { "quarter.previous.max_share", AQ, NUM, "ratio",
    N_("The largest share of the previous quarter's points in any one dimension, from 0 to 1") },
  { "quarter.previous.max_dimension", AQ, STR, "dimension",
    N_("The dimension with the largest share of the previous quarter's points") },
  { "window.points", AW, NUM, "points", N_("Points the account earned in the 7-day window") },
  { "window.total_before", AW, NUM, "points",
    N_("Points the account earned before the 7-day window") },
  { "window.account_age", AW, NUM, "days",
    N_("Days from the account's first event to the window's first day") },
  { "county.requests", CD, NUM, "requests", N_("Redemption requests in the county on the day") },
  { "county.mean28", CD, NUM, "requests",
    N_("Mean daily redemption requests in the county over the previous 28 days") },
  { "county.median56", CD, NUM, "requests",
    N_("Median daily redemption requests in the county over the previous 56 days") },
  { "county.mad56", CD, NUM, "requests",
    N_("Median absolute deviation of the daily requests over the previous 56 days") },
  { "county.modified_z", CD, NUM, "ratio",
    N_("Modified z-score of the day's requests: 0.6745 × (requests − median56) ÷ mad56") },
  { "county.poisson_p", CD, NUM, "probability",
    N_("Probability of at least the day's requests under a Poisson law with mean28 as its mean") },
  { "ring.size", RG, NUM, "accounts", N_("Accounts in the lockstep ring") },
  { "ring.common_buckets", RG, NUM, "activity days",
    N_("Activity days (an activity on one day) that at least the quorum of the ring's accounts attended") },
  { "ring.common_activities", RG, NUM, "activities",
    N_("Distinct activities among the activity days the ring's accounts attended together") },
  { "ring.min_jaccard", RG, NUM, "ratio",
    N_("The smallest Jaccard similarity between two accounts of the ring, from 0 to 1") },
  { "ring.null_p", RG, NUM, "probability",
    N_("Probability of a ring this tight when the members' dates are shuffled at random") },
  { "year.entries", AY, NUM, "entries", N_("Entries of the account in the calendar year") },
  { "year.points", AY, NUM, "points", N_("Points the account earned in the calendar year") },
  { "year.down_weights", AY, NUM, "flags",
    N_("Down-weight flags already raised on the account in the calendar year") },
  { "year.reviews", AY, NUM, "flags",
    N_("Review flags already raised on the account in the calendar year") },
  { "filing.kind", FL, STR, "kind",
    N_("The filing's kind: appeal, dispute, silence, forget_request, failure_claim, insurance_claim "
       "or education_transfer") },
  { "silence.days", FL, NUM, "days", N_("Days in the silence period, its first and last day included") },
  { "silence.excess_days", FL, NUM, "days",
    N_("Days the silence runs past three months: its last day minus the day before the same day of "
       "the month three months after its first day (0 or less: within three months)") },
  { "silence.order_in_year", FL, NUM, "silences",
    N_("The silence's number among the account's silences starting in the same calendar year, by "
       "first day, then log index") },
  { "silence.entries_inside", FL, NUM, "entries",
    N_("The account's events and redemptions dated inside the silence period") },
  { "forget.silence_found", FL, BOOL, "",
    N_("Whether the request names a silence of the same account logged before it") },
  { "forget.window_offset", FL, NUM, "days",
    N_("The day the request was filed minus the silence's last day (from −29 to 0: within its last 30 days)") },
  { "failure.share", FL, NUM, "ratio", N_("The award asked divided by the comparable success's value") },
  { "failure.order_in_year", FL, NUM, "claims",
    N_("The claim's number among the account's failure claims filed in the same calendar year, by day "
       "filed, then log index") },
  { "failure.criteria_met", FL, NUM, "criteria",
    N_("How many of Article U's three review criteria the experts found met, from 0 to 3") },
  { "insurance.year1_points", FL, NUM, "points",
    N_("The account's event points, deductions included, in the calendar year before the claim's year") },
  { "insurance.year2_points", FL, NUM, "points",
    N_("The account's event points, deductions included, two calendar years before the claim's year") },
  { "insurance.year3_points", FL, NUM, "points",
    N_("The account's event points, deductions included, three calendar years before the claim's year") },
  { "education.accrual", FL, NUM, "points",
    N_("The account's event points, deductions included, in the year the transfer draws on") },
  { "education.transfers", FL, NUM, "points",
    N_("The points of this transfer and the account's earlier transfers drawing on the same year") },
  { "education.share", FL, NUM, "ratio",
    N_("The year's transfers divided by the year's accrual (missing when the accrual is 0 or less)") },
};

const AssayRuleFeature *
assay_rule_catalogue_get_features (guint *n_features)
{
  g_return_val_if_fail (n_features != NULL, NULL);

  *n_features = G_N_ELEMENTS (features);
  return features;
}

const AssayRuleFeature *
assay_rule_catalogue_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (features); i++)
    if (strcmp (features[i].name, name) == 0)
      return &features[i];
  return NULL;
}

const char *
assay_rule_feature_get_definition (const AssayRuleFeature *feature)
{
  g_return_val_if_fail (feature != NULL, NULL);

  return g_dgettext (GETTEXT_PACKAGE, feature->definition);
}

const char *
assay_rule_type_to_string (AssayRuleType type)
{
  switch (type)
    {
    case ASSAY_RULE_TYPE_NUMBER: return "number";
    case ASSAY_RULE_TYPE_BOOL: return "bool";
    case ASSAY_RULE_TYPE_STRING: return "string";
    default: g_return_val_if_reached ("?");
    }
}
