/* assay-what-if-view-private.h — what tests drive and read of the what-if view
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

#include "assay-rule-what-if.h"
#include "assay-what-if-view.h"

G_BEGIN_DECLS

typedef enum
{
  ASSAY_WHAT_IF_ADDED,
  ASSAY_WHAT_IF_REMOVED,
  ASSAY_WHAT_IF_CHANGED,
} AssayWhatIfKind;

/* What the file chooser does with the file it was given. */
void               _assay_what_if_view_compare_file (AssayWhatIfView *self,
                                                     const char      *path);
/* The comparison shown, or NULL; whether one runs; the message shown
 * instead of a result (a refused draft, no replica), or NULL. */
const AssayWhatIf *_assay_what_if_view_get_result   (AssayWhatIfView *self);
gboolean           _assay_what_if_view_get_running  (AssayWhatIfView *self);
const char        *_assay_what_if_view_get_message  (AssayWhatIfView *self);
AssayRuleSet      *_assay_what_if_view_get_draft    (AssayWhatIfView *self);
/* The number of rows of the per-rule table. */
guint              _assay_what_if_view_get_n_rules  (AssayWhatIfView *self);
/* The per-rule table (its columns: rule, in force, draft, added,
 * removed, changed; items AssayWhatIfRuleItem), or NULL. */
GtkColumnView     *_assay_what_if_view_get_rules_view (AssayWhatIfView *self);
/* Opens flag number `index` of the added, removed or changed list as activating
 * its row does; returns the dialog (a GtkWindow, not referenced). */
GtkWidget         *_assay_what_if_view_open_flag    (AssayWhatIfView *self,
                                                     AssayWhatIfKind  kind,
                                                     guint            index);
/* The number of evaluation trees a flag dialog shows. */
guint              _assay_what_if_flag_dialog_get_n_trees (GtkWidget *dialog);

G_END_DECLS
