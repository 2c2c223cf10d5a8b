/* assay-filing-text.h — a filing told in one sentence, for lists and dockets
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

#include "assay-entry.h"

G_BEGIN_DECLS

/* The translated name of a filing kind ("Failure claim" / "失败贡献申请"),
 * or NULL for a kind that is not a filing. */
const char *assay_filing_kind_get_label (AssayEntryKind    kind);

/* A filing's substance in one translated sentence, e.g. "Silence from
 * 2026-03-01 to 2026-05-31 (92 days)" or "31 points asked for a failed
 * project; a comparable success earns 100 (31%)".  Free texts (reasons,
 * statements) are not in it: they are shown whole where there is room. */
char       *assay_filing_summary        (const AssayEntry *filing);

G_END_DECLS
