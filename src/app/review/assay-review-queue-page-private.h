/* assay-review-queue-page-private.h — what the UI tests reach in the Review Queue page
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

#include "assay-case-queue.h"
#include "assay-case-view.h"
#include "assay-review-queue-page.h"

G_BEGIN_DECLS

GtkColumnView       *_assay_review_queue_page_get_column_view  (AssayReviewQueuePage *self);
GtkColumnViewColumn *_assay_review_queue_page_get_column       (AssayReviewQueuePage *self,
                                                                AssayCaseColumn       column);
/* The rows as shown: filtered and sorted (AssayCaseRow). */
GListModel          *_assay_review_queue_page_get_rows         (AssayReviewQueuePage *self);
/* Chooses `value` (NULL: any) in the dropdown of `column`; FALSE if it
 * offers no such value. */
gboolean             _assay_review_queue_page_set_filter       (AssayReviewQueuePage *self,
                                                                AssayCaseColumn       column,
                                                                const char           *value);
GtkEditable         *_assay_review_queue_page_get_search_entry (AssayReviewQueuePage *self);
GtkLabel            *_assay_review_queue_page_get_counts_label (AssayReviewQueuePage *self);
/* The status page while it is shown, else NULL. */
AdwStatusPage       *_assay_review_queue_page_get_empty_page   (AssayReviewQueuePage *self);
void                 _assay_review_queue_page_open_case        (AssayReviewQueuePage *self,
                                                                gint64                case_id);
AssayCaseView       *_assay_review_queue_page_get_case_view    (AssayReviewQueuePage *self);
gboolean             _assay_review_queue_page_get_case_shown   (AssayReviewQueuePage *self);

G_END_DECLS
