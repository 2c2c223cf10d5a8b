/* assay-evaluation-tree.h — the evaluation tree of a flag: every node of the rule's condition with its value
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

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "assay-rule-set.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_EVALUATION_TREE (assay_evaluation_tree_get_type ())

G_DECLARE_FINAL_TYPE (AssayEvaluationTree, assay_evaluation_tree, ASSAY, EVALUATION_TREE, AdwBin)

/* Shows a condition's trace (assay_rule_condition_trace (), or
 * assay_rule_explain_flag () for a stored flag) as an indented tree, one
 * row per node in pre-order: the operator ("all of", "any of", "not", the
 * comparison's sign), the feature (its catalogue definition as a tooltip),
 * the parameter or the constant, and its value: percentages for ratio
 * features and what they are compared with, "missing", "division by zero"
 * or "overflow" for errors.  Under each comparison: its two sides, the
 * threshold and, when it held, the margin.  The comparison at
 * `margin_path` (the flag's margin.path: of those that held, the one
 * closest to failing) stands out with the "accent" style, an icon and the
 * words "closest to failing".  Wraps down to 360 px. */
GtkWidget *assay_evaluation_tree_new       (void);
/* Copies what it shows: the trace may be freed afterwards.  `margin_path`
 * may be NULL; n_nodes 0 clears the tree. */
void       assay_evaluation_tree_set_trace (AssayEvaluationTree      *self,
                                            const AssayRuleTraceNode *trace,
                                            guint                     n_nodes,
                                            const char               *margin_path);
/* A stored flag's tree (assay_rule_explain_flag () on the flag's rule, and
 * its margin.path); FALSE with the error, and the tree cleared, when the
 * flag does not belong to `set`. */
gboolean   assay_evaluation_tree_set_flag  (AssayEvaluationTree      *self,
                                            AssayRuleSet             *set,
                                            JsonObject               *flag,
                                            GError                  **error);

G_END_DECLS
