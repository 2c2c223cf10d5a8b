/* assay-rule-catalogue.h — the feature catalogue's declarations
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

/* The features a rule may read: a name, the subject it belongs to, its
 * type, its unit and a one-line definition.  This is the catalogue's
 * declaration only, against which the loader type-checks conditions;
 * computing the features from the replica's aggregates is the next step of
 * issue 10 and not done here. */
typedef struct
{
  const char        *name;
  AssayRuleSubject   subject;
  AssayRuleType      type;
  const char        *unit;        /* untranslated: "points", "ratio", "days", … */
  const char        *definition;  /* translated: assay_rule_feature_get_definition () */
} AssayRuleFeature;

/* The declared features, in a fixed order; *n_features is set. */
const AssayRuleFeature *assay_rule_catalogue_get_features (guint      *n_features);
/* The feature named `name`, or NULL. */
const AssayRuleFeature *assay_rule_catalogue_lookup       (const char *name);
/* The translated definition. */
const char             *assay_rule_feature_get_definition (const AssayRuleFeature *feature);

G_END_DECLS
