/* assay-what-if-county-item.h — one county's row of the weights what-if table
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

#include <glib-object.h>

#include "assay-weights-what-if.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_WHAT_IF_COUNTY_ITEM (assay_what_if_county_item_get_type ())

G_DECLARE_FINAL_TYPE (AssayWhatIfCountyItem, assay_what_if_county_item, ASSAY, WHAT_IF_COUNTY_ITEM, GObject)

/* Read-only properties, so that the table's sorters can use property
 * expressions: county (the six-digit code, or "none"), name (the
 * county's name and code as people read them), and the numbers accounts,
 * before, after, change (after − before), up, down (double). */
AssayWhatIfCountyItem *assay_what_if_county_item_new        (const AssayWhatIfGroup *group);
const char            *assay_what_if_county_item_get_county (AssayWhatIfCountyItem  *self);
const char            *assay_what_if_county_item_get_name   (AssayWhatIfCountyItem  *self);
double                 assay_what_if_county_item_get_number (AssayWhatIfCountyItem  *self,
                                                             const char             *property);

G_END_DECLS
