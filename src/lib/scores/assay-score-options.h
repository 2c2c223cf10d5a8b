/* assay-score-options.h — the rule set's parameters of the contribution value
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

#include "assay-entry.h"
#include "assay-rule-set.h"

G_BEGIN_DECLS

/* Trust levels (seed 002 §6.2); the redemption tiers (plan 5.1) are the
 * ledger's AssayTier. */
#define ASSAY_N_LEVELS 5

/* The rule set's parameters of the value (README, "Contribution value"),
 * every one required:
 *   pilot_start          "YYYY-MM-DD", the pilot's first day
 *   equal_weight_months  the months from pilot_start with equal weights
 *   notice_days          the public notice of a weights version
 *   decay_rate           r, the yearly decay (seed 002 §6.4: 0.05)
 *   down_weight_factor   a, Article X's down-weighted share (0.9)
 *   level_3_value … level_5_value          the values of L3, L4, L5
 *   tier_basic_value … tier_honour_value   the values each tier needs */
typedef struct
{
  guint32 pilot_start;
  guint32 equal_weight_end;      /* the first day after the equal-weight period */
  guint   notice_days;
  double  decay_rate;
  double  down_weight_factor;
  double  level_value[ASSAY_N_LEVELS];   /* [2] L3, [3] L4, [4] L5; [0], [1] unused */
  double  tier_value[ASSAY_N_TIERS];
} AssayScoreOptions;

gboolean  assay_score_options_from_rule_set (AssayRuleSet       *set,
                                             AssayScoreOptions  *out_options,
                                             GError            **error);

G_END_DECLS
