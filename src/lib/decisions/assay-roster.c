/* assay-roster.c — the roster: who holds which role, and what each kind of decision needs
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

#include <string.h>

#include "assay-dsse.h"
#include "assay-roster.h"

static void
key_free (gpointer p)
{
  AssayRosterKey *key = p;

  g_free (key->keyid);
  g_free (key->holder);
  g_free (key);
}

AssayRoster *
assay_roster_new (const char *deployment,
                  gint64      version,
                  gint64      expires,
                  const char *prev)
{
  AssayRoster *roster = g_new0 (AssayRoster, 1);

  roster->deployment = g_strdup (deployment);
  roster->version = version;
  roster->expires = expires;
  roster->prev = g_strdup (prev);
  roster->keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, key_free);
  for (guint i = 0; i < ASSAY_N_ROLES; i++)
    roster->roles[i].keyids = g_ptr_array_new_with_free_func (g_free);
  return roster;
}

void
assay_roster_free (AssayRoster *roster)
{
  if (roster == NULL)
    return;
  g_free (roster->deployment);
  g_free (roster->prev);
  g_hash_table_unref (roster->keys);
  for (guint i = 0; i < ASSAY_N_ROLES; i++)
    g_ptr_array_unref (roster->roles[i].keyids);
  g_clear_pointer (&roster->payload, g_bytes_unref);
  g_free (roster->sha256);
  g_free (roster);
}

/* Any change makes the written payload stale. */
static void
forget_payload (AssayRoster *roster)
{
  g_clear_pointer (&roster->payload, g_bytes_unref);
  g_clear_pointer (&roster->sha256, g_free);
}

const char *
assay_roster_add_key (AssayRoster  *roster,
                      const char   *holder,
                      const guint8  pub[ASSAY_KEY_PUBLIC_KEY_SIZE],
                      gint64        valid_after,
                      gint64        valid_before)
{
  AssayRosterKey *key = g_new0 (AssayRosterKey, 1);

  g_return_val_if_fail (roster != NULL && holder != NULL, NULL);
  key->keyid = assay_key_id (pub);
  key->holder = g_strdup (holder);
  memcpy (key->pub, pub, sizeof key->pub);
  key->valid_after = valid_after;
  key->valid_before = valid_before;
  g_hash_table_replace (roster->keys, key->keyid, key);
  forget_payload (roster);
  return key->keyid;
}

void
assay_roster_add_to_role (AssayRoster *roster,
                          AssayRole    role,
                          const char  *keyid)
{
  g_return_if_fail (roster != NULL && role < ASSAY_N_ROLES && keyid != NULL);
  g_ptr_array_add (roster->roles[role].keyids, g_strdup (keyid));
  forget_payload (roster);
}

void
assay_roster_set_threshold (AssayRoster *roster,
                            AssayRole    role,
                            guint        threshold)
{
  g_return_if_fail (roster != NULL && role < ASSAY_N_ROLES);
  roster->roles[role].threshold = threshold;
  forget_payload (roster);
}

void
assay_roster_set_kind (AssayRoster       *roster,
                       AssayDecisionKind  kind,
                       AssayRole          role,
                       guint              threshold)
{
  g_return_if_fail (roster != NULL && kind < ASSAY_N_DECISION_KINDS && role < ASSAY_N_ROLES);
  roster->kinds[kind] = (AssayRosterKind) { TRUE, role, threshold };
  forget_payload (roster);
}

void
assay_roster_set_default_kinds (AssayRoster *roster)
{
  static const AssayRosterKind defaults[ASSAY_N_DECISION_KINDS] = {
    [ASSAY_DECISION_KIND_DISMISS] = { TRUE, ASSAY_ROLE_COMMITTEE, 1 },
    [ASSAY_DECISION_KIND_CONFIRM] = { TRUE, ASSAY_ROLE_COMMITTEE, 1 },
    [ASSAY_DECISION_KIND_DOWN_WEIGHT] = { TRUE, ASSAY_ROLE_COMMITTEE, 1 },
    [ASSAY_DECISION_KIND_FREEZE] = { TRUE, ASSAY_ROLE_COMMITTEE, 2 },
    [ASSAY_DECISION_KIND_RESTORE] = { TRUE, ASSAY_ROLE_COMMITTEE, 1 },
    [ASSAY_DECISION_KIND_ZERO] = { TRUE, ASSAY_ROLE_COMMITTEE, 2 },
    [ASSAY_DECISION_KIND_WEIGHTS] = { TRUE, ASSAY_ROLE_COMMITTEE, 3 },
    [ASSAY_DECISION_KIND_RULING] = { TRUE, ASSAY_ROLE_ARBITRATION, 2 },
    [ASSAY_DECISION_KIND_AUDIT_FINDINGS] = { TRUE, ASSAY_ROLE_AUDIT, 1 },
    [ASSAY_DECISION_KIND_APPROVE] = { TRUE, ASSAY_ROLE_COMMITTEE, 1 },
    [ASSAY_DECISION_KIND_DENY] = { TRUE, ASSAY_ROLE_COMMITTEE, 1 },
  };

  g_return_if_fail (roster != NULL);
  memcpy (roster->kinds, defaults, sizeof defaults);
  forget_payload (roster);
}

const AssayRosterKey *
assay_roster_lookup_key (AssayRoster *roster,
                         const char  *keyid)
{
  g_return_val_if_fail (roster != NULL, NULL);
  return keyid != NULL ? g_hash_table_lookup (roster->keys, keyid) : NULL;
}

gboolean
assay_roster_role_has_key (AssayRoster *roster,
                           AssayRole    role,
                           const char  *keyid)
{
  g_return_val_if_fail (roster != NULL && role < ASSAY_N_ROLES, FALSE);
  return g_ptr_array_find_with_equal_func (roster->roles[role].keyids, keyid, g_str_equal, NULL);
}

guint
assay_roster_count_role_holders (AssayRoster *roster,
                                 AssayRole    role)
{
  g_autoptr(GHashTable) holders = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *keyids;

  g_return_val_if_fail (roster != NULL && role < ASSAY_N_ROLES, 0);
  keyids = roster->roles[role].keyids;
  for (guint i = 0; i < keyids->len; i++)
    {
      const AssayRosterKey *key = assay_roster_lookup_key (roster, g_ptr_array_index (keyids, i));

      if (key != NULL)
        g_hash_table_add (holders, key->holder);
    }
  return g_hash_table_size (holders);
}

gboolean
assay_roster_key_is_valid (const AssayRosterKey *key,
                           gint64                time)
{
  g_return_val_if_fail (key != NULL, FALSE);
  return time >= key->valid_after && (key->valid_before == 0 || time < key->valid_before);
}

gboolean
assay_roster_is_expired (AssayRoster *roster,
                         gint64       time)
{
  g_return_val_if_fail (roster != NULL, TRUE);
  return time >= roster->expires;
}

char *
assay_roster_sign (AssayRoster         *roster,
                   AssayKeyFile * const *keys,
                   guint                 n_keys,
                   GError              **error)
{
  g_autoptr(AssayDsseEnvelope) env = NULL;
  g_autoptr(GBytes) payload = NULL;

  g_return_val_if_fail (roster != NULL, NULL);
  payload = assay_roster_to_payload (roster, error);
  if (payload == NULL)
    return NULL;
  env = assay_dsse_envelope_new_signed (ASSAY_ROSTER_PAYLOAD_TYPE, payload, keys, n_keys);
  return assay_dsse_envelope_to_json (env);
}
