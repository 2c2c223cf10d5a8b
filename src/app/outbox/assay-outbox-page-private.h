/* assay-outbox-page-private.h — what the UI tests reach inside the Outbox page
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

#include "assay-outbox-page.h"
#include "assay-push-job.h"

G_BEGIN_DECLS

/* The rows in the order stored (items holding AssayOutboxRow), the push
 * job, and a template widget by id. */
GListModel   *_assay_outbox_page_get_rows     (AssayOutboxPage *self);
AssayPushJob *_assay_outbox_page_get_push_job (AssayOutboxPage *self);
GtkWidget    *_assay_outbox_page_get_widget   (AssayOutboxPage *self,
                                               const char      *id);

/* The proposals: whether a fetch is under way, a new fetch, each row as
 * "title\nsubtitle\naction" (action: "Signed by you", "[Co-sign]" or
 * "[Co-sign, insensitive]"), and the co-sign dialog of the one at @position (as
 * its Co-sign… button opens it), or NULL. */
gboolean      _assay_outbox_page_get_fetching        (AssayOutboxPage *self);
void          _assay_outbox_page_fetch_proposals     (AssayOutboxPage *self);
GPtrArray    *_assay_outbox_page_dup_proposal_texts  (AssayOutboxPage *self);
GtkWindow    *_assay_outbox_page_cosign              (AssayOutboxPage *self,
                                                      guint            position);

G_END_DECLS
