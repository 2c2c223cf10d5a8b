/* assay-rule-condition-private.h — compiling a condition from its JSON
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

#include "assay-rule-condition.h"
#include "assay-rule-json-private.h"

G_BEGIN_DECLS

/* Type-checks the JSON condition `when` (at JSON path `path`) of the rule
 * `rule_id` against the catalogue's features of `subject` and the set's
 * `parameters` (name → AssayRuleValue *), and compiles it; NULL with an
 * ASSAY_ERROR_INVALID_DATA error that names the rule and the JSON path. */
AssayRuleCondition *_assay_rule_condition_compile (const AssayRuleJson *when,
                                                   const char          *path,
                                                   const char          *rule_id,
                                                   AssayRuleSubject     subject,
                                                   GHashTable          *parameters,
                                                   GError             **error);
void                _assay_rule_condition_free    (AssayRuleCondition  *self);
/* The static type of the condition's root. */
AssayRuleType       _assay_rule_condition_get_type (const AssayRuleCondition *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayRuleCondition, _assay_rule_condition_free)

G_END_DECLS
