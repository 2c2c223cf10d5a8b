/* assay-arbitration-page.h — the Arbitration page: disputes and appeals before the panel
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

#include "assay-page.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_ARBITRATION_PAGE (assay_arbitration_page_get_type ())

G_DECLARE_FINAL_TYPE (AssayArbitrationPage, assay_arbitration_page, ASSAY, ARBITRATION_PAGE, AssayPage)

/* For tests: how many cases the docket shows under the current filters. */
guint _assay_arbitration_page_get_n_shown (AssayArbitrationPage *self);

G_END_DECLS
