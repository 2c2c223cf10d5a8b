/* assay-fetcher.h — pipelined HTTP GETs for sync and the outbox
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

G_BEGIN_DECLS

/* A small HTTP client for the tile paths of one server: GETs relative
 * paths with several requests in flight and hands the answers back in the
 * order they were queued.  It runs its own GMainContext, pushed as the
 * thread default for its lifetime, so it can be used from any thread
 * (but only from the one that created it).
 *
 * A queued request may name a fallback path, fetched instead when the
 * first answers 404: a partial tile that was replaced by the full one. */
typedef struct _AssayFetcher AssayFetcher;

AssayFetcher *_assay_fetcher_new      (const char    *base_url,
                                       guint          timeout_seconds,
                                       guint          max_in_flight,
                                       GCancellable  *cancellable,
                                       GError       **error);
void          _assay_fetcher_free     (AssayFetcher  *fetcher);
const char   *_assay_fetcher_get_url  (AssayFetcher  *fetcher);

/* Queues a GET; answers come back from _next() in queue order.
 * Responses larger than `max_size` bytes fail. */
void          _assay_fetcher_queue    (AssayFetcher  *fetcher,
                                       const char    *path,
                                       const char    *fallback_path,
                                       gsize          max_size);
guint         _assay_fetcher_n_queued (AssayFetcher  *fetcher);
/* Waits for the oldest queued request.  Errors: ASSAY_ERROR_NETWORK (with
 * the URL, the HTTP status or the cause, and what to do), or
 * G_IO_ERROR_CANCELLED.  Sets *out_used_fallback if asked. */
GBytes       *_assay_fetcher_next     (AssayFetcher  *fetcher,
                                       gboolean      *out_used_fallback,
                                       GError       **error);
/* Queue one and wait for it. */
GBytes       *_assay_fetcher_get      (AssayFetcher  *fetcher,
                                       const char    *path,
                                       const char    *fallback_path,
                                       gsize          max_size,
                                       gboolean      *out_used_fallback,
                                       GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayFetcher, _assay_fetcher_free)

G_END_DECLS
