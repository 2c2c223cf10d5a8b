/* assay-roster-summary.c — the roster in force, as a person reads it
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

#include "assay-dsse.h"
#include "assay-replica-decisions.h"
#include "assay-roster-summary.h"

static void
member_free (AssayRosterMember *member)
{
  g_free (member->keyid);
  g_free (member->holder);
  g_free (member);
}

void
assay_roster_summary_free (AssayRosterSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->sha256);
  g_clear_pointer (&summary->members, g_ptr_array_unref);
  g_free (summary);
}

static AssayRoster *
read_stored (const AssayStoredRoster  *stored,
             GError                  **error)
{
  g_autoptr(AssayDsseEnvelope) envelope = assay_dsse_envelope_new_from_json (stored->envelope, -1, error);

  return envelope != NULL ? assay_roster_new_from_payload (envelope->payload, error) : NULL;
}

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  const AssayRosterMember *x = *(AssayRosterMember **) a, *y = *(AssayRosterMember **) b;
  int by_holder = g_utf8_collate (x->holder, y->holder);

  return by_holder != 0 ? by_holder : g_strcmp0 (x->keyid, y->keyid);
}

static AssayRosterMember *
member_new (AssayRoster          *roster,
            const AssayRosterKey *key)
{
  AssayRosterMember *member = g_new0 (AssayRosterMember, 1);

  member->keyid = g_strdup (key->keyid);
  member->holder = g_strdup (key->holder);
  member->valid_after = key->valid_after;
  member->valid_before = key->valid_before;
  for (guint r = 0; r < ASSAY_N_ROLES; r++)
    {
      member->roles[r] = assay_roster_role_has_key (roster, r, key->keyid);
      member->since[r] = roster->version;
    }
  return member;
}

/* Walks back through the older versions: a role held in each of them
 * without a break has been held since the oldest. */
static void
find_since (AssayRosterMember *member,
            AssayRoster      **older,
            guint              n_older)
{
  for (guint r = 0; r < ASSAY_N_ROLES; r++)
    for (guint i = n_older; member->roles[r] && i > 0; i--)
      {
        if (!assay_roster_role_has_key (older[i - 1], r, member->keyid))
          break;
        member->since[r] = older[i - 1]->version;
      }
}

AssayRosterSummary *
assay_roster_summary_new (AssayReplica  *replica,
                          GError       **error)
{
  g_autoptr(GPtrArray) stored = assay_replica_list_rosters (replica, error);
  g_autoptr(GPtrArray) rosters = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_roster_free);
  AssayRosterSummary *summary;
  AssayRoster *current;
  const AssayStoredRoster *last;
  GHashTableIter iter;
  gpointer value;

  if (stored == NULL || stored->len == 0)
    return NULL;
  for (guint i = 0; i < stored->len; i++)
    {
      AssayRoster *roster = read_stored (g_ptr_array_index (stored, i), error);

      if (roster == NULL)
        return NULL;
      g_ptr_array_add (rosters, roster);
    }
  last = g_ptr_array_index (stored, stored->len - 1);
  current = g_ptr_array_index (rosters, rosters->len - 1);
  summary = g_new0 (AssayRosterSummary, 1);
  summary->version = current->version;
  summary->expires = current->expires;
  summary->index = last->index;
  summary->sha256 = g_strdup (last->sha256);
  summary->members = g_ptr_array_new_with_free_func ((GDestroyNotify) member_free);
  g_hash_table_iter_init (&iter, current->keys);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      AssayRosterMember *member = member_new (current, value);

      find_since (member, (AssayRoster **) rosters->pdata, rosters->len - 1);
      g_ptr_array_add (summary->members, member);
    }
  g_ptr_array_sort (summary->members, compare_members);
  return summary;
}

const AssayRosterMember *
assay_roster_summary_find (const AssayRosterSummary *summary,
                           const char               *keyid)
{
  g_return_val_if_fail (summary != NULL, NULL);

  for (guint i = 0; keyid != NULL && i < summary->members->len; i++)
    {
      const AssayRosterMember *member = g_ptr_array_index (summary->members, i);

      if (g_str_equal (member->keyid, keyid))
        return member;
    }
  return NULL;
}

const char *
assay_role_get_label (AssayRole role)
{
  switch (role)
    {
    case ASSAY_ROLE_ROSTER_ROOT:
      return _("roster root");
    case ASSAY_ROLE_COMMITTEE:
      return _("committee");
    case ASSAY_ROLE_ARBITRATION:
      return _("arbitration");
    case ASSAY_ROLE_AUDIT:
      return _("audit");
    case ASSAY_N_ROLES:
    default:
      return "";
    }
}

char *
assay_roster_member_describe_roles (const AssayRosterMember *member)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (member != NULL, NULL);

  for (guint r = 0; r < ASSAY_N_ROLES; r++)
    if (member->roles[r])
      {
        /* Translators: a role and the roster version from which it is held: "committee since version 2". */
        g_autofree char *part = g_strdup_printf (_("%s since version %" PRIi64),
                                                 assay_role_get_label (r), member->since[r]);

        g_strv_builder_add (builder, part);
      }
  parts = g_strv_builder_end (builder);
  /* Translators: the separator between roles in a list. */
  return g_strjoinv (_(", "), parts);
}
