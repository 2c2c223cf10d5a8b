/* assay-decision-job.h — a decision on a case: drafted, shown as it will be signed, signed and queued
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

#include "assay-decision.h"
#include "assay-decision-draft.h"
#include "assay-replica.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_DECISION_JOB (assay_decision_job_get_type ())

G_DECLARE_FINAL_TYPE (AssayDecisionJob, assay_decision_job, ASSAY, DECISION_JOB, GObject)

/* What the decision dialog shows and does, without GTK: one decision
 * (`outcome`) on one case of the replica.
 *
 * The draft (assay_decision_draft_for_case (), or for a verdict on a
 * filing assay_decision_draft_for_filing ()) is made as soon as the
 * signer's key file is known, from its public key alone: a decision that
 * cannot be taken (no roster in the replica, a key outside the role, a
 * decision on the subject still in the outbox) is refused in
 * `draft-error` before anyone types a passphrase.  Each change of the
 * rationale writes the canonical payload again, and the fields shown are
 * read back from those bytes (assay_decision_new_from_envelope ()), so
 * what is displayed is what will be signed: the same decision_id and
 * times, byte for byte.
 *
 * Signing runs in a worker thread on a replica connection of its own: the
 * passphrase (copied into sodium_malloc () memory, wiped once the key is
 * open) opens the key file (Argon2id, about a second); the decision is
 * drafted again there and must give exactly the payload shown (otherwise
 * the replica changed and the job drafts anew); then it is signed and
 * queued with the case's "queued" event in one transaction.
 *
 * Properties (notified on change):
 *   key-path     char*     the signing key file, or NULL
 *   rationale    char*     as typed
 *   signing      gboolean  a signing is under way
 * Signals:
 *   changed      the draft, its error or the payload changed */

/* One line of the payload as a person reads it. */
typedef struct
{
  const char *id;       /* stable: "kind", "subject", "sequence", … */
  char       *label;    /* translated */
  char       *value;
} AssayDecisionField;

void              assay_decision_field_free          (AssayDecisionField *field);
/* The members of a decision's payload, one line each, in words
 * (AssayDecisionField); @signer_name is the author's name in the roster,
 * or NULL; without @has_rationale the rationale shows as not written yet. */
GPtrArray        *assay_decision_render              (const AssayDecision *d,
                                                      const char          *signer_name,
                                                      gboolean             has_rationale);

AssayDecisionJob *assay_decision_job_new             (AssayReplica       *replica,
                                                      gint64              case_id,
                                                      AssayDecisionKind   outcome);
/* A verdict on a filing's case (README "Decisions on filings"), drafted
 * with assay_decision_draft_for_filing () for display and again when
 * signing.  An approved failure claim names an award, the cap (Article U:
 * ⌊0.3 × the comparable success⌋, at most the points asked) unless
 * @verdict names one; an adjusting ruling names its points. */
AssayDecisionJob *assay_decision_job_new_for_filing  (AssayReplica             *replica,
                                                      gint64                    case_id,
                                                      const AssayFilingVerdict *verdict);
gboolean          assay_decision_job_is_for_filing   (AssayDecisionJob   *self);
/* The verdict with its amount as set, or NULL for a case's decision. */
const AssayFilingVerdict *assay_decision_job_get_verdict (AssayDecisionJob *self);
/* Whether the verdict names an amount (an approval of a failure claim,
 * an adjusting ruling); setting it drafts again.  An amount the draft
 * refuses is kept and refused in `amount-error`, and no payload is made. */
gboolean          assay_decision_job_get_needs_amount (AssayDecisionJob  *self);
gint64            assay_decision_job_get_amount      (AssayDecisionJob   *self);
void              assay_decision_job_set_amount      (AssayDecisionJob   *self,
                                                      gint64              amount);
/* An approved failure claim's largest award (0 otherwise), the
 * comparable success it is 30 % of, and the points the claim asks. */
gint64            assay_decision_job_get_award_cap   (AssayDecisionJob   *self);
gint64            assay_decision_job_get_comparable_value (AssayDecisionJob *self);
gint64            assay_decision_job_get_points_asked (AssayDecisionJob  *self);
/* Why the amount as set cannot be signed, or NULL. */
const GError     *assay_decision_job_get_amount_error (AssayDecisionJob  *self);

gint64            assay_decision_job_get_case_id     (AssayDecisionJob   *self);
AssayDecisionKind assay_decision_job_get_outcome     (AssayDecisionJob   *self);
const char       *assay_decision_job_get_key_path    (AssayDecisionJob   *self);
void              assay_decision_job_set_key_path    (AssayDecisionJob   *self,
                                                      const char         *key_path);
const char       *assay_decision_job_get_rationale   (AssayDecisionJob   *self);
void              assay_decision_job_set_rationale   (AssayDecisionJob   *self,
                                                      const char         *rationale);
/* A down-weight's dimension (an AssayDimension nick), or NULL: the
 * dimension and dates of the case's Article X down-weight flag.  Drafts
 * again. */
const char       *assay_decision_job_get_dimension   (AssayDecisionJob   *self);
void              assay_decision_job_set_dimension   (AssayDecisionJob   *self,
                                                      const char         *dimension);
/* Drafts again from the replica as it is now (a new decision_id). */
void              assay_decision_job_redraft         (AssayDecisionJob   *self);

/* Why no decision can be drafted (no key chosen, no roster, a key outside
 * the role, the outbox busy on the subject, …), or NULL. */
const GError     *assay_decision_job_get_draft_error (AssayDecisionJob   *self);
/* Why the rationale as typed cannot be signed (empty, too long), or NULL. */
const GError     *assay_decision_job_get_rationale_error (AssayDecisionJob *self);
/* The canonical payload that "Sign and Queue" would sign now, or NULL
 * while there is a draft error or a rationale error. */
GBytes           *assay_decision_job_get_payload     (AssayDecisionJob   *self);
/* The decision rendered for reading (AssayDecisionField), from the
 * payload bytes when there are some, else from the draft (its rationale
 * not yet written); empty without a draft. */
GPtrArray        *assay_decision_job_get_fields      (AssayDecisionJob   *self);
/* The value of field `id`, or NULL. */
const char       *assay_decision_job_get_field       (AssayDecisionJob   *self,
                                                      const char         *id);
/* How many signatures of the role the roster asks for this kind (0
 * without a draft), and the signer's name in the roster (or NULL). */
guint             assay_decision_job_get_threshold   (AssayDecisionJob   *self);
const char       *assay_decision_job_get_signer_name (AssayDecisionJob   *self);
gboolean          assay_decision_job_get_signing     (AssayDecisionJob   *self);

/* Signs the payload shown and queues it; the passphrase is copied (and
 * the copy wiped after use).  Finishes with the payload's hash (the
 * outbox key), or the error: a draft or rationale error,
 * ASSAY_ERROR_VERIFICATION for a wrong passphrase or damaged key file,
 * ASSAY_ERROR_EXISTS when the replica changed under the draft (the job
 * has drafted again: show it before signing). */
void              assay_decision_job_sign_async      (AssayDecisionJob   *self,
                                                      const char         *passphrase,
                                                      gsize               passphrase_len,
                                                      const char         *author_name,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
char             *assay_decision_job_sign_finish     (AssayDecisionJob   *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayDecisionField, assay_decision_field_free)

G_END_DECLS
