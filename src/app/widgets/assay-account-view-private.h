/* assay-account-view-private.h — internals of the account view for the UI tests
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

#include "assay-account-view.h"
#include "assay-chart.h"
#include "assay-entry-table.h"

G_BEGIN_DECLS

AssayChart      *_assay_account_view_get_weekly_chart (AssayAccountView *self);
AssayChart      *_assay_account_view_get_shares_chart (AssayAccountView *self);
AssayEntryTable *_assay_account_view_get_entry_table  (AssayAccountView *self);
GtkPaned        *_assay_account_view_get_paned       (AssayAccountView *self);
GtkLabel        *_assay_account_view_get_entries_label (AssayAccountView *self);
/* The Requests and Disputes section and its list of AdwActionRows. */
GtkWidget       *_assay_account_view_get_filings_box  (AssayAccountView *self);
GtkListBox      *_assay_account_view_get_filings_list (AssayAccountView *self);
/* What the file chooser's answer does: writes the selected entry's proof
 * to `file`, then toasts or shows the error dialog. */
gboolean         _assay_account_view_export_proof_to  (AssayAccountView *self,
                                                       GFile            *file);

G_END_DECLS
