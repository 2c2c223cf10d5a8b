/* assay-central-decisions-private.h — what the parts of the decision desk share
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

#include "assay-central-decisions.h"
#include "assay-central-history.h"
#include "assay-central-objections.h"
#include "assay-central-proposals.h"
#include "assay-central-store.h"
#include "assay-dsse.h"

G_BEGIN_DECLS

struct _AssayCentralDesk
{
  char                *dir;
  AssayCentralHistory *history;
};

/* assay-central-decisions.c */
/* The data directory opened for writing (the lock), expired proposals
 * dropped and the history read up to the log's size. */
AssayCentralStore  *_assay_central_desk_open_store  (AssayCentralDesk         *desk,
                                                     GError                  **error);
/* Everything after parsing @env (whose JSON is @text): logged, held or refused. */
AssayCentralAnswer *_assay_central_desk_submit      (AssayCentralDesk         *desk,
                                                     AssayCentralStore        *store,
                                                     AssayDsseEnvelope        *env,
                                                     const char               *text);

/* The envelope of a POST body: NULL with the status (400, 413) and the
 * error for one too large, malformed, or with too many signatures. */
AssayDsseEnvelope  *_assay_central_desk_parse_envelope (const char           *body,
                                                        gsize                 len,
                                                        guint                *out_status,
                                                        GError              **error);

/* assay-central-dissent.c: whether none of @holders (char *) objected to
 * the proposal @hash; a holder who did cannot also sign it
 * (ASSAY_ERROR_EXISTS, 409). */
gboolean            _assay_central_desk_check_objectors (AssayCentralStore   *store,
                                                         const char          *hash,
                                                         GPtrArray           *holders,
                                                         GError             **error);

/* assay-central-answer.c: {"error": "<a sentence>"} from a clause. */
AssayCentralAnswer *_assay_central_answer_refused   (guint                     status,
                                                     const char               *reason);
/* The status of @error's code: 400, 403, 404, 409, 503 or 500. */
AssayCentralAnswer *_assay_central_answer_error     (const GError             *error);
/* 200 {"status": "logged", "index", "hash", "receipt"}. */
AssayCentralAnswer *_assay_central_answer_logged    (AssayCentralStore        *store,
                                                     guint64                   index,
                                                     const char               *hash);
/* Adds to a 200 logged answer what the approval of a forget request
 * erased: "erased" (published entries, named by the tombstone),
 * "erased_pending" (entries deleted from the queues) and "erasure", a
 * sentence naming the account and the period, that says so also when
 * nothing was erased. */
void                _assay_central_answer_add_erasure (AssayCentralAnswer    *answer,
                                                       const char            *account,
                                                       guint32                from_day,
                                                       guint32                to_day,
                                                       guint64                erased,
                                                       guint64                pending);
/* 202 {"status": "pending", "hash", "signed", "threshold", "holders"}. */
AssayCentralAnswer *_assay_central_answer_pending   (const AssayCentralProposal *proposal);
/* 200 {"status": "recorded", "proposal", "hash", "holder"}: the objection is kept. */
AssayCentralAnswer *_assay_central_answer_recorded  (const AssayCentralObjection *objection);
/* 200 {"proposal", "objections": [{"holder", "rationale", "hash", "envelope"}]}. */
AssayCentralAnswer *_assay_central_answer_objections (const char              *proposal,
                                                      GPtrArray               *objections);
/* 200 {"proposals": [{"hash", "signed", "threshold", "holders", "envelope",
 * "objections"}]}. */
AssayCentralAnswer *_assay_central_answer_proposals (GPtrArray                *proposals);

G_END_DECLS
