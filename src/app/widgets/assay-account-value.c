/* assay-account-value.c — an account's contribution value, level and tiers, in one line
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

#include <glib/gi18n.h>

#include "assay-account-value.h"
#include "assay-format.h"
#include "assay-replica-values.h"
#include "assay-scores.h"

static char *
tiers_text (const AssayScore *score)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (score->frozen)
    return g_strdup (_("redeems nothing while frozen"));
  if (score->n_tiers == 0)
    return g_strdup (_("no redemption tier yet"));
  for (guint t = 0; t < score->n_tiers; t++)
    g_string_append_printf (text, "%s%s", t > 0 ? _(", ") : "", assay_tier_get_label (t));
  /* Translators: the tiers an account may redeem: "may redeem Basic, Development". */
  return g_strdup_printf (_("may redeem %s"), text->str);
}

char *
assay_account_value_describe (AssayReplica *replica,
                              AssayRuleSet *rule_set,
                              const char   *account)
{
  g_autoptr(AssayScorer) scorer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tiers = NULL;
  g_autofree char *day = NULL;
  g_autofree char *value = NULL;
  AssayScore score;
  guint64 id;

  if (replica == NULL || account == NULL)
    return NULL;
  if (rule_set == NULL)
    return g_strdup (_("No contribution value: no rule set is in force."));
  if ((scorer = assay_scorer_new (replica, rule_set, 0, &error)) == NULL ||
      !assay_replica_account_number (replica, account, &id, &error) ||
      !assay_scorer_score_account (scorer, id, &score, &error))
    /* Translators: %s says why, e.g. "the rule set pilot v2 has no valid parameter decay_rate". */
    return g_strdup_printf (_("No contribution value: %s"), error->message);
  tiers = tiers_text (&score);
  day = assay_format_day (assay_scorer_get_as_of (scorer));
  /* Translators: value, day, trust level and tiers: "Value 1,898.65 on 2026-12-06 · L3 · may redeem Basic,
   * Development". */
  value = assay_format_value (score.value);
  return g_strdup_printf (_("Value %s on %s · L%u · %s"), value, day, score.level, tiers);
}
