/* assay-ledger-page.h — the Ledger page: the entries of the verified replica
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

#include "assay-page.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_LEDGER_PAGE (assay_ledger_page_get_type ())

G_DECLARE_FINAL_TYPE (AssayLedgerPage, assay_ledger_page, ASSAY, LEDGER_PAGE, AssayPage)

/* The replica's status and security alert, Sync with its progress, the
 * entries table with a search by account, and the account view.  Actions:
 * ledger.sync, ledger.cancel-sync, ledger.export-evidence,
 * ledger.clear-alert. */

/* Opens the account view on `account` (selecting its entry at leaf
 * `index`, or the first with G_MAXUINT64); FALSE if the replica does not
 * know the account. */
gboolean assay_ledger_page_show_account (AssayLedgerPage *self,
                                         const char      *account,
                                         guint64          index);

G_END_DECLS
