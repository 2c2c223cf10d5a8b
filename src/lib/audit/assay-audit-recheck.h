/* assay-audit-recheck.h — the re-check of a sampled event's points, confirmer and delay
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

#include "assay-audit-enums.h"
#include "assay-audit-types.h"
#include "assay-audit-sample.h"
#include "assay-entry.h"

G_BEGIN_DECLS

/* The re-check of one sampled event (README, "Re-check"): its points
 * recomputed from its rule id and inputs with the formulas of seed 002
 * annex 4 §3 (resource, skill, project, community) and seed 004's items,
 * the confirmer rule and the publication delay (Article Y). */
typedef struct
{
  guint64             index;
  char               *account;
  char               *rule_id;
  char               *inputs;          /* the inputs object, compact JSON */
  char                evidence[65];
  gint64              recorded;
  gint64              recomputed;      /* valid unless status is CANNOT_RECOMPUTE */
  AssayRecheckStatus  status;
  char               *reason;          /* why it cannot be recomputed, or NULL */
  gboolean            confirmer_ok;    /* community: a confirmer, not the account */
  int                 delay_days;      /* publication day − event day */
  gboolean            delay_ok;        /* 7 ≤ delay ≤ 30 */
} AssayRecheckItem;

void assay_recheck_item_free (AssayRecheckItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayRecheckItem, assay_recheck_item_free)

/* Points from a rule id and its inputs object (JSON text).  FALSE with
 * `out_reason` (translated) for an unknown rule id, a missing, extra or
 * non-numeric input, or a product that is not finite or beyond ±2⁵³. */
gboolean          assay_recheck_points (const char  *rule_id,
                                        const char  *inputs_json,
                                        gint64      *out_points,
                                        char       **out_reason);
/* The re-check of an event entry (NULL for another kind). */
AssayRecheckItem *assay_recheck_entry  (const AssayEntry *entry,
                                        guint64           index);
/* Every event of the sample, in index order (AssayRecheckItem*). */
GPtrArray        *assay_audit_recheck  (AssayReplica           *replica,
                                        const AssayAuditSample *sample,
                                        GError                **error);
/* Whether every check passed: points match, confirmer and delay. */
gboolean          assay_recheck_item_passes (const AssayRecheckItem *item);

G_END_DECLS
