/* assay-cosign-dialog-private.h — what the UI tests reach inside the co-sign dialog
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

#include "assay-cosign-dialog.h"

G_BEGIN_DECLS

/* The value shown for payload field @id ("kind", "author", …), or NULL. */
const char *_assay_cosign_dialog_get_shown      (AssayCosignDialog *self,
                                                 const char        *id);
char       *_assay_cosign_dialog_dup_payload_text (AssayCosignDialog *self);
void        _assay_cosign_dialog_set_passphrase (AssayCosignDialog *self,
                                                 const char        *text);
void        _assay_cosign_dialog_sign           (AssayCosignDialog *self);
gboolean    _assay_cosign_dialog_get_busy       (AssayCosignDialog *self);
/* The refusal shown, or NULL. */
const char *_assay_cosign_dialog_get_error      (AssayCosignDialog *self);
const char *_assay_cosign_dialog_get_intro      (AssayCosignDialog *self);
/* "Oppose…" (asks for the rationale), then "Sign and Send Objection". */
void        _assay_cosign_dialog_oppose         (AssayCosignDialog *self);
void        _assay_cosign_dialog_set_rationale  (AssayCosignDialog *self,
                                                 const char        *text);
gboolean    _assay_cosign_dialog_get_opposing   (AssayCosignDialog *self);

G_END_DECLS
