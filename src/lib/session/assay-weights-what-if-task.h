/* assay-weights-what-if-task.h — the what-if of a weights proposal in a worker thread
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

#include "assay-fairness-what-if.h"
#include "assay-weights-what-if.h"

G_BEGIN_DECLS

/* Runs assay_weights_what_if_run () on a connection of its own to the
 * replica at `replica_path` (its value sums refreshed first), at today,
 * under `rule_set` (immutable, shared), for `basis_points`, then
 * assay_fairness_what_if_run () on its values. */
void                assay_weights_what_if_async  (const char           *replica_path,
                                                  AssayRuleSet         *rule_set,
                                                  const gint64          basis_points[ASSAY_N_DIMENSIONS],
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
AssayWeightsWhatIf *assay_weights_what_if_finish (GAsyncResult         *result,
                                                  GError              **error);
/* The same, with the Article W verdicts' changes in `out_fairness`. */
AssayWeightsWhatIf *assay_weights_what_if_finish_full (GAsyncResult         *result,
                                                       AssayFairnessWhatIf **out_fairness,
                                                       GError              **error);

G_END_DECLS
