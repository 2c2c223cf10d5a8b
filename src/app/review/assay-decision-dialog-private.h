/* assay-decision-dialog-private.h — what the UI tests reach in AssayDecisionDialog
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

#include "assay-decision-dialog.h"

G_BEGIN_DECLS

AssayDecisionJob *_assay_decision_dialog_get_job        (AssayDecisionDialog *self);
/* Types into the rationale and the passphrase, and presses Sign and Queue. */
void              _assay_decision_dialog_set_rationale  (AssayDecisionDialog *self,
                                                         const char          *text);
/* A down-weight's dimension: an AssayDimension, or -1 for the flag's. */
void              _assay_decision_dialog_set_dimension  (AssayDecisionDialog *self,
                                                         int                  dimension);
void              _assay_decision_dialog_set_passphrase (AssayDecisionDialog *self,
                                                         const char          *text);
void              _assay_decision_dialog_sign           (AssayDecisionDialog *self);
/* The value shown for payload field `id` ("kind", "subject", …), or NULL. */
const char       *_assay_decision_dialog_get_shown      (AssayDecisionDialog *self,
                                                         const char          *id);
/* The inline error while it is shown, else NULL; the draft's refusal. */
const char       *_assay_decision_dialog_get_error      (AssayDecisionDialog *self);
const char       *_assay_decision_dialog_get_draft_error (AssayDecisionDialog *self);
/* The canonical payload text shown in the expander. */
char             *_assay_decision_dialog_dup_payload_text (AssayDecisionDialog *self);
gboolean          _assay_decision_dialog_get_busy       (AssayDecisionDialog *self);
GtkWidget        *_assay_decision_dialog_get_sign_button (AssayDecisionDialog *self);
/* The text above the key: what signing does, in the roster's terms. */
const char       *_assay_decision_dialog_get_intro      (AssayDecisionDialog *self);
/* Sets the amount row's spin button, as typing would. */
void              _assay_decision_dialog_set_amount     (AssayDecisionDialog *self,
                                                         gint64               amount);
/* Types @text into the amount row without entering it. */
void              _assay_decision_dialog_type_amount    (AssayDecisionDialog *self,
                                                         const char          *text);
/* The amount row as shown: NULL when hidden, else "value\ntitle\nsubtitle". */
char             *_assay_decision_dialog_dup_amount_text (AssayDecisionDialog *self);

G_END_DECLS
