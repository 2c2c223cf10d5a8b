/* bench-decisions.c — verifying logged decisions, against bare Ed25519 verification
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

/* A workstation verifies every decision entry of the log during sync
 * (assay-decision-log.c): the envelope parsed, every signature checked
 * against the roster in force, the payload parsed and checked canonical,
 * the deployment, times, roster reference and roles.  This measures that
 * for N decisions (default 10,000) against the floor it cannot beat:
 * crypto_sign_verify_detached () on the same PAE bytes, in the same run.
 *
 *   bench-decisions [N] [RUNS]     (RUNS: 3; prints each run and the medians)
 */

#include "config.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>

#include "assay-decision-verify.h"
#include "assay-test-roster.h"
#include "bench-decision-util.h"
#include "bench-util.h"

static AssayTestSigners signers;

static char *
decision_envelope (AssayRoster *roster,
                   guint        i)
{
  g_autoptr(AssayDecision) d = bench_dismissal_new (roster, &signers, i, 1000 + 8 * (guint64) i);

  d->checkpoint_origin = g_strdup ("bench.assay.example/log");
  d->checkpoint_size = 1000000;
  d->created_at = ASSAY_TEST_NOW;
  d->not_after = ASSAY_TEST_NOW + 7 * 86400;
  return bench_sign_by_ana (d, &signers);
}

/* What sync does per decision entry, but the database write. */
static double
run_full (GPtrArray        *envelopes,
          AssayRosterChain *chain)
{
  double start = bench_seconds ();

  for (guint i = 0; i < envelopes->len; i++)
    {
      const char *json = g_ptr_array_index (envelopes, i);
      g_autoptr(AssayDsseEnvelope) envelope = assay_dsse_envelope_new_from_json (json, -1, NULL);
      g_autoptr(AssayDecisionResult) result = NULL;
      g_autoptr(GError) error = NULL;

      if (envelope == NULL ||
          !assay_decision_verify (envelope, chain, ASSAY_TEST_DEPLOYMENT, ASSAY_TEST_NOW + 60, &result, &error) ||
          !result->complete)
        g_error ("decision %u does not verify: %s", i, error != NULL ? error->message : "incomplete");
    }
  return bench_seconds () - start;
}

/* The floor: one Ed25519 verification of the same PAE bytes each. */
static double
run_bare (GPtrArray *paes,
          GPtrArray *sigs)
{
  const guint8 *pk = assay_key_file_get_public_key (signers.keys[ASSAY_TEST_ANA]);
  double start = bench_seconds ();

  for (guint i = 0; i < paes->len; i++)
    {
      GBytes *pae = g_ptr_array_index (paes, i);
      GBytes *sig = g_ptr_array_index (sigs, i);

      if (crypto_sign_verify_detached (g_bytes_get_data (sig, NULL), g_bytes_get_data (pae, NULL),
                                       g_bytes_get_size (pae), pk) != 0)
        g_error ("signature %u does not verify", i);
    }
  return bench_seconds () - start;
}

int
main (int    argc,
      char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 10000;
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 3;
  g_autoptr(GPtrArray) envelopes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) paes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) sigs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(AssayRosterChain) chain = assay_roster_chain_new ();
  g_autoptr(AssayRoster) roster = NULL;
  g_autofree char *roster_json = NULL;
  g_autofree double *full = g_new (double, MAX (runs, 1));
  g_autofree double *bare = g_new (double, MAX (runs, 1));

  if (sodium_init () < 0 || n == 0 || runs == 0)
    return 2;
  assay_test_signers_init (&signers);
  roster = assay_test_roster_new (&signers, 1, NULL);
  roster_json = assay_test_roster_sign (roster, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
  if (!assay_roster_chain_append (chain, roster_json, -1, ASSAY_TEST_NOW, NULL))
    g_error ("the roster does not verify");
  for (guint i = 0; i < n; i++)
    {
      char *json = decision_envelope (roster, i);
      g_autoptr(AssayDsseEnvelope) envelope = assay_dsse_envelope_new_from_json (json, -1, NULL);
      AssayDsseSignature *s = g_ptr_array_index (envelope->signatures, 0);

      g_ptr_array_add (envelopes, json);
      g_ptr_array_add (paes, assay_dsse_pae (envelope->payload_type, envelope->payload));
      g_ptr_array_add (sigs, g_bytes_ref (s->sig));
    }
  printf ("%u decisions (1 signature each, 8 entries named), %u runs\n", n, runs);
  for (guint r = 0; r < runs; r++)
    {
      full[r] = run_full (envelopes, chain);
      bare[r] = run_bare (paes, sigs);
      printf ("run %u: verify as sync does %.3f s (%.0f /s); bare Ed25519 %.3f s (%.0f /s); ratio %.2f\n",
              r + 1, full[r], n / full[r], bare[r], n / bare[r], full[r] / bare[r]);
    }
  qsort (full, runs, sizeof (double), bench_compare_doubles);
  qsort (bare, runs, sizeof (double), bench_compare_doubles);
  printf ("median: verify as sync does %.3f s (%.0f /s); bare Ed25519 %.3f s; ratio %.2f\n",
          full[runs / 2], n / full[runs / 2], bare[runs / 2], full[runs / 2] / bare[runs / 2]);
  assay_test_signers_clear (&signers);
  return 0;
}
