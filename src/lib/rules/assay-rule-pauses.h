/* assay-rule-pauses.h — the flag behind each pause of the log, recomputed
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

#include "assay-replica.h"
#include "assay-rule-set.h"

G_BEGIN_DECLS

typedef struct
{
  guint n_confirmed;     /* the flag was found: the pause holds its accounts */
  guint n_unconfirmed;   /* another rule set, a rule whose flag cannot be
                            rebuilt at a checkpoint, or not found after an
                            erasure logged since its checkpoint: recorded,
                            no effect */
  guint n_waiting;       /* after a body the service withheld: checked once
                            it arrives */
} AssayRulePauseReport;

/* After a sync (and after the decisions are applied): recomputes, with
 * @set, the flag behind every pause entry not checked yet, on the log of
 * the checkpoint the pause names (its first checkpoint-size entries,
 * whatever this replica holds beyond them: assay_rule_flags_pauses_at
 * ()), and applies the pauses whose flag is found
 * (assay_replica_store_pause ()).  A pause whose checkpoint is not the
 * log's, with data logged between that checkpoint and it, naming a flag
 * an earlier pause named, or whose flag the rules do not raise at its
 * checkpoint is a security alert of kind ASSAY_ALERT_PAUSE: FALSE with
 * ASSAY_ERROR_SECURITY, the check's cursor left before it.
 *
 * Recorded unconfirmed, with no effect: a pause under another rule set
 * than @set, one of a rule whose subject cannot be read up to a
 * checkpoint (assay_rule_subject_reads_checkpoint ()), and one whose flag
 * is not found when a tombstone logged since its checkpoint erased an
 * entry below it (assay_replica_erased_before (): the bodies are gone).  The check stops before the first withheld
 * body and resumes there once it is filled; a pause already stored keeps
 * its verdict. */
gboolean assay_rule_pauses_verify (AssayReplica          *replica,
                                   AssayRuleSet          *set,
                                   AssayRulePauseReport  *report,
                                   GError               **error);

G_END_DECLS
