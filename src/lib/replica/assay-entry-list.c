/* assay-entry-list.c — a lazy GListModel over a replica's entries
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

#include "config.h"

#include "assay-entry-list.h"
#include "assay-replica-private.h"

#define PAGE_SIZE 64
#define N_PAGES   32

/* Pages are read without OFFSET over the whole order, so that every
 * position costs about the same on a 10 000 000-entry replica:
 *
 *  - log order: position = index;
 *  - one account: the account's rows through records_account (a small
 *    OFFSET over the index, never over joined rows);
 *  - event date or points: order_counts says how many records share each
 *    event day (points value) in each block of 65 536 indices; the list
 *    keeps their running totals, finds the (key, block) a position falls
 *    in by binary search, steps over the rows before it within that block
 *    only (a few hundred index entries), then reads on by keyset;
 *  - account: the accounts in order of their id, with their record counts
 *    (the accounts table keeps them), stand in for order_counts, and the
 *    records of one account are read through records_account;
 *  - the reverse of an order is that order read backwards: position p is
 *    position n - 1 - p of the forward order, so a reversed page is a
 *    forward range turned round (ties then run newest first). */

typedef struct
{
  guint      number;
  GPtrArray *rows;   /* of AssayEntryRow */
} Page;

/* One (key, block) of the event-date or points order, and the position
 * of its first record. */
typedef struct
{
  gint64  key;
  gint64  block;
  guint64 start;
} KeyStart;

struct _AssayEntryList
{
  GObject             parent_instance;
  AssayReplica       *replica;
  char               *account;
  gint64              account_id;   /* -1: no such account */
  AssayEntryListSort  sort;
  guint               n_items;
  GArray             *keys;         /* of KeyStart, for the event-date and points orders */
  GQueue              pages;        /* of Page, most recently used first */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AssayEntryList, assay_entry_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_REPLICA,
  PROP_ACCOUNT,
  PROP_SORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->rows);
  g_free (page);
}

static void
drop_pages (AssayEntryList *self)
{
  g_queue_clear_full (&self->pages, page_free);
}

/* The order that `sort` reads backwards, or `sort` itself. */
static AssayEntryListSort
forward_sort (AssayEntryListSort sort)
{
  switch (sort)
    {
    case ASSAY_ENTRY_LIST_SORT_EVENT_DAY_DESC:
      return ASSAY_ENTRY_LIST_SORT_EVENT_DAY;
    case ASSAY_ENTRY_LIST_SORT_POINTS_ASC:
      return ASSAY_ENTRY_LIST_SORT_POINTS_DESC;
    case ASSAY_ENTRY_LIST_SORT_ACCOUNT_DESC:
      return ASSAY_ENTRY_LIST_SORT_ACCOUNT_ASC;
    case ASSAY_ENTRY_LIST_SORT_DIMENSION_DESC:
      return ASSAY_ENTRY_LIST_SORT_DIMENSION_ASC;
    case ASSAY_ENTRY_LIST_SORT_COUNTY_DESC:
      return ASSAY_ENTRY_LIST_SORT_COUNTY_ASC;
    case ASSAY_ENTRY_LIST_SORT_ISSUER_DESC:
      return ASSAY_ENTRY_LIST_SORT_ISSUER_ASC;
    case ASSAY_ENTRY_LIST_SORT_INDEX_ASC:
    case ASSAY_ENTRY_LIST_SORT_INDEX_DESC:
    case ASSAY_ENTRY_LIST_SORT_EVENT_DAY:
    case ASSAY_ENTRY_LIST_SORT_POINTS_DESC:
    case ASSAY_ENTRY_LIST_SORT_ACCOUNT_ASC:
    case ASSAY_ENTRY_LIST_SORT_DIMENSION_ASC:
    case ASSAY_ENTRY_LIST_SORT_COUNTY_ASC:
    case ASSAY_ENTRY_LIST_SORT_ISSUER_ASC:
    default:
      return sort;
    }
}

