/* assay-audit-sampling-page-private.h — what the UI tests reach inside the Audit Sampling page
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

#include "assay-audit-findings-dialog.h"
#include "assay-audit-sample-job.h"
#include "assay-audit-sampling-page.h"

G_BEGIN_DECLS

AssayAuditSampleJob *_assay_audit_sampling_page_get_job          (AssayAuditSamplingPage *self);
AssayAuditSampleJob *_assay_audit_sampling_page_get_benford_job  (AssayAuditSamplingPage *self);
/* The tables' rows in the order shown: AssaySampleRow, and
 * GtkStringObject (an index into the Benford result's groups). */
GListModel          *_assay_audit_sampling_page_get_rows         (AssayAuditSamplingPage *self);
GListModel          *_assay_audit_sampling_page_get_benford_rows (AssayAuditSamplingPage *self);
/* Selects the sampled record at `position` of the rows shown. */
void                 _assay_audit_sampling_page_select           (AssayAuditSamplingPage *self,
                                                                  guint                   position);
/* What Export CSV saves, or NULL without a sample. */
char                *_assay_audit_sampling_page_dup_csv          (AssayAuditSamplingPage *self);
/* The Sign Findings dialog while it is open, or NULL. */
AssayAuditFindingsDialog *_assay_audit_sampling_page_get_dialog (AssayAuditSamplingPage *self);
/* A widget of the template by its id ("draw_button", "year_spin", …). */
GtkWidget           *_assay_audit_sampling_page_get_widget       (AssayAuditSamplingPage *self,
                                                                  const char             *id);

G_END_DECLS
