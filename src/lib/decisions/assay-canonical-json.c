/* assay-canonical-json.c — canonical JSON: one byte string per value
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
#include <string.h>

#include "assay-canonical-json.h"
#include "assay-error.h"

#define MAX_DEPTH 64

/* Checking and parsing: the scanner below re-encodes what it reads; the
 * caller compares the result with the input byte for byte.  When it also
 * builds nodes (@node not NULL), the payload is parsed by the same pass. */

typedef struct
{
  const char *p, *end;
  const char *problem;   /* untranslated reason, for the message */
  gboolean    build;     /* also build JsonNodes */
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

/* One object member while its object is sorted (RFC 8785 §3.2.3: by the
 * key's UTF-16 code units). */
typedef struct
{
  char      *key;
  gsize      key_len;
  gunichar2 *utf16;
  glong      utf16_len;
  GString   *value;
  JsonNode  *node;
} Member;

static void
member_clear (Member *m)
{
  g_free (m->key);
  g_free (m->utf16);
  if (m->value != NULL)
    g_string_free (m->value, TRUE);
  g_clear_pointer (&m->node, json_node_unref);
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

static GArray *
members_new (void)
{
  GArray *members = g_array_new (FALSE, TRUE, sizeof (Member));

  g_array_set_clear_func (members, (GDestroyNotify) member_clear);
  return members;
}

/* Sorts @members and writes them to @out; FALSE on a duplicate key. */
static gboolean
write_members (GArray  *members,
               GString *out)
{
  g_array_sort (members, member_compare);
  g_string_append_c (out, '{');
  for (guint i = 0; i < members->len; i++)
    {
      Member *m = &g_array_index (members, Member, i);

      if (i > 0 && member_compare (m, m - 1) == 0)
        return FALSE;
      if (i > 0)
        g_string_append_c (out, ',');
      encode_string (out, m->key, m->key_len);
      g_string_append_c (out, ':');
      g_string_append_len (out, m->value->str, m->value->len);
    }
  g_string_append_c (out, '}');
  return TRUE;
}

static JsonNode *
object_node (GArray *members)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_init_object (json_node_alloc (), obj);

  for (guint i = 0; i < members->len; i++)
    {
      Member *m = &g_array_index (members, Member, i);

      json_object_set_member (obj, m->key, g_steal_pointer (&m->node));
    }
  json_object_unref (obj);
  return node;
}

static gboolean parse_value (Scan *s, GString *out, JsonNode **node, int depth);

static gboolean
parse_member (Scan    *s,
              GArray  *members,
              int      depth)
{
  Member m = { NULL };
  Member *added;

  skip_ws (s);
  if (s->p >= s->end || *s->p != '"')
    return FALSE;
  m.key = parse_string (s, &m.key_len);
  if (m.key == NULL)
    return FALSE;
  m.utf16 = g_utf8_to_utf16 (m.key, -1, NULL, &m.utf16_len, NULL);
  m.value = g_string_new (NULL);
  g_array_append_val (members, m);
  added = &g_array_index (members, Member, members->len - 1);
  if (m.utf16 == NULL || memchr (m.key, '\0', m.key_len) != NULL)
    return FALSE;
  skip_ws (s);
  if (s->p >= s->end || *s->p != ':')
    return FALSE;
  s->p++;
  return parse_value (s, added->value, s->build ? &added->node : NULL, depth + 1);
}

static gboolean
parse_object (Scan      *s,
              GString   *out,
              JsonNode **node,
              int        depth)
{
  g_autoptr(GArray) members = members_new ();

  s->p++;
  skip_ws (s);
  if (s->p < s->end && *s->p == '}')
    s->p++;
  else
    for (;;)
      {
        if (!parse_member (s, members, depth))
          {
            if (s->problem == NULL)
              s->problem = N_("a malformed object");
            return FALSE;
          }
        skip_ws (s);
        if (s->p < s->end && (*s->p == ',' || *s->p == '}'))
          {
            if (*s->p++ == '}')
              break;
            continue;
          }
        s->problem = N_("a malformed object");
        return FALSE;
      }
  if (!write_members (members, out))
    {
      s->problem = N_("a duplicate key");
      return FALSE;
    }
  if (node != NULL)
    *node = object_node (members);
  return TRUE;
}

static gboolean
parse_array (Scan      *s,
             GString   *out,
             JsonNode **node,
             int        depth)
{
  g_autoptr(JsonArray) array = json_array_new ();

  s->p++;
  g_string_append_c (out, '[');
  skip_ws (s);
  if (s->p < s->end && *s->p == ']')
    s->p++;
  else
    for (gboolean first = TRUE;; first = FALSE)
      {
        JsonNode *el = NULL;

        if (!first)
          g_string_append_c (out, ',');
        if (!parse_value (s, out, node != NULL ? &el : NULL, depth + 1))
          return FALSE;
        if (el != NULL)
          json_array_add_element (array, el);
        skip_ws (s);
        if (s->p < s->end && (*s->p == ',' || *s->p == ']'))
          {
            if (*s->p++ == ']')
              break;
            continue;
          }
        s->problem = N_("a malformed array");
        return FALSE;
      }
  g_string_append_c (out, ']');
  if (node != NULL)
    *node = json_node_init_array (json_node_alloc (), array);
  return TRUE;
}

static gboolean
parse_string_value (Scan      *s,
                    GString   *out,
                    JsonNode **node)
{
  gsize len;
  g_autofree char *str = parse_string (s, &len);

  if (str == NULL)
    return FALSE;
  encode_string (out, str, len);
  if (node == NULL)
    return TRUE;
  if (memchr (str, '\0', len) != NULL)
    {
      s->problem = N_("a string holding U+0000");
      return FALSE;
    }
  *node = json_node_init_string (json_node_alloc (), str);
  return TRUE;
}

static gboolean
parse_literal (Scan      *s,
               GString   *out,
               JsonNode **node)
{
  static const char *const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i]);

      if ((gsize) (s->end - s->p) < n || strncmp (s->p, literals[i], n) != 0)
        continue;
      s->p += n;
      g_string_append (out, literals[i]);
      if (node != NULL && i < 2)
        *node = json_node_init_boolean (json_node_alloc (), i == 0);
      else if (node != NULL)
        *node = json_node_init_null (json_node_alloc ());
      return TRUE;
    }
  return FALSE;
}