static gboolean
sort_is_reversed (AssayEntryListSort sort)
{
  return forward_sort (sort) != sort;
}

static gboolean
sort_available (const char *account,
                AssayEntryListSort sort)
{
  switch (forward_sort (sort))
    {
    case ASSAY_ENTRY_LIST_SORT_DIMENSION_ASC:
    case ASSAY_ENTRY_LIST_SORT_COUNTY_ASC:
    case ASSAY_ENTRY_LIST_SORT_ISSUER_ASC:
      return account != NULL;
    default:
      return TRUE;
    }
}

/* The whole ledger in an order of records (not log order). */
static gboolean
sorts_by_key (AssayEntryList *self)
{
  AssayEntryListSort sort = forward_sort (self->sort);

  return self->account == NULL &&
         (sort == ASSAY_ENTRY_LIST_SORT_EVENT_DAY || sort == ASSAY_ENTRY_LIST_SORT_POINTS_DESC ||
          sort == ASSAY_ENTRY_LIST_SORT_ACCOUNT_ASC);
}

/* The running totals of order_counts for the current order. */
static guint64
load_keys (AssayEntryList *self)
{
  sqlite3 *db = _assay_replica_get_db (self->replica);
  sqlite3_stmt *stmt = NULL;
  AssayEntryListSort sort = forward_sort (self->sort);
  gboolean by_points = sort == ASSAY_ENTRY_LIST_SORT_POINTS_DESC;
  const char *sql;
  guint64 total = 0;

  if (sort == ASSAY_ENTRY_LIST_SORT_ACCOUNT_ASC)
    sql = "SELECT id, 0, n_events + n_redemptions FROM accounts "
          "WHERE n_events + n_redemptions > 0 ORDER BY account";
  else if (by_points)
    sql = "SELECT key, block, n FROM order_counts WHERE sort = ?1 ORDER BY key DESC, block";
  else
    sql = "SELECT key, block, n FROM order_counts WHERE sort = ?1 ORDER BY key, block";

  g_array_set_size (self->keys, 0);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_warning ("Cannot read the entry order from the replica: %s", sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return 0;
    }
  sqlite3_bind_int (stmt, 1, by_points ? ASSAY_ORDER_POINTS : ASSAY_ORDER_EVENT_DAY);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      KeyStart k = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), total };

      g_array_append_val (self->keys, k);
      total += sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_finalize (stmt);
  return total;
}

static guint
count_items (AssayEntryList *self)
{
  sqlite3 *db = _assay_replica_get_db (self->replica);
  sqlite3_stmt *stmt = NULL;
  guint64 n = 0;

  self->account_id = -1;
  g_array_set_size (self->keys, 0);
  if (self->account != NULL)
    {
      if (sqlite3_prepare_v2 (db, "SELECT id, n_events + n_redemptions FROM accounts WHERE account = ?",
                              -1, &stmt, NULL) == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, self->account, -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            {
              self->account_id = sqlite3_column_int64 (stmt, 0);
              n = sqlite3_column_int64 (stmt, 1);
            }
        }
      sqlite3_finalize (stmt);
    }
  else if (sorts_by_key (self))
    n = load_keys (self);
  else
    n = assay_replica_get_size (self->replica);

  return (guint) MIN (n, (guint64) G_MAXUINT);
}

static void
read_rows (sqlite3 *db,
           sqlite3_stmt *stmt,
           GPtrArray *rows)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, _assay_entry_row_new_from_stmt (stmt));
  if (rc != SQLITE_DONE)
    g_warning ("Cannot read entries from the replica: %s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
}

