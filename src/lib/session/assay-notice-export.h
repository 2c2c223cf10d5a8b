/* assay-notice-export.h — writing a weights version's public notice in a worker thread
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

#include <gio/gio.h>

#include "assay-rule-set.h"

G_BEGIN_DECLS

/* Makes the notice of the weights version logged at `log_index`, with
 * its what-if (assay_notice_compute_what_if), on a connection of its own
 * to the replica at `replica_path`, and writes it to `path` as PDF or
 * HTML by the extension: what `assayctl weights notice` writes. */
void      assay_notice_export_async  (const char           *replica_path,
                                      AssayRuleSet         *rule_set,
                                      guint64               log_index,
                                      const char           *path,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean  assay_notice_export_finish (GAsyncResult         *result,
                                      GError              **error);

G_END_DECLS
