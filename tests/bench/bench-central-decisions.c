/* bench-central-decisions.c — decisions verified and logged per second by the central service
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

/* A real `assay-central serve` on loopback, a roster in force, and N
 * dismissals on N accounts (one committee signature each, 8 entries
 * named) posted one after another over one connection: each is verified
 * (envelope, signatures against the roster, payload, checkpoint named,
 * sequence), appended to the log under the writer lock, covered by a new
 * signed checkpoint and answered with its receipt.  Against the floor:
 * crypto_sign_verify_detached () on the same PAE bytes, in the same run.
 *
 *   bench-central-decisions [N] [RUNS]   (N: 1,000; RUNS: 3; each run on a fresh service)
 */

#include "config.h"

#include <libsoup/soup.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assay-checkpoint.h"
#include "assay-decision.h"
#include "assay-dsse.h"
#include "assay-test-central.h"
#include "assay-test-roster.h"
#include "bench-decision-util.h"
#include "bench-util.h"
#include "assay-test-util.h"

static AssayTestSigners signers;

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static GBytes *
get (SoupSession *session,
     const char  *url)
{
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GError) error = NULL;
  GBytes *body = soup_session_send_and_read (session, msg, NULL, &error);

  if (body == NULL || soup_message_get_status (msg) != 200)
    g_error ("GET %s: %s", url, error != NULL ? error->message : soup_status_get_phrase (soup_message_get_status (msg)));
  return body;
}

/* The checkpoint the service serves now (its note's text). */
static AssayCheckpoint *
served_checkpoint (SoupSession *session,
                   const char  *base)
{
  g_autofree char *url = g_strconcat (base, "checkpoint", NULL);
  g_autoptr(GBytes) body = get (session, url);
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  char *blank = strstr (text, "\n\n");
  AssayCheckpoint *checkpoint;

  g_assert_nonnull (blank);
  blank[1] = '\0';
  checkpoint = assay_checkpoint_parse_text (text, NULL);
  g_assert_nonnull (checkpoint);
  return checkpoint;
}

static char *
decision_envelope (AssayRoster     *roster,
                   AssayCheckpoint *checkpoint,
                   guint            i)
{
  g_autoptr(AssayDecision) d = bench_dismissal_new (roster, &signers, i, 0);

  d->checkpoint_origin = g_strdup (checkpoint->origin);
  d->checkpoint_size = checkpoint->size;
  memcpy (d->checkpoint_root, checkpoint->root, sizeof d->checkpoint_root);
  d->created_at = now () - 60;
  d->not_after = now () + 7 * 86400;
  return bench_sign_by_ana (d, &signers);
}

/* Posts every envelope, one after another; each must be logged (200). */
static double
run_service (SoupSession *session,
             const char  *base,
             GPtrArray   *envelopes)
{
  g_autofree char *url = g_strconcat (base, "decisions", NULL);
  double start = bench_seconds ();

  for (guint i = 0; i < envelopes->len; i++)
    {
      const char *json = g_ptr_array_index (envelopes, i);
      g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, url);
      g_autoptr(GBytes) request = g_bytes_new_static (json, strlen (json));
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
      body = soup_session_send_and_read (session, msg, NULL, &error);
      if (body == NULL || soup_message_get_status (msg) != 200)
        g_error ("decision %u was not logged: %s %.*s", i, error != NULL ? error->message : "",
                 body != NULL ? (int) g_bytes_get_size (body) : 0,
                 body != NULL ? (const char *) g_bytes_get_data (body, NULL) : "");
    }
  return bench_seconds () - start;
}

/* The floor: one Ed25519 verification of the same PAE bytes each. */
static double
run_bare (GPtrArray *envelopes)
{
  const guint8 *pk = assay_key_file_get_public_key (signers.keys[ASSAY_TEST_ANA]);
  g_autoptr(GPtrArray) paes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) sigs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  double start;

  for (guint i = 0; i < envelopes->len; i++)
    {
      g_autoptr(AssayDsseEnvelope) envelope = assay_dsse_envelope_new_from_json (g_ptr_array_index (envelopes, i),
                                                                                -1, NULL);
      AssayDsseSignature *s = g_ptr_array_index (envelope->signatures, 0);

      g_ptr_array_add (paes, assay_dsse_pae (envelope->payload_type, envelope->payload));
      g_ptr_array_add (sigs, g_bytes_ref (s->sig));
    }
  start = bench_seconds ();
  for (guint i = 0; i < paes->len; i++)
    {
      GBytes *pae = g_ptr_array_index (paes, i);

      if (crypto_sign_verify_detached (g_bytes_get_data (g_ptr_array_index (sigs, i), NULL),
                                       g_bytes_get_data (pae, NULL), g_bytes_get_size (pae), pk) != 0)
        g_error ("signature %u does not verify", i);
    }
  return bench_seconds () - start;
}

/* One run on a fresh service: 20 events, then the roster logged today. */
static void
run_once (guint   n,
          double *service,
          double *bare)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autoptr(AssayRoster) roster = assay_test_roster_new (&signers, 1, NULL);
  g_autoptr(GPtrArray) envelopes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (utc, "%Y-%m-%d");
  g_autofree char *lines = assay_test_lines (0, 20, NULL, NULL);
  g_autofree char *roster_json = NULL;
  AssayTestCentral *central = assay_test_central_new ("bench.assay.example/decisions");
  AssayCheckpoint *checkpoint;

  assay_test_central_import (central, lines);
  roster->expires = now () + ASSAY_TEST_YEAR;
  roster_json = assay_test_roster_sign (roster, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
  assay_test_central_append_signed (central, "roster", roster_json, today);
  assay_test_central_start (central);
  checkpoint = served_checkpoint (session, central->url);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (envelopes, decision_envelope (roster, checkpoint, i));
  *service = run_service (session, central->url, envelopes);
  *bare = run_bare (envelopes);
  assay_checkpoint_free (checkpoint);
  assay_test_central_free (central);
}

int
main (int    argc,
      char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 1000;
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 3;
  g_autofree double *service = g_new (double, MAX (runs, 1));
  g_autofree double *bare = g_new (double, MAX (runs, 1));

  if (sodium_init () < 0 || n == 0 || runs == 0)
    return 2;
  g_setenv ("ASSAY_CENTRAL", ASSAY_CENTRAL_PATH, FALSE);
  assay_test_signers_init (&signers);
  printf ("%u dismissals on %u accounts (1 signature each, 8 entries named), posted in turn; %u runs\n", n, n, runs);
  for (guint r = 0; r < runs; r++)
    {
      run_once (n, &service[r], &bare[r]);
      printf ("run %u: verified and logged %.3f s (%.0f /s); bare Ed25519 %.4f s (%.0f /s); ratio %.0f\n",
              r + 1, service[r], n / service[r], bare[r], n / bare[r], service[r] / bare[r]);
    }
  qsort (service, runs, sizeof (double), bench_compare_doubles);
  qsort (bare, runs, sizeof (double), bench_compare_doubles);
  printf ("median: verified and logged %.3f s (%.0f /s); bare Ed25519 %.4f s; ratio %.0f\n",
          service[runs / 2], n / service[runs / 2], bare[runs / 2], service[runs / 2] / bare[runs / 2]);
  assay_test_signers_clear (&signers);
  return 0;
}
