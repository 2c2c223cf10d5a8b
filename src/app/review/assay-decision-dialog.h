/* assay-decision-dialog.h — sign a decision on a case: the payload as it will be signed, the rationale, the key
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

#include "assay-decision-job.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_DECISION_DIALOG (assay_decision_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AssayDecisionDialog, assay_decision_dialog, ASSAY, DECISION_DIALOG, AdwWindow)

/* A modal window over `parent` for one decision (`outcome`) on case
 * `case_id`, driven by an AssayDecisionJob: the signing key file (the
 * "signing-key" setting, asked once with Choose… and remembered), the
 * rationale, the payload rendered from the bytes that will be signed and
 * re-rendered as the rationale is typed, the passphrase, Cancel and Sign
 * and Queue.  A decision that cannot be drafted says why before the
 * passphrase is asked; a refusal while signing (an empty rationale, a
 * wrong passphrase) is shown inline and the user may try again.
 *
 * Signals:
 *   queued (const char *hash)  the decision was signed and queued; the
 *                              dialog closes after emitting it */

AssayDecisionDialog *assay_decision_dialog_new (GtkWindow         *parent,
                                                AssayReplica      *replica,
                                                gint64             case_id,
                                                AssayDecisionKind  outcome);
/* The same for a verdict on a filing's case (the committee's approve or
 * deny, the panel's ruling), with an amount row when the verdict names
 * one: an approved failure claim's award, 1 to Article U's cap (the cap
 * at first), or an adjusting ruling's points. */
AssayDecisionDialog *assay_decision_dialog_new_for_filing (GtkWindow                *parent,
                                                           AssayReplica             *replica,
                                                           gint64                    case_id,
                                                           const AssayFilingVerdict *verdict);

G_END_DECLS
