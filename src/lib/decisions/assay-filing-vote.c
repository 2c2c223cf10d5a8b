/* assay-filing-vote.c — a panel member's vote among the rulings proposed on a filing
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

#include "assay-filing-route.h"
#include "assay-filing-vote.h"

/* Whether @proposal is a ruling on the filing @subject_id, and if so
 * whether it says @verdict. */
static gboolean
ruling_on (const AssayProposal      *proposal,
           const char               *subject_id,
           const AssayFilingVerdict *verdict,
           gboolean                 *out_same)
{
  g_autoptr(AssayDecision) d = NULL;

  if (proposal->problem != NULL || (d = assay_proposal_get_decision (proposal, NULL)) == NULL ||
      d->kind != ASSAY_DECISION_KIND_RULING || d->subject_kind != ASSAY_SUBJECT_FILING ||
      g_strcmp0 (d->subject_id, subject_id) != 0)
    return FALSE;
  *out_same = d->ruling == verdict->ruling && assay_filing_decision_amount (d) == verdict->amount;
  return TRUE;
}

AssayProposal *
assay_filing_vote_match (GPtrArray                *proposals,
                         guint64                   filing_index,
                         const AssayFilingVerdict *verdict,
                         GPtrArray                *out_others)
{
  g_autofree char *subject_id = g_strdup_printf ("%" PRIu64, filing_index);
  AssayProposal *match = NULL;

  g_return_val_if_fail (proposals != NULL, NULL);
  g_return_val_if_fail (verdict != NULL && verdict->kind == ASSAY_DECISION_KIND_RULING, NULL);

  for (guint i = 0; i < proposals->len; i++)
    {
      AssayProposal *p = proposals->pdata[i];
      gboolean same = FALSE;

      if (!ruling_on (p, subject_id, verdict, &same))
        continue;
      if (same && match == NULL)
        match = p;
      else if (!same && out_others != NULL)
        g_ptr_array_add (out_others, p);
    }
  return match;
}
