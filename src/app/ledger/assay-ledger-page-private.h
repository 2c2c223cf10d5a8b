/* assay-ledger-page-private.h — internals of the Ledger page for the UI tests
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
#include "assay-entry-table.h"
#include "assay-ledger-page.h"

G_BEGIN_DECLS

AssayEntryTable  *_assay_ledger_page_get_entry_table  (AssayLedgerPage *self);
AssayAccountView *_assay_ledger_page_get_account_view (AssayLedgerPage *self);
GtkLabel         *_assay_ledger_page_get_size_label   (AssayLedgerPage *self);
/* The line under the size: the checkpoint's age, or a sync's progress. */
GtkLabel         *_assay_ledger_page_get_verified_label (AssayLedgerPage *self);
GtkProgressBar   *_assay_ledger_page_get_progress_bar (AssayLedgerPage *self);
GtkEditable      *_assay_ledger_page_get_search_entry (AssayLedgerPage *self);
gboolean          _assay_ledger_page_get_alert_shown  (AssayLedgerPage *self);
/* Whether the account view (rather than the ledger) is showing. */
gboolean          _assay_ledger_page_get_account_shown (AssayLedgerPage *self);

G_END_DECLS
