/* assay-case-view-private.h — what the UI tests reach in AssayCaseView
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

#include "assay-case-view.h"
#include "assay-chart.h"
#include "assay-decision-types.h"

G_BEGIN_DECLS

/* What the buttons do, so that a test needs no popover. */
gboolean    _assay_case_view_start_review  (AssayCaseView *self);
gboolean    _assay_case_view_assign        (AssayCaseView *self,
                                            const char    *assignee);
gboolean    _assay_case_view_add_note      (AssayCaseView *self,
                                            const char    *text);
const AssayCase *_assay_case_view_get_case (AssayCaseView *self);
/* What Decide… › an outcome does: the decision dialog, presented. */
GtkWindow  *_assay_case_view_decide        (AssayCaseView     *self,
                                            AssayDecisionKind  outcome);
/* What Decide… › Approve…, Deny…, Uphold…, Overturn… or Adjust… does on
 * a filing's case (@verdict_id the button's target): the decision
 * dialog for that verdict, presented; NULL for another case. */
GtkWindow  *_assay_case_view_decide_filing (AssayCaseView *self,
                                            const char    *verdict_id);
GtkMenuButton *_assay_case_view_get_decide_button (AssayCaseView *self);
/* The outcomes Decide… offers now, by id, in the popover's order. */
GPtrArray  *_assay_case_view_dup_offered_outcomes (AssayCaseView *self);
/* The Decision section's rows, "title\nsubtitle", top first. */
GPtrArray  *_assay_case_view_dup_decision_texts (AssayCaseView *self);
GtkLabel   *_assay_case_view_get_title_label    (AssayCaseView *self);
GtkLabel   *_assay_case_view_get_subtitle_label (AssayCaseView *self);
/* The history's lines, oldest first ("2026-03-02 14:05 · wang · …"). */
GPtrArray  *_assay_case_view_dup_history_texts  (AssayCaseView *self);
guint       _assay_case_view_get_n_flag_cards   (AssayCaseView *self);
/* How many entries the shown flags list (each row opens its details). */
guint       _assay_case_view_get_n_entry_rows   (AssayCaseView *self);
/* Opens the details of the n-th listed entry. */
GtkWindow  *_assay_case_view_open_entry         (AssayCaseView *self,
                                                 guint          n);
AssayChart *_assay_case_view_get_weekly_chart   (AssayCaseView *self);
/* The band layers that mark the flagged periods on the weekly chart. */
guint       _assay_case_view_get_n_bands        (AssayCaseView *self);
/* How many flag cards show their rule's evaluation tree. */
guint       _assay_case_view_count_evaluation_trees (AssayCaseView *self);
GtkBox     *_assay_case_view_get_ring_box       (AssayCaseView *self);

G_END_DECLS
