/* bench-decision-util.c — what the decision benchmarks share
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

#include "assay-dsse.h"
#include "bench-decision-util.h"

AssayDecision *
bench_dismissal_new (AssayRoster      *roster,
                     AssayTestSigners *signers,
                     guint             i,
                     guint64           first_entry)
{
  AssayDecision *d = assay_decision_new ();

  d->deployment = g_strdup (ASSAY_TEST_DEPLOYMENT);
  d->kind = d->outcome = ASSAY_DECISION_KIND_DISMISS;
  d->role = ASSAY_ROLE_COMMITTEE;
  d->subject_kind = ASSAY_SUBJECT_ACCOUNT;
  d->subject_id = g_strdup_printf ("acct-%06u", i);
  d->subject_seq = 1;
  d->rationale = g_strdup ("Reviewed: a seasonal peak, documented by the county.");
  d->rule_set_name = g_strdup ("pilot");
  d->rule_set_version = 2;
  d->rule_set_sha256 = g_strnfill (64, 'a');
  assay_decision_add_flag (d, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
  for (guint k = 0; k < 8; k++)
    assay_decision_add_entry (d, first_entry + k, "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc");
  d->roster_version = roster->version;
  d->roster_sha256 = g_strdup (roster->sha256);
  d->author = g_strdup (signers->keyids[ASSAY_TEST_ANA]);
  return d;
}

char *
bench_sign_by_ana (AssayDecision    *d,
                   AssayTestSigners *signers)
{
  g_autoptr(GBytes) payload = assay_decision_to_payload (d, NULL);
  g_autoptr(AssayDsseEnvelope) envelope = NULL;
  AssayKeyFile *key = signers->keys[ASSAY_TEST_ANA];

  g_assert_nonnull (payload);
  envelope = assay_dsse_envelope_new_signed (ASSAY_DECISION_PAYLOAD_TYPE, payload, &key, 1);
  return assay_dsse_envelope_to_json (envelope);
}

double
bench_seconds (void)
{
  return g_get_monotonic_time () / (double) G_USEC_PER_SEC;
}
