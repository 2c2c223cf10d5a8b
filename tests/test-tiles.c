/* test-tiles.c — tests for tlog-tiles paths and tile counts
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

#include <glib.h>

#include "assay-error.h"
#include "assay-tiles.h"

static void
test_encode_index (void)
{
  struct { guint64 index; const char *path; } cases[] = {
    { 0, "000" },
    { 7, "007" },
    { 999, "999" },
    { 1000, "x001/000" },
    { 1234067, "x001/x234/067" },
    { 1000000, "x001/x000/000" },
    { G_MAXUINT64, "x018/x446/x744/x073/x709/x551/615" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = assay_tile_encode_index (cases[i].index);
      g_autoptr(GError) error = NULL;
      guint64 back = 0;

      g_assert_cmpstr (path, ==, cases[i].path);
      g_assert_true (assay_tile_decode_index (path, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (back, ==, cases[i].index);
    }

  for (guint64 i = 0; i < 3000000; i += 997)
    {
      g_autofree char *path = assay_tile_encode_index (i);
      guint64 back = 0;

      g_assert_true (assay_tile_decode_index (path, &back, NULL));
      g_assert_cmpuint (back, ==, i);
    }
}

static void
test_decode_rejects (void)
{
  const char *bad[] = {
    "", "0", "00", "0000", "x000/001", "x001", "001/002", "x1/002", "x001/02",
    "x001/0020", "x01a/002", "x001//002", "/001", "001/", "x018/x446/x744/x073/x709/x551/616",
    "x001/x018/x446/x744/x073/x709/x551/615", "-01", "+01", " 01",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (assay_tile_decode_index (bad[i], NULL, &error));
      g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
    }
}

static void
test_paths (void)
{
  struct { char *path; const char *want; } cases[] = {
    { assay_tile_path (0, 1234067, 0), "tile/0/x001/x234/067" },
    { assay_tile_path (0, 1234067, 256), "tile/0/x001/x234/067" },
    { assay_tile_path (2, 1, 17), "tile/2/001.p/17" },
    { assay_tile_path (63, 0, 255), "tile/63/000.p/255" },
    { assay_tile_entries_path (273, 112), "tile/entries/273.p/112" },
    { assay_tile_entries_path (5, 0), "tile/entries/005" },
    { assay_tile_body_path (1000, 1), "body/x001/000.p/1" },
    { assay_tile_body_path (42, 256), "body/042" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (cases[i].path, ==, cases[i].want);
      g_free (cases[i].path);
    }
}

static void
test_parse_path (void)
{
  struct {
    const char   *path;
    AssayTileKind kind;
    guint         level;
    guint64       index;
    guint         width;
  } cases[] = {
    { "tile/0/x001/x234/067", ASSAY_TILE_KIND_HASH, 0, 1234067, 256 },
    { "tile/1/000.p/17", ASSAY_TILE_KIND_HASH, 1, 0, 17 },
    { "tile/63/005.p/1", ASSAY_TILE_KIND_HASH, 63, 5, 1 },
    { "tile/entries/x001/000.p/255", ASSAY_TILE_KIND_ENTRIES, 0, 1000, 255 },
    { "tile/entries/273", ASSAY_TILE_KIND_ENTRIES, 0, 273, 256 },
    { "body/273.p/112", ASSAY_TILE_KIND_BODY, 0, 273, 112 },
    { "body/000", ASSAY_TILE_KIND_BODY, 0, 0, 256 },
  };
  const char *bad[] = {
    "tile/00/000", "tile/01/000", "tile/64/000", "tile/-1/000", "tile//000", "tile/0/",
    "tile/0/000.p/256", "tile/0/000.p/0", "tile/0/000.p/017", "tile/0/000.p/", "tile/0/000.p",
    "tile/0/000.p/1x", "tile/0/x000/001", "tile/entries/000.p/300", "tile/entries/",
    "tile/entry/000", "body/x000/000", "body/000/", "bodies/000", "/tile/0/000",
    "tile/0/000.p/1/2", "checkpoint", "tile/1000/000",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      AssayTileKind kind;
      guint level = 99, width = 0;
      guint64 index = 0;

      g_assert_true (assay_tile_parse_path (cases[i].path, &kind, &level, &index, &width,
                                            &error));
      g_assert_no_error (error);
      g_assert_cmpint (kind, ==, cases[i].kind);
      g_assert_cmpuint (level, ==, cases[i].level);
      g_assert_cmpuint (index, ==, cases[i].index);
      g_assert_cmpuint (width, ==, cases[i].width);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      if (assay_tile_parse_path (bad[i], NULL, NULL, NULL, NULL, &error))
        g_error ("accepted %s", bad[i]);
      g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
    }

  /* Every path we build parses back to what built it. */
  for (guint level = 0; level < 4; level++)
    for (guint64 index = 0; index < 5000; index += 333)
      for (guint width = 1; width <= 256; width += 51)
        {
          g_autofree char *path = assay_tile_path (level, index, width);
          AssayTileKind kind;
          guint l, w;
          guint64 n;

          g_assert_true (assay_tile_parse_path (path, &kind, &l, &n, &w, NULL));
          g_assert_cmpint (kind, ==, ASSAY_TILE_KIND_HASH);
          g_assert_cmpuint (l, ==, level);
          g_assert_cmpuint (n, ==, index);
          g_assert_cmpuint (w, ==, width);
        }
}

static void
check_count (guint64 size,
             guint   level,
             guint64 want_full,
             guint   want_partial)
{
  guint64 full = 0;
  guint partial = 0;

  assay_tile_count (size, level, &full, &partial);
  g_assert_cmpuint (full, ==, want_full);
  g_assert_cmpuint (partial, ==, want_partial);
}

static void
test_count (void)
{
  /* LEDGER.md §2 and C2SP tlog-tiles: size 70,000. */
  check_count (70000, 0, 273, 112);
  check_count (70000, 1, 1, 17);
  check_count (70000, 2, 0, 1);
  check_count (70000, 3, 0, 0);
  /* tlog-tiles: size 256 is a full level-0 tile and a level-1 partial of 1. */
  check_count (256, 0, 1, 0);
  check_count (256, 1, 0, 1);
  check_count (256, 2, 0, 0);
  check_count (0, 0, 0, 0);
  check_count (255, 0, 0, 255);
  check_count (G_MAXUINT64, 7, 0, 255);
  check_count (G_MAXUINT64, 8, 0, 0);
  check_count (G_MAXUINT64, 63, 0, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/assay/tiles/encode-index", test_encode_index);
  g_test_add_func ("/assay/tiles/decode-rejects", test_decode_rejects);
  g_test_add_func ("/assay/tiles/paths", test_paths);
  g_test_add_func ("/assay/tiles/parse-path", test_parse_path);
  g_test_add_func ("/assay/tiles/count", test_count);

  return g_test_run ();
}
