/* assay-rule-explain.h — the evaluation tree of a stored flag, rebuilt from its features
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

#include <json-glib/json-glib.h>

#include "assay-rule-set.h"

G_BEGIN_DECLS

/* A flag explains itself (RULES.md): it records the value of every feature
 * its condition read.  assay_rule_explain_flag () rebuilds one-row feature
 * columns from a flag's JSON object (as assay_rule_flag_to_json () writes
 * it) and runs the rule's condition exhaustively over them, so that the
 * app can show the evaluation tree of a stored flag without the replica.
 *
 * Returns the trace (assay_rule_condition_trace (): every node in
 * pre-order with its JSON path) and sets *out_n_nodes; free it with
 * g_free ().  The nodes' paths and labels belong to `set`, string values
 * to `flag`: keep both alive while the trace is in use.
 *
 * Refuses, with an ASSAY_ERROR_INVALID_ARGUMENT error that says why, a
 * flag of another rule set (its rule_set.sha256 is not the set's), of
 * another rule than `rule_id`, a rule the set does not have, and a flag
 * whose `features` object lacks a feature the condition reads or holds a
 * value of the wrong type (null is a missing value). */
AssayRuleTraceNode *assay_rule_explain_flag         (AssayRuleSet             *set,
                                                     const char               *rule_id,
                                                     JsonObject               *flag,
                                                     guint                    *out_n_nodes,
                                                     GError                  **error);

/* The flag's explanation in `language` ("en" or "zh_CN"): the rule's
 * template filled from the flag's recorded features and the set's
 * parameters, as the evaluation filled it in the language of whoever
 * computed it.  Refuses a flag of another rule set or rule as
 * assay_rule_explain_flag () does. */
char               *assay_rule_explain_flag_text    (AssayRuleSet             *set,
                                                     JsonObject               *flag,
                                                     const char               *language,
                                                     GError                  **error);

/* The operands of node `i` of a trace of `n_nodes` nodes: the following
 * nodes one level deeper, up to the next node at its level or above.
 * Stores at most `max` indices in `out_children` and returns how many
 * operands the node has. */
guint               assay_rule_explain_get_operands (const AssayRuleTraceNode *trace,
                                                     guint                     n_nodes,
                                                     guint                     i,
                                                     guint                    *out_children,
                                                     guint                     max);

/* Whether a trace label is one of the comparisons a margin is measured
 * on: >, >=, < or <=. */
gboolean            assay_rule_explain_is_comparison (const char              *label);

/* The margin of comparison node `i` that held: x − limit for > and >=,
 * limit − x for < and <= (the flag's margin.value for the tightest one);
 * FALSE when the node is no comparison, did not hold or an operand is an
 * error. */
gboolean            assay_rule_explain_get_margin   (const AssayRuleTraceNode *trace,
                                                     guint                     n_nodes,
                                                     guint                     i,
                                                     double                   *out_margin);

G_END_DECLS
