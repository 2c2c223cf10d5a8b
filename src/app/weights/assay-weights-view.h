/* assay-weights-view.h — the weights: in force, history, notice, calibration and the editor that proposes
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

#include <adwaita.h>

#include "assay-session.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_WEIGHTS_VIEW (assay_weights_view_get_type ())

G_DECLARE_FINAL_TYPE (AssayWeightsView, assay_weights_view, ASSAY, WEIGHTS_VIEW, AdwBin)

/* The Weights tab of the Weights and Rules page (README, "Weights
 * versions"): the version in force today, every logged version with its
 * status, notice countdown, signers and rationale, the proposals waiting
 * in the outbox, the last complete quarter's behaviour per dimension, and
 * an editor of six weights that refuses live what assay_weights_check ()
 * refuses and proposes through AssayWeightsProposeDialog.  It follows the
 * session's replica (its changes) and rule set (its score parameters). */
void       assay_weights_view_set_session (AssayWeightsView *self,
                                           AssaySession     *session);

G_END_DECLS
