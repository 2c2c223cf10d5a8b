/* assay-fairness-row.h — one group of the fairness table, as a list item
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

#include "assay-fairness.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_FAIRNESS_ROW (assay_fairness_row_get_type ())

G_DECLARE_FINAL_TYPE (AssayFairnessRow, assay_fairness_row, ASSAY, FAIRNESS_ROW, GObject)

/* The table's columns, also its sort keys. */
typedef enum
{
  ASSAY_FAIRNESS_COLUMN_GROUP,
  ASSAY_FAIRNESS_COLUMN_N,
  ASSAY_FAIRNESS_COLUMN_OBSERVED,
  ASSAY_FAIRNESS_COLUMN_PREDICTED,
  ASSAY_FAIRNESS_COLUMN_RATIO,
  ASSAY_FAIRNESS_COLUMN_RESIDUAL,
  ASSAY_FAIRNESS_COLUMN_P_BELOW,
  ASSAY_FAIRNESS_COLUMN_P_ABOVE,
  ASSAY_FAIRNESS_COLUMN_VERDICT,
  ASSAY_N_FAIRNESS_COLUMNS
} AssayFairnessColumn;

/* A copy of `group`: the row outlives the result it came from.  `label`
 * is how the table names the group ("Qingpu (310118)" for a county). */
AssayFairnessRow         *assay_fairness_row_new      (const AssayFairnessGroup *group,
                                                       const char               *label);
const AssayFairnessGroup *assay_fairness_row_get_group (AssayFairnessRow        *self);
/* The cell's text, as the table shows it. */
char                     *assay_fairness_row_format   (AssayFairnessRow         *self,
                                                       AssayFairnessColumn       column);
/* Orders two rows by a column: numbers ascending with NaN last, text by
 * collation, verdicts by how much they call for a look. */
int                       assay_fairness_row_compare  (AssayFairnessRow         *a,
                                                       AssayFairnessRow         *b,
                                                       AssayFairnessColumn       column);

G_END_DECLS
