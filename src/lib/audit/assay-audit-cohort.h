/* assay-audit-cohort.h — the fairness test on the replica's cohort
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

#include "assay-fairness.h"
#include "assay-replica-cohort.h"
#include "assay-rule-set.h"

G_BEGIN_DECLS

/* Runs the Article W test on the stored cohort, the outcome being, as
 * `options->outcome` says, each account's event points in `year` or its
 * contribution value on 31 December of `year` under `rule_set` (which
 * may be NULL for points; README, "Article W fairness audit", defines
 * both).  The groups are the values of the
 * attributes `by` ("gender", "age_band", "county", "province" — the
 * county's first two digits — or the name of an extra column; NULL for
 * all of them, extra columns included) and their combinations up to
 * `depth` attributes (assay_fairness_run_attributes).  Accounts the
 * ledger does not hold are left out and counted in `out_not_in_ledger`.
 * Errors: ASSAY_ERROR_NOT_FOUND without a cohort,
 * ASSAY_ERROR_INVALID_ARGUMENT for an unknown or repeated attribute or a
 * depth out of range. */
AssayFairnessResult *assay_audit_fairness (AssayReplica               *replica,
                                           AssayRuleSet               *rule_set,
                                           int                         year,
                                           const char * const         *by,
                                           guint                       depth,
                                           const AssayFairnessOptions *options,
                                           guint                      *out_not_in_ledger,
                                           GError                    **error);

/* Values of accounts by the replica's account number, `ids` ascending. */
typedef struct
{
  gsize          n;
  const guint64 *ids;
  const double  *values;
} AssayAccountValues;

/* The same test with each cohort account's outcome taken from `values`
 * (0 for an account of the ledger it does not list), whatever
 * `options->outcome` says: the what-if's values before and after. */
AssayFairnessResult *assay_audit_fairness_of_values (AssayReplica               *replica,
                                                     const AssayAccountValues   *values,
                                                     const char * const         *by,
                                                     guint                       depth,
                                                     const AssayFairnessOptions *options,
                                                     guint                      *out_not_in_ledger,
                                                     GError                    **error);

/* The attributes a cohort offers, in the order `by` = NULL uses them. */
char **assay_audit_fairness_attributes (const AssayCohortStatus *status);

G_END_DECLS
