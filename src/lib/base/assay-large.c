/* assay-large.c — arrays of millions of entries, on huge pages
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
#include <sys/mman.h>

#include "assay-large.h"

/* Below this, a block is not worth a system call: it spans at most a few
 * huge pages and faults in quickly anyway. */
#define HUGE_PAGE     ((gsize) 2 << 20)
#define WORTH_ADVISING (8 * HUGE_PAGE)

static void
advise_huge (gpointer block,
             gsize    bytes)
{
#ifdef MADV_HUGEPAGE
  guintptr start = ((guintptr) block + HUGE_PAGE - 1) & ~(guintptr) (HUGE_PAGE - 1);
  guintptr end = ((guintptr) block + bytes) & ~(guintptr) (HUGE_PAGE - 1);

  /* Advice only: a kernel without THP says EINVAL, and the block works. */
  if (bytes >= WORTH_ADVISING && end > start)
    (void) madvise ((void *) start, end - start, MADV_HUGEPAGE);
#endif
}

gpointer
assay_large_alloc (gsize n,
                   gsize size)
{
  gpointer block = g_malloc_n (MAX (n, 1), size);

  advise_huge (block, MAX (n, 1) * size);
  return block;
}

gpointer
assay_large_alloc0 (gsize n,
                    gsize size)
{
  gpointer block = assay_large_alloc (n, size);

  /* Not g_malloc0: its calloc would touch nothing (fresh mmap pages are
   * zero) before the advice, but a reused heap block must be cleared. */
  memset (block, 0, MAX (n, 1) * size);
  return block;
}
