/* assay-rule-growth.c — an account's 7-day growth (the 6.1 breaker)
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

#include "assay-rule-growth.h"

#include <math.h>

static void
set_ratio (AssayRuleGrowth *out,
           gsize            last_day)
{
  out->age_days = (guint) MIN (last_day + 1, G_MAXUINT);
  if (out->window_points == 0)
    out->growth = 0;
  else
    out->growth = out->before_total > 0 ? out->window_points / out->before_total : INFINITY;
}

gboolean
assay_rule_growth (const double    *points,
                   gsize            n_days,
                   gsize            last_day,
                   AssayRuleGrowth *out)
{
  gsize first = last_day + 1 >= ASSAY_RULE_GROWTH_WINDOW_DAYS
                ? last_day + 1 - ASSAY_RULE_GROWTH_WINDOW_DAYS : 0;

  if (last_day >= n_days)
    return FALSE;

  out->window_points = 0;
  out->before_total = 0;
  for (gsize d = 0; d < first; d++)
    out->before_total += points[d];
  for (gsize d = first; d <= last_day; d++)
    out->window_points += points[d];
  set_ratio (out, last_day);
  return TRUE;
}

gboolean
assay_rule_growth_prefix (const double    *prefix,
                          gsize            n_days,
                          gsize            last_day,
                          AssayRuleGrowth *out)
{
  gsize first = last_day + 1 >= ASSAY_RULE_GROWTH_WINDOW_DAYS
                ? last_day + 1 - ASSAY_RULE_GROWTH_WINDOW_DAYS : 0;

  if (last_day >= n_days)
    return FALSE;

  out->before_total = prefix[first];
  out->window_points = prefix[last_day + 1] - prefix[first];
  set_ratio (out, last_day);
  return TRUE;
}
