/* assay-central-decisions.h — POST /decisions and co-signing: verify, hold or log, answer
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

#include <glib.h>

G_BEGIN_DECLS

/* The service's side of decisions (README, "The central service and
 * decisions"): an envelope is verified against the roster chain and the
 * decisions of the service's own log, then logged with a receipt (200),
 * held as a proposal until its quorum is complete (202), or refused
 * (4xx, with a sentence saying why).  Each call opens the data directory
 * for writing, so it holds the writers' lock (central.lock) for its
 * whole length: one caller at a time per process, and one writer among
 * all processes. */
typedef struct _AssayCentralDesk AssayCentralDesk;

typedef struct
{
  guint  status;   /* HTTP status */
  char  *body;     /* JSON */
} AssayCentralAnswer;

void                assay_central_answer_free      (AssayCentralAnswer *answer);

AssayCentralDesk   *assay_central_desk_new         (const char         *data_dir,
                                                    GError            **error);
void                assay_central_desk_free        (AssayCentralDesk   *desk);

/* POST /decisions: @body is a DSSE envelope (JSON). */
AssayCentralAnswer *assay_central_desk_post        (AssayCentralDesk   *desk,
                                                    const char         *body,
                                                    gsize               len);
/* POST /proposals/<hash>/signatures: @body is {"keyid": …, "sig": …}. */
AssayCentralAnswer *assay_central_desk_cosign      (AssayCentralDesk   *desk,
                                                    const char         *hash,
                                                    const char         *body,
                                                    gsize               len);
/* POST /proposals/<hash>/objections: @body is an objection envelope
 * (assay-objection.h), recorded beside the pending proposal (200), or
 * refused: 404 for no such proposal, 403 for one that does not verify,
 * 409 for a holder who signed it or objected otherwise, or a proposal
 * already logged.  The same objection again gets the same answer. */
AssayCentralAnswer *assay_central_desk_oppose      (AssayCentralDesk   *desk,
                                                    const char         *hash,
                                                    const char         *body,
                                                    gsize               len);
/* GET /proposals/<hash>/objections: also once the proposal is logged;
 * 404 when nothing is pending or kept under @hash.  Needs no lock. */
AssayCentralAnswer *assay_central_desk_objections  (AssayCentralDesk   *desk,
                                                    const char         *hash);
/* GET /proposals: needs no lock. */
AssayCentralAnswer *assay_central_desk_list        (AssayCentralDesk   *desk);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayCentralAnswer, assay_central_answer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayCentralDesk, assay_central_desk_free)

G_END_DECLS
