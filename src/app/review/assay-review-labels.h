/* assay-review-labels.h — the Review Queue's words for states, severities, actions and subjects
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

#include "assay-replica-cases.h"

G_BEGIN_DECLS

/* Translated labels for the stable ids the replica stores; an unknown id
 * is shown as it is. */
const char *assay_review_state_label    (AssayCaseState  state);
const char *assay_review_severity_label (const char     *severity);
const char *assay_review_action_label   (const char     *action);
/* "acct-000123", "Qingpu (310118)" or "Ring of 4 accounts". */
char       *assay_review_describe_subject (const char   *kind,
                                           const char   *id,
                                           guint         n_members);
/* The same for a case, a filing's by its kind and account: "Failure
 * claim by acct-000123". */
char       *assay_review_describe_case  (const AssayCase *c,
                                         guint            n_members);

G_END_DECLS
