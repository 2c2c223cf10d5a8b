/* test-large.c — large arrays: zeroed when asked, whatever the heap held
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

#include <glib.h>

#include "assay-large.h"

/* 24 MiB: above the size from which blocks are advised, and below
 * glibc's largest mmap threshold, so a freed block may come back from the
 * heap as it was left. */
#define N_ENTRIES ((gsize) 3 << 20)

/* A block freed dirty and asked for again zeroed comes back zero: malloc
 * may hand back the same heap memory, which no kernel has cleared. */
static void
test_large_zeroed (void)
{
  for (guint round = 0; round < 3; round++)
    {
      guint64 *dirty = assay_large_new (guint64, N_ENTRIES);
      guint64 *clean;

      memset (dirty, 0xa5, N_ENTRIES * sizeof (guint64));
      g_free (dirty);
      clean = assay_large_new0 (guint64, N_ENTRIES);
      for (gsize i = 0; i < N_ENTRIES; i += 4093)
        g_assert_cmphex (clean[i], ==, 0);
      g_assert_cmphex (clean[N_ENTRIES - 1], ==, 0);
      g_free (clean);
    }
}

/* Every byte of a block is ours to write and read back, the unaligned
 * head and tail the advice leaves out included; and an empty array is a
 * valid block. */
static void
test_large_writable (void)
{
  gsize n = N_ENTRIES + 12345;
  guint8 *block = assay_large_new (guint8, n);
  g_autofree guint32 *empty = assay_large_new0 (guint32, 0);

  for (gsize i = 0; i < n; i++)
    block[i] = (guint8) (i * 7);
  for (gsize i = 0; i < n; i += 1021)
    g_assert_cmpuint (block[i], ==, (guint8) (i * 7));
  g_assert_cmpuint (block[n - 1], ==, (guint8) ((n - 1) * 7));
  g_assert_nonnull (empty);
  g_free (block);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/assay/large/zeroed", test_large_zeroed);
  g_test_add_func ("/assay/large/writable", test_large_writable);
  return g_test_run ();
}
