/* assay-rule-cases.c — flags into the replica's store and cases
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
#include <string.h>

#include "assay-enum.h"
#include "assay-rule-cases.h"
#include "assay-replica-series.h"
#include "assay-rules-enums.h"
#include "assay-rule-subjects-private.h"

/* A ring's members, from its JSON subject ("members": [...]), or NULL. */
static char **
members_from_json (JsonNode *node)
{
  JsonObject *subject;
  JsonArray *members;
  GPtrArray *list;

  if (!JSON_NODE_HOLDS_OBJECT (node) ||
      (subject = json_object_get_object_member (json_node_get_object (node), "subject")) == NULL ||
      !json_object_has_member (subject, "members") ||
      (members = json_object_get_array_member (subject, "members")) == NULL)
    return NULL;
  list = g_ptr_array_new ();
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      const char *account = json_array_get_string_element (members, i);

      if (account != NULL)
        g_ptr_array_add (list, g_strdup (account));
    }
  g_ptr_array_add (list, NULL);
  return (char **) g_ptr_array_free (list, FALSE);
}

char *
assay_rule_default_set_path (void)
{
  const char *path = g_getenv ("ASSAY_RULE_SET");
  const char *dir = g_getenv ("ASSAY_DATADIR");

  if (path != NULL && *path != '\0')
    return g_strdup (path);
  /* An uninstalled build: the source tree's data/. */
  if (dir != NULL && *dir != '\0')
    return g_build_filename (dir, "rules", "pilot.json", NULL);
  return g_build_filename (PKGDATADIR, "rules", "pilot.json", NULL);
}

AssayStoredFlag *
assay_rule_flag_to_stored (const AssayRuleFlag  *flag,
                           AssayReplica         *replica,
                           GError              **error)
{
  g_autoptr(AssayStoredFlag) stored = g_new0 (AssayStoredFlag, 1);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (flag != NULL, NULL);
  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);

  node = assay_rule_flag_to_json (flag);
  stored->id = g_strdup (flag->id);
  stored->rule = g_strdup (flag->rule);
  stored->article = g_strdup (flag->article);
  stored->action = g_strdup (assay_enum_get_nick (ASSAY_TYPE_RULE_ACTION, flag->action));
  stored->severity = g_strdup (assay_enum_get_nick (ASSAY_TYPE_RULE_SEVERITY, flag->severity));
  stored->severity_rank = flag->severity;
  stored->subject_kind = g_strdup (flag->subject_kind);
  stored->subject_id = g_strdup (flag->subject_id);
  stored->from = flag->from;
  stored->to = flag->to;
  stored->json = json_to_string (node, FALSE);
  stored->members = members_from_json (node);
  if (g_strcmp0 (flag->subject_kind, "county") == 0)
    stored->county = g_strdup (flag->subject_id);
  else if (g_strcmp0 (flag->subject_kind, "account") == 0)
    {
      stored->county = assay_replica_account_county (replica, flag->subject_id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  return g_steal_pointer (&stored);
}

gboolean
assay_rule_flags_refresh (AssayReplica  *replica,
                          AssayRuleSet  *set,
                          GError       **error)
{
  return assay_rule_flags_refresh_full (replica, set, NULL, NULL, error);
}

gboolean
assay_rule_flags_refresh_full (AssayReplica      *replica,
                               AssayRuleSet      *set,
                               AssayRuleProgress  progress,
                               gpointer           progress_data,
                               GError           **error)
{
  return assay_rule_flags_refresh_report (replica, set, TRUE, progress, progress_data, NULL, error);
}

/* What an incremental refresh starts from: the accounts changed since the
 * stored run and the stored flags to keep.  Left empty (changed NULL) when
 * only a full evaluation is exact. */
typedef struct
{
  guint64     since_size;
  GArray     *changed;     /* guint64 account numbers, ascending */
  GPtrArray  *kept;        /* AssayStoredFlag */
} Plan;

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->changed, g_array_unref);
  g_clear_pointer (&plan->kept, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Plan, plan_clear)

/* Inside the evaluation's read transaction, so that the run, its flags
 * and the changed accounts belong to the state the evaluation reads. */
