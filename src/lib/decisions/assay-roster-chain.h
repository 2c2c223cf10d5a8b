/* assay-roster-chain.h — the roster versions from the first one on, each signed by the one before
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

#include <glib.h>

#include "assay-roster.h"

G_BEGIN_DECLS

/* The roster versions a client has walked, from version 1 (trusted on first
 * use: it is the first roster in the witnessed log) to the current one.
 * Version N+1 is appended only when it is exactly N+1, names N's payload
 * hash as "prev", keeps the deployment, and is signed by the roster_root
 * threshold of N *and* of N+1 (TUF root rotation). */
typedef struct _AssayRosterChain AssayRosterChain;

AssayRosterChain *assay_roster_chain_new         (void);
void              assay_roster_chain_free        (AssayRosterChain  *chain);

/* Appends the roster envelope @envelope_json, logged at @now (signing keys
 * must be valid then).  The signatures by version N are checked before the
 * payload is parsed.  ASSAY_ERROR_INVALID_DATA for a malformed envelope or
 * payload, ASSAY_ERROR_VERIFICATION for anything that fails verification
 * (payload type, signatures, thresholds, rollback, a skipped version,
 * another deployment, another "prev"); the chain is then unchanged. */
gboolean          assay_roster_chain_append      (AssayRosterChain  *chain,
                                                  const char        *envelope_json,
                                                  gssize             length,
                                                  gint64             now,
                                                  GError           **error);

/* The last roster, or NULL while the chain is empty. */
AssayRoster      *assay_roster_chain_get_current (AssayRosterChain  *chain);
/* Version @version, or NULL if the chain does not hold it. */
AssayRoster      *assay_roster_chain_get_version (AssayRosterChain  *chain,
                                                  gint64             version);

/* The current roster if there is one and it has not expired at @now:
 * an expired final roster verifies no new decision (a freeze attack would
 * otherwise keep an old roster in force).  ASSAY_ERROR_VERIFICATION. */
AssayRoster      *assay_roster_chain_check_current (AssayRosterChain *chain,
                                                    gint64            now,
                                                    GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayRosterChain, assay_roster_chain_free)

G_END_DECLS
