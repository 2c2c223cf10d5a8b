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
#include "assay-push-job.h"
#include "assay-replica-cases.h"
#include "assay-rule-set-source.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_SESSION (assay_session_get_type ())

G_DECLARE_FINAL_TYPE (AssaySession, assay_session, ASSAY, SESSION, GObject)

/* The workstation's state without any GTK: the settings that locate the
 * ledger, the open replica and (later) the user's identity.  Every page of
 * the app binds to one session; the CLI and the tests use it directly.
 *
 * The setters validate with assay-config.h; NULL or "" clears a setting.
 * Setting a property through GObject with a malformed value logs a warning
 * and keeps the old value.
 *
 * The session is the one owner of the AssayReplica.  Its file is
 * replica-path, or g_get_user_data_dir()/assay/replica.db while that is
 * unset.  A missing file is not an error: the replica stays NULL (shown
 * as empty) until the first sync creates it with
 * assay_session_open_replica().  Once loaded or opened, the session
 * follows replica-path: a new path closes the replica and loads the one at
 * the new path, and "replica" is notified.
 *
 * Properties (read-only ones notified on change):
 *   replica        AssayReplica  the open replica, or NULL
 *   replica-open   gboolean      replica is not NULL
 *   replica-error  GError        why the last load failed, or NULL
 *   flags-error    GError        why the last flag refresh failed, or NULL
 *   refreshing-flags gboolean    a refresh is running
 *   flags-progress double        how far the latest refresh has come, 0 … 1
 *   rule-set-source AssayRuleSetSource  the set in force's source (made
 *                  on first use; a new one when the rule set path changes)
 * Signals:
 *   flags-updated  a refresh stored new flags and brought the cases up to
 *                  date (the Review Queue reloads on it) */

AssaySession *assay_session_new              (void);

const char   *assay_session_get_server_url   (AssaySession  *self);
gboolean      assay_session_set_server_url   (AssaySession  *self,
                                              const char    *server_url,
                                              GError       **error);
const char   *assay_session_get_log_key      (AssaySession  *self);
gboolean      assay_session_set_log_key      (AssaySession  *self,
                                              const char    *log_key,
                                              GError       **error);
/* The setting: NULL when unset. */
const char   *assay_session_get_replica_path (AssaySession  *self);
gboolean      assay_session_set_replica_path (AssaySession  *self,
                                              const char    *replica_path,
                                              GError       **error);
/* The file in use: replica-path, or the default location. */
const char   *assay_session_get_effective_replica_path (AssaySession *self);
gboolean      assay_session_get_replica_open (AssaySession  *self);
AssayReplica *assay_session_get_replica      (AssaySession  *self);
const GError *assay_session_get_replica_error (AssaySession *self);
/* Opens the replica file if it exists, and from now on follows
 * replica-path.  TRUE when the replica is open or its file does not exist
 * yet; FALSE with the error (also kept as replica-error) when the file
 * cannot be opened. */
gboolean      assay_session_load_replica     (AssaySession  *self,
                                              GError       **error);
/* Returns the open replica, or opens it, creating the file and its folder
 * if needed (the first sync does this); owned by the session.  Also
 * follows replica-path from now on. */
AssayReplica *assay_session_open_replica     (AssaySession  *self,
                                              GError       **error);

/* The witness policy syncs follow ("witness-keys", "witness-quorum"):
 * cosignature verifier keys, each checked with
 * assay_config_check_witness_key (NULL or an empty list: none), and how
 * many of them must have cosigned a checkpoint.  Whether the quorum can
 * be met is checked when a sync starts. */
const char * const *assay_session_get_witness_keys   (AssaySession        *self);
gboolean      assay_session_set_witness_keys (AssaySession        *self,
                                              const char * const  *keys,
                                              GError             **error);
guint         assay_session_get_witness_quorum (AssaySession      *self);
void          assay_session_set_witness_quorum (AssaySession      *self,
                                              guint                quorum);

/* Flags and cases (RULES.md, "Cases and the review queue"): evaluates the
 * default rule set (assay_rule_default_set_path ()) over the replica in a
 * worker thread with its own connection and stores the flags, which opens
 * and joins cases; then emits "flags-updated", or sets "flags-error".
 * Call it after each successful sync; does nothing without a replica. */
void          assay_session_refresh_flags     (AssaySession *self);
/* Flags were filed outside a refresh (the fairness audit's): emits
 * "flags-updated" so that the queue reads the cases again. */
void          assay_session_flags_filed       (AssaySession *self);
/* The run the replica's stored flags come from, or NULL. */
const AssayFlagRun *assay_session_get_flag_run (AssaySession *self);
const GError *assay_session_get_flags_error   (AssaySession *self);
gboolean      assay_session_get_refreshing_flags (AssaySession *self);
double        assay_session_get_flags_progress   (AssaySession *self);
/* The rule set refreshes evaluate: NULL (the default) or a file. */
const char   *assay_session_get_rule_set_path (AssaySession *self);
void          assay_session_set_rule_set_path (AssaySession *self,
                                               const char   *path);
/* The set in force from that file, watched: a new set that loads
 * triggers a refresh; one that is refused leaves the set in force and
 * says why in its "error".  Made on first use. */
AssayRuleSetSource *assay_session_get_rule_set_source (AssaySession *self);

/* The outbox's push (made on first use): one for the whole session, so
 * that the Outbox page shows a push that something else started, such as
 * the decision dialog once a decision is queued. */
AssayPushJob *assay_session_get_push_job      (AssaySession *self);
/* Pushes the open replica's outbox in a worker thread (nothing without a
 * replica).  A push asked for while one runs follows it: a decision queued
 * during a push is not left waiting for the next one. */
void          assay_session_push_outbox       (AssaySession *self);

G_END_DECLS
