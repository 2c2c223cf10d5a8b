/* assay-scale.h — nice axis ticks and the linear value→pixel scale, GTK-free
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

#include <glib.h>

G_BEGIN_DECLS

/* The ticks of a value axis: lo, lo + step, …, hi, with a step of 1, 2 or 5
 * times a power of ten.  The axis runs from the first tick to the last, so
 * lo ≤ the data's minimum and hi ≥ its maximum. */
typedef struct
{
  double lo;       /* the first tick, where the axis starts */
  double hi;       /* the last tick, where the axis ends */
  double step;     /* the distance between two ticks */
  guint  n_ticks;  /* hi = lo + (n_ticks - 1) × step */
} AssayTicks;

/* A linear map from the values domain_lo … domain_hi to the pixels
 * range_lo … range_hi (range_lo may be the larger: a vertical axis grows
 * upwards). */
typedef struct
{
  double domain_lo;
  double domain_hi;
  double range_lo;
  double range_hi;
} AssayScale;

/* 1, 2 or 5 times a power of ten, the smallest that covers `range` in at
 * most `max_ticks` steps; 1 for an empty, negative or non-finite range. */
double  assay_ticks_nice_step (double            range,
                               guint             max_ticks);
/* Ticks for data from `data_lo` to `data_hi` (in either order) in about
 * `max_ticks` steps, none finer than `min_step` (0: no limit; 1 for
 * counts).  An empty range 0 … 0 becomes 0 … 1; another single value v
 * gets a step of its order of magnitude on either side.  Non-finite
 * values count as 0; huge ones are clamped to ±1e300. */
void    assay_ticks_init      (AssayTicks       *ticks,
                               double            data_lo,
                               double            data_hi,
                               guint             max_ticks,
                               double            min_step);
/* Coarsens `ticks` (from assay_ticks_init () on the same data) to the
 * next nice steps, 1 → 2 → 5 → 10, until neighbouring ticks are at least
 * `min_spacing` apart on an axis `length` long, so that every tick keeps
 * its label and the ticks stay evenly spaced; stops at two ticks.
 * Returns TRUE if it changed the step. */
gboolean assay_ticks_fit      (AssayTicks       *ticks,
                               double            data_lo,
                               double            data_hi,
                               double            length,
                               double            min_spacing);
/* Whether neighbouring ticks are at least `min_spacing` apart on an axis
 * `length` long: when even two do not fit, a chart labels none of them
 * rather than some. */
gboolean assay_ticks_fits     (const AssayTicks *ticks,
                               double            length,
                               double            min_spacing);
/* The distance on an axis `length` long between two neighbouring ticks. */
double  assay_ticks_spacing   (const AssayTicks *ticks,
                               double            length);
/* The value of tick `i` (0 … n_ticks - 1), exact for integer multiples;
 * never -0. */
double  assay_ticks_get_value (const AssayTicks *ticks,
                               guint             i);

/* An empty domain maps everything to range_lo. */
void    assay_scale_init      (AssayScale       *scale,
                               double            domain_lo,
                               double            domain_hi,
                               double            range_lo,
                               double            range_hi);
double  assay_scale_map       (const AssayScale *scale,
                               double            value);
/* The inverse of assay_scale_map (); domain_lo for an empty range. */
double  assay_scale_unmap     (const AssayScale *scale,
                               double            pixel);

G_END_DECLS
