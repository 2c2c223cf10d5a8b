/* assay-scale.c — nice axis ticks and the linear value→pixel scale, GTK-free
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

#include "config.h"

#include <math.h>

#include "assay-scale.h"

/* Beyond these the arithmetic below loses its meaning: |v| > 1e300 could
 * overflow a range, |v| < 1e-300 has no power of ten to step by. */
#define HUGE_VALUE  1e300
#define TINY_VALUE  1e-300
/* A range this small next to its values is one value. */
#define SAME_VALUE  1e-12
/* Slack for log10 () and division landing next to 1, 2 or 5. */
#define STEP_SLACK  1e-9

static double
sanitize (double value)
{
  if (!isfinite (value) || fabs (value) < TINY_VALUE)
    return 0;
  return CLAMP (value, -HUGE_VALUE, HUGE_VALUE);
}

static gboolean
is_one_value (double lo,
              double hi)
{
  return hi - lo <= MAX (fabs (lo), fabs (hi)) * SAME_VALUE;
}

/* A single value v: v ± its order of magnitude, or 0 … 1 for 0. */
static void
widen (double *lo,
       double *hi)
{
  double v = (*lo + *hi) / 2;
  double magnitude;

  if (v == 0)
    {
      *lo = 0;
      *hi = 1;
      return;
    }
  magnitude = pow (10, floor (log10 (fabs (v))));
  *lo = v - magnitude;
  *hi = v + magnitude;
}

double
assay_ticks_nice_step (double range,
                       guint  max_ticks)
{
  double raw, magnitude, f;

  if (!isfinite (range) || !(range > 0))
    return 1;

  raw = range / MAX (max_ticks, 1);
  magnitude = pow (10, floor (log10 (raw)));
  f = raw / magnitude;
  if (f <= 1 + STEP_SLACK)
    return magnitude;
  if (f <= 2 + STEP_SLACK)
    return 2 * magnitude;
  if (f <= 5 + STEP_SLACK)
    return 5 * magnitude;
  return 10 * magnitude;
}

/* The nice step after `step`: 1 → 2 → 5 → 10 times its power of ten. */
static double
next_step (double step)
{
  double magnitude = pow (10, floor (log10 (step) + STEP_SLACK));
  double f = step / magnitude;

  if (f < 2 - STEP_SLACK)
    return 2 * magnitude;
  if (f < 5 - STEP_SLACK)
    return 5 * magnitude;
  return 10 * magnitude;
}

/* The ticks at multiples of `step` that cover lo … hi. */
static void
place (AssayTicks *ticks,
       double      lo,
       double      hi,
       double      step)
{
  double first = floor (lo / step + STEP_SLACK);
  double last = ceil (hi / step - STEP_SLACK);

  ticks->step = step;
  ticks->lo = first * step;
  ticks->hi = last * step;
  ticks->n_ticks = (guint) (last - first) + 1;
}

/* The data range assay_ticks_init () covers: sanitized, ordered, widened. */
static void
data_range (double  data_lo,
            double  data_hi,
            double *lo,
            double *hi)
{
  *lo = MIN (sanitize (data_lo), sanitize (data_hi));
  *hi = MAX (sanitize (data_lo), sanitize (data_hi));
  if (is_one_value (*lo, *hi))
    widen (lo, hi);
}

void
assay_ticks_init (AssayTicks *ticks,
                  double      data_lo,
                  double      data_hi,
                  guint       max_ticks,
                  double      min_step)
{
  double lo, hi, step;

  g_return_if_fail (ticks != NULL);

  data_range (data_lo, data_hi, &lo, &hi);
  step = assay_ticks_nice_step (hi - lo, max_ticks);
  if (min_step > 0 && step < min_step)
    step = min_step;
  place (ticks, lo, hi, step);
}

double
assay_ticks_spacing (const AssayTicks *ticks,
                     double            length)
{
  g_return_val_if_fail (ticks != NULL, 0);

  return ticks->n_ticks > 1 ? length / (ticks->n_ticks - 1) : length;
}

gboolean
assay_ticks_fits (const AssayTicks *ticks,
                  double            length,
                  double            min_spacing)
{
  g_return_val_if_fail (ticks != NULL, FALSE);

  return assay_ticks_spacing (ticks, length) >= min_spacing;
}

gboolean
assay_ticks_fit (AssayTicks *ticks,
                 double      data_lo,
                 double      data_hi,
                 double      length,
                 double      min_spacing)
{
  double lo, hi;
  gboolean changed = FALSE;

  g_return_val_if_fail (ticks != NULL, FALSE);

  data_range (data_lo, data_hi, &lo, &hi);
  while (ticks->n_ticks > 2 && !assay_ticks_fits (ticks, length, min_spacing))
    {
      place (ticks, lo, hi, next_step (ticks->step));
      changed = TRUE;
    }
  return changed;
}

double
assay_ticks_get_value (const AssayTicks *ticks,
                       guint             i)
{
  double value;

  g_return_val_if_fail (ticks != NULL, 0);

  value = (round (ticks->lo / ticks->step) + i) * ticks->step;
  return value == 0 ? 0 : value;
}

void
assay_scale_init (AssayScale *scale,
                  double      domain_lo,
                  double      domain_hi,
                  double      range_lo,
                  double      range_hi)
{
  g_return_if_fail (scale != NULL);

  scale->domain_lo = domain_lo;
  scale->domain_hi = domain_hi;
  scale->range_lo = range_lo;
  scale->range_hi = range_hi;
}

double
assay_scale_map (const AssayScale *scale,
                 double            value)
{
  double factor;

  g_return_val_if_fail (scale != NULL, 0);

  if (scale->domain_hi == scale->domain_lo)
    return scale->range_lo;
  factor = (scale->range_hi - scale->range_lo) / (scale->domain_hi - scale->domain_lo);
  return scale->range_lo + (value - scale->domain_lo) * factor;
}

double
assay_scale_unmap (const AssayScale *scale,
                   double            pixel)
{
  double factor;

  g_return_val_if_fail (scale != NULL, 0);

  if (scale->range_hi == scale->range_lo)
    return scale->domain_lo;
  factor = (scale->domain_hi - scale->domain_lo) / (scale->range_hi - scale->range_lo);
  return scale->domain_lo + (pixel - scale->range_lo) * factor;
}
