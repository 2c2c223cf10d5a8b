/* assay-weights.h — the committee's six dimension weights: parsed, checked, written
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

#include <json-glib/json-glib.h>

#include "assay-entry.h"

G_BEGIN_DECLS

/* Weights are whole basis points (hundredths of a percent): the payload
 * is canonical JSON, which allows integers only, and two decimals of a
 * percentage are exactly one basis point. */
#define ASSAY_WEIGHTS_TOTAL 10000

/* The one history of weights: every weights decision is on subject
 * {weights, "pilot"} and supersedes the one before. */
#define ASSAY_WEIGHTS_SUBJECT_ID "pilot"

/* A weights version: the six weights in AssayDimension order and the
 * first day (a GDate Julian day, assay-day.h) of the quarter it is
 * proposed to take effect on. */
typedef struct
{
  gint64  basis_points[ASSAY_N_DIMENSIONS];
  guint32 effective_day;
} AssayWeights;

/* The plan's range of `dimension`, inclusive, in basis points
 * (professional 2000–3000, …). */
void      assay_weights_get_range     (AssayDimension       dimension,
                                       gint64              *out_min,
                                       gint64              *out_max);

/* Whether the weight of `dimension` lies in its plan range: the refusal
 * assay_weights_check () gives for it, so that an editor can show it
 * beside that weight while another is refused too. */
gboolean  assay_weights_check_range   (const AssayWeights  *weights,
                                       AssayDimension       dimension,
                                       GError             **error);

/* Parses "professional=25,knowledge=20,…": each of the six dimension ids
 * (assay_dimension_to_id) once, each a percentage with at most two
 * decimals ("25", "25.5", "25.25").  Only the form is checked here; the
 * effective day is left as it was.  ASSAY_ERROR_INVALID_ARGUMENT with a
 * message naming what is wrong. */
gboolean  assay_weights_parse_set     (const char          *text,
                                       AssayWeights        *out_weights,
                                       GError             **error);

/* Whether `weights` may be proposed: each weight inside its range, the
 * six summing to exactly 100 %, the effective day the first day of a
 * quarter.  ASSAY_ERROR_INVALID_ARGUMENT naming the weight and its range,
 * the sum, or the date. */
gboolean  assay_weights_check         (const AssayWeights  *weights,
                                       GError             **error);

/* The weights as a person reads them: "professional 25 %, knowledge 20 %, …"
 * with the dimensions' translated names. */
char     *assay_weights_format        (const AssayWeights  *weights);
/* One weight as a percentage: "25", "25.5", "25.25". */
char     *assay_weights_format_percent (gint64              basis_points);

/* The decision payload's member: {"basis_points": {"community": 1500, …},
 * "effective": "2027-04-01"}. */
JsonObject *assay_weights_to_json     (const AssayWeights  *weights);
/* Reads that member strictly (exactly those members, the six ids, integers)
 * and checks it as assay_weights_check () does; ASSAY_ERROR_INVALID_DATA. */
gboolean  assay_weights_from_json     (JsonObject          *object,
                                       AssayWeights        *out_weights,
                                       GError             **error);
/* The same for a weights decision's params, which hold exactly that member
 * as "weights". */
gboolean  assay_weights_from_params   (JsonObject          *params,
                                       AssayWeights        *out_weights,
                                       GError             **error);

G_END_DECLS
