/* assay-replica-filings.h — the verified filings of the log: appeals, disputes and requests
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

#include "assay-entry.h"
#include "assay-replica.h"

G_BEGIN_DECLS

/* A filing as the replica keeps it (table `filings`): what the rules
 * read.  Its texts stay in the entry's body (assay_replica_get_entry). */
typedef struct
{
  guint64          index;
  AssayEntryKind   kind;
  char            *account;
  char             county[7];
  guint32          filed_day;
  gboolean         has_target;
  guint64          target;           /* appeal: the contested leaf; forget_request: the silence */
  guint32          from_day, to_day; /* silence */
  gint64           points;           /* failure_claim: asked; education_transfer: moved */
  gint64           comparable_value; /* failure_claim */
  guint            criteria_met;     /* failure_claim: how many of the three review criteria hold */
  guint            year;             /* education_transfer */
  AssayBenefit     benefit;          /* insurance_claim */
} AssayFiling;

void       assay_filing_free                       (AssayFiling  *filing);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayFiling, assay_filing_free)

/* Every filing, in log order (GPtrArray of AssayFiling). */
GPtrArray *assay_replica_list_filings              (AssayReplica *self,
                                                    GError      **error);

/* The leaf indices of @account's filings, log order (GArray of guint64). */
GArray    *assay_replica_account_filings           (AssayReplica *self,
                                                    const char   *account,
                                                    GError      **error);

/* A dispute's disputed leaf indices, ascending (GArray of guint64). */
GArray    *assay_replica_filing_disputed           (AssayReplica *self,
                                                    guint64       index,
                                                    GError      **error);

/* The account's events and redemptions dated (event_date) from @first_day
 * to @last_day: how many, and the sum of the events' points (deductions
 * included, redemptions not).  An account with no records has none. */
gboolean   assay_replica_account_activity_between  (AssayReplica *self,
                                                    const char   *account,
                                                    guint32       first_day,
                                                    guint32       last_day,
                                                    guint64      *out_entries,
                                                    gint64       *out_points,
                                                    GError      **error);

/* The account's event points (deductions included) with an event date
 * in calendar @year: what the filing rules call a year's points (README
 * "Filing rules"); 0 for a year outside 1–9999. */
gboolean   assay_replica_account_year_points       (AssayReplica *self,
                                                    const char   *account,
                                                    guint         year,
                                                    gint64       *out_points,
                                                    GError      **error);

/* The leaf indices of those events and redemptions, log order (GArray of
 * guint64). */
GArray    *assay_replica_account_entries_between   (AssayReplica *self,
                                                    const char   *account,
                                                    guint32       first_day,
                                                    guint32       last_day,
                                                    GError      **error);

G_END_DECLS
