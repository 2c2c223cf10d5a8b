/* assay-bundle.c — entry bundles and body bundles
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

#include "assay-bundle.h"

#include <glib/gi18n-lib.h>

#include "assay-error.h"

static inline guint
read_be16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

static inline void
append_be16 (GByteArray *bundle,
             guint       value)
{
  guint8 be[2] = { value >> 8, value & 0xff };

  g_byte_array_append (bundle, be, 2);
}

/* The checks both decoders share once the items are counted. */
static gboolean
check_count (const char  *what,
             guint        count,
             guint        expected,
             GError     **error)
{
  if (count == 0)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The %s is empty; a bundle holds 1 to 256 entries."), what);
      return FALSE;
    }
  if (expected != 0 && count != expected)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The %s holds %u entries where %u were expected."),
                   what, count, expected);
      return FALSE;
    }
  return TRUE;
}

static gboolean
too_many (const char  *what,
          GError     **error)
{
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
               _("The %s holds more than 256 entries."), what);
  return FALSE;
}

static gboolean
truncated (const char  *what,
           guint        item,
           GError     **error)
{
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
               _("The %s is cut short inside entry %u."), what, item);
  return FALSE;
}

/* Reads the 16-bit length that opens item @n at @pos; FALSE when the
 * bundle already holds the most items or ends inside the length. */
static gboolean
read_item_length (const guint8  *data,
                  gsize          len,
                  gsize          pos,
                  guint          n,
                  const char    *what,
                  guint         *out,
                  GError       **error)
{
  if (n == ASSAY_BUNDLE_MAX_ENTRIES)
    return too_many (what, error);
  if (len - pos < 2)
    return truncated (what, n, error);
  *out = read_be16 (data + pos);
  return TRUE;
}

void
assay_entry_bundle_append (GByteArray   *bundle,
                           const guint8  commitment[ASSAY_HASH_SIZE])
{
  g_return_if_fail (bundle != NULL);
  g_return_if_fail (commitment != NULL);

  append_be16 (bundle, ASSAY_HASH_SIZE);
  g_byte_array_append (bundle, commitment, ASSAY_HASH_SIZE);
}

gboolean
assay_entry_bundle_decode (const guint8   *data,
                           gsize           len,
                           guint           expected,
                           const guint8  **commitments,
                           guint          *n_out,
                           GError        **error)
{
  const char *what = _("entry bundle");
  gsize pos = 0;
  guint n = 0;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (expected <= ASSAY_BUNDLE_MAX_ENTRIES, FALSE);
  g_return_val_if_fail (commitments != NULL, FALSE);
  g_return_val_if_fail (n_out != NULL, FALSE);

  while (pos < len)
    {
      guint item_len;

      if (!read_item_length (data, len, pos, n, what, &item_len, error))
        return FALSE;
      if (item_len != ASSAY_HASH_SIZE)
        {
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                       _("Entry %u of the entry bundle is %u bytes long; a commitment is "
                         "32 bytes."), n, item_len);
          return FALSE;
        }
      if (len - pos - 2 < ASSAY_HASH_SIZE)
        return truncated (what, n, error);
      commitments[n++] = data + pos + 2;
      pos += ASSAY_ENTRY_BUNDLE_ITEM_SIZE;
    }

  if (!check_count (what, n, expected, error))
    return FALSE;
  *n_out = n;
  return TRUE;
}

void
assay_body_bundle_append (GByteArray   *bundle,
                          const guint8  salt[ASSAY_SALT_SIZE],
                          const char   *body,
                          gsize         len)
{
  g_return_if_fail (bundle != NULL);
  g_return_if_fail (salt != NULL);
  g_return_if_fail (body != NULL);
  g_return_if_fail (len >= 1 && len <= ASSAY_ENTRY_MAX_BODY);

  append_be16 (bundle, len);
  g_byte_array_append (bundle, salt, ASSAY_SALT_SIZE);
  g_byte_array_append (bundle, (const guint8 *) body, len);
}

void
assay_body_bundle_append_erased (GByteArray *bundle)
{
  g_return_if_fail (bundle != NULL);

  append_be16 (bundle, 0);
}

gboolean
assay_body_bundle_decode (const guint8   *data,
                          gsize           len,
                          guint           expected,
                          AssayBodyRef   *bodies,
                          guint          *n_out,
                          GError        **error)
{
  const char *what = _("body bundle");
  gsize pos = 0;
  guint n = 0;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (expected <= ASSAY_BUNDLE_MAX_ENTRIES, FALSE);
  g_return_val_if_fail (bodies != NULL, FALSE);
  g_return_val_if_fail (n_out != NULL, FALSE);

  while (pos < len)
    {
      guint body_len;

      if (!read_item_length (data, len, pos, n, what, &body_len, error))
        return FALSE;
      pos += 2;
      if (body_len == 0)
        {
          bodies[n++] = (AssayBodyRef) { NULL, NULL, 0 };
          continue;
        }
      if (body_len > ASSAY_ENTRY_MAX_BODY)
        {
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                       _("Entry %u of the body bundle claims %u bytes; a body has at most "
                         "%d bytes."), n, body_len, ASSAY_ENTRY_MAX_BODY);
          return FALSE;
        }
      if (len - pos < ASSAY_SALT_SIZE + (gsize) body_len)
        return truncated (what, n, error);
      bodies[n++] = (AssayBodyRef) {
        data + pos, (const char *) data + pos + ASSAY_SALT_SIZE, body_len
      };
      pos += ASSAY_SALT_SIZE + body_len;
    }

  if (!check_count (what, n, expected, error))
    return FALSE;
  *n_out = n;
  return TRUE;
}
