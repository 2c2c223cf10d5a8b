/* assay-filing-view.h — a filing with everything a reviewer reads before deciding it
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

#include <adwaita.h>

#include "assay-replica.h"
#include "assay-replica-decisions.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_FILING_VIEW (assay_filing_view_get_type ())

G_DECLARE_FINAL_TYPE (AssayFilingView, assay_filing_view, ASSAY, FILING_VIEW, AdwBin)

/* One filing (README "Filings") as groups of rows: who filed what and
 * when, its texts whole (reasons, statements, the project), the numbers
 * its checks read (a claim's share of the comparable success, an
 * insurance claim's points year by year, a transfer's share of the year's
 * accrual), and the entries at stake, each opening its details and
 * inclusion proof.  Reads the replica when shown. */

GtkWidget *assay_filing_view_new  (void);
/* Shows the filing at leaf `index`; FALSE with an error when the replica
 * holds no verified filing there. */
gboolean   assay_filing_view_show (AssayFilingView *self,
                                   AssayReplica    *replica,
                                   guint64          index,
                                   GError         **error);

/* "Overturned, logged 2026-12-06, signed by chen-jie, zhao-lei"; an
 * approval or adjustment with its points. */
char      *assay_filing_view_describe_decision (const AssayFilingDecision *decision);

/* For tests: the subtitle of the row titled `title`, or NULL. */
const char *_assay_filing_view_get_row (AssayFilingView *self,
                                        const char      *title);

G_END_DECLS
