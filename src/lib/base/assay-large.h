/* assay-large.h — arrays of millions of entries, on huge pages
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

#include <glib.h>

G_BEGIN_DECLS

/* Memory for an array of `n` entries of `size` bytes, freed with g_free.
 *
 * The audits and the what-if touch arrays of tens of millions of entries
 * once each.  With 4 KiB pages, filling 1 GiB takes 262,144 page faults,
 * and on a virtual machine each one is expensive: a profile of the
 * fairness audit at 3 M accounts spent a fifth of its time in the
 * kernel's fault path.  So the aligned part of a large block is advised
 * to the kernel as wanting transparent huge pages (2 MiB): 512 times
 * fewer faults.  Where the kernel does not offer them (THP "never"), the
 * advice is ignored and the memory is ordinary. */
gpointer assay_large_alloc  (gsize n,
                             gsize size);
gpointer assay_large_alloc0 (gsize n,
                             gsize size);

#define assay_large_new(type, n)  ((type *) assay_large_alloc ((n), sizeof (type)))
#define assay_large_new0(type, n) ((type *) assay_large_alloc0 ((n), sizeof (type)))

G_END_DECLS
