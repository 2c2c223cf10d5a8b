/* assay-filing-route.c — who decides a filing, and what a decision on it may say
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

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "assay-enum.h"
#include "assay-error.h"
#include "assay-filing-route.h"

AssayRole
assay_filing_route (AssayEntryKind filing_kind,
                    AssayEntryKind target_kind)
{
  /* A dispute between provinces, and an appeal against a decision the
   * committee or panel already took, need judges who did not take it. */
  if (filing_kind == ASSAY_ENTRY_DISPUTE)
    return ASSAY_ROLE_ARBITRATION;
  if (filing_kind == ASSAY_ENTRY_APPEAL && target_kind == ASSAY_ENTRY_DECISION)
    return ASSAY_ROLE_ARBITRATION;
  return ASSAY_ROLE_COMMITTEE;
}

gboolean
assay_filing_route_takes (AssayRole         route,
                          AssayDecisionKind kind)
{
  if (route == ASSAY_ROLE_ARBITRATION)
    return kind == ASSAY_DECISION_KIND_RULING;
  return kind == ASSAY_DECISION_KIND_APPROVE || kind == ASSAY_DECISION_KIND_DENY;
}

void
assay_filing_facts_clear (AssayFilingFacts *facts)
{
  g_clear_pointer (&facts->account, g_free);
  g_clear_pointer (&facts->target_account, g_free);
}

void
assay_filing_facts_init (AssayFilingFacts *facts,
                         guint64           index,
                         const AssayEntry *filing,
                         const AssayEntry *target)
{
  g_return_if_fail (facts != NULL && filing != NULL && ASSAY_ENTRY_KIND_IS_FILING (filing->kind));

  *facts = (AssayFilingFacts) { 0 };
  facts->index = index;
  facts->kind = filing->kind;
  facts->account = g_strdup (filing->account);
  facts->target_kind = target != NULL ? target->kind : ASSAY_N_ENTRY_KINDS;
  facts->target_account = target != NULL ? g_strdup (target->account) : NULL;
  if (target != NULL && target->kind == ASSAY_ENTRY_SILENCE)
    {
      facts->silence_from = target->pause_from;
      facts->silence_to = target->pause_to;
    }
  if (filing->kind == ASSAY_ENTRY_FAILURE_CLAIM)
    {
      facts->points = filing->points;
      facts->comparable_value = filing->comparable_value;
    }
}

gboolean
assay_filing_facts_has_silence (const AssayFilingFacts *facts)
{
  return facts->kind == ASSAY_ENTRY_FORGET_REQUEST && facts->target_kind == ASSAY_ENTRY_SILENCE
         && g_strcmp0 (facts->account, facts->target_account) == 0;
}

gint64
assay_filing_award_cap (gint64 comparable_value,
                        gint64 asked)
{
  /* Integers only: ⌊3 × value / 10⌋ is the largest N with 10 N ≤ 3 value. */
  return MIN (3 * comparable_value / 10, asked);
}

gint64
assay_filing_decision_amount (const AssayDecision *decision)
{
  const char *name = decision->kind == ASSAY_DECISION_KIND_APPROVE ? "award" : "points";

  if (decision->params == NULL || !json_object_has_member (decision->params, name))
    return 0;
  return json_object_get_int_member (decision->params, name);
}

static const char *
route_name (AssayRole route)
{
  return route == ASSAY_ROLE_ARBITRATION ? _("the arbitration panel, which decides it by a ruling")
                                         : _("the committee, which approves or denies it");
}

static gboolean
check_award (const AssayDecision     *d,
             const AssayFilingFacts  *facts,
             GError                 **error)
{
  gint64 award = assay_filing_decision_amount (d);
  gboolean failure = facts->kind == ASSAY_ENTRY_FAILURE_CLAIM;

  if (!failure && award != 0)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                 _("only an approved failure claim names an award (params.award); filing %" PRIu64 " is a %s"),
                 facts->index, assay_entry_kind_to_id (facts->kind));
  else if (failure && award == 0)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                 _("an approved failure claim names its award in params.award (1 to %" PRIi64 " points for "
                   "filing %" PRIu64 ")"),
                 assay_filing_award_cap (facts->comparable_value, facts->points), facts->index);
  else if (failure && award > facts->points)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                 _("the award of %" PRIi64 " points is more than the %" PRIi64 " points filing %" PRIu64 " asks"),
                 award, facts->points, facts->index);
  else if (failure && 10 * award > 3 * facts->comparable_value)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                 _("the award of %" PRIi64 " points is more than 30 %% of the comparable success’s %" PRIi64
                   " points (Article U): at most %" PRIi64),
                 award, facts->comparable_value, 3 * facts->comparable_value / 10);
  else
    return TRUE;
  return FALSE;
}

gboolean
assay_filing_decision_check (const AssayDecision     *d,
                             const AssayFilingFacts  *facts,
                             GError                 **error)
{
  AssayRole route = assay_filing_route (facts->kind, facts->target_kind);

  g_return_val_if_fail (d != NULL && facts != NULL, FALSE);

  /* Nothing is left to check it against (AssayFilingFacts). */
  if (facts->erased)
    return TRUE;
  if (!assay_filing_route_takes (route, d->kind))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                   _("filing %" PRIu64 " (%s) goes to %s, not to a “%s” decision"),
                   facts->index, assay_entry_kind_to_id (facts->kind), route_name (route),
                   assay_enum_get_nick (ASSAY_TYPE_DECISION_KIND, d->kind));
      return FALSE;
    }
  if (d->kind != ASSAY_DECISION_KIND_APPROVE)
    return TRUE;
  if (!check_award (d, facts, error))
    return FALSE;
  if (facts->kind == ASSAY_ENTRY_FORGET_REQUEST && !assay_filing_facts_has_silence (facts)
      && !facts->target_erased)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                   _("forget request %" PRIu64 " names no silence of its own account that the log still "
                     "holds, so there is no period to forget: deny it instead"),
                   facts->index);
      return FALSE;
    }
  return TRUE;
}
