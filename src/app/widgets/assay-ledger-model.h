/* assay-ledger-model.h — the sync of the session's replica, shared by the pages of a window
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

#include <gio/gio.h>

#include "assay-replica.h"
#include "assay-session.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_LEDGER_MODEL (assay_ledger_model_get_type ())

G_DECLARE_FINAL_TYPE (AssayLedgerModel, assay_ledger_model, ASSAY, LEDGER_MODEL, GObject)

/* The GTK-free state behind the Ledger and Overview pages: at most one
 * sync running against the session's replica.  The replica itself belongs
 * to the session (assay_session_get_replica(), its "replica" property);
 * the model loads it at construction, so the session follows replica-path
 * from then on.
 *
 * Properties (read-only, notified on change):
 *   syncing     gboolean
 *   can-sync    gboolean      a server URL and a log key are set, no sync runs
 *                             and no security alert blocks sync
 *
 * Signals:
 *   void sync-progress (AssayLedgerModel *self, guint64 verified, guint64 total, double rate)
 *   void sync-finished (AssayLedgerModel *self, guint64 new_entries, GError *error)
 *     error is NULL on success; G_IO_ERROR_CANCELLED after a cancel.  The
 *     replica has been reloaded (and emitted ::changed if it moved) by then. */

AssayLedgerModel *assay_ledger_model_new             (AssaySession     *session);
AssaySession     *assay_ledger_model_get_session     (AssayLedgerModel *self);
gboolean          assay_ledger_model_get_syncing     (AssayLedgerModel *self);
gboolean          assay_ledger_model_get_can_sync    (AssayLedgerModel *self);
/* Starts a sync (creating the replica file if needed); FALSE with an error
 * when it cannot start (settings missing, alert, file trouble). */
gboolean          assay_ledger_model_sync            (AssayLedgerModel *self,
                                                      GError          **error);
void              assay_ledger_model_cancel_sync     (AssayLedgerModel *self);
/* Re-reads the replica (after clearing an alert, for instance). */
void              assay_ledger_model_reload          (AssayLedgerModel *self);

G_END_DECLS
