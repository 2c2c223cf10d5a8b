/* assay-entry-row.h — one ledger entry as a list item
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

#include "assay-types.h"
#include "assay-entry.h"
#include "assay-replica.h"

G_BEGIN_DECLS

/* A small immutable GObject describing one entry, for list views
 * (AssayEntryList items, assay_replica_list_entries).  Properties (all
 * read-only, set at construction):
 *
 *   index       guint64  leaf index in the log
 *   state       enum     AssayEntryState (ASSAY_TYPE_ENTRY_STATE)
 *   kind        enum     AssayEntryKind (ASSAY_TYPE_ENTRY_KIND; meaningless unless state is VERIFIED)
 *   kind-label  string   translated: "Event", "Redemption", "Erasure", "Roster",
 *                        "Decision", "Erased", "Withheld"
 *   account     string   the account the entry concerns (a record's, a
 *                        filing's filer, an account's pause or decision), or NULL
 *   dimension   int      AssayDimension for events, -1 otherwise
 *   dimension-label string translated dimension (events) or tier (redemptions) label, or NULL
 *   points      gint64   event points (negative for deductions), redemption points
 *   event-day   guint    Julian day (a record's event, a filing's filing), 0 if none
 *   event-date  string   "YYYY-MM-DD", or NULL
 *   county      string   six-digit county code (a record's, a filing's), or NULL
 *   issuer      string   event issuer, or NULL
 */

#define ASSAY_TYPE_ENTRY_ROW (assay_entry_row_get_type ())
G_DECLARE_FINAL_TYPE (AssayEntryRow, assay_entry_row, ASSAY, ENTRY_ROW, GObject)

guint64          assay_entry_row_get_index      (AssayEntryRow *self);
AssayEntryState  assay_entry_row_get_state      (AssayEntryRow *self);
AssayEntryKind   assay_entry_row_get_kind       (AssayEntryRow *self);
const char      *assay_entry_row_get_kind_label (AssayEntryRow *self);
const char      *assay_entry_row_get_account    (AssayEntryRow *self);
int              assay_entry_row_get_dimension  (AssayEntryRow *self);
const char      *assay_entry_row_get_dimension_label (AssayEntryRow *self);
gint64           assay_entry_row_get_points     (AssayEntryRow *self);
guint32          assay_entry_row_get_event_day  (AssayEntryRow *self);
const char      *assay_entry_row_get_event_date (AssayEntryRow *self);
const char      *assay_entry_row_get_county     (AssayEntryRow *self);
const char      *assay_entry_row_get_issuer     (AssayEntryRow *self);
/* Whether the entry is an event or a redemption, whose points, dimension
 * and issuer the other getters give.  Another entry may still name an
 * account (a filing's filer, a pause or decision on an account), a day
 * and a county (a filing's). */
gboolean         assay_entry_row_is_record      (AssayEntryRow *self);

G_END_DECLS
