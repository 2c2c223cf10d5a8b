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

G_BEGIN_DECLS

/* Runs the Article W test on the stored cohort, the outcome being each
 * account's event points in `year`, grouped by `by`: "gender",
 * "age_band", "county", "province" (the county's first two digits) or the
 * name of an extra column.  Accounts the ledger does not hold are left
 * out and counted in `out_not_in_ledger`.  Errors: ASSAY_ERROR_NOT_FOUND
 * without a cohort, ASSAY_ERROR_INVALID_ARGUMENT for an unknown `by`. */
AssayFairnessResult *assay_audit_fairness (AssayReplica               *replica,
                                           int                         year,
                                           const char                 *by,
                                           const AssayFairnessOptions *options,
                                           guint                      *out_not_in_ledger,
                                           GError                    **error);

G_END_DECLS
