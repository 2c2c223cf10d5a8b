/* assay-replica-series.h — daily series for the 6.1 breakers, from the aggregates
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

/* The reads below see one state of the replica when they run between
 * assay_replica_read_begin () and assay_replica_read_end (): a sync in
 * another process cannot slip between them.  read_begin returns the
 * verified checkpoint that state belongs to.  Every read below, and
 * assay_replica_quarter_features (), also works on its own (in a read
 * transaction of its own) or inside the pair (in the pair's); pairs nest
 * too (a savepoint each), the outermost read_end ending the transaction.
 * Call read_end once for each read_begin that returned TRUE. */
gboolean  assay_replica_read_begin (AssayReplica *self,
                                    guint64      *out_checkpoint_size,
                                    guint8        out_checkpoint_root[ASSAY_HASH_SIZE],
                                    GError      **error);
void      assay_replica_read_end   (AssayReplica *self);

/* Every account's event points per day (account_day summed over the
 * dimensions; deductions included, redemptions not), as sparse rows
 * grouped by account.  Only accounts with at least one event are listed,
 * by account number.  Rows of account k are first_row[k] …
 * first_row[k + 1] − 1, days ascending; days without events have no row. */
typedef struct
{
  gsize     n_accounts;
  guint64  *account_id;      /* the replica's account number */
  char    **account;         /* the account's id */
  guint32  *first_day;       /* the account's first event day: its first row's day
                              * (not accounts.first_day, which counts
                              * redemptions too) */
  gsize    *first_row;       /* n_accounts + 1 */
  gsize     n_rows;
  guint32  *day;
  gint64   *points;
} AssayAccountDays;

void              assay_account_days_free     (AssayAccountDays *days);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayAccountDays, assay_account_days_free)

AssayAccountDays *assay_replica_account_days  (AssayReplica *self,
                                               GError      **error);
/* The same over the log's first `before` leaves only: account_day less
 * the events logged at or after `before` (a day left with no event has no
 * row, an account left with none is not listed).  Exact unless a
 * tombstone logged since erased an entry before `before`.  G_MAXUINT64:
 * the whole replica. */
AssayAccountDays *assay_replica_account_days_before (AssayReplica *self,
                                                     guint64       before,
                                                     GError      **error);
/* The same for the accounts numbered `accounts` only (n_accounts numbers,
 * any order, duplicates allowed); those without events are not listed.
 * One index lookup of account_day per account. */
AssayAccountDays *assay_replica_account_days_for_accounts (AssayReplica  *self,
                                                           const guint64 *accounts,
                                                           gsize          n_accounts,
                                                           GError       **error);

/* Every account's events per calendar year (the account_quarter
 * aggregate summed over the year's quarters and dimensions): how many
 * and their points (deductions included).  Subjects in account number
 * order, then year; a year without events has none. */
typedef struct
{
  gsize     n;
  guint64  *account_id;
  char    **account;
  guint32  *year;
  gint64   *entries;
  gint64   *points;
} AssayAccountYears;

void               assay_account_years_free    (AssayAccountYears *years);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayAccountYears, assay_account_years_free)

AssayAccountYears *assay_replica_account_years (AssayReplica *self,
                                                GError      **error);
/* The same for the accounts numbered `accounts` only, as above. */
AssayAccountYears *assay_replica_account_years_for_accounts (AssayReplica  *self,
                                                             const guint64 *accounts,
                                                             gsize          n_accounts,
                                                             GError       **error);

/* Which accounts' records changed after the verified checkpoint of size
 * `since_size` and root `since_root` (an earlier state of this replica).
 *
 * Sets *out_accounts to the account numbers, ascending, of every record
 * (event or redemption) with a leaf index ≥ since_size: the entries
 * appended since.  That is every account whose records differ from those
 * it had at that checkpoint, unless records below since_size changed
 * too, which only a tombstone (records erased) or a withheld body that
 * arrived later (a record added) does: then, and when the replica never
 * verified that checkpoint (another log, or a replica replaced), or its
 * size is past the replica's, the change is not a set of accounts and
 * *out_accounts is set to NULL.  A replica remembers the size of the
 * last sync that erased or filled anything (meta "rewritten_at"); one
 * written by a version before it is only checked for tombstones.
 * Returns FALSE with `error` set when the replica cannot be read. */
