/* assay-central-breakers.h — automatic pauses: the 6.1 breakers after an import
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

#include "assay-central-store.h"

G_BEGIN_DECLS

/* The replica of its own log the service evaluates the rules over. */
#define ASSAY_CENTRAL_BREAKERS_NAME "breakers.replica"

/* Brings the breakers' replica up to the log, evaluates the rule set at
 * @rule_set_path (NULL: the default set) and appends one pause entry for
 * each flag of a `pause` rule that the log does not pause yet, under a new
 * checkpoint.  The caller holds the store open for writing, outside a
 * transaction. */
gboolean assay_central_breakers_run (AssayCentralStore  *store,
                                     const char         *rule_set_path,
                                     guint32             today,
                                     guint              *out_n_paused,
                                     GError            **error);

/* Brings the replica at @replica_path (created if missing) up to the log,
 * entry by entry from the body bundles, as the breakers' replica is; the
 * caller holds the store open for writing, outside a transaction.  Rosters
 * and decisions are left for assay_decision_log_apply (). */
gboolean assay_central_replica_feed  (AssayCentralStore  *store,
                                      const char         *replica_path,
                                      GError            **error);

/* Brings the breakers' replica up to the log without evaluating anything:
 * after an erasure, so that the tombstone purges the erased bodies from
 * it too (Article V: no copy stays behind). */
gboolean assay_central_breakers_catch_up (AssayCentralStore  *store,
                                          GError            **error);

G_END_DECLS
