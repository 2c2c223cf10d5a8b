/* assay-replica-charts.h — ledger-wide figures for charts
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

G_BEGIN_DECLS

/* Figures the Overview page and the account view chart, read from the
 * replica's aggregate tables (account_day, account_quarter, accounts) and,
 * for accounts per county, the parsed records.  Apart from the account
 * prefix look-up (an index range), these scan a whole aggregate table:
 * run them off the main thread on a replica of their own
 * (assay_replica_open (…, ASSAY_REPLICA_OPEN_READ_ONLY, …)) when the
 * replica is large.  County names are in assay-county.h. */

/* The whole ledger's points and event counts per week and dimension,
 * oldest week first, weeks without events omitted.  GArray of
 * AssayWeekPoints. */
GArray     *assay_replica_weekly_points          (AssayReplica *self,
                                                  GError      **error);

/* How many accounts have at least one event in each dimension. */
gboolean    assay_replica_accounts_by_dimension  (AssayReplica *self,
                                                  guint64       accounts[ASSAY_N_DIMENSIONS],
                                                  GError      **error);

/* How many accounts of each kind the replica knows. */
gboolean    assay_replica_accounts_by_kind       (AssayReplica *self,
                                                  guint64       accounts[ASSAY_N_ACCOUNT_KINDS],
                                                  GError      **error);

typedef struct
{
  char    county[7];
  guint64 accounts;        /* accounts with an event or redemption there */
} AssayCountyAccounts;

/* Accounts per county, county code order.  GArray of AssayCountyAccounts. */
GArray     *assay_replica_accounts_by_county     (AssayReplica *self,
                                                  GError      **error);

typedef struct
{
  char   *group;           /* the issuer, or the county code */
  gint64  points;
  guint64 events;          /* events of that group with exactly these points */
} AssayPointsCount;

/* How many events carry each point value, per issuer (or per county when
 * `by_county`), ordered by group, then points: what a first-digit
 * (Benford) look needs, without the events themselves.  GArray of
 * AssayPointsCount, which frees the groups with itself. */
GArray     *assay_replica_event_points_counts    (AssayReplica *self,
                                                  gboolean      by_county,
                                                  GError      **error);

/* Up to `limit` account ids that start with `prefix`, in order (an index
 * range on the accounts table, cheap at any size). */
GStrv       assay_replica_find_accounts          (AssayReplica *self,
                                                  const char   *prefix,
                                                  guint         limit,
                                                  GError      **error);

/* The account `query` names: the account with that id, or else the only
 * one whose id starts with it (the app's search and `assayctl entries
 * --account` resolve ids alike).  Fails with ASSAY_ERROR_NOT_FOUND when no
 * account matches, ASSAY_ERROR_INVALID_ARGUMENT when several start with
 * `query` (the message names a few). */
char       *assay_replica_resolve_account        (AssayReplica *self,
                                                  const char   *query,
                                                  GError      **error);

/* How many of `account`'s events and redemptions come before leaf `index`
 * in log order: the entry's position in an AssayEntryList of that account
 * sorted by index (an index range, cheap at any size). */
gboolean    assay_replica_account_position       (AssayReplica *self,
                                                  const char   *account,
                                                  guint64       index,
                                                  guint64      *out_position,
                                                  GError      **error);

G_END_DECLS
