/* assay-rule-cases.h — flags into the replica's store and cases
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

#include "assay-replica-cases.h"
#include "assay-rule-flags.h"

G_BEGIN_DECLS

/* The default rule set, for `assayctl flags`, `assayctl sync`, the
 * session and the Weights and Rules page: $ASSAY_RULE_SET when set and
 * not empty (tests, and a workstation that runs another set), else
 * $ASSAY_DATADIR/rules/pilot.json when that is set (an uninstalled build:
 * the source tree's data/), else the installed PKGDATADIR/rules/pilot.json. */
char            *assay_rule_default_set_path (void);

/* A flag as the replica stores it: its columns, the county of its subject
 * (a county subject's own code; for an account the county of its most
 * recent record), a ring's members from its JSON, and the JSON itself. */
AssayStoredFlag *assay_rule_flag_to_stored   (const AssayRuleFlag *flag,
                                              AssayReplica        *replica,
                                              GError             **error);

/* Evaluates `set` over the replica (read-write) and stores the flags with
 * their run (assay_replica_store_flags ()), which brings the cases up to
 * date; all or nothing. */
gboolean         assay_rule_flags_refresh    (AssayReplica        *replica,
                                              AssayRuleSet        *set,
                                              GError             **error);
/* The same with progress reports (assay_rule_flags_evaluate_full ()). */
gboolean         assay_rule_flags_refresh_full (AssayReplica      *replica,
                                                AssayRuleSet      *set,
                                                AssayRuleProgress  progress,
                                                gpointer           progress_data,
                                                GError           **error);

G_END_DECLS
