/* assay-entry-table.h — a column view of ledger entries over an AssayEntryList
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

#include <gtk/gtk.h>

#include "assay-entry-list.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_ENTRY_TABLE (assay_entry_table_get_type ())

G_DECLARE_FINAL_TYPE (AssayEntryTable, assay_entry_table, ASSAY, ENTRY_TABLE, GtkWidget)

/* A GtkColumnView over an AssayEntryList (index, event date, account,
 * dimension, points, county, issuer, a details button).  Clicking a header
 * sorts, both ways, where the list can sort cheaply
 * (assay_entry_list_can_sort); the other headers say why they do not.
 *
 * Properties: "list" (AssayEntryList), "show-account" (boolean),
 * "selected-row" (AssayEntryRow, read-only).
 * Signals: void entry-activated (AssayEntryTable *self, AssayEntryRow *row)
 *          void details-requested (AssayEntryTable *self, AssayEntryRow *row):
 *          the row's details button was clicked */

GtkWidget      *assay_entry_table_new              (void);
AssayEntryList *assay_entry_table_get_list         (AssayEntryTable *self);
void            assay_entry_table_set_list         (AssayEntryTable *self,
                                                    AssayEntryList  *list);
void            assay_entry_table_set_show_account (AssayEntryTable *self,
                                                    gboolean         show_account);
/* Selects the row at `position` (G_MAXUINT: none). */
void            assay_entry_table_select           (AssayEntryTable *self,
                                                    guint            position);
AssayEntryRow  *assay_entry_table_get_selected_row (AssayEntryTable *self);
/* Gives the keyboard focus to the table, and its cursor to the selected row. */
void            assay_entry_table_focus_selected   (AssayEntryTable *self);
GtkColumnView  *assay_entry_table_get_column_view  (AssayEntryTable *self);

G_END_DECLS
