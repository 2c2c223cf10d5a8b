/* assay-weights-what-if-view-private.h — what the tests reach in the weights what-if view
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

#include "assay-weights-what-if-view.h"

G_BEGIN_DECLS

/* The table by county, sorted by the column the user clicked. */
GtkColumnView *_assay_weights_what_if_view_get_county_view   (AssayWeightsWhatIfView *self);
/* The Article W rows, "title: subtitle" a line. */
char          *_assay_weights_what_if_view_dup_fairness_text (AssayWeightsWhatIfView *self);

G_END_DECLS
