/* assay-sample-row.h — one sampled record in the Audit Sampling page’s table
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

#include "assay-audit-sample-job.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_SAMPLE_ROW (assay_sample_row_get_type ())

G_DECLARE_FINAL_TYPE (AssaySampleRow, assay_sample_row, ASSAY, SAMPLE_ROW, GObject)

typedef enum
{
  ASSAY_SAMPLE_COLUMN_INDEX,
  ASSAY_SAMPLE_COLUMN_ACCOUNT,
  ASSAY_SAMPLE_COLUMN_COUNTY,
  ASSAY_SAMPLE_COLUMN_ISSUER,
  ASSAY_SAMPLE_COLUMN_POINTS,
  ASSAY_SAMPLE_COLUMN_DATE,
  ASSAY_SAMPLE_COLUMN_RECHECK,
  ASSAY_SAMPLE_COLUMN_FINDING,
  ASSAY_N_SAMPLE_COLUMNS
} AssaySampleColumn;

/* A copy of the record: the job may drop its records before the table
 * lets go of the rows. */
AssaySampleRow          *assay_sample_row_new         (const AssaySampleRecord *record);
const AssaySampleRecord *assay_sample_row_get_record  (AssaySampleRow          *self);
/* The re-check (copied) or NULL before one. */
void                     assay_sample_row_set_recheck (AssaySampleRow          *self,
                                                       const AssayRecheckItem  *item);
/* -1 before a re-check, else an AssayRecheckStatus. */
int                      assay_sample_row_get_recheck_status (AssaySampleRow   *self);
gboolean                 assay_sample_row_get_recheck_passes (AssaySampleRow   *self);
/* The stored finding's id ("correct", "error", "fraud") and note, or NULL. */
void                     assay_sample_row_set_finding (AssaySampleRow          *self,
                                                       const char              *finding,
                                                       const char              *note);
const char              *assay_sample_row_get_finding (AssaySampleRow          *self);
const char              *assay_sample_row_get_note    (AssaySampleRow          *self);
char                    *assay_sample_row_format      (AssaySampleRow          *self,
                                                       AssaySampleColumn        column);
int                      assay_sample_row_compare     (AssaySampleRow          *a,
                                                       AssaySampleRow          *b,
                                                       AssaySampleColumn        column);
/* The translated label of a finding id. */
const char              *assay_sample_finding_get_label (const char            *finding);

G_END_DECLS
