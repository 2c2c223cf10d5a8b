/* assay-rule-condition.h — a rule's compiled condition and its evaluation
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

#include "assay-rule-types.h"

G_BEGIN_DECLS

/* Limits of one condition, enforced by the loader. */
#define ASSAY_RULE_CONDITION_MAX_NODES 256  /* nodes of one "when" */
#define ASSAY_RULE_CONDITION_MAX_DEPTH 16   /* nesting of one "when"; the root is depth 1 */
#define ASSAY_RULE_CONDITION_MAX_LIST  64   /* constants in the list of "in" */

/* A condition compiled to a flat postfix program, immutable, owned by its
 * rule.  Evaluation is total: no loops, no I/O, one pass over the
 * program, so its cost is bounded by the node count. */
typedef struct _AssayRuleCondition AssayRuleCondition;

/* One node of an exhaustive evaluation, in pre-order of the "when" tree. */
typedef struct
{
  const char     *path;    /* JSON path of the node: "rules[0].when.args[1]" */
  const char     *label;   /* operator, feature name, "param NAME" or constant as written */
  guint           depth;   /* the root is 1 */
  AssayRuleValue  value;
} AssayRuleTraceNode;

/* The features the condition reads, in the order evaluate() wants their
 * columns. */
guint               assay_rule_condition_get_n_features (const AssayRuleCondition *self);
const char         *assay_rule_condition_get_feature    (const AssayRuleCondition *self,
                                                         guint                     i);
guint               assay_rule_condition_get_n_nodes    (const AssayRuleCondition *self);

/* Runs the condition over n_subjects subjects: `columns` holds one column
 * per feature (get_feature () order), each with n_subjects values.
 * out_hit[i] is 1 where the condition is true without error; out_fault
 * (may be NULL) says why a subject's result is an error, or NONE. */
void                assay_rule_condition_evaluate       (const AssayRuleCondition *self,
                                                         const AssayRuleColumn    *columns,
                                                         gsize                     n_subjects,
                                                         guint8                   *out_hit,
                                                         AssayRuleFault           *out_fault);
/* Evaluates every node for the one subject at `subject` of the columns
 * (CEL's exhaustive mode: operands that short-circuit are computed too)
 * and returns get_n_nodes () nodes, the root first; g_free () it. */
AssayRuleTraceNode *assay_rule_condition_trace          (const AssayRuleCondition *self,
                                                         const AssayRuleColumn    *columns,
                                                         gsize                     subject);

G_END_DECLS
