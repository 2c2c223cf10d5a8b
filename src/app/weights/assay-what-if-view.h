/* assay-what-if-view.h — a draft rule set against the set in force, on the replica's checkpoint
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

#include "assay-session.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_WHAT_IF_VIEW (assay_what_if_view_get_type ())

G_DECLARE_FINAL_TYPE (AssayWhatIfView, assay_what_if_view, ASSAY, WHAT_IF_VIEW, AdwBin)

/* The what-if part of the Weights and Rules page (RULES.md, "What-if
 * replay"): a "Compare a Draft…" button loads a draft rule set (a refused
 * one shows the loader's message), then assay_rule_what_if () runs in a
 * worker thread on a read-only connection of its own to the session's
 * replica, with a spinner; a newer comparison wins over an older one.
 * The result: both sets, the checkpoint, the totals, a sortable table per
 * rule and the added, removed and changed flags, each opening a dialog
 * with its explanation, values and evaluation tree.  A new set in force
 * or a new replica compares the draft again. */
GtkWidget *assay_what_if_view_new          (void);
void       assay_what_if_view_set_session  (AssayWhatIfView *self,
                                            AssaySession    *session);
/* The set the draft is compared with (NULL: none is in force). */
void       assay_what_if_view_set_in_force (AssayWhatIfView *self,
                                            AssayRuleSet    *in_force);

G_END_DECLS
