/* assay-rule-set-default.h — where the rule set in force by default is
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

#include "assay-rule-set.h"

G_BEGIN_DECLS

/* The default rule set, the one in force until a signed rule-set decision
 * names another: rules/pilot.json in the installed data directory
 * ($pkgdatadir), or under $ASSAY_DATADIR when that is set (an uninstalled
 * build points it at the source tree's data/).  Shared by `assayctl flags`
 * and the app's Weights and Rules page. */
char         *assay_rule_set_get_default_path (void);

/* Loads the default rule set; NULL with the loader's error (an
 * ASSAY_ERROR_IO one when the file is missing). */
AssayRuleSet *assay_rule_set_new_default      (GError **error);

G_END_DECLS