static gboolean
parse_integer (Scan      *s,
               GString   *out,
               JsonNode **node)
{
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
      if (v > (guint64) ASSAY_CANONICAL_JSON_MAX_INTEGER)
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
  if (negative && v != 0)
    g_string_append_c (out, '-');
  g_string_append_printf (out, "%" G_GUINT64_FORMAT, v);
  if (node != NULL)
    *node = json_node_init_int (json_node_alloc (), negative ? -(gint64) v : (gint64) v);
  return TRUE;
}

static gboolean
parse_value (Scan      *s,
             GString   *out,
             JsonNode **node,
             int        depth)
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
  if (*s->p == '{')
    return parse_object (s, out, node, depth);
  if (*s->p == '[')
    return parse_array (s, out, node, depth);
  if (*s->p == '"')
    return parse_string_value (s, out, node);
  if (parse_literal (s, out, node))
    return TRUE;
  if (*s->p == '-' || g_ascii_isdigit (*s->p))
    return parse_integer (s, out, node);
  s->problem = N_("an unexpected character");
  return FALSE;
}

/* Parses and compares; the root node in @node when it is not NULL. */
static gboolean
scan_payload (GBytes    *payload,
              JsonNode **node,
              GError   **error)
{
  gsize len;
  const char *data = g_bytes_get_data (payload, &len);
  Scan s = { data, data + len, NULL, node != NULL };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonNode) root = NULL;

  if (len == 0 || data[0] != '{')
    s.problem = N_("the payload is not a JSON object");
  else if (parse_value (&s, out, node != NULL ? &root : NULL, 0))
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
  if (node != NULL)
    *node = g_steal_pointer (&root);
  return TRUE;
}

/* Encoding a JsonNode. */

static gboolean encode_node (GString *out, JsonNode *node, int depth, const char **problem);

static gboolean
encode_object (GString     *out,
               JsonObject  *obj,
               int          depth,
               const char **problem)
{
  g_autoptr(GArray) members = members_new ();
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  json_object_iter_init (&iter, obj);
  while (json_object_iter_next (&iter, &key, &value))
    {
      Member m = { g_strdup (key), strlen (key), NULL, 0, g_string_new (NULL), NULL };

      m.utf16 = g_utf8_to_utf16 (key, -1, NULL, &m.utf16_len, NULL);
      g_array_append_val (members, m);
      if (m.utf16 == NULL)
        {
          *problem = N_("a string that is not UTF-8");
          return FALSE;
        }
      if (!encode_node (m.value, value, depth + 1, problem))
        return FALSE;
    }
  /* json-glib keeps one value per key, so no duplicate can appear. */
  return write_members (members, out);
}

static gboolean
encode_scalar (GString     *out,
               JsonNode    *node,
               const char **problem)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_INT64)
    {
      gint64 v = json_node_get_int (node);

      if (v > ASSAY_CANONICAL_JSON_MAX_INTEGER || v < -ASSAY_CANONICAL_JSON_MAX_INTEGER)
        {
          *problem = N_("an integer out of range");
          return FALSE;
        }
      g_string_append_printf (out, "%" G_GINT64_FORMAT, v);
    }
  else if (type == G_TYPE_STRING)
    {
      const char *str = json_node_get_string (node);

      if (!g_utf8_validate (str, -1, NULL))
        {
          *problem = N_("a string that is not UTF-8");
          return FALSE;
        }
      encode_string (out, str, strlen (str));
    }
  else
    {
      *problem = N_("a number that is not an integer");
      return FALSE;
    }
  return TRUE;
}

static gboolean
encode_node (GString     *out,
             JsonNode    *node,
             int          depth,
             const char **problem)
{
  if (depth > MAX_DEPTH)
    {
      *problem = N_("nesting too deep");
      return FALSE;
    }
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return encode_object (out, json_node_get_object (node), depth, problem);
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            if (!encode_node (out, json_array_get_element (array, i), depth + 1, problem))
              return FALSE;
          }
        g_string_append_c (out, ']');
        return TRUE;
      }
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      return TRUE;
    case JSON_NODE_VALUE:
    default:
      return encode_scalar (out, node, problem);
    }
}

GBytes *
assay_canonical_json_encode (JsonNode  *node,
                             GError   **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *problem = NULL;

  g_return_val_if_fail (node != NULL, NULL);
  if (!encode_node (out, node, 0, &problem))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("the value cannot be written as canonical JSON: %s"), _(problem));
      return NULL;
    }
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

JsonNode *
assay_canonical_json_parse (GBytes  *payload,
                            GError **error)
{
  JsonNode *node = NULL;

  g_return_val_if_fail (payload != NULL, NULL);
  if (!scan_payload (payload, &node, error))
    return NULL;
  return node;
}

gboolean
assay_canonical_json_check (GBytes  *payload,
                            GError **error)
{
  g_return_val_if_fail (payload != NULL, FALSE);
  return scan_payload (payload, NULL, error);
}
