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

#define PAGE_SIZE 256
#define N_PAGES   8

typedef struct
{
  guint      number;
  GPtrArray *rows;   /* of AssayEntryRow */
} Page;

struct _AssayEntryList
{
  GObject             parent_instance;
  AssayReplica       *replica;
  char               *account;
  AssayEntryListSort  sort;
  guint               n_items;
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

static gboolean
sorts_records (AssayEntryList *self)
{
  return self->sort == ASSAY_ENTRY_LIST_SORT_EVENT_DAY ||
         (self->sort == ASSAY_ENTRY_LIST_SORT_POINTS_DESC && self->account != NULL);
}

static guint
count_items (AssayEntryList *self)
{
  sqlite3 *db = _assay_replica_get_db (self->replica);
  sqlite3_stmt *stmt = NULL;
  guint64 n = 0;

  if (self->account != NULL)
    {
      if (sqlite3_prepare_v2 (db, "SELECT n_events + n_redemptions FROM accounts WHERE account = ?",
                              -1, &stmt, NULL) == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, self->account, -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            n = sqlite3_column_int64 (stmt, 0);
        }
      sqlite3_finalize (stmt);
    }
  else if (sorts_records (self))
    n = _assay_db_meta_get_int (db, "n_events", 0) + _assay_db_meta_get_int (db, "n_redemptions", 0);
  else
    n = assay_replica_get_size (self->replica);

  return (guint) MIN (n, (guint64) G_MAXUINT);
}

/* The query for one page; ?1 = account, ?2 = offset or first index. */
static const char *
page_sql (AssayEntryList *self)
{
#define FROM_RECORDS " FROM records r JOIN entries e ON e.idx = r.idx "
#define FROM_ENTRIES " FROM entries e LEFT JOIN records r ON r.idx = e.idx "
  if (self->account != NULL)
    switch (self->sort)
      {
      case ASSAY_ENTRY_LIST_SORT_INDEX_DESC:
        return "SELECT " ASSAY_ENTRY_ROW_COLUMNS FROM_RECORDS
               "WHERE r.account = ?1 ORDER BY r.idx DESC LIMIT 256 OFFSET ?2";
      case ASSAY_ENTRY_LIST_SORT_EVENT_DAY:
        return "SELECT " ASSAY_ENTRY_ROW_COLUMNS FROM_RECORDS
               "WHERE r.account = ?1 ORDER BY r.event_day, r.idx LIMIT 256 OFFSET ?2";
      case ASSAY_ENTRY_LIST_SORT_POINTS_DESC:
        return "SELECT " ASSAY_ENTRY_ROW_COLUMNS FROM_RECORDS
               "WHERE r.account = ?1 ORDER BY r.points DESC, r.idx LIMIT 256 OFFSET ?2";
      case ASSAY_ENTRY_LIST_SORT_INDEX_ASC:
      default:
        return "SELECT " ASSAY_ENTRY_ROW_COLUMNS FROM_RECORDS
               "WHERE r.account = ?1 ORDER BY r.idx LIMIT 256 OFFSET ?2";
      }

  /* Every leaf has an entries row, so position and index map directly. */
  switch (self->sort)
    {
    case ASSAY_ENTRY_LIST_SORT_INDEX_DESC:
      return "SELECT " ASSAY_ENTRY_ROW_COLUMNS FROM_ENTRIES
             "WHERE e.idx <= ?2 ORDER BY e.idx DESC LIMIT 256";
    case ASSAY_ENTRY_LIST_SORT_EVENT_DAY:
      return "SELECT " ASSAY_ENTRY_ROW_COLUMNS FROM_RECORDS
             "ORDER BY r.event_day, r.idx LIMIT 256 OFFSET ?2";
    case ASSAY_ENTRY_LIST_SORT_INDEX_ASC:
    case ASSAY_ENTRY_LIST_SORT_POINTS_DESC:
    default:
      return "SELECT " ASSAY_ENTRY_ROW_COLUMNS FROM_ENTRIES
             "WHERE e.idx >= ?2 ORDER BY e.idx LIMIT 256";
    }
#undef FROM_RECORDS
#undef FROM_ENTRIES
}

static Page *
load_page (AssayEntryList *self,
           guint number)
{
  sqlite3 *db = _assay_replica_get_db (self->replica);
  sqlite3_stmt *stmt = NULL;
  Page *page = g_new0 (Page, 1);
  gint64 start = (gint64) number * PAGE_SIZE;

  page->number = number;
  page->rows = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->account == NULL && self->sort == ASSAY_ENTRY_LIST_SORT_INDEX_DESC)
    start = (gint64) assay_replica_get_size (self->replica) - 1 - start;

  if (sqlite3_prepare_v2 (db, page_sql (self), -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, self->account, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, start);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (page->rows, _assay_entry_row_new_from_stmt (stmt));
    }
  else
    g_warning ("Cannot read entries from the replica: %s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
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
      g_value_set_int (value, self->sort);
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
      assay_entry_list_set_sort (self, g_value_get_int (value));
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
    g_param_spec_int ("sort", NULL, NULL, ASSAY_ENTRY_LIST_SORT_INDEX_ASC,
                      ASSAY_ENTRY_LIST_SORT_POINTS_DESC, ASSAY_ENTRY_LIST_SORT_INDEX_ASC,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
assay_entry_list_init (AssayEntryList *self)
{
  g_queue_init (&self->pages);
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
