/* assay-session.h — the GTK-free session that owns the replica and identity
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

#include "assay-types.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_SESSION (assay_session_get_type ())

G_DECLARE_FINAL_TYPE (AssaySession, assay_session, ASSAY, SESSION, GObject)

/* The workstation's state without any GTK: the settings that locate the
 * ledger, and (later) the open replica and the user's identity.  Every page
 * of the app binds to one session; the CLI and the tests use it directly.
 *
 * The setters validate with assay-config.h; NULL or "" clears a setting.
 * Setting a property through GObject with a malformed value logs a warning
 * and keeps the old value. */

AssaySession *assay_session_new              (void);

const char   *assay_session_get_server_url   (AssaySession  *self);
gboolean      assay_session_set_server_url   (AssaySession  *self,
                                              const char    *server_url,
                                              GError       **error);
const char   *assay_session_get_log_key      (AssaySession  *self);
gboolean      assay_session_set_log_key      (AssaySession  *self,
                                              const char    *log_key,
                                              GError       **error);
const char   *assay_session_get_replica_path (AssaySession  *self);
gboolean      assay_session_set_replica_path (AssaySession  *self,
                                              const char    *replica_path,
                                              GError       **error);
gboolean      assay_session_get_replica_open (AssaySession  *self);
/* The replica at replica-path ("replica" property), or NULL until
 * assay_session_open_replica() opened it; changing replica-path closes it. */
AssayReplica *assay_session_get_replica      (AssaySession  *self);
/* Opens (creating if needed) the replica at replica-path, once; returns
 * it (owned by the session).  ASSAY_ERROR_NOT_FOUND without a path. */
AssayReplica *assay_session_open_replica     (AssaySession  *self,
                                              GError       **error);

G_END_DECLS