static sqlite3_stmt *
prepare (sqlite3 *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_warning ("Cannot read entries from the replica: %s", sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

#define FROM_RECORDS " FROM records r JOIN entries e ON e.idx = r.idx "
#define FROM_ENTRIES " FROM entries e LEFT JOIN records r ON r.idx = e.idx "

/* Log order, either way: every leaf has an entries row. */
static void
load_log_page (AssayEntryList *self,
               sqlite3 *db,
               guint64 start,
               GPtrArray *rows)
{
  gboolean desc = self->sort == ASSAY_ENTRY_LIST_SORT_INDEX_DESC;
  sqlite3_stmt *stmt = prepare (db, desc
                                ? "SELECT " ASSAY_ENTRY_ROW_COLUMNS FROM_ENTRIES
                                  "WHERE e.idx <= ?1 ORDER BY e.idx DESC LIMIT ?2"
                                : "SELECT " ASSAY_ENTRY_ROW_COLUMNS FROM_ENTRIES
                                  "WHERE e.idx >= ?1 ORDER BY e.idx LIMIT ?2");

  if (stmt == NULL)
    return;
  if (desc)
    start = assay_replica_get_size (self->replica) - 1 - start;
  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int (stmt, 2, PAGE_SIZE);
  read_rows (db, stmt, rows);
}

/* One account's rows: the OFFSET only walks that account's index entries. */
static void
load_account_page (AssayEntryList *self,
                   sqlite3 *db,
                   guint64 start,
                   GPtrArray *rows)
{
  const char *order;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  /* Reverse orders are their forward order turned round exactly, as for
   * the whole ledger. */
  switch (self->sort)
    {
    case ASSAY_ENTRY_LIST_SORT_INDEX_DESC:
      order = "r.idx DESC";
      break;
    case ASSAY_ENTRY_LIST_SORT_EVENT_DAY:
      order = "r.event_day, r.idx";
      break;
    case ASSAY_ENTRY_LIST_SORT_EVENT_DAY_DESC:
      order = "r.event_day DESC, r.idx DESC";
      break;
    case ASSAY_ENTRY_LIST_SORT_POINTS_DESC:
      order = "r.points DESC, r.idx";
      break;
    case ASSAY_ENTRY_LIST_SORT_POINTS_ASC:
      order = "r.points, r.idx DESC";
      break;
    case ASSAY_ENTRY_LIST_SORT_DIMENSION_ASC:
      order = "r.kind, r.dimension, r.tier, r.idx";
      break;
    case ASSAY_ENTRY_LIST_SORT_DIMENSION_DESC:
      order = "r.kind DESC, r.dimension DESC, r.tier DESC, r.idx DESC";
      break;
    case ASSAY_ENTRY_LIST_SORT_COUNTY_ASC:
      order = "r.county, r.idx";
      break;
    case ASSAY_ENTRY_LIST_SORT_COUNTY_DESC:
      order = "r.county DESC, r.idx DESC";
      break;
    case ASSAY_ENTRY_LIST_SORT_ISSUER_ASC:
      order = "r.issuer, r.idx";
      break;
    case ASSAY_ENTRY_LIST_SORT_ISSUER_DESC:
      order = "r.issuer DESC, r.idx DESC";
      break;
    case ASSAY_ENTRY_LIST_SORT_INDEX_ASC:
    case ASSAY_ENTRY_LIST_SORT_ACCOUNT_ASC:
    case ASSAY_ENTRY_LIST_SORT_ACCOUNT_DESC:
    default:
      order = "r.idx";
      break;
    }
  sql = g_strdup_printf ("SELECT " ASSAY_ENTRY_ROW_COLUMNS FROM_RECORDS
                         "WHERE r.account_id = ?1 ORDER BY %s LIMIT ?2 OFFSET ?3", order);
  if ((stmt = prepare (db, sql)) == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, self->account_id);
  sqlite3_bind_int (stmt, 2, PAGE_SIZE);
  sqlite3_bind_int64 (stmt, 3, start);
  read_rows (db, stmt, rows);
}

/* The last key whose first position is at most `position`. */
static guint
find_key (GArray *keys,
          guint64 position)
{
  guint lo = 0, hi = keys->len;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (keys, KeyStart, mid).start <= position)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* Event-date or points order: the page starts some rows into the records
 * of one (key, block) (records_event_day or records_points give a key's
 * records in index order), and runs on through that key and the next. */
static void
load_keyed_range (AssayEntryList *self,
                  sqlite3 *db,
                  guint64 start,
                  guint count,
                  GPtrArray *rows)
{
  gboolean by_points = forward_sort (self->sort) == ASSAY_ENTRY_LIST_SORT_POINTS_DESC;
  sqlite3_stmt *first = NULL;
  sqlite3_stmt *stmt = NULL;
  guint k;
  gint64 from_idx = 0;

  if (self->keys->len == 0)
    return;
  k = find_key (self->keys, start);

  first = prepare (db, by_points
                   ? "SELECT idx FROM records WHERE points = ?1 AND idx >= ?2 "
                     "ORDER BY idx LIMIT 1 OFFSET ?3"
                   : "SELECT idx FROM records WHERE event_day = ?1 AND idx >= ?2 "
                     "ORDER BY idx LIMIT 1 OFFSET ?3");
  stmt = prepare (db, by_points
                  ? "SELECT " ASSAY_ENTRY_ROW_COLUMNS FROM_RECORDS
                    "WHERE r.points = ?1 AND r.idx >= ?2 ORDER BY r.idx LIMIT ?3"
                  : "SELECT " ASSAY_ENTRY_ROW_COLUMNS FROM_RECORDS
                    "WHERE r.event_day = ?1 AND r.idx >= ?2 ORDER BY r.idx LIMIT ?3");
  if (first == NULL || stmt == NULL)
    goto out;

  sqlite3_bind_int64 (first, 1, g_array_index (self->keys, KeyStart, k).key);
  sqlite3_bind_int64 (first, 2, g_array_index (self->keys, KeyStart, k).block << ASSAY_ORDER_BLOCK_BITS);
  sqlite3_bind_int64 (first, 3, start - g_array_index (self->keys, KeyStart, k).start);
  if (sqlite3_step (first) == SQLITE_ROW)
    from_idx = sqlite3_column_int64 (first, 0);

  while (k < self->keys->len && rows->len < count)
    {
      gint64 key = g_array_index (self->keys, KeyStart, k).key;
      int rc;

      sqlite3_bind_int64 (stmt, 1, key);
      sqlite3_bind_int64 (stmt, 2, from_idx);
      sqlite3_bind_int (stmt, 3, count - rows->len);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (rows, _assay_entry_row_new_from_stmt (stmt));
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          g_warning ("Cannot read entries from the replica: %s", sqlite3_errmsg (db));
          break;
        }
      /* That read the key's remaining blocks too: on to the next key. */
      while (k < self->keys->len && g_array_index (self->keys, KeyStart, k).key == key)
        k++;
      from_idx = 0;
    }

out:
  sqlite3_finalize (first);
  sqlite3_finalize (stmt);
}

/* Account order: the page starts some rows into one account's records
 * and runs on through the next accounts. */
static void
load_account_range (AssayEntryList *self,
                    sqlite3 *db,
                    guint64 start,
                    guint count,
                    GPtrArray *rows)
{
  sqlite3_stmt *stmt;
  gint64 offset;

  if (self->keys->len == 0)
    return;
  stmt = prepare (db, "SELECT " ASSAY_ENTRY_ROW_COLUMNS FROM_RECORDS
                  "WHERE r.account_id = ?1 ORDER BY r.idx LIMIT ?2 OFFSET ?3");
  if (stmt == NULL)
    return;

  for (guint k = find_key (self->keys, start); k < self->keys->len && rows->len < count; k++)
    {
      int rc;

      offset = rows->len == 0 ? (gint64) (start - g_array_index (self->keys, KeyStart, k).start) : 0;
      sqlite3_bind_int64 (stmt, 1, g_array_index (self->keys, KeyStart, k).key);
      sqlite3_bind_int (stmt, 2, count - rows->len);
      sqlite3_bind_int64 (stmt, 3, offset);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (rows, _assay_entry_row_new_from_stmt (stmt));
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          g_warning ("Cannot read entries from the replica: %s", sqlite3_errmsg (db));
          break;
        }
    }
  sqlite3_finalize (stmt);
}

