/* assay-fairness-what-if.h — how the Article W verdicts would change under proposed weights
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

#include "assay-audit-cohort.h"
#include "assay-weights-what-if.h"

G_BEGIN_DECLS

/* A group whose verdict the proposed weights would change. */
typedef struct
{
  char                 *value;            /* the values joined by " / " */
  char                **names;            /* the attributes defining the group */
  char                **values;           /* their values, in the same order */
  AssayFairnessVerdict  verdict_before;
  AssayFairnessVerdict  verdict_after;
  double                residual_median_before;   /* NaN when nothing was predicted */
  double                residual_median_after;
} AssayFairnessChange;

typedef struct
{
  char      *no_cohort;   /* why nothing was tested (no cohort), translated; else NULL */
  guint      n_groups;    /* groups tested, before and after alike */
  guint      n_accounts;  /* cohort accounts of the ledger */
  GPtrArray *changes;     /* AssayFairnessChange*, in the groups' order */
} AssayFairnessWhatIf;

void assay_fairness_what_if_free (AssayFairnessWhatIf *what_if);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayFairnessWhatIf, assay_fairness_what_if_free)

/* Runs the Article W test with its default options (all the cohort's
 * attributes, depth 3, README "Article W fairness audit") on the values
 * of `weights` before and after (the value outcome at the what-if's
 * day) and lists the groups whose verdict differs.  Without a stored
 * cohort it tests nothing and says so in `no_cohort`.  Files no case. */
AssayFairnessWhatIf *assay_fairness_what_if_run (AssayReplica             *replica,
                                                 const AssayWeightsWhatIf *weights,
                                                 GError                  **error);

G_END_DECLS
