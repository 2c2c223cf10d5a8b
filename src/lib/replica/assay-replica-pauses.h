/* assay-replica-pauses.h — the log's pauses as the replica keeps them
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

#include <json-glib/json-glib.h>

#include "assay-replica.h"

G_BEGIN_DECLS

/* The pause entries of the log from leaf @from on, in log order: each an
 * AssayReplicaEntry with its parsed body (kind ASSAY_ENTRY_PAUSE). */
GPtrArray *assay_replica_list_pause_entries (AssayReplica  *self,
                                             guint64        from,
                                             GError       **error);

/* How many event, redemption or tombstone entries (or withheld ones,
 * which may be any of them) lie in [@from, @to) (@to G_MAXUINT64: to the
 * end): zero up to the end means the aggregates now are those of the log
 * at @from. */
gboolean   assay_replica_count_data_between (AssayReplica  *self,
                                             guint64        from,
                                             guint64        to,
                                             guint64       *out_count,
                                             GError       **error);

/* Whether a tombstone logged at leaf @since or later erased an entry
 * below leaf @before: then the aggregates of the log of @before entries
 * cannot be rebuilt here (the bodies are gone). */
gboolean   assay_replica_erased_before      (AssayReplica  *self,
                                             guint64        since,
                                             guint64        before,
                                             gboolean      *out_erased,
                                             GError       **error);

/* The index of the first entry at or after @from whose body the service
 * withheld, or G_MAXUINT64 when there is none. */
gboolean   assay_replica_first_withheld     (AssayReplica  *self,
                                             guint64        from,
                                             guint64       *out_index,
                                             GError       **error);

/* Whether the pause at leaf @index is stored (checked before). */
gboolean   assay_replica_pause_stored       (AssayReplica  *self,
                                             guint64        index,
                                             gboolean      *out_stored,
                                             GError       **error);

/* Whether a pause stored before @index already names @flag. */
gboolean   assay_replica_pause_flag_seen    (AssayReplica  *self,
                                             const char    *flag,
                                             guint64        index,
                                             gboolean      *out_seen,
                                             GError       **error);

/* Records a verified pause and sets the accounts it holds to paused,
 * each unless a decision logged after the pause already set that
 * account's state, or it is frozen or zeroed.  A county's accounts are
 * those with a record in the county. */
gboolean   assay_replica_store_pause        (AssayReplica      *self,
                                             const AssayEntry  *pause,
                                             guint64            index,
                                             gboolean           confirmed,
                                             GError           **error);

typedef struct
{
  guint64  index;
  char     flag[65];
  char    *rule;
  char    *subject_kind;
  char    *subject;
  gboolean confirmed;     /* FALSE: not judged here (another rule set, or
                             an erasure since its checkpoint): no effect */
} AssayStoredPause;

void       assay_stored_pause_free          (AssayStoredPause *pause);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayStoredPause, assay_stored_pause_free)

/* The stored pauses that hold @account (by itself, through its county or
 * its ring), in log order. */
GPtrArray *assay_replica_list_account_pauses (AssayReplica *self,
                                              const char   *account,
                                              GError      **error);

gboolean   assay_replica_raise_pause_alert  (AssayReplica *self,
                                             const char   *message,
                                             JsonObject   *evidence,
                                             GError      **error);

/* How much of the log the pause check has covered (meta pauses_size). */
guint64    assay_replica_get_pauses_size    (AssayReplica  *self);
gboolean   assay_replica_set_pauses_size    (AssayReplica  *self,
                                             guint64        size,
                                             GError       **error);

G_END_DECLS
