/* assay-replica-witness.c — the witness policy a replica's checkpoint was accepted under
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

#include <string.h>

#include "assay-replica-private.h"
#include "assay-witness-policy.h"

gboolean
_assay_replica_store_witness_policy (sqlite3 *db,
                                     AssayWitnessPolicy *policy,
                                     GError **error)
{
  g_autofree char *keys = g_strjoinv ("\n", (char **) assay_witness_policy_get_keys (policy));

  return _assay_db_meta_set_text (db, "witness_keys", keys, error) &&
         _assay_db_meta_set_int (db, "witness_quorum", assay_witness_policy_get_quorum (policy),
                                 error);
}

void
_assay_replica_read_witness_quorum (sqlite3 *db,
                                    guint *out_quorum,
                                    guint *out_n_witnesses,
                                    guint *out_cosigned)
{
  g_autofree char *keys = _assay_db_meta_get_text (db, "witness_keys");
  g_autofree char *note = _assay_db_meta_get_text (db, "note");
  g_autofree char *log_key = _assay_db_meta_get_text (db, "log_key");
  g_auto(GStrv) key_list = NULL;
  g_autoptr(AssayWitnessPolicy) policy = NULL;
  g_autoptr(AssayNoteVerifier) log_verifier = NULL;
  g_autoptr(AssayCheckpoint) checkpoint = NULL;
  AssayWitnessResult result;
  guint quorum = _assay_db_meta_get_int (db, "witness_quorum", 0);

  *out_quorum = *out_n_witnesses = *out_cosigned = 0;
  if (keys == NULL || *keys == '\0' || note == NULL || log_key == NULL)
    return;

  key_list = g_strsplit (keys, "\n", -1);
  policy = assay_witness_policy_new ((const char * const *) key_list, quorum, NULL);
  log_verifier = assay_note_verifier_new_from_string (log_key, NULL);
  if (policy == NULL || log_verifier == NULL)
    return;
  *out_quorum = quorum;
  *out_n_witnesses = assay_witness_policy_get_n_witnesses (policy);
  /* The stored note met the quorum when it was stored; count again rather
   * than trust a stored number. */
  checkpoint = assay_witness_policy_open_checkpoint (policy, note, strlen (note), log_verifier,
                                                     &result, out_cosigned, NULL);
}
