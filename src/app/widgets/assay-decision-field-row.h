/* assay-decision-field-row.h — one line of a decision's payload, as a person reads it
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

#include "assay-decision-job.h"

G_BEGIN_DECLS

/* A list box row with the field's label over its value (selectable,
 * wrapped anywhere, without hyphens a hash does not have): the decision
 * dialog and the co-sign dialog show what is signed the same way. */
GtkWidget *assay_decision_field_row_new (const AssayDecisionField *field);

G_END_DECLS
