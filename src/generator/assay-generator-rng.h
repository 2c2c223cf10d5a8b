/* assay-generator-rng.h — the generator's random numbers: xoshiro256** seeded with splitmix64
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
#include <math.h>

G_BEGIN_DECLS

/* One stream serves the whole generator, so a seed always gives the same
 * bytes; everything here is inline because the daily pass draws millions
 * of numbers. */
typedef struct
{
  guint64 s[4];
} Rng;

static inline guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += 0x9e3779b97f4a7c15ULL);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static inline guint64
rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

static inline void
rng_seed (Rng     *rng,
          guint64  seed)
{
  guint64 state = seed;

  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&state);
}

static inline guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in [0, 1). */
static inline double
rng_uniform (Rng *rng)
{
  return (rng_next (rng) >> 11) * 0x1.0p-53;
}

/* Uniform in [0, n); the bias is below n / 2^32, far under any effect here. */
static inline guint32
rng_below (Rng     *rng,
           guint32  n)
{
  return (guint32) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

static inline int
rng_range (Rng *rng,
           int  lo,
           int  hi)
{
  return lo + (int) rng_below (rng, (guint32) (hi - lo + 1));
}

static inline double
rng_normal (Rng *rng)
{
  double u1 = 1.0 - rng_uniform (rng);
  double u2 = rng_uniform (rng);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

/* Inverse transform; most calls have a tiny mean, and u < 1 − μ ≤ e^−μ
 * answers 0 without computing the exponential. */
static inline guint
rng_poisson (Rng    *rng,
             double  mu)
{
  double u = rng_uniform (rng);
  double p, f;
  guint k = 0;

  if (u < 1.0 - mu)
    return 0;
  p = exp (-mu);
  f = p;
  while (u > f && k < 1000)
    {
      k++;
      p *= mu / k;
      f += p;
    }
  return k;
}

static inline guint
rng_pick (Rng          *rng,
          const double *odds,
          guint         n)
{
  double u = rng_uniform (rng);

  for (guint i = 0; i + 1 < n; i++)
    {
      if (u < odds[i])
        return i;
      u -= odds[i];
    }
  return n - 1;
}

static inline double
rng_choice (Rng          *rng,
            const double *values,
            const double *odds,
            guint         n)
{
  return values[rng_pick (rng, odds, n)];
}

G_END_DECLS
