/* assay-tiles.h — C2SP tlog-tiles paths and tile encoding
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

#pragma once

#include "assay-types.h"
#include "assay-merkle.h"

G_BEGIN_DECLS

/* C2SP tlog-tiles: tile height 8, width 256. */
#define ASSAY_TILE_HEIGHT 8
#define ASSAY_TILE_WIDTH  256

/* "1234067" -> "x001/x234/067" */
char    *assay_tile_encode_index   (guint64      index);
gboolean assay_tile_decode_index   (const char  *path,
                                    guint64     *out_index,
                                    GError     **error);

/* "tile/<L>/<N>[.p/<W>]"; width 256 (or 0) means a full tile. */
char    *assay_tile_path           (guint        level,
                                    guint64      index,
                                    guint        width);
/* "tile/entries/<N>[.p/<W>]" */
char    *assay_tile_entries_path   (guint64      index,
                                    guint        width);
/* "body/<N>[.p/<W>]": Assay's body bundles beside the log. */
char    *assay_tile_body_path      (guint64      index,
                                    guint        width);

typedef enum
{
  ASSAY_TILE_KIND_HASH,
  ASSAY_TILE_KIND_ENTRIES,
  ASSAY_TILE_KIND_BODY,
} AssayTileKind;

/* Parses any of the three path kinds; rejects non-canonical encodings
 * (leading zeros, a .p/256 suffix, width 0, level above 63).  The level is
 * 0 for entry and body bundles; `out_width` is 1–255 for a partial tile
 * and 256 for a full one. */
gboolean assay_tile_parse_path     (const char    *path,
                                    AssayTileKind *out_kind,
                                    guint         *out_level,
                                    guint64       *out_index,
                                    guint         *out_width,
                                    GError       **error);

/* The tiles a tree of `size` has at `level`: the number of full ones and
 * the width of the trailing partial one (0 if none).  Level 0 counts entry
 * bundles too.  Example: size 70,000 has 273 full level-0 tiles and a
 * partial of width 112, 1 full level-1 tile and a partial of width 17, and
 * a level-2 partial of width 1. */
void     assay_tile_count          (guint64       size,
                                    guint         level,
                                    guint64      *out_full,
                                    guint        *out_partial_width);

/* The hash tile that holds the perfect subtree (level, index): at tile
 * level level / ASSAY_TILE_HEIGHT, as 2^(level % ASSAY_TILE_HEIGHT)
 * consecutive hashes.  For AssayMerkleNodeFunc over tiles. */
void     assay_tile_locate_subtree (guint          level,
                                    guint64        index,
                                    guint         *out_tile_level,
                                    guint64       *out_tile_index);
/* The hash of the perfect subtree (level, index), combined from the
 * hashes of the tile assay_tile_locate_subtree () names (`width` of them
 * in `tile`).  FALSE if the tile is too narrow to hold the subtree. */
gboolean assay_tile_subtree_hash   (const guint8  *tile,
                                    guint          width,
                                    guint          level,
                                    guint64        index,
                                    guint8         out[ASSAY_HASH_SIZE]);

/* Where the Merkle node (level, index) sits in the hash tiles: tiles hold
 * the nodes of every ASSAY_TILE_HEIGHT-th level only, so FALSE for the
 * levels in between; else the tile's level and index and the node's
 * position in it.  For AssayMerkleBuilder callbacks that store or check
 * the tiles; inline, since a builder calls back for every node. */
static inline gboolean
assay_tile_locate_node (guint    level,
                        guint64  index,
                        guint   *out_tile_level,
                        guint64 *out_tile_index,
                        guint   *out_position)
{
  if (level % ASSAY_TILE_HEIGHT != 0)
    return FALSE;
  *out_tile_level = level / ASSAY_TILE_HEIGHT;
  *out_tile_index = index / ASSAY_TILE_WIDTH;
  *out_position = index % ASSAY_TILE_WIDTH;
  return TRUE;
}

G_END_DECLS
