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
#include "assay-rules-enums.h"

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
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  AssayFlagRun run = { 0 };

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), FALSE);
  g_return_val_if_fail (set != NULL, FALSE);

  flags = assay_rule_flags_evaluate_full (set, replica, assay_rule_flags_language (), progress,
                                          progress_data, &run.checkpoint_size, run.checkpoint_root, error);
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
  run.rule_set_sha256 = (char *) assay_rule_set_get_sha256 (set);
  run.rule_set_name = (char *) assay_rule_set_get_name (set);
  run.rule_set_version = assay_rule_set_get_version (set);
  run.computed_at = g_get_real_time () / G_USEC_PER_SEC;
  return assay_replica_store_flags (replica, &run, stored, error);
}
