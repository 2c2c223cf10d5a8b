/* assay-fairness-page-private.h — what the UI tests reach inside the Fairness page
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

#include "assay-fairness-job.h"
#include "assay-fairness-page.h"

G_BEGIN_DECLS

/* The job the page runs, and the table's rows (AssayFairnessRow) in the
 * order shown. */
AssayFairnessJob *_assay_fairness_page_get_job  (AssayFairnessPage *self);
GListModel       *_assay_fairness_page_get_rows (AssayFairnessPage *self);
/* A widget of the template by its id ("run_button", "year_spin", …). */
GtkWidget        *_assay_fairness_page_get_widget (AssayFairnessPage *self,
                                                   const char        *id);

G_END_DECLS
