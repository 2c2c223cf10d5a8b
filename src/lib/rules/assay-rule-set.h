/* assay-rule-set.h — rule sets: versioned, hashed documents of rules
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

#include <gio/gio.h>

#include "assay-rule-condition.h"
#include "assay-rule-types.h"

G_BEGIN_DECLS

#define ASSAY_RULE_SET_FORMAT "assay-rule-set/1"

/* Limits of a rule set document, enforced by the loader (those of one
 * condition are in assay-rule-condition.h). */
#define ASSAY_RULE_SET_MAX_BYTES      (1024 * 1024)  /* the whole file */
#define ASSAY_RULE_SET_MAX_RULES      1000
#define ASSAY_RULE_SET_MAX_PARAMETERS 256
#define ASSAY_RULE_SET_MAX_NAME       128            /* bytes of a name, id, article or parameter name */

#define ASSAY_TYPE_RULE_SET (assay_rule_set_get_type ())

G_DECLARE_FINAL_TYPE (AssayRuleSet, assay_rule_set, ASSAY, RULE_SET, GObject)

/* One rule of a set; owned by the set, immutable. */
typedef struct _AssayRule AssayRule;

/* Loads a rule set: a complete, immutable, type-checked set, or NULL with
 * an ASSAY_ERROR_INVALID_DATA error naming the rule and the JSON path of
 * what is wrong (ASSAY_ERROR_IO if the file cannot be read). */
AssayRuleSet             *assay_rule_set_new_from_bytes      (GBytes        *bytes,
                                                              GError       **error);
AssayRuleSet             *assay_rule_set_new_from_file       (const char    *path,
                                                              GError       **error);

const char               *assay_rule_set_get_name            (AssayRuleSet  *self);
gint64                    assay_rule_set_get_version         (AssayRuleSet  *self);
/* "YYYY-MM-DD" */
const char               *assay_rule_set_get_effective       (AssayRuleSet  *self);
/* The set's id: the SHA-256 of its exact bytes, 64 lower-case hex digits. */
const char               *assay_rule_set_get_sha256          (AssayRuleSet  *self);
/* NULL if the set has no "notes". */
const char               *assay_rule_set_get_notes           (AssayRuleSet  *self);

guint                     assay_rule_set_get_n_parameters    (AssayRuleSet  *self);
/* Parameter names in the order of the document. */
const char               *assay_rule_set_get_parameter_name  (AssayRuleSet  *self,
                                                              guint          i);
/* NULL if there is no such parameter. */
const AssayRuleValue     *assay_rule_set_lookup_parameter    (AssayRuleSet  *self,
                                                              const char    *name);

guint                     assay_rule_set_get_n_rules         (AssayRuleSet  *self);
const AssayRule          *assay_rule_set_get_rule            (AssayRuleSet  *self,
                                                              guint          i);
const AssayRule          *assay_rule_set_lookup_rule         (AssayRuleSet  *self,
                                                              const char    *id);

const char               *assay_rule_get_id                  (const AssayRule *rule);
const char               *assay_rule_get_article             (const AssayRule *rule);
AssayRuleSubject          assay_rule_get_subject             (const AssayRule *rule);
AssayRuleAction           assay_rule_get_action              (const AssayRule *rule);
AssayRuleSeverity         assay_rule_get_severity            (const AssayRule *rule);
/* The explanation template in `language` ("en" or "zh_CN"). */
const char               *assay_rule_get_explain             (const AssayRule *rule,
                                                              const char      *language);
/* NULL if the rule has no "notes". */
const char               *assay_rule_get_notes               (const AssayRule *rule);
const AssayRuleCondition *assay_rule_get_condition           (const AssayRule *rule);

G_END_DECLS