#undef FROM_RECORDS
#undef FROM_ENTRIES

static void
load_forward_range (AssayEntryList *self,
                    sqlite3 *db,
                    guint64 start,
                    guint count,
                    GPtrArray *rows)
{
  if (forward_sort (self->sort) == ASSAY_ENTRY_LIST_SORT_ACCOUNT_ASC)
    load_account_range (self, db, start, count, rows);
  else
    load_keyed_range (self, db, start, count, rows);
}

/* A page of a keyed order, forwards or backwards. */
static void
load_keyed_page (AssayEntryList *self,
                 sqlite3 *db,
                 guint64 start,
                 GPtrArray *rows)
{
  guint64 end, from;

  if (!sort_is_reversed (self->sort))
    {
      load_forward_range (self, db, start, PAGE_SIZE, rows);
      return;
    }
  if (start >= self->n_items)
    return;
  /* Backwards positions start .. start + 63 are forward n - 1 - start
   * down to n - 64 - start. */
  end = self->n_items - start;
  from = end > PAGE_SIZE ? end - PAGE_SIZE : 0;
  load_forward_range (self, db, from, (guint) (end - from), rows);
  for (guint i = 0, j = rows->len; j > i + 1; i++, j--)
    {
      gpointer t = rows->pdata[i];

      rows->pdata[i] = rows->pdata[j - 1];
      rows->pdata[j - 1] = t;
    }
}