gboolean           assay_replica_accounts_changed_since (AssayReplica  *self,
                                                         guint64        since_size,
                                                         const guint8   since_root[ASSAY_HASH_SIZE],
                                                         GArray       **out_accounts,
                                                         GError       **error);

/* Every county's redemption requests per day (county_day.redemptions),
 * sparse like AssayAccountDays: every county of county_day, ascending
 * (one with events only has no rows), days with no request have no row;
 * first_day and last_day span every day of county_day (events or
 * redemptions, any county): the days of the series (both 0 when empty). */
typedef struct
{
  gsize     n_counties;
  guint32  *county;          /* the six-digit code as a number */
  gsize    *first_row;       /* n_counties + 1 */
  gsize     n_rows;
  guint32  *day;
  guint32  *requests;
  guint32   first_day, last_day;
} AssayCountyDays;

void              assay_county_days_free      (AssayCountyDays *days);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayCountyDays, assay_county_days_free)

AssayCountyDays  *assay_replica_county_requests (AssayReplica *self,
                                                 GError      **error);
/* The same over the log's first `before` leaves only (as
 * assay_replica_account_days_before ()); the span is over the rows left. */
AssayCountyDays  *assay_replica_county_requests_before (AssayReplica *self,
                                                        guint64       before,
                                                        GError      **error);

/* Community-service events (an event whose rule id is `community`, the
 * kind the ledger format makes name a confirmer): who took part in which
 * activity on which day, from the community_events aggregate, one row per
 * event in log order.  Activity numbers index `activities` (0 … n − 1, in
 * order of first appearance); account numbers are the replica's. */
typedef struct
{
  gsize     n;
  guint64  *account_id;
  guint32  *activity;
  guint32  *day;
  gsize     n_activities;
  char    **activities;      /* activity number → the entry's activity id */
} AssayCommunityEvents;

void                  assay_community_events_free    (AssayCommunityEvents *events);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayCommunityEvents, assay_community_events_free)

AssayCommunityEvents *assay_replica_community_events (AssayReplica *self,
                                                      GError      **error);
/* The same over the log's first `before` leaves only (G_MAXUINT64: all). */
AssayCommunityEvents *assay_replica_community_events_before (AssayReplica *self,
                                                             guint64       before,
                                                             GError      **error);

/* The community events of the accounts named `accounts` (ids, NULL-ended)
 * with an event day in first … last, by account then day: account_id,
 * activity (the stored activity number: equal numbers, equal activity)
 * and day; `activities` is NULL.  For a ring's members × days chart. */
AssayCommunityEvents *assay_replica_community_events_of (AssayReplica       *self,
                                                         const char * const *accounts,
                                                         guint32             first_day,
                                                         guint32             last_day,
                                                         GError            **error);

/* The entries behind a flag, each list in log order (GArray of guint64):
 * an account's events with an event day in first … last; a county's
 * redemption requests on one day; the community events of the accounts
 * `account_ids[0 … n − 1]` with an event day in first … last (an account
 * given twice counts once). */
GArray   *assay_replica_account_events     (AssayReplica  *self,
                                            guint64        account_id,
                                            guint32        first_day,
                                            guint32        last_day,
                                            GError       **error);
GArray   *assay_replica_county_redemptions (AssayReplica  *self,
                                            guint32        county,
                                            guint32        day,
                                            GError       **error);
GArray   *assay_replica_community_entries  (AssayReplica  *self,
                                            const guint64 *account_ids,
                                            gsize          n,
                                            guint32        first_day,
                                            guint32        last_day,
                                            GError       **error);

/* The account's id for its replica number; NULL without an error when no
 * account has that number. */
char     *assay_replica_account_name       (AssayReplica  *self,
                                            guint64        account_id,
                                            GError       **error);

G_END_DECLS
