/* assay-central-filings.h — the service's checks of decisions on filings, and forgetting
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

#include "assay-central-store.h"
#include "assay-decision.h"
#include "assay-filing-route.h"

G_BEGIN_DECLS

/* The entry at leaf @index of @store's committed tree, parsed; NULL with
 * no error when its body was erased.  ASSAY_ERROR_NOT_FOUND beyond the
 * tree. */
AssayEntry *assay_central_store_read_entry  (AssayCentralStore       *store,
                                             guint64                  index,
                                             GError                 **error);

/* For @decision on a `filing` subject: what its log says of the filing
 * (@out, to clear with assay_filing_facts_clear ()), after checking that
 * the subject's index names a filing entry of this log that is not erased
 * and that the decision fits it (assay_filing_decision_check ()).  Every
 * refusal is ASSAY_ERROR_VERIFICATION (403) with a clause saying why.
 * A decision on another subject kind is no filing's: FALSE is not
 * returned for it, and @out is left empty (index 0, kind 0). */
gboolean    assay_central_filing_check      (AssayCentralStore       *store,
                                             const AssayDecision     *decision,
                                             AssayFilingFacts        *out,
                                             GError                 **error);

/* Whether logging @decision must also forget: an approval of a forget
 * request (Article V). */
gboolean    assay_central_filing_forgets    (const AssayDecision     *decision,
                                             const AssayFilingFacts  *facts);

G_END_DECLS
