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
  guint n_unconfirmed;   /* another rule set, or the log has moved past the
                            pause's checkpoint and the flag is not raised
                            now: recorded, no effect */
} AssayRulePauseReport;

/* After a sync (and after the decisions are applied): recomputes, with
 * @set, the flag behind every pause entry not checked yet and applies the
 * pauses whose flag is found (assay_replica_store_pause ()).  A pause
 * whose checkpoint is not the log's, with data logged between that
 * checkpoint and it, naming a flag an earlier pause named, or whose flag
 * the rules do not raise at its checkpoint is a security alert of kind
 * ASSAY_ALERT_PAUSE: FALSE with ASSAY_ERROR_SECURITY, the check's cursor
 * left before it.  A pause under another rule set than @set cannot be
 * judged here: recorded unconfirmed, no effect.
 *
 * The flags are evaluated over the replica as it stands; they are those
 * of the pause's checkpoint exactly when no event, redemption or
 * tombstone has been logged since (the usual case: a pause follows the
 * import it judges at once). Otherwise a pause whose flag is still
 * raised is confirmed, and one whose flag is not is recorded unconfirmed
 * and holds nothing: this replica cannot rebuild the older aggregates. */
gboolean assay_rule_pauses_verify (AssayReplica          *replica,
                                   AssayRuleSet          *set,
                                   AssayRulePauseReport  *report,
                                   GError               **error);

G_END_DECLS
