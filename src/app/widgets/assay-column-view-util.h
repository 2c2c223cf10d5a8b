/* assay-column-view-util.h — what GtkColumnView of GTK 4.8 lacks, shared by the tables
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

G_BEGIN_DECLS

/* GTK 4.8 has no tooltip for a column header: puts `tooltip` on the
 * header's title widget, the ancestor of the label that shows the
 * column's title (call it once the view has its columns). */
void assay_column_view_set_header_tooltip (GtkColumnView       *view,
                                           GtkColumnViewColumn *column,
                                           const char          *tooltip);

/* Appends a column titled `title` whose cells the factory callbacks
 * `setup` and `bind` make, each given `property` as its data, and that
 * sorts by that number property of `item_type`; when `property` is
 * NULL, by the string property `name_property`, in a column that takes
 * the spare width. */
void assay_column_view_append_sorted_column (GtkColumnView *view,
                                             const char    *title,
                                             GType          item_type,
                                             const char    *name_property,
                                             const char    *property,
                                             GCallback      setup,
                                             GCallback      bind);

G_END_DECLS
