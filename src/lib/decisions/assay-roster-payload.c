/* assay-roster-payload.c — the roster's canonical payload, written and read
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

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "assay-canonical-json.h"
#include "assay-enum.h"
#include "assay-error.h"
#include "assay-payload-private.h"
#include "assay-roster.h"

#define MAX_INT    ASSAY_CANONICAL_JSON_MAX_INTEGER
#define MAX_NAME   256

/* Writing */

static void
add_keys (JsonBuilder *b,
          AssayRoster *roster)
{
  GHashTableIter iter;
  AssayRosterKey *key;

  json_builder_set_member_name (b, "keys");
  json_builder_begin_object (b);
  g_hash_table_iter_init (&iter, roster->keys);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &key))
    {
      g_autofree char *pub = g_base64_encode (key->pub, sizeof key->pub);

      json_builder_set_member_name (b, key->keyid);
      json_builder_begin_object (b);
      _assay_payload_add_string (b, "holder", key->holder);
      _assay_payload_add_string (b, "pub", pub);
      _assay_payload_add_int (b, "valid_after", key->valid_after);
      _assay_payload_add_int (b, "valid_before", key->valid_before);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

static void
add_roles (JsonBuilder *b,
           AssayRoster *roster)
{
  json_builder_set_member_name (b, "roles");
  json_builder_begin_object (b);
  for (guint r = 0; r < ASSAY_N_ROLES; r++)
    {
      AssayRosterRole *role = &roster->roles[r];

      json_builder_set_member_name (b, assay_enum_get_nick (ASSAY_TYPE_ROLE, r));
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "keyids");
      json_builder_begin_array (b);
      for (guint i = 0; i < role->keyids->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (role->keyids, i));
      json_builder_end_array (b);
      _assay_payload_add_int (b, "threshold", role->threshold);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

static void
add_kinds (JsonBuilder *b,
           AssayRoster *roster)
{
  json_builder_set_member_name (b, "kinds");
  json_builder_begin_object (b);
  for (guint k = 0; k < ASSAY_N_DECISION_KINDS; k++)
    {
      AssayRosterKind *kind = &roster->kinds[k];

      if (!kind->present)
        continue;
      json_builder_set_member_name (b, assay_enum_get_nick (ASSAY_TYPE_DECISION_KIND, k));
      json_builder_begin_object (b);
      _assay_payload_add_string (b, "role", assay_enum_get_nick (ASSAY_TYPE_ROLE, kind->role));
      _assay_payload_add_int (b, "threshold", kind->threshold);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

GBytes *
assay_roster_to_payload (AssayRoster  *roster,
                         GError      **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(AssayRoster) check = NULL;

  g_return_val_if_fail (roster != NULL, NULL);
  json_builder_begin_object (b);
  _assay_payload_add_int (b, "v", 1);
  _assay_payload_add_string (b, "deployment", roster->deployment);
  _assay_payload_add_int (b, "version", roster->version);
  _assay_payload_add_int (b, "expires", roster->expires);
  _assay_payload_add_string (b, "prev", roster->prev);
  add_keys (b, roster);
  add_roles (b, roster);
  add_kinds (b, roster);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  payload = assay_canonical_json_encode (root, error);
  if (payload == NULL || (check = assay_roster_new_from_payload (payload, error)) == NULL)
    return NULL;
  g_clear_pointer (&roster->payload, g_bytes_unref);
  g_free (roster->sha256);
  roster->payload = g_bytes_ref (payload);
  roster->sha256 = g_strdup (check->sha256);
  return g_steal_pointer (&payload);
}

/* Reading */

static void
set_invalid (GError    **error,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
set_invalid (GError    **error,
             const char *format,
             ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA, _("invalid roster: %s"), message);
}

static gboolean
read_key (AssayRoster *roster,
          const char  *keyid,
          JsonObject  *obj,
          GError     **error)
{
  static const char *const members[] = { "holder", "pub", "valid_after", "valid_before", NULL };
  g_autofree char *where = _assay_payload_path ("keys", keyid);
  const char *holder;
  guint8 pub[ASSAY_KEY_PUBLIC_KEY_SIZE];
  gint64 after, before;
  const char *added;

  if (!_assay_payload_check_members (obj, where, members, error)
      || (holder = _assay_payload_get_string (obj, where, "holder", MAX_NAME, error)) == NULL
      || !_assay_payload_get_base64 (obj, where, "pub", pub, sizeof pub, error)
      || !_assay_payload_get_int (obj, where, "valid_after", 0, MAX_INT, &after, error)
      || !_assay_payload_get_int (obj, where, "valid_before", 0, MAX_INT, &before, error))
    return FALSE;
  if (before != 0 && before <= after)
    {
      set_invalid (error, _("key %s is valid before %" PRId64 " but only after %"
                            PRId64), keyid, before, after);
      return FALSE;
    }
  added = assay_roster_add_key (roster, holder, pub, after, before);
  /* The key id is a name the roster gives; it must be the key's own. */
  if (strcmp (added, keyid) != 0)
    {
      set_invalid (error, _("key id %s is not the SHA-256 of its public key"), keyid);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_keys (AssayRoster *roster,
           JsonObject  *top,
           GError     **error)
{
  JsonObject *keys = _assay_payload_get_object (top, "", "keys", error);
  JsonObjectIter iter;
  const char *keyid;
  JsonNode *node;

  if (keys == NULL)
    return FALSE;
  if (json_object_get_size (keys) > ASSAY_ROSTER_MAX_KEYS)
    {
      set_invalid (error, _("more than %d keys"), ASSAY_ROSTER_MAX_KEYS);
      return FALSE;
    }
  json_object_iter_init (&iter, keys);
  while (json_object_iter_next (&iter, &keyid, &node))
    {
      JsonObject *obj = _assay_payload_get_object (keys, "keys", keyid, error);

      if (obj == NULL || !read_key (roster, keyid, obj, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_role_keyids (AssayRoster *roster,
                  AssayRole    role,
                  JsonArray   *keyids,
                  const char  *name,
                  GError     **error)
{
  for (guint i = 0; i < json_array_get_length (keyids); i++)
    {
      JsonNode *el = json_array_get_element (keyids, i);
      const char *keyid = json_node_get_value_type (el) == G_TYPE_STRING
                          ? json_node_get_string (el) : NULL;

      if (keyid == NULL || assay_roster_lookup_key (roster, keyid) == NULL)
        {
          set_invalid (error, _("role %s lists a key that is not in “keys”"), name);
          return FALSE;
        }
      if (assay_roster_role_has_key (roster, role, keyid))
        {
          set_invalid (error, _("role %s lists key %s twice"), name, keyid);
          return FALSE;
        }
      assay_roster_add_to_role (roster, role, keyid);
    }
  return TRUE;
}

/* A threshold no set of holders can meet would lock the role out (or, for
 * roster_root, freeze the roster for good). */
static gboolean
check_threshold (AssayRoster *roster,
                 AssayRole    role,
                 gint64       threshold,
                 const char  *what,
                 GError     **error)
{
  guint holders = assay_roster_count_role_holders (roster, role);

  if (threshold > holders)
    {
      set_invalid (error, _("%s needs %" PRId64 " signatures but the keys of role %s"
                            " belong to %u holders"),
                   what, threshold, assay_enum_get_nick (ASSAY_TYPE_ROLE, role), holders);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_roles (AssayRoster *roster,
            JsonObject  *top,
            GError     **error)
{
  static const char *const names[] = { "roster_root", "committee", "arbitration", "audit", NULL };
  static const char *const members[] = { "keyids", "threshold", NULL };
  JsonObject *roles = _assay_payload_get_object (top, "", "roles", error);

  if (roles == NULL || !_assay_payload_check_members (roles, "roles", names, error))
    return FALSE;
  for (guint r = 0; r < ASSAY_N_ROLES; r++)
    {
      const char *name = assay_enum_get_nick (ASSAY_TYPE_ROLE, r);
      g_autofree char *where = _assay_payload_path ("roles", name);
      JsonObject *obj = _assay_payload_get_object (roles, "roles", name, error);
      JsonArray *keyids;
      gint64 threshold;

      if (obj == NULL
          || !_assay_payload_check_members (obj, where, members, error)
          || (keyids = _assay_payload_get_array (obj, where, "keyids", error)) == NULL
          || !_assay_payload_get_int (obj, where, "threshold", 1, MAX_INT, &threshold, error)
          || !read_role_keyids (roster, r, keyids, name, error)
          || !check_threshold (roster, r, threshold, name, error))
        return FALSE;
      assay_roster_set_threshold (roster, r, threshold);
    }
  return TRUE;
}

static gboolean
read_kind (AssayRoster *roster,
           const char  *name,
           JsonObject  *kinds,
           GError     **error)
{
  static const char *const members[] = { "role", "threshold", NULL };
  g_autofree char *where = _assay_payload_path ("kinds", name);
  JsonObject *obj;
  int kind, role;
  gint64 threshold;

  if (!assay_enum_from_nick (ASSAY_TYPE_DECISION_KIND, name, &kind))
    {
      set_invalid (error, _("unknown decision kind “%s”"), name);
      return FALSE;
    }
  if ((obj = _assay_payload_get_object (kinds, "kinds", name, error)) == NULL
      || !_assay_payload_check_members (obj, where, members, error)
      || !_assay_payload_get_nick (obj, where, "role", ASSAY_TYPE_ROLE, &role, error)
      || !_assay_payload_get_int (obj, where, "threshold", 1, MAX_INT, &threshold, error))
    return FALSE;
  /* roster_root signs rosters, never decisions. */
  if (role == ASSAY_ROLE_ROSTER_ROOT)
    {
      set_invalid (error, _("kind %s names role roster_root"), name);
      return FALSE;
    }
  if (!check_threshold (roster, role, threshold, name, error))
    return FALSE;
  assay_roster_set_kind (roster, kind, role, threshold);
  return TRUE;
}

static gboolean
read_kinds (AssayRoster *roster,
            JsonObject  *top,
            GError     **error)
{
  JsonObject *kinds = _assay_payload_get_object (top, "", "kinds", error);
  JsonObjectIter iter;
  const char *name;

  if (kinds == NULL)
    return FALSE;
  json_object_iter_init (&iter, kinds);
  while (json_object_iter_next (&iter, &name, NULL))
    if (!read_kind (roster, name, kinds, error))
      return FALSE;
  return TRUE;
}

static AssayRoster *
read_header (JsonObject  *top,
             GError     **error)
{
  static const char *const members[] = {
    "v", "deployment", "version", "expires", "prev", "keys", "roles", "kinds", NULL
  };
  const char *deployment, *prev;
  gint64 v, version, expires;

  if (!_assay_payload_check_members (top, "", members, error)
      || !_assay_payload_get_int (top, "", "v", 1, 1, &v, error)
      || (deployment = _assay_payload_get_string (top, "", "deployment", MAX_NAME, error)) == NULL
      || !_assay_payload_get_int (top, "", "version", 1, MAX_INT, &version, error)
      || !_assay_payload_get_int (top, "", "expires", 1, MAX_INT, &expires, error)
      || (prev = _assay_payload_get_hex (top, "", "prev", 32, TRUE, error)) == NULL)
    return NULL;
  if ((version == 1) != (*prev == '\0'))
    {
      set_invalid (error, _("“prev” must be null for version 1 and only for version 1"));
      return NULL;
    }
  return assay_roster_new (deployment, version, expires, *prev != '\0' ? prev : NULL);
}

AssayRoster *
assay_roster_new_from_payload (GBytes  *payload,
                               GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(AssayRoster) roster = NULL;
  JsonObject *top;

  g_return_val_if_fail (payload != NULL, NULL);
  root = assay_canonical_json_parse (payload, error);
  if (root == NULL)
    return NULL;
  top = json_node_get_object (root);
  if ((roster = read_header (top, error)) == NULL
      || !read_keys (roster, top, error)
      || !read_roles (roster, top, error)
      || !read_kinds (roster, top, error))
    return NULL;
  roster->payload = g_bytes_ref (payload);
  roster->sha256 = _assay_payload_hash (payload);
  return g_steal_pointer (&roster);
}