static gboolean
plan_incremental (AssayReplica  *replica,
                  AssayRuleSet  *set,
                  Plan          *plan,
                  GError       **error)
{
  g_autoptr(AssayFlagRun) run = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GHashTable) changed_names = NULL;
  g_autoptr(GArray) changed = NULL;
  GError *local = NULL;

  run = assay_replica_get_flag_run (replica, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  /* Another rule set's flags say nothing about this one's. */
  if (run == NULL || g_strcmp0 (run->rule_set_sha256, assay_rule_set_get_sha256 (set)) != 0)
    return TRUE;
  if (!assay_replica_accounts_changed_since (replica, run->checkpoint_size, run->checkpoint_root,
                                             &changed, error))
    return FALSE;
  if (changed == NULL)
    return TRUE;
  stored = assay_replica_list_flags (replica, error);
  if (stored == NULL)
    return FALSE;
  changed_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < changed->len; i++)
    {
      char *name = assay_replica_account_name (replica, g_array_index (changed, guint64, i), &local);

      if (local != NULL)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      if (name != NULL)
        g_hash_table_add (changed_names, name);
    }
  /* An account subject's flags depend on that account's records alone:
   * those of an account with no new entry are what a full evaluation
   * would raise again. */
  plan->kept = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_stored_flag_free);
  for (guint i = 0; i < stored->len; i++)
    {
      AssayStoredFlag *f = g_ptr_array_index (stored, i);

      if (g_strcmp0 (f->subject_kind, "account") == 0 &&
          !g_hash_table_contains (changed_names, f->subject_id))
        g_ptr_array_add (plan->kept, g_steal_pointer (&stored->pdata[i]));
    }
  plan->since_size = run->checkpoint_size;
  plan->changed = g_steal_pointer (&changed);
  return TRUE;
}

static GPtrArray *
evaluate (AssayReplica       *replica,
          AssayRuleSet       *set,
          gboolean            allow_incremental,
          AssayRuleProgress   progress,
          gpointer            progress_data,
          Plan               *plan,
          AssayFlagRun       *run,
          guint64            *out_n_accounts,
          GError            **error)
{
  static const guint64 none[1] = { 0 };
  GPtrArray *flags = NULL;

  if (!assay_replica_read_begin (replica, &run->checkpoint_size, run->checkpoint_root, error))
    return NULL;
  if (!allow_incremental || plan_incremental (replica, set, plan, error))
    {
      const guint64 *accounts = NULL;

      if (plan->changed != NULL)
        accounts = plan->changed->len > 0 ? (const guint64 *) plan->changed->data : none;
      flags = _assay_rule_flags_evaluate_accounts_in (set, replica, assay_rule_flags_language (), accounts,
                                                      plan->changed != NULL ? plan->changed->len : 0,
                                                      run->checkpoint_size, run->checkpoint_root,
                                                      progress, progress_data, out_n_accounts, error);
    }
  assay_replica_read_end (replica);
  return flags;
}

gboolean
assay_rule_flags_refresh_report (AssayReplica           *replica,
                                 AssayRuleSet           *set,
                                 gboolean                allow_incremental,
                                 AssayRuleProgress       progress,
                                 gpointer                progress_data,
                                 AssayRuleRefreshReport *report,
                                 GError                **error)
{
  g_auto(Plan) plan = { 0, NULL, NULL };
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  AssayFlagRun run = { 0 };
  guint64 n_accounts = 0;
  guint n_kept;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), FALSE);
  g_return_val_if_fail (set != NULL, FALSE);

  flags = evaluate (replica, set, allow_incremental, progress, progress_data, &plan, &run, &n_accounts,
                    error);
  if (flags == NULL)
    return FALSE;

  stored = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_stored_flag_free);
  for (guint i = 0; i < flags->len; i++)
    {
      AssayStoredFlag *f = assay_rule_flag_to_stored (g_ptr_array_index (flags, i), replica, error);

      if (f == NULL)
        return FALSE;
      g_ptr_array_add (stored, f);
    }
  /* Kept flags as stored, their JSON with the checkpoint they were
   * computed at: their inputs have not changed since. */
  n_kept = plan.kept != NULL ? plan.kept->len : 0;
  if (plan.kept != NULL)
    g_ptr_array_extend_and_steal (stored, g_steal_pointer (&plan.kept));
  run.rule_set_sha256 = (char *) assay_rule_set_get_sha256 (set);
  run.rule_set_name = (char *) assay_rule_set_get_name (set);
  run.rule_set_version = assay_rule_set_get_version (set);
  run.computed_at = g_get_real_time () / G_USEC_PER_SEC;
  if (!assay_replica_store_flags (replica, &run, stored, error))
    return FALSE;
  if (report != NULL)
    *report = (AssayRuleRefreshReport) {
      .incremental = plan.changed != NULL,
      .since_size = plan.since_size,
      .checkpoint_size = run.checkpoint_size,
      .n_changed = plan.changed != NULL ? plan.changed->len : 0,
      .n_accounts = n_accounts,
      .n_kept = n_kept,
      .n_flags = stored->len,
    };
  return TRUE;
}
