/* assay-central-api.h — the decision endpoints of assay-central serve
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

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* POST /decisions, GET /proposals, POST /proposals/<hash>/signatures and
 * GET /notices/<index>.html|.pdf (the public notice of a weights version).
 * The posts are answered from one worker thread, in the order they came:
 * each holds the writers' lock while it runs, so serving tiles never
 * waits for an import, and two posts never race. */
typedef struct _AssayCentralApi AssayCentralApi;

/* Touches nothing yet: the log's rosters and decisions are read by the
 * first request that may write. */
AssayCentralApi *assay_central_api_new    (const char         *data_dir,
                                           GError            **error);
void             assay_central_api_free   (AssayCentralApi    *api);

/* Whether @path is one of the endpoints above; if so the message is
 * answered (now, or paused and answered by the worker). */
gboolean         assay_central_api_handle (AssayCentralApi    *api,
                                           SoupServerMessage  *msg,
                                           const char         *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayCentralApi, assay_central_api_free)

G_END_DECLS
