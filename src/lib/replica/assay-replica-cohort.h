/* assay-replica-cohort.h — the auditor's cohort attributes, stored beside the ledger
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

#include "assay-replica.h"

G_BEGIN_DECLS

/* One account's attributes from a cohort file (issue 12).  They never
 * enter the ledger and are never uploaded; a tombstone that erases the
 * account erases its row. */
typedef struct
{
  char   *account;
  char   *gender;
  char   *age_band;
  char   *county;      /* six digits, checked by the importer */
  double  ses;
  char  **extra;       /* values of the extra columns, in their order */
} AssayCohortRecord;

void assay_cohort_record_free (AssayCohortRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayCohortRecord, assay_cohort_record_free)

/* Replaces the stored cohort by `records` (AssayCohortRecord*) with the
 * extra column names `extra_columns`, in one transaction: on an error
 * nothing changes.  `out_not_in_ledger`: how many of them the ledger does
 * not hold. */
gboolean  assay_replica_cohort_replace     (AssayReplica       *self,
                                            const char * const *extra_columns,
                                            GPtrArray          *records,
                                            guint              *out_not_in_ledger,
                                            GError            **error);

typedef struct
{
  guint   n_accounts;        /* rows stored */
  guint   n_not_in_ledger;   /* of them, accounts the ledger does not hold */
  char  **extra_columns;     /* names of the extra columns */
} AssayCohortStatus;

void assay_cohort_status_free (AssayCohortStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayCohortStatus, assay_cohort_status_free)

AssayCohortStatus *assay_replica_cohort_get_status (AssayReplica *self,
                                                    GError      **error);

/* A cohort account with its outcome: its event points in `year`, summed
 * from the maintained account_quarter aggregate (0 for an account of the
 * ledger without events that year). */
typedef struct
{
  AssayCohortRecord record;
  gboolean          in_ledger;
  guint64           account_id;   /* the replica's account number; 0 if not in the ledger */
  gint64            points;
} AssayCohortOutcome;

void assay_cohort_outcome_free (AssayCohortOutcome *outcome);

/* Every stored cohort account (AssayCohortOutcome*), in account order. */
GPtrArray *assay_replica_cohort_outcomes   (AssayReplica *self,
                                            int           year,
                                            GError      **error);

G_END_DECLS
