/* assay-witness-policy.c — the witness quorum policy of sync
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

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "assay-config.h"
#include "assay-error.h"
#include "assay-witness-policy.h"

struct _AssayWitnessPolicy
{
  GPtrArray *verifiers;   /* AssayNoteVerifier, type 0x04 */
  char     **keys;
  guint      quorum;
};

AssayWitnessPolicy *
assay_witness_policy_new (const char * const *keys,
                           guint quorum,
                           GError **error)
{
  g_autoptr(AssayWitnessPolicy) policy = NULL;

  if (!assay_config_check_witnesses (keys, quorum, error))
    return NULL;

  policy = g_new0 (AssayWitnessPolicy, 1);
  policy->verifiers = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_note_verifier_unref);
  policy->keys = g_strdupv ((char **) keys);
  if (policy->keys == NULL)
    policy->keys = g_new0 (char *, 1);
  policy->quorum = quorum;
  for (guint i = 0; policy->keys[i] != NULL; i++)
    {
      AssayNoteVerifier *v = assay_note_verifier_new_from_string (policy->keys[i], error);

      if (v == NULL)
        return NULL;
      g_ptr_array_add (policy->verifiers, v);
    }
  return g_steal_pointer (&policy);
}

void
assay_witness_policy_free (AssayWitnessPolicy *policy)
{
  if (policy == NULL)
    return;
  g_clear_pointer (&policy->verifiers, g_ptr_array_unref);
  g_strfreev (policy->keys);
  g_free (policy);
}

const char * const *
assay_witness_policy_get_keys (AssayWitnessPolicy *policy)
{
  return (const char * const *) policy->keys;
}

static AssayCheckpoint *
fail (AssayWitnessResult *out_result,
      AssayWitnessResult result)
{
  *out_result = result;
  return NULL;
}

AssayCheckpoint *
assay_witness_policy_open_checkpoint (AssayWitnessPolicy *policy,
                                const char *note_text,
                                gsize len,
                                AssayNoteVerifier *log_key,
                                AssayWitnessResult *out_result,
                                guint *out_cosigned,
                                GError **error)
{
  g_autoptr(AssayCheckpoint) checkpoint = NULL;
  g_autoptr(AssayNote) note = NULL;
  g_autoptr(GError) local_error = NULL;
  AssayNoteVerifier **witnesses = (AssayNoteVerifier **) policy->verifiers->pdata;
  guint n_witnesses = policy->verifiers->len;

  *out_cosigned = 0;

  /* The log's own signature first, so that a failure below can only be a
   * witness's. */
  checkpoint = assay_checkpoint_open (note_text, len, log_key, NULL, 0, NULL, &local_error);
  if (checkpoint == NULL)
    {
      gboolean forged = g_error_matches (local_error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);

      g_propagate_error (error, g_steal_pointer (&local_error));
      return fail (out_result, forged ? ASSAY_WITNESS_BAD_SIGNATURE : ASSAY_WITNESS_MALFORMED);
    }
  if (n_witnesses == 0)
    {
      *out_result = ASSAY_WITNESS_OK;
      return g_steal_pointer (&checkpoint);
    }

  g_clear_pointer (&checkpoint, assay_checkpoint_free);
  checkpoint = assay_checkpoint_open (note_text, len, log_key, witnesses, n_witnesses,
                                      &note, &local_error);
  if (checkpoint == NULL)
    {
      gboolean forged = g_error_matches (local_error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);

      g_propagate_error (error, g_steal_pointer (&local_error));
      return fail (out_result, forged ? ASSAY_WITNESS_BAD_COSIGNATURE : ASSAY_WITNESS_MALFORMED);
    }

  *out_cosigned = assay_note_count_verified (note, witnesses, n_witnesses);
  if (*out_cosigned < policy->quorum)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_FAILED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The server's checkpoint of %" PRIu64 " entries has %u of the %u "
                                "required witness cosignature; the witnesses may not have seen it "
                                "yet. The replica is unchanged; try again later.",
                                "The server's checkpoint of %" PRIu64 " entries has %u of the %u "
                                "required witness cosignatures; the witnesses may not have seen it "
                                "yet. The replica is unchanged; try again later.",
                                policy->quorum),
                   checkpoint->size, *out_cosigned, policy->quorum);
      return fail (out_result, ASSAY_WITNESS_NO_QUORUM);
    }

  *out_result = ASSAY_WITNESS_OK;
  return g_steal_pointer (&checkpoint);
}

guint
assay_witness_policy_get_quorum (AssayWitnessPolicy *policy)
{
  return policy->quorum;
}

guint
assay_witness_policy_get_n_witnesses (AssayWitnessPolicy *policy)
{
  return policy->verifiers->len;
}
