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

#include "assay-dsse.h"
#include "assay-error.h"

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

/* Strict base64: decodes only what re-encodes to the same text. */
static GBytes *
decode_base64 (const char *text)
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
      || (payload = decode_base64 (json_node_get_string (node))) == NULL)
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
          || (sig_bytes = decode_base64 (json_node_get_string (sig))) == NULL)
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

/* Canonical JSON: parse, re-encode, compare. */

#define MAX_DEPTH 64
#define MAX_SAFE_INTEGER G_GINT64_CONSTANT (9007199254740991)

typedef struct
{
  const char *p, *end;
  const char *problem;   /* untranslated reason, for the message */
} Scan;

static void
skip_ws (Scan *s)
{
  while (s->p < s->end && strchr (" \t\n\r", *s->p) != NULL && *s->p != '\0')
    s->p++;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Scan *s, guint *out)
{
  guint v = 0;

  if (s->end - s->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int h = hex_value (s->p[i]);
      if (h < 0)
        return FALSE;
      v = (v << 4) | h;
    }
  s->p += 4;
  *out = v;
  return TRUE;
}

/* Decodes a string at s->p (on the opening quote) into UTF-8, which may
 * hold NUL bytes (from \u0000); its length in @out_len. */
static char *
parse_string (Scan  *s,
              gsize *out_len)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *start;

  s->p++;
  start = s->p;
  while (s->p < s->end && *s->p != '"')
    {
      guchar c = *s->p;

      if (c < 0x20)
        {
          s->problem = N_("a control character in a string");
          return NULL;
        }
      if (c != '\\')
        {
          g_string_append_c (out, c);
          s->p++;
          continue;
        }
      s->p++;
      if (s->p >= s->end)
        break;
      c = *s->p++;
      switch (c)
        {
        case '"': g_string_append_c (out, '"'); break;
        case '\\': g_string_append_c (out, '\\'); break;
        case '/': g_string_append_c (out, '/'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            guint u, lo;

            if (!read_hex4 (s, &u))
              goto bad_escape;
            if (u >= 0xdc00 && u <= 0xdfff)
              goto bad_escape;
            if (u >= 0xd800 && u <= 0xdbff)
              {
                if (s->end - s->p < 6 || s->p[0] != '\\' || s->p[1] != 'u')
                  goto bad_escape;
                s->p += 2;
                if (!read_hex4 (s, &lo) || lo < 0xdc00 || lo > 0xdfff)
                  goto bad_escape;
                u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
              }
            g_string_append_unichar (out, u);
            break;
          }
        default:
          goto bad_escape;
        }
    }
  if (s->p >= s->end)
    {
      s->problem = N_("an unterminated string");
      return NULL;
    }
  /* The raw bytes: escapes are ASCII and decode to valid UTF-8, and the
   * raw span holds no NUL (control characters are refused above). */
  if (!g_utf8_validate_len (start, s->p - start, NULL))
    {
      s->problem = N_("a string that is not UTF-8");
      return NULL;
    }
  s->p++;
  *out_len = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);

bad_escape:
  s->problem = N_("an invalid escape in a string");
  return NULL;
}

/* RFC 8785 string escaping. */
static void
encode_string (GString    *out,
               const char *str,
               gsize       len)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      guchar c = str[i];

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

typedef struct
{
  char      *key;
  gsize      key_len;
  gunichar2 *utf16;
  glong      utf16_len;
  GString   *value;
} Member;

static void
member_clear (Member *m)
{
  g_free (m->key);
  g_free (m->utf16);
  if (m->value != NULL)
    g_string_free (m->value, TRUE);
}

static int
member_compare (gconstpointer a,
                gconstpointer b)
{
  const Member *x = a, *y = b;
  glong n = MIN (x->utf16_len, y->utf16_len);

  for (glong i = 0; i < n; i++)
    if (x->utf16[i] != y->utf16[i])
      return x->utf16[i] < y->utf16[i] ? -1 : 1;
  return x->utf16_len < y->utf16_len ? -1 : x->utf16_len > y->utf16_len;
}

static gboolean parse_value (Scan *s, GString *out, int depth);

