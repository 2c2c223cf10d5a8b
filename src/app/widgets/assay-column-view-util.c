/* assay-column-view-util.c — what GtkColumnView of GTK 4.8 lacks, shared by the tables
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

#include "assay-column-view-util.h"

static GtkWidget *
find_title_label (GtkWidget  *widget,
                  const char *title)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), title) == 0)
    return widget;
  if (GTK_IS_SCROLLED_WINDOW (widget) || GTK_IS_LIST_VIEW (widget))
    return NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_title_label (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
assay_column_view_set_header_tooltip (GtkColumnView       *view,
                                      GtkColumnViewColumn *column,
                                      const char          *tooltip)
{
  GtkWidget *label = find_title_label (GTK_WIDGET (view), gtk_column_view_column_get_title (column));
  GtkWidget *title = label != NULL ? gtk_widget_get_parent (label) : NULL;

  /* The title holds a box with the label and the sort arrow. */
  while (title != NULL && gtk_widget_get_parent (title) != NULL &&
         !GTK_IS_COLUMN_VIEW (gtk_widget_get_parent (gtk_widget_get_parent (title))))
    title = gtk_widget_get_parent (title);
  if (title != NULL)
    gtk_widget_set_tooltip_text (title, tooltip);
}

void
assay_column_view_append_sorted_column (GtkColumnView *view,
                                        const char    *title,
                                        GType          item_type,
                                        const char    *name_property,
                                        const char    *property,
                                        GCallback      setup,
                                        GCallback      bind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;
  GtkSorter *sorter;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  g_signal_connect (factory, "setup", setup, (gpointer) property);
  g_signal_connect (factory, "bind", bind, (gpointer) property);
  column = gtk_column_view_column_new (title, factory);
  if (property == NULL)
    {
      sorter = GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (item_type, NULL, name_property)));
      gtk_column_view_column_set_expand (column, TRUE);
    }
  else
    sorter = GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (item_type, NULL, property)));
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_append_column (view, column);
  g_object_unref (sorter);
  g_object_unref (column);
}
