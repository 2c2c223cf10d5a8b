/* assay-account-value.h — an account's contribution value, level and tiers, in one line
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

#include "assay-replica.h"
#include "assay-rule-set.h"

G_BEGIN_DECLS

/* "Value 1,898.65 on 2026-12-06 · L3 · may redeem Basic, Development" (README,
 * "Contribution value"), or why it cannot be computed ("No contribution
 * value: the rule set pilot v2 has no valid parameter decay_rate …");
 * NULL without a replica or an account. */
char *assay_account_value_describe (AssayReplica *replica,
                                    AssayRuleSet *rule_set,
                                    const char   *account);

G_END_DECLS
