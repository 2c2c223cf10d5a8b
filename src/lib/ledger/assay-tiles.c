/* assay-tiles.c — C2SP tlog-tiles paths and tile encoding
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

#include <glib/gi18n-lib.h>

#include "assay-error.h"
#include "assay-tiles.h"

#define MAX_LEVEL 63

char *
assay_tile_encode_index (guint64 index)
{
  GString *path = g_string_new (NULL);
  guint groups[7];
  guint n = 0;

  /* Three decimal digits per path element, most significant first. */
  do
    {
      groups[n++] = index % 1000;
      index /= 1000;
    }
  while (index > 0);

  while (n > 1)
    g_string_append_printf (path, "x%03u/", groups[--n]);
  g_string_append_printf (path, "%03u", groups[0]);
  return g_string_free (path, FALSE);
}

static gboolean
invalid_path (GError     **error,
              const char  *path)
{
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a canonical tile path"), path);
  return FALSE;
}

static gboolean
decode_index (const char *s,
              gsize       len,
              guint64    *out)
{
  guint64 value = 0;
  gsize pos = 0;
  guint n_groups = 0;

  while (TRUE)
    {
      gboolean last = len - pos == 3;
      const char *g = s + pos;
      guint group;

      if (!last && (len - pos < 5 || g[0] != 'x' || g[4] != '/'))
        return FALSE;
      if (!last)
        g++;
      if (!g_ascii_isdigit (g[0]) || !g_ascii_isdigit (g[1]) || !g_ascii_isdigit (g[2]))
        return FALSE;
      group = (g[0] - '0') * 100 + (g[1] - '0') * 10 + (g[2] - '0');
      /* Leading zero groups would give one index two paths. */
      if (n_groups == 0 && !last && group == 0)
        return FALSE;
      if (value > (G_MAXUINT64 - group) / 1000)
        return FALSE;
      value = value * 1000 + group;
      n_groups++;
      if (last)
        break;
      pos += 5;
    }
  *out = value;
  return TRUE;
}

gboolean
assay_tile_decode_index (const char  *path,
                         guint64     *out_index,
                         GError     **error)
{
  guint64 index;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!decode_index (path, strlen (path), &index))
    return invalid_path (error, path);
  if (out_index != NULL)
    *out_index = index;
  return TRUE;
}

static char *
build_path (const char *prefix,
            guint64     index,
            guint       width)
{
  g_autofree char *encoded = assay_tile_encode_index (index);

  g_return_val_if_fail (width <= ASSAY_TILE_WIDTH, NULL);

  if (width == 0 || width == ASSAY_TILE_WIDTH)
    return g_strconcat (prefix, encoded, NULL);
  return g_strdup_printf ("%s%s.p/%u", prefix, encoded, width);
}

char *
assay_tile_path (guint   level,
                 guint64 index,
                 guint   width)
{
  g_autofree char *prefix = NULL;

  g_return_val_if_fail (level <= MAX_LEVEL, NULL);

  prefix = g_strdup_printf ("tile/%u/", level);
  return build_path (prefix, index, width);
}

char *
assay_tile_entries_path (guint64 index,
                         guint   width)
{
  return build_path ("tile/entries/", index, width);
}

char *
assay_tile_body_path (guint64 index,
                      guint   width)
{
  return build_path ("body/", index, width);
}

/* A decimal number with no leading zeros, at most `max`. */
static gboolean
parse_small_decimal (const char *s,
                     gsize       len,
                     guint       max,
                     guint      *out)
{
  guint value = 0;

  if (len == 0 || len > 3 || (s[0] == '0' && len > 1))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      value = value * 10 + (s[i] - '0');
    }
  if (value > max)
    return FALSE;
  *out = value;
  return TRUE;
}

gboolean
assay_tile_parse_path (const char     *path,
                       AssayTileKind  *out_kind,
                       guint          *out_level,
                       guint64        *out_index,
                       guint          *out_width,
                       GError        **error)
{
  AssayTileKind kind;
  guint level = 0;
  guint width = ASSAY_TILE_WIDTH;
  guint64 index;
  const char *rest;
  const char *partial;
  gsize index_len;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_str_has_prefix (path, "tile/entries/"))
    {
      kind = ASSAY_TILE_KIND_ENTRIES;
      rest = path + strlen ("tile/entries/");
    }
  else if (g_str_has_prefix (path, "body/"))
    {
      kind = ASSAY_TILE_KIND_BODY;
      rest = path + strlen ("body/");
    }
  else if (g_str_has_prefix (path, "tile/"))
    {
      const char *slash = strchr (path + strlen ("tile/"), '/');

      kind = ASSAY_TILE_KIND_HASH;
      if (slash == NULL ||
          !parse_small_decimal (path + strlen ("tile/"), slash - path - strlen ("tile/"),
                                MAX_LEVEL, &level))
        return invalid_path (error, path);
      rest = slash + 1;
    }
  else
    {
      return invalid_path (error, path);
    }

  partial = strstr (rest, ".p/");
  index_len = partial ? (gsize) (partial - rest) : strlen (rest);
  if (!decode_index (rest, index_len, &index))
    return invalid_path (error, path);
  if (partial != NULL &&
      (!parse_small_decimal (partial + 3, strlen (partial + 3), ASSAY_TILE_WIDTH - 1, &width) ||
       width == 0))
    return invalid_path (error, path);

  if (out_kind != NULL)
    *out_kind = kind;
  if (out_level != NULL)
    *out_level = level;
  if (out_index != NULL)
    *out_index = index;
  if (out_width != NULL)
    *out_width = width;
  return TRUE;
}

void
assay_tile_count (guint64  size,
                  guint    level,
                  guint64 *out_full,
                  guint   *out_partial_width)
{
  guint shift = ASSAY_TILE_HEIGHT * level;
  guint64 at_level = shift < 64 ? size >> shift : 0;

  /* Each hash at tile level L stands for 256^L leaves. */
  if (out_full != NULL)
    *out_full = at_level / ASSAY_TILE_WIDTH;
  if (out_partial_width != NULL)
    *out_partial_width = at_level % ASSAY_TILE_WIDTH;
}

void
assay_tile_locate_subtree (guint    level,
                           guint64  index,
                           guint   *out_tile_level,
                           guint64 *out_tile_index)
{
  guint64 first = index << (level % ASSAY_TILE_HEIGHT);

  *out_tile_level = level / ASSAY_TILE_HEIGHT;
  *out_tile_index = first / ASSAY_TILE_WIDTH;
}

gboolean
assay_tile_subtree_hash (const guint8 *tile,
                         guint         width,
                         guint         level,
                         guint64       index,
                         guint8        out[ASSAY_HASH_SIZE])
{
  guint sub = level % ASSAY_TILE_HEIGHT;
  guint first = (index << sub) % ASSAY_TILE_WIDTH;
  guint n = 1u << sub;
  guint8 h[(ASSAY_TILE_WIDTH / 2) * ASSAY_HASH_SIZE];

  if (width < first + n)
    return FALSE;

  /* Combine pairwise, in a copy, up to one hash. */
  memcpy (h, tile + first * ASSAY_HASH_SIZE, n * ASSAY_HASH_SIZE);
  for (guint w = n; w > 1; w /= 2)
    for (guint i = 0; i < w / 2; i++)
      assay_merkle_node_hash (h + 2 * i * ASSAY_HASH_SIZE, h + (2 * i + 1) * ASSAY_HASH_SIZE,
                              h + i * ASSAY_HASH_SIZE);
  memcpy (out, h, ASSAY_HASH_SIZE);
  return TRUE;
}
