/* assay-account-view.h — one account: weekly points, dimension shares, entries, proofs
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
#include "assay-rule-set.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_ACCOUNT_VIEW (assay_account_view_get_type ())

G_DECLARE_FINAL_TYPE (AssayAccountView, assay_account_view, ASSAY, ACCOUNT_VIEW, GtkWidget)

/* The Ledger page's second level: an account's points per week stacked by
 * dimension, its dimension shares, its entries, and "Export Inclusion
 * Proof" for the selected entry.  It follows the replica it shows: when
 * that emits ::changed (a sync committed), the figures, the entries and
 * the count are read again and the selected entry stays selected.
 *
 * Signals:
 *   void back       (AssayAccountView *self)           the back button
 *   void show-toast (AssayAccountView *self, AdwToast *toast) */

GtkWidget   *assay_account_view_new         (void);
/* Shows `account` of `replica`, its value by `rule_set` (the set in
 * force; may be NULL), selecting its entry at leaf `index` (G_MAXUINT64:
 * the first).  FALSE with ASSAY_ERROR_NOT_FOUND for an account the
 * replica does not know. */
gboolean     assay_account_view_show        (AssayAccountView *self,
                                             AssayReplica     *replica,
                                             AssayRuleSet     *rule_set,
                                             const char       *account,
                                             guint64           index,
                                             GError          **error);
const char  *assay_account_view_get_account (AssayAccountView *self);
/* Moves the focus to the selected entry, so that Escape reaches the
 * view's "back" binding from there. */
void         assay_account_view_focus_entries (AssayAccountView *self);
/* Lets go of the replica (another one replaces it) and shows nothing. */
void         assay_account_view_clear       (AssayAccountView *self);

G_END_DECLS
