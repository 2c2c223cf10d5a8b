/* assay-replica-audit.h — the 6.2 audit sample's population and the auditor's findings
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

/* The leaf indices (ascending, guint64) of the stored events whose event
 * day falls in `year` and whose county starts with the two digits
 * `province`, below `size`: the population of a 6.2 audit sample.
 * Erased and withheld entries hold no event the replica can read and are
 * not in it. */
GArray    *assay_replica_audit_population   (AssayReplica *self,
                                             int           year,
                                             const char   *province,
                                             guint64       size,
                                             GError      **error);

/* One finding of a 6.2 audit (issue 12), stored in this replica only and
 * not signed (the signed `audit_findings` decision comes with the
 * decisions layer).  Keyed by (year, province, checkpoint_size, rate,
 * leaf_index); `population` and `sample_size` are those of the sample
 * when the finding was recorded.  A tombstone that erases the entry
 * erases its finding. */
typedef struct
{
  int      year;
  char     province[3];
  guint64  checkpoint_size;
  char    *rate;             /* the rate as its canonical decimal text */
  guint64  leaf_index;
  char    *finding;          /* "correct", "error" or "fraud" */
  char    *note;             /* may be empty, never NULL */
  gint64   recorded_at;      /* unix time */
  guint64  population;
  guint64  sample_size;
} AssayAuditFindingRow;

void assay_audit_finding_row_free (AssayAuditFindingRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayAuditFindingRow, assay_audit_finding_row_free)

/* Stores `row` (recorded_at is set to now), replacing a finding with the
 * same key. */
gboolean   assay_replica_audit_finding_set  (AssayReplica               *self,
                                             const AssayAuditFindingRow *row,
                                             GError                    **error);
/* The stored findings of `year` (every year with 0), by year, province,
 * checkpoint size, rate and leaf index (AssayAuditFindingRow*). */
GPtrArray *assay_replica_audit_findings     (AssayReplica *self,
                                             int           year,
                                             GError      **error);

G_END_DECLS
