/* assay-score-options.c — the rule set's parameters of the contribution value
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

#include <inttypes.h>
#include <math.h>

#include <glib/gi18n-lib.h>

#include "assay-day.h"
#include "assay-error.h"
#include "assay-score-options.h"

static gboolean
missing (AssayRuleSet  *set,
         const char    *name,
         const char    *what,
         GError       **error)
{
  /* TRANSLATORS: "The rule set pilot v2 has no valid parameter decay_rate (a number from 0 to 1)." */
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
               _("The rule set %s v%" PRIi64 " has no valid parameter %s (%s); the contribution value "
                 "needs it."),
               assay_rule_set_get_name (set), assay_rule_set_get_version (set), name, what);
  return FALSE;
}

static gboolean
number (AssayRuleSet  *set,
        const char    *name,
        double         min,
        double         max,
        double        *out,
        GError       **error)
{
  const AssayRuleValue *v = assay_rule_set_lookup_parameter (set, name);

  if (v == NULL || v->type != ASSAY_RULE_TYPE_NUMBER || !(v->number >= min && v->number <= max))
    {
      g_autofree char *what = g_strdup_printf (_("a number from %g to %g"), min, max);

      return missing (set, name, what, error);
    }
  *out = v->number;
  return TRUE;
}

static gboolean
day (AssayRuleSet  *set,
     const char    *name,
     guint32       *out,
     GError       **error)
{
  const AssayRuleValue *v = assay_rule_set_lookup_parameter (set, name);

  if (v == NULL || v->type != ASSAY_RULE_TYPE_STRING || !assay_day_parse (v->string, -1, out))
    return missing (set, name, _("a date YYYY-MM-DD"), error);
  return TRUE;
}

/* The day `months` after `start` (same day of the month, or the month's
 * last day). */
static guint32
add_months (guint32 start,
            guint   months)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, start);
  g_date_add_months (&date, months);
  return g_date_get_julian (&date);
}

/* Ascending thresholds named `names` (NULL: not a parameter). */
static gboolean
thresholds (AssayRuleSet       *set,
            const char * const *names,
            guint               n,
            double             *values,
            GError            **error)
{
  const char *previous = NULL;

  for (guint i = 0; i < n; i++)
    {
      if (names[i] == NULL)
        continue;
      if (!number (set, names[i], 0, 1e12, &values[i], error))
        return FALSE;
      if (previous != NULL && values[i] < values[i - 1])
        return missing (set, names[i], _("not below the one before"), error);
      previous = names[i];
    }
  return TRUE;
}

static const char * const level_names[ASSAY_N_LEVELS] = {
  NULL, NULL, "level_3_value", "level_4_value", "level_5_value"
};
static const char * const tier_names[ASSAY_N_TIERS] = {
  "tier_basic_value", "tier_development_value", "tier_resource_value", "tier_honour_value"
};

gboolean
assay_score_options_from_rule_set (AssayRuleSet       *set,
                                   AssayScoreOptions  *out,
                                   GError            **error)
{
  double months, notice;

  g_return_val_if_fail (ASSAY_IS_RULE_SET (set), FALSE);

  *out = (AssayScoreOptions) { 0 };
  if (!day (set, "pilot_start", &out->pilot_start, error) ||
      !number (set, "equal_weight_months", 0, 120, &months, error) ||
      !number (set, "notice_days", 0, 366, &notice, error) ||
      !number (set, "decay_rate", 0, 0.99, &out->decay_rate, error) ||
      !number (set, "down_weight_factor", 0, 1, &out->down_weight_factor, error) ||
      !thresholds (set, level_names, ASSAY_N_LEVELS, out->level_value, error) ||
      !thresholds (set, tier_names, ASSAY_N_TIERS, out->tier_value, error))
    return FALSE;
  if (months != floor (months))
    return missing (set, "equal_weight_months", _("a whole number"), error);
  if (notice != floor (notice))
    return missing (set, "notice_days", _("a whole number"), error);
  out->equal_weight_end = add_months (out->pilot_start, (guint) months);
  out->notice_days = (guint) notice;
  return TRUE;
}
