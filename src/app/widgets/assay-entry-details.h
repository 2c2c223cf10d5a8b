/* assay-entry-details.h — the details of one ledger entry, and its proof
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

G_BEGIN_DECLS

#define ASSAY_TYPE_ENTRY_DETAILS (assay_entry_details_get_type ())

G_DECLARE_FINAL_TYPE (AssayEntryDetails, assay_entry_details, ASSAY, ENTRY_DETAILS, AdwWindow)

/* A window with everything the replica holds about one entry, read from
 * its stored verified body (assay_replica_get_entry): what was done
 * (activity, rule and inputs, evidence commitment), who confirmed,
 * issued and distributed it, when it was published; a redemption's tier,
 * item and request.  An erased or withheld entry says so and shows no
 * fields.  "Export Inclusion Proof…" saves the entry's tlog-proof (a
 * toast in the window says how that went).  Fails as
 * assay_replica_get_entry does (no such entry, a body that does not
 * parse). */

AssayEntryDetails *assay_entry_details_new   (GtkWindow    *parent,
                                              AssayReplica *replica,
                                              guint64       index,
                                              GError      **error);
guint64            assay_entry_details_get_index (AssayEntryDetails *self);
/* Opens the details of entry `index` over the window of `from`; a failure
 * is shown in a message dialog.  Returns the window (not a reference), or
 * NULL. */
AssayEntryDetails *assay_entry_details_present   (GtkWidget    *from,
                                                  AssayReplica *replica,
                                                  guint64       index);

/* For tests: the value shown for a field ("activity", "rule_id", …; the
 * ids of `assayctl entries --json`), or NULL when it is not shown. */
const char        *_assay_entry_details_get_field   (AssayEntryDetails *self,
                                                     const char        *id);
/* The state message of an erased or withheld entry, or NULL. */
const char        *_assay_entry_details_get_notice  (AssayEntryDetails *self);
gboolean           _assay_entry_details_can_export  (AssayEntryDetails *self);
/* What the file chooser's Export does. */
gboolean           _assay_entry_details_export_proof_to (AssayEntryDetails *self,
                                                         GFile             *file);

G_END_DECLS
