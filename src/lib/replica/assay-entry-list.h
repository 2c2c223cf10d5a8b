/* assay-entry-list.h — a lazy GListModel over a replica's entries
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

#include <gio/gio.h>

#include "assay-types.h"
#include "assay-replica.h"
#include "assay-entry-row.h"

G_BEGIN_DECLS

/* AssayEntryList implements GListModel with AssayEntryRow items.  It never
 * loads the ledger whole: n_items comes from counts the replica maintains,
 * and get_item() reads a page of 64 rows through an index and keeps a few
 * pages cached, so a 10 000 000-entry replica opens and scrolls at once.
 *
 * Items are created on demand: two calls to get_item() for the same
 * position may return different (equal) objects, as GtkListView expects.
 *
 * The list follows its replica: when the replica emits ::changed the cache
 * is dropped and ::items-changed is emitted for the whole range (a sync may
 * erase old entries as well as append new ones).
 *
 * Use it from the thread that owns the replica. */

#define ASSAY_TYPE_ENTRY_LIST (assay_entry_list_get_type ())
G_DECLARE_FINAL_TYPE (AssayEntryList, assay_entry_list, ASSAY, ENTRY_LIST, GObject)

typedef enum
{
  ASSAY_ENTRY_LIST_SORT_INDEX_ASC,       /* log order (default) */
  ASSAY_ENTRY_LIST_SORT_INDEX_DESC,      /* newest first */
  ASSAY_ENTRY_LIST_SORT_EVENT_DAY,       /* by event date, then index (events and
                                            redemptions only) */
  ASSAY_ENTRY_LIST_SORT_POINTS_DESC,     /* by points, largest first, then index
                                            (events and redemptions only) */
  ASSAY_ENTRY_LIST_SORT_EVENT_DAY_DESC,  /* EVENT_DAY read backwards: newest date
                                            first, then index descending */
  ASSAY_ENTRY_LIST_SORT_POINTS_ASC,      /* POINTS_DESC read backwards */
  ASSAY_ENTRY_LIST_SORT_ACCOUNT_ASC,     /* by account id, then index */
  ASSAY_ENTRY_LIST_SORT_ACCOUNT_DESC,    /* ACCOUNT_ASC read backwards */
  ASSAY_ENTRY_LIST_SORT_DIMENSION_ASC,   /* one account only: events by dimension,
                                            then redemptions by tier, then index */
  ASSAY_ENTRY_LIST_SORT_DIMENSION_DESC,  /* one account only: DIMENSION_ASC backwards */
  ASSAY_ENTRY_LIST_SORT_COUNTY_ASC,      /* one account only: by county, then index */
  ASSAY_ENTRY_LIST_SORT_COUNTY_DESC,     /* one account only: COUNTY_ASC backwards */
  ASSAY_ENTRY_LIST_SORT_ISSUER_ASC,      /* one account only: by issuer (redemptions,
                                            which have none, first), then index */
  ASSAY_ENTRY_LIST_SORT_ISSUER_DESC,     /* one account only: ISSUER_ASC backwards */
} AssayEntryListSort;

/* Properties: "replica" (construct-only), "account" (string, NULL = all
 * entries; set to show one account's events and redemptions), "sort"
 * (AssayEntryListSort, ASSAY_TYPE_ENTRY_LIST_SORT: "index-asc", …).  Changing account or sort emits
 * ::items-changed for the whole list. */
AssayEntryList     *assay_entry_list_new         (AssayReplica       *replica);
AssayReplica       *assay_entry_list_get_replica (AssayEntryList     *self);
const char         *assay_entry_list_get_account (AssayEntryList     *self);
void                assay_entry_list_set_account (AssayEntryList     *self,
                                                  const char         *account);
AssayEntryListSort  assay_entry_list_get_sort    (AssayEntryList     *self);
/* Whether the list can read `sort` cheaply (through an index) with its
 * current account: the dimension, county and issuer orders need one
 * account (no index of the whole ledger has them).  An order it cannot read falls
 * back to log order. */
gboolean            assay_entry_list_can_sort    (AssayEntryList     *self,
                                                  AssayEntryListSort  sort);
void                assay_entry_list_set_sort    (AssayEntryList     *self,
                                                  AssayEntryListSort  sort);

G_END_DECLS
