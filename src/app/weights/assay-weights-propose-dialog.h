/* assay-weights-propose-dialog.h — signing a weights proposal and queueing it in the outbox
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

#include "assay-weights-board.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_WEIGHTS_PROPOSE_DIALOG (assay_weights_propose_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AssayWeightsProposeDialog, assay_weights_propose_dialog, ASSAY, WEIGHTS_PROPOSE_DIALOG,
                      AdwWindow)

/* A modal window over `parent` that signs `weights` with `rationale`
 * as one `weights` decision: the signing key file (the "signing-key"
 * setting, as the decision dialog keeps it), what will be signed rendered
 * from the payload bytes (the weights, the effective date, the rationale,
 * the public notice of `notice_days`, the rest of the decision) and the
 * payload itself, the passphrase, Cancel and Sign and Queue.  Signing runs
 * in a worker thread; a refusal is shown inline.
 *
 * Signals:
 *   queued (const char *hash)  signed and queued in the outbox; the
 *                              dialog closes after emitting it */
AssayWeightsProposeDialog *assay_weights_propose_dialog_new (GtkWindow          *parent,
                                                             AssayReplica       *replica,
                                                             const AssayWeights *weights,
                                                             const char         *rationale,
                                                             guint               notice_days);

/* For the tests: a widget of the template by its id, the value shown of
 * field `id` (or NULL), and whether it is signing. */
GtkWidget  *_assay_weights_propose_dialog_get_widget  (AssayWeightsProposeDialog *self,
                                                       const char                *id);
const char *_assay_weights_propose_dialog_get_field   (AssayWeightsProposeDialog *self,
                                                       const char                *id);
gboolean    _assay_weights_propose_dialog_is_signing  (AssayWeightsProposeDialog *self);

G_END_DECLS
