/* assay-fairness-job.h — the Article W audit and the cohort import, off the main thread
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

#include "assay-audit-cohort.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_FAIRNESS_JOB (assay_fairness_job_get_type ())

G_DECLARE_FINAL_TYPE (AssayFairnessJob, assay_fairness_job, ASSAY, FAIRNESS_JOB, GObject)

/* What the Fairness page runs: a cohort import or an audit, each in a
 * worker thread on a replica connection of its own.  One job at a time is
 * current: starting another supersedes the running one, whose outcome is
 * then dropped.  When a job ends, "finished" is emitted and the job's
 * outcome is read with the getters; an audit's result stays until the
 * next audit or import (an import makes the old result stale).
 *
 * Properties (notified on change):
 *   running   gboolean  a job is under way
 *   elapsed   double    seconds since the current job started (ticks every
 *                       quarter second while it runs; the audit has no
 *                       finer measure of progress to offer)
 * Signals:
 *   finished  the current job ended (see get_error) */

AssayFairnessJob          *assay_fairness_job_new            (void);

/* `by`: one attribute, or NULL for every attribute of the cohort; groups
 * are their values and the combinations of up to `depth` (1 … 3) of them.
 * `rule_set` values the accounts when `options->outcome` is VALUE (NULL
 * allowed for points). */
void                       assay_fairness_job_run            (AssayFairnessJob           *self,
                                                              const char                 *replica_path,
                                                              int                         year,
                                                              const char                 *by,
                                                              guint                       depth,
                                                              const AssayFairnessOptions *options,
                                                              AssayRuleSet               *rule_set);
void                       assay_fairness_job_import         (AssayFairnessJob           *self,
                                                              const char                 *replica_path,
                                                              const char                 *csv_path);

gboolean                   assay_fairness_job_get_running    (AssayFairnessJob           *self);
/* Whether the current (or the last) job is an import rather than an audit. */
gboolean                   assay_fairness_job_is_import      (AssayFairnessJob           *self);
double                     assay_fairness_job_get_elapsed    (AssayFairnessJob           *self);
/* Why the last job failed, or NULL. */
const GError              *assay_fairness_job_get_error      (AssayFairnessJob           *self);
/* The last audit's result and what it was run with, or NULL (`by` is
 * NULL too when every attribute was used). */
const AssayFairnessResult *assay_fairness_job_get_result     (AssayFairnessJob           *self);
const char                *assay_fairness_job_get_method     (AssayFairnessJob           *self);
const char                *assay_fairness_job_get_by         (AssayFairnessJob           *self);
int                        assay_fairness_job_get_year       (AssayFairnessJob           *self);
/* Of the last audit: cohort accounts the ledger does not hold. */
guint                      assay_fairness_job_get_not_in_ledger (AssayFairnessJob        *self);
/* Of the last audit: groups found under or over, each filed as an
 * Article W case (assay_fairness_open_cases ()). */
guint                      assay_fairness_job_get_flagged    (AssayFairnessJob           *self);
/* Of the last audit: why its cases could not be filed, or NULL. */
const char                *assay_fairness_job_get_filing_error (AssayFairnessJob         *self);
/* Of the last import: accounts stored, and of them not in the ledger. */
guint                      assay_fairness_job_get_imported   (AssayFairnessJob           *self);
guint                      assay_fairness_job_get_imported_not_in_ledger (AssayFairnessJob *self);

/* The result as CSV (RFC 4180, a header row, one row per group, numbers
 * with full precision, empty for NaN), for the page's export.  The first
 * column is `by` with the attribute's values, or (`by` NULL) `group` with
 * each group as "attribute=value" pairs joined by "; ". */
char                      *assay_fairness_result_to_csv      (const AssayFairnessResult  *result,
                                                              const char                 *by);

G_END_DECLS