static Page *
load_page (AssayEntryList *self,
           guint number)
{
  sqlite3 *db = _assay_replica_get_db (self->replica);
  Page *page = g_new0 (Page, 1);
  guint64 start = (guint64) number * PAGE_SIZE;

  page->number = number;
  page->rows = g_ptr_array_new_with_free_func (g_object_unref);
  if (self->account != NULL)
    load_account_page (self, db, start, page->rows);
  else if (sorts_by_key (self))
    load_keyed_page (self, db, start, page->rows);
  else
    load_log_page (self, db, start, page->rows);
  return page;
}

static Page *
get_page (AssayEntryList *self,
          guint number)
{
  Page *page;

  for (GList *l = self->pages.head; l != NULL; l = l->next)
    if (((Page *) l->data)->number == number)
      {
        page = l->data;
        g_queue_unlink (&self->pages, l);
        g_queue_push_head_link (&self->pages, l);
        return page;
      }

  page = load_page (self, number);
  g_queue_push_head (&self->pages, page);
  while (self->pages.length > N_PAGES)
    page_free (g_queue_pop_tail (&self->pages));
  return page;
}

static void
refresh (AssayEntryList *self)
{
  guint old = self->n_items;

  drop_pages (self);
  self->n_items = count_items (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->n_items);
}

static void
replica_changed_cb (AssayEntryList *self,
                    AssayReplica *replica)
{
  refresh (self);
}

/* ---- GListModel ------------------------------------------------------------------- */

static GType
assay_entry_list_get_item_type (GListModel *model)
{
  return ASSAY_TYPE_ENTRY_ROW;
}

static guint
assay_entry_list_get_n_items (GListModel *model)
{
  return ASSAY_ENTRY_LIST (model)->n_items;
}

