/* assay-review-labels.c — the Review Queue's words for states, severities, actions and subjects
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

#include <glib/gi18n.h>

#include "assay-county.h"
#include "assay-filing-text.h"
#include "assay-review-labels.h"

const char *
assay_review_state_label (AssayCaseState state)
{
  switch (state)
    {
    case ASSAY_CASE_STATE_OPEN:
      return _("Open");
    case ASSAY_CASE_STATE_IN_REVIEW:
      return _("In Review");
    case ASSAY_CASE_STATE_DECIDED:
      return _("Decided");
    case ASSAY_CASE_STATE_REOPENED:
      return _("Reopened");
    default:
      return "";
    }
}

const char *
assay_review_severity_label (const char *severity)
{
  if (g_strcmp0 (severity, "low") == 0)
    return _("Low");
  if (g_strcmp0 (severity, "medium") == 0)
    return _("Medium");
  if (g_strcmp0 (severity, "high") == 0)
    return _("High");
  return severity != NULL ? severity : "";
}

const char *
assay_review_action_label (const char *action)
{
  if (g_strcmp0 (action, "review") == 0)
    return _("Review");
  if (g_strcmp0 (action, "down_weight") == 0)
    return _("Down-weight");
  if (g_strcmp0 (action, "pause") == 0)
    return _("Pause");
  return action != NULL ? action : "";
}

char *
assay_review_describe_subject (const char *kind,
                               const char *id,
                               guint       n_members)
{
  if (g_strcmp0 (kind, "county") == 0)
    return assay_county_format (id);
  if (g_strcmp0 (kind, "group") == 0 && id != NULL)
    {
      g_auto(GStrv) pairs = g_strsplit (id, ";", -1);
      g_autofree char *joined = g_strjoinv (", ", pairs);
      g_auto(GStrv) parts = g_strsplit (joined, "=", -1);
      g_autofree char *readable = g_strjoinv (" = ", parts);

      /* Translators: an Article W group, "Group age_band = 70+, gender = female". */
      return g_strdup_printf (_("Group %s"), readable);
    }
  if (g_strcmp0 (kind, "ring") == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Ring of %u account", "Ring of %u accounts",
                                         n_members),
                            n_members);
  return g_strdup (id != NULL ? id : "");
}

char *
assay_review_describe_case (const AssayCase *c,
                            guint            n_members)
{
  if (c->is_filing)
    /* Translators: a filing's case, "Failure claim by acct-000123". */
    return g_strdup_printf (_("%s by %s"), assay_filing_kind_get_label (c->filing_kind),
                            c->filing_account != NULL ? c->filing_account : "?");
  return assay_review_describe_subject (c->subject_kind, c->subject_id, n_members);
}
