/* assay-central-notices.h — GET /notices/<index>.html and .pdf: the public notice of a weights version
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

#include "assay-central-store.h"

G_BEGIN_DECLS

/* The replica of its own log the service reads the logged weights
 * versions from, beside the breakers' one: a cache it may delete and
 * rebuilds from the log when it is gone. */
#define ASSAY_CENTRAL_NOTICES_NAME "notices.replica"

/* An answer that is a document, or a JSON refusal. */
typedef struct
{
  guint       status;         /* HTTP status */
  const char *content_type;
  GBytes     *body;
} AssayCentralDocument;

void                  assay_central_document_free (AssayCentralDocument *document);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayCentralDocument, assay_central_document_free)

/* The notice of the weights version logged at @index, as HTML or PDF,
 * from the log in @data_dir with the default rule set (its notice_days):
 * 200 with the document; 404 {"error": …} when no weights decision is
 * logged at @index; 503 while another writer keeps the lock.  Takes the
 * writers' lock to bring the notices' replica up to the log, so it runs
 * on the API's worker thread. */
AssayCentralDocument *assay_central_notice_render (const char *data_dir,
                                                   guint64     index,
                                                   gboolean    pdf);

/* Brings the notices' replica, if there is one, up to the log: after an
 * erasure, so that the tombstone purges the erased bodies from it too
 * (Article V: no copy stays behind).  The caller holds the store open for
 * writing, outside a transaction. */
gboolean              assay_central_notices_catch_up (AssayCentralStore  *store,
                                                      GError            **error);

G_END_DECLS