static gpointer
assay_entry_list_get_item (GListModel *model,
                           guint position)
{
  AssayEntryList *self = ASSAY_ENTRY_LIST (model);
  Page *page;

  if (position >= self->n_items)
    return NULL;
  page = get_page (self, position / PAGE_SIZE);
  if (position % PAGE_SIZE >= page->rows->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (page->rows, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = assay_entry_list_get_item_type;
  iface->get_n_items = assay_entry_list_get_n_items;
  iface->get_item = assay_entry_list_get_item;
}

/* ---- GObject -------------------------------------------------------------------------- */

static void
assay_entry_list_constructed (GObject *object)
{
  AssayEntryList *self = ASSAY_ENTRY_LIST (object);

  G_OBJECT_CLASS (assay_entry_list_parent_class)->constructed (object);
  g_signal_connect_object (self->replica, "changed", G_CALLBACK (replica_changed_cb),
                           self, G_CONNECT_SWAPPED);
  self->n_items = count_items (self);
}

static void
assay_entry_list_finalize (GObject *object)
{
  AssayEntryList *self = ASSAY_ENTRY_LIST (object);

  drop_pages (self);
  g_array_unref (self->keys);
  g_clear_object (&self->replica);
  g_free (self->account);
  G_OBJECT_CLASS (assay_entry_list_parent_class)->finalize (object);
}

static void
assay_entry_list_get_property (GObject *object,
                               guint prop_id,
                               GValue *value,
                               GParamSpec *pspec)
{
  AssayEntryList *self = ASSAY_ENTRY_LIST (object);

  switch (prop_id)
    {
    case PROP_REPLICA:
      g_value_set_object (value, self->replica);
      break;
    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;
    case PROP_SORT:
      g_value_set_enum (value, self->sort);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_entry_list_set_property (GObject *object,
                               guint prop_id,
                               const GValue *value,
                               GParamSpec *pspec)
{
  AssayEntryList *self = ASSAY_ENTRY_LIST (object);

  switch (prop_id)
    {
    case PROP_REPLICA:
      self->replica = g_value_dup_object (value);
      break;
    case PROP_ACCOUNT:
      assay_entry_list_set_account (self, g_value_get_string (value));
      break;
    case PROP_SORT:
      assay_entry_list_set_sort (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_entry_list_class_init (AssayEntryListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = assay_entry_list_constructed;
  object_class->finalize = assay_entry_list_finalize;
  object_class->get_property = assay_entry_list_get_property;
  object_class->set_property = assay_entry_list_set_property;

  properties[PROP_REPLICA] =
    g_param_spec_object ("replica", NULL, NULL, ASSAY_TYPE_REPLICA,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT] =
    g_param_spec_string ("account", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT] =
    g_param_spec_enum ("sort", NULL, NULL, ASSAY_TYPE_ENTRY_LIST_SORT,
                       ASSAY_ENTRY_LIST_SORT_INDEX_ASC,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
assay_entry_list_init (AssayEntryList *self)
{
  g_queue_init (&self->pages);
  self->keys = g_array_new (FALSE, FALSE, sizeof (KeyStart));
  self->account_id = -1;
}

AssayEntryList *
assay_entry_list_new (AssayReplica *replica)
{
  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  return g_object_new (ASSAY_TYPE_ENTRY_LIST, "replica", replica, NULL);
}

AssayReplica *
assay_entry_list_get_replica (AssayEntryList *self)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_LIST (self), NULL);
  return self->replica;
}

const char *
assay_entry_list_get_account (AssayEntryList *self)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_LIST (self), NULL);
  return self->account;
}

void
assay_entry_list_set_account (AssayEntryList *self,
                              const char *account)
{
  g_return_if_fail (ASSAY_IS_ENTRY_LIST (self));

  if (account != NULL && account[0] == '\0')
    account = NULL;
  if (g_strcmp0 (self->account, account) == 0)
    return;
  g_free (self->account);
  self->account = g_strdup (account);
  if (self->replica != NULL)
    refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

gboolean
assay_entry_list_can_sort (AssayEntryList *self,
                           AssayEntryListSort sort)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_LIST (self), FALSE);
  return sort_available (self->account, sort);
}

AssayEntryListSort
assay_entry_list_get_sort (AssayEntryList *self)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_LIST (self), ASSAY_ENTRY_LIST_SORT_INDEX_ASC);
  return self->sort;
}

void
assay_entry_list_set_sort (AssayEntryList *self,
                           AssayEntryListSort sort)
{
  g_return_if_fail (ASSAY_IS_ENTRY_LIST (self));

  if (self->sort == sort)
    return;
  self->sort = sort;
  if (self->replica != NULL)
    refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}
