/* assay-ring-layer.h — a lockstep ring as a members × days matrix
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

#include "assay-chart-layer.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_RING_LAYER (assay_ring_layer_get_type ())

G_DECLARE_FINAL_TYPE (AssayRingLayer, assay_ring_layer, ASSAY, RING_LAYER, AssayChartLayer)

/* A ring's members × days matrix in an AssayChart of kind
 * ASSAY_CHART_BARS with format ASSAY_CHART_FORMAT_DAY: one row (category)
 * per member, labelled with the account id; days along the x axis (date
 * ticks); a filled cell where the member attended a shared activity that
 * day.  The ring's common days (those on which at least the quorum of the
 * members attended) are marked by a band down the whole matrix, and their
 * cells take the second colour with an outline, so that they stand out
 * without colour too.  The tooltip of a cell names the member, the day,
 * whether the member attended and how many members did.
 *
 * assay_ring_layer_attach () sets the chart up (kind, format, one
 * category per member) and adds the layer. */
AssayRingLayer *assay_ring_layer_new           (void);
/* `days[m]` (n_members GArrays of guint32, see assay-day.h) are the days
 * member m attended, sorted ascending; `common_days` (guint32, sorted)
 * the days that reached the quorum.  The span runs from the first to the
 * last day of all of them.  Copies everything. */
void            assay_ring_layer_set_data      (AssayRingLayer      *self,
                                                guint                n_members,
                                                const char * const  *members,
                                                GArray * const      *days,
                                                const GArray        *common_days);
/* Kind, format and categories of `chart` for this layer, and the layer
 * added (after the chart's other layers are removed). */
void            assay_ring_layer_attach        (AssayRingLayer      *self,
                                                AssayChart          *chart);
guint           assay_ring_layer_get_n_members (AssayRingLayer      *self);
/* The first and last day of the span; FALSE without data. */
gboolean        assay_ring_layer_get_span      (AssayRingLayer      *self,
                                                guint32             *first,
                                                guint32             *last);
gboolean        assay_ring_layer_attended      (AssayRingLayer      *self,
                                                guint                member,
                                                guint32              day);
gboolean        assay_ring_layer_is_common     (AssayRingLayer      *self,
                                                guint32              day);
/* Where the last draw put the cell of `member` on `day` (for tests); FALSE
 * before a draw or out of range. */
gboolean        assay_ring_layer_get_cell      (AssayRingLayer      *self,
                                                guint                member,
                                                guint32              day,
                                                graphene_rect_t     *rect);

G_END_DECLS
