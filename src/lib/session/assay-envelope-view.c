/* assay-envelope-view.c — a logged DSSE envelope decoded for display
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
#include <json-glib/json-glib.h>

#include "assay-envelope-view.h"
#include "assay-error.h"

static char *
payload_text (const guint8 *data,
              gsize         len)
{
  g_autoptr(JsonNode) node = NULL;

  if (!g_utf8_validate ((const char *) data, len, NULL))
    /* Translators: a signed payload that is not text, "(120 bytes, not text)". */
    return g_strdup_printf (_("(%zu bytes, not text)"), len);
  node = json_from_string ((const char *) data, NULL);
  if (node == NULL)
    return g_strndup ((const char *) data, len);
  return json_to_string (node, TRUE);
}

static GStrv
read_keyids (JsonObject *envelope)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (envelope, "signatures");
  JsonArray *signatures = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  guint n = signatures != NULL ? json_array_get_length (signatures) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (signatures, i);
      JsonObject *sig = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *keyid = sig != NULL ? json_object_get_string_member_with_default (sig, "keyid", NULL)
                                      : NULL;

      if (keyid != NULL)
        g_strv_builder_add (builder, keyid);
    }
  return g_strv_builder_end (builder);
}

AssayEnvelopeView *
assay_envelope_view_new (const char  *envelope,
                         GError     **error)
{
  g_autoptr(AssayEnvelopeView) view = g_new0 (AssayEnvelopeView, 1);
  g_autoptr(JsonNode) node = NULL;
  g_autofree guint8 *payload = NULL;
  JsonObject *obj;
  const char *type, *encoded;
  gsize len = 0;

  g_return_val_if_fail (envelope != NULL, NULL);

  node = json_from_string (envelope, NULL);
  obj = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  type = obj != NULL ? json_object_get_string_member_with_default (obj, "payloadType", NULL) : NULL;
  encoded = obj != NULL ? json_object_get_string_member_with_default (obj, "payload", NULL) : NULL;
  if (type == NULL || encoded == NULL)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The entry's envelope is not a DSSE envelope."));
      return NULL;
    }
  view->payload_type = g_strdup (type);
  /* The ledger has checked the base64 already. */
  payload = g_base64_decode (encoded, &len);
  view->payload = payload_text (payload, len);
  view->keyids = read_keyids (obj);
  return g_steal_pointer (&view);
}

void
assay_envelope_view_free (AssayEnvelopeView *view)
{
  if (view == NULL)
    return;
  g_free (view->payload_type);
  g_strfreev (view->keyids);
  g_free (view->payload);
  g_free (view);
}