static gboolean
parse_object (Scan    *s,
              GString *out,
              int      depth)
{
  g_autoptr(GArray) members = g_array_new (FALSE, TRUE, sizeof (Member));
  gboolean ok = FALSE;

  g_array_set_clear_func (members, (GDestroyNotify) member_clear);
  s->p++;
  skip_ws (s);
  if (s->p < s->end && *s->p == '}')
    {
      s->p++;
      g_string_append (out, "{}");
      return TRUE;
    }
  for (;;)
    {
      Member m = { NULL };

      skip_ws (s);
      if (s->p >= s->end || *s->p != '"')
        {
          s->problem = N_("a malformed object");
          return FALSE;
        }
      m.key = parse_string (s, &m.key_len);
      if (m.key == NULL)
        return FALSE;
      m.utf16 = g_utf8_to_utf16 (m.key, -1, NULL, &m.utf16_len, NULL);
      m.value = g_string_new (NULL);
      g_array_append_val (members, m);
      if (m.utf16 == NULL || memchr (m.key, '\0', m.key_len) != NULL)
        {
          s->problem = N_("a malformed object");
          return FALSE;
        }
      skip_ws (s);
      if (s->p >= s->end || *s->p != ':')
        {
          s->problem = N_("a malformed object");
          return FALSE;
        }
      s->p++;
      if (!parse_value (s, m.value, depth + 1))
        return FALSE;
      skip_ws (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          continue;
        }
      if (s->p < s->end && *s->p == '}')
        {
          s->p++;
          break;
        }
      s->problem = N_("a malformed object");
      return FALSE;
    }
  g_array_sort (members, member_compare);
  g_string_append_c (out, '{');
  for (guint i = 0; i < members->len; i++)
    {
      Member *m = &g_array_index (members, Member, i);

      if (i > 0 && member_compare (m, m - 1) == 0)
        {
          s->problem = N_("a duplicate key");
          goto out;
        }
      if (i > 0)
        g_string_append_c (out, ',');
      encode_string (out, m->key, m->key_len);
      g_string_append_c (out, ':');
      g_string_append_len (out, m->value->str, m->value->len);
    }
  g_string_append_c (out, '}');
  ok = TRUE;
out:
  return ok;
}

static gboolean
parse_value (Scan    *s,
             GString *out,
             int      depth)
{
  if (depth > MAX_DEPTH)
    {
      s->problem = N_("nesting too deep");
      return FALSE;
    }
  skip_ws (s);
  if (s->p >= s->end)
    {
      s->problem = N_("a missing value");
      return FALSE;
    }
  switch (*s->p)
    {
    case '{':
      return parse_object (s, out, depth);
    case '[':
      s->p++;
      g_string_append_c (out, '[');
      skip_ws (s);
      if (s->p < s->end && *s->p == ']')
        {
          s->p++;
          g_string_append_c (out, ']');
          return TRUE;
        }
      for (gboolean first = TRUE;; first = FALSE)
        {
          if (!first)
            g_string_append_c (out, ',');
          if (!parse_value (s, out, depth + 1))
            return FALSE;
          skip_ws (s);
          if (s->p < s->end && *s->p == ',')
            {
              s->p++;
              continue;
            }
          if (s->p < s->end && *s->p == ']')
            {
              s->p++;
              g_string_append_c (out, ']');
              return TRUE;
            }
          s->problem = N_("a malformed array");
          return FALSE;
        }
    case '"':
      {
        gsize len;
        g_autofree char *str = parse_string (s, &len);

        if (str == NULL)
          return FALSE;
        encode_string (out, str, len);
        return TRUE;
      }
    default:
      break;
    }
  for (const char *const *lit = (const char *const[]) { "true", "false", "null", NULL }; *lit; lit++)
    if ((gsize) (s->end - s->p) >= strlen (*lit) && strncmp (s->p, *lit, strlen (*lit)) == 0)
      {
        s->p += strlen (*lit);
        g_string_append (out, *lit);
        return TRUE;
      }
  if (*s->p == '-' || g_ascii_isdigit (*s->p))
    {
      const char *start = s->p;
      gboolean negative = *s->p == '-';
      guint64 v = 0;

      if (negative)
        s->p++;
      if (s->p >= s->end || !g_ascii_isdigit (*s->p))
        {
          s->problem = N_("a malformed number");
          return FALSE;
        }
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        {
          v = v * 10 + (*s->p++ - '0');
          if (v > (guint64) MAX_SAFE_INTEGER)
            {
              s->problem = N_("an integer out of range");
              return FALSE;
            }
        }
      if (s->p < s->end && (*s->p == '.' || *s->p == 'e' || *s->p == 'E'))
        {
          s->problem = N_("a number that is not an integer");
          return FALSE;
        }
      (void) start;
      if (negative && v != 0)
        g_string_append_c (out, '-');
      g_string_append_printf (out, "%" G_GUINT64_FORMAT, v);
      return TRUE;
    }
  s->problem = N_("an unexpected character");
  return FALSE;
}

gboolean
assay_dsse_check_canonical (GBytes  *payload,
                            GError **error)
{
  gsize len;
  const char *data = g_bytes_get_data (payload, &len);
  Scan s = { data, data + len, NULL };
  g_autoptr(GString) out = g_string_new (NULL);

  if (len == 0 || data[0] != '{')
    s.problem = N_("the payload is not a JSON object");
  else if (parse_value (&s, out, 0))
    {
      skip_ws (&s);
      if (s.p != s.end)
        s.problem = N_("trailing bytes after the value");
      else if (out->len != len || memcmp (out->str, data, len) != 0)
        s.problem = N_("it differs from its canonical form (key order, whitespace, number or string escaping)");
    }
  else if (s.problem == NULL)
    s.problem = N_("a malformed value");
  if (s.problem != NULL)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("the payload is not canonical JSON: %s"), _(s.problem));
      return FALSE;
    }
  return TRUE;
}
