/* assay-weights-page.h — the Weights and Rules page: quarterly weights and rule-set versions
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
#include "assay-rule-set.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_WEIGHTS_PAGE (assay_weights_page_get_type ())

G_DECLARE_FINAL_TYPE (AssayWeightsPage, assay_weights_page, ASSAY, WEIGHTS_PAGE, AssayPage)

G_END_DECLS
