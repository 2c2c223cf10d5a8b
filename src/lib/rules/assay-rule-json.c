/* assay-rule-json.c — a strict JSON tree for rule set documents
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
#include <math.h>
#include <string.h>

#include "assay-error.h"
#include "assay-rule-json-private.h"

typedef struct
{
  AssayJsonScanner  scanner;
  const char       *data;
  GString          *path;
} Parser;

static const char *
scan_error_reason (AssayJsonScanError error)
{
  switch (error)
    {
    case ASSAY_JSON_SCAN_TRUNCATED: return _("the text ends too early");
    case ASSAY_JSON_SCAN_UNEXPECTED: return _("unexpected character");
    case ASSAY_JSON_SCAN_NUMBER: return _("malformed number");
    case ASSAY_JSON_SCAN_CONTROL: return _("unescaped control character in a string");
    case ASSAY_JSON_SCAN_ESCAPE: return _("invalid escape sequence");
    case ASSAY_JSON_SCAN_SURROGATE: return _("unpaired UTF-16 surrogate in a \\u escape");
    case ASSAY_JSON_SCAN_UTF8: return _("invalid UTF-8");
    case ASSAY_JSON_SCAN_DEPTH: return _("nested too deeply");
    case ASSAY_JSON_SCAN_TRAILING: return _("extra data after the end of the object");
    case ASSAY_JSON_SCAN_ARENA:
    case ASSAY_JSON_SCAN_OK:
    default:
      return _("internal error");
    }
}

static void
line_and_column (const char *data,
                 gsize       offset,
                 guint      *line,
                 guint      *column)
{
  *line = 1;
  *column = 1;
  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else
        (*column)++;
    }
}

static gboolean
syntax_error (Parser  *self,
              GError **error)
{
  guint line, column;

  line_and_column (self->data, self->scanner.error_offset, &line, &column);
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
               _("The rule set is not strict JSON (RFC 8259): %s at line %u, column %u. "
                 "Fix the file; comments, a byte order mark, NaN and trailing commas are not allowed."),
               scan_error_reason (self->scanner.error), line, column);
  return FALSE;
}

static char *
token_dup (const AssayJsonToken *token)
{
  return g_strndup (token->str, token->len);
}

static gboolean
check_string (Parser               *self,
              const AssayJsonToken *token,
              GError              **error)
{
  if (memchr (token->str, '\0', token->len) == NULL)
    return TRUE;
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
               _("Rule set, %s: a string holds a NUL character (\\u0000). Remove it."),
               self->path->len > 0 ? self->path->str : "$");
  return FALSE;
}

static gboolean parse_value (Parser         *self,
                             guint           depth,
                             AssayRuleJson **out,
                             GError        **error);

static gboolean
parse_items (Parser        *self,
             AssayRuleJson *node,
             guint          depth,
             GError       **error)
{
  gboolean array = node->type == ASSAY_JSON_ARRAY;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) _assay_rule_json_free);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean more = FALSE;
  gboolean ok = TRUE;

  if (!assay_json_scanner_enter (&self->scanner, array, &more))
    return syntax_error (self, error);
  while (ok && more)
    {
      gsize path_len = self->path->len;
      AssayRuleJson *item = NULL;

      if (array)
        g_string_append_printf (self->path, "[%u]", items->len);
      else
        {
          AssayJsonToken key;

          if (!assay_json_scanner_key (&self->scanner, &key))
            return syntax_error (self, error);
          if (!check_string (self, &key, error))
            return FALSE;
          g_ptr_array_add (keys, token_dup (&key));
          g_string_append_printf (self->path, "%s%s", path_len > 0 ? "." : "",
                                  (char *) keys->pdata[keys->len - 1]);
          if (!g_hash_table_add (seen, keys->pdata[keys->len - 1]))
            {
              g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                           _("Rule set, %s: the member is given twice. Keep one of them."), self->path->str);
              return FALSE;
            }
        }
      ok = parse_value (self, depth + 1, &item, error);
      if (ok)
        {
          g_ptr_array_add (items, item);
          g_string_truncate (self->path, path_len);
          if (!assay_json_scanner_next (&self->scanner, array, &more))
            return syntax_error (self, error);
        }
    }
  if (!ok)
    return FALSE;
  node->n_items = items->len;
  node->items = (AssayRuleJson **) g_ptr_array_free (g_steal_pointer (&items), FALSE);
  if (!array)
    {
      g_ptr_array_set_free_func (keys, NULL);
      node->keys = (char **) g_ptr_array_free (g_steal_pointer (&keys), FALSE);
    }
  return TRUE;
}

static gboolean
parse_number (Parser               *self,
              AssayRuleJson        *node,
              const AssayJsonToken *token,
              GError              **error)
{
  node->str = token_dup (token);
  node->integer = token->integer;
  node->number = g_ascii_strtod (node->str, NULL);
  if (isfinite (node->number))
    return TRUE;
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
               _("Rule set, %s: the number %s is too large for a double. Write a smaller number."),
               self->path->len > 0 ? self->path->str : "$", node->str);
  return FALSE;
}

static gboolean
parse_value (Parser         *self,
             guint           depth,
             AssayRuleJson **out,
             GError        **error)
{
  g_autoptr(AssayRuleJson) node = g_new0 (AssayRuleJson, 1);
  AssayJsonToken token;

  if (!assay_json_scanner_value (&self->scanner, &token))
    return syntax_error (self, error);
  node->type = token.type;
  if (token.type == ASSAY_JSON_OBJECT || token.type == ASSAY_JSON_ARRAY)
    {
      if (depth >= ASSAY_RULE_JSON_MAX_DEPTH)
        {
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                       _("Rule set, %s: objects and arrays are nested more than %u deep. "
                         "Simplify the condition."),
                       self->path->len > 0 ? self->path->str : "$", ASSAY_RULE_JSON_MAX_DEPTH);
          return FALSE;
        }
      if (!parse_items (self, node, depth, error))
        return FALSE;
    }
  else if (token.type == ASSAY_JSON_STRING)
    {
      if (!check_string (self, &token, error))
        return FALSE;
      node->str = token_dup (&token);
    }
  else if (token.type == ASSAY_JSON_NUMBER && !parse_number (self, node, &token, error))
    return FALSE;
  *out = g_steal_pointer (&node);
  return TRUE;
}

AssayRuleJson *
_assay_rule_json_parse (const char  *data,
                        gsize        len,
                        GError     **error)
{
  g_autofree char *arena = g_malloc (len + 1);
  g_autoptr(GString) path = g_string_new (NULL);
  g_autoptr(AssayRuleJson) root = NULL;
  Parser self = { .data = data, .path = path };

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  assay_json_scanner_init (&self.scanner, data, len, arena, len + 1);
  if (!parse_value (&self, 0, &root, error))
    return NULL;
  if (!assay_json_scanner_finish (&self.scanner))
    {
      syntax_error (&self, error);
      return NULL;
    }
  return g_steal_pointer (&root);
}

void
_assay_rule_json_free (AssayRuleJson *node)
{
  if (node == NULL)
    return;
  for (guint i = 0; i < node->n_items; i++)
    {
      _assay_rule_json_free (node->items[i]);
      if (node->keys != NULL)
        g_free (node->keys[i]);
    }
  g_free (node->items);
  g_free (node->keys);
  g_free (node->str);
  g_free (node);
}

const AssayRuleJson *
_assay_rule_json_member (const AssayRuleJson *object,
                         const char          *key)
{
  g_return_val_if_fail (object != NULL && object->type == ASSAY_JSON_OBJECT, NULL);

  for (guint i = 0; i < object->n_items; i++)
    if (strcmp (object->keys[i], key) == 0)
      return object->items[i];
  return NULL;
}

const char *
_assay_rule_json_type_name (AssayJsonType type)
{
  switch (type)
    {
    case ASSAY_JSON_NULL: return _("null");
    case ASSAY_JSON_FALSE:
    case ASSAY_JSON_TRUE: return _("a boolean");
    case ASSAY_JSON_NUMBER: return _("a number");
    case ASSAY_JSON_STRING: return _("a string");
    case ASSAY_JSON_OBJECT: return _("an object");
    case ASSAY_JSON_ARRAY: return _("an array");
    default: return "?";
    }
}
