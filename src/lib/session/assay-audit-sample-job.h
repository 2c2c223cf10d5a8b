/* assay-audit-sample-job.h — the 6.2 sample, its re-check and the Benford look, off the main thread
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

#include <glib-object.h>

#include "assay-audit-recheck.h"
#include "assay-audit-sample.h"
#include "assay-benford.h"

G_BEGIN_DECLS

/* One sampled record as the Audit Sampling page lists it. */
typedef struct
{
  guint64  index;
  char    *account;
  char     county[7];
  char    *issuer;
  gint64   points;
  guint32  event_day;
  char    *rule_id;
} AssaySampleRecord;

void assay_sample_record_free (AssaySampleRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssaySampleRecord, assay_sample_record_free)

typedef enum
{
  ASSAY_AUDIT_SAMPLE_JOB_DRAW,
  ASSAY_AUDIT_SAMPLE_JOB_RECHECK,
  ASSAY_AUDIT_SAMPLE_JOB_BENFORD,
} AssayAuditSampleJobKind;

#define ASSAY_TYPE_AUDIT_SAMPLE_JOB (assay_audit_sample_job_get_type ())

G_DECLARE_FINAL_TYPE (AssayAuditSampleJob, assay_audit_sample_job, ASSAY, AUDIT_SAMPLE_JOB, GObject)

/* What the Audit Sampling page runs in a worker thread, each on a replica
 * connection of its own: the draw of a sample with its records, the
 * re-check of the drawn sample, or the Benford look.  As with
 * AssayFairnessJob, one job at a time is current and starting another
 * drops the outcome of the running one; each kind's last outcome stays
 * until the next of its kind (a new draw also drops the old re-check).
 *
 * Properties (notified on change):
 *   running   gboolean  a job is under way
 *   elapsed   double    seconds since the current job started (ticks
 *                       every quarter second while it runs)
 *   fraction  double    of the records read (draw, re-check), −1 while
 *                       the job cannot tell (the draw of the population)
 * Signals:
 *   finished  the current job ended (see get_error) */

AssayAuditSampleJob      *assay_audit_sample_job_new          (void);

void                      assay_audit_sample_job_draw         (AssayAuditSampleJob *self,
                                                               const char          *replica_path,
                                                               int                  year,
                                                               const char          *province,
                                                               const char          *rate,
                                                               guint64              checkpoint_size);
/* Re-checks the drawn sample (a programming error without one). */
void                      assay_audit_sample_job_recheck      (AssayAuditSampleJob *self,
                                                               const char          *replica_path);
void                      assay_audit_sample_job_benford      (AssayAuditSampleJob *self,
                                                               const char          *replica_path,
                                                               AssayBenfordBy       by,
                                                               guint                min_n);

gboolean                  assay_audit_sample_job_get_running  (AssayAuditSampleJob *self);
AssayAuditSampleJobKind   assay_audit_sample_job_get_kind     (AssayAuditSampleJob *self);
double                    assay_audit_sample_job_get_elapsed  (AssayAuditSampleJob *self);
double                    assay_audit_sample_job_get_fraction (AssayAuditSampleJob *self);
const GError             *assay_audit_sample_job_get_error    (AssayAuditSampleJob *self);
/* The last draw: the sample and its records (AssaySampleRecord*, in
 * index order), or NULL. */
const AssayAuditSample   *assay_audit_sample_job_get_sample   (AssayAuditSampleJob *self);
GPtrArray                *assay_audit_sample_job_get_records  (AssayAuditSampleJob *self);
/* The re-check of the last draw (AssayRecheckItem*, in index order), or
 * NULL before one. */
GPtrArray                *assay_audit_sample_job_get_rechecks (AssayAuditSampleJob *self);
const AssayBenfordResult *assay_audit_sample_job_get_benford  (AssayAuditSampleJob *self);

/* The sampled records as CSV (RFC 4180, a header row): index, account,
 * county, issuer, rule, points, event date, the re-check (empty columns
 * before one), and the stored findings (AssayAuditFindingRow*, may be
 * NULL) of this sample. */
char                     *assay_audit_sample_to_csv           (const AssayAuditSample *sample,
                                                               GPtrArray              *records,
                                                               GPtrArray              *rechecks,
                                                               GPtrArray              *findings);
/* A copy for another thread. */
AssayAuditSample         *assay_audit_sample_copy             (const AssayAuditSample *sample);
/* Whether a stored finding is one of this sample's. */
gboolean                  assay_audit_sample_owns_finding     (const AssayAuditSample     *sample,
                                                               const AssayAuditFindingRow *finding);

G_END_DECLS
