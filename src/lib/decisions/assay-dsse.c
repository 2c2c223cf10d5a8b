/* assay-dsse.c — the DSSE envelope: PAE, signatures, canonical payloads
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
#include <json-glib/json-glib.h>
#include <sodium.h>
#include <string.h>

#include "assay-canonical-json.h"
#include "assay-dsse.h"
#include "assay-error.h"
#include "assay-payload-private.h"

GBytes *
assay_dsse_pae (const char *payload_type,
                GBytes     *payload)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (payload, &len);
  GString *s = g_string_new ("DSSEv1 ");

  g_string_append_printf (s, "%" G_GSIZE_FORMAT " %s %" G_GSIZE_FORMAT " ",
                          strlen (payload_type), payload_type, len);
  g_string_append_len (s, (const char *) data, len);
  return g_string_free_to_bytes (s);
}

static void
signature_free (gpointer p)
{
  AssayDsseSignature *sig = p;

  g_free (sig->keyid);
  g_bytes_unref (sig->sig);
  g_free (sig);
}

AssayDsseEnvelope *
assay_dsse_envelope_new (const char *payload_type,
                         GBytes     *payload)
{
  AssayDsseEnvelope *env = g_new0 (AssayDsseEnvelope, 1);

  env->payload_type = g_strdup (payload_type);
  env->payload = g_bytes_ref (payload);
  env->signatures = g_ptr_array_new_with_free_func (signature_free);
  return env;
}

void
assay_dsse_envelope_free (AssayDsseEnvelope *env)
{
  if (env == NULL)
    return;
  g_free (env->payload_type);
  g_bytes_unref (env->payload);
  g_ptr_array_unref (env->signatures);
  g_free (env);
}

static void
add_signature (AssayDsseEnvelope *env,
               const char        *keyid,
               GBytes            *sig)
{
  AssayDsseSignature *s = g_new0 (AssayDsseSignature, 1);

  s->keyid = g_strdup (keyid);
  s->sig = g_bytes_ref (sig);
  g_ptr_array_add (env->signatures, s);
}

void
assay_dsse_envelope_sign (AssayDsseEnvelope *env,
                          AssayKeyFile      *key)
{
  g_autoptr(GBytes) pae = assay_dsse_pae (env->payload_type, env->payload);
  g_autofree char *keyid = assay_key_id (assay_key_file_get_public_key (key));
  guint8 sig[ASSAY_KEY_SIGNATURE_SIZE];
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (pae, &len);

  assay_key_file_sign (key, data, len, sig);
  bytes = g_bytes_new (sig, sizeof sig);
  add_signature (env, keyid, bytes);
}

AssayDsseEnvelope *
assay_dsse_envelope_new_signed (const char          *payload_type,
                                GBytes              *payload,
                                AssayKeyFile *const *keys,
                                guint                n_keys)
{
  AssayDsseEnvelope *env = assay_dsse_envelope_new (payload_type, payload);

  for (guint i = 0; i < n_keys; i++)
    assay_dsse_envelope_sign (env, keys[i]);
  return env;
}

char *
assay_dsse_envelope_to_json (AssayDsseEnvelope *env)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *payload = NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (env->payload, &len);

  payload = g_base64_encode (data, len);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "payloadType");
  json_builder_add_string_value (b, env->payload_type);
  json_builder_set_member_name (b, "payload");
  json_builder_add_string_value (b, payload);
  json_builder_set_member_name (b, "signatures");
  json_builder_begin_array (b);
  for (guint i = 0; i < env->signatures->len; i++)
    {
      AssayDsseSignature *s = g_ptr_array_index (env->signatures, i);
      const guint8 *sd = g_bytes_get_data (s->sig, &len);
      g_autofree char *sig = g_base64_encode (sd, len);

      json_builder_begin_object (b);
      if (s->keyid != NULL)
        {
          json_builder_set_member_name (b, "keyid");
          json_builder_add_string_value (b, s->keyid);
        }
      json_builder_set_member_name (b, "sig");
      json_builder_add_string_value (b, sig);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static void
set_bad_envelope (GError    **error,
                  const char *what)
{
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
               _("not a DSSE envelope: %s"), what);
}

AssayDsseEnvelope *
assay_dsse_envelope_new_from_json (const char  *json,
                                   gssize       length,
                                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  g_autoptr(AssayDsseEnvelope) env = NULL;
  g_autoptr(GBytes) payload = NULL;
  JsonObject *obj;
  JsonArray *sigs;
  JsonNode *node;

  if ((length < 0 ? strlen (json) : (gsize) length) > ASSAY_DSSE_MAX_ENVELOPE_SIZE)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("the envelope is larger than %d KiB"), ASSAY_DSSE_MAX_ENVELOPE_SIZE / 1024);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, json, length, &local))
    {
      set_bad_envelope (error, local->message);
      return NULL;
    }
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      set_bad_envelope (error, _("not a JSON object"));
      return NULL;
    }
  obj = json_node_get_object (node);
  node = json_object_get_member (obj, "payloadType");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_bad_envelope (error, _("“payloadType” is missing or not a string"));
      return NULL;
    }
  node = json_object_get_member (obj, "payload");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING
      || (payload = _assay_payload_decode_base64 (json_node_get_string (node))) == NULL)
    {
      set_bad_envelope (error, _("“payload” is missing or not base64"));
      return NULL;
    }
  env = assay_dsse_envelope_new (json_object_get_string_member (obj, "payloadType"), payload);
  node = json_object_get_member (obj, "signatures");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      set_bad_envelope (error, _("“signatures” is missing or not an array"));
      return NULL;
    }
  sigs = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (sigs); i++)
    {
      JsonNode *el = json_array_get_element (sigs, i);
      JsonObject *so;
      JsonNode *keyid, *sig;
      g_autoptr(GBytes) sig_bytes = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        {
          set_bad_envelope (error, _("a signature is not an object"));
          return NULL;
        }
      so = json_node_get_object (el);
      keyid = json_object_get_member (so, "keyid");
      sig = json_object_get_member (so, "sig");
      if ((keyid != NULL && json_node_get_value_type (keyid) != G_TYPE_STRING)
          || sig == NULL || json_node_get_value_type (sig) != G_TYPE_STRING
          || (sig_bytes = _assay_payload_decode_base64 (json_node_get_string (sig))) == NULL)
        {
          set_bad_envelope (error, _("a signature’s “keyid” or “sig” is malformed"));
          return NULL;
        }
      add_signature (env, keyid != NULL ? json_node_get_string (keyid) : NULL, sig_bytes);
    }
  return g_steal_pointer (&env);
}

gboolean
assay_dsse_envelope_verify (AssayDsseEnvelope *env,
                            guint              index,
                            const guint8       public_key[ASSAY_KEY_PUBLIC_KEY_SIZE],
                            GError           **error)
{
  g_autoptr(GBytes) pae = NULL;
  AssayDsseSignature *s;
  gsize len, sig_len;
  const guint8 *data, *sig;

  g_return_val_if_fail (index < env->signatures->len, FALSE);
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_FAILED,
                           _("libsodium could not be initialised"));
      return FALSE;
    }
  s = g_ptr_array_index (env->signatures, index);
  pae = assay_dsse_pae (env->payload_type, env->payload);
  data = g_bytes_get_data (pae, &len);
  sig = g_bytes_get_data (s->sig, &sig_len);
  if (sig_len != crypto_sign_BYTES
      || crypto_sign_verify_detached (sig, data, len, public_key) != 0)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                           _("the signature does not verify"));
      return FALSE;
    }
  return TRUE;
}

gboolean
assay_dsse_check_canonical (GBytes  *payload,
                            GError **error)
{
  return assay_canonical_json_check (payload, error);
}
