/* assay-payload.c — strict reading of signed payload objects
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

#include "assay-hex.h"
#include "assay-enum.h"
#include "assay-error.h"
#include "assay-payload-private.h"
#include "assay-sha256.h"

char *
_assay_payload_path (const char *where,
                     const char *name)
{
  if (where == NULL || *where == '\0')
    return g_strdup (name);
  return g_strconcat (where, ".", name, NULL);
}

static void
set_malformed (GError     **error,
               const char  *where,
               const char  *name,
               const char  *what)
{
  g_autofree char *path = _assay_payload_path (where, name);

  /* Translators: the first %s is a member's path such as “roles.audit”,
   * the second what it should be. */
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
               _("malformed payload: “%s” is missing or is not %s"), path, what);
}

/* Refuses a member @obj has that @names does not list. */
gboolean
_assay_payload_check_known (JsonObject         *obj,
                            const char         *where,
                            const char * const *names,
                            GError            **error)
{
  JsonObjectIter iter;
  const char *key;

  json_object_iter_init (&iter, obj);
  while (json_object_iter_next (&iter, &key, NULL))
    if (!g_strv_contains (names, key))
      {
        g_autofree char *path = _assay_payload_path (where, key);

        g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                     _("malformed payload: unknown member “%s”"), path);
        return FALSE;
      }
  return TRUE;
}

gboolean
_assay_payload_check_members (JsonObject         *obj,
                              const char         *where,
                              const char * const *names,
                              GError            **error)
{
  if (!_assay_payload_check_known (obj, where, names, error))
    return FALSE;
  for (guint i = 0; names[i] != NULL; i++)
    if (!json_object_has_member (obj, names[i]))
      {
        g_autofree char *path = _assay_payload_path (where, names[i]);

        g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                     _("malformed payload: “%s” is missing"), path);
        return FALSE;
      }
  return TRUE;
}

gboolean
_assay_payload_get_int (JsonObject  *obj,
                        const char  *where,
                        const char  *name,
                        gint64       min,
                        gint64       max,
                        gint64      *out,
                        GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64
      || json_node_get_int (node) < min || json_node_get_int (node) > max)
    {
      g_autofree char *what = g_strdup_printf (_("an integer from %" PRId64
                                                 " to %" PRId64), min, max);

      set_malformed (error, where, name, what);
      return FALSE;
    }
  *out = json_node_get_int (node);
  return TRUE;
}

const char *
_assay_payload_get_string (JsonObject  *obj,
                           const char  *where,
                           const char  *name,
                           gsize        max_len,
                           GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);
  const char *str;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING
      || *(str = json_node_get_string (node)) == '\0' || strlen (str) > max_len)
    {
      g_autofree char *what = g_strdup_printf (_("a non-empty string of at most %zu bytes"), max_len);

      set_malformed (error, where, name, what);
      return NULL;
    }
  return str;
}

gboolean
_assay_payload_is_hex (const char *text,
                       gsize       n_bytes)
{
  return strlen (text) == 2 * n_bytes && strspn (text, "0123456789abcdef") == 2 * n_bytes;
}

const char *
_assay_payload_get_hex (JsonObject  *obj,
                        const char  *where,
                        const char  *name,
                        gsize        n_bytes,
                        gboolean     nullable,
                        GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (nullable && node != NULL && JSON_NODE_HOLDS_NULL (node))
    return "";
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING
      || !_assay_payload_is_hex (json_node_get_string (node), n_bytes))
    {
      g_autofree char *what = g_strdup_printf (nullable
                                               ? _("null or %zu bytes in lower-case hex")
                                               : _("%zu bytes in lower-case hex"),
                                               n_bytes);

      set_malformed (error, where, name, what);
      return NULL;
    }
  return json_node_get_string (node);
}

GBytes *
_assay_payload_decode_base64 (const char *text)
{
  gsize len;
  g_autofree guint8 *data = NULL;
  g_autofree char *again = NULL;

  if (strlen (text) % 4 != 0
      || strspn (text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
         != strlen (text))
    return NULL;
  data = g_base64_decode (text, &len);
  again = g_base64_encode (data, len);
  if (strcmp (again, text) != 0)
    return NULL;
  return g_bytes_new (data, len);
}

gboolean
_assay_payload_get_base64 (JsonObject  *obj,
                           const char  *where,
                           const char  *name,
                           guint8      *out,
                           gsize        len,
                           GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);
  g_autoptr(GBytes) bytes = NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING
      || (bytes = _assay_payload_decode_base64 (json_node_get_string (node))) == NULL
      || g_bytes_get_size (bytes) != len)
    {
      g_autofree char *what = g_strdup_printf (_("%zu bytes in base64"), len);

      set_malformed (error, where, name, what);
      return FALSE;
    }
  memcpy (out, g_bytes_get_data (bytes, NULL), len);
  return TRUE;
}

static char *
list_nicks (GType enum_type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", klass->values[i].value_nick);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

gboolean
_assay_payload_get_nick (JsonObject  *obj,
                         const char  *where,
                         const char  *name,
                         GType        enum_type,
                         int         *out,
                         GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING
      || !assay_enum_from_nick (enum_type, json_node_get_string (node), out))
    {
      g_autofree char *nicks = list_nicks (enum_type);
      g_autofree char *what = g_strdup_printf (_("one of %s"), nicks);

      set_malformed (error, where, name, what);
      return FALSE;
    }
  return TRUE;
}

JsonObject *
_assay_payload_get_object (JsonObject  *obj,
                           const char  *where,
                           const char  *name,
                           GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      set_malformed (error, where, name, _("an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

JsonArray *
_assay_payload_get_array (JsonObject  *obj,
                          const char  *where,
                          const char  *name,
                          GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      set_malformed (error, where, name, _("an array"));
      return NULL;
    }
  return json_node_get_array (node);
}

char *
_assay_payload_hash (GBytes *bytes)
{
  guint8 hash[ASSAY_SHA256_SIZE];
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  assay_sha256 (data, len, hash);
  return assay_hex_encode (hash, sizeof hash);
}

char *
_assay_payload_format_time (gint64 time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);

  return dt != NULL ? g_date_time_format_iso8601 (dt) : g_strdup_printf ("%" G_GINT64_FORMAT, time);
}

void
_assay_payload_add_int (JsonBuilder *builder,
                        const char  *name,
                        gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
_assay_payload_add_string (JsonBuilder *builder,
                           const char  *name,
                           const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
_assay_payload_set_refused (GError    **error,
                            const char *format,
                            ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION, message);
}
