/* assay-rule-growth.h — an account's 7-day growth (the 6.1 breaker)
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

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ASSAY_RULE_GROWTH_WINDOW_DAYS 7

typedef struct
{
  double window_points;  /* points on the window's days */
  double before_total;   /* points on every earlier day of the account */
  guint  age_days;       /* days from the account's first day to the window's last, both counted */
  double growth;         /* window_points / before_total: 0 when the window is 0, +∞ when only before_total is */
} AssayRuleGrowth;

/* The 7-day window ending on day @last_day of an account whose daily points
 * are @points[0 .. @n_days − 1], day 0 being the account's first day.  The
 * window is days max (0, last_day − 6) .. last_day; the earlier total is
 * days 0 .. last_day − 7.  FALSE, leaving @out alone, if @last_day is past
 * the end. */
gboolean assay_rule_growth (const double    *points,
                            gsize            n_days,
                            gsize            last_day,
                            AssayRuleGrowth *out);

/* The same in constant time from the prefix sums of the points:
 * @prefix[d] = @points[0] + … + @points[d − 1], @prefix[0] = 0, so
 * @n_days + 1 values.  Equal to assay_rule_growth () while the sums are
 * integers below 2⁵³ (every partial sum is then exact). */
gboolean assay_rule_growth_prefix (const double    *prefix,
                                   gsize            n_days,
                                   gsize            last_day,
                                   AssayRuleGrowth *out);

G_END_DECLS
