/* assay-central-history.h — the rosters and decisions of the service's own log
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

#include "assay-central-store.h"
#include "assay-decision.h"
#include "assay-roster-chain.h"

G_BEGIN_DECLS

/* What the service knows of its own log's roster and decision entries:
 * the roster chain (each version judged, as every replica judges it, at
 * the end of the day it was logged) and, for each logged decision, its
 * index, its decision_id and its subject's last number.  Built by reading
 * the body bundles; assay_central_history_update () reads only the
 * entries appended since the last call, by anyone (append-envelope,
 * `roster`, the serving process). */
typedef struct _AssayCentralHistory AssayCentralHistory;

AssayCentralHistory *assay_central_history_new            (void);
/* A history that only knows what holds redemptions: the pauses and the
 * decisions' releases.  It judges no roster, so that a writer (import,
 * publish) is never refused for what the serving process alone must
 * refuse. */
AssayCentralHistory *assay_central_history_new_for_holds  (void);
void                 assay_central_history_free           (AssayCentralHistory  *history);

/* Reads the entries of @store's committed tree past those already read.
 * A roster that does not join the chain is an error: the log holds what
 * the service must refuse (ASSAY_ERROR_SECURITY). */
gboolean             assay_central_history_update         (AssayCentralHistory  *history,
                                                           AssayCentralStore    *store,
                                                           GError              **error);

AssayRosterChain    *assay_central_history_get_chain      (AssayCentralHistory  *history);
/* Roster version 1's deployment, or NULL before the first roster. */
const char          *assay_central_history_get_deployment (AssayCentralHistory  *history);

/* The leaf index of the logged decision with payload hash @sha256, or -1. */
gint64               assay_central_history_find           (AssayCentralHistory  *history,
                                                           const char           *sha256);
/* The hash of the logged decision with @decision_id, or NULL. */
const char          *assay_central_history_find_id        (AssayCentralHistory  *history,
                                                           const char           *decision_id);
/* Whether @decision may follow the last logged decision on its subject
 * (assay_decision_check_sequence ()). */
gboolean             assay_central_history_check_sequence (AssayCentralHistory  *history,
                                                           AssayDecision        *decision,
                                                           GError              **error);

/* A restore or zero decision being logged, not yet in the history. */
typedef struct
{
  const char *key;     /* its subject, assay_central_release_key () */
  guint64     index;
} AssayCentralRelease;

/* The decision's subject as the history keys releases: "account:ID". */
char                *assay_central_release_key            (const AssayDecision  *decision);

/* Whether the log holds any pause entry at all. */
gboolean             assay_central_history_has_pauses     (AssayCentralHistory  *history);

/* The leaf index of the first pause that holds a redemption by @account
 * in @county now, or -1.  A pause holds its account, each member of its
 * ring or every account's redemptions in its county, until a restore or
 * zero decision logged after it on the redeeming account or on the
 * pause's own subject (the county, the ring) releases it; @extra, when
 * not NULL, counts as logged. */
gint64               assay_central_history_holding_pause  (AssayCentralHistory       *history,
                                                           const char                *account,
                                                           const char                *county,
                                                           const AssayCentralRelease *extra);

/* The last second (UTC) of Julian day @day: when a replica judges an
 * entry logged that day. */
gint64               assay_central_end_of_day             (guint32               day);
/* Today's Julian day in UTC: the day the service logs what it appends. */
guint32              assay_central_today_utc              (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayCentralHistory, assay_central_history_free)

G_END_DECLS
