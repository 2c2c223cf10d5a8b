/* assay-proof-export.h — saving an entry's inclusion proof to a file
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

#include <gtk/gtk.h>

#include "assay-replica.h"

G_BEGIN_DECLS

/* A modal save dialog for the inclusion proof of entry @index, named
 * "entry-INDEX.tlog-proof"; the caller connects ::response and shows it. */
GtkFileChooserNative *assay_proof_export_chooser_new (GtkWindow     *parent,
                                                      guint64        index);

/* Writes the inclusion proof of entry @index to @file.  A file that cannot
 * be written is an ASSAY_ERROR_IO error that names it and says what to do. */
gboolean              assay_proof_export_write       (AssayReplica  *replica,
                                                      guint64        index,
                                                      GFile         *file,
                                                      GError       **error);

G_END_DECLS
