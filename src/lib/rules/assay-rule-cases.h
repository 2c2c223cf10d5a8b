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
/* The same with progress reports (assay_rule_flags_evaluate_full ()).
 * Incremental where that is exact (README, "Cases", "Incremental
 * refresh"): when the stored run is of the same rule set and the replica
 * only appended entries since its checkpoint, the account-keyed subjects
 * are evaluated for the accounts those entries name only, the stored
 * flags of every other account are kept as they are, and county days and
 * rings are evaluated in full; otherwise everything is evaluated. */
gboolean         assay_rule_flags_refresh_full (AssayReplica      *replica,
                                                AssayRuleSet      *set,
                                                AssayRuleProgress  progress,
                                                gpointer           progress_data,
                                                GError           **error);

/* What a refresh did. */
typedef struct
{
  gboolean  incremental;   /* FALSE: a full evaluation */
  guint64   since_size;    /* incremental: the stored run's checkpoint size */
  guint64   checkpoint_size;  /* the checkpoint the new run was read at */
  guint64   n_changed;     /* incremental: accounts with entries since since_size */
  guint64   n_accounts;    /* accounts the account-keyed subjects covered */
  guint     n_kept;        /* stored flags kept as they were */
  guint     n_flags;       /* flags stored with the new run */
} AssayRuleRefreshReport;

/* assay_rule_flags_refresh_full () that says what it did in `report` (may
 * be NULL); `allow_incremental` FALSE always evaluates in full. */
gboolean         assay_rule_flags_refresh_report (AssayReplica           *replica,
                                                  AssayRuleSet           *set,
                                                  gboolean                allow_incremental,
                                                  AssayRuleProgress       progress,
                                                  gpointer                progress_data,
                                                  AssayRuleRefreshReport *report,
                                                  GError                **error);

G_END_DECLS
