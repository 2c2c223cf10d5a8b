/* assay-what-if-rule-item.h — one rule's row of the what-if table
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

#include "assay-rule-what-if.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_WHAT_IF_RULE_ITEM (assay_what_if_rule_item_get_type ())

G_DECLARE_FINAL_TYPE (AssayWhatIfRuleItem, assay_what_if_rule_item, ASSAY, WHAT_IF_RULE_ITEM, GObject)

/* Read-only properties, so that the table's sorters can use property
 * expressions: rule (string), in-force, draft, added, removed, changed
 * (guint). */
AssayWhatIfRuleItem *assay_what_if_rule_item_new      (const AssayWhatIfRule *rule);
const char          *assay_what_if_rule_item_get_rule (AssayWhatIfRuleItem   *self);
guint                assay_what_if_rule_item_get_count (AssayWhatIfRuleItem  *self,
                                                        const char           *property);

G_END_DECLS
