/* assay-audit-findings-dialog.h — signing a sample’s findings as one `audit_findings` decision
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

#include "assay-audit-sample.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_AUDIT_FINDINGS_DIALOG (assay_audit_findings_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AssayAuditFindingsDialog, assay_audit_findings_dialog, ASSAY, AUDIT_FINDINGS_DIALOG, AdwWindow)

/* A modal window over `parent` that signs the stored findings of
 * `sample` (copied) as one `audit_findings` decision: the signing key
 * file (the "signing-key" setting, as the decision dialog keeps it), the
 * rationale, the payload rendered from the bytes that will be signed and
 * drafted again as the rationale is typed, the passphrase, Cancel and
 * Sign and Queue.  Signing runs in a worker thread; a refusal is shown
 * inline.
 *
 * Signals:
 *   queued (const char *hash)  signed and queued in the outbox; the
 *                              dialog closes after emitting it */
AssayAuditFindingsDialog *assay_audit_findings_dialog_new (GtkWindow              *parent,
                                                           AssayReplica           *replica,
                                                           const AssayAuditSample *sample);

/* For the tests: a widget of the template by its id, and whether it is
 * signing. */
GtkWidget *_assay_audit_findings_dialog_get_widget (AssayAuditFindingsDialog *self,
                                                    const char               *id);
gboolean   _assay_audit_findings_dialog_is_signing (AssayAuditFindingsDialog *self);

G_END_DECLS
