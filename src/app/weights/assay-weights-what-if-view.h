/* assay-weights-what-if-view.h — the what-if of a weights proposal: numbers, histogram, groups, crossings
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

#include <adwaita.h>

#include "assay-fairness-what-if.h"
#include "assay-weights-what-if.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_WEIGHTS_WHAT_IF_VIEW (assay_weights_what_if_view_get_type ())

G_DECLARE_FINAL_TYPE (AssayWeightsWhatIfView, assay_weights_what_if_view, ASSAY, WEIGHTS_WHAT_IF_VIEW, AdwBin)

/* Shows a computed what-if (README, "What-if of a weights proposal"):
 * the totals, rank agreement, top-k kept and crossings as rows, the
 * histogram of values before (bars) and after (a line), the totals by
 * account kind and by dominant dimension, a sortable table by county,
 * the first accounts that cross a level or a tier, and `fairness`: the
 * groups whose Article W verdict would change, or why none was computed
 * (NULL: the group stays empty).  NULL (or a what-if of no accounts)
 * hides the view. */
GtkWidget *assay_weights_what_if_view_new          (void);
void       assay_weights_what_if_view_set_what_if  (AssayWeightsWhatIfView    *self,
                                                    const AssayWeightsWhatIf  *what_if,
                                                    const AssayFairnessWhatIf *fairness);
/* The text of the summary rows, title and subtitle by row (for tests). */
char      *assay_weights_what_if_view_dup_summary  (AssayWeightsWhatIfView   *self);

G_END_DECLS
