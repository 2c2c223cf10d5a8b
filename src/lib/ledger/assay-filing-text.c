/* assay-filing-text.c — a filing told in one sentence, for lists and dockets
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

#include "assay-day.h"
#include "assay-filing-text.h"

const char *
assay_filing_kind_get_label (AssayEntryKind kind)
{
  /* The ledger names every kind; this names only the filings. */
  return ASSAY_ENTRY_KIND_IS_FILING (kind) ? assay_entry_kind_get_label (kind) : NULL;
}

static const char *
benefit_label (AssayBenefit benefit)
{
  switch (benefit)
    {
    case ASSAY_BENEFIT_SOCIAL_SECURITY: return _("a longer social-security buffer");
    case ASSAY_BENEFIT_RETRAINING: return _("a higher retraining subsidy");
    case ASSAY_BENEFIT_CREDIT_REPAIR: return _("priority credit repair");
    default: return "";
    }
}

static char *
silence_summary (const AssayEntry *e)
{
  g_autofree char *from = assay_day_format (e->pause_from);
  g_autofree char *to = assay_day_format (e->pause_to);

  return g_strdup_printf (_("Silence from %s to %s (%u days)"), from, to, e->pause_to - e->pause_from + 1);
}

static char *
failure_summary (const AssayEntry *e)
{
  return g_strdup_printf (_("%" PRIi64 " points asked for a failed project; a comparable success "
                            "earns %" PRIi64 " (%.0f%%)"),
                          e->points, e->comparable_value, 100.0 * e->points / e->comparable_value);
}

char *
assay_filing_summary (const AssayEntry *e)
{
  g_return_val_if_fail (e != NULL, NULL);

  switch (e->kind)
    {
    case ASSAY_ENTRY_APPEAL:
      return g_strdup_printf (_("Contests the entry at index %" PRIu64), e->target);
    case ASSAY_ENTRY_DISPUTE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Provinces %s and %s disagree over %u entry",
                                           "Provinces %s and %s disagree over %u entries",
                                           e->n_disputed),
                              e->claimant, e->respondent, (guint) e->n_disputed);
    case ASSAY_ENTRY_SILENCE:
      return silence_summary (e);
    case ASSAY_ENTRY_FORGET_REQUEST:
      return g_strdup_printf (_("Forget mode for the silence at index %" PRIu64), e->target);
    case ASSAY_ENTRY_FAILURE_CLAIM:
      return failure_summary (e);
    case ASSAY_ENTRY_INSURANCE_CLAIM:
      return g_strdup_printf (_("Claims %s after a failed venture"), benefit_label (e->benefit));
    case ASSAY_ENTRY_EDUCATION_TRANSFER:
      return g_strdup_printf (_("%" PRIi64 " points of %u's accrual to education account %s"),
                              e->points, e->year, e->child_account);
    default:
      return g_strdup ("");
    }
}
