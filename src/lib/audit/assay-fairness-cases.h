/* assay-fairness-cases.h — Article W: a flagged group opens a case in the review queue
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

#include "assay-fairness.h"
#include "assay-replica.h"

G_BEGIN_DECLS

/* The rule id and article of the flags below. */
#define ASSAY_FAIRNESS_RULE    "W.fairness"
#define ASSAY_FAIRNESS_ARTICLE "W"

/* The flags (AssayStoredFlag) of the groups of @result found `under` or
 * `over` in @year, subject kind "group", subject id the group's
 * attributes as "name=value" joined by ";", sorted by name.
 * Each flag's id is the hex SHA-256 of "assay-fairness-flag/1\n" YEAR
 * "\n" SUBJECT "\n" VERDICT "\n" (README, "Article W cases"): the same
 * finding in another run is the same flag.  Its JSON is the table row
 * (features), the options that decided it (parameters), the method in
 * words and the explanation. */
GPtrArray *assay_fairness_flags       (const AssayFairnessResult  *result,
                                       int                         year,
                                       const AssayFairnessOptions *options,
                                       const char                 *method);

/* Files those flags into cases (assay_replica_file_flags ()): a group
 * without a case opens one; a flag already filed changes nothing.  A
 * group this run tested and did not find in a direction withdraws that
 * direction's flag (no longer current; its case keeps it in history).
 * @n_flags gets how many flagged groups there were. */
gboolean   assay_fairness_open_cases  (AssayReplica               *replica,
                                       const AssayFairnessResult  *result,
                                       int                         year,
                                       const AssayFairnessOptions *options,
                                       const char                 *method,
                                       guint                      *n_flags,
                                       GError                    **error);

/* The explanation of such a flag (its JSON object) in the user's
 * language, from its recorded values; NULL if it is not one. */
char      *assay_fairness_flag_explain (JsonObject                *flag);

/* The method that raised such a flag, in words in the user's language,
 * from its recorded options; NULL if it is not one. */
char      *assay_fairness_flag_describe_method (JsonObject         *flag);

G_END_DECLS
