/* assay-evaluation-tree-private.h — what tests read of the evaluation tree
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

#include "assay-evaluation-tree.h"

G_BEGIN_DECLS

guint       _assay_evaluation_tree_get_n_rows      (AssayEvaluationTree *self);
/* The node's label, value and (comparisons) detail as shown; NULL out of range. */
const char *_assay_evaluation_tree_get_label       (AssayEvaluationTree *self,
                                                    guint                row);
const char *_assay_evaluation_tree_get_value       (AssayEvaluationTree *self,
                                                    guint                row);
const char *_assay_evaluation_tree_get_detail      (AssayEvaluationTree *self,
                                                    guint                row);
/* The row that stands out, or -1. */
int         _assay_evaluation_tree_get_highlighted (AssayEvaluationTree *self);

G_END_DECLS
