/* assay-witness-policy.h — which witnesses a replica trusts, and how many must cosign
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

#include "assay-checkpoint.h"

G_BEGIN_DECLS

/* Which witnesses (C2SP tlog-cosignature keys, type 0x04) a sync trusts,
 * and how many of them must have cosigned a checkpoint before the replica
 * accepts it.  Follows signed-note: a configured witness whose
 * cosignature fails to verify rejects the note (a forgery, a security
 * alert); cosignatures by other keys are ignored; too few valid ones is
 * no forgery, only a checkpoint the witnesses have not seen yet. */
typedef struct _AssayWitnessPolicy AssayWitnessPolicy;

typedef enum
{
  ASSAY_WITNESS_OK,
  ASSAY_WITNESS_MALFORMED,       /* not a checkpoint note */
  ASSAY_WITNESS_BAD_SIGNATURE,   /* the log's own signature fails */
  ASSAY_WITNESS_BAD_COSIGNATURE, /* a configured witness's cosignature fails */
  ASSAY_WITNESS_NO_QUORUM,       /* fewer valid cosignatures than the quorum */
} AssayWitnessResult;

/* Validates with assay_config_check_witnesses (ASSAY_ERROR_INVALID_ARGUMENT). */
AssayWitnessPolicy *assay_witness_policy_new   (const char * const  *keys,
                                                 guint                quorum,
                                                 GError             **error);
void                assay_witness_policy_free  (AssayWitnessPolicy  *policy);
/* The configured keys, as given (for evidence). */
const char * const *assay_witness_policy_get_keys (AssayWitnessPolicy *policy);

/* Opens a checkpoint note under the log key and the policy.  Returns the
 * checkpoint only for ASSAY_WITNESS_OK; otherwise `out_result` says why
 * and `error` says it in words.  `out_cosigned`: how many configured
 * witnesses validly cosigned (also for ASSAY_WITNESS_NO_QUORUM). */
AssayCheckpoint    *assay_witness_policy_open_checkpoint (AssayWitnessPolicy  *policy,
                                                    const char          *note,
                                                    gsize                len,
                                                    AssayNoteVerifier   *log_key,
                                                    AssayWitnessResult  *out_result,
                                                    guint               *out_cosigned,
                                                    GError             **error);

/* The quorum, and the number of configured witnesses. */
guint               assay_witness_policy_get_quorum      (AssayWitnessPolicy *policy);
guint               assay_witness_policy_get_n_witnesses (AssayWitnessPolicy *policy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayWitnessPolicy, assay_witness_policy_free)

G_END_DECLS
