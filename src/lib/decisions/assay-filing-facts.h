/* assay-filing-facts.h — a filing's facts as a replica holds them
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

#include "assay-filing-route.h"
#include "assay-replica.h"

G_BEGIN_DECLS

/* The facts a decision on the filing at leaf @index is checked against
 * (assay_filing_decision_check ()), read from @replica's verified entries:
 * the filing and the entry its `against` or `silence` names (absent when
 * erased).  ASSAY_ERROR_VERIFICATION when the leaf is not in the replica,
 * was erased or is no filing; ASSAY_ERROR_IO for the replica's own
 * failures.  Clear @out with assay_filing_facts_clear (). */
gboolean assay_filing_facts_from_replica (AssayReplica      *replica,
                                          guint64            index,
                                          AssayFilingFacts  *out,
                                          GError           **error);

/* The same for a decision: its subject must be a filing. */
gboolean assay_filing_facts_for_decision (AssayReplica         *replica,
                                          const AssayDecision  *decision,
                                          AssayFilingFacts     *out,
                                          GError              **error);

G_END_DECLS
