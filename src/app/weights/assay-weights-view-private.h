/* assay-weights-view-private.h — what the tests read of the weights view
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

#include "assay-weights-board.h"
#include "assay-weights-view.h"
#include "assay-weights-what-if-view.h"

G_BEGIN_DECLS

/* The board shown (NULL without a replica or score parameters), and the
 * message shown instead. */
const AssayWeightsBoard *_assay_weights_view_get_board     (AssayWeightsView *self);
const char              *_assay_weights_view_get_message   (AssayWeightsView *self);
/* The history's rows: version i's title and subtitle (status, countdown). */
guint        _assay_weights_view_get_n_history  (AssayWeightsView *self);
const char  *_assay_weights_view_get_history_subtitle (AssayWeightsView *self,
                                                       guint             i);
void         _assay_weights_view_expand_history (AssayWeightsView *self,
                                                 guint             i);
const char  *_assay_weights_view_get_in_force_text (AssayWeightsView *self);
/* The editor: a weight in percent, a dimension's refusal (or NULL), the
 * sum line, the general refusal (or NULL), the quarters offered,
 * the rationale, whether Propose is sensitive. */
void         _assay_weights_view_set_weight     (AssayWeightsView *self,
                                                 int               dimension,
                                                 double            percent);
const char  *_assay_weights_view_get_weight_error (AssayWeightsView *self,
                                                   int               dimension);
const char  *_assay_weights_view_get_sum_text   (AssayWeightsView *self);
const char  *_assay_weights_view_get_refusal    (AssayWeightsView *self);
GArray      *_assay_weights_view_get_quarters   (AssayWeightsView *self);
/* Chooses the i-th quarter offered; the day chosen (0: none). */
void         _assay_weights_view_set_quarter    (AssayWeightsView *self,
                                                 guint             i);
guint32      _assay_weights_view_get_quarter    (AssayWeightsView *self);
/* What the quarter row says of the quarters it offers. */
const char  *_assay_weights_view_get_quarter_note (AssayWeightsView *self);
void         _assay_weights_view_set_rationale  (AssayWeightsView *self,
                                                 const char       *text);
gboolean     _assay_weights_view_can_propose    (AssayWeightsView *self);
/* The proposals waiting in the outbox shown (their subtitles). */
guint        _assay_weights_view_get_n_waiting  (AssayWeightsView *self);
const char  *_assay_weights_view_get_waiting_subtitle (AssayWeightsView *self,
                                                       guint             i);
/* The calibration shown (NULL while it runs or without a replica). */
const AssayWeightsCalibration *_assay_weights_view_get_calibration (AssayWeightsView *self);
/* Opens the propose dialog as the button does; NULL if Propose is insensitive. */
GtkWidget   *_assay_weights_view_propose        (AssayWeightsView *self);
/* The box of all the groups (for screenshots of the whole tab). */
GtkWidget   *_assay_weights_view_get_content    (AssayWeightsView *self);
/* Scrolls the tab to the editor (for screenshots). */
void         _assay_weights_view_scroll_to_editor (AssayWeightsView *self);
/* Starts the what-if of the editor's weights (as the button does); the
 * what-if view's summary rows, "" until one is shown. */
void         _assay_weights_view_compute_what_if (AssayWeightsView *self);
char        *_assay_weights_view_dup_what_if_summary (AssayWeightsView *self);
AssayWeightsWhatIfView *_assay_weights_view_get_what_if_view (AssayWeightsView *self);
/* Reads the replica again (the outbox after a signing, a new sync). */
void         _assay_weights_view_reload         (AssayWeightsView *self);

G_END_DECLS
