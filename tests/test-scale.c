/* test-scale.c — tests for axis ticks and the value→pixel scale
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

#include <glib.h>

#include "assay-scale.h"

/* Relative to the step: tick values are multiples of it. */
#define assert_tick(ticks, i, expected) \
  g_assert_cmpfloat_with_epsilon (assay_ticks_get_value (ticks, i), expected, (ticks)->step * 1e-9)

static void
assert_covers (const AssayTicks *ticks,
               double            lo,
               double            hi)
{
  g_assert_cmpfloat (ticks->lo, <=, MIN (lo, hi));
  g_assert_cmpfloat (ticks->hi, >=, MAX (lo, hi));
  g_assert_cmpfloat_with_epsilon (ticks->lo + (ticks->n_ticks - 1) * ticks->step, ticks->hi,
                                  ticks->step * 1e-6);
  assert_tick (ticks, 0, ticks->lo);
  assert_tick (ticks, ticks->n_ticks - 1, ticks->hi);
}

static void
test_nice_step (void)
{
  struct { double range; guint max_ticks; double step; } cases[] = {
    { 10, 5, 2 },
    { 1, 5, 0.2 },
    { 5, 5, 1 },
    { 7, 5, 2 },
    { 12, 5, 5 },
    { 30, 5, 10 },
    { 100, 5, 20 },
    { 1000, 5, 200 },
    { 150000, 5, 50000 },
    { 1253000, 5, 500000 },
    { 0.47, 5, 0.1 },
    { 3e-9, 5, 1e-9 },
    { 4e15, 5, 1e15 },
    { 10, 1, 10 },
    { 10, 0, 10 },          /* no ticks asked for: one step */
    { 0, 5, 1 },
    { -3, 5, 1 },
    { INFINITY, 5, 1 },
    { NAN, 5, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpfloat_with_epsilon (assay_ticks_nice_step (cases[i].range, cases[i].max_ticks),
                                    cases[i].step, cases[i].step * 1e-9);
}

/* Every step is 1, 2 or 5 times a power of ten, and at most max_ticks
 * steps cover the range. */
static void
test_one_two_five (void)
{
  for (double range = 1e-6; range < 1e9; range *= 1.37)
    {
      double step = assay_ticks_nice_step (range, 5);
      double mantissa = step / pow (10, floor (log10 (step) + 1e-9));

      g_assert_true (fabs (mantissa - 1) < 1e-6 || fabs (mantissa - 2) < 1e-6 ||
                     fabs (mantissa - 5) < 1e-6);
      g_assert_cmpfloat (range / step, <=, 5 + 1e-6);
      g_assert_cmpfloat (range / step, >, 1);
    }
}

static void
test_typical (void)
{
  AssayTicks ticks;

  /* Weekly points, counts: 0 … 150,000 in steps of 50,000. */
  assay_ticks_init (&ticks, 0, 114000, 5, 1);
  g_assert_cmpfloat (ticks.lo, ==, 0);
  g_assert_cmpfloat (ticks.hi, ==, 150000);
  g_assert_cmpfloat (ticks.step, ==, 50000);
  g_assert_cmpuint (ticks.n_ticks, ==, 4);
  assert_tick (&ticks, 1, 50000);

  /* Shares: fractions, 0 … 40 % in steps of 20 %. */
  assay_ticks_init (&ticks, 0, 0.318, 5, 0);
  g_assert_cmpfloat_with_epsilon (ticks.step, 0.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (ticks.hi, 0.4, 1e-12);
  g_assert_cmpuint (ticks.n_ticks, ==, 5);
  assert_tick (&ticks, 3, 0.3);
  assert_covers (&ticks, 0, 0.318);

  /* A small count: steps never finer than one. */
  assay_ticks_init (&ticks, 0, 3, 5, 1);
  g_assert_cmpfloat (ticks.step, ==, 1);
  g_assert_cmpuint (ticks.n_ticks, ==, 4);

  /* Data that starts away from zero keeps its own bounds. */
  assay_ticks_init (&ticks, 0.42, 0.58, 5, 0);
  g_assert_cmpfloat_with_epsilon (ticks.step, 0.05, 1e-12);
  g_assert_cmpfloat_with_epsilon (ticks.lo, 0.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (ticks.hi, 0.6, 1e-12);
  g_assert_cmpuint (ticks.n_ticks, ==, 5);

  /* Either order. */
  assay_ticks_init (&ticks, 114000, 0, 5, 1);
  g_assert_cmpfloat (ticks.hi, ==, 150000);
}

static void
test_zero (void)
{
  AssayTicks ticks;

  assay_ticks_init (&ticks, 0, 0, 5, 1);
  g_assert_cmpfloat (ticks.lo, ==, 0);
  g_assert_cmpfloat (ticks.hi, ==, 1);
  g_assert_cmpfloat (ticks.step, ==, 1);
  g_assert_cmpuint (ticks.n_ticks, ==, 2);

  assay_ticks_init (&ticks, 0, 0, 5, 0);
  g_assert_cmpfloat (ticks.lo, ==, 0);
  g_assert_cmpfloat (ticks.hi, ==, 1);
  g_assert_cmpfloat_with_epsilon (ticks.step, 0.2, 1e-12);
  g_assert_cmpuint (ticks.n_ticks, ==, 6);
}

static void
test_single_value (void)
{
  AssayTicks ticks;

  assay_ticks_init (&ticks, 5, 5, 5, 0);
  g_assert_cmpfloat (ticks.lo, ==, 4);
  g_assert_cmpfloat (ticks.hi, ==, 6);
  g_assert_cmpfloat (ticks.step, ==, 0.5);
  assert_covers (&ticks, 5, 5);

  assay_ticks_init (&ticks, -300, -300, 5, 1);
  g_assert_cmpfloat (ticks.lo, ==, -400);
  g_assert_cmpfloat (ticks.hi, ==, -200);
  assert_covers (&ticks, -300, -300);
}

static void
test_negative (void)
{
  AssayTicks ticks;

  /* Across zero: zero is a tick. */
  assay_ticks_init (&ticks, -3, 7, 5, 1);
  g_assert_cmpfloat (ticks.lo, ==, -4);
  g_assert_cmpfloat (ticks.hi, ==, 8);
  g_assert_cmpfloat (ticks.step, ==, 2);
  g_assert_cmpuint (ticks.n_ticks, ==, 7);
  assert_tick (&ticks, 2, 0);
  g_assert_false (signbit (assay_ticks_get_value (&ticks, 2)));

  /* All below zero. */
  assay_ticks_init (&ticks, -870, -120, 5, 1);
  g_assert_cmpfloat (ticks.lo, ==, -1000);
  g_assert_cmpfloat (ticks.hi, ==, 0);
  g_assert_cmpfloat (ticks.step, ==, 200);
  g_assert_false (signbit (assay_ticks_get_value (&ticks, ticks.n_ticks - 1)));

  assay_ticks_init (&ticks, -0.25, -0.05, 5, 0);
  assert_covers (&ticks, -0.25, -0.05);
  g_assert_cmpfloat_with_epsilon (ticks.step, 0.05, 1e-12);
}

static void
test_tiny_and_huge (void)
{
  AssayTicks ticks;

  assay_ticks_init (&ticks, 1e-9, 4e-9, 5, 0);
  g_assert_cmpfloat_with_epsilon (ticks.step, 1e-9, 1e-18);
  g_assert_cmpuint (ticks.n_ticks, ==, 4);
  assert_covers (&ticks, 1e-9, 4e-9);

  /* A range far below the values' precision is one value. */
  assay_ticks_init (&ticks, 1e6, 1e6 + 1e-9, 5, 0);
  g_assert_cmpfloat (ticks.step, ==, 5e5);
  assert_covers (&ticks, 1e6, 1e6);

  assay_ticks_init (&ticks, 0, 3.7e12, 5, 1);
  g_assert_cmpfloat (ticks.step, ==, 1e12);
  g_assert_cmpfloat (ticks.hi, ==, 4e12);

  assay_ticks_init (&ticks, -1e308, 1e308, 5, 0);
  g_assert_true (isfinite (ticks.lo) && isfinite (ticks.hi) && isfinite (ticks.step));
  g_assert_cmpuint (ticks.n_ticks, <=, 7);

  /* Non-finite data counts as zero. */
  assay_ticks_init (&ticks, NAN, 10, 5, 0);
  g_assert_cmpfloat (ticks.lo, ==, 0);
  g_assert_cmpfloat (ticks.hi, ==, 10);
  assay_ticks_init (&ticks, -INFINITY, INFINITY, 5, 0);
  g_assert_cmpfloat (ticks.lo, ==, 0);
  g_assert_cmpfloat (ticks.hi, ==, 1);
}

static void
test_no_stray_tick (void)
{
  AssayTicks ticks;

  /* 0.3 / 0.1 is 2.9999…, 0.7 / 0.1 is 6.9999…: no extra tick either way. */
  assay_ticks_init (&ticks, 0, 0.3, 3, 0);
  g_assert_cmpuint (ticks.n_ticks, ==, 4);
  assay_ticks_init (&ticks, 0.1, 0.7, 6, 0);
  g_assert_cmpuint (ticks.n_ticks, ==, 7);
}

/* The chart's case: 0 … 24,000 in steps of 5,000 (six labels) on an axis
 * with room for four labels must step by 10,000, not drop every other
 * label unevenly ("0, 5,000, 15,000, 25,000"). */
static void
test_fit_coarsens (void)
{
  AssayTicks ticks;

  assay_ticks_init (&ticks, 0, 24000, 5, 1);
  g_assert_cmpfloat (ticks.step, ==, 5000);
  g_assert_cmpuint (ticks.n_ticks, ==, 6);

  /* 250 px, labels 60 px apart at least: 5,000 gives 50 px per step. */
  g_assert_true (assay_ticks_fit (&ticks, 0, 24000, 250, 60));
  g_assert_cmpfloat (ticks.step, ==, 10000);
  g_assert_cmpfloat (ticks.hi, ==, 30000);
  g_assert_cmpuint (ticks.n_ticks, ==, 4);
  assert_covers (&ticks, 0, 24000);
  g_assert_cmpfloat (assay_ticks_spacing (&ticks, 250), >=, 60);

  /* Room enough: nothing changes. */
  assay_ticks_init (&ticks, 0, 6500, 5, 1);
  g_assert_false (assay_ticks_fit (&ticks, 0, 6500, 600, 60));
  g_assert_cmpfloat (ticks.step, ==, 2000);

  /* 0, 2,000, 4,000, 6,000, 8,000 in 200 px with 55 px labels: 5,000. */
  g_assert_true (assay_ticks_fit (&ticks, 0, 6500, 200, 55));
  g_assert_cmpfloat (ticks.step, ==, 5000);
  g_assert_cmpuint (ticks.n_ticks, ==, 3);

  /* No room at all: the two ends stay, one step covering the data. */
  assay_ticks_init (&ticks, 0, 6500, 5, 1);
  assay_ticks_fit (&ticks, 0, 6500, 10, 55);
  g_assert_cmpuint (ticks.n_ticks, ==, 2);
  assert_covers (&ticks, 0, 6500);
  /* … and the chart is told that not even those fit. */
  g_assert_false (assay_ticks_fits (&ticks, 10, 55));
  g_assert_true (assay_ticks_fits (&ticks, 55, 55));
}

/* For any data and room, the fitted ticks are evenly spaced nice steps
 * that cover the data, and are as far apart as asked unless only two
 * are left. */
static void
test_fit_rule (void)
{
  for (double hi = 0.37; hi < 1e7; hi *= 1.91)
    for (double length = 40; length < 1400; length *= 1.7)
      {
        AssayTicks ticks;
        double mantissa;

        assay_ticks_init (&ticks, 0, hi, 5, 0);
        assay_ticks_fit (&ticks, 0, hi, length, 64);
        mantissa = ticks.step / pow (10, floor (log10 (ticks.step) + 1e-9));
        g_assert_true (fabs (mantissa - 1) < 1e-6 || fabs (mantissa - 2) < 1e-6 ||
                       fabs (mantissa - 5) < 1e-6);
        assert_covers (&ticks, 0, hi);
        g_assert_cmpuint (ticks.n_ticks, >=, 2);
        if (ticks.n_ticks > 2)
          g_assert_true (assay_ticks_fits (&ticks, length, 64));
      }
}

static void
test_scale (void)
{
  AssayScale scale;

  /* A vertical axis: 0 at the bottom (pixel 200), 150,000 at the top (20). */
  assay_scale_init (&scale, 0, 150000, 200, 20);
  g_assert_cmpfloat_with_epsilon (assay_scale_map (&scale, 0), 200, 1e-9);
  g_assert_cmpfloat_with_epsilon (assay_scale_map (&scale, 150000), 20, 1e-9);
  g_assert_cmpfloat_with_epsilon (assay_scale_map (&scale, 75000), 110, 1e-9);
  g_assert_cmpfloat_with_epsilon (assay_scale_unmap (&scale, 110), 75000, 1e-9);

  /* Negative values, horizontal. */
  assay_scale_init (&scale, -4, 8, 10, 130);
  g_assert_cmpfloat_with_epsilon (assay_scale_map (&scale, 0), 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (assay_scale_map (&scale, -4), 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (assay_scale_map (&scale, -10), -50, 1e-9);
  g_assert_cmpfloat_with_epsilon (assay_scale_unmap (&scale, 50), 0, 1e-12);

  /* Degenerate domain and range. */
  assay_scale_init (&scale, 3, 3, 10, 130);
  g_assert_cmpfloat_with_epsilon (assay_scale_map (&scale, 42), 10, 1e-9);
  assay_scale_init (&scale, 0, 1, 10, 10);
  g_assert_cmpfloat (assay_scale_unmap (&scale, 99), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/assay/scale/nice-step", test_nice_step);
  g_test_add_func ("/assay/scale/one-two-five", test_one_two_five);
  g_test_add_func ("/assay/scale/typical", test_typical);
  g_test_add_func ("/assay/scale/zero", test_zero);
  g_test_add_func ("/assay/scale/single-value", test_single_value);
  g_test_add_func ("/assay/scale/negative", test_negative);
  g_test_add_func ("/assay/scale/tiny-and-huge", test_tiny_and_huge);
  g_test_add_func ("/assay/scale/no-stray-tick", test_no_stray_tick);
  g_test_add_func ("/assay/scale/fit-coarsens", test_fit_coarsens);
  g_test_add_func ("/assay/scale/fit-rule", test_fit_rule);
  g_test_add_func ("/assay/scale/scale", test_scale);

  return g_test_run ();
}
