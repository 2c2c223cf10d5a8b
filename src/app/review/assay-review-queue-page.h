/* assay-review-queue-page.h — the Review Queue page: flagged accounts awaiting the committee
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

G_BEGIN_DECLS

#define ASSAY_TYPE_REVIEW_QUEUE_PAGE (assay_review_queue_page_get_type ())

G_DECLARE_FINAL_TYPE (AssayReviewQueuePage, assay_review_queue_page, ASSAY, REVIEW_QUEUE_PAGE, AssayPage)

G_END_DECLS
