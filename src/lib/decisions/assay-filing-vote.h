/* assay-filing-vote.h — a panel member's vote among the rulings proposed on a filing
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

#include "assay-decision-draft.h"
#include "assay-proposals.h"

G_BEGIN_DECLS

/* A vote on a filing the panel decides (README "Arbitration votes") is a
 * signature: on the pending ruling that already says the same (its
 * outcome and points), or on a new proposal when none does.  The pending
 * rulings on the same filing that say something else are what the vote
 * dissents from.
 *
 * Among @proposals (verified, assay_proposal_verify ()), the pending
 * ruling on the filing at leaf @filing_index whose verdict is @verdict,
 * or NULL; @out_others (may be NULL) gets the other pending rulings on
 * it (borrowed AssayProposal pointers).  Proposals that do not verify
 * count for neither. */
AssayProposal *assay_filing_vote_match (GPtrArray                *proposals,
                                        guint64                   filing_index,
                                        const AssayFilingVerdict *verdict,
                                        GPtrArray                *out_others);

G_END_DECLS
