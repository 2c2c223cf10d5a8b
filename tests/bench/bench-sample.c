/* bench-sample.c — drawing the 6.2 audit sample from N leaf indices
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

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "assay-audit-sample.h"

#include "bench-util.h"

/* Drawing the 6.2 sample is one SHA-256 of 40 bytes (seed ‖ index) and a
 * comparison per leaf index.  The draw goes through
 * assay_audit_sample_filter () over N indices in blocks of a million (each
 * split over the processors' threads); the
 * reference is bare SHA-256 of the same N inputs and the same comparison:
 * OpenSSL's EVP digest with the algorithm fetched once and one context
 * reused, the fastest path OpenSSL 3 offers (its one-shot SHA256 ()
 * fetches the algorithm on every call and is slower). */

#define BLOCK 1000000

static double
seconds_since (gint64 t0)
{
  return (g_get_monotonic_time () - t0) / 1e6;
}

static double
reference (const guint8 seed[32],
           guint64      n,
           guint64      threshold,
           guint64     *out_picked)
{
  guint8 block[40], h[32];
  EVP_MD *md = EVP_MD_fetch (NULL, "SHA256", NULL);
  EVP_MD_CTX *ctx = EVP_MD_CTX_new ();
  gint64 t0 = g_get_monotonic_time ();

  memcpy (block, seed, 32);
  *out_picked = 0;
  for (guint64 i = 0; i < n; i++)
    {
      guint64 v = 0;

      for (guint b = 0; b < 8; b++)
        block[32 + b] = i >> (56 - 8 * b);
      EVP_DigestInit_ex2 (ctx, md, NULL);
      EVP_DigestUpdate (ctx, block, sizeof block);
      EVP_DigestFinal_ex (ctx, h, NULL);
      for (guint b = 0; b < 8; b++)
        v = v << 8 | h[b];
      *out_picked += v < threshold;
    }
  t0 = g_get_monotonic_time () - t0;
  EVP_MD_CTX_free (ctx);
  EVP_MD_free (md);
  return t0 / 1e6;
}

static double
draw (const guint8 seed[32],
      guint64      n,
      guint64      threshold,
      GArray      *out)
{
  g_autofree guint64 *indices = g_new (guint64, BLOCK);
  gint64 t0 = g_get_monotonic_time ();

  for (guint64 first = 0; first < n; first += BLOCK)
    {
      guint64 len = MIN (BLOCK, n - first);

      for (guint64 i = 0; i < len; i++)
        indices[i] = first + i;
      assay_audit_sample_filter (seed, threshold, indices, len, out);
    }
  return seconds_since (t0);
}

int
main (int argc, char **argv)
{
  guint64 n = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 100000000;
  const char *rate = argc > 2 ? argv[2] : "0.1";
  g_autoptr(GArray) sample = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint8 root[32] = { 0 }, seed[32];
  guint64 threshold = 0, picked_ref = 0;
  double t_ref, t_draw, c0, c_ref, c_draw;

  if (!assay_audit_sample_parse_rate (rate, NULL, &threshold, NULL))
    {
      fprintf (stderr, "usage: bench-sample [N [RATE]]\n");
      return EXIT_FAILURE;
    }
  assay_audit_sample_seed (2026, "31", n, root, seed);
  c0 = bench_cpu_seconds ();
  t_ref = reference (seed, n, threshold, &picked_ref);
  c_ref = bench_cpu_seconds () - c0;
  c0 = bench_cpu_seconds ();
  t_draw = draw (seed, n, threshold, sample);
  c_draw = bench_cpu_seconds () - c0;
  if (sample->len != picked_ref)
    {
      fprintf (stderr, "bench-sample: the draw picked %u, the reference %" G_GUINT64_FORMAT "\n",
               sample->len, picked_ref);
      return EXIT_FAILURE;
    }
  printf ("leaf indices:                       %" G_GUINT64_FORMAT "\n", n);
  printf ("rate:                               %s (%u picked)\n", rate, sample->len);
  printf ("reference, bare SHA-256 x N:        %.3f s wall, %.3f s CPU (%.0f ns CPU each)\n",
          t_ref, c_ref, 1e9 * c_ref / n);
  printf ("assay_audit_sample_filter x N:      %.3f s wall, %.3f s CPU (%.0f ns CPU each, %u threads)\n",
          t_draw, c_draw, 1e9 * c_draw / n, g_get_num_processors ());
  printf ("ratio draw / reference:             %.2f wall, %.2f CPU\n", t_draw / t_ref, c_draw / c_ref);
  return EXIT_SUCCESS;
}
