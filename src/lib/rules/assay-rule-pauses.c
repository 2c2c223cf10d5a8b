/* assay-rule-pauses.c — the flag behind each pause of the log, recomputed
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

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "assay-error.h"
#include "assay-replica-pauses.h"
#include "assay-rule-flags.h"
#include "assay-rule-pauses.h"

static GHashTable *
pause_flag_ids (AssayRuleSet  *set,
                AssayReplica  *replica,
                GError       **error)
{
  g_autoptr(GPtrArray) flags = NULL;
  GHashTable *ids;
  guint8 root[ASSAY_HASH_SIZE];
  guint64 size;

  flags = assay_rule_flags_evaluate (set, replica, "en", &size, root, error);
  if (flags == NULL)
    return NULL;
  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < flags->len; i++)
    {
      const AssayRuleFlag *flag = g_ptr_array_index (flags, i);

      if (flag->action == ASSAY_RULE_ACTION_PAUSE)
        g_hash_table_add (ids, g_strdup (flag->id));
    }
  return ids;
}

static gboolean
alert (AssayReplica             *replica,
       const AssayReplicaEntry  *entry,
       const char               *reason,
       GError                  **error)
{
  const AssayEntry *p = entry->parsed;
  JsonObject *evidence = json_object_new ();
  g_autofree char *message = NULL;

  json_object_set_int_member (evidence, "index", entry->index);
  json_object_set_string_member (evidence, "flag", p->flag);
  json_object_set_string_member (evidence, "rule_set", p->rule_set);
  json_object_set_string_member (evidence, "rule", p->rule_id);
  json_object_set_string_member (evidence, "subject", p->subject);
  json_object_set_int_member (evidence, "checkpoint_size", p->checkpoint_size);
  json_object_set_string_member (evidence, "reason", reason);
  message = g_strdup_printf (_("The pause at log index %" PRIu64 " does not verify: %s."),
                             entry->index, reason);
  /* The pauses before it stand; the check resumes at this one. */
  assay_replica_set_pauses_size (replica, entry->index, NULL);
  return assay_replica_raise_pause_alert (replica, message, evidence, error);
}

/* TRUE with *confirmed set, or FALSE after raising the alert. */
static gboolean
check_pause (AssayReplica             *replica,
             AssayRuleSet             *set,
             GHashTable               *ids,
             const AssayReplicaEntry  *entry,
             gboolean                 *confirmed,
             GError                  **error)
{
  const AssayEntry *p = entry->parsed;
  guint64 since = 0, between = 0;
  guint8 root[ASSAY_HASH_SIZE];
  g_autofree char *reason = NULL;
  gboolean seen = FALSE;

  /* Another rule set than ours: this workstation cannot judge the flag,
   * which is no evidence of forgery; recorded without effect. */
  if (strcmp (p->rule_set, assay_rule_set_get_sha256 (set)) != 0)
    {
      *confirmed = FALSE;
      return TRUE;
    }
  /* The service pauses a flag once: a second pause of it is a replay. */
  if (!assay_replica_pause_flag_seen (replica, p->flag, entry->index, &seen, error))
    return FALSE;
  if (seen)
    {
      reason = g_strdup_printf (_("flag %.12s… was already paused earlier in the log, and the service "
                                  "pauses a flag once"), p->flag);
      return alert (replica, entry, reason, error);
    }
  /* The service logs its pauses straight after the checkpoint it
   * evaluated: data between them would mean the flag was not judged on
   * the log the pause names. */
  if (!assay_replica_count_data_between (replica, p->checkpoint_size, entry->index, &between, error))
    return FALSE;
  if (between > 0)
    {
      reason = g_strdup_printf (_("%" PRIu64 " data entries lie between the checkpoint it names (%" PRIu64
                                  " entries) and the pause, and the service logs its pauses right after "
                                  "the checkpoint it evaluated"), between, p->checkpoint_size);
      return alert (replica, entry, reason, error);
    }
  if (!assay_replica_tree_root (replica, p->checkpoint_size, root, error))
    return FALSE;
  if (memcmp (root, p->checkpoint_root, ASSAY_HASH_SIZE) != 0)
    {
      reason = g_strdup_printf (_("the checkpoint it names (%" PRIu64 " entries) is not the log's: "
                                  "its root differs"), p->checkpoint_size);
      return alert (replica, entry, reason, error);
    }
  if (!assay_replica_count_data_between (replica, entry->index, G_MAXUINT64, &since, error))
    return FALSE;
  *confirmed = g_hash_table_contains (ids, p->flag);
  if (*confirmed || since > 0)
    return TRUE;
  reason = g_strdup_printf (_("it has no flag behind it: rule %s raises no flag on %s for %s at the log "
                              "of %" PRIu64 " entries it names"), p->rule_id, p->subject, p->flag,
                            p->checkpoint_size);
  return alert (replica, entry, reason, error);
}

gboolean
assay_rule_pauses_verify (AssayReplica          *replica,
                          AssayRuleSet          *set,
                          AssayRulePauseReport  *report,
                          GError               **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) ids = NULL;
  AssayRulePauseReport counts = { 0, 0 };
  gint64 started;
  guint64 size;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), FALSE);
  g_return_val_if_fail (ASSAY_IS_RULE_SET (set), FALSE);

  size = assay_replica_get_size (replica);
  entries = assay_replica_list_pause_entries (replica, assay_replica_get_pauses_size (replica), error);
  if (entries == NULL)
    return FALSE;
  started = g_get_monotonic_time ();
  if (entries->len > 0 && (ids = pause_flag_ids (set, replica, error)) == NULL)
    return FALSE;
  g_debug ("pauses: %u to check, flags evaluated in %.3f s", entries->len,
           (g_get_monotonic_time () - started) / 1e6);
  started = g_get_monotonic_time ();
  for (guint i = 0; i < entries->len; i++)
    {
      const AssayReplicaEntry *entry = g_ptr_array_index (entries, i);
      gboolean confirmed = FALSE;

      if (!check_pause (replica, set, ids, entry, &confirmed, error) ||
          !assay_replica_store_pause (replica, entry->parsed, entry->index, confirmed, error))
        return FALSE;
      if (confirmed)
        counts.n_confirmed++;
      else
        counts.n_unconfirmed++;
    }
  g_debug ("pauses: checked and stored in %.3f s", (g_get_monotonic_time () - started) / 1e6);
  if (!assay_replica_set_pauses_size (replica, size, error))
    return FALSE;
  if (report != NULL)
    *report = counts;
  return TRUE;
}
