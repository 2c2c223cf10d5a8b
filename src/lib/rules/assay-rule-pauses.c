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

/* The flags of the pause rules at one checkpoint.  The service logs its
 * pauses in a cluster after the checkpoint it evaluated, so the last
 * checkpoint's are kept: one evaluation per cluster. */
typedef struct
{
  guint64     size;
  GHashTable *ids;
  guint       n_evaluations;
  gint64      evaluating_us;   /* time spent evaluating, for the debug log */
} FlagsAt;

static void
flags_at_clear (FlagsAt *at)
{
  g_clear_pointer (&at->ids, g_hash_table_unref);
}

static GHashTable *
pause_flag_ids_at (AssayRuleSet      *set,
                   AssayReplica      *replica,
                   const AssayEntry  *pause,
                   FlagsAt           *at,
                   GError           **error)
{
  g_autoptr(GPtrArray) flags = NULL;
  gint64 started = g_get_monotonic_time ();

  if (at->ids != NULL && at->size == pause->checkpoint_size)
    return at->ids;
  flags = assay_rule_flags_pauses_at (set, replica, pause->checkpoint_size, pause->checkpoint_root,
                                      error);
  if (flags == NULL)
    return NULL;
  at->evaluating_us += g_get_monotonic_time () - started;
  flags_at_clear (at);
  at->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  at->size = pause->checkpoint_size;
  at->n_evaluations++;
  for (guint i = 0; i < flags->len; i++)
    g_hash_table_add (at->ids, g_strdup (((const AssayRuleFlag *) g_ptr_array_index (flags, i))->id));
  return at->ids;
}

/* Whether this workstation can rebuild the pause's flag: its rule must be
 * a pause rule of our set whose subject reads the log up to a checkpoint.
 * A rule our set does not have, or has with another action, cannot raise
 * the flag: judged (and not found). */
static gboolean
can_judge (AssayRuleSet     *set,
           const AssayEntry *pause)
{
  const AssayRule *rule = assay_rule_set_lookup_rule (set, pause->rule_id);

  if (rule == NULL || assay_rule_get_action (rule) != ASSAY_RULE_ACTION_PAUSE)
    return TRUE;
  return assay_rule_subject_reads_checkpoint (assay_rule_get_subject (rule));
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

/* The checks that need no evaluation: the pause's place in the log.
 * TRUE if they pass, FALSE after raising the alert or with `error` set. */
static gboolean
check_placement (AssayReplica             *replica,
                 const AssayReplicaEntry  *entry,
                 GError                  **error)
{
  const AssayEntry *p = entry->parsed;
  guint64 between = 0;
  guint8 root[ASSAY_HASH_SIZE];
  g_autofree char *reason = NULL;
  gboolean seen = FALSE;

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
  return TRUE;
}

/* TRUE with *confirmed set, or FALSE after raising the alert. */
static gboolean
check_pause (AssayReplica             *replica,
             AssayRuleSet             *set,
             FlagsAt                  *at,
             const AssayReplicaEntry  *entry,
             gboolean                 *confirmed,
             GError                  **error)
{
  const AssayEntry *p = entry->parsed;
  GHashTable *ids;
  gboolean erased = FALSE;
  g_autofree char *reason = NULL;

  /* Another rule set than ours, or a rule whose flag we cannot rebuild at
   * a checkpoint: this workstation cannot judge the flag, which is no
   * evidence of forgery; recorded without effect. */
  *confirmed = FALSE;
  if (strcmp (p->rule_set, assay_rule_set_get_sha256 (set)) != 0 || !can_judge (set, p))
    return TRUE;
  if (!check_placement (replica, entry, error))
    return FALSE;
  /* The flags on exactly the log the pause names: its first
   * checkpoint-size entries, whatever this replica holds beyond them. */
  if ((ids = pause_flag_ids_at (set, replica, p, at, error)) == NULL)
    return FALSE;
  *confirmed = g_hash_table_contains (ids, p->flag);
  if (*confirmed)
    return TRUE;
  /* An erasure since the checkpoint purged bodies the service read: the
   * older aggregates cannot be rebuilt, so no verdict. */
  if (!assay_replica_erased_before (replica, p->checkpoint_size, p->checkpoint_size, &erased, error))
    return FALSE;
  if (erased)
    return TRUE;
  reason = g_strdup_printf (_("it has no flag behind it: rule %s raises no flag on %s for %s at the log "
                              "of %" PRIu64 " entries it names"), p->rule_id, p->subject, p->flag,
                            p->checkpoint_size);
  return alert (replica, entry, reason, error);
}

/* Checks and stores one pause, unless an earlier pass stored it: its
 * verdict stands (a retry must not undo the accounts it held). */
static gboolean
verify_one (AssayReplica             *replica,
            AssayRuleSet             *set,
            FlagsAt                  *at,
            const AssayReplicaEntry  *entry,
            AssayRulePauseReport     *counts,
            GError                  **error)
{
  gboolean stored = FALSE, confirmed = FALSE;

  if (!assay_replica_pause_stored (replica, entry->index, &stored, error))
    return FALSE;
  if (stored)
    return TRUE;
  if (!check_pause (replica, set, at, entry, &confirmed, error) ||
      !assay_replica_store_pause (replica, entry->parsed, entry->index, confirmed, error))
    return FALSE;
  if (confirmed)
    counts->n_confirmed++;
  else
    counts->n_unconfirmed++;
  return TRUE;
}

gboolean
assay_rule_pauses_verify (AssayReplica          *replica,
                          AssayRuleSet          *set,
                          AssayRulePauseReport  *report,
                          GError               **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  AssayRulePauseReport counts = { 0, 0, 0 };
  FlagsAt at = { 0, NULL, 0, 0 };
  guint64 from, limit;
  gint64 started;
  gboolean ok = TRUE;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), FALSE);
  g_return_val_if_fail (ASSAY_IS_RULE_SET (set), FALSE);

  /* The check stops at the first withheld body: it may be a pause, or
   * data a later pause's checkpoint covers.  It resumes there once the
   * body is filled (or erased). */
  from = assay_replica_get_pauses_size (replica);
  if (!assay_replica_first_withheld (replica, from, &limit, error))
    return FALSE;
  limit = MIN (limit, assay_replica_get_size (replica));
  entries = assay_replica_list_pause_entries (replica, from, error);
  if (entries == NULL)
    return FALSE;
  started = g_get_monotonic_time ();
  for (guint i = 0; ok && i < entries->len; i++)
    {
      const AssayReplicaEntry *entry = g_ptr_array_index (entries, i);

      if (entry->index >= limit)
        counts.n_waiting++;
      else
        ok = verify_one (replica, set, &at, entry, &counts, error);
    }
  g_debug ("pauses: %u checked and stored in %.3f s, of which %.3f s evaluating the pause rules at "
           "%u checkpoints; %u waiting for a withheld body", counts.n_confirmed + counts.n_unconfirmed,
           (g_get_monotonic_time () - started) / 1e6, at.evaluating_us / 1e6, at.n_evaluations,
           counts.n_waiting);
  flags_at_clear (&at);
  if (!ok || !assay_replica_set_pauses_size (replica, limit, error))
    return FALSE;
  if (report != NULL)
    *report = counts;
  return TRUE;
}
